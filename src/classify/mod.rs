//! The classifier: decides, for every block of a [`Document`], whether it is
//! body, the headline, or chrome — and if chrome, which rule said so.
//!
//! It works in passes, each reading the evidence the previous ones left:
//!
//! 1. **Local evidence** per block: the first matching pattern rule
//!    ([`RuleSet`]), verbatim repeats inside the document, corpus line
//!    frequency when available, and text features ([`Features`]).
//! 2. **The body region** ([`region`]): every block gets a score (prose
//!    scores high, rule hits and labels score low, end-of-article markers very
//!    low) and the body is the contiguous run with the highest total. Blocks
//!    before it are header chrome, blocks after it footer chrome.
//! 3. **Context inside the region**: short lines boxed in by chrome are part of
//!    that chrome (a newsletter box's pitch line between its heading and its
//!    button).
//! 4. **The headline** ([`headline`]) is found among the blocks before the body.

mod container;
mod dom;
mod features;
pub mod headline;
pub mod region;
mod runs;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use features::adopt_unmarked_paragraph_ends;
pub use features::Features;

use crate::document::{Document, NO_PARENT};
use crate::frequency::{FrequencyHit, FrequencyPolicy, LineCounts};
use crate::rules::RuleSet;

/// Corpus frequency evidence for one document: the counts of each of its
/// blocks (same order), the document's source, and the policy that turns
/// counts into verdicts.
#[derive(Debug, Clone, Copy)]
pub struct FrequencyEvidence<'a> {
    pub counts: &'a [LineCounts],
    pub source: &'a str,
    pub policy: &'a FrequencyPolicy,
}

/// What became of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Part of the article body.
    Keep,
    /// The article's headline: not body, reported as the title.
    Headline,
    /// Chrome, dropped by the named rule.
    Drop {
        /// Rule name, such as `newsletter.sign_up` or `context.after_body`.
        rule: Cow<'static, str>,
        /// Extra evidence for `--explain`, such as frequency counts.
        detail: Option<String>,
    },
}

impl Verdict {
    fn drop(rule: &'static str) -> Verdict {
        Verdict::Drop {
            rule: Cow::Borrowed(rule),
            detail: None,
        }
    }

    /// Whether the block is part of the body.
    pub fn is_keep(&self) -> bool {
        matches!(self, Verdict::Keep)
    }

    /// The name of the rule that dropped the block, if it was dropped.
    pub fn rule(&self) -> Option<&str> {
        match self {
            Verdict::Drop { rule, .. } => Some(rule),
            _ => None,
        }
    }
}

/// The result of cleaning one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The headline, when one was found.
    pub title: Option<String>,
    /// One verdict per block of the document, in order.
    pub verdicts: Vec<Verdict>,
    /// The body: kept blocks one a line, each ending in a newline. Empty when
    /// nothing was kept.
    pub body: String,
    /// The document's language (ISO 639-1), when identified.
    pub language: Option<&'static str>,
}

impl Cleaned {
    /// How many blocks each rule dropped, by rule name (sorted, so output
    /// that prints it is deterministic).
    pub fn dropped_by_rule(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for rule in self.verdicts.iter().filter_map(Verdict::rule) {
            *counts.entry(rule).or_insert(0) += 1;
        }
        counts
    }

    /// Number of kept blocks.
    pub fn kept(&self) -> usize {
        self.verdicts.iter().filter(|v| v.is_keep()).count()
    }
}

/// Per-block local evidence gathered in the first pass.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    pub features: Features,
    /// Index of the first matching rule.
    pub rule: Option<usize>,
    /// Whether that rule's kind marks the end of an article.
    pub ends_body: bool,
    /// Whether the block closes the page (a footer, a legal notice): what
    /// follows it is not the story under the headline.
    pub closes_page: bool,
    /// Whether the block is a link to an article-ending part (a "Comments"
    /// link in a toolbar): weaker evidence that the article has ended.
    pub links_to_end: bool,
    /// Whether the block belongs to a comment section (a comment form, a
    /// "Reply" link, a comments container), not a link to one.
    pub comments: bool,
    /// Whether the same text occurs more than once in the document.
    pub repeated: bool,
    /// Whether the block is one of a run of lines cut off mid-phrase (see
    /// [`mark_cut_runs`]).
    pub cut_run: bool,
    pub frequency: Option<FrequencyHit>,
    /// What the DOM says, for blocks of a page.
    pub dom: Option<dom::DomChrome>,
    /// The class words around the block name a kind of chrome that ends
    /// an article (a related box, an author bio), even when they are too
    /// weak to drop the block (prose under a non-caption class).
    pub ending_class: bool,
    /// The class words around the block name a kind of chrome that closes
    /// the page (a footer, a copyright box).
    pub closing_class: bool,
    /// Whether the block is a list item or table row of a page.
    pub list_or_row: bool,
    /// The block is a page's `<h1>`.
    pub h1: bool,
    /// Which `<article>` of a page the block sits in (0: none).
    pub article_id: u32,
    /// The block is a subheading (`<h2>`…`<h6>`) of a page.
    pub heading: bool,
    /// Share of the block's text inside links, for blocks of a page.
    pub link_density: Option<f32>,
}

impl Evidence {
    /// Whether any piece of local evidence calls the block chrome.
    pub fn is_chrome(&self) -> bool {
        self.rule.is_some()
            || self.repeated
            || self.cut_run
            || self.frequency.is_some()
            || self.dom.is_some()
    }
}

/// Classifies every block of `doc`, with corpus frequency evidence when
/// statistics are in use.
pub fn classify(doc: &Document, rules: &RuleSet, frequency: Option<FrequencyEvidence>) -> Cleaned {
    let language = crate::language::identify(doc);
    let (mut evidence, mut classes) = gather(doc, rules, frequency, language, Sides::Chrome);
    let mut body = body_region(doc, &evidence, Sides::Chrome);
    if !holds_prose(&evidence, body.clone()) && evidence.iter().any(in_side_container) {
        // A forum thread is all comments: its opening post sits in the
        // same container as the replies. Some sites put the story itself in
        // an `<aside>` (a paywall's teaser box). With no prose outside such
        // containers, the page's content is inside them.
        let (posts, posts_classes) = gather(doc, rules, frequency, language, Sides::Content);
        let posts_body = body_region(doc, &posts, Sides::Content);
        if holds_prose(&posts, posts_body.clone()) {
            (evidence, classes, body) = (posts, posts_classes, posts_body);
        }
    }
    let mut verdicts: Vec<Verdict> = evidence
        .iter()
        .enumerate()
        .map(|(i, ev)| {
            local_verdict(ev, rules).unwrap_or_else(|| region_verdict(&evidence, &body, i))
        })
        .collect();
    drop_boxed_lines(doc, &evidence, rules, &mut verdicts);
    keep_linked_subheadings(doc, &evidence, &body, &mut verdicts);
    drop_lists_under_headings(&evidence, rules, &mut verdicts);
    keep_runs_of_fields(&mut verdicts);
    drop_trailing_labels(&evidence, &mut verdicts);
    drop_orphan_introducers(&evidence, &mut verdicts);
    drop_classed_tail(&evidence, &classes, rules, &mut verdicts);
    let heading = headline::find(doc, &evidence, &body, &verdicts);
    if let Some(index) = heading.headline {
        verdicts[index] = Verdict::Headline;
    }
    if let Some(index) = heading.dek {
        verdicts[index] = Verdict::Keep;
    }
    if let Some(index) = heading.headline {
        keep_lead(doc, &evidence, index, &body, &mut verdicts);
    }
    let title = heading.headline;
    let mut text = String::new();
    for (block, verdict) in doc.blocks.iter().zip(&verdicts) {
        if verdict.is_keep() {
            text.push_str(&block.text);
            text.push('\n');
        }
    }
    Cleaned {
        title: title
            .map(|i| doc.blocks[i].text.clone())
            .or_else(|| doc.declared_title.clone()),
        verdicts,
        body: text,
        language,
    }
}

