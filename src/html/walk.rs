//! The DOM walk: text runs between block boundaries become blocks.
//!
//! The walk is iterative: it follows first-child, next-sibling and parent
//! links of the parsed tree and keeps its own stack of open elements, so
//! nesting depth costs heap, never call stack.
//!
//! Each open element has a [`Frame`] holding what its blocks inherit: the
//! landmark flags, and the range of the shared class-token stack its
//! ancestors and itself pushed. Tokens are computed once per element, when it
//! opens; a block only copies the tokens of its owner when it is emitted.

use std::borrow::Cow;

use super::sink::{Dom, Element, Node, NodeRef};

use crate::document::{collapse_whitespace, Block, Document, DomEvidence, Landmarks, NO_PARENT};

/// At most this many elements in a block's `tag_path` (the innermost ones).
const PATH_LEN: usize = 12;
/// At most this many class and id tokens per block (the nearest ones). The
/// classifier reads the nearest few; copying more for every block was a
/// measurable share of the walk.
const MAX_TOKENS: usize = 12;
/// How far up the token stack a block looks for its tokens, so that a page
/// with thousands of nested classed elements stays linear.
const TOKEN_SCAN: usize = 400;

/// A data-table cell with block children and at least this many non-space
/// bytes of text is a layout cell.
const LAYOUT_CELL_BYTES: usize = 150;
/// A data-table cell with this many block children is a layout cell.
const LAYOUT_CELL_BLOCKS: usize = 3;

/// Builds the document of blocks of a parsed page.
pub(crate) fn build(dom: &Dom) -> Document {
    let mut builder = Builder::default();
    builder.walk(dom.root_element());
    builder.finish()
}

/// What an element does to the block structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Never read: scripts, styles, form controls, embedded content.
    Skip,
    /// `<br>`: ends the current block.
    Break,
    /// Elements without text children worth reading (`<img>`, `<wbr>`).
    Void,
    /// `<head>`: read for `<title>` and `<meta>` only.
    Head,
    /// Starts and ends a block.
    Block,
    /// Text flows through it into the enclosing block.
    Inline,
    /// `<a>`: inline, and counted for link density.
    Link,
    Table,
    Row,
    Cell,
}

fn kind_of(tag: &str) -> Kind {
    match tag {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "select" | "option" | "optgroup" | "datalist" | "button"
        | "input" | "textarea" | "video" | "audio" | "noembed" | "noframes" | "frameset"
        | "title" | "meta"
        // Ruby annotations (the kana reading over a kanji, `<rt>`, and the
        // fallback parentheses `<rp>`) are not the text: reading them in
        // would double every annotated word.
        | "rt" | "rp" => Kind::Skip,
        "br" | "hr" => Kind::Break,
        "img" | "wbr" | "area" | "source" | "track" | "param" | "link" | "base" | "col"
        | "colgroup" | "keygen" => Kind::Void,
        "head" => Kind::Head,
        "a" => Kind::Link,
        "table" => Kind::Table,
        "tr" => Kind::Row,
        "td" | "th" => Kind::Cell,
        "address" | "article" | "aside" | "blockquote" | "body" | "caption" | "center" | "dd"
        | "details" | "dialog" | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption"
        | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header"
        | "hgroup" | "html" | "legend" | "li" | "listing" | "main" | "menu" | "nav" | "ol"
        | "p" | "plaintext" | "pre" | "search" | "section" | "summary" | "tbody" | "tfoot"
        | "thead" | "ul" | "xmp" => Kind::Block,
        // Custom elements (`amp-sidebar`, `my-card`) are components: boxes.
        _ if tag.contains('-') => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Block elements whose presence in a table cell, with enough text, makes
/// the table a layout table.
fn is_content_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "ul"
            | "ol"
            | "dl"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "aside"
            | "nav"
            | "header"
            | "footer"
            | "form"
            | "figure"
            | "main"
            | "address"
            | "fieldset"
            | "center"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// What closing an element does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Close {
    Nothing,
    /// Ends the element's own block.
    Block,
    /// A block element inside a data-table row: a word boundary only.
    Space,
    Link,
    /// Ends the block, and the table's entry on the table stack.
    Table,
    /// Ends a data-table row: the row is the block.
    Row,
    /// Ends a data-table cell that started at this byte of the buffer, with
    /// its text starting at `text`.
    Cell {
        start: usize,
        text: usize,
    },
    Head,
}

#[derive(Debug)]
struct Frame<'a> {
    tag: &'a str,
    /// The element's index in [`Document::parents`].
    element: u32,
    /// Where this element's own tokens start and end on the token stack.
    tokens_start: usize,
    tokens_end: usize,
    /// Landmarks of this element and its ancestors.
    landmarks: Landmarks,
    close: Close,
}

