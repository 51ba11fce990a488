//! Opening a knowledge base file (connection settings) and bringing its schema up to date.

use std::path::Path;
use std::time::Duration;

use refinery::Migration;
use rusqlite::config::DbConfig;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::paths;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// What identifies a migration in a file's history: its version, name and checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Signature<'a> {
    version: i32,
    name: &'a str,
    checksum: u64,
}

impl<'a> Signature<'a> {
    fn of(migration: &'a Migration) -> Self {
        Signature {
            version: migration.version(),
            name: migration.name(),
            checksum: migration.checksum(),
        }
    }
}

/// The migrations built into kb, in version order, as refinery identifies them. build.rs
/// works them out with refinery's code from the files embed_migrations! embeds: building
/// refinery's runner parses every name and hashes every migration, a millisecond of each
/// command that only reads.
const BUILT_IN: &[Signature<'static>] =
    include!(concat!(env!("OUT_DIR"), "/migration_signatures.rs"));

/// The page size of files kb creates.
const PAGE_SIZE: i64 = 16_384;

/// How long a connection waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Settings every kb connection needs; PRAGMAs are per connection and are no-ops inside
/// refinery's migration transactions, so they are set here.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// The file a connection has open, as messages name it; "the file" for one in memory.
pub fn file_name(conn: &Connection) -> &str {
    conn.path().filter(|p| !p.is_empty()).unwrap_or("the file")
}

/// Opens (creating if needed) a knowledge base file for reading and writing. The path is
/// always a plain file path: SQLite is given no URI flag and a name it cannot read as one.
pub fn open(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(paths::unambiguous(path), flags)?;
    // Larger pages make bulk loads faster (fewer splits); it only takes effect while the file
    // is still empty.
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    configure(&conn)?;
    Ok(conn)
}

/// Rolls back a write that was interrupted (a hot journal beside the file), which a read-only
/// connection cannot do and would report as "attempt to write a readonly database".
fn recover_interrupted_write(path: &Path) -> Result<()> {
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    if Path::new(&journal).exists() {
        let conn = open(path)?;
        // Any read makes SQLite roll a hot journal back; a cold one is left alone.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    }
    Ok(())
}

/// The most of a file a reading connection maps into memory.
const READ_MMAP_BYTES: i64 = 2 << 30;

/// Opens an existing knowledge base file so that nothing can be written to it.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    recover_interrupted_write(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(paths::unambiguous(path), flags)?;
    configure(&conn)?;
    conn.pragma_update(None, "query_only", true)?;
    // Reading through a memory map spares a system call and a copy per page: a report that
    // walks a large file spends most of its time there otherwise (SQLite caps the map at
    // about 2 GB; pages beyond it are read as usual).
    conn.pragma_update(None, "mmap_size", READ_MMAP_BYTES)?;
    // Defensive mode forbids writes to the schema and other ways of corrupting the file.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(conn)
}

/// How a bulk load writes: into a file nobody else sees yet, or into the file in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkWrite {
    /// A file built under a temporary name and renamed into place when complete: no journal
    /// is needed, since an interrupted build is simply thrown away.
    NewFile,
    /// The file in use, through its rollback journal, so that a failed or killed load leaves
    /// it byte-for-byte as it was.
    InPlace,
}

/// Connection settings for a bulk load.
pub fn begin_bulk_write(conn: &Connection, mode: BulkWrite) -> Result<()> {
    match mode {
        BulkWrite::NewFile => {
            conn.pragma_update(None, "journal_mode", "OFF")?;
            conn.pragma_update(None, "synchronous", "OFF")?;
            conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
            // A small page cache keeps the load's memory flat however many rows it has; rows
            // arrive in order, so a larger one bought no speed when measured.
            conn.pragma_update(None, "cache_size", -8_192)?;
        }
        BulkWrite::InPlace => {
            // Changes stay in memory (up to this bound) until commit, so readers of the file
            // go on reading the last committed state instead of waiting for the whole load.
            conn.pragma_update(None, "cache_size", -1_048_576)?;
        }
    }
    Ok(())
}

