//! pith's own html5ever tree sink: the parsed page as a light arena DOM.
//!
//! html5ever separates parsing from what is built: its tree builder runs the
//! HTML5 algorithm (implied tags, the adoption agency, foster parenting) and
//! calls a [`TreeSink`] to create and move nodes, and the sink decides what a
//! node is. A general-purpose DOM such as scraper's keeps everything a CSS
//! selector might ask for: every attribute under its qualified name in a
//! vector of its own, lazily cached class and id lists, comment and doctype
//! text. The walk ([`super::walk`]) reads far less: tag names, text, and a
//! handful of attributes. Building only that made parsing about 6% faster
//! on the dev sets (4 to 5% of the time to clean a page: the tokenizer and
//! html5ever's own tree building are most of the rest).
//!
//! So the sink builds a [`Dom`]: one `Vec` of nodes linked by `u32` indices
//! (parent, first and last child, previous and next sibling); elements with
//! their name and only the attributes the walk reads ([`is_read`]), kept in
//! one shared `Vec`; text nodes with adjacent text appended in place; and
//! everything else (comments, processing instructions) as empty
//! placeholders. A template's contents hang under a fragment node, its only
//! child, as in scraper. Attributes keep scraper's order (sorted by qualified
//! name), so the walk sees them as it did. Unlike scraper's tree, every node
//! moved by the adoption agency knows its new parent (see
//! [`Dom::reparent_children`]).
//!
//! Nothing here recurses, and the arena drops as a flat `Vec`, so a deeply
//! nested page costs heap, never call stack. A handle past the `u32` range
//! (billions of nodes: memory runs out long before) is [`NONE`], which every
//! operation ignores.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};

/// No node: the end of a sibling list, a missing parent or child.
const NONE: u32 = u32::MAX;

/// The index of the document node.
const DOCUMENT: u32 = 0;

/// Whether the walk reads an attribute of this name; the sink drops all
/// others. (The walk reads them in `open` and `read_meta`: a new one there
/// must be added here too.)
fn is_read(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("class")
            | local_name!("id")
            | local_name!("hidden")
            | local_name!("aria-hidden")
            | local_name!("style")
            | local_name!("role")
            | local_name!("open")
            | local_name!("property")
            | local_name!("name")
            | local_name!("content")
    )
}

/// Parses an HTML document the way [`scraper::Html::parse_document`] does
/// (html5ever's default options), into the arena.
pub(crate) fn parse(html: &str) -> Dom {
    html5ever::parse_document(Sink::default(), Default::default()).one(html)
}

/// A parsed page: nodes in an arena, the document node first.
#[derive(Debug)]
pub(crate) struct Dom {
    nodes: Vec<Slot>,
    /// Attributes of all elements; each element owns a range.
    attrs: Vec<Attr>,
    /// The name given for a handle that is not an element (the tree builder
    /// never asks).
    no_name: QualName,
}

#[derive(Debug)]
struct Slot {
    parent: u32,
    prev: u32,
    next: u32,
    first: u32,
    last: u32,
    data: Data,
}

#[derive(Debug)]
enum Data {
    Document,
    Element {
        name: QualName,
        /// Range of [`Dom::attrs`].
        attrs: (u32, u32),
    },
    Text(StrTendril),
    /// A template's contents.
    Fragment,
    /// A comment or processing instruction.
    Other,
}

#[derive(Debug)]
struct Attr {
    name: QualName,
    value: StrTendril,
}

impl Default for Dom {
    fn default() -> Self {
        Dom {
            nodes: vec![Slot::new(Data::Document)],
            attrs: Vec::new(),
            no_name: QualName::new(None, ns!(), local_name!("")),
        }
    }
}

impl Slot {
    fn new(data: Data) -> Self {
        Slot {
            parent: NONE,
            prev: NONE,
            next: NONE,
            first: NONE,
            last: NONE,
            data,
        }
    }
}

fn some(id: u32) -> Option<u32> {
    (id != NONE).then_some(id)
}

