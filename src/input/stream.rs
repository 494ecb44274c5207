//! The inputs of a run, opened once: files in order, and standard input read
//! as a stream, recognised by its content and, when it must be read twice,
//! spooled to a compressed temporary file as it is read.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

use super::files::{discover, InputError, InputFile};
use super::limit::{read_bounded, DEFAULT_MAX_RECORD_BYTES};
use super::sniff::{looks_like_jsonl, opens_a_record, Mode};
use super::warc::{looks_like_warc, Skip, WarcOptions, WarcReader};

/// How inputs are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Files by name (`.jsonl`, `.jsonl.gz`, `.ndjson` hold one record a
    /// line; `.warc`, `.warc.gz` and files that start with a `WARC/1.0` or
    /// `WARC/1.1` line are WARC; anything else is one document), standard
    /// input by content (see [`looks_like_jsonl`] and [`looks_like_warc`]).
    #[default]
    Auto,
    /// Every input holds one JSON record a line.
    Jsonl,
    /// Every input is one text dump.
    Text,
    /// Every input is one HTML page.
    Html,
    /// Every input is a WARC file (its HTML pages are cleaned).
    Warc,
}

impl InputFormat {
    /// The mode to read documents with, given `--mode`: a forced `text` or
    /// `html` layout is that mode, and contradicting `--mode` is an error.
    ///
    /// ```
    /// use pith::input::{InputFormat, Mode};
    /// assert_eq!(InputFormat::Text.document_mode(Mode::Auto), Ok(Mode::Text));
    /// assert_eq!(InputFormat::Jsonl.document_mode(Mode::Html), Ok(Mode::Html));
    /// assert!(InputFormat::Html.document_mode(Mode::Text).is_err());
    /// assert!(InputFormat::Warc.document_mode(Mode::Text).is_err());
    /// ```
    pub fn document_mode(self, mode: Mode) -> Result<Mode, String> {
        let forced = match self {
            InputFormat::Auto | InputFormat::Jsonl => return Ok(mode),
            InputFormat::Text => Mode::Text,
            // A WARC file's pages are HTML.
            InputFormat::Html | InputFormat::Warc => Mode::Html,
        };
        if mode == Mode::Auto || mode == forced {
            Ok(forced)
        } else {
            Err(format!(
                "--input-format {} contradicts --mode {}",
                self.name(),
                mode_name(mode)
            ))
        }
    }
}

impl InputFormat {
    /// The name `--input-format` takes.
    fn name(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Warc => "warc",
        }
    }
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Auto => "auto",
        Mode::Text => "text",
        Mode::Html => "html",
    }
}

/// How one input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One document.
    Document,
    /// One JSON record a line.
    Jsonl,
    /// WARC records.
    Warc,
}

/// How to open the inputs of a run.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// How inputs are laid out.
    pub format: InputFormat,
    /// Copy streams (standard input, a pipe or FIFO named as an input) to a
    /// temporary file as they are read, so they can be read a second time.
    pub spool: bool,
    /// A path the folder walk must not read (the run's output).
    pub exclude: Option<PathBuf>,
    /// The most bytes a document, a JSONL line or a WARC record may have,
    /// decompressed.
    pub max_record_bytes: u64,
    /// WARC: clean responses of every HTTP status, not only 2xx.
    pub all_status: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            format: InputFormat::Auto,
            spool: false,
            exclude: None,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            all_status: false,
        }
    }
}

/// The inputs of one run. Each regular file can be read any number of times;
/// a stream (standard input, or a pipe or FIFO named as an input) is read
/// once, and read again (when the run asked for a spool) from a
/// gzip-compressed temporary file written while it was first read. The
/// temporary files are removed when `Inputs` is dropped.
pub struct Inputs {
    files: Vec<InputFile>,
    layouts: Vec<Layout>,
    /// For each input, its stream state when it is not a regular file.
    streams: Vec<Option<Mutex<Stream>>>,
    /// What the folder walk skipped, and why.
    warnings: Vec<String>,
    max_record_bytes: u64,
    /// WARC: clean responses of every HTTP status, not only 2xx.
    all_status: bool,
    /// WARC records that gave no page, by reason, over every read.
    skipped: Mutex<BTreeMap<Skip, u64>>,
    /// Bytes read from the inputs as stored (gzip counts compressed).
    read: Arc<AtomicU64>,
    /// The summed size of the files, unknown when standard input is read.
    total: Option<u64>,
}

