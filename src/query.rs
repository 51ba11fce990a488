//! Read-only queries: the reports (each a view made by a migration) and ad-hoc SQL, streamed
//! row by row to whatever consumes them.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::Value;
use rusqlite::{Batch, Connection, Statement};

use crate::error::{Error, Result};

/// A filter a report may accept, bound to the parameter of the same name in its SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// `:from`, a four-digit year: facts that end in or after it.
    From,
    /// `:to`, a four-digit year: facts that start in or before it.
    To,
    /// `:person`, a person's id: facts the person took part in.
    Person,
    /// `:kind`, a kind, lane, domain or topic, depending on the report.
    Kind,
}

impl Filter {
    pub fn flag(self) -> &'static str {
        match self {
            Filter::From => "--from",
            Filter::To => "--to",
            Filter::Person => "--person",
            Filter::Kind => "--kind",
        }
    }

    fn parameter(self) -> &'static str {
        match self {
            Filter::From => ":from",
            Filter::To => ":to",
            Filter::Person => ":person",
            Filter::Kind => ":kind",
        }
    }
}

/// The filter values a report is run with; None means "not filtered".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// A person's id (resolve a typed name with `names::resolve_one` first).
    pub person: Option<String>,
    pub kind: Option<String>,
}

impl Filters {
    /// The filters that are set.
    pub fn set(&self) -> Vec<Filter> {
        let mut set = Vec::new();
        if self.from.is_some() {
            set.push(Filter::From);
        }
        if self.to.is_some() {
            set.push(Filter::To);
        }
        if self.person.is_some() {
            set.push(Filter::Person);
        }
        if self.kind.is_some() {
            set.push(Filter::Kind);
        }
        set
    }

    fn value(&self, filter: Filter) -> Option<String> {
        match filter {
            Filter::From => self.from.map(|y| format!("{y:04}")),
            Filter::To => self.to.map(|y| format!("{y:04}")),
            Filter::Person => self.person.clone(),
            Filter::Kind => self.kind.clone(),
        }
    }
}

/// A ready-made report: a view of the knowledge base, the query that filters it, and what
/// `--kind` means for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub name: &'static str,
    pub view: &'static str,
    pub about: &'static str,
    pub filters: &'static [Filter],
    /// What `--kind` selects in this report, for the help and error texts.
    pub kind_means: &'static str,
    sql: &'static str,
    /// The statement used instead when `--person` is given, where starting from the person
    /// is much cheaper than filtering every row.
    sql_for_person: Option<&'static str>,
}

use Filter::{From, Kind, Person, To};

/// Every report kb ships, in the order `kb report` lists them.
pub const REPORTS: &[Report] = &[
    Report {
        name: "visits",
        view: "v_visits",
        about: "visits of heads of state to the other country, one row per trip",
        filters: &[From, To, Person, Kind],
        kind_means: "the kind of visit (state, official, working)",
        sql: include_str!("sql/report_visits.sql"),
        sql_for_person: Some(include_str!("sql/report_visits_of_person.sql")),
    },
    Report {
        name: "agreements",
        view: "v_agreements",
        about: "every agreement with its domain, date and parties",
        filters: &[From, To, Kind],
        kind_means: "the domain (economy, taxation, tourism, defense, education, agriculture)",
        sql: include_str!("sql/report_agreements.sql"),
        sql_for_person: None,
    },
    Report {
        name: "timeline",
        view: "v_timeline",
        about: "every dated fact in order, with a human label of its date (--format svg draws it)",
        filters: &[From, To, Person, Kind],
        kind_means: "a lane (history, diplomacy, visits, agreements, economy, education) or a kind",
        sql: include_str!("sql/report_timeline.sql"),
        sql_for_person: Some(include_str!("sql/report_timeline_of_person.sql")),
    },
    Report {
        name: "missions",
        view: "v_missions",
        about: "embassies, consulates and the wartime diplomatic posts, by country and city",
        filters: &[Kind],
        kind_means: "the kind of mission (embassy, consulate-general, diplomatic post)",
        sql: include_str!("sql/report_missions.sql"),
        sql_for_person: None,
    },
    Report {
        name: "history",
        view: "v_history",
        about: "the Second World War chapter: deportation, posts, the army's units, evacuation, figures",
        filters: &[From, To, Kind],
        kind_means: "the topic (deportation, stationing, diplomatic post, figure, agreement, …)",
        sql: include_str!("sql/report_history.sql"),
        sql_for_person: None,
    },
    Report {
        name: "people",
        view: "v_people",
        about: "each person with their offices, events and decorations",
        filters: &[From, To, Person, Kind],
        kind_means: "the relation (office, event, decoration received, decoration conferred)",
        sql: include_str!("sql/report_people.sql"),
        sql_for_person: Some(include_str!("sql/report_people_of_person.sql")),
    },
    Report {
        name: "trade",
        view: "v_trade",
        about: "the economic relationship: trade, companies, investment, the commission, \
                economic agreements and the forum",
        filters: &[From, To, Kind],
        kind_means: "the topic (trade, companies, investment, commission, agreement, forum)",
        sql: include_str!("sql/report_trade.sql"),
        sql_for_person: None,
    },
    Report {
        name: "education",
        view: "v_education",
        about: "students and education agreements",
        filters: &[From, To],
        kind_means: "",
        sql: include_str!("sql/report_education.sql"),
        sql_for_person: None,
    },
    Report {
        name: "transport",
        view: "v_transport",
        about: "transport links and their operators",
        filters: &[Kind],
        kind_means: "the mode (air, rail, road, sea)",
        sql: include_str!("sql/report_transport.sql"),
        sql_for_person: None,
    },
    Report {
        name: "memberships",
        view: "v_memberships",
        about: "memberships in international organizations",
        filters: &[Kind],
        kind_means: "the organization's id (osce, wto, un)",
        sql: include_str!("sql/report_memberships.sql"),
        sql_for_person: None,
    },
];

