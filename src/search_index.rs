//! The full-text search index of a bulk load: built on a thread and in a temporary database
//! of its own while the rows go into the knowledge base, then copied in whole.
//!
//! Indexing the text costs about as much as inserting the rows themselves; done beside the
//! inserts it uses the second core instead of adding to the load's time, and gives way
//! whenever the load's own two threads need both cores. The index keeps no
//! copy of its texts: FTS5 reads them from the tables through `v_search_source`. The words
//! indexed here are computed from the seed rows instead, and FTS5's integrity check holds
//! them to the view's (in the tests).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SendError, SyncSender, TryRecvError, TrySendError};
use std::sync::{Arc, OnceLock};
use std::thread::{JoinHandle, Thread};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, Transaction};

use crate::error::{Error, Result};
use crate::names::{self, ascii_spelling};

/// The virtual table that holds the index, as V3 names it.
const TABLE: &str = "search";

/// The table that lists the index's entries with their folded words, as V15 names it.
const ENTRIES: &str = "search_entries";

/// One row of the search index: what `v_search_source` yields for one table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub search_rowid: i64,
    pub kind: &'static str,
    pub ref_id: String,
    pub name: String,
    pub body: String,
}

/// The tables the index covers, with the number `v_search_source` gives each in the search
/// rowid, so that an entry can be found from its row: `rowid * 8 + n` for V3's tables,
/// `-(rowid * 8 + n)` for those V6 added (written here as -n).
#[derive(Debug, Clone, Copy)]
pub enum Indexed {
    Person = 1,
    Place = 2,
    Organization = 3,
    Event = 4,
    Agreement = 5,
    Figure = 6,
    Alias = 7,
    PersonOffice = -1,
    Mission = -2,
    TransportLink = -3,
    Membership = -4,
    Decoration = -5,
    DecorationAward = -6,
}

impl Indexed {
    /// What a hit in this table stands for (`kind` in the index); an alias stands for what
    /// it names, an office or an award for its person, a membership for its organization.
    fn kind(self) -> &'static str {
        match self {
            Indexed::Person | Indexed::PersonOffice | Indexed::DecorationAward => "person",
            Indexed::Place => "place",
            Indexed::Organization | Indexed::Membership => "organization",
            Indexed::Event => "event",
            Indexed::Agreement => "agreement",
            Indexed::Figure => "figure",
            Indexed::Alias => "alias",
            Indexed::Mission => "mission",
            Indexed::TransportLink => "transport link",
            Indexed::Decoration => "decoration",
        }
    }

    /// The search rowid of the table's row `rowid`.
    fn search_rowid(self, rowid: i64) -> i64 {
        let n = self as i64;
        if n > 0 {
            rowid * 8 + n
        } else {
            -(rowid * 8 - n)
        }
    }
}

impl Entry {
    /// The entry for the row `table_rowid` of `table`, whose id is `ref_id`.
    pub fn new(
        table: Indexed,
        table_rowid: i64,
        ref_id: String,
        name: String,
        body: String,
    ) -> Self {
        Entry {
            search_rowid: table.search_rowid(table_rowid),
            kind: table.kind(),
            ref_id,
            name,
            body,
        }
    }

    /// The entry for the alias in row `alias_rowid`: another name of `named`'s `ref_id`.
    pub fn alias(
        alias_rowid: i64,
        named: Indexed,
        ref_id: String,
        alias: String,
        quote: String,
    ) -> Self {
        Entry {
            kind: named.kind(),
            ..Entry::new(Indexed::Alias, alias_rowid, ref_id, alias, quote)
        }
    }
}

/// The `folded` column of `v_search_source`: the words of name and body (what lies between
/// two spaces) that hold a letter Unicode does not decompose, with those letters spelled the
/// ASCII way, joined by spaces; empty when there are none. The other words are searched in
/// name and body already.
pub fn folded(name: &str, body: &str) -> String {
    let mut text = String::new();
    if !names::holds_undecomposed(name) && !names::holds_undecomposed(body) {
        return text;
    }
    let words = name.split(' ').chain(body.split(' '));
    for word in words.filter(|word| names::holds_undecomposed(word)) {
        if !text.is_empty() {
            text.push(' ');
        }
        for c in word.chars() {
            match ascii_spelling(c) {
                Some(ascii) => text.push_str(ascii),
                None => text.push(c),
            }
        }
    }
    text
}

