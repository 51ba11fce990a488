//! `kb completions SHELL`: a completion script for bash, zsh, fish, elvish or PowerShell.

use clap::CommandFactory;
use kb::{Error, Result};

use crate::cli::Cli;

use crate::cli::CompletionsArgs;
use crate::context::Context;

/// The script is made in memory first: clap_complete panics on a failed write (a full disk).
pub fn run(args: &CompletionsArgs, ctx: &mut Context) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "kb", &mut script);
    ctx.out.write_all(&script).map_err(Error::stdout)
}
