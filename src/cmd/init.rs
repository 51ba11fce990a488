//! `kb init`: apply pending migrations, load the seed, and say what was done.

use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kb::db::{self, BulkWrite};
use kb::load::{self, LoadSummary, Progress};
use kb::seed::Seed;
use kb::{Error, Result};

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
fn every_problem(seed: &Seed, first: Error) -> Error {
    if !matches!(first, Error::Seed { .. }) {
        return first;
    }
    match load::check_seed(seed) {
        Ok(problems) if problems.len() > 1 => Error::Problems(problems),
        _ => first,
    }
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} loading {msg:<20} [{bar:30}] {bytes}/{total_bytes} ({eta} left)",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    bar
}

pub fn run(
    path: &Path,
    seed_dir: Option<&Path>,
    replace: Replace,
    timings: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let seed = match seed_dir {
        Some(dir) => Seed::Folder(dir.to_path_buf()),
        None => Seed::Embedded,
    };
    let bar = progress_bar();
    let summary = build(path, &seed, replace, &mut |p| {
        bar.set_length(p.bytes_total);
        bar.set_position(p.bytes_done);
        bar.set_message(p.table);
    });
    bar.finish_and_clear();
    let summary = summary.map_err(|first| every_problem(&seed, first))?;
    let shown = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    write_summary(out, &shown, &seed, &summary, timings).map_err(Error::stdout)
}

fn write_summary(
    out: &mut dyn Write,
    path: &Path,
    seed: &Seed,
    summary: &InitSummary,
    timings: bool,
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
    if !summary.load.edited.is_empty() {
        writeln!(
            out,
            "rows of {} were changed in the file since the seed was loaded; loading the seed \
             again restored them",
            summary.load.edited.join(", ")
        )?;
    }
    if summary.load.loaded {
        let rows: u64 = summary.load.rows.iter().map(|(_, n)| n).sum();
        let seconds = summary.elapsed.as_secs_f64();
        writeln!(
            out,
            "seed loaded from {origin} (sha256 {digest}…): {rows} rows in {seconds:.2} s \
             ({:.0} rows/s)",
            rows as f64 / seconds.max(1e-9)
        )?;
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
    if timings && summary.load.loaded {
        let loading: Duration = summary.load.steps.iter().map(|(_, d)| *d).sum();
        writeln!(out, "time per step:")?;
        writeln!(
            out,
            "  {:<30} {:>8.2} s",
            "open, migrate, read sources",
            summary.elapsed.saturating_sub(loading).as_secs_f64()
        )?;
        for (step, took) in &summary.load.steps {
            writeln!(out, "  {step:<30} {:>8.2} s", took.as_secs_f64())?;
        }
    }
    Ok(())
}