/// Hands one entry to the index; fails once the load has given the index up.
pub type AddEntry<'a> = dyn FnMut(Entry) -> Result<()> + 'a;

/// A search index being built on its own thread, from entries a producer finds itself (it
/// reads the seed files on that thread, at its own pace, so the inserts never wait for it).
pub struct Builder<R> {
    thread: Option<JoinHandle<Result<(Connection, R)>>>,
    stop: Arc<AtomicBool>,
    give_way: GiveWay,
}

impl<R: Send + 'static> Builder<R> {
    /// Starts an index made like `main`'s, in a private temporary database (SQLite deletes
    /// its file as soon as it is opened, so nothing is left behind whatever happens), and
    /// fills it with what `produce` adds. `produce`'s own result comes back from `finish`.
    pub fn start<P>(main: &Connection, produce: P) -> Result<Builder<R>>
    where
        P: FnOnce(&mut AddEntry<'_>) -> Result<R> + Send + 'static,
    {
        let create = [
            create_table_sql(main, TABLE)?,
            create_table_sql(main, ENTRIES)?,
        ];
        let index = Connection::open("")?;
        index.pragma_update(None, "journal_mode", "OFF")?;
        index.pragma_update(None, "synchronous", "OFF")?;
        index.pragma_update(None, "cache_size", -8_192)?;
        for sql in &create {
            index.execute_batch(sql)?;
        }
        index.execute_batch(&format!(
            "INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('automerge', 0);
             INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('crisismerge', {BUILD_CRISIS_MERGE});"
        ))?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let give_way = GiveWay::default();
        let to_load = give_way.clone();
        let thread = std::thread::Builder::new()
            .name("kb-search-index".into())
            .spawn(move || {
                index_entries(index, produce, &stopped, &to_load).map_err(in_temporary_folder)
            })
            .map_err(|e| Error::SearchIndex(format!("cannot start its thread: {e}")))?;
        Ok(Builder {
            thread: Some(thread),
            stop,
            give_way,
        })
    }

    /// How the load's threads tell this index when it may take a core.
    pub fn give_way(&self) -> GiveWay {
        self.give_way.clone()
    }

    /// Waits for the producer and the index; gives back the index and what `produce` returned.
    pub fn finish(mut self) -> Result<(Built, R)> {
        let thread = self.thread.take().expect("a builder is finished once");
        let (index, produced) = thread
            .join()
            .unwrap_or_else(|_| Err(Error::SearchIndex("its thread panicked".into())))?;
        Ok((Built { index }, produced))
    }
}

