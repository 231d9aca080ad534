//! The only module that prints. Errors become [`Diagnostic`]s, plain data that can be
//! stored (the build manifest replays a case's warnings on a no-op build) and printed
//! rustc-style:
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
//!
//! Nothing from a case reaches the terminal raw: control characters (escape sequences,
//! BEL, NUL) and bidirectional overrides are shown escaped (`\u{1b}`), and the caret is
//! placed by display width, so wide characters and tabs do not shift it. Each file a
//! snippet quotes is read once per run, however many diagnostics point into it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::error::Error as _;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use crate::error::Error;

/// How diagnostics are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

    /// rustc's colours: red errors, yellow warnings.
    fn style(self) -> anstyle::Style {
        let color = match self {
            Severity::Error => anstyle::AnsiColor::BrightRed,
            Severity::Warning => anstyle::AnsiColor::BrightYellow,
        };
        anstyle::Style::new().bold().fg_color(Some(color.into()))
    }
}

/// The gutter, arrows and line numbers.
const GUTTER: anstyle::Style = anstyle::Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::BrightBlue)));
/// The `help:` label.
const HELP: anstyle::Style = anstyle::Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::BrightCyan)));
/// The message.
const BOLD: anstyle::Style = anstyle::Style::new().bold();

/// `1 case`, `3 cases`: a count with its noun.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One diagnostic as data: what `--format json` prints, what the manifest stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, machine-readable name for the class of problem.
    pub code: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    pub causes: Vec<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, err: &Error) -> Diagnostic {
        let loc = err.location().filter(|l| l.line > 0);
        let mut causes = Vec::new();
        let mut cause = err.source();
        while let Some(c) = cause {
            causes.push(c.to_string());
            cause = c.source();
        }
        Diagnostic {
            severity,
            code: err.code().to_string(),
            message: err.to_string(),
            file: err.file().map(|p| p.display().to_string()),
            line: loc.map(|l| l.line),
            column: loc.map(|l| l.col),
            help: err.help(),
            notes: err.notes(),
            causes,
        }
    }

    pub fn errors(errors: &[Error]) -> Vec<Diagnostic> {
        errors
            .iter()
            .map(|e| Diagnostic::new(Severity::Error, e))
            .collect()
    }

    pub fn warnings(warnings: &[Error]) -> Vec<Diagnostic> {
        warnings
            .iter()
            .map(|e| Diagnostic::new(Severity::Warning, e))
            .collect()
    }

    fn sort_key(&self) -> (Option<&str>, Option<u32>, Option<u32>) {
        (self.file.as_deref(), self.line, self.column)
    }
}

