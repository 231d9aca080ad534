//! Bluebook forms (21st edition, Bluepages for court documents): the full citation
//! (first reference), the short form (later ones), *Id.* and *supra*, for authorities and
//! for the record and secondary sources a case quotes; the order of authorities in a
//! string (rule 1.4) and their groups in a table of authorities.
//!
//! Every form is Markdown built from escaped data: case names and titles in italics,
//! everything else as text.

use std::fmt::Write as _;

use super::library::Library;
use crate::markdown::{escape, escape_inline};
use crate::model::{
    Authority, AuthorityKind, CiteAs, Date, Excerpt, Source, SourceKind, Verification,
};

/// What a citation can point at.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Authority(&'a Authority),
    Source(&'a Source),
    Excerpt(&'a Excerpt, &'a Source),
    /// An excerpt of an authority's own text: cited as the authority, at its page.
    Quoted(&'a Excerpt, &'a Authority),
}

impl<'a> Target<'a> {
    /// The id that short forms and *Id.* track (an excerpt tracks its source).
    /// The excerpt it quotes, if any.
    pub fn excerpt(&self) -> Option<&'a Excerpt> {
        match self {
            Target::Excerpt(e, _) | Target::Quoted(e, _) => Some(e),
            _ => None,
        }
    }

    /// What is cited when several pinpoints of one record merge: the source or the
    /// authority itself.
    pub fn whole(self) -> Target<'a> {
        match self {
            Target::Excerpt(_, s) => Target::Source(s),
            Target::Quoted(_, a) => Target::Authority(a),
            t => t,
        }
    }

    pub fn key(&self) -> &str {
        match self {
            Target::Authority(a) | Target::Quoted(_, a) => &a.id.value,
            Target::Source(s) | Target::Excerpt(_, s) => &s.id.value,
        }
    }

    /// When the cited material came to be: a decision's date (or year), a source's date.
    pub fn date(&self) -> Option<Date> {
        match self {
            Target::Authority(a) | Target::Quoted(_, a) => authority_date(a),
            Target::Source(s) | Target::Excerpt(_, s) => s.date.as_ref().map(|d| d.value),
        }
    }
}

/// An authority's date: its exact date, or its year.
pub fn authority_date(a: &Authority) -> Option<Date> {
    a.date.as_ref().map(|d| d.value).or(a.year.and_then(|y| {
        u16::try_from(y).ok().map(|year| Date {
            year,
            month: 0,
            day: 0,
            qual: crate::model::Qualifier::Exact,
        })
    }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PinKind {
    /// A page, a range, several pages, a page with a note: `1379`, `1379–80`, `12 n.4`.
    Page,
    /// A paragraph, section or note: `¶ 4`, `§ 2`, `n.4`.
    Mark,
    /// Subsections that join a section: `(b)(4)`.
    Sub,
}

fn pin_kind(pin: &str) -> PinKind {
    let p = pin.trim();
    if p.starts_with(['¶', '§']) || p.starts_with("para") || p.starts_with("n.") {
        PinKind::Mark
    } else if p.starts_with('(') {
        PinKind::Sub
    } else {
        PinKind::Page
    }
}

/// A pinpoint as printed: `at` stripped, `para.` as `¶`, ranges with an en dash.
fn clean_pin(pin: &str) -> String {
    let p = pin.trim();
    let p = p.strip_prefix("at ").unwrap_or(p).trim();
    if let Some(n) = p.strip_prefix("paras. ").or(p.strip_prefix("para. ")) {
        return format!("¶ {n}");
    }
    // Rule 3.2(a): a page range keeps the last two digits of its second page
    // (`1379-1381` is `1379–81`).
    if let Ok(pages) = crate::model::Pages::parse(p)
        && p.contains(['-', '–'])
    {
        return pages.to_string();
    }
    // Bluebook ranges use an en dash: `1379-80`, `12-13, 15`.
    let mut out = String::with_capacity(p.len());
    let mut prev_digit = false;
    for c in p.replace("--", "–").chars() {
        if c == '-' && prev_digit {
            out.push('–');
        } else {
            out.push(c);
        }
        prev_digit = c.is_ascii_digit();
    }
    out
}

/// The first number in a page pin, for range checks.
pub fn pin_page(pin: &str) -> Option<u32> {
    let p = clean_pin(pin);
    let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

pub(super) fn excerpt_pin(e: &Excerpt) -> Option<String> {
    // Rule 3.2(b): a footnote follows its page, `712 n.19`.
    let note = e.footnote.as_ref().map(|n| format!(" n.{}", n.value));
    match (&e.page, &e.paragraph) {
        (Some(p), _) => Some(format!("{}{}", p.value, note.unwrap_or_default())),
        (None, Some(q)) => Some(format!("¶ {}", q.value)),
        _ => None,
    }
}

fn italic(s: &str) -> String {
    // Emphasis needs text that does not start or end with a space.
    let t = s.trim();
    if t.is_empty() {
        String::new()
    } else {
        format!("*{}*", escape(t))
    }
}

fn year_paren(a: &Authority) -> String {
    let court = a.court.as_deref().unwrap_or("");
    let supreme = matches!(
        a.reporter.as_deref(),
        Some("U.S." | "S. Ct." | "L. Ed." | "L. Ed. 2d")
    );
    let when = match (&a.date, a.year) {
        (Some(d), _) if a.volume.is_none() => d.value.bluebook(),
        (_, Some(y)) => y.to_string(),
        (Some(d), None) => d.value.year.to_string(),
        (None, None) => String::new(),
    };
    // The court is omitted where the reporter already names it (rule 10.4).
    let implied = a.reporter.as_deref() == Some(court);
    if supreme || court.is_empty() || implied {
        format!("({when})")
    } else {
        format!("({} {when})", escape(court))
    }
}

fn dagger(a: &Authority) -> &'static str {
    if a.verification == Verification::Unverified {
        "†"
    } else {
        ""
    }
}

/// Fields a citation form needs; `Err` names the first one missing.
pub fn required_fields(a: &Authority) -> Result<(), &'static str> {
    let need = |ok: bool, f: &'static str| if ok { Ok(()) } else { Err(f) };
    match a.kind {
        AuthorityKind::Case => {
            need(a.name.is_some(), "name")?;
            if a.volume.is_some() || a.reporter.is_some() || a.page.is_some() {
                need(a.volume.is_some(), "volume")?;
                need(a.reporter.is_some(), "reporter")?;
                need(a.page.is_some(), "page")?;
                need(a.year.is_some() || a.date.is_some(), "year")
            } else {
                need(a.docket.is_some(), "docket (or volume, reporter and page)")?;
                need(a.court.is_some(), "court")?;
                need(a.date.is_some(), "date")
            }
        }
        AuthorityKind::Statute | AuthorityKind::Regulation => {
            need(a.title.is_some(), "title")?;
            need(a.code.is_some(), "code")?;
            need(a.section.is_some(), "section")
        }
        AuthorityKind::Rule => {
            need(a.name.is_some(), "name")?;
            need(a.section.is_some(), "section")
        }
        AuthorityKind::Constitution | AuthorityKind::Secondary => {
            need(a.name.is_some() || a.source.is_some(), "name")
        }
        AuthorityKind::Legislative => {
            need(a.name.is_some(), "name")?;
            need(a.public_law.is_some(), "public_law")?;
            need(a.statutes_at_large.is_some(), "statutes_at_large")?;
            need(a.year.is_some(), "year")
        }
        AuthorityKind::AgencyDecision => {
            need(a.name.is_some(), "name")?;
            need(a.number.is_some(), "number")?;
            need(a.date.is_some(), "date")
        }
    }
}

/// A source's title as a citation prints it: in italics, or, for a title the case
/// describes rather than quotes, in brackets and roman (`[AWS Seeks Trump's Deposition]`).
fn title_md(s: &Source) -> String {
    if s.title_described {
        format!("\\[{}\\]", escape(&s.title))
    } else {
        italic(&s.title)
    }
}

fn name(a: &Authority) -> &str {
    a.name.as_deref().unwrap_or("")
}

fn short_name(a: &Authority) -> &str {
    a.short.as_deref().or(a.name.as_deref()).unwrap_or("")
}

fn code_cite(a: &Authority, pin: Option<&str>) -> String {
    let mut s = format!(
        "{} {} § {}",
        a.title.unwrap_or(0),
        escape_inline(a.code.as_deref().unwrap_or("")),
        escape_inline(a.section.as_deref().unwrap_or(""))
    );
    if let Some(p) = pin {
        if pin_kind(p) == PinKind::Sub {
            s.push_str(&escape_inline(p.trim()));
        } else {
            let _ = write!(s, ", {}", escape_inline(&clean_pin(p)));
        }
    }
    s
}

fn rule_cite(a: &Authority, pin: Option<&str>) -> String {
    let mut s = format!(
        "{} {}",
        escape(name(a)),
        escape_inline(a.section.as_deref().unwrap_or(""))
    );
    if let Some(p) = pin {
        if pin_kind(p) == PinKind::Sub {
            s.push_str(&escape_inline(p.trim()));
        } else {
            let _ = write!(s, " {}", escape_inline(&clean_pin(p)));
        }
    }
    s
}

fn add_pin_full(s: &mut String, pin: Option<&str>) {
    if let Some(p) = pin {
        let _ = write!(s, ", {}", escape_inline(&clean_pin(p)));
    }
}

/// `at 1380` for pages, `¶ 4` for marks.
fn at_pin(pin: &str) -> String {
    match pin_kind(pin) {
        PinKind::Page => format!("at {}", escape_inline(&clean_pin(pin))),
        _ => escape_inline(&clean_pin(pin)),
    }
}

/// Whether a source is a document of the court's docket, cited by name and ECF number.
pub fn is_court_document(s: &Source) -> bool {
    matches!(
        s.kind,
        SourceKind::Filing | SourceKind::Order | SourceKind::Opinion
    ) && s.ecf.is_some()
}

/// Whether a source is part of the record (Bluepages B17): a court document, the
/// administrative record, or an exhibit. The record is cited by name or exhibit, never
/// with *supra*, and is not an authority of the table.
pub fn in_record(s: &Source) -> bool {
    is_court_document(s)
        || s.kind == SourceKind::AdministrativeRecord
        || s.cite_as == CiteAs::Exhibit
}

/// The short form of a citation, where the Bluebook allows one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Short {
    Form(String),
    /// The short form needs a pinpoint (rule 10.9): cite in full instead.
    NeedsPin,
}

/// Parentheticals after a citation, in the order rule 1.5(b) gives them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Parens<'p> {
    /// An explanatory parenthetical the brief writes (`rejecting *Esch*`), Markdown
    /// already made safe.
    pub explanatory: Option<&'p str>,
    /// A quotation's own parentheticals, already formatted with their leading space
    /// (` (emphasis added)`): they come before the explanatory one (rule 1.5(b)).
    pub quotation: Option<&'p str>,
}

