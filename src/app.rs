//! Runs a parsed command through the pipeline: load -> validate -> resolve -> render ->
//! write. Every case is processed before anything is written; if any case fails, every
//! error is reported and nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::{Error, Errors};
use crate::load::{self, Case};
use crate::quote::Status;
use crate::render::{Engine, OutFile};
use crate::report::{Format, Reporter};
use crate::resolve::{self, Resolved};
use crate::view::SiteCase;
use crate::{validate, write};

/// Exit codes: 0 success, 1 errors or stale output, 2 usage (clap).
pub fn run(cli: Cli) -> ExitCode {
    let reporter = Reporter::new(cli.global.format, cli.global.quiet);
    let mut warnings = Vec::new();
    let result = match &cli.command {
        Command::Build { names, check } => build(&cli, names, *check, &reporter, &mut warnings),
        Command::Check { names, strict } => check(&cli, names, *strict, &reporter, &mut warnings),
        Command::New { slug } => new_case(&cli.global.cases, slug, &reporter),
        Command::List => list(&cli, &reporter),
    };
    match result {
        Ok(()) => {
            // `check --format json` and `list` own stdout; other commands report warnings.
            let owns_stdout = cli.global.format == Format::Json
                && matches!(cli.command, Command::Check { .. } | Command::List);
            if !owns_stdout {
                reporter.diagnostics(&warnings, &[]);
            }
            ExitCode::SUCCESS
        }
        Err(mut errors) => {
            errors.sort();
            reporter.diagnostics(&warnings, &errors.0);
            ExitCode::FAILURE
        }
    }
}

