//! Reading one seed file as a stream: its bytes are checked as they pass (NUL bytes, a quote
//! never closed) and hashed, its header is checked, and each record's fields are checked
//! before it becomes a typed row.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::io::{self, Read};
use std::marker::PhantomData;

use super::rows::{Column, SeedRow, TableSpec};
use super::{FileDigest, Seed};
use crate::error::{Error, Location, Result};
use crate::values::may_hold_control;

/// A problem in the raw bytes of a CSV file, found while they are read.
#[derive(Debug)]
enum ByteProblem {
    Nul { line: u64 },
    UnclosedQuote { line: u64 },
}

impl fmt::Display for ByteProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ByteProblem::Nul { .. } => {
                f.write_str("contains a NUL byte; a seed file must be plain UTF-8 text")
            }
            ByteProblem::UnclosedQuote { .. } => f.write_str(
                "a quoted field opens here and is never closed; expected a closing \" \
                 (write a quote inside a quoted field as \"\")",
            ),
        }
    }
}

impl std::error::Error for ByteProblem {}

/// Where the scan is in the CSV grammar, as far as quotes go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Outside {
        at_field_start: bool,
    },
    Inside,
    /// Inside, just after a quote: `""` (an escaped quote) or the end of the field.
    InsideAfterQuote,
}

/// Passes a file's bytes on to the CSV parser while hashing them and watching for what the
/// csv crate would accept silently: NUL bytes, and a quote that swallows the rest of the file.
struct Inspect<R> {
    inner: R,
    line: u64,
    quoting: Quoting,
    opened_on: u64,
    bytes: u64,
    digest: FileDigest,
    /// The offsets of the line-break bytes (CR and LF) read but not yet passed by a record:
    /// the csv crate counts lines wrongly in files with CRLF endings, so lines are counted
    /// here from the byte offset where each record starts.
    breaks: VecDeque<(u64, u8)>,
    /// Line breaks before the first offset in `newlines`.
    lines_passed: u64,
    /// Whether the bytes are watched at all, or only hashed: a file read a second time was
    /// watched the first.
    watch: bool,
}

impl<R: Read> Inspect<R> {
    fn new(inner: R, name: &str) -> Self {
        Inspect {
            inner,
            line: 1,
            quoting: Quoting::Outside {
                at_field_start: true,
            },
            opened_on: 0,
            bytes: 0,
            digest: FileDigest::new(name),
            breaks: VecDeque::new(),
            lines_passed: 0,
            watch: true,
        }
    }

    /// The line (from 1) on which the record that the csv crate places at `offset` starts.
    /// That offset is the first byte the parser had not used for the record before, so the
    /// line breaks there (a CRLF's LF, blank lines) come before the record. Offsets must not
    /// decrease from one call to the next, as records come in file order.
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut next = offset;
        while let Some(&(at, byte)) = self.breaks.front() {
            if at < offset || at == next {
                next += u64::from(at == next);
                self.lines_passed += u64::from(byte == b'\n');
                self.breaks.pop_front();
            } else {
                break;
            }
        }
        self.lines_passed + 1
    }

    /// Scans `bytes` as `step` would byte by byte, but passes over each run of bytes that
    /// are not special at once: they all change the quoting as the first of them does, and
    /// they are most of a file (perf, loading 200,000 events: the scan took 4.8% of the
    /// load's CPU time byte by byte, 2.8% so).
    fn scan(&mut self, bytes: &[u8]) -> Result<(), ByteProblem> {
        let mut at = 0;
        while at < bytes.len() {
            let run = bytes[at..]
                .iter()
                .position(|&b| is_special(b))
                .unwrap_or(bytes.len() - at);
            if run > 0 {
                self.quoting = self.quoting.after_ordinary_byte();
                at += run;
                continue;
            }
            self.step(bytes[at], self.bytes + at as u64)?;
            at += 1;
        }
        Ok(())
    }

    /// Takes one byte in, at `offset` in the file.
    fn step(&mut self, b: u8, offset: u64) -> Result<(), ByteProblem> {
        if b == 0 {
            return Err(ByteProblem::Nul { line: self.line });
        }
        self.quoting = match (self.quoting, b) {
            (
                Quoting::Outside {
                    at_field_start: true,
                },
                b'"',
            ) => {
                self.opened_on = self.line;
                Quoting::Inside
            }
            (Quoting::Outside { .. }, _) => Quoting::Outside {
                at_field_start: is_field_end(b),
            },
            (Quoting::Inside, b'"') => Quoting::InsideAfterQuote,
            (Quoting::Inside, _) => Quoting::Inside,
            (Quoting::InsideAfterQuote, b'"') => Quoting::Inside,
            (Quoting::InsideAfterQuote, _) => Quoting::Outside {
                at_field_start: is_field_end(b),
            },
        };
        if b == b'\n' || b == b'\r' {
            self.breaks.push_back((offset, b));
        }
        if b == b'\n' {
            self.line += 1;
        }
        Ok(())
    }
}

