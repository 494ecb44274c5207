//! A light tag scanner shared by the passes that run before parsing.
//!
//! [`depth`](super::depth) and [`raw_text`](super::raw_text) read a page's
//! tags without building anything. This module holds what both need: where a
//! tag ends, where a raw-text element's end tag starts, and fast substring
//! search. It follows the HTML tokenizer where that decides where a tag or
//! comment ends (quoted attribute values, raw-text end tags), and errs on the
//! side of reading too little markup, never too much.

use std::borrow::Cow;
use std::ops::Range;

/// A start or end tag found by [`Tags`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag<'a> {
    /// Byte range of the whole tag, `<` to `>`.
    pub start: usize,
    pub end: usize,
    /// The name as written (any case).
    pub name: &'a [u8],
    pub is_end: bool,
    /// Written `<name … />`.
    pub self_closing: bool,
}

/// The tags of a page in order, with comments and `<!…>`/`<?…>`
/// declarations skipped. A `<` that starts no tag is text.
///
/// The iterator does not know raw-text elements: a caller that meets one
/// moves past its content with [`Tags::skip_to`].
pub(crate) struct Tags<'a> {
    text: &'a str,
    at: usize,
    /// Read `<![CDATA[…]]>` as a section (inside `svg` and `math`), not as
    /// a declaration ending at the first `>`.
    pub cdata: bool,
}

impl<'a> Tags<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Tags {
            text,
            at: 0,
            cdata: false,
        }
    }

    /// Continues the scan at byte `at`.
    pub(crate) fn skip_to(&mut self, at: usize) {
        self.at = at;
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let (text, html) = (self.text, self.text.as_bytes());
        let past = |found: Option<usize>, len: usize| found.map_or(html.len(), |at| at + len);
        while let Some(start) = find(text, self.at, "<") {
            let rest = &html[start..];
            if rest.starts_with(b"<!--") {
                self.at = past(find(text, start + 4, "-->"), 3);
                continue;
            }
            if self.cdata && rest.starts_with(b"<![CDATA[") {
                self.at = past(find(text, start + 9, "]]>"), 3);
                continue;
            }
            let (is_end, name_at) = match rest.get(1) {
                Some(b'/') => (true, start + 2),
                Some(b'!' | b'?') => {
                    self.at = past(find(text, start, ">"), 1);
                    continue;
                }
                _ => (false, start + 1),
            };
            if !html.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                self.at = start + 1;
                continue;
            }
            let name_stop = name_end(html, name_at);
            let (end, self_closing) = tag_end(text, name_stop);
            self.at = end;
            return Some(Tag {
                start,
                end,
                name: &html[name_at..name_stop],
                is_end,
                self_closing,
            });
        }
        self.at = html.len();
        None
    }
}

/// How the HTML tokenizer reads what follows an element's start tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextMode {
    /// Text up to the element's end tag (`script`, `style`, `textarea`,
    /// `title`, …; html5ever runs with scripting on, so `noscript` too).
    RawText,
    /// Text to the end of the page (`plaintext`).
    PlainText,
    /// Markup.
    Markup,
}

/// The [`TextMode`] after a start tag named `lower` (in lower case).
pub(crate) fn text_mode(lower: &[u8]) -> TextMode {
    match lower {
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"noscript" => TextMode::RawText,
        b"plaintext" => TextMode::PlainText,
        _ => TextMode::Markup,
    }
}

/// `name` in lower case, or `None` when it is longer than `N` bytes.
pub(crate) fn lowercase<const N: usize>(name: &[u8]) -> Option<([u8; N], usize)> {
    if name.len() > N {
        return None;
    }
    let mut lower = [0u8; N];
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    Some((lower, name.len()))
}

/// `html` without the byte ranges `cuts` (in order, not overlapping), or
/// `html` itself, uncopied, when there are none.
pub(crate) fn without<'a>(html: &'a str, cuts: &[Range<usize>]) -> Cow<'a, str> {
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let removed: usize = cuts.iter().map(Range::len).sum();
    let mut out = String::with_capacity(html.len().saturating_sub(removed));
    let mut at = 0;
    for cut in cuts {
        out.push_str(html.get(at..cut.start).unwrap_or_default());
        at = cut.end;
    }
    out.push_str(html.get(at..).unwrap_or_default());
    Cow::Owned(out)
}

/// Position in `text` of the next `needle` at or after `from`. One-byte
/// needles are searched as a `char`, which is memchr-fast.
pub(crate) fn find(text: &str, from: usize, needle: &str) -> Option<usize> {
    let rest = text.get(from..)?;
    let at = match needle.as_bytes() {
        [byte] => rest.find(char::from(*byte)),
        _ => rest.find(needle),
    }?;
    Some(from + at)
}

/// Where the tag name starting at `from` ends: at white space, `/` or `>`.
pub(crate) fn name_end(html: &[u8], from: usize) -> usize {
    html.get(from..)
        .and_then(|rest| {
            rest.iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        })
        .map_or(html.len(), |len| from + len)
}

