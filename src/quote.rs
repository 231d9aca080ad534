//! Cite-check: prove that every excerpt is verbatim in its source, at its pinpoint.
//!
//! A source text is normalised once (whitespace folded, quote marks, dashes and ellipses
//! unified, line-end hyphenation joined, page and paragraph markers recorded) and indexed
//! by word trigrams. Each excerpt then looks up candidate positions for its first words and
//! verifies itself there, so checking costs O(source + excerpts), not their product.
//!
//! Matching follows the Bluebook's rules for quotations (rule 5): ellipses mark omissions,
//! brackets mark alterations, `[sic]` is the quoter's, and parentheticals such as
//! `internal quotation marks omitted` relax the comparison. Anything else is a mismatch.

use std::collections::HashMap;

use serde::Serialize;

/// The outcome for one excerpt. Never a bare yes/no.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Found as written (line breaks and spacing aside).
    Verified {
        page: Option<u32>,
        paragraph: Option<u32>,
    },
    /// Found once the listed normalisations are applied.
    VerifiedWithNormalisations {
        page: Option<u32>,
        paragraph: Option<u32>,
        normalisations: Vec<String>,
    },
    /// Found, but not at the cited page or paragraph.
    WrongPinpoint { cited: String, found: String },
    /// Not in the source: the closest passage and a word-level diff.
    Mismatch { closest: String, diff: String },
    /// The case holds no text to check against, or the pinpoint cannot be checked.
    Unverifiable { reason: String },
}

impl Status {
    pub fn name(&self) -> &'static str {
        match self {
            Status::Verified { .. } => "verified",
            Status::VerifiedWithNormalisations { .. } => "verified with normalisations",
            Status::WrongPinpoint { .. } => "wrong pinpoint",
            Status::Mismatch { .. } => "mismatch",
            Status::Unverifiable { .. } => "unverifiable",
        }
    }

    /// Whether a build must refuse to render the case.
    pub fn is_failure(&self) -> bool {
        matches!(self, Status::WrongPinpoint { .. } | Status::Mismatch { .. })
    }
}

/// What the excerpt claims.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pinpoint {
    pub page: Option<u32>,
    pub paragraph: Option<u32>,
}

