//! The commands around the pipeline: shell completions, the man page, the schema, and
//! copying the built-in templates out for editing.

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::error::Error;
use crate::render::OutFile;
use crate::report::Reporter;
use crate::write::{self, Output};

/// The JSON Schema of `case.yaml`, as published in `docs/`.
pub const SCHEMA: &str = include_str!("../../docs/case.schema.json");

/// `casefile completions SHELL`: the script on stdout.
pub fn completions(shell: clap_complete::Shell, reporter: &Reporter) -> Outcome {
    let mut cmd = crate::cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "casefile", &mut out);
    reporter.stdout(&String::from_utf8_lossy(&out));
    Outcome::default()
}

/// `casefile man`: the page on stdout, or every command's page written into a folder.
pub fn man(dir: Option<&Path>, reporter: &Reporter) -> Outcome {
    let cmd = crate::cli::command();
    match dir {
        None => {
            let mut out = Vec::new();
            if let Err(source) = clap_mangen::Man::new(cmd).render(&mut out) {
                return Outcome::failed(Error::Write {
                    path: PathBuf::from("-"),
                    source,
                });
            }
            reporter.stdout(&String::from_utf8_lossy(&out));
        }
        Some(dir) => {
            let mut cmd = cmd.disable_help_subcommand(true);
            // Built, every subcommand knows its display name (`casefile-build`).
            cmd.build();
            let mut files = Vec::new();
            page(cmd, &mut files);
            if let Err(e) = write_into(dir, &files) {
                return Outcome::failed(e);
            }
            reporter.info(&format!(
                "wrote {} manual pages into {}",
                files.len(),
                dir.display()
            ));
        }
    }
    Outcome::default()
}

/// A command's page (`casefile-build.1`) and its subcommands', depth first.
fn page(cmd: clap::Command, files: &mut Vec<OutFile>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        page(sub, files);
    }
    let man = clap_mangen::Man::new(cmd);
    let mut bytes = Vec::new();
    if man.render(&mut bytes).is_ok() {
        files.push(OutFile {
            path: PathBuf::from(man.get_filename()),
            bytes,
        });
    }
}

/// `casefile schema`: the schema on stdout.
pub fn schema(reporter: &Reporter) -> Outcome {
    reporter.stdout(SCHEMA);
    Outcome::default()
}

/// `casefile templates export DIR`: every built-in template and forum profile, at the
/// path a user's copy overrides it from. Refuses, writing nothing, if any file is there.
pub fn export_templates(dir: &Path, reporter: &Reporter) -> Outcome {
    let mut files: Vec<OutFile> = crate::render::BUILTIN
        .iter()
        .map(|(name, text)| OutFile {
            path: PathBuf::from(name),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    files.push(OutFile {
        path: PathBuf::from("style.css"),
        bytes: crate::render::STYLE.as_bytes().to_vec(),
    });
    files.extend(crate::forum::BUILTIN.iter().map(|(id, text)| OutFile {
        path: PathBuf::from("forums").join(format!("{id}.yaml")),
        bytes: text.as_bytes().to_vec(),
    }));
    if let Some(f) = files
        .iter()
        .find(|f| std::fs::symlink_metadata(dir.join(&f.path)).is_ok())
    {
        return Outcome::failed(Error::AlreadyExists {
            path: dir.join(&f.path),
        });
    }
    if let Err(e) = write_into(dir, &files) {
        return Outcome::failed(e);
    }
    reporter.info(&format!(
        "wrote {} templates into {}: edit any of them, delete the rest (a deleted file falls \
         back to the built-in one)",
        files.len(),
        dir.display()
    ));
    Outcome::default()
}

/// Write `files` into `dir`, creating it if need be; a folder this call created is removed
/// again if the write fails, so a failure leaves nothing behind.
fn write_into(dir: &Path, files: &[OutFile]) -> Result<(), Error> {
    let created = !dir.exists();
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let written = Output::resolve(dir, &[]).and_then(|o| write::write_all(&o, files));
    if written.is_err() && created {
        let _ = std::fs::remove_dir_all(dir);
    }
    written.map(|_| ())
}
