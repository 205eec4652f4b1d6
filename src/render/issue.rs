//! The issue-wide render (issue 6): one plan for all files of an issue.
//!
//! 1. [`IssuePlan`]: the glyphs of every page (the font plan) and the distinct images
//!    in order of first use (the image index), gathered once.
//! 2. [`EmbeddedFonts`]: each face subset once for the plan, program and ToUnicode
//!    compressed once.
//! 3. [`PaintedPage`]: each page painted and its content compressed once, with
//!    issue-wide resource names, so the page's own file and the proof share the bytes.
//! 4. Each file (a page, the proof) writes its own small dictionaries and copies the
//!    shared streams ([`super::document`]).
//!
//! Same input, same plan, same bytes, whatever the thread count: every merge runs in
//! page order, and glyphs are numbered by their original id.

use super::document::{self, Profile};
use super::fonts::{self, EmbeddedFonts, FontPlan};
use super::page::{self, Geometry, PageOut, PaintCtx};
use super::xobject::{self, ImageIndex, ImageSource};
use super::{DocInfo, PrintOptions};
use crate::diag::Diagnostic;
use crate::layout::PageFrame;
use crate::text::FontBook;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// What the files of one issue share when painted: every glyph of every page and
/// every distinct image. Invariant: a page the plan was built from paints with it.
pub struct IssuePlan {
    fonts: FontPlan,
    images: ImageIndex,
    key: [u8; 32],
}

impl std::fmt::Debug for IssuePlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IssuePlan({:02x?})", &self.key[..4])
    }
}

impl IssuePlan {
    /// Gathers the glyphs and images of `pages` (in parallel, merged in page order).
    pub(super) fn new(
        pages: &[&PageFrame],
        book: &FontBook,
        source: &dyn ImageSource,
        min_ppi: f32,
    ) -> IssuePlan {
        let per_page: Vec<_> = pages
            .par_iter()
            .map(|p| {
                let images: Vec<_> = xobject::placements(p)
                    .filter_map(|pl| source.image(pl).ok())
                    .filter(|e| xobject::printable(&e.image, min_ppi))
                    .collect();
                (fonts::page_glyphs(p), images)
            })
            .collect();
        let mut index = ImageIndex::default();
        let mut glyphs = Vec::with_capacity(per_page.len());
        for (g, images) in per_page {
            glyphs.push(g);
            images.into_iter().for_each(|e| index.add(e));
        }
        let fonts = FontPlan::new(book, glyphs);
        let mut hash = Sha256::new();
        fonts.digest_into(&mut hash);
        index.digest_into(&mut hash);
        IssuePlan {
            fonts,
            images: index,
            key: hash.finalize().into(),
        }
    }

    /// A digest of everything the plan decides (glyph sets and their text, the images
    /// and their order): with the same key and the same fonts, a page paints and embeds
    /// to the same bytes (`watch` repaints every page when it changes).
    pub fn key(&self) -> [u8; 32] {
        self.key
    }

    /// Subsets every face of the plan once.
    pub fn embed(&self, book: &FontBook) -> EmbeddedFonts {
        self.fonts.embed(book)
    }

    /// Paints `frame` with `geom`.
    pub(super) fn paint(
        &self,
        frame: &PageFrame,
        geom: Geometry,
        options: &PrintOptions,
        source: &dyn ImageSource,
    ) -> Result<PageOut, Diagnostic> {
        let ctx = PaintCtx {
            geom,
            crop_marks: options.crop_marks,
            fonts: &self.fonts,
            images: &self.images,
            source,
            min_ppi: options.min_ppi,
        };
        page::paint(frame, &ctx)
    }
}

/// One page painted for the issue: its content stream, compressed once, and the notes
/// its images gave (W0301, N0301). The page's file and the proof both use it.
pub struct PaintedPage(pub(super) PageOut);

impl std::fmt::Debug for PaintedPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PaintedPage({} content bytes)",
            self.0.content.data.len()
        )
    }
}

impl PaintedPage {
    /// The notes for the report, in item order.
    pub fn notes(&self) -> &[Diagnostic] {
        &self.0.notes
    }
}

/// Everything one file needs from the issue.
pub(super) struct FileParts<'a> {
    pub plan: &'a IssuePlan,
    pub fonts: &'a EmbeddedFonts,
    pub profile: Profile<'a>,
    pub options: &'a PrintOptions,
    pub source: &'a dyn ImageSource,
}

/// Writes `pages` (each frame with its painted page) as one file. A page painted for
/// another geometry (a proof of pages that differ by less than the size tolerance) is
/// painted again for this one.
pub(super) fn write_file(
    parts: &FileParts,
    pages: &[(&PageFrame, &PaintedPage)],
    info: &DocInfo,
) -> Result<Vec<u8>, Diagnostic> {
    let frames: Vec<&PageFrame> = pages.iter().map(|(f, _)| *f).collect();
    let geom = Geometry::of(&frames, parts.options.crop_marks)?;
    let mut again = Vec::new();
    for (frame, painted) in pages {
        if painted.0.geom != geom {
            again.push(parts.plan.paint(frame, geom, parts.options, parts.source)?);
        }
    }
    let mut again = again.iter();
    let outs: Vec<&PageOut> = pages
        .iter()
        .filter_map(|(_, p)| {
            if p.0.geom == geom {
                Some(&p.0)
            } else {
                again.next()
            }
        })
        .collect();
    let issue = document::Issue {
        fonts: parts.fonts,
        images: &parts.plan.images,
        profile: Profile {
            deflated: parts.profile.deflated,
            intent_info: parts.profile.intent_info,
        },
        options: parts.options,
    };
    document::write(&outs, geom, &issue, info)
}
