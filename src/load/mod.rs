//! Loading a seed into the knowledge base: one transaction that replaces every data table,
//! checks quotes against their sources and references between rows, and is skipped when the
//! seed is the one already loaded.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest, Sha256};

use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{named_params, Connection, ErrorCode, OptionalExtension, Statement, Transaction};

use crate::citing;
use crate::datapackage::{self, DataSet};
use crate::db::{self, BulkWrite};
use crate::error::{Error, Location, Result};
use crate::search_index::{self, AddEntry, Entry, GiveWay, Indexed};
use crate::seed::{self, Column, Number, RecordReader, RowReader, Seed, SeedRow};

mod check_seed;
mod keys;
mod quotes;
mod references;
mod rows;
mod rules;
mod stored;

pub use check_seed::check_seed;
use keys::{KnownKeys, TableKeys};
use quotes::*;
use references::*;
use rows::*;
use rules::{SeedRules, TableRules};
use stored::{FedDigest, StoredRow};

/// The data tables in the order they are loaded; they are emptied in reverse.
pub fn tables() -> impl DoubleEndedIterator<Item = &'static str> {
    seed::TABLES.iter().map(|t| t.table)
}

/// What a load did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    pub seed_sha256: String,
    /// False when the file already held exactly this seed and nothing was written.
    pub loaded: bool,
    /// Rows per table, in load order.
    pub rows: Vec<(&'static str, u64)>,
    /// Wall time of each step of the load, in order (empty when nothing was loaded).
    pub steps: Vec<(String, Duration)>,
    /// Tables whose rows were changed in the file since the seed was last loaded, which is
    /// why the same seed was loaded again.
    pub edited: Vec<&'static str>,
}

/// How far a load has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub step: Step,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// What a load is doing; shown as `kb init --timings` names its steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading, checking and inserting the rows of this table.
    Rows(&'static str),
    /// One of the steps once the rows are in: a third of a large load, with no bytes left to
    /// count.
    Finishing(&'static str),
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Rows(table) => write!(f, "load {table}"),
            Step::Finishing(step) => f.write_str(step),
        }
    }
}

