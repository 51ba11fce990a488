//! The article's facts, checked one by one against the knowledge base built from the shipped
//! seed: each must be there once, with a quote, and nothing beyond them may be invented.

use kb::load::{self, tables};
use kb::seed::Seed;
use rusqlite::Connection;

fn built() -> Connection {
    let mut conn = kb::db::open_in_memory().unwrap();
    kb::db::migrate(&mut conn).unwrap();
    load::load_seed(
        &mut conn,
        &Seed::Embedded,
        kb::db::BulkWrite::InPlace,
        &mut |_| {},
    )
    .unwrap();
    conn
}

/// The rows of a query, each as its columns joined by '|', NULL as ''.
fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |row| {
        (0..columns)
            .map(|i| {
                Ok(match row.get::<_, rusqlite::types::Value>(i)? {
                    rusqlite::types::Value::Null => String::new(),
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Real(x) => x.to_string(),
                    rusqlite::types::Value::Text(s) => s,
                    rusqlite::types::Value::Blob(_) => "<blob>".into(),
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(|v| v.join("|"))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn nazarbayev_visited_poland_three_times_each_once() {
    let conn = built();
    assert_eq!(
        rows(
            &conn,
            "SELECT e.start_date, e.end_date, e.date_precision, coalesce(e.visit_type, '')
             FROM events e JOIN event_participants p ON p.event_id = e.id
             WHERE e.kind = 'visit' AND p.role = 'guest' AND p.person_id = 'nursultan-nazarbayev'
               AND e.country_code = 'PL'
             ORDER BY e.start_date"
        ),
        [
            "1997-11|1997-11|month|official",
            "2002-05-23|2002-05-26|day|official",
            "2016-08-23|2016-08-23|day|state",
        ]
    );
}

#[test]
fn presidents_of_poland_visited_kazakhstan_three_times() {
    let conn = built();
    assert_eq!(
        rows(
            &conn,
            "SELECT pe.name, e.start_date, e.end_date, coalesce(e.visit_type, '')
             FROM events e JOIN event_participants p ON p.event_id = e.id
             JOIN persons pe ON pe.id = p.person_id
             WHERE e.kind = 'visit' AND p.role = 'guest' AND e.country_code = 'KZ'
             ORDER BY e.start_date"
        ),
        [
            "Aleksander Kwaśniewski|1999|1999|",
            "Lech Kaczyński|2007|2007|",
            "Andrzej Duda|2017-09-06|2017-09-08|state",
        ]
    );
    let visits = rows(&conn, "SELECT count(*) FROM events WHERE kind = 'visit'");
    assert_eq!(visits, ["6"], "six trips in all, each one row");
}

#[test]
fn the_2002_visit_meetings_decorations_and_ceremonies() {
    let conn = built();
    assert_eq!(
        rows(
            &conn,
            "SELECT pe.name, o.office FROM event_participants p
             JOIN persons pe ON pe.id = p.person_id
             JOIN person_offices o ON o.person_id = pe.id
             WHERE p.event_id = 'visit-nazarbayev-poland-2002' AND p.role = 'met' ORDER BY p.id"
        ),
        [
            "Aleksander Kwaśniewski|President of Poland",
            "Marek Borowski|Marshal of the Sejm",
            "Longin Pastusiak|Marshal of the Senate",
            "Leszek Miller|Prime Minister",
        ]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT d.name, d.country_code, r.name, c.name, a.event_id FROM decoration_awards a
             JOIN decorations d ON d.id = a.decoration_id
             JOIN persons r ON r.id = a.recipient_person_id
             JOIN persons c ON c.id = a.conferrer_person_id ORDER BY d.name"
        ),
        [
            "Order of Friendship|KZ|Aleksander Kwaśniewski|Nursultan Nazarbayev|visit-nazarbayev-poland-2002",
            "Order of the White Eagle|PL|Nursultan Nazarbayev|Aleksander Kwaśniewski|visit-nazarbayev-poland-2002",
        ]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT kind, date_qualifier FROM events
             WHERE parent_event_id = 'visit-nazarbayev-poland-2002' ORDER BY kind"
        ),
        ["book presentation|during", "ceremony|during"]
    );
}

#[test]
fn agreements_by_domain_and_year() {
    let conn = built();
    assert_eq!(
        rows(
            &conn,
            "SELECT coalesce(domain, ''), coalesce(signed_date, ''),
                    (SELECT group_concat(country_code, '+') FROM
                       (SELECT country_code FROM agreement_parties WHERE agreement_id = a.id ORDER BY country_code))
             FROM agreements a ORDER BY signed_date, domain"
        ),
        [
            "||",
            "taxation|1995|KZ+PL",
            "economy|2006|KZ+PL",
            "tourism|2007|KZ+PL",
            "defense|2012|KZ+PL",
            "education|2014|KZ+PL",
            "agriculture|2016|KZ+PL",
        ]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT title FROM agreements WHERE signed_date IS NULL"
        ),
        ["Sikorski–Mayski agreement"]
    );
}

#[test]
fn the_second_world_war_chapter() {
    let conn = built();
    assert_eq!(
        rows(
            &conn,
            "SELECT pl.name FROM missions m JOIN places pl ON pl.id = m.place_id
             JOIN events e ON e.id = m.established_event_id
             WHERE m.kind = 'diplomatic post' AND m.sending_country_code = 'PL'
               AND e.start_date = '1941' AND e.end_date = '1942' ORDER BY m.rowid"
        ),
        [
            "Almaty",
            "Semey",
            "Shymkent",
            "Kostanay",
            "Astana",
            "Pavlodar",
            "Petropavl"
        ]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT o.name, pl.name FROM events e
             JOIN event_participants p ON p.event_id = e.id AND p.role = 'stationed'
             JOIN organizations o ON o.id = p.organization_id
             JOIN places pl ON pl.id = e.place_id
             WHERE e.kind = 'stationing' ORDER BY e.rowid"
        ),
        [
            "1st Uhlan Regiment|Otar",
            "8th Infantry Division|Shokpak",
            "10th Infantry Division|Lugovoy",
        ]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT kind, start_date, coalesce(date_qualifier, ''), coalesce(country_code, '')
             FROM events WHERE kind IN ('invasion', 'relocation', 'evacuation', 'repatriation')
             ORDER BY start_date, kind"
        ),
        [
            "invasion|1939||PL",
            "evacuation|1942||IR",
            "relocation|1942|early|SU-KZ",
            "repatriation|1946||PL",
        ]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT coalesce(place_id, country_code) FROM event_places
             WHERE event_id = 'anders-army-relocation-1942' ORDER BY 1"
        ),
        ["SU-KG", "SU-UZ"]
    );
}

