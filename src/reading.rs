//! How each report reads for people: the few columns a person reads, named in words, each
//! value written the way people write it (through `humanize`), and the sentence each row
//! comes from as its footnote. The columns of the views themselves stay as they are for
//! CSV, JSON and SQL.

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::Result;
use crate::humanize;

/// A report's reading view: what one row is called and the columns shown.
pub struct View {
    pub report: &'static str,
    /// What the rows are, for the title line ("6 visits").
    pub rows_are: (&'static str, &'static str),
    pub columns: &'static [Column],
}

/// One column of a reading view: its heading, how a row's value for it is written, and
/// whether it holds dates (which a terminal shows in color).
pub struct Column {
    pub heading: &'static str,
    pub value: fn(&Row<'_>) -> String,
    pub is_date: bool,
}

const fn column(heading: &'static str, value: fn(&Row<'_>) -> String) -> Column {
    Column {
        heading,
        value,
        is_date: false,
    }
}

const fn date_column(heading: &'static str, value: fn(&Row<'_>) -> String) -> Column {
    Column {
        heading,
        value,
        is_date: true,
    }
}

/// Every report's reading view, in the order of `query::REPORTS`.
pub const VIEWS: &[View] = &[
    View {
        report: "visits",
        rows_are: ("visit", "visits"),
        columns: &[
            date_column("Date", |r| r.date("start_date", "end_date", None)),
            column("Visitor", |r| r.text("visitor")),
            column("Visit", |r| {
                let kind = r.text("kind");
                let to = r.country("host_country");
                if kind.is_empty() {
                    format!("visit to {to}")
                } else {
                    format!("{kind} visit to {to}")
                }
            }),
            column("Place", |r| r.text("place")),
            column("Hosts and meetings", |r| r.text("hosts_and_meetings")),
        ],
    },
    View {
        report: "agreements",
        rows_are: ("agreement", "agreements"),
        columns: &[
            date_column("Signed", |r| r.date("signed_date", "signed_date", None)),
            column("Agreement", |r| r.text("title")),
            column("Domain", |r| r.text("domain")),
            column("Parties", |r| r.countries("parties")),
        ],
    },
    View {
        report: "timeline",
        rows_are: ("fact", "facts"),
        columns: &[
            date_column("Date", |r| {
                r.date("start_date", "end_date", Some("date_qualifier"))
            }),
            column("Lane", |r| r.text("lane")),
            column("What", |r| r.text("title")),
        ],
    },
    View {
        report: "missions",
        rows_are: ("mission", "missions"),
        columns: &[
            column("Mission", |r| {
                format!("{} of {}", r.text("kind"), r.text("sending_country"))
            }),
            column("City", |r| r.text("city")),
            column("Host", |r| r.text("host_country")),
            date_column("Opened", |r| r.date("start_date", "end_date", None)),
            column("Opened at", |r| r.text("established_by")),
        ],
    },
    View {
        report: "history",
        rows_are: ("fact", "facts"),
        columns: &[
            date_column("Date", |r| {
                r.date("start_date", "end_date", Some("date_qualifier"))
            }),
            column("Topic", |r| r.text("topic")),
            column("What", |r| r.text("title")),
            column("Place", |r| r.text("place")),
            column("Who", |r| r.text("who")),
            column("Figure", |r| r.figure("value", "unit", Some("qualifier"))),
        ],
    },
    View {
        report: "people",
        rows_are: ("fact", "facts"),
        columns: &[
            column("Person", |r| r.text("person")),
            column("Relation", |r| r.text("relation")),
            column("Detail", |r| r.text("detail")),
            date_column("Date", |r| r.date("start_date", "end_date", None)),
        ],
    },
    View {
        report: "trade",
        rows_are: ("fact", "facts"),
        columns: &[
            column("Topic", |r| r.text("topic")),
            column("Fact", |r| r.text("fact")),
            column("Figure", |r| r.figure("value", "unit", Some("qualifier"))),
            date_column("Date", |r| r.date("date", "date", None)),
        ],
    },
    View {
        report: "education",
        rows_are: ("fact", "facts"),
        columns: &[
            column("Topic", |r| r.text("topic")),
            column("Fact", |r| r.text("fact")),
            column("Figure", |r| r.figure("value", "unit", None)),
            date_column("Date", |r| r.date("start_date", "end_date", None)),
        ],
    },
    View {
        report: "transport",
        rows_are: ("link", "links"),
        columns: &[
            column("Mode", |r| r.text("mode")),
            column("Operator", |r| r.text("operator")),
            column("Route", |r| {
                format!("{} → {}", r.text("origin"), r.text("destination"))
            }),
        ],
    },
    View {
        report: "memberships",
        rows_are: ("membership", "memberships"),
        columns: &[
            column("Country", |r| r.text("country")),
            column("Organization", |r| r.text("organization")),
        ],
    },
];

