//! The full-text search index of a bulk load: built on a thread and in a temporary database
//! of its own while the rows go into the knowledge base, then copied in whole.
//!
//! Indexing the text costs about as much as inserting the rows themselves; done beside the
//! inserts it uses the second core instead of adding to the load's time. The entries are
//! exactly the rows of `v_search_source` (kb check compares the two), computed from the seed
//! rows instead of from the tables.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, Transaction};

use crate::error::{Error, Result};
use crate::names::ascii_spelling;

/// The virtual table that holds the index, as V3 names it.
const TABLE: &str = "search";

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

/// The `folded` column of `v_search_source`: name and body with the letters Unicode does not
/// decompose spelled the ASCII way, or empty when they hold none of those letters.
pub fn folded(name: &str, body: &str) -> String {
    let undecomposed = |c: char| ascii_spelling(c).is_some();
    if !name.contains(undecomposed) && !body.contains(undecomposed) {
        return String::new();
    }
    let mut text = String::with_capacity(name.len() + 1 + body.len());
    for c in name.chars().chain(std::iter::once(' ')).chain(body.chars()) {
        match ascii_spelling(c) {
            Some(ascii) => text.push_str(ascii),
            None => text.push(c),
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
}

impl<R: Send + 'static> Builder<R> {
    /// Starts an index made like `main`'s, in a private temporary database (SQLite deletes
    /// its file as soon as it is opened, so nothing is left behind whatever happens), and
    /// fills it with what `produce` adds. `produce`'s own result comes back from `finish`.
    pub fn start<P>(main: &Connection, produce: P) -> Result<Builder<R>>
    where
        P: FnOnce(&mut AddEntry<'_>) -> Result<R> + Send + 'static,
    {
        let create = create_table_sql(main)?;
        let index = Connection::open("")?;
        index.pragma_update(None, "journal_mode", "OFF")?;
        index.pragma_update(None, "synchronous", "OFF")?;
        index.pragma_update(None, "cache_size", -8_192)?;
        index.execute_batch(&create)?;
        index.execute_batch(&format!(
            "INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('automerge', 0);
             INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('crisismerge', {BUILD_CRISIS_MERGE});"
        ))?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("kb-search-index".into())
            .spawn(move || index_entries(index, produce, &stopped).map_err(in_temporary_folder))
            .map_err(|e| Error::SearchIndex(format!("cannot start its thread: {e}")))?;
        Ok(Builder {
            thread: Some(thread),
            stop,
        })
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
        produce(&mut |entry: Entry| {
            if stop.load(Ordering::Relaxed) {
                return Err(Error::SearchIndex("the load stopped".into()));
            }
            insert.execute(params![
                entry.search_rowid,
                entry.kind,
                entry.ref_id,
                entry.name,
                entry.body,
                folded(&entry.name, &entry.body),
            ])?;
            Ok(())
        })?
    };
    merge_into_one_segment(&tx)?;
    tx.commit()?;
    Ok((index, produced))
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

/// The CREATE VIRTUAL TABLE statement of `conn`'s search index, as its migration wrote it.
fn create_table_sql(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [TABLE],
        |r| r.get(0),
    )?)
}

/// Drops `tx`'s search table, makes it again from its own SQL, and fills its shadow tables
/// (where FTS5 keeps the index) with `index`'s rows. Made afresh, the table holds no cached
/// state from before, so the copied index is what it reads from then on.
fn replace_index(index: &Connection, tx: &Transaction<'_>) -> Result<()> {
    let create = create_table_sql(tx)?;
    tx.execute_batch(&format!("DROP TABLE {TABLE};"))?;
    tx.execute_batch(&create)?;
    let shadow_tables: Vec<String> = index
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?1 || '\\_%' ESCAPE '\\'
             ORDER BY name",
        )?
        .query_map([TABLE], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for shadow in &shadow_tables {
        tx.execute(&format!("DELETE FROM \"{shadow}\""), [])?;
        let mut read = index.prepare(&format!("SELECT * FROM \"{shadow}\""))?;
        let columns = read.column_count();
        let placeholders = vec!["?"; columns].join(", ");
        let mut write = tx.prepare(&format!("INSERT INTO \"{shadow}\" VALUES ({placeholders})"))?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            for i in 0..columns {
                let value: ValueRef<'_> = row.get_ref(i)?;
                write.raw_bind_parameter(i + 1, ToSqlOutput::Borrowed(value))?;
            }
            write.raw_execute()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use proptest::prelude::*;

    #[test]
    fn folded_spells_the_undecomposed_letters_the_ascii_way() {
        assert_eq!(folded("Łódź", "Straße"), "Lódź Strasse");
        assert_eq!(folded("Kraków", "Warsaw"), "");
        assert_eq!(folded("Ørsted", "ı"), "Orsted i");
    }

    type SearchRow = (i64, String, String, String, String, String);

    fn rows(conn: &Connection, sql: &str) -> Vec<SearchRow> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_index_built_beside_a_load_is_whole_and_holds_what_the_tables_say() {
        let conn = crate::testing::loaded();
        conn.execute("INSERT INTO search (search) VALUES ('integrity-check')", [])
            .expect("FTS5 finds the copied index consistent with its content");
        let indexed = rows(
            &conn,
            "SELECT rowid, kind, ref_id, name, body, folded FROM search ORDER BY rowid",
        );
        let expected = rows(&conn, "SELECT * FROM v_search_source ORDER BY search_rowid");
        assert!(indexed.len() > 50, "the seed has names to search");
        assert_eq!(indexed, expected);
        let almaty: String = conn
            .query_row(
                "SELECT name FROM search WHERE search MATCH 'folded : almaty'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(almaty, "Ałmaty", "the folded column spells ł as l");
        let settings: Vec<String> = conn
            .prepare("SELECT k FROM search_config ORDER BY k")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            settings,
            ["version"],
            "the build's merge settings stay out of the file"
        );
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
        /// The loader's folding in Rust and the triggers' folding in SQL give the same text.
        #[test]
        fn folded_agrees_with_the_sql_the_triggers_run(
            name in "[a-zA-Z łŁøØđĐıßóżé]{1,12}",
            quote in "[a-zA-Z łŁøØđĐıßóżé.,]{10,40}",
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