/// How [`gather`] reads the containers beside an article: comment
/// sections and asides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sides {
    /// As chrome, which a comment section ends the article with: the usual
    /// page.
    Chrome,
    /// As any other container, judged block by block: a forum thread,
    /// whose opening post is the content, or a story set in an `<aside>`.
    Content,
}

/// The body region: the best run of evidence, moved under the headline and
/// above the comments where those hold a fair share, widened over crossable
/// chrome and to its container.
///
/// When the side containers are content (`Sides::Content`), the region is
/// sought above the first "Comments" marker only: a forum thread's opening
/// post is the content and the replies are not, and a reader's comment under
/// a "3 Comments" heading never stands in for a story the page lost.
fn body_region(doc: &Document, evidence: &[Evidence], sides: Sides) -> std::ops::Range<usize> {
    let scores = region::scores(evidence);
    let end = match sides {
        Sides::Chrome => evidence.len(),
        Sides::Content => evidence
            .iter()
            .position(|ev| ev.comments)
            .unwrap_or(evidence.len()),
    };
    let (above, above_scores) = (&evidence[..end], &scores[..end]);
    let starts = region::article_starts(above);
    let best = region::best_run_within(above_scores, &starts);
    let best = region::under_headline(above, above_scores, best);
    let best = region::before_comments(above, above_scores, best);
    let body = region::extend(above, best);
    container::widen(doc, evidence, &scores, body)
}

/// Whether a block is prose that only its container (a comment section, an
/// aside) calls chrome.
fn in_side_container(ev: &Evidence) -> bool {
    ev.features.is_prose()
        && ev
            .dom
            .as_ref()
            .is_some_and(|d| matches!(d.rule.as_ref(), dom::COMMENTS | dom::ASIDE))
}

/// Whether `range` holds a paragraph of prose that no evidence calls chrome.
fn holds_prose(evidence: &[Evidence], range: std::ops::Range<usize>) -> bool {
    evidence[range]
        .iter()
        .any(|ev| ev.features.is_prose() && !ev.is_chrome())
}

/// The class rule (its index) and the class or id token that named a
/// block's element, when one did.
type ClassHit<'d> = Option<(usize, &'d str)>;

fn gather<'d>(
    doc: &'d Document,
    rules: &RuleSet,
    frequency: Option<FrequencyEvidence>,
    language: Option<&'static str>,
    sides: Sides,
) -> (Vec<Evidence>, Vec<ClassHit<'d>>) {
    let repeats = Repeats::of(doc);
    let stopwords = language.and_then(crate::language::stopwords);
    let mut earlier = vec![false; repeats.occurrences.len()];
    let mut prose_before = 0;
    // Class tokens recur on every block of a container: judge each once.
    let mut token_verdicts: HashMap<&str, crate::rules::TokenVerdict> = HashMap::new();
    let mut features: Vec<Features> = doc
        .blocks
        .iter()
        .map(|block| Features::of_in(&block.text, stopwords))
        .collect();
    adopt_unmarked_paragraph_ends(&mut features);
    let mut classes: Vec<ClassHit> = doc
        .blocks
        .iter()
        .map(|block| {
            block.dom.as_ref().and_then(|d| {
                rules.class_hit_with(&d.class_tokens, |token| {
                    *token_verdicts
                        .entry(token)
                        .or_insert_with(|| rules.token_verdict(token))
                })
            })
        })
        .collect();
    unname_wrappers(doc, &features, &mut classes);
    let mut evidence: Vec<Evidence> = doc
        .blocks
        .iter()
        .zip(features)
        .zip(classes.iter().copied())
        .enumerate()
        .map(|(i, ((block, features), class))| {
            let dom = block.dom.as_ref();
            let dom_chrome =
                dom.and_then(|d| dom::chrome(d, &features, class, rules, sides == Sides::Content));
            // A block the DOM already drops (navigation, a footer, a hidden
            // element, a share bar by its class, a list of links) needs no
            // pattern rule: most blocks of a page are such, and skipping them
            // halves the matching time. Explain then names the DOM evidence.
            let row = dom.is_some_and(|d| d.landmarks.table_row);
            let heading = dom.is_some_and(|d| d.landmarks.heading && d.tag != "h1");
            // A forum thread's "Comments" heading between the opening post
            // and the replies ends the post, whatever container it sits in.
            let rule = if dom_chrome.is_some() && sides == Sides::Chrome {
                None
            } else {
                let place = crate::rules::Place {
                    late: prose_before >= 2,
                    table_row: row,
                    heading,
                    language,
                };
                rules.match_index(&block.text, place)
            };
            if features.is_prose() {
                prose_before += 1;
            }
            let class_hint = class.is_some();
            let class_kind =
                class.map(|(index, _)| &rules.kinds()[rules.class_rules()[index].kind]);
            let ending_class = class_kind.is_some_and(|k| k.ends_body);
            let closing_class = class_kind.is_some_and(|k| k.closes_page);
            let rule_kind = rule.map(|r| rules.kind_of(&rules.rules()[r]));
            let dom_ending = dom_chrome.as_ref().filter(|d| d.ends_body);
            // A link to the comments is not the comments: a block that is a
            // link, named by a rule of an article-ending kind or sitting in an
            // article-ending container (a toolbar's "Comments" link in an
            // element named `comments`), is a weaker end marker. A footer's
            // links still close the page.
            let ending = rule_kind.is_some_and(|k| k.ends_body) || dom_ending.is_some();
            let weak_link = dom.is_some_and(|d| d.link_density >= 0.5)
                && !dom_ending.is_some_and(|d| d.closes_page);
            let comments = !weak_link
                && (rule_kind.is_some_and(|k| k.name == COMMENTS_KIND)
                    || dom_chrome.as_ref().is_some_and(|d| d.rule == dom::COMMENTS));
            Evidence {
                features,
                comments,
                ends_body: ending && !weak_link,
                links_to_end: ending && weak_link,
                closes_page: rule_kind.is_some_and(|k| k.closes_page)
                    || dom_chrome.as_ref().is_some_and(|d| d.closes_page),
                rule,
                dom: dom_chrome,
                ending_class,
                closing_class,
                list_or_row: dom.is_some_and(dom::is_list_or_row),
                h1: dom.is_some_and(|d| d.tag == "h1" && !d.landmarks.hidden),
                article_id: dom.map_or(0, |d| d.landmarks.article_id),
                // A page's subheading is repeated by its table of contents;
                // the heading itself is the body's.
                repeated: !heading && {
                    let slot = repeats.slot_of[i];
                    // Texts are marked as met only by blocks judged here.
                    let first = !std::mem::replace(&mut earlier[slot], true);
                    is_repeat(&features, repeats.occurrences[slot], first)
                },
                heading,
                link_density: dom.map(|d| d.link_density),
                frequency: frequency.and_then(|f| frequency_hit(&features, f, i, class_hint)),
                cut_run: false,
            }
        })
        .collect();
    mark_cut_runs(&mut evidence);
    keep_common_subheadings(&mut evidence);
    mark_story_starts(&mut evidence, rules);
    (evidence, classes)
}

