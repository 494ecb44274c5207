//! Bytes to text outside the HTML decoder: text documents (a byte-order
//! mark says UTF-8 or UTF-16; otherwise UTF-8), UTF-16 without a mark, and
//! the test that tells binary data from text in any script and encoding.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How many characters of a document [`looks_binary`] reads.
const BINARY_SAMPLE_CHARS: usize = 4096;

/// How many bytes of a document [`utf16_without_bom`] reads.
const UTF16_SAMPLE_BYTES: usize = 4096;

/// Why a document is binary data rather than text, when it is: more than
/// one character in twenty (and at least four) among its first 4,096 is a
/// control character that no text holds (U+0000 to U+0007 and U+000E to
/// U+001F but escape; tab, line feed, vertical tab, form feed, carriage
/// return, backspace and escape are text).
///
/// The test reads decoded characters, never bytes, so no script and no
/// encoding looks binary once decoded: letters of every script, CJK
/// included, are far above U+001F; random bytes decoded in any 8-bit
/// encoding give one control character in ten.
///
/// ```
/// use pith::input::looks_binary;
/// assert_eq!(looks_binary("Привет, 世界!\n\tΓειά σου.\r\n\x0c\x1b[1m"), None);
/// let junk: String = (0..400u32).map(|i| char::from_u32(i % 256).unwrap()).collect();
/// assert_eq!(
///     looks_binary(&junk).as_deref(),
///     Some("binary data, not text: 50 of its first 400 characters are control characters")
/// );
/// // A stray NUL in a short record is not enough.
/// assert_eq!(looks_binary("ok\0"), None);
/// ```
pub fn looks_binary(text: &str) -> Option<String> {
    // Read as bytes: every control character is one ASCII byte, and every
    // character begins with one byte that is not a continuation byte. This
    // runs on every document; decoding each character cost several times more.
    let mut chars = 0usize;
    let mut controls = 0usize;
    for &byte in text.as_bytes() {
        if byte & 0xC0 == 0x80 {
            continue;
        }
        if chars == BINARY_SAMPLE_CHARS {
            break;
        }
        chars += 1;
        controls += usize::from(is_binary_control(char::from(byte)));
    }
    (controls >= 4 && controls * 20 > chars).then(|| {
        format!(
            "binary data, not text: {controls} of its first {chars} characters are control characters"
        )
    })
}

/// A control character text never holds (see [`looks_binary`]).
fn is_binary_control(c: char) -> bool {
    matches!(c, '\0'..='\x07' | '\x0e'..='\x1a' | '\x1c'..='\x1f')
}

/// The UTF-16 encoding of bytes that carry no byte-order mark, when they are
/// UTF-16: read so, their first 4,096 bytes hold no unpaired surrogate and do
/// not look binary. When both byte orders read, the one with more ASCII code
/// units wins (markup, spaces, digits, line breaks: in the wrong order they
/// are U+0A00, U+2000...), then the one whose high bytes take fewer distinct
/// values (text of any script lies in a few blocks of 256 code points).
///
/// Only ask this of bytes that look binary when read as an 8-bit encoding or
/// UTF-8 (UTF-16 text does: an ASCII character is a NUL and itself); random
/// bytes read as UTF-16 have a lone surrogate in every 30 code units or so.
///
/// ```
/// use pith::input::utf16_without_bom;
/// let le: Vec<u8> = "<p>Привет, world</p>".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// assert_eq!(utf16_without_bom(&le), Some(encoding_rs::UTF_16LE));
/// let be: Vec<u8> = "<p>Hello, 世界</p>".encode_utf16().flat_map(u16::to_be_bytes).collect();
/// assert_eq!(utf16_without_bom(&be), Some(encoding_rs::UTF_16BE));
/// assert_eq!(utf16_without_bom(&[0u8; 64]), None);
/// ```
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE_BYTES)];
    // A handful of code units says too little.
    if sample.len() < 16 {
        return None;
    }
    let whole = sample.len() == bytes.len();
    // How well each order reads: ASCII code units, then fewer distinct high
    // bytes.
    let score = |little_endian: bool| {
        let (high, low) = if little_endian { (1, 0) } else { (0, 1) };
        let mut seen = [false; 256];
        let mut ascii = 0usize;
        for pair in sample.chunks_exact(2) {
            seen[usize::from(pair[high])] = true;
            ascii += usize::from(pair[high] == 0 && pair[low] < 0x80);
        }
        (
            ascii,
            std::cmp::Reverse(seen.iter().filter(|&&s| s).count()),
        )
    };
    [true, false]
        .into_iter()
        .filter(|&little_endian| reads_as_utf16(sample, little_endian, whole))
        .max_by_key(|&little_endian| (score(little_endian), little_endian))
        .map(|little_endian| if little_endian { UTF_16LE } else { UTF_16BE })
}

