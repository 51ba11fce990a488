//! What the reliability tests share: running the real `kb`, a generator of a big valid seed,
//! and a look at a knowledge base file (its content and the files SQLite left beside it).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rusqlite::{Connection, OpenFlags};

/// Synthetic events the big seed adds to the shipped one; each also gets two participants.
/// Sized so that a debug build of `kb init --seed BIG` into an existing file takes about 1.5 to
/// 2.5 s on a 2-core machine (debug builds load about 6 000 to 10 000 rows/s).
pub const BIG_EVENTS: usize = 4_000;

/// The source every row of the shipped seed cites.
const SOURCE_ID: &str = "wikipedia-kazakhstan-poland-relations";

/// Sentences of the source text (seed/sources/kazakhstan-poland-relations.txt), copied
/// verbatim; `write_big_seed` checks that the text still contains each of them.
const QUOTES: &[&str] = &[
    "Poland and Kazakhstan established formal diplomatic relations in 1992.",
    "A double tax avoidance agreement was signed between the countries in 1995.",
    "Trade turnover between the two countries exceeded $2.2 billion in 2014.",
    "LOT Polish Airlines operates a service from Warsaw to Astana.",
    "The Poles suffered from epidemics and famine and many died.",
    "The first President of Kazakhstan, Nursultan Nazarbayev, visited Poland on three \
     occasions: on official visits in November 1997 and May 2002, and on a state visit on \
     23 August 2016.",
    "Poland President Andrzej Duda hosted Kazakh President Nursultan Nazarbayev in Poland in \
     2016 for the Polish - Kazakh Economic Forum.",
    "During the visit, he held meetings with President Aleksander Kwaśniewski, Marshal of the \
     Sejm Marek Borowski, Marshal of the Senate Longin Pastusiak, and Prime Minister Leszek \
     Miller.",
];

/// Ids of rows of the shipped seed that synthetic rows refer to.
const PERSONS: &[&str] = &[
    "nursultan-nazarbayev",
    "aleksander-kwasniewski",
    "lech-kaczynski",
    "andrzej-duda",
    "marek-borowski",
    "longin-pastusiak",
    "leszek-miller",
];
const PLACES: &[&str] = &["almaty", "astana", "warsaw", "semey", "otar"];
const COUNTRIES: &[&str] = &["KZ", "PL"];

/// The shipped seed folder.
pub fn shipped_seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seed")
}

