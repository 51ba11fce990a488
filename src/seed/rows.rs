//! The row types of the seed, one per table: their fields are the CSV header, and each
//! field's type says whether it may be empty and what text it accepts.

use std::fmt;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::dates::DateSpan;

/// One CSV column of a table: whether a row may leave it empty, and how its text is checked
/// (dates and numbers), so that an error can name the column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub check: fn(&str) -> Result<(), String>,
    /// The Table Schema type of the column in the seed's datapackage.json.
    pub field_type: &'static str,
    /// A regular expression every value matches, for datapackage.json (dates).
    pub pattern: Option<&'static str>,
}

/// A field's value for one column of its table: most fields fill the column of their name; a
/// date fills its table's start date, end date and precision columns. Text is lent, not
/// copied, since every row of a load passes through here.
pub trait ColumnValue {
    fn column_value(&self, column: &str) -> ToSqlOutput<'_>;
}
impl ColumnValue for String {
    fn column_value(&self, _: &str) -> ToSqlOutput<'_> {
        ToSqlOutput::Borrowed(ValueRef::Text(self.as_bytes()))
    }
}
impl ColumnValue for i64 {
    fn column_value(&self, _: &str) -> ToSqlOutput<'_> {
        ToSqlOutput::Owned(Value::Integer(*self))
    }
}
impl ColumnValue for Number {
    fn column_value(&self, _: &str) -> ToSqlOutput<'_> {
        ToSqlOutput::Owned(match self {
            Number::Integer(n) => Value::Integer(*n),
            Number::Real(x) => Value::Real(*x),
        })
    }
}
impl ColumnValue for DateSpan {
    fn column_value(&self, column: &str) -> ToSqlOutput<'_> {
        let text = match column {
            "end_date" => self.end_text(),
            "date_precision" => self.precision().as_str().to_string(),
            _ => self.start_text(),
        };
        ToSqlOutput::Owned(Value::Text(text))
    }
}
impl<T: ColumnValue> ColumnValue for Option<T> {
    fn column_value(&self, column: &str) -> ToSqlOutput<'_> {
        match self {
            Some(value) => value.column_value(column),
            None => ToSqlOutput::Owned(Value::Null),
        }
    }
}

/// A table's rows as they appear in its CSV file.
pub trait SeedRow: DeserializeOwned {
    /// The table's name.
    const TABLE: &'static str;
    /// The CSV file name: the table's name plus `.csv`.
    const FILE: &'static str;
    /// The header, in the order kb writes it.
    const COLUMNS: &'static [Column];
    /// Each field by its column's name, in the header's order.
    fn for_each_field<'r>(
        &'r self,
        each: &mut dyn FnMut(&'static str, &'r dyn ColumnValue) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()>;

    /// The source the row cites and its quote from it; None for a source itself and for a
    /// vocabulary's term, which defines a word of the seed instead of stating a fact.
    fn provenance(&self) -> Option<(&str, &str)>;

    /// The table as the seed lays it out.
    const SPEC: TableSpec = TableSpec {
        table: Self::TABLE,
        file: Self::FILE,
        columns: Self::COLUMNS,
    };
}

/// How a field type reads from CSV text: whether it may be empty, and what text it accepts.
pub trait Field {
    const OPTIONAL: bool;
    /// The Table Schema (Frictionless) type of the field.
    const TYPE: &'static str = "string";
    /// A regular expression its text matches, when its type alone does not say enough.
    const PATTERN: Option<&'static str> = None;
    fn check(_text: &str) -> Result<(), String> {
        Ok(())
    }
}
impl Field for String {
    const OPTIONAL: bool = false;
}
impl Field for Number {
    const OPTIONAL: bool = false;
    const TYPE: &'static str = "number";
    fn check(text: &str) -> Result<(), String> {
        text.parse::<Number>().map(drop)
    }
}
impl Field for i64 {
    const OPTIONAL: bool = false;
    const TYPE: &'static str = "integer";
    fn check(text: &str) -> Result<(), String> {
        text.parse::<i64>()
            .map(drop)
            .map_err(|_| format!("'{text}' is not a whole number; expected digits such as 1"))
    }
}
impl Field for DateSpan {
    const OPTIONAL: bool = false;
    const PATTERN: Option<&'static str> =
        Some("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$");
    fn check(text: &str) -> Result<(), String> {
        text.parse::<DateSpan>().map(drop).map_err(|e| {
            // Text that is no date at all gets the notation spelled out; a wrong month or
            // day is explained by the message itself.
            if e.0.contains("is not a date") {
                format!("{e} (a range is written START/END, e.g. 2002-05-23/2002-05-26)")
            } else {
                e.0
            }
        })
    }
}
impl<T: Field> Field for Option<T> {
    const OPTIONAL: bool = true;
    const TYPE: &'static str = T::TYPE;
    const PATTERN: Option<&'static str> = T::PATTERN;
    fn check(text: &str) -> Result<(), String> {
        if text.is_empty() {
            Ok(())
        } else {
            T::check(text)
        }
    }
}