/// Clears the corpus-wide evidence on a page's subheading over its
/// paragraph. Writers in every language head sections with the same few
/// words ("Fazit", "Conclusion", "Vorteile"), so such a heading recurs
/// across many sources as a label of chrome does; the tag and the prose
/// under it say it is the article's. A label of chrome ("Advertisement")
/// is rarely an `<h2>` over a paragraph.
fn keep_common_subheadings(evidence: &mut [Evidence]) {
    for i in 1..evidence.len() {
        let next = &evidence[i];
        let heads_prose = !next.is_chrome() && next.features.is_prose();
        let ev = &evidence[i - 1];
        let global = ev.frequency.as_ref().is_some_and(|f| f.rule == GLOBAL_RULE);
        let only_global = ev.rule.is_none() && ev.dom.is_none() && !ev.repeated;
        if heads_prose && global && only_global && ev.heading {
            evidence[i - 1].frequency = None;
        }
    }
}

/// Prose blocks before a headline and byline from which they start another
/// story.
const STORY_AFTER_PROSE: usize = 3;

/// The kind of the built-in rules that name bylines and datelines.
const BYLINE_KIND: &str = "byline";

/// A label that nothing named chrome (a headline: neither prose, nor a
/// sentence, nor a list item) directly over a byline or a dateline, after
/// [`STORY_AFTER_PROSE`] paragraphs, starts another story: the next article
/// of a page that appends them, or a story card of a "more from" list. It
/// is marked as ending the body, in any language a byline rule reads.
/// Before the article has begun, the same pair is the article's own.
fn mark_story_starts(evidence: &mut [Evidence], rules: &RuleSet) {
    let mut prose = 0;
    for i in 1..evidence.len() {
        let head = &evidence[i - 1];
        if head.features.is_prose() && !head.is_chrome() {
            prose += 1;
        }
        let headline = !head.is_chrome() && is_label(&head.features);
        let byline = evidence[i]
            .rule
            .is_some_and(|r| rules.kind_of(&rules.rules()[r]).name == BYLINE_KIND);
        if headline && byline && prose >= STORY_AFTER_PROSE {
            evidence[i - 1].ends_body = true;
        }
    }
}

/// Lines cut off mid-phrase in a row that make a list of teasers.
const CUT_RUN: usize = 5;

/// The rule that drops a run of lines cut off mid-phrase.
const CUT_RUN_RULE: &str = "teaser.cut_run";

/// Marks runs of [`CUT_RUN`] or more blocks in a row that each end in an
/// ellipsis straight after a word ([`Features::truncated`]): a "Most read"
/// list of headlines or excerpts cut to fit a box, in any language. Such
/// lines are long and end in a mark, so they read as prose and can outweigh
/// the article; one cut line is a writer's, and a short run can be a list
/// of the body's own ("courses on web design, coding, data…").
fn mark_cut_runs(evidence: &mut [Evidence]) {
    let cut: Vec<_> = runs::runs(evidence, |ev| ev.features.truncated)
        .filter(|run| run.len() >= CUT_RUN)
        .collect();
    for run in cut {
        evidence[run].iter_mut().for_each(|ev| ev.cut_run = true);
    }
}

/// Labels in a row that make a list rather than a teaser.
const FIELD_RUN: usize = 3;

/// The kind of the built-in rules that name comment sections.
const COMMENTS_KIND: &str = "comments";

/// The kind of the built-in rules that name teasers ("Read also:").
const TEASER_KIND: &str = "teaser";

/// Keeps a run of [`FIELD_RUN`] or more labels dropped inside the body when
/// kept lines stand on both sides of it: a list or a table flattened into
/// lines (ingredients, specifications, a price table, code), which a dump
/// gives without bullets or cells. A teaser's headline or two stands after
/// the label that frames it, a box of links beside chrome; neither sits
/// between two kept lines three deep.
fn keep_runs_of_fields(verdicts: &mut [Verdict]) {
    let labels: Vec<_> =
        runs::runs(verdicts, |v: &Verdict| v.rule() == Some(LABEL_IN_BODY)).collect();
    for run in labels {
        let kept_before = run
            .start
            .checked_sub(1)
            .is_some_and(|p| verdicts[p].is_keep());
        let kept_after = verdicts.get(run.end).is_some_and(Verdict::is_keep);
        if kept_before && kept_after && run.len() >= FIELD_RUN {
            verdicts[run].fill(Verdict::Keep);
        }
    }
}

/// Prose paragraphs side by side under one class word that make it the
/// name of the story's wrapper (see [`unname_wrappers`]).
const WRAPPED_PARAGRAPHS: usize = 3;

/// Forgets the class hits of a class word that names a wrapper around the
/// article, not chrome: a theme that calls its post container
/// `js-post-gallery` puts every paragraph of the story under a "gallery",
/// and one that calls it `read-more` or `sidebar` puts the story's
/// subheadings and lists under a teaser or a rail. Chrome under a class
/// word is a sentence or two (a caption, a teaser's blurb);
/// [`WRAPPED_PARAGRAPHS`] prose paragraphs side by side in one element under
/// the same class word are a body. Captions of a gallery and teasers of a
/// list each sit in an element of their own (a `<figure>`, an `<li>`), so
/// they never share a parent this way.
fn unname_wrappers(doc: &Document, features: &[Features], classes: &mut [ClassHit]) {
    let mut paragraphs: HashMap<(&str, u32), usize> = HashMap::new();
    for ((block, f), class) in doc.blocks.iter().zip(features).zip(classes.iter()) {
        let (Some(dom), Some((_, token))) = (block.dom.as_ref(), *class) else {
            continue;
        };
        if !f.is_prose() {
            continue;
        }
        let parent = doc.parents.get(dom.element as usize).copied();
        if let Some(parent) = parent.filter(|&p| p != NO_PARENT) {
            *paragraphs.entry((token, parent)).or_default() += 1;
        }
    }
    let wrappers: Vec<&str> = paragraphs
        .into_iter()
        .filter(|&(_, n)| n >= WRAPPED_PARAGRAPHS)
        .map(|((token, _), _)| token)
        .collect();
    if wrappers.is_empty() {
        return;
    }
    for class in classes.iter_mut() {
        if class.is_some_and(|(_, token)| wrappers.contains(&token)) {
            *class = None;
        }
    }
}

/// Which blocks of a document share their text: every distinct text gets a
/// slot, numbered in order of first occurrence. Built with one hash of each
/// block's text; the classifier then works with slot numbers (hashing every
/// text three times was a tenth of the classification time).
struct Repeats {
    /// The slot of each block, in block order.
    slot_of: Vec<usize>,
    /// How many blocks have each slot's text.
    occurrences: Vec<usize>,
}

