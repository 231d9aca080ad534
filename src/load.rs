//! Stage 1: find the cases, read `case.yaml` into the model with source locations, and read
//! the source texts the case carries. Nothing here interprets the data beyond its types.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter, Spanned};

use crate::error::{Error, Errors, Loc, Result};
use crate::forum::{Forums, Profile};
use crate::model::CaseFile;

/// The file every case folder must have.
pub const CASE_FILE: &str = "case.yaml";
/// Larger YAML files are refused before they are read.
pub const MAX_YAML_BYTES: u64 = 16 * 1024 * 1024;
/// Larger source texts are refused before they are read.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// A case as loaded: its data and the texts of its sources.
#[derive(Debug)]
pub struct Case {
    pub slug: String,
    pub dir: PathBuf,
    /// Path of `case.yaml`; every location in `data` points into it.
    pub file: PathBuf,
    pub data: CaseFile,
    /// The text of `case.yaml`, to map offsets inside scalars to lines and columns.
    pub yaml: String,
    /// Byte offset of the start of each line of `yaml`.
    line_starts: Vec<usize>,
    /// Source id -> text, for sources whose `text` could be read.
    pub texts: BTreeMap<String, String>,
    /// Source id -> SHA-256 of its text file, in lower-case hex.
    pub text_hashes: BTreeMap<String, String>,
    /// The profile of the case's forum (`case.forum`).
    pub forum: Arc<Profile>,
    /// The profiles of the forums its proceedings name, by id.
    pub forums: BTreeMap<String, Arc<Profile>>,
    /// Its protected spans (`[[sealed …]]`), in file order.
    pub seals: Vec<crate::seal::Seal>,
    /// How the plain text's columns map to the file's on lines with protected spans.
    shifts: Vec<crate::seal::Shift>,
    /// The sealed and public texts of `case.yaml`, when it has protected spans.
    edition_texts: Option<Box<(String, String)>>,
}

/// SHA-256 of bytes in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    use std::fmt::Write as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

impl Case {
    /// The location of a spanned value in `case.yaml`.
    pub fn loc<T>(&self, s: &Spanned<T>) -> Loc {
        let mut at = loc_of(&self.file, s);
        if !self.shifts.is_empty() {
            at.col = crate::seal::file_col(&self.shifts, at.line, at.col);
        }
        at
    }

    /// Whether the case marks protected material (and so has a sealed edition).
    pub fn is_sealed(&self) -> bool {
        self.edition_texts.is_some()
    }

    /// The case as an edition renders it: the sealed text (`sealed`: protected words in
    /// `[[…]]`) or the public one (`[* * *]`), with the plain case's texts and profiles.
    /// A case without protected spans is its own public edition.
    pub fn edition(&self, sealed: bool) -> Result<Option<Case>, Errors> {
        let Some(texts) = &self.edition_texts else {
            return Ok(None);
        };
        let yaml = if sealed { &texts.0 } else { &texts.1 };
        let data: CaseFile = parse_yaml(&self.file, yaml).map_err(|e| {
            // Spans are replaced within their line, so the parse error's line is the
            // file's: the span to blame is the last one that starts on or before it.
            let line = e.location().map(|l| l.line);
            let seal = line
                .and_then(|l| self.seals.iter().rfind(|s| s.line <= l))
                .or_else(|| self.seals.first());
            Errors::from(Error::Sealed {
                at: Loc::new(
                    self.file.clone(),
                    seal.map_or(1, |s| s.line),
                    seal.map_or(1, |s| s.col),
                ),
                message: "a protected span stands where a value is not text (an id, a date, \
                          a number, a key)"
                    .into(),
            })
        })?;
        Ok(Some(Case {
            slug: self.slug.clone(),
            dir: self.dir.clone(),
            file: self.file.clone(),
            data,
            yaml: yaml.clone(),
            line_starts: line_starts(yaml),
            texts: self.texts.clone(),
            text_hashes: self.text_hashes.clone(),
            forum: Arc::clone(&self.forum),
            forums: self.forums.clone(),
            seals: self.seals.clone(),
            shifts: Vec::new(),
            edition_texts: None,
        }))
    }