impl<'p> Parens<'p> {
    fn with_quotation(self, q: &'p str) -> Parens<'p> {
        Parens {
            quotation: (!q.is_empty()).then_some(q),
            ..self
        }
    }
}

/// Whether a citation is in running text or in a list of authorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listing {
    Text,
    List,
}

/// The citation forms of one document: the case's records, and the document's date
/// (history after it is not printed).
#[derive(Debug, Clone, Copy)]
pub struct Forms<'a> {
    pub lib: &'a Library<'a>,
    pub as_of: Option<Date>,
}

impl Forms<'_> {
    /// Full citation (first reference), with URLs and parentheticals.
    pub fn full(&self, t: Target<'_>, pin: Option<&str>, parens: Parens<'_>) -> String {
        self.full_with(t, pin, parens, Listing::Text)
    }

    /// A full citation as a list shows it (the table of authorities, the exhibit list):
    /// no pinpoint, no URL, no `hereinafter`.
    pub fn table(&self, t: Target<'_>) -> String {
        self.full_with(t, None, Parens::default(), Listing::List)
    }

    fn full_with(
        &self,
        t: Target<'_>,
        pin: Option<&str>,
        parens: Parens<'_>,
        listing: Listing,
    ) -> String {
        match t {
            Target::Authority(a) => self.full_authority(a, pin, parens, true),
            Target::Source(s) => self.full_source(s, None, pin, parens, listing),
            Target::Excerpt(e, s) => {
                let pin = pin.map(str::to_string).or_else(|| excerpt_pin(e));
                self.full_source(s, Some(e), pin.as_deref(), parens, listing)
            }
            Target::Quoted(e, a) => {
                let pin = pin.map(str::to_string).or_else(|| excerpt_pin(e));
                let quoted = self.quotation_parens(e);
                self.full_authority(a, pin.as_deref(), parens.with_quotation(&quoted), true)
            }
        }
    }

    /// An excerpt's own parentheticals, as one string (` (emphasis added) (quoting …)`).
    pub(super) fn quotation_parens(&self, e: &Excerpt) -> String {
        let mut s = String::new();
        excerpt_parens(&mut s, Some(e), self);
        s
    }

    fn full_authority(
        &self,
        a: &Authority,
        pin: Option<&str>,
        parens: Parens<'_>,
        history: bool,
    ) -> String {
        let mut s = match a.kind {
            AuthorityKind::Case => {
                let mut s = italic(name(a));
                if let (Some(v), Some(r), Some(p)) = (a.volume, &a.reporter, a.page) {
                    let _ = write!(s, ", {v} {} {p}", escape_inline(r));
                    add_pin_full(&mut s, pin);
                    for par in &a.parallel {
                        let _ = write!(s, ", {}", escape(par));
                    }
                } else {
                    let _ = write!(s, ", {}", escape(a.docket.as_deref().unwrap_or("")));
                    if let Some(p) = pin {
                        let _ = write!(s, ", slip op. {}", at_pin(p));
                    }
                }
                let _ = write!(s, " {}", year_paren(a));
                s
            }
            AuthorityKind::Statute => code_cite(a, pin),
            AuthorityKind::Regulation => {
                // Rule 14.2: the year of the C.F.R. edition cited.
                let mut s = code_cite(a, pin);
                if let Some(y) = a.year {
                    let _ = write!(s, " ({y})");
                }
                s
            }
            AuthorityKind::Rule => rule_cite(a, pin),
            AuthorityKind::Constitution | AuthorityKind::Secondary => {
                let mut s = escape(name(a));
                add_pin_full(&mut s, pin);
                s
            }
            AuthorityKind::Legislative => {
                let mut s = format!(
                    "{}, Pub. L. No. {}",
                    escape(name(a)),
                    escape(a.public_law.as_deref().unwrap_or(""))
                );
                if let Some(sec) = &a.section {
                    let _ = write!(s, ", § {}", escape(sec));
                }
                let _ = write!(
                    s,
                    ", {}",
                    escape(a.statutes_at_large.as_deref().unwrap_or(""))
                );
                add_pin_full(&mut s, pin);
                let _ = write!(s, " ({})", a.year.unwrap_or(0));
                s
            }
            AuthorityKind::AgencyDecision => {
                let date = a
                    .date
                    .as_ref()
                    .map(|d| d.value.bluebook())
                    .unwrap_or_default();
                let number = escape(a.number.as_deref().unwrap_or(""));
                if self.lib.agency_form {
                    // GAO's own form: the date before the CPD paragraph.
                    let mut s = format!("{}, {number}, {date}", italic(name(a)));
                    if let Some(c) = &a.cpd {
                        let _ = write!(s, ", {}", escape(c));
                    }
                    if let Some(p) = pin {
                        let _ = write!(s, " {}", at_pin(p));
                    }
                    s
                } else {
                    // A court's form (rules 14.3, 10.4 by analogy; T1 "Comp. Gen."): the
                    // reporter, the pinpoint, then the deciding body and the date.
                    let mut s = format!("{}, {number}", italic(name(a)));
                    if let Some(c) = &a.cpd {
                        let _ = write!(s, ", {}", escape(c));
                    }
                    if let Some(p) = pin {
                        let _ = write!(s, ", {}", at_pin(p));
                    }
                    let _ = write!(s, " (Comp. Gen. {date})");
                    s
                }
            }
        };
        if let Some(p) = &a.parenthetical {
            let _ = write!(s, " ({})", escape(p));
        }
        if let Some(q) = parens.quotation {
            s.push_str(q);
        }
        if let Some(p) = parens.explanatory {
            let _ = write!(s, " ({p})");
        }
        if history {
            self.history(a, &mut s);
        }
        s.push_str(dagger(a));
        s
    }

    /// Subsequent history (rule 10.7), as far as the document's date.
    fn history(&self, a: &Authority, s: &mut String) {
        for h in &a.history {
            let later = h
                .authority
                .as_ref()
                .and_then(|id| self.lib.authorities.get(id.value.as_str()));
            let when = h
                .date
                .as_ref()
                .map(|d| d.value)
                .or_else(|| later.and_then(|l| authority_date(l)));
            if let (Some(as_of), Some(when)) = (self.as_of, when)
                && when > as_of
            {
                continue;
            }
            let (text, sub_nom) = match (later, &h.cite) {
                (Some(l), _) => {
                    let full = self.full_authority(l, None, Parens::default(), false);
                    // Rule 10.7.2: the later case's name is left out when it is the same,
                    // given after `sub nom.` when it differs.
                    let named = format!("{}, ", italic(name(l)));
                    match full.strip_prefix(&named) {
                        Some(rest)
                            if l.kind == AuthorityKind::Case && same_parties(name(l), name(a)) =>
                        {
                            (rest.to_string(), false)
                        }
                        Some(_) if l.kind == AuthorityKind::Case => (full, true),
                        _ => (full, false),
                    }
                }
                (None, Some(c)) => (escape(c), false),
                (None, None) => continue,
            };
            // `aff'd, 975 F.3d 1279`; `rev'd sub nom. Leroy v. …` (no comma after nom.).
            let phrase = h.relation.phrase();
            if sub_nom {
                let _ = write!(s, ", *{phrase} sub nom.* {text}");
            } else {
                let _ = write!(s, ", *{phrase}*, {text}");
            }
        }
    }

    fn full_source(
        &self,
        s: &Source,
        e: Option<&Excerpt>,
        pin: Option<&str>,
        parens: Parens<'_>,
        listing: Listing,
    ) -> String {
        let mut out = match self.record_form(s, pin) {
            Some(r) => r,
            None => self.document_form(s, e, pin, listing == Listing::Text),
        };
        excerpt_parens(&mut out, e, self);
        if let Some(p) = parens.explanatory {
            let _ = write!(out, " ({p})");
        }
        // Rule 4.2(b): a short title the reader could not derive is announced.
        if listing == Listing::Text
            && !self.lib.is_record(s)
            && s.author.is_none()
            && let Some(short) = &s.short_title
        {
            let _ = write!(out, " [hereinafter {}]", italic(short));
        }
        out
    }

    /// Record forms (Bluepages B17): documents of the court record, the administrative
    /// record, exhibits. `None` for other sources.
    fn record_form(&self, s: &Source, pin: Option<&str>) -> Option<String> {
        let pin_after = |out: &mut String| {
            if let Some(p) = pin {
                let _ = write!(out, " {}", at_pin(p));
            }
        };
        if s.cite_as == CiteAs::Exhibit {
            let label = self.lib.exhibit_of.get(s.id.value.as_str())?;
            let mut out = format!("Ex. {}", escape(label));
            pin_after(&mut out);
            return Some(out);
        }
        if s.kind == SourceKind::AdministrativeRecord {
            let mut out = "AR".to_string();
            if let Some(p) = pin {
                let _ = write!(out, " {}", escape(&clean_pin(p)));
            }
            return Some(out);
        }
        if !is_court_document(s) {
            return None;
        }
        Some(self.record_document(s, &s.title, pin))
    }

    /// `Pl.'s Mem. 12, ECF No. 146-1` (B17.1.2, B17.1.4), or with ECF-header pages
    /// `Pl.'s Mem., ECF No. 146-1 at 12`; the date only where two documents share a title.
    fn record_document(&self, s: &Source, title: &str, pin: Option<&str>) -> String {
        let ecf = escape(s.ecf.as_deref().unwrap_or(""));
        let mut out = escape(title);
        match (pin, s.ecf_pages) {
            (Some(p), false) => {
                let _ = write!(out, " {}, ECF No. {ecf}", escape(&clean_pin(p)));
            }
            (Some(p), true) => {
                let _ = write!(out, ", ECF No. {ecf} {}", at_pin(p));
            }
            (None, _) => {
                let _ = write!(out, ", ECF No. {ecf}");
            }
        }
        if self.lib.shared_titles.contains(s.title.as_str())
            && let Some(d) = &s.date
        {
            let _ = write!(out, " ({})", d.value.bluebook());
        }
        out
    }

    /// Books (rule 15), hearings (rule 13.3), periodicals (rule 16, online per 18.2.2)
    /// and other documents.
    fn document_form(
        &self,
        s: &Source,
        e: Option<&Excerpt>,
        pin: Option<&str>,
        url: bool,
    ) -> String {
        let mut out = String::new();
        if let Some(a) = &s.author {
            let _ = write!(out, "{}, ", escape(a));
        }
        out.push_str(&title_md(s));
        let date = s.date.as_ref().map(|d| d.value);
        match s.kind {
            SourceKind::Book => {
                // Rule 15: the pin follows the title without a comma.
                if let Some(p) = pin {
                    let _ = write!(out, " {}", escape(&clean_pin(p)));
                }
                let publisher = s
                    .outlet
                    .as_deref()
                    .map(|o| format!("{} ", escape(o)))
                    .unwrap_or_default();
                let year = date.map(|d| d.year.to_string()).unwrap_or_default();
                let _ = write!(out, " ({publisher}{year})");
            }
            SourceKind::Hearing => {
                // Rule 13.3: title, Congress, page, year, witness.
                if let Some(c) = s.congress {
                    let _ = write!(out, ", {}", ordinal_congress(c));
                }
                if let Some(p) = pin {
                    let _ = write!(out, " {}", escape(&clean_pin(p)));
                }
                if let Some(d) = date {
                    let _ = write!(out, " ({})", d.year);
                }
                if let Some(name) = e
                    .and_then(|e| e.speaker.as_ref())
                    .and_then(|sp| self.lib.people.get(sp.value.as_str()))
                    .map(|p| p.name.as_str())
                {
                    let _ = write!(out, " (statement of {})", escape(name));
                }
            }
            _ => {
                let outlet = periodical(s);
                let online = url && s.url.is_some();
                if let Some(o) = &outlet {
                    let _ = write!(out, ", {}", escape(o));
                }
                // Rule 16.6: a periodical's date follows its name; online, in parentheses
                // before the URL (rule 18.2.2).
                match (date, online) {
                    (Some(d), true) => {
                        let _ = write!(out, " ({})", d.bluebook());
                    }
                    (Some(d), false) if outlet.is_some() => {
                        let _ = write!(out, ", {}", d.bluebook());
                    }
                    (Some(d), false) => {
                        let _ = write!(out, " ({})", d.bluebook());
                    }
                    (None, _) => {}
                }
                if let Some(p) = pin {
                    let _ = write!(out, ", {}", at_pin(p));
                }
                if online && let Some(u) = &s.url {
                    let _ = write!(out, ", {}", escape(u));
                }
            }
        }
        out
    }

    /// Short form (later references): `NeedsPin` where the short form would need a
    /// pinpoint the citation does not give.
    pub fn short(&self, t: Target<'_>, pin: Option<&str>, parens: Parens<'_>) -> Short {
        let mut s = match t {
            Target::Authority(a) => match self.short_authority(a, pin) {
                Short::Form(s) => s,
                Short::NeedsPin => return Short::NeedsPin,
            },
            Target::Source(s) => self.short_source(s, pin),
            Target::Excerpt(e, s) => {
                let pin = pin.map(str::to_string).or_else(|| excerpt_pin(e));
                let mut out = self.short_source(s, pin.as_deref());
                excerpt_parens(&mut out, Some(e), self);
                out
            }
            Target::Quoted(e, a) => {
                let pin = pin.map(str::to_string).or_else(|| excerpt_pin(e));
                match self.short_authority(a, pin.as_deref()) {
                    Short::Form(mut out) => {
                        excerpt_parens(&mut out, Some(e), self);
                        out
                    }
                    Short::NeedsPin => return Short::NeedsPin,
                }
            }
        };
        if let Some(p) = parens.explanatory {
            let _ = write!(s, " ({p})");
        }
        if let Target::Authority(a) | Target::Quoted(_, a) = t {
            s.push_str(dagger(a));
        }
        Short::Form(s)
    }

    fn short_authority(&self, a: &Authority, pin: Option<&str>) -> Short {
        Short::Form(match a.kind {
            AuthorityKind::Case => {
                let Some(p) = pin else {
                    return Short::NeedsPin;
                };
                let mut s = italic(short_name(a));
                match (a.volume, &a.reporter) {
                    (Some(v), Some(r)) => {
                        let _ = write!(s, ", {v} {} {}", escape_inline(r), at_pin(p));
                    }
                    _ => {
                        let _ = write!(s, ", slip op. {}", at_pin(p));
                    }
                }
                s
            }
            AuthorityKind::Statute => code_cite(a, pin),
            // Rule 14.9: later citations drop the year.
            AuthorityKind::Regulation => code_cite(a, pin),
            AuthorityKind::Rule => rule_cite(a, pin),
            AuthorityKind::Legislative => {
                let mut s = format!(
                    "Pub. L. No. {}",
                    escape(a.public_law.as_deref().unwrap_or(""))
                );
                if let Some(sec) = &a.section {
                    let _ = write!(s, ", § {}", escape(sec));
                }
                add_pin_full(&mut s, pin);
                s
            }
            AuthorityKind::AgencyDecision => {
                let Some(p) = pin else {
                    return Short::NeedsPin;
                };
                let mut s = italic(short_name(a));
                let _ = write!(
                    s,
                    ", {} {}",
                    escape(a.cpd.as_deref().or(a.number.as_deref()).unwrap_or("")),
                    at_pin(p)
                );
                s
            }
            AuthorityKind::Constitution | AuthorityKind::Secondary => {
                let mut s = escape(short_name(a));
                add_pin_full(&mut s, pin);
                s
            }
        })
    }

    fn short_source(&self, s: &Source, pin: Option<&str>) -> String {
        if is_court_document(s) && s.cite_as == CiteAs::Document {
            return self.record_document(s, s.short_title.as_deref().unwrap_or(&s.title), pin);
        }
        if let Some(r) = self.record_form(s, pin) {
            return r;
        }
        // Secondary sources take *supra* (rule 4.2): the author's surname, or the title
        // (its short title, announced by `hereinafter`).
        let mut out = match (&s.author, &s.short_title) {
            (Some(a), _) => escape(surname(a)),
            (None, Some(t)) => italic(t),
            (None, None) => title_md(s),
        };
        out.push_str(", *supra*");
        if let Some(p) = pin {
            let _ = write!(out, ", {}", at_pin(p));
        }
        out
    }
}

