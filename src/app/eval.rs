//! `pith eval`: clean labelled datasets and score them against their gold.

use std::collections::HashMap;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::{json, Map, Value};

use super::clean::{clean_all, CleanConfig};
use super::units::{for_each_batch, Unit};
use super::Status;
use crate::eval::{score_page, summarize, PageCounts, SnippetCounts, Summary};
use crate::input::{self, FieldNames, Mode};
use crate::Cleaner;

/// Everything `pith eval` needs to know.
#[derive(Debug, Clone, Default)]
pub struct EvalConfig {
    /// Dataset files (JSONL, optionally gzipped) with a `gold` field.
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
}

/// One scored page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    pub id: String,
    pub counts: PageCounts,
}

/// The evaluation of one dataset file.
#[derive(Debug, Clone, Default)]
pub struct DatasetReport {
    /// The file as named.
    pub name: String,
    pub summary: Summary,
    pub pages: Vec<PageScore>,
    pub snippets: SnippetCounts,
    /// Records without `gold` (reported, left out of the means).
    pub without_gold: Vec<String>,
    /// Records that could not be read or cleaned.
    pub errors: Vec<String>,
    /// Seconds spent cleaning (reading and parsing records included).
    pub seconds: f64,
    /// Bytes of input cleaned (the text or HTML field).
    pub bytes: u64,
}

impl DatasetReport {
    /// Pages cleaned per second.
    pub fn pages_per_second(&self) -> f64 {
        rate(
            self.pages.len() as f64 + self.without_gold.len() as f64,
            self.seconds,
        )
    }

    /// Megabytes (10^6) of input cleaned per second.
    pub fn mb_per_second(&self) -> f64 {
        rate(self.bytes as f64 / 1e6, self.seconds)
    }

    /// The report as JSON (keys `f1`, `precision`, `recall`, ...).
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "file": self.name,
            "pages": self.summary.pages,
            "precision": round3(self.summary.precision),
            "recall": round3(self.summary.recall),
            "f1": round3(self.summary.f1),
            "pages_per_second": (self.pages_per_second() * 10.0).round() / 10.0,
            "mb_per_second": (self.mb_per_second() * 100.0).round() / 100.0,
            "without_gold": self.without_gold,
            "errors": self.errors,
        });
        if self.snippets.with_total + self.snippets.without_total > 0 {
            v["with_found"] = json!(share(self.snippets.with_found, self.snippets.with_total));
            v["without_present"] = json!(share(
                self.snippets.without_present,
                self.snippets.without_total
            ));
        }
        v
    }

    /// The report as text lines.
    pub fn to_text(&self, worst: usize) -> String {
        let s = &self.summary;
        let mut out = format!(
            "{}  pages {}  P {:.3}  R {:.3}  F1 {:.3}",
            self.name, s.pages, s.precision, s.recall, s.f1
        );
        if self.seconds > 0.0 {
            out.push_str(&format!(
                "  {:.1} pages/s  {:.2} MB/s",
                self.pages_per_second(),
                self.mb_per_second()
            ));
        }
        out.push('\n');
        let sn = &self.snippets;
        if sn.with_total + sn.without_total > 0 {
            out.push_str(&format!(
                "  snippets: with found {:.3} ({}/{})  without present {:.3} ({}/{})\n",
                share(sn.with_found, sn.with_total),
                sn.with_found,
                sn.with_total,
                share(sn.without_present, sn.without_total),
                sn.without_present,
                sn.without_total
            ));
        }
        for id in &self.without_gold {
            out.push_str(&format!("  no gold: {id}\n"));
        }
        for e in &self.errors {
            out.push_str(&format!("  error: {e}\n"));
        }
        if worst > 0 {
            let mut pages: Vec<&PageScore> = self.pages.iter().collect();
            pages.sort_by(|a, b| {
                a.counts
                    .f1()
                    .total_cmp(&b.counts.f1())
                    .then(a.id.cmp(&b.id))
            });
            for p in pages.into_iter().take(worst) {
                out.push_str(&format!(
                    "  worst: {}  F1 {:.3}  P {:.3}  R {:.3}\n",
                    p.id,
                    p.counts.f1(),
                    p.counts.precision(),
                    p.counts.recall()
                ));
            }
        }
        out
    }
}

