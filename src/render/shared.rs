//! What every PDF of one build shares (issue 6): the output profile read, parsed and
//! Flate-compressed once, each image prepared (and hashed) once per placement, and the
//! issue's plan, subsets and painted pages ([`super::issue`]). Safe to use from several
//! threads at once.

use super::document::Profile;
use super::image::{prepare_image, ColorConverter};
use super::issue::{self, FileParts, IssuePlan, PaintedPage};
use super::page::Geometry;
use super::xobject::{placement_key, ImageEntry, ImageSource, PlacementKey};
use super::{load_output_profile, Blob, DocInfo, EmbeddedFonts, PrintOptions};
use crate::diag::Diagnostic;
use crate::layout::{ImagePlacement, PageFrame};
use crate::text::FontBook;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// One prepared image, shared by every file that places it the same way.
type Slot = Arc<OnceLock<Result<Arc<ImageEntry>, Diagnostic>>>;

/// The shared parts of one build's PDFs; see the module docs.
pub struct RenderShared {
    options: PrintOptions,
    icc_deflated: Blob,
    intent_info: String,
    converter: ColorConverter,
    images: Mutex<BTreeMap<PlacementKey, Slot>>,
}

impl std::fmt::Debug for RenderShared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "RenderShared({} ICC bytes)",
            self.converter.output_profile.len()
        )
    }
}

impl ImageSource for RenderShared {
    fn image(&self, p: &ImagePlacement) -> Result<Arc<ImageEntry>, Diagnostic> {
        let slot = {
            let mut map = self.images.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(placement_key(p)).or_default().clone()
        };
        slot.get_or_init(|| {
            prepare_image(p, &self.converter, self.options.max_ppi)
                .map(|i| Arc::new(ImageEntry::new(i)))
        })
        .clone()
    }
}

impl RenderShared {
    /// Loads and checks the output profile of `options` (the errors of [`super::write_pdf`]).
    pub fn new(options: &PrintOptions) -> Result<RenderShared, Diagnostic> {
        let icc = load_output_profile(options)?;
        let icc_deflated = Blob::compressed(&icc);
        let converter = ColorConverter::new(icc)?;
        Ok(RenderShared {
            options: options.clone(),
            icc_deflated,
            intent_info: converter.description(),
            converter,
            images: Mutex::new(BTreeMap::new()),
        })
    }

    /// Forgets the prepared images of `paths` (files that changed on disk: `watch`).
    pub fn forget(&self, paths: &[PathBuf]) {
        let mut map = self.images.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|(path, _), _| !paths.contains(path));
    }

    /// The issue's plan: the glyphs and images of all `pages`, in page order.
    pub fn plan(&self, pages: &[&PageFrame], book: &FontBook) -> IssuePlan {
        IssuePlan::new(pages, book, self, self.options.min_ppi)
    }

    /// Paints one page of the plan on its own geometry (its file's; the proof's too
    /// when all pages have one size).
    pub fn paint(&self, plan: &IssuePlan, frame: &PageFrame) -> Result<PaintedPage, Diagnostic> {
        let geom = Geometry::of(&[frame], self.options.crop_marks)?;
        let out = plan.paint(frame, geom, &self.options, self)?;
        Ok(PaintedPage(out))
    }

    /// Writes one file (a page, the proof) of painted `pages`, each with its frame.
    pub fn write_file(
        &self,
        plan: &IssuePlan,
        fonts: &EmbeddedFonts,
        pages: &[(&PageFrame, &PaintedPage)],
        info: &DocInfo,
    ) -> Result<Vec<u8>, Diagnostic> {
        let parts = FileParts {
            plan,
            fonts,
            profile: Profile {
                deflated: &self.icc_deflated,
                intent_info: &self.intent_info,
            },
            options: &self.options,
            source: self,
        };
        issue::write_file(&parts, pages, info)
    }
}
