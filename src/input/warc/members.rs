//! The bytes of a WARC file, decompressed member by member.
//!
//! Common Crawl writes each record as its own gzip member, and its indexes
//! point at a member's first compressed byte; a whole file compressed at once
//! is one member. `flate2`'s `MultiGzDecoder` reads both but hides where each
//! member starts, and it stops for good at the first broken member. This
//! reader decodes one member at a time from a [`BufRead`] (the `bufread`
//! decoder consumes exactly its member), so it knows the compressed offset of
//! every member it starts, and after a broken member it looks for the next
//! gzip header instead of giving up on the rest of the file.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The first bytes of a gzip member: magic number and the deflate method.
const GZIP_HEADER: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Where a member starts: its first uncompressed byte and its first
/// compressed byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MemberStart {
    pub uncompressed: u64,
    pub compressed: u64,
}

/// A [`BufRead`] that counts the bytes consumed from it.
pub(crate) struct Tracked<R> {
    inner: R,
    position: u64,
}

impl<R> Tracked<R> {
    pub(crate) fn new(inner: R) -> Self {
        Tracked { inner, position: 0 }
    }

    /// Bytes consumed so far.
    pub(crate) fn position(&self) -> u64 {
        self.position
    }

    pub(crate) fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.position += amt as u64;
        self.inner.consume(amt);
    }
}

/// What the reader is doing.
enum State<R> {
    /// Not gzip: bytes pass through.
    Plain(Tracked<R>),
    /// Inside a member.
    Member(Box<GzDecoder<Tracked<R>>>),
    /// Between members (or before the first).
    Between(Tracked<R>),
    /// After a broken member: looking for the next gzip header past `after`.
    Resync { reader: Tracked<R>, after: u64 },
    /// Only while the state is being replaced.
    Gone,
}

/// The decompressed bytes of a WARC file, plain or gzipped (per record or
/// whole), with the start of every member it began.
pub(crate) struct Members<R> {
    state: State<R>,
    /// Uncompressed bytes handed out.
    produced: u64,
    /// Members begun whose start the record reader has not passed yet.
    starts: VecDeque<MemberStart>,
}

impl<R: BufRead> Members<R> {
    /// Reads `inner`, gzipped when it starts with the gzip magic number.
    pub(crate) fn new(mut inner: R) -> io::Result<Self> {
        let gzip = inner.fill_buf()?.first() == Some(&GZIP_HEADER[0]);
        let reader = Tracked::new(inner);
        Ok(Members {
            state: if gzip {
                State::Between(reader)
            } else {
                State::Plain(reader)
            },
            produced: 0,
            starts: VecDeque::new(),
        })
    }

    /// Whether the input is gzipped.
    pub(crate) fn is_gzip(&self) -> bool {
        !matches!(self.state, State::Plain(_))
    }

    /// The compressed offset of the member that starts at uncompressed byte
    /// `at`, if one does; forgets members that start before it.
    pub(crate) fn member_at(&mut self, at: u64) -> Option<u64> {
        while self.starts.front().is_some_and(|s| s.uncompressed < at) {
            self.starts.pop_front();
        }
        self.starts
            .front()
            .filter(|s| s.uncompressed == at)
            .map(|s| s.compressed)
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Gone) {
                State::Gone => return Ok(0),
                State::Plain(mut reader) => {
                    let n = reader.read(buf);
                    self.state = State::Plain(reader);
                    let n = n?;
                    self.produced += n as u64;
                    return Ok(n);
                }
                State::Member(mut decoder) => match decoder.read(buf) {
                    Ok(0) => self.state = State::Between(decoder.into_inner()),
                    Ok(n) => {
                        self.state = State::Member(decoder);
                        self.produced += n as u64;
                        return Ok(n);
                    }
                    Err(e) => {
                        let start = self.starts.back().map_or(0, |s| s.compressed);
                        self.state = State::Resync {
                            reader: decoder.into_inner(),
                            after: start,
                        };
                        return Err(io::Error::new(
                            e.kind(),
                            format!("gzip member at byte {start}: {e}"),
                        ));
                    }
                },
                State::Between(mut reader) => {
                    let first = match reader.fill_buf() {
                        Ok(head) => head.first().copied(),
                        Err(e) => {
                            self.state = State::Between(reader);
                            return Err(e);
                        }
                    };
                    match first {
                        None => {
                            self.state = State::Between(reader);
                            return Ok(0);
                        }
                        Some(byte) if byte == GZIP_HEADER[0] => {
                            self.starts.push_back(MemberStart {
                                uncompressed: self.produced,
                                compressed: reader.position(),
                            });
                            self.state = State::Member(Box::new(GzDecoder::new(reader)));
                        }
                        Some(_) => {
                            let at = reader.position();
                            self.state = State::Resync { reader, after: at };
                            return Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                format!("byte {at}: not a gzip member"),
                            ));
                        }
                    }
                }
                State::Resync { mut reader, after } => {
                    let found = seek_gzip_header(&mut reader, after);
                    self.state = State::Between(reader);
                    if !found? {
                        return Ok(0);
                    }
                }
            }
        }
    }
}