/// A stream's state.
struct Stream {
    /// The stream, not read yet (its first lines already sniffed).
    reader: Option<Box<dyn BufRead + Send>>,
    /// The copy being written (or written) while the stream is read.
    spool: Option<Spool>,
    /// The stream was gzipped (what is read is decompressed).
    gzipped: bool,
}

/// How the first read of standard input ended: `None` while it goes on,
/// then `Ok` at its end or the error that stopped it.
type Ended = Arc<Mutex<Option<Result<(), String>>>>;

/// The temporary copy of a stream.
struct Spool {
    /// Removed when dropped.
    path: tempfile::TempPath,
    /// `None` until the first read ends; then whether it reached the end
    /// (`Ok`) or failed, with the message to repeat when the copy is read.
    ended: Ended,
}

impl Inputs {
    /// Expands `paths` as [`discover`] does and opens standard input when it
    /// is among them, reading its first lines to tell JSONL from a single
    /// document. With `spool`, standard input is copied to a temporary file as
    /// it is read, so it can be read a second time.
    ///
    /// Inputs that cannot be listed or opened are returned as errors beside
    /// the ones that can. Naming standard input twice is an error.
    pub fn open(paths: &[PathBuf], format: InputFormat, spool: bool) -> (Inputs, Vec<InputError>) {
        let options = InputOptions {
            format,
            spool,
            ..InputOptions::default()
        };
        Inputs::open_with(paths, &options)
    }