/// The case folders to process: the named ones, or all of them.
fn select(cases_dir: &Path, names: &[String]) -> Result<Vec<PathBuf>, Errors> {
    let all = load::discover(cases_dir)?;
    if names.is_empty() {
        return Ok(all);
    }
    let slugs: Vec<String> = all
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let mut errors = Errors::default();
    let mut out = Vec::new();
    for n in names {
        match all.iter().zip(&slugs).find(|(_, s)| *s == n) {
            Some((p, _)) => out.push(p.clone()),
            None => errors.push(Error::UnknownCase {
                name: n.clone(),
                dir: cases_dir.to_path_buf(),
                candidates: slugs.clone(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Load, validate and resolve one case.
pub fn process(dir: &Path) -> Result<(Case, Resolved), Errors> {
    let case = load::load_case(dir)?;
    let ids = validate::validate(&case)?;
    let resolved = resolve::resolve(&case, &ids)?;
    Ok((case, resolved))
}

fn site_case(case: &Case) -> SiteCase {
    let i = &case.data.case.value;
    SiteCase {
        slug: case.slug.clone(),
        title: i.title.clone(),
        short_title: i.short_title.clone(),
        court: i.court.clone(),
        docket: i.docket.clone(),
        status: i.status.label(),
        disposition: i.disposition.clone(),
    }
}

/// Render the named cases (all by default) plus the site index, in memory.
pub fn render_all(
    cases_dir: &Path,
    templates: &Path,
    names: &[String],
    warnings: &mut Vec<Error>,
) -> Result<Vec<OutFile>, Errors> {
    let dirs = select(cases_dir, names)?;
    let engine = Engine::new(Some(templates))?;
    let mut errors = Errors::default();
    let mut files = Vec::new();
    for dir in &dirs {
        match process(dir).and_then(|(case, r)| {
            warnings.extend(r.warnings);
            engine.render_case(&r.view).map(|f| (case, f))
        }) {
            Ok((_, f)) => files.extend(f),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // The site index always lists every case, even when only some are rebuilt.
    let mut site = Vec::new();
    for dir in load::discover(cases_dir)? {
        if let Ok(case) = load::load_case(&dir) {
            site.push(site_case(&case));
        }
    }
    files.extend(engine.render_site(&site)?);
    Ok(files)
}

fn build(
    cli: &Cli,
    names: &[String],
    check_only: bool,
    reporter: &Reporter,
    warnings: &mut Vec<Error>,
) -> Result<(), Errors> {
    let g = &cli.global;
    write::check_output_dir(&g.output, &[&g.cases, &g.templates])?;
    let files = render_all(&g.cases, &g.templates, names, warnings)?;
    if check_only {
        let stale = write::stale(&g.output, &files)?;
        if !stale.is_empty() {
            return Err(Error::Stale { files: stale }.into());
        }
        reporter.info(&format!("output is up to date ({} files)", files.len()));
        return Ok(());
    }
    let _lock = write::Lock::acquire(&g.output)?;
    let w = write::write_all(&g.output, &files)?;
    reporter.info(&format!(
        "built {} file(s) in {}: {} written, {} unchanged",
        files.len(),
        g.output.display(),
        w.written,
        w.unchanged
    ));
    Ok(())
}

fn check(
    cli: &Cli,
    names: &[String],
    strict: bool,
    reporter: &Reporter,
    warnings: &mut Vec<Error>,
) -> Result<(), Errors> {
    let g = &cli.global;
    let dirs = select(&g.cases, names)?;
    let mut errors = Errors::default();
    let mut report = Vec::new();
    for dir in &dirs {
        match process(dir) {
            Ok((case, r)) => {
                if strict {
                    for w in r.warnings {
                        if matches!(w, Error::Quote { .. }) {
                            errors.push(w)
                        } else {
                            warnings.push(w)
                        }
                    }
                } else {
                    warnings.extend(r.warnings);
                }
                let authorities: Vec<serde_json::Value> = case
                    .data
                    .authorities
                    .iter()
                    .map(|a| {
                        serde_json::json!({
                            "id": a.id.value, "kind": a.kind, "volume": a.volume,
                            "reporter": a.reporter, "page": a.page, "court": a.court,
                            "year": a.year, "title": a.title, "code": a.code, "section": a.section,
                        })
                    })
                    .collect();
                report.push((
                    case.slug.clone(),
                    r.statuses,
                    r.brief_citations,
                    authorities,
                ));
            }
            Err(e) => {
                // A case whose quotes fail still gets its report printed.
                if let Ok(case) = load::load_case(dir)
                    && validate::validate(&case).is_ok()
                {
                    let mut ws = Vec::new();
                    let mut es = Errors::default();
                    report.push((
                        case.slug.clone(),
                        resolve::cite_check_only(&case, &mut es, &mut ws),
                        Vec::new(),
                        Vec::new(),
                    ));
                }
                errors.extend(e);
            }
        }
    }
    match g.format {
        Format::Json => {
            let doc: Vec<_> = report
                .iter()
                .map(|(slug, st, cites, auths)| {
                    serde_json::json!({
                        "case": slug,
                        "brief_citations": cites,
                        "authorities": auths,
                        "excerpts": st.iter().map(|(id, s)| {
                            let mut v = serde_json::to_value(s).unwrap_or_default();
                            if let Some(o) = v.as_object_mut() { o.insert("id".into(), id.clone().into()); }
                            v
                        }).collect::<Vec<_>>()
                    })
                })
                .collect();
            reporter.stdout(&format!("{:#}\n", serde_json::json!({ "cite_check": doc })));
        }
        Format::Human => {
            let mut text = String::new();
            for (slug, st, _, _) in &report {
                text.push_str(&format!("{slug}: {} excerpt(s)\n", st.len()));
                for (id, s) in st {
                    text.push_str(&format!("  {id}: {}{}\n", s.name(), detail(s)));
                }
            }
            if !g.quiet {
                reporter.stdout(&text);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn detail(s: &Status) -> String {
    match s {
        Status::VerifiedWithNormalisations { normalisations, .. } => {
            format!(" ({})", normalisations.join("; "))
        }
        Status::WrongPinpoint { cited, found } => format!(" (cited {cited}, found {found})"),
        Status::Unverifiable { reason } => format!(" ({reason})"),
        Status::Mismatch { .. } | Status::Verified { .. } => String::new(),
    }
}

fn list(cli: &Cli, reporter: &Reporter) -> Result<(), Errors> {
    let mut text = String::new();
    for dir in load::discover(&cli.global.cases)? {
        let slug = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match load::load_case(&dir) {
            Ok(c) => {
                let i = &c.data.case.value;
                text.push_str(&format!(
                    "{slug}\t{}\t{}\t{}\n",
                    i.short_title,
                    i.docket,
                    i.status.label()
                ));
            }
            Err(_) => text.push_str(&format!(
                "{slug}\t(does not load: run `casefile check {slug}`)\n"
            )),
        }
    }
    reporter.stdout(&text);
    Ok(())
}

/// The starter case `casefile new` writes. It validates and renders as it is.
const STARTER: &str = include_str!("starter.yaml");
const STARTER_SOURCE: &str = include_str!("starter-source.txt");

fn new_case(cases_dir: &Path, slug: &str, reporter: &Reporter) -> Result<(), Errors> {
    if !load::valid_slug(slug) {
        return Err(Error::BadSlug {
            slug: slug.to_string(),
        }
        .into());
    }
    let dir = cases_dir.join(slug);
    if dir.exists() {
        return Err(Error::AlreadyExists { path: dir }.into());
    }
    let files = [
        OutFile {
            path: PathBuf::from(slug).join(load::CASE_FILE),
            bytes: STARTER.as_bytes().to_vec(),
        },
        OutFile {
            path: PathBuf::from(slug).join("sources/example-order.txt"),
            bytes: STARTER_SOURCE.as_bytes().to_vec(),
        },
    ];
    write::write_all(cases_dir, &files)?;
    reporter.info(&format!(
        "created {}: edit case.yaml, then run `casefile build {slug}`",
        dir.display()
    ));
    Ok(())
}
