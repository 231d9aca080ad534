//! Every file casefile reads goes through here, so that one set of rules holds for case
//! files, source texts, templates and the build manifest alike:
//!
//! - the kind of file is checked before it is opened: only regular files are read, so a
//!   FIFO, a device (`/dev/zero`) or a socket is refused instead of blocking or streaming;
//! - it is opened without blocking (`O_NONBLOCK`) and checked again on the open handle, so
//!   a file swapped for a FIFO between the two checks cannot hang a build;
//! - it is read through a bounded reader: never more than the size limit, even from a file
//!   whose size lies (a sparse file, a file that grows while read, a `/proc` file);
//! - a path is read only if, with every link resolved, it lies inside the folder it belongs
//!   to ([`Folder`]); a link loop is an error, never a hang;
//! - folders are walked by [`walk`], which never follows a link to a folder.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Loc, Result};

/// What a path turned out to be, in words for a message.
fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

fn read_error(path: &Path, why: impl Into<String>) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source: io::Error::other(why.into()),
    }
}

/// How a file may be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow links (the caller has checked where they lead).
    Follow,
    /// Refuse a link as the last component (files casefile itself writes).
    Refuse,
}

fn open_nonblocking(path: &Path, links: Links) -> io::Result<File> {
    let mut o = fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        o.custom_flags(flags);
    }
    #[cfg(not(unix))]
    let _ = links;
    o.open(path)
}

/// Read a regular file of at most `max` bytes.
pub fn read_bytes(path: &Path, max: u64, links: Links) -> Result<Vec<u8>> {
    let io_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = match links {
        Links::Follow => fs::metadata(path),
        Links::Refuse => fs::symlink_metadata(path),
    }
    .map_err(io_err)?;
    if !meta.is_file() {
        return Err(read_error(
            path,
            format!("it is {}, not a regular file", kind_of(&meta)),
        ));
    }
    if meta.len() > max {
        return Err(read_error(
            path,
            format!("it is {} bytes; the limit is {max} bytes", meta.len()),
        ));
    }
    let file = open_nonblocking(path, links).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(read_error(
            path,
            format!("it is {}, not a regular file", kind_of(&meta)),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(max)).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > max {
        return Err(read_error(
            path,
            format!("it holds more than {max} bytes, the limit (its size on disk said less)"),
        ));
    }
    Ok(bytes)
}

/// Read a regular file that must be UTF-8 text of at most `max` bytes. A NUL or an
/// invalid byte is reported at its line and column.
pub fn read_text(path: &Path, max: u64, links: Links) -> Result<String> {
    let bytes = read_bytes(path, max, links)?;
    text_from_bytes(path, bytes)
}

/// Decode UTF-8, naming the line and column of the first NUL or invalid byte.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let bad = |offset: usize, bytes: &[u8]| {
        let before = bytes.get(..offset).unwrap_or(bytes);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
            .chars()
            .count()
            + 1;
        Error::NotUtf8 {
            at: Loc::new(
                path,
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(col).unwrap_or(u32::MAX),
            ),
            offset,
            byte: bytes.get(offset).copied().unwrap_or(0),
        }
    };
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(bad(offset, &bytes));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        bad(offset, e.as_bytes())
    })
}

fn memchr_nul(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == 0)
}

/// A folder whose files casefile reads: a path is inside it only if, with every link
/// resolved, it still is.
#[derive(Debug, Clone)]
pub struct Folder {
    /// As the user spelled it (for messages).
    pub path: PathBuf,
    /// With every link resolved; `None` when the folder does not exist.
    real: Option<PathBuf>,
}

/// Why a path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    /// A link leads out of the folder.
    Link,
    /// The path cannot be resolved (missing, or a link loop); the read will say why.
    Unresolved,
}

impl Folder {
    pub fn new(path: &Path) -> Folder {
        Folder {
            path: path.to_path_buf(),
            real: path.canonicalize().ok(),
        }
    }

    pub fn exists(&self) -> bool {
        self.real.is_some()
    }

    /// Check that `path` (under this folder) resolves to a place inside it.
    pub fn contains(&self, path: &Path) -> std::result::Result<(), Outside> {
        let (Some(root), Ok(real)) = (&self.real, path.canonicalize()) else {
            return Err(Outside::Unresolved);
        };
        if real.starts_with(root) {
            Ok(())
        } else {
            Err(Outside::Link)
        }
    }