/// The surname of the first author: `Guy M. Snodgrass` → `Snodgrass`; `Jr.` is kept
/// with it.
pub(crate) fn surname(author: &str) -> &str {
    let first = author.split(" & ").next().unwrap_or(author);
    let first = first.split(", ").next().unwrap_or(first);
    first.rsplit(' ').next().unwrap_or(first)
}

/// Whether two case names name the same parties, in either order (rule 10.7.2: a name
/// merely reversed on appeal takes no `sub nom.`).
fn same_parties(a: &str, b: &str) -> bool {
    let sides = |n: &str| {
        let mut v: Vec<String> = n.split(" v. ").map(|p| p.trim().to_lowercase()).collect();
        v.sort();
        v
    };
    sides(a) == sides(b)
}

/// `116th Cong.`
fn ordinal_congress(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix} Cong.")
}

/// An excerpt's own parentheticals: what the quotation did (`emphasis added`), whom it
/// quotes, `cleaned up`.
fn excerpt_parens(out: &mut String, e: Option<&Excerpt>, forms: &Forms<'_>) {
    let Some(e) = e else { return };
    if let Some(p) = &e.parenthetical {
        let _ = write!(out, " ({})", escape(p));
    }
    // A footnote call the quotation passes over is omitted, and the citation says so.
    let said = e
        .parenthetical
        .as_deref()
        .is_some_and(|p| p.contains("footnote") || p.contains("cleaned up"));
    if forms.lib.cut(&e.id.value).footnote_omitted && !said && !e.cleaned_up {
        out.push_str(" (footnote omitted)");
    }
    if let Some(q) = &e.quoting
        && let Some(t) = forms.lib.target(&q.id.value)
    {
        let quoted = forms.full_with(t, q.pin.as_deref(), Parens::default(), Listing::List);
        let _ = write!(out, " (quoting {quoted})");
    }
    if e.cleaned_up {
        out.push_str(" (cleaned up)");
    }
}

