//! The cite-check of a case: every excerpt checked against its source's text by the
//! [`crate::quote`] engine, the errors and warnings that raises, and the report's view.

use std::collections::HashMap;

use crate::error::{Error, Errors};
use crate::load::Case;
use crate::pages::anchor;
use crate::quote::{self, Pinpoint, Prepared, Relax, Status};
use crate::view::{CheckEntry, CiteCheckView};

/// The cite-check of a case: one status per excerpt, in case order, with the errors
/// (misquotation, wrong pinpoint) and warnings (unverifiable) it raises.
#[derive(Debug, Default)]
pub struct CiteCheck {
    pub statuses: Vec<(String, Status)>,
    pub errors: Errors,
    pub warnings: Vec<Error>,
}

impl CiteCheck {
    /// Each excerpt's status name, by excerpt id.
    pub fn status_names(&self) -> HashMap<&str, &'static str> {
        self.statuses
            .iter()
            .map(|(id, s)| (id.as_str(), s.name()))
            .collect()
    }
}

/// Check every excerpt of a case against its source text (each text prepared once).
pub fn check(case: &Case) -> CiteCheck {
    let mut cc = CiteCheck::default();
    let mut prepared: HashMap<&str, Prepared> = HashMap::new();
    for e in &case.data.excerpts {
        let sid = e.source.value.as_str();
        let status = match case.texts.get(sid) {
            None => Status::Unverifiable {
                reason: format!(
                    "source `{sid}` has no text in this case (add `text:` to the source)"
                ),
            },
            Some(text) => {
                let src = prepared.entry(sid).or_insert_with(|| Prepared::new(text));
                let relax = Relax {
                    internal_quotes_omitted: e
                        .parenthetical
                        .as_deref()
                        .is_some_and(|p| p.contains("quotation marks omitted")),
                };
                let pin = Pinpoint {
                    page: e.page.as_ref().map(|p| p.value),
                    paragraph: e.paragraph.as_ref().map(|p| p.value),
                };
                quote::check(src, &e.quote.value, pin, relax)
            }
        };
        let at = case.loc(&e.quote);
        let id = e.id.value.clone();
        match &status {
            Status::Mismatch { closest, diff } => cc.errors.push(Error::Misquote {
                at,
                id: id.clone(),
                source_id: sid.to_string(),
                closest: closest.clone(),
                diff: diff.clone(),
            }),
            Status::WrongPinpoint { cited, found } => cc.errors.push(Error::WrongPinpoint {
                at: e
                    .page
                    .as_ref()
                    .map(|p| case.loc(p))
                    .or(e.paragraph.as_ref().map(|p| case.loc(p)))
                    .unwrap_or(at),
                id: id.clone(),
                source_id: sid.to_string(),
                cited: cited.clone(),
                found: found.clone(),
            }),
            Status::Unverifiable { reason } => cc.warnings.push(Error::Unverifiable {
                at,
                id: id.clone(),
                reason: reason.clone(),
            }),
            Status::Verified { .. } | Status::VerifiedWithNormalisations { .. } => {}
        }
        cc.statuses.push((id, status));
    }
    cc
}

fn status_detail(s: &Status) -> (String, Vec<String>) {
    let pin = |p: &Option<u32>, q: &Option<u32>| match (p, q) {
        (Some(p), Some(q)) => format!("found at page {p}, ¶ {q}"),
        (Some(p), None) => format!("found at page {p}"),
        (None, Some(q)) => format!("found at ¶ {q}"),
        (None, None) => "found".to_string(),
    };
    match s {
        Status::Verified { page, paragraph } => (pin(page, paragraph), vec![]),
        Status::VerifiedWithNormalisations {
            page,
            paragraph,
            normalisations,
        } => (pin(page, paragraph), normalisations.clone()),
        Status::WrongPinpoint { cited, found } => {
            (format!("cited at {cited}, found at {found}"), vec![])
        }
        Status::Mismatch { closest, diff } => {
            (format!("closest passage: {closest} — diff: {diff}"), vec![])
        }
        Status::Unverifiable { reason } => (reason.clone(), vec![]),
    }
}

/// The cite-check report: counts by status and one entry per excerpt.
pub fn view(
    case: &Case,
    statuses: &[(String, Status)],
    exhibit_of: &HashMap<&str, String>,
) -> CiteCheckView {
    let mut view = CiteCheckView::default();
    let sources: HashMap<&str, &crate::model::Source> = case
        .data
        .sources
        .iter()
        .map(|s| (s.id.value.as_str(), s))
        .collect();
    for (e, (_, st)) in case.data.excerpts.iter().zip(statuses) {
        match st {
            Status::Verified { .. } => view.verified += 1,
            Status::VerifiedWithNormalisations { .. } => view.normalised += 1,
            Status::WrongPinpoint { .. } => view.wrong_pinpoint += 1,
            Status::Mismatch { .. } => view.mismatch += 1,
            Status::Unverifiable { .. } => view.unverifiable += 1,
        }
        let (detail, normalisations) = status_detail(st);
        let sid = e.source.value.as_str();
        view.entries.push(CheckEntry {
            id: e.id.value.clone(),
            anchor: anchor::quotation(&e.id.value),
            exhibit: exhibit_of.get(sid).cloned().unwrap_or_default(),
            source_title: sources
                .get(sid)
                .map(|s| s.title.clone())
                .unwrap_or_default(),
            pinpoint: match (&e.page, &e.paragraph) {
                (Some(p), Some(q)) => format!("at {}, ¶ {}", p.value, q.value),
                (Some(p), None) => format!("at {}", p.value),
                (None, Some(q)) => format!("¶ {}", q.value),
                (None, None) => "—".into(),
            },
            quote: e.quote.value.trim().to_string(),
            status: st.name(),
            detail,
            normalisations,
        });
    }
    view
}
