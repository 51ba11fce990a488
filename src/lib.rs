//! kb's knowledge base: the schema and its migrations, the seed loader and the queries. Nothing
//! here knows about the terminal; the `kb` binary parses arguments and prints.

pub mod build;
pub mod check;
pub mod check_rules;
pub mod citing;
pub mod content;
pub mod datapackage;
pub mod dates;
pub mod db;
pub mod describe;
pub mod error;
pub mod export;
pub mod humanize;
pub mod load;
pub mod names;
pub mod paths;
pub mod query;
pub mod reading;
pub mod schema;
pub mod search_index;
pub mod seed;
pub mod show;
pub mod skeleton;
pub mod timeline_svg;
pub mod values;

#[cfg(test)]
mod testing;

pub use error::{Error, Result};
