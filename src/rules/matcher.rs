//! A rule's pattern compiled for the one question the rules ask: does it
//! match anywhere in a block?
//!
//! `regex::Regex` answers every question (where, which groups) and so builds
//! two Thompson NFAs per pattern, one forward and one reverse, the reverse
//! for finding where a match starts. Compiling the rules' patterns was a
//! third of the instructions of a text run over a few hundred documents:
//! rules that spell a Unicode class under a counted repetition
//! (`[\w .’'&-]{1,40}`) compile to tens of thousands of NFA states. A
//! [`Matcher`] builds the forward NFA only and answers `is_match` as the
//! regex crate does when it needs no match position: a forward lazy DFA
//! that stops at the first match, and where that gives up (a Unicode `\b`
//! next to a letter outside ASCII, a cache that thrashes), a bounded
//! backtracker on short blocks or else a PikeVM, on the same NFA.

use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, backtrack, pikevm, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::Input;

/// Upper bound on each rule's lazy DFA cache (the regex crate's default is
/// 2 MB). Rules with case-insensitive Unicode classes under counted
/// repetition (`[\w .’'&-]{1,40}`) need more: with the default, the cache
/// is either too small for the lazy DFA to be used at all or is cleared so
/// often that the search gives up, and every block is then matched on the
/// PikeVM or the backtracker, several times slower. The cache only grows as
/// states are built, so the bound costs memory only for the rules that need it.
const DFA_CACHE_BYTES: usize = 8 << 20;

/// Upper bound on each rule's compiled NFA (the regex crate's `size_limit`
/// as the rules were first compiled with).
const NFA_BYTES: usize = 16 << 20;

/// The per-thread scratch space of a [`Matcher`]'s engines.
struct Caches {
    dfa: Option<hybrid::dfa::Cache>,
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
}

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// One pattern, compiled to answer whether it matches a text.
pub(crate) struct Matcher {
    /// `None` when the lazy DFA could not be built in the cache allowed.
    dfa: Option<hybrid::dfa::DFA>,
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
    caches: Pool<Caches, MakeCaches>,
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Matcher").finish_non_exhaustive()
    }
}

/// Why a pattern could not be compiled.
#[derive(Debug)]
pub(crate) struct MatcherError(String);

impl fmt::Display for MatcherError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Matcher {
    /// Compiles `pattern` with the regex crate's syntax and defaults
    /// (Unicode, `^`/`$` at the ends of the text), case-insensitively when
    /// asked, within [`NFA_BYTES`] and [`DFA_CACHE_BYTES`].
    pub(crate) fn new(pattern: &str, case_insensitive: bool) -> Result<Matcher, MatcherError> {
        // Parsed by regex-syntax itself, so that a bad pattern is reported
        // with the same message (and caret) as the regex crate gives.
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .map_err(|e| MatcherError(e.to_string()))?;
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .nfa_size_limit(Some(NFA_BYTES))
                    .which_captures(WhichCaptures::Implicit),
            )
            .build_from_hir(&hir)
            .map_err(|e| MatcherError(e.to_string()))?;
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .cache_capacity(DFA_CACHE_BYTES)
                    // A Unicode `\b` is served while the text is ASCII; the
                    // search gives up at a byte outside it, as it does when
                    // the cache is cleared too often to pay.
                    .unicode_word_boundary(true)
                    .skip_cache_capacity_check(false)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            .ok();
        let backtrack = backtrack::BoundedBacktracker::new_from_nfa(nfa.clone())
            .map_err(|e| MatcherError(e.to_string()))?;
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa).map_err(|e| MatcherError(e.to_string()))?;
        let make: MakeCaches = {
            let (dfa, backtrack, pikevm) = (dfa.clone(), backtrack.clone(), pikevm.clone());
            Box::new(move || Caches {
                dfa: dfa.as_ref().map(hybrid::dfa::Cache::new),
                backtrack: backtrack.create_cache(),
                pikevm: pikevm.create_cache(),
            })
        };
        Ok(Matcher {
            dfa,
            backtrack,
            pikevm,
            caches: Pool::new(make),
        })
    }

    /// Whether the pattern matches anywhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let mut caches = self.caches.get();
        let caches = &mut *caches;
        let input = Input::new(text).earliest(true);
        if let (Some(dfa), Some(cache)) = (&self.dfa, caches.dfa.as_mut()) {
            if let Ok(found) = dfa.try_search_fwd(cache, &input) {
                return found.is_some();
            }
        }
        if text.len() <= self.backtrack.max_haystack_len() {
            if let Ok(found) = self
                .backtrack
                .try_is_match(&mut caches.backtrack, input.clone())
            {
                return found;
            }
        }
        self.pikevm.is_match(&mut caches.pikevm, input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(pattern: &str) -> Matcher {
        Matcher::new(pattern, true).expect("valid pattern")
    }

    #[test]
    fn answers_as_the_regex_crate_does() {
        let patterns = [
            r"^read more$",
            r"(?-u:\b)share(?-u:\b)",
            r"\bczytaj też\b",
            r"^(?:more from [\w .’'&-]{1,40})[:.]?$",
            r"\((?:getty images|ap photo)\)\.?$",
            r"(?-i:[A-Z]\w+)/(?-i:[A-Z]\w+)",
            r"^$",
        ];
        let texts = [
            "",
            "Read More",
            "read more now",
            "Please share this",
            "shared",
            "Czytaj też: nowe przepisy",
            "czytaj teżby",
            "More from Zürich",
            "MORE FROM the newsroom.",
            "A man walks (Getty Images).",
            "Photo: Reuters/AFP",
            "photo: reuters/afp",
            "Die Stadt Zürich – ÜBER uns",
        ];
        for pattern in patterns {
            let ours = matcher(pattern);
            let theirs = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .expect("valid pattern");
            for text in texts {
                assert_eq!(
                    ours.is_match(text),
                    theirs.is_match(text),
                    "{pattern:?} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn a_unicode_word_boundary_beside_a_letter_outside_ascii_is_served() {
        // The lazy DFA gives up at `ż`; the fallback must still answer.
        let m = matcher(r"\bczytaj też\b");
        assert!(m.is_match("Czytaj też"));
        assert!(!m.is_match("Czytaj teżx"));
        let long = format!("{} czytaj też", "słowo ".repeat(5_000));
        assert!(m.is_match(&long), "a text too long for the backtracker");
    }

    #[test]
    fn a_bad_pattern_is_reported_as_the_regex_crate_reports_it() {
        // Built at run time: clippy rightly refuses a literal bad regex.
        let bad = ["(", "unclosed"].concat();
        let ours = Matcher::new(&bad, true).unwrap_err();
        let theirs = regex::Regex::new(&bad).unwrap_err();
        assert!(
            theirs.to_string().contains(&ours.to_string()),
            "{ours} / {theirs}"
        );
    }
}
