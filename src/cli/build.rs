//! `paiban build` and `paiban check`.

/// Arguments of `paiban build` / `paiban check`.
#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The issue file (issue.toml).
    pub issue: std::path::PathBuf,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    pub output: std::path::PathBuf,
}

/// Runs the command; `write` is false for `check`. Returns the exit code.
pub fn run(args: &BuildArgs, write: bool) -> i32 {
    let _ = write;
    eprintln!("error: `build` is not built yet ({})", args.issue.display());
    2
}