/// The periodical's name as a citation gives it: the case's abbreviation, or the name
/// abbreviated word by word per table T13, without a leading "The".
pub fn periodical(s: &Source) -> Option<String> {
    if let Some(a) = &s.outlet_abbreviation {
        return Some(a.clone());
    }
    let name = s.outlet.as_deref()?;
    let name = name.strip_prefix("The ").unwrap_or(name);
    // Places and phrases first (tables T10 and T13: `N.Y. Times`, `Wall St. J.`), then
    // word by word.
    let mut name = name.to_string();
    for (long, short) in T13_PHRASES {
        name = name.replace(long, short);
    }
    Some(
        name.split(' ')
            .map(|w| t13(w).unwrap_or(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Phrases abbreviated as a whole in periodical names (tables T10 and T13).
const T13_PHRASES: &[(&str, &str)] = &[
    ("New York", "N.Y."),
    ("Los Angeles", "L.A."),
    ("Wall Street", "Wall St."),
    ("San Francisco", "S.F."),
    ("United States", "U.S."),
];

/// Table T13 abbreviations for words of periodical names (the common ones; a case can
/// give any other in `outlet_abbreviation`).
fn t13(word: &str) -> Option<&'static str> {
    Some(match word {
        "Administration" | "Administrative" => "Admin.",
        "America" | "American" => "Am.",
        "Association" => "Ass'n",
        "Business" => "Bus.",
        "Defense" => "Def.",
        "Economic" | "Economics" => "Econ.",
        "Federal" => "Fed.",
        "Government" => "Gov't",
        "Information" => "Info.",
        "International" => "Int'l",
        "Journal" => "J.",
        "Law" => "L.",
        "Magazine" => "Mag.",
        "Management" => "Mgmt.",
        "National" => "Nat'l",
        "Review" => "Rev.",
        "Science" => "Sci.",
        "Society" => "Soc'y",
        "Technology" => "Tech.",
        "University" => "U.",
        "Washington" => "Wash.",
        _ => return None,
    })
}

/// `*Id.*`, `*Id.* at 1381`, `*Id.* ¶ 4`.
pub fn id_form(pin: Option<&str>, capital: bool) -> String {
    let id = if capital { "*Id.*" } else { "*id.*" };
    match pin {
        None => id.to_string(),
        Some(p) => format!("{id} {}", at_pin(p)),
    }
}

/// A section or rule number made sortable: `3.101-1` → `000003.000101-000001`.
fn natural(s: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                let _ = write!(out, "{digits:0>8}");
                digits.clear();
            }
            if c != ' ' {
                out.push(c);
            }
        }
    }
    out
}

