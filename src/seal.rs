//! Protected material and the two editions made from one case file.
//!
//! Any text of `case.yaml` (a name, a title, a quotation, a brief's body) can mark what a
//! protective order protects: `[[sealed aws: Jane Doe]]`, or with the reason,
//! `[[sealed dod (source selection information): Jane Doe]]`, where `aws` is the party
//! that designated it. From the one file casefile reads three texts:
//!
//! - **plain**: the words alone, for validation and the cite-check (a quotation is checked
//!   against the sealed source with its protected words);
//! - **sealed**: the words in double brackets, `[[Jane Doe]]`, as filings under seal mark
//!   protected information;
//! - **public**: `[* * *]` in their place.
//!
//! The public edition is rendered from the public text, so no template, index or file
//! name can reach a protected word; [`leaks`] then scans everything written for the public
//! for every protected string in its normalized forms, and fails the build if one is
//! there (a word left unmarked elsewhere in the case, an id spelled from a name).

use serde::Serialize;

use crate::error::line_col;

/// The redaction mark of the public edition.
pub const MARK: &str = "[* * *]";

/// One protected span of `case.yaml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Seal {
    /// 1-based line and column of the marker's `[[`.
    pub line: u32,
    pub col: u32,
    /// The party that designated it (a party id).
    pub by: String,
    /// Why, if the marker says.
    pub why: Option<String>,
    /// The protected words.
    pub text: String,
}

/// A column shift the plain text introduced: on `line`, columns at or after `col` (in
/// the plain text) are `by` characters further right in the file.
#[derive(Debug, Clone, Copy)]
pub struct Shift {
    pub line: u32,
    pub col: u32,
    pub by: u32,
}

/// A marker the parser could not read.
#[derive(Debug, Clone)]
pub struct BadMarker {
    pub line: u32,
    pub col: u32,
    pub message: &'static str,
}

/// The three texts of a case file with protected spans, and where they were.
#[derive(Debug, Default)]
pub struct Unsealed {
    pub plain: String,
    pub sealed: String,
    pub public: String,
    pub seals: Vec<Seal>,
    pub shifts: Vec<Shift>,
}

const OPEN: &str = "[[sealed ";

/// Read every `[[sealed …]]` marker of `yaml`. `None` when it has none (the common case
/// costs one search).
pub fn unseal(yaml: &str) -> Result<Option<Unsealed>, BadMarker> {
    near_misses(yaml)?;
    if !yaml.contains(OPEN) {
        return Ok(None);
    }
    let mut u = Unsealed::default();
    let mut rest = yaml;
    let mut consumed = 0usize;
    // Where the file and the plain text end so far, counted as they grow (one pass).
    let mut file_at = Cursor::default();
    let mut plain_at = Cursor::default();
    while let Some(i) = rest.find(OPEN) {
        let (before, at) = rest.split_at(i);
        for s in [&mut u.plain, &mut u.sealed, &mut u.public] {
            s.push_str(before);
        }
        let start = consumed + i;
        file_at.advance(before);
        plain_at.advance(before);
        let (line, col) = file_at.here();
        let bad = |message| BadMarker { line, col, message };
        let inner = &at[OPEN.len()..];
        // The reason, in parentheses, may hold a colon: find the one after it.
        let reason_end = match inner.find('(') {
            Some(o) if o < inner.find(':').unwrap_or(usize::MAX) => inner.find(')').unwrap_or(0),
            _ => 0,
        };
        let Some(colon) = inner[reason_end..].find(':').map(|c| c + reason_end) else {
            return Err(bad("a protected span is written `[[sealed PARTY: words]]`"));
        };
        let Some(close) = inner.find("]]") else {
            return Err(bad("this protected span has no closing `]]`"));
        };
        if close < colon {
            return Err(bad("a protected span is written `[[sealed PARTY: words]]`"));
        }
        let head = inner[..colon].trim();
        let (by, why) = match head.split_once(' ') {
            Some((by, why)) => {
                let why = why.trim();
                let Some(why) = why.strip_prefix('(').and_then(|w| w.strip_suffix(')')) else {
                    return Err(bad(
                        "the reason of a protected span is in parentheses: `[[sealed PARTY (why): words]]`",
                    ));
                };
                (by, Some(why.trim().to_string()))
            }
            None => (head, None),
        };
        if by.is_empty() || !crate::model::valid_id(by) {
            return Err(bad(
                "a protected span names the designating party by its id first",
            ));
        }
        let text = inner[colon + 1..close].trim_start_matches(' ');
        if text.trim().is_empty() {
            return Err(bad("this protected span protects no words"));
        }
        if text.contains("[[") {
            return Err(bad(
                "this protected span holds `[[`: spans do not nest, and an unclosed one runs into the next",
            ));
        }
        // The prefix (`[[sealed PARTY: `) goes from the plain text: what follows it on this
        // line moves left.
        let prefix = OPEN.len() + colon + 1 + (inner[colon + 1..close].len() - text.len());
        u.shifts.push(plain_at.shift(prefix));
        u.plain.push_str(text);
        plain_at.advance(text);
        // And the closing `]]`, on the line where the words end.
        u.shifts.push(plain_at.shift(2));
        u.sealed.push_str("[[");
        u.sealed.push_str(text);
        u.sealed.push_str("]]");
        u.public.push_str(MARK);
        u.seals.push(Seal {
            line,
            col,
            by: by.to_string(),
            why,
            text: text.to_string(),
        });
        let used = OPEN.len() + close + 2;
        file_at.advance(&at[..used]);
        rest = &at[used..];
        consumed = start + used;
    }
    for s in [&mut u.plain, &mut u.sealed, &mut u.public] {
        s.push_str(rest);
    }
    Ok(Some(u))
}

