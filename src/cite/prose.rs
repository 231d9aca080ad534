//! A body with its citations written out: each bracket becomes a citation sentence or
//! clause (or a footnote), each `[quote @id]` a quotation with its citation, and the
//! whole is made safe for the page by `markdown` (the body's own Markdown is the user's;
//! what this module writes goes into the holes left for it).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::forms::{Target, order_rank};
use super::syntax::{Cite, Item, Signal, scan};
use super::tracker::Tracker;
use crate::markdown::{Holed, escape, sanitize_inline};
use crate::model::{Authority, CaseFile, Excerpt, Source};
use crate::pages::Page;
use crate::view::FootnoteView;

/// Bluebook rule 5.1: quotations of fifty words or more are set as block quotes.
pub const BLOCK_QUOTE_WORDS: usize = 50;

/// Every record of a case that a citation can name.
#[derive(Debug)]
pub struct Library<'a> {
    pub authorities: HashMap<&'a str, &'a Authority>,
    pub sources: HashMap<&'a str, &'a Source>,
    pub excerpts: HashMap<&'a str, &'a Excerpt>,
}

impl<'a> Library<'a> {
    pub fn new(d: &'a CaseFile) -> Library<'a> {
        Library {
            authorities: d
                .authorities
                .iter()
                .map(|a| (a.id.value.as_str(), a))
                .collect(),
            sources: d.sources.iter().map(|s| (s.id.value.as_str(), s)).collect(),
            excerpts: d
                .excerpts
                .iter()
                .map(|e| (e.id.value.as_str(), e))
                .collect(),
        }
    }

    pub fn target(&self, id: &str) -> Option<Target<'a>> {
        if let Some(a) = self.authorities.get(id) {
            return Some(Target::Authority(a));
        }
        if let Some(s) = self.sources.get(id) {
            return Some(Target::Source(s));
        }
        let (e, s) = self.excerpt(id)?;
        Some(Target::Excerpt(e, s))
    }

    /// An excerpt and its source.
    pub fn excerpt(&self, id: &str) -> Option<(&'a Excerpt, &'a Source)> {
        let e = self.excerpts.get(id)?;
        let s = self.sources.get(e.source.value.as_str())?;
        Some((e, s))
    }
}

/// Where a citation of `t` links from `page`: the table of authorities for authorities,
/// the exhibit list for sources.
pub fn link(page: &Page, t: &Target<'_>) -> String {
    match t {
        Target::Authority(a) => page.authority(&a.id.value),
        Target::Source(s) | Target::Excerpt(_, s) => page.exhibit(&s.id.value),
    }
}

/// Where places of citation are recorded, for the table of authorities: id → (label,
/// anchor) of each place.
pub type Uses = BTreeMap<String, Vec<(String, String)>>;

/// One body being written: the page it is on, the citation state it shares with the rest
/// of its document, and where its citations are recorded.
pub struct Body<'t> {
    /// Namespace for the ids and footnote labels the user's Markdown declares.
    pub namespace: String,
    pub page: &'t Page,
    pub tracker: &'t mut Tracker,
    /// In footnote style, the document's footnotes (citations go there).
    pub footnotes: Option<&'t mut Vec<FootnoteView>>,
    pub uses: &'t mut Uses,
    /// This body's place: (label, anchor) as the table of authorities shows it.
    pub place: (String, String),
}

/// A quotation, escaped, with its citation: (quote, citation, whether a block quote).
pub fn quotation(
    e: &Excerpt,
    s: &Source,
    page: &Page,
    tracker: &mut Tracker,
) -> (String, String, bool) {
    let t = Target::Excerpt(e, s);
    let mut citation = format!(
        "[{}]({})",
        tracker.cite(t, None, true, true),
        link(page, &t)
    );
    if let Some(p) = &e.parenthetical {
        let _ = write!(citation, " ({})", escape(p));
    }
    let words = e.quote.value.split_whitespace().count();
    (
        escape(e.quote.value.trim()),
        citation,
        words >= BLOCK_QUOTE_WORDS,
    )
}

/// Write `body` with every citation bracket replaced by formatted Markdown. Brackets were
/// checked by `validate`; one that does not resolve is left out.
pub fn render(lib: &Library<'_>, body: &str, b: &mut Body<'_>) -> String {
    let mut out = Holed::new();
    let mut last = 0;
    for found in scan(body) {
        out.push_user(body.get(last..found.range.start).unwrap_or_default());
        last = found.range.end;
        let sentence = starts_sentence(body, found.range.start);
        let next = body.get(found.range.end..).and_then(|r| r.chars().next());
        match found.item {
            Ok(Item::Quote { id, .. }) => quote_item(lib, &id, b, &mut out),
            Ok(Item::Cites(cites)) => {
                if cites_item(lib, &cites, sentence, next, b, &mut out) {
                    // `*Id.*` already closed the sentence: drop the text's own period.
                    last += 1;
                }
            }
            Err(_) => {}
        }
    }
    out.push_user(body.get(last..).unwrap_or_default());
    out.finish(&b.namespace)
}

fn footnote(b: &mut Body<'_>, text_md: String) -> Option<usize> {
    let notes = b.footnotes.as_mut()?;
    notes.push(FootnoteView {
        number: notes.len() + 1,
        text_md,
    });
    Some(notes.len())
}

