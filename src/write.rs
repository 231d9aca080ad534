//! The last stage: put rendered files on disk, or compare them with what is there.
//!
//! - [`Output::resolve`] resolves the output folder once (links and `..` included) and
//!   refuses one that is, is inside, or contains an input folder, is the filesystem root,
//!   or lies above the current project.
//! - Writes go only to real folders inside it: a link or a file where a folder is
//!   expected, or a folder where a file is expected, is an error found while staging.
//! - [`stage`] writes each changed file to a temp file beside its target; [`commit`]
//!   renames them into place only after every case staged successfully. A failure while
//!   staging removes the temp files and the folders it created: the output folder is left
//!   byte for byte as it was.
//! - [`Lock`] is an OS lock on the output folder, released by the kernel when the process
//!   dies; a build killed at any point leaves only temp files named `.casefile-*.tmp`,
//!   which the next build removes and `build --check` reports.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs::Links;

/// A rendered output file, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Temp files are named `.casefile-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".casefile-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of casefile's temp files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// The output folder, resolved once.
#[derive(Debug, Clone)]
pub struct Output {
    /// As the user spelled it (for messages).
    pub shown: PathBuf,
    /// Absolute, every existing link resolved.
    pub real: PathBuf,
}

fn bad_output(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadOutput {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn blocked(path: &Path, reason: impl Into<String>) -> Error {
    Error::Blocked {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// `path` absolute, with its nearest existing ancestor's links resolved and the rest
/// normalized (`a/../b` → `b`).
fn resolve_path(path: &Path) -> io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = abs.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(real) => {
                let mut out = real;
                for c in rest.iter().rev() {
                    match Path::new(c).components().next() {
                        Some(Component::ParentDir) => {
                            out.pop();
                        }
                        Some(Component::CurDir) | None => {}
                        Some(_) => out.push(c),
                    }
                }
                return Ok(out);
            }
            Err(e) => {
                let Some(name) = existing.file_name().map(|n| n.to_os_string()) else {
                    return Err(e);
                };
                rest.push(name);
                if !existing.pop() {
                    return Err(e);
                }
            }
        }
    }
}

impl Output {
    /// Resolve the output folder and refuse the places it must not be.
    pub fn resolve(path: &Path, inputs: &[(&str, &Path)]) -> Result<Output> {
        let real = resolve_path(path).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        if real.parent().is_none() {
            return Err(bad_output(path, "it is the filesystem root"));
        }
        for (what, input) in inputs {
            let Ok(input) = input.canonicalize() else {
                continue;
            };
            if real == input {
                return Err(bad_output(path, format!("it is the {what} folder")));
            }
            if real.starts_with(&input) {
                return Err(bad_output(path, format!("it is inside the {what} folder")));
            }
            if input.starts_with(&real) {
                return Err(bad_output(
                    path,
                    format!(
                        "it contains the {what} folder `{}`, which a build would write into",
                        input.display()
                    ),
                ));
            }
        }
        if let Ok(here) = std::env::current_dir().and_then(|d| d.canonicalize())
            && here.starts_with(&real)
            && here != real
        {
            return Err(bad_output(
                path,
                "it lies above the current folder, which it would write into",
            ));
        }
        Ok(Output {
            shown: path.to_path_buf(),
            real,
        })
    }

    fn target(&self, rel: &Path) -> Result<PathBuf> {
        // Rendered paths come from case slugs and template names; both are checked, but a
        // path that would leave the output folder is refused here as a last line of defence.
        if rel.as_os_str().is_empty()
            || rel.components().any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(blocked(rel, "it would leave the output folder"));
        }
        Ok(self.real.join(rel))
    }

    /// The name to show for a path under the output folder.
    fn show(&self, rel: &Path) -> PathBuf {
        self.shown.join(rel)
    }
}

/// Held while writing: an OS lock on the output folder itself, so no lock file is ever
/// left behind, and a killed build's lock is released by the kernel.
#[derive(Debug)]
pub struct Lock {
    _dir: File,
}

