//! Runs a parsed command through the pipeline: load -> validate -> resolve -> render ->
//! write. Every case is processed before anything is written; if any case fails, every
//! error is reported and nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::{Error, Errors};
use crate::load::{self, Case};
use crate::quote::Status;
use crate::render::OutFile;
use crate::report::{Format, Reporter};
use crate::resolve::{self, Resolved};
use crate::{validate, write};

/// Exit codes: 0 success, 1 errors or stale output, 2 usage (clap).
pub fn run(cli: Cli) -> ExitCode {
    let reporter = Reporter::new(cli.global.format, cli.global.quiet);
    let mut warnings = Vec::new();
    // A command's own JSON report, printed in one document with the diagnostics.
    let mut report = None;
    let result = match &cli.command {
        Command::Build {
            names,
            check,
            jobs,
            shard,
        } => build(&cli, names, *check, *jobs, *shard, &reporter, &mut warnings),
        Command::Check { names, strict } => {
            check(&cli, names, *strict, &reporter, &mut warnings, &mut report)
        }
        Command::New { slug } => new_case(&cli.global.cases, slug, &reporter),
        Command::List => list(&cli, &reporter),
    };
    let json_list = cli.global.format == Format::Json && matches!(cli.command, Command::List);
    match result {
        Ok(()) => {
            if !json_list {
                reporter.diagnostics(&warnings, &[], report);
            }
            ExitCode::SUCCESS
        }
        Err(mut errors) => {
            errors.sort();
            reporter.diagnostics(&warnings, &errors.0, report);
            ExitCode::FAILURE
        }
    }
}

/// Load, validate and resolve one case.
pub fn process(dir: &Path) -> Result<(Case, Resolved), Errors> {
    let case = load::load_case(dir)?;
    let ids = validate::validate(&case)?;
    let resolved = resolve::resolve(&case, &ids)?;
    Ok((case, resolved))
}

#[allow(clippy::too_many_arguments)]
fn build(
    cli: &Cli,
    names: &[String],
    check_only: bool,
    jobs: Option<usize>,
    shard: Option<crate::batch::Shard>,
    reporter: &Reporter,
    warnings: &mut Vec<Error>,
) -> Result<(), Errors> {
    let g = &cli.global;
    let plan = crate::batch::Plan {
        cases_dir: &g.cases,
        templates: &g.templates,
        output: &g.output,
        names,
        check_only,
        jobs,
        shard,
    };
    let s = crate::batch::build(&plan, reporter, warnings)?;
    if check_only {
        if !s.stale.is_empty() {
            return Err(Error::Stale { files: s.stale }.into());
        }
        reporter.info(&format!("output is up to date ({} files)", s.files));
        return Ok(());
    }
    reporter.info(&format!(
        "built {} case(s) into {} in {:.2} s: {} rendered, {} unchanged since the last build; {} file(s): {} written, {} unchanged",
        s.cases,
        g.output.display(),
        s.elapsed.as_secs_f64(),
        s.rendered,
        s.skipped,
        s.files,
        s.written,
        s.unchanged
    ));
    Ok(())
}

fn check(
    cli: &Cli,
    names: &[String],
    strict: bool,
    reporter: &Reporter,
    warnings: &mut Vec<Error>,
    json_report: &mut Option<serde_json::Value>,
) -> Result<(), Errors> {
    let g = &cli.global;
    let dirs = crate::batch::select(&g.cases, &load::discover(&g.cases)?, names, None)?;
    let mut errors = Errors::default();
    let mut report = Vec::new();
    for dir in &dirs {
        let case = match load::load_case(dir) {
            Ok(c) => c,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let ids = match validate::validate(&case) {
            Ok(ids) => ids,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let cc = resolve::cite_check(&case);
        // A case that fails later still gets its cite-check report.
        let statuses = cc.statuses.clone();
        match resolve::resolve_checked(&case, &ids, cc) {
            Ok(r) => {
                for w in r.warnings {
                    if strict && matches!(w, Error::Quote { .. }) {
                        errors.push(w);
                    } else {
                        warnings.push(w);
                    }
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
                report.push((case.slug.clone(), statuses, r.brief_citations, authorities));
            }
            Err(e) => {
                report.push((case.slug.clone(), statuses, Vec::new(), Vec::new()));
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
            *json_report = Some(serde_json::json!({ "cite_check": doc }));
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
            path: None,
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
