//! The parse floor: only parse every case's YAML into the case model, and only convert
//! every produced Markdown page to HTML with pulldown-cmark. A full build can be no
//! faster than this; `benches/run.sh` compares the two.
//!
//!     cargo run --release --example floor -- CASES_DIR OUTPUT_DIR

// A benchmark tool: it may panic on a broken corpus, and that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, ext, out);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(cases), Some(output)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor CASES_DIR OUTPUT_DIR");
        std::process::exit(2);
    };
    let mut yaml = Vec::new();
    files(Path::new(cases), "yaml", &mut yaml);
    let mut parsed = 0;
    for y in &yaml {
        let text = fs::read_to_string(y).unwrap_or_default();
        if casefile::load::parse_yaml::<casefile::model::CaseFile>(y, &text).is_ok() {
            parsed += 1;
        }
    }
    let mut md = Vec::new();
    files(Path::new(output), "md", &mut md);
    let mut bytes = 0;
    for m in &md {
        let text = fs::read_to_string(m).unwrap_or_default();
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(&text, casefile::markdown::options()),
        );
        bytes += html.len();
    }
    println!(
        "parsed {parsed}/{} YAML files, converted {} Markdown files ({bytes} bytes of HTML)",
        yaml.len(),
        md.len()
    );
}