impl Dom {
    /// The first element child of the document (html5ever always makes an
    /// `<html>`); the document itself if there is none.
    pub(crate) fn root_element(&self) -> NodeRef<'_> {
        let mut child = self.slot(DOCUMENT).map_or(NONE, |s| s.first);
        while let Some(slot) = self.slot(child) {
            if matches!(slot.data, Data::Element { .. }) {
                return NodeRef {
                    dom: self,
                    id: child,
                };
            }
            child = slot.next;
        }
        NodeRef {
            dom: self,
            id: DOCUMENT,
        }
    }

    fn slot(&self, id: u32) -> Option<&Slot> {
        self.nodes.get(id as usize)
    }

    fn slot_mut(&mut self, id: u32) -> Option<&mut Slot> {
        self.nodes.get_mut(id as usize)
    }

    fn link(&self, id: u32, which: fn(&Slot) -> u32) -> u32 {
        self.slot(id).map_or(NONE, which)
    }

    /// Sets a link of a node, if there is such a node.
    fn set(&mut self, id: u32, set: impl FnOnce(&mut Slot)) {
        if let Some(slot) = self.slot_mut(id) {
            set(slot);
        }
    }

    fn add(&mut self, data: Data) -> u32 {
        match u32::try_from(self.nodes.len()) {
            Ok(id) if id != NONE => {
                self.nodes.push(Slot::new(data));
                id
            }
            _ => NONE,
        }
    }

    /// Appends `text` to the text node `id`; false if `id` is not one.
    fn append_text(&mut self, id: u32, text: &StrTendril) -> bool {
        match self.slot_mut(id) {
            Some(Slot {
                data: Data::Text(t),
                ..
            }) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }

    /// Takes a node out of its parent's children.
    fn detach(&mut self, id: u32) {
        let Some(slot) = self.slot_mut(id) else {
            return;
        };
        let (parent, prev, next) = (slot.parent, slot.prev, slot.next);
        if parent == NONE {
            return;
        }
        slot.parent = NONE;
        slot.prev = NONE;
        slot.next = NONE;
        self.splice(parent, prev, next, next, prev);
    }

    /// Links a detached node into `parent`'s children between `prev` and
    /// `next` (either may be [`NONE`]: the start or end of the list).
    fn link_between(&mut self, node: u32, parent: u32, prev: u32, next: u32) {
        self.set(node, |s| {
            s.parent = parent;
            s.prev = prev;
            s.next = next;
        });
        self.splice(parent, prev, next, node, node);
    }

    /// Rewrites the two links that meet between neighbours `prev` and `next`
    /// of `parent`'s children: what follows `prev` (or `parent`'s first
    /// child, at the start) becomes `after_prev`, and what precedes `next`
    /// (or `parent`'s last child, at the end) becomes `before_next`. Taking
    /// a node out joins its neighbours to each other; putting one in joins
    /// both to it.
    fn splice(&mut self, parent: u32, prev: u32, next: u32, after_prev: u32, before_next: u32) {
        match some(prev) {
            Some(prev) => self.set(prev, |s| s.next = after_prev),
            None => self.set(parent, |s| s.first = after_prev),
        }
        match some(next) {
            Some(next) => self.set(next, |s| s.prev = before_next),
            None => self.set(parent, |s| s.last = before_next),
        }
    }

    /// Makes `child` the last child of `parent`.
    fn append_child(&mut self, parent: u32, child: u32) {
        if parent == child || self.slot(parent).is_none() || self.slot(child).is_none() {
            return;
        }
        if self.link(parent, |s| s.last) == child {
            return;
        }
        self.detach(child);
        let last = self.link(parent, |s| s.last);
        self.link_between(child, parent, last, NONE);
    }

    /// Puts `node` just before `sibling`, which has a parent.
    fn insert_before(&mut self, sibling: u32, node: u32) {
        if sibling == node || self.slot(node).is_none() {
            return;
        }
        self.detach(node);
        let Some(&Slot { parent, prev, .. }) = self.slot(sibling) else {
            return;
        };
        if parent != NONE {
            self.link_between(node, parent, prev, sibling);
        }
    }

    /// Moves all children of `from` to the end of `to`'s children. Each one
    /// gets its new parent: ego-tree 0.10, under scraper, set it on the first
    /// and last only (rust-scraper/ego-tree#44), and after the adoption
    /// agency the walk climbed out of the wrong element and lost text.
    fn reparent_children(&mut self, from: u32, to: u32) {
        if from == to || self.slot(to).is_none() {
            return;
        }
        let Some(slot) = self.slot_mut(from) else {
            return;
        };
        let (first, last) = (slot.first, slot.last);
        if first == NONE {
            return;
        }
        slot.first = NONE;
        slot.last = NONE;
        let mut child = first;
        while let Some(slot) = self.slot_mut(child) {
            slot.parent = to;
            child = slot.next;
        }
        // The moved run `first..=last` goes after `to`'s last child.
        let old_last = self.link(to, |s| s.last);
        self.set(first, |s| s.prev = old_last);
        self.splice(to, old_last, NONE, first, last);
    }

    /// Stores the read attributes of an element, sorted by name as scraper
    /// sorts them; returns their range.
    fn store_attrs(&mut self, attrs: impl IntoIterator<Item = Attr>) -> (u32, u32) {
        let start = self.attrs.len();
        self.attrs.extend(attrs);
        let end = self.attrs.len();
        if let Some(stored) = self.attrs.get_mut(start..) {
            stored.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        }
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(start), Ok(end)) => (start, end),
            _ => (0, 0),
        }
    }

    fn attrs_of(&self, range: (u32, u32)) -> &[Attr] {
        self.attrs
            .get(range.0 as usize..range.1 as usize)
            .unwrap_or_default()
    }
}

