//! The CHECK rules of the seed's tables, evaluated by kb on the values it binds, so that a load
//! can switch SQLite's own evaluation off (`PRAGMA ignore_check_constraints`, which lasts for
//! the connection only: a file edited later in any client still gets every rule).
//!
//! Each rule is read from the table's CREATE TABLE statement and recognised by its text; a
//! rule kb does not know (a later migration's, say) leaves SQLite evaluating every rule. A
//! property test holds each rule here to the SQL it stands for.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use super::rows::InsertPlan;
use crate::check_rules;
use crate::error::Result;
use crate::seed::{self, SeedRow};

/// A CHECK rule kb evaluates itself, over the table's columns by name.
#[derive(Debug, Clone, PartialEq)]
enum Rule {
    /// `c <> ''`
    NotEmpty(String),
    /// `c <> '' AND c = trim(c)`
    Trimmed(String),
    /// `c <> '' AND c = trim(c) AND c NOT GLOB '*[' || char(9, 10, 13) || ']*'`
    Identifier(String),
    /// `length(c) >= n`
    MinLength(String, i64),
    /// `c >= n`
    AtLeast(String, i64),
    /// `c IN ('a', 'b', …)`
    OneOf(String, Vec<String>),
    /// `(a IS NOT NULL) + (b IS NOT NULL) … = 1`
    ExactlyOne(Vec<String>),
    /// `typeof(c) IN ('integer', 'real')`
    Numeric(String),
    /// V1's country code: two capitals, or two and two joined by a hyphen.
    CountryCode,
    /// The start date, end date and precision of a dated row (the long CASE of V1 and V10).
    DateSpan,
    /// `date_qualifier IS NULL OR date_precision IS NOT NULL`
    QualifierNeedsPrecision,
    /// `(signed_date IS NULL) = (date_precision IS NULL)`
    SignedDateWithPrecision,
    /// `date_precision <> 'year' OR signed_date GLOB '[0-9][0-9][0-9][0-9]'`, and the same for
    /// months and days.
    SignedDateAs(&'static str),
}

/// One table's CHECK rules, each with its text as SQLite names it in an error.
#[derive(Debug)]
pub(super) struct TableRules {
    rules: Vec<(String, Rule)>,
}

/// The rules of every seed table, when kb knows them all.
pub(super) type SeedRules = HashMap<&'static str, TableRules>;

/// The rules of every seed table of `conn`'s schema; None when one of them is not a rule kb
/// knows or names a column the load does not fill, and SQLite must go on evaluating them.
pub(super) fn of_schema(conn: &Connection) -> Result<Option<SeedRules>> {
    let mut all = HashMap::new();
    // The sources go in apart, before SQLite's evaluation is switched off.
    for spec in seed::TABLES
        .iter()
        .filter(|t| t.table != seed::Source::TABLE)
    {
        let filled: Vec<&str> = InsertPlan::of(spec).table_columns().collect();
        let sql = check_rules::table_sql(conn, spec.table)?;
        let mut rules = Vec::new();
        for span in check_rules::spans(&sql) {
            let one_line = span.split_whitespace().collect::<Vec<_>>().join(" ");
            match Rule::parse(&one_line) {
                Some(rule) if rule.columns().iter().all(|c| filled.contains(c)) => {
                    rules.push((span.to_string(), rule));
                }
                _ => return Ok(None),
            }
        }
        all.insert(spec.table, TableRules { rules });
    }
    Ok(Some(all))
}

/// The error SQLite gives a row that breaks `rule`.
pub(super) fn check_failed(rule: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_CHECK),
        Some(format!("CHECK constraint failed: {rule}")),
    )
}

impl TableRules {
    /// The first rule (in the table's order, as SQLite tries them) that the row breaks, as
    /// SQLite names it; `value` gives a column's bound value by name.
    pub(super) fn broken<'v>(&self, value: &dyn Fn(&str) -> ValueRef<'v>) -> Option<&str> {
        self.rules
            .iter()
            .find(|(_, rule)| rule.holds(value) == Some(false))
            .map(|(text, _)| text.as_str())
    }
}

impl Rule {
    /// The rule a CHECK expression (on one line) states, when kb knows it.
    fn parse(text: &str) -> Option<Rule> {
        let known = match text {
            "code GLOB '[A-Z][A-Z]' OR code GLOB '[A-Z][A-Z]-[A-Z][A-Z]'" => Rule::CountryCode,
            DATE_SPAN => Rule::DateSpan,
            "date_qualifier IS NULL OR date_precision IS NOT NULL" => Rule::QualifierNeedsPrecision,
            "(signed_date IS NULL) = (date_precision IS NULL)" => Rule::SignedDateWithPrecision,
            "date_precision <> 'year' OR signed_date GLOB '[0-9][0-9][0-9][0-9]'" => {
                Rule::SignedDateAs("year")
            }
            "date_precision <> 'month' OR (length(signed_date) = 7 AND date(signed_date || '-01') = signed_date || '-01')" => {
                Rule::SignedDateAs("month")
            }
            "date_precision <> 'day' OR (length(signed_date) = 10 AND date(signed_date) = signed_date)" => {
                Rule::SignedDateAs("day")
            }
            _ => return Rule::parse_on_columns(text),
        };
        Some(known)
    }

