//! Function words per language: the words a paragraph of prose is full of
//! and a menu, a headline or a list of names has few of (the measure comes
//! from jusText). The lists are NLTK's where it has one and Stopwords ISO's
//! otherwise, from the `stop-words` crate, compiled into the binary.

use std::sync::LazyLock;

use crate::fixed_hash::{FixedMap, FixedSet};

/// One language's function words, lower-cased.
#[derive(Debug, Default)]
pub struct Stopwords {
    /// As bytes: an ASCII word lower-cased in a buffer is looked up with
    /// no check that it is still UTF-8.
    words: FixedSet<&'static [u8]>,
    /// For each length in bytes up to [`LONGEST`], a bit for each first
    /// byte (lower-cased, folded to 64 buckets) some word of the list has.
    /// Most words of a text are not function words, and most of those are
    /// told so by this table alone, without hashing.
    starts: [u64; LONGEST + 1],
}

/// Function words are short: a longer word is looked up no further.
const LONGEST: usize = 24;

/// The bit of `starts` for a word's first byte, lower-cased.
fn start_bit(first: u8) -> u64 {
    1 << (first.to_ascii_lowercase() % 64)
}

impl Stopwords {
    /// Whether `word` (a bare word, any case) is a function word.
    ///
    /// ```
    /// let de = pith::language::stopwords("de").unwrap();
    /// assert!(de.contains("Und") && de.contains("über"));
    /// assert!(!de.contains("Bibliothek"));
    /// ```
    pub fn contains(&self, word: &str) -> bool {
        if word.len() > LONGEST {
            return false;
        }
        if word.is_ascii() {
            // An ASCII word keeps its length lower-cased, and its first
            // byte lower-cased is the lower-cased word's.
            let first = word.as_bytes().first().copied().unwrap_or_default();
            if self.starts[word.len()] & start_bit(first) == 0 {
                return false;
            }
            let mut buf = [0u8; LONGEST];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return self.words.contains(&*lower);
        }
        if word.chars().any(char::is_uppercase) {
            self.words.contains(word.to_lowercase().as_bytes())
        } else {
            self.words.contains(word.as_bytes())
        }
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Languages whose lists are not used: their scripts do not separate words
/// with spaces, so a list of words cannot be matched against a block's
/// white-space separated words.
const UNSPACED: [&str; 4] = ["zh", "ja", "th", "my"];

static LISTS: LazyLock<FixedMap<&'static str, Stopwords>> = LazyLock::new(|| {
    stop_words::available_languages()
        .iter()
        .filter(|code| code.len() == 2 && !UNSPACED.contains(code))
        .filter_map(|&code| {
            let words = stop_words::lookup(code)?;
            let words: FixedSet<&'static [u8]> = words
                .iter()
                .filter(|w| !w.is_empty() && !w.chars().any(char::is_uppercase))
                .map(|w| w.as_bytes())
                .collect();
            let mut starts = [0u64; LONGEST + 1];
            for word in &words {
                if let (Some(slot), Some(&first)) = (starts.get_mut(word.len()), word.first()) {
                    *slot |= start_bit(first);
                }
            }
            Some((code, Stopwords { words, starts }))
        })
        .collect()
});

/// The function words of the language with ISO 639-1 code `code`, when
/// pith has a list for it.
///
/// ```
/// assert!(pith::language::stopwords("pl").is_some());
/// assert!(pith::language::stopwords("zz").is_none());
/// ```
pub fn stopwords(code: &str) -> Option<&'static Stopwords> {
    LISTS.get(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-byte table turns no function word away, in any case.
    #[test]
    fn every_listed_word_is_found_in_any_case() {
        assert!(LISTS.len() > 20);
        for (code, list) in LISTS.iter() {
            // Words over `LONGEST` bytes are never looked up (see `contains`).
            for &word in list.words.iter().filter(|w| w.len() <= LONGEST) {
                let word = std::str::from_utf8(word).expect("lists are UTF-8");
                assert!(list.contains(word), "{code}: {word}");
                // (Not for words whose capitals lower-case to another word:
                // Turkish `bazı` in capitals is `BAZI`, which is `bazi`.)
                let upper = word.to_uppercase();
                if upper.to_lowercase() == word {
                    assert!(list.contains(&upper), "{code}: {word}");
                }
            }
            assert!(!list.contains("zzzzqx"), "{code}");
        }
    }
}
