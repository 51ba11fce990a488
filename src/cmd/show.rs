//! `kb show NAME-OR-ID`: one entity's attributes, then every fact linked to it.

use std::io::Write;

use kb::show::Dossier;
use kb::{names, show, Error, Result};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::cli::Format;
use crate::output;

pub fn run(conn: &Connection, name: &str, format: Format, out: &mut dyn Write) -> Result<()> {
    let entity = names::resolve_one(conn, &[], name)?;
    let dossier = show::dossier(conn, &entity)?;
    match format {
        Format::Json => write_json(&dossier, out),
        Format::Csv => write_rows(&dossier.fact_columns, &dossier.facts, format, out),
        Format::Table | Format::Markdown => {
            let heading = format!("{} {}: {}", entity.kind, entity.id, entity.name);
            let write_error = |source| Error::Io {
                path: "standard output".into(),
                source,
            };
            if format == Format::Markdown {
                writeln!(out, "## {heading}\n").map_err(write_error)?;
            } else {
                writeln!(out, "{heading}").map_err(write_error)?;
            }
            let attributes: Vec<Vec<Value>> = dossier
                .attributes
                .iter()
                .map(|(field, value)| vec![Value::Text(field.clone()), value.clone()])
                .collect();
            write_rows(&["field".into(), "value".into()], &attributes, format, out)?;
            writeln!(out).map_err(write_error)?;
            write_rows(&dossier.fact_columns, &dossier.facts, format, out)
        }
    }
}

fn write_rows(
    columns: &[String],
    rows: &[Vec<Value>],
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let mut sink = output::sink(format, out);
    sink.columns(columns)?;
    for row in rows {
        sink.row(row)?;
    }
    sink.finish()
}

fn write_json(dossier: &Dossier, out: &mut dyn Write) -> Result<()> {
    let attributes: serde_json::Map<String, serde_json::Value> = dossier
        .attributes
        .iter()
        .map(|(field, value)| (field.clone(), output::json(value)))
        .collect();
    let facts: Vec<serde_json::Value> = dossier
        .facts
        .iter()
        .map(|row| {
            serde_json::Value::Object(
                dossier
                    .fact_columns
                    .iter()
                    .cloned()
                    .zip(row.iter().map(output::json))
                    .collect(),
            )
        })
        .collect();
    let document = serde_json::json!({
        "kind": dossier.entity.kind,
        "id": dossier.entity.id,
        "name": dossier.entity.name,
        "attributes": attributes,
        "facts": facts,
    });
    serde_json::to_writer_pretty(&mut *out, &document)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .map_err(|source| Error::Io {
            path: "standard output".into(),
            source,
        })
}
