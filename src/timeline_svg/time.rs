//! Dates as positions in time: the period a date at its precision covers, and a mark's place
//! and lane.

use super::*;

/// How much of a date is known; ordered from coarse to fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Precision {
    Year,
    Month,
    Day,
}

/// A parsed ISO partial date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ymd {
    pub(super) year: i32,
    pub(super) month: u32,
    pub(super) day: u32,
    pub(super) precision: Precision,
}

pub(super) fn days_in_year(y: i32) -> f64 {
    if is_leap(y) {
        366.0
    } else {
        365.0
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else or an impossible date.
pub(super) fn parse_date(s: &str) -> Option<Ymd> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| -> Option<u32> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
            None
        } else {
            p.parse().ok()
        }
    };
    let year = i32::try_from(num(parts.first()?)?).ok()?;
    let (month, day, precision) = match parts.len() {
        1 => (1, 1, Precision::Year),
        2 => (num(parts[1])?, 1, Precision::Month),
        3 => (num(parts[1])?, num(parts[2])?, Precision::Day),
        _ => return None,
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(Ymd {
        year,
        month,
        day,
        precision,
    })
}

/// A calendar day as a fractional year (`1942.0` is 1 January 1942).
pub(super) fn year_fraction(y: i32, m: u32, d: u32) -> f64 {
    let before: u32 = (1..m).map(|mm| days_in_month(y, mm)).sum::<u32>() + d - 1;
    f64::from(y) + f64::from(before) / days_in_year(y)
}

/// The span `[start, end)` in fractional years that a date at `precision` stands for.
pub(super) fn period(d: Ymd, precision: Precision) -> (f64, f64) {
    match precision {
        Precision::Year => (f64::from(d.year), f64::from(d.year + 1)),
        Precision::Month => {
            let start = year_fraction(d.year, d.month, 1);
            let end = if d.month == 12 {
                f64::from(d.year + 1)
            } else {
                year_fraction(d.year, d.month + 1, 1)
            };
            (start, end)
        }
        Precision::Day => {
            let start = year_fraction(d.year, d.month, d.day);
            (start, start + 1.0 / days_in_year(d.year))
        }
    }
}

pub(super) fn precision_word(p: &str) -> Option<Precision> {
    match p.trim() {
        "year" => Some(Precision::Year),
        "month" => Some(Precision::Month),
        "day" => Some(Precision::Day),
        _ => None,
    }
}

/// A mark reduced to what the layout needs, or `None` if it cannot be placed on this axis.
#[derive(Debug, Clone, Copy)]
pub(super) struct Timed {
    pub(super) lane: usize,
    /// Whole span (start of the first period to end of the last), clipped to the axis.
    pub(super) t0: f64,
    pub(super) t1: f64,
    /// Where a single date's dot goes; unused for ranges.
    pub(super) dot: f64,
    pub(super) single: bool,
    pub(super) vague: bool,
    pub(super) clipped: bool,
}

pub(super) fn time_mark(m: &Mark, lanes: &[&str], lo: f64, hi: f64) -> Option<Timed> {
    let lane = lanes.iter().position(|l| *l == m.lane)?;
    let start = parse_date(&m.start)?;
    let end = if m.end.trim().is_empty() {
        start
    } else {
        parse_date(&m.end)?
    };
    // The coarser of the stated precision and what the strings hold.
    let stated = precision_word(&m.precision).unwrap_or(Precision::Day);
    let (ps, pe) = (stated.min(start.precision), stated.min(end.precision));
    let (a0, a1) = period(start, ps);
    let (b0, b1) = period(end, pe);
    let (t0, t1) = (a0.min(b0), a1.max(b1));
    let single = (a0, a1) == (b0, b1);
    let qualifier = m.qualifier.as_deref().map(str::trim).unwrap_or("");
    let dot = match qualifier {
        "early" => t0 + (t1 - t0) / 6.0,
        "late" => t1 - (t1 - t0) / 6.0,
        _ => (t0 + t1) / 2.0,
    };
    if t1 <= lo || t0 >= hi || (single && !(lo..hi).contains(&dot)) {
        return None;
    }
    Some(Timed {
        lane,
        t0: t0.max(lo),
        t1: t1.min(hi),
        dot,
        single,
        vague: !qualifier.is_empty(),
        clipped: t0 < lo || t1 > hi,
    })
}

// ---------------------------------------------------------------------------------------------
// Scale.
