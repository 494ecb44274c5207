//! Line normalisation shared by every input kind.
//!
//! The golden conventions say each kept line is trimmed and every run of white
//! space inside it becomes one space. Text dumps also carry debris of the HTML
//! they were scraped from (`<a href=...>License Photo</a>`, `&amp;`), which is
//! stripped and decoded here so that rules and the output see plain text.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Matches something that is unmistakably a tag: `<` followed by a tag name
/// (or `/` and a tag name) and an optional attribute list, up to `>`. Text such
/// as `a < b and c > d` has no tag name right after `<`, so it is left alone.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--.*?-->").expect("valid tag regex")
});

/// Collapses every run of white space (Unicode, including no-break spaces)
/// into one ASCII space, trims both ends, and composes the text to Unicode
/// NFC.
///
/// Zero-width characters are dropped where they touch white space or an end
/// of the line (`"\u{200b}Share"` must match the rule for `Share`), but kept
/// inside a word: a zero-width non-joiner spells Persian and Indic words, a
/// zero-width joiner builds emoji, and a zero-width space is the word break
/// of Thai and Khmer text.
///
/// NFC because the same word arrives composed from one page and decomposed
/// from another (a Bengali `য়`, a Vietnamese tone mark, a Korean syllable
/// spelled in jamo): composed, it is one string for the rules, the corpus
/// counts and whoever reads the output.
///
/// ```
/// assert_eq!(pith::document::collapse_whitespace("  a \u{a0}\t b  "), "a b");
/// // "é" spelled as "e" and a combining acute accent is composed.
/// assert_eq!(pith::document::collapse_whitespace("caf\u{65}\u{301}"), "caf\u{e9}");
/// // A Persian word keeps its zero-width non-joiner.
/// assert_eq!(pith::document::collapse_whitespace("\u{200c}می\u{200c}خواهم "), "می\u{200c}خواهم");
/// ```
pub fn collapse_whitespace(text: &str) -> String {
    // One pass, copying runs of visible characters whole: this runs on
    // every line of every document, and splitting into words and trimming
    // each was a tenth of text mode's time.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Whether the word being read has a visible character yet; where the
    // run of invisible characters inside it (kept only when a visible one
    // follows) and the run of plain characters being copied begin.
    let mut in_word = false;
    let mut held: Option<usize> = None;
    let mut run: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        // Printable ASCII, the bulk of most lines, is plain: skip over it
        // byte by byte, then look at the one character after it.
        let start = at;
        while at < bytes.len() && (b'!'..=b'~').contains(&bytes[at]) {
            at += 1;
        }
        let plain_run = at > start;
        let next = text.get(at..).and_then(|rest| rest.chars().next());
        let next_plain = next.is_some_and(|c| !c.is_whitespace() && !is_invisible(c));
        if plain_run || next_plain {
            if !in_word {
                if !out.is_empty() {
                    out.push(' ');
                }
                in_word = true;
            }
            if run.is_none() {
                // Invisible characters between visible ones stay.
                run = Some(held.take().unwrap_or(start));
            }
        }
        let Some(c) = next else { break };
        at += c.len_utf8();
        if next_plain {
            continue;
        }
        if let Some(begin) = run.take() {
            out.push_str(&text[begin..at - c.len_utf8()]);
        }
        if c.is_whitespace() {
            in_word = false;
            held = None;
        } else if in_word && held.is_none() {
            held = Some(at - c.len_utf8());
        }
    }
    if let Some(begin) = run {
        out.push_str(&text[begin..]);
    }
    compose(out)
}

