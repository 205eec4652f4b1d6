//! The build driver: issue file → resolved issue → laid-out pages → PDF bytes →
//! files, manifest and report. No printing and no process exit here; the CLI
//! (`src/cli/build.rs`) prints and picks the exit code.

pub mod preview;
mod progress;
mod report;
mod timings;
pub mod watch;

pub use progress::{Progress, ProgressFn};
pub use report::{
    Manifest, ManifestFile, Report, ReportArticle, ReportCopyfit, ReportDiagnostic, ReportPage,
};
pub use timings::Timings;

use crate::config::{load_issue, Issue};
use crate::diag::{Diagnostic, Severity};
use crate::layout::{layout_issue, LayoutOutput, PageFrame};
use crate::render::{
    commit_files, stage_file, write_file_atomic, write_files_atomic, DocInfo, EmbeddedFonts,
    IssuePlan, PaintedPage, RenderShared, StagedFile,
};
use crate::text::FontBook;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Write the PDFs, manifest and report into this folder (`None` for `check`).
    pub output: Option<PathBuf>,
    /// Also write the report here (`build` and `check`).
    pub report: Option<PathBuf>,
    /// Any warning fails the build.
    pub strict: bool,
    /// PDF creation time, seconds since the epoch (`SOURCE_DATE_EPOCH`); `None` uses the
    /// issue date at midnight UTC.
    pub timestamp: Option<i64>,
    /// Told after each rendered file (the CLI's progress bar).
    pub progress: Progress,
}

/// How the run ended, as the CLI's exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything built (warnings allowed unless strict): exit 0.
    Ok,
    /// Build problems: errors, warnings under `--strict`, or unwritable output: exit 1.
    Failed,
    /// Invalid input (TOML syntax or schema, unreadable files): exit 2, nothing written.
    Invalid,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> i32 {
        match self {
            Status::Ok => 0,
            Status::Failed => 1,
            Status::Invalid => 2,
        }
    }
}

/// One rendered file.
#[derive(Clone, Debug)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: String,
    /// `page` or `proof`.
    pub kind: &'static str,
    /// Pages it holds (page names).
    pub pages: Vec<String>,
    /// The PDF, in memory until written; empty when `build` with an output folder
    /// wrote it to its temporary file as soon as it was rendered (issue 6: a 100-page
    /// issue does not hold all its PDFs at once). `size` and `sha256` always hold.
    pub bytes: Vec<u8>,
    /// Size of the PDF in bytes.
    pub size: usize,
    /// SHA-256 of the PDF (the manifest's).
    pub sha256: [u8; 32],
}

impl OutputFile {
    /// A rendered file, hashed once.
    pub fn new(name: String, kind: &'static str, pages: Vec<String>, bytes: Vec<u8>) -> Self {
        use sha2::Digest;
        OutputFile {
            name,
            kind,
            pages,
            size: bytes.len(),
            sha256: sha2::Sha256::digest(&bytes).into(),
            bytes,
        }
    }
}

/// Files written to temporary files in the output folder while rendering (in file
/// order), waiting to be renamed into place; or the first that could not be written.
/// `None`: the files are in memory.
type Staging = Option<Result<Vec<StagedFile>, (PathBuf, std::io::Error)>>;

/// What a run produced.
#[derive(Debug)]
pub struct Outcome {
    /// The issue, when it resolved.
    pub issue: Option<Issue>,
    /// Every diagnostic of the run, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The report (also when nothing was written).
    pub report: Option<Report>,
    /// Rendered files (page PDFs, then the proof).
    pub files: Vec<OutputFile>,
    /// Files actually written, with their paths.
    pub written: Vec<PathBuf>,
    /// The result.
    pub status: Status,
    /// Time per stage (`paiban build --timings`).
    pub timings: Timings,
}

