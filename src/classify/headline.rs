//! Finding the headline among the blocks before the body.

use std::ops::Range;

use super::{Evidence, Verdict};
use crate::document::Document;

/// Index of the headline block, if one is found.
///
/// A headline candidate sits before the body, was not dropped by a rule,
/// has between 3 and 30 words and does not end in a full stop. Scrapers often
/// put the page's `<title>` first and the on-page headline later, so a later
/// candidate that shares most of its words with the first block (or with the
/// declared title) wins; otherwise the candidate nearest the body does.
pub(crate) fn find(
    doc: &Document,
    evidence: &[Evidence],
    body: &Range<usize>,
    verdicts: &[Verdict],
) -> Option<usize> {
    let end = if body.is_empty() {
        doc.len()
    } else {
        body.start
    };
    let candidates: Vec<usize> = (0..end)
        .filter(|&i| {
            let f = &evidence[i].features;
            evidence[i].rule.is_none()
                && !matches!(&verdicts[i], Verdict::Drop { rule, .. } if !rule.starts_with("context."))
                && (3..=30).contains(&f.words)
                && f.chars <= 250
                && !doc.blocks[i].text.ends_with('.')
        })
        .collect();
    let reference = doc
        .declared_title
        .as_deref()
        .or_else(|| doc.blocks.first().map(|b| b.text.as_str()))?;
    candidates
        .iter()
        .rev()
        .find(|&&i| overlap(&doc.blocks[i].text, reference) >= 0.6)
        .or_else(|| candidates.last())
        .copied()
}

/// Share of `candidate`'s words found in `reference`, case-insensitively.
fn overlap(candidate: &str, reference: &str) -> f32 {
    let reference: Vec<String> = reference
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let words: Vec<String> = candidate
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let shared = words.iter().filter(|w| reference.contains(w)).count();
    shared as f32 / words.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_case_insensitive() {
        assert_eq!(overlap("AMD More Fleet", "Forbes.com: amd more fleet"), 1.0);
        assert_eq!(overlap("", "x"), 0.0);
    }
}
