//! Turning command-line inputs into a sorted list of files, and reading them.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One file to read (or standard input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Where to read it; `None` is standard input.
    pub path: Option<PathBuf>,
    /// The path relative to the input it was found under (a directory input's
    /// files keep their sub-folders; a file input is its file name). Output
    /// directories mirror this path.
    pub relative: PathBuf,
}

impl InputFile {
    /// The name used in messages and output headers.
    pub fn display(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }

    /// Whether the file holds one document per line (`.jsonl`, `.jsonl.gz`,
    /// `.ndjson`).
    pub fn is_jsonl(&self) -> bool {
        let name = self.relative.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        name.ends_with(".jsonl") || name.ends_with(".ndjson")
    }

    /// Whether the file's name says WARC (`.warc`, `.warc.gz`).
    pub fn is_warc(&self) -> bool {
        let name = self.relative.to_string_lossy().to_ascii_lowercase();
        name.ends_with(".warc") || name.ends_with(".warc.gz")
    }
}

/// An input that could not be listed or read.
#[derive(Debug)]
pub struct InputError {
    /// The path as given or found.
    pub path: String,
    /// What went wrong.
    pub error: io::Error,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.error)
    }
}

impl std::error::Error for InputError {}

/// Expands command-line inputs into files: a file is itself, a directory is
/// every file below it (recursively, in sorted path order, hidden entries
/// skipped), `-` is standard input. No inputs means standard input.
///
/// Paths that cannot be listed are returned as errors beside the files that
/// can, so one bad path does not stop the others.
pub fn discover(inputs: &[PathBuf]) -> (Vec<InputFile>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if inputs.is_empty() {
        files.push(stdin_file());
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            files.push(stdin_file());
            continue;
        }
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk(input, input, &mut files, &mut errors),
            Ok(_) => files.push(InputFile {
                path: Some(input.clone()),
                relative: input
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| input.clone()),
            }),
            Err(error) => errors.push(InputError {
                path: input.display().to_string(),
                error,
            }),
        }
    }
    (files, errors)
}

fn stdin_file() -> InputFile {
    InputFile {
        path: None,
        relative: PathBuf::from("stdin"),
    }
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<InputFile>, errors: &mut Vec<InputError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(InputError {
                path: dir.display().to_string(),
                error,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) if !entry.file_name().to_string_lossy().starts_with('.') => {
                paths.push(entry.path())
            }
            Ok(_) => {}
            Err(error) => errors.push(InputError {
                path: dir.display().to_string(),
                error,
            }),
        }
    }
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(root, &path, files, errors);
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            files.push(InputFile {
                path: Some(path),
                relative,
            });
        }
    }
}

/// Decodes UTF-8, replacing invalid sequences; the flag says whether any were.
///
/// ```
/// let (text, lossy) = pith::input::decode_utf8_lossy(b"caf\xe9".to_vec());
/// assert_eq!((text.as_str(), lossy), ("caf\u{fffd}", true));
/// ```
pub fn decode_utf8_lossy(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => (String::from_utf8_lossy(err.as_bytes()).into_owned(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_names() {
        let file = |name: &str| InputFile {
            path: None,
            relative: PathBuf::from(name),
        };
        assert!(file("a.jsonl").is_jsonl());
        assert!(file("a.JSONL.gz").is_jsonl());
        assert!(!file("a.txt").is_jsonl());
        assert!(!file("a.json").is_jsonl());
        assert!(file("CC-NEWS-1.warc.gz").is_warc());
        assert!(file("b.WARC").is_warc());
        assert!(!file("b.warc.txt").is_warc());
    }

    #[test]
    fn missing_paths_are_errors_not_panics() {
        let (files, errors) = discover(&[PathBuf::from("/no/such/path")]);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().starts_with("/no/such/path: "));
    }
}