/// An empty in-memory database, for tests.
pub fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    configure(&conn)?;
    Ok(conn)
}

/// One migration as kb knows it, and whether the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationState {
    pub version: i64,
    pub name: String,
    /// When it was applied to this file (RFC 3339), or None while pending.
    pub applied_on: Option<String>,
}

fn label(migration: &Migration) -> String {
    format!("V{}__{}", migration.version(), migration.name())
}

/// Whether the file has refinery's history table, which every file kb made has.
pub fn has_history(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history')",
        [],
        |r| r.get(0),
    )?)
}

/// The migrations recorded in the file, in version order; none for a new file, which lacks
/// refinery's table. Each row must have a version, a name, an RFC 3339 time and a decimal
/// checksum, as a migration writes it (refinery would panic on a time or checksum it cannot
/// read).
fn applied_migrations(conn: &mut Connection) -> Result<Vec<Migration>> {
    const OUT_OF_RANGE: &str = "its version is out of range";
    if !has_history(conn)? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT quote(version), version, name, applied_on, checksum FROM refinery_schema_history
         ORDER BY version",
    )?;
    let mut rows = stmt.query([])?;
    let mut applied = Vec::new();
    while let Some(row) = rows.next()? {
        let version: String = row.get(0)?;
        let problem = match (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?) {
            (Value::Integer(v), Value::Text(name), Value::Text(time), Value::Text(checksum)) => {
                let parsed = (
                    i32::try_from(v),
                    OffsetDateTime::parse(&time, &Rfc3339),
                    checksum.parse::<u64>(),
                );
                match parsed {
                    (Err(_), _, _) => OUT_OF_RANGE.to_string(),
                    (_, Err(_), _) => format!("its applied_on '{time}' is not an RFC 3339 time"),
                    (_, _, Err(_)) => format!("its checksum '{checksum}' is not a decimal number"),
                    (Ok(version), Ok(time), Ok(checksum)) => {
                        applied.push(Migration::applied(version, name, time, checksum));
                        continue;
                    }
                }
            }
            (Value::Integer(v), _, _, _) if i32::try_from(v).is_err() => OUT_OF_RANGE.to_string(),
            _ => "its version, name, time or checksum is missing or of the wrong type".into(),
        };
        return Err(Error::Schema(format!(
            "the migration history of {} was edited: the row of version {version} in \
             refinery_schema_history is not one a migration writes ({problem}); kb leaves \
             the file untouched",
            file_name(conn)
        )));
    }
    Ok(applied)
}

/// The highest migration version the file has, or None for a file without kb's history.
pub fn applied_version(conn: &mut Connection) -> Result<Option<i32>> {
    Ok(applied_migrations(conn)?.iter().map(|m| m.version()).max())
}

/// Refuses to migrate a file that holds tables, views or indexes but no migration history:
/// a SQLite file kb did not make, which it must not write into.
pub fn check_made_by_kb(conn: &Connection) -> Result<()> {
    if has_history(conn)? {
        return Ok(());
    }
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name LIMIT 6",
    )?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if names.is_empty() {
        return Ok(());
    }
    let listed = if names.len() > 5 {
        format!("{}, …", names[..5].join(", "))
    } else {
        names.join(", ")
    };
    Err(Error::Schema(format!(
        "{} is a SQLite file kb did not make (it holds {listed}); kb works only on files \
         it made, and left it untouched: give another --db path",
        file_name(conn)
    )))
}

