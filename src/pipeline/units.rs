//! The stream of work units: every input document, read in order, handed
//! out in batches that are processed in parallel and handed back in order
//! (so output never depends on the thread count).

use std::collections::BTreeMap;
use std::io::BufRead;

use crate::input::{self, Inputs, LineRead, Skip, WarcItem, WarcPage, WarcProblem, WarcReader};

/// One document to process: a whole file, one line of a JSONL file, or
/// one record of a WARC file.
#[derive(Debug)]
pub enum Unit {
    /// A file holding one document; index into the file list.
    File(usize),
    /// A JSONL file that could not be opened or read to the end.
    Unreadable { file: usize, error: String },
    /// A JSONL line longer than the inputs' `max_record_bytes`, skipped.
    Oversized {
        file: usize,
        line: usize,
        bytes: u64,
    },
    /// One JSONL line.
    Record {
        file: usize,
        line: usize,
        text: String,
        /// Whether the line held invalid UTF-8 (decoded lossily).
        lossy: bool,
    },
    /// A page or a problem of a WARC file.
    Warc { file: usize, unit: WarcUnit },
}

/// What a record of a WARC file gives the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarcUnit {
    /// An HTML page.
    Page {
        /// The 1-based number of the page among the file's pages.
        number: usize,
        page: Box<WarcPage>,
    },
    /// A record that could not be read, or was skipped with a warning
    /// (records skipped silently are only counted, see
    /// [`WarcUnits::skipped`]).
    Problem(WarcProblem),
}

/// The units of a WARC file, in order, as `pith clean` reads them: its
/// pages, numbered from 1, and its problems; the records that give no page
/// are counted by reason.
///
/// ```
/// use pith::input::{Skip, WarcOptions, WarcReader};
/// use pith::pipeline::{WarcUnit, WarcUnits};
/// let record = |kind: &str, block: &str| {
///     format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n", block.len())
/// };
/// let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>";
/// let warc = record("request", "GET / HTTP/1.1\r\n\r\n") + &record("response", page);
/// let mut units = WarcUnits::new(WarcReader::new(warc.as_bytes(), WarcOptions::default()).unwrap());
/// assert!(matches!(units.next(), Some(WarcUnit::Page { number: 1, .. })));
/// assert_eq!(units.next(), None);
/// assert_eq!(units.skipped().get(&Skip::Request), Some(&1));
/// ```
pub struct WarcUnits<R> {
    reader: WarcReader<R>,
    pages: usize,
    skipped: BTreeMap<Skip, u64>,
}

impl<R: BufRead> WarcUnits<R> {
    /// The units of the records `reader` reads.
    pub fn new(reader: WarcReader<R>) -> Self {
        WarcUnits {
            reader,
            pages: 0,
            skipped: BTreeMap::new(),
        }
    }

    /// The records read so far that gave no page, by reason (a record
    /// skipped with a warning too: it is also handed out as a problem).
    pub fn skipped(&self) -> &BTreeMap<Skip, u64> {
        &self.skipped
    }
}

impl<R: BufRead> Iterator for WarcUnits<R> {
    type Item = WarcUnit;

    fn next(&mut self) -> Option<WarcUnit> {
        loop {
            match self.reader.next()? {
                WarcItem::Skipped(skip) => *self.skipped.entry(skip).or_default() += 1,
                WarcItem::Problem(problem) => {
                    if let Some(skip) = problem.skip {
                        *self.skipped.entry(skip).or_default() += 1;
                    }
                    return Some(WarcUnit::Problem(problem));
                }
                WarcItem::Page(page) => {
                    self.pages += 1;
                    let number = self.pages;
                    return Some(WarcUnit::Page { number, page });
                }
            }
        }
    }
}

/// The message for a JSONL line over the record limit; `label` is
/// `path:line`.
pub fn oversized_message(label: &str, bytes: u64, limit: u64) -> String {
    format!(
        "{label}: record of {bytes} bytes is {}",
        input::TooLarge { limit }
    )
}

/// Documents per batch: large enough to keep every core busy, small enough
/// that a JSONL file of millions of records is never held in memory whole.
pub const BATCH: usize = 2048;

/// Bytes of records per batch: a batch ends at [`BATCH`] records or once its
/// records hold this many bytes, so a dump of large pages stays in bounded
/// memory too. A batch in flight costs about six times its bytes (the
/// records, their documents of blocks, the cleaned outcomes, all held until
/// the batch is written): 8 MB keeps that near 50 MB, beside the count
/// table, while a batch is still hundreds of news pages, enough to keep
/// every core busy.
pub const BATCH_BYTES: usize = 8 << 20;

