//! `kb show NAME-OR-ID`: the dossier of one entity. At a terminal it is a card (name, kind,
//! country, offices, other names…), then the facts in date order with their roles and the
//! people involved, then the sentences they come from; other formats give the entity's own
//! row and every fact with all its columns.

use std::io::Write;

use kb::query::RowSink;
use kb::reading::{self, Names};
use kb::show::Dossier;
use kb::{names, show, Error, Result};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::briefing::{fit, title_block, Briefing, Heading};
use crate::cli::Format;
use crate::output::{self, Finish};
use crate::style::Style;

use crate::cli::ShowArgs;
use crate::context::Context;

fn print(
    conn: &Connection,
    name: &str,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let entity = names::resolve_one(conn, &[], name)?;
    let dossier = show::dossier(conn, &entity)?;
    match format {
        Format::Json => write_json(&dossier, out),
        Format::Csv => write_rows(&dossier.fact_columns, &dossier.facts, format, out),
        Format::Markdown => {
            let heading = format!("{} {}: {}", entity.kind, entity.id, entity.name);
            writeln!(out, "## {heading}\n").map_err(Error::stdout)?;
            let attributes: Vec<Vec<Value>> = dossier
                .attributes
                .iter()
                .map(|(field, value)| vec![Value::Text(field.clone()), value.clone()])
                .collect();
            write_rows(&["field".into(), "value".into()], &attributes, format, out)?;
            writeln!(out).map_err(Error::stdout)?;
            write_rows(&dossier.fact_columns, &dossier.facts, format, out)
        }
        Format::Table => write_card(conn, &dossier, style, out),
    }
}

/// The card, then the facts as a reading view whose first footnote is the card's own sentence.
fn write_card(
    conn: &Connection,
    dossier: &Dossier,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let entity = &dossier.entity;
    let width = output::reading_width();
    let own = |column: &str| {
        dossier
            .attributes
            .iter()
            .find(|(name, _)| name == column)
            .and_then(|(_, value)| match value {
                Value::Text(text) => Some(text.clone()),
                _ => None,
            })
    };
    let heading = format!("{} ({})", output::cell(&entity.name), entity.kind);
    let mut text = title_block(style, &heading, width);
    let lines = show::card(conn, entity)?;
    let label_width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0).max(6) + 2;
    let mut card_lines = lines;
    let provenance = own("source_id").zip(own("quote"));
    if provenance.is_some() {
        card_lines.push(("Source", "[1]".into()));
    }
    for (label, value) in card_lines {
        let value = output::cell(&value);
        for (i, line) in fit(&value, width.saturating_sub(label_width).max(20))
            .iter()
            .enumerate()
        {
            let lead = if i == 0 {
                format!("{label}:")
            } else {
                String::new()
            };
            text.push_str(&format!("{lead:<label_width$}{line}\n"));
        }
    }
    text.push('\n');
    out.write_all(text.as_bytes()).map_err(Error::stdout)?;

    let facts = dossier.facts.len() as u64;
    let heading = Heading {
        // "About Almaty: 12 facts"; a bare "Facts: 12 facts" said the word twice.
        title: format!("About {}", output::cell(&entity.name)),
        count: Box::new(move || Ok(facts)),
    };
    let names = Names::load(conn)?;
    let mut briefing = Briefing::new(out, &reading::FACTS, names, heading, true, style);
    if let Some((source, quote)) = provenance {
        briefing.note(source, quote);
    }
    briefing.columns(&dossier.fact_columns)?;
    for row in &dossier.facts {
        briefing.row(row)?;
    }
    briefing.finish()
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
        "kind": dossier.entity.kind.as_str(),
        "id": dossier.entity.id,
        "name": dossier.entity.name,
        "attributes": attributes,
        "facts": facts,
    });
    serde_json::to_writer_pretty(&mut *out, &document)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .map_err(Error::stdout)
}

/// `kb show NAME-OR-ID`.
pub fn run(args: &ShowArgs, ctx: &mut Context) -> Result<()> {
    let conn = ctx.reading()?;
    print(&conn, &args.name, args.format, ctx.style, ctx.out)
}
