//! HTML pages to documents of blocks.
//!
//! A page is parsed with html5ever into a light arena DOM of pith's own
//! (module `sink`) and walked once, in document order, without recursion.
//! Block-level elements (`p`, `div`, `li`, headings, `blockquote`, …) and
//! `<br>` delimit blocks; inline elements (`a`, `b`, `span`, …) do not. Every
//! block carries the [`DomEvidence`] of the element that owns it: its tag and
//! tag path, the class and id tokens of it and its ancestors, its link
//! density, and the landmark containers it sits in ([`Landmarks`]).
//!
//! Some conventions:
//!
//! - Text between block children of an element (`<div>intro<p>…</p>tail</div>`)
//!   makes blocks of its own, owned by that element.
//! - A data table gives one block per row, its non-empty cells joined with
//!   `" | "`; a layout table (one that holds another table, headings or
//!   paragraph-sized cells, or never two cells with text in a row) is walked
//!   like nested boxes instead.
//! - Script, style, `noscript`, `template`, `svg`, `math`, embedded content
//!   and form controls are never read; neither is `<head>`, except for the
//!   title.
//! - The contents of `<script>` and `<style>` elements are removed before
//!   parsing, where a light scan can place them exactly: they are four bytes
//!   in ten of a news page, and html5ever would tokenize them only for pith
//!   to skip them.
//! - On pages with more than 4096 tags, elements nested more than 512 deep
//!   lose their tags (not their text) before parsing: html5ever takes time
//!   quadratic in the nesting depth, and browsers cap the depth of the tree
//!   they build too.
//! - An element keeps its first 1024 attributes, and a page its first
//!   million tags (the rest of the page is not read): html5ever takes time
//!   quadratic in an element's attributes. The document's
//!   [`notes`](Document::notes) say what was left out.
//! - Hidden elements (`hidden`, `aria-hidden="true"`, `display:none`,
//!   `visibility:hidden`, a closed `<dialog>`) still give blocks, flagged
//!   [`Landmarks::hidden`], so the classifier can name the rule that drops
//!   them. A hidden inline element inside visible text is a block of its own.
//!   React's streamed segments (`<div hidden id="S:0">`, moved into place by a
//!   script) are not hidden.
//! - Two links that touch with no text between (`<a>Reply</a><a>Delete</a>`)
//!   are two words.
//!
//! [`DomEvidence`]: crate::document::DomEvidence
//! [`Landmarks`]: crate::document::Landmarks
//! [`Landmarks::hidden`]: crate::document::Landmarks::hidden

mod bounds;
mod decode;
mod depth;
mod lex;
mod raw_text;
mod sink;
mod title;
mod walk;

#[cfg(test)]
mod tests;

use crate::document::Document;

/// Parses an HTML page given as a string into a document of blocks.
///
/// Entities are decoded by the parser and each block's text is normalised
/// the way text mode normalises a line. The declared title is the
/// `og:title` meta content, else the `<title>` without its site name.
///
/// Returns an error only for input that is binary data rather than text
/// (see [`looks_binary`](crate::input::looks_binary)).
///
/// ```
/// let page = r#"<html><head><title>Council closes library | The Courier</title></head>
/// <body><nav><a href="/">Home</a></nav>
/// <article><h1>Council closes library</h1>
/// <p>The council voted on <b>Tuesday</b> to close the old library.</p>
/// <p>Residents said they would keep campaigning.<br>More to follow.</p></article>
/// </body></html>"#;
/// let doc = pith::html::parse_str(page).unwrap();
/// let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
/// assert_eq!(texts, [
///     "Home",
///     "Council closes library",
///     "The council voted on Tuesday to close the old library.",
///     "Residents said they would keep campaigning.",
///     "More to follow.",
/// ]);
/// assert_eq!(doc.declared_title.as_deref(), Some("Council closes library"));
/// let home = doc.blocks[0].dom.as_ref().unwrap();
/// assert!(home.landmarks.nav);
/// assert_eq!(home.link_density, 1.0);
/// let para = doc.blocks[2].dom.as_ref().unwrap();
/// assert_eq!(para.tag_path, "html/body/article/p");
/// assert!(para.landmarks.article);
/// ```
pub fn parse_str(html: &str) -> Result<Document, String> {
    parse_text(html, crate::input::looks_binary(html))
}

