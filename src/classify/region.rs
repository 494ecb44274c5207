//! Finding the body region: the contiguous run of blocks with the highest
//! total score.
//!
//! Prose scores positive in proportion to its length; labels, rule hits and
//! repeated lines score negative; end-of-article markers (comment forms,
//! related-story headings, bios) score strongly negative, so the run rarely
//! extends across them unless a lot of prose follows. Kadane's algorithm finds
//! the run in one pass.

use std::ops::Range;

use super::Evidence;

/// Score of a block that local evidence calls chrome. Small: such a block is
/// dropped whatever the region, so it should not pull the region apart; the
/// region exists to catch the chrome no rule names.
const CHROME: f32 = -0.2;
/// Score of a block whose kind usually ends an article.
const END_MARKER: f32 = -4.0;
/// Score of a link to such a part (a toolbar's "Comments" link), which may
/// sit above the article or inside it.
const LINK_TO_END: f32 = -1.5;
/// Score of the first block of a box whose class names a part that usually
/// ends an article (an author box, a related list). Class words are weaker
/// evidence than a rule's match, and a box can sit inside the article (an
/// inline "Related" list), so the box counts once, not once per line: a
/// ten-link list must not outweigh the paragraphs after it.
const ENDING_BOX: f32 = -3.0;

/// Every block's [`score`], with the start of each article-ending box
/// scored [`ENDING_BOX`]. A box is a run of blocks that a class of an
/// article-ending kind drops. A one-line box between two paragraphs of the
/// body (an inline "READ MORE" teaser) is the body's own chrome, and scores
/// as any dropped line.
pub(crate) fn scores(evidence: &[Evidence]) -> Vec<f32> {
    let mut scores: Vec<f32> = evidence.iter().map(score).collect();
    let boxed = |ev: &Evidence| ev.ending_class && ev.is_chrome() && !ev.ends_body;
    let body_prose = |ev: Option<&Evidence>| {
        ev.is_some_and(|ev| ev.features.is_prose() && !ev.is_chrome() && !ev.ending_class)
    };
    for run in super::runs::runs(evidence, boxed) {
        let i = run.start;
        let inline = run.len() == 1
            && i > 0
            && body_prose(evidence.get(i - 1))
            && body_prose(evidence.get(i + 1));
        if !inline {
            scores[i] = ENDING_BOX;
        }
    }
    scores
}

/// The block's score: how much evidence it gives that the body is here.
pub(crate) fn score(ev: &Evidence) -> f32 {
    let f = &ev.features;
    if ev.ends_body {
        return END_MARKER;
    }
    if ev.links_to_end {
        return LINK_TO_END;
    }
    if ev.is_chrome() {
        return CHROME;
    }
    if ev.closing_class {
        // Prose in a footer is the publisher's (an address, a legal
        // paragraph): it is no evidence that the article is here.
        return 0.0;
    }
    if f.is_prose() {
        // Long paragraphs are stronger evidence, but capped so one long
        // comment cannot outweigh a whole article's worth of structure.
        1.0 + f.chars.min(1000) as f32 / 250.0
    } else if f.ends_sentence && f.words >= 5 {
        0.25
    } else if f.bullet || ev.list_or_row {
        0.0
    } else if f.words <= 3 {
        -0.6
    } else {
        -0.4
    }
}

/// The highest-scoring contiguous run of `scores` (the earliest among equals);
/// empty when no block scores above zero.
///
/// ```
/// use pith::classify::region::best_run;
/// assert_eq!(best_run(&[-1.0, 2.0, -0.5, 3.0, -4.0, 1.0]), 1..4);
/// assert_eq!(best_run(&[-1.0, -2.0]), 0..0);
/// ```
pub fn best_run(scores: &[f32]) -> Range<usize> {
    let mut best = 0..0;
    let mut best_sum = 0.0f32;
    let mut start = 0;
    let mut sum = 0.0f32;
    for (i, &s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += s;
        if sum > best_sum {
            best_sum = sum;
            best = start..i + 1;
        }
    }
    best
}

/// Widens the best run to take in prose (or a sentence) separated from it
/// only by known chrome: a dek above the byline and share bar, a last
/// paragraph below a newsletter box. Unnamed non-prose lines (a headline, a
/// menu) and end-of-article markers stop the widening, and so, below the
/// run, does a box whose class names an article-ending part: the prose
/// after an author box is the bio.
pub(crate) fn extend(evidence: &[Evidence], run: Range<usize>) -> Range<usize> {
    if run.is_empty() {
        return run;
    }
    let crossable = |ev: &Evidence| ev.is_chrome() && !ev.ends_body;
    let joins = |ev: &Evidence| {
        !ev.is_chrome()
            && (ev.features.is_prose() || (ev.features.ends_sentence && ev.features.words >= 5))
    };
    let mut start = run.start;
    let mut i = start;
    while i > 0 {
        i -= 1;
        if joins(&evidence[i]) {
            start = i;
        } else if !crossable(&evidence[i]) {
            break;
        }
    }
    let mut end = run.end;
    let mut i = end;
    while i < evidence.len() {
        if joins(&evidence[i]) {
            end = i + 1;
        } else if !crossable(&evidence[i]) || evidence[i].ending_class {
            break;
        }
        i += 1;
    }
    start..end
}

