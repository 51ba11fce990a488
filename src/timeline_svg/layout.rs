//! The layout: the time scale with its breaks, the lanes and their sub-rows, each mark's
//! shape and its label's side, the axis and the legend.

use super::*;

/// One linear piece of the axis: years `t0..t1` drawn over pixels `x0..x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Segment {
    pub(super) t0: f64,
    pub(super) t1: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) compressed: bool,
}

impl Segment {
    pub(super) fn year_w(&self) -> f64 {
        (self.x1 - self.x0) / (self.t1 - self.t0)
    }
}

/// The piecewise-linear time axis.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scale {
    pub(super) segs: Vec<Segment>,
}

impl Scale {
    /// Builds the axis over `from..=to` starting at pixel `x0`; `occupied[i]` says whether year
    /// `from + i` holds any fact.
    pub(super) fn new(from: i32, occupied: &[bool], x0: f64) -> Scale {
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
    pub(super) fn x(&self, t: f64) -> f64 {
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

    pub(super) fn x0(&self) -> f64 {
        self.segs[0].x0
    }

    pub(super) fn x1(&self) -> f64 {
        self.segs[self.segs.len() - 1].x1
    }

    /// The segment holding year `y`.
    pub(super) fn segment_of(&self, y: i32) -> Segment {
        let t = f64::from(y) + 0.5;
        self.segs
            .iter()
            .find(|s| t < s.t1)
            .copied()
            .unwrap_or(self.segs[self.segs.len() - 1])
    }
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) w: f64,
    pub(super) h: f64,
}

impl Rect {
    /// Whether the two boxes share any area (touching edges do not count).
    #[cfg(test)]
    pub(super) fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// The drawn shape of one mark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Shape {
    /// A single date: dot at `cx`; `band` is the period the date stands for, if wider than the dot.
    Dot { cx: f64, band: Option<(f64, f64)> },
    /// A range: bar from `x0` to `x1`.
    Bar { x0: f64, x1: f64 },
}

/// One fact placed on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    /// Index into the `marks` given to [`render`].
    pub(super) mark: usize,
    pub(super) lane: usize,
    /// Sub-row within the lane, from 0 at the top.
    pub(super) row: usize,
    /// Vertical centre of the sub-row.
    pub(super) cy: f64,
    pub(super) shape: Shape,
    pub(super) vague: bool,
    pub(super) clipped: bool,
    /// The mark's extent, including any precision band.
    pub(super) mark_box: Rect,
    /// Where the label text goes.
    pub(super) label_box: Rect,
    /// The label text after truncation (the date is kept whole).
    pub(super) text: String,
    /// Where the label is, relative to the mark.
    pub(super) side: Side,
    /// Vertical centre of the label's sub-row (below the mark's when `side` is `Below`).
    pub(super) label_cy: f64,
    /// For a label under its mark: the leader line's x, top and bottom.
    pub(super) leader: Option<(f64, f64, f64)>,
}

/// Where a label sits relative to its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Right of the mark, left-aligned: the usual place.
    Right,
    /// Left of the mark, right-aligned: when the right has no room.
    Left,
    /// In the sub-row below, tied to the mark by a leader line: when neither side has room.
    Below,
}

/// One lane's band.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LaneBox {
    pub(super) y: f64,
    pub(super) h: f64,
    pub(super) rows: usize,
}

/// One year label on the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct AxisLabel {
    pub(super) year: i32,
    /// Centre of the label.
    pub(super) x: f64,
    pub(super) w: f64,
    pub(super) compressed: bool,
}

/// Everything [`draw`] needs, computed once.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) scale: Scale,
    pub(super) lanes: Vec<LaneBox>,
    pub(super) items: Vec<Placed>,
    pub(super) axis_labels: Vec<AxisLabel>,
    pub(super) plot_y0: f64,
    pub(super) plot_y1: f64,
    /// Marks left out (unknown lane, unreadable date or outside the axis).
    pub(super) omitted: usize,
    pub(super) legend: Vec<(LegendKind, String)>,
}

/// The samples shown in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LegendKind {
    Dot,
    Banded,
    Bar,
    Vague,
    Hatch,
}

/// Horizontal extents already taken in one sub-row.
pub(super) type Row = Vec<(f64, f64)>;

pub(super) fn row_is_free(row: &Row, a: f64, b: f64) -> bool {
    row.iter()
        .all(|&(c, d)| b + ITEM_GAP <= c || d + ITEM_GAP <= a)
}

pub(super) fn gutter_width(lanes: &[&str]) -> f64 {
    let names = lanes
        .iter()
        .map(|l| text_width(&display_lane(l), LANE_FONT, true))
        .fold(0.0, f64::max);
    (MARGIN + 18.0 + names + 18.0).max(120.0).ceil()
}

