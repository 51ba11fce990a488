//! The file documents itself: every table, view and column of a freshly built kb.db has a row
//! in kb_tables / kb_columns and nothing else does, and `kb describe` and
//! `kb datasette-metadata` print that documentation.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::Connection;
use tempfile::TempDir;

/// `kb --db DIR/kb.db …`, with KB_DB cleared so only the flag counts.
fn kb(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kb").expect("the kb binary");
    cmd.current_dir(db.parent().unwrap())
        .env_remove("KB_DB")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db);
    cmd
}

/// A folder holding a kb.db built by `kb init` from the seed inside kb.
fn built() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("kb.db");
    kb(&db).arg("init").assert().success();
    (dir, db)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// Every table and view as SQLite reports it, with its kind in kb_tables' words: SQLite's own
/// tables and the shadow tables of FTS5 indexes left out.
fn schema_tables(conn: &Connection) -> BTreeSet<(String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT name, CASE type WHEN 'virtual' THEN 'virtual table' ELSE type END
             FROM pragma_table_list
             WHERE schema = 'main' AND type IN ('table', 'view', 'virtual')
               AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// Every column of every table and view, as pragma_table_info names them.
fn schema_columns(
    conn: &Connection,
    tables: &BTreeSet<(String, String)>,
) -> BTreeSet<(String, String)> {
    let mut columns = BTreeSet::new();
    for (table, _) in tables {
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap();
        let names = stmt.query_map([table], |r| r.get::<_, String>(0)).unwrap();
        for name in names {
            columns.insert((table.clone(), name.unwrap()));
        }
    }
    columns
}

fn pairs(conn: &Connection, sql: &str) -> BTreeSet<(String, String)> {
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// What is in `a` but not in `b`.
fn missing(a: &BTreeSet<(String, String)>, b: &BTreeSet<(String, String)>) -> Vec<String> {
    a.difference(b).map(|(x, y)| format!("{x}.{y}")).collect()
}

#[test]
fn every_table_view_and_column_is_documented_and_nothing_else() {
    let (_dir, db) = built();
    let conn = Connection::open(&db).unwrap();

    let tables = schema_tables(&conn);
    for shadow in [
        "search_data",
        "search_idx",
        "search_content",
        "search_docsize",
        "search_config",
    ] {
        assert!(
            !tables.iter().any(|(t, _)| t == shadow),
            "{shadow} is not left out"
        );
    }
    let documented = pairs(&conn, "SELECT name, kind FROM kb_tables");
    assert_eq!(
        missing(&tables, &documented),
        Vec::<String>::new(),
        "tables or views (name.kind) without a kb_tables row of that kind; \
         the migration that made them must document them"
    );
    assert_eq!(
        missing(&documented, &tables),
        Vec::<String>::new(),
        "kb_tables rows (name.kind) for tables or views the file does not have"
    );

    let columns = schema_columns(&conn, &tables);
    let documented = pairs(&conn, "SELECT table_name, column_name FROM kb_columns");
    assert_eq!(
        missing(&columns, &documented),
        Vec::<String>::new(),
        "columns without a kb_columns row; the migration that made them must document them"
    );
    assert_eq!(
        missing(&documented, &columns),
        Vec::<String>::new(),
        "kb_columns rows for columns the file does not have"
    );

    let blank: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM kb_tables WHERE trim(description) = '')
                  + (SELECT count(*) FROM kb_columns WHERE trim(description) = ''
                        OR trim(unit) = '' OR trim(example) = '')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(blank, 0, "documentation rows with blank text");
}

#[test]
fn the_dataset_names_its_title_source_licence_and_kb() {
    let (_dir, db) = built();
    let conn = Connection::open(&db).unwrap();
    let rows = pairs(
        &conn,
        "SELECT key, coalesce(value, 'NULL') FROM kb_dataset WHERE key <> 'description'",
    );
    let get = |key: &str| {
        rows.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("kb_dataset has no {key}"))
    };
    assert_eq!(get("title"), "Kazakhstan–Poland relations knowledge base");
    assert_eq!(get("licence"), "CC BY-SA 4.0");
    assert_eq!(
        get("licence_url"),
        "https://creativecommons.org/licenses/by-sa/4.0/"
    );
    assert_eq!(
        get("source_url"),
        "https://en.wikipedia.org/wiki/Kazakhstan%E2%80%93Poland_relations"
    );
    assert!(get("source").starts_with("Kazakhstan–Poland relations"));
    // The loader records the kb that loaded the seed, beside the seed's digest.
    assert_eq!(get("kb_version"), env!("CARGO_PKG_VERSION"));
}

