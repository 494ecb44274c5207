//! Writing results: clean text, JSONL records, and `--explain` listings.

mod atomic;
mod naming;

pub use atomic::{write_atomically, AtomicFile};
pub use naming::{output_path, plan_outputs, NameBy};

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::classify::{Cleaned, Verdict};
use crate::document::Document;
use crate::input::WarcOffset;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The clean body as plain text.
    Text,
    /// One JSON record per document.
    Jsonl,
}

/// The `--explain` listing of one document: a header line naming the
/// identified language, then every block with its verdict and the rule that
/// decided it.
///
/// ```
/// let cleaner = pith::Cleaner::default();
/// let doc = pith::document::from_text("Headline words here\nShare this article\nThe council voted on Tuesday to close the old library, ending a decade of debate.");
/// let cleaned = cleaner.clean(&doc, None);
/// let listing = pith::output::explain(&doc, &cleaned);
/// assert_eq!(listing.lines().collect::<Vec<_>>(), [
///     "# language: en",
///     "TITLE  Headline words here",
///     "DROP share.bar  Share this article",
///     "KEEP  The council voted on Tuesday to close the old library, ending a decade of debate.",
/// ]);
/// ```
pub fn explain(doc: &Document, cleaned: &Cleaned) -> String {
    let mut out = String::new();
    out.push_str("# language: ");
    out.push_str(cleaned.language.unwrap_or("unknown"));
    out.push('\n');
    for (block, verdict) in doc.blocks.iter().zip(&cleaned.verdicts) {
        match verdict {
            Verdict::Keep => out.push_str("KEEP  "),
            Verdict::Headline => out.push_str("TITLE  "),
            Verdict::Drop { rule, detail } => {
                out.push_str("DROP ");
                out.push_str(rule);
                if let Some(detail) = detail {
                    out.push_str(" (");
                    out.push_str(detail);
                    out.push(')');
                }
                out.push_str("  ");
            }
        }
        out.push_str(&block.text);
        out.push('\n');
    }
    out
}

/// The JSONL output record for a document: every field of the input record,
/// the clean body in `text_field`, the HTML field dropped, `title` when a
/// headline was found, and a `pith` object counting what each rule dropped.
pub fn json_record(
    input: Option<&Map<String, Value>>,
    fallback_id: &str,
    fields: &crate::input::FieldNames,
    cleaned: &Cleaned,
) -> Map<String, Value> {
    let mut record = input.cloned().unwrap_or_else(|| {
        let mut m = Map::new();
        m.insert(fields.id.clone(), Value::String(fallback_id.to_string()));
        m
    });
    record.remove(&fields.html);
    record.insert(fields.text.clone(), Value::String(cleaned.body.clone()));
    if let Some(title) = &cleaned.title {
        record.insert("title".into(), Value::String(title.clone()));
    }
    if let Some(language) = cleaned.language {
        record.insert("language".into(), Value::String(language.to_string()));
    }
    let dropped: Map<String, Value> = cleaned
        .dropped_by_rule()
        .into_iter()
        .map(|(rule, n)| (rule.to_string(), Value::from(n)))
        .collect();
    let mut pith = Map::new();
    pith.insert("kept".into(), Value::from(cleaned.kept()));
    pith.insert("dropped".into(), Value::Object(dropped));
    record.insert("pith".into(), Value::Object(pith));
    record
}

/// The JSONL output record for an input record that could not be read: its
/// line and the error, so output stays one record per input line.
pub fn error_record(line: usize, error: &str) -> Map<String, Value> {
    let mut pith = Map::new();
    pith.insert("error".into(), Value::String(error.to_string()));
    pith.insert("line".into(), Value::from(line));
    let mut record = Map::new();
    record.insert("pith".into(), Value::Object(pith));
    record
}

/// The JSONL output record for a WARC record that could not be read: where
/// it starts, its id when known, and the error.
///
/// ```
/// use pith::input::WarcOffset;
/// let record = pith::output::warc_error_record(WarcOffset::Member(5120), Some("<urn:x>"), "boom");
/// assert_eq!(
///     serde_json::Value::Object(record).to_string(),
///     r#"{"pith":{"error":"boom","offset":5120,"offset_in":"compressed","id":"<urn:x>"}}"#
/// );
/// ```
pub fn warc_error_record(offset: WarcOffset, id: Option<&str>, error: &str) -> Map<String, Value> {
    // Which stream the offset counts bytes of: the file as stored
    // (compressed for a gzip member's start) or the decompressed one.
    let (at, offset_in) = offset.parts();
    let mut pith = Map::new();
    pith.insert("error".into(), Value::String(error.to_string()));
    pith.insert("offset".into(), Value::from(at));
    pith.insert("offset_in".into(), Value::String(offset_in.into()));
    if let Some(id) = id {
        pith.insert("id".into(), Value::String(id.to_string()));
    }
    let mut record = Map::new();
    record.insert("pith".into(), Value::Object(pith));
    record
}

/// The name of the text file for a WARC record, made from its id and never
/// from its URL: a `urn:uuid:` id gives its UUID; any other id keeps its
/// letters, digits, `-` and `_` (at most 64) and gets a hash of the whole
/// id, so two ids never share a name; a record without an id is named by its
/// number among the file's pages.
///
/// ```
/// use pith::output::record_file_name;
/// assert_eq!(
///     record_file_name(Some("<urn:uuid:0f5a0b6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b>"), 3),
///     "0f5a0b6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.txt"
/// );
/// let odd = record_file_name(Some("<../../etc/passwd>"), 3);
/// assert!(odd.starts_with("etcpasswd-") && odd.ends_with(".txt"), "{odd}");
/// assert_eq!(record_file_name(None, 3), "record-3.txt");
/// ```
pub fn record_file_name(id: Option<&str>, number: usize) -> String {
    let Some(id) = id.filter(|id| !id.trim().is_empty()) else {
        return format!("record-{number}.txt");
    };
    let bare = id.trim().trim_start_matches('<').trim_end_matches('>');
    if let Some(uuid) = bare.strip_prefix("urn:uuid:") {
        if !uuid.is_empty()
            && uuid.len() <= 64
            && uuid.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
        {
            return format!("{uuid}.txt");
        }
    }
    let kept: String = bare
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    format!("{kept}-{:016x}.txt", crate::frequency::fnv1a(id.as_bytes()))
}

/// Where the clean text of an input file goes under an output directory:
/// the same relative path, with `.gz` removed and `.html`/`.htm` made `.txt`.
///
/// ```
/// use std::path::Path;
/// let out = pith::output::mirrored_path(Path::new("out"), Path::new("news/a.html.gz"));
/// assert_eq!(out, Path::new("out/news/a.txt"));
/// ```
pub fn mirrored_path(out_dir: &Path, relative: &Path) -> PathBuf {
    let mut name = relative.to_path_buf();
    if name
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        name.set_extension("");
    }
    if name.extension().is_some_and(|e| {
        ["html", "htm", "xhtml"]
            .iter()
            .any(|h| e.eq_ignore_ascii_case(h))
    }) {
        name.set_extension("txt");
    }
    out_dir.join(name)
}
