//! The case's landing page: its description, procurement, parties, people and summary.

use std::collections::BTreeMap;

use super::Ctx;
use crate::cite::Tracker;
use crate::cite::prose::{self, Body};
use crate::forum::Profile;
use crate::model::{Party, Person};
use crate::pages::Page;
use crate::view::{
    CaseView, CounselView, PartyView, PersonView, PositionView, ProcurementView, ShownView,
};

/// The case's own fields; the documents' views are filled in by their builders.
pub fn build(ctx: &Ctx<'_>) -> CaseView {
    let d = &ctx.case.data;
    let info = &d.case.value;
    CaseView {
        slug: ctx.case.slug.clone(),
        title: info.title.clone(),
        short_title: info.short_title.clone(),
        court: info.court.clone(),
        court_abbreviation: info.court_abbreviation.clone(),
        docket: info.docket.clone(),
        judge: info.judge.clone(),
        forum: ctx.case.forum.name.clone(),
        forum_id: info.forum.value.clone(),
        protest_type: info.protest_type.label(),
        status: info.status.label(),
        disposition: info.disposition.clone(),
        filed: info.filed.as_ref().map(|d| d.value.long()),
        closed: info.closed.as_ref().map(|d| d.value.long()),
        summary_md: info.summary.as_ref().map(|s| {
            let mut tracker = Tracker::default();
            let mut uses = BTreeMap::new();
            let mut b = Body {
                namespace: "summary".into(),
                page: &Page::CaseIndex,
                tracker: &mut tracker,
                footnotes: None,
                uses: &mut uses,
                place: (String::new(), String::new()),
                locator: None,
            };
            prose::render(&ctx.lib, &s.value, &mut b)
        }),
        procurement: d.procurement.as_ref().map(|p| {
            let p = &p.value;
            ProcurementView {
                agency: p.agency.clone(),
                program: p.program.clone(),
                solicitation: p.solicitation.clone(),
                contract: p.contract.clone(),
                estimated_value: p.estimated_value.as_ref().map(crate::model::Figure::show),
                awardee: p.awardee.as_ref().map(|a| {
                    d.parties
                        .iter()
                        .find(|x| x.id.value == a.value)
                        .map_or_else(|| a.value.clone(), |x| x.name.clone())
                }),
                award_date: p.award_date.as_ref().map(|d| d.value.long()),
                description: p.description.clone(),
            }
        }),
        parties: d
            .parties
            .iter()
            .map(|p| party(&ctx.case.forum, p))
            .collect(),
        people: d
            .people
            .iter()
            .map(|p| PersonView {
                id: p.id.value.clone(),
                href: Page::CaseIndex.link(
                    &Page::Person {
                        id: p.id.value.clone(),
                        variant: None,
                    },
                    None,
                ),
                name: p.name.clone(),
                positions: positions(ctx, p, &Page::CaseIndex),
                note: p.note.clone(),
            })
            .collect(),
        ..CaseView::default()
    }
}

/// One counsel as every page shows them.
pub fn counsel_view(c: &crate::model::Counsel) -> CounselView {
    CounselView {
        name: c.name.clone(),
        firm: c.firm.clone(),
        title: c.title.clone(),
        role: c.role.label(),
    }
}

fn party(forum: &Profile, p: &Party) -> PartyView {
    PartyView {
        id: p.id.value.clone(),
        name: p.name.clone(),
        short: p.short.clone().unwrap_or_else(|| p.name.clone()),
        role: p.role.label(),
        caption_label: caption_label(forum, p),
        counsel: p.counsel.iter().map(counsel_view).collect(),
    }
}

/// A party's label in a caption: the case's own (`Intervenor-Defendant`), else the forum
/// profile's for its role (`Plaintiff`, `Protester`).
pub fn caption_label(forum: &Profile, p: &Party) -> String {
    p.role_label.clone().unwrap_or_else(|| {
        forum
            .role(p.role)
            .map_or_else(|| p.role.label().to_string(), |r| r.label.clone())
    })
}

pub fn positions(ctx: &Ctx<'_>, p: &Person, page: &Page) -> Vec<PositionView> {
    p.positions
        .iter()
        .map(|x| PositionView {
            title: x.title.clone(),
            from: x.from.as_ref().map(|d| d.value.long()),
            to: x.to.as_ref().map(|d| d.value.long()),
            sources: shown(ctx, &x.sources, page),
        })
        .collect()
}

/// Sources as a page lists them beside what they support: exhibit label, citation as the
/// exhibit list gives it, and a link to the list's entry.
pub fn shown(ctx: &Ctx<'_>, ids: &[crate::model::Id], page: &Page) -> Vec<ShownView> {
    let forms = crate::cite::Forms {
        lib: &ctx.lib,
        as_of: None,
    };
    ids.iter()
        .filter_map(|id| {
            let s = *ctx.lib.sources.get(id.value.as_str())?;
            Some(ShownView {
                label: ctx.lib.exhibit_label(&s.id.value),
                citation_md: forms.table(crate::cite::Target::Source(s)),
                href: page.exhibit(&s.id.value),
            })
        })
        .collect()
}
