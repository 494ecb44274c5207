//! Bounded reading: a JSONL line or a document is never held in memory
//! beyond `--max-record-bytes`, however long the line or however far a
//! compressed file inflates.

use std::fmt;
use std::io::{self, BufRead, Read};

/// The default `--max-record-bytes`: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

/// A record or document over the limit. Carried inside an [`io::Error`];
/// [`is_too_large`] tells it from a read error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// The limit in bytes.
    pub limit: u64,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "over --max-record-bytes ({} bytes after decompression), skipped; raise the limit to read it",
            self.limit
        )
    }
}

impl std::error::Error for TooLarge {}

/// Whether an error says a record or document was over the limit (rather
/// than that the input could not be read).
///
/// ```
/// use pith::input::{is_too_large, read_bounded};
/// let err = read_bounded(&b"0123456789"[..], 4).unwrap_err();
/// assert!(is_too_large(&err));
/// assert!(!is_too_large(&std::io::Error::other("disk on fire")));
/// ```
pub fn is_too_large(error: &io::Error) -> bool {
    error.get_ref().is_some_and(|e| e.is::<TooLarge>())
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, TooLarge { limit })
}

/// Reads `reader` to its end, refusing (with a [`TooLarge`] error) once it
/// gives more than `limit` bytes: at most `limit + 1` bytes are buffered.
///
/// ```
/// let bytes = pith::input::read_bounded(&b"abc"[..], 3).unwrap();
/// assert_eq!(bytes, b"abc");
/// assert!(pith::input::read_bounded(&b"abcd"[..], 3).is_err());
/// ```
pub fn read_bounded(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// How one bounded line read ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRead {
    /// The input had ended: no line.
    End,
    /// A line (with its `\n`, unless it was the last) is in the buffer.
    Line,
    /// The line was longer than the limit: it was read past and dropped (the
    /// buffer is empty); `bytes` is its length.
    TooLong {
        /// The line's length in bytes.
        bytes: u64,
    },
}

/// Reads one line into `buf` (cleared first) without ever holding more than
/// `limit` bytes of it: a longer line is skipped to its end and reported as
/// [`LineRead::TooLong`], and the next read starts at the next line.
///
/// ```
/// use pith::input::{read_line_bounded, LineRead};
/// let mut input = &b"short\nfar too long\nok"[..];
/// let mut buf = Vec::new();
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), LineRead::Line);
/// assert_eq!(buf, b"short\n");
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), LineRead::TooLong { bytes: 13 });
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), LineRead::Line);
/// assert_eq!(buf, b"ok");
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), LineRead::End);
/// ```
pub fn read_line_bounded<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: u64,
) -> io::Result<LineRead> {
    buf.clear();
    let mut length = 0u64;
    let mut started = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        started = true;
        let (take, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        length += take as u64;
        if length <= limit {
            buf.extend_from_slice(&available[..take]);
        } else {
            buf.clear();
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(match (started, length > limit) {
        (false, _) => LineRead::End,
        (true, false) => LineRead::Line,
        (true, true) => LineRead::TooLong { bytes: length },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_never_buffered_whole() {
        // A reader with a small buffer: the line arrives in many pieces.
        let line = vec![b'x'; 10_000];
        let mut input =
            io::BufReader::with_capacity(16, io::Cursor::new([&line[..], b"\nnext\n"].concat()));
        let mut buf = Vec::new();
        let read = read_line_bounded(&mut input, &mut buf, 100).unwrap();
        assert_eq!(read, LineRead::TooLong { bytes: 10_001 });
        assert!(buf.capacity() <= 200, "{}", buf.capacity());
        assert_eq!(
            read_line_bounded(&mut input, &mut buf, 100).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"next\n");
    }

    #[test]
    fn a_line_at_the_limit_is_read() {
        let mut input = &b"abcd\n"[..];
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut input, &mut buf, 5).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"abcd\n");
    }

    #[test]
    fn the_error_names_the_limit() {
        let err = read_bounded(&b"abcdef"[..], 5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "over --max-record-bytes (5 bytes after decompression), skipped; raise the limit to read it"
        );
    }
}
