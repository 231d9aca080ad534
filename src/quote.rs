//! Cite-check: prove that every excerpt is verbatim in its source, at its pinpoint.
//!
//! A source text is normalized once (whitespace folded, quote marks, dashes and ellipses
//! unified, line-end hyphenation joined, page and paragraph markers recorded) and indexed
//! by word trigrams. Each excerpt then looks up candidate positions for its first words and
//! verifies itself there, so checking costs O(source + excerpts), not their product.
//!
//! Matching follows the Bluebook's rules for quotations (rule 5): ellipses mark omissions,
//! brackets mark alterations, `[sic]` is the quoter's, and parentheticals such as
//! `internal quotation marks omitted` relax the comparison. Anything else is a mismatch.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::Pages;

/// Where a quotation was found, and what reading it there took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Found {
    pub page: Option<Pages>,
    pub paragraph: Option<u32>,
    pub footnote: Option<u32>,
    /// Normalizations and quotation conventions the match relied on.
    pub normalisations: Vec<String>,
    /// What limits the check (for the statuses that are not "verified"), in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// The source's sentence goes on after the quotation (so a quotation used as a full
    /// sentence ends with an ellipsis, rule 5.3(b)).
    #[serde(skip)]
    pub continues: bool,
}

impl Found {
    pub fn describe(&self) -> String {
        Pinpoint {
            page: self.page,
            paragraph: self.paragraph,
            footnote: self.footnote,
        }
        .describe()
    }
}

/// The outcome for one excerpt. Never a bare yes/no: "verified" means found, as written,
/// in a full original text, at the pinpoint the excerpt gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Found as written (line breaks and spacing aside) at a checked pinpoint of a full
    /// original text.
    Verified(Found),
    /// The same, once the listed normalizations are applied.
    VerifiedWithNormalisations(Found),
    /// Found, but the excerpt gives no pinpoint although the text has pages (or numbered
    /// paragraphs): the place the citation will claim was not checked.
    NoPinpoint(Found),
    /// Found in a file that holds only passages of the document: the words are checked,
    /// their context and the pinpoint are not.
    ExcerptOnly(Found),
    /// Found in a text read by character recognition: the words may be the scanner's.
    Ocr(Found),
    /// Found in a translation: the words are the translator's, not the speaker's.
    Translation(Found),
    /// Found, but not at the cited page, paragraph or footnote.
    WrongPinpoint { cited: String, found: String },
    /// Not in the source: the closest passage and a word-level diff.
    Mismatch { closest: String, diff: String },
    /// The case holds no text to check against, or the pinpoint cannot be checked.
    Unverifiable { reason: String },
}

impl Status {
    /// Its name in reports: one of [`Status::NAMES`].
    pub fn name(&self) -> &'static str {
        let i = match self {
            Status::Verified(_) => 0,
            Status::VerifiedWithNormalisations(_) => 1,
            Status::NoPinpoint(_) => 2,
            Status::ExcerptOnly(_) => 3,
            Status::Ocr(_) => 4,
            Status::Translation(_) => 5,
            Status::WrongPinpoint { .. } => 6,
            Status::Mismatch { .. } => 7,
            Status::Unverifiable { .. } => 8,
        };
        Self::NAMES.get(i).copied().unwrap_or_default()
    }

    /// Every status, in the order reports count them.
    pub const NAMES: [&'static str; 9] = [
        "verified",
        "verified with normalizations",
        "found, no pinpoint",
        "found in an excerpt only",
        "found in an OCR text",
        "found in a translation",
        "wrong pinpoint",
        "mismatch",
        "unverifiable",
    ];

    /// What a page prints beside words whose text cannot vouch for them as spoken: that
    /// they are a translator's, or were read by character recognition.
    pub fn caveat(&self) -> Option<&'static str> {
        match self {
            Status::Translation(_) => {
                Some("A translation: the words are the translator's, not the speaker's.")
            }
            Status::Ocr(_) => {
                Some("Read by character recognition: the words may hold the scanner's errors.")
            }
            _ => None,
        }
    }

    /// Where it was found, for the statuses that found it.
    pub fn found(&self) -> Option<&Found> {
        match self {
            Status::Verified(f)
            | Status::VerifiedWithNormalisations(f)
            | Status::NoPinpoint(f)
            | Status::ExcerptOnly(f)
            | Status::Ocr(f)
            | Status::Translation(f) => Some(f),
            _ => None,
        }
    }

    /// Whether a build must refuse to render the case.
    pub fn is_failure(&self) -> bool {
        matches!(self, Status::WrongPinpoint { .. } | Status::Mismatch { .. })
    }

    /// Whether the quotation was checked as fully as casefile can (`check --strict`
    /// accepts nothing less).
    pub fn is_verified(&self) -> bool {
        matches!(
            self,
            Status::Verified(_) | Status::VerifiedWithNormalisations(_)
        )
    }
}

/// What the excerpt claims.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pinpoint {
    pub page: Option<Pages>,
    pub paragraph: Option<u32>,
    pub footnote: Option<u32>,
}

