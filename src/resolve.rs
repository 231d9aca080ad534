//! Stage 3: turn a validated case into views. Cite-checks every excerpt, assigns exhibit
//! labels, formats every citation (full, short, *Id.*, *supra*), numbers the brief's
//! sections and builds its tables of contents and authorities.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use crate::cite::{self, Item, Signal, Target, Tracker};
use crate::error::{Error, Errors};
use crate::load::Case;
use crate::markdown::{Holed, escape, sanitize_inline};
use crate::model::{Authority, AuthorityKind, Excerpt, Section, Source};
use crate::quote::{self, Pinpoint, Prepared, Relax, Status};
use crate::validate::{Ids, Kind};
use crate::view::*;

/// Bluebook rule 5.1: quotations of fifty words or more are set as block quotes.
pub const BLOCK_QUOTE_WORDS: usize = 50;

/// The result of resolving one case.
#[derive(Debug)]
pub struct Resolved {
    pub view: CaseView,
    pub warnings: Vec<Error>,
    /// Excerpt statuses, in case order, for `casefile check`.
    pub statuses: Vec<(String, Status)>,
    /// Every citation the brief makes, in order.
    pub brief_citations: Vec<cite::Logged>,
}

struct Ctx<'a> {
    case: &'a Case,
    ids: &'a Ids,
    authorities: HashMap<&'a str, &'a Authority>,
    sources: HashMap<&'a str, &'a Source>,
    excerpts: HashMap<&'a str, &'a Excerpt>,
    exhibit_of: HashMap<&'a str, String>,
    status_of: HashMap<&'a str, &'static str>,
    errors: Errors,
    /// Path from the page being rendered to the case folder (`../` for depositions).
    prefix: &'static str,
}

impl<'a> Ctx<'a> {
    fn target(&self, id: &str) -> Option<Target<'a>> {
        if let Some(a) = self.authorities.get(id) {
            return Some(Target::Authority(a));
        }
        if let Some(s) = self.sources.get(id) {
            return Some(Target::Source(s));
        }
        let e = self.excerpts.get(id)?;
        let s = self.sources.get(e.source.value.as_str())?;
        Some(Target::Excerpt(e, s))
    }

    /// Where a citation links: the TOA entry for authorities, the exhibit for sources.
    fn link(&self, t: &Target<'_>) -> String {
        match t {
            Target::Authority(a) => format!("{}brief.md#toa-{}", self.prefix, a.id.value),
            Target::Source(s) | Target::Excerpt(_, s) => {
                format!("{}exhibits.md#ex-{}", self.prefix, s.id.value)
            }
        }
    }
}

fn person_name<'a>(case: &'a Case, id: &'a str) -> &'a str {
    case.data
        .people
        .iter()
        .find(|p| p.id.value == id)
        .map_or(id, |p| p.name.as_str())
}

