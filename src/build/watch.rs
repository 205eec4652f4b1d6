//! `paiban watch`: incremental rebuilds. A [`Watcher`] keeps the last good build (page
//! frames, page PDFs, what each page depends on) and, after a change, lays the whole
//! issue out again (taking the unchanged body paragraphs, shaped and with their line
//! breaks, from a [`LayoutCache`]) but renders and rewrites only the pages the change
//! affects, then the proof, manifest and report. A bad edit leaves the old files as they were.
//!
//! A page is affected when a file it depends on changed (its page file, the articles
//! it places and their photos, its photo blocks' images: an article continued across
//! pages is a dependency of each of them) or when its laid-out frame differs from the
//! last build's (a jump line's page number, …). A change to the issue, the layout,
//! a font or the output profile affects every page, and so does a change of the
//! issue's render plan (a glyph or image the issue did not use before, or no longer
//! uses): the subsets are issue-wide, so every file embeds them and every content
//! stream numbers its glyphs by them. Unaffected pages keep their painted content and
//! the last build's subsets, so a rebuild gives the bytes a clean build would.

use super::{
    push_once, write_error, BuildOptions, IssueRender, Manifest, OutputFile, Report, Status,
};
use crate::config::{load_issue, Issue};
use crate::diag::{Diagnostic, Severity};
use crate::layout::{layout_issue_with, Block, LayoutCache, PageFrame};
use crate::render::{write_file_atomic, EmbeddedFonts, IssuePlan, PaintedPage, RenderShared};
use crate::text::FontBook;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// What `watch` writes and how it judges a build.
#[derive(Clone, Debug, Default)]
pub struct WatchOptions {
    /// Output folder (PDFs, proof, manifest, report).
    pub output: PathBuf,
    /// Any warning fails a build (reported; watching goes on).
    pub strict: bool,
    /// PDF creation time, as [`BuildOptions::timestamp`].
    pub timestamp: Option<i64>,
}

/// The files a build read, by what they affect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deps {
    /// The issue, the layout, fonts, the output profile: every page.
    pub global: BTreeSet<PathBuf>,
    /// Per page (issue order): its page file, articles and images.
    pub pages: Vec<BTreeSet<PathBuf>>,
}

/// What one (re)build did.
#[derive(Debug)]
pub struct Rebuild {
    /// Pages whose PDF was rendered and written, in issue order.
    pub pages: Vec<String>,
    /// True when every page was rebuilt (first build, issue or layout change).
    pub all: bool,
    /// The files that had changed (empty on the first build).
    pub changed: Vec<PathBuf>,
    /// Every diagnostic of the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// As `build`: invalid input leaves the old files untouched.
    pub status: Status,
}

/// Size and modification time of a file (`None` when it cannot be read).
type Stamp = Option<(SystemTime, u64)>;

/// A page painted for the plan, or why it could not be.
type Painted = Result<Arc<PaintedPage>, Diagnostic>;

/// The last good build, kept for the next.
struct Last {
    frames: Vec<PageFrame>,
    files: Vec<Option<OutputFile>>,
    notes: Vec<Vec<Diagnostic>>,
    proof: Option<OutputFile>,
    deps: Deps,
    /// [`IssuePlan::key`] of its plan, its subsets and painted pages.
    plan_key: [u8; 32],
    fonts: Arc<EmbeddedFonts>,
    painted: Vec<Painted>,
}

/// Incremental builder of one issue.
pub struct Watcher {
    issue_path: PathBuf,
    opts: WatchOptions,
    fonts: FontBook,
    /// Shaped body paragraphs of the last builds, for `fonts` (cleared with them).
    cache: LayoutCache,
    /// The output profile and prepared images, kept until a global change (changed
    /// images are forgotten).
    shared: Option<RenderShared>,
    last: Option<Last>,
    stamps: BTreeMap<PathBuf, Stamp>,
}

