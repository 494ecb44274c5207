//! Corpus line frequency: a line that a publisher prints on many of its
//! articles (a newsletter box, a footer, a section menu) is chrome even when no
//! rule names it; a short label that many publishers print ("Advertisement")
//! is chrome too.
//!
//! Counting is a separate pass over the corpus ([`LineStats::add_document`]);
//! the counts can be saved, merged across shards and loaded again
//! ([`LineStats::to_bytes`], [`LineStats::merge`], [`LineStats::from_bytes`]),
//! so a corpus too big for one run is counted shard by shard and cleaned with
//! the same result as one run over everything.

mod copies;
mod fingerprint;
mod source;
mod stats;
mod table;

pub use copies::Copies;
pub(crate) use fingerprint::fnv1a;
pub use fingerprint::{fingerprint, normalize};
pub use source::{registrable_domain, source_of};
pub use stats::{LineStats, StatsError};

/// Corpus counts for one block, looked up in [`LineStats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineCounts {
    /// Documents of the block's source that contain the line.
    pub docs: u32,
    /// Documents of the block's source.
    pub of: u32,
    /// Sources with at least one document containing the line.
    pub sources: u32,
}

/// When counts make a line chrome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrequencyPolicy {
    /// A line must appear in at least this many documents of its source (and a
    /// source must have at least this many documents to give verdicts).
    pub min_docs: u32,
    /// ...and in at least this share of them.
    pub min_share: f32,
    /// The share needed for a line that reads as a paragraph of prose: a
    /// recurring paragraph needs more evidence than a recurring label.
    pub prose_share: f32,
    /// A short, non-narrative line seen in at least this many sources is
    /// chrome even when each source has it only a few times.
    pub min_sources: u32,
}

impl Default for FrequencyPolicy {
    /// Defaults chosen on the dev data; see the README.
    fn default() -> Self {
        FrequencyPolicy {
            min_docs: 3,
            min_share: 0.5,
            prose_share: 0.8,
            min_sources: 3,
        }
    }
}

/// A frequency verdict for one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrequencyHit {
    /// The rule name: `freq.source` or `freq.global`.
    pub rule: &'static str,
    /// In how many documents (or sources) the line appears.
    pub docs: u32,
    /// Out of how many documents (0 for corpus-wide counts).
    pub of: u32,
    /// Which source the counts are for (empty for corpus-wide counts).
    pub source: String,
}

impl FrequencyHit {
    /// The evidence in words, for `--explain`: `14/15 docs of cnn.com`.
    pub fn detail(&self) -> String {
        if self.rule == "freq.global" {
            format!("{} sources", self.docs)
        } else if self.source.is_empty() {
            format!("{}/{} docs of the input", self.docs, self.of)
        } else {
            format!("{}/{} docs of {}", self.docs, self.of, self.source)
        }
    }
}
