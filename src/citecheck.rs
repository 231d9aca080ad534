//! The cite-check of a case: every excerpt checked against its source's text by the
//! [`crate::quote`] engine, the errors and warnings that raises, and the report's view.

use std::collections::HashMap;

use crate::error::{Error, Errors};
use crate::load::Case;
use crate::model::{Quality, Source, TextFile, TextScope};
use crate::pages::anchor;
use crate::quote::{self, Found, Pinpoint, Prepared, Relax, Status, TextOpts};
use crate::view::{CheckEntry, CiteCheckView, Provenance, StatusCount};

/// The cite-check of a case: one status per excerpt, in case order, with the errors
/// (misquotation, wrong pinpoint) and warnings (unverifiable) it raises.
#[derive(Debug, Default)]
pub struct CiteCheck {
    pub statuses: Vec<(String, Status)>,
    pub errors: Errors,
    pub warnings: Vec<Error>,
}

impl CiteCheck {
    /// What the brief must show about how each quotation was cut, by excerpt id.
    pub fn cuts(&self) -> HashMap<String, crate::cite::Cut> {
        self.statuses
            .iter()
            .filter_map(|(id, s)| {
                let f = s.found()?;
                Some((
                    id.clone(),
                    crate::cite::Cut {
                        footnote_omitted: f
                            .normalisations
                            .iter()
                            .any(|n| n.starts_with("footnote call omitted")),
                        sentence_continues: f.continues,
                    },
                ))
            })
            .collect()
    }

    /// Each excerpt's status, by excerpt id.
    pub fn status_by_id(&self) -> HashMap<&str, &Status> {
        self.statuses
            .iter()
            .map(|(id, s)| (id.as_str(), s))
            .collect()
    }
}

/// What an excerpt quotes: a source, or an authority's own text.
#[derive(Default)]
struct Origin<'c> {
    title: &'c str,
    text: Option<&'c TextFile>,
    /// The page its text starts on (an opinion's first reporter page).
    first_page: Option<u32>,
}

/// The sources and authorities of a case, by id.
struct Origins<'c> {
    sources: HashMap<&'c str, &'c Source>,
    authorities: HashMap<&'c str, &'c crate::model::Authority>,
}

impl<'c> Origins<'c> {
    fn new(case: &'c Case) -> Origins<'c> {
        let d = &case.data;
        Origins {
            sources: d.sources.iter().map(|s| (s.id.value.as_str(), s)).collect(),
            authorities: d
                .authorities
                .iter()
                .map(|a| (a.id.value.as_str(), a))
                .collect(),
        }
    }

    fn of(&self, id: &str) -> Origin<'c> {
        match (self.sources.get(id), self.authorities.get(id)) {
            (Some(s), _) => Origin {
                title: &s.title,
                text: s.text.as_ref(),
                first_page: None,
            },
            (None, Some(a)) => Origin {
                title: a.name.as_deref().unwrap_or_default(),
                text: a.text.as_ref(),
                first_page: a.page,
            },
            (None, None) => Origin::default(),
        }
    }
}

