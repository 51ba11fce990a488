//! `kb migrate status`.

use crate::workdir::{stdout, Workdir};

#[test]
fn status_lists_every_migration_as_applied_after_init() {
    let wd = Workdir::new();
    wd.init();
    let output = wd
        .kb()
        .args(["migrate", "status", "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "version,name,state,applied_on");
    assert!(
        lines[1].starts_with("1,create_knowledge_base,applied,"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("2,create_report_views,applied,"),
        "{text}"
    );
    assert_eq!(lines.len(), 3);
}
