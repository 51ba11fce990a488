//! The CHECK rules of the file's tables, read from their own CREATE TABLE statements, and the
//! rows that break them.
//!
//! SQLite does not read CHECK rules from a file opened read-only (nothing can be written that
//! would break them), so `PRAGMA integrity_check` there passes rows that break one. kb looks
//! for such rows itself, with each rule as the WHERE clause of a query.

use rusqlite::Connection;

use crate::error::Result;

/// The CHECK rules of `table`, as its CREATE TABLE statement writes them (whitespace runs
/// made one space), column rules and table rules alike, in order.
pub fn of_table(conn: &Connection, table: &str) -> Result<Vec<String>> {
    Ok(expressions(&table_sql(conn, table)?))
}

/// The CREATE TABLE statement of `table`, or nothing when there is no such table.
pub fn table_sql(conn: &Connection, table: &str) -> Result<String> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1), '')",
        [table],
        |r| r.get(0),
    )?)
}

/// A rule and a row that breaks it: the row's rowid and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub rule: String,
    /// The table's columns the rule names, in the table's order.
    pub columns: Vec<String>,
    pub rowid: i64,
    pub key: String,
}

/// The rows of `table` that break one of its CHECK rules, the first `most` of them, each with
/// the value of `key` (a column that names the row to a person) and every rule it breaks. One
/// pass over the table tries every rule.
pub fn broken(conn: &Connection, table: &str, key: &str, most: usize) -> Result<Vec<Broken>> {
    let rules = of_table(conn, table)?;
    if rules.is_empty() {
        return Ok(Vec::new());
    }
    // A rule is broken when it is false; NULL (unknown) passes, as SQLite has it.
    let breaks: Vec<String> = rules
        .iter()
        .map(|rule| format!("coalesce(NOT ({rule}), 0)"))
        .collect();
    let sql = format!(
        "SELECT rowid, CAST(\"{key}\" AS TEXT), {} FROM \"{table}\" WHERE {} ORDER BY rowid LIMIT {most}",
        breaks.join(", "),
        breaks.join(" OR ")
    );
    let columns: Vec<Vec<String>> = {
        let all = table_columns(conn, table)?;
        rules.iter().map(|rule| named_in(rule, &all)).collect()
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let rowid: i64 = row.get(0)?;
        let key: Option<String> = row.get(1)?;
        for (n, rule) in rules.iter().enumerate() {
            if row.get::<_, bool>(n + 2)? {
                found.push(Broken {
                    rule: rule.clone(),
                    columns: columns[n].clone(),
                    rowid,
                    key: key.clone().unwrap_or_else(|| format!("rowid {rowid}")),
                });
            }
        }
    }
    Ok(found)
}

fn table_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// The columns a rule names as words of its own.
fn named_in(rule: &str, columns: &[String]) -> Vec<String> {
    let bytes = rule.as_bytes();
    columns
        .iter()
        .filter(|c| {
            rule.match_indices(c.as_str())
                .any(|(at, _)| starts_word(bytes, at, c.as_bytes()))
        })
        .cloned()
        .collect()
}

/// The expressions of the CHECK clauses in a CREATE TABLE statement, each on one line (runs of
/// whitespace made one space).
pub fn expressions(sql: &str) -> Vec<String> {
    spans(sql)
        .into_iter()
        .map(|span| span.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The text of each CHECK clause's expression as the statement writes it, which is how
/// SQLite names a broken rule in its error. Strings, quoted names and comments are passed
/// over, so a word CHECK or a parenthesis inside them counts for nothing.
pub fn spans(sql: &str) -> Vec<&str> {
    let bytes = sql.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if let Some(end) = skipped(bytes, at) {
            at = end;
        } else if starts_word(bytes, at, b"CHECK") {
            let open = at + 5 + count_while(&bytes[at + 5..], u8::is_ascii_whitespace);
            match (bytes.get(open), closing(bytes, open)) {
                (Some(b'('), Some(close)) => {
                    found.push(sql[open + 1..close].trim());
                    at = close + 1;
                }
                _ => at += 5,
            }
        } else {
            at += 1;
        }
    }
    found
}

/// Where a string, a quoted name or a comment starting at `at` ends; None when none starts
/// there.
fn skipped(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes[at] {
        quote @ (b'\'' | b'"' | b'`') => {
            let mut end = at + 1;
            // A doubled quote stands for itself and does not end the string.
            while end < bytes.len() {
                if bytes[end] == quote {
                    if bytes.get(end + 1) == Some(&quote) {
                        end += 2;
                        continue;
                    }
                    return Some(end + 1);
                }
                end += 1;
            }
            Some(bytes.len())
        }
        b'[' => Some(
            bytes[at..]
                .iter()
                .position(|&b| b == b']')
                .map_or(bytes.len(), |p| at + p + 1),
        ),
        b'-' if bytes.get(at + 1) == Some(&b'-') => Some(
            bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| at + p + 1),
        ),
        b'/' if bytes.get(at + 1) == Some(&b'*') => Some(
            bytes[at + 2..]
                .windows(2)
                .position(|w| w == b"*/")
                .map_or(bytes.len(), |p| at + 2 + p + 2),
        ),
        _ => None,
    }
}

/// The parenthesis that closes the one at `open`.
fn closing(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut at = open;
    while at < bytes.len() {
        if let Some(end) = skipped(bytes, at) {
            at = end;
            continue;
        }
        match bytes[at] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

fn starts_word(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    let is_name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    bytes.len() >= at + word.len()
        && bytes[at..at + word.len()].eq_ignore_ascii_case(word)
        && !(at > 0 && is_name(&bytes[at - 1]))
        && !bytes.get(at + word.len()).is_some_and(is_name)
}

fn count_while(bytes: &[u8], pred: impl Fn(&u8) -> bool) -> usize {
    bytes.iter().take_while(|b| pred(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_clause_is_found_and_nothing_inside_strings_or_comments() {
        let sql = "CREATE TABLE t (
            a TEXT CHECK (a <> '' AND a NOT GLOB '*[(]*'),  -- CHECK (not this)
            \"check\" INTEGER check(\"check\" >= 1),
            b TEXT DEFAULT 'CHECK (nor this)',
            /* CHECK (nor this) */
            CHECK ((a IS NULL) + (b IS NULL) = 1)
        )";
        assert_eq!(
            expressions(sql),
            [
                "a <> '' AND a NOT GLOB '*[(]*'",
                "\"check\" >= 1",
                "(a IS NULL) + (b IS NULL) = 1"
            ]
        );
    }

    #[test]
    fn a_row_that_breaks_a_rule_is_found_on_a_file_opened_read_only() {
        let dir = std::env::temp_dir().join(format!("kb-check-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("kb.db");
        {
            let conn = crate::testing::migrated_at(&path);
            conn.execute_batch(
                "PRAGMA foreign_keys = OFF;
                 PRAGMA ignore_check_constraints = ON;
                 INSERT INTO lanes (term, description) VALUES ('fine', 'a lane'), ('bad', '');",
            )
            .unwrap();
        }
        let conn = crate::db::open_read_only(&path).unwrap();
        let found = broken(&conn, "lanes", "term", 10).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            found,
            [Broken {
                rule: "description <> ''".into(),
                columns: vec!["description".into()],
                rowid: 2,
                key: "bad".into()
            }]
        );
    }
}
