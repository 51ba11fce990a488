//! How wide text is drawn (DejaVu Sans advance widths) and how a label is fitted to a width.

use super::*;

/// DejaVu Sans advance widths of ASCII 32..=126 in thousandths of an em (regular, then bold).
pub(super) const DEJAVU: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
pub(super) const DEJAVU_BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/// Measured widths are multiplied by this, so a label is never wider on screen than its box.
pub(super) const WIDTH_SAFETY: f64 = 1.05;

/// Estimated advance width of `c` in thousandths of an em.
pub(super) fn char_width(c: char, bold: bool) -> f64 {
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
pub(super) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(|c| char_width(c, bold)).sum();
    em / 1000.0 * size * WIDTH_SAFETY
}

/// Width of a fact label: bold date, a space, then the text.
pub(super) fn label_width(date: &str, text: &str) -> f64 {
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
pub(super) fn fit_label(date: &str, text: &str, max_w: f64) -> String {
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
