//! The command line: parse arguments once into a [`Cli`], then hand it to [`crate::app`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::Format;

const EXAMPLES: &str = "\
Examples:
  casefile build                 render every case in cases/ into output/
  casefile build jedi-protest    render one case (and the site index)
  casefile build --check         exit 1 if output/ is stale; write nothing
  casefile build --jobs 1        one thread (the output is identical)
  casefile build --shard 2/8     the second of eight slices of the corpus
  casefile check --strict        cite-check every excerpt; unverifiable ones fail too
  casefile check --format json   the same report as JSON
  casefile new gao-b-123456      start a new case from a valid skeleton
  casefile list                  the cases and their status

Exit codes: 0 success, 1 errors found or output stale, 2 usage error.";

/// Assemble bid-protest case files: YAML case data in, cited and cite-checked
/// Markdown and HTML briefs, deposition outlines, chronologies and exhibit lists out.
#[derive(Debug, Parser)]
#[command(name = "casefile", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Folder holding one sub-folder per case.
    #[arg(long, global = true, default_value = "cases", value_name = "DIR")]
    pub cases: PathBuf,
    /// Folder whose templates override the built-in ones by name.
    #[arg(long, global = true, default_value = "templates", value_name = "DIR")]
    pub templates: PathBuf,
    /// Folder the rendered site is written to.
    #[arg(long, global = true, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// How diagnostics and reports are printed.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print errors only.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render cases into the output folder (all cases unless some are named).
    Build {
        /// Case folder names under the cases folder.
        #[arg(value_name = "CASE")]
        names: Vec<String>,
        /// Render in memory and list files that differ from the output folder; write nothing.
        #[arg(long)]
        check: bool,
        /// Threads to use (default: one per core). Output is the same for any number.
        #[arg(long, short, value_name = "N")]
        jobs: Option<usize>,
        /// Build only the i-th of n deterministic slices of the cases (e.g. `2/8`), for
        /// spreading a corpus over machines; the shards' outputs union to the full build.
        #[arg(long, value_name = "I/N")]
        shard: Option<crate::batch::Shard>,
    },
    /// Load, validate and cite-check cases; print the cite-check report.
    Check {
        #[arg(value_name = "CASE")]
        names: Vec<String>,
        /// Fail on excerpts that cannot be verified, not only on mismatches.
        #[arg(long)]
        strict: bool,
    },
    /// Create a new case folder with a valid starter `case.yaml`.
    New {
        /// Folder name: lowercase letters, digits and dashes.
        slug: String,
    },
    /// List the cases with their court, docket and status.
    List,
}
