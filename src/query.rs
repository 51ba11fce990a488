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
    /// The terms the report's vocabularies give `--kind` (one column), read without touching
    /// the data: a typed kind found among them, regardless of case, is taken at once. None
    /// where no vocabulary holds the report's kinds.
    kind_terms_sql: Option<&'static str>,
    /// The kinds the report's rows have (one column, sorted), read from its view when a typed
    /// kind is no vocabulary term: it is matched among them regardless of case, or refused
    /// with them listed. Computing the view costs seconds at a million events, so this is
    /// the slow path.
    kinds_sql: Option<&'static str>,
    sql: &'static str,
    /// The statement used instead when `--person` is given, where starting from the person
    /// is much cheaper than filtering every row.
    sql_for_person: Option<&'static str>,
    /// The statement used instead when `--from` is given without `--person`: the same rows,
    /// found through ranges of indexed dates, which `x IS NULL OR …` and an overlap of two
    /// dates hide from the query planner. Without `--from` such a range would start at the
    /// first date, and the plain statement reads as fast.
    sql_for_years: Option<&'static str>,
}

use Filter::{From, Kind, Person, To};

/// Every report kb ships, in the order `kb report` lists them.
pub const REPORTS: &[Report] = &[
    Report {
        name: "visits",
        view: "v_visits",
        about: "visits of heads of state to the other country, one row per trip",
        filters: &[From, To, Person, Kind],
        kind_means: "the type of visit (a term of visit_types)",
        kind_terms_sql: Some("SELECT term FROM visit_types"),
        kinds_sql: Some("SELECT DISTINCT kind FROM v_visits WHERE kind IS NOT NULL ORDER BY 1"),
        sql: include_str!("sql/report_visits.sql"),
        sql_for_person: Some(include_str!("sql/report_visits_of_person.sql")),
        sql_for_years: Some(concat!(
            include_str!("sql/events_running_into_years.sql"),
            include_str!("sql/report_visits_in_years.sql")
        )),
    },
    Report {
        name: "agreements",
        view: "v_agreements",
        about: "every agreement with its domain, date and parties",
        filters: &[From, To, Kind],
        kind_means: "the domain (a term of agreement_domains)",
        kind_terms_sql: Some("SELECT term FROM agreement_domains"),
        kinds_sql: Some("SELECT DISTINCT domain FROM v_agreements WHERE domain IS NOT NULL ORDER BY 1"),
        sql: include_str!("sql/report_agreements.sql"),
        sql_for_person: None,
        sql_for_years: None,
    },
    Report {
        name: "timeline",
        view: "v_timeline",
        about: "every dated fact in order, with a human label of its date (--format svg draws it)",
        filters: &[From, To, Person, Kind],
        kind_means: "a lane (a term of lanes) or a kind of fact",
        kind_terms_sql: Some(include_str!("sql/kind_terms_timeline.sql")),
        kinds_sql: Some(
            "SELECT lane FROM v_timeline WHERE lane IS NOT NULL \
             UNION SELECT kind FROM v_timeline WHERE kind IS NOT NULL ORDER BY 1",
        ),
        sql: include_str!("sql/report_timeline.sql"),
        sql_for_person: Some(include_str!("sql/report_timeline_of_person.sql")),
        sql_for_years: Some(concat!(
            include_str!("sql/events_running_into_years.sql"),
            include_str!("sql/report_timeline_in_years.sql")
        )),
    },
    Report {
        name: "missions",
        view: "v_missions",
        about: "diplomatic missions (embassies, consulates, other posts), by country and city",
        filters: &[Kind],
        kind_means: "the kind of mission (a term of mission_kinds)",
        kind_terms_sql: Some("SELECT term FROM mission_kinds"),
        kinds_sql: Some("SELECT DISTINCT kind FROM v_missions WHERE kind IS NOT NULL ORDER BY 1"),
        sql: include_str!("sql/report_missions.sql"),
        sql_for_person: None,
        sql_for_years: None,
    },
    Report {
        name: "history",
        view: "v_history",
        about: "the history lane: its events, the missions they set up, its figures and agreements",
        filters: &[From, To, Kind],
        kind_means: "the topic (an event kind, a mission kind, figure or agreement)",
        kind_terms_sql: Some(include_str!("sql/kind_terms_history.sql")),
        kinds_sql: Some("SELECT DISTINCT topic FROM v_history WHERE topic IS NOT NULL ORDER BY 1"),
        sql: include_str!("sql/report_history.sql"),
        sql_for_person: None,
        sql_for_years: None,
    },
    Report {
        name: "people",
        view: "v_people",
        about: "each person with their offices, events and decorations",
        filters: &[From, To, Person, Kind],
        kind_means: "the relation (office, event, decoration received, decoration conferred)",
        kind_terms_sql: Some(include_str!("sql/kind_terms_people.sql")),
        kinds_sql: Some(
            // A relation ("event: host") or its part before the colon ("event").
            "SELECT relation FROM v_people WHERE relation IS NOT NULL \
             UNION SELECT substr(relation, 1, instr(relation, ':') - 1) FROM v_people \
             WHERE instr(relation, ':') > 1 ORDER BY 1",
        ),
        sql: include_str!("sql/report_people.sql"),
        sql_for_person: Some(include_str!("sql/report_people_of_person.sql")),
        sql_for_years: Some(concat!(
            include_str!("sql/events_running_into_years.sql"),
            include_str!("sql/report_people_in_years.sql")
        )),
    },
    Report {
        name: "trade",
        view: "v_trade",
        about: "the economic relationship: the figures, organizations, agreements and events \
                whose vocabulary names the trade report",
        filters: &[From, To, Kind],
        kind_means: "the topic (a metric's or organization kind's topic, agreement, or an event kind)",
        kind_terms_sql: Some(include_str!("sql/kind_terms_trade.sql")),
        kinds_sql: Some("SELECT DISTINCT topic FROM v_trade WHERE topic IS NOT NULL ORDER BY 1"),
        sql: include_str!("sql/report_trade.sql"),
        sql_for_person: None,
        sql_for_years: Some(include_str!("sql/report_trade_in_years.sql")),
    },
    Report {
        name: "education",
        view: "v_education",
        about: "students and education agreements",
        filters: &[From, To],
        kind_means: "",
        kind_terms_sql: None,
        kinds_sql: None,
        sql: include_str!("sql/report_education.sql"),
        sql_for_person: None,
        sql_for_years: None,
    },
    Report {
        name: "transport",
        view: "v_transport",
        about: "transport links and their operators",
        filters: &[Kind],
        kind_means: "the mode (air, rail, road, sea)",
        kind_terms_sql: None,
        kinds_sql: Some("SELECT DISTINCT mode FROM v_transport WHERE mode IS NOT NULL ORDER BY 1"),
        sql: include_str!("sql/report_transport.sql"),
        sql_for_person: None,
        sql_for_years: None,
    },
    Report {
        name: "memberships",
        view: "v_memberships",
        about: "memberships in international organizations",
        filters: &[Kind],
        kind_means: "the organization's id",
        kind_terms_sql: None,
        kinds_sql: Some("SELECT DISTINCT organization_id FROM v_memberships WHERE organization_id IS NOT NULL ORDER BY 1"),
        sql: include_str!("sql/report_memberships.sql"),
        sql_for_person: None,
        sql_for_years: None,
    },
];

