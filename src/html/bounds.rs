//! Bounds on the markup html5ever is given: attributes per element and tags
//! per page.
//!
//! html5ever drops a repeated attribute by comparing each new attribute with
//! every earlier one of its element: one element with 100,000 distinct
//! attributes (a 1 MB page) took 13 s. And every tag becomes a node of the
//! DOM, so a page of millions of empty tags costs memory far beyond its
//! size. [`bound`] scans the page once with the light tokenizer and
//!
//! - keeps the first [`MAX_ATTRIBUTES`] attributes of an element and removes
//!   the rest of its start tag's attributes (browsers read the first of a
//!   repeated attribute too; no page pith reads has more than a few dozen);
//! - ends the page before its tag number [`MAX_TAGS`] + 1 (a news page has a
//!   few thousand).
//!
//! Pages within both bounds, every real page, are passed through uncopied.

use std::borrow::Cow;
use std::ops::Range;

use super::lex::{find_end_tag, lowercase, text_mode, without, Tags, TextMode};

/// The most attributes kept on one element.
pub(crate) const MAX_ATTRIBUTES: usize = 1024;

/// The most tags read from one page.
pub(crate) const MAX_TAGS: usize = 1_000_000;

/// What [`bound`] left out of a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cut {
    /// Elements that lost attributes past the bound.
    pub elements: usize,
    /// Bytes left out at the end of the page, past the last tag kept.
    pub tail_bytes: usize,
}

impl Cut {
    /// What was left out, for the user, one note for each bound the page
    /// went past.
    pub(crate) fn notes(&self) -> Vec<String> {
        self.notes_with(MAX_ATTRIBUTES, MAX_TAGS)
    }

    fn notes_with(&self, max_attributes: usize, max_tags: usize) -> Vec<String> {
        let mut notes = Vec::new();
        if self.elements > 0 {
            let elements = match self.elements {
                1 => "an element has".to_string(),
                n => format!("{n} elements have"),
            };
            notes.push(format!(
                "{elements} more than {max_attributes} attributes: all but the first \
                 {max_attributes} were left out"
            ));
        }
        if self.tail_bytes > 0 {
            notes.push(format!(
                "the page has more than {max_tags} tags: the rest of it ({} bytes) was not read",
                self.tail_bytes
            ));
        }
        notes
    }
}

/// Returns `html` within the bounds (or `html` itself when it is) and what
/// was left out.
pub(crate) fn bound(html: &str) -> (Cow<'_, str>, Cut) {
    bound_to(html, MAX_ATTRIBUTES, MAX_TAGS)
}

pub(crate) fn bound_to(html: &str, max_attributes: usize, max_tags: usize) -> (Cow<'_, str>, Cut) {
    let bytes = html.as_bytes();
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut cut = Cut::default();
    let mut tags = Tags::new(html);
    let mut count = 0usize;
    while let Some(tag) = tags.next() {
        count += 1;
        if count > max_tags {
            cut.tail_bytes = html.len() - tag.start;
            cuts.push(tag.start..html.len());
            break;
        }
        if tag.is_end {
            continue;
        }
        // A tag with more attributes than the bound has at least two bytes
        // for each of them: shorter tags are not read attribute by attribute.
        if tag.end - tag.start > 2 * max_attributes {
            let attrs = tag.start + 1 + tag.name.len()..attrs_end(bytes, tag.end, tag.self_closing);
            if let Some(past) = attributes_past(bytes, attrs, max_attributes) {
                cut.elements += 1;
                cuts.push(past);
            }
        }
        let Some((lower, len)) = lowercase::<12>(tag.name) else {
            continue;
        };
        match text_mode(&lower[..len]) {
            TextMode::RawText if !tag.self_closing => {
                tags.skip_to(find_end_tag(html, tag.end, tag.name).unwrap_or(html.len()));
            }
            TextMode::PlainText => break,
            _ => {}
        }
    }
    (without(html, &cuts), cut)
}

