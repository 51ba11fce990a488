//! The one rule for every name that becomes a path: the knowledge base's own path is a plain
//! file path (never an SQLite URI), names taken from data stay inside their folder, and what
//! kb reads or writes there is a regular file, never the knowledge base itself.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Checks the path given as `--db` (or KB_DB): a plain file path, not SQLite's notation for a
/// URI or an in-memory database, with a symbolic link resolved to the file it points at, so
/// that a rebuild replaces that file and not the link.
pub fn database(path: &Path) -> Result<PathBuf> {
    let text = path.to_string_lossy();
    let refuse = |why: &str| Err(Error::Refused(format!("--db '{text}' {why}")));
    if text.is_empty() {
        return refuse("is empty; give the path of a knowledge base file, such as kb.db");
    }
    if text == ":memory:" {
        return refuse(
            "is SQLite's name for an in-memory database; kb keeps its knowledge base in a \
             file: give a file path such as kb.db",
        );
    }
    if text.starts_with("file:") && !path.exists() {
        return refuse(
            "looks like an SQLite URI; kb takes a plain file path (for a file whose name \
             really starts with file:, write ./file:…)",
        );
    }
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return match fs::canonicalize(path) {
                Ok(target) => database(&target),
                Err(_) => refuse(&format!(
                    "is a symbolic link to {}, which does not exist; kb does not replace a link \
                     with a file: create the target or give another path",
                    fs::read_link(path)
                        .map(|t| t.display().to_string())
                        .unwrap_or_default()
                )),
            };
        }
        if meta.is_dir() {
            return refuse("is a folder; give the path of a knowledge base file inside it");
        }
        if !meta.is_file() {
            return refuse("is not a regular file (a device, pipe or socket); give a file path");
        }
    }
    Ok(path.to_path_buf())
}

/// A relative path as `./path`: SQLite (built with SQLITE_USE_URI) reads a name that starts
/// with `file:` as a URI whatever the flags say, so every open goes through this.
pub(crate) fn unambiguous(path: &Path) -> PathBuf {
    if path.is_absolute() || path.starts_with(".") || path.starts_with("..") {
        path.to_path_buf()
    } else {
        Path::new(".").join(path)
    }
}

/// Why `name` cannot name a file inside a folder, if it cannot: it must be relative and made
/// of plain names only (no `..`, no root, no drive), with no control characters.
pub fn confinement_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("is empty");
    }
    if name.chars().any(|c| c.is_control()) {
        return Some("holds a control character");
    }
    if name.contains('\\') {
        return Some("holds a backslash; separate folders with /");
    }
    let path = Path::new(name);
    if path.is_absolute() {
        return Some("is an absolute path");
    }
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Some("leaves its folder (.. or a root)");
    }
    None
}

/// The regular file `name` inside `dir`, refusing a name that leaves the folder (directly or
/// through a symbolic link) and anything that is not a regular file: a device such as
/// /dev/zero would read forever, a pipe would hang.
pub fn file_inside(dir: &Path, name: &str) -> std::result::Result<PathBuf, String> {
    if let Some(problem) = confinement_problem(name) {
        return Err(format!(
            "'{name}' {problem}; expected a file name relative to the seed folder"
        ));
    }
    let path = dir.join(name);
    let (Ok(real), Ok(real_dir)) = (fs::canonicalize(&path), fs::canonicalize(dir)) else {
        return Err(format!("'{name}' does not exist in {}", dir.display()));
    };
    if !real.starts_with(&real_dir) {
        return Err(format!(
            "'{name}' leads outside the seed folder (to {}); expected a file inside it",
            real.display()
        ));
    }
    match fs::metadata(&real) {
        Ok(meta) if meta.is_file() => Ok(path),
        Ok(_) => Err(format!(
            "'{name}' is not a regular file (a folder, device or pipe); expected a text file"
        )),
        Err(e) => Err(format!("'{name}' cannot be read: {e}")),
    }
}

/// Refuses an output file that is the knowledge base itself, or one of the files SQLite
/// keeps beside it (its journal), or is not a regular file, so that writing it cannot
/// destroy the facts.
pub fn output_file(path: &Path, database: &Path) -> Result<()> {
    let refuse = |why: String| Err(Error::Refused(format!("--output {} {why}", path.display())));
    if fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
        return refuse("is not a regular file; give the path of a file to write".into());
    }
    let Some(target) = resolved(path) else {
        return Ok(());
    };
    let taken = ["", "-journal", "-wal", "-shm"].iter().any(|suffix| {
        let mut name = database.as_os_str().to_os_string();
        name.push(suffix);
        resolved(Path::new(&name)).is_some_and(|p| p == target)
    });
    if taken {
        return refuse(format!(
            "is the knowledge base {} or its journal; writing there would destroy it: give \
             another file",
            database.display()
        ));
    }
    Ok(())
}

