use std::process::ExitCode;

use casefile::{cli::Cli, commands, config::Config};
use clap::Parser;

fn main() -> ExitCode {
    commands::run(Config::from_cli(Cli::parse()))
}
