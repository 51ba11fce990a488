//! How a stored value reads as text, and bytes as hexadecimal: one rule for every output
//! (tables, CSV, Markdown, exports, reading views, digests); and the quick test for control
//! characters that both the output's escaping and the seed's checks start with.

use std::borrow::Cow;

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
    as_text(value).into_owned()
}

/// [`text`], borrowing a text value instead of copying it.
pub fn as_text(value: &Value) -> Cow<'_, str> {
    match value {
        Value::Null => Cow::Borrowed(""),
        Value::Integer(n) => Cow::Owned(n.to_string()),
        Value::Real(x) => Cow::Owned(x.to_string()),
        Value::Text(s) => Cow::Borrowed(s),
        Value::Blob(b) => Cow::Owned(hex(b)),
    }
}

/// Whether `text` may hold a control character (U+0000 to U+001F, U+007F to U+009F): not when
/// none of its bytes is below 0x20, 0x7F or 0xC2 (the first byte of U+0080 to U+00BF), which
/// is quicker to tell than decoding its characters.
pub fn may_hold_control(text: &str) -> bool {
    // A block at a time without stopping early, which the compiler turns into vector code.
    let suspect = |b: &u8| (*b < 0x20) | (*b == 0x7F) | (*b == 0xC2);
    text.as_bytes()
        .chunks(32)
        .any(|block| block.iter().fold(false, |seen, b| seen | suspect(b)))
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