/// Where a path leads: the file it names (links followed) if it exists, else the name in
/// its folder's real path.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = fs::canonicalize(path) {
        return Some(real);
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(folder).ok()?.join(path.file_name()?))
}

/// Fills a new folder at `dir` (which must not exist, or be empty) through `fill`, which
/// writes into a temporary folder beside it that takes `dir`'s name only when complete: a
/// failure leaves nothing behind.
pub fn fill_new_folder<T>(dir: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let dir = &empty_folder(dir)?;
    let mut partial = dir.as_os_str().to_os_string();
    partial.push(format!(".partial-{}", std::process::id()));
    let partial = PathBuf::from(partial);
    let _ = fs::remove_dir_all(&partial);
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let filled = fs::create_dir_all(&partial)
        .map_err(io_error(&partial))
        .and_then(|()| fill(&partial))
        .and_then(|value| {
            fs::rename(&partial, dir).map_err(io_error(dir))?;
            Ok(value)
        });
    if filled.is_err() {
        let _ = fs::remove_dir_all(&partial);
    }
    filled
}

/// The folder to fill, with a name of its own (`.` becomes the folder's real path), refused
/// when it holds anything already.
fn empty_folder(dir: &Path) -> Result<PathBuf> {
    let refuse = |why: &str| Err(Error::Refused(format!("{} {why}", dir.display())));
    match fs::symlink_metadata(dir) {
        Err(_) if dir.file_name().is_some() => return Ok(dir.to_path_buf()),
        Err(_) => return refuse("is not a folder name; give a new or empty folder"),
        Ok(meta) if !meta.is_dir() => {
            return refuse("exists and is not a folder; give a new or empty folder")
        }
        Ok(_) => {}
    }
    let mut entries = fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    if entries.next().is_some() {
        return refuse("is not empty; give a new or empty folder");
    }
    fs::canonicalize(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_their_folder_are_refused() {
        for bad in [
            "",
            "../x",
            "/etc/passwd",
            "a/../../b",
            "./a",
            "a\\b",
            "a\u{1b}b",
        ] {
            assert!(confinement_problem(bad).is_some(), "accepted {bad:?}");
        }
        for good in ["a.txt", "sources/article.txt", "ünïcode–name.txt"] {
            assert_eq!(confinement_problem(good), None, "refused {good:?}");
        }
    }

    #[test]
    fn a_link_out_of_the_folder_and_a_device_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("in.txt"), "text").unwrap();
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("out.txt")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(file_inside(dir.path(), "in.txt").is_ok());
        let err = file_inside(dir.path(), "out.txt").unwrap_err();
        assert!(err.contains("leads outside the seed folder"), "{err}");
        assert!(file_inside(dir.path(), "zero.txt").is_err());
        let err = file_inside(dir.path(), "sub").unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        let err = file_inside(dir.path(), "none.txt").unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
    }

    #[test]
    fn the_database_path_is_never_a_uri() {
        assert_eq!(database(Path::new("kb.db")).unwrap(), Path::new("kb.db"));
        assert_eq!(
            unambiguous(Path::new("file:kb.db")),
            Path::new("./file:kb.db")
        );
        for uri in ["file:kb.db?nolock=1", ":memory:", ""] {
            let err = database(Path::new(uri)).unwrap_err().to_string();
            assert!(err.starts_with("--db '"), "{err}");
        }
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("kb.db");
        std::os::unix::fs::symlink(dir.path().join("missing.db"), &link).unwrap();
        let err = database(&link).unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
    }

    #[test]
    fn an_output_file_is_never_the_knowledge_base() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kb.db");
        fs::write(&db, "facts").unwrap();
        let err = output_file(&db, &db).unwrap_err().to_string();
        assert!(err.contains("is the knowledge base"), "{err}");
        let link = dir.path().join("meta.json");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        assert!(output_file(&link, &db).is_err());
        assert!(output_file(&dir.path().join("new.json"), &db).is_ok());
        assert!(output_file(&dir.path().join("kb.db-journal"), &db).is_err());
        assert!(output_file(dir.path(), &db).is_err());
    }
}
