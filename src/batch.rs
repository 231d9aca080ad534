//! Batch builds: the selected cases are processed in parallel (rayon, one template engine
//! shared by all threads), skipped when nothing they depend on changed (a manifest of
//! input fingerprints in the output folder), optionally limited to one shard of the
//! corpus, and written in two phases so that a failure in any case leaves the output
//! folder as it was. Output bytes never depend on the thread count or on the manifest:
//! `build --check` always renders everything and must agree with a clean build.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Errors};
use crate::load;
use crate::render::{Engine, OutFile};
use crate::report::Reporter;
use crate::view::SiteCase;
use crate::write::{self, Staged};

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = ".casefile-manifest.json";

/// `--shard i/n`: the i-th of n deterministic slices of the corpus (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) = s.split_once('/').ok_or("expected i/n, e.g. 2/8")?;
        let index: u32 = i
            .trim()
            .parse()
            .map_err(|_| format!("`{i}` is not a number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "shard {s} does not exist: use 1/{count} to {count}/{count}",
                count = count.max(1)
            ));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether a case belongs to this shard: FNV-1a of its folder name, so a case keeps
    /// its shard when others are added.
    pub fn contains(&self, slug: &str) -> bool {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in slug.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// What to build.
#[derive(Debug)]
pub struct Plan<'a> {
    pub cases_dir: &'a Path,
    pub templates: &'a Path,
    pub output: &'a Path,
    pub names: &'a [String],
    pub check_only: bool,
    pub jobs: Option<usize>,
    pub shard: Option<Shard>,
}

/// What a build did, for the summary line.
#[derive(Debug, Default)]
pub struct Summary {
    pub cases: usize,
    pub rendered: usize,
    pub skipped: usize,
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    pub stale: Vec<String>,
    pub elapsed: Duration,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    engine: String,
    cases: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    site: SiteCase,
    /// Output files (relative to the output folder) and their sizes.
    files: Vec<(String, u64)>,
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Paths, sizes and modification times of every file below `dir`, sorted.
fn stat_tree(dir: &Path, h: &mut Sha256) {
    let mut stack = vec![dir.to_path_buf()];
    let mut rows = Vec::new();
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(meta) = fs::metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(p);
            } else {
                let mtime = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                rows.push((p, meta.len(), mtime));
            }
        }
    }
    rows.sort();
    for (p, len, mtime) in rows {
        h.update(p.to_string_lossy().as_bytes());
        h.update(len.to_le_bytes());
        h.update(mtime.to_le_bytes());
    }
}

/// Everything output depends on besides the case: the templates and casefile itself.
fn engine_fingerprint(templates: &Path) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
        h.update(meta.len().to_le_bytes());
        if let Ok(t) = meta.modified()
            && let Ok(d) = t.duration_since(UNIX_EPOCH)
        {
            h.update(d.as_nanos().to_le_bytes());
        }
    }
    stat_tree(templates, &mut h);
    hex(&h.finalize())
}

fn case_fingerprint(dir: &Path, engine: &str) -> String {
    let mut h = Sha256::new();
    h.update(engine.as_bytes());
    stat_tree(dir, &mut h);
    hex(&h.finalize())
}

enum Outcome {
    Unchanged(Entry),
    Rendered {
        entry: Entry,
        staged: Option<Staged>,
        stale: Vec<String>,
        warnings: Vec<Error>,
    },
    Failed(Errors),
}

fn site_case(case: &load::Case) -> SiteCase {
    let i = &case.data.case.value;
    SiteCase {
        slug: case.slug.clone(),
        title: i.title.clone(),
        short_title: i.short_title.clone(),
        court: i.court.clone(),
        docket: i.docket.clone(),
        status: i.status.label().to_string(),
        disposition: i.disposition.clone(),
    }
}

fn outputs_present(out: &Path, e: &Entry) -> bool {
    e.files
        .iter()
        .all(|(p, len)| fs::metadata(out.join(p)).is_ok_and(|m| m.len() == *len))
}

fn one(
    dir: &Path,
    engine: &Engine,
    plan: &Plan<'_>,
    engine_fp: &str,
    previous: Option<&Entry>,
) -> Outcome {
    let fingerprint = case_fingerprint(dir, engine_fp);
    if !plan.check_only
        && let Some(e) = previous
        && e.fingerprint == fingerprint
        && outputs_present(plan.output, e)
    {
        return Outcome::Unchanged(e.clone());
    }
    let result = crate::app::process(dir).and_then(|(case, r)| {
        let files = engine.render_case(&r.view)?;
        Ok((site_case(&case), r.warnings, files))
    });
    let (site, warnings, files) = match result {
        Ok(x) => x,
        Err(e) => return Outcome::Failed(e),
    };
    let entry = Entry {
        fingerprint,
        site,
        files: files
            .iter()
            .map(|f| (f.path.to_string_lossy().into_owned(), f.bytes.len() as u64))
            .collect(),
    };
    if plan.check_only {
        match write::stale(plan.output, &files) {
            Ok(stale) => Outcome::Rendered {
                entry,
                staged: None,
                stale,
                warnings,
            },
            Err(e) => Outcome::Failed(e.into()),
        }
    } else {
        match write::stage(plan.output, &files) {
            Ok(s) => Outcome::Rendered {
                entry,
                staged: Some(s),
                stale: Vec::new(),
                warnings,
            },
            Err(e) => Outcome::Failed(e.into()),
        }
    }
}