impl Pinpoint {
    /// What an excerpt claims.
    pub fn of(e: &crate::model::Excerpt) -> Pinpoint {
        Pinpoint {
            page: e.page.as_ref().map(|p| p.value),
            paragraph: e.paragraph.as_ref().map(|p| p.value),
            footnote: e.footnote.as_ref().map(|p| p.value),
        }
    }

    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.page {
            parts.push(if p.first == p.last {
                format!("page {p}")
            } else {
                format!("pages {p}")
            });
        }
        if let Some(n) = self.footnote {
            parts.push(format!("n.{n}"));
        }
        if let Some(q) = self.paragraph {
            parts.push(format!("¶ {q}"));
        }
        if parts.is_empty() {
            "anywhere".into()
        } else {
            parts.join(", ")
        }
    }

    fn is_empty(&self) -> bool {
        self.page.is_none() && self.paragraph.is_none() && self.footnote.is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    None,
    Quote,
    Dash,
    Ellipsis,
    /// Composed to Unicode NFC (a decomposed accent).
    Composed,
    /// Spelled out from a ligature (`ﬁ` → `fi`).
    Ligature,
    /// A non-breaking or other special space.
    Space,
    SoftHyphen,
    ZeroWidth,
    FootnoteCall,
}

/// Stands between the body and each footnote: no quotation character matches it.
const NOTE_SEPARATOR: char = '\u{FFFF}';

/// A source text prepared for checking.
#[derive(Debug)]
pub struct Prepared {
    /// Normalized characters.
    chars: Vec<char>,
    /// What normalization produced each character (to report it when a match relies on it).
    flags: Vec<Flag>,
    /// Positions (in `chars`) where a line-end hyphen was removed.
    soft_hyphens: Vec<u32>,
    /// Positions where an invisible character or a footnote call was removed, in order.
    removed: Vec<(u32, Flag)>,
    /// The footnotes, after the body.
    notes: Vec<Note>,
    /// Where the body ends and the footnotes begin.
    body_end: u32,
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
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => (' ', Flag::Space),
        NOTE_SEPARATOR => ('\u{FFFD}', Flag::None),
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

/// What a source text is, as far as its markers go.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOpts {
    /// The file holds only passages: its paragraph count is not the document's.
    pub excerpt_only: bool,
    /// The page the text starts on, before its first star-paging marker (an opinion's
    /// first reporter page).
    pub first_page: Option<u32>,
}

/// A footnote of the source: its text is kept apart from the body, so a sentence with a
/// footnote call reads on, and a quotation of the note is pinned `n.3`.
#[derive(Debug, Clone, Copy)]
struct Note {
    number: u32,
    start: u32,
    end: u32,
    /// The page of its call (or of its text, when the call is not found).
    page: Option<u32>,
}

/// Characters that stand for nothing in a text's words: removed, and reported when a
/// match spans one.
fn invisible(c: char) -> Option<Flag> {
    match c {
        '\u{00AD}' => Some(Flag::SoftHyphen),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(Flag::ZeroWidth),
        _ => None,
    }
}

/// Typographic ligatures as their letters.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// A line in Unicode NFC, with, for each output character, whether composition changed
/// it. Lines already in NFC (nearly all) are returned as they are.
fn composed(line: &str) -> Vec<(char, bool)> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(line.chars()) == IsNormalized::Yes {
        return line.chars().map(|c| (c, false)).collect();
    }
    // Compose segment by segment (a starter and the marks after it), so only the
    // characters composition changed are flagged.
    let mut out = Vec::with_capacity(line.len());
    let mut seg = String::new();
    let flush = |seg: &mut String, out: &mut Vec<(char, bool)>| {
        let nfc: String = seg.nfc().collect();
        let changed = nfc != *seg;
        out.extend(nfc.chars().map(|c| (c, changed)));
        seg.clear();
    };
    for c in line.chars() {
        if unicode_normalization::char::canonical_combining_class(c) == 0 && !seg.is_empty() {
            flush(&mut seg, &mut out);
        }
        seg.push(c);
    }
    flush(&mut seg, &mut out);
    out
}

/// `[*420]` or, between spaces, `*420`: star paging, the start of reporter page 420.
fn star_page(rest: &[(char, bool)], bare_ok: bool) -> Option<(u32, usize)> {
    let (bracketed, from) = match rest {
        [('[', _), ('*', _), ..] => (true, 2),
        [('*', _), ..] if bare_ok => (false, 1),
        _ => return None,
    };
    let digits: String = rest
        .iter()
        .skip(from)
        .take_while(|(c, _)| c.is_ascii_digit())
        .map(|(c, _)| *c)
        .collect();
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let mut len = from + digits.len();
    if bracketed {
        if rest.get(len).map(|x| x.0) != Some(']') {
            return None;
        }
        len += 1;
    } else if rest.get(len).is_some_and(|(c, _)| !c.is_whitespace()) {
        return None;
    }
    Some((digits.parse().ok()?, len))
}