    /// The columns the rule reads.
    fn columns(&self) -> Vec<&str> {
        match self {
            Rule::NotEmpty(c)
            | Rule::Trimmed(c)
            | Rule::Identifier(c)
            | Rule::MinLength(c, _)
            | Rule::AtLeast(c, _)
            | Rule::OneOf(c, _)
            | Rule::Numeric(c) => vec![c.as_str()],
            Rule::ExactlyOne(columns) => columns.iter().map(String::as_str).collect(),
            Rule::CountryCode => vec!["code"],
            Rule::DateSpan => vec!["start_date", "end_date", "date_precision"],
            Rule::QualifierNeedsPrecision => vec!["date_qualifier", "date_precision"],
            Rule::SignedDateWithPrecision | Rule::SignedDateAs(_) => {
                vec!["signed_date", "date_precision"]
            }
        }
    }

    /// The rules that name their column: the same rule on another column is the same rule.
    fn parse_on_columns(text: &str) -> Option<Rule> {
        if let Some((column, rest)) = text.split_once(" <> '' AND ") {
            let trimmed = format!("{column} = trim({column})");
            let identifier =
                format!("{trimmed} AND {column} NOT GLOB '*[' || char(9, 10, 13) || ']*'");
            return is_name(column).then_some(()).and_then(|()| {
                if rest == trimmed {
                    Some(Rule::Trimmed(column.into()))
                } else if rest == identifier {
                    Some(Rule::Identifier(column.into()))
                } else {
                    None
                }
            });
        }
        if let Some(column) = text.strip_suffix(" <> ''").filter(|c| is_name(c)) {
            return Some(Rule::NotEmpty(column.into()));
        }
        if let Some((inner, n)) = text
            .strip_prefix("length(")
            .and_then(|t| t.split_once(") >= "))
        {
            return (is_name(inner)).then_some(Rule::MinLength(inner.into(), n.parse().ok()?));
        }
        if let Some(inner) = text
            .strip_prefix("typeof(")
            .and_then(|t| t.strip_suffix(") IN ('integer', 'real')"))
        {
            return is_name(inner).then_some(Rule::Numeric(inner.into()));
        }
        if let Some((column, n)) = text.split_once(" >= ") {
            return is_name(column).then_some(Rule::AtLeast(column.into(), n.parse().ok()?));
        }
        if let Some((column, list)) = text.split_once(" IN (") {
            let terms = list
                .strip_suffix(')')?
                .split(", ")
                .map(quoted)
                .collect::<Option<_>>()?;
            return is_name(column).then_some(Rule::OneOf(column.into(), terms));
        }
        let sum = text.strip_suffix(" = 1")?;
        let columns = sum
            .split(" + ")
            .map(|term| {
                term.strip_prefix('(')?
                    .strip_suffix(" IS NOT NULL)")
                    .filter(|c| is_name(c))
                    .map(str::to_string)
            })
            .collect::<Option<Vec<_>>>()?;
        (columns.len() > 1).then_some(Rule::ExactlyOne(columns))
    }