fn exhibit_labels(case: &Case) -> HashMap<&str, String> {
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

/// The cite-check of a case: one status per excerpt, in case order, with the errors
/// (mismatch, wrong pinpoint) and warnings (unverifiable) it raises.
#[derive(Debug, Default)]
pub struct CiteCheck {
    pub statuses: Vec<(String, Status)>,
    pub errors: Errors,
    pub warnings: Vec<Error>,
}

/// Cite-check every excerpt of a case against its source text.
pub fn cite_check(case: &Case) -> CiteCheck {
    let mut cc = CiteCheck::default();
    cc.statuses = check_excerpts(case, &mut cc.errors, &mut cc.warnings);
    cc
}

fn check_excerpts(
    case: &Case,
    errors: &mut Errors,
    warnings: &mut Vec<Error>,
) -> Vec<(String, Status)> {
    let mut prepared: HashMap<&str, Prepared> = HashMap::new();
    let mut out = Vec::new();
    for e in &case.data.excerpts {
        let sid = e.source.value.as_str();
        let status = match case.texts.get(sid) {
            None => Status::Unverifiable {
                reason: format!(
                    "source `{sid}` has no text in this case (add `text:` to the source)"
                ),
            },
            Some(text) => {
                let src = prepared.entry(sid).or_insert_with(|| Prepared::new(text));
                let relax = Relax {
                    internal_quotes_omitted: e
                        .parenthetical
                        .as_deref()
                        .is_some_and(|p| p.contains("quotation marks omitted")),
                };
                let pin = Pinpoint {
                    page: e.page.as_ref().map(|p| p.value),
                    paragraph: e.paragraph.as_ref().map(|p| p.value),
                };
                quote::check(src, &e.quote.value, pin, relax)
            }
        };
        let at = case.loc(&e.quote);
        match &status {
            Status::Mismatch { closest, diff } => errors.push(Error::Quote {
                at,
                id: e.id.value.clone(),
                message: format!("does not match its source `{sid}`"),
                help: Some(if closest.is_empty() {
                    diff.clone()
                } else {
                    format!(
                        "closest passage: \"{closest}\"; word diff ([-source-] {{+quote+}}): {diff}"
                    )
                }),
            }),
            Status::WrongPinpoint { cited, found } => errors.push(Error::Quote {
                at: e
                    .page
                    .as_ref()
                    .map(|p| case.loc(p))
                    .or(e.paragraph.as_ref().map(|p| case.loc(p)))
                    .unwrap_or(at),
                id: e.id.value.clone(),
                message: format!("is in `{sid}` at {found}, not at {cited}"),
                help: Some(format!("change the pinpoint to {found}")),
            }),
            Status::Unverifiable { reason } => warnings.push(Error::Quote {
                at,
                id: e.id.value.clone(),
                message: "cannot be verified".into(),
                help: Some(reason.clone()),
            }),
            _ => {}
        }
        out.push((e.id.value.clone(), status));
    }
    out
}

fn status_detail(s: &Status) -> (String, Vec<String>) {
    let pin = |p: &Option<u32>, q: &Option<u32>| match (p, q) {
        (Some(p), Some(q)) => format!("found at page {p}, ¶ {q}"),
        (Some(p), None) => format!("found at page {p}"),
        (None, Some(q)) => format!("found at ¶ {q}"),
        (None, None) => "found".to_string(),
    };
    match s {
        Status::Verified { page, paragraph } => (pin(page, paragraph), vec![]),
        Status::VerifiedWithNormalisations {
            page,
            paragraph,
            normalisations,
        } => (pin(page, paragraph), normalisations.clone()),
        Status::WrongPinpoint { cited, found } => {
            (format!("cited at {cited}, found at {found}"), vec![])
        }
        Status::Mismatch { closest, diff } => {
            (format!("closest passage: {closest} — diff: {diff}"), vec![])
        }
        Status::Unverifiable { reason } => (reason.clone(), vec![]),
    }
}

/// Is the bracket at `start` the start of a citation sentence (after `.`, `?`, `!`, or a
/// line start), rather than a clause inside one?
fn starts_sentence(body: &str, start: usize) -> bool {
    let raw = &body[..start];
    let before = raw.trim_end();
    before.is_empty()
        || raw[before.len()..].matches('\n').count() >= 2
        || before.ends_with(['.', '?', '!', ':'])
        || before.ends_with(".\"")
        || before.ends_with(".\u{201d}")
}

struct Body<'t> {
    /// Namespace for the ids and footnote labels the user's Markdown declares.
    namespace: String,
    tracker: &'t mut Tracker,
    footnotes: Option<&'t mut Vec<FootnoteView>>,
    uses: &'t mut BTreeMap<String, Vec<(String, String)>>,
    place: (String, String),
}

