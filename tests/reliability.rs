//! Reliability tests, a test binary of their own: the real `kb` killed with SIGKILL in the
//! middle of loads (`crash`), readers running while a load writes (`concurrency`), and
//! property tests of the date parser and the loader (`properties`). `common` generates the
//! big valid seed the first two load and inspects knowledge base files.
//!
//! `cargo test --test reliability -- --nocapture` also prints what the crash test saw.

#[path = "reliability/common.rs"]
mod common;
#[path = "reliability/concurrency.rs"]
mod concurrency;
#[path = "reliability/crash.rs"]
mod crash;
#[path = "reliability/properties.rs"]
mod properties;
// The CLI tests' harness, for its copy of a folder; the rest of it is not used here.
#[allow(dead_code)]
#[path = "cli/workdir.rs"]
mod workdir;
