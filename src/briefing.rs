//! The reading view of a report: a title line, the columns a person reads fitted to the
//! width (wrapped at word boundaries, shortened with an ellipsis only where one word is wider
//! than its column), a footnote marker per row, and each sentence the rows come from printed
//! once after the table, as the references of an article. Rows stream in blocks, so memory
//! stays flat however many there are.

use std::collections::HashMap;
use std::io::Write;

use kb::query::RowSink;
use kb::reading::{Names, Row, View};
use kb::{humanize, Error, Result};
use rusqlite::types::Value;
use textwrap::core::display_width;
use textwrap::{Options, WordSplitter, WrapAlgorithm};

use crate::output::{self, Finish};
use crate::style::Style;

/// Rows measured before the first is printed, as in the grid.
const BLOCK_ROWS: usize = 1_000;
/// Space between two columns.
const GAP: &str = "  ";

/// The title line: what the rows are ("Report visits (--from 1990)"), followed by their
/// number, and how to count them when they are more than one block.
pub struct Heading<'a> {
    pub title: String,
    pub count: Box<dyn FnOnce() -> Result<u64> + 'a>,
}

pub struct Briefing<'a> {
    out: &'a mut dyn Write,
    view: &'static View,
    names: Names,
    heading: Option<Heading<'a>>,
    width: usize,
    quotes: bool,
    style: Style,
    columns: Vec<String>,
    block: Vec<(Vec<String>, Option<usize>)>,
    /// The widths of the columns shown (None: hidden, empty in every row), once laid out.
    widths: Option<Vec<Option<usize>>>,
    numbers: HashMap<(String, String), usize>,
    notes: Vec<(String, String)>,
    /// Whether rows are set apart by a blank line: when some of them take several lines,
    /// where they would otherwise run together.
    spaced: bool,
}

impl<'a> Briefing<'a> {
    pub fn new(
        out: &'a mut dyn Write,
        view: &'static View,
        names: Names,
        heading: Heading<'a>,
        quotes: bool,
        style: Style,
    ) -> Self {
        Briefing {
            out,
            view,
            names,
            heading: Some(heading),
            width: output::reading_width(),
            quotes,
            style,
            columns: Vec::new(),
            block: Vec::new(),
            widths: None,
            numbers: HashMap::new(),
            notes: Vec::new(),
            spaced: false,
        }
    }

    /// The footnote number of a sentence, the same for every row that cites it.
    pub fn note(&mut self, source_id: String, quote: String) -> usize {
        let key = (source_id, quote);
        if let Some(n) = self.numbers.get(&key) {
            return *n;
        }
        self.notes.push(key.clone());
        let n = self.notes.len();
        self.numbers.insert(key, n);
        n
    }

