//! Image XObjects: [`PreparedImage`]s (always DeviceCMYK, 8 bits) written once per
//! distinct image, JPEGs passed through as `/DCTDecode`, raw samples as `/FlateDecode`.

use super::image::{ImageFilter, PreparedImage};
use super::Refs;
use crate::diag::{Diagnostic, Severity};
use crate::layout::{ImagePlacement, Rect};
use pdf_writer::{Chunk, Filter, Name, Ref};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Turns a placement into an embeddable image (normally [`super::image::prepare_image`]).
pub(super) type Prepare<'b> = dyn FnMut(&ImagePlacement) -> Result<PreparedImage, Diagnostic> + 'b;

/// One image XObject.
struct Stored {
    image: PreparedImage,
    id: Ref,
}

/// Where a placement's image lives and which of its pixels the frame shows.
#[derive(Clone, Copy, Debug)]
pub(super) struct Placed {
    /// Index of the XObject (resource `/Im<idx>`).
    pub idx: usize,
    pub width: u32,
    pub height: u32,
    pub shown: Rect,
}

/// The document's images, deduplicated by content.
pub(super) struct ImageStore<'b> {
    prepare: &'b mut Prepare<'b>,
    min_ppi: f32,
    stored: Vec<Stored>,
    by_hash: BTreeMap<[u8; 32], usize>,
    /// For the report: low resolution (W0301 warnings), the colour stage's notes
    /// (N0301: converted, downsampled, passed through).
    pub diagnostics: Vec<Diagnostic>,
}

impl<'b> ImageStore<'b> {
    pub(super) fn new(prepare: &'b mut Prepare<'b>, min_ppi: f32) -> Self {
        Self {
            prepare,
            min_ppi,
            stored: vec![],
            by_hash: BTreeMap::new(),
            diagnostics: vec![],
        }
    }

    /// The resource name of XObject `idx`.
    pub(super) fn resource_name(idx: usize) -> String {
        format!("Im{idx}")
    }

    /// The object of XObject `idx`.
    pub(super) fn object(&self, idx: usize) -> Ref {
        self.stored[idx].id
    }

    /// Prepares a placement's image, reports low resolution (W0301) and returns
    /// its XObject, shared with earlier placements of the same image data.
    pub(super) fn add(
        &mut self,
        placement: &ImagePlacement,
        refs: &mut Refs,
    ) -> Result<Placed, Diagnostic> {
        let image = (self.prepare)(placement)?;
        if image.effective_ppi < self.min_ppi / UNPRINTABLE_FRACTION {
            return Err(unprintable(placement, image.effective_ppi, self.min_ppi));
        }
        if image.effective_ppi < self.min_ppi {
            self.diagnostics
                .push(low_ppi(placement, image.effective_ppi, self.min_ppi));
        }
        for note in &image.notes {
            let d = Diagnostic::new(Severity::Note, "N0301", note.clone());
            self.diagnostics.push(d.in_file(&placement.path));
        }
        let (width, height, shown) = (image.width, image.height, image.shown);
        let key = content_key(&image);
        let idx = match self.by_hash.get(&key) {
            Some(&idx) => idx,
            None => {
                self.stored.push(Stored {
                    image,
                    id: refs.next(),
                });
                self.by_hash.insert(key, self.stored.len() - 1);
                self.stored.len() - 1
            }
        };
        Ok(Placed {
            idx,
            width,
            height,
            shown,
        })
    }

    /// Writes every XObject into `chunk`.
    pub(super) fn write(&self, chunk: &mut Chunk) {
        for s in &self.stored {
            write_image(chunk, s.id, &s.image);
        }
    }
}

fn content_key(image: &PreparedImage) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(image.width.to_be_bytes());
    h.update(image.height.to_be_bytes());
    h.update([image.filter as u8, image.invert as u8]);
    h.update(&image.data);
    h.finalize().into()
}

/// An image under `min_ppi / 4` (50 ppi at the usual 200) is not a photo one can print
/// (a 1×1 pixel file, a thumbnail): an error, not a warning (issue 7).
const UNPRINTABLE_FRACTION: f32 = 4.0;

fn unprintable(placement: &ImagePlacement, ppi: f32, min: f32) -> Diagnostic {
    Diagnostic::error(
        "E0302",
        format!(
            "image `{}` ({}×{} px) prints at {:.0} ppi, too coarse to print (limit {:.0} ppi, a quarter of `min_ppi`)",
            placement.path.display(),
            placement.px_width,
            placement.px_height,
            ppi,
            min / UNPRINTABLE_FRACTION
        ),
    )
    .in_file(&placement.path)
    .hint("place the original photo, not a thumbnail")
}

fn low_ppi(placement: &ImagePlacement, ppi: f32, min: f32) -> Diagnostic {
    Diagnostic::warning(
        "W0301",
        format!(
            "image `{}` prints at {:.0} ppi, under the {:.0} ppi minimum",
            placement.path.display(),
            ppi,
            min
        ),
    )
    .in_file(&placement.path)
    .hint("use a larger original, or give the picture a smaller frame")
}

/// One DeviceCMYK image XObject.
fn write_image(chunk: &mut Chunk, id: Ref, image: &PreparedImage) {
    let mut x = chunk.image_xobject(id, &image.data);
    x.filter(match image.filter {
        ImageFilter::Dct => Filter::DctDecode,
        ImageFilter::Flate => Filter::FlateDecode,
    });
    x.width(image.width as i32);
    x.height(image.height as i32);
    x.color_space_name(Name(b"DeviceCMYK"));
    x.bits_per_component(8);
    if image.invert {
        // Adobe APP14 CMYK JPEGs store inverted samples.
        x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
    }
}
