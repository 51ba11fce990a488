//! `kb sql [QUERY]`: run one read-only statement and print its rows.

use std::io::{Read, Write};
use std::time::Duration;

use kb::{query, Error, Result};
use rusqlite::Connection;

use crate::cli::Format;
use crate::output;

use crate::cli::SqlArgs;
use crate::context::Context;

fn print(
    conn: &mut Connection,
    sql: Option<&str>,
    format: Format,
    timeout: Duration,
    out: &mut dyn Write,
) -> Result<()> {
    let from_stdin;
    let sql = match sql {
        Some(sql) => sql,
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|source| Error::Io {
                    path: "standard input".into(),
                    source,
                })?;
            from_stdin = text;
            &from_stdin
        }
    };
    let mut sink = output::sink(format, out);
    query::run_sql(conn, sql, timeout, sink.as_mut())?;
    sink.finish()
}

/// `kb sql [QUERY] [--timeout SECONDS]`.
pub fn run(args: &SqlArgs, ctx: &mut Context) -> Result<()> {
    let mut conn = ctx.reading()?;
    let timeout = Duration::from_secs_f64(args.timeout);
    print(
        &mut conn,
        args.query.as_deref(),
        args.format,
        timeout,
        ctx.out,
    )
}
