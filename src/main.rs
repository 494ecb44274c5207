//! The `pith` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use pith::app::{bench, check, clean, eval, gate, stats};
use pith::input::{FieldNames, InputFormat, Mode};
use pith::output::{Format, NameBy};

/// Strip publisher chrome from scraped news and keep the clean article body.
#[derive(Parser)]
#[command(name = "pith", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean documents: text dumps, HTML pages, JSONL records.
    Clean(CleanArgs),
    /// Clean a corpus and compare every output with its golden file.
    Check(CheckArgs),
    /// Clean labelled datasets and score them against their gold bodies.
    Eval(EvalArgs),
    /// The quality gate: fail when a dev set's F1 falls below its floor.
    Gate(GateArgs),
    /// Count a corpus's lines into a stats file, or merge stats files.
    Stats(StatsArgs),
    /// Measure parsing and cleaning speed on a JSONL dataset held in memory.
    Bench(BenchArgs),
}

#[derive(clap::Args)]
struct BenchArgs {
    /// A JSONL dataset (optionally gzipped).
    dataset: PathBuf,
    /// Clean the text field (text) or the HTML field (html).
    #[arg(long, value_enum, default_value = "html")]
    mode: ModeArg,
    /// Timed repetitions; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Worker threads [default: all cores].
    #[arg(short, long)]
    jobs: Option<usize>,
    #[command(flatten)]
    fields: FieldArgs,
}

#[derive(clap::Args)]
struct StatsArgs {
    /// Files, folders or `-`, as for `pith clean`.
    inputs: Vec<PathBuf>,
    /// Merge these stats files instead of counting inputs.
    #[arg(long, num_args = 1.., value_name = "FILE", conflicts_with = "inputs")]
    merge: Vec<PathBuf>,
    /// Where to write the stats file.
    #[arg(short, long)]
    output: PathBuf,
    /// How to read inputs.
    #[arg(long, value_enum, default_value = "auto")]
    mode: ModeArg,
    #[command(flatten)]
    layout: InputFormatArgs,
    /// Worker threads [default: all cores].
    #[arg(short, long)]
    jobs: Option<usize>,
    #[command(flatten)]
    fields: FieldArgs,
    #[command(flatten)]
    warc: WarcArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(clap::Args)]
struct WarcArgs {
    /// WARC input: clean responses of every HTTP status, not only 2xx.
    #[arg(long)]
    all_status: bool,
}