/// A marker written almost right (`[[Sealed`, `[[ sealed`, `[[sealed:`, a tab after
/// `sealed`) would print the protected words unmarked: it is an error.
fn near_misses(yaml: &str) -> Result<(), BadMarker> {
    let mut from = 0;
    while let Some(i) = yaml.get(from..).and_then(|r| r.find("[[")) {
        let at = from + i;
        let after = yaml.get(at + 2..).unwrap_or_default().trim_start();
        let sealed = after
            .get(..6)
            .is_some_and(|w| w.eq_ignore_ascii_case("sealed"));
        if sealed && !yaml[at..].starts_with(OPEN) {
            let (line, col) = line_col(yaml, at);
            return Err(BadMarker {
                line,
                col,
                message: "a protected span is written exactly `[[sealed PARTY: words]]` (lower case, one space after `sealed`)",
            });
        }
        from = at + 2;
    }
    Ok(())
}

/// `s` lower-cased character by character where that keeps each character's length in
/// bytes (a character whose lower case is longer or shorter, such as `İ` or the Kelvin
/// sign, is kept): byte offsets in the result are byte offsets in `s`.
fn lower_in_place(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// The end of a growing text: its line and the characters on that line (1-based when
/// read). Advanced by what is appended, so that finding every marker is one pass.
#[derive(Default)]
struct Cursor {
    lines: usize,
    col: usize,
}

impl Cursor {
    fn advance(&mut self, s: &str) {
        match s.rfind('\n') {
            Some(i) => {
                self.lines += s.matches('\n').count();
                self.col = s[i + 1..].chars().count();
            }
            None => self.col += s.chars().count(),
        }
    }

    fn here(&self) -> (u32, u32) {
        (
            u32::try_from(self.lines + 1).unwrap_or(u32::MAX),
            u32::try_from(self.col + 1).unwrap_or(u32::MAX),
        )
    }

    /// A shift of `by` characters at this point of the plain text (whose lines are the
    /// file's: it keeps every line break).
    fn shift(&self, by: usize) -> Shift {
        let (line, col) = self.here();
        Shift {
            line,
            col,
            by: u32::try_from(by).unwrap_or(u32::MAX),
        }
    }
}

/// The column in the file of column `col` of line `line` of the plain text.
pub fn file_col(shifts: &[Shift], line: u32, col: u32) -> u32 {
    shifts
        .iter()
        .filter(|s| s.line == line && s.col <= col)
        .fold(col, |c, s| c.saturating_add(s.by))
}

/// `s` with every protected string (as written, in any case) replaced by the redaction
/// mark.
pub fn redact(s: &str, seals: &[Seal]) -> String {
    let mut out = s.to_string();
    for seal in seals {
        for form in [seal.text.clone(), crate::markdown::escape(&seal.text)] {
            if form.is_empty() {
                continue;
            }
            // One pass over the text as it stands: a mark never meets the search again.
            let (lower, needle) = (lower_in_place(&out), lower_in_place(&form));
            let mut redacted = String::with_capacity(out.len());
            let mut last = 0;
            while let Some(i) = lower.get(last..).and_then(|r| r.find(&needle)) {
                let at = last + i;
                redacted.push_str(&out[last..at]);
                redacted.push_str(MARK);
                last = at + needle.len();
            }
            redacted.push_str(&out[last..]);
            out = redacted;
        }
    }
    out
}

/// The forms a protected string may take in a written file: as written, lower-cased,
/// with its spaces collapsed, escaped for Markdown, HTML and XML, and as an id or a file
/// name would spell it (`jane-doe`, `jane_doe`). Forms shorter than four characters are
/// left out: they would match ordinary words.
pub fn forms(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = canon(&collapsed);
    // Ids and file names are usually ASCII: `Renée` becomes `renee`.
    let folded: String = lower
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let slug_of = |text: &str, sep: char| {
        let mut s = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() {
                s.push(c);
            } else if !s.ends_with(sep) {
                s.push(sep);
            }
        }
        s.trim_matches(sep).to_string()
    };
    let slug = |sep: char| slug_of(&lower, sep);
    let html = collapsed
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let mut out = vec![
        collapsed.clone(),
        lower.clone(),
        crate::markdown::escape(&collapsed),
        html,
        slug('-'),
        slug('_'),
        slug(' '),
        slug_of(&folded, '-'),
        slug_of(&folded, '_'),
    ];
    out.sort();
    out.dedup();
    out.retain(|f| f.chars().count() >= 4);
    out
}