impl Lock {
    /// Lock the output folder, creating it (in the journal) when it does not exist.
    pub fn acquire(out: &Output, journal: &Journal) -> Result<Lock> {
        journal
            .create_dirs(&out.real)
            .map_err(|source| Error::Write {
                path: out.shown.clone(),
                source,
            })?;
        let dir = File::open(&out.real).map_err(|source| Error::Write {
            path: out.shown.clone(),
            source,
        })?;
        match dir.try_lock() {
            Ok(()) => Ok(Lock { _dir: dir }),
            Err(fs::TryLockError::WouldBlock) => Err(Error::Locked {
                path: out.shown.clone(),
            }),
            Err(fs::TryLockError::Error(source)) => Err(Error::Write {
                path: out.shown.clone(),
                source,
            }),
        }
    }
}

/// Everything a build has created in the output folder so far (temp files and folders),
/// so that a failed build, or one stopped from outside by the template watchdog, can take
/// it all back. Creation and rollback exclude each other: after a rollback nothing more
/// is created.
#[derive(Debug, Default)]
pub struct Journal {
    inner: std::sync::Mutex<Created>,
}

#[derive(Debug, Default)]
struct Created {
    stopped: bool,
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

fn stopped() -> io::Error {
    io::Error::other("the build was stopped")
}

impl Journal {
    fn lock(&self) -> std::sync::MutexGuard<'_, Created> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `create_dir_all` that records each folder it creates.
    fn create_dirs(&self, dir: &Path) -> io::Result<()> {
        let mut c = self.lock();
        if c.stopped {
            return Err(stopped());
        }
        let mut missing = Vec::new();
        let mut at = dir;
        while fs::symlink_metadata(at).is_err() {
            missing.push(at.to_path_buf());
            match at.parent() {
                Some(p) => at = p,
                None => break,
            }
        }
        while let Some(d) = missing.pop() {
            match fs::create_dir(&d) {
                Ok(()) => c.dirs.push(d),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Create a temp file in `dir` and record it.
    fn temp_file(&self, dir: &Path) -> io::Result<tempfile::NamedTempFile> {
        let mut c = self.lock();
        if c.stopped {
            return Err(stopped());
        }
        let mut b = tempfile::Builder::new();
        b.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        // Output is for reading by anyone who can read the folder, like any built site.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            b.permissions(fs::Permissions::from_mode(0o644));
        }
        let f = b.tempfile_in(dir)?;
        c.files.push(f.path().to_path_buf());
        Ok(f)
    }

    /// Remove every temp file and folder the build created; create nothing more.
    pub fn rollback(&self) {
        let mut c = self.lock();
        c.stopped = true;
        for f in c.files.drain(..) {
            let _ = fs::remove_file(f);
        }
        while let Some(d) = c.dirs.pop() {
            let _ = fs::remove_dir(d);
        }
    }

    /// The build committed: its files are in place and nothing is to be taken back.
    pub fn forget(&self) {
        let mut c = self.lock();
        c.files.clear();
        c.dirs.clear();
    }
}

/// What a file on disk is, compared with what casefile would write there.
#[derive(Debug, PartialEq, Eq)]
enum OnDisk {
    Same,
    Differs,
}

/// Check that every folder between the output folder and `path` is a real folder
/// (creating missing ones when `created` is given), then compare the file at `path` with
/// `bytes`. A folder where a file belongs, or a link or file where a folder belongs, is an
/// error: casefile never writes through it.
fn inspect(
    out: &Output,
    rel: &Path,
    bytes: &[u8],
    known_dirs: &mut HashSet<PathBuf>,
    journal: Option<&Journal>,
) -> Result<(PathBuf, OnDisk)> {
    let target = out.target(rel)?;
    let mut dir = out.real.clone();
    let mut shown = PathBuf::new();
    let parents: Vec<_> = rel
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    for c in parents {
        dir.push(c);
        shown.push(c);
        if known_dirs.contains(&dir) {
            continue;
        }
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(m) => {
                return Err(blocked(
                    &out.show(&shown),
                    if m.file_type().is_symlink() {
                        "it is a link; casefile writes only into real folders inside the output folder".to_string()
                    } else {
                        "a file stands where casefile needs a folder".to_string()
                    },
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => match journal {
                Some(j) => {
                    j.create_dirs(&dir).map_err(|source| Error::Write {
                        path: out.show(&shown),
                        source,
                    })?;
                }
                // Checking only: the file is missing.
                None => return Ok((target, OnDisk::Differs)),
            },
            Err(source) => {
                return Err(Error::Write {
                    path: out.show(&shown),
                    source,
                });
            }
        }
        known_dirs.insert(dir.clone());
    }
    let state = match fs::symlink_metadata(&target) {
        Err(_) => OnDisk::Differs,
        Ok(m) if m.is_file() => {
            if m.len() == bytes.len() as u64
                && crate::fs::read_bytes(&target, m.len(), Links::Refuse).is_ok_and(|b| b == bytes)
            {
                OnDisk::Same
            } else {
                OnDisk::Differs
            }
        }
        Ok(m) if m.is_dir() => {
            return Err(blocked(
                &out.show(rel),
                "a folder stands where casefile writes a file",
            ));
        }
        // A link, FIFO or device node is replaced by the rename, never written through.
        Ok(_) => OnDisk::Differs,
    };
    Ok((target, state))
}

/// Files that differ from (or are missing in) the output folder.
pub fn stale(out: &Output, files: &[OutFile]) -> Result<Vec<String>> {
    let mut known = HashSet::new();
    let mut v = Vec::new();
    for f in files {
        match inspect(out, &f.path, &f.bytes, &mut known, None) {
            Ok((_, OnDisk::Same)) => {}
            Ok((_, OnDisk::Differs)) => v.push(f.path.display().to_string()),
            // A file casefile could not write is stale too; `build` will say why.
            Err(_) => v.push(f.path.display().to_string()),
        }
    }
    Ok(v)
}

/// Identity of a file as written: size, inode and modification time. Any edit, even one
/// that keeps the size, changes it; casefile records it to notice such edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ident {
    pub len: u64,
    pub ino: u64,
    pub mtime_ns: i128,
}

impl Ident {
    pub fn of(meta: &fs::Metadata) -> Ident {
        #[cfg(unix)]
        let ino = {
            use std::os::unix::fs::MetadataExt;
            meta.ino()
        };
        #[cfg(not(unix))]
        let ino = 0;
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX));
        Ident {
            len: meta.len(),
            ino,
            mtime_ns,
        }
    }

    /// The identity of the regular file at `path` (links are not followed).
    pub fn at(path: &Path) -> Option<Ident> {
        fs::symlink_metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)
            .map(|m| Ident::of(&m))
    }
}

/// Files written to temp names beside their targets, waiting to be renamed into place.
///
/// Dropping it removes its temp files; the folders staging created are the journal's to
/// remove ([`Journal::rollback`]).
#[derive(Debug, Default)]
pub struct Staged {
    moves: Vec<(tempfile::TempPath, PathBuf, PathBuf)>,
    /// Every file's path (relative to the output folder) and identity once committed.
    pub idents: Vec<(String, Ident)>,
    pub unchanged: usize,
}

/// Phase one: write every changed file to a temp file beside its target, recording what
/// it creates in `journal`. On failure the caller rolls the journal back.
pub fn stage(out: &Output, files: &[OutFile], journal: &Journal) -> Result<Staged> {
    let mut staged = Staged::default();
    let mut known = HashSet::new();
    for f in files {
        stage_one(out, f, &mut staged, &mut known, journal)?;
    }
    Ok(staged)
}

fn stage_one(
    out: &Output,
    f: &OutFile,
    staged: &mut Staged,
    known: &mut HashSet<PathBuf>,
    journal: &Journal,
) -> Result<()> {
    let (target, state) = inspect(out, &f.path, &f.bytes, known, Some(journal))?;
    let rel = f.path.to_string_lossy().replace('\\', "/");
    if state == OnDisk::Same {
        staged.unchanged += 1;
        if let Some(id) = Ident::at(&target) {
            staged.idents.push((rel, id));
        }
        return Ok(());
    }
    let dir = target.parent().unwrap_or(&out.real);
    let write_err = |source| Error::Write {
        path: out.show(&f.path),
        source,
    };
    let mut tmp = journal.temp_file(dir).map_err(write_err)?;
    tmp.write_all(&f.bytes).map_err(write_err)?;
    let meta = tmp.as_file().metadata().map_err(write_err)?;
    let path = tmp.into_temp_path();
    // The rename keeps the inode and the modification time: the identity is known now.
    staged.idents.push((rel, Ident::of(&meta)));
    staged.moves.push((path, target, out.show(&f.path)));
    Ok(())
}

/// What a commit did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
}

