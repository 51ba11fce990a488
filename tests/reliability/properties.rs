//! Property tests: the date parser round-trips every valid date and never panics, and the
//! loader answers Ok or Err, never a panic, for any bytes in a seed file; a failed load changes
//! nothing and an accepted one passes `kb check`; `kb sql` answers any statement text with Ok
//! or Err and leaves the file byte for byte as it was.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

use kb::dates::{DateSpan, PartialDate};
use kb::db::{self, BulkWrite};
use kb::load;
use kb::seed::Seed;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{TestCaseResult, TestRunner};
use rusqlite::Connection;

use crate::common::{copy_dir, shipped_seed};

/// No regression files are written into the source tree: a failure prints its minimal case.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Days in a month, worked out independently of kb.
fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Any valid date at the given precision (0 year, 1 month, 2 day), years 0000 to 9999.
fn date_at(precision: u8) -> impl Strategy<Value = PartialDate> {
    (1u16..=9999, 1u8..=12, 1u8..=31).prop_map(move |(year, month, day)| PartialDate {
        year,
        month: (precision >= 1).then_some(month),
        day: (precision >= 2).then_some(day.min(days_in_month(year, month))),
    })
}

/// Any valid span: a single date or two dates of one precision, the earlier first.
fn span() -> impl Strategy<Value = DateSpan> {
    (0u8..3)
        .prop_flat_map(|p| (date_at(p), date_at(p), any::<bool>()))
        .prop_map(|(a, b, single)| {
            let (start, end) = if single { (a, a) } else { (a.min(b), a.max(b)) };
            DateSpan { start, end }
        })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn a_valid_date_span_round_trips_through_its_text(span in span()) {
        let text = span.to_string();
        prop_assert_eq!(text.parse::<DateSpan>(), Ok(span), "text {}", text);
        prop_assert_eq!(span.start_text().parse::<PartialDate>(), Ok(span.start));
        prop_assert_eq!(span.end_text().parse::<PartialDate>(), Ok(span.end));
        // The text is ISO 8601: zero-padded fields, '/' only between two dates.
        let expected_len = [4, 7, 10][span.start.precision() as usize];
        let parts: Vec<&str> = text.split('/').collect();
        prop_assert_eq!(parts.len(), if span.is_single() { 1 } else { 2 });
        prop_assert!(parts.iter().all(|p| p.len() == expected_len), "text {}", text);
    }

    #[test]
    fn parsing_any_string_never_panics(text in any::<String>()) {
        let _ = text.parse::<DateSpan>();
        let _ = text.parse::<PartialDate>();
    }

    #[test]
    fn parsing_date_like_strings_never_panics_and_what_parses_is_sound(
        text in "[0-9/ ,T-]{0,24}"
    ) {
        if let Ok(span) = text.parse::<DateSpan>() {
            prop_assert!(span.start <= span.end, "{} parsed to {:?}", text, span);
            prop_assert_eq!(span.start.precision(), span.end.precision());
            for date in [span.start, span.end] {
                if let (Some(month), day) = (date.month, date.day) {
                    prop_assert!((1..=12).contains(&month), "{} parsed to {:?}", text, span);
                    if let Some(day) = day {
                        prop_assert!(
                            day >= 1 && day <= days_in_month(date.year, month),
                            "{} parsed to {:?}", text, span
                        );
                    }
                }
            }
            prop_assert_eq!(span.to_string().parse::<DateSpan>(), Ok(span));
        }
    }
}

/// A copy of the shipped seed to overwrite one file of per case, and the original bytes of
/// every file, to put back before each case.
struct SeedCopy {
    _dir: tempfile::TempDir,
    seed: Seed,
    originals: HashMap<String, Vec<u8>>,
}