/// Places everything: the axis, the lanes and each mark with its label.
pub(super) fn layout(
    title: &str,
    lanes: &[&str],
    marks: &[Mark],
    from_year: i32,
    to_year: i32,
) -> Layout {
    let (from, to) = (from_year.min(to_year), from_year.max(to_year));
    let (lo, hi) = (f64::from(from), f64::from(to) + 1.0);
    let timed: Vec<Option<Timed>> = marks.iter().map(|m| time_mark(m, lanes, lo, hi)).collect();
    let omitted = timed.iter().filter(|t| t.is_none()).count();
    let scale = Scale::new(from, &occupied_years(&timed, from, to), gutter_width(lanes));

    let mut pending: Vec<Pending> = Vec::new();
    let mut rows_per_lane = Vec::with_capacity(lanes.len());
    for lane in 0..lanes.len() {
        let (packed, rows) = pack_lane(lane, &timed, marks, &scale);
        pending.extend(packed);
        rows_per_lane.push(rows);
    }
    let (lane_boxes, plot_y1) = stack_lanes(&rows_per_lane);
    let items: Vec<Placed> = pending
        .into_iter()
        .map(|p| place(p, &lane_boxes, marks))
        .collect();

    let axis_labels = axis_labels(&scale, from, to);
    let legend = legend_entries(&items, &scale);
    let legend_w = legend_width(&legend);
    let title_w = text_width(title, TITLE_FONT, true);
    let width = (scale.x1() + MARGIN)
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

/// For each year from `from` to `to`, whether a fact falls in it; the scale compresses the
/// stretches where none does.
fn occupied_years(timed: &[Option<Timed>], from: i32, to: i32) -> Vec<bool> {
    let n = usize::try_from(to - from + 1).unwrap_or(1);
    let mut occupied = vec![false; n];
    for t in timed.iter().flatten() {
        let first = (t.t0.floor() as i32 - from).max(0) as usize;
        let last = ((t.t1.ceil() as i32 - 1 - from).max(0) as usize).min(n - 1);
        for o in &mut occupied[first..=last.max(first)] {
            *o = true;
        }
    }
    occupied
}

/// A mark placed within its lane (its sub-row and its label's side), before the lanes are
/// stacked and it gets its height.
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

/// A mark (its index), where it falls in time, its shape and its horizontal extent.
type Shaped = (usize, Timed, Shape, (f64, f64));

/// Packs one lane's marks, left to right, into the fewest sub-rows where no mark or label
/// overlaps another; gives them and the number of sub-rows used.
fn pack_lane(
    lane: usize,
    timed: &[Option<Timed>],
    marks: &[Mark],
    scale: &Scale,
) -> (Vec<Pending>, usize) {
    let mut items: Vec<Shaped> = timed
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.filter(|t| t.lane == lane).map(|t| (i, t)))
        .map(|(i, t)| {
            let (shape, ext) = mark_shape(scale, &t);
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
    let packed = items
        .into_iter()
        .map(|shaped| place_in_lane(&mut rows, scale, &marks[shaped.0], shaped))
        .collect();
    (packed, rows.len())
}

/// The first sub-row of `rows` with room for a mark and its label, trying the label to the
/// right, then to the left, then below a mark as wide as the plot; the room is taken.
fn place_in_lane(
    rows: &mut Vec<Row>,
    scale: &Scale,
    m: &Mark,
    (i, t, shape, (mx0, mx1)): Shaped,
) -> Pending {
    let (px0, px1) = (scale.x0(), scale.x1());
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
        if let Some(lx) = right.filter(|_| fits(rows, r, mx0, mx1 + LABEL_GAP + w)) {
            break (Side::Right, lx);
        }
        if let Some(lx) = left.filter(|&lx| fits(rows, r, lx, mx1)) {
            break (Side::Left, lx);
        }
        if !beside && fits(rows, r, mx0, mx1) && fits(rows, r + 1, under, under + w) {
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
    Pending {
        mark: i,
        shape,
        ext: (mx0, mx1),
        text,
        side,
        lx,
        row: r,
        timed: t,
    }
}

/// The lanes stacked from the top of the plot, each as tall as its sub-rows; and the plot's
/// bottom edge.
fn stack_lanes(rows_per_lane: &[usize]) -> (Vec<LaneBox>, f64) {
    let mut y = PLOT_Y0;
    let lane_boxes = rows_per_lane
        .iter()
        .map(|&rows| {
            let h = 2.0 * LANE_PAD + rows.max(1) as f64 * ROW_H;
            let b = LaneBox { y, h, rows };
            y += h;
            b
        })
        .collect();
    (lane_boxes, y)
}

/// A packed mark at its height in its stacked lane, with its label's box and leader line.
fn place(p: Pending, lane_boxes: &[LaneBox], marks: &[Mark]) -> Placed {
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
}

/// The legend: the basic dot, band and bar, and the hollow and hatched marks only when the
/// picture uses them.
fn legend_entries(items: &[Placed], scale: &Scale) -> Vec<(LegendKind, String)> {
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
    legend
}

/// The shape of a mark and its horizontal extent (including a precision band), kept inside the
/// plot.
pub(super) fn mark_shape(scale: &Scale, t: &Timed) -> (Shape, (f64, f64)) {
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
pub(super) fn axis_labels(scale: &Scale, from: i32, to: i32) -> Vec<AxisLabel> {
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

pub(super) fn legend_width(legend: &[(LegendKind, String)]) -> f64 {
    legend
        .iter()
        .map(|(_, t)| 30.0 + text_width(t, LEGEND_FONT, false) + 22.0)
        .sum::<f64>()
}
