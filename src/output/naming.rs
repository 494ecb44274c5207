//! Where each input's clean text goes in a text-folder output, and the
//! check that no two inputs (and no input itself) get the same output file.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::input::{identity, InputFile};

/// How text-folder output files are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameBy {
    /// The path relative to the input it was found under, `.gz` removed and
    /// `.html`/`.htm` made `.txt` (`corpus/a.html` → `OUT/a.txt`).
    #[default]
    Mirror,
    /// The input's whole path as given (a folder input's name kept), with
    /// its full file name and `.txt` added (`d1/x.txt` → `OUT/d1/x.txt.txt`,
    /// `story.html` → `OUT/story.html.txt`): inputs with different paths
    /// never meet.
    Path,
}

/// The output path of one input under `dir`: the file of a one-document
/// input, or the folder holding one file per record of a JSONL or WARC input.
///
/// ```
/// use std::path::{Path, PathBuf};
/// use pith::input::InputFile;
/// use pith::output::{output_path, NameBy};
/// let file = InputFile { path: Some(PathBuf::from("d1/x.html")), relative: PathBuf::from("x.html") };
/// assert_eq!(output_path(Path::new("out"), &file, false, NameBy::Mirror), Path::new("out/x.txt"));
/// assert_eq!(output_path(Path::new("out"), &file, false, NameBy::Path), Path::new("out/d1/x.html.txt"));
/// ```
pub fn output_path(dir: &Path, file: &InputFile, jsonl: bool, name_by: NameBy) -> PathBuf {
    match name_by {
        NameBy::Mirror => {
            let mut path = super::mirrored_path(dir, &file.relative);
            if jsonl {
                path.set_extension("");
            }
            path
        }
        NameBy::Path => {
            let given = file.path.as_deref().unwrap_or(&file.relative);
            let mut path = dir.join(inside(given));
            if !jsonl {
                let mut name = path.file_name().unwrap_or_default().to_os_string();
                name.push(".txt");
                path.set_file_name(name);
            }
            path
        }
    }
}

/// A path made relative and kept below the output folder: the root and `.`
/// dropped, `..` spelled `__`.
fn inside(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::ParentDir => out.push("__"),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    if out.as_os_str().is_empty() {
        out.push("stdin");
    }
    out
}

/// The output path of every input (see [`output_path`]), refused when two
/// inputs would get the same path (naming both, and the way to keep them
/// apart) or when an output file is one of the inputs.
///
/// ```
/// use std::path::{Path, PathBuf};
/// use pith::input::InputFile;
/// use pith::output::{plan_outputs, NameBy};
/// let file = |p: &str| InputFile { path: Some(PathBuf::from(p)), relative: PathBuf::from("x.txt") };
/// let files = [file("d1/x.txt"), file("d2/x.txt")];
/// let err = plan_outputs(Path::new("out"), &files, &[false, false], NameBy::Mirror).unwrap_err();
/// assert!(err.contains("d1/x.txt and d2/x.txt"), "{err}");
/// assert!(plan_outputs(Path::new("out"), &files, &[false, false], NameBy::Path).is_ok());
/// ```
pub fn plan_outputs(
    dir: &Path,
    files: &[InputFile],
    jsonl: &[bool],
    name_by: NameBy,
) -> Result<Vec<PathBuf>, String> {
    let mut taken: HashMap<PathBuf, usize> = HashMap::with_capacity(files.len());
    let mut inputs = HashMap::with_capacity(files.len());
    for (index, file) in files.iter().enumerate() {
        if let Some(id) = file
            .path
            .as_ref()
            .and_then(|p| fs::metadata(p).ok())
            .and_then(|m| identity(&m))
        {
            inputs.insert(id, index);
        }
    }
    let mut planned = Vec::with_capacity(files.len());
    for (index, file) in files.iter().enumerate() {
        let is_jsonl = jsonl.get(index).copied().unwrap_or(false);
        let path = output_path(dir, file, is_jsonl, name_by);
        if let Some(&earlier) = taken.get(&path) {
            return Err(format!(
                "output {} would be written for both {} and {}; \
                 keep them apart with --name-by path, or clean them in separate runs",
                path.display(),
                files[earlier].display(),
                file.display()
            ));
        }
        let existing = fs::metadata(&path).ok().and_then(|m| identity(&m));
        if let Some(&input) = existing.and_then(|id| inputs.get(&id)) {
            return Err(format!(
                "output {} is the input {}: writing it would destroy what pith reads; \
                 write the output elsewhere",
                path.display(),
                files[input].display()
            ));
        }
        taken.insert(path.clone(), index);
        planned.push(path);
    }
    Ok(planned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, relative: &str) -> InputFile {
        InputFile {
            path: Some(PathBuf::from(path)),
            relative: PathBuf::from(relative),
        }
    }

    #[test]
    fn mirrored_names_collide_and_the_error_names_both_inputs() {
        let out = Path::new("out");
        for (a, b) in [
            (
                file("d/story.html", "story.html"),
                file("d/story.txt", "story.txt"),
            ),
            (file("d/a.txt", "a.txt"), file("d/a.txt.gz", "a.txt.gz")),
            (file("a.jsonl", "a.jsonl"), file("a.jsonl.gz", "a.jsonl.gz")),
        ] {
            let jsonl = [a.is_jsonl(), b.is_jsonl()];
            let err =
                plan_outputs(out, &[a.clone(), b.clone()], &jsonl, NameBy::Mirror).unwrap_err();
            let both = format!("{} and {}", a.display(), b.display());
            assert!(err.contains(&both), "{err}");
            let apart = plan_outputs(out, &[a, b], &jsonl, NameBy::Path).unwrap();
            assert_ne!(apart[0], apart[1]);
        }
    }

    #[test]
    fn path_names_stay_inside_the_output_folder() {
        let out = Path::new("out");
        let named = output_path(out, &file("/abs/../x.txt", "x.txt"), false, NameBy::Path);
        assert_eq!(named, Path::new("out/abs/__/x.txt.txt"));
        let stdin = InputFile {
            path: None,
            relative: PathBuf::from("stdin"),
        };
        assert_eq!(
            output_path(out, &stdin, false, NameBy::Path),
            Path::new("out/stdin.txt")
        );
        let records = output_path(out, &file("d/a.jsonl.gz", "a.jsonl.gz"), true, NameBy::Path);
        assert_eq!(records, Path::new("out/d/a.jsonl.gz"));
    }

    #[test]
    fn an_output_file_that_is_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        fs::write(&input, "A").unwrap();
        let files = [InputFile {
            path: Some(input),
            relative: PathBuf::from("a.txt"),
        }];
        let err = plan_outputs(dir.path(), &files, &[false], NameBy::Mirror).unwrap_err();
        assert!(err.contains("is the input"), "{err}");
    }
}