impl SeedCopy {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("seed");
        copy_dir(&shipped_seed(), &path);
        let mut originals = HashMap::new();
        for file in seed_files(&path) {
            originals.insert(file.clone(), fs::read(path.join(&file)).unwrap());
        }
        SeedCopy {
            _dir: dir,
            seed: Seed::Folder(path),
            originals,
        }
    }

    fn path(&self) -> &Path {
        match &self.seed {
            Seed::Folder(path) => path,
            Seed::Embedded => unreachable!(),
        }
    }

    /// Puts every file back, then gives `file` the bytes `bytes`.
    fn with_file(&self, file: &str, bytes: &[u8]) {
        for (name, original) in &self.originals {
            fs::write(self.path().join(name), original).unwrap();
        }
        fs::write(self.path().join(file), bytes).unwrap();
    }
}

/// Every file of a seed folder, as paths relative to it (`events.csv`, `sources/….txt`).
fn seed_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            for inner in seed_files(&entry.path()) {
                files.push(format!("{name}/{inner}"));
            }
        } else {
            files.push(name);
        }
    }
    files.sort();
    files
}

/// The seed's digest and rows per table, to tell whether a load changed anything.
fn snapshot(conn: &Connection) -> (Option<String>, Vec<(&'static str, u64)>) {
    let sha = conn
        .query_row("SELECT seed_sha256 FROM seed_state WHERE id = 1", [], |r| {
            r.get(0)
        })
        .ok();
    (sha, load::row_counts(conn).unwrap())
}

/// An empty in-memory knowledge base with kb's schema, made with kb's own functions.
fn empty_knowledge_base() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    db::migrate(&mut conn).unwrap();
    conn
}

/// Loads the seed as it now is into an empty in-memory knowledge base, and checks what must
/// hold whatever the bytes: an answer rather than a panic; a refused load changes nothing and
/// leaves no transaction open; foreign keys are back on; an accepted seed passes `kb check`.
///
/// Migrating a new database takes most of a case's time in a debug build, so `spare` keeps the
/// one a refused load was checked to have left as empty as it found it, for the next case.
fn load_answers(copy: &SeedCopy, spare: &RefCell<Option<Connection>>) -> TestCaseResult {
    let mut conn = spare.take().unwrap_or_else(empty_knowledge_base);
    let before = snapshot(&conn);
    prop_assert!(before.1.iter().all(|(_, n)| *n == 0) && before.0.is_none());
    let result = load::load_seed(&mut conn, &copy.seed, BulkWrite::InPlace, &mut |_| {});
    let foreign_keys: bool = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    prop_assert!(
        foreign_keys,
        "the load left foreign keys off ({:?})",
        result
    );
    match result {
        Err(_) => {
            prop_assert_eq!(snapshot(&conn), before, "a refused load changed the file");
            prop_assert!(
                conn.is_autocommit(),
                "a refused load left its transaction open"
            );
            spare.replace(Some(conn));
        }
        Ok(summary) => {
            prop_assert_eq!(&load::row_counts(&conn).unwrap(), &summary.rows);
            let (findings, _) = kb::check::check(&mut conn).unwrap();
            prop_assert!(
                findings.is_empty(),
                "kb check finds problems in a seed the loader accepted: {:?}",
                findings
            );
        }
    }
    Ok(())
}

#[test]
fn the_loader_answers_arbitrary_bytes_in_any_seed_file_without_panicking() {
    let copy = SeedCopy::new();
    let spare = RefCell::new(None);
    let files: Vec<String> = {
        let mut files: Vec<String> = copy.originals.keys().cloned().collect();
        files.sort();
        files
    };
    let mut runner = TestRunner::new(config(64));
    let strategy = (
        proptest::sample::select(files),
        proptest::collection::vec(any::<u8>(), 0..2000),
    );
    runner
        .run(&strategy, |(file, bytes)| {
            copy.with_file(&file, &bytes);
            load_answers(&copy, &spare)
        })
        .unwrap();
}

/// One small change to a file's bytes, or to one field of one line (fields split at every
/// comma, quoted or not) so that dates, numbers and ids are hit often.
#[derive(Debug, Clone)]
enum Edit {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index),
    Field(Index, Index, String),
}

/// Bytes that matter to CSV, dates and UTF-8, besides any byte at all.
fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        proptest::sample::select(b",\"\n\r-/0123456789 \0\xc3\xff".to_vec()),
    ]
}

