//! `kb migrate status`.

use crate::workdir::{stdout, Workdir};

#[test]
fn status_lists_every_migration_as_applied_after_init() {
    let wd = Workdir::new();
    wd.init();
    let output = wd
        .kb()
        .args(["migrate", "status", "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "version,name,state,applied_on");
    assert!(
        lines[1].starts_with("1,create_knowledge_base,applied,"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("2,create_report_views,applied,"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("3,create_exploration_views,applied,"),
        "{text}"
    );
    assert!(
        lines[4].starts_with("4,document_the_schema,applied,"),
        "{text}"
    );
    assert!(
        lines[5].starts_with("5,record_seed_origin_and_content,applied,"),
        "{text}"
    );
    assert!(
        lines[6].starts_with("6,search_every_fact,applied,"),
        "{text}"
    );
    assert!(
        lines[7].starts_with("7,describe_the_data_set_in_the_seed,applied,"),
        "{text}"
    );
    assert!(
        lines[8].starts_with("8,speak_of_the_loaded_data_set,applied,"),
        "{text}"
    );
    assert!(
        lines[9].starts_with("9,cite_editorial_values,applied,"),
        "{text}"
    );
    assert!(
        lines[10].starts_with("10,vocabularies_as_data,applied,"),
        "{text}"
    );
    assert!(
        lines[11].starts_with("11,describe_vocabulary_columns_generally,applied,"),
        "{text}"
    );
    assert!(
        lines[12].starts_with("12,refuse_impossible_signed_dates,applied,"),
        "{text}"
    );
    assert!(
        lines[13].starts_with("13,filter_trade_by_start_date,applied,"),
        "{text}"
    );
    assert!(
        lines[14].starts_with("14,find_events_running_into_years,applied,"),
        "{text}"
    );
    assert!(
        lines[15].starts_with("15,search_the_texts_where_they_are,applied,"),
        "{text}"
    );
    assert!(
        lines[16].starts_with("16,browse_the_search_index_in_rowid_order,applied,"),
        "{text}"
    );
    assert!(
        lines[17].starts_with("17,name_participants_by_their_role,applied,"),
        "{text}"
    );
    assert_eq!(lines.len(), 18);
}

/// A file as kb left it at schema version 1, holding rows a user added by hand.
fn file_at_version_1(wd: &Workdir) -> std::path::PathBuf {
    let path = wd.path().join("kb.db");
    let mut conn = kb::db::open(&path).unwrap();
    kb::db::migrate_to(&mut conn, 1).unwrap();
    conn.execute_batch(
        "INSERT INTO sources (id, title, content)
             VALUES ('my-notes', 'My notes', 'Aktobe is a city in western Kazakhstan.');
         INSERT INTO countries (code, name, kind, code_system, source_id, quote)
             VALUES ('KZ', 'Kazakhstan', 'sovereign state', 'ISO 3166-1', 'my-notes',
                     'Aktobe is a city in western Kazakhstan.');
         INSERT INTO places (id, name, kind, country_code, source_id, quote)
             VALUES ('aktobe', 'Aktobe', 'city', 'KZ', 'my-notes',
                     'Aktobe is a city in western Kazakhstan.');",
    )
    .unwrap();
    path
}

#[test]
fn an_old_file_upgrades_with_its_rows_intact() {
    let wd = Workdir::new();
    file_at_version_1(&wd);
    wd.kb()
        .args(["report", "trade"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "lacks migrations V2__create_report_views, V3__create_exploration_views, \
             V4__document_the_schema, V5__record_seed_origin_and_content, V6__search_every_fact, \
             V7__describe_the_data_set_in_the_seed, \
             V8__speak_of_the_loaded_data_set, V9__cite_editorial_values, \
             V10__vocabularies_as_data, V11__describe_vocabulary_columns_generally, \
             V12__refuse_impossible_signed_dates, V13__filter_trade_by_start_date, \
             V14__find_events_running_into_years, \
             V15__search_the_texts_where_they_are, \
             V16__browse_the_search_index_in_rowid_order, \
             V17__name_participants_by_their_role; run `kb migrate up`",
        ));
    wd.kb().args(["migrate", "up"]).assert().success().stdout(
        "migrations applied: V2__create_report_views, V3__create_exploration_views, \
             V4__document_the_schema, V5__record_seed_origin_and_content, V6__search_every_fact, \
             V7__describe_the_data_set_in_the_seed, V8__speak_of_the_loaded_data_set, \
             V9__cite_editorial_values, V10__vocabularies_as_data, \
             V11__describe_vocabulary_columns_generally, V12__refuse_impossible_signed_dates, \
             V13__filter_trade_by_start_date, V14__find_events_running_into_years, \
             V15__search_the_texts_where_they_are, \
             V16__browse_the_search_index_in_rowid_order, \
             V17__name_participants_by_their_role\n",
    );
    wd.kb()
        .args([
            "sql",
            "SELECT name FROM places WHERE id = 'aktobe'",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout("name\nAktobe\n");
    wd.kb()
        .args(["search", "western", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\nplace,aktobe,Aktobe,"));
    wd.kb().args(["report", "trade"]).assert().success();
    wd.kb()
        .args(["migrate", "up"])
        .assert()
        .success()
        .stdout("migrations: none pending\n");
}

#[test]
fn a_file_from_a_newer_kb_is_refused_and_left_untouched() {
    let wd = Workdir::new();
    let db = wd.init();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
         VALUES (99, 'from_the_future', '2030-01-01T00:00:00Z', '1')",
        [],
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    for args in [&["init"][..], &["migrate", "up"], &["report", "trade"]] {
        wd.kb()
            .args(args)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(
                "this file was built by a newer kb: its migration V99__from_the_future is unknown",
            ));
    }
    assert!(std::fs::read(&db).unwrap() == before, "the file changed");
}

/// V17 renames a participant's link to an event from 'took part as ROLE' to the role and
/// changes nothing else: over the shipped data set, V3's view with that renaming gives
/// V17's rows, and nothing is left over either way.
#[test]
fn v17_names_participants_by_their_role_and_keeps_every_fact() {
    let wd = Workdir::new();
    let conn = rusqlite::Connection::open(wd.init()).unwrap();
    let v3 = include_str!("../../migrations/V3__create_exploration_views.sql");
    let start = v3.find("CREATE VIEW v_facts AS").unwrap();
    let end = start + v3[start..].find("FROM aliases AS a;").unwrap();
    let as_in_v3 = v3[start..end].replacen("CREATE VIEW v_facts", "CREATE TEMP VIEW v3_facts", 1);
    conn.execute_batch(&format!("{as_in_v3} FROM aliases AS a;"))
        .unwrap();
    let renamed = "SELECT entity_kind, entity_id, \
                   CASE WHEN fact_table = 'events' AND relation LIKE 'took part as %' \
                   THEN substr(relation, 14) ELSE relation END, fact, fact_table, fact_id, \
                   start_date, end_date, date_precision, source_id, quote FROM v3_facts";
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM ({renamed} EXCEPT SELECT * FROM v_facts)"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM (SELECT * FROM v_facts EXCEPT {renamed})"
        )),
        0
    );
    assert_eq!(
        count("SELECT count(*) FROM v_facts"),
        count("SELECT count(*) FROM v3_facts")
    );
    assert_eq!(
        count("SELECT count(*) FROM v_facts WHERE relation LIKE 'took part%'"),
        0
    );
    assert!(count("SELECT count(*) FROM v_facts WHERE relation = 'met'") > 0);
}

/// A row left referring to nothing (written with foreign keys off) stops the upgrade, which
/// counts such rows in words.
#[test]
fn an_upgrade_that_would_keep_a_broken_reference_is_refused_in_words() {
    let wd = Workdir::new();
    let path = file_at_version_1(&wd);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO places (id, name, kind, country_code, source_id, quote)
             VALUES ('nowhere', 'Nowhere', 'city', 'ZZ', 'my-notes',
                     'Aktobe is a city in western Kazakhstan.');",
    )
    .unwrap();
    drop(conn);
    wd.kb()
        .args(["migrate", "up"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("after its migrations, 1 row of "))
        .stderr(predicates::str::contains(
            " refers to rows that do not exist; run `kb check` to see them",
        ));
}