/// `[3]` or `[[fn 3]]` inside a line: a footnote call, if the text has note 3.
fn footnote_call(
    rest: &[(char, bool)],
    notes: &std::collections::HashSet<u32>,
) -> Option<(u32, usize)> {
    let text: String = rest.iter().take(16).map(|(c, _)| *c).collect();
    let (inner, len) = if let Some(r) = text.strip_prefix("[[fn") {
        let close = r.find("]]")?;
        (r.get(..close)?.trim().to_string(), 4 + close + 2)
    } else {
        let r = text.strip_prefix('[')?;
        let close = r.find(']')?;
        (r.get(..close)?.to_string(), 1 + close + 1)
    };
    let n: u32 = inner.parse().ok()?;
    notes.contains(&n).then_some((n, len))
}

/// A line that starts a footnote's text: `[[fn 3]]` or, where the text has calls `[3]`,
/// `[3] ` at the start of a line. Returns the number and the rest of the line.
fn note_start(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start();
    if let Some(r) = t.strip_prefix("[[fn") {
        let close = r.find("]]")?;
        let n = r.get(..close)?.trim().parse().ok()?;
        return Some((n, r.get(close + 2..).unwrap_or_default()));
    }
    let r = t.strip_prefix('[')?;
    let close = r.find(']')?;
    let n = r.get(..close)?.parse().ok()?;
    let rest = r.get(close + 1..).unwrap_or_default();
    (rest.starts_with(' ') || rest.is_empty()).then_some((n, rest))
}

/// Builds a [`Prepared`] text line by line.
#[derive(Default)]
struct Builder {
    chars: Vec<char>,
    flags: Vec<Flag>,
    soft_hyphens: Vec<u32>,
    removed: Vec<(u32, Flag)>,
    pages: Vec<(u32, u32)>,
    explicit_paras: Vec<(u32, u32)>,
    counted_paras: Vec<(u32, u32)>,
    in_para: bool,
    /// Note number -> the position of its call in the body.
    calls: HashMap<u32, u32>,
}

impl Builder {
    fn push(&mut self, c: char, f: Flag) {
        self.chars.push(c);
        self.flags.push(f);
    }

    fn push_space(&mut self) {
        if self.chars.last().is_some_and(|c| *c != ' ') {
            self.push(' ', Flag::None);
        }
    }

    fn here(&self) -> u32 {
        self.chars.len() as u32
    }