/// A quantity in base units, kept integral when the CSV writes it without a fraction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Integer(i64),
    Real(f64),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Integer(n) => write!(f, "{n}"),
            Number::Real(x) => write!(f, "{x}"),
        }
    }
}

impl std::str::FromStr for Number {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let plain = !text.is_empty()
            && text
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
        if plain {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Number::Integer(n));
            }
            if !text.contains('.') {
                return Err(format!(
                    "'{text}' is a whole number too large to keep exactly; expected one between \
                     {} and {} (write it with a decimal point to store it approximately)",
                    i64::MIN,
                    i64::MAX
                ));
            }
            if let Ok(x) = text.parse::<f64>() {
                if x.is_finite() {
                    return Ok(Number::Real(x));
                }
            }
        }
        Err(format!(
            "'{text}' is not a plain number; expected digits in base units with an optional \
             decimal point, such as 2200000000 or 0.5 (no thousands separators, units or words)"
        ))
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for DateSpan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Declares the row structs: their fields are the CSV header, in order. A row marked `cites`
/// states a fact: its `source_id` and `quote` fields are its provenance.
macro_rules! seed_rows {
    (@provenance $row:ident cites) => { Some((&$row.source_id, &$row.quote)) };
    (@provenance $row:ident) => { None };
    ($( $(#[$meta:meta])* $name:ident in $table:literal $($cites:ident)? { $($field:ident : $ty:ty),* $(,)? } )*) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $name { $(pub $field: $ty),* }

            impl SeedRow for $name {
                fn for_each_field<'r>(
                    &'r self,
                    each: &mut dyn FnMut(&'static str, &'r dyn ColumnValue) -> rusqlite::Result<()>,
                ) -> rusqlite::Result<()> {
                    $( each(stringify!($field), &self.$field)?; )*
                    Ok(())
                }
                fn provenance(&self) -> Option<(&str, &str)> {
                    seed_rows!(@provenance self $($cites)?)
                }
                const TABLE: &'static str = $table;
                const FILE: &'static str = concat!($table, ".csv");
                const COLUMNS: &'static [Column] = &[
                    $(Column {
                        name: stringify!($field),
                        required: !<$ty as Field>::OPTIONAL,
                        check: <$ty as Field>::check,
                        field_type: <$ty as Field>::TYPE,
                        pattern: <$ty as Field>::PATTERN,
                    }),*
                ];
            }
        )*
    };
}

