//! Strict, atomic loading of a seed folder: each kind of mistake gets one clear error that
//! names the place, and leaves an existing knowledge base byte-for-byte as it was; the
//! harmless variations of CSV are accepted.

use std::fs;

use crate::workdir::Workdir;

/// Loads a copy of the shipped seed with `file` rewritten by `edit` into a kb.db that holds
/// the shipped seed; asserts exit 1, the one-line error and an untouched file.
fn refused(file: &str, edit: impl Fn(Vec<u8>) -> Vec<u8>, expected: &str) {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    let seed = wd.copy_seed("seed");
    let path = seed.join(file);
    let edited = edit(fs::read(&path).unwrap());
    fs::write(&path, &edited).unwrap();
    let output = wd.kb().args(["init", "--seed", "seed"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr, format!("kb: error: {expected}\n"));
    assert!(
        fs::read(&db).unwrap() == before,
        "a failed load changed kb.db"
    );
}

fn text_edit(edit: impl Fn(&str) -> String) -> impl Fn(Vec<u8>) -> Vec<u8> {
    move |bytes| {
        let text = String::from_utf8(bytes).unwrap();
        let edited = edit(&text);
        assert_ne!(edited, text, "the edit must change the file");
        edited.into_bytes()
    }
}

#[test]
fn a_missing_file() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    fs::remove_file(seed.join("memberships.csv")).unwrap();
    wd.kb()
        .args(["init", "--seed", "seed"])
        .assert()
        .code(1)
        .stderr("kb: error: seed/memberships.csv: file not found; every seed folder needs it (an empty table still needs its header row)\n");
    assert!(!wd.path().join("kb.db").exists());
}

#[test]
fn an_unknown_header_column() {
    refused(
        "persons.csv",
        text_edit(|t| t.replacen("country_code", "nationality", 1)),
        "seed/persons.csv, line 1, column nationality: unknown column 'nationality'; expected the columns id,name,country_code,source_id,quote",
    );
}

#[test]
fn a_missing_header_column() {
    refused(
        "persons.csv",
        text_edit(|t| {
            t.lines()
                .map(|l| l.splitn(3, ',').enumerate().filter(|(i, _)| *i != 1).map(|(_, f)| f).collect::<Vec<_>>().join(","))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }),
        "seed/persons.csv, line 1: header lacks column 'name'; expected the columns id,name,country_code,source_id,quote",
    );
}

#[test]
fn a_duplicated_header_column() {
    refused(
        "persons.csv",
        text_edit(|t| t.replacen("id,name", "id,id", 1)),
        "seed/persons.csv, line 1, column id: header names column 'id' twice; each column appears once",
    );
}

#[test]
fn a_wrong_field_count() {
    refused(
        "persons.csv",
        text_edit(|t| t.replacen(",Nursultan Nazarbayev,", ",Nazarbayev, Nursultan,", 1)),
        "seed/persons.csv, line 2: row has 6 fields, but the header has 5; a field holding a comma must be in double quotes",
    );
}

#[test]
fn an_unterminated_quote() {
    refused(
        "persons.csv",
        text_edit(|t| format!("{t}leszek,\"Leszek Miller,PL,wikipedia-kazakhstan-poland-relations,x\n")),
        "seed/persons.csv, line 9: a quoted field opens here and is never closed; expected a closing \" (write a quote inside a quoted field as \"\")",
    );
}

#[test]
fn an_empty_required_field() {
    refused(
        "persons.csv",
        text_edit(|t| t.replacen(",Nursultan Nazarbayev,KZ,", ",Nursultan Nazarbayev,,", 1)),
        "seed/persons.csv, line 2, column country_code: is empty; this column needs a value",
    );
}

