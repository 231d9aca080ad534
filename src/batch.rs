//! Batch builds: the selected cases are processed in parallel (rayon, one template engine
//! shared by all threads, exactly `--jobs` threads for all of it), skipped when nothing
//! they depend on changed (see [`crate::manifest`]), optionally limited to one shard of
//! the corpus, and written in two phases so that a failure in any case leaves the output
//! folder as it was. Output bytes never depend on the thread count or on the manifest:
//! `build --check` always renders everything and must agree with a clean build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{BuildConfig, Mode, Shard};
use crate::error::{Error, Errors};
use crate::forum::Forums;
use crate::load;
use crate::manifest::{self, Entry, Manifest};
use crate::pipeline::{self, slug_of};
use crate::render::{Edition, Engine, OutFile};
use crate::report::{Diagnostic, Reporter, Severity};
use crate::view::SiteCase;
use crate::write::{self, Journal, Lock, Output, Staged};

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
    /// Temp files of an interrupted build that this build removed.
    pub cleaned: usize,
    /// How many threads processed cases (never more than `--jobs`).
    pub threads: usize,
}

enum Outcome {
    Unchanged(Entry),
    Rendered {
        entry: Entry,
        staged: Option<Staged>,
        stale: Vec<String>,
        files: usize,
    },
    Failed(Errors),
}

/// Everything one build shares between its threads.
struct Run<'a> {
    cfg: &'a BuildConfig,
    out: &'a Output,
    engine: &'a Engine,
    engine_fp: &'a str,
    forums: &'a Forums,
    journal: &'a Journal,
}

impl Run<'_> {
    fn one(&self, dir: &Path, previous: Option<&Entry>) -> Outcome {
        let fingerprint = manifest::case_fingerprint(dir, self.engine_fp);
        if self.cfg.mode == Mode::Write
            && let Some(e) = previous
            && e.fingerprint == fingerprint
            && !e.site.sealed
            && e.outputs_intact(self.out)
        {
            return Outcome::Unchanged(e.clone());
        }
        let result = pipeline::process(dir, self.forums).and_then(|p| {
            let sealed_case = p.case.is_sealed();
            let mut files = Vec::new();
            for (edition, r) in &p.editions {
                if !self.cfg.editions.contains(edition) {
                    continue;
                }
                files.extend(self.engine.render_case(
                    &r.view,
                    &self.cfg.formats,
                    *edition,
                    sealed_case,
                )?);
                if *edition == Edition::Sealed {
                    files.push(redaction_log(&p.case.slug, &r.view.redactions));
                }
            }
            proof_of_no_leak(&p.case, &files, self.out)?;
            Ok((p.site, p.warnings, files, p.case.seals.clone()))
        });
        let (site, warnings, files, seals) = match result {
            Ok(x) => x,
            Err(e) => return Outcome::Failed(e),
        };
        let mut entry = Entry {
            fingerprint,
            site,
            files: Vec::new(),
            // The manifest sits in the public folder: a case with protected words keeps no
            // warnings there (they may quote the words) and is rendered on every build.
            warnings: if seals.is_empty() {
                Diagnostic::warnings(&warnings)
            } else {
                Vec::new()
            },
        };
        let count = files.len();
        match self.cfg.mode {
            Mode::Check => match write::stale(self.out, &files) {
                Ok(stale) => Outcome::Rendered {
                    entry,
                    staged: None,
                    stale,
                    files: count,
                },
                Err(e) => Outcome::Failed(e.into()),
            },
            Mode::Write => match write::stage(self.out, &files, self.journal) {
                Ok(s) => {
                    entry.files = s.idents.clone();
                    Outcome::Rendered {
                        entry,
                        staged: Some(s),
                        stale: Vec::new(),
                        files: count,
                    }
                }
                Err(e) => Outcome::Failed(e.into()),
            },
        }
    }
}

/// The redaction log as JSON, beside the sealed edition's pages.
fn redaction_log(slug: &str, log: &[crate::view::RedactionView]) -> OutFile {
    let json =
        serde_json::to_string_pretty(&serde_json::json!({ "redactions": log })).unwrap_or_default();
    OutFile {
        path: Edition::Sealed.folder().join(slug).join("redactions.json"),
        bytes: (json + "\n").into_bytes(),
    }
}

/// The leak proof: no file the public edition writes spells a protected string, in its
/// name or its bytes, in any of the forms [`crate::seal::forms`] lists.
/// The largest file an earlier build may have left in a sealed case's public folder that
/// the leak scan reads (a larger one fails the build, unchecked).
const LEFTOVER_MAX: u64 = 256 * 1024 * 1024;

