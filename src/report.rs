//! The only module that prints. Errors become rustc-style diagnostics:
//!
//! ```text
//! error: unknown key `titel` in case
//!  --> cases/demo/case.yaml:3:3
//!   |
//! 3 |   titel: Demo
//!   |   ^
//!   = help: did you mean `title`?
//! ```
//!
//! `--format json` prints the same diagnostics as one JSON document on stdout.

use std::error::Error as _;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::error::Error;

/// How diagnostics are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Render one diagnostic as text, with its snippet when the file can be read.
pub fn render(severity: Severity, err: &Error) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {err}", severity.label());
    let loc = err.location();
    if let Some(loc) = loc {
        let _ = writeln!(out, " --> {loc}");
        if loc.line > 0
            && let Some(line) = source_line(&loc.file, loc.line)
        {
            let num = loc.line.to_string();
            let pad = " ".repeat(num.len());
            let text = line.replace('\t', "    ");
            let prefix: String = line
                .chars()
                .take(loc.col.saturating_sub(1) as usize)
                .collect();
            let caret_at = prefix.replace('\t', "    ").chars().count();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {text}");
            let _ = writeln!(out, "{pad} | {}^", " ".repeat(caret_at));
        }
    } else if let Some(file) = err.file() {
        let _ = writeln!(out, " --> {}", file.display());
    }
    for note in err.notes() {
        let _ = writeln!(out, "  = {note}");
    }
    let mut cause = err.source();
    while let Some(c) = cause {
        let _ = writeln!(out, "  = caused by: {c}");
        cause = c.source();
    }
    if let Some(help) = err.help() {
        let _ = writeln!(out, "  = help: {help}");
    }
    out
}

fn source_line(file: &Path, line: u32) -> Option<String> {
    let bytes = std::fs::read(file).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    const MAX: usize = 200;
    Some(if l.chars().count() > MAX {
        let mut s: String = l.chars().take(MAX).collect();
        s.push('…');
        s
    } else {
        l.to_string()
    })
}

#[derive(Serialize)]
struct JsonDiagnostic {
    severity: &'static str,
    code: &'static str,
    message: String,
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    help: Option<String>,
    notes: Vec<String>,
    causes: Vec<String>,
}

fn json_diagnostic(severity: Severity, err: &Error) -> JsonDiagnostic {
    let loc = err.location().filter(|l| l.line > 0);
    let mut causes = Vec::new();
    let mut cause = err.source();
    while let Some(c) = cause {
        causes.push(c.to_string());
        cause = c.source();
    }
    JsonDiagnostic {
        severity: severity.label(),
        code: err.code(),
        message: err.to_string(),
        file: err.file().map(|p| p.display().to_string()),
        line: loc.map(|l| l.line),
        column: loc.map(|l| l.col),
        help: err.help(),
        notes: err.notes(),
        causes,
    }
}

/// A progress bar on stderr for long builds; inert when stderr is not a terminal, with
/// `--quiet`, or with `--format json`.
#[derive(Debug)]
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn inc(&self) {
        if let Some(p) = &self.0 {
            p.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(p) = &self.0 {
            p.finish_and_clear();
        }
    }
}

/// Prints diagnostics, reports and summaries. Everything the program says goes through here.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    pub format: Format,
    pub quiet: bool,
}

impl Reporter {
    pub fn new(format: Format, quiet: bool) -> Self {
        Reporter { format, quiet }
    }

    /// Print every error and warning (errors last, so they stay on screen). In JSON mode
    /// the command's own report, if any, shares the one document on stdout.
    pub fn diagnostics(
        &self,
        warnings: &[Error],
        errors: &[Error],
        report: Option<serde_json::Value>,
    ) {
        match self.format {
            Format::Human => {
                let mut err = io::stderr().lock();
                for w in warnings {
                    let _ = write!(err, "{}", render(Severity::Warning, w));
                }
                for e in errors {
                    let _ = write!(err, "{}", render(Severity::Error, e));
                }
                if !errors.is_empty() {
                    let n = errors.len();
                    let _ = writeln!(
                        err,
                        "error: {n} error{} found; nothing was written",
                        if n == 1 { "" } else { "s" }
                    );
                }
            }
            Format::Json => {
                let all: Vec<_> = warnings
                    .iter()
                    .map(|w| json_diagnostic(Severity::Warning, w))
                    .chain(errors.iter().map(|e| json_diagnostic(Severity::Error, e)))
                    .collect();
                let mut doc = report.unwrap_or_else(|| serde_json::json!({}));
                if let Some(o) = doc.as_object_mut() {
                    o.insert(
                        "diagnostics".into(),
                        serde_json::to_value(all).unwrap_or_default(),
                    );
                }
                self.stdout(&format!("{doc:#}\n"));
            }
        }
    }

    /// A progress bar over `total` cases (only worth drawing for more than a few).
    pub fn progress(&self, total: u64) -> Progress {
        use std::io::IsTerminal;
        let show =
            !self.quiet && self.format == Format::Human && total > 3 && io::stderr().is_terminal();
        Progress(show.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} cases {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        }))
    }

    /// A line of normal output (summaries, listings); silent with `--quiet`.
    pub fn info(&self, line: &str) {
        if !self.quiet && self.format == Format::Human {
            let _ = writeln!(io::stderr().lock(), "{line}");
        }
    }

    /// Data the user asked for (a listing, a JSON report): always on stdout.
    pub fn stdout(&self, text: &str) {
        let mut out = io::stdout().lock();
        // A closed pipe (`casefile list | head`) is not an error worth reporting.
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}
