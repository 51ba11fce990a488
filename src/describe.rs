//! The file's own documentation: its data dictionary (kb_tables, kb_columns) and the data set's
//! title, source, licence and kb version (kb_dataset), read back for `kb describe` and turned
//! into a Datasette metadata file. Nothing here prints.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use crate::error::{Error, Result};

/// A table or view of the file, with what kb_tables says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDoc {
    pub name: String,
    /// 'table', 'view' or 'virtual table', as SQLite reports it.
    pub kind: String,
    /// None for a table or view that kb_tables does not document (one a user added).
    pub description: Option<String>,
}

/// A column of a table or view, with what kb_columns says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDoc {
    pub name: String,
    /// The declared type (pragma_table_info); often empty for a view's computed columns.
    pub declared_type: String,
    /// None for a column that kb_columns does not document.
    pub description: Option<String>,
    pub unit: Option<String>,
    pub example: Option<String>,
}

const TABLES_SQL: &str = include_str!("sql/describe_tables.sql");
const COLUMNS_SQL: &str = include_str!("sql/describe_columns.sql");

/// Every table and view in the file (SQLite's own and the search index's shadow tables aside),
/// documented ones first in kb_tables' order.
pub fn tables(conn: &Connection) -> Result<Vec<TableDoc>> {
    let mut stmt = conn.prepare(TABLES_SQL)?;
    let rows = stmt.query_map([], |r| {
        Ok(TableDoc {
            name: r.get(0)?,
            kind: r.get(1)?,
            description: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The table or view called `name` (SQLite names ignore ASCII case); NotFound, naming the
/// nearest names, when there is none.
pub fn table(conn: &Connection, name: &str) -> Result<TableDoc> {
    let all = tables(conn)?;
    let found = all
        .iter()
        .position(|t| t.name == name)
        .or_else(|| all.iter().position(|t| t.name.eq_ignore_ascii_case(name)));
    match found {
        Some(i) => Ok(all.into_iter().nth(i).expect("the index was just found")),
        None => Err(not_found(name, &all)),
    }
}

/// The columns of the table or view called `table`, in their declared order.
pub fn columns(conn: &Connection, table: &str) -> Result<Vec<ColumnDoc>> {
    let table = self::table(conn, table)?;
    let mut stmt = conn.prepare(COLUMNS_SQL)?;
    let rows = stmt.query_map([&table.name], |r| {
        Ok(ColumnDoc {
            name: r.get(0)?,
            declared_type: r.get(1)?,
            description: r.get(2)?,
            unit: r.get(3)?,
            example: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The data set as key-value pairs (title, description, source, source_url, licence,
/// licence_url, kb_version), in kb_dataset's order; keys whose value is unknown are left out.
pub fn dataset(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT key, value FROM kb_dataset")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut pairs = Vec::new();
    for row in rows {
        if let (key, Some(value)) = row? {
            pairs.push((key, value));
        }
    }
    Ok(pairs)
}

/// The longest example kb_columns keeps, in characters.
const EXAMPLE_CHARS: usize = 80;

/// Writes kb_columns.example for every column of the data tables from the rows just loaded:
/// the first value in the table, as text, a long one shortened with …, so that the data
/// dictionary shows the data set the file holds. Table and column names come from kb's own
/// declarations and the schema, never from the file's data.
pub fn record_examples(conn: &Connection) -> Result<()> {
    let mut update = conn
        .prepare("UPDATE kb_columns SET example = ?3 WHERE table_name = ?1 AND column_name = ?2")?;
    for table in crate::load::tables() {
        let mut columns = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let names: Vec<String> = columns
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for column in names {
            let sql = format!(
                "SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" \
                 WHERE \"{column}\" IS NOT NULL ORDER BY rowid LIMIT 1"
            );
            let value: Option<String> = conn.query_row(&sql, [], |r| r.get(0)).optional()?;
            let example = value.map(|v| shorten(&v));
            update.execute(rusqlite::params![table, column, example])?;
        }
    }
    Ok(())
}

fn shorten(value: &str) -> String {
    if value.chars().count() <= EXAMPLE_CHARS {
        return value.to_string();
    }
    let kept: String = value.chars().take(EXAMPLE_CHARS - 1).collect();
    format!("{} …", kept.trim_end())
}

/// One value of kb_dataset, if the file knows it.
pub fn dataset_value(conn: &Connection, key: &str) -> Result<Option<String>> {
    let value: Option<Option<String>> = conn
        .query_row("SELECT value FROM kb_dataset WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(value.flatten())
}

/// Entries of the search index above which Datasette's facet suggestions, which count the
/// rows of `search` (FTS5 reads every text to do so), pass Datasette's 1 s limit and fail the
/// page: 2.8 s for 1,361,000 entries, 0.55 s for 272,200 (measured on 2026-12-07).
const ENTRIES_PAST_FACET_SUGGESTIONS: i64 = 500_000;

/// The `datasette` settings this file needs beyond its metadata, as (name, value).
pub fn datasette_settings(conn: &Connection) -> Result<Vec<(&'static str, &'static str)>> {
    let entries: i64 = conn.query_row("SELECT count(*) FROM search_entries", [], |r| r.get(0))?;
    Ok(if entries > ENTRIES_PAST_FACET_SUGGESTIONS {
        vec![("suggest_facets", "off")]
    } else {
        Vec::new()
    })
}

/// The same documentation as a Datasette metadata file (`datasette kb.db -m metadata.json`):
/// the data set's title, description, licence and source at the top, and a description of
/// every documented table and its columns under `databases.{database}`. Datasette names a
/// database after its file's stem, so `database` must be that stem (`kb` for kb.db).
pub fn datasette_metadata(conn: &Connection, database: &str) -> Result<Value> {
    let mut top = Map::new();
    let keys = [
        ("title", "title"),
        ("description", "description"),
        ("license", "licence"),
        ("license_url", "licence_url"),
        ("source", "source"),
        ("source_url", "source_url"),
    ];
    for (datasette_key, kb_key) in keys {
        if let Some(value) = dataset_value(conn, kb_key)? {
            top.insert(datasette_key.into(), Value::String(value));
        }
    }
    if let Some(version) = dataset_value(conn, "kb_version")? {
        let description = top
            .get("description")
            .and_then(Value::as_str)
            .map(|d| format!("{d} Loaded by kb {version}."))
            .unwrap_or_else(|| format!("Loaded by kb {version}."));
        top.insert("description".into(), Value::String(description));
    }

    let mut tables = Map::new();
    for table in self::tables(conn)? {
        let Some(description) = table.description else {
            continue;
        };
        let mut columns = Map::new();
        for column in self::columns(conn, &table.name)? {
            if let Some(text) = column_text(&column) {
                columns.insert(column.name, Value::String(text));
            }
        }
        tables.insert(
            table.name,
            json!({ "description": description, "columns": columns }),
        );
    }
    let mut databases = Map::new();
    databases.insert(database.into(), json!({ "tables": tables }));
    top.insert("databases".into(), Value::Object(databases));
    Ok(Value::Object(top))
}

/// A column's description with its unit and example, as one text (Datasette has one field).
fn column_text(column: &ColumnDoc) -> Option<String> {
    let mut text = column.description.clone()?;
    if let Some(unit) = &column.unit {
        text.push_str(&format!(" Unit: {unit}."));
    }
    if let Some(example) = &column.example {
        text.push_str(&format!(" Example: {example}"));
    }
    Some(text)
}

/// How alike two names look, from 0 to 1, ignoring case and a view's `v_` prefix.
fn likeness(wanted: &str, name: &str) -> f64 {
    let wanted = wanted.to_lowercase();
    let name = name.to_lowercase();
    let bare = name.strip_prefix("v_").unwrap_or(&name);
    strsim::jaro_winkler(&wanted, &name).max(strsim::jaro_winkler(&wanted, bare))
}

fn not_found(name: &str, tables: &[TableDoc]) -> Error {
    let mut scored: Vec<(f64, &str)> = tables
        .iter()
        .map(|t| (likeness(name, &t.name), t.name.as_str()))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let nearest: Vec<&str> = scored.iter().take(3).map(|(_, n)| *n).collect();
    let hint = match nearest.as_slice() {
        [] => String::new(),
        [one] => format!("the nearest name is {one}; "),
        more => format!("the nearest names are {}; ", more.join(", ")),
    };
    Error::NotFound(format!(
        "there is no table or view '{name}'; {hint}`kb describe` lists them all"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::{loaded, migrated};

    #[test]
    fn every_table_and_view_is_listed_and_documented() {
        let conn = migrated();
        let tables = tables(&conn).unwrap();
        let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
        for expected in [
            "sources",
            "events",
            "search",
            "v_trade",
            "kb_tables",
            "kb_dataset",
        ] {
            assert!(names.contains(&expected), "{expected} in {names:?}");
        }
        let shadow = |n: &&str| {
            ["data", "idx", "content", "docsize", "config"]
                .iter()
                .any(|suffix| *n == format!("search_{suffix}"))
        };
        assert!(!names.iter().any(shadow), "{names:?}");
        assert!(names.contains(&"search_entries"), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("sqlite_")), "{names:?}");
        let undocumented: Vec<&str> = tables
            .iter()
            .filter(|t| t.description.is_none())
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(undocumented, Vec::<&str>::new());
        assert_eq!(tables[0].name, "sources");
        let search = tables.iter().find(|t| t.name == "search").unwrap();
        assert_eq!(search.kind, "virtual table");
    }

    #[test]
    fn a_tables_columns_come_in_declared_order_with_their_meaning() {
        let empty = columns(&migrated(), "figures").unwrap();
        assert_eq!(empty[0].name, "id");
        let value = empty.iter().find(|c| c.name == "value").unwrap();
        assert_eq!(value.declared_type, "NUMERIC");
        assert_eq!(value.unit.as_deref(), Some("the unit named in `unit`"));
        assert_eq!(value.example, None, "no examples before a seed is loaded");
        assert!(empty.iter().all(|c| c.description.is_some()));
        // The examples are the loaded data set's own values, long ones shortened.
        let loaded = columns(&loaded(), "figures").unwrap();
        let example = |name: &str| {
            let column = loaded.iter().find(|c| c.name == name).unwrap();
            column.example.clone().unwrap()
        };
        assert_eq!(example("value"), "2200000000");
        assert!(example("quote").ends_with(" …") || example("quote").chars().count() <= 80);
    }

    #[test]
    fn names_are_found_whatever_their_case() {
        let conn = migrated();
        assert_eq!(table(&conn, "EVENTS").unwrap().name, "events");
        assert_eq!(columns(&conn, "V_Trade").unwrap()[0].name, "topic");
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_nearest_ones() {
        let conn = migrated();
        let err = columns(&conn, "evnts").unwrap_err();
        assert!(matches!(err, Error::NotFound(_)));
        let text = err.to_string();
        assert!(
            text.starts_with("there is no table or view 'evnts'; the nearest names are events"),
            "{text}"
        );
        let text = table(&conn, "visits").unwrap_err().to_string();
        assert!(text.contains("v_visits"), "{text}");
        let text = table(&conn, "zzzzzz").unwrap_err().to_string();
        assert_eq!(
            text,
            "there is no table or view 'zzzzzz'; `kb describe` lists them all"
        );
    }

    #[test]
    fn an_undocumented_table_is_listed_without_a_description() {
        let conn = migrated();
        conn.execute_batch("CREATE TABLE my_notes (note TEXT)")
            .unwrap();
        let mine = tables(&conn)
            .unwrap()
            .into_iter()
            .find(|t| t.name == "my_notes")
            .unwrap();
        assert_eq!(mine.description, None);
        let columns = columns(&conn, "my_notes").unwrap();
        assert_eq!(columns.len(), 1);
        assert_eq!(columns[0].description, None);
    }

    #[test]
    fn the_dataset_comes_from_the_seed_and_leaves_unknown_values_out() {
        // No seed loaded: the file does not know what it holds.
        assert_eq!(dataset(&migrated()).unwrap(), []);
        let conn = loaded();
        let dataset = dataset(&conn).unwrap();
        let keys: Vec<&str> = dataset.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "title",
                "description",
                "source",
                "source_url",
                "licence",
                "licence_url",
                "kb_version",
                "name"
            ]
        );
        assert!(dataset.contains(&("licence".into(), "CC BY-SA 4.0".into())));
        assert!(dataset.contains(&("name".into(), "kazakhstan-poland-relations".into())));
    }

    #[test]
    fn datasette_metadata_describes_every_documented_table() {
        let conn = loaded();
        let metadata = datasette_metadata(&conn, "my-kb").unwrap();
        assert_eq!(metadata["license"], "CC BY-SA 4.0");
        assert_eq!(
            metadata["license_url"],
            "https://creativecommons.org/licenses/by-sa/4.0/"
        );
        let tables = metadata["databases"]["my-kb"]["tables"]
            .as_object()
            .unwrap();
        assert_eq!(tables.len(), self::tables(&conn).unwrap().len());
        let value = tables["figures"]["columns"]["value"].as_str().unwrap();
        assert!(value.contains("Unit: the unit named in `unit`"), "{value}");
        assert!(value.ends_with("Example: 2200000000"), "{value}");
    }
}
