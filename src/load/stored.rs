//! What SQLite will store for the values a load binds, foreseen from the table's declared
//! column types, so that the load digests each table's rows as it inserts them instead of
//! reading every table back once the rows are in (2.5 s at a million events).

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::Connection;

use crate::content::RowsDigest;
use crate::error::Result;

use super::rows::bound_value;

/// A column's type affinity, by SQLite's rules for its declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

impl Affinity {
    /// SQLite's rules (§3.1 of "Datatypes In SQLite"), in their order.
    fn of(declared: &str) -> Affinity {
        let declared = declared.to_ascii_uppercase();
        let has = |part: &str| declared.contains(part);
        if has("INT") {
            Affinity::Integer
        } else if has("CHAR") || has("CLOB") || has("TEXT") {
            Affinity::Text
        } else if has("BLOB") || declared.is_empty() {
            Affinity::Blob
        } else if has("REAL") || has("FLOA") || has("DOUB") {
            Affinity::Real
        } else {
            Affinity::Numeric
        }
    }

    /// The value SQLite stores (and gives back) for `bound` in a column of this affinity;
    /// None for the conversions kb does not foresee (a number into a text column, text into
    /// a numeric one), which the load never makes with its own seed types.
    fn stored(self, bound: ValueRef<'_>) -> Option<ValueRef<'_>> {
        use Affinity::*;
        match (bound, self) {
            (ValueRef::Null | ValueRef::Blob(_), _) => Some(bound),
            (ValueRef::Real(x), _) if x.is_nan() => Some(ValueRef::Null),
            (ValueRef::Integer(n), Real) => Some(ValueRef::Real(n as f64)),
            (ValueRef::Integer(_), Integer | Numeric | Blob) => Some(bound),
            (ValueRef::Real(x), Integer | Numeric) => {
                Some(integral(x).map_or(bound, ValueRef::Integer))
            }
            (ValueRef::Real(_), Real | Blob) => Some(bound),
            (ValueRef::Text(_), Text | Blob) => Some(bound),
            (ValueRef::Integer(_) | ValueRef::Real(_), Text) => None,
            (ValueRef::Text(_), Integer | Real | Numeric) => None,
        }
    }
}

/// The integer a real number in a numeric column is stored as, as SQLite converts it: when
/// it is one exactly and lies strictly between the smallest and the largest 64-bit integer.
fn integral(x: f64) -> Option<i64> {
    let n = x as i64;
    (n as f64 == x && n > i64::MIN && n < i64::MAX).then_some(n)
}

/// Where each of a table's columns, in `SELECT *` order, gets its value from in an insert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filled {
    /// The rowid, for an INTEGER PRIMARY KEY column.
    Rowid,
    /// A bound parameter, by its place among those after the rowid.
    Bound(usize, Affinity),
    /// Nothing: a column without a default, so NULL.
    Null,
}

/// How the rows an insert plan writes look once stored, column by column.
#[derive(Debug)]
pub(super) struct StoredRow {
    columns: Vec<Filled>,
}

impl StoredRow {
    /// The stored form of `table`'s rows when an insert binds the rowid and then `bound`, in
    /// that order; None when a column's value cannot be foreseen (a default, a generated or
    /// hidden column).
    pub(super) fn of(conn: &Connection, table: &str, bound: &[&str]) -> Result<Option<StoredRow>> {
        let mut stmt = conn.prepare(
            "SELECT name, type, dflt_value IS NOT NULL, pk, hidden,
                    (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0)
             FROM pragma_table_xinfo(?1) ORDER BY cid",
        )?;
        let mut columns = Vec::new();
        let mut rows = stmt.query([table])?;
        while let Some(row) = rows.next()? {
            let (name, declared): (String, String) = (row.get(0)?, row.get(1)?);
            let (has_default, pk, hidden, keys): (bool, i64, i64, i64) =
                (row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?);
            let filled = match bound.iter().position(|column| *column == name) {
                _ if hidden != 0 => return Ok(None),
                Some(at) => Filled::Bound(at, Affinity::of(&declared)),
                None if pk == 1 && keys == 1 && declared.eq_ignore_ascii_case("INTEGER") => {
                    Filled::Rowid
                }
                None if !has_default => Filled::Null,
                None => return Ok(None),
            };
            columns.push(filled);
        }
        Ok((!columns.is_empty()).then_some(StoredRow { columns }))
    }

    /// Feeds the row inserted at `rowid` with `bound` to `digest`, each value as it will be
    /// stored; false when one cannot be foreseen, which leaves `digest` unusable.
    pub(super) fn feed(
        &self,
        digest: &mut RowsDigest,
        rowid: i64,
        bound: &[ToSqlOutput<'_>],
    ) -> bool {
        for column in &self.columns {
            let value = match *column {
                Filled::Rowid => Some(ValueRef::Integer(rowid)),
                Filled::Null => Some(ValueRef::Null),
                Filled::Bound(at, affinity) => bound
                    .get(at)
                    .and_then(bound_value)
                    .and_then(|v| affinity.stored(v)),
            };
            match value {
                Some(value) => digest.value(value),
                None => return false,
            }
        }
        digest.end_row();
        true
    }
}

/// A table's digest fed as its rows are inserted; given up (and the table read back
/// instead) when its rows' stored form cannot be foreseen.
pub(super) struct FedDigest {
    stored: Option<StoredRow>,
    digest: RowsDigest,
}

impl FedDigest {
    pub(super) fn new(stored: Option<StoredRow>) -> Self {
        FedDigest {
            stored,
            digest: RowsDigest::default(),
        }
    }

