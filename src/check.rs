//! `kb check`'s findings: SQLite's own integrity and foreign key checks, the tables' CHECK
//! rules, quotes against their sources, dates, the search index against its tables, and the
//! migration history against the migrations built into kb.

use std::fmt;

use rusqlite::{Connection, OptionalExtension};

use crate::dates::{PartialDate, Precision};
use crate::db;
use crate::error::Result;
use crate::load::tables;

/// One thing wrong with the file, located as precisely as the check allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub table: String,
    /// The row's id (or code), when the finding is about one row.
    pub row: Option<String>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.table)?;
        if let Some(row) = &self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What was looked at, for the summary line of a clean check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    pub rows: u64,
    pub quotes: u64,
    pub dates: u64,
    pub migrations: u64,
}

fn finding(table: &str, row: Option<String>, column: Option<&str>, message: String) -> Finding {
    Finding {
        table: table.to_string(),
        row,
        column: column.map(str::to_string),
        message,
    }
}

/// The column that names a row of any data table: its id or code, a vocabulary's term.
fn naming_column(table: &str) -> &'static str {
    let spec = crate::seed::table_spec(table);
    let term = spec.and_then(|s| s.columns.iter().find(|c| c.name == "term"));
    spec.and_then(|s| s.key())
        .or(term.map(|c| c.name))
        .unwrap_or("rowid")
}

/// Runs every check; an empty list of findings means the file is sound.
pub fn check(conn: &mut Connection) -> Result<(Vec<Finding>, Checked)> {
    let mut findings = Vec::new();
    let mut checked = Checked::default();
    integrity(conn, &mut findings)?;
    foreign_keys(conn, &mut findings)?;
    for table in tables() {
        let rows: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        checked.rows += rows as u64;
        if crate::seed::states_facts(table) {
            checked.quotes += rows as u64;
            quotes(conn, table, &mut findings)?;
        }
    }
    for table in ["person_offices", "events", "figures"] {
        checked.dates += date_ranges(conn, table, &mut findings)?;
    }
    checked.dates += signed_dates(conn, &mut findings)?;
    check_rules(conn, &mut findings)?;
    search_index(conn, &mut findings)?;
    checked.migrations = migrations(conn, &mut findings)?;
    schema(conn, &mut findings)?;
    edited_rows(conn, &mut findings)?;
    Ok((findings, checked))
}

/// Tables, indexes, views and triggers that differ from what kb's migrations make.
fn schema(conn: &mut Connection, findings: &mut Vec<Finding>) -> Result<()> {
    for difference in crate::schema::differences(conn)? {
        findings.push(finding("(schema)", None, None, difference));
    }
    Ok(())
}

/// Data tables whose rows changed since the seed was loaded (edited in a browser, say).
fn edited_rows(conn: &Connection, findings: &mut Vec<Finding>) -> Result<()> {
    let recorded: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'seed_table_digests') \
         AND EXISTS (SELECT 1 FROM seed_state)",
        [],
        |r| r.get(0),
    )?;
    if !recorded {
        return Ok(());
    }
    for table in crate::content::changed_tables(conn)? {
        let message = if crate::content::is_recorded(conn, table)? {
            "rows were changed in the file since the seed was loaded; `kb init` loads the \
             seed again"
        } else {
            "a migration added this table after the seed was loaded; `kb init` loads the seed \
             again to fill it"
        };
        findings.push(finding(table, None, None, message.into()));
    }
    Ok(())
}

fn integrity(conn: &Connection, findings: &mut Vec<Finding>) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let messages: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for message in messages.into_iter().filter(|m| m != "ok") {
        findings.push(finding(
            "(file)",
            None,
            None,
            format!("integrity check: {message}"),
        ));
    }
    Ok(())
}

/// Rows that break a CHECK rule of their table: written by a client that turned the rules
/// off, or loaded by kb, which checks the rules itself while it loads. A row already found
/// wrong in a column the rule is about (a date, said in words) is not reported twice.
fn check_rules(conn: &Connection, findings: &mut Vec<Finding>) -> Result<()> {
    for table in tables() {
        for broken in crate::check_rules::broken(conn, table, naming_column(table), MOST_PER_TABLE)?
        {
            let said = findings.iter().any(|f| {
                f.table == table
                    && f.row.as_deref() == Some(broken.key.as_str())
                    && f.column
                        .as_ref()
                        .is_some_and(|c| broken.columns.contains(c))
            });
            if said {
                continue;
            }
            let column = match broken.columns.as_slice() {
                [one] => Some(one.as_str()),
                _ => None,
            };
            findings.push(finding(
                table,
                Some(broken.key.clone()),
                column,
                rule_broken(&broken),
            ));
        }
    }
    Ok(())
}