#[derive(clap::Args)]
struct LimitArgs {
    /// The most bytes a JSONL line, a document or a WARC record may have
    /// after decompression; a larger one is skipped with an error naming it.
    #[arg(long, value_name = "BYTES", default_value_t = pith::input::DEFAULT_MAX_RECORD_BYTES)]
    max_record_bytes: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum NameByArg {
    /// The path under the input folder, `.html` made `.txt` (`corpus/a.html` → `OUT/a.txt`).
    Mirror,
    /// The whole input path as given, with `.txt` added (`d1/x.html` → `OUT/d1/x.html.txt`).
    Path,
}

#[derive(clap::Args)]
struct InputFormatArgs {
    /// How inputs are laid out: JSONL records (`.jsonl`, `.jsonl.gz`,
    /// `.ndjson` files; standard input whose first line is a JSON object),
    /// WARC records (`.warc`, `.warc.gz`, or a `WARC/1.0`/`WARC/1.1` start)
    /// or one document per input, found by name and content, or forced.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    Auto,
    Jsonl,
    Text,
    Html,
    Warc,
}

#[derive(clap::Args)]
struct FreqArgs {
    /// Clean with these corpus counts (from `pith stats`) instead of counting the input.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
    /// Switch the corpus line-frequency pass off.
    #[arg(long, conflicts_with = "stats")]
    no_freq: bool,
    /// A line is chrome by frequency when it is in at least this many documents of its source.
    #[arg(long, value_name = "N", default_value_t = pith::frequency::FrequencyPolicy::default().min_docs)]
    min_docs: u32,
    /// Memory for documents kept between the corpus pass and the cleaning
    /// pass, in MB [default: 1024]; past it, or when the input files are
    /// larger as stored, the inputs are read again.
    #[arg(long, value_name = "MB")]
    keep_mb: Option<usize>,
}

#[derive(clap::Args)]
struct GateArgs {
    /// The floors file.
    #[arg(long, default_value = "tests/quality-floors.toml")]
    floors: PathBuf,
    /// The folder with the dev sets.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Dataset files: JSONL (optionally gzipped) with a `gold` body and/or
    /// `with`/`without` snippet lists.
    #[arg(required = true)]
    datasets: Vec<PathBuf>,
    /// Clean the text field (text) or the HTML field (html).
    #[arg(long, value_enum, default_value = "text")]
    mode: ModeArg,
    /// Write one JSON document with the figures.
    #[arg(long)]
    json: bool,
    /// List the N lowest-F1 pages.
    #[arg(long, value_name = "N", default_value_t = 0)]
    worst: usize,
    /// Also print the figures per value of this record field (e.g. `site`);
    /// `language` falls back to the language pith identified.
    #[arg(long, value_name = "FIELD")]
    by: Option<String>,
    /// Score this prediction file ({"id","text"} lines) instead of cleaning.
    #[arg(long, value_name = "FILE")]
    pred: Option<PathBuf>,
    /// Extra rules file(s).
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Switch the corpus line-frequency pass off.
    #[arg(long)]
    no_freq: bool,
    /// Score the headline (the JSON `title`) with the body, for gold bodies
    /// that include the headline.
    #[arg(long)]
    with_title: bool,
    /// Worker threads [default: all cores].
    #[arg(short, long)]
    jobs: Option<usize>,
    #[command(flatten)]
    fields: FieldArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Auto,
    Text,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Jsonl,
}

#[derive(clap::Args)]
struct CleanArgs {
    /// Files, folders (walked recursively, sorted) or `-` for standard input.
    inputs: Vec<PathBuf>,
    /// How to read inputs: by extension and content, or forced.
    #[arg(long, value_enum, default_value = "auto")]
    mode: ModeArg,
    #[command(flatten)]
    layout: InputFormatArgs,
    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    quiet: bool,
    /// Output directory (text) or file (JSONL); standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format [default: jsonl for JSONL input, else text].
    #[arg(long, value_enum)]
    output_format: Option<FormatArg>,
    /// Print every block with its verdict and the rule that decided it.
    #[arg(long)]
    explain: bool,
    /// Extra rules file(s), in the format of the built-in rules.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Stop at the first bad record instead of reporting it and going on.
    #[arg(long)]
    fail_fast: bool,
    /// Worker threads [default: all cores].
    #[arg(short, long)]
    jobs: Option<usize>,
    /// How text-folder output files are named; two inputs given the same
    /// name are refused.
    #[arg(long, value_enum, default_value = "mirror")]
    name_by: NameByArg,
    #[command(flatten)]
    fields: FieldArgs,
    #[command(flatten)]
    freq: FreqArgs,
    #[command(flatten)]
    warc: WarcArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(clap::Args)]
struct FieldArgs {
    /// JSONL field with the text dump (and, in output, the clean body).
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL field with the raw HTML.
    #[arg(long, default_value = "html")]
    html_field: String,
    /// JSONL field with the record id [default: the line number when absent].
    #[arg(long, default_value = "id")]
    id_field: String,
    /// JSONL field with the page URL.
    #[arg(long, default_value = "url")]
    url_field: String,
    /// JSONL field naming the publisher (the source key for line frequency).
    #[arg(long)]
    source_field: Option<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The corpus folder.
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// The golden folder, mirroring the corpus.
    #[arg(long, default_value = "golden")]
    golden: PathBuf,
    /// Write the outputs as the new golden files (for your own corpus).
    #[arg(long)]
    bless: bool,
    /// Extra rules file(s).
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Mode {
        match mode {
            ModeArg::Auto => Mode::Auto,
            ModeArg::Text => Mode::Text,
            ModeArg::Html => Mode::Html,
        }
    }
}

impl From<InputFormatArgs> for InputFormat {
    fn from(args: InputFormatArgs) -> InputFormat {
        match args.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Warc => InputFormat::Warc,
        }
    }
}

