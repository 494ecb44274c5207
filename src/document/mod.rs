//! The document of blocks: what every input becomes before classification.
//!
//! A text dump gives one block per non-empty line; an HTML page (see
//! [`crate::html`]) gives one block per block-level element, with its DOM
//! evidence attached. The classifier only ever sees a [`Document`].

mod normalize;
mod text;

pub use normalize::{collapse_whitespace, normalize_line, strip_markup};
pub use text::from_text;

/// Evidence about a block that only a DOM can give. Text dumps have none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DomEvidence {
    /// Tag names from the root to the block's element, e.g. `html/body/div/p`.
    pub tag_path: String,
    /// The block element's own tag name.
    pub tag: String,
    /// Lower-cased class and id tokens of the element and its ancestors
    /// (root first, at most the 12 nearest; `<html>` and `<body>` left out).
    pub class_tokens: Vec<String>,
    /// Share of the block's characters that sit inside links.
    pub link_density: f32,
    /// Depth of the element in the tree.
    pub depth: usize,
    /// Landmark containers the element sits in.
    pub landmarks: Landmarks,
    /// The block's element: an index into [`Document::parents`].
    pub element: u32,
}

/// Which semantic containers a DOM block sits inside.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Landmarks {
    /// Which `<article>` element (numbered from 1 in document order) the
    /// block sits in; 0 outside any. Pages that scroll on into the next
    /// story put each story in an article of its own.
    pub article_id: u32,
    pub article: bool,
    pub main: bool,
    pub aside: bool,
    pub nav: bool,
    pub header: bool,
    pub footer: bool,
    pub figure: bool,
    pub form: bool,
    pub hidden: bool,
    pub comments: bool,
    pub heading: bool,
    pub list_item: bool,
    pub table_row: bool,
    pub blockquote: bool,
}

/// One unit of classification: a line of a text dump or a block of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The normalised text: markup stripped, entities decoded, white space
    /// collapsed. Never empty.
    pub text: String,
    /// 1-based line of the input the block came from (text mode), or the
    /// block's ordinal (HTML mode).
    pub line: usize,
    /// Whether one or more blank lines (or a paragraph boundary) precede it.
    pub gap_before: bool,
    /// DOM evidence, for blocks that came from HTML.
    pub dom: Option<DomEvidence>,
}

/// A document ready for classification.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// A headline the input declared outside the blocks (HTML `<title>`,
    /// `og:title`), used to recognise the headline block.
    pub declared_title: Option<String>,
    /// For a page, the parent of every element the walk opened (indexed by
    /// [`DomEvidence::element`]; [`NO_PARENT`] for the root), so the
    /// classifier can find the container that holds the body. Empty for text.
    pub parents: Vec<u32>,
    /// What building the document had to leave out, for the user to be told
    /// (a page past the bounds put on markup before parsing). Usually empty.
    pub notes: Vec<String>,
}

/// The parent of an element that has none, in [`Document::parents`].
pub const NO_PARENT: u32 = u32::MAX;

impl Document {
    /// The ancestors of `element`, itself first, up to the root.
    ///
    /// ```
    /// use pith::document::{Document, NO_PARENT};
    /// let doc = Document { parents: vec![NO_PARENT, 0, 1, 0], ..Document::default() };
    /// assert_eq!(doc.ancestors(2).collect::<Vec<_>>(), [2, 1, 0]);
    /// assert_eq!(doc.ancestors(9).count(), 0);
    /// ```
    pub fn ancestors(&self, element: u32) -> impl Iterator<Item = u32> + '_ {
        let first = (self.parents.get(element as usize).is_some()).then_some(element);
        std::iter::successors(first, move |&e| {
            self.parents
                .get(e as usize)
                .copied()
                .filter(|&p| p != NO_PARENT && (p as usize) < self.parents.len())
        })
    }
}

impl Document {
    /// Number of blocks.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// Whether the document has no blocks at all.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Bytes the document holds on the heap: every block with its text and
    /// DOM evidence, the declared title and the element tree.
    ///
    /// ```
    /// let doc = pith::document::from_text(&"word ".repeat(1000));
    /// assert!(doc.heap_bytes() >= 5000);
    /// ```
    pub fn heap_bytes(&self) -> usize {
        let blocks: usize = self
            .blocks
            .iter()
            .map(|block| {
                let dom = block.dom.as_ref().map_or(0, |dom| {
                    dom.tag_path.capacity()
                        + dom.tag.capacity()
                        + dom.class_tokens.capacity() * std::mem::size_of::<String>()
                        + dom.class_tokens.iter().map(String::capacity).sum::<usize>()
                });
                block.text.capacity() + dom
            })
            .sum();
        self.blocks.capacity() * std::mem::size_of::<Block>()
            + blocks
            + self.declared_title.as_ref().map_or(0, String::capacity)
            + self.parents.capacity() * std::mem::size_of::<u32>()
            + self.notes.iter().map(String::capacity).sum::<usize>()
    }
}
