//! `paiban preview`: one PNG per page with overset blocks marked, and a contact sheet.

use paiban::build::preview::{preview, PreviewOptions};
use std::path::PathBuf;

/// Arguments of `paiban preview`.
#[derive(clap::Args, Debug)]
pub struct PreviewArgs {
    /// The issue file (issue.toml).
    pub issue: PathBuf,
    /// Output folder for `<page>.png` and `contact.png`.
    #[arg(short, long, default_value = "preview")]
    pub output: PathBuf,
    /// Resolution of the page PNGs.
    #[arg(long, default_value_t = 72.0, value_parser = dpi)]
    pub dpi: f32,
}

fn dpi(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (10.0..=600.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a resolution from 10 to 600 dpi")),
    }
}

/// Runs the command; returns the exit code.
pub fn run(args: &PreviewArgs) -> i32 {
    let out = preview(
        &args.issue,
        &PreviewOptions {
            output: args.output.clone(),
            dpi: args.dpi,
        },
    );
    for d in &out.diagnostics {
        eprintln!("{d}");
    }
    for p in &out.written {
        eprintln!("  wrote {}", p.display());
    }
    if !out.marked.is_empty() {
        eprintln!("  overset marked on {}", out.marked.join(", "));
    }
    out.status.code()
}
