//! Per-block text features: the evidence every classifier pass reads.

use crate::language::Stopwords;

/// Measurements of one block's text.
///
/// Lengths are measured so that a threshold means the same amount of text in
/// every script: a character of a script written without spaces between
/// words (Han, kana) carries about a word's worth of meaning and counts as
/// [`WIDE_WEIGHT`] characters; a Hangul syllable (a few letters of an
/// alphabet, words spaced) counts as [`HANGUL_WEIGHT`]. Runs of unspaced
/// scripts are also counted as words, at one word per [`WIDE_CHARS_PER_WORD`]
/// characters (one per [`UNSPACED_CHARS_PER_WORD`] for Thai, Lao, Khmer and
/// Myanmar, alphabets written without spaces).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// Length in characters, weighted by script as said above.
    pub chars: usize,
    /// Number of words: white-space separated, plus the estimated words of
    /// unspaced scripts.
    pub words: usize,
    /// The part of `words` estimated from runs of scripts written without
    /// spaces (Han, kana, Thai…).
    pub unspaced_words: usize,
    /// Share of words that are function words of the document's language;
    /// `None` when the language has no list (see [`Features::of_in`]).
    pub stopword_density: Option<f32>,
    /// Whether the block ends like a sentence in any script (`.`, `!`, `?`,
    /// `。`, `؟`, `।`, a closing quote…).
    pub ends_sentence: bool,
    /// Whether the block ends in a colon: it introduces what follows.
    pub ends_with_colon: bool,
    /// Clause and sentence marks inside the block (`, ` `; ` `. ` `、` `。`
    /// `،` `।`…): running text has them, a menu or a list of names has none.
    pub clause_marks: usize,
    /// Share of words (of two letters or more) that start with a capital.
    pub capitalised: f32,
    /// Share of words (of two letters or more) whose script has capitals
    /// (Latin, Cyrillic, Greek, Armenian…): where it is low, `capitalised`
    /// says nothing.
    pub cased: f32,
    /// Whether the block opens with a list bullet (`-`, `•`, `*`, `1.`).
    pub bullet: bool,
    /// Whether the block ends in an ellipsis straight after a word
    /// (`…attack...`, `…gegen den…`): text cut to fit a teaser, not a
    /// sentence's end.
    pub truncated: bool,
}

/// Weight of a Han or kana character in [`Features::chars`].
pub const WIDE_WEIGHT: usize = 3;
/// Weight of a Hangul syllable in [`Features::chars`].
pub const HANGUL_WEIGHT: usize = 2;
/// Han and kana characters per word.
const WIDE_CHARS_PER_WORD: usize = 2;
/// Characters per word of alphabets written without spaces (Thai…).
const UNSPACED_CHARS_PER_WORD: usize = 5;
/// Thai and Lao put no mark at a sentence's or a clause's end: a space is
/// the mark, and words run together between spaces. A space after a run of
/// at least this many characters of such a script closes a phrase (a
/// clause mark); a menu of such words breaks after every short word. A
/// block of prose length that ends in such a run and holds at least one
/// such break ends like a sentence.
const UNSPACED_PHRASE_CHARS: usize = 16;

/// How a character's script is written, as far as measuring length goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writing {
    /// Han ideographs, kana: a word in one or two characters, no spaces.
    Wide,
    /// Hangul syllables: spaced words.
    Hangul,
    /// Thai, Lao, Khmer, Myanmar: alphabets without spaces between words.
    Unspaced,
    /// Everything else.
    Spaced,
}

fn writing(c: char) -> Writing {
    match c as u32 {
        0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F => Writing::Wide,
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Writing::Hangul,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF => Writing::Unspaced,
        _ => Writing::Spaced,
    }
}

/// Thai and Lao letters and signs: scripts whose space is their
/// punctuation (see [`UNSPACED_PHRASE_CHARS`]).
fn spaces_as_marks(c: char) -> bool {
    matches!(c as u32, 0x0E01..=0x0E5B | 0x0E81..=0x0EDF)
}

