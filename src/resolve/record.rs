//! The record around the case, for its landing page: the organizations that act in it,
//! the earlier and related proceedings (with their decisions cited in their forum's form),
//! and the field of offerors (figures withheld where protected).

use super::Ctx;
use crate::model::Figure;
use crate::pages::Page;
use crate::view::{OfferorView, OrganizationView, ProceedingView, RatingView};

pub fn organizations(ctx: &Ctx<'_>) -> Vec<OrganizationView> {
    ctx.case
        .data
        .organizations
        .iter()
        .map(|o| OrganizationView {
            id: o.id.value.clone(),
            name: o.name.clone(),
            kind: o.kind.label(),
            href: Page::CaseIndex.link(
                &Page::Person {
                    id: o.id.value.clone(),
                    variant: None,
                },
                None,
            ),
            note: o.note.clone(),
        })
        .collect()
}

pub fn proceedings(ctx: &Ctx<'_>) -> Vec<ProceedingView> {
    let case = ctx.case;
    case.data
        .proceedings
        .iter()
        .map(|p| ProceedingView {
            id: p.id.value.clone(),
            relation: p.relation.label(),
            forum: case
                .forums
                .get(&p.forum.value)
                .map_or_else(|| p.forum.value.clone(), |f| f.name.clone()),
            number: p.number.clone(),
            filed_by: p
                .filed_by
                .as_ref()
                .map(|f| ctx.person_name(&f.value).to_string()),
            filed: p.filed.as_ref().map(|d| d.value.long()),
            decided: p.decided.as_ref().map(|d| d.value.long()),
            outcome: p.outcome.clone(),
            decision_md: p
                .decision
                .as_ref()
                .and_then(|a| ctx.cite_alone(&Page::CaseIndex, &a.value)),
            note: p.note.clone(),
        })
        .collect()
}

/// The evaluation factors offerors are rated on, in first-seen order.
pub fn rating_factors(ctx: &Ctx<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in ctx.case.data.offerors.iter().flat_map(|o| &o.ratings) {
        if !out.contains(&r.factor) {
            out.push(r.factor.clone());
        }
    }
    out
}

pub fn offerors(ctx: &Ctx<'_>, factors: &[String]) -> Vec<OfferorView> {
    ctx.case
        .data
        .offerors
        .iter()
        .map(|o| OfferorView {
            by_factor: if o.protected {
                Vec::new()
            } else {
                factors
                    .iter()
                    .map(|f| {
                        o.ratings
                            .iter()
                            .find(|r| &r.factor == f)
                            .map_or_else(|| "—".to_string(), |r| r.rating.clone())
                    })
                    .collect()
            },
            id: o.id.value.clone(),
            name: o.name.clone(),
            party: o.party.is_some(),
            awardee: o.awardee,
            // Protected figures never reach a view: no template can print them.
            price: (!o.protected)
                .then(|| o.price.as_ref().map(Figure::show))
                .flatten(),
            ratings: if o.protected {
                Vec::new()
            } else {
                o.ratings
                    .iter()
                    .map(|r| RatingView {
                        factor: r.factor.clone(),
                        rating: r.rating.clone(),
                    })
                    .collect()
            },
            protected: o.protected,
            cites_md: o
                .cites
                .iter()
                .filter_map(|c| ctx.cite_alone(&Page::CaseIndex, &c.value))
                .collect::<Vec<_>>()
                .join("; "),
            note: o.note.clone(),
        })
        .collect()
}