/// Like [`best_run`], but no run crosses a segment start (`starts[i]` is
/// true where a new segment begins): the body lies within one `<article>`
/// of a page that scrolls on into the next story.
///
/// ```
/// use pith::classify::region::best_run_within;
/// let scores = [2.0, 2.0, 3.0, 3.0];
/// assert_eq!(best_run_within(&scores, &[false, false, true, false]), 2..4);
/// assert_eq!(best_run_within(&scores, &[false; 4]), 0..4);
/// ```
pub fn best_run_within(scores: &[f32], starts: &[bool]) -> Range<usize> {
    let mut best = 0..0;
    let mut best_sum = 0.0f32;
    let mut from = 0;
    for end in 1..=scores.len() {
        if end == scores.len() || starts.get(end).copied().unwrap_or(false) {
            let run = best_run(&scores[from..end]);
            let sum: f32 = scores[from + run.start..from + run.end].iter().sum();
            if !run.is_empty() && sum > best_sum {
                best_sum = sum;
                best = from + run.start..from + run.end;
            }
            from = end;
        }
    }
    best
}

/// Where a new `<article>` begins: a block whose article number differs
/// from the last non-zero one seen.
pub(crate) fn article_starts(evidence: &[Evidence]) -> Vec<bool> {
    let mut last = 0;
    evidence
        .iter()
        .map(|ev| {
            let id = ev.article_id;
            let starts = id != 0 && last != 0 && id != last;
            if id != 0 {
                last = id;
            }
            starts
        })
        .collect()
}

/// A page's article follows its headline. When the best run lies beyond the
/// footer or legal notice that closes the text under the `<h1>` (a page that
/// appends more stories after its footer), the best run under the headline
/// wins instead, if it carries a fair share of the evidence.
pub(crate) fn under_headline(
    evidence: &[Evidence],
    scores: &[f32],
    best: Range<usize>,
) -> Range<usize> {
    let Some(h1) = evidence.iter().position(|ev| ev.h1) else {
        return best;
    };
    let after = h1 + 1;
    let first_prose = (after..evidence.len())
        .find(|&i| evidence[i].features.is_prose() && !evidence[i].is_chrome());
    let Some(first_prose) = first_prose else {
        return best;
    };
    let end = (first_prose..evidence.len())
        .find(|&i| evidence[i].closes_page)
        .unwrap_or(evidence.len());
    if best.start >= after && best.end <= end {
        return best;
    }
    let local = best_run(&scores[after..end]);
    let local = after + local.start..after + local.end;
    let sum = |r: &Range<usize>| scores[r.clone()].iter().sum::<f32>();
    if !local.is_empty() && sum(&local) >= 0.3 * sum(&best) {
        local
    } else {
        best
    }
}

/// A toolbar: most of the blocks this near a short label are single words
/// ("email", "print", "share", "comments").
const TOOLBAR_REACH: usize = 3;
/// How many of the [`TOOLBAR_REACH`] blocks either side must be single words.
const TOOLBAR_WORDS: usize = 4;

/// Whether block `i` is a short label among single-word labels: a toolbar
/// under the headline whose "Comments" entry links to the comments. In a
/// text dump there are no links to tell it from the comment section.
fn in_toolbar(evidence: &[Evidence], i: usize) -> bool {
    let near = i.saturating_sub(TOOLBAR_REACH)..(i + TOOLBAR_REACH + 1).min(evidence.len());
    let single = near
        .filter(|&j| j != i && evidence[j].features.words <= 1)
        .count();
    evidence[i].features.words <= 2 && single >= TOOLBAR_WORDS
}

/// Share of the best run's score that the run above the comments must
/// carry to win: the same fair share as under the headline.
const ABOVE_COMMENTS_SHARE: f32 = 0.3;