impl<R> Drop for Builder<R> {
    fn drop(&mut self) {
        // A load that failed drops the builder unfinished: stop the thread, ignore its work.
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A finished index, in its temporary database.
pub struct Built {
    index: Connection,
}

impl Built {
    /// Makes this `tx`'s search index, replacing what that held.
    pub fn copy_into(self, tx: &Transaction<'_>) -> Result<()> {
        replace_index(&self.index, tx)
    }
}

fn index_entries<R, P>(
    mut index: Connection,
    produce: P,
    stop: &AtomicBool,
    give_way: &GiveWay,
) -> Result<(Connection, R)>
where
    P: FnOnce(&mut AddEntry<'_>) -> Result<R>,
{
    let tx = index.transaction()?;
    let produced = {
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {TABLE} (rowid, kind, ref_id, name, body, folded)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        ))?;
        let mut enter = tx.prepare(&format!(
            "INSERT INTO {ENTRIES} (search_rowid, folded) VALUES (?1, ?2)"
        ))?;
        let mut write = |entry: Entry| -> Result<()> {
            let folded = folded(&entry.name, &entry.body);
            insert.execute(params![
                entry.search_rowid,
                entry.kind,
                entry.ref_id,
                entry.name,
                entry.body,
                folded,
            ])?;
            enter.execute(params![entry.search_rowid, folded])?;
            Ok(())
        };
        let mut rising = RisingRowids::default();
        give_way.register_index();
        let produced = produce(&mut |entry: Entry| {
            give_way.wait_for_a_free_core();
            if stop.load(Ordering::Relaxed) {
                return Err(Error::SearchIndex("the load stopped".into()));
            }
            rising.push(entry, &mut write)
        })?;
        rising.flush(&mut write)?;
        produced
    };
    merge_into_one_segment(&tx)?;
    tx.commit()?;
    Ok((index, produced))
}

/// How the index's thread gives way to the two threads of a load (one reads and checks the
/// seed's rows, the other inserts them): while they are at work on every core the index
/// waits, so that on two cores the rows go in at full speed; whenever one of them waits for
/// the other, and once the rows are in, the index takes the free core. With more cores than
/// the load's threads, it never waits. (A lower priority for the thread did as well on an
/// idle machine, but left the index to starve behind any other busy process, and a thread
/// cannot take its priority back.)
#[derive(Clone)]
pub struct GiveWay(Arc<GiveWayState>);

struct GiveWayState {
    /// The load's threads at work just now.
    at_work: AtomicUsize,
    /// How many at work leave the index no core: the machine's cores.
    cores: usize,
    /// The index's thread, woken when a core comes free.
    index: OnceLock<Thread>,
}

/// How long the index sleeps before looking again, should a wake-up be missed.
const RECHECK: Duration = Duration::from_millis(20);

impl Default for GiveWay {
    /// Gives way on this machine's cores.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        GiveWay::on_cores(cores)
    }
}

impl GiveWay {
    fn on_cores(cores: usize) -> Self {
        GiveWay(Arc::new(GiveWayState {
            at_work: AtomicUsize::new(0),
            cores,
            index: OnceLock::new(),
        }))
    }

    /// Counts the calling thread at work for the load until the guard is dropped.
    pub fn at_work(&self) -> AtWork<'_> {
        self.0.at_work.fetch_add(1, Ordering::SeqCst);
        AtWork(self)
    }

    /// Receives from `channel`, counting the calling thread idle while it has to wait.
    pub fn receive<T>(&self, channel: &Receiver<T>) -> Option<T> {
        match channel.try_recv() {
            Ok(value) => Some(value),
            Err(TryRecvError::Empty) => self.idle(|| channel.recv().ok()),
            Err(TryRecvError::Disconnected) => None,
        }
    }

    /// Sends on `channel`, counting the calling thread idle while it has to wait.
    pub fn send<T>(&self, channel: &SyncSender<T>, value: T) -> Result<(), SendError<T>> {
        match channel.try_send(value) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(value)) => self.idle(|| channel.send(value)),
            Err(TrySendError::Disconnected(value)) => Err(SendError(value)),
        }
    }

    fn idle<T>(&self, wait: impl FnOnce() -> T) -> T {
        self.stop_work();
        let waited = wait();
        self.0.at_work.fetch_add(1, Ordering::SeqCst);
        waited
    }

    fn stop_work(&self) {
        self.0.at_work.fetch_sub(1, Ordering::SeqCst);
        if let Some(index) = self.0.index.get() {
            index.unpark();
        }
    }

    fn register_index(&self) {
        let _ = self.0.index.set(std::thread::current());
    }

    fn wait_for_a_free_core(&self) {
        while self.0.at_work.load(Ordering::SeqCst) >= self.0.cores {
            std::thread::park_timeout(RECHECK);
        }
    }
}

/// A thread counted at work for the load; see `GiveWay::at_work`.
pub struct AtWork<'a>(&'a GiveWay);

impl Drop for AtWork<'_> {
    fn drop(&mut self) {
        self.0.stop_work();
    }
}

