//! The literals a rule's pattern cannot match without: the input of the
//! rule prefilter ([`super::prefilter`]).
//!
//! A pattern such as `^(?:sign up|subscribe)(?: now)? for\b` can only match
//! a line that begins with `sign up` or `subscribe`; `newsletter\b` only one
//! that holds `newsletter` somewhere. Looking at a line's first bytes, and
//! finding the other words in one Aho-Corasick pass over all rules, is much
//! cheaper than running every rule's regex on it, and a rule whose literals
//! are absent cannot match, so skipping it changes no verdict.
//!
//! The literals are read from the pattern's syntax tree (classes,
//! repetitions and all) after two changes that only let it match more, so
//! that what it requires, the original requires too:
//!
//! - every small class and literal of a case-insensitive pattern takes all
//!   its case variants (Unicode simple case folding, as the regex crate
//!   does), and every class too large to give literals becomes "any
//!   character" (folding `\w` under `(?i)` costs more than all the rest);
//! - ASCII letters become small letters, so that one ASCII-case-insensitive
//!   search finds every spelling. Two characters outside ASCII fold to ASCII
//!   letters, the Kelvin sign `K` (to `k`) and the long `ſ` (to `s`): they
//!   are dropped from classes, and a line holding either skips the
//!   prefilter altogether (see [`needs_every_rule`]).

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{
    Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look,
};

/// The characters outside ASCII that a case-insensitive pattern matches
/// in place of an ASCII letter.
const FOLDS_TO_ASCII: [char; 2] = ['\u{212A}', '\u{017F}'];

/// Literals are cut to this many bytes: a line holding the whole literal
/// holds its start, and short literals from many spellings (`sign up for`,
/// `sign up now for`) merge into one, which keeps the automaton small and
/// quick to build at start-up.
const MAX_LITERAL_BYTES: usize = 8;

/// A class of more characters than this gives no literals (the extractor
/// gives up on classes of more than 10, and case variants at most triple a
/// class): it becomes "any character" instead of being folded.
const MAX_FOLDED_CLASS: u32 = 32;

/// Where the literals a rule's every match holds must be found in a line,
/// and which they are (ASCII letters in lower case, compared
/// ASCII-case-insensitively). An empty set means the pattern can match no
/// line the prefilter reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Needs {
    /// The line begins with one of them: the pattern is anchored at the
    /// line's start (`^`) and every match begins with one.
    Start(Vec<Vec<u8>>),
    /// The line holds one of them somewhere.
    Anywhere(Vec<Vec<u8>>),
}

impl Needs {
    /// The literals, wherever they must be.
    pub(crate) fn literals(&self) -> &[Vec<u8>] {
        match self {
            Needs::Start(literals) | Needs::Anywhere(literals) => literals,
        }
    }
}

/// The literals of which every match of `pattern` contains at least one,
/// and where; `None` when no such set is known (the rule must be tried on
/// every line).
///
/// A pattern anchored at the line's start gives the literals its matches
/// begin with, when it has them: checking a line's first bytes costs
/// nothing beside searching the whole line, and most rules are anchored.
///
/// `pattern` is the source the regex crate compiles, `case_insensitive` the
/// flag it compiles it with; a pattern the parser refuses gives `None`, and
/// the regex compiler reports it.
pub(crate) fn required_literals(pattern: &str, case_insensitive: bool) -> Option<Needs> {
    // Parsed case-sensitively: the folding below adds the case variants
    // only to the classes that can give literals.
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let folded = fold(&hir, case_insensitive);
    if let Some(literals) = after_start(&folded).and_then(|rest| prefixes(&rest)) {
        return Some(Needs::Start(cut(literals)));
    }
    required(&folded).map(|literals| Needs::Anywhere(cut(literals)))
}

/// `literals` cut to [`MAX_LITERAL_BYTES`], sorted, without repeats.
fn cut(mut literals: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    for literal in &mut literals {
        literal.truncate(MAX_LITERAL_BYTES);
    }
    literals.sort_unstable();
    literals.dedup();
    literals
}

/// What follows the start anchor of a pattern that begins with one (`^`
/// outside multi-line mode, or `\A`): every match of `hir` begins at the
/// line's start with a match of the result.
fn after_start(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Concat(parts) if parts.first()?.kind() == &HirKind::Look(Look::Start) => {
            Some(Hir::concat(parts[1..].to_vec()))
        }
        _ => None,
    }
}

