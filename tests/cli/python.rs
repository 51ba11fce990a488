//! The file as other tools see it: Python's sqlite3 opens kb.db, finds the contract tables,
//! and SQLite's own integrity and foreign key checks pass.

use std::process::Command;

use crate::workdir::Workdir;

const CHECK: &str = r#"
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
contract = {"sources", "countries", "places", "persons", "person_offices", "organizations", "events",
            "event_participants", "agreements", "agreement_parties", "figures", "missions",
            "memberships", "transport_links", "decorations", "decoration_awards", "v_trade"}
print("missing:", sorted(contract - tables))
print("integrity:", conn.execute("PRAGMA integrity_check").fetchone()[0])
print("foreign keys:", conn.execute("PRAGMA foreign_key_check").fetchall())
print("trade rows:", conn.execute("SELECT count(*) FROM v_trade").fetchone()[0])
"#;

#[test]
fn python_sqlite3_sees_a_sound_file() {
    let wd = Workdir::new();
    let db = wd.init();
    let output = Command::new("python3")
        .args(["-c", CHECK])
        .arg(&db)
        .output()
        .expect("python3 runs (CI installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "missing: []\nintegrity: ok\nforeign keys: []\ntrade rows: 9\n"
    );
}
