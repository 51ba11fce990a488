//! One module per command; each exposes `run` and leaves error printing to main.

pub mod check;
pub mod export;
pub mod init;
pub mod migrate;
pub mod report;
pub mod sql;
