//! An issue file resolved: paper, date, output names, the layout and every page.

use super::date::Date;
use super::layout::{load_layout, Layout};
use super::page::load_page;
use super::raw::{RawIssue, V};
use super::read::{parse, Reader};
use super::schema::ISSUE;
use super::source::{did_you_mean, Source};
use crate::content::Article;
use crate::diag::Diagnostic;
use crate::layout::{IssueSpec, PageSpec};
use crate::text::FontBook;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The default output file-name template.
pub const DEFAULT_OUTPUT: &str = "<paper>-<date>-<page>.pdf";
/// Placeholders an output template may use.
pub const PLACEHOLDERS: &[&str] = &["paper", "date", "edition", "page", "version"];

/// A resolved issue: what layout gets, plus what the build needs to name and tag files.
#[derive(Clone, Debug)]
pub struct Issue {
    /// The issue file.
    pub file: PathBuf,
    /// Pages, styles and articles for the layout stage.
    pub spec: IssueSpec,
    /// The layout every page uses (grid, print options).
    pub layout: Layout,
    /// The issue date.
    pub date: Date,
    /// The paper's name in file names (`slug`, else the paper name).
    pub slug: String,
    /// `<version>` in file names.
    pub version: String,
    /// The output file-name template.
    pub output: String,
}

impl Issue {
    /// Expands the output template for one page.
    pub fn page_file_name(&self, page: &str) -> String {
        let mut s = self.output.clone();
        for (k, v) in [
            ("paper", self.slug.as_str()),
            ("date", &self.date.to_string()),
            ("edition", &self.spec.edition),
            ("page", page),
            ("version", &self.version),
        ] {
            s = s.replace(&format!("<{k}>"), v);
        }
        sanitize(&s)
    }

    /// The combined proof's file name: `<paper>-<date>-proof.pdf`.
    pub fn proof_file_name(&self) -> String {
        sanitize(&format!("{}-{}-proof.pdf", self.slug, self.date))
    }
}

