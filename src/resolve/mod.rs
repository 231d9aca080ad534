//! Stage 3: a validated case becomes the views its documents render. One builder per
//! document, each a small module that reads the shared [`Ctx`] and returns its view;
//! [`resolve`] is their composition. Builders assume `validate` passed: a reference that
//! does not resolve is left out, never an error here.

mod chronology;
mod depositions;
mod document;
mod exhibits;
mod overview;
mod people;
mod record;
mod service;
mod toa;

use std::collections::{HashMap, HashSet};

use crate::cite::prose;
use crate::cite::{self, Library, Request, Tracker};
use crate::citecheck::{self, CiteCheck};
use crate::error::{Error, Errors};
use crate::load::Case;
use crate::model::{Event, Person};
use crate::pages::Page;
use crate::quote::Status;
use crate::validate::Ids;
use crate::view::CaseView;

pub use exhibits::labels as exhibit_labels;

/// The result of resolving one case.
#[derive(Debug)]
pub struct Resolved {
    pub view: CaseView,
    pub warnings: Vec<Error>,
    /// Excerpt statuses, in case order, for `casefile check`.
    pub statuses: Vec<(String, Status)>,
    /// Every citation each document makes, in order, by document id.
    pub citations: Vec<(String, Vec<cite::Logged>)>,
}

impl Resolved {
    /// What the case's filings cite or quote: sources, authorities and excerpts by id.
    /// `check --strict` holds these entries to the filing standard.
    pub fn filed(&self) -> HashSet<&str> {
        self.view
            .documents
            .iter()
            .zip(&self.citations)
            .filter(|(d, _)| d.filing)
            .flat_map(|(_, (_, log))| log)
            .flat_map(|l| std::iter::once(l.id.as_str()).chain(l.excerpt.as_deref()))
            .collect()
    }
}

/// What every builder reads: the case and its indexes, built once.
pub struct Ctx<'a> {
    pub case: &'a Case,
    pub lib: Library<'a>,
    /// Excerpt id → cite-check status.
    pub status_of: HashMap<&'a str, &'a crate::quote::Status>,
    pub people: HashMap<&'a str, &'a Person>,
    /// Timeline events in date order (stable for equal dates), with their index in the
    /// case file.
    pub events: Vec<(usize, &'a Event)>,
}

impl<'a> Ctx<'a> {
    fn new(case: &'a Case, cc: &'a CiteCheck) -> Ctx<'a> {
        let d = &case.data;
        let mut events: Vec<(usize, &Event)> = d.timeline.iter().enumerate().collect();
        events.sort_by_key(|(i, e)| (e.date.value, *i));
        Ctx {
            case,
            lib: Library {
                cuts: cc.cuts(),
                agency_form: case.forum.decisions == crate::model::AuthorityKind::AgencyDecision,
                tabled: d
                    .documents()
                    .filter(|(_, doc)| {
                        let kind = doc.value.kind.as_ref().map(|k| k.value.as_str());
                        case.forum
                            .kind(kind.unwrap_or(&case.forum.default_document))
                            .is_some_and(|k| k.tables)
                    })
                    .map(|(id, _)| id.to_string())
                    .collect(),
                ..Library::new(d, exhibits::labels(case))
            },
            status_of: cc.status_by_id(),
            people: d.people.iter().map(|p| (p.id.value.as_str(), p)).collect(),
            events,
        }
    }

    /// A citation of `id` that stands on its own (a table cell, a list item): in full,
    /// linked from `page`. `None` when the case has nothing citable by that id.
    pub fn cite_alone(&self, page: &Page, id: &str) -> Option<String> {
        let t = self.lib.target(id)?;
        // A fresh tracker: each such citation stands on its own.
        let mut tracker = Tracker::default();
        let text = tracker.cite(&self.lib, t, Request::default());
        Some(prose::linked(&self.lib, page, &t, &text))
    }

    /// The name of a person, an organization or a party, or the id when the case does not
    /// list them.
    pub fn person_name(&self, id: &'a str) -> &'a str {
        let d = &self.case.data;
        if let Some(p) = self.people.get(id) {
            return &p.name;
        }
        let org = d.organizations.iter().find(|o| o.id.value == id);
        let party = || d.parties.iter().find(|p| p.id.value == id);
        org.map(|o| o.name.as_str())
            .or_else(|| party().map(|p| p.name.as_str()))
            .unwrap_or(id)
    }
}

