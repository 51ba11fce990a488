//! What every command runs with: the knowledge base's path (opened the way the command needs
//! it), where its output goes, and how that output is styled.

use std::io::Write;
use std::path::PathBuf;

use kb::build::{build, Replace};
use kb::seed::Seed;
use kb::{db, Error, Result};
use rusqlite::Connection;

use crate::style::Style;

pub struct Context<'a> {
    pub db: PathBuf,
    pub out: &'a mut dyn Write,
    pub style: Style,
}

impl Context<'_> {
    /// The file read-only, after making sure it exists and has kb's whole schema.
    pub fn reading(&self) -> Result<Connection> {
        self.create_if_missing()?;
        let mut conn = db::open_read_only(&self.db)?;
        db::check_made_by_kb(&conn)?;
        let pending: Vec<String> = db::migration_status(&mut conn)?
            .into_iter()
            .filter(|m| m.applied_on.is_none())
            .map(|m| format!("V{}__{}", m.version, m.name))
            .collect();
        if !pending.is_empty() {
            return Err(Error::Schema(format!(
                "{} lacks migrations {}; run `kb migrate up` to upgrade it",
                self.db.display(),
                pending.join(", ")
            )));
        }
        Ok(conn)
    }

    /// A file that must already exist, read as it is, without creating or changing it: what
    /// `kb check` looks at.
    pub fn existing(&self) -> Result<Connection> {
        if !self.db.exists() {
            return Err(Error::NotFound(format!(
                "{} does not exist; run `kb init` to create it",
                self.db.display()
            )));
        }
        let conn = db::open_read_only(&self.db)?;
        db::check_made_by_kb(&conn)?;
        Ok(conn)
    }

    /// The file for writing its schema, built from the seed inside kb first if it is missing.
    pub fn writable(&self) -> Result<Connection> {
        self.create_if_missing()?;
        db::open(&self.db)
    }

    /// A file that does not exist yet is first built from the seed inside kb.
    fn create_if_missing(&self) -> Result<()> {
        if !self.db.exists() {
            eprintln!(
                "kb: {} does not exist yet; creating it from the seed built into kb",
                self.db.display()
            );
            build(&self.db, &Seed::Embedded, Replace::Nothing, &mut |_| {})?;
        }
        Ok(())
    }
}
