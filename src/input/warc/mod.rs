//! WARC files (Common Crawl, CC-News, web archives): the HTML pages among
//! their records, one record at a time.
//!
//! pith reads WARC with a small reader of its own rather than the `warc`
//! crate: that crate neither gives the compressed offset of a record's gzip
//! member, nor goes on after a broken record, nor reads HTTP, and its
//! buffered records are read whole. Here:
//!
//! - `members`: the file decompressed one gzip member at a time (each
//!   member's compressed offset known, a broken member skipped);
//! - `record`: records as a header and a block of `Content-Length` bytes,
//!   read or skipped as a stream, with resynchronisation on the next
//!   `WARC/` line after a broken one;
//! - `http`: the status line and header fields of a `response` record;
//! - `body`: chunked transfer coding and `gzip`/`deflate`/`br` content
//!   codings undone, never past `--max-record-bytes`.

mod body;
mod http;
mod members;
mod record;

use std::fmt;
use std::io::{self, BufRead};

pub use record::WarcOffset;

use body::BodyError;
use record::{Header, RecordError, Records};

use super::sniff::looks_like_html;

/// Whether the start of a stream (decompressed) is a WARC record's version
/// line.
///
/// ```
/// use pith::input::looks_like_warc;
/// assert!(looks_like_warc(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"));
/// assert!(looks_like_warc(b"WARC/1.1\n"));
/// assert!(!looks_like_warc(b"WARC/2.0\r\n"));
/// assert!(!looks_like_warc(b"<html>"));
/// ```
pub fn looks_like_warc(head: &[u8]) -> bool {
    head.starts_with(b"WARC/1.0") || head.starts_with(b"WARC/1.1")
}

/// How WARC records are read.
///
/// ```
/// use pith::input::{Skip, WarcItem, WarcOptions, WarcReader};
/// let http = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><p>Gone</p></html>";
/// let warc = format!(
///     "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
///     http.len()
/// );
/// let first = |options| WarcReader::new(warc.as_bytes(), options).unwrap().next().unwrap();
/// assert_eq!(first(WarcOptions::default()), WarcItem::Skipped(Skip::Status));
/// let all = WarcOptions { all_status: true, ..WarcOptions::default() };
/// assert!(matches!(first(all), WarcItem::Page(page) if page.http_status == Some(404)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarcOptions {
    /// A record whose block, or whose payload once decoded, is larger than
    /// this is skipped with a warning (default 64 MiB).
    pub max_record_bytes: u64,
    /// Clean responses of every HTTP status, not only 2xx.
    pub all_status: bool,
}

impl Default for WarcOptions {
    fn default() -> Self {
        WarcOptions {
            max_record_bytes: crate::input::DEFAULT_MAX_RECORD_BYTES,
            all_status: false,
        }
    }
}

/// Why a record gave no page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// A `request` record.
    Request,
    /// A `metadata` record.
    Metadata,
    /// A `warcinfo` record.
    Warcinfo,
    /// A `revisit` record (the page is in another record).
    Revisit,
    /// Any other record type (`conversion`, `continuation`, ...).
    OtherType,
    /// A response or resource that is not HTML (an image, a PDF, ...).
    NotHtml,
    /// A response whose HTTP status is not 2xx.
    Status,
    /// Larger than `--max-record-bytes` (skipped with a warning).
    TooLarge,
}

impl Skip {
    /// The name used in the run's summary.
    ///
    /// ```
    /// assert_eq!(pith::input::Skip::NotHtml.name(), "not HTML");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Skip::Request => "request",
            Skip::Metadata => "metadata",
            Skip::Warcinfo => "warcinfo",
            Skip::Revisit => "revisit",
            Skip::OtherType => "other type",
            Skip::NotHtml => "not HTML",
            Skip::Status => "non-2xx",
            Skip::TooLarge => "too large",
        }
    }
}