/// Where a start tag's attributes end: before its `>`, or its `/>`.
fn attrs_end(bytes: &[u8], end: usize, self_closing: bool) -> usize {
    let before_gt = if bytes.get(end.wrapping_sub(1)) == Some(&b'>') {
        end - 1
    } else {
        end
    };
    if self_closing {
        before_gt.saturating_sub(1)
    } else {
        before_gt
    }
}

/// The byte range of the attributes after the first `max` in `attrs` (the
/// bytes after a start tag's name), read as the HTML tokenizer reads them,
/// or `None` when there are at most `max`.
fn attributes_past(bytes: &[u8], attrs: Range<usize>, max: usize) -> Option<Range<usize>> {
    let end = attrs.end.min(bytes.len());
    let mut i = attrs.start;
    let mut count = 0;
    let skip_space = |mut i: usize| {
        while i < end && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        i
    };
    loop {
        i = skip_space(i);
        if i >= end {
            return None;
        }
        count += 1;
        if count > max {
            return Some(i..end);
        }
        // The name: its first byte may be anything, `=` included.
        i += 1;
        while i < end && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'/' | b'=') {
            i += 1;
        }
        let mut j = i;
        while j < end && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= end || bytes[j] != b'=' {
            continue;
        }
        j += 1;
        while j < end && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        i = match bytes.get(j) {
            Some(&quote @ (b'"' | b'\'')) if j < end => {
                memchr::memchr(quote, &bytes[j + 1..end]).map_or(end, |at| j + 1 + at + 1)
            }
            _ => {
                let mut k = j;
                while k < end && !bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                k
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let html = "<div class=a id='b c' data-x=\"1 > 2\"><p>text</p></div>";
        let (bounded, cut) = bound_to(html, 3, 100);
        assert!(matches!(bounded, Cow::Borrowed(_)));
        assert_eq!(cut, Cut::default());
        assert!(cut.notes().is_empty());
    }

    #[test]
    fn attributes_past_the_bound_are_removed() {
        let html = "<div a b=1 c='x y' d e f>text</div>";
        let (bounded, cut) = bound_to(html, 3, 100);
        assert_eq!(bounded, "<div a b=1 c='x y' >text</div>");
        assert_eq!(
            cut.notes_with(3, 100),
            ["an element has more than 3 attributes: all but the first 3 were left out"]
        );
        let closed = "<img a b c d/><img e f g h>";
        let (bounded, cut) = bound_to(closed, 2, 100);
        assert_eq!(bounded, "<img a b /><img e f >");
        assert_eq!(cut.elements, 2);
    }

    #[test]
    fn a_quoted_value_with_spaces_is_one_attribute() {
        let html = "<p title='a b c d e f g h'>x</p>";
        assert!(matches!(bound_to(html, 1, 100).0, Cow::Borrowed(_)));
    }

    #[test]
    fn the_page_ends_before_the_tag_past_the_bound() {
        let (bounded, cut) = bound_to("<p>a<p>b<p>c", 10, 2);
        assert_eq!(bounded, "<p>a<p>b");
        assert_eq!(
            cut.notes_with(10, 2),
            ["the page has more than 2 tags: the rest of it (4 bytes) was not read"]
        );
    }

    #[test]
    fn raw_text_is_not_counted() {
        let html = "<script><p><p><p></script><p>x";
        assert!(matches!(bound_to(html, 10, 3).0, Cow::Borrowed(_)));
    }

    #[test]
    fn junk_never_panics() {
        for junk in [
            "<",
            "<a",
            "<a b='",
            "<a =",
            "<a b= ",
            "<a\u{e9} \u{e9}=\u{e9}>",
            "<a b=' />",
        ] {
            let _ = bound_to(junk, 0, 0);
            let _ = bound_to(junk, 1, 1);
        }
    }
}
