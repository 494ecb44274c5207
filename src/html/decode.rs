//! Bytes of unknown encoding to text.
//!
//! The order follows what a browser does: a byte-order mark wins, then the
//! `charset` of the HTTP `Content-Type` header when there was one (WARC
//! input), then a `<meta>` charset declaration near the top of the page,
//! then statistical detection ([`chardetng`]). Nothing assumes UTF-8: bytes
//! that are not valid UTF-8 are never decoded as UTF-8 unless a BOM says so.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::input::{looks_binary, utf16_without_bom};

/// How far into the page a `<meta>` charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// How many bytes of a page [`chardetng`] sees at most. Detection settles long
/// before this; feeding 50 MB would only cost time.
const DETECT_BYTES: usize = 1 << 20;

/// Decodes a page: a byte-order mark, then the `charset` its HTTP header
/// declared (`http_charset`, a label such as `windows-1251`; one
/// `encoding_rs` does not know is no declaration), then `<meta charset>`,
/// then detection. Malformed sequences become U+FFFD. Returns the text with
/// why it is binary data rather than text, when it is (see
/// [`looks_binary`]): the decoder needs the test, so the caller need not run
/// it again.
pub(crate) fn decode_page<'a>(
    bytes: &'a [u8],
    http_charset: Option<&str>,
) -> (Cow<'a, str>, Option<String>) {
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .map(browser_substitute);
    let (encoding, body) = sniff(bytes, declared);
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    let binary = looks_binary(&text);
    // UTF-16 without a byte-order mark reads as binary data in any other
    // encoding (an ASCII character is a NUL and itself); nothing declares
    // it, and detection does not know it.
    let unmarked = body.len() == bytes.len();
    if unmarked && binary.is_some() {
        if let Some(utf16) = utf16_without_bom(bytes) {
            let text = utf16.decode_without_bom_handling(bytes).0;
            let binary = looks_binary(&text);
            return (text, binary);
        }
    }
    (text, binary)
}

/// Picks the encoding of `bytes` and returns it with the bytes that follow
/// the byte-order mark, if any. `http` is the encoding an HTTP header
/// declared; it comes before the page's own `<meta>`.
pub(crate) fn sniff<'a>(
    bytes: &'a [u8],
    http: Option<&'static Encoding>,
) -> (&'static Encoding, &'a [u8]) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, bytes.get(bom_len..).unwrap_or_default());
    }
    let declared = http.or_else(|| prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = match declared {
        // A legacy declaration is honoured unless the bytes are valid UTF-8
        // with non-ASCII text in them: real legacy text is almost never
        // valid UTF-8 by accident, while pages re-saved as UTF-8 often keep
        // their old `<meta>`.
        Some(enc) if enc != UTF_8 && (!valid_utf8 || bytes.is_ascii()) => enc,
        _ if valid_utf8 => UTF_8,
        // Undeclared, or declared UTF-8 but not valid UTF-8 (mislabelled):
        // detection does better than a page full of U+FFFD.
        _ => detect(bytes),
    };
    (encoding, bytes)
}

/// Statistical detection over the start of the page.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, true)
}

/// Finds a charset declared by a `<meta charset>` or a `<meta http-equiv=
/// "Content-Type" content="...; charset=...">` element in `head`. Attribute
/// names match without regard to case (React writes `charSet`); comments are
/// skipped.
pub(crate) fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(offset) = head.get(i..)?.iter().position(|&b| b == b'<') {
        i += offset;
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            match find(&rest[4..], b"-->") {
                Some(end) => i += 4 + end + 3,
                None => return None,
            }
            continue;
        }
        let is_meta = rest.len() > 5
            && rest[1..5].eq_ignore_ascii_case(b"meta")
            && matches!(rest[5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/');
        if !is_meta {
            i += 1;
            continue;
        }
        let (label, end) = meta_charset(&rest[5..]);
        if let Some(encoding) = label.and_then(Encoding::for_label) {
            return Some(browser_substitute(encoding));
        }
        i += 5 + end;
    }
    None
}

