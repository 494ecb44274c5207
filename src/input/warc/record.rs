//! WARC records one at a time: the version line, the named fields, and a
//! block of `Content-Length` bytes that is read (or skipped) as a stream.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

use super::members::{Members, Tracked};

/// The longest line read in a record's header; a longer one is cut there
/// (and then fails to parse), so junk without line breaks costs no memory.
const MAX_LINE: u64 = 64 << 10;

/// The largest record header; real ones are well under 4 KB.
const MAX_HEADER: usize = 1 << 20;

/// Read errors in a row, with no record read between them, after which the
/// input is given up: a disk that fails at the same place on every read
/// would otherwise be retried for ever. Broken records do not come in such
/// runs: after one, lines are skipped silently up to the next record.
const MAX_ERRORS_IN_A_ROW: u32 = 1000;

/// Where a record starts, as precisely as the input allows.
///
/// ```
/// use pith::input::WarcOffset;
/// assert_eq!(WarcOffset::Member(5120).to_string(), "byte 5120 (its gzip member)");
/// assert_eq!(WarcOffset::Uncompressed(77).to_string(), "uncompressed byte 77");
/// assert_eq!(WarcOffset::Byte(0).to_string(), "byte 0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarcOffset {
    /// A byte of an uncompressed file.
    Byte(u64),
    /// The first byte of the record's own gzip member in the compressed
    /// file: the offset Common Crawl's indexes give.
    Member(u64),
    /// A byte of the decompressed stream: a record that shares its gzip
    /// member with others (a file gzipped whole), or gzipped standard input.
    Uncompressed(u64),
}

impl WarcOffset {
    /// The offset and the stream it counts bytes of, as JSONL error records
    /// write them (`offset`, `offset_in`): `file` for a plain file,
    /// `compressed` for the start of a record's own gzip member,
    /// `uncompressed` for a byte of the decompressed stream.
    ///
    /// ```
    /// use pith::input::WarcOffset;
    /// assert_eq!(WarcOffset::Member(5120).parts(), (5120, "compressed"));
    /// assert_eq!(WarcOffset::from_parts(5120, "compressed"), Some(WarcOffset::Member(5120)));
    /// assert_eq!(WarcOffset::from_parts(7, "elsewhere"), None);
    /// ```
    pub fn parts(self) -> (u64, &'static str) {
        match self {
            WarcOffset::Byte(n) => (n, "file"),
            WarcOffset::Member(n) => (n, "compressed"),
            WarcOffset::Uncompressed(n) => (n, "uncompressed"),
        }
    }

    /// The offset [`WarcOffset::parts`] gave; `None` for an unknown stream.
    pub fn from_parts(offset: u64, counted_in: &str) -> Option<WarcOffset> {
        match counted_in {
            "file" => Some(WarcOffset::Byte(offset)),
            "compressed" => Some(WarcOffset::Member(offset)),
            "uncompressed" => Some(WarcOffset::Uncompressed(offset)),
            _ => None,
        }
    }
}

impl fmt::Display for WarcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarcOffset::Byte(n) => write!(f, "byte {n}"),
            WarcOffset::Member(n) => write!(f, "byte {n} (its gzip member)"),
            WarcOffset::Uncompressed(n) => write!(f, "uncompressed byte {n}"),
        }
    }
}

/// The fields of a record's header that pith reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub offset: WarcOffset,
    /// `WARC-Type`, lower case.
    pub kind: String,
    pub id: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    /// The block's `Content-Type`.
    pub content_type: Option<String>,
    /// `WARC-Truncated`: why the crawler cut the payload short.
    pub truncated: Option<String>,
    /// `Content-Length`: the block's size.
    pub length: u64,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordError {
    pub offset: WarcOffset,
    pub id: Option<String>,
    pub message: String,
}

/// Reads records from a WARC file.
pub(crate) struct Records<R> {
    input: Tracked<BufReader<Members<R>>>,
    /// The input was decompressed before it reached this reader (gzipped
    /// standard input): every offset is uncompressed.
    predecoded: bool,
    /// After a broken record: lines are skipped up to the next version line.
    lost: bool,
    /// The block of the last header, not read or skipped yet.
    pending: u64,
    errors_in_a_row: u32,
    line: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    /// Reads `inner`, plain or gzipped; `predecoded` says it was gzipped and
    /// decompressed already.
    pub(crate) fn new(inner: R, predecoded: bool) -> io::Result<Self> {
        Ok(Records {
            input: Tracked::new(BufReader::with_capacity(1 << 16, Members::new(inner)?)),
            predecoded,
            lost: false,
            pending: 0,
            errors_in_a_row: 0,
            line: Vec::new(),
        })
    }

