//! The schema a file should have and how a file's differs from it: kb's tables, indexes,
//! views and triggers are exactly those its migrations make, so that nothing added beside
//! them (a trigger that rewrites values, a replaced view, a dropped index) changes what kb
//! reports unnoticed.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::db;
use crate::error::Result;

/// Each schema object by (type, name), with the SQL that made it (None for the indexes
/// SQLite makes for a table's own constraints).
type Objects = BTreeMap<(String, String), Option<String>>;

/// The file's own objects; SQLite's internal tables (`sqlite_stat1` after ANALYZE, say) are
/// SQLite's business, not the schema's.
fn objects(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The objects kb's migrations up to `version` make in an empty database.
fn expected(version: i32) -> Result<Objects> {
    let mut conn = db::open_in_memory()?;
    db::migrate_to(&mut conn, version)?;
    objects(&conn)
}

/// Every way the file's schema differs from the one its migrations make, one sentence each;
/// empty for a file kb made and nobody changed, and for a file without kb's history.
pub fn differences(conn: &mut Connection) -> Result<Vec<String>> {
    let Some(version) = db::applied_version(conn)? else {
        return Ok(Vec::new());
    };
    let (wanted, found) = (expected(version)?, objects(conn)?);
    let mut differences = Vec::new();
    for ((kind, name), sql) in &wanted {
        match found.get(&(kind.clone(), name.clone())) {
            None => differences.push(format!("{kind} {name} is missing")),
            Some(theirs) if theirs != sql => {
                differences.push(format!("{kind} {name} differs from the one kb makes"))
            }
            Some(_) => {}
        }
    }
    for (kind, name) in found.keys() {
        if !wanted.contains_key(&(kind.clone(), name.clone())) {
            differences.push(format!("{kind} {name} was added; kb did not make it"));
        }
    }
    Ok(differences)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::migrated;

    #[test]
    fn a_file_as_migrated_has_no_differences() {
        assert_eq!(differences(&mut migrated()).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn each_change_to_the_schema_is_named() {
        let mut conn = migrated();
        conn.execute_batch(
            "CREATE TRIGGER inflate AFTER INSERT ON figures BEGIN \
                 UPDATE figures SET value = value * 1000 WHERE rowid = new.rowid; END;
             DROP INDEX events_parent;
             DROP VIEW v_trade;
             CREATE VIEW v_trade AS SELECT 1 AS value;
             CREATE TABLE notes (x);
             ANALYZE;",
        )
        .unwrap();
        let mut found = differences(&mut conn).unwrap();
        found.sort();
        assert_eq!(
            found,
            [
                "index events_parent is missing",
                "table notes was added; kb did not make it",
                "trigger inflate was added; kb did not make it",
                "view v_trade differs from the one kb makes",
            ]
        );
    }

    #[test]
    fn a_file_at_an_older_version_is_compared_with_that_version() {
        let mut conn = db::open_in_memory().unwrap();
        db::migrate_to(&mut conn, 2).unwrap();
        assert_eq!(differences(&mut conn).unwrap(), Vec::<String>::new());
    }
}