impl Report {
    /// The statement the report runs with these filters: the one for `--person`, the one for
    /// `--from`, or its own.
    pub fn statement(&self, filters: &Filters) -> &'static str {
        let in_years = filters.from.is_some();
        match (
            filters.person.is_some(),
            self.sql_for_person,
            self.sql_for_years,
        ) {
            (true, Some(for_person), _) => for_person,
            (false, _, Some(for_years)) if in_years => for_years,
            _ => self.sql,
        }
    }

    /// The statement to run on `conn`: `statement`, except that years covering more than a
    /// quarter of those the events span are read by the report's own statement. Found by
    /// date, most rows would be looked up one by one, which takes longer than reading the
    /// view through: at a million events, people from 1990 (a third of the years) took
    /// 3.1 s against 2.8 s, and from 1920 to 2024 10.5 s against 5.7 s.
    fn statement_on(&self, conn: &Connection, filters: &Filters) -> Result<&'static str> {
        let statement = self.statement(filters);
        if Some(statement) != self.sql_for_years || covers_few_years(conn, filters)? {
            return Ok(statement);
        }
        Ok(self.sql)
    }
}

/// Whether the years from `--from` to `--to` (or the last) cover at most a quarter of those
/// from the first event's start to the last's, both found through the index on start_date.
fn covers_few_years(conn: &Connection, filters: &Filters) -> Result<bool> {
    let span: (Option<String>, Option<String>) = conn.query_row(
        "SELECT (SELECT min(start_date) FROM events), (SELECT max(start_date) FROM events)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let year = |date: Option<String>| date.and_then(|d| d.get(..4)?.parse::<i32>().ok());
    let (Some(first), Some(last), Some(from)) = (year(span.0), year(span.1), filters.from) else {
        return Ok(true);
    };
    let to = filters.to.unwrap_or(last).min(last);
    let covered = (to - from.max(first) + 1).max(0);
    Ok(covered * 4 <= last - first + 1)
}

/// The timeline's lanes, in the order the seed's lanes.csv gives them.
pub fn lanes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT term FROM lanes ORDER BY rowid")?;
    let lanes = stmt.query_map([], |r| r.get(0))?;
    Ok(lanes.collect::<rusqlite::Result<_>>()?)
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
        return Err(Error::Usage(format!(
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
    let mut stmt = prepared(conn, report, filters, report.statement_on(conn, filters)?)?;
    stream(&mut stmt, sink)
}

/// `sql` (a report's own statement, or one made from it) prepared with the report's filters
/// bound, the typed kind first mapped to the term the data has.
fn prepared<'c>(
    conn: &'c Connection,
    report: &Report,
    filters: &Filters,
    sql: &str,
) -> Result<Statement<'c>> {
    let kind = match &filters.kind {
        Some(typed) => Some(known_kind(conn, report, typed)?),
        None => None,
    };
    let filters = Filters {
        kind,
        ..filters.clone()
    };
    let mut stmt = conn.prepare(sql)?;
    for filter in report.filters {
        if let Some(index) = stmt.parameter_index(filter.parameter())? {
            stmt.raw_bind_parameter(index, filters.value(*filter))?;
        }
    }
    Ok(stmt)
}

/// How many rows a report has with these filters: its own statement, counted.
pub fn count_report(conn: &Connection, report: &Report, filters: &Filters) -> Result<u64> {
    let statement = report.statement_on(conn, filters)?;
    let sql = format!(
        "SELECT count(*) FROM ({})",
        statement.trim_end().trim_end_matches(';')
    );
    let mut stmt = prepared(conn, report, filters, &sql)?;
    let mut rows = stmt.raw_query();
    let row = rows.next()?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    Ok(row.get::<_, i64>(0)? as u64)
}

/// The kinds a report's `--kind` may take, as the data has them.
pub fn kinds(conn: &Connection, report: &Report) -> Result<Vec<String>> {
    match report.kinds_sql {
        Some(sql) => terms(conn, sql),
        None => Ok(Vec::new()),
    }
}

/// The first column of each row of `sql`, as text.
fn terms(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let terms = stmt.query_map([], |row| {
        Ok(match row.get::<_, Value>(0)? {
            Value::Text(s) => s,
            Value::Integer(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Null | Value::Blob(_) => String::new(),
        })
    })?;
    terms.map(|t| t.map_err(Error::from)).collect()
}

/// At most this many kinds are named when a typed one is unknown; the rest are counted.
const KINDS_LISTED: usize = 40;

/// The stored term a typed `--kind` means: the same text, or the term that differs from it
/// only in case, among the report's vocabulary terms first and then among the kinds its rows
/// have; any other is refused with the kinds the rows have.
fn known_kind(conn: &Connection, report: &Report, typed: &str) -> Result<String> {
    if let Some(sql) = report.kind_terms_sql {
        if let Some(term) = matching(terms(conn, sql)?, typed) {
            return Ok(term);
        }
    }
    let in_data = kinds(conn, report)?;
    if let Some(term) = matching(in_data.clone(), typed) {
        return Ok(term);
    }
    let mut listed: Vec<String> = in_data.iter().take(KINDS_LISTED).cloned().collect();
    if in_data.len() > KINDS_LISTED {
        listed.push(format!("and {} more", in_data.len() - KINDS_LISTED));
    }
    Err(Error::NotFound(if listed.is_empty() {
        format!(
            "report {} has no kind '{typed}'; this file has no kinds for it",
            report.name
        )
    } else {
        format!(
            "report {} has no kind '{typed}'; --kind takes {}",
            report.name,
            listed.join(", ")
        )
    }))
}

/// The term that is `typed`, or else the first that differs from it only in case.
fn matching(terms: Vec<String>, typed: &str) -> Option<String> {
    if terms.iter().any(|t| t == typed) {
        return Some(typed.to_string());
    }
    let lower = typed.to_lowercase();
    terms.into_iter().find(|t| t.to_lowercase() == lower)
}

/// What the snippet of a hit puts around each matched word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub open: &'static str,
    pub close: &'static str,
}

/// Matched words in [brackets], as CSV, JSON and Markdown show them.
pub const BRACKETS: Marks = Marks {
    open: "[",
    close: "]",
};

/// Full-text search: the best hit per person, place, organization, event, agreement or figure,
/// ranked, with a snippet. Case and diacritics do not matter; each word may be the start of a
/// longer one.
pub fn search(
    conn: &Connection,
    text: &str,
    limit: u32,
    marks: Marks,
    sink: &mut dyn RowSink,
) -> Result<()> {
    if !crate::names::has_words(text) {
        return Err(crate::names::nothing_to_look_for(text, "a name or a word"));
    }
    let query = crate::names::match_all_words(text);
    let mut stmt = conn.prepare(SEARCH_SQL)?;
    stmt.raw_bind_parameter(c":query", query)?;
    stmt.raw_bind_parameter(c":limit", limit)?;
    stmt.raw_bind_parameter(c":open", marks.open)?;
    stmt.raw_bind_parameter(c":close", marks.close)?;
    stream(&mut stmt, sink)
}

/// Receives a query's result as it is read: the column names once, then each row.
pub trait RowSink {
    fn columns(&mut self, names: &[String]) -> Result<()>;
    fn row(&mut self, values: &[Value]) -> Result<()>;
}

/// PRAGMAs that only read, whatever their argument (a table's name, a number of errors).
const READING_PRAGMAS: &[&str] = &[
    "collation_list",
    "compile_options",
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

/// PRAGMAs that report a setting when given no value (and change it when given one).
const SETTING_PRAGMAS: &[&str] = &[
    "analysis_limit",
    "application_id",
    "auto_vacuum",
    "automatic_index",
    "busy_timeout",
    "cache_size",
    "cache_spill",
    "cell_size_check",
    "checkpoint_fullfsync",
    "data_version",
    "defer_foreign_keys",
    "encoding",
    "foreign_keys",
    "freelist_count",
    "fullfsync",
    "hard_heap_limit",
    "ignore_check_constraints",
    "journal_mode",
    "journal_size_limit",
    "legacy_alter_table",
    "locking_mode",
    "max_page_count",
    "mmap_size",
    "page_count",
    "page_size",
    "query_only",
    "read_uncommitted",
    "recursive_triggers",
    "reverse_unordered_selects",
    "schema_version",
    "secure_delete",
    "soft_heap_limit",
    "synchronous",
    "temp_store",
    "threads",
    "trusted_schema",
    "user_version",
    "wal_autocheckpoint",
];

/// What the authorizer saw while a statement was prepared (or, for a pragma's table-valued
/// function, run).
#[derive(Debug, Default)]
struct Seen {
    /// Why an action was refused, for the message.
    refused: Option<String>,
    /// A pragma on the lists above was allowed: SQLite marks some of them (journal_mode) as
    /// not read-only even when they only report.
    reading_pragma: bool,
}

/// What an ad-hoc statement may do: read tables, call functions and run the pragmas that
/// only read. Everything else is refused by SQLite while the statement is prepared (a
/// pragma's table-valued function prepares its PRAGMA when it runs, and is refused then).
fn authorize(context: AuthContext<'_>, seen: &Mutex<Seen>) -> Authorization {
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
            let reads = READING_PRAGMAS.contains(&name.as_str())
                || (pragma_value.is_none() && SETTING_PRAGMAS.contains(&name.as_str()));
            if reads {
                seen.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .reading_pragma = true;
                return Authorization::Allow;
            }
            if pragma_value.is_some() && SETTING_PRAGMAS.contains(&name.as_str()) {
                format!("PRAGMA {name} with a value changes settings and is not allowed")
            } else {
                format!("PRAGMA {name} does more than read and is not allowed")
            }
        }
        AuthAction::Attach { .. } | AuthAction::Detach { .. } => {
            "ATTACH and DETACH are not allowed".to_string()
        }
        AuthAction::Transaction { .. } | AuthAction::Savepoint { .. } => {
            "transactions (BEGIN, COMMIT, SAVEPOINT …) are not allowed".to_string()
        }
        _ => "this statement would change the database".to_string(),
    };
    seen.lock().unwrap_or_else(|e| e.into_inner()).refused = Some(reason);
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
        return Err(Error::Query(
            "no SQL given; expected one SELECT statement".into(),
        ));
    }
    // SQLite reads a statement only up to a NUL, so what follows would be silently ignored.
    if let Some(at) = sql.find('\0') {
        return Err(Error::Query(format!(
            "the SQL holds a NUL character at character {}; remove it",
            sql[..at].chars().count() + 1
        )));
    }
    let seen = Arc::new(Mutex::new(Seen::default()));
    let watched = Arc::clone(&seen);
    conn.authorizer(Some(move |context: AuthContext<'_>| {
        authorize(context, &watched)
    }))?;
    // The whole command counts, printing included: a slow or huge output is part of what the
    // user waits for.
    let started = Instant::now();
    conn.progress_handler(10_000, Some(move || started.elapsed() > timeout))?;
    let result = prepare_and_stream(conn, sql, &seen, sink, timeout);
    conn.authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
    conn.progress_handler(0, None::<fn() -> bool>)?;
    result
}