    /// Add one line of text (not a marker line).
    fn line(&mut self, line: &str, notes: &std::collections::HashSet<u32>, in_note: bool) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.in_para = false;
            return;
        }
        // Line-end hyphenation: `gov-` + `ernment` joins to `government`.
        let n = self.chars.len();
        let joins = n >= 3
            && self.chars.last() == Some(&' ')
            && self.chars.get(n - 2) == Some(&'-')
            && self.chars.get(n - 3).is_some_and(|c| c.is_alphabetic())
            && trimmed.chars().next().is_some_and(|c| c.is_lowercase());
        if joins && self.in_para {
            self.chars.truncate(n - 2);
            self.flags.truncate(n - 2);
            self.soft_hyphens.push(self.here());
        } else {
            self.push_space();
        }
        if !self.in_para && !in_note {
            let k = self.counted_paras.len() as u32 + 1;
            self.counted_paras.push((self.here(), k));
        }
        self.in_para = true;
        let cs = composed(trimmed);
        let mut last_space = self.chars.last() == Some(&' ');
        let mut i = 0;
        while let Some(&(c, nfc)) = cs.get(i) {
            let rest = cs.get(i..).unwrap_or_default();
            if !in_note && let Some((page, len)) = star_page(rest, last_space) {
                // A bare `*420` is a page only where pages go up.
                let bracketed = c == '[';
                if bracketed || self.pages.last().is_none_or(|&(_, p)| page > p) {
                    self.pages.push((self.here(), page));
                    i += len;
                    continue;
                }
            }
            if !in_note
                && c == '['
                && let Some((note, len)) = footnote_call(rest, notes)
            {
                let here = self.here();
                self.calls.entry(note).or_insert(here);
                self.removed.push((self.here(), Flag::FootnoteCall));
                i += len;
                continue;
            }
            i += 1;
            if let Some(f) = invisible(c) {
                self.removed.push((self.here(), f));
                continue;
            }
            if c == '\u{2026}' {
                for _ in 0..3 {
                    self.push('.', Flag::Ellipsis);
                }
                last_space = false;
                continue;
            }
            if let Some(letters) = ligature(c) {
                for l in letters.chars() {
                    self.push(l, Flag::Ligature);
                }
                last_space = false;
                continue;
            }
            let (c, f) = canon(c);
            if c.is_whitespace() {
                if !last_space {
                    self.push(' ', f);
                    last_space = true;
                }
                continue;
            }
            self.push(c, if nfc { Flag::Composed } else { f });
            last_space = false;
        }
        self.push(' ', Flag::None);
    }
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        Prepared::with(text, TextOpts::default())
    }

    /// Prepare a text: body first, then each footnote's text after a separator no
    /// quotation can cross.
    pub fn with(text: &str, opts: TextOpts) -> Prepared {
        let mut b = Builder {
            chars: Vec::with_capacity(text.len()),
            flags: Vec::with_capacity(text.len()),
            ..Builder::default()
        };
        if let Some(p) = opts.first_page {
            b.pages.push((0, p));
        }
        // Footnotes the text has: a call `[3]` is one only where note 3 exists.
        let notes: std::collections::HashSet<u32> = text
            .lines()
            .filter_map(note_start)
            .map(|(n, _)| n)
            .collect();
        // (number, page where its text stood, its lines)
        let mut note_lines: Vec<(u32, Option<u32>, Vec<&str>)> = Vec::new();
        let mut in_note = false;
        for line in text.lines() {
            if let Some(n) = marker(line, &["page"]) {
                b.push_space();
                b.pages.push((b.here(), n));
                b.in_para = false;
                in_note = false;
                continue;
            }
            if let Some(n) = marker(line, &["para", "¶"]) {
                b.push_space();
                b.explicit_paras.push((b.here(), n));
                b.in_para = false;
                in_note = false;
                continue;
            }
            if let Some((n, rest)) = note_start(line)
                && notes.contains(&n)
            {
                let page = Self::locate(&b.pages, b.here());
                note_lines.push((n, page, vec![rest]));
                in_note = true;
                continue;
            }
            match note_lines.last_mut() {
                Some((_, _, lines)) if in_note => lines.push(line),
                _ => b.line(line, &notes, false),
            }
        }
        let body_end = b.here();
        let mut regions = Vec::new();
        for (number, page_of_text, lines) in note_lines {
            b.push(NOTE_SEPARATOR, Flag::None);
            b.in_para = false;
            let start = b.here();
            for l in lines {
                b.line(l, &notes, true);
            }
            let page = b
                .calls
                .get(&number)
                .and_then(|&at| Self::locate(&b.pages, at))
                .or(page_of_text);
            regions.push(Note {
                number,
                start,
                end: b.here(),
                page,
            });
        }
        let paragraphs = if !b.explicit_paras.is_empty() {
            b.explicit_paras
        } else if opts.excerpt_only {
            // Paragraphs of a file of excerpts are not the document's.
            Vec::new()
        } else {
            b.counted_paras
        };
        let chars = b.chars;
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
            flags: b.flags,
            soft_hyphens: b.soft_hyphens,
            removed: b.removed,
            pages: b.pages,
            paragraphs,
            notes: regions,
            body_end,
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

    /// The footnote a position is in.
    fn note_at(&self, pos: u32) -> Option<&Note> {
        if pos < self.body_end {
            return None;
        }
        let i = self.notes.partition_point(|n| n.start <= pos);
        self.notes.get(i.checked_sub(1)?).filter(|n| pos < n.end)
    }

    pub fn page_at(&self, pos: u32) -> Option<u32> {
        if pos >= self.body_end {
            return self.note_at(pos).and_then(|n| n.page);
        }
        Self::locate(&self.pages, pos)
    }

    pub fn paragraph_at(&self, pos: u32) -> Option<u32> {
        if pos >= self.body_end {
            return None;
        }
        Self::locate(&self.paragraphs, pos)
    }

    /// Whether the sentence a match ends in goes on after `end`: the match did not end
    /// on sentence punctuation, and the source's next character is not one.
    fn sentence_goes_on(&self, end: usize) -> bool {
        let ends = |c: Option<&char>| c.is_some_and(|c| matches!(c, '.' | '?' | '!'));
        if ends(self.chars.get(end.wrapping_sub(1))) {
            return false;
        }
        let next = self
            .chars
            .get(end..)
            .unwrap_or_default()
            .iter()
            .find(|c| !c.is_whitespace() && !matches!(c, '\'' | ')' | ']'));
        next.is_some_and(|&c| !matches!(c, '.' | '?' | '!' | NOTE_SEPARATOR))
    }

    /// What was removed from the text strictly inside a match (`start..end`).
    fn removed_between(&self, start: usize, end: usize) -> Notes {
        let from = self
            .removed
            .partition_point(|&(p, _)| (p as usize) <= start);
        self.removed
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&(p, _)| (p as usize) < end)
            .filter_map(|&(_, f)| flag_note(f))
            .fold(Notes::default(), Notes::with)
    }

    /// Where a match stands: its pages (first and last), paragraph and footnote.
    fn found(&self, m: &Match) -> (Option<Pages>, Option<u32>, Option<u32>) {
        let (a, b) = (m.start as u32, m.end.saturating_sub(1).max(m.start) as u32);
        let pages = match (self.page_at(a), self.page_at(b)) {
            (Some(first), Some(last)) => Some(Pages {
                first,
                last: last.max(first),
            }),
            (Some(p), None) | (None, Some(p)) => Some(Pages { first: p, last: p }),
            (None, None) => None,
        };
        (
            pages,
            self.paragraph_at(a),
            self.note_at(a).map(|n| n.number),
        )
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
            // `[sic]`, `[ sic ]`, `[*sic*]` (italic, as the Bluebook sets it).
            if inner
                .trim()
                .trim_matches(['*', '_'])
                .eq_ignore_ascii_case("sic")
            {
                p.notes.push("[sic] is the quoter's".into());
                while matches!(p.toks.last(), Some(Tok::Char(' ', _))) {
                    p.toks.pop();
                }
                // The space after `[sic]` is the one the source has after the word.
                last_space = false;
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
    /// One past the last character matched.
    end: usize,
    used: Vec<String>,
}

fn is_quote_mark(c: char) -> bool {
    c == '\''
}

/// Normalizations a match relied on, as a small set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Notes(u16);

const QUOTES: u16 = 1;
const DASHES: u16 = 2;
const HYPHEN: u16 = 4;
const INTERNAL: u16 = 8;
const BRACKET: u16 = 16;
const ELLIPSIS: u16 = 32;
const COMPOSED: u16 = 64;
const LIGATURE: u16 = 128;
const SPACE: u16 = 256;
const SOFT_HYPHEN: u16 = 512;
const ZERO_WIDTH: u16 = 1024;
const FOOTNOTE_CALL: u16 = 2048;

/// The note a character's normalization earns, if any.
fn flag_note(f: Flag) -> Option<u16> {
    Some(match f {
        Flag::Quote => QUOTES,
        Flag::Dash => DASHES,
        Flag::Composed => COMPOSED,
        Flag::Ligature => LIGATURE,
        Flag::Space => SPACE,
        Flag::SoftHyphen => SOFT_HYPHEN,
        Flag::ZeroWidth => ZERO_WIDTH,
        Flag::FootnoteCall => FOOTNOTE_CALL,
        Flag::None | Flag::Ellipsis => return None,
    })
}

impl Notes {
    fn with(self, bit: u16) -> Notes {
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
            (COMPOSED, "Unicode composed (NFC): a decomposed accent"),
            (LIGATURE, "ligature spelled out (`ﬁ` as `fi`)"),
            (SPACE, "non-breaking space read as a space"),
            (SOFT_HYPHEN, "soft hyphen ignored"),
            (ZERO_WIDTH, "zero-width character ignored"),
            (FOOTNOTE_CALL, "footnote call omitted"),
        ]
        .iter()
        .filter(|(bit, _)| self.0 & bit != 0)
        .map(|(_, w)| (*w).to_string())
        .collect()
    }
}

