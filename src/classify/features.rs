//! Per-block text features: the evidence every classifier pass reads.

use std::sync::LazyLock;

use crate::fixed_hash::FixedSet;

/// English function words. A paragraph of prose is about 40% function words;
/// a menu, a headline or a list of names has few. (The measure comes from
/// jusText; the list is compiled in so the binary has no data files.)
/// Held as bytes: a word is looked up in a lower-cased stack copy, which
/// then needs no UTF-8 check.
static STOPWORDS: LazyLock<FixedSet<&'static [u8]>> = LazyLock::new(|| {
    include_str!("stopwords_en.txt")
        .split_whitespace()
        .map(str::as_bytes)
        .collect()
});

/// Measurements of one block's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// Length in characters.
    pub chars: usize,
    /// Number of white-space separated words.
    pub words: usize,
    /// Share of words that are function words.
    pub stopword_density: f32,
    /// Whether the block ends like a sentence (`.`, `!`, `?`, a closing quote…).
    pub ends_sentence: bool,
    /// Share of words (of two letters or more) that start with a capital.
    pub capitalised: f32,
    /// Whether the block opens with a list bullet (`-`, `•`, `*`, `1.`).
    pub bullet: bool,
}

impl Features {
    /// Measures `text`, a normalised block.
    ///
    /// ```
    /// let f = pith::classify::Features::of("He said it was over.");
    /// assert_eq!((f.words, f.ends_sentence), (5, true));
    /// assert!(f.stopword_density > 0.5);
    /// ```
    pub fn of(text: &str) -> Features {
        let mut words = 0usize;
        let mut stop = 0usize;
        let mut lettered = 0usize;
        let mut capital = 0usize;
        for word in text.split_whitespace() {
            words += 1;
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if bare.is_empty() {
                continue;
            }
            if is_stopword(bare) {
                stop += 1;
            }
            let mut letters = bare.chars().filter(|c| c.is_alphabetic());
            if let (Some(first), Some(_)) = (letters.next(), letters.next()) {
                lettered += 1;
                if first.is_uppercase() {
                    capital += 1;
                }
            }
        }
        let last = text
            .trim_end_matches([')', ']', '*', '†'])
            .chars()
            .next_back();
        let ends_sentence = matches!(
            last,
            Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | ':' | ';' | '…' | '»' | '“')
        );
        Features {
            chars: text.chars().count(),
            words,
            stopword_density: ratio(stop, words),
            ends_sentence,
            capitalised: ratio(capital, lettered),
            bullet: is_bullet(text),
        }
    }

    /// Whether the block reads like a paragraph of prose: long enough, full of
    /// function words, ending like a sentence.
    pub fn is_prose(&self) -> bool {
        self.chars >= 80
            && self.stopword_density >= 0.25
            && (self.ends_sentence || self.chars >= 200)
    }
}

/// Whether a word is a function word, case-insensitively. Stop words are
/// short ASCII words, so the word is lower-cased into a stack buffer rather
/// than a new string (this runs for every word of every block).
fn is_stopword(word: &str) -> bool {
    const LONGEST: usize = 12;
    if word.len() > LONGEST || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    STOPWORDS.contains(&*lower)
}

fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

fn is_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('-' | '•' | '*' | '–' | '·' | '▪' | '◦' | '‣') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_digit() => {
            let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_is_not_prose() {
        let f = Features::of(
            "US rages at Kim Jong-un after North Korea caught supplying weapons to Russia",
        );
        assert!(!f.is_prose());
        assert!(f.capitalised > 0.3);
    }

    #[test]
    fn paragraph_is_prose() {
        let f = Features::of("The declassified intelligence did not say how many weapons were in the shipments or how they were being paid for.");
        assert!(f.is_prose());
    }

    #[test]
    fn closing_quote_ends_a_sentence() {
        assert!(
            Features::of(
                "“The Russian army has likely gone through millions of shells at this point.”"
            )
            .ends_sentence
        );
        assert!(!Features::of("Related Stories").ends_sentence);
    }

    #[test]
    fn bullets() {
        assert!(Features::of("- Cut the levy").bullet);
        assert!(Features::of("• Cut the levy").bullet);
        assert!(Features::of("2. Cut the levy").bullet);
        assert!(!Features::of("-").bullet);
        assert!(!Features::of("2025 was a year").bullet);
    }

    #[test]
    fn empty_text_has_zero_features() {
        let f = Features::of("");
        assert_eq!((f.chars, f.words, f.stopword_density), (0, 0, 0.0));
    }
}
