//! The reading view of every report at 80 and 120 columns: snapshots of what a person sees,
//! and the rules it keeps whatever the data: no line wider than the width, no word broken.

use std::collections::BTreeMap;

use crate::workdir::{stdout, Workdir};

const REPORTS: [&str; 10] = [
    "visits",
    "agreements",
    "timeline",
    "missions",
    "history",
    "people",
    "trade",
    "education",
    "transport",
    "memberships",
];

/// The reading view of `report` as printed to a pipe with COLUMNS set to `width`.
fn read(wd: &Workdir, report: &str, width: usize) -> String {
    let output = wd
        .kb()
        .args(["report", report])
        .env("COLUMNS", width.to_string())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    stdout(&output)
}

/// Each word with how often it occurs: wrapping moves words, it must not change them.
fn words(text: &str) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_default() += 1;
    }
    counts
}

#[test]
fn every_report_reads_at_80_and_120_columns() {
    let wd = Workdir::new();
    wd.init();
    for report in REPORTS {
        for width in [80, 120] {
            let text = read(&wd, report, width);
            insta::assert_snapshot!(format!("{report}_{width}"), text);
        }
    }
}

#[test]
fn no_line_is_wider_than_the_width_and_no_word_is_broken() {
    let wd = Workdir::new();
    wd.init();
    for report in REPORTS {
        let unwrapped = read(&wd, report, 1000);
        for width in [80, 100, 120] {
            let text = read(&wd, report, width);
            for line in text.lines() {
                let shown = textwrap::core::display_width(line);
                assert!(shown <= width, "{report} at {width}: {shown} wide: {line}");
            }
            assert_eq!(words(&text), words(&unwrapped), "{report} at {width}");
        }
    }
}

#[test]
fn each_sentence_is_printed_once_and_verbatim() {
    let wd = Workdir::new();
    wd.init();
    let text = read(&wd, "visits", 1000);
    let sentence = "“The first President of Kazakhstan, Nursultan Nazarbayev, visited Poland on \
                    three occasions: on official visits in November 1997 and May 2002, and on a \
                    state visit on 23 August 2016.” — Kazakhstan–Poland relations (encyclopedia \
                    article)";
    assert_eq!(text.matches(sentence).count(), 1, "{text}");
    assert_eq!(
        text.matches("[1]").count(),
        3,
        "two rows and the note: {text}"
    );
    let quiet = wd
        .kb()
        .args(["report", "visits", "--no-quotes"])
        .output()
        .unwrap();
    assert!(!stdout(&quiet).contains("[1]"));
    assert!(!stdout(&quiet).contains("“"));
}

#[test]
fn the_title_line_names_the_filters_and_counts_the_rows() {
    let wd = Workdir::new();
    wd.init();
    let output = wd
        .kb()
        .args([
            "report",
            "visits",
            "--person",
            "kwasniewski",
            "--from",
            "1990",
        ])
        .output()
        .unwrap();
    assert!(stdout(&output)
        .starts_with("Report visits (--from 1990, --person kwasniewski): 2 visits\n"));
    let none = wd
        .kb()
        .args(["report", "visits", "--from", "2030"])
        .output()
        .unwrap();
    assert_eq!(stdout(&none), "Report visits (--from 2030): no visits\n");
}

#[test]
fn a_dossier_of_each_kind_reads_at_80_and_120_columns() {
    let wd = Workdir::new();
    wd.init();
    for name in [
        "nursultan-nazarbayev",
        "almaty",
        "lot-polish-airlines",
        // A name too long for one line at 80 columns, in the card's and the facts' titles.
        "polish-kazakh-intergovernmental-commission",
        "KZ",
        "visit-nazarbayev-poland-2002",
        "double-tax-avoidance-agreement-1995",
        "order-of-the-white-eagle",
        "kazakh-embassy-warsaw",
        "trade-turnover-2014",
    ] {
        for width in [80, 120] {
            let output = wd
                .kb()
                .args(["show", name])
                .env("COLUMNS", width.to_string())
                .output()
                .unwrap();
            assert!(output.status.success(), "{output:?}");
            let text = stdout(&output);
            for line in text.lines() {
                let shown = textwrap::core::display_width(line);
                assert!(shown <= width, "{name} at {width}: {shown} wide: {line}");
            }
            insta::assert_snapshot!(format!("show_{name}_{width}"), text);
        }
    }
}

#[test]
fn search_groups_hits_by_kind_and_marks_the_matched_words() {
    let wd = Workdir::new();
    wd.init();
    let output = wd
        .kb()
        .args(["search", "kwasniewski"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = stdout(&output);
    insta::assert_snapshot!("search_kwasniewski_80", text);
    assert!(text.starts_with("Search 'kwasniewski': "), "{text}");
    assert!(
        text.contains("\nPEOPLE\n  Aleksander Kwaśniewski\n"),
        "{text}"
    );
    assert!(text.contains("[Kwaśniewski]"), "{text}");
}

#[test]
fn search_finds_decorations_who_received_them_missions_links_and_offices() {
    let wd = Workdir::new();
    wd.init();
    let hits = |words: &[&str]| -> Vec<String> {
        let output = wd
            .kb()
            .arg("search")
            .args(words)
            .args(["--format", "csv"])
            .output()
            .unwrap();
        stdout(&output)
            .lines()
            .skip(1)
            .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    };
    let eagle = hits(&["white", "eagle"]);
    for expected in [
        "decoration order-of-the-white-eagle",
        "person nursultan-nazarbayev",
    ] {
        assert!(eagle.contains(&expected.to_string()), "{eagle:?}");
    }
    assert!(hits(&["consulate-general"])
        .contains(&"mission polish-consulate-general-almaty".to_string()));
    assert!(hits(&["LOT", "service"]).contains(&"transport link lot-warsaw-astana".to_string()));
    assert!(hits(&["President", "of", "Poland"]).contains(&"person lech-kaczynski".to_string()));
}

#[test]
fn the_readme_shows_what_the_first_command_prints() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("$ kb report trade\n")
        .expect("the README shows it")
        + 18;
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let wd = Workdir::new();
    wd.init();
    assert_eq!(read(&wd, "trade", 80), shown);
}

#[test]
fn color_only_when_asked_or_at_a_terminal() {
    let wd = Workdir::new();
    wd.init();
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = wd.kb();
        cmd.args(["report", "agreements"]).args(args);
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        stdout(&cmd.output().unwrap())
    };
    assert!(!run(&[], false).contains('\u{1b}'), "piped: no color");
    let always = run(&["--color", "always"], false);
    assert!(always.contains("\u{1b}[1mReport agreements"), "{always}");
    assert!(
        always.contains("\u{1b}[32m1995\u{1b}[0m"),
        "dates: {always}"
    );
    assert!(always.contains("\u{1b}[36m[1]"), "markers: {always}");
    assert!(!run(&["--color", "never"], false).contains('\u{1b}'));
    let search = wd
        .kb()
        .args(["search", "kwasniewski", "--color", "always"])
        .output()
        .unwrap();
    assert!(
        stdout(&search).contains("\u{1b}[1m\u{1b}[33mKwaśniewski"),
        "{}",
        stdout(&search)
    );
}
