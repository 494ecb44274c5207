//! Deciding whether an input is a text dump or an HTML page.

use std::path::Path;

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// By extension and content.
    #[default]
    Auto,
    /// A scraped text dump, one block per line.
    Text,
    /// An HTML page.
    Html,
}

/// Whether a file name says HTML (`.html`, `.htm`, `.xhtml`, also gzipped).
pub fn has_html_extension(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml")
}

/// Whether content looks like an HTML page rather than a text dump.
///
/// A page starts (after white space and a byte-order mark) with markup and
/// has a document-level tag near the start. A text dump with a stray tag in a
/// caption (`<a href=...>License Photo</a>`) does not start with markup.
///
/// ```
/// use pith::input::looks_like_html;
/// assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html><body>x"));
/// assert!(looks_like_html(b"<html lang=en><head><title>x</title>"));
/// assert!(!looks_like_html(b"Headline\nCaption | <a href=\"/x\">License Photo</a>"));
/// assert!(!looks_like_html(b"<3 this recipe"));
/// ```
pub fn looks_like_html(content: &[u8]) -> bool {
    let content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    let start = content
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(content.len());
    let head = &content[start..content.len().min(start + 4096)];
    if head.first() != Some(&b'<') {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [
        b"<!doctype html".as_slice(),
        b"<html",
        b"<head",
        b"<body",
        b"<meta ",
    ]
    .iter()
    .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// Whether a stream whose first non-blank line is `line` holds JSONL: the
/// line (a byte-order mark and white space aside) is a JSON object, or at
/// least starts like one (`{"`) and ends with `}`, so a first record that is
/// malformed is still reported as a bad record rather than the whole stream
/// taken for one text dump.
///
/// ```
/// use pith::input::looks_like_jsonl;
/// assert!(looks_like_jsonl(b"{\"id\": 1, \"text\": \"Body.\"}\n"));
/// assert!(looks_like_jsonl(b"\xEF\xBB\xBF { }\r\n"));
/// assert!(looks_like_jsonl(b"{\"id\": 1, \"text\": \"broken}"));
/// assert!(!looks_like_jsonl(b"{{Infobox person}}\n"));
/// assert!(!looks_like_jsonl(b"Headline\n"));
/// assert!(!looks_like_jsonl(b"<html><body>x"));
/// ```
pub fn looks_like_jsonl(line: &[u8]) -> bool {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let line = line.trim_ascii();
    if !(line.starts_with(b"{") && line.ends_with(b"}")) {
        return false;
    }
    let opens_a_key = line[1..].trim_ascii_start().starts_with(b"\"");
    opens_a_key
        || matches!(
            serde_json::from_slice::<serde_json::Value>(line),
            Ok(serde_json::Value::Object(_))
        )
}

/// Whether the start of a line too long to read whole opens a JSON record:
/// `{` and a key's opening quote (a byte-order mark and white space aside).
///
/// ```
/// use pith::input::opens_a_record;
/// assert!(opens_a_record(b"\xEF\xBB\xBF { \"text\": \"a very long"));
/// assert!(!opens_a_record(b"{{Infobox"));
/// ```
pub fn opens_a_record(start: &[u8]) -> bool {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    start
        .trim_ascii_start()
        .strip_prefix(b"{")
        .is_some_and(|rest| rest.trim_ascii_start().starts_with(b"\""))
}

/// Resolves `Auto` for a whole file from its name and content (a page in
/// UTF-16 with a byte-order mark is looked at decoded).
///
/// ```
/// use pith::input::{detect, Mode};
/// use std::path::Path;
/// let mut page = vec![0xfe, 0xff];
/// page.extend("<html><body>x".encode_utf16().flat_map(u16::to_be_bytes));
/// assert_eq!(detect(Mode::Auto, Path::new("-"), &page), Mode::Html);
/// assert_eq!(detect(Mode::Auto, Path::new("a.txt"), b"Headline"), Mode::Text);
/// ```
pub fn detect(mode: Mode, path: &Path, content: &[u8]) -> Mode {
    match mode {
        Mode::Auto if has_html_extension(path) || looks_like_html(content) => Mode::Html,
        Mode::Auto if utf16_looks_like_html(content) => Mode::Html,
        Mode::Auto => Mode::Text,
        forced => forced,
    }
}

/// Whether content with a UTF-16 byte-order mark looks like HTML once its
/// start is decoded.
fn utf16_looks_like_html(content: &[u8]) -> bool {
    match encoding_rs::Encoding::for_bom(content) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            let head = &content[bom..content.len().min(bom + 8192)];
            looks_like_html(encoding.decode_without_bom_handling(head).0.as_bytes())
        }
        _ => false,
    }
}