/// Text for a field: date-like more often than not, since dates have the most rules.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,5}(-[0-9]{1,3}){0,3}(/[0-9]{0,4}(-[0-9]{1,2}){0,2})?",
        "[0-9/ ,T\"a-z-]{0,12}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (any::<Index>(), byte()).prop_map(|(at, b)| Edit::Flip(at, b)),
        1 => (any::<Index>(), byte()).prop_map(|(at, b)| Edit::Insert(at, b)),
        1 => any::<Index>().prop_map(Edit::Delete),
        3 => (any::<Index>(), any::<Index>(), field_text())
            .prop_map(|(line, field, text)| Edit::Field(line, field, text)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        match edit {
            Edit::Flip(at, b) if !bytes.is_empty() => {
                let i = at.index(bytes.len());
                bytes[i] = *b;
            }
            Edit::Insert(at, b) => {
                let i = at.index(bytes.len() + 1);
                bytes.insert(i, *b);
            }
            Edit::Delete(at) if !bytes.is_empty() => {
                let i = at.index(bytes.len());
                bytes.remove(i);
            }
            Edit::Field(line, field, text) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
                let line = line.index(lines.len());
                let mut fields: Vec<Vec<u8>> = lines[line]
                    .split(|b| *b == b',')
                    .map(<[u8]>::to_vec)
                    .collect();
                let field = field.index(fields.len());
                fields[field] = text.clone().into_bytes();
                lines[line] = fields.join(&b',');
                bytes = lines.join(&b'\n');
            }
            _ => {}
        }
    }
    bytes
}

#[test]
fn the_loader_answers_small_mutations_of_real_seed_files_without_panicking() {
    let copy = SeedCopy::new();
    let spare = RefCell::new(None);
    // The files with dates, numbers and references to other files, events.csv twice as often.
    let files = vec![
        "events.csv",
        "events.csv",
        "persons.csv",
        "person_offices.csv",
        "event_participants.csv",
        "figures.csv",
        "agreements.csv",
        "sources.csv",
    ];
    let mut runner = TestRunner::new(config(64));
    let strategy = (
        proptest::sample::select(files),
        proptest::collection::vec(edit(), 1..=4),
    );
    runner
        .run(&strategy, |(file, edits)| {
            let mutated = apply(copy.originals[file].clone(), &edits);
            copy.with_file(file, &mutated);
            load_answers(&copy, &spare)
        })
        .unwrap();
}

/// Words that make statements worth trying: reads, every kind of write, pragmas, quotes,
/// comments and NUL, mixed with arbitrary text below.
const SQL_WORDS: &[&str] = &[
    "SELECT",
    "*",
    "1",
    "x'00'",
    "FROM",
    "persons",
    "events",
    "search",
    "v_timeline",
    "WHERE",
    "MATCH",
    "'\"'",
    "WITH",
    "RECURSIVE",
    "UNION",
    "ALL",
    "DELETE",
    "UPDATE",
    "SET",
    "INSERT",
    "INTO",
    "VALUES",
    "(",
    ")",
    ",",
    ";",
    "'",
    "\"",
    "\0",
    "--",
    "/*",
    "=",
    "ATTACH",
    "DETACH",
    "AS",
    "other",
    "PRAGMA",
    "optimize",
    "journal_mode",
    "WAL",
    "user_version",
    "query_only",
    "shrink_memory",
    "wal_checkpoint",
    "pragma_optimize",
    "pragma_table_info('persons')",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "VACUUM",
    "REINDEX",
    "ANALYZE",
    "DROP",
    "TABLE",
    "CREATE",
    "TEMP",
    "VIEW",
    "TRIGGER",
    "load_extension('x')",
    "zeroblob(10)",
    "1e999",
];

