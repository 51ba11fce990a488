//! Building or updating a knowledge base file from a seed, atomically: a new file is built
//! under a temporary name and takes its name when complete; an existing one is updated in one
//! transaction; a failed load is followed by a check of the whole seed, so that every problem
//! is reported at once.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::db::{self, BulkWrite};
use crate::error::{Error, Result};
use crate::load::{self, LoadSummary, Progress};
use crate::seed::Seed;

/// What building or updating a file did.
pub struct InitSummary {
    pub migrations: Vec<String>,
    pub load: LoadSummary,
    pub elapsed: Duration,
}

/// Whether a load may replace what the file holds with another seed's facts, or the whole
/// file with a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Load into the file in place, refusing to put the built-in seed over another seed's
    /// facts or to write into a file whose schema was changed outside kb.
    Nothing,
    /// Build a new file from the seed and put it in the old one's place (`--force`).
    File,
}

/// Brings the file at `path` up to date with kb's migrations and `seed`. A file that does not
/// exist yet (or one replaced whole) is built beside it under a temporary name and renamed
/// into place when complete, so an interrupted build never leaves a half-made knowledge base.
pub fn build(
    path: &Path,
    seed: &Seed,
    replace: Replace,
    progress: &mut dyn FnMut(Progress),
) -> Result<InitSummary> {
    if path.exists() {
        match replace {
            Replace::Nothing => return update(path, seed, BulkWrite::InPlace, progress),
            Replace::File => check_made_by_kb(path)?,
        }
    }
    remove_abandoned_builds(path);
    let partial = partial_path(path);
    let _ = fs::remove_file(&partial);
    let built = update(&partial, seed, BulkWrite::NewFile, progress).and_then(|summary| {
        let io_error = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        // The build ran without a journal or syncs; make it durable before it takes the name.
        fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(io_error)?;
        fs::rename(&partial, path).map_err(io_error)?;
        Ok(summary)
    });
    if built.is_err() {
        let _ = fs::remove_file(&partial);
    }
    built
}

/// `--force` replaces a knowledge base, never some other SQLite file that happens to be there.
fn check_made_by_kb(path: &Path) -> Result<()> {
    let conn = db::open_read_only(path)?;
    if db::has_history(&conn)? {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{} is not a knowledge base kb made (it has no migration history); --force replaces \
         only kb's own files: give another --db path",
        path.display()
    )))
}

/// Deletes what killed first builds left beside `path` (`NAME.partial-PID` and its journal),
/// when no process of that number is running any more.
fn remove_abandoned_builds(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.partial-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.trim_end_matches("-journal");
        let running = Path::new("/proc").join(pid).exists() || !Path::new("/proc").exists();
        if pid.bytes().all(|b| b.is_ascii_digit()) && !running {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    path.with_file_name(name)
}

fn update(
    path: &Path,
    seed: &Seed,
    mode: BulkWrite,
    progress: &mut dyn FnMut(Progress),
) -> Result<InitSummary> {
    let started = Instant::now();
    let mut conn = db::open(path)?;
    if mode == BulkWrite::InPlace {
        load::check_not_replacing_another_seed(&conn, seed)?;
    }
    let migrations = db::migrate(&mut conn)?;
    let load = load::load_seed(&mut conn, seed, mode, progress)?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(InitSummary {
        migrations,
        load,
        elapsed: started.elapsed(),
    })
}

/// A load stops at the first problem of a seed; the curator wants them all at once, so the
/// seed is then checked in full (in a scratch database) and every problem is reported.
pub fn every_problem(seed: &Seed, first: Error) -> Error {
    if !matches!(first, Error::Seed { .. }) {
        return first;
    }
    match load::check_seed(seed) {
        Ok(problems) if problems.len() > 1 => Error::Problems(problems),
        _ => first,
    }
}
