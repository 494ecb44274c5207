//! Word boundaries in a rule's pattern, made ASCII where Unicode is not
//! needed.
//!
//! This file is also compiled into the build script (`build.rs`), which reads
//! the built-in rules' literals ahead of time from the patterns as the
//! rules compile them.

/// The pattern with every `\b` made an ASCII word boundary, `(?-u:\b)`,
/// unless `unicode` is set.
///
/// A Unicode `\b` sends a regex from its lazy DFA to a slower engine on a
/// line with a non-ASCII character, and English rules need no more than the
/// ASCII one. But an ASCII `\b` sees no boundary between a space and `ü`,
/// or between `ż` and the end of the line: `\büber` or `\bczytaj też\b`
/// would never match. So rules for other languages (with `languages`) and
/// rules that spell a non-ASCII letter keep the Unicode `\b`. An escaped
/// backslash followed by `b` (`\\b`) is left alone.
pub(crate) fn word_boundaries(pattern: &str, unicode: bool) -> String {
    if unicode {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some(next) => {
                out.push(c);
                out.push(next);
            }
            None => out.push(c),
        }
    }
    out
}