/// Marks that end a sentence, in the scripts of the world's news: Latin,
/// Greek and Cyrillic punctuation, CJK full-width marks, Arabic and Urdu
/// question and full stops, the Devanagari danda, the Armenian, Ethiopic,
/// Myanmar, Khmer, Tibetan and Mongolian full stops, and closing quotes
/// after any of them. (Thai and Lao end a sentence with a space: see
/// [`UNSPACED_PHRASE_CHARS`].)
fn is_sentence_mark(c: char) -> bool {
    is_full_stop(c)
        || matches!(
            c,
            '!' | '?'
                | '"'
                | '”'
                | '’'
                | '\''
                | ':'
                | ';'
                | '…'
                | '»'
                | '“'
                | '！'
                | '？'
                | '」'
                | '』'
                | '؟'
                | '፧'
                | '·'
        )
}

/// Full stops of every script (`.`, `。`, `։`, `।`, `۔`, `።`, `။`, `។`,
/// `།`, `᠃`…): the marks that end a statement.
fn is_full_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '。'
            | '．'
            | '｡'
            | '։'
            | '।'
            | '॥'
            | '۔'
            | '።'
            | '။'
            | '។'
            | '៕'
            | '།'
            | '༎'
            | '᠃'
    )
}

/// Whether `text` ends in a full stop of any script: a statement, where a
/// headline ends bare or in `?` or `!`.
pub(crate) fn ends_in_full_stop(text: &str) -> bool {
    text.trim_end()
        .chars()
        .next_back()
        .is_some_and(is_full_stop)
}

/// Whether `text` ends like a sentence: its last mark, past closing
/// brackets and a footnote reference (`…end.”1`, `…end.[2]`, `…end.³`).
fn ends_like_a_sentence(text: &str) -> bool {
    let closers = [')', ']', '*', '†', '）'];
    let trimmed = text.trim_end_matches(closers);
    let unmarked = trimmed
        .trim_end_matches(|c: char| c.is_ascii_digit() || "¹²³⁰⁴⁵⁶⁷⁸⁹".contains(c))
        .trim_end_matches(['[', '(']);
    let mark = |t: &str| t.chars().next_back().is_some_and(is_sentence_mark);
    // A footnote number is short and follows the mark directly; a year or
    // a count at the end of a line ("in 2019") follows a space.
    mark(trimmed) || (trimmed.len() - unmarked.len() <= 4 && mark(unmarked)) || ends_in_a_note(text)
}

/// The longest bracketed note that may follow a sentence's mark.
const NOTE_CHARS: usize = 60;

/// Whether the line is a sentence followed by a short note in brackets: an
/// agency or an author ("… will close. (Reuters)", "…英雄的城！（评论员
/// 罗博）").
fn ends_in_a_note(text: &str) -> bool {
    let open = match text.chars().next_back() {
        Some(')') => '(',
        Some('）') => '（',
        Some(']') => '[',
        _ => return false,
    };
    let Some(at) = text.rfind(open) else {
        return false;
    };
    text[at..].chars().count() <= NOTE_CHARS
        && text[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(is_sentence_mark)
}

/// Whether `text` ends in an ellipsis (`...` or `…`) that follows a word
/// character directly: a line cut off mid-phrase. An ellipsis after a
/// sentence mark or a space ("Warte. …", "und dann …") is a writer's.
fn is_truncated(text: &str) -> bool {
    let text = text.trim_end();
    let rest = text.strip_suffix("...").or_else(|| text.strip_suffix('…'));
    rest.and_then(|r| r.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric())
}

/// Clause and sentence marks that, followed by a space or the end, show
/// running text (a decimal point or a URL's dot is not followed by a space).
fn is_spaced_clause_mark(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | '.'
            | '!'
            | '?'
            | ':'
            | '،'
            | '؛'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '·'
            | '։'
            | '՝'
            | '፣'
            | '፤'
            | '።'
            | '၊'
            | '။'
            | '។'
            | '།'
    )
}

