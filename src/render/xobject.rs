//! Image XObjects: [`PreparedImage`]s (always DeviceCMYK, 8 bits), JPEGs passed through
//! as `/DCTDecode`, raw samples as `/FlateDecode`.
//!
//! [`ImageIndex`] numbers the distinct images (by content) in order of first
//! use (page order, then item order), so a resource name `/Im<n>` means the same image
//! in every page file and in the proof, and a page's content stream can be shared.

use super::image::{ImageFilter, PreparedImage};
use crate::diag::{Diagnostic, Severity};
use crate::layout::{ImagePlacement, Item, PageFrame, Rect};
use pdf_writer::{Filter, Name, Pdf, Ref};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// An image placement as a map key: the file and the bits of its pixel size, crop and frame.
pub(super) type PlacementKey = (PathBuf, [u32; 10]);

/// The key of a placement: two placements with the same key prepare the same image.
pub(super) fn placement_key(p: &ImagePlacement) -> PlacementKey {
    let mut bits = [p.px_width, p.px_height, 0, 0, 0, 0, 0, 0, 0, 0];
    for (i, v) in [p.crop, p.frame]
        .iter()
        .flat_map(|r| [r.x, r.y, r.w, r.h])
        .enumerate()
    {
        bits[2 + i] = v.to_bits();
    }
    (p.path.clone(), bits)
}

/// A prepared image and the digest of everything its XObject holds (size, filter,
/// decode, samples): the dedup key and its share of a file's `/ID`. Computed once.
#[derive(Debug)]
pub struct ImageEntry {
    /// The image as the colour stage prepared it.
    pub image: PreparedImage,
    /// SHA-256 of width, height, filter, invert and data.
    pub digest: [u8; 32],
}

impl ImageEntry {
    /// Hashes `image` once.
    pub fn new(image: PreparedImage) -> ImageEntry {
        let mut h = Sha256::new();
        h.update(image.width.to_be_bytes());
        h.update(image.height.to_be_bytes());
        h.update([image.filter as u8, image.invert as u8]);
        h.update(&image.data);
        ImageEntry {
            digest: h.finalize().into(),
            image,
        }
    }
}

/// Where painting gets a placement's prepared image (cached: asked once per page and
/// once for the plan).
pub(super) trait ImageSource: Sync {
    /// The placement's image, or why it cannot be used.
    fn image(&self, p: &ImagePlacement) -> Result<Arc<ImageEntry>, Diagnostic>;
}

/// Placements prepared ahead of time by a caller's closure (the single-document path).
pub(super) struct Prefetched(pub BTreeMap<PlacementKey, Result<Arc<ImageEntry>, Diagnostic>>);

impl ImageSource for Prefetched {
    fn image(&self, p: &ImagePlacement) -> Result<Arc<ImageEntry>, Diagnostic> {
        match self.0.get(&placement_key(p)) {
            Some(r) => r.clone(),
            None => Err(super::plan_bug(format!(
                "image `{}` was not prepared",
                p.path.display()
            ))),
        }
    }
}

/// The placements of `page` that paint (a frame of zero size draws nothing).
pub(super) fn placements(page: &PageFrame) -> impl Iterator<Item = &ImagePlacement> {
    page.items.iter().filter_map(|item| match item {
        Item::Image(p) if p.frame.w > 0.0 && p.frame.h > 0.0 => Some(p),
        _ => None,
    })
}

/// The distinct images in order of first use. Invariant: every image a page
/// of the plan paints is in it.
#[derive(Default)]
pub(super) struct ImageIndex {
    entries: Vec<Arc<ImageEntry>>,
    by_digest: BTreeMap<[u8; 32], usize>,
}

impl ImageIndex {
    /// Adds an image unless one with the same content is there.
    pub(super) fn add(&mut self, entry: Arc<ImageEntry>) {
        if let std::collections::btree_map::Entry::Vacant(v) = self.by_digest.entry(entry.digest) {
            v.insert(self.entries.len());
            self.entries.push(entry);
        }
    }

    /// The index of an image in the plan.
    pub(super) fn index(&self, entry: &ImageEntry) -> Option<usize> {
        self.by_digest.get(&entry.digest).copied()
    }

    /// Image `idx`.
    pub(super) fn entry(&self, idx: usize) -> Option<&ImageEntry> {
        self.entries.get(idx).map(|e| &**e)
    }

    /// Feeds the images and their order into `hash`.
    pub(super) fn digest_into(&self, hash: &mut Sha256) {
        for e in &self.entries {
            hash.update(e.digest);
        }
    }

    /// The resource name of image `idx`.
    pub(super) fn resource_name(idx: usize) -> String {
        format!("Im{idx}")
    }
}

/// An image under `min_ppi / 4` (50 ppi at the usual 200) is not a photo one can print
/// (a 1×1 pixel file, a thumbnail): an error, not a warning (issue 7).
const UNPRINTABLE_FRACTION: f32 = 4.0;

/// Whether an image prints at all under `min_ppi` (see [`UNPRINTABLE_FRACTION`]).
pub(super) fn printable(image: &PreparedImage, min_ppi: f32) -> bool {
    image.effective_ppi >= min_ppi / UNPRINTABLE_FRACTION
}

/// Checks a placement's resolution: an error when unprintable, else the notes for the
/// report (W0301 low resolution, N0301 the colour stage's notes).
pub(super) fn check(
    placement: &ImagePlacement,
    image: &PreparedImage,
    min_ppi: f32,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    if !printable(image, min_ppi) {
        return Err(unprintable(placement, image.effective_ppi, min_ppi));
    }
    let mut notes = vec![];
    if image.effective_ppi < min_ppi {
        notes.push(low_ppi(placement, image.effective_ppi, min_ppi));
    }
    for note in &image.notes {
        let d = Diagnostic::new(Severity::Note, "N0301", note.clone());
        notes.push(d.in_file(&placement.path));
    }
    Ok(notes)
}

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

/// Where a placement's image lives and which of its pixels the frame shows.
#[derive(Clone, Copy, Debug)]
pub(super) struct Placed {
    /// Index in the [`ImageIndex`] (resource `/Im<idx>`).
    pub idx: usize,
    pub width: u32,
    pub height: u32,
    pub shown: Rect,
}

/// One DeviceCMYK image XObject, written straight into the file.
pub(super) fn write_image(pdf: &mut Pdf, id: Ref, image: &PreparedImage) {
    let mut x = pdf.image_xobject(id, &image.data);
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
