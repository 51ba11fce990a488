//! No input can hurt the facts: paths that SQLite would misread, output files that are the
//! knowledge base, files kb did not make, schemas and rows changed outside kb, and a bare
//! `kb init` over another seed's facts. Each is refused with one sentence, leaving every file
//! byte for byte as it was.

use std::fs;
use std::path::Path;

use rusqlite::Connection;

use crate::workdir::Workdir;

/// The names in a folder, sorted, to show that a refused command left nothing behind.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_db_path_that_sqlite_would_read_as_a_uri_is_refused() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    let refusal = "kb: error: --db 'file:kb.db?nolock=1' looks like an SQLite URI; kb takes a \
                   plain file path (for a file whose name really starts with file:, write \
                   ./file:…)\n";
    wd.kb()
        .args(["--db", "file:kb.db?nolock=1", "init"])
        .assert()
        .code(1)
        .stderr(refusal);
    wd.kb()
        .env("KB_DB", "file:kb.db?nolock=1")
        .args(["report", "trade"])
        .assert()
        .code(1)
        .stderr(refusal);
    assert_eq!(fs::read(&db).unwrap(), before);
    assert_eq!(listing(wd.path()), ["kb.db"]);
}

#[test]
fn a_file_whose_name_starts_with_file_colon_is_a_plain_file() {
    let wd = Workdir::new();
    wd.kb()
        .args(["--db", "./file:kb.db?nolock=1", "init"])
        .assert()
        .success();
    assert_eq!(listing(wd.path()), ["file:kb.db?nolock=1"]);
}

