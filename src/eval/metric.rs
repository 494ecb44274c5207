//! The article-extraction-benchmark metric: 4-token shingles, per-page
//! normalised counts, mean precision and mean recall, F1 of the two means.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// The reference tokenizer is Python's `\w+`, which matches letters, numbers
/// and `_` but not combining marks; Rust's `\w` also takes marks (and would
/// score Devanagari or decomposed accents differently), so the class is
/// spelled out.
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("valid token regex"));

/// Shingle length.
const N: usize = 4;

/// One page's counts, normalised so they sum to 1 (all zero when both texts
/// have no tokens).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageCounts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl PageCounts {
    /// Precision: 1 when nothing was wrong (FP = FN = 0), 0 when nothing was
    /// predicted against a non-empty gold.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Recall: 1 when nothing was wrong, 0 when the gold is empty but the
    /// prediction is not.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// The page's own F1 (for ranking the worst pages).
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// F1 of a precision and a recall (0 when both are 0).
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// The multiset of 4-token shingles of a text. A text of fewer than four
/// tokens is one shorter shingle; a text with no tokens has none.
fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let tokens: Vec<&str> = TOKEN.find_iter(text).map(|m| m.as_str()).collect();
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let windows = tokens.len().saturating_sub(N) + 1;
    for i in 0..windows {
        let end = (i + N).min(tokens.len());
        *counts.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Scores a prediction against a gold text.
///
/// ```
/// use pith::eval::score_page;
/// let exact = score_page("the cat sat on the mat", "the cat sat on the mat");
/// assert_eq!((exact.precision(), exact.recall()), (1.0, 1.0));
/// let half = score_page("a b c d e", "a b c d");
/// assert_eq!(half.precision(), 1.0);
/// assert_eq!(half.recall(), 0.5);
/// ```
pub fn score_page(gold: &str, prediction: &str) -> PageCounts {
    let gold = shingles(gold);
    let pred = shingles(prediction);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (shingle, &g) in &gold {
        let p = pred.get(shingle).copied().unwrap_or(0);
        tp += u64::from(g.min(p));
        fn_ += u64::from(g.saturating_sub(p));
    }
    for (shingle, &p) in &pred {
        let g = gold.get(shingle).copied().unwrap_or(0);
        fp += u64::from(p.saturating_sub(g));
    }
    let total = (tp + fp + fn_) as f64;
    if total == 0.0 {
        return PageCounts {
            tp: 0.0,
            fp: 0.0,
            fn_: 0.0,
        };
    }
    PageCounts {
        tp: tp as f64 / total,
        fp: fp as f64 / total,
        fn_: fn_ as f64 / total,
    }
}

/// Mean precision, mean recall and their F1 over many pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Averages page scores.
pub fn summarize(pages: &[PageCounts]) -> Summary {
    if pages.is_empty() {
        return Summary::default();
    }
    let n = pages.len() as f64;
    let precision = pages.iter().map(PageCounts::precision).sum::<f64>() / n;
    let recall = pages.iter().map(PageCounts::recall).sum::<f64>() / n;
    Summary {
        pages: pages.len(),
        precision,
        recall,
        f1: f1(precision, recall),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_gold_and_empty_prediction_is_perfect() {
        let s = score_page("", "");
        assert_eq!((s.precision(), s.recall()), (1.0, 1.0));
    }

    #[test]
    fn empty_prediction_scores_zero() {
        let s = score_page("some gold text here", "");
        assert_eq!((s.precision(), s.recall()), (0.0, 0.0));
    }

    #[test]
    fn empty_gold_with_a_prediction_scores_zero() {
        let s = score_page("", "chrome that should not be here");
        assert_eq!((s.precision(), s.recall()), (0.0, 0.0));
    }

    #[test]
    fn fewer_than_four_tokens_is_one_shingle() {
        assert_eq!(score_page("two words", "two words").precision(), 1.0);
        let s = score_page("two words", "two wordz");
        assert_eq!((s.tp, s.precision()), (0.0, 0.0));
        assert_eq!(shingles("a b c").len(), 1);
        assert_eq!(shingles("a b c d e").len(), 2);
    }

    #[test]
    fn repeated_shingles_count_as_a_multiset() {
        // Gold has the shingle once, the prediction twice: one TP, one FP.
        let s = score_page("a b c d", "a b c d a b c d");
        // Prediction shingles: abcd, bcda, cdab, dabc, abcd -> 4 distinct, abcd twice.
        assert!((s.tp - 1.0 / 5.0).abs() < 1e-12, "{s:?}");
        assert!((s.fp - 4.0 / 5.0).abs() < 1e-12);
        assert_eq!(s.fn_, 0.0);
        assert_eq!(s.recall(), 1.0);
    }

    #[test]
    fn unicode_words_are_tokens_and_case_is_kept() {
        assert_eq!(shingles("Über Straße naïve café").len(), 1);
        let s = score_page("Über Straße naïve café", "über Straße naïve café");
        assert_eq!(s.tp, 0.0, "case is kept");
        assert_eq!(
            score_page("東京 大阪 京都 奈良", "東京 大阪 京都 奈良").precision(),
            1.0
        );
        // A combining mark ends a token, as in Python's `\w`.
        let marked = shingles("cafe\u{301}");
        let token = marked.keys().next().map(|k| k.join(" "));
        assert_eq!(token.as_deref(), Some("cafe"));
        // Punctuation is not a token.
        assert_eq!(score_page("a, b. c! d?", "a b c d").recall(), 1.0);
    }

    #[test]
    fn summary_is_f1_of_means() {
        let pages = [score_page("a b c d", "a b c d"), score_page("a b c d", "")];
        let s = summarize(&pages);
        assert_eq!((s.precision, s.recall), (0.5, 0.5));
        assert!((s.f1 - 0.5).abs() < 1e-12);
    }
}
