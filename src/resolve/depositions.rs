//! Deposition outlines: one per proposed deponent, with why the record cannot supply the
//! testimony and the topics with the excerpts that ground them.

use std::collections::BTreeMap;

use super::Ctx;
use super::overview::positions;
use crate::cite::Target;
use crate::cite::prose::{self, Body, linked};
use crate::cite::{Request, Tracker};
use crate::pages::{Page, anchor};
use crate::view::{DepositionView, ObjectionView, QuoteView, TopicView};

/// A quotation as a deposition outline or a who's-who page shows it.
///
/// Each quotation in a list stands alone (a reader may come to it from anywhere), so its
/// citation is in full: never *Id.* or a short form pointing at the item above.
pub fn quote_view(ctx: &Ctx<'_>, t: Target<'_>, page: &Page) -> Option<QuoteView> {
    let e = t.excerpt()?;
    let mut own = Tracker::default();
    // Lists show every quotation as a block (rule 5.1(a): the original's quotation marks
    // are kept as they are).
    let (q, citation, block) =
        prose::quotation(&ctx.lib, (e, t), page, &mut own, (None, true, true));
    let status = ctx.status_of.get(e.id.value.as_str()).copied();
    Some(QuoteView {
        id: e.id.value.clone(),
        anchor: anchor::quotation(&e.id.value),
        href: page.quotation(&e.id.value),
        quote_md: q,
        citation_md: citation,
        block,
        status: status.map_or("unverifiable", |s| s.name()),
        caveat: status.and_then(|s| s.caveat()),
    })
}

pub fn build(ctx: &Ctx<'_>) -> Vec<DepositionView> {
    ctx.case
        .data
        .depositions
        .iter()
        .map(|dep| {
            let id = dep.deponent.value.as_str();
            let page = Page::Deposition {
                id: id.to_string(),
                variant: None,
            };
            // One tracker per outline; each Markdown field has its own namespace.
            let mut tracker = Tracker::default();
            let mut uses = BTreeMap::new();
            // In page order: the request, then each field.
            let requested_in_md = dep
                .requested_in
                .as_ref()
                .and_then(|r| ctx.lib.target(&r.value))
                .map(|t| {
                    let text = tracker.cite(&ctx.lib, t, Request::default());
                    linked(&ctx.lib, &page, &t, &text)
                });
            let mut render = |namespace: &str, text: &str| {
                // Each field is its own section: no *Id.* reaching into the one before.
                tracker.break_chain();
                let mut b = Body {
                    namespace: namespace.into(),
                    page: &page,
                    tracker: &mut tracker,
                    footnotes: None,
                    uses: &mut uses,
                    place: (String::new(), String::new()),
                    locator: None,
                };
                prose::render(&ctx.lib, text, &mut b)
            };
            let purpose_md = dep.purpose.as_ref().map(|p| render("purpose", &p.value));
            let why = render("why", &dep.why_unavailable.value);
            let objections = dep
                .objections
                .iter()
                .enumerate()
                .map(|(i, o)| ObjectionView {
                    objection: o.objection.clone(),
                    answer_md: render(&format!("objection-{}", i + 1), &o.answer.value),
                })
                .collect();
            let safeguards_md = dep
                .safeguards
                .as_ref()
                .map(|s| render("safeguards", &s.value));
            let show = super::overview::shown(ctx, &dep.show, &page);
            let topics = dep
                .topics
                .iter()
                .map(|t| TopicView {
                    topic: t.topic.clone(),
                    basis: t
                        .basis
                        .iter()
                        .filter_map(|b| {
                            let t = ctx.lib.excerpt(&b.value)?;
                            quote_view(ctx, t, &page)
                        })
                        .collect(),
                    questions: t.questions.clone(),
                })
                .collect();
            let person = ctx.people.get(id);
            DepositionView {
                id: id.to_string(),
                href: Page::CaseIndex.link(&page, None),
                name: ctx.person_name(id).to_string(),
                positions: person.map(|p| positions(ctx, p, &page)).unwrap_or_default(),
                status: dep.status.label(),
                requested_in_md,
                why_unavailable_md: why,
                purpose_md,
                topics,
                show,
                time_limit: dep.time_limit.clone(),
                objections,
                safeguards_md,
                note: dep.note.clone(),
            }
        })
        .collect()
}
