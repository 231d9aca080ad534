//! A body with its citations written out. Each citation is placed as the sentence around
//! it needs (Bluebook rule 1.1 and B1.1):
//!
//! - at the start of a sentence or paragraph: a **citation sentence**, capitalized, with a
//!   closing period (the text's own period after the bracket is used, never doubled);
//! - right before the period of a sentence (`text [@a].`): text, period, citation
//!   sentence;
//! - after a comma or semicolon: a **citation clause**;
//! - in running text after a word (`Under [@itac] the question`, or `@itac [at 1319]`):
//!   the authority is **named** by the sentence: `Under *Info. Tech. …*, 316 F.3d at
//!   1319, the question`, never with a comma before the name;
//! - with `citations: footnotes`: a footnote.
//!
//! `[quote @id]` writes the excerpt's words with the quotation mechanics of rule 5: the
//! period or comma that follows goes inside the closing quotation mark, nested quotations
//! alternate double and single marks, omissions are spaced (`. . .`), and fifty words or
//! more are a block quotation without quotation marks, with the citation on the line
//! after.
//!
//! The body's own Markdown is the user's; what this module writes goes into the holes
//! left for it (see `markdown::Holed`).

use std::collections::BTreeMap;

use super::forms::{Parens, Target, order_rank};
use super::library::Library;
use super::syntax::{Cite, Item, Signal, scan};
use super::tracker::{Mode, Request, Tracker};
use crate::load::Locator;
use crate::markdown::{Holed, escape, sanitize_inline};
use crate::model::Excerpt;
use crate::pages::Page;
use crate::view::FootnoteView;

/// Bluebook rule 5.1: quotations of fifty words or more are set as block quotes.
pub const BLOCK_QUOTE_WORDS: usize = 50;

/// Where a citation of `t` links from `page`: the table of authorities for authorities
/// (none when the case has no document, so no table), the exhibit list for sources.
pub fn link(lib: &Library<'_>, page: &Page, t: &Target<'_>) -> Option<String> {
    match t {
        Target::Authority(a) | Target::Quoted(_, a) => {
            let id = &a.id.value;
            match page {
                // A document's own table lists everything the document cites.
                Page::Document { id: doc, .. } if lib.tabled.contains(doc) => {
                    Some(page.authority(Some(page), id))
                }
                _ => lib.listed.get(id).map(|toa| page.authority(Some(toa), id)),
            }
        }
        Target::Source(s) | Target::Excerpt(_, s) => Some(page.exhibit(&s.id.value)),
    }
}

/// A citation's Markdown (`text`, already Markdown) as a link to where `t` is listed, or
/// as it is when it is listed nowhere.
pub fn linked(lib: &Library<'_>, page: &Page, t: &Target<'_>, text: &str) -> String {
    match link(lib, page, t) {
        Some(href) => format!("[{text}]({href})"),
        None => text.to_string(),
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
    /// Maps offsets in the body to the case file, for diagnostics about citations.
    pub locator: Option<&'t Locator<'t>>,
}

/// How a quotation ends its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteEnd {
    /// The sentence ends: the period goes inside the closing mark.
    Period,
    /// A comma follows: inside the closing mark.
    Comma,
    /// Running text follows.
    Open,
    /// The writer's semicolon or colon follows, which sets the citation off.
    Marked,
}

/// Quotation marks inside a quotation alternate (rule 5.1(b)(ii)): double become single,
/// single become double.
fn alternate_marks(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let chars: Vec<char> = q.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let opening = prev.is_none_or(|p| p.is_whitespace() || "([—–".contains(p));
        out.push(match c {
            '“' => '‘',
            '”' => '’',
            '"' if opening => '‘',
            '"' => '’',
            '‘' => '“',
            // An apostrophe inside a word stays one.
            '’' if prev.is_some_and(char::is_alphanumeric)
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) =>
            {
                '’'
            }
            '’' => '”',
            c => c,
        });
    }
    out
}

/// Omissions as the Bluebook prints them (rule 5.3): three spaced periods.
fn spaced_ellipses(q: &str) -> String {
    q.replace('…', ". . .").replace("...", ". . .")
}

