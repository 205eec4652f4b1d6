//! A layout cache kept between builds (issue 6: `watch` rebuilds without re-shaping
//! and re-breaking the paragraphs that did not change).
//!
//! An entry is a body paragraph shaped with its line-break state ([`Para`]: the
//! shaped paragraph, its per-measure breakers and its span memo), keyed by all that
//! determines it: the runs (text, face, size) and the [`CompositionStyle`]. A shaped
//! paragraph is a pure function of those and of the faces, so a cached entry gives
//! the bytes a fresh one would. Faces are named by [`FontId`], which only means one
//! face within one [`FontBook`](crate::text::FontBook): a cache belongs to one book
//! and must be [cleared](LayoutCache::clear) when the book is replaced.

use super::flow::Para;
use crate::text::{CompositionStyle, FontId, Run};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Shaped body paragraphs kept from build to build, shared by the threads of one build.
///
/// Each build ([`layout_issue_with`](super::layout_issue_with)) is one generation;
/// entries not used by the last two builds are dropped when a build ends, so the cache
/// holds about two issues' paragraphs however long an issue is edited (the one before
/// is kept so that undoing an edit finds its paragraphs again).
#[derive(Default)]
pub struct LayoutCache {
    entries: Mutex<Entries>,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// The entries and the generation now being built.
#[derive(Default)]
struct Entries {
    generation: u64,
    map: HashMap<Key, Entry>,
}

struct Entry {
    para: Arc<Para>,
    /// Generation of the last build that used it.
    used: u64,
}

/// What determines a shaped paragraph: its runs and its composition style. Compared
/// in full (sizes by their bits, the style field by field).
struct Key {
    runs: Vec<(String, FontId, u32)>,
    style: CompositionStyle,
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.runs == other.runs && style_bits_eq(&self.style, &other.style)
    }
}

impl Eq for Key {}

impl Hash for Key {
    /// The runs and the em; the rest of the style is compared, not hashed (one issue
    /// has few styles).
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.runs.hash(state);
        self.style.em_pt.to_bits().hash(state);
    }
}

/// Styles equal field by field, and equal in their em's bits (so that `Eq` is
/// consistent with `Hash` even for −0.0 and NaN).
fn style_bits_eq(a: &CompositionStyle, b: &CompositionStyle) -> bool {
    a.em_pt.to_bits() == b.em_pt.to_bits() && a == b
}

impl Key {
    fn new(runs: &[Run], style: &CompositionStyle) -> Key {
        Key {
            runs: runs
                .iter()
                .map(|r| (r.text.clone(), r.font, r.size_pt.to_bits()))
                .collect(),
            style: style.clone(),
        }
    }
}

impl LayoutCache {
    /// An empty cache.
    pub fn new() -> LayoutCache {
        LayoutCache::default()
    }

    /// Paragraphs held.
    pub fn len(&self) -> usize {
        self.entries().map.len()
    }

    /// True when it holds no paragraph.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Paragraphs found in the cache since it was made (hits).
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// Paragraphs shaped because the cache did not hold them (misses).
    pub fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }

    /// Forgets every paragraph (the faces' [`FontId`]s may now mean other faces).
    pub fn clear(&self) {
        self.entries().map.clear();
    }

    fn entries(&self) -> MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts a build: entries used from now on are marked with a new generation.
    pub(crate) fn begin(&self) {
        self.entries().generation += 1;
    }

    /// Ends a build: drops the entries that neither it nor the build before used.
    pub(crate) fn end(&self) {
        let mut e = self.entries();
        let keep = e.generation.saturating_sub(1);
        e.map.retain(|_, entry| entry.used >= keep);
    }

    /// The paragraph of `runs` in `style`: the cached one, or `shape`'s (then cached).
    /// Shaping runs outside the lock, so threads shape in parallel; when two shape the
    /// same paragraph at once, the first one stored is used by both.
    pub(crate) fn para(
        &self,
        runs: &[Run],
        style: &CompositionStyle,
        shape: impl FnOnce() -> Para,
    ) -> Arc<Para> {
        let key = Key::new(runs, style);
        {
            let mut e = self.entries();
            let generation = e.generation;
            if let Some(entry) = e.map.get_mut(&key) {
                entry.used = generation;
                self.hits.fetch_add(1, Ordering::Relaxed);
                return entry.para.clone();
            }
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let para = Arc::new(shape());
        let mut e = self.entries();
        let used = e.generation;
        e.map
            .entry(key)
            .or_insert(Entry { para, used })
            .para
            .clone()
    }
}

impl std::fmt::Debug for LayoutCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayoutCache")
            .field("len", &self.len())
            .field("hits", &self.hits())
            .field("misses", &self.misses())
            .finish()
    }
}
