//! `kb init`: building the file, idempotency, the --db/KB_DB precedence, and seed errors.

use std::fs;

use predicates::prelude::*;

use crate::workdir::{stdout, Workdir};

/// The line `kb init` prints for a table's row count.
fn count_line(table: &str, rows: u64) -> String {
    format!("  {table:<20} {rows:>7}\n")
}

#[test]
fn init_builds_the_file_and_says_what_it_did() {
    let wd = Workdir::new();
    let output = wd.kb().arg("init").output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    let path = fs::canonicalize(wd.path().join("kb.db")).unwrap();
    assert!(
        text.starts_with(&format!("knowledge base: {}\n", path.display())),
        "{text}"
    );
    assert!(
        text.contains(
            "migrations applied: V1__create_knowledge_base, V2__create_report_views, \
             V3__create_exploration_views, V4__document_the_schema, \
             V5__record_seed_origin_and_content, V6__search_every_fact, \
             V7__describe_the_data_set_in_the_seed, V8__speak_of_the_loaded_data_set, \
             V9__cite_editorial_values, V10__vocabularies_as_data, \
             V11__describe_vocabulary_columns_generally, V12__refuse_impossible_signed_dates, \
             V13__filter_trade_by_start_date, V14__find_events_running_into_years, \
             V15__search_the_texts_where_they_are, \
             V16__browse_the_search_index_in_rowid_order, \
             V17__name_participants_by_their_role\n"
        ),
        "{text}"
    );
    assert!(text.contains("seed loaded from the seed built into kb"));
    assert!(text.contains(&count_line("events", 21)), "{text}");
    assert!(text.contains(&count_line("persons", 7)), "{text}");
    assert!(output.stderr.is_empty());
}

#[test]
fn timings_name_every_step_and_table_of_the_load() {
    let wd = Workdir::new();
    let plain = stdout(&wd.kb().arg("init").output().unwrap());
    assert!(!plain.contains("time per step"), "{plain}");
    fs::remove_file(wd.path().join("kb.db")).unwrap();
    let output = wd.kb().args(["init", "--timings"]).output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    let steps: Vec<&str> = text
        .split("time per step:\n")
        .nth(1)
        .expect("a timings section")
        .lines()
        .map(|line| {
            let (step, seconds) = line.trim().rsplit_once("  ").expect("a step and its time");
            assert!(seconds.trim().ends_with(" s"), "{line}");
            seconds
                .trim()
                .trim_end_matches(" s")
                .parse::<f64>()
                .expect("seconds");
            step.trim()
        })
        .collect();
    for step in [
        "open, migrate, read sources",
        "load sources",
        "load events",
        "load decoration_awards",
        "build indexes",
        "check references",
        "wait for the search index",
        "copy the search index in",
        "commit",
    ] {
        assert!(steps.contains(&step), "{step} missing from {steps:?}");
    }
    // A second init loads nothing, so there is nothing to time.
    let again = stdout(&wd.kb().args(["init", "--timings"]).output().unwrap());
    assert!(!again.contains("time per step"), "{again}");
}

#[test]
fn a_second_init_changes_nothing() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    let output = wd.kb().arg("init").output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("migrations: none pending\n"), "{text}");
    assert!(text.contains("seed unchanged"), "{text}");
    assert!(text.contains("nothing written"), "{text}");
    assert!(text.contains(&count_line("events", 21)), "{text}");
    assert!(fs::read(&db).unwrap() == before, "the file changed");
}

#[test]
fn the_flag_overrides_the_environment_which_overrides_the_default() {
    let wd = Workdir::new();
    wd.kb()
        .args(["init"])
        .env("KB_DB", "from-env.db")
        .assert()
        .success();
    assert!(wd.path().join("from-env.db").exists());
    assert!(!wd.path().join("kb.db").exists());
    wd.kb()
        .args(["--db", "from-flag.db", "init"])
        .env("KB_DB", "from-env.db")
        .assert()
        .success();
    assert!(wd.path().join("from-flag.db").exists());
    assert!(!wd.path().join("kb.db").exists());
}

#[test]
fn init_loads_a_seed_folder_of_the_same_layout() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("my-seed");
    let places = seed.join("places.csv");
    let mut text = fs::read_to_string(&places).unwrap();
    text.push_str("aktobe,Aktobe,city,KZ,wikipedia-kazakhstan-poland-relations,\"Kazakhstan has an embassy in Warsaw.\"\n");
    fs::write(&places, text).unwrap();
    wd.kb()
        .args(["init", "--seed", "my-seed"])
        .assert()
        .success()
        .stdout(predicate::str::contains(count_line("places", 14)));
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
}

// The seed's mistakes, one by one, are tested in load.rs (exact message, file untouched).

#[test]
fn a_missing_seed_folder_is_named() {
    let wd = Workdir::new();
    wd.kb()
        .args(["init", "--seed", "no-such-folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-folder: is not a folder"));
    assert!(
        !wd.path().join("kb.db").exists(),
        "a failed first build left a file"
    );
}
