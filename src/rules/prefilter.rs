//! Which rules of a list can match a line, found in one pass.
//!
//! Matching every rule's regex against every line was three quarters of
//! text mode's time. Most rules need a word or phrase (`newsletter`,
//! `read more`, `©`) that most lines lack. [`Prefilter`] compares a line's
//! first bytes with the literals that must begin it (the rules anchored at
//! the line's start, most of them), finds the other rules' literals in one
//! Aho-Corasick pass over the line, and names the rules that may match:
//! those whose literal occurs where it must, and those with no literal at
//! all. Only these are then matched, in list order, so
//! the first rule that matches is the same as when every rule is tried.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::literals::{needs_every_rule, Needs};

/// Rule lists up to this many rules keep their candidate set on the stack.
const INLINE_WORDS: usize = 4;

/// Lines a list's prefilter searches with its quick-to-build automaton
/// before it builds the quick-to-search one.
///
/// A contiguous NFA builds in a fraction of a DFA's time (the DFA of the
/// rules for pages of any language is a fifth of pith's start-up) but
/// searches a line at about half the speed; the DFA's build is repaid after
/// some tens of thousands of lines. So a short run never builds it, and a
/// long one soon does. Either finds the same literals.
const DFA_AFTER_LINES: usize = 20_000;

/// The longest literal a line's start is compared with: as many bytes as a
/// `u64` holds (see [`Start`]). Literals are cut to as many (see
/// [`super::literals`]); a longer one would be searched for anywhere.
const START_BYTES: usize = 8;

/// The candidate finder for one ordered list of rules.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// The literals that must begin a line, sorted by their first byte (see
    /// [`Start`]).
    starts: Vec<Start>,
    /// `starts[first[b]..first[b + 1]]` are the literals whose first byte
    /// is `b`.
    first: Box<[u32; 257]>,
    /// The literals that may be anywhere in a line; `None` when no rule has
    /// any.
    searcher: Option<AhoCorasick>,
    /// The literals again, for `faster`.
    patterns: Vec<Vec<u8>>,
    /// The same search as a DFA, built once `searched` passes
    /// [`DFA_AFTER_LINES`]; `None` inside if it cannot be built.
    faster: OnceLock<Option<AhoCorasick>>,
    /// Lines searched so far (by every thread).
    searched: AtomicUsize,
    /// For each literal of `searcher`, the positions (in the list) of the
    /// rules that require it.
    owners: Vec<Box<[u32]>>,
    /// The positions of the rules with no required literal, as a bit set.
    always: Box<[u64]>,
    /// The number of rules in the list.
    len: usize,
}

