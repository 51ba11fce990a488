//! `kb report [NAME]`: print a ready-made report, or list them; the timeline also as a picture.

use std::io::Write;

use kb::query::{self, Filters, Report, RowSink, REPORTS};
use kb::timeline_svg::{self, Mark};
use kb::{describe, humanize, names, reading, Error, Result};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::briefing::{Briefing, Heading};
use crate::cli::{Format, ReportFormat};
use crate::output::{self, Finish};
use crate::style::Style;

use crate::cli::ReportArgs;
use crate::context::Context;

/// The filters as typed on the command line; the person is still a name.
pub struct Typed {
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub person: Option<String>,
    pub kind: Option<String>,
}

/// How the reading view is printed.
pub struct Reading {
    pub quotes: bool,
    pub style: Style,
}

fn print(
    conn: &Connection,
    name: &str,
    format: ReportFormat,
    typed: Typed,
    reading: Reading,
    out: &mut dyn Write,
) -> Result<()> {
    let report = query::report(name).ok_or_else(|| {
        let names: Vec<&str> = REPORTS.iter().map(|r| r.name).collect();
        Error::NotFound(format!(
            "there is no report '{name}'; the reports are: {}",
            names.join(", ")
        ))
    })?;
    let typed_filters = describe_filters(&typed);
    let person = match typed.person {
        Some(typed) => Some(names::resolve_one(conn, &[names::EntityKind::Person], &typed)?.id),
        None => None,
    };
    let filters = Filters {
        from: typed.from,
        to: typed.to,
        person,
        kind: typed.kind,
    };
    let format = match format {
        ReportFormat::Svg if report.name == "timeline" => return timeline_svg(conn, &filters, out),
        ReportFormat::Svg => {
            return Err(Error::Usage(format!(
                "--format svg draws the timeline report only, not {}",
                report.name
            )))
        }
        ReportFormat::Table => return read(conn, report, &filters, &typed_filters, reading, out),
        ReportFormat::Grid => Format::Table,
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Json => Format::Json,
        ReportFormat::Markdown => Format::Markdown,
    };
    let mut sink = output::sink(format, out);
    query::run_report(conn, report, &filters, sink.as_mut())?;
    sink.finish()
}

/// The filters as typed, for the title line: " (--from 1990, --person smith)".
fn describe_filters(typed: &Typed) -> String {
    let mut set = Vec::new();
    if let Some(year) = typed.from {
        set.push(format!("--from {year}"));
    }
    if let Some(year) = typed.to {
        set.push(format!("--to {year}"));
    }
    if let Some(person) = &typed.person {
        set.push(format!("--person {person}"));
    }
    if let Some(kind) = &typed.kind {
        set.push(format!("--kind {kind}"));
    }
    if set.is_empty() {
        String::new()
    } else {
        format!(" ({})", set.join(", "))
    }
}

/// The report in its reading view.
fn read(
    conn: &Connection,
    report: &'static Report,
    filters: &Filters,
    typed_filters: &str,
    reading: Reading,
    out: &mut dyn Write,
) -> Result<()> {
    let view = reading::view(report.name).expect("every report has a reading view");
    let heading = Heading {
        title: format!("Report {}{typed_filters}", report.name),
        count: Box::new(|| query::count_report(conn, report, filters)),
    };
    let names = reading::Names::load(conn)?;
    let mut briefing = Briefing::new(out, view, names, heading, reading.quotes, reading.style);
    query::run_report(conn, report, filters, &mut briefing)?;
    briefing.finish()
}

/// Collects timeline rows as marks for the picture.
#[derive(Default)]
struct Marks {
    columns: Vec<String>,
    marks: Vec<Mark>,
}

impl RowSink for Marks {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.columns = names.to_vec();
        Ok(())
    }
    fn row(&mut self, values: &[Value]) -> Result<()> {
        let text = |column: &str| -> String {
            match self
                .columns
                .iter()
                .position(|c| c == column)
                .map(|i| &values[i])
            {
                Some(Value::Text(s)) => s.clone(),
                Some(Value::Integer(n)) => n.to_string(),
                _ => String::new(),
            }
        };
        let qualifier = Some(text("date_qualifier")).filter(|q| !q.is_empty());
        let (start, end) = (text("start_date"), text("end_date"));
        let mark = Mark {
            date_label: humanize::date_label(&start, &end, qualifier.as_deref()),
            start,
            end,
            precision: text("date_precision"),
            qualifier,
            lane: text("lane"),
            label: text("title"),
        };
        self.marks.push(mark);
        Ok(())
    }
}

fn timeline_svg(conn: &Connection, filters: &Filters, out: &mut dyn Write) -> Result<()> {
    let report = query::report("timeline").expect("kb has a timeline report");
    let mut marks = Marks::default();
    query::run_report(conn, report, filters, &mut marks)?;
    let this_year = time::OffsetDateTime::now_utc().year();
    // The data set names the picture, and its own facts give the range.
    let data_set =
        describe::dataset_value(conn, "title")?.unwrap_or_else(|| "The knowledge base".to_string());
    let years: Vec<i32> = marks
        .marks
        .iter()
        .filter_map(|m| m.start.get(..4).and_then(|y| y.parse().ok()))
        .collect();
    let lanes = query::lanes(conn)?;
    let lanes: Vec<&str> = lanes.iter().map(String::as_str).collect();
    let svg = timeline_svg::render(
        &format!("{data_set}: a timeline of the recorded facts"),
        &lanes,
        &marks.marks,
        filters
            .from
            .unwrap_or_else(|| years.iter().copied().min().unwrap_or(this_year)),
        filters.to.unwrap_or(this_year),
    );
    out.write_all(svg.as_bytes()).map_err(Error::stdout)
}

/// One line per report: its name, what it shows, the view behind it and its filters.
pub fn list(out: &mut dyn Write) -> Result<()> {
    let width = REPORTS.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for report in REPORTS {
        let flags: Vec<&str> = report.filters.iter().map(|f| f.flag()).collect();
        writeln!(
            out,
            "{:<width$}  {} (view {}; filters: {})",
            report.name,
            report.about,
            report.view,
            if flags.is_empty() {
                "none".to_string()
            } else {
                flags.join(" ")
            }
        )
        .map_err(Error::stdout)?;
        if !report.kind_means.is_empty() {
            writeln!(out, "{:<width$}    --kind: {}", "", report.kind_means)
                .map_err(Error::stdout)?;
        }
    }
    Ok(())
}

/// `kb report [NAME] [filters]`: the report, or the list of them.
pub fn run(args: &ReportArgs, ctx: &mut Context) -> Result<()> {
    let Some(name) = &args.name else {
        return list(ctx.out);
    };
    let conn = ctx.reading()?;
    let typed = Typed {
        from: args.from,
        to: args.to,
        person: args.person.clone(),
        kind: args.kind.clone(),
    };
    let reading = Reading {
        quotes: !args.no_quotes,
        style: ctx.style,
    };
    print(&conn, name, args.format, typed, reading, ctx.out)
}