#[derive(Debug, Default)]
struct Builder<'a> {
    frames: Vec<Frame<'a>>,
    /// Indices into `frames` of the elements that own blocks.
    owners: Vec<usize>,
    /// Lower-cased class and id tokens of the open elements, outermost first.
    tokens: Vec<Cow<'a, str>>,
    /// One entry per open table: whether it is a data table.
    tables: Vec<bool>,
    /// Inside a data-table row (rows never nest: a data table holds no table).
    in_row: bool,
    /// Cells with text so far in the current row.
    row_cells: usize,
    /// Open `<head>` elements.
    in_head: usize,
    /// `<article>` elements opened so far.
    articles: u32,
    /// Open `<a>` elements.
    link_depth: usize,
    /// Where in `buf` the last inline element closed, and whether a link
    /// closed there: two links with nothing between them are two words.
    edge: Option<(usize, bool)>,
    /// Where in `buf` a space separates touching links, if the next text
    /// starts with a letter or digit.
    space_at: Option<usize>,
    /// After a single `<br>` with no text since: where in `buf` it fell.
    /// The next text decides whether it ended a line or wrapped one.
    soft_break: Option<usize>,
    /// Raw text of the current block.
    buf: String,
    /// Whether `buf` holds anything but white space.
    has_text: bool,
    /// Non-space characters of `buf` that sit inside links.
    link_chars: usize,
    blocks: Vec<Block>,
    /// Parent of every element opened so far (see [`Document::parents`]).
    parents: Vec<u32>,
    title: Option<String>,
    og_title: Option<&'a str>,
}