    /// The next record's header, or why the next record cannot be read;
    /// `None` at the end of the input. A block left unread is skipped first.
    pub(crate) fn next_header(&mut self) -> Option<Result<Header, RecordError>> {
        if self.errors_in_a_row >= MAX_ERRORS_IN_A_ROW {
            return None;
        }
        if self.pending > 0 {
            let pending = self.pending;
            self.pending = 0;
            let start = self.input.position();
            if let Err(message) = self.stream_block(pending, None) {
                let offset = self.offset(start);
                return Some(Err(self.fail(offset, None, message)));
            }
        }
        let start = match self.find_version_line() {
            Ok(Some(start)) => start,
            Ok(None) => return None,
            Err((start, message)) => {
                let offset = self.offset(start);
                return Some(Err(self.fail(offset, None, message)));
            }
        };
        let offset = self.offset(start);
        let result = self.read_fields(offset);
        Some(match result {
            Ok(header) => {
                self.errors_in_a_row = 0;
                self.pending = header.length;
                Ok(header)
            }
            Err((id, message)) => Err(self.fail(offset, id, message)),
        })
    }

    /// Reads the block of the header just returned, whole: the caller has
    /// checked its length against the limit.
    pub(crate) fn read_block(&mut self, header: &Header) -> Result<Vec<u8>, RecordError> {
        self.pending = 0;
        // Capacity grows with what arrives, not with what the header claims.
        let mut block = Vec::with_capacity(header.length.min(1 << 20) as usize);
        match self.stream_block(header.length, Some(&mut block)) {
            Ok(()) => Ok(block),
            Err(message) => Err(self.fail(header.offset, header.id.clone(), message)),
        }
    }

    /// Skips the block of the header just returned without keeping it.
    pub(crate) fn skip_block(&mut self, header: &Header) -> Result<(), RecordError> {
        self.pending = 0;
        self.stream_block(header.length, None)
            .map_err(|message| self.fail(header.offset, header.id.clone(), message))
    }

    /// Reads `length` bytes into `keep`, or past them.
    fn stream_block(&mut self, length: u64, keep: Option<&mut Vec<u8>>) -> Result<(), String> {
        let mut block = (&mut self.input).take(length);
        let read = match keep {
            Some(keep) => block.read_to_end(keep).map(|n| n as u64),
            None => io::copy(&mut block, &mut io::sink()),
        };
        match read {
            Ok(n) if n == length => Ok(()),
            Ok(n) => Err(format!(
                "Content-Length {length} runs past the end of the input ({n} bytes left)"
            )),
            Err(e) => Err(format!("{e} (inside the record's block)")),
        }
    }

    /// Notes a broken record: what follows is skipped up to the next
    /// version line.
    fn fail(&mut self, offset: WarcOffset, id: Option<String>, mut message: String) -> RecordError {
        self.lost = true;
        self.pending = 0;
        self.errors_in_a_row += 1;
        if self.errors_in_a_row == MAX_ERRORS_IN_A_ROW {
            message.push_str(&format!(
                "; {MAX_ERRORS_IN_A_ROW} errors in a row, the rest of the input is not read"
            ));
        }
        RecordError {
            offset,
            id,
            message,
        }
    }

    /// Skips blank lines (and, after a broken record, anything) up to a
    /// `WARC/` line and returns where it starts; `None` at the end.
    fn find_version_line(&mut self) -> Result<Option<u64>, (u64, String)> {
        loop {
            let start = self.input.position();
            self.line.clear();
            let n = (&mut self.input)
                .take(MAX_LINE)
                .read_until(b'\n', &mut self.line)
                .map_err(|e| (start, e.to_string()))?;
            if n == 0 {
                return Ok(None);
            }
            if self.line.starts_with(b"WARC/") {
                self.lost = false;
                return Ok(Some(start));
            }
            if self.lost || self.line.trim_ascii().is_empty() {
                continue;
            }
            let found = String::from_utf8_lossy(&self.line[..self.line.len().min(40)])
                .trim_end()
                .to_string();
            return Err((
                start,
                format!("not a WARC record: expected a WARC/1.0 or WARC/1.1 line, found {found:?}"),
            ));
        }
    }

