//! Documents as read from the inputs: a whole file, one JSONL record, or
//! one WARC page.

use serde_json::{Map, Value};

use super::{Mode, WarcPage};

/// The JSONL field names pith reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    /// The text dump (and, in output, the clean body). Default `text`.
    pub text: String,
    /// The raw HTML. Default `html`.
    pub html: String,
    /// The record's id. Default `id`; the 1-based line number when absent.
    pub id: String,
    /// The page URL. Default `url`.
    pub url: String,
    /// The publisher key, when the user names one.
    pub source: Option<String>,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            text: "text".into(),
            html: "html".into(),
            id: "id".into(),
            url: "url".into(),
            source: None,
        }
    }
}

/// What a document holds to be cleaned.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A text dump.
    Text(String),
    /// An HTML page as bytes of unknown encoding (a file).
    HtmlBytes(Vec<u8>),
    /// An HTML page already decoded (a JSONL string).
    Html(String),
    /// An HTML page as bytes whose HTTP `Content-Type` declared a charset
    /// (a WARC response): the declaration comes before the page's own.
    HtmlDeclared {
        /// The page.
        bytes: Vec<u8>,
        /// The declared charset label, such as `windows-1251`.
        charset: String,
    },
}

impl Payload {
    /// Size of the page or dump in bytes.
    pub fn len(&self) -> usize {
        match self {
            Payload::Text(t) | Payload::Html(t) => t.len(),
            Payload::HtmlBytes(b) | Payload::HtmlDeclared { bytes: b, .. } => b.len(),
        }
    }

