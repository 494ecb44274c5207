//! `pith clean`: clean every input document and write the bodies.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::progress::{summary_line, Progress, Tally};
use super::units::{for_each_batch, oversized_message, Unit, BATCH};
use super::Status;
use crate::classify::Cleaned;
use crate::document::Document;
use crate::frequency::{source_of, Copies, FrequencyPolicy, LineStats};
use crate::input::{
    self, warc_place, FieldNames, InputDoc, InputFile, InputFormat, InputOptions, Inputs, Mode,
    Payload, Skip, WarcOffset, WarcOptions,
};
use crate::output::{self, AtomicFile, Format, NameBy};
use crate::rules::RuleSet;
use crate::Cleaner;
use std::time::Instant;

/// Everything `pith clean` needs to know.
#[derive(Debug, Clone, Default)]
pub struct CleanConfig {
    /// Files, folders, or `-`; empty means standard input.
    pub inputs: Vec<PathBuf>,
    /// How to read documents: by extension and content, or forced.
    pub mode: Mode,
    /// How inputs are laid out: JSONL or one document each, found by name
    /// (standard input: by content), or forced.
    pub input_format: InputFormat,
    /// JSONL field names.
    pub fields: FieldNames,
    /// Output directory (text) or file (JSONL); standard output when absent.
    pub output: Option<PathBuf>,
    /// Output format; by default JSONL when any input is JSONL, else text.
    pub format: Option<Format>,
    /// Print every block with its verdict instead of the body.
    pub explain: bool,
    /// Extra rules files.
    pub rules: Vec<PathBuf>,
    /// Stop at the first bad record instead of reporting it and going on.
    pub fail_fast: bool,
    /// Clean with these corpus counts instead of counting the input.
    pub stats: Option<PathBuf>,
    /// Switch the corpus frequency pass off.
    pub no_freq: bool,
    /// When counts make a line chrome.
    pub policy: FrequencyPolicy,
    /// How many bytes of documents the corpus pass may keep for the cleaning
    /// pass, counted at their full size in memory; `None` is the default
    /// budget (1 GiB). Past it, inputs are read and parsed again (standard
    /// input from its spool).
    pub keep_bytes: Option<usize>,
    /// No progress bar and no summary line.
    pub quiet: bool,
    /// How WARC inputs are read (the record limit is `max_record_bytes`).
    pub warc: WarcOptions,
    /// The most bytes a document, JSONL line or WARC record may have after
    /// decompression; `None` is [`input::DEFAULT_MAX_RECORD_BYTES`] (64 MiB).
    /// A document over it is skipped with an error naming it.
    pub max_record_bytes: Option<u64>,
    /// How text-folder output files are named.
    pub name_by: NameBy,
}

impl CleanConfig {
    /// How to open the inputs: the walk leaves out the output.
    fn input_options(&self, spool: bool) -> InputOptions {
        InputOptions {
            format: self.input_format,
            spool,
            exclude: self.output.clone(),
            max_record_bytes: self
                .max_record_bytes
                .unwrap_or(input::DEFAULT_MAX_RECORD_BYTES),
        }
    }
}