/// The text in Unicode NFC; ASCII and text already composed (nearly every
/// line) are returned as they are, after a quick check.
fn compose(text: String) -> String {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// Zero-width and byte-order characters that scrapers leave behind.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Strips HTML tags and decodes entities left inside a line of a text dump.
///
/// ```
/// let line = r#"File photo by KCNA | <a href="/x" target="_blank">License Photo</a>"#;
/// assert_eq!(pith::document::strip_markup(line), "File photo by KCNA | License Photo");
/// assert_eq!(pith::document::strip_markup("Q&amp;A &#8212; a < b"), "Q&A \u{2014} a < b");
/// ```
pub fn strip_markup(line: &str) -> Cow<'_, str> {
    let untagged = if line.contains('<') {
        // Block-level tags separate words; inline ones (`<b>`, `<a>`) do not.
        TAG.replace_all(line, |caps: &regex::Captures| {
            let tag = caps[0].trim_start_matches(['<', '/']).to_ascii_lowercase();
            let separates = ["br", "p", "div", "li", "td", "tr", "h1", "h2", "h3"]
                .iter()
                .any(|name| {
                    tag.strip_prefix(name)
                        .is_some_and(|rest| rest.starts_with(['>', ' ', '/']))
                });
            if separates {
                " "
            } else {
                ""
            }
        })
    } else {
        Cow::Borrowed(line)
    };
    if untagged.contains('&') {
        Cow::Owned(html_escape::decode_html_entities(&untagged).into_owned())
    } else {
        untagged
    }
}

/// The full normalisation of one raw line: markup stripped, entities decoded,
/// white space collapsed.
///
/// ```
/// assert_eq!(pith::document::normalize_line("  <b>Hello</b>\t&nbsp;world "), "Hello world");
/// ```
pub fn normalize_line(line: &str) -> String {
    collapse_whitespace(&strip_markup(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_comparison_signs() {
        assert_eq!(normalize_line("if a < b and b > c"), "if a < b and b > c");
    }

    #[test]
    fn strips_comments_and_self_closing_tags() {
        assert_eq!(
            normalize_line("one<br/>two <!-- x --> th<b>re</b>e"),
            "one two three"
        );
    }

    /// The definition `collapse_whitespace` implements in one pass: split
    /// at white space, trim invisible characters off each word, join the
    /// words left with one space.
    fn collapse_by_words(text: &str) -> String {
        let words: Vec<&str> = text
            .split(char::is_whitespace)
            .map(|word| word.trim_matches(is_invisible))
            .filter(|word| !word.is_empty())
            .collect();
        compose(words.join(" "))
    }

    #[test]
    fn one_pass_collapse_agrees_with_splitting_into_words() {
        // Every string of up to five characters over an alphabet of each
        // kind of character the pass tells apart.
        let alphabet = [
            'a', '.', '\u{1}', 'é', ' ', '\t', '\u{a0}', '\u{200b}', '\u{200c}', '\u{feff}',
            '\u{301}', 'ж',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        assert!(strings.len() > 100_000);
        for text in &strings {
            assert_eq!(
                collapse_whitespace(text),
                collapse_by_words(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn zero_width_space_is_white_space() {
        assert_eq!(normalize_line("\u{200b}Share\u{feff} this"), "Share this");
    }

    #[test]
    fn zero_width_characters_inside_a_word_are_kept() {
        // Thai words are separated by zero-width spaces, not by spaces.
        assert_eq!(normalize_line("สวัสดี\u{200b}ครับ"), "สวัสดี\u{200b}ครับ");
        // A family emoji is three emoji joined by zero-width joiners.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(normalize_line(&format!(" {family} ")), family);
    }

    #[test]
    fn decomposed_text_is_composed() {
        // A Korean syllable spelled as three jamo.
        assert_eq!(normalize_line("\u{1112}\u{1161}\u{11ab}"), "\u{d55c}");
        // Bengali "য়" is one of the letters NFC keeps as letter + nukta.
        assert_eq!(normalize_line("\u{9df}"), "\u{9af}\u{9bc}");
    }

    #[test]
    fn empty_and_blank_lines_become_empty() {
        assert_eq!(normalize_line(""), "");
        assert_eq!(normalize_line(" \t \u{a0}"), "");
    }
}
