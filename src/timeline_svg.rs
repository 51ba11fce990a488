//! Owns kb's timeline picture: dated facts as lanes of marks on one time axis, as standalone SVG.
//!
//! [`render`] takes already-formatted facts ([`Mark`]) and returns the whole document as text; it
//! reads nothing and knows nothing of the database. The output depends only on its arguments, so
//! the same facts always give byte-identical SVG.
//!
//! # Design
//!
//! **Scale.** kb's facts cluster in 1939–1948 and 1992 onwards, with nothing dated in between. A
//! linear axis would spend a third of the width on empty decades and squeeze the busy years, so the
//! axis is piecewise linear: every year that holds a fact, and the year on either side of it, gets
//! the full year width; a run of at least six years with no fact at all is compressed into one
//! short stretch, 30% of its true width and 48–150 px wide (still linear inside, with its own
//! sparse tick labels in grey italics). The compression is never hidden: the stretch is hatched
//! across every lane, the axis is visibly broken (`//`) at both of its ends, a caption under the
//! axis names the years it holds, and the legend explains the hatching. Short empty runs stay at
//! full scale, so distances between nearby facts are always true.
//!
//! **Marks.** A single date is a dot; when the date is only known to the year or month, a faint
//! band behind the dot spans that year or month, so the dot's position claims no more precision
//! than the source gives. A range is a rounded bar from the start of its first period to the end of
//! its last (`1941`–`1942` covers two whole years); a bar is never narrower than 18 px, so a
//! few-day visit is still visibly a bar. A qualified date (`early`, `during`, …) is drawn hollow
//! with a dashed outline; `early`/`late` also move the dot to the first/last sixth of its period.
//! Marks that fall wholly outside `from_year..=to_year` are left out (the subtitle counts them); a
//! range that crosses an edge is cut at the edge.
//!
//! **Labels and packing.** Each mark carries its label (bold date, then the text) beside it in the
//! same sub-row. Within a lane, mark-plus-label boxes are packed greedily into sub-rows in time
//! order (interval packing): an item takes the first sub-row where its box clears every box already
//! there with the label on the right of the mark, or failing that on its left, and the lane grows
//! by one sub-row when no sub-row has room. Text is measured with DejaVu Sans advance widths (the
//! widest of the usual sans faces; within 1% of what Chromium draws) plus 5%. Boxes in a sub-row
//! never overlap and sub-rows never overlap vertically, so no label overlaps another label or
//! another fact's mark. Because a label always sits right next to its own mark, no leader lines are
//! needed. Labels longer than 680 px or 110 characters (or than the room on the canvas) are cut
//! with `…`; the tooltip keeps the full text.
//!
//! **Colour.** One colour per lane from the Okabe–Ito palette (distinguishable with the common
//! colour-vision deficiencies, yellow left out for contrast on white); outlines and dates use a
//! darker shade of the lane colour, body text is near-black with a halo in the band colour so it
//! stays readable over grid lines and hatching.

use std::fmt::Write as _;

use crate::dates::{days_in_month, is_leap};

/// One dated fact to draw on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mark {
    /// Start date as ISO 8601 at reduced precision: `"1941"`, `"1997-11"`, `"2002-05-23"`.
    pub start: String,
    /// End date at the same precision as `start`; equal to `start` for a single date.
    pub end: String,
    /// How much of the date is known: `"year"`, `"month"` or `"day"`.
    pub precision: String,
    /// The source's hedge on the date, e.g. `"early"` (vague wording) or `"during"`; a qualified
    /// date is drawn hollow and dashed.
    pub qualifier: Option<String>,
    /// The lane to draw the fact in: one of the lane names passed to [`render`]; a mark whose lane
    /// is not among them is left out.
    pub lane: String,
    /// Short human text, e.g. `"State visit of Andrzej Duda to Kazakhstan"`.
    pub label: String,
    /// Human date, e.g. `"6–8 September 2017"`, `"early 1942"`, `"1941–1942"`; shown in bold
    /// before the label.
    pub date_label: String,
}

/// Draws `marks` as a timeline and returns a complete SVG document (ending in a newline).
///
/// `lanes` are drawn top to bottom in the order given, one horizontal band each, each with its
/// own colour. The axis runs from the start of `from_year` to the end of `to_year` (the two are
/// swapped if given the wrong way round). Marks in unknown lanes, with unreadable dates, or
/// wholly outside the axis are left out and counted in the subtitle.
pub fn render(title: &str, lanes: &[&str], marks: &[Mark], from_year: i32, to_year: i32) -> String {
    let layout = layout(title, lanes, marks, from_year, to_year);
    draw(&layout, title, lanes, marks)
}

// ---------------------------------------------------------------------------------------------
// Geometry constants (pixels unless noted).

/// The plot width aimed at; the year width follows from it (within its bounds).
const PLOT_W_TARGET: f64 = 1500.0;
/// Bounds on the width of one full-scale year.
const YEAR_W_MIN: f64 = 14.0;
const YEAR_W_MAX: f64 = PLOT_W_TARGET;
/// The shortest run of fact-free years that is compressed.
const MIN_BREAK_YEARS: usize = 6;
/// A compressed stretch is this share of its full-scale width, within the bounds below.
const BREAK_RATIO: f64 = 0.3;
const BREAK_W_MIN: f64 = 48.0;
const BREAK_W_MAX: f64 = 150.0;

const MARGIN: f64 = 20.0;
const TITLE_FONT: f64 = 20.0;
const SUBTITLE_FONT: f64 = 12.5;
const LEGEND_FONT: f64 = 12.0;
const LANE_FONT: f64 = 13.0;
const LABEL_FONT: f64 = 12.0;
const AXIS_FONT: f64 = 11.0;
/// Top of the plot (below title, subtitle, legend and the top axis labels).
const PLOT_Y0: f64 = 122.0;
/// Height of one sub-row of a lane, and the padding above and below a lane's sub-rows.
const ROW_H: f64 = 22.0;
const LANE_PAD: f64 = 7.0;
const DOT_R: f64 = 5.0;
const BAR_H: f64 = 10.0;
/// A bar is never narrower than this, so a range always looks wider than a dot.
const MIN_BAR_W: f64 = 2.0 * DOT_R + 8.0;
/// Space between a mark and its label, and between two items in one sub-row.
const LABEL_GAP: f64 = 6.0;
const ITEM_GAP: f64 = 12.0;
/// Labels are cut with `…` past this many characters of text or this width.
const MAX_LABEL_CHARS: usize = 110;
const MAX_LABEL_W: f64 = 680.0;

const FONT_FAMILY: &str = "system-ui, 'DejaVu Sans', sans-serif";
const BAND_FILLS: [&str; 2] = ["#f4f6f8", "#ffffff"];
const TEXT: &str = "#1f2328";
const MUTED: &str = "#57606a";
const GRID: &str = "#dde1e6";
const AXIS: &str = "#8c959f";
const HATCH_ID: &str = "kb-timeline-hatch";

/// Okabe–Ito colours (fill) with a darker shade of each (outline, date text), in lane order.
const PALETTE: [(&str, &str); 7] = [
    ("#0072B2", "#004A75"), // blue
    ("#D55E00", "#8C3E00"), // vermillion
    ("#009E73", "#00684B"), // bluish green
    ("#CC79A7", "#8A3F69"), // reddish purple
    ("#E69F00", "#8A5F00"), // orange
    ("#56B4E9", "#2B6A8F"), // sky blue
    ("#555555", "#222222"), // grey (the palette's black, softened)
];

// ---------------------------------------------------------------------------------------------
// Text measurement.