/// Sort key for ordering authorities within one signal (rule 1.4, in its traditional
/// hierarchy, which the 21st edition leaves as a sound default): constitutions, statutes
/// (codes by title and section, then rules of procedure), cases (Supreme Court, courts of
/// appeals, other courts; newer first), legislative materials, administrative materials
/// (regulations, agency decisions), the record, then secondary materials.
pub fn order_rank(t: &Target<'_>, lib: &Library<'_>) -> (u8, u8, i64, String) {
    match t {
        Target::Authority(a) | Target::Quoted(_, a) => {
            let kind = match a.kind {
                AuthorityKind::Constitution => 0,
                AuthorityKind::Statute => 1,
                AuthorityKind::Rule => 2,
                AuthorityKind::Case => 3,
                AuthorityKind::Legislative => 4,
                AuthorityKind::Regulation | AuthorityKind::AgencyDecision => 5,
                AuthorityKind::Secondary => 8,
            };
            let court = federal_court_rank(a);
            let year = authority_date(a).map_or(0, |d| d.ordinal());
            let code = match a.kind {
                AuthorityKind::Statute | AuthorityKind::Regulation | AuthorityKind::Rule => {
                    format!(
                        "{:08}{}{}",
                        a.title.unwrap_or(0),
                        a.name.as_deref().unwrap_or(""),
                        natural(a.section.as_deref().unwrap_or(""))
                    )
                }
                _ => String::new(),
            };
            (kind, court, -year, code)
        }
        Target::Source(s) | Target::Excerpt(_, s) => {
            // Rule 1.4(e): hearings are legislative materials; 1.4(h) the record; 1.4(i)
            // secondary materials: books, then periodicals, then other works.
            let (kind, sub) = match s.kind {
                SourceKind::Hearing => (4, 0),
                _ if lib.is_record(s) => (6, 0),
                SourceKind::Book => (7, 0),
                SourceKind::News => (7, 1),
                _ => (7, 2),
            };
            // Within a kind, alphabetically by the author's surname (or the title).
            let key = s
                .author
                .as_deref()
                .map(surname)
                .unwrap_or(&s.title)
                .to_lowercase();
            (kind, sub, 0, key)
        }
    }
}

