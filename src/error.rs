//! The one error type: one variant per rule a user can break, each with a stable code
//! (`--format json` prints it) and, where the mistake is in a file, its location.
//! `report` turns errors into diagnostics with snippets and carets.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// A position in a file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: PathBuf,
    pub line: u32,
    pub col: u32,
}

impl Loc {
    pub fn new(file: impl Into<PathBuf>, line: u32, col: u32) -> Self {
        Loc {
            file: file.into(),
            line,
            col,
        }
    }

    /// A location that names only the file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Loc::new(file, 0, 0)
    }
}

/// Line and column (1-based, in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file.display())
        } else {
            write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
        }
    }
}

/// Everything that can go wrong, one variant per rule.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // Files.
    #[error("cannot read `{}`", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write `{}`", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", not_utf8_message(*byte))]
    NotUtf8 {
        at: Loc,
        /// Byte offset of the bad byte in the file.
        offset: usize,
        byte: u8,
    },

    // YAML and the case format's types.
    #[error("{message}")]
    YamlSyntax {
        at: Loc,
        message: String,
        help: Option<String>,
    },
    #[error("`{path}`: {expected}")]
    WrongType {
        at: Loc,
        path: String,
        expected: String,
        help: Option<String>,
    },
    #[error("`{path}`: {message}")]
    BadValue {
        at: Loc,
        path: String,
        message: String,
    },
    #[error("`{path}`: unknown value `{value}`")]
    UnknownValue {
        at: Loc,
        path: String,
        value: String,
        expected: Vec<String>,
    },
    #[error("{}", match key { Some(k) => format!("duplicate key `{k}`"), None => "duplicate key".to_string() })]
    DuplicateKey { at: Loc, key: Option<String> },
    #[error("refusing to load this YAML: {what}")]
    YamlLimit { at: Loc, what: String },
    #[error("unknown key `{key}` in {context}")]
    UnknownKey {
        at: Loc,
        key: String,
        context: String,
        expected: Vec<String>,
    },
    #[error("missing required key `{key}`")]
    MissingKey { at: Loc, key: String },

    // Ids and references.
    #[error("`{id}` is not a valid id")]
    InvalidId { at: Loc, id: String },
    #[error("duplicate id `{id}`")]
    DuplicateId { at: Loc, id: String, first: Loc },
    #[error("unknown {kind} `{id}`")]
    DanglingRef {
        at: Loc,
        kind: &'static str,
        id: String,
        /// The closest id of the right kind, if one is close enough.
        suggestion: Option<String>,
        /// Ids of the right kind (shared: thousands of errors share one list).
        candidates: Arc<[String]>,
    },
    #[error("`{id}` is a {found}, but a {expected} is expected here")]
    WrongKind {
        at: Loc,
        id: String,
        found: &'static str,
        expected: &'static str,
        candidates: Arc<[String]>,
    },

    // Other data rules.
    #[error("{what} ends ({to}) before it starts ({from})")]
    DateOrder {
        at: Loc,
        what: String,
        from: String,
        to: String,
    },
    #[error("`{deponent}` has two deposition entries")]
    DuplicateDeposition {
        at: Loc,
        deponent: String,
        first: Loc,
    },
    #[error("exhibit label `{label}` is used twice")]
    DuplicateExhibit { at: Loc, label: String, first: Loc },
    #[error("`{excerpt}` cites a paragraph of `{source_id}`, whose text holds only excerpts")]
    ParagraphOfExcerpts {
        at: Loc,
        excerpt: String,
        source_id: String,
    },
    #[error("cannot read source text `{path}`: {reason}")]
    SourceText {
        at: Loc,
        path: String,
        reason: String,
    },
    #[error("the text of source `{id}` (`{path}`) is not the one its `sha256` records")]
    TextChanged {
        at: Loc,
        id: String,
        path: String,
        actual: String,
    },
    #[error("path `{path}` {reason}")]
    UnsafePath {
        at: Loc,
        path: String,
        reason: &'static str,
    },

    // Protected material.
    #[error("{message}")]
    Sealed { at: Loc, message: String },
    #[error("`{party}` designates protected material but is not a party of the case")]
    UnknownDesignator {
        at: Loc,
        party: String,
        known: Vec<String>,
    },
    #[error("the public edition would spell the protected words {what} in {file}")]
    Leak { file: String, what: String, at: Loc },

    // Forums and documents.
    #[error("unknown forum `{forum}`")]
    UnknownForum {
        at: Loc,
        forum: String,
        known: Vec<String>,
    },
    #[error("`{role}` is not a party role at the {forum}")]
    RoleNotInForum {
        at: Loc,
        role: String,
        forum: String,
        known: Vec<String>,
    },
    #[error("the {forum} has no document kind `{kind}`")]
    UnknownDocumentKind {
        at: Loc,
        kind: String,
        forum: String,
        known: Vec<String>,
    },
    #[error("document `{document}` ({what}) lacks a section `{section}` ({heading})")]
    MissingSection {
        at: Loc,
        document: String,
        what: String,
        section: String,
        heading: String,
        why: String,
    },
    #[error("document `{document}` ({what}) is a filing, but no party files it")]
    NeedsFiler {
        at: Loc,
        document: String,
        what: String,
    },
    #[error(
        "the study `{document}` is signed: a study version signs as what it is, never over counsel's name"
    )]
    StudySigned { at: Loc, document: String },
    #[error("`{id}` cannot be a document id: it is the name of another page of the case")]
    ReservedId { at: Loc, id: String },
    #[error("`{signer}` is not counsel of {party}, who files this document")]
    UnknownSigner {
        at: Loc,
        signer: String,
        party: String,
        known: Vec<String>,
    },
    #[error("`{signer}` is {role}; {rule} asks the {wanted} to sign")]
    SignerRole {
        at: Loc,
        signer: String,
        role: String,
        wanted: String,
        rule: String,
    },
    #[error("the signature block of `{signer}` lacks {}", missing.join(", "))]
    IncompleteSignature {
        at: Loc,
        signer: String,
        missing: Vec<&'static str>,
        rule: String,
    },
    #[error("document `{document}` has {count} words; {rule} allows {max}")]
    OverLength {
        at: Loc,
        document: String,
        count: usize,
        max: usize,
        rule: String,
    },
    #[error(
        "document `{document}` asks for a certificate of compliance, but the {forum} sets no word limit for it"
    )]
    NoWordLimit {
        at: Loc,
        document: String,
        forum: String,
    },

    // Citations.
    #[error("{message}")]
    CitationSyntax { at: Loc, message: String },
    #[error("`@{id}` is a {found}, which cannot be cited here")]
    NotCitable {
        at: Loc,
        id: String,
        found: &'static str,
        expected: &'static str,
    },
    #[error("pinpoint {pin} is outside `{id}` ({reporter} at pages {range})")]
    PinOutOfRange {
        at: Loc,
        pin: u32,
        id: String,
        reporter: String,
        range: String,
    },
    #[error("authority `{id}` lacks `{field}`, which its citation form needs")]
    MissingField {
        at: Loc,
        id: String,
        field: &'static str,
    },
    #[error("`{id}` is dated {date}, after the document that cites it ({document})")]
    LaterThanDocument {
        at: Loc,
        id: String,
        date: String,
        document: String,
    },
    #[error("authority `{id}` is never cited in a document of the case")]
    Uncited { at: Loc, id: String },
    /// A form problem the lint found (a warning; a failure under `check --strict`).
    #[error("{}", lint_message(message, rule))]
    Lint {
        at: Loc,
        rule: &'static str,
        code: &'static str,
        message: String,
        help: String,
        /// The source or authority the finding is about, when it concerns an entry of the
        /// case rather than a citation as written: `check --strict` fails on it only if a
        /// filing cites that entry.
        subject: Option<String>,
    },

    // The cite-check.
    #[error("excerpt `{id}` does not match its source `{source_id}`")]
    Misquote {
        at: Loc,
        id: String,
        source_id: String,
        closest: String,
        diff: String,
    },
    #[error("excerpt `{id}` is in `{source_id}` at {found}, not at {cited}")]
    WrongPinpoint {
        at: Loc,
        id: String,
        source_id: String,
        cited: String,
        found: String,
    },
    #[error("excerpt `{id}` cannot be verified")]
    Unverifiable { at: Loc, id: String, reason: String },
    /// A quotation found, but in a text or at a place that cannot vouch for it.
    #[error("excerpt `{id}` is not verified: {status}")]
    NotVerified {
        at: Loc,
        id: String,
        status: &'static str,
        code: &'static str,
        reason: String,
        help: String,
    },

    /// Two sources carry one speaker's words differently.
    #[error(
        "excerpt `{id}` quotes `{source_id}`, but `{other_id}` reports the same words differently"
    )]
    ConflictingVersions {
        at: Loc,
        id: String,
        source_id: String,
        other_id: String,
        passage: String,
        diff: String,
    },

    // Templates.
    #[error("template `{name}`: {message}")]
    Template {
        at: Loc,
        name: String,
        message: String,
    },

    // The command line and the folders it names.
    #[error("no cases found in `{}`", dir.display())]
    NoCases { dir: PathBuf },
    #[error("there is no `{}` folder here", dir.display())]
    NoCasesFolder { dir: PathBuf },
    #[error("no case named `{name}` in `{}`", dir.display())]
    UnknownCase {
        name: String,
        dir: PathBuf,
        candidates: Vec<String>,
    },
    #[error("`{}` already exists", path.display())]
    AlreadyExists { path: PathBuf },
    #[error("`{name}` cannot be a forum profile's id")]
    BadProfileName { name: String, path: PathBuf },
    #[error("`{slug}` is not a valid case name")]
    BadSlug {
        slug: String,
        /// The case folder, when the name comes from one.
        path: Option<PathBuf>,
    },
    #[error("refusing to use `{}` as the output folder: {reason}", path.display())]
    BadOutput { path: PathBuf, reason: String },
    #[error("cannot write `{}`: {reason}", path.display())]
    Blocked { path: PathBuf, reason: String },
    #[error("output is stale: {} file(s) differ from a fresh build", files.len())]
    Stale { files: Vec<String> },
    #[error("{message}")]
    Usage { message: String },
    #[error("another casefile build holds the lock on `{}`", path.display())]
    Locked { path: PathBuf },
}