/// Full-width marks of unspaced scripts: they are never followed by a space.
fn is_wide_clause_mark(c: char) -> bool {
    matches!(c, '、' | '，' | '。' | '！' | '？' | '；' | '：')
}

impl Features {
    /// Measures `text`, a normalised block, without a stop-word list.
    ///
    /// ```
    /// let f = pith::classify::Features::of("He said it was over.");
    /// assert_eq!((f.words, f.ends_sentence), (5, true));
    /// let f = pith::classify::Features::of("市议会周二投票决定关闭旧图书馆。");
    /// assert!(f.ends_sentence && f.words >= 7 && f.chars >= 45);
    /// ```
    pub fn of(text: &str) -> Features {
        Features::of_in(text, None)
    }

    /// Measures `text` with the stop-word list of the document's language,
    /// when it has one.
    ///
    /// ```
    /// use pith::language::stopwords;
    /// let de = stopwords("de");
    /// let f = pith::classify::Features::of_in("Er sagte, dass es für die Stadt nicht mehr so weit sei.", de);
    /// assert!(f.stopword_density.is_some_and(|d| d > 0.5));
    /// ```
    pub fn of_in(text: &str, stopwords: Option<&Stopwords>) -> Features {
        let mut words = 0usize;
        let mut stop = 0usize;
        let mut lettered = 0usize;
        let mut capital = 0usize;
        let mut cased = 0usize;
        for word in text.split_whitespace() {
            words += 1;
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if bare.is_empty() {
                continue;
            }
            if stopwords.is_some_and(|list| list.contains(bare)) {
                stop += 1;
            }
            let mut letters = bare.chars().filter(|c| c.is_alphabetic());
            if let (Some(first), Some(_)) = (letters.next(), letters.next()) {
                lettered += 1;
                if first.is_uppercase() {
                    capital += 1;
                    cased += 1;
                } else if first.is_lowercase() {
                    cased += 1;
                }
            }
        }
        let mut chars = 0usize;
        let mut wide = 0usize;
        let mut unspaced = 0usize;
        let mut clause_marks = 0usize;
        let mut phrase_breaks = 0usize;
        // Characters in the current run of a script whose space is its mark.
        let mut phrase_run = 0usize;
        let mut previous: Option<char> = None;
        for c in text.chars() {
            // ASCII (most of the text of most scripts' pages: spaces,
            // digits, punctuation) is one spaced character that is no
            // phrase letter and no wide mark; the rest of the loop says so
            // at several times the cost. (Folding this into the loop's
            // common tail, with `writing` skipped for ASCII, costs 1.7% of
            // text mode's instructions: the tail's tests are not skipped.)
            if c.is_ascii() {
                chars += 1;
                if phrase_run != 0 {
                    if phrase_run >= UNSPACED_PHRASE_CHARS && c.is_whitespace() {
                        phrase_breaks += 1;
                    }
                    phrase_run = 0;
                }
                if c.is_whitespace() && previous.is_some_and(is_spaced_clause_mark) {
                    clause_marks += 1;
                }
                previous = Some(c);
                continue;
            }
            let phrase_letter = match writing(c) {
                Writing::Wide => {
                    chars += WIDE_WEIGHT;
                    wide += 1;
                    false
                }
                Writing::Hangul => {
                    chars += HANGUL_WEIGHT;
                    false
                }
                Writing::Unspaced => {
                    chars += 1;
                    unspaced += 1;
                    spaces_as_marks(c)
                }
                Writing::Spaced => {
                    chars += 1;
                    false
                }
            };
            // Outside Thai and Lao the run is always zero: one test a
            // character.
            if phrase_letter {
                phrase_run += 1;
            } else if phrase_run != 0 {
                if phrase_run >= UNSPACED_PHRASE_CHARS && c.is_whitespace() {
                    phrase_breaks += 1;
                }
                phrase_run = 0;
            }
            if is_wide_clause_mark(c)
                || (c.is_whitespace() && previous.is_some_and(is_spaced_clause_mark))
            {
                clause_marks += 1;
            }
            previous = Some(c);
        }
        let ends_in_phrase =
            phrase_run >= UNSPACED_PHRASE_CHARS && phrase_breaks >= 1 && chars >= PROSE_CHARS;
        clause_marks += phrase_breaks;
        let ends_sentence = ends_in_phrase || ends_like_a_sentence(text);
        if ends_sentence && !previous.is_some_and(is_wide_clause_mark) {
            clause_marks += 1;
        }
        // A run of an unspaced script is one white-space word; count it as
        // the words it holds instead.
        let estimated = wide / WIDE_CHARS_PER_WORD + unspaced / UNSPACED_CHARS_PER_WORD;
        Features {
            ends_with_colon: text.trim_end().ends_with([':', '：']),
            chars,
            words: words + estimated,
            unspaced_words: estimated,
            stopword_density: stopwords.map(|_| ratio(stop, words)),
            ends_sentence,
            clause_marks,
            capitalised: ratio(capital, lettered),
            cased: ratio(cased, lettered),
            bullet: is_bullet(text),
            truncated: is_truncated(text),
        }
    }

