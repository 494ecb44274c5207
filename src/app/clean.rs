//! `pith clean`: clean every input document and write the bodies.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::units::{for_each_batch, Unit};
use super::Status;
use crate::classify::Cleaned;
use crate::classify::FrequencyEvidence;
use crate::document::Document;
use crate::frequency::{fingerprint, source_of, FrequencyPolicy, LineStats};
use crate::input::{self, FieldNames, InputDoc, InputFile, Mode, Payload};
use crate::output::{self, Format};
use crate::rules::RuleSet;
use crate::Cleaner;
use std::collections::HashSet;

/// Everything `pith clean` needs to know.
#[derive(Debug, Clone, Default)]
pub struct CleanConfig {
    /// Files, folders, or `-`; empty means standard input.
    pub inputs: Vec<PathBuf>,
    /// How to read inputs.
    pub mode: Mode,
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
}

/// The corpus statistics a run cleans with: loaded from `--stats`, counted
/// over the inputs, or none with `--no-freq`.
pub fn corpus_stats(
    files: &[InputFile],
    config: &CleanConfig,
    cleaner: &Cleaner,
) -> Result<Option<LineStats>> {
    if config.no_freq {
        return Ok(None);
    }
    if let Some(path) = &config.stats {
        let bytes =
            fs::read(path).with_context(|| format!("cannot read stats file {}", path.display()))?;
        let stats = LineStats::from_bytes(&bytes)
            .map_err(|e| anyhow::anyhow!("stats file {}: {e}", path.display()))?;
        return Ok(Some(stats));
    }
    Ok(Some(count(files, config.mode, &config.fields, cleaner)))
}

/// The corpus pass: counts, for every normalised line, in how many documents
/// of each source it appears. Documents that cannot be read are skipped here
/// (the cleaning pass reports them).
pub fn count(files: &[InputFile], mode: Mode, fields: &FieldNames, cleaner: &Cleaner) -> LineStats {
    let mut stats = LineStats::default();
    for_each_batch(files, |batch| {
        let counted: Vec<Option<(String, HashSet<u64>)>> = batch
            .into_par_iter()
            .map(|unit| {
                let loaded = load(unit, files, mode, fields);
                let input = loaded.input.ok()?;
                let doc = cleaner.document(&input.payload).ok()?;
                let source = document_source(&input, &files[loaded.file]);
                let prints = doc.blocks.iter().map(|b| fingerprint(&b.text)).collect();
                Some((source, prints))
            })
            .collect();
        for (source, prints) in counted.into_iter().flatten() {
            stats.add_fingerprints(&source, prints);
        }
    });
    stats
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
    /// `path` or `path:line`, for headers and messages.
    pub label: String,
    pub line: Option<usize>,
    pub result: std::result::Result<Done, String>,
    pub warning: Option<String>,
    /// The file itself could not be read (exit status 2, not 1).
    pub unreadable: bool,
}

/// A unit read into a document (or the reason it could not be).
pub(crate) struct Loaded {
    pub file: usize,
    pub label: String,
    pub line: Option<usize>,
    pub input: std::result::Result<InputDoc, LoadError>,
    pub warning: Option<String>,
}

/// Why a unit gave no document.
pub(crate) struct LoadError {
    pub message: String,
    /// The file itself could not be read (exit status 2, not 1).
    pub unreadable: bool,
}

