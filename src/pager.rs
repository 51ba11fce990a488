//! Paging like git: at a terminal, long output goes through $PAGER (`less -FRX` by default,
//! which prints output that fits the screen and quits); never when output is piped.

use std::io::{IsTerminal, Write};
use std::process::{Child, Command, Stdio};

/// A running pager and the pipe to it.
pub struct Pager {
    child: Child,
}

impl Pager {
    /// Starts the pager when standard output is a terminal and paging is wanted; None
    /// otherwise, or when no pager can be started (output then goes straight to the
    /// terminal, as it would without one).
    pub fn start(wanted: bool) -> Option<Pager> {
        if !wanted || !std::io::stdout().is_terminal() {
            return None;
        }
        let command = std::env::var("KB_PAGER")
            .or_else(|_| std::env::var("PAGER"))
            .unwrap_or_else(|_| "less -FRX".into());
        if command.trim().is_empty() || command.trim() == "cat" {
            return None;
        }
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(&command).stdin(Stdio::piped());
        if std::env::var_os("LESS").is_none() {
            shell.env("LESS", "FRX");
        }
        shell.spawn().ok().map(|child| Pager { child })
    }

    /// Where the output goes.
    pub fn input(&mut self) -> &mut dyn Write {
        self.child
            .stdin
            .as_mut()
            .expect("the pager's input is piped")
    }

    /// Closes the pager's input and waits until the person has read the output and left.
    pub fn wait(mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
