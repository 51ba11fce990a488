//! Crash safety: `kb init --seed BIG` killed with SIGKILL at many moments must leave either
//! the old knowledge base or the new one, never a mix and never an invalid file, and must
//! leave no half-built file under the knowledge base's name.
//!
//! Two ways of loading are covered, as `kb init` does them: in place through SQLite's rollback
//! journal when the file exists, and under a temporary `NAME.partial-PID` renamed into place
//! when it does not.
//!
//! Kill moments are fractions of one reference load, spread evenly with a fixed-seed jitter.
//! On Linux a fraction is of the CPU time the load used (user and system time of all its
//! threads, from /proc/PID/stat): unlike wall time, it is not stretched when other tests or
//! builds share the machine, so the kills stay spread over the load however busy it is.
//! Elsewhere it is a fraction of the wall time.

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::common::{
    content, is_hot, journal_of, kb, leftovers, run_ok, write_big_seed, Content, Lcg, BIG_EVENTS,
};

/// Kills at pseudo-random moments spread over a whole in-place load.
const KILLS: usize = 20;
/// Kills aimed at the commit of an in-place load, the only time the file itself is written.
const COMMIT_KILLS: usize = 4;
/// Kills at pseudo-random moments spread over a first build into a missing file.
const NEW_FILE_KILLS: usize = 5;

/// A load that has not ended this long after it started is stuck.
const STUCK: Duration = Duration::from_secs(120);

/// A folder with the big seed, and the shipped seed loaded into `old.db`.
struct Fixture {
    dir: TempDir,
    big: PathBuf,
    old_db: PathBuf,
    old: Content,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let big = dir.path().join("big");
    write_big_seed(&big, BIG_EVENTS);
    run_ok(kb(dir.path()).args(["--db", "old.db", "init"]));
    let old_db = dir.path().join("old.db");
    let old = content(&old_db);
    Fixture {
        dir,
        big,
        old_db,
        old,
    }
}

/// Starts `kb --db kb.db init --seed BIG` in `dir`.
fn spawn_load(dir: &Path, big: &Path) -> Child {
    kb(dir)
        .args(["--db", "kb.db", "init", "--seed"])
        .arg(big)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("kb starts")
}

/// The CPU time (user and system, all threads) process `pid` has used so far, in clock ticks;
/// None where there is no /proc. A finished process that is not yet reaped still answers.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Field 2, the command name, is in parentheses and may hold spaces; after it, fields are
    // separated by single spaces, starting with field 3. utime and stime are fields 14 and 15.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// One complete load, watched to its end.
struct Reference {
    /// Wall time from start to end.
    wall: Duration,
    /// CPU time at the end, in clock ticks (None without /proc).
    cpu: Option<u64>,
    /// How long the journal was hot: from the commit's first step (the sync of the journal's
    /// header) to its last (the deletion of the journal). None if it never was.
    commit: Option<Duration>,
}

/// Runs a load to its end, polling every 100 µs; it must succeed.
fn watch(mut child: Child, started: Instant, journal: &Path) -> Reference {
    let (mut cpu, mut hot_at, mut commit) = (None, None, None);
    loop {
        match (hot_at, is_hot(journal)) {
            (None, true) => hot_at = Some(started.elapsed()),
            (Some(hot_at), false) if commit.is_none() => commit = Some(started.elapsed() - hot_at),
            _ => {}
        }
        // Read before reaping: the last reading is at most one poll before the end.
        cpu = cpu_ticks(child.id()).or(cpu);
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "kb init --seed BIG failed with {status}");
            return Reference {
                wall: started.elapsed(),
                cpu,
                commit,
            };
        }
        assert!(started.elapsed() < STUCK, "kb init --seed BIG is stuck");
        thread::sleep(Duration::from_micros(100));
    }
}

/// Sends SIGKILL (what `Child::kill` does on Unix) and reaps the process; true when the kill
/// ended it, false when it had already finished (successfully: anything else fails the test).
fn kill_9(mut child: Child) -> bool {
    child.kill().expect("SIGKILL is sent");
    let status = child.wait().expect("the process is reaped");
    match status.signal() {
        Some(9) => true,
        None if status.success() => false,
        _ => panic!("kb init ended with {status} before it could be killed"),
    }
}

