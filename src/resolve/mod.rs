//! Stage 3: a validated case becomes the views its documents render. One builder per
//! document, each a small module that reads the shared [`Ctx`] and returns its view;
//! [`resolve`] is their composition. Builders assume `validate` passed: a reference that
//! does not resolve is left out, never an error here.

mod brief;
mod chronology;
mod depositions;
mod exhibits;
mod overview;
mod people;
mod service;
mod toa;

use std::collections::HashMap;

use crate::cite::{self, Library};
use crate::citecheck::{self, CiteCheck};
use crate::error::{Error, Errors};
use crate::load::Case;
use crate::model::{Event, Person};
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
    /// Every citation the brief makes, in order.
    pub brief_citations: Vec<cite::Logged>,
}

/// What every builder reads: the case and its indexes, built once.
pub struct Ctx<'a> {
    pub case: &'a Case,
    pub lib: Library<'a>,
    /// Excerpt id → cite-check status.
    pub status_of: HashMap<&'a str, &'static str>,
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
                ..Library::new(d, exhibits::labels(case))
            },
            status_of: cc.status_names(),
            people: d.people.iter().map(|p| (p.id.value.as_str(), p)).collect(),
            events,
        }
    }

    /// A person's name, or the id when the case does not list them.
    pub fn person_name(&self, id: &'a str) -> &'a str {
        self.people.get(id).map_or(id, |p| p.name.as_str())
    }
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
    let ctx = Ctx::new(case, &cc);
    let (brief, brief_citations) = match brief::build(&ctx) {
        Some((b, log)) => (Some(b), log),
        None => (None, Vec::new()),
    };
    let timeline = chronology::build(&ctx);
    let view = CaseView {
        timeline_svg: chronology::svg(&ctx, &timeline),
        who: people::build(&ctx, &timeline),
        depositions: depositions::build(&ctx),
        service: service::build(&ctx),
        exhibits: exhibits::build(&ctx),
        citecheck: citecheck::view(case, &cc.statuses, &ctx.lib.exhibit_of),
        timeline,
        brief,
        ..overview::build(&ctx)
    };
    let mut warnings = cc.warnings;
    warnings.extend(crate::lint::lint(case, &view, &brief_citations));
    Ok(Resolved {
        view,
        warnings,
        statuses: cc.statuses,
        brief_citations,
    })
}
