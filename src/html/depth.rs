//! A nesting cap applied before parsing.
//!
//! html5ever's tree builder checks "has an element in scope" by walking its
//! stack of open elements, for every `<div>`, `<p>`, `<ul>`, … start tag. On a
//! page that nests elements N deep that is O(N²): 100,000 nested `<div>`s
//! take half a minute, and a 50 MB page of them would never finish. Browsers
//! cap the depth of the tree their parser builds for the same reason (Blink:
//! 512).
//!
//! [`cap`] scans the page once, with a light tokenizer that knows comments and
//! raw-text elements, estimates the nesting of container elements, and when
//! the nesting passes [`MAX_DEPTH`] removes the start and end tags of the
//! elements beyond it. Their text stays; only the box structure deeper than
//! the cap is flattened into the element at the cap. Pages that stay under the
//! cap, which is every real page, are passed through untouched and uncopied;
//! pages with few tags ([`may_nest_too_deep`]) are not even scanned.

use std::borrow::Cow;
use std::ops::Range;

use super::lex::{find_end_tag, lowercase, text_mode, without, Tags, TextMode};

/// Deepest nesting of container elements kept.
pub(crate) const MAX_DEPTH: usize = 512;

/// Pages with at most this many `<` are not scanned: even fully nested,
/// html5ever parses them in a few tens of milliseconds. Nine news pages in
/// ten have fewer.
const SMALL_PAGE_TAGS: usize = 4096;

/// How far down the open-element estimate an end tag looks for its start
/// tag; a stray end tag further down is left for the parser to ignore.
const END_TAG_REACH: usize = 64;

/// Whether a page has enough tags to nest deep enough to be slow to parse.
pub(crate) fn may_nest_too_deep(html: &str) -> bool {
    html.len() > SMALL_PAGE_TAGS && more_than(html.as_bytes(), b'<', SMALL_PAGE_TAGS)
}

/// Whether `bytes` holds more than `limit` copies of `byte`. Counts in chunks
/// of 255 bytes with a byte-wide sum, which the compiler turns into vector
/// compares (a plain `filter().count()` widens every byte to 64 bits and ran
/// at a quarter of the speed), and stops once the limit is passed.
fn more_than(bytes: &[u8], byte: u8, limit: usize) -> bool {
    let mut count = 0;
    for chunk in bytes.chunks(255) {
        let hits = chunk.iter().fold(0u8, |n, &b| n + u8::from(b == byte));
        count += usize::from(hits);
        if count > limit {
            return true;
        }
    }
    false
}

/// Returns `html` with the tags of elements nested deeper than `max_depth`
/// removed, or `html` itself when nothing nests that deep.
pub(crate) fn cap(html: &str, max_depth: usize) -> Cow<'_, str> {
    without(html, &deep_tags(html, max_depth))
}

/// How a tag name takes part in the nesting estimate.
#[derive(Debug, PartialEq, Eq)]
enum Role {
    /// Nests until its end tag: counted.
    Container,
    /// Its content is raw text up to its end tag (`script`, `style`, …).
    RawText,
    /// Everything after it is text.
    PlainText,
    /// Void, closed implicitly, or never nested by the parser: not counted.
    Other,
}

fn role(name: &[u8]) -> Role {
    let Some((lower, len)) = lowercase::<12>(name) else {
        // Long names are custom elements (`amp-user-notification`): boxes.
        return Role::Container;
    };
    let lower = &lower[..len];
    match text_mode(lower) {
        TextMode::RawText => return Role::RawText,
        TextMode::PlainText => return Role::PlainText,
        TextMode::Markup => {}
    }
    match lower {
        // Void elements.
        b"area" | b"base" | b"basefont" | b"bgsound" | b"br" | b"col" | b"embed" | b"frame"
        | b"hr" | b"image" | b"img" | b"input" | b"keygen" | b"link" | b"meta" | b"param"
        | b"source" | b"track" | b"wbr"
        // Closed implicitly by the next of their kind, or never nested.
        | b"p" | b"li" | b"dt" | b"dd" | b"option" | b"optgroup" | b"tr" | b"td" | b"th"
        | b"thead" | b"tbody" | b"tfoot" | b"caption" | b"colgroup" | b"rb" | b"rt" | b"rp"
        | b"rtc" | b"html" | b"head" | b"body" | b"a" | b"nobr" | b"button" | b"form" => {
            Role::Other
        }
        _ => Role::Container,
    }
}

/// Byte ranges of the tags to remove, in order.
fn deep_tags(text: &str, max_depth: usize) -> Vec<Range<usize>> {
    let mut drops = Vec::new();
    // Open containers: tag name and whether its tags are being removed.
    let mut open: Vec<(&[u8], bool)> = Vec::new();
    let mut tags = Tags::new(text);
    while let Some(tag) = tags.next() {
        let name = tag.name;
        match (tag.is_end, role(name)) {
            (false, Role::Container) if !tag.self_closing => {
                let deep = open.len() >= max_depth;
                if deep {
                    drops.push(tag.start..tag.end);
                }
                open.push((name, deep));
            }
            (true, Role::Container) => {
                let reach = open.len().saturating_sub(END_TAG_REACH);
                let matched = open[reach..]
                    .iter()
                    .rposition(|(open_name, _)| open_name.eq_ignore_ascii_case(name));
                if let Some(at) = matched {
                    if open[reach + at].1 {
                        drops.push(tag.start..tag.end);
                    }
                    open.truncate(reach + at);
                }
            }
            (false, Role::RawText) if !tag.self_closing => {
                // Skip to the matching end tag; its content is not markup.
                tags.skip_to(find_end_tag(text, tag.end, name).unwrap_or(text.len()));
            }
            (false, Role::PlainText) => break,
            _ => {}
        }
    }
    drops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_past_a_limit() {
        let page = "<p>".repeat(600);
        assert!(more_than(page.as_bytes(), b'<', 599));
        assert!(!more_than(page.as_bytes(), b'<', 600));
        assert!(!more_than(b"", b'<', 0));
        assert!(more_than(b"<", b'<', 0));
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><p>a<div>b</div></p></div>";
        assert!(matches!(cap(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_cap_are_removed() {
        assert_eq!(
            cap(
                "<div><section><DIV class=x>deep</div></section></div>after",
                2
            ),
            "<div><section>deep</section></div>after"
        );
    }

    #[test]
    fn raw_text_comments_and_quotes_are_not_markup() {
        let html = "<div><script>var s = '<div><div><div>';</script><!-- <div><div> -->\
                    <span title='a > <div>'>x</span></div>";
        assert!(matches!(cap(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn implied_end_tags_are_not_counted() {
        let html = "<ul><li>a<li>b<li>c</ul><p>one<p>two<a href=1>x<a href=2>y";
        assert!(matches!(cap(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn junk_never_panics() {
        for junk in [
            "<",
            "</",
            "<!",
            "<!--",
            "<a",
            "<a b='",
            "<script>",
            "<di\u{e9}v>",
            "<\u{e9}",
        ] {
            let _ = cap(junk, 1);
        }
    }
}