    /// [`Inputs::open`] with every option: the walk leaves out
    /// `options.exclude`, and a path named on the command line that is not a
    /// regular file (a FIFO, `<(...)`) is opened as a stream, like standard
    /// input: read once, spooled when `options.spool` asks for it.
    ///
    /// ```
    /// use pith::input::{InputOptions, Inputs};
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("a.txt"), "A").unwrap();
    /// let options = InputOptions { max_record_bytes: 1, ..InputOptions::default() };
    /// let (inputs, errors) = Inputs::open_with(&[dir.path().to_path_buf()], &options);
    /// assert!(errors.is_empty());
    /// assert!(inputs.read_document(0).is_ok());
    /// std::fs::write(dir.path().join("a.txt"), "AB").unwrap();
    /// assert!(pith::input::is_too_large(&inputs.read_document(0).unwrap_err()));
    /// ```
    pub fn open_with(paths: &[PathBuf], options: &InputOptions) -> (Inputs, Vec<InputError>) {
        let found = discover(paths, options.exclude.as_deref());
        let mut errors = found.errors;
        let read = Arc::new(AtomicU64::new(0));
        let mut stdin_seen = false;
        let mut files = Vec::with_capacity(found.files.len());
        let mut layouts = Vec::with_capacity(found.files.len());
        let mut streams = Vec::with_capacity(found.files.len());
        let mut total = Some(0u64);
        let format = options.format;
        for file in found.files {
            // By the format asked for, else by name; a regular file is also
            // looked into for a WARC start below (a stream is sniffed when
            // it is opened).
            let named = match (&file.path, format) {
                (_, InputFormat::Jsonl) => Some(Layout::Jsonl),
                (_, InputFormat::Warc) => Some(Layout::Warc),
                (_, InputFormat::Text | InputFormat::Html) => Some(Layout::Document),
                (Some(_), InputFormat::Auto) if file.is_jsonl() => Some(Layout::Jsonl),
                (Some(_), InputFormat::Auto) if file.is_warc() => Some(Layout::Warc),
                (_, InputFormat::Auto) => None,
            };
            let source: Box<dyn Read + Send> = match &file.path {
                Some(path) => match fs::metadata(path) {
                    Ok(meta) if meta.is_file() => {
                        total = total.map(|t| t + meta.len());
                        let layout = named.unwrap_or(if starts_like_warc(path) {
                            Layout::Warc
                        } else {
                            Layout::Document
                        });
                        files.push(file);
                        layouts.push(layout);
                        streams.push(None);
                        continue;
                    }
                    // A pipe or FIFO: opening waits for its writer.
                    _ => match File::open(path) {
                        Ok(opened) => Box::new(opened),
                        Err(error) => {
                            errors.push(InputError {
                                path: file.display(),
                                error,
                            });
                            continue;
                        }
                    },
                },
                None if stdin_seen => {
                    errors.push(InputError {
                        path: file.display(),
                        error: io::Error::other("standard input is named more than once"),
                    });
                    continue;
                }
                None => {
                    stdin_seen = true;
                    Box::new(io::stdin())
                }
            };
            match open_stream(
                source,
                format,
                options.spool,
                Arc::clone(&read),
                options.max_record_bytes,
            ) {
                Ok((opened, sniffed)) => {
                    total = None;
                    files.push(file);
                    layouts.push(named.or(sniffed).unwrap_or(Layout::Document));
                    streams.push(Some(Mutex::new(opened)));
                }
                Err(error) => errors.push(InputError {
                    path: file.display(),
                    error,
                }),
            }
        }
        let inputs = Inputs {
            files,
            layouts,
            streams,
            warnings: found.warnings,
            max_record_bytes: options.max_record_bytes,
            all_status: options.all_status,
            skipped: Mutex::new(BTreeMap::new()),
            read,
            total,
        };
        (inputs, errors)
    }

    /// What the folder walk skipped (a symbolic link loop, a FIFO, the run's
    /// output), one message each, naming the path.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The most bytes a document, a JSONL line or a WARC record may have,
    /// decompressed.
    pub fn max_record_bytes(&self) -> u64 {
        self.max_record_bytes
    }

    /// The inputs, in order.
    pub fn files(&self) -> &[InputFile] {
        &self.files
    }

    /// Whether input `index` holds one JSON record a line.
    pub fn is_jsonl(&self, index: usize) -> bool {
        self.layouts.get(index) == Some(&Layout::Jsonl)
    }

    /// Whether input `index` is a WARC file.
    pub fn is_warc(&self, index: usize) -> bool {
        self.layouts.get(index) == Some(&Layout::Warc)
    }

    /// Whether any input holds JSON records.
    pub fn any_jsonl(&self) -> bool {
        self.layouts.contains(&Layout::Jsonl)
    }

    /// Whether any input is a WARC file.
    pub fn any_warc(&self) -> bool {
        self.layouts.contains(&Layout::Warc)
    }

    /// Counts WARC records that gave no page, by reason.
    pub fn note_skipped(&self, counts: &BTreeMap<Skip, u64>) {
        if let Ok(mut skipped) = self.skipped.lock() {
            for (skip, n) in counts {
                *skipped.entry(*skip).or_default() += n;
            }
        }
    }

    /// WARC records that gave no page so far, by reason; every read counts,
    /// a second one too.
    pub fn skipped(&self) -> BTreeMap<Skip, u64> {
        self.skipped.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// How WARC records are read: the inputs' record limit, and the
    /// statuses asked for.
    fn warc_options(&self) -> WarcOptions {
        WarcOptions {
            max_record_bytes: self.max_record_bytes,
            all_status: self.all_status,
        }
    }

    /// Opens input `index` as a WARC file, its records read one at a time.
    pub fn open_warc(&self, index: usize) -> io::Result<WarcReader<Box<dyn BufRead + Send + '_>>> {
        let file = self.file(index)?;
        // A stream (standard input, a pipe) was decompressed as it was
        // sniffed; the reader is told whether it was gzipped.
        if let Some(Some(stream)) = self.streams.get(index) {
            let gzipped = stream
                .lock()
                .map_err(|_| io::Error::other("the stream's reader failed"))?
                .gzipped;
            return WarcReader::with_decoding(
                open_stream_again(stream)?,
                gzipped,
                self.warc_options(),
            );
        }
        let path = file
            .path
            .as_ref()
            .ok_or_else(|| io::Error::other("standard input was not opened"))?;
        // Not gunzipped here: the reader decodes member by member to know
        // where each starts.
        let reader = Box::new(BufReader::with_capacity(1 << 16, self.counted(path)?));
        WarcReader::new(reader as Box<dyn BufRead + Send>, self.warc_options())
    }

    /// Bytes read from the inputs so far, as stored (a gzipped file counts
    /// its compressed bytes); every read counts, a second one too.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The summed size of the inputs as stored, when known (not for
    /// standard input).
    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    /// Opens input `index` to read it line by line, decompressed.
    pub fn open_lines(&self, index: usize) -> io::Result<Box<dyn BufRead + Send + '_>> {
        let file = self.file(index)?;
        if let Some(Some(stream)) = self.streams.get(index) {
            return open_stream_again(stream);
        }
        let path = file
            .path
            .as_ref()
            .ok_or_else(|| io::Error::other("standard input was not opened"))?;
        let raw = self.counted(path)?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, gunzip(raw)?.0)))
    }

    /// Reads input `index` whole, decompressed; an input of more than
    /// [`Inputs::max_record_bytes`] is an error (see
    /// [`is_too_large`](super::is_too_large)) read no further than the limit.
    pub fn read_document(&self, index: usize) -> io::Result<Vec<u8>> {
        read_bounded(self.open_lines(index)?, self.max_record_bytes)
    }

    /// Opens a file whose reads count towards [`Inputs::bytes_read`].
    fn counted(&self, path: &std::path::Path) -> io::Result<Counting<File>> {
        Ok(Counting {
            inner: File::open(path)?,
            count: Arc::clone(&self.read),
        })
    }

    fn file(&self, index: usize) -> io::Result<&InputFile> {
        self.files
            .get(index)
            .ok_or_else(|| io::Error::other(format!("no input number {index}")))
    }
}

