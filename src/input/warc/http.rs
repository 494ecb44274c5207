//! The HTTP response stored in a `response` record: status line, header
//! fields, and where the body starts.

use memchr::memmem;

/// The largest HTTP header pith looks through for its end.
const MAX_HEAD: usize = 256 << 10;

/// What pith reads of an HTTP response's head.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct HttpHead {
    pub status: u16,
    /// The media type, lower case, without parameters.
    pub media_type: Option<String>,
    /// The `charset` parameter of `Content-Type`.
    pub charset: Option<String>,
    /// `Transfer-Encoding` names `chunked`.
    pub chunked: bool,
    /// `Content-Encoding` codings, lower case, in the order applied.
    pub encodings: Vec<String>,
    /// Where the body starts in the block.
    pub body_start: usize,
}

/// Parses the head of an HTTP response at the start of `block`.
pub(crate) fn parse_response(block: &[u8]) -> Result<HttpHead, String> {
    let window = &block[..block.len().min(MAX_HEAD)];
    let (head_len, body_start) = match memmem::find(window, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memmem::find(window, b"\n\n") {
            Some(i) => (i, i + 2),
            None if block.starts_with(b"HTTP/") => {
                return Err("the HTTP header has no end".into());
            }
            None => return Err("the payload is not an HTTP response".into()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next().unwrap_or_default();
    let status = status_of(status_line).ok_or_else(|| {
        format!(
            "the payload is not an HTTP response (it starts {:?})",
            status_line.chars().take(40).collect::<String>()
        )
    })?;
    let mut parsed = HttpHead {
        status,
        body_start,
        ..HttpHead::default()
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => {
                let (media_type, charset) = media_type_and_charset(value);
                parsed.media_type = media_type;
                parsed.charset = charset;
            }
            "transfer-encoding" => {
                parsed.chunked |= value
                    .split(',')
                    .any(|c| c.trim().eq_ignore_ascii_case("chunked"));
            }
            "content-encoding" => parsed.encodings.extend(
                value
                    .split(',')
                    .map(|c| c.trim().to_ascii_lowercase())
                    .filter(|c| !c.is_empty() && c != "identity"),
            ),
            _ => {}
        }
    }
    Ok(parsed)
}

/// The status code of a status line such as `HTTP/1.1 200 OK`.
fn status_of(line: &str) -> Option<u16> {
    let rest = line.strip_prefix("HTTP/")?;
    let code = rest.split_whitespace().nth(1)?;
    if code.len() != 3 {
        return None;
    }
    code.parse().ok()
}

/// The media type (lower case, no parameters) and the `charset` parameter
/// of a `Content-Type` value.
///
/// ```text
/// text/html; charset="Windows-1251"  →  (text/html, Windows-1251)
/// ```
pub(crate) fn media_type_and_charset(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media_type = parts
        .next()
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty());
    let charset = parts.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    });
    (media_type, charset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_headers_and_body_start() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"KOI8-R\"\r\n\
                      Transfer-Encoding: chunked\r\nContent-Encoding: gzip, br\r\n\r\nBODY";
        let head = parse_response(block).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.media_type.as_deref(), Some("text/html"));
        assert_eq!(head.charset.as_deref(), Some("KOI8-R"));
        assert!(head.chunked);
        assert_eq!(head.encodings, ["gzip", "br"]);
        assert_eq!(&block[head.body_start..], b"BODY");
    }

    #[test]
    fn bare_newlines_and_http2_status_lines() {
        let head = parse_response(b"HTTP/2 404\nContent-Encoding: identity\n\n<html>").unwrap();
        assert_eq!(head.status, 404);
        assert!(head.encodings.is_empty());
        assert_eq!(head.media_type, None);
    }

    #[test]
    fn a_payload_that_is_not_http_is_an_error() {
        let error = parse_response(b"<html><body>x</body></html>\r\n\r\n").unwrap_err();
        assert!(
            error.starts_with("the payload is not an HTTP response"),
            "{error}"
        );
        assert!(parse_response(b"<html>").is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nX: y").is_err());
        assert!(parse_response(b"HTTP/1.1 20 OK\r\n\r\n").is_err());
    }

    #[test]
    fn media_types_without_charsets() {
        assert_eq!(
            media_type_and_charset("Application/XHTML+XML"),
            (Some("application/xhtml+xml".into()), None)
        );
        assert_eq!(media_type_and_charset(""), (None, None));
    }
}