/// Consumes bytes up to the next gzip header that starts past `after`;
/// false at the end of the input.
fn seek_gzip_header<R: BufRead>(reader: &mut Tracked<R>, after: u64) -> io::Result<bool> {
    loop {
        let position = reader.position();
        let head = reader.fill_buf()?;
        if head.is_empty() {
            return Ok(false);
        }
        let skip = usize::from(position <= after && head.first() == Some(&GZIP_HEADER[0]));
        let candidate = memchr::memchr(GZIP_HEADER[0], &head[skip..]).map(|i| i + skip);
        match candidate {
            // The header is cut by the end of the buffer: try it; a false
            // start only costs another search.
            Some(i) if head.len() - i < GZIP_HEADER.len() => {
                reader.consume(i);
                return Ok(true);
            }
            Some(i) if head[i..].starts_with(&GZIP_HEADER) => {
                reader.consume(i);
                return Ok(true);
            }
            Some(i) => reader.consume(i + 1),
            None => {
                let len = head.len();
                reader.consume(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::testing::gz;

    fn read_all(members: &mut Members<&[u8]>) -> (Vec<u8>, Vec<String>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            match members.read(&mut buf) {
                Ok(0) => return (out, errors),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => errors.push(e.to_string()),
            }
        }
    }

    #[test]
    fn plain_bytes_pass_through() {
        let mut members = Members::new(&b"WARC/1.0\r\n"[..]).unwrap();
        assert!(!members.is_gzip());
        assert_eq!(read_all(&mut members).0, b"WARC/1.0\r\n");
    }

    #[test]
    fn every_member_start_is_known_in_both_coordinates() {
        let (a, b) = (gz(b"first record"), gz(b"second"));
        let file = [a.clone(), b].concat();
        let mut members = Members::new(file.as_slice()).unwrap();
        let (out, errors) = read_all(&mut members);
        assert_eq!(out, b"first recordsecond");
        assert!(errors.is_empty());
        assert_eq!(members.member_at(0), Some(0));
        assert_eq!(members.member_at(5), None);
        assert_eq!(members.member_at(12), Some(a.len() as u64));
    }

    #[test]
    fn a_broken_member_is_reported_and_the_next_one_read() {
        let a = gz(b"first record");
        let a_len = a.len();
        let mut broken = gz(b"a broken member, long enough to hold a few more bytes");
        // The first deflate block (after the 10-byte gzip header) of a type
        // that does not exist: the decoder fails at once.
        broken[10] = 0x07;
        let file = [a, broken, gz(b"third")].concat();
        let mut members = Members::new(file.as_slice()).unwrap();
        let (out, errors) = read_all(&mut members);
        assert!(out.starts_with(b"first record"), "{out:?}");
        assert!(out.ends_with(b"third"), "{out:?} {errors:?}");
        assert!(!errors.is_empty());
        let expected = format!("gzip member at byte {a_len}");
        assert!(errors[0].starts_with(&expected), "{errors:?}");
    }

    #[test]
    fn a_truncated_last_member_ends_in_an_error_after_its_bytes() {
        let whole = gz(&b"a long enough record body ".repeat(40));
        let file = [gz(b"kept"), whole[..whole.len() - 10].to_vec()].concat();
        let mut members = Members::new(file.as_slice()).unwrap();
        let (out, errors) = read_all(&mut members);
        assert!(out.starts_with(b"kept"));
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn junk_between_members_is_an_error_then_skipped() {
        let file = [gz(b"one"), b"junk".to_vec(), gz(b"two")].concat();
        let mut members = Members::new(file.as_slice()).unwrap();
        let (out, errors) = read_all(&mut members);
        assert_eq!(out, b"onetwo");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("not a gzip member"), "{errors:?}");
    }
}
