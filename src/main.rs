//! The `kb` binary: parses arguments, opens the knowledge base once, dispatches to a command,
//! and is the only place that prints errors and picks exit codes (0 ok, 1 error, 2 usage).

mod briefing;
mod cli;
mod cmd;
mod output;
mod pager;
mod style;

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use kb::seed::Seed;
use kb::{db, paths, Error, Result};
use rusqlite::Connection;

use cli::{Cli, Command, MigrateAction};

fn main() -> ExitCode {
    // A bug must still end in one sentence, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "kb: error: kb failed unexpectedly ({info}); this is a bug in kb, please report it"
        );
    }));
    let mut cli = Cli::parse();
    let named_db = cli.db.clone();
    let most_problems = match cli.command {
        Command::Init { max_problems, .. } => max_problems,
        _ => 50,
    };
    let mut pager = pager::Pager::start(!cli.no_pager && cli.command.reads_at_length());
    let stdout = io::stdout();
    let target: &mut dyn Write = match pager.as_mut() {
        Some(pager) => pager.input(),
        None => &mut stdout.lock(),
    };
    let mut out = BufWriter::new(target);
    let result = paths::database(&cli.db)
        .and_then(|db| {
            cli.db = db;
            run(cli, &mut out)
        })
        .and_then(|()| out.flush().map_err(Error::stdout));
    drop(out);
    if let Some(pager) = pager {
        pager.wait();
    }
    exit_code(result, &named_db, most_problems)
}

/// Prints an error once, as one line per problem, and picks the exit code.
fn exit_code(result: Result<()>, named_db: &Path, most_problems: usize) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e @ Error::Usage(_)) => {
            eprintln!("kb: error: {}", one_line(&e.to_string()));
            ExitCode::from(2)
        }
        Err(Error::Problems(problems)) => {
            for problem in problems.iter().take(most_problems) {
                eprintln!("kb: error: {}", one_line(&problem.to_string()));
            }
            if problems.len() > most_problems {
                eprintln!(
                    "kb: … and {} more (--max-problems N shows more)",
                    problems.len() - most_problems
                );
            }
            eprintln!(
                "kb: {} problem(s) in the seed; nothing was written",
                problems.len()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("kb: error: {}", one_line(&in_words(e, named_db)));
            ExitCode::from(1)
        }
    }
}

/// An error message as one line of plain text: it may repeat a value from the data or the
/// command line, whose control characters must not reach the terminal.
fn one_line(message: &str) -> String {
    output::visible(message)
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// An error as the sentence a person reads: SQLite's own errors about the file ("disk I/O
/// error", "database is locked") name it and say what to do.
fn in_words(error: Error, db: &Path) -> String {
    let Error::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) = &error else {
        return error.to_string();
    };
    use rusqlite::ErrorCode::*;
    let what = match failure.code {
        NotADatabase => "is not an SQLite database (or is damaged or encrypted); give the path of a kb knowledge base",
        DatabaseBusy | DatabaseLocked => "is locked by another program that is writing to it; try again when it has finished",
        ReadOnly => "cannot be written (the file or its folder is read-only); nothing was changed",
        DiskFull => "cannot grow: the disk is full; free some space and run the command again (nothing was changed)",
        SystemIoFailure => "could not be read or written (a disk I/O error); check the disk and the file",
        DatabaseCorrupt => "is damaged; run `kb check`, or rebuild it with `kb init --force`",
        CannotOpen => "cannot be opened: its folder does not exist or cannot be written",
        PermissionDenied => "cannot be opened: permission denied",
        _ => return error.to_string(),
    };
    format!("{} {what} ({error})", db.display())
}