/// Reads one unit into a document payload.
pub(crate) fn load(unit: Unit, files: &[InputFile], mode: Mode, fields: &FieldNames) -> Loaded {
    match unit {
        Unit::Unreadable { file, error } => {
            let label = files[file].display();
            Loaded {
                file,
                input: Err(LoadError {
                    message: format!("{label}: {error}"),
                    unreadable: true,
                }),
                label,
                line: None,
                warning: None,
            }
        }
        Unit::File(index) => {
            let file = &files[index];
            let label = file.display();
            let mut warning = None;
            let input = input::read_bytes(file)
                .map_err(|e| LoadError {
                    message: e.to_string(),
                    unreadable: true,
                })
                .map(|bytes| {
                    let path = file.path.as_deref().unwrap_or(Path::new("stdin"));
                    let payload = match input::detect(mode, path, &bytes) {
                        Mode::Html => Payload::HtmlBytes(bytes),
                        _ => {
                            let (text, lossy) = input::decode_utf8_lossy(bytes);
                            if lossy {
                                warning = Some(format!("{label}: invalid UTF-8, decoded lossily"));
                            }
                            Payload::Text(text)
                        }
                    };
                    InputDoc {
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
                line: None,
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
            let input = input::parse_record(&text, line, fields, mode).map_err(|e| LoadError {
                message: format!("{label}: {e}"),
                unreadable: false,
            });
            Loaded {
                file,
                warning: lossy.then(|| format!("{label}: invalid UTF-8, decoded lossily")),
                label,
                line: Some(line),
                input,
            }
        }
    }
}

/// Reads and cleans one unit.
pub(crate) fn process(
    unit: Unit,
    files: &[InputFile],
    config: &CleanConfig,
    cleaner: &Cleaner,
    stats: Option<&LineStats>,
) -> Outcome {
    let loaded = load(unit, files, config.mode, &config.fields);
    let label = loaded.label;
    let (result, unreadable) = match loaded.input {
        Err(e) => (Err(e.message), e.unreadable),
        Ok(input) => match cleaner.document(&input.payload) {
            Err(message) => (Err(format!("{label}: {message}")), false),
            Ok(doc) => {
                let cleaned = match stats {
                    Some(stats) => {
                        let source = document_source(&input, &files[loaded.file]);
                        let counts: Vec<_> = doc
                            .blocks
                            .iter()
                            .map(|b| stats.counts_of(&source, fingerprint(&b.text)))
                            .collect();
                        cleaner.clean(
                            &doc,
                            Some(FrequencyEvidence {
                                counts: &counts,
                                source: &source,
                                policy: &config.policy,
                            }),
                        )
                    }
                    None => cleaner.clean(&doc, None),
                };
                (
                    Ok(Done {
                        doc,
                        cleaned,
                        input,
                    }),
                    false,
                )
            }
        },
    };
    Outcome {
        file: loaded.file,
        label,
        line: loaded.line,
        result,
        warning: loaded.warning,
        unreadable,
    }
}

/// Where results go.
enum Sink {
    /// Standard output, text; `headers` puts `==> NAME <==` before each.
    Stdout { headers: bool },
    /// A directory mirroring the input tree.
    Dir(PathBuf),
    /// One JSONL stream.
    Jsonl(Box<dyn Write>),
}

/// Runs `pith clean`. Errors that stop the run before it starts (an unusable
/// rules file, an output that cannot be created) are returned; problems with
/// single inputs are reported on standard error and reflected in the status.
pub fn run(config: &CleanConfig) -> Result<Status> {
    let cleaner = Cleaner::new(load_rules(&config.rules)?);
    let (files, errors) = input::discover(&config.inputs);
    let mut status = Status::Ok;
    for error in &errors {
        eprintln!("error: {error}");
        status.raise(Status::BadInput);
    }
    let any_jsonl = files.iter().any(InputFile::is_jsonl);
    let format = config.format.unwrap_or(if any_jsonl {
        Format::Jsonl
    } else {
        Format::Text
    });
    let mut sink = if config.explain {
        Sink::Stdout {
            headers: files.len() > 1 || any_jsonl,
        }
    } else {
        match (format, &config.output) {
            (Format::Jsonl, Some(path)) => {
                Sink::Jsonl(Box::new(BufWriter::new(create_file(path)?)))
            }
            (Format::Jsonl, None) => Sink::Jsonl(Box::new(BufWriter::new(io::stdout().lock()))),
            (Format::Text, Some(dir)) => {
                fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create output directory {}", dir.display()))?;
                Sink::Dir(dir.clone())
            }
            (Format::Text, None) => Sink::Stdout {
                headers: files.len() > 1 || any_jsonl,
            },
        }
    };
    let stats = corpus_stats(&files, config, &cleaner)?;
    let mut stdout = BufWriter::new(io::stdout().lock());
    let mut write_error: Option<anyhow::Error> = None;
    let mut stop = false;
    for_each_batch(&files, |batch| {
        if stop || write_error.is_some() {
            return;
        }
        let outcomes: Vec<Outcome> = batch
            .into_par_iter()
            .map(|unit| process(unit, &files, config, &cleaner, stats.as_ref()))
            .collect();
        for outcome in outcomes {
            if let Some(warning) = &outcome.warning {
                eprintln!("warning: {warning}");
            }
            if let Err(message) = &outcome.result {
                eprintln!("error: {message}");
                status.raise(if outcome.unreadable {
                    Status::BadInput
                } else {
                    Status::BadRecords
                });
                if config.fail_fast {
                    stop = true;
                }
            }
            let written = write_outcome(&outcome, &files, config, &mut sink, &mut stdout);
            if let Err(e) = written {
                write_error = Some(e);
                return;
            }
            if stop {
                return;
            }
        }
    });
    if let Some(error) = write_error {
        return Err(error);
    }
    if let Sink::Jsonl(out) = &mut sink {
        out.flush().context("cannot write output")?;
    }
    stdout.flush().context("cannot write to standard output")?;
    Ok(status)
}

fn create_file(path: &Path) -> Result<fs::File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create directory {}", parent.display()))?;
    }
    fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))
}

fn write_outcome(
    outcome: &Outcome,
    files: &[InputFile],
    config: &CleanConfig,
    sink: &mut Sink,
    stdout: &mut impl Write,
) -> Result<()> {
    match sink {
        Sink::Jsonl(out) => {
            let record: Map<String, Value> = match &outcome.result {
                Ok(done) => output::json_record(
                    done.input.record.as_ref(),
                    &done.input.id,
                    &config.fields,
                    &done.cleaned,
                ),
                Err(message) if !outcome.unreadable => {
                    output::error_record(outcome.line.unwrap_or(0), message)
                }
                // A file that could not be read at all has no record to stand for.
                Err(_) => return Ok(()),
            };
            serde_json::to_writer(&mut *out, &record).context("cannot write output")?;
            out.write_all(b"\n").context("cannot write output")?;
        }
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
        Sink::Dir(dir) => {
            let Ok(done) = &outcome.result else {
                return Ok(());
            };
            let file = &files[outcome.file];
            let mut path = output::mirrored_path(dir, &file.relative);
            if let Some(line) = outcome.line {
                // Text output of a JSONL file: one file per record, in a
                // folder named after the JSONL file.
                path.set_extension("");
                path = path.join(format!("{line}.txt"));
            }
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create directory {}", parent.display()))?;
            }
            fs::write(&path, &done.cleaned.body)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(())
}