/// The `kb` binary of this build, run in `dir` with `KB_DB` cleared and no input.
pub fn kb(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kb"));
    cmd.current_dir(dir)
        .env_remove("KB_DB")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// Runs a command to completion and requires exit 0.
pub fn run_ok(cmd: &mut Command) -> Output {
    let output = cmd.output().expect("kb runs");
    assert!(
        output.status.success(),
        "{cmd:?} failed with {}:\nstdout: {}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

pub use crate::workdir::copy_dir;

/// One CSV field, quoted when it holds a comma, a quote or a line break.
fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A valid `date` field for row `i`: empty, a year, a month, a day or a range of days.
fn date(i: usize) -> String {
    let year = 1900 + (i * 7 % 125) as u32;
    let month = 1 + (i * 5 % 12) as u32;
    let day = 1 + (i * 3 % days_in_month(year, month) as usize) as u32;
    match i % 5 {
        0 => String::new(),
        1 => format!("{year}"),
        2 => format!("{year}-{month:02}"),
        3 => format!("{year}-{month:02}-{day:02}"),
        _ => {
            let last = days_in_month(year, month);
            let end = (day + 1 + (i % 4) as u32).min(last);
            format!("{year}-{month:02}-{day:02}/{year}-{month:02}-{end:02}")
        }
    }
}

fn append(path: &Path, rows: &str) {
    let existing = fs::read_to_string(path).unwrap();
    assert!(
        existing.ends_with('\n'),
        "{} must end with a line break",
        path.display()
    );
    let mut file = fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(rows.as_bytes()).unwrap();
}

/// Writes at `to` a copy of the shipped seed with `events` synthetic events appended to
/// events.csv and two participants for each appended to event_participants.csv: ids unique,
/// every reference to a row that exists, every quote a verbatim sentence of the source, every
/// date a real one. Deterministic: the same `events` always gives the same bytes.
pub fn write_big_seed(to: &Path, events: usize) {
    copy_dir(&shipped_seed(), to);
    let text = fs::read_to_string(to.join("sources/kazakhstan-poland-relations.txt")).unwrap();
    for quote in QUOTES {
        assert!(text.contains(quote), "the source text lacks: {quote}");
    }
    let mut event_rows = String::new();
    let mut participant_rows = String::new();
    for i in 0..events {
        let id = format!("synthetic-event-{i:06}");
        let quote = field(QUOTES[i % QUOTES.len()]);
        let (kind, visit_type) = match i % 8 {
            0 => ("visit", "official"),
            4 => ("visit", ""),
            _ => ("meeting", ""),
        };
        let date = date(i);
        let qualifier = if !date.is_empty() && i % 7 == 0 {
            "early"
        } else {
            ""
        };
        let country = COUNTRIES[i % COUNTRIES.len()];
        let place = if i % 3 == 0 {
            PLACES[i / 3 % PLACES.len()]
        } else {
            ""
        };
        // Some events point at the next one: a forward reference, which files may make.
        let parent = if i % 10 == 5 && i + 1 < events {
            format!("synthetic-event-{:06}", i + 1)
        } else {
            String::new()
        };
        event_rows.push_str(&format!(
            "{id},{kind},{visit_type},Synthetic {kind} number {i},{date},{qualifier},{country},\
             {place},{parent},{},{SOURCE_ID},{quote}\n",
            field(&format!(
                "A synthetic {kind}, number {i}, for the reliability tests."
            ))
        ));
        let person = PERSONS[i % PERSONS.len()];
        participant_rows.push_str(&format!("{id},guest,{person},,,{SOURCE_ID},{quote}\n"));
        participant_rows.push_str(&format!("{id},host,,{country},,{SOURCE_ID},{quote}\n"));
    }
    // Its own kind of event, added to the seed's vocabulary as any data set would.
    append(
        &to.join("event_kinds.csv"),
        "meeting,diplomacy,,A synthetic meeting for the reliability tests.\n",
    );
    append(&to.join("events.csv"), &event_rows);
    append(&to.join("event_participants.csv"), &participant_rows);
}

/// What a knowledge base holds, as far as telling two loads apart goes: the digest of the seed
/// it was loaded from and its rows per table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub seed_sha256: Option<String>,
    pub rows: Vec<(&'static str, u64)>,
}

impl Content {
    pub fn events(&self) -> u64 {
        self.rows
            .iter()
            .find(|(table, _)| *table == "events")
            .map(|(_, n)| *n)
            .expect("an events table")
    }
}

/// Reads the content of the file at `path`, opened read-only.
pub fn content(path: &Path) -> Content {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap_or_else(|e| panic!("{} opens read-only: {e}", path.display()));
    let seed_sha256 = conn
        .query_row("SELECT seed_sha256 FROM seed_state WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap_or_else(|e| panic!("{} has a seed_state row: {e}", path.display()));
    let rows = kb::load::row_counts(&conn).expect("rows per table");
    Content { seed_sha256, rows }
}

/// The rollback journal SQLite keeps beside `db`.
pub fn journal_of(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap().to_os_string();
    name.push("-journal");
    db.with_file_name(name)
}

/// Whether `journal` is a hot journal, by SQLite's own test (`hasHotJournal` in pager.c, with
/// no process holding a lock): it exists and its first byte is not zero. SQLite writes a
/// journal's header (which starts with a non-zero magic number) only when it syncs the journal
/// at commit; before that the header is zeros, so the journal of a transaction killed before
/// its commit is cold and ignored by every reader, while one killed during its commit is hot
/// and must be played back (by a read-write connection) before the file can be read.
pub fn is_hot(journal: &Path) -> bool {
    let mut first = [0u8; 1];
    match fs::File::open(journal) {
        Ok(mut file) => file.read(&mut first).unwrap_or(0) == 1 && first[0] != 0,
        Err(_) => false,
    }
}

/// The names of the files in `dir` that a load may leave behind beside the knowledge base.
pub fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial-") || n.ends_with("-journal") || n.ends_with("-wal"))
        .collect();
    names.sort();
    names
}

/// A fixed-seed linear congruential generator (Knuth's MMIX constants), so that the moments
/// the crash tests kill at are the same on every run.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    /// A number in (0, 1).
    pub fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
}