fn stamp(p: &Path) -> Stamp {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl Watcher {
    /// A watcher that has built nothing yet.
    pub fn new(issue_path: &Path, opts: WatchOptions) -> Watcher {
        Watcher {
            issue_path: issue_path.to_owned(),
            opts,
            fonts: FontBook::new(),
            cache: LayoutCache::new(),
            shared: None,
            last: None,
            stamps: BTreeMap::new(),
        }
    }

    /// The layout cache kept between rebuilds (how many paragraphs it holds and found).
    pub fn layout_cache(&self) -> &LayoutCache {
        &self.cache
    }

    /// Every file watched: the last good build's dependencies and the issue file.
    pub fn watched(&self) -> BTreeSet<PathBuf> {
        let mut all = BTreeSet::from([self.issue_path.clone()]);
        if let Some(l) = &self.last {
            all.extend(l.deps.global.iter().cloned());
            all.extend(l.deps.pages.iter().flatten().cloned());
        }
        all.extend(self.stamps.keys().cloned());
        all
    }

    /// Watched files whose size or modification time changed since the last build.
    pub fn changed(&self) -> Vec<PathBuf> {
        self.watched()
            .into_iter()
            .filter(|p| self.stamps.get(p) != Some(&stamp(p)))
            .collect()
    }

    /// Size and modification time of every watched file now: a caller waits until two
    /// of these agree before building, so a file caught half-written is not read.
    pub fn fingerprint(&self) -> Vec<(PathBuf, Option<(SystemTime, u64)>)> {
        self.watched()
            .into_iter()
            .map(|p| {
                let s = stamp(&p);
                (p, s)
            })
            .collect()
    }

    /// Builds: everything the first time, afterwards the pages the changes affect.
    pub fn build(&mut self) -> Rebuild {
        let changed = if self.last.is_some() {
            self.changed()
        } else {
            vec![]
        };
        let snapshot: BTreeMap<PathBuf, Stamp> = self
            .watched()
            .into_iter()
            .map(|p| (p.clone(), stamp(&p)))
            .collect();
        let global = self.last.as_ref().is_none_or(|l| {
            changed
                .iter()
                .any(|p| *p == self.issue_path || l.deps.global.contains(p))
        });
        if global {
            self.fonts = FontBook::new();
            // FontIds of the new book may name other faces.
            self.cache.clear();
            self.shared = None;
        }
        let mut r = Rebuild {
            pages: vec![],
            all: false,
            changed,
            diagnostics: vec![],
            written: vec![],
            status: Status::Ok,
        };
        self.stamps = snapshot;
        let issue = load_issue(&self.issue_path, &mut self.fonts, &mut r.diagnostics);
        let bad = r.diagnostics.iter().any(|d| d.severity == Severity::Error);
        let Some(issue) = issue.filter(|_| !bad) else {
            r.status = Status::Invalid;
            return r;
        };
        self.rebuild(&issue, global, &mut r);
        r
    }

    #[expect(
        clippy::result_large_err,
        reason = "Diagnostic is the error type of every stage; the render stage returns it as the rest of the crate does"
    )]
    fn rebuild(&mut self, issue: &Issue, global: bool, r: &mut Rebuild) {
        let laid = layout_issue_with(&issue.spec, &self.fonts, &self.cache);
        r.diagnostics.extend(laid.diagnostics.iter().cloned());
        let deps = deps(&self.issue_path, issue, &self.fonts);
        for p in deps.global.iter().chain(deps.pages.iter().flatten()) {
            self.stamps.entry(p.clone()).or_insert_with(|| stamp(p));
        }
        let Some(kept) = self.take_shared(issue, r) else {
            r.status = Status::Failed;
            return;
        };
        let shared = &kept;
        let frames: Vec<&PageFrame> = laid.pages.iter().collect();
        let plan = shared.plan(&frames, &self.fonts);
        let last = self.last.take().filter(|l| {
            !global
                && l.plan_key == plan.key()
                && l.frames.len() == laid.pages.len()
                && l.frames
                    .iter()
                    .zip(&laid.pages)
                    .all(|(a, b)| a.name == b.name)
        });
        r.all = last.is_none();
        let changed: BTreeSet<&PathBuf> = r.changed.iter().collect();
        let todo: Vec<usize> = (0..laid.pages.len())
            .filter(|&pi| {
                last.as_ref().is_none_or(|l| {
                    l.frames[pi] != laid.pages[pi]
                        || deps.pages[pi].iter().any(|p| changed.contains(p))
                })
            })
            .collect();
        r.pages = todo.iter().map(|&pi| laid.pages[pi].name.clone()).collect();
        let (fonts, painted) = paint(&self.fonts, shared, &plan, &frames, &todo, last.as_ref());
        let opts = BuildOptions {
            timestamp: self.opts.timestamp,
            ..BuildOptions::default()
        };
        let ir = IssueRender {
            issue,
            opts: &opts,
            shared,
            plan: &plan,
            fonts: &fonts,
        };
        // The affected pages and the proof, in parallel (results in issue order).
        let (rendered, new_proof) = rayon::join(
            || {
                todo.par_iter()
                    .map(|&pi| page_file(&ir, pi, frames[pi], &painted[pi]))
                    .collect::<Vec<_>>()
            },
            || (last.is_none() || !todo.is_empty()).then(|| ir.proof_file(&frames, &painted)),
        );
        let mut rendered = todo.iter().copied().zip(rendered).peekable();
        let (mut files, mut notes) = (Vec::new(), Vec::new());
        for pi in 0..laid.pages.len() {
            let (file, page_notes) = match rendered.next_if(|(i, _)| *i == pi) {
                Some((_, done)) => done,
                None => match &last {
                    Some(l) => (l.files[pi].clone(), l.notes[pi].clone()),
                    None => (None, vec![]),
                },
            };
            files.push(file);
            notes.push(page_notes);
        }
        for n in notes.iter().flatten() {
            push_once(&mut r.diagnostics, n.clone());
        }
        let proof = match new_proof {
            None => last.as_ref().and_then(|l| l.proof.clone()),
            Some(Ok(f)) => Some(f),
            Some(Err(d)) => {
                push_once(&mut r.diagnostics, d);
                None
            }
        };
        let fresh_proof = last.is_none() || !r.pages.is_empty();
        let fresh: Vec<&OutputFile> = files
            .iter()
            .flatten()
            .filter(|f| f.pages.iter().any(|p| r.pages.contains(p)))
            .chain(proof.iter().filter(|_| fresh_proof))
            .collect();
        let all: Vec<OutputFile> = files
            .iter()
            .flatten()
            .chain(proof.iter())
            .cloned()
            .collect();
        self.write(issue, &laid, &fresh, &all, r);
        self.last = Some(Last {
            frames: laid.pages,
            files,
            notes,
            proof,
            deps,
            plan_key: plan.key(),
            fonts,
            painted,
        });
        self.shared = Some(kept);
    }

    /// The shared render parts: kept from the last build unless a global change dropped
    /// them, with the changed files' images forgotten. `None` (reported) when the
    /// output profile cannot be used; the last good build then stays.
    fn take_shared(&mut self, issue: &Issue, r: &mut Rebuild) -> Option<RenderShared> {
        if let Some(s) = self.shared.take() {
            s.forget(&r.changed);
            return Some(s);
        }
        match RenderShared::new(&issue.layout.print) {
            Ok(s) => Some(s),
            Err(d) => {
                r.diagnostics.push(d);
                None
            }
        }
    }

    /// Writes the rebuilt pages, the proof when rebuilt, the manifest and the report.
    fn write(
        &self,
        issue: &Issue,
        laid: &crate::layout::LayoutOutput,
        fresh: &[&OutputFile],
        all: &[OutputFile],
        r: &mut Rebuild,
    ) {
        let dir = &self.opts.output;
        if let Err(e) = std::fs::create_dir_all(dir) {
            r.diagnostics.push(write_error(dir, &e));
        }
        for f in fresh {
            put(&dir.join(&f.name), &f.bytes, r);
        }
        put(
            &dir.join("manifest.json"),
            Manifest::new(issue, all).to_json().as_bytes(),
            r,
        );
        let (errors, warnings) = count(&r.diagnostics);
        if errors > 0 || (self.opts.strict && warnings > 0) {
            r.status = Status::Failed;
        }
        let report = Report::new(issue, laid, all, &r.diagnostics);
        put(&dir.join("report.json"), report.to_json().as_bytes(), r);
    }
}