#[test]
fn bad_dates() {
    for (date, message) in [
        ("2002-13-01", "'2002-13-01' has month 13; months run from 01 to 12"),
        ("1997-02-30", "'1997-02-30' has day 30, but 1997-02 has 28 days"),
        ("2002-05-26/2002-05-23", "'2002-05-26/2002-05-23' ends before it starts; write the earlier date first"),
        ("23 May 2002", "'23 May 2002' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD (a range is written START/END, e.g. 2002-05-23/2002-05-26)"),
        ("1941/1942-05", "'1941/1942-05' mixes a year and a month; both ends of a range need the same precision"),
    ] {
        refused(
            "events.csv",
            text_edit(|t| t.replacen(",1997-11,", &format!(",{date},"), 1)),
            &format!("seed/events.csv, line 13, column date: {message}"),
        );
    }
}

#[test]
fn a_bad_number() {
    refused(
        "figures.csv",
        text_edit(|t| t.replacen(",2200000000,", ",\"2,2 bn\",", 1)),
        "seed/figures.csv, line 2, column value: '2,2 bn' is not a plain number; expected digits in base units with an optional decimal point, such as 2200000000 or 0.5 (no thousands separators, units or words)",
    );
}

#[test]
fn a_reference_to_a_row_that_does_not_exist() {
    refused(
        "event_participants.csv",
        text_edit(|t| t.replacen("invasion-of-poland-1939,invader,,DE", "invasion-of-poland-1939,invader,,XX", 1)),
        "seed/event_participants.csv, line 2, column country_code: 'XX' is not the code of any row in countries.csv",
    );
}

#[test]
fn a_duplicate_id() {
    // Semey's row now has Almaty's id, so the rows that refer to Semey refer to nothing.
    refused(
        "places.csv",
        text_edit(|t| t.replacen("semey,Semey", "almaty,Semey", 1)),
        "seed/places.csv, line 3, column id: duplicate: an earlier row already has this id\n\
         kb: error: seed/aliases.csv, line 4, column place_id: 'semey' is not the id of any row in places.csv\n\
         kb: error: seed/missions.csv, line 6, column place_id: 'semey' is not the id of any row in places.csv\n\
         kb: error: seed/value_notes.csv, line 3, column row_key: 'semey' is not the id of any row in places.csv\n\
         kb: 4 problems in the seed; nothing was written",
    );
}

#[test]
fn a_duplicate_link_row() {
    refused(
        "memberships.csv",
        text_edit(|t| {
            let first = t.lines().nth(1).unwrap().to_string();
            format!("{t}{first}\n")
        }),
        "seed/memberships.csv, line 8: duplicate row: an earlier row has the same country_code, organization_id",
    );
}

/// The first data row of `file` appended again: the duplicate is on the line after the last.
fn duplicate_first_row(text: &str) -> (String, usize) {
    let first = text.lines().nth(1).unwrap();
    (format!("{text}{first}\n"), text.lines().count() + 1)
}

#[test]
fn a_duplicate_row_under_a_unique_index_built_after_the_rows() {
    // event_participants' unique index is made once all rows are in; its error must still
    // name the line, as an insert's would.
    let seed_file = include_str!("../../seed/event_participants.csv");
    let (_, line) = duplicate_first_row(seed_file);
    refused(
        "event_participants.csv",
        text_edit(|t| duplicate_first_row(t).0),
        &format!("seed/event_participants.csv, line {line}: duplicate row: an earlier row states the same fact"),
    );
}

#[test]
fn a_duplicate_row_in_a_first_build() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    let path = seed.join("aliases.csv");
    let (edited, line) = duplicate_first_row(&fs::read_to_string(&path).unwrap());
    fs::write(&path, edited).unwrap();
    wd.kb()
        .args(["init", "--seed", "seed"])
        .assert()
        .code(1)
        .stderr(format!(
            "kb: error: seed/aliases.csv, line {line}: duplicate row: an earlier row states the same fact\n"
        ));
    let left: Vec<_> = fs::read_dir(wd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec!["seed"],
        "a failed first build leaves nothing behind"
    );
}

#[test]
fn invalid_utf8() {
    refused(
        "persons.csv",
        |bytes| {
            let text = String::from_utf8(bytes).unwrap();
            text.replacen("Nursultan Nazarbayev", "Nursultan \u{1}", 1)
                .into_bytes()
                .into_iter()
                .map(|b| if b == 1 { 0xFF } else { b })
                .collect()
        },
        "seed/persons.csv, line 2, column name: is not valid UTF-8; save the file as UTF-8",
    );
}

