//! Printing rows in the formats the CLI offers (table, CSV, JSON, Markdown).

use std::io::Write;

use comfy_table::{presets, ContentArrangement, Table};
pub use kb::query::RowSink;
use kb::{Error, Result};
use rusqlite::types::Value;

use crate::cli::Format;

/// A sink that writes rows to `out` in `format`; call `finish` after the last row.
pub fn sink<'a>(format: Format, out: &'a mut dyn Write) -> Box<dyn Finish + 'a> {
    match format {
        Format::Table => Box::new(TableSink {
            out,
            table: new_table(),
        }),
        Format::Csv => Box::new(CsvSink {
            writer: csv::Writer::from_writer(out),
        }),
        Format::Json => Box::new(JsonSink {
            out,
            columns: Vec::new(),
            rows: 0,
        }),
        Format::Markdown => Box::new(MarkdownSink { out }),
    }
}

/// A row sink that has something left to write once the rows end.
pub trait Finish: RowSink {
    fn finish(&mut self) -> Result<()>;
}

fn io(e: std::io::Error) -> Error {
    Error::Io {
        path: "standard output".into(),
        source: e,
    }
}

/// Keeps the io::Error inside a csv::Error, so a closed pipe is still recognised as one.
fn csv_io(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io(e),
        other => io(std::io::Error::other(format!("{other:?}"))),
    }
}

/// A value as text: NULL is empty, reals print without a trailing ".0" when integral.
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

fn new_table() -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table
}

struct TableSink<'a> {
    out: &'a mut dyn Write,
    table: Table,
}

impl RowSink for TableSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.table.set_header(names);
        Ok(())
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        self.table.add_row(values.iter().map(text));
        Ok(())
    }
}

impl Finish for TableSink<'_> {
    fn finish(&mut self) -> Result<()> {
        if self.table.width().is_none() {
            // Not a terminal: wrap long quotes at a width that reads well in a pager.
            self.table.set_width(160);
        }
        writeln!(self.out, "{}", self.table).map_err(io)
    }
}

struct CsvSink<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
}

impl RowSink for CsvSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.writer.write_record(names).map_err(|e| io(e.into()))
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        self.writer
            .write_record(values.iter().map(text))
            .map_err(csv_io)
    }
}

impl Finish for CsvSink<'_> {
    fn finish(&mut self) -> Result<()> {
        self.writer.flush().map_err(io)
    }
}

struct JsonSink<'a> {
    out: &'a mut dyn Write,
    columns: Vec<String>,
    rows: u64,
}

/// A value as JSON: numbers stay numbers, NULL is null.
pub fn json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(n) => (*n).into(),
        Value::Real(x) => serde_json::Number::from_f64(*x)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Text(s) => s.clone().into(),
        Value::Blob(_) => text(value).into(),
    }
}

impl RowSink for JsonSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.columns = names.to_vec();
        self.out.write_all(b"[").map_err(io)
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        let object: serde_json::Map<String, serde_json::Value> = self
            .columns
            .iter()
            .cloned()
            .zip(values.iter().map(json))
            .collect();
        let separator: &[u8] = if self.rows == 0 { b"\n  " } else { b",\n  " };
        self.out.write_all(separator).map_err(io)?;
        serde_json::to_writer(&mut self.out, &object).map_err(|e| io(e.into()))?;
        self.rows += 1;
        Ok(())
    }
}

impl Finish for JsonSink<'_> {
    fn finish(&mut self) -> Result<()> {
        let end: &[u8] = if self.rows == 0 { b"]\n" } else { b"\n]\n" };
        self.out.write_all(end).map_err(io)
    }
}

struct MarkdownSink<'a> {
    out: &'a mut dyn Write,
}

/// A cell that cannot break the table: pipes escaped, line breaks as <br>.
fn markdown_cell(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

impl RowSink for MarkdownSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        let header: Vec<String> = names.iter().map(|n| markdown_cell(n)).collect();
        writeln!(self.out, "| {} |", header.join(" | ")).map_err(io)?;
        let rule: Vec<&str> = names.iter().map(|_| "---").collect();
        writeln!(self.out, "| {} |", rule.join(" | ")).map_err(io)
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        let cells: Vec<String> = values.iter().map(|v| markdown_cell(&text(v))).collect();
        writeln!(self.out, "| {} |", cells.join(" | ")).map_err(io)
    }
}

impl Finish for MarkdownSink<'_> {
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}
