//! The dossier of one entity: its own row, and every fact linked to it (from v_facts), each
//! with its date and quote.

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::Result;
use crate::names::{Entity, EntityKind};

/// One entity's attributes and linked facts, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Dossier {
    pub entity: Entity,
    /// The entity's own row, column by column.
    pub attributes: Vec<(String, Value)>,
    pub fact_columns: Vec<String>,
    pub facts: Vec<Vec<Value>>,
}

/// The statement that reads an entity's own row; fixed per kind, the id is bound.
fn own_row(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "SELECT * FROM persons WHERE id = ?1",
        EntityKind::Place => "SELECT * FROM places WHERE id = ?1",
        EntityKind::Organization => "SELECT * FROM organizations WHERE id = ?1",
        EntityKind::Country => "SELECT * FROM countries WHERE code = ?1",
        EntityKind::Event => "SELECT * FROM events WHERE id = ?1",
        EntityKind::Agreement => "SELECT * FROM agreements WHERE id = ?1",
        EntityKind::Decoration => "SELECT * FROM decorations WHERE id = ?1",
        EntityKind::Mission => "SELECT * FROM missions WHERE id = ?1",
        EntityKind::Figure => "SELECT * FROM figures WHERE id = ?1",
    }
}

/// One line of an entity's card: a label and the statement that gives its values (the id
/// bound as ?1), each row written as `Shape` says.
struct Field {
    label: &'static str,
    sql: &'static str,
    shape: Shape,
}

/// How the rows of a card field read.
#[derive(Clone, Copy)]
enum Shape {
    /// One text column.
    Text,
    /// A text, then start date, end date and qualifier: "President of Kazakhstan (1991–2019)".
    Dated,
    /// A name and a language code: "Nursułtan Nazarbajew (Polish)".
    Named,
    /// A value, unit and hedge: "more than US$2.2 billion".
    Figure,
}

const OTHER_NAMES: Field = Field {
    label: "Other names",
    sql: "SELECT alias, language FROM aliases
          WHERE person_id = ?1 OR place_id = ?1 OR organization_id = ?1 ORDER BY rowid",
    shape: Shape::Named,
};