impl<'a> Builder<'a> {
    /// Visits every node under `root` in document order without recursion.
    fn walk(&mut self, root: NodeRef<'a>) {
        let root_id = root.id();
        let mut node = root;
        'walk: loop {
            let descend = match node.value() {
                Node::Element(el) => {
                    let tag = el.name();
                    if tag == "title" && self.title.is_none() {
                        self.title = Some(node.text().collect());
                    } else if tag == "meta" && self.og_title.is_none() {
                        self.read_meta(el);
                    }
                    let data_table = tag == "table" && !self.in_row && is_data_table(node);
                    self.open(el, data_table)
                }
                Node::Text(text) => {
                    self.text(text);
                    false
                }
                _ => false,
            };
            if descend {
                if let Some(child) = node.first_child() {
                    node = child;
                    continue;
                }
                self.close();
            }
            loop {
                if node.id() == root_id {
                    break 'walk;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    continue 'walk;
                }
                match node.parent() {
                    Some(parent) => {
                        node = parent;
                        self.close();
                    }
                    None => break 'walk,
                }
            }
        }
        // Unbalanced only if the walk stopped early; emit what is pending.
        while !self.frames.is_empty() {
            self.close();
        }
    }

    fn finish(self) -> Document {
        Document {
            blocks: self.blocks,
            parents: self.parents,
            notes: Vec::new(),
            declared_title: super::title::declared(self.og_title, self.title.as_deref()),
        }
    }

    fn read_meta(&mut self, el: Element<'a>) {
        let mut is_og_title = false;
        let mut content = None;
        for (name, value) in el.attrs() {
            match name {
                "property" | "name" => is_og_title |= value.trim().eq_ignore_ascii_case("og:title"),
                "content" => content = Some(value),
                _ => {}
            }
        }
        if is_og_title {
            self.og_title = content;
        }
    }

    /// Opens an element; returns whether its children are to be visited (a
    /// frame was pushed and [`Builder::close`] must follow).
    fn open(&mut self, el: Element<'a>, data_table: bool) -> bool {
        let tag = el.name();
        let kind = kind_of(tag);
        match kind {
            Kind::Skip | Kind::Void => return false,
            Kind::Break if tag == "br" => {
                self.line_break();
                return false;
            }
            Kind::Break => {
                self.boundary();
                return false;
            }
            _ => {}
        }

        let parent = self.frames.last().map(|f| f.landmarks).unwrap_or_default();
        let mut landmarks = parent;
        let tokens_start = self.tokens.len();
        let mut open_attr = false;
        let mut hidden_attr = false;
        let mut id = "";
        // Page-wide state classes on the root (`has-comments`, `comments-open`)
        // say nothing about where the comments are.
        let root = matches!(tag, "html" | "body");
        for (name, value) in el.attrs() {
            match name {
                "class" | "id" => {
                    if name == "id" {
                        id = value;
                    }
                    for token in value.split_ascii_whitespace() {
                        let token = lowercase(token);
                        // Page-wide state on the root says nothing about
                        // one block: those tokens are not kept at all.
                        if !root {
                            landmarks.comments |= is_comment_token(&token);
                            self.tokens.push(token);
                        }
                    }
                }
                "hidden" => hidden_attr = true,
                "aria-hidden" => landmarks.hidden |= value.trim().eq_ignore_ascii_case("true"),
                "style" => landmarks.hidden |= style_hides(value),
                "role" => apply_roles(&mut landmarks, value),
                "open" => open_attr = true,
                _ => {}
            }
        }
        // React streams server-rendered parts as `<div hidden id="S:0">` and
        // moves them into place with a script: that text is shown.
        landmarks.hidden |= hidden_attr && !is_react_segment(id);
        let was_article = parent.article_id;
        apply_tag(&mut landmarks, tag, open_attr);
        if landmarks.article && (!parent.article || (tag == "article" && !parent.aside)) {
            // Each `<article>` (or role="article") element gets its own
            // number, so the classifier can keep the body inside one. An
            // article in an `<aside>` of another (a teaser card in the
            // story's "read also" box) is part of it: numbering it apart
            // would cut the story in two where the box closes.
            self.articles += 1;
            landmarks.article_id = self.articles;
        } else {
            landmarks.article_id = was_article;
        }

        if kind == Kind::Head {
            self.in_head += 1;
            self.push(tag, tokens_start, landmarks, Close::Head);
            return true;
        }
        if self.in_row && landmarks.hidden {
            // Hidden text inside a table row is neither row text nor a block
            // of its own (it would split the row).
            self.tokens.truncate(tokens_start);
            return false;
        }

        let close = match kind {
            Kind::Link => {
                self.link_depth += 1;
                Close::Link
            }
            Kind::Row if !self.in_row && self.tables.last() == Some(&true) => {
                self.flush();
                self.in_row = true;
                self.row_cells = 0;
                landmarks.table_row = true;
                Close::Row
            }
            Kind::Cell if self.in_row => {
                let start = self.buf.len();
                if self.row_cells > 0 {
                    self.buf.push_str(" | ");
                }
                Close::Cell {
                    start,
                    text: self.buf.len(),
                }
            }
            Kind::Table => {
                self.tables.push(data_table);
                self.boundary();
                Close::Table
            }
            Kind::Block | Kind::Row | Kind::Cell => {
                if self.in_row {
                    self.buf.push(' ');
                    Close::Space
                } else {
                    self.flush();
                    Close::Block
                }
            }
            // An inline element that hides itself inside visible text is a
            // block of its own, so the visible text around it stays clean.
            Kind::Inline if landmarks.hidden && !parent.hidden => {
                self.flush();
                Close::Block
            }
            _ => Close::Nothing,
        };
        if matches!(close, Close::Link | Close::Nothing) {
            self.separate_links(kind == Kind::Link);
        }
        self.push(tag, tokens_start, landmarks, close);
        true
    }

    /// Asks for a space between a link and an element that touches it with
    /// no text between (`<a>Reply</a><a>Delete</a>`, `<cite>Name</cite><span>
    /// <a>date</a></span>`): such pairs are laid out apart, not read as one
    /// word. The space goes in only if the next text starts with a letter or
    /// digit, so `<a>bias</a><span>, that</span>` keeps its comma in place.
    fn separate_links(&mut self, opening_link: bool) {
        if let Some((at, link)) = self.edge {
            let touches = at == self.buf.len() && (link || opening_link);
            if touches && self.buf.chars().next_back().is_some_and(|c| !is_space(c)) {
                self.space_at = Some(at);
            }
        }
    }

    fn push(&mut self, tag: &'a str, tokens_start: usize, landmarks: Landmarks, close: Close) {
        if matches!(
            close,
            Close::Block | Close::Table | Close::Row | Close::Head
        ) {
            self.owners.push(self.frames.len());
        }
        let element = u32::try_from(self.parents.len()).unwrap_or(NO_PARENT);
        self.parents
            .push(self.frames.last().map_or(NO_PARENT, |f| f.element));
        self.frames.push(Frame {
            tag,
            element,
            tokens_start,
            tokens_end: self.tokens.len(),
            landmarks,
            close,
        });
    }

    /// Closes the innermost open element.
    fn close(&mut self) {
        let Some(close) = self.frames.last().map(|f| f.close) else {
            return;
        };
        if matches!(close, Close::Link | Close::Nothing) {
            let at = self.buf.len();
            let link = close == Close::Link || self.edge == Some((at, true));
            self.edge = Some((at, link));
        }
        match close {
            Close::Nothing => {}
            Close::Space => self.buf.push(' '),
            Close::Link => self.link_depth = self.link_depth.saturating_sub(1),
            Close::Block | Close::Head => self.flush(),
            Close::Table => {
                self.boundary();
                self.tables.pop();
            }
            Close::Row => {
                self.flush();
                self.in_row = false;
            }
            Close::Cell { start, text } => {
                let empty = self
                    .buf
                    .get(text..)
                    .map_or(true, |cell| cell.chars().all(is_space));
                if empty {
                    self.buf.truncate(start);
                } else {
                    self.row_cells += 1;
                }
            }
        }
        if close == Close::Head {
            self.in_head = self.in_head.saturating_sub(1);
        }
        if matches!(
            close,
            Close::Block | Close::Table | Close::Row | Close::Head
        ) {
            self.owners.pop();
        }
        if let Some(frame) = self.frames.pop() {
            self.tokens.truncate(frame.tokens_start);
        }
    }

    /// A `<br>`. Two in a row end the block. One ends a line, unless the
    /// text was hard-wrapped mid-sentence (the line does not end a sentence
    /// and the next starts in lower case): then it is a space, so a
    /// paragraph wrapped at 75 columns stays one paragraph (see
    /// [`Builder::text`]).
    fn line_break(&mut self) {
        if self.in_row {
            self.buf.push(' ');
        } else if self.soft_break.is_some() {
            self.flush();
        } else if self.has_text {
            self.soft_break = Some(self.buf.len());
        }
    }

    /// Resolves a pending single `<br>` before `text` is appended: a space
    /// inside a wrapped sentence, else the end of a block.
    fn resolve_soft_break(&mut self, text: &str) {
        let Some(at) = self.soft_break else {
            return;
        };
        let Some(first) = text.chars().find(|&c| !is_space(c)) else {
            return;
        };
        self.soft_break = None;
        let line = self
            .buf
            .get(..at)
            .unwrap_or_default()
            .trim_end_matches(is_space);
        let ends_sentence = line
            .chars()
            .next_back()
            .map_or(true, |c| ".!?:;…\"”’)".contains(c));
        if first.is_lowercase() && !ends_sentence {
            self.buf.push(' ');
        } else {
            // Only white space followed the break: the block ends there.
            self.buf.truncate(at);
            self.flush();
        }
    }

    /// A `<br>` or `<hr>`: ends the current block, or separates words inside
    /// a table row.
    fn boundary(&mut self) {
        if self.in_row {
            self.buf.push(' ');
        } else {
            self.flush();
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_head > 0 {
            return;
        }
        self.resolve_soft_break(text);
        if !self.has_text {
            if text.chars().all(is_space) {
                // Leading white space of a block changes nothing.
                return;
            }
            self.has_text = true;
        }
        if self.link_depth > 0 {
            self.link_chars += text.chars().filter(|&c| !is_space(c)).count();
        }
        if self.space_at.take() == Some(self.buf.len())
            && text.chars().next().is_some_and(char::is_alphanumeric)
        {
            self.buf.push(' ');
        }
        self.buf.push_str(text);
    }

    /// Emits the pending text as a block owned by the innermost block
    /// element, and starts a new one.
    fn flush(&mut self) {
        self.soft_break = None;
        if !self.has_text {
            self.buf.clear();
            return;
        }
        let text = collapse_whitespace(&self.buf);
        let link_chars = self.link_chars;
        self.buf.clear();
        self.has_text = false;
        self.link_chars = 0;
        self.edge = None;
        self.space_at = None;
        if text.is_empty() {
            return;
        }
        let Some(&owner) = self.owners.last() else {
            return;
        };
        let total = text.chars().filter(|&c| c != ' ').count().max(1);
        let link_density = (link_chars as f32 / total as f32).min(1.0);
        let dom = self.evidence(owner, link_density);
        self.blocks.push(Block {
            text,
            line: self.blocks.len() + 1,
            gap_before: true,
            dom: Some(dom),
        });
    }

    fn evidence(&self, owner: usize, link_density: f32) -> DomEvidence {
        let Some(frame) = self.frames.get(owner) else {
            return DomEvidence::default();
        };
        let from = (owner + 1).saturating_sub(PATH_LEN);
        let path = &self.frames[from..=owner];
        let mut tag_path = String::with_capacity(path.iter().map(|f| f.tag.len() + 1).sum());
        for f in path {
            if !tag_path.is_empty() {
                tag_path.push('/');
            }
            tag_path.push_str(f.tag);
        }
        // The distinct tokens are picked first, so the block's list is
        // allocated once at its final size rather than grown push by push.
        let mut nearest: [&str; MAX_TOKENS] = [""; MAX_TOKENS];
        let mut found = 0;
        let tokens = self.tokens.get(..frame.tokens_end).unwrap_or_default();
        for token in tokens.iter().rev().take(TOKEN_SCAN) {
            if found == MAX_TOKENS {
                break;
            }
            if !nearest[..found].contains(&token.as_ref()) {
                nearest[found] = token;
                found += 1;
            }
        }
        let class_tokens: Vec<String> = nearest[..found]
            .iter()
            .rev()
            .map(|t| t.to_string())
            .collect();
        DomEvidence {
            tag_path,
            tag: frame.tag.to_string(),
            class_tokens,
            link_density,
            depth: owner + 1,
            landmarks: frame.landmarks,
            element: frame.element,
        }
    }
}