/// `kb sql … | head` closes the pipe early; that is the reader's choice, not an error.
fn is_broken_pipe(error: &Error) -> bool {
    matches!(error, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    match cli.command {
        Command::Init {
            seed,
            timings,
            force,
            ..
        } => {
            let replace = if force {
                kb::build::Replace::File
            } else {
                kb::build::Replace::Nothing
            };
            cmd::init::run(&cli.db, seed.as_deref(), replace, timings, out)
        }
        Command::New {
            dir,
            title,
            countries,
        } => cmd::new::run(&dir, &title, &countries, out),
        Command::Cite {
            source,
            words,
            seed: Some(dir),
            format,
        } => cmd::cite::run(cmd::cite::From::Seed(&dir), &source, &words, format, out),
        Command::Cite {
            source,
            words,
            seed: None,
            format,
        } => {
            let conn = open_for_reading(&cli.db)?;
            cmd::cite::run(
                cmd::cite::From::KnowledgeBase(&conn),
                &source,
                &words,
                format,
                out,
            )
        }
        Command::Report { name: None, .. } => cmd::report::list(out),
        Command::Report {
            name: Some(name),
            format,
            from,
            to,
            person,
            kind,
            no_quotes,
        } => {
            let conn = open_for_reading(&cli.db)?;
            let typed = cmd::report::Typed {
                from,
                to,
                person,
                kind,
            };
            let reading = cmd::report::Reading {
                quotes: !no_quotes,
                style: style::Style::for_stdout(cli.color),
            };
            cmd::report::run(&conn, &name, format, typed, reading, out)
        }
        Command::Search {
            text,
            limit,
            format,
        } => {
            let conn = open_for_reading(&cli.db)?;
            let style = style::Style::for_stdout(cli.color);
            cmd::search::run(&conn, &text, limit, format, style, out)
        }
        Command::Show { name, format } => {
            let conn = open_for_reading(&cli.db)?;
            let style = style::Style::for_stdout(cli.color);
            cmd::show::run(&conn, &name, format, style, out)
        }
        Command::Describe { table, format } => {
            let conn = open_for_reading(&cli.db)?;
            cmd::describe::run(&conn, table.as_deref(), format, out)
        }
        Command::DatasetteMetadata { output } => {
            let conn = open_for_reading(&cli.db)?;
            cmd::datasette::run(&conn, &cli.db, output.as_deref(), out)
        }
        Command::Completions { shell } => cmd::completions::run(shell, out),
        Command::Sql {
            query,
            format,
            timeout,
        } => {
            let mut conn = open_for_reading(&cli.db)?;
            let timeout = Duration::from_secs_f64(timeout);
            cmd::sql::run(&mut conn, query.as_deref(), format, timeout, out)
        }
        Command::Check {
            seed: Some(dir),
            format,
            max_problems,
        } => cmd::check::seed(&dir, format, max_problems, out),
        Command::Check { seed: None, .. } => {
            let mut conn = open_existing_read_only(&cli.db)?;
            cmd::check::run(&mut conn, &cli.db, out)
        }
        Command::Export { dir } => {
            let conn = open_for_reading(&cli.db)?;
            cmd::export::run(&conn, &dir, out)
        }
        Command::Migrate {
            action: MigrateAction::Up,
        } => {
            create_if_missing(&cli.db)?;
            let mut conn = db::open(&cli.db)?;
            cmd::migrate::up(&mut conn, out)
        }
        Command::Migrate {
            action: MigrateAction::Status { format },
        } => {
            create_if_missing(&cli.db)?;
            let mut conn = db::open(&cli.db)?;
            cmd::migrate::status(&mut conn, format, out)
        }
    }
}

/// A file that does not exist yet is first built from the seed inside kb.
fn create_if_missing(path: &Path) -> Result<()> {
    if !path.exists() {
        eprintln!(
            "kb: {} does not exist yet; creating it from the seed built into kb",
            path.display()
        );
        kb::build::build(
            path,
            &Seed::Embedded,
            kb::build::Replace::Nothing,
            &mut |_| {},
        )?;
    }
    Ok(())
}

/// Opens a file that must already exist, without creating or changing it: `kb check` looks
/// at the file as it is.
fn open_existing_read_only(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(Error::NotFound(format!(
            "{} does not exist; run `kb init` to create it",
            path.display()
        )));
    }
    let conn = db::open_read_only(path)?;
    db::check_made_by_kb(&conn)?;
    Ok(conn)
}

/// Opens the file read-only, after making sure it exists and has kb's whole schema.
fn open_for_reading(path: &Path) -> Result<Connection> {
    create_if_missing(path)?;
    let mut conn = db::open_read_only(path)?;
    db::check_made_by_kb(&conn)?;
    let pending: Vec<String> = db::migration_status(&mut conn)?
        .into_iter()
        .filter(|m| m.applied_on.is_none())
        .map(|m| format!("V{}__{}", m.version, m.name))
        .collect();
    if !pending.is_empty() {
        return Err(Error::Schema(format!(
            "{} lacks migrations {}; run `kb migrate up` to upgrade it",
            path.display(),
            pending.join(", ")
        )));
    }
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