/// A stream: the stream the first time, the spool after.
fn open_stream_again(stream: &Mutex<Stream>) -> io::Result<Box<dyn BufRead + Send + '_>> {
    let mut stdin = stream
        .lock()
        .map_err(|_| io::Error::other("the stream's reader failed"))?;
    if let Some(reader) = stdin.reader.take() {
        return Ok(reader);
    }
    let Some(spool) = &stdin.spool else {
        return Err(io::Error::other(
            "the stream was already read (it can be read once)",
        ));
    };
    let ended = spool
        .ended
        .lock()
        .map_err(|_| io::Error::other("the spool of the stream failed"))?
        .clone();
    let missing = match ended {
        None => Some("the stream was not read to its end".to_string()),
        Some(Ok(())) => None,
        Some(Err(message)) => Some(message),
    };
    let file = File::open(&spool.path).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot open spool file {}: {e}", spool.path.display()),
        )
    })?;
    let replay = Replay {
        inner: MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file)),
        missing,
    };
    Ok(Box::new(BufReader::with_capacity(1 << 16, replay)))
}

/// Opens a stream (standard input, a pipe): decompressed when gzipped, copied
/// to a spool when asked, and its first non-blank line read to tell whether
/// it is JSONL or WARC (`format` [`InputFormat::Auto`]), reading no more
/// than `limit` bytes for it. Returns the state and the layout found, if one
/// was.
fn open_stream(
    source: Box<dyn Read + Send>,
    format: InputFormat,
    spool: bool,
    read: Arc<AtomicU64>,
    limit: u64,
) -> io::Result<(Stream, Option<Layout>)> {
    let raw = Counting {
        inner: source,
        count: read,
    };
    let (decoded, gzipped) = gunzip(raw)?;
    let (teed, spool): (Box<dyn Read + Send>, Option<Spool>) = if spool {
        let (file, path) = tempfile::Builder::new()
            .prefix("pith-stream-")
            .suffix(".gz")
            .tempfile()
            .map_err(|e| io::Error::new(e.kind(), format!("cannot create a spool file: {e}")))?
            .into_parts();
        let ended = Arc::new(Mutex::new(None));
        let tee = Tee {
            inner: decoded,
            copy: Some(GzEncoder::new(
                io::BufWriter::with_capacity(1 << 16, file),
                Compression::fast(),
            )),
            path: path.to_path_buf(),
            ended: Arc::clone(&ended),
        };
        (Box::new(tee), Some(Spool { path, ended }))
    } else {
        (decoded, None)
    };
    let mut reader = BufReader::with_capacity(1 << 16, teed);
    let (head, first_line, whole) = read_head(&mut reader, limit)?;
    let line = &head[first_line..];
    // A first line cut at the limit can only be told by how it opens.
    let jsonl = if whole {
        looks_like_jsonl(line)
    } else {
        opens_a_record(line)
    };
    let sniffed = match format {
        InputFormat::Auto if jsonl => Some(Layout::Jsonl),
        InputFormat::Auto if looks_like_warc(line) => Some(Layout::Warc),
        _ => None,
    };
    let stream = Stream {
        reader: Some(Box::new(Cursor::new(head).chain(reader))),
        spool,
        gzipped,
    };
    Ok((stream, sniffed))
}

