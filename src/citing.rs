//! Finding a quote's place in a source text: the sentences that hold some words (`kb cite`),
//! and, for a quote that is not a verbatim passage, where it parts from the text and which
//! characters differ, spelled out when they look alike (’ against ').

use crate::names::fold;

/// The sentences of a text, each exactly as the text has it: a sentence ends at `.`, `!` or
/// `?` (with any closing quote or bracket) followed by a space and a capital, a digit or an
/// opening quote, and at every line break.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(_, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let mut end = k + 1;
            while chars
                .get(end)
                .is_some_and(|(_, c)| matches!(c, '"' | '”' | '’' | ')' | '»'))
            {
                end += 1;
            }
            let next_is_space = chars.get(end).is_some_and(|(_, c)| c.is_whitespace());
            let then_starts = chars.get(end + 1).is_some_and(|(_, c)| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '«')
            });
            if next_is_space && then_starts {
                let stop = chars.get(end).map_or(line.len(), |(i, _)| *i);
                push_trimmed(&mut found, &line[start..stop]);
                start = stop;
            }
        }
        push_trimmed(&mut found, &line[start..]);
    }
    found
}

fn push_trimmed<'a>(found: &mut Vec<&'a str>, sentence: &'a str) {
    let sentence = sentence.trim();
    if !sentence.is_empty() {
        found.push(sentence);
    }
}

/// The sentences of `text` that hold every one of `words`, ignoring case and diacritics.
pub fn sentences_with<'a>(text: &'a str, words: &[String]) -> Vec<&'a str> {
    let wanted: Vec<String> = words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    sentences(text)
        .into_iter()
        .filter(|s| {
            let folded = fold(s);
            wanted.iter().all(|w| folded.contains(w.as_str()))
        })
        .collect()
}

/// Where a quote that is not in a text parts from it: how much of the quote the text has,
/// and the two characters that differ after that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departure {
    /// The longest start of the quote found in the text.
    pub agreed: String,
    /// The quote's next character (None: the quote ends there, which cannot be).
    pub quote_has: Option<char>,
    /// The text's character at that place (None: the text ends there).
    pub text_has: Option<char>,
}

/// Where `quote` parts from `text`: the longest start of the quote that the text holds, and
/// the characters that follow in each. None when the text holds the whole quote.
pub fn departure(text: &str, quote: &str) -> Option<Departure> {
    if text.contains(quote) {
        return None;
    }
    // A start found means every shorter start is found too, so the longest is searched by
    // halves, on character boundaries.
    let bounds: Vec<usize> = quote
        .char_indices()
        .map(|(i, _)| i)
        .chain([quote.len()])
        .collect();
    let (mut found, mut missing) = (0, bounds.len() - 1);
    while missing - found > 1 {
        let middle = (found + missing) / 2;
        if text.contains(&quote[..bounds[middle]]) {
            found = middle;
        } else {
            missing = middle;
        }
    }
    let agreed = &quote[..bounds[found]];
    let at = likeliest_place(text, agreed, quote) + agreed.len();
    Some(Departure {
        agreed: agreed.to_string(),
        quote_has: quote[agreed.len()..].chars().next(),
        text_has: text[at..].chars().next(),
    })
}

/// Where in `text` the quote was most likely copied from: of the places where its agreed
/// start occurs (a short start such as "The " occurs often), the one whose continuation is
/// most like the quote.
fn likeliest_place(text: &str, agreed: &str, quote: &str) -> usize {
    let length = quote.chars().count();
    text.match_indices(agreed)
        .take(1_000)
        .map(|(at, _)| {
            let window: String = text[at..].chars().take(length).collect();
            (at, strsim::normalized_levenshtein(&window, quote))
        })
        .fold((0, f64::MIN), |best, (at, score)| {
            if score > best.1 {
                (at, score)
            } else {
                best
            }
        })
        .0
}

/// A character as a person can tell it from another: itself and its code point, with a
/// name for the invisible and the look-alike ones.
pub fn spelled(c: char) -> String {
    let name = match c {
        '\'' => Some("apostrophe"),
        '’' => Some("right single quotation mark"),
        '‘' => Some("left single quotation mark"),
        '"' => Some("quotation mark"),
        '“' => Some("left double quotation mark"),
        '”' => Some("right double quotation mark"),
        '-' => Some("hyphen-minus"),
        '–' => Some("en dash"),
        '—' => Some("em dash"),
        '‑' => Some("non-breaking hyphen"),
        ' ' => Some("space"),
        '\u{a0}' => Some("no-break space"),
        '\u{202f}' => Some("narrow no-break space"),
        '\t' => Some("tab"),
        _ => None,
    };
    match name {
        Some(name) => format!("‘{c}’ (U+{:04X}, {name})", u32::from(c)),
        None => format!("‘{c}’ (U+{:04X})", u32::from(c)),
    }
}