/// Sort by file, line and column; drop exact repeats (a template error repeats once per
/// page that uses the template).
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Text a terminal shows as it is: control characters and bidirectional controls are
/// escaped, so data cannot move the cursor, ring the bell or reorder the line.
pub fn visible(s: &str) -> Cow<'_, str> {
    let hostile = |c: char| (c.is_control() && c != '\n') || crate::markdown::is_bidi_control(c);
    if !s.chars().any(hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hostile(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of a snippet as the terminal shows it: tabs as four spaces, then escaped.
fn shown(line: &str) -> String {
    let expanded = line.replace('\t', "    ");
    let single: String = visible(&expanded).replace('\n', "\\n");
    single
}

/// The files snippets quote, each read once and split into lines; each line quoted gets
/// an index of its characters, so a caret in a very long line costs no more than in a
/// short one.
#[derive(Debug, Default)]
pub struct Snippets {
    files: HashMap<String, Option<Vec<String>>>,
    chars: HashMap<(String, u32), Vec<usize>>,
}

impl Snippets {
    fn line(&mut self, file: &str, line: u32) -> Option<(&str, &[usize])> {
        let lines = self.files.entry(file.to_string()).or_insert_with(|| {
            let bytes =
                crate::fs::read_bytes(Path::new(file), SNIPPET_MAX, crate::fs::Links::Follow)
                    .ok()?;
            Some(
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .map(str::to_string)
                    .collect(),
            )
        });
        let text = lines
            .as_ref()?
            .get(usize::try_from(line.checked_sub(1)?).ok()?)?;
        let starts = self
            .chars
            .entry((file.to_string(), line))
            .or_insert_with(|| text.char_indices().map(|(i, _)| i).collect());
        Some((text.as_str(), starts.as_slice()))
    }
}

/// Files larger than this are not quoted in snippets.
const SNIPPET_MAX: u64 = 64 * 1024 * 1024;
/// Snippet lines longer than this are shown as a window around the caret.
const SNIPPET_CHARS: usize = 200;

/// Render one diagnostic as text, with its snippet when the file can be read. The text
/// carries ANSI styles; [`Reporter`] writes it through `anstream`, which drops them when
/// colour is off (not a terminal, `NO_COLOR`, `--color never`).
pub fn render(d: &Diagnostic, snippets: &mut Snippets) -> String {
    let mut out = String::new();
    let sev = d.severity.style();
    let _ = writeln!(
        out,
        "{sev}{}{sev:#}{BOLD}: {}{BOLD:#}",
        d.severity.label(),
        shown(&d.message)
    );
    if let Some(file) = &d.file {
        match (d.line, d.column) {
            (Some(line), Some(col)) => {
                let _ = writeln!(out, " {GUTTER}-->{GUTTER:#} {}:{line}:{col}", shown(file));
                if let Some((text, starts)) = snippets.line(file, line) {
                    snippet(&mut out, text, starts, (line, col), sev);
                }
            }
            _ => {
                let _ = writeln!(out, " {GUTTER}-->{GUTTER:#} {}", shown(file));
            }
        }
    }
    for note in &d.notes {
        let _ = writeln!(out, "  {GUTTER}={GUTTER:#} {}", shown(note));
    }
    for c in &d.causes {
        let _ = writeln!(out, "  {GUTTER}={GUTTER:#} caused by: {}", shown(c));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "  {GUTTER}={GUTTER:#} {HELP}help{HELP:#}: {}",
            shown(help)
        );
    }
    out
}

/// The line with a caret under column `col` (characters, 1-based); `starts` holds the
/// byte offset of each character of `line_text`.
fn snippet(
    out: &mut String,
    line_text: &str,
    starts: &[usize],
    (line, col): (u32, u32),
    caret_style: anstyle::Style,
) {
    let n = starts.len();
    let caret = usize::try_from(col.saturating_sub(1)).unwrap_or(0).min(n);
    let (from, to) = if n <= SNIPPET_CHARS {
        (0, n)
    } else {
        let from = caret
            .saturating_sub(SNIPPET_CHARS / 2)
            .min(n - SNIPPET_CHARS);
        (from, from + SNIPPET_CHARS)
    };
    let byte = |c: usize| starts.get(c).copied().unwrap_or(line_text.len());
    let slice = |a: usize, b: usize| line_text.get(byte(a)..byte(b)).unwrap_or_default();
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < n { "…" } else { "" };
    let text = format!("{lead}{}{tail}", shown(slice(from, to)));
    let before = format!("{lead}{}", shown(slice(from, caret)));
    let num = line.to_string();
    let pad = " ".repeat(num.len());
    let g = GUTTER;
    let c = caret_style;
    let _ = writeln!(out, "{pad} {g}|{g:#}");
    let _ = writeln!(out, "{g}{num} |{g:#} {text}");
    let _ = writeln!(
        out,
        "{pad} {g}|{g:#} {}{c}^{c:#}",
        " ".repeat(before.width())
    );
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

    /// Print every warning and error (errors last, so they stay on screen). `--quiet`
    /// leaves out warnings in human form. In JSON mode the command's own report, if any,
    /// shares the one document on stdout, and warnings are always included.
    pub fn diagnostics(
        &self,
        mut warnings: Vec<Diagnostic>,
        mut errors: Vec<Diagnostic>,
        report: Option<serde_json::Value>,
    ) {
        sort(&mut warnings);
        sort(&mut errors);
        match self.format {
            Format::Human => {
                let mut snippets = Snippets::default();
                let mut text = String::new();
                if !self.quiet {
                    for w in &warnings {
                        text.push_str(&render(w, &mut snippets));
                    }
                }
                for e in &errors {
                    text.push_str(&render(e, &mut snippets));
                }
                if !errors.is_empty() {
                    let n = errors.len();
                    let e = Severity::Error.style();
                    let _ = writeln!(
                        text,
                        "{e}error{e:#}{BOLD}: {} found; nothing was written{BOLD:#}",
                        count(n, "error")
                    );
                }
                let _ = anstream::stderr().lock().write_all(text.as_bytes());
            }
            Format::Json => {
                let all: Vec<&Diagnostic> = warnings.iter().chain(&errors).collect();
                let mut doc = report.unwrap_or_else(|| serde_json::json!({}));
                if let Some(o) = doc.as_object_mut() {
                    o.insert(
                        "diagnostics".into(),
                        serde_json::to_value(all).unwrap_or_default(),
                    );
                }
                self.write_stdout(&format!("{doc:#}\n"));
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

    /// A line of normal output (summaries); silent with `--quiet` and in JSON mode.
    pub fn info(&self, line: &str) {
        if !self.quiet && self.format == Format::Human {
            let _ = writeln!(io::stderr().lock(), "{}", visible(line));
        }
    }

    /// A line the user cannot do without (where `serve` is listening), even with
    /// `--quiet`; on stderr, so stdout stays for data.
    pub fn always(&self, line: &str) {
        let _ = writeln!(io::stderr().lock(), "{}", visible(line));
    }

    /// Rows of cells on stdout, one line each, cells separated by tabs. Each cell is made
    /// safe on its own, so a tab or a line break inside data cannot shift the columns.
    pub fn table(&self, rows: &[Vec<String>]) {
        let mut text = String::new();
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| visible(&c.replace('\n', " ")).into_owned())
                .collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        self.write_stdout(&text);
    }

    /// Data the user asked for (a listing, a report), in human form on stdout.
    pub fn stdout(&self, text: &str) {
        self.write_stdout(&visible(text));
    }

    fn write_stdout(&self, text: &str) {
        let mut out = io::stdout().lock();
        // A closed pipe (`casefile list | head`) is not an error worth reporting.
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text as `anstream` writes it with colour off.
    fn plain(s: &str) -> String {
        anstream::adapter::strip_str(s).to_string()
    }

    #[test]
    fn colour_is_styling_only() {
        let d = Diagnostic {
            severity: Severity::Warning,
            message: "m".into(),
            code: "c".into(),
            file: None,
            line: None,
            column: None,
            notes: Vec::new(),
            causes: Vec::new(),
            help: Some("h".into()),
        };
        let text = render(&d, &mut Snippets::default());
        assert!(text.contains("\u{1b}["), "styled: {text:?}");
        assert_eq!(plain(&text), "warning: m\n  = help: h\n");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            visible("a\u{1b}[31mb\u{7}\u{0}"),
            "a\\u{1b}[31mb\\u{7}\\u{0}"
        );
        assert_eq!(visible("right\u{202e}left"), "right\\u{202e}left");
        // A tab in data would shift the columns of `list`: it is shown, not obeyed.
        assert_eq!(visible("a\tb"), "a\\u{9}b");
        assert!(matches!(visible("plain é 漢"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_caret_follows_display_width() {
        let mut out = String::new();
        let line = "\tk: 漢字 x";
        let starts: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        snippet(&mut out, line, &starts, (3, 8), anstyle::Style::new());
        let out = plain(&out);
        // Tab = 4 columns, `k: ` = 3, each CJK character = 2: the caret is under `x`.
        assert_eq!(out, "  |\n3 |     k: 漢字 x\n  |             ^\n");
    }

    #[test]
    fn a_long_line_shows_a_window_around_the_caret() {
        let line = format!("{}XYZ{}", "a".repeat(1000), "b".repeat(1000));
        let starts: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        let mut out = String::new();
        snippet(&mut out, &line, &starts, (1, 1002), anstyle::Style::new());
        let out = plain(&out);
        let lines: Vec<&str> = out.lines().collect();
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('Y'));
        assert!(lines[1].starts_with("1 | …") && lines[1].ends_with('…'));
    }
}
