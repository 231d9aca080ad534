//! casefile: bid-protest case files from YAML data.
//!
//! # Architecture (one screen)
//!
//! A pipeline, one module per stage, data flowing one way:
//!
//! ```text
//!  cli ──► app ──► load ──► validate ──► resolve ──► render ──► write
//!  args    runs    YAML→    ids, refs,   cite-check, Tera→MD   atomic,
//!  (clap)  stages  model    dates        citations,  →HTML     changed
//!                  +spans                TOA, views            files only
//! ```
//!
//! | module     | does                                                        | knows about        |
//! |------------|-------------------------------------------------------------|--------------------|
//! | `cli`      | the command line (clap derive), `--help` with examples      | nothing else       |
//! | `app`      | runs a command through the stages, collects every error     | all stages         |
//! | `batch`    | parallel (rayon), incremental (manifest), sharded builds    | app, render, write |
//! | `model`    | strict serde types for `case.yaml`, with `Spanned` locations| serde-saphyr       |
//! | `load`     | finds cases, parses YAML (budgets, no duplicate keys), reads source texts safely | model |
//! | `validate` | unique ids, references of the right kind, ordered dates     | model              |
//! | `quote`    | cite-check: normalise + index a source once, verify excerpts | nothing           |
//! | `cite`     | citation syntax, Bluebook forms, *Id.*/short/*supra* state machine | model       |
//! | `resolve`  | builds the views: citations, exhibits, TOC/TOA, cite-check  | cite, quote, view  |
//! | `view`     | the serialisable structs templates see                      | nothing            |
//! | `markdown` | the Markdown dialect: escaping, HTML neutralising, MD→HTML  | pulldown-cmark     |
//! | `timeline` | the chronology as an inline, escaped SVG                     | nothing            |
//! | `render`   | embedded + user templates (Tera 2), pages and their HTML    | view, markdown     |
//! | `write`    | lock, atomic temp+rename writes, stale check                | nothing            |
//! | `error`    | the one error enum; every variant carries file:line:col     | nothing            |
//! | `report`   | the only module that prints: snippets, carets, JSON         | error              |
//!
//! Case data is never evaluated as a template: bodies are Markdown with `[@id]` citations,
//! escaped into Markdown by `markdown::escape` and into HTML by Tera.

pub mod batch;
pub mod cite;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod fs;
pub mod guard;
pub mod load;
pub mod manifest;
pub mod markdown;
pub mod model;
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