impl Pinpoint {
    fn describe(&self) -> String {
        match (self.page, self.paragraph) {
            (Some(p), Some(q)) => format!("page {p}, ¶ {q}"),
            (Some(p), None) => format!("page {p}"),
            (None, Some(q)) => format!("¶ {q}"),
            (None, None) => "anywhere".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    None,
    Quote,
    Dash,
    Ellipsis,
}

/// A source text prepared for checking.
#[derive(Debug)]
pub struct Prepared {
    /// Normalised characters.
    chars: Vec<char>,
    /// What normalisation produced each character (to report it when a match relies on it).
    flags: Vec<Flag>,
    /// Positions (in `chars`) where a line-end hyphen was removed.
    soft_hyphens: Vec<u32>,
    /// (start, page number) in order; empty when the text has no page markers.
    pages: Vec<(u32, u32)>,
    /// (start, paragraph number) in order.
    paragraphs: Vec<(u32, u32)>,
    /// Trigram of lowercase words -> start positions of its first word.
    index: HashMap<u64, Vec<u32>>,
    /// Start of every word, in order (for the closest-passage search).
    words: Vec<(u32, u32)>,
}

fn marker(line: &str, names: &[&str]) -> Option<u32> {
    let inner = line.trim().strip_prefix("[[")?.strip_suffix("]]")?.trim();
    for n in names {
        if let Some(rest) = inner.strip_prefix(n) {
            return rest.trim().parse().ok();
        }
    }
    None
}

fn canon(c: char) -> (char, Flag) {
    match c {
        '\'' | '"' => ('\'', Flag::None),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{201C}' | '\u{201D}'
        | '\u{201E}' | '\u{201F}' | '\u{2032}' | '\u{2033}' | '`' | '\u{00B4}' | '\u{00AB}'
        | '\u{00BB}' => ('\'', Flag::Quote),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => ('-', Flag::Dash),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => (' ', Flag::None),
        c => (c, Flag::None),
    }
}

fn hash_words(words: &[&str]) -> u64 {
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn lower_word(chars: &[char]) -> String {
    chars.iter().flat_map(|c| c.to_lowercase()).collect()
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        let mut flags: Vec<Flag> = Vec::with_capacity(text.len());
        let mut soft_hyphens = Vec::new();
        let mut pages = Vec::new();
        let mut explicit_paras = Vec::new();
        let mut counted_paras = Vec::new();
        let mut in_para = false;
        let push_space = |chars: &mut Vec<char>, flags: &mut Vec<Flag>| {
            if chars.last().is_some_and(|c| *c != ' ') {
                chars.push(' ');
                flags.push(Flag::None);
            }
        };
        for line in text.lines() {
            if let Some(n) = marker(line, &["page"]) {
                push_space(&mut chars, &mut flags);
                pages.push((chars.len() as u32, n));
                in_para = false;
                continue;
            }
            if let Some(n) = marker(line, &["para", "¶"]) {
                push_space(&mut chars, &mut flags);
                explicit_paras.push((chars.len() as u32, n));
                in_para = false;
                continue;
            }
            let trimmed = line.trim();
            if trimmed.is_empty() {
                in_para = false;
                continue;
            }
            // Line-end hyphenation: `gov-` + `ernment` joins to `government`.
            let joins = chars.len() >= 2
                && chars.last() == Some(&' ')
                && chars.get(chars.len() - 2) == Some(&'-')
                && chars.len() >= 3
                && chars
                    .get(chars.len() - 3)
                    .is_some_and(|c| c.is_alphabetic())
                && trimmed.chars().next().is_some_and(|c| c.is_lowercase());
            if joins && in_para {
                chars.truncate(chars.len() - 2);
                flags.truncate(flags.len() - 2);
                soft_hyphens.push(chars.len() as u32);
            } else {
                push_space(&mut chars, &mut flags);
            }
            if !in_para {
                counted_paras.push((chars.len() as u32, counted_paras.len() as u32 + 1));
                in_para = true;
            }
            let mut last_space = chars.last() == Some(&' ');
            let it = trimmed.chars().peekable();
            for c in it {
                if c == '\u{2026}' {
                    for _ in 0..3 {
                        chars.push('.');
                        flags.push(Flag::Ellipsis);
                    }
                    last_space = false;
                    continue;
                }
                let (c, f) = canon(c);
                if c.is_whitespace() {
                    if !last_space {
                        chars.push(' ');
                        flags.push(Flag::None);
                        last_space = true;
                    }
                    continue;
                }
                chars.push(c);
                flags.push(f);
                last_space = false;
            }
            chars.push(' ');
            flags.push(Flag::None);
        }
        let paragraphs = if explicit_paras.is_empty() {
            counted_paras
        } else {
            explicit_paras
        };
        // Word starts and the trigram index.
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s as u32, i as u32));
                    start = None;
                }
                _ => {}
            }
        }
        let mut index: HashMap<u64, Vec<u32>> = HashMap::with_capacity(words.len());
        let lowered: Vec<String> = words
            .iter()
            .map(|&(s, e)| lower_word(chars.get(s as usize..e as usize).unwrap_or(&[])))
            .collect();
        for (w, &(first, _)) in lowered.windows(3).zip(&words) {
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            index.entry(hash_words(&refs)).or_default().push(first);
        }
        Prepared {
            chars,
            flags,
            soft_hyphens,
            pages,
            paragraphs,
            index,
            words,
        }
    }

    fn locate(list: &[(u32, u32)], pos: u32) -> Option<u32> {
        let i = list.partition_point(|&(start, _)| start <= pos);
        i.checked_sub(1).and_then(|i| list.get(i)).map(|&(_, n)| n)
    }

    pub fn has_pages(&self) -> bool {
        !self.pages.is_empty()
    }

    pub fn page_at(&self, pos: u32) -> Option<u32> {
        Self::locate(&self.pages, pos)
    }

    pub fn paragraph_at(&self, pos: u32) -> Option<u32> {
        Self::locate(&self.paragraphs, pos)
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars
            .get(from..to.min(self.chars.len()))
            .map(|s| s.iter().collect::<String>())
            .unwrap_or_default()
            .trim()
            .to_string()
    }
}

/// One piece of a parsed quotation.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Char(char, Flag),
    /// A bracketed single letter: `[t]he` matches `The` or `the`.
    AnyCase(char),
    /// Omitted text (ellipsis) or substituted words (a longer bracket), up to `max` chars.
    Gap {
        max: usize,
        what: Gap,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Ellipsis,
    Bracket,
}

#[derive(Debug, Default)]
struct Parsed {
    toks: Vec<Tok>,
    notes: Vec<String>,
}