    /// Whether the block reads like a paragraph of prose, in any language:
    /// long enough, and ending like a sentence, or else long and broken by
    /// clause marks as running text is (a menu run together on one line is
    /// long too, but has no commas and capitalises every word).
    pub fn is_prose(&self) -> bool {
        self.chars >= PROSE_CHARS
            && (self.ends_sentence || self.runs_on())
            && self.stopword_density.map_or(true, |d| d >= 0.1)
    }

    /// A long block with no sentence end that still reads as running text.
    fn runs_on(&self) -> bool {
        self.chars >= 200 && self.clause_marks >= 1 && self.capitalised < MENU_CAPITALS
    }
}

/// The shortest paragraph of prose, in weighted characters.
const PROSE_CHARS: usize = 80;

/// Blocks of prose length in a script without capitals, broken by clause
/// marks or as long as a sentence, that do not end like one: in a document where these
/// outnumber the ones that do (at least [`UNMARKED_PARAGRAPHS`] of them),
/// the writer ends a paragraph without a mark, as many Arabic, Persian and
/// Urdu sites do, and such a block ends like a sentence. The document's own
/// punctuation decides. (In a cased script a run of unmarked lines with
/// commas is a list of teaser blurbs as often; there capitals tell a menu,
/// and the region's other evidence decides.)
pub(crate) fn adopt_unmarked_paragraph_ends(features: &mut [Features]) {
    // Scripts written without spaces are left out: Chinese and Japanese end
    // their paragraphs with `。`, so their long unmarked lines are headlines,
    // and Thai and Lao have their own measure (`UNSPACED_PHRASE_CHARS`).
    let running = |f: &Features| {
        f.chars >= PROSE_CHARS
            && (f.clause_marks >= 1 || f.words >= UNMARKED_SENTENCE_WORDS)
            && f.cased < UNCASED
            && f.unspaced_words * 2 < f.words
            && !f.bullet
    };
    let unmarked: Vec<usize> = (0..features.len())
        .filter(|&i| running(&features[i]) && !features[i].ends_sentence)
        .collect();
    let marked = features
        .iter()
        .filter(|f| f.ends_sentence && running(f))
        .count();
    if unmarked.len() >= UNMARKED_PARAGRAPHS && unmarked.len() > marked {
        for i in unmarked {
            features[i].ends_sentence = true;
            features[i].clause_marks += 1;
        }
    }
}

/// The fewest unmarked paragraphs that show a document's habit.
const UNMARKED_PARAGRAPHS: usize = 3;

