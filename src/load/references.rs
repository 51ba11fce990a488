//! The rules that hold between rows, checked once all rows are in: references to rows that
//! exist, no row part of itself, notes that cite a row that is there; and a rule SQLite refused
//! turned into an error at the row's line.

use super::*;

/// Turns a rule SQLite refused into a seed error at the row that broke it.
pub(super) fn constraint_error(error: rusqlite::Error, at: Location, columns: &[Column]) -> Error {
    let (code, message) = match &error {
        rusqlite::Error::SqliteFailure(e, Some(message)) => (e, message.clone()),
        _ => return error.into(),
    };
    if code.code != ErrorCode::ConstraintViolation {
        return error.into();
    }
    let detail = message
        .split_once(": ")
        .map(|(_, d)| d.to_string())
        .unwrap_or(message.clone());
    let named: Vec<&str> = detail
        .split(", ")
        .map(|c| c.rsplit('.').next().unwrap_or(c))
        .collect();
    // A CHECK rule starts with the column it is about, when it is about one column.
    let first_word: String = detail
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let checked = columns.iter().find(|c| c.name == first_word);
    const UNIQUE: i32 = rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE;
    const PRIMARY: i32 = rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY;
    match code.extended_code {
        UNIQUE | PRIMARY if detail.starts_with("index ") => {
            Error::seed(at, "duplicate row: an earlier row states the same fact")
        }
        UNIQUE | PRIMARY if named.len() == 1 => Error::seed(
            at.column(named[0]),
            format!("duplicate: an earlier row already has this {}", named[0]),
        ),
        UNIQUE | PRIMARY => Error::seed(
            at,
            format!(
                "duplicate row: an earlier row has the same {}",
                named.join(", ")
            ),
        ),
        _ if message.starts_with("CHECK constraint failed") => {
            let at = match checked {
                Some(column) => at.column(column.name),
                None => at,
            };
            Error::seed(
                at,
                format!("the row breaks the rule `{detail}` (see docs/schema.md)"),
            )
        }
        _ => Error::seed(at, message),
    }
}