/// A byte after which a new field starts.
fn is_field_end(b: u8) -> bool {
    matches!(b, b',' | b'\n' | b'\r')
}

/// A byte the scan must look at one by one: a NUL, a quote, or the end of a field or line.
fn is_special(b: u8) -> bool {
    b == 0 || b == b'"' || is_field_end(b)
}

impl Quoting {
    /// The quoting after any byte that is not special: the same after one as after many.
    fn after_ordinary_byte(self) -> Quoting {
        match self {
            Quoting::Inside => Quoting::Inside,
            Quoting::Outside { .. } | Quoting::InsideAfterQuote => Quoting::Outside {
                at_field_start: false,
            },
        }
    }
}

impl<R: Read> Read for Inspect<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.watch {
            if n == 0 && self.quoting == Quoting::Inside {
                let line = self.opened_on;
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    ByteProblem::UnclosedQuote { line },
                ));
            }
            self.scan(&buf[..n])
                .map_err(|problem| io::Error::new(io::ErrorKind::InvalidData, problem))?;
        }
        self.digest.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// Reads one seed file record by record, after checking its header, and checks each
/// record's required fields, dates and numbers.
pub struct RecordReader {
    spec: TableSpec,
    file: String,
    headers: csv::StringRecord,
    records: csv::Reader<Inspect<Box<dyn Read + Send>>>,
    record: csv::StringRecord,
    /// The bytes of the record read last, kept when they are not UTF-8.
    raw: csv::ByteRecord,
    /// Set when reading failed in a way the next record cannot recover from (a NUL byte, a
    /// quote never closed, an I/O error); a row's own mistakes leave the reader usable.
    broken: bool,
    /// Whether each record's bytes and fields are checked, or the file was checked before.
    reading: Reading,
}

/// Whether a file is read to be checked, or read again after a first reading checked it (for
/// the search index, beside the load): then only its digest is made, so that the load can
/// tell the bytes did not change in between, and lines are not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Checked,
    Again,
}

impl RecordReader {
    pub fn open(seed: &Seed, spec: &TableSpec) -> Result<Self> {
        Self::open_for(seed, spec, Reading::Checked)
    }

    pub fn open_for(seed: &Seed, spec: &TableSpec, reading: Reading) -> Result<Self> {
        let file = seed.display_path(spec.file);
        let mut bytes = Inspect::new(seed.open(spec.file)?, spec.file);
        bytes.watch = reading == Reading::Checked;
        let mut records = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .buffer_capacity(1 << 16)
            .from_reader(bytes);
        let headers = records
            .headers()
            .map_err(|e| csv_error(&file, e, None, Some(1)))?
            .clone();
        if headers.iter().all(|h| h.trim().is_empty()) {
            return Err(Error::seed(
                Location::file(&file),
                format!(
                    "file is empty; expected at least the header row: {}",
                    spec.header()
                ),
            ));
        }
        check_header(&file, &headers, spec.columns)?;
        Ok(RecordReader {
            spec: *spec,
            file,
            headers,
            records,
            record: csv::StringRecord::new(),
            raw: csv::ByteRecord::new(),
            broken: false,
            reading,
        })
    }