#[test]
fn memory_and_a_dangling_link_are_refused() {
    let wd = Workdir::new();
    wd.kb()
        .args(["--db", ":memory:", "sql", "SELECT 1"])
        .assert()
        .code(1)
        .stderr(
            "kb: error: --db ':memory:' is SQLite's name for an in-memory database; kb keeps \
             its knowledge base in a file: give a file path such as kb.db\n",
        );
    std::os::unix::fs::symlink("elsewhere/kb.db", wd.path().join("kb.db")).unwrap();
    wd.kb().arg("init").assert().code(1).stderr(
        "kb: error: --db 'kb.db' is a symbolic link to elsewhere/kb.db, which does not \
             exist; kb does not replace a link with a file: create the target or give another \
             path\n",
    );
    assert!(fs::symlink_metadata(wd.path().join("kb.db"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(listing(wd.path()), ["kb.db"]);
}

#[test]
fn a_link_to_a_knowledge_base_is_followed_not_replaced() {
    let wd = Workdir::new();
    fs::create_dir(wd.path().join("data")).unwrap();
    wd.kb()
        .args(["--db", "data/kb.db", "init"])
        .assert()
        .success();
    std::os::unix::fs::symlink("data/kb.db", wd.path().join("kb.db")).unwrap();
    wd.kb().args(["init", "--force"]).assert().success();
    assert!(fs::symlink_metadata(wd.path().join("kb.db"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn metadata_is_never_written_over_the_knowledge_base() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    for target in ["kb.db", "./kb.db", "kb.db-journal"] {
        wd.kb()
            .args(["datasette-metadata", "--output", target])
            .assert()
            .code(1)
            .stderr(format!(
                "kb: error: --output {target} is the knowledge base kb.db or its journal; \
                 writing there would destroy it: give another file\n"
            ));
    }
    assert_eq!(fs::read(&db).unwrap(), before);
    assert_eq!(listing(wd.path()), ["kb.db"]);
}

#[test]
fn a_file_kb_did_not_make_is_left_untouched() {
    let wd = Workdir::new();
    let db = wd.path().join("kb.db");
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE persons (name TEXT); CREATE TABLE notes (body TEXT);")
        .unwrap();
    let before = fs::read(&db).unwrap();
    let refusal = format!(
        "kb: error: {} is a SQLite file kb did not make (it holds notes, persons); kb works \
         only on files it made, and left it untouched: give another --db path\n",
        fs::canonicalize(&db).unwrap().display()
    );
    for args in [
        &["init"][..],
        &["migrate", "up"],
        &["report", "trade"],
        &["check"],
    ] {
        wd.kb().args(args).assert().code(1).stderr(refusal.clone());
    }
    wd.kb().args(["init", "--force"]).assert().code(1).stderr(
        "kb: error: kb.db is not a knowledge base kb made (it has no migration history); \
             --force replaces only kb's own files: give another --db path\n",
    );
    assert_eq!(fs::read(&db).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_named() {
    let wd = Workdir::new();
    fs::write(
        wd.path().join("kb.db"),
        "my notes, not a database\n".repeat(100),
    )
    .unwrap();
    wd.kb().args(["report", "trade"]).assert().code(1).stderr(
        "kb: error: kb.db is not an SQLite database (or is damaged or encrypted); give the \
             path of a kb knowledge base (file is not a database)\n",
    );
}

#[test]
fn a_trigger_added_outside_kb_stops_the_load_and_check_names_it() {
    let wd = Workdir::new();
    let db = wd.init();
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER inflate AFTER INSERT ON figures BEGIN
                 UPDATE figures SET value = value * 1000 WHERE rowid = new.rowid;
             END;",
        )
        .unwrap();
    let before = fs::read(&db).unwrap();
    let seed = wd.copy_seed("seed");
    fs::write(seed.join("memberships.csv"), {
        let text = fs::read_to_string(seed.join("memberships.csv")).unwrap();
        text.lines().take(2).collect::<Vec<_>>().join("\n") + "\n"
    })
    .unwrap();
    let stderr = wd
        .kb()
        .args(["init", "--seed", "seed"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert_eq!(
        String::from_utf8(stderr).unwrap(),
        format!(
            "kb: error: {} was changed outside kb (trigger inflate was added; kb did not make \
             it); kb writes nothing into it: `kb init --force` rebuilds it from its seed\n",
            fs::canonicalize(&db).unwrap().display()
        )
    );
    assert_eq!(fs::read(&db).unwrap(), before);
    wd.kb()
        .arg("check")
        .assert()
        .code(1)
        .stdout("(schema): trigger inflate was added; kb did not make it\n");
    wd.kb().args(["init", "--force"]).assert().success();
    wd.kb().arg("check").assert().success();
    let trade = wd
        .kb()
        .args(["report", "trade", "--format", "csv"])
        .output();
    assert!(!String::from_utf8(trade.unwrap().stdout)
        .unwrap()
        .contains("2200000000000"));
}

#[test]
fn check_names_dropped_replaced_and_added_objects() {
    let wd = Workdir::new();
    let db = wd.init();
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP INDEX events_parent;
             DROP VIEW v_trade;
             CREATE VIEW v_trade AS SELECT 1 AS value;
             DROP VIEW v_missions;
             CREATE TABLE my_notes (body TEXT);",
        )
        .unwrap();
    wd.kb().arg("check").assert().code(1).stdout(
        "(schema): index events_parent is missing\n\
         (schema): view v_missions is missing\n\
         (schema): view v_trade differs from the one kb makes\n\
         (schema): table my_notes was added; kb did not make it\n",
    );
}

#[test]
fn rows_edited_in_the_file_are_noticed_and_restored() {
    let wd = Workdir::new();
    let db = wd.init();
    Connection::open(&db)
        .unwrap()
        .execute("UPDATE figures SET value = 123456789", [])
        .unwrap();
    wd.kb().arg("check").assert().code(1).stdout(
        "figures: rows were changed in the file since the seed was loaded; `kb init` loads the \
         seed again\n",
    );
    let output = wd.kb().arg("init").output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "rows of figures were changed in the file since the seed was loaded; loading the \
             seed again restored them\n"
        ),
        "{stdout}"
    );
    wd.kb().arg("check").assert().success();
    let edited: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM figures WHERE value = 123456789",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(edited, 0);
}

#[test]
fn a_bare_init_does_not_replace_another_seeds_facts() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("my-seed");
    fs::write(
        seed.join("memberships.csv"),
        "country_code,organization_id,source_id,quote\n",
    )
    .unwrap();
    wd.kb()
        .args(["init", "--seed", "my-seed"])
        .assert()
        .success();
    let db = wd.path().join("kb.db");
    let before = fs::read(&db).unwrap();
    wd.kb().arg("init").assert().code(1).stderr(format!(
        "kb: error: {} holds facts loaded from the seed folder {}; `kb init` without --seed \
         would replace them with the seed built into kb: give --seed DIR to load a folder, or \
         --force to replace them\n",
        fs::canonicalize(&db).unwrap().display(),
        fs::canonicalize(&seed).unwrap().display()
    ));
    assert_eq!(fs::read(&db).unwrap(), before);
    wd.kb()
        .args(["init", "--seed", "my-seed"])
        .assert()
        .success();
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "the same seed writes nothing"
    );
    wd.kb().args(["init", "--force"]).assert().success();
    let memberships: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM memberships", [], |r| r.get(0))
        .unwrap();
    assert!(memberships > 0);
}

#[test]
fn an_unreadable_migration_history_is_one_sentence_not_a_panic() {
    let wd = Workdir::new();
    let db = wd.init();
    Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE refinery_schema_history SET applied_on = 'yesterday' WHERE version = 1",
            [],
        )
        .unwrap();
    let before = fs::read(&db).unwrap();
    for args in [&["init"][..], &["report", "trade"], &["migrate", "status"]] {
        wd.kb().args(args).assert().code(1).stderr(format!(
            "kb: error: the migration history of {} was edited: the row of version 1 in \
             refinery_schema_history is not one a migration writes (its applied_on \
             'yesterday' is not an RFC 3339 time); kb leaves the file untouched\n",
            fs::canonicalize(&db).unwrap().display()
        ));
    }
    assert_eq!(fs::read(&db).unwrap(), before);
}

#[test]
fn a_full_disk_is_one_sentence_not_a_panic() {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("kb"))
        .args(["completions", "bash"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "kb: error: standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn an_export_that_fails_leaves_no_folder_behind() {
    let wd = Workdir::new();
    let db = wd.init();
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             UPDATE sources SET id = '/victim' WHERE id = 'kb-editors-names';",
        )
        .unwrap();
    wd.kb().args(["export", "out"]).assert().code(1).stderr(
        "kb: error: the sources table holds a row that cannot be exported: '/victim' cannot \
             be a source id; kb export writes a source's text to sources/ID.txt, so an id is \
             made of letters, digits, '-', '_' and '.' and does not start with '.'\n",
    );
    assert_eq!(listing(wd.path()), ["kb.db"]);
}

#[test]
fn a_locked_file_is_named_with_what_to_do() {
    let wd = Workdir::new();
    let db = wd.init();
    let holder = Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM memberships;")
        .unwrap();
    let output = wd.kb().args(["report", "trade"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "kb: error: kb.db is locked by another program that is writing to it; try again when \
         it has finished (database is locked)\n"
    );
    holder.execute_batch("ROLLBACK").unwrap();
}