/// A page's article comes before its comments. A long comment thread can
/// outweigh a short article (a news brief with one reader's essay below
/// it); when the best run lies below the first block of a comment section,
/// the best run above the comments wins instead, if it holds a paragraph
/// and carries a fair share of the evidence.
pub(crate) fn before_comments(
    evidence: &[Evidence],
    scores: &[f32],
    best: Range<usize>,
) -> Range<usize> {
    let first = (0..evidence.len()).find(|&i| evidence[i].comments && !in_toolbar(evidence, i));
    let Some(first) = first else {
        return best;
    };
    if best.start < first {
        return best;
    }
    let above = best_run(&scores[..first]);
    let sum = |r: &Range<usize>| scores[r.clone()].iter().sum::<f32>();
    let paragraph = evidence[above.clone()]
        .iter()
        .any(|ev| ev.features.is_prose() && !ev.is_chrome());
    if paragraph && sum(&above) >= ABOVE_COMMENTS_SHARE * sum(&best) {
        above
    } else {
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::tests::{page_body, para};

    #[test]
    fn empty_scores_give_an_empty_run() {
        assert_eq!(best_run(&[]), 0..0);
    }

    #[test]
    fn a_small_dip_does_not_split_the_body() {
        assert_eq!(best_run(&[3.0, -1.0, -1.0, 3.0]), 0..4);
    }

    #[test]
    fn a_deep_dip_does() {
        assert_eq!(best_run(&[3.0, -4.0, 2.0]), 0..1);
    }

    #[test]
    fn the_prose_after_an_author_box_is_the_bio() {
        let page = format!(
            "<body><article>{}{}{}<div class='author-box'><h4>About Ana Reyes</h4>\
             <p>Ana Reyes has lived in the valley for twenty years and spends her weekends \
             restoring old boats with her two daughters on the lake.</p></div></article></body>",
            para(1),
            para(2),
            para(3)
        );
        let body = page_body(&page);
        assert!(body.contains("Paragraph 3"), "{body}");
        assert!(!body.contains("restoring old boats"), "{body}");
    }

    /// A line of a German news brief, numbered `n`, about 150 characters.
    fn brief(n: u32) -> String {
        format!(
            "Absatz {n}: Der Stadtrat hat am Dienstag beschlossen, die alte Bibliothek am \
             Marktplatz im Frühjahr zu schließen und die Bücher in die Schule zu bringen."
        )
    }

    /// A reader's comment, about 450 characters, numbered `n`.
    fn comment(n: u32) -> String {
        format!(
            "Leserbrief {n}: Ich wohne seit dreißig Jahren in der Stadt und habe die \
             Bibliothek jede Woche besucht, mit meinen Kindern und später mit meinen \
             Enkeln, und ich verstehe nicht, warum man sie jetzt schließen muss, wo doch \
             das Geld für die neue Umgehungsstraße sofort da war. Die Schule hat keinen \
             Platz für die Bücher, das weiß jeder, der einmal dort gewesen ist, und die \
             Öffnungszeiten passen nicht zu denen, die arbeiten."
        )
    }

    #[test]
    fn a_long_comment_thread_does_not_outweigh_a_short_article() {
        let dump = format!(
            "Bibliothek schließt\n{}\n{}\n{}\nKommentare anzeigen\nEinen Kommentar schreiben\n\
             Name *\nE-Mail *\nSenden\nAnna 03.02.2022 // 10:15\n{}\n{}\n\
             Antworten\nBernd 03.02.2022 // 11:40\n{}\n{}\n{}\nAntworten\n",
            brief(1),
            brief(2),
            brief(3),
            comment(1),
            comment(2),
            comment(3),
            comment(4),
            comment(5)
        );
        let body = crate::Cleaner::default().clean_text(&dump).body;
        assert!(
            body.contains("Absatz 1") && body.contains("Absatz 3"),
            "{body}"
        );
        assert!(!body.contains("Leserbrief"), "{body}");
    }

    #[test]
    fn a_comments_entry_in_a_toolbar_is_a_link_not_the_comments() {
        let evidence = |dump: &str| {
            let cleaner = crate::Cleaner::default();
            let doc = crate::document::from_text(dump);
            let language = crate::language::identify(&doc);
            super::super::gather(
                &doc,
                cleaner.rules(),
                None,
                language,
                super::super::Sides::Chrome,
            )
            .0
        };
        let toolbar = evidence("email\nprint\nshare\nComments\nFacebook\nTwitter\nreprint\n");
        let at = toolbar
            .iter()
            .position(|ev| ev.comments)
            .expect("a comments label");
        assert!(in_toolbar(&toolbar, at));
        let section = evidence(
            "The agency will review the plan next year.\nComments\nAnna wrote on Monday\n\
             I have lived here for thirty years and never seen the office open on time.\nReply\n",
        );
        let at = section
            .iter()
            .position(|ev| ev.comments)
            .expect("a comments label");
        assert!(!in_toolbar(&section, at));
    }

    #[test]
    fn an_inline_related_list_counts_once() {
        let links: String = (1..=10)
            .map(|n| {
                format!("<li><a href='/{n}'>Another story about the agency, part {n}</a></li>")
            })
            .collect();
        let page = format!(
            "<body><article>{}{}{}<div class='related-stories'><ul>{links}</ul></div>{}{}{}</article></body>",
            para(1),
            para(2),
            para(3),
            para(4),
            para(5),
            para(6)
        );
        let body = page_body(&page);
        assert!(
            body.contains("Paragraph 1") && body.contains("Paragraph 6"),
            "{body}"
        );
        assert!(!body.contains("part 3"), "{body}");
    }
}
