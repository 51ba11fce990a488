//! `kb completions SHELL`: a completion script for bash, zsh, fish, elvish or PowerShell.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn run(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "kb", out);
}
