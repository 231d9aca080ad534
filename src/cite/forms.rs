//! Bluebook forms: the full citation (first reference), the short form (later ones),
//! *Id.* and *supra*, for authorities and for the record and secondary sources a case
//! quotes; with the order of authorities in a string (rule 1.4) and their groups in a
//! table of authorities.

use std::fmt::Write as _;

use crate::markdown::escape;
use crate::model::{Authority, AuthorityKind, Excerpt, Source, SourceKind, Verification};

/// What a citation can point at.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Authority(&'a Authority),
    Source(&'a Source),
    Excerpt(&'a Excerpt, &'a Source),
}

impl Target<'_> {
    /// The id that short forms and *Id.* track (an excerpt tracks its source).
    pub(super) fn key(&self) -> &str {
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

pub(super) fn excerpt_pin(e: &Excerpt) -> Option<String> {
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

pub(super) fn is_record(s: &Source) -> bool {
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

pub(super) fn id_form(pin: Option<&str>, capital: bool) -> String {
    let id = if capital { "*Id.*" } else { "*id.*" };
    match pin {
        None => id.to_string(),
        Some(p) => match pin_kind(p) {
            PinKind::Page => format!("{id} at {}", escape(&clean_pin(p))),
            _ => format!("{id} {}", escape(&clean_pin(p))),
        },
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
    use crate::cite::Tracker;

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
}