    /// Advances to the next record and returns the line it starts on, or None at the end.
    fn advance(&mut self) -> Result<Option<u64>> {
        let read = self.records.read_byte_record(&mut self.raw);
        let more = read.map_err(|e| {
            self.broken |= matches!(e.kind(), csv::ErrorKind::Io(_));
            self.record.clear();
            let line = e
                .position()
                .map(|p| self.records.get_mut().line_at(p.byte()));
            csv_error(&self.file, e, Some(&self.headers), line)
        })?;
        if !more {
            return Ok(None);
        }
        let start = self.raw.position().map_or(0, |p| p.byte());
        let line = self.records.get_mut().line_at(start);
        // Text is checked here, not by the csv crate, so that a row that is not UTF-8 keeps
        // its bytes, and so its id, for the problems that follow from it.
        // The record read before lends its buffers to the next read, which then needs no
        // allocation to hold its fields.
        let spare = std::mem::take(&mut self.record).into_byte_record();
        match csv::StringRecord::from_byte_record(std::mem::replace(&mut self.raw, spare)) {
            Ok(record) => {
                self.record = record;
                Ok(Some(line))
            }
            Err(e) => {
                let column = self.headers.get(e.utf8_error().field()).unwrap_or("?");
                let at = Location::line(&self.file, line).column(column);
                self.raw = e.into_byte_record();
                self.record.clear();
                Err(Error::seed(
                    at,
                    "is not valid UTF-8; save the file as UTF-8",
                ))
            }
        }
    }

    /// Advances to the next record and checks its fields; returns the line it starts on.
    pub fn next_checked(&mut self) -> Result<Option<u64>> {
        let Some(line) = self.advance()? else {
            return Ok(None);
        };
        if self.reading == Reading::Again {
            return Ok(Some(line));
        }
        for ((value, name), column) in self
            .record
            .iter()
            .zip(self.headers.iter())
            .zip(self.ordered_columns())
        {
            let at = || Location::line(&self.file, line).column(name);
            if column.required && value.trim().is_empty() {
                return Err(Error::seed(at(), "is empty; this column needs a value"));
            }
            if let Some(control) = stray_control(value) {
                return Err(Error::seed(
                    at(),
                    format!(
                        "holds the control character U+{:04X}; a seed holds plain text (line \
                         breaks and tabs only)",
                        u32::from(control)
                    ),
                ));
            }
            (column.check)(value).map_err(|message| Error::seed(at(), message))?;
        }
        Ok(Some(line))
    }

    /// The table's columns in the order the file's header has them.
    fn ordered_columns(&self) -> impl Iterator<Item = &Column> + '_ {
        self.headers.iter().map(|name| {
            self.spec
                .columns
                .iter()
                .find(|c| c.name == name)
                .expect("the header was checked against the columns")
        })
    }

    /// Where the `n`th record (1-based) starts and the text of one of its columns: points at
    /// a row that a check made after loading found wrong.
    pub fn locate(
        seed: &Seed,
        spec: &TableSpec,
        n: u64,
        column: &str,
    ) -> Result<(Location, String)> {
        let mut reader = Self::open(seed, spec)?;
        let index = reader.headers.iter().position(|h| h == column);
        let mut line = 0;
        for _ in 0..n {
            match reader.advance()? {
                Some(at) => line = at,
                None => break,
            }
        }
        let value = index
            .and_then(|i| reader.record.get(i))
            .unwrap_or_default()
            .to_string();
        Ok((Location::line(&reader.file, line).column(column), value))
    }

    /// The name of the file as errors show it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// How many bytes of the file have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.records.get_ref().bytes
    }

    /// Whether the last error left the file unreadable past it.
    pub fn is_broken(&self) -> bool {
        self.broken
    }

    /// The text of one column of the record read last, even one that failed its checks.
    pub fn field(&self, column: &str) -> Option<&str> {
        let at = self.headers.iter().position(|h| h == column)?;
        self.record
            .get(at)
            .or_else(|| std::str::from_utf8(self.raw.get(at)?).ok())
    }

    /// The digest of the whole file; call after the last record.
    pub fn finish(self) -> [u8; 32] {
        self.records.into_inner().digest.finish()
    }
}

