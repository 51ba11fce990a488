//! The seed: a folder of CSV files, one per table, read into typed rows. Headers, required
//! fields, dates and numbers are checked here, and every error names file, line and column.
//! No SQL lives here.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::PathBuf;

use include_dir::{include_dir, Dir};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use sha2::{Digest, Sha256};

use crate::dates::DateSpan;
use crate::error::{Error, Location, Result};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/seed");

/// Where seed files come from: the copy built into kb, or a folder of the same layout.
#[derive(Debug, Clone)]
pub enum Seed {
    Embedded,
    Folder(PathBuf),
}

impl Seed {
    /// How errors name a file of this seed: `seed/events.csv` for the built-in copy.
    pub fn display_path(&self, file: &str) -> String {
        match self {
            Seed::Embedded => format!("seed/{file} (built into kb)"),
            Seed::Folder(dir) => dir.join(file).display().to_string(),
        }
    }

    /// The whole content of one file of the seed.
    pub fn read(&self, file: &str) -> Result<Vec<u8>> {
        match self {
            Seed::Embedded => EMBEDDED
                .get_file(file)
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| missing_file(self, file)),
            Seed::Folder(dir) => {
                let path = dir.join(file);
                fs::read(&path).map_err(|e| match e.kind() {
                    io::ErrorKind::NotFound => missing_file(self, file),
                    _ => Error::Io { path, source: e },
                })
            }
        }
    }

    /// Whether the folder exists at all, so that a mistyped `--seed` gets its own message.
    pub fn check_exists(&self) -> Result<()> {
        match self {
            Seed::Folder(dir) if !dir.is_dir() => Err(Error::seed(
                Location::file(dir.display().to_string()),
                "is not a folder; expected a seed folder holding sources.csv, events.csv, …",
            )),
            _ => Ok(()),
        }
    }
}

fn missing_file(seed: &Seed, file: &str) -> Error {
    Error::seed(
        Location::file(seed.display_path(file)),
        "file not found; every seed folder needs it (an empty table still needs its header row)",
    )
}

/// A SHA-256 over the named files' names and bytes: equal digests mean an identical seed.
pub fn digest(seed: &Seed, files: &[String]) -> Result<String> {
    let mut names: Vec<&String> = files.iter().collect();
    names.sort();
    let mut hasher = Sha256::new();
    for name in names {
        let bytes = seed.read(name)?;
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// One CSV column of a table: whether a row may leave it empty, and how its text is checked
/// (dates and numbers), so that an error can name the column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub check: fn(&str) -> Result<(), String>,
}

/// A table's rows as they appear in its CSV file.
pub trait SeedRow: DeserializeOwned {
    /// The CSV file name, which is also the table name plus `.csv`.
    const FILE: &'static str;
    /// The header, in the order kb writes it.
    const COLUMNS: &'static [Column];
}

/// How a field type reads from CSV text: whether it may be empty, and what text it accepts.
pub trait Field {
    const OPTIONAL: bool;
    fn check(_text: &str) -> Result<(), String> {
        Ok(())
    }
}
impl Field for String {
    const OPTIONAL: bool = false;
}
impl Field for Number {
    const OPTIONAL: bool = false;
    fn check(text: &str) -> Result<(), String> {
        text.parse::<Number>().map(drop)
    }
}
impl Field for i64 {
    const OPTIONAL: bool = false;
    fn check(text: &str) -> Result<(), String> {
        text.parse::<i64>()
            .map(drop)
            .map_err(|_| format!("'{text}' is not a whole number; expected digits such as 1"))
    }
}
impl Field for DateSpan {
    const OPTIONAL: bool = false;
    fn check(text: &str) -> Result<(), String> {
        text.parse::<DateSpan>().map(drop).map_err(|e| {
            // Text that is no date at all gets the notation spelled out; a wrong month or
            // day is explained by the message itself.
            if e.0.contains("is not a date") {
                format!("{e} (a range is written START/END, e.g. 2002-05-23/2002-05-26)")
            } else {
                e.0
            }
        })
    }
}
impl<T: Field> Field for Option<T> {
    const OPTIONAL: bool = true;
    fn check(text: &str) -> Result<(), String> {
        if text.is_empty() {
            Ok(())
        } else {
            T::check(text)
        }
    }
}

/// A quantity in base units, kept integral when the CSV writes it without a fraction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Integer(i64),
    Real(f64),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Integer(n) => write!(f, "{n}"),
            Number::Real(x) => write!(f, "{x}"),
        }
    }
}