/// Entries handed on in rising rowid order where they came falling. FTS5 writes the terms
/// it holds in memory out as a new segment whenever an entry's rowid is lower than the one
/// before it, and the tables V6 added number their entries downwards (`-(rowid * 8 + n)`):
/// read in file order, each of their rows made a segment of its own, to be merged again.
/// Their entries are held back, a run at a time, and written reversed.
#[derive(Default)]
struct RisingRowids {
    /// Entries whose rowids fall one after the other, in the order they came.
    falling: Vec<Entry>,
}

/// The most entries held back at once: their texts stay in memory meanwhile, and each run
/// still makes a segment.
const FALLING_RUN: usize = 1024;

impl RisingRowids {
    fn push(&mut self, entry: Entry, write: &mut impl FnMut(Entry) -> Result<()>) -> Result<()> {
        let falls = self
            .falling
            .last()
            .is_some_and(|last| entry.search_rowid < last.search_rowid);
        if !falls || self.falling.len() == FALLING_RUN {
            self.flush(write)?;
        }
        self.falling.push(entry);
        Ok(())
    }

    /// Writes what is held back, lowest rowid first.
    fn flush(&mut self, write: &mut impl FnMut(Entry) -> Result<()>) -> Result<()> {
        self.falling.drain(..).rev().try_for_each(write)
    }
}

/// How many segments of a level FTS5 lets pile up, while the index is built, before it
/// merges them: a few wide merges instead of FTS5's default of many narrow ones (merge
/// every 4 segments as they come, and every 16 at the latest). Building the index of
/// 200,000 events took 15% less CPU time so (the sqlite3 shell, three runs each). FTS5
/// refuses a 2,000th segment; at 200 a level, that is ten levels, each 200 times the last.
const BUILD_CRISIS_MERGE: u32 = 200;

/// Merges the index into one segment, the fastest to query, and forgets the build's merge
/// settings so that the file's index keeps FTS5's defaults for the rows edited later.
fn merge_into_one_segment(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(&format!(
        "INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize');
         DELETE FROM {TABLE}_config WHERE k IN ('automerge', 'crisismerge');"
    ))?;
    Ok(())
}

/// Says where the index was being built when SQLite failed there: most often the
/// temporary folder ran out of space.
fn in_temporary_folder(error: Error) -> Error {
    match error {
        Error::Sqlite(e) => Error::SearchIndex(format!(
            "{e} (it is built in SQLite's temporary folder: SQLITE_TMPDIR or TMPDIR, \
             else /var/tmp or /tmp)"
        )),
        other => other,
    }
}

/// The CREATE statement of `conn`'s table `name`, as its migration wrote it.
fn create_table_sql(conn: &Connection, name: &str) -> Result<String> {
    Ok(conn.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )?)
}