fn parse_quote(quote: &str) -> Parsed {
    let mut p = Parsed::default();
    let src: Vec<char> = quote.chars().collect();
    let mut i = 0;
    let mut last_space = true;
    let push_gap = |p: &mut Parsed, max: usize, what: Gap| {
        // Trim spaces around a gap: the source's own spacing decides.
        while matches!(p.toks.last(), Some(Tok::Char(' ', _))) {
            p.toks.pop();
        }
        p.toks.push(Tok::Gap { max, what });
    };
    while let Some(&c) = src.get(i) {
        // Ellipses: `...`, `. . .`, `…` (with an optional fourth period).
        let dots = if c == '\u{2026}' {
            1
        } else if c == '.' && src.get(i + 1) == Some(&'.') && src.get(i + 2) == Some(&'.') {
            3
        } else if c == '.'
            && src.get(i + 1) == Some(&' ')
            && src.get(i + 2) == Some(&'.')
            && src.get(i + 3) == Some(&' ')
            && src.get(i + 4) == Some(&'.')
        {
            5
        } else {
            0
        };
        if dots > 0 {
            push_gap(&mut p, 2000, Gap::Ellipsis);
            p.notes.push("ellipsis marks an omission".into());
            i += dots;
            last_space = true;
            continue;
        }
        if c == '['
            && let Some(rest) = src.get(i + 1..)
            && let Some(len) = rest.iter().position(|&x| x == ']')
        {
            let inner: String = rest.iter().take(len).collect();
            i += len + 2;
            if inner.trim().eq_ignore_ascii_case("sic") {
                p.notes.push("[sic] is the quoter's".into());
                while matches!(p.toks.last(), Some(Tok::Char(' ', _))) {
                    p.toks.pop();
                }
                continue;
            }
            let letters: Vec<char> = inner.chars().collect();
            if let [one] = letters.as_slice()
                && one.is_alphabetic()
            {
                p.toks.push(Tok::AnyCase(*one));
                p.notes.push(format!("bracketed alteration `[{inner}]`"));
            } else {
                push_gap(&mut p, 60 + 3 * letters.len(), Gap::Bracket);
                p.notes.push(format!("bracketed alteration `[{inner}]`"));
            }
            last_space = false;
            continue;
        }
        let (c, f) = canon(c);
        if c.is_whitespace() {
            if !last_space {
                p.toks.push(Tok::Char(' ', Flag::None));
                last_space = true;
            }
        } else {
            p.toks.push(Tok::Char(c, f));
            last_space = false;
        }
        i += 1;
    }
    while matches!(p.toks.last(), Some(Tok::Char(' ', _))) {
        p.toks.pop();
    }
    while matches!(p.toks.first(), Some(Tok::Char(' ', _))) {
        p.toks.remove(0);
    }
    p
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Relax {
    /// `(internal quotation marks omitted)`: quote marks in the source may be skipped.
    pub internal_quotes_omitted: bool,
}

struct Match {
    start: usize,
    used: Vec<String>,
}

fn is_quote_mark(c: char) -> bool {
    c == '\''
}

/// Normalisations a match relied on, as a small set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Notes(u8);

const QUOTES: u8 = 1;
const DASHES: u8 = 2;
const HYPHEN: u8 = 4;
const INTERNAL: u8 = 8;
const BRACKET: u8 = 16;
const ELLIPSIS: u8 = 32;

impl Notes {
    fn with(self, bit: u8) -> Notes {
        Notes(self.0 | bit)
    }

    fn union(self, other: Notes) -> Notes {
        Notes(self.0 | other.0)
    }

    fn words(self) -> Vec<String> {
        [
            (QUOTES, "curly and straight quotation marks"),
            (DASHES, "dashes"),
            (HYPHEN, "hyphenation at a line end"),
            (INTERNAL, "internal quotation marks omitted"),
            (BRACKET, "bracketed alteration"),
            (ELLIPSIS, "ellipsis marks an omission"),
        ]
        .iter()
        .filter(|(bit, _)| self.0 & bit != 0)
        .map(|(_, w)| (*w).to_string())
        .collect()
    }
}

fn gap_note(g: Gap) -> u8 {
    match g {
        Gap::Ellipsis => ELLIPSIS,
        Gap::Bracket => BRACKET,
    }
}

/// The quotation split at its gaps: a first run of tokens, then (gap, run) pairs.
struct Pattern<'t> {
    first: &'t [Tok],
    rest: Vec<(usize, Gap, &'t [Tok])>,
}

impl<'t> Pattern<'t> {
    fn new(toks: &'t [Tok]) -> Pattern<'t> {
        let mut parts = toks.split(|t| matches!(t, Tok::Gap { .. }));
        let first = parts.next().unwrap_or(&[]);
        let gaps = toks.iter().filter_map(|t| match t {
            Tok::Gap { max, what } => Some((*max, *what)),
            _ => None,
        });
        let rest = gaps.zip(parts).map(|((m, w), run)| (m, w, run)).collect();
        Pattern { first, rest }
    }
}

/// Where a run of tokens (no gaps) could start: index hits for its first three words,
/// else every word start, else every place its first character stands (always so after a
/// bracketed alteration, which may end inside a word). Linear in the source at worst.
fn run_candidates(src: &Prepared, run: &[Tok], mid_word: bool) -> Vec<usize> {
    let first_is_word = !mid_word
        && (matches!(run.first(), Some(Tok::Char(c, _)) if c.is_alphanumeric())
            || matches!(run.first(), Some(Tok::AnyCase(_))));
    match (first_is_word, anchor(run)) {
        (true, Some(h)) => src
            .index
            .get(&h)
            .map(|v| v.iter().map(|&p| p as usize).collect())
            .unwrap_or_default(),
        (true, None) => src.words.iter().map(|&(s, _)| s as usize).collect(),
        (false, _) => {
            let first: Option<char> = match run.first() {
                Some(Tok::Char(c, _)) => Some(*c),
                Some(Tok::AnyCase(c)) => Some(*c),
                _ => None,
            };
            let Some(c) = first else {
                return Vec::new();
            };
            let lower: Vec<char> = c.to_lowercase().collect();
            src.chars
                .iter()
                .enumerate()
                .filter(|(_, s)| **s == c || s.to_lowercase().eq(lower.iter().copied()))
                .map(|(i, _)| i)
                .collect()
        }
    }
}

/// Every place a run matches: (start, end, what it relied on), by start.
fn occurrences(
    src: &Prepared,
    run: &[Tok],
    mid_word: bool,
    relax: Relax,
) -> Vec<(usize, usize, Notes)> {
    run_candidates(src, run, mid_word)
        .into_iter()
        .filter_map(|start| run_at(src, run, start, relax).map(|(end, n)| (start, end, n)))
        .collect()
}

/// Every start at which the whole pattern matches, with what the match relied on.
///
/// Each run's occurrences are found once; then, from the last run to the first, an
/// occurrence is kept if an occurrence of the next run (already known to complete the
/// quotation) starts within the omission's reach of its end, found by binary search. The
/// cost is the runs' occurrences times a logarithm: linear in the source and in the
/// number of omissions, never the product of the omissions' lengths.
fn match_pattern(src: &Prepared, pat: &Pattern<'_>, relax: Relax) -> Vec<(usize, Notes)> {
    // Runs after the first, with the omission before each; a trailing omission (an empty
    // last run) matches anything and only adds its note.
    let mut tail_note = Notes::default();
    let mut steps: Vec<(usize, Gap, &[Tok])> = Vec::new();
    for &(max, what, tokens) in &pat.rest {
        if tokens.is_empty() {
            tail_note = tail_note.with(gap_note(what));
        } else {
            steps.push((max, what, tokens));
        }
    }
    // Occurrences of the last run, each completing the quotation.
    let after_bracket = |i: usize| i > 0 && steps.get(i - 1).is_some_and(|s| s.1 == Gap::Bracket);
    let last_run = steps.last().map_or(pat.first, |s| s.2);
    let mut done: Vec<(usize, usize, Notes)> =
        occurrences(src, last_run, after_bracket(steps.len()), relax)
            .into_iter()
            .map(|(s, e, n)| (s, e, n.union(tail_note)))
            .collect();
    // Walk back: run i is kept where run i+1 (in `done`) can follow its omission.
    for i in (0..steps.len()).rev() {
        let Some(&(max, what, _)) = steps.get(i) else {
            continue;
        };
        let run = match i.checked_sub(1).and_then(|j| steps.get(j)) {
            Some(s) => s.2,
            None => pat.first,
        };
        let starts: Vec<usize> = done.iter().map(|d| d.0).collect();
        done = occurrences(src, run, after_bracket(i), relax)
            .into_iter()
            .filter_map(|(s, e, n)| {
                // The omission resumes within `max` characters (one more after a space).
                let k = starts.partition_point(|&x| x < e);
                let &(ns, _, nn) = done.get(k)?;
                (ns <= e.saturating_add(max).saturating_add(1))
                    .then(|| (s, e, n.union(nn).with(gap_note(what))))
            })
            .collect();
    }
    done.into_iter().map(|(s, _, n)| (s, n)).collect()
}

/// Match a run of tokens without gaps at `i`: where it ends and what it relied on.
fn run_at(src: &Prepared, toks: &[Tok], start: usize, relax: Relax) -> Option<(usize, Notes)> {
    let mut notes = Notes::default();
    let chars = &src.chars;
    let mut i = start;
    let mut t = 0;
    while let Some(tok) = toks.get(t) {
        match tok {
            Tok::Char(c, qflag) => {
                let &s = chars.get(i)?;
                if s == *c {
                    let sflag = src.flags.get(i).copied().unwrap_or(Flag::None);
                    if *qflag != sflag {
                        match (qflag, sflag) {
                            (Flag::Quote, _) | (_, Flag::Quote) => notes = notes.with(QUOTES),
                            (Flag::Dash, _) | (_, Flag::Dash) => notes = notes.with(DASHES),
                            _ => {}
                        }
                    }
                    i += 1;
                    t += 1;
                } else if *c == '-' && src.soft_hyphens.binary_search(&(i as u32)).is_ok() {
                    notes = notes.with(HYPHEN);
                    t += 1;
                } else if relax.internal_quotes_omitted && is_quote_mark(s) {
                    notes = notes.with(INTERNAL);
                    i += 1;
                } else if *c == ' ' && (is_quote_mark(s) || s.is_ascii_punctuation()) {
                    // A space the source lacks next to punctuation (`" word`).
                    t += 1;
                } else {
                    return None;
                }
            }
            Tok::AnyCase(c) => {
                let s = *chars.get(i)?;
                if s.to_lowercase().eq(c.to_lowercase()) {
                    if s != *c {
                        notes = notes.with(BRACKET);
                    }
                    i += 1;
                    t += 1;
                } else {
                    return None;
                }
            }
            // Runs hold no gaps.
            Tok::Gap { .. } => return None,
        }
    }
    Some((i, notes))
}

/// The first three whole words of the quote, if they come before any gap or bracket.
fn anchor(toks: &[Tok]) -> Option<u64> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for t in toks {
        match t {
            Tok::Char(c, _) if c.is_alphanumeric() => cur.extend(c.to_lowercase()),
            Tok::AnyCase(c) => cur.extend(c.to_lowercase()),
            Tok::Char(..) => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            Tok::Gap { .. } => break,
        }
        if words.len() == 3 {
            break;
        }
    }
    if words.len() < 3
        && !cur.is_empty()
        && matches!(toks.last(), Some(Tok::Char(..) | Tok::AnyCase(_)))
    {
        // A short quote that ends in a word: the word is complete only at the end.
        words.push(cur);
    }
    if words.len() == 3 {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        Some(hash_words(&refs))
    } else {
        None
    }
}

/// Every place (up to 16) where the quotation matches.
fn all_matches(src: &Prepared, toks: &[Tok], relax: Relax) -> Vec<Match> {
    // An omission before the first word omits nothing a reader would miss.
    let toks = match toks.iter().position(|t| !matches!(t, Tok::Gap { .. })) {
        Some(i) => toks.get(i..).unwrap_or(&[]),
        None => return Vec::new(),
    };
    let pat = Pattern::new(toks);
    match_pattern(src, &pat, relax)
        .into_iter()
        .take(16)
        .map(|(start, notes)| Match {
            start,
            used: notes.words(),
        })
        .collect()
}

/// Check one quotation against a prepared source.
pub fn check(src: &Prepared, quote: &str, pin: Pinpoint, relax: Relax) -> Status {
    // The source may itself carry brackets or ellipses (`[sic]` in a filing, `[his]` in a
    // reporter's paraphrase): try the quotation literally before reading them as
    // alterations.
    let literal = Parsed {
        toks: parse_quote(&quote.replace('[', "\u{0}").replace('.', "\u{1}"))
            .toks
            .into_iter()
            .map(|t| match t {
                Tok::Char('\u{0}', f) => Tok::Char('[', f),
                Tok::Char('\u{1}', f) => Tok::Char('.', f),
                other => other,
            })
            .collect(),
        notes: Vec::new(),
    };
    let literal_matches = all_matches(src, &literal.toks, relax);
    let (parsed, matches) = if literal_matches.is_empty() {
        let parsed = parse_quote(quote);
        let m = all_matches(src, &parsed.toks, relax);
        (parsed, m)
    } else {
        (literal, literal_matches)
    };
    if parsed.toks.is_empty() {
        return Status::Mismatch {
            closest: String::new(),
            diff: "the quotation is empty".into(),
        };
    }
    if matches.is_empty() {
        let (closest, diff) = closest(src, quote);
        return Status::Mismatch { closest, diff };
    }
    if pin.page.is_some() && !src.has_pages() {
        return Status::Unverifiable {
            reason: format!(
                "the quotation is in the source, but its text has no `[[page N]]` markers, so {} cannot be checked",
                pin.describe()
            ),
        };
    }
    let at_pin = |m: &Match| {
        pin.page
            .is_none_or(|p| src.page_at(m.start as u32) == Some(p))
            && pin
                .paragraph
                .is_none_or(|q| src.paragraph_at(m.start as u32) == Some(q))
    };
    match matches.iter().find(|m| at_pin(m)) {
        Some(m) => {
            let page = src.page_at(m.start as u32);
            let paragraph = src.paragraph_at(m.start as u32);
            // What the match relied on, with specific bracket notes (`[a]`) in place of
            // the generic one.
            let specific = parsed
                .notes
                .iter()
                .any(|p| p.starts_with("bracketed alteration `"));
            let mut normalisations: Vec<String> = Vec::new();
            for n in m.used.iter().chain(parsed.notes.iter()) {
                if (n == "bracketed alteration" && specific) || normalisations.contains(n) {
                    continue;
                }
                normalisations.push(n.clone());
            }
            if normalisations.is_empty() {
                Status::Verified { page, paragraph }
            } else {
                Status::VerifiedWithNormalisations {
                    page,
                    paragraph,
                    normalisations,
                }
            }
        }
        None => {
            let Some(m) = matches.first() else {
                return Status::Unverifiable {
                    reason: "no match to report".into(),
                };
            };
            let found = Pinpoint {
                page: pin.page.and(src.page_at(m.start as u32)),
                paragraph: pin.paragraph.and(src.paragraph_at(m.start as u32)),
            };
            Status::WrongPinpoint {
                cited: pin.describe(),
                found: found.describe(),
            }
        }
    }
}

fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// The source passage that shares the most word trigrams with the quote, and a diff.
fn closest(src: &Prepared, quote: &str) -> (String, String) {
    let q = parse_quote(quote);
    let qtext: String = q
        .toks
        .iter()
        .map(|t| match t {
            Tok::Char(c, _) => *c,
            Tok::AnyCase(c) => *c,
            Tok::Gap { .. } => ' ',
        })
        .collect();
    let qwords: Vec<String> = qtext
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut votes: HashMap<usize, u32> = HashMap::new();
    for (k, w) in qwords.windows(3).enumerate() {
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        if let Some(hits) = src.index.get(&hash_words(&refs)) {
            for &h in hits.iter().take(64) {
                let wi = src.words.partition_point(|&(s, _)| s < h);
                *votes.entry(wi.saturating_sub(k)).or_default() += 1;
            }
        }
    }
    let Some((&best, _)) = votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
        return (
            String::new(),
            "no passage of the source shares three consecutive words with the quotation".into(),
        );
    };
    // Take a little context on both sides (a dropped or added first word shifts the
    // vote), diff, then trim the context the quotation does not touch.
    const CONTEXT: usize = 3;
    let n = qwords.len().max(1);
    let first = best.saturating_sub(CONTEXT);
    let last = (best + n + CONTEXT).min(src.words.len()).saturating_sub(1);
    let (Some(from), Some(to)) = (src.words.get(first), src.words.get(last)) else {
        return (String::new(), "the source has no words to compare".into());
    };
    // The window ends with the last word's punctuation (`material.`), as the quotation's
    // words carry theirs.
    let to_end = src
        .chars
        .iter()
        .skip(to.1 as usize)
        .take_while(|c| !c.is_whitespace())
        .count()
        + to.1 as usize;
    let window = src.text(from.0 as usize, to_end);
    let quote_norm: String = quote.chars().map(|c| canon(c).0).collect();
    let ops = diff_ops(&words_of(&window), &words_of(&quote_norm));
    let start = ops
        .iter()
        .position(|o| !matches!(o, Op::Del(_)))
        .unwrap_or(0);
    let end = ops
        .iter()
        .rposition(|o| !matches!(o, Op::Del(_)))
        .map_or(ops.len(), |e| e + 1);
    let kept = ops.get(start..end).unwrap_or(&[]);
    let passage: Vec<&str> = kept
        .iter()
        .filter_map(|o| match o {
            Op::Same(w) | Op::Del(w) | Op::Changed(w, _) => Some(w.as_str()),
            Op::Ins(_) => None,
        })
        .collect();
    (passage.join(" "), render_ops(kept))
}

