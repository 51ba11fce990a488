//! References checked while the rows are read, in place of SQLite's foreign-key pass over
//! every row once all are in: each key that rows refer to is kept as a 64-bit hash in a sorted
//! list, so the sets stay small (8 bytes a row) however long the ids are.
//!
//! The sets only say whether every reference names a row. When one does not, or when a
//! foreign key is of a kind they do not cover, the load runs SQLite's own check, which
//! finds and reports the broken reference as before.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::Connection;

use crate::error::Result;
use crate::seed::{self, SeedRow};

/// The foreign keys of the seed's tables, as the migrated schema declares them, and the keys
/// of the rows loaded so far.
pub(super) struct KnownKeys {
    /// Per table, its references to seed tables: (column, referenced table, referenced column).
    references: HashMap<&'static str, Vec<Reference>>,
    /// Per table, the columns other rows refer to.
    referenced: HashMap<&'static str, Vec<&'static str>>,
    /// The hashes of each referenced column's values, for the tables loaded so far.
    loaded: HashMap<(&'static str, &'static str), KeySet>,
    /// References to tables not loaded when they were read (a row's parent further down its
    /// own file, say), per referenced column, checked once every table is in.
    pending: Vec<(Target, KeySet)>,
    /// Whether a reference read so far named no row (or held a value that is not text).
    broken: bool,
    /// Tables with a foreign key the sets do not cover (one to kb's own tables, or of more
    /// than one column): SQLite checks those.
    uncovered: Vec<&'static str>,
}

#[derive(Debug, Clone, Copy)]
struct Reference {
    column: &'static str,
    table: &'static str,
    key: &'static str,
}

/// The hashes of a column's values, sorted once the table is read. A hash set cost twice the
/// memory, and more while it grew: the load's peak at 1,000,000 events was 95 MB with one,
/// 81 MB with this (the goal is under 100 MB).
#[derive(Default)]
struct KeySet(Vec<u64>);

impl KeySet {
    fn insert(&mut self, hash: u64) {
        self.0.push(hash);
    }
    fn sorted(mut self) -> KeySet {
        self.0.sort_unstable();
        self.0.dedup();
        self.0.shrink_to_fit();
        self
    }
    /// Hashes are spread evenly, so an interpolation search finds one in a few steps (a binary
    /// search over a million keys takes twenty, most of them cache misses); after a few
    /// steps that do not close in, as with keys that are not spread evenly, it goes on by
    /// halves.
    fn contains(&self, hash: &u64) -> bool {
        const INTERPOLATIONS: usize = 8;
        let keys = &self.0;
        let (mut low, mut high) = (0, keys.len());
        for _ in 0..INTERPOLATIONS {
            if low >= high {
                return false;
            }
            let (first, last) = (keys[low], keys[high - 1]);
            if *hash < first || *hash > last {
                return false;
            }
            if first == last {
                return first == *hash;
            }
            let share = u128::from(hash - first) * (high - 1 - low) as u128;
            let at = low + (share / u128::from(last - first)) as usize;
            match keys[at].cmp(hash) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => low = at + 1,
                std::cmp::Ordering::Greater => high = at,
            }
        }
        keys[low..high].binary_search(hash).is_ok()
    }
}

/// What reading one table's file found: the hashes of its referenced columns and the
/// references it could not check yet, per referenced column (a set, not a list of pairs:
/// 8 bytes a reference instead of 40, and each value once).
#[derive(Default)]
pub(super) struct TableKeys {
    own: Vec<(&'static str, KeySet)>,
    pending: Vec<(Target, KeySet)>,
    broken: bool,
}

/// The checks of one table's rows, worked out once for the table: per field, in the order
/// the rows give them, where its value goes among the table's own keys, and the key sets of
/// the tables it refers to (None for a table not read yet, checked at the end).
pub(super) struct RowChecks<'k> {
    fields: Vec<FieldChecks<'k>>,
    own: Vec<&'static str>,
    /// The referenced columns of tables not read yet.
    later: Vec<Target>,
}

struct FieldChecks<'k> {
    name: &'static str,
    own: Option<usize>,
    references: Vec<Check<'k>>,
}

/// How one reference of a field is checked.
enum Check<'k> {
    /// Against the keys of a table read before.
    Now(&'k KeySet),
    /// Once every table is in: its value joins this entry of the pending references.
    Later(usize),
}

/// A referenced column: (table, column).
type Target = (&'static str, &'static str);