#[test]
fn figures_in_base_units_with_the_source_qualifier() {
    let conn = built();
    assert_eq!(
        rows(
            &conn,
            "SELECT metric, value, unit, coalesce(qualifier, ''), coalesce(start_date, ''),
                    coalesce(end_date, ''), coalesce(attributed_to, '')
             FROM figures WHERE metric NOT LIKE '%student_group_rank' ORDER BY rowid"
        ),
        [
            "trade_turnover|2200000000|USD|more than|2014|2014|",
            "companies_operating|200|companies|more than|||",
            "investment|130000000|USD|about|||",
            "population|77000|persons|nearly|1943|1943|Soviet data",
            "persons_repatriated|62000|persons|over|1946|1948|",
        ]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT metric, value, group_concat(start_date, ',') FROM
               (SELECT * FROM figures WHERE metric LIKE '%student_group_rank' ORDER BY start_date)
             GROUP BY metric, value ORDER BY metric"
        ),
        [
            "central_asian_student_group_rank|2|2021,2022,2023,2024",
            "foreign_student_group_rank|9|2021,2022,2023,2024",
        ]
    );
}

#[test]
fn missions_memberships_transport_and_relations() {
    let conn = built();
    assert_eq!(
        rows(
            &conn,
            "SELECT m.kind, m.sending_country_code, pl.name FROM missions m
             JOIN places pl ON pl.id = m.place_id WHERE m.kind <> 'diplomatic post' ORDER BY m.rowid"
        ),
        ["embassy|KZ|Warsaw", "embassy|PL|Astana", "consulate-general|PL|Almaty"]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT m.country_code || ':' || o.id FROM memberships m
             JOIN organizations o ON o.id = m.organization_id ORDER BY 1"
        ),
        ["KZ:osce", "KZ:un", "KZ:wto", "PL:osce", "PL:un", "PL:wto"]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT t.mode, o.name, a.name, b.name FROM transport_links t
             JOIN organizations o ON o.id = t.operator_id
             JOIN places a ON a.id = t.origin_place_id JOIN places b ON b.id = t.destination_place_id"
        ),
        ["air|LOT Polish Airlines|Warsaw|Astana"]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT start_date FROM events WHERE kind = 'diplomatic relations'"
        ),
        ["1992"]
    );
}