/// The card of each kind: the lines under its name.
fn fields(kind: EntityKind) -> &'static [Field] {
    macro_rules! text {
        ($label:literal, $sql:expr) => {
            Field {
                label: $label,
                sql: $sql,
                shape: Shape::Text,
            }
        };
    }
    match kind {
        EntityKind::Person => &[
            text!("Country", "SELECT c.name FROM persons AS p JOIN countries AS c ON c.code = p.country_code WHERE p.id = ?1"),
            Field {
                label: "Offices",
                sql: "SELECT office, start_date, end_date, NULL FROM person_offices
                      WHERE person_id = ?1 ORDER BY start_date IS NULL, start_date, id",
                shape: Shape::Dated,
            },
            OTHER_NAMES,
        ],
        EntityKind::Place => &[
            text!("Kind", "SELECT kind FROM places WHERE id = ?1"),
            text!("Country", "SELECT c.name FROM places AS p JOIN countries AS c ON c.code = p.country_code WHERE p.id = ?1"),
            OTHER_NAMES,
        ],
        EntityKind::Organization => &[
            text!("Kind", "SELECT kind FROM organizations WHERE id = ?1"),
            text!("Country", "SELECT c.name FROM organizations AS o JOIN countries AS c ON c.code = o.country_code WHERE o.id = ?1"),
            text!("Part of", "SELECT p.name FROM organizations AS o JOIN organizations AS p ON p.id = o.parent_id WHERE o.id = ?1"),
            OTHER_NAMES,
        ],
        EntityKind::Country => &[
            text!("Kind", "SELECT kind FROM countries WHERE code = ?1"),
            text!("Part of", "SELECT p.name FROM countries AS c JOIN countries AS p ON p.code = c.part_of WHERE c.code = ?1"),
        ],
        EntityKind::Event => &[
            text!("Kind", "SELECT trim(coalesce(visit_type || ' ', '') || kind) FROM events WHERE id = ?1"),
            Field {
                label: "Date",
                sql: "SELECT '', start_date, end_date, date_qualifier FROM events WHERE id = ?1 AND start_date IS NOT NULL",
                shape: Shape::Dated,
            },
            text!("Where", "SELECT coalesce(p.name, c.name) FROM events AS e LEFT JOIN places AS p ON p.id = e.place_id
                            LEFT JOIN countries AS c ON c.code = e.country_code WHERE e.id = ?1 AND coalesce(p.name, c.name) IS NOT NULL"),
            text!("Part of", "SELECT p.title FROM events AS e JOIN events AS p ON p.id = e.parent_event_id WHERE e.id = ?1"),
            text!("Who", "SELECT coalesce(p.name, o.name, c.name) || ' (' || ep.role || ')'
                          FROM event_participants AS ep LEFT JOIN persons AS p ON p.id = ep.person_id
                          LEFT JOIN organizations AS o ON o.id = ep.organization_id
                          LEFT JOIN countries AS c ON c.code = ep.country_code
                          WHERE ep.event_id = ?1 ORDER BY ep.id"),
            text!("Summary", "SELECT summary FROM events WHERE id = ?1"),
        ],
        EntityKind::Agreement => &[
            text!("Domain", "SELECT domain FROM agreements WHERE id = ?1 AND domain IS NOT NULL"),
            Field {
                label: "Signed",
                sql: "SELECT '', signed_date, signed_date, NULL FROM agreements WHERE id = ?1 AND signed_date IS NOT NULL",
                shape: Shape::Dated,
            },
            text!("Parties", "SELECT c.name FROM agreement_parties AS a JOIN countries AS c ON c.code = a.country_code
                              WHERE a.agreement_id = ?1 ORDER BY a.rowid"),
        ],
        EntityKind::Decoration => &[
            text!("Country", "SELECT c.name FROM decorations AS d JOIN countries AS c ON c.code = d.country_code WHERE d.id = ?1"),
            text!("About", "SELECT description FROM decorations WHERE id = ?1"),
            Field {
                label: "Received by",
                sql: "SELECT r.name || coalesce(' from ' || c.name, ''), e.start_date, e.end_date, NULL
                      FROM decoration_awards AS a JOIN persons AS r ON r.id = a.recipient_person_id
                      LEFT JOIN persons AS c ON c.id = a.conferrer_person_id
                      LEFT JOIN events AS e ON e.id = a.event_id
                      WHERE a.decoration_id = ?1 ORDER BY a.id",
                shape: Shape::Dated,
            },
        ],
        EntityKind::Mission => &[
            text!("Kind", "SELECT kind FROM missions WHERE id = ?1"),
            text!("Of", "SELECT c.name FROM missions AS m JOIN countries AS c ON c.code = m.sending_country_code WHERE m.id = ?1"),
            text!("In", "SELECT p.name || ', ' || c.name FROM missions AS m JOIN places AS p ON p.id = m.place_id
                         JOIN countries AS c ON c.code = m.host_country_code WHERE m.id = ?1"),
            Field {
                label: "Opened",
                sql: "SELECT e.title, e.start_date, e.end_date, e.date_qualifier FROM missions AS m
                      JOIN events AS e ON e.id = m.established_event_id WHERE m.id = ?1",
                shape: Shape::Dated,
            },
        ],
        EntityKind::Figure => &[
            Field {
                label: "Figure",
                sql: "SELECT value, unit, qualifier FROM figures WHERE id = ?1",
                shape: Shape::Figure,
            },
            text!("Metric", "SELECT metric FROM figures WHERE id = ?1"),
            Field {
                label: "Date",
                sql: "SELECT '', start_date, end_date, NULL FROM figures WHERE id = ?1 AND start_date IS NOT NULL",
                shape: Shape::Dated,
            },
            text!("Country", "SELECT c.name FROM figures AS f JOIN countries AS c ON c.code = f.country_code WHERE f.id = ?1"),
            text!("Event", "SELECT e.title FROM figures AS f JOIN events AS e ON e.id = f.event_id WHERE f.id = ?1"),
            text!("According to", "SELECT attributed_to FROM figures WHERE id = ?1"),
        ],
    }
}

/// The lines of an entity's card, as (label, text); a field without values is left out.
pub fn card(conn: &Connection, entity: &Entity) -> Result<Vec<(&'static str, String)>> {
    let mut lines = Vec::new();
    for field in fields(entity.kind) {
        let mut stmt = conn.prepare_cached(field.sql)?;
        let values: Vec<String> = stmt
            .query_map([&entity.id], |row| {
                let text = |i: usize| -> rusqlite::Result<String> {
                    Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default())
                };
                Ok(match field.shape {
                    Shape::Text => text(0)?,
                    Shape::Figure => {
                        let qualifier = text(2)?;
                        crate::humanize::figure(row.get(0)?, &text(1)?, Some(qualifier.as_str()))
                    }
                    Shape::Named => match language_name(&text(1)?) {
                        Some(language) => format!("{} ({language})", text(0)?),
                        None => text(0)?,
                    },
                    Shape::Dated => {
                        let (what, start) = (text(0)?, text(1)?);
                        let date = (!start.is_empty()).then(|| {
                            let qualifier = text(3)?;
                            Ok::<_, rusqlite::Error>(crate::humanize::date_label(
                                &start,
                                &text(2)?,
                                Some(qualifier.as_str()),
                            ))
                        });
                        match (what.is_empty(), date.transpose()?) {
                            (true, Some(date)) => date,
                            (false, Some(date)) => format!("{what} ({date})"),
                            (_, None) => what,
                        }
                    }
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let values: Vec<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
        if !values.is_empty() {
            lines.push((field.label, values.join("; ")));
        }
    }
    Ok(lines)
}

/// The English name of a language code kb's seeds use; None for one it does not know.
fn language_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "en" => "English",
        "pl" => "Polish",
        "kk" => "Kazakh",
        "ru" => "Russian",
        "de" => "German",
        "uk" => "Ukrainian",
        _ => return None,
    })
}

/// The statement that lists the facts linked to one entity.
pub const FACTS: &str = include_str!("sql/show_facts.sql");

pub fn dossier(conn: &Connection, entity: &Entity) -> Result<Dossier> {
    let mut stmt = conn.prepare(own_row(entity.kind))?;
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let values: Vec<Value> = stmt.query_row([&entity.id], |row| {
        (0..columns.len()).map(|i| row.get(i)).collect()
    })?;
    let attributes = columns.into_iter().zip(values).collect();

    let mut stmt = conn.prepare(FACTS)?;
    let fact_columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let width = fact_columns.len();
    let facts = stmt
        .query_map(rusqlite::params![entity.kind, entity.id], |row| {
            (0..width).map(|i| row.get(i)).collect()
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Dossier {
        entity: entity.clone(),
        attributes,
        fact_columns,
        facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::loaded;

    #[test]
    fn every_kind_has_a_row_and_card_statements_the_schema_accepts() {
        let conn = loaded();
        for kind in EntityKind::ALL {
            conn.prepare(own_row(kind))
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
            for field in fields(kind) {
                conn.prepare(field.sql)
                    .unwrap_or_else(|e| panic!("{kind} {}: {e}", field.label));
            }
        }
    }

    #[test]
    fn every_kind_the_facts_view_names_is_one_kb_can_show() {
        let conn = loaded();
        let mut stmt = conn
            .prepare("SELECT DISTINCT entity_kind FROM v_facts")
            .unwrap();
        let kinds: Vec<EntityKind> = stmt
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(kinds.contains(&EntityKind::Person), "{kinds:?}");
        assert!(kinds.contains(&EntityKind::Agreement), "{kinds:?}");
    }

    #[test]
    fn a_dossier_reads_the_row_of_its_own_kind() {
        let conn = loaded();
        let poland = crate::names::resolve_one(&conn, &[EntityKind::Country], "Poland").unwrap();
        let dossier = dossier(&conn, &poland).unwrap();
        assert_eq!(
            dossier.attributes[0],
            ("code".to_string(), Value::Text(poland.id))
        );
        assert!(!dossier.facts.is_empty());
    }
}