seed_rows! {
    /// A lane of the timeline; the file's order is the timeline's.
    Lane in "lanes" { term: String, description: String }
    CountryKind in "country_kinds" { term: String, description: String }
    PlaceKind in "place_kinds" { term: String, description: String }
    /// A kind of organization, with the report (and topic there) its organizations belong to.
    OrganizationKind in "organization_kinds" {
        term: String, report: Option<String>, topic: Option<String>, description: String,
    }
    AliasKind in "alias_kinds" { term: String, description: String }
    /// A kind of event, with its timeline lane and the report its events are the rows of.
    EventKind in "event_kinds" {
        term: String, lane: String, report: Option<String>, description: String,
    }
    VisitType in "visit_types" { term: String, description: String }
    DateQualifier in "date_qualifiers" { term: String, description: String }
    Role in "roles" { term: String, description: String }
    /// A subject area of agreements, with the report its agreements belong to.
    AgreementDomain in "agreement_domains" {
        term: String, report: Option<String>, description: String,
    }
    /// A quantity figures measure, with its lane, its report and its topic there.
    Metric in "metrics" {
        term: String, lane: String, report: Option<String>, topic: Option<String>, description: String,
    }
    Unit in "units" { term: String, description: String }
    FigureQualifier in "figure_qualifiers" { term: String, description: String }
    MissionKind in "mission_kinds" { term: String, description: String }
    /// A document facts are taken from; `content_file` names its text, relative to the seed folder.
    Source in "sources" {
        id: String, title: String, url: Option<String>, licence: Option<String>,
        language: Option<String>, content_file: String,
    }
    Country in "countries" cites {
        code: String, name: String, kind: String, code_system: String, part_of: Option<String>,
        source_id: String, quote: String,
    }
    Place in "places" cites {
        id: String, name: String, kind: String, country_code: String, source_id: String, quote: String,
    }
    Person in "persons" cites {
        id: String, name: String, country_code: String, source_id: String, quote: String,
    }
    Organization in "organizations" cites {
        id: String, name: String, kind: String, country_code: Option<String>,
        parent_id: Option<String>, source_id: String, quote: String,
    }
    /// Another name of a person, place or organization: exactly one of the three is set.
    Alias in "aliases" cites {
        alias: String, language: String, alias_kind: String, person_id: Option<String>,
        place_id: Option<String>, organization_id: Option<String>, source_id: String, quote: String,
    }
    PersonOffice in "person_offices" cites {
        person_id: String, office: String, country_code: String, ordinal: Option<i64>,
        date: Option<DateSpan>, source_id: String, quote: String,
    }
    Event in "events" cites {
        id: String, kind: String, visit_type: Option<String>, title: String, date: Option<DateSpan>,
        date_qualifier: Option<String>, country_code: Option<String>, place_id: Option<String>,
        parent_event_id: Option<String>, summary: String, source_id: String, quote: String,
    }
    EventParticipant in "event_participants" cites {
        event_id: String, role: String, person_id: Option<String>, country_code: Option<String>,
        organization_id: Option<String>, source_id: String, quote: String,
    }
    EventPlace in "event_places" cites {
        event_id: String, role: String, place_id: Option<String>, country_code: Option<String>,
        source_id: String, quote: String,
    }
    EventMention in "event_mentions" cites {
        event_id: String, source_id: String, quote: String,
    }
    Agreement in "agreements" cites {
        id: String, title: String, domain: Option<String>, signed_date: Option<DateSpan>,
        source_id: String, quote: String,
    }
    AgreementParty in "agreement_parties" cites {
        agreement_id: String, country_code: String, source_id: String, quote: String,
    }
    Figure in "figures" cites {
        id: String, metric: String, subject: String, value: Number, unit: String,
        qualifier: Option<String>, date: Option<DateSpan>, country_code: Option<String>,
        event_id: Option<String>, attributed_to: Option<String>, source_id: String, quote: String,
    }
    Mission in "missions" cites {
        id: String, kind: String, sending_country_code: String, host_country_code: String,
        place_id: String, established_event_id: Option<String>, source_id: String, quote: String,
    }
    Membership in "memberships" cites {
        country_code: String, organization_id: String, source_id: String, quote: String,
    }
    TransportLink in "transport_links" cites {
        id: String, mode: String, operator_id: Option<String>, origin_place_id: String,
        destination_place_id: String, source_id: String, quote: String,
    }
    Decoration in "decorations" cites {
        id: String, name: String, country_code: String, description: Option<String>,
        source_id: String, quote: String,
    }
    DecorationAward in "decoration_awards" cites {
        decoration_id: String, recipient_person_id: String, conferrer_person_id: Option<String>,
        event_id: Option<String>, source_id: String, quote: String,
    }
    /// A value of a fact row that its own quote does not state, cited to a note.
    ValueNote in "value_notes" cites {
        table_name: String, row_key: String, column_name: String, source_id: String, quote: String,
    }
}

/// A table as the seed lays it out: its name, CSV file and columns.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub table: &'static str,
    pub file: &'static str,
    pub columns: &'static [Column],
}

impl TableSpec {
    /// The column that names a row for other rows: `id`, or `code` for countries; None
    /// for a table whose rows nothing refers to by a key of their own.
    pub fn key(&self) -> Option<&'static str> {
        ["id", "code"]
            .into_iter()
            .find(|k| self.columns.iter().any(|c| c.name == *k))
    }

    /// The header row kb expects, as CSV text.
    pub fn header(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        names.join(",")
    }
}

/// Every table of the seed, in the order they are loaded (a table before those that cite it):
/// the sources, the vocabularies, then the facts.
pub const TABLES: &[TableSpec] = &[
    Source::SPEC,
    Lane::SPEC,
    CountryKind::SPEC,
    PlaceKind::SPEC,
    OrganizationKind::SPEC,
    AliasKind::SPEC,
    EventKind::SPEC,
    VisitType::SPEC,
    DateQualifier::SPEC,
    Role::SPEC,
    AgreementDomain::SPEC,
    Metric::SPEC,
    Unit::SPEC,
    FigureQualifier::SPEC,
    MissionKind::SPEC,
    Country::SPEC,
    Place::SPEC,
    Person::SPEC,
    Organization::SPEC,
    Alias::SPEC,
    PersonOffice::SPEC,
    Event::SPEC,
    EventParticipant::SPEC,
    EventPlace::SPEC,
    EventMention::SPEC,
    Agreement::SPEC,
    AgreementParty::SPEC,
    Figure::SPEC,
    Mission::SPEC,
    Membership::SPEC,
    TransportLink::SPEC,
    Decoration::SPEC,
    DecorationAward::SPEC,
    ValueNote::SPEC,
];

/// Whether a table's rows state facts, each with a source and a quote (not the sources
/// themselves, nor the vocabularies, whose rows define terms).
pub fn states_facts(table: &str) -> bool {
    table_spec(table).is_some_and(|spec| spec.columns.iter().any(|c| c.name == "quote"))
}

/// The spec of the table with this name.
pub fn table_spec(table: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.table == table)
}