/// White space as the walk sees it: Unicode white space and
/// the invisible characters scrapers leave behind.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

fn lowercase(token: &str) -> Cow<'_, str> {
    let has_upper = if token.is_ascii() {
        token.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        token.chars().any(char::is_uppercase)
    };
    if has_upper {
        Cow::Owned(token.to_lowercase())
    } else {
        Cow::Borrowed(token)
    }
}

/// Whether a class or id token names a comment section: `comments`,
/// `comment-body`, `disqus_thread`, `respond` — but not `commentary` (an
/// opinion column), `commentator`, `commented`, `correspondent`, the
/// Guardian's `tone-comment` (opinion), nor state flags such as
/// `has-comments`, `no-comments` or `use-disqus`.
fn is_comment_token(token: &str) -> bool {
    const STATE_PREFIXES: [&str; 12] = [
        "has", "no-", "no_", "with", "use", "show", "hide", "enable", "disable", "allow", "can-",
        "is-",
    ];
    let bytes = token.as_bytes();
    let named = (0..bytes.len()).any(|i| {
        let rest = &bytes[i..];
        match bytes[i] {
            b'c' => {
                rest.starts_with(b"comment")
                    && !rest[7..].starts_with(b"ar")
                    && !rest[7..].starts_with(b"at")
                    && !rest[7..].starts_with(b"ed")
            }
            b'd' => rest.starts_with(b"disqus"),
            b'r' => rest.starts_with(b"respond") && (i == 0 || !bytes[i - 1].is_ascii_alphabetic()),
            _ => false,
        }
    });
    named && !token.contains("tone") && !STATE_PREFIXES.iter().any(|p| token.starts_with(p))
}