    /// Whether the rule holds, in SQL's three values: None is NULL, which a CHECK lets pass.
    fn holds<'v>(&self, value: &dyn Fn(&str) -> ValueRef<'v>) -> Option<bool> {
        let text = |column: &str| text_of(value(column));
        match self {
            Rule::NotEmpty(c) => not_equal(value(c), ""),
            Rule::Trimmed(c) => and(
                not_equal(value(c), ""),
                text(c).map(|t| t == t.trim_matches(' ')),
            ),
            Rule::Identifier(c) => and(
                and(
                    not_equal(value(c), ""),
                    text(c).map(|t| t == t.trim_matches(' ')),
                ),
                text(c).map(|t| !t.contains(['\t', '\n', '\r'])),
            ),
            Rule::MinLength(c, n) => text(c).map(|t| t.chars().count() as i64 >= *n),
            Rule::AtLeast(c, n) => match value(c) {
                ValueRef::Null => None,
                ValueRef::Integer(v) => Some(v >= *n),
                ValueRef::Real(v) => Some(v >= *n as f64),
                // Text and blobs sort after every number in SQLite.
                _ => Some(true),
            },
            Rule::OneOf(c, terms) => text(c).map(|t| terms.iter().any(|term| term == t)),
            Rule::ExactlyOne(columns) => Some(
                columns
                    .iter()
                    .filter(|c| !matches!(value(c), ValueRef::Null))
                    .count()
                    == 1,
            ),
            Rule::Numeric(c) => Some(matches!(value(c), ValueRef::Integer(_) | ValueRef::Real(_))),
            Rule::CountryCode => text("code").map(|t| {
                let capitals = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase());
                capitals(t)
                    || t.split_once('-')
                        .is_some_and(|(a, b)| capitals(a) && capitals(b))
            }),
            Rule::DateSpan => {
                date_span(text("start_date"), text("end_date"), text("date_precision"))
            }
            Rule::QualifierNeedsPrecision => Some(
                matches!(value("date_qualifier"), ValueRef::Null)
                    || !matches!(value("date_precision"), ValueRef::Null),
            ),
            Rule::SignedDateWithPrecision => Some(
                matches!(value("signed_date"), ValueRef::Null)
                    == matches!(value("date_precision"), ValueRef::Null),
            ),
            Rule::SignedDateAs(precision) => {
                let other = text("date_precision").map(|p| p != *precision);
                let date = text("signed_date");
                let shaped = match *precision {
                    "year" => date.map(is_year),
                    "month" => date.map(|d| d.len() == 7 && is_calendar_day(&format!("{d}-01"))),
                    _ => date.map(|d| d.len() == 10 && is_calendar_day(d)),
                };
                or(other, shaped)
            }
        }
    }
}

/// V1's rule on a dated row's start date, end date and precision, on one line.
const DATE_SPAN: &str = "coalesce(CASE date_precision WHEN 'year' THEN start_date GLOB '[0-9][0-9][0-9][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]' WHEN 'month' THEN start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(start_date, 6) BETWEEN '01' AND '12' AND substr(end_date, 6) BETWEEN '01' AND '12' WHEN 'day' THEN date(start_date) IS start_date AND date(end_date) IS end_date ELSE start_date IS NULL AND end_date IS NULL AND date_precision IS NULL END AND (end_date >= start_date OR start_date IS NULL), 0)";

/// `DATE_SPAN`, step by step as SQLite evaluates it.
fn date_span(start: Option<&str>, end: Option<&str>, precision: Option<&str>) -> Option<bool> {
    let month = |d: &str| is_year_month(d) && ("01"..="12").contains(&&d[5..]);
    let by_precision = match precision {
        Some("year") => and(start.map(is_year), end.map(is_year)),
        Some("month") => and(start.map(month), end.map(month)),
        // date(x) IS x: NULL IS NULL holds, and date() of text gives it back only when it is
        // a day of the calendar written YYYY-MM-DD.
        Some("day") => Some(start.is_none_or(is_calendar_day) && end.is_none_or(is_calendar_day)),
        _ => Some(start.is_none() && end.is_none() && precision.is_none()),
    };
    let ordered = or(end.zip(start).map(|(e, s)| e >= s), Some(start.is_none()));
    Some(and(by_precision, ordered).unwrap_or(false))
}

fn is_year(d: &str) -> bool {
    d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit())
}

/// `GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'`
fn is_year_month(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 7
        && is_year(&d[..4])
        && b[4] == b'-'
        && matches!(b[5], b'0' | b'1')
        && b[6].is_ascii_digit()
}

/// Whether SQLite's date() gives `d` back unchanged: a day of the proleptic Gregorian calendar
/// written YYYY-MM-DD.
fn is_calendar_day(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| d[r].parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    (1..=12).contains(&month) && day >= 1 && day <= crate::dates::days_in_month(year as i32, month)
}

/// The text of a value; None for NULL, and for a number or blob, which kb never binds to a
/// text column (the rules that read text are all on text columns).
fn text_of(value: ValueRef<'_>) -> Option<&str> {
    match value {
        ValueRef::Text(t) => std::str::from_utf8(t).ok(),
        _ => None,
    }
}

fn not_equal(value: ValueRef<'_>, text: &str) -> Option<bool> {
    match value {
        ValueRef::Null => None,
        ValueRef::Text(t) => Some(t != text.as_bytes()),
        // A number never equals text.
        _ => Some(true),
    }
}

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