/// What a browser uses in place of a declared encoding: a `<meta>` cannot
/// declare UTF-16 (the bytes that declare it are ASCII), and
/// `x-user-defined` means windows-1252.
fn browser_substitute(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16BE || encoding == encoding_rs::UTF_16LE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// Reads the attributes of one `<meta` tag (`tag` starts right after the
/// tag name) and returns the charset label it declares, with the number of
/// bytes read.
fn meta_charset(tag: &[u8]) -> (Option<&[u8]>, usize) {
    let mut charset = None;
    let mut content = None;
    let mut content_type = false;
    let mut i = 0;
    loop {
        while i < tag.len() && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        if i >= tag.len() || tag[i] == b'>' {
            break;
        }
        let name_start = i;
        while i < tag.len()
            && !matches!(tag[i], b'=' | b'>' | b'/')
            && !tag[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: &[u8] = &[];
        if i < tag.len() && tag[i] == b'=' {
            i += 1;
            while i < tag.len() && tag[i].is_ascii_whitespace() {
                i += 1;
            }
            match tag.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let len = tag[start..].iter().position(|&b| b == quote);
                    let end = len.map_or(tag.len(), |len| start + len);
                    value = &tag[start..end];
                    i = (end + 1).min(tag.len());
                }
                Some(_) => {
                    let start = i;
                    while i < tag.len() && tag[i] != b'>' && !tag[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &tag[start..i];
                }
                None => {}
            }
        }
        if name.eq_ignore_ascii_case(b"charset") {
            charset.get_or_insert(trim(value));
        } else if name.eq_ignore_ascii_case(b"content") {
            content.get_or_insert(value);
        } else if name.eq_ignore_ascii_case(b"http-equiv") {
            content_type |= trim(value).eq_ignore_ascii_case(b"content-type");
        }
    }
    let label = charset.or_else(|| {
        content
            .filter(|_| content_type)
            .and_then(charset_from_content)
    });
    (label.filter(|l| !l.is_empty()), i)
}

/// The charset in a Content-Type value such as `text/html; charset=utf-8`.
fn charset_from_content(content: &[u8]) -> Option<&[u8]> {
    let lower: Vec<u8> = content.to_ascii_lowercase();
    let at = find(&lower, b"charset")?;
    let mut i = at + b"charset".len();
    while i < content.len() && content[i].is_ascii_whitespace() {
        i += 1;
    }
    if content.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < content.len() && content[i].is_ascii_whitespace() {
        i += 1;
    }
    if matches!(content.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    let start = i;
    while i < content.len() && !matches!(content[i], b'"' | b'\'' | b';') {
        if content[i].is_ascii_whitespace() {
            break;
        }
        i += 1;
    }
    Some(&content[start..i])
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace());
    match (start, end) {
        (Some(s), Some(e)) => &bytes[s..=e],
        _ => &[],
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Cow<'_, str> {
        decode_page(bytes, None).0
    }

    fn decode_declared<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Cow<'a, str> {
        decode_page(bytes, http_charset).0
    }

    fn label(head: &str) -> Option<&'static str> {
        prescan(head.as_bytes()).map(Encoding::name)
    }

    #[test]
    fn meta_declarations() {
        assert_eq!(label("<meta charset=utf-8>"), Some("UTF-8"));
        assert_eq!(label("<META CHARSET=\"Shift_JIS\">"), Some("Shift_JIS"));
        assert_eq!(label("<meta charSet='iso-8859-1'/>"), Some("windows-1252"));
        assert_eq!(
            label("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"),
            Some("KOI8-R")
        );
        assert_eq!(
            label("<meta content='text/html;charset = \"gbk\"' http-equiv=content-type>"),
            Some("GBK")
        );
        // A content charset without http-equiv is not a declaration.
        assert_eq!(label("<meta content=\"charset=koi8-r\">"), None);
        assert_eq!(
            label("<!-- <meta charset=koi8-r> --><meta charset=utf-8>"),
            Some("UTF-8")
        );
        assert_eq!(label("<meta name=viewport content=x><p>"), None);
        assert_eq!(label("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(label("<meta charset=bogus>"), None);
    }

    #[test]
    fn the_http_charset_comes_before_meta_and_detection() {
        // "Привет" in windows-1251, declared koi8-r by its <meta>.
        let page = b"<meta charset=koi8-r><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert!(decode_declared(page, Some("windows-1251")).contains("Привет"));
        assert!(!decode(page).contains("Привет"));
        // An unknown label is no declaration.
        assert_eq!(decode_declared(page, Some("bogus")), decode(page));
        // A byte-order mark still wins.
        assert_eq!(
            decode_declared(b"\xef\xbb\xbfcaf\xc3\xa9", Some("koi8-r")),
            "café"
        );
    }

    #[test]
    fn utf16_without_a_mark_is_read_as_utf16() {
        let page = "<html><body><p>Привет, мир. 你好，世界。</p></body></html>";
        let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = page.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le), page);
        assert_eq!(decode(&be), page);
    }

    #[test]
    fn binary_data_is_decoded_as_it_comes() {
        // Not UTF-16 (unpaired surrogates): decoded as detected, and then
        // refused by the caller.
        let junk: Vec<u8> = (0..8192u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(looks_binary(&decode(&junk)).is_some());
    }
}