    /// The location of byte `offset` inside a string scalar (literal blocks map line for
    /// line; other scalars map within their first line).
    /// Line `n` (0-based) of `case.yaml`, without its line break.
    fn line(&self, n: usize) -> Option<&str> {
        let start = *self.line_starts.get(n)?;
        let end = self
            .line_starts
            .get(n + 1)
            .copied()
            .unwrap_or(self.yaml.len());
        self.yaml
            .get(start..end)
            .map(|l| l.trim_end_matches(['\n', '\r']))
    }

    /// The location of byte `offset` inside a string scalar.
    pub fn loc_in(&self, s: &Spanned<String>, offset: usize) -> Loc {
        self.locator(s).at(offset)
    }

    /// Locations inside one string scalar: literal blocks map line for line; other
    /// scalars map within their first line. Built once per scalar, so that locating
    /// thousands of offsets in one body costs one pass over it.
    pub fn locator<'c>(&'c self, s: &'c Spanned<String>) -> Locator<'c> {
        let base = self.loc(s);
        let key_line = self.line((base.line as usize).wrapping_sub(1));
        let at_base: String = key_line
            .map(|first| {
                first
                    .chars()
                    .skip(base.col.saturating_sub(1) as usize)
                    .collect()
            })
            .unwrap_or_default();
        let first_line = s.value.lines().next().unwrap_or("");
        let shape = if key_line.is_none() {
            Shape::Fixed
        } else if at_base.starts_with('|') {
            let indent = (base.line as usize..self.line_starts.len())
                .filter_map(|n| self.line(n))
                .find(|l| !l.trim().is_empty())
                .map_or(0, |l| l.len() - l.trim_start().len());
            Shape::Literal { indent }
        } else if s.value.contains('\n')
            && !first_line.is_empty()
            && at_base.starts_with(first_line)
        {
            Shape::Block
        } else if at_base.starts_with('>') {
            Shape::Fixed
        } else {
            Shape::Inline {
                quoted: u32::from(at_base.starts_with(['"', '\''])),
            }
        };
        Locator {
            base,
            value: &s.value,
            line_starts: line_starts(&s.value),
            shape,
            last: Cell::new((0, 0, 0)),
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// How a scalar's text maps to the file.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// `|` block: line k of the value is file line base+1+k, after `indent` spaces.
    Literal { indent: usize },
    /// A multi-line plain scalar located at its first content line.
    Block,
    /// A one-line scalar (quoted or not) on the line of its key.
    Inline { quoted: u32 },
    /// Anything else (folded blocks): the scalar's own location.
    Fixed,
}

/// Maps byte offsets in one scalar's value to file locations (see [`Case::locator`]).
#[derive(Debug)]
pub struct Locator<'c> {
    base: Loc,
    value: &'c str,
    line_starts: Vec<usize>,
    shape: Shape,
    /// The last offset located: (offset, its line, characters from that line's start),
    /// so that offsets in increasing order cost one pass over the value.
    last: Cell<(usize, usize, usize)>,
}

impl Locator<'_> {
    /// (line within the value, column in characters) of byte `offset`.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.value.len());
        let line = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let (last_off, last_line, last_col) = self.last.get();
        let col = if last_line == line && last_off >= start && last_off <= offset {
            last_col
                + self
                    .value
                    .get(last_off..offset)
                    .map_or(0, |t| t.chars().count())
        } else {
            self.value
                .get(start..offset)
                .map_or(0, |t| t.chars().count())
        };
        self.last.set((offset, line, col));
        (line, col)
    }

    pub fn at(&self, offset: usize) -> Loc {
        let b = &self.base;
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        match self.shape {
            Shape::Fixed => b.clone(),
            Shape::Literal { indent } => {
                let (line, col) = self.line_col(offset);
                Loc::new(
                    &b.file,
                    b.line.saturating_add(1).saturating_add(clamp(line)),
                    clamp(indent + col + 1),
                )
            }
            Shape::Block => {
                let (line, col) = self.line_col(offset);
                Loc::new(
                    &b.file,
                    b.line.saturating_add(clamp(line)),
                    b.col.saturating_add(clamp(col)),
                )
            }
            Shape::Inline { quoted } => {
                let (line, col) = self.line_col(offset);
                if line > 0 {
                    return b.clone();
                }
                Loc::new(
                    &b.file,
                    b.line,
                    b.col.saturating_add(quoted).saturating_add(clamp(col)),
                )
            }
        }
    }
}

