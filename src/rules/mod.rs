//! Chrome rules as data: named regular expressions grouped by kind of chrome.
//!
//! The built-in rules live in `src/rules/builtin.toml`, compiled into the
//! binary; users add their own in the same format (see [`RuleSet::extend_from_toml`]).
//!
//! ```
//! use pith::rules::RuleSet;
//!
//! let rules = RuleSet::builtin();
//! let hit = rules.first_match("Share this article", false).unwrap();
//! assert_eq!(hit.name, "share.bar");
//! assert!(rules.first_match("The council met on Tuesday to share the costs.", false).is_none());
//! ```

mod boundaries;
mod literals;
mod matcher;
mod precomputed;
mod prefilter;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, LazyLock, OnceLock};

use serde::Deserialize;

use crate::fixed_hash::FixedMap;
use boundaries::word_boundaries;
use matcher::{Matcher, MatcherError};
use prefilter::Prefilter;

/// The built-in rules file, compiled into the binary.
pub const BUILTIN_RULES: &str = include_str!("builtin.toml");

/// Where in a document a rule may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Anywhere.
    #[default]
    Any,
    /// Only after the article has begun: at least two paragraphs of prose
    /// come before the block.
    Tail,
}

/// A kind of chrome, such as `newsletter` or `caption`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// Short name, the prefix of its rules' names.
    pub name: String,
    /// One line saying what the kind is.
    pub about: String,
    /// Whether a block of this kind is evidence that the article has ended.
    pub ends_body: bool,
    /// Whether a block of this kind closes the page (a legal footer): text
    /// after it is not the story under the headline.
    pub closes_page: bool,
}

/// One named pattern.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Full name, `kind.rule`, printed by `--explain` and counted in output.
    pub name: String,
    /// Index of the rule's kind in [`RuleSet::kinds`].
    pub kind: usize,
    /// The pattern as written.
    pub pattern: String,
    /// Longest block, in characters, the rule may match.
    pub max_chars: usize,
    /// Where in a document the rule may match.
    pub position: Position,
    /// Whether the rule reads table rows of a page (whose cells pith joins
    /// with `" | "`, which a link-bar rule would misread).
    pub table_rows: bool,
    /// Whether the rule reads a page's subheadings (`<h2>` to `<h6>`): a
    /// legal notice is never one, an article's "Copyright law" section title
    /// may be.
    pub headings: bool,
    /// A second pattern the block must also contain, as written: what the
    /// first pattern cannot say without lookaround ("a line of date words,
    /// with at least one word or date in it").
    pub requires: Option<String>,
    /// The languages (ISO 639-1) of the documents the rule applies to; empty
    /// for a rule of every language. A rule with languages never applies to
    /// a document whose language is unknown.
    pub languages: Vec<String>,
    /// Whether the rule's `\b` is a Unicode word boundary (a rule with
    /// `languages`, or whose pattern has a non-ASCII letter) rather than an
    /// ASCII one (the fast engine's, enough for English words).
    pub unicode_boundaries: bool,
}

/// Where a block sits, as far as the pattern rules ask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// The article has begun before the block (see [`Position::Tail`]).
    pub late: bool,
    /// The block is a table row of a page.
    pub table_row: bool,
    /// The block is a subheading of a page (`<h2>` to `<h6>`).
    pub heading: bool,
    /// The document's language (ISO 639-1), when identified.
    pub language: Option<&'static str>,
}

/// An error in a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// Which file (or `built-in rules`).
    pub origin: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for RulesError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    kind: BTreeMap<String, KindSpec>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
    #[serde(default)]
    class_rule: Vec<ClassRuleSpec>,
    #[serde(default)]
    body_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassRuleSpec {
    name: String,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    prose: bool,
}

/// A vocabulary of class and id words naming one kind of chrome (HTML only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRule {
    /// Full name, `kind.rule`.
    pub name: String,
    /// Index of the rule's kind in [`RuleSet::kinds`].
    pub kind: usize,
    /// Token parts that match exactly.
    pub words: Vec<String>,
    /// Token parts that match as prefixes.
    pub prefixes: Vec<String>,
    /// Strings that match anywhere in a token (`imageCaption`).
    pub contains: Vec<String>,
    /// Whether the rule also drops prose (captions are sentences).
    pub prose: bool,
}

/// What a class or id token says about the blocks inside its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenVerdict {
    /// It names an article body (`entry-content`).
    Body,
    /// It names a kind of chrome: the index of the class rule.
    Chrome(usize),
    /// It says nothing.
    Neutral,
}

/// A class or id token of more parts than this is a slug, not a class name.
const MAX_TOKEN_PARTS: usize = 4;

/// How many of a block's nearest class and id tokens the class rules read.
const NEAREST_TOKENS: usize = 6;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindSpec {
    #[serde(default)]
    about: String,
    #[serde(default)]
    ends_body: bool,
    #[serde(default)]
    closes_page: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    name: String,
    pattern: String,
    #[serde(default = "default_max_chars")]
    max_chars: usize,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    position: Position,
    #[serde(default = "default_true")]
    table_rows: bool,
    #[serde(default = "default_true")]
    headings: bool,
    #[serde(default)]
    requires: Option<String>,
    #[serde(default)]
    languages: Option<Vec<String>>,
}

fn default_true() -> bool {
    true
}

fn default_max_chars() -> usize {
    200
}

/// A compiled set of rules.
///
/// The first rule in file order that matches wins. A prefilter (see
/// [`prefilter`]) finds in one pass the rules whose required literals a line
/// holds; only those (and the rules without literals) run their regex, in
/// file order. (A `RegexSet` would also match them in one pass, but
/// reporting which patterns matched forces it onto its slowest engine.)
#[derive(Debug, Clone)]
pub struct RuleSet {
    kinds: Vec<Kind>,
    rules: Vec<Rule>,
    /// Each rule compiled, in the order of `rules`.
    compiled: Vec<Compiled>,
    /// The rules that apply to a document: for each language some rule
    /// names, and for documents in any other language or none. A document's
    /// language picks its list once, so the rules of other languages cost
    /// nothing per block.
    by_language: Vec<(u16, RuleList)>,
    other_languages: RuleList,
    longest: usize,
    class_rules: Vec<ClassRule>,
    body_words: Vec<String>,
    /// Class word → first class rule naming it (an index for [`RuleSet::class_hit`]).
    class_words: FixedMap<String, usize>,
    /// (prefix, class rule), for [`RuleSet::class_hit`].
    class_prefixes: Vec<(String, usize)>,
}

static BUILTIN: LazyLock<RuleSet> = LazyLock::new(|| {
    let mut set = RuleSet::empty();
    // Each rule compiles when a line first needs its regex (a line holding
    // its literals): compiling all of them took a tenth of a second at
    // start-up, and an English corpus never needs the other languages'
    // patterns (each costs milliseconds and a megabyte). A unit test
    // compiles them all.
    set.extend_in_place(BUILTIN_RULES, "built-in rules", Compile::Lazily)
        .expect("the built-in rules file is valid (checked by a unit test)");
    set
});

/// When a rules file's patterns compile.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Compile {
    /// All at load, so that a bad pattern is an error naming its file.
    AtLoad,
    /// On first use (the built-in rules, which a unit test compiles).
    Lazily,
}

impl RuleSet {
    /// A set with no rules.
    pub fn empty() -> Self {
        RuleSet {
            kinds: Vec::new(),
            rules: Vec::new(),
            compiled: Vec::new(),
            by_language: Vec::new(),
            other_languages: RuleList::default(),
            longest: 0,
            class_rules: Vec::new(),
            body_words: Vec::new(),
            class_words: FixedMap::default(),
            class_prefixes: Vec::new(),
        }
    }

    /// The built-in rules.
    pub fn builtin() -> Self {
        BUILTIN.clone()
    }

    /// Adds the kinds and rules of a rules file (TOML, the format of
    /// `builtin.toml`). `origin` names the file in error messages.
    ///
    /// A file may add kinds and rules, and add rules to a kind declared
    /// before; declaring a kind again or reusing a rule name is an error, so
    /// a user's file cannot silently reset a built-in kind's flags or shadow
    /// a built-in rule.
    ///
    /// ```
    /// let mut rules = pith::rules::RuleSet::builtin();
    /// rules.extend_from_toml(r#"
    ///     [kind.house]
    ///     about = "Our own promos"
    ///     [[rule]]
    ///     name = "house.quiz"
    ///     pattern = '^take the weekly quiz'
    /// "#, "my-rules.toml").unwrap();
    /// assert_eq!(rules.first_match("Take the weekly quiz!", false).unwrap().name, "house.quiz");
    ///
    /// let err = rules.extend_from_toml("[[rule]]\nname = \"nokind.x\"\npattern = 'x'", "bad.toml");
    /// assert!(err.unwrap_err().to_string().contains("bad.toml"));
    ///
    /// let err = rules.extend_from_toml("[kind.legal]\nabout = \"mine\"", "bad.toml");
    /// assert!(err.unwrap_err().to_string().contains("kind `legal` is already declared"));
    /// ```
    pub fn extend_from_toml(&mut self, text: &str, origin: &str) -> Result<(), RulesError> {
        // Work on a copy so a bad file leaves the set as it was.
        let mut next = self.clone();
        next.extend_in_place(text, origin, Compile::AtLoad)?;
        *self = next;
        Ok(())
    }

    fn extend_in_place(
        &mut self,
        text: &str,
        origin: &str,
        when: Compile,
    ) -> Result<(), RulesError> {
        let error = |message: String| RulesError {
            origin: origin.to_string(),
            message,
        };
        let file: RulesFile = toml::from_str(text).map_err(|e| error(e.to_string()))?;
        for (name, spec) in file.kind {
            if self.kinds.iter().any(|k| k.name == name) {
                return Err(error(format!(
                    "kind `{name}` is already declared (built in or in an earlier rules file); \
                     add rules to it without a [kind.{name}] table, or declare a new kind"
                )));
            }
            self.kinds.push(Kind {
                name,
                about: spec.about,
                ends_body: spec.ends_body,
                closes_page: spec.closes_page,
            });
        }
        for spec in file.rule {
            let kind = self.kind_of_name(&spec.name, "rule").map_err(error)?;
            if self.rules.iter().any(|r| r.name == spec.name) {
                return Err(error(format!("rule `{}` is defined twice", spec.name)));
            }
            let languages = match spec.languages {
                None => Vec::new(),
                Some(list) => {
                    if list.is_empty() {
                        return Err(error(format!(
                            "rule `{}`: `languages` is empty (leave it out for a rule of every language)",
                            spec.name
                        )));
                    }
                    if let Some(bad) = list.iter().find(|c| !crate::language::is_identified(c)) {
                        return Err(error(format!(
                            "rule `{}`: unknown language `{bad}` in `languages` (ISO 639-1 codes in lower case, such as \"de\" or \"fr\", of a language pith identifies)",
                            spec.name
                        )));
                    }
                    list
                }
            };
            let unicode_boundaries = !languages.is_empty()
                || has_non_ascii_letter(&spec.pattern)
                || spec.requires.as_deref().is_some_and(has_non_ascii_letter);
            let sources = Arc::new(Sources {
                pattern: word_boundaries(&spec.pattern, unicode_boundaries),
                requires: spec
                    .requires
                    .as_deref()
                    .map(|r| word_boundaries(r, unicode_boundaries)),
                case_insensitive: !spec.case_sensitive,
            });
            let regexes = Arc::new(OnceLock::new());
            if when == Compile::AtLoad {
                let pair = compile_pair(&sources)
                    .map_err(|(what, e)| error(format!("rule `{}`: bad {what}: {e}", spec.name)))?;
                regexes.get_or_init(|| pair);
            }
            self.compiled.push(Compiled {
                sources,
                regexes,
                literals: Arc::default(),
            });
            self.rules.push(Rule {
                name: spec.name,
                kind,
                pattern: spec.pattern,
                max_chars: spec.max_chars,
                position: spec.position,
                table_rows: spec.table_rows,
                headings: spec.headings,
                requires: spec.requires,
                languages,
                unicode_boundaries,
            });
        }
        self.longest = self.rules.iter().map(|r| r.max_chars).max().unwrap_or(0);
        self.index_languages();
        for spec in file.class_rule {
            let kind = self.kind_of_name(&spec.name, "class rule").map_err(error)?;
            if self.class_rules.iter().any(|r| r.name == spec.name) {
                return Err(error(format!(
                    "class rule `{}` is defined twice",
                    spec.name
                )));
            }
            let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
            self.class_rules.push(ClassRule {
                name: spec.name,
                kind,
                words: lower(spec.words),
                prefixes: lower(spec.prefixes),
                contains: lower(spec.contains),
                prose: spec.prose,
            });
        }
        self.body_words
            .extend(file.body_words.into_iter().map(|w| w.to_lowercase()));
        self.class_words.clear();
        self.class_prefixes.clear();
        for (index, rule) in self.class_rules.iter().enumerate() {
            for word in &rule.words {
                self.class_words.entry(word.clone()).or_insert(index);
            }
            for prefix in &rule.prefixes {
                self.class_prefixes.push((prefix.clone(), index));
            }
        }
        Ok(())
    }