/// Reports the first reference to a row that does not exist, at its place in the CSV.
pub(super) fn check_references(tx: &Transaction<'_>, seed: &Seed) -> Result<()> {
    match broken_references(tx, seed, 1, &|_, _| false)?
        .into_iter()
        .next()
    {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// The first `most` references to rows that do not exist, each at its row's line, but for
/// those that `excused` (given the table referred to and the value) puts down to another
/// problem.
pub(super) fn broken_references(
    tx: &Transaction<'_>,
    seed: &Seed,
    most: usize,
    excused: &dyn Fn(&str, &str) -> bool,
) -> Result<Vec<Error>> {
    let mut stmt = tx.prepare("PRAGMA foreign_key_check")?;
    let violations: Vec<(String, i64, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .take(most)
        .collect::<rusqlite::Result<_>>()?;
    let mut problems = Vec::with_capacity(violations.len());
    for (table, rowid, parent, fk_index) in violations {
        let (column, parent_column): (String, String) = tx.query_row(
            "SELECT \"from\", coalesce(\"to\", 'rowid') FROM pragma_foreign_key_list(?1) WHERE id = ?2",
            rusqlite::params![table, fk_index],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (at, value) = match seed::table_spec(&table) {
            Some(spec) => RecordReader::locate(seed, spec, rowid as u64, &column)?,
            None => (
                Location::file(format!("{table}.csv")).column(column),
                String::new(),
            ),
        };
        if excused(&parent, &value) {
            continue;
        }
        let why = if seed::table_spec(&parent).is_some() && !seed::states_facts(&parent) {
            // A vocabulary: name the terms it has, and where a new one goes.
            let terms: String = tx.query_row(
                &format!(
                    "SELECT coalesce(group_concat(term, ', '), '') FROM \
                     (SELECT term FROM \"{parent}\" ORDER BY rowid LIMIT 40)"
                ),
                [],
                |r| r.get(0),
            )?;
            format!(
                "'{value}' is not a term of {parent}.csv, which has: {terms}; use one of them, \
                 or add the term with its description to {parent}.csv"
            )
        } else if seed::table_spec(&parent).is_some() {
            format!("'{value}' is not the {parent_column} of any row in {parent}.csv")
        } else {
            // kb's own tables (the data dictionary, for value_notes) are no seed file.
            format!(
                "'{value}' is not a {parent_column} that {parent} knows (kb describe lists them)"
            )
        };
        problems.push(Error::seed(at, why));
    }
    Ok(problems)
}

/// A table whose rows may belong to another row of the same table: (table, key, parent).
pub(super) const HIERARCHIES: [(&str, &str, &str); 3] = [
    ("countries", "code", "part_of"),
    ("organizations", "id", "parent_id"),
    ("events", "id", "parent_event_id"),
];

/// Refuses a row that is, through its parents, part of itself: a report that walks up the
/// hierarchy would never end. Each row with a parent walks up its chain once.
pub(super) fn check_no_cycle(
    tx: &Transaction<'_>,
    seed: &Seed,
    (table, key, parent): &(&str, &str, &str),
) -> Result<()> {
    let sql = format!(
        "WITH RECURSIVE up(start, at) AS (
             SELECT {key}, {parent} FROM {table} WHERE {parent} IS NOT NULL
             UNION
             SELECT up.start, t.{parent} FROM up JOIN {table} AS t ON t.{key} = up.at
             WHERE t.{parent} IS NOT NULL AND up.at <> up.start
         )
         SELECT t.rowid, t.{key} FROM up JOIN {table} AS t ON t.{key} = up.start
         WHERE up.at = up.start ORDER BY t.rowid LIMIT 1"
    );
    let cycle: Option<(i64, String)> = tx
        .query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((rowid, id)) = cycle else {
        return Ok(());
    };
    let spec = seed::table_spec(table).expect("hierarchies are seed tables");
    let (at, value) = RecordReader::locate(seed, spec, rowid as u64, parent)?;
    Err(Error::seed(
        at,
        format!(
            "'{value}' makes '{id}' part of itself (through {parent}); a chain of {parent} \
             must end at a row that has none"
        ),
    ))
}

/// A table of facts whose values a note may cite, with the column that names its rows (a
/// source is provenance itself, and a note cannot cite a note).
pub(super) fn noted_table(table: &str) -> Option<(&'static seed::TableSpec, &'static str)> {
    let spec = seed::table_spec(table)?;
    let key = spec.key()?;
    (!matches!(spec.table, "value_notes" | "sources")).then_some((spec, key))
}

/// Notes citing a value of a row that is not there, each at its line of value_notes.csv, but
/// for those that `excused` (given the table and the key) puts down to another problem.
pub(super) fn notes_without_rows(
    tx: &Transaction<'_>,
    seed: &Seed,
    excused: &dyn Fn(&str, &str) -> bool,
) -> Result<Vec<Error>> {
    let mut problems = Vec::new();
    for spec in seed::TABLES {
        let Some((_, key)) = noted_table(spec.table) else {
            continue;
        };
        let sql = format!(
            "SELECT n.id, n.row_key FROM value_notes AS n WHERE n.table_name = ?1 \
             AND NOT EXISTS (SELECT 1 FROM \"{}\" AS t WHERE t.\"{key}\" = n.row_key) ORDER BY n.id",
            spec.table
        );
        let mut stmt = tx.prepare(&sql)?;
        let missing: Vec<(i64, String)> = stmt
            .query_map([spec.table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let notes = seed::table_spec("value_notes").expect("value_notes is a seed table");
        for (row, value) in missing {
            if excused(spec.table, &value) {
                continue;
            }
            let (at, _) = RecordReader::locate(seed, notes, row as u64, "row_key")?;
            problems.push(Error::seed(
                at,
                format!("'{value}' is not the {key} of any row in {}", spec.file),
            ));
        }
    }
    Ok(problems)
}
