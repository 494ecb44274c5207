//! Turning command-line inputs into a sorted list of files, and reading them.

use std::collections::HashSet;
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

/// What [`discover`] found: the files, in order; the paths that could not be
/// listed; and what the walk skipped, each with why.
#[derive(Debug, Default)]
pub struct Discovered {
    /// The files to read, in order.
    pub files: Vec<InputFile>,
    /// Paths that could not be listed or do not exist.
    pub errors: Vec<InputError>,
    /// Entries skipped on purpose: a directory met a second time (a symlink
    /// loop), a FIFO, socket or device inside a folder, the run's own output.
    pub warnings: Vec<String>,
}

/// Expands command-line inputs into files: a file is itself, a directory is
/// every file below it (recursively, in sorted path order, hidden entries
/// skipped), `-` is standard input. No inputs means standard input.
///
/// The walk follows a symbolic link to a directory at most once per real
/// directory (device and inode), so a link loop ends with a warning; it skips
/// FIFOs, sockets and devices (they may never end) and the entry `exclude`
/// names (the run's output, file or folder), each with a warning. A path
/// named on the command line is taken whatever it is.
///
/// Paths that cannot be listed are returned as errors beside the files that
/// can, so one bad path does not stop the others.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.txt"), "A").unwrap();
/// std::fs::write(dir.path().join("out.jsonl"), "{}").unwrap();
/// let out = dir.path().join("out.jsonl");
/// let found = pith::input::discover(&[dir.path().to_path_buf()], Some(&out));
/// assert_eq!(found.files.len(), 1);
/// assert!(found.warnings[0].contains("out.jsonl"));
/// ```
pub fn discover(inputs: &[PathBuf], exclude: Option<&Path>) -> Discovered {
    let mut walk = Walk {
        found: Discovered::default(),
        visited: HashSet::new(),
        exclude: exclude
            .and_then(|p| fs::metadata(p).ok())
            .and_then(|m| identity(&m)),
    };
    if inputs.is_empty() {
        walk.found.files.push(stdin_file());
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            walk.found.files.push(stdin_file());
            continue;
        }
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk.directory(input, input, &meta),
            Ok(_) => walk.found.files.push(InputFile {
                path: Some(input.clone()),
                relative: input
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| input.clone()),
            }),
            Err(error) => walk.found.errors.push(InputError {
                path: input.display().to_string(),
                error,
            }),
        }
    }
    walk.found
}

fn stdin_file() -> InputFile {
    InputFile {
        path: None,
        relative: PathBuf::from("stdin"),
    }
}

/// A file's identity: its device and inode (`None` where the platform has
/// no such thing).
pub(crate) fn identity(meta: &fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// What a file that is neither a regular file nor a directory is, in words.
fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// The state of one [`discover`] call.
struct Walk {
    found: Discovered,
    /// The directories walked so far.
    visited: HashSet<(u64, u64)>,
    /// The run's output, never read.
    exclude: Option<(u64, u64)>,
}

impl Walk {
    /// Records a path that could not be listed or read.
    fn error(&mut self, path: &Path, error: io::Error) {
        self.found.errors.push(InputError {
            path: path.display().to_string(),
            error,
        });
    }

    /// Walks `dir` (found under `root`) unless it was walked before.
    fn directory(&mut self, root: &Path, dir: &Path, meta: &fs::Metadata) {
        if let Some(id) = identity(meta) {
            if !self.visited.insert(id) {
                self.found.warnings.push(format!(
                    "{}: directory already walked (a symbolic link loop or a second link to it), skipped",
                    dir.display()
                ));
                return;
            }
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.error(dir, error);
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
                Err(error) => self.error(dir, error),
            }
        }
        paths.sort();
        for path in paths {
            self.entry(root, path);
        }
    }

    /// One entry of a walked directory.
    fn entry(&mut self, root: &Path, path: PathBuf) {
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(error) => {
                self.error(&path, error);
                return;
            }
        };
        if self.exclude.is_some() && identity(&meta) == self.exclude {
            self.found.warnings.push(format!(
                "{}: this run's output, skipped (not read as an input)",
                path.display()
            ));
        } else if meta.is_dir() {
            self.directory(root, &path, &meta);
        } else if meta.is_file() {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            self.found.files.push(InputFile {
                path: Some(path),
                relative,
            });
        } else {
            self.found.warnings.push(format!(
                "{}: {}, skipped (name it on the command line to read it)",
                path.display(),
                special_kind(&meta)
            ));
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
        let found = discover(&[PathBuf::from("/no/such/path")], None);
        assert!(found.files.is_empty());
        assert_eq!(found.errors.len(), 1);
        assert!(found.errors[0].to_string().starts_with("/no/such/path: "));
    }

    fn names(found: &Discovered) -> Vec<String> {
        found
            .files
            .iter()
            .map(|f| f.relative.display().to_string())
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_walked_once_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        fs::write(sub.join("a.txt"), "A").unwrap();
        std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
        std::os::unix::fs::symlink("../sub", sub.join("again")).unwrap();
        let found = discover(&[dir.path().to_path_buf()], None);
        assert_eq!(names(&found), ["sub/a.txt"]);
        assert_eq!(found.warnings.len(), 2, "{:?}", found.warnings);
        assert!(found.warnings.iter().all(|w| w.contains("already walked")));
        assert!(found.errors.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn fifos_in_a_walked_folder_are_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "A").unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let found = discover(&[dir.path().to_path_buf()], None);
        assert_eq!(names(&found), ["a.txt"]);
        assert_eq!(found.warnings.len(), 1);
        assert!(found.warnings[0].contains("pipe.txt: a FIFO, skipped"));
        // Named on the command line, it is an input like any file.
        let named = discover(&[fifo], None);
        assert_eq!(named.files.len(), 1);
    }

    #[test]
    fn the_output_folder_inside_an_input_folder_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "A").unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("a.txt"), "A").unwrap();
        let found = discover(&[dir.path().to_path_buf()], Some(&out));
        assert_eq!(names(&found), ["a.txt"]);
        assert!(found.warnings[0].contains("this run's output"));
    }
}
