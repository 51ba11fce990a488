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
//! another fact's mark. A label sits right next to its own mark; only when neither side has room
//! (a mark as wide as the plot) does it go into the sub-row below, tied to the mark by a leader
//! line. Labels longer than 680 px or 110 characters (or than the room on the canvas) are cut
//! with `…`; the tooltip keeps the full text.
//!
//! **Colour.** One colour per lane from the Okabe–Ito palette (distinguishable with the common
//! colour-vision deficiencies, yellow left out for contrast on white); outlines and dates use a
//! darker shade of the lane colour, body text is near-black with a halo in the band colour so it
//! stays readable over grid lines and hatching.

use std::fmt::Write as _;

use crate::dates::{days_in_month, is_leap, PartialDate, Precision};

mod draw;
mod layout;
mod text;
mod time;

use draw::*;
use layout::*;
use text::*;
use time::*;

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

// The geometry, in pixels unless noted.

/// The plot width aimed at; the year width follows from it (within its bounds).
pub(super) const PLOT_W_TARGET: f64 = 1500.0;
/// Bounds on the width of one full-scale year.
pub(super) const YEAR_W_MIN: f64 = 14.0;
pub(super) const YEAR_W_MAX: f64 = PLOT_W_TARGET;
/// The shortest run of fact-free years that is compressed.
pub(super) const MIN_BREAK_YEARS: usize = 6;
/// A compressed stretch is this share of its full-scale width, within the bounds below.
pub(super) const BREAK_RATIO: f64 = 0.3;
pub(super) const BREAK_W_MIN: f64 = 48.0;
pub(super) const BREAK_W_MAX: f64 = 150.0;

pub(super) const MARGIN: f64 = 20.0;
pub(super) const TITLE_FONT: f64 = 20.0;
pub(super) const SUBTITLE_FONT: f64 = 12.5;
pub(super) const LEGEND_FONT: f64 = 12.0;
pub(super) const LANE_FONT: f64 = 13.0;
pub(super) const LABEL_FONT: f64 = 12.0;
pub(super) const AXIS_FONT: f64 = 11.0;
/// Top of the plot (below title, subtitle, legend and the top axis labels).
pub(super) const PLOT_Y0: f64 = 122.0;
/// Height of one sub-row of a lane, and the padding above and below a lane's sub-rows.
pub(super) const ROW_H: f64 = 22.0;
pub(super) const LANE_PAD: f64 = 7.0;
pub(super) const DOT_R: f64 = 5.0;
pub(super) const BAR_H: f64 = 10.0;
/// A bar is never narrower than this, so a range always looks wider than a dot.
pub(super) const MIN_BAR_W: f64 = 2.0 * DOT_R + 8.0;
/// Space between a mark and its label, and between two items in one sub-row.
pub(super) const LABEL_GAP: f64 = 6.0;
pub(super) const ITEM_GAP: f64 = 12.0;
/// Labels are cut with `…` past this many characters of text or this width.
pub(super) const MAX_LABEL_CHARS: usize = 110;
pub(super) const MAX_LABEL_W: f64 = 680.0;

pub(super) const FONT_FAMILY: &str = "system-ui, 'DejaVu Sans', sans-serif";
pub(super) const BAND_FILLS: [&str; 2] = ["#f4f6f8", "#ffffff"];
pub(super) const TEXT: &str = "#1f2328";
pub(super) const MUTED: &str = "#57606a";
pub(super) const GRID: &str = "#dde1e6";
pub(super) const AXIS: &str = "#8c959f";
pub(super) const HATCH_ID: &str = "kb-timeline-hatch";

/// Okabe–Ito colours (fill) with a darker shade of each (outline, date text), in lane order.
pub(super) const PALETTE: [(&str, &str); 7] = [
    ("#0072B2", "#004A75"), // blue
    ("#D55E00", "#8C3E00"), // vermillion
    ("#009E73", "#00684B"), // bluish green
    ("#CC79A7", "#8A3F69"), // reddish purple
    ("#E69F00", "#8A5F00"), // orange
    ("#56B4E9", "#2B6A8F"), // sky blue
    ("#555555", "#222222"), // grey (the palette's black, softened)
];

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