/// A control character other than a line break or tab: invisible in a spreadsheet, and an
/// escape sequence in a terminal.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// The first stray control character of `value`; its characters are decoded only when its
/// bytes may hold one.
fn stray_control(value: &str) -> Option<char> {
    if !may_hold_control(value) {
        return None;
    }
    value.chars().find(|c| is_stray_control(*c))
}

/// Reads one seed file row by row into `T`.
pub struct RowReader<T> {
    records: RecordReader,
    _row: PhantomData<T>,
}

impl<T: SeedRow> RowReader<T> {
    pub fn open(seed: &Seed) -> Result<Self> {
        Self::open_for(seed, Reading::Checked)
    }

    pub fn open_for(seed: &Seed, reading: Reading) -> Result<Self> {
        Ok(RowReader {
            records: RecordReader::open_for(seed, &T::SPEC, reading)?,
            _row: PhantomData,
        })
    }

    /// The next row and the line it starts on, or None at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<(u64, T)>> {
        let Some(line) = self.records.next_checked()? else {
            return Ok(None);
        };
        let reader = &self.records;
        let row = reader
            .record
            .deserialize(Some(&reader.headers))
            .map_err(|e| csv_error(&reader.file, e, Some(&reader.headers), Some(line)))?;
        Ok(Some((line, row)))
    }

    /// The name of the file as errors show it.
    pub fn file(&self) -> &str {
        self.records.file()
    }

    pub fn bytes_read(&self) -> u64 {
        self.records.bytes_read()
    }

    /// Whether the last error left the file unreadable past it.
    pub fn is_broken(&self) -> bool {
        self.records.is_broken()
    }

    /// The text of one column of the record read last, even one that failed its checks.
    pub fn field(&self, column: &str) -> Option<&str> {
        self.records.field(column)
    }

    pub fn finish(self) -> [u8; 32] {
        self.records.finish()
    }
}

/// Rows with the line each starts on.
pub type Lines<T> = Vec<(u64, T)>;

/// Every row of a small file with the line it starts on (the sources, say), and the file's
/// digest.
pub fn read_all<T: SeedRow>(seed: &Seed) -> Result<(Lines<T>, [u8; 32])> {
    let mut reader = RowReader::<T>::open(seed)?;
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row()? {
        rows.push(row);
    }
    Ok((rows, reader.finish()))
}

fn check_header(file: &str, headers: &csv::StringRecord, columns: &[Column]) -> Result<()> {
    let expected: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let at_header = || Location::line(file, 1);
    let mut seen = HashSet::new();
    for name in headers {
        if !seen.insert(name) {
            return Err(Error::seed(
                at_header().column(name),
                format!("header names column '{name}' twice; each column appears once"),
            ));
        }
        if !expected.contains(&name) {
            return Err(Error::seed(
                at_header().column(name),
                format!(
                    "unknown column '{name}'; expected the columns {}",
                    expected.join(",")
                ),
            ));
        }
    }
    if let Some(missing) = expected.iter().find(|c| !seen.contains(*c)) {
        return Err(Error::seed(
            at_header(),
            format!(
                "header lacks column '{missing}'; expected the columns {}",
                expected.join(",")
            ),
        ));
    }
    Ok(())
}