impl Repeats {
    fn of(doc: &Document) -> Repeats {
        let mut slots: HashMap<&str, usize> = HashMap::with_capacity(doc.len());
        let mut slot_of = Vec::with_capacity(doc.len());
        let mut occurrences: Vec<usize> = Vec::new();
        for block in &doc.blocks {
            let fresh = occurrences.len();
            let slot = *slots.entry(block.text.as_str()).or_insert(fresh);
            if slot == fresh {
                occurrences.push(0);
            }
            occurrences[slot] += 1;
            slot_of.push(slot);
        }
        Repeats {
            slot_of,
            occurrences,
        }
    }
}

/// Whether a block repeats a line of its document. A label or menu item that
/// occurs twice (a separator, "Share", a nav bar printed at the top and the
/// bottom) is chrome at every occurrence; a sentence that occurs twice (a page
/// dumped twice, a paragraph repeated by a template) is judged at its first
/// occurrence and dropped at the others.
///
/// `occurrences` is how many blocks of the document have the text, `first`
/// whether no earlier block judged here had it.
fn is_repeat(features: &Features, occurrences: usize, first: bool) -> bool {
    if occurrences <= 1 {
        return false;
    }
    // Labels are short; a line of ten words or more is judged like a
    // sentence even without a full stop (list items often have none).
    let sentence = features.is_prose()
        || (features.ends_sentence && features.words >= 3)
        || features.words >= 10;
    !sentence || !first
}

/// The rule name of a label seen across many sources.
const GLOBAL_RULE: &str = "freq.global";

/// Turns a block's corpus counts into a verdict. A line its source repeats
/// on a large share of its documents is chrome; a line that reads as prose
/// needs a larger share (a recurring paragraph is rarer than a recurring
/// label, and a reporter may reuse a background paragraph). A short label
/// seen across many sources is chrome wherever it appears; narrative lines
/// repeated across sources (wire copy, a quoted statement) never are.
///
/// `class_hint` says the block sits in an element whose class names chrome:
/// class words alone do not drop prose, but with a recurrence across the
/// source the two together do, at the share a label needs.
fn frequency_hit(
    f: &Features,
    evidence: FrequencyEvidence,
    index: usize,
    class_hint: bool,
) -> Option<FrequencyHit> {
    let counts = evidence.counts.get(index)?;
    let policy = evidence.policy;
    if counts.of >= policy.min_docs && counts.docs >= policy.min_docs {
        let share = counts.docs as f32 / counts.of as f32;
        let needed = if f.is_prose() && !class_hint {
            policy.prose_share
        } else {
            policy.min_share
        };
        if share >= needed {
            return Some(FrequencyHit {
                rule: "freq.source",
                docs: counts.docs,
                of: counts.of,
                source: evidence.source.to_string(),
            });
        }
    }
    let label = !f.is_prose() && !f.ends_sentence && f.words <= 8;
    if label && counts.sources >= policy.min_sources {
        return Some(FrequencyHit {
            rule: GLOBAL_RULE,
            docs: counts.sources,
            of: 0,
            source: String::new(),
        });
    }
    None
}

/// The verdict local evidence alone gives, if it gives one.
fn local_verdict(ev: &Evidence, rules: &RuleSet) -> Option<Verdict> {
    if let Some(rule) = ev.rule {
        return Some(Verdict::Drop {
            rule: Cow::Owned(rules.rules()[rule].name.clone()),
            detail: None,
        });
    }
    if ev.repeated {
        return Some(Verdict::drop("repeat.in_document"));
    }
    if ev.cut_run {
        return Some(Verdict::drop(CUT_RUN_RULE));
    }
    if let Some(hit) = &ev.frequency {
        return Some(Verdict::Drop {
            rule: Cow::Borrowed(hit.rule),
            detail: Some(hit.detail()),
        });
    }
    ev.dom.as_ref().map(|d| Verdict::Drop {
        rule: d.rule.clone(),
        detail: d.token.as_ref().map(|t| format!("class {t}")),
    })
}

/// Share of link text from which a label inside a page's body reads as a
/// teaser headline.
const TEASER_LINKS: f32 = 0.3;

/// The rule that drops a label inside the body.
const LABEL_IN_BODY: &str = "context.label_in_body";

/// The verdict of a block no local evidence called chrome, by where it sits
/// relative to the body and what it reads like.
fn region_verdict(evidence: &[Evidence], body: &std::ops::Range<usize>, index: usize) -> Verdict {
    let f = &evidence[index].features;
    if index < body.start {
        Verdict::drop("context.before_body")
    } else if index >= body.end {
        Verdict::drop("context.after_body")
    } else if is_label(f)
        && !evidence[index].list_or_row
        && !is_subheading(evidence, index)
        && evidence[index]
            .link_density
            .map_or(true, |d| d >= TEASER_LINKS)
    {
        // Inside the body, a line that neither reads as prose nor ends like a
        // sentence nor is a list item is a label: a teaser headline, a
        // widget's caption, a sponsor's name. In a page, a teaser headline
        // links to its story; an unlinked label in the article's flow
        // ("Office location: Atlanta", a product name) is the article's.
        Verdict::drop(LABEL_IN_BODY)
    } else {
        Verdict::Keep
    }
}

/// Whether a block speaks to the reader, as promos do ("you", "your").
fn addresses_reader(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["you", "your", "yours"]
            .iter()
            .any(|y| w.eq_ignore_ascii_case(y))
    })
}

/// A line that is neither prose, nor a sentence, nor a list item.
fn is_label(f: &Features) -> bool {
    !f.is_prose() && !f.ends_sentence && !f.bullet
}

/// Whether a label inside the body is a subheading: it introduces a paragraph
/// of prose and does not follow chrome. Teaser headlines come in clusters or
/// beside the chrome that frames them (a "Sponsored" marker, a "Related:"
/// line); a subheading stands between paragraphs.
fn is_subheading(evidence: &[Evidence], index: usize) -> bool {
    let next_is_prose = evidence.get(index + 1).is_some_and(|n| {
        !n.is_chrome() && (n.features.is_prose() || n.features.bullet || n.list_or_row)
    });
    // The markers that frame a teaser ("Sponsored", "Related:", a kicker)
    // are labels, named or not, and short; chrome that says a whole thing
    // (a sign-up box's consent sentence, a "Read more: <headline>" teaser
    // that carries its own headline) has closed before the line that
    // follows it.
    let after_chrome_or_label = index.checked_sub(1).is_some_and(|p| {
        let f = &evidence[p].features;
        if evidence[p].is_chrome() {
            // Only a rule reads what the line says; a repeated line or a
            // link may be one more teaser headline of the same list.
            let whole = evidence[p].rule.is_some() && f.words >= STATEMENT_WORDS;
            let sentence = f.ends_sentence && f.words >= 5;
            !(whole || sentence)
        } else {
            is_label(f)
        }
    });
    let ev = &evidence[index];
    // In a page the tag says it: a heading inside the body is a subheading.
    (ev.heading || (next_is_prose && !after_chrome_or_label))
        && ev.features.words <= SUBHEADING_WORDS
}

/// The most words a subheading has; a longer line is a teaser's blurb.
const SUBHEADING_WORDS: usize = 20;