/// Phase two: rename every staged file into place, in order.
pub fn commit(all: Vec<Staged>) -> Result<Written> {
    let mut w = Written::default();
    let mut first_error = None;
    for s in all {
        w.unchanged += s.unchanged;
        for (tmp, target, shown) in s.moves {
            if first_error.is_some() {
                // Dropping the temp path removes the file.
                continue;
            }
            match tmp.persist(&target) {
                Ok(()) => w.written += 1,
                Err(e) => {
                    first_error = Some(Error::Write {
                        path: shown,
                        source: e.error,
                    });
                }
            }
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(w),
    }
}

/// Write every changed file in two phases: stage all, then rename all. A failure while
/// staging leaves the output folder as it was.
pub fn write_all(out: &Output, files: &[OutFile]) -> Result<Written> {
    let journal = Journal::default();
    match stage(out, files, &journal) {
        Ok(s) => {
            let w = commit(vec![s]);
            journal.forget();
            w
        }
        Err(e) => {
            journal.rollback();
            Err(e)
        }
    }
}

/// casefile's temp files below the output folder: left by a build that was killed.
pub fn leftovers(out: &Output) -> Vec<PathBuf> {
    let Ok(entries) = crate::fs::walk_all(&out.real) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter(|e| {
            e.meta.is_file()
                && e.path
                    .file_name()
                    .is_some_and(|n| is_temp_name(&n.to_string_lossy()))
        })
        .map(|e| e.path)
        .collect()
}

/// Remove temp files a killed build left (called with the lock held, so none is live).
pub fn remove_leftovers(out: &Output) -> Result<usize> {
    let found = leftovers(out);
    for p in &found {
        fs::remove_file(p).map_err(|source| Error::Write {
            path: p.clone(),
            source,
        })?;
    }
    Ok(found.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> (tempfile::TempDir, Output) {
        let d = tempfile::Builder::new()
            .prefix("casefile-write-")
            .tempdir()
            .unwrap();
        let out = Output::resolve(d.path(), &[]).unwrap();
        (d, out)
    }

    fn file(path: &str, bytes: &str) -> OutFile {
        OutFile {
            path: PathBuf::from(path),
            bytes: bytes.as_bytes().to_vec(),
        }
    }

    fn names(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = crate::fs::walk_all(d)
            .unwrap()
            .into_iter()
            .map(|e| e.rel)
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_write_leaves_the_folder_as_it_was() {
        let (d, out) = scratch();
        fs::write(d.path().join("a.md"), "old").unwrap();
        // `blocked` is a file, so nothing can be written beneath it.
        fs::write(d.path().join("blocked"), "x").unwrap();
        let err = write_all(
            &out,
            &[
                file("a.md", "new"),
                file("new/deep/c.md", "c"),
                file("blocked/b.md", "b"),
            ],
        )
        .unwrap_err();
        assert!(matches!(err, Error::Blocked { .. }), "{err:?}");
        assert_eq!(fs::read_to_string(d.path().join("a.md")).unwrap(), "old");
        assert_eq!(
            names(d.path()),
            ["a.md", "blocked"],
            "no temp files, no new folders"
        );
    }

    #[test]
    fn a_folder_where_a_file_belongs_is_refused_before_anything_changes() {
        let (d, out) = scratch();
        fs::create_dir(d.path().join("brief.md")).unwrap();
        let err = write_all(&out, &[file("a.md", "a"), file("brief.md", "b")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write `{}`: a folder stands where casefile writes a file",
                d.path().join("brief.md").display()
            )
        );
        let top: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(top, ["brief.md"]);
        assert!(d.path().join("brief.md").is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_the_output_are_never_written_through() {
        let (d, out) = scratch();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), d.path().join("case")).unwrap();
        assert!(write_all(&out, &[file("case/brief.md", "x")]).is_err());
        assert!(names(elsewhere.path()).is_empty());
        // A link standing for a file is replaced, not followed.
        fs::write(elsewhere.path().join("t.md"), "target").unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("t.md"), d.path().join("f.md")).unwrap();
        write_all(&out, &[file("f.md", "new")]).unwrap();
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("t.md")).unwrap(),
            "target"
        );
        assert_eq!(fs::read_to_string(d.path().join("f.md")).unwrap(), "new");
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let (_d, out) = scratch();
        let files = [file("x/a.md", "one"), file("b.md", "two")];
        assert_eq!(
            write_all(&out, &files).unwrap(),
            Written {
                written: 2,
                unchanged: 0
            }
        );
        assert_eq!(
            write_all(&out, &files).unwrap(),
            Written {
                written: 0,
                unchanged: 2
            }
        );
    }

    #[test]
    fn paths_that_leave_the_output_are_refused() {
        let (_d, out) = scratch();
        assert!(write_all(&out, &[file("../evil.md", "x")]).is_err());
        assert!(write_all(&out, &[file("/etc/evil.md", "x")]).is_err());
    }

    #[test]
    fn locks_exclude_and_die_with_their_holder() {
        let (_d, out) = scratch();
        let j = Journal::default();
        let first = Lock::acquire(&out, &j).unwrap();
        assert!(matches!(Lock::acquire(&out, &j), Err(Error::Locked { .. })));
        drop(first);
        assert!(Lock::acquire(&out, &j).is_ok());
    }

    #[test]
    fn temp_files_left_behind_are_found_and_removed() {
        let (d, out) = scratch();
        fs::create_dir(d.path().join("c")).unwrap();
        fs::write(d.path().join("c/.casefile-abc123.tmp"), "torn").unwrap();
        assert_eq!(leftovers(&out).len(), 1);
        assert_eq!(remove_leftovers(&out).unwrap(), 1);
        assert!(leftovers(&out).is_empty());
    }

    #[test]
    fn output_cannot_be_an_input_contain_one_or_be_the_root() {
        let (d, _) = scratch();
        let cases = d.path().join("cases");
        fs::create_dir_all(&cases).unwrap();
        let inputs = [("cases", cases.as_path())];
        assert!(Output::resolve(&cases, &inputs).is_err());
        assert!(Output::resolve(&cases.join("x"), &inputs).is_err());
        assert!(
            Output::resolve(d.path(), &inputs).is_err(),
            "contains cases"
        );
        assert!(Output::resolve(&cases.join("../x/.."), &inputs).is_err());
        assert!(Output::resolve(Path::new("/"), &inputs).is_err());
        assert!(Output::resolve(&d.path().join("output"), &inputs).is_ok());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&cases, d.path().join("out-link")).unwrap();
            assert!(Output::resolve(&d.path().join("out-link"), &inputs).is_err());
        }
    }
}