/// Replaces characters no file name may hold.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(
                c,
                '/' | '\\' | ':' | '\0' | '*' | '?' | '"' | '<' | '>' | '|'
            ) {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// Reads the issue, its layout (loading fonts into `fonts`), its pages and articles.
/// Every problem found goes to `diags`; `None` when any of them is an error.
pub fn load_issue(path: &Path, fonts: &mut FontBook, diags: &mut Vec<Diagnostic>) -> Option<Issue> {
    let src = Source::read_reporting(path, diags)?;
    let before = diags.len();
    let raw: RawIssue = parse(&src, ISSUE, diags)?;
    let head = resolve_head(&src, &raw, diags);
    let layout = match &raw.layout {
        Some(v) => Reader::new(&src, diags)
            .string(v, "layout")
            .and_then(|rel| {
                let p = src.resolve_path(&rel);
                let found = p.is_file();
                if !found {
                    let msg = format!(
                        "cannot read layout `{}`: {}",
                        p.display(),
                        super::source::not_a_file(&p)
                    );
                    src_err(
                        &src,
                        diags,
                        "E0107",
                        v,
                        msg,
                        "the path is relative to the issue file",
                    );
                    return None;
                }
                load_layout(&p, fonts, diags)
            }),
        None => {
            Reader::new(&src, diags).missing(0..0, "layout", "\"../../layouts/tabloid.toml\"");
            None
        }
    };
    let layout = layout?;
    let pages = load_pages(&src, &raw, &layout, diags);
    let (paper, slug, date, edition, version, output) = head?;
    if diags.len() > before {
        return None;
    }
    let spec = IssueSpec {
        paper,
        date_text: date.text(),
        edition,
        pages: pages?,
    };
    Some(Issue {
        file: path.to_owned(),
        spec,
        layout,
        date,
        slug,
        version,
        output,
    })
}

fn src_err(
    src: &Source,
    diags: &mut Vec<Diagnostic>,
    code: &'static str,
    v: &V,
    msg: String,
    hint: &str,
) {
    diags.push(src.error(code, v.span(), msg).hint(hint));
}

type Head = (String, String, Date, String, String, String);

fn resolve_head(src: &Source, raw: &RawIssue, diags: &mut Vec<Diagnostic>) -> Option<Head> {
    let mut r = Reader::new(src, diags);
    let paper = match &raw.paper {
        Some(v) => r.string(v, "paper"),
        None => {
            r.missing(0..0, "paper", "\"闽南日报\"");
            None
        }
    };
    let slug = match &raw.slug {
        Some(v) => r.string(v, "slug"),
        None => paper.clone(),
    };
    let date = match &raw.date {
        Some(v) => date(&mut r, v),
        None => {
            r.missing(0..0, "date", "2022-10-31");
            None
        }
    };
    let edition = raw
        .edition
        .as_ref()
        .map_or(Some(String::new()), |v| r.string(v, "edition"));
    let version = match &raw.version {
        Some(v) => match v.get_ref() {
            toml::Value::Integer(i) => Some(i.to_string()),
            _ => r.string(v, "version"),
        },
        None => Some("1".to_owned()),
    };
    let output = match &raw.output {
        Some(v) => r.string(v, "output").and_then(|t| template(&mut r, v, t)),
        None => Some(DEFAULT_OUTPUT.to_owned()),
    };
    Some((paper?, slug?, date?, edition?, version?, output?))
}

fn date(r: &mut Reader, v: &V) -> Option<Date> {
    let text = match v.get_ref() {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => String::new(),
    };
    let d = Date::parse(&text);
    if d.is_none() {
        r.error(
            "E0105",
            v.span(),
            format!(
                "`date` must be a date `YYYY-MM-DD`, found `{}`",
                v.get_ref()
            ),
            "e.g. `date = 2022-10-31`",
        );
    }
    d
}

/// Checks an output template's placeholders; it must hold `<page>`.
fn template(r: &mut Reader, v: &V, t: String) -> Option<String> {
    let mut rest = t.as_str();
    let mut ok = true;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('>') else { break };
        let name = &after[..j];
        if !PLACEHOLDERS.contains(&name) {
            let hint = match did_you_mean(name, PLACEHOLDERS.iter().copied()) {
                Some(m) => format!("did you mean `<{m}>`?"),
                None => "placeholders: `<paper>`, `<date>`, `<edition>`, `<page>`, `<version>`"
                    .to_owned(),
            };
            r.error(
                "E0105",
                v.span(),
                format!("unknown placeholder `<{name}>` in `output`"),
                hint,
            );
            ok = false;
        }
        rest = &after[j + 1..];
    }
    if ok && !t.contains("<page>") {
        r.error(
            "E0105",
            v.span(),
            "`output` has no `<page>`",
            "every page needs its own file: add `<page>`, e.g. `\"<paper>-<date>-<page>.pdf\"`",
        );
        ok = false;
    }
    ok.then_some(t)
}

fn load_pages(
    src: &Source,
    raw: &RawIssue,
    layout: &Layout,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<PageSpec>> {
    let Some(v) = &raw.pages else {
        Reader::new(src, diags).missing(0..0, "pages", "[\"pages/a01.toml\"]");
        return None;
    };
    let list: Option<Vec<String>> = v
        .get_ref()
        .as_array()
        .and_then(|a| a.iter().map(|x| x.as_str().map(str::to_owned)).collect());
    let Some(list) = list.filter(|l| !l.is_empty()) else {
        src_err(
            src,
            diags,
            "E0103",
            v,
            "`pages` must be a non-empty array of page files".into(),
            "e.g. `pages = [\"pages/a01.toml\", \"pages/a02.toml\"]`",
        );
        return None;
    };
    let mut articles: BTreeMap<PathBuf, Option<Arc<Article>>> = BTreeMap::new();
    let mut pages = vec![];
    let mut ok = true;
    for (i, rel) in list.iter().enumerate() {
        let path = src.resolve_path(rel);
        if !path.is_file() {
            src_err(
                src,
                diags,
                "E0107",
                v,
                format!(
                    "cannot read page `{}`: {}",
                    path.display(),
                    super::source::not_a_file(&path)
                ),
                "page paths are relative to the issue file",
            );
            ok = false;
            continue;
        }
        match load_page(&path, i as u32 + 1, layout, &mut articles, diags) {
            Some(p) => pages.push(p),
            None => ok = false,
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for p in &pages {
        if !seen.insert(p.name.clone()) {
            let msg = format!("two pages are named `{}`", p.name);
            src_err(
                src,
                diags,
                "E0105",
                v,
                msg,
                "give every page its own `name` (file names and the report use it)",
            );
            ok = false;
        }
    }
    ok.then_some(pages)
}
