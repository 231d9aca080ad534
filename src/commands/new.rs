//! `casefile new`: a case folder with a valid starter `case.yaml`.

use std::path::PathBuf;

use super::Outcome;
use crate::config::NewConfig;
use crate::error::Error;
use crate::load;
use crate::render::OutFile;
use crate::report::Reporter;
use crate::write::{self, Output};

/// The starter case `casefile new` writes. It validates and renders as it is.
const STARTER: &str = include_str!("../starter.yaml");
const STARTER_SOURCE: &str = include_str!("../starter-source.txt");

pub fn run(cfg: &NewConfig, reporter: &Reporter) -> Outcome {
    let slug = &cfg.slug;
    if !load::valid_slug(slug) {
        return Outcome::failed(Error::BadSlug {
            slug: slug.clone(),
            path: None,
        });
    }
    let dir = cfg.cases.join(slug);
    if std::fs::symlink_metadata(&dir).is_ok() {
        return Outcome::failed(Error::AlreadyExists { path: dir });
    }
    let files = [
        OutFile {
            path: PathBuf::from(slug).join(load::CASE_FILE),
            bytes: STARTER.as_bytes().to_vec(),
        },
        OutFile {
            path: PathBuf::from(slug).join("sources/example-order.txt"),
            bytes: STARTER_SOURCE.as_bytes().to_vec(),
        },
    ];
    let written = Output::resolve(&cfg.cases, &[]).and_then(|out| write::write_all(&out, &files));
    if let Err(e) = written {
        return Outcome::failed(e);
    }
    reporter.info(&format!(
        "created {}: edit case.yaml, then run `casefile build {slug}`",
        dir.display()
    ));
    Outcome::default()
}
