//! `casefile new`: a case folder with a valid starter `case.yaml`.

use std::path::PathBuf;

use super::Outcome;
use crate::config::NewConfig;
use crate::error::Error;
use crate::load;
use crate::render::OutFile;
use crate::report::Reporter;
use crate::write::{self, Output};

/// The starter cases `casefile new` writes, one per built-in forum. Each validates and
/// renders as it is (a test loads every one).
pub const STARTERS: &[(&str, &str)] = &[
    ("cofc", include_str!("../starters/cofc.yaml")),
    ("gao", include_str!("../starters/gao.yaml")),
    ("agency", include_str!("../starters/agency.yaml")),
];
/// The text the starters quote.
pub const STARTER_SOURCE: &str = include_str!("../starters/example-order.txt");

pub fn run(cfg: &NewConfig, reporter: &Reporter) -> Outcome {
    let slug = &cfg.slug;
    if !load::valid_slug(slug) {
        return Outcome::failed(Error::BadSlug {
            slug: slug.clone(),
            path: None,
        });
    }
    let Some((_, starter)) = STARTERS.iter().find(|(f, _)| *f == cfg.forum) else {
        return Outcome::failed(Error::Usage {
            message: format!(
                "no starter for forum `{}`: `casefile new` has starters for {}; start from \
                 the closest and change `case.forum`",
                cfg.forum,
                STARTERS
                    .iter()
                    .map(|(f, _)| *f)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    };
    let dir = cfg.cases.join(slug);
    if std::fs::symlink_metadata(&dir).is_ok() {
        return Outcome::failed(Error::AlreadyExists { path: dir });
    }
    let files = [
        OutFile {
            path: PathBuf::from(slug).join(load::CASE_FILE),
            bytes: starter.as_bytes().to_vec(),
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