fn quote_item(lib: &Library<'_>, id: &str, b: &mut Body<'_>, out: &mut Holed) {
    let Some((e, s)) = lib.excerpt(id) else {
        return;
    };
    b.uses
        .entry(s.id.value.clone())
        .or_default()
        .push(b.place.clone());
    let (q, citation, block) = quotation(e, s, b.page, b.tracker);
    let anchor = b.page.quotation(&e.id.value);
    let cited = format!("{citation}{}", period(&citation));
    if b.footnotes.is_some() {
        let n = footnote(b, cited).unwrap_or_default();
        out.push_generated(if block {
            format!("\n\n> {q}[^{n}]\n\n")
        } else {
            format!("[“{q}”]({anchor})[^{n}]")
        });
    } else if block {
        out.push_generated(format!("\n\n> {q}\n\n{cited}\n\n"));
    } else {
        out.push_generated(format!("[“{q}”]({anchor}) {cited}"));
    }
}

/// Write one bracket of citations; returns whether the text's own period after it is to
/// be dropped.
fn cites_item(
    lib: &Library<'_>,
    cites: &[Cite],
    sentence: bool,
    next: Option<char>,
    b: &mut Body<'_>,
    out: &mut Holed,
) -> bool {
    // Rule 1.3/1.4: signals in order, then authorities in order within a signal.
    let mut targets: Vec<(&Cite, Target<'_>)> = cites
        .iter()
        .filter_map(|c| lib.target(&c.id).map(|t| (c, t)))
        .collect();
    if targets.len() != cites.len() {
        return false;
    }
    targets.sort_by(|(a, ta), (b, tb)| {
        a.signal
            .cmp(&b.signal)
            .then(order_rank(ta).cmp(&order_rank(tb)))
    });
    let alone = targets.len() == 1;
    // `text [@cite].` becomes a citation sentence of its own (see below).
    let capital = sentence || b.footnotes.is_some() || next == Some('.');
    let mut parts = Vec::new();
    let mut prev_signal = None;
    for (i, (c, t)) in targets.iter().enumerate() {
        let key = match t {
            Target::Authority(a) => a.id.value.clone(),
            Target::Source(s) | Target::Excerpt(_, s) => s.id.value.clone(),
        };
        b.uses.entry(key).or_default().push(b.place.clone());
        if !alone {
            b.tracker.break_chain();
        }
        let first = i == 0;
        let text = b.tracker.cite(
            *t,
            c.pin.as_deref(),
            capital && first && c.signal == Signal::None,
            alone,
        );
        let mut part = String::new();
        if prev_signal != Some(c.signal) && c.signal != Signal::None {
            part.push_str(c.signal.markdown(capital && first));
            part.push(' ');
        }
        prev_signal = Some(c.signal);
        let _ = write!(part, "[{text}]({})", link(b.page, t));
        if let Some(p) = &c.parenthetical {
            let _ = write!(part, " ({})", sanitize_inline(p));
        }
        parts.push(part);
    }
    if !alone {
        b.tracker.break_chain();
    }
    let joined = parts.join("; ");
    if b.footnotes.is_some() {
        let n = footnote(b, format!("{joined}{}", period(&joined))).unwrap_or_default();
        out.push_generated(format!("[^{n}]"));
        return false;
    }
    if sentence {
        out.push_generated(format!("{joined}{}", period(&joined)));
        return false;
    }
    let trimmed = out.text().trim_end().len();
    out.truncate(trimmed);
    if next == Some('.') {
        // `text [@cite].` is a citation sentence after the text's own sentence.
        out.push_generated(format!(". {joined}"));
        return period(&joined).is_empty();
    }
    // Otherwise a citation clause, set off by commas.
    let comma = if matches!(next, Some(',' | ';' | ')') | None) {
        ""
    } else {
        ","
    };
    out.push_generated(format!(", {joined}{comma}"));
    false
}

/// The period that closes a citation sentence, unless the citation already ends with
/// one (`*Id.*`): Bluebook does not double it.
pub fn period(md: &str) -> &'static str {
    let mut s = md.trim_end();
    if s.ends_with(')')
        && let Some(i) = s.rfind("](")
        && !s.get(i..).unwrap_or_default().contains(' ')
    {
        s = s.get(..i).unwrap_or_default();
    }
    if s.trim_end_matches('*').ends_with('.') {
        ""
    } else {
        "."
    }
}

/// Is the bracket at `start` the start of a citation sentence (after `.`, `?`, `!`, or a
/// line start), rather than a clause inside one?
pub fn starts_sentence(body: &str, start: usize) -> bool {
    let raw = body.get(..start).unwrap_or_default();
    let before = raw.trim_end();
    before.is_empty()
        || raw
            .get(before.len()..)
            .unwrap_or_default()
            .matches('\n')
            .count()
            >= 2
        || before.ends_with(['.', '?', '!', ':'])
        || before.ends_with(".\"")
        || before.ends_with(".\u{201d}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_double_period_after_id() {
        assert_eq!(period("[*Id.*](x.md#a)"), "");
        assert_eq!(period("[*Axiom*, 564 F.3d 1374](x.md#a)"), ".");
        assert_eq!(period("[*Id.*](x.md#a) (emphasis added)"), ".");
    }

    #[test]
    fn sentences() {
        assert!(starts_sentence("Held. ", 6));
        assert!(!starts_sentence("the Act\n", 8));
        assert!(starts_sentence("Para.\n\n", 7));
        assert!(starts_sentence("", 0));
        assert!(!starts_sentence("the rule ", 9));
    }
}
