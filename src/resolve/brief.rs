//! The brief: caption, numbered sections with their citations written out, table of
//! contents, table of authorities (see [`super::toa`]), footnotes and signature.

use std::collections::BTreeMap;

use super::overview::caption_label;
use super::{Ctx, toa};
use crate::cite::prose::{self, Body, Uses};
use crate::cite::{Logged, Tracker};
use crate::model::{CitationStyle, Party, PartyRole, Section};
use crate::pages::{Page, anchor};
use crate::view::{BriefView, CaptionParty, FootnoteView, SectionView, TocEntry};

/// The brief's view and every citation it makes, if the case has a brief.
pub fn build(ctx: &Ctx<'_>) -> Option<(BriefView, Vec<Logged>)> {
    let d = &ctx.case.data;
    let b = &d.brief.as_ref()?.value;
    let footnotes_style = b.citations == CitationStyle::Footnotes;
    let as_of = b.date.as_ref().map(|d| d.value);
    let mut w = Walk {
        ctx,
        tracker: Tracker::dated(as_of),
        footnotes: footnotes_style.then(Vec::new),
        uses: BTreeMap::new(),
        sections: Vec::new(),
        toc: Vec::new(),
    };
    w.walk(&b.sections, 1, "", "");
    let toa = toa::build(ctx, &w.uses, as_of);
    let filer = d.parties.iter().find(|p| p.id.value == b.filed_by.value);
    let view = BriefView {
        title: b.title.clone(),
        caption: caption(&d.parties),
        filed_by: filer.map(|p| p.name.clone()).unwrap_or_default(),
        filed_by_label: filer.map(caption_label).unwrap_or_default(),
        footnotes_style,
        date: b.date.as_ref().map(|d| d.value.long()),
        note: b.note.clone(),
        any_unverified: toa.iter().flat_map(|g| &g.entries).any(|e| e.unverified),
        toc: w.toc,
        toa,
        sections: w.sections,
        footnotes: w.footnotes.unwrap_or_default(),
        signature: b.signature.clone(),
    };
    Some((view, w.tracker.log))
}

fn roman(mut n: usize) -> String {
    const T: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A section's number at its level: none for the top (its heading names it), then A, 1,
/// a, i.
fn number(level: usize, n: usize) -> String {
    let letter = |base: u8| char::from(base + ((n.saturating_sub(1)) % 26) as u8).to_string();
    match level {
        1 => String::new(),
        2 => letter(b'A'),
        3 => n.to_string(),
        4 => letter(b'a'),
        _ => roman(n).to_lowercase(),
    }
}

/// Walks the sections in order, sharing one citation state across the whole brief.
struct Walk<'w, 'a> {
    ctx: &'w Ctx<'a>,
    tracker: Tracker,
    footnotes: Option<Vec<FootnoteView>>,
    uses: Uses,
    sections: Vec<SectionView>,
    toc: Vec<TocEntry>,
}

impl Walk<'_, '_> {
    fn walk(&mut self, secs: &[Section], level: usize, path: &str, top: &str) {
        for (i, s) in secs.iter().enumerate() {
            let num = number(level, i + 1);
            let label_path = match (path.is_empty(), num.is_empty()) {
                (_, true) => String::new(),
                (true, false) => num.clone(),
                (false, false) => format!("{path}.{num}"),
            };
            let top_heading = if level == 1 { s.heading.as_str() } else { top };
            let label = if label_path.is_empty() {
                top_heading.to_string()
            } else {
                format!("{top_heading} {label_path}")
            };
            let anchor = anchor::section(&s.id.value);
            // Headings start a new discussion: no *Id.* across them.
            self.tracker.break_chain();
            let body_md = match &s.body {
                Some(body) => {
                    let locator = self.ctx.case.locator(body);
                    let mut b = Body {
                        namespace: s.id.value.clone(),
                        page: &Page::Brief,
                        tracker: &mut self.tracker,
                        footnotes: self.footnotes.as_mut(),
                        uses: &mut self.uses,
                        place: (label.clone(), anchor.clone()),
                        locator: Some(&locator),
                    };
                    prose::render(&self.ctx.lib, &body.value, &mut b)
                }
                None => String::new(),
            };
            let shown = if num.is_empty() {
                String::new()
            } else {
                format!("{num}.")
            };
            self.toc.push(TocEntry {
                number: shown.clone(),
                heading: s.heading.clone(),
                anchor: anchor.clone(),
                level,
            });
            self.sections.push(SectionView {
                anchor,
                number: shown,
                heading: s.heading.clone(),
                level,
                body_md,
            });
            self.walk(&s.sections, level + 1, &label_path, top_heading);
        }
    }
}

/// Caption order: plaintiffs or protesters, then `v.` and the defendants, then `and`
/// the intervenors. Amici do not appear in the caption.
fn caption(parties: &[Party]) -> Vec<CaptionParty> {
    use PartyRole as R;
    let mut v: Vec<&Party> = parties.iter().filter(|p| p.role != R::Amicus).collect();
    v.sort_by_key(|p| match p.role {
        R::Plaintiff | R::Protester => 0,
        R::Defendant => 1,
        _ => 2,
    });
    let mut seen_defendant = false;
    v.iter()
        .enumerate()
        .map(|(i, p)| {
            let before = match p.role {
                _ if i == 0 => "",
                R::Defendant if !seen_defendant => {
                    seen_defendant = true;
                    "v."
                }
                _ => "and",
            };
            CaptionParty {
                name: p.name.to_uppercase(),
                label: caption_label(p),
                before,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(number(1, 3), "");
        assert_eq!(number(2, 2), "B");
        assert_eq!(number(3, 4), "4");
        assert_eq!(roman(14), "XIV");
    }
}