/// Drops `tx`'s search table, makes it again from its own SQL, and fills its shadow tables
/// (where FTS5 keeps the index) and the list of its entries with `index`'s rows. Made
/// afresh, the table holds no cached state from before, so the copied index is what it
/// reads from then on.
fn replace_index(index: &Connection, tx: &Transaction<'_>) -> Result<()> {
    let create = create_table_sql(tx, TABLE)?;
    tx.execute_batch(&format!("DROP TABLE {TABLE};"))?;
    tx.execute_batch(&create)?;
    // The shadow tables are those FTS5 made beside the index in `index`: named after it.
    let mut copied: Vec<String> = index
        .prepare(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND name LIKE ?1 || '\\_%' ESCAPE '\\' AND name <> ?2
             ORDER BY name",
        )?
        .query_map([TABLE, ENTRIES], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    copied.push(ENTRIES.to_string());
    for table in &copied {
        tx.execute(&format!("DELETE FROM \"{table}\""), [])?;
        copy_table(index, tx, table)?;
    }
    Ok(())
}

/// Inserts every row of `table` in `from` into the table of the same name and columns in `to`.
fn copy_table(from: &Connection, to: &Transaction<'_>, table: &str) -> Result<()> {
    let mut read = from.prepare(&format!("SELECT * FROM \"{table}\""))?;
    let columns = read.column_count();
    let placeholders = vec!["?"; columns].join(", ");
    let mut write = to.prepare(&format!("INSERT INTO \"{table}\" VALUES ({placeholders})"))?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..columns {
            let value: ValueRef<'_> = row.get_ref(i)?;
            write.raw_bind_parameter(i + 1, ToSqlOutput::Borrowed(value))?;
        }
        write.raw_execute()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use proptest::prelude::*;
    use std::sync::mpsc;

    #[test]
    fn folded_spells_the_undecomposed_letters_the_ascii_way() {
        assert_eq!(folded("Łódź", "Straße"), "Lódź Strasse");
        assert_eq!(folded("Kraków", "Warsaw"), "");
        assert_eq!(folded("Ørsted", "ı"), "Orsted i");
        assert_eq!(
            folded("Lech Wałęsa", "met him in  Łódź,\nthen Kraków"),
            "Walęsa Lódź,\nthen",
            "only the words with such a letter, a word being what lies between two spaces"
        );
    }

    /// FTS5's own check that the index holds exactly the words of the texts it reads.
    fn index_matches_texts(conn: &Connection) -> rusqlite::Result<usize> {
        conn.execute(
            "INSERT INTO search (search, rank) VALUES ('integrity-check', 1)",
            [],
        )
    }

    /// What kb check finds wrong with the list of entries.
    fn entries_out_of_step(conn: &Connection) -> Vec<(String, String, String)> {
        crate::check::search_entries_out_of_step(conn).unwrap()
    }

    #[test]
    fn the_index_built_beside_a_load_is_whole_and_holds_what_the_tables_say() {
        let conn = crate::testing::loaded();
        index_matches_texts(&conn).expect("the copied index holds the words of its texts");
        assert_eq!(entries_out_of_step(&conn), []);
        let entries: i64 = conn
            .query_row("SELECT count(*) FROM search_entries", [], |r| r.get(0))
            .unwrap();
        assert!(entries > 50, "the seed has names to search");
        let almaty: String = conn
            .query_row(
                "SELECT name FROM search WHERE search MATCH 'folded : almaty'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(almaty, "Ałmaty", "the folded column spells ł as l");
        let settings = column(&conn, "SELECT k FROM search_config ORDER BY k", 0);
        assert_eq!(
            settings,
            ["version"],
            "the build's merge settings stay out of the file"
        );
    }

    /// Column `i` of every row `sql` gives, as text.
    fn column(conn: &Connection, sql: &str, i: usize) -> Vec<String> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(i))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// How SQLite runs `sql`, one line per step of `EXPLAIN QUERY PLAN`.
    fn plan(conn: &Connection, sql: &str) -> Vec<String> {
        column(conn, &format!("EXPLAIN QUERY PLAN {sql}"), 3)
    }

    #[test]
    fn the_texts_are_read_in_rowid_order_and_by_rowid_without_a_sort() {
        let conn = crate::testing::loaded();
        // What FTS5 asks when the index is browsed without a query, and for one entry.
        let browsed = plan(&conn, "SELECT * FROM v_search_source ORDER BY search_rowid");
        let one = plan(
            &conn,
            "SELECT * FROM v_search_source WHERE search_rowid = 9",
        );
        assert_eq!(browsed[0], "SCAN e", "{browsed:?}");
        assert!(
            one[0].starts_with("SEARCH e USING INTEGER PRIMARY KEY"),
            "{one:?}"
        );
        for steps in [&browsed, &one] {
            assert!(
                steps[1..]
                    .iter()
                    .all(|step| step.contains("USING INTEGER PRIMARY KEY (rowid=?)")),
                "every entry's row is found by its rowid: {steps:?}"
            );
            assert!(
                !steps.iter().any(|step| step.contains("TEMP B-TREE")),
                "{steps:?}"
            );
        }
    }

    #[test]
    fn edits_in_the_tables_reach_the_index() {
        let conn = crate::testing::loaded();
        conn.execute_batch(
            "UPDATE places SET name = 'Zzyzx' WHERE id = 'almaty';
             DELETE FROM aliases WHERE rowid = (SELECT min(rowid) FROM aliases);
             INSERT INTO aliases (place_id, alias, alias_kind, language, source_id, quote)
                 SELECT 'almaty', 'Ałmatau', alias_kind, language, source_id, quote
                 FROM aliases WHERE place_id = 'almaty' LIMIT 1;",
        )
        .unwrap();
        index_matches_texts(&conn).expect("the triggers told the index what changed");
        assert_eq!(entries_out_of_step(&conn), []);
        let found = |query: &str| -> Vec<String> {
            conn.prepare("SELECT ref_id FROM search WHERE search MATCH ?1 ORDER BY ref_id")
                .unwrap()
                .query_map([query], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert_eq!(found("name : zzyzx"), ["almaty"]);
        assert_eq!(found("folded : almatau"), ["almaty"]);
        assert!(!found("name : almaty").contains(&"almaty".to_string()));
    }

    #[test]
    fn a_replace_that_skips_the_delete_trigger_is_refused_where_the_id_is_the_rowid() {
        let conn = crate::testing::loaded();
        let replace = "INSERT OR REPLACE INTO aliases
                           (id, place_id, alias, alias_kind, language, source_id, quote)
                       SELECT id, place_id, 'Zzyzx', alias_kind, language, source_id, quote
                       FROM aliases WHERE id = (SELECT min(id) FROM aliases)";
        let refused = conn.execute(replace, []).unwrap_err().to_string();
        assert!(
            refused.contains("run PRAGMA recursive_triggers = ON first"),
            "{refused}"
        );
        index_matches_texts(&conn).expect("the refused statement left the index as it was");
        conn.pragma_update(None, "recursive_triggers", true)
            .unwrap();
        conn.execute(replace, []).unwrap();
        index_matches_texts(&conn).expect("with the delete trigger run, the index follows");
        assert_eq!(entries_out_of_step(&conn), []);
    }

    /// The rowids `RisingRowids` writes, in the order it writes them, of entries that come
    /// with `rowids`.
    fn written_by_rising(rowids: &[i64]) -> Vec<i64> {
        let mut written = Vec::new();
        let mut write = |entry: Entry| {
            written.push(entry.search_rowid);
            Ok(())
        };
        let mut rising = RisingRowids::default();
        for &search_rowid in rowids {
            let entry = Entry {
                search_rowid,
                kind: "person",
                ref_id: String::new(),
                name: String::new(),
                body: String::new(),
            };
            rising.push(entry, &mut write).unwrap();
        }
        rising.flush(&mut write).unwrap();
        written
    }

    /// How often a rowid is lower than the one before: each time, FTS5 starts a segment.
    fn falls(rowids: &[i64]) -> usize {
        rowids.windows(2).filter(|pair| pair[1] < pair[0]).count()
    }

    #[test]
    fn entries_of_tables_numbered_downwards_are_written_rising() {
        let persons = (1..=100).map(|row| Indexed::Person.search_rowid(row));
        let offices = (1..=100).map(|row| Indexed::PersonOffice.search_rowid(row));
        let events = (1..=100).map(|row| Indexed::Event.search_rowid(row));
        let read: Vec<i64> = persons.chain(offices).chain(events).collect();
        assert_eq!(
            falls(&read),
            100,
            "each office's entry falls below the one before"
        );
        assert_eq!(
            falls(&written_by_rising(&read)),
            2,
            "only into the offices and out of them"
        );
    }

    #[test]
    fn a_long_falling_run_is_written_a_bounded_piece_at_a_time() {
        let read: Vec<i64> = (1..=FALLING_RUN as i64 + 2).map(|n| -n).collect();
        let mut expected: Vec<i64> = read[..FALLING_RUN].iter().rev().copied().collect();
        expected.extend([-(FALLING_RUN as i64 + 2), -(FALLING_RUN as i64 + 1)]);
        assert_eq!(written_by_rising(&read), expected);
    }

    /// Starts a stand-in for the index's thread that waits for a free core, then reports.
    fn index_waiting(give_way: &GiveWay) -> mpsc::Receiver<()> {
        let (resumed, on_resume) = mpsc::channel();
        let give_way = give_way.clone();
        std::thread::spawn(move || {
            give_way.register_index();
            give_way.wait_for_a_free_core();
            let _ = resumed.send(());
        });
        on_resume
    }

    const PATIENCE: Duration = Duration::from_secs(10);

    #[test]
    fn the_index_waits_while_both_load_threads_work_and_resumes_when_one_stops() {
        let give_way = GiveWay::on_cores(2);
        let (reading, inserting) = (give_way.at_work(), give_way.at_work());
        let on_resume = index_waiting(&give_way);
        assert_eq!(
            on_resume.recv_timeout(Duration::from_millis(200)),
            Err(mpsc::RecvTimeoutError::Timeout),
            "no core is free while both work"
        );
        drop(reading);
        on_resume.recv_timeout(PATIENCE).expect("a core came free");
        drop(inserting);
    }

    #[test]
    fn with_a_core_to_spare_the_index_never_waits() {
        let give_way = GiveWay::on_cores(3);
        let _both = (give_way.at_work(), give_way.at_work());
        index_waiting(&give_way)
            .recv_timeout(PATIENCE)
            .expect("the third core is free");
    }

    #[test]
    fn a_load_thread_waiting_on_its_channel_leaves_the_index_a_core() {
        let give_way = GiveWay::on_cores(2);
        let _reading = give_way.at_work();
        let (rows, received) = mpsc::sync_channel::<u32>(1);
        let (ready, on_ready) = mpsc::channel();
        let inserter = {
            let give_way = give_way.clone();
            std::thread::spawn(move || {
                let _inserting = give_way.at_work();
                ready.send(()).unwrap();
                give_way.receive(&received)
            })
        };
        on_ready.recv_timeout(PATIENCE).unwrap();
        let on_resume = index_waiting(&give_way);
        on_resume
            .recv_timeout(PATIENCE)
            .expect("the inserter waits for rows, so the index goes on");
        give_way.send(&rows, 7).unwrap();
        assert_eq!(inserter.join().unwrap(), Some(7));
    }

    thread_local! {
        /// One migrated database for every case: migrating anew per case was most of the
        /// test's time.
        static MIGRATED: std::cell::RefCell<Connection> = std::cell::RefCell::new({
            let mut conn = db::open_in_memory().unwrap();
            db::migrate(&mut conn).unwrap();
            conn.pragma_update(None, "foreign_keys", false).unwrap();
            conn
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Every entry is written once, whatever order the rowids come in.
        #[test]
        fn rising_rowids_write_each_entry_once(rowids in proptest::collection::vec(-50i64..50, 0..40)) {
            let mut written = written_by_rising(&rowids);
            let mut read = rowids.clone();
            written.sort_unstable();
            read.sort_unstable();
            prop_assert_eq!(written, read);
        }

        /// The loader's folding in Rust and the triggers' folding in SQL give the same text.
        #[test]
        fn folded_agrees_with_the_sql_the_triggers_run(
            name in "[a-zA-Z łŁøØđĐıßóżé]{1,12}",
            quote in "[a-zA-Z łŁøØđĐıßóżé.,\n\t]{10,40}",
        ) {
            let by_trigger = MIGRATED.with(|conn| {
                let mut conn = conn.borrow_mut();
                let tx = conn.transaction().unwrap();
                tx.execute(
                    "INSERT INTO persons (rowid, id, name, country_code, source_id, quote)
                     VALUES (1, 'p', ?1, 'PL', 's', ?2)",
                    [&name, &quote],
                ).unwrap();
                let folded: String = tx
                    .query_row("SELECT folded FROM search WHERE rowid = 9", [], |r| r.get(0))
                    .unwrap();
                folded
            });
            prop_assert_eq!(folded(&name, &quote), by_trigger);
        }
    }
}