/// Whether a line must be offered to every rule, because it holds a
/// character that a case-insensitive pattern reads as an ASCII letter while
/// the literals spell only the ASCII letter.
pub(crate) fn needs_every_rule(text: &str) -> bool {
    !text.is_ascii() && text.contains(FOLDS_TO_ASCII)
}

/// The best required literal set of `hir`, or `None` when any line may match.
///
/// Every match of a concatenation contains a match of each of its parts and
/// of each run of parts to its end, so the literals any of these must start
/// with are required; an alternation requires one of its branches'. Of the
/// candidates, the set whose shortest literal is longest wins (long
/// literals rarely occur in lines the rule does not match).
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut best = prefixes(hir);
    let mut consider = |candidate: Option<Vec<Vec<u8>>>| {
        if score(&candidate) > score(&best) {
            best = candidate;
        }
    };
    match hir.kind() {
        HirKind::Concat(parts) => {
            for start in 1..parts.len() {
                consider(prefixes(&Hir::concat(parts[start..].to_vec())));
            }
            for part in parts {
                consider(required(part));
            }
        }
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            let mut all = true;
            for branch in branches {
                match required(branch) {
                    Some(literals) => union.extend(literals),
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                consider(Some(union));
            }
        }
        HirKind::Capture(capture) => consider(required(&capture.sub)),
        HirKind::Repetition(repetition) if repetition.min > 0 => {
            consider(required(&repetition.sub))
        }
        _ => {}
    }
    best
}

/// How good a literal set is as a filter: a set is better when its
/// shortest literal is longer, then when it has fewer literals. No set at
/// all is worst.
fn score(literals: &Option<Vec<Vec<u8>>>) -> (usize, usize) {
    match literals {
        None => (0, 0),
        Some(set) => {
            let shortest = set.iter().map(Vec::len).min().unwrap_or(usize::MAX);
            (shortest.min(MAX_LITERAL_BYTES), usize::MAX - set.len())
        }
    }
}

/// The literals every match of `hir` starts with, when they form a finite
/// set of non-empty strings.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq: Seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let literals = seq.literals()?;
    if literals.iter().any(|l| l.is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// `hir` (parsed case-sensitively) made to match every line that the
/// pattern matches (with `case_insensitive`), lower-cased in ASCII, unless
/// the line holds a character of [`FOLDS_TO_ASCII`]: case variants added
/// where the pattern ignores case, large classes widened to any character,
/// ASCII capitals turned into small letters. The result's required literals
/// are the pattern's, up to ASCII case.
fn fold(hir: &Hir, case_insensitive: bool) -> Hir {
    let sub = |inner: &Hir| Box::new(fold(inner, case_insensitive));
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            // An ASCII letter's other case variants are the ASCII capital
            // (folded back here) and the two characters dropped anyway.
            Ok(text) if case_insensitive && !text.is_ascii() => Hir::concat(
                text.chars()
                    .map(|c| {
                        let class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
                        Hir::class(Class::Unicode(fold_unicode(&class, true)))
                    })
                    .collect(),
            ),
            // ASCII, and bytes outside UTF-8 (`(?-u:\xFF)`), fold in ASCII only.
            _ => Hir::literal(literal.0.to_ascii_lowercase()),
        },
        HirKind::Class(Class::Unicode(class)) => {
            Hir::class(Class::Unicode(fold_unicode(class, case_insensitive)))
        }
        HirKind::Class(Class::Bytes(class)) => Hir::class(Class::Bytes(fold_bytes(class))),
        HirKind::Repetition(repetition) => {
            let mut folded = repetition.clone();
            folded.sub = sub(&repetition.sub);
            Hir::repetition(folded)
        }
        HirKind::Capture(capture) => {
            let mut folded = capture.clone();
            folded.sub = sub(&capture.sub);
            Hir::capture(folded)
        }
        HirKind::Concat(parts) => {
            Hir::concat(parts.iter().map(|p| fold(p, case_insensitive)).collect())
        }
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(|b| fold(b, case_insensitive)).collect())
        }
    }
}

