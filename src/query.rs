//! Read-only queries: the reports (each a view made by a migration) and ad-hoc SQL, streamed
//! row by row to whatever consumes them.

use rusqlite::types::Value;
use rusqlite::{Connection, Statement};

use crate::error::{Error, Result};

/// A ready-made report: a view of the knowledge base with a one-line description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub name: &'static str,
    pub view: &'static str,
    pub about: &'static str,
    sql: &'static str,
}

/// Every report kb ships, in the order `kb report` lists them.
pub const REPORTS: &[Report] = &[Report {
    name: "trade",
    view: "v_trade",
    about: "the economic relationship: trade, companies, investment, the commission, \
            economic agreements and the forum",
    sql: "SELECT * FROM v_trade",
}];

/// The report with this name, if kb has one.
pub fn report(name: &str) -> Option<&'static Report> {
    REPORTS.iter().find(|r| r.name == name)
}

/// Receives a query's result as it is read: the column names once, then each row.
pub trait RowSink {
    fn columns(&mut self, names: &[String]) -> Result<()>;
    fn row(&mut self, values: &[Value]) -> Result<()>;
}

/// Runs a report and streams its rows into `sink`.
pub fn run_report(conn: &Connection, report: &Report, sink: &mut dyn RowSink) -> Result<()> {
    let mut stmt = conn.prepare(report.sql)?;
    stream(&mut stmt, sink)
}

/// Runs one ad-hoc statement, refusing anything that would write, and streams its rows.
pub fn run_sql(conn: &Connection, sql: &str, sink: &mut dyn RowSink) -> Result<()> {
    if sql.trim().is_empty() {
        return Err(Error::NotReadOnly(
            "no SQL given; expected one SELECT statement".into(),
        ));
    }
    let mut stmt = conn.prepare(sql).map_err(|e| match e {
        rusqlite::Error::MultipleStatement => Error::NotReadOnly(
            "kb sql runs one statement at a time; remove the statements after the first".into(),
        ),
        other => Error::NotReadOnly(format!("SQL error: {other}")),
    })?;
    if !stmt.readonly() {
        return Err(Error::NotReadOnly(
            "kb sql only reads: this statement would change the database, so it was not run \
             (change facts through the seed CSVs and kb init)"
                .into(),
        ));
    }
    stream(&mut stmt, sink)
}

fn stream(stmt: &mut Statement<'_>, sink: &mut dyn RowSink) -> Result<()> {
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    sink.columns(&names)?;
    let mut rows = stmt.query([])?;
    let mut values = Vec::with_capacity(names.len());
    while let Some(row) = rows.next()? {
        values.clear();
        for i in 0..names.len() {
            values.push(row.get::<_, Value>(i)?);
        }
        sink.row(&values)?;
    }
    Ok(())
}
