//! Color and emphasis for people at a terminal: on only when standard output is a terminal,
//! NO_COLOR is unset and --color does not say otherwise.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Effects, Style as Ansi};

use crate::cli::ColorChoice;

/// How text is emphasised: with ANSI styles, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    color: bool,
}

impl Style {
    /// The style for standard output, after --color, NO_COLOR and whether it is a terminal.
    pub fn for_stdout(choice: ColorChoice) -> Self {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Style { color }
    }

    fn paint(&self, style: Ansi, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    pub fn title(&self, text: &str) -> String {
        self.paint(Ansi::new().effects(Effects::BOLD), text)
    }

    pub fn header(&self, text: &str) -> String {
        self.paint(
            Ansi::new().effects(Effects::BOLD | Effects::UNDERLINE),
            text,
        )
    }

    pub fn date(&self, text: &str) -> String {
        self.paint(Ansi::new().fg_color(Some(AnsiColor::Green.into())), text)
    }

    pub fn marker(&self, text: &str) -> String {
        self.paint(Ansi::new().fg_color(Some(AnsiColor::Cyan.into())), text)
    }

    /// A matched word: bold with color, in [brackets] without.
    pub fn matched(&self, text: &str) -> String {
        if self.color {
            self.paint(
                Ansi::new()
                    .effects(Effects::BOLD)
                    .fg_color(Some(AnsiColor::Yellow.into())),
                text,
            )
        } else {
            format!("[{text}]")
        }
    }
}