/// The case folders to process: the named ones (or all), then this shard's share.
pub fn select(
    cases_dir: &Path,
    all: &[PathBuf],
    names: &[String],
    shard: Option<Shard>,
) -> Result<Vec<PathBuf>, Errors> {
    let slug = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut chosen = Vec::new();
    let mut errors = Errors::default();
    if names.is_empty() {
        chosen = all.to_vec();
    } else {
        let slugs: Vec<String> = all.iter().map(|p| slug(p)).collect();
        for n in names {
            match all.iter().find(|p| slug(p) == *n) {
                Some(p) => chosen.push(p.clone()),
                None => errors.push(Error::UnknownCase {
                    name: n.clone(),
                    dir: cases_dir.to_path_buf(),
                    candidates: slugs.clone(),
                }),
            }
        }
    }
    if let Some(s) = shard {
        chosen.retain(|p| s.contains(&slug(p)));
    }
    if errors.is_empty() {
        Ok(chosen)
    } else {
        Err(errors)
    }
}

/// Build (or check) the plan. Warnings are returned alongside the summary or errors.
pub fn build(
    plan: &Plan<'_>,
    reporter: &Reporter,
    warnings: &mut Vec<Error>,
) -> Result<Summary, Errors> {
    let start = Instant::now();
    write::check_output_dir(plan.output, &[plan.cases_dir, plan.templates])?;
    let all = load::discover(plan.cases_dir)?;
    let dirs = select(plan.cases_dir, &all, plan.names, plan.shard)?;
    let engine = Engine::new(Some(plan.templates))?;
    let engine_fp = engine_fingerprint(plan.templates);
    let _lock = if plan.check_only {
        None
    } else {
        Some(write::Lock::acquire(plan.output)?)
    };
    let manifest: Manifest = if plan.check_only {
        Manifest::default()
    } else {
        fs::read(plan.output.join(MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .filter(|m: &Manifest| m.engine == engine_fp)
            .unwrap_or_default()
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(plan.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Write {
            path: plan.output.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
    let progress = reporter.progress(dirs.len() as u64);
    let outcomes: Vec<(String, Outcome)> = pool.install(|| {
        dirs.par_iter()
            .map(|dir| {
                let slug = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let o = one(dir, &engine, plan, &engine_fp, manifest.cases.get(&slug));
                progress.inc();
                (slug, o)
            })
            .collect()
    });
    progress.finish();

    let mut summary = Summary {
        cases: dirs.len(),
        ..Summary::default()
    };
    let mut errors = Errors::default();
    let mut staged = Vec::new();
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for (slug, o) in outcomes {
        match o {
            Outcome::Unchanged(e) => {
                summary.skipped += 1;
                summary.files += e.files.len();
                summary.unchanged += e.files.len();
                entries.insert(slug, e);
            }
            Outcome::Rendered {
                entry,
                staged: s,
                stale,
                warnings: w,
            } => {
                summary.rendered += 1;
                summary.files += entry.files.len();
                summary.stale.extend(stale);
                warnings.extend(w);
                if let Some(s) = s {
                    staged.push(s);
                }
                entries.insert(slug, entry);
            }
            Outcome::Failed(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        staged.into_iter().for_each(Staged::discard);
        return Err(errors);
    }

    // The site index lists every case, built now, earlier, or by another shard.
    let mut site = Vec::new();
    for dir in &all {
        let slug = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(e) = entries.get(&slug).or_else(|| manifest.cases.get(&slug)) {
            site.push(e.site.clone());
        } else if let Ok(text) = load::read_text(&dir.join(load::CASE_FILE), load::MAX_YAML_BYTES)
            && let Ok(case) = load::case_from_text(&slug, &dir.join(load::CASE_FILE), &text)
        {
            site.push(site_case(&case));
        }
    }
    let site_files = match engine.render_site(&site) {
        Ok(f) => f,
        Err(e) => {
            staged.into_iter().for_each(Staged::discard);
            return Err(e);
        }
    };
    summary.files += site_files.len();

    if plan.check_only {
        summary
            .stale
            .extend(write::stale(plan.output, &site_files)?);
        summary.stale.sort();
        summary.elapsed = start.elapsed();
        return Ok(summary);
    }
    match write::stage(plan.output, &site_files) {
        Ok(s) => staged.push(s),
        Err(e) => {
            staged.into_iter().for_each(Staged::discard);
            return Err(e.into());
        }
    }
    let w = write::commit(staged)?;
    summary.written = w.written;
    summary.unchanged += w.unchanged;

    // The manifest last: if it cannot be written, the next build simply renders again.
    let mut next = manifest;
    next.engine = engine_fp;
    next.cases
        .retain(|slug, _| all.iter().any(|d| d.ends_with(slug)));
    next.cases.extend(entries);
    let manifest_file = OutFile {
        path: PathBuf::from(MANIFEST),
        bytes: serde_json::to_vec_pretty(&next).unwrap_or_default(),
    };
    write::write_all(plan.output, &[manifest_file])?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_corpus() {
        let slugs: Vec<String> = (0..500).map(|i| format!("case-{i}")).collect();
        let shards: Vec<Shard> = (1..=4).map(|i| Shard { index: i, count: 4 }).collect();
        for s in &slugs {
            assert_eq!(shards.iter().filter(|sh| sh.contains(s)).count(), 1, "{s}");
        }
        let sizes: Vec<usize> = shards
            .iter()
            .map(|sh| slugs.iter().filter(|s| sh.contains(s)).count())
            .collect();
        assert!(sizes.iter().all(|&n| n > 80), "{sizes:?}");
    }

    #[test]
    fn shard_syntax() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { index: 2, count: 8 }));
        assert!("0/8".parse::<Shard>().is_err());
        assert!("9/8".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }
}