/// DejaVu Sans advance widths of ASCII 32..=126 in thousandths of an em (regular, then bold).
const DEJAVU: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const DEJAVU_BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/// Measured widths are multiplied by this, so a label is never wider on screen than its box.
const WIDTH_SAFETY: f64 = 1.05;

/// Estimated advance width of `c` in thousandths of an em.
fn char_width(c: char, bold: bool) -> f64 {
    let table = if bold { &DEJAVU_BOLD } else { &DEJAVU };
    let ascii = |a: char| f64::from(table[a as usize - 32]);
    match c {
        ' '..='~' => ascii(c),
        '\u{a0}' | '\u{2009}' => ascii(' '),
        '–' | '−' => 500.0,
        '—' | '…' => 1000.0,
        '‘' | '’' | '‚' | '·' => ascii(','),
        '“' | '”' | '„' => ascii('"') * 1.26,
        'ą' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' => ascii('a'),
        'ć' | 'č' | 'ç' => ascii('c'),
        'ę' | 'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ə' => ascii('e'),
        'ł' => ascii('l') + 10.0,
        'ń' | 'ñ' | 'ň' | 'ņ' => ascii('n'),
        'ó' | 'ö' | 'ò' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => ascii('o'),
        'ś' | 'š' | 'ş' | 'ș' => ascii('s'),
        'ź' | 'ż' | 'ž' => ascii('z'),
        'ü' | 'ú' | 'ù' | 'û' | 'ū' | 'ů' | 'ű' | 'ұ' | 'ү' => ascii('u'),
        'ı' | 'í' | 'ì' | 'î' | 'ï' | 'ī' => ascii('i'),
        'ğ' => ascii('g'),
        'Ł' => ascii('L') + 10.0,
        'Ś' | 'Š' | 'Ş' => ascii('S'),
        'Ż' | 'Ź' | 'Ž' => ascii('Z'),
        'Ó' | 'Ö' | 'Ø' => ascii('O'),
        'Ą' | 'Ä' | 'Á' | 'Å' => ascii('A'),
        'Ć' | 'Č' | 'Ç' => ascii('C'),
        'Ę' | 'É' | 'Ê' => ascii('E'),
        'Ń' | 'Ñ' => ascii('N'),
        'Ü' | 'Ú' => ascii('U'),
        _ if c.is_lowercase() => 700.0,
        _ if c.is_uppercase() => 850.0,
        _ => 1000.0,
    }
}

/// Estimated rendered width of `text` at `size` pixels, on the generous side.
fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(|c| char_width(c, bold)).sum();
    em / 1000.0 * size * WIDTH_SAFETY
}

/// Width of a fact label: bold date, a space, then the text.
fn label_width(date: &str, text: &str) -> f64 {
    match (date.is_empty(), text.is_empty()) {
        (true, _) => text_width(text, LABEL_FONT, false),
        (false, true) => text_width(date, LABEL_FONT, true),
        (false, false) => {
            text_width(date, LABEL_FONT, true) + text_width(&format!(" {text}"), LABEL_FONT, false)
        }
    }
}

/// `text` cut (at a word boundary when one is near) so that `date` + `text` fits in `max_w`
/// pixels and `text` has at most [`MAX_LABEL_CHARS`] characters, ending in `…` if cut.
fn fit_label(date: &str, text: &str, max_w: f64) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= MAX_LABEL_CHARS && label_width(date, text) <= max_w {
        return text.to_string();
    }
    let mut keep = chars.len().min(MAX_LABEL_CHARS);
    loop {
        let mut cut: String = chars[..keep].iter().collect();
        // Prefer ending on a whole word if that loses little.
        if let Some(space) = cut.rfind(' ') {
            if cut[..space].chars().count() + 12 >= keep && space > 0 {
                cut.truncate(space);
            }
        }
        let cut = cut.trim_end_matches([' ', ',', ';', ':', '-', '–', '(', '.']);
        let candidate = format!("{cut}…");
        if keep == 0 || label_width(date, &candidate) <= max_w {
            return if cut.is_empty() {
                "…".to_string()
            } else {
                candidate
            };
        }
        keep -= 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Dates.

/// How much of a date is known; ordered from coarse to fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precision {
    Year,
    Month,
    Day,
}

/// A parsed ISO partial date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ymd {
    year: i32,
    month: u32,
    day: u32,
    precision: Precision,
}

