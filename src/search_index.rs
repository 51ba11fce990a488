//! The full-text search index of a bulk load: built on a thread and in a temporary database
//! of its own while the rows go into the knowledge base, then copied in whole.
//!
//! Indexing the text costs about as much as inserting the rows themselves; done beside the
//! inserts it uses the second core instead of adding to the load's time. The entries are
//! exactly the rows of `v_search_source` (kb check compares the two), computed here from the
//! seed rows instead of from the tables.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, Transaction};

use crate::error::{Error, Result};

/// The virtual table that holds the index, as V3 names it.
const TABLE: &str = "search";

/// Batches of entries in flight to the indexing thread; bounds the memory they take.
const BATCHES_AHEAD: usize = 2;

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
/// rowid (`rowid * 8 + number`), so that an entry can be found from its row.
#[derive(Debug, Clone, Copy)]
pub enum Indexed {
    Person = 1,
    Place = 2,
    Organization = 3,
    Event = 4,
    Agreement = 5,
    Figure = 6,
    Alias = 7,
}

impl Entry {
    /// The entry for the row `table_rowid` of `table`; `kind` is what a hit stands for.
    pub fn new(
        table: Indexed,
        table_rowid: i64,
        kind: &'static str,
        ref_id: String,
        name: String,
        body: String,
    ) -> Self {
        Entry {
            search_rowid: table_rowid * 8 + table as i64,
            kind,
            ref_id,
            name,
            body,
        }
    }
}

/// The `folded` column of `v_search_source`: name and body with the letters Unicode does not
/// decompose spelled the ASCII way, or empty when they hold none of those letters.
pub fn folded(name: &str, body: &str) -> String {
    const UNDECOMPOSED: [char; 8] = ['ł', 'Ł', 'ø', 'Ø', 'đ', 'Đ', 'ı', 'ß'];
    if !name.contains(UNDECOMPOSED) && !body.contains(UNDECOMPOSED) {
        return String::new();
    }
    let mut text = String::with_capacity(name.len() + 1 + body.len());
    for c in name.chars().chain(std::iter::once(' ')).chain(body.chars()) {
        match c {
            'ł' => text.push('l'),
            'Ł' => text.push('L'),
            'ø' => text.push('o'),
            'Ø' => text.push('O'),
            'đ' => text.push('d'),
            'Đ' => text.push('D'),
            'ı' => text.push('i'),
            'ß' => text.push_str("ss"),
            other => text.push(other),
        }
    }
    text
}

/// A search index being built on its own thread.
pub struct Builder {
    entries: Option<SyncSender<Vec<Entry>>>,
    thread: Option<JoinHandle<Result<Connection>>>,
}

impl Builder {
    /// Starts an empty index made like `main`'s, in a private temporary database (SQLite
    /// deletes its file as soon as it is opened, so nothing is left behind whatever happens).
    pub fn start(main: &Connection) -> Result<Builder> {
        let create: String = main.query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [TABLE],
            |r| r.get(0),
        )?;
        let index = Connection::open("")?;
        index.pragma_update(None, "journal_mode", "OFF")?;
        index.pragma_update(None, "synchronous", "OFF")?;
        index.pragma_update(None, "cache_size", -8_192)?;
        index.execute_batch(&create)?;
        let (entries, received) = mpsc::sync_channel(BATCHES_AHEAD);
        let thread = std::thread::Builder::new()
            .name("kb-search-index".into())
            .spawn(move || index_entries(index, received))
            .map_err(|e| Error::SearchIndex(format!("cannot start its thread: {e}")))?;
        Ok(Builder {
            entries: Some(entries),
            thread: Some(thread),
        })
    }

    /// Hands entries to the indexing thread; waits while it is a few batches behind.
    pub fn add(&mut self, batch: Vec<Entry>) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let sent = match &self.entries {
            Some(entries) => entries.send(batch).is_ok(),
            None => false,
        };
        if sent {
            Ok(())
        } else {
            // The thread hung up: it stopped with an error, which is the one to report.
            Err(self
                .join()
                .err()
                .unwrap_or_else(|| Error::SearchIndex("its thread stopped early".into())))
        }
    }

    /// Waits for the thread to index what it was given.
    pub fn finish(mut self) -> Result<Built> {
        Ok(Built {
            index: self.join()?,
        })
    }

    fn join(&mut self) -> Result<Connection> {
        self.entries = None;
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(Error::SearchIndex("its thread panicked".into()))),
            None => Err(Error::SearchIndex("it was already finished".into())),
        }
    }
}

impl Drop for Builder {
    fn drop(&mut self) {
        // A load that failed drops the builder unfinished: stop the thread, ignore its work.
        self.entries = None;
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

fn index_entries(mut index: Connection, received: Receiver<Vec<Entry>>) -> Result<Connection> {
    let tx = index.transaction()?;
    {
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {TABLE} (rowid, kind, ref_id, name, body, folded)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        ))?;
        for batch in received {
            for entry in batch {
                insert.execute(params![
                    entry.search_rowid,
                    entry.kind,
                    entry.ref_id,
                    entry.name,
                    entry.body,
                    folded(&entry.name, &entry.body),
                ])?;
            }
        }
    }
    tx.commit()?;
    Ok(index)
}

/// Drops `tx`'s search table, makes it again from its own SQL, and fills its shadow tables
/// (where FTS5 keeps the index) with `index`'s rows. Made afresh, the table holds no cached
/// state from before, so the copied index is what it reads from then on.
fn replace_index(index: &Connection, tx: &Transaction<'_>) -> Result<()> {
    let create: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [TABLE],
        |r| r.get(0),
    )?;
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
    use crate::db::{self, BulkWrite};
    use crate::load::load_seed;
    use crate::seed::Seed;
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
        let mut conn = db::open_in_memory().unwrap();
        db::migrate(&mut conn).unwrap();
        load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {}).unwrap();
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
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The loader's folding in Rust and the triggers' folding in SQL give the same text.
        #[test]
        fn folded_agrees_with_the_sql_the_triggers_run(
            name in "[a-zA-Z łŁøØđĐıßóżé]{1,12}",
            quote in "[a-zA-Z łŁøØđĐıßóżé.,]{10,40}",
        ) {
            let conn = db::open_in_memory().unwrap();
            let mut conn = conn;
            db::migrate(&mut conn).unwrap();
            conn.pragma_update(None, "foreign_keys", false).unwrap();
            conn.execute(
                "INSERT INTO persons (rowid, id, name, country_code, source_id, quote)
                 VALUES (1, 'p', ?1, 'PL', 's', ?2)",
                [&name, &quote],
            ).unwrap();
            let by_trigger: String = conn
                .query_row("SELECT folded FROM search WHERE rowid = 9", [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(folded(&name, &quote), by_trigger);
        }
    }
}
