//! Stage times of one run, printed by `paiban build --timings` (issue 6).

use crate::timing::{calls, total, Counter};
use std::fmt;
use std::time::{Duration, Instant};

/// Wall time per stage, plus the CPU time (all threads) of shaping, line breaking and
/// the rest of composition inside layout. Shape and break are counted only after
/// [`crate::timing::enable`].
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Config, articles and fonts (wall).
    pub load: Duration,
    /// Layout of every page (wall).
    pub layout: Duration,
    /// Shaping (CPU, summed over threads).
    pub shape: Duration,
    /// Line breaking (CPU, summed over threads).
    pub breaking: Duration,
    /// Paragraphs shaped and line breaks computed (after the memo).
    pub counts: (u64, u64),
    /// Layout minus shaping and breaking (CPU, summed over threads).
    pub compose: Duration,
    /// PDF writing: paint, subset, compress, assemble (wall).
    pub render: Duration,
    /// Files, manifest (with SHA-256) and report (wall).
    pub write: Duration,
    /// The whole run (wall).
    pub total: Duration,
    /// Peak resident memory after load, layout, write-PDF and write, in MiB (Linux
    /// `VmHWM`; 0 where unknown).
    pub peak_mib: [f64; 4],
}

/// The process's peak resident set so far, MiB (Linux; 0 elsewhere).
pub(super) fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Splits a run into stages.
pub(super) struct Clock {
    start: Instant,
    last: Instant,
}

impl Clock {
    pub(super) fn start() -> Clock {
        let now = Instant::now();
        Clock {
            start: now,
            last: now,
        }
    }

    /// Time since the previous lap.
    pub(super) fn lap(&mut self) -> Duration {
        let now = Instant::now();
        let d = now - self.last;
        self.last = now;
        d
    }

    /// Fills in the CPU counters and the total.
    pub(super) fn finish(&self, t: &mut Timings) {
        t.shape = total(Counter::Shape);
        t.breaking = total(Counter::Break);
        t.counts = (calls(Counter::Shape), calls(Counter::Break));
        t.compose = total(Counter::Layout).saturating_sub(t.shape + t.breaking);
        t.total = self.start.elapsed();
    }
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        writeln!(f, "timings (ms, wall unless cpu = summed over threads):")?;
        let m = &self.peak_mib;
        writeln!(
            f,
            "  load       {:8.1}   (peak RSS {:.0} MiB)",
            ms(self.load),
            m[0]
        )?;
        writeln!(
            f,
            "  layout     {:8.1}   (peak RSS {:.0} MiB)",
            ms(self.layout),
            m[1]
        )?;
        writeln!(
            f,
            "    shape    {:8.1} cpu  ({} paragraphs)",
            ms(self.shape),
            self.counts.0
        )?;
        writeln!(
            f,
            "    break    {:8.1} cpu  ({} breaks)",
            ms(self.breaking),
            self.counts.1
        )?;
        writeln!(f, "    compose  {:8.1} cpu", ms(self.compose))?;
        writeln!(
            f,
            "  write-pdf  {:8.1}   (peak RSS {:.0} MiB)",
            ms(self.render),
            m[2]
        )?;
        writeln!(
            f,
            "  write      {:8.1}   (peak RSS {:.0} MiB)",
            ms(self.write),
            m[3]
        )?;
        writeln!(f, "  total      {:8.1}", ms(self.total))
    }
}