/// How many excerpts have each status, in the report's order: `3 verified, 1 found in an
/// excerpt only` (statuses with none left out).
pub fn counts_line(statuses: &[(String, Status)]) -> String {
    let counts = counts(statuses);
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

/// (status name, count) for every status, in the report's order.
pub fn counts(statuses: &[(String, Status)]) -> Vec<(&'static str, usize)> {
    Status::NAMES
        .iter()
        .map(|name| {
            (
                *name,
                statuses.iter().filter(|(_, s)| s.name() == *name).count(),
            )
        })
        .collect()
}

/// A found quotation, qualified by what its text is: a translation, an OCR text or a
/// file of excerpts cannot vouch for it, whatever the match (the weightiest reason wins).
fn qualify(status: Status, text: &TextFile) -> Status {
    let Some(found) = status.found().cloned() else {
        return status;
    };
    let with = |limit: String| Found {
        limit: Some(limit),
        ..found.clone()
    };
    match (text.quality, text.scope) {
        (Quality::Translation, _) => Status::Translation(with(match &text.translation_of {
            Some(o) => format!("the text is a translation; the original words are in `{}`", o.value),
            None => "the text is a translation: its words are the translator's".into(),
        })),
        (Quality::Ocr, _) => Status::Ocr(with(
            if found.normalisations.iter().any(|n| n.contains("[sic]")) {
                "the text was read by character recognition, so a misspelling marked [sic] may \
                 be the scanner's, not the document's"
                    .into()
            } else {
                "the text was read by character recognition, so its words may be the \
                 scanner's"
                    .into()
            },
        )),
        (_, TextScope::Excerpt) => Status::ExcerptOnly(with(
            "the file holds only passages of the document, so the words are checked but not their context".into(),
        )),
        _ => status,
    }
}

/// The warning a found-but-not-verified status raises: (code, fix).
fn not_verified(status: &Status) -> Option<(&'static str, &'static str)> {
    Some(match status {
        Status::NoPinpoint(_) => (
            "no-pinpoint",
            "add `page:` (and `footnote:` for a note) to the excerpt, as the report shows it",
        ),
        Status::ExcerptOnly(_) => (
            "excerpt-only",
            "replace the file with the document's full text and set `scope: full`",
        ),
        Status::Ocr(_) => (
            "ocr-text",
            "compare the quotation with the scan, correct the text, then set `quality: original`",
        ),
        Status::Translation(_) => (
            "translation",
            "quote the original words, or say in the brief that the words are a translation",
        ),
        _ => return None,
    })
}

/// Check every excerpt of a case against its source text (each text prepared once).
pub fn check(case: &Case) -> CiteCheck {
    let mut cc = CiteCheck::default();
    let mut prepared: HashMap<&str, Prepared> = HashMap::new();
    let origins = Origins::new(case);
    for e in &case.data.excerpts {
        let sid = e.source.value.as_str();
        let Origin {
            text: text_file,
            first_page,
            ..
        } = origins.of(sid);
        let status = match (case.texts.get(sid), text_file) {
            (Some(text), Some(tf)) => {
                let src = prepared.entry(sid).or_insert_with(|| {
                    Prepared::with(
                        text,
                        TextOpts {
                            excerpt_only: tf.scope == TextScope::Excerpt,
                            first_page,
                        },
                    )
                });
                let relax = Relax {
                    internal_quotes_omitted: e
                        .parenthetical
                        .as_deref()
                        .is_some_and(|p| p.contains("quotation marks omitted")),
                };
                let pin = Pinpoint::of(e);
                qualify(quote::check(src, &e.quote.value, pin, relax), tf)
            }
            _ => Status::Unverifiable {
                reason: format!("`{sid}` has no text in this case (add `text:` to it)"),
            },
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
                    .or(e.footnote.as_ref().map(|p| case.loc(p)))
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
            other => {
                if let (Some((code, help)), Some(f)) = (not_verified(other), other.found()) {
                    cc.warnings.push(Error::NotVerified {
                        at,
                        id: id.clone(),
                        status: other.name(),
                        code,
                        reason: f.limit.clone().unwrap_or_default(),
                        help: help.into(),
                    });
                }
            }
        }
        cc.statuses.push((id, status));
    }
    conflicting_versions(case, &mut prepared, &mut cc);
    cc
}

/// Most other sources one speaker's quotation is compared with.
const VERSIONS: usize = 8;

/// Rule: one speaker's words, found in one source, are not reported differently by
/// another source the case quotes the same speaker from (two reports of one statement).
/// Each found quotation is compared with at most [`VERSIONS`] other sources, so the
/// cost stays linear in the excerpts.
fn conflicting_versions<'c>(
    case: &'c Case,
    prepared: &mut HashMap<&'c str, Prepared>,
    cc: &mut CiteCheck,
) {
    let d = &case.data;
    let mut sources_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &d.excerpts {
        if let Some(sp) = &e.speaker {
            let list = sources_of.entry(sp.value.as_str()).or_default();
            let sid = e.source.value.as_str();
            if !list.contains(&sid) && list.len() < VERSIONS + 1 {
                list.push(sid);
            }
        }
    }
    for (e, (_, status)) in d.excerpts.iter().zip(&cc.statuses) {
        let (Some(sp), Some(_)) = (&e.speaker, status.found()) else {
            continue;
        };
        let own = e.source.value.as_str();
        for &other in sources_of.get(sp.value.as_str()).into_iter().flatten() {
            let Some(text) = case.texts.get(other).filter(|_| other != own) else {
                continue;
            };
            let src = prepared
                .entry(other)
                .or_insert_with(|| Prepared::with(text, TextOpts::default()));
            if let Some((passage, diff)) = quote::other_version(src, &e.quote.value) {
                cc.warnings.push(Error::ConflictingVersions {
                    at: case.loc(&e.quote),
                    id: e.id.value.clone(),
                    source_id: own.to_string(),
                    other_id: other.to_string(),
                    passage,
                    diff,
                });
            }
        }
    }
}

