//! Layout stage: articles and photos placed on a page's grid, as [`PageFrame`]s.
//!
//! Input: an [`IssueSpec`] (resolved by the config stage). Output: one [`PageFrame`]
//! per page, an [`ArticleFit`] per article and diagnostics (overset, headline too
//! wide, missing glyphs).

pub mod frame;
pub mod spec;

pub use frame::{Cmyk, Glyph, ImagePlacement, Item, PageFrame, Rect, TextRun};
pub use spec::*;

use crate::diag::Diagnostic;
use crate::text::FontBook;

/// What laying out an issue gives.
#[derive(Debug, Default)]
pub struct LayoutOutput {
    /// One frame per page, in issue order.
    pub pages: Vec<PageFrame>,
    /// One entry per article.
    pub fits: Vec<ArticleFit>,
    /// Overset, headlines that did not fit, missing glyphs, …
    pub diagnostics: Vec<Diagnostic>,
}

/// Lays out every page of the issue.
pub fn layout_issue(issue: &IssueSpec, fonts: &FontBook) -> LayoutOutput {
    let _ = fonts;
    let pages = issue
        .pages
        .iter()
        .map(|p| PageFrame {
            name: p.name.clone(),
            number: p.number,
            width: p.geometry.width,
            height: p.geometry.height,
            bleed: p.geometry.bleed,
            items: vec![],
        })
        .collect();
    LayoutOutput { pages, ..Default::default() }
}