impl KnownKeys {
    /// Reads the foreign keys of every seed table from `conn`'s schema.
    pub(super) fn of_schema(conn: &Connection) -> Result<KnownKeys> {
        let mut known = KnownKeys {
            references: HashMap::new(),
            referenced: HashMap::new(),
            loaded: HashMap::new(),
            pending: Vec::new(),
            broken: false,
            uncovered: Vec::new(),
        };
        let mut stmt = conn.prepare(
            "SELECT id, count(*) OVER (PARTITION BY id), \"from\", \"table\", \"to\"
             FROM pragma_foreign_key_list(?1)",
        )?;
        for spec in seed::TABLES {
            let keys = stmt.query_map([spec.table], |r| {
                Ok((
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            for key in keys {
                let (columns, from, parent, to) = key?;
                match known.covered(spec, columns, &from, &parent, to.as_deref()) {
                    Some(reference) => known.add(spec.table, reference),
                    None if !known.uncovered.contains(&spec.table) => {
                        known.uncovered.push(spec.table);
                    }
                    None => {}
                }
            }
        }
        Ok(known)
    }

    /// The reference, when the sets can check it: one column of a seed table naming a
    /// column of another (or the same) seed table.
    fn covered(
        &self,
        spec: &seed::TableSpec,
        columns: i64,
        from: &str,
        parent: &str,
        to: Option<&str>,
    ) -> Option<Reference> {
        let column = spec.columns.iter().find(|c| c.name == from)?.name;
        let parent = seed::table_spec(parent)?;
        let key = parent.columns.iter().find(|c| Some(c.name) == to)?.name;
        (columns == 1).then_some(Reference {
            column,
            table: parent.table,
            key,
        })
    }

    fn add(&mut self, table: &'static str, reference: Reference) {
        self.references.entry(table).or_default().push(reference);
        let referenced = self.referenced.entry(reference.table).or_default();
        if !referenced.contains(&reference.key) {
            referenced.push(reference.key);
        }
    }

    /// The checks of `T`'s rows, against the tables read so far.
    pub(super) fn checks_for<T: SeedRow>(&self) -> RowChecks<'_> {
        let references = self.references.get(T::TABLE).map_or(&[][..], Vec::as_slice);
        let referenced = self.referenced.get(T::TABLE).map_or(&[][..], Vec::as_slice);
        let mut checks = RowChecks {
            fields: Vec::new(),
            own: Vec::new(),
            later: Vec::new(),
        };
        for column in T::COLUMNS {
            let mut field = FieldChecks {
                name: column.name,
                own: None,
                references: Vec::new(),
            };
            if referenced.contains(&column.name) {
                field.own = Some(checks.own.len());
                checks.own.push(column.name);
            }
            for reference in references.iter().filter(|r| r.column == column.name) {
                let target = (reference.table, reference.key);
                field.references.push(match self.loaded.get(&target) {
                    Some(keys) => Check::Now(keys),
                    None => {
                        checks.later.push(target);
                        Check::Later(checks.later.len() - 1)
                    }
                });
            }
            checks.fields.push(field);
        }
        checks
    }

    /// Takes in what reading a table found: its keys become known to the tables after it.
    pub(super) fn table_read(&mut self, table: &'static str, found: TableKeys) {
        self.broken |= found.broken;
        self.pending.extend(
            found
                .pending
                .into_iter()
                .map(|(target, keys)| (target, keys.sorted())),
        );
        for (column, keys) in found.own {
            self.loaded.insert((table, column), keys.sorted());
        }
    }

    /// Notes the sources' ids, which are read apart from the other tables.
    pub(super) fn sources_read<'a>(&mut self, ids: impl Iterator<Item = &'a str>) {
        let mut keys = KeySet::default();
        for id in ids {
            keys.insert(hash_of(id.as_bytes()));
        }
        let found = TableKeys {
            own: vec![("id", keys)],
            ..TableKeys::default()
        };
        self.table_read(seed::Source::TABLE, found);
    }

    /// Whether every reference names a row: by the sets, and by SQLite for the tables they do
    /// not cover. False means some reference is broken, and SQLite's full check will say which.
    pub(super) fn all_resolved(&self, conn: &Connection) -> Result<bool> {
        let in_sets = !self.broken
            && self.pending.iter().all(|(target, hashes)| {
                self.loaded
                    .get(target)
                    .is_some_and(|keys| hashes.0.iter().all(|hash| keys.contains(hash)))
            });
        if !in_sets {
            return Ok(false);
        }
        let mut violations = conn.prepare("SELECT 1 FROM pragma_foreign_key_check(?1) LIMIT 1")?;
        for table in &self.uncovered {
            if violations.exists([table])? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

impl RowChecks<'_> {
    /// What a table's reading finds, before its first row.
    pub(super) fn nothing_found(&self) -> TableKeys {
        TableKeys {
            own: self.own.iter().map(|c| (*c, KeySet::default())).collect(),
            pending: self.later.iter().map(|t| (*t, KeySet::default())).collect(),
            ..TableKeys::default()
        }
    }

    /// Checks one row's references against the tables read before its own, and notes the
    /// values of its columns that other rows refer to.
    pub(super) fn read_row<T: SeedRow>(&self, row: &T, found: &mut TableKeys) {
        let mut fields = self.fields.iter();
        let _ = row.for_each_field(&mut |field, value| {
            let Some(checks) = fields.next() else {
                return Ok(());
            };
            debug_assert_eq!(checks.name, field, "fields come in the header's order");
            if checks.own.is_none() && checks.references.is_empty() {
                return Ok(());
            }
            let hash = match text_hash(&value.column_value(field)) {
                Some(Some(hash)) => hash,
                Some(None) => return Ok(()),
                None => {
                    found.broken = true;
                    return Ok(());
                }
            };
            if let Some(own) = checks.own {
                found.own[own].1.insert(hash);
            }
            for check in &checks.references {
                match check {
                    Check::Now(keys) => found.broken |= !keys.contains(&hash),
                    Check::Later(entry) => found.pending[*entry].1.insert(hash),
                }
            }
            Ok(())
        });
    }
}

/// The hash of a text value; Some(None) for NULL (no reference), None for a value that is not
/// text, which the sets do not compare (SQLite's affinities would).
fn text_hash(value: &ToSqlOutput<'_>) -> Option<Option<u64>> {
    match super::rows::bound_value(value)? {
        ValueRef::Null => Some(None),
        ValueRef::Text(text) => Some(Some(hash_of(text))),
        _ => None,
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownKeys {
        KnownKeys::of_schema(&crate::testing::migrated()).unwrap()
    }

    fn person(id: &str, country: &str) -> seed::Person {
        let csv = format!(
            "id,name,country_code,source_id,quote\n{id},A Name,{country},s,a quote long enough\n"
        );
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        reader.deserialize().next().unwrap().unwrap()
    }

    #[test]
    fn the_schemas_references_are_all_covered_but_those_to_kbs_own_tables() {
        let known = known();
        let events: Vec<&str> = known.references["events"]
            .iter()
            .map(|r| r.column)
            .collect();
        assert!(events.contains(&"parent_event_id") && events.contains(&"kind"));
        assert_eq!(known.referenced["countries"], ["code"]);
        // value_notes names columns of the data dictionary, which is no seed table.
        assert_eq!(known.uncovered, ["value_notes"]);
    }

    /// Notes a countries.csv read that held one country.
    fn countries_read(known: &mut KnownKeys, code: &str) {
        let mut keys = KeySet::default();
        keys.insert(hash_of(code.as_bytes()));
        let countries = TableKeys {
            own: vec![("code", keys)],
            ..TableKeys::default()
        };
        known.table_read("countries", countries);
    }

    proptest::proptest! {
        /// The search from a hash's likely place finds exactly what a binary search finds,
        /// whether the hashes are spread evenly or not.
        #[test]
        fn a_key_set_holds_exactly_its_keys(
            keys in proptest::collection::vec(proptest::prelude::any::<u64>(), 0..300),
            crowded in proptest::collection::vec(0u64..64, 0..50),
            probes in proptest::collection::vec(proptest::prelude::any::<u64>(), 20),
        ) {
            let mut set = KeySet::default();
            for &k in keys.iter().chain(&crowded) {
                set.insert(k);
            }
            let set = set.sorted();
            for probe in probes.iter().chain(&keys).chain(&crowded).chain(&[0, 1, 63, u64::MAX]) {
                proptest::prop_assert_eq!(set.contains(probe), set.0.binary_search(probe).is_ok());
            }
        }
    }

    #[test]
    fn a_reference_to_a_loaded_row_resolves_and_one_to_no_row_does_not() {
        let mut known = known();
        known.sources_read(["s"].into_iter());
        countries_read(&mut known, "PL");
        let checks = known.checks_for::<seed::Person>();
        let mut found = checks.nothing_found();
        checks.read_row(&person("p1", "PL"), &mut found);
        assert!(!found.broken);
        checks.read_row(&person("p2", "XX"), &mut found);
        assert!(found.broken);
    }

    #[test]
    fn a_reference_forward_waits_for_its_table() {
        let mut known = known();
        known.sources_read(["s"].into_iter());
        let checks = known.checks_for::<seed::Person>();
        let mut found = checks.nothing_found();
        checks.read_row(&person("p1", "KZ"), &mut found);
        checks.read_row(&person("p2", "KZ"), &mut found);
        assert!(!found.broken);
        assert_eq!(found.pending.len(), 1, "one referenced column");
        known.table_read("persons", found);
        assert_eq!(known.pending[0].1 .0.len(), 1, "each value once");
        let conn = crate::testing::migrated();
        assert!(
            !known.all_resolved(&conn).unwrap(),
            "countries are not loaded yet"
        );
        countries_read(&mut known, "KZ");
        assert!(known.all_resolved(&conn).unwrap());
    }

    #[test]
    fn a_reference_forward_to_a_row_its_table_lacks_stays_broken() {
        let mut known = known();
        known.sources_read(["s"].into_iter());
        let checks = known.checks_for::<seed::Person>();
        let mut found = checks.nothing_found();
        checks.read_row(&person("p1", "KZ"), &mut found);
        checks.read_row(&person("p2", "XX"), &mut found);
        known.table_read("persons", found);
        countries_read(&mut known, "KZ");
        let conn = crate::testing::migrated();
        assert!(!known.all_resolved(&conn).unwrap());
    }
}