#[test]
fn a_nul_byte() {
    refused(
        "persons.csv",
        text_edit(|t| {
            t.replacen(
                "lech-kaczynski,Lech Kaczyński",
                "lech-kaczynski,Lech\0Kaczyński",
                1,
            )
        }),
        "seed/persons.csv, line 4: contains a NUL byte; a seed file must be plain UTF-8 text",
    );
}

#[test]
fn a_quote_not_in_its_source() {
    refused(
        "persons.csv",
        text_edit(|t| t.replacen("visited Poland on three occasions", "visited Poland on four occasions", 1)),
        "seed/persons.csv, line 2, column quote: 'The first President of Kazakhstan, Nursultan Nazarbayev, visited Poland on four occasions: on official visits in November 1997 and May 2002, and on a state visit on 23 August 2016.' is not a verbatim passage of source 'wikipedia-kazakhstan-poland-relations': it agrees up to “…ayev, visited Poland on ”, then has ‘f’ (U+0066) where the source has ‘t’ (U+0074); copy the sentence exactly, with its punctuation (`kb cite wikipedia-kazakhstan-poland-relations WORDS` prints it)",
    );
}

/// The message a quote in persons.csv gets once `edit` has changed it.
fn quote_error(edit: impl Fn(&str) -> String + 'static) -> String {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    let path = seed.join("persons.csv");
    let text = fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text);
    fs::write(&path, edited).unwrap();
    let output = wd.kb().args(["init", "--seed", "seed"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn quote_mistakes_people_make_are_each_pointed_at() {
    let apostrophe =
        quote_error(|t| t.replacen("Nazarbayev’s presidency", "Nazarbayev's presidency", 1));
    assert!(
        apostrophe.contains("then has ‘'’ (U+0027, apostrophe) where the source has ‘’’ (U+2019, right single quotation mark)"),
        "{apostrophe}"
    );
    let capital = quote_error(|t| t.replacen("The first President", "The First President", 1));
    assert!(
        capital.contains("then has ‘F’ (U+0046) where the source has ‘f’ (U+0066)"),
        "{capital}"
    );
    let dropped = quote_error(|t| {
        t.replacen(
            "visited Poland on three occasions",
            "visited Poland on occasions",
            1,
        )
    });
    assert!(
        dropped.contains("then has ‘o’ (U+006F) where the source has ‘t’ (U+0074)"),
        "{dropped}"
    );
    let wrong_source = quote_error(|t| {
        t.replacen(
            "nursultan-nazarbayev,Nursultan Nazarbayev,KZ,wikipedia-kazakhstan-poland-relations,",
            "nursultan-nazarbayev,Nursultan Nazarbayev,KZ,kb-editors-names,",
            1,
        )
    });
    assert!(
        wrong_source.contains("is not a verbatim passage of source 'kb-editors-names', but of source 'wikipedia-kazakhstan-poland-relations'; cite 'wikipedia-kazakhstan-poland-relations' in source_id"),
        "{wrong_source}"
    );
}

#[test]
fn an_empty_file() {
    refused(
        "persons.csv",
        |_| Vec::new(),
        "seed/persons.csv: file is empty; expected at least the header row: id,name,country_code,source_id,quote",
    );
}

#[test]
fn a_rule_of_the_schema() {
    refused(
        "countries.csv",
        text_edit(|t| t.replacen("KZ,Kazakhstan,sovereign state,ISO 3166-1,", "KZ,Kazakhstan,sovereign state,ISO 9999,", 1)),
        "seed/countries.csv, line 2, column code_system: the row breaks the rule `code_system IN ('ISO 3166-1', 'ISO 3166-3', 'kb')` (see docs/schema.md)",
    );
}

#[test]
fn a_term_no_vocabulary_of_the_seed_has() {
    refused(
        "places.csv",
        text_edit(|t| t.replacen("otar,Otar,settlement", "otar,Otar,village", 1)),
        "seed/places.csv, line 9, column kind: 'village' is not a term of place_kinds.csv, which has: city, settlement, region; use one of them, or add the term with its description to place_kinds.csv",
    );
}

#[test]
fn a_new_term_is_added_in_the_seed_with_no_migration() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    let places = fs::read_to_string(seed.join("places.csv")).unwrap();
    fs::write(
        seed.join("places.csv"),
        places.replacen("otar,Otar,settlement", "otar,Otar,village", 1),
    )
    .unwrap();
    let mut kinds = fs::read_to_string(seed.join("place_kinds.csv")).unwrap();
    kinds.push_str("village,A village.\n");
    fs::write(seed.join("place_kinds.csv"), kinds).unwrap();
    wd.kb().args(["init", "--seed", "seed"]).assert().success();
    wd.kb().arg("check").assert().success();
}

/// Loads a seed whose files were rewritten by `edit` into a new file and returns `kb sql`'s
/// answer to `query` as CSV.
fn accepted(edit: impl Fn(&std::path::Path), query: &str) -> String {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    edit(&seed);
    wd.kb().args(["init", "--seed", "seed"]).assert().success();
    let output = wd
        .kb()
        .args(["sql", query, "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn rewrite(seed: &std::path::Path, file: &str, edit: impl Fn(String) -> String) {
    let path = seed.join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, edit(text)).unwrap();
}

#[test]
fn a_bom_crlf_and_a_trailing_empty_line_are_accepted() {
    let answer = accepted(
        |seed| {
            rewrite(seed, "persons.csv", |t| {
                format!("\u{feff}{}\r\n", t.replace('\n', "\r\n"))
            });
            rewrite(seed, "events.csv", |t| format!("{t}\n"));
        },
        "SELECT count(*) AS n, sum(name LIKE '%' || char(13) || '%') AS cr FROM persons",
    );
    assert_eq!(answer, "n,cr\n7,0\n");
}

#[test]
fn quoted_fields_with_commas_quotes_newlines_and_unicode_are_accepted() {
    let answer = accepted(
        |seed| {
            rewrite(seed, "persons.csv", |t| {
                format!("{t}\"ąę-żółć\",\"Żółć, \"\"Ąę\"\"\nŁódź 日本 Қазақ\",KZ,wikipedia-kazakhstan-poland-relations,\"{PERSON_QUOTE}\"\n")
            });
        },
        "SELECT id, name FROM persons WHERE id = 'ąę-żółć'",
    );
    assert_eq!(
        answer,
        "id,name\nąę-żółć,\"Żółć, \"\"Ąę\"\"\nŁódź 日本 Қазақ\"\n"
    );
}

const PERSON_QUOTE: &str = "Poland and Kazakhstan established formal diplomatic relations in 1992.";

#[test]
fn a_participant_row_names_exactly_one_participant() {
    refused(
        "event_participants.csv",
        text_edit(|t| t.replacen("invasion-of-poland-1939,invader,,DE", "invasion-of-poland-1939,invader,leszek-miller,DE", 1)),
        "seed/event_participants.csv, line 2, column person_id: 2 of person_id, country_code, organization_id are set; expected exactly one: one participant per row",
    );
}

#[test]
fn a_source_id_that_would_leave_the_export_folder() {
    refused(
        "sources.csv",
        text_edit(|t| t.replacen("\nkb-editors-names,", "\n../../../victim,", 1)),
        "seed/sources.csv, line 3, column id: '../../../victim' cannot be a source id; kb export writes a source's text to sources/ID.txt, so an id is made of letters, digits, '-', '_' and '.' and does not start with '.'",
    );
}

#[test]
fn a_content_file_outside_the_seed_folder() {
    for (path, why) in [
        ("../outside.txt", "'../outside.txt' leaves its folder (.. or a root); expected a file name relative to the seed folder"),
        ("/etc/passwd", "'/etc/passwd' is an absolute path; expected a file name relative to the seed folder"),
        ("sources", "'sources' is not a regular file (a folder, device or pipe); expected a text file"),
    ] {
        refused(
            "sources.csv",
            text_edit(|t| t.replacen("sources/kb-editors-names.txt", path, 1)),
            &format!("seed/sources.csv, line 3, column content_file: {why}"),
        );
    }
}

#[test]
fn a_content_file_that_is_a_device_a_pipe_or_a_link_out() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    let text = seed.join("sources/kb-editors-names.txt");
    for (make, why) in [
        (
            "link /dev/zero",
            "'sources/kb-editors-names.txt' leads outside the seed folder (to /dev/zero); expected a file inside it",
        ),
        (
            "fifo",
            "'sources/kb-editors-names.txt' is not a regular file (a folder, device or pipe); expected a text file",
        ),
    ] {
        fs::remove_file(&text).unwrap();
        if make == "fifo" {
            let made = std::process::Command::new("mkfifo").arg(&text).status();
            assert!(made.unwrap().success());
        } else {
            std::os::unix::fs::symlink("/dev/zero", &text).unwrap();
        }
        wd.kb()
            .args(["init", "--seed", "seed"])
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(1)
            .stderr(format!(
                "kb: error: seed/sources.csv, line 3, column content_file: {why}\n"
            ));
        assert!(!wd.path().join("kb.db").exists());
    }
}

#[test]
fn a_csv_file_that_is_no_table_of_the_seed() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    fs::copy(seed.join("persons.csv"), seed.join("person.csv")).unwrap();
    let output = wd.kb().args(["init", "--seed", "seed"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "kb: error: seed/person.csv: is not a table of the seed, so its rows would be left \
             out (did you mean persons.csv?); the seed's CSV files are sources.csv, "
        ),
        "{stderr}"
    );
    assert!(!wd.path().join("kb.db").exists());
}