    /// Whether the page or dump is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One document to clean.
#[derive(Debug, Clone, PartialEq)]
pub struct InputDoc {
    /// The 1-based JSONL line, or the 1-based number of a WARC page among
    /// the file's pages, for records; `None` for a whole file.
    pub line: Option<usize>,
    /// The record's id (JSONL), else empty.
    pub id: String,
    /// The page URL, when the record names one.
    pub url: Option<String>,
    /// The publisher key, when `--source-field` names one and the record has it.
    pub source: Option<String>,
    /// What to clean.
    pub payload: Payload,
    /// The JSONL record, kept for output: every field but the HTML one
    /// (which output never writes back).
    pub record: Option<Map<String, Value>>,
    /// Size of the payload in bytes (kept after the payload is released).
    pub bytes: usize,
}

impl InputDoc {
    /// Bytes this document holds on the heap, roughly but at full size: its
    /// payload, names and every field of its record.
    ///
    /// ```
    /// use pith::input::{parse_record, FieldNames, Mode};
    /// let note = "n".repeat(50_000);
    /// let line = format!(r#"{{"id": 1, "text": "Body.", "note": "{note}"}}"#);
    /// let doc = parse_record(&line, 1, &FieldNames::default(), Mode::Auto).unwrap();
    /// assert!(doc.heap_bytes() > 50_000);
    /// ```
    pub fn heap_bytes(&self) -> usize {
        let optional = |s: &Option<String>| s.as_ref().map_or(0, String::capacity);
        self.id.capacity()
            + optional(&self.url)
            + optional(&self.source)
            + self.payload.heap_bytes()
            + self.record.as_ref().map_or(0, map_heap_bytes)
    }
}

impl InputDoc {
    /// The document of a WARC page, `number` (1-based) among its file's
    /// pages. Its record, kept for output, holds the page's `id`
    /// (`WARC-Record-ID`), `url` (`WARC-Target-URI`), `date` (`WARC-Date`)
    /// and `http_status`, those it has.
    ///
    /// ```
    /// use pith::input::{InputDoc, WarcOffset, WarcPage};
    /// let page = WarcPage {
    ///     offset: WarcOffset::Byte(0),
    ///     id: Some("<urn:uuid:1>".into()),
    ///     url: Some("https://news.example/a".into()),
    ///     date: Some("2024-05-01T10:00:00Z".into()),
    ///     http_status: Some(200),
    ///     html: b"<p>Hi</p>".to_vec(),
    ///     charset: None,
    ///     warning: None,
    /// };
    /// let doc = InputDoc::from_warc(page, 1);
    /// let record = serde_json::Value::Object(doc.record.unwrap());
    /// assert_eq!(record.to_string(), r#"{"id":"<urn:uuid:1>","url":"https://news.example/a","date":"2024-05-01T10:00:00Z","http_status":200}"#);
    /// ```
    pub fn from_warc(page: WarcPage, number: usize) -> InputDoc {
        let mut record = Map::new();
        let fields = [("id", &page.id), ("url", &page.url), ("date", &page.date)];
        for (name, value) in fields {
            if let Some(value) = value {
                record.insert(name.into(), Value::String(value.clone()));
            }
        }
        if let Some(status) = page.http_status {
            record.insert("http_status".into(), Value::from(status));
        }
        let payload = match page.charset {
            Some(charset) => Payload::HtmlDeclared {
                bytes: page.html,
                charset,
            },
            None => Payload::HtmlBytes(page.html),
        };
        InputDoc {
            bytes: payload.len(),
            line: Some(number),
            id: page.id.unwrap_or_default(),
            url: page.url,
            source: None,
            payload,
            record: Some(record),
        }
    }
}

impl Payload {
    /// Bytes the payload holds on the heap.
    fn heap_bytes(&self) -> usize {
        match self {
            Payload::Text(t) | Payload::Html(t) => t.capacity(),
            Payload::HtmlBytes(b) => b.capacity(),
            Payload::HtmlDeclared { bytes, charset } => bytes.capacity() + charset.capacity(),
        }
    }
}

/// Heap bytes of a JSON object: keys, values, and the map's own table.
fn map_heap_bytes(map: &Map<String, Value>) -> usize {
    // Each entry: its key and value in the entry vector, a hash and an index.
    const ENTRY: usize = std::mem::size_of::<(String, Value)>() + 2 * std::mem::size_of::<usize>();
    map.iter()
        .map(|(key, value)| ENTRY + key.capacity() + value_heap_bytes(value))
        .sum()
}

/// Heap bytes of a JSON value (not counting the value itself).
fn value_heap_bytes(value: &Value) -> usize {
    match value {
        Value::String(s) => s.capacity(),
        Value::Array(items) => items
            .iter()
            .map(|v| std::mem::size_of::<Value>() + value_heap_bytes(v))
            .sum(),
        Value::Object(map) => map_heap_bytes(map),
        Value::Null | Value::Bool(_) | Value::Number(_) => 0,
    }
}

/// Parses one JSONL line into a document. `line` is 1-based.
///
/// ```
/// use pith::input::{parse_record, FieldNames, Mode, Payload};
/// let doc = parse_record(r#"{"id": 7, "text": "Body."}"#, 3, &FieldNames::default(), Mode::Auto).unwrap();
/// assert_eq!(doc.id, "7");
/// assert_eq!(doc.payload, Payload::Text("Body.".into()));
/// let err = parse_record("{oops", 4, &FieldNames::default(), Mode::Auto).unwrap_err();
/// assert!(err.starts_with("invalid JSON"));
/// // A byte-order mark before the record is not part of it.
/// assert!(parse_record("\u{feff}{\"text\": \"x\"}", 1, &FieldNames::default(), Mode::Auto).is_ok());
/// ```
///
/// A lone surrogate escape (`\ud800`) is read as U+FFFD, without a word:
/// [`parse_record_with_warning`] says so.
pub fn parse_record(
    line: &str,
    line_no: usize,
    fields: &FieldNames,
    mode: Mode,
) -> Result<InputDoc, String> {
    parse_record_with_warning(line, line_no, fields, mode).map(|(doc, _)| doc)
}

/// [`parse_record`], with a warning when the record had to be repaired to be
/// read: a string escape of a lone UTF-16 surrogate (`"\ud800"`, which JSON
/// allows and no Unicode text holds) is read as U+FFFD, instead of the
/// whole record being refused. An error names the column in the line.
///
/// ```
/// use pith::input::{parse_record_with_warning, FieldNames, Mode, Payload};
/// let fields = FieldNames::default();
/// let line = r#"{"text": "a \ud800 b \ud83d\ude00"}"#;
/// let (doc, warning) = parse_record_with_warning(line, 1, &fields, Mode::Auto).unwrap();
/// assert_eq!(doc.payload, Payload::Text("a \u{fffd} b \u{1f600}".into()));
/// assert_eq!(warning.as_deref(), Some(r"a lone surrogate escape (\ud800) decoded as U+FFFD"));
/// let err = parse_record_with_warning("{\"text\": \"cut\n", 2, &fields, Mode::Auto).unwrap_err();
/// assert_eq!(err, "invalid JSON: EOF while parsing a string at column 13");
/// ```
pub fn parse_record_with_warning(
    line: &str,
    line_no: usize,
    fields: &FieldNames,
    mode: Mode,
) -> Result<(InputDoc, Option<String>), String> {
    // A byte-order mark opens the first line of files saved by some editors;
    // the line's end is no part of the record (and would be counted as a
    // second line in the error's position).
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (value, warning) = match serde_json::from_str::<Value>(line) {
        Ok(value) => (value, None),
        Err(first) => match replace_lone_surrogates(line) {
            // Each escape keeps its length: an error is where it was.
            Some((repaired, lone)) => {
                let value = serde_json::from_str::<Value>(&repaired).map_err(json_error)?;
                (value, Some(lone_surrogates_warning(&lone)))
            }
            None => return Err(json_error(first)),
        },
    };
    parse_value(value, line_no, fields, mode).map(|doc| (doc, warning))
}

/// The message of a JSON error, its place given as the column alone: a
/// record is one line.
fn json_error(error: serde_json::Error) -> String {
    let message = error.to_string();
    let place = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&place) {
        Some(what) if error.line() == 1 => {
            format!("invalid JSON: {what} at column {}", error.column())
        }
        _ => format!("invalid JSON: {message}"),
    }
}

