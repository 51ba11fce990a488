//! Build script: makes cargo re-embed migrations and seeds whenever a file under them changes.

fn main() {
    // embed_migrations! and include_bytes! only see files that existed at the last build
    // unless cargo is told to rerun when these folders change.
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=seed");
}
