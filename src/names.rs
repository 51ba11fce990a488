//! Finding things by the names people type: folding case and diacritics away, resolving a
//! name or id to the one person, place, organization, country, event or agreement meant, and
//! suggesting the nearest names when none matches.

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// The letters Unicode does not decompose into a base letter and a diacritic, with their
/// ASCII spelling: the search index's tokenizer cannot strip them, so kb spells them out. (The
/// triggers of migrations V3 and V6 hold the same list in SQL, which cannot call this.)
pub const UNDECOMPOSED: [(char, &str); 8] = [
    ('ł', "l"),
    ('Ł', "L"),
    ('ø', "o"),
    ('Ø', "O"),
    ('đ', "d"),
    ('Đ', "D"),
    ('ı', "i"),
    ('ß', "ss"),
];

/// Whether `text` holds one of the letters Unicode does not decompose. A search index's load
/// asks this of every text, so it looks at the letters only where a byte starts one of theirs
/// in UTF-8 (such a byte always starts a letter).
pub fn holds_undecomposed(text: &str) -> bool {
    text.bytes().enumerate().any(|(at, b)| {
        UNDECOMPOSED_LEADS[usize::from(b)]
            && text[at..].chars().next().and_then(ascii_spelling).is_some()
    })
}

/// Each byte that starts the UTF-8 form of a letter of `UNDECOMPOSED`.
const UNDECOMPOSED_LEADS: [bool; 256] = {
    let mut leads = [false; 256];
    let mut i = 0;
    while i < UNDECOMPOSED.len() {
        let mut utf8 = [0; 4];
        leads[UNDECOMPOSED[i].0.encode_utf8(&mut utf8).as_bytes()[0] as usize] = true;
        i += 1;
    }
    leads
};

/// A letter Unicode does not decompose, spelled the ASCII way; None for any other.
pub fn ascii_spelling(c: char) -> Option<&'static str> {
    // Every letter listed lies outside ASCII, where most of a text's letters are.
    if c.is_ascii() {
        return None;
    }
    UNDECOMPOSED
        .iter()
        .find(|(letter, _)| *letter == c)
        .map(|(_, ascii)| *ascii)
}

/// Text as a search compares it: lowercase, without diacritics, with the letters Unicode does
/// not decompose (ł, ø, đ, ı, ß) spelled the ASCII way.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
    {
        match ascii_spelling(c) {
            Some(ascii) => folded.push_str(&ascii.to_lowercase()),
            None => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The kinds of thing kb can find by name and show: one per table with a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Place,
    Organization,
    Country,
    Event,
    Agreement,
    Decoration,
    Mission,
    Figure,
}

impl EntityKind {
    pub const ALL: [EntityKind; 9] = [
        Self::Person,
        Self::Place,
        Self::Organization,
        Self::Country,
        Self::Event,
        Self::Agreement,
        Self::Decoration,
        Self::Mission,
        Self::Figure,
    ];

    /// The word the SQL of names.sql, v_facts and the search index use for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Place => "place",
            Self::Organization => "organization",
            Self::Country => "country",
            Self::Event => "event",
            Self::Agreement => "agreement",
            Self::Decoration => "decoration",
            Self::Mission => "mission",
            Self::Figure => "figure",
        }
    }

    /// Whether things of this kind have a name (rather than a title or a description), so a
    /// whole word of it identifies them better than a word of a title does.
    fn is_named(self) -> bool {
        matches!(
            self,
            Self::Person | Self::Place | Self::Organization | Self::Country
        )
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl rusqlite::ToSql for EntityKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for EntityKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let word = value.as_str()?;
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == word)
            .ok_or_else(|| {
                rusqlite::types::FromSqlError::Other(
                    format!("'{word}' is not a kind of thing kb can show").into(),
                )
            })
    }
}

/// Something kb can show: its kind, id and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    pub id: String,
    pub name: String,
}

/// One way a name may fit a query, tried in order by `resolve`.
type Tier<'a> = dyn Fn(&Entity, &str) -> bool + 'a;

/// What a name or id stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    One(Entity),
    /// Several things carry this name; the caller must choose.
    Many(Vec<Entity>),
    /// Nothing carries it; the nearest names, best first.
    None(Vec<Entity>),
}

const NAMES: &str = include_str!("sql/names.sql");

/// A full-text query that is valid and matches nothing: the empty phrase.
const NO_NAME: &str = "\"\"";

/// How many full-text matches are weighed against a typed name: enough for any real name,
/// few enough to answer at once in a file of millions of rows.
const MATCHES_WEIGHED: i64 = 500;

