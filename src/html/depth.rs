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
    let drops = deep_tags(html, max_depth);
    if drops.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for range in drops {
        out.push_str(html.get(at..range.start).unwrap_or_default());
        at = range.end;
    }
    out.push_str(html.get(at..).unwrap_or_default());
    Cow::Owned(out)
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
    let mut lower = [0u8; 12];
    if name.len() > lower.len() {
        // Long names are custom elements (`amp-user-notification`): boxes.
        return Role::Container;
    }
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    match &lower[..name.len()] {
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"noscript" => Role::RawText,
        b"plaintext" => Role::PlainText,
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
    let html = text.as_bytes();
    let mut drops = Vec::new();
    // Open containers: tag name and whether its tags are being removed.
    let mut open: Vec<(&[u8], bool)> = Vec::new();
    let mut i = 0;
    while let Some(offset) = text.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with(b"<!--") {
            i = find(text, start + 4, "-->").map_or(html.len(), |at| at + 3);
            continue;
        }
        let (end_tag, name_at) = match rest.get(1) {
            Some(b'/') => (true, start + 2),
            Some(b'!' | b'?') => {
                i = find(text, start, ">").map_or(html.len(), |at| at + 1);
                continue;
            }
            _ => (false, start + 1),
        };
        if !html.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name_end = html[name_at..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
            .map_or(html.len(), |len| name_at + len);
        let name = &html[name_at..name_end];
        let (tag_end, self_closing) = tag_end(text, name_end);
        let tag = start..tag_end;
        i = tag_end;
        match (end_tag, role(name)) {
            (false, Role::Container) if !self_closing => {
                let deep = open.len() >= max_depth;
                if deep {
                    drops.push(tag);
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
                        drops.push(tag);
                    }
                    open.truncate(reach + at);
                }
            }
            (false, Role::RawText) if !self_closing => {
                // Skip to the matching end tag; its content is not markup.
                i = find_end_tag(text, tag_end, name).unwrap_or(html.len());
            }
            (false, Role::PlainText) => break,
            _ => {}
        }
    }
    drops
}

/// The end of the tag whose name ends at `from` (just past its `>`), and
/// whether it is written self-closing (`/>`). Quoted attribute values may
/// hold `>`.
fn tag_end(text: &str, from: usize) -> (usize, bool) {
    let html = text.as_bytes();
    let mut i = from;
    while let Some(&byte) = html.get(i) {
        match byte {
            b'>' => return (i + 1, i > from && html[i - 1] == b'/'),
            b'"' => i = find(text, i + 1, "\"").map_or(html.len(), |at| at + 1),
            b'\'' => i = find(text, i + 1, "'").map_or(html.len(), |at| at + 1),
            _ => i += 1,
        }
    }
    (html.len(), false)
}

/// Where `</name` starts at or after `from`, case-insensitively.
fn find_end_tag(text: &str, from: usize, name: &[u8]) -> Option<usize> {
    let html = text.as_bytes();
    let mut i = from;
    loop {
        let at = find(text, i, "<")?;
        i = at + 1;
        if html.get(at + 1) != Some(&b'/') {
            continue;
        }
        let candidate = html.get(at + 2..at + 2 + name.len())?;
        let boundary = html
            .get(at + 2 + name.len())
            .map_or(true, |&b| b.is_ascii_whitespace() || b == b'/' || b == b'>');
        if candidate.eq_ignore_ascii_case(name) && boundary {
            return Some(at);
        }
    }
}

/// Position in `text` of the next `needle` at or after `from`. One-byte
/// needles are searched as a `char`, which is memchr-fast.
fn find(text: &str, from: usize, needle: &str) -> Option<usize> {
    let rest = text.get(from..)?;
    let at = match needle.as_bytes() {
        [byte] => rest.find(char::from(*byte)),
        _ => rest.find(needle),
    }?;
    Some(from + at)
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