/// A heading inside the body that is one link (a listicle's entry,
/// `<h3><a href=…>Tool</a></h3><p>…</p>`) is a subheading when the paragraph
/// it heads is its sibling. A teaser headline stands in a box of its own
/// (`<aside><h3><a>…</a></h3></aside><p>…</p>`), so its link still drops it.
fn keep_linked_subheadings(
    doc: &Document,
    evidence: &[Evidence],
    body: &std::ops::Range<usize>,
    verdicts: &mut [Verdict],
) {
    let parent = |i: usize| {
        let element = doc.blocks[i].dom.as_ref()?.element;
        doc.parents.get(element as usize).copied()
    };
    for i in body.start..body.end.saturating_sub(1) {
        let ev = &evidence[i];
        let only_links = ev.rule.is_none()
            && !ev.repeated
            && ev.frequency.is_none()
            && ev.dom.as_ref().is_some_and(|d| d.rule == dom::LINKS);
        if !only_links || !ev.heading || ev.features.words > SUBHEADING_WORDS {
            continue;
        }
        let next = &evidence[i + 1];
        let heads_prose = !next.is_chrome() && next.features.is_prose();
        if heads_prose && parent(i).is_some() && parent(i) == parent(i + 1) {
            verdicts[i] = Verdict::Keep;
        }
    }
}

/// A heading that names an article-ending part ("Related coverage", "Most
/// read") heads the list under it: the items that follow, up to the next
/// prose or sentence, belong to it even inside the body. A teaser label
/// ("Read also:", "Veja também:") heads the links under it the same way; an
/// unlinked line after it is the article's.
fn drop_lists_under_headings(evidence: &[Evidence], rules: &RuleSet, verdicts: &mut [Verdict]) {
    /// What the last heading or label heads.
    #[derive(PartialEq)]
    enum Heads {
        Nothing,
        /// A related heading: every line up to the next prose.
        List,
        /// A teaser label: the linked lines right under it.
        Links,
    }
    let mut heads = Heads::Nothing;
    for (ev, verdict) in evidence.iter().zip(verdicts.iter_mut()) {
        if let Some(rule) = ev.rule {
            if ev.ends_body {
                heads = Heads::List;
                continue;
            }
            if rules.kind_of(&rules.rules()[rule]).name == TEASER_KIND {
                heads = Heads::Links;
                continue;
            }
        }
        let f = &ev.features;
        let linked = ev.link_density.is_some_and(|d| d >= dom::LINKS_MOSTLY);
        let headed = match heads {
            Heads::Nothing => false,
            Heads::List => true,
            Heads::Links => linked,
        };
        if f.is_prose() || (f.ends_sentence && f.words >= 5) {
            heads = Heads::Nothing;
        } else if headed && verdict.is_keep() {
            *verdict = Verdict::drop("context.list_under_heading");
        } else if heads == Heads::Links {
            heads = Heads::Nothing;
        }
    }
}

/// Between the headline and the body, the lines that no rule and no DOM
/// evidence call chrome and that say something (a summary line, a dateline
/// with the occasion, the lead of a story whose body the region started
/// lower) belong to the article: they are longer than labels and carry few
/// links. A byline or a date is a label, or a rule names it.
fn keep_lead(
    doc: &Document,
    evidence: &[Evidence],
    headline: usize,
    body: &std::ops::Range<usize>,
    verdicts: &mut [Verdict],
) {
    if body.is_empty() || headline >= body.start {
        return;
    }
    for i in headline + 1..body.start {
        let ev = &evidence[i];
        let f = &ev.features;
        // Between the headline and the body, a block that is not kept and
        // that no local evidence named is the region's `context.before_body`.
        let unnamed = !verdicts[i].is_keep() && !ev.is_chrome();
        // A menu run together on one line is long too, but capitalises
        // nearly every word; a time of day dates the page: the line is a
        // byline or a timestamp ("Published: Feb. 27, 2024 at 10:58 PM").
        let says_something = f.words >= STATEMENT_WORDS
            && f.capitalised < LEAD_CAPITALS
            && (f.ends_sentence || f.chars >= LEAD_CHARS || f.is_prose())
            && !has_time_of_day(&doc.blocks[i].text);
        let unlinked = ev.link_density.map_or(true, |d| d < TEASER_LINKS);
        if unnamed && unlinked && says_something {
            verdicts[i] = Verdict::Keep;
        }
    }
}

/// Whether `text` holds a time of day: one or two digits, `:` or `h`, two
/// digits (`10:58`, `9:05`, `18h05`), not inside a longer number.
fn has_time_of_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    (1..bytes.len()).any(|i| {
        matches!(bytes[i], b':' | b'h')
            && digit(i - 1)
            && digit(i + 1)
            && digit(i + 2)
            && !digit(i + 3)
            && !(i >= 3 && digit(i - 2) && digit(i - 3))
    })
}

/// From this share of capitalised words a line under the headline is a
/// menu. Higher than for a paragraph ([`features::MENU_CAPITALS`]): a lead
/// line names people and places, and German capitalises its nouns too.
const LEAD_CAPITALS: f32 = 0.75;

/// The fewest words of a line that says something: a lead line under the
/// headline, a teaser that carries its own headline ("Read more: Looted
/// art: Germany sets up an office"), a sentence ending in a colon ("Das
/// Innenleben sieht bei mir so aus:"). A shorter line is a label
/// ("Related:", "Read more", "Weitere Informationen:").
const STATEMENT_WORDS: usize = 6;
/// A lead line without a sentence's end is at least this long.
const LEAD_CHARS: usize = 60;

/// A label or a line that introduces what follows (ending in a colon) must
/// head something: as the last kept lines of the body, with nothing kept
/// after them, they head the chrome that follows (a "More on this topic"
/// heading whose list was dropped, a "Share:" label), in any language.
fn drop_trailing_labels(evidence: &[Evidence], verdicts: &mut [Verdict]) {
    for (ev, verdict) in evidence.iter().zip(verdicts.iter_mut()).rev() {
        if !verdict.is_keep() {
            continue;
        }
        let heads = is_label(&ev.features) || introduces(&ev.features);
        if !heads || ev.features.words > SUBHEADING_WORDS || ev.list_or_row {
            break;
        }
        *verdict = Verdict::drop("context.trailing_label");
    }
}

/// A line that introduces what follows: it ends in a colon (`:`, `：`)
/// and is not a paragraph.
fn introduces(f: &Features) -> bool {
    f.ends_with_colon && !f.is_prose()
}

/// The fewest dropped blocks under a kept introducer that make it theirs.
const ORPHAN_FOLLOWERS: usize = 2;

