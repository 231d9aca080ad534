//! Who's-who pages, one per person and per organization (and per party that speaks or is
//! spoken of): their own words, what the sources say about them,
//! the events they appear in and the deposition topics that concern them. Each index is
//! built once, so the pages cost one pass over the excerpts, events and topics.

use std::collections::HashMap;

use super::Ctx;
use super::depositions::quote_view;
use super::overview::positions;
use crate::model::Excerpt;
use crate::pages::{Page, anchor};
use crate::view::{EventView, PositionView, WhoEvent, WhoTopic, WhoView};

pub fn build(ctx: &Ctx<'_>, timeline: &[EventView]) -> Vec<WhoView> {
    let d = &ctx.case.data;
    let mut said: HashMap<&str, Vec<&Excerpt>> = HashMap::new();
    let mut about: HashMap<&str, Vec<&Excerpt>> = HashMap::new();
    for e in &d.excerpts {
        let speaker = e.speaker.as_ref().map(|s| s.value.as_str());
        if let Some(s) = speaker {
            said.entry(s).or_default().push(e);
        }
        for c in &e.concerns {
            if speaker != Some(c.value.as_str()) {
                about.entry(c.value.as_str()).or_default().push(e);
            }
        }
    }
    // Every person's page is at the same depth: links from any of them are the same.
    let from = Page::Person {
        id: String::new(),
        variant: None,
    };
    let mut events: HashMap<&str, Vec<WhoEvent>> = HashMap::new();
    for (&(_, e), v) in ctx.events.iter().zip(timeline) {
        for p in &e.people {
            events.entry(p.value.as_str()).or_default().push(WhoEvent {
                date: v.date_long.clone(),
                title: v.title.clone(),
                anchor: v.anchor.clone(),
                href: from.link(&Page::Chronology, Some(&v.anchor)),
            });
        }
    }
    let mut topics: HashMap<&str, Vec<WhoTopic>> = HashMap::new();
    for dep in &d.depositions {
        let deponent = dep.deponent.value.as_str();
        for (i, t) in dep.topics.iter().enumerate() {
            // The deponent, and everyone an excerpt of the topic's basis is by or about.
            let mut who: Vec<&str> = vec![deponent];
            for b in &t.basis {
                if let Some(e) = ctx.lib.excerpts.get(b.value.as_str()) {
                    who.extend(e.concerns.iter().map(|c| c.value.as_str()));
                    who.extend(e.speaker.as_ref().map(|s| s.value.as_str()));
                }
            }
            who.sort_unstable();
            who.dedup();
            let outline = Page::Deposition {
                id: deponent.to_string(),
                variant: None,
            };
            let href = from.link(&outline, Some(&anchor::topic(i + 1)));
            for p in who {
                topics.entry(p).or_default().push(WhoTopic {
                    deponent_id: deponent.to_string(),
                    deponent: ctx.person_name(deponent).to_string(),
                    number: i + 1,
                    topic: t.topic.clone(),
                    href: href.clone(),
                });
            }
        }
    }
    let deponents: std::collections::HashSet<&str> = d
        .depositions
        .iter()
        .map(|x| x.deponent.value.as_str())
        .collect();
    entities(ctx, &said, &about)
        .into_iter()
        .map(|(pid, name, kind, positions, note)| {
            let page = Page::Person {
                id: pid.to_string(),
                variant: None,
            };
            let quotes = |list: Option<&Vec<&Excerpt>>| {
                list.map(|v| v.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|e| {
                        let t = ctx.lib.excerpt(&e.id.value)?;
                        quote_view(ctx, t, &page)
                    })
                    .collect()
            };
            WhoView {
                id: pid.to_string(),
                name: name.to_string(),
                kind,
                positions,
                note,
                said: quotes(said.get(pid)),
                about: quotes(about.get(pid)),
                events: events.remove(pid).unwrap_or_default(),
                topics: topics.remove(pid).unwrap_or_default(),
                deponent: deponents.contains(pid),
                outline: deponents.contains(pid).then(|| {
                    page.link(
                        &Page::Deposition {
                            id: pid.to_string(),
                            variant: None,
                        },
                        None,
                    )
                }),
            }
        })
        .collect()
}

/// One who's-who entry's own fields: id, name, kind, positions and note.
type Entity<'a> = (
    &'a str,
    &'a str,
    &'static str,
    Vec<PositionView>,
    Option<String>,
);

/// Everyone who may have a page: people, organizations, and parties the record quotes or
/// speaks of, in that order.
fn entities<'a>(
    ctx: &Ctx<'a>,
    said: &HashMap<&str, Vec<&Excerpt>>,
    about: &HashMap<&str, Vec<&Excerpt>>,
) -> Vec<Entity<'a>> {
    let d = &ctx.case.data;
    let people = d.people.iter().map(|p| {
        (
            p.id.value.as_str(),
            p.name.as_str(),
            "Person",
            positions(
                ctx,
                p,
                &Page::Person {
                    id: p.id.value.clone(),
                    variant: None,
                },
            ),
            p.note.clone(),
        )
    });
    let organizations = d.organizations.iter().map(|o| {
        (
            o.id.value.as_str(),
            o.name.as_str(),
            o.kind.label(),
            Vec::new(),
            o.note.clone(),
        )
    });
    let parties = d
        .parties
        .iter()
        .filter(|p| {
            said.contains_key(p.id.value.as_str()) || about.contains_key(p.id.value.as_str())
        })
        .map(|p| {
            (
                p.id.value.as_str(),
                p.name.as_str(),
                "Party",
                Vec::new(),
                None,
            )
        });
    people.chain(organizations).chain(parties).collect()
}
