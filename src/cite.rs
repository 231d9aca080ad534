//! The citation engine: parses `[@id, pin]` citations in Markdown bodies, formats them in
//! Bluebook style (full form first, short form after, *Id.* for the immediately preceding
//! authority, *supra* for secondary sources), and records where each authority is cited
//! for the table of authorities.
//!
//! Syntax (pandoc-like): `[@axiom, 1379]`, `[see @axiom, 1379-80 (rejecting *Esch*)]`,
//! `[see @axiom, 1379; cf. @camp-pitts, 142]`, and `[quote @excerpt-id]` to quote an
//! excerpt (inline under 50 words, as a block quote from 50, Bluebook rule 5.1).

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::markdown::escape;
use crate::model::{Authority, AuthorityKind, Excerpt, Source, SourceKind, Verification};

/// Bluebook introductory signals (rule 1.2), in the order rule 1.3 puts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    None,
    Eg,
    Accord,
    See,
    SeeEg,
    SeeAlso,
    Cf,
    Compare,
    Contra,
    ButSee,
    ButCf,
    SeeGenerally,
}

impl Signal {
    pub fn parse(s: &str) -> Option<Signal> {
        let k = s.trim().trim_end_matches(',').to_lowercase();
        Some(match k.as_str() {
            "" => Signal::None,
            "e.g." => Signal::Eg,
            "accord" => Signal::Accord,
            "see" => Signal::See,
            "see, e.g." => Signal::SeeEg,
            "see also" => Signal::SeeAlso,
            "cf." => Signal::Cf,
            "compare" => Signal::Compare,
            "contra" => Signal::Contra,
            "but see" => Signal::ButSee,
            "but cf." => Signal::ButCf,
            "see generally" => Signal::SeeGenerally,
            _ => return None,
        })
    }

    /// The signal in Markdown, italicised (rule 1.2), capitalised to open a sentence.
    pub fn markdown(self, capital: bool) -> &'static str {
        match (self, capital) {
            (Signal::None, _) => "",
            (Signal::Eg, true) => "*E.g.*,",
            (Signal::Eg, false) => "*e.g.*,",
            (Signal::Accord, true) => "*Accord*",
            (Signal::Accord, false) => "*accord*",
            (Signal::See, true) => "*See*",
            (Signal::See, false) => "*see*",
            (Signal::SeeEg, true) => "*See, e.g.*,",
            (Signal::SeeEg, false) => "*see, e.g.*,",
            (Signal::SeeAlso, true) => "*See also*",
            (Signal::SeeAlso, false) => "*see also*",
            (Signal::Cf, true) => "*Cf.*",
            (Signal::Cf, false) => "*cf.*",
            (Signal::Compare, true) => "*Compare*",
            (Signal::Compare, false) => "*compare*",
            (Signal::Contra, true) => "*Contra*",
            (Signal::Contra, false) => "*contra*",
            (Signal::ButSee, true) => "*But see*",
            (Signal::ButSee, false) => "*but see*",
            (Signal::ButCf, true) => "*But cf.*",
            (Signal::ButCf, false) => "*but cf.*",
            (Signal::SeeGenerally, true) => "*See generally*",
            (Signal::SeeGenerally, false) => "*see generally*",
        }
    }
}

/// One authority inside a citation bracket.
#[derive(Debug, Clone, PartialEq)]
pub struct Cite {
    pub signal: Signal,
    pub id: String,
    /// Byte offset of the `@` in the body, for error locations.
    pub at: usize,
    pub pin: Option<String>,
    pub parenthetical: Option<String>,
}

/// A bracket found in a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Cites(Vec<Cite>),
    Quote { id: String, at: usize },
}

/// A citation bracket and where it is: `range` covers `[` to `]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub range: std::ops::Range<usize>,
    pub item: Result<Item, (usize, String)>,
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')
}