/// The facts of a dossier (`kb show`), as `show::FACTS` gives them.
pub const FACTS: View = View {
    report: "show",
    rows_are: ("fact", "facts"),
    columns: &[
        date_column("Date", |r| r.date("start_date", "end_date", None)),
        column("Fact", |r| {
            // v_facts leaves the fact out of a further sentence on an event (event_mentions):
            // in that event's dossier, the fact is the event itself.
            match r.text("fact") {
                fact if fact.is_empty() && r.text("fact_table") == "event_mentions" => {
                    "this event".into()
                }
                fact => fact,
            }
        }),
        column("Role", |r| r.text("relation")),
        column("With", |r| r.text("with_whom")),
    ],
};

/// The reading view of a report.
pub fn view(report: &str) -> Option<&'static View> {
    VIEWS.iter().find(|v| v.report == report)
}

/// Names of countries and titles of sources, read once: the views give codes and ids.
pub struct Names {
    countries: HashMap<String, String>,
    sources: HashMap<String, String>,
}

impl Names {
    pub fn load(conn: &Connection) -> Result<Self> {
        let pairs = |sql: &str| -> Result<HashMap<String, String>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Names {
            countries: pairs("SELECT code, name FROM countries")?,
            sources: pairs("SELECT id, title FROM sources")?,
        })
    }

    /// The title of a source, or its id when the file has no such source.
    pub fn source_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.sources.get(id).map_or(id, String::as_str)
    }
}

/// One row of a view, read by column name.
pub struct Row<'a> {
    columns: &'a [String],
    values: &'a [Value],
    names: &'a Names,
    /// Columns asked for that the view lacks: a mistake in a reading view, which would
    /// otherwise show as an empty cell.
    missing: RefCell<Vec<String>>,
}

impl<'a> Row<'a> {
    pub fn new(columns: &'a [String], values: &'a [Value], names: &'a Names) -> Self {
        Row {
            columns,
            values,
            names,
            missing: RefCell::new(Vec::new()),
        }
    }

    fn value(&self, column: &str) -> Option<&Value> {
        let Some(at) = self.columns.iter().position(|c| c == column) else {
            self.missing.borrow_mut().push(column.to_string());
            return None;
        };
        self.values.get(at)
    }

    /// A column's value as text; empty for NULL or a column the view lacks.
    pub fn text(&self, column: &str) -> String {
        self.value(column)
            .map(crate::values::text)
            .unwrap_or_default()
    }

    fn date(&self, start: &str, end: &str, qualifier: Option<&str>) -> String {
        let start = self.text(start);
        if start.is_empty() {
            return String::new();
        }
        let qualifier = qualifier.map(|q| self.text(q));
        humanize::date_label(&start, &self.text(end), qualifier.as_deref())
    }

    fn figure(&self, value: &str, unit: &str, qualifier: Option<&str>) -> String {
        let number = match self.value(value) {
            Some(Value::Integer(n)) => *n as f64,
            Some(Value::Real(x)) => *x,
            _ => return String::new(),
        };
        let qualifier = qualifier.map(|q| self.text(q));
        humanize::figure(number, &self.text(unit), qualifier.as_deref())
    }

    fn country(&self, column: &str) -> String {
        let code = self.text(column);
        self.names.countries.get(&code).cloned().unwrap_or(code)
    }

    /// A list of country codes ("KZ, PL") as names ("Kazakhstan, Poland").
    fn countries(&self, column: &str) -> String {
        let codes = self.text(column);
        let names: Vec<&str> = codes
            .split(", ")
            .filter(|c| !c.is_empty())
            .map(|c| self.names.countries.get(c).map_or(c, String::as_str))
            .collect();
        names.join(", ")
    }

    /// The sentence the row comes from, with its source's id.
    pub fn provenance(&self) -> Option<(String, String)> {
        let quote = self.text("quote");
        (!quote.is_empty()).then(|| (self.text("source_id"), quote))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::REPORTS;

    #[test]
    fn every_report_has_a_reading_view_over_columns_its_view_has() {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        let names = Names::load(&conn).unwrap();
        for report in REPORTS {
            let view = view(report.name).unwrap_or_else(|| panic!("{} has none", report.name));
            let stmt = conn
                .prepare(&format!("SELECT * FROM {}", report.view))
                .unwrap();
            let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
            let values = vec![Value::Null; columns.len()];
            let row = Row::new(&columns, &values, &names);
            for column in view.columns {
                (column.value)(&row);
            }
            row.provenance();
            assert_eq!(row.missing.take(), Vec::<String>::new(), "{}", report.name);
        }
    }
}
