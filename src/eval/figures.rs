//! Figures over many pages: the shingle means where records have a gold
//! body, the summed snippet counts where they have snippets, and the number
//! of empty outputs, for a whole dataset or per group (`pith eval --by`).

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::metric::{has_shingles, score_page, summarize, PageCounts, Summary};
use super::snippet::SnippetCounts;

/// What one record is scored against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gold {
    /// The gold article body; `None` when the record's `gold` is missing,
    /// not a string, or blank (trafeval-dev's records have only snippets).
    pub body: Option<String>,
    /// Snippets the output must contain.
    pub with: Vec<String>,
    /// Snippets the output must not contain.
    pub without: Vec<String>,
}

impl Gold {
    /// Reads the `gold`, `with` and `without` fields of a dataset record.
    /// Items of the snippet lists that are not strings are ignored.
    ///
    /// ```
    /// let record = serde_json::json!({"gold": "", "with": ["a b"], "without": []});
    /// let gold = pith::eval::Gold::of_record(record.as_object().unwrap());
    /// assert_eq!(gold.body, None);
    /// assert_eq!(gold.with, ["a b"]);
    /// ```
    pub fn of_record(record: &Map<String, Value>) -> Gold {
        let body = record
            .get("gold")
            .and_then(Value::as_str)
            .filter(|g| !g.trim().is_empty())
            .map(str::to_string);
        Gold {
            body,
            with: string_list(record, "with"),
            without: string_list(record, "without"),
        }
    }

    /// Whether the record has snippets to check.
    pub fn has_snippets(&self) -> bool {
        !self.with.is_empty() || !self.without.is_empty()
    }

    /// Whether there is nothing to score against: such a record is
    /// reported as unscored.
    pub fn is_empty(&self) -> bool {
        self.body.is_none() && !self.has_snippets()
    }
}

fn string_list(record: &Map<String, Value>, key: &str) -> Vec<String> {
    match record.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// One scored page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    pub id: String,
    /// The page's group under `pith eval --by` (empty when not grouping).
    pub group: String,
    /// Shingle counts, when the record has a gold body.
    pub shingles: Option<PageCounts>,
    /// Snippet counts, when the record has snippets.
    pub snippets: Option<SnippetCounts>,
    /// Whether the prediction has no shingles (not one word).
    pub empty: bool,
}

impl PageScore {
    /// Scores a prediction against whatever gold the record has.
    ///
    /// ```
    /// use pith::eval::{Gold, PageScore};
    /// let gold = Gold { with: vec!["kept".into()], ..Gold::default() };
    /// let page = PageScore::score("p1".into(), String::new(), &gold, "");
    /// assert!(page.empty && page.shingles.is_none());
    /// assert_eq!(page.snippets.unwrap().recall(), 0.0);
    /// ```
    pub fn score(id: String, group: String, gold: &Gold, prediction: &str) -> PageScore {
        PageScore {
            id,
            group,
            shingles: gold.body.as_deref().map(|g| score_page(g, prediction)),
            snippets: gold
                .has_snippets()
                .then(|| SnippetCounts::check(prediction, &gold.with, &gold.without)),
            empty: !has_shingles(prediction),
        }
    }

    /// The page's own F1, for ranking the worst pages: the shingle F1 where
    /// the page has a gold body, else its snippet F1.
    pub fn f1(&self) -> f64 {
        match (&self.shingles, &self.snippets) {
            (Some(counts), _) => counts.f1(),
            (None, Some(snippets)) => snippets.f1(),
            (None, None) => 0.0,
        }
    }
}

/// The figures over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figures {
    /// Pages scored (by shingles, by snippets, or both).
    pub pages: usize,
    /// Pages whose output has no shingles, whatever their gold.
    pub empty: usize,
    /// Shingle means over the pages with a gold body; `None` when no page
    /// has one.
    pub shingles: Option<Summary>,
    /// Snippet counts summed over the pages with snippets; `None` when no
    /// page has any.
    pub snippets: Option<SnippetCounts>,
}

impl Figures {
    /// The figures of some pages.
    ///
    /// ```
    /// use pith::eval::{Figures, Gold, PageScore};
    /// let gold = Gold { body: Some("one two three four".into()), ..Gold::default() };
    /// let pages = [
    ///     PageScore::score("a".into(), String::new(), &gold, "one two three four"),
    ///     PageScore::score("b".into(), String::new(), &gold, ""),
    /// ];
    /// let figures = Figures::of(&pages);
    /// assert_eq!((figures.pages, figures.empty), (2, 1));
    /// assert!(figures.snippets.is_none());
    /// assert_eq!(figures.shingles.unwrap().precision, 1.0);
    /// ```
    pub fn of<'a>(pages: impl IntoIterator<Item = &'a PageScore>) -> Figures {
        let mut figures = Figures::default();
        let mut shingle_counts = Vec::new();
        for page in pages {
            figures.pages += 1;
            figures.empty += usize::from(page.empty);
            if let Some(counts) = page.shingles {
                shingle_counts.push(counts);
            }
            if let Some(snippets) = page.snippets {
                figures
                    .snippets
                    .get_or_insert_with(SnippetCounts::default)
                    .add(snippets);
            }
        }
        if !shingle_counts.is_empty() {
            figures.shingles = Some(summarize(&shingle_counts));
        }
        figures
    }
}

