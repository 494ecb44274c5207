//! The stream of work units shared by the commands: every input document,
//! read in order, handed out in batches that are processed in parallel and
//! written back in order (so output never depends on the thread count).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use flate2::read::MultiGzDecoder;

use crate::input::{self, InputFile};

/// How a run ended, as an exit status: 0 clean, 1 some records were bad,
/// 2 some inputs could not be read (or the run could not start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Status {
    #[default]
    Ok = 0,
    BadRecords = 1,
    BadInput = 2,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// Records a problem, keeping the worst.
    pub fn raise(&mut self, to: Status) {
        *self = (*self).max(to);
    }
}

/// One document to process: a whole file, or one line of a JSONL file.
#[derive(Debug)]
pub enum Unit {
    /// A file holding one document; index into the file list.
    File(usize),
    /// A JSONL file that could not be opened or read to the end.
    Unreadable { file: usize, error: String },
    /// One JSONL line.
    Record {
        file: usize,
        line: usize,
        text: String,
        /// Whether the line held invalid UTF-8 (decoded lossily).
        lossy: bool,
    },
}

/// Documents per batch: large enough to keep every core busy, small enough
/// that a JSONL file of millions of records is never held in memory whole.
pub const BATCH: usize = 2048;

/// Feeds every unit of `files`, in order, to `handle` in batches. A JSONL
/// file that cannot be opened or read becomes an [`Unit::Unreadable`].
pub fn for_each_batch(files: &[InputFile], mut handle: impl FnMut(Vec<Unit>)) {
    let mut batch = Vec::with_capacity(BATCH);
    for (index, file) in files.iter().enumerate() {
        if !file.is_jsonl() {
            batch.push(Unit::File(index));
        } else {
            let reader = match open_lines(file) {
                Ok(reader) => reader,
                Err(error) => {
                    batch.push(Unit::Unreadable {
                        file: index,
                        error: error.to_string(),
                    });
                    continue;
                }
            };
            let mut reader = reader;
            let mut buf = Vec::new();
            let mut line = 0usize;
            loop {
                buf.clear();
                match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(error) => {
                        batch.push(Unit::Unreadable {
                            file: index,
                            error: format!("line {}: {error}", line + 1),
                        });
                        break;
                    }
                }
                line += 1;
                let (text, lossy) = input::decode_utf8_lossy(std::mem::take(&mut buf));
                if text.trim().is_empty() {
                    continue;
                }
                batch.push(Unit::Record {
                    file: index,
                    line,
                    text,
                    lossy,
                });
                if batch.len() >= BATCH {
                    handle(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            }
        }
        if batch.len() >= BATCH {
            handle(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
        }
    }
    if !batch.is_empty() {
        handle(batch);
    }
}

/// Opens a JSONL file (or standard input) for reading line by line,
/// decompressing gzip when the content starts with its magic bytes.
fn open_lines(file: &InputFile) -> io::Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = match &file.path {
        Some(path) => Box::new(File::open(path)?),
        None => Box::new(input::stdin_bytes()?),
    };
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    let gz = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    })
}
