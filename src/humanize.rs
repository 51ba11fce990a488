//! How values read for people: dates as labels ("23–26 May 2002", "early 1942"), figures
//! with their hedge and unit ("more than US$2.2 billion", "No. 9"), counts with separators.
//! Every view meant for reading takes its wording from here.

use crate::dates::PartialDate;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12)) - 1]
}

/// A date or range the way people write it, at the precision the source gives, with the
/// source's own hedge in front ("early 1942"). Text that is no ISO date is returned as it is.
pub fn date_label(start: &str, end: &str, qualifier: Option<&str>) -> String {
    let label = match (start.parse::<PartialDate>(), end.parse::<PartialDate>()) {
        (Ok(start), Ok(end)) => range(start, end),
        (Ok(start), Err(_)) => range(start, start),
        _ => return start.to_string(),
    };
    match qualifier.map(str::trim).filter(|q| !q.is_empty()) {
        Some(hedge) => format!("{hedge} {label}"),
        None => label,
    }
}

fn single(date: PartialDate) -> String {
    match (date.month, date.day) {
        (Some(month), Some(day)) => format!("{day} {} {}", month_name(month), date.year),
        (Some(month), None) => format!("{} {}", month_name(month), date.year),
        _ => date.year.to_string(),
    }
}

/// Two dates joined by an en dash, sharing what they have in common: "23–26 May 2002",
/// "23 May – 2 June 2002", "1941–1942".
fn range(start: PartialDate, end: PartialDate) -> String {
    if start == end {
        return single(start);
    }
    match (start.month, start.day, end.month, end.day) {
        (Some(m1), Some(d1), Some(m2), Some(d2)) if start.year == end.year && m1 == m2 => {
            format!("{d1}–{d2} {} {}", month_name(m1), start.year)
        }
        (Some(m1), Some(d1), Some(m2), Some(d2)) if start.year == end.year => format!(
            "{d1} {} – {d2} {} {}",
            month_name(m1),
            month_name(m2),
            start.year
        ),
        (Some(m1), None, Some(m2), None) if start.year == end.year => {
            format!("{}–{} {}", month_name(m1), month_name(m2), start.year)
        }
        (None, _, None, _) => format!("{}–{}", start.year, end.year),
        _ => format!("{} – {}", single(start), single(end)),
    }
}

/// How many of something there are, in words: "no visits", "1 visit", "1,234 visits".
pub fn counted(n: u64, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{} {many}", count(n as i64)),
    }
}

/// Names in a sentence: "a", "a and b", "a, b and c".
pub fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A whole number with thousands separators: 77000 → "77,000".
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if n < 0 {
        grouped.insert(0, '-');
    }
    grouped
}

/// A number as people say it: millions and billions in words from a million up
/// ("2.2 billion"), separators below ("77,000"), at most two decimals.
fn amount(value: f64) -> String {
    let scaled = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
        .into_iter()
        .find(|(size, _)| value.abs() >= *size);
    match scaled {
        Some((size, word)) => format!("{} {word}", trimmed(value / size)),
        None if value.fract() == 0.0 && value.abs() < 9e15 => count(value as i64),
        None => trimmed(value),
    }
}

/// A decimal with at most two places and no trailing zeros: 2.20 → "2.2", 130.0 → "130".
fn trimmed(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A figure with its hedge and unit: "more than US$2.2 billion", "nearly 77,000 persons",
/// "No. 9". Units kb does not know follow the number as they are.
pub fn figure(value: f64, unit: &str, qualifier: Option<&str>) -> String {
    let number = match unit {
        "USD" => format!("US${}", amount(value)),
        "EUR" => format!("€{}", amount(value)),
        "rank" => format!("No. {}", amount(value)),
        "" => amount(value),
        other => format!("{} {other}", amount(value)),
    };
    match qualifier.map(str::trim).filter(|q| !q.is_empty()) {
        Some(hedge) => format!("{hedge} {number}"),
        None => number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(date_label("1997-11", "1997-11", None), "November 1997");
        assert_eq!(
            date_label("2002-05-23", "2002-05-26", None),
            "23–26 May 2002"
        );
        assert_eq!(
            date_label("2002-05-23", "2002-06-02", None),
            "23 May – 2 June 2002"
        );
        assert_eq!(
            date_label("2001-12-30", "2002-01-02", None),
            "30 December 2001 – 2 January 2002"
        );
        assert_eq!(date_label("1941", "1942", None), "1941–1942");
        assert_eq!(date_label("1942", "1942", Some("early")), "early 1942");
        assert_eq!(date_label("2016-08-23", "", None), "23 August 2016");
        assert_eq!(date_label("someday", "", None), "someday");
    }

    #[test]
    fn figures_carry_their_hedge_and_unit() {
        assert_eq!(
            figure(2_200_000_000.0, "USD", Some("more than")),
            "more than US$2.2 billion"
        );
        assert_eq!(
            figure(130_000_000.0, "USD", Some("about")),
            "about US$130 million"
        );
        assert_eq!(
            figure(77_000.0, "persons", Some("nearly")),
            "nearly 77,000 persons"
        );
        assert_eq!(figure(9.0, "rank", None), "No. 9");
        assert_eq!(figure(0.5, "", None), "0.5");
        assert_eq!(figure(-1234.0, "companies", None), "-1,234 companies");
    }

    #[test]
    fn names_are_listed_as_a_sentence_lists_them() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(listed(&names(&["a"])), "a");
        assert_eq!(listed(&names(&["a", "b"])), "a and b");
        assert_eq!(listed(&names(&["a", "b", "c"])), "a, b and c");
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(-1_234_567), "-1,234,567");
        assert_eq!(count(i64::MIN), "-9,223,372,036,854,775,808");
    }
}