fn proof_of_no_leak(
    case: &crate::load::Case,
    files: &[OutFile],
    out: &Output,
) -> Result<(), Errors> {
    if case.seals.is_empty() {
        return Ok(());
    }
    let sealed = Edition::Sealed.folder();
    // What this build writes for the public, and what an earlier build left in the case's
    // public folder that this one does not replace (a page of a renamed id, a format no
    // longer asked for): both are public. A leftover that cannot be read fails the build:
    // a file the scan cannot see is not a file it has cleared.
    let written: std::collections::HashSet<&Path> =
        files.iter().map(|f| f.path.as_path()).collect();
    let folder = out.real.join(&case.slug);
    let mut leftovers: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if folder.exists() {
        for e in crate::fs::walk(&folder)? {
            let rel = Path::new(&case.slug).join(&e.rel);
            if e.meta.is_file() && !written.contains(rel.as_path()) {
                let bytes = crate::fs::read_bytes(&e.path, LEFTOVER_MAX, crate::fs::Links::Refuse)?;
                leftovers.push((rel, bytes));
            }
        }
    }
    let public = files
        .iter()
        .filter(|f| !f.path.starts_with(sealed))
        .map(|f| (f.path.as_path(), f.bytes.as_slice()))
        .chain(leftovers.iter().map(|(p, b)| (p.as_path(), b.as_slice())));
    let found = crate::seal::leaks(public, &case.seals);
    if found.is_empty() {
        return Ok(());
    }
    // Point at where the case file spells the words unmarked (a forgotten occurrence, an
    // id), or else at the words' first marker.
    let original = crate::fs::Folder::new(&case.dir)
        .read_text(&case.file, crate::load::MAX_YAML_BYTES)
        .unwrap_or_default();
    Err(Errors(
        found
            .into_iter()
            .map(|(text, files)| {
                let seal = case.seals.iter().find(|s| s.text == text);
                let (line, col) = crate::seal::unmarked(&original, &text)
                    .or_else(|| seal.map(|s| (s.line, s.col)))
                    .unwrap_or((1, 1));
                Error::Leak {
                    file: files.join(", "),
                    what: format!("`{text}`"),
                    at: crate::error::Loc::new(case.file.clone(), line, col),
                }
            })
            .collect(),
    ))
}

/// The case folders to process: the named ones (or all), then this shard's share.
pub fn select(
    cases_dir: &Path,
    all: &[PathBuf],
    names: &[String],
    shard: Option<Shard>,
) -> Result<Vec<PathBuf>, Errors> {
    let mut chosen = Vec::new();
    let mut errors = Errors::default();
    if names.is_empty() {
        chosen = all.to_vec();
    } else {
        let slugs: Vec<String> = all.iter().map(|p| slug_of(p)).collect();
        for n in names {
            match all.iter().find(|p| slug_of(p) == *n) {
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
        chosen.retain(|p| s.contains(&slug_of(p)));
    }
    if errors.is_empty() {
        Ok(chosen)
    } else {
        Err(errors)
    }
}

/// The result of a build: its warnings (printed whether or not it failed) and either a
/// summary or the errors.
pub struct Built {
    pub warnings: Vec<Diagnostic>,
    pub result: Result<Summary, Errors>,
}

/// Build (or check) the configured cases.
pub fn build(cfg: &BuildConfig, reporter: &Reporter) -> Built {
    let mut warnings = Vec::new();
    let journal = Journal::default();
    let result = build_inner(cfg, reporter, &journal, &mut warnings);
    if result.is_err() {
        // Temp files, and folders this build created, go: the output is as it was.
        journal.rollback();
    }
    Built { warnings, result }
}

fn build_inner(
    cfg: &BuildConfig,
    reporter: &Reporter,
    journal: &Journal,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Summary, Errors> {
    let start = Instant::now();
    let out = Output::resolve(
        &cfg.output,
        &[("cases", &cfg.cases), ("templates", &cfg.templates)],
    )?;
    let all = load::discover(&cfg.cases)?;
    let dirs = select(&cfg.cases, &all, &cfg.names, cfg.shard)?;
    let mut engine = Engine::new(Some(&cfg.templates))?;
    engine.markdown = cfg.markdown;
    let forums = crate::load::forums(&cfg.templates)?;
    let engine_fp = manifest::engine_fingerprint(&cfg.templates, &format!("{:?}", cfg.markdown));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Error::Usage {
            message: format!("cannot start {} threads: {e}", cfg.jobs),
        })?;
    let mut summary = Summary {
        cases: dirs.len(),
        ..Summary::default()
    };
    let (_lock, previous) = match cfg.mode {
        Mode::Write => {
            let lock = Lock::acquire(&out, journal)?;
            summary.cleaned = write::remove_leftovers(&out)?;
            (Some(lock), Manifest::load(&out, &engine_fp, all.len()))
        }
        Mode::Check => {
            summary.stale.extend(write::leftovers(&out).iter().map(|p| {
                format!(
                    "{} (a temp file left by an interrupted build)",
                    p.strip_prefix(&out.real).unwrap_or(p).display()
                )
            }));
            (None, Manifest::default())
        }
    };
    let run = Run {
        cfg,
        out: &out,
        engine: &engine,
        engine_fp: &engine_fp,
        forums: &forums,
        journal,
    };
    let guard = Guard {
        engine: &engine,
        reporter,
        journal,
    };
    let progress = reporter.progress(dirs.len() as u64);
    let outcomes = guard.run(|| {
        pool.install(|| {
            dirs.par_iter()
                .map(|dir| {
                    let slug = slug_of(dir);
                    let o = run.one(dir, previous.cases.get(&slug));
                    progress.inc();
                    (slug, std::thread::current().id(), o)
                })
                .collect::<Vec<_>>()
        })
    });
    progress.finish();
    let (mut staged, entries) = gather(outcomes, &mut summary, warnings)?;

    // The site index lists every case, built now, earlier, or by another shard.
    let site = pool.install(|| site_index(&all, &entries, &previous, &forums));
    let site_files = guard.run(|| {
        pool.install(|| -> Result<Vec<_>, Errors> {
            let mut files = Vec::new();
            for &edition in &cfg.editions {
                // A sealed site only where some case has a sealed edition.
                if edition == Edition::Sealed && !site.iter().any(|c| c.sealed) {
                    continue;
                }
                files.extend(engine.render_site(&site, &cfg.formats, edition)?);
            }
            Ok(files)
        })
    })?;
    summary.files += site_files.len();
    if cfg.mode == Mode::Check {
        summary.stale.extend(write::stale(&out, &site_files)?);
        summary.stale.sort();
        summary.elapsed = start.elapsed();
        return Ok(summary);
    }
    staged.push(write::stage(&out, &site_files, journal)?);
    // The manifest last: it is renamed into place after everything it describes.
    let mut next = Manifest::new(&engine_fp);
    next.cases = previous.cases;
    next.cases
        .retain(|slug, _| all.iter().any(|d| slug_of(d) == *slug));
    next.cases.extend(entries);
    let manifest_staged = write::stage(&out, &[next.to_file()], journal)?;
    let w = write::commit(staged)?;
    write::commit(vec![manifest_staged])?;
    journal.forget();
    summary.written = w.written;
    summary.unchanged += w.unchanged;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// Runs template rendering under the watchdog (see [`crate::guard`]).
struct Guard<'a> {
    engine: &'a Engine,
    reporter: &'a Reporter,
    journal: &'a Journal,
}

impl Guard<'_> {
    fn run<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let watchdog = scope.spawn(|| {
                crate::guard::watch(&stop, |template, what| {
                    // A template over budget cannot be interrupted: take back what was
                    // staged, say which template, and end the process.
                    self.journal.rollback();
                    let e = self.engine.over_budget(template, what);
                    self.reporter.diagnostics(
                        Vec::new(),
                        vec![Diagnostic::new(Severity::Error, &e)],
                        None,
                    );
                    std::process::exit(1);
                });
            });
            let result = work();
            stop.store(true, Ordering::Release);
            watchdog.thread().unpark();
            result
        })
    }
}