fn days_in_year(y: i32) -> f64 {
    if is_leap(y) {
        366.0
    } else {
        365.0
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else or an impossible date.
fn parse_date(s: &str) -> Option<Ymd> {
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
fn year_fraction(y: i32, m: u32, d: u32) -> f64 {
    let before: u32 = (1..m).map(|mm| days_in_month(y, mm)).sum::<u32>() + d - 1;
    f64::from(y) + f64::from(before) / days_in_year(y)
}

/// The span `[start, end)` in fractional years that a date at `precision` stands for.
fn period(d: Ymd, precision: Precision) -> (f64, f64) {
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

fn precision_word(p: &str) -> Option<Precision> {
    match p.trim() {
        "year" => Some(Precision::Year),
        "month" => Some(Precision::Month),
        "day" => Some(Precision::Day),
        _ => None,
    }
}

/// A mark reduced to what the layout needs, or `None` if it cannot be placed on this axis.
#[derive(Debug, Clone, Copy)]
struct Timed {
    lane: usize,
    /// Whole span (start of the first period to end of the last), clipped to the axis.
    t0: f64,
    t1: f64,
    /// Where a single date's dot goes; unused for ranges.
    dot: f64,
    single: bool,
    vague: bool,
    clipped: bool,
}

fn time_mark(m: &Mark, lanes: &[&str], lo: f64, hi: f64) -> Option<Timed> {
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

/// One linear piece of the axis: years `t0..t1` drawn over pixels `x0..x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    t0: f64,
    t1: f64,
    x0: f64,
    x1: f64,
    compressed: bool,
}

impl Segment {
    fn year_w(&self) -> f64 {
        (self.x1 - self.x0) / (self.t1 - self.t0)
    }
}

/// The piecewise-linear time axis.
#[derive(Debug, Clone, PartialEq)]
struct Scale {
    segs: Vec<Segment>,
}

impl Scale {
    /// Builds the axis over `from..=to` starting at pixel `x0`; `occupied[i]` says whether year
    /// `from + i` holds any fact.
    fn new(from: i32, occupied: &[bool], x0: f64) -> Scale {
        let n = occupied.len();
        let any = occupied.iter().any(|&b| b);
        let active: Vec<bool> = (0..n)
            .map(|i| occupied[i] || (i > 0 && occupied[i - 1]) || (i + 1 < n && occupied[i + 1]))
            .collect();
        // Runs of years as (first index, end index, compressed).
        let mut runs: Vec<(usize, usize, bool)> = Vec::new();
        let mut i = 0;
        while i < n {
            let mut j = i;
            while j < n && active[j] == active[i] {
                j += 1;
            }
            let compressed = any && !active[i] && j - i >= MIN_BREAK_YEARS;
            match runs.last_mut() {
                Some(last) if !last.2 && !compressed => last.1 = j,
                _ => runs.push((i, j, compressed)),
            }
            i = j;
        }
        let full_years: usize = runs.iter().filter(|r| !r.2).map(|r| r.1 - r.0).sum();
        let breaks = runs.iter().filter(|r| r.2).count();
        let full = full_years.max(1) as f64;
        let first_guess = ((PLOT_W_TARGET - BREAK_W_MAX * breaks as f64) / full).max(YEAR_W_MIN);
        let break_w =
            |len: usize| (len as f64 * first_guess * BREAK_RATIO).clamp(BREAK_W_MIN, BREAK_W_MAX);
        let breaks_w: f64 = runs
            .iter()
            .filter(|r| r.2)
            .map(|r| break_w(r.1 - r.0))
            .sum();
        let year_w = ((PLOT_W_TARGET - breaks_w) / full).clamp(YEAR_W_MIN, YEAR_W_MAX);
        let mut x = x0;
        let segs = runs
            .iter()
            .map(|&(a, b, compressed)| {
                let w = if compressed {
                    break_w(b - a)
                } else {
                    (b - a) as f64 * year_w
                };
                let seg = Segment {
                    t0: f64::from(from) + a as f64,
                    t1: f64::from(from) + b as f64,
                    x0: x,
                    x1: x + w,
                    compressed,
                };
                x += w;
                seg
            })
            .collect();
        Scale { segs }
    }

    /// Pixel position of the fractional year `t` (clamped to the axis).
    fn x(&self, t: f64) -> f64 {
        let first = self.segs[0];
        let last = self.segs[self.segs.len() - 1];
        if t <= first.t0 {
            return first.x0;
        }
        if t >= last.t1 {
            return last.x1;
        }
        let s = self
            .segs
            .iter()
            .find(|s| t <= s.t1)
            .copied()
            .unwrap_or(last);
        s.x0 + (t - s.t0) * s.year_w()
    }

    fn x0(&self) -> f64 {
        self.segs[0].x0
    }

    fn x1(&self) -> f64 {
        self.segs[self.segs.len() - 1].x1
    }

    /// The segment holding year `y`.
    fn segment_of(&self, y: i32) -> Segment {
        let t = f64::from(y) + 0.5;
        self.segs
            .iter()
            .find(|s| t < s.t1)
            .copied()
            .unwrap_or(self.segs[self.segs.len() - 1])
    }
}

// ---------------------------------------------------------------------------------------------
// Layout.

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    /// Whether the two boxes share any area (touching edges do not count).
    #[cfg(test)]
    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// The drawn shape of one mark.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// A single date: dot at `cx`; `band` is the period the date stands for, if wider than the dot.
    Dot { cx: f64, band: Option<(f64, f64)> },
    /// A range: bar from `x0` to `x1`.
    Bar { x0: f64, x1: f64 },
}

/// One fact placed on the canvas.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    /// Index into the `marks` given to [`render`].
    mark: usize,
    lane: usize,
    /// Sub-row within the lane, from 0 at the top.
    row: usize,
    /// Vertical centre of the sub-row.
    cy: f64,
    shape: Shape,
    vague: bool,
    clipped: bool,
    /// The mark's extent, including any precision band.
    mark_box: Rect,
    /// Where the label text goes.
    label_box: Rect,
    /// The label text after truncation (the date is kept whole).
    text: String,
    /// Where the label is, relative to the mark.
    side: Side,
    /// Vertical centre of the label's sub-row (below the mark's when `side` is `Below`).
    label_cy: f64,
    /// For a label under its mark: the leader line's x, top and bottom.
    leader: Option<(f64, f64, f64)>,
}

/// Where a label sits relative to its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Right of the mark, left-aligned: the usual place.
    Right,
    /// Left of the mark, right-aligned: when the right has no room.
    Left,
    /// In the sub-row below, tied to the mark by a leader line: when neither side has room.
    Below,
}

/// One lane's band.
#[derive(Debug, Clone, PartialEq)]
struct LaneBox {
    y: f64,
    h: f64,
    rows: usize,
}

/// One year label on the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
struct AxisLabel {
    year: i32,
    /// Centre of the label.
    x: f64,
    w: f64,
    compressed: bool,
}

/// Everything [`draw`] needs, computed once.
#[derive(Debug, Clone)]
struct Layout {
    width: f64,
    height: f64,
    from: i32,
    to: i32,
    scale: Scale,
    lanes: Vec<LaneBox>,
    items: Vec<Placed>,
    axis_labels: Vec<AxisLabel>,
    plot_y0: f64,
    plot_y1: f64,
    /// Marks left out (unknown lane, unreadable date or outside the axis).
    omitted: usize,
    legend: Vec<(LegendKind, String)>,
}

/// The samples shown in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LegendKind {
    Dot,
    Banded,
    Bar,
    Vague,
    Hatch,
}

/// Horizontal extents already taken in one sub-row.
type Row = Vec<(f64, f64)>;

fn row_is_free(row: &Row, a: f64, b: f64) -> bool {
    row.iter()
        .all(|&(c, d)| b + ITEM_GAP <= c || d + ITEM_GAP <= a)
}

fn gutter_width(lanes: &[&str]) -> f64 {
    let names = lanes
        .iter()
        .map(|l| text_width(&display_lane(l), LANE_FONT, true))
        .fold(0.0, f64::max);
    (MARGIN + 18.0 + names + 18.0).max(120.0).ceil()
}