    /// Fills `by_language` and `other_languages` from the rules.
    fn index_languages(&mut self) {
        let applying = |language: Option<&str>| -> RuleList {
            RuleList {
                rules: self
                    .rules
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| {
                        r.languages.is_empty()
                            || language.is_some_and(|l| r.languages.iter().any(|c| c == l))
                    })
                    .map(|(i, _)| i)
                    .collect(),
                prefilter: Arc::default(),
            }
        };
        let mut named: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| r.languages.iter().map(String::as_str))
            .collect();
        named.sort_unstable();
        named.dedup();
        self.by_language = named
            .iter()
            .map(|&l| (language_key(l), applying(Some(l))))
            .collect();
        self.other_languages = applying(None);
    }

    /// The index of the kind a rule name (`kind.rule`) belongs to, or what
    /// is wrong with the name.
    fn kind_of_name(&self, name: &str, what: &str) -> Result<usize, String> {
        let (kind_name, short) = name
            .split_once('.')
            .ok_or_else(|| format!("{what} `{name}`: name must be `kind.rule`"))?;
        if short.is_empty() {
            return Err(format!("{what} `{name}`: empty rule name"));
        }
        self.kinds
            .iter()
            .position(|k| k.name == kind_name)
            .ok_or_else(|| {
                format!(
                    "{what} `{name}`: kind `{kind_name}` is not declared (add a [kind.{kind_name}] table)"
                )
            })
    }

    /// The class rules, in file order.
    pub fn class_rules(&self) -> &[ClassRule] {
        &self.class_rules
    }

    /// The class rule that names the chrome a block sits in, and the token
    /// that decided, judged by the block's nearest class and id tokens
    /// (`tokens` run from the root to the block's own element). The nearest
    /// token that names either a body (`body_words`) or a kind of chrome
    /// decides.
    ///
    /// ```
    /// let rules = pith::rules::RuleSet::builtin();
    /// let class = |tokens: &[&str]| {
    ///     let tokens: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
    ///     rules
    ///         .class_hit(&tokens)
    ///         .map(|(i, token)| format!("{} {token}", rules.class_rules()[i].name))
    /// };
    /// assert_eq!(class(&["page", "share-buttons"]).as_deref(), Some("share.class share-buttons"));
    /// assert_eq!(class(&["sidebar", "entry-content", "wp-block-group"]), None);
    /// assert_eq!(class(&["c-23x"]), None);
    /// assert_eq!(class(&["which-is-the-best-subscription-service"]), None, "a slug");
    /// ```
    pub fn class_hit<'t>(&self, tokens: &'t [String]) -> Option<(usize, &'t str)> {
        self.class_hit_with(tokens, |token| self.token_verdict(token))
    }

    /// [`RuleSet::class_hit`] with the per-token verdict supplied by the
    /// caller, so a caller can memoise [`RuleSet::token_verdict`] across the
    /// blocks of a page (siblings share most of their tokens).
    pub fn class_hit_with<'t>(
        &self,
        tokens: &'t [String],
        mut verdict: impl FnMut(&'t str) -> TokenVerdict,
    ) -> Option<(usize, &'t str)> {
        for token in tokens.iter().rev().take(NEAREST_TOKENS) {
            match verdict(token) {
                TokenVerdict::Body => return None,
                TokenVerdict::Chrome(rule) => return Some((rule, token)),
                TokenVerdict::Neutral => {}
            }
        }
        None
    }

    /// What one class or id token says: it names a body, a kind of chrome
    /// (the class rule's index), or nothing.
    pub fn token_verdict(&self, token: &str) -> TokenVerdict {
        if self.body_words.iter().any(|w| token.contains(w.as_str())) {
            return TokenVerdict::Body;
        }
        // A utility class with a variant or an arbitrary value
        // (`lg:[&_figcaption]:mt-xs`) styles the element's descendants or
        // one breakpoint; it does not name what the element is.
        if token.contains([':', '[']) {
            return TokenVerdict::Neutral;
        }
        // A slug (an anchor id made from a heading) names nothing.
        if token.split(['-', '_']).filter(|p| !p.is_empty()).count() > MAX_TOKEN_PARTS {
            return TokenVerdict::Neutral;
        }
        // A BEM element (`price-comparison__footer-text`) is a part of its
        // component: a card's footer is not the page's. Words of a kind that
        // closes the page count only in the component's own name.
        let (component, element) = token.split_once("__").unwrap_or((token, ""));
        let hit = self
            .part_hit(component, |_| true)
            .or_else(|| self.part_hit(element, |rule| !self.closes_page(rule)));
        if let Some(rule) = hit {
            return TokenVerdict::Chrome(rule);
        }
        // Prefixes may span a separator (`ad-slot`, `social-`), and some
        // words stand inside camel-case tokens (`imageCaption`).
        let whole = self.class_rules.iter().position(|rule| {
            rule.prefixes
                .iter()
                .any(|p| p.contains(['-', '_']) && token.starts_with(p.as_str()))
                || rule.contains.iter().any(|c| token.contains(c.as_str()))
        });
        whole.map_or(TokenVerdict::Neutral, TokenVerdict::Chrome)
    }

    /// The first class rule (the lowest index among equals) that one of the
    /// `-`/`_` parts of `name` names by a word or a prefix, among the rules
    /// `allowed` lets through.
    fn part_hit(&self, name: &str, allowed: impl Fn(usize) -> bool) -> Option<usize> {
        name.split(['-', '_'])
            .filter(|p| !p.is_empty())
            .find_map(|part| {
                let by_word = self.class_words.get(part).copied();
                let by_prefix = self
                    .class_prefixes
                    .iter()
                    .filter(|(prefix, _)| part.starts_with(prefix.as_str()))
                    .map(|&(_, rule)| rule)
                    .min();
                by_word
                    .into_iter()
                    .chain(by_prefix)
                    .filter(|&r| allowed(r))
                    .min()
            })
    }

    /// Whether class rule `rule` is of a kind that closes the page.
    fn closes_page(&self, rule: usize) -> bool {
        self.kinds[self.class_rules[rule].kind].closes_page
    }

    /// The declared kinds.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The kind of a rule.
    pub fn kind_of(&self, rule: &Rule) -> &Kind {
        &self.kinds[rule.kind]
    }

    /// The first rule (in file order) that matches `text`. `late` says
    /// whether the article has begun before this block (see [`Position::Tail`]).
    pub fn first_match(&self, text: &str, late: bool) -> Option<&Rule> {
        let place = Place {
            late,
            ..Place::default()
        };
        self.match_index(text, place).map(|i| &self.rules[i])
    }

    /// Like [`RuleSet::first_match`], but for a block at `place`, and gives
    /// the rule's index in [`RuleSet::rules`].
    pub fn match_index(&self, text: &str, place: Place) -> Option<usize> {
        let chars = text.chars().count();
        if chars > self.longest {
            return None;
        }
        let applying = self.applying(place.language);
        let prefilter = applying.prefilter.get_or_init(|| {
            Prefilter::new(
                applying
                    .rules
                    .iter()
                    .map(|&i| self.compiled[i].literals().as_ref()),
            )
        });
        let position = prefilter.first(text, |position| {
            let i = applying.rules[position];
            self.may_match(i, chars, place) && self.compiled[i].matches(text)
        })?;
        Some(applying.rules[position])
    }

    /// The rules that apply to a document in `language`.
    fn applying(&self, language: Option<&str>) -> &RuleList {
        language
            .map(language_key)
            .and_then(|l| self.by_language.iter().find(|(key, _)| *key == l))
            .map_or(&self.other_languages, |(_, rules)| rules)
    }

    /// Whether rule `i` may match a block of `chars` characters at `place`,
    /// before its regex is asked (the cheap checks).
    fn may_match(&self, i: usize, chars: usize, place: Place) -> bool {
        let rule = &self.rules[i];
        chars <= rule.max_chars
            && (rule.table_rows || !place.table_row)
            && (rule.headings || !place.heading)
            && match rule.position {
                Position::Any => true,
                Position::Tail => place.late,
            }
    }
}

/// The rules that apply to documents of one language (indices into
/// [`RuleSet::rules`], in file order), with their prefilter.
#[derive(Debug, Clone, Default)]
struct RuleList {
    rules: Box<[usize]>,
    /// Built when a document first needs the list: the literals of a
    /// language's rules are read only when a document in it comes. The
    /// clones of a rule set share it.
    prefilter: Arc<OnceLock<Prefilter>>,
}

/// One rule's patterns, compiled.
#[derive(Debug, Clone)]
struct Compiled {
    /// The pattern and the `requires` pattern.
    sources: Arc<Sources>,
    /// Both compiled, at load or on first use; the clones of a rule set
    /// share them.
    regexes: Arc<OnceLock<(Matcher, Option<Matcher>)>>,
    /// The literals a matching block must hold (see [`literals`]), read on
    /// first use and shared like `regexes`.
    literals: Arc<OnceLock<Option<literals::Needs>>>,
}

impl Compiled {
    /// The compiled patterns, compiling them on first use.
    fn regexes(&self) -> &(Matcher, Option<Matcher>) {
        self.regexes.get_or_init(|| {
            compile_pair(&self.sources)
                .unwrap_or_else(|(what, e)| panic!("a built-in rule has a bad {what}: {e}"))
        })
    }

    /// The literals one of which every matching block holds, from the
    /// pattern or else from the `requires` pattern (both must match).
    fn literals(&self) -> &Option<literals::Needs> {
        self.literals.get_or_init(|| {
            let sources = &*self.sources;
            let of = |pattern: &str| {
                precomputed::lookup(pattern, sources.case_insensitive).unwrap_or_else(|| {
                    literals::required_literals(pattern, sources.case_insensitive)
                })
            };
            of(&sources.pattern).or_else(|| sources.requires.as_deref().and_then(of))
        })
    }

    /// Whether the block's text matches the pattern and the `requires` pattern.
    fn matches(&self, text: &str) -> bool {
        let (regex, requires) = self.regexes();
        regex.is_match(text) && requires.as_ref().map_or(true, |r| r.is_match(text))
    }
}

/// A rule's pattern and `requires` pattern, word boundaries resolved (see
/// [`word_boundaries`]).
#[derive(Debug)]
struct Sources {
    pattern: String,
    requires: Option<String>,
    /// Whether both match without regard to case (the default).
    case_insensitive: bool,
}

/// A rule's pattern and `requires` pattern compiled, or which of them is bad
/// and why.
fn compile_pair(
    sources: &Sources,
) -> Result<(Matcher, Option<Matcher>), (&'static str, MatcherError)> {
    let build = |source: &str| Matcher::new(source, sources.case_insensitive);
    let regex = build(&sources.pattern).map_err(|e| ("pattern", e))?;
    let requires = sources
        .requires
        .as_deref()
        .map(build)
        .transpose()
        .map_err(|e| ("requires pattern", e))?;
    Ok((regex, requires))
}

/// A two-letter language code as one integer (finding a document's rules
/// compares integers, not strings).
fn language_key(code: &str) -> u16 {
    match code.as_bytes() {
        &[a, b] => u16::from_be_bytes([a, b]),
        // Codes are validated at load and whatlang names only two-letter
        // ones; anything else matches no rule's languages.
        _ => u16::MAX,
    }
}