/// Where a protected string shows in what the public edition writes: each protected
/// text found, with the files (by path) whose name or bytes spell it.
pub fn leaks<'a>(
    files: impl Iterator<Item = (&'a std::path::Path, &'a [u8])>,
    seals: &[Seal],
) -> Vec<(String, Vec<String>)> {
    let mut by_text: Vec<(String, Vec<String>)> = Vec::new();
    for (file, text) in leaks_by_file(files, seals) {
        match by_text.iter_mut().find(|(t, _)| *t == text) {
            Some((_, files)) => files.push(file),
            None => by_text.push((text, vec![file])),
        }
    }
    by_text
}

/// Where the case file spells a protected text outside a `[[sealed …]]` marker (in any
/// of its forms, an id included): 1-based line and column, if it does.
pub fn unmarked(yaml: &str, text: &str) -> Option<(u32, u32)> {
    let lower = lower_in_place(yaml);
    for form in forms(text) {
        let f = lower_in_place(&form);
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|r| r.find(&f)) {
            let at = from + i;
            let before = lower.get(at.saturating_sub(200)..at).unwrap_or("");
            let inside = before
                .rfind("[[sealed ")
                .is_some_and(|o| !before[o..].contains("]]"));
            // A YAML comment is not output.
            let comment = before
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim_start().starts_with('#'));
            if !inside && !comment {
                return Some(line_col(yaml, at));
            }
            from = at + f.len().max(1);
        }
    }
    None
}