/// Rule 1.4(d), federal courts: the Supreme Court; the courts of appeals (with the
/// former Court of Claims); the district courts (and the Court of International Trade);
/// the Court of Federal Claims (formerly the Claims Court); other courts and agencies.
fn federal_court_rank(a: &Authority) -> u8 {
    if matches!(
        a.reporter.as_deref(),
        Some("U.S." | "S. Ct." | "L. Ed." | "L. Ed. 2d")
    ) {
        return 0;
    }
    let court = a.court.as_deref().unwrap_or("");
    if court.contains("Cir.") || court == "Ct. Cl." || court == "C.C.P.A." {
        1
    } else if court.starts_with("D.")
        || court.contains(" D. ")
        || court.starts_with(['N', 'S', 'E', 'W', 'C', 'M']) && court.contains(".D.")
        || court == "Ct. Int'l Trade"
    {
        2
    } else if court == "Fed. Cl." || court == "Cl. Ct." {
        3
    } else {
        4
    }
}

/// The "Cases", "Statutes", ... group an authority belongs to in a table of authorities.
pub fn toa_group(a: &Authority) -> (u8, &'static str) {
    match a.kind {
        AuthorityKind::Case => (0, "Cases"),
        AuthorityKind::Constitution => (1, "Constitutional Provisions"),
        AuthorityKind::Statute | AuthorityKind::Legislative => (2, "Statutes"),
        AuthorityKind::Regulation => (3, "Regulations"),
        AuthorityKind::Rule => (4, "Rules"),
        AuthorityKind::AgencyDecision => (5, "Administrative Decisions"),
        AuthorityKind::Secondary => (6, "Other Authorities"),
    }
}

