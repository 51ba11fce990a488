//! `kb init`: apply pending migrations, load the seed, and say what was done.

use std::fs;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kb::build::{build, every_problem, InitSummary, Replace};
use kb::load::{Progress, Step};
use kb::seed::Seed;
use kb::{Error, Result};

use crate::cli::InitArgs;
use crate::context::Context;

/// A progress bar on stderr when it is a terminal; nothing otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(bar_style(ROWS_TEMPLATE));
    // The spinner turns while a long step (an index sort, the search index) reports nothing.
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// While rows go in: how far into the seed's bytes the load is.
const ROWS_TEMPLATE: &str =
    "{spinner} {msg:<24} [{wide_bar}] {bytes}/{total_bytes}, {eta} to the last row";
/// Once the rows are in, the steps left have no bytes to count.
const FINISHING_TEMPLATE: &str = "{spinner} {msg} ({elapsed} so far)";

fn bar_style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .expect("a valid template")
        .progress_chars("=> ")
}

/// Shows a load's progress on `bar`.
fn show(bar: &ProgressBar, progress: Progress) {
    if let Step::Finishing(_) = progress.step {
        bar.set_style(bar_style(FINISHING_TEMPLATE));
    }
    bar.set_length(progress.bytes_total);
    bar.set_position(progress.bytes_done);
    bar.set_message(progress.step.to_string());
}

fn load(
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
    let summary = build(path, &seed, replace, &mut |progress| show(&bar, progress));
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

/// `kb init [--seed DIR] [--force] [--timings]`.
pub fn run(args: &InitArgs, ctx: &mut Context) -> Result<()> {
    let replace = if args.force {
        Replace::File
    } else {
        Replace::Nothing
    };
    load(
        &ctx.db,
        args.seed.as_deref(),
        replace,
        args.timings,
        ctx.out,
    )
}
