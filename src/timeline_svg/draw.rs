//! The layout drawn as SVG text: bands, grid, axis, legend, marks, labels and tooltips.

use super::*;

/// XML-escapes text for element content and attribute values.
pub(super) fn esc(s: &str) -> String {
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
pub(super) fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

pub(super) fn display_lane(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn colours(lane: usize) -> (&'static str, &'static str) {
    PALETTE[lane % PALETTE.len()]
}

pub(super) fn band_fill(lane: usize) -> &'static str {
    BAND_FILLS[lane % 2]
}

pub(super) fn draw(l: &Layout, title: &str, lanes: &[&str], marks: &[Mark]) -> String {
    let mut svg = String::new();
    let o = &mut svg;
    draw_frame(o, l, title, lanes);
    draw_heading(o, l, title);
    draw_legend(o, l);
    draw_lanes(o, l, lanes);
    draw_grid(o, l);
    draw_axis(o, l, l.plot_y0, true);
    draw_axis(o, l, l.plot_y1, false);
    let _ = writeln!(o, "<g class=\"facts\">");
    for placed in &l.items {
        draw_fact(o, placed, &marks[placed.mark]);
    }
    let _ = writeln!(o, "</g>");
    o.push_str("</svg>\n");
    svg
}

/// The opening tag with the picture's size, its title and description for screen readers,
/// the hatch pattern of compressed years, and the white background.
fn draw_frame(o: &mut String, l: &Layout, title: &str, lanes: &[&str]) {
    let (w, h) = (num(l.width), num(l.height));
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
}

/// The title and the line under it: how many facts, over which years, and how many are not shown.
fn draw_heading(o: &mut String, l: &Layout, title: &str) {
    let drawn = l.items.len();
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
}

/// One band per lane, its colour key and name, and "no dated facts" in an empty one.
fn draw_lanes(o: &mut String, l: &Layout, lanes: &[&str]) {
    let w = num(l.width);
    let px0 = l.scale.x0();
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
}

/// The hatched stretches where empty years are compressed, and a line at each decade.
fn draw_grid(o: &mut String, l: &Layout) {
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
}

/// One fact: its mark (a dot, or a bar for a range), its leader line, its label, and a
/// tooltip with its date and full label.
fn draw_fact(o: &mut String, p: &Placed, m: &Mark) {
    let dark = colours(p.lane).1;
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
    draw_mark(o, p);
    if let Some((x, y0, y1)) = p.leader {
        let _ = writeln!(
            o,
            "<line class=\"leader\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{dark}\" stroke-width=\"1\"/>",
            num(y0),
            num(y1),
            x = num(x)
        );
    }
    draw_label(o, p, date);
    let _ = writeln!(o, "</g>");
}

/// A fact's mark: a dot (with a faint band over the period a vague date covers) or a bar for
/// a range; dashed and hollow when the date is qualified.
fn draw_mark(o: &mut String, p: &Placed) {
    let (fill, dark) = colours(p.lane);
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
}

/// A fact's label beside its mark, its date in bold in the lane's colour, haloed so that grid
/// lines behind it do not cut through the letters.
fn draw_label(o: &mut String, p: &Placed, date: &str) {
    let dark = colours(p.lane).1;
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
}

pub(super) fn draw_legend(o: &mut String, l: &Layout) {
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
pub(super) fn draw_axis(o: &mut String, l: &Layout, y: f64, top: bool) {
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