fn gap_note(g: Gap) -> u16 {
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
fn match_pattern(src: &Prepared, pat: &Pattern<'_>, relax: Relax) -> Vec<(usize, usize, Notes)> {
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
    // (start, end of this run, notes, end of the whole quotation)
    let mut done: Vec<(usize, usize, Notes, usize)> =
        occurrences(src, last_run, after_bracket(steps.len()), relax)
            .into_iter()
            .map(|(s, e, n)| (s, e, n.union(tail_note), e))
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
                let &(ns, _, nn, end) = done.get(k)?;
                (ns <= e.saturating_add(max).saturating_add(1))
                    .then(|| (s, e, n.union(nn).with(gap_note(what)), end))
            })
            .collect();
    }
    done.into_iter().map(|(s, _, n, end)| (s, end, n)).collect()
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
                        // Whichever side was normalized (curly against straight quotes,
                        // a ligature in the source, a decomposed accent in the quote).
                        let f = if sflag == Flag::None { *qflag } else { sflag };
                        if let Some(bit) = flag_note(f) {
                            notes = notes.with(bit);
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
        .map(|(start, end, notes)| {
            // What the source had between the matched characters and was read past.
            let removed = src.removed_between(start, end);
            Match {
                start,
                end,
                used: notes.union(removed).words(),
            }
        })
        .collect()
}

/// A quotation as the source is prepared: Unicode composed (NFC), ligatures spelled
/// out, invisible characters dropped. Returns it and whether anything changed.
fn normalise_quote(quote: &str) -> (String, bool) {
    let mut out = String::with_capacity(quote.len());
    for line in quote.split('\n') {
        if !out.is_empty() {
            out.push('\n');
        }
        for (c, _) in composed(line) {
            if invisible(c).is_some() {
                continue;
            }
            match ligature(c) {
                Some(l) => out.push_str(l),
                None => out.push(c),
            }
        }
    }
    let changed = out != quote;
    (out, changed)
}

/// Check one quotation against a prepared source.
pub fn check(src: &Prepared, quote: &str, pin: Pinpoint, relax: Relax) -> Status {
    let (normalised, changed) = normalise_quote(quote);
    let note = changed
        .then_some("the quotation's Unicode normalized (NFC, ligatures, invisible characters)");
    check_normalised(src, &normalised, pin, (relax, note))
}

