//! The exhibit list: every source with its label, full citation and what the case quotes.

use std::collections::{HashMap, HashSet};

use super::Ctx;
use crate::cite::{Forms, Logged, Target};
use crate::load::Case;
use crate::pages::anchor;
use crate::view::{DocumentLink, DocumentView, ExhibitView};

/// Exhibit labels: the case's own, then A, B, … for the rest, skipping labels in use.
pub fn labels(case: &Case) -> HashMap<&str, String> {
    let used: HashSet<&str> = case
        .data
        .sources
        .iter()
        .filter_map(|s| s.exhibit.as_deref())
        .collect();
    let mut next = 0usize;
    let mut label = || loop {
        let mut n = next;
        let mut s = String::new();
        loop {
            s.insert(0, char::from(b'A' + (n % 26) as u8));
            if n < 26 {
                break;
            }
            n = n / 26 - 1;
        }
        next += 1;
        if !used.contains(s.as_str()) {
            return s;
        }
    };
    case.data
        .sources
        .iter()
        .map(|s| {
            (
                s.id.value.as_str(),
                s.exhibit.clone().unwrap_or_else(&mut label),
            )
        })
        .collect()
}

/// The exhibit list; `documents` are the case's documents with the citations each made.
pub fn build(ctx: &Ctx<'_>, documents: &[(&DocumentView, &[Logged])]) -> Vec<ExhibitView> {
    let d = &ctx.case.data;
    let forms = Forms {
        lib: &ctx.lib,
        as_of: None,
    };
    let mut quoted: HashMap<&str, usize> = HashMap::new();
    for e in &d.excerpts {
        *quoted.entry(e.source.value.as_str()).or_default() += 1;
    }
    let mut v: Vec<ExhibitView> = d
        .sources
        .iter()
        .map(|s| ExhibitView {
            label: ctx.lib.exhibit_label(&s.id.value),
            id: s.id.value.clone(),
            anchor: anchor::exhibit(&s.id.value),
            title: s.title.clone(),
            kind: s.kind.label(),
            author: s.author.clone(),
            outlet: s.outlet.clone(),
            date: s.date.as_ref().map(|d| d.value.long()),
            ecf: s.ecf.clone(),
            url: s.url.clone(),
            citation_md: forms.table(Target::Source(s)),
            text: s.text.as_ref().map(|t| t.file.value.clone()),
            text_scope: match s
                .text
                .as_ref()
                .map_or(crate::model::TextScope::Full, |t| t.scope)
            {
                crate::model::TextScope::Full => "full text",
                crate::model::TextScope::Excerpt => "quoted passages only",
            },
            excerpts: quoted.get(s.id.value.as_str()).copied().unwrap_or(0),
            cited_in: documents
                .iter()
                .filter(|(_, log)| log.iter().any(|l| l.id == s.id.value))
                .map(|(d, _)| DocumentLink {
                    short: d.short.clone(),
                    href: d.href.clone(),
                })
                .collect(),
            note: s.note.clone(),
        })
        .collect();
    v.sort_by(|a, b| (a.label.len(), &a.label).cmp(&(b.label.len(), &b.label)));
    v
}