impl From<FieldArgs> for FieldNames {
    fn from(f: FieldArgs) -> FieldNames {
        FieldNames {
            text: f.text_field,
            html: f.html_field,
            id: f.id_field,
            url: f.url_field,
            source: f.source_field,
        }
    }
}

fn set_threads(jobs: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()?;
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<pith::app::Status> {
    match cli.command {
        Command::Clean(args) => {
            set_threads(args.jobs)?;
            clean::run(&clean::CleanConfig {
                inputs: args.inputs,
                mode: args.mode.into(),
                input_format: args.layout.into(),
                fields: args.fields.into(),
                output: args.output,
                format: args.output_format.map(|f| match f {
                    FormatArg::Text => Format::Text,
                    FormatArg::Jsonl => Format::Jsonl,
                }),
                explain: args.explain,
                rules: args.rules,
                fail_fast: args.fail_fast,
                stats: args.freq.stats,
                no_freq: args.freq.no_freq,
                policy: pith::frequency::FrequencyPolicy {
                    min_docs: args.freq.min_docs.max(1),
                    ..Default::default()
                },
                keep_bytes: args.freq.keep_mb.map(|mb| mb.saturating_mul(1 << 20)),
                quiet: args.quiet,
                all_status: args.warc.all_status,
                max_record_bytes: Some(args.limits.max_record_bytes),
                name_by: match args.name_by {
                    NameByArg::Mirror => NameBy::Mirror,
                    NameByArg::Path => NameBy::Path,
                },
            })
        }
        Command::Eval(args) => {
            set_threads(args.jobs)?;
            eval::run(
                &eval::EvalConfig {
                    datasets: args.datasets,
                    mode: args.mode.into(),
                    fields: args.fields.into(),
                    pred: args.pred,
                    rules: args.rules,
                    no_freq: args.no_freq,
                    with_title: args.with_title,
                    by: args.by,
                },
                args.json,
                args.worst,
            )
        }
        Command::Stats(args) => {
            set_threads(args.jobs)?;
            stats::run(&stats::StatsConfig {
                inputs: args.inputs,
                merge: args.merge,
                output: args.output,
                mode: args.mode.into(),
                input_format: args.layout.into(),
                fields: args.fields.into(),
                all_status: args.warc.all_status,
                max_record_bytes: Some(args.limits.max_record_bytes),
            })
        }
        Command::Bench(args) => {
            set_threads(args.jobs)?;
            bench::run(&bench::BenchConfig {
                dataset: args.dataset,
                mode: args.mode.into(),
                fields: args.fields.into(),
                rounds: args.rounds,
            })
        }
        Command::Gate(args) => gate::run(&gate::GateConfig {
            floors: args.floors,
            data: args.data,
            // CI must have the dev data; a user's own clone may not.
            require_data: std::env::var("CI").is_ok_and(|v| v == "true"),
        }),
        Command::Check(args) => check::run(&check::CheckConfig {
            corpus: args.corpus,
            golden: args.golden,
            bless: args.bless,
            rules: args.rules,
        }),
    }
}

/// Whether an error is a write to a pipe whose reader has closed it.
fn closed_output(error: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    error.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(|e| e.kind());
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io == broken || json == broken
    })
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(status) => ExitCode::from(status.code() as u8),
        // The reader of the output went away (`pith clean | head`): as other
        // command-line tools do, stop quietly.
        Err(error) if closed_output(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
