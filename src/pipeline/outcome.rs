//! One document's way through the pipeline: read ([`Prepared`]: the record
//! and its document of blocks, or why there is none), then classified
//! ([`Outcome`]), then written as the JSONL record `pith clean` writes.

use std::path::Path;

use serde_json::{Map, Value};

use crate::classify::Cleaned;
use crate::document::Document;
use crate::frequency::source_of;
use crate::input::{self, warc_place, FieldNames, InputDoc, Mode, Payload, WarcOffset};
use crate::output;

use super::units::oversized_message;
use super::{Pipeline, Unit, WarcUnit};
use crate::input::Inputs;

/// Where in its input a document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The whole file.
    File,
    /// A JSONL line (1-based).
    Line(usize),
    /// A WARC record.
    Warc {
        offset: WarcOffset,
        id: Option<String>,
        /// The 1-based number of the page among the file's pages.
        number: usize,
    },
}

/// Why a unit gave no document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// A record that could not be read or parsed (exit status 1).
    BadRecord,
    /// The file itself could not be read (exit status 2).
    Unreadable,
    /// A WARC record skipped with a warning: no output, no error.
    Skipped,
}

/// A unit that gave no document: the message (naming the input and the
/// record) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub message: String,
    pub failure: Failure,
}

/// Something to tell the user about one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem<'a> {
    /// The document was read, with a warning (invalid UTF-8, a truncated
    /// WARC record), or a WARC record was skipped with a warning.
    Warning(&'a str),
    /// The document or its input could not be read: a bad record
    /// ([`Failure::BadRecord`]) or an unreadable input
    /// ([`Failure::Unreadable`]).
    Error { message: &'a str, failure: Failure },
}

/// The problems of a document, in the order they are reported: its
/// warning, then what kept it from being read.
fn problems<'a>(
    warning: &'a Option<String>,
    failed: Option<&'a Failed>,
) -> impl Iterator<Item = Problem<'a>> {
    let failed = failed.map(|f| match f.failure {
        Failure::Skipped => Problem::Warning(&f.message),
        failure => Problem::Error {
            message: &f.message,
            failure,
        },
    });
    warning
        .as_deref()
        .map(Problem::Warning)
        .into_iter()
        .chain(failed)
}

/// A document read and parsed into blocks, ready to be counted and cleaned.
#[derive(Debug)]
pub struct Ready {
    /// The record (its payload emptied once parsed).
    pub input: InputDoc,
    /// The document of blocks.
    pub doc: Document,
    /// Its source key (see [`source_of`]).
    pub source: String,
}

/// A unit read and parsed into its document (or the reason it could not be).
#[derive(Debug)]
pub struct Prepared {
    /// The index of its input.
    pub file: usize,
    /// `path`, `path:line` or `path: record at ...`, for headers and messages.
    pub label: String,
    pub place: Place,
    pub warning: Option<String>,
    pub result: Result<Ready, Failed>,
}

impl Prepared {
    /// Bytes this keeps in memory: itself, its record with every field, its
    /// document with every block, its messages.
    pub fn size(&self) -> usize {
        let held = match &self.result {
            Ok(ready) => {
                ready.input.heap_bytes() + ready.doc.heap_bytes() + ready.source.capacity()
            }
            Err(failed) => failed.message.capacity(),
        };
        std::mem::size_of::<Prepared>()
            + self.label.capacity()
            + self.warning.as_ref().map_or(0, String::capacity)
            + held
    }

    /// What to tell the user about this document.
    pub fn problems(&self) -> impl Iterator<Item = Problem<'_>> {
        problems(&self.warning, self.result.as_ref().err())
    }
}

/// A document read and cleaned.
#[derive(Debug)]
pub struct Done {
    pub doc: Document,
    pub cleaned: Cleaned,
    pub input: InputDoc,
}

/// What became of one unit.
#[derive(Debug)]
pub struct Outcome {
    /// The index of its input.
    pub file: usize,
    /// `path`, `path:line` or `path: record at ...`, for headers and messages.
    pub label: String,
    pub place: Place,
    /// The document cleaned, or the message and why there is none.
    pub result: Result<Done, Failed>,
    pub warning: Option<String>,
}

