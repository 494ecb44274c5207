//! Script and style contents emptied before parsing.
//!
//! On news pages, four bytes in ten are the contents of `<script>` and
//! `<style>` elements: inline bundles, JSON state, CSS. pith never reads
//! them, yet html5ever tokenizes them character by character and copies
//! them into text nodes; over the chaos-dev pages that was a fifth of the
//! parse. [`empty_scripts_and_styles`] removes those contents in one
//! memchr-driven scan, keeping the tags, so the tree html5ever builds is the
//! same but for two empty elements.
//!
//! The scan must agree with html5ever about where each content ends, or it
//! would remove markup that html5ever reads. So it removes only what it can
//! place exactly, and otherwise leaves the page alone:
//!
//! - Comments, `<!…>` declarations, and the raw text of `textarea`, `title`,
//!   `xmp`, `iframe`, `noembed`, `noframes` and `noscript` (scripting is on
//!   in html5ever, so `noscript` is raw text) are skipped: a `<script>` in
//!   them is text.
//! - A style ends at the first `</style`; a script at the first `</script`,
//!   unless it holds `<!--` followed by `<script` (the tokenizer's "double
//!   escaped" state, where `</script` does not end it). Such a script stops
//!   the scan; what was removed before it stays removed.
//! - Inside `<svg>` and `<math>` a script is an ordinary element, so nothing
//!   is removed there.
//! - `<plaintext>` makes the rest of the page text: the scan stops.

use std::borrow::Cow;
use std::ops::Range;

use super::lex::{find_end_tag, lowercase, text_mode, without, Tags, TextMode};

/// Returns `html` with the contents of its `<script>` and `<style>`
/// elements removed, or `html` itself when it has none.
pub(crate) fn empty_scripts_and_styles(html: &str) -> Cow<'_, str> {
    without(html, &contents(html))
}

/// How the scan treats an element's start tag.
enum Content {
    /// Script or style: the content is removed.
    Removed(&'static [u8]),
    /// Raw text or escapable raw text: skipped to the end tag.
    Skipped,
    /// `svg` or `math`: foreign content until its end tag.
    Foreign,
    /// `plaintext`: the rest of the page is text.
    Rest,
    /// Anything else: markup continues.
    Markup,
}

fn content_of(name: &[u8]) -> Content {
    let Some((lower, len)) = lowercase::<9>(name) else {
        return Content::Markup;
    };
    match &lower[..len] {
        b"script" => Content::Removed(b"script"),
        b"style" => Content::Removed(b"style"),
        b"svg" | b"math" => Content::Foreign,
        lower => match text_mode(lower) {
            TextMode::RawText => Content::Skipped,
            TextMode::PlainText => Content::Rest,
            TextMode::Markup => Content::Markup,
        },
    }
}

/// Byte ranges of the script and style contents to remove, in order.
fn contents(text: &str) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    // Open `svg`/`math` elements: while any is open, nothing is removed.
    let mut foreign = 0usize;
    let mut tags = Tags::new(text);
    while let Some(tag) = tags.next() {
        let content = content_of(tag.name);
        let opens = !tag.is_end && !tag.self_closing;
        if foreign > 0 || tag.is_end {
            if matches!(content, Content::Foreign) {
                if tag.is_end {
                    foreign = foreign.saturating_sub(1);
                } else {
                    foreign += usize::from(opens);
                }
                tags.cdata = foreign > 0;
            }
            continue;
        }
        match content {
            // `<script/>` is a start tag in HTML: its content follows.
            Content::Removed(name) => {
                let Some(end) = find_end_tag(text, tag.end, name) else {
                    // Unclosed: the content runs to the end of the page.
                    cuts.push(tag.end..text.len());
                    break;
                };
                if name == b"script" && may_be_double_escaped(&text[tag.end..end]) {
                    break;
                }
                cuts.push(tag.end..end);
                tags.skip_to(end);
            }
            Content::Skipped => {
                tags.skip_to(find_end_tag(text, tag.end, tag.name).unwrap_or(text.len()));
            }
            Content::Foreign => {
                foreign += usize::from(opens);
                tags.cdata = foreign > 0;
            }
            Content::Rest => break,
            Content::Markup => {}
        }
    }
    cuts
}

