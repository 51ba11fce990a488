//! `kb sql`: reading works in every format; every kind of write is refused and changes nothing.

use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};

use predicates::prelude::*;

use crate::workdir::Workdir;

#[test]
fn a_select_prints_its_rows() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .args([
            "sql",
            "SELECT name, country_code FROM persons WHERE id LIKE '%duda' OR id LIKE '%nazarbayev' ORDER BY name",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout("name,country_code\nAndrzej Duda,PL\nNursultan Nazarbayev,KZ\n");
}

#[test]
fn the_query_can_come_from_stdin() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .args(["sql", "--format", "json"])
        .write_stdin("SELECT count(*) AS visits FROM events WHERE kind = 'visit';\n")
        .assert()
        .success()
        .stdout("[\n  {\"visits\":6}\n]\n");
}

#[test]
fn writes_are_refused_and_the_file_is_left_byte_for_byte_unchanged() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    for statement in [
        "DELETE FROM persons",
        "UPDATE figures SET value = 0",
        "INSERT INTO countries (code, name, kind, code_system, source_id, quote) VALUES ('XX', 'x', 'sovereign state', 'kb', 'x', 'xxxxxxxxxxxx')",
        "DROP TABLE events",
        "CREATE TABLE notes (x)",
        "CREATE VIEW v AS SELECT 1",
        "PRAGMA user_version = 7",
        "VACUUM",
        "REINDEX",
    ] {
        wd.kb()
            .args(["sql", statement])
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with("kb: error: kb sql only reads"));
        assert!(fs::read(&db).unwrap() == before, "{statement} changed the file");
    }
}

#[test]
fn a_second_statement_is_refused() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    wd.kb()
        .args(["sql", "SELECT 1; DELETE FROM persons"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("one statement at a time"));
    assert!(fs::read(&db).unwrap() == before, "the file changed");
}

#[test]
fn an_sql_error_is_one_clear_line() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .args(["sql", "SELECT * FROM nowhere"])
        .assert()
        .code(1)
        .stderr("kb: error: SQL error: no such table: nowhere\n");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let wd = Workdir::new();
    wd.init();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kb"))
        .current_dir(wd.path())
        .args([
            "sql",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000) SELECT i FROM n",
            "--format",
            "csv",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn attach_transactions_pragmas_and_extensions_are_refused_by_sqlite() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    for (statement, reason) in [
        (
            "ATTACH 'other.db' AS other",
            "ATTACH and DETACH are not allowed",
        ),
        (
            "BEGIN",
            "transactions (BEGIN, COMMIT, SAVEPOINT …) are not allowed",
        ),
        (
            "SAVEPOINT s",
            "transactions (BEGIN, COMMIT, SAVEPOINT …) are not allowed",
        ),
        (
            "PRAGMA query_only = 0",
            "PRAGMA query_only with a value changes settings and is not allowed",
        ),
        (
            "PRAGMA journal_mode = WAL",
            "PRAGMA journal_mode with a value changes settings and is not allowed",
        ),
        (
            "SELECT load_extension('evil')",
            "load_extension() is not allowed",
        ),
        (
            "VACUUM INTO 'copy.db'",
            "this statement would change the database",
        ),
        (
            "CREATE TEMP TABLE scratch (x)",
            "this statement would change the database",
        ),
    ] {
        wd.kb()
            .args(["sql", statement])
            .assert()
            .code(1)
            .stderr(format!(
                "kb: error: kb sql only reads: {reason}, so it was not run \
                 (change facts through the seed CSVs and kb init)\n"
            ));
        assert_eq!(
            fs::read(&db).unwrap(),
            before,
            "{statement} changed the file"
        );
    }
    assert!(!wd.path().join("other.db").exists());
    assert!(!wd.path().join("copy.db").exists());
}

#[test]
fn reading_pragmas_are_allowed() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .args([
            "sql",
            "SELECT name FROM pragma_table_info('persons') ORDER BY cid",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout("name\nid\nname\ncountry_code\nsource_id\nquote\n");
    wd.kb()
        .args(["sql", "PRAGMA foreign_keys", "--format", "csv"])
        .assert()
        .success()
        .stdout("foreign_keys\n1\n");
}

#[test]
fn a_runaway_query_is_stopped_after_the_timeout() {
    let wd = Workdir::new();
    wd.init();
    let started = std::time::Instant::now();
    wd.kb()
        .args([
            "sql",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
            "--timeout",
            "0.5",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "kb: error: the query ran longer than 0.5 s and was stopped; narrow it, or allow more time with --timeout SECONDS\n",
        ));
    // Generous: only proves the query did not run on unchecked.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn a_bad_timeout_is_a_usage_error() {
    let wd = Workdir::new();
    wd.kb()
        .args(["sql", "SELECT 1", "--timeout", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'0' is not a positive number of seconds",
        ));
}
