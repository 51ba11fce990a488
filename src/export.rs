//! Writing the knowledge base back out in the seed layout, so that `kb init --seed` of the
//! export rebuilds the same content.

use std::fs;
use std::io::Write;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use crate::datapackage;
use crate::error::{Error, Result};
use crate::paths;
use crate::seed::{self, TableSpec, TABLES};
use crate::values;

/// Where an exported source's text goes, relative to the export folder.
fn content_file(source_id: &str) -> String {
    format!("sources/{source_id}.txt")
}

/// The SELECT that gives a table's rows in the CSV's columns, in their original order. Built
/// from kb's own table specs (never from user input): the CSV's one `date` column is the
/// table's start and end date joined back into ISO 8601 interval notation.
fn select_for(spec: &TableSpec) -> String {
    let columns: Vec<String> = spec
        .columns
        .iter()
        .map(|c| match c.name {
            "date" => "CASE WHEN start_date = end_date THEN start_date \
                       ELSE start_date || '/' || end_date END"
                .to_string(),
            "content_file" => "id".to_string(),
            name => name.to_string(),
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY rowid",
        columns.join(", "),
        spec.table
    )
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes every table to `dir`, which must not exist or be empty; returns rows per table.
/// The files are written into a temporary folder beside it that takes its name when complete,
/// so a failed export leaves nothing behind.
pub fn export(conn: &Connection, dir: &Path) -> Result<Vec<(&'static str, u64)>> {
    paths::fill_new_folder(dir, |folder| write_seed(conn, folder))
}

/// Writes every table's CSV and every source's text into `dir`, which is created.
fn write_seed(conn: &Connection, dir: &Path) -> Result<Vec<(&'static str, u64)>> {
    fs::create_dir_all(dir.join("sources")).map_err(io_error(dir))?;
    let mut counts = Vec::new();
    for spec in TABLES {
        let path = dir.join(spec.file);
        let csv_error = |e: csv::Error| Error::Io {
            path: path.clone(),
            source: e.into(),
        };
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(new_file(&path)?);
        let header: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        writer.write_record(&header).map_err(csv_error)?;
        let mut stmt = conn.prepare(&select_for(spec))?;
        let width = spec.columns.len();
        let mut rows = stmt.query([])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let mut fields = Vec::with_capacity(width);
            for i in 0..width {
                fields.push(values::text(&row.get(i)?));
            }
            if spec.table == "sources" {
                let at = spec
                    .columns
                    .iter()
                    .position(|c| c.name == "content_file")
                    .expect("sources has content_file");
                fields[at] = write_source_text(conn, dir, &fields[0])?;
            }
            writer.write_record(&fields).map_err(csv_error)?;
            count += 1;
        }
        writer.flush().map_err(io_error(&path))?;
        counts.push((spec.table, count));
    }
    write_descriptor(conn, dir)?;
    Ok(counts)
}

/// Writes datapackage.json: the loaded data set's own descriptor with kb's resources. A file
/// loaded before kb kept descriptors gets a plain one, which `kb init --seed` accepts.
fn write_descriptor(conn: &Connection, dir: &Path) -> Result<()> {
    let stored: Option<String> = conn
        .query_row("SELECT descriptor FROM data_set WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let data_set = match stored.map(|text| serde_json::from_str(&text)) {
        Some(Ok(serde_json::Value::Object(map))) => map,
        _ => serde_json::json!({ "name": "knowledge-base", "title": "Knowledge base" })
            .as_object()
            .cloned()
            .unwrap_or_default(),
    };
    let descriptor = datapackage::descriptor(&data_set, conn)?;
    let path = dir.join(datapackage::FILE);
    let text = serde_json::to_string_pretty(&descriptor).map_err(|e| Error::Io {
        path: path.clone(),
        source: e.into(),
    })? + "\n";
    new_file(&path)?
        .write_all(text.as_bytes())
        .map_err(io_error(&path))
}

/// Writes one source's text to `sources/ID.txt` and returns that name. An id that is no
/// plain file name (a file edited by hand may hold one) is refused, never followed.
fn write_source_text(conn: &Connection, dir: &Path, id: &str) -> Result<String> {
    if let Some(problem) = seed::source_id_problem(id) {
        return Err(Error::Schema(format!(
            "the sources table holds a row that cannot be exported: {problem}"
        )));
    }
    let content: String =
        conn.query_row("SELECT content FROM sources WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let file = content_file(id);
    let target = dir.join(&file);
    new_file(&target)?
        .write_all(content.as_bytes())
        .map_err(io_error(&target))?;
    Ok(file)
}

/// A file that did not exist before: an export never writes through an existing name.
fn new_file(path: &Path) -> Result<fs::File> {
    fs::File::create_new(path).map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{self, BulkWrite};
    use crate::load::{load_seed, tables};
    use crate::seed::Seed;

    fn dump(conn: &Connection) -> Vec<String> {
        let mut all = Vec::new();
        for table in tables() {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
                .unwrap();
            let width = stmt.column_count();
            let rows: Vec<String> = stmt
                .query_map([], |r| {
                    let values: rusqlite::Result<Vec<String>> = (0..width)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect();
                    values.map(|v| format!("{table}: {}", v.join(" | ")))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            all.extend(rows);
        }
        all
    }

    #[test]
    fn an_export_loads_back_into_identical_content() {
        let mut original = db::open_in_memory().unwrap();
        db::migrate(&mut original).unwrap();
        load_seed(
            &mut original,
            &Seed::Embedded,
            BulkWrite::InPlace,
            &mut |_| {},
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("export");
        let counts = export(&original, &out).unwrap();
        assert!(counts.iter().all(|(_, n)| *n > 0));

        let mut copy = db::open_in_memory().unwrap();
        db::migrate(&mut copy).unwrap();
        load_seed(
            &mut copy,
            &Seed::Folder(out.clone()),
            BulkWrite::InPlace,
            &mut |_| {},
        )
        .unwrap();
        let (before, after) = (dump(&original), dump(&copy));
        assert!(before.len() > 150);
        assert_eq!(before, after);
    }

    #[test]
    fn a_folder_with_files_is_not_overwritten() {
        let conn = db::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = export(&conn, dir.path()).unwrap_err().to_string();
        assert!(err.contains("is not empty"), "{err}");
    }

    #[test]
    fn a_source_id_that_leaves_the_folder_is_refused_and_nothing_is_left() {
        let conn = crate::testing::loaded();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; UPDATE sources SET id = '../../victim' WHERE rowid = 1;",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a").join("export");
        fs::create_dir(dir.path().join("a")).unwrap();
        let err = export(&conn, &out).unwrap_err().to_string();
        assert!(
            err.contains("'../../victim' cannot be a source id"),
            "{err}"
        );
        let left: Vec<_> = fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(!dir.path().join("victim.txt").exists());
    }
}
