//! casefile: bid-protest case files from YAML data.
//!
//! # Architecture (one screen)
//!
//! A pipeline, data flowing one way:
//!
//! ```text
//!  cli → config → commands/* → load → validate → resolve → render → write
//!  args   validated  one per     YAML→   ids, refs,  cite-check, Tera→MD  journaled,
//!  (clap) once       command     model   dates       citations,  →HTML    atomic
//! ```
//!
//! | module      | does                                                            |
//! |-------------|-----------------------------------------------------------------|
//! | `cli`       | the command line (clap derive); each flag on the commands using it |
//! | `config`    | raw flags → one validated `Config` (folders, jobs, shard, mode) |
//! | `commands`  | one module per command; only `main` calls it                    |
//! | `batch`     | `build`: parallel (rayon), incremental, sharded, two-phase       |
//! | `pipeline`  | one case through load → validate → resolve                       |
//! | `manifest`  | the incremental build cache, checked against each output file    |
//! | `fs`        | every read: regular files only, bounded, no links out, no loops  |
//! | `model`     | strict serde types for `case.yaml`, with `Spanned` locations     |
//! | `load`      | finds cases, parses YAML (budgets, no duplicate keys), sources   |
//! | `validate`  | unique ids, references of the right kind, ordered dates          |
//! | `quote`     | the cite-check engine: normalise + index a source, match quotes  |
//! | `cite`      | citation syntax, Bluebook forms, *Id.*/short/*supra* state machine |
//! | `resolve`   | builds the views: citations, exhibits, TOC/TOA, cite-check       |
//! | `view`      | the serialisable structs templates see                           |
//! | `markdown`  | the Markdown dialect; the one boundary where case Markdown is made safe |
//! | `timeline`  | the chronology as an inline, escaped SVG                         |
//! | `render`    | embedded + user templates (Tera 2), pages and their HTML         |
//! | `guard`     | output, time and memory budgets for template renders             |
//! | `write`     | the resolved output folder, OS lock, staging journal, commit     |
//! | `error`     | the one error enum; every variant carries file:line:col          |
//! | `report`    | the only module that prints: diagnostics as data, snippets, JSON |
//!
//! Case data is never evaluated as a template: bodies are Markdown with `[@id]` citations,
//! made safe by `markdown::sanitize_body`, and every other value is escaped by the
//! template engine for the format it lands in.

pub mod batch;
pub mod cite;
pub mod citecheck;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod fs;
pub mod guard;
pub mod lint;
pub mod load;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod pages;
pub mod pipeline;
#[cfg(test)]
mod props;
pub mod quote;
pub mod render;
pub mod report;
pub mod resolve;
pub mod timeline;
pub mod validate;
pub mod view;
pub mod write;

/// Every allocation goes through the system allocator; while a template renders, what it
/// allocates is counted against its budget (see [`guard`]).
#[global_allocator]
static ALLOCATOR: guard::Counting = guard::Counting;
