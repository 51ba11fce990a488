//! `kb search TEXT`: ranked full-text hits, each with its kind and a snippet.

use std::io::Write;

use kb::{query, Result};
use rusqlite::Connection;

use crate::cli::Format;
use crate::output;

pub fn run(
    conn: &Connection,
    text: &[String],
    limit: u32,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let mut sink = output::sink(format, out);
    query::search(conn, &text.join(" "), limit, sink.as_mut())?;
    sink.finish()
}
