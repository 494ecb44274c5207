//! Which language a document is written in.
//!
//! pith's core judgement (prose or not, body or not) rests on evidence every
//! script has: punctuation, length, density, position, the DOM. The language
//! adds to it: it selects a stop-word list and the rules written for that
//! language (a German "Lesen Sie auch" pattern never fires on an English
//! page). A document whose language is unknown is judged on the language-free
//! evidence alone.

mod stopwords;

pub use stopwords::{stopwords, Stopwords};

use whatlang::{Detector, Lang};

use crate::document::Document;

/// How many characters of a document's longest blocks the identifier reads.
/// A few paragraphs identify a language reliably; reading more costs time
/// and lets the page's chrome (in the site's other languages) in.
const SAMPLE_CHARS: usize = 2_000;

/// A block shorter than this is a label or a menu item, not a sample of the
/// document's language.
const MIN_BLOCK_CHARS: usize = 40;

/// Below this confidence the identifier's guess is not used.
const MIN_CONFIDENCE: f64 = 0.5;

/// The ISO 639-1 code of the language `doc` is written in, read from its
/// longest blocks; `None` when the document has too little text or the
/// identifier is unsure.
///
/// ```
/// let doc = pith::document::from_text(
///     "Startseite\nDer Stadtrat hat am Dienstag beschlossen, die alte Bibliothek zu schließen, \
///      nachdem jahrelang über ihre Zukunft gestritten worden war.",
/// );
/// assert_eq!(pith::language::identify(&doc), Some("de"));
/// ```
pub fn identify(doc: &Document) -> Option<&'static str> {
    let mut blocks: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.dom.as_ref().map_or(true, |d| d.link_density < 0.5))
        .map(|b| b.text.as_str())
        .filter(|t| t.len() >= MIN_BLOCK_CHARS)
        .collect();
    // Longest first; equal lengths keep document order (a stable sort), so
    // the sample is deterministic.
    blocks.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut sample = String::new();
    for text in blocks {
        if sample.len() >= SAMPLE_CHARS {
            break;
        }
        sample.push_str(text);
        sample.push('\n');
    }
    identify_text(&sample)
}

/// The ISO 639-1 code of the language of `text`, when the identifier is
/// confident enough.
///
/// ```
/// let text = "Le conseil municipal a voté mardi la fermeture de la vieille bibliothèque, \
///             après dix ans de débats sur son avenir.";
/// assert_eq!(pith::language::identify_text(text), Some("fr"));
/// assert_eq!(pith::language::identify_text(""), None);
/// ```
pub fn identify_text(text: &str) -> Option<&'static str> {
    if text.trim().is_empty() {
        return None;
    }
    let info = Detector::new().detect(text)?;
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    iso_639_1(info.lang())
}

/// Whether `code` is a language [`identify`] can name: an ISO 639-1 code
/// (lower case) of a language whatlang identifies. A rule written for any
/// other code would never apply.
///
/// ```
/// assert!(pith::language::is_identified("de"));
/// assert!(!pith::language::is_identified("at"), "a country, not a language");
/// assert!(!pith::language::is_identified("DE"));
/// ```
pub fn is_identified(code: &str) -> bool {
    Lang::all()
        .iter()
        .any(|&lang| iso_639_1(lang) == Some(code))
}

/// whatlang names languages by ISO 639-3; output records use ISO 639-1.
/// Languages without a two-letter code are left unnamed.
fn iso_639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_without_spaces_are_identified() {
        assert_eq!(
            identify_text("市议会周二投票决定关闭旧图书馆，结束了关于其未来长达十年的争论。"),
            Some("zh")
        );
        assert_eq!(
            identify_text(
                "市議会は火曜日、古い図書館を閉鎖することを決めた。長年の議論に終止符が打たれた。"
            ),
            Some("ja")
        );
    }

    #[test]
    fn too_little_text_is_unknown() {
        let doc = crate::document::from_text("Home\nNews\nSport");
        assert_eq!(identify(&doc), None);
    }
}