/// Page `pi` as its own PDF, and the notes rendering gave (or the failure).
#[expect(
    clippy::result_large_err,
    reason = "Diagnostic is the error type of every stage; the render stage returns it as the rest of the crate does"
)]
fn page_file(
    ir: &IssueRender,
    pi: usize,
    frame: &PageFrame,
    painted: &Painted,
) -> (Option<OutputFile>, Vec<Diagnostic>) {
    let file = painted
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|p| ir.page_file(pi, frame, p).map(|f| (f, p.notes().to_vec())));
    match file {
        Ok((f, notes)) => (Some(f), notes),
        Err(d) => (None, vec![d]),
    }
}

/// Paints the `todo` pages (while subsetting the faces, unless the plan is the last
/// build's) and keeps the others' painted pages from `last`.
#[expect(
    clippy::result_large_err,
    reason = "Diagnostic is the error type of every stage; the render stage returns it as the rest of the crate does"
)]
fn paint(
    book: &FontBook,
    shared: &RenderShared,
    plan: &IssuePlan,
    frames: &[&PageFrame],
    todo: &[usize],
    last: Option<&Last>,
) -> (Arc<EmbeddedFonts>, Vec<Painted>) {
    let (fonts, fresh) = rayon::join(
        || match last {
            Some(l) => l.fonts.clone(),
            None => Arc::new(plan.embed(book)),
        },
        || {
            todo.par_iter()
                .map(|&pi| shared.paint(plan, frames[pi]).map(Arc::new))
                .collect::<Vec<_>>()
        },
    );
    let mut fresh = todo.iter().copied().zip(fresh).peekable();
    let painted = (0..frames.len())
        .map(|pi| match fresh.next_if(|(i, _)| *i == pi) {
            Some((_, p)) => p,
            None => last
                .and_then(|l| l.painted.get(pi).cloned())
                .unwrap_or_else(|| shared.paint(plan, frames[pi]).map(Arc::new)),
        })
        .collect();
    (fonts, painted)
}

