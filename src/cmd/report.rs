//! `kb report [NAME]`: print a ready-made report, or list them.

use std::io::Write;

use kb::query::{self, REPORTS};
use kb::{Error, Result};
use rusqlite::Connection;

use crate::cli::Format;
use crate::output;

pub fn run(conn: &Connection, name: &str, format: Format, out: &mut dyn Write) -> Result<()> {
    let report = query::report(name).ok_or_else(|| {
        let names: Vec<&str> = REPORTS.iter().map(|r| r.name).collect();
        Error::NotFound(format!(
            "there is no report '{name}'; the reports are: {}",
            names.join(", ")
        ))
    })?;
    let mut sink = output::sink(format, out);
    query::run_report(conn, report, sink.as_mut())?;
    sink.finish()
}

/// One line per report: its name, what it shows and the view behind it.
pub fn list(out: &mut dyn Write) -> Result<()> {
    let width = REPORTS.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for report in REPORTS {
        writeln!(
            out,
            "{:<width$}  {} (view {})",
            report.name, report.about, report.view
        )
        .map_err(|source| Error::Io {
            path: "standard output".into(),
            source,
        })?;
    }
    Ok(())
}
