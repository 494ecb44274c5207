//! The snippet metric (trafilatura's evaluation): per page, `with` snippets
//! that must appear in the output and `without` snippets that must not;
//! counts are summed over pages before precision and recall are taken.

use super::metric::f1;

/// White space collapsed as the reference metric does it (Python's
/// `" ".join(text.split())`): no other normalisation, so that a figure here
/// is the figure the reference scorer gives for the same output.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

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

/// How many of a page's (or many pages') `with` snippets were found and how
/// many `without` snippets were wrongly present.
///
/// ```
/// use pith::eval::SnippetCounts;
/// let with = ["kept sentence".to_string(), "lost sentence".to_string()];
/// let without = ["Subscribe now".to_string()];
/// let page = SnippetCounts::check("A kept sentence.\nSubscribe now", &with, &without);
/// assert_eq!((page.true_positives(), page.false_negatives(), page.false_positives()), (1, 1, 1));
/// assert_eq!((page.precision(), page.recall()), (0.5, 0.5));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SnippetCounts {
    pub with_found: usize,
    pub with_total: usize,
    pub without_present: usize,
    pub without_total: usize,
}

impl SnippetCounts {
    /// Checks `text` against the snippet lists. An empty snippet is never
    /// found.
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

    /// Whether there were no snippets to check at all.
    pub fn is_empty(&self) -> bool {
        self.with_total + self.without_total == 0
    }

    /// TP: `with` snippets found.
    pub fn true_positives(&self) -> usize {
        self.with_found
    }

    /// FP: `without` snippets present.
    pub fn false_positives(&self) -> usize {
        self.without_present
    }

    /// FN: `with` snippets missing.
    pub fn false_negatives(&self) -> usize {
        self.with_total.saturating_sub(self.with_found)
    }

    /// TP / (TP + FP); 0 when nothing was found at all.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives(),
            self.true_positives() + self.false_positives(),
        )
    }

    /// TP / (TP + FN); 0 when there were no `with` snippets.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives(),
            self.true_positives() + self.false_negatives(),
        )
    }

    /// F1 of [`precision`](Self::precision) and [`recall`](Self::recall).
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn snippet_counts_follow_the_data_readme() {
        let with = strings(&["first  line", "second line", "never printed"]);
        let without = strings(&["Share this", "Cookie notice"]);
        let page = SnippetCounts::check("first\nline\nsecond line\nShare this", &with, &without);
        assert_eq!(page.true_positives(), 2);
        assert_eq!(page.false_negatives(), 1);
        assert_eq!(page.false_positives(), 1);
        assert!((page.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((page.recall() - 2.0 / 3.0).abs() < 1e-12);
        assert!((page.f1() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn counts_are_summed_over_pages_not_averaged() {
        // Page one: 1 TP. Page two: 0 TP, 3 FP. Averaging page precisions
        // would give 0.5; summing gives 1/4.
        let mut total = SnippetCounts::check("kept", &strings(&["kept"]), &[]);
        total.add(SnippetCounts::check(
            "a b c",
            &strings(&["gone"]),
            &strings(&["a", "b", "c"]),
        ));
        assert_eq!(total.precision(), 0.25);
        assert_eq!(total.recall(), 0.5);
    }

    #[test]
    fn an_empty_output_finds_nothing_and_has_precision_zero() {
        let page = SnippetCounts::check("", &strings(&["x"]), &strings(&["y"]));
        assert_eq!(
            (page.precision(), page.recall(), page.f1()),
            (0.0, 0.0, 0.0)
        );
        assert!(!page.is_empty());
        assert!(SnippetCounts::default().is_empty());
    }

    #[test]
    fn an_empty_snippet_is_never_found() {
        let page = SnippetCounts::check("text", &strings(&["  "]), &strings(&[""]));
        assert_eq!((page.with_found, page.without_present), (0, 0));
    }
}