#[test]
fn a_whole_number_too_large_to_keep_exactly() {
    refused(
        "figures.csv",
        text_edit(|t| t.replacen(",2200000000,", ",99999999999999999999,", 1)),
        "seed/figures.csv, line 2, column value: '99999999999999999999' is a whole number too large to keep exactly; expected one between -9223372036854775808 and 9223372036854775807 (write it with a decimal point to store it approximately)",
    );
}

#[test]
fn the_year_zero() {
    refused(
        "figures.csv",
        text_edit(|t| t.replacen(",USD,more than,2014,", ",USD,more than,0000,", 1)),
        "seed/figures.csv, line 2, column date: '0000' has year 0000, which the calendar lacks (1 BC is followed by AD 1); years run from 0001",
    );
}

#[test]
fn a_control_character_in_a_field() {
    refused(
        "figures.csv",
        text_edit(|t| t.replacen("Trade turnover between Kazakhstan", "Trade \u{1b}[31mturnover between Kazakhstan", 1)),
        "seed/figures.csv, line 2, column subject: holds the control character U+001B; a seed holds plain text (line breaks and tabs only)",
    );
}

#[test]
fn an_event_that_is_its_own_parent_or_part_of_a_cycle() {
    refused(
        "events.csv",
        text_edit(|t| {
            t.replacen(
                "Deportation of Poles to the Kazakh SSR,,,SU-KZ,,,",
                "Deportation of Poles to the Kazakh SSR,,,SU-KZ,,deportation-of-poles-to-kazakh-ssr,",
                1,
            )
        }),
        "seed/events.csv, line 3, column parent_event_id: 'deportation-of-poles-to-kazakh-ssr' makes 'deportation-of-poles-to-kazakh-ssr' part of itself (through parent_event_id); a chain of parent_event_id must end at a row that has none",
    );
    refused(
        "countries.csv",
        text_edit(|t| {
            t.replacen(
                "KZ,Kazakhstan,sovereign state,ISO 3166-1,,",
                "KZ,Kazakhstan,sovereign state,ISO 3166-1,PL,",
                1,
            )
            .replacen(
                "PL,Poland,sovereign state,ISO 3166-1,,",
                "PL,Poland,sovereign state,ISO 3166-1,KZ,",
                1,
            )
        }),
        "seed/countries.csv, line 2, column part_of: 'PL' makes 'KZ' part of itself (through part_of); a chain of part_of must end at a row that has none",
    );
}