/// An HTML page read from a `response` or `resource` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// Where the record starts.
    pub offset: WarcOffset,
    /// `WARC-Record-ID`.
    pub id: Option<String>,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date`.
    pub date: Option<String>,
    /// The HTTP status (`response` records).
    pub http_status: Option<u16>,
    /// The page's bytes, transfer and content codings undone.
    pub html: Vec<u8>,
    /// The `charset` the HTTP `Content-Type` (or a resource record's
    /// `Content-Type`) declares.
    pub charset: Option<String>,
    /// Something to tell the user about a page that is still cleaned (it
    /// was marked `WARC-Truncated`).
    pub warning: Option<String>,
}

/// A record that could not be read, or was skipped with a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcProblem {
    /// Where the record starts.
    pub offset: WarcOffset,
    /// `WARC-Record-ID`, when it was read.
    pub id: Option<String>,
    /// What is wrong, without the place.
    pub message: String,
    /// `Some` for a record skipped with a warning; `None` for an error.
    pub skip: Option<Skip>,
}

impl fmt::Display for WarcProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            place(self.offset, self.id.as_deref()),
            self.message
        )
    }
}

/// How messages name a record: `record at byte 5120 (its gzip member)
/// <urn:uuid:...>`.
///
/// ```
/// use pith::input::{warc_place, WarcOffset};
/// assert_eq!(warc_place(WarcOffset::Byte(9), Some("<urn:x>")), "record at byte 9 <urn:x>");
/// assert_eq!(warc_place(WarcOffset::Byte(9), None), "record at byte 9");
/// ```
pub fn place(offset: WarcOffset, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("record at {offset} {id}"),
        None => format!("record at {offset}"),
    }
}

/// What one record gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarcItem {
    /// An HTML page to clean.
    Page(Box<WarcPage>),
    /// A record that is not an HTML page (counted, never reported).
    Skipped(Skip),
    /// A broken record (an error) or one skipped with a warning.
    Problem(WarcProblem),
}

/// The items of a WARC file, plain or gzipped (per record or whole), one
/// record at a time: no more than one record's block is in memory, and no
/// block larger than [`WarcOptions::max_record_bytes`] is read into it.
///
/// ```
/// use pith::input::{WarcItem, WarcOptions, WarcReader};
/// let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>Hi</p></html>";
/// let warc = format!(
///     "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
///      WARC-Target-URI: https://news.example/a\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
///     http.len()
/// );
/// let items: Vec<WarcItem> = WarcReader::new(warc.as_bytes(), WarcOptions::default())
///     .unwrap()
///     .collect();
/// let WarcItem::Page(page) = &items[0] else { panic!() };
/// assert_eq!(page.http_status, Some(200));
/// assert_eq!(page.url.as_deref(), Some("https://news.example/a"));
/// assert_eq!(page.html, b"<html><p>Hi</p></html>");
/// ```
pub struct WarcReader<R> {
    records: Records<R>,
    options: WarcOptions,
}

impl<R: BufRead> WarcReader<R> {
    /// Reads a WARC file as stored (gzipped or not).
    pub fn new(inner: R, options: WarcOptions) -> io::Result<Self> {
        Self::with_decoding(inner, false, options)
    }

    /// Reads a WARC stream that was gzipped and is decompressed already
    /// (`predecoded`), so offsets are said to be uncompressed.
    pub(crate) fn with_decoding(
        inner: R,
        predecoded: bool,
        options: WarcOptions,
    ) -> io::Result<Self> {
        Ok(WarcReader {
            records: Records::new(inner, predecoded)?,
            options,
        })
    }

    /// Reads the block of a response or resource record and makes a page.
    fn page(&mut self, header: Header) -> WarcItem {
        let max = self.options.max_record_bytes;
        if header.length > max {
            let message = format!(
                "its block of {} bytes is larger than --max-record-bytes {max}; skipped",
                header.length
            );
            return match self.records.skip_block(&header) {
                Ok(()) => too_large(&header, message),
                Err(e) => problem(e),
            };
        }
        let block = match self.records.read_block(&header) {
            Ok(block) => block,
            Err(e) => return problem(e),
        };
        let warning = header.truncated.as_ref().map(|why| {
            format!(
                "{}: marked WARC-Truncated ({why}); the page may be cut short",
                place(header.offset, header.id.as_deref())
            )
        });
        let (html, http_status, media_type, charset) = if header.kind == "resource" {
            let (media_type, charset) =
                http::media_type_and_charset(header.content_type.as_deref().unwrap_or_default());
            (block, None, media_type, charset)
        } else {
            match self.http_payload(&header, block) {
                Ok((html, head)) => (html, Some(head.status), head.media_type, head.charset),
                Err(item) => return item,
            }
        };
        if !is_html(media_type.as_deref(), &html) {
            return WarcItem::Skipped(Skip::NotHtml);
        }
        WarcItem::Page(Box::new(WarcPage {
            offset: header.offset,
            id: header.id,
            url: header.url,
            date: header.date,
            http_status,
            html,
            charset,
            warning,
        }))
    }

