//! The body's container: in a page, the element that holds nearly all of
//! the body region's prose.
//!
//! The region ([`super::region`]) is found from text alone, so it stops at
//! lines that do not read as prose: a list of addresses, a table of prices,
//! a closing line without a full stop. In a page the article's own element
//! says where it ends. The region widens towards the container's last block,
//! stopping at an end-of-article marker or a class word of an article-ending
//! kind, and towards its first, stopping at the headline or a byline-like
//! label (unless a paragraph of the article stands above that label in the
//! container); what a rule or the DOM calls chrome inside it is still
//! dropped by its own verdict.

use std::ops::Range;

use super::Evidence;
use crate::document::Document;

/// Share of the region's prose score the container must hold. High, so a
/// wrapper around the article and its comments or related stories is not
/// taken when the article has an element of its own.
const SHARE: f32 = 0.9;

/// The body region widened to its container's blocks (pages only).
pub(crate) fn widen(
    doc: &Document,
    evidence: &[Evidence],
    scores: &[f32],
    body: Range<usize>,
) -> Range<usize> {
    let Some(container) = find(doc, evidence, scores, &body) else {
        return body;
    };
    let inside = |i: usize| {
        doc.blocks[i]
            .dom
            .as_ref()
            .is_some_and(|d| doc.ancestors(d.element).any(|e| e == container))
    };
    let stops = |ev: &Evidence| ev.ends_body || ev.closes_page;
    let mut end = body.end;
    // Class words that name an article-ending part (an author box, a
    // related list) are too weak to end the region, but strong enough to
    // stop widening it past its end.
    while end < doc.len() && inside(end) && !stops(&evidence[end]) && !evidence[end].ending_class {
        end += 1;
    }
    // Upwards the container reaches to the headline or an end marker. Within
    // that reach the body starts under the nearest byline-like label, unless
    // a paragraph of the article's prose stands above that label: then the
    // label sits between paragraphs (a pros-and-cons box, a list's heading),
    // and the body starts at the topmost such paragraph.
    let reaches_up = |i: usize| inside(i) && !stops(&evidence[i]) && !evidence[i].h1;
    let mut top = body.start;
    while top > 0 && reaches_up(top - 1) {
        top -= 1;
    }
    let under_label = (top..body.start)
        .rev()
        .find(|&i| header_label(&evidence[i]))
        .map_or(top, |i| i + 1);
    let start = (top..under_label)
        .find(|&i| evidence[i].features.is_prose() && !evidence[i].is_chrome())
        .unwrap_or(under_label);
    start..end
}

/// A line above the body that is neither prose, a sentence, a list item
/// nor a heading (and no rule named): the byline, date or kicker under the
/// headline, which the article's element holds too.
fn header_label(ev: &Evidence) -> bool {
    !ev.is_chrome() && super::is_label(&ev.features) && !ev.list_or_row && !ev.heading
}

/// The deepest element holding [`SHARE`] of the region's prose score.
fn find(doc: &Document, evidence: &[Evidence], scores: &[f32], body: &Range<usize>) -> Option<u32> {
    if doc.parents.is_empty() {
        return None;
    }
    let mut weight = vec![0.0f32; doc.parents.len()];
    let mut total = 0.0f32;
    let mut heaviest: Option<(u32, f32)> = None;
    for i in body.clone() {
        let ev = &evidence[i];
        let Some(dom) = doc.blocks[i].dom.as_ref() else {
            continue;
        };
        if !ev.features.is_prose() || ev.is_chrome() {
            continue;
        }
        let w = scores[i];
        total += w;
        for e in doc.ancestors(dom.element) {
            weight[e as usize] += w;
        }
        if heaviest.map_or(true, |(_, best)| w > best) {
            heaviest = Some((dom.element, w));
        }
    }
    let (start, _) = heaviest?;
    doc.ancestors(start)
        .find(|&e| weight[e as usize] >= SHARE * total)
}

#[cfg(test)]
mod tests {
    use crate::classify::tests::page_body as body;

    const PROSE: &str = "<p>The county has published its list of clinics that offer counselling on a sliding scale, and the health board says more will join it before the winter.</p>\
        <p>Fees at each clinic depend on income, and most of them see new clients within two weeks of a first phone call, the board said on Tuesday.</p>";

    #[test]
    fn short_lines_in_the_article_element_are_body() {
        let page = format!(
            "<body><nav><a href='/'>Home</a></nav><div class='story'>{PROSE}\
             <h3>Harbour Street Clinic</h3><ul><li>12 Harbour St.</li><li>(555) 014-2231</li></ul></div>\
             <div class='more'><p>Weather</p><p>Sport</p></div></body>"
        );
        let body = body(&page);
        assert!(
            body.contains("Harbour Street Clinic\n12 Harbour St.\n(555) 014-2231\n"),
            "{body}"
        );
        assert!(!body.contains("Weather"), "{body}");
    }

    #[test]
    fn a_comments_link_in_a_toolbar_does_not_end_the_article() {
        let page = format!(
            "<body><div class='story'>{PROSE}<div class='controls'><p><a href='#'>print</a></p>\
             <p class='comments'><a href='#c'>comments</a></p></div>\
             <p>The board will publish the next list in March, with the clinics that joined over the winter and their hours.</p>\
             </div><div class='comments'><p>I waited six weeks for a first appointment last year, so this is welcome news.</p></div></body>"
        );
        let body = body(&page);
        assert!(body.contains("next list in March"), "{body}");
        assert!(!body.contains("six weeks"), "{body}");
    }

    #[test]
    fn labels_between_the_articles_paragraphs_are_body_and_the_kicker_is_not() {
        let page = format!(
            "<body><nav><a href='/'>Home</a></nav><div class='story'><h1>Beef grill on test</h1>\
             <p>City life</p>\
             <p>The grill that the discount chain sells every spring heats a steak from above, and we tried it for a month.</p>\
             <div>Pros</div><div>Low price</div><div>Solid build</div><div>Pizza stone</div>\
             <div>Even heat</div><div>Quick to start</div><div>Drip tray</div>\
             <div>Cons</div><div>Hot only in the middle</div>{PROSE}</div>\
             <div class='more'><p>Weather</p><p>Sport</p></div></body>"
        );
        let body = body(&page);
        assert!(body.contains("Pros\nLow price\n"), "{body}");
        assert!(body.contains("Cons\nHot only in the middle\n"), "{body}");
        assert!(!body.contains("City life"), "{body}");
        assert!(!body.contains("Weather"), "{body}");
    }

    #[test]
    fn widening_stops_at_an_author_box() {
        let page = format!(
            "<body><div class='story'>{PROSE}<ul><li>12 Harbour St.</li></ul>\
             <div class='author-box'><p>Ana Reyes</p></div>\
             <ul><li>A short history of the pier</li></ul></div></body>"
        );
        let body = body(&page);
        assert!(body.contains("12 Harbour St."), "{body}");
        assert!(!body.contains("pier"), "{body}");
    }
}
