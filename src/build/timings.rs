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
        writeln!(f, "  load       {:8.1}", ms(self.load))?;
        writeln!(f, "  layout     {:8.1}", ms(self.layout))?;
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
        writeln!(f, "  write-pdf  {:8.1}", ms(self.render))?;
        writeln!(f, "  write      {:8.1}", ms(self.write))?;
        writeln!(f, "  total      {:8.1}", ms(self.total))
    }
}