/// Feeds every unit of `inputs`, in order, to `handle` in batches of at most
/// [`BATCH`] units and about [`BATCH_BYTES`] bytes. A JSONL input that cannot
/// be opened or read to its end gives an [`Unit::Unreadable`] (after the
/// records read before the failure); a line over the inputs' record limit
/// gives a [`Unit::Oversized`], never held in memory. `handle` returns false to stop: nothing
/// more is read.
pub fn for_each_batch(inputs: &Inputs, mut handle: impl FnMut(Vec<Unit>) -> bool) {
    let mut batch = Batch::default();
    for index in 0..inputs.files().len() {
        if inputs.is_warc(index) {
            if !warc_units(inputs, index, &mut batch, &mut handle) {
                return;
            }
            continue;
        }
        if !inputs.is_jsonl(index) {
            if !batch.push(Unit::File(index), 0, &mut handle) {
                return;
            }
            continue;
        }
        let mut reader = match inputs.open_lines(index) {
            Ok(reader) => reader,
            Err(error) => {
                let unit = Unit::Unreadable {
                    file: index,
                    error: error.to_string(),
                };
                if !batch.push(unit, 0, &mut handle) {
                    return;
                }
                continue;
            }
        };
        let mut buf = Vec::new();
        let mut line = 0usize;
        let limit = inputs.max_record_bytes();
        loop {
            match input::read_line_bounded(&mut reader, &mut buf, limit) {
                Ok(LineRead::End) => break,
                Ok(LineRead::Line) => {}
                Ok(LineRead::TooLong { bytes }) => {
                    line += 1;
                    let unit = Unit::Oversized {
                        file: index,
                        line,
                        bytes,
                    };
                    if !batch.push(unit, 0, &mut handle) {
                        return;
                    }
                    continue;
                }
                Err(error) => {
                    let unit = Unit::Unreadable {
                        file: index,
                        error: format!("line {}: {error}", line + 1),
                    };
                    if !batch.push(unit, 0, &mut handle) {
                        return;
                    }
                    break;
                }
            }
            line += 1;
            let (text, lossy) = input::decode_utf8_lossy(std::mem::take(&mut buf));
            if text.trim().is_empty() {
                continue;
            }
            let bytes = text.len();
            let unit = Unit::Record {
                file: index,
                line,
                text,
                lossy,
            };
            if !batch.push(unit, bytes, &mut handle) {
                return;
            }
        }
    }
    if !batch.units.is_empty() {
        handle(batch.units);
    }
}

/// Feeds the pages and problems of WARC input `index` to the batch and
/// counts the records skipped; false when `handle` asked to stop.
fn warc_units(
    inputs: &Inputs,
    index: usize,
    batch: &mut Batch,
    handle: &mut impl FnMut(Vec<Unit>) -> bool,
) -> bool {
    let reader = match inputs.open_warc(index) {
        Ok(reader) => reader,
        Err(error) => {
            let unit = Unit::Unreadable {
                file: index,
                error: error.to_string(),
            };
            return batch.push(unit, 0, handle);
        }
    };
    let mut units = WarcUnits::new(reader);
    let mut go_on = true;
    for unit in units.by_ref() {
        let bytes = match &unit {
            WarcUnit::Page { page, .. } => page.html.len(),
            WarcUnit::Problem(_) => 0,
        };
        if !batch.push(Unit::Warc { file: index, unit }, bytes, handle) {
            go_on = false;
            break;
        }
    }
    inputs.note_skipped(units.skipped());
    go_on
}

/// The batch being filled.
#[derive(Default)]
struct Batch {
    units: Vec<Unit>,
    bytes: usize,
}

impl Batch {
    /// Adds a unit of `bytes` bytes, handing the batch on once it is full;
    /// false when `handle` asked to stop.
    fn push(
        &mut self,
        unit: Unit,
        bytes: usize,
        handle: &mut impl FnMut(Vec<Unit>) -> bool,
    ) -> bool {
        self.units.push(unit);
        self.bytes += bytes;
        if self.units.len() < BATCH && self.bytes < BATCH_BYTES {
            return true;
        }
        self.bytes = 0;
        handle(std::mem::replace(
            &mut self.units,
            Vec::with_capacity(BATCH),
        ))
    }
}
