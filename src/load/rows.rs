//! How each seed row goes into its table: the INSERT derived from its declaration, and what
//! the loader knows of a row beyond its columns and provenance (its own checks, its entry in
//! the search index).

use super::*;

impl ToSql for Number {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Number::Integer(n) => n.to_sql(),
            Number::Real(x) => x.to_sql(),
        }
    }
}

/// How a table's rows are inserted, derived from its declaration: each CSV column fills the
/// table's column of the same name, but a `date` fills the start date, end date and precision
/// and a `signed_date` the signed date and precision. The row's place in its file becomes the
/// rowid, so a row found wrong after loading can be traced back to its line.
pub(super) struct InsertPlan {
    pub(super) sql: String,
    /// (field, table column) in the order of the statement's parameters after the rowid.
    columns: Vec<(&'static str, &'static str)>,
}

impl InsertPlan {
    pub(super) fn of(spec: &seed::TableSpec) -> Self {
        let mut columns = Vec::new();
        for column in spec.columns {
            let filled: &[&'static str] = match column.name {
                "date" => &["start_date", "end_date", "date_precision"],
                "signed_date" => &["signed_date", "date_precision"],
                _ => &[],
            };
            if filled.is_empty() {
                columns.push((column.name, column.name));
            } else {
                columns.extend(filled.iter().map(|f| (column.name, *f)));
            }
        }
        let names: Vec<&str> = columns.iter().map(|(_, c)| *c).collect();
        let parameters: Vec<String> = (1..=names.len() + 1).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} (rowid, {}) VALUES ({})",
            spec.table,
            names.join(", "),
            parameters.join(", ")
        );
        InsertPlan { sql, columns }
    }

    /// The table columns the plan fills.
    pub(super) fn table_columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|(_, column)| *column)
    }

    /// Inserts `row` at `rowid` through `stmt`, prepared from this plan's SQL, and feeds it to
    /// the table's `digest`. When `rules` are given, kb evaluates the table's CHECK rules
    /// itself (SQLite's are off) and refuses the row with the error SQLite would give.
    pub(super) fn insert<T: SeedRow>(
        &self,
        stmt: &mut Statement<'_>,
        row: &T,
        rowid: i64,
        rules: Option<&TableRules>,
        digest: &mut FedDigest,
    ) -> rusqlite::Result<usize> {
        let mut values = Vec::with_capacity(self.columns.len());
        let mut at = 0;
        row.for_each_field(&mut |field, value| {
            while self.columns.get(at).is_some_and(|(f, _)| *f == field) {
                values.push(value.column_value(self.columns[at].1));
                at += 1;
            }
            Ok(())
        })?;
        if let Some(rules) = rules {
            let value = |column: &str| match self.columns.iter().position(|(_, c)| *c == column) {
                Some(i) => bound_value(&values[i]).unwrap_or(ValueRef::Null),
                None => ValueRef::Null,
            };
            if let Some(rule) = rules.broken(&value) {
                return Err(rules::check_failed(rule));
            }
        }
        stmt.raw_bind_parameter(1, rowid)?;
        for (i, value) in values.iter().enumerate() {
            stmt.raw_bind_parameter(i + 2, value)?;
        }
        let inserted = stmt.raw_execute()?;
        digest.inserted(rowid, &values);
        Ok(inserted)
    }
}

/// A value as the loader binds it, as SQLite reads it; None for the kinds of bound value
/// (zero-filled blobs, arrays) kb never binds to a seed column.
pub(super) fn bound_value<'a>(value: &'a ToSqlOutput<'a>) -> Option<ValueRef<'a>> {
    match value {
        ToSqlOutput::Borrowed(v) => Some(*v),
        ToSqlOutput::Owned(v) => Some(ValueRef::from(v)),
        _ => None,
    }
}

/// Checks that exactly one of several optional columns is set, naming them if not.
pub(super) fn exactly_one(
    columns: &[(&'static str, bool)],
    meaning: &str,
) -> Result<(), (&'static str, String)> {
    let set = columns.iter().filter(|(_, is_set)| *is_set).count();
    if set == 1 {
        return Ok(());
    }
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    Err((
        columns[0].0,
        format!(
            "{set} of {} are set; expected exactly one: {meaning}",
            names.join(", ")
        ),
    ))
}

/// A seed row that can be written to its table (its INSERT is derived from its declaration,
/// see `InsertPlan`), with what the loader needs to know of it beyond its columns.
pub(super) trait Insert: SeedRow {
    /// Checks that the CSV layer cannot express, as (column, message).
    fn check(&self) -> Result<(), (&'static str, String)> {
        Ok(())
    }
    /// Whether the table's rows have entries in the search index.
    const SEARCHED: bool = false;
    /// The row's entry in the search index, when its table has them; `row` is its rowid.
    fn into_search_entry(self, _row: i64) -> Option<Entry>
    where
        Self: Sized,
    {
        None
    }
}

impl Insert for seed::Country {}

impl Insert for seed::Place {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        Some(Entry::new(
            Indexed::Place,
            row,
            self.id,
            self.name,
            self.quote,
        ))
    }
}

impl Insert for seed::Person {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        Some(Entry::new(
            Indexed::Person,
            row,
            self.id,
            self.name,
            self.quote,
        ))
    }
}