#[test]
fn describe_lists_the_dataset_and_every_table_and_view() {
    let (_dir, db) = built();
    let tables = schema_tables(&Connection::open(&db).unwrap());
    let output = kb(&db)
        .args(["describe", "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["name", "kind", "description"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let listed: BTreeSet<(String, String)> = rows
        .iter()
        .filter(|r| &r[1] != "dataset")
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert_eq!(listed, tables);
    assert!(rows.iter().all(|r| !r[2].is_empty()), "{text}");
    assert!(
        rows.iter()
            .any(|r| &r[0] == "licence" && &r[1] == "dataset" && &r[2] == "CC BY-SA 4.0"),
        "{text}"
    );
    assert_eq!(&rows[0][0], "title", "the data set comes first: {text}");
}

#[test]
fn describe_table_lists_every_column_with_its_meaning() {
    let (_dir, db) = built();
    let conn = Connection::open(&db).unwrap();
    let expected: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('events') ORDER BY cid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let output = kb(&db)
        .args(["describe", "events", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["name"], "events");
    assert_eq!(rows[0]["type"], "table");
    let columns: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(columns, expected);
    assert!(rows.iter().all(|r| r["description"].is_string()));
    let start = rows.iter().find(|r| r["name"] == "start_date").unwrap();
    assert_eq!(start["type"], "TEXT");
    assert_eq!(start["unit"], "ISO 8601 date at the stated precision");
    // The example is the loaded data set's own: the first event's start date.
    assert_eq!(start["example"], "1939");

    // Every format prints the same rows.
    for format in ["table", "markdown"] {
        let output = kb(&db)
            .args(["describe", "events", "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success());
        let text = stdout(&output);
        assert!(text.contains("parent_event_id"), "{format}: {text}");
    }
}

#[test]
fn describe_an_unknown_table_fails_with_one_line() {
    let (_dir, db) = built();
    let output = kb(&db).args(["describe", "nosuch"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("kb: error: there is no table or view 'nosuch'"),
        "{stderr}"
    );
    let output = kb(&db).args(["describe", "evnts"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("events"),
        "the nearest name is given: {stderr}"
    );
}

#[test]
fn datasette_metadata_carries_licence_source_and_every_description() {
    let (_dir, db) = built();
    let conn = Connection::open(&db).unwrap();
    let tables = schema_tables(&conn);
    let columns = schema_columns(&conn, &tables);
    let output = kb(&db).arg("datasette-metadata").output().unwrap();
    assert!(output.status.success());
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        metadata["title"],
        "Kazakhstan–Poland relations knowledge base"
    );
    assert_eq!(metadata["license"], "CC BY-SA 4.0");
    assert_eq!(
        metadata["license_url"],
        "https://creativecommons.org/licenses/by-sa/4.0/"
    );
    assert_eq!(
        metadata["source_url"],
        "https://en.wikipedia.org/wiki/Kazakhstan%E2%80%93Poland_relations"
    );
    assert!(metadata["description"].as_str().unwrap().len() > 50);
    // Datasette names the database after the file: kb.db is `kb`.
    let documented = metadata["databases"]["kb"]["tables"]
        .as_object()
        .expect("databases.kb.tables");
    for (table, _) in &tables {
        let description = documented[table]["description"].as_str();
        assert!(
            description.is_some_and(|d| !d.is_empty()),
            "{table} has no description"
        );
    }
    for (table, column) in &columns {
        assert!(
            documented[table]["columns"][column].is_string(),
            "{table}.{column} has no description"
        );
    }
}

#[test]
fn datasette_metadata_is_written_to_a_file_named_after_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("relations.db");
    kb(&db).arg("init").assert().success();
    let file = dir.path().join("metadata.json");
    kb(&db)
        .args(["datasette-metadata", "--output"])
        .arg(&file)
        .assert()
        .success();
    let metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(metadata["databases"]["relations"]["tables"]["events"]["description"].is_string());
}

#[test]
fn a_file_with_a_large_search_index_is_opened_without_facet_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    kb(&db).arg("init").assert().success();
    let file = dir.path().join("metadata.json");
    let hint = |db: &Path| {
        let output = kb(db)
            .args(["datasette-metadata", "--output"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        stdout(&output)
    };
    let small = hint(&db);
    assert!(!small.contains("--setting"), "{small}");
    // Entries stand in for a large load: Datasette's suggestions would count them all.
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000)
             INSERT INTO search_entries (search_rowid, folded) SELECT 1000000000 + i, '' FROM n;",
        )
        .unwrap();
    let expected = format!(" -m {} --setting suggest_facets off\n", file.display());
    let hinted = hint(&db);
    assert!(hinted.ends_with(&expected), "{hinted}");
}

#[test]
fn reading_the_documentation_leaves_the_file_byte_for_byte_the_same() {
    // (tests/cli/init.rs checks that a second init changes nothing.)
    let (_dir, db) = built();
    let before = std::fs::read(&db).unwrap();
    kb(&db).arg("describe").assert().success();
    kb(&db).arg("datasette-metadata").assert().success();
    assert!(std::fs::read(&db).unwrap() == before, "the file changed");
}

/// The start of the line that opens a generated block of docs/schema.md, before its name.
const BLOCK_START: &str = "<!-- kb describe ";
const BLOCK_END: &str = "<!-- end of kb describe ";

/// `kb describe NAME --format markdown` of the built file.
fn described(db: &Path, name: &str) -> String {
    let output = kb(db)
        .args(["describe", name, "--format", "markdown"])
        .output()
        .unwrap();
    assert!(output.status.success(), "kb describe {name}");
    stdout(&output)
}

/// docs/schema.md with every generated block filled from the file, and the names of the
/// blocks in it.
fn schema_document_from(db: &Path, document: &str) -> (String, BTreeSet<String>) {
    let (mut out, mut rest, mut names) = (String::new(), document, BTreeSet::new());
    while let Some(start) = rest.find(BLOCK_START) {
        let line_end = start + rest[start..].find('\n').expect("a marker line ends");
        let name = rest[start + BLOCK_START.len()..line_end]
            .split(':')
            .next()
            .unwrap()
            .to_string();
        let end_marker = format!("{BLOCK_END}{name} -->");
        let end = rest
            .find(&end_marker)
            .unwrap_or_else(|| panic!("docs/schema.md: the block of {name} has no end marker"));
        out.push_str(&rest[..=line_end]);
        // Blank lines around the table keep the markers out of it in every Markdown reader.
        out.push('\n');
        out.push_str(&described(db, &name));
        out.push('\n');
        rest = &rest[end..];
        names.insert(name);
    }
    out.push_str(rest);
    (out, names)
}

#[test]
fn the_schema_document_shows_what_the_file_describes() {
    let (_dir, db) = built();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md");
    let document = std::fs::read_to_string(&path).unwrap();
    let (generated, documented) = schema_document_from(&db, &document);
    let rewrite = std::env::var_os("KB_WRITE_DOCS").is_some();
    if rewrite {
        std::fs::write(&path, &generated).unwrap();
    }
    let conn = Connection::open(&db).unwrap();
    let tables: BTreeSet<String> = schema_tables(&conn)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let undocumented: Vec<&String> = tables.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "docs/schema.md has no block for {undocumented:?}: add `{BLOCK_START}NAME: …-->` and \
         `{BLOCK_END}NAME -->` lines under its heading"
    );
    let stale = (!rewrite)
        .then(|| {
            document
                .lines()
                .zip(generated.lines())
                .position(|(was, is)| was != is)
                .or((document.lines().count() != generated.lines().count()).then_some(0))
        })
        .flatten();
    if let Some(line) = stale {
        panic!(
            "docs/schema.md is stale from line {}: KB_WRITE_DOCS=1 cargo test --test describe \
             rewrites its generated blocks from the file",
            line + 1
        );
    }
}
