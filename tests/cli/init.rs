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
             V9__cite_editorial_values, V10__vocabularies_as_data\n"
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

/// Loads a copy of the seed with one file's text replaced, into a file that already holds the
/// shipped seed, and checks that the error names the place and the file stays as it was.
fn assert_seed_error(file: &str, edit: impl Fn(&str) -> String, expected: &str) {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    let seed = wd.copy_seed("bad-seed");
    let path = seed.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit must change {file}");
    fs::write(&path, edited).unwrap();
    let output = wd
        .kb()
        .args(["init", "--seed", "bad-seed"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("kb: error: "), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one sentence: {stderr}");
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "a failed load changed the file"
    );
}

#[test]
fn a_bad_date_is_reported_with_file_line_and_column() {
    assert_seed_error(
        "events.csv",
        |t| t.replace(",1997-11,", ",1997-13,"),
        "events.csv, line 13, column date: '1997-13' has month 13",
    );
    assert_seed_error(
        "events.csv",
        |t| t.replacen("2002-05-23/2002-05-26,,PL", "2002-05-26/2002-05-23,,PL", 1),
        "events.csv, line 15, column date: '2002-05-26/2002-05-23' ends before it starts",
    );
}

#[test]
fn a_reference_to_a_missing_row_is_reported_where_it_is_written() {
    assert_seed_error(
        "missions.csv",
        |t| t.replace("embassy,KZ,PL,warsaw", "embassy,KZ,PL,warszawa"),
        "missions.csv, line 2, column place_id: 'warszawa' is not the id of any row in places.csv",
    );
}

#[test]
fn a_quote_that_is_not_in_the_source_is_refused() {
    assert_seed_error(
        "figures.csv",
        |t| t.replace("exceeded $2.2 billion", "exceeded $2.3 billion"),
        "figures.csv, line 2, column quote: 'Trade turnover between the two countries exceeded $2.3 billion in 2014.' is not a verbatim passage",
    );
}

#[test]
fn a_duplicate_id_is_refused() {
    assert_seed_error(
        "persons.csv",
        |t| format!("{t}{}", t.lines().nth(1).unwrap().to_string() + "\n"),
        "persons.csv, line 9, column id: duplicate",
    );
}

#[test]
fn a_bad_number_is_refused() {
    assert_seed_error(
        "figures.csv",
        |t| t.replace(",2200000000,", ",\"2,2 bn\","),
        "figures.csv, line 2, column value: '2,2 bn' is not a plain number",
    );
}

#[test]
fn a_wrong_header_is_refused() {
    assert_seed_error(
        "places.csv",
        |t| t.replacen("country_code", "country", 1),
        "places.csv, line 1, column country: unknown column 'country'",
    );
}

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
