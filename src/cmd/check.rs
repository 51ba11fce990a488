//! `kb check`: every finding on its own line, or a one-line summary when there are none.

use std::io::Write;
use std::path::Path;

use kb::{check, Error, Result};
use rusqlite::Connection;

pub fn run(conn: &mut Connection, path: &Path, out: &mut dyn Write) -> Result<()> {
    let (findings, checked) = check::check(conn)?;
    let write_error = |source| Error::Io {
        path: "standard output".into(),
        source,
    };
    for finding in &findings {
        writeln!(out, "{finding}").map_err(write_error)?;
    }
    if findings.is_empty() {
        writeln!(
            out,
            "ok: {} has no problems ({} rows, {} quotes, {} dates, {} migrations checked; \
             integrity and foreign keys ok)",
            path.display(),
            checked.rows,
            checked.quotes,
            checked.dates,
            checked.migrations
        )
        .map_err(write_error)?;
        Ok(())
    } else {
        Err(Error::Findings(findings.len()))
    }
}