/// Sort key inside a TOA group: cases alphabetically, codes by title and section.
pub fn toa_key(a: &Authority) -> String {
    match a.kind {
        AuthorityKind::Statute | AuthorityKind::Regulation | AuthorityKind::Rule => format!(
            "{:08}{}{}",
            a.title.unwrap_or(0),
            a.name.as_deref().unwrap_or(""),
            natural(a.section.as_deref().unwrap_or(""))
        ),
        _ => name(a).trim_start_matches("In re ").to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::{Request, Tracker};
    use crate::load::Case;

    const HEAD: &str = "case: {title: T, short_title: T, court: C, docket: D, forum: cofc, protest_type: post_award, status: pending}\n";

    fn case(rest: &str) -> Case {
        crate::load::case_from_text(
            "t",
            std::path::Path::new("t/case.yaml"),
            &format!("{HEAD}{rest}"),
        )
        .expect("parses")
    }

    const AUTHORITIES: &str = "authorities:
  - {id: axiom, kind: case, name: \"Axiom Res. Mgmt., Inc. v. United States\", short: Axiom, volume: 564, reporter: F.3d, page: 1374, court: Fed. Cir., year: 2009}
  - {id: camp, kind: case, name: Camp v. Pitts, volume: 411, reporter: U.S., page: 138, court: U.S., year: 1973, parenthetical: per curiam}
  - {id: usc, kind: statute, title: 28, code: U.S.C., section: '1491'}
  - {id: rcfc, kind: rule, name: RCFC, section: App. C}
  - {id: far, kind: regulation, title: 48, code: C.F.R., section: 3.101-1, year: 2019}
  - {id: gao, kind: agency_decision, name: \"Oracle Am., Inc.\", short: Oracle, number: B-416657 et al., date: 2018-11-14, cpd: 2018 CPD ¶ 391}
  - {id: oracle, kind: case, name: \"Oracle Am., Inc. v. United States\", short: Oracle, volume: 144, reporter: Fed. Cl., page: 88, court: Fed. Cl., year: 2019, history: [{relation: affd, authority: oracle-fc}]}
  - {id: oracle-fc, kind: case, name: \"Oracle Am., Inc. v. United States\", volume: 975, reporter: F.3d, page: 1279, court: Fed. Cir., year: 2020, date: 2020-09-02}
  - {id: commerce, kind: case, name: Dep't of Com. v. New York, volume: 588, reporter: U.S., page: 752, court: U.S., year: 2019, parallel: [139 S. Ct. 2551]}
";

    fn cite(lib: &Library<'_>, t: &mut Tracker, id: &str, pin: Option<&str>) -> String {
        t.cite(
            lib,
            lib.target(id).expect("target"),
            Request {
                pin,
                ..Request::default()
            },
        )
    }

    #[test]
    fn rule_10_full_short_and_id_4_1() {
        let c = case(AUTHORITIES);
        let lib = Library::new(&c.data, Default::default());
        let mut t = Tracker::default();
        assert_eq!(
            cite(&lib, &mut t, "axiom", Some("1379")),
            "*Axiom Res. Mgmt., Inc. v. United States*, 564 F.3d 1374, 1379 (Fed. Cir. 2009)"
        );
        assert_eq!(cite(&lib, &mut t, "axiom", Some("1381")), "*Id.* at 1381");
        assert_eq!(cite(&lib, &mut t, "axiom", Some("1381")), "*Id.*");
        assert_eq!(
            cite(&lib, &mut t, "camp", Some("142")),
            "*Camp v. Pitts*, 411 U.S. 138, 142 (1973) (per curiam)"
        );
        // Rule 10.9: the short form, at a page.
        assert_eq!(
            cite(&lib, &mut t, "axiom", Some("1380")),
            "*Axiom*, 564 F.3d at 1380"
        );
    }

    #[test]
    fn rule_10_9_no_short_form_without_a_pinpoint() {
        let c = case(AUTHORITIES);
        let lib = Library::new(&c.data, Default::default());
        let mut t = Tracker::default();
        cite(&lib, &mut t, "axiom", Some("1379"));
        cite(&lib, &mut t, "camp", Some("142"));
        let again = cite(&lib, &mut t, "axiom", None);
        assert_eq!(
            again,
            "*Axiom Res. Mgmt., Inc. v. United States*, 564 F.3d 1374 (Fed. Cir. 2009)"
        );
        assert!(t.log.last().is_some_and(|l| l.repeated_without_pin));
    }

    #[test]
    fn rule_3_2_pinpoints_pages_ranges_notes_and_several() {
        let c = case(AUTHORITIES);
        let lib = Library::new(&c.data, Default::default());
        let f = Forms {
            lib: &lib,
            as_of: None,
        };
        let t = lib.target("axiom").expect("axiom");
        assert!(
            f.full(t, Some("1379-80"), Parens::default())
                .contains(", 1379–80 (")
        );
        assert!(
            f.full(t, Some("1380 n.4"), Parens::default())
                .contains(", 1380 n.4 (")
        );
        let Short::Form(s) = f.short(t, Some("1379, 1381"), Parens::default()) else {
            panic!()
        };
        assert_eq!(s, "*Axiom*, 564 F.3d at 1379, 1381");
        assert_eq!(pin_page("at 1379-80"), Some(1379));
    }

    #[test]
    fn rules_12_and_14_codes_rules_and_regulations() {
        let c = case(AUTHORITIES);
        let lib = Library::new(&c.data, Default::default());
        let f = Forms {
            lib: &lib,
            as_of: None,
        };
        let full = |id: &str, pin| f.full(lib.target(id).expect("id"), pin, Parens::default());
        assert_eq!(full("usc", Some("(b)(1)")), "28 U.S.C. § 1491(b)(1)");
        assert_eq!(full("rcfc", Some("¶ 4")), "RCFC App. C ¶ 4");
        // Rule 14.2: the C.F.R. year; rule 14.9: later citations drop it.
        assert_eq!(full("far", None), "48 C.F.R. § 3.101-1 (2019)");
        let Short::Form(s) = f.short(lib.target("far").expect("far"), None, Parens::default())
        else {
            panic!()
        };
        assert_eq!(s, "48 C.F.R. § 3.101-1");
    }

    #[test]
    fn rule_14_3_gao_decisions() {
        let c = case(AUTHORITIES);
        // Cited in a court: the deciding body and the date in the parenthetical.
        let lib = Library::new(&c.data, Default::default());
        let f = Forms {
            lib: &lib,
            as_of: None,
        };
        let t = lib.target("gao").expect("gao");
        assert_eq!(
            f.full(t, Some("5"), Parens::default()),
            "*Oracle Am., Inc.*, B-416657 et al., 2018 CPD ¶ 391, at 5 (Comp. Gen. Nov. 14, 2018)"
        );
        // Cited at GAO (or in an agency-level protest): GAO's own form.
        let lib = Library {
            agency_form: true,
            ..Library::new(&c.data, Default::default())
        };
        let f = Forms {
            lib: &lib,
            as_of: None,
        };
        let t = lib.target("gao").expect("gao");
        assert_eq!(
            f.full(t, Some("5"), Parens::default()),
            "*Oracle Am., Inc.*, B-416657 et al., Nov. 14, 2018, 2018 CPD ¶ 391 at 5"
        );
        assert_eq!(
            f.short(t, Some("6"), Parens::default()),
            Short::Form("*Oracle*, 2018 CPD ¶ 391 at 6".into())
        );
    }

    #[test]
    fn rule_10_7_subsequent_history_as_of_the_document() {
        let c = case(AUTHORITIES);
        let lib = Library::new(&c.data, Default::default());
        let t = lib.target("oracle").expect("oracle");
        let later = Forms {
            lib: &lib,
            as_of: Date::parse("2021-01-01").ok(),
        };
        assert_eq!(
            later.full(t, Some("95"), Parens::default()),
            "*Oracle Am., Inc. v. United States*, 144 Fed. Cl. 88, 95 (2019), *aff'd*, 975 F.3d 1279 (Fed. Cir. 2020)",
            "rule 10.7.2: the same name is not repeated"
        );
        let before = Forms {
            lib: &lib,
            as_of: Date::parse("2020-02-10").ok(),
        };
        assert_eq!(
            before.full(t, Some("95"), Parens::default()),
            "*Oracle Am., Inc. v. United States*, 144 Fed. Cl. 88, 95 (2019)"
        );
    }

    #[test]
    fn rule_10_7_2_a_different_name_follows_sub_nom() {
        // Synthetic authorities: the names say so.
        let c = case("authorities:
  - {id: a, kind: case, name: Fixture Co. v. Roe, volume: 1, reporter: F.4th, page: 10, court: Fed. Cir., year: 2021, history: [{relation: revd, authority: b}]}
  - {id: b, kind: case, name: \"Roe v. Fixture Holdings, Inc.\", volume: 600, reporter: U.S., page: 1, court: U.S., year: 2022}");
        let lib = Library::new(&c.data, Default::default());
        let f = Forms {
            lib: &lib,
            as_of: None,
        };
        assert_eq!(
            f.full(lib.target("a").expect("a"), None, Parens::default()),
            "*Fixture Co. v. Roe*, 1 F.4th 10 (Fed. Cir. 2021), *rev'd sub nom.* *Roe v. Fixture Holdings, Inc.*, 600 U.S. 1 (2022)"
        );
    }

    #[test]
    fn rule_10_3_1_parallel_citations() {
        let c = case(AUTHORITIES);
        let lib = Library::new(&c.data, Default::default());
        let f = Forms {
            lib: &lib,
            as_of: None,
        };
        assert_eq!(
            f.full(
                lib.target("commerce").expect("c"),
                Some("781"),
                Parens::default()
            ),
            "*Dep't of Com. v. New York*, 588 U.S. 752, 781, 139 S. Ct. 2551 (2019)"
        );
    }

    const SOURCES: &str = "people: [{id: deasy, name: Dana Deasy}]
sources:
  - {id: news, kind: news, title: AWS Seeks Testimony from Trump, author: Jane Doe, outlet: The Washington Times, date: 2020-02-10, url: \"https://example.com/a\"}
  - {id: anon, kind: news, title: A Long Headline About the Cloud Contract, short_title: Cloud Contract, outlet: Federal News Network, date: 2020-02-10}
  - {id: book, kind: book, title: Holding the Line, author: Guy M. Snodgrass, outlet: Sentinel, date: '2019'}
  - {id: mem, kind: filing, title: \"Pl.'s Mem.\", ecf: 146-1, date: 2020-02-10}
  - {id: ecfp, kind: filing, title: \"Def.'s Resp.\", ecf: '160', ecf_pages: true}
  - {id: ar, kind: administrative_record, title: Administrative Record}
  - {id: exo, kind: news, title: Some Story, author: A. Writer, outlet: Daily, exhibit: O, cite_as: exhibit}
  - {id: hearing, kind: hearing, title: Hearing on the Budget Before the S. Comm. on Armed Servs., congress: 116, date: 2019-06-20}
  - {id: op, kind: opinion, title: Opinion, ecf: '12'}
excerpts:
  - {id: q-hearing, source: hearing, page: 12, speaker: deasy, quote: x}
  - {id: q-quoting, source: op, page: 3, quote: x, quoting: {id: op2, pin: '142'}, cleaned_up: true}
authorities:
  - {id: op2, kind: case, name: Camp v. Pitts, volume: 411, reporter: U.S., page: 138, court: U.S., year: 1973}
";

    #[test]
    fn rules_16_18_15_13_and_b17_source_forms() {
        let c = case(SOURCES);
        let labels = [("exo", "O".to_string())].into_iter().collect();
        let lib = Library::new(&c.data, labels);
        let f = Forms {
            lib: &lib,
            as_of: None,
        };
        let full = |id: &str, pin| f.full(lib.target(id).expect("id"), pin, Parens::default());
        // Rule 16.6 and 18.2.2: author, title, periodical abbreviated per T13, date, URL.
        assert_eq!(
            full("news", None),
            "Jane Doe, *AWS Seeks Testimony from Trump*, Wash. Times (Feb. 10, 2020), https://example.com/a"
        );
        // Rule 4.2(b): an invented short title is announced.
        assert_eq!(
            full("anon", None),
            "*A Long Headline About the Cloud Contract*, Fed. News Network, Feb. 10, 2020 [hereinafter *Cloud Contract*]"
        );
        // Rule 15: author, title, page, (publisher year).
        assert_eq!(
            full("book", Some("123")),
            "Guy M. Snodgrass, *Holding the Line* 123 (Sentinel 2019)"
        );
        // B17: document, pinpoint, ECF number; ECF-header pages after the number.
        assert_eq!(full("mem", Some("12")), "Pl.'s Mem. 12, ECF No. 146-1");
        assert_eq!(full("ecfp", Some("4")), "Def.'s Resp., ECF No. 160 at 4");
        assert_eq!(full("ar", Some("1234")), "AR 1234");
        assert_eq!(full("exo", Some("3")), "Ex. O at 3");
        // Rule 13.3: a hearing, with the witness's statement.
        assert_eq!(
            full("q-hearing", None),
            "*Hearing on the Budget Before the S. Comm. on Armed Servs.*, 116th Cong. 12 (2019) (statement of Dana Deasy)"
        );
        // Rules 5.2 and 1.5: (quoting …) and (cleaned up).
        assert_eq!(
            full("q-quoting", None),
            "Opinion 3, ECF No. 12 (quoting *Camp v. Pitts*, 411 U.S. 138, 142 (1973)) (cleaned up)"
        );
        // Rule 4.2: supra by the author's surname, or the short title.
        let Short::Form(s) = f.short(
            lib.target("book").expect("b"),
            Some("130"),
            Parens::default(),
        ) else {
            panic!()
        };
        assert_eq!(s, "Snodgrass, *supra*, at 130");
        let Short::Form(s) = f.short(lib.target("anon").expect("a"), None, Parens::default())
        else {
            panic!()
        };
        assert_eq!(s, "*Cloud Contract*, *supra*");
    }

    #[test]
    fn rule_1_4_order_within_a_signal() {
        let c = case(&format!(
            "{AUTHORITIES}  - {{id: usc5, kind: statute, title: 5, code: U.S.C., section: '706'}}\n"
        ));
        let lib = Library::new(&c.data, Default::default());
        let mut ids = ["axiom", "rcfc", "usc", "far", "camp", "usc5"];
        ids.sort_by_key(|id| order_rank(&lib.target(id).expect("id"), &lib));
        assert_eq!(ids, ["usc5", "usc", "rcfc", "camp", "axiom", "far"]);
    }

    #[test]
    fn rule_1_4_d_federal_courts_in_order() {
        // Synthetic authorities: the names say so.
        let c = case("authorities:
  - {id: fc, kind: case, name: Fixture A v. United States, volume: 150, reporter: Fed. Cl., page: 1, court: Fed. Cl., year: 2022}
  - {id: dc, kind: case, name: Fixture B v. Roe, volume: 400, reporter: F. Supp. 3d, page: 1, court: D.D.C., year: 2020}
  - {id: ctcl, kind: case, name: Fixture C v. United States, volume: 600, reporter: F.2d, page: 1, court: Ct. Cl., year: 1979}
  - {id: cafc, kind: case, name: Fixture D v. United States, volume: 9, reporter: F.4th, page: 1, court: Fed. Cir., year: 2021}
  - {id: scotus, kind: case, name: Fixture E v. Roe, volume: 590, reporter: U.S., page: 1, court: U.S., year: 2019}");
        let lib = Library::new(&c.data, Default::default());
        let mut ids = ["fc", "dc", "ctcl", "cafc", "scotus"];
        ids.sort_by_key(|id| order_rank(&lib.target(id).expect("id"), &lib));
        assert_eq!(ids, ["scotus", "cafc", "ctcl", "dc", "fc"]);
    }

    #[test]
    fn rule_3_2_a_ranges_drop_repeated_digits() {
        assert_eq!(clean_pin("1379-1381"), "1379–81");
        assert_eq!(clean_pin("1379-80"), "1379–80");
        assert_eq!(clean_pin("12-13, 15"), "12–13, 15");
    }

    #[test]
    fn rule_10_7_2_reversed_names_take_no_sub_nom() {
        assert!(same_parties("Fixture Co. v. Smith", "Smith v. Fixture Co."));
        assert!(!same_parties(
            "Fixture Co. v. Smith",
            "Jones v. Fixture Co."
        ));
    }

    #[test]
    fn tables_t10_t13_periodical_names() {
        let name = |o: &str| {
            let c = case(&format!(
                "sources: [{{id: n, kind: news, title: T, outlet: {o}}}]"
            ));
            periodical(&c.data.sources[0]).unwrap_or_default()
        };
        assert_eq!(name("The New York Times"), "N.Y. Times");
        assert_eq!(name("Wall Street Journal"), "Wall St. J.");
        assert_eq!(name("Los Angeles Times"), "L.A. Times");
        assert_eq!(name("Defense Daily"), "Def. Daily");
    }

    #[test]
    fn missing_fields_are_named() {
        let c = case(
            "authorities:\n  - {id: x, kind: case, name: X v. Y, volume: 1, reporter: F.3d, year: 2000}\n",
        );
        assert_eq!(required_fields(&c.data.authorities[0]), Err("page"));
    }
}