type Staging = (Vec<Staged>, BTreeMap<String, Entry>);

/// Fold the cases' outcomes into the summary and the warnings; the staged files and the
/// manifest entries, or every case's errors.
fn gather(
    outcomes: Vec<(String, std::thread::ThreadId, Outcome)>,
    summary: &mut Summary,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Staging, Errors> {
    let mut errors = Errors::default();
    let mut staged = Vec::new();
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    let threads: std::collections::HashSet<_> = outcomes.iter().map(|(_, t, _)| *t).collect();
    summary.threads = threads.len();
    for (slug, _, o) in outcomes {
        match o {
            Outcome::Unchanged(e) => {
                summary.skipped += 1;
                summary.files += e.files.len();
                summary.unchanged += e.files.len();
                warnings.extend(e.warnings.iter().cloned());
                entries.insert(slug, e);
            }
            Outcome::Rendered {
                entry,
                staged: s,
                stale,
                files,
            } => {
                summary.rendered += 1;
                summary.files += files;
                summary.stale.extend(stale);
                warnings.extend(entry.warnings.iter().cloned());
                staged.extend(s);
                entries.insert(slug, entry);
            }
            Outcome::Failed(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok((staged, entries))
    } else {
        Err(errors)
    }
}

/// Every case's line in the site index: from this build, from the manifest of an earlier
/// one, or (a case another shard renders) from its data and cite-check alone, without
/// rendering it; so every shard writes the index a single build would, and the shards'
/// outputs merge into one site.
fn site_index(
    all: &[PathBuf],
    entries: &BTreeMap<String, Entry>,
    previous: &Manifest,
    forums: &Forums,
) -> Vec<SiteCase> {
    use rayon::prelude::*;
    all.par_iter()
        .filter_map(|dir| {
            let slug = slug_of(dir);
            if let Some(e) = entries.get(&slug).or_else(|| previous.cases.get(&slug)) {
                return Some(e.site.clone());
            }
            pipeline::site_entry(dir, forums).or_else(|| metadata_only(dir, &slug))
        })
        .collect()
}

/// A case that does not load and validate is listed from its YAML alone (its own build
/// reports why).
fn metadata_only(dir: &Path, slug: &str) -> Option<SiteCase> {
    let file = dir.join(load::CASE_FILE);
    let text = crate::fs::Folder::new(dir)
        .read_text(&file, load::MAX_YAML_BYTES)
        .ok()?;
    let case = load::case_from_text(slug, &file, &text).ok()?;
    pipeline::site_line(&case, None)
}