/// `note`: a normalization of the quotation itself, reported with any match.
fn check_normalised(
    src: &Prepared,
    quote: &str,
    pin: Pinpoint,
    (relax, note): (Relax, Option<&str>),
) -> Status {
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
                "the quotation is in the source, but its text has no page markers (`[[page N]]` or star paging `[*N]`), so {} cannot be checked",
                pin.describe()
            ),
        };
    }
    if pin.footnote.is_some() && src.notes.is_empty() {
        return Status::Unverifiable {
            reason: format!(
                "the quotation is in the source, but its text marks no footnotes (`[[fn N]]`), so {} cannot be checked",
                pin.describe()
            ),
        };
    }
    if pin.paragraph.is_some() && src.paragraphs.is_empty() {
        return Status::Unverifiable {
            reason: "the quotation is in the source, but the file holds excerpts, so its paragraphs are not the document's: mark them with `[[para N]]`".into(),
        };
    }
    let found_at = |m: &Match| {
        let (page, paragraph, footnote) = src.found(m);
        Found {
            page,
            paragraph,
            footnote,
            normalisations: normalisations(m, &parsed)
                .into_iter()
                .chain(note.map(str::to_string))
                .collect(),
            limit: None,
            continues: src.sentence_goes_on(m.end),
        }
    };
    let at_pin = |f: &Found| {
        pin.page.is_none_or(|p| f.page == Some(p))
            && pin.paragraph.is_none_or(|q| f.paragraph == Some(q))
            && pin.footnote == f.footnote
    };
    let found: Vec<Found> = matches.iter().map(found_at).collect();
    if pin.is_empty() {
        let Some(f) = found
            .iter()
            .find(|f| f.footnote.is_none())
            .or(found.first())
        else {
            return Status::Unverifiable {
                reason: "no match to report".into(),
            };
        };
        if src.has_pages() || (f.footnote.is_some()) {
            let mut f = f.clone();
            f.limit = Some(format!(
                "the text has pages, but the excerpt gives none (it is at {})",
                f.describe()
            ));
            return Status::NoPinpoint(f);
        }
        return verified(f.clone());
    }
    match found.iter().find(|f| at_pin(f)) {
        Some(f) => verified(f.clone()),
        None => {
            let Some(f) = found.first() else {
                return Status::Unverifiable {
                    reason: "no match to report".into(),
                };
            };
            Status::WrongPinpoint {
                cited: pin.describe(),
                found: Pinpoint {
                    page: f.page,
                    paragraph: pin.paragraph.and(f.paragraph),
                    footnote: f.footnote,
                }
                .describe(),
            }
        }
    }
}

fn verified(f: Found) -> Status {
    if f.normalisations.is_empty() {
        Status::Verified(f)
    } else {
        Status::VerifiedWithNormalisations(f)
    }
}

/// What a match relied on, with specific bracket notes (`[a]`) in place of the generic
/// one.
fn normalisations(m: &Match, parsed: &Parsed) -> Vec<String> {
    let specific = parsed
        .notes
        .iter()
        .any(|p| p.starts_with("bracketed alteration `"));
    let mut out: Vec<String> = Vec::new();
    for n in m.used.iter().chain(parsed.notes.iter()) {
        if (n == "bracketed alteration" && specific) || out.contains(n) {
            continue;
        }
        out.push(n.clone());
    }
    out
}

fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// The source passage that shares the most word trigrams with the quote, and a diff.
fn closest(src: &Prepared, quote: &str) -> (String, String) {
    closest_voted(src, quote).found
}

/// Another source's wording of the same passage: `Some((passage, diff))` when `quote`
/// is not in `src` as written but one passage of `src` shares at least a third of its
/// word trigrams, in line, and keeps at least two thirds of its words (two reports of
/// one statement, worded a little differently; a paraphrase that shares a clause is not
/// another version).
pub fn other_version(src: &Prepared, quote: &str) -> Option<(String, String)> {
    let (quote, _) = normalise_quote(quote);
    let toks = parse_quote(&quote).toks;
    if !all_matches(src, &toks, Relax::default()).is_empty() {
        return None;
    }
    let c = closest_voted(src, &quote);
    let in_line = c.trigrams >= 3 && c.votes * 3 >= c.trigrams;
    let same_words = c.kept_words * 3 >= c.quote_words * 2;
    (in_line && same_words && !c.found.0.is_empty()).then_some(c.found)
}

/// The closest passage to a quotation, and how close it is.
struct Closest {
    /// The passage and its word diff.
    found: (String, String),
    /// Trigram votes the passage won, of the quotation's `trigrams`.
    votes: u32,
    trigrams: u32,
    /// Words of the quotation the passage keeps (the same, or in another case or
    /// punctuation), of `quote_words`.
    kept_words: usize,
    quote_words: usize,
}

