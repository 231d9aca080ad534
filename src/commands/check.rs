//! `casefile check`: load, validate and cite-check cases; print the cite-check report.

use super::Outcome;
use crate::batch::select;
use crate::config::CheckConfig;
use crate::error::Errors;
use crate::load;
use crate::quote::Status;
use crate::report::{Diagnostic, Format, Reporter};
use crate::{citecheck, resolve, validate};

/// One case's part of the report.
struct CaseReport {
    slug: String,
    statuses: Vec<(String, Status)>,
    /// Each document's citations, by document id.
    documents: Vec<(String, Vec<crate::cite::Logged>)>,
    /// Each document's length, as a line of the report.
    lengths: Vec<String>,
    authorities: Vec<serde_json::Value>,
    /// Id -> provenance of every text the case holds.
    texts: serde_json::Map<String, serde_json::Value>,
}

pub fn run(cfg: &CheckConfig, reporter: &Reporter) -> Outcome {
    let dirs = match load::discover(&cfg.cases)
        .and_then(|all| select(&cfg.cases, &all, &cfg.names, None))
    {
        Ok(d) => d,
        Err(e) => return Outcome::failed(e),
    };
    let forums = match load::forums(&cfg.templates) {
        Ok(f) => f,
        Err(e) => return Outcome::failed(e),
    };
    let mut errors = Errors::default();
    let mut warnings = Vec::new();
    let mut report = Vec::new();
    for dir in &dirs {
        let case = match load::load_case(dir, &forums) {
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
        let cc = citecheck::check(&case);
        // A case that fails later still gets its cite-check report.
        let statuses = cc.statuses.clone();
        let mut entry = CaseReport {
            slug: case.slug.clone(),
            statuses,
            documents: Vec::new(),
            lengths: Vec::new(),
            authorities: Vec::new(),
            texts: texts_json(&case),
        };
        match resolve::resolve_checked(&case, &ids, cc) {
            Ok(r) => {
                let filed: std::collections::HashSet<String> =
                    r.filed().into_iter().map(str::to_string).collect();
                for w in r.warnings {
                    // An entry only the research pages use is reported, not held to the
                    // filing standard (docs/cite-check.md, "What --strict holds").
                    let held = w.strict_subject().is_none_or(|s| filed.contains(s));
                    if cfg.strict && w.fails_strict() && held {
                        errors.push(w);
                    } else {
                        warnings.push(w);
                    }
                }
                entry.documents = r.citations;
                entry.lengths = r.view.documents.iter().map(length_line).collect();
                entry.authorities = case.data.authorities.iter().map(authority_json).collect();
            }
            Err(e) => errors.extend(e),
        }
        report.push(entry);
    }
    let json = match reporter.format {
        Format::Json => Some(serde_json::json!({
            "cite_check": report.iter().map(case_json).collect::<Vec<_>>()
        })),
        Format::Human => {
            if !reporter.quiet {
                reporter.stdout(&human(&report));
            }
            None
        }
    };
    Outcome {
        warnings: Diagnostic::warnings(&warnings),
        errors,
        report: json,
    }
}

fn authority_json(a: &crate::model::Authority) -> serde_json::Value {
    serde_json::json!({
        "id": a.id.value, "kind": a.kind, "volume": a.volume,
        "reporter": a.reporter, "page": a.page, "court": a.court,
        "year": a.year, "title": a.title, "code": a.code, "section": a.section,
    })
}

/// The provenance of each text the case holds, with the SHA-256 casefile computed.
fn texts_json(case: &crate::load::Case) -> serde_json::Map<String, serde_json::Value> {
    case.data
        .texts()
        .filter_map(|(id, t)| {
            let mut v = serde_json::to_value(crate::citecheck::provenance(t)).ok()?;
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "sha256_actual".into(),
                    case.text_hashes.get(&id.value).cloned().into(),
                );
            }
            Some((id.value.clone(), v))
        })
        .collect()
}

fn case_json(r: &CaseReport) -> serde_json::Value {
    serde_json::json!({
        "case": r.slug,
        "documents": r.documents.iter().map(|(id, c)| serde_json::json!({
            "id": id, "citations": c,
        })).collect::<Vec<_>>(),
        "authorities": r.authorities,
        "texts": r.texts,
        "excerpts": r.statuses.iter().map(|(id, s)| {
            let mut v = serde_json::to_value(s).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert("id".into(), id.clone().into());
            }
            v
        }).collect::<Vec<_>>()
    })
}

fn human(report: &[CaseReport]) -> String {
    let mut text = String::new();
    for r in report {
        text.push_str(&format!(
            "{}: {}: {}\n",
            r.slug,
            crate::report::count(r.statuses.len(), "excerpt"),
            crate::citecheck::counts_line(&r.statuses)
        ));
        for (id, s) in &r.statuses {
            text.push_str(&format!("  {id}: {}{}\n", s.name(), detail(s)));
        }
        for l in &r.lengths {
            text.push_str(&format!("  {l}\n"));
        }
    }
    text
}

/// A document's length in the unit its rule counts: `brief: 4,210 words, about 17 of the
/// 40 pages RCFC 5.4(b)(1) allows`.
fn length_line(d: &crate::view::DocumentView) -> String {
    match &d.length {
        None => format!("{}: {} words (no length rule for this kind)", d.id, d.words),
        Some(l) if l.estimate => format!(
            "{}: {} words, about {} of the {} pages {} allows",
            d.id, d.words, l.count, l.max, l.rule
        ),
        Some(l) => format!(
            "{}: {} of the {} words {} allows",
            d.id, l.count, l.max, l.rule
        ),
    }
}

fn detail(s: &Status) -> String {
    match s {
        Status::WrongPinpoint { cited, found } => format!(" (cited {cited}, found {found})"),
        Status::Unverifiable { reason } => format!(" ({reason})"),
        Status::Mismatch { .. } => String::new(),
        _ => {
            let Some(f) = s.found() else {
                return String::new();
            };
            let mut parts: Vec<String> = match f.describe().as_str() {
                _ if f.limit.as_deref().is_some_and(|l| l.contains("(it is at")) => Vec::new(),
                "anywhere" => Vec::new(),
                at => vec![format!("at {at}")],
            };
            parts.extend(f.limit.clone());
            parts.extend(f.normalisations.iter().cloned());
            format!(" ({})", parts.join("; "))
        }
    }
}