/// `line` with every `\u` escape of a lone surrogate replaced by `\ufffd`
/// (the same length), and the escapes replaced; `None` when there are none.
fn replace_lone_surrogates(line: &str) -> Option<(String, Vec<String>)> {
    let bytes = line.as_bytes();
    let hex = |at: usize| -> Option<u16> {
        let digits = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
        u16::from_str_radix(digits, 16).ok()
    };
    let high = |unit: u16| (0xd800..0xdc00).contains(&unit);
    let low = |unit: u16| (0xdc00..0xe000).contains(&unit);
    let mut lone = Vec::new();
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'\\', bytes.get(i..).unwrap_or_default()) {
        let at = i + found;
        // Any other escape, `\\` among them, is two bytes.
        i = at + 2;
        if bytes.get(at + 1) != Some(&b'u') {
            continue;
        }
        let Some(unit) = hex(at + 2) else { continue };
        i = at + 6;
        let paired = high(unit)
            && bytes.get(at + 6..at + 8) == Some(b"\\u".as_slice())
            && hex(at + 8).is_some_and(low);
        if paired {
            i = at + 12;
        } else if high(unit) || low(unit) {
            lone.push(at);
        }
    }
    if lone.is_empty() {
        return None;
    }
    let mut repaired = bytes.to_vec();
    let mut escapes = Vec::with_capacity(lone.len());
    for &at in &lone {
        escapes.push(line.get(at..at + 6)?.to_ascii_lowercase());
        repaired.get_mut(at..at + 6)?.copy_from_slice(b"\\ufffd");
    }
    Some((String::from_utf8(repaired).ok()?, escapes))
}

/// The warning for lone surrogate escapes read as U+FFFD.
fn lone_surrogates_warning(escapes: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut shown = escapes[..escapes.len().min(SHOWN)].join(", ");
    if escapes.len() > SHOWN {
        shown.push_str(", ...");
    }
    match escapes.len() {
        1 => format!("a lone surrogate escape ({shown}) decoded as U+FFFD"),
        n => format!("{n} lone surrogate escapes ({shown}) decoded as U+FFFD"),
    }
}