impl Error {
    /// Where the error points, if it points anywhere inside a file.
    pub fn location(&self) -> Option<&Loc> {
        use Error as E;
        match self {
            E::NotUtf8 { at, .. }
            | E::YamlSyntax { at, .. }
            | E::WrongType { at, .. }
            | E::BadValue { at, .. }
            | E::UnknownValue { at, .. }
            | E::DuplicateKey { at, .. }
            | E::YamlLimit { at, .. }
            | E::UnknownKey { at, .. }
            | E::MissingKey { at, .. }
            | E::InvalidId { at, .. }
            | E::DuplicateId { at, .. }
            | E::DanglingRef { at, .. }
            | E::WrongKind { at, .. }
            | E::DateOrder { at, .. }
            | E::DuplicateDeposition { at, .. }
            | E::DuplicateExhibit { at, .. }
            | E::ParagraphOfExcerpts { at, .. }
            | E::SourceText { at, .. }
            | E::TextChanged { at, .. }
            | E::UnsafePath { at, .. }
            | E::Sealed { at, .. }
            | E::UnknownDesignator { at, .. }
            | E::Leak { at, .. }
            | E::UnknownForum { at, .. }
            | E::RoleNotInForum { at, .. }
            | E::UnknownDocumentKind { at, .. }
            | E::MissingSection { at, .. }
            | E::NeedsFiler { at, .. }
            | E::StudySigned { at, .. }
            | E::ReservedId { at, .. }
            | E::OverLength { at, .. }
            | E::NoWordLimit { at, .. }
            | E::UnknownSigner { at, .. }
            | E::IncompleteSignature { at, .. }
            | E::SignerRole { at, .. }
            | E::CitationSyntax { at, .. }
            | E::NotCitable { at, .. }
            | E::PinOutOfRange { at, .. }
            | E::MissingField { at, .. }
            | E::LaterThanDocument { at, .. }
            | E::Lint { at, .. }
            | E::Uncited { at, .. }
            | E::Misquote { at, .. }
            | E::WrongPinpoint { at, .. }
            | E::Unverifiable { at, .. }
            | E::NotVerified { at, .. }
            | E::ConflictingVersions { at, .. }
            | E::Template { at, .. } => Some(at),
            E::Read { .. }
            | E::Write { .. }
            | E::NoCases { .. }
            | E::NoCasesFolder { .. }
            | E::UnknownCase { .. }
            | E::AlreadyExists { .. }
            | E::BadSlug { .. }
            | E::BadProfileName { .. }
            | E::BadOutput { .. }
            | E::Blocked { .. }
            | E::Stale { .. }
            | E::Usage { .. }
            | E::Locked { .. } => None,
        }
    }

