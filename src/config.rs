//! Raw flags become a validated [`Config`] once, here; nothing after this reads `cli`.
//! Defaults are resolved (`--jobs` to the machine's cores), flags are combined into modes,
//! and the folders a command touches are named in one place.

use std::path::PathBuf;

pub use crate::cli::Shard;
use crate::cli::{Cli, Command};
use crate::render::{Edition, OutputFormat};
use crate::report::Reporter;

/// What `build` does with what it renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write changed files into the output folder.
    Write,
    /// Compare with the output folder; write nothing.
    Check,
}

#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub cases: PathBuf,
    pub templates: PathBuf,
    pub output: PathBuf,
    pub names: Vec<String>,
    pub mode: Mode,
    /// Threads, resolved (never 0).
    pub jobs: usize,
    pub shard: Option<Shard>,
    /// The formats every page is written in (never empty).
    pub formats: Vec<OutputFormat>,
    /// The Markdown the `.md` files are written in.
    pub markdown: crate::markdown::Flavor,
    /// The editions every case is rendered in (never empty).
    pub editions: Vec<Edition>,
}

#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub cases: PathBuf,
    pub templates: PathBuf,
    pub names: Vec<String>,
    pub strict: bool,
}

#[derive(Debug, Clone)]
pub struct NewConfig {
    pub cases: PathBuf,
    pub templates: PathBuf,
    pub slug: String,
    pub forum: String,
}

#[derive(Debug, Clone)]
pub struct ListConfig {
    pub cases: PathBuf,
    pub templates: PathBuf,
}

/// One command, ready to run.
#[derive(Debug, Clone)]
pub enum Task {
    Build(BuildConfig),
    Check(CheckConfig),
    New(NewConfig),
    List(ListConfig),
    /// Build, then rebuild on every change; with a port, serve the site too.
    Live(BuildConfig, Option<u16>),
    /// Print a completion script.
    Completions(clap_complete::Shell),
    /// Print the man page, or write the pages into a folder.
    Man(Option<PathBuf>),
    /// Print the case file's JSON Schema.
    Schema,
    /// Copy the built-in templates into a folder.
    ExportTemplates(PathBuf),
}

/// Everything a run needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub reporter: Reporter,
    pub task: Task,
}

impl Config {
    pub fn from_cli(cli: Cli) -> Config {
        let reporter = Reporter::new(cli.print.format, cli.print.quiet);
        // One switch for every stream casefile writes through `anstream` (auto: a terminal,
        // `NO_COLOR` unset; `CLICOLOR_FORCE` forces it).
        let choice = match cli.print.color {
            crate::cli::ColorWhen::Auto => anstream::ColorChoice::Auto,
            crate::cli::ColorWhen::Always => anstream::ColorChoice::Always,
            crate::cli::ColorWhen::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
        let task = match cli.command {
            Command::Build(b) => Task::Build(BuildConfig {
                cases: b.cases.cases,
                templates: b.cases.templates,
                output: b.output,
                names: b.names,
                mode: if b.check { Mode::Check } else { Mode::Write },
                jobs: b.jobs.map_or_else(default_jobs, usize::from),
                shard: b.shard,
                formats: formats(b.formats),
                markdown: b.markdown,
                editions: Edition::ALL.to_vec(),
            }),
            Command::Check(c) => Task::Check(CheckConfig {
                cases: c.cases.cases,
                templates: c.cases.templates,
                names: c.names,
                strict: c.strict,
            }),
            Command::New(n) => Task::New(NewConfig {
                cases: n.cases.cases,
                templates: n.cases.templates,
                slug: n.slug,
                forum: n.forum,
            }),
            Command::List(l) => Task::List(ListConfig {
                cases: l.cases.cases,
                templates: l.cases.templates,
            }),
            Command::Watch(w) => Task::Live(live(w), None),
            Command::Serve(s) => Task::Live(live(s.live), Some(s.port)),
            Command::Completions { shell } => Task::Completions(shell),
            Command::Man { output } => Task::Man(output),
            Command::Schema => Task::Schema,
            Command::Templates {
                action: crate::cli::TemplatesAction::Export { dir },
            } => Task::ExportTemplates(dir),
        };
        Config { reporter, task }
    }
}

/// What `watch` and `serve` build: every case, every format and edition, written.
fn live(a: crate::cli::LiveArgs) -> BuildConfig {
    BuildConfig {
        cases: a.cases.cases,
        templates: a.cases.templates,
        output: a.output,
        names: Vec::new(),
        mode: Mode::Write,
        jobs: a.jobs.map_or_else(default_jobs, usize::from),
        shard: None,
        formats: OutputFormat::ALL.to_vec(),
        markdown: a.markdown,
        editions: Edition::ALL.to_vec(),
    }
}

/// The formats asked for, each once, in the canonical order; all when none was named.
fn formats(asked: Vec<OutputFormat>) -> Vec<OutputFormat> {
    if asked.is_empty() {
        return OutputFormat::ALL.to_vec();
    }
    OutputFormat::ALL
        .into_iter()
        .filter(|f| asked.contains(f))
        .collect()
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_beyond_the_limit_are_a_usage_error() {
        use clap::Parser;
        let e = Cli::try_parse_from(["casefile", "build", "--jobs", "100000"]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(Cli::try_parse_from(["casefile", "build", "--jobs", "0"]).is_err());
        let c = Config::from_cli(Cli::try_parse_from(["casefile", "build", "-j", "1"]).unwrap());
        assert!(matches!(c.task, Task::Build(BuildConfig { jobs: 1, .. })));
    }
}