/// Kills a load once it has done `fraction` of the reference load's work (see the module
/// comment); true when the kill ended it, false when it had finished first. A load that
/// finished first shows the reference to have taken longer than loads now take (it may have
/// shared the machine with more work), so the reference is lowered to it for later kills.
fn kill_at(mut child: Child, started: Instant, fraction: f64, reference: &mut Reference) -> bool {
    let mut used = None;
    loop {
        // A finished process not yet reaped still answers, with its final CPU time.
        used = cpu_ticks(child.id()).or(used);
        let due = match (reference.cpu, used) {
            (Some(total), Some(used)) => used as f64 >= fraction * total as f64,
            (Some(_), None) => false,
            (None, _) => started.elapsed() >= reference.wall.mul_f64(fraction),
        };
        if due {
            return kill_9(child);
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "kb init --seed BIG failed with {status}");
            reference.wall = reference.wall.min(started.elapsed());
            reference.cpu = reference.cpu.zip(used).map(|(total, used)| total.min(used));
            return false;
        }
        assert!(started.elapsed() < STUCK, "kb init --seed BIG is stuck");
        thread::sleep(Duration::from_micros(500));
    }
}

/// The fraction of a load kill `i` of `n` lands at: in the i-th n-th, at a pseudo-random point.
fn fraction(i: usize, n: usize, rng: &mut Lcg) -> f64 {
    (i as f64 + rng.unit()) / n as f64
}

/// What the in-place kills left.
#[derive(Default)]
struct Tally {
    kills: usize,
    finished_first: usize,
    old: usize,
    new: usize,
    cold_journals: usize,
    hot_journals: usize,
    file_written_before_rollback: usize,
    read_only_check_refused: usize,
    refusal: Option<String>,
}

