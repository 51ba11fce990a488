//! The seed: a folder of CSV files, one per table, with the texts of the sources. Reading it
//! into typed rows checks headers, required fields, dates and numbers, and every error names
//! file, line and column. No SQL lives here.

mod reader;
mod rows;

use std::fs;
use std::io::{self, Read};
use std::path::PathBuf;

use include_dir::{include_dir, Dir};
use sha2::{Digest, Sha256};

use crate::error::{Error, Location, Result};

pub use reader::{read_all, RecordReader, RowReader};
pub use rows::*;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/seed");

/// Where seed files come from: the copy built into kb, or a folder of the same layout.
#[derive(Debug, Clone)]
pub enum Seed {
    Embedded,
    Folder(PathBuf),
}

impl Seed {
    /// How errors name a file of this seed: `seed/events.csv` for the built-in copy.
    pub fn display_path(&self, file: &str) -> String {
        match self {
            Seed::Embedded => format!("seed/{file} (built into kb)"),
            Seed::Folder(dir) => dir.join(file).display().to_string(),
        }
    }

    /// One file of the seed, opened for reading from the start.
    pub fn open(&self, file: &str) -> Result<Box<dyn Read + Send>> {
        match self {
            Seed::Embedded => EMBEDDED
                .get_file(file)
                .map(|f| Box::new(f.contents()) as Box<dyn Read + Send>)
                .ok_or_else(|| missing_file(self, file)),
            Seed::Folder(dir) => {
                let path = dir.join(file);
                fs::File::open(&path)
                    .map(|f| {
                        Box::new(io::BufReader::with_capacity(1 << 16, f)) as Box<dyn Read + Send>
                    })
                    .map_err(|e| match e.kind() {
                        io::ErrorKind::NotFound => missing_file(self, file),
                        _ => Error::Io { path, source: e },
                    })
            }
        }
    }

    /// The size of one file in bytes, for progress reports.
    pub fn size(&self, file: &str) -> Result<u64> {
        match self {
            Seed::Embedded => EMBEDDED
                .get_file(file)
                .map(|f| f.contents().len() as u64)
                .ok_or_else(|| missing_file(self, file)),
            Seed::Folder(dir) => fs::metadata(dir.join(file))
                .map(|m| m.len())
                .map_err(|_| missing_file(self, file)),
        }
    }

    /// Whether the folder exists at all, so that a mistyped `--seed` gets its own message.
    pub fn check_exists(&self) -> Result<()> {
        match self {
            Seed::Folder(dir) if !dir.is_dir() => Err(Error::seed(
                Location::file(dir.display().to_string()),
                "is not a folder; expected a seed folder holding sources.csv, events.csv, …",
            )),
            _ => Ok(()),
        }
    }
}

fn missing_file(seed: &Seed, file: &str) -> Error {
    Error::seed(
        Location::file(seed.display_path(file)),
        "file not found; every seed folder needs it (an empty table still needs its header row)",
    )
}

/// The digest of one file: SHA-256 over its name and bytes, fed as they are read.
#[derive(Clone)]
pub struct FileDigest(Sha256);

impl FileDigest {
    pub fn new(name: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        FileDigest(hasher)
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

/// The digest of a whole seed from its files' digests: the same whatever order they were
/// read in, so a load can compute it along the way.
pub fn combine(mut files: Vec<(String, [u8; 32])>) -> String {
    files.sort();
    let mut hasher = Sha256::new();
    for (name, digest) in files {
        hasher.update(name.as_bytes());
        hasher.update(digest);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The digest of the named files of a seed, read start to end.
pub fn digest(seed: &Seed, files: &[String]) -> Result<String> {
    let mut digests = Vec::with_capacity(files.len());
    let mut buffer = vec![0; 1 << 16];
    for name in files {
        let mut file = seed.open(name)?;
        let mut digest = FileDigest::new(name);
        loop {
            let n = file.read(&mut buffer).map_err(|source| Error::Io {
                path: seed.display_path(name).into(),
                source,
            })?;
            if n == 0 {
                break;
            }
            digest.update(&buffer[..n]);
        }
        digests.push((name.clone(), digest.finish()));
    }
    Ok(combine(digests))
}

/// Reads a source's text file, which must be UTF-8; returns it with its file digest.
pub fn read_source_text(seed: &Seed, content_file: &str) -> Result<(String, [u8; 32])> {
    let mut bytes = Vec::new();
    seed.open(content_file)?
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: seed.display_path(content_file).into(),
            source,
        })?;
    let mut digest = FileDigest::new(content_file);
    digest.update(&bytes);
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::seed(
            Location::file(seed.display_path(content_file)),
            "is not valid UTF-8; save the source text as UTF-8",
        )
    })?;
    Ok((text, digest.finish()))
}
