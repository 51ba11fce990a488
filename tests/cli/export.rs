//! `kb export`: the seed layout, loadable back into the same content.

use std::fs;

use crate::workdir::{stdout, Workdir};

#[test]
fn an_export_round_trips_through_init() {
    let wd = Workdir::new();
    wd.init();
    let output = wd.kb().args(["export", "out"]).output().unwrap();
    assert!(output.status.success());
    assert!(
        stdout(&output).starts_with("exported "),
        "{}",
        stdout(&output)
    );
    assert!(wd.path().join("out/events.csv").is_file());
    assert!(wd
        .path()
        .join("out/sources/wikipedia-kazakhstan-poland-relations.txt")
        .is_file());
    // The exported CSVs are the shipped ones, byte for byte, but for the source's file name.
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seed");
    for table in [
        "events",
        "figures",
        "event_participants",
        "agreements",
        "places",
    ] {
        let file = format!("{table}.csv");
        assert_eq!(
            fs::read_to_string(wd.path().join("out").join(&file)).unwrap(),
            fs::read_to_string(shipped.join(&file)).unwrap(),
            "{file}"
        );
    }
    wd.kb()
        .args(["--db", "copy.db", "init", "--seed", "out"])
        .assert()
        .success();
    let dump = |db: &str| {
        wd.kb()
            .args(["--db", db, "sql", "--format", "csv"])
            .write_stdin(
                "SELECT group_concat(id || start_date || coalesce(place_id, '') || quote, '|') FROM events",
            )
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(dump("kb.db"), dump("copy.db"));
}

#[test]
fn a_folder_with_files_is_refused() {
    let wd = Workdir::new();
    wd.init();
    fs::create_dir(wd.path().join("busy")).unwrap();
    fs::write(wd.path().join("busy/notes.txt"), "mine").unwrap();
    wd.kb()
        .args(["export", "busy"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("busy is not empty"));
    assert_eq!(
        fs::read_to_string(wd.path().join("busy/notes.txt")).unwrap(),
        "mine"
    );
}
