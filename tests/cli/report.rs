//! `kb report`: the list, the trade report in every format, and first use without a file.

use predicates::prelude::*;

use crate::workdir::{stdout, Workdir};

#[test]
fn without_a_name_it_lists_the_reports() {
    let wd = Workdir::new();
    wd.init();
    wd.kb()
        .arg("report")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "visits       visits of heads of state to the other country, one row per trip \
             (view v_visits; filters: --from --to --person --kind)\n",
        ))
        .stdout(predicate::str::contains(
            "\ntrade        the economic relationship",
        ));
}

#[test]
fn the_first_read_builds_the_file_and_says_so_on_stderr() {
    let wd = Workdir::new();
    wd.kb()
        .args(["report", "trade", "--format", "csv"])
        .assert()
        .success()
        .stderr("kb: kb.db does not exist yet; creating it from the seed built into kb\n")
        .stdout(predicate::str::contains("trade-turnover-2014"));
    assert!(wd.path().join("kb.db").exists());
    wd.kb()
        .args(["report", "trade"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn trade_as_csv_has_the_view_columns_and_every_economic_fact() {
    let wd = Workdir::new();
    wd.init();
    let output = wd
        .kb()
        .args(["report", "trade", "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("topic,record_id,fact,value,unit,qualifier,date,date_precision,source_id,quote,start_date")
    );
    assert_eq!(
        lines.next(),
        Some("trade,trade-turnover-2014,Trade turnover between Kazakhstan and Poland,2200000000,USD,more than,2014,year,wikipedia-kazakhstan-poland-relations,Trade turnover between the two countries exceeded $2.2 billion in 2014.,2014")
    );
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "trade-turnover-2014",
            "polish-businesses-in-kazakhstan",
            "polish-investment-in-kazakhstan",
            "polish-kazakh-intergovernmental-commission",
            "double-tax-avoidance-agreement-1995",
            "economic-cooperation-agreement-2006",
            "tourism-cooperation-agreement-2007",
            "agriculture-cooperation-agreement-2016",
            "polish-kazakh-economic-forum-2016",
        ]
    );
}

#[test]
fn trade_as_json_keeps_numbers_as_numbers() {
    let wd = Workdir::new();
    wd.init();
    let output = wd
        .kb()
        .args(["report", "trade", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 9);
    assert_eq!(rows[0]["value"], serde_json::json!(2_200_000_000_i64));
    assert_eq!(rows[0]["qualifier"], "more than");
    assert_eq!(rows[2]["value"], serde_json::json!(130_000_000));
    assert_eq!(rows[2]["qualifier"], "about");
    assert!(rows[1]["date"].is_null());
    assert_eq!(rows[8]["fact"], "Polish - Kazakh Economic Forum");
    assert_eq!(rows[8]["date"], "2016");
}

#[test]
fn trade_as_markdown_and_grid() {
    let wd = Workdir::new();
    wd.init();
    let markdown = stdout(
        &wd.kb()
            .args(["report", "trade", "--format", "markdown"])
            .output()
            .unwrap(),
    );
    let mut lines = markdown.lines();
    assert_eq!(
        lines.next(),
        Some("| topic | record_id | fact | value | unit | qualifier | date | date_precision | source_id | quote | start_date |")
    );
    assert_eq!(
        lines.next(),
        Some("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    );
    assert_eq!(markdown.lines().count(), 11);
    let table = stdout(
        &wd.kb()
            .args(["report", "trade", "--format", "grid"])
            .output()
            .unwrap(),
    );
    assert!(table.contains("2200000000"), "{table}");
    assert!(table.contains("record_id"), "every column: {table}");
    assert!(table.contains("commission"), "{table}");
    assert!(table.lines().all(|l| l.chars().count() <= 160), "{table}");
}

#[test]
fn an_unknown_report_is_an_error_naming_the_reports() {
    let wd = Workdir::new();
    wd.init();
    wd.kb().args(["report", "trades"]).assert().code(1).stderr(
        "kb: error: there is no report 'trades'; the reports are: visits, agreements, \
             timeline, missions, history, people, trade, education, transport, memberships\n",
    );
}

#[test]
fn a_bad_format_is_a_usage_error() {
    let wd = Workdir::new();
    wd.kb()
        .args(["report", "trade", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'xml'"));
    assert!(!wd.path().join("kb.db").exists());
}

#[test]
fn a_kind_is_matched_regardless_of_case_and_an_unknown_one_names_the_kinds() {
    let wd = Workdir::new();
    wd.init();
    let rows = |kind: &str| {
        let output = wd
            .kb()
            .args(["report", "missions", "--kind", kind, "--format", "csv"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{kind}");
        stdout(&output)
    };
    let embassies = rows("embassy");
    assert_eq!(embassies.lines().count(), 3, "{embassies}");
    assert_eq!(rows("Embassy"), embassies);
    assert_eq!(rows("EMBASSY"), embassies);
    wd.kb()
        .args(["report", "missions", "--kind", "nonsense"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "kb: error: report missions has no kind 'nonsense'; --kind takes \
             consulate-general, diplomatic post, embassy\n",
        );
    // The people report takes a relation or its part before the colon.
    wd.kb()
        .args(["report", "people", "--kind", "Event", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(",event: host,"));
    wd.kb()
        .args(["report", "people", "--kind", "events"])
        .assert()
        .code(1)
        .stderr(
            "kb: error: report people has no kind 'events'; --kind takes decoration conferred, \
             decoration received, event, event: author, event: guest, event: host, event: met, \
             office\n",
        );
}

/// --from and --to keep the rows whose date starts in those years, as the years written at
/// the start of `date` say (the report compares start_date, which indexes reach).
#[test]
fn trade_years_are_the_years_its_dates_start_in() {
    let wd = Workdir::new();
    let db = wd.init();
    let conn = rusqlite::Connection::open(&db).unwrap();
    for (from, to) in [("2014", "2014"), ("1990", "2016"), ("2017", "9999")] {
        let expected: Vec<String> = conn
            .prepare(
                "SELECT record_id FROM v_trade
                 WHERE substr(date, 1, 4) >= ?1 AND substr(date, 1, 4) <= ?2",
            )
            .unwrap()
            .query_map([from, to], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let output = wd
            .kb()
            .args([
                "report", "trade", "--from", from, "--to", to, "--format", "csv",
            ])
            .output()
            .unwrap();
        let ids: Vec<String> = stdout(&output)
            .lines()
            .skip(1)
            .map(|line| line.split(',').nth(1).unwrap().to_string())
            .collect();
        assert_eq!(ids, expected, "--from {from} --to {to}");
        assert!(
            from == "2017" || !ids.is_empty(),
            "--from {from} --to {to} finds rows"
        );
    }
}
