//! `kb check`: silent success on the shipped file, one line per planted problem otherwise.

use predicates::prelude::*;
use rusqlite::Connection;

use crate::workdir::Workdir;

#[test]
fn the_shipped_knowledge_base_passes() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::is_match(
            r"^ok: kb.db has no problems \(\d+ rows, \d+ quotes, \d+ dates, 17 migrations checked; integrity, foreign keys and CHECK rules ok\)\n$",
        ).unwrap());
}

#[test]
fn planted_problems_are_each_reported_with_table_row_and_column() {
    let wd = Workdir::new();
    let db = wd.init();
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         PRAGMA ignore_check_constraints = ON;
         DELETE FROM persons WHERE id = 'leszek-miller';
         UPDATE events SET quote = 'Nazarbayev visited Poland on four occasions.'
           WHERE id = 'visit-nazarbayev-poland-1997';
         UPDATE figures SET start_date = '2014-02-30', end_date = '2014-02-30', date_precision = 'day'
           WHERE id = 'trade-turnover-2014';
         UPDATE places SET name = '' WHERE id = 'almaty';
         UPDATE refinery_schema_history SET checksum = '42' WHERE version = 1;",
    )
    .unwrap();
    drop(conn);
    let output = wd.kb().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let expected = [
        "event_participants, row 18, column person_id: 'leszek-miller' is not in persons",
        "person_offices, row 7, column person_id: 'leszek-miller' is not in persons",
        "events, row visit-nazarbayev-poland-1997, column quote: the quote is not a verbatim passage of source 'wikipedia-kazakhstan-poland-relations'",
        "figures, row trade-turnover-2014, column start_date: '2014-02-30' has day 30, but 2014-02 has 28 days",
        "figures, row trade-turnover-2014, column end_date: '2014-02-30' has day 30, but 2014-02 has 28 days",
        "places, row almaty, column name: breaks the rule `name <> ''`",
        "refinery_schema_history: migration V1__create_knowledge_base applied to this file differs from the one built into kb (a shipped migration was edited); the file was left untouched",
        "places: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
        "persons: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
        "events: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
        "figures: rows were changed in the file since the seed was loaded; `kb init` loads the seed again",
    ];
    for line in expected {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }
    assert_eq!(stdout.lines().count(), expected.len(), "{stdout}");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "kb: error: kb check found 11 problems\n"
    );
}

#[test]
fn a_missing_file_is_not_created() {
    let wd = Workdir::new();
    wd.kb()
        .arg("check")
        .assert()
        .code(1)
        .stderr("kb: error: kb.db does not exist; run `kb init` to create it\n");
    assert!(!wd.path().join("kb.db").exists());
}