pub fn loc_of<T>(file: &Path, s: &Spanned<T>) -> Loc {
    Loc::new(
        file,
        clamp(s.referenced.line()),
        clamp(s.referenced.column()),
    )
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether a folder name may name a case (it becomes a URL path segment, and so cannot
/// be the sealed edition's folder).
pub fn valid_slug(s: &str) -> bool {
    s != crate::pages::SEALED_FOLDER
        && !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

/// The case folders under `cases_dir` (those holding a `case.yaml`), sorted by name. A
/// case folder that is a link must lead to a folder inside `cases_dir`.
pub fn discover(cases_dir: &Path) -> Result<Vec<PathBuf>, Errors> {
    let read_err = |source| Error::Read {
        path: cases_dir.to_path_buf(),
        source,
    };
    let folder = crate::fs::Folder::new(cases_dir);
    let entries = match fs::read_dir(cases_dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoCasesFolder {
                dir: cases_dir.to_path_buf(),
            }
            .into());
        }
        r => r.map_err(read_err)?,
    };
    let mut dirs = Vec::new();
    let mut errors = Errors::default();
    for entry in entries {
        let entry = entry.map_err(read_err)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            if !path.is_dir() {
                continue;
            }
            if folder.contains(&path).is_err() {
                errors.push(Error::Read {
                    path: path.clone(),
                    source: std::io::Error::other(format!(
                        "it is a link that leads out of `{}`; casefile reads only cases inside it",
                        cases_dir.display()
                    )),
                });
                continue;
            }
        } else if !kind.is_dir() {
            continue;
        }
        if fs::symlink_metadata(path.join(CASE_FILE)).is_ok() {
            dirs.push(path);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    dirs.sort();
    if dirs.is_empty() {
        return Err(Error::NoCases {
            dir: cases_dir.to_path_buf(),
        }
        .into());
    }
    Ok(dirs)
}

fn yaml_options() -> serde_saphyr::Options {
    let budget = serde_saphyr::budget! {
        max_depth: 48,
        max_aliases: 10_000,
        max_anchors: 10_000,
        // Honest case files reuse anchors often (a court name, a counsel block); only
        // flag documents whose aliases outnumber anchors by a wide margin.
        alias_anchor_ratio_multiplier: 200,
        alias_anchor_min_aliases: 1_000,
        max_events: 2_000_000,
        max_nodes: 1_000_000,
    };
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 200_000;
    serde_saphyr::options! {
        budget: budget,
        alias_limits: alias_limits,
    }
}

/// Parse YAML text into `T`, turning the parser's errors into ours (file, line, column,
/// the YAML path of the value, and a did-you-mean where one helps).
pub fn parse_yaml<T: for<'de> Deserialize<'de>>(file: &Path, text: &str) -> Result<T> {
    let mut track = serde_path_to_error::Track::new();
    let result =
        serde_saphyr::with_deserializer_from_str_with_options(text, yaml_options(), |de| {
            T::deserialize(serde_path_to_error::Deserializer::new(de, &mut track))
        });
    result.map_err(|e| convert_yaml_error(file, &e, &YamlPath::of(&track.path())))
}

/// A YAML path as a user reads it (`parties[2].counsel[0]`), from serde's segments.
/// `Spanned` wrappers add a `value` segment of their own, which is dropped; for an
/// unknown key the last segment is the key the user wrote (even one named `value`).
#[derive(Debug, Default)]
struct YamlPath {
    segments: Vec<String>,
}

impl YamlPath {
    fn of(p: &serde_path_to_error::Path) -> YamlPath {
        let mut segments = Vec::new();
        for seg in p.iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => segments.push(format!("[{index}]")),
                serde_path_to_error::Segment::Map { key }
                | serde_path_to_error::Segment::Enum { variant: key } => segments.push(key.clone()),
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        YamlPath { segments }
    }

    fn render(segments: &[String]) -> String {
        let mut out = String::new();
        for s in segments.iter().filter(|s| *s != "value") {
            if !s.starts_with('[') && !out.is_empty() {
                out.push('.');
            }
            out.push_str(s);
        }
        out
    }

    /// The whole path (to the value that failed).
    fn full(&self) -> String {
        Self::render(&self.segments)
    }

    /// For an unknown key, which is the last segment: the mapping that holds it.
    fn parent(&self) -> String {
        Self::render(self.segments.split_last().map_or(&[][..], |(_, init)| init))
    }
}

fn convert_yaml_error(file: &Path, e: &serde_saphyr::Error, yaml_path: &YamlPath) -> Error {
    use serde_saphyr::Error as E;
    let path = yaml_path.full();
    let inner = e.without_snippet();
    let at = match inner.location() {
        Some(l) => Loc::new(file, clamp(l.line()), clamp(l.column())),
        None => Loc::file(file),
    };
    match inner {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let parent = yaml_path.parent();
            Error::UnknownKey {
                at,
                key: field.clone(),
                context: if parent.is_empty() {
                    // The top of the file: a case file, or a forum profile.
                    match file.file_name().and_then(|n| n.to_str()) {
                        Some(CASE_FILE) | None => "the case file".to_string(),
                        Some(_) => "this forum profile".to_string(),
                    }
                } else {
                    format!("`{parent}`")
                },
                expected: expected.iter().map(|s| s.to_string()).collect(),
            }
        }
        E::SerdeMissingField { field, .. } => Error::MissingKey {
            at,
            key: if path.is_empty() {
                field.to_string()
            } else {
                format!("{path}.{field}")
            },
        },
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => Error::UnknownValue {
            at,
            path,
            value: variant.clone(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        },
        E::DuplicateMappingKey { key, .. } => Error::DuplicateKey {
            at,
            key: key.clone(),
        },
        E::Budget { breach, .. } => Error::YamlLimit {
            at,
            what: budget_breach(breach),
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => Error::YamlLimit {
            at,
            what: "expanding its aliases would use too much memory".into(),
        },
        other => plain_yaml_error(at, path, &DefaultMessageFormatter.format_message(other)),
    }
}

fn budget_breach(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::AliasAnchorRatio { aliases, anchors } => {
            format!(
                "{aliases} aliases refer to only {anchors} anchor(s), the shape of an alias bomb"
            )
        }
        B::Aliases { .. } => "it uses too many aliases".to_string(),
        B::Depth { .. } => "it is nested too deeply".to_string(),
        B::Events { .. } | B::Nodes { .. } => "it has too many values".to_string(),
        other => format!("a parser limit was reached ({other:?})"),
    }
}

/// The parser's other messages, said in a user's words.
fn plain_yaml_error(at: Loc, path: String, raw: &str) -> Error {
    let expected = |what: &str, help: Option<&str>| (what.to_string(), help.map(str::to_string));
    let wrong_type = match raw {
        "expected mapping start" => Some(expected("expected a mapping (`key: value` lines)", None)),
        "expected sequence start" => Some(expected(
            "expected a list (`- item` lines, or `[a, b]`)",
            None,
        )),
        "expected string scalar" => Some(expected("expected text, not a list or mapping", None)),
        m if m.starts_with("invalid u32") || m.starts_with("invalid u16") => Some(expected(
            "expected a whole number",
            Some("write digits only, e.g. `1374`"),
        )),
        m if m.starts_with("invalid page") => Some(expected(
            "expected a page or a range of pages",
            Some("write a page number, e.g. `12`, or a range across a page break, e.g. `142-43`"),
        )),
        _ => None,
    };
    if let Some((what, help)) = wrong_type {
        return if path.is_empty() {
            Error::YamlSyntax {
                at,
                message: what,
                help,
            }
        } else {
            Error::WrongType {
                at,
                path,
                expected: what,
                help,
            }
        };
    }
    let (message, help) = match raw {
        m if m.starts_with("multiple YAML documents") => (
            "a case file holds one YAML document".to_string(),
            Some("remove the `---` line, or move the rest into its own case".to_string()),
        ),
        m if m.starts_with("tabs disallowed") => (
            m.to_string(),
            Some("indent with spaces; YAML does not allow tabs".to_string()),
        ),
        m => (m.to_string(), None),
    };
    if path.is_empty() || help.is_some() {
        let message = if path.is_empty() {
            message
        } else {
            format!("`{path}`: {message}")
        };
        Error::YamlSyntax { at, message, help }
    } else {
        // A value the type could read but the format refuses (`2019-02-30`).
        Error::BadValue { at, path, message }
    }
}

/// Check a source path written in `case.yaml`: relative, no `..`, and (after following
/// symlinks) inside the case folder.
pub fn safe_source_path(case_dir: &Path, rel: &str, at: &Loc) -> Result<PathBuf> {
    let unsafe_path = |reason| Error::UnsafePath {
        at: at.clone(),
        path: rel.to_string(),
        reason,
    };
    let p = Path::new(rel);
    if rel.is_empty() {
        return Err(unsafe_path("is empty"));
    }
    if p.is_absolute() || rel.starts_with('/') || rel.starts_with('\\') {
        return Err(unsafe_path("is absolute"));
    }
    if p.components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(unsafe_path("leaves the case folder (`..`)"));
    }
    let full = case_dir.join(p);
    if crate::fs::Folder::new(case_dir).contains(&full) == Err(crate::fs::Outside::Link) {
        return Err(unsafe_path("is a link that points outside the case folder"));
    }
    Ok(full)
}

/// A case from YAML text already in memory, with no source texts and the built-in forum
/// profiles (for tests and fuzzing).
pub fn case_from_text(slug: &str, file: &Path, yaml: &str) -> Result<Case, Errors> {
    case_with_forums(slug, file, yaml, builtin_forums())
}

fn case_with_forums(slug: &str, file: &Path, yaml: &str, forums: &Forums) -> Result<Case, Errors> {
    let unsealed = crate::seal::unseal(yaml).map_err(|b| Error::Sealed {
        at: Loc::new(file, b.line, b.col),
        message: b.message.into(),
    })?;
    let (yaml, seals, shifts, edition_texts) = match unsealed {
        Some(u) => (
            std::borrow::Cow::Owned(u.plain),
            u.seals,
            u.shifts,
            Some(Box::new((u.sealed, u.public))),
        ),
        None => (
            std::borrow::Cow::Borrowed(yaml),
            Vec::new(),
            Vec::new(),
            None,
        ),
    };
    let yaml = yaml.as_ref();
    let data: CaseFile = parse_yaml(file, yaml)?;
    let mut known = BTreeMap::new();
    let mut errors = Errors::default();
    let named =
        std::iter::once(&data.case.value.forum).chain(data.proceedings.iter().map(|p| &p.forum));
    for f in named {
        match forums.get(&f.value) {
            Some(p) => {
                known.insert(f.value.clone(), Arc::clone(p));
            }
            None => errors.push(crate::forum::unknown(loc_of(file, f), &f.value, forums)),
        }
    }
    let Some(forum) = known.get(&data.case.value.forum.value).cloned() else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Case {
        forum,
        forums: known,
        slug: slug.to_string(),
        dir: file.parent().map(Path::to_path_buf).unwrap_or_default(),
        file: file.to_path_buf(),
        data,
        yaml: yaml.to_string(),
        line_starts: line_starts(yaml),
        texts: BTreeMap::new(),
        text_hashes: BTreeMap::new(),
        seals,
        shifts,
        edition_texts,
    })
}