/// Whether a file (gzipped or not) starts with a WARC version line. A file
/// that cannot be read is not WARC here; reading it later reports why.
fn starts_like_warc(path: &std::path::Path) -> bool {
    File::open(path).is_ok_and(|file| stored_starts_like_warc(BufReader::with_capacity(64, file)))
}

/// Whether the first bytes of a file as stored, gzipped or not, start with
/// a WARC version line: how `pith clean` tells a WARC file whose name does
/// not say so. A few hundred bytes are enough (the start of the first gzip
/// member has to decompress to its first 8 bytes).
///
/// ```
/// use pith::input::head_looks_like_warc;
/// assert!(head_looks_like_warc(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"));
/// // A gzip member cut short: its first bytes still decompress.
/// let record = format!("WARC/1.0\r\nWARC-Type: response\r\n{}", "x-field: y\r\n".repeat(5000));
/// let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
/// std::io::Write::write_all(&mut gz, record.as_bytes()).unwrap();
/// assert!(head_looks_like_warc(&gz.finish().unwrap()[..64]));
/// assert!(!head_looks_like_warc(b"{\"text\": \"WARC/1.0\"}"));
/// assert!(!head_looks_like_warc(b""));
/// ```
pub fn head_looks_like_warc(head: &[u8]) -> bool {
    stored_starts_like_warc(Cursor::new(head.to_vec()))
}

/// Whether a file as stored, read from its start, begins with a WARC
/// version line once decompressed.
fn stored_starts_like_warc(stored: impl Read + Send + 'static) -> bool {
    let mut head = Vec::with_capacity(8);
    let read = gunzip(stored).and_then(|(decoded, _)| decoded.take(8).read_to_end(&mut head));
    read.is_ok() && looks_like_warc(&head)
}

/// Reads a stream's head: up to its first non-blank line, `limit` bytes at
/// most. Returns the bytes read, where that line starts, and whether it was
/// read whole (else it is longer than the limit allows).
fn read_head(reader: &mut impl BufRead, limit: u64) -> io::Result<(Vec<u8>, usize, bool)> {
    let mut head = Vec::new();
    loop {
        let start = head.len();
        let room = limit.saturating_add(1).saturating_sub(head.len() as u64);
        let n = reader.by_ref().take(room).read_until(b'\n', &mut head)?;
        if n == 0 {
            return Ok((head, start, true));
        }
        if !head.ends_with(b"\n") && n as u64 == room {
            return Ok((head, start, false));
        }
        if !head[start..].trim_ascii().is_empty() {
            return Ok((head, start, true));
        }
    }
}

