//! The chronology: the timeline's events in date order, each row citing what supports it
//! in a self-contained form (a table has no "previous citation", so never *Id.*), and the
//! same events drawn to scale as an SVG.

use super::Ctx;
use crate::pages::{Page, anchor};
use crate::view::EventView;

pub fn build(ctx: &Ctx<'_>) -> Vec<EventView> {
    ctx.events
        .iter()
        .map(|&(i, e)| {
            let cites: Vec<String> = e
                .cites
                .iter()
                .filter_map(|c| ctx.cite_alone(&Page::Chronology, &c.value))
                .collect();
            EventView {
                anchor: anchor::event(e.id.as_ref().map(|id| id.value.as_str()), i),
                date: e.date.value.iso(),
                date_long: e.date.value.long(),
                title: e.title.clone(),
                detail: e.detail.clone(),
                ecf: e.ecf.clone(),
                cites_md: cites.join("; "),
                people: e
                    .people
                    .iter()
                    .map(|p| ctx.person_name(&p.value).to_string())
                    .collect(),
                uncertain: e.uncertain.clone(),
            }
        })
        .collect()
}

/// The events (already built, in date order) drawn to scale.
pub fn svg(ctx: &Ctx<'_>, timeline: &[EventView]) -> String {
    let points: Vec<crate::timeline::Point<'_>> = ctx
        .events
        .iter()
        .zip(timeline)
        .map(|(&(_, e), v)| crate::timeline::Point {
            date: e.date.value,
            label: &e.title,
            anchor: &v.anchor,
            when: e.date.value.bluebook(),
        })
        .collect();
    crate::timeline::svg(
        &points,
        &format!("Timeline of {}", ctx.case.data.case.value.short_title),
    )
}