    /// The file the error is about, for sorting and for the `-->` line.
    pub fn file(&self) -> Option<PathBuf> {
        match self {
            Error::Read { path, .. }
            | Error::Write { path, .. }
            | Error::AlreadyExists { path }
            | Error::Locked { path }
            | Error::Blocked { path, .. } => Some(path.clone()),
            Error::BadSlug { path, .. } => path.clone(),
            Error::BadProfileName { path, .. } => Some(path.clone()),
            other => other.location().map(|l| l.file.clone()),
        }
    }

    /// One line telling the user what to do, when we know.
    /// The hint for a rule of the forum's profile.
    fn forum_help(&self) -> Option<String> {
        use Error as E;
        Some(match self {
            E::Sealed { .. } => "write a protected span inside a text value: `name: \"[[sealed PARTY: words]]\"`, or `[[sealed PARTY (why): words]]` with the reason".into(),
            E::UnknownDesignator { party, known, .. } => match did_you_mean(party, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("name the designating party by its id: {}", known.join(", ")),
            },
            E::Leak { .. } => "mark every occurrence of the words `[[sealed …]]`, and choose ids and file names that do not spell them; nothing was written".into(),
            E::UnknownForum { forum, known, .. } => match did_you_mean(forum, known) {
                Some(s) => format!("did you mean `{s}`? (a forum is a profile in `templates/forums/`)"),
                None => format!("use one of: {}, or add `templates/forums/{forum}.yaml`", known.join(", ")),
            },
            E::RoleNotInForum { known, .. } => format!("use one of the roles its profile lists: {}", known.join(", ")),
            E::UnknownDocumentKind { kind, known, .. } => match did_you_mean(kind, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of: {}", known.join(", ")),
            },
            E::MissingSection { section, heading, why, .. } => format!("{why}: add a section with `id: {section}` (`heading: {heading}`)"),
            E::StudySigned { .. } => "remove `signer:` and `signature:` from it: `study:` is the line printed where the signature would be".into(),
            E::NeedsFiler { .. } => "add `filed_by:` with the id of the party that files it; a paper that is not filed (`kind: research_memo`) needs none".into(),
            E::ReservedId { .. } => format!(
                "choose another id: {} are the names of other pages",
                crate::pages::RESERVED.join(", ")
            ),
            E::UnknownSigner { signer, known, .. } => match did_you_mean(signer, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None if known.is_empty() => "add the signer to the filing party's `counsel`".into(),
                None => format!("name one of its counsel: {}", known.join(", ")),
            },
            E::SignerRole { wanted, .. } => format!("name the {wanted} as `signer`: the paper is signed by or for them, in their name"),
            E::IncompleteSignature { missing, rule, .. } => format!("{rule} asks the signature block for them: add {} to the signer's entry under the party's `counsel`", missing.iter().map(|m| format!("`{m}:`")).collect::<Vec<_>>().join(", ")),
            E::OverLength { count, max, .. } => format!("cut {} words, or move material to an appendix the rule exempts; the count covers the sections and footnotes, not the caption, the tables, the signature or the certificate", count - max),
            E::NoWordLimit { .. } => "remove `include: certificate`: the forum's profile sets no word limit for this kind of document (at the Court of Federal Claims, for one, RCFC 5.4 counts pages and asks for no certificate)".into(),
            _ => return None,
        })
    }