/// Whether `sample` reads as UTF-16 text: no unpaired surrogate (one cut at
/// the end of a sample that is not the whole input aside), not binary.
fn reads_as_utf16(sample: &[u8], little_endian: bool, whole: bool) -> bool {
    let units = sample.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let count = sample.len() / 2;
    let mut text = String::with_capacity(count);
    for (index, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok(c) => text.push(c),
            // A high surrogate whose pair lies past the sample.
            Err(e)
                if !whole
                    && index + 1 == count
                    && (0xd800..0xdc00).contains(&e.unpaired_surrogate()) => {}
            Err(_) => return false,
        }
    }
    looks_binary(&text).is_none()
}

/// Decodes a text document: a byte-order mark says UTF-8, UTF-16LE or
/// UTF-16BE (and is dropped); bytes without one are UTF-8, unless they read
/// as binary data that is UTF-16 without a mark (see
/// [`utf16_without_bom`]). Malformed sequences become U+FFFD; the warning
/// then says so.
///
/// ```
/// use pith::input::decode_text;
/// let mut le = vec![0xff, 0xfe];
/// le.extend("Héllo\n".encode_utf16().flat_map(u16::to_le_bytes));
/// assert_eq!(decode_text(le), ("Héllo\n".to_string(), None));
/// assert_eq!(decode_text(b"\xef\xbb\xbfabc".to_vec()), ("abc".to_string(), None));
/// let (text, warning) = decode_text(b"caf\xe9".to_vec());
/// assert_eq!((text.as_str(), warning.as_deref()), ("caf\u{fffd}", Some("invalid UTF-8, decoded lossily")));
/// ```
pub fn decode_text(bytes: Vec<u8>) -> (String, Option<String>) {
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        return decode_with(encoding, bytes.get(bom..).unwrap_or_default());
    }
    // UTF-8: valid text, the common case, is taken as it is.
    let (text, invalid) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(err) => (
            String::from_utf8_lossy(err.as_bytes()).into_owned(),
            Some(err.into_bytes()),
        ),
    };
    // Binary as UTF-8: UTF-16 without a mark, or binary indeed (which the
    // caller refuses).
    if looks_binary(&text).is_some() {
        let bytes = invalid.as_deref().unwrap_or(text.as_bytes());
        if let Some(utf16) = utf16_without_bom(bytes) {
            return decode_with(utf16, bytes);
        }
    }
    (text, invalid.map(|_| lossy_warning(UTF_8)))
}

/// Decodes with `encoding`, no byte-order mark handling.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, Option<String>) {
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), lossy.then(|| lossy_warning(encoding)))
}