impl Prefilter {
    /// A prefilter for a list of rules, given each rule's required literals
    /// in list order (`None` for a rule that must be tried on every line).
    pub(crate) fn new<'a>(literals: impl IntoIterator<Item = Option<&'a Needs>>) -> Self {
        type ByLiteral<'a> = std::collections::BTreeMap<&'a [u8], Vec<u32>>;
        let mut by_literal: ByLiteral = Default::default();
        let mut by_start: ByLiteral = Default::default();
        let mut always = Vec::new();
        let mut len = 0;
        for (position, required) in literals.into_iter().enumerate() {
            len = position + 1;
            let words = position / 64 + 1;
            if always.len() < words {
                always.resize(words, 0u64);
            }
            match required {
                None => always[position / 64] |= 1 << (position % 64),
                Some(needs) => {
                    let table = match needs {
                        Needs::Start(_) => &mut by_start,
                        Needs::Anywhere(_) => &mut by_literal,
                    };
                    for literal in needs.literals() {
                        // Rule positions fit in u32: a rules file of four
                        // billion rules is not a use case.
                        table
                            .entry(literal.as_slice())
                            .or_default()
                            .push(position as u32);
                    }
                }
            }
        }
        always.resize(len.div_ceil(64), 0);
        // In the map's order, so sorted by first byte.
        let mut starts = Vec::with_capacity(by_start.len());
        for (literal, rules) in by_start {
            match Start::new(literal, rules) {
                Ok(start) => starts.push(start),
                // Empty, or longer than literals are cut to: a literal found
                // anywhere in a line is found at its start too.
                Err(rules) => by_literal.entry(literal).or_default().extend(rules),
            }
        }
        let mut first = Box::new([0u32; 257]);
        for (byte, offset) in first.iter_mut().enumerate() {
            // Fewer than four billion literals, as rules.
            *offset = starts.partition_point(|s: &Start| usize::from(s.first_byte()) < byte) as u32;
        }
        let (patterns, owners): (Vec<&[u8]>, Vec<Box<[u32]>>) = by_literal
            .into_iter()
            .map(|(literal, rules)| (literal, rules.into_boxed_slice()))
            .unzip();
        let patterns: Vec<Vec<u8>> = patterns.into_iter().map(<[u8]>::to_vec).collect();
        let searcher = if patterns.is_empty() {
            None
        } else {
            // The literals come from valid patterns and are few; building
            // the automaton only fails past limits far beyond them, and
            // then every rule is simply tried on every line.
            build(&patterns, AhoCorasickKind::ContiguousNFA)
        };
        if searcher.is_none() && !patterns.is_empty() {
            always.iter_mut().for_each(|w| *w = u64::MAX);
        }
        Prefilter {
            starts,
            first,
            searcher,
            patterns,
            faster: OnceLock::new(),
            searched: AtomicUsize::new(0),
            owners,
            always: always.into_boxed_slice(),
            len,
        }
    }

    /// The first position (in list order) for which `accept` holds, among
    /// the rules that may match `text`. `accept` runs the rule's own checks
    /// and its regex; it is called for candidates only, in list order.
    pub(crate) fn first(&self, text: &str, mut accept: impl FnMut(usize) -> bool) -> Option<usize> {
        let words = self.always.len();
        let mut inline = [0u64; INLINE_WORDS];
        let mut heap = Vec::new();
        let candidates: &mut [u64] = if words <= INLINE_WORDS {
            &mut inline[..words]
        } else {
            heap.resize(words, 0);
            &mut heap
        };
        if needs_every_rule(text) {
            candidates.iter_mut().for_each(|w| *w = u64::MAX);
        } else {
            candidates.copy_from_slice(&self.always);
            let mut mark = |rules: &[u32]| {
                for &position in rules {
                    let position = position as usize;
                    candidates[position / 64] |= 1 << (position % 64);
                }
            };
            self.starting(text, &mut mark);
            if let Some(searcher) = self.searcher() {
                for hit in searcher.find_overlapping_iter(text) {
                    mark(&self.owners[hit.pattern().as_usize()]);
                }
            }
        }
        for (index, &word) in candidates.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let position = index * 64 + word.trailing_zeros() as usize;
                if position >= self.len {
                    return None;
                }
                if accept(position) {
                    return Some(position);
                }
                word &= word - 1;
            }
        }
        None
    }
}

/// A literal that must begin a line, held as a number so that comparing it
/// with a line's first bytes is one masked comparison.
#[derive(Debug)]
struct Start {
    /// The literal's bytes, little-endian, zero past its end.
    value: u64,
    /// Ones over the literal's bytes (1 to [`START_BYTES`] of them).
    mask: u64,
    /// The positions (in the list) of the rules that require it.
    rules: Box<[u32]>,
}

impl Start {
    /// The literal as a [`Start`], or `rules` back if it is empty or longer
    /// than [`START_BYTES`].
    fn new(literal: &[u8], rules: Vec<u32>) -> Result<Start, Vec<u32>> {
        if literal.is_empty() || literal.len() > START_BYTES {
            return Err(rules);
        }
        Ok(Start {
            value: Start::head(literal),
            mask: Start::mask(literal.len()),
            rules: rules.into_boxed_slice(),
        })
    }

    /// The first [`START_BYTES`] of `bytes` in ASCII lower case, as
    /// [`Start::value`] holds a literal.
    fn head(bytes: &[u8]) -> u64 {
        let mut head = [0u8; START_BYTES];
        let n = bytes.len().min(START_BYTES);
        head[..n].copy_from_slice(&bytes[..n]);
        head.make_ascii_lowercase();
        u64::from_le_bytes(head)
    }

    /// Ones over the first `len` bytes, `len` from 1 to [`START_BYTES`].
    fn mask(len: usize) -> u64 {
        u64::MAX >> (8 * (START_BYTES - len))
    }

    fn first_byte(&self) -> u8 {
        // Little-endian: the lowest byte is the first.
        self.value as u8
    }
}

impl Prefilter {
    /// Calls `found` with the rules of each literal of `starts` that `text`
    /// begins with (compared ASCII-case-insensitively, as the literals are
    /// in lower case).
    fn starting(&self, text: &str, mut found: impl FnMut(&[u32])) {
        let bytes = text.as_bytes();
        let Some(&byte) = bytes.first() else {
            return;
        };
        let byte = usize::from(byte.to_ascii_lowercase());
        let candidates = &self.starts[self.first[byte] as usize..self.first[byte + 1] as usize];
        if candidates.is_empty() {
            return;
        }
        let head = Start::head(bytes);
        // A literal longer than the line cannot begin it.
        let available = Start::mask(bytes.len().min(START_BYTES));
        for start in candidates {
            if start.mask <= available && head & start.mask == start.value {
                found(&start.rules);
            }
        }
    }

