//! Printing rows in the formats the CLI offers (table, CSV, JSON, Markdown), each streamed: no
//! format holds more than a bounded block of rows, so `kb sql … | head` ends at once.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};

pub use kb::query::RowSink;
use kb::{Error, Result};
use rusqlite::types::Value;
use textwrap::core::display_width;
use textwrap::{Options, WrapAlgorithm};

use crate::cli::Format;

/// A sink that writes rows to `out` in `format`; call `finish` after the last row.
pub fn sink<'a>(format: Format, out: &'a mut dyn Write) -> Box<dyn Finish + 'a> {
    match format {
        Format::Table => Box::new(TableSink::new(out, table_width())),
        Format::Csv => Box::new(CsvSink {
            writer: csv::Writer::from_writer(out),
        }),
        Format::Json => Box::new(JsonSink {
            out,
            columns: Vec::new(),
            keys: Vec::new(),
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
    Error::stdout(e)
}

/// Keeps the io::Error inside a csv::Error, so a closed pipe is still recognised as one.
fn csv_io(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io(e),
        other => io(std::io::Error::other(format!("{other:?}"))),
    }
}

use kb::values::{as_text, may_hold_control, text};

/// Text that cannot drive a terminal: every control character but newline and tab (C0, DEL
/// and C1, U+0080–U+009F) is written as its escape `\u{1b}` (lowercase hex, as Rust and
/// JavaScript write it). Table, CSV and Markdown output all go through here; JSON escapes
/// control characters itself.
pub fn visible(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !may_hold_control(text) || !text.contains(hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// How wide a table may be: the terminal's width, or when stdout is not a terminal a width
/// that reads well in a pager.
pub fn table_width() -> usize {
    terminal_width().unwrap_or(PIPED_WIDTH)
}

/// The width of the terminal standard output writes to; None when it is not a terminal.
fn terminal_width() -> Option<usize> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(stdout)
        .map(|(terminal_size::Width(columns), _)| usize::from(columns))
}

const PIPED_WIDTH: usize = 160;

/// How wide the reading view is: the terminal's width; when stdout is not a terminal,
/// $COLUMNS if it is set (shells set it for their own terminal), else 80.
pub fn reading_width() -> usize {
    terminal_width()
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|c| (20..=1_000).contains(c))
        })
        .unwrap_or(80)
}

/// Rows held back to measure the columns before the first is printed: enough to size the
/// columns well, few enough to start printing at once and keep the memory flat.
const BLOCK_ROWS: usize = 1_000;
/// The most cell text held back, for rows of long values.
const BLOCK_BYTES: usize = 1 << 20;
/// No column is made narrower than this when the table must shrink to fit.
const MIN_COLUMN_WIDTH: usize = 4;

/// Aligned columns in a box drawn with lines. The column widths are measured on the first
/// block of rows, which is then printed; later rows are printed as they come with the same
/// widths. A value wider than its column is wrapped (at spaces and hyphens where it can be,
/// inside a word where it must), never cut.
struct TableSink<'a> {
    out: &'a mut dyn Write,
    width: usize,
    header: Vec<String>,
    block: Vec<Vec<String>>,
    block_bytes: usize,
    /// Set once the first block is printed.
    widths: Option<Vec<usize>>,
}

impl<'a> TableSink<'a> {
    fn new(out: &'a mut dyn Write, width: usize) -> Self {
        TableSink {
            out,
            width,
            header: Vec::new(),
            block: Vec::new(),
            block_bytes: 0,
            widths: None,
        }
    }

    /// Chooses the column widths from the header and the rows held, and prints them.
    fn lay_out(&mut self) -> Result<Vec<usize>> {
        let mut natural: Vec<usize> = self.header.iter().map(|h| widest_line(h)).collect();
        for row in &self.block {
            for (width, cell) in natural.iter_mut().zip(row) {
                *width = (*width).max(widest_line(cell));
            }
        }
        let widths = column_widths(&natural, self.width);
        self.rule(&widths, ['┌', '─', '┬', '┐'])?;
        let header = std::mem::take(&mut self.header);
        self.line(&widths, &header)?;
        self.rule(&widths, ['╞', '═', '╪', '╡'])?;
        for row in std::mem::take(&mut self.block) {
            self.line(&widths, &row)?;
        }
        self.block_bytes = 0;
        Ok(widths)
    }

    fn rule(&mut self, widths: &[usize], [left, fill, cross, right]: [char; 4]) -> Result<()> {
        let mut rule = String::new();
        rule.push(left);
        for (i, width) in widths.iter().enumerate() {
            if i > 0 {
                rule.push(cross);
            }
            rule.extend(std::iter::repeat_n(fill, width + 2));
        }
        rule.push(right);
        writeln!(self.out, "{rule}").map_err(io)
    }