impl Outcome {
    fn invalid(diagnostics: Vec<Diagnostic>) -> Outcome {
        Outcome {
            issue: None,
            diagnostics,
            report: None,
            files: vec![],
            written: vec![],
            status: Status::Invalid,
            timings: Timings::default(),
        }
    }

    /// Counts of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let n = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        (n(Severity::Error), n(Severity::Warning))
    }
}

/// Runs `build` (with `output`) or `check` (without).
#[expect(
    clippy::result_large_err,
    reason = "Diagnostic is the error type of every stage; the render stage returns it as the rest of the crate does"
)]
pub fn run(issue_path: &Path, opts: &BuildOptions) -> Outcome {
    let mut clock = timings::Clock::start();
    let mut t = Timings::default();
    let mut diagnostics = vec![];
    // config + content: the issue, its layout (fonts loaded once), pages, articles.
    let mut fonts = FontBook::new();
    let issue = load_issue(issue_path, &mut fonts, &mut diagnostics);
    t.load = clock.lap();
    t.peak_mib[0] = timings::peak_mib();
    let Some(issue) = issue.filter(|_| !diagnostics.iter().any(|d| d.severity == Severity::Error))
    else {
        return Outcome::invalid(diagnostics);
    };
    // layout: blocks on the grid → page frames, fits, diagnostics; meanwhile the output
    // profile is read, parsed and compressed for the render stage.
    let (laid, shared) = rayon::join(
        || layout_issue(&issue.spec, &fonts),
        || RenderShared::new(&issue.layout.print),
    );
    t.layout = clock.lap();
    t.peak_mib[1] = timings::peak_mib();
    diagnostics.extend(laid.diagnostics.iter().cloned());
    // render: every page to its own PDF, then the combined proof; with an output folder
    // each file goes to its temporary file there as soon as it is rendered.
    let stage_dir = opts
        .output
        .as_deref()
        .filter(|d| std::fs::create_dir_all(d).is_ok());
    let (files, staging) = match shared {
        Ok(shared) => render_all(
            &issue,
            &laid,
            &fonts,
            &shared,
            opts,
            stage_dir,
            &mut diagnostics,
        ),
        Err(d) => {
            push_once(&mut diagnostics, d);
            (vec![], None)
        }
    };
    t.render = clock.lap();
    t.peak_mib[2] = timings::peak_mib();
    let report = Report::new(&issue, &laid, &files, &diagnostics);
    let mut outcome = Outcome {
        issue: None,
        diagnostics,
        report: Some(report),
        files,
        written: vec![],
        status: Status::Ok,
        timings: Timings::default(),
    };
    // write: the PDFs and the manifest all or none, then the report. A failed build
    // (errors, or warnings under --strict) leaves the previous PDFs as they were.
    let (errors, warnings) = outcome.counts();
    let failed = errors > 0 || (opts.strict && warnings > 0);
    if let Some(dir) = &opts.output {
        write_outputs(dir, &issue, &mut outcome, staging, !failed);
    }
    if let Some(path) = &opts.report {
        write_report_only(path, &mut outcome);
    }
    let (errors, warnings) = outcome.counts();
    if errors > 0 || (opts.strict && warnings > 0) {
        outcome.status = Status::Failed;
    }
    t.write = clock.lap();
    t.peak_mib[3] = timings::peak_mib();
    outcome.issue = Some(issue);
    drop(laid);
    clock.finish(&mut t);
    outcome.timings = t;
    outcome
}

pub(crate) fn doc_info(issue: &Issue, what: &str, opts: &BuildOptions) -> DocInfo {
    DocInfo {
        title: format!("{} {} {what}", issue.spec.paper, issue.spec.date_text),
        timestamp: opts.timestamp.unwrap_or_else(|| issue.date.timestamp()),
    }
}

