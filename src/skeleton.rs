//! A new seed folder that loads at once (`kb new`): the data set's descriptor, every CSV with
//! its header, kb's usual vocabularies, the two countries of the relationship, and a first
//! source, the editors' note that names them, with a note on how to add source texts.

use std::fs;
use std::path::Path;

use crate::datapackage;
use crate::db;
use crate::error::{Error, Result};
use crate::paths;
use crate::seed::TABLES;

/// One of the two countries a new knowledge base is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: String,
    pub name: String,
}

impl std::str::FromStr for Country {
    type Err = String;

    /// `CODE=NAME`, such as `CL=Chile`: an ISO 3166-1 alpha-2 code and the country's name.
    fn from_str(text: &str) -> Result<Self, String> {
        let (code, name) = text.split_once('=').unwrap_or(("", ""));
        let code_ok = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
        if !code_ok || name.trim().is_empty() {
            return Err(format!(
                "'{text}' is not CODE=NAME; expected a two-letter ISO 3166-1 code in capitals, \
                 then = and the country's name, such as CL=Chile"
            ));
        }
        Ok(Country {
            code: code.to_string(),
            name: name.trim().to_string(),
        })
    }
}

/// The id of the editors' note every new seed starts with.
const NOTES_ID: &str = "editors-notes";
const NOTES_FILE: &str = "sources/editors-notes.txt";

const HOW_TO_ADD_A_SOURCE: &str = "\
How to add a source

1. Save the source's text here as a UTF-8 .txt file, e.g. sources/my-article.txt.
2. Add a row for it to sources.csv: an id (letters, digits, - and _), its title, its
   address, its licence, its language and content_file = sources/my-article.txt.
3. Every fact row cites the source by its id in source_id, and copies the sentence that
   states the fact, exactly as the text has it, into quote. `kb cite ID WORDS` finds it.
4. `kb check --seed .` tells every mistake; `kb init --seed .` builds the knowledge base.
";

/// The vocabularies a new seed starts with: kb's usual terms, each with its description, for
/// the curator to keep, change or add to (a term a row uses must be here).
const STARTER_VOCABULARIES: &[(&str, &str)] = &[
    (
        "lanes.csv",
        "history,\"History before the present relationship: wars, deportations, evacuations.\"\n\
         diplomacy,\"Diplomatic relations, missions, ceremonies and offices.\"\n\
         visits,Visits of heads of state or government to the other country.\n\
         agreements,Agreements signed between the countries.\n\
         economy,\"Trade, investment, companies and economic bodies.\"\n\
         education,Students and education.\n",
    ),
    (
        "country_kinds.csv",
        "sovereign state,A state as it exists today.\n\
         historical state,A state that no longer exists.\n",
    ),
    (
        "place_kinds.csv",
        "city,A city or town.\nsettlement,A village or other small settlement.\n\
         region,\"A region, named or described.\"\n",
    ),
    (
        "organization_kinds.csv",
        "international organization,,,An organization of many states.\n\
         company,,,A company.\n\
         intergovernmental commission,trade,commission,A commission of the two governments.\n",
    ),
    (
        "alias_kinds.csv",
        "former name,A name the thing had before.\n\
         spelling,The same name spelled in another language or script.\n\
         native name,The name in the thing's own language.\n",
    ),
    (
        "event_kinds.csv",
        "visit,visits,visits,A visit of a head of state or government to the other country.\n\
         diplomatic relations,diplomacy,,The establishment of diplomatic relations.\n\
         meeting,diplomacy,,A meeting of officials.\n\
         forum,economy,trade,A forum of businesses or governments.\n\
         founding,economy,,The founding of a body.\n",
    ),
    (
        "visit_types.csv",
        "state,A state visit.\nofficial,An official visit.\nworking,A working visit.\n",
    ),
    (
        "date_qualifiers.csv",
        "early,In the early part of the stated period.\n\
         during,At some unstated time within the stated period.\n\
         late,In the late part of the stated period.\n",
    ),
    (
        "roles.csv",
        "guest,The visitor.\nhost,The one who hosted.\nmet,Someone the visitor met.\n\
         party,A party to the event.\nfounder,One who founded.\nfounded,What was founded.\n\
         origin,Where a move started.\ndestination,Where a move ended.\n",
    ),
    (
        "agreement_domains.csv",
        "economy,trade,The economy in general.\ntrade,trade,Trade.\n\
         education,education,Education.\nculture,,Culture.\ndefense,,Defense.\n",
    ),
    (
        "metrics.csv",
        "trade_turnover,economy,trade,trade,The value of trade between the two countries in a period.\n",
    ),
    (
        "units.csv",
        "USD,United States dollars.\nEUR,Euros.\npersons,A number of people.\n\
         companies,A number of companies.\nrank,\"A place in an order: 1 is the first.\"\n",
    ),
    (
        "figure_qualifiers.csv",
        "more than,The source says the number was exceeded.\n\
         over,The source says the number was exceeded.\n\
         about,The source gives the number as approximate.\n\
         nearly,The source says the number was almost reached.\n",
    ),
    (
        "mission_kinds.csv",
        "embassy,An embassy.\nconsulate-general,A consulate-general.\nconsulate,A consulate.\n",
    ),
];

