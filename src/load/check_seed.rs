//! Checking a whole seed in one run, in a scratch database, so that every problem is found.

use super::*;

/// The most problems of one kind `check_seed` locates: each reference is found in its file
/// by reading it again, which a seed with thousands of broken references would make slow.
pub(super) const MOST_LOCATED: usize = 1_000;

/// Every problem of a seed, found in one run without writing any knowledge base: the seed is
/// loaded into a scratch database (a temporary file SQLite deletes when it is closed) that
/// keeps all its rules in place, a row's problem is noted and the next row read, references
/// are checked against the rows that did load, and a file that cannot be read at all (a
/// wrong header, a NUL byte) stops that file only. Sorted by file and line; empty when the
/// seed would load.
pub fn check_seed(seed: &Seed) -> Result<Vec<Error>> {
    let mut problems = Vec::new();
    if let Err(problem) = seed.check_exists() {
        return Ok(vec![problem]);
    }
    problems.extend(seed.check_no_stray_files().err());
    problems.extend(datapackage::read(seed).err());
    let (sources, _) = match seed::read_all::<seed::Source>(seed) {
        Ok(read) => read,
        Err(problem) => {
            problems.push(problem);
            return Ok(sorted(problems));
        }
    };
    // The sources' texts are what every quote is checked against: without them, every row
    // would be wrong.
    if let Err(problem) = seed::check_sources(seed, &sources) {
        problems.push(problem);
        return Ok(sorted(problems));
    }
    let mut scratch = Connection::open("")?;
    db::migrate(&mut scratch)?;
    scratch.pragma_update(None, "foreign_keys", false)?;
    let tx = scratch.transaction()?;
    for table in tables().rev() {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    for (name, _) in search_triggers(&tx)? {
        tx.execute(&format!("DROP TRIGGER \"{name}\""), [])?;
    }
    let mut progress = |_| {};
    let mut loading = Loading::checking(seed, &mut progress);
    if let Err(problem) = load_sources(&tx, &mut loading, &sources) {
        problems.push(problem);
        return Ok(sorted(problems));
    }
    for table in &LOAD_ORDER {
        (table.load)(&mut loading, &tx)?;
    }
    problems.extend(loading.problems.take().unwrap_or_default());
    let excused = |parent: &str, value: &str| {
        loading.unreadable.contains(&parent)
            || loading
                .skipped
                .iter()
                .any(|(table, key)| *table == parent && key == value)
    };
    problems.extend(broken_references(&tx, seed, MOST_LOCATED, &excused)?);
    problems.extend(notes_without_rows(&tx, seed, &excused)?);
    for hierarchy in &HIERARCHIES {
        problems.extend(check_no_cycle(&tx, seed, hierarchy).err());
    }
    Ok(sorted(problems))
}

impl<'a> Loading<'a> {
    /// A load that notes each problem and goes on, leaving references and CHECK rules to
    /// SQLite.
    pub(super) fn checking(seed: &'a Seed, progress: &'a mut dyn FnMut(Progress)) -> Self {
        Loading {
            seed,
            texts: HashMap::new(),
            quotes: VerifiedQuotes::new(),
            digests: Vec::new(),
            progress,
            bytes_before: 0,
            bytes_total: 0,
            rows: Vec::new(),
            problems: Some(Vec::new()),
            unreadable: Vec::new(),
            skipped: HashSet::new(),
            keys: None,
            rules: None,
            give_way: GiveWay::default(),
            fed_digests: HashMap::new(),
        }
    }
}

/// Problems in the order of the seed's files (sources.csv first, as loaded) and their lines,
/// each once.
fn sorted(mut problems: Vec<Error>) -> Vec<Error> {
    let file_rank = |problem: &Error| -> (usize, u64, String) {
        let location = problem.location();
        let file = location.map(|l| l.file.as_str()).unwrap_or("");
        let rank = seed::TABLES
            .iter()
            .position(|t| file.ends_with(t.file))
            .unwrap_or(usize::MAX);
        let line = location.and_then(|l| l.line).unwrap_or(0);
        (rank, line, problem.to_string())
    };
    problems.sort_by_cached_key(file_rank);
    problems.dedup_by(|a, b| a.to_string() == b.to_string());
    problems
}
