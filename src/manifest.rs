//! The build manifest: a cache of what each case's output was built from, kept in the
//! output folder as `.casefile-manifest.json`. It is never the truth. A case is skipped
//! only when its inputs' fingerprint matches and every file it wrote is still the file
//! casefile wrote (same size, inode and modification time: any edit, even one that keeps
//! the size, is noticed). A manifest that is missing, truncated, huge, a link, hand-edited
//! or hostile is simply not used: the cost is a full rebuild, never a wrong output.
//! It also keeps each case's warnings, so a no-op build reports exactly what a full one
//! would.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fs::Links;
use crate::render::OutFile;
use crate::report::Diagnostic;
use crate::view::SiteCase;
use crate::write::{Ident, Output};

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = ".casefile-manifest.json";
/// A manifest larger than this is not read, whatever the corpus.
const MIN_LIMIT: u64 = 64 * 1024 * 1024;
/// What one case may add to the limit: a case's entry (its fingerprint, files, site line
/// and stored warnings) is tens of kilobytes even with a hundred warnings, so this leaves
/// room many times over while a hostile giant (a sparse file, /dev/zero) is still refused.
const PER_CASE_LIMIT: u64 = 256 * 1024;

/// The largest manifest read for a corpus of `cases` cases: it grows with the corpus, so
/// a large corpus keeps its incremental builds instead of silently rebuilding everything.
fn limit(cases: usize) -> u64 {
    MIN_LIMIT.max(
        u64::try_from(cases)
            .unwrap_or(u64::MAX)
            .saturating_mul(PER_CASE_LIMIT),
    )
}
/// Written into the manifest; a manifest of another format version is ignored.
const FORMAT: u32 = 3;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    engine: String,
    pub cases: BTreeMap<String, Entry>,
}

/// What one case's output was built from, and what it was.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub site: SiteCase,
    /// Every output file (relative to the output folder) with its identity as written.
    pub files: Vec<(String, Ident)>,
    /// The case's warnings, replayed when the case is skipped.
    pub warnings: Vec<Diagnostic>,
}

impl Entry {
    /// Whether every file the case wrote is still exactly as casefile left it.
    pub fn outputs_intact(&self, out: &Output) -> bool {
        !self.files.is_empty()
            && self.files.iter().all(|(rel, id)| {
                let p = Path::new(rel);
                p.components().all(|c| matches!(c, Component::Normal(_)))
                    && Ident::at(&out.real.join(p)) == Some(*id)
            })
    }
}

impl Manifest {
    /// The manifest of an earlier build with the same engine, or an empty one; `cases` is
    /// the size of the corpus, which bounds how large a manifest may be.
    pub fn load(out: &Output, engine: &str, cases: usize) -> Manifest {
        crate::fs::read_bytes(&out.real.join(MANIFEST), limit(cases), Links::Refuse)
            .ok()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
            .filter(|m| m.format == FORMAT && m.engine == engine)
            .unwrap_or_default()
    }

    pub fn new(engine: &str) -> Manifest {
        Manifest {
            format: FORMAT,
            engine: engine.to_string(),
            cases: BTreeMap::new(),
        }
    }

    pub fn to_file(&self) -> OutFile {
        OutFile {
            path: PathBuf::from(MANIFEST),
            bytes: serde_json::to_vec_pretty(self).unwrap_or_default(),
        }
    }
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn mtime(m: &std::fs::Metadata) -> u128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Paths, kinds, sizes and modification times of everything below `dir`; links are
/// hashed with what they point at, without walking through them.
fn stat_tree(dir: &Path, h: &mut Sha256) {
    if std::fs::symlink_metadata(dir).is_err() {
        h.update(b"absent");
        return;
    }
    let Ok(entries) = crate::fs::walk(dir) else {
        // Unreadable: a fingerprint no earlier build can match.
        h.update(b"unreadable");
        h.update(std::process::id().to_le_bytes());
        return;
    };
    for e in entries {
        h.update(e.rel.as_bytes());
        h.update([0, u8::from(e.meta.file_type().is_symlink())]);
        h.update(e.meta.len().to_le_bytes());
        h.update(mtime(&e.meta).to_le_bytes());
        if e.meta.file_type().is_symlink() {
            if let Ok(target) = std::fs::read_link(&e.path) {
                h.update(target.to_string_lossy().as_bytes());
            }
            if let Ok(m) = std::fs::metadata(&e.path) {
                h.update(m.len().to_le_bytes());
                h.update(mtime(&m).to_le_bytes());
            }
        }
    }
}

/// Everything output depends on besides the case: the templates and casefile itself.
pub fn engine_fingerprint(templates: &Path, options: &str) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    // Options that change what a page is (the Markdown flavour).
    h.update(options.as_bytes());
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        h.update(meta.len().to_le_bytes());
        h.update(mtime(&meta).to_le_bytes());
    }
    stat_tree(templates, &mut h);
    hex(&h.finalize())
}

/// The fingerprint of one case folder's inputs.
pub fn case_fingerprint(dir: &Path, engine: &str) -> String {
    let mut h = Sha256::new();
    h.update(engine.as_bytes());
    stat_tree(dir, &mut h);
    hex(&h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_limit_grows_with_the_corpus() {
        assert_eq!(limit(0), MIN_LIMIT);
        assert_eq!(limit(10), MIN_LIMIT);
        // 1,000 synthetic cases wrote a 58.8 MB manifest: under the old fixed 64 MiB, a
        // corpus a tenth larger would have lost its incremental builds.
        assert!(limit(1000) >= 4 * 58_800_000);
        assert!(limit(2000) > limit(1000));
        assert_eq!(limit(usize::MAX), u64::MAX);
    }

    #[test]
    fn a_hostile_or_broken_manifest_is_ignored() {
        let d = tempfile::tempdir().unwrap();
        let out = Output::resolve(d.path(), &[]).unwrap();
        for bad in [
            "{",
            "[]",
            "{\"format\": 2, \"engine\": \"e\", \"cases\": 7}",
            "\u{0}\u{1}",
        ] {
            std::fs::write(d.path().join(MANIFEST), bad).unwrap();
            assert!(Manifest::load(&out, "e", 1).cases.is_empty(), "{bad}");
        }
        // Entries whose files leave the output folder never count as intact.
        let e = Entry {
            fingerprint: String::new(),
            site: SiteCase::default(),
            files: vec![(
                "../x".into(),
                Ident {
                    len: 0,
                    ino: 0,
                    mtime_ns: 0,
                },
            )],
            warnings: Vec::new(),
        };
        assert!(!e.outputs_intact(&out));
    }
}