/// Whole statements, reads and writes of every kind; `{other}` is a file beside the database,
/// so a write that got through would show up there.
const STATEMENTS: &[&str] = &[
    "SELECT * FROM persons",
    "SELECT count(*) FROM search WHERE search MATCH 'poland'",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
    "SELECT * FROM pragma_table_info('persons')",
    "PRAGMA journal_mode",
    "PRAGMA integrity_check",
    "DELETE FROM persons",
    "UPDATE persons SET name = 'x'",
    "INSERT INTO sources (id) VALUES ('x')",
    "REPLACE INTO countries (code) VALUES ('PL')",
    "DROP TABLE events",
    "ALTER TABLE persons ADD COLUMN z",
    "CREATE TABLE t (x)",
    "CREATE TEMP TABLE t (x)",
    "CREATE TEMP TRIGGER t AFTER INSERT ON persons BEGIN SELECT 1; END",
    "ATTACH '{other}' AS other",
    "VACUUM",
    "VACUUM INTO '{other}'",
    "REINDEX",
    "ANALYZE",
    "BEGIN",
    "SAVEPOINT s",
    "PRAGMA optimize",
    "SELECT * FROM pragma_optimize",
    "PRAGMA shrink_memory",
    "PRAGMA wal_checkpoint(TRUNCATE)",
    "PRAGMA incremental_vacuum",
    "PRAGMA journal_mode = WAL",
    "PRAGMA user_version = 9",
    "PRAGMA query_only = 0",
    "PRAGMA writable_schema = 1",
    "SELECT load_extension('x')",
];

/// Any statement text: arbitrary strings, arbitrary bytes read as UTF-8, SQL-ish word salad
/// with arbitrary text in it, and whole statements joined by separators (`;`, a NUL, a
/// comment) with a character put somewhere.
fn statement_text(other: &str) -> impl Strategy<Value = String> {
    let words = proptest::collection::vec(proptest::sample::select(SQL_WORDS), 0..14);
    let statement = proptest::sample::select(STATEMENTS).prop_map({
        let other = other.to_string();
        move |s| s.replace("{other}", &other)
    });
    let separator = proptest::sample::select(&[" ", "; ", ";\0", "\0", " -- ", " /* ", "'"][..]);
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(any::<u8>(), 0..200)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        words.clone().prop_map(|w| w.join(" ")),
        (words, any::<String>(), any::<Index>()).prop_map(|(w, noise, at)| {
            let mut w: Vec<String> = w.into_iter().map(String::from).collect();
            let at = at.index(w.len() + 1);
            w.insert(at, noise);
            w.join(" ")
        }),
        statement.clone(),
        (
            statement.clone(),
            separator,
            statement,
            any::<Index>(),
            any::<char>()
        )
            .prop_map(|(first, separator, second, at, c)| {
                let mut text = format!("{first}{separator}{second}");
                let chars = text.chars().count();
                if let Some((at, _)) = text.char_indices().nth(at.index(chars + 1)) {
                    text.insert(at, c);
                }
                text
            }),
    ]
}

/// Counts rows and drops them.
struct Discard(u64);

impl kb::query::RowSink for Discard {
    fn columns(&mut self, _: &[String]) -> kb::Result<()> {
        Ok(())
    }
    fn row(&mut self, _: &[rusqlite::types::Value]) -> kb::Result<()> {
        self.0 += 1;
        Ok(())
    }
}

#[test]
fn kb_sql_answers_any_statement_text_and_leaves_the_file_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.db");
    {
        let mut conn = db::open(&path).unwrap();
        db::migrate(&mut conn).unwrap();
        load::load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {}).unwrap();
    }
    let before = fs::read(&path).unwrap();
    let other = dir.path().join("other.db");
    let mut runner = TestRunner::new(config(200));
    runner
        .run(&statement_text(&other.to_string_lossy()), |sql| {
            // As `kb sql` opens it; a short timeout ends the endless statements.
            let mut conn = db::open_read_only(&path).unwrap();
            let mut rows = Discard(0);
            let timeout = std::time::Duration::from_millis(300);
            // Ok and Err are both answers; a panic fails the case.
            let _ = kb::query::run_sql(&mut conn, &sql, timeout, &mut rows);
            drop(conn);
            prop_assert!(
                fs::read(&path).unwrap() == before,
                "{:?} changed the file",
                sql
            );
            let left: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name != "kb.db")
                .collect();
            prop_assert!(left.is_empty(), "{:?} left {:?}", sql, left);
            Ok(())
        })
        .unwrap();
}
