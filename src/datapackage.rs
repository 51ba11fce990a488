//! The seed's Frictionless Data Package descriptor (`datapackage.json`): the data set's name,
//! title, description, licences, sources and contributors come from the seed; the resources
//! (one per CSV, with its Table Schema: fields, types, primary key, foreign keys) are derived
//! from kb's own row declarations and migrations, so they cannot drift from the schema.

use std::io::Read;

use rusqlite::Connection;
use serde_json::{json, Map, Value};

use crate::error::{Error, Location, Result};
use crate::seed::{FileDigest, Seed, TableSpec, TABLES};

/// The descriptor's file name in a seed folder.
pub const FILE: &str = "datapackage.json";

/// The part of a descriptor that describes the data set: everything but its resources.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSet {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    /// The whole descriptor without `resources`.
    pub descriptor: Map<String, Value>,
}

/// Reads and checks a seed's descriptor: a JSON object with a `name` made of lowercase
/// letters, digits, `-`, `_`, `.` and `/`, and a `title`. Returns it with the file's digest.
pub fn read(seed: &Seed) -> Result<(DataSet, [u8; 32])> {
    let at = || Location::file(seed.display_path(FILE));
    let mut text = String::new();
    seed.open(FILE)?
        .read_to_string(&mut text)
        .map_err(|e| Error::seed(at(), format!("cannot be read as UTF-8 text: {e}")))?;
    let mut digest = FileDigest::new(FILE);
    digest.update(text.as_bytes());
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        Error::seed(
            Location::line(seed.display_path(FILE), e.line() as u64),
            format!("is not valid JSON: {e}"),
        )
    })?;
    let Value::Object(mut descriptor) = value else {
        return Err(Error::seed(
            at(),
            "must hold a JSON object: { \"name\": …, \"title\": …, … }",
        ));
    };
    descriptor.remove("resources");
    let text_of = |key: &str| {
        descriptor
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let name = text_of("name").unwrap_or_default();
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./".contains(c));
    if !valid_name {
        return Err(Error::seed(
            at().column("name"),
            format!(
                "'{name}' is not a data package name; expected lowercase letters, digits, -, _, \
                 . and / (e.g. \"kazakhstan-poland-relations\")"
            ),
        ));
    }
    let Some(title) = text_of("title").filter(|t| !t.trim().is_empty()) else {
        return Err(Error::seed(
            at().column("title"),
            "is missing; the data set needs a title, which reports and Datasette show",
        ));
    };
    let data_set = DataSet {
        name,
        title,
        description: text_of("description"),
        descriptor,
    };
    Ok((data_set, digest.finish()))
}

/// The whole descriptor: the data set's own properties, then kb's resources.
pub fn descriptor(data_set: &Map<String, Value>, conn: &Connection) -> Result<Value> {
    let mut whole = data_set.clone();
    whole.insert("resources".into(), Value::Array(resources(conn)?));
    Ok(Value::Object(whole))
}

/// One tabular resource per seed CSV, with its Table Schema, read from a migrated database
/// (`conn`) and the row declarations.
pub fn resources(conn: &Connection) -> Result<Vec<Value>> {
    TABLES.iter().map(|spec| resource(conn, spec)).collect()
}

fn resource(conn: &Connection, spec: &TableSpec) -> Result<Value> {
    let fields: Vec<Value> = spec
        .columns
        .iter()
        .map(|column| {
            let mut field = json!({ "name": column.name, "type": column.field_type });
            if let Some(description) = field_description(conn, spec.table, column.name)? {
                field["description"] = description.into();
            }
            let mut constraints = Map::new();
            if column.required {
                constraints.insert("required".into(), true.into());
            }
            if let Some(pattern) = column.pattern {
                constraints.insert("pattern".into(), pattern.into());
            }
            if !constraints.is_empty() {
                field["constraints"] = constraints.into();
            }
            Ok(field)
        })
        .collect::<Result<_>>()?;
    let mut schema = json!({ "fields": fields });
    let in_csv = |column: &str| spec.columns.iter().any(|c| c.name == column);
    let key = primary_key(conn, spec.table)?;
    if !key.is_empty() && key.iter().all(|c| in_csv(c)) {
        schema["primaryKey"] = json!(key);
    }
    let foreign_keys: Vec<Value> = foreign_keys(conn, spec.table)?
        .into_iter()
        .filter(|(from, parent, _)| from.iter().all(|c| in_csv(c)) && is_seed_table(parent))
        .map(|(from, parent, to)| {
            // A reference within the same table names no resource, as the standard says.
            let resource = if parent == spec.table { "" } else { &parent };
            json!({ "fields": from, "reference": { "resource": resource, "fields": to } })
        })
        .collect();
    if !foreign_keys.is_empty() {
        schema["foreignKeys"] = foreign_keys.into();
    }
    Ok(json!({
        "name": spec.table,
        "path": spec.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }))
}