fn fold_unicode(class: &ClassUnicode, case_insensitive: bool) -> ClassUnicode {
    let size: u32 = class
        .ranges()
        .iter()
        .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
        .sum();
    if size > MAX_FOLDED_CLASS {
        // It gives no literals either way; a one-range class is cheap to
        // copy, and the search for literals copies parts many times.
        return ClassUnicode::new([ClassUnicodeRange::new('\0', char::MAX)]);
    }
    let mut class = class.clone();
    if case_insensitive {
        class.case_fold_simple();
    }
    let class = &class;
    let capitals = ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]);
    let mut lowered = class.clone();
    lowered.intersect(&capitals);
    let lowered =
        ClassUnicode::new(lowered.ranges().iter().map(|r| {
            ClassUnicodeRange::new(ascii_lower_char(r.start()), ascii_lower_char(r.end()))
        }));
    let mut folded = class.clone();
    folded.difference(&capitals);
    folded.union(&lowered);
    folded.difference(&ClassUnicode::new(
        FOLDS_TO_ASCII.map(|c| ClassUnicodeRange::new(c, c)),
    ));
    folded
}

fn fold_bytes(class: &ClassBytes) -> ClassBytes {
    let capitals = ClassBytes::new([ClassBytesRange::new(b'A', b'Z')]);
    let mut lowered = class.clone();
    lowered.intersect(&capitals);
    let lowered = ClassBytes::new(lowered.ranges().iter().map(|r| {
        ClassBytesRange::new(r.start().to_ascii_lowercase(), r.end().to_ascii_lowercase())
    }));
    let mut folded = class.clone();
    folded.difference(&capitals);
    folded.union(&lowered);
    folded
}

fn ascii_lower_char(c: char) -> char {
    c.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(pattern: &str) -> Option<Vec<String>> {
        required_literals(pattern, true).map(|needs| {
            needs
                .literals()
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect()
        })
    }

    #[test]
    fn prefixes_of_an_anchored_alternation() {
        assert_eq!(
            strings(r"^(?:sign up|subscribe)(?: now)? for\b").unwrap(),
            // Cut to eight bytes: `sign up for` and `sign up now for` merge.
            ["sign up ", "subscrib"]
        );
    }

    #[test]
    fn only_a_pattern_anchored_at_the_start_needs_its_literals_there() {
        let at_start =
            |pattern: &str| matches!(required_literals(pattern, true), Some(Needs::Start(_)));
        assert!(at_start(r"^(?:sign up|subscribe)(?: now)? for\b"));
        assert!(at_start(r"\Aread more"));
        assert!(!at_start(r"read more$"), "not anchored");
        assert!(!at_start(r"(?m)^read more"), "a line start inside the text");
        assert!(!at_start(r"(?:^|\. )read more"), "one branch only");
        // Anchored, but what comes first is a class too wide to list: the
        // literal later in the line is needed anywhere.
        assert_eq!(
            required_literals(r"^\w+ newsletter", true),
            Some(Needs::Anywhere(vec![b" newslet".to_vec()]))
        );
    }

    #[test]
    fn a_literal_after_a_free_start_is_found() {
        let set = strings(r"^(?:[\w’'&-]+ ){0,3}newsletters?[.!:]?$").unwrap();
        assert!(set.iter().all(|l| l.starts_with("newslett")), "{set:?}");
    }

    #[test]
    fn a_pattern_of_classes_alone_has_no_literals() {
        assert_eq!(strings(r"^[\w ]+$"), None);
        assert_eq!(strings(r".*"), None);
    }

    #[test]
    fn case_sensitive_capitals_are_folded_too() {
        let photo = required_literals(r"Photo: \w+", false).unwrap();
        assert_eq!(photo, Needs::Anywhere(vec![b"photo: ".to_vec()]));
    }

    #[test]
    fn letters_outside_ascii_keep_their_case_variants() {
        let set = strings(r"^über uns$").unwrap();
        assert_eq!(set, ["Über un", "über un"].map(|l| l.to_string()));
        assert_eq!(
            required_literals(r"^über", false).unwrap(),
            Needs::Start(vec!["über".as_bytes().to_vec()])
        );
    }

    #[test]
    fn only_two_characters_outside_ascii_fold_to_ascii_letters() {
        // The prefilter's one assumption about Unicode case folding: every
        // other character a case-insensitive ASCII letter matches is ASCII.
        let letter = regex::Regex::new(r"(?i)^[a-z]$").unwrap();
        let mut buf = [0u8; 4];
        let folding: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| letter.is_match(c.encode_utf8(&mut buf)))
            .collect();
        assert_eq!(folding, ['\u{017F}', '\u{212A}']);
        assert!(needs_every_rule("Temperature: 300 \u{212A}"));
        assert!(!needs_every_rule("Température: 300 K"));
    }
}
