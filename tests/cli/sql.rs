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
        assert_eq!(fs::read(&db).unwrap(), before, "{statement} changed the file");
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
    assert_eq!(fs::read(&db).unwrap(), before);
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
