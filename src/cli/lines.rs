//! `paiban lines`: sets a text file's paragraphs as one body column.

/// Arguments of `paiban lines`.
#[derive(clap::Args, Debug)]
pub struct LinesArgs {
    /// The text file: paragraphs separated by blank lines.
    pub file: std::path::PathBuf,
}

/// Runs the command; returns the exit code.
pub fn run(args: &LinesArgs) -> i32 {
    eprintln!("error: `lines` is not built yet ({})", args.file.display());
    2
}