/// A sentence saying where a quote parts from its source, for a loader's error.
pub fn explain(text: &str, quote: &str) -> Option<String> {
    let departure = departure(text, quote)?;
    let tail: String = {
        let chars: Vec<char> = departure.agreed.chars().collect();
        let from = chars.len().saturating_sub(24);
        chars[from..].iter().collect()
    };
    let shown = if departure.agreed.chars().count() > 24 {
        format!("…{tail}")
    } else {
        tail
    };
    Some(
        match (
            departure.agreed.is_empty(),
            departure.quote_has,
            departure.text_has,
        ) {
            (true, _, _) => match closest_sentence(text, quote) {
                Some(sentence) => {
                    format!("no part of it starts the same; the closest sentence is “{sentence}”")
                }
                None => "the source holds no text like it".to_string(),
            },
            (false, Some(ours), Some(theirs)) => format!(
                "it agrees up to “{shown}”, then has {} where the source has {}",
                spelled(ours),
                spelled(theirs)
            ),
            (false, Some(ours), None) => format!(
                "it agrees up to “{shown}”, where the source ends, then has {}",
                spelled(ours)
            ),
            (false, None, _) => return None,
        },
    )
}

/// The sentence of `text` most like `quote`, by edit distance relative to length.
pub fn closest_sentence<'a>(text: &'a str, quote: &str) -> Option<&'a str> {
    // Each distance once, not once per comparison.
    sentences(text)
        .into_iter()
        .map(|sentence| (strsim::normalized_levenshtein(sentence, quote), sentence))
        .max_by(|(a, _), (b, _)| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(_, sentence)| sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The first President of Kazakhstan, Nursultan Nazarbayev, visited Poland. \
        During Nazarbayev’s presidency, Presidents of Poland visited Kazakhstan. \
        After the Sikorski–Mayski agreement, posts were established in 1941–1942.\n\
        Kazakhstan has an embassy in Warsaw.";

    #[test]
    fn sentences_end_at_full_stops_before_capitals_and_at_line_breaks() {
        assert_eq!(
            sentences(TEXT),
            [
                "The first President of Kazakhstan, Nursultan Nazarbayev, visited Poland.",
                "During Nazarbayev’s presidency, Presidents of Poland visited Kazakhstan.",
                "After the Sikorski–Mayski agreement, posts were established in 1941–1942.",
                "Kazakhstan has an embassy in Warsaw.",
            ]
        );
        assert_eq!(
            sentences("No. 9 in 2021. It rose."),
            ["No.", "9 in 2021.", "It rose."]
        );
    }

    #[test]
    fn words_find_sentences_whatever_their_case_and_diacritics() {
        let words = ["nazarbayevs".to_string()];
        assert!(sentences_with(TEXT, &words).is_empty());
        let words = ["SIKORSKI".to_string(), "posts".to_string()];
        assert_eq!(sentences_with(TEXT, &words).len(), 1);
        let words = ["wàrsaw".to_string()];
        assert_eq!(
            sentences_with(TEXT, &words),
            ["Kazakhstan has an embassy in Warsaw."]
        );
    }

    #[test]
    fn a_typed_apostrophe_a_dash_and_a_capital_are_pointed_at() {
        let apostrophe = explain(TEXT, "During Nazarbayev's presidency").unwrap();
        assert!(
            apostrophe.contains("then has ‘'’ (U+0027, apostrophe) where the source has ‘’’ (U+2019, right single quotation mark)"),
            "{apostrophe}"
        );
        let dash = explain(TEXT, "After the Sikorski-Mayski agreement").unwrap();
        assert!(
            dash.contains("(U+002D, hyphen-minus) where the source has ‘–’ (U+2013, en dash)"),
            "{dash}"
        );
        let capital = explain(TEXT, "The First President").unwrap();
        assert!(
            capital.contains("agrees up to “The ”, then has ‘F’ (U+0046)"),
            "{capital}"
        );
        assert_eq!(explain(TEXT, "Kazakhstan has an embassy in Warsaw."), None);
        let dropped = explain(TEXT, "Kazakhstan has embassy in Warsaw.").unwrap();
        assert!(
            dropped.contains("agrees up to “Kazakhstan has ”, then has ‘e’"),
            "{dropped}"
        );
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;
    use crate::load::tables;
    use crate::testing::loaded;

    /// Every quote of the shipped seed lies within one sentence, so `kb cite` with its words
    /// finds a sentence that holds it.
    #[test]
    fn every_shipped_quote_is_found_by_its_words() {
        let conn = loaded();
        for table in tables().filter(|t| crate::seed::states_facts(t)) {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT t.quote, s.content FROM {table} AS t JOIN sources AS s ON s.id = t.source_id"
                ))
                .unwrap();
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .unwrap();
            for row in rows {
                let (quote, text) = row.unwrap();
                let words: Vec<String> = quote.split_whitespace().map(str::to_string).collect();
                let found = sentences_with(&text, &words);
                assert!(
                    found.iter().any(|s| s.contains(quote.as_str())),
                    "{table}: no sentence holds “{quote}”"
                );
            }
        }
    }
}
