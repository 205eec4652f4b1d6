//! Progress reporting from the build driver: a callback the CLI turns into a
//! progress bar on a terminal (issue 5). The library never prints.

use std::fmt;
use std::sync::Arc;

/// The callback type: `(done, total, what)` after each rendered file.
pub type ProgressFn = dyn Fn(usize, usize, &str) + Send + Sync;

/// Called after each page (and the proof) is rendered; does nothing by default.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<ProgressFn>>);

impl Progress {
    /// A progress that calls `f(done, total, what)`.
    pub fn new(f: impl Fn(usize, usize, &str) + Send + Sync + 'static) -> Progress {
        Progress(Some(Arc::new(f)))
    }

    /// Reports that `done` of `total` steps are finished, the last being `what`.
    pub fn tick(&self, done: usize, total: usize, what: &str) {
        if let Some(f) = &self.0 {
            f(done, total, what);
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(callback)"
        } else {
            "Progress(none)"
        })
    }
}
