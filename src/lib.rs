//! # pith
//!
//! Strips publisher chrome — newsletter prompts, teasers, related-story
//! lists, captions, share bars, comment forms, bylines, navigation, legal
//! notices — from scraped news and keeps the clean article body.
//!
//! One pipeline serves every input:
//!
//! ```text
//! input ──► document of blocks ──► classify each block ──► keep the body ──► output
//! (files,    (lines of a dump,      (rules, repeats,        (one paragraph
//!  JSONL)     blocks of a DOM)       corpus frequency,        a line)
//!                                    position, context)
//! ```
//!
//! Every dropped block carries the name of the rule that dropped it.
//!
//! ```
//! let dump = "\
//! World News
//! Council closes the old library
//! By Jane Doe
//! The city council voted on Tuesday to close the old library, ending a decade of debate over its future.
//! Sign up for our daily newsletter
//! Residents who opposed the plan said they would keep campaigning for a new branch in the town centre.
//! Share this article";
//! let cleaned = pith::Cleaner::default().clean_text(dump);
//! assert_eq!(cleaned.title.as_deref(), Some("Council closes the old library"));
//! assert_eq!(cleaned.body.lines().count(), 2);
//! assert_eq!(cleaned.dropped_by_rule()["newsletter.sign_up"], 1);
//! ```

pub mod app;
pub mod classify;
pub mod document;
pub mod eval;
mod fixed_hash;
pub mod frequency;
pub mod html;
pub mod input;
pub mod language;
pub mod memory;
pub mod output;
pub mod pipeline;
pub mod rules;

pub use classify::{Cleaned, Verdict};
pub use document::Document;
pub use rules::RuleSet;

use classify::FrequencyEvidence;
use input::Payload;

/// Cleans documents with a set of rules. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Cleaner {
    rules: RuleSet,
}

impl Default for Cleaner {
    /// A cleaner with the built-in rules.
    fn default() -> Self {
        Cleaner::new(RuleSet::builtin())
    }
}

impl Cleaner {
    /// A cleaner with the given rules.
    pub fn new(rules: RuleSet) -> Self {
        Cleaner { rules }
    }

    /// The rules in use.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Builds the document of blocks for an input payload.
    pub fn document(&self, payload: &Payload) -> Result<Document, String> {
        match payload {
            Payload::Text(text) => match input::looks_binary(text) {
                Some(why) => Err(why),
                None => Ok(document::from_text(text)),
            },
            Payload::Html(html) => html::parse_str(html),
            Payload::HtmlBytes(bytes) => html::parse_bytes(bytes),
            Payload::HtmlDeclared { bytes, charset } => {
                html::parse_bytes_with_charset(bytes, charset)
            }
        }
    }

    /// Classifies a document's blocks and returns the body, with corpus
    /// frequency evidence when statistics are in use.
    pub fn clean(&self, doc: &Document, frequency: Option<FrequencyEvidence>) -> Cleaned {
        classify::classify(doc, &self.rules, frequency)
    }

    /// Classifies a document with corpus counts: each block's line is looked
    /// up in `stats` for the document's `source`.
    ///
    /// ```
    /// use pith::frequency::{FrequencyPolicy, LineStats};
    /// let mut stats = LineStats::default();
    /// for _ in 0..5 {
    ///     stats.add_document("a.com", ["Tidewatch quiz every Friday"].into_iter());
    /// }
    /// stats.seal();
    /// let doc = pith::document::from_text("Tidewatch quiz every Friday\nThe harbour board met on Monday and agreed to dredge the channel before the summer season begins.");
    /// let cleaned = pith::Cleaner::default().clean_with_stats(&doc, &stats, "a.com", &FrequencyPolicy::default());
    /// assert_eq!(cleaned.verdicts[0].rule(), Some("freq.source"));
    /// ```
    pub fn clean_with_stats(
        &self,
        doc: &Document,
        stats: &frequency::LineStats,
        source: &str,
        policy: &frequency::FrequencyPolicy,
    ) -> Cleaned {
        let counts: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| stats.counts_of(source, frequency::fingerprint(&b.text)))
            .collect();
        self.clean(
            doc,
            Some(FrequencyEvidence {
                counts: &counts,
                source,
                policy,
            }),
        )
    }

    /// Cleans a text dump without corpus statistics.
    ///
    /// ```
    /// let cleaned = pith::Cleaner::default().clean_text("Advertisement\nIt was a long, cold winter in the valley, and the farmers said the harvest had suffered for it.");
    /// assert_eq!(cleaned.body, "It was a long, cold winter in the valley, and the farmers said the harvest had suffered for it.\n");
    /// ```
    pub fn clean_text(&self, text: &str) -> Cleaned {
        self.clean(&document::from_text(text), None)
    }
}
