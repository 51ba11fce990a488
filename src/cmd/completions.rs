//! `kb completions SHELL`: a completion script for bash, zsh, fish, elvish or PowerShell.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;
use kb::{Error, Result};

use crate::cli::Cli;

/// The script is made in memory first: clap_complete panics on a failed write (a full disk).
pub fn run(shell: Shell, out: &mut dyn Write) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kb", &mut script);
    out.write_all(&script).map_err(Error::stdout)
}
