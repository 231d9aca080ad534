//! Citation syntax: the `[@id, pin]` brackets a body writes, found and parsed, with the
//! place of every part so errors point at it.
//!
//! Syntax (pandoc-like): `[@axiom, 1379]`, `[see @axiom, 1379-80 (rejecting *Esch*)]`,
//! `[see @axiom, 1379; cf. @camp-pitts, 142]`, and `[quote @excerpt-id]` to quote an
//! excerpt.

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

#[cfg(test)]
mod tests {
    use super::*;

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
