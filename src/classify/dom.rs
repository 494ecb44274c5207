//! Evidence only a DOM gives: the containers a block sits in, the class and
//! id words around it, and how much of it is link text.

use std::borrow::Cow;

use super::Features;
use crate::document::DomEvidence;
use crate::rules::RuleSet;

/// What the DOM says about a block, when it says it is chrome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DomChrome {
    /// The kind of chrome a class rule named (index into the rule set's
    /// kinds); `None` when a container or link density decided.
    pub kind: Option<usize>,
    /// The rule name: `dom.nav`, `share.class`, ...
    pub rule: Cow<'static, str>,
    /// The class or id token that decided, for class rules.
    pub token: Option<String>,
    /// Whether the container is the page's footer (see
    /// [`crate::rules::Kind::closes_page`]).
    pub closes_page: bool,
    /// Whether the container usually comes after the article (comments,
    /// footer): strong evidence that the body has ended.
    pub ends_body: bool,
}

impl DomChrome {
    fn new(rule: &'static str, ends_body: bool) -> Option<DomChrome> {
        Some(DomChrome {
            kind: None,
            closes_page: false,
            rule: Cow::Borrowed(rule),
            token: None,
            ends_body,
        })
    }
}

/// The rule name of a block in a comment section.
pub(crate) const COMMENTS: &str = "dom.comments";

/// The rule name of a block in an `<aside>`.
pub(crate) const ASIDE: &str = "dom.aside";

/// The rule name of a block that is mostly link text.
pub(crate) const LINKS: &str = "dom.links";

/// Link density above which a block is a list of links, whatever it says.
const LINKS_ONLY: f32 = 0.8;
/// Link density above which a block is mostly links: navigation when it is
/// not prose, a teaser's link under a "Read also:" label.
pub(crate) const LINKS_MOSTLY: f32 = 0.5;

/// The DOM's verdict on a block, if it calls it chrome.
///
/// Containers that never hold the article (hidden elements, navigation,
/// comment sections, asides, figures, footers) decide alone. A `<form>` or a
/// `<header>` outside the article only decides for blocks that are not prose:
/// some sites wrap the whole page in a form (ASP.NET) or a header.
///
/// `class` is the block's class-rule hit ([`RuleSet::class_hit`]), computed
/// once by the caller. With `sides_are_content` a comment section and an
/// `<aside>` are read as any other container (a forum thread's posts, a
/// story set in an aside).
pub(crate) fn chrome(
    dom: &DomEvidence,
    features: &Features,
    class: Option<(usize, &str)>,
    rules: &RuleSet,
    sides_are_content: bool,
) -> Option<DomChrome> {
    let l = &dom.landmarks;
    let prose = features.is_prose();
    if l.hidden {
        return DomChrome::new("dom.hidden", false);
    }
    if l.comments && !sides_are_content {
        return DomChrome::new(COMMENTS, true);
    }
    if l.nav {
        return DomChrome::new("dom.nav", false);
    }
    if l.aside && !sides_are_content {
        return DomChrome::new(ASIDE, false);
    }
    // A figure holds a caption, but WordPress and others also wrap tables,
    // lists and embedded quotes in `<figure>`: those are body structure.
    if l.figure && !l.blockquote && !l.table_row && !l.list_item {
        return DomChrome::new("dom.figure", false);
    }
    if l.footer && !l.article {
        // The footer closes the page as a legal notice does.
        return DomChrome::new("dom.footer", true).map(|d| DomChrome {
            closes_page: true,
            ..d
        });
    }
    if !prose && l.form {
        return DomChrome::new("dom.form", false);
    }
    if !prose && l.header && !l.article && !l.main {
        return DomChrome::new("dom.header", false);
    }
    // A class word on a wrapper reaches every block inside it, and wrappers
    // are named carelessly (`section-and-ad` around a whole article), so
    // class words alone do not drop prose (the body region judges it), except
    // for rules marked `prose = true`: captions are sentences.
    let class = class.filter(|&(index, _)| !prose || rules.class_rules()[index].prose);
    if let Some((index, token)) = class {
        let rule = &rules.class_rules()[index];
        return Some(DomChrome {
            kind: Some(rule.kind),
            closes_page: false,
            rule: Cow::Owned(rule.name.clone()),
            token: Some(token.to_string()),
            // Class words are weaker evidence than containers: a "related"
            // link inside the article names itself, it does not end it.
            ends_body: false,
        });
    }
    // A sentence that is mostly a link ("Read more about the plan here.")
    // is still a sentence; a list of links never ends like one.
    let sentence = features.ends_sentence && features.words >= 5;
    // A list of links inside the article (sources, products, tools) is
    // left to the body region; elsewhere it is navigation.
    let article_list = (l.list_item || l.table_row) && (l.article || l.main);
    let linky =
        dom.link_density >= LINKS_ONLY || (!prose && !sentence && dom.link_density >= LINKS_MOSTLY);
    if linky && !article_list {
        return DomChrome::new(LINKS, false);
    }
    None
}

/// Whether the block is a list item or a table row: body structure that is
/// neither prose nor a sentence, but not a label either.
pub(crate) fn is_list_or_row(dom: &DomEvidence) -> bool {
    dom.landmarks.list_item || dom.landmarks.table_row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Landmarks;

    fn dom(landmarks: Landmarks, tokens: &[&str], link_density: f32) -> DomEvidence {
        DomEvidence {
            tag: "p".into(),
            tag_path: "html/body/p".into(),
            class_tokens: tokens.iter().map(|t| t.to_string()).collect(),
            link_density,
            depth: 3,
            landmarks,
            element: 0,
        }
    }

    fn rule(d: &DomEvidence, text: &str) -> Option<String> {
        let rules = RuleSet::builtin();
        let class = rules.class_hit(&d.class_tokens);
        chrome(d, &Features::of(text), class, &rules, false).map(|c| c.rule.into_owned())
    }

    const PROSE: &str = "The council voted on Tuesday to close the old library, ending a decade of debate over its future.";

    #[test]
    fn containers_decide() {
        let nav = Landmarks {
            nav: true,
            ..Landmarks::default()
        };
        assert_eq!(
            rule(&dom(nav, &[], 0.0), "Home").as_deref(),
            Some("dom.nav")
        );
        let hidden = Landmarks {
            hidden: true,
            article: true,
            ..Landmarks::default()
        };
        assert_eq!(
            rule(&dom(hidden, &[], 0.0), PROSE).as_deref(),
            Some("dom.hidden")
        );
    }

    #[test]
    fn a_page_wide_form_does_not_drop_prose() {
        let form = Landmarks {
            form: true,
            ..Landmarks::default()
        };
        assert_eq!(rule(&dom(form, &[], 0.0), PROSE), None);
        assert_eq!(
            rule(&dom(form, &[], 0.0), "Email address").as_deref(),
            Some("dom.form")
        );
    }

    #[test]
    fn class_words_and_link_density() {
        let none = Landmarks::default();
        assert_eq!(
            rule(&dom(none, &["social-share"], 0.0), "Facebook").as_deref(),
            Some("share.class")
        );
        assert_eq!(rule(&dom(none, &["entry-content"], 0.0), PROSE), None);
        assert_eq!(
            rule(&dom(none, &[], 0.6), "Top ten gadgets").as_deref(),
            Some("dom.links")
        );
        assert_eq!(
            rule(&dom(none, &[], 0.6), PROSE),
            None,
            "a narrative paragraph with links stays"
        );
    }
}
