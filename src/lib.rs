//! casefile: bid-protest case files from YAML data.
//!
//! # Architecture (one screen)
//!
//! A pipeline, data flowing one way:
//!
//! ```text
//! cli → config → commands/* → load → validate → resolve/* → lint → render → write
//! ```
//!
//! | module      | does                                                               |
//! |-------------|--------------------------------------------------------------------|
//! | `cli`       | the command line (clap derive); each flag on the commands using it |
//! | `config`    | raw flags → one validated `Config` (folders, jobs, shard, mode, formats) |
//! | `commands`  | one module per command (`build`, `check`, `new`, `list`; `live`: `watch` and `serve`; `tools`: completions, man, schema, templates export); only `main` calls it |
//! | `batch`     | `build`: parallel (exactly `--jobs` threads), incremental, sharded, two-phase |
//! | `pipeline`  | one case through load → validate → resolve                         |
//! | `fs`        | every read: regular files only, bounded, no links out, no loops    |
//! | `load`      | finds cases, parses YAML into `model` (budgets, no duplicate keys) |
//! | `model`     | strict serde types for `case.yaml`, with `Spanned` locations       |
//! | `forum`     | forum profiles (data: caption, party roles, document kinds), embedded and overridable |
//! | `validate`  | every data rule, a named function each (ids, references, citations, dates) |
//! | `quote`     | the cite-check engine: normalize and index a source, match quotations |
//! | `citecheck` | the cite-check of a case: statuses, errors, the report's view       |
//! | `cite`      | the citation engine: syntax, Bluebook forms, short forms, the prose of a body |
//! | `resolve`   | one builder per page (documents, toa, exhibits, record, …), composed |
//! | `seal`      | protected spans: the plain, sealed and public texts, the leak scan |
//! | `lint`      | rules over the rendered case (Bluebook form, signatures, provenance) |
//! | `pages`     | the page map: every output path, anchor and link                   |
//! | `view`      | the documented structs templates see                               |
//! | `markdown`  | the Markdown dialect; the one place case Markdown is made safe     |
//! | `timeline`  | the chronology as an inline, escaped SVG                           |
//! | `render`    | templates (embedded, overridden by path) × formats × editions      |
//! | `docx`      | a document's Markdown as WordprocessingML (styles, TA/TOA/TOC fields) |
//! | `guard`     | output, time and memory budgets for template renders               |
//! | `write`     | the resolved output folder, OS lock, journaled staging, commit     |
//! | `manifest`  | the incremental cache, checked against each output file            |
//! | `error`     | the one error enum: a variant and a code per rule, with locations  |
//! | `report`    | the only module that prints: diagnostics as data, snippets, colour, JSON |

pub mod batch;
pub mod cite;
pub mod citecheck;
pub mod cli;
pub mod commands;
pub mod config;
pub mod docx;
pub mod error;
pub mod forum;
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
pub mod seal;
pub mod timeline;
pub mod validate;
pub mod view;
pub mod write;

/// Every allocation goes through the system allocator; while a template renders, what it
/// allocates is counted against its budget (see [`guard`]).
#[global_allocator]
static ALLOCATOR: guard::Counting = guard::Counting;