/// The things `id` or `words` (a full-text query) may stand for, restricted to `kinds`, each
/// with one of its names (aliases included).
fn candidates(
    conn: &Connection,
    kinds: &[EntityKind],
    id: &str,
    words: &str,
) -> Result<Vec<(Entity, String)>> {
    let mut stmt = conn.prepare_cached(NAMES)?;
    let rows = stmt.query_map(
        rusqlite::named_params! { ":id": id, ":words": words, ":limit": MATCHES_WEIGHED },
        |r| {
            Ok((
                Entity {
                    kind: r.get(0)?,
                    id: r.get(1)?,
                    name: r.get(2)?,
                },
                r.get::<_, String>(3)?,
            ))
        },
    )?;
    let mut all = Vec::new();
    for row in rows {
        let (entity, name) = row?;
        if kinds.is_empty() || kinds.contains(&entity.kind) {
            all.push((entity, name));
        }
    }
    Ok(all)
}

/// A full-text query for `words`: every word, each possibly the start of a longer one, or
/// with `any`, at least one of them. Each word is an FTS5 string (in double quotes, a quote
/// inside doubled), so no text the user types is read as FTS5 syntax; an empty iterator
/// gives an empty query, which FTS5 refuses, so callers check `has_words` first.
fn fts_query<'a>(words: impl Iterator<Item = &'a str>, any: bool) -> String {
    let terms: Vec<String> = words
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    terms.join(if any { " OR " } else { " " })
}

/// The full-text query that finds `text`: its words folded, each a prefix, all required.
pub fn match_all_words(text: &str) -> String {
    fts_query(words(&fold(text)), false)
}

/// Whether `text` has anything a search can look for: a letter or a digit.
pub fn has_words(text: &str) -> bool {
    words(&fold(text)).next().is_some()
}

/// The error for a typed text without letters or digits (`%`, `"`, `*`, nothing at all).
pub fn nothing_to_look_for(text: &str, give: &str) -> Error {
    Error::NotFound(format!(
        "'{text}' has no letters or digits to look for; give {give}"
    ))
}

fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn unique(mut entities: Vec<Entity>) -> Vec<Entity> {
    let mut seen = std::collections::HashSet::new();
    entities.retain(|e| seen.insert((e.kind, e.id.clone())));
    entities
}

/// Resolves `query` among the things of `kinds` (all kinds when empty): an exact id first,
/// then names, compared folded (see the tiers below).
pub fn resolve(conn: &Connection, kinds: &[EntityKind], query: &str) -> Result<Resolution> {
    let wanted = fold(query.trim());
    // A text without words can still be an id; the empty phrase matches no name.
    let names = if has_words(&wanted) {
        fts_query(words(&wanted), false)
    } else {
        NO_NAME.to_string()
    };
    let all = candidates(conn, kinds, query, &names)?;
    let by_id: Vec<Entity> = unique(
        all.iter()
            .filter(|(e, _)| e.id == query)
            .map(|(e, _)| e.clone())
            .collect(),
    );
    if let [one] = by_id.as_slice() {
        return Ok(Resolution::One(one.clone()));
    }
    if !has_words(&wanted) {
        return Err(nothing_to_look_for(query, "a name or an id"));
    }
    // The first tier that matches decides: the whole name, then whole words of the name of a
    // person, place, organization or country, then whole words of an event or agreement
    // title, then any part of any name.
    let spaced = |name: &str| {
        format!(
            " {} ",
            fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
        )
    };
    let padded = format!(" {wanted} ");
    let named = |e: &Entity| e.kind.is_named();
    let tiers: [&Tier<'_>; 4] = [
        &|_, name| fold(name) == wanted,
        &|e, name| named(e) && spaced(name).contains(&padded),
        &|e, name| !named(e) && spaced(name).contains(&padded),
        &|_, name| fold(name).contains(&wanted),
    ];
    let matches = tiers
        .iter()
        .map(|fits| {
            unique(
                all.iter()
                    .filter(|(e, name)| fits(e, name))
                    .map(|(e, _)| e.clone())
                    .collect(),
            )
        })
        .find(|found| !found.is_empty())
        .unwrap_or_default();
    Ok(match matches.as_slice() {
        [] => {
            // Names that share a word's first letters are the ones worth a suggestion.
            let stems =
                words(&wanted).map(|w| &w[..w.char_indices().nth(3).map_or(w.len(), |(i, _)| i)]);
            let near = candidates(conn, kinds, query, &fts_query(stems, true))?;
            Resolution::None(nearest(&near, &wanted))
        }
        [one] => Resolution::One(one.clone()),
        _ => Resolution::Many(matches),
    })
}