/// Words of a block that reads as a sentence without a clause mark inside:
/// a headline or a menu line has fewer.
const UNMARKED_SENTENCE_WORDS: usize = 20;

/// Below this share of words in a cased script a block is in a script
/// without capitals.
const UNCASED: f32 = 0.5;

/// From this share of capitalised words a long line without a sentence end
/// reads as a run of menu labels. (German capitalises its nouns, about a
/// third of a paragraph's words; a title-case menu capitalises nearly all.)
pub(crate) const MENU_CAPITALS: f32 = 0.6;

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
    fn a_footnote_reference_ends_a_sentence() {
        assert!(Features::of("Es ist zu viel Zeit, die wir nicht nutzen.”1").ends_sentence);
        assert!(Features::of("So the report says.[12]").ends_sentence);
        assert!(!Features::of("Election results 2019").ends_sentence);
    }

    #[test]
    fn a_note_in_brackets_after_the_mark_ends_a_sentence() {
        assert!(Features::of("The plant will close next year. (Reuters)").ends_sentence);
        assert!(
            Features::of("正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）")
                .ends_sentence
        );
        // Brackets after no mark, or a long aside, are not a note.
        assert!(!Features::of("Latest stories (updated daily)").ends_sentence);
        let long = format!("It ended. ({})", "a long aside that runs on ".repeat(4));
        assert!(!Features::of(&long).ends_sentence);
    }

    #[test]
    fn a_line_cut_off_mid_phrase_is_truncated() {
        assert!(Features::of("Police raid flat hosting huge party and find...").truncated);
        assert!(Features::of("Kitas schicken Kinder mit Schnupfen aus Angst vor…").truncated);
        assert!(Features::of("市议会周二投票决定关闭旧图书馆…").truncated);
        // A writer's ellipsis follows a mark or a space; a full stop is no cut.
        assert!(!Features::of("And then the lights went out. ...").truncated);
        assert!(!Features::of("Und dann …").truncated);
        assert!(!Features::of("The council voted on Tuesday.").truncated);
    }

    #[test]
    fn thai_and_lao_paragraphs_end_at_a_space() {
        let thai = "ผู้ว่าการกล่าวว่าเส้นทางใหม่นี้จะช่วยลดเวลาการเดินทางของผู้ที่อาศัยอยู่ในเขตชานเมืองได้มากกว่าครึ่งชั่วโมงต่อวัน และคาดว่าจะมีผู้ใช้บริการประมาณหนึ่งแสนคนต่อวันภายในสิ้นปีนี้";
        let f = Features::of(thai);
        assert!(f.ends_sentence && f.clause_marks >= 1 && f.is_prose());
        let lao = "ເຈົ້າໜ້າທີ່ກ່າວວ່າປີ້ລົດໄຟສາມາດຊື້ໄດ້ທາງແອັບພລິເຄຊັນ ແລະທີ່ສະຖານີລົດໄຟທຸກແຫ່ງ ໂດຍແນະນຳໃຫ້ຜູ້ໂດຍສານຈອງລ່ວງໜ້າຢ່າງໜ້ອຍສາມມື້";
        assert!(Features::of(lao).is_prose());
        // A menu of short words breaks after every word; a headline is short.
        let menu = "หน้าแรก ข่าว กีฬา บันเทิง เศรษฐกิจ ต่างประเทศ การเมือง ภูมิภาค วิทยาศาสตร์ อสังหาริมทรัพย์ ไลฟ์สไตล์ ท่องเที่ยว";
        let f = Features::of(menu);
        assert!(!f.ends_sentence && f.clause_marks == 0 && !f.is_prose());
        assert!(!Features::of("รถไฟฟ้าสายใหม่เปิดให้บริการวันแรก ผู้โดยสารแน่นสถานี").ends_sentence);
    }

    #[test]
    fn full_stops_of_every_script_end_a_statement() {
        assert!(ends_in_full_stop("Ծնողները ողջունեցին նախաձեռնությունը։"));
        assert!(ends_in_full_stop("市议会决定关闭旧图书馆。"));
        assert!(ends_in_full_stop("The council voted. "));
        assert!(!ends_in_full_stop("Why the library closed?"));
        assert!(!ends_in_full_stop("Council closes the library"));
    }

    #[test]
    fn a_document_that_ends_no_paragraph_with_a_mark_has_them_end_sentences() {
        let paragraph = "وقال الوزير خلال حفل الافتتاح إن المحطة ستؤمن مياه الشرب لأكثر من مئة ألف نسمة، وإنها جزء من خطة وطنية";
        let headline = "افتتاح محطة جديدة لتحلية المياه بالطاقة الشمسية";
        let mut doc: Vec<Features> = [headline, paragraph, paragraph, paragraph]
            .iter()
            .map(|t| Features::of(t))
            .collect();
        assert!(!doc[1].is_prose(), "unmarked, short of running on");
        adopt_unmarked_paragraph_ends(&mut doc);
        assert!(doc[1..].iter().all(|f| f.ends_sentence && f.is_prose()));
        assert!(!doc[0].ends_sentence, "no clause mark: a headline");
        // Two are not a habit; and where marked paragraphs are as many, the
        // unmarked ones are left as they are.
        let marked = format!("{paragraph}.");
        for texts in [
            vec![paragraph, paragraph],
            vec![paragraph, paragraph, paragraph, &marked, &marked, &marked],
        ] {
            let mut doc: Vec<Features> = texts.iter().map(|t| Features::of(t)).collect();
            adopt_unmarked_paragraph_ends(&mut doc);
            assert!(doc.iter().filter(|f| !f.ends_sentence).count() >= 2);
        }
        // A long sentence without a comma counts as well (Persian).
        let persian = "خط هفت متروی تهران امروز با حضور شهردار به طور کامل افتتاح شد و از این پس مسافران می‌توانند از میدان صنعت تا بسیج را بدون تعویض قطار طی کنند";
        let mut doc: Vec<Features> = [persian, paragraph, paragraph]
            .iter()
            .map(|t| Features::of(t))
            .collect();
        adopt_unmarked_paragraph_ends(&mut doc);
        assert!(doc.iter().all(|f| f.ends_sentence && f.is_prose()));
        // Chinese ends its paragraphs with `。`: long unmarked lines with
        // commas are headlines, whatever their number.
        let headline = "临江市图书馆新馆明年开工建设，市民可在线投票决定新馆的名字和外观设计方案";
        let mut doc: Vec<Features> = [headline; 4].iter().map(|t| Features::of(t)).collect();
        assert!(doc[0].chars >= PROSE_CHARS && doc[0].clause_marks >= 1);
        adopt_unmarked_paragraph_ends(&mut doc);
        assert!(doc.iter().all(|f| !f.ends_sentence));
        // Cased scripts keep their own evidence: unmarked blurbs stay unmarked.
        let blurb = "The rover, which landed in February, has found signs of ancient water in the crater rim rocks";
        let mut doc: Vec<Features> = [blurb; 4].iter().map(|t| Features::of(t)).collect();
        adopt_unmarked_paragraph_ends(&mut doc);
        assert!(doc.iter().all(|f| !f.ends_sentence));
    }

    #[test]
    fn full_stops_of_more_scripts() {
        assert!(Features::of("Ծնողները ողջունեցին նախաձեռնությունը։").ends_sentence);
        assert!(Features::of("བོད་ཀྱི་གནས་ཚུལ།").ends_sentence);
        let armenian = "Գրադարանի տնօրենի խոսքով՝ շենքը վերանորոգվել է երկու տարվա ընթացքում, իսկ գրքերի մեծ մասը նվիրաբերել են քաղաքացիները։";
        assert!(Features::of(armenian).is_prose());
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
        assert_eq!((f.chars, f.words, f.stopword_density), (0, 0, None));
    }
}