/// A line that introduces what follows (it ends in a colon: "Read more:",
/// "Weitere Beiträge:", "Lire aussi :") belongs to what it introduces. When
/// everything under it up to the next kept block was dropped, it headed
/// that chrome (a list of links), in any language, and goes with it: when
/// local evidence dropped what follows, or when the line is a short label.
/// (At the end of the body, [`drop_trailing_labels`] takes it.)
fn drop_orphan_introducers(evidence: &[Evidence], verdicts: &mut [Verdict]) {
    for i in 0..verdicts.len() {
        let f = &evidence[i].features;
        let introducer = verdicts[i].is_keep()
            && introduces(f)
            && f.words <= SUBHEADING_WORDS
            && !evidence[i].list_or_row;
        if !introducer {
            continue;
        }
        let dropped = (i + 1..verdicts.len())
            .take_while(|&j| !verdicts[j].is_keep())
            .count();
        // What local evidence dropped (a rule, a class word, the DOM's
        // links) is chrome whatever introduced it. A line dropped for where
        // it sits or what it reads like may be the article's own (a
        // caption, a code line) that a sentence ending in a colon
        // introduced; under a short label ("Weitere Informationen:") it is
        // the list the label names, as in a text dump, which has no links.
        let all_chrome = evidence[i + 1..i + 1 + dropped]
            .iter()
            .all(Evidence::is_chrome);
        let label = f.words < STATEMENT_WORDS;
        let next_kept = i + 1 + dropped < verdicts.len();
        if next_kept && (all_chrome || label) && dropped >= ORPHAN_FOLLOWERS {
            verdicts[i] = Verdict::drop("context.orphan_introducer");
        }
    }
}

/// The most blocks [`drop_classed_tail`] takes off the end of a body.
const TAIL_APPEAL_BLOCKS: usize = 3;
/// The body before an appeal is at least this many times as long as it.
const TAIL_APPEAL_SHARE: usize = 3;

/// Drops the kept blocks at the very end of the body whose own class or id
/// names a kind of chrome (`c-letters-cta`, `donation-box`, `author-bio`),
/// when the body before them does not share that name. A class word alone
/// does not drop prose (a wrapper may be named carelessly); a prose block
/// that closes the body under a chrome name the body's paragraphs do not
/// carry is the publisher's appeal after the story, in any language: write
/// to the editor, support us, join our channel.
fn drop_classed_tail(
    evidence: &[Evidence],
    classes: &[ClassHit],
    rules: &RuleSet,
    verdicts: &mut [Verdict],
) {
    let mut kept = (0..verdicts.len()).rev().filter(|&i| verdicts[i].is_keep());
    let mut run = Vec::new();
    let anchor = loop {
        match kept.next() {
            Some(i) if classes[i].is_some() => run.push(i),
            other => break other,
        }
    };
    let Some(anchor) = anchor else { return };
    // An appeal is a paragraph or three, and the body it closes is several
    // times longer: more is the story itself under a wrapper's careless
    // name (`docked-sharebar-content-container`, `js-lightbox-gallery`).
    let chars = |i: usize| evidence[i].features.chars;
    let appeal: usize = run.iter().map(|&i| chars(i)).sum();
    let body: usize = chars(anchor) + kept.map(chars).sum::<usize>();
    if run.len() > TAIL_APPEAL_BLOCKS || appeal * TAIL_APPEAL_SHARE > body {
        return;
    }
    let anchor_token = classes[anchor].map(|(_, t)| t);
    for i in run {
        let Some((index, token)) = classes[i] else {
            continue;
        };
        if anchor_token == Some(token) {
            continue;
        }
        verdicts[i] = Verdict::Drop {
            rule: Cow::Owned(rules.class_rules()[index].name.clone()),
            detail: Some(format!("class {token}, at the end of the body")),
        };
    }
}

