//! The `kb` binary: parses arguments, makes the context every command runs with (the file,
//! the output, its style), dispatches to a command, and is the only place that prints errors
//! and picks exit codes (0 ok, 1 error, 2 usage).

mod briefing;
mod cli;
mod cmd;
mod context;
mod output;
mod pager;
mod style;

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use kb::{paths, Error, Result};

use cli::{Cli, Command};
use context::Context;

fn main() -> ExitCode {
    // A bug must still end in one sentence, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "kb: error: kb failed unexpectedly ({info}); this is a bug in kb, please report it"
        );
    }));
    let cli = Cli::parse();
    let named_db = cli.db.clone();
    let most_problems = match cli.command {
        Command::Init(ref args) => args.max_problems,
        _ => 50,
    };
    let mut pager = pager::Pager::start(!cli.no_pager && cli.command.reads_at_length());
    let stdout = io::stdout();
    let target: &mut dyn Write = match pager.as_mut() {
        Some(pager) => pager.input(),
        None => &mut stdout.lock(),
    };
    let mut out = BufWriter::new(target);
    let style = style::Style::for_stdout(cli.color);
    let result = paths::database(&cli.db)
        .and_then(|db| {
            let mut ctx = Context {
                db,
                out: &mut out,
                style,
            };
            run(cli.command, &mut ctx)
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
            eprintln!("kb: {}", kb::error::seed_refused(problems.len()));
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

/// Runs the command: every command takes its own arguments and the context.
fn run(command: Command, ctx: &mut Context) -> Result<()> {
    match command {
        Command::Init(args) => cmd::init::run(&args, ctx),
        Command::New(args) => cmd::new::run(&args, ctx),
        Command::Report(args) => cmd::report::run(&args, ctx),
        Command::Search(args) => cmd::search::run(&args, ctx),
        Command::Cite(args) => cmd::cite::run(&args, ctx),
        Command::Show(args) => cmd::show::run(&args, ctx),
        Command::Describe(args) => cmd::describe::run(&args, ctx),
        Command::DatasetteMetadata(args) => cmd::datasette::run(&args, ctx),
        Command::Completions(args) => cmd::completions::run(&args, ctx),
        Command::Sql(args) => cmd::sql::run(&args, ctx),
        Command::Check(args) => cmd::check::run(&args, ctx),
        Command::Export(args) => cmd::export::run(&args, ctx),
        Command::Migrate(args) => cmd::migrate::run(&args, ctx),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