/// Renders every page to its own PDF and all pages to the proof, in parallel, from one
/// issue-wide plan: the pages are painted once (while the faces are subset) and their
/// content streams shared by their files and the proof (the longest job, so first);
/// files and diagnostics come out in issue order.
#[expect(
    clippy::result_large_err,
    reason = "Diagnostic is the error type of every stage; the render stage returns it as the rest of the crate does"
)]
fn render_all(
    issue: &Issue,
    laid: &LayoutOutput,
    fonts: &FontBook,
    shared: &RenderShared,
    opts: &BuildOptions,
    stage_dir: Option<&Path>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<OutputFile>, Staging) {
    let frames: Vec<&PageFrame> = laid.pages.iter().collect();
    let plan = shared.plan(&frames, fonts);
    let (embedded, painted) = rayon::join(
        || plan.embed(fonts),
        || {
            frames
                .par_iter()
                .map(|f| shared.paint(&plan, f))
                .collect::<Vec<_>>()
        },
    );
    let r = IssueRender {
        issue,
        opts,
        shared,
        plan: &plan,
        fonts: &embedded,
    };
    let jobs: Vec<Option<usize>> = std::iter::once(None)
        .chain((0..frames.len()).map(Some))
        .collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<_> = jobs
        .par_iter()
        .map(|job| {
            let file = match job {
                Some(i) => match &painted[*i] {
                    Ok(p) => r.page_file(*i, frames[*i], p),
                    Err(d) => Err(d.clone()),
                },
                None => r.proof_file(&frames, &painted),
            };
            file.map(|f| stage(f, stage_dir))
        })
        .inspect(|_| {
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            opts.progress.tick(n, jobs.len(), "");
        })
        .collect();
    let proof = results.remove(0);
    let (mut files, mut staged) = (vec![], vec![]);
    for (r, p) in results.into_iter().zip(&painted) {
        match r {
            Ok((f, s)) => {
                diags.extend(p.iter().flat_map(|p| p.notes().iter().cloned()));
                files.push(f);
                staged.extend(s);
            }
            Err(d) => push_once(diags, d),
        }
    }
    // The proof's notes repeat the pages' (same images): only its failure is reported.
    match proof {
        Ok((f, s)) => {
            files.push(f);
            staged.extend(s);
        }
        Err(d) => push_once(diags, d),
    }
    let staging = stage_dir.map(|_| staged.into_iter().collect());
    (files, staging)
}

/// A file written to its temporary file, or the path that could not be written and why.
type Staged = Result<StagedFile, (PathBuf, std::io::Error)>;

/// Writes `f` to its temporary file in `dir` (and drops its bytes), when there is one.
fn stage(mut f: OutputFile, dir: Option<&Path>) -> (OutputFile, Option<Staged>) {
    let Some(dir) = dir else { return (f, None) };
    let path = dir.join(&f.name);
    let staged = stage_file(&path, &f.bytes).map_err(|e| (path, e));
    if staged.is_ok() {
        f.bytes = Vec::new();
    }
    (f, Some(staged))
}

/// What writing one file of the issue needs (build and watch).
pub(crate) struct IssueRender<'a> {
    pub issue: &'a Issue,
    pub opts: &'a BuildOptions,
    pub shared: &'a RenderShared,
    pub plan: &'a IssuePlan,
    pub fonts: &'a EmbeddedFonts,
}