    /// One line telling the user what to do, when we know.
    pub fn help(&self) -> Option<String> {
        use Error as E;
        if let Some(h) = self.forum_help() {
            return Some(h);
        }
        Some(match self {
            E::YamlSyntax { help, .. } | E::WrongType { help, .. } => return help.clone(),
            E::NotUtf8 { offset, .. } => format!(
                "casefile reads UTF-8 text (byte offset {offset}); re-save the file as UTF-8, or remove the binary data"
            ),
            E::UnknownValue {
                value, expected, ..
            } => match did_you_mean(value, expected) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("expected one of: {}", expected.join(", ")),
            },
            E::DuplicateKey { .. } => "a key may appear once per mapping; merge the two entries (casefile never keeps one silently)".into(),
            E::YamlLimit { .. } => "case files are plain data: flatten deep nesting and avoid alias chains".into(),
            E::UnknownKey { key, expected, .. } => match did_you_mean(key, expected) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("expected one of: {}", expected.join(", ")),
            },
            E::MissingKey { key, .. } => format!("add `{key}:` here"),
            E::InvalidId { .. } => "ids start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:`".into(),
            E::DuplicateId { first, .. } => {
                format!("ids must be unique within a case; the first one is at {first}")
            }
            E::DanglingRef {
                candidates,
                kind,
                suggestion,
                ..
            } => match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None if candidates.is_empty() => format!("this case defines no {kind}"),
                None => format!("define it, or use one of: {}", short_list(candidates)),
            },
            E::WrongKind { candidates, .. } => format!(
                "use one of: {}",
                candidates
                    .iter()
                    .take(8)
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            E::DateOrder { .. } => "swap the dates or correct the typo".into(),
            E::DuplicateDeposition { first, .. } => {
                format!("merge their topics into the first one, at {first}")
            }
            E::DuplicateExhibit { first, .. } => format!("the first use is at {first}"),
            E::ParagraphOfExcerpts { .. } => "paragraphs are counted in the text file, so they would not match the document; drop `paragraph:` or add the full text".into(),
            E::SourceText { .. } => {
                "put the source's text under `sources/`, or remove `text:`".into()
            }
            E::TextChanged { actual, .. } => format!(
                "the file changed after its quotations were checked: set `sha256: {actual}`, \
                 then run `casefile check` to check every quotation against the new text"
            ),
            E::UnsafePath { .. } => {
                "source files must live inside the case folder, under `sources/`".into()
            }
            E::CitationSyntax { .. } => {
                "write citations as `[@id]`, `[see @id, 12]` or `[quote @excerpt-id]`".into()
            }
            E::NotCitable { expected, .. } => format!("cite an {expected} instead"),
            E::PinOutOfRange { .. } => "check the page in the reporter".into(),
            E::MissingField { .. } => {
                "add the field, or see docs/citations.md for the fields each kind needs".into()
            }
            E::Uncited { .. } => "cite it with `[@id]` or remove it from `authorities`".into(),
            E::Lint { help, .. } => help.clone(),
            E::LaterThanDocument { .. } => "a document cannot rely on what came after it: cite what existed on its date, or record the later decision in the authority's `history`".into(),
            E::Misquote { closest, diff, .. } => {
                if closest.is_empty() {
                    diff.clone()
                } else {
                    format!(
                        "closest passage: \"{closest}\"; word diff ([-source-] {{+quote+}}): {diff}"
                    )
                }
            }
            E::WrongPinpoint { found, .. } => format!("change the pinpoint to {found}"),
            E::Unverifiable { reason, .. } => reason.clone(),
            E::NotVerified { reason, help, .. } => format!("{reason}; {help}"),
            E::ConflictingVersions { other_id, passage, diff, .. } => format!(
                "`{other_id}` has: \"{passage}\" (word diff, [-{other_id}-] {{+quote+}}: {diff}); \
                 check both against the original, and quote the one that reproduces it"
            ),
            E::Template { .. } => "fix the template, or delete it to use the built-in one".into(),
            E::NoCases { .. } => {
                "create one with `casefile new <slug>`, or pass `--cases <dir>`".into()
            }
            E::NoCasesFolder { dir } => format!(
                "run casefile in the folder that holds `{}`, pass `--cases <dir>`, or start \
                 one with `casefile new <slug>` (it creates the folder)",
                dir.display()
            ),
            E::UnknownCase {
                name, candidates, ..
            } => match did_you_mean(name, candidates).or_else(|| one_containing(name, candidates)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "`casefile list` shows the cases ({})",
                    short_list(candidates)
                ),
            },
            E::BadProfileName { name, .. } => format!("a profile's file name is the id cases use in `forum:`: lowercase letters, digits and dashes (`{}.yaml`)", name.to_lowercase()),
            E::BadSlug { slug, .. } if slug == crate::pages::SEALED_FOLDER => format!(
                "`{slug}` is the output folder of the sealed edition; rename the case folder"
            ),
            E::BadSlug { .. } => {
                "use lowercase letters, digits and dashes, e.g. `oracle-preaward`".into()
            }
            E::AlreadyExists { .. } => "choose another name or remove it first".into(),
            E::Stale { .. } => "run `casefile build` and commit the result".into(),
            E::Blocked { .. } => "move it out of the output folder; casefile replaces only files it can write in place".into(),
            E::Locked { .. } => "wait for it to finish; the lock is released when that build ends, even if it is killed".into(),
            // No hint; every variant is named, so a new one must decide.
            E::Read { .. } | E::Write { .. } | E::BadValue { .. } | E::BadOutput { .. } | E::Usage { .. } => return None,
            // The forum's rules, answered by `forum_help` above.
            E::IncompleteSignature { .. } | E::Leak { .. } | E::MissingSection { .. } | E::NeedsFiler { .. } | E::NoWordLimit { .. } | E::OverLength { .. } | E::ReservedId { .. } | E::RoleNotInForum { .. } | E::Sealed { .. } | E::SignerRole { .. } | E::StudySigned { .. } | E::UnknownDesignator { .. } | E::UnknownDocumentKind { .. } | E::UnknownForum { .. } | E::UnknownSigner { .. } => return None,
        })
    }

    /// A warning that `check --strict` makes an error: a quotation not fully verified, or
    /// a Bluebook lint finding.
    pub fn fails_strict(&self) -> bool {
        matches!(
            self,
            Error::Unverifiable { .. }
                | Error::NotVerified { .. }
                | Error::ConflictingVersions { .. }
                | Error::Lint { .. }
        )
    }

    /// The entry of the case a strict finding is about (an excerpt, a source), when the
    /// finding concerns the entry rather than a citation as written. `check --strict`
    /// holds such an entry to the filing standard only where a filing cites or quotes it;
    /// elsewhere (the chronology, the deposition outlines, a case study) it stays a
    /// warning, and the cite-check page shows its status.
    pub fn strict_subject(&self) -> Option<&str> {
        match self {
            Error::Unverifiable { id, .. }
            | Error::NotVerified { id, .. }
            | Error::ConflictingVersions { id, .. } => Some(id),
            Error::Lint { subject, .. } => subject.as_deref(),
            _ => None,
        }
    }

    /// A stable, machine-readable name for the rule broken (used by `--format json`).
    pub fn code(&self) -> &'static str {
        use Error as E;
        match self {
            E::Read { .. } => "read",
            E::Write { .. } => "write",
            E::NotUtf8 { .. } => "not-utf8",
            E::YamlSyntax { .. } => "yaml-syntax",
            E::WrongType { .. } => "wrong-type",
            E::BadValue { .. } => "bad-value",
            E::UnknownValue { .. } => "unknown-value",
            E::DuplicateKey { .. } => "duplicate-key",
            E::YamlLimit { .. } => "yaml-limit",
            E::UnknownKey { .. } => "unknown-key",
            E::MissingKey { .. } => "missing-key",
            E::InvalidId { .. } => "invalid-id",
            E::DuplicateId { .. } => "duplicate-id",
            E::DanglingRef { .. } => "dangling-reference",
            E::WrongKind { .. } => "wrong-kind",
            E::DateOrder { .. } => "date-order",
            E::DuplicateDeposition { .. } => "duplicate-deposition",
            E::DuplicateExhibit { .. } => "duplicate-exhibit",
            E::ParagraphOfExcerpts { .. } => "paragraph-of-excerpts",
            E::SourceText { .. } => "source-text",
            E::TextChanged { .. } => "text-changed",
            E::UnsafePath { .. } => "unsafe-path",
            E::Sealed { .. } => "sealed-syntax",
            E::UnknownDesignator { .. } => "unknown-designator",
            E::Leak { .. } => "leak",
            E::UnknownForum { .. } => "unknown-forum",
            E::RoleNotInForum { .. } => "role-not-in-forum",
            E::UnknownDocumentKind { .. } => "unknown-document-kind",
            E::MissingSection { .. } => "missing-section",
            E::NeedsFiler { .. } => "needs-filer",
            E::StudySigned { .. } => "study-signed",
            E::ReservedId { .. } => "reserved-id",
            E::UnknownSigner { .. } => "unknown-signer",
            E::IncompleteSignature { .. } => "incomplete-signature",
            E::SignerRole { .. } => "signer-role",
            E::OverLength { .. } => "over-length",
            E::NoWordLimit { .. } => "no-word-limit",
            E::CitationSyntax { .. } => "citation-syntax",
            E::NotCitable { .. } => "not-citable",
            E::PinOutOfRange { .. } => "pin-out-of-range",
            E::MissingField { .. } => "missing-field",
            E::Uncited { .. } => "uncited-authority",
            E::Lint { code, .. } => code,
            E::LaterThanDocument { .. } => "later-than-document",
            E::Misquote { .. } => "misquote",
            E::WrongPinpoint { .. } => "wrong-pinpoint",
            E::Unverifiable { .. } => "unverifiable",
            E::NotVerified { code, .. } => code,
            E::ConflictingVersions { .. } => "conflicting-versions",
            E::Template { .. } => "template",
            E::NoCases { .. } => "no-cases",
            E::NoCasesFolder { .. } => "no-cases-folder",
            E::UnknownCase { .. } => "unknown-case",
            E::AlreadyExists { .. } => "already-exists",
            E::BadSlug { .. } => "bad-slug",
            E::BadProfileName { .. } => "bad-profile-name",
            E::BadOutput { .. } => "bad-output",
            E::Blocked { .. } => "blocked-output",
            E::Stale { .. } => "stale",
            E::Usage { .. } => "usage",
            E::Locked { .. } => "locked",
        }
    }

    /// Extra lines printed under the message (for instance the stale files).
    pub fn notes(&self) -> Vec<String> {
        match self {
            Error::Stale { files } => files.iter().map(|f| format!("stale: {f}")).collect(),
            _ => Vec::new(),
        }
    }
}

