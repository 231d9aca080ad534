//! The stages one case goes through before rendering: load → validate → resolve. Both
//! `build` and `check` run a case through here.

use std::path::Path;

use crate::error::Errors;
use crate::forum::Forums;
use crate::load::{self, Case};
use crate::quote::Status;
use crate::resolve::{self, Resolved};
use crate::validate;
use crate::view::SiteCase;

/// Load, validate and resolve one case.
pub fn process(dir: &Path, forums: &Forums) -> Result<(Case, Resolved), Errors> {
    let case = load::load_case(dir, forums)?;
    let ids = validate::validate(&case)?;
    let resolved = resolve::resolve(&case, &ids)?;
    Ok((case, resolved))
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