/// Load one case folder. Errors in the YAML stop this case; unreadable source texts are
/// all collected.
pub fn load_case(dir: &Path, forums: &Forums) -> Result<Case, Errors> {
    let slug = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !valid_slug(&slug) {
        return Err(Error::BadSlug {
            slug,
            path: Some(dir.to_path_buf()),
        }
        .into());
    }
    let file = dir.join(CASE_FILE);
    let text = crate::fs::Folder::new(dir).read_text(&file, MAX_YAML_BYTES)?;
    let mut case = case_with_forums(&slug, &file, &text, forums)?;
    case.dir = dir.to_path_buf();
    let mut errors = Errors::default();
    let mut texts = BTreeMap::new();
    let mut hashes = BTreeMap::new();
    for (id, tf) in case.data.texts() {
        let rel = &tf.file;
        let at = loc_of(&file, rel);
        match safe_source_path(dir, &rel.value, &at).and_then(|p| {
            crate::fs::read_text(&p, MAX_SOURCE_BYTES, crate::fs::Links::Follow).map_err(
                |e| match e {
                    Error::Read { source, .. } => Error::SourceText {
                        at: at.clone(),
                        path: rel.value.clone(),
                        reason: source.to_string(),
                    },
                    other => other,
                },
            )
        }) {
            Ok(t) => {
                let actual = sha256_hex(t.as_bytes());
                if let Some(recorded) = &tf.sha256
                    && !recorded.value.trim().eq_ignore_ascii_case(&actual)
                {
                    errors.push(Error::TextChanged {
                        at: loc_of(&file, recorded),
                        id: id.value.clone(),
                        path: rel.value.clone(),
                        actual: actual.clone(),
                    });
                }
                hashes.insert(id.value.clone(), actual);
                texts.insert(id.value.clone(), t);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    case.texts = texts;
    case.text_hashes = hashes;
    Ok(case)
}

/// The built-in forum profiles, parsed once per process (they are part of casefile: a bad
/// one is a bug, and a test parses each).
pub fn builtin_forums() -> &'static Forums {
    static B: std::sync::OnceLock<Forums> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        let mut map = BTreeMap::new();
        for (id, text) in crate::forum::BUILTIN {
            let path = PathBuf::from(format!("<built-in>/forums/{id}.yaml"));
            let p = parse_yaml::<Profile>(&path, text)
                .unwrap_or_else(|e| panic!("built-in forum profile {id}: {e}"));
            map.insert((*id).to_string(), Arc::new(p));
        }
        Forums::new(map)
    })
}

