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

    /// The signal as written in lower case: `cf.`, `see also`.
    pub fn name(self) -> &'static str {
        match self {
            Signal::None => "",
            Signal::Eg => "e.g.",
            Signal::Accord => "accord",
            Signal::See => "see",
            Signal::SeeEg => "see, e.g.",
            Signal::SeeAlso => "see also",
            Signal::Cf => "cf.",
            Signal::Compare => "compare",
            Signal::Contra => "contra",
            Signal::ButSee => "but see",
            Signal::ButCf => "but cf.",
            Signal::SeeGenerally => "see generally",
        }
    }

    /// Whether the signal needs an explanatory parenthetical (rule 1.2(a): its relevance
    /// is not obvious without one).
    pub fn wants_parenthetical(self) -> bool {
        matches!(self, Signal::Cf | Signal::Compare | Signal::ButCf)
    }

    /// The signal in Markdown, italicized (rule 1.2), capitalized to open a sentence.
    /// Rule 1.2's kinds of signal: support (with no signal), comparison, contradiction,
    /// background. Rule 1.3 puts each kind in a citation sentence of its own.
    pub fn kind(self) -> u8 {
        match self {
            Signal::None
            | Signal::Eg
            | Signal::Accord
            | Signal::See
            | Signal::SeeEg
            | Signal::SeeAlso
            | Signal::Cf => 0,
            Signal::Compare => 1,
            Signal::Contra | Signal::ButSee | Signal::ButCf => 2,
            Signal::SeeGenerally => 3,
        }
    }

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

/// A citation found in a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `[see @a, 12; @b]`: a citation sentence, clause or footnote.
    Cites(Vec<Cite>),
    /// `[quote @excerpt]`: the excerpt's words, then their citation.
    Quote { id: String, at: usize },
    /// `@axiom [at 1380]` in running text: the authority named as the sentence needs it.
    Narrative(Cite),
}

/// A citation and where it is: `range` covers it in the body (`[` to `]`, or `@` to the
/// end of the locator).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub range: std::ops::Range<usize>,
    pub item: Result<Item, (usize, String)>,
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')
}

/// Characters after which an `@` starts a narrative citation (not an e-mail address or a
/// URL path).
fn opens_narrative(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘' | '\'' | '—' | '–'),
    }
}

/// The end of a bracket opened at `open`: the `]` that closes it (brackets inside, such
/// as a link in a parenthetical, are matched), searching across line breaks but not
/// across a blank line.
fn closing(body: &str, open: usize) -> Option<usize> {
    let rest = body.get(open + 1..)?;
    let mut prev_newline = false;
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => return Some(open + 1 + i),
            ']' => depth -= 1,
            '\n' if prev_newline => return None,
            _ => {}
        }
        if c == '\n' {
            prev_newline = true;
        } else if !c.is_whitespace() {
            prev_newline = false;
        }
    }
    None
}

/// Find every citation in `body`: brackets holding an `@` (not links), which may span
/// line breaks, and narrative `@id` references in running text. Code is skipped. A
/// bracket with an `@` that is never closed is an error, never raw text.
pub fn scan(body: &str) -> Vec<Found> {
    let code = crate::markdown::code_ranges(body);
    let in_code = |i: usize| code.iter().any(|r| r.contains(&i));
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            // An escaped character is text.
            let len = body
                .get(i + 1..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8);
            prev = body.get(i + 1..).and_then(|r| r.chars().next());
            i += 1 + len;
            continue;
        }
        if b == b'[' && !in_code(i) {
            if let Some(end) = closing(body, i) {
                let inner = body.get(i + 1..end).unwrap_or_default();
                // `[text](url)` is a link; `[text][ref]` is one too unless the text is a
                // citation (`[@a][@b]` is two citations side by side).
                let is_link = match bytes.get(end + 1) {
                    Some(b'(') => true,
                    Some(b'[') => !matches!(parse_bracket(inner, i + 1), Ok(Item::Cites(_))),
                    _ => false,
                };
                if is_link {
                    // A link: its text and destination are the user's, not citations.
                    let skip = if bytes.get(end + 1) == Some(&b'(') {
                        body.get(end + 1..)
                            .and_then(|r| r.find(')'))
                            .map_or(end + 1, |j| end + 1 + j + 1)
                    } else {
                        end + 1
                    };
                    prev = Some(')');
                    i = skip;
                    continue;
                }
                if inner.contains('@') && !inner.starts_with('^') {
                    out.push(Found {
                        range: i..end + 1,
                        item: parse_bracket(inner, i + 1),
                    });
                    prev = Some(']');
                    i = end + 1;
                    continue;
                }
            } else {
                // Unclosed: an error if it holds a citation before the paragraph ends.
                let para_end = body
                    .get(i..)
                    .and_then(|r| r.find("\n\n"))
                    .map_or(body.len(), |j| i + j);
                let span = body.get(i..para_end).unwrap_or_default();
                if let Some(at) = span.find('@')
                    && span
                        .get(at + 1..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(is_id_char)
                {
                    out.push(Found {
                        range: i..para_end,
                        item: Err((
                            i,
                            "this citation is not closed: add `]` after it (a citation may \
                             span lines, but not a blank line)"
                                .into(),
                        )),
                    });
                    prev = None;
                    i = para_end;
                    continue;
                }
            }
        }
        if b == b'@'
            && !in_code(i)
            && opens_narrative(prev)
            && let Some(found) = narrative(body, i)
        {
            let end = found.range.end;
            out.push(found);
            prev = body.get(..end).and_then(|r| r.chars().next_back());
            i = end;
            continue;
        }
        let c = body.get(i..).and_then(|r| r.chars().next());
        prev = c;
        i += c.map_or(1, char::len_utf8);
    }
    coalesce(body, out)
}

