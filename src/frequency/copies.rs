//! Copies of one document within a source.
//!
//! Real dumps hold the same article several times: re-crawls, records
//! written twice, the same story under two URLs. Counted as often as it
//! occurs, every line of such an article recurs in a large share of its
//! source's documents, and the corpus pass drops the article's body as
//! `freq.source`. A document is therefore counted once, and its copies not
//! at all:
//!
//! - the same URL within the source;
//! - the same lines (after [`normalize`](super::normalize), which folds case,
//!   white space and digits: a changed timestamp is the same line);
//! - the same long lines, the ones that carry an article: a re-crawl whose
//!   short lines changed (a timestamp in words, "3 comments", a teaser
//!   rotated in) is the same article. Different articles of one publisher
//!   share their chrome, which is mostly short lines; their paragraphs differ.
//!
//! Only hashes are kept, three a document. A near-copy with an edited
//! paragraph is counted as a document of its own: one extra count of each
//! line is far from the share that makes a line chrome.

use std::collections::{HashMap, HashSet};

use super::fingerprint::{fingerprint, fnv1a};

/// A line at least this long (in bytes) carries an article, not a label:
/// a paragraph, rarely a menu or a timestamp.
const LONG_LINE: usize = 100;
/// Fewer long lines than this, and only the whole document is compared.
const MIN_LONG_LINES: usize = 2;

/// What a source has seen of its documents: three hashes a document.
#[derive(Debug, Default)]
struct Seen {
    urls: HashSet<u64>,
    lines: HashSet<u64>,
    long_lines: HashSet<u64>,
}

/// Recognises documents a source has already had.
///
/// ```
/// use pith::frequency::Copies;
/// let story = ["Breaking: the bridge reopens", "The bridge reopened on Monday after a year of repairs, the council said.", "Traffic is expected to return to normal by the end of the week."];
/// let mut copies = Copies::default();
/// assert!(!copies.is_copy("a.com", None, &story));
/// // A re-crawl under another URL: the same lines.
/// assert!(copies.is_copy("a.com", Some("https://a.com/b?ref=rss"), &story));
/// // Another source may publish the same wire story.
/// assert!(!copies.is_copy("b.com", None, &story));
/// ```
#[derive(Debug, Default)]
pub struct Copies {
    sources: HashMap<String, Seen>,
}

impl Copies {
    /// Whether `source` already had this document (by URL, by its lines, or
    /// by its long lines); either way the document is remembered.
    pub fn is_copy<S: AsRef<str>>(&mut self, source: &str, url: Option<&str>, lines: &[S]) -> bool {
        self.lines_to_count(source, url, lines).is_none()
    }

    /// The fingerprints of the document's distinct lines (sorted), to count
    /// with [`LineStats::add_fingerprints`](super::LineStats::add_fingerprints),
    /// or `None` when `source` already had the document (see
    /// [`Copies::is_copy`]). Each line is fingerprinted once, for the
    /// comparison and for the count.
    pub fn lines_to_count<S: AsRef<str>>(
        &mut self,
        source: &str,
        url: Option<&str>,
        lines: &[S],
    ) -> Option<Vec<u64>> {
        // Looked up before inserting: the key is allocated once a source.
        let seen = match self.sources.get_mut(source) {
            Some(seen) => seen,
            None => self.sources.entry(source.to_string()).or_default(),
        };
        let mut copy = false;
        if let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) {
            // The fragment never names another document.
            let url = url.split('#').next().unwrap_or(url);
            copy |= !seen.urls.insert(fnv1a(url.as_bytes()));
        }
        let printed: Vec<(u64, bool)> = lines
            .iter()
            .map(|l| (fingerprint(l.as_ref()), l.as_ref().len() >= LONG_LINE))
            .collect();
        let long = distinct(printed.iter().filter(|(_, long)| *long));
        let all = distinct(printed.iter());
        copy |= !seen.lines.insert(hash_all(&all));
        if long.len() >= MIN_LONG_LINES {
            copy |= !seen.long_lines.insert(hash_all(&long));
        }
        (!copy).then_some(all)
    }
}