impl Report {
    /// The statement the report runs, with or without `--person`.
    pub fn statement(&self, with_person: bool) -> &'static str {
        match (with_person, self.sql_for_person) {
            (true, Some(for_person)) => for_person,
            _ => self.sql,
        }
    }
}

/// The statement `kb search` runs.
pub const SEARCH_SQL: &str = include_str!("sql/search.sql");

/// The report with this name, if kb has one.
pub fn report(name: &str) -> Option<&'static Report> {
    REPORTS.iter().find(|r| r.name == name)
}

/// Runs a report with its filters bound as parameters and streams its rows into `sink`.
pub fn run_report(
    conn: &Connection,
    report: &Report,
    filters: &Filters,
    sink: &mut dyn RowSink,
) -> Result<()> {
    if let Some(unused) = filters
        .set()
        .into_iter()
        .find(|f| !report.filters.contains(f))
    {
        let accepted: Vec<&str> = report.filters.iter().map(|f| f.flag()).collect();
        return Err(Error::NotFound(format!(
            "{} does not apply to report {}; it takes {}",
            unused.flag(),
            report.name,
            if accepted.is_empty() {
                "no filters".to_string()
            } else {
                accepted.join(", ")
            }
        )));
    }
    let mut stmt = conn.prepare(report.statement(filters.person.is_some()))?;
    for filter in report.filters {
        if let Some(index) = stmt.parameter_index(filter.parameter())? {
            stmt.raw_bind_parameter(index, filters.value(*filter))?;
        }
    }
    stream(&mut stmt, sink)
}

/// Full-text search: the best hit per person, place, organization, event, agreement or figure,
/// ranked, with a snippet. Case and diacritics do not matter; each word may be the start of a
/// longer one.
pub fn search(conn: &Connection, text: &str, limit: u32, sink: &mut dyn RowSink) -> Result<()> {
    let query = crate::names::match_all_words(text);
    if query.is_empty() {
        return Err(Error::NotFound(format!(
            "'{text}' has no words to search for; give a name or a word"
        )));
    }
    let mut stmt = conn.prepare(SEARCH_SQL)?;
    stmt.raw_bind_parameter(c":query", query)?;
    stmt.raw_bind_parameter(c":limit", limit)?;
    stream(&mut stmt, sink)
}

/// Receives a query's result as it is read: the column names once, then each row.
pub trait RowSink {
    fn columns(&mut self, names: &[String]) -> Result<()>;
    fn row(&mut self, values: &[Value]) -> Result<()>;
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
/// still running after `timeout` (time spent by `sink` included) is interrupted.
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
    // The whole command counts, printing included: a slow or huge output is part of what the
    // user waits for.
    let started = Instant::now();
    conn.progress_handler(10_000, Some(move || started.elapsed() > timeout))?;
    let result = prepare_and_stream(conn, sql, &refused, sink, timeout);
    conn.authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
    conn.progress_handler(0, None::<fn() -> bool>)?;
    result
}

fn prepare_and_stream(
    conn: &Connection,
    sql: &str,
    refused: &Mutex<Option<String>>,
    sink: &mut dyn RowSink,
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
    stream(&mut stmt, sink).map_err(|e| match e {
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

/// Streams the rows of a prepared statement, its parameters already bound, into `sink`.
fn stream(stmt: &mut Statement<'_>, sink: &mut dyn RowSink) -> Result<()> {
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    sink.columns(&names)?;
    let mut rows = stmt.raw_query();
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