    /// The automaton to search this line with (see [`DFA_AFTER_LINES`]).
    fn searcher(&self) -> Option<&AhoCorasick> {
        let nfa = self.searcher.as_ref()?;
        let faster = match self.faster.get() {
            Some(faster) => faster,
            None if self.searched.fetch_add(1, Ordering::Relaxed) < DFA_AFTER_LINES => {
                return Some(nfa)
            }
            None => self
                .faster
                .get_or_init(|| build(&self.patterns, AhoCorasickKind::DFA)),
        };
        Some(faster.as_ref().unwrap_or(nfa))
    }
}

/// An ASCII-case-insensitive automaton of `kind` finding every occurrence
/// of `patterns`; `None` if one cannot be built.
fn build(patterns: &[Vec<u8>], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(patterns)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(literals: &[&str]) -> Option<Needs> {
        Some(Needs::Anywhere(
            literals.iter().map(|l| l.as_bytes().to_vec()).collect(),
        ))
    }

    fn start(literals: &[&str]) -> Option<Needs> {
        Some(Needs::Start(
            literals.iter().map(|l| l.as_bytes().to_vec()).collect(),
        ))
    }

    #[test]
    fn candidates_come_in_list_order() {
        let lists = [set(&["share"]), None, set(&["read more", "share"])];
        let prefilter = Prefilter::new(lists.iter().map(Option::as_ref));
        let mut seen = Vec::new();
        let none = prefilter.first("SHARE this", |p| {
            seen.push(p);
            false
        });
        assert_eq!(none, None);
        assert_eq!(seen, [0, 1, 2]);
        seen.clear();
        prefilter.first("nothing here", |p| {
            seen.push(p);
            false
        });
        assert_eq!(seen, [1], "only the rule without literals");
        assert_eq!(prefilter.first("Read More", |p| p == 2), Some(2));
    }

    #[test]
    fn long_lists_use_every_word() {
        let lists: Vec<Option<Needs>> = (0..300).map(|i| set(&[&format!("word{i:03}x")])).collect();
        let prefilter = Prefilter::new(lists.iter().map(Option::as_ref));
        assert_eq!(prefilter.first("a WORD299X b", |_| true), Some(299));
        assert_eq!(prefilter.first("a word000x b", |_| true), Some(0));
        assert_eq!(prefilter.first("no words", |_| true), None);
    }

    #[test]
    fn the_faster_automaton_finds_the_same_candidates() {
        let lists = [
            set(&["share"]),
            None,
            set(&["read more", "share"]),
            set(&["news"]),
        ];
        let prefilter = Prefilter::new(lists.iter().map(Option::as_ref));
        let lines = ["SHARE this", "nothing here", "Read More news", "newsletter"];
        let seen = |prefilter: &Prefilter| -> Vec<Vec<usize>> {
            lines
                .iter()
                .map(|line| {
                    let mut seen = Vec::new();
                    prefilter.first(line, |p| {
                        seen.push(p);
                        false
                    });
                    seen
                })
                .collect()
        };
        let before = seen(&prefilter);
        assert!(prefilter.faster.get().is_none());
        for _ in 0..DFA_AFTER_LINES {
            prefilter.first("a line", |_| false);
        }
        let after = seen(&prefilter);
        assert!(prefilter.faster.get().is_some_and(Option::is_some));
        assert_eq!(before, after);
        assert_eq!(after, [vec![0, 1, 2], vec![1], vec![1, 2, 3], vec![1, 3]]);
    }

    #[test]
    fn a_literal_needed_at_the_start_counts_only_there() {
        let lists = [start(&["read mor", "more"]), set(&["share"]), start(&["r"])];
        let prefilter = Prefilter::new(lists.iter().map(Option::as_ref));
        let seen = |line: &str| {
            let mut seen = Vec::new();
            prefilter.first(line, |p| {
                seen.push(p);
                false
            });
            seen
        };
        assert_eq!(seen("READ MORE: the story"), [0, 2]);
        assert_eq!(seen("More to share"), [0, 1]);
        assert_eq!(seen("We read more and more"), Vec::<usize>::new());
        assert_eq!(seen("Share, read more"), [1]);
        assert_eq!(seen("r"), [2], "a line as short as the literal");
        assert_eq!(seen(""), Vec::<usize>::new());
        // A line cut inside a character is compared byte by byte.
        assert_eq!(seen("rö"), [2]);
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        let prefilter = Prefilter::new(std::iter::empty());
        assert_eq!(prefilter.first("anything", |_| true), None);
    }
}
