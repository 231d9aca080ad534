//! Rules over the rendered case, run once after `resolve`: what can only be judged from
//! the documents as written (today: authorities listed but never cited). Each rule is a
//! named function; each finding is a warning.

use std::collections::HashSet;

use crate::error::Error;
use crate::load::Case;
use crate::pages::anchor;
use crate::view::CaseView;

/// Every finding of every rule, in case order.
pub fn lint(case: &Case, view: &CaseView) -> Vec<Error> {
    let mut found = Vec::new();
    uncited_authorities(case, view, &mut found);
    found
}

/// Rule: an authority the case lists is cited in its brief.
fn uncited_authorities(case: &Case, view: &CaseView, found: &mut Vec<Error>) {
    let Some(brief) = &view.brief else {
        return;
    };
    let cited: HashSet<&str> = brief
        .toa
        .iter()
        .flat_map(|g| &g.entries)
        .map(|e| e.anchor.as_str())
        .collect();
    for a in &case.data.authorities {
        if !cited.contains(anchor::toa(&a.id.value).as_str()) {
            found.push(Error::Uncited {
                at: case.loc(&a.id),
                id: a.id.value.clone(),
            });
        }
    }
}