/// The tree sink html5ever's tree builder drives.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    dom: RefCell<Dom>,
}

fn read_attrs(attrs: Vec<Attribute>) -> impl Iterator<Item = Attr> {
    attrs
        .into_iter()
        .filter(|a| is_read(&a.name.local))
        .map(|a| Attr {
            name: a.name,
            value: a.value,
        })
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.dom.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        Ref::map(self.dom.borrow(), |dom| match dom.slot(*target) {
            Some(Slot {
                data: Data::Element { name, .. },
                ..
            }) => name,
            _ => &dom.no_name,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> u32 {
        let mut dom = self.dom.borrow_mut();
        let attrs = dom.store_attrs(read_attrs(attrs));
        let element = dom.add(Data::Element { name, attrs });
        if flags.template {
            let contents = dom.add(Data::Fragment);
            dom.append_child(element, contents);
        }
        element
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.dom.borrow_mut().add(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.dom.borrow_mut().add(Data::Other)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendNode(node) => dom.append_child(*parent, node),
            NodeOrText::AppendText(text) => {
                let last = dom.link(*parent, |s| s.last);
                if !dom.append_text(last, &text) {
                    let node = dom.add(Data::Text(text));
                    dom.append_child(*parent, node);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = self.dom.borrow().link(*element, |s| s.parent) != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    // The doctype changes nothing the walk reads.
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &u32) -> u32 {
        some(self.dom.borrow().link(*target, |s| s.first)).unwrap_or(*target)
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeOrText::AppendNode(node) = new_node {
            dom.detach(node);
        }
        if dom.link(*sibling, |s| s.parent) == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(node) => dom.insert_before(*sibling, node),
            NodeOrText::AppendText(text) => {
                let prev = dom.link(*sibling, |s| s.prev);
                if !dom.append_text(prev, &text) {
                    let node = dom.add(Data::Text(text));
                    dom.insert_before(*sibling, node);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut dom = self.dom.borrow_mut();
        let Some(Slot {
            data: Data::Element { attrs: range, .. },
            ..
        }) = dom.slot(*target)
        else {
            return;
        };
        let range = *range;
        let old = dom.attrs_of(range);
        let new: Vec<Attr> = read_attrs(attrs)
            .filter(|a| !old.iter().any(|o| o.name == a.name))
            .collect();
        if new.is_empty() {
            return;
        }
        // The old range is left unused: this happens once or twice a page
        // (a second `<html>` or `<body>` tag).
        let merged: Vec<Attr> = old
            .iter()
            .map(|a| Attr {
                name: a.name.clone(),
                value: a.value.clone(),
            })
            .chain(new)
            .collect();
        let merged = dom.store_attrs(merged);
        if let Some(Slot {
            data: Data::Element { attrs, .. },
            ..
        }) = dom.slot_mut(*target)
        {
            *attrs = merged;
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        self.dom.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        self.dom.borrow_mut().reparent_children(*node, *new_parent);
    }
}

/// A node of a [`Dom`], for walking it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NodeRef<'a> {
    dom: &'a Dom,
    id: u32,
}

/// What a node is, as the walk sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node<'a> {
    Element(Element<'a>),
    Text(&'a str),
    /// The document, a template's contents, a comment.
    Other,
}

/// An element: its name and the attributes the walk reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Element<'a> {
    name: &'a LocalName,
    attrs: &'a [Attr],
}

impl<'a> Element<'a> {
    /// The local name (`div`, `p`), lower case for HTML elements.
    pub(crate) fn name(&self) -> &'a str {
        self.name
    }

    /// The element's attributes that the walk reads, as local name and value, in
    /// qualified-name order.
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }
}

impl<'a> NodeRef<'a> {
    fn to(self, id: u32) -> Option<NodeRef<'a>> {
        some(id).map(|id| NodeRef { dom: self.dom, id })
    }

    pub(crate) fn id(&self) -> u32 {
        self.id
    }

    pub(crate) fn value(&self) -> Node<'a> {
        let dom = self.dom;
        match dom.slot(self.id).map(|s| &s.data) {
            Some(Data::Element { name, attrs }) => Node::Element(Element {
                name: &name.local,
                attrs: dom.attrs_of(*attrs),
            }),
            Some(Data::Text(text)) => Node::Text(text),
            _ => Node::Other,
        }
    }

    pub(crate) fn first_child(&self) -> Option<NodeRef<'a>> {
        self.to(self.dom.link(self.id, |s| s.first))
    }

    pub(crate) fn next_sibling(&self) -> Option<NodeRef<'a>> {
        self.to(self.dom.link(self.id, |s| s.next))
    }

    pub(crate) fn parent(&self) -> Option<NodeRef<'a>> {
        self.to(self.dom.link(self.id, |s| s.parent))
    }

    /// This node and all under it, in document order.
    pub(crate) fn descendants(self) -> impl Iterator<Item = NodeRef<'a>> {
        let root = self.id;
        let mut next = Some(self);
        std::iter::from_fn(move || {
            let node = next?;
            next = node.first_child().or_else(|| {
                let mut up = node;
                loop {
                    if up.id == root {
                        return None;
                    }
                    if let Some(sibling) = up.next_sibling() {
                        return Some(sibling);
                    }
                    up = up.parent()?;
                }
            });
            Some(node)
        })
    }

    /// The text of all text nodes under this node, in document order.
    pub(crate) fn text(self) -> impl Iterator<Item = &'a str> {
        self.descendants().filter_map(|node| match node.value() {
            Node::Text(text) => Some(text),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested tags and text, read through the walking API.
    fn shape(html: &str) -> String {
        let dom = parse(html);
        let mut out = String::new();
        let root = dom.root_element();
        for node in root.descendants() {
            match node.value() {
                Node::Element(el) => {
                    let depth = std::iter::successors(Some(node), |n| n.parent()).count();
                    out.push_str(&format!("{depth}{}", el.name()));
                    for (name, value) in el.attrs() {
                        out.push_str(&format!("[{name}={value}]"));
                    }
                    out.push(' ');
                }
                Node::Text(text) => out.push_str(&format!("{text:?} ")),
                Node::Other => out.push_str("_ "),
            }
        }
        out
    }

    #[test]
    fn read_attributes_match_the_atoms() {
        let read = [
            "class",
            "id",
            "hidden",
            "aria-hidden",
            "style",
            "role",
            "open",
            "property",
            "name",
            "content",
        ];
        for name in read {
            assert!(is_read(&LocalName::from(name)), "{name}");
        }
        assert!(!is_read(&LocalName::from("href")));
    }

    #[test]
    fn builds_the_tree_html5ever_describes() {
        // Implied elements, attributes sorted and filtered, adjacent text
        // merged, comments kept as placeholders.
        assert_eq!(
            shape("<p id=x class=c href=y>a<!--c-->b&amp;c</p>"),
            "2html 3head 3body 4p[class=c][id=x] \"a\" _ \"b&c\" "
        );
        // The adoption agency: `<b>` is closed across the `<p>` and reopened.
        assert_eq!(
            shape("<b>1<p>2</b>3</p>"),
            "2html 3head 3body 4b \"1\" 4p 5b \"2\" \"3\" "
        );
        // Foster parenting: text in a table goes before it, merged.
        assert_eq!(
            shape("<div>x<table>y<tr><td>z</table></div>"),
            "2html 3head 3body 4div \"xy\" 5table 6tbody 7tr 8td \"z\" "
        );
        // Template contents hang under a fragment.
        assert_eq!(
            shape("<template><p>t</p></template>"),
            "2html 3head 4template _ 6p \"t\" 3body "
        );
        // A second `<body>` tag adds the attributes the first lacked.
        assert_eq!(
            shape("<body id=b><body class=c id=d>x"),
            "2html 3head 3body[class=c][id=b] \"x\" "
        );
    }

    #[test]
    fn reparenting_moves_every_child() {
        // The adoption agency moves all children of the furthest block; each
        // must know its new parent.
        let dom = parse("<a><div><i>1</i><i>2</i><i>3</i></a>4");
        let root = dom.root_element();
        for node in root.descendants() {
            if let Some(child) = node.first_child() {
                let mut child = Some(child);
                while let Some(c) = child {
                    assert_eq!(c.parent().map(|p| p.id()), Some(node.id()));
                    child = c.next_sibling();
                }
            }
        }
    }
}
