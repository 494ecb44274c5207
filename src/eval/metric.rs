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
    /// Page precision, as the reference defines it: 1 when nothing was wrong
    /// (FP = FN = 0), 0 when nothing was predicted (TP = FP = 0).
    pub fn precision(&self) -> f64 {
        if self.is_perfect() {
            1.0
        } else if self.prediction_is_empty() {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Page recall: 1 when nothing was wrong, 0 when the gold has no
    /// shingles but the prediction has (TP = FN = 0).
    pub fn recall(&self) -> f64 {
        if self.is_perfect() {
            1.0
        } else if self.gold_is_empty() {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// The page's own F1 (for ranking the worst pages).
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    /// Whether the prediction has no shingles (TP + FP = 0).
    pub fn prediction_is_empty(&self) -> bool {
        self.tp + self.fp == 0.0
    }

    /// Whether the gold has no shingles (TP + FN = 0).
    pub fn gold_is_empty(&self) -> bool {
        self.tp + self.fn_ == 0.0
    }

    /// Nothing predicted wrongly and nothing missed (FP = FN = 0).
    fn is_perfect(&self) -> bool {
        self.fp == 0.0 && self.fn_ == 0.0
    }

    /// Whether the page counts in mean precision. The reference leaves a page
    /// with an empty prediction out (its precision is undefined, not 0);
    /// FP = FN = 0 comes first in the reference, so two empty texts score 1.
    fn in_mean_precision(&self) -> bool {
        self.is_perfect() || !self.prediction_is_empty()
    }

    /// Whether the page counts in mean recall (the gold has shingles, or
    /// nothing was wrong).
    fn in_mean_recall(&self) -> bool {
        self.is_perfect() || !self.gold_is_empty()
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
    /// Pages scored.
    pub pages: usize,
    /// Pages whose prediction has no shingles: left out of mean precision,
    /// counted 0 in mean recall.
    pub empty: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Averages page scores as the reference does (data README, "Metric" step
/// 4): a page with an empty prediction is left out of mean precision and
/// counts 0 in mean recall; a page whose gold has no shingles is left out of
/// mean recall. A mean over no pages is 0.
///
/// ```
/// use pith::eval::{score_page, summarize};
/// let pages = [score_page("a b c d", "a b c d"), score_page("e f g h", "")];
/// let s = summarize(&pages);
/// assert_eq!((s.precision, s.recall, s.empty), (1.0, 0.5, 1));
/// ```
pub fn summarize(pages: &[PageCounts]) -> Summary {
    let precision = mean(
        pages
            .iter()
            .filter(|p| p.in_mean_precision())
            .map(PageCounts::precision),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|p| p.in_mean_recall())
            .map(PageCounts::recall),
    );
    Summary {
        pages: pages.len(),
        empty: pages.iter().filter(|p| p.prediction_is_empty()).count(),
        precision,
        recall,
        f1: f1(precision, recall),
    }
}

/// The mean of some values; 0 for none.
fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(sum, n), v| (sum + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Whether a text has at least one token, so at least one shingle. A
/// prediction without one is an empty output.
///
/// ```
/// assert!(pith::eval::has_shingles("— a —"));
/// assert!(!pith::eval::has_shingles(" — \n"));
/// ```
pub fn has_shingles(text: &str) -> bool {
    TOKEN.is_match(text)
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
        let pages = [
            score_page("a b c d", "a b c d"),
            score_page("a b c d", "e f g h"),
        ];
        let s = summarize(&pages);
        assert_eq!((s.precision, s.recall, s.empty), (0.5, 0.5, 0));
        assert!((s.f1 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn an_empty_prediction_is_left_out_of_mean_precision() {
        // Counting the empty page as precision 0 (the old behaviour) would
        // give P 0.5; the reference leaves it out of the mean.
        let pages = [score_page("a b c d", "a b c d"), score_page("a b c d", "")];
        let s = summarize(&pages);
        assert_eq!(s.precision, 1.0);
        assert_eq!(
            s.recall, 0.5,
            "an empty prediction still counts 0 in recall"
        );
        assert_eq!(s.empty, 1);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_prediction_of_punctuation_only_is_empty() {
        let s = score_page("a b c d", " -- | ... ");
        assert!(s.prediction_is_empty());
        assert_eq!(summarize(&[s]).empty, 1);
        assert!(!has_shingles(" -- | ... "));
    }

    #[test]
    fn only_empty_predictions_give_precision_zero_not_nan() {
        let s = summarize(&[score_page("a b c d", ""), score_page("e f g h", "")]);
        assert_eq!((s.precision, s.recall, s.f1, s.empty), (0.0, 0.0, 0.0, 2));
    }

    #[test]
    fn a_gold_without_shingles_is_left_out_of_mean_recall() {
        let pages = [
            score_page("a b c d", "a b c d e"),
            score_page("", "x y z w"),
        ];
        let s = summarize(&pages);
        assert_eq!(s.recall, 1.0);
        // P: 0.5 on the first page, 0 on the second (chrome where there is no gold).
        assert!((s.precision - 0.25).abs() < 1e-12, "{s:?}");
    }

    #[test]
    fn two_empty_texts_count_as_perfect_in_both_means() {
        let pages = [score_page("", ""), score_page("a b c d", "e f g h")];
        let s = summarize(&pages);
        assert_eq!((s.precision, s.recall), (0.5, 0.5));
        assert_eq!(s.empty, 1);
    }

    #[test]
    fn no_pages_summarize_to_zero() {
        assert_eq!(summarize(&[]), Summary::default());
    }
}