/// The end of the tag whose name ends at `from` (just past its `>`), and
/// whether it is written self-closing (`/>`).
///
/// Attributes are read as the HTML tokenizer reads them: a quote opens a
/// quoted value only right after `=` (white space allowed around it), so the
/// `>` inside `title='a > b'` does not end the tag, and the stray quote in
/// `class=a"b` does not swallow the rest of the page. The scan jumps from
/// quote to quote with memchr instead of reading attribute by attribute:
/// it runs over every tag of every page.
pub(crate) fn tag_end(text: &str, from: usize) -> (usize, bool) {
    let html = text.as_bytes();
    let mut i = from;
    while let Some(offset) = html
        .get(i..)
        .and_then(|rest| memchr::memchr3(b'>', b'"', b'\'', rest))
    {
        let at = i + offset;
        if html[at] == b'>' {
            return (at + 1, ends_self_closing(&html[from..at]));
        }
        i = at + 1;
        if opens_value(&html[from..at]) {
            i = memchr::memchr(html[at], &html[i..]).map_or(html.len(), |len| i + len + 1);
        }
    }
    (html.len(), false)
}

/// Whether a quote that follows `before` (the tag so far) opens a quoted
/// attribute value: it comes right after `=`, white space aside.
fn opens_value(before: &[u8]) -> bool {
    before
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'=')
}

/// Whether a tag whose attributes are `attrs` (up to its `>`) is
/// self-closing: it ends in `/`, and that `/` is not the end of an unquoted
/// value (`<a href=/x/>`).
fn ends_self_closing(attrs: &[u8]) -> bool {
    let Some((b'/', before)) = attrs.split_last() else {
        return false;
    };
    let word = before
        .iter()
        .rev()
        .take_while(|&&b| !(b.is_ascii_whitespace() || b == b'"' || b == b'\''));
    !word.into_iter().any(|&b| b == b'=')
}

/// Where `</name` starts at or after `from`, case-insensitively, followed by
/// white space, `/` or `>`: the end tag that closes a raw-text element.
pub(crate) fn find_end_tag(text: &str, from: usize, name: &[u8]) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the tag starting at `<` and whether it is self-closing.
    fn first_tag(html: &str) -> (&str, bool) {
        let from = name_end(html.as_bytes(), 1);
        let (end, self_closing) = tag_end(html, from);
        (&html[..end], self_closing)
    }

    #[test]
    fn quoted_values_may_hold_a_closing_bracket() {
        assert_eq!(
            first_tag("<a title='a > b' x=1>t").0,
            "<a title='a > b' x=1>"
        );
        assert_eq!(first_tag("<a title = \"a>b\">t").0, "<a title = \"a>b\">");
    }

    #[test]
    fn a_stray_quote_is_not_a_quoted_value() {
        assert_eq!(
            first_tag("<div class=a\"b>text\"</div>").0,
            "<div class=a\"b>"
        );
        assert_eq!(first_tag("<div \"odd>text\"").0, "<div \"odd>");
    }

    #[test]
    fn self_closing_tags() {
        assert_eq!(first_tag("<br/>x"), ("<br/>", true));
        assert_eq!(first_tag("<img src=a />x"), ("<img src=a />", true));
        assert_eq!(first_tag("<a href=/x/>x"), ("<a href=/x/>", false));
        assert_eq!(first_tag("<p / >x"), ("<p / >", false));
    }

    #[test]
    fn unfinished_tags_run_to_the_end() {
        for junk in ["<a", "<a b='", "<a b=", "<a b", "<a /", "<"] {
            assert_eq!(first_tag(junk).0, junk);
        }
    }

    #[test]
    fn tags_skip_comments_and_declarations() {
        let html = "<!DOCTYPE html><!-- <b> --><p class=x>a < b</P ><?php x ?><br/>";
        let tags: Vec<_> = Tags::new(html)
            .map(|t| (&html[t.start..t.end], t.is_end, t.self_closing))
            .collect();
        assert_eq!(
            tags,
            [
                ("<p class=x>", false, false),
                ("</P >", true, false),
                ("<br/>", false, true)
            ]
        );
        // In HTML content a CDATA section is a declaration, ending at `>`.
        let mut tags = Tags::new("<![CDATA[ a>b <i> ]]><b>");
        assert_eq!(tags.next().map(|t| t.name), Some(&b"i"[..]));
        let mut tags = Tags::new("<![CDATA[ a>b <i> ]]><b>");
        tags.cdata = true;
        assert_eq!(tags.next().map(|t| t.name), Some(&b"b"[..]));
    }

    #[test]
    fn cuts_are_removed() {
        assert_eq!(without("abcdef", &[1..2, 4..6]), "acd");
        assert!(matches!(without("abc", &[]), Cow::Borrowed("abc")));
    }

    #[test]
    fn end_tags_need_a_boundary() {
        let js = "if (a</scripts) x = '</SCRIPT >';";
        assert_eq!(find_end_tag(js, 0, b"script"), js.find("</SCRIPT"));
        assert_eq!(find_end_tag("</scrip", 0, b"script"), None);
    }
}
