//! The built-in rules' required literals, read when pith was built.
//!
//! The build script (`build.rs`) runs [`super::literals::required_literals`]
//! on every built-in pattern, as the library compiles it, and writes the
//! table included here; start-up then skips reading the patterns' syntax
//! trees. A pattern not in the table (a user's rule) is read at run time.

use super::literals::Needs;

/// One built-in source: the pattern as the rules compile it, whether it
/// ignores case, and its literals (`None` for no set): whether they must
/// begin the line, and which. Sorted by source, then flag.
type Entry = (&'static str, bool, Option<(bool, &'static [&'static [u8]])>);

include!(concat!(env!("OUT_DIR"), "/builtin_literals.rs"));

/// The literals of `pattern` (a source as the rules compile it) with
/// `case_insensitive`, when the build read them: `Some` of what
/// [`super::literals::required_literals`] gives, `None` for a pattern the
/// build did not see.
pub(crate) fn lookup(pattern: &str, case_insensitive: bool) -> Option<Option<Needs>> {
    let i = TABLE
        .binary_search_by(|&(source, flag, _)| (source, flag).cmp(&(pattern, case_insensitive)))
        .ok()?;
    let (_, _, needs) = TABLE[i];
    Some(needs.map(|(at_start, literals)| {
        let literals = literals.iter().map(|l| l.to_vec()).collect();
        if at_start {
            Needs::Start(literals)
        } else {
            Needs::Anywhere(literals)
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::literals::required_literals;

    #[test]
    fn the_table_holds_what_reading_the_patterns_gives() {
        assert!(TABLE.len() > 300, "every built-in rule: {}", TABLE.len());
        for &(source, case_insensitive, _) in TABLE {
            assert_eq!(
                lookup(source, case_insensitive),
                Some(required_literals(source, case_insensitive)),
                "{source:?}"
            );
        }
    }

    #[test]
    fn every_built_in_rule_is_in_the_table() {
        let rules = crate::rules::RuleSet::builtin();
        for compiled in &rules.compiled {
            let sources = &compiled.sources;
            for source in std::iter::once(&sources.pattern).chain(&sources.requires) {
                assert!(
                    lookup(source, sources.case_insensitive).is_some(),
                    "{source:?}"
                );
            }
        }
        assert_eq!(lookup("a pattern of no rule", true), None);
    }
}
