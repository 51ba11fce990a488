//! One module per command, each with one entry, `run(&args, &mut Context)`; errors are left
//! to main to print.

pub mod check;
pub mod cite;
pub mod completions;
pub mod datasette;
pub mod describe;
pub mod export;
pub mod init;
pub mod migrate;
pub mod new;
pub mod report;
pub mod search;
pub mod show;
pub mod sql;