/// Text as a reader would read it, for comparing: tags (HTML, Word's XML) and Markdown
/// escapes removed, character references decoded, Unicode composed (NFKC), lower-cased,
/// typographic quotes and dashes straightened, and every run of white space one space.
/// A protected name split by markup (`Jane <em>Doe</em>`), escaped (`Jane\_Doe`), broken
/// across lines or written with a decomposed accent reads the same.
pub fn canon(s: &str) -> String {
    canon_with(s, "")
}

/// [`canon`], with tags read as `tag` (nothing joins a word split across Word's runs; a
/// space keeps words of adjacent paragraphs apart).
fn canon_with(s: &str, tag: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut plain = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        plain.push_str(&rest[..i]);
        let after = &rest[i..];
        match after.get(1..).and_then(|a| a.find(['<', '>'])) {
            Some(j) if after.as_bytes().get(j + 1) == Some(&b'>') && j < 400 => {
                plain.push_str(tag);
                rest = &after[j + 2..];
            }
            _ => {
                plain.push('<');
                rest = &after[1..];
            }
        }
    }
    plain.push_str(rest);
    let decoded = plain
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ");
    let mut out = String::with_capacity(decoded.len());
    let mut chars = decoded.nfkc().flat_map(char::to_lowercase).peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        let c = match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => continue,
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            // Soft hyphens and zero-width characters are invisible to a reader.
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