    /// Read a text file under this folder, refusing links that lead out of it.
    pub fn read_text(&self, path: &Path, max: u64) -> Result<String> {
        match self.contains(path) {
            Ok(()) | Err(Outside::Unresolved) => {}
            Err(Outside::Link) => {
                return Err(read_error(
                    path,
                    format!(
                        "it is a link that leads out of `{}`; casefile reads only files inside it",
                        self.path.display()
                    ),
                ));
            }
        }
        // A missing file or a link loop fails here, with the system's own words.
        read_text(path, max, Links::Follow)
    }
}

/// One entry of a folder walk.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    /// Relative to the walked folder, with `/` separators.
    pub rel: String,
    pub meta: Metadata,
}

/// Every file (and link) below `dir`, sorted by path, hidden names skipped. Links are
/// listed, never followed, so a link loop cannot make the walk endless.
pub fn walk(dir: &Path) -> Result<Vec<Entry>> {
    walk_inner(dir, false)
}

/// Like [`walk`], hidden names included (casefile's own files in the output folder).
pub fn walk_all(dir: &Path) -> Result<Vec<Entry>> {
    walk_inner(dir, true)
}

fn walk_inner(dir: &Path, hidden: bool) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(move |e| hidden || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::Read {
                path,
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("cannot walk the folder")),
            }
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let meta = entry.metadata().map_err(|e| Error::Read {
            path: entry.path().to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| io::Error::other("cannot read its metadata")),
        })?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        out.push(Entry {
            path: entry.path().to_path_buf(),
            rel,
            meta,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("casefile-fs-{name}-"))
            .tempdir()
            .unwrap()
    }

    #[test]
    fn reads_are_bounded() {
        let d = scratch("bounded");
        let p = d.path().join("a.txt");
        fs::write(&p, "0123456789").unwrap();
        assert_eq!(read_text(&p, 10, Links::Follow).unwrap(), "0123456789");
        let e = read_text(&p, 9, Links::Follow).unwrap_err();
        assert!(e.to_string().contains("cannot read"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_blocking() {
        let d = scratch("special");
        let fifo = d.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_text(&fifo, 100, Links::Follow).unwrap_err();
        let Error::Read { source, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(
            source.to_string(),
            "it is a FIFO (named pipe), not a regular file"
        );
        let e = read_text(Path::new("/dev/zero"), 100, Links::Follow).unwrap_err();
        let Error::Read { source, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(
            source.to_string(),
            "it is a character device, not a regular file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_a_folder_and_loops_are_refused() {
        let d = scratch("links");
        let inside = d.path().join("in");
        fs::create_dir(&inside).unwrap();
        fs::write(d.path().join("secret.txt"), "outside").unwrap();
        std::os::unix::fs::symlink(d.path().join("secret.txt"), inside.join("s.txt")).unwrap();
        std::os::unix::fs::symlink(inside.join("loop"), inside.join("loop")).unwrap();
        std::os::unix::fs::symlink(&inside, inside.join("self")).unwrap();
        let f = Folder::new(&inside);
        let e = f.read_text(&inside.join("s.txt"), 100).unwrap_err();
        assert!(format!("{e:?}").contains("leads out of"), "{e:?}");
        assert!(f.read_text(&inside.join("loop"), 100).is_err());
        // The walk lists links without following them: no loop through `self`.
        let names: Vec<String> = walk(&inside).unwrap().into_iter().map(|e| e.rel).collect();
        assert_eq!(names, ["loop", "s.txt", "self"]);
    }

    #[test]
    fn bad_bytes_have_a_line_and_column() {
        let e = text_from_bytes(Path::new("x.yaml"), b"a: 1\nb: x\0y\n".to_vec()).unwrap_err();
        assert_eq!(e.location().map(|l| (l.line, l.col)), Some((2, 5)));
        let e = text_from_bytes(Path::new("x.yaml"), b"ab\xffc".to_vec()).unwrap_err();
        assert_eq!(e.location().map(|l| (l.line, l.col)), Some((1, 3)));
    }
}