fn quoted(term: &str) -> Option<String> {
    let inner = term.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.contains('\'')).then(|| inner.to_string())
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::migrated;
    use rusqlite::types::Value;

    #[test]
    fn every_rule_of_the_shipped_schema_is_one_kb_evaluates() {
        let conn = migrated();
        let rules = of_schema(&conn).unwrap().expect("kb knows every rule");
        for spec in seed::TABLES.iter().skip(1) {
            let written = check_rules::of_table(&conn, spec.table).unwrap();
            assert_eq!(
                rules[spec.table].rules.len(),
                written.len(),
                "{}",
                spec.table
            );
        }
        let countries: Vec<&Rule> = rules["countries"].rules.iter().map(|(_, r)| r).collect();
        assert!(countries.contains(&&Rule::CountryCode));
        assert!(countries.contains(&&Rule::OneOf(
            "code_system".into(),
            vec!["ISO 3166-1".into(), "ISO 3166-3".into(), "kb".into()]
        )));
    }

    #[test]
    fn a_rule_kb_does_not_know_leaves_them_all_to_sqlite() {
        let conn = migrated();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TABLE lanes;
             CREATE TABLE lanes (term TEXT PRIMARY KEY CHECK (term GLOB 'x*'),
                                 description TEXT NOT NULL);",
        )
        .unwrap();
        assert!(of_schema(&conn).unwrap().is_none());
    }

    /// Values a column may be given, of the kinds the loader binds to it: text (or NULL) in
    /// text columns, the dates the date fields write, whole numbers and numbers.
    fn values_for(column: &str) -> Vec<Value> {
        let texts = |texts: &[&str]| {
            let mut values = vec![Value::Null];
            values.extend(texts.iter().map(|t| Value::Text(t.to_string())));
            values
        };
        match column {
            "start_date" | "end_date" | "signed_date" => texts(&[
                "2002",
                "2003",
                "2002-05",
                "2002-12",
                "2002-05-23",
                "2002-05-22",
                "2004-02-29",
                "2002-02-29",
                "2002-04-31",
                "x",
                "20020523",
            ]),
            "date_precision" => texts(&["year", "month", "day", "week", ""]),
            "ordinal" => vec![
                Value::Null,
                Value::Integer(-1),
                Value::Integer(0),
                Value::Integer(1),
            ],
            "value" => vec![Value::Integer(0), Value::Real(2.5), Value::Integer(-7)],
            _ => texts(&[
                "",
                "x",
                " x",
                "x ",
                "a\tb",
                "a\nb",
                "a\rb",
                "PL",
                "P",
                "PL-KZ",
                "pl",
                "PL-",
                "P1",
                "year",
                "air",
                "kb",
                "ISO 3166-1",
                "123456789",
                "1234567890",
                "łłłłł",
                "łłłłłłłłłł",
                "early",
            ]),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Every rule kb knows gives SQLite's verdict, on values of the kinds the loader binds.
        #[test]
        fn each_rule_gives_the_verdict_sqlite_gives(picks in proptest::collection::vec(0usize..64, 4)) {
            SCHEMA.with(|(conn, all)| {
            for (table, rules) in all {
                for (text, rule) in &rules.rules {
                    let columns = rule.columns();
                    let values: Vec<Value> = columns
                        .iter()
                        .zip(picks.iter().cycle())
                        .map(|(c, &pick)| {
                            let pool = values_for(c);
                            pool[pick % pool.len()].clone()
                        })
                        .collect();
                    let named: Vec<String> = columns
                        .iter()
                        .enumerate()
                        .map(|(i, c)| format!("?{} AS \"{c}\"", i + 1))
                        .collect();
                    let sql = format!(
                        "SELECT coalesce(NOT ({text}), 0) FROM (SELECT {})",
                        named.join(", ")
                    );
                    let by_sqlite: bool = conn
                        .query_row(&sql, rusqlite::params_from_iter(&values), |r| r.get(0))
                        .unwrap();
                    let value = |column: &str| match columns.iter().position(|c| *c == column) {
                        Some(i) => ValueRef::from(&values[i]),
                        None => ValueRef::Null,
                    };
                    let by_kb = rule.holds(&value) == Some(false);
                    proptest::prop_assert_eq!(by_kb, by_sqlite, "{}: {} on {:?}", table, text, values);
                }
            }
            Ok(())
            })?;
        }
    }

    thread_local! {
        /// One migrated schema and its rules for every case.
        static SCHEMA: (Connection, SeedRules) = {
            let conn = migrated();
            let rules = of_schema(&conn).unwrap().unwrap();
            (conn, rules)
        };
    }

    #[test]
    fn sql_truth_in_three_values() {
        assert_eq!(and(Some(true), None), None);
        assert_eq!(and(Some(false), None), Some(false));
        assert_eq!(or(Some(true), None), Some(true));
        assert_eq!(or(Some(false), None), None);
        assert!(is_calendar_day("2024-02-29") && !is_calendar_day("2023-02-29"));
        assert!(!is_calendar_day("2023-2-28 "));
    }
}
