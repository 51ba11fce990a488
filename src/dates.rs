//! ISO 8601 dates at reduced precision (`1941`, `1997-11`, `2002-05-23`) and their intervals
//! (`2002-05-23/2002-05-26`): parsing, checking and the split into start, end and precision.

use std::fmt;
use std::str::FromStr;

/// How much of a date the source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    const ALL: [Precision; 3] = [Precision::Year, Precision::Month, Precision::Day];

    /// The word stored in `date_precision` columns.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }

    /// The precision a `date_precision` word names; None for any other text.
    pub fn from_word(word: &str) -> Option<Precision> {
        Self::ALL.into_iter().find(|p| p.as_str() == word)
    }
}

/// One calendar date at the precision the source gives; month and day are absent, never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

/// What was wrong with a date, phrased to follow "is not a valid date: ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

const EXPECTED: &str = "expected YYYY, YYYY-MM or YYYY-MM-DD";

/// Whether `year` has a 29 February (proleptic Gregorian calendar).
pub fn is_leap(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days of `month` (1–12) in `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(part: &str, len: usize) -> Option<u16> {
    if part.len() == len && part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('-');
        let bad = || DateError(format!("'{text}' is not a date; {EXPECTED}"));
        let year = parts.next().and_then(|p| digits(p, 4)).ok_or_else(bad)?;
        if year == 0 {
            return Err(DateError(format!(
                "'{text}' has year 0000, which the calendar lacks (1 BC is followed by AD 1); \
                 years run from 0001"
            )));
        }
        let month = match parts.next() {
            None => None,
            Some(p) => {
                let month = digits(p, 2).ok_or_else(bad)?;
                if !(1..=12).contains(&month) {
                    return Err(DateError(format!(
                        "'{text}' has month {month}; months run from 01 to 12"
                    )));
                }
                Some(month as u8)
            }
        };
        let day = match parts.next() {
            None => None,
            Some(p) => {
                let day = digits(p, 2).ok_or_else(bad)?;
                let month = month.ok_or_else(bad)?;
                let last = days_in_month(i32::from(year), u32::from(month));
                if day == 0 || u32::from(day) > last {
                    return Err(DateError(format!(
                        "'{text}' has day {day}, but {year:04}-{month:02} has {last} days"
                    )));
                }
                Some(day as u8)
            }
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(PartialDate { year, month, day })
    }
}

/// A date or an interval of two dates at the same precision; a single date has `start == end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub start: PartialDate,
    pub end: PartialDate,
}

impl DateSpan {
    pub fn precision(&self) -> Precision {
        self.start.precision()
    }

    pub fn is_single(&self) -> bool {
        self.start == self.end
    }

    pub fn start_text(&self) -> String {
        self.start.to_string()
    }

    pub fn end_text(&self) -> String {
        self.end.to_string()
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}/{}", self.start, self.end)
        }
    }
}

impl FromStr for DateSpan {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let Some((first, second)) = text.split_once('/') else {
            let date: PartialDate = text.parse()?;
            return Ok(DateSpan {
                start: date,
                end: date,
            });
        };
        let start: PartialDate = first.parse()?;
        let end: PartialDate = second.parse()?;
        if start.precision() != end.precision() {
            return Err(DateError(format!(
                "'{text}' mixes a {} and a {}; both ends of a range need the same precision",
                start.precision().as_str(),
                end.precision().as_str()
            )));
        }
        if end < start {
            return Err(DateError(format!(
                "'{text}' ends before it starts; write the earlier date first"
            )));
        }
        Ok(DateSpan { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Result<(String, String, &'static str), String> {
        text.parse::<DateSpan>()
            .map(|s| (s.start_text(), s.end_text(), s.precision().as_str()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn reduced_precisions_keep_what_the_source_gives() {
        assert_eq!(span("1941"), Ok(("1941".into(), "1941".into(), "year")));
        assert_eq!(
            span("1997-11"),
            Ok(("1997-11".into(), "1997-11".into(), "month"))
        );
        assert_eq!(
            span("2002-05-23"),
            Ok(("2002-05-23".into(), "2002-05-23".into(), "day"))
        );
    }

    #[test]
    fn intervals_split_into_start_and_end() {
        assert_eq!(
            span("1941/1942"),
            Ok(("1941".into(), "1942".into(), "year"))
        );
        assert_eq!(
            span("2002-05-23/2002-05-26"),
            Ok(("2002-05-23".into(), "2002-05-26".into(), "day"))
        );
    }

    #[test]
    fn impossible_calendar_dates_are_refused() {
        assert!(span("2002-13-01").unwrap_err().contains("month 13"));
        assert!(span("0000").unwrap_err().contains("year 0000"));
        assert!(span("0000-01-01/0001").unwrap_err().contains("year 0000"));
        assert!(span("0001").is_ok());
        assert!(span("1997-02-30").unwrap_err().contains("has 28 days"));
        assert!(span("2023-02-29").is_err());
        assert!(span("2024-02-29").is_ok());
        assert!(span("1900-02-29").is_err());
        assert!(span("2000-02-29").is_ok());
        assert!(span("2002-00").is_err());
        assert!(span("2002-05-00").is_err());
    }

    #[test]
    fn other_spellings_are_refused() {
        for text in [
            "",
            "23 May 2002",
            "2002/05/23",
            "02-05-23",
            "2002-5",
            "2002-05-1",
            "20020523",
            "1942 ",
            " 1942",
            "early 1942",
            "2002-05-23T10:00",
            "1941/",
            "/1942",
            "1941/1942/1943",
            "-1941",
            "+1941",
        ] {
            assert!(span(text).is_err(), "accepted {text:?}");
        }
    }

    #[test]
    fn ranges_must_be_ordered_and_of_one_precision() {
        assert!(span("2002-05-26/2002-05-23")
            .unwrap_err()
            .contains("ends before it starts"));
        assert!(span("1941/1942-05").unwrap_err().contains("same precision"));
        assert_eq!(
            span("1942/1942"),
            Ok(("1942".into(), "1942".into(), "year"))
        );
    }

    #[test]
    fn display_writes_back_the_csv_spelling() {
        for text in [
            "1941",
            "1997-11",
            "2002-05-23",
            "1946/1948",
            "2017-09-06/2017-09-08",
        ] {
            assert_eq!(text.parse::<DateSpan>().unwrap().to_string(), text);
        }
    }
}
