//! Digests of the data tables' rows as a load left them, so that rows changed in the file
//! afterwards (in a browser, by a script) are noticed by `kb init` and `kb check`.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::load::tables;

/// A table's row count and the SHA-256 of its rows in rowid order, each value fed with its
/// storage class so that `1`, `1.0` and `'1'` differ.
pub fn table_digest(conn: &Connection, table: &str) -> Result<(i64, String)> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
    let width = stmt.column_count();
    let mut hasher = Sha256::new();
    let mut count = 0;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        count += 1;
        for i in 0..width {
            match row.get_ref(i)? {
                ValueRef::Null => hasher.update([0]),
                ValueRef::Integer(n) => {
                    hasher.update([1]);
                    hasher.update(n.to_le_bytes());
                }
                ValueRef::Real(x) => {
                    hasher.update([2]);
                    hasher.update(x.to_le_bytes());
                }
                ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                    hasher.update([3]);
                    hasher.update((bytes.len() as u64).to_le_bytes());
                    hasher.update(bytes);
                }
            }
        }
    }
    Ok((count, crate::values::hex(&hasher.finalize())))
}

/// Records every data table's digest; called by the load, inside its transaction.
pub fn record(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM seed_table_digests", [])?;
    let mut insert = conn.prepare(
        "INSERT INTO seed_table_digests (table_name, row_count, content_sha256) VALUES (?1, ?2, ?3)",
    )?;
    for table in tables() {
        let (count, digest) = table_digest(conn, table)?;
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