impl std::str::FromStr for Number {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let plain = !text.is_empty()
            && text
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
        if plain {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Number::Integer(n));
            }
            if let Ok(x) = text.parse::<f64>() {
                if x.is_finite() {
                    return Ok(Number::Real(x));
                }
            }
        }
        Err(format!(
            "'{text}' is not a plain number; expected digits in base units with an optional \
             decimal point, such as 2200000000 or 0.5 (no thousands separators, units or words)"
        ))
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for DateSpan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Declares the row structs: their fields are the CSV header, in order.
macro_rules! seed_rows {
    ($( $(#[$meta:meta])* $name:ident in $file:literal { $($field:ident : $ty:ty),* $(,)? } )*) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $name { $(pub $field: $ty),* }

            impl SeedRow for $name {
                const FILE: &'static str = $file;
                const COLUMNS: &'static [Column] = &[
                    $(Column {
                        name: stringify!($field),
                        required: !<$ty as Field>::OPTIONAL,
                        check: <$ty as Field>::check,
                    }),*
                ];
            }
        )*
    };
}

seed_rows! {
    /// A document facts are taken from; `content_file` names its text, relative to the seed folder.
    Source in "sources.csv" {
        id: String, title: String, url: Option<String>, licence: Option<String>,
        language: Option<String>, content_file: String,
    }
    Country in "countries.csv" {
        code: String, name: String, kind: String, code_system: String, part_of: Option<String>,
        source_id: String, quote: String,
    }
    Place in "places.csv" {
        id: String, name: String, kind: String, country_code: String, source_id: String, quote: String,
    }
    Person in "persons.csv" {
        id: String, name: String, country_code: String, source_id: String, quote: String,
    }
    Organization in "organizations.csv" {
        id: String, name: String, kind: String, country_code: Option<String>,
        parent_id: Option<String>, source_id: String, quote: String,
    }
    PersonOffice in "person_offices.csv" {
        person_id: String, office: String, country_code: String, ordinal: Option<i64>,
        date: Option<DateSpan>, source_id: String, quote: String,
    }
    Event in "events.csv" {
        id: String, kind: String, visit_type: Option<String>, title: String, date: Option<DateSpan>,
        date_qualifier: Option<String>, country_code: Option<String>, place_id: Option<String>,
        parent_event_id: Option<String>, summary: String, source_id: String, quote: String,
    }
    EventParticipant in "event_participants.csv" {
        event_id: String, role: String, person_id: Option<String>, country_code: Option<String>,
        organization_id: Option<String>, source_id: String, quote: String,
    }
    EventPlace in "event_places.csv" {
        event_id: String, role: String, place_id: Option<String>, country_code: Option<String>,
        source_id: String, quote: String,
    }
    EventMention in "event_mentions.csv" {
        event_id: String, source_id: String, quote: String,
    }
    Agreement in "agreements.csv" {
        id: String, title: String, domain: Option<String>, signed_date: Option<DateSpan>,
        source_id: String, quote: String,
    }
    AgreementParty in "agreement_parties.csv" {
        agreement_id: String, country_code: String, source_id: String, quote: String,
    }
    Figure in "figures.csv" {
        id: String, metric: String, subject: String, value: Number, unit: String,
        qualifier: Option<String>, date: Option<DateSpan>, country_code: Option<String>,
        event_id: Option<String>, attributed_to: Option<String>, source_id: String, quote: String,
    }
    Mission in "missions.csv" {
        id: String, kind: String, sending_country_code: String, host_country_code: String,
        place_id: String, established_event_id: Option<String>, source_id: String, quote: String,
    }
    Membership in "memberships.csv" {
        country_code: String, organization_id: String, source_id: String, quote: String,
    }
    TransportLink in "transport_links.csv" {
        id: String, mode: String, operator_id: Option<String>, origin_place_id: String,
        destination_place_id: String, source_id: String, quote: String,
    }
    Decoration in "decorations.csv" {
        id: String, name: String, country_code: String, description: Option<String>,
        source_id: String, quote: String,
    }
    DecorationAward in "decoration_awards.csv" {
        decoration_id: String, recipient_person_id: String, conferrer_person_id: Option<String>,
        event_id: Option<String>, source_id: String, quote: String,
    }
}

