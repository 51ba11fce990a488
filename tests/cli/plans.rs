//! The queries behind reports, search and show reach the big tables (events and their
//! participants) through indexes, as SQLite's own query plans show; only the reports that
//! list every row of those tables may scan them.

use kb::db::{self, BulkWrite};
use kb::load::load_seed;
use kb::query::{self, Filters, REPORTS};
use kb::seed::Seed;
use rusqlite::Connection;

fn loaded() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    db::migrate(&mut conn).unwrap();
    load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {}).unwrap();
    conn
}

/// The lines of a statement's query plan.
fn plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    // Parameters stay unbound (NULL): the plan is made before any value is known.
    let mut rows = stmt.raw_query();
    let mut lines = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        lines.push(row.get::<_, String>(3).unwrap());
    }
    lines
}

/// Plan lines that walk a big table row by row: events (aliased e, c or p in kb's SQL) or
/// event_participants (ep, g, h), without an index.
fn big_table_scans(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|line| {
            let mut words = line.split_whitespace();
            words.next() == Some("SCAN")
                && matches!(
                    words.next(),
                    Some("e" | "c" | "p" | "ep" | "g" | "h" | "events" | "event_participants")
                )
                && !line.contains("USING INDEX")
                && !line.contains("USING COVERING INDEX")
        })
        .cloned()
        .collect()
}

#[test]
fn reports_reach_events_and_participants_through_indexes() {
    let conn = loaded();
    // These list every event or every participation, so they read those tables whole.
    let listing_everything = ["timeline", "people"];
    let everything = Filters::default();
    let of_a_person = Filters {
        person: Some("someone".into()),
        ..Filters::default()
    };
    for report in REPORTS {
        for filters in [&everything, &of_a_person] {
            let with_person = filters.person.is_some();
            if listing_everything.contains(&report.name) && !with_person {
                continue;
            }
            let lines = plan(&conn, report.statement(filters));
            let scans = big_table_scans(&lines);
            assert!(
                scans.is_empty(),
                "report {} (with a person: {with_person}) scans {scans:?}",
                report.name
            );
        }
    }
    // The detector sees a scan where there is one: the whole timeline reads every event.
    let timeline = plan(
        &conn,
        query::report("timeline").unwrap().statement(&everything),
    );
    assert!(!big_table_scans(&timeline).is_empty(), "{timeline:#?}");
    let visits = plan(
        &conn,
        query::report("visits").unwrap().statement(&everything),
    );
    assert!(
        visits
            .iter()
            .any(|l| l.contains("USING INDEX events_kind_start (kind=?)")),
        "{visits:#?}"
    );
}

#[test]
fn trade_in_some_years_reaches_its_rows_through_date_ranges() {
    let conn = loaded();
    let in_2014 = Filters {
        from: Some(2014),
        to: Some(2014),
        ..Filters::default()
    };
    let trade = plan(&conn, query::report("trade").unwrap().statement(&in_2014));
    for range in [
        "events_start (start_date>? AND start_date<?)",
        "agreements_signed (signed_date>? AND signed_date<?)",
        "figures_metric (metric=? AND start_date>? AND start_date<?)",
        "event_participants_organization (organization_id=? AND role=?)",
    ] {
        assert!(
            trade.iter().any(|l| l.contains(range)),
            "{range}: {trade:#?}"
        );
    }
}

#[test]
fn reports_in_some_years_reach_their_rows_through_date_ranges() {
    let conn = loaded();
    let in_2014 = Filters {
        from: Some(2014),
        to: Some(2014),
        ..Filters::default()
    };
    for name in ["visits", "timeline", "people"] {
        let lines = plan(&conn, query::report(name).unwrap().statement(&in_2014));
        assert_eq!(big_table_scans(&lines), Vec::<String>::new(), "{name}");
        for range in [
            "events_start (start_date>? AND start_date<?)",
            "events_across_years (end_date>?)",
        ] {
            assert!(
                lines.iter().any(|l| l.contains(range)),
                "{name}, {range}: {lines:#?}"
            );
        }
    }
}

#[test]
fn search_and_show_use_the_search_index_and_the_link_indexes() {
    let conn = loaded();
    let search = plan(&conn, query::SEARCH_SQL);
    assert!(
        search.iter().any(|l| l.contains("VIRTUAL TABLE INDEX")),
        "{search:#?}"
    );
    assert_eq!(big_table_scans(&search), Vec::<String>::new());
    // FTS5 names its plan in the index string after "INDEX 0:", a MATCH as M and a rowid
    // lookup as =: a MATCH made once per rowid reads the query's doclists again for each row
    // (kb search visit at 200,000 events: 0.2 s, against 0.1 s with one MATCH).
    let matches: Vec<&str> = search
        .iter()
        .filter_map(|l| l.split_once("VIRTUAL TABLE INDEX ").map(|(_, plan)| plan))
        .filter(|plan| plan.contains('M'))
        .collect();
    assert_eq!(matches.len(), 2, "{search:#?}");
    assert!(
        matches.iter().all(|plan| !plan.contains('=')),
        "{matches:#?}"
    );
    let show = plan(&conn, kb::show::FACTS);
    assert_eq!(big_table_scans(&show), Vec::<String>::new(), "{show:#?}");
    assert!(show
        .iter()
        .any(|l| l.contains("event_participants_person (person_id=?)")));
}
