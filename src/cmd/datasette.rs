//! `kb datasette-metadata [--output FILE]`: the file's documentation as a Datasette metadata
//! file, so that `datasette kb.db -m metadata.json` shows its titles, descriptions, source
//! and licence.

use std::fs;
use std::io::Write;
use std::path::Path;

use kb::{describe, paths, Error, Result};
use rusqlite::Connection;

use crate::cli::DatasetteMetadataArgs;
use crate::context::Context;

fn write(
    conn: &Connection,
    db_path: &Path,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    // Datasette names a database after its file name without the extension.
    let database = db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kb".into());
    let metadata = describe::datasette_metadata(conn, &database)?;
    let settings: String = describe::datasette_settings(conn)?
        .iter()
        .map(|(name, value)| format!(" --setting {name} {value}"))
        .collect();
    let mut json = serde_json::to_string_pretty(&metadata).map_err(|e| Error::stdout(e.into()))?;
    json.push('\n');
    match output {
        None => out.write_all(json.as_bytes()).map_err(Error::stdout),
        Some(file) => {
            paths::output_file(file, db_path)?;
            fs::write(file, json).map_err(|source| Error::Io {
                path: file.to_path_buf(),
                source,
            })?;
            writeln!(
                out,
                "wrote {}; open the knowledge base with: datasette {} -m {}{settings}",
                file.display(),
                db_path.display(),
                file.display()
            )
            .map_err(Error::stdout)
        }
    }
}

/// `kb datasette-metadata [--output FILE]`.
pub fn run(args: &DatasetteMetadataArgs, ctx: &mut Context) -> Result<()> {
    let conn = ctx.reading()?;
    write(&conn, &ctx.db, args.output.as_deref(), ctx.out)
}
