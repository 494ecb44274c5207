//! Finding the headline among the blocks before the body.

use std::ops::Range;

use super::{Evidence, Verdict};
use crate::document::Document;

/// The headline block, and the dek (standfirst) under it when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Heading {
    pub headline: Option<usize>,
    pub dek: Option<usize>,
}

/// Finds the headline, if any.
///
/// A headline candidate sits before the body, was not dropped by a rule,
/// has between 3 and 30 words and does not end in a full stop (of any
/// script). Scrapers often
/// put the page's `<title>` first and the on-page headline later, so a later
/// candidate that shares most of its words with the first block (or with the
/// declared title) wins; otherwise the candidate nearest the body does.
pub(crate) fn find(
    doc: &Document,
    evidence: &[Evidence],
    body: &Range<usize>,
    verdicts: &[Verdict],
) -> Heading {
    // A page's `<h1>` is its headline: the first one, or the one that
    // matches the declared title.
    let h1s: Vec<usize> = (0..doc.len()).filter(|&i| evidence[i].h1).collect();
    if let Some(&first) = h1s.first() {
        let declared = lowercase_words(doc.declared_title.as_deref().unwrap_or(""));
        let headline = h1s
            .iter()
            .copied()
            .find(|&i| overlap(&doc.blocks[i].text, &declared) >= 0.6)
            .unwrap_or(first);
        return Heading {
            headline: Some(headline),
            dek: None,
        };
    }
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
                && !super::features::ends_in_full_stop(&doc.blocks[i].text)
                && !super::has_time_of_day(&doc.blocks[i].text)
        })
        .collect();
    let Some(reference) = doc
        .declared_title
        .as_deref()
        .or_else(|| doc.blocks.first().map(|b| b.text.as_str()))
    else {
        return Heading::default();
    };
    // Without a declared title the first block is the reference, and it
    // only names the headline when a later line repeats it: a first line
    // that matches nothing but itself is a skip link or a site name as
    // often as it is the page's title.
    let self_reference = doc.declared_title.is_none();
    // Lower-cased once: the reference is held against every candidate.
    let reference = lowercase_words(reference);
    let chosen = candidates
        .iter()
        .rposition(|&i| {
            !(self_reference && i == 0) && overlap(&doc.blocks[i].text, &reference) >= 0.6
        })
        .or_else(|| {
            // Otherwise the candidate nearest the body, passing over the
            // short lines between a headline and its body (a byline, a
            // section name) for a headline-length line among the last few.
            let last = candidates.len().checked_sub(1)?;
            (last.saturating_sub(NEAREST)..=last)
                .rev()
                .find(|&p| evidence[candidates[p]].features.words >= HEADLINE_WORDS)
                .or(Some(last))
        });
    let Some(position) = chosen else {
        return Heading::default();
    };
    let headline = candidates[position];
    // A headline followed, across nothing but named chrome, by another
    // candidate of sentence length has a dek under it; and when the chosen
    // candidate is itself that second line, the one above is the headline.
    let adjacent = |a: usize, b: usize| (a + 1..b).all(|i| evidence[i].is_chrome());
    // A dek is a sentence, longer than the headline it stands under.
    let words = |i: usize| evidence[i].features.words;
    let dek_under = |head: usize, dek: usize| {
        adjacent(head, dek) && words(head) >= 4 && words(dek) >= 10 && words(dek) > words(head)
    };
    if let Some(&next) = candidates.get(position + 1) {
        if dek_under(headline, next) {
            return Heading {
                headline: Some(headline),
                dek: Some(next),
            };
        }
    }
    if let Some(&above) = position.checked_sub(1).and_then(|p| candidates.get(p)) {
        if dek_under(above, headline) && doc.declared_title.is_none() {
            return Heading {
                headline: Some(above),
                dek: Some(headline),
            };
        }
    }
    Heading {
        headline: Some(headline),
        dek: None,
    }
}

/// How many candidates nearest the body are looked at for one of headline
/// length.
const NEAREST: usize = 2;
/// Words of a headline-length line; a byline or a section name has fewer.
const HEADLINE_WORDS: usize = 5;

/// Share of `candidate`'s words found in `reference` (words lower-cased, see
/// [`lowercase_words`]), case-insensitively.
fn overlap(candidate: &str, reference: &[String]) -> f32 {
    let words = lowercase_words(candidate);
    if words.is_empty() {
        return 0.0;
    }
    let shared = words.iter().filter(|w| reference.contains(w)).count();
    shared as f32 / words.len() as f32
}

/// The white-space separated words of `text`, lower-cased.
fn lowercase_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_case_insensitive() {
        let reference = lowercase_words("Forbes.com: amd more fleet");
        assert_eq!(overlap("AMD More Fleet", &reference), 1.0);
        assert_eq!(overlap("", &lowercase_words("x")), 0.0);
    }
}
