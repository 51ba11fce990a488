//! The command line: clap types only; their doc comments are the --help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// kb: the facts of a relationship between two countries in one SQLite file, each traced to
/// the sentence it came from.
#[derive(Debug, Parser)]
#[command(name = "kb", version, about, long_about = None)]
pub struct Cli {
    /// The knowledge base file (the KB_DB environment variable sets it too; this flag wins)
    #[arg(
        long,
        global = true,
        env = "KB_DB",
        value_name = "PATH",
        default_value = "kb.db"
    )]
    pub db: PathBuf,

    /// Color and emphasis: auto (at a terminal, unless NO_COLOR is set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print straight to the terminal, without $PAGER (less -FRX), for output of any length
    #[arg(long, global = true)]
    pub no_pager: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or update the file: apply pending migrations, then load the seed
    Init(InitArgs),
    /// Start a new knowledge base: a seed folder that loads at once, about two countries
    New(NewArgs),
    /// Print a ready-made report (each one is a view in the file)
    Report(ReportArgs),
    /// Full-text search over names, titles, summaries, quotes and other names
    Search(SearchArgs),
    /// Print the sentences of a source that hold the words, exactly, to paste into a quote
    Cite(CiteArgs),
    /// The dossier of one person, place, organization, country, event or agreement
    Show(ShowArgs),
    /// What the file holds: the data set, then every table and view; or one table's columns
    Describe(DescribeArgs),
    /// Write a Datasette metadata file: datasette kb.db -m metadata.json
    DatasetteMetadata(DatasetteMetadataArgs),
    /// Print a shell completion script: kb completions bash > ~/.local/share/bash-completion/completions/kb
    Completions(CompletionsArgs),
    /// Run one read-only SQL statement (read from stdin when none is given)
    Sql(SqlArgs),
    /// Check the file: integrity, foreign keys, quotes against sources, dates, search index, migrations
    Check(CheckArgs),
    /// Write the knowledge base as a seed folder (CSV per table) that `kb init --seed` loads
    Export(ExportArgs),
    /// List the schema migrations, or apply the pending ones
    Migrate(MigrateArgs),
}

/// The arguments of `kb init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Load this folder of CSVs (same layout as seed/) instead of the seed built into kb
    #[arg(long, value_name = "DIR")]
    pub seed: Option<PathBuf>,
    /// Also print how long each step of the load took
    #[arg(long)]
    pub timings: bool,
    /// Build a new file from the seed and put it in place of the existing one, even if it
    /// holds another seed's facts or its schema was changed outside kb
    #[arg(long)]
    pub force: bool,
    /// Show at most this many of a seed's problems (all are counted)
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_problems: usize,
}

/// The arguments of `kb new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// A new or empty folder for the seed
    pub dir: PathBuf,
    /// The knowledge base's title, e.g. "Chile–Argentina relations"
    #[arg(long)]
    pub title: String,
    /// One of the two countries, as CODE=NAME (ISO 3166-1 alpha-2), e.g. --country CL=Chile
    #[arg(long = "country", value_name = "CODE=NAME", required = true, num_args = 1,
          value_parser = clap::value_parser!(kb::skeleton::Country))]
    pub countries: Vec<kb::skeleton::Country>,
}

/// The arguments of `kb report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report to print; leave it out to list them
    pub name: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Only facts that end in or after this year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1..=9999))]
    pub from: Option<i32>,
    /// Only facts that start in or before this year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1..=9999))]
    pub to: Option<i32>,
    /// Only facts this person took part in (a name, with or without diacritics, or an id)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only facts of this kind (what a kind is depends on the report; `kb report` lists it)
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Leave out the footnotes: the sentences the rows come from (table format)
    #[arg(long)]
    pub no_quotes: bool,
}