/// Whether bytes start with the gzip magic number.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// `raw`, decompressed when it starts with the gzip magic number, and
/// whether it did. Reads up to two bytes to know, however the source hands
/// them out.
fn gunzip<R: Read + Send + 'static>(mut raw: R) -> io::Result<(Box<dyn Read + Send>, bool)> {
    let mut magic = [0u8; 2];
    let mut got = 0;
    while got < magic.len() {
        match raw.read(&mut magic[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let whole = Cursor::new(magic[..got].to_vec()).chain(raw);
    Ok(if is_gzip(&magic[..got]) {
        let decoder = MultiGzDecoder::new(BufReader::with_capacity(1 << 16, whole));
        (Box::new(decoder), true)
    } else {
        (Box::new(whole), false)
    })
}

/// A reader that counts the bytes it hands out.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A reader that copies what it reads into a gzip stream, and closes the
/// stream when the source ends or fails, recording which.
struct Tee<R, W: Write> {
    inner: R,
    copy: Option<GzEncoder<W>>,
    path: PathBuf,
    ended: Ended,
}

impl<R: Read, W: Write> Tee<R, W> {
    /// Finishes the copy; `failure` is why the source ended early.
    fn close(&mut self, failure: Option<String>) -> io::Result<()> {
        let Some(copy) = self.copy.take() else {
            return Ok(());
        };
        let written = copy.finish().and_then(|mut w| w.flush());
        let outcome = match (&written, failure) {
            (_, Some(failure)) => Err(failure),
            (Err(e), None) => Err(self.spool_error(e).to_string()),
            (Ok(()), None) => Ok(()),
        };
        if let Ok(mut ended) = self.ended.lock() {
            *ended = Some(outcome);
        }
        written.map_err(|e| self.spool_error(&e))
    }

    fn spool_error(&self, e: &io::Error) -> io::Error {
        io::Error::new(
            e.kind(),
            format!("cannot write spool file {}: {e}", self.path.display()),
        )
    }
}

impl<R: Read, W: Write> Read for Tee<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(0) => {
                self.close(None)?;
                Ok(0)
            }
            Ok(n) => {
                if let Some(copy) = self.copy.as_mut() {
                    if let Err(e) = copy.write_all(&buf[..n]) {
                        let error = self.spool_error(&e);
                        self.copy = None;
                        if let Ok(mut ended) = self.ended.lock() {
                            *ended = Some(Err(error.to_string()));
                        }
                        return Err(error);
                    }
                }
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                // Keep what was read; the error is repeated when it is read back.
                let _ = self.close(Some(e.to_string()));
                Err(e)
            }
        }
    }
}

/// A reader of the spool that ends with the first read's error, if it had one.
struct Replay<R> {
    inner: R,
    missing: Option<String>,
}

impl<R: Read> Read for Replay<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf)? {
            0 => match self.missing.take() {
                Some(message) => Err(io::Error::other(message)),
                None => Ok(0),
            },
            n => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::input::testing::gz;

    /// A source that hands out one byte a read, as a slow pipe can.
    struct Trickle(Vec<u8>, usize);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.get(self.1) {
                Some(&b) if !buf.is_empty() => {
                    buf[0] = b;
                    self.1 += 1;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn gzip_is_found_even_one_byte_at_a_time() {
        let mut out = String::new();
        gunzip(Trickle(gz(b"a\nb\n"), 0))
            .unwrap()
            .0
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "a\nb\n");
        let mut out = String::new();
        gunzip(Trickle(b"x".to_vec(), 0))
            .unwrap()
            .0
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "x");
    }

