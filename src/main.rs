use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    casefile::app::run(casefile::cli::Cli::parse())
}