fn lossy_warning(encoding: &'static Encoding) -> String {
    format!("invalid {}, decoded lossily", encoding.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `looks_binary` counts bytes; the definition counts characters.
    fn controls_by_chars(text: &str) -> (usize, usize) {
        let sample = text.chars().take(BINARY_SAMPLE_CHARS);
        let controls = sample.clone().filter(|&c| is_binary_control(c)).count();
        (controls, sample.count())
    }

    #[test]
    fn the_byte_count_agrees_with_the_characters_at_the_sample_edge() {
        for (fill, tail) in [
            ("é", "\0\0\0\0\0"),
            ("a", "\x01\x01\x01\x01"),
            ("世", "\x1f"),
        ] {
            for extra in [0, 1, 2, 100] {
                let text = format!("{}{tail}", fill.repeat(BINARY_SAMPLE_CHARS - 4 + extra));
                let (controls, chars) = controls_by_chars(&text);
                let expected = (controls >= 4 && controls * 20 > chars).then(|| {
                    format!("binary data, not text: {controls} of its first {chars} characters are control characters")
                });
                assert_eq!(looks_binary(&text), expected, "{fill} {extra}");
            }
        }
        let junk = "\0\x01é".repeat(50);
        assert!(looks_binary(&junk).is_some());
    }

    /// Bytes that look random: a multiplicative hash of their index.
    fn junk(len: usize) -> Vec<u8> {
        (0..len as u64)
            .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as u8)
            .collect()
    }

    /// Real text in many scripts and encodings, as bytes.
    fn texts() -> Vec<(&'static str, Vec<u8>)> {
        let prose = [
            "The city council voted on Tuesday to close the old library.\n",
            "Городской совет во вторник проголосовал за закрытие старой библиотеки.\n",
            "市議会は火曜日、古い図書館の閉鎖を決議した。\n",
            "市议会周二投票决定关闭旧图书馆。\n",
            "시의회는 화요일에 오래된 도서관을 폐쇄하기로 결정했다.\n",
            "Το δημοτικό συμβούλιο ψήφισε την Τρίτη το κλείσιμο της βιβλιοθήκης.\n",
            "صوّت مجلس المدينة يوم الثلاثاء على إغلاق المكتبة القديمة.\n",
            "नगर परिषद ने मंगलवार को पुराने पुस्तकालय को बंद करने के लिए मतदान किया।\n",
        ];
        let mut out = Vec::new();
        for text in prose {
            let repeated = text.repeat(60);
            for encoding in [
                UTF_8,
                encoding_rs::WINDOWS_1251,
                encoding_rs::KOI8_R,
                encoding_rs::SHIFT_JIS,
                encoding_rs::EUC_JP,
                encoding_rs::GBK,
                encoding_rs::BIG5,
                encoding_rs::EUC_KR,
                encoding_rs::WINDOWS_1253,
                encoding_rs::WINDOWS_1256,
                encoding_rs::ISO_2022_JP,
            ] {
                let (bytes, _, unmappable) = encoding.encode(&repeated);
                if !unmappable {
                    out.push((encoding.name(), bytes.into_owned()));
                }
            }
            for little in [true, false] {
                let bytes: Vec<u8> = repeated
                    .encode_utf16()
                    .flat_map(|u| {
                        if little {
                            u.to_le_bytes()
                        } else {
                            u.to_be_bytes()
                        }
                    })
                    .collect();
                out.push((if little { "UTF-16LE" } else { "UTF-16BE" }, bytes));
            }
        }
        out
    }

    #[test]
    fn no_text_in_any_script_or_encoding_looks_binary_once_decoded() {
        for (name, bytes) in texts() {
            let decoded = crate::html::parse_bytes(&bytes);
            assert!(decoded.is_ok(), "{name}: {:?}", decoded.err());
            // Legacy 8-bit and multi-byte encodings are HTML's business;
            // text documents are Unicode, with or without a mark.
            if name.starts_with("UTF") {
                let (text, warning) = decode_text(bytes.clone());
                assert_eq!(warning, None, "{name}");
                assert!(looks_binary(&text).is_none(), "{name}");
                assert!(
                    text.contains("\n"),
                    "{name}: {}",
                    &text[..text.len().min(200)]
                );
                let mut marked = match name {
                    "UTF-16LE" => vec![0xff, 0xfe],
                    "UTF-16BE" => vec![0xfe, 0xff],
                    _ => vec![0xef, 0xbb, 0xbf],
                };
                marked.extend_from_slice(&bytes);
                assert_eq!(decode_text(marked).0, text, "{name}");
            }
        }
    }

    #[test]
    fn legacy_text_that_is_not_utf8_is_not_taken_for_utf16() {
        // Latin-1 prose: invalid UTF-8, decoded lossily, never as UTF-16.
        let latin1 = b"Caf\xe9 cr\xe8me br\xfbl\xe9e, \xe0 la fran\xe7aise.\n".repeat(40);
        let (text, warning) = decode_text(latin1);
        assert!(text.starts_with("Caf\u{fffd} cr\u{fffd}me"), "{text}");
        assert_eq!(warning.as_deref(), Some("invalid UTF-8, decoded lossily"));
    }

    #[test]
    fn random_bytes_look_binary_however_they_are_decoded() {
        for len in [100, 4096, 20_000] {
            let bytes = junk(len);
            let (text, _) = decode_text(bytes.clone());
            assert!(looks_binary(&text).is_some(), "text, {len} bytes");
            assert!(
                crate::html::parse_bytes(&bytes).is_err(),
                "HTML, {len} bytes"
            );
            assert_eq!(utf16_without_bom(&bytes), None, "{len} bytes");
        }
        let zeros = vec![0u8; 5000];
        assert!(looks_binary(&decode_text(zeros).0).is_some());
    }

    #[test]
    fn a_utf16_sample_cut_inside_a_surrogate_pair_still_reads() {
        // 4,096 bytes end in the middle of an emoji's pair.
        let text = format!("{}{}", "a".repeat(2047), "\u{1f600}".repeat(10));
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(utf16_without_bom(&bytes), Some(UTF_16LE));
        assert!(!reads_as_utf16(&bytes[..4096], true, true));
    }
}
