//! `casefile build`: render cases into the output folder, or (`--check`) compare.

use super::Outcome;
use crate::batch;
use crate::config::{BuildConfig, Mode};
use crate::error::Error;
use crate::report::Reporter;

pub fn run(cfg: &BuildConfig, reporter: &Reporter) -> Outcome {
    let built = batch::build(cfg, reporter);
    let mut outcome = Outcome {
        warnings: built.warnings,
        ..Outcome::default()
    };
    let s = match built.result {
        Ok(s) => s,
        Err(e) => {
            outcome.errors = e;
            return outcome;
        }
    };
    if reporter.format == crate::report::Format::Json {
        outcome.report = Some(serde_json::json!({ "build": {
            "mode": if cfg.mode == Mode::Check { "check" } else { "write" },
            "cases": s.cases, "rendered": s.rendered, "unchanged": s.skipped,
            "files": s.files, "written": s.written, "stale": s.stale,
            "threads": s.threads, "jobs": cfg.jobs,
        }}));
    }
    match cfg.mode {
        Mode::Check if !s.stale.is_empty() => {
            outcome.errors.push(Error::Stale { files: s.stale });
        }
        Mode::Check => reporter.info(&format!("output is up to date ({} files)", s.files)),
        Mode::Write => {
            let cleaned = if s.cleaned > 0 {
                format!(
                    "; removed {} of an interrupted build",
                    crate::report::count(s.cleaned, "temp file")
                )
            } else {
                String::new()
            };
            reporter.info(&format!(
                "built {} in {:.2} s ({} rendered, {} unchanged); {} written of {}{cleaned}",
                crate::report::count(s.cases, "case"),
                s.elapsed.as_secs_f64(),
                s.rendered,
                s.skipped,
                s.written,
                crate::report::count(s.files, "file"),
            ));
        }
    }
    outcome
}