#[expect(
    clippy::result_large_err,
    reason = "Diagnostic is the error type of every stage; the render stage returns it as the rest of the crate does"
)]
impl IssueRender<'_> {
    /// Page `pi` as its own PDF.
    pub(crate) fn page_file(
        &self,
        pi: usize,
        frame: &PageFrame,
        painted: &PaintedPage,
    ) -> Result<OutputFile, Diagnostic> {
        let page = &self.issue.spec.pages[pi];
        let what = format!("第{}版 {}", page.number, page.section);
        let info = doc_info(self.issue, what.trim(), self.opts);
        let bytes = self
            .shared
            .write_file(self.plan, self.fonts, &[(frame, painted)], &info)?;
        let name = self.issue.page_file_name(&frame.name);
        Ok(OutputFile::new(
            name,
            "page",
            vec![frame.name.clone()],
            bytes,
        ))
    }

    /// The combined proof of all pages (the first page that failed to paint fails it).
    pub(crate) fn proof_file<P: std::borrow::Borrow<PaintedPage>>(
        &self,
        frames: &[&PageFrame],
        painted: &[Result<P, Diagnostic>],
    ) -> Result<OutputFile, Diagnostic> {
        let pairs = frames
            .iter()
            .zip(painted)
            .map(|(f, p)| p.as_ref().map(|p| (*f, p.borrow())).map_err(Clone::clone))
            .collect::<Result<Vec<_>, _>>()?;
        let info = doc_info(self.issue, "proof", self.opts);
        let bytes = self
            .shared
            .write_file(self.plan, self.fonts, &pairs, &info)?;
        let pages = frames.iter().map(|p| p.name.clone()).collect();
        Ok(OutputFile::new(
            self.issue.proof_file_name(),
            "proof",
            pages,
            bytes,
        ))
    }
}

/// Adds `d` unless the same problem was already reported (one missing profile fails
/// every page and the proof alike).
pub(crate) fn push_once(diags: &mut Vec<Diagnostic>, d: Diagnostic) {
    if !diags.contains(&d) {
        diags.push(d);
    }
}

pub(crate) fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "E0410",
        format!(
            "cannot write `{}`: {}",
            path.display(),
            crate::config::source::io_reason(e)
        ),
    )
    .in_file(path)
    .hint("check that the output folder is writable and the disk has room")
}

/// Writes the report, and (when `pdfs`) the PDFs and manifest first, all or none: the
/// staged PDFs are renamed into place with the manifest, or (not `pdfs`, or a file
/// that could not be staged) all removed.
fn write_outputs(dir: &Path, issue: &Issue, out: &mut Outcome, staging: Staging, pdfs: bool) {
    if let Err(e) = std::fs::create_dir_all(dir) {
        out.diagnostics.push(write_error(dir, &e));
        refresh_report(out);
        return;
    }
    if pdfs {
        let manifest = Manifest::new(issue, &out.files).to_json();
        let manifest_path = dir.join("manifest.json");
        let mut paths: Vec<PathBuf> = out.files.iter().map(|f| dir.join(&f.name)).collect();
        let result = match staging {
            None => {
                let mut batch: Vec<(PathBuf, &[u8])> = out
                    .files
                    .iter()
                    .map(|f| (dir.join(&f.name), &f.bytes[..]))
                    .collect();
                batch.push((manifest_path.clone(), manifest.as_bytes()));
                write_files_atomic(&batch)
            }
            Some(staged) => staged.and_then(|mut staged| {
                let m = stage_file(&manifest_path, manifest.as_bytes());
                staged.push(m.map_err(|e| (manifest_path.clone(), e))?);
                commit_files(staged)
            }),
        };
        paths.push(manifest_path);
        match result {
            Ok(()) => out.written.extend(paths),
            Err((path, e)) => out.diagnostics.push(
                write_error(&path, &e)
                    .hint("no file was replaced: the previous pages stay as they were"),
            ),
        }
    }
    refresh_report(out);
    write_report_only(&dir.join("report.json"), out);
}

/// Rebuilds the report's diagnostics after writing added some.
fn refresh_report(out: &mut Outcome) {
    if let Some(r) = &mut out.report {
        r.set_diagnostics(&out.diagnostics);
    }
}

fn write_report_only(path: &Path, out: &mut Outcome) {
    let Some(report) = &out.report else { return };
    let json = report.to_json();
    match write_file_atomic(path, json.as_bytes()) {
        Ok(()) => out.written.push(path.to_owned()),
        Err(e) => {
            out.diagnostics.push(write_error(path, &e));
            refresh_report(out);
        }
    }
}
