//! `kb check`: every finding on its own line, or a one-line summary when there are none;
//! `kb check --seed DIR`: every problem of a seed folder, as text or as JSON for an editor.

use std::io::Write;
use std::path::Path;

use kb::seed::Seed;
use kb::{check, load, Error, Result};
use rusqlite::Connection;

use crate::cli::CheckFormat;

use crate::cli::CheckArgs;
use crate::context::Context;

fn check_file(conn: &mut Connection, path: &Path, out: &mut dyn Write) -> Result<()> {
    let (findings, checked) = check::check(conn)?;
    for finding in &findings {
        writeln!(out, "{finding}").map_err(Error::stdout)?;
    }
    if findings.is_empty() {
        writeln!(
            out,
            "ok: {} has no problems ({} rows, {} quotes, {} dates, {} migrations checked; \
             integrity, foreign keys and CHECK rules ok)",
            path.display(),
            checked.rows,
            checked.quotes,
            checked.dates,
            checked.migrations
        )
        .map_err(Error::stdout)?;
        Ok(())
    } else {
        Err(Error::Findings(findings.len()))
    }
}

/// `kb check --seed DIR`: every problem of a seed folder, without any knowledge base.
fn seed(dir: &Path, format: CheckFormat, most: usize, out: &mut dyn Write) -> Result<()> {
    let problems = load::check_seed(&Seed::Folder(dir.to_path_buf()))?;
    let shown = &problems[..problems.len().min(most)];
    match format {
        CheckFormat::Json => {
            let objects: Vec<serde_json::Value> = shown.iter().map(problem_json).collect();
            let text =
                serde_json::to_string_pretty(&objects).map_err(|e| Error::stdout(e.into()))?;
            writeln!(out, "{text}").map_err(Error::stdout)?;
        }
        CheckFormat::Text if problems.is_empty() => {
            writeln!(out, "ok: {} is a seed kb loads as it is", dir.display())
                .map_err(Error::stdout)?;
        }
        CheckFormat::Text => {
            for problem in shown {
                writeln!(out, "{problem}").map_err(Error::stdout)?;
            }
            if problems.len() > shown.len() {
                writeln!(
                    out,
                    "… and {} more (--max-problems N shows more)",
                    problems.len() - shown.len()
                )
                .map_err(Error::stdout)?;
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Findings(problems.len()))
    }
}

/// A problem as an object an editor can place: file, line, column and message.
fn problem_json(problem: &Error) -> serde_json::Value {
    match problem {
        Error::Seed { location, message } => serde_json::json!({
            "file": location.file,
            "line": location.line,
            "column": location.column,
            "message": message,
        }),
        other => serde_json::json!({
            "file": null, "line": null, "column": null, "message": other.to_string(),
        }),
    }
}

/// `kb check`, or `kb check --seed DIR`.
pub fn run(args: &CheckArgs, ctx: &mut Context) -> Result<()> {
    match &args.seed {
        Some(dir) => seed(dir, args.format, args.max_problems, ctx.out),
        None => {
            let mut conn = ctx.existing()?;
            check_file(&mut conn, &ctx.db, ctx.out)
        }
    }
}