fn put(path: &Path, bytes: &[u8], r: &mut Rebuild) {
    match write_file_atomic(path, bytes) {
        Ok(()) => r.written.push(path.to_owned()),
        Err(e) => {
            r.diagnostics.push(write_error(path, &e));
            r.status = Status::Failed;
        }
    }
}

fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let n = |s| diags.iter().filter(|d| d.severity == s).count();
    (n(Severity::Error), n(Severity::Warning))
}

/// What each page of `issue` was built from.
pub fn deps(issue_path: &Path, issue: &Issue, fonts: &FontBook) -> Deps {
    let mut global = BTreeSet::from([issue_path.to_owned(), issue.layout.file.clone()]);
    global.extend(fonts.iter().map(|(_, f)| f.path.clone()));
    global.extend(issue.layout.print.output_profile.iter().cloned());
    let page_files = page_files(issue_path);
    let pages = issue
        .spec
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut set: BTreeSet<PathBuf> = page_files.get(i).cloned().into_iter().collect();
            for b in &page.blocks {
                match b {
                    Block::Article(a) => {
                        set.insert(a.article.file.clone());
                        set.extend(a.article.photos.iter().map(|p| p.path.clone()));
                        set.extend(a.source.iter().map(|l| l.file.clone()));
                    }
                    Block::Photo(p) => {
                        set.insert(p.photo.path.clone());
                        set.extend(p.source.iter().map(|l| l.file.clone()));
                    }
                }
            }
            set
        })
        .collect();
    Deps { global, pages }
}

/// The page files the issue lists, resolved against its folder (read again here: the
/// resolved issue does not keep them).
fn page_files(issue_path: &Path) -> Vec<PathBuf> {
    let dir = issue_path.parent().unwrap_or(Path::new(""));
    let Ok(text) = std::fs::read_to_string(issue_path) else {
        return vec![];
    };
    let Ok(value) = text.parse::<toml::Table>() else {
        return vec![];
    };
    value
        .get("pages")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str())
                .map(|s| dir.join(s))
                .collect()
        })
        .unwrap_or_default()
}
