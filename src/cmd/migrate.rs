//! `kb migrate up` and `kb migrate status`: applying the migrations built into kb, and
//! listing them with whether the file has them.

use std::io::Write;

use kb::{db, Result};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::cli::Format;
use crate::output;

use crate::cli::{MigrateAction, MigrateArgs};
use crate::context::Context;

fn status(conn: &mut Connection, format: Format, out: &mut dyn Write) -> Result<()> {
    let states = db::migration_status(conn)?;
    let mut sink = output::sink(format, out);
    let columns = ["version", "name", "state", "applied_on"].map(String::from);
    sink.columns(&columns)?;
    for state in states {
        let (label, applied_on) = match state.applied_on {
            Some(when) => ("applied", Value::Text(when)),
            None => ("pending", Value::Null),
        };
        sink.row(&[
            Value::Integer(state.version),
            Value::Text(state.name),
            Value::Text(label.into()),
            applied_on,
        ])?;
    }
    sink.finish()
}

fn up(conn: &mut Connection, out: &mut dyn Write) -> Result<()> {
    let applied = db::migrate(conn)?;
    let line = if applied.is_empty() {
        "migrations: none pending".to_string()
    } else {
        format!("migrations applied: {}", applied.join(", "))
    };
    writeln!(out, "{line}").map_err(kb::Error::stdout)
}

/// `kb migrate status|up`.
pub fn run(args: &MigrateArgs, ctx: &mut Context) -> Result<()> {
    let mut conn = ctx.writable()?;
    match &args.action {
        MigrateAction::Up => up(&mut conn, ctx.out),
        MigrateAction::Status { format } => status(&mut conn, *format, ctx.out),
    }
}