/// The arguments of `kb search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for; case and diacritics do not matter ('lodz' finds 'Łódź')
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// At most this many hits
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The arguments of `kb cite`.
#[derive(Debug, Args)]
pub struct CiteArgs {
    /// The source's id (sources.csv)
    pub source: String,
    /// Words the sentence holds; case and diacritics do not matter
    #[arg(required = true, num_args = 1..)]
    pub words: Vec<String>,
    /// Read the source from this seed folder instead of the knowledge base
    #[arg(long, value_name = "DIR")]
    pub seed: Option<PathBuf>,
    /// text: each sentence on a line; csv: each as a quoted CSV field, ready to paste
    #[arg(long, value_enum, default_value_t = CiteFormat::Text)]
    pub format: CiteFormat,
}

/// The arguments of `kb show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A name (with or without diacritics, or another name it goes by) or an id
    pub name: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The arguments of `kb describe`.
#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// A table or view; leave it out to list them all
    pub table: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The arguments of `kb datasette-metadata`.
#[derive(Debug, Args)]
pub struct DatasetteMetadataArgs {
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `kb completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The arguments of `kb sql`.
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The statement, e.g. "SELECT name FROM persons"
    pub query: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Stop the query after this many seconds, printing included (at most 86400)
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = positive_seconds)]
    pub timeout: f64,
}

/// The arguments of `kb check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check this seed folder instead: every problem kb init --seed would meet, without
    /// creating or touching any knowledge base
    #[arg(long, value_name = "DIR")]
    pub seed: Option<PathBuf>,
    /// With --seed: text (one problem per line) or json (objects with file, line, column,
    /// message, for an editor)
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Show at most this many problems (all are counted)
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_problems: usize,
}

/// The arguments of `kb export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A new or empty folder
    pub dir: PathBuf,
}

/// The arguments of `kb migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub action: MigrateAction,
}

impl Command {
    /// Whether the command prints something a person reads at length, which a pager helps
    /// with (not the questions a prompt answers, such as `init`'s summary).
    pub fn reads_at_length(&self) -> bool {
        matches!(
            self,
            Command::Report(_)
                | Command::Search(_)
                | Command::Show(_)
                | Command::Describe(_)
                | Command::Sql(_)
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply pending migrations without touching the data (kb init also loads the seed)
    Up,
    /// List the migrations built into kb and whether the file has them
    Status {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// How a report is printed: as rows, or (the timeline) as a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The reading view: the columns a person reads, values in words, the sentences they
    /// come from as numbered footnotes; fitted to the terminal (to $COLUMNS or 80 when piped)
    Table,
    /// Every column of the view in a grid, wrapped to the terminal's width (160 when piped)
    Grid,
    /// RFC 4180 CSV with a header row
    Csv,
    /// An array of objects, keys in column order; numbers stay numbers, NULL is null; a
    /// repeated column name gets _2, _3 …; NaN or infinity is an error
    Json,
    /// A GitHub-flavoured Markdown table
    Markdown,
    /// A self-contained SVG picture (the timeline report only)
    Svg,
}

/// How `kb check --seed` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// How `kb cite` prints sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    Text,
    Csv,
}

/// Whether output has color and emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How rows are printed. In table, CSV and Markdown, control characters other than newline
/// and tab are shown escaped, as `\u{1b}`, so data cannot drive the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading, wrapped to the terminal's width (160 when piped)
    Table,
    /// RFC 4180 CSV with a header row
    Csv,
    /// An array of objects, keys in column order; numbers stay numbers, NULL is null; a
    /// repeated column name gets _2, _3 …; NaN or infinity is an error
    Json,
    /// A GitHub-flavoured Markdown table
    Markdown,
}

/// The longest `--timeout`: a day is more than any query of this knowledge base needs, and the
/// bound keeps the value a valid `Duration` (1e300 seconds is not one).
const MAX_TIMEOUT_SECONDS: f64 = 86_400.0;

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if !(seconds > 0.0 && seconds.is_finite()) => {
            Err(format!("'{text}' is not a positive number of seconds"))
        }
        Ok(seconds) if seconds > MAX_TIMEOUT_SECONDS => Err(format!(
            "'{text}' seconds is longer than kb waits; give at most {MAX_TIMEOUT_SECONDS} (one day)"
        )),
        Ok(seconds) => Ok(seconds),
        Err(_) => Err(format!("'{text}' is not a positive number of seconds")),
    }
}
