//! The commands, one module each, each with one entry point that takes its part of the
//! [`Config`] and returns an [`Outcome`]. Only `main` calls into this layer; nothing else
//! in the crate imports it.

mod build;
mod check;
mod list;
mod live;
mod new;
mod tools;

use std::process::ExitCode;

use crate::config::{Config, Task};
use crate::error::{Error, Errors};
use crate::report::Diagnostic;

/// What a command found and reports.
#[derive(Debug, Default)]
pub struct Outcome {
    pub warnings: Vec<Diagnostic>,
    pub errors: Errors,
    /// The command's own JSON report (`--format json`), printed with the diagnostics.
    pub report: Option<serde_json::Value>,
}

impl Outcome {
    fn failed(errors: impl Into<Errors>) -> Outcome {
        Outcome {
            errors: errors.into(),
            ..Outcome::default()
        }
    }
}

/// Run a command; exit codes: 0 success, 1 errors or stale output, 2 usage.
pub fn run(config: Config) -> ExitCode {
    let r = &config.reporter;
    let outcome = match &config.task {
        Task::Build(c) => build::run(c, r),
        Task::Check(c) => check::run(c, r),
        Task::New(c) => new::run(c, r),
        Task::List(c) => list::run(c, r),
        Task::Live(c, port) => live::run(c, *port, r),
        Task::Completions(shell) => tools::completions(*shell, r),
        Task::Man(dir) => tools::man(dir.as_deref(), r),
        Task::Schema => tools::schema(r),
        Task::ExportTemplates(dir) => tools::export_templates(dir, r),
    };
    let usage = outcome
        .errors
        .0
        .iter()
        .any(|e| matches!(e, Error::Usage { .. }));
    let failed = !outcome.errors.is_empty();
    r.diagnostics(
        outcome.warnings,
        Diagnostic::errors(&outcome.errors.0),
        outcome.report,
    );
    match (failed, usage) {
        (_, true) => ExitCode::from(2),
        (true, false) => ExitCode::FAILURE,
        (false, false) => ExitCode::SUCCESS,
    }
}
