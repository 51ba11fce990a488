//! kb's knowledge base: the schema and its migrations, the seed loader and the queries. Nothing
//! here knows about the terminal; the `kb` binary parses arguments and prints.

pub mod check;
pub mod dates;
pub mod db;
pub mod error;
pub mod export;
pub mod load;
pub mod query;
pub mod seed;

pub use error::{Error, Result};