fn leaks_by_file<'a>(
    files: impl Iterator<Item = (&'a std::path::Path, &'a [u8])>,
    seals: &[Seal],
) -> Vec<(String, String)> {
    // Each form as written (for attributes, links and file names, which reading as text
    // would drop) and as read (for markup, escapes and line breaks inside the words).
    let needles: Vec<(String, &Seal)> = seals
        .iter()
        .flat_map(|s| {
            forms(&s.text)
                .into_iter()
                .flat_map(move |f| [f.to_lowercase(), canon(&f)].map(|n| (n, s)))
        })
        .filter(|(f, _)| f.chars().count() >= 4)
        .collect();
    if needles.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (path, bytes) in files {
        let name = canon(&path.to_string_lossy());
        let raw = String::from_utf8_lossy(bytes);
        let lower = raw.to_lowercase();
        let (joined, spaced) = (canon_with(&raw, ""), canon_with(&raw, " "));
        for (needle, seal) in &needles {
            let n = needle.as_str();
            if [&name, &lower, &joined, &spaced]
                .iter()
                .any(|hay| hay.contains(n))
            {
                found.push((path.display().to_string(), seal.text.clone()));
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters whose lower case has another length in bytes (`İ`, the Kelvin sign,
    /// `ẞ`, the Ohm sign) before a marker neither shift it nor break the scan.
    #[test]
    fn characters_that_change_length_when_lowered_do_not_shift_markers() {
        for before in ["İstanbul", "K", "ẞ", "Ω"] {
            let yaml = format!("a: {before} [[sealed us: Jane Doe]] and more\n");
            let u = unseal(&yaml).expect("a correct marker").expect("one span");
            assert_eq!(
                u.public,
                format!("a: {before} {MARK} and more\n"),
                "{before}"
            );
            let wrong = format!("a: {before} [[Sealed us: Jane Doe]]\n");
            assert!(unseal(&wrong).is_err(), "{before}");
        }
    }

    #[test]
    fn redaction_is_one_pass_and_whole() {
        let seal = |text: &str| Seal {
            text: text.into(),
            ..Seal::default()
        };
        assert_eq!(
            redact("İstanbul: Jane Doe, jane doe", &[seal("Jane Doe")]),
            format!("İstanbul: {MARK}, {MARK}")
        );
        // A protected string found in the mark itself does not loop.
        assert_eq!(redact("a * b", &[seal("*")]), format!("a {MARK} b"));
    }

    #[test]
    fn three_texts_from_one() {
        let y = "name: \"[[sealed dod: Jane Doe]], Source Selection Authority\"\nnote: \"[[sealed aws (pricing: unit prices): $9]] a\"\n";
        let u = unseal(y).unwrap().unwrap();
        assert_eq!(
            u.plain,
            "name: \"Jane Doe, Source Selection Authority\"\nnote: \"$9 a\"\n"
        );
        assert!(u.sealed.contains("\"[[Jane Doe]], Source"));
        assert!(u.public.contains("\"[* * *], Source"));
        assert_eq!(u.seals.len(), 2);
        assert_eq!(u.seals[1].why.as_deref(), Some("pricing: unit prices"));
        // `, Source` is at plain column 16; in the file, after the 14-character prefix
        // and the closing `]]`.
        assert_eq!(file_col(&u.shifts, 1, 16), 32);
        assert_eq!(file_col(&u.shifts, 1, 3), 3);
        assert!(unseal("a: b\n").unwrap().is_none());
        // Near misses and nesting are errors, never text printed as it is.
        for bad in [
            "a: \"[[Sealed us: Jane]]\"",
            "a: \"[[ sealed us: Jane]]\"",
            "a: \"[[sealed\tus: Jane]]\"",
            "a: \"[[sealed: Jane]]\"",
            "a: \"[[sealed us: Jane [[sealed us: Doe]] x]]\"",
            "a: \"[[sealed us: Jane] b\"\nc: \"[[sealed us: Doe]]\"",
        ] {
            assert!(unseal(bad).is_err(), "{bad}");
        }
        assert_eq!(
            redact("diff {+Jane+} {+Doe+}: JANE DOE", &u.seals[..1]),
            "diff {+Jane+} {+Doe+}: [* * *]"
        );
        assert!(unseal("a: \"[[sealed dod Jane]]\"").is_err());
        assert!(unseal("a: \"[[sealed dod: Jane\"").is_err());
    }

    #[test]
    fn leaks_are_found_in_every_form() {
        let seals = vec![Seal {
            line: 1,
            col: 1,
            by: "dod".into(),
            why: None,
            text: "Jane  Doe".into(),
        }];
        let files: Vec<(std::path::PathBuf, Vec<u8>)> = vec![
            ("a/index.md".into(), b"nothing here".to_vec()),
            ("a/people/jane-doe.md".into(), b"x".to_vec()),
            ("a/b.html".into(), b"<p>JANE DOE</p>".to_vec()),
        ];
        let found = leaks(
            files.iter().map(|(p, b)| (p.as_path(), b.as_slice())),
            &seals,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1.len(), 2, "{found:?}");
        let yaml = "a: \"[[sealed dod: Jane Doe]]\"\nb: Jane Doe again\nid: jane-doe\n";
        assert_eq!(unmarked(yaml, "Jane Doe"), Some((2, 4)));
        assert_eq!(
            unmarked("a: \"[[sealed dod: Jane Doe]]\"\n", "Jane Doe"),
            None
        );
        assert!(forms("AWS").is_empty());
        // Markup, escapes, line breaks, decomposed accents and curly quotes read the same.
        let seals = vec![Seal {
            line: 1,
            col: 1,
            by: "dod".into(),
            why: None,
            text: "Ren\u{e9}e O'Brien".into(),
        }];
        // An attribute (a link, an alt text) is read as written.
        let attr = [(
            std::path::PathBuf::from("y.html"),
            b"<a href=\"people/renee-o-brien.html\">x</a>".to_vec(),
        )];
        let found = leaks(
            attr.iter().map(|(p, b)| (p.as_path(), b.as_slice())),
            &seals,
        );
        assert_eq!(found.len(), 1, "an href");
        for body in [
            "<p>Ren\u{e9}e <em>O\u{2019}Brien</em></p>",
            "Rene\u{301}e\nO'Brien",
            "Ren\u{e9}e O&#39;Brien",
            "<w:t>Ren\u{e9}e O</w:t></w:r><w:r><w:t>'Brien</w:t>",
        ] {
            let files = [(std::path::PathBuf::from("x.html"), body.as_bytes().to_vec())];
            let found = leaks(
                files.iter().map(|(p, b)| (p.as_path(), b.as_slice())),
                &seals,
            );
            assert_eq!(found.len(), 1, "{body:?}");
        }
    }
}