/// Each document against its court's length limit: over a word limit is an error (the
/// count is exact); over a page limit by the estimate is a warning (pages depend on the
/// print; the count says how it was estimated).
fn lengths(case: &Case, view: &CaseView) -> (Errors, Vec<Error>) {
    let mut errors = Errors::default();
    let mut warnings = Vec::new();
    // Each view with its own document (a document of an unknown kind has no view).
    for (doc, v) in view
        .documents
        .iter()
        .filter_map(|v| Some((case.data.document(&v.id)?, v)))
    {
        let Some(l) = v.length.as_ref().filter(|l| l.count > l.max) else {
            continue;
        };
        let at = doc
            .value
            .id
            .as_ref()
            .map_or_else(|| case.loc(doc), |i| case.loc(i));
        if l.estimate {
            warnings.push(Error::Lint {
                at,
                rule: "length",
                code: "length-estimate",
                message: format!(
                    "document `{}` has {} words, about {} pages; {} allows {} pages",
                    v.id, v.words, l.count, l.rule, l.max
                ),
                help: "print it (or open its Word export) to count the pages the rule counts; \
                       shorten it, or move material to an appendix the rule exempts"
                    .into(),
                subject: None,
            });
        } else {
            errors.push(Error::OverLength {
                at,
                document: v.id.clone(),
                count: l.count,
                max: l.max,
                rule: l.rule.clone(),
            });
        }
    }
    (errors, warnings)
}

/// The redaction log of a case with protected spans, from its sealed edition's views:
/// each span with its designating party, its reason and the document sections it shows in.
pub fn redactions(case: &Case, sealed: &CaseView) -> Vec<crate::view::RedactionView> {
    case.seals
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let shown = crate::markdown::escape(&s.text);
            let mut places: Vec<String> = sealed
                .documents
                .iter()
                .flat_map(|d| {
                    d.sections
                        .iter()
                        .filter(|x| x.body_md.contains(&shown) || x.body_md.contains(&s.text))
                        .map(move |x| format!("{}: {}", d.title, x.heading))
                })
                .collect();
            places.dedup();
            if places.is_empty() {
                places.push("the case's pages (a name, a title, a note or a table)".into());
            }
            crate::view::RedactionView {
                number: i + 1,
                text: s.text.clone(),
                by: case
                    .data
                    .parties
                    .iter()
                    .find(|p| p.id.value == s.by)
                    .map_or_else(|| s.by.clone(), |p| p.name.clone()),
                why: s.why.clone(),
                line: s.line,
                places,
            }
        })
        .collect()
}

/// Resolve a validated case into its views.
pub fn resolve(case: &Case, ids: &Ids) -> Result<Resolved, Errors> {
    resolve_checked(case, ids, citecheck::check(case))
}

/// Resolve a case whose cite-check has already run (so `casefile check` can report the
/// statuses of a case that fails later). `ids` is the proof that `validate` passed.
pub fn resolve_checked(case: &Case, _ids: &Ids, cc: CiteCheck) -> Result<Resolved, Errors> {
    if !cc.errors.is_empty() {
        return Err(cc.errors);
    }
    let mut ctx = Ctx::new(case, &cc);
    let mut documents = Vec::new();
    let mut citations = Vec::new();
    for (view, log) in document::build_all(&ctx) {
        citations.push((view.id.clone(), log));
        documents.push(view);
    }
    // Other pages link an authority to the first table that lists it.
    for d in &documents {
        for e in d.toa.iter().flat_map(|g| &g.entries) {
            if let Some(id) = e.anchor.strip_prefix("toa-") {
                ctx.lib
                    .listed
                    .entry(id.to_string())
                    .or_insert_with(|| Page::document(&d.id));
            }
        }
    }
    let timeline = chronology::build(&ctx);
    let factors = record::rating_factors(&ctx);
    let view = CaseView {
        timeline_svg: chronology::svg(&ctx, &timeline),
        who: people::build(&ctx, &timeline),
        depositions: depositions::build(&ctx),
        service: service::build(&ctx),
        exhibits: exhibits::build(
            &ctx,
            &documents
                .iter()
                .zip(&citations)
                .map(|(d, (_, log))| (d, log.as_slice()))
                .collect::<Vec<_>>(),
        ),
        citecheck: citecheck::view(case, &cc.statuses, &ctx.lib.exhibit_of),
        timeline,
        documents,
        organizations: record::organizations(&ctx),
        proceedings: record::proceedings(&ctx),
        offerors: record::offerors(&ctx, &factors),
        rating_factors: factors,
        ..overview::build(&ctx)
    };
    let (too_long, estimates) = lengths(case, &view);
    if !too_long.is_empty() {
        return Err(too_long);
    }
    let mut warnings = cc.warnings;
    warnings.extend(estimates);
    warnings.extend(crate::lint::lint(case, &view, &citations));
    Ok(Resolved {
        view,
        warnings,
        statuses: cc.statuses,
        citations,
    })
}
