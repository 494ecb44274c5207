//! `pith stats`: count a corpus's lines into a stats file, or merge stats
//! files, so a corpus too big for one run is counted shard by shard.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::clean::{count, load_rules, read_stats_file, refuse_to_overwrite_an_input, Problem};
use super::Status;
use crate::frequency::LineStats;
use crate::input::{self, FieldNames, InputFormat, InputOptions, Inputs, Mode, WarcOptions};
use crate::output::AtomicFile;
use crate::Cleaner;

/// Everything `pith stats` needs to know.
#[derive(Debug, Clone, Default)]
pub struct StatsConfig {
    /// Inputs to count, as for `pith clean`.
    pub inputs: Vec<PathBuf>,
    /// Stats files to merge instead of counting inputs.
    pub merge: Vec<PathBuf>,
    /// Where to write the stats file.
    pub output: PathBuf,
    /// How to read documents.
    pub mode: Mode,
    /// How inputs are laid out (standard input: found by content).
    pub input_format: InputFormat,
    /// JSONL field names (the source field decides the source key).
    pub fields: FieldNames,
    /// How WARC inputs are read.
    pub warc: WarcOptions,
    /// The most bytes a document or JSONL line may have after decompression;
    /// `None` is [`input::DEFAULT_MAX_RECORD_BYTES`] (64 MiB).
    pub max_record_bytes: Option<u64>,
}

/// Runs `pith stats`. Inputs and records that cannot be read are reported
/// on standard error as `pith clean` reports them, raise the exit status,
/// and are counted as failed in the stats file; the file is written (in
/// place once complete) either way.
pub fn run(config: &StatsConfig) -> Result<Status> {
    let mut status = Status::Ok;
    let stats = if config.merge.is_empty() {
        count_inputs(config, &mut status)?
    } else {
        let mut merged = LineStats::default();
        for path in &config.merge {
            merged.merge(&read_stats_file(path)?);
        }
        merged.seal();
        merged
    };
    let mut out = AtomicFile::create(&config.output)?;
    stats
        .write_to(std::io::BufWriter::new(&mut out))
        .with_context(|| format!("cannot write {}", config.output.display()))?;
    out.commit()?;
    eprintln!(
        "{}: {} documents counted, {} failed, {} (source, line) entries, {:.1} MB in memory",
        config.output.display(),
        stats.documents(),
        stats.failed(),
        stats.entries(),
        stats.heap_bytes() as f64 / 1e6
    );
    Ok(status)
}

/// Counts the inputs, reporting what cannot be read and raising `status`.
fn count_inputs(config: &StatsConfig, status: &mut Status) -> Result<LineStats> {
    let mode = config
        .input_format
        .document_mode(config.mode)
        .map_err(anyhow::Error::msg)?;
    let cleaner = Cleaner::new(load_rules(&[])?);
    // One pass: streams are read once, never spooled.
    let options = InputOptions {
        format: config.input_format,
        spool: false,
        exclude: Some(config.output.clone()),
        max_record_bytes: config
            .max_record_bytes
            .unwrap_or(input::DEFAULT_MAX_RECORD_BYTES),
    };
    let (mut inputs, errors) = Inputs::open_with(&config.inputs, &options);
    inputs.set_warc_options(config.warc);
    refuse_to_overwrite_an_input(&config.output, inputs.files())?;
    for warning in inputs.warnings() {
        eprintln!("warning: {warning}");
    }
    for e in &errors {
        eprintln!("error: {e}");
        status.raise(Status::BadInput);
    }
    let mut stats = count(
        &inputs,
        mode,
        &config.fields,
        &cleaner,
        |problem| match problem {
            Problem::Warning(warning) => eprintln!("warning: {warning}"),
            Problem::Error {
                message,
                unreadable,
            } => {
                eprintln!("error: {message}");
                status.raise(if unreadable {
                    Status::BadInput
                } else {
                    Status::BadRecords
                });
            }
        },
    );
    stats.add_failed(errors.len() as u64);
    Ok(stats)
}
