//! How a stored value reads as text, and bytes as hexadecimal: one rule for every output
//! (tables, CSV, Markdown, exports, reading views, digests).

use rusqlite::types::Value;

/// One CSV line (ending in \n), each field quoted when it must be, as seed files write it.
pub fn csv_line(fields: &[&str]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing text to memory cannot fail; into_inner flushes.
    let _ = writer.write_record(fields);
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A value as text: NULL is empty, numbers as Rust writes them, a blob in hexadecimal.
pub fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => hex(b),
    }
}

/// Bytes as lowercase hexadecimal, two digits each.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_text() {
        assert_eq!(text(&Value::Null), "");
        assert_eq!(text(&Value::Integer(-3)), "-3");
        assert_eq!(text(&Value::Real(2.5)), "2.5");
        assert_eq!(text(&Value::Real(2.0)), "2");
        assert_eq!(text(&Value::Text("Łódź".into())), "Łódź");
        assert_eq!(text(&Value::Blob(vec![0, 255, 16])), "00ff10");
    }
}