/// Everything a load needs while it goes from table to table.
struct Loading<'a> {
    seed: &'a Seed,
    texts: HashMap<String, String>,
    quotes: VerifiedQuotes,
    digests: Vec<(String, [u8; 32])>,
    progress: &'a mut dyn FnMut(Progress),
    bytes_before: u64,
    bytes_total: u64,
    rows: Vec<(&'static str, u64)>,
    /// Every problem met, when the load checks a seed and goes on past them (`check_seed`);
    /// None when the first problem stops the load.
    problems: Option<Vec<Error>>,
    /// Tables whose file could not be read (in whole or in part), and rows (table, id) that
    /// could not be read: references to them are their file's problem, not the referrer's.
    unreadable: Vec<&'static str>,
    skipped: HashSet<(&'static str, String)>,
    /// The keys rows refer to, for checking references as rows are read; None when SQLite
    /// checks them all once the rows are in (a seed being checked).
    keys: Option<KnownKeys>,
    /// The tables' CHECK rules, when kb evaluates them itself and SQLite's evaluation is off.
    rules: Option<SeedRules>,
    /// Tells the search index, built meanwhile, when the load leaves it a core.
    give_way: GiveWay,
    /// The digest of each table's rows, made as they were inserted.
    fed_digests: HashMap<&'static str, (i64, String)>,
}

/// A data table's file, how to load it, and how to read its entries in the search index.
struct Table {
    file: &'static str,
    load: fn(&mut Loading<'_>, &Transaction<'_>) -> Result<()>,
    index: fn(&Seed, &mut AddEntry<'_>) -> Result<Option<FileDigest>>,
}

/// A seed file's name and the SHA-256 of what was read of it.
type FileDigest = (String, [u8; 32]);

impl Table {
    const fn of<T: Insert + Send>() -> Table {
        Table {
            file: T::FILE,
            load: |loading, tx| loading.table::<T>(tx),
            index: index_file::<T>,
        }
    }
}

/// The data tables after sources, in load order.
const LOAD_ORDER: [Table; 33] = [
    Table::of::<seed::Lane>(),
    Table::of::<seed::CountryKind>(),
    Table::of::<seed::PlaceKind>(),
    Table::of::<seed::OrganizationKind>(),
    Table::of::<seed::AliasKind>(),
    Table::of::<seed::EventKind>(),
    Table::of::<seed::VisitType>(),
    Table::of::<seed::DateQualifier>(),
    Table::of::<seed::Role>(),
    Table::of::<seed::AgreementDomain>(),
    Table::of::<seed::Metric>(),
    Table::of::<seed::Unit>(),
    Table::of::<seed::FigureQualifier>(),
    Table::of::<seed::MissionKind>(),
    Table::of::<seed::Country>(),
    Table::of::<seed::Place>(),
    Table::of::<seed::Person>(),
    Table::of::<seed::Organization>(),
    Table::of::<seed::Alias>(),
    Table::of::<seed::PersonOffice>(),
    Table::of::<seed::Event>(),
    Table::of::<seed::EventParticipant>(),
    Table::of::<seed::EventPlace>(),
    Table::of::<seed::EventMention>(),
    Table::of::<seed::Agreement>(),
    Table::of::<seed::AgreementParty>(),
    Table::of::<seed::Figure>(),
    Table::of::<seed::Mission>(),
    Table::of::<seed::Membership>(),
    Table::of::<seed::TransportLink>(),
    Table::of::<seed::Decoration>(),
    Table::of::<seed::DecorationAward>(),
    Table::of::<seed::ValueNote>(),
];

/// Makes the data tables hold exactly `seed`, in one transaction: on any error nothing changes.
/// A seed identical to the one last loaded is not loaded again.
pub fn load_seed(
    conn: &mut Connection,
    seed: &Seed,
    mode: BulkWrite,
    progress: &mut dyn FnMut(Progress),
) -> Result<LoadSummary> {
    seed.check_exists()?;
    seed.check_no_stray_files()?;
    let (sources, sources_digest) = seed::read_all::<seed::Source>(seed)?;
    seed::check_sources(seed, &sources)?;
    let data_set = datapackage::read(seed)?;
    let mut edited = Vec::new();
    if let Some(loaded) = loaded_seed_digest(conn)? {
        let seed_sha256 = seed_digest(seed, &sources)?;
        if seed_sha256 == loaded {
            edited = crate::content::changed_tables(conn)?;
            if edited.is_empty() {
                return Ok(LoadSummary {
                    seed_sha256,
                    loaded: false,
                    rows: row_counts(conn)?,
                    steps: Vec::new(),
                    edited,
                });
            }
        }
    }
    // References are checked in one pass once all rows are in (so files may refer forward),
    // which is cheaper than checking each insert; the pragma only takes effect outside a
    // transaction, and is restored whatever happens.
    conn.pragma_update(None, "foreign_keys", false)?;
    db::begin_bulk_write(conn, mode)?;
    let result = load_in_transaction(conn, seed, sources, sources_digest, data_set, progress);
    conn.pragma_update(None, "foreign_keys", true)?;
    result.map(|summary| LoadSummary { edited, ..summary })
}

/// The digest of the seed the file holds, if one was loaded.
fn loaded_seed_digest(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT seed_sha256 FROM seed_state WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The digest a load of `seed` records: every seed file and source text, and kb's version.
fn seed_digest(seed: &Seed, sources: &[(u64, seed::Source)]) -> Result<String> {
    let mut files: Vec<String> = seed::TABLES.iter().map(|t| t.file.to_string()).collect();
    files.push(datapackage::FILE.to_string());
    files.extend(sources.iter().map(|(_, s)| s.content_file.clone()));
    Ok(with_version(seed::digest(seed, &files)?))
}

/// How `seed_state.seed_origin` names a seed.
fn origin(seed: &Seed) -> String {
    match seed {
        Seed::Embedded => BUILT_IN.to_string(),
        Seed::Folder(dir) => std::fs::canonicalize(dir)
            .unwrap_or_else(|_| dir.clone())
            .display()
            .to_string(),
    }
}

/// `seed_state.seed_origin` of the seed built into kb.
const BUILT_IN: &str = "built-in";

/// Refuses to replace facts loaded from a seed folder with the seed built into kb: a bare
/// `kb init` must not silently undo a researcher's own seed. A file loaded before kb
/// recorded origins is judged by its digest.
pub fn check_not_replacing_another_seed(conn: &Connection, seed: &Seed) -> Result<()> {
    if !matches!(seed, Seed::Embedded) || !db::has_history(conn)? {
        return Ok(());
    }
    let Some(loaded) = loaded_seed_digest(conn)? else {
        return Ok(());
    };
    let has_origin: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('seed_state') WHERE name = 'seed_origin')",
        [],
        |r| r.get(0),
    )?;
    let stored: Option<String> = if has_origin {
        conn.query_row("SELECT seed_origin FROM seed_state WHERE id = 1", [], |r| {
            r.get(0)
        })?
    } else {
        None
    };
    let from = match stored.as_deref() {
        Some(BUILT_IN) => return Ok(()),
        Some(folder) => format!("the seed folder {folder}"),
        None => {
            let (sources, _) = seed::read_all::<seed::Source>(seed)?;
            if seed_digest(seed, &sources)? == loaded {
                return Ok(());
            }
            "a seed other than the one built into kb".to_string()
        }
    };
    Err(Error::Refused(format!(
        "{} holds facts loaded from {from}; `kb init` without --seed would replace them with \
         the seed built into kb: give --seed DIR to load a folder, or --force to replace them",
        db::file_name(conn)
    )))
}

fn load_in_transaction(
    conn: &mut Connection,
    seed: &Seed,
    sources: Vec<(u64, seed::Source)>,
    sources_digest: [u8; 32],
    (data_set, data_set_digest): (DataSet, [u8; 32]),
    progress: &mut dyn FnMut(Progress),
) -> Result<LoadSummary> {
    let mut steps = StepTimer::start();
    let mut bytes_total = 0;
    for spec in seed::TABLES {
        bytes_total += seed.size(spec.file)?;
    }
    let tx = conn.transaction()?;
    // The search triggers go first: emptying the tables with them would take each row's
    // entry out of an index that is about to be replaced anyway.
    let set_aside = SetAside::drop(&tx)?;
    empty_the_tables(&tx, &data_set)?;

    let indexed_seed = seed.clone();
    let search = search_index::Builder::start(&tx, move |add| index_seed(&indexed_seed, add))?;
    let mut loading = Loading {
        seed,
        texts: HashMap::new(),
        quotes: VerifiedQuotes::new(),
        digests: vec![
            (seed::Source::FILE.to_string(), sources_digest),
            (datapackage::FILE.to_string(), data_set_digest),
        ],
        progress,
        bytes_before: seed.size(seed::Source::FILE)?,
        bytes_total,
        rows: vec![("sources", sources.len() as u64)],
        problems: None,
        unreadable: Vec::new(),
        skipped: HashSet::new(),
        keys: Some(KnownKeys::of_schema(&tx)?),
        rules: rules::of_schema(&tx)?,
        give_way: search.give_way(),
        fed_digests: HashMap::new(),
    };
    load_sources(&tx, &mut loading, &sources)?;
    steps.done(Step::Rows("sources").to_string());
    // SQLite's own CHECK evaluation is off while kb evaluates the same rules on the seed's
    // rows (a third of the time of an insert, measured); it is back on before anything else
    // is written.
    let own_rules = loading.rules.is_some();
    tx.pragma_update(None, "ignore_check_constraints", own_rules)?;
    let loaded = load_tables(&mut loading, &tx, &mut steps);
    tx.pragma_update(None, "ignore_check_constraints", false)?;
    loaded?;

    let step = loading.begin("build indexes");
    set_aside.restore(&tx, &mut loading)?;
    steps.done(step.into());
    let step = loading.begin("check references");
    check_rules_between_rows(&tx, seed, loading.keys.as_ref())?;
    steps.done(step.into());
    // While the search index is still being built on its thread: the rows are all in, and
    // neither reads the search index.
    let step = loading.begin("digest the rows, note examples");
    crate::content::record(&tx, &loading.fed_digests)?;
    crate::describe::record_examples(&tx)?;
    steps.done(step.into());
    // The search index was built on another thread meanwhile; this waits for what is left.
    let step = loading.begin("wait for the search index");
    let (built, indexed_digests) = search.finish()?;
    steps.done(step.into());
    same_bytes_indexed(seed, &indexed_digests, &loading.digests)?;
    let step = loading.begin("copy the search index in");
    built.copy_into(&tx)?;
    steps.done(step.into());
    let seed_sha256 = with_version(seed::combine(loading.digests));
    record_seed_state(&tx, &seed_sha256, seed)?;
    tx.commit()?;
    steps.done("commit".into());
    Ok(LoadSummary {
        seed_sha256,
        loaded: true,
        rows: loading.rows,
        steps: steps.finish(),
        edited: Vec::new(),
    })
}

/// Loads every table after the sources, in order.
fn load_tables(
    loading: &mut Loading<'_>,
    tx: &Transaction<'_>,
    steps: &mut StepTimer,
) -> Result<()> {
    for table in &LOAD_ORDER {
        (table.load)(loading, tx)?;
        let loaded = loading.rows.last().map_or(table.file, |(name, _)| name);
        steps.done(Step::Rows(loaded).to_string());
    }
    Ok(())
}

/// Empties every data table, children first, and records the data set about to be loaded.
fn empty_the_tables(tx: &Transaction<'_>, data_set: &DataSet) -> Result<()> {
    tx.execute("DELETE FROM seed_state", [])?;
    tx.execute("DELETE FROM data_set", [])?;
    tx.execute(
        "INSERT INTO data_set (id, name, title, description, descriptor) VALUES (1, ?1, ?2, ?3, ?4)",
        rusqlite::params![
            data_set.name,
            data_set.title,
            data_set.description,
            Value::Object(data_set.descriptor.clone()).to_string()
        ],
    )?;
    for table in tables().rev() {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

/// The indexes and search triggers dropped for a load. Indexes and the search index are
/// cheaper to build once over all rows than to keep up row by row (a sort instead of an
/// insert at a random place per row). Indexes that a table's own definition makes (its
/// primary key and UNIQUE columns) cannot be dropped and stay.
struct SetAside {
    indexes: Vec<DeferredIndex>,
    triggers: Vec<(String, String)>,
}

impl SetAside {
    fn drop(tx: &Transaction<'_>) -> Result<SetAside> {
        let set_aside = SetAside {
            indexes: deferred_indexes(tx)?,
            triggers: search_triggers(tx)?,
        };
        for index in &set_aside.indexes {
            tx.execute(&format!("DROP INDEX \"{}\"", index.name), [])?;
        }
        for (name, _) in &set_aside.triggers {
            tx.execute(&format!("DROP TRIGGER \"{name}\""), [])?;
        }
        Ok(set_aside)
    }

    /// Makes the indexes and triggers again; a unique index that cannot be made names the
    /// duplicate rows.
    fn restore(self, tx: &Transaction<'_>, loading: &mut Loading<'_>) -> Result<()> {
        for index in &self.indexes {
            if let Err(error) = tx.execute(&index.sql, []) {
                return Err(loading.find_duplicate(index, error));
            }
        }
        for (_, sql) in &self.triggers {
            tx.execute(sql, [])?;
        }
        Ok(())
    }
}

/// The rules that hold between rows once all are in: references, notes that name a row,
/// hierarchies without cycles. The first broken one is the error.
fn check_rules_between_rows(
    tx: &Transaction<'_>,
    seed: &Seed,
    keys: Option<&KnownKeys>,
) -> Result<()> {
    // The keys found while reading say whether a reference is broken; SQLite's pass over
    // every row, slower, then says which (and checks them all when no keys were kept).
    let resolved = match keys {
        Some(keys) => keys.all_resolved(tx)?,
        None => false,
    };
    if !resolved {
        check_references(tx, seed)?;
    }
    if let Some(problem) = notes_without_rows(tx, seed, &|_, _| false)?
        .into_iter()
        .next()
    {
        return Err(problem);
    }
    for hierarchy in &HIERARCHIES {
        check_no_cycle(tx, seed, hierarchy)?;
    }
    Ok(())
}

fn record_seed_state(tx: &Transaction<'_>, seed_sha256: &str, seed: &Seed) -> Result<()> {
    tx.execute(
        "INSERT INTO seed_state (id, seed_sha256, kb_version, seed_origin) VALUES (1, ?1, ?2, ?3)",
        [seed_sha256, env!("CARGO_PKG_VERSION"), &origin(seed)],
    )?;
    Ok(())
}

/// Refuses a load whose search index was made from other bytes than its tables: the index
/// reads the seed files a second time, and a file may have been rewritten in between.
fn same_bytes_indexed(seed: &Seed, indexed: &[FileDigest], loaded: &[FileDigest]) -> Result<()> {
    match indexed.iter().find(|read| !loaded.contains(read)) {
        Some((file, _)) => Err(Error::seed(
            Location::file(seed.display_path(file)),
            "changed while kb was loading it; load it again",
        )),
        None => Ok(()),
    }
}

/// Wall time per step of a load, so that `kb init --timings` can say where the time went.
struct StepTimer {
    since: Instant,
    steps: Vec<(String, Duration)>,
}

impl StepTimer {
    fn start() -> Self {
        StepTimer {
            since: Instant::now(),
            steps: Vec::new(),
        }
    }

    /// Records the time since the previous step ended as `step`'s.
    fn done(&mut self, step: String) {
        let now = Instant::now();
        self.steps.push((step, now - self.since));
        self.since = now;
    }

    fn finish(self) -> Vec<(String, Duration)> {
        self.steps
    }
}

/// An index that a load drops and makes again once the rows are in.
struct DeferredIndex {
    name: String,
    table: String,
    sql: String,
    /// The CREATE TABLE of its table, to look for a duplicate apart from the load.
    table_sql: String,
}

/// The indexes on the data tables that were made by CREATE INDEX (unique ones too).
fn deferred_indexes(tx: &Transaction<'_>) -> Result<Vec<DeferredIndex>> {
    let mut stmt = tx.prepare(
        "SELECT i.name, i.tbl_name, i.sql, t.sql
         FROM sqlite_master AS i JOIN sqlite_master AS t ON t.type = 'table' AND t.name = i.tbl_name
         WHERE i.type = 'index' AND i.sql IS NOT NULL ORDER BY i.name",
    )?;
    let data_tables: Vec<&str> = tables().collect();
    let indexes = stmt.query_map([], |r| {
        Ok(DeferredIndex {
            name: r.get(0)?,
            table: r.get(1)?,
            sql: r.get(2)?,
            table_sql: r.get(3)?,
        })
    })?;
    let mut deferred = Vec::new();
    for index in indexes {
        let index = index?;
        if data_tables.contains(&index.table.as_str()) {
            deferred.push(index);
        }
    }
    Ok(deferred)
}

/// The fingerprint stored for a load: the seed's digest and the kb version that loaded it,
/// so that a newer kb loads the same seed again once and records itself as the builder.
fn with_version(seed_digest: String) -> String {
    let mut hasher = Sha256::new();
    hasher.update(seed_digest.as_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    crate::values::hex(&hasher.finalize())
}

/// The triggers that keep the search index in step with the tables, with their SQL.
fn search_triggers(tx: &Transaction<'_>) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM sqlite_master
         WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let triggers = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(triggers)
}

/// Rows per data table as the file holds them now.
pub fn row_counts(conn: &Connection) -> Result<Vec<(&'static str, u64)>> {
    tables()
        .map(|table| {
            let count: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok((table, count as u64))
        })
        .collect()
}

fn load_sources(
    tx: &Transaction<'_>,
    loading: &mut Loading<'_>,
    sources: &[(u64, seed::Source)],
) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO sources (rowid, id, title, url, licence, language, content)
         VALUES (:row, :id, :title, :url, :licence, :language, :content)",
    )?;
    let file = loading.seed.display_path(seed::Source::FILE);
    for (n, (line, source)) in sources.iter().enumerate() {
        let (content, digest) = seed::read_source_text(loading.seed, &source.content_file)?;
        stmt.execute(named_params! {
            ":row": n as i64 + 1, ":id": source.id, ":title": source.title, ":url": source.url,
            ":licence": source.licence, ":language": source.language, ":content": content,
        })
        .map_err(|e| constraint_error(e, Location::line(&file, *line), seed::Source::COLUMNS))?;
        loading.digests.push((source.content_file.clone(), digest));
        loading.texts.insert(source.id.clone(), content);
    }
    if let Some(keys) = &mut loading.keys {
        keys.sources_read(sources.iter().map(|(_, source)| source.id.as_str()));
    }
    Ok(())
}

impl Loading<'_> {
    /// Turns the failure to make a deferred index into an error at the row that caused it.
    /// A unique index found two rows alike: the table's file is loaded again, into a copy of
    /// the table in a scratch database with the index in place, so that the insert that
    /// breaks it names its line. (The load's own file may be past repair: a new file is
    /// built without a journal, so a failed statement is not undone.) Slow, but only on the
    /// way to an error.
    fn find_duplicate(&mut self, index: &DeferredIndex, error: rusqlite::Error) -> Error {
        let broke_a_rule = matches!(&error, rusqlite::Error::SqliteFailure(e, _)
            if e.code == ErrorCode::ConstraintViolation);
        let loader = seed::table_spec(&index.table)
            .and_then(|spec| LOAD_ORDER.iter().find(|table| table.file == spec.file));
        let Some(table) = loader.filter(|_| broke_a_rule) else {
            return error.into();
        };
        let reloaded = Connection::open("")
            .and_then(|scratch| {
                // The copy of the table stands alone: the tables it refers to are not there.
                scratch.pragma_update(None, "foreign_keys", false)?;
                scratch.execute_batch(&index.table_sql)?;
                scratch.execute_batch(&index.sql)?;
                Ok(scratch)
            })
            .map_err(Error::from)
            .and_then(|mut scratch| (table.load)(self, &scratch.transaction()?));
        match reloaded {
            Err(at_the_row) => at_the_row,
            Ok(()) => error.into(),
        }
    }

    /// Loads one table's file; its rows and digest are recorded. Reading and checking run
    /// on a second thread, a few batches ahead of the inserts, so the two overlap.
    fn table<T: Insert + Send>(&mut self, tx: &Transaction<'_>) -> Result<()> {
        let (spec, table) = (&T::SPEC, T::TABLE);
        let file = self.seed.display_path(T::FILE);
        let plan = InsertPlan::of(spec);
        let mut stmt = tx.prepare(&plan.sql)?;
        let bound: Vec<&str> = plan.table_columns().collect();
        let mut fed = FedDigest::new(StoredRow::of(tx, table, &bound)?);
        let collect = self.problems.is_some();
        let (seed, texts, quotes, keys) = (self.seed, &self.texts, &mut self.quotes, &self.keys);
        let give_way = &self.give_way;
        let rules = self.rules.as_ref().and_then(|rules| rules.get(table));
        let (batches, received) = mpsc::sync_channel::<Batch<T>>(BATCHES_AHEAD);
        let mut n: u64 = 0;
        let mut refused = Vec::new();
        let (inserted, read) = std::thread::scope(|scope| {
            let _inserting = give_way.at_work();
            let reading = scope.spawn(move || {
                let _reading = give_way.at_work();
                let keys = keys.as_ref();
                read_checked::<T>(seed, texts, quotes, keys, batches, give_way, collect)
            });
            let mut inserted = Ok(());
            // Batches arrive in file order, so the first error met is the first in the file.
            'batches: while let Some(batch) = give_way.receive(&received) {
                for (line, record, row) in batch.rows {
                    n += 1;
                    if let Err(e) = plan.insert(&mut stmt, &row, record as i64, rules, &mut fed) {
                        let problem = constraint_error(e, Location::line(&file, line), T::COLUMNS);
                        if collect {
                            refused.push((record, problem));
                            continue;
                        }
                        inserted = Err(problem);
                        break 'batches;
                    }
                }
                (self.progress)(Progress {
                    step: Step::Rows(table),
                    bytes_done: self.bytes_before + batch.bytes_read,
                    bytes_total: self.bytes_total,
                });
            }
            drop(received);
            let read = reading.join().expect("the reading thread does not panic");
            (inserted, read)
        });
        inserted?;
        let (bytes, digest) = match read {
            Ok(read) => {
                if read.broken {
                    self.unreadable.push(table);
                }
                self.skipped
                    .extend(read.skipped.into_iter().map(|key| (table, key)));
                if let Some(problems) = &mut self.problems {
                    problems.extend(read.problems);
                }
                if let Some(keys) = &mut self.keys {
                    keys.table_read(table, read.keys);
                }
                (read.bytes, read.digest)
            }
            // Checking a seed goes on to the next file when one cannot be read at all.
            Err(problem) => {
                self.problem(problem)?;
                self.unreadable.push(table);
                (0, [0; 32])
            }
        };
        // The ids of refused rows, read back from the file: few, so reading it again is cheap.
        let key = spec.key();
        for (n, problem) in refused {
            if let Some(key) = key {
                let (_, value) = RecordReader::locate(self.seed, spec, n, key)?;
                self.skipped.insert((table, value));
            }
            if let Some(problems) = &mut self.problems {
                problems.push(problem);
            }
        }
        self.bytes_before += bytes;
        self.digests.push((T::FILE.to_string(), digest));
        self.rows.push((table, n));
        self.fed_digests
            .extend(fed.finish().map(|fed| (table, fed)));
        Ok(())
    }

    /// Tells the progress bar that `step`, one of those once the rows are in, has begun;
    /// gives back its name, for `StepTimer::done`.
    fn begin(&mut self, step: &'static str) -> &'static str {
        (self.progress)(Progress {
            step: Step::Finishing(step),
            bytes_done: self.bytes_total,
            bytes_total: self.bytes_total,
        });
        step
    }

    /// Records a problem and goes on when checking a seed; stops the load otherwise.
    fn problem(&mut self, problem: Error) -> Result<()> {
        match &mut self.problems {
            Some(problems) => {
                problems.push(problem);
                Ok(())
            }
            None => Err(problem),
        }
    }
}

/// Reads the seed's files again, on the search index's thread, and adds each row's entry;
/// gives back the digest of each file read, so the load can tell that it indexed the very
/// bytes it inserted. Rows are not checked here: the load checks them and fails on its own.
fn index_seed(seed: &Seed, add: &mut AddEntry<'_>) -> Result<Vec<FileDigest>> {
    let mut digests = Vec::new();
    for table in &LOAD_ORDER {
        digests.extend((table.index)(seed, add)?);
    }
    Ok(digests)
}

fn index_file<T: Insert>(seed: &Seed, add: &mut AddEntry<'_>) -> Result<Option<FileDigest>> {
    if !T::SEARCHED {
        return Ok(None);
    }
    let mut reader = RowReader::<T>::open_for(seed, seed::Reading::Again)?;
    let mut rowid = 0;
    while let Some((_, row)) = reader.next_row()? {
        rowid += 1;
        if let Some(entry) = row.into_search_entry(rowid) {
            add(entry)?;
        }
    }
    Ok(Some((T::FILE.to_string(), reader.finish())))
}

/// Rows read and checked, with how far into the file the reader was.
struct Batch<T> {
    /// Each row with the line it starts on and its place among the file's records (its
    /// rowid, so that a check after loading can point at its line).
    rows: Vec<(u64, u64, T)>,
    bytes_read: u64,
}

/// Rows per batch handed from the reading thread to the inserting one, and batches in flight.
const BATCH_ROWS: usize = 4096;
const BATCHES_AHEAD: usize = 4;

/// Reads and checks every row of `T`'s file and sends them on in batches; returns the bytes
/// read, the file's digest and, when `collect` is set, the problems of its rows, which are
/// then passed over instead of stopping the file (a row whose quote or checks fail is still
/// sent on, so that rows referring to it are not refused too). Stops early, without error,
/// when the receiver hangs up.
fn read_checked<T: Insert>(
    seed: &Seed,
    texts: &HashMap<String, String>,
    quotes: &mut VerifiedQuotes,
    keys: Option<&KnownKeys>,
    batches: mpsc::SyncSender<Batch<T>>,
    give_way: &GiveWay,
    collect: bool,
) -> Result<FileRead> {
    let mut reader = RowReader::<T>::open(seed)?;
    let mut rows = Vec::with_capacity(BATCH_ROWS);
    let mut read = FileRead::default();
    let checks = keys.map(KnownKeys::checks_for::<T>);
    if let Some(checks) = &checks {
        read.keys = checks.nothing_found();
    }
    let mut record = 0;
    loop {
        record += 1;
        let (line, row) = match reader.next_row() {
            Ok(Some(next)) => next,
            Ok(None) => break,
            Err(problem) if collect => {
                read.problems.push(problem);
                if reader.is_broken() {
                    read.broken = true;
                    read.bytes = reader.bytes_read();
                    return Ok(read);
                }
                let key = reader.field("id").or_else(|| reader.field("code"));
                read.skipped.extend(key.map(str::to_string));
                continue;
            }
            Err(problem) => return Err(problem),
        };
        let at = |(column, message): (&str, String)| {
            Error::seed(Location::line(reader.file(), line).column(column), message)
        };
        let quoted = match row.provenance() {
            Some((source_id, quote)) => quotes.check(texts, source_id, quote).map_err(at),
            None => Ok(()),
        };
        // A row whose quote is wrong still goes in, so rows citing it are not blamed; one
        // that breaks a rule of its own stays out, as SQLite would refuse it again.
        match (quoted, row.check().map_err(at)) {
            (Ok(()), Ok(())) => {}
            (Err(problem), _) | (_, Err(problem)) if !collect => return Err(problem),
            (quoted, Ok(())) => read.problems.extend(quoted.err()),
            (quoted, Err(problem)) => {
                read.problems.extend(quoted.err());
                read.problems.push(problem);
                let key = reader.field("id").or_else(|| reader.field("code"));
                read.skipped.extend(key.map(str::to_string));
                continue;
            }
        }
        if let Some(checks) = &checks {
            checks.read_row(&row, &mut read.keys);
        }
        rows.push((line, record, row));
        if rows.len() == BATCH_ROWS {
            let full = std::mem::replace(&mut rows, Vec::with_capacity(BATCH_ROWS));
            let bytes_read = reader.bytes_read();
            let batch = Batch {
                rows: full,
                bytes_read,
            };
            if give_way.send(&batches, batch).is_err() {
                read.bytes = reader.bytes_read();
                return Ok(read);
            }
        }
    }
    read.bytes = reader.bytes_read();
    // A closed channel here means the inserter already stopped with its own error.
    let last = Batch {
        rows,
        bytes_read: read.bytes,
    };
    let _ = give_way.send(&batches, last);
    read.digest = reader.finish();
    Ok(read)
}

/// What reading one seed file gave, besides its rows.
#[derive(Default)]
struct FileRead {
    bytes: u64,
    digest: [u8; 32],
    /// The problems of its rows, when a seed is checked.
    problems: Vec<Error>,
    /// The ids of rows that could not be read, so that rows referring to them are not blamed.
    skipped: Vec<String>,
    /// Whether the file could not be read past a point (a NUL byte, a quote never closed).
    broken: bool,
    /// The keys of its rows that others refer to, and its references not checked yet.
    keys: TableKeys,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Values that sit on either side of the schema's CHECK rules.
    const EDGE_VALUES: &[&str] = &[
        "",
        "x",
        " x",
        "x ",
        "a\tb",
        "PL",
        "KZ",
        "P",
        "PL-KZ",
        "pl",
        "PL-",
        " PL",
        "P1",
        "2002",
        "2002-05",
        "2002-05-23",
        "2002-02-29",
        "2004-02-29",
        "2002-13",
        "0000",
        "2001/2003",
        "2003-04/2003-02",
        "2002-05-23/2002-05-22",
        "0",
        "1",
        "-3",
        "2.5",
        "year",
        "day",
        "early",
        "air",
        "rail",
        "ISO 3166-1",
        "kb",
        "123456789",
        "1234567890",
        "łłłłł",
        "łłłłłłłłłł",
        "short",
        "A quote long enough.",
    ];

    /// The shipped seed's rows of a table, as CSV fields.
    fn shipped_rows(spec: &seed::TableSpec) -> Vec<Vec<String>> {
        let mut csv = csv::Reader::from_reader(Seed::Embedded.open(spec.file).unwrap());
        csv.records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    /// Loads one table's file into `conn` as a seed check does (each problem noted, the next
    /// row read), with kb evaluating the CHECK rules or SQLite; gives the problems and the
    /// digest of the rows that went in.
    fn load_table(
        conn: &mut Connection,
        seed: &Seed,
        table: &Table,
        own_rules: bool,
    ) -> (Vec<String>, (i64, String)) {
        conn.pragma_update(None, "ignore_check_constraints", own_rules)
            .unwrap();
        let tx = conn.transaction().unwrap();
        let mut progress = |_| {};
        let mut loading = Loading::checking(seed, &mut progress);
        loading.rules = own_rules.then(|| rules::of_schema(&tx).unwrap().unwrap());
        (table.load)(&mut loading, &tx).unwrap();
        let name = seed::TABLES
            .iter()
            .find(|t| t.file == table.file)
            .unwrap()
            .table;
        let problems = loading
            .problems
            .take()
            .unwrap()
            .iter()
            .map(|p| p.to_string())
            .collect();
        (problems, crate::content::table_digest(&tx, name).unwrap())
    }

    /// One row of a case: a shipped row (by number) with two of its fields (by number) set
    /// to edge values (by number); numbers wrap around what each table has.
    type Edit = (usize, usize, usize, usize, usize);

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        /// kb's evaluation of the CHECK rules and SQLite's accept and refuse the same rows,
        /// with the same error, in every table: shipped rows with fields set to edge values
        /// go through the whole load (the CSV, the fields' own checks, the insert) both ways.
        #[test]
        fn kb_and_sqlite_evaluate_the_check_rules_alike(
            edits in proptest::collection::vec(any::<Edit>(), 8)
        ) {
            let dir = std::env::temp_dir()
                .join(format!("kb-rules-{}-{}", std::process::id(), case_name(&edits)));
            std::fs::create_dir_all(&dir).unwrap();
            for spec in &seed::TABLES[1..] {
                let shipped = shipped_rows(spec);
                let mut csv = csv::Writer::from_path(dir.join(spec.file)).unwrap();
                csv.write_record(spec.columns.iter().map(|c| c.name)).unwrap();
                for &(row, a, x, b, y) in edits.iter().filter(|_| !shipped.is_empty()) {
                    let mut fields = shipped[row % shipped.len()].clone();
                    let width = fields.len();
                    fields[a % width] = EDGE_VALUES[x % EDGE_VALUES.len()].to_string();
                    fields[b % width] = EDGE_VALUES[y % EDGE_VALUES.len()].to_string();
                    csv.write_record(&fields).unwrap();
                }
            }
            let seed = Seed::Folder(dir.clone());
            let mut by_kb = crate::testing::migrated();
            let mut by_sqlite = crate::testing::migrated();
            for conn in [&by_kb, &by_sqlite] {
                conn.pragma_update(None, "foreign_keys", false).unwrap();
            }
            let mut outcomes = Vec::new();
            for table in &LOAD_ORDER {
                let kb = load_table(&mut by_kb, &seed, table, true);
                let sqlite = load_table(&mut by_sqlite, &seed, table, false);
                outcomes.push((table.file, kb == sqlite, kb, sqlite));
            }
            std::fs::remove_dir_all(&dir).unwrap();
            for (file, same, kb, sqlite) in outcomes {
                prop_assert!(same, "{}: kb {:?}, SQLite {:?}", file, kb, sqlite);
            }
        }
    }

    /// A name for a case's folder, so that cases never share one.
    fn case_name(rows: &[Edit]) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        rows.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn the_load_order_is_the_seeds_table_order() {
        let loaded: Vec<&str> = LOAD_ORDER.iter().map(|t| t.file).collect();
        let declared: Vec<&str> = seed::TABLES[1..].iter().map(|t| t.file).collect();
        assert_eq!(
            seed::TABLES[0].file,
            seed::Source::FILE,
            "sources load first, apart"
        );
        assert_eq!(loaded, declared);
    }

    fn fresh() -> Connection {
        let mut conn = db::open_in_memory().unwrap();
        db::migrate(&mut conn).unwrap();
        conn
    }

    #[test]
    fn a_file_indexed_from_other_bytes_than_were_loaded_is_refused() {
        let seed = Seed::Folder("corpus".into());
        let loaded = vec![
            ("persons.csv".to_string(), [1; 32]),
            ("events.csv".to_string(), [2; 32]),
        ];
        assert!(same_bytes_indexed(&seed, &loaded[1..], &loaded).is_ok());
        let rewritten = vec![("events.csv".to_string(), [3; 32])];
        let error = same_bytes_indexed(&seed, &rewritten, &loaded).unwrap_err();
        assert_eq!(
            error.to_string(),
            "corpus/events.csv: changed while kb was loading it; load it again"
        );
    }

    #[test]
    fn the_built_in_seed_loads_every_table() {
        let mut conn = fresh();
        let summary =
            load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {}).unwrap();
        assert!(summary.loaded);
        assert_eq!(summary.rows.len(), tables().count());
        for (table, count) in &summary.rows {
            assert!(*count > 0, "{table} is empty");
        }
        assert_eq!(row_counts(&conn).unwrap(), summary.rows);
    }

    #[test]
    fn the_progress_names_each_step_as_the_timings_do_and_in_their_order() {
        let mut conn = fresh();
        let mut shown: Vec<Progress> = Vec::new();
        let summary = load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |p| {
            shown.push(p)
        })
        .unwrap();
        let mut named: Vec<String> = shown.iter().map(|p| p.step.to_string()).collect();
        named.dedup();
        let timed: Vec<&str> = summary
            .steps
            .iter()
            .map(|(step, _)| step.as_str())
            .collect();
        let finishing = named
            .iter()
            .position(|step| step == "build indexes")
            .unwrap();
        assert!(
            named[finishing..]
                .iter()
                .all(|step| !step.starts_with("load ")),
            "no rows go in after the indexes: {named:?}"
        );
        let places: Vec<usize> = named
            .iter()
            .map(|step| timed.iter().position(|t| t == step))
            .map(|place| place.unwrap_or_else(|| panic!("{named:?} has a step {timed:?} lacks")))
            .collect();
        assert!(
            places.windows(2).all(|pair| pair[0] < pair[1]),
            "{named:?} against {timed:?}"
        );
        assert!(named.contains(&"load events".to_string()));
        assert!(
            named.ends_with(&["copy the search index in".to_string()]),
            "{named:?}"
        );
        let done = shown.last().unwrap();
        assert_eq!(done.bytes_done, done.bytes_total);
    }

    #[test]
    fn loading_the_same_seed_again_writes_nothing() {
        let mut conn = fresh();
        let first = load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {}).unwrap();
        let changes_before = conn.total_changes();
        let second =
            load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {}).unwrap();
        assert!(!second.loaded);
        assert_eq!(second.rows, first.rows);
        assert_eq!(conn.total_changes(), changes_before);
    }

    #[test]
    fn dates_are_split_into_start_end_and_precision() {
        let mut conn = fresh();
        load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {}).unwrap();
        let row: (String, String, String) = conn
            .query_row(
                "SELECT start_date, end_date, date_precision FROM events
                 WHERE id = 'visit-nazarbayev-poland-2002'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            row,
            ("2002-05-23".into(), "2002-05-26".into(), "day".into())
        );
    }
}
