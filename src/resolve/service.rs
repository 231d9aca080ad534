//! The service list: each party's counsel, attorney of record first, as the case lists
//! them.

use super::Ctx;
use super::overview::{caption_label, counsel_view};
use crate::model::CounselRole;
use crate::view::ServiceEntry;

pub fn build(ctx: &Ctx<'_>) -> Vec<ServiceEntry> {
    ctx.case
        .data
        .parties
        .iter()
        .filter(|p| !p.counsel.is_empty())
        .map(|p| {
            let mut counsel: Vec<_> = p.counsel.iter().collect();
            counsel.sort_by_key(|c| c.role != CounselRole::AttorneyOfRecord);
            ServiceEntry {
                party: p.name.clone(),
                label: caption_label(&ctx.case.forum, p),
                counsel: counsel.into_iter().map(counsel_view).collect(),
            }
        })
        .collect()
}