/// The closest passage and its diff, with the trigram votes it won and the quotation's
/// trigram count.
fn closest_voted(src: &Prepared, quote: &str) -> Closest {
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
    let trigrams = qwords.len().saturating_sub(2) as u32;
    let Some((&best, &won)) = votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
        return Closest {
            found: (
                String::new(),
                "no passage of the source shares three consecutive words with the quotation".into(),
            ),
            votes: 0,
            trigrams,
            kept_words: 0,
            quote_words: qwords.len(),
        };
    };
    // Take a little context on both sides (a dropped or added first word shifts the
    // vote), diff, then trim the context the quotation does not touch.
    const CONTEXT: usize = 3;
    let n = qwords.len().max(1);
    let first = best.saturating_sub(CONTEXT);
    let last = (best + n + CONTEXT).min(src.words.len()).saturating_sub(1);
    let (Some(from), Some(to)) = (src.words.get(first), src.words.get(last)) else {
        return Closest {
            found: (String::new(), "the source has no words to compare".into()),
            votes: won,
            trigrams,
            kept_words: 0,
            quote_words: qwords.len(),
        };
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
    let count = |f: fn(&Op) -> bool| kept.iter().filter(|o| f(o)).count();
    Closest {
        found: (passage.join(" "), render_ops(kept)),
        votes: won,
        trigrams,
        kept_words: count(|o| matches!(o, Op::Same(_) | Op::Changed(..))),
        quote_words: count(|o| !matches!(o, Op::Del(_))),
    }
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

    /// Two reports of one statement are other versions of it; a summary that shares a
    /// clause with the quotation is not (fewer than two thirds of its words).
    #[test]
    fn other_versions_keep_most_of_the_words() {
        let weekly = Prepared::new(
            "Asked about the award, the official said: \"I am very confident the team followed the criteria that we published.\"\n",
        );
        assert!(
            other_version(
                &weekly,
                "I am confident that the team followed the criteria we published."
            )
            .is_some()
        );
        let digest = Prepared::new(
            "Offerors argue that agency was required to advise them via an amendment or discussions (or otherwise cancel the BAA altogether) once the agency learned that it had less funding than it needed to support multiple awards for the effort.\n",
        );
        let summary = "The protesters primarily contend that the agency was required to open discussions, amend, or cancel the Option A BAA when NASA, after the receipt of proposals, determined that it had less funding than it needed to support multiple awards for the HLS program.";
        assert_eq!(other_version(&digest, summary), None);
    }

    #[test]
    fn exact_across_line_breaks() {
        assert_eq!(
            status(
                "jumps over the lazy dog",
                Pinpoint {
                    page: Some(Pages::one(1)),
                    paragraph: None,
                    footnote: None
                }
            ),
            Status::Verified(Found {
                page: Some(Pages::one(1)),
                paragraph: Some(1),
                ..Found::default()
            })
        );
    }

    fn page(p: u32) -> Pinpoint {
        Pinpoint {
            page: Some(Pages::one(p)),
            ..Pinpoint::default()
        }
    }

    #[test]
    fn curly_quotes_pass_with_a_note() {
        match status("It was \"not amused\" at all.", page(1)) {
            Status::VerifiedWithNormalisations(Found { normalisations, .. }) => {
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
            status("[t]he quick brown fox . . . the lazy dog", page(1)),
            Status::VerifiedWithNormalisations(_)
        ));
        assert!(matches!(
            status(
                "government contracts - worth billions",
                Pinpoint {
                    page: Some(Pages::one(2)),
                    paragraph: None,
                    footnote: None
                }
            ),
            Status::VerifiedWithNormalisations(_)
        ));
    }

    #[test]
    fn wrong_page_names_the_right_one() {
        assert_eq!(
            status(
                "A second page speaks",
                Pinpoint {
                    page: Some(Pages::one(1)),
                    paragraph: None,
                    footnote: None
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
            Status::VerifiedWithNormalisations(_)
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
                    paragraph: Some(2),
                    footnote: None
                },
                Relax::default()
            ),
            Status::Verified(Found {
                page: None,
                paragraph: Some(2),
                // The quotation stops mid-sentence.
                continues: true,
                ..Found::default()
            })
        );
        assert!(matches!(
            check(
                &src,
                "Second para here",
                Pinpoint {
                    page: None,
                    paragraph: Some(3),
                    footnote: None
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
            footnote: None,
        }
    }

    fn run(quote: &str, pin: Pinpoint) -> Status {
        check(&Prepared::new(SEED), quote, pin, Relax::default())
    }

    #[test]
    fn the_real_excerpt_is_verified() {
        assert_eq!(
            run(DEPONENTS, at_para(6)),
            Status::Verified(Found {
                page: None,
                paragraph: Some(6),
                ..Found::default()
            })
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
                page: Some(Pages::one(1)),
                paragraph: None,
                footnote: None,
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
            Status::VerifiedWithNormalisations(Found {
                page: None,
                paragraph: Some(11),
                normalisations: vec!["curly and straight quotation marks".into()],
                // The quotation stops mid-sentence.
                continues: true,
                ..Found::default()
            })
        );
    }

    #[test]
    fn an_ellipsis_omission_passes() {
        let q = "Amazon also wants to drop Secretary of Defense Mark Esper . . . and a number of people whose identities are redacted.";
        assert_eq!(
            run(q, at_para(6)),
            Status::VerifiedWithNormalisations(Found {
                page: None,
                paragraph: Some(6),
                normalisations: vec!["ellipsis marks an omission".into()],
                ..Found::default()
            })
        );
    }

    #[test]
    fn a_bracketed_alteration_passes() {
        let q = "[a]mazon also wants to drop Secretary of Defense Mark Esper";
        assert_eq!(
            run(q, at_para(6)),
            Status::VerifiedWithNormalisations(Found {
                page: None,
                paragraph: Some(6),
                normalisations: vec!["bracketed alteration `[a]`".into()],
                // The quotation stops mid-sentence.
                continues: true,
                ..Found::default()
            })
        );
    }

    #[test]
    fn an_inserted_word_in_brackets_passes_but_an_unmarked_one_does_not() {
        let ok = "Amazon also wants to drop [then-]Secretary of Defense Mark Esper";
        assert!(matches!(
            run(ok, at_para(6)),
            Status::VerifiedWithNormalisations(_)
        ));
        let bad = "Amazon also wants to drop then-Secretary of Defense Mark Esper";
        assert!(matches!(run(bad, at_para(6)), Status::Mismatch { .. }));
    }

    /// Planted texts for the matching rules of issue 13 (docs/cite-check.md).
    mod real_texts {
        use super::super::*;

        fn at(text: &str, quote: &str, pin: Pinpoint) -> Status {
            check(&Prepared::new(text), quote, pin, Relax::default())
        }

        fn pages(first: u32, last: u32) -> Pinpoint {
            Pinpoint {
                page: Some(Pages { first, last }),
                ..Pinpoint::default()
            }
        }

        fn norms(st: &Status) -> Vec<String> {
            st.found()
                .map(|f| f.normalisations.clone())
                .unwrap_or_default()
        }

        const OCR: &str = "[[page 4]]\nThe evaluaters wrote that the price was fair.\n";

        #[test]
        fn sic_with_or_without_a_space_or_in_italics() {
            for q in [
                "The evaluaters [sic] wrote that the price was fair",
                "The evaluaters[sic] wrote that the price was fair",
                "The evaluaters [*sic*] wrote that the price was fair",
            ] {
                let st = at(OCR, q, pages(4, 4));
                assert!(st.is_verified(), "{q}: {st:?}");
                assert!(norms(&st).iter().any(|n| n.contains("[sic]")), "{st:?}");
            }
        }

        #[test]
        fn decomposed_and_composed_accents_match_with_a_note() {
            let nfc = "[[page 1]]\nThe caf\u{e9} contract was awarded.\n";
            let nfd = "[[page 1]]\nThe cafe\u{301} contract was awarded.\n";
            let st = at(nfd, "The caf\u{e9} contract was awarded", pages(1, 1));
            assert!(
                matches!(st, Status::VerifiedWithNormalisations(_)),
                "{st:?}"
            );
            assert!(norms(&st).iter().any(|n| n.contains("NFC")), "{st:?}");
            let st = at(nfc, "The cafe\u{301} contract was awarded", pages(1, 1));
            assert!(
                matches!(st, Status::VerifiedWithNormalisations(_)),
                "{st:?}"
            );
        }

        #[test]
        fn ligatures_soft_hyphens_and_zero_width_characters() {
            let text = "[[page 2]]\nThe \u{fb01}nal deci\u{ad}sion was un\u{200b}changed.\n";
            let st = at(text, "The final decision was unchanged", pages(2, 2));
            assert!(st.is_verified(), "{st:?}");
            let n = norms(&st);
            for want in ["ligature", "soft hyphen", "zero-width"] {
                assert!(n.iter().any(|x| x.contains(want)), "{want}: {n:?}");
            }
        }

        const OPINION: &str = "In its present posture this case is narrow.[1] The court held that \
the failure to explain would frustrate effective [*143] judicial review, and *144 it remanded.\n\n\
[1] The regulations were amended in 1971.\n";

        fn opinion() -> Prepared {
            Prepared::with(
                OPINION,
                TextOpts {
                    first_page: Some(142),
                    ..TextOpts::default()
                },
            )
        }

        #[test]
        fn star_paging_and_a_quotation_across_a_page_break() {
            let src = opinion();
            let q = "frustrate effective judicial review";
            let st = check(&src, q, pages(142, 143), Relax::default());
            assert!(matches!(st, Status::Verified(_)), "{st:?}");
            let st = check(&src, q, pages(142, 142), Relax::default());
            assert_eq!(
                st,
                Status::WrongPinpoint {
                    cited: "page 142".into(),
                    found: "pages 142–43".into()
                }
            );
            // A bare `*144` between spaces is a page too.
            let st = check(&src, "it remanded", pages(144, 144), Relax::default());
            assert!(st.is_verified(), "{st:?}");
        }

        #[test]
        fn a_footnote_call_does_not_break_a_sentence_and_a_note_is_pinnable() {
            let src = opinion();
            let st = check(
                &src,
                "this case is narrow. The court held",
                pages(142, 142),
                Relax::default(),
            );
            assert!(st.is_verified(), "{st:?}");
            assert!(
                norms(&st).iter().any(|n| n.contains("footnote call")),
                "{st:?}"
            );
            let note = Pinpoint {
                page: Some(Pages::one(142)),
                footnote: Some(1),
                ..Pinpoint::default()
            };
            let q = "The regulations were amended in 1971.";
            assert!(check(&src, q, note, Relax::default()).is_verified());
            // Cited to the page alone, the note is named.
            assert_eq!(
                check(&src, q, pages(142, 142), Relax::default()),
                Status::WrongPinpoint {
                    cited: "page 142".into(),
                    found: "page 142, n.1".into()
                }
            );
            // A quotation cannot run from the body into a note.
            let st = check(
                &src,
                "it remanded. The regulations",
                Pinpoint::default(),
                Relax::default(),
            );
            assert!(matches!(st, Status::Mismatch { .. }), "{st:?}");
        }

        #[test]
        fn no_pinpoint_where_the_text_has_pages() {
            let st = at(OCR, "The evaluaters wrote", Pinpoint::default());
            let Status::NoPinpoint(f) = st else {
                panic!("{st:?}")
            };
            assert_eq!(f.page, Some(Pages::one(4)));
        }
    }
}