/// One group's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub figures: Figures,
}

/// The figures of each group of pages ([`PageScore::group`]), largest group
/// first, then by name, so the groups that weigh most in the means come
/// first and the order never depends on input order.
///
/// ```
/// use pith::eval::{group_figures, Gold, PageScore};
/// let gold = Gold { with: vec!["x".into()], ..Gold::default() };
/// let page = |id: &str, group: &str| PageScore::score(id.into(), group.into(), &gold, "x");
/// let groups = group_figures(&[page("1", "fr"), page("2", "de"), page("3", "fr")]);
/// let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
/// assert_eq!(names, ["fr", "de"]);
/// ```
pub fn group_figures(pages: &[PageScore]) -> Vec<Group> {
    let mut by_name: BTreeMap<&str, Vec<&PageScore>> = BTreeMap::new();
    for page in pages {
        by_name.entry(&page.group).or_default().push(page);
    }
    let mut groups: Vec<Group> = by_name
        .into_iter()
        .map(|(name, pages)| Group {
            name: name.to_string(),
            figures: Figures::of(pages),
        })
        .collect();
    // Stable: equal page counts stay in name order.
    groups.sort_by_key(|g| Reverse(g.figures.pages));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(body: Option<&str>, with: &[&str], without: &[&str]) -> Gold {
        Gold {
            body: body.map(str::to_string),
            with: with.iter().map(|s| s.to_string()).collect(),
            without: without.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn page(group: &str, gold: &Gold, prediction: &str) -> PageScore {
        PageScore::score(format!("{group}-page"), group.into(), gold, prediction)
    }

    #[test]
    fn a_blank_gold_is_no_gold() {
        let record = serde_json::json!({"gold": " \n", "with": ["a", 3], "without": "x"});
        let gold = Gold::of_record(record.as_object().expect("an object"));
        assert_eq!(gold, self::gold(None, &["a"], &[]));
        let neither = serde_json::json!({"gold": ""});
        assert!(Gold::of_record(neither.as_object().expect("an object")).is_empty());
    }

    #[test]
    fn snippet_only_pages_give_no_shingle_figures() {
        let snippets = gold(None, &["found here"], &["chrome"]);
        let figures = Figures::of(&[page("x", &snippets, "found here"), page("x", &snippets, "")]);
        assert!(figures.shingles.is_none(), "no gold body, no shingle means");
        let counts = figures.snippets.expect("snippet figures");
        assert_eq!((counts.with_found, counts.with_total), (1, 2));
        assert_eq!(figures.empty, 1);
    }

    #[test]
    fn pages_with_both_golds_give_both_figures() {
        let both = gold(Some("one two three four"), &["one two"], &[]);
        let figures = Figures::of(&[page("x", &both, "one two three four")]);
        assert_eq!(figures.shingles.map(|s| s.f1), Some(1.0));
        assert_eq!(figures.snippets.map(|s| s.f1()), Some(1.0));
        assert_eq!(figures.empty, 0);
    }

    #[test]
    fn empty_counts_outputs_without_a_word_whatever_the_gold() {
        let body = gold(Some("one two three four"), &[], &[]);
        let snippets = gold(None, &["x"], &[]);
        let pages = [
            page("a", &body, ""),
            page("a", &snippets, " ... "),
            page("a", &snippets, "x"),
        ];
        let figures = Figures::of(&pages);
        assert_eq!(figures.empty, 2);
        assert_eq!(figures.shingles.map(|s| s.empty), Some(1));
    }

    #[test]
    fn groups_are_sorted_by_pages_then_name_with_their_own_figures() {
        let g = gold(None, &["kept"], &[]);
        let pages = [
            page("en", &g, "kept"),
            page("zh", &g, ""),
            page("es", &g, "kept"),
            page("zh", &g, ""),
            page("en", &g, "kept"),
            page("zh", &g, "kept"),
            page("de", &g, "kept"),
        ];
        let groups = group_figures(&pages);
        let summary: Vec<(&str, usize, usize)> = groups
            .iter()
            .map(|g| (g.name.as_str(), g.figures.pages, g.figures.empty))
            .collect();
        assert_eq!(
            summary,
            [("zh", 3, 2), ("en", 2, 0), ("de", 1, 0), ("es", 1, 0)]
        );
        let recall = |i: usize| groups[i].figures.snippets.map(|s| s.recall());
        assert_eq!(recall(1), Some(1.0));
        assert!((recall(0).unwrap_or(0.0) - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn the_worst_page_ranking_uses_snippets_when_there_is_no_gold_body() {
        let snippets = gold(None, &["kept"], &["chrome"]);
        assert_eq!(page("x", &snippets, "kept").f1(), 1.0);
        assert_eq!(page("x", &snippets, "chrome").f1(), 0.0);
    }
}