/// Whether an id is that of a React streaming segment (`S:0`, `S:1f`).
fn is_react_segment(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether an inline `style` hides the element (`display: none`,
/// `visibility: hidden`).
fn style_hides(style: &str) -> bool {
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let property = property.trim();
        let value = value.trim();
        let value = value.split('!').next().unwrap_or(value).trim();
        (property.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (property.eq_ignore_ascii_case("visibility")
                && (value.eq_ignore_ascii_case("hidden") || value.eq_ignore_ascii_case("collapse")))
    })
}

fn apply_roles(landmarks: &mut Landmarks, roles: &str) {
    for role in roles.split_ascii_whitespace() {
        let is = |name: &str| role.eq_ignore_ascii_case(name);
        if is("navigation") {
            landmarks.nav = true;
        } else if is("banner") {
            landmarks.header = true;
        } else if is("contentinfo") {
            landmarks.footer = true;
        } else if is("complementary") {
            landmarks.aside = true;
        } else if is("main") {
            landmarks.main = true;
        } else if is("article") {
            landmarks.article = true;
        } else if is("heading") {
            landmarks.heading = true;
        } else if is("listitem") {
            landmarks.list_item = true;
        } else if is("form") || is("search") {
            landmarks.form = true;
        } else if is("figure") {
            landmarks.figure = true;
        }
    }
}

/// Landmarks an element sets by its tag name.
fn apply_tag(landmarks: &mut Landmarks, tag: &str, open_attr: bool) {
    match tag {
        "article" => landmarks.article = true,
        "main" => landmarks.main = true,
        "aside" => landmarks.aside = true,
        "nav" => landmarks.nav = true,
        "header" => landmarks.header = true,
        "footer" => landmarks.footer = true,
        "figure" | "figcaption" => landmarks.figure = true,
        "form" => landmarks.form = true,
        "li" => landmarks.list_item = true,
        "blockquote" => landmarks.blockquote = true,
        // A dialog is not rendered until it is opened.
        "dialog" if !open_attr => landmarks.hidden = true,
        _ if is_heading(tag) => landmarks.heading = true,
        _ => {}
    }
}

/// Whether a table holds data (rows of cells to join with `" | "`) rather
/// than page layout. A layout table contains another table, has a heading in
/// a cell, has a cell with block children and a lot of text, or never has two
/// cells with text in one row.
///
/// The scan stops at the first nested table, so every node is scanned by at
/// most one table: the walk stays linear however tables nest.
fn is_data_table(table: NodeRef<'_>) -> bool {
    #[derive(Default)]
    struct Cell {
        open: bool,
        blocks: usize,
        bytes: usize,
    }
    impl Cell {
        fn layout(&self) -> bool {
            self.open
                && (self.blocks >= LAYOUT_CELL_BLOCKS
                    || (self.blocks > 0 && self.bytes >= LAYOUT_CELL_BYTES))
        }
    }
    let mut cell = Cell::default();
    let mut filled_in_row = 0;
    let mut two_cells = false;
    for node in table.descendants().skip(1) {
        match node.value() {
            Node::Element(el) => {
                let tag = el.name();
                match tag {
                    "table" => return false,
                    "tr" | "td" | "th" => {
                        if cell.layout() {
                            return false;
                        }
                        if cell.open && cell.bytes > 0 {
                            filled_in_row += 1;
                            two_cells |= filled_in_row >= 2;
                        }
                        if tag == "tr" {
                            filled_in_row = 0;
                        }
                        cell = Cell {
                            open: tag != "tr",
                            ..Cell::default()
                        };
                    }
                    _ if cell.open && is_heading(tag) => return false,
                    _ if cell.open && is_content_block(tag) => cell.blocks += 1,
                    _ => {}
                }
            }
            Node::Text(text) if cell.open => {
                cell.bytes += text.bytes().filter(|b| !b.is_ascii_whitespace()).count();
            }
            _ => {}
        }
    }
    if cell.layout() {
        return false;
    }
    if cell.open && cell.bytes > 0 {
        filled_in_row += 1;
        two_cells |= filled_in_row >= 2;
    }
    two_cells
}