/// Checks the folder of a killed in-place load: `kb check` passes, the content is exactly the
/// old or the new one (the old one byte for byte), and nothing but an inert journal is left.
fn inspect_in_place(dir: &Path, fixture: &Fixture, new: &Content, what: &str, tally: &mut Tally) {
    let db = dir.join("kb.db");
    let journal = journal_of(&db);
    if is_hot(&journal) {
        tally.hot_journals += 1;
        if fs::read(&db).unwrap() != fs::read(&fixture.old_db).unwrap() {
            tally.file_written_before_rollback += 1;
        }
        // `kb check` (like `kb sql` and `kb report`) reads through a read-only connection,
        // which cannot play a hot journal back; kb opens the file read-write first when a
        // journal is beside it, so the old pages are restored and the check reads them.
        let read_only = kb(dir)
            .args(["--db", "kb.db", "check"])
            .output()
            .expect("kb runs");
        if !read_only.status.success() {
            tally.read_only_check_refused += 1;
            let stderr = String::from_utf8_lossy(&read_only.stderr)
                .trim()
                .to_string();
            tally.refusal.get_or_insert(stderr);
        }
        assert!(
            !journal.exists(),
            "{what}: the hot journal is still there after kb check"
        );
    } else if journal.exists() {
        // Killed before its commit: the journal holds the old pages but its header was never
        // synced, so it is all zeros and every connection ignores it; the next write
        // transaction on the file replaces it.
        tally.cold_journals += 1;
    }

    let check = kb(dir)
        .args(["--db", "kb.db", "check"])
        .output()
        .expect("kb runs");
    assert!(
        check.status.success(),
        "{what}: kb check rejected the file:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let found = content(&db);
    if found == fixture.old {
        assert!(
            fs::read(&db).unwrap() == fs::read(&fixture.old_db).unwrap(),
            "{what}: the file holds the old content but is not byte for byte the old file"
        );
        tally.old += 1;
    } else if found == *new {
        tally.new += 1;
    } else {
        panic!(
            "{what}: the file holds neither the old nor the new content:\n  found {found:?}\n  \
             old   {:?}\n  new   {new:?}",
            fixture.old
        );
    }
    assert!(
        !is_hot(&journal),
        "{what}: a hot journal is left after the check"
    );
    let left: Vec<String> = leftovers(dir)
        .into_iter()
        .filter(|name| name != "kb.db-journal")
        .collect();
    assert!(
        left.is_empty(),
        "{what}: an in-place load left {left:?} beside kb.db"
    );
}

#[test]
fn kill_9_during_an_in_place_load_leaves_the_old_or_the_new_content() {
    let fixture = fixture();
    let root = fixture.dir.path();

    // One complete load into a copy of the old file, watched: how long it took, how long its
    // commit took, and the new content.
    let dir = root.join("reference");
    fs::create_dir(&dir).unwrap();
    fs::copy(&fixture.old_db, dir.join("kb.db")).unwrap();
    let started = Instant::now();
    let mut reference = watch(
        spawn_load(&dir, &fixture.big),
        started,
        &journal_of(&dir.join("kb.db")),
    );
    let (load_time, load_cpu, commit_time) = (reference.wall, reference.cpu, reference.commit);
    run_ok(kb(&dir).args(["--db", "kb.db", "check"]));
    let new = content(&dir.join("kb.db"));
    assert_ne!(
        new, fixture.old,
        "the big seed must change the knowledge base"
    );
    assert_eq!(new.events(), fixture.old.events() + BIG_EVENTS as u64);
    assert!(
        leftovers(&dir).is_empty(),
        "a complete load left {:?}",
        leftovers(&dir)
    );

    let mut tally = Tally::default();
    let mut rng = Lcg::new(0x6b62_2d63_7261_7368);
    for i in 0..KILLS {
        let at = fraction(i, KILLS, &mut rng);
        let dir = root.join(format!("kill-{i:02}"));
        fs::create_dir(&dir).unwrap();
        fs::copy(&fixture.old_db, dir.join("kb.db")).unwrap();
        let started = Instant::now();
        let child = spawn_load(&dir, &fixture.big);
        tally.kills += 1;
        if !kill_at(child, started, at, &mut reference) {
            tally.finished_first += 1;
        }
        let what = format!("kill {i}, at {:.0}% of the load", at * 100.0);
        inspect_in_place(&dir, &fixture, &new, &what, &mut tally);
    }

    // Kills spread over the load rarely fall in its commit, the only time the file itself is
    // written (its last few milliseconds, while the journal is hot). These watch the journal
    // and the file, and strike once the journal is hot (SQLite has synced it, the commit's
    // first step) and the file has grown a pseudo-random part of the i-th quarter of the way
    // from the old size to the new: SQLite writes pages in page order, so the new pages past
    // the old end of the file come last and the file's size tracks the commit's progress.
    let (old_size, new_size) = (
        fs::metadata(&fixture.old_db).unwrap().len(),
        fs::metadata(dir.join("kb.db")).unwrap().len(),
    );
    for i in 0..COMMIT_KILLS {
        let at = fraction(i, COMMIT_KILLS, &mut rng);
        let size = old_size + ((new_size - old_size) as f64 * at) as u64;
        let dir = root.join(format!("commit-kill-{i}"));
        fs::create_dir(&dir).unwrap();
        fs::copy(&fixture.old_db, dir.join("kb.db")).unwrap();
        let journal = journal_of(&dir.join("kb.db"));
        let started = Instant::now();
        let mut child = spawn_load(&dir, &fixture.big);
        loop {
            let grown = fs::metadata(dir.join("kb.db")).map_or(0, |m| m.len());
            // Without a hot journal (the file's growth alone) only if the load did not use one.
            if grown >= size && (is_hot(&journal) || (commit_time.is_none() && grown > old_size)) {
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            assert!(started.elapsed() < STUCK, "kb init --seed BIG is stuck");
            thread::sleep(Duration::from_micros(50));
        }
        tally.kills += 1;
        if !kill_9(child) {
            tally.finished_first += 1;
        }
        let what = format!(
            "commit kill {i}, once the file had grown to {size} bytes on its way from {old_size} \
             to {new_size}"
        );
        inspect_in_place(&dir, &fixture, &new, &what, &mut tally);
    }

    println!(
        "crash test: {} of {} kills left a valid file ({} old, {} new)",
        tally.old + tally.new,
        tally.kills,
        tally.old,
        tally.new
    );
    let commit_note = match commit_time {
        Some(time) => format!("{time:.1?}"),
        None => "had no hot journal".to_string(),
    };
    let cpu_note = match load_cpu {
        Some(ticks) => format!("{ticks} CPU ticks"),
        None => "no /proc: kills timed by wall time".to_string(),
    };
    println!(
        "  a load of {BIG_EVENTS} extra events took {:.2?} ({cpu_note}), its commit \
         {commit_note}; {} loads finished before their kill; {} kills left a cold journal \
         (ignored by readers), {} a hot journal ({} after writing to the file; a read-only `kb \
         check` refused {} of them until a read-write open rolled the journal back{})",
        load_time,
        tally.finished_first,
        tally.cold_journals,
        tally.hot_journals,
        tally.file_written_before_rollback,
        tally.read_only_check_refused,
        tally
            .refusal
            .as_ref()
            .map(|e| format!(", saying: {e}"))
            .unwrap_or_default()
    );
    assert_eq!(tally.old + tally.new, tally.kills);
    assert_eq!(
        tally.read_only_check_refused, 0,
        "a reader refused a file with a hot journal instead of rolling it back: {:?}",
        tally.refusal
    );
    assert!(
        commit_time.is_some(),
        "the load never had a hot journal: it did not commit through the rollback journal"
    );
    // The kills must have tested something: most of those spread over the load interrupted it.
    assert!(
        tally.old >= KILLS / 2,
        "only {} of {} kills interrupted the load; the kill points are not spread over it",
        tally.old,
        tally.kills
    );
}

#[test]
fn kill_9_during_a_first_build_leaves_no_file_or_a_complete_one() {
    let fixture = fixture();
    let root = fixture.dir.path();

    // One complete first build into a missing file, watched: how long it took and the new
    // content.
    let dir = root.join("reference");
    fs::create_dir(&dir).unwrap();
    let started = Instant::now();
    let mut reference = watch(
        spawn_load(&dir, &fixture.big),
        started,
        &journal_of(&dir.join("kb.db")),
    );
    let build_time = reference.wall;
    let new = content(&dir.join("kb.db"));
    assert_eq!(new.events(), fixture.old.events() + BIG_EVENTS as u64);
    assert!(
        leftovers(&dir).is_empty(),
        "a complete build left {:?}",
        leftovers(&dir)
    );

    let mut rng = Lcg::new(0x6e65_772d_6669_6c65);
    let (mut absent, mut complete, mut stale_partials) = (0, 0, 0);
    for i in 0..NEW_FILE_KILLS {
        let at = fraction(i, NEW_FILE_KILLS, &mut rng);
        let what = format!("kill {i}, at {:.0}% of the build", at * 100.0);
        let dir = root.join(format!("new-kill-{i}"));
        fs::create_dir(&dir).unwrap();
        let db = dir.join("kb.db");
        let started = Instant::now();
        kill_at(spawn_load(&dir, &fixture.big), started, at, &mut reference);

        if db.exists() {
            // Renamed into place, so complete.
            run_ok(kb(&dir).args(["--db", "kb.db", "check"]));
            assert_eq!(
                content(&db),
                new,
                "{what}: kb.db exists but is not the new file"
            );
            complete += 1;
        } else {
            absent += 1;
        }
        assert!(
            !journal_of(&db).exists(),
            "{what}: a journal of kb.db exists though kb.db was never opened in place"
        );

        // The same `kb init --seed` run again builds the file as if nothing had happened. (A
        // bare `kb init` would rightly refuse a file the kill left complete: it holds facts
        // loaded from a folder, which only --force replaces.)
        run_ok(
            kb(&dir)
                .args(["--db", "kb.db", "init", "--seed"])
                .arg(&fixture.big),
        );
        run_ok(kb(&dir).args(["--db", "kb.db", "check"]));
        assert_eq!(
            content(&db),
            new,
            "{what}: kb init --seed after the kill did not give the seed's content"
        );
        stale_partials += leftovers(&dir)
            .iter()
            .filter(|name| name.contains(".partial-"))
            .count();
    }
    println!(
        "crash test (first build): {} of {NEW_FILE_KILLS} kills left no kb.db or a complete one \
         ({absent} none, {complete} complete; a build took {:.2?}); a later kb init worked \
         every time; {stale_partials} files named kb.db.partial-* of killed builds were still \
         there after it",
        absent + complete,
        build_time
    );
    assert_eq!(absent + complete, NEW_FILE_KILLS);
    assert_eq!(
        stale_partials, 0,
        "kb init left the partial files of killed builds behind"
    );
    assert!(
        absent >= NEW_FILE_KILLS / 2,
        "only {absent} of {NEW_FILE_KILLS} kills interrupted the build"
    );
}