fn prepare_and_stream(
    conn: &Connection,
    sql: &str,
    seen: &Mutex<Seen>,
    sink: &mut dyn RowSink,
    timeout: Duration,
) -> Result<()> {
    let refusal = |e: Error| match seen
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .refused
        .take()
    {
        Some(reason) => {
            Error::NotReadOnly(format!("kb sql only reads: {reason}, {READ_ONLY_HINT}"))
        }
        None => match e {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                Error::Query(format!(
                    "the query ran longer than {} s and was stopped; narrow it, or allow \
                         more time with --timeout SECONDS",
                    timeout.as_secs_f64()
                ))
            }
            Error::Sqlite(e) => Error::Query(format!("SQL error: {e}")),
            other => other,
        },
    };
    // Statements are prepared one at a time, so a second one is noticed before it can run.
    let mut batch = Batch::new(conn, sql);
    let mut stmt = batch
        .next()
        .map_err(|e| refusal(e.into()))?
        .ok_or_else(|| Error::Query("no SQL given; expected one SELECT statement".into()))?;
    if !matches!(batch.next(), Ok(None)) {
        return Err(Error::Query(
            "kb sql runs one statement at a time; remove the statements after the first".into(),
        ));
    }
    let reading_pragma = seen
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .reading_pragma;
    if !stmt.readonly() && !reading_pragma {
        return Err(Error::NotReadOnly(format!(
            "kb sql only reads: this statement would change the database, {READ_ONLY_HINT}"
        )));
    }
    stream(&mut stmt, sink).map_err(refusal)
}

