//! `paiban watch`: builds, then rebuilds the pages a saved change affects, printing
//! which pages and how long it took. A bad edit prints its diagnostics and watching
//! goes on (the old PDFs stay as they were).

use paiban::build::watch::{Rebuild, WatchOptions, Watcher};
use paiban::build::Status;
use paiban::diag::Severity;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Arguments of `paiban watch`.
#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    /// The issue file (issue.toml).
    pub issue: PathBuf,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Treat warnings as failures (reported; watching goes on).
    #[arg(long)]
    pub strict: bool,
    /// Poll interval in milliseconds.
    #[arg(long, default_value_t = 200, hide = true)]
    pub poll_ms: u64,
    /// Stop after this many builds, the first included (tests).
    #[arg(long, hide = true)]
    pub max_builds: Option<u32>,
}

/// Runs the command; returns the last build's exit code when `--max-builds` ends it.
pub fn run(args: &WatchArgs) -> i32 {
    let opts = WatchOptions {
        output: args.output.clone(),
        strict: args.strict,
        timestamp: super::build::source_date_epoch(),
    };
    let mut w = Watcher::new(&args.issue, opts);
    let mut builds = 0;
    loop {
        let t = Instant::now();
        let r = w.build();
        print(&r, t.elapsed());
        builds += 1;
        if args.max_builds.is_some_and(|m| builds >= m) {
            return r.status.code();
        }
        eprintln!("watching {} files (ctrl-c to stop)", w.watched().len());
        let poll = Duration::from_millis(args.poll_ms.max(10));
        while w.changed().is_empty() {
            std::thread::sleep(poll);
        }
        // Let the save finish: wait until the files stay as they are for one poll.
        let mut seen = w.fingerprint();
        loop {
            std::thread::sleep(poll);
            let now = w.fingerprint();
            if now == seen {
                break;
            }
            seen = now;
        }
    }
}

fn print(r: &Rebuild, took: Duration) {
    // Errors and warnings each time; notes (colour handling, copyfit) only counted:
    // they repeat on every rebuild and are all in report.json.
    let notes = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    for d in r
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
    {
        eprintln!("{d}");
    }
    if notes > 0 {
        eprintln!("{notes} notes (listed in report.json)");
    }
    for c in &r.changed {
        eprintln!("changed {}", c.display());
    }
    let ms = took.as_millis();
    match r.status {
        Status::Invalid => {
            eprintln!("invalid input, nothing written ({ms} ms); fix and save again")
        }
        _ if r.pages.is_empty() => {
            eprintln!("no page changed; wrote manifest and report ({ms} ms)")
        }
        s => {
            let all = if r.all { " (all pages)" } else { "" };
            let failed = if s == Status::Failed {
                " — failed"
            } else {
                ""
            };
            eprintln!(
                "rebuilt {}{all}, proof, manifest and report in {ms} ms{failed}",
                r.pages.join(", ")
            );
        }
    }
}