/// A short kept line boxed in by rule-dropped chrome is part of that chrome:
/// the pitch line of a newsletter box between its heading and its button.
/// A line that reads as prose or as a sentence is only taken when both
/// neighbours are of the same kind (one box) or when it speaks to the reader
/// ("curated for you"), since a paragraph between a caption and an ad marker
/// is still a paragraph.
fn drop_boxed_lines(
    doc: &Document,
    evidence: &[Evidence],
    rules: &RuleSet,
    verdicts: &mut [Verdict],
) {
    const MAX_CHARS: usize = 160;
    // The kind of chrome a pattern rule, or else a class word, names.
    let kind = |i: usize| {
        evidence[i]
            .rule
            .map(|r| rules.rules()[r].kind)
            .or_else(|| evidence[i].dom.as_ref().and_then(|d| d.kind))
    };
    for i in 1..verdicts.len().saturating_sub(1) {
        let (before, after) = (kind(i - 1), kind(i + 1));
        let f = &evidence[i].features;
        let boxed = verdicts[i].is_keep()
            && f.chars <= MAX_CHARS
            && before.is_some()
            && after.is_some()
            && (before == after
                || addresses_reader(&doc.blocks[i].text)
                || !(f.is_prose() || (f.ends_sentence && f.words >= 5)));
        if boxed {
            verdicts[i] = Verdict::drop("context.inside_chrome_box");
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::input::Payload;
    use crate::Cleaner;

    /// The body pith keeps of a page, without corpus statistics.
    pub(crate) fn page_body(html: &str) -> String {
        let cleaner = Cleaner::default();
        let doc = cleaner
            .document(&Payload::Html(html.to_string()))
            .expect("page parses");
        cleaner.clean(&doc, None).body
    }

    /// Paragraphs 1 to `last` of [`para`] are all in `body`.
    fn assert_paragraphs_kept(body: &str, last: u32) {
        for n in 1..=last {
            assert!(body.contains(&format!("Paragraph {n} ")), "{body}");
        }
    }

    /// A line of body prose for a text dump, numbered `n`.
    fn text_para(n: u32) -> String {
        format!(
            "Paragraph {n} of the story says the council on the corner square has met every \
             winter since it was founded, and the queue for its hearings reaches the station."
        )
    }

    /// The body pith keeps of a text dump of `lines`; `P1` to `P9` stand for
    /// [`text_para`]'s lines.
    fn text_body(lines: &[&str]) -> String {
        let dump: Vec<String> = lines
            .iter()
            .map(
                |line| match line.strip_prefix('P').and_then(|n| n.parse().ok()) {
                    Some(n) => text_para(n),
                    None => line.to_string(),
                },
            )
            .collect();
        crate::Cleaner::default().clean_text(&dump.join("\n")).body
    }

    /// The [`para`]s numbered `numbers`, one after another.
    fn paras(numbers: std::ops::RangeInclusive<u32>) -> String {
        numbers.map(para).collect()
    }

    /// A `<p>` of body prose, about 300 characters, numbered `n`.
    pub(crate) fn para(n: u32) -> String {
        format!(
            "<p>Paragraph {n} of the report says the agency reviewed every office in the \
             region and found most of them short of staff for the third year running. The \
             auditors asked each office how long a new case waited for a first reply, and \
             most answered that it waited a month or more over the winter.</p>"
        )
    }

    #[test]
    fn a_flattened_list_between_paragraphs_is_body_but_two_teaser_lines_are_not() {
        let body = text_body(&[
            "Bakery keeps its winter cake",
            "P1",
            "P2",
            "200 grams of sugar",
            "6 medium eggs",
            "350 grams of flour",
            "P3",
            "New bakery opens downtown",
            "A second queue forms",
            "P4",
        ]);
        assert!(
            body.contains("200 grams of sugar\n6 medium eggs\n350 grams"),
            "{body}"
        );
        assert!(!body.contains("New bakery opens"), "{body}");
    }

    #[test]
    fn a_subheading_after_a_whole_read_more_teaser_is_the_articles() {
        let body = text_body(&[
            "Streets get new names",
            "P1",
            "P2",
            "Read more: Looted art: Germany to set up a new contact office",
            "Resistance from the right",
            "P3",
            "Read more",
            "Council votes on the budget",
            "P4",
        ]);
        assert!(!body.contains("Looted art"), "{body}");
        assert!(
            body.contains("Resistance from the right\nParagraph 3"),
            "{body}"
        );
        // A bare marker frames the teaser headline under it.
        assert!(!body.contains("Council votes"), "{body}");
        assert!(body.contains("Paragraph 4"), "{body}");
    }

    #[test]
    fn a_caption_class_on_the_post_wrapper_does_not_erase_the_post() {
        let caption = "<p>The new bridge seen from the river at dusk, after a decade of \
                       planning and two years of work by the city.</p>";
        let page = format!(
            "<body><article><h1>The bridge opens</h1>\
             <div class='js-post-gallery'><div class='text'>{}{}{}</div></div>\
             <div class='gallery'><figure><img src='a.jpg'><div class='caption'>{caption}</div></figure>\
             <figure><img src='b.jpg'><div class='caption'>{caption}</div></figure>\
             <figure><img src='c.jpg'><div class='caption'>{caption}</div></figure></div>\
             {}</article></body>",
            para(1),
            para(2),
            para(3),
            para(4)
        );
        let body = page_body(&page);
        assert_paragraphs_kept(&body, 4);
        // Captions of a gallery, each in a figure of its own, are still captions.
        assert!(!body.contains("The new bridge seen"), "{body}");
    }

    #[test]
    fn a_wrapper_named_like_a_teaser_keeps_the_storys_subheadings() {
        let page = format!(
            "<body><article><h1>The audit</h1><div class='single_content read-more'>\
             {}<h3>What the auditors found</h3>{}<ul><li>Staff short in most offices</li>\
             <li>Cases waiting a month</li></ul>{}</div></article></body>",
            paras(1..=2),
            paras(3..=4),
            para(5)
        );
        let body = page_body(&page);
        assert_paragraphs_kept(&body, 5);
        assert!(body.contains("What the auditors found"), "{body}");
        assert!(body.contains("Cases waiting a month"), "{body}");
    }

    #[test]
    fn the_links_under_a_teaser_label_in_the_body_are_the_teasers() {
        let page = format!(
            "<body><article><h1>The audit</h1>{}<div><div>Read also:</div><ul>\
             <li><a href='/a'>Council cuts the library budget again</a></li>\
             <li><a href='/b'>Five offices to close before winter</a></li></ul></div>\
             <h2>What the auditors found</h2>{}</article></body>",
            paras(1..=2),
            paras(3..=4)
        );
        let body = page_body(&page);
        assert_paragraphs_kept(&body, 4);
        assert!(!body.contains("Council cuts"), "{body}");
        assert!(!body.contains("Five offices"), "{body}");
        // The subheading after the list is not a link: it is the story's.
        assert!(body.contains("What the auditors found"), "{body}");
    }

    #[test]
    fn prose_in_a_footer_class_does_not_draw_the_body_away_from_a_short_report() {
        let lines: String = (1..=12)
            .map(|n| {
                format!(
                    "<p>Team {n}: 23- Leo Moreira ({n}), 27- Ian Lawrence (7), 13- Alex Gamboa \
                     (6.5), 22- Gian Ramos (6), 4- Ian Smith (6), 15- Celso Borja (7)</p>"
                )
            })
            .collect();
        let page = format!(
            "<body><div id='content'><h1>The league table after round fifteen</h1>\
             <p>Round fifteen left the leaders further ahead after a win at home, while the \
             champions kept second place with a late goal away.</p>{lines}</div>\
             <div id='footer-n2'><p>© 2017 The Sports Desk, 12 Station Road, beside the old \
             market hall. All rights reserved. The intellectual property of this site, its \
             texts, photographs and designs, belongs to the publisher, and no part of it may be \
             copied, stored or passed on in any form without the written permission of the \
             publisher, except for short quotations in reviews with the source named in full, \
             as the law on copyright allows in every country where the site is read.</p></div>\
             </body>"
        );
        let body = page_body(&page);
        assert!(body.contains("Round fifteen left the leaders"), "{body}");
        assert!(!body.contains("intellectual property"), "{body}");
    }

    #[test]
    fn a_forum_threads_opening_post_is_the_content_and_the_replies_are_not() {
        let post = |author: &str, text: &str| {
            format!("<div class='post'><div class='author'>{author}</div><p>{text}</p></div>")
        };
        let page = format!(
            "<body><nav><a href='/'>Forum</a> <a href='/new'>New posts</a></nav>\
             <div class='comments'><h1>No app store over mobile data since the update?</h1>{}\
             <div>Comments</div>{}{}</div></body>",
            post(
                "anna",
                "Since the update none of my devices reaches the app store over mobile data, \
                 although every setting allows it. Has anyone found what else to change?"
            ),
            post(
                "ben",
                "Mine reaches it over mobile data without trouble, so it may be the network \
                 you are on rather than the phone."
            ),
            post(
                "carl",
                "The same happened here last week, and it went away after the carrier sent new \
                 settings to the phone overnight."
            ),
        );
        let body = page_body(&page);
        assert!(
            body.contains("Since the update none of my devices"),
            "{body}"
        );
        assert!(!body.contains("Mine reaches it"), "{body}");
        assert!(!body.contains("carrier sent new"), "{body}");
    }

    #[test]
    fn a_comment_under_a_comments_heading_never_stands_in_for_a_lost_story() {
        let comment = |author: &str, text: &str| {
            format!(
                "<li class='comment'><div>{author}</div><p>{text}</p><a href='#r'>Reply</a></li>"
            )
        };
        let page = format!(
            "<body><h1>Council closes the library</h1><div>Subscribe to read the story</div>\
             <section id='comments'><h2>3 Comments</h2><ol>{}{}</ol></section></body>",
            comment(
                "anna",
                "What a shame, I borrowed my first books there as a child and took my own \
                 children there every Saturday for years."
            ),
            comment(
                "ben",
                "The council should have asked the people who use it before deciding, as it \
                 promised at the last election."
            ),
        );
        let body = page_body(&page);
        assert!(!body.contains("What a shame"), "{body}");
        assert!(!body.contains("The council should"), "{body}");
    }

    #[test]
    fn a_story_set_in_an_aside_is_kept_when_nothing_else_is_prose() {
        let page = "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
                    <h1>Novelist wins the book prize</h1><aside class='paywall-teaser'>\
                    <p>Frankfurt (dpa) - For a novel about the old republic the writer has won \
                    this year's book prize, the jury announced on Monday evening.</p></aside>\
                    <aside><div>More news</div><ul><li><a href='/1'>Rail adds trains</a></li>\
                    <li><a href='/2'>Incomes rise</a></li></ul></aside></body>";
        let body = page_body(page);
        assert!(
            body.contains("For a novel about the old republic"),
            "{body}"
        );
        assert!(!body.contains("Rail adds trains"), "{body}");
    }

    #[test]
    fn an_appeal_under_a_chrome_class_at_the_end_of_the_body_is_dropped() {
        // Prose under a chrome class word is not dropped for the class alone;
        // at the very end of the body, under a name the story does not
        // carry, it is the publisher's appeal (here in Spanish and German).
        for appeal in [
            "Puede escribirnos a la redacción o seguirnos en nuestras redes, y \
             suscribirse aquí a nuestra newsletter semanal.",
            "Ihr Beitrag hilft, unsere Berichterstattung weiter auszubauen und \
             weiterhin kostenlos zur Verfügung zu stellen.",
        ] {
            let page = format!(
                "<body><article><h1>The report</h1>{}{}{}\
                 <section class='c-letters-cta'><p>{appeal}</p></section></article>\
                 <footer><p>Contact</p></footer></body>",
                para(1),
                para(2),
                para(3)
            );
            let body = page_body(&page);
            assert!(body.contains("Paragraph 3 "), "{body}");
            assert!(!body.contains(&appeal[..20]), "{body}");
        }
    }

    #[test]
    fn a_story_under_a_chrome_class_wrapper_is_not_cut_at_its_end() {
        // The last paragraphs sit in a wrapper a theme named `sharebar`:
        // they are more than an appeal, so they stay.
        let page = format!(
            "<body><article><h1>The report</h1>{}\
             <div class='docked-sharebar-content'>{}</div></article></body>",
            para(1),
            (2..=4).map(para).collect::<String>()
        );
        let body = page_body(&page);
        assert_paragraphs_kept(&body, 4);
    }

    #[test]
    fn a_colon_line_over_dropped_links_goes_with_them() {
        let page = format!(
            "<body><div class='post'><h1>The audit</h1>{}<p>Weitere Beiträge aus der Kolumne:</p>\
             <p><a href='/a'>Wie Werte eine neue Kultur formen</a></p>\
             <p><a href='/b'>Der Herzschlag der Transformation</a></p>{}\
             <p>The auditors listed three causes:</p><ul><li>too few staff</li>\
             <li>old case software</li></ul>{}</div></body>",
            para(1),
            para(2),
            para(3)
        );
        let body = page_body(&page);
        assert!(!body.contains("Weitere Beiträge"), "{body}");
        assert!(!body.contains("Herzschlag"), "{body}");
        assert!(
            body.contains("three causes:\ntoo few staff\nold case software"),
            "{body}"
        );
        assert_paragraphs_kept(&body, 3);
    }

    #[test]
    fn a_short_label_over_teaser_lines_of_a_text_dump_goes_with_them() {
        let body = text_body(&[
            "Model runs on new machine",
            "P1",
            "P2",
            "Weitere Informationen:",
            "Nobelpreis für Physik 2021",
            "Nachruf Reimar Lüst",
            "P3",
            "The new machine was set up as follows:",
            "Rack one",
            "Rack two",
            "P4",
        ]);
        assert!(!body.contains("Weitere Informationen"), "{body}");
        assert!(!body.contains("Nachruf"), "{body}");
        // A sentence that ends in a colon keeps its place.
        assert!(body.contains("set up as follows:"), "{body}");
        assert!(
            body.contains("Paragraph 3") && body.contains("Paragraph 4"),
            "{body}"
        );
    }

    #[test]
    fn a_run_of_lines_cut_off_mid_phrase_is_a_teaser_list_not_the_body() {
        let cut: Vec<String> = (1..=8)
            .map(|n| {
                format!(
                    "Headline {n}: minister warns that the second wave of the virus will \
                     reach every region of the country before the..."
                )
            })
            .collect();
        let mut lines = vec!["Council closes the old library", "P1", "P2", "Most read"];
        lines.extend(cut.iter().map(String::as_str));
        let body = text_body(&lines);
        assert!(
            body.contains("Paragraph 1") && body.contains("Paragraph 2"),
            "{body}"
        );
        assert!(!body.contains("Headline"), "{body}");
        // A short list of the body's own, each item trailing off, stays.
        let body = text_body(&[
            "P1",
            "Google: courses with free certificates on analytics, cloud, Android…",
            "Harvard: online courses with free certificates on computer science…",
            "Stanford: medical courses with free certificates on cardiology, surgery…",
            "P2",
        ]);
        assert!(
            body.contains("Harvard") && body.contains("Paragraph 2"),
            "{body}"
        );
    }

    #[test]
    fn a_headline_over_a_byline_after_the_article_starts_another_story() {
        let body = text_body(&[
            "Council closes the old library",
            "P1",
            "P2",
            "P3",
            "Harbour to get a new ferry terminal",
            "By Jane Doe",
            "P4",
        ]);
        assert!(body.contains("Paragraph 3"), "{body}");
        assert!(
            !body.contains("Paragraph 4") && !body.contains("ferry terminal"),
            "{body}"
        );
        // Before the article has begun, a headline over a byline is its own.
        let body = text_body(&[
            "News",
            "Harbour to get a new ferry terminal",
            "By Jane Doe",
            "P1",
            "P2",
        ]);
        assert!(
            body.contains("Paragraph 1") && body.contains("Paragraph 2"),
            "{body}"
        );
    }

    #[test]
    fn a_linked_heading_over_its_paragraph_is_a_subheading() {
        let page = format!(
            "<body><article><h1>The best tools</h1>{}\
             <div class='entry'><h3><a href='https://a.example'>Alpha Notes</a></h3>{}</div>\
             <div class='entry'><h3><a href='https://b.example'>Beta Boards</a></h3>{}</div>\
             <aside><h3><a href='/other-story'>Why teams switch tools</a></h3></aside>{}</article></body>",
            para(1),
            para(2),
            para(3),
            para(4)
        );
        let body = page_body(&page);
        assert!(body.contains("Alpha Notes\nParagraph 2"), "{body}");
        assert!(body.contains("Beta Boards\nParagraph 3"), "{body}");
        assert!(!body.contains("Why teams switch"), "{body}");
    }

    #[test]
    fn the_lead_under_the_headline_is_the_articles_but_not_its_date() {
        let page = format!(
            "<body><article><h1>Council closes the old library</h1>\
             <p>Bern, 17.08.2007 - Rede des Stadtpräsidenten beim Städtegipfel in Basel</p>\
             <p>25.08.2015 22:30</p>{}{}{}</article></body>",
            para(1),
            para(2),
            para(3)
        );
        let body = page_body(&page);
        assert!(
            body.starts_with("Bern, 17.08.2007 - Rede des Stadtpräsidenten"),
            "{body}"
        );
        assert!(!body.contains("22:30"), "{body}");
    }

    #[test]
    fn times_of_day() {
        assert!(super::has_time_of_day(
            "Published: Feb. 27, 2024 at 10:58 PM"
        ));
        assert!(super::has_time_of_day("2025/04/12 14:36"));
        assert!(super::has_time_of_day("à 18h05"));
        assert!(!super::has_time_of_day(
            "Bern, 17.08.2007 - Rede beim Städtegipfel"
        ));
        assert!(!super::has_time_of_day("Psalm 119:105"));
    }

    #[test]
    fn a_label_in_a_page_body_is_a_teaser_only_when_it_links() {
        let page = format!(
            "<body><div>{}{}<p>Office location: Atlanta, Georgia</p><p>Team size: 51 to 200</p>\
             <p>Ten things the agency got <a href='/x'>wrong in its audit</a></p>{}{}</div></body>",
            para(1),
            para(2),
            para(3),
            para(4)
        );
        let body = page_body(&page);
        assert!(
            body.contains("Office location: Atlanta, Georgia\nTeam size: 51 to 200\n"),
            "{body}"
        );
        assert!(!body.contains("Ten things"), "{body}");
        assert!(body.contains("Paragraph 4"), "{body}");
    }
}
