//! An HTTP body as the page's bytes: chunked transfer coding removed, then
//! `gzip`, `deflate` and `br` content codings undone, never past a limit.

use std::io::{self, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::input::stream::is_gzip;

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// It inflates past the limit.
    TooLarge,
    /// Malformed or in a coding pith does not read; what was decoded
    /// before the fault is kept.
    Bad { message: String, partial: Vec<u8> },
}

/// Decodes `body`: dechunked when `chunked`, then each of `encodings`
/// undone, last applied first. The result never holds more than `limit`
/// bytes: past it the body is [`BodyError::TooLarge`]. A body stored as
/// sent (most are) is handed back without a copy.
pub(crate) fn decode(
    body: Vec<u8>,
    chunked: bool,
    encodings: &[String],
    limit: u64,
) -> Result<Vec<u8>, BodyError> {
    let dechunked = if chunked {
        dechunk(&body).map_err(|message| BodyError::Bad {
            message,
            partial: Vec::new(),
        })?
    } else {
        None
    };
    let mut bytes = dechunked.unwrap_or(body);
    for coding in encodings.iter().rev() {
        bytes = inflate(bytes, coding, limit)?;
    }
    if bytes.len() as u64 > limit {
        return Err(BodyError::TooLarge);
    }
    Ok(bytes)
}

/// Removes chunked transfer coding. A body that does not start with a chunk
/// size is taken as stored already dechunked (crawlers often keep the
/// header but not the coding): `None`, the body stands as it is. A body cut
/// inside a chunk keeps what it has.
fn dechunk(body: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    while let Some(end) = memchr::memchr(b'\n', rest) {
        let line = String::from_utf8_lossy(&rest[..end]);
        let size = line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size, 16) else {
            if first {
                return Ok(None);
            }
            return Err(format!(
                "malformed chunk size {:?}",
                size.chars().take(20).collect::<String>()
            ));
        };
        first = false;
        rest = &rest[end + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
    if first {
        // Not even one chunk-size line: not chunked after all.
        return Ok(None);
    }
    Ok(Some(out))
}

/// Undoes one content coding, reading at most `limit + 1` bytes.
fn inflate(bytes: Vec<u8>, coding: &str, limit: u64) -> Result<Vec<u8>, BodyError> {
    let encoded = bytes.as_slice();
    let reader: Box<dyn Read + '_> = match coding {
        // Some servers label a body gzip that they send plain; such a body
        // does not start with the gzip magic number.
        "gzip" | "x-gzip" if !is_gzip(encoded) => return Ok(bytes),
        "gzip" | "x-gzip" => Box::new(MultiGzDecoder::new(encoded)),
        // HTTP's deflate is zlib-wrapped; many servers send raw deflate.
        "deflate" if zlib_header(encoded) => Box::new(ZlibDecoder::new(encoded)),
        "deflate" => Box::new(DeflateDecoder::new(encoded)),
        "br" => Box::new(brotli_decompressor::Decompressor::new(encoded, 1 << 14)),
        other => {
            return Err(BodyError::Bad {
                message: format!("unsupported Content-Encoding {other:?}"),
                partial: Vec::new(),
            })
        }
    };
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(1 << 24));
    let read = reader.take(limit.saturating_add(1)).read_to_end(&mut out);
    match read {
        _ if out.len() as u64 > limit => Err(BodyError::TooLarge),
        Ok(_) => Ok(out),
        Err(e) => Err(BodyError::Bad {
            message: describe(coding, &e),
            partial: out,
        }),
    }
}

fn describe(coding: &str, e: &io::Error) -> String {
    format!("cannot decode Content-Encoding {coding}: {e}")
}

/// Whether `bytes` start with a zlib header (RFC 1950: deflate method, and
/// the two bytes a multiple of 31).
fn zlib_header(bytes: &[u8]) -> bool {
    match bytes {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    use std::io::Write;

    const PAGE: &[u8] = b"<html><body><p>Hello, chunked world.</p></body></html>";

    fn codings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let (a, b) = PAGE.split_at(25);
        let mut body = format!("{:x};ext=1\r\n", a.len()).into_bytes();
        body.extend_from_slice(a);
        body.extend_from_slice(format!("\r\n{:X}\r\n", b.len()).as_bytes());
        body.extend_from_slice(b);
        body.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(decode(body.clone(), true, &[], 1 << 20).unwrap(), PAGE);
        // Cut inside the second chunk: what arrived is kept.
        let cut = &body[..body.len() - 12];
        assert_eq!(
            decode(cut.to_vec(), true, &[], 1 << 20).unwrap(),
            &PAGE[..PAGE.len() - 5]
        );
        // Stored dechunked under a chunked header: left as it is.
        assert_eq!(decode(PAGE.to_vec(), true, &[], 1 << 20).unwrap(), PAGE);
    }

    /// `PAGE` written through `encoder`, then `finish`ed.
    fn encoded<W: Write>(mut encoder: W, finish: fn(W) -> io::Result<Vec<u8>>) -> Vec<u8> {
        encoder.write_all(PAGE).unwrap();
        finish(encoder).unwrap()
    }

    #[test]
    fn gzip_deflate_and_zlib_are_undone() {
        let level = Compression::default();
        let cases = [
            (
                "gzip",
                encoded(GzEncoder::new(Vec::new(), level), GzEncoder::finish),
            ),
            (
                "deflate",
                encoded(ZlibEncoder::new(Vec::new(), level), ZlibEncoder::finish),
            ),
            (
                "deflate",
                encoded(
                    DeflateEncoder::new(Vec::new(), level),
                    DeflateEncoder::finish,
                ),
            ),
        ];
        for (coding, body) in cases {
            let decoded = decode(body, false, &codings(&[coding]), 1 << 20);
            assert_eq!(decoded.as_deref(), Ok(PAGE), "{coding}");
        }
        // Labelled gzip but sent plain.
        assert_eq!(
            decode(PAGE.to_vec(), false, &codings(&["gzip"]), 1 << 20).unwrap(),
            PAGE
        );
    }

    #[test]
    fn brotli_is_undone() {
        // "hello" compressed by the reference brotli encoder, quality 11.
        let br = [0x0b, 0x02, 0x80, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x03];
        assert_eq!(
            decode(br.to_vec(), false, &codings(&["br"]), 100).unwrap(),
            b"hello"
        );
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(&vec![b'a'; 10 << 20]).unwrap();
        let gz = gz.finish().unwrap();
        assert!(gz.len() < 100_000);
        assert_eq!(
            decode(gz, false, &codings(&["gzip"]), 1 << 20),
            Err(BodyError::TooLarge)
        );
        assert_eq!(
            decode(PAGE.to_vec(), false, &[], 10),
            Err(BodyError::TooLarge)
        );
    }

    #[test]
    fn a_cut_gzip_body_keeps_what_was_decoded() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&PAGE.repeat(50)).unwrap();
        let gz = gz.finish().unwrap();
        // Without its trailer (checksum and size): every byte of the page
        // decodes, then the stream ends too soon.
        let cut = &gz[..gz.len() - 6];
        match decode(cut.to_vec(), false, &codings(&["gzip"]), 1 << 20) {
            Err(BodyError::Bad { message, partial }) => {
                assert!(message.starts_with("cannot decode Content-Encoding gzip"));
                assert!(partial.starts_with(PAGE), "{partial:?}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode(PAGE.to_vec(), false, &codings(&["compress"]), 100),
            Err(BodyError::Bad { .. })
        ));
    }
}