/// Streams the rows of a prepared statement, its parameters already bound, into `sink`. The
/// column names are handed on after the first step, so a statement refused or failing as it
/// starts (a pragma's table-valued function) prints nothing.
fn stream(stmt: &mut Statement<'_>, sink: &mut dyn RowSink) -> Result<()> {
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    let mut rows = stmt.raw_query();
    let mut row = rows.next()?;
    sink.columns(&names)?;
    let mut values = Vec::with_capacity(names.len());
    while let Some(current) = row {
        values.clear();
        for i in 0..names.len() {
            values.push(current.get::<_, Value>(i)?);
        }
        sink.row(&values)?;
        row = rows.next()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    /// Collects what a query prints, as text.
    #[derive(Default)]
    struct Rows {
        lines: Vec<String>,
        /// A pause on the first row, as a slow reader makes.
        pause: Duration,
    }

    impl RowSink for Rows {
        fn columns(&mut self, names: &[String]) -> Result<()> {
            self.lines.push(names.join(","));
            Ok(())
        }
        fn row(&mut self, values: &[Value]) -> Result<()> {
            if self.lines.len() == 1 {
                std::thread::sleep(self.pause);
            }
            let cells: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
            self.lines.push(cells.join(","));
            Ok(())
        }
    }

    /// A writable, migrated database: what is refused here is refused by the authorizer
    /// alone, not by a read-only file.
    fn writable() -> Connection {
        let mut conn = db::open_in_memory().unwrap();
        db::migrate(&mut conn).unwrap();
        conn
    }

    fn run(conn: &mut Connection, sql: &str) -> Result<Vec<String>> {
        let mut rows = Rows::default();
        run_sql(conn, sql, Duration::from_secs(10), &mut rows)?;
        Ok(rows.lines)
    }

    /// The authorizer's own answer to `action`, apart from the read-only file and the
    /// statement's read-only flag that back it up.
    fn decided(action: AuthAction<'_>) -> (bool, Option<String>) {
        let seen = Mutex::new(Seen::default());
        let context = AuthContext {
            action,
            database_name: Some("main"),
            accessor: None,
        };
        let allowed = matches!(authorize(context, &seen), Authorization::Allow);
        (allowed, seen.into_inner().unwrap().refused)
    }

    #[test]
    fn the_authorizer_itself_denies_each_kind_of_write() {
        use rusqlite::hooks::TransactionOperation;
        let writes = [
            AuthAction::Insert {
                table_name: "persons",
            },
            AuthAction::Update {
                table_name: "persons",
                column_name: "name",
            },
            AuthAction::Delete {
                table_name: "persons",
            },
            AuthAction::CreateTable { table_name: "t" },
            AuthAction::CreateTempTable { table_name: "t" },
            AuthAction::DropView {
                view_name: "v_visits",
            },
            AuthAction::AlterTable {
                database_name: "main",
                table_name: "persons",
            },
            AuthAction::Attach {
                filename: "other.db",
            },
            AuthAction::Transaction {
                operation: TransactionOperation::Begin,
            },
            AuthAction::Function {
                function_name: "LOAD_EXTENSION",
            },
            AuthAction::Pragma {
                pragma_name: "user_version",
                pragma_value: Some("3"),
            },
            AuthAction::Pragma {
                pragma_name: "optimize",
                pragma_value: None,
            },
        ];
        for action in writes {
            let shown = format!("{action:?}");
            let (allowed, reason) = decided(action);
            assert!(!allowed, "{shown} was allowed");
            assert!(
                reason.is_some_and(|r| !r.is_empty()),
                "{shown} has no reason"
            );
        }
        for action in [
            AuthAction::Select,
            AuthAction::Read {
                table_name: "persons",
                column_name: "name",
            },
            AuthAction::Function {
                function_name: "upper",
            },
            AuthAction::Pragma {
                pragma_name: "table_info",
                pragma_value: Some("persons"),
            },
        ] {
            let shown = format!("{action:?}");
            assert!(decided(action).0, "{shown} was denied");
        }
    }

    #[test]
    fn the_authorizer_lets_reading_through() {
        let mut conn = writable();
        for sql in [
            "SELECT count(*) FROM persons",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n",
            "SELECT upper('a'), json_object('a', 1)",
            "PRAGMA journal_mode",
            "PRAGMA main.user_version",
            "PRAGMA foreign_keys",
            "PRAGMA table_info(persons)",
            "PRAGMA integrity_check(5)",
            "SELECT name FROM pragma_table_info('persons')",
            "SELECT * FROM pragma_journal_mode",
        ] {
            let printed = run(&mut conn, sql);
            assert!(printed.is_ok(), "{sql}: {printed:?}");
        }
        assert_eq!(
            run(&mut conn, "PRAGMA journal_mode").unwrap(),
            ["journal_mode", "Text(\"memory\")"]
        );
    }

    #[test]
    fn the_authorizer_refuses_everything_else_even_on_a_writable_file() {
        let mut conn = writable();
        let before: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        for (sql, reason) in [
            (
                "DELETE FROM persons",
                "this statement would change the database",
            ),
            (
                "CREATE TEMP TABLE t (x)",
                "this statement would change the database",
            ),
            (
                "DROP VIEW v_visits",
                "this statement would change the database",
            ),
            ("VACUUM", "this statement would change the database"),
            (
                "ATTACH ':memory:' AS other",
                "ATTACH and DETACH are not allowed",
            ),
            (
                "BEGIN",
                "transactions (BEGIN, COMMIT, SAVEPOINT …) are not allowed",
            ),
            (
                "SELECT load_extension('x')",
                "load_extension() is not allowed",
            ),
            (
                "PRAGMA user_version = 3",
                "PRAGMA user_version with a value changes settings and is not allowed",
            ),
            (
                "PRAGMA journal_mode = OFF",
                "PRAGMA journal_mode with a value changes settings and is not allowed",
            ),
            (
                "PRAGMA optimize",
                "PRAGMA optimize does more than read and is not allowed",
            ),
            (
                "PRAGMA shrink_memory",
                "PRAGMA shrink_memory does more than read and is not allowed",
            ),
            (
                "PRAGMA wal_checkpoint",
                "PRAGMA wal_checkpoint does more than read and is not allowed",
            ),
            (
                "PRAGMA incremental_vacuum",
                "PRAGMA incremental_vacuum does more than read and is not allowed",
            ),
            (
                "PRAGMA writable_schema = 1",
                "PRAGMA writable_schema does more than read and is not allowed",
            ),
            (
                "SELECT * FROM pragma_optimize",
                "PRAGMA optimize does more than read and is not allowed",
            ),
            (
                "SELECT 1 FROM pragma_optimize",
                "PRAGMA optimize does more than read and is not allowed",
            ),
        ] {
            let mut rows = Rows::default();
            let err = run_sql(&mut conn, sql, Duration::from_secs(10), &mut rows).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("kb sql only reads: {reason}, {READ_ONLY_HINT}"),
                "{sql}"
            );
            assert!(rows.lines.is_empty(), "{sql} printed {:?}", rows.lines);
        }
        let after: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, after);
        assert_eq!(
            conn.query_row(
                "SELECT count(*) FROM pragma_database_list WHERE name NOT IN ('main', 'temp')",
                [],
                |r| r.get::<_, i64>(0)
            )
            .unwrap(),
            0,
            "nothing was attached"
        );
    }

    #[test]
    fn a_nul_in_the_sql_is_refused_with_its_position() {
        let mut conn = writable();
        let err = run(&mut conn, "SELECT 'é'\0; DELETE FROM persons").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the SQL holds a NUL character at character 11; remove it"
        );
    }

    #[test]
    fn time_spent_printing_counts_toward_the_timeout() {
        let mut conn = writable();
        let mut rows = Rows {
            pause: Duration::from_millis(300),
            ..Rows::default()
        };
        let err = run_sql(
            &mut conn,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) \
             SELECT i FROM n",
            Duration::from_millis(100),
            &mut rows,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the query ran longer than 0.1 s"),
            "{err}"
        );
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn every_report_with_a_kind_filter_reads_its_kinds_from_the_data() {
        let conn = crate::testing::loaded();
        for report in REPORTS {
            let takes_kind = report.filters.contains(&Filter::Kind);
            assert_eq!(takes_kind, report.kinds_sql.is_some(), "{}", report.name);
            let terms = kinds(&conn, report).unwrap();
            assert_eq!(takes_kind, !terms.is_empty(), "{}", report.name);
            for term in &terms {
                // Each term, typed in capitals, finds rows.
                let filters = Filters {
                    kind: Some(term.to_uppercase()),
                    ..Filters::default()
                };
                let mut count = Count(0);
                run_report(&conn, report, &filters, &mut count).unwrap();
                assert!(count.0 > 0, "{} --kind {term} matched nothing", report.name);
            }
        }
    }

    #[test]
    fn every_kind_the_rows_have_is_a_vocabulary_term() {
        // So a kind that finds rows is taken without computing the view.
        let conn = crate::testing::loaded();
        for report in REPORTS.iter().filter(|r| r.kind_terms_sql.is_some()) {
            let vocabulary = terms(&conn, report.kind_terms_sql.unwrap()).unwrap();
            for kind in kinds(&conn, report).unwrap() {
                assert!(
                    vocabulary.contains(&kind),
                    "{}: {kind} is not among {vocabulary:?}",
                    report.name
                );
            }
        }
    }

    #[test]
    fn a_vocabulary_term_no_row_has_gives_an_empty_report() {
        let conn = crate::testing::loaded();
        let people = report("people").unwrap();
        assert!(!kinds(&conn, people)
            .unwrap()
            .contains(&"event: invader".to_string()));
        let filters = Filters {
            kind: Some("Event: Invader".to_string()),
            ..Filters::default()
        };
        let mut count = Count(0);
        run_report(&conn, people, &filters, &mut count).unwrap();
        assert_eq!(count.0, 0);
    }

    #[test]
    fn an_unknown_kind_is_refused_with_the_kinds_the_rows_have() {
        let conn = crate::testing::loaded();
        let filters = Filters {
            kind: Some("stat".to_string()),
            ..Filters::default()
        };
        let err = run_report(&conn, report("visits").unwrap(), &filters, &mut Count(0))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "report visits has no kind 'stat'; --kind takes official, state"
        );
        // A kind the rows have but no vocabulary lists is still taken.
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;
             UPDATE events SET visit_type = 'unlisted' WHERE visit_type = 'state';",
        )
        .unwrap();
        let filters = Filters {
            kind: Some("UNLISTED".to_string()),
            ..Filters::default()
        };
        let mut count = Count(0);
        run_report(&conn, report("visits").unwrap(), &filters, &mut count).unwrap();
        assert!(count.0 > 0);
    }

    struct Count(usize);

    impl RowSink for Count {
        fn columns(&mut self, _: &[String]) -> Result<()> {
            Ok(())
        }
        fn row(&mut self, _: &[Value]) -> Result<()> {
            self.0 += 1;
            Ok(())
        }
    }
}