impl Outcome {
    /// What to tell the user about this document.
    pub fn problems(&self) -> impl Iterator<Item = Problem<'_>> {
        problems(&self.warning, self.result.as_ref().err())
    }

    /// The JSONL record `pith clean` writes for this document: the cleaned
    /// record, or an error record for a bad one; `None` for an input that
    /// could not be read at all (it has no record to stand for) and for a
    /// WARC record skipped with a warning.
    pub fn json_record(&self, fields: &FieldNames) -> Option<Map<String, Value>> {
        let failed = match &self.result {
            Ok(done) => {
                return Some(output::json_record(
                    done.input.record.as_ref(),
                    &done.input.id,
                    fields,
                    &done.cleaned,
                ))
            }
            Err(failed) => failed,
        };
        match (&self.place, failed.failure) {
            (_, Failure::Unreadable | Failure::Skipped) => None,
            (Place::Warc { offset, id, .. }, _) => Some(output::warc_error_record(
                *offset,
                id.as_deref(),
                &failed.message,
            )),
            (Place::Line(line), _) => Some(output::error_record(*line, &failed.message)),
            (Place::File, _) => Some(output::error_record(0, &failed.message)),
        }
    }
}

/// A unit read into a document payload (or the reason it could not be).
struct Loaded {
    file: usize,
    label: String,
    place: Place,
    input: Result<InputDoc, Failed>,
    warning: Option<String>,
}

impl Loaded {
    /// A failure of a whole unit.
    fn failed(file: usize, label: String, place: Place, message: String, failure: Failure) -> Self {
        Loaded {
            file,
            label,
            place,
            input: Err(Failed { message, failure }),
            warning: None,
        }
    }
}

/// One JSONL line of input `file` named `name` read into a record.
fn load_record(
    file: usize,
    name: &str,
    line: usize,
    text: &str,
    lossy: bool,
    mode: Mode,
    fields: &FieldNames,
) -> Loaded {
    let label = format!("{name}:{line}");
    let parsed = input::parse_record_with_warning(text, line, fields, mode);
    let lossy = lossy.then(|| "invalid UTF-8, decoded lossily".to_string());
    let repaired = parsed.as_ref().ok().and_then(|(_, w)| w.clone());
    let notes: Vec<String> = lossy.into_iter().chain(repaired).collect();
    let input = parsed.map(|(doc, _)| doc).map_err(|e| Failed {
        message: format!("{label}: {e}"),
        failure: Failure::BadRecord,
    });
    Loaded {
        file,
        warning: (!notes.is_empty()).then(|| format!("{label}: {}", notes.join("; "))),
        label,
        place: Place::Line(line),
        input,
    }
}

/// Reads one unit into a document payload.
fn load(unit: Unit, inputs: &Inputs, mode: Mode, fields: &FieldNames) -> Loaded {
    let files = inputs.files();
    match unit {
        Unit::Unreadable { file, error } => {
            let label = files[file].display();
            let message = format!("{label}: {error}");
            Loaded::failed(file, label, Place::File, message, Failure::Unreadable)
        }
        Unit::Oversized { file, line, bytes } => {
            let label = format!("{}:{line}", files[file].display());
            let message = oversized_message(&label, bytes, inputs.max_record_bytes());
            Loaded::failed(file, label, Place::Line(line), message, Failure::BadRecord)
        }
        Unit::File(index) => {
            let file = &files[index];
            let label = file.display();
            let mut warning = None;
            let input = inputs
                .read_document(index)
                .map_err(|e| Failed {
                    message: format!("{label}: {e}"),
                    // A document over the limit is a bad record, not an
                    // unreadable input: it gets an error record.
                    failure: if input::is_too_large(&e) {
                        Failure::BadRecord
                    } else {
                        Failure::Unreadable
                    },
                })
                .map(|bytes| {
                    let path = file.path.as_deref().unwrap_or(Path::new("stdin"));
                    let payload = match input::detect(mode, path, &bytes) {
                        Mode::Html => Payload::HtmlBytes(bytes),
                        _ => {
                            // A byte-order mark may say UTF-16.
                            let (text, note) = input::decode_text(bytes);
                            warning = note.map(|note| format!("{label}: {note}"));
                            Payload::Text(text)
                        }
                    };
                    InputDoc {
                        bytes: payload.len(),
                        line: None,
                        id: file.relative.display().to_string(),
                        url: None,
                        source: None,
                        payload,
                        record: None,
                    }
                });
            Loaded {
                file: index,
                label,
                place: Place::File,
                input,
                warning,
            }
        }
        Unit::Record {
            file,
            line,
            text,
            lossy,
        } => load_record(
            file,
            &files[file].display(),
            line,
            &text,
            lossy,
            mode,
            fields,
        ),
        Unit::Warc { file, unit } => load_warc(file, &files[file].display(), unit),
    }
}