/// Refuses a file whose history does not match the migrations built into this kb: one made by
/// a newer kb, or one whose shipped migration was edited. Checked before anything is applied.
fn check_history(applied: &[Migration], known: &[Signature<'_>]) -> Result<()> {
    for done in applied {
        match known.iter().find(|m| m.version == done.version()) {
            None => {
                return Err(Error::Schema(format!(
                    "this file was built by a newer kb: its migration {} is unknown to this kb \
                     (which knows up to V{}); use a newer kb",
                    label(done),
                    known.iter().map(|m| m.version).max().unwrap_or(0)
                )))
            }
            Some(ours) if ours.checksum != done.checksum() || ours.name != done.name() => {
                return Err(Error::Schema(format!(
                    "migration {} applied to this file differs from the one built into kb \
                     (a shipped migration was edited); the file was left untouched",
                    label(done)
                )))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Applies the pending migrations in one transaction and returns their names.
pub fn migrate(conn: &mut Connection) -> Result<Vec<String>> {
    let new_file = !has_history(conn)?;
    let applied = apply(conn, embedded::migrations::runner())?;
    // Migrations that rebuild tables leave their old pages free. A new file is compacted at
    // once (it holds no rows yet, so this costs nothing), so that it starts without free
    // pages, whose bytes a rolled-back load need not restore.
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    if new_file && free > 0 {
        conn.execute_batch("VACUUM")?;
    }
    Ok(applied)
}

/// Checks the file's history against `runner`'s migrations, then applies the pending ones
/// in one transaction.
fn apply(conn: &mut Connection, runner: refinery::Runner) -> Result<Vec<String>> {
    check_made_by_kb(conn)?;
    let known: Vec<Signature<'_>> = runner.get_migrations().iter().map(Signature::of).collect();
    check_history(&applied_migrations(conn)?, &known)?;
    check_schema(conn)?;
    let report = run_grouped(conn, runner)?;
    Ok(report.applied_migrations().iter().map(label).collect())
}

/// Runs the pending migrations in one transaction: they and their history rows commit
/// together, or nothing does. A migration that rebuilds a table (the only way SQLite has to
/// change its constraints) must drop it while other tables refer to it, which SQLite allows
/// only with foreign keys off; that is a per-connection setting that cannot change inside a
/// transaction, so it is switched here, and the references are checked again before the
/// migrations count as done.
fn run_grouped(conn: &mut Connection, runner: refinery::Runner) -> Result<refinery::Report> {
    conn.pragma_update(None, "foreign_keys", false)?;
    let report = runner.set_grouped(true).run(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    let report = report?;
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        let rows = crate::humanize::counted(broken as u64, "row", "rows");
        let refer = if broken == 1 { "refers" } else { "refer" };
        return Err(Error::Schema(format!(
            "after its migrations, {rows} of {} {refer} to rows that do not exist; run \
             `kb check` to see them, and `kb init --force` to rebuild the file",
            file_name(conn)
        )));
    }
    Ok(report)
}

/// Refuses to write into a file whose schema was changed outside kb: a trigger added in a
/// browser would rewrite the loaded values, a replaced view would change a report.
fn check_schema(conn: &mut Connection) -> Result<()> {
    let differences = crate::schema::differences(conn)?;
    if differences.is_empty() {
        return Ok(());
    }
    Err(Error::Schema(format!(
        "{} was changed outside kb ({}); kb writes nothing into it: `kb init --force` \
         rebuilds it from its seed",
        file_name(conn),
        differences.join("; ")
    )))
}

/// Applies pending migrations up to and including `version` only: for building files of an
/// older schema, as an older kb would have left them.
pub fn migrate_to(conn: &mut Connection, version: i32) -> Result<Vec<String>> {
    let runner = embedded::migrations::runner();
    check_made_by_kb(conn)?;
    check_history(&applied_migrations(conn)?, BUILT_IN)?;
    let report = run_grouped(conn, runner.set_target(refinery::Target::Version(version)))?;
    Ok(report.applied_migrations().iter().map(label).collect())
}

/// Every migration built into kb and every one recorded in the file, in version order.
pub fn migration_status(conn: &mut Connection) -> Result<Vec<MigrationState>> {
    let applied = applied_migrations(conn)?;
    check_history(&applied, BUILT_IN)?;
    Ok(BUILT_IN
        .iter()
        .map(|m| MigrationState {
            version: i64::from(m.version),
            name: m.name.to_string(),
            applied_on: applied
                .iter()
                .find(|a| a.version() == m.version)
                .and_then(|a| a.applied_on())
                .and_then(|t| t.format(&Rfc3339).ok()),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_applies_each_migration_once() {
        let mut conn = open_in_memory().unwrap();
        let first = migrate(&mut conn).unwrap();
        assert!(first.iter().any(|m| m == "V1__create_knowledge_base"));
        assert!(migrate(&mut conn).unwrap().is_empty());
        let states = migration_status(&mut conn).unwrap();
        assert_eq!(states.len(), first.len());
        assert!(states.iter().all(|s| s.applied_on.is_some()));
    }

    #[test]
    fn a_reading_connection_maps_the_file_and_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.db");
        migrate(&mut open(&path).unwrap()).unwrap();
        let conn = open_read_only(&path).unwrap();
        let mapped: i64 = conn
            .query_row("PRAGMA mmap_size", [], |r| r.get(0))
            .unwrap();
        assert!(mapped >= 1 << 30, "mmap_size is {mapped}");
        let refused = conn.execute("DELETE FROM months", []).unwrap_err();
        assert_eq!(
            refused.sqlite_error_code(),
            Some(rusqlite::ErrorCode::ReadOnly),
            "{refused}"
        );
    }

    #[test]
    fn foreign_keys_are_enforced_on_every_connection() {
        let mut conn = open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let enabled: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(enabled);
        let orphan = conn.execute(
            "INSERT INTO places (id, name, kind, country_code, source_id, quote) \
             VALUES ('x', 'X', 'city', 'ZZ', 'nowhere', 'a quote long enough')",
            [],
        );
        let refused = orphan.unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("FOREIGN KEY constraint failed"),
            "{refused}"
        );
    }

    #[test]
    fn check_constraints_refuse_dates_a_browser_user_types_wrong() {
        let mut conn = open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO sources (id, title, content) VALUES ('s', 'S', 'a quote long enough');
             INSERT OR IGNORE INTO lanes (term, description) VALUES ('history', 'The past.');
             INSERT INTO metrics (term, lane, description) VALUES ('m', 'history', 'A metric.');
             INSERT INTO units (term, description) VALUES ('u', 'A unit.');",
        )
        .unwrap();
        let insert = |start: Option<&str>, end: Option<&str>, precision: Option<&str>| {
            conn.execute(
                "INSERT INTO figures (id, metric, subject, value, unit, start_date, end_date,
                                      date_precision, source_id, quote)
                 VALUES (?1, 'm', 'x', 1, 'u', ?2, ?3, ?4, 's', 'a quote long enough')",
                rusqlite::params![
                    format!("{start:?}{end:?}{precision:?}"),
                    start,
                    end,
                    precision
                ],
            )
            .is_ok()
        };
        assert!(insert(Some("1941"), Some("1942"), Some("year")));
        assert!(insert(Some("1997-11"), Some("1997-11"), Some("month")));
        assert!(insert(Some("2024-02-29"), Some("2024-02-29"), Some("day")));
        assert!(insert(None, None, None));
        assert!(!insert(Some("1997-02-30"), Some("1997-02-30"), Some("day")));
        assert!(!insert(Some("2002-13"), Some("2002-13"), Some("month")));
        assert!(!insert(Some("2002-05-26"), Some("2002-05-23"), Some("day")));
        assert!(!insert(Some("1941"), Some("1942-05"), Some("year")));
        assert!(!insert(Some("1941"), None, Some("year")));
        assert!(!insert(Some("1941"), Some("1941"), None));
        assert!(!insert(Some("May 2002"), Some("May 2002"), Some("month")));
        assert!(!insert(Some("1941"), Some("1941"), Some("decade")));
    }

    /// What a person might type into a browser's cell for a date, and the precision beside it.
    const BAD_DATES: [(&str, &str, &str); 7] = [
        ("1997-02-30", "1997-02-30", "day"),
        ("2002-13", "2002-13", "month"),
        ("2002-13-45", "2002-13-45", "day"),
        ("2002-05-26", "2002-05-23", "day"),
        ("1941", "1942-05", "year"),
        ("May 2002", "May 2002", "month"),
        ("1941", "1941", "decade"),
    ];

    #[test]
    fn every_dated_table_refuses_a_wrong_date_typed_into_a_row() {
        let conn = crate::testing::loaded();
        for table in ["events", "person_offices", "figures"] {
            let good = conn.execute(
                &format!(
                    "UPDATE {table} SET start_date = '1941', end_date = '1942', date_precision = 'year'
                     WHERE rowid = (SELECT min(rowid) FROM {table})"
                ),
                [],
            );
            assert_eq!(good.ok(), Some(1), "{table} refused a good date");
            for (start, end, precision) in BAD_DATES {
                let changed = conn.execute(
                    &format!(
                        "UPDATE {table} SET start_date = ?1, end_date = ?2, date_precision = ?3
                         WHERE rowid = (SELECT min(rowid) FROM {table})"
                    ),
                    [start, end, precision],
                );
                assert!(
                    changed.is_err(),
                    "{table} took {start}/{end} at {precision}"
                );
            }
        }
        for (date, _, precision) in BAD_DATES {
            let changed = conn.execute(
                "UPDATE agreements SET signed_date = ?1, date_precision = ?2
                 WHERE rowid = (SELECT min(rowid) FROM agreements)",
                [date, precision],
            );
            // A signed date is one day, so the starts of two ranges above are good ones.
            let good = matches!((date, precision), ("1941", "year") | ("2002-05-26", "day"));
            assert_eq!(
                changed.ok(),
                good.then_some(1),
                "agreements, {date} at {precision}"
            );
        }
    }

    #[test]
    fn a_failing_migration_leaves_schema_and_history_as_they_were() {
        let mut conn = open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let schema = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn
                .prepare("SELECT name FROM sqlite_master ORDER BY name")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let before = (schema(&conn), migration_status(&mut conn).unwrap());
        let mut migrations: Vec<Migration> =
            embedded::migrations::runner().get_migrations().clone();
        migrations.push(Migration::unapplied("V90__add_notes", "CREATE TABLE notes (x);").unwrap());
        migrations.push(
            Migration::unapplied(
                "V91__broken",
                "CREATE TABLE more (x); SELECT * FROM nowhere;",
            )
            .unwrap(),
        );
        let err = apply(&mut conn, refinery::Runner::new(&migrations)).unwrap_err();
        assert!(err.to_string().contains("nowhere"), "{err}");
        assert_eq!(
            (schema(&conn), migration_status(&mut conn).unwrap()),
            before
        );
    }

    #[test]
    fn the_built_in_signatures_are_those_of_refinerys_embedded_migrations() {
        let runner = embedded::migrations::runner();
        let mut embedded: Vec<Signature<'_>> =
            runner.get_migrations().iter().map(Signature::of).collect();
        embedded.sort_by_key(|m| m.version);
        assert_eq!(BUILT_IN, embedded.as_slice());
    }

    #[test]
    fn a_file_from_a_newer_kb_is_refused() {
        let mut conn = open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) \
             VALUES (999, 'from_the_future', '2030-01-01T00:00:00Z', '1')",
            [],
        )
        .unwrap();
        let err = migrate(&mut conn).unwrap_err().to_string();
        assert!(err.contains("newer kb"), "{err}");
        assert!(err.contains("V999__from_the_future"), "{err}");
    }

    #[test]
    fn an_edited_migration_is_refused_by_name() {
        let mut conn = open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "UPDATE refinery_schema_history SET checksum = '12345' WHERE version = 1",
            [],
        )
        .unwrap();
        let err = migrate(&mut conn).unwrap_err().to_string();
        assert!(err.contains("V1__create_knowledge_base"), "{err}");
        assert!(err.contains("edited"), "{err}");
    }
}