/// Places everything: the axis, the lanes and each mark with its label.
fn layout(title: &str, lanes: &[&str], marks: &[Mark], from_year: i32, to_year: i32) -> Layout {
    let (from, to) = (from_year.min(to_year), from_year.max(to_year));
    let (lo, hi) = (f64::from(from), f64::from(to) + 1.0);
    let timed: Vec<Option<Timed>> = marks.iter().map(|m| time_mark(m, lanes, lo, hi)).collect();
    let omitted = timed.iter().filter(|t| t.is_none()).count();

    // Years holding a fact.
    let n = usize::try_from(to - from + 1).unwrap_or(1);
    let mut occupied = vec![false; n];
    for t in timed.iter().flatten() {
        let first = (t.t0.floor() as i32 - from).max(0) as usize;
        let last = ((t.t1.ceil() as i32 - 1 - from).max(0) as usize).min(n - 1);
        for o in &mut occupied[first..=last.max(first)] {
            *o = true;
        }
    }
    let plot_x0 = gutter_width(lanes);
    let scale = Scale::new(from, &occupied, plot_x0);
    let (px0, px1) = (scale.x0(), scale.x1());

    // Pack each lane.
    struct Pending {
        mark: usize,
        shape: Shape,
        ext: (f64, f64),
        text: String,
        side: Side,
        /// Left edge of the label.
        lx: f64,
        row: usize,
        timed: Timed,
    }
    let mut pending: Vec<Pending> = Vec::new();
    let mut rows_per_lane = vec![0usize; lanes.len()];
    for (lane, rows_used) in rows_per_lane.iter_mut().enumerate() {
        let mut items: Vec<(usize, Timed, Shape, (f64, f64))> = timed
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.filter(|t| t.lane == lane).map(|t| (i, t)))
            .map(|(i, t)| {
                let (shape, ext) = mark_shape(&scale, &t);
                (i, t, shape, ext)
            })
            .collect();
        items.sort_by(|a, b| {
            a.3 .0
                .total_cmp(&b.3 .0)
                .then(a.3 .1.total_cmp(&b.3 .1))
                .then(a.0.cmp(&b.0))
        });
        let mut rows: Vec<Row> = Vec::new();
        for (i, t, shape, (mx0, mx1)) in items {
            let m = &marks[i];
            let (date, label) = (m.date_label.trim(), m.label.trim());
            let room_right = px1 - (mx1 + LABEL_GAP);
            let room_left = (mx0 - LABEL_GAP) - px0;
            let mut text = fit_label(date, label, MAX_LABEL_W);
            let mut w = label_width(date, &text);
            let beside = w <= room_right.max(room_left);
            if !beside {
                // A mark as wide as the plot: its label goes under it, with a leader line.
                text = fit_label(date, label, MAX_LABEL_W.min(px1 - px0));
                w = label_width(date, &text);
            }
            let right = (w <= room_right).then_some(mx1 + LABEL_GAP);
            let left = (w <= room_left).then_some(mx0 - LABEL_GAP - w);
            let under = mx0.min(px1 - w).max(px0);
            let fits = |rows: &Vec<Row>, r: usize, a: f64, b: f64| {
                rows.get(r).is_none_or(|row| row_is_free(row, a, b))
            };
            // The first sub-row with room, trying the right side, then the left, then below.
            let mut r = 0;
            let (side, lx) = loop {
                if let Some(lx) = right.filter(|_| fits(&rows, r, mx0, mx1 + LABEL_GAP + w)) {
                    break (Side::Right, lx);
                }
                if let Some(lx) = left.filter(|&lx| fits(&rows, r, lx, mx1)) {
                    break (Side::Left, lx);
                }
                if !beside && fits(&rows, r, mx0, mx1) && fits(&rows, r + 1, under, under + w) {
                    break (Side::Below, under);
                }
                r += 1;
            };
            let label_row = if side == Side::Below { r + 1 } else { r };
            while rows.len() <= label_row {
                rows.push(Vec::new());
            }
            match side {
                Side::Below => {
                    rows[r].push((mx0, mx1));
                    rows[r + 1].push((lx, lx + w));
                }
                _ => rows[r].push((lx.min(mx0), (lx + w).max(mx1))),
            }
            pending.push(Pending {
                mark: i,
                shape,
                ext: (mx0, mx1),
                text,
                side,
                lx,
                row: r,
                timed: t,
            });
        }
        *rows_used = rows.len();
    }

    // Stack the lanes.
    let mut y = PLOT_Y0;
    let lane_boxes: Vec<LaneBox> = rows_per_lane
        .iter()
        .map(|&rows| {
            let h = 2.0 * LANE_PAD + rows.max(1) as f64 * ROW_H;
            let b = LaneBox { y, h, rows };
            y += h;
            b
        })
        .collect();
    let plot_y1 = y;

    let items: Vec<Placed> = pending
        .into_iter()
        .map(|p| {
            let lb = &lane_boxes[p.timed.lane];
            let cy = lb.y + LANE_PAD + (p.row as f64 + 0.5) * ROW_H;
            let label_cy = if p.side == Side::Below {
                cy + ROW_H
            } else {
                cy
            };
            let w = label_width(marks[p.mark].date_label.trim(), &p.text);
            let half = (ROW_H - 4.0) / 2.0;
            let mark_half = DOT_R.max(BAR_H / 2.0);
            let label_box = Rect {
                x: p.lx,
                y: label_cy - half,
                w,
                h: 2.0 * half,
            };
            let leader = (p.side == Side::Below).then(|| {
                let x = (p.lx + 3.0).clamp(p.ext.0 + 3.0, p.ext.1 - 3.0);
                (x, cy + BAR_H / 2.0, label_box.y)
            });
            Placed {
                mark: p.mark,
                lane: p.timed.lane,
                row: p.row,
                cy,
                label_cy,
                shape: p.shape,
                vague: p.timed.vague,
                clipped: p.timed.clipped,
                mark_box: Rect {
                    x: p.ext.0,
                    y: cy - mark_half,
                    w: p.ext.1 - p.ext.0,
                    h: 2.0 * mark_half,
                },
                label_box,
                text: p.text,
                side: p.side,
                leader,
            }
        })
        .collect();

    let axis_labels = axis_labels(&scale, from, to);

    // Legend entries (only what the picture uses, plus the basic dot and bar).
    let mut legend = vec![
        (LegendKind::Dot, "single date".to_string()),
        (
            LegendKind::Banded,
            "date known to the year or month (band)".to_string(),
        ),
        (LegendKind::Bar, "period".to_string()),
    ];
    if items.iter().any(|p| p.vague) {
        legend.push((
            LegendKind::Vague,
            "hollow, dashed: approximate (“early”, “during”…)".to_string(),
        ));
    }
    if scale.segs.iter().any(|s| s.compressed) {
        legend.push((
            LegendKind::Hatch,
            "years without facts, compressed".to_string(),
        ));
    }
    let legend_w = legend_width(&legend);
    let title_w = text_width(title, TITLE_FONT, true);
    let width = (px1 + MARGIN)
        .max(MARGIN * 2.0 + title_w)
        .max(MARGIN * 2.0 + legend_w)
        .ceil();
    let height = (plot_y1 + 56.0).ceil();

    Layout {
        width,
        height,
        from,
        to,
        scale,
        lanes: lane_boxes,
        items,
        axis_labels,
        plot_y0: PLOT_Y0,
        plot_y1,
        omitted,
        legend,
    }
}

/// The shape of a mark and its horizontal extent (including a precision band), kept inside the
/// plot.
fn mark_shape(scale: &Scale, t: &Timed) -> (Shape, (f64, f64)) {
    let (px0, px1) = (scale.x0(), scale.x1());
    if t.single {
        let cx = scale.x(t.dot).clamp(px0 + DOT_R, px1 - DOT_R);
        let (b0, b1) = (scale.x(t.t0), scale.x(t.t1));
        let band = (b1 - b0 > 2.0 * DOT_R + 2.0).then_some((b0, b1));
        let (e0, e1) = match band {
            Some((b0, b1)) => (b0.min(cx - DOT_R), b1.max(cx + DOT_R)),
            None => (cx - DOT_R, cx + DOT_R),
        };
        (Shape::Dot { cx, band }, (e0, e1))
    } else {
        let (mut x0, mut x1) = (scale.x(t.t0), scale.x(t.t1));
        if x1 - x0 < MIN_BAR_W {
            let c = (x0 + x1) / 2.0;
            x0 = (c - MIN_BAR_W / 2.0).clamp(px0, px1 - MIN_BAR_W);
            x1 = x0 + MIN_BAR_W;
        }
        (Shape::Bar { x0, x1 }, (x0, x1))
    }
}

/// Chooses year labels that do not crowd: in each piece of the axis, every `step`-th year for
/// the smallest step that leaves room between labels; then the axis ends and the years beside a
/// compressed stretch where they still fit.
fn axis_labels(scale: &Scale, from: i32, to: i32) -> Vec<AxisLabel> {
    let label_w = text_width("0000", AXIS_FONT, false);
    let min_gap = 10.0;
    let mut wanted: Vec<i32> = Vec::new();
    for s in &scale.segs {
        let step = [1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000]
            .into_iter()
            .find(|&st| f64::from(st) * s.year_w() >= label_w + min_gap)
            .unwrap_or(1000);
        let (y0, y1) = (s.t0 as i32, s.t1 as i32);
        wanted.extend((y0..y1).filter(|y| y.rem_euclid(step) == 0));
    }
    wanted.push(from);
    wanted.push(to);
    for s in &scale.segs {
        if !s.compressed && scale.segs.len() > 1 {
            wanted.push(s.t0 as i32);
            wanted.push(s.t1 as i32 - 1);
        }
    }
    let mut placed: Vec<AxisLabel> = Vec::new();
    for year in wanted {
        if year < from || year > to || placed.iter().any(|l| l.year == year) {
            continue;
        }
        let seg = scale.segment_of(year);
        let x = scale.x(f64::from(year) + 0.5);
        let w = label_w;
        let clear = placed
            .iter()
            .all(|l| (l.x - x).abs() >= (l.w + w) / 2.0 + min_gap);
        if clear && x - w / 2.0 >= 0.0 {
            placed.push(AxisLabel {
                year,
                x,
                w,
                compressed: seg.compressed,
            });
        }
    }
    placed.sort_by_key(|l| l.year);
    placed
}