    fn write(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes()).map_err(Error::stdout)
    }

    /// Prints the title line, chooses the widths from the rows held and prints them. `all`
    /// says the held rows are all there are, so columns empty in all of them can go.
    fn lay_out(&mut self, all: bool) -> Result<()> {
        let heading = self.heading.take().expect("laid out once");
        let rows = if all {
            self.block.len() as u64
        } else {
            (heading.count)()?
        };
        let title = format!("{}: {}", heading.title, self.counted(rows));
        self.write(&title_block(self.style, &title, self.width))?;
        if rows == 0 {
            return Ok(());
        }
        let headings: Vec<String> = self
            .view
            .columns
            .iter()
            .map(|c| c.heading.to_uppercase())
            .collect();
        let widths = self.widths_for(&headings, all);
        let header = self.line(&widths, &headings, None);
        let mut styled = String::from("\n");
        for line in header.lines() {
            styled.push_str(&self.style.header(line));
            styled.push('\n');
        }
        self.write(&styled)?;
        let lines: Vec<String> = std::mem::take(&mut self.block)
            .into_iter()
            .map(|(cells, note)| self.line(&widths, &cells, note))
            .collect();
        self.spaced = lines.iter().any(|l| l.lines().count() > 1);
        for (i, text) in lines.iter().enumerate() {
            if self.spaced && i > 0 {
                self.write("\n")?;
            }
            self.write(text)?;
        }
        self.widths = Some(widths);
        Ok(())
    }

    /// "no visits", "1 visit", "1,234 visits".
    fn counted(&self, rows: u64) -> String {
        let (one, many) = self.view.rows_are;
        humanize::counted(rows, one, many)
    }

    /// The width of each column from the rows held (None for a column hidden because it is
    /// empty in all of them, when they are all there are), fitted to the room the terminal
    /// leaves beside the gaps and the footnote markers.
    fn widths_for(&self, headings: &[String], all: bool) -> Vec<Option<usize>> {
        let column_cells = |i: usize| {
            let cells = self.block.iter().map(move |(cells, _)| cells[i].as_str());
            cells.chain([headings[i].as_str()])
        };
        let shown: Vec<usize> = (0..headings.len())
            .filter(|&i| !all || self.block.iter().any(|(cells, _)| !cells[i].is_empty()))
            .collect();
        let natural: Vec<usize> = shown
            .iter()
            .map(|&i| column_cells(i).map(display_width).max().unwrap_or(0))
            .collect();
        let longest_words: Vec<usize> = shown
            .iter()
            .map(|&i| {
                let words = column_cells(i).flat_map(str::split_whitespace);
                words.map(display_width).max().unwrap_or(1)
            })
            .collect();
        // Later blocks may bring more sentences: leave room for a marker of five digits.
        let most_notes = if all { self.notes.len() } else { 99_999 };
        let marker = if self.quotes {
            format!("[{most_notes}]").len() + GAP.len()
        } else {
            0
        };
        let gaps = GAP.len() * shown.len().saturating_sub(1);
        let room = self.width.saturating_sub(gaps + marker);
        let mut fitted = reading_widths(&natural, &longest_words, room).into_iter();
        (0..headings.len())
            .map(|i| shown.contains(&i).then(|| fitted.next()).flatten())
            .collect()
    }

    /// One row: each shown cell wrapped to its column, the marker after the last column.
    /// Dates are colored in rows (those with a note); the caller styles the header.
    fn line(&self, widths: &[Option<usize>], cells: &[String], note: Option<usize>) -> String {
        let wrapped: Vec<(Vec<String>, usize, bool)> = cells
            .iter()
            .zip(widths)
            .zip(self.view.columns)
            .filter_map(|((cell, width), column)| {
                width.map(|w| (fit(cell, w), w, column.is_date && note.is_some()))
            })
            .collect();
        let height = wrapped.iter().map(|(l, _, _)| l.len()).max().unwrap_or(1);
        let mut text = String::new();
        for i in 0..height {
            let mut line = String::new();
            let mut pending = 0;
            for (k, (lines, width, is_date)) in wrapped.iter().enumerate() {
                if k > 0 {
                    pending += GAP.len();
                }
                let part = lines.get(i).map_or("", String::as_str);
                if !part.is_empty() {
                    line.extend(std::iter::repeat_n(' ', pending));
                    pending = 0;
                    let shown = if *is_date {
                        self.style.date(part)
                    } else {
                        part.to_string()
                    };
                    line.push_str(&shown);
                }
                pending += width.saturating_sub(display_width(part));
            }
            if let (0, Some(n), true) = (i, note, self.quotes) {
                line.extend(std::iter::repeat_n(' ', pending + GAP.len()));
                line.push_str(&self.style.marker(&format!("[{n}]")));
            }
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    /// The sentences the rows come from, each once, numbered, with its source's title.
    fn write_notes(&mut self) -> Result<()> {
        if !self.quotes || self.notes.is_empty() {
            return Ok(());
        }
        let mut text = format!("\n{}\n", self.style.header("SOURCES"));
        let indent = format!("[{}] ", self.notes.len()).len();
        for (n, (source, quote)) in self.notes.iter().enumerate() {
            let marker = format!("[{}]", n + 1);
            let body = format!(
                "“{}” — {}",
                output::cell(quote),
                output::cell(self.names.source_title(source))
            );
            let lines = fit(&body, self.width.saturating_sub(indent).max(20));
            for (i, line) in lines.iter().enumerate() {
                let lead = if i == 0 {
                    let pad = indent - marker.len();
                    format!("{}{}", self.style.marker(&marker), " ".repeat(pad))
                } else {
                    " ".repeat(indent)
                };
                text.push_str(&format!("{lead}{line}\n"));
            }
        }
        self.write(&text)
    }
}

/// Column widths sharing `room`: all natural widths when they fit. Otherwise each column
/// first gets its longest word (so no word is cut while there is room); then short columns
/// (dates, names, kinds, figures: at most two fifths of the room) are made whole, those
/// that need least first, and the long texts share what is left, the one that needs least
/// first.
fn reading_widths(natural: &[usize], longest_word: &[usize], room: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= room {
        return natural.to_vec();
    }
    let least: Vec<usize> = natural
        .iter()
        .zip(longest_word)
        .map(|(n, w)| (*w).min(*n))
        .collect();
    let Some(mut extra) = room.checked_sub(least.iter().sum()) else {
        return output::fit_widths(natural, room);
    };
    let mut widths = least.clone();
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i] - least[i]);
    let (short, long): (Vec<usize>, Vec<usize>) =
        order.into_iter().partition(|&i| natural[i] <= room * 2 / 5);
    for i in short {
        let deficit = natural[i] - least[i];
        if deficit <= extra {
            widths[i] = natural[i];
            extra -= deficit;
        }
    }
    for (k, &i) in long.iter().enumerate() {
        let given = (natural[i] - least[i]).min(extra / (long.len() - k));
        widths[i] += given;
        extra -= given;
    }
    widths
}