/// Find every citation bracket in `body` (brackets holding an `@`, not links).
pub fn scan(body: &str) -> Vec<Found> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_code = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'`' => in_code = !in_code,
            b'\\' => i += 1,
            b'[' if !in_code => {
                if let Some(len) = body[i + 1..].find([']', '\n', '[']) {
                    let end = i + 1 + len;
                    let closes = bytes.get(end) == Some(&b']');
                    let inner = &body[i + 1..end];
                    let is_link = bytes.get(end + 1).is_some_and(|b| *b == b'(' || *b == b'[');
                    if closes && inner.contains('@') && !is_link && !inner.starts_with('^') {
                        out.push(Found {
                            range: i..end + 1,
                            item: parse_bracket(inner, i + 1),
                        });
                        i = end + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn parse_bracket(inner: &str, base: usize) -> Result<Item, (usize, String)> {
    let trimmed = inner.trim_start();
    if let Some(rest) = trimmed.strip_prefix("quote ") {
        let lead = inner.len() - trimmed.len() + "quote ".len();
        let rest_t = rest.trim_start();
        let at = base + lead + (rest.len() - rest_t.len());
        let id = rest_t
            .strip_prefix('@')
            .ok_or((at, "expected `@id` after `quote`".to_string()))?
            .trim();
        if id.is_empty() || !id.chars().all(is_id_char) {
            return Err((at, format!("`{id}` is not an excerpt id")));
        }
        return Ok(Item::Quote {
            id: id.to_string(),
            at,
        });
    }
    let mut cites = Vec::new();
    let mut offset = 0;
    for part in inner.split(';') {
        let part_at = base + offset;
        offset += part.len() + 1;
        let Some(at_rel) = part.find('@') else {
            return Err((part_at, format!("`{}` has no `@id`", part.trim())));
        };
        let prefix = &part[..at_rel];
        // A signal carries over to the cites after it in a string (rule 1.2).
        let inherited = cites.last().map_or(Signal::None, |c: &Cite| c.signal);
        let signal = Signal::parse(prefix)
            .map(|s| if s == Signal::None { inherited } else { s }).ok_or((
            part_at,
            format!(
                "`{}` is not a citation signal (use see, see also, cf., e.g., but see, compare, contra, accord, see generally)",
                prefix.trim()
            ),
        ))?;
        let after = &part[at_rel + 1..];
        let id_len = after.find(|c: char| !is_id_char(c)).unwrap_or(after.len());
        let id = after[..id_len].trim_end_matches(['.', ':']);
        if id.is_empty() {
            return Err((part_at + at_rel, "expected an id after `@`".to_string()));
        }
        let rest = after[id.len()..].trim();
        let rest = rest.strip_prefix(',').map(str::trim).unwrap_or(rest);
        // A parenthetical is a parenthesised phrase after the pin (`1379 (rejecting ...)`);
        // short groups glued together are subsections (`(b)(4)`), part of the pin.
        let sub = subsection_prefix(rest);
        let paren_at = rest[sub..].find('(').map(|p| p + sub);
        let (pin, paren) = match paren_at {
            Some(p) if rest.ends_with(')') => {
                let pin = rest[..p].trim();
                (
                    (!pin.is_empty()).then(|| pin.to_string()),
                    Some(rest[p + 1..rest.len() - 1].trim().to_string()),
                )
            }
            _ => ((!rest.is_empty()).then(|| rest.to_string()), None),
        };
        cites.push(Cite {
            signal,
            id: id.to_string(),
            at: part_at + at_rel,
            pin,
            parenthetical: paren,
        });
    }
    Ok(Item::Cites(cites))
}

/// Length of a leading run of subsection groups like `(b)(4)(A)`.
fn subsection_prefix(s: &str) -> usize {
    let mut i = 0;
    while s[i..].starts_with('(') {
        match s[i..].find(')') {
            Some(close)
                if close <= 5
                    && s[i + 1..i + close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric()) =>
            {
                i += close + 1
            }
            _ => break,
        }
    }
    i
}

/// What a citation can point at.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Authority(&'a Authority),
    Source(&'a Source),
    Excerpt(&'a Excerpt, &'a Source),
}

impl Target<'_> {
    /// The id that short forms and *Id.* track (an excerpt tracks its source).
    fn key(&self) -> &str {
        match self {
            Target::Authority(a) => &a.id.value,
            Target::Source(s) | Target::Excerpt(_, s) => &s.id.value,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PinKind {
    Page,
    Mark,
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

fn clean_pin(pin: &str) -> String {
    let p = pin.trim();
    let p = p.strip_prefix("at ").unwrap_or(p).trim();
    if let Some(n) = p.strip_prefix("paras. ").or(p.strip_prefix("para. ")) {
        return format!("¶ {n}");
    }
    // Bluebook ranges use an en dash.
    p.replace("--", "–").replacen(
        '-',
        "–",
        usize::from(p.chars().next().is_some_and(|c| c.is_ascii_digit())),
    )
}

/// The first number in a page pin, for range checks.
pub fn pin_page(pin: &str) -> Option<u32> {
    let p = clean_pin(pin);
    let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn excerpt_pin(e: &Excerpt) -> Option<String> {
    match (&e.page, &e.paragraph) {
        (Some(p), _) => Some(p.value.to_string()),
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
        escape(a.code.as_deref().unwrap_or("")),
        escape(a.section.as_deref().unwrap_or(""))
    );
    if let Some(p) = pin {
        if pin_kind(p) == PinKind::Sub {
            s.push_str(&escape(p.trim()));
        } else {
            let _ = write!(s, ", {}", escape(&clean_pin(p)));
        }
    }
    s
}

fn rule_cite(a: &Authority, pin: Option<&str>) -> String {
    let mut s = format!(
        "{} {}",
        escape(name(a)),
        escape(a.section.as_deref().unwrap_or(""))
    );
    if let Some(p) = pin {
        if pin_kind(p) == PinKind::Sub {
            s.push_str(&escape(p.trim()));
        } else {
            let _ = write!(s, " {}", escape(&clean_pin(p)));
        }
    }
    s
}

fn add_pin_full(s: &mut String, pin: Option<&str>) {
    if let Some(p) = pin {
        let _ = write!(s, ", {}", escape(&clean_pin(p)));
    }
}

fn add_pin_short(s: &mut String, pin: Option<&str>) {
    if let Some(p) = pin {
        match pin_kind(p) {
            PinKind::Page => {
                let _ = write!(s, " at {}", escape(&clean_pin(p)));
            }
            _ => {
                let _ = write!(s, ", {}", escape(&clean_pin(p)));
            }
        }
    }
}

/// Full citation (first reference), Markdown.
pub fn full(t: Target<'_>, pin: Option<&str>) -> String {
    match t {
        Target::Authority(a) => full_authority(a, pin),
        Target::Source(s) => full_source(s, pin),
        Target::Excerpt(e, s) => full_source(s, pin.or(excerpt_pin(e).as_deref())),
    }
}

fn full_authority(a: &Authority, pin: Option<&str>) -> String {
    let mut s = match a.kind {
        AuthorityKind::Case => {
            let mut s = italic(name(a));
            if let (Some(v), Some(r), Some(p)) = (a.volume, &a.reporter, a.page) {
                let _ = write!(s, ", {v} {} {p}", escape(r));
                add_pin_full(&mut s, pin);
            } else {
                let _ = write!(s, ", {}", escape(a.docket.as_deref().unwrap_or("")));
                if let Some(p) = pin {
                    let _ = write!(s, ", slip op. at {}", escape(&clean_pin(p)));
                }
            }
            let _ = write!(s, " {}", year_paren(a));
            s
        }
        AuthorityKind::Statute | AuthorityKind::Regulation => {
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
            let mut s = format!(
                "{}, {}, {}",
                italic(name(a)),
                escape(a.number.as_deref().unwrap_or("")),
                a.date
                    .as_ref()
                    .map(|d| d.value.bluebook())
                    .unwrap_or_default()
            );
            if let Some(c) = &a.cpd {
                let _ = write!(s, ", {}", escape(c));
            }
            if let Some(p) = pin {
                let _ = write!(s, " at {}", escape(&clean_pin(p)));
            }
            s
        }
    };
    if let Some(p) = &a.parenthetical {
        let _ = write!(s, " ({})", escape(p));
    }
    s.push_str(dagger(a));
    s
}

fn is_record(s: &Source) -> bool {
    matches!(
        s.kind,
        SourceKind::Filing | SourceKind::Order | SourceKind::Opinion
    ) && s.ecf.is_some()
}

fn full_source(s: &Source, pin: Option<&str>) -> String {
    if is_record(s) {
        let mut out = format!(
            "{}, ECF No. {}",
            escape(&s.title),
            escape(s.ecf.as_deref().unwrap_or(""))
        );
        add_pin_short(&mut out, pin);
        if let Some(d) = &s.date {
            let _ = write!(out, " ({})", d.value.bluebook());
        }
        return out;
    }
    let mut out = String::new();
    if let Some(a) = &s.author {
        let _ = write!(out, "{}, ", escape(a));
    }
    out.push_str(&italic(&s.title));
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
            let year = s
                .date
                .as_ref()
                .map(|d| d.value.year.to_string())
                .unwrap_or_default();
            let _ = write!(out, " ({publisher}{year})");
        }
        _ => {
            if let Some(o) = &s.outlet {
                let _ = write!(out, ", {}", escape(o));
            }
            if let Some(d) = &s.date {
                let _ = write!(out, " ({})", d.value.bluebook());
            }
            add_pin_full(&mut out, pin);
        }
    }
    out
}

/// Short form (later references), Markdown.
pub fn short(t: Target<'_>, pin: Option<&str>) -> String {
    match t {
        Target::Authority(a) => {
            let mut s = match a.kind {
                AuthorityKind::Case => {
                    let mut s = italic(short_name(a));
                    if let (Some(v), Some(r)) = (a.volume, &a.reporter) {
                        match pin {
                            Some(p) => {
                                let _ = write!(s, ", {v} {}", escape(r));
                                add_pin_short(&mut s, Some(p));
                            }
                            None => {
                                let _ = write!(s, ", {v} {} {}", escape(r), a.page.unwrap_or(0));
                            }
                        }
                    } else if let Some(p) = pin {
                        let _ = write!(s, ", slip op. at {}", escape(&clean_pin(p)));
                    } else {
                        let _ = write!(s, ", {}", escape(a.docket.as_deref().unwrap_or("")));
                    }
                    s
                }
                AuthorityKind::Statute | AuthorityKind::Regulation => code_cite(a, pin),
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
                    let mut s = italic(short_name(a));
                    let _ = write!(
                        s,
                        ", {}",
                        escape(a.cpd.as_deref().or(a.number.as_deref()).unwrap_or(""))
                    );
                    if let Some(p) = pin {
                        let _ = write!(s, " at {}", escape(&clean_pin(p)));
                    }
                    s
                }
                AuthorityKind::Constitution | AuthorityKind::Secondary => {
                    let mut s = escape(short_name(a));
                    add_pin_full(&mut s, pin);
                    s
                }
            };
            s.push_str(dagger(a));
            s
        }
        Target::Source(s) => short_source(s, pin),
        Target::Excerpt(e, s) => short_source(s, pin.or(excerpt_pin(e).as_deref())),
    }
}

fn short_source(s: &Source, pin: Option<&str>) -> String {
    if is_record(s) {
        let mut out = format!(
            "{}, ECF No. {}",
            escape(s.short_title.as_deref().unwrap_or(&s.title)),
            escape(s.ecf.as_deref().unwrap_or(""))
        );
        add_pin_short(&mut out, pin);
        return out;
    }
    // Secondary sources take *supra* (rule 4.2).
    let mut out = match (&s.author, &s.short_title) {
        (Some(a), _) => escape(a.rsplit(' ').next().unwrap_or(a)),
        (None, Some(t)) => italic(t),
        (None, None) => italic(&s.title),
    };
    out.push_str(", *supra*");
    if let Some(p) = pin {
        match pin_kind(p) {
            PinKind::Page => {
                let _ = write!(out, ", at {}", escape(&clean_pin(p)));
            }
            _ => {
                let _ = write!(out, ", {}", escape(&clean_pin(p)));
            }
        }
    }
    out
}

fn id_form(pin: Option<&str>, capital: bool) -> String {
    let id = if capital { "*Id.*" } else { "*id.*" };
    match pin {
        None => id.to_string(),
        Some(p) => match pin_kind(p) {
            PinKind::Page => format!("{id} at {}", escape(&clean_pin(p))),
            _ => format!("{id} {}", escape(&clean_pin(p))),
        },
    }
}

/// The short-form state machine. One per document (a brief, an outline).
#[derive(Debug, Default)]
pub struct Tracker {
    seen: HashSet<String>,
    /// The authority of the immediately preceding citation, if it stood alone.
    last: Option<String>,
    /// Its pinpoint: *Id.* alone means the same page.
    last_pin: Option<String>,
    /// Every citation made, in order (for `check --format json` and the eyecite test).
    pub log: Vec<Logged>,
}

/// Which form a citation took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Full,
    Short,
    Id,
    Supra,
}

/// One citation as made: what it cites, in which form, and the Markdown produced.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Logged {
    pub id: String,
    pub form: Form,
    pub pin: Option<String>,
    pub text: String,
}

impl Tracker {
    /// Forget the immediately preceding citation (a new section, a string cite, a quote
    /// of another source): the next citation cannot be *Id.*.
    pub fn break_chain(&mut self) {
        self.last = None;
    }

    /// Format one citation and advance the state.
    pub fn cite(&mut self, t: Target<'_>, pin: Option<&str>, capital: bool, alone: bool) -> String {
        let key = t.key().to_string();
        let pin_owned = match (pin, t) {
            (None, Target::Excerpt(e, _)) => excerpt_pin(e),
            (p, _) => p.map(str::to_string),
        };
        let pin = pin_owned.as_deref();
        let (form, out) = if self.last.as_deref() == Some(key.as_str()) {
            let same = pin == self.last_pin.as_deref();
            (Form::Id, id_form(if same { None } else { pin }, capital))
        } else if self.seen.contains(&key) {
            let f = match t {
                Target::Authority(_) => Form::Short,
                Target::Source(s) | Target::Excerpt(_, s) if is_record(s) => Form::Short,
                _ => Form::Supra,
            };
            (f, short(t, pin))
        } else {
            (Form::Full, full(t, pin))
        };
        self.log.push(Logged {
            id: key.clone(),
            form,
            pin: pin_owned.clone(),
            text: out.clone(),
        });
        self.seen.insert(key.clone());
        self.last = alone.then_some(key);
        self.last_pin = pin_owned;
        out
    }
}

/// Rank for ordering authorities within one signal (rule 1.4).
pub fn order_rank(t: &Target<'_>) -> (u8, u8, i64) {
    match t {
        Target::Authority(a) => {
            let kind = match a.kind {
                AuthorityKind::Constitution => 0,
                AuthorityKind::Statute => 1,
                AuthorityKind::Case => 3,
                AuthorityKind::Legislative => 4,
                AuthorityKind::Regulation | AuthorityKind::Rule => 5,
                AuthorityKind::AgencyDecision => 6,
                AuthorityKind::Secondary => 8,
            };
            let court = match (a.reporter.as_deref(), a.court.as_deref()) {
                (Some("U.S." | "S. Ct."), _) => 0,
                (_, Some(c)) if c.contains("Cir.") => 1,
                _ => 2,
            };
            let year = a
                .year
                .map(i64::from)
                .or(a.date.as_ref().map(|d| i64::from(d.value.year)))
                .unwrap_or(0);
            (kind, court, -year)
        }
        Target::Source(_) | Target::Excerpt(..) => (7, 0, 0),
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
        AuthorityKind::AgencyDecision | AuthorityKind::Secondary => (5, "Other Authorities"),
    }
}

/// Sort key inside a TOA group: cases alphabetically, codes by title and section.
pub fn toa_key(a: &Authority) -> String {
    match a.kind {
        AuthorityKind::Statute | AuthorityKind::Regulation => {
            let sec = a.section.as_deref().unwrap_or("");
            let num: String = sec.chars().take_while(|c| c.is_ascii_digit()).collect();
            format!("{:06}{:>12}{sec}", a.title.unwrap_or(0), num)
        }
        _ => name(a).trim_start_matches("In re ").to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authority(yaml: &str) -> Authority {
        crate::load::parse_yaml(std::path::Path::new("t.yaml"), yaml).unwrap()
    }

    fn axiom() -> Authority {
        authority(
            "id: axiom\nkind: case\nname: Axiom Res. Mgmt., Inc. v. United States\nshort: Axiom\nvolume: 564\nreporter: F.3d\npage: 1374\ncourt: Fed. Cir.\nyear: 2009\n",
        )
    }

    fn camp() -> Authority {
        authority(
            "id: camp\nkind: case\nname: Camp v. Pitts\nvolume: 411\nreporter: U.S.\npage: 138\ncourt: U.S.\nyear: 1973\nparenthetical: per curiam\n",
        )
    }

    #[test]
    fn scans_pandoc_style_brackets() {
        let f = scan(
            "As held [see @axiom, 1379 (rejecting *Esch*)]; also [@a; cf. @b, ¶ 3]. Not [a link](x) or [text].",
        );
        assert_eq!(f.len(), 2);
        let Ok(Item::Cites(c)) = &f[0].item else {
            panic!()
        };
        assert_eq!(c[0].signal, Signal::See);
        assert_eq!(c[0].id, "axiom");
        assert_eq!(c[0].pin.as_deref(), Some("1379"));
        assert_eq!(c[0].parenthetical.as_deref(), Some("rejecting *Esch*"));
        let Ok(Item::Cites(c)) = &f[1].item else {
            panic!()
        };
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].signal, Signal::Cf);
        assert_eq!(c[1].pin.as_deref(), Some("¶ 3"));
        assert!(matches!(&scan("[quote @q1]")[0].item, Ok(Item::Quote { id, .. }) if id == "q1"));
        assert!(scan("[nope @x]")[0].item.is_err());
    }

    #[test]
    fn full_short_and_id() {
        let a = axiom();
        let mut t = Tracker::default();
        let c1 = t.cite(Target::Authority(&a), Some("1379"), true, true);
        assert_eq!(
            c1,
            "*Axiom Res. Mgmt., Inc. v. United States*, 564 F.3d 1374, 1379 (Fed. Cir. 2009)"
        );
        assert_eq!(
            t.cite(Target::Authority(&a), Some("1381"), true, true),
            "*Id.* at 1381"
        );
        assert_eq!(t.cite(Target::Authority(&a), None, true, true), "*Id.*");
        let c = camp();
        assert_eq!(
            t.cite(Target::Authority(&c), Some("142"), true, true),
            "*Camp v. Pitts*, 411 U.S. 138, 142 (1973) (per curiam)"
        );
        // The intervening cite to Camp resets Id.: Axiom takes its short form.
        assert_eq!(
            t.cite(Target::Authority(&a), Some("1380"), true, true),
            "*Axiom*, 564 F.3d at 1380"
        );
        // A string cite breaks the chain even for its last member.
        t.cite(Target::Authority(&a), Some("1380"), true, false);
        assert_eq!(
            t.cite(Target::Authority(&a), Some("1380"), true, true),
            "*Axiom*, 564 F.3d at 1380"
        );
    }

    #[test]
    fn codes_rules_and_ranges() {
        let s = authority("id: s\nkind: statute\ntitle: 28\ncode: U.S.C.\nsection: '1491'\n");
        assert_eq!(
            full(Target::Authority(&s), Some("(b)(1)")),
            "28 U.S.C. § 1491(b)(1)"
        );
        let r = authority("id: r\nkind: rule\nname: RCFC\nsection: App. C\n");
        assert_eq!(full(Target::Authority(&r), Some("¶ 4")), "RCFC App. C ¶ 4");
        assert_eq!(
            full(Target::Authority(&axiom()), Some("1379-80")),
            "*Axiom Res. Mgmt., Inc. v. United States*, 564 F.3d 1374, 1379–80 (Fed. Cir. 2009)"
        );
        assert_eq!(pin_page("at 1379-80"), Some(1379));
    }

    #[test]
    fn missing_fields_are_named() {
        let a =
            authority("id: x\nkind: case\nname: X v. Y\nvolume: 1\nreporter: F.3d\nyear: 2000\n");
        assert_eq!(required_fields(&a), Err("page"));
        assert_eq!(required_fields(&axiom()), Ok(()));
    }

    #[test]
    fn signals_order() {
        assert!(
            Signal::See < Signal::SeeAlso
                && Signal::SeeAlso < Signal::Cf
                && Signal::Cf < Signal::ButSee
        );
        assert_eq!(Signal::parse("See also"), Some(Signal::SeeAlso));
        assert_eq!(Signal::parse("nope"), None);
    }
}