fn legend_width(legend: &[(LegendKind, String)]) -> f64 {
    legend
        .iter()
        .map(|(_, t)| 30.0 + text_width(t, LEGEND_FONT, false) + 22.0)
        .sum::<f64>()
}

// ---------------------------------------------------------------------------------------------
// Drawing.

/// XML-escapes text for element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than emitted.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, without a trailing `.0` or a negative zero.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn display_lane(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn colours(lane: usize) -> (&'static str, &'static str) {
    PALETTE[lane % PALETTE.len()]
}

fn band_fill(lane: usize) -> &'static str {
    BAND_FILLS[lane % 2]
}

fn draw(l: &Layout, title: &str, lanes: &[&str], marks: &[Mark]) -> String {
    let mut o = String::new();
    let (w, h) = (num(l.width), num(l.height));
    let px0 = l.scale.x0();
    let drawn = l.items.len();
    let lane_list = lanes.join(", ");
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\" role=\"img\">",
        esc(FONT_FAMILY)
    );
    let _ = writeln!(o, "<title>{}</title>", esc(title));
    let _ = writeln!(
        o,
        "<desc>Timeline of {drawn} dated facts from {} to {} in the lanes {}.</desc>",
        l.from,
        l.to,
        esc(&lane_list)
    );
    let _ = writeln!(
        o,
        "<defs><pattern id=\"{HATCH_ID}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fbfbfc\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#cdd2d8\" stroke-width=\"1.6\"/></pattern></defs>"
    );
    let _ = writeln!(o, "<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>");

    // Title, subtitle, legend.
    let _ = writeln!(o, "<g class=\"heading\">");
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"34\" font-size=\"{}\" font-weight=\"700\" fill=\"{TEXT}\">{}</text>",
        num(MARGIN),
        num(TITLE_FONT),
        esc(title)
    );
    let mut sub = format!(
        "{drawn} dated fact{} from {} to {}, one lane per topic · hover a mark for its details",
        if drawn == 1 { "" } else { "s" },
        l.from,
        l.to
    );
    if l.omitted > 0 {
        let _ = write!(
            sub,
            " · {} not shown (outside these years, undated or in no lane)",
            l.omitted
        );
    }
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"56\" font-size=\"{}\" fill=\"{MUTED}\">{}</text>",
        num(MARGIN),
        num(SUBTITLE_FONT),
        esc(&sub)
    );
    let _ = writeln!(o, "</g>");
    draw_legend(&mut o, l);

    // Lane bands and names.
    let _ = writeln!(o, "<g class=\"lanes\">");
    for (i, lb) in l.lanes.iter().enumerate() {
        let _ = writeln!(
            o,
            "<rect x=\"0\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{}\"/>",
            num(lb.y),
            num(lb.h),
            band_fill(i)
        );
    }
    for (i, lb) in l.lanes.iter().enumerate() {
        let (fill, dark) = colours(i);
        let cy = lb.y + lb.h / 2.0;
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" rx=\"2\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
            num(MARGIN),
            num(cy - 5.0)
        );
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"700\" fill=\"{TEXT}\">{}</text>",
            num(MARGIN + 18.0),
            num(cy + LANE_FONT * 0.36),
            num(LANE_FONT),
            esc(&display_lane(lanes[i]))
        );
        if lb.rows == 0 {
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-style=\"italic\" fill=\"{MUTED}\">no dated facts</text>",
                num(px0 + 8.0),
                num(cy + LABEL_FONT * 0.36),
                num(LABEL_FONT)
            );
        }
    }
    let _ = writeln!(
        o,
        "<line x1=\"0\" y1=\"{y}\" x2=\"{w}\" y2=\"{y}\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
        y = num(l.plot_y1)
    );
    let _ = writeln!(o, "</g>");

    // Compressed stretches and grid.
    let _ = writeln!(o, "<g class=\"grid\">");
    for s in l.scale.segs.iter().filter(|s| s.compressed) {
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{HATCH_ID})\"/>",
            num(s.x0),
            num(l.plot_y0),
            num(s.x1 - s.x0),
            num(l.plot_y1 - l.plot_y0)
        );
    }
    for s in l.scale.segs.iter().filter(|s| !s.compressed) {
        let first = (s.t0 as i32 + 9).div_euclid(10) * 10;
        for decade in (first..s.t1 as i32).step_by(10) {
            let x = num(l.scale.x(f64::from(decade)));
            let _ = writeln!(
                o,
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
                num(l.plot_y0),
                num(l.plot_y1)
            );
        }
    }
    let _ = writeln!(o, "</g>");

    draw_axis(&mut o, l, l.plot_y0, true);
    draw_axis(&mut o, l, l.plot_y1, false);

    // Facts.
    let _ = writeln!(o, "<g class=\"facts\">");
    for p in &l.items {
        let m = &marks[p.mark];
        let (fill, dark) = colours(p.lane);
        let date = m.date_label.trim();
        let mut tip = match (date.is_empty(), m.label.trim().is_empty()) {
            (false, false) => format!("{date}: {}", m.label.trim()),
            (true, _) => m.label.trim().to_string(),
            (false, true) => date.to_string(),
        };
        if p.clipped {
            tip.push_str(" (continues beyond the years shown)");
        }
        let _ = writeln!(o, "<g class=\"fact\" data-lane=\"{}\">", esc(&m.lane));
        let _ = writeln!(o, "<title>{}</title>", esc(&tip));
        let cy = num(p.cy);
        match p.shape {
            Shape::Dot { cx, band } => {
                if let Some((b0, b1)) = band {
                    let _ = writeln!(
                        o,
                        "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" rx=\"3\" fill=\"{fill}\" fill-opacity=\"0.28\"/>",
                        num(b0),
                        num(p.cy - 3.0),
                        num(b1 - b0)
                    );
                }
                if p.vague {
                    let _ = writeln!(
                        o,
                        "<circle class=\"dot vague\" cx=\"{}\" cy=\"{cy}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{dark}\" stroke-width=\"1.6\" stroke-dasharray=\"2.4 1.6\"/>",
                        num(cx),
                        num(DOT_R - 0.5)
                    );
                } else {
                    let _ = writeln!(
                        o,
                        "<circle class=\"dot\" cx=\"{}\" cy=\"{cy}\" r=\"{}\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
                        num(cx),
                        num(DOT_R)
                    );
                }
            }
            Shape::Bar { x0, x1 } => {
                let (x, bw, y) = (num(x0), num(x1 - x0), num(p.cy - BAR_H / 2.0));
                if p.vague {
                    let _ = writeln!(
                        o,
                        "<rect class=\"bar vague\" x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{}\" rx=\"{}\" fill=\"#ffffff\" stroke=\"{dark}\" stroke-width=\"1.6\" stroke-dasharray=\"3 2\"/>",
                        num(BAR_H),
                        num(BAR_H / 2.0)
                    );
                } else {
                    let _ = writeln!(
                        o,
                        "<rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
                        num(BAR_H),
                        num(BAR_H / 2.0)
                    );
                }
            }
        }
        if let Some((x, y0, y1)) = p.leader {
            let _ = writeln!(
                o,
                "<line class=\"leader\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
                num(y0),
                num(y1),
                x = num(x)
            );
        }
        let (tx, anchor) = if p.side == Side::Left {
            (p.label_box.x + p.label_box.w, "end")
        } else {
            (p.label_box.x, "start")
        };
        let mut content = String::new();
        if !date.is_empty() {
            let _ = write!(
                content,
                "<tspan font-weight=\"700\" fill=\"{dark}\">{}</tspan>",
                esc(date)
            );
            if !p.text.is_empty() {
                content.push(' ');
            }
        }
        content.push_str(&esc(&p.text));
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\" fill=\"{TEXT}\" stroke=\"{}\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{content}</text>",
            num(tx),
            num(p.label_cy + LABEL_FONT * 0.36),
            num(LABEL_FONT),
            band_fill(p.lane)
        );
        let _ = writeln!(o, "</g>");
    }
    let _ = writeln!(o, "</g>");
    o.push_str("</svg>\n");
    o
}