/// A quotation, escaped, with its citation: (quote, citation, whether a block quote).
pub fn quotation(
    lib: &Library<'_>,
    (e, t): (&Excerpt, Target<'_>),
    page: &Page,
    tracker: &mut Tracker,
    (at, capital, as_block): (Option<&crate::error::Loc>, bool, bool),
) -> (String, String, bool) {
    let cited = tracker.cite(
        lib,
        t,
        Request {
            at,
            capital,
            ..Request::default()
        },
    );
    let citation = linked(lib, page, &t, &cited);
    let words = e.quote.value.split_whitespace().count();
    let block = words >= BLOCK_QUOTE_WORDS || as_block;
    let text = spaced_ellipses(e.quote.value.trim());
    let text = if block { text } else { alternate_marks(&text) };
    (sic_set(&escape(&sic_marked(&text))), citation, block)
}

/// `Although …` as `\[a\]lthough …`: a capital that begins a word in lower case (not an
/// acronym or `I`) lowered and bracketed.
fn lower_first(q: &str) -> String {
    // Only words that are capitalized because they begin a sentence: a proper noun
    // (`President Trump`) keeps its capital.
    let first_word: String = q
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if !SENTENCE_WORDS.contains(&first_word.as_str()) {
        return q.to_string();
    }
    let mut chars = q.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(n)) if c.is_uppercase() && n.is_lowercase() => {
            let lower: String = c.to_lowercase().collect();
            format!("\\[{lower}\\]{}", q.get(c.len_utf8()..).unwrap_or_default())
        }
        _ => q.to_string(),
    }
}

/// `neither …` as `\[N\]either …`: a quotation that opens a sentence but begins in lower
/// case in the source.
fn upper_first(q: &str) -> String {
    let mut chars = q.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => {
            let upper: String = c.to_uppercase().collect();
            format!("\\[{upper}\\]{}", q.get(c.len_utf8()..).unwrap_or_default())
        }
        _ => q.to_string(),
    }
}

/// Words that are capitalized only because they begin a sentence.
const SENTENCE_WORDS: &[&str] = &[
    "a", "after", "all", "although", "an", "and", "any", "as", "at", "because", "before", "but",
    "by", "each", "every", "for", "from", "he", "her", "his", "if", "in", "it", "its", "no", "not",
    "of", "on", "once", "or", "our", "she", "since", "so", "such", "that", "the", "their", "there",
    "these", "they", "this", "those", "to", "under", "unless", "we", "when", "where", "whether",
    "which", "while", "with", "without",
];

/// Stands for `[sic]` while the quotation is escaped.
const SIC: char = '\u{E000}';

