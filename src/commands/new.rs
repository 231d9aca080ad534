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

/// The comment that tells an editor's YAML language server which schema a file follows.
const MODELINE: &str = "# yaml-language-server: $schema=";

/// The modeline for a new case, and the schema file to write beside the cases when the
/// project has none: a repository like this one keeps it in `docs/`; elsewhere casefile
/// puts a copy at `<cases>/case.schema.json` (once; an existing copy is left alone).
fn schema_for(cases: &std::path::Path) -> (String, Option<OutFile>) {
    let in_docs = cases
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                p
            }
        })
        .map(|p| p.join("docs/case.schema.json"));
    if in_docs.is_some_and(|p| p.is_file()) {
        return (format!("{MODELINE}../../docs/case.schema.json"), None);
    }
    let copy = cases.join("case.schema.json");
    let file = (!copy.exists()).then(|| OutFile {
        path: PathBuf::from("case.schema.json"),
        bytes: super::tools::SCHEMA.as_bytes().to_vec(),
    });
    (format!("{MODELINE}../case.schema.json"), file)
}

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
    let (modeline, schema) = schema_for(&cfg.cases);
    let text = match starter.split_once('\n') {
        Some((first, rest)) if first.starts_with(MODELINE) => format!("{modeline}\n{rest}"),
        _ => format!("{modeline}\n{starter}"),
    };
    let mut files = vec![
        OutFile {
            path: PathBuf::from(slug).join(load::CASE_FILE),
            bytes: text.into_bytes(),
        },
        OutFile {
            path: PathBuf::from(slug).join("sources/example-order.txt"),
            bytes: STARTER_SOURCE.as_bytes().to_vec(),
        },
    ];
    files.extend(schema);
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
