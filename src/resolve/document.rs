//! A document of the case (a memorandum, a protest, comments, a research memorandum, a
//! case study): its caption as its forum's profile lays it out, numbered sections with
//! their citations written out, table of contents, table of authorities (see
//! [`super::toa`]), footnotes and, for a filing, the signature.

use std::collections::BTreeMap;

use super::overview::caption_label;
use super::{Ctx, toa};
use crate::cite::prose::{self, Body, Uses};
use crate::cite::{Logged, Tracker};
use crate::forum::{Caption, CaptionValue, Closing, Side};
use crate::forum::{Limit, Unit};
use crate::markdown::{escape, word_count};
use crate::model::{CitationStyle, Date, Document, Include, Party, Qualifier, Section};
use crate::pages::{Page, anchor};
use crate::view::{
    CaptionLineView, CaptionParty, CaptionView, DocumentView, FootnoteView, LengthView,
    SectionView, SignerView, TocEntry,
};

/// Every document's view, and every citation each makes, in case order.
pub fn build_all(ctx: &Ctx<'_>) -> Vec<(DocumentView, Vec<Logged>)> {
    ctx.case
        .data
        .documents()
        .filter_map(|(id, doc)| build(ctx, id, &doc.value))
        .collect()
}

/// One document's view and every citation it makes (none when its kind is unknown, which
/// validation reports).
fn build(ctx: &Ctx<'_>, id: &str, b: &Document) -> Option<(DocumentView, Vec<Logged>)> {
    let d = &ctx.case.data;
    let forum = &ctx.case.forum;
    let kind_id = b
        .kind
        .as_ref()
        .map_or(forum.default_document.as_str(), |k| k.value.as_str());
    let kind = forum.kind(kind_id)?;
    let page = Page::document(id);
    let footnotes_style = b.citations == CitationStyle::Footnotes;
    let as_of = b.date.as_ref().map(|d| d.value);
    let mut w = Walk {
        ctx,
        page: &page,
        certificates: Vec::new(),
        as_of,
        tracker: Tracker::dated(as_of),
        footnotes: footnotes_style.then(Vec::new),
        uses: BTreeMap::new(),
        sections: Vec::new(),
        toc: Vec::new(),
    };
    w.walk(&b.sections, 1, "", "");
    // A kind without tables (a proposed order) has no table of authorities to fill.
    let toa = if kind.tables {
        toa::build(ctx, &w.uses, as_of)
    } else {
        Vec::new()
    };
    let words = count_words(&w);
    let limit = forum.limit(&kind.kind);
    for &i in &w.certificates {
        if let (Some(s), Some(l)) = (w.sections.get_mut(i), limit) {
            s.body_md = certificate(&kind.name, words, l);
        }
    }
    let length = limit.map(|l| LengthView {
        unit: l.unit,
        max: l.max,
        rule: l.rule.clone(),
        count: match (l.unit, l.words_per_page) {
            (Unit::Pages, Some(per)) => words.div_ceil(per.max(1)),
            _ => words,
        },
        estimate: l.unit == Unit::Pages,
    });
    let filer = b
        .filed_by
        .as_ref()
        .and_then(|f| d.parties.iter().find(|p| p.id.value == f.value));
    let caption_layout = kind.caption.as_ref().unwrap_or(&forum.caption);
    let marked = w.sections.iter().any(|s| {
        let text = format!("{}{}", s.heading, s.body_md);
        text.contains(&escape(crate::seal::MARK)) || text.contains("\\[\\[")
    }) || b.title.contains(crate::seal::MARK)
        || b.title.contains("[[");
    let view = DocumentView {
        id: id.to_string(),
        kind: kind.kind.clone(),
        kind_name: kind.name.clone(),
        short: kind.short.clone(),
        filing: kind.filing,
        href: Page::CaseIndex.link(&page, None),
        title: b.title.clone(),
        caption: caption(ctx, b, caption_layout),
        filed_by: filer.map(|p| p.name.clone()),
        filed_by_label: filer.map(|p| caption_label(forum, p)),
        prepared_by: b.prepared_by.clone(),
        footnotes_style,
        date: b.date.as_ref().map(|d| d.value.long()),
        note: b.note.clone(),
        any_unverified: toa.iter().flat_map(|g| &g.entries).any(|e| e.unverified),
        toc: w.toc,
        toa,
        sections: w.sections,
        footnotes: w.footnotes.unwrap_or_default(),
        signature: if kind.filing {
            b.signature.clone()
        } else {
            Vec::new()
        },
        signer: filer
            .and_then(|p| signer(p, b, forum.signature.as_ref()))
            .filter(|_| kind.filing),
        tables: kind.tables,
        marked,
        closing: match (kind.closing, kind.filing) {
            (Closing::Order, _) => "order",
            (Closing::Default, true) if b.study.is_some() => "study",
            (Closing::Default, true) => "signature",
            (Closing::Default, false) => "none",
        },
        study: b.study.as_ref().map(|s| s.value.clone()),
        words,
        length,
    };
    Some((view, w.tracker.log))
}