/// The built-in forum profiles, overridden and extended by `<templates>/forums/*.yaml`.
pub fn forums(templates: &Path) -> Result<Forums, Errors> {
    let mut map = builtin_forums().profiles().clone();
    let dir = templates.join("forums");
    if !dir.is_dir() {
        return Ok(Forums::new(map));
    }
    let folder = crate::fs::Folder::new(&dir);
    let mut errors = Errors::default();
    for e in crate::fs::walk(&dir)? {
        let Some(id) = e.rel.strip_suffix(".yaml") else {
            continue;
        };
        if !valid_slug(id) {
            errors.push(Error::BadProfileName {
                name: id.to_string(),
                path: e.path.clone(),
            });
            continue;
        }
        let text = match folder.read_text(&e.path, MAX_YAML_BYTES) {
            Ok(t) => t,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        match parse_yaml::<Profile>(&e.path, &text) {
            Ok(p) => {
                let problems = p.problems();
                if problems.is_empty() {
                    map.insert(id.to_string(), Arc::new(p));
                }
                for (key, message) in problems {
                    // The first line that sets the key (a profile is short).
                    let (line, col) = text
                        .lines()
                        .enumerate()
                        .find_map(|(i, l)| l.find(&format!("{key}:")).map(|c| (i + 1, c + 1)))
                        .unwrap_or((1, 1));
                    errors.push(Error::BadValue {
                        at: Loc::new(e.path.clone(), clamp(line as u64), clamp(col as u64)),
                        path: key.to_string(),
                        message,
                    });
                }
            }
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(Forums::new(map))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(valid_slug("jedi-protest"));
        assert!(valid_slug("oracle-18-1880"));
        assert!(!valid_slug("Jedi"));
        assert!(!valid_slug("-x"));
        assert!(!valid_slug(""));
        assert!(!valid_slug("a b"));
        assert!(!valid_slug("sealed"), "the sealed edition's folder");
    }

    #[test]
    fn refuses_paths_that_leave_the_case() {
        let at = Loc::file("case.yaml");
        let dir = Path::new("/nonexistent-case");
        assert!(safe_source_path(dir, "sources/a.txt", &at).is_ok());
        for bad in ["/etc/passwd", "../x.txt", "sources/../../x", ""] {
            assert!(safe_source_path(dir, bad, &at).is_err(), "{bad}");
        }
    }

    #[test]
    fn yaml_path_names_the_value() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct T {
            #[allow(dead_code)]
            a: Vec<u32>,
        }
        let e = parse_yaml::<T>(Path::new("f.yaml"), "a:\n  - 1\n  - x\n").unwrap_err();
        assert_eq!(e.to_string(), "`a[1]`: expected a whole number");
        assert_eq!(e.location().map(|l| (l.line, l.col)), Some((3, 5)));
    }
}
