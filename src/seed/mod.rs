//! The seed: a folder of CSV files, one per table, with the texts of the sources. Reading it
//! into typed rows checks headers, required fields, dates and numbers, and every error names
//! file, line and column. No SQL lives here.

mod reader;
mod rows;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use sha2::{Digest, Sha256};

use crate::error::{Error, Location, Result};
use crate::paths;

pub use reader::{read_all, Reading, RecordReader, RowReader};
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
                let path = self.file_in_folder(dir, file)?;
                fs::File::open(&path)
                    .map(|f| {
                        Box::new(io::BufReader::with_capacity(1 << 16, f)) as Box<dyn Read + Send>
                    })
                    .map_err(|source| Error::Io { path, source })
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
            Seed::Folder(dir) => {
                let path = self.file_in_folder(dir, file)?;
                fs::metadata(&path)
                    .map(|m| m.len())
                    .map_err(|source| Error::Io { path, source })
            }
        }
    }

    /// The regular file `file` inside the seed folder: a name from the data (a source's
    /// `content_file`) may not lead out of the folder or to a device or pipe.
    fn file_in_folder(&self, dir: &Path, file: &str) -> Result<PathBuf> {
        if paths::confinement_problem(file).is_none() && !dir.join(file).exists() {
            return Err(missing_file(self, file));
        }
        paths::file_inside(dir, file)
            .map_err(|message| Error::seed(Location::file(dir.display().to_string()), message))
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

impl Seed {
    /// Refuses a CSV file that is no table of the seed (`person.csv` beside `persons.csv`):
    /// its rows would be silently left out.
    pub fn check_no_stray_files(&self) -> Result<()> {
        let Seed::Folder(dir) = self else {
            return Ok(());
        };
        let entries = fs::read_dir(dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        let known: Vec<&str> = TABLES.iter().map(|t| t.file).collect();
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            if !name.to_ascii_lowercase().ends_with(".csv") || known.contains(&name.as_str()) {
                continue;
            }
            let nearest = known
                .iter()
                .min_by_key(|k| strsim::levenshtein(k, &name))
                .expect("the seed has tables");
            return Err(Error::seed(
                Location::file(self.display_path(&name)),
                format!(
                    "is not a table of the seed, so its rows would be left out (did you mean \
                     {nearest}?); the seed's CSV files are {}",
                    known.join(", ")
                ),
            ));
        }
        Ok(())
    }
}

fn missing_file(seed: &Seed, file: &str) -> Error {
    let why = if file.ends_with(".csv") {
        "file not found; every seed folder needs it (an empty table still needs its header row)"
    } else if file == "datapackage.json" {
        "file not found; every seed folder needs this description of its data set (its name, \
         title, licences and sources): `kb new` writes one, `kb export` writes the loaded one"
    } else {
        "file not found"
    };
    Error::seed(Location::file(seed.display_path(file)), why)
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
    crate::values::hex(&hasher.finalize())
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

/// Why `id` cannot be a source's id, if it cannot: `kb export` writes each source's text to
/// `sources/ID.txt`, so an id must be a plain file name.
pub fn source_id_problem(id: &str) -> Option<String> {
    let plain = id
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    (!plain || id.starts_with('.') || id.is_empty()).then(|| {
        format!(
            "'{id}' cannot be a source id; kb export writes a source's text to sources/ID.txt, \
             so an id is made of letters, digits, '-', '_' and '.' and does not start with '.'"
        )
    })
}

/// Checks each source's id and text file before anything is read from them: the text must
/// be a regular file inside the seed folder. Errors name the row of sources.csv.
pub fn check_sources(seed: &Seed, sources: &[(u64, Source)]) -> Result<()> {
    let at = |line: u64, column: &str| {
        Location::line(seed.display_path(Source::FILE), line).column(column)
    };
    for (line, source) in sources {
        if let Some(problem) = source_id_problem(&source.id) {
            return Err(Error::seed(at(*line, "id"), problem));
        }
        if let Seed::Folder(dir) = seed {
            paths::file_inside(dir, &source.content_file)
                .map_err(|message| Error::seed(at(*line, "content_file"), message))?;
        } else if EMBEDDED.get_file(&source.content_file).is_none() {
            return Err(Error::seed(
                at(*line, "content_file"),
                format!("'{}' is not a file of the seed", source.content_file),
            ));
        }
    }
    Ok(())
}
