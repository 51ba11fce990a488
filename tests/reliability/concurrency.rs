//! Readers while a load writes: `kb sql` run back to back during `kb init --seed BIG` on the
//! same file must always answer (never "database is locked"), with the old or the new data;
//! and a query that starts during the load's commit, when the writer holds the file's
//! exclusive lock, must wait for it and answer with the new data.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{
    content, is_hot, journal_of, kb, leftovers, run_ok, write_big_seed, BIG_EVENTS,
};

/// Reads at least this many, and go on reading until the writer has finished.
const MIN_READS: usize = 10;
/// A load that has not ended this long after it started is stuck.
const STUCK: Duration = Duration::from_secs(120);

const QUERY: &str = "SELECT count(*) FROM events";

fn answer(count: u64) -> String {
    format!("count(*)\n{count}\n")
}

/// Waits for the commit of the load (its journal turning hot), then hands `reader`, which has
/// opened the file and waits for its query on stdin, the query at once: the query then starts
/// while the writer holds the exclusive lock. Gives up when `done` is set first. Returns
/// whether the commit was seen, and the reader's output.
fn query_during_commit(mut reader: Child, journal: &Path, done: &AtomicBool) -> (bool, Output) {
    let mut seen = false;
    while !done.load(Ordering::SeqCst) {
        if is_hot(journal) {
            seen = true;
            break;
        }
        thread::sleep(Duration::from_micros(100));
    }
    let mut stdin = reader.stdin.take().expect("a pipe to the reader");
    stdin.write_all(QUERY.as_bytes()).unwrap();
    drop(stdin);
    (
        seen,
        reader.wait_with_output().expect("the reader is reaped"),
    )
}

#[test]
fn readers_get_the_old_or_the_new_count_while_a_load_writes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    let big = root.join("big");
    write_big_seed(&big, BIG_EVENTS);
    run_ok(kb(root).arg("init"));
    let old = content(&root.join("kb.db")).events();
    let new = old + BIG_EVENTS as u64;

    // `kb sql` without a query opens the file, checks its schema, then reads the query from
    // stdin; started before the load, it is ready long before the commit.
    let commit_reader = kb(root)
        .args(["--db", "kb.db", "sql", "--format", "csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kb starts");
    let mut writer = kb(root)
        .args(["init", "--seed"])
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kb starts");
    let started = Instant::now();
    let journal = journal_of(&root.join("kb.db"));
    let done = AtomicBool::new(false);

    let (mut reads, mut old_answers, mut new_answers, mut during_load) = (0, 0, 0, 0);
    let mut slowest = Duration::ZERO;
    let (commit_seen, during_commit) = thread::scope(|scope| {
        let commit = scope.spawn(|| query_during_commit(commit_reader, &journal, &done));
        loop {
            let writing = writer.try_wait().unwrap().is_none();
            if !writing && reads >= MIN_READS {
                break;
            }
            assert!(started.elapsed() < STUCK, "the load did not end");
            let asked = Instant::now();
            let output = kb(root)
                .args(["--db", "kb.db", "sql", QUERY, "--format", "csv"])
                .output()
                .expect("kb runs");
            slowest = slowest.max(asked.elapsed());
            reads += 1;
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success() && stderr.is_empty(),
                "read {reads} (writer running: {writing}) failed with {}: {stderr}",
                output.status
            );
            if stdout == answer(old) {
                old_answers += 1;
            } else if stdout == answer(new) {
                new_answers += 1;
            } else {
                panic!(
                    "read {reads} printed {stdout:?}; expected the old count {old} or the new \
                     {new}"
                );
            }
            if writing && writer.try_wait().unwrap().is_none() {
                during_load += 1;
            }
        }
        done.store(true, Ordering::SeqCst);
        commit
            .join()
            .expect("the commit reader's thread does not panic")
    });

    let written = writer.wait_with_output().expect("the writer is reaped");
    assert!(
        written.status.success(),
        "kb init --seed BIG failed: {}",
        String::from_utf8_lossy(&written.stderr)
    );
    println!(
        "concurrency: {reads} reads ({during_load} wholly during the load, which took \
         {:.2?}): {old_answers} old, {new_answers} new; slowest read {slowest:.2?}; a query \
         started during the commit answered {:?}",
        started.elapsed(),
        String::from_utf8_lossy(&during_commit.stdout)
    );
    assert!(
        during_load >= 1 && old_answers >= 1,
        "no read ran while the load was writing, so the test tested nothing"
    );
    assert!(
        commit_seen,
        "the load's commit (a hot journal) was never seen"
    );
    assert!(
        during_commit.status.success(),
        "a query started during the commit failed (it must wait for the writer's lock): {}",
        String::from_utf8_lossy(&during_commit.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&during_commit.stdout),
        answer(new),
        "a query started during the commit must see the committed load"
    );

    let after = run_ok(kb(root).args(["sql", QUERY, "--format", "csv"]));
    assert_eq!(String::from_utf8_lossy(&after.stdout), answer(new));
    let left = leftovers(root);
    assert!(
        left.is_empty(),
        "the load left {left:?} beside kb.db (no -wal or -journal should remain)"
    );
}