fn status_detail(s: &Status) -> (String, Vec<String>) {
    match s {
        Status::WrongPinpoint { cited, found } => {
            (format!("cited at {cited}, found at {found}"), vec![])
        }
        Status::Mismatch { closest, diff } => {
            (format!("closest passage: {closest} — diff: {diff}"), vec![])
        }
        Status::Unverifiable { reason } => (reason.clone(), vec![]),
        found => {
            let f = found.found().cloned().unwrap_or_default();
            let mut d = match f.describe().as_str() {
                "anywhere" => "found".to_string(),
                at => format!("found at {at}"),
            };
            if let Some(l) = &f.limit {
                d.push_str(&format!(" — {l}"));
            }
            (d, f.normalisations)
        }
    }
}

/// The cite-check report: counts by status and one entry per excerpt.
pub fn view(
    case: &Case,
    statuses: &[(String, Status)],
    exhibit_of: &HashMap<&str, String>,
) -> CiteCheckView {
    let mut view = CiteCheckView::default();
    let origins = Origins::new(case);
    for (e, (_, st)) in case.data.excerpts.iter().zip(statuses) {
        let (detail, normalisations) = status_detail(st);
        let sid = e.source.value.as_str();
        let Origin { title, text, .. } = origins.of(sid);
        view.entries.push(CheckEntry {
            id: e.id.value.clone(),
            anchor: anchor::quotation(&e.id.value),
            exhibit: exhibit_of.get(sid).cloned().unwrap_or_default(),
            source_title: title.to_string(),
            pinpoint: match Pinpoint::of(e).describe().as_str() {
                "anywhere" => "no pinpoint given".into(),
                p => format!("at {p}"),
            },
            quote: e.quote.value.trim().to_string(),
            status: st.name(),
            detail,
            normalisations,
            verified: st.is_verified(),
            text: text.map(provenance),
        });
    }
    view.counts = counts(statuses)
        .into_iter()
        .map(|(status, count)| StatusCount { status, count })
        .collect();
    view.total = statuses.len();
    view.verified = statuses.iter().filter(|(_, s)| s.is_verified()).count();
    view
}

/// A text's provenance as the report shows it.
pub fn provenance(t: &TextFile) -> Provenance {
    Provenance {
        file: t.file.value.clone(),
        scope: match t.scope {
            TextScope::Full => "full",
            TextScope::Excerpt => "excerpt",
        },
        quality: match t.quality {
            Quality::Original => "original",
            Quality::Ocr => "ocr",
            Quality::Translation => "translation",
            Quality::Transcript => "transcript",
        },
        from: t.from.clone(),
        retrieved: t.retrieved.as_ref().map(|d| d.value.to_string()),
        sha256: t.sha256.as_ref().map(|h| h.value.clone()),
    }
}