#[test]
fn a_mistake_is_reported_on_its_line_in_lf_crlf_and_bom_files() {
    let third_line = |bytes: Vec<u8>| -> String {
        let text = String::from_utf8(bytes).unwrap();
        let line = text.lines().nth(2).unwrap().to_string();
        text.replacen(
            &line,
            &line.replacen(",KZ,", ",ZZ,", 1).replacen(",PL,", ",ZZ,", 1),
            1,
        )
    };
    for (ending, bom) in [
        ("\n", ""),
        ("\r\n", ""),
        ("\r\n", "\u{feff}"),
        ("\n", "\u{feff}"),
    ] {
        refused(
            "persons.csv",
            move |bytes| {
                let text = third_line(bytes).replace('\n', ending);
                format!("{bom}{text}").into_bytes()
            },
            "seed/persons.csv, line 3, column country_code: 'ZZ' is not the code of any row in countries.csv",
        );
    }
}

#[test]
fn a_seed_without_its_descriptor() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    fs::remove_file(seed.join("datapackage.json")).unwrap();
    wd.kb()
        .args(["init", "--seed", "seed"])
        .assert()
        .code(1)
        .stderr(
            "kb: error: seed/datapackage.json: file not found; every seed folder needs this \
             description of its data set (its name, title, licences and sources): `kb new` \
             writes one, `kb export` writes the loaded one\n",
        );
}