    /// Adds the row just inserted at `rowid` with `bound`.
    pub(super) fn inserted(&mut self, rowid: i64, bound: &[ToSqlOutput<'_>]) {
        if let Some(stored) = &self.stored {
            if !stored.feed(&mut self.digest, rowid, bound) {
                self.stored = None;
            }
        }
    }

    /// The row count and digest, unless given up.
    pub(super) fn finish(self) -> Option<(i64, String)> {
        self.stored.map(|_| self.digest.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rusqlite::types::Value;

    const DECLARED: &[&str] = &["INTEGER", "TEXT", "", "BLOB", "REAL", "NUMERIC", "DATE"];

    fn bound() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<i64>().prop_map(Value::Integer),
            prop_oneof![
                any::<f64>(),
                Just(f64::NAN),
                (-1e6..1e6f64).prop_map(f64::trunc),
                Just(-0.0),
                Just(i64::MAX as f64),
                Just(i64::MIN as f64),
            ]
            .prop_map(Value::Real),
            "[a-z0-9 .]{0,8}".prop_map(Value::Text),
            proptest::collection::vec(any::<u8>(), 0..4).prop_map(Value::Blob),
        ]
    }

    proptest! {
        /// What kb foresees is what SQLite stores, whenever kb foresees anything.
        #[test]
        fn the_foreseen_value_is_the_one_sqlite_stores(value in bound(), at in 0..DECLARED.len()) {
            let conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(&format!("CREATE TABLE t (v {})", DECLARED[at])).unwrap();
            conn.execute("INSERT INTO t (v) VALUES (?1)", [&value]).unwrap();
            let stored: Value = conn.query_row("SELECT v FROM t", [], |r| r.get(0)).unwrap();
            let foreseen = Affinity::of(DECLARED[at]).stored(ValueRef::from(&value));
            if let Some(foreseen) = foreseen {
                prop_assert_eq!(Value::try_from(foreseen).unwrap(), stored);
            }
        }
    }

    #[test]
    fn the_affinity_follows_sqlites_rules_for_declared_types() {
        let cases = [
            ("INTEGER", Affinity::Integer),
            ("BIGINT", Affinity::Integer),
            ("VARCHAR(20)", Affinity::Text),
            ("text", Affinity::Text),
            ("", Affinity::Blob),
            ("BLOB", Affinity::Blob),
            ("DOUBLE PRECISION", Affinity::Real),
            ("NUMERIC", Affinity::Numeric),
            ("DATE", Affinity::Numeric),
            ("FLOATING POINT", Affinity::Integer),
        ];
        for (declared, affinity) in cases {
            assert_eq!(Affinity::of(declared), affinity, "{declared}");
        }
    }

    #[test]
    fn a_row_is_digested_as_reading_it_back_would_digest_it() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value NUMERIC, note TEXT, n REAL)",
        )
        .unwrap();
        let stored = StoredRow::of(&conn, "t", &["value", "name", "n"])
            .unwrap()
            .unwrap();
        let mut fed = RowsDigest::default();
        for (rowid, value, name, n) in [(3, 2.0, "two", 5), (7, 2.5, "two and a half", -1)] {
            let bound = [
                ToSqlOutput::Owned(Value::Real(value)),
                ToSqlOutput::Borrowed(ValueRef::Text(name.as_bytes())),
                ToSqlOutput::Owned(Value::Integer(n)),
            ];
            assert!(stored.feed(&mut fed, rowid, &bound));
            conn.execute(
                "INSERT INTO t (rowid, value, name, n) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![rowid, value, name, n],
            )
            .unwrap();
        }
        assert_eq!(
            fed.finish(),
            crate::content::table_digest(&conn, "t").unwrap()
        );
    }

    #[test]
    fn a_default_or_a_generated_column_is_not_foreseen() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE with_default (a TEXT, b TEXT DEFAULT 'x');
             CREATE TABLE generated (a TEXT, b TEXT AS (upper(a)));",
        )
        .unwrap();
        for table in ["with_default", "generated"] {
            let stored = StoredRow::of(&conn, table, &["a"]).unwrap();
            assert!(stored.is_none(), "{table}");
        }
        let all_bound = StoredRow::of(&conn, "with_default", &["a", "b"]).unwrap();
        assert!(all_bound.is_some());
    }

    #[test]
    fn every_seed_tables_rows_are_foreseen_as_stored() {
        let conn = crate::testing::migrated();
        for spec in crate::seed::TABLES {
            let plan = super::super::InsertPlan::of(spec);
            let bound: Vec<&str> = plan.table_columns().collect();
            let stored = StoredRow::of(&conn, spec.table, &bound).unwrap();
            assert!(stored.is_some(), "{}", spec.table);
        }
    }
}
