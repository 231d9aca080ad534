//! The command line as typed: clap derive types, parsed once in `main` and turned into a
//! validated `Config` (in `config`). Each flag is declared on the commands that use it.

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
  casefile check --strict        the filing standard: quotations a filing makes must be verified
  casefile check --format json   the same report as JSON
  casefile new gao-b-123456      start a new case from a valid skeleton
  casefile list                  the cases and their status
  casefile serve                 preview at http://127.0.0.1:3000/, reloading on change
  casefile templates export      copy the built-in templates out, to edit them
  casefile completions zsh       a completion script for your shell

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
    /// When to colour diagnostics: `auto` (on a terminal, unless `NO_COLOR` is set),
    /// `always` or `never`.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

/// When diagnostics are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Where the cases are.
#[derive(Debug, Args)]
pub struct CasesArg {
    /// Folder holding one sub-folder per case.
    #[arg(long, default_value = "cases", value_name = "DIR")]
    pub cases: PathBuf,
    /// Folder whose templates override the built-in ones by path (and whose `forums/`
    /// holds forum profiles).
    #[arg(long, default_value = "templates", value_name = "DIR")]
    pub templates: PathBuf,
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
    /// Build, then rebuild whenever a case, a source text or a template changes.
    Watch(LiveArgs),
    /// Build, serve the site on this machine (127.0.0.1) and reload open pages when a
    /// rebuild changes them.
    Serve(ServeArgs),
    /// Print a shell completion script (`casefile completions bash > casefile.bash`).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    Man {
        /// Write `casefile.1` and a page per command into this folder instead.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of `case.yaml` (what an editor validates and completes with).
    Schema,
    /// The built-in templates and forum profiles.
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

/// What `watch` and `serve` build.
#[derive(Debug, Args)]
pub struct LiveArgs {
    #[command(flatten)]
    pub cases: CasesArg,
    /// Folder the rendered site is written to.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Threads to use (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_JOBS)))]
    pub jobs: Option<u16>,
    /// The Markdown of the `.md` files, as for `build` (a site built with `gfm` is kept so).
    #[arg(long, value_name = "FLAVOR", value_enum, default_value = "pandoc")]
    pub markdown: crate::markdown::Flavor,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub live: LiveArgs,
    /// The port on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, default_value_t = 3000, value_name = "PORT")]
    pub port: u16,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Copy the built-in templates and forum profiles into DIR (default: `templates`), to
    /// edit: a file there overrides the built-in one of the same path. Nothing is written
    /// if any of the files already exists.
    Export {
        /// The folder to write into.
        #[arg(default_value = "templates", value_name = "DIR")]
        dir: PathBuf,
    },
}

/// The whole command line as clap sees it (for completions and the man page).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command()
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Case folder names under the cases folder.
    #[arg(value_name = "CASE")]
    pub names: Vec<String>,
    #[command(flatten)]
    pub cases: CasesArg,
    /// Folder the rendered site is written to.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Render in memory and list files that differ from the output folder; write nothing.
    #[arg(long)]
    pub check: bool,
    /// Threads to use, 1 to 256 (default: one per core). Output is the same for any number.
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_JOBS)))]
    pub jobs: Option<u16>,
    /// The Markdown of the `.md` files: `pandoc` (headings with `{#id}`) or `gfm`
    /// (GitHub: ids as `<a id>` anchors, so links work when read on GitHub).
    #[arg(long, value_name = "FLAVOR", value_enum, default_value = "pandoc")]
    pub markdown: crate::markdown::Flavor,
    /// The formats to write, e.g. `md` or `md,html` (default: all).
    #[arg(long, value_name = "FORMATS", value_delimiter = ',', value_enum)]
    pub formats: Vec<crate::render::OutputFormat>,
    /// Build only the i-th of n deterministic slices of the cases (e.g. `2/8`), for
    /// spreading a corpus over machines; the shards' outputs union to the full build.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
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
    /// The forum the case is before: `cofc`, `gao` or `agency` (the built-in profiles with
    /// a starter). The starter's caption, parties, signer and document follow it.
    #[arg(long, default_value = "cofc", value_name = "FORUM")]
    pub forum: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub cases: CasesArg,
}

/// `--shard i/n`: the i-th of n deterministic slices of the corpus (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) = s.split_once('/').ok_or("expected i/n, e.g. 2/8")?;
        let index: u32 = i
            .trim()
            .parse()
            .map_err(|_| format!("`{i}` is not a number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "shard {s} does not exist: use 1/{count} to {count}/{count}",
                count = count.max(1)
            ));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether a case belongs to this shard: FNV-1a of its folder name, so a case keeps
    /// its shard when others are added.
    pub fn contains(&self, slug: &str) -> bool {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in slug.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h % u64::from(self.count) == u64::from(self.index.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_corpus() {
        let slugs: Vec<String> = (0..500).map(|i| format!("case-{i}")).collect();
        let shards: Vec<Shard> = (1..=4).map(|i| Shard { index: i, count: 4 }).collect();
        for s in &slugs {
            assert_eq!(shards.iter().filter(|sh| sh.contains(s)).count(), 1, "{s}");
        }
        let sizes: Vec<usize> = shards
            .iter()
            .map(|sh| slugs.iter().filter(|s| sh.contains(s)).count())
            .collect();
        assert!(sizes.iter().all(|&n| n > 80), "{sizes:?}");
    }

    #[test]
    fn shard_syntax() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { index: 2, count: 8 }));
        assert!("0/8".parse::<Shard>().is_err());
        assert!("9/8".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }
}
