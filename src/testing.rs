//! Databases for unit tests: an empty knowledge base, and one holding the built-in seed.

use rusqlite::Connection;

use crate::db::{self, BulkWrite};
use crate::load::load_seed;
use crate::seed::Seed;

/// An in-memory knowledge base with every migration applied and no rows.
pub fn migrated() -> Connection {
    let mut conn = db::open_in_memory().expect("an in-memory database");
    db::migrate(&mut conn).expect("kb's migrations apply");
    conn
}

/// A knowledge base file at `path` with every migration applied and no rows.
pub fn migrated_at(path: &std::path::Path) -> Connection {
    let mut conn = db::open(path).expect("a new database file");
    db::migrate(&mut conn).expect("kb's migrations apply");
    conn
}

/// An in-memory knowledge base holding the seed built into kb.
pub fn loaded() -> Connection {
    let mut conn = migrated();
    load_seed(&mut conn, &Seed::Embedded, BulkWrite::InPlace, &mut |_| {})
        .expect("the built-in seed loads");
    conn
}
