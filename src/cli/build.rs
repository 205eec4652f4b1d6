//! `paiban build` and `paiban check`: a thin shell over [`paiban::build`]. Prints the
//! diagnostics rustc-style, a short summary, and returns the exit code (0 ok, 1 build
//! problems or warnings under `--strict`, 2 invalid input).

use paiban::build::{run as run_build, BuildOptions, Outcome, Status};
use std::path::PathBuf;

/// Arguments of `paiban build` / `paiban check`.
#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The issue file (issue.toml).
    pub issue: PathBuf,
    /// Output folder (build only).
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Also write the report (report.json schema) to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Treat warnings (overset, low image resolution, …) as failures.
    #[arg(long)]
    pub strict: bool,
    /// Print the time of each stage (load, shape, break, compose, write PDF) to stderr.
    #[arg(long)]
    pub timings: bool,
}

/// Runs the command; `write` is false for `check`. Returns the exit code.
pub fn run(args: &BuildArgs, write: bool) -> i32 {
    let (progress, bar) = super::progress::bar();
    let opts = BuildOptions {
        output: write.then(|| args.output.clone()),
        report: args.report.clone(),
        strict: args.strict,
        timestamp: source_date_epoch(),
        progress,
    };
    if args.timings {
        paiban::timing::enable();
    }
    let outcome = run_build(&args.issue, &opts);
    bar.clear();
    for d in &outcome.diagnostics {
        eprintln!("{d}");
    }
    eprint!("{}", summary(&outcome, write, args.strict));
    if args.timings {
        eprint!("{}", outcome.timings);
    }
    outcome.status.code()
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds timestamp, when set.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

fn summary(o: &Outcome, write: bool, strict: bool) -> String {
    let mut s = String::new();
    let (errors, warnings) = o.counts();
    if let Some(issue) = &o.issue {
        s += &format!(
            "{} {}: {} pages; {}\n",
            issue.spec.paper,
            issue.spec.date_text,
            issue.spec.pages.len(),
            issue.layout.summary()
        );
    }
    if let Some(r) = &o.report {
        let over: Vec<String> = r
            .articles
            .iter()
            .filter(|a| a.overset_lines > 0)
            .map(|a| format!("`{}` {} lines", a.id, a.overset_lines))
            .collect();
        s += &format!("  {} articles", r.articles.len());
        if over.is_empty() {
            s += ", none overset\n";
        } else {
            s += &format!(", overset: {}\n", over.join(", "));
        }
    }
    for f in &o.files {
        let state = if o
            .written
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == f.name))
        {
            "wrote"
        } else if write {
            "not written"
        } else {
            "checked"
        };
        s += &format!(
            "  {state} {} ({} pages, {} KiB)\n",
            f.name,
            f.pages.len(),
            f.size.div_ceil(1024)
        );
    }
    let verdict = match o.status {
        Status::Ok => "ok",
        Status::Failed if errors == 0 && strict => "failed (warnings under --strict)",
        Status::Failed => "failed",
        Status::Invalid => "invalid input, nothing written",
    };
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("1 {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    s += &format!(
        "{}: {}, {}\n",
        verdict,
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    s
}
