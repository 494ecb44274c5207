//! Scoring cleaned output against gold bodies: the benchmark metric
//! ([`score_page`], [`summarize`]) and the `with`/`without` snippet checks.

mod metric;

pub use metric::{f1, has_shingles, score_page, summarize, PageCounts, Summary};

use crate::document::collapse_whitespace;

/// Whether `snippet` occurs in `text` once white space is normalised on both
/// sides.
///
/// ```
/// assert!(pith::eval::snippet_present("a  b\nc d", "b c"));
/// assert!(!pith::eval::snippet_present("a b", "a c"));
/// ```
pub fn snippet_present(text: &str, snippet: &str) -> bool {
    let snippet = collapse_whitespace(snippet);
    !snippet.is_empty() && collapse_whitespace(text).contains(&snippet)
}

/// How many of a page's `with` snippets were found and how many of its
/// `without` snippets were wrongly present.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SnippetCounts {
    pub with_found: usize,
    pub with_total: usize,
    pub without_present: usize,
    pub without_total: usize,
}

impl SnippetCounts {
    /// Checks `text` against the snippet lists.
    pub fn check(text: &str, with: &[String], without: &[String]) -> SnippetCounts {
        let text = collapse_whitespace(text);
        let present = |s: &String| {
            let s = collapse_whitespace(s);
            !s.is_empty() && text.contains(&s)
        };
        SnippetCounts {
            with_found: with.iter().filter(|s| present(s)).count(),
            with_total: with.len(),
            without_present: without.iter().filter(|s| present(s)).count(),
            without_total: without.len(),
        }
    }

    /// Adds another page's counts.
    pub fn add(&mut self, other: SnippetCounts) {
        self.with_found += other.with_found;
        self.with_total += other.with_total;
        self.without_present += other.without_present;
        self.without_total += other.without_total;
    }
}