/// A csv error as a seed error at `line`, where the record it is about starts.
fn csv_error(
    file: &str,
    error: csv::Error,
    headers: Option<&csv::StringRecord>,
    line: Option<u64>,
) -> Error {
    let line = line.unwrap_or(0);
    let at = Location::line(file, line);
    match error.into_kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::seed(
            at,
            format!(
                "row has {len} fields, but the header has {expected_len}; \
                 a field holding a comma must be in double quotes"
            ),
        ),
        csv::ErrorKind::Utf8 { err, .. } => Error::seed(
            at.column(
                headers
                    .and_then(|h| h.get(err.field()))
                    .unwrap_or("?")
                    .to_string(),
            ),
            "is not valid UTF-8; save the file as UTF-8",
        ),
        csv::ErrorKind::Deserialize { err, .. } => {
            let column = err
                .field()
                .and_then(|i| headers.and_then(|h| h.get(i as usize)))
                .unwrap_or("?")
                .to_string();
            let message = match err.kind() {
                csv::DeserializeErrorKind::Message(m) => m.clone(),
                csv::DeserializeErrorKind::ParseInt(e) => format!("{e}; expected a whole number"),
                other => other.to_string(),
            };
            Error::seed(at.column(column), message)
        }
        csv::ErrorKind::Io(e) => match e.get_ref().and_then(|inner| inner.downcast_ref()) {
            Some(problem @ ByteProblem::Nul { line })
            | Some(problem @ ByteProblem::UnclosedQuote { line }) => {
                Error::seed(Location::line(file, *line), problem.to_string())
            }
            None => Error::seed(Location::file(file), format!("cannot be read: {e}")),
        },
        other => Error::seed(at, format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{Event, Number};

    fn scan(bytes: &[u8]) -> Result<(), String> {
        let mut inspect = Inspect::new(bytes, "test.csv");
        let mut sink = Vec::new();
        inspect.read_to_end(&mut sink).map(drop).map_err(|e| {
            let problem = e
                .get_ref()
                .and_then(|i| i.downcast_ref::<ByteProblem>())
                .unwrap();
            match problem {
                ByteProblem::Nul { line } => format!("nul {line}"),
                ByteProblem::UnclosedQuote { line } => format!("quote {line}"),
            }
        })
    }

    /// What an Inspect has found so far.
    fn found(inspect: &Inspect<&[u8]>) -> (Quoting, u64, u64, Vec<(u64, u8)>) {
        let breaks = inspect.breaks.iter().copied().collect();
        (inspect.quoting, inspect.line, inspect.opened_on, breaks)
    }

    proptest::proptest! {
        /// Passing over runs of ordinary bytes finds what taking every byte in finds, however
        /// the bytes are split into reads.
        #[test]
        fn the_scan_finds_what_taking_each_byte_in_finds(
            bytes in proptest::collection::vec(
                proptest::sample::select(b"\"\",,\n\r\rab  \0".to_vec()), 0..200),
            cuts in proptest::collection::vec(0usize..200, 0..6),
        ) {
            let mut scanned = Inspect::new(&b""[..], "t.csv");
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.push(bytes.len());
            cuts.sort_unstable();
            let mut scan_result = Ok(());
            let mut from = 0;
            for cut in cuts {
                scan_result = scanned.scan(&bytes[from..cut]);
                if scan_result.is_err() {
                    break;
                }
                scanned.bytes += (cut - from) as u64;
                from = cut;
            }
            let mut stepped = Inspect::new(&b""[..], "t.csv");
            let step_result = bytes
                .iter()
                .enumerate()
                .try_for_each(|(i, &b)| stepped.step(b, i as u64));
            proptest::prop_assert_eq!(
                scan_result.map_err(|e| format!("{e:?}")),
                step_result.map_err(|e| format!("{e:?}"))
            );
            proptest::prop_assert_eq!(found(&scanned), found(&stepped));
        }
    }

    proptest::proptest! {
        /// Looking at the bytes first finds the control character decoding every one finds.
        #[test]
        fn the_byte_test_finds_the_control_characters_decoding_finds(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('\u{0}', '\u{ff}'),
                    proptest::char::any(),
                ],
                0..40,
            ),
        ) {
            let value = String::from_iter(chars);
            proptest::prop_assert_eq!(
                stray_control(&value),
                value.chars().find(|c| is_stray_control(*c))
            );
        }
    }

    #[test]
    fn the_stray_control_characters_are_c0_and_c1_but_breaks_and_tabs() {
        for c in ['\u{0}', '\u{1b}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}'] {
            assert_eq!(stray_control(&format!("ab{c}ó")), Some(c));
        }
        for fine in ["line\nbreak\r\n\ttab", "Łódź «non\u{a0}breaking» ż"] {
            assert_eq!(stray_control(fine), None);
        }
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_line() {
        assert_eq!(scan(b"a,b\n1,\"x\n2,y\n"), Err("quote 2".into()));
        assert_eq!(scan(b"a,b\n1,\"x, \"\"y\"\"\"\n"), Ok(()));
        assert_eq!(scan(b"a,b\n1,\"multi\nline\"\n"), Ok(()));
        assert_eq!(scan(b"a,b\n1,it's 5\" tall\n"), Ok(()));
        assert_eq!(scan(b"a,b\n1,\"ends at the end\""), Ok(()));
    }

    /// The line each record starts on, for the first column of `bytes` as a CSV file.
    fn lines(bytes: &[u8]) -> Vec<(String, u64)> {
        let mut records = csv::ReaderBuilder::new().from_reader(Inspect::new(bytes, "t.csv"));
        let mut record = csv::StringRecord::new();
        let mut found = Vec::new();
        while records.read_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            let line = records.get_mut().line_at(start);
            found.push((record[0].to_string(), line));
        }
        found
    }

    #[test]
    fn records_are_found_on_their_lines_whatever_the_line_endings() {
        let expected = |pairs: &[(&str, u64)]| -> Vec<(String, u64)> {
            pairs.iter().map(|(s, n)| (s.to_string(), *n)).collect()
        };
        let plain = expected(&[("a", 2), ("b", 3), ("c", 6), ("d", 8)]);
        let lf = "h,x\na,1\nb,\"two\nlines\"\n\nc,3\n\nd,4\n";
        assert_eq!(lines(lf.as_bytes()), plain);
        assert_eq!(lines(lf.replace('\n', "\r\n").as_bytes()), plain);
        assert_eq!(lines(format!("\u{feff}{lf}").as_bytes()), plain);
        let crlf_bom = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
        assert_eq!(lines(crlf_bom.as_bytes()), plain);
        assert_eq!(lines(b"h,x\r\na,1\r\nb,2"), expected(&[("a", 2), ("b", 3)]));
    }

    #[test]
    fn a_nul_byte_is_found_on_its_line() {
        assert_eq!(scan(b"a,b\n1,2\n3,\0\n"), Err("nul 3".into()));
    }

    #[test]
    fn numbers_are_plain_base_units() {
        assert_eq!("2200000000".parse(), Ok(Number::Integer(2_200_000_000)));
        assert_eq!("0.5".parse(), Ok(Number::Real(0.5)));
        assert_eq!("-3".parse(), Ok(Number::Integer(-3)));
        assert_eq!("9223372036854775807".parse(), Ok(Number::Integer(i64::MAX)));
        assert_eq!(
            "99999999999999999999.5".parse(),
            Ok(Number::Real(99999999999999999999.5))
        );
        for bad in [
            "2,2 bn",
            "2.2e9",
            "",
            "$130",
            "1 000",
            "NaN",
            "inf",
            "1.2.3",
            "--1",
            "99999999999999999999",
            "-9223372036854775809",
        ] {
            assert!(bad.parse::<Number>().is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn the_built_in_seed_reads_cleanly() {
        let (events, _): (Vec<(u64, Event)>, _) = read_all(&Seed::Embedded).unwrap();
        assert!(events
            .iter()
            .any(|(_, e)| e.id == "visit-nazarbayev-poland-2002"));
        assert_eq!(events[0].0, 2, "the first row follows the header");
        let columns: Vec<&str> = Event::COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(columns[0], "id");
        assert!(Event::COLUMNS
            .iter()
            .any(|c| c.name == "title" && c.required));
        assert!(Event::COLUMNS
            .iter()
            .any(|c| c.name == "date" && !c.required));
    }
}
