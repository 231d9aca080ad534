//! Raw flags become a validated [`Config`] once, here; nothing after this reads `cli`.
//! Defaults are resolved (`--jobs` to the machine's cores), flags are combined into modes,
//! and the folders a command touches are named in one place.

use std::path::PathBuf;

use crate::cli::{Cli, Command};
use crate::report::Reporter;

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
}

#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub cases: PathBuf,
    pub names: Vec<String>,
    pub strict: bool,
}

#[derive(Debug, Clone)]
pub struct NewConfig {
    pub cases: PathBuf,
    pub slug: String,
}

#[derive(Debug, Clone)]
pub struct ListConfig {
    pub cases: PathBuf,
}

/// One command, ready to run.
#[derive(Debug, Clone)]
pub enum Task {
    Build(BuildConfig),
    Check(CheckConfig),
    New(NewConfig),
    List(ListConfig),
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
        let task = match cli.command {
            Command::Build(b) => Task::Build(BuildConfig {
                cases: b.cases.cases,
                templates: b.templates,
                output: b.output,
                names: b.names,
                mode: if b.check { Mode::Check } else { Mode::Write },
                jobs: b.jobs.map_or_else(default_jobs, usize::from),
                shard: b.shard,
            }),
            Command::Check(c) => Task::Check(CheckConfig {
                cases: c.cases.cases,
                names: c.names,
                strict: c.strict,
            }),
            Command::New(n) => Task::New(NewConfig {
                cases: n.cases.cases,
                slug: n.slug,
            }),
            Command::List(l) => Task::List(ListConfig {
                cases: l.cases.cases,
            }),
        };
        Config { reporter, task }
    }
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
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