fn is_seed_table(table: &str) -> bool {
    TABLES.iter().any(|t| t.table == table)
}

/// What a CSV column means, from the file's own data dictionary. The CSV's `date` stands for
/// the table's start and end date; a source's `content_file` names its text.
fn field_description(conn: &Connection, table: &str, column: &str) -> Result<Option<String>> {
    let fixed = match column {
        "date" => Some(
            "The date or range, ISO 8601 at the source's precision: YYYY, YYYY-MM or \
             YYYY-MM-DD, a range as START/END; kb splits it into start_date, end_date and \
             date_precision.",
        ),
        "content_file" => Some(
            "The source's full text: a UTF-8 file inside the seed folder, named relative to it.",
        ),
        _ => None,
    };
    if let Some(text) = fixed {
        return Ok(Some(text.to_string()));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT description FROM kb_columns WHERE table_name = ?1 AND column_name = ?2",
    )?;
    let mut rows = stmt.query([table, column])?;
    Ok(match rows.next()? {
        Some(row) => Some(row.get(0)?),
        None => None,
    })
}

/// The columns of a table's primary key, in order; none for a rowid table.
fn primary_key(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let key = stmt.query_map([table], |r| r.get(0))?;
    Ok(key.collect::<rusqlite::Result<_>>()?)
}

/// A foreign key: its columns, the table it refers to and the columns there.
type ForeignKey = (Vec<String>, String, Vec<String>);

/// Each foreign key of a table, in the order the migrations declare them.
fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<ForeignKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
    )?;
    let rows = stmt.query_map([table], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut keys: Vec<(i64, Vec<String>, String, Vec<String>)> = Vec::new();
    for row in rows {
        let (id, from, parent, to) = row?;
        let to = match to {
            Some(to) => to,
            None => primary_key(conn, &parent)?
                .into_iter()
                .next()
                .unwrap_or_default(),
        };
        match keys.last_mut() {
            Some(key) if key.0 == id => {
                key.1.push(from);
                key.3.push(to);
            }
            _ => keys.push((id, vec![from], parent, vec![to])),
        }
    }
    keys.reverse();
    Ok(keys
        .into_iter()
        .map(|(_, from, parent, to)| (from, parent, to))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::migrated;

    /// The shipped descriptor's resources are exactly what kb derives from its schema; run
    /// with KB_WRITE_DATAPACKAGE=1 to write them into seed/datapackage.json after a change.
    #[test]
    fn the_shipped_descriptor_matches_the_schema() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seed/datapackage.json");
        let shipped: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (data_set, _) = read(&Seed::Embedded).unwrap();
        let derived = descriptor(&data_set.descriptor, &migrated()).unwrap();
        if std::env::var_os("KB_WRITE_DATAPACKAGE").is_some() {
            let text = serde_json::to_string_pretty(&derived).unwrap() + "\n";
            std::fs::write(path, text).unwrap();
            return;
        }
        assert_eq!(
            shipped, derived,
            "run KB_WRITE_DATAPACKAGE=1 cargo test --lib datapackage"
        );
    }

    #[test]
    fn references_and_keys_come_from_the_migrations() {
        let resources = resources(&migrated()).unwrap();
        let events = resources.iter().find(|r| r["name"] == "events").unwrap();
        assert_eq!(events["schema"]["primaryKey"], json!(["id"]));
        let keys = events["schema"]["foreignKeys"].as_array().unwrap();
        assert!(keys.contains(&json!({
            "fields": ["parent_event_id"],
            "reference": { "resource": "", "fields": ["id"] }
        })));
        assert!(keys.contains(&json!({
            "fields": ["place_id"],
            "reference": { "resource": "places", "fields": ["id"] }
        })));
        let date = &events["schema"]["fields"].as_array().unwrap()[4];
        assert_eq!(date["name"], "date");
        assert!(date["constraints"]["pattern"].is_string());
    }

    #[test]
    fn a_descriptor_without_a_name_or_title_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE),
            r#"{"name": "My Data", "title": "x"}"#,
        )
        .unwrap();
        let err = read(&Seed::Folder(dir.path().into()))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("'My Data' is not a data package name"),
            "{err}"
        );
        std::fs::write(dir.path().join(FILE), r#"{"name": "my-data"}"#).unwrap();
        let err = read(&Seed::Folder(dir.path().into()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("column title: is missing"), "{err}");
        std::fs::write(dir.path().join(FILE), "{\n  \"name\": \n").unwrap();
        let err = read(&Seed::Folder(dir.path().into()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3: is not valid JSON"), "{err}");
    }
}
