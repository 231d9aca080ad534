//! The one error type. Every variant a user can cause carries the file and, where one
//! exists, the line and column; `report` turns them into snippets with a caret.

use std::fmt;
use std::path::PathBuf;

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

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file.display())
        } else {
            write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
        }
    }
}

/// Everything that can go wrong, one variant per class of mistake.
#[derive(Debug, thiserror::Error)]
pub enum Error {
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
    #[error("{message}")]
    Yaml {
        at: Loc,
        message: String,
        help: Option<String>,
    },
    #[error("unknown key `{key}` in {context}")]
    UnknownKey {
        at: Loc,
        key: String,
        context: String,
        expected: Vec<String>,
    },
    #[error("missing required key `{key}`")]
    MissingKey { at: Loc, key: String },
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
        candidates: std::sync::Arc<[String]>,
    },
    #[error("{message}")]
    Invalid {
        at: Loc,
        message: String,
        help: Option<String>,
    },
    #[error("{message}")]
    Citation {
        at: Loc,
        message: String,
        help: Option<String>,
    },
    #[error("excerpt `{id}` {message}")]
    Quote {
        at: Loc,
        id: String,
        message: String,
        help: Option<String>,
    },
    #[error("path `{path}` {reason}")]
    UnsafePath {
        at: Loc,
        path: String,
        reason: &'static str,
    },
    #[error("template `{name}`: {message}")]
    Template {
        at: Loc,
        name: String,
        message: String,
    },
    #[error("no cases found in `{}`", dir.display())]
    NoCases { dir: PathBuf },
    #[error("no case named `{name}` in `{}`", dir.display())]
    UnknownCase {
        name: String,
        dir: PathBuf,
        candidates: Vec<String>,
    },
    #[error("`{}` already exists", path.display())]
    AlreadyExists { path: PathBuf },
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
        match self {
            Error::Yaml { at, .. }
            | Error::UnknownKey { at, .. }
            | Error::MissingKey { at, .. }
            | Error::DuplicateId { at, .. }
            | Error::DanglingRef { at, .. }
            | Error::Invalid { at, .. }
            | Error::Citation { at, .. }
            | Error::Quote { at, .. }
            | Error::UnsafePath { at, .. }
            | Error::NotUtf8 { at, .. }
            | Error::Template { at, .. } => Some(at),
            _ => None,
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
            other => other.location().map(|l| l.file.clone()),
        }
    }

    /// One line telling the user what to do, when we know.
    pub fn help(&self) -> Option<String> {
        match self {
            Error::Yaml { help, .. }
            | Error::Invalid { help, .. }
            | Error::Citation { help, .. }
            | Error::Quote { help, .. } => help.clone(),
            Error::UnknownKey { key, expected, .. } => Some(match did_you_mean(key, expected) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("expected one of: {}", expected.join(", ")),
            }),
            Error::MissingKey { key, .. } => Some(format!("add `{key}:` here")),
            Error::DuplicateId { first, .. } => Some(format!(
                "ids must be unique within a case; the first one is at {first}"
            )),
            Error::DanglingRef {
                candidates,
                kind,
                suggestion,
                ..
            } => Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None if candidates.is_empty() => format!("this case defines no {kind}"),
                None => format!("define it, or use one of: {}", short_list(candidates)),
            }),
            Error::UnsafePath { .. } => {
                Some("source files must live inside the case folder, under `sources/`".into())
            }
            Error::Template { .. } => {
                Some("fix the template, or delete it to use the built-in one".into())
            }
            Error::NoCases { .. } => {
                Some("create one with `casefile new <slug>`, or pass `--cases <dir>`".into())
            }
            Error::UnknownCase {
                name, candidates, ..
            } => Some(match did_you_mean(name, candidates) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "`casefile list` shows the cases ({})",
                    short_list(candidates)
                ),
            }),
            Error::BadSlug { .. } => {
                Some("use lowercase letters, digits and dashes, e.g. `oracle-preaward`".into())
            }
            Error::AlreadyExists { .. } => Some("choose another name or remove it first".into()),
            Error::NotUtf8 { offset, .. } => Some(format!(
                "casefile reads UTF-8 text (byte offset {offset}); re-save the file as UTF-8, or remove the binary data"
            )),
            Error::Stale { .. } => Some("run `casefile build` and commit the result".into()),
            Error::Blocked { .. } => Some(
                "move it out of the output folder; casefile replaces only files it can write in place"
                    .into(),
            ),
            Error::Locked { .. } => Some(
                "wait for it to finish; the lock is released when that build ends, even if it is killed"
                    .into(),
            ),
            _ => None,
        }
    }

    /// A stable, machine-readable name for the error class (used by `--format json`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Read { .. } => "read",
            Error::Write { .. } => "write",
            Error::NotUtf8 { .. } => "not-utf8",
            Error::Yaml { .. } => "yaml",
            Error::UnknownKey { .. } => "unknown-key",
            Error::MissingKey { .. } => "missing-key",
            Error::DuplicateId { .. } => "duplicate-id",
            Error::DanglingRef { .. } => "dangling-reference",
            Error::Invalid { .. } => "invalid-value",
            Error::Citation { .. } => "citation",
            Error::Quote { .. } => "quote",
            Error::UnsafePath { .. } => "unsafe-path",
            Error::Template { .. } => "template",
            Error::NoCases { .. } => "no-cases",
            Error::UnknownCase { .. } => "unknown-case",
            Error::AlreadyExists { .. } => "already-exists",
            Error::BadSlug { .. } => "bad-slug",
            Error::BadOutput { .. } => "bad-output",
            Error::Blocked { .. } => "blocked-output",
            Error::Stale { .. } => "stale",
            Error::Locked { .. } => "locked",
            Error::Usage { .. } => "usage",
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
    /// Sort by file, line and column so output is stable and easy to walk.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let ka = (a.file(), a.location().map(|l| (l.line, l.col)));
            let kb = (b.file(), b.location().map(|l| (l.line, l.col)));
            ka.cmp(&kb)
        });
        // The same template error repeats once per page that uses the template.
        self.0
            .dedup_by(|a, b| a.location() == b.location() && a.to_string() == b.to_string());
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
