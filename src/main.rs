//! The `paiban` binary.

use clap::{Parser, Subcommand};

/// mimalloc: 6–11 % less wall time than glibc's malloc on the benchmark issues (issue 6,
/// bench/RESULTS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "cli/mod.rs"]
mod cli;

/// paiban (排版): Chinese newspaper pages to print-ready PDF.
#[derive(Parser, Debug)]
#[command(name = "paiban", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Set a text file's paragraphs as one justified body column and print the lines.
    Lines(cli::lines::LinesArgs),
    /// Build an issue: one PDF per page, a proof, a manifest and a report.
    Build(cli::build::BuildArgs),
    /// Everything `build` does except writing files.
    Check(cli::build::BuildArgs),
    /// Build in memory and write one PNG per page (overset marked) and a contact sheet.
    Preview(cli::preview::PreviewArgs),
    /// Build, then rebuild the pages a saved change affects.
    Watch(cli::watch::WatchArgs),
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match &cli.command {
        Command::Lines(args) => cli::lines::run(args),
        Command::Build(args) => cli::build::run(args, true),
        Command::Check(args) => cli::build::run(args, false),
        Command::Preview(args) => cli::preview::run(args),
        Command::Watch(args) => cli::watch::run(args),
    };
    std::process::exit(code);
}
