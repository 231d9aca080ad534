//! Stage 5: put rendered files on disk. Writes go to a temp file that is renamed into
//! place, unchanged files are left alone, and a lock keeps two builds from interleaving.
//! Nothing is ever deleted, and nothing is written outside the output folder.

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
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let _ = writeln!(f, "{}", std::process::id());
                Ok(Lock { path })
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Locked { path }),
            Err(source) => Err(Error::Write { path, source }),
        }
    }
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

/// Files that differ from (or are missing in) the output folder.
pub fn stale(out_dir: &Path, files: &[OutFile]) -> Result<Vec<String>> {
    let mut v = Vec::new();
    for f in files {
        let p = target(out_dir, f)?;
        match fs::read(&p) {
            Ok(b) if b == f.bytes => {}
            _ => v.push(f.path.display().to_string()),
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

/// Write every file atomically; skip files whose bytes are already there.
pub fn write_all(out_dir: &Path, files: &[OutFile]) -> Result<Written> {
    let mut w = Written::default();
    for f in files {
        let p = target(out_dir, f)?;
        if fs::read(&p).is_ok_and(|b| b == f.bytes) {
            w.unchanged += 1;
            continue;
        }
        let dir = p.parent().unwrap_or(out_dir);
        fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let result = fs::write(&tmp, &f.bytes).and_then(|()| fs::rename(&tmp, &p));
        if let Err(source) = result {
            let _ = fs::remove_file(&tmp);
            return Err(Error::Write { path: p, source });
        }
        w.written += 1;
    }
    Ok(w)
}
