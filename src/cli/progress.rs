//! The build's progress bar (issue 5): on a terminal only — stderr is a TTY and `CI`
//! is unset — and only for issues of more than one page; silent in pipes and CI.

use indicatif::{ProgressBar, ProgressStyle};
use paiban::build::Progress;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

/// True when a progress bar may be drawn.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// A progress callback drawing an indicatif bar, and a handle to clear it; a silent
/// one when [`wanted`] is false.
pub fn bar() -> (Progress, Finish) {
    if !wanted() {
        return (Progress::default(), Finish(None));
    }
    let slot: Arc<Mutex<Option<ProgressBar>>> = Arc::default();
    let inner = slot.clone();
    let progress = Progress::new(move |done, total, _what| {
        let Ok(mut guard) = inner.lock() else { return };
        // `total` counts the page PDFs and the proof: two pages or more.
        if total < 3 {
            return;
        }
        let pb = guard.get_or_insert_with(|| {
            let pb = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("  rendering {bar:30} {pos}/{len} files")
            {
                pb.set_style(style);
            }
            pb
        });
        pb.set_position(done as u64);
    });
    (progress, Finish(Some(slot)))
}

/// Clears the bar (before the diagnostics and summary are printed).
pub struct Finish(Option<Arc<Mutex<Option<ProgressBar>>>>);

impl Finish {
    /// Removes the bar from the terminal.
    pub fn clear(&self) {
        if let Some(pb) = self.0.as_ref().and_then(|s| s.lock().ok()?.take()) {
            pb.finish_and_clear();
        }
    }
}
