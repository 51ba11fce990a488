//! Build script: makes cargo re-embed migrations and seeds whenever a file under them changes,
//! and writes down each migration's signature (version, name, checksum) as refinery computes
//! it, so that a command reading a file checks the file's history without parsing and hashing
//! every migration first.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

fn main() {
    // embed_migrations! and include_bytes! only see files that existed at the last build
    // unless cargo is told to rerun when these folders change.
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=seed");
    write_migration_signatures();
}

/// Writes `OUT_DIR/migration_signatures.rs`: the migrations embed_migrations! embeds (every
/// `.sql` file in migrations/), in version order, as a slice of `db::Signature`.
fn write_migration_signatures() {
    let mut signatures = Vec::new();
    for entry in fs::read_dir("migrations").expect("the migrations folder is readable") {
        let path = entry.expect("the migrations folder is readable").path();
        if path.extension().is_none_or(|extension| extension != "sql") {
            continue;
        }
        let stem = path.file_stem().and_then(|s| s.to_str());
        let sql = fs::read_to_string(&path);
        let migration = match (stem, sql) {
            (Some(stem), Ok(sql)) => refinery_core::Migration::unapplied(stem, &sql),
            _ => panic!("{}: not a UTF-8 name and text", path.display()),
        }
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        signatures.push((
            migration.version(),
            migration.name().to_string(),
            migration.checksum(),
        ));
    }
    signatures.sort();
    let mut code = String::from("&[\n");
    for (version, name, checksum) in signatures {
        writeln!(
            code,
            "    Signature {{ version: {version}, name: {name:?}, checksum: {checksum} }},"
        )
        .expect("writing to a String");
    }
    code.push_str("]\n");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("migration_signatures.rs"), code)
        .expect("OUT_DIR/migration_signatures.rs is writable");
}