#[test]
fn nothing_is_invented_the_people_are_those_of_the_article() {
    let conn = built();
    assert_eq!(
        rows(&conn, "SELECT name FROM persons ORDER BY name"),
        [
            "Aleksander Kwaśniewski",
            "Andrzej Duda",
            "Lech Kaczyński",
            "Leszek Miller",
            "Longin Pastusiak",
            "Marek Borowski",
            "Nursultan Nazarbayev",
        ]
    );
    // Each name of a person, place or organization appears in the article as written.
    let unnamed = rows(
        &conn,
        "SELECT name FROM (SELECT name FROM persons UNION ALL SELECT name FROM places
                           UNION ALL SELECT name FROM organizations UNION ALL SELECT name FROM decorations)
         WHERE instr((SELECT content FROM sources WHERE id = 'wikipedia-kazakhstan-poland-relations'), name) = 0",
    );
    assert_eq!(unnamed, Vec::<String>::new());
}

#[test]
fn every_quote_is_a_verbatim_passage_of_its_source() {
    let conn = built();
    let mut checked = 0;
    for table in tables().filter(|t| kb::seed::states_facts(t)) {
        let sql = format!(
            "SELECT count(*), sum(instr(s.content, t.quote) > 0), min(length(t.quote))
             FROM {table} t JOIN sources s ON s.id = t.source_id"
        );
        let (count, found, shortest): (i64, i64, i64) = conn
            .query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        assert!(count > 0, "{table} has no rows");
        assert_eq!(found, count, "{table}: a quote is not in its source");
        assert!(
            shortest >= 30,
            "{table}: a quote is a fragment, not a clause"
        );
        checked += count;
    }
    assert!(checked > 150, "only {checked} rows checked");
}

#[test]
fn no_fact_is_counted_twice() {
    let conn = built();
    let twins = rows(
        &conn,
        "SELECT a.id || '=' || b.id FROM events a JOIN events b
           ON a.id < b.id AND a.kind = b.kind AND a.start_date IS b.start_date
          AND a.country_code IS b.country_code AND a.place_id IS b.place_id
          AND a.parent_event_id IS b.parent_event_id",
    );
    assert_eq!(twins, Vec::<String>::new());
    let figure_twins = rows(
        &conn,
        "SELECT metric, subject, start_date, count(*) FROM figures
         GROUP BY metric, subject, start_date HAVING count(*) > 1",
    );
    assert_eq!(figure_twins, Vec::<String>::new());
}

/// Values the article's sentences do not state are cited to the kb editors' notes: the
/// kinds of places, the country of Otar, Shokpak and Lugovoy, the regiments' army, the
/// country of the Order of Friendship and of Borowski, Pastusiak and Miller.
#[test]
fn editorial_values_are_cited_to_the_editors_notes() {
    let conn = built();
    let cited = rows(
        &conn,
        "SELECT table_name || '.' || column_name || ':' || row_key FROM value_notes
         WHERE source_id = 'kb-editors-notes' ORDER BY 1",
    );
    let places: Vec<String> = rows(&conn, "SELECT 'places.kind:' || id FROM places");
    for expected in places.iter().map(String::as_str).chain([
        "places.country_code:otar",
        "places.country_code:shokpak",
        "places.country_code:lugovoy",
        "organizations.parent_id:1st-uhlan-regiment",
        "organizations.parent_id:8th-infantry-division",
        "organizations.parent_id:10th-infantry-division",
        "decorations.country_code:order-of-friendship",
        "persons.country_code:marek-borowski",
        "persons.country_code:longin-pastusiak",
        "persons.country_code:leszek-miller",
    ]) {
        assert!(
            cited.iter().any(|c| c == expected),
            "{expected} is not cited: {cited:?}"
        );
    }
    // Each note's sentence names the row it stands for.
    let unnamed = rows(
        &conn,
        "SELECT n.row_key FROM value_notes AS n
         LEFT JOIN places AS p ON n.table_name = 'places' AND p.id = n.row_key
         LEFT JOIN persons AS s ON n.table_name = 'persons' AND s.id = n.row_key
         LEFT JOIN organizations AS o ON n.table_name = 'organizations' AND o.id = n.row_key
         LEFT JOIN decorations AS d ON n.table_name = 'decorations' AND d.id = n.row_key
         WHERE instr(lower(n.quote), lower(coalesce(p.name, s.name, o.name, d.name))) = 0",
    );
    assert_eq!(unnamed, Vec::<String>::new());
    let source = rows(
        &conn,
        "SELECT title FROM sources WHERE id = 'kb-editors-notes'",
    );
    assert!(source[0].contains("not from the article"), "{source:?}");
}
