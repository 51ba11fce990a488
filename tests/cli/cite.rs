//! `kb cite`: the exact sentence to paste, from the knowledge base or from a seed folder.

use crate::workdir::{stdout, Workdir};

#[test]
fn cite_prints_the_sentence_exactly_whatever_the_case_and_diacritics_typed() {
    let wd = Workdir::new();
    wd.init();
    let output = wd
        .kb()
        .args([
            "cite",
            "wikipedia-kazakhstan-poland-relations",
            "KWASNIEWSKI",
            "1999",
        ])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&output),
        "During Nazarbayev’s presidency, Presidents of Poland also visited Kazakhstan three \
         times: Polish presidents Aleksander Kwaśniewski and Lech Kaczyński visited Kazakhstan \
         in 1999 and 2007 respectively, and President Andrzej Duda on a state visit from 6 to 8 \
         September 2017.\n"
    );
    let csv = wd
        .kb()
        .args(["cite", "kb-editors-names", "alma-ata", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(stdout(&csv), "Almaty was called Alma-Ata until 1993.\n");
}

#[test]
fn cite_reads_a_seed_folder_and_quotes_a_field_with_a_comma() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    let output = wd
        .kb()
        .args([
            "cite",
            "wikipedia-kazakhstan-poland-relations",
            "white",
            "eagle",
            "--format",
            "csv",
            "--seed",
        ])
        .arg(&seed)
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(
        text.starts_with("\"During the visit, President Kwaśniewski"),
        "{text}"
    );
    assert!(
        !wd.path().join("kb.db").exists(),
        "no knowledge base is needed"
    );
}

#[test]
fn cite_says_what_it_could_not_find() {
    let wd = Workdir::new();
    wd.init();
    wd.kb().args(["cite", "nope", "x"]).assert().code(1).stderr(
        "kb: error: there is no source 'nope'; the sources are: \
             wikipedia-kazakhstan-poland-relations, kb-editors-names, kb-editors-notes\n",
    );
    wd.kb()
        .args(["cite", "kb-editors-names", "zzz", "yyy"])
        .assert()
        .code(1)
        .stderr(
            "kb: error: no sentence of source 'kb-editors-names' holds all of: zzz, yyy; try \
             fewer or other words\n",
        );
}
