//! The dossier of one entity: its own row, and every fact linked to it (from v_facts), each
//! with its date and quote.

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::Result;
use crate::names::Entity;

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
fn own_row(kind: &str) -> &'static str {
    match kind {
        "person" => "SELECT * FROM persons WHERE id = ?1",
        "place" => "SELECT * FROM places WHERE id = ?1",
        "organization" => "SELECT * FROM organizations WHERE id = ?1",
        "country" => "SELECT * FROM countries WHERE code = ?1",
        "event" => "SELECT * FROM events WHERE id = ?1",
        _ => "SELECT * FROM agreements WHERE id = ?1",
    }
}

/// The statement that lists the facts linked to one entity.
pub const FACTS: &str = include_str!("sql/show_facts.sql");

pub fn dossier(conn: &Connection, entity: &Entity) -> Result<Dossier> {
    let mut stmt = conn.prepare(own_row(&entity.kind))?;
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let values: Vec<Value> = stmt.query_row([&entity.id], |row| {
        (0..columns.len()).map(|i| row.get(i)).collect()
    })?;
    let attributes = columns.into_iter().zip(values).collect();

    let mut stmt = conn.prepare(FACTS)?;
    let fact_columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let width = fact_columns.len();
    let facts = stmt
        .query_map([&entity.kind, &entity.id], |row| {
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
