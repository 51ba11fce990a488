//! A throwaway folder to run `kb` in, after xsv's `Workdir`: commands, files and the database.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Workdir {
    dir: TempDir,
}

impl Workdir {
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `kb` run inside this folder, with KB_DB cleared so the default `kb.db` applies.
    pub fn kb(&self) -> Command {
        let mut cmd = Command::cargo_bin("kb").expect("the kb binary");
        cmd.current_dir(self.path())
            .env_remove("KB_DB")
            .env("NO_COLOR", "1");
        cmd
    }

    /// `kb init` into the default kb.db, which must succeed.
    pub fn init(&self) -> PathBuf {
        self.kb().arg("init").assert().success();
        self.path().join("kb.db")
    }

    /// A copy of the shipped seed at `name`, to edit in a test.
    pub fn copy_seed(&self, name: &str) -> PathBuf {
        let to = self.path().join(name);
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("seed"), &to);
        to
    }
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Standard output of a finished command as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}
