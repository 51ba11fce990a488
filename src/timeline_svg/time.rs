//! Dates as positions in time: the period a date at its precision covers, and a mark's place
//! and lane.

use super::*;

fn days_in_year(y: i32) -> f64 {
    if is_leap(y) {
        366.0
    } else {
        365.0
    }
}

/// A calendar day as a fractional year (`1942.0` is 1 January 1942).
pub(super) fn year_fraction(y: i32, m: u32, d: u32) -> f64 {
    let before: u32 = (1..m).map(|mm| days_in_month(y, mm)).sum::<u32>() + d - 1;
    f64::from(y) + f64::from(before) / days_in_year(y)
}

/// The span `[start, end)` in fractional years that a date at `precision` stands for.
pub(super) fn period(d: PartialDate, precision: Precision) -> (f64, f64) {
    let year = i32::from(d.year);
    let month = d.month.map_or(1, u32::from);
    let day = d.day.map_or(1, u32::from);
    match precision {
        Precision::Year => (f64::from(year), f64::from(year + 1)),
        Precision::Month => {
            let start = year_fraction(year, month, 1);
            let end = if month == 12 {
                f64::from(year + 1)
            } else {
                year_fraction(year, month + 1, 1)
            };
            (start, end)
        }
        Precision::Day => {
            let start = year_fraction(year, month, day);
            (start, start + 1.0 / days_in_year(year))
        }
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
    let start: PartialDate = m.start.trim().parse().ok()?;
    let end = if m.end.trim().is_empty() {
        start
    } else {
        m.end.trim().parse().ok()?
    };
    // The coarser of the stated precision and what the strings hold.
    let stated = Precision::from_word(m.precision.trim()).unwrap_or(Precision::Day);
    let (ps, pe) = (stated.min(start.precision()), stated.min(end.precision()));
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