/// The distinct fingerprints of `printed`, sorted.
fn distinct<'a>(printed: impl Iterator<Item = &'a (u64, bool)>) -> Vec<u64> {
    let mut prints: Vec<u64> = printed.map(|&(print, _)| print).collect();
    prints.sort_unstable();
    prints.dedup();
    prints
}

/// One hash of a sorted set of fingerprints.
fn hash_all(prints: &[u64]) -> u64 {
    let mut bytes = Vec::with_capacity(prints.len() * 8);
    for p in prints {
        bytes.extend_from_slice(&p.to_le_bytes());
    }
    fnv1a(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A number spelled in letters: digits fold to one class in a
    /// fingerprint, so stories told apart only by numbers would be copies.
    fn letters(n: u32) -> String {
        n.to_string()
            .bytes()
            .map(|d| char::from(b'k' + (d - b'0')))
            .collect()
    }

    /// A paragraph of an article, distinct for each `(story, n)`.
    fn paragraph(story: u32, n: u32) -> String {
        format!(
            "Story {}, paragraph {}: the council met on the {} day and agreed on a part of the plan it calls {}.",
            letters(story),
            letters(n),
            ["first", "second", "third", "fourth", "fifth"][(n % 5) as usize],
            ["alpha", "beta", "gamma", "delta"][((story + n) % 4) as usize]
        )
    }

    /// A page of one source: its chrome, then a story of `paragraphs`.
    fn page(story: u32, paragraphs: u32, stamp: &str) -> Vec<String> {
        let mut lines = vec![
            "Home".to_string(),
            "Sign up for our newsletter and get the day's news in your inbox every morning."
                .to_string(),
            format!("Updated {stamp}"),
        ];
        lines.extend((0..paragraphs).map(|n| paragraph(story, n)));
        lines.push(
            "© Example Media. All rights reserved, and the small print runs on for a while."
                .to_string(),
        );
        lines
    }

    #[test]
    fn the_same_url_is_a_copy() {
        let mut copies = Copies::default();
        assert!(!copies.is_copy("a.com", Some("https://a.com/x"), &page(1, 5, "now")));
        assert!(copies.is_copy("a.com", Some("https://a.com/x#top"), &page(2, 5, "now")));
        assert!(!copies.is_copy("a.com", Some("https://a.com/y"), &page(3, 5, "now")));
    }

    #[test]
    fn a_recrawl_with_a_changed_timestamp_is_a_copy() {
        let mut copies = Copies::default();
        assert!(!copies.is_copy("a.com", None, &page(1, 6, "10:45")));
        // Digits fold: the same lines.
        assert!(copies.is_copy("a.com", None, &page(1, 6, "11:02")));
        // Words change too: nearly the same long lines.
        assert!(copies.is_copy("a.com", None, &page(1, 6, "an hour ago")));
    }

    #[test]
    fn a_recrawl_with_other_teasers_is_a_copy() {
        let mut copies = Copies::default();
        let first = page(1, 6, "now");
        assert!(!copies.is_copy("a.com", None, &first));
        let mut recrawl = first.clone();
        recrawl.insert(4, "Most read: Council votes on the budget".to_string());
        assert!(copies.is_copy("a.com", None, &recrawl));
        // An edited paragraph makes another document.
        let mut edited = first;
        edited[4] = paragraph(9, 9);
        assert!(!copies.is_copy("a.com", None, &edited));
    }

    #[test]
    fn other_stories_of_the_source_are_not_copies() {
        let mut copies = Copies::default();
        for story in 0..200 {
            let paragraphs = 2 + story % 9;
            assert!(
                !copies.is_copy("a.com", None, &page(story, paragraphs, "now")),
                "story {story} taken for a copy"
            );
        }
    }
}
