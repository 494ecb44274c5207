//! `pith stats`: count a corpus's lines into a stats file, or merge stats
//! files, so a corpus too big for one run is counted shard by shard.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::clean::{count, load_rules, refuse_to_overwrite_an_input};
use super::Status;
use crate::frequency::LineStats;
use crate::input::{FieldNames, InputFormat, Inputs, Mode, WarcOptions};
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
}

/// Runs `pith stats`.
pub fn run(config: &StatsConfig) -> Result<Status> {
    let mut status = Status::Ok;
    let stats = if config.merge.is_empty() {
        let mode = config
            .input_format
            .document_mode(config.mode)
            .map_err(anyhow::Error::msg)?;
        // One pass: standard input is read as a stream, never spooled.
        let (mut inputs, errors) = Inputs::open(&config.inputs, config.input_format, false);
        inputs.set_warc_options(config.warc);
        for e in &errors {
            eprintln!("error: {e}");
            status.raise(Status::BadInput);
        }
        refuse_to_overwrite_an_input(&config.output, inputs.files())?;
        count(
            &inputs,
            mode,
            &config.fields,
            &Cleaner::new(load_rules(&[])?),
        )
    } else {
        let mut merged = LineStats::default();
        for path in &config.merge {
            let bytes = fs::read(path)
                .with_context(|| format!("cannot read stats file {}", path.display()))?;
            let shard = LineStats::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("stats file {}: {e}", path.display()))?;
            merged.merge(&shard);
        }
        merged.seal();
        merged
    };
    let file = fs::File::create(&config.output)
        .with_context(|| format!("cannot write {}", config.output.display()))?;
    stats
        .write_to(std::io::BufWriter::new(file))
        .with_context(|| format!("cannot write {}", config.output.display()))?;
    eprintln!(
        "{}: {} documents, {} (source, line) entries, {:.1} MB in memory",
        config.output.display(),
        stats.documents(),
        stats.entries(),
        stats.heap_bytes() as f64 / 1e6
    );
    Ok(status)
}
