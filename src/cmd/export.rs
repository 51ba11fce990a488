//! `kb export DIR`: the knowledge base written out in the seed layout.

use std::io::Write;
use std::path::Path;

use kb::{export, Error, Result};
use rusqlite::Connection;

use crate::cli::ExportArgs;
use crate::context::Context;

fn write(conn: &Connection, dir: &Path, out: &mut dyn Write) -> Result<()> {
    let counts = export::export(conn, dir)?;
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    writeln!(
        out,
        "exported {total} rows in {} tables to {}",
        counts.len(),
        dir.display()
    )
    .map_err(Error::stdout)
}

/// `kb export DIR`.
pub fn run(args: &ExportArgs, ctx: &mut Context) -> Result<()> {
    let conn = ctx.reading()?;
    write(&conn, &args.dir, ctx.out)
}