/// A page or problem of WARC input `file`, called `name`.
fn load_warc(file: usize, name: &str, unit: WarcUnit) -> Loaded {
    match unit {
        WarcUnit::Page { number, page } => {
            let label = format!("{name}: {}", warc_place(page.offset, page.id.as_deref()));
            let place = Place::Warc {
                offset: page.offset,
                id: page.id.clone(),
                number,
            };
            let warning = page.warning.as_ref().map(|w| format!("{name}: {w}"));
            Loaded {
                file,
                label,
                place,
                input: Ok(InputDoc::from_warc(*page, number)),
                warning,
            }
        }
        WarcUnit::Problem(problem) => {
            let label = format!(
                "{name}: {}",
                warc_place(problem.offset, problem.id.as_deref())
            );
            let place = Place::Warc {
                offset: problem.offset,
                id: problem.id.clone(),
                number: 0,
            };
            let failure = match problem.skip {
                Some(_) => Failure::Skipped,
                None => Failure::BadRecord,
            };
            let message = format!("{name}: {problem}");
            Loaded::failed(file, label, place, message, failure)
        }
    }
}

impl Pipeline {
    /// Reads one unit of `inputs` and builds its document of blocks. A
    /// whole file found under a folder input takes its folder as source
    /// key when it names no other (see [`source_of`]).
    pub fn prepare(&self, unit: Unit, inputs: &Inputs) -> Prepared {
        let loaded = load(unit, inputs, self.settings.mode, &self.settings.fields);
        let folder = inputs
            .files()
            .get(loaded.file)
            .map(|file| file.relative.as_path());
        self.parse(loaded, folder)
    }

    /// Reads one JSONL line (`line` is 1-based) of an input called `name`
    /// and builds its document, exactly as `pith clean` reads a line of a
    /// JSONL file of that name (messages say `name:line`). A blank line is
    /// no record: the caller skips it, as `pith clean` does.
    ///
    /// ```
    /// use pith::pipeline::{Failure, Pipeline};
    /// let pipeline = Pipeline::default();
    /// let good = pipeline.prepare_line("dump.jsonl", 1, r#"{"id": "a", "url": "https://www.news.example/x", "text": "Body."}"#);
    /// assert_eq!(good.result.unwrap().source, "news.example");
    /// let bad = pipeline.prepare_line("dump.jsonl", 2, "{oops");
    /// let failed = bad.result.unwrap_err();
    /// assert_eq!(failed.failure, Failure::BadRecord);
    /// assert!(failed.message.starts_with("dump.jsonl:2: invalid JSON"));
    /// ```
    pub fn prepare_line(&self, name: &str, line: usize, text: &str) -> Prepared {
        let (mode, fields) = (self.settings.mode, &self.settings.fields);
        self.parse(load_record(0, name, line, text, false, mode, fields), None)
    }