/// `@alpha` at `i`, with an optional locator ` [at 1380]`: a narrative citation.
fn narrative(body: &str, i: usize) -> Option<Found> {
    let after = body.get(i + 1..).unwrap_or_default();
    let id_len = after.find(|c: char| !is_id_char(c)).unwrap_or(after.len());
    let id = after
        .get(..id_len)
        .unwrap_or_default()
        .trim_end_matches(['.', ':']);
    if id.is_empty() {
        return None;
    }
    let mut end = i + 1 + id.len();
    let mut pin = None;
    let rest = body.get(end..).unwrap_or_default();
    let gap = rest.len() - rest.trim_start_matches(' ').len();
    if rest.get(gap..).is_some_and(|r| r.starts_with('['))
        && let Some(close) = closing(body, end + gap)
    {
        let loc = body.get(end + gap + 1..close).unwrap_or_default();
        let link_follows = matches!(body.as_bytes().get(close + 1), Some(b'(' | b'['));
        if !loc.contains('@') && !link_follows {
            // `[at 1380]` and `[1380]` name the same pinpoint.
            let loc = loc.trim();
            let loc = loc.strip_prefix("at ").unwrap_or(loc).trim();
            pin = Some(loc.to_string()).filter(|p| !p.is_empty());
            end = close + 1;
        }
    }
    Some(Found {
        range: i..end,
        item: Ok(Item::Narrative(Cite {
            signal: Signal::None,
            id: id.to_string(),
            at: i,
            pin,
            parenthetical: None,
        })),
    })
}

/// Brackets of citations side by side (`[@a] [@b, 12]`, even across a line break) are
/// one citation string: rule 1.4 orders it and one period ends it, where two sentences
/// of their own would leave stray punctuation between them.
fn coalesce(body: &str, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(last) = out.last_mut()
            && let (Ok(Item::Cites(prev)), Ok(Item::Cites(next))) = (&mut last.item, &f.item)
            && body
                .get(last.range.end..f.range.start)
                .is_some_and(|gap| gap.trim().is_empty() && gap.matches('\n').count() < 2)
        {
            prev.extend(next.iter().cloned());
            last.range.end = f.range.end;
            continue;
        }
        out.push(f);
    }
    out
}

fn parse_bracket(inner: &str, base: usize) -> Result<Item, (usize, String)> {
    // A citation may span lines: read line breaks as spaces (same byte offsets).
    let inner = &inner.replace(['\n', '\r', '\t'], " ");
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
    fn rule_1_4_brackets_side_by_side_are_one_string() {
        let f = scan("Reported. [@a] [@b, 3]\n[see @c][@d] Next.\n\n[@e]");
        let ids = |f: &Found| match &f.item {
            Ok(Item::Cites(c)) => c.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
            _ => panic!("{f:?}"),
        };
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(ids(&f[0]), ["a", "b", "c", "d"]);
        assert_eq!(ids(&f[1]), ["e"], "a blank line ends the string");
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