fn quote_md(
    ctx: &Ctx<'_>,
    e: &Excerpt,
    s: &Source,
    tracker: &mut Tracker,
) -> (String, String, bool) {
    let t = Target::Excerpt(e, s);
    let mut citation = format!("[{}]({})", tracker.cite(t, None, true, true), ctx.link(&t));
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

/// Replace every citation bracket in `body` with formatted Markdown.
fn render_body(
    ctx: &mut Ctx<'_>,
    spanned: &serde_saphyr::Spanned<String>,
    b: &mut Body<'_>,
) -> String {
    let body = spanned.value.as_str();
    let case = ctx.case;
    let locator = case.locator(spanned);
    let mut out = Holed::new();
    let mut last = 0;
    for found in cite::scan(body) {
        out.push_user(&body[last..found.range.start]);
        last = found.range.end;
        let sentence = starts_sentence(body, found.range.start);
        let item = match found.item {
            Ok(i) => i,
            Err((at, msg)) => {
                ctx.errors.push(Error::Citation {
                    at: locator.at(at),
                    message: msg,
                    help: Some(
                        "write citations as `[@id]`, `[see @id, 12]` or `[quote @excerpt-id]`"
                            .into(),
                    ),
                });
                continue;
            }
        };
        match item {
            Item::Quote { id, at } => {
                let Some(e) = ctx.excerpts.get(id.as_str()).copied() else {
                    push_bad_ref(ctx, &locator, at, &id, "excerpt", &[Kind::Excerpt]);
                    continue;
                };
                let Some(s) = ctx.sources.get(e.source.value.as_str()).copied() else {
                    continue;
                };
                b.uses
                    .entry(s.id.value.clone())
                    .or_default()
                    .push(b.place.clone());
                let (q, citation, block) = quote_md(ctx, e, s, b.tracker);
                let anchor = format!("{}cite-check.md#q-{}", ctx.prefix, e.id.value);
                match (&mut b.footnotes, block) {
                    (Some(notes), true) => {
                        notes.push(FootnoteView {
                            number: notes.len() + 1,
                            text_md: format!("{citation}{}", period(&citation)),
                        });
                        out.push_generated(format!("\n\n> {q}[^{}]\n\n", notes.len()));
                    }
                    (Some(notes), false) => {
                        notes.push(FootnoteView {
                            number: notes.len() + 1,
                            text_md: format!("{citation}{}", period(&citation)),
                        });
                        out.push_generated(format!("[“{q}”]({anchor})[^{}]", notes.len()));
                    }
                    (None, true) => {
                        out.push_generated(format!(
                            "\n\n> {q}\n\n{citation}{}\n\n",
                            period(&citation)
                        ));
                    }
                    (None, false) => {
                        out.push_generated(format!(
                            "[“{q}”]({anchor}) {citation}{}",
                            period(&citation)
                        ));
                    }
                }
            }
            Item::Cites(mut cites) => {
                // Rule 1.3/1.4: signals in order, then authorities in order within a signal.
                let mut targets = Vec::new();
                for c in &cites {
                    match ctx.target(&c.id) {
                        Some(t) => targets.push((c.clone(), t)),
                        None => {
                            push_bad_ref(
                                ctx,
                                &locator,
                                c.at,
                                &c.id,
                                "authority, source or excerpt",
                                &[Kind::Authority, Kind::Source, Kind::Excerpt],
                            );
                        }
                    }
                }
                if targets.len() != cites.len() {
                    continue;
                }
                targets.sort_by(|(a, ta), (b, tb)| {
                    a.signal
                        .cmp(&b.signal)
                        .then(cite::order_rank(ta).cmp(&cite::order_rank(tb)))
                });
                cites.clear();
                let alone = targets.len() == 1;
                // `text [@cite].` becomes a citation sentence of its own (see below).
                let next = body[found.range.end..].chars().next();
                let capital = sentence || b.footnotes.is_some() || next == Some('.');
                let mut parts = Vec::new();
                let mut prev_signal = None;
                for (i, (c, t)) in targets.iter().enumerate() {
                    if let (Target::Authority(a), Some(p)) = (t, c.pin.as_deref()) {
                        check_pin(ctx, &locator, c.at, a, p);
                    }
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
                    let _ = write!(part, "[{text}]({})", ctx.link(t));
                    if let Some(p) = &c.parenthetical {
                        let _ = write!(part, " ({})", sanitize_inline(p));
                    }
                    parts.push(part);
                }
                if !alone {
                    b.tracker.break_chain();
                }
                let joined = parts.join("; ");
                match &mut b.footnotes {
                    Some(notes) => {
                        notes.push(FootnoteView {
                            number: notes.len() + 1,
                            text_md: format!("{joined}{}", period(&joined)),
                        });
                        out.push_generated(format!("[^{}]", notes.len()));
                    }
                    None if sentence => {
                        out.push_generated(format!("{joined}{}", period(&joined)));
                    }
                    // `text [@cite].` is a citation sentence after the text's own sentence.
                    None if next == Some('.') => {
                        let trimmed = out.text().trim_end().len();
                        out.truncate(trimmed);
                        out.push_generated(format!(". {joined}"));
                        if period(&joined).is_empty() {
                            // `*Id.*` already closes the sentence: drop the text's period.
                            last = found.range.end + 1;
                        }
                    }
                    // Otherwise a citation clause, set off by commas.
                    None => {
                        let trimmed = out.text().trim_end().len();
                        out.truncate(trimmed);
                        let comma = if matches!(next, Some(',' | ';' | ')') | None) {
                            ""
                        } else {
                            ","
                        };
                        out.push_generated(format!(", {joined}{comma}"));
                    }
                }
            }
        }
    }
    out.push_user(&body[last..]);
    out.finish(&b.namespace)
}

/// The period that closes a citation sentence, unless the citation already ends with
/// one (`*Id.*`): Bluebook does not double it.
fn period(md: &str) -> &'static str {
    let mut s = md.trim_end();
    if s.ends_with(')')
        && let Some(i) = s.rfind("](")
        && !s[i..].contains(' ')
    {
        s = &s[..i];
    }
    if s.trim_end_matches('*').ends_with('.') {
        ""
    } else {
        "."
    }
}

fn push_bad_ref(
    ctx: &mut Ctx<'_>,
    locator: &crate::load::Locator<'_>,
    at: usize,
    id: &str,
    what: &'static str,
    kinds: &[Kind],
) {
    let loc = locator.at(at);
    let ids = ctx.ids;
    let e = match ids.kind(id) {
        Some(k) => Error::Citation {
            at: loc,
            message: format!("`@{id}` is a {}, which cannot be cited here", k.noun()),
            help: Some(format!("cite an {what} instead")),
        },
        None => ids.dangling(loc, what, id, kinds),
    };
    ctx.errors.push(e);
}

