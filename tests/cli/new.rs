//! `kb new`: a seed for another relationship that loads at once and speaks of its own
//! countries and title, never of the built-in data set's.

use std::fs;

use crate::workdir::{stdout, Workdir};

#[test]
fn a_new_seed_loads_and_its_reports_speak_of_it_alone() {
    let wd = Workdir::new();
    wd.kb()
        .args(["new", "ca", "--title", "Chile–Argentina relations"])
        .args(["--country", "CL=Chile", "--country", "AR=Argentina"])
        .assert()
        .success();
    wd.kb().args(["init", "--seed", "ca"]).assert().success();
    wd.kb().arg("check").assert().success();
    let mut seen = String::new();
    for args in [
        &["report", "timeline", "--format", "svg"][..],
        &["report", "visits"],
        &["report", "trade", "--format", "csv"],
        &["sql", "SELECT * FROM kb_dataset", "--format", "csv"],
        &["show", "Chile"],
        &["search", "relationship"],
        &["describe", "--format", "csv"],
        &["describe", "figures", "--format", "csv"],
        &["datasette-metadata"],
        &["report", "history", "--format", "csv"],
        &["report"],
        &["--help"],
        &["report", "--help"],
        &["search", "--help"],
    ] {
        let output = wd.kb().args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        seen.push_str(&stdout(&output));
    }
    assert!(
        seen.contains("Chile–Argentina relations: a timeline"),
        "{seen}"
    );
    assert!(seen.contains("title,Chile–Argentina relations"), "{seen}");
    for foreign in ["Kazakh", "Poland", "Polish", "1939"] {
        assert!(!seen.contains(foreign), "{foreign} in {seen}");
    }
    let listed: Vec<String> = fs::read_dir(wd.path().join("ca"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        listed.contains(&"datapackage.json".to_string()),
        "{listed:?}"
    );
}

#[test]
fn two_countries_in_code_equals_name_form_are_needed() {
    let wd = Workdir::new();
    wd.kb()
        .args(["new", "x", "--title", "T", "--country", "CL=Chile"])
        .assert()
        .code(1)
        .stderr("kb: error: give exactly two countries with --country CODE=NAME (got 1)\n");
    wd.kb()
        .args([
            "new",
            "x",
            "--title",
            "T",
            "--country",
            "Chile",
            "--country",
            "AR=Argentina",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("'Chile' is not CODE=NAME"));
    assert!(!wd.path().join("x").exists());
}

/// The README's walkthrough block, as it stands.
fn readme_walkthrough() -> &'static str {
    let readme = include_str!("../../README.md");
    let at = readme
        .find("A walkthrough for another relationship")
        .expect("the README has the walkthrough");
    let start = at + readme[at..].find("```sh\n").unwrap() + 6;
    &readme[start..start + readme[start..].find("```").unwrap()]
}

#[test]
fn the_readme_walkthrough_loads_on_the_first_try_and_a_typo_is_named() {
    let wd = Workdir::new();
    let kb = assert_cmd::cargo::cargo_bin("kb");
    let path = format!(
        "{}:{}",
        kb.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = std::process::Command::new("bash")
        .args(["-e", "-c", readme_walkthrough()])
        .current_dir(wd.path())
        .env("PATH", path)
        .env_remove("KB_DB")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        text.contains("embassy of Argentina  Santiago  Chile"),
        "{text}"
    );
    let places = wd.path().join("chile-argentina/places.csv");
    let mut rows = fs::read_to_string(&places).unwrap();
    rows.push_str("santiago-city,Santiago,city,CL,notes,Argentina has an embassy in Santiago.\n");
    fs::write(&places, rows).unwrap();
    wd.kb()
        .current_dir(wd.path().join("chile-argentina"))
        .args(["--db", "../chile-argentina.db", "init", "--seed", "."])
        .assert()
        .code(1)
        .stderr(
            "kb: error: ./places.csv, line 3, column quote: 'Argentina has an embassy in \
             Santiago.' is not a verbatim passage of source 'notes': it agrees up to “…s an \
             embassy in Santiago”, then has ‘.’ (U+002E) where the source has ‘,’ (U+002C); \
             copy the sentence exactly, with its punctuation (`kb cite notes WORDS` prints it)\n",
        );
}
