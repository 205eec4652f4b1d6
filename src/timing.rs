//! Stage timers for `paiban build --timings` (issue 6): CPU time spent shaping and
//! breaking lines, summed over every thread. Off unless [`enable`] was called, so the
//! hot paths pay one relaxed atomic load. Timings never reach the output files.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

static ON: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];
static CALLS: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

/// What a timer counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counter {
    /// Shaping paragraphs (rustybuzz, classes, widths).
    Shape = 0,
    /// Line breaking (total fit) and placing the glyphs of the lines.
    Break = 1,
    /// Setting articles as a whole (shaping and breaking included).
    Layout = 2,
}

/// Turns the counters on and zeroes them.
pub fn enable() {
    for n in NANOS.iter().chain(&CALLS) {
        n.store(0, Ordering::Relaxed);
    }
    ON.store(true, Ordering::Relaxed);
}

/// Runs `f`, adding its duration to `counter` when timing is on.
#[inline]
pub fn time<T>(counter: Counter, f: impl FnOnce() -> T) -> T {
    if !ON.load(Ordering::Relaxed) {
        return f();
    }
    let t = Instant::now();
    let out = f();
    NANOS[counter as usize].fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    CALLS[counter as usize].fetch_add(1, Ordering::Relaxed);
    out
}

/// The time counted so far (CPU time over all threads).
pub fn total(counter: Counter) -> Duration {
    Duration::from_nanos(NANOS[counter as usize].load(Ordering::Relaxed))
}

/// How many timed calls `counter` has seen.
pub fn calls(counter: Counter) -> u64 {
    CALLS[counter as usize].load(Ordering::Relaxed)
}
