//! `kb search TEXT`: ranked full-text hits. At a terminal they are grouped by kind, with the
//! matched words highlighted in a wrapped snippet; other formats give every column.

use std::collections::BTreeMap;
use std::io::Write;

use kb::query::{self, Marks, RowSink};
use kb::{humanize, Error, Result};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::briefing::fit;
use crate::cli::Format;
use crate::output;
use crate::style::Style;

use crate::cli::SearchArgs;
use crate::context::Context;

/// Private-use characters around matched words while a snippet is wrapped: each is one
/// column wide, like the brackets that replace them when color is off.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn print(
    conn: &Connection,
    text: &[String],
    limit: u32,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let text = text.join(" ");
    if format != Format::Table {
        let mut sink = output::sink(format, out);
        query::search(conn, &text, limit, query::BRACKETS, sink.as_mut())?;
        return sink.finish();
    }
    let marks = Marks {
        open: "\u{E000}",
        close: "\u{E001}",
    };
    let mut hits = Hits::default();
    query::search(conn, &text, limit, marks, &mut hits)?;
    let page = hits.page(&text, output::reading_width(), style);
    out.write_all(page.as_bytes()).map_err(Error::stdout)
}

/// The hits of one search, by kind in the order of their best hit.
#[derive(Default)]
struct Hits {
    columns: Vec<String>,
    by_kind: BTreeMap<String, Vec<(String, String)>>,
    order: Vec<String>,
    count: usize,
}

impl RowSink for Hits {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.columns = names.to_vec();
        Ok(())
    }

    fn row(&mut self, values: &[Value]) -> Result<()> {
        let text = |column: &str| match self.columns.iter().position(|c| c == column) {
            Some(i) => match &values[i] {
                Value::Text(s) => s.clone(),
                _ => String::new(),
            },
            None => String::new(),
        };
        let (kind, name, snippet) = (text("kind"), text("name"), text("snippet"));
        if !self.by_kind.contains_key(&kind) {
            self.order.push(kind.clone());
        }
        self.by_kind.entry(kind).or_default().push((name, snippet));
        self.count += 1;
        Ok(())
    }
}

impl Hits {
    fn page(&self, text: &str, width: usize, style: Style) -> String {
        let count = humanize::counted(self.count as u64, "hit", "hits");
        let mut page = style.title(&format!("Search '{}': {count}", output::cell(text)));
        page.push('\n');
        for kind in &self.order {
            page.push('\n');
            page.push_str(&style.header(&plural(kind).to_uppercase()));
            page.push('\n');
            for (name, snippet) in &self.by_kind[kind] {
                page.push_str(&format!("  {}\n", output::cell(name)));
                let snippet = output::cell(snippet);
                for line in fit(&snippet, width.saturating_sub(4).max(20)) {
                    page.push_str(&format!("    {}\n", highlight(&line, style)));
                }
            }
        }
        page
    }
}

/// The kind's plural, for a group heading.
fn plural(kind: &str) -> String {
    match kind {
        "person" => "people".into(),
        other if other.ends_with('y') => format!("{}ies", &other[..other.len() - 1]),
        other => format!("{other}s"),
    }
}

/// A line with its matched words emphasised: bold with color, in [brackets] without.
fn highlight(line: &str, style: Style) -> String {
    let mut shown = String::new();
    let mut rest = line;
    while let Some(start) = rest.find(OPEN) {
        shown.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let end = after.find(CLOSE).unwrap_or(after.len());
        shown.push_str(&style.matched(&after[..end]));
        rest = after.get(end + CLOSE.len_utf8()..).unwrap_or("");
    }
    shown.push_str(rest);
    shown.replace(CLOSE, "")
}

/// `kb search TEXT…`.
pub fn run(args: &SearchArgs, ctx: &mut Context) -> Result<()> {
    let conn = ctx.reading()?;
    print(
        &conn,
        &args.text,
        args.limit,
        args.format,
        ctx.style,
        ctx.out,
    )
}
