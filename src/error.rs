//! The errors the knowledge base reports: each one a value that knows where it happened.

use std::fmt;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in a seed folder something is wrong: file, line and column (the header name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn line(file: impl Into<String>, line: u64) -> Self {
        Location {
            line: Some(line),
            ..Location::file(file)
        }
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A seed file breaks a rule; nothing was loaded.
    #[error("{location}: {message}")]
    Seed { location: Location, message: String },

    /// `kb sql` was asked for something other than reading.
    #[error("{0}")]
    NotReadOnly(String),

    /// kb will not do what was asked, since it would lose, overwrite or leak data (or the
    /// path given cannot be what it stands for); the message says what to do instead.
    #[error("{0}")]
    Refused(String),

    /// The command line asks for something that does not go together (a filter a report
    /// does not take, a picture of a report that is no timeline); exit code 2, as clap's own.
    #[error("{0}")]
    Usage(String),

    /// The user asked for something kb does not have (a report, a name).
    #[error("{0}")]
    NotFound(String),

    /// A name fits several things; the message lists them.
    #[error("{0}")]
    Ambiguous(String),

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("migration failed: {0}")]
    Migration(#[from] refinery::Error),

    #[error("{0}")]
    Schema(String),

    /// The thread that builds the search index beside a load could not do its part.
    #[error("building the search index: {0}")]
    SearchIndex(String),

    /// A seed has problems, every one found in one run, sorted by file and line.
    #[error("{}", seed_refused(.0.len()))]
    Problems(Vec<Error>),

    /// `kb check` found problems; they were printed one per line.
    #[error("kb check found {}", problems(*.0))]
    Findings(usize),

    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A value the chosen output format cannot hold (NaN or infinity in JSON).
    #[error("{0}")]
    Output(String),

    /// `kb sql` could not run a statement: a syntax error, a NUL, a second statement, a timeout.
    #[error("{0}")]
    Query(String),
}

impl Error {
    /// Writing to standard output failed (a closed pipe, a full disk).
    pub fn stdout(source: std::io::Error) -> Self {
        Error::Io {
            path: "standard output".into(),
            source,
        }
    }

    /// Where a seed problem is, for sorting problems by file and line.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Seed { location, .. } => Some(location),
            _ => None,
        }
    }

    pub fn seed(location: Location, message: impl Into<String>) -> Self {
        Error::Seed {
            location,
            message: message.into(),
        }
    }
}

/// "1 problem", "2 problems".
fn problems(n: usize) -> String {
    crate::humanize::counted(n as u64, "problem", "problems")
}

/// The last line of a refused seed's problems.
pub fn seed_refused(problems_found: usize) -> String {
    format!(
        "{} in the seed; nothing was written",
        problems(problems_found)
    )
}