impl Insert for seed::Organization {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        Some(Entry::new(
            Indexed::Organization,
            row,
            self.id,
            self.name,
            self.quote,
        ))
    }
}

impl Insert for seed::Alias {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        let (named, id) = match (self.person_id, self.place_id, self.organization_id) {
            (Some(id), _, _) => (Indexed::Person, id),
            (None, Some(id), _) => (Indexed::Place, id),
            (None, None, id) => (Indexed::Organization, id?),
        };
        Some(Entry::alias(row, named, id, self.alias, self.quote))
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        exactly_one(
            &[
                ("person_id", self.person_id.is_some()),
                ("place_id", self.place_id.is_some()),
                ("organization_id", self.organization_id.is_some()),
            ],
            "the person, place or organization with this name",
        )
    }
}

impl Insert for seed::PersonOffice {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        let (person, office, quote) = (self.person_id, self.office, self.quote);
        Some(Entry::new(
            Indexed::PersonOffice,
            row,
            person,
            office,
            quote,
        ))
    }
}

impl Insert for seed::Event {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        let body = format!("{} {}", self.summary, self.quote);
        Some(Entry::new(Indexed::Event, row, self.id, self.title, body))
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.date_qualifier.is_some() && self.date.is_none() {
            return Err((
                "date_qualifier",
                "is set but date is empty; a qualifier such as 'early' needs a date".into(),
            ));
        }
        Ok(())
    }
}

impl Insert for seed::EventParticipant {
    fn check(&self) -> Result<(), (&'static str, String)> {
        exactly_one(
            &[
                ("person_id", self.person_id.is_some()),
                ("country_code", self.country_code.is_some()),
                ("organization_id", self.organization_id.is_some()),
            ],
            "one participant per row",
        )
    }
}

impl Insert for seed::EventPlace {
    fn check(&self) -> Result<(), (&'static str, String)> {
        exactly_one(
            &[
                ("place_id", self.place_id.is_some()),
                ("country_code", self.country_code.is_some()),
            ],
            "the place or the country",
        )
    }
}

impl Insert for seed::EventMention {}

impl Insert for seed::Agreement {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        Some(Entry::new(
            Indexed::Agreement,
            row,
            self.id,
            self.title,
            self.quote,
        ))
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        match &self.signed_date {
            Some(span) if !span.is_single() => Err((
                "signed_date",
                format!("'{span}' is a range; an agreement is signed on one date"),
            )),
            _ => Ok(()),
        }
    }
}

impl Insert for seed::AgreementParty {}

impl Insert for seed::Figure {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        Some(Entry::new(
            Indexed::Figure,
            row,
            self.id,
            self.subject,
            self.quote,
        ))
    }
}

impl Insert for seed::Mission {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        Some(Entry::new(
            Indexed::Mission,
            row,
            self.id,
            self.kind,
            self.quote,
        ))
    }
}

impl Insert for seed::Membership {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        let (organization, quote) = (self.organization_id, self.quote);
        Some(Entry::new(
            Indexed::Membership,
            row,
            organization,
            String::new(),
            quote,
        ))
    }
}

impl Insert for seed::TransportLink {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        Some(Entry::new(
            Indexed::TransportLink,
            row,
            self.id,
            self.mode,
            self.quote,
        ))
    }
}

impl Insert for seed::Decoration {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        let body = match self.description {
            Some(description) => format!("{description} {}", self.quote),
            None => self.quote,
        };
        Some(Entry::new(
            Indexed::Decoration,
            row,
            self.id,
            self.name,
            body,
        ))
    }
}

impl Insert for seed::DecorationAward {
    const SEARCHED: bool = true;
    fn into_search_entry(self, row: i64) -> Option<Entry> {
        let (person, quote) = (self.recipient_person_id, self.quote);
        Some(Entry::new(
            Indexed::DecorationAward,
            row,
            person,
            String::new(),
            quote,
        ))
    }
}

impl Insert for seed::ValueNote {
    fn check(&self) -> Result<(), (&'static str, String)> {
        let Some((_, key)) = noted_table(&self.table_name) else {
            let noted: Vec<&str> = seed::TABLES
                .iter()
                .filter(|t| noted_table(t.table).is_some())
                .map(|t| t.table)
                .collect();
            return Err((
                "table_name",
                format!(
                    "'{}' is not a table whose rows have an id or code; expected one of {}",
                    self.table_name,
                    noted.join(", ")
                ),
            ));
        };
        if self.column_name == key {
            return Err((
                "column_name",
                format!("'{key}' is the row's own key; a note cites another of its values"),
            ));
        }
        Ok(())
    }
}

impl Insert for seed::Lane {}
impl Insert for seed::CountryKind {}
impl Insert for seed::PlaceKind {}
impl Insert for seed::OrganizationKind {}
impl Insert for seed::AliasKind {}
impl Insert for seed::EventKind {}
impl Insert for seed::VisitType {}
impl Insert for seed::DateQualifier {}
impl Insert for seed::Role {}
impl Insert for seed::AgreementDomain {}
impl Insert for seed::Metric {}
impl Insert for seed::Unit {}
impl Insert for seed::FigureQualifier {}
impl Insert for seed::MissionKind {}