/// The signature block of the filing party's counsel the document names.
/// The block carries what the forum's rule asks for: the fax number only where it does
/// (4 C.F.R. § 21.1(c)(1), FAR 33.103(d)(2)(i)).
fn signer(
    party: &Party,
    doc: &Document,
    rule: Option<&crate::forum::SignatureRule>,
) -> Option<SignerView> {
    let name = &doc.signer.as_ref()?.value;
    let c = party.counsel.iter().find(|c| &c.name == name)?;
    let wants_fax = rule.is_some_and(|r| r.requires.contains(&crate::forum::ContactField::Fax));
    Some(SignerView {
        name: c.name.clone(),
        firm: c.firm.clone(),
        address: c.address.clone(),
        telephone: c.telephone.clone(),
        email: c.email.clone(),
        fax: c.fax.clone().filter(|_| wants_fax),
        role: c.role.label(),
    })
}

/// Where a certificate's text goes until the document's words are counted.
const CERTIFICATE: &str = "\u{E000}certificate\u{E000}";

/// Words in the document's sections and footnotes, certificates left out.
fn count_words(w: &Walk<'_, '_>) -> usize {
    let sections: usize = w
        .sections
        .iter()
        .enumerate()
        .filter(|(i, _)| !w.certificates.contains(i))
        .map(|(_, s)| word_count(&s.heading) + word_count(&s.body_md))
        .sum();
    let notes: usize = w
        .footnotes
        .iter()
        .flatten()
        .map(|f| word_count(&f.text_md))
        .sum();
    sections + notes
}

