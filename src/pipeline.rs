//! The stages one case goes through before rendering: load → validate → resolve. Both
//! `build` and `check` run a case through here.

use std::path::Path;

use crate::error::Errors;
use crate::forum::Forums;
use crate::load::{self, Case};
use crate::quote::Status;
use crate::render::Edition;
use crate::resolve::{self, Resolved};
use crate::validate;
use crate::view::SiteCase;

/// One case, processed: the case as loaded (its plain text), its line in the site index
/// and each edition's views. A case without protected material has one edition, the
/// public one; a case with it also has the sealed one.
pub struct Processed {
    pub case: Case,
    pub site: SiteCase,
    /// Warnings, once (from the public edition).
    pub warnings: Vec<crate::error::Error>,
    pub editions: Vec<(Edition, Resolved)>,
}

/// Load, validate and resolve one case, in each of its editions. Validation and the
/// cite-check run on the plain text (quotations are checked with their protected words);
/// each edition is resolved from its own text, so the public one never holds them.
pub fn process(dir: &Path, forums: &Forums) -> Result<Processed, Errors> {
    let case = load::load_case(dir, forums)?;
    let ids = validate::validate(&case)?;
    let (Some(public), Some(sealed)) = (case.edition(false)?, case.edition(true)?) else {
        let mut resolved = resolve::resolve(&case, &ids)?;
        return Ok(Processed {
            site: site_case(&case, Some(&resolved.statuses)),
            warnings: std::mem::take(&mut resolved.warnings),
            editions: vec![(Edition::Public, resolved)],
            case,
        });
    };
    // One cite-check (of the plain text) serves both editions: the sealed one needs only
    // its statuses, its warnings being the public edition's.
    let cc = crate::citecheck::check(&case);
    let sealed_cc = crate::citecheck::CiteCheck {
        statuses: cc.statuses.clone(),
        ..crate::citecheck::CiteCheck::default()
    };
    let mut public_r = resolve::resolve_checked(&public, &ids, cc)?;
    // The cite-check ran on the plain text: what it says about a quotation (an alteration,
    // a normalization) may repeat protected words, and a text's SHA-256 would let anyone
    // confirm a guess at them. The public report keeps neither.
    for e in &mut public_r.view.citecheck.entries {
        e.detail = crate::seal::redact(&e.detail, &case.seals);
        for n in &mut e.normalisations {
            *n = crate::seal::redact(n, &case.seals);
        }
        if let Some(t) = e.text.as_mut() {
            t.sha256 = None;
        }
    }
    let mut sealed_r = resolve::resolve_checked(&sealed, &ids, sealed_cc)?;
    sealed_r.view.redactions = crate::resolve::redactions(&case, &sealed_r.view);
    Ok(Processed {
        site: SiteCase {
            sealed: true,
            ..site_case(&public, Some(&public_r.statuses))
        },
        warnings: std::mem::take(&mut public_r.warnings),
        editions: vec![(Edition::Public, public_r), (Edition::Sealed, sealed_r)],
        case,
    })
}

/// A case's line in the site index as a build that renders it would write it (its
/// cite-check counts included), without resolving or rendering it: for a case another
/// shard renders. `None` if the case does not load or validate.
pub fn site_entry(dir: &Path, forums: &Forums) -> Option<SiteCase> {
    let case = load::load_case(dir, forums).ok()?;
    validate::validate(&case).ok()?;
    let cc = crate::citecheck::check(&case);
    site_line(&case, Some(&cc.statuses))
}

/// A case's line in the site index, from its public text when it has protected words
/// (`None` if that text cannot be made).
pub fn site_line(case: &Case, statuses: Option<&[(String, Status)]>) -> Option<SiteCase> {
    match case.edition(false).ok()? {
        Some(public) => Some(SiteCase {
            sealed: true,
            ..site_case(&public, statuses)
        }),
        None => Some(site_case(case, statuses)),
    }
}

/// A case's line in the site index, with its cite-check counts when it was checked.
pub fn site_case(case: &Case, statuses: Option<&[(String, Status)]>) -> SiteCase {
    let i = &case.data.case.value;
    SiteCase {
        slug: case.slug.clone(),
        title: i.title.clone(),
        short_title: i.short_title.clone(),
        court: i.court.clone(),
        docket: i.docket.clone(),
        status: i.status.label().to_string(),
        disposition: i.disposition.clone(),
        quotations: statuses.map(quotations).unwrap_or_default(),
        sealed: false,
    }
}

/// `6 of 36 verified; 28 found in an excerpt only` (the statuses other than verified
/// that any quotation has).
fn quotations(statuses: &[(String, Status)]) -> String {
    let verified = statuses.iter().filter(|(_, s)| s.is_verified()).count();
    let mut out = format!("{verified} of {} verified", statuses.len());
    let others: Vec<String> = crate::citecheck::counts(statuses)
        .into_iter()
        .filter(|(name, n)| *n > 0 && !name.starts_with("verified"))
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    if !others.is_empty() {
        out.push_str("; ");
        out.push_str(&others.join(", "));
    }
    out
}

/// The folder name of a case folder.
pub fn slug_of(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