#[cfg(test)]
mod years_tests {
    use super::*;

    /// Every row a statement gives, in order.
    #[derive(Default)]
    struct Collected(Vec<Vec<Value>>);

    impl RowSink for Collected {
        fn columns(&mut self, _: &[String]) -> Result<()> {
            Ok(())
        }
        fn row(&mut self, values: &[Value]) -> Result<()> {
            self.0.push(values.to_vec());
            Ok(())
        }
    }

    fn rows(conn: &Connection, report: &Report, filters: &Filters, sql: &str) -> Vec<Vec<Value>> {
        let mut collected = Collected::default();
        let mut stmt = prepared(conn, report, filters, sql).unwrap();
        stream(&mut stmt, &mut collected).unwrap();
        collected.0
    }

    /// The shipped data, with spans made to cross years in every table a report dates by:
    /// events (so visits, participations and decorations), offices and figures.
    fn spanning_years() -> Connection {
        let conn = crate::testing::loaded();
        conn.execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE events SET start_date = substr(start_date, 1, 4),
                 end_date = CAST(substr(start_date, 1, 4) + rowid % 4 AS TEXT), date_precision = 'year'
             WHERE start_date IS NOT NULL;
             UPDATE person_offices SET end_date = CAST(substr(start_date, 1, 4) + rowid % 6 AS TEXT)
             WHERE start_date IS NOT NULL;
             UPDATE figures SET end_date = CAST(substr(start_date, 1, 4) + rowid % 3 AS TEXT)
             WHERE start_date IS NOT NULL;",
        )
        .unwrap();
        conn
    }

    #[test]
    fn the_statements_for_years_give_the_rows_of_the_reports_own() {
        let conn = spanning_years();
        let years = [
            1939, 1941, 1942, 1946, 1947, 1991, 1995, 2004, 2014, 2016, 2022,
        ];
        let mut compared = 0;
        for report in REPORTS.iter().filter(|r| r.sql_for_years.is_some()) {
            let mut kinds_to_try: Vec<Option<String>> = vec![None];
            kinds_to_try.extend(kinds(&conn, report).unwrap().into_iter().take(3).map(Some));
            for from in years {
                for to in [
                    None,
                    Some(from),
                    Some(from + 1),
                    Some(from + 6),
                    Some(from - 1),
                ] {
                    for kind in &kinds_to_try {
                        let filters = Filters {
                            from: Some(from),
                            to,
                            kind: kind.clone(),
                            ..Filters::default()
                        };
                        let for_years = report.statement(&filters);
                        assert_ne!(for_years, report.sql, "{}", report.name);
                        let expected = rows(&conn, report, &filters, report.sql);
                        let found = rows(&conn, report, &filters, for_years);
                        assert_eq!(found, expected, "{} {filters:?}", report.name);
                        compared += expected.len();
                    }
                }
            }
        }
        assert!(compared > 1000, "{compared} rows compared");
    }

    #[test]
    fn years_covering_most_of_the_data_are_read_by_the_reports_own_statement() {
        let conn = crate::testing::loaded();
        let (first, last): (i32, i32) = conn
            .query_row(
                "SELECT CAST(min(substr(start_date, 1, 4)) AS INTEGER), \
                 CAST(max(substr(start_date, 1, 4)) AS INTEGER) FROM events",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let quarter = (last - first + 1) / 4;
        let people = report("people").unwrap();
        let years = |from: i32, to: Option<i32>| Filters {
            from: Some(from),
            to,
            ..Filters::default()
        };
        let runs = |filters: &Filters| people.statement_on(&conn, filters).unwrap();
        let for_years = people.sql_for_years.unwrap();
        assert_eq!(runs(&years(last, Some(last))), for_years);
        assert_eq!(runs(&years(last - quarter + 1, None)), for_years);
        assert_eq!(runs(&years(last - quarter, None)), people.sql);
        assert_eq!(
            runs(&years(first - 100, Some(first + quarter - 1))),
            for_years
        );
        assert_eq!(runs(&years(first - 100, Some(first + quarter))), people.sql);
        assert_eq!(runs(&years(last + 5, None)), for_years);
    }

    #[test]
    fn a_span_that_starts_before_the_years_is_found() {
        let conn = spanning_years();
        let visits = report("visits").unwrap();
        let (event, end): (String, String) = conn
            .query_row(
                "SELECT event_id, end_date FROM v_visits WHERE end_date > start_date LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let filters = Filters {
            from: Some(end.parse().unwrap()),
            to: Some(end.parse().unwrap()),
            ..Filters::default()
        };
        let found = rows(&conn, visits, &filters, visits.statement(&filters));
        let event_at = found[0].len() - 3;
        assert!(
            found
                .iter()
                .any(|row| row[event_at] == Value::Text(event.clone())),
            "{event} ends in {end}"
        );
    }
}
