//! Corpus line frequency: lines a publisher repeats across its articles are
//! chrome.

/// A frequency verdict for one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrequencyHit {
    /// The rule name: `freq.source` or `freq.global`.
    pub rule: &'static str,
    /// In how many documents the line appears.
    pub docs: u32,
    /// Out of how many documents.
    pub of: u32,
    /// Which source the counts are for (empty for corpus-wide counts).
    pub source: String,
}

impl FrequencyHit {
    /// The evidence in words, for `--explain`: `14/15 docs of cnn.com`.
    pub fn detail(&self) -> String {
        if self.source.is_empty() {
            format!("{}/{} docs", self.docs, self.of)
        } else {
            format!("{}/{} docs of {}", self.docs, self.of, self.source)
        }
    }
}