fn rate(amount: f64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        amount / seconds
    } else {
        0.0
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round3(part as f64 / whole as f64)
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn string_list(record: &Map<String, Value>, key: &str) -> Vec<String> {
    match record.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Evaluates one dataset file by cleaning it.
pub fn evaluate(path: &Path, config: &EvalConfig, cleaner: &Cleaner) -> Result<DatasetReport> {
    let (files, errors) = input::discover(std::slice::from_ref(&path.to_path_buf()));
    if let Some(e) = errors.first() {
        bail!("cannot read dataset {e}");
    }
    let clean = CleanConfig {
        mode: config.mode,
        fields: config.fields.clone(),
        no_freq: config.no_freq,
        ..CleanConfig::default()
    };
    let mut report = DatasetReport {
        name: path.display().to_string(),
        ..DatasetReport::default()
    };
    let mut counts = Vec::new();
    report.seconds = clean_all(&files, &clean, cleaner, |outcome| {
        let done = match outcome.result {
            Ok(done) => done,
            Err(message) => {
                report.errors.push(message);
                return true;
            }
        };
        report.bytes += done.input.bytes as u64;
        let record = done.input.record.unwrap_or_default();
        let Some(gold) = record.get("gold").and_then(Value::as_str) else {
            report.without_gold.push(done.input.id);
            return true;
        };
        let scored = match (&done.cleaned.title, config.with_title) {
            (Some(title), true) => format!("{title}\n{}", done.cleaned.body),
            _ => done.cleaned.body.clone(),
        };
        let page = score_page(gold, &scored);
        report.snippets.add(SnippetCounts::check(
            &scored,
            &string_list(&record, "with"),
            &string_list(&record, "without"),
        ));
        counts.push(page);
        report.pages.push(PageScore {
            id: done.input.id,
            counts: page,
        });
        true
    })?;
    report.summary = summarize(&counts);
    Ok(report)
}

/// Evaluates one dataset file against an existing prediction file.
pub fn evaluate_predictions(
    path: &Path,
    predictions: &HashMap<String, String>,
    fields: &FieldNames,
) -> Result<DatasetReport> {
    let (files, errors) = input::discover(std::slice::from_ref(&path.to_path_buf()));
    if let Some(e) = errors.first() {
        bail!("cannot read dataset {e}");
    }
    let mut report = DatasetReport {
        name: path.display().to_string(),
        ..DatasetReport::default()
    };
    let mut counts = Vec::new();
    for_each_batch(&files, |batch| {
        for unit in batch {
            let Unit::Record { line, text, .. } = unit else {
                if let Unit::Unreadable { error, .. } = unit {
                    report.errors.push(error);
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
            let id = id_of(&record, &fields.id).unwrap_or_else(|| line.to_string());
            let Some(gold) = record.get("gold").and_then(Value::as_str) else {
                report.without_gold.push(id);
                continue;
            };
            let prediction = predictions.get(&id).map(String::as_str).unwrap_or("");
            let page = score_page(gold, prediction);
            report.snippets.add(SnippetCounts::check(
                prediction,
                &string_list(&record, "with"),
                &string_list(&record, "without"),
            ));
            counts.push(page);
            report.pages.push(PageScore { id, counts: page });
        }
    });
    report.summary = summarize(&counts);
    Ok(report)
}

fn id_of(record: &Map<String, Value>, field: &str) -> Option<String> {
    match record.get(field)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Reads a prediction file: one `{"id": ..., "text": ...}` object a line.
pub fn read_predictions(path: &Path, fields: &FieldNames) -> Result<HashMap<String, String>> {
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
        let text = record
            .get(&fields.text)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        map.insert(id, text);
    }
    Ok(map)
}

/// Evaluates every dataset of `config`.
pub fn evaluate_all(config: &EvalConfig) -> Result<Vec<DatasetReport>> {
    let cleaner = Cleaner::new(super::clean::load_rules(&config.rules)?);
    let predictions = match &config.pred {
        Some(path) => Some(read_predictions(path, &config.fields)?),
        None => None,
    };
    config
        .datasets
        .iter()
        .map(|path| match &predictions {
            Some(p) => evaluate_predictions(path, p, &config.fields),
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