    /// Reads a page or problem of a WARC file called `name` (see
    /// [`WarcUnits`](super::WarcUnits)) and builds its document, exactly
    /// as `pith clean` reads that record of a file of that name: the same
    /// record fields, source key and messages, and an error record for a
    /// record that could not be read.
    ///
    /// ```
    /// use pith::input::{FieldNames, WarcOptions, WarcReader};
    /// use pith::pipeline::{Pipeline, WarcUnits};
    /// let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>The harbour board met on Monday and agreed to dredge the channel.</p></html>";
    /// let warc = format!(
    ///     "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
    ///      WARC-Target-URI: https://www.news.example/a\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n\
    ///      WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n",
    ///     http.len()
    /// );
    /// let pipeline = Pipeline::default();
    /// let reader = WarcReader::new(warc.as_bytes(), WarcOptions::default()).unwrap();
    /// let records: Vec<String> = WarcUnits::new(reader)
    ///     .map(|unit| {
    ///         let outcome = pipeline.finish(pipeline.prepare_warc("crawl.warc", unit), None);
    ///         let record = outcome.json_record(&FieldNames::default()).unwrap();
    ///         serde_json::Value::Object(record).to_string()
    ///     })
    ///     .collect();
    /// assert!(records[0].starts_with(r#"{"id":"<urn:uuid:1>","url":"https://www.news.example/a","http_status":200,"text":"The harbour board"#));
    /// assert_eq!(records[1], r#"{"pith":{"error":"crawl.warc: record at byte 262: invalid Content-Length \"x\"","offset":262,"offset_in":"file"}}"#);
    /// ```
    pub fn prepare_warc(&self, name: &str, unit: WarcUnit) -> Prepared {
        self.parse(load_warc(0, name, unit), None)
    }

    /// Builds the document of a record the caller made (its `source` and
    /// `url` give the source key, as for a JSONL record); `label` names it
    /// in messages.
    pub fn prepare_input(&self, label: String, input: InputDoc) -> Prepared {
        let place = input.line.map_or(Place::File, Place::Line);
        let loaded = Loaded {
            file: 0,
            label,
            place,
            input: Ok(input),
            warning: None,
        };
        self.parse(loaded, None)
    }

    /// Parses a loaded unit's payload into blocks; `folder` is the path of
    /// a whole file under its folder input.
    fn parse(&self, loaded: Loaded, folder: Option<&Path>) -> Prepared {
        let label = loaded.label;
        let mut warning = loaded.warning;
        let result =
            loaded
                .input
                .and_then(|mut input| match self.cleaner.document(&input.payload) {
                    Err(message) => Err(Failed {
                        message: format!("{label}: {message}"),
                        failure: Failure::BadRecord,
                    }),
                    Ok(doc) => {
                        // What parsing had to leave out (a page past its bounds).
                        if !doc.notes.is_empty() {
                            let notes = doc.notes.join("; ");
                            warning = Some(match warning.take() {
                                Some(earlier) => format!("{earlier}; {notes}"),
                                None => format!("{label}: {notes}"),
                            });
                        }
                        // The page is parsed; only the record and the document
                        // are needed from here on.
                        input.payload = Payload::Text(String::new());
                        let folder = folder.filter(|_| input.line.is_none());
                        let source =
                            source_of(input.source.as_deref(), input.url.as_deref(), folder);
                        Ok(Ready { input, doc, source })
                    }
                });
        Prepared {
            file: loaded.file,
            label,
            place: loaded.place,
            warning,
            result,
        }
    }

    /// Classifies a prepared document, with the corpus counts of its
    /// source when there are any.
    pub fn finish(
        &self,
        prepared: Prepared,
        stats: Option<&crate::frequency::LineStats>,
    ) -> Outcome {
        let result = prepared.result.map(|ready| {
            let cleaned = match stats {
                Some(stats) => self.cleaner.clean_with_stats(
                    &ready.doc,
                    stats,
                    &ready.source,
                    &self.settings.policy,
                ),
                None => self.cleaner.clean(&ready.doc, None),
            };
            Done {
                doc: ready.doc,
                cleaned,
                input: ready.input,
            }
        });
        Outcome {
            file: prepared.file,
            label: prepared.label,
            place: prepared.place,
            result,
            warning: prepared.warning,
        }
    }
}