    /// One row, each cell wrapped to its column; the row is as tall as its tallest cell.
    fn line(&mut self, widths: &[usize], cells: &[String]) -> Result<()> {
        let wrapped: Vec<Vec<Cow<'_, str>>> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| wrap(cell, *width))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let mut text = String::new();
        for i in 0..height {
            text.push('│');
            for (column, (lines, width)) in wrapped.iter().zip(widths).enumerate() {
                let line = lines.get(i).map_or("", |l| l.as_ref());
                text.push_str(if column == 0 { " " } else { " ┆ " });
                text.push_str(line);
                let pad = width.saturating_sub(display_width(line));
                text.extend(std::iter::repeat_n(' ', pad));
            }
            text.push_str(" │\n");
        }
        self.out.write_all(text.as_bytes()).map_err(io)
    }
}

/// A cell's text as the table shows it: control characters escaped, tabs as spaces (a tab's
/// width depends on where the terminal puts it, so it would break the columns).
pub fn cell(value: &str) -> String {
    visible(value).replace('\t', "    ")
}

/// The display width of the widest line of `text`.
fn widest_line(text: &str) -> usize {
    text.split('\n').map(display_width).max().unwrap_or(0)
}

/// `text` in lines at most `width` columns wide. First-fit wrapping reads each word once, so
/// the time grows with the text's length (an optimal fit is quadratic in the words).
fn wrap(text: &str, width: usize) -> Vec<Cow<'_, str>> {
    if text.is_empty() {
        return vec![Cow::Borrowed("")];
    }
    let options = Options::new(width.max(1)).wrap_algorithm(WrapAlgorithm::FirstFit);
    textwrap::wrap(text, options)
}

/// Column widths for a table at most `total` wide (borders included): see `fit_widths`.
fn column_widths(natural: &[usize], total: usize) -> Vec<usize> {
    let borders = 3 * natural.len() + 1;
    fit_widths(natural, total.saturating_sub(borders))
}

/// Column widths that share `room` columns of text: every column as wide as its widest value
/// when they fit; otherwise columns narrower than an equal share keep their width and the
/// wider ones share what is left. Too many columns to fit at the least width make a table
/// wider than `room` rather than hide anything.
pub fn fit_widths(natural: &[usize], mut room: usize) -> Vec<usize> {
    let natural: Vec<usize> = natural.iter().map(|w| (*w).max(1)).collect();
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let mut widths = natural.clone();
    let mut wide: Vec<usize> = (0..natural.len()).collect();
    loop {
        let share = room / wide.len();
        let (fits, rest): (Vec<usize>, Vec<usize>) =
            wide.iter().partition(|&&i| natural[i] <= share);
        if fits.is_empty() {
            break;
        }
        room -= fits.iter().map(|&i| natural[i]).sum::<usize>();
        wide = rest;
        if wide.is_empty() {
            return widths;
        }
    }
    let count = wide.len();
    for (k, &i) in wide.iter().enumerate() {
        let share = room / count + usize::from(k < room % count);
        widths[i] = share.max(MIN_COLUMN_WIDTH.min(natural[i]));
    }
    widths
}

impl RowSink for TableSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.header = names.iter().map(|n| cell(n)).collect();
        Ok(())
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        let cells: Vec<String> = values.iter().map(|v| cell(&text(v))).collect();
        if let Some(widths) = self.widths.take() {
            let result = self.line(&widths, &cells);
            self.widths = Some(widths);
            return result;
        }
        self.block_bytes += cells.iter().map(String::len).sum::<usize>();
        self.block.push(cells);
        if self.block.len() >= BLOCK_ROWS || self.block_bytes >= BLOCK_BYTES {
            self.widths = Some(self.lay_out()?);
        }
        Ok(())
    }
}

impl Finish for TableSink<'_> {
    fn finish(&mut self) -> Result<()> {
        let widths = match self.widths.take() {
            Some(widths) => widths,
            // A statement without columns (a pragma that only acts) has no table to draw.
            None if self.header.is_empty() => return Ok(()),
            None => self.lay_out()?,
        };
        self.rule(&widths, ['└', '─', '┴', '┘'])
    }
}

struct CsvSink<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
}

impl RowSink for CsvSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.writer
            .write_record(names.iter().map(|n| visible(n).into_owned()))
            .map_err(csv_io)
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        // Field by field, so that a value needs no copy of its own on the way out.
        for value in values {
            let cell = as_text(value);
            self.writer
                .write_field(visible(&cell).as_bytes())
                .map_err(csv_io)?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(csv_io)
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
    /// Each column's key, unique and already written as JSON.
    keys: Vec<String>,
    rows: u64,
}

