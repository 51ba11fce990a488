//! The one integration test binary: runs the real `kb` in throwaway folders (see `workdir`),
//! a module per command, plus the article's facts checked against a built knowledge base.

mod check;
mod cite;
mod explore;
mod export;
mod facts;
mod init;
mod load;
mod migrate;
mod new;
mod plans;
mod python;
mod reading;
mod report;
mod safety;
mod sql;
mod workdir;
