//! Writes a large, valid seed corpus in exactly the layout of `seed/`, for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --events 1000000 DIR
//! kb --db big.db init --seed DIR
//! ```
//!
//! Every CSV of the shipped seed is written with its header row verbatim, plus the
//! `sources/*.txt` texts that `sources.csv` names and a `datapackage.json`. Every id is a slug, every reference points at
//! a row that exists, every `quote` is a whole sentence of the text of the source its row cites,
//! dates are real calendar dates at mixed precisions, and the UNIQUE rules of the schema hold.
//!
//! Sizes for `--events N`: N events, about 3N event participants, N/10 persons, N/20 places,
//! N/100 organizations, N/20 aliases (other names of persons, places and organizations), N/20
//! person offices, N/50 agreements with two parties each, N/20 figures, N/100 missions, N/200
//! memberships, N/200 transport links, N/1000 decorations, N/100 decoration awards, N/10 event
//! mentions, N/20 event places, and max(1, N/1000) sources of 40 sentences each (every sentence
//! unique in the corpus, carrying a counter).
//!
//! The output is deterministic for a given `--events` and `--rng-seed` (default 1). Rows are
//! streamed to disk and every attribute that another table refers to (names, ids, kinds) is a
//! pure function of the row's index, so memory stays constant however large N is.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// ---------------------------------------------------------------------------------------------
// Headers, copied verbatim from the shipped seed (checked against it at start-up).

const SOURCES: &str = "id,title,url,licence,language,content_file";
const COUNTRIES: &str = "code,name,kind,code_system,part_of,source_id,quote";
const PLACES: &str = "id,name,kind,country_code,source_id,quote";
const PERSONS: &str = "id,name,country_code,source_id,quote";
const ORGANIZATIONS: &str = "id,name,kind,country_code,parent_id,source_id,quote";
const ALIASES: &str =
    "alias,language,alias_kind,person_id,place_id,organization_id,source_id,quote";
const PERSON_OFFICES: &str = "person_id,office,country_code,ordinal,date,source_id,quote";
const EVENTS: &str = "id,kind,visit_type,title,date,date_qualifier,country_code,place_id,parent_event_id,summary,source_id,quote";
const EVENT_PARTICIPANTS: &str =
    "event_id,role,person_id,country_code,organization_id,source_id,quote";
const EVENT_PLACES: &str = "event_id,role,place_id,country_code,source_id,quote";
const EVENT_MENTIONS: &str = "event_id,source_id,quote";
const AGREEMENTS: &str = "id,title,domain,signed_date,source_id,quote";
const AGREEMENT_PARTIES: &str = "agreement_id,country_code,source_id,quote";
const FIGURES: &str = "id,metric,subject,value,unit,qualifier,date,country_code,event_id,attributed_to,source_id,quote";
const MISSIONS: &str =
    "id,kind,sending_country_code,host_country_code,place_id,established_event_id,source_id,quote";
const MEMBERSHIPS: &str = "country_code,organization_id,source_id,quote";
const TRANSPORT_LINKS: &str =
    "id,mode,operator_id,origin_place_id,destination_place_id,source_id,quote";
const DECORATIONS: &str = "id,name,country_code,description,source_id,quote";
const DECORATION_AWARDS: &str =
    "decoration_id,recipient_person_id,conferrer_person_id,event_id,source_id,quote";
const VALUE_NOTES: &str = "table_name,row_key,column_name,source_id,quote";

const HEADERS: &[(&str, &str)] = &[
    ("sources.csv", SOURCES),
    ("countries.csv", COUNTRIES),
    ("places.csv", PLACES),
    ("persons.csv", PERSONS),
    ("organizations.csv", ORGANIZATIONS),
    ("aliases.csv", ALIASES),
    ("person_offices.csv", PERSON_OFFICES),
    ("events.csv", EVENTS),
    ("event_participants.csv", EVENT_PARTICIPANTS),
    ("event_places.csv", EVENT_PLACES),
    ("event_mentions.csv", EVENT_MENTIONS),
    ("agreements.csv", AGREEMENTS),
    ("agreement_parties.csv", AGREEMENT_PARTIES),
    ("figures.csv", FIGURES),
    ("missions.csv", MISSIONS),
    ("memberships.csv", MEMBERSHIPS),
    ("transport_links.csv", TRANSPORT_LINKS),
    ("decorations.csv", DECORATIONS),
    ("decoration_awards.csv", DECORATION_AWARDS),
    ("value_notes.csv", VALUE_NOTES),
    ("lanes.csv", "term,description"),
    ("country_kinds.csv", "term,description"),
    ("place_kinds.csv", "term,description"),
    ("organization_kinds.csv", "term,report,topic,description"),
    ("alias_kinds.csv", "term,description"),
    ("event_kinds.csv", "term,lane,report,description"),
    ("visit_types.csv", "term,description"),
    ("date_qualifiers.csv", "term,description"),
    ("roles.csv", "term,description"),
    ("agreement_domains.csv", "term,report,description"),
    ("metrics.csv", "term,lane,report,topic,description"),
    ("units.csv", "term,description"),
    ("figure_qualifiers.csv", "term,description"),
    ("mission_kinds.csv", "term,description"),
];

/// Sentences per source text.
const SENTENCES_PER_SOURCE: usize = 40;

