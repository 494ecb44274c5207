//! `pith eval`: clean labelled datasets and score them against their gold.

use std::collections::HashMap;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::{json, Map, Value};

use super::open_dataset;
use super::Status;
use crate::eval::{group_figures, Figures, Gold, Group, PageScore};
use crate::input::{FieldNames, Mode};
use crate::pipeline::{
    clean_all, for_each_batch, load_rules, oversized_message, Frequency, Pipeline, Settings, Unit,
};
use crate::Cleaner;

/// Everything `pith eval` needs to know.
#[derive(Debug, Clone, Default)]
pub struct EvalConfig {
    /// Dataset files (JSONL, optionally gzipped) with a `gold` body and/or
    /// `with`/`without` snippet lists.
    pub datasets: Vec<PathBuf>,
    /// Text mode reads the text field, HTML mode the HTML field.
    pub mode: Mode,
    /// JSONL field names (the source field feeds line frequency).
    pub fields: FieldNames,
    /// Score this prediction file (`{"id","text"}` lines) instead of cleaning.
    pub pred: Option<PathBuf>,
    /// Extra rules files.
    pub rules: Vec<PathBuf>,
    /// Switch the corpus frequency pass off.
    pub no_freq: bool,
    /// Score the headline (the JSON `title`) with the body, for gold bodies
    /// that include the headline (the Big9 and Chaos sets do).
    pub with_title: bool,
    /// Also report the figures per value of this record field (see
    /// [`group_name`]).
    pub by: Option<String>,
}

/// The `--by` field that falls back to the language of the output.
pub const LANGUAGE_FIELD: &str = "language";

/// The group of a page whose record has no value for the `--by` field.
pub const UNKNOWN_GROUP: &str = "unknown";

