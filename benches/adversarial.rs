//! Adversarial scaling benchmark (not a test): inputs built to make a stage do more than
//! linear work, each grown tenfold. Run with `cargo bench --bench adversarial`;
//! `benches/run.sh` records the table in BENCHMARKS.md.
//!
//! - ellipses: a quotation with many omissions against a long, repetitive source, whose
//!   last words are absent, so every alignment of every omission must be ruled out;
//! - error flood: one case file with thousands of dangling references, loaded from disk,
//!   validated, and every diagnostic rendered with its snippet (the file is read once);
//! - citation flood: one brief body with thousands of citations of unknown ids.
//!
//! A linear stage shows a ratio near 10 for a tenfold input; the old recursive matcher
//! and a per-error re-read of the file were quadratic or worse.

// Test and benchmark code may panic on broken fixtures: that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::time::{Duration, Instant};

use casefile::quote::{Pinpoint, Prepared, Relax, check};
use casefile::report::{Diagnostic, Snippets, render};

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

const SENTENCE: &str = "The court held that the agency acted within its discretion when it \
    evaluated the proposals, and the court said that the record supports the award. ";

fn ellipses(source_sentences: usize, omissions: usize) -> Duration {
    let text = SENTENCE.repeat(source_sentences);
    let src = Prepared::new(&text);
    let runs: Vec<&str> = [
        "the court held that",
        "the agency acted",
        "the record supports",
    ]
    .iter()
    .copied()
    .cycle()
    .take(omissions)
    .collect();
    let quote = format!("{} . . . words that are absent", runs.join(" . . . "));
    best_of(3, || {
        let st = check(&src, &quote, Pinpoint::default(), Relax::default());
        assert!(st.is_failure() || matches!(st, casefile::quote::Status::Unverifiable { .. }));
    })
}

const HEAD: &str = "case: {title: T v. U, short_title: T, court: C, docket: No. 1, forum: cofc, protest_type: post_award, status: pending}\nparties: [{id: p, name: P, role: plaintiff}]\npeople: [{id: official, name: A. Official}]\nsources: [{id: s, kind: other, title: S}]\n";

fn case_dir(name: &str, yaml: &str) -> tempfile::TempDir {
    let d = tempfile::Builder::new()
        .prefix("casefile-adv-")
        .tempdir()
        .unwrap();
    let c = d.path().join(name);
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(c.join("case.yaml"), yaml).unwrap();
    d
}

/// Load, validate (or resolve) and render every diagnostic, as `casefile check` does.
fn diagnose(dir: &Path) -> usize {
    let errors = match casefile::pipeline::process(dir, casefile::load::builtin_forums()) {
        Ok(_) => panic!("the flood must fail"),
        Err(e) => e,
    };
    let mut snippets = Snippets::default();
    let mut bytes = 0;
    for d in Diagnostic::errors(&errors.0) {
        bytes += render(&d, &mut snippets).len();
    }
    assert!(errors.0.len() > 100);
    bytes
}

fn error_flood(n: usize) -> Duration {
    let mut yaml = HEAD.to_string();
    yaml.push_str("excerpts:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  - {{id: q{i}, source: s, quote: x, concerns: [oficial-{i}]}}\n"
        ));
    }
    let d = case_dir("flood", &yaml);
    let dir = d.path().join("flood");
    best_of(3, || {
        diagnose(&dir);
    })
}

fn citation_flood(n: usize) -> Duration {
    let mut body = String::new();
    for i in 0..n {
        body.push_str(&format!("Claim {i} [see @nowhere-{i}, {i}]. "));
    }
    let yaml = format!(
        "{HEAD}brief:\n  title: B\n  filed_by: p\n  sections:\n    - id: a\n      heading: A\n      body: {}\n",
        serde_json::to_string(&body).unwrap()
    );
    let d = case_dir("cites", &yaml);
    let dir = d.path().join("cites");
    best_of(3, || {
        diagnose(&dir);
    })
}

fn row(what: &str, small: &str, big: &str, a: Duration, b: Duration) {
    println!(
        "| {what} | {small}: {:.3} s | {big}: {:.3} s | {:.1}x |",
        a.as_secs_f64(),
        b.as_secs_f64(),
        b.as_secs_f64() / a.as_secs_f64().max(1e-9)
    );
}

fn main() {
    println!("| adversarial input, grown 10x | before | after | ratio |");
    println!("|---|---:|---:|---:|");
    row(
        "quotation with omissions: source length",
        "20,000 sentences (3.1 MB)",
        "200,000 sentences (31 MB)",
        ellipses(20_000, 6),
        ellipses(200_000, 6),
    );
    row(
        "quotation with omissions: number of omissions",
        "20 omissions",
        "200 omissions",
        ellipses(20_000, 20),
        ellipses(20_000, 200),
    );
    row(
        "error flood: dangling references in one file",
        "2,000",
        "20,000",
        error_flood(2_000),
        error_flood(20_000),
    );
    row(
        "citation flood: unknown citations in one body",
        "2,000",
        "20,000",
        citation_flood(2_000),
        citation_flood(20_000),
    );
}
