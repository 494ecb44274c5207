//! Documents as read from the inputs: a whole file, or one JSONL record.

use serde_json::{Map, Value};

use super::Mode;

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
}

impl Payload {
    /// Size of the page or dump in bytes.
    pub fn len(&self) -> usize {
        match self {
            Payload::Text(t) | Payload::Html(t) => t.len(),
            Payload::HtmlBytes(b) => b.len(),
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
    /// The 1-based JSONL line, for records.
    pub line: Option<usize>,
    /// The record's id (JSONL), else empty.
    pub id: String,
    /// The page URL, when the record names one.
    pub url: Option<String>,
    /// The publisher key, when `--source-field` names one and the record has it.
    pub source: Option<String>,
    /// What to clean.
    pub payload: Payload,
    /// The whole JSONL record, kept for output.
    pub record: Option<Map<String, Value>>,
    /// Size of the payload in bytes (kept after the payload is released).
    pub bytes: usize,
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
/// ```
pub fn parse_record(
    line: &str,
    line_no: usize,
    fields: &FieldNames,
    mode: Mode,
) -> Result<InputDoc, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(record) = value else {
        return Err("a JSONL record must be a JSON object".into());
    };
    let string = |name: &str| -> Option<String> {
        match record.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    let text_string = |name: &str| -> Result<Option<String>, String> {
        match record.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("field `{name}` is not a string")),
        }
    };
    let html = text_string(&fields.html)?;
    let text = text_string(&fields.text)?;
    let payload = match (mode, html, text) {
        (Mode::Html | Mode::Auto, Some(html), _) => Payload::Html(html),
        (Mode::Text | Mode::Auto, _, Some(text)) => Payload::Text(text),
        (Mode::Html, None, _) => return Err(format!("no `{}` field", fields.html)),
        (_, _, None) => {
            return Err(format!(
                "no `{}` field (and no `{}` field)",
                fields.text, fields.html
            ))
        }
    };
    Ok(InputDoc {
        bytes: payload.len(),
        line: Some(line_no),
        id: string(&fields.id).unwrap_or_else(|| line_no.to_string()),
        url: string(&fields.url).filter(|u| !u.is_empty()),
        source: fields.source.as_deref().and_then(string),
        payload,
        record: Some(record),
    })
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
    fn source_field_is_read_when_named() {
        let mut f = fields();
        f.source = Some("site".into());
        let doc = parse_record(r#"{"text": "x", "site": "cnn.com"}"#, 1, &f, Mode::Auto).unwrap();
        assert_eq!(doc.source.as_deref(), Some("cnn.com"));
    }
}