    /// Reads the named fields after the version line, up to the blank line.
    /// An error carries the record id when it was read.
    fn read_fields(&mut self, offset: WarcOffset) -> Result<Header, (Option<String>, String)> {
        let mut header = Header {
            offset,
            kind: String::new(),
            id: None,
            url: None,
            date: None,
            content_type: None,
            truncated: None,
            length: 0,
        };
        let mut length = None;
        let mut total = self.line.len();
        let mut last_name = String::new();
        loop {
            self.line.clear();
            let n = (&mut self.input)
                .take(MAX_LINE)
                .read_until(b'\n', &mut self.line)
                .map_err(|e| (header.id.clone(), e.to_string()))?;
            total += n;
            if n == 0 {
                return Err((
                    header.id,
                    "the input ends inside the record's header".into(),
                ));
            }
            if total > MAX_HEADER {
                return Err((header.id, format!("header longer than {MAX_HEADER} bytes")));
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            // A line that starts with white space continues the last field.
            let (name, value) = match line.split_once(':') {
                _ if line.starts_with([' ', '\t']) => (last_name.as_str(), line.trim()),
                Some((name, value)) if !name.trim().is_empty() => (name.trim(), value.trim()),
                _ => {
                    return Err((
                        header.id,
                        format!("malformed header line {:?}", truncate(line, 60)),
                    ))
                }
            };
            let name = name.to_ascii_lowercase();
            let slot = match name.as_str() {
                "warc-type" => {
                    header.kind.push_str(&value.to_ascii_lowercase());
                    None
                }
                "warc-record-id" => Some(&mut header.id),
                "warc-target-uri" => Some(&mut header.url),
                "warc-date" => Some(&mut header.date),
                "content-type" => Some(&mut header.content_type),
                "warc-truncated" => Some(&mut header.truncated),
                "content-length" => {
                    length = value.parse::<u64>().ok();
                    if length.is_none() {
                        return Err((
                            header.id,
                            format!("invalid Content-Length {:?}", truncate(value, 30)),
                        ));
                    }
                    None
                }
                _ => None,
            };
            if let Some(slot) = slot {
                let field = slot.get_or_insert_with(String::new);
                if !field.is_empty() {
                    field.push(' ');
                }
                field.push_str(value);
            }
            last_name = name;
        }
        // WARC 1.0 puts the target URI in angle brackets; 1.1 does not.
        if let Some(url) = &mut header.url {
            if url.starts_with('<') && url.ends_with('>') && url.len() >= 2 {
                *url = url[1..url.len() - 1].to_string();
            }
        }
        match length {
            Some(length) => {
                header.length = length;
                Ok(header)
            }
            None => Err((header.id, "no Content-Length".into())),
        }
    }

    /// Where the record starting at uncompressed byte `start` starts.
    fn offset(&mut self, start: u64) -> WarcOffset {
        let members = self.input.get_mut().get_mut();
        if self.predecoded {
            WarcOffset::Uncompressed(start)
        } else if !members.is_gzip() {
            WarcOffset::Byte(start)
        } else {
            match members.member_at(start) {
                Some(compressed) => WarcOffset::Member(compressed),
                None => WarcOffset::Uncompressed(start),
            }
        }
    }
}

/// At most `max` characters of `text`, for messages.
fn truncate(text: &str, max: usize) -> &str {
    text.char_indices()
        .nth(max)
        .map_or(text, |(i, _)| &text[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::testing::gz;

    fn record(kind: &str, id: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {id}\r\n\
             WARC-Target-URI: <http://a.example/x>\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    /// Every record's (offset, id, block) or error message, in order.
    fn read(bytes: &[u8]) -> Vec<Result<(WarcOffset, String, String), String>> {
        let mut records = Records::new(bytes, false).unwrap();
        let mut out = Vec::new();
        while let Some(header) = records.next_header() {
            out.push(header.map_err(|e| e.message).and_then(|h| {
                let block = records.read_block(&h).map_err(|e| e.message)?;
                let block = String::from_utf8(block).unwrap();
                Ok((h.offset, h.id.unwrap_or_default(), block))
            }));
        }
        out
    }

    #[test]
    fn records_are_read_with_their_offsets() {
        let (a, b) = (
            record("response", "<a>", "one"),
            record("request", "<b>", "two"),
        );
        let file = format!("{a}{b}");
        let got = read(file.as_bytes());
        assert_eq!(
            got,
            [
                Ok((WarcOffset::Byte(0), "<a>".into(), "one".into())),
                Ok((WarcOffset::Byte(a.len() as u64), "<b>".into(), "two".into())),
            ]
        );
    }

    #[test]
    fn per_record_gzip_gives_compressed_member_offsets() {
        let (a, b) = (
            record("response", "<a>", "one"),
            record("request", "<b>", "two"),
        );
        let first = gz(a.as_bytes());
        let file = [first.clone(), gz(b.as_bytes())].concat();
        let offsets: Vec<WarcOffset> = read(&file).into_iter().map(|r| r.unwrap().0).collect();
        assert_eq!(
            offsets,
            [
                WarcOffset::Member(0),
                WarcOffset::Member(first.len() as u64)
            ]
        );
        // A file gzipped whole: the second record is inside the one member.
        let whole = gz(format!("{a}{b}").as_bytes());
        let offsets: Vec<WarcOffset> = read(&whole).into_iter().map(|r| r.unwrap().0).collect();
        assert_eq!(
            offsets,
            [
                WarcOffset::Member(0),
                WarcOffset::Uncompressed(a.len() as u64)
            ]
        );
    }

    #[test]
    fn a_corrupt_header_is_reported_and_the_next_record_read() {
        let good = record("response", "<c>", "three");
        let file = format!(
            "{}garbage line\r\nmore\r\n{good}",
            record("response", "<a>", "one")
        );
        let got = read(file.as_bytes());
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1]
            .as_ref()
            .unwrap_err()
            .starts_with("not a WARC record"));
        assert_eq!(got[2].as_ref().unwrap().1, "<c>");
    }

    #[test]
    fn a_missing_content_length_names_the_record() {
        let file = format!(
            "WARC/1.1\r\nWARC-Record-ID: <x>\r\n\r\nbody\r\n\r\n{}",
            record("response", "<y>", "ok")
        );
        let mut records = Records::new(file.as_bytes(), false).unwrap();
        let error = records.next_header().unwrap().unwrap_err();
        assert_eq!(error.id.as_deref(), Some("<x>"));
        assert_eq!(error.message, "no Content-Length");
        let next = records.next_header().unwrap().unwrap();
        assert_eq!(next.id.as_deref(), Some("<y>"));
    }

    #[test]
    fn a_block_past_the_end_is_an_error_with_the_offset() {
        let full = record("response", "<a>", "a body of some length");
        let cut = &full[..full.len() - 12];
        let got = read(cut.as_bytes());
        assert_eq!(
            got,
            [Err(
                "Content-Length 21 runs past the end of the input (13 bytes left)".to_string()
            )]
        );
    }

    #[test]
    fn fields_are_read_without_regard_to_case_and_urls_unbracketed() {
        let file = "WARC/1.1\r\nwarc-type: Resource\r\nWARC-Target-URI: <http://x.org/>\r\n\
                    WARC-Truncated: length\r\ncontent-length: 0\r\n\r\n\r\n\r\n";
        let mut records = Records::new(file.as_bytes(), false).unwrap();
        let header = records.next_header().unwrap().unwrap();
        assert_eq!(header.kind, "resource");
        assert_eq!(header.url.as_deref(), Some("http://x.org/"));
        assert_eq!(header.truncated.as_deref(), Some("length"));
        assert!(records.next_header().is_none());
    }

    /// A source that fails on every read, as a dying disk does.
    struct Broken;

    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("input/output error"))
        }
    }

    #[test]
    fn a_source_that_always_fails_is_given_up() {
        let source = BufReader::new(io::Cursor::new(b"WARC/1.0\r\n".to_vec()).chain(Broken));
        let mut records = Records::new(source, false).unwrap();
        let mut errors = Vec::new();
        while let Some(header) = records.next_header() {
            errors.push(header.unwrap_err().message);
        }
        assert_eq!(errors.len(), MAX_ERRORS_IN_A_ROW as usize);
        assert!(errors[0].contains("input/output error"), "{}", errors[0]);
        let last = errors.last().unwrap();
        assert!(
            last.ends_with("the rest of the input is not read"),
            "{last}"
        );
    }

    #[test]
    fn an_unread_block_is_skipped_before_the_next_header() {
        let file = format!(
            "{}{}",
            record("request", "<a>", "one"),
            record("response", "<b>", "two")
        );
        let mut records = Records::new(file.as_bytes(), false).unwrap();
        let first = records.next_header().unwrap().unwrap();
        assert_eq!(first.id.as_deref(), Some("<a>"));
        let second = records.next_header().unwrap().unwrap();
        assert_eq!(second.id.as_deref(), Some("<b>"));
    }
}