/// Every way a case may write `[sic]` (`word[sic]`, `word [ sic ]`, `[*sic*]`) as one
/// mark, with the space before it dropped.
fn sic_marked(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut rest = q;
    while let Some(i) = rest.find('[') {
        let (before, from) = rest.split_at(i);
        let close = from.find(']');
        let inner = close.and_then(|c| from.get(1..c)).unwrap_or_default();
        if inner
            .trim()
            .trim_matches(['*', '_'])
            .eq_ignore_ascii_case("sic")
        {
            out.push_str(before.trim_end());
            out.push(SIC);
            rest = from.get(close.map_or(0, |c| c + 1)..).unwrap_or_default();
        } else {
            out.push_str(before);
            out.push('[');
            rest = from.get(1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// Rule 5.2(c): `[sic]` after the word, a space before it, *sic* in italics.
fn sic_set(escaped: &str) -> String {
    escaped.replace(SIC, " \\[*sic*\\]")
}

/// Write `body` with every citation replaced by formatted Markdown. Citations were
/// checked by `validate`; one that does not resolve is left out.
pub fn render(lib: &Library<'_>, body: &str, b: &mut Body<'_>) -> String {
    let mut out = Holed::new();
    let mut last = 0;
    for found in scan(body) {
        if found.range.start < last {
            continue;
        }
        out.push_user(body.get(last..found.range.start).unwrap_or_default());
        last = found.range.end;
        let next = body.get(found.range.end..).and_then(|r| r.chars().next());
        let place = Place::of(body, found.range.start, next);
        let consumed = match found.item {
            Ok(Item::Quote { id, at }) => {
                let after = body.get(found.range.end..).unwrap_or_default();
                let sentence_follows = after
                    .strip_prefix(' ')
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase);
                // `said that [quote …]`: the quotation is part of the writer's sentence.
                let integrated = place == Place::InText
                    && body
                        .get(..found.range.start)
                        .and_then(|b| b.trim_end().chars().next_back())
                        .is_some_and(char::is_alphanumeric);
                quote_item(
                    lib,
                    (&id, at, sentence_follows, integrated),
                    place,
                    next,
                    b,
                    &mut out,
                )
            }
            Ok(Item::Cites(cites)) => cites_item(
                lib,
                (body, found.range.start, found.range.end),
                &cites,
                place,
                next,
                b,
                &mut out,
            ),
            Ok(Item::Narrative(cite)) => {
                narrative_item(lib, &cite, place, next, b, &mut out);
                false
            }
            Err(_) => false,
        };
        if consumed {
            // The punctuation after the citation was used by it.
            last += next.map_or(0, char::len_utf8);
        }
    }
    out.push_user(body.get(last..).unwrap_or_default());
    out.finish(&b.namespace)
}

/// Where a citation stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// At the start of a sentence or paragraph.
    Sentence,
    /// Right before the period that ends the text's sentence.
    BeforePeriod,
    /// After a comma or semicolon.
    AfterComma,
    /// After a word, with more of the sentence to come.
    InText,
    /// After a word, at the end of a line or the body.
    LineEnd,
}

impl Place {
    fn of(body: &str, start: usize, next: Option<char>) -> Place {
        if starts_sentence(body, start) {
            return Place::Sentence;
        }
        let before = body.get(..start).unwrap_or_default().trim_end();
        if before.ends_with([',', ';']) {
            return Place::AfterComma;
        }
        match next {
            Some('.') => Place::BeforePeriod,
            None | Some('\n') => Place::LineEnd,
            _ => Place::InText,
        }
    }
}

fn footnote(b: &mut Body<'_>, text_md: String) -> Option<usize> {
    let notes = b.footnotes.as_mut()?;
    notes.push(FootnoteView {
        number: notes.len() + 1,
        text_md,
    });
    Some(notes.len())
}

/// Write a quotation; returns whether the punctuation after the bracket was used.
fn quote_item(
    lib: &Library<'_>,
    (id, offset, sentence_follows, integrated): (&str, usize, bool, bool),
    place: Place,
    next: Option<char>,
    b: &mut Body<'_>,
    out: &mut Holed,
) -> bool {
    let Some((e, t)) = lib.excerpt(id).and_then(|t| Some((t.excerpt()?, t))) else {
        return false;
    };
    b.uses
        .entry(t.key().to_string())
        .or_default()
        .push(b.place.clone());
    // A quotation followed by the start of another sentence ends its own.
    let new_sentence = matches!(place, Place::InText | Place::Sentence | Place::AfterComma)
        && next == Some(' ')
        && sentence_follows;
    let end = match next {
        Some('.') | None | Some('\n') => QuoteEnd::Period,
        Some(',') => QuoteEnd::Comma,
        // The writer's own semicolon or colon sets the citation off.
        Some(';' | ':') => QuoteEnd::Marked,
        _ if new_sentence => QuoteEnd::Period,
        _ => QuoteEnd::Open,
    };
    let consumed = matches!(next, Some('.' | ','));
    let at = b.locator.map(|l| l.at(offset));
    // Rule 4.1: *Id.* is capitalized only where it opens a citation sentence; after a
    // quotation the sentence goes on, the citation is a clause (`id.`).
    let opens_sentence = end == QuoteEnd::Period || b.footnotes.is_some();
    let (q, citation, block) = quotation(
        lib,
        (e, t),
        b.page,
        b.tracker,
        (at.as_ref(), opens_sentence, false),
    );
    // Rule 5.2(a): a quotation worked into the writer's sentence starts in lower case,
    // the change bracketed (`that “[a]lthough …”`).
    let q = if integrated && !block {
        lower_first(&q)
    } else if place == Place::Sentence && !block {
        // Rule 5.2(a) the other way: a quotation that opens the writer's sentence starts
        // with a capital, the change bracketed (`“[N]either …”`).
        upper_first(&q)
    } else {
        q
    };
    let anchor = b.page.quotation(&e.id.value);
    let cited = format!("{citation}{}", period(&citation));
    if block {
        // Rule 5.1(a): indented, no quotation marks, the citation on the line after.
        match footnote(b, cited.clone()) {
            Some(n) => out.push_generated(format!("\n\n> {q}[^{n}]\n\n")),
            None => out.push_generated(format!("\n\n> {q}\n\n{cited}\n\n")),
        }
        return next == Some('.');
    }
    // Rule 5.3(b): a quotation used as a full sentence whose sentence goes on in the
    // source ends with an ellipsis and the period (`… 1971 . . . .”`); a phrase worked
    // into the writer's sentence does not.
    let full_sentence = !integrated && q.chars().next().is_some_and(char::is_uppercase);
    let cut_short = full_sentence && lib.cut(&e.id.value).sentence_continues;
    // Rule 5.1(b)(ii): the period or comma goes inside the closing quotation mark.
    // A quotation that ends inside a quotation of its own (`… government.’`) already
    // has its sentence's punctuation, inside the inner mark (rule 5.1(b)(ii)).
    let ended = q
        .trim_end_matches(['’', '\'', '”', '"'])
        .ends_with(['.', '?', '!']);
    let closing = match end {
        QuoteEnd::Period if cut_short && !ended => {
            format!("{} . . . .", q.trim_end_matches([',', ';', ':']))
        }
        QuoteEnd::Period if !ended => {
            format!("{}.", q.trim_end_matches([',', ';', ':']))
        }
        QuoteEnd::Comma if !ended && !q.ends_with(',') => format!("{q},"),
        _ => q,
    };
    let quoted = format!("[“{closing}”]({anchor})");
    match footnote(b, cited.clone()) {
        Some(n) => out.push_generated(format!("{quoted}[^{n}]")),
        None => match end {
            QuoteEnd::Comma => out.push_generated(format!("{quoted} {citation},")),
            QuoteEnd::Marked => out.push_generated(format!("{quoted} {citation}")),
            QuoteEnd::Period => out.push_generated(format!("{quoted} {cited}")),
            // A citation clause inside the sentence is set off by commas (rule 1.1).
            QuoteEnd::Open => out.push_generated(format!("{quoted} {citation},")),
        },
    }
    consumed
}

/// One cite of a bracket, resolved.
struct Resolved<'c, 'a> {
    cite: &'c Cite,
    target: Target<'a>,
    /// Pins of the same authority merged into this cite (rule 1.4: never the same
    /// authority twice in one string).
    pins: Vec<String>,
}

/// Write one bracket of citations; returns whether the text's own period after it was
/// used by the citation.
fn cites_item(
    lib: &Library<'_>,
    (body, start, end): (&str, usize, usize),
    cites: &[Cite],
    place: Place,
    next: Option<char>,
    b: &mut Body<'_>,
    out: &mut Holed,
) -> bool {
    let mut targets: Vec<Resolved<'_, '_>> = Vec::new();
    for c in cites {
        let Some(t) = lib.target(&c.id) else {
            return false;
        };
        let pin = c
            .pin
            .clone()
            .or_else(|| t.excerpt().and_then(super::forms::excerpt_pin));
        // Pinpoints of one authority under one signal merge (`at 1381, 1383`); under
        // another signal, or with a parenthetical of its own, it is cited again (`*cf.*
        // *id.* at 58 (…)`), so no signal or parenthetical is lost.
        let merges = |r: &Resolved<'_, '_>| {
            r.target.key() == t.key()
                && r.cite.signal == c.signal
                && r.cite.parenthetical.is_none()
                && c.parenthetical.is_none()
        };
        match targets.iter_mut().find(|r| merges(r)) {
            Some(r) => r.pins.extend(pin),
            None => targets.push(Resolved {
                cite: c,
                // Merged excerpts cite their source (or authority).
                target: t.whole(),
                pins: pin.into_iter().collect(),
            }),
        }
    }
    // Rule 1.3/1.4: signals in order, then authorities in order within a signal.
    targets.sort_by(|a, b| {
        a.cite
            .signal
            .cmp(&b.cite.signal)
            .then(order_rank(&a.target, lib).cmp(&order_rank(&b.target, lib)))
    });
    let alone = targets.len() == 1;
    let named = alone
        && b.footnotes.is_none()
        && targets
            .first()
            .is_some_and(|r| r.cite.signal == Signal::None)
        && names_the_authority(body, start, end, place);
    let capital = matches!(
        place,
        Place::Sentence | Place::BeforePeriod | Place::LineEnd
    ) || b.footnotes.is_some();
    let mut parts = Vec::new();
    let mut prev_signal = None;
    for (i, r) in targets.iter().enumerate() {
        b.uses
            .entry(r.target.key().to_string())
            .or_default()
            .push(b.place.clone());
        if !alone {
            b.tracker.break_chain();
        }
        let first = i == 0;
        let paren = r.cite.parenthetical.as_deref().map(sanitize_inline);
        let pin = (!r.pins.is_empty()).then(|| r.pins.join(", "));
        let at = b.locator.map(|l| l.at(r.cite.at));
        let text = b.tracker.cite(
            lib,
            r.target,
            Request {
                pin: pin.as_deref(),
                parens: Parens {
                    explanatory: paren.as_deref(),
                    quotation: None,
                },
                capital: capital && first && r.cite.signal == Signal::None,
                alone,
                mode: if named {
                    Mode::Narrative
                } else {
                    Mode::Citation
                },
                at: at.as_ref(),
                signal: (r.cite.signal != Signal::None).then(|| r.cite.signal.name()),
            },
        );
        // Rule 1.3: in citation sentences, a signal of another kind (support,
        // comparison, contradiction, background) starts a sentence of its own; a clause
        // keeps them in one string.
        let new_sentence =
            capital && prev_signal.is_some_and(|p: Signal| p.kind() != r.cite.signal.kind());
        let mut part = String::new();
        if !first {
            part.push_str(if new_sentence { ". " } else { "; " });
        }
        if prev_signal != Some(r.cite.signal) && r.cite.signal != Signal::None {
            part.push_str(r.cite.signal.markdown(capital && (first || new_sentence)));
            part.push(' ');
        }
        prev_signal = Some(r.cite.signal);
        part.push_str(&linked(lib, b.page, &r.target, &text));
        parts.push(part);
    }
    if !alone {
        b.tracker.break_chain();
    }
    let joined = parts.concat();
    if b.footnotes.is_some() {
        let n = footnote(b, format!("{joined}{}", period(&joined))).unwrap_or_default();
        out.push_generated(format!("[^{n}]"));
        return false;
    }
    place_citation(out, &joined, place, next, named)
}

/// Put a written citation where it stands; returns whether the text's period after it
/// was used.
fn place_citation(
    out: &mut Holed,
    joined: &str,
    place: Place,
    next: Option<char>,
    named: bool,
) -> bool {
    let stop = period(joined);
    match place {
        Place::Sentence if named => {
            out.push_generated(format!("{joined},"));
            false
        }
        Place::Sentence => {
            // The text's own period after the bracket closes the citation sentence.
            if next == Some('.') {
                out.push_generated(joined.to_string());
                return stop.is_empty();
            }
            out.push_generated(format!("{joined}{stop}"));
            false
        }
        Place::BeforePeriod | Place::LineEnd => {
            // `text [@cite].`: the text's sentence ends; the citation is its own sentence.
            let trimmed = out.text().trim_end().len();
            out.truncate(trimmed);
            out.push_generated(format!(". {joined}"));
            if place == Place::LineEnd {
                out.push_generated(stop.to_string());
                return false;
            }
            stop.is_empty()
        }
        Place::AfterComma => {
            let trimmed = out.text().trim_end().len();
            out.truncate(trimmed);
            let comma = if matches!(next, Some(',' | ';' | ')' | '.') | None) {
                ""
            } else {
                ","
            };
            out.push_generated(format!(" {joined}{comma}"));
            false
        }
        Place::InText => {
            let trimmed = out.text().trim_end().len();
            out.truncate(trimmed);
            let comma = if matches!(next, Some(',' | ';' | ')' | '.') | None) {
                ""
            } else {
                ","
            };
            if named {
                out.push_generated(format!(" {joined}{comma}"));
            } else {
                out.push_generated(format!(", {joined}{comma}"));
            }
            false
        }
    }
}

/// Words after which a bracketed citation names its authority in the sentence (`Under
/// [@itac], the question`, `As [@axiom] held`).
const NAMING_WORDS: &[&str] = &[
    "under",
    "in",
    "as",
    "like",
    "unlike",
    "following",
    "per",
    "after",
    "before",
    "since",
    "from",
    "by",
    "with",
    "whereas",
    "while",
    "accord",
    "against",
    "to",
    "of",
];

/// Whether a bracket stands for the authority's name in its sentence rather than as a
/// citation of the sentence: text follows it (`[@axiom] held`), or the word before it
/// introduces a name (`Under [@itac], the question`).
fn names_the_authority(body: &str, start: usize, end: usize, place: Place) -> bool {
    let after = body.get(end..).unwrap_or_default();
    let text_follows = after
        .strip_prefix(' ')
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_lowercase());
    match place {
        Place::Sentence => text_follows,
        Place::InText => {
            let word = body
                .get(..start)
                .unwrap_or_default()
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_lowercase();
            NAMING_WORDS.contains(&word.as_str())
        }
        _ => false,
    }
}

/// `@axiom [at 1380]` in running text: the authority named, its citation following.
fn narrative_item(
    lib: &Library<'_>,
    cite: &Cite,
    place: Place,
    next: Option<char>,
    b: &mut Body<'_>,
    out: &mut Holed,
) {
    let Some(t) = lib.target(&cite.id) else {
        return;
    };
    b.uses
        .entry(t.key().to_string())
        .or_default()
        .push(b.place.clone());
    let at = b.locator.map(|l| l.at(cite.at));
    let text = b.tracker.cite(
        lib,
        t,
        Request {
            pin: cite.pin.as_deref(),
            capital: place == Place::Sentence,
            mode: Mode::Narrative,
            at: at.as_ref(),
            ..Request::default()
        },
    );
    let comma = if next.is_some_and(|c| c.is_alphanumeric() || c == ' ')
        && !matches!(next, Some(',' | '.' | ';' | ')'))
    {
        ","
    } else {
        ""
    };
    out.push_generated(format!("{}{comma}", linked(lib, b.page, &t, &text)));
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

    fn brief(body: &str, rest: &str) -> String {
        let yaml = format!(
            "case: {{title: T, short_title: T, court: C, docket: D, forum: cofc, protest_type: post_award, status: pending}}\n\
             authorities:\n\
             - {{id: a, kind: case, name: Fixture A v. Roe, short: Fixture A, volume: 1, reporter: F.4th, page: 10, court: Fed. Cir., year: 2021}}\n\
             - {{id: b, kind: case, name: Fixture B v. Roe, short: Fixture B, volume: 2, reporter: F.4th, page: 20, court: Fed. Cir., year: 2022}}\n{rest}"
        );
        let c = crate::load::case_from_text("t", std::path::Path::new("t/case.yaml"), &yaml)
            .expect("parses");
        let lib = Library {
            tabled: ["brief".to_string()].into(),
            ..Library::new(&c.data, Default::default())
        };
        let page = Page::document("brief");
        let mut tracker = Tracker::default();
        let mut uses = Uses::new();
        let mut b = Body {
            page: &page,
            tracker: &mut tracker,
            uses: &mut uses,
            place: ("s".into(), "s".into()),
            footnotes: None,
            namespace: String::new(),
            locator: None,
        };
        render(&lib, body, &mut b)
    }

    #[test]
    fn rule_5_2_a_an_integrated_quotation_starts_in_lower_case() {
        assert_eq!(
            lower_first("Although not required"),
            "\\[a\\]lthough not required"
        );
        assert_eq!(lower_first("DoD said"), "DoD said");
        assert_eq!(
            upper_first("neither the doctrine"),
            "\\[N\\]either the doctrine"
        );
        assert_eq!(upper_first("It is settled"), "It is settled");
        assert_eq!(lower_first("I am"), "I am");
        assert_eq!(lower_first("President Trump is"), "President Trump is");
    }

    #[test]
    fn rule_1_3_signals_of_another_kind_start_a_sentence() {
        let out = brief("So held. [see @a, 12; but see @b, 25]", "");
        assert!(out.contains(". *But see* ["), "{out}");
        // In a clause they stay in one string.
        let out = brief("The rule, [see @a, 12; but see @b, 25], is old.", "");
        assert!(out.contains("; *but see* ["), "{out}");
    }

    #[test]
    fn one_authority_under_two_signals_keeps_both() {
        let out = brief("So held. [see @a, 12; cf. @a, 14 (similar)]", "");
        assert!(out.contains("*cf.*") && out.contains("(similar)"), "{out}");
    }

    #[test]
    fn rule_5_2_sic_is_set_after_a_space_in_italics() {
        for q in [
            "the evaluaters[sic] wrote",
            "the evaluaters [ sic ] wrote",
            "the evaluaters [*sic*] wrote",
        ] {
            assert_eq!(
                sic_set(&escape(&sic_marked(q))),
                "the evaluaters \\[*sic*\\] wrote",
                "{q}"
            );
        }
        assert_eq!(sic_marked("a [b] c"), "a [b] c");
    }

    #[test]
    fn rule_5_1_nested_quotations_alternate() {
        assert_eq!(
            alternate_marks("he said “screw Amazon” to them"),
            "he said ‘screw Amazon’ to them"
        );
        assert_eq!(
            alternate_marks("it \"was\" AWS’s call"),
            "it ‘was’ AWS’s call"
        );
    }

    #[test]
    fn rule_5_3_omissions_are_spaced() {
        assert_eq!(spaced_ellipses("a ... b … c"), "a . . . b . . . c");
    }
}
