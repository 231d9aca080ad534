//! Stage 5: put rendered files on disk. Writes go to temp files that are renamed into
//! place only when all of them were written, unchanged files are left alone, and a lock
//! keeps two builds from interleaving. Nothing is ever deleted, and nothing is written
//! outside the output folder.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::OutFile;

/// Held while writing; the lock file is removed on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    pub fn acquire(out_dir: &Path) -> Result<Lock> {
        fs::create_dir_all(out_dir).map_err(|source| Error::Write {
            path: out_dir.to_path_buf(),
            source,
        })?;
        let path = out_dir.join(".casefile.lock");
        for attempt in 0..2 {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // A lock left by a build that crashed is taken over once.
                    if attempt == 0 && holder_is_gone(&path) {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    return Err(Error::Locked { path });
                }
                Err(source) => return Err(Error::Write { path, source }),
            }
        }
        Err(Error::Locked { path })
    }
}

/// Whether the process named in a lock file has exited (Linux: no `/proc/<pid>`).
fn holder_is_gone(lock: &Path) -> bool {
    let Ok(text) = fs::read_to_string(lock) else {
        return false;
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        return false;
    };
    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Refuse output folders that would overwrite inputs or the system.
pub fn check_output_dir(out: &Path, inputs: &[&Path]) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        p.canonicalize().unwrap_or_else(|_| normalise(&p))
    };
    let o = abs(out);
    if o.parent().is_none() {
        return Err(Error::BadOutput {
            path: out.to_path_buf(),
            reason: "it is the filesystem root",
        });
    }
    for i in inputs {
        let i = abs(i);
        if o == i {
            return Err(Error::BadOutput {
                path: out.to_path_buf(),
                reason: "it is an input folder (cases or templates)",
            });
        }
        if o.starts_with(&i) {
            return Err(Error::BadOutput {
                path: out.to_path_buf(),
                reason: "it is inside an input folder (cases or templates)",
            });
        }
    }
    Ok(())
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn target(out_dir: &Path, f: &OutFile) -> Result<PathBuf> {
    // Rendered paths come from case slugs and template names; both are checked, but a
    // path that would leave the output folder is refused here as a last line of defence.
    if f.path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(Error::BadOutput {
            path: f.path.clone(),
            reason: "it would leave the output folder",
        });
    }
    Ok(out_dir.join(&f.path))
}

/// Whether `path` already holds exactly `bytes`. It compares contents only when a file of
/// the same size exists: a stat is far cheaper than opening a file that is not there.
fn already_there(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|b| b == bytes)
}

/// Files that differ from (or are missing in) the output folder.
pub fn stale(out_dir: &Path, files: &[OutFile]) -> Result<Vec<String>> {
    let mut v = Vec::new();
    for f in files {
        let p = target(out_dir, f)?;
        if !already_there(&p, &f.bytes) {
            v.push(f.path.display().to_string());
        }
    }
    Ok(v)
}

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
}

/// Files written to temp names beside their targets, waiting to be renamed into place.
#[derive(Debug, Default)]
pub struct Staged {
    moves: Vec<(PathBuf, PathBuf)>,
    pub unchanged: usize,
}

