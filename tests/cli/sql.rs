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
    // SQLite calls journal_mode a write even when it only reports.
    wd.kb()
        .args(["sql", "PRAGMA journal_mode", "--format", "csv"])
        .assert()
        .success()
        .stdout("journal_mode\ndelete\n");
}

#[test]
fn pragmas_that_act_are_refused_by_kb_itself_also_as_table_functions() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    for (statement, pragma) in [
        ("PRAGMA optimize", "optimize"),
        ("PRAGMA shrink_memory", "shrink_memory"),
        ("PRAGMA wal_checkpoint", "wal_checkpoint"),
        ("PRAGMA incremental_vacuum", "incremental_vacuum"),
        ("SELECT * FROM pragma_optimize", "optimize"),
    ] {
        wd.kb()
            .args(["sql", statement, "--format", "csv"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!(
                "kb: error: kb sql only reads: PRAGMA {pragma} does more than read and is not \
                 allowed, so it was not run (change facts through the seed CSVs and kb init)\n"
            ));
        assert!(
            fs::read(&db).unwrap() == before,
            "{statement} changed the file"
        );
    }
}

#[test]
fn a_nul_in_the_sql_is_refused_instead_of_cutting_the_statement_short() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .args(["sql"])
        .write_stdin("SELECT 1;\0 DELETE FROM persons")
        .assert()
        .code(1)
        .stdout("")
        .stderr("kb: error: the SQL holds a NUL character at character 10; remove it\n");
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

/// Reads the first line `kb sql` prints, closes the pipe, and returns how the command ended.
fn first_line_then_close(wd: &Workdir, args: &[&str]) -> (String, std::process::Output) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kb"))
        .current_dir(wd.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).unwrap();
    (line, child.wait_with_output().unwrap())
}

#[test]
fn every_format_streams_so_a_reader_that_stops_early_ends_it_at_once() {
    let wd = Workdir::new();
    wd.init();
    // Endless rows: only a format that prints as it reads shows a first line.
    let endless =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x, 'abc' FROM c";
    for (format, first) in [
        ("table", "┌──"),
        ("csv", "x,'abc'\n"),
        ("json", "[\n"),
        ("markdown", "| x | 'abc' |\n"),
    ] {
        let started = std::time::Instant::now();
        let (line, output) = first_line_then_close(
            &wd,
            &["sql", endless, "--format", format, "--timeout", "20"],
        );
        assert!(line.starts_with(first), "{format}: {line}");
        assert!(output.status.success(), "{format}: {:?}", output.status);
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}");
        assert!(
            started.elapsed().as_secs() < 10,
            "{format} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn control_characters_in_the_data_are_shown_escaped_not_sent_to_the_terminal() {
    let wd = Workdir::new();
    wd.init();
    let hostile = "SELECT 'a' || char(27) || '[2J' || char(13) || 'b' || char(10) || 'c' || \
                   char(155) AS \"t\u{7}\"";
    wd.kb()
        .args(["sql", hostile, "--format", "csv"])
        .assert()
        .success()
        .stdout("t\\u{7}\n\"a\\u{1b}[2J\\u{d}b\nc\\u{9b}\"\n");
    wd.kb()
        .args(["sql", hostile, "--format", "markdown"])
        .assert()
        .success()
        .stdout("| t\\u{7} |\n| --- |\n| a\\u{1b}[2J<br>b<br>c\\u{9b} |\n");
    wd.kb()
        .args(["sql", hostile, "--format", "table"])
        .assert()
        .success()
        .stdout(
            "┌──────────────────┐\n\
             │ t\\u{7}           │\n\
             ╞══════════════════╡\n\
             │ a\\u{1b}[2J\\u{d}b │\n\
             │ c\\u{9b}          │\n\
             └──────────────────┘\n",
        );
    // JSON escapes control characters itself.
    wd.kb()
        .args(["sql", hostile, "--format", "json"])
        .assert()
        .success()
        .stdout("[\n  {\"t\\u0007\":\"a\\u001b[2J\\rb\\nc\u{9b}\"}\n]\n");
}

#[test]
fn json_keeps_every_column_of_a_repeated_name() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .args(["sql", "SELECT 1 AS a, 2 AS a, 3 AS a_2", "--format", "json"])
        .assert()
        .success()
        .stdout("[\n  {\"a\":1,\"a_3\":2,\"a_2\":3}\n]\n");
}

#[test]
fn json_refuses_infinity_instead_of_writing_null() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .args(["sql", "SELECT 1e999 AS big", "--format", "json"])
        .assert()
        .code(1)
        .stderr(
            "kb: error: row 1, column 'big' holds inf, which JSON has no number for; \
             --format csv prints it\n",
        );
    wd.kb()
        .args(["sql", "SELECT -1e999 AS big", "--format", "csv"])
        .assert()
        .success()
        .stdout("big\n-inf\n");
}

#[test]
fn a_timeout_too_long_or_not_a_number_is_a_usage_error_not_a_panic() {
    let wd = Workdir::new();
    for (value, message) in [
        (
            "1e300",
            "'1e300' seconds is longer than kb waits; give at most 86400 (one day)",
        ),
        (
            "86400.5",
            "'86400.5' seconds is longer than kb waits; give at most 86400 (one day)",
        ),
        ("inf", "'inf' is not a positive number of seconds"),
        ("NaN", "'NaN' is not a positive number of seconds"),
        ("-3", "'-3' is not a positive number of seconds"),
    ] {
        wd.kb()
            .args(["sql", "SELECT 1", &format!("--timeout={value}")])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    wd.kb()
        .args(["sql", "SELECT 1", "--timeout", "86400", "--format", "csv"])
        .assert()
        .success()
        .stdout("1\n1\n");
}
