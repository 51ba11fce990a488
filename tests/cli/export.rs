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
    // Every row of every table, every column, NULLs included, as kb sql prints them.
    let dump = |db: &str| -> Vec<String> {
        kb::load::tables()
            .map(|table| {
                let output = wd
                    .kb()
                    .args(["--db", db, "sql", "--format", "csv"])
                    .arg(format!("SELECT * FROM {table} ORDER BY rowid"))
                    .output()
                    .unwrap();
                assert!(output.status.success(), "{table}: {output:?}");
                format!("{table}\n{}", stdout(&output))
            })
            .collect()
    };
    let (original, copy) = (dump("kb.db"), dump("copy.db"));
    assert!(original.iter().map(|t| t.lines().count()).sum::<usize>() > 250);
    assert_eq!(original, copy);
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

/// `frictionless validate` (PyPI `frictionless`; .ci/run installs it) on a descriptor.
fn frictionless_accepts(descriptor: &std::path::Path) {
    let output = std::process::Command::new("python3")
        .args(["-m", "frictionless", "validate", "--json"])
        .arg(descriptor)
        .output()
        .expect("the frictionless validator (pip install frictionless)");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("frictionless: {}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(report["valid"], true, "{report:#}");
    assert!(output.status.success());
}

#[test]
fn the_shipped_seed_and_an_export_are_valid_data_packages() {
    frictionless_accepts(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seed/datapackage.json"),
    );
    let wd = Workdir::new();
    wd.init();
    wd.kb().args(["export", "out"]).assert().success();
    let exported: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(wd.path().join("out/datapackage.json")).unwrap())
            .unwrap();
    let shipped: serde_json::Value =
        serde_json::from_str(include_str!("../../seed/datapackage.json")).unwrap();
    assert_eq!(exported, shipped);
    frictionless_accepts(&wd.path().join("out/datapackage.json"));
}

#[test]
fn a_broken_reference_makes_the_validator_refuse_the_package() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    let events = fs::read_to_string(seed.join("events.csv")).unwrap();
    fs::write(
        seed.join("events.csv"),
        events.replacen(",otar,", ",nowhere,", 1),
    )
    .unwrap();
    let output = std::process::Command::new("python3")
        .args(["-m", "frictionless", "validate", "--json"])
        .arg(seed.join("datapackage.json"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert!(report.to_string().contains("foreign-key"), "{report}");
}