/// What a row that breaks a CHECK rule is told: the rule itself when it reads at a glance,
/// else the columns it is about.
fn rule_broken(broken: &crate::check_rules::Broken) -> String {
    const AT_A_GLANCE: usize = 60;
    if broken.rule.chars().count() <= AT_A_GLANCE || broken.columns.is_empty() {
        format!("breaks the rule `{}`", broken.rule)
    } else {
        format!(
            "breaks the table's rule on {} (docs/schema.md has it)",
            crate::humanize::listed(&broken.columns)
        )
    }
}

/// Rows named per table that break its CHECK rules: enough to see the pattern, few enough to
/// read.
const MOST_PER_TABLE: usize = 20;

fn foreign_keys(conn: &Connection, findings: &mut Vec<Finding>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT c.\"table\", c.rowid, c.parent, f.\"from\"
         FROM pragma_foreign_key_check AS c
         JOIN pragma_foreign_key_list(c.\"table\") AS f ON f.id = c.fkid",
    )?;
    let violations: Vec<(String, i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, rowid, parent, column) in violations {
        let (row, value) = row_value(conn, &table, rowid, &column)?;
        findings.push(finding(
            &table,
            Some(row),
            Some(&column),
            format!("'{value}' is not in {parent}"),
        ));
    }
    Ok(())
}

/// A row's key and the text of one of its columns, found by rowid.
fn row_value(conn: &Connection, table: &str, rowid: i64, column: &str) -> Result<(String, String)> {
    let key = naming_column(table);
    let sql = format!(
        "SELECT CAST({key} AS TEXT), CAST(\"{column}\" AS TEXT) FROM {table} WHERE rowid = ?1"
    );
    let found: Option<(Option<String>, Option<String>)> = conn
        .query_row(&sql, [rowid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (row, value) = found.unwrap_or_default();
    Ok((
        row.unwrap_or_else(|| format!("rowid {rowid}")),
        value.unwrap_or_default(),
    ))
}

fn quotes(conn: &Connection, table: &str, findings: &mut Vec<Finding>) -> Result<()> {
    let key = naming_column(table);
    let sql = format!(
        "SELECT CAST(t.{key} AS TEXT), t.source_id, s.id IS NULL
         FROM {table} AS t LEFT JOIN sources AS s ON s.id = t.source_id
         WHERE s.id IS NULL OR instr(s.content, t.quote) = 0
         ORDER BY t.rowid"
    );
    let mut stmt = conn.prepare(&sql)?;
    let bad: Vec<(String, String, bool)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (row, source, missing) in bad {
        let message = if missing {
            format!("cites source '{source}', which is not in sources")
        } else {
            format!("the quote is not a verbatim passage of source '{source}'")
        };
        let column = if missing { "source_id" } else { "quote" };
        findings.push(finding(table, Some(row), Some(column), message));
    }
    Ok(())
}

/// Checks one stored date against its precision; None when it is sound.
fn date_problem(text: &str, precision: Option<Precision>) -> Option<String> {
    match text.parse::<PartialDate>() {
        Err(e) => Some(e.to_string()),
        Ok(date) if Some(date.precision()) != precision => Some(format!(
            "'{text}' is a {} date but date_precision says {}",
            date.precision().as_str(),
            precision.map_or("nothing", Precision::as_str)
        )),
        Ok(_) => None,
    }
}

fn precision(text: Option<&str>) -> Option<Precision> {
    Precision::from_word(text?)
}

type DateRow = (String, Option<String>, Option<String>, Option<String>);

fn date_ranges(conn: &Connection, table: &str, findings: &mut Vec<Finding>) -> Result<u64> {
    let sql = format!(
        "SELECT CAST(id AS TEXT), start_date, end_date, date_precision FROM {table}
         WHERE start_date IS NOT NULL OR end_date IS NOT NULL OR date_precision IS NOT NULL
         ORDER BY rowid"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows: Vec<DateRow> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let count = rows.len() as u64;
    for (row, start, end, stated) in rows {
        let stated_precision = precision(stated.as_deref());
        let (Some(start), Some(end), Some(_)) = (&start, &end, stated_precision) else {
            findings.push(finding(
                table,
                Some(row),
                Some("date_precision"),
                "start_date, end_date and date_precision must be set together".into(),
            ));
            continue;
        };
        let mut sound = true;
        for (column, text) in [("start_date", start), ("end_date", end)] {
            if let Some(problem) = date_problem(text, stated_precision) {
                findings.push(finding(table, Some(row.clone()), Some(column), problem));
                sound = false;
            }
        }
        if sound && end < start {
            findings.push(finding(
                table,
                Some(row),
                Some("end_date"),
                format!("the range ends ({end}) before it starts ({start})"),
            ));
        }
    }
    Ok(count)
}

fn signed_dates(conn: &Connection, findings: &mut Vec<Finding>) -> Result<u64> {
    let mut stmt = conn.prepare(
        "SELECT id, signed_date, date_precision FROM agreements
         WHERE signed_date IS NOT NULL OR date_precision IS NOT NULL ORDER BY rowid",
    )?;
    let rows: Vec<(String, Option<String>, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let count = rows.len() as u64;
    for (row, signed, stated) in rows {
        let problem = match &signed {
            None => Some("date_precision is set but signed_date is empty".to_string()),
            Some(text) => date_problem(text, precision(stated.as_deref())),
        };
        if let Some(problem) = problem {
            findings.push(finding(
                "agreements",
                Some(row),
                Some("signed_date"),
                problem,
            ));
        }
    }
    Ok(count)
}

/// The search index's entries against the rows of the tables it covers, both ways, and the
/// folded words kept for each against its texts (a file made before V15 has no list of
/// entries: its pending migration is the finding).
fn search_index(conn: &Connection, findings: &mut Vec<Finding>) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'search_entries')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(());
    }
    let mut stale = search_entries_out_of_step(conn)?;
    stale.extend(stale_folded_words(conn)?);
    for (problem, kind, id) in stale {
        findings.push(finding(
            "search",
            Some(format!("{kind} {id}")),
            None,
            format!("the search index {problem}; rebuild the file with `kb init --force` (with --seed DIR for a seed folder)"),
        ));
    }
    Ok(())
}

/// Rows of the tables the search index lacks an entry for, and entries with no row behind
/// them, as (problem, kind, id).
pub(crate) fn search_entries_out_of_step(
    conn: &Connection,
) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(include_str!("sql/check_search.sql"))?;
    let out_of_step = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out_of_step)
}