#[derive(Debug, Clone, PartialEq)]
enum Op {
    Same(String),
    /// The same word in another case or with other punctuation: (source, quote).
    Changed(String, String),
    Del(String),
    Ins(String),
}

fn render_ops(ops: &[Op]) -> String {
    ops.iter()
        .map(|o| match o {
            Op::Same(w) => w.clone(),
            Op::Changed(a, b) => format!("[-{a}-] {{+{b}+}}"),
            Op::Del(w) => format!("[-{w}-]"),
            Op::Ins(w) => format!("{{+{w}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word-level diff (longest common subsequence), source words deleted before quote
/// words inserted. Inputs are capped so a runaway quotation stays cheap.
// Indices stay below the lengths the loops test, and the table is (a+1) x (b+1).
#[allow(clippy::indexing_slicing)]
fn diff_ops(source: &[String], quote: &[String]) -> Vec<Op> {
    const MAX: usize = 400;
    let (a, b) = (
        &source[..source.len().min(MAX)],
        &quote[..quote.len().min(MAX)],
    );
    let key = |w: &String| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if key(&a[i]) == key(&b[j]) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && key(&a[i]) == key(&b[j]) {
            // Same word: a difference of case or punctuation still shows, since it is
            // what made the quotation fail (an unbracketed capital, a moved comma).
            if a[i] == b[j] {
                out.push(Op::Same(a[i].clone()));
            } else {
                out.push(Op::Changed(a[i].clone(), b[j].clone()));
            }
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(Op::Del(a[i].clone()));
            i += 1;
        } else {
            out.push(Op::Ins(b[j].clone()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "[[page 1]]\nThe quick brown fox jumps over\nthe lazy dog. It was “not amused” at all.\n\n[[page 2]]\nA second page speaks of gov-\nernment contracts — worth billions — and \"more\".\n";

    fn status(q: &str, pin: Pinpoint) -> Status {
        check(&Prepared::new(ARTICLE), q, pin, Relax::default())
    }

    #[test]
    fn exact_across_line_breaks() {
        assert_eq!(
            status(
                "jumps over the lazy dog",
                Pinpoint {
                    page: Some(1),
                    paragraph: None
                }
            ),
            Status::Verified {
                page: Some(1),
                paragraph: Some(1)
            }
        );
    }

    #[test]
    fn curly_quotes_pass_with_a_note() {
        match status("It was \"not amused\" at all.", Pinpoint::default()) {
            Status::VerifiedWithNormalisations { normalisations, .. } => {
                assert_eq!(normalisations, vec!["curly and straight quotation marks"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dropped_not_is_a_mismatch() {
        match status("It was amused at all.", Pinpoint::default()) {
            Status::Mismatch { diff, .. } => assert!(
                diff.contains("[-“not-]") || diff.contains("[-'not-]"),
                "{diff}"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ellipsis_and_brackets() {
        assert!(matches!(
            status(
                "[t]he quick brown fox . . . the lazy dog",
                Pinpoint::default()
            ),
            Status::VerifiedWithNormalisations { .. }
        ));
        assert!(matches!(
            status(
                "government contracts - worth billions",
                Pinpoint {
                    page: Some(2),
                    paragraph: None
                }
            ),
            Status::VerifiedWithNormalisations { .. }
        ));
    }

    #[test]
    fn wrong_page_names_the_right_one() {
        assert_eq!(
            status(
                "A second page speaks",
                Pinpoint {
                    page: Some(1),
                    paragraph: None
                }
            ),
            Status::WrongPinpoint {
                cited: "page 1".into(),
                found: "page 2".into()
            }
        );
    }

    #[test]
    fn many_omissions_cost_linear_work() {
        // Each omission could end at thousands of places; the old recursive matcher tried
        // their product. The last run is absent, so every alignment has to be ruled out.
        let text = "the court held that the agency erred and the court said more. ".repeat(4000);
        let src = Prepared::new(&text);
        let quote = format!(
            "{} . . . absent words",
            ["the court held that"; 10].join(" . . . ")
        );
        let st = check(&src, &quote, Pinpoint::default(), Relax::default());
        assert!(matches!(st, Status::Mismatch { .. }), "{st:?}");
        let found = format!(
            "{} . . . agency erred",
            ["the court held that"; 10].join(" . . . ")
        );
        assert!(matches!(
            check(&src, &found, Pinpoint::default(), Relax::default()),
            Status::VerifiedWithNormalisations { .. }
        ));
    }

    #[test]
    fn paragraphs_are_counted() {
        let src = Prepared::new("First para.\n\nSecond para here today.\n\nThird one.\n");
        assert_eq!(
            check(
                &src,
                "Second para here",
                Pinpoint {
                    page: None,
                    paragraph: Some(2)
                },
                Relax::default()
            ),
            Status::Verified {
                page: None,
                paragraph: Some(2)
            }
        );
        assert!(matches!(
            check(
                &src,
                "Second para here",
                Pinpoint {
                    page: None,
                    paragraph: Some(3)
                },
                Relax::default()
            ),
            Status::WrongPinpoint { .. }
        ));
    }
}

/// Planted errors in copies of real excerpts from the JEDI case (issue: each kind of
/// error must be caught, each permitted alteration must pass, and the report is pinned).
#[cfg(test)]
mod planted {
    use super::*;

    const SEED: &str = include_str!("../cases/jedi-protest/sources/seed-aws-depose-trump.txt");
    const DEPONENTS: &str = "Amazon also wants to drop Secretary of Defense Mark Esper, his predecessor James Mattis, DOD chief information officer Dana Deasy, and a number of people whose identities are redacted.";

    fn at_para(q: u32) -> Pinpoint {
        Pinpoint {
            page: None,
            paragraph: Some(q),
        }
    }

    fn run(quote: &str, pin: Pinpoint) -> Status {
        check(&Prepared::new(SEED), quote, pin, Relax::default())
    }

    #[test]
    fn the_real_excerpt_is_verified() {
        assert_eq!(
            run(DEPONENTS, at_para(6)),
            Status::Verified {
                page: None,
                paragraph: Some(6)
            }
        );
    }

    #[test]
    fn rule_5_2_an_unbracketed_change_of_case_shows_in_the_diff() {
        let st = run(&DEPONENTS.replace("Amazon also", "amazon also"), at_para(6));
        let Status::Mismatch { diff, .. } = st else {
            panic!("{st:?}")
        };
        assert!(
            diff.starts_with("[-Amazon-] {+amazon+} also wants"),
            "{diff}"
        );
    }

    #[test]
    fn a_changed_word_is_a_mismatch_with_a_diff() {
        let st = run(&DEPONENTS.replace("Mark Esper", "Mark Asper"), at_para(6));
        assert_eq!(
            st,
            Status::Mismatch {
                closest: "Amazon also wants to drop Secretary of Defense Mark Esper, his predecessor James Mattis, DOD chief information officer Dana Deasy, and a number of people whose identities are redacted.".into(),
                diff: "Amazon also wants to drop Secretary of Defense Mark [-Esper,-] {+Asper,+} his predecessor James Mattis, DOD chief information officer Dana Deasy, and a number of people whose identities are redacted.".into(),
            }
        );
    }

    #[test]
    fn a_dropped_word_is_a_mismatch() {
        let st = run(&DEPONENTS.replace("also ", ""), at_para(6));
        let Status::Mismatch { diff, .. } = st else {
            panic!("{st:?}")
        };
        assert!(diff.starts_with("Amazon [-also-] wants"), "{diff}");
    }

    #[test]
    fn a_wrong_paragraph_names_the_right_one() {
        assert_eq!(
            run(DEPONENTS, at_para(7)),
            Status::WrongPinpoint {
                cited: "¶ 7".into(),
                found: "¶ 6".into()
            }
        );
    }

    #[test]
    fn a_wrong_page_names_the_right_one() {
        // The same article with page markers, as a filing's text would have them.
        let paged = SEED.replacen(
            "Last year, Amazon sued",
            "[[page 2]]\nLast year, Amazon sued",
            1,
        );
        let paged = format!("[[page 1]]\n{paged}");
        let st = check(
            &Prepared::new(&paged),
            DEPONENTS,
            Pinpoint {
                page: Some(1),
                paragraph: None,
            },
            Relax::default(),
        );
        assert_eq!(
            st,
            Status::WrongPinpoint {
                cited: "page 1".into(),
                found: "page 2".into()
            }
        );
    }

    #[test]
    fn a_smart_quote_only_difference_passes_with_a_note() {
        // The source has curly quotes; the excerpt is typed with straight ones.
        let q = "was asked to say \"if he can categorically assure\" lawmakers";
        assert_eq!(
            run(q, at_para(11)),
            Status::VerifiedWithNormalisations {
                page: None,
                paragraph: Some(11),
                normalisations: vec!["curly and straight quotation marks".into()],
            }
        );
    }

    #[test]
    fn an_ellipsis_omission_passes() {
        let q = "Amazon also wants to drop Secretary of Defense Mark Esper . . . and a number of people whose identities are redacted.";
        assert_eq!(
            run(q, at_para(6)),
            Status::VerifiedWithNormalisations {
                page: None,
                paragraph: Some(6),
                normalisations: vec!["ellipsis marks an omission".into()],
            }
        );
    }

    #[test]
    fn a_bracketed_alteration_passes() {
        let q = "[a]mazon also wants to drop Secretary of Defense Mark Esper";
        assert_eq!(
            run(q, at_para(6)),
            Status::VerifiedWithNormalisations {
                page: None,
                paragraph: Some(6),
                normalisations: vec!["bracketed alteration `[a]`".into()],
            }
        );
    }

    #[test]
    fn an_inserted_word_in_brackets_passes_but_an_unmarked_one_does_not() {
        let ok = "Amazon also wants to drop [then-]Secretary of Defense Mark Esper";
        assert!(matches!(
            run(ok, at_para(6)),
            Status::VerifiedWithNormalisations { .. }
        ));
        let bad = "Amazon also wants to drop then-Secretary of Defense Mark Esper";
        assert!(matches!(run(bad, at_para(6)), Status::Mismatch { .. }));
    }
}