/// A problem met while counting, for the caller to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem<'a> {
    /// A document was read, with a warning (invalid UTF-8).
    Warning(&'a str),
    /// A document or input could not be read; `unreadable` when the input
    /// itself could not be (exit status 2), else a bad record (1).
    Error { message: &'a str, unreadable: bool },
}

/// The corpus pass of `pith stats`: counts, for every normalised line, in
/// how many documents of each source it appears. Every document that cannot
/// be read is handed to `report` and counted as failed in the table.
pub fn count(
    inputs: &Inputs,
    mode: Mode,
    fields: &FieldNames,
    cleaner: &Cleaner,
    mut report: impl FnMut(Problem<'_>),
) -> LineStats {
    let config = CleanConfig {
        mode,
        fields: fields.clone(),
        ..CleanConfig::default()
    };
    let mut stats = LineStats::default();
    let mut copies = Copies::default();
    for_each_batch(inputs, |batch| {
        let prepared: Vec<Prepared> = batch
            .into_par_iter()
            .map(|unit| prepare(unit, inputs, &config, cleaner))
            .collect();
        for p in &prepared {
            if let Some(warning) = &p.warning {
                report(Problem::Warning(warning));
            }
            match &p.result {
                Err((message, Failure::Skipped)) => report(Problem::Warning(message)),
                Err((message, failure)) => {
                    report(Problem::Error {
                        message,
                        unreadable: *failure == Failure::Unreadable,
                    });
                    stats.add_failed(1);
                }
                Ok(_) => {}
            }
            add_to_stats(&mut stats, &mut copies, p, inputs.files());
        }
        true
    });
    stats.seal();
    stats
}

/// Reads and checks a stats file written by `pith stats`.
pub(crate) fn read_stats_file(path: &Path) -> Result<LineStats> {
    let bytes =
        fs::read(path).with_context(|| format!("cannot read stats file {}", path.display()))?;
    LineStats::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("stats file {}: {e}", path.display()))
}

/// Counts one prepared document's lines, unless its source already had a
/// copy of it (a re-crawl, a record written twice): counted again, every
/// line of the article would look like the publisher's chrome.
fn add_to_stats(
    stats: &mut LineStats,
    copies: &mut Copies,
    prepared: &Prepared,
    files: &[InputFile],
) {
    if let Ok((input, doc)) = &prepared.result {
        let source = document_source(input, &files[prepared.file]);
        let lines: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        let Some(prints) = copies.lines_to_count(&source, input.url.as_deref(), &lines) else {
            return;
        };
        stats.add_fingerprints(&source, prints);
    }
}

/// How many bytes of documents (at their full size in memory) the corpus
/// pass keeps for the cleaning pass (which otherwise reads and parses every
/// input a second time). Beyond it the kept documents are dropped and the
/// cleaning pass re-reads.
const KEEP_BUDGET_BYTES: usize = 1 << 30;

/// What [`clean_all`] measured.
pub(crate) struct Ran {
    /// Seconds spent reading and cleaning (not handing outcomes over).
    pub busy: f64,
    /// Bytes read from the inputs, as stored, counted once.
    pub bytes: u64,
    /// WARC records that gave no page, by reason, counted once.
    pub skipped: std::collections::BTreeMap<Skip, u64>,
}

/// Reads, counts (unless frequency is off or counts come from a file) and
/// cleans every input document, handing each outcome, in input order, to
/// `each`; `each` returns false to stop the run. Without the corpus pass this
/// is one streaming pass in batches; with it, documents are kept in memory
/// up to the budget, else read again. `stats_file` is `config.stats`
/// already read (else it is read here).
pub(crate) fn clean_all(
    inputs: &Inputs,
    config: &CleanConfig,
    cleaner: &Cleaner,
    stats_file: Option<LineStats>,
    progress: &Progress,
    mut each: impl FnMut(Outcome) -> bool,
) -> Result<Ran> {
    let start = Instant::now();
    let files = inputs.files();
    let mut kept: Option<Vec<Prepared>> = None;
    let mut first_pass = None;
    let stats = if config.no_freq {
        None
    } else if let Some(stats) = stats_file {
        Some(stats)
    } else if let Some(path) = &config.stats {
        Some(read_stats_file(path)?)
    } else {
        let mut stats = LineStats::default();
        let mut copies = Copies::default();
        let mut keep = Some(Vec::new());
        let mut kept_bytes = 0usize;
        let mut counted = 0u64;
        progress.reading("counting", inputs);
        for_each_batch(inputs, |batch| {
            let prepared: Vec<Prepared> = batch
                .into_par_iter()
                .map(|unit| prepare(unit, inputs, config, cleaner))
                .collect();
            for p in &prepared {
                add_to_stats(&mut stats, &mut copies, p, files);
                kept_bytes += p.size();
            }
            if kept_bytes > config.keep_bytes.unwrap_or(KEEP_BUDGET_BYTES) {
                keep = None;
            }
            counted += prepared.len() as u64;
            progress.read(inputs, counted);
            if let Some(keep) = keep.as_mut() {
                keep.extend(prepared);
            }
            true
        });
        kept = keep;
        first_pass = Some((inputs.bytes_read(), inputs.skipped()));
        stats.seal();
        Some(stats)
    };
    let mut busy = start.elapsed().as_secs_f64();
    let stats = stats.as_ref();
    let mut go_on = true;
    // Hands outcomes to `each` in order; false once `each` asked to stop.
    let mut hand_over = |outcomes: Vec<Outcome>| outcomes.into_iter().all(&mut each);
    let mut done = 0u64;
    match kept {
        Some(mut prepared) => {
            progress.cleaning_kept(prepared.len() as u64);
            while !prepared.is_empty() && go_on {
                let started = Instant::now();
                let rest = prepared.split_off(prepared.len().min(BATCH));
                let batch = std::mem::replace(&mut prepared, rest);
                let outcomes: Vec<Outcome> = batch
                    .into_par_iter()
                    .map(|p| finish(p, files, config, cleaner, stats))
                    .collect();
                busy += started.elapsed().as_secs_f64();
                done += outcomes.len() as u64;
                go_on = hand_over(outcomes);
                progress.cleaned(done);
            }
        }
        None => {
            progress.reading("cleaning", inputs);
            for_each_batch(inputs, |batch| {
                let started = Instant::now();
                let outcomes: Vec<Outcome> = batch
                    .into_par_iter()
                    .map(|unit| {
                        let prepared = prepare(unit, inputs, config, cleaner);
                        finish(prepared, files, config, cleaner, stats)
                    })
                    .collect();
                busy += started.elapsed().as_secs_f64();
                done += outcomes.len() as u64;
                go_on = hand_over(outcomes);
                progress.read(inputs, done);
                go_on
            })
        }
    }
    let (bytes, skipped) = first_pass.unwrap_or_else(|| (inputs.bytes_read(), inputs.skipped()));
    Ok(Ran {
        busy,
        bytes,
        skipped,
    })
}

/// The source key of a document (see [`source_of`]).
pub(crate) fn document_source(input: &InputDoc, file: &InputFile) -> String {
    let folder = (input.line.is_none()).then_some(file.relative.as_path());
    source_of(input.source.as_deref(), input.url.as_deref(), folder)
}

/// Builds the cleaner: built-in rules plus the user's rules files.
pub fn load_rules(files: &[PathBuf]) -> Result<RuleSet> {
    let mut rules = RuleSet::builtin();
    for path in files {
        let text = fs::read_to_string(path)
            .with_context(|| format!("cannot read rules file {}", path.display()))?;
        rules.extend_from_toml(&text, &path.display().to_string())?;
    }
    Ok(rules)
}

/// A document read and cleaned.
pub(crate) struct Done {
    pub doc: Document,
    pub cleaned: Cleaned,
    pub input: InputDoc,
}

/// What became of one unit.
pub(crate) struct Outcome {
    pub file: usize,
    /// `path`, `path:line` or `path: record at ...`, for headers and messages.
    pub label: String,
    pub place: Place,
    /// The document cleaned, or the message and why there is none.
    pub result: std::result::Result<Done, (String, Failure)>,
    pub warning: Option<String>,
}

/// Where in its input a unit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
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
pub(crate) enum Failure {
    /// A record that could not be read or parsed (exit status 1).
    BadRecord,
    /// The file itself could not be read (exit status 2).
    Unreadable,
    /// A WARC record skipped with a warning: no output, no error.
    Skipped,
}

/// A unit read into a document (or the reason it could not be).
pub(crate) struct Loaded {
    pub file: usize,
    pub label: String,
    pub place: Place,
    pub input: std::result::Result<InputDoc, LoadError>,
    pub warning: Option<String>,
}

/// Why a unit gave no document.
pub(crate) struct LoadError {
    pub message: String,
    pub failure: Failure,
}

/// Reads one unit into a document payload.
pub(crate) fn load(unit: Unit, inputs: &Inputs, mode: Mode, fields: &FieldNames) -> Loaded {
    let files = inputs.files();
    match unit {
        Unit::Unreadable { file, error } => {
            let label = files[file].display();
            Loaded {
                file,
                input: Err(LoadError {
                    message: format!("{label}: {error}"),
                    failure: Failure::Unreadable,
                }),
                label,
                place: Place::File,
                warning: None,
            }
        }
        Unit::Oversized { file, line, bytes } => {
            let label = format!("{}:{line}", files[file].display());
            Loaded {
                file,
                input: Err(LoadError {
                    message: oversized_message(&label, bytes, inputs.max_record_bytes()),
                    failure: Failure::BadRecord,
                }),
                label,
                place: Place::Line(line),
                warning: None,
            }
        }
        Unit::File(index) => {
            let file = &files[index];
            let label = file.display();
            let mut warning = None;
            let input = inputs
                .read_document(index)
                .map_err(|e| LoadError {
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
        } => {
            let label = format!("{}:{line}", files[file].display());
            let parsed = input::parse_record_with_warning(&text, line, fields, mode);
            let lossy = lossy.then(|| "invalid UTF-8, decoded lossily".to_string());
            let repaired = parsed.as_ref().ok().and_then(|(_, w)| w.clone());
            let notes: Vec<String> = lossy.into_iter().chain(repaired).collect();
            let input = parsed.map(|(doc, _)| doc).map_err(|e| LoadError {
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
        Unit::WarcPage { file, number, page } => {
            let name = files[file].display();
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
        Unit::WarcProblem { file, problem } => {
            let name = files[file].display();
            Loaded {
                file,
                label: format!(
                    "{name}: {}",
                    warc_place(problem.offset, problem.id.as_deref())
                ),
                place: Place::Warc {
                    offset: problem.offset,
                    id: problem.id.clone(),
                    number: 0,
                },
                input: Err(LoadError {
                    message: format!("{name}: {problem}"),
                    failure: match problem.skip {
                        Some(_) => Failure::Skipped,
                        None => Failure::BadRecord,
                    },
                }),
                warning: None,
            }
        }
    }
}

/// A unit read and parsed into its document (or the reason it could not be).
pub(crate) struct Prepared {
    file: usize,
    label: String,
    place: Place,
    warning: Option<String>,
    /// The input (its payload emptied once parsed) and its document; or the
    /// message and why there is no document.
    result: std::result::Result<(InputDoc, Document), (String, Failure)>,
}

impl Prepared {
    /// Bytes this keeps in memory: itself, its record with every field, its
    /// document with every block, its messages.
    fn size(&self) -> usize {
        let held = match &self.result {
            Ok((input, doc)) => input.heap_bytes() + doc.heap_bytes(),
            Err((message, _)) => message.capacity(),
        };
        std::mem::size_of::<Prepared>()
            + self.label.capacity()
            + self.warning.as_ref().map_or(0, String::capacity)
            + held
    }
}

/// Reads one unit and builds its document of blocks.
pub(crate) fn prepare(
    unit: Unit,
    inputs: &Inputs,
    config: &CleanConfig,
    cleaner: &Cleaner,
) -> Prepared {
    let loaded = load(unit, inputs, config.mode, &config.fields);
    let label = loaded.label;
    let mut warning = loaded.warning;
    let result = match loaded.input {
        Err(e) => Err((e.message, e.failure)),
        Ok(mut input) => match cleaner.document(&input.payload) {
            Err(message) => Err((format!("{label}: {message}"), Failure::BadRecord)),
            Ok(doc) => {
                // What parsing had to leave out (a page past its bounds).
                if !doc.notes.is_empty() {
                    let notes = doc.notes.join("; ");
                    warning = Some(match warning.take() {
                        Some(earlier) => format!("{earlier}; {notes}"),
                        None => format!("{label}: {notes}"),
                    });
                }
                // The page is parsed; only the record and the document are
                // needed from here on.
                input.payload = Payload::Text(String::new());
                Ok((input, doc))
            }
        },
    };
    Prepared {
        file: loaded.file,
        label,
        place: loaded.place,
        warning,
        result,
    }
}

/// Classifies a prepared document, with corpus counts when there are any.
pub(crate) fn finish(
    prepared: Prepared,
    files: &[InputFile],
    config: &CleanConfig,
    cleaner: &Cleaner,
    stats: Option<&LineStats>,
) -> Outcome {
    let result = match prepared.result {
        Err(failure) => Err(failure),
        Ok((input, doc)) => {
            let cleaned = match stats {
                Some(stats) => {
                    let source = document_source(&input, &files[prepared.file]);
                    cleaner.clean_with_stats(&doc, stats, &source, &config.policy)
                }
                None => cleaner.clean(&doc, None),
            };
            Ok(Done {
                doc,
                cleaned,
                input,
            })
        }
    };
    Outcome {
        file: prepared.file,
        label: prepared.label,
        place: prepared.place,
        result,
        warning: prepared.warning,
    }
}

/// Where results go.
enum Sink {
    /// Standard output, text; `headers` puts `==> NAME <==` before each.
    Stdout { headers: bool },
    /// A directory: each input's output path (see [`output::plan_outputs`]).
    Dir(Vec<PathBuf>),
    /// One JSONL stream (standard output).
    Jsonl(Box<dyn Write>),
    /// One JSONL file, in place once the run has written it all.
    File(AtomicFile),
}

/// Runs `pith clean`. Errors that stop the run before it starts (an unusable
/// rules file, an output that cannot be created) are returned; problems with
/// single inputs are reported on standard error and reflected in the status.
///
/// Unless `quiet`, a progress bar shows on standard error while it is a
/// terminal, and one summary line closes the run.
pub fn run(config: &CleanConfig) -> Result<Status> {
    let started = Instant::now();
    let mode = config
        .input_format
        .document_mode(config.mode)
        .map_err(anyhow::Error::msg)?;
    let config = &CleanConfig {
        mode,
        ..config.clone()
    };
    let cleaner = Cleaner::new(load_rules(&config.rules)?);
    // Everything that can stop the run is checked before the output is
    // touched: the rules above, the stats file here, the inputs below.
    let stats_file = match (&config.stats, config.no_freq) {
        (Some(path), false) => Some(read_stats_file(path)?),
        _ => None,
    };
    // Streams (standard input, pipes) are copied aside as they are read when
    // the corpus pass may need to read them a second time.
    let spool = !config.no_freq && config.stats.is_none();
    let (mut inputs, errors) = Inputs::open_with(&config.inputs, &config.input_options(spool));
    inputs.set_warc_options(config.warc);
    let files = inputs.files();
    let mut status = Status::Ok;
    for warning in inputs.warnings() {
        eprintln!("warning: {warning}");
    }
    for error in &errors {
        eprintln!("error: {error}");
        status.raise(Status::BadInput);
    }
    // A WARC file is records too: JSONL out, headers on standard output.
    let any_jsonl = inputs.any_jsonl() || inputs.any_warc();
    let format = config.format.unwrap_or(if any_jsonl {
        Format::Jsonl
    } else {
        Format::Text
    });
    if let (Some(output), true) = (&config.output, config.explain) {
        eprintln!(
            "warning: --explain writes its listing to standard output; -o {} is not written",
            output.display()
        );
    }
    let mut sink = if config.explain {
        Sink::Stdout {
            headers: files.len() > 1 || any_jsonl,
        }
    } else {
        match (format, &config.output) {
            (Format::Jsonl, Some(path)) => {
                refuse_to_overwrite_an_input(path, files)?;
                Sink::File(AtomicFile::create(path)?)
            }
            (Format::Jsonl, None) => Sink::Jsonl(Box::new(BufWriter::new(io::stdout().lock()))),
            (Format::Text, Some(dir)) => {
                // JSONL and WARC files hold records: a folder of files each.
                let records: Vec<bool> = (0..files.len())
                    .map(|i| inputs.is_jsonl(i) || inputs.is_warc(i))
                    .collect();
                let targets = output::plan_outputs(dir, files, &records, config.name_by)
                    .map_err(anyhow::Error::msg)?;
                fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create output directory {}", dir.display()))?;
                Sink::Dir(targets)
            }
            (Format::Text, None) => Sink::Stdout {
                headers: files.len() > 1 || any_jsonl,
            },
        }
    };
    let mut stdout = BufWriter::new(io::stdout().lock());
    let mut write_error: Option<anyhow::Error> = None;
    let mut tally = Tally::default();
    let progress = Progress::on_stderr(config.quiet);
    let ran = clean_all(
        &inputs,
        config,
        &cleaner,
        stats_file,
        &progress,
        |outcome| {
            if let Some(warning) = &outcome.warning {
                progress.suspend(|| eprintln!("warning: {warning}"));
            }
            let mut stop = false;
            match &outcome.result {
                Ok(done) => {
                    tally.documents += 1;
                    tally.empty += u64::from(done.cleaned.body.is_empty());
                }
                Err((message, Failure::Skipped)) => {
                    progress.suspend(|| eprintln!("warning: {message}"));
                }
                Err((message, failure)) => {
                    tally.documents += 1;
                    tally.bad += 1;
                    progress.suspend(|| eprintln!("error: {message}"));
                    status.raise(if *failure == Failure::Unreadable {
                        Status::BadInput
                    } else {
                        Status::BadRecords
                    });
                    stop = config.fail_fast;
                }
            }
            if let Err(e) = write_outcome(&outcome, config, &mut sink, &mut stdout) {
                write_error = Some(e);
                return false;
            }
            !stop
        },
    )?;
    drop(progress);
    if !config.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("{}", summary_line(&tally, ran.bytes, seconds, &ran.skipped));
    }
    if let Some(error) = write_error {
        return Err(error);
    }
    match sink {
        Sink::Jsonl(mut out) => out.flush().context("cannot write output")?,
        // The run has written everything: the output replaces the destination.
        Sink::File(out) => out.commit()?,
        Sink::Stdout { .. } | Sink::Dir(_) => {}
    }
    stdout.flush().context("cannot write to standard output")?;
    Ok(status)
}

/// Refuses an output file that is one of the inputs (given as such, or met
/// while walking a folder): creating it would empty the input before a line
/// of it was read, and a second run over a folder would read its own output.
pub(crate) fn refuse_to_overwrite_an_input(output: &Path, files: &[InputFile]) -> Result<()> {
    // An output that does not exist yet cannot be an input.
    let Ok(output_path) = fs::canonicalize(output) else {
        return Ok(());
    };
    for file in files {
        let Some(path) = &file.path else { continue };
        if fs::canonicalize(path).is_ok_and(|p| p == output_path) {
            anyhow::bail!(
                "output {} is also an input: writing it would destroy what pith reads; \
                 write the output elsewhere",
                output.display()
            );
        }
    }
    Ok(())
}

fn write_outcome(
    outcome: &Outcome,
    config: &CleanConfig,
    sink: &mut Sink,
    stdout: &mut impl Write,
) -> Result<()> {
    match sink {
        Sink::File(out) => write_record(outcome, config, out)?,
        Sink::Jsonl(out) => write_record(outcome, config, out)?,
        Sink::Stdout { headers } => {
            let Ok(done) = &outcome.result else {
                return Ok(());
            };
            if *headers {
                writeln!(stdout, "==> {} <==", outcome.label)?;
            }
            if config.explain {
                stdout.write_all(output::explain(&done.doc, &done.cleaned).as_bytes())?;
            } else {
                stdout.write_all(done.cleaned.body.as_bytes())?;
            }
        }
        Sink::Dir(targets) => {
            let Ok(done) = &outcome.result else {
                return Ok(());
            };
            let mut path = targets
                .get(outcome.file)
                .cloned()
                .context("an outcome of an unknown input")?;
            // Text output of a JSONL or WARC file: one file per record, in
            // a folder named after the file.
            match &outcome.place {
                Place::File => {}
                Place::Line(line) => path = path.join(format!("{line}.txt")),
                Place::Warc { id, number, .. } => {
                    path = path.join(output::record_file_name(id.as_deref(), *number));
                }
            }
            output::write_atomically(&path, done.cleaned.body.as_bytes())?;
        }
    }
    Ok(())
}

/// Writes one outcome as a JSONL record: the cleaned record, or an error
/// record for a bad one.
fn write_record(outcome: &Outcome, config: &CleanConfig, out: &mut dyn Write) -> Result<()> {
    let record: Map<String, Value> = match &outcome.result {
        Ok(done) => output::json_record(
            done.input.record.as_ref(),
            &done.input.id,
            &config.fields,
            &done.cleaned,
        ),
        Err((message, failure)) => match (&outcome.place, failure) {
            // A file that could not be read at all has no record to stand
            // for, nor has a record skipped with a warning.
            (_, Failure::Unreadable | Failure::Skipped) => return Ok(()),
            (Place::Warc { offset, id, .. }, _) => {
                output::warc_error_record(*offset, id.as_deref(), message)
            }
            (Place::Line(line), _) => output::error_record(*line, message),
            (Place::File, _) => output::error_record(0, message),
        },
    };
    serde_json::to_writer(&mut *out, &record).context("cannot write output")?;
    out.write_all(b"\n").context("cannot write output")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cleaning pass gives the same outcomes whether the corpus pass kept
    /// the documents or the inputs are read again.
    #[test]
    fn kept_documents_and_rereading_agree() {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let (inputs, errors) = Inputs::open(&[corpus], InputFormat::Auto, false);
        assert!(errors.is_empty());
        let cleaner = Cleaner::default();
        let bodies = |keep_bytes| {
            let config = CleanConfig {
                keep_bytes,
                ..CleanConfig::default()
            };
            let mut bodies = Vec::new();
            clean_all(&inputs, &config, &cleaner, None, &Progress::hidden(), |o| {
                bodies.push(o.result.map(|d| d.cleaned.body).unwrap_or_default());
                true
            })
            .unwrap();
            bodies
        };
        let kept = bodies(None);
        assert!(kept.len() >= 50);
        assert_eq!(kept, bodies(Some(0)));
    }
}