/// Whether a script's content up to its first `</script` holds `<!--` and,
/// after it, `<script`: the tokenizer may then be in its "double escaped"
/// state, where that `</script` does not end the script.
fn may_be_double_escaped(content: &str) -> bool {
    let Some(comment) = content.find("<!--") else {
        return false;
    };
    let after = &content.as_bytes()[comment..];
    after
        .windows(7)
        .any(|w| w[0] == b'<' && w[1..].eq_ignore_ascii_case(b"script"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emptied(html: &str) -> String {
        empty_scripts_and_styles(html).into_owned()
    }

    #[test]
    fn script_and_style_contents_are_removed() {
        assert_eq!(
            emptied(
                "<head><STYLE media=x>p > a { color: red }</style ><script>if (a<b) \
                 document.write('<p>x</p>')</SCRIPT></head><p>Body</p>"
            ),
            "<head><STYLE media=x></style ><script></SCRIPT></head><p>Body</p>"
        );
    }

    #[test]
    fn pages_without_them_are_not_copied() {
        let html = "<p>No scripts <b>here</b>.</p><!-- <script>x</script> -->";
        assert!(matches!(empty_scripts_and_styles(html), Cow::Borrowed(_)));
    }

    #[test]
    fn scripts_in_text_comments_and_attributes_are_text() {
        for html in [
            "<textarea><script>x</script></textarea>",
            "<title>a <style>b</style></title>",
            "<noscript><script>x</script></noscript>",
            "<!-- <script> --><p>kept</p><!-- </script> -->",
            "<a title='<script>'>x</a><p>kept</p><i title=\"</script>\">y</i>",
            "<div class=a\"b>1</div><p title=\"<script>\">kept</p>",
            "<!DOCTYPE html><![CDATA[<script>]]><p>kept</p>",
        ] {
            assert_eq!(emptied(html), html);
        }
    }

    #[test]
    fn foreign_content_is_left_alone() {
        let html = "<svg><script>a<b/>c</script><style>d</style></svg>";
        assert_eq!(emptied(html), html);
        assert_eq!(
            emptied("<svg/><script>x</script><math><mi>y</mi></math><style>z</style>"),
            "<svg/><script></script><math><mi>y</mi></math><style></style>"
        );
        assert_eq!(
            emptied("<svg><svg></svg><script>a</script></svg><script>b</script>"),
            "<svg><svg></svg><script>a</script></svg><script></script>"
        );
    }

    #[test]
    fn a_double_escaped_script_stops_the_scan() {
        let html = "<script>x</script><script><!-- <script>a</script> b --></script>\
                    <style>c</style>";
        assert_eq!(
            emptied(html),
            "<script></script><script><!-- <script>a</script> b --></script><style>c</style>"
        );
        // `<!--` alone is the plain escaped state: the first `</script` ends it.
        assert_eq!(
            emptied("<script><!-- x() --></script><p>a</p>"),
            "<script></script><p>a</p>"
        );
    }

    #[test]
    fn unclosed_and_plaintext() {
        assert_eq!(emptied("<p>a<script>var x = 1;"), "<p>a<script>");
        let html = "<plaintext><script>x</script>";
        assert_eq!(emptied(html), html);
    }

    #[test]
    fn the_parsed_text_is_the_same() {
        let pages = [
            "<p>One<script>document.write('<p>no</p>')</script> two</p><style>p{}</style><p>Three</p>",
            "<table><tr><td>a<script>x</script></td></tr></table><p>b<style>y</style></p>",
            "<svg><title>t</title><script><![CDATA[ </svg> ]]></script></svg><p>after</p>",
            "<p>x<script><!--\n document.write('<script>a</script>') //--></script>y</p>",
        ];
        for page in pages {
            let text = |html: &str| {
                let doc = super::super::parse_emptied(html);
                doc.blocks.into_iter().map(|b| b.text).collect::<Vec<_>>()
            };
            assert_eq!(text(&emptied(page)), text(page), "{page}");
        }
    }
}