    /// The page in a response record's HTTP payload, with the HTTP head;
    /// else the item the record gives (skipped, or a problem). The status
    /// and an explicit media type are checked before the body is decoded,
    /// so an image is never inflated.
    fn http_payload(
        &self,
        header: &Header,
        block: Vec<u8>,
    ) -> Result<(Vec<u8>, http::HttpHead), WarcItem> {
        let error = |message: String, skip: Option<Skip>| {
            WarcItem::Problem(WarcProblem {
                offset: header.offset,
                id: header.id.clone(),
                message,
                skip,
            })
        };
        let head = http::parse_response(&block).map_err(|m| error(m, None))?;
        if !(200..300).contains(&head.status) && !self.options.all_status {
            return Err(WarcItem::Skipped(Skip::Status));
        }
        if head.media_type.is_some() && !is_html(head.media_type.as_deref(), &[]) {
            return Err(WarcItem::Skipped(Skip::NotHtml));
        }
        let max = self.options.max_record_bytes;
        // The body is the block after the HTTP head, moved down in place.
        let mut body = block;
        body.drain(..head.body_start.min(body.len()));
        let html = match body::decode(body, head.chunked, &head.encodings, max) {
            Ok(html) => html,
            Err(BodyError::TooLarge) => {
                let message =
                    format!("its payload inflates past --max-record-bytes {max}; skipped");
                return Err(error(message, Some(Skip::TooLarge)));
            }
            // A payload the crawler cut short cannot decode to its end:
            // what did decode is the page (the record is flagged already).
            Err(BodyError::Bad { partial, .. })
                if header.truncated.is_some() && !partial.is_empty() =>
            {
                partial
            }
            Err(BodyError::Bad { message, .. }) => return Err(error(message, None)),
        };
        Ok((html, head))
    }
}

/// The media types pith reads as HTML; a page without one is HTML when its
/// content looks like a page.
fn is_html(media_type: Option<&str>, content: &[u8]) -> bool {
    match media_type {
        Some(t) => t == "text/html" || t == "application/xhtml+xml",
        None => looks_like_html(content),
    }
}

fn problem(e: RecordError) -> WarcItem {
    WarcItem::Problem(WarcProblem {
        offset: e.offset,
        id: e.id,
        message: e.message,
        skip: None,
    })
}

fn too_large(header: &Header, message: String) -> WarcItem {
    WarcItem::Problem(WarcProblem {
        offset: header.offset,
        id: header.id.clone(),
        message,
        skip: Some(Skip::TooLarge),
    })
}

/// What a record of a type other than `response` and `resource` is counted as.
fn skip_for_type(kind: &str) -> Option<Skip> {
    match kind {
        "response" | "resource" => None,
        "request" => Some(Skip::Request),
        "metadata" => Some(Skip::Metadata),
        "warcinfo" => Some(Skip::Warcinfo),
        "revisit" => Some(Skip::Revisit),
        _ => Some(Skip::OtherType),
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = WarcItem;

    fn next(&mut self) -> Option<WarcItem> {
        let header = match self.records.next_header()? {
            Ok(header) => header,
            Err(e) => return Some(problem(e)),
        };
        if let Some(skip) = skip_for_type(&header.kind) {
            return Some(match self.records.skip_block(&header) {
                Ok(()) => WarcItem::Skipped(skip),
                Err(e) => problem(e),
            });
        }
        Some(self.page(header))
    }
}
