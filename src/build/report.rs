//! `report.json` (issue 5's stable schema) and `manifest.json`.

use super::OutputFile;
use crate::config::units::PT_PER_MM;
use crate::config::Issue;
use crate::diag::{Diagnostic, Severity};
use crate::layout::LayoutOutput;
use rayon::prelude::*;
use serde::Serialize;

/// The build report: pages, how each article fitted, every diagnostic.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Report {
    /// The issue: paper name and date, e.g. `闽南日报 2022-10-31`.
    pub issue: String,
    /// Pages in issue order.
    pub pages: Vec<ReportPage>,
    /// One entry per article.
    pub articles: Vec<ReportArticle>,
    /// Every copyfit change, in article order (empty unless a block has `copyfit = true`).
    pub copyfit: Vec<ReportCopyfit>,
    /// Every diagnostic of the run.
    pub diagnostics: Vec<ReportDiagnostic>,
}

/// A page and its PDF file.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReportPage {
    /// Page name, e.g. `A01`.
    pub name: String,
    /// The page's PDF file name (inside the output folder).
    pub file: String,
}

/// How an article fitted.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReportArticle {
    /// Article id.
    pub id: String,
    /// Page of its last part.
    pub page: String,
    /// Body lines that did not fit.
    pub overset_lines: u32,
    /// Characters in those lines.
    pub overset_chars: u32,
    /// Free lines in its last block.
    pub underset_lines: u32,
}

/// One copyfit change and what it did to the article's fit.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReportCopyfit {
    /// Article id.
    pub article: String,
    /// Page of the block changed.
    pub page: String,
    /// What changed, e.g. `photo 1 shortened by 2 lines`.
    pub change: String,
    /// Overset lines before the change.
    pub overset_before: u32,
    /// Overset lines after it.
    pub overset_after: u32,
    /// Free lines in the block before the change.
    pub underset_before: u32,
    /// Free lines after it.
    pub underset_after: u32,
}

/// A diagnostic as the report lists it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReportDiagnostic {
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// Stable code, e.g. `W0201`.
    pub code: String,
    /// The message.
    pub message: String,
    /// File, when known.
    pub file: Option<String>,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column (characters), when known.
    pub column: Option<u32>,
}

impl From<&Diagnostic> for ReportDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        let file = d.location.as_ref().map(|l| &l.file).or(d.file.as_ref());
        ReportDiagnostic {
            severity: d.severity,
            code: d.code.to_owned(),
            message: d.message.clone(),
            file: file.map(|f| f.display().to_string()),
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().map(|l| l.column),
        }
    }
}

impl Report {
    /// The report of a run.
    pub fn new(
        issue: &Issue,
        laid: &LayoutOutput,
        _files: &[OutputFile],
        diags: &[Diagnostic],
    ) -> Report {
        let pages = issue
            .spec
            .pages
            .iter()
            .map(|p| ReportPage {
                name: p.name.clone(),
                file: issue.page_file_name(&p.name),
            })
            .collect();
        let articles = laid
            .fits
            .iter()
            .map(|f| ReportArticle {
                id: f.id.clone(),
                page: f.page.clone(),
                overset_lines: f.overset_lines,
                overset_chars: f.overset_chars,
                underset_lines: f.underset_lines,
            })
            .collect();
        let copyfit = laid
            .fits
            .iter()
            .flat_map(|f| &f.copyfit)
            .map(|c| ReportCopyfit {
                article: c.article.clone(),
                page: c.page.clone(),
                change: c.change.clone(),
                overset_before: c.overset_before,
                overset_after: c.overset_after,
                underset_before: c.underset_before,
                underset_after: c.underset_after,
            })
            .collect();
        let mut r = Report {
            issue: format!("{} {}", issue.spec.paper, issue.date),
            pages,
            articles,
            copyfit,
            diagnostics: vec![],
        };
        r.set_diagnostics(diags);
        r
    }

    /// Replaces the diagnostics.
    pub fn set_diagnostics(&mut self, diags: &[Diagnostic]) {
        self.diagnostics = diags.iter().map(ReportDiagnostic::from).collect();
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .map(|s| s + "\n")
            .unwrap_or_default()
    }
}

/// `manifest.json`: what the build wrote, for the print shop's intake.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Manifest {
    /// As in the report.
    pub issue: String,
    /// Every PDF written.
    pub files: Vec<ManifestFile>,
}

/// One PDF file.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ManifestFile {
    /// File name inside the output folder.
    pub file: String,
    /// `page` or `proof`.
    pub kind: &'static str,
    /// Page names it holds.
    pub pages: Vec<String>,
    /// Trim size in mm, width and height.
    pub trim_mm: [f64; 2],
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
}

impl Manifest {
    /// The manifest of rendered files.
    pub fn new(issue: &Issue, files: &[OutputFile]) -> Manifest {
        let g = &issue.layout.geometry;
        let mm = |pt: f32| (f64::from(pt) / PT_PER_MM * 10.0).round() / 10.0;
        let files = files
            .par_iter()
            .map(|f| ManifestFile {
                file: f.name.clone(),
                kind: f.kind,
                pages: f.pages.clone(),
                trim_mm: [mm(g.width), mm(g.height)],
                bytes: f.size,
                sha256: f.sha256.iter().map(|b| format!("{b:02x}")).collect(),
            })
            .collect();
        Manifest {
            issue: format!("{} {}", issue.spec.paper, issue.date),
            files,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .map(|s| s + "\n")
            .unwrap_or_default()
    }
}