/// The group a page falls in under `--by FIELD`: the input record's own
/// value of FIELD (a string as is, other JSON as JSON text). For
/// `language`, a record without one falls back to `identified`: the language
/// pith identified in its output (`Cleaned.language`), or the `language` of
/// the prediction record under `--pred`. The record's own field wins because
/// it is the data set's label, the same for every tool scored on it; pith's
/// identification is what is left when the data set has none. Anything else
/// is `unknown`.
///
/// ```
/// use pith::app::eval::group_name;
/// let record = serde_json::json!({"site": "a.com", "n": 3});
/// let record = record.as_object().unwrap();
/// assert_eq!(group_name(record, "site", None), "a.com");
/// assert_eq!(group_name(record, "n", None), "3");
/// assert_eq!(group_name(record, "language", Some("de")), "de");
/// assert_eq!(group_name(record, "language", None), "unknown");
/// assert_eq!(group_name(record, "kind", Some("de")), "unknown");
/// ```
pub fn group_name(record: &Map<String, Value>, field: &str, identified: Option<&str>) -> String {
    let own = match record.get(field) {
        Some(Value::String(s)) => Some(s.trim().to_string()),
        Some(Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    let fallback = (field == LANGUAGE_FIELD).then_some(identified).flatten();
    own.filter(|s| !s.is_empty())
        .or_else(|| fallback.map(str::to_string))
        .unwrap_or_else(|| UNKNOWN_GROUP.to_string())
}

/// The evaluation of one dataset file.
#[derive(Debug, Clone, Default)]
pub struct DatasetReport {
    /// The file as named.
    pub name: String,
    /// The figures over every scored page.
    pub figures: Figures,
    /// The `--by` field, when grouping.
    pub by: Option<String>,
    /// The figures per group, largest first (empty when not grouping).
    pub groups: Vec<Group>,
    pub pages: Vec<PageScore>,
    /// Records with neither a gold body nor snippets (reported, not scored).
    pub unscored: Vec<String>,
    /// Records that could not be read or cleaned.
    pub errors: Vec<String>,
    /// Seconds spent cleaning (reading and parsing records included).
    pub seconds: f64,
    /// Bytes of input cleaned (the text or HTML field).
    pub bytes: u64,
}

impl DatasetReport {
    fn new(path: &Path, by: Option<&str>) -> DatasetReport {
        DatasetReport {
            name: path.display().to_string(),
            by: by.map(str::to_string),
            ..DatasetReport::default()
        }
    }

    /// Scores one record's prediction, or notes the record as unscored when
    /// it has nothing to score against.
    fn add(&mut self, id: String, group: String, gold: &Gold, prediction: &str) {
        if gold.is_empty() {
            self.unscored.push(id);
        } else {
            self.pages
                .push(PageScore::score(id, group, gold, prediction));
        }
    }

    /// Computes the figures once every page is in.
    fn finish(&mut self) {
        self.figures = Figures::of(&self.pages);
        if self.by.is_some() {
            self.groups = group_figures(&self.pages);
        }
    }

    /// Pages cleaned per second.
    pub fn pages_per_second(&self) -> f64 {
        rate(
            self.pages.len() as f64 + self.unscored.len() as f64,
            self.seconds,
        )
    }

    /// Megabytes (10^6) of input cleaned per second.
    pub fn mb_per_second(&self) -> f64 {
        rate(self.bytes as f64 / 1e6, self.seconds)
    }

    /// The report as JSON: the figures (`pages`, `empty`, `precision`,
    /// `recall`, `f1` where records have gold bodies, `snippets` where they
    /// have snippets), speed, `unscored`, `errors`, and `by` with `groups`
    /// when grouping.
    pub fn to_json(&self) -> Value {
        let mut v = Map::new();
        v.insert("file".into(), json!(self.name));
        v.extend(figures_json(&self.figures));
        v.insert(
            "pages_per_second".into(),
            json!((self.pages_per_second() * 10.0).round() / 10.0),
        );
        v.insert(
            "mb_per_second".into(),
            json!((self.mb_per_second() * 100.0).round() / 100.0),
        );
        v.insert("unscored".into(), json!(self.unscored));
        v.insert("errors".into(), json!(self.errors));
        if let Some(by) = &self.by {
            let groups: Vec<Value> = self
                .groups
                .iter()
                .map(|g| {
                    let mut group = Map::new();
                    group.insert("name".into(), json!(g.name));
                    group.extend(figures_json(&g.figures));
                    Value::Object(group)
                })
                .collect();
            v.insert("by".into(), json!(by));
            v.insert("groups".into(), Value::Array(groups));
        }
        Value::Object(v)
    }

    /// The report as text: the overall line, one line per group, unscored
    /// records, errors, and the `worst` lowest-F1 pages.
    pub fn to_text(&self, worst: usize) -> String {
        let mut out = format!("{}  {}", self.name, figures_text(&self.figures, 0));
        if self.seconds > 0.0 {
            out.push_str(&format!(
                "  {:.1} pages/s  {:.2} MB/s",
                self.pages_per_second(),
                self.mb_per_second()
            ));
        }
        out.push('\n');
        out.push_str(&self.groups_text());
        for id in &self.unscored {
            out.push_str(&format!("  unscored: {id}\n"));
        }
        for e in &self.errors {
            out.push_str(&format!("  error: {e}\n"));
        }
        out.push_str(&self.worst_text(worst));
        out
    }

    /// One line per group, names and page counts aligned.
    fn groups_text(&self) -> String {
        let Some(by) = &self.by else {
            return String::new();
        };
        let name_width = self.groups.iter().map(|g| g.name.chars().count()).max();
        let pages_width = self
            .groups
            .iter()
            .map(|g| g.figures.pages.to_string().len())
            .max()
            .unwrap_or(0);
        self.groups
            .iter()
            .map(|g| {
                format!(
                    "  {by} {:<width$}  {}\n",
                    g.name,
                    figures_text(&g.figures, pages_width),
                    width = name_width.unwrap_or(0)
                )
            })
            .collect()
    }

    /// The `n` lowest-F1 pages, lowest first.
    fn worst_text(&self, n: usize) -> String {
        let mut pages: Vec<&PageScore> = self.pages.iter().collect();
        pages.sort_by(|a, b| a.f1().total_cmp(&b.f1()).then(a.id.cmp(&b.id)));
        pages
            .into_iter()
            .take(n)
            .map(|p| {
                let (label, precision, recall) = match (&p.shingles, &p.snippets) {
                    (Some(c), _) => ("", c.precision(), c.recall()),
                    (None, Some(s)) => ("snippets ", s.precision(), s.recall()),
                    (None, None) => ("", 0.0, 0.0),
                };
                format!(
                    "  worst: {}  {label}F1 {:.3}  P {precision:.3}  R {recall:.3}{}\n",
                    p.id,
                    p.f1(),
                    if p.empty { "  empty" } else { "" }
                )
            })
            .collect()
    }
}

/// The figures as text: `pages N`, the shingle `P R F1` where there is a
/// gold body, `snippets P R F1` where there are snippets, and `empty N`.
/// `pages_width` right-aligns the page count (0: no padding).
fn figures_text(f: &Figures, pages_width: usize) -> String {
    let mut parts = vec![format!("pages {:>pages_width$}", f.pages)];
    if let Some(s) = &f.shingles {
        parts.push(format!(
            "P {:.3}  R {:.3}  F1 {:.3}",
            s.precision, s.recall, s.f1
        ));
    }
    if let Some(s) = &f.snippets {
        parts.push(format!(
            "snippets P {:.3}  R {:.3}  F1 {:.3}",
            s.precision(),
            s.recall(),
            s.f1()
        ));
    }
    parts.push(format!("empty {}", f.empty));
    parts.join("  ")
}

/// The figures as JSON fields, rounded to three decimals.
fn figures_json(f: &Figures) -> Map<String, Value> {
    let mut v = Map::new();
    v.insert("pages".into(), json!(f.pages));
    v.insert("empty".into(), json!(f.empty));
    if let Some(s) = &f.shingles {
        v.insert("precision".into(), json!(round3(s.precision)));
        v.insert("recall".into(), json!(round3(s.recall)));
        v.insert("f1".into(), json!(round3(s.f1)));
    }
    if let Some(s) = &f.snippets {
        v.insert(
            "snippets".into(),
            json!({
                "tp": s.true_positives(),
                "fp": s.false_positives(),
                "fn": s.false_negatives(),
                "precision": round3(s.precision()),
                "recall": round3(s.recall()),
                "f1": round3(s.f1()),
            }),
        );
    }
    v
}

fn rate(amount: f64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        amount / seconds
    } else {
        0.0
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Evaluates one dataset file by cleaning it.
pub fn evaluate(path: &Path, config: &EvalConfig, cleaner: &Cleaner) -> Result<DatasetReport> {
    let (inputs, errors) = open_dataset(path);
    if let Some(e) = errors.first() {
        bail!("cannot read dataset {e}");
    }
    let settings = Settings {
        mode: config.mode,
        fields: config.fields.clone(),
        ..Settings::default()
    };
    let pipeline = Pipeline::new(cleaner.clone(), settings);
    let frequency = match config.no_freq {
        true => Frequency::Off,
        false => Frequency::Count { keep_bytes: None },
    };
    let mut report = DatasetReport::new(path, config.by.as_deref());
    let ran = clean_all(&inputs, &pipeline, frequency, &(), |outcome| {
        let done = match outcome.result {
            Ok(done) => done,
            Err(failed) => {
                report.errors.push(failed.message);
                return true;
            }
        };
        report.bytes += done.input.bytes as u64;
        let record = done.input.record.unwrap_or_default();
        let scored = match (&done.cleaned.title, config.with_title) {
            (Some(title), true) => format!("{title}\n{}", done.cleaned.body),
            _ => done.cleaned.body,
        };
        let group = config
            .by
            .as_deref()
            .map(|by| group_name(&record, by, done.cleaned.language))
            .unwrap_or_default();
        report.add(done.input.id, group, &Gold::of_record(&record), &scored);
        true
    });
    report.seconds = ran.busy;
    report.finish();
    Ok(report)
}

/// Evaluates one dataset file against an existing prediction file. A
/// record without a prediction is scored as an empty output.
pub fn evaluate_predictions(
    path: &Path,
    predictions: &HashMap<String, Prediction>,
    config: &EvalConfig,
) -> Result<DatasetReport> {
    let (inputs, errors) = open_dataset(path);
    if let Some(e) = errors.first() {
        bail!("cannot read dataset {e}");
    }
    let mut report = DatasetReport::new(path, config.by.as_deref());
    for_each_batch(&inputs, |batch| {
        for unit in batch {
            let Unit::Record { line, text, .. } = unit else {
                match unit {
                    Unit::Unreadable { error, .. } => report.errors.push(error),
                    Unit::Oversized { line, bytes, .. } => report.errors.push(oversized_message(
                        &format!("{}:{line}", path.display()),
                        bytes,
                        inputs.max_record_bytes(),
                    )),
                    _ => {}
                }
                continue;
            };
            let record: Map<String, Value> = match serde_json::from_str(&text) {
                Ok(Value::Object(m)) => m,
                _ => {
                    report
                        .errors
                        .push(format!("{}:{line}: not a JSON object", path.display()));
                    continue;
                }
            };
            let id = id_of(&record, &config.fields.id).unwrap_or_else(|| line.to_string());
            let prediction = predictions.get(&id);
            let group = config
                .by
                .as_deref()
                .map(|by| {
                    let identified = prediction.and_then(|p| p.language.as_deref());
                    group_name(&record, by, identified)
                })
                .unwrap_or_default();
            let text = prediction.map(|p| p.text.as_str()).unwrap_or("");
            report.add(id, group, &Gold::of_record(&record), text);
        }
        true
    });
    report.finish();
    Ok(report)
}

fn id_of(record: &Map<String, Value>, field: &str) -> Option<String> {
    match record.get(field)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// One record of a prediction file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prediction {
    /// The predicted body (the text field; empty when absent).
    pub text: String,
    /// The record's `language`, when it has one (pith's own JSONL output
    /// carries the language it identified), for `--by language`.
    pub language: Option<String>,
}

/// Reads a prediction file: one `{"id": ..., "text": ...}` object a line,
/// optionally with `language`.
pub fn read_predictions(path: &Path, fields: &FieldNames) -> Result<HashMap<String, Prediction>> {
    let file = fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut map = HashMap::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Map<String, Value> = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: invalid JSON", path.display(), i + 1))?;
        let id = id_of(&record, &fields.id)
            .with_context(|| format!("{}:{}: no `{}` field", path.display(), i + 1, fields.id))?;
        let text_of = |key: &str| record.get(key).and_then(Value::as_str).map(str::to_string);
        let prediction = Prediction {
            text: text_of(&fields.text).unwrap_or_default(),
            language: text_of(LANGUAGE_FIELD).filter(|l| !l.trim().is_empty()),
        };
        map.insert(id, prediction);
    }
    Ok(map)
}

/// Evaluates every dataset of `config`.
pub fn evaluate_all(config: &EvalConfig) -> Result<Vec<DatasetReport>> {
    let cleaner = Cleaner::new(load_rules(&config.rules)?);
    let predictions = match &config.pred {
        Some(path) => Some(read_predictions(path, &config.fields)?),
        None => None,
    };
    config
        .datasets
        .iter()
        .map(|path| match &predictions {
            Some(p) => evaluate_predictions(path, p, config),
            None => evaluate(path, config, &cleaner),
        })
        .collect()
}

/// Runs `pith eval`, printing text or JSON.
pub fn run(config: &EvalConfig, json_output: bool, worst: usize) -> Result<Status> {
    let reports = evaluate_all(config)?;
    if json_output {
        let files: Vec<Value> = reports.iter().map(DatasetReport::to_json).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({ "files": files }))?
        );
    } else {
        for report in &reports {
            print!("{}", report.to_text(worst));
        }
    }
    Ok(if reports.iter().any(|r| !r.errors.is_empty()) {
        Status::BadRecords
    } else {
        Status::Ok
    })
}
