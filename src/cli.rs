//! The command line as typed: clap derive types, parsed once in `main` and turned into a
//! validated [`crate::config::Config`]. Each flag is declared on the commands that use it.

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

/// The most threads `--jobs` accepts.
pub const MAX_JOBS: u16 = 256;

/// Assemble bid-protest case files: YAML case data in, cited and cite-checked
/// Markdown and HTML briefs, deposition outlines, chronologies and exhibit lists out.
#[derive(Debug, Parser)]
#[command(name = "casefile", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub print: PrintArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// How casefile talks: every command prints diagnostics.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// How diagnostics and reports are printed.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print errors only: no warnings, summaries or progress.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// Where the cases are.
#[derive(Debug, Args)]
pub struct CasesArg {
    /// Folder holding one sub-folder per case.
    #[arg(long, default_value = "cases", value_name = "DIR")]
    pub cases: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render cases into the output folder (all cases unless some are named).
    Build(BuildArgs),
    /// Load, validate and cite-check cases; print the cite-check report.
    Check(CheckArgs),
    /// Create a new case folder with a valid starter `case.yaml`.
    New(NewArgs),
    /// List the cases with their court, docket and status.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Case folder names under the cases folder.
    #[arg(value_name = "CASE")]
    pub names: Vec<String>,
    #[command(flatten)]
    pub cases: CasesArg,
    /// Folder whose templates override the built-in ones by path.
    #[arg(long, default_value = "templates", value_name = "DIR")]
    pub templates: PathBuf,
    /// Folder the rendered site is written to.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Render in memory and list files that differ from the output folder; write nothing.
    #[arg(long)]
    pub check: bool,
    /// Threads to use, 1 to 256 (default: one per core). Output is the same for any number.
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_JOBS)))]
    pub jobs: Option<u16>,
    /// Build only the i-th of n deterministic slices of the cases (e.g. `2/8`), for
    /// spreading a corpus over machines; the shards' outputs union to the full build.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<crate::config::Shard>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case folder names under the cases folder.
    #[arg(value_name = "CASE")]
    pub names: Vec<String>,
    #[command(flatten)]
    pub cases: CasesArg,
    /// Fail on excerpts that cannot be verified, not only on mismatches.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Folder name: lowercase letters, digits and dashes.
    pub slug: String,
    #[command(flatten)]
    pub cases: CasesArg,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub cases: CasesArg,
}
