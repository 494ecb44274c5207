//! `pith clean`: clean every input document and write the bodies.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};

use super::progress::{summary_line, Progress, Tally};
use super::{refuse_to_overwrite_an_input, report, report_opening, Status};
use crate::frequency::FrequencyPolicy;
use crate::input::{self, FieldNames, InputFormat, InputOptions, Inputs, Mode};
use crate::output::{self, AtomicFile, Format, NameBy};
use crate::pipeline::{
    clean_all, load_rules, read_stats_file, Failure, Frequency, Outcome, Pipeline, Place, Settings,
};
use crate::Cleaner;

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
    /// WARC: clean responses of every HTTP status, not only 2xx.
    pub all_status: bool,
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
            all_status: self.all_status,
        }
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
    let pipeline = Pipeline::new(
        Cleaner::new(load_rules(&config.rules)?),
        Settings {
            mode,
            fields: config.fields.clone(),
            policy: config.policy,
        },
    );
    // Everything that can stop the run is checked before the output is
    // touched: the rules above, the stats file here, the inputs below.
    let frequency = match (&config.stats, config.no_freq) {
        (_, true) => Frequency::Off,
        (Some(path), false) => Frequency::Stats(read_stats_file(path)?),
        (None, false) => Frequency::Count {
            keep_bytes: config.keep_bytes,
        },
    };
    // Streams (standard input, pipes) are copied aside as they are read when
    // the corpus pass may need to read them a second time.
    let spool = matches!(frequency, Frequency::Count { .. });
    let mut status = Status::Ok;
    let (inputs, errors) = Inputs::open_with(&config.inputs, &config.input_options(spool));
    report_opening(&inputs, &errors, &mut status);
    let files = inputs.files();
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
    let ran = clean_all(&inputs, &pipeline, frequency, &progress, |outcome| {
        for problem in outcome.problems() {
            report(problem, &mut status, &progress);
        }
        let mut stop = false;
        match &outcome.result {
            Ok(done) => {
                tally.documents += 1;
                tally.empty += u64::from(done.cleaned.body.is_empty());
            }
            Err(failed) if failed.failure == Failure::Skipped => {}
            Err(_) => {
                tally.documents += 1;
                tally.bad += 1;
                stop = config.fail_fast;
            }
        }
        if let Err(e) = write_outcome(&outcome, config, &mut sink, &mut stdout) {
            write_error = Some(e);
            return false;
        }
        !stop
    });
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
/// record for a bad one (none for an input that could not be read at all).
fn write_record(outcome: &Outcome, config: &CleanConfig, out: &mut dyn Write) -> Result<()> {
    let Some(record) = outcome.json_record(&config.fields) else {
        return Ok(());
    };
    serde_json::to_writer(&mut *out, &record).context("cannot write output")?;
    out.write_all(b"\n").context("cannot write output")?;
    Ok(())
}
