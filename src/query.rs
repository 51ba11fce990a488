//! Read-only queries: the reports (each a view made by a migration) and ad-hoc SQL, streamed
//! row by row to whatever consumes them.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::Value;
use rusqlite::{Batch, Connection, Statement};

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

/// PRAGMAs that only read even when given an argument.
const READING_PRAGMAS: &[&str] = &[
    "collation_list",
    "database_list",
    "foreign_key_check",
    "foreign_key_list",
    "function_list",
    "index_info",
    "index_list",
    "index_xinfo",
    "integrity_check",
    "module_list",
    "pragma_list",
    "quick_check",
    "table_info",
    "table_list",
    "table_xinfo",
];

/// What an ad-hoc statement may do: read tables and call functions. Everything else is
/// refused by SQLite while the statement is prepared; the reason is kept for the message.
fn authorize(context: AuthContext<'_>, refused: &Mutex<Option<String>>) -> Authorization {
    let reason = match context.action {
        AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => {
            return Authorization::Allow
        }
        AuthAction::Function { function_name }
            if !function_name.eq_ignore_ascii_case("load_extension") =>
        {
            return Authorization::Allow
        }
        AuthAction::Function { .. } => "load_extension() is not allowed".to_string(),
        AuthAction::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let name = pragma_name.to_ascii_lowercase();
            if pragma_value.is_none() || READING_PRAGMAS.contains(&name.as_str()) {
                return Authorization::Allow;
            }
            format!("PRAGMA {name} with a value changes settings and is not allowed")
        }
        AuthAction::Attach { .. } | AuthAction::Detach { .. } => {
            "ATTACH and DETACH are not allowed".to_string()
        }
        AuthAction::Transaction { .. } | AuthAction::Savepoint { .. } => {
            "transactions (BEGIN, COMMIT, SAVEPOINT …) are not allowed".to_string()
        }
        _ => "this statement would change the database".to_string(),
    };
    *refused.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason);
    Authorization::Deny
}

const READ_ONLY_HINT: &str = "so it was not run (change facts through the seed CSVs and kb init)";

/// Runs one ad-hoc statement, refusing anything but reading, and streams its rows. A query
/// still running after `timeout` (time spent by `sink` not counted) is interrupted.
pub fn run_sql(
    conn: &mut Connection,
    sql: &str,
    timeout: Duration,
    sink: &mut dyn RowSink,
) -> Result<()> {
    if sql.trim().is_empty() {
        return Err(Error::NotReadOnly(
            "no SQL given; expected one SELECT statement".into(),
        ));
    }
    let refused = Arc::new(Mutex::new(None));
    let seen = Arc::clone(&refused);
    conn.authorizer(Some(move |context: AuthContext<'_>| {
        authorize(context, &seen)
    }))?;
    let started = Instant::now();
    let in_sink = Arc::new(Mutex::new(Duration::ZERO));
    let sink_time = Arc::clone(&in_sink);
    conn.progress_handler(
        10_000,
        Some(move || {
            let waited = *sink_time.lock().unwrap_or_else(|e| e.into_inner());
            started.elapsed().saturating_sub(waited) > timeout
        }),
    )?;
    let result = prepare_and_stream(conn, sql, &refused, sink, &in_sink, timeout);
    conn.authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
    conn.progress_handler(0, None::<fn() -> bool>)?;
    result
}

fn prepare_and_stream(
    conn: &Connection,
    sql: &str,
    refused: &Mutex<Option<String>>,
    sink: &mut dyn RowSink,
    in_sink: &Mutex<Duration>,
    timeout: Duration,
) -> Result<()> {
    let refusal =
        |e: rusqlite::Error| match refused.lock().unwrap_or_else(|e| e.into_inner()).take() {
            Some(reason) => {
                Error::NotReadOnly(format!("kb sql only reads: {reason}, {READ_ONLY_HINT}"))
            }
            None => Error::NotReadOnly(format!("SQL error: {e}")),
        };
    // Statements are prepared one at a time, so a second one is noticed before it can run.
    let mut batch = Batch::new(conn, sql);
    let mut stmt = batch
        .next()
        .map_err(refusal)?
        .ok_or_else(|| Error::NotReadOnly("no SQL given; expected one SELECT statement".into()))?;
    if !matches!(batch.next(), Ok(None)) {
        return Err(Error::NotReadOnly(
            "kb sql runs one statement at a time; remove the statements after the first".into(),
        ));
    }
    if !stmt.readonly() {
        return Err(Error::NotReadOnly(format!(
            "kb sql only reads: this statement would change the database, {READ_ONLY_HINT}"
        )));
    }
    let mut timed = TimedSink { sink, in_sink };
    stream(&mut stmt, &mut timed).map_err(|e| match e {
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::OperationInterrupted =>
        {
            Error::NotReadOnly(format!(
                "the query ran longer than {} s and was stopped; narrow it, or allow more time \
                 with --timeout SECONDS",
                timeout.as_secs_f64()
            ))
        }
        other => other,
    })
}

/// Counts the time spent handing rows on, so a slow reader does not eat the query's time.
struct TimedSink<'a> {
    sink: &'a mut dyn RowSink,
    in_sink: &'a Mutex<Duration>,
}

impl RowSink for TimedSink<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.sink.columns(names)
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        let started = Instant::now();
        let result = self.sink.row(values);
        *self.in_sink.lock().unwrap_or_else(|e| e.into_inner()) += started.elapsed();
        result
    }
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