/// Parses `html`, refused as `binary` when it is binary data (the verdict
/// of [`looks_binary`](crate::input::looks_binary) on it).
fn parse_text(html: &str, binary: Option<String>) -> Result<Document, String> {
    match binary {
        Some(why) => Err(why),
        None => Ok(parse_emptied(&raw_text::empty_scripts_and_styles(html))),
    }
}

/// Decodes a page (see [`decode::decode_page`]) and parses it.
fn parse_decoded(html: &[u8], http_charset: Option<&str>) -> Result<Document, String> {
    let (text, binary) = decode::decode_page(html, http_charset);
    parse_text(&text, binary)
}

/// Parses a page whose script and style contents are already removed.
fn parse_emptied(html: &str) -> Document {
    let (bounded, cut) = bounds::bound(html);
    let html: &str = &bounded;
    let html = if depth::may_nest_too_deep(html) {
        depth::cap(html, depth::MAX_DEPTH)
    } else {
        std::borrow::Cow::Borrowed(html)
    };
    let dom = sink::parse(&html);
    let mut doc = walk::build(&dom);
    doc.notes = cut.notes();
    doc
}

/// The pre-parse scanners alone, for the fuzz targets in `fuzz/` (built
/// with `--cfg fuzzing` only).
#[cfg(fuzzing)]
pub mod fuzzing {
    /// What each pre-parse pass makes of `html`, with bounds small enough
    /// for short inputs to reach every branch: script and style contents
    /// removed, attributes past the third and tags past the tenth removed,
    /// tags nested deeper than two removed.
    pub fn scanners(html: &str) -> [String; 3] {
        [
            super::raw_text::empty_scripts_and_styles(html).into_owned(),
            super::bounds::bound_to(html, 3, 10).0.into_owned(),
            super::depth::cap(html, 2).into_owned(),
        ]
    }
}

/// Parses an HTML page given as bytes of unknown encoding.
///
/// The encoding comes from a byte-order mark, else a `<meta charset>` or
/// `<meta http-equiv="Content-Type">` declaration in the first 4 KB (attribute
/// names in any case), else detection ([`chardetng`]); bytes that are valid
/// UTF-8 with non-ASCII text are read as UTF-8 whatever an old declaration
/// says. Otherwise the same as [`parse_str`].
///
/// ```
/// // "Café" in windows-1252, declared.
/// let page = b"<meta charset=\"windows-1252\"><p>Caf\xe9 \x92round\x92</p>";
/// let doc = pith::html::parse_bytes(page).unwrap();
/// assert_eq!(doc.blocks[0].text, "Caf\u{e9} \u{2019}round\u{2019}");
/// ```
pub fn parse_bytes(html: &[u8]) -> Result<Document, String> {
    parse_decoded(html, None)
}

/// Parses an HTML page served with an HTTP `Content-Type` that declares
/// `charset` (a label such as `windows-1251`): the declaration comes after a
/// byte-order mark and before the page's `<meta>` and detection, as in a
/// browser. A label pith does not know is ignored. Otherwise the same as
/// [`parse_bytes`].
///
/// ```
/// // "Привет мир" in windows-1251; the page itself declares nothing.
/// let page = b"<p>\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0</p>";
/// let doc = pith::html::parse_bytes_with_charset(page, "windows-1251").unwrap();
/// assert_eq!(doc.blocks[0].text, "Привет мир");
/// ```
pub fn parse_bytes_with_charset(html: &[u8], charset: &str) -> Result<Document, String> {
    parse_decoded(html, Some(charset))
}
