//! One module per command; each exposes `run` and leaves error printing to main.

pub mod init;
pub mod migrate;
pub mod report;
pub mod sql;
