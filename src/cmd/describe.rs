//! `kb describe [TABLE]`: the file's own documentation. Without TABLE, the data set (title,
//! source, licence, kb version) then every table and view; with TABLE, that table and then
//! its columns. One row set either way, so every --format gives one well-formed document.

use std::io::Write;

use kb::{describe, Result};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::cli::Format;
use crate::output;

use crate::cli::DescribeArgs;
use crate::context::Context;

fn text(value: Option<String>) -> Value {
    value.map_or(Value::Null, Value::Text)
}

fn print(
    conn: &Connection,
    table: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    match table {
        None => overview(conn, format, out),
        Some(name) => one_table(conn, name, format, out),
    }
}

/// Rows `name, kind, description`: the data set's facts (kind `dataset`, the value as the
/// description), then each table and view.
fn overview(conn: &Connection, format: Format, out: &mut dyn Write) -> Result<()> {
    let dataset = describe::dataset(conn)?;
    let tables = describe::tables(conn)?;
    let mut sink = output::sink(format, out);
    sink.columns(&["name", "kind", "description"].map(String::from))?;
    for (key, value) in dataset {
        sink.row(&[
            Value::Text(key),
            Value::Text("dataset".into()),
            Value::Text(value),
        ])?;
    }
    for table in tables {
        sink.row(&[
            Value::Text(table.name),
            Value::Text(table.kind),
            text(table.description),
        ])?;
    }
    sink.finish()
}

/// Rows `name, type, description, unit, example`: first the table itself (its kind as the
/// type), then each column with its declared type.
fn one_table(conn: &Connection, name: &str, format: Format, out: &mut dyn Write) -> Result<()> {
    let table = describe::table(conn, name)?;
    let columns = describe::columns(conn, &table.name)?;
    let mut sink = output::sink(format, out);
    sink.columns(&["name", "type", "description", "unit", "example"].map(String::from))?;
    sink.row(&[
        Value::Text(table.name),
        Value::Text(table.kind),
        text(table.description),
        Value::Null,
        Value::Null,
    ])?;
    for column in columns {
        sink.row(&[
            Value::Text(column.name),
            Value::Text(column.declared_type),
            text(column.description),
            text(column.unit),
            text(column.example),
        ])?;
    }
    sink.finish()
}

/// `kb describe [TABLE]`.
pub fn run(args: &DescribeArgs, ctx: &mut Context) -> Result<()> {
    let conn = ctx.reading()?;
    print(&conn, args.table.as_deref(), args.format, ctx.out)
}
