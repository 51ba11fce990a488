//! `kb init`: apply pending migrations, load the seed, and say what was done.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use kb::load::{self, LoadSummary};
use kb::seed::Seed;
use kb::{db, Error, Result};

/// What building or updating a file did.
pub struct InitSummary {
    pub migrations: Vec<String>,
    pub load: LoadSummary,
}

/// Brings the file at `path` up to date with kb's migrations and `seed`. A file that does not
/// exist yet is built beside it under a temporary name and renamed into place when complete,
/// so an interrupted first build never leaves a half-made knowledge base behind.
pub fn build(path: &Path, seed: &Seed) -> Result<InitSummary> {
    if path.exists() {
        return update(path, seed);
    }
    let partial = partial_path(path);
    let _ = fs::remove_file(&partial);
    let built = update(&partial, seed).and_then(|summary| {
        fs::rename(&partial, path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(summary)
    });
    if built.is_err() {
        let _ = fs::remove_file(&partial);
    }
    built
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    path.with_file_name(name)
}

fn update(path: &Path, seed: &Seed) -> Result<InitSummary> {
    let mut conn = db::open(path)?;
    let migrations = db::migrate(&mut conn)?;
    let load = load::load_seed(&mut conn, seed)?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(InitSummary { migrations, load })
}

pub fn run(path: &Path, seed_dir: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let seed = match seed_dir {
        Some(dir) => Seed::Folder(dir.to_path_buf()),
        None => Seed::Embedded,
    };
    let summary = build(path, &seed)?;
    let shown = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    write_summary(out, &shown, &seed, &summary).map_err(|source| Error::Io {
        path: "standard output".into(),
        source,
    })
}

fn write_summary(
    out: &mut dyn Write,
    path: &Path,
    seed: &Seed,
    summary: &InitSummary,
) -> std::io::Result<()> {
    writeln!(out, "knowledge base: {}", path.display())?;
    if summary.migrations.is_empty() {
        writeln!(out, "migrations: none pending")?;
    } else {
        writeln!(out, "migrations applied: {}", summary.migrations.join(", "))?;
    }
    let origin = match seed {
        Seed::Embedded => "the seed built into kb".to_string(),
        Seed::Folder(dir) => dir.display().to_string(),
    };
    let digest = &summary.load.seed_sha256[..12];
    if summary.load.loaded {
        writeln!(out, "seed loaded from {origin} (sha256 {digest}…)")?;
    } else {
        writeln!(
            out,
            "seed unchanged (sha256 {digest}…): already loaded from {origin}, nothing written"
        )?;
    }
    writeln!(out, "rows per table:")?;
    for (table, rows) in &summary.load.rows {
        writeln!(out, "  {table:<20} {rows:>7}")?;
    }
    Ok(())
}
