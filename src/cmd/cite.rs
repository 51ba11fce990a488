//! `kb cite SOURCE WORDS…`: the sentences of a source that hold the words, each exactly as the
//! source has it, ready to paste into a row's `quote`.

use std::io::Write;
use std::path::Path;

use kb::seed::{self, Seed};
use kb::{citing, Error, Result};
use rusqlite::{Connection, OptionalExtension};

use crate::cli::CiteFormat;

use crate::cli::CiteArgs;
use crate::context::Context;

/// Where the source's text is read from: the knowledge base, or a seed folder being written.
pub enum From<'a> {
    KnowledgeBase(&'a Connection),
    Seed(&'a Path),
}

fn print(
    from: From<'_>,
    source: &str,
    words: &[String],
    format: CiteFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let text = source_text(from, source)?;
    let found = citing::sentences_with(&text, words);
    if found.is_empty() {
        return Err(Error::NotFound(format!(
            "no sentence of source '{source}' holds all of: {}; try fewer or other words",
            words.join(", ")
        )));
    }
    let mut printed = String::new();
    for sentence in found {
        match format {
            CiteFormat::Text => printed.push_str(&format!("{sentence}\n")),
            CiteFormat::Csv => printed.push_str(&kb::values::csv_line(&[sentence])),
        }
    }
    out.write_all(printed.as_bytes()).map_err(Error::stdout)
}

fn source_text(from: From<'_>, source: &str) -> Result<String> {
    let unknown = |ids: Vec<String>| {
        Error::NotFound(format!(
            "there is no source '{source}'; the sources are: {}",
            ids.join(", ")
        ))
    };
    match from {
        From::KnowledgeBase(conn) => {
            let text: Option<String> = conn
                .query_row("SELECT content FROM sources WHERE id = ?1", [source], |r| {
                    r.get(0)
                })
                .optional()?;
            match text {
                Some(text) => Ok(text),
                None => {
                    let mut stmt = conn.prepare("SELECT id FROM sources ORDER BY rowid")?;
                    let ids = stmt.query_map([], |r| r.get(0))?;
                    Err(unknown(ids.collect::<rusqlite::Result<_>>()?))
                }
            }
        }
        From::Seed(dir) => {
            let seed = Seed::Folder(dir.to_path_buf());
            let (sources, _) = seed::read_all::<seed::Source>(&seed)?;
            seed::check_sources(&seed, &sources)?;
            match sources.iter().find(|(_, s)| s.id == source) {
                Some((_, found)) => Ok(seed::read_source_text(&seed, &found.content_file)?.0),
                None => Err(unknown(sources.into_iter().map(|(_, s)| s.id).collect())),
            }
        }
    }
}

/// `kb cite SOURCE WORDS… [--seed DIR]`.
pub fn run(args: &CiteArgs, ctx: &mut Context) -> Result<()> {
    match &args.seed {
        Some(dir) => print(
            From::Seed(dir),
            &args.source,
            &args.words,
            args.format,
            ctx.out,
        ),
        None => {
            let conn = ctx.reading()?;
            let from = From::KnowledgeBase(&conn);
            print(from, &args.source, &args.words, args.format, ctx.out)
        }
    }
}