/// Whether a pattern has a letter outside ASCII (`über`, `też`).
fn has_non_ascii_letter(pattern: &str) -> bool {
    pattern.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Option<String> {
        RuleSet::builtin()
            .first_match(text, true)
            .map(|r| r.name.clone())
    }

    #[test]
    fn legal_notices_close_the_page() {
        let rules = RuleSet::builtin();
        let closing: Vec<&str> = rules
            .kinds()
            .iter()
            .filter(|k| k.closes_page)
            .map(|k| k.name.as_str())
            .collect();
        assert_eq!(closing, ["legal"]);
    }

    #[test]
    fn a_section_title_is_not_a_copyright_notice() {
        let rules = RuleSet::builtin();
        let title = "Copyright Complexity in a Fragmented World";
        let name = |place: Place| {
            rules
                .match_index(title, place)
                .map(|i| rules.rules()[i].name.as_str())
        };
        assert_eq!(name(Place::default()), Some("legal.copyright"));
        let heading = Place {
            heading: true,
            ..Place::default()
        };
        assert_eq!(name(heading), None);
        let notice = rules.match_index("Copyright 2024 Example Media", heading);
        assert_eq!(notice, None, "a heading is never read as a notice");
    }

    #[test]
    fn a_components_footer_is_not_the_page_footer() {
        let rules = RuleSet::builtin();
        let class = |token: &str| match rules.token_verdict(token) {
            TokenVerdict::Chrome(i) => Some(rules.class_rules()[i].name.as_str()),
            _ => None,
        };
        assert_eq!(class("site-footer"), Some("legal.class"));
        assert_eq!(class("footer__links"), Some("legal.class"));
        assert_eq!(class("price-comparison__footer-text"), None);
        assert_eq!(class("card__footer"), None);
        // Other kinds still count in an element's name.
        assert_eq!(class("article__share-bar"), Some("share.class"));
        assert_eq!(class("story__author-bio"), Some("bio.class"));
    }

    #[test]
    fn builtin_rules_compile() {
        let rules = RuleSet::builtin();
        assert!(rules.rules().len() > 20);
        // Rules with `languages` compile on first use: compile them all now.
        for compiled in &rules.compiled {
            compiled.regexes();
        }
        for rule in rules.rules() {
            assert!(rules.kind_of(rule).name == rule.name.split('.').next().unwrap());
        }
    }

    #[test]
    fn seed_chrome_is_named() {
        let cases = [
            ("Sign up for The Week's Free Newsletters", "newsletter.sign_up"),
            ("From our morning news briefing to a weekly Good News Newsletter, get the best of The Week delivered directly to your inbox.", "newsletter.inbox"),
            ("READ MORE: Japan on ‘emergency’ alert as North Korea launches missile attack [REVEAL]", "teaser.read_more"),
            ("Russian occupiers deploy loudspeaker warning of ‘imminent’ danger [INSIGHT]", "teaser.bracket_tag"),
            ("Previous articleLargest nuclear sub in the world docks in Gibraltar", "teaser.prev_next"),
            ("Please enter your comment!", "comments.form"),
            ("Newest Most Voted", "comments.thread"),
            ("0 0 votes", "share.rating"),
            ("Share this news", "share.bar"),
            ("Vladimir Putin has been forced to seek help from Kim Jong-un after running low on weapons (AFP/Getty Images)", "caption.agency_credit"),
            ("Military weapons are running low (Anadolu Agency via Getty Images)", "caption.agency_credit"),
            ("Firefighters conduct work in Kyiv. Photo by Vladyslav Musiienko/UPI | License Photo", "caption.license_photo"),
            ("By Rafi Schwartz, The Week US Published", "byline.by"),
            ("By Joe Fisher", "byline.by"),
            ("By Tom Pyman for MailOnline", "byline.by"),
            ("Related Stories", "related.heading"),
            ("Like this topic? You may also like these photo galleries:", "teaser.also_like"),
            ("Our Picks", "related.heading"),
            ("Read This Next", "related.heading"),
            ("Up next", "related.heading"),
            ("Download the app", "promo.app"),
            ("Already a member? Sign in here", "promo.sign_in"),
            (
                "If you’re seeing this message but you’re already a subscriber, you can log in for free access to our stories.",
                "promo.already_subscriber",
            ),
            ("Advertisement", "ads.marker"),
            ("© 2025 Example Media. All rights reserved.", "legal.copyright"),
            (
                "This entry was posted on Wednesday, November 27th, 2019 at 3:21 pm and is filed under News. You can follow any responses to this entry through the RSS 2.0 feed.",
                "byline.post_meta",
            ),
            (
                "This entry was posted in News and tagged council. Bookmark the permalink.",
                "byline.post_meta",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(name(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn narrative_survives() {
        for text in [
            "He said: “It could be significant development because one of the challenges for Russia has been sustaining artillery fire.",
            "The company said more than 40,000 readers signed up for the newsletter in its first week.",
            "Read more about the plan in the council's published budget, which runs to 200 pages.",
            "Oil prices rose on Monday after the cartel agreed to extend cuts (Reuters)",
            "It did not.",
            "Share prices fell sharply.",
            "This entry was posted on the council's website by mistake, the clerk said.",
        ] {
            assert_eq!(name(text), None, "{text}");
        }
    }

    #[test]
    fn max_chars_limits_a_rule() {
        let long = format!("Subscribe to {} today", "x".repeat(300));
        assert_eq!(name(&long), None);
    }

    #[test]
    fn tail_rules_only_match_late() {
        let bio = "Justin Klawans has worked as a staff writer at The Week since 2022.";
        let rules = RuleSet::builtin();
        assert_eq!(rules.first_match(bio, true).unwrap().name, "bio.sentence");
        assert!(rules.first_match(bio, false).is_none());
    }

    #[test]
    fn bad_user_rules_are_refused_with_the_file_name() {
        let mut rules = RuleSet::builtin();
        let err = rules
            .extend_from_toml("[[rule]]\nname = \"share.bar\"\npattern = 'x'", "mine.toml")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine.toml: rule `share.bar` is defined twice"
        );
        let err = rules
            .extend_from_toml(
                "[kind.a]\n[[rule]]\nname = \"a.b\"\npattern = '('",
                "mine.toml",
            )
            .unwrap_err();
        assert!(err.message.contains("bad pattern"), "{err}");
        let err = rules
            .extend_from_toml(
                "[kind.a]\n[[rule]]\nname = \"a.b\"\npattern = 'x'\nrequires = '('",
                "mine.toml",
            )
            .unwrap_err();
        assert!(err.message.contains("bad requires pattern"), "{err}");
        // A built-in kind declared again would silently reset its flags.
        let err = rules
            .extend_from_toml("[kind.legal]\nabout = \"Mine\"", "mine.toml")
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("mine.toml: kind `legal` is already declared"),
            "{err}"
        );
        assert!(rules
            .kinds()
            .iter()
            .any(|k| k.name == "legal" && k.closes_page));
        // Rules may still be added to a built-in kind.
        rules
            .extend_from_toml(
                "[[rule]]\nname = \"legal.house\"\npattern = '^house terms$'",
                "mine.toml",
            )
            .expect("a rule of a built-in kind is accepted");
        // A user's rule with languages compiles at load too: its error names
        // the file, however rarely the language comes up.
        let err = rules
            .extend_from_toml(
                "[kind.a]\n[[rule]]\nname = \"a.b\"\npattern = '('\nlanguages = [\"pl\"]",
                "mine.toml",
            )
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("mine.toml: rule `a.b`: bad pattern"),
            "{err}"
        );
    }

    /// A rule set of the built-in kinds and one rule `kind.x` with `extra`
    /// lines (a pattern, languages) in its table.
    fn one_rule(extra: &str) -> Result<RuleSet, RulesError> {
        let mut rules = RuleSet::empty();
        rules.extend_from_toml(
            &format!("[kind.a]\n[[rule]]\nname = \"a.x\"\n{extra}\n"),
            "mine.toml",
        )?;
        Ok(rules)
    }

    fn in_language(rules: &RuleSet, text: &str, language: Option<&'static str>) -> bool {
        let place = Place {
            language,
            ..Place::default()
        };
        rules.match_index(text, place).is_some()
    }

    /// The rule that names `text` in a document in `language`, late in it.
    fn named_in(text: &str, language: Option<&'static str>) -> Option<String> {
        let rules = RuleSet::builtin();
        let place = Place {
            late: true,
            language,
            ..Place::default()
        };
        rules
            .match_index(text, place)
            .map(|i| rules.rules()[i].name.clone())
    }

    /// `line` is named by a rule in a document in `language`, and by none
    /// in documents in each of `others` or of unknown language.
    fn assert_named_only_in(line: &str, language: &'static str, others: &[&'static str]) {
        assert!(named_in(line, Some(language)).is_some(), "{line}");
        for &other in others {
            assert_eq!(named_in(line, Some(other)), None, "{line} in {other}");
        }
        assert_eq!(named_in(line, None), None, "{line}");
    }

    /// Each chrome line is named by its rule, each sentence by none, in a
    /// document in `language`.
    fn check_language(language: &'static str, chrome: &[(&str, &str)], prose: &[&str]) {
        for (text, rule) in chrome {
            assert_eq!(
                named_in(text, Some(language)).as_deref(),
                Some(*rule),
                "{language}: {text}"
            );
        }
        for text in prose {
            assert_eq!(named_in(text, Some(language)), None, "{language}: {text}");
        }
    }

    #[test]
    fn a_paywall_meter_is_named_in_each_european_language_and_a_sentence_on_free_articles_is_not() {
        let meters = [
            ("de", "Noch 10 Gratis-Artikel diesen Monat."),
            ("de", "Sie haben noch 3 kostenlose Artikel"),
            ("fr", "Il vous reste 2 articles gratuits ce mois-ci"),
            ("es", "Te quedan 3 artículos gratis este mes"),
            ("it", "Ti rimangono 4 articoli gratuiti"),
            ("pt", "Você tem 5 matérias grátis neste mês"),
            ("nl", "Nog 2 gratis artikelen deze maand"),
            ("pl", "Zostało ci 3 darmowe artykuły"),
        ];
        for (language, text) in meters {
            check_language(language, &[(text, "promo.meter")], &[]);
        }
        assert_eq!(
            named_in("3 free articles left this month", None).as_deref(),
            Some("promo.paywall")
        );
        check_language(
            "de",
            &[],
            &["Die Zeitung bietet ihren Lesern seit Mai 10 kostenlose Artikel im Monat an."],
        );
        check_language(
            "fr",
            &[],
            &["Le site propose désormais deux articles gratuits par mois à ses lecteurs."],
        );
    }

    #[test]
    fn german_chrome_is_named_and_german_prose_is_not() {
        check_language(
            "de",
            &[
                ("Newsletter abonnieren", "newsletter.de"),
                ("Kostenlos zum Newsletter anmelden und Jahresabo sichern", "newsletter.de"),
                ("Melden Sie sich jetzt für unseren Newsletter an!", "newsletter.de"),
                ("Gib Deine E-Mail-Adresse an, um diesen Blog zu abonnieren und Benachrichtigungen über neue Beiträge via E-Mail zu erhalten.", "newsletter.de"),
                ("Lesen Sie auch: Der Haushalt wächst", "teaser.de"),
                ("Mehr zum Thema: Bahn streicht Verbindungen", "teaser.de"),
                ("Weiterlesen »", "teaser.de"),
                (
                    "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde unter Allgemein, Tastings & Events abgelegt. Du kannst die Kommentare zu diesen Eintrag durch den RSS 2.0 Feed verfolgen.",
                    "byline.post_meta_eu",
                ),
                (
                    "Dieser Eintrag wurde veröffentlicht in Allgemein und verschlagwortet mit Rad. Setze ein Lesezeichen auf den Permalink.",
                    "byline.post_meta_eu",
                ),
                ("Vorheriger Beitrag Neue Radwege für die Innenstadt", "teaser.de"),
                ("Mehr zum Thema", "related.de"),
                ("Das könnte Sie auch interessieren", "related.de"),
                ("Ähnliche Beiträge", "related.de"),
                ("Schlagwörter: Bahn, Verkehr, Berlin", "related.de"),
                ("71 Kommentare", "comments.de"),
                ("Schreibe einen Kommentar Antworten abbrechen", "comments.de"),
                ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.", "comments.de"),
                ("Teilen", "share.de"),
                ("Diesen Artikel teilen", "share.de"),
                ("Rezept drucken", "share.de"),
                ("Folgen Sie uns auf Facebook und Twitter", "share.de"),
                ("Jetzt die App herunterladen", "promo.de"),
                ("Passwort vergessen?", "promo.de"),
                ("Von Anna Müller", "byline.de"),
                ("Von Anna Müller und Max Mustermann, Berlin", "byline.de"),
                ("Veröffentlicht am 12. März 2024, 10:42 Uhr", "byline.de"),
                ("Donnerstag, 31. Mai 2012", "byline.de"),
                ("(mit Material von dpa und AFP)", "byline.de"),
                ("Über den Autor", "bio.de"),
                ("Anzeige", "ads.de"),
                ("- Werbung -", "ads.de"),
                ("Zum Inhalt springen", "nav.de"),
                ("Datenschutzerklärung", "legal.de"),
                ("Alle Rechte vorbehalten.", "legal.de"),
                ("Wir verwenden Cookies, um unsere Website für Sie zu verbessern.", "legal.de"),
                ("Das Wichtigste aus der Region – jede Woche kostenlos in Ihrem Postfach.", "newsletter.de_inbox"),
                ("Die wichtigsten Nachrichten, jeden Morgen kostenlos per E-Mail.", "newsletter.de_inbox"),
                ("Mit Ihrer Anmeldung stimmen Sie unseren Datenschutzbestimmungen zu.", "newsletter.de"),
            ],
            &[
                "Die Zeitung startet einen neuen Newsletter, den Leser ab Montag abonnieren können.",
                "Der Beitrag wurde am 1. Januar auf 12 Euro im Monat erhöht, teilte der Verein mit.",
                "Den Newsletter abonnieren inzwischen mehr als 40.000 Leser.",
                "Lesen Sie auch die Kommentare der Leser, sagte der Chefredakteur.",
                "Mehr zum Thema wollte der Sprecher nicht sagen.",
                "Die Kommentare des Ministers sorgten für Aufregung.",
                "Teilen ist für viele Familien selbstverständlich geworden.",
                "Von Berlin aus fuhr er weiter nach Hamburg.",
                "Von Angela Merkel stammt der Satz, der bis heute zitiert wird.",
                "Stand 2019 lebten drei Millionen Menschen in der Stadt.",
                "Die Stadt hat sich alle Rechte vorbehalten, sagte der Sprecher.",
                "Anzeige gegen den Bürgermeister erstattet, berichtete die Polizei.",
                "Datenschutz ist für die Behörde ein wichtiges Thema.",
                "Video-Tutorials helfen vielen Schülern beim Lernen",
                "Folgen Sie uns auf dem Weg durch die Altstadt.",
                "In Zusammenarbeit mit der Universität entstand ein neues Labor.",
                "Weitere Artikel von ihm erschienen im Sommer.",
                "Ich stimme dem Minister zu, dass der Datenschutz wichtig ist.",
                "Er hat in seinem Leben am meisten gelesen.",
                "Der Newsletter kommt an jedem Werktag um sechs Uhr ins Postfach.",
                "Die Polizei bittet um Hinweise per E-Mail.",
                "Mit der Anmeldung der Kinder beginnt für viele Eltern ein neuer Abschnitt.",
            ],
        );
    }

    #[test]
    fn tags_comment_headers_and_agency_credits_of_text_dumps_are_named() {
        for (text, rule) in [
            (
                "Filed under bill clinton, warner bros.",
                "related.filed_under",
            ),
            (
                "Filed Under: Games, The Legend Of Zelda: Breath Of The Wild, Nintendo Switch",
                "related.tags",
            ),
            ("Tags: climate, energy, Berlin", "related.tags"),
            ("Comment by Daniel — 17.07, 2011 @ 13:10", "comments.by"),
            (
                "Microsoft plans to cut its emissions by half by 2030. Mike Blake/Reuters files",
                "caption.name_agency",
            ),
            (
                "Steve Ballmer on stage in Las Vegas. Steven Lam/Getty Images",
                "caption.name_agency",
            ),
        ] {
            assert_eq!(named_in(text, None).as_deref(), Some(rule), "{text}");
        }
        for prose in [
            "Topics covered at the summit included energy prices and the grid.",
            "Tagged as a suspect by the police, he left the country in May.",
            "Filed under the Freedom of Information Act, the request was refused.",
            "Comment by the minister was not available on Tuesday, his office said.",
            "The agency's figures were confirmed by Reuters.",
            "Shares fell 3% on the news, according to AP/Ipsos polling data released on Monday.",
        ] {
            assert_eq!(named_in(prose, None), None, "{prose}");
        }
    }

    #[test]
    fn the_publishers_appeal_after_the_story_is_named_in_each_language() {
        let appeals: &[(&str, Option<&'static str>, &str)] = &[
            (
                "We want to hear what you think about this article. Submit a letter to the editor.",
                None,
                "promo.appeal",
            ),
            ("Like it? Share it!", None, "promo.appeal"),
            (
                "We would love to hear from you: write to letters@example.com.",
                None,
                "promo.appeal",
            ),
            (
                "Join our WhatsApp channel for the day's headlines.",
                None,
                "promo.appeal",
            ),
            (
                "Artikel gefallen? Vergiss nicht zu teilen!",
                Some("de"),
                "promo.de_appeal",
            ),
            (
                "Jede kleine Spende hilft den Menschen vor Ort!",
                Some("de"),
                "promo.de_appeal",
            ),
            (
                "Unterstütze RosaMag bereits mit 2,50!",
                Some("de"),
                "promo.de_appeal",
            ),
            (
                "Folgen Sie unserem WhatsApp-Kanal, um nichts zu verpassen.",
                Some("de"),
                "promo.de_appeal",
            ),
            (
                "Si vous souhaitez réagir à cet article, écrivez à la rédaction.",
                Some("fr"),
                "promo.fr_appeal",
            ),
            (
                "Puede escribirnos a redaccion@example.com o seguirnos en redes.",
                Some("es"),
                "promo.es_appeal",
            ),
            (
                "¡Mira lo que tiene nuestro canal de YouTube!",
                Some("es"),
                "promo.es_appeal",
            ),
            (
                "Scrivici a redazione@example.it per segnalazioni.",
                Some("it"),
                "promo.it_appeal",
            ),
            (
                "Gostou deste artigo? Compartilhe com os amigos.",
                Some("pt"),
                "promo.pt_appeal",
            ),
            (
                "Elke kleine bijdrage helpt ons onafhankelijk te blijven.",
                Some("nl"),
                "promo.nl_appeal",
            ),
            (
                "Napisz do nas: redakcja@example.pl",
                Some("pl"),
                "promo.pl_appeal",
            ),
            (
                "¿Ya sabías que en Ejemplo.com tenemos canal de Telegram? Únete aquí.",
                Some("es"),
                "promo.es_appeal",
            ),
            ("Sie lesen gern Beispiel.de?", Some("de"), "promo.de_appeal"),
            (
                "Besuchen Sie unseren Fan-Shop!",
                Some("de"),
                "promo.de_appeal",
            ),
            (
                "If you're seeing this message but you're already a subscriber, log in.",
                None,
                "promo.already_subscriber",
            ),
            (
                "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
                None,
                "newsletter.recaptcha",
            ),
            (
                "Advertising Disclosure: we may receive compensation for some links.",
                None,
                "ads.disclosure",
            ),
            (
                "Verraten Sie gerne in den Kommentaren:",
                Some("de"),
                "comments.de",
            ),
        ];
        for &(text, language, rule) in appeals {
            assert_eq!(named_in(text, language).as_deref(), Some(rule), "{text}");
        }
        // Only after the article has begun: the same line at the top of a
        // page is left to the body region.
        let rules = RuleSet::builtin();
        let early = Place {
            language: Some("de"),
            ..Place::default()
        };
        assert_eq!(
            rules.match_index("Jede kleine Spende hilft den Menschen vor Ort!", early),
            None
        );
        // But a letters page's standing prompt is one at its head too.
        let letters = rules.match_index(
            "Submit your letter to the editor via this form.",
            Place::default(),
        );
        assert_eq!(
            letters.map(|i| rules.rules()[i].name.as_str()),
            Some("promo.letters")
        );
        // Sentences about letters, donations and channels are not appeals.
        let prose: &[(&str, Option<&'static str>)] = &[
            ("Readers sent hundreds of letters to the editor after the vote, the paper said.", None),
            ("The station launched a YouTube channel last year and now has a million viewers.", None),
            ("Die Leser schrieben der Redaktion hunderte Briefe, nachdem der Artikel erschienen war.", Some("de")),
            ("Jede Spende wird von der Stiftung geprüft, sagte die Sprecherin.", Some("de")),
            ("El canal de YouTube del ministerio publicó el vídeo el lunes.", Some("es")),
            ("La cadena lanzó un nuevo canal de YouTube para los jóvenes.", Some("es")),
            ("Le don du mécène a permis de restaurer la chapelle.", Some("fr")),
            ("Google bought reCAPTCHA in 2009 to digitise books.", None),
            ("The advertising disclosure rules take effect in May, the regulator said.", None),
            ("Sie lesen gern Krimis? Dann ist dieses Buch etwas für Sie.", Some("de")),
            ("Die Leser schreiben in den Kommentaren, was sie denken.", Some("de")),
        ];
        for &(text, language) in prose {
            assert_eq!(named_in(text, language), None, "{text}");
        }
    }

    #[test]
    fn a_german_bio_after_the_article_is_named_but_not_a_reporters_quote() {
        let rules = RuleSet::builtin();
        let name = |text: &str, late: bool| {
            let place = Place {
                late,
                language: Some("de"),
                ..Place::default()
            };
            rules
                .match_index(text, place)
                .map(|i| rules.rules()[i].name.clone())
        };
        let bio =
            "Katrin Albers ist Redakteurin bei Medienmonitor und schreibt über Lokaljournalismus.";
        assert_eq!(name(bio, true).as_deref(), Some("bio.de_sentence"));
        assert_eq!(name(bio, false), None, "a bio only follows the article");
        assert_eq!(
            name(
                "Die Stadt ist für Reporter aus aller Welt ein beliebtes Ziel.",
                true
            ),
            None
        );
    }

    #[test]
    fn french_chrome_is_named_and_french_prose_is_not() {
        check_language(
            "fr",
            &[
                ("Inscrivez-vous gratuitement à notre lettre d'information", "newsletter.fr"),
                ("Votre adresse e-mail *", "newsletter.fr"),
                ("Lire aussi : Le budget de la ville en hausse", "teaser.fr"),
                ("À lire aussi » Que manger le soir ?", "teaser.fr"),
                ("Article suivant Les rapatriés rentrent enfin chez eux", "teaser.fr"),
                ("Articles similaires", "related.fr"),
                ("Vous aimerez aussi", "related.fr"),
                ("12 commentaires", "comments.fr"),
                ("Laisser un commentaire Annuler la réponse", "comments.fr"),
                ("Votre adresse e-mail ne sera pas publiée.", "comments.fr"),
                ("Partager sur Facebook", "share.fr"),
                ("Déjà abonné ?", "promo.fr"),
                ("Par Jean Dupont", "byline.fr"),
                ("Par Marie-Claire Delaire, le mercredi 15 mai 2019 à 15h24", "byline.fr"),
                ("Publié le 12 mars 2024 à 10h42", "byline.fr"),
                ("Par Élodie Garnier (avec AFP) Publié le 15/03/2025 à 18h05", "byline.fr"),
                ("À propos de l'auteur", "bio.fr"),
                ("Publicité", "ads.fr"),
                ("Aller au contenu principal", "nav.fr"),
                ("Mentions légales", "legal.fr"),
                ("Tous droits réservés", "legal.fr"),
            ],
            &[
                "Le journal lance une nouvelle newsletter à laquelle les lecteurs pourront s'abonner dès lundi.",
                "Lire aussi les commentaires des lecteurs, a conseillé le rédacteur en chef.",
                "Les commentaires du ministre ont provoqué la colère des syndicats.",
                "Partager les frais de garde reste difficile pour de nombreuses familles.",
                "Par ailleurs, le conseil municipal a voté la fermeture de la bibliothèque.",
                "La publicité occupe une place croissante dans les transports publics.",
            ],
        );
    }

    #[test]
    fn spanish_chrome_is_named_and_spanish_prose_is_not() {
        check_language(
            "es",
            &[
                ("Suscríbete", "newsletter.es"),
                ("Suscríbete a nuestro boletín", "newsletter.es"),
                (
                    "Lee también: El Gobierno aprueba los presupuestos",
                    "teaser.es",
                ),
                (
                    "VEA TAMBIÉN: Estrella de la educación no brilla para estudiantes",
                    "teaser.es",
                ),
                ("Noticias relacionadas", "related.es"),
                ("Te puede interesar", "related.es"),
                ("Deja un comentario Cancelar respuesta", "comments.es"),
                (
                    "Tu dirección de correo electrónico no será publicada.",
                    "comments.es",
                ),
                ("Compartir en Facebook", "share.es"),
                ("Iniciar sesión", "promo.es"),
                ("Por María López", "byline.es"),
                ("Publicado el 12 de marzo de 2024", "byline.es"),
                ("miércoles, 11 de mayo de 2022 - 3:40 a.m.", "byline.es"),
                ("Publicidad", "ads.es"),
                ("Aviso legal", "legal.es"),
                ("2022 - Todos los derechos reservados.", "legal.es"),
            ],
            &[
                "Suscribirse a un boletín es fácil, explicó la portavoz del ministerio.",
                "Los comentarios del ministro provocaron la protesta de los sindicatos.",
                "Compartir piso es cada vez más habitual entre los jóvenes de la capital.",
                "Por Navidad, miles de familias viajan a sus pueblos de origen.",
                "La publicidad institucional creció un diez por ciento el año pasado.",
            ],
        );
    }

    #[test]
    fn italian_chrome_is_named_and_italian_prose_is_not() {
        check_language(
            "it",
            &[
                ("Iscriviti gratis alla nostra newsletter", "newsletter.it"),
                ("Iscriviti", "newsletter.it"),
                ("Leggi anche: La grande sete del Po", "teaser.it"),
                ("Articoli correlati", "related.it"),
                ("Lascia un commento Annulla risposta", "comments.it"),
                ("Condividi su Facebook", "share.it"),
                ("Di Mario Rossi", "byline.it"),
                (
                    "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02",
                    "byline.it",
                ),
                ("Pubblicità", "ads.it"),
                ("Tutti i diritti riservati", "legal.it"),
            ],
            &[
                "Di Maio ha detto che il governo non cadrà prima dell'estate.",
                "Leggi anche la nota del ministero, ha suggerito il sindaco ai cittadini.",
                "I commenti del ministro hanno suscitato polemiche in Parlamento.",
                "Condividi le spese con i vicini, consigliano le associazioni dei consumatori.",
            ],
        );
    }

    #[test]
    fn portuguese_chrome_is_named_and_portuguese_prose_is_not() {
        check_language(
            "pt",
            &[
                ("Assine já a nossa newsletter", "newsletter.pt"),
                ("Leia também: Governo anuncia novo pacote", "teaser.pt"),
                ("Veja Também:", "teaser.pt"),
                ("Notícias relacionadas", "related.pt"),
                ("Deixe um comentário", "comments.pt"),
                ("Compartilhe", "share.pt"),
                ("Por Rodolfo Costa", "byline.pt"),
                ("Publicado em 12 de março de 2024, 10h42", "byline.pt"),
                ("Continua depois da publicidade", "ads.pt"),
                ("Todos os direitos reservados", "legal.pt"),
            ],
            &[
                "Assine aqui, pediu o presidente ao entregar o documento aos deputados.",
                "Os comentários do ministro irritaram a oposição no Congresso.",
                "Por enquanto, o governo não pretende alterar a proposta.",
            ],
        );
    }

    #[test]
    fn dutch_chrome_is_named_and_dutch_prose_is_not() {
        check_language(
            "nl",
            &[
                ("Schrijf je in voor onze nieuwsbrief", "newsletter.nl"),
                ("Lees ook: Kabinet presenteert nieuwe plannen", "teaser.nl"),
                ("Gerelateerde artikelen", "related.nl"),
                ("12 reacties", "comments.nl"),
                ("Plaats een reactie", "comments.nl"),
                ("Delen", "share.nl"),
                ("Door Jan de Vries", "byline.nl"),
                ("Gepubliceerd op 12 maart 2024 om 10:42", "byline.nl"),
                ("Advertentie", "ads.nl"),
                ("Alle rechten voorbehouden", "legal.nl"),
            ],
            &[
                "Lees ook de brief van de minister, zei de burgemeester tegen de raad.",
                "De reacties op het voorstel waren overwegend negatief.",
                "Delen is voor veel gezinnen een noodzaak geworden.",
                "Door de storm vielen in het hele land bomen om.",
            ],
        );
    }

    #[test]
    fn polish_chrome_is_named_and_polish_prose_is_not() {
        check_language(
            "pl",
            &[
                ("Zapisz się do newslettera", "newsletter.pl"),
                ("Zapisz się!", "newsletter.pl"),
                ("Czytaj także: Sejm uchwalił budżet", "teaser.pl"),
                ("CZYTAJ TEŻ Sejm uchwalił budżet", "teaser.pl"),
                ("Zobacz także", "teaser.pl"),
                ("Powiązane artykuły", "related.pl"),
                ("Komentarze (9)", "comments.pl"),
                ("Dodaj komentarz", "comments.pl"),
                ("Udostępnij na FB (1)", "share.pl"),
                ("Zaloguj się", "promo.pl"),
                ("wtorek, 11 maja 2021, 23:13", "byline.pl"),
                ("Reklama", "ads.pl"),
                ("Wszelkie prawa zastrzeżone", "legal.pl"),
                ("Polityka prywatności", "legal.pl"),
            ],
            &[
                "Czytaj więcej książek, radzą nauczyciele uczniom przed wakacjami.",
                "Komentarze polityków po głosowaniu były bardzo ostre.",
                "Reklama telewizyjna traci widzów na rzecz internetu.",
                "Zapisz się na kurs, namawiała dyrektorka szkoły w rozmowie z rodzicami.",
            ],
        );
    }

    #[test]
    fn russian_chrome_is_named_and_russian_prose_is_not() {
        check_language(
            "ru",
            &[
                ("Подпишитесь на нашу рассылку", "newsletter.ru"),
                ("Подписывайтесь на «Озёрский вестник» в Telegram, чтобы первыми узнавать главные новости города.", "newsletter.ru"),
                ("Читайте также: Ремонт моста на улице Заводской затянется до осени", "teaser.ru"),
                ("Следующая новость", "teaser.ru"),
                ("Новости по теме", "related.ru"),
                ("Похожие материалы", "related.ru"),
                ("Теги: транспорт, трамвай, Сосновый", "related.ru"),
                ("Комментарии (18)", "comments.ru"),
                ("Оставить комментарий", "comments.ru"),
                ("Чтобы оставить комментарий, войдите или зарегистрируйтесь.", "comments.ru"),
                ("Поделиться:", "share.ru"),
                ("Поделиться ВКонтакте Одноклассники", "share.ru"),
                ("Скопировать ссылку", "share.ru"),
                ("Первый трамвай на конечной остановке «Сосновый». Фото: Дмитрий Лапин / «Озёрский вестник»", "caption.ru"),
                ("Фото: пресс-служба мэрии", "caption.ru"),
                ("Нашли ошибку? Выделите текст и нажмите Ctrl+Enter", "promo.ru"),
                ("18+", "promo.ru"),
                ("Автор: Анна Белоусова", "byline.ru"),
                ("15 марта 2025, 12:40", "byline.ru"),
                ("Обновлено: 15 марта 2025, 17:05", "byline.ru"),
                ("Просмотров: 3214", "byline.ru"),
                ("Об авторе", "bio.ru"),
                ("Реклама", "ads.ru"),
                ("Реклама. ООО «Ромашка». ИНН 7700000000. erid: 2VtzqwA", "ads.ru"),
                ("Перейти к содержанию", "nav.ru"),
                ("Политика конфиденциальности", "legal.ru"),
                ("Все права защищены.", "legal.ru"),
                ("Мы используем файлы cookie, чтобы сайт работал лучше.", "legal.ru"),
            ],
            &[
                "Подписывайтесь на нас, призывал мэр жителей города на встрече в субботу.",
                "Читайте также отчёт комиссии, советует депутат.",
                "Новости по теме транспорта обсуждали весь вечер.",
                "Комментарии экспертов разошлись: одни хвалят проект, другие критикуют.",
                "Поделиться впечатлениями от поездки пассажиры смогут на сайте мэрии.",
                "Фото с места событий опубликовал в своём телеграм-канале губернатор.",
                "Автор проекта, архитектор Иван Петров, рассказал о планах.",
                "15 марта 2025 года в городе открылась новая линия.",
                "Реклама на остановках приносит городу 12 миллионов рублей в год.",
                "Жители пожаловались, что все права на землю оформлены неправильно.",
            ],
        );
    }

    #[test]
    fn ukrainian_chrome_is_named_and_ukrainian_prose_is_not() {
        check_language(
            "uk",
            &[
                ("Підписуйтесь на наш канал в Telegram", "newsletter.uk"),
                (
                    "Читайте також: Ремонт мосту затягнеться до осені",
                    "teaser.uk",
                ),
                ("Новини за темою", "related.uk"),
                ("Коментарі (3)", "comments.uk"),
                ("Поділитися", "share.uk"),
                ("Фото: Олена Коваль / УНІАН", "caption.uk"),
                ("Автор: Олена Коваль", "byline.uk"),
                ("12 березня 2025, 10:42", "byline.uk"),
                ("Реклама", "ads.uk"),
                ("Усі права захищені.", "legal.uk"),
            ],
            &[
                "Читайте також уважно інструкцію, радить лікар.",
                "Коментарі посадовців розійшлися з офіційною позицією.",
                "Фото з місця події оприлюднила поліція.",
                "Реклама на телебаченні дорожчає щороку.",
            ],
        );
    }

    #[test]
    fn arabic_chrome_is_named_and_arabic_prose_is_not() {
        check_language(
            "ar",
            &[
                ("اشترك في النشرة البريدية لتصلك أهم الأخبار", "newsletter.ar"),
                ("اقرأ أيضا: تقرير رسمي عن منسوب المياه الجوفية", "teaser.ar"),
                ("اقرأ أيضاً", "teaser.ar"),
                ("أخبار ذات صلة", "related.ar"),
                ("الأكثر قراءة", "related.ar"),
                ("التعليقات", "comments.ar"),
                ("أضف تعليقك", "comments.ar"),
                ("شارك فيسبوك إكس واتساب نسخ الرابط", "share.ar"),
                ("جانب من حقل الألواح الشمسية. (الصورة: أ ف ب)", "caption.ar"),
                (
                    "كتب: خالد المنصوري الثلاثاء 18 مارس 2025 - 11:45",
                    "byline.ar",
                ),
                ("آخر تحديث: الثلاثاء 18 مارس 2025 - 14:20", "byline.ar"),
                ("منذ 5 أيام", "byline.ar"),
                ("إعلان", "ads.ar"),
                ("سياسة الخصوصية", "legal.ar"),
                ("جميع الحقوق محفوظة لصحيفة الساحل اليوم", "legal.ar"),
            ],
            &[
                "اقرأ أيضا تقرير اللجنة قبل التصويت، قال النائب للصحفيين.",
                "كتب الرئيس رسالة إلى البرلمان يطالب فيها بتمويل المحطة.",
                "التعليقات التي أدلى بها الوزير أثارت جدلا واسعا في البرلمان.",
                "وقالت الصورة التي نشرتها البلدية إن المحطة جاهزة.",
                "إعلان الحكومة عن المشروع جاء بعد سنوات من الانتظار.",
                "يحظر نقل الأسلحة عبر الحدود منذ عام 2020.",
            ],
        );
    }

    #[test]
    fn persian_chrome_is_named_and_persian_prose_is_not() {
        check_language(
            "fa",
            &[
                ("عضویت در خبرنامه", "newsletter.fa"),
                ("بیشتر بخوانید: افتتاح نیروگاه خورشیدی در یزد", "teaser.fa"),
                ("مطالب مرتبط", "related.fa"),
                ("نظرات", "comments.fa"),
                ("اشتراک گذاری", "share.fa"),
                ("عکس: ایرنا", "caption.fa"),
                ("کد خبر: 123456", "byline.fa"),
                ("تبلیغات", "ads.fa"),
                ("کلیه حقوق مادی و معنوی این سایت محفوظ است.", "legal.fa"),
            ],
            &[
                "بیشتر بخوانید و کمتر حرف بزنید، این توصیه معلم به دانش‌آموزان بود.",
                "نظرات کارشناسان درباره این طرح بسیار متفاوت است.",
                "تبلیغات انتخاباتی از هفته آینده آغاز می‌شود.",
                "در سال 1402 تمامی حقوق معوقه کارگران پرداخت شد.",
            ],
        );
    }

    #[test]
    fn turkish_chrome_is_named_and_turkish_prose_is_not() {
        check_language(
            "tr",
            &[
                ("Bültenimize abone olun", "newsletter.tr"),
                ("Ayrıca okuyun: Köprü trafiğe kapatıldı", "teaser.tr"),
                ("İlginizi çekebilir", "related.tr"),
                ("İlgili haberler", "related.tr"),
                ("Yorumlar (12)", "comments.tr"),
                ("Paylaş", "share.tr"),
                ("Fotoğraf: Anadolu Ajansı", "caption.tr"),
                ("Muhabir: Ayşe Yılmaz", "byline.tr"),
                ("3 saat önce", "byline.tr"),
                ("Reklam", "ads.tr"),
                ("Tüm hakları saklıdır.", "legal.tr"),
            ],
            &[
                "Ayrıca okuyun diyen öğretmen öğrencilere kitap dağıttı.",
                "Yorumlar sosyal medyada hızla yayıldı, bakanlık açıklama yaptı.",
                "Reklam sektörü geçen yıl yüzde 20 büyüdü.",
                "Paylaşım ekonomisi belediyenin gündeminde.",
            ],
        );
    }

    #[test]
    fn chinese_chrome_is_named_and_chinese_prose_is_not() {
        check_language(
            "zh",
            &[
                ("订阅临江日报电子版，每天早上7点推送当日要闻", "newsletter.zh"),
                ("訂閱嘉平日報電子報", "newsletter.zh"),
                ("相关阅读：临江市图书馆新馆预计明年开工建设", "teaser.zh"),
                ("相關閱讀：嘉平市明年起禁用塑膠吸管", "teaser.zh"),
                ("相关新闻", "related.zh"),
                ("延伸閱讀", "related.zh"),
                ("熱門新聞", "related.zh"),
                ("网友评论", "comments.zh"),
                ("请登录后发表评论", "comments.zh"),
                ("留言", "comments.zh"),
                ("分享到：微信 微博 QQ空间", "share.zh"),
                ("分享 Facebook LINE 複製連結 字級 小 中 大", "share.zh"),
                ("扫码关注临江新闻网微信公众号，第一时间获取本地新闻", "share.zh"),
                ("家住滨江街道的市民在自助图书馆内借书。图片来源：临江日报记者刘晓雯摄", "caption.zh"),
                ("南門夜市設置的餐具回收站。（圖／記者林怡君攝）", "caption.zh"),
                ("您当前的位置：首页>本地新闻>民生", "promo.zh"),
                ("记者 刘晓雯 通讯员 周浩", "byline.zh"),
                ("記者林怡君／嘉平報導 2025/04/12 14:36 瀏覽數 2,418", "byline.zh"),
                ("（责任编辑：张敏）", "byline.zh"),
                ("責任編輯：陳冠宇", "byline.zh"),
                ("2025-03-18 16:25:31 来源：临江日报", "byline.zh"),
                ("作者简介", "bio.zh"),
                ("广告", "ads.zh"),
                ("廣告", "ads.zh"),
                ("返回顶部", "nav.zh"),
                ("【版权声明】凡本网注明“来源：临江日报”的所有作品，版权均属于临江日报社，未经授权不得转载、摘编或利用其它方式使用。", "legal.zh"),
                ("本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。", "legal.zh"),
                ("隱私權政策", "legal.zh"),
                ("京ICP备12345678号", "legal.zh"),
            ],
            &[
                "订阅临江日报电子版的读者已超过十万人。",
                "记者刘晓雯在现场看到，市民排队借书。",
                "記者會上，市長宣布夜市將擴大實施。",
                "广告牌被大风吹倒，砸中了路边的汽车。",
                "评论家认为这部小说是作者最好的作品。",
                "分享经济在这座城市发展很快，共享单车随处可见。",
                "相关新闻报道引起了市民的广泛关注。",
                "摄影师在夜市拍下了这张照片，图片在网上广泛传播。",
                "工信部要求所有网站办理ICP备案。",
            ],
        );
    }

    #[test]
    fn japanese_chrome_is_named_and_japanese_prose_is_not() {
        check_language(
            "ja",
            &[
                ("ニュースレター登録", "newsletter.ja"),
                ("山辺タイムズ メールマガジン", "newsletter.ja"),
                ("登録する（無料）", "newsletter.ja"),
                ("関連記事：汐見島の診療所、医師1人体制に", "teaser.ja"),
                ("あわせて読みたい", "teaser.ja"),
                ("関連記事", "related.ja"),
                ("アクセスランキング", "related.ja"),
                ("コメント（3件）", "comments.ja"),
                ("コメントを投稿するにはログインが必要です。", "comments.ja"),
                ("シェア", "share.ja"),
                ("X（旧Twitter）", "share.ja"),
                ("この記事をシェアする", "share.ja"),
                (
                    "就航した新しいフェリー「しおかぜ」（20日、青浜港で）写真：森田彩香",
                    "caption.ja",
                ),
                (
                    "多目的スペースとして残された旧北谷小の体育館 写真：山辺町提供",
                    "caption.ja",
                ),
                ("ログイン", "promo.ja"),
                ("森田彩香記者", "byline.ja"),
                ("2025年4月15日 20時05分 高橋健太 記者", "byline.ja"),
                ("（共同）", "byline.ja"),
                ("広告", "ads.ja"),
                ("PR", "ads.ja"),
                ("メインコンテンツへスキップ", "nav.ja"),
                ("利用規約", "legal.ja"),
                ("記事・写真の無断転載を禁じます。", "legal.ja"),
                ("無断転載禁止", "legal.ja"),
            ],
            &[
                "森田彩香記者が島の診療所を取材した。",
                "記者会見で町長は移住者の増加を強調した。",
                "広告代理店の社員5人が町内へ移住した。",
                "コメントを求められた町長は「前向きに検討する」と答えた。",
                "写真を撮る観光客が増えている。",
                "同社は記事の無断転載を禁止する方針を示した。",
                "関連記事を読んだ住民から問い合わせが相次いだ。",
            ],
        );
    }

    #[test]
    fn korean_chrome_is_named_and_korean_prose_is_not() {
        check_language(
            "ko",
            &[
                ("해오름일보 뉴스레터", "newsletter.ko"),
                (
                    "매일 아침 지역의 주요 소식을 이메일로 받아보세요.",
                    "newsletter.ko",
                ),
                (
                    "[관련기사] 해오름시 시내버스 요금 4년 만에 인상",
                    "teaser.ko",
                ),
                ("관련기사", "related.ko"),
                ("많이 본 뉴스", "related.ko"),
                ("댓글 0", "comments.ko"),
                (
                    "로그인 후 댓글을 작성할 수 있습니다. 욕설이나 비방 글은 삭제될 수 있습니다.",
                    "comments.ko",
                ),
                ("카카오톡 공유", "share.ko"),
                ("글씨크기 인쇄하기", "share.ko"),
                (
                    "해오름시 심야버스 4개 노선도. [사진=해오름시 제공]",
                    "caption.ko",
                ),
                ("회원가입", "promo.ko"),
                ("이지훈 기자 jhlee@haeorum-ilbo.example", "byline.ko"),
                ("입력 2025.03.24 15:12", "byline.ko"),
                ("광고", "ads.ko"),
                ("본문 바로가기", "nav.ko"),
                ("저작권자 ⓒ 해오름일보 무단전재 및 재배포 금지", "legal.ko"),
                ("제호 : 해오름일보 | 주소 : 해오름시 중앙로 120", "legal.ko"),
            ],
            &[
                "이지훈 기자는 현장에서 시민들을 만났다.",
                "광고 시장이 지난해보다 10% 커졌다고 업계는 밝혔다.",
                "댓글 조작 사건으로 재판에 넘겨졌다.",
                "관련기사를 쓴 기자는 이번 주 휴가다.",
                "사진 촬영이 금지된 구역이다.",
                "무단 전재를 금지한 저작권법에 따라 처벌받았다.",
            ],
        );
    }

    #[test]
    fn hindi_chrome_is_named_and_hindi_prose_is_not() {
        check_language(
            "hi",
            &[
                ("न्यूज़लेटर सब्सक्राइब करें", "newsletter.hi"),
                (
                    "हर सुबह देश-प्रदेश की ताज़ा खबरें सीधे अपने इनबॉक्स में",
                    "newsletter.hi",
                ),
                ("यह भी पढ़ें: मंडी में टमाटर के दाम गिरे", "teaser.hi"),
                ("ये भी पढ़ें", "teaser.hi"),
                ("संबंधित खबरें", "related.hi"),
                ("टिप्पणियाँ", "comments.hi"),
                ("इस खबर पर अपनी राय लिखें", "comments.hi"),
                ("शेयर करें व्हाट्सऐप फेसबुक एक्स लिंक कॉपी करें", "share.hi"),
                (
                    "मझौली खुर्द गाँव में लगाया गया कोल्ड स्टोरेज। फोटो: अमित त्रिपाठी",
                    "caption.hi",
                ),
                ("ई-पेपर ऐप डाउनलोड करें लॉग इन", "promo.hi"),
                (
                    "रिपोर्ट: अमित त्रिपाठी, चंदनपुर प्रकाशित: 17 मार्च 2025, 07:45 PM IST",
                    "byline.hi",
                ),
                ("(एजेंसी इनपुट के साथ)", "byline.hi"),
                ("विज्ञापन", "ads.hi"),
                ("होम", "nav.hi"),
                (
                    "कॉपीराइट © 2025 जनपथ समाचार। सर्वाधिकार सुरक्षित।",
                    "legal.copyright",
                ),
                ("सर्वाधिकार सुरक्षित", "legal.hi"),
            ],
            &[
                "यह भी पढ़ें कि किसानों को योजना का लाभ कैसे मिलेगा, अधिकारी ने कहा।",
                "विज्ञापन पर सरकार ने पिछले साल 200 करोड़ रुपये खर्च किए।",
                "फोटो खींचने के लिए लोग दूर-दूर से आए।",
                "टिप्पणियाँ करने वाले नेताओं पर पार्टी ने कार्रवाई की।",
            ],
        );
    }

    #[test]
    fn vietnamese_chrome_is_named_and_vietnamese_prose_is_not() {
        check_language(
            "vi",
            &[
                ("Đăng ký nhận bản tin", "newsletter.vi"),
                ("Theo dõi Báo Sông Hồng trên Zalo để cập nhật tin tức nhanh nhất", "newsletter.vi"),
                ("Xem thêm: Cầu Long Biên tạm dừng lưu thông để sửa chữa", "teaser.vi"),
                ("Bài tiếp theo", "teaser.vi"),
                ("Tin liên quan", "related.vi"),
                ("Có thể bạn quan tâm", "related.vi"),
                ("Bình luận (12)", "comments.vi"),
                ("Gửi bình luận", "comments.vi"),
                ("Chia sẻ Facebook Zalo", "share.vi"),
                ("Sao chép liên kết", "share.vi"),
                ("Người dân chờ xe buýt trên phố Tràng Tiền. Ảnh: Ngọc Anh", "caption.vi"),
                ("Ảnh minh họa", "caption.vi"),
                ("Tải ứng dụng Sông Hồng", "promo.vi"),
                ("Tác giả: Nguyễn Minh Anh", "byline.vi"),
                ("Thứ hai, 17/3/2025, 08:00 (GMT+7)", "byline.vi"),
                ("2 giờ trước", "byline.vi"),
                ("(Theo Reuters)", "byline.vi"),
                ("Về tác giả", "bio.vi"),
                ("Quảng cáo", "ads.vi"),
                ("Trang chủ", "nav.vi"),
                ("Bảo lưu mọi quyền.", "legal.vi"),
                ("Giấy phép hoạt động báo điện tử số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp", "legal.vi"),
            ],
            &[
                "Xem thêm các tài liệu này, ông Nam cho biết dự án sẽ hoàn thành vào cuối năm.",
                "Bình luận về kế hoạch, chuyên gia cho rằng cần thêm thời gian.",
                "Chia sẻ với phóng viên, bà Lan cho biết gia đình đã chờ đợi nhiều năm.",
                "Tham gia nhóm chat kín trên Telegram, ba đối tượng đã bán dữ liệu cá nhân.",
                "Theo báo cáo của Bộ Y tế, số ca mắc đã giảm.",
                "Quảng cáo trên mạng xã hội đang bị siết chặt.",
                "Tin liên quan đến vụ việc được công an xác minh.",
                "Tải ứng dụng giả mạo, bà Lan bị mất 200 triệu đồng.",
                "Theo dõi trên radar cho thấy máy bay đã đổi hướng.",
                "Nhận bản tin mỗi sáng, người dân chủ động hơn.",
                "Theo Reuters, giá dầu tăng 2%.",
                "Đăng ký nhận tin nhắn từ tổng đài, người dùng sẽ bị trừ tiền.",
                "Theo dõi diễn biến vụ việc, nhiều người cho rằng cần điều tra thêm.",
                "Bài trước đó đã nói về việc này.",
                "Giấy phép khai thác khoáng sản số 123/GP-UBND đã bị thu hồi.",
            ],
        );
    }

    #[test]
    fn indonesian_chrome_is_named_and_indonesian_prose_is_not() {
        check_language(
            "id",
            &[
                ("Berlangganan newsletter Kabar Nusantara", "newsletter.id"),
                (
                    "Ikuti berita terkini dari Kabar Nusantara di Google News",
                    "newsletter.id",
                ),
                (
                    "Baca juga: Harga cabai di Pasar Induk naik dua kali lipat",
                    "teaser.id",
                ),
                ("Baca Juga", "teaser.id"),
                ("Berita terkait", "related.id"),
                ("Terpopuler", "related.id"),
                ("Komentar (5)", "comments.id"),
                ("Tulis komentar", "comments.id"),
                ("Bagikan", "share.id"),
                ("Salin tautan", "share.id"),
                (
                    "Warga antre membeli minyak goreng di Jakarta. (ANTARA FOTO/Budi Santoso/foc)",
                    "caption.id",
                ),
                ("Ilustrasi", "caption.id"),
                ("Unduh aplikasi Kabar Nusantara", "promo.id"),
                ("Penulis: Siti Rahmawati", "byline.id"),
                ("Senin, 17 Maret 2025 08:45 WIB", "byline.id"),
                ("3 jam yang lalu", "byline.id"),
                (
                    "Laporan Wartawan KabarNusantara.com, Ilham Pratama",
                    "byline.id",
                ),
                ("Tentang penulis", "bio.id"),
                ("Iklan", "ads.id"),
                ("Beranda", "nav.id"),
                ("Hak cipta dilindungi undang-undang.", "legal.id"),
                ("Pedoman Media Siber", "legal.id"),
            ],
            &[
                "Baca juga laporan keuangan perusahaan itu, kata analis kepada wartawan.",
                "Komentar presiden itu memicu perdebatan di parlemen.",
                "Iklan rokok dilarang tayang di televisi sejak tahun lalu.",
                "Bagikan bantuan sosial kepada warga, pemerintah daerah menyiapkan 500 paket.",
                "Oleh karena itu, pemerintah menunda kenaikan tarif listrik.",
                "Dilarang mengambil foto tanpa izin di area bandara, kata petugas.",
                "Oleh Kemenkes, program itu dinilai berhasil",
                "Simak pernyataan lengkap menteri di YouTube kementerian sebelum rapat.",
                "Penulis Andi Saputra meluncurkan buku baru di Jakarta.",
                "Selengkapnya, polisi menjelaskan kronologi kejadian itu.",
            ],
        );
    }

    #[test]
    fn greek_chrome_is_named_and_greek_prose_is_not() {
        check_language(
            "el",
            &[
                ("Εγγραφείτε στο newsletter μας", "newsletter.el"),
                (
                    "Ακολουθήστε το Αιγαίο Σήμερα στο Google News",
                    "newsletter.el",
                ),
                (
                    "Διαβάστε επίσης: Κλειστή η παραλιακή λόγω έργων",
                    "teaser.el",
                ),
                ("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ", "teaser.el"),
                ("Σχετικά άρθρα", "related.el"),
                ("Τα πιο δημοφιλή", "related.el"),
                ("Σχόλια (4)", "comments.el"),
                ("Γράψτε ένα σχόλιο", "comments.el"),
                ("Κοινοποίηση", "share.el"),
                ("Αντιγραφή συνδέσμου", "share.el"),
                (
                    "Ο νέος σταθμός του μετρό στην Πλατεία. Φωτογραφία: Γιώργος Παππάς",
                    "caption.el",
                ),
                ("Ξεχάσατε τον κωδικό σας;", "promo.el"),
                ("Γράφει ο Νίκος Παπαδόπουλος", "byline.el"),
                ("17 Μαρτίου 2025, 08:45", "byline.el"),
                ("πριν από 2 ώρες", "byline.el"),
                ("Διαφήμιση", "ads.el"),
                ("Αρχική", "nav.el"),
                ("Με επιφύλαξη παντός δικαιώματος.", "legal.el"),
                ("Όροι χρήσης", "legal.el"),
            ],
            &[
                "Διαβάστε επίσης τις οδηγίες του υπουργείου πριν ταξιδέψετε, είπε ο εκπρόσωπος.",
                "Σχόλια του πρωθυπουργού προκάλεσαν αντιδράσεις στη Βουλή.",
                "Διαφήμιση και πολιτική συζητήθηκαν στο συνέδριο.",
                "Της Ελλάδας η οικονομία αναπτύχθηκε κατά 2% πέρσι.",
                "Φωτογραφία του σκάφους δημοσίευσε το λιμενικό.",
                "Του Αγίου Πνεύματος, αργία για τους δημοσίους υπαλλήλους",
                "Του Κυριάκου Μητσοτάκη η δήλωση ήταν σαφής.",
                "Σε συνεργασία με Ελληνικές αρχές διεξήχθη η επιχείρηση.",
            ],
        );
    }

    #[test]
    fn czech_chrome_is_named_and_czech_prose_is_not() {
        check_language(
            "cs",
            &[
                ("Přihlaste se k odběru newsletteru", "newsletter.cs"),
                (
                    "Čtěte také: Tramvaje do Modřan nepojedou celý víkend",
                    "teaser.cs",
                ),
                ("Čtěte také", "teaser.cs"),
                ("Související články", "related.cs"),
                ("Mohlo by vás zajímat", "related.cs"),
                ("Diskuse (8)", "comments.cs"),
                ("Přidat komentář", "comments.cs"),
                ("Sdílet", "share.cs"),
                ("Kopírovat odkaz", "share.cs"),
                (
                    "Nová lávka přes Vltavu v Troji. Zdroj: Magistrát",
                    "caption.cs",
                ),
                ("Ilustrační foto", "caption.cs"),
                ("Máte už účet?", "promo.cs"),
                ("Autoři: Jan Novák a Petr Svoboda", "byline.cs"),
                ("17. března 2025 8:45", "byline.cs"),
                ("před 2 hodinami", "byline.cs"),
                ("O autorovi", "bio.cs"),
                ("Reklama", "ads.cs"),
                ("Hlavní stránka", "nav.cs"),
                ("Všechna práva vyhrazena.", "legal.cs"),
                ("Ochrana osobních údajů", "legal.cs"),
            ],
            &[
                "Čtěte také pozorně příbalový leták, radí lékárníci.",
                "Diskuse o rozpočtu pokračovala až do noci.",
                "Reklama na alkohol bude v televizi omezena.",
                "Sdílet auto s sousedy se vyplatí, tvrdí studie.",
                "Související náklady vzrostly o pětinu.",
                "Další článek zákona stanoví povinnosti obcí.",
            ],
        );
    }

    #[test]
    fn romanian_chrome_is_named_and_romanian_prose_is_not() {
        check_language(
            "ro",
            &[
                ("Abonează-te la newsletterul nostru", "newsletter.ro"),
                ("Urmărește-ne pe Google News", "newsletter.ro"),
                ("Citește și: Metroul din Drumul Taberei se închide duminică", "teaser.ro"),
                ("Citeste si:", "teaser.ro"),
                ("Articole similare", "related.ro"),
                ("Cele mai citite", "related.ro"),
                ("Comentarii (3)", "comments.ro"),
                ("Lasă un comentariu", "comments.ro"),
                ("Distribuie", "share.ro"),
                ("Copiază link-ul", "share.ro"),
                ("Podul de pe Calea Victoriei, redeschis circulației. Sursa foto: Primăria Capitalei", "caption.ro"),
                ("Ai uitat parola?", "promo.ro"),
                ("De Andrei Popescu", "byline.ro"),
                ("Publicat: 17 martie 2025, 08:45", "byline.ro"),
                ("acum 2 ore", "byline.ro"),
                ("Despre autor", "bio.ro"),
                ("Publicitate", "ads.ro"),
                ("Acasă", "nav.ro"),
                ("Toate drepturile rezervate.", "legal.ro"),
                ("Termeni și condiții", "legal.ro"),
            ],
            &[
                "Citește și tu raportul comisiei înainte de vot, a spus deputatul.",
                "Comentarii ale ministrului au stârnit reacții în Parlament.",
                "Publicitate pe autobuze aduce primăriei venituri de un milion de lei.",
                "De Crăciun, străzile din centru vor fi închise traficului.",
                "Distribuie ajutoarele direct familiilor, a cerut primarul.",
                "De Ziua Națională, parada militară",
                "VIDEO | Incendiu puternic în Capitală",
                "De Paști, românii merg la biserică.",
            ],
        );
    }

    #[test]
    fn swedish_chrome_is_named_and_swedish_prose_is_not() {
        check_language(
            "sv",
            &[
                ("Prenumerera på vårt nyhetsbrev", "newsletter.sv"),
                (
                    "Läs också: Spårvagnen till Lindholmen försenas ett år",
                    "teaser.sv",
                ),
                ("Läs mer", "teaser.sv"),
                ("Relaterade artiklar", "related.sv"),
                ("Mest läst", "related.sv"),
                ("Kommentarer (6)", "comments.sv"),
                ("Skriv en kommentar", "comments.sv"),
                ("Dela", "share.sv"),
                ("Kopiera länk", "share.sv"),
                ("Arkivbild", "caption.sv"),
                ("Glömt lösenordet?", "promo.sv"),
                ("Av Anna Lindqvist", "byline.sv"),
                ("Publicerad 17 mars 2025 kl. 08.45", "byline.sv"),
                ("för 3 timmar sedan", "byline.sv"),
                ("Om skribenten", "bio.sv"),
                ("Annons", "ads.sv"),
                ("Till startsidan", "nav.sv"),
                ("Alla rättigheter förbehållna.", "legal.sv"),
                ("Ansvarig utgivare: Karin Holm", "legal.sv"),
            ],
            &[
                "Läs också rapporten från kommunen innan du röstar, sade ordföranden.",
                "Kommentarer från ministern väckte kritik i riksdagen.",
                "Annons i lokaltidningen kostar tusentals kronor.",
                "Dela ut matkassar till behövande, uppmanade pastorn.",
                "Få nyhetsbrev har så många läsare som detta.",
                "Av Sveriges 290 kommuner har 40 infört förbudet.",
            ],
        );
    }

    #[test]
    fn hungarian_chrome_is_named_and_hungarian_prose_is_not() {
        check_language(
            "hu",
            &[
                ("Iratkozzon fel hírlevelünkre", "newsletter.hu"),
                ("Olvassa el ezt is: Lezárják a Lánchidat a hétvégén", "teaser.hu"),
                ("Ezt is ajánljuk", "teaser.hu"),
                ("Kapcsolódó cikkek", "related.hu"),
                ("Legolvasottabb", "related.hu"),
                ("Hozzászólások (9)", "comments.hu"),
                ("Szólj hozzá!", "comments.hu"),
                ("Megosztás", "share.hu"),
                ("Link másolása", "share.hu"),
                ("Nyitókép: Szabó Péter", "caption.hu"),
                ("Elfelejtett jelszó", "promo.hu"),
                ("Szerző: Kovács Anna", "byline.hu"),
                ("2025. március 17. 08:45", "byline.hu"),
                ("2 órája", "byline.hu"),
                ("A szerzőről", "bio.hu"),
                ("Hirdetés", "ads.hu"),
                ("Címlap", "nav.hu"),
                ("Minden jog fenntartva.", "legal.hu"),
                ("Impresszum", "legal.hu"),
            ],
            &[
                "Olvassa el ezt is figyelmesen, mielőtt aláírja a szerződést, tanácsolta az ügyvéd.",
                "Hozzászólások sokasága érkezett a javaslathoz a parlamentben.",
                "Hirdetés nélkül a lap nem tudna megjelenni, mondta a kiadó.",
                "Megosztás helyett párbeszédre van szükség, írta a miniszter.",
                "Kovács Péter, az MTI tudósítója szerint a tárgyalások elakadtak.",
                "Az Európai Unió támogatásával épült meg a híd, amelyet tegnap adtak át.",
            ],
        );
    }

    #[test]
    fn hebrew_chrome_is_named_and_hebrew_prose_is_not() {
        check_language(
            "he",
            &[
                ("הירשמו לניוזלטר", "newsletter.he"),
                ("הצטרפו לערוץ הטלגרם שלנו", "newsletter.he"),
                ("קראו עוד: הרכבת הקלה תפסיק לפעול בשבת", "teaser.he"),
                ("קראו גם", "teaser.he"),
                ("כתבות נוספות", "related.he"),
                ("הכי נקראים", "related.he"),
                ("תגובות (7)", "comments.he"),
                ("הוסיפו תגובה", "comments.he"),
                ("שתפו", "share.he"),
                ("העתיקו קישור", "share.he"),
                ("תחנת הרכבת החדשה בחיפה (צילום: יוסי כהן)", "caption.he"),
                ("צילום: רויטרס", "caption.he"),
                ("שכחתם את הסיסמה?", "promo.he"),
                ("מאת דנה לוי", "byline.he"),
                ("פורסם: 17.03.25, 08:45", "byline.he"),
                ("לפני 2 שעות", "byline.he"),
                ("על הכותב", "bio.he"),
                ("פרסומת", "ads.he"),
                ("דף הבית", "nav.he"),
                ("כל הזכויות שמורות.", "legal.he"),
                ("מדיניות פרטיות", "legal.he"),
            ],
            &[
                "קראו גם לממשלה להתפטר, אמרו המפגינים.",
                "הצטרפו לקבוצת הווטסאפ של השכונה מאות תושבים.",
                "תגובות השרים לתוכנית היו קשות.",
                "פרסומת לסיגריות נאסרה בחוק לפני שנים.",
                "שתפו פעולה עם החוקרים, אמר השוטר.",
                "קראו גם לממשלה להתפטר",
                "בשיתוף פעולה עם המשטרה נעצרו שלושה חשודים.",
            ],
        );
    }

    #[test]
    fn thai_chrome_is_named_and_thai_prose_is_not() {
        check_language(
            "th",
            &[
                ("สมัครรับจดหมายข่าว", "newsletter.th"),
                ("อ่านเพิ่มเติม : รถไฟฟ้าสายสีส้มเปิดให้บริการเดือนหน้า", "teaser.th"),
                ("อ่านข่าวที่เกี่ยวข้อง", "teaser.th"),
                ("ข่าวที่เกี่ยวข้อง", "related.th"),
                ("ข่าวล่าสุด", "related.th"),
                ("ความคิดเห็น (3)", "comments.th"),
                ("แสดงความคิดเห็น", "comments.th"),
                ("แชร์", "share.th"),
                ("คัดลอกลิงก์", "share.th"),
                ("ผู้ว่าฯ ตรวจพื้นที่น้ำท่วม ภาพ: สำนักข่าวเจ้าพระยา", "caption.th"),
                ("ภาพประกอบข่าว", "caption.th"),
                ("เข้าสู่ระบบ", "promo.th"),
                ("โดย สมชาย ใจดี", "byline.th"),
                ("17 มี.ค. 2568 08:45 น.", "byline.th"),
                ("2 ชั่วโมงที่แล้ว", "byline.th"),
                ("เกี่ยวกับผู้เขียน", "bio.th"),
                ("โฆษณา", "ads.th"),
                ("หน้าแรก", "nav.th"),
                ("สงวนลิขสิทธิ์ พ.ศ. 2568 บริษัท ข่าวเจ้าพระยา จำกัด", "legal.th"),
                ("นโยบายความเป็นส่วนตัว", "legal.th"),
            ],
            &[
                "นายกรัฐมนตรีกล่าวว่าความคิดเห็นของประชาชนมีความสำคัญต่อการตัดสินใจครั้งนี้",
                "โฆษณาชวนเชื่อถูกเผยแพร่ในช่วงการเลือกตั้ง",
                "ภาพจากกล้องวงจรปิดแสดงให้เห็นคนร้ายหลบหนีไปทางทิศเหนือของเมือง",
                "แชร์ลูกโซ่ทำให้ผู้เสียหายสูญเงินหลายล้านบาทในช่วงปีที่ผ่านมา",
                "ติดตามข่าวสารผ่านสื่อต่างประเทศอย่างใกล้ชิด",
                "โดย พล.ต.อ. สมชาย ระบุว่า จะเร่งดำเนินการ",
            ],
        );
    }

    #[test]
    fn armenian_chrome_is_named_and_armenian_prose_is_not() {
        check_language(
            "hy",
            &[
                ("Բաժանորդագրվեք մեր տեղեկագրին", "newsletter.hy"),
                ("Կարդացեք նաև՝ Երևանի մետրոն կփակվի կիրակի", "teaser.hy"),
                ("Կարդացեք նաեւ", "teaser.hy"),
                ("Նմանատիպ նյութեր", "related.hy"),
                ("Ամենաընթերցվածը", "related.hy"),
                ("Մեկնաբանություններ (2)", "comments.hy"),
                ("Թողնել մեկնաբանություն", "comments.hy"),
                ("Կիսվել", "share.hy"),
                ("Պատճենել հղումը", "share.hy"),
                (
                    "Նոր կամուրջը Հրազդանի վրա։ Լուսանկարը՝ Արմեն Սարգսյան",
                    "caption.hy",
                ),
                ("Մուտք", "promo.hy"),
                ("Հեղինակ՝ Աննա Հակոբյան", "byline.hy"),
                ("17 մարտի, 2025, 08:45", "byline.hy"),
                ("2 ժամ առաջ", "byline.hy"),
                ("Հեղինակի մասին", "bio.hy"),
                ("Գովազդ", "ads.hy"),
                ("Գլխավոր", "nav.hy"),
                ("Բոլոր իրավունքները պաշտպանված են։", "legal.hy"),
                ("Գաղտնիության քաղաքականություն", "legal.hy"),
            ],
            &[
                "Կարդացեք նաև կառավարության որոշումը, խորհուրդ տվեց պատգամավորը։",
                "Մեկնաբանություններ են հնչել նաև ընդդիմությունից։",
                "Գովազդ տեղադրելու համար անհրաժեշտ է թույլտվություն։",
                "Կիսվել իր փորձով որոշեց նաև նախարարը։",
            ],
        );
    }

    #[test]
    fn world_languages_rules_stay_off_other_and_unknown_languages() {
        for (line, language) in [
            ("Читайте также: Ремонт моста", "ru"),
            ("اقرأ أيضا: تقرير رسمي", "ar"),
            ("相关阅读：临江市图书馆新馆", "zh"),
            ("関連記事：汐見島の診療所", "ja"),
            ("광고", "ko"),
            ("विज्ञापन", "hi"),
            ("Xem thêm: Cầu Long Biên tạm dừng", "vi"),
            ("Baca juga: Harga cabai naik", "id"),
            ("Διαβάστε επίσης: Κλειστή η παραλιακή", "el"),
            ("Čtěte také: Tramvaje nepojedou", "cs"),
            ("Citește și: Metroul se închide", "ro"),
            ("Läs också: Spårvagnen försenas", "sv"),
            ("Olvassa el ezt is: Lezárják a hidat", "hu"),
            ("קראו עוד: הרכבת הקלה", "he"),
            ("โฆษณา", "th"),
            ("Կարդացեք նաև՝ Երևանի մետրոն", "hy"),
        ] {
            assert_named_only_in(line, language, &["en", "de"]);
        }
        // Japanese rules stay off Chinese pages and the other way round.
        assert_eq!(named_in("あわせて読みたい", Some("zh")), None);
        assert_eq!(named_in("网友评论", Some("ja")), None);
    }

    #[test]
    fn a_languages_rules_stay_off_other_and_unknown_languages() {
        for line in [
            "Lesen Sie auch: Der Haushalt wächst",
            "Das könnte Sie auch interessieren",
            "Anzeige",
        ] {
            assert_named_only_in(line, "de", &["en", "fr"]);
        }
        assert_eq!(named_in("Lire aussi : Le budget", Some("de")), None);
        assert_eq!(named_in("Reklama", Some("en")), None);
    }

    #[test]
    fn credits_and_agency_tags_are_named_in_every_language() {
        for language in [None, Some("de"), Some("en"), Some("es")] {
            for (text, rule) in [
                ("Foto: dpa/Michael Kappeler", "caption.credit_label"),
                (
                    "Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock",
                    "caption.credit_label",
                ),
                ("Fuente: INE", "caption.credit_label"),
                ("Fot. Łukasz Nowak / Agencja Gazeta", "caption.credit_label"),
                ("Crédit photo : Jean Dupont", "caption.credit_label"),
                (
                    "Der Fahrer wurde leicht verletzt. (Bild: Kantonspolizei Aargau)",
                    "caption.parenthetical_credit",
                ),
                ("© dpa", "caption.copyright_credit"),
                ("© picture alliance / dpa", "caption.copyright_credit"),
                (
                    "© 2024 Example Media. All rights reserved.",
                    "legal.copyright",
                ),
                ("© Condé Nast.", "legal.copyright"),
                ("© Alfa Romeo F1 Team", "caption.copyright_credit"),
                ("© Chris - stock.adobe.com", "caption.copyright_credit"),
                (
                    "Radfahren am Almkanal, Salzburg © Österreich Werbung / Ulli Cecerle-Uitz",
                    "caption.copyright_credit",
                ),
                ("Example Media, all rights reserved.", "legal.copyright"),
                ("© 2019 Example Media", "legal.copyright"),
                ("Foto © Jörg Gemsch, Heidi Jost", "caption.copyright_credit"),
                (
                    "© Presse- und Informationsamt der Bundesregierung | Jesco Denzel",
                    "caption.copyright_credit",
                ),
                (
                    "Eileen Gu, Freestylerin. © Getty Images North America / Maddie Meyer",
                    "caption.copyright_credit",
                ),
                (
                    "Alle Rechte vorbehalten. © 2023 Beispiel Verlag GmbH",
                    "legal.copyright",
                ),
                ("(dpa)", "byline.agency"),
                ("dpa/AFP", "byline.agency"),
                ("Berlin (dpa) –", "byline.agency"),
                ("APA/Georg Hochmuth", "byline.agency"),
                ("Autor: Anna Müller", "byline.label"),
                ("Redacción: María López", "byline.label"),
            ] {
                assert_eq!(
                    named_in(text, language).as_deref(),
                    Some(rule),
                    "{language:?}: {text}"
                );
            }
            for text in [
                "BERLIN (dpa) – Der Bundestag hat am Donnerstag das neue Gesetz beschlossen.",
                "About APA",
                "Text: Die Regierung hat beschlossen, die Steuern zu senken.",
                "In Ausgabe 11 empfiehlt die Redaktion unsere Häuser (im Bild, Foto: Bernhard Rogen), dazu zwei weitere in Südtirol sowie drei in der Steiermark.",
                "Die Lizenzen stehen zwischen dem Urheberrecht bzw. Copyright (all rights reserved) und der Public Domain.",
            ] {
                assert_eq!(named_in(text, language), None, "{language:?}: {text}");
            }
        }
    }

    #[test]
    fn a_rule_with_languages_applies_only_to_documents_in_them() {
        let rules = one_rule("pattern = '^lesen sie auch'\nlanguages = [\"de\", \"nl\"]").unwrap();
        assert_eq!(rules.rules()[0].languages, ["de", "nl"]);
        let line = "Lesen Sie auch: Der Haushalt wächst";
        assert!(in_language(&rules, line, Some("de")));
        assert!(in_language(&rules, line, Some("nl")));
        assert!(!in_language(&rules, line, Some("en")));
        assert!(
            !in_language(&rules, line, None),
            "unknown language: no foreign rule"
        );
        // Without `languages`, a rule applies to every document.
        let rules = one_rule("pattern = '^lesen sie auch'").unwrap();
        assert!(in_language(&rules, line, Some("en")));
        assert!(in_language(&rules, line, None));
    }

    #[test]
    fn languages_must_be_codes_pith_identifies() {
        for (languages, bad) in [
            ("[\"de\", \"at\"]", "`at`"),
            ("[\"DE\"]", "`DE`"),
            ("[\"deu\"]", "`deu`"),
            ("[\"\"]", "``"),
        ] {
            let err = one_rule(&format!("pattern = 'x'\nlanguages = {languages}")).unwrap_err();
            assert_eq!(err.origin, "mine.toml");
            assert!(
                err.message.starts_with("rule `a.x`: unknown language ")
                    && err.message.contains(bad),
                "{err}"
            );
        }
        let err = one_rule("pattern = 'x'\nlanguages = []").unwrap_err();
        assert!(err.message.contains("`languages` is empty"), "{err}");
        let err = one_rule("pattern = 'x'\nlanguages = \"de\"").unwrap_err();
        assert!(err.to_string().starts_with("mine.toml: "), "{err}");
        assert!(one_rule("pattern = 'x'\nlanguages = [\"de\", \"pl\", \"pt\"]").is_ok());
    }

    #[test]
    fn word_boundaries_next_to_non_ascii_letters_match() {
        // With languages: Unicode boundaries, whatever the pattern's letters.
        let rules =
            one_rule("pattern = '^(?:czytaj też|zobacz także)\\b'\nlanguages = [\"pl\"]").unwrap();
        assert!(rules.rules()[0].unicode_boundaries);
        assert!(in_language(&rules, "Czytaj też", Some("pl")));
        assert!(in_language(
            &rules,
            "CZYTAJ TEŻ: Sejm uchwalił budżet",
            Some("pl")
        ));
        assert!(!in_language(&rules, "Czytaj teżeli", Some("pl")));
        // Without languages, a pattern that spells a non-ASCII letter.
        let rules = one_rule("pattern = '\\büber (?:uns|mich)\\b'").unwrap();
        assert!(rules.rules()[0].unicode_boundaries);
        assert!(in_language(&rules, "Über uns", None));
        assert!(in_language(&rules, "Mehr über uns", None));
        assert!(!in_language(&rules, "Darüber uns", None));
        // An English rule keeps the fast ASCII boundary.
        let rules = one_rule("pattern = '\\bshare\\b'").unwrap();
        assert!(!rules.rules()[0].unicode_boundaries);
        assert!(in_language(&rules, "Share", None));
        assert!(!in_language(&rules, "Shared", None));
    }

    #[test]
    fn an_ascii_boundary_leaves_an_escaped_backslash_alone() {
        assert_eq!(word_boundaries(r"\bx\b", false), r"(?-u:\b)x(?-u:\b)");
        assert_eq!(word_boundaries(r"a\\b", false), r"a\\b");
        assert_eq!(word_boundaries(r"\bx", true), r"\bx");
        let rules = one_rule(r"pattern = '^a\\b$'").unwrap();
        assert!(in_language(&rules, r"a\b", None));
    }

    #[test]
    fn requires_is_a_second_pattern_the_block_must_contain() {
        let mut rules = RuleSet::empty();
        rules
            .extend_from_toml(
                "[kind.a]\n[[rule]]\nname = \"a.digits\"\npattern = '^[0-9 -]+$'\nrequires = ' '",
                "mine.toml",
            )
            .expect("rules parse");
        assert!(rules.first_match("12 34", true).is_some());
        assert!(rules.first_match("1234", true).is_none());
    }

    #[test]
    fn a_contact_line_needs_a_way_to_reach_the_reporter() {
        assert_eq!(
            name("Contact Gene Torrance at 555-0142 or gt@courier.example").as_deref(),
            Some("byline.contact")
        );
        assert_eq!(
            name("Contact the city at its offices on Main Street."),
            None
        );
        assert_eq!(
            name("Follow Calla Cofield @callacofield.").as_deref(),
            Some("byline.contact")
        );
        assert_eq!(name("Author").as_deref(), Some("bio.heading"));
    }

    #[test]
    fn wire_credits_and_one_name_bios_end_the_article() {
        assert_eq!(
            name("(Reporting by Emily Flitter; Editing by Howard Goller)").as_deref(),
            Some("bio.credits")
        );
        assert_eq!(
            name("Mix is a reporter from Amsterdam. Happy to hear your thoughts.").as_deref(),
            Some("bio.sentence")
        );
        assert_eq!(name("Reporting by phone was banned in the chamber."), None);
    }

    #[test]
    fn a_date_line_needs_a_date_not_just_digits() {
        assert_eq!(name("12 June 2025").as_deref(), Some("byline.date_only"));
        assert_eq!(name("2025-06-12").as_deref(), Some("byline.date_only"));
        assert_eq!(name("10:42 GMT").as_deref(), Some("byline.date_only"));
        assert_eq!(name("415-561-0230"), None);
        assert_eq!(name("4.58"), None);
    }

    /// The first rule that matches when every applying rule is tried in
    /// order: what the prefilter must reproduce.
    fn naive_match(rules: &RuleSet, text: &str, place: Place) -> Option<usize> {
        let chars = text.chars().count();
        rules
            .applying(place.language)
            .rules
            .iter()
            .copied()
            .find(|&i| rules.may_match(i, chars, place) && rules.compiled[i].matches(text))
    }

    /// Lines to match: every line of the test corpus, every string quoted
    /// in this file (the chrome and prose examples of all languages), each
    /// also in capitals, and lines made for the corners of case folding.
    fn sample_lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut files = vec![root.clone()];
        let mut lines: Vec<String> = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).unwrap() {
                    files.push(entry.unwrap().path());
                }
            } else if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                lines.extend(text.lines().map(crate::document::normalize_line));
            }
        }
        let quoted: Vec<&str> = include_str!("mod.rs").split('"').collect();
        lines.extend(quoted.iter().map(|q| q.to_string()));
        lines.extend(quoted.iter().map(|q| q.to_uppercase()));
        lines.extend(
            [
                "SIGN UP FOR OUR NEWSLETTER",
                "\u{212A}eep reading: more stories",
                "Read more: \u{212A}elvin",
                "Subscribe to the \u{017F}ports newsletter",
                "RELATED ARTICLES",
                "Photo: AFP",
                "© 2024",
                "",
            ]
            .map(str::to_string),
        );
        lines.retain(|l| l.chars().count() <= 1000);
        lines.sort();
        lines.dedup();
        lines
    }

    /// Asserts that the prefilter gives the naive first rule for every line
    /// at every kind of place (for documents of unknown language) and late
    /// in a document of each language a rule names; gives the number of
    /// matches.
    fn assert_prefilter_is_naive(rules: &RuleSet, lines: &[String]) -> usize {
        let mut places: Vec<Place> = Vec::new();
        for late in [false, true] {
            for (table_row, heading) in [(false, false), (true, false), (false, true)] {
                places.push(Place {
                    late,
                    table_row,
                    heading,
                    language: None,
                });
            }
        }
        for (key, _) in &rules.by_language {
            let code = String::from_utf8(key.to_be_bytes().to_vec()).unwrap();
            places.push(Place {
                late: true,
                language: Some(Box::leak(code.into_boxed_str())),
                ..Place::default()
            });
        }
        let mut matched = 0;
        for place in places {
            for line in lines {
                let fast = rules.match_index(line, place);
                assert_eq!(fast, naive_match(rules, line, place), "{line:?} {place:?}");
                matched += usize::from(fast.is_some());
            }
        }
        matched
    }

    #[test]
    fn publication_notes_after_the_article_are_named_in_their_language() {
        assert_eq!(
            named_in("This article is republished from The Conversation under a Creative Commons license.", None).as_deref(),
            Some("note.published")
        );
        assert_eq!(
            named_in(
                "The views expressed in this column are the author's own.",
                Some("en")
            )
            .as_deref(),
            Some("note.published")
        );
        for (line, language) in [
            (
                "Der Beitrag wurde am Mittwoch, 12. Februar 2020 um 10:00 in der Kategorie Whisky veröffentlicht.",
                "de",
            ),
            (
                "Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.",
                "de",
            ),
            ("Cet article a été initialement publié sur The Conversation.", "fr"),
            ("Este artículo fue publicado originalmente en The Conversation.", "es"),
        ] {
            assert_named_only_in(line, language, &["en"]);
        }
        // Before the body's second paragraph, a sentence about a publication
        // is the story's.
        let rules = RuleSet::builtin();
        let early = Place {
            late: false,
            language: Some("en"),
            ..Place::default()
        };
        assert_eq!(
            rules.match_index(
                "This article was first published in 1998 and changed the field.",
                early
            ),
            None
        );
    }

    #[test]
    fn the_prefilter_finds_the_same_first_rule_as_trying_every_rule() {
        let lines = sample_lines();
        let matched = assert_prefilter_is_naive(&RuleSet::builtin(), &lines);
        assert!(matched > 1000, "the sample exercises the rules: {matched}");
    }

    #[test]
    fn the_prefilter_serves_user_rules_too() {
        let mut rules = RuleSet::builtin();
        rules
            .extend_from_toml(
                r#"
                [kind.house]
                about = "Our own promos"
                [[rule]]
                name = "house.no_literal"
                pattern = '^[\p{Lu} ]{3,}$'
                case_sensitive = true
                [[rule]]
                name = "house.quiz"
                pattern = '^take the (?:weekly|daily) quiz'
                [[rule]]
                name = "house.kelvin"
                pattern = 'keep \w+'
                [[rule]]
                name = "house.case_sensitive"
                pattern = 'Tidewatch'
                case_sensitive = true
                [[rule]]
                name = "house.required"
                pattern = '^\w+ \w+$'
                requires = 'digest'
                [[rule]]
                name = "house.german"
                pattern = 'jetzt lesen'
                languages = ["de"]
                "#,
                "user.toml",
            )
            .unwrap();
        let mut lines = sample_lines();
        lines.extend(
            [
                "TAKE THE WEEKLY QUIZ",
                "\u{212A}EEP scrolling",
                "tidewatch",
                "Tidewatch",
                "Morning digest",
                "JETZT LESEN",
                "ALL CAPS LINE",
            ]
            .map(str::to_string),
        );
        assert_prefilter_is_naive(&rules, &lines);
        let named = |text: &str| rules.first_match(text, false).map(|r| r.name.as_str());
        assert_eq!(named("\u{212A}EEP scrolling"), Some("house.kelvin"));
        assert_eq!(named("tidewatch"), None);
        assert_eq!(named("Morning digest"), Some("house.required"));
    }
}
