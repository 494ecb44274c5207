//! Writing results: clean text, JSONL records, and `--explain` listings.

mod atomic;
mod naming;

pub use atomic::{write_atomically, AtomicFile};
pub use naming::{output_path, plan_outputs, NameBy};

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::classify::{Cleaned, Verdict};
use crate::document::Document;

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