#[test]
fn the_data_set_is_described_by_its_seed() {
    let wd = Workdir::new();
    let seed = wd.copy_seed("seed");
    let descriptor = fs::read_to_string(seed.join("datapackage.json")).unwrap();
    fs::write(
        seed.join("datapackage.json"),
        descriptor.replacen(
            "Kazakhstan–Poland relations knowledge base",
            "My own knowledge base",
            1,
        ),
    )
    .unwrap();
    wd.kb().args(["init", "--seed", "seed"]).assert().success();
    let output = wd
        .kb()
        .args([
            "sql",
            "SELECT value FROM kb_dataset WHERE key = 'title'",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "value\nMy own knowledge base\n"
    );
}

/// A copy of the shipped seed with a mistake planted in each of several files, some saved
/// with CRLF endings and some with a BOM, as spreadsheet programs write them.
fn seed_with_planted_mistakes(wd: &Workdir) -> std::path::PathBuf {
    let seed = wd.copy_seed("seed");
    let edit = |file: &str, edit: &dyn Fn(&str) -> String, crlf: bool, bom: bool| {
        let path = seed.join(file);
        let text = fs::read_to_string(&path).unwrap();
        let mut edited = edit(&text);
        assert_ne!(edited, text, "{file}");
        if crlf {
            edited = edited.replace('\n', "\r\n");
        }
        if bom {
            edited.insert(0, '\u{feff}');
        }
        fs::write(path, edited).unwrap();
    };
    edit(
        "persons.csv",
        &|t| {
            t.replacen("The first President", "The First President", 1)
                .replacen(
                    "visited Kazakhstan three times",
                    "visited Kazakhstan 3 times",
                    1,
                )
        },
        true,
        false,
    );
    edit(
        "events.csv",
        &|t| t.replacen(",otar,", ",otarx,", 1),
        false,
        true,
    );
    edit(
        "figures.csv",
        &|t| t.replacen(",2200000000,", ",2.2 bn,", 1),
        true,
        true,
    );
    seed
}

#[test]
fn every_mistake_is_reported_once_at_its_line_and_nothing_is_written() {
    let wd = Workdir::new();
    let db = wd.init();
    let before = fs::read(&db).unwrap();
    seed_with_planted_mistakes(&wd);
    let output = wd.kb().args(["init", "--seed", "seed"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let places: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("kb: error: "))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "seed/persons.csv, line 2, column quote",
            "seed/persons.csv, line 3, column quote",
            "seed/events.csv, line 6, column place_id",
            "seed/figures.csv, line 2, column value",
        ],
        "{stderr}"
    );
    assert!(
        stderr.ends_with("kb: 4 problems in the seed; nothing was written\n"),
        "{stderr}"
    );
    assert_eq!(fs::read(&db).unwrap(), before);
}