/// A certificate of compliance with a word limit, stating the count.
fn certificate(kind_name: &str, words: usize, l: &Limit) -> String {
    let mut s = format!(
        "This {} complies with the limit of {} words in {}: it contains {words} words",
        escape(&kind_name.to_lowercase()),
        l.max,
        escape(&l.rule)
    );
    if l.excludes.is_empty() {
        s.push('.');
    } else {
        s.push_str(&format!(
            ", not counting {}.",
            escape(&l.excludes.join(", "))
        ));
    }
    s
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
    page: &'w Page,
    /// Sections (by index) that are certificates of compliance: not counted, and written
    /// once the rest is.
    certificates: Vec<usize>,
    /// The document's date: nothing later is told or cited.
    as_of: Option<Date>,
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
                        page: self.page,
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
            let body_md = match s.include {
                Some(Include::Proceedings) => {
                    let generated = procedural_history(self.ctx, self.as_of);
                    let mut b = Body {
                        namespace: format!("{}-history", s.id.value),
                        page: self.page,
                        tracker: &mut self.tracker,
                        footnotes: self.footnotes.as_mut(),
                        uses: &mut self.uses,
                        place: (label.clone(), anchor.clone()),
                        locator: None,
                    };
                    let history = prose::render(&self.ctx.lib, &generated, &mut b);
                    if body_md.is_empty() {
                        history
                    } else {
                        format!("{body_md}\n\n{history}")
                    }
                }
                Some(Include::Certificate) => {
                    self.certificates.push(self.sections.len());
                    CERTIFICATE.to_string()
                }
                None => body_md,
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

/// The procedural history as the document's date knows it, in case order, as a Markdown
/// list whose items cite each decision (so it enters the table of authorities): a
/// proceeding begun after the date is left out, and one decided after it is pending.
fn procedural_history(ctx: &Ctx<'_>, as_of: Option<Date>) -> String {
    let case = ctx.case;
    let in_time = |d: Date| as_of.is_none_or(|limit| d <= limit);
    let mut out = String::new();
    let begun = |p: &&crate::model::Proceeding| p.filed.as_ref().is_none_or(|d| in_time(d.value));
    for p in case.data.proceedings.iter().filter(begun) {
        let forum = case
            .forums
            .get(&p.forum.value)
            .map_or(p.forum.value.as_str(), |f| f.name.as_str());
        let mut item = format!(
            "- {}: {}, {}",
            p.relation.label(),
            escape(forum),
            escape(&p.number)
        );
        if let Some(f) = &p.filed_by {
            item.push_str(&format!(
                ", brought by {}",
                escape(ctx.person_name(&f.value))
            ));
        }
        if let Some(d) = &p.filed {
            // `on May 1, 2023`, `in August 2021`, `about May 2023`.
            let approximate = matches!(
                d.value.qual,
                Qualifier::Approximate | Qualifier::UncertainApproximate
            );
            let on = match (approximate, d.value.day) {
                (true, _) => "",
                (false, 0) => " in",
                (false, _) => " on",
            };
            item.push_str(&format!("{on} {}", escape(&d.value.long())));
        }
        if !item.ends_with('.') {
            item.push('.');
        }
        let decided = p.decided.as_ref().filter(|d| in_time(d.value));
        match (decided, &p.outcome) {
            (Some(d), Some(o)) => {
                item.push_str(&format!(
                    " Decided {}: {}.",
                    escape(&d.value.long()),
                    escape(o)
                ));
            }
            (Some(d), None) => item.push_str(&format!(" Decided {}.", escape(&d.value.long()))),
            (None, _) if p.decided.is_some() => {
                if let Some(limit) = as_of {
                    item.push_str(&format!(" Pending as of {}.", limit.long()));
                }
            }
            (None, Some(o)) => item.push_str(&format!(" {}.", escape(o))),
            (None, None) => {}
        }
        if decided.is_some()
            && let Some(a) = &p.decision
        {
            item.push_str(&format!(" [@{}]", a.value));
        }
        out.push_str(&item);
        out.push('\n');
    }
    out
}

/// The caption as the profile lays it out: parties with `v.`, or labelled lines.
fn caption(ctx: &Ctx<'_>, doc: &Document, layout: &Caption) -> CaptionView {
    let forum = &ctx.case.forum;
    let d = &ctx.case.data;
    match layout {
        Caption::Versus => CaptionView {
            subtitle: forum.caption_subtitle.clone(),
            style: "versus",
            parties: versus(ctx, &d.parties),
            lines: Vec::new(),
        },
        Caption::Lines(lines) => {
            let side = |s: Side| -> String {
                d.parties
                    .iter()
                    .filter(|p| forum.role(p.role).is_some_and(|r| r.side == s))
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let procurement = d.procurement.as_ref().map(|p| &p.value);
            let info = &d.case.value;
            let lines = lines
                .iter()
                .filter_map(|l| {
                    let value = match l.value {
                        CaptionValue::Protesters => side(Side::First),
                        CaptionValue::Respondents => side(Side::Versus),
                        CaptionValue::Agency => procurement?.agency.clone(),
                        CaptionValue::Solicitation => procurement?.solicitation.clone()?,
                        CaptionValue::Docket => info.docket.clone(),
                        CaptionValue::Date => doc.date.as_ref()?.value.long(),
                        CaptionValue::CaseTitle => info.title.clone(),
                        CaptionValue::Court => info.court.clone(),
                        CaptionValue::ForumDocket => format!("{}, {}", info.court, info.docket),
                        CaptionValue::PreparedBy => doc.prepared_by.clone()?,
                        CaptionValue::FiledBy => {
                            let f = doc.filed_by.as_ref()?;
                            d.parties
                                .iter()
                                .find(|p| p.id.value == f.value)?
                                .name
                                .clone()
                        }
                    };
                    (!value.is_empty()).then(|| CaptionLineView {
                        label: l.label.clone(),
                        value,
                    })
                })
                .collect();
            CaptionView {
                subtitle: None,
                style: "lines",
                parties: Vec::new(),
                lines,
            }
        }
    }
}

/// Caption order (the profile's `side`): the first side, then `v.` and the other side,
/// then `and` the intervenors. Parties the profile leaves out of the caption (amici) do
/// not appear.
fn versus(ctx: &Ctx<'_>, parties: &[Party]) -> Vec<CaptionParty> {
    let forum = &ctx.case.forum;
    let side = |p: &Party| forum.role(p.role).map_or(Side::None, |r| r.side);
    let rank = |s: Side| match s {
        Side::First => 0,
        Side::Versus => 1,
        Side::And => 2,
        Side::None => 3,
    };
    let mut v: Vec<&Party> = parties.iter().filter(|p| side(p) != Side::None).collect();
    v.sort_by_key(|p| rank(side(p)));
    let mut seen_versus = false;
    v.iter()
        .enumerate()
        .map(|(i, p)| {
            let before = match side(p) {
                _ if i == 0 => "",
                Side::Versus if !seen_versus => {
                    seen_versus = true;
                    "v."
                }
                _ => "and",
            };
            CaptionParty {
                name: p.name.to_uppercase(),
                label: caption_label(forum, p),
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