/// Entries whose folded words are not those of their texts, folded as a load folds them
/// (a property test holds that to the triggers' folding).
fn stale_folded_words(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare("SELECT kind, ref_id, name, body, folded FROM v_search_source")?;
    let mut rows = stmt.query([])?;
    let mut stale = Vec::new();
    while let Some(row) = rows.next()? {
        let (name, body): (String, String) = (row.get(2)?, row.get(3)?);
        if crate::search_index::folded(&name, &body) != row.get::<_, String>(4)? {
            let problem = "holds out-of-date folded words".to_string();
            stale.push((problem, row.get(0)?, row.get(1)?));
        }
    }
    Ok(stale)
}

fn migrations(conn: &mut Connection, findings: &mut Vec<Finding>) -> Result<u64> {
    match db::migration_status(conn) {
        Ok(states) => {
            for state in states.iter().filter(|s| s.applied_on.is_none()) {
                findings.push(finding(
                    "refinery_schema_history",
                    Some(format!("V{}", state.version)),
                    None,
                    format!(
                        "migration V{}__{} is not applied; run `kb migrate up`",
                        state.version, state.name
                    ),
                ));
            }
            Ok(states.len() as u64)
        }
        Err(e) => {
            findings.push(finding(
                "refinery_schema_history",
                None,
                None,
                e.to_string(),
            ));
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::loaded;

    fn messages(conn: &mut Connection) -> Vec<String> {
        check(conn)
            .unwrap()
            .0
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_shipped_knowledge_base_is_sound() {
        let mut conn = loaded();
        let (findings, checked) = check(&mut conn).unwrap();
        assert_eq!(findings, []);
        assert!(checked.quotes > 150 && checked.dates > 30 && checked.migrations >= 2);
    }

    #[test]
    fn a_row_deleted_behind_a_foreign_key_is_found() {
        let mut conn = loaded();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute("DELETE FROM places WHERE id = 'otar'", [])
            .unwrap();
        assert_eq!(
            messages(&mut conn),
            [
                "events, row 1st-uhlan-regiment-in-otar, column place_id: 'otar' is not in places",
                "places: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
            ]
        );
    }

    #[test]
    fn an_edited_quote_is_found() {
        let mut conn = loaded();
        conn.execute(
            "UPDATE figures SET quote = replace(quote, '2.2', '2.3') WHERE id = 'trade-turnover-2014'",
            [],
        )
        .unwrap();
        assert_eq!(
            messages(&mut conn),
            [
                "figures, row trade-turnover-2014, column quote: the quote is not a verbatim passage of source 'wikipedia-kazakhstan-poland-relations'",
                "figures: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
            ]
        );
    }

    #[test]
    fn a_row_breaking_a_check_rule_is_named_with_the_rule_or_its_columns() {
        let mut conn = loaded();
        conn.pragma_update(None, "ignore_check_constraints", true)
            .unwrap();
        conn.execute_batch(
            "UPDATE event_participants SET country_code = 'PL'
               WHERE rowid = (SELECT min(rowid) FROM event_participants WHERE person_id IS NOT NULL);
             UPDATE persons SET name = '' WHERE rowid = 1;",
        )
        .unwrap();
        let (participant, person): (i64, String) = conn
            .query_row(
                "SELECT (SELECT id FROM event_participants WHERE person_id IS NOT NULL
                         AND country_code IS NOT NULL),
                        (SELECT id FROM persons WHERE rowid = 1)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let found = messages(&mut conn);
        assert!(
            found.contains(&format!(
                "event_participants, row {participant}: breaks the table's rule on person_id, \
             country_code and organization_id (docs/schema.md has it)"
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&format!(
                "persons, row {person}, column name: breaks the rule `name <> ''`"
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_broken_date_is_found_even_past_the_check_constraints() {
        let mut conn = loaded();
        conn.pragma_update(None, "ignore_check_constraints", true)
            .unwrap();
        conn.execute(
            "UPDATE events SET start_date = '1997-02-30', end_date = '1997-02-30', date_precision = 'day'
             WHERE id = 'visit-nazarbayev-poland-1997'",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE events SET start_date = '2017-09-08', end_date = '2017-09-06'
             WHERE id = 'visit-duda-kazakhstan-2017'",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE agreements SET signed_date = '95' WHERE id = 'double-tax-avoidance-agreement-1995'",
            [],
        )
        .unwrap();
        let found = messages(&mut conn);
        assert_eq!(found.len(), 6, "{found:?}");
        assert_eq!(
            found[4..],
            [
                "events: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
                "agreements: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
            ]
        );
        assert!(found[0].starts_with(
            "events, row visit-nazarbayev-poland-1997, column start_date: '1997-02-30' has day 30"
        ));
        assert!(found[2].starts_with(
            "events, row visit-duda-kazakhstan-2017, column end_date: the range ends"
        ));
        assert!(found[3].starts_with("agreements, row double-tax-avoidance-agreement-1995, column signed_date: '95' is not a date"));
    }

    #[test]
    fn a_search_index_out_of_step_is_found() {
        let mut conn = loaded();
        conn.execute("DROP TRIGGER search_places_update", [])
            .unwrap();
        conn.execute("UPDATE places SET name = 'Alma' WHERE id = 'almaty'", [])
            .unwrap();
        conn.execute(
            "INSERT INTO search_entries (search_rowid, folded) VALUES (8 * 1000000 + 2, '')",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE search_entries SET folded = 'Nazarbajew'
             WHERE search_rowid = (SELECT rowid * 8 + 1 FROM persons WHERE id = 'nursultan-nazarbayev')",
            [],
        )
        .unwrap();
        let found = messages(&mut conn);
        assert_eq!(
            found,
            [
                "search, row place almaty: the search index lacks an entry it should have; rebuild the file with `kb init --force` (with --seed DIR for a seed folder)",
                "search, row entry 8000002: the search index holds an entry with no row behind it; rebuild the file with `kb init --force` (with --seed DIR for a seed folder)",
                "search, row person nursultan-nazarbayev: the search index holds out-of-date folded words; rebuild the file with `kb init --force` (with --seed DIR for a seed folder)",
                "(schema): trigger search_places_update is missing",
                "places: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
            ]
        );
    }

    #[test]
    fn a_row_replaced_without_its_delete_triggers_is_found() {
        // INSERT OR REPLACE deletes the old row without its delete triggers (SQLite runs them
        // only with recursive_triggers on), so its entry stays behind.
        let mut conn = loaded();
        conn.execute(
            "INSERT OR REPLACE INTO places SELECT * FROM places WHERE id = 'almaty'",
            [],
        )
        .unwrap();
        let found = messages(&mut conn);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("search, row entry ")
                && found[0].contains("holds an entry with no row behind it"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("places: rows were changed"),
            "{found:?}"
        );
    }

    #[test]
    fn an_edited_migration_is_found() {
        let mut conn = loaded();
        conn.execute(
            "UPDATE refinery_schema_history SET checksum = '1' WHERE version = 2",
            [],
        )
        .unwrap();
        let found = messages(&mut conn);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("V2__create_report_views"), "{found:?}");
    }
}