/// Finds an opening double quote that is never closed, which the csv crate would otherwise
/// accept by swallowing the rest of the file into one field. Returns its line.
fn unterminated_quote(bytes: &[u8]) -> Option<u64> {
    let mut line = 1;
    let mut opened_on = None;
    let mut at_field_start = true;
    let mut iter = bytes.iter().peekable();
    while let Some(&b) = iter.next() {
        match (opened_on, b) {
            (None, b'"') if at_field_start => opened_on = Some(line),
            (Some(_), b'"') => {
                if iter.peek() == Some(&&b'"') {
                    iter.next();
                } else {
                    opened_on = None;
                }
            }
            _ => {}
        }
        if b == b'\n' {
            line += 1;
        }
        at_field_start = opened_on.is_none() && matches!(b, b',' | b'\n' | b'\r');
    }
    opened_on
}

/// A table as the seed lays it out: its name, CSV file and columns.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub table: &'static str,
    pub file: &'static str,
    pub columns: &'static [Column],
}

impl TableSpec {
    const fn of<T: SeedRow>(table: &'static str) -> TableSpec {
        TableSpec {
            table,
            file: T::FILE,
            columns: T::COLUMNS,
        }
    }

    /// The header row kb expects, as CSV text.
    pub fn header(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        names.join(",")
    }
}

/// Every table of the seed, in the order they are loaded (a table before those that cite it).
pub const TABLES: &[TableSpec] = &[
    TableSpec::of::<Source>("sources"),
    TableSpec::of::<Country>("countries"),
    TableSpec::of::<Place>("places"),
    TableSpec::of::<Person>("persons"),
    TableSpec::of::<Organization>("organizations"),
    TableSpec::of::<PersonOffice>("person_offices"),
    TableSpec::of::<Event>("events"),
    TableSpec::of::<EventParticipant>("event_participants"),
    TableSpec::of::<EventPlace>("event_places"),
    TableSpec::of::<EventMention>("event_mentions"),
    TableSpec::of::<Agreement>("agreements"),
    TableSpec::of::<AgreementParty>("agreement_parties"),
    TableSpec::of::<Figure>("figures"),
    TableSpec::of::<Mission>("missions"),
    TableSpec::of::<Membership>("memberships"),
    TableSpec::of::<TransportLink>("transport_links"),
    TableSpec::of::<Decoration>("decorations"),
    TableSpec::of::<DecorationAward>("decoration_awards"),
];

/// The spec of the table with this name.
pub fn table_spec(table: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.table == table)
}

/// Reads one seed file record by record, after checking its bytes and header, and checks
/// each record's required fields, dates and numbers.
pub struct RecordReader {
    spec: TableSpec,
    file: String,
    headers: csv::StringRecord,
    records: csv::Reader<io::Cursor<Vec<u8>>>,
    record: csv::StringRecord,
}

impl RecordReader {
    pub fn open(seed: &Seed, spec: &TableSpec) -> Result<Self> {
        let file = seed.display_path(spec.file);
        let bytes = seed.read(spec.file)?;
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::seed(
                Location::file(&file),
                format!(
                    "file is empty; expected at least the header row: {}",
                    spec.header()
                ),
            ));
        }
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
            return Err(Error::seed(
                Location::line(&file, line),
                "contains a NUL byte; a seed file must be plain UTF-8 text",
            ));
        }
        if let Some(line) = unterminated_quote(&bytes) {
            return Err(Error::seed(
                Location::line(&file, line),
                "a quoted field opens here and is never closed; expected a closing \" \
                 (write a quote inside a quoted field as \"\")",
            ));
        }
        let mut records = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(io::Cursor::new(bytes));
        let headers = records
            .headers()
            .map_err(|e| csv_error(&file, e, None))?
            .clone();
        check_header(&file, &headers, spec.columns)?;
        Ok(RecordReader {
            spec: *spec,
            file,
            headers,
            records,
            record: csv::StringRecord::new(),
        })
    }

    /// Advances to the next record and returns the line it starts on, or None at the end.
    fn advance(&mut self) -> Result<Option<u64>> {
        let more = self
            .records
            .read_record(&mut self.record)
            .map_err(|e| csv_error(&self.file, e, Some(&self.headers)))?;
        Ok(more.then(|| self.record.position().map_or(0, |p| p.line())))
    }

    /// Advances to the next record and checks its fields; returns the line it starts on.
    pub fn next_checked(&mut self) -> Result<Option<u64>> {
        let Some(line) = self.advance()? else {
            return Ok(None);
        };
        for (value, name) in self.record.iter().zip(self.headers.iter()) {
            let Some(column) = self.spec.columns.iter().find(|c| c.name == name) else {
                continue;
            };
            let at = || Location::line(&self.file, line).column(name);
            if column.required && value.trim().is_empty() {
                return Err(Error::seed(at(), "is empty; this column needs a value"));
            }
            (column.check)(value).map_err(|message| Error::seed(at(), message))?;
        }
        Ok(Some(line))
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
}