/// A value as JSON: numbers stay numbers, NULL is null (and so are the reals JSON has no
/// number for, NaN and ±infinity; `--format json` refuses those instead).
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

/// Keys for `names` that are all different: a repeated name gets `_2`, `_3` … (skipping any
/// that another column already has), so no column is lost from an object.
fn unique_keys(names: &[String]) -> Vec<String> {
    let taken: HashSet<&str> = names.iter().map(String::as_str).collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut keys = Vec::with_capacity(names.len());
    for name in names {
        let key = if used.contains(name) {
            (2..)
                .map(|n| format!("{name}_{n}"))
                .find(|key| !taken.contains(key.as_str()) && !used.contains(key))
                .unwrap_or_default()
        } else {
            name.clone()
        };
        used.insert(key.clone());
        keys.push(key);
    }
    keys
}

impl RowSink for JsonSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.columns = names.to_vec();
        self.keys = unique_keys(names)
            .iter()
            .map(|k| serde_json::Value::from(k.as_str()).to_string())
            .collect();
        self.out.write_all(b"[").map_err(io)
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        let mut object = Vec::with_capacity(64);
        object.push(b'{');
        for (i, (key, value)) in self.keys.iter().zip(values).enumerate() {
            if i > 0 {
                object.push(b',');
            }
            object.extend_from_slice(key.as_bytes());
            object.push(b':');
            if let Value::Real(x) = value {
                if !x.is_finite() {
                    return Err(Error::Output(format!(
                        "row {}, column '{}' holds {x}, which JSON has no number for; \
                         --format csv prints it",
                        self.rows + 1,
                        self.columns[i]
                    )));
                }
            }
            serde_json::to_writer(&mut object, &json(value)).map_err(|e| io(e.into()))?;
        }
        object.push(b'}');
        let separator: &[u8] = if self.rows == 0 { b"\n  " } else { b",\n  " };
        self.out.write_all(separator).map_err(io)?;
        self.out.write_all(&object).map_err(io)?;
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