fn lint_message(message: &str, rule: &str) -> String {
    if rule.starts_with(|c: char| c.is_ascii_digit() || c == 'B') {
        format!("{message} (Bluebook rule {rule})")
    } else {
        message.to_string()
    }
}

fn not_utf8_message(byte: u8) -> String {
    if byte == 0 {
        "not a text file: it holds a NUL byte".to_string()
    } else {
        format!("not UTF-8 text: byte 0x{byte:02x} cannot start or continue a character here")
    }
}

fn short_list(items: &[String]) -> String {
    const MAX: usize = 6;
    let mut shown: Vec<String> = items.iter().take(MAX).map(|s| format!("`{s}`")).collect();
    if items.len() > MAX {
        shown.push(format!("and {} more", items.len() - MAX));
    }
    shown.join(", ")
}

/// The closest option, if it is close enough to be a plausible typo.
pub fn did_you_mean(word: &str, options: &[String]) -> Option<String> {
    options
        .iter()
        .map(|o| (strsim::damerau_levenshtein(word, o), o))
        .filter(|(d, o)| *d <= (o.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, o)| o.clone())
}

/// The one option that contains `word` (`jedi` → `jedi-protest`), if only one does.
fn one_containing(word: &str, options: &[String]) -> Option<String> {
    let word = word.to_lowercase();
    let mut hits = options.iter().filter(|o| o.contains(word.as_str()));
    match (hits.next(), hits.next()) {
        (Some(o), None) if !word.is_empty() => Some(o.clone()),
        _ => None,
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A collection of errors from one run; a run fails if this is non-empty.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    pub fn push(&mut self, e: Error) {
        self.0.push(e);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn extend(&mut self, other: Errors) {
        self.0.extend(other.0);
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let opts: Vec<String> = ["title", "short_title", "docket"].map(String::from).into();
        assert_eq!(did_you_mean("titel", &opts).as_deref(), Some("title"));
        assert_eq!(did_you_mean("doket", &opts).as_deref(), Some("docket"));
        assert_eq!(did_you_mean("zzzzzz", &opts), None);
    }

    #[test]
    fn loc_without_line_prints_file_only() {
        assert_eq!(Loc::file("a/b.yaml").to_string(), "a/b.yaml");
        assert_eq!(Loc::new("a/b.yaml", 3, 4).to_string(), "a/b.yaml:3:4");
    }
}