    /// A source that fails after handing out some bytes.
    struct Failing(Cursor<Vec<u8>>);

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(io::Error::other("pipe broke")),
                n => Ok(n),
            }
        }
    }

    fn tee<R: Read>(inner: R) -> (Tee<R, Vec<u8>>, Ended) {
        let ended = Arc::new(Mutex::new(None));
        let tee = Tee {
            inner,
            copy: Some(GzEncoder::new(Vec::new(), Compression::fast())),
            path: PathBuf::from("spool.gz"),
            ended: Arc::clone(&ended),
        };
        (tee, ended)
    }

    #[test]
    fn tee_copies_everything_and_records_the_end() {
        let (mut tee, ended) = tee(Cursor::new(b"one\ntwo\n".to_vec()));
        let mut seen = Vec::new();
        tee.read_to_end(&mut seen).unwrap();
        assert_eq!(seen, b"one\ntwo\n");
        assert_eq!(*ended.lock().unwrap(), Some(Ok(())));
    }

    #[test]
    fn replay_repeats_the_first_reads_error_after_the_copy() {
        let (mut tee, ended) = tee(Failing(Cursor::new(b"one\n".to_vec())));
        let mut seen = Vec::new();
        let err = tee.read_to_end(&mut seen).unwrap_err();
        assert_eq!(err.to_string(), "pipe broke");
        let outcome = ended.lock().unwrap().clone();
        assert_eq!(outcome, Some(Err("pipe broke".to_string())));
        let mut replay = Replay {
            inner: Cursor::new(seen.clone()),
            missing: outcome.and_then(Result::err),
        };
        let mut again = Vec::new();
        let err = replay.read_to_end(&mut again).unwrap_err();
        assert_eq!(
            (again.as_slice(), err.to_string().as_str()),
            (seen.as_slice(), "pipe broke")
        );
    }

    #[test]
    fn the_head_of_a_stream_is_read_no_further_than_the_limit() {
        let mut blank_then_line = Cursor::new(b"\n \n{\"a\": 1}\nmore\n".to_vec());
        let (head, at, whole) = read_head(&mut blank_then_line, 100).unwrap();
        assert_eq!((&head[at..], whole), (&b"{\"a\": 1}\n"[..], true));
        let mut endless = Cursor::new(vec![b'x'; 1000]);
        let (head, _, whole) = read_head(&mut endless, 10).unwrap();
        assert_eq!((head.len(), whole), (11, false));
        let mut blanks = Cursor::new(vec![b'\n'; 1000]);
        let (head, _, _) = read_head(&mut blanks, 10).unwrap();
        assert!(head.len() <= 11, "{}", head.len());
    }

    #[test]
    fn forced_layouts_contradicting_the_mode_are_errors() {
        assert_eq!(
            InputFormat::Text.document_mode(Mode::Html),
            Err("--input-format text contradicts --mode html".to_string())
        );
        assert_eq!(InputFormat::Html.document_mode(Mode::Html), Ok(Mode::Html));
        assert_eq!(InputFormat::Auto.document_mode(Mode::Text), Ok(Mode::Text));
    }

    #[test]
    fn forced_jsonl_applies_to_any_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.txt");
        fs::write(&path, "{\"text\":\"x\"}\n").unwrap();
        let (auto, errors) = Inputs::open(std::slice::from_ref(&path), InputFormat::Auto, false);
        assert!(errors.is_empty());
        assert!(!auto.is_jsonl(0));
        assert_eq!(auto.total_bytes(), Some(13));
        let (forced, _) = Inputs::open(&[path], InputFormat::Jsonl, false);
        assert!(forced.is_jsonl(0));
        let mut lines = String::new();
        forced
            .open_lines(0)
            .unwrap()
            .read_to_string(&mut lines)
            .unwrap();
        assert_eq!(lines, "{\"text\":\"x\"}\n");
        assert_eq!(forced.bytes_read(), 13);
    }
}