fn draw_legend(o: &mut String, l: &Layout) {
    let y = 84.0;
    let mut x = MARGIN;
    let (fill, dark) = ("#8c959f", "#57606a");
    let _ = writeln!(o, "<g class=\"legend\" font-size=\"{}\">", num(LEGEND_FONT));
    for (kind, text) in &l.legend {
        let sx = x + 12.0;
        match kind {
            LegendKind::Dot => {
                let _ = writeln!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
                    num(sx),
                    num(y),
                    num(DOT_R)
                );
            }
            LegendKind::Banded => {
                let _ = writeln!(
                    o,
                    "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"6\" rx=\"3\" fill=\"{fill}\" fill-opacity=\"0.35\"/><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
                    num(sx - 12.0),
                    num(y - 3.0),
                    num(sx),
                    num(y),
                    num(DOT_R)
                );
            }
            LegendKind::Bar => {
                let _ = writeln!(
                    o,
                    "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
                    num(sx - 12.0),
                    num(y - BAR_H / 2.0),
                    num(BAR_H),
                    num(BAR_H / 2.0)
                );
            }
            LegendKind::Vague => {
                let _ = writeln!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{dark}\" stroke-width=\"1.6\" stroke-dasharray=\"2.4 1.6\"/>",
                    num(sx),
                    num(y),
                    num(DOT_R - 0.5)
                );
            }
            LegendKind::Hatch => {
                let _ = writeln!(
                    o,
                    "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"14\" fill=\"url(#{HATCH_ID})\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
                    num(sx - 12.0),
                    num(y - 7.0)
                );
            }
        }
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" fill=\"{MUTED}\">{}</text>",
            num(x + 30.0),
            num(y + LEGEND_FONT * 0.36),
            esc(text)
        );
        x += 30.0 + text_width(text, LEGEND_FONT, false) + 22.0;
    }
    let _ = writeln!(o, "</g>");
}