impl Staged {
    /// Remove the temp files: the output folder is as it was.
    pub fn discard(self) {
        for (tmp, _) in &self.moves {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Phase one: write every changed file to a temp file beside its target. On failure the
/// temp files written so far are removed.
pub fn stage(out_dir: &Path, files: &[OutFile]) -> Result<Staged> {
    let mut staged = Staged::default();
    let pid = std::process::id();
    let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for f in files {
        let p = match target(out_dir, f) {
            Ok(p) => p,
            Err(e) => {
                staged.discard();
                return Err(e);
            }
        };
        if already_there(&p, &f.bytes) {
            staged.unchanged += 1;
            continue;
        }
        let dir = p.parent().unwrap_or(out_dir);
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{pid}.tmp"));
        let mkdir = if made.contains(dir) {
            Ok(())
        } else {
            fs::create_dir_all(dir).map(|()| {
                made.insert(dir.to_path_buf());
            })
        };
        let result = mkdir.and_then(|()| fs::write(&tmp, &f.bytes));
        if let Err(source) = result {
            let _ = fs::remove_file(&tmp);
            staged.discard();
            return Err(Error::Write { path: p, source });
        }
        staged.moves.push((tmp, p));
    }
    Ok(staged)
}

/// Phase two: rename every staged file into place (in parallel: renames are independent).
pub fn commit(all: Vec<Staged>) -> Result<Written> {
    use rayon::prelude::*;
    let unchanged: usize = all.iter().map(|s| s.unchanged).sum();
    let results: Vec<std::result::Result<usize, Error>> = all
        .into_par_iter()
        .map(|s| {
            let mut done = 0;
            for (i, (tmp, p)) in s.moves.iter().enumerate() {
                if let Err(source) = fs::rename(tmp, p) {
                    for (t, _) in s.moves.get(i..).unwrap_or(&[]) {
                        let _ = fs::remove_file(t);
                    }
                    return Err(Error::Write {
                        path: p.clone(),
                        source,
                    });
                }
                done += 1;
            }
            Ok(done)
        })
        .collect();
    let mut w = Written {
        written: 0,
        unchanged,
    };
    for r in results {
        w.written += r?;
    }
    Ok(w)
}

/// Write every changed file in two phases: stage all, then rename all. A failure while
/// staging leaves the output folder as it was.
pub fn write_all(out_dir: &Path, files: &[OutFile]) -> Result<Written> {
    commit(vec![stage(out_dir, files)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("casefile-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn file(path: &str, bytes: &str) -> OutFile {
        OutFile {
            path: PathBuf::from(path),
            bytes: bytes.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_failed_write_leaves_the_folder_as_it_was() {
        let d = scratch("fail");
        fs::write(d.join("a.md"), "old").unwrap();
        // `blocked` is a file, so nothing can be written beneath it.
        fs::write(d.join("blocked"), "x").unwrap();
        let err = write_all(&d, &[file("a.md", "new"), file("blocked/b.md", "b")]).unwrap_err();
        assert!(matches!(err, Error::Write { .. }));
        assert_eq!(fs::read_to_string(d.join("a.md")).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temp files left: {names:?}");
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let d = scratch("same");
        let files = [file("x/a.md", "one"), file("b.md", "two")];
        assert_eq!(
            write_all(&d, &files).unwrap(),
            Written {
                written: 2,
                unchanged: 0
            }
        );
        assert_eq!(
            write_all(&d, &files).unwrap(),
            Written {
                written: 0,
                unchanged: 2
            }
        );
    }

    #[test]
    fn paths_that_leave_the_output_are_refused() {
        let d = scratch("escape");
        assert!(write_all(&d, &[file("../evil.md", "x")]).is_err());
        assert!(write_all(&d, &[file("/etc/evil.md", "x")]).is_err());
    }

    #[test]
    fn locks_exclude_and_stale_locks_are_taken_over() {
        let d = scratch("lock");
        let first = Lock::acquire(&d).unwrap();
        assert!(matches!(Lock::acquire(&d), Err(Error::Locked { .. })));
        drop(first);
        // A lock whose process is gone (a pid above any pid_max) is stale.
        fs::write(d.join(".casefile.lock"), "4294967295\n").unwrap();
        assert!(Lock::acquire(&d).is_ok());
    }

    #[test]
    fn output_cannot_be_an_input_or_the_root() {
        let d = scratch("out");
        let cases = d.join("cases");
        fs::create_dir_all(&cases).unwrap();
        assert!(check_output_dir(&cases, &[&cases]).is_err());
        assert!(check_output_dir(&cases.join("x"), &[&cases]).is_err());
        assert!(check_output_dir(Path::new("/"), &[&cases]).is_err());
        assert!(check_output_dir(&d.join("output"), &[&cases]).is_ok());
    }
}