// ---------------------------------------------------------------------------------------------
// A tiny deterministic RNG (xorshift64*), seeded through splitmix64.

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(splitmix(seed) | 1)
    }

    /// A generator that depends only on (run seed, what, index): attributes of row `index`
    /// of table `what` can be recomputed wherever another table needs them.
    fn keyed(run: u64, what: u64, index: usize) -> Self {
        Rng::new(splitmix(run ^ splitmix(what)) ^ index as u64)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

/// (code, name, kind, code_system, part_of)
const COUNTRY_LIST: &[(&str, &str, &str, &str, &str)] = &[
    ("KZ", "Kazakhstan", "sovereign state", "ISO 3166-1", ""),
    ("PL", "Poland", "sovereign state", "ISO 3166-1", ""),
    ("DE", "Germany", "sovereign state", "ISO 3166-1", ""),
    ("RU", "Russia", "sovereign state", "ISO 3166-1", ""),
    ("UA", "Ukraine", "sovereign state", "ISO 3166-1", ""),
    ("BY", "Belarus", "sovereign state", "ISO 3166-1", ""),
    ("LT", "Lithuania", "sovereign state", "ISO 3166-1", ""),
    ("LV", "Latvia", "sovereign state", "ISO 3166-1", ""),
    ("EE", "Estonia", "sovereign state", "ISO 3166-1", ""),
    ("CZ", "Czechia", "sovereign state", "ISO 3166-1", ""),
    ("SK", "Slovakia", "sovereign state", "ISO 3166-1", ""),
    ("HU", "Hungary", "sovereign state", "ISO 3166-1", ""),
    ("RO", "Romania", "sovereign state", "ISO 3166-1", ""),
    ("BG", "Bulgaria", "sovereign state", "ISO 3166-1", ""),
    ("UZ", "Uzbekistan", "sovereign state", "ISO 3166-1", ""),
    ("KG", "Kyrgyzstan", "sovereign state", "ISO 3166-1", ""),
    ("TJ", "Tajikistan", "sovereign state", "ISO 3166-1", ""),
    ("TM", "Turkmenistan", "sovereign state", "ISO 3166-1", ""),
    ("AZ", "Azerbaijan", "sovereign state", "ISO 3166-1", ""),
    ("GE", "Georgia", "sovereign state", "ISO 3166-1", ""),
    ("AM", "Armenia", "sovereign state", "ISO 3166-1", ""),
    ("TR", "Türkiye", "sovereign state", "ISO 3166-1", ""),
    ("IR", "Iran", "sovereign state", "ISO 3166-1", ""),
    ("CN", "China", "sovereign state", "ISO 3166-1", ""),
    ("MN", "Mongolia", "sovereign state", "ISO 3166-1", ""),
    ("JP", "Japan", "sovereign state", "ISO 3166-1", ""),
    ("KR", "South Korea", "sovereign state", "ISO 3166-1", ""),
    ("IN", "India", "sovereign state", "ISO 3166-1", ""),
    ("FR", "France", "sovereign state", "ISO 3166-1", ""),
    ("IT", "Italy", "sovereign state", "ISO 3166-1", ""),
    ("ES", "Spain", "sovereign state", "ISO 3166-1", ""),
    ("GB", "United Kingdom", "sovereign state", "ISO 3166-1", ""),
    ("US", "United States", "sovereign state", "ISO 3166-1", ""),
    ("AT", "Austria", "sovereign state", "ISO 3166-1", ""),
    ("CH", "Switzerland", "sovereign state", "ISO 3166-1", ""),
    ("NL", "Netherlands", "sovereign state", "ISO 3166-1", ""),
    ("SE", "Sweden", "sovereign state", "ISO 3166-1", ""),
    ("FI", "Finland", "sovereign state", "ISO 3166-1", ""),
    ("SU", "Soviet Union", "historical state", "ISO 3166-3", ""),
    ("YU", "Yugoslavia", "historical state", "ISO 3166-3", ""),
    ("CS", "Czechoslovakia", "historical state", "ISO 3166-3", ""),
    (
        "DD",
        "German Democratic Republic",
        "historical state",
        "ISO 3166-3",
        "",
    ),
    (
        "SU-KZ",
        "Kazakh Soviet Socialist Republic",
        "soviet republic",
        "kb",
        "SU",
    ),
    (
        "SU-UZ",
        "Uzbek Soviet Socialist Republic",
        "soviet republic",
        "kb",
        "SU",
    ),
    (
        "SU-KG",
        "Kyrgyz Soviet Socialist Republic",
        "soviet republic",
        "kb",
        "SU",
    ),
];

/// A country for a reference: Kazakhstan or Poland half of the time, as in the real data.
fn country(rng: &mut Rng) -> usize {
    match rng.below(4) {
        0 => 0,
        1 => 1,
        _ => rng.below(COUNTRY_LIST.len()),
    }
}

/// (name, slug) pairs; the names carry Polish and Kazakh letters.
const PL_FIRST: &[(&str, &str)] = &[
    ("Aleksander", "aleksander"),
    ("Małgorzata", "malgorzata"),
    ("Łukasz", "lukasz"),
    ("Zofia", "zofia"),
    ("Wojciech", "wojciech"),
    ("Agnieszka", "agnieszka"),
    ("Grzegorz", "grzegorz"),
    ("Jadwiga", "jadwiga"),
    ("Przemysław", "przemyslaw"),
    ("Katarzyna", "katarzyna"),
];
const PL_LAST: &[(&str, &str)] = &[
    ("Kwaśniewski", "kwasniewski"),
    ("Wiśniewska", "wisniewska"),
    ("Żółkowski", "zolkowski"),
    ("Dąbrowski", "dabrowski"),
    ("Szymańska", "szymanska"),
    ("Kaczyński", "kaczynski"),
    ("Wróbel", "wrobel"),
    ("Łęcka", "lecka"),
    ("Gałązka", "galazka"),
    ("Chmielewski", "chmielewski"),
];
const KZ_FIRST: &[(&str, &str)] = &[
    ("Nursultan", "nursultan"),
    ("Qasym-Jomart", "qasym-jomart"),
    ("Äsem", "asem"),
    ("Aigerim", "aigerim"),
    ("Serik", "serik"),
    ("Gülnar", "gulnar"),
    ("Erlan", "erlan"),
    ("Dinara", "dinara"),
    ("Нұрлан", "nurlan"),
    ("Әлия", "aliya"),
];
const KZ_LAST: &[(&str, &str)] = &[
    ("Nazarbayev", "nazarbayev"),
    ("Tokayev", "tokayev"),
    ("Ömirzaqov", "omirzaqov"),
    ("Sarsenbayeva", "sarsenbayeva"),
    ("Qunanbaiuly", "qunanbaiuly"),
    ("Äbenov", "abenov"),
    ("Жақсыбеков", "zhaksybekov"),
    ("Сағынтаева", "sagyntayeva"),
    ("Ibraýeva", "ibrayeva"),
    ("Tölegenov", "tolegenov"),
];

/// (name, slug, country index)
const CITIES: &[(&str, &str, usize)] = &[
    ("Almaty", "almaty", 0),
    ("Astana", "astana", 0),
    ("Shymkent", "shymkent", 0),
    ("Semey", "semey", 0),
    ("Qostanai", "kostanay", 0),
    ("Pavlodar", "pavlodar", 0),
    ("Petropavl", "petropavl", 0),
    ("Qarağandy", "karagandy", 0),
    ("Aqtöbe", "aktobe", 0),
    ("Öskemen", "oskemen", 0),
    ("Warszawa", "warsaw", 1),
    ("Kraków", "krakow", 1),
    ("Łódź", "lodz", 1),
    ("Wrocław", "wroclaw", 1),
    ("Gdańsk", "gdansk", 1),
    ("Poznań", "poznan", 1),
    ("Białystok", "bialystok", 1),
    ("Rzeszów", "rzeszow", 1),
    ("Zielona Góra", "zielona-gora", 1),
    ("Bielsko-Biała", "bielsko-biala", 1),
];
const PLACE_KINDS: &[&str] = &["city", "settlement", "region"];

const TOPICS: &[&str] = &[
    "economic cooperation",
    "energy and transit",
    "agriculture and food security",
    "higher education",
    "culture and heritage",
    "tourism",
    "logistics, rail and road transport",
    "mining and metallurgy",
    "digital government",
    "health care",
];

// ---------------------------------------------------------------------------------------------
// Entities whose attributes other tables need: each is a pure function of its index.

const T_PERSON: u64 = 1;
const T_PLACE: u64 = 2;
const T_ORG: u64 = 3;
const T_EVENT: u64 = 4;
const T_SENTENCE: u64 = 5;

struct Person {
    id: String,
    name: String,
    country: usize,
}

fn person(run: u64, i: usize) -> Person {
    let mut rng = Rng::keyed(run, T_PERSON, i);
    let polish = rng.percent(50);
    let (first, last) = if polish {
        (rng.pick(PL_FIRST), rng.pick(PL_LAST))
    } else {
        (rng.pick(KZ_FIRST), rng.pick(KZ_LAST))
    };
    let country = if rng.percent(90) {
        usize::from(polish)
    } else {
        country(&mut rng)
    };
    Person {
        id: format!("{}-{}-{i}", first.1, last.1),
        name: format!("{} {}", first.0, last.0),
        country,
    }
}

struct Place {
    id: String,
    name: String,
    kind: &'static str,
    country: usize,
}

fn place(run: u64, i: usize) -> Place {
    let mut rng = Rng::keyed(run, T_PLACE, i);
    let (city, slug, country) = CITIES[i % CITIES.len()];
    if i < CITIES.len() {
        return Place {
            id: slug.to_string(),
            name: city.to_string(),
            kind: "city",
            country,
        };
    }
    let kind = *rng.pick(PLACE_KINDS);
    let name = match kind {
        "region" => format!("{city} region, district {i}"),
        "settlement" => format!("Settlement no {i} near {city}"),
        _ => format!("{city}-{i}"),
    };
    Place {
        id: format!("{slug}-{kind}-{i}"),
        name,
        kind,
        country,
    }
}

/// (kind, name template with {c} for a city)
const ORG_KINDS: &[(&str, &str)] = &[
    ("ministry", "Ministry of Foreign Affairs, {c} office"),
    ("company", "KazPol Trading Company of {c}"),
    (
        "intergovernmental commission",
        "Polish-Kazakh Intergovernmental Commission on {t}",
    ),
    ("airline", "LOT Polish Airlines, {c} branch"),
    (
        "university",
        "Uniwersytet w {c}, Centre for Central Asian Studies",
    ),
    (
        "chamber of commerce",
        "Kazakh-Polish Chamber of Commerce in {c}",
    ),
    (
        "international organization",
        "Organization for {t} in Eurasia",
    ),
    ("army", "Anders' Army, {c} garrison"),
];

struct Org {
    id: String,
    name: String,
    kind: &'static str,
}

fn org(run: u64, i: usize) -> Org {
    let mut rng = Rng::keyed(run, T_ORG, i);
    let (kind, template) = *rng.pick(ORG_KINDS);
    let city = rng.pick(CITIES);
    let topic = *rng.pick(TOPICS);
    let name = template.replace("{c}", city.0).replace("{t}", topic);
    let slug = kind.replace(' ', "-");
    Org {
        id: format!("{slug}-{}-{i}", city.1),
        name,
        kind,
    }
}

const EVENT_KINDS: &[&str] = &[
    "visit",
    "visit",
    "visit",
    "meeting",
    "forum",
    "conference",
    "signing",
    "exhibition",
    "founding",
    "opening",
];

struct Event {
    id: String,
    kind: &'static str,
    /// The city in its id, which its title names too.
    city: &'static str,
}

fn event(run: u64, i: usize) -> Event {
    let mut rng = Rng::keyed(run, T_EVENT, i);
    let kind = *rng.pick(EVENT_KINDS);
    let city = rng.pick(CITIES);
    Event {
        id: format!("{kind}-{}-{i}", city.1),
        kind,
        city: city.0,
    }
}

// ---------------------------------------------------------------------------------------------
// Source texts: sentence `c` (global counter) is a pure function of c and unique in the corpus.

fn sentence(run: u64, c: usize) -> String {
    let mut rng = Rng::keyed(run, T_SENTENCE, c);
    let year = 1936 + rng.below(89);
    let city = rng.pick(CITIES).0;
    let (f1, l1) = (rng.pick(PL_FIRST).0, rng.pick(PL_LAST).0);
    let (f2, l2) = (rng.pick(KZ_FIRST).0, rng.pick(KZ_LAST).0);
    let topic = rng.pick(TOPICS);
    let amount = 10 + rng.below(990);
    match c % 8 {
        0 => format!(
            "In {year}, a delegation led by {f2} {l2} visited {city} to discuss trade, energy and transport, according to report {c}."
        ),
        1 => format!(
            "The joint communiqué number {c}, titled \"Partnership for {topic}\", was signed in {city} by {f1} {l1} and {f2} {l2}."
        ),
        2 => format!(
            "According to the ministry, bilateral trade reached about {amount} million US dollars in {year}, as stated in bulletin {c}."
        ),
        3 => format!(
            "Қазақстан мен Польша арасындағы {c}-хаттамаға {year} жылы {city} қаласында {f2} {l2} қол қойды."
        ),
        4 => format!(
            "Według notatki nr {c} delegacja z miasta {city} spotkała się w {year} roku z przedstawicielami ministerstwa, by omówić {topic}."
        ),
        5 => format!(
            "During the visit of {year}, {f1} {l1} awarded {f2} {l2} the Order of Merit, and speeches on {topic} followed (entry {c})."
        ),
        6 => format!(
            "More than {amount} students from Kazakhstan studied in {city} in {year}, the embassy said in note {c}."
        ),
        _ => format!(
            "Flights between {city} and Astana, operated under the name \"Silk Wings {c}\", resumed in {year} after a pause of {amount} days."
        ),
    }
}

/// The sentences of one source at a time, recomputed when a writer moves to the next source.
struct Sentences {
    run: u64,
    source: usize,
    list: Vec<String>,
}

impl Sentences {
    fn new(run: u64) -> Self {
        Sentences {
            run,
            source: usize::MAX,
            list: Vec::with_capacity(SENTENCES_PER_SOURCE),
        }
    }

    fn get(&mut self, source: usize, k: usize) -> &str {
        if source != self.source {
            self.list.clear();
            for j in 0..SENTENCES_PER_SOURCE {
                self.list
                    .push(sentence(self.run, source * SENTENCES_PER_SOURCE + j));
            }
            self.source = source;
        }
        &self.list[k % SENTENCES_PER_SOURCE]
    }
}

fn source_id(s: usize) -> String {
    format!("bulletin-kz-pl-{s:05}")
}

fn content_file(s: usize) -> String {
    format!("sources/bulletin-kz-pl-{s:05}.txt")
}

/// The source that row `j` of `rows` cites: rows are spread over the sources in runs, as facts
/// taken from one document sit together in real seeds.
fn source_of(j: usize, rows: usize, sources: usize) -> usize {
    ((j as u128 * sources as u128) / rows.max(1) as u128) as usize
}

// ---------------------------------------------------------------------------------------------
// Dates.

fn days_in_month(y: usize, m: usize) -> usize {
    kb::dates::days_in_month(y as i32, m as u32) as usize
}

/// A single date at year, month or day precision.
fn single_date(rng: &mut Rng) -> String {
    let y = 1920 + rng.below(105);
    let m = 1 + rng.below(12);
    match rng.below(10) {
        0..=2 => format!("{y:04}"),
        3..=5 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{:02}", 1 + rng.below(days_in_month(y, m))),
    }
}

/// A date or (one time in five) a range START/END at one precision with END after START.
fn date_or_range(rng: &mut Rng) -> String {
    if !rng.percent(20) {
        return single_date(rng);
    }
    let y = 1920 + rng.below(100);
    match rng.below(3) {
        0 => format!("{y:04}/{:04}", y + 1 + rng.below(4)),
        1 => {
            let m = 1 + rng.below(12);
            let (y2, m2) = if m == 12 {
                (y + 1, 1 + rng.below(3))
            } else {
                (y, m + 1 + rng.below(12 - m))
            };
            format!("{y:04}-{m:02}/{y2:04}-{m2:02}")
        }
        _ => {
            let m = 1 + rng.below(12);
            let dim = days_in_month(y, m);
            let d = 1 + rng.below(dim - 1);
            let d2 = d + 1 + rng.below((dim - d).min(4));
            format!("{y:04}-{m:02}-{d:02}/{y:04}-{m:02}-{d2:02}")
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output.

struct Table {
    file: &'static str,
    path: PathBuf,
    out: csv::Writer<BufWriter<File>>,
    rows: u64,
}

impl Table {
    fn create(dir: &Path, file: &'static str, header: &str) -> io::Result<Table> {
        let path = dir.join(file);
        let mut buffered = BufWriter::with_capacity(1 << 20, File::create(&path)?);
        // The header goes out byte for byte as in the shipped seed.
        buffered.write_all(header.as_bytes())?;
        buffered.write_all(b"\n")?;
        let out = csv::WriterBuilder::new()
            .has_headers(false)
            .buffer_capacity(1 << 16)
            .from_writer(buffered);
        Ok(Table {
            file,
            path,
            out,
            rows: 0,
        })
    }

    fn row(&mut self, fields: &[&str]) -> io::Result<()> {
        self.rows += 1;
        self.out.write_record(fields).map_err(io::Error::other)
    }

    fn finish(self, report: &mut Vec<(String, u64, u64)>) -> io::Result<()> {
        let mut buffered = self.out.into_inner().map_err(|e| e.into_error())?;
        buffered.flush()?;
        drop(buffered);
        let bytes = fs::metadata(&self.path)?.len();
        report.push((self.file.to_string(), self.rows, bytes));
        Ok(())
    }
}

fn opt(on: bool, value: &str) -> &str {
    if on {
        value
    } else {
        ""
    }
}

struct Sizes {
    events: usize,
    sources: usize,
    persons: usize,
    places: usize,
    orgs: usize,
    offices: usize,
    aliases: usize,
    agreements: usize,
    figures: usize,
    missions: usize,
    memberships: usize,
    links: usize,
    decorations: usize,
    awards: usize,
    mentions: usize,
    event_places: usize,
}

impl Sizes {
    fn new(n: usize) -> Sizes {
        let at_least_one = |d: usize| (n / d).max(1);
        let orgs = at_least_one(100);
        Sizes {
            events: n,
            sources: at_least_one(1000),
            persons: at_least_one(10),
            places: at_least_one(20),
            orgs,
            offices: at_least_one(20),
            aliases: at_least_one(20),
            agreements: at_least_one(50),
            figures: at_least_one(20),
            missions: at_least_one(100),
            memberships: at_least_one(200).min(orgs * COUNTRY_LIST.len()),
            links: at_least_one(200),
            decorations: at_least_one(1000),
            awards: at_least_one(100),
            mentions: at_least_one(10).min(n),
            event_places: at_least_one(20).min(n),
        }
    }
}

struct Gen {
    run: u64,
    dir: PathBuf,
    size: Sizes,
    report: Vec<(String, u64, u64)>,
}

impl Gen {
    fn sources(&mut self) -> io::Result<()> {
        fs::create_dir_all(self.dir.join("sources"))?;
        let mut t = Table::create(&self.dir, "sources.csv", SOURCES)?;
        let mut text_bytes = 0;
        for s in 0..self.size.sources {
            let id = source_id(s);
            let file = content_file(s);
            let title = format!("Kazakhstan–Poland relations bulletin no {s}, \"Dialogue\" series");
            let url = format!("https://bulletins.example.org/kz-pl/{s:05}");
            t.row(&[&id, &title, &url, "CC BY-SA 4.0", "en", &file])?;

            let path = self.dir.join(&file);
            let mut out = BufWriter::new(File::create(&path)?);
            writeln!(out, "= Kazakhstan–Poland relations, bulletin {s} =\n")?;
            for j in 0..SENTENCES_PER_SOURCE {
                let text = sentence(self.run, s * SENTENCES_PER_SOURCE + j);
                out.write_all(text.as_bytes())?;
                out.write_all(if j % 8 == 7 { &b"\n\n"[..] } else { &b" "[..] })?;
            }
            out.flush()?;
            drop(out);
            text_bytes += fs::metadata(&path)?.len();
        }
        t.finish(&mut self.report)?;
        self.report.push((
            format!("sources/*.txt ({} files)", self.size.sources),
            self.size.sources as u64,
            text_bytes,
        ));
        Ok(())
    }

    fn countries(&mut self) -> io::Result<()> {
        let mut t = Table::create(&self.dir, "countries.csv", COUNTRIES)?;
        let mut quotes = Sentences::new(self.run);
        for (i, &(code, name, kind, system, part_of)) in COUNTRY_LIST.iter().enumerate() {
            let s = source_of(i, COUNTRY_LIST.len(), self.size.sources);
            let q = quotes.get(s, i);
            t.row(&[code, name, kind, system, part_of, &source_id(s), q])?;
        }
        t.finish(&mut self.report)
    }

    fn places(&mut self) -> io::Result<()> {
        let n = self.size.places;
        let mut t = Table::create(&self.dir, "places.csv", PLACES)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x504c);
        for i in 0..n {
            let p = place(self.run, i);
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[
                &p.id,
                &p.name,
                p.kind,
                COUNTRY_LIST[p.country].0,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    fn persons(&mut self) -> io::Result<()> {
        let n = self.size.persons;
        let mut t = Table::create(&self.dir, "persons.csv", PERSONS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x5045);
        for i in 0..n {
            let p = person(self.run, i);
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[&p.id, &p.name, COUNTRY_LIST[p.country].0, &source_id(s), q])?;
        }
        t.finish(&mut self.report)
    }

    fn organizations(&mut self) -> io::Result<()> {
        let n = self.size.orgs;
        let mut t = Table::create(&self.dir, "organizations.csv", ORGANIZATIONS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4f52);
        for i in 0..n {
            let o = org(self.run, i);
            let code = match o.kind {
                "international organization" | "intergovernmental commission" => "",
                _ => COUNTRY_LIST[country(&mut rng)].0,
            };
            // Some organizations belong to an earlier one, as regiments to an army.
            let parent = if i >= 10 && rng.percent(25) {
                org(self.run, rng.below(i)).id
            } else {
                String::new()
            };
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[&o.id, &o.name, o.kind, code, &parent, &source_id(s), q])?;
        }
        t.finish(&mut self.report)
    }

    fn aliases(&mut self) -> io::Result<()> {
        let n = self.size.aliases;
        let mut t = Table::create(&self.dir, "aliases.csv", ALIASES)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x414c);
        for i in 0..n {
            // Row i names person, place or organization number i / 3: every target is named
            // once, so (alias, target) is unique. There are fewer organizations than i / 3
            // can reach; past them the row gives a person's name in Russian order (surname
            // first), which differs from the Polish spelling of row 3k.
            let k = i / 3;
            let target = if i % 3 == 2 && k >= self.size.orgs {
                3
            } else {
                i % 3
            };
            let (alias, language, kind, person_id, place_id, org_id) = match target {
                0 => {
                    let p = person(self.run, k % self.size.persons);
                    let polish = p
                        .name
                        .replace("sh", "sz")
                        .replace("ch", "cz")
                        .replace('y', "j")
                        .replace("v", "w");
                    (polish, "pl", "spelling", p.id, String::new(), String::new())
                }
                1 => {
                    let p = place(self.run, k % self.size.places);
                    let former = match rng.below(3) {
                        0 => format!("Novo-{}", p.name),
                        1 => format!("{}sk", p.name),
                        _ => format!("Staro{}", p.name.to_lowercase()),
                    };
                    (
                        former,
                        "ru",
                        "former name",
                        String::new(),
                        p.id,
                        String::new(),
                    )
                }
                2 => {
                    let o = org(self.run, k % self.size.orgs);
                    let (native, language) = if rng.percent(50) {
                        (format!("{} (nazwa polska: „{}”)", o.name, o.kind), "pl")
                    } else {
                        (format!("{} — Қазақстан бөлімі", o.name), "kk")
                    };
                    (
                        native,
                        language,
                        "native name",
                        String::new(),
                        String::new(),
                        o.id,
                    )
                }
                _ => {
                    let p = person(self.run, k % self.size.persons);
                    let (first, last) = p.name.split_once(' ').unwrap_or((&p.name, ""));
                    let russian = format!("{last} {first}");
                    (
                        russian,
                        "ru",
                        "spelling",
                        p.id,
                        String::new(),
                        String::new(),
                    )
                }
            };
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[
                &alias,
                language,
                kind,
                &person_id,
                &place_id,
                &org_id,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    fn person_offices(&mut self) -> io::Result<()> {
        const OFFICES: &[&str] = &[
            "President",
            "Prime Minister",
            "Minister of Foreign Affairs",
            "Ambassador",
            "Consul-General",
            "Deputy Minister of Trade",
            "Mayor",
            "Speaker of Parliament",
        ];
        let n = self.size.offices;
        let persons = self.size.persons;
        let mut t = Table::create(&self.dir, "person_offices.csv", PERSON_OFFICES)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4f46);
        for i in 0..n {
            // Person i % persons; on each further pass over the persons the office carries the
            // pass number, so (person_id, office) stays unique.
            let p = person(self.run, i % persons);
            let pass = i / persons;
            let base = *rng.pick(OFFICES);
            let country_name = COUNTRY_LIST[p.country].1;
            let office = if pass == 0 {
                format!("{base} of {country_name}")
            } else {
                format!("{base} of {country_name} (appointment {pass})")
            };
            let ordinal = if rng.percent(30) {
                (1 + rng.below(6)).to_string()
            } else {
                String::new()
            };
            let date = if rng.percent(70) {
                date_or_range(&mut rng)
            } else {
                String::new()
            };
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[
                &p.id,
                &office,
                COUNTRY_LIST[p.country].0,
                &ordinal,
                &date,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    /// The sentence of its source that event `e` (and its participants) quote.
    fn event_sentence(&self, e: usize) -> (usize, usize) {
        let s = source_of(e, self.size.events, self.size.sources);
        let k = (splitmix(self.run ^ e as u64) % SENTENCES_PER_SOURCE as u64) as usize;
        (s, k)
    }

    fn events(&mut self) -> io::Result<()> {
        const VISIT_TYPES: &[(&str, &str)] = &[
            ("state", "State"),
            ("official", "Official"),
            ("working", "Working"),
        ];
        let n = self.size.events;
        let mut t = Table::create(&self.dir, "events.csv", EVENTS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4556);
        for i in 0..n {
            let ev = event(self.run, i);
            let who = person(self.run, rng.below(self.size.persons));
            let with = person(self.run, rng.below(self.size.persons));
            let city = ev.city;
            let topic = rng.pick(TOPICS);
            let to = COUNTRY_LIST[country(&mut rng)];
            let mut visit_type = "";
            let title = match ev.kind {
                "visit" => {
                    let (vt, word) = if rng.percent(75) {
                        *rng.pick(VISIT_TYPES)
                    } else {
                        ("", "")
                    };
                    visit_type = vt;
                    if vt.is_empty() {
                        format!("Visit of {} to {}", who.name, to.1)
                    } else {
                        format!("{word} visit of {} to {}", who.name, to.1)
                    }
                }
                "meeting" => format!("Meeting of {} and {} in {city}", who.name, with.name),
                "forum" => format!("Polish–Kazakh Economic Forum in {city}, session {i}"),
                "conference" => format!("Conference \"{topic}\" in {city}"),
                "signing" => format!("Signing of the agreement on {topic} in {city}"),
                "exhibition" => format!("Exhibition of Kazakh art „Dala” in {city}"),
                "founding" => format!("Founding of the Polish–Kazakh council on {topic}"),
                _ => format!("Opening of the consulate-general in {city}"),
            };
            let summary = if rng.percent(70) {
                format!(
                    "Talks with {} covered {topic}, trade and transport; both sides signed the memorandum \"{city} {i}\" and agreed to meet again next year.",
                    with.name
                )
            } else {
                format!(
                    "Rozmowy w mieście {city} dotyczyły współpracy gospodarczej, a delegacja ({}) podpisała memorandum „{topic}”; Қазақстан тарапы келісті.",
                    with.name
                )
            };
            let date = if rng.percent(90) {
                date_or_range(&mut rng)
            } else {
                String::new()
            };
            let qualifier = if !date.is_empty() && rng.percent(10) {
                *rng.pick(&["early", "during"])
            } else {
                ""
            };
            let code = opt(rng.percent(80), to.0);
            let place_id = if rng.percent(60) {
                place(self.run, rng.below(self.size.places)).id
            } else {
                String::new()
            };
            let parent = if i > 0 && rng.percent(10) {
                event(self.run, i - 1 - rng.below(i.min(50))).id
            } else {
                String::new()
            };
            let (s, k) = self.event_sentence(i);
            let q = quotes.get(s, k);
            t.row(&[
                &ev.id,
                ev.kind,
                visit_type,
                &title,
                &date,
                qualifier,
                code,
                &place_id,
                &parent,
                &summary,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    fn event_participants(&mut self) -> io::Result<()> {
        let n = self.size.events;
        let mut t = Table::create(&self.dir, "event_participants.csv", EVENT_PARTICIPANTS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4550);
        for e in 0..n {
            let ev = event(self.run, e);
            let (s, k) = self.event_sentence(e);
            let sid = source_id(s);
            // Two to four participants, each with its own role, so the UNIQUE rule holds.
            let count = 2 + rng.below(3);
            for slot in 0..count {
                let (role, person_id, code, org_id) = match slot {
                    0 => (
                        "host",
                        String::new(),
                        COUNTRY_LIST[country(&mut rng)].0,
                        String::new(),
                    ),
                    1 => (
                        if ev.kind == "visit" {
                            "visitor"
                        } else {
                            "speaker"
                        },
                        person(self.run, rng.below(self.size.persons)).id,
                        "",
                        String::new(),
                    ),
                    2 => (
                        if ev.kind == "founding" {
                            "founded"
                        } else {
                            "delegation"
                        },
                        String::new(),
                        "",
                        org(self.run, rng.below(self.size.orgs)).id,
                    ),
                    _ => (
                        "observer",
                        String::new(),
                        COUNTRY_LIST[country(&mut rng)].0,
                        String::new(),
                    ),
                };
                let q = quotes.get(s, k);
                t.row(&[&ev.id, role, &person_id, code, &org_id, &sid, q])?;
            }
        }
        t.finish(&mut self.report)
    }

    fn event_places(&mut self) -> io::Result<()> {
        let n = self.size.event_places;
        let events = self.size.events;
        let mut t = Table::create(&self.dir, "event_places.csv", EVENT_PLACES)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x0045_504c);
        for i in 0..n {
            // Distinct events, so (event_id, role, place_id, country_code) is unique.
            let e = i * events / n;
            let (s, k) = self.event_sentence(e);
            let role = *rng.pick(&["origin", "destination"]);
            let (place_id, code) = if rng.percent(70) {
                (place(self.run, rng.below(self.size.places)).id, "")
            } else {
                (String::new(), COUNTRY_LIST[country(&mut rng)].0)
            };
            let q = quotes.get(s, k);
            t.row(&[
                &event(self.run, e).id,
                role,
                &place_id,
                code,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    fn event_mentions(&mut self) -> io::Result<()> {
        let n = self.size.mentions;
        let events = self.size.events;
        let mut t = Table::create(&self.dir, "event_mentions.csv", EVENT_MENTIONS)?;
        let mut quotes = Sentences::new(self.run);
        for i in 0..n {
            // A second sentence of the event's source speaks of it; events are distinct.
            let e = i * events / n;
            let (s, k) = self.event_sentence(e);
            let q = quotes.get(s, k + 1);
            t.row(&[&event(self.run, e).id, &source_id(s), q])?;
        }
        t.finish(&mut self.report)
    }

    fn agreements(&mut self) -> io::Result<()> {
        const DOMAINS: &[&str] = &[
            "economy",
            "taxation",
            "agriculture",
            "tourism",
            "culture",
            "education",
            "transport",
            "energy",
            "defense",
            "",
        ];
        let n = self.size.agreements;
        let mut t = Table::create(&self.dir, "agreements.csv", AGREEMENTS)?;
        let mut parties = Table::create(&self.dir, "agreement_parties.csv", AGREEMENT_PARTIES)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4147);
        for i in 0..n {
            let domain = *rng.pick(DOMAINS);
            let id = format!("{}-agreement-{i}", opt(!domain.is_empty(), domain));
            let id = id.trim_start_matches('-').to_string();
            let topic = if domain.is_empty() {
                rng.pick(TOPICS)
            } else {
                domain
            };
            let city = rng.pick(CITIES).0;
            let title = format!("Agreement on cooperation in {topic}, signed in {city} (no {i})");
            let date = if rng.percent(85) {
                single_date(&mut rng)
            } else {
                String::new()
            };
            let s = source_of(i, n, self.size.sources);
            let sid = source_id(s);
            let k = rng.below(SENTENCES_PER_SOURCE);
            let q = quotes.get(s, k).to_string();
            t.row(&[&id, &title, domain, &date, &sid, &q])?;
            // Two different parties: Kazakhstan or Poland and another country.
            let first = rng.below(2);
            let mut second = country(&mut rng);
            if second == first {
                second = 1 - first;
            }
            for c in [first, second] {
                parties.row(&[&id, COUNTRY_LIST[c].0, &sid, &q])?;
            }
        }
        t.finish(&mut self.report)?;
        parties.finish(&mut self.report)
    }

    fn figures(&mut self) -> io::Result<()> {
        const METRICS: &[(&str, &str, &str)] = &[
            (
                "trade_turnover",
                "Trade turnover between Kazakhstan and Poland",
                "USD",
            ),
            (
                "companies_operating",
                "Polish businesses operating in Kazakhstan",
                "companies",
            ),
            (
                "investment",
                "Investment by Polish businesses in Kazakhstan",
                "USD",
            ),
            ("exports", "Exports from Poland to Kazakhstan", "USD"),
            (
                "students",
                "Kazakhstani students at Polish universities",
                "persons",
            ),
            ("population", "Ethnic Poles living in Kazakhstan", "persons"),
            (
                "grain_exports",
                "Grain shipped from Qostanai to Gdańsk",
                "tonnes",
            ),
        ];
        const QUALIFIERS: &[&str] = &["", "", "more than", "over", "about", "nearly"];
        let n = self.size.figures;
        let mut t = Table::create(&self.dir, "figures.csv", FIGURES)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4649);
        for i in 0..n {
            let (metric, subject, unit) = *rng.pick(METRICS);
            let id = format!("{}-{i}", metric.replace('_', "-"));
            let value = if rng.percent(80) {
                (1 + rng.below(5_000_000) * 1000).to_string()
            } else {
                format!("{}.{}", rng.below(1000), 1 + rng.below(9))
            };
            let subject = format!("{subject}, {}", rng.pick(CITIES).0);
            let date = if rng.percent(80) {
                date_or_range(&mut rng)
            } else {
                String::new()
            };
            let code = if rng.percent(40) {
                COUNTRY_LIST[country(&mut rng)].0
            } else {
                ""
            };
            let event_id = if rng.percent(20) {
                event(self.run, rng.below(self.size.events)).id
            } else {
                String::new()
            };
            let attributed = *rng.pick(&[
                "",
                "",
                "Soviet data",
                "Statistics Poland (GUS)",
                "Bureau of National Statistics, Kazakhstan",
            ]);
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[
                &id,
                metric,
                &subject,
                &value,
                unit,
                *rng.pick(QUALIFIERS),
                &date,
                code,
                &event_id,
                attributed,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    fn missions(&mut self) -> io::Result<()> {
        const KINDS: &[&str] = &["embassy", "consulate-general", "diplomatic post"];
        let n = self.size.missions;
        let mut t = Table::create(&self.dir, "missions.csv", MISSIONS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4d49);
        for i in 0..n {
            let kind = *rng.pick(KINDS);
            let p = place(self.run, rng.below(self.size.places));
            let host = p.country;
            let sending = if host == 0 { 1 } else { 0 };
            let established = if rng.percent(50) {
                event(self.run, rng.below(self.size.events)).id
            } else {
                String::new()
            };
            let id = format!("{}-{}-{i}", kind.replace(' ', "-"), p.id);
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[
                &id,
                kind,
                COUNTRY_LIST[sending].0,
                COUNTRY_LIST[host].0,
                &p.id,
                &established,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    fn memberships(&mut self) -> io::Result<()> {
        let n = self.size.memberships;
        let orgs = self.size.orgs;
        let mut t = Table::create(&self.dir, "memberships.csv", MEMBERSHIPS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4d45);
        for i in 0..n {
            // For one organization the country moves on each pass: (country, org) is unique.
            let o = i % orgs;
            let c = (o + i / orgs) % COUNTRY_LIST.len();
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[COUNTRY_LIST[c].0, &org(self.run, o).id, &source_id(s), q])?;
        }
        t.finish(&mut self.report)
    }

    fn transport_links(&mut self) -> io::Result<()> {
        const MODES: &[&str] = &["air", "rail", "road", "sea"];
        let n = self.size.links;
        let places = self.size.places;
        let mut t = Table::create(&self.dir, "transport_links.csv", TRANSPORT_LINKS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x544c);
        for i in 0..n {
            let mode = *rng.pick(MODES);
            let a = rng.below(places);
            let b = if places > 1 {
                (a + 1 + rng.below(places - 1)) % places
            } else {
                a
            };
            let (from, to) = (place(self.run, a), place(self.run, b));
            let operator = if rng.percent(70) {
                org(self.run, rng.below(self.size.orgs)).id
            } else {
                String::new()
            };
            let id = format!("{mode}-{}-{}-{i}", from.id, to.id);
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[&id, mode, &operator, &from.id, &to.id, &source_id(s), q])?;
        }
        t.finish(&mut self.report)
    }

    fn decoration(&self, i: usize) -> (String, String, usize) {
        const ORDERS: &[(&str, &str, usize)] = &[
            ("Order of the White Eagle", "order-of-the-white-eagle", 1),
            ("Order of Friendship", "order-of-friendship", 0),
            (
                "Order of Polonia Restituta",
                "order-of-polonia-restituta",
                1,
            ),
            ("Order of Parasat", "order-of-parasat", 0),
            ("Order of Dostyq", "order-of-dostyq", 0),
            ("Cross of Merit", "cross-of-merit", 1),
        ];
        let (name, slug, c) = ORDERS[i % ORDERS.len()];
        let class = i / ORDERS.len() + 1;
        (
            format!("{slug}-class-{class}"),
            format!("{name}, class {class}"),
            c,
        )
    }

    fn decorations(&mut self) -> io::Result<()> {
        let n = self.size.decorations;
        let mut t = Table::create(&self.dir, "decorations.csv", DECORATIONS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4445);
        for i in 0..n {
            let (id, name, c) = self.decoration(i);
            let description = if rng.percent(60) {
                format!(
                    "{}’s state decoration, conferred for \"outstanding merit\" in {}",
                    COUNTRY_LIST[c].1,
                    rng.pick(TOPICS)
                )
            } else {
                String::new()
            };
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[
                &id,
                &name,
                COUNTRY_LIST[c].0,
                &description,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }

    fn decoration_awards(&mut self) -> io::Result<()> {
        let n = self.size.awards;
        let persons = self.size.persons;
        let mut t = Table::create(&self.dir, "decoration_awards.csv", DECORATION_AWARDS)?;
        let mut quotes = Sentences::new(self.run);
        let mut rng = Rng::new(self.run ^ 0x4441);
        for i in 0..n {
            // Recipient i (mod persons) and, past the persons, another decoration: unique.
            let (decoration_id, _, _) = self.decoration((i + i / persons) % self.size.decorations);
            let recipient = person(self.run, i % persons).id;
            let conferrer = if rng.percent(70) && persons > 1 {
                person(self.run, (i + 1) % persons).id
            } else {
                String::new()
            };
            let event_id = if rng.percent(80) {
                event(self.run, i % self.size.events).id
            } else {
                String::new()
            };
            let s = source_of(i, n, self.size.sources);
            let q = quotes.get(s, rng.below(SENTENCES_PER_SOURCE));
            t.row(&[
                &decoration_id,
                &recipient,
                &conferrer,
                &event_id,
                &source_id(s),
                q,
            ])?;
        }
        t.finish(&mut self.report)
    }
}

/// Fails when a header here no longer matches the shipped seed (the generator is stale).
fn check_headers_against_shipped_seed() -> Result<(), String> {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seed");
    if let Ok(entries) = fs::read_dir(&seed) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".csv") && !HEADERS.iter().any(|(file, _)| *file == name) {
                return Err(format!(
                    "the shipped seed has seed/{name}, which gen_corpus does not write; \
                     update examples/gen_corpus.rs"
                ));
            }
        }
    }
    for (file, header) in HEADERS {
        let Ok(text) = fs::read_to_string(seed.join(file)) else {
            continue; // not run from the repository: nothing to compare with
        };
        let shipped = text.lines().next().unwrap_or_default();
        if shipped != *header {
            return Err(format!(
                "seed/{file} has the header '{shipped}', but gen_corpus writes '{header}'; \
                 update examples/gen_corpus.rs"
            ));
        }
    }
    Ok(())
}

const USAGE: &str = "usage: gen_corpus [--events N] [--rng-seed S] DIR";

fn parse_args() -> Result<(usize, u64, PathBuf), String> {
    let mut events = 1_000_000usize;
    let mut run = 1u64;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--events" => {
                events = value("--events")?
                    .replace('_', "")
                    .parse()
                    .map_err(|_| "--events takes a whole number".to_string())?;
            }
            "--rng-seed" => {
                run = value("--rng-seed")?
                    .parse()
                    .map_err(|_| "--rng-seed takes a whole number".to_string())?;
            }
            "-h" | "--help" => return Err(String::new()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if events == 0 {
        return Err("--events must be at least 1".into());
    }
    let dir = dir.ok_or("missing DIR")?;
    Ok((events, run, dir))
}

fn generate(events: usize, run: u64, dir: &Path) -> io::Result<Vec<(String, u64, u64)>> {
    fs::create_dir_all(dir)?;
    let mut g = Gen {
        run,
        dir: dir.to_path_buf(),
        size: Sizes::new(events),
        report: Vec::new(),
    };
    g.sources()?;
    g.countries()?;
    g.places()?;
    g.persons()?;
    g.organizations()?;
    g.aliases()?;
    g.person_offices()?;
    g.events()?;
    g.event_participants()?;
    g.event_places()?;
    g.event_mentions()?;
    g.agreements()?;
    g.figures()?;
    g.missions()?;
    g.memberships()?;
    g.transport_links()?;
    g.decorations()?;
    g.decoration_awards()?;
    g.value_notes()?;
    g.vocabularies()?;
    g.descriptor(events)?;
    Ok(g.report)
}

/// The extra fields of a term (after the term, before its description).
type Extra = fn(&str) -> String;
/// The generated columns (file, column) that use a vocabulary's terms.
type Uses = &'static [(&'static str, &'static str)];
/// Each vocabulary: its file and header, the columns that use its terms, and its extra fields.
const VOCABULARIES: &[(&str, &str, Uses, Extra)] = &[
    (
        "country_kinds.csv",
        "term,description",
        &[("countries.csv", "kind")],
        no_extra,
    ),
    (
        "place_kinds.csv",
        "term,description",
        &[("places.csv", "kind")],
        no_extra,
    ),
    (
        "organization_kinds.csv",
        "term,report,topic,description",
        &[("organizations.csv", "kind")],
        organization_kind,
    ),
    (
        "alias_kinds.csv",
        "term,description",
        &[("aliases.csv", "alias_kind")],
        no_extra,
    ),
    (
        "event_kinds.csv",
        "term,lane,report,description",
        &[("events.csv", "kind")],
        event_kind,
    ),
    (
        "visit_types.csv",
        "term,description",
        &[("events.csv", "visit_type")],
        no_extra,
    ),
    (
        "date_qualifiers.csv",
        "term,description",
        &[("events.csv", "date_qualifier")],
        no_extra,
    ),
    (
        "roles.csv",
        "term,description",
        &[
            ("event_participants.csv", "role"),
            ("event_places.csv", "role"),
        ],
        no_extra,
    ),
    (
        "agreement_domains.csv",
        "term,report,description",
        &[("agreements.csv", "domain")],
        agreement_domain,
    ),
    (
        "metrics.csv",
        "term,lane,report,topic,description",
        &[("figures.csv", "metric")],
        metric,
    ),
    (
        "units.csv",
        "term,description",
        &[("figures.csv", "unit")],
        no_extra,
    ),
    (
        "figure_qualifiers.csv",
        "term,description",
        &[("figures.csv", "qualifier")],
        no_extra,
    ),
    (
        "mission_kinds.csv",
        "term,description",
        &[("missions.csv", "kind")],
        no_extra,
    ),
];

fn no_extra(_: &str) -> String {
    String::new()
}

fn organization_kind(term: &str) -> String {
    if term.contains("commission") {
        "trade,commission,".into()
    } else {
        ",,".into()
    }
}

fn event_kind(term: &str) -> String {
    match term {
        "visit" => "visits,visits,".into(),
        "forum" => "economy,trade,".into(),
        "founding" => "economy,,".into(),
        _ => "diplomacy,,".into(),
    }
}

fn agreement_domain(term: &str) -> String {
    match term {
        "economy" | "taxation" | "agriculture" | "tourism" | "energy" | "transport" => {
            "trade,".into()
        }
        "education" => "education,".into(),
        _ => ",".into(),
    }
}

fn metric(term: &str) -> String {
    match term {
        "trade_turnover" => "economy,trade,trade,".into(),
        "companies_operating" => "economy,trade,companies,".into(),
        "investment" => "economy,trade,investment,".into(),
        t if t.contains("rank") => "education,education,,".into(),
        _ => "history,history,,".into(),
    }
}

impl Gen {
    /// The vocabularies: kb's six timeline lanes, and every term the generated rows use, read
    /// back from the files written, in the order they first appear.
    fn vocabularies(&mut self) -> io::Result<()> {
        fs::write(
            self.dir.join("lanes.csv"),
            "term,description\nhistory,History.\ndiplomacy,Diplomacy.\nvisits,Visits.\n\
             agreements,Agreements.\neconomy,Economy.\neducation,Education.\n",
        )?;
        for (file, header, uses, extra) in VOCABULARIES {
            let mut terms: Vec<String> = Vec::new();
            for (csv_file, column) in *uses {
                let mut reader = csv::Reader::from_path(self.dir.join(csv_file))?;
                let at = reader
                    .headers()?
                    .iter()
                    .position(|h| h == *column)
                    .expect("the column is in the header");
                for record in reader.records() {
                    let term = record?.get(at).unwrap_or_default().to_string();
                    if !term.is_empty() && !terms.contains(&term) {
                        terms.push(term);
                    }
                }
            }
            let mut text = format!("{header}\n");
            for term in terms {
                text.push_str(&format!(
                    "{term},{}A term of the generated corpus.\n",
                    extra(&term)
                ));
            }
            fs::write(self.dir.join(file), text)?;
        }
        Ok(())
    }

    /// value_notes.csv, with its header only: every value the corpus holds is stated by its
    /// row's own sentence.
    fn value_notes(&mut self) -> io::Result<()> {
        fs::write(self.dir.join("value_notes.csv"), format!("{VALUE_NOTES}\n"))
    }

    /// datapackage.json: the shipped seed's descriptor (same tables, so the same resources)
    /// under the corpus's own name and title.
    fn descriptor(&mut self, events: usize) -> io::Result<()> {
        let mut descriptor: serde_json::Value =
            serde_json::from_str(include_str!("../seed/datapackage.json"))
                .map_err(io::Error::other)?;
        descriptor["name"] = format!("benchmark-corpus-{events}").into();
        descriptor["title"] = format!("Benchmark corpus of {events} events").into();
        descriptor["description"] =
            "Generated by examples/gen_corpus.rs for kb's benchmarks; not real facts.".into();
        let text = serde_json::to_string_pretty(&descriptor).map_err(io::Error::other)? + "\n";
        fs::write(self.dir.join("datapackage.json"), text)
    }
}

fn main() -> ExitCode {
    let (events, run, dir) = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("gen_corpus: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Err(message) = check_headers_against_shipped_seed() {
        eprintln!("gen_corpus: {message}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let report = match generate(events, run, &dir) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("gen_corpus: writing {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "corpus: {} (--events {events}, --rng-seed {run})",
        dir.display()
    );
    let (mut rows, mut bytes) = (0, 0);
    for (file, n, b) in &report {
        println!("  {file:<28} {n:>10} rows {b:>14} bytes");
        if file.ends_with(".csv") {
            rows += n;
        }
        bytes += b;
    }
    println!(
        "  {:<28} {rows:>10} rows {bytes:>14} bytes",
        "total (CSV rows)"
    );
    println!(
        "written in {seconds:.2} s ({:.1} MB/s)",
        bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    ExitCode::SUCCESS
}