/// Draws an axis line at `y` with year ticks and labels above it (`top`) or below it, and the
/// broken-axis marks at the ends of each compressed stretch.
fn draw_axis(o: &mut String, l: &Layout, y: f64, top: bool) {
    let (px0, px1) = (l.scale.x0(), l.scale.x1());
    let dir = if top { -1.0 } else { 1.0 };
    let _ = writeln!(o, "<g class=\"axis\">");
    let _ = writeln!(
        o,
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{AXIS}\" stroke-width=\"1\"/>",
        num(px0),
        num(px1),
        y = num(y)
    );
    // Ticks at the start of each year (every decade in a compressed stretch).
    let labelled: Vec<i32> = l.axis_labels.iter().map(|a| a.year).collect();
    let mut ticks = String::new();
    for s in &l.scale.segs {
        for year in s.t0 as i32..=s.t1 as i32 {
            if s.compressed && year.rem_euclid(10) != 0 {
                continue;
            }
            if !s.compressed && s.year_w() < 4.0 && year.rem_euclid(5) != 0 {
                continue;
            }
            let major = year.rem_euclid(10) == 0 || labelled.contains(&year);
            let len = if major { 6.0 } else { 3.5 };
            let x = num(l.scale.x(f64::from(year)));
            let _ = write!(ticks, "M{x} {}v{}", num(y), num(dir * len));
        }
    }
    let _ = writeln!(
        o,
        "<path d=\"{ticks}\" stroke=\"{AXIS}\" stroke-width=\"1\" fill=\"none\"/>"
    );
    let ty = if top { y - 10.0 } else { y + 19.0 };
    for a in &l.axis_labels {
        let (colour, style) = if a.compressed {
            (AXIS, " font-style=\"italic\"")
        } else {
            (MUTED, "")
        };
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{colour}\"{style}>{}</text>",
            num(a.x),
            num(ty),
            num(AXIS_FONT),
            a.year
        );
    }
    // Broken-axis marks and, under the bottom axis, a caption per compressed stretch.
    for s in l.scale.segs.iter().filter(|s| s.compressed) {
        for x in [s.x0, s.x1] {
            let _ = writeln!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"6\" height=\"5\" fill=\"#ffffff\"/><path d=\"M{} {}l4 -8M{} {}l4 -8\" stroke=\"{MUTED}\" stroke-width=\"1.3\" fill=\"none\"/>",
                num(x - 3.0),
                num(y - 2.5),
                num(x - 5.0),
                num(y + 4.0),
                num(x + 1.0),
                num(y + 4.0)
            );
        }
        if !top {
            let first = s.t0 as i32;
            let last = s.t1 as i32 - 1;
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-style=\"italic\" text-anchor=\"middle\" fill=\"{MUTED}\">{first}–{last} compressed</text>",
                num((s.x0 + s.x1) / 2.0),
                num(y + 36.0),
                num(AXIS_FONT)
            );
        }
    }
    let _ = writeln!(o, "</g>");
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in seed's lanes, top to bottom (a seed's lanes.csv gives its own).
    const LANES: [&str; 6] = [
        "history",
        "diplomacy",
        "visits",
        "agreements",
        "economy",
        "education",
    ];

    fn mark(lane: &str, start: &str, end: &str, label: &str) -> Mark {
        let precision = match start.split('-').count() {
            1 => "year",
            2 => "month",
            _ => "day",
        };
        Mark {
            start: start.into(),
            end: end.into(),
            precision: precision.into(),
            qualifier: None,
            lane: lane.into(),
            label: label.into(),
            date_label: if start == end {
                start.into()
            } else {
                format!("{start}–{end}")
            },
        }
    }

    fn sample() -> Vec<Mark> {
        vec![
            mark(
                "history",
                "1939",
                "1939",
                "German-Soviet invasion of Poland",
            ),
            mark("history", "1941", "1942", "Polish diplomatic posts"),
            Mark {
                qualifier: Some("early".into()),
                date_label: "early 1942".into(),
                ..mark(
                    "history",
                    "1942",
                    "1942",
                    "Relocation of part of Anders' Army",
                )
            },
            mark("diplomacy", "1992", "1992", "Diplomatic relations"),
            mark(
                "visits",
                "1997-11",
                "1997-11",
                "Official visit of Nazarbayev",
            ),
            mark("visits", "2002-05-23", "2002-05-26", "Official visit"),
            mark(
                "agreements",
                "1995",
                "1995",
                "Double tax avoidance agreement",
            ),
            mark("economy", "2014", "2014", "Trade turnover"),
            mark("education", "2021", "2021", "Students rank 9"),
        ]
    }

    fn assert_disjoint(a: &Rect, b: &Rect, what: &str) {
        assert!(!a.overlaps(b), "{what}: {a:?} overlaps {b:?}");
    }

    /// Every label and mark inside the plot and its own lane, and no two of them overlapping.
    fn assert_no_overlaps(l: &Layout) {
        for (i, a) in l.items.iter().enumerate() {
            let lane = &l.lanes[a.lane];
            for r in [&a.label_box, &a.mark_box] {
                assert!(r.x >= l.scale.x0() - 1e-9, "{a:?}");
                assert!(r.x + r.w <= l.scale.x1() + 1e-9, "{a:?}");
                assert!(
                    r.y >= lane.y && r.y + r.h <= lane.y + lane.h,
                    "{a:?} outside {lane:?}"
                );
            }
            assert_disjoint(&a.label_box, &a.mark_box, "own mark");
            for b in &l.items[i + 1..] {
                assert_disjoint(&a.label_box, &b.label_box, "labels");
                assert_disjoint(&a.label_box, &b.mark_box, "label and other mark");
                assert_disjoint(&b.label_box, &a.mark_box, "label and other mark");
                assert_disjoint(&a.mark_box, &b.mark_box, "marks");
            }
        }
    }

    #[test]
    fn output_is_a_complete_svg_document() {
        let svg = render("Kazakhstan–Poland", &LANES, &sample(), 1939, 2026);
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.ends_with("</svg>\n"));
        assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("viewBox=\"0 0 "));
        let opens = svg.matches("<g>").count() + svg.matches("<g ").count();
        assert_eq!(opens, svg.matches("</g>").count());
        assert!(opens > 0);
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert_eq!(
            svg.matches("<title>").count(),
            svg.matches("</title>").count()
        );
        // Self-contained: nothing fetched from elsewhere.
        assert!(!svg.contains("href"));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("@import"));
    }

    #[test]
    fn every_fact_has_a_tooltip_with_date_and_label() {
        let svg = render("t", &LANES, &sample(), 1939, 2026);
        assert_eq!(svg.matches("<g class=\"fact\"").count(), sample().len());
        assert!(svg.contains("<title>early 1942: Relocation of part of Anders&apos; Army</title>"));
        assert!(svg.contains("<title>1941–1942: Polish diplomatic posts</title>"));
    }

    #[test]
    fn text_is_escaped() {
        let marks = vec![Mark {
            date_label: "1995 <approx>".into(),
            ..mark(
                "economy",
                "1995",
                "1995",
                "R&D <b>\"quoted\" & 'single'</b>",
            )
        }];
        let svg = render("A & B <title>", &["economy"], &marks, 1990, 2000);
        assert!(
            svg.contains("R&amp;D &lt;b&gt;&quot;quoted&quot; &amp; &apos;single&apos;&lt;/b&gt;")
        );
        assert!(svg.contains("1995 &lt;approx&gt;"));
        assert!(svg.contains("A &amp; B &lt;title&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(!svg.contains("R&D"));
        assert!(!svg.contains("<approx>"));
    }

    #[test]
    fn a_range_is_a_bar_wider_than_a_dot() {
        let marks = vec![
            mark("visits", "2016-08-23", "2016-08-23", "State visit"),
            mark("visits", "2002-05-23", "2002-05-26", "Official visit"),
        ];
        let l = layout("t", &LANES, &marks, 1939, 2026);
        let dot = l.items.iter().find(|p| p.mark == 0).unwrap();
        let bar = l.items.iter().find(|p| p.mark == 1).unwrap();
        assert!(matches!(dot.shape, Shape::Dot { band: None, .. }));
        match bar.shape {
            Shape::Bar { x0, x1 } => assert!(x1 - x0 > 2.0 * DOT_R, "bar {x0}..{x1}"),
            other => panic!("a range drew {other:?}"),
        }
        let svg = render("t", &LANES, &marks, 1939, 2026);
        assert_eq!(svg.matches("<circle class=\"dot\"").count(), 1);
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 1);
    }

    #[test]
    fn a_year_range_spans_both_whole_years() {
        let marks = vec![mark("history", "1941", "1942", "Polish diplomatic posts")];
        let l = layout("t", &LANES, &marks, 1939, 2026);
        let Shape::Bar { x0, x1 } = l.items[0].shape else {
            panic!("not a bar: {:?}", l.items[0].shape)
        };
        assert!((x0 - l.scale.x(1941.0)).abs() < 1e-9);
        assert!((x1 - l.scale.x(1943.0)).abs() < 1e-9);
        let year = l.scale.x(1942.0) - l.scale.x(1941.0);
        assert!(year > 10.0);
        assert!(
            ((x1 - x0) - 2.0 * year).abs() < 1e-6,
            "{} vs {}",
            x1 - x0,
            2.0 * year
        );
    }

    #[test]
    fn a_month_covers_its_month_and_a_year_date_its_year() {
        let marks = vec![
            mark("visits", "1997-11", "1997-11", "Visit"),
            mark("visits", "1999", "1999", "Visit"),
        ];
        let l = layout("t", &LANES, &marks, 1939, 2026);
        let Shape::Dot { cx, band } = l.items.iter().find(|p| p.mark == 1).unwrap().shape else {
            panic!()
        };
        let (b0, b1) = band.expect("a year date shows its year");
        assert!((b0 - l.scale.x(1999.0)).abs() < 1e-9 && (b1 - l.scale.x(2000.0)).abs() < 1e-9);
        assert!((cx - l.scale.x(1999.5)).abs() < 1e-9);
        let Shape::Dot { cx, .. } = l.items.iter().find(|p| p.mark == 0).unwrap().shape else {
            panic!()
        };
        let nov = year_fraction(1997, 11, 1);
        assert!(cx > l.scale.x(nov) && cx < l.scale.x(1998.0));
    }

    #[test]
    fn labels_never_overlap_in_a_dense_lane() {
        // 30 facts in one lane within three years, of every shape and label length.
        let mut marks = Vec::new();
        for i in 0..30u32 {
            let month = i % 12 + 1;
            let year = 2000 + i / 12;
            let start = match i % 3 {
                0 => format!("{year}"),
                1 => format!("{year}-{month:02}"),
                _ => format!("{year}-{month:02}-{:02}", i % 28 + 1),
            };
            let end = if i % 4 == 0 {
                match i % 3 {
                    0 => format!("{}", year + 1),
                    1 => format!("{year}-12"),
                    _ => format!("{year}-{month:02}-28"),
                }
            } else {
                start.clone()
            };
            let label = "Cooperation agreement concerning something ".repeat(1 + (i as usize % 3));
            let mut m = mark("agreements", &start, &end, &label);
            if i % 5 == 0 {
                m.qualifier = Some("early".into());
            }
            marks.push(m);
        }
        // Neighbouring lanes with facts too, to check lanes do not collide.
        marks.extend(sample());
        let l = layout("dense", &LANES, &marks, 1939, 2026);
        assert_eq!(l.items.len(), marks.len());
        let agreements = LANES.iter().position(|&x| x == "agreements").unwrap();
        assert!(
            l.lanes[agreements].rows > 3,
            "the lane grew: {:?}",
            l.lanes[agreements]
        );
        assert_no_overlaps(&l);
        // Long labels were cut with an ellipsis, and the tooltip keeps them whole.
        assert!(l.items.iter().any(|p| p.text.ends_with('…')));
        let svg = render("dense", &LANES, &marks, 1939, 2026);
        assert!(svg.contains(&format!("{}</title>", esc(marks[2].label.trim()))));
    }

    #[test]
    fn marks_outside_the_years_are_left_out_or_cut() {
        let marks = vec![
            mark("history", "1900", "1900", "Too early"),
            mark("history", "2100-01-01", "2100-01-01", "Too late"),
            mark("history", "1930", "1945", "Crosses the start"),
            mark("economy", "2020", "2035", "Crosses the end"),
            mark("nowhere", "2000", "2000", "Unknown lane"),
            mark("economy", "2000-13", "2000-13", "Bad date"),
        ];
        let l = layout("t", &LANES, &marks, 1939, 2026);
        let shown: Vec<usize> = l.items.iter().map(|p| p.mark).collect();
        assert_eq!(shown.len(), 2);
        assert!(shown.contains(&2) && shown.contains(&3));
        assert_eq!(l.omitted, 4);
        for p in &l.items {
            let Shape::Bar { x0, x1 } = p.shape else {
                panic!()
            };
            assert!(x0 >= l.scale.x0() && x1 <= l.scale.x1(), "{p:?}");
            assert!(p.clipped);
        }
        // No coordinate in the document leaves the canvas.
        let svg = render("t", &LANES, &marks, 1939, 2026);
        for attr in [" x=\"", " cx=\"", " x1=\"", " x2=\""] {
            for part in svg.split(attr).skip(1) {
                let v: f64 = part[..part.find('"').unwrap()].parse().unwrap();
                assert!(
                    (0.0..=l.width).contains(&v),
                    "{attr}{v} outside 0..{}",
                    l.width
                );
            }
        }
        assert!(svg.contains("4 not shown"));
    }

    #[test]
    fn empty_decades_are_compressed_and_marked() {
        // kb's shape: facts in 1939–1948 and every other year from 1992, none in between.
        let mut marks = vec![
            mark("history", "1939", "1939", "Invasion"),
            mark("history", "1942", "1942", "Evacuation"),
            mark("history", "1946", "1948", "Repatriation"),
        ];
        for y in (1992..=2024).step_by(2) {
            marks.push(mark("visits", &y.to_string(), &y.to_string(), "Visit"));
        }
        let l = layout("t", &LANES, &marks, 1939, 2026);
        let compressed: Vec<&Segment> = l.scale.segs.iter().filter(|s| s.compressed).collect();
        assert_eq!(compressed.len(), 1, "{:?}", l.scale.segs);
        // The year on either side of a fact keeps full scale.
        assert_eq!((compressed[0].t0, compressed[0].t1), (1950.0, 1991.0));
        let decade = |y: f64| l.scale.x(y + 10.0) - l.scale.x(y);
        assert!(decade(1960.0) < decade(2000.0) / 2.0);
        let svg = render("t", &LANES, &marks, 1939, 2026);
        assert!(svg.contains("1950–1990 compressed"));
        assert!(svg.contains(HATCH_ID));
        // Distances among facts are true: every other year is as wide as 1995.
        let w = l.scale.x(1996.0) - l.scale.x(1995.0);
        for y in (1939..1950).chain(1991..2027) {
            let wy = l.scale.x(f64::from(y + 1)) - l.scale.x(f64::from(y));
            assert!((wy - w).abs() < 1e-9, "{y}: {wy} vs {w}");
        }
        // A short gap (2003–2012 here has facts every other year; 5 empty years elsewhere)
        // is not compressed.
        let short = vec![
            mark("visits", "2000", "2000", "a"),
            mark("visits", "2006", "2006", "b"),
        ];
        let l = layout("t", &LANES, &short, 1995, 2010);
        assert!(l.scale.segs.iter().all(|s| !s.compressed));
    }

    #[test]
    fn no_compression_without_facts_or_gaps() {
        let l = layout("t", &LANES, &[], 1939, 2026);
        assert!(l.scale.segs.iter().all(|s| !s.compressed));
        let svg = render("t", &LANES, &[], 1939, 2026);
        assert!(svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("no dated facts").count(), LANES.len());
    }

    #[test]
    fn axis_labels_do_not_crowd() {
        for (from, to) in [(1939, 2026), (1939, 1950), (2000, 2001), (1000, 2026)] {
            let l = layout("t", &LANES, &sample(), from, to);
            assert!(!l.axis_labels.is_empty());
            for (i, a) in l.axis_labels.iter().enumerate() {
                assert!(a.x - a.w / 2.0 >= 0.0 && a.x + a.w / 2.0 <= l.width);
                for b in &l.axis_labels[i + 1..] {
                    assert!((a.x - b.x).abs() >= (a.w + b.w) / 2.0 + 4.0, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn vague_dates_are_drawn_hollow_and_dashed() {
        let mut m = mark("history", "1942", "1942", "Relocation");
        m.qualifier = Some("early".into());
        let svg = render("t", &LANES, &[m], 1939, 2026);
        assert!(svg.contains("class=\"dot vague\""));
        assert!(svg.contains("stroke-dasharray"));
        let l = layout(
            "t",
            &LANES,
            &[mark("history", "1942", "1942", "x")],
            1939,
            2026,
        );
        let mut early = mark("history", "1942", "1942", "x");
        early.qualifier = Some("early".into());
        let le = layout("t", &LANES, &[early], 1939, 2026);
        let cx = |l: &Layout| match l.items[0].shape {
            Shape::Dot { cx, .. } => cx,
            _ => panic!(),
        };
        assert!(cx(&le) < cx(&l), "early sits in the first part of the year");
    }

    #[test]
    fn a_label_with_no_room_beside_its_mark_goes_below_it_with_a_leader() {
        let marks = vec![
            mark(
                "history",
                "1939",
                "2026",
                "The whole period, labelled at some length",
            ),
            mark("history", "1945", "1945", "A fact inside it"),
            mark("history", "1939-01-01", "1939-01-01", "At the very start"),
            mark("history", "2026-12-31", "2026-12-31", "At the very end"),
        ];
        let l = layout("t", &LANES, &marks, 1939, 2026);
        let whole = l.items.iter().find(|p| p.mark == 0).unwrap();
        assert_eq!(whole.side, Side::Below);
        let (x, top, bottom) = whole.leader.expect("a leader line");
        assert!(x > whole.mark_box.x && x < whole.mark_box.x + whole.mark_box.w);
        assert!(top < bottom && (bottom - whole.label_box.y).abs() < 1e-9);
        let end = l.items.iter().find(|p| p.mark == 3).unwrap();
        assert_eq!(end.side, Side::Left);
        assert_no_overlaps(&l);
        assert!(render("t", &LANES, &marks, 1939, 2026).contains("class=\"leader\""));
    }

    #[test]
    fn output_is_deterministic() {
        let a = render("t", &LANES, &sample(), 1939, 2026);
        let b = render("t", &LANES, &sample(), 1939, 2026);
        assert_eq!(a, b);
        let mut reversed = sample();
        reversed.reverse();
        let l1 = layout("t", &LANES, &sample(), 1939, 2026);
        let l2 = layout("t", &LANES, &reversed, 1939, 2026);
        assert_eq!(l1.width, l2.width);
        assert_eq!(l1.height, l2.height);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let long = "word ".repeat(60);
        let cut = fit_label("2002", &long, MAX_LABEL_W);
        assert!(cut.ends_with('…'));
        assert!(label_width("2002", &cut) <= MAX_LABEL_W);
        assert_eq!(fit_label("2002", "short", MAX_LABEL_W), "short");
    }

    #[test]
    fn text_width_estimate_is_sane() {
        let w = text_width("Kazakhstan", 12.0, false);
        assert!(w > 60.0 && w < 90.0, "{w}");
        assert!(text_width("MMMM", 12.0, true) > text_width("iiii", 12.0, true));
        // A letter with a diacritic is as wide as the letter itself.
        assert_eq!(
            text_width("Kwaśniewski", 12.0, false),
            text_width("Kwasniewski", 12.0, false)
        );
    }
}