/// Reads one seed file row by row into `T`.
pub struct RowReader<T> {
    records: RecordReader,
    _row: std::marker::PhantomData<T>,
}

impl<T: SeedRow> RowReader<T> {
    pub fn open(seed: &Seed) -> Result<Self> {
        let spec = TABLES
            .iter()
            .find(|t| t.file == T::FILE)
            .expect("every row type is in TABLES");
        Ok(RowReader {
            records: RecordReader::open(seed, spec)?,
            _row: std::marker::PhantomData,
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
            .map_err(|e| csv_error(&reader.file, e, Some(&reader.headers)))?;
        Ok(Some((line, row)))
    }

    /// The name of the file as errors show it.
    pub fn file(&self) -> &str {
        self.records.file()
    }
}

fn check_header(file: &str, headers: &csv::StringRecord, columns: &[Column]) -> Result<()> {
    let expected: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let at_header = || Location::line(file, 1);
    let mut seen = HashMap::new();
    for name in headers {
        if seen.insert(name, ()).is_some() {
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
    if let Some(missing) = expected.iter().find(|c| !seen.contains_key(*c)) {
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

fn csv_error(file: &str, error: csv::Error, headers: Option<&csv::StringRecord>) -> Error {
    let line = error.position().map_or(0, |p| p.line());
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
        csv::ErrorKind::Io(e) => Error::seed(at, e.to_string()),
        other => Error::seed(at, format!("{other:?}")),
    }
}

/// Reads a source's text file, which must be UTF-8.
pub fn read_source_text(seed: &Seed, content_file: &str) -> Result<String> {
    let bytes = seed.read(content_file)?;
    String::from_utf8(bytes).map_err(|_| {
        Error::seed(
            Location::file(seed.display_path(content_file)),
            "is not valid UTF-8; save the source text as UTF-8",
        )
    })
}

/// Every row of a small file with the line it starts on (the sources, say).
pub fn read_all<T: SeedRow>(seed: &Seed) -> Result<Vec<(u64, T)>> {
    let mut reader = RowReader::<T>::open(seed)?;
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row()? {
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_on_its_line() {
        assert_eq!(unterminated_quote(b"a,b\n1,\"x\n2,y\n"), Some(2));
        assert_eq!(unterminated_quote(b"a,b\n1,\"x, \"\"y\"\"\"\n"), None);
        assert_eq!(unterminated_quote(b"a,b\n1,\"multi\nline\"\n"), None);
        assert_eq!(unterminated_quote(b"a,b\n1,it's 5\" tall\n"), None);
    }

    #[test]
    fn numbers_are_plain_base_units() {
        assert_eq!("2200000000".parse(), Ok(Number::Integer(2_200_000_000)));
        assert_eq!("0.5".parse(), Ok(Number::Real(0.5)));
        assert_eq!("-3".parse(), Ok(Number::Integer(-3)));
        for bad in [
            "2,2 bn", "2.2e9", "", "$130", "1 000", "NaN", "inf", "1.2.3", "--1",
        ] {
            assert!(bad.parse::<Number>().is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn the_built_in_seed_reads_cleanly() {
        let events: Vec<(u64, Event)> = read_all(&Seed::Embedded).unwrap();
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