#[test]
fn check_seed_lists_every_problem_as_text_or_json_and_touches_no_database() {
    let wd = Workdir::new();
    let seed = seed_with_planted_mistakes(&wd);
    let text = wd.kb().args(["check", "--seed", "seed"]).output().unwrap();
    assert_eq!(text.status.code(), Some(1));
    assert_eq!(String::from_utf8(text.stdout).unwrap().lines().count(), 4);
    let json = wd
        .kb()
        .args(["check", "--seed", "seed", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(problems[2]["file"], "seed/events.csv");
    assert_eq!(problems[2]["line"], 6);
    assert_eq!(problems[2]["column"], "place_id");
    assert_eq!(
        problems[2]["message"],
        "'otarx' is not the id of any row in places.csv"
    );
    let one = wd
        .kb()
        .args(["check", "--seed", "seed", "--max-problems", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8(one.stdout)
        .unwrap()
        .ends_with("… and 3 more (--max-problems N shows more)\n"));
    assert_eq!(
        fs::read_dir(wd.path()).unwrap().count(),
        1,
        "only the seed folder"
    );
    let _ = seed;
    wd.kb()
        .args(["check", "--seed"])
        .arg(env!("CARGO_MANIFEST_DIR").to_string() + "/seed")
        .assert()
        .success()
        .stdout(predicates::str::ends_with("is a seed kb loads as it is\n"));
}

#[test]
fn a_value_note_for_a_row_or_table_that_is_not_there() {
    refused(
        "value_notes.csv",
        text_edit(|t| t.replacen("places,otar,kind", "places,otarx,kind", 1)),
        "seed/value_notes.csv, line 10, column row_key: 'otarx' is not the id of any row in places.csv",
    );
    refused(
        "value_notes.csv",
        text_edit(|t| t.replacen("places,otar,kind", "event_mentions,otar,kind", 1)),
        "seed/value_notes.csv, line 10, column table_name: 'event_mentions' is not a table whose rows have an id or code; expected one of countries, places, persons, organizations, events, agreements, figures, missions, transport_links, decorations",
    );
}

/// The benchmark's generator (examples/gen_corpus.rs), which `cargo test` builds beside this
/// binary.
fn gen_corpus() -> std::path::PathBuf {
    let deps = std::env::current_exe().unwrap();
    let built = deps.parent().unwrap().parent().unwrap();
    let exe = built
        .join("examples")
        .join(format!("gen_corpus{}", std::env::consts::EXE_SUFFIX));
    assert!(
        exe.exists(),
        "{} is missing: run the whole suite with `cargo test`, which builds the examples",
        exe.display()
    );
    exe
}

#[test]
fn the_benchmark_corpus_has_the_seeds_columns_and_loads_and_checks_clean() {
    let wd = Workdir::new();
    let corpus = wd.path().join("corpus");
    let generated = std::process::Command::new(gen_corpus())
        .args(["--events", "300"])
        .arg(&corpus)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    // Every file kb reads, with the header kb expects.
    for spec in kb::seed::TABLES {
        let text = std::fs::read_to_string(corpus.join(spec.file)).unwrap();
        assert_eq!(
            text.lines().next(),
            Some(spec.header().as_str()),
            "{}",
            spec.file
        );
    }
    wd.kb()
        .args(["init", "--seed"])
        .arg(&corpus)
        .assert()
        .success();
    let events = wd
        .kb()
        .args(["sql", "SELECT count(*) FROM events", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&events.stdout), "count(*)\n300\n");
    wd.kb().arg("check").assert().success();
}
