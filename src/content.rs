//! Digests of the data tables' rows as a load left them, so that rows changed in the file
//! afterwards (in a browser, by a script) are noticed by `kb init` and `kb check`.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::load::tables;

/// A table's row count and the SHA-256 of its rows in rowid order, as `RowsDigest` takes
/// them.
pub fn table_digest(conn: &Connection, table: &str) -> Result<(i64, String)> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
    let width = stmt.column_count();
    let mut digest = RowsDigest::default();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..width {
            digest.value(row.get_ref(i)?);
        }
        digest.end_row();
    }
    Ok(digest.finish())
}

/// The digest of a table's rows fed one by one, each value as SQLite stores it and with its
/// storage class, so that `1`, `1.0` and `'1'` differ. A load feeds its rows as it inserts
/// them; `table_digest` reads them back.
#[derive(Default)]
pub struct RowsDigest {
    hasher: Sha256,
    /// Bytes not hashed yet: hashing a value's few bytes at a time cost a load as much as
    /// reading every table back (perf, 200,000 events), so they are hashed in large runs.
    pending: Vec<u8>,
    rows: i64,
}

/// Bytes gathered before they are hashed.
const HASH_RUN: usize = 64 * 1024;

impl RowsDigest {
    /// The next value of the row being fed, in the table's column order.
    pub fn value(&mut self, value: ValueRef<'_>) {
        let pending = &mut self.pending;
        match value {
            ValueRef::Null => pending.push(0),
            ValueRef::Integer(n) => {
                pending.push(1);
                pending.extend_from_slice(&n.to_le_bytes());
            }
            ValueRef::Real(x) => {
                pending.push(2);
                pending.extend_from_slice(&x.to_le_bytes());
            }
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                pending.push(3);
                pending.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
                pending.extend_from_slice(bytes);
            }
        }
    }

    /// Ends the row being fed.
    pub fn end_row(&mut self) {
        self.rows += 1;
        if self.pending.len() >= HASH_RUN {
            self.hasher.update(&self.pending);
            self.pending.clear();
        }
    }

    /// The row count and the hex SHA-256.
    pub fn finish(mut self) -> (i64, String) {
        self.hasher.update(&self.pending);
        (self.rows, crate::values::hex(&self.hasher.finalize()))
    }
}

/// Records every data table's digest; called by the load, inside its transaction. `fed`
/// holds the digests the load made as it inserted the rows; the other tables are read back.
pub fn record(conn: &Connection, fed: &HashMap<&str, (i64, String)>) -> Result<()> {
    conn.execute("DELETE FROM seed_table_digests", [])?;
    let mut insert = conn.prepare(
        "INSERT INTO seed_table_digests (table_name, row_count, content_sha256) VALUES (?1, ?2, ?3)",
    )?;
    for table in tables() {
        let (count, digest) = match fed.get(table) {
            Some(digest) => digest.clone(),
            None => table_digest(conn, table)?,
        };
        insert.execute(rusqlite::params![table, count, digest])?;
    }
    Ok(())
}

/// Whether a table's digest was ever recorded: a table added by a later migration has none
/// until the seed is loaded again.
pub fn is_recorded(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM seed_table_digests WHERE table_name = ?1)",
        [table],
        |r| r.get(0),
    )?)
}

/// The data tables whose rows differ from what the last load recorded (or for which it
/// recorded nothing), in load order.
pub fn changed_tables(conn: &Connection) -> Result<Vec<&'static str>> {
    let mut recorded = conn.prepare(
        "SELECT row_count, content_sha256 FROM seed_table_digests WHERE table_name = ?1",
    )?;
    let mut changed = Vec::new();
    for table in tables() {
        let stored: Option<(i64, String)> = recorded
            .query_row([table], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if stored != Some(table_digest(conn, table)?) {
            changed.push(table);
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::loaded;

    #[test]
    fn an_edited_value_is_noticed_in_its_table_only() {
        let conn = loaded();
        assert_eq!(changed_tables(&conn).unwrap(), Vec::<&str>::new());
        let value: f64 = conn
            .query_row("SELECT value FROM figures WHERE rowid = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        conn.execute("UPDATE figures SET value = 9 WHERE rowid = 1", [])
            .unwrap();
        assert_eq!(changed_tables(&conn).unwrap(), ["figures"]);
        conn.execute("UPDATE figures SET value = ?1 WHERE rowid = 1", [value])
            .unwrap();
        assert_eq!(
            changed_tables(&conn).unwrap(),
            Vec::<&str>::new(),
            "restored"
        );
    }
}
