//! What every PDF of one build shares (issue 6): the output profile read, parsed and
//! Flate-compressed once, and each image prepared once per placement, for all page
//! files and the proof. Safe to use from several threads at once; the bytes written
//! are the same as [`super::write_pdf`]'s.

use super::image::{prepare_image, ColorConverter, PreparedImage};
use super::{compress, load_output_profile, write_document, DocInfo, Icc, PrintOptions, Rendered};
use crate::diag::Diagnostic;
use crate::layout::{ImagePlacement, PageFrame};
use crate::text::FontBook;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// An image placement as a map key: the file and the bits of its pixel size, crop and frame.
type PlacementKey = (PathBuf, [u32; 10]);

/// One prepared image, shared by every file that places it the same way.
type Slot = Arc<OnceLock<Result<PreparedImage, Diagnostic>>>;

/// The shared parts of one build's PDFs; see the module docs.
pub struct RenderShared {
    options: PrintOptions,
    icc: Vec<u8>,
    icc_deflated: Vec<u8>,
    converter: ColorConverter,
    images: Mutex<BTreeMap<PlacementKey, Slot>>,
}

impl std::fmt::Debug for RenderShared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RenderShared({} ICC bytes)", self.icc.len())
    }
}

impl RenderShared {
    /// Loads and checks the output profile of `options` (the errors of [`super::write_pdf`]).
    pub fn new(options: &PrintOptions) -> Result<RenderShared, Diagnostic> {
        let icc = load_output_profile(options)?;
        let converter = ColorConverter::new(icc.clone())?;
        Ok(RenderShared {
            options: options.clone(),
            icc_deflated: compress(&icc),
            icc,
            converter,
            images: Mutex::new(BTreeMap::new()),
        })
    }

    /// [`super::write_pdf`] for `pages` with the shared profile and images.
    pub fn write_pdf(
        &self,
        pages: &[&PageFrame],
        fonts: &FontBook,
        info: &DocInfo,
    ) -> Result<Rendered, Diagnostic> {
        let icc = Icc {
            bytes: &self.icc,
            deflated: Some(&self.icc_deflated),
            intent_info: self.converter.description(),
        };
        let mut prepare = |p: &ImagePlacement| self.prepared(p);
        write_document(pages, fonts, &self.options, info, icc, &mut prepare)
    }

    /// The placement's image, prepared on first use.
    fn prepared(&self, p: &ImagePlacement) -> Result<PreparedImage, Diagnostic> {
        let r = [p.crop, p.frame];
        let mut bits = [p.px_width, p.px_height, 0, 0, 0, 0, 0, 0, 0, 0];
        for (i, v) in r.iter().flat_map(|r| [r.x, r.y, r.w, r.h]).enumerate() {
            bits[2 + i] = v.to_bits();
        }
        let slot = {
            let mut map = self.images.lock().unwrap_or_else(|e| e.into_inner());
            map.entry((p.path.clone(), bits)).or_default().clone()
        };
        slot.get_or_init(|| prepare_image(p, &self.converter, self.options.max_ppi))
            .clone()
    }
}