/// A cell that cannot break the table: pipes and backslashes escaped, every line break
/// (`\r\n`, `\n` or a bare `\r`) as <br>, other control characters made visible.
fn markdown_cell(value: &str) -> String {
    let mut cell = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cell.push_str("\\\\"),
            '|' => cell.push_str("\\|"),
            '\n' => cell.push_str("<br>"),
            '\r' => {
                chars.next_if_eq(&'\n');
                cell.push_str("<br>");
            }
            other => cell.push(other),
        }
    }
    visible(&cell).into_owned()
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

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::{Duration, Instant};

    use super::*;

    /// A writer whose bytes can be read while a sink still holds it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.borrow().clone()).unwrap()
        }
    }

    fn table(width: usize, columns: &[&str], rows: &[Vec<Value>]) -> String {
        let mut out = Vec::new();
        let mut sink = TableSink::new(&mut out, width);
        let names: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        sink.columns(&names).unwrap();
        for row in rows {
            sink.row(row).unwrap();
        }
        sink.finish().unwrap();
        drop(sink);
        String::from_utf8(out).unwrap()
    }

    fn text_value(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn a_table_has_a_box_its_header_and_its_rows() {
        let rows = vec![
            vec![Value::Integer(1), text_value("Astana")],
            vec![Value::Null, text_value("Łódź")],
        ];
        assert_eq!(
            table(160, &["id", "city"], &rows),
            "┌────┬────────┐\n\
             │ id ┆ city   │\n\
             ╞════╪════════╡\n\
             │ 1  ┆ Astana │\n\
             │    ┆ Łódź   │\n\
             └────┴────────┘\n"
        );
    }

    #[test]
    fn a_table_without_rows_still_shows_its_columns_and_one_without_columns_is_empty() {
        assert_eq!(table(160, &["n"], &[]), "┌───┐\n│ n │\n╞═══╡\n└───┘\n");
        assert_eq!(table(160, &[], &[]), "");
    }

    #[test]
    fn the_table_prints_its_first_block_before_the_rows_end_then_each_row_as_it_comes() {
        let out = Shared::default();
        let mut writer = out.clone();
        let mut sink = TableSink::new(&mut writer, 160);
        sink.columns(&["n".to_string()]).unwrap();
        for n in 0..BLOCK_ROWS as i64 - 1 {
            sink.row(&[Value::Integer(n)]).unwrap();
        }
        assert_eq!(
            out.text(),
            "",
            "nothing is printed before the widths are known"
        );
        sink.row(&[Value::Integer(999)]).unwrap();
        let printed = out.text();
        assert_eq!(printed.lines().count(), 3 + BLOCK_ROWS, "{printed}");
        // A later, wider value keeps the measured width and wraps.
        sink.row(&[Value::Integer(123_456)]).unwrap();
        assert_eq!(out.text()[printed.len()..], *"│ 123 │\n│ 456 │\n");
        sink.finish().unwrap();
        assert!(out.text().ends_with("└─────┘\n"));
    }

    #[test]
    fn a_block_of_long_values_is_printed_before_a_thousand_rows() {
        let out = Shared::default();
        let mut writer = out.clone();
        let mut sink = TableSink::new(&mut writer, 160);
        sink.columns(&["v".to_string()]).unwrap();
        let long = text_value(&"word ".repeat(BLOCK_BYTES / 5 + 1));
        sink.row(&[long]).unwrap();
        assert!(
            out.text().starts_with("┌"),
            "a row over the byte budget is printed"
        );
    }

    /// The text of a table's cells, borders and padding taken away.
    fn cells_text(table: &str) -> String {
        table
            .lines()
            .filter(|l| l.starts_with('│'))
            .flat_map(|l| l.trim_matches('│').split('┆'))
            .flat_map(str::split_whitespace)
            .collect()
    }

    #[test]
    fn a_long_value_wraps_in_linear_time_within_the_width_and_loses_nothing() {
        let words: String = (0..40_000).map(|n| format!("w{n} ")).collect();
        let one_word = "x".repeat(200_000);
        for value in [words, one_word] {
            let started = Instant::now();
            let printed = table(40, &["v"], &[vec![text_value(&value)]]);
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "wrapping {} characters took {:?}",
                value.len(),
                started.elapsed()
            );
            assert!(printed.lines().all(|l| display_width(l) <= 40));
            let expected: String = value.split_whitespace().collect();
            assert_eq!(cells_text(&printed), format!("v{expected}"));
        }
    }

    #[test]
    fn columns_share_the_width_and_narrow_ones_keep_theirs() {
        assert_eq!(column_widths(&[2, 6], 160), [2, 6]);
        // 100 wide with borders 10: the narrow column keeps 5, the two wide share 85.
        assert_eq!(column_widths(&[5, 300, 200], 100), [5, 43, 42]);
        // Too many columns to fit: each keeps a few characters, the table grows wider.
        assert_eq!(column_widths(&[50; 30], 40), [MIN_COLUMN_WIDTH; 30]);
        assert_eq!(column_widths(&[0, 2], 10), [1, 2]);
    }

    #[test]
    fn control_characters_are_escaped_in_one_visible_form() {
        assert_eq!(
            visible("a\u{1b}[2J\r\u{7}\u{7f}\u{85}\u{9f}\n\tż"),
            "a\\u{1b}[2J\\u{d}\\u{7}\\u{7f}\\u{85}\\u{9f}\n\tż"
        );
        assert!(matches!(visible("plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(
            table(
                160,
                &["t\u{1b}"],
                &[vec![text_value("a\u{1b}]0;x\u{7}\tb")]]
            ),
            "┌───────────────────────┐\n\
             │ t\\u{1b}               │\n\
             ╞═══════════════════════╡\n\
             │ a\\u{1b}]0;x\\u{7}    b │\n\
             └───────────────────────┘\n"
        );
    }

    #[test]
    fn markdown_turns_every_line_break_into_br() {
        assert_eq!(
            markdown_cell("a\r\nb\rc\nd|e\\f\u{1b}"),
            "a<br>b<br>c<br>d\\|e\\\\f\\u{1b}"
        );
    }

    #[test]
    fn repeated_column_names_get_keys_of_their_own() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(unique_keys(&names(&["a", "a", "a"])), ["a", "a_2", "a_3"]);
        assert_eq!(unique_keys(&names(&["a", "a", "a_2"])), ["a", "a_3", "a_2"]);
        assert_eq!(unique_keys(&names(&["b", "a"])), ["b", "a"]);
    }

    #[test]
    fn json_refuses_a_real_it_has_no_number_for() {
        let mut out = Vec::new();
        let mut sink = sink(Format::Json, &mut out);
        sink.columns(&["ok".into(), "x".into()]).unwrap();
        sink.row(&[Value::Real(1.5), Value::Real(2.0)]).unwrap();
        let err = sink
            .row(&[Value::Real(1.0), Value::Real(f64::NEG_INFINITY)])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 2, column 'x' holds -inf, which JSON has no number for; --format csv prints it"
        );
    }
}