/// The names closest to `wanted` by edit distance, for "did you mean".
fn nearest(all: &[(Entity, String)], wanted: &str) -> Vec<Entity> {
    let mut scored: Vec<(f64, &Entity)> = all
        .iter()
        .map(|(e, name)| {
            let folded = fold(name);
            let whole = strsim::normalized_levenshtein(&folded, wanted);
            let best_word = folded
                .split_whitespace()
                .map(|w| strsim::normalized_levenshtein(w, wanted))
                .fold(0.0, f64::max);
            (whole.max(best_word), e)
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    // Only names about as close as the closest: a long list of distant names helps nobody.
    let best = scored.first().map_or(0.0, |(score, _)| *score);
    let close = scored
        .into_iter()
        .filter(|(score, _)| *score >= best - 0.1)
        .map(|(_, e)| e.clone())
        .collect();
    unique(close).into_iter().take(5).collect()
}

/// The one thing `query` names, or an error that lists the candidates or the nearest names.
pub fn resolve_one(conn: &Connection, kinds: &[EntityKind], query: &str) -> Result<Entity> {
    let nothing = if kinds.len() == 1 {
        format!("no {}", kinds[0])
    } else {
        "nothing".to_string()
    };
    match resolve(conn, kinds, query)? {
        Resolution::One(entity) => Ok(entity),
        Resolution::Many(found) => Err(Error::Ambiguous(format!(
            "'{query}' could be {}; give one of these ids",
            listing(&found)
        ))),
        Resolution::None(near) if near.is_empty() => {
            Err(Error::NotFound(format!("{nothing} is called '{query}'")))
        }
        Resolution::None(near) => Err(Error::NotFound(format!(
            "{nothing} is called '{query}'; did you mean {}?",
            listing(&near)
        ))),
    }
}

/// At most this many candidates are named in a message; the rest are counted.
const LISTED: usize = 10;

fn listing(entities: &[Entity]) -> String {
    let mut listed: Vec<String> = entities
        .iter()
        .take(LISTED)
        .map(|e| format!("{} {} ({})", e.kind, e.id, e.name))
        .collect();
    if entities.len() > LISTED {
        listed.push(format!("and {} more", entities.len() - LISTED));
    }
    listed.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::loaded;

    #[test]
    fn folding_removes_case_and_every_diacritic() {
        assert_eq!(fold("Kwaśniewski"), "kwasniewski");
        assert_eq!(fold("Lech Kaczyński"), "lech kaczynski");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Nursułtan Nazarbajew"), "nursultan nazarbajew");
        assert_eq!(fold("Straße Ørsted"), "strasse orsted");
    }

    proptest::proptest! {
        /// The quick look finds a letter exactly when there is one.
        #[test]
        fn an_undecomposed_letter_is_found_wherever_it_is(text in "[a-z łŁøØđĐıßóżęąśćńŃÓĄÉé—–€Ққ]{0,24}") {
            let letter_by_letter = text.chars().any(|c| ascii_spelling(c).is_some());
            proptest::prop_assert_eq!(holds_undecomposed(&text), letter_by_letter);
        }
    }

    #[test]
    fn names_resolve_without_diacritics_and_through_aliases() {
        let conn = loaded();
        let one = |q: &str| match resolve(&conn, &[], q).unwrap() {
            Resolution::One(e) => format!("{} {}", e.kind, e.id),
            other => format!("{other:?}"),
        };
        assert_eq!(one("kwasniewski"), "person aleksander-kwasniewski");
        assert_eq!(one("KACZYNSKI"), "person lech-kaczynski");
        assert_eq!(one("Alma-Ata"), "place almaty");
        assert_eq!(one("nazarbajew"), "person nursultan-nazarbayev");
        assert_eq!(one("otar"), "place otar");
        assert_eq!(one("PL"), "country PL");
    }

    #[test]
    fn an_ambiguous_name_lists_the_candidates() {
        let conn = loaded();
        let err = resolve_one(&conn, &[], "visit").unwrap_err().to_string();
        assert!(err.starts_with("'visit' could be event "), "{err}");
        assert!(err.contains("visit-duda-kazakhstan-2017"), "{err}");
    }

    #[test]
    fn an_unknown_name_suggests_the_nearest() {
        let conn = loaded();
        let err = resolve_one(&conn, &[EntityKind::Person], "Kwasniewsky")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "no person is called 'Kwasniewsky'; did you mean person aleksander-kwasniewski (Aleksander Kwaśniewski)?"
        );
    }

    #[test]
    fn every_word_becomes_an_fts5_string_whatever_it_holds() {
        assert_eq!(
            fts_query(["a\"b", "c"].into_iter(), false),
            "\"a\"\"b\"* \"c\"*"
        );
        assert_eq!(fts_query(["x", "y"].into_iter(), true), "\"x\"* OR \"y\"*");
        assert_eq!(
            match_all_words("Kwaśniewski, \"Lech\" *"),
            "\"kwasniewski\"* \"lech\"*"
        );
    }

    #[test]
    fn a_text_without_letters_or_digits_is_one_clear_sentence() {
        let conn = loaded();
        for typed in ["", "%", "*", "\"", "  ", "\"*^-(", "NEAR()"] {
            let err = resolve_one(&conn, &[EntityKind::Person], typed);
            if typed == "NEAR()" {
                // Words that are FTS5 keywords are only words.
                assert!(
                    err.unwrap_err()
                        .to_string()
                        .starts_with("no person is called 'NEAR()'"),
                    "{typed}"
                );
                continue;
            }
            assert_eq!(
                err.unwrap_err().to_string(),
                format!("'{typed}' has no letters or digits to look for; give a name or an id")
            );
        }
        // Ids still resolve exactly.
        assert!(matches!(
            resolve(&conn, &[], "PL").unwrap(),
            Resolution::One(e) if e.id == "PL"
        ));
    }
}