/// A package name from a title: lowercase letters and digits, words joined by `-`.
fn package_name(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "knowledge-base".into()
    } else {
        words.join("-")
    }
}

/// Writes a new seed folder at `dir` (new, or empty) for a knowledge base titled `title`
/// about the relationship between `countries`.
pub fn write(dir: &Path, title: &str, countries: &[Country; 2]) -> Result<()> {
    if title.trim().is_empty() {
        return Err(Error::Refused(
            "--title is empty; give the knowledge base a title".into(),
        ));
    }
    if countries[0].code == countries[1].code {
        return Err(Error::Refused(format!(
            "both countries have the code {}; a relationship needs two countries",
            countries[0].code
        )));
    }
    paths::fill_new_folder(dir, |folder| fill(folder, title, countries))
}

fn fill(folder: &Path, title: &str, [a, b]: &[Country; 2]) -> Result<()> {
    let write = |name: &str, text: &str| {
        let path = folder.join(name);
        fs::write(&path, text).map_err(|source| Error::Io { path, source })
    };
    fs::create_dir_all(folder.join("sources")).map_err(|source| Error::Io {
        path: folder.join("sources"),
        source,
    })?;
    let sentence = format!(
        "This knowledge base is about the relationship between {} and {}.",
        a.name, b.name
    );
    write(NOTES_FILE, &format!("{sentence}\n"))?;
    write("sources/HOW-TO-ADD-A-SOURCE.txt", HOW_TO_ADD_A_SOURCE)?;
    for spec in TABLES {
        let mut text = spec.header() + "\n";
        if let Some((_, terms)) = STARTER_VOCABULARIES.iter().find(|(f, _)| *f == spec.file) {
            text.push_str(terms);
        }
        match spec.table {
            "sources" => text.push_str(&format!(
                "{NOTES_ID},\"Editors' notes (not from a source text)\",,CC0 1.0,en,{NOTES_FILE}\n"
            )),
            "countries" => {
                for country in [a, b] {
                    text.push_str(&crate::values::csv_line(&[
                        &country.code,
                        &country.name,
                        "sovereign state",
                        "ISO 3166-1",
                        "",
                        NOTES_ID,
                        &sentence,
                    ]));
                }
            }
            _ => {}
        }
        write(spec.file, &text)?;
    }
    let data_set = serde_json::json!({
        "name": package_name(title),
        "title": title.trim(),
        "description": format!(
            "The facts of the relationship between {} and {}, each traced to the sentence of \
             the source that states it.",
            a.name, b.name
        ),
        "sources": [{ "title": "Editors' notes (not from a source text)" }],
    });
    let mut conn = db::open_in_memory()?;
    db::migrate(&mut conn)?;
    let descriptor = datapackage::descriptor(data_set.as_object().expect("an object"), &conn)?;
    let text = serde_json::to_string_pretty(&descriptor).expect("JSON values serialize") + "\n";
    write(datapackage::FILE, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::BulkWrite;
    use crate::load::load_seed;
    use crate::seed::Seed;

    fn chile_argentina() -> [Country; 2] {
        ["CL=Chile".parse().unwrap(), "AR=Argentina".parse().unwrap()]
    }

    #[test]
    fn a_new_seed_loads_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let seed = dir.path().join("chile-argentina");
        write(&seed, "Chile–Argentina relations", &chile_argentina()).unwrap();
        let mut conn = db::open_in_memory().unwrap();
        db::migrate(&mut conn).unwrap();
        let loaded = load_seed(
            &mut conn,
            &Seed::Folder(seed),
            BulkWrite::InPlace,
            &mut |_| {},
        )
        .unwrap();
        assert!(loaded.rows.contains(&("countries", 2)));
        let title: String = conn
            .query_row("SELECT name FROM data_set", [], |r| r.get(0))
            .unwrap();
        assert_eq!(title, "chile-argentina-relations");
    }

    #[test]
    fn countries_are_code_equals_name() {
        assert!("Chile".parse::<Country>().is_err());
        assert!("cl=Chile".parse::<Country>().is_err());
        assert!("CL=".parse::<Country>().is_err());
        assert_eq!(
            "CL= Chile".parse::<Country>().unwrap().name,
            "Chile".to_string()
        );
    }
}