fn check_pin(
    ctx: &mut Ctx<'_>,
    locator: &crate::load::Locator<'_>,
    at: usize,
    a: &Authority,
    pin: &str,
) {
    if a.kind != AuthorityKind::Case {
        return;
    }
    let (Some(first), Some(p)) = (a.page, cite::pin_page(pin)) else {
        return;
    };
    let last = a.last_page;
    if p < first || last.is_some_and(|l| p > l) {
        let range = match last {
            Some(l) => format!("{first}–{l}"),
            None => format!("{first} and later"),
        };
        ctx.errors.push(Error::Citation {
            at: locator.at(at),
            message: format!(
                "pinpoint {p} is outside `{}` ({} {} at pages {range})",
                a.id.value,
                a.volume.unwrap_or(0),
                a.reporter.as_deref().unwrap_or(""),
            ),
            help: Some("check the page in the reporter".into()),
        });
    }
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

fn number(level: usize, n: usize) -> String {
    match level {
        1 => String::new(),
        2 => char::from(b'A' + ((n - 1) % 26) as u8).to_string(),
        3 => n.to_string(),
        4 => char::from(b'a' + ((n - 1) % 26) as u8).to_string(),
        _ => roman(n).to_lowercase(),
    }
}

struct Walk<'w, 'a> {
    ctx: &'w mut Ctx<'a>,
    tracker: Tracker,
    footnotes: Option<Vec<FootnoteView>>,
    uses: BTreeMap<String, Vec<(String, String)>>,
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
            let anchor = format!("sec-{}", s.id.value);
            // Headings start a new discussion: no *Id.* across them.
            self.tracker.break_chain();
            let body_md = match &s.body {
                Some(body) => {
                    let mut b = Body {
                        namespace: s.id.value.clone(),
                        tracker: &mut self.tracker,
                        footnotes: self.footnotes.as_mut(),
                        uses: &mut self.uses,
                        place: (label.clone(), anchor.clone()),
                    };
                    render_body(self.ctx, body, &mut b)
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

/// Resolve a validated case into its views.
pub fn resolve(case: &Case, ids: &Ids) -> Result<Resolved, Errors> {
    resolve_checked(case, ids, cite_check(case))
}

/// Resolve a case whose cite-check has already run (so `casefile check` can report the
/// statuses of a case that fails later).
pub fn resolve_checked(case: &Case, ids: &Ids, cc: CiteCheck) -> Result<Resolved, Errors> {
    let d = &case.data;
    let CiteCheck {
        statuses,
        errors,
        mut warnings,
    } = cc;
    let exhibit_of = exhibit_labels(case);
    let mut ctx = Ctx {
        case,
        ids,
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
        exhibit_of,
        status_of: d
            .excerpts
            .iter()
            .zip(statuses.iter())
            .map(|(e, (_, s))| (e.id.value.as_str(), s.name()))
            .collect(),
        errors,
        prefix: "",
    };

    for a in &d.authorities {
        if let Err(field) = cite::required_fields(a) {
            ctx.errors.push(Error::Citation {
                at: case.loc(&a.id),
                message: format!(
                    "authority `{}` lacks `{field}`, which its citation form needs",
                    a.id.value
                ),
                help: Some(
                    "add the field, or see docs/citations.md for the fields each kind needs".into(),
                ),
            });
        }
    }

    // The brief.
    let mut brief_log = Vec::new();
    let brief = d.brief.as_ref().map(|b| {
        let b = &b.value;
        let footnotes_style = b.citations == crate::model::CitationStyle::Footnotes;
        let mut w = Walk {
            ctx: &mut ctx,
            tracker: Tracker::default(),
            footnotes: footnotes_style.then(Vec::new),
            uses: BTreeMap::new(),
            sections: Vec::new(),
            toc: Vec::new(),
        };
        w.walk(&b.sections, 1, "", "");
        let Walk {
            sections,
            toc,
            footnotes,
            uses,
            tracker,
            ..
        } = w;
        brief_log = tracker.log;
        let toa = table_of_authorities(&ctx, &uses);
        for a in &d.authorities {
            if !uses.contains_key(a.id.value.as_str()) {
                warnings.push(Error::Citation {
                    at: case.loc(&a.id),
                    message: format!("authority `{}` is never cited in the brief", a.id.value),
                    help: Some("cite it with `[@id]` or remove it from `authorities`".into()),
                });
            }
        }
        let filer = d.parties.iter().find(|p| p.id.value == b.filed_by.value);
        BriefView {
            title: b.title.clone(),
            caption: caption(&d.parties),
            filed_by: filer.map(|p| p.name.clone()).unwrap_or_default(),
            filed_by_label: filer.map(caption_label).unwrap_or_default(),
            footnotes_style,
            date: b.date.as_ref().map(|d| d.value.long()),
            note: b.note.clone(),
            any_unverified: toa.iter().flat_map(|g| &g.entries).any(|e| e.unverified),
            toc,
            toa,
            sections,
            footnotes: footnotes.unwrap_or_default(),
            signature: b.signature.clone(),
        }
    });

    // Chronology, in date order (stable for equal dates).
    let mut events: Vec<_> = d.timeline.iter().enumerate().collect();
    events.sort_by_key(|(i, e)| (e.date.value, *i));
    let mut chrono_tracker = Tracker::default();
    let timeline: Vec<EventView> = events
        .into_iter()
        .map(|(i, e)| {
            let cites: Vec<String> = e
                .cites
                .iter()
                .filter_map(|c| ctx.target(&c.value))
                .map(|t| {
                    format!(
                        "[{}]({})",
                        chrono_tracker.cite(t, None, true, true),
                        ctx.link(&t)
                    )
                })
                .collect();
            EventView {
                anchor: e
                    .id
                    .as_ref()
                    .map_or_else(|| format!("ev-{}", i + 1), |id| format!("ev-{}", id.value)),
                date: e.date.value.iso(),
                date_long: e.date.value.long(),
                title: e.title.clone(),
                detail: e.detail.clone(),
                ecf: e.ecf.clone(),
                cites_md: cites.join("; "),
                people: e
                    .people
                    .iter()
                    .map(|p| person_name(case, &p.value).to_string())
                    .collect(),
                uncertain: e.uncertain.clone(),
            }
        })
        .collect();

    // Deposition outlines: one tracker per outline; they live in `depositions/`.
    ctx.prefix = "../";
    let depositions = d
        .depositions
        .iter()
        .map(|dep| {
            let mut tracker = Tracker::default();
            let person = d.people.iter().find(|p| p.id.value == dep.deponent.value);
            let mut uses = BTreeMap::new();
            let mut b = Body {
                namespace: "why".into(),
                tracker: &mut tracker,
                footnotes: None,
                uses: &mut uses,
                place: (String::new(), String::new()),
            };
            let why = render_body(&mut ctx, &dep.why_unavailable, &mut b);
            let requested_in_md = dep
                .requested_in
                .as_ref()
                .and_then(|r| ctx.target(&r.value))
                .map(|t| format!("[{}]({})", tracker.cite(t, None, true, true), ctx.link(&t)));
            let topics = dep
                .topics
                .iter()
                .map(|t| TopicView {
                    topic: t.topic.clone(),
                    basis: t
                        .basis
                        .iter()
                        .filter_map(|b| {
                            let e = ctx.excerpts.get(b.value.as_str())?;
                            let s = ctx.sources.get(e.source.value.as_str())?;
                            Some(quote_view(&ctx, e, s, &mut tracker))
                        })
                        .collect(),
                })
                .collect();
            DepositionView {
                id: dep.deponent.value.clone(),
                name: person.map_or_else(|| dep.deponent.value.clone(), |p| p.name.clone()),
                positions: person.map(positions).unwrap_or_default(),
                status: dep.status.label(),
                requested_in_md,
                why_unavailable_md: why,
                topics,
                note: dep.note.clone(),
            }
        })
        .collect();

    let who = who_pages(&ctx, &timeline);
    ctx.prefix = "";
    let exhibits = exhibits(&ctx);
    let timeline_svg = {
        let mut order: Vec<_> = d.timeline.iter().enumerate().collect();
        order.sort_by_key(|(i, e)| (e.date.value, *i));
        let points: Vec<crate::timeline::Point<'_>> = order
            .iter()
            .zip(&timeline)
            .map(|((_, e), v)| crate::timeline::Point {
                date: e.date.value,
                label: &e.title,
                anchor: &v.anchor,
                when: e.date.value.bluebook(),
            })
            .collect();
        crate::timeline::svg(
            &points,
            &format!("Timeline of {}", d.case.value.short_title),
        )
    };
    let citecheck = citecheck_view(&ctx, &statuses);
    let info = &d.case.value;
    let summary_md = info.summary.as_ref().map(|s| {
        let mut t = Tracker::default();
        let mut uses = BTreeMap::new();
        let mut b = Body {
            namespace: "summary".into(),
            tracker: &mut t,
            footnotes: None,
            uses: &mut uses,
            place: (String::new(), String::new()),
        };
        render_body(&mut ctx, s, &mut b)
    });
    let view = CaseView {
        slug: case.slug.clone(),
        title: info.title.clone(),
        short_title: info.short_title.clone(),
        court: info.court.clone(),
        court_abbreviation: info.court_abbreviation.clone(),
        docket: info.docket.clone(),
        judge: info.judge.clone(),
        forum: info.forum.label(),
        protest_type: info.protest_type.label(),
        status: info.status.label(),
        disposition: info.disposition.clone(),
        filed: info.filed.as_ref().map(|d| d.value.long()),
        closed: info.closed.as_ref().map(|d| d.value.long()),
        summary_md,
        procurement: d.procurement.as_ref().map(|p| {
            let p = &p.value;
            ProcurementView {
                agency: p.agency.clone(),
                program: p.program.clone(),
                solicitation: p.solicitation.clone(),
                contract: p.contract.clone(),
                estimated_value: p.estimated_value.clone(),
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
            .map(|p| PartyView {
                id: p.id.value.clone(),
                name: p.name.clone(),
                short: p.short.clone().unwrap_or_else(|| p.name.clone()),
                role: p.role.label(),
                caption_label: caption_label(p),
                counsel: p
                    .counsel
                    .iter()
                    .map(|c| CounselView {
                        name: c.name.clone(),
                        firm: c.firm.clone(),
                        title: c.title.clone(),
                        role: c.role.label(),
                    })
                    .collect(),
            })
            .collect(),
        people: d
            .people
            .iter()
            .map(|p| PersonView {
                id: p.id.value.clone(),
                name: p.name.clone(),
                positions: positions(p),
                note: p.note.clone(),
            })
            .collect(),
        exhibits,
        timeline,
        depositions,
        brief,
        citecheck,
        timeline_svg,
        who,
    };
    if ctx.errors.is_empty() {
        Ok(Resolved {
            view,
            warnings,
            statuses,
            brief_citations: brief_log,
        })
    } else {
        Err(ctx.errors)
    }
}

/// Caption order: plaintiffs or protesters, then `v.` and the defendants, then `and`
/// the intervenors. Amici do not appear in the caption.
fn caption(parties: &[crate::model::Party]) -> Vec<CaptionParty> {
    use crate::model::PartyRole as R;
    let mut v: Vec<&crate::model::Party> = parties.iter().filter(|p| p.role != R::Amicus).collect();
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
                R::Plaintiff | R::Protester => "and",
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

/// Who's-who pages (they live in `people/`, so links take the `../` prefix).
fn who_pages(ctx: &Ctx<'_>, timeline: &[EventView]) -> Vec<WhoView> {
    let d = &ctx.case.data;
    let mut order: Vec<_> = d.timeline.iter().enumerate().collect();
    order.sort_by_key(|(i, e)| (e.date.value, *i));
    d.people
        .iter()
        .map(|p| {
            let pid = p.id.value.as_str();
            let mut tracker = Tracker::default();
            let mut quotes = |pred: &dyn Fn(&Excerpt) -> bool| -> Vec<QuoteView> {
                d.excerpts
                    .iter()
                    .filter(|e| pred(e))
                    .filter_map(|e| {
                        let s = ctx.sources.get(e.source.value.as_str())?;
                        Some(quote_view(ctx, e, s, &mut tracker))
                    })
                    .collect()
            };
            let said = quotes(&|e: &Excerpt| e.speaker.as_ref().is_some_and(|s| s.value == pid));
            let about = quotes(&|e: &Excerpt| {
                e.concerns.iter().any(|c| c.value == pid)
                    && e.speaker.as_ref().is_none_or(|s| s.value != pid)
            });
            let events = order
                .iter()
                .zip(timeline)
                .filter(|((_, e), _)| e.people.iter().any(|x| x.value == pid))
                .map(|(_, v)| WhoEvent {
                    date: v.date_long.clone(),
                    title: v.title.clone(),
                    anchor: v.anchor.clone(),
                })
                .collect();
            let mut topics = Vec::new();
            for dep in &d.depositions {
                let own = dep.deponent.value == pid;
                for (i, t) in dep.topics.iter().enumerate() {
                    let concerns = t.basis.iter().any(|b| {
                        ctx.excerpts.get(b.value.as_str()).is_some_and(|e| {
                            e.concerns.iter().any(|c| c.value == pid)
                                || e.speaker.as_ref().is_some_and(|s| s.value == pid)
                        })
                    });
                    if own || concerns {
                        topics.push(WhoTopic {
                            deponent_id: dep.deponent.value.clone(),
                            deponent: person_name(ctx.case, &dep.deponent.value).to_string(),
                            number: i + 1,
                            topic: t.topic.clone(),
                        });
                    }
                }
            }
            WhoView {
                id: pid.to_string(),
                name: p.name.clone(),
                positions: positions(p),
                note: p.note.clone(),
                said,
                about,
                events,
                topics,
                deponent: d.depositions.iter().any(|x| x.deponent.value == pid),
            }
        })
        .collect()
}

fn caption_label(p: &crate::model::Party) -> String {
    p.role_label
        .clone()
        .unwrap_or_else(|| p.role.label().to_string())
}

fn positions(p: &crate::model::Person) -> Vec<PositionView> {
    p.positions
        .iter()
        .map(|x| PositionView {
            title: x.title.clone(),
            from: x.from.as_ref().map(|d| d.value.long()),
            to: x.to.as_ref().map(|d| d.value.long()),
        })
        .collect()
}

fn quote_view(ctx: &Ctx<'_>, e: &Excerpt, s: &Source, tracker: &mut Tracker) -> QuoteView {
    let (q, citation, block) = quote_md(ctx, e, s, tracker);
    QuoteView {
        id: e.id.value.clone(),
        anchor: format!("q-{}", e.id.value),
        quote_md: q,
        citation_md: citation,
        block,
        status: ctx
            .status_of
            .get(e.id.value.as_str())
            .copied()
            .unwrap_or("unverifiable"),
    }
}

fn exhibits(ctx: &Ctx<'_>) -> Vec<ExhibitView> {
    let d = &ctx.case.data;
    let mut v: Vec<ExhibitView> = d
        .sources
        .iter()
        .map(|s| ExhibitView {
            label: ctx
                .exhibit_of
                .get(s.id.value.as_str())
                .cloned()
                .unwrap_or_default(),
            id: s.id.value.clone(),
            anchor: format!("ex-{}", s.id.value),
            title: s.title.clone(),
            kind: s.kind.label(),
            author: s.author.clone(),
            outlet: s.outlet.clone(),
            date: s.date.as_ref().map(|d| d.value.long()),
            ecf: s.ecf.clone(),
            url: s.url.clone(),
            citation_md: cite::full(Target::Source(s), None),
            text: s.text.as_ref().map(|t| t.value.clone()),
            text_scope: match s.text_scope {
                crate::model::TextScope::Full => "full text",
                crate::model::TextScope::Excerpts => "quoted passages only",
            },
            excerpts: d
                .excerpts
                .iter()
                .filter(|e| e.source.value == s.id.value)
                .count(),
            note: s.note.clone(),
        })
        .collect();
    v.sort_by(|a, b| (a.label.len(), &a.label).cmp(&(b.label.len(), &b.label)));
    v
}

fn citecheck_view(ctx: &Ctx<'_>, statuses: &[(String, Status)]) -> CiteCheckView {
    let mut view = CiteCheckView::default();
    for (e, (_, st)) in ctx.case.data.excerpts.iter().zip(statuses) {
        match st {
            Status::Verified { .. } => view.verified += 1,
            Status::VerifiedWithNormalisations { .. } => view.normalised += 1,
            Status::WrongPinpoint { .. } => view.wrong_pinpoint += 1,
            Status::Mismatch { .. } => view.mismatch += 1,
            Status::Unverifiable { .. } => view.unverifiable += 1,
        }
        let (detail, normalisations) = status_detail(st);
        let src = ctx.sources.get(e.source.value.as_str());
        view.entries.push(CheckEntry {
            id: e.id.value.clone(),
            anchor: format!("q-{}", e.id.value),
            exhibit: ctx
                .exhibit_of
                .get(e.source.value.as_str())
                .cloned()
                .unwrap_or_default(),
            source_title: src.map(|s| s.title.clone()).unwrap_or_default(),
            pinpoint: match (&e.page, &e.paragraph) {
                (Some(p), Some(q)) => format!("at {}, ¶ {}", p.value, q.value),
                (Some(p), None) => format!("at {}", p.value),
                (None, Some(q)) => format!("¶ {}", q.value),
                (None, None) => "—".into(),
            },
            quote: e.quote.value.trim().to_string(),
            status: st.name(),
            detail,
            normalisations,
        });
    }
    view
}

fn table_of_authorities(
    ctx: &Ctx<'_>,
    uses: &BTreeMap<String, Vec<(String, String)>>,
) -> Vec<ToaGroup> {
    let mut groups: BTreeMap<(u8, &'static str), Vec<(String, ToaEntry)>> = BTreeMap::new();
    let mut add = |group: (u8, &'static str),
                   key: String,
                   id: &str,
                   citation_md: String,
                   url: Option<String>,
                   unverified: bool| {
        let Some(places) = uses.get(id) else { return };
        let mut seen = HashSet::new();
        let places: Vec<ToaPlace> = places
            .iter()
            .filter(|(label, _)| seen.insert(label.clone()))
            .map(|(label, anchor)| ToaPlace {
                label: label.clone(),
                anchor: anchor.clone(),
            })
            .collect();
        let passim = places.len() >= 5;
        groups.entry(group).or_default().push((
            key,
            ToaEntry {
                anchor: format!("toa-{id}"),
                citation_md,
                url,
                places,
                passim,
                unverified,
            },
        ));
    };
    for a in &ctx.case.data.authorities {
        add(
            cite::toa_group(a),
            cite::toa_key(a),
            &a.id.value,
            cite::full(Target::Authority(a), None),
            a.url.clone(),
            a.verification == crate::model::Verification::Unverified,
        );
    }
    // Secondary sources cited in the brief (not record documents) are Other Authorities.
    for s in &ctx.case.data.sources {
        let record = s.ecf.is_some();
        if !record {
            add(
                (5, "Other Authorities"),
                s.title.to_lowercase(),
                &s.id.value,
                cite::full(Target::Source(s), None),
                s.url.clone(),
                false,
            );
        }
    }
    groups
        .into_iter()
        .map(|((_, name), mut entries)| {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            ToaGroup {
                name,
                entries: entries.into_iter().map(|(_, e)| e).collect(),
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

#[cfg(test)]
mod toa_tests {
    use super::*;
    use std::path::PathBuf;

    fn case(yaml: &str) -> Case {
        crate::load::case_from_text("t", &PathBuf::from("t/case.yaml"), yaml)
            .expect("fixture parses")
    }

    const HEAD: &str = "case: {title: T v. U, short_title: T, court: C, docket: No. 1, forum: cofc, protest_type: post_award, status: pending}\nparties: [{id: p, name: P, role: plaintiff}]\n";

    fn brief(yaml: &str) -> (BriefView, Vec<Error>) {
        let c = case(yaml);
        let ids = crate::validate::validate(&c).expect("valid");
        let r = resolve(&c, &ids).expect("resolves");
        (r.view.brief.expect("brief"), r.warnings)
    }

    #[test]
    fn toa_groups_orders_and_passim() {
        let yaml = format!(
            "{HEAD}authorities:
  - {{id: zeta, kind: case, name: Zeta v. United States, volume: 1, reporter: F.4th, page: 5, court: Fed. Cir., year: 2021}}
  - {{id: alpha, kind: case, name: Alpha v. United States, volume: 2, reporter: F.4th, page: 9, court: Fed. Cir., year: 2022}}
  - {{id: s28, kind: statute, title: 28, code: U.S.C., section: '1491'}}
  - {{id: s5, kind: statute, title: 5, code: U.S.C., section: '706'}}
  - {{id: reg, kind: regulation, title: 48, code: C.F.R., section: '15.506'}}
  - {{id: rule, kind: rule, name: RCFC, section: '52.1'}}
  - {{id: unused, kind: rule, name: RCFC, section: '26'}}
brief:
  title: B
  filed_by: p
  sections:
    - {{id: a, heading: A, body: 'x [@zeta] [@s28] [@rule] [@reg] [@s5]'}}
    - {{id: b, heading: B, body: 'x [@zeta] [@alpha]'}}
    - {{id: c, heading: C, body: 'x [@zeta]'}}
    - {{id: d, heading: D, body: 'x [@zeta]'}}
    - {{id: e, heading: E, body: 'x [@zeta]'}}
"
        );
        let (b, warnings) = brief(&yaml);
        let groups: Vec<&str> = b.toa.iter().map(|g| g.name).collect();
        assert_eq!(groups, ["Cases", "Statutes", "Regulations", "Rules"]);
        let cases: Vec<&str> = b.toa[0].entries.iter().map(|e| e.anchor.as_str()).collect();
        assert_eq!(cases, ["toa-alpha", "toa-zeta"], "cases are alphabetical");
        let statutes: Vec<&str> = b.toa[1].entries.iter().map(|e| e.anchor.as_str()).collect();
        assert_eq!(statutes, ["toa-s5", "toa-s28"], "codes by title number");
        assert!(b.toa[0].entries[1].passim, "cited in five sections");
        assert!(!b.toa[0].entries[0].passim);
        assert_eq!(b.toa[0].entries[0].places.len(), 1);
        // Only cited authorities appear; the uncited one is a warning.
        assert!(b.toa[3].entries.iter().all(|e| e.anchor != "toa-unused"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "authority `unused` is never cited in the brief"
        );
    }

    #[test]
    fn supra_for_secondary_sources_and_footnotes() {
        let yaml = format!(
            "{HEAD}sources:
  - {{id: book, kind: book, title: Holding the Line, author: Guy M. Snodgrass, outlet: Sentinel, date: '2019'}}
  - {{id: art, kind: news, title: A Story, outlet: Daily, date: 2020-02-10}}
brief:
  title: B
  filed_by: p
  citations: footnotes
  sections:
    - {{id: a, heading: A, body: 'One [@book, 12]. Two [@art]. Three [@book, 13].'}}
"
        );
        let (b, _) = brief(&yaml);
        let notes: Vec<&str> = b.footnotes.iter().map(|f| f.text_md.as_str()).collect();
        assert_eq!(
            notes,
            [
                "[Guy M. Snodgrass, *Holding the Line* 12 (Sentinel 2019)](exhibits.md#ex-book).",
                "[*A Story*, Daily (Feb. 10, 2020)](exhibits.md#ex-art).",
                "[Snodgrass, *supra*, at 13](exhibits.md#ex-book).",
            ]
        );
        assert!(
            b.sections[0].body_md.contains("One[^1]") || b.sections[0].body_md.contains("One [^1]")
        );
    }
}
