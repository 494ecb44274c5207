//! Output files that appear whole or not at all: written to a temporary file
//! beside the destination and renamed over it once complete.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A file being written. Until [`AtomicFile::commit`], the destination is
/// untouched (a previous file there is kept as it was); dropping the writer
/// without committing removes the temporary file. The temporary file's name
/// starts with a dot, so a folder walk never takes it for an input.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.jsonl");
/// std::fs::write(&path, "previous\n").unwrap();
/// let mut out = pith::output::AtomicFile::create(&path).unwrap();
/// out.write_all(b"new\n").unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous\n");
/// out.commit().unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
/// ```
pub struct AtomicFile {
    destination: PathBuf,
    file: BufWriter<Target>,
}

/// What is written.
enum Target {
    /// The temporary file, renamed over the destination at the end.
    Temp(NamedTempFile),
    /// The destination itself, when it is no regular file (`/dev/stdout`, a
    /// FIFO): it cannot be replaced, only written.
    Direct(File),
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Target::Temp(file) => file.write(buf),
            Target::Direct(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Target::Temp(file) => file.flush(),
            Target::Direct(file) => file.flush(),
        }
    }
}

impl AtomicFile {
    /// Starts writing `destination`: creates its folder when missing and a
    /// temporary file in it. A destination that is a symbolic link is
    /// written where the link points, the link kept; one that is no regular
    /// file (`/dev/stdout`, a FIFO) is written directly.
    pub fn create(destination: &Path) -> io::Result<AtomicFile> {
        if std::fs::metadata(destination).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(destination)
                .map_err(|e| named(e, "cannot open", destination))?;
            return Ok(AtomicFile {
                destination: destination.to_path_buf(),
                file: BufWriter::with_capacity(1 << 16, Target::Direct(file)),
            });
        }
        let linked = std::fs::symlink_metadata(destination)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| std::fs::canonicalize(destination).ok())
            .flatten();
        let destination = linked.as_deref().unwrap_or(destination);
        let folder = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(folder).map_err(|e| named(e, "cannot create directory", folder))?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".pith-").suffix(".tmp");
        #[cfg(unix)]
        {
            // As `File::create` would: readable as the umask allows, not
            // only by the owner (a temporary file's default).
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let file = builder
            .tempfile_in(folder)
            .map_err(|e| named(e, "cannot create a temporary file in", folder))?;
        // A file replaced keeps its permissions, as one overwritten would.
        if let Ok(previous) = std::fs::metadata(destination) {
            file.as_file()
                .set_permissions(previous.permissions())
                .map_err(|e| named(e, "cannot set the permissions of", destination))?;
        }
        Ok(AtomicFile {
            destination: destination.to_path_buf(),
            file: BufWriter::with_capacity(1 << 16, Target::Temp(file)),
        })
    }

    /// Flushes and syncs the written bytes, then renames the temporary file
    /// over the destination.
    pub fn commit(self) -> io::Result<()> {
        let destination = self.destination;
        let target = self
            .file
            .into_inner()
            .map_err(|e| named(e.into_error(), "cannot write", &destination))?;
        let temp = match target {
            Target::Temp(temp) => temp,
            Target::Direct(_) => return Ok(()),
        };
        temp.as_file()
            .sync_all()
            .map_err(|e| named(e, "cannot write", &destination))?;
        temp.persist(&destination).map(|_: File| ()).map_err(|e| {
            named(
                e.error,
                "cannot rename the finished output to",
                &destination,
            )
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Writes `bytes` to `destination` through an [`AtomicFile`].
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("sub/a.txt");
/// pith::output::write_atomically(&path, b"body\n").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"body\n");
/// ```
pub fn write_atomically(destination: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(destination)?;
    file.write_all(bytes)
        .map_err(|e| named(e, "cannot write", destination))?;
    file.commit()
}

/// `error` with what was being done and the path in front.
fn named(error: io::Error, doing: &str, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{doing} {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_the_destination_and_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "previous\n").unwrap();
        let mut out = AtomicFile::create(&path).unwrap();
        out.write_all(b"half a li").unwrap();
        drop(out);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.jsonl"]);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_those_of_a_file_created_or_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain");
        File::create(&plain).unwrap();
        let new = dir.path().join("new");
        write_atomically(&new, b"x").unwrap();
        assert_eq!(mode(&new), mode(&plain));
        let kept = dir.path().join("kept");
        std::fs::write(&kept, "old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&kept, b"new").unwrap();
        assert_eq!(mode(&kept), 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.jsonl");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_directly() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let mut out = AtomicFile::create(&fifo).unwrap();
        out.write_all(b"through").unwrap();
        out.commit().unwrap();
        assert_eq!(reader.join().unwrap(), b"through");
        assert!(!std::fs::metadata(&fifo).unwrap().is_file(), "still a FIFO");
    }

    #[test]
    fn a_destination_that_cannot_be_made_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let err = AtomicFile::create(&blocker.join("out.jsonl"))
            .err()
            .expect("a file is no folder");
        assert!(err.to_string().contains("file"), "{err}");
    }
}