/// A title in lines at most `width` wide, each in the title's style, so that a long name
/// never runs past the edge of the terminal.
pub fn title_block(style: Style, text: &str, width: usize) -> String {
    fit(text, width)
        .iter()
        .map(|line| style.title(line) + "\n")
        .collect()
}

/// `text` in lines at most `width` wide, broken between words only; a single word wider
/// than the column is shortened with an ellipsis, which shows that something was cut.
pub fn fit(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    let width = width.max(1);
    let options = Options::new(width)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| shorten(&line, width))
        .collect()
}

/// A line cut to `width` with an ellipsis as its last character, if it is wider.
fn shorten(line: &str, width: usize) -> String {
    if display_width(line) <= width {
        return line.to_string();
    }
    // The width kept so far is summed as it grows: measuring `kept` again for every
    // character would be quadratic in a long word.
    let (mut kept, mut used) = (String::new(), 0);
    for c in line.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.push('…');
    kept
}

impl RowSink for Briefing<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.columns = names.to_vec();
        Ok(())
    }

    fn row(&mut self, values: &[Value]) -> Result<()> {
        let row = Row::new(&self.columns, values, &self.names);
        let cells: Vec<String> = self
            .view
            .columns
            .iter()
            .map(|c| output::cell(&(c.value)(&row)))
            .collect();
        let provenance = row.provenance();
        let note = provenance.map(|(source, quote)| self.note(source, quote));
        match &self.widths {
            Some(widths) => {
                let mut text = self.line(widths, &cells, note);
                if self.spaced {
                    text.insert(0, '\n');
                }
                self.write(&text)
            }
            None => {
                self.block.push((cells, note));
                if self.block.len() >= BLOCK_ROWS {
                    self.lay_out(false)?;
                }
                Ok(())
            }
        }
    }
}

impl Finish for Briefing<'_> {
    fn finish(&mut self) -> Result<()> {
        if self.widths.is_none() {
            self.lay_out(true)?;
        }
        self.write_notes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_columns_are_made_whole_before_wide_ones_share_the_rest() {
        assert_eq!(reading_widths(&[5, 10], &[5, 4], 20), [5, 10]);
        assert_eq!(
            reading_widths(&[14, 22, 70], &[9, 11, 11], 50),
            [14, 18, 18]
        );
        assert_eq!(reading_widths(&[30, 30], &[30, 30], 20), [10, 10]);
    }

    #[test]
    fn words_are_never_broken_and_a_long_one_shows_an_ellipsis() {
        assert_eq!(fit("Nursultan Nazarbayev", 12), ["Nursultan", "Nazarbayev"]);
        assert_eq!(fit("agriculture", 6), ["agric…"]);
        assert_eq!(fit("23–26 May 2002", 9), ["23–26 May", "2002"]);
        assert_eq!(fit("", 5), [""]);
        for line in fit(&"słowo ".repeat(1_000), 17) {
            assert!(display_width(&line) <= 17, "{line}");
        }
    }
}