/// A parsed JSON value to a document.
fn parse_value(
    value: Value,
    line_no: usize,
    fields: &FieldNames,
    mode: Mode,
) -> Result<InputDoc, String> {
    let Value::Object(mut record) = value else {
        return Err("a JSONL record must be a JSON object".into());
    };
    let string = |name: &str| -> Option<String> {
        match record.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    let has_html = holds_string(&record, &fields.html)?;
    let has_text = holds_string(&record, &fields.text)?;
    let id = string(&fields.id).unwrap_or_else(|| line_no.to_string());
    let url = string(&fields.url).filter(|u| !u.is_empty());
    let source = fields.source.as_deref().and_then(string);
    let payload = match (mode, has_html, has_text) {
        (Mode::Html | Mode::Auto, true, _) => None,
        (Mode::Text | Mode::Auto, _, true) => string(&fields.text).map(Payload::Text),
        (Mode::Html, false, _) => return Err(format!("no `{}` field", fields.html)),
        (_, _, false) => {
            return Err(format!(
                "no `{}` field (and no `{}` field)",
                fields.text, fields.html
            ))
        }
    };
    // The page is moved out of the record, not copied: output never writes
    // it back, and a kept record then holds no second copy of it.
    let html = record.remove(&fields.html);
    let payload = match (payload, html) {
        (Some(payload), _) => payload,
        (None, Some(Value::String(html))) => Payload::Html(html),
        (None, _) => return Err(format!("no `{}` field", fields.html)),
    };
    Ok(InputDoc {
        bytes: payload.len(),
        line: Some(line_no),
        id,
        url,
        source,
        payload,
        record: Some(record),
    })
}

/// Whether the record's `name` field holds a string (`false` when absent or
/// null); an error when it holds anything else.
fn holds_string(record: &Map<String, Value>, name: &str) -> Result<bool, String> {
    match record.get(name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::String(_)) => Ok(true),
        Some(_) => Err(format!("field `{name}` is not a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> FieldNames {
        FieldNames::default()
    }

    #[test]
    fn html_field_wins_in_auto_mode_text_field_in_text_mode() {
        let line = r#"{"html": "<p>x</p>", "text": "x"}"#;
        let auto = parse_record(line, 1, &fields(), Mode::Auto).unwrap();
        assert!(matches!(auto.payload, Payload::Html(_)));
        let text = parse_record(line, 1, &fields(), Mode::Text).unwrap();
        assert!(matches!(text.payload, Payload::Text(_)));
    }

    #[test]
    fn id_defaults_to_line_number() {
        let doc = parse_record(r#"{"text": "x"}"#, 12, &fields(), Mode::Auto).unwrap();
        assert_eq!(doc.id, "12");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = |line: &str| parse_record(line, 1, &fields(), Mode::Text).unwrap_err();
        assert_eq!(e("[1, 2]"), "a JSONL record must be a JSON object");
        assert_eq!(e(r#"{"id": 1}"#), "no `text` field (and no `html` field)");
        assert_eq!(e(r#"{"text": 5}"#), "field `text` is not a string");
    }

    #[test]
    fn the_page_leaves_the_record_and_every_other_field_stays() {
        let line = r#"{"id": "a", "html": "<p>x</p>", "text": "x", "site": "s"}"#;
        for mode in [Mode::Auto, Mode::Text] {
            let doc = parse_record(line, 1, &fields(), mode).unwrap();
            let record = doc.record.unwrap();
            let mut keys: Vec<&str> = record.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["id", "site", "text"]);
        }
    }

    #[test]
    fn heap_bytes_count_every_field_of_the_record() {
        let big = "w".repeat(200_000);
        let small = parse_record(r#"{"text": "x"}"#, 1, &fields(), Mode::Text).unwrap();
        let line = format!(r#"{{"text": "x", "extra": ["{big}", {{"deep": "{big}"}}]}}"#);
        let large = parse_record(&line, 1, &fields(), Mode::Text).unwrap();
        assert!(small.heap_bytes() < 1_000, "{}", small.heap_bytes());
        assert!(large.heap_bytes() >= 400_000, "{}", large.heap_bytes());
    }

    #[test]
    fn lone_surrogate_escapes_are_read_as_replacement_characters() {
        let read = |line: &str| {
            let (doc, warning) = parse_record_with_warning(line, 1, &fields(), Mode::Text).unwrap();
            (doc.payload, warning)
        };
        let text = |s: &str| Payload::Text(s.into());
        // A lone high surrogate, a lone low one, a high one followed by an
        // escape that is no low surrogate.
        assert_eq!(
            read(r#"{"text": "\uD800 \udc00 \ud800\u0041"}"#),
            (
                text("\u{fffd} \u{fffd} \u{fffd}A"),
                Some(r"3 lone surrogate escapes (\ud800, \udc00, \ud800) decoded as U+FFFD".into())
            )
        );
        // Pairs and escaped backslashes are left alone.
        assert_eq!(
            read(r#"{"text": "\ud83d\ude00 \\ud800"}"#),
            (text("\u{1f600} \\ud800"), None)
        );
        // At the very end of a string, and in a key.
        assert_eq!(
            read(r#"{"text": "x\ud800", "\udfff": 1}"#).0,
            text("x\u{fffd}")
        );
        let many = format!(r#"{{"text": "{}"}}"#, r"\ud800".repeat(5));
        assert!(read(&many)
            .1
            .unwrap()
            .ends_with(r"\ud800, ...) decoded as U+FFFD"));
    }

    #[test]
    fn a_record_with_a_lone_surrogate_and_another_fault_is_refused_at_the_fault() {
        let err =
            parse_record(r#"{"text": "\ud800", oops}"#, 1, &fields(), Mode::Text).unwrap_err();
        assert_eq!(err, "invalid JSON: key must be a string at column 20");
        // An escape cut short is an error, not a repair.
        let err = parse_record(r#"{"text": "\ud8"}"#, 1, &fields(), Mode::Text).unwrap_err();
        assert!(err.starts_with("invalid JSON: invalid escape"), "{err}");
    }

    #[test]
    fn errors_point_at_the_column_of_the_line() {
        let err = |line: &str| parse_record(line, 9, &fields(), Mode::Text).unwrap_err();
        assert_eq!(
            err("{\"text\": \"unterminated\n"),
            "invalid JSON: EOF while parsing a string at column 22"
        );
        assert_eq!(
            err("{\"text\": \"unterminated\r\n"),
            "invalid JSON: EOF while parsing a string at column 22"
        );
        assert_eq!(
            err("{\"text\": 1,}\n"),
            "invalid JSON: trailing comma at column 12"
        );
        assert_eq!(
            err(""),
            "invalid JSON: EOF while parsing a value at column 0"
        );
    }

    #[test]
    fn source_field_is_read_when_named() {
        let mut f = fields();
        f.source = Some("site".into());
        let doc = parse_record(r#"{"text": "x", "site": "cnn.com"}"#, 1, &f, Mode::Auto).unwrap();
        assert_eq!(doc.source.as_deref(), Some("cnn.com"));
    }
}
