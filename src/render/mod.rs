//! Render stage: [`PageFrame`]s to print-ready PDF/X bytes (pdf-writer + subsetter).
//!
//! The only stage that knows PDF. See `../shared/reference/print-ready.md` and
//! `pdf-stack.md` for the requirements and the embedding recipe.
//!
//! What a file holds (print-ready.md §1.1, §1.2, §1.7):
//! - PDF/X-1a:2001 (header 1.3, Info `GTS_PDFXVersion (PDF/X-1:2001)` +
//!   `GTS_PDFXConformance (PDF/X-1a:2001)`) or PDF/X-4 (header 1.6, XMP with
//!   `pdfxid:GTS_PDFXVersion`); one OutputIntent `/GTS_PDFX` with the plant's
//!   identifier, condition, registry and the ICC profile as `DestOutputProfile`;
//!   Title, Creator, Producer, dates from [`DocInfo::timestamp`], `Trapped /False`;
//!   `/ID` hashed from the file's content. No transparency, no encryption, a plain
//!   xref table (no object streams).
//! - Per page: TrimBox = the frame's trim, BleedBox = trim + bleed, MediaBox =
//!   BleedBox, or larger with room for 0.25 pt K crop marks ([`PrintOptions::crop_marks`]).
//! - DeviceCMYK only. Pure black text and rules overprint (`OP`/`op` true, `OPM 1`),
//!   everything else knocks out, white included.
//! - One Type0 / CIDFont (Identity-H) per face, subset once per issue (all page files
//!   and the proof embed the same subset, [`issue`]), with `/W` and a ToUnicode CMap
//!   from the glyphs' text; text drawn in item order (the layout's reading order) with
//!   each glyph placed by TJ adjustments.
//! - Images as DeviceCMYK XObjects, one per distinct image, named by the issue's image
//!   index; W0301 under `min_ppi`.
//! - Content, fonts and profile Flate-compressed once per issue, each page's content
//!   stream shared by its file and the proof; same input, same bytes.
//!
//! Stages: [`issue::IssuePlan`] (glyphs and images of all pages) → [`EmbeddedFonts`]
//! (subsets) and [`PaintedPage`]s (content streams) → one file per page and the proof
//! (`document.rs`: small dictionaries per file, shared streams copied).

#![expect(
    clippy::result_large_err,
    reason = "Diagnostic is the error type of every stage; the render stage returns it as the rest of the crate does"
)]

mod atomic;
mod document;
mod fonts;
pub mod image;
pub mod issue;
mod page;
mod pdfx;
mod shared;
mod xobject;

pub use atomic::{commit_files, stage_file, write_file_atomic, write_files_atomic, StagedFile};
pub use fonts::EmbeddedFonts;
pub use issue::{IssuePlan, PaintedPage};
pub use pdfx::load_output_profile;
pub use shared::RenderShared;
pub use xobject::ImageEntry;

use crate::diag::Diagnostic;
use crate::layout::{ImagePlacement, PageFrame};
use crate::text::FontBook;
use document::{Profile, Streams};
use image::{ColorConverter, PreparedImage};
use pdf_writer::Ref;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Which PDF/X flavour to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub enum PdfStandard {
    /// PDF/X-1a:2001 (PDF 1.3, CMYK only, no transparency): the default.
    #[default]
    #[serde(rename = "x-1a")]
    X1a2001,
    /// PDF/X-4 (PDF 1.6, XMP, embedded output profile).
    #[serde(rename = "x-4")]
    X4,
}

/// What the print shop asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintOptions {
    pub standard: PdfStandard,
    /// OutputIntent /OutputConditionIdentifier, e.g. `IFRA26`.
    pub output_condition_identifier: String,
    /// OutputIntent /OutputCondition (human-readable).
    pub output_condition: String,
    /// OutputIntent /RegistryName.
    pub registry_name: String,
    /// The plant's CMYK output profile (ICC file): destination of image conversion and the
    /// OutputIntent's DestOutputProfile. `None` uses the shipped newsprint profile.
    pub output_profile: Option<PathBuf>,
    /// Draw crop marks outside the bleed (the MediaBox grows to hold them).
    pub crop_marks: bool,
    /// Images above this effective resolution are downsampled (ppi).
    pub max_ppi: f32,
    /// Images below this effective resolution are reported (ppi).
    pub min_ppi: f32,
}

impl Default for PrintOptions {
    fn default() -> Self {
        Self {
            standard: PdfStandard::default(),
            output_condition_identifier: "IFRA26".into(),
            output_condition: "IFRA26 newsprint (ISO 12647-3, 45 g/m² coldset)".into(),
            registry_name: "http://www.color.org".into(),
            output_profile: None,
            crop_marks: false,
            max_ppi: 400.0,
            min_ppi: 200.0,
        }
    }
}

/// Document-level metadata.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DocInfo {
    /// /Title.
    pub title: String,
    /// Creation and modification time, seconds since the Unix epoch (from
    /// `SOURCE_DATE_EPOCH` or the issue date, never the clock).
    pub timestamp: i64,
}

/// A rendered PDF and what was noticed on the way (low image resolution, …).
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes `pages` as one PDF/X file: one Type0 font per face, subset once for the
/// whole document; images through [`image::prepare_image`] to the output profile.
pub fn write_pdf(
    pages: &[&PageFrame],
    fonts: &FontBook,
    options: &PrintOptions,
    info: &DocInfo,
) -> Result<Rendered, Diagnostic> {
    let icc = load_output_profile(options)?;
    let converter = ColorConverter::new(icc.clone())?;
    let max_ppi = options.max_ppi;
    let intent_info = converter.description();
    let mut prepare = |p: &ImagePlacement| image::prepare_image(p, &converter, max_ppi);
    write_document(
        pages,
        fonts,
        options,
        info,
        (&icc, &intent_info),
        &mut prepare,
    )
}

/// [`write_pdf`] with images from `prepare` instead of [`image::prepare_image`]
/// (tests, previews, a caller that caches prepared images).
pub fn write_pdf_with(
    pages: &[&PageFrame],
    fonts: &FontBook,
    options: &PrintOptions,
    info: &DocInfo,
    prepare: &mut dyn FnMut(&ImagePlacement) -> Result<PreparedImage, Diagnostic>,
) -> Result<Rendered, Diagnostic> {
    let icc = load_output_profile(options)?;
    // The description for the OutputIntent; a profile moxcms cannot read still
    // embeds (the plant's file is authoritative), described by the condition.
    let intent_info = match ColorConverter::new(icc.clone()) {
        Ok(c) => c.description(),
        Err(_) => options.output_condition.clone(),
    };
    write_document(pages, fonts, options, info, (&icc, &intent_info), prepare)
}

/// One document on its own: its pages are the whole plan. Images are prepared first,
/// once per distinct placement, in page and item order.
fn write_document(
    pages: &[&PageFrame],
    book: &FontBook,
    options: &PrintOptions,
    info: &DocInfo,
    (icc, intent_info): (&[u8], &str),
    prepare: &mut dyn FnMut(&ImagePlacement) -> Result<PreparedImage, Diagnostic>,
) -> Result<Rendered, Diagnostic> {
    let geom = page::Geometry::of(pages, options.crop_marks)?;
    let mut prepared = BTreeMap::new();
    for p in pages.iter().flat_map(|p| xobject::placements(p)) {
        if let std::collections::btree_map::Entry::Vacant(v) =
            prepared.entry(xobject::placement_key(p))
        {
            v.insert(prepare(p).map(|i| Arc::new(ImageEntry::new(i))));
        }
    }
    let source = xobject::Prefetched(prepared);
    let plan = IssuePlan::new(pages, book, &source, options.min_ppi);
    let mut painted = Vec::with_capacity(pages.len());
    for p in pages {
        painted.push(PaintedPage(plan.paint(p, geom, options, &source)?));
    }
    let fonts = plan.embed(book);
    let deflated = Blob::compressed(icc);
    let parts = issue::FileParts {
        plan: &plan,
        fonts: &fonts,
        profile: Profile {
            deflated: &deflated,
            intent_info,
        },
        options,
        source: &source,
    };
    let pairs: Vec<_> = pages.iter().copied().zip(&painted).collect();
    let bytes = issue::write_file(&parts, &pairs, info)?;
    let diagnostics = painted
        .iter()
        .flat_map(|p| p.notes().iter().cloned())
        .collect();
    Ok(Rendered { bytes, diagnostics })
}

/// A stream shared by several files, compressed once, with the digest that stands
/// for it in each file's `/ID`.
pub(crate) struct Blob {
    /// The stream's bytes as written (Flate-compressed).
    pub data: Vec<u8>,
    /// SHA-256 of `data`.
    pub digest: [u8; 32],
}

impl Blob {
    /// Compresses `raw` and hashes the result.
    fn compressed(raw: &[u8]) -> Blob {
        Blob::new(compress(raw))
    }

    /// Hashes `data` (already compressed).
    fn new(data: Vec<u8>) -> Blob {
        Blob {
            digest: Sha256::digest(&data).into(),
            data,
        }
    }
}

/// E0405: the render stage's own bookkeeping disagrees (a glyph, face or image the
/// issue's plan should hold and does not). Never the input's fault.
fn plan_bug(message: String) -> Diagnostic {
    Diagnostic::error("E0405", message)
        .hint("this is a bug in the render stage; please report it with the issue")
}

/// Hands out object numbers in order (deterministic).
#[derive(Debug)]
struct Refs(Ref);

impl Default for Refs {
    fn default() -> Self {
        Refs(Ref::new(1))
    }
}

impl Refs {
    fn next(&mut self) -> Ref {
        self.0.bump()
    }
}

/// zlib-compresses a stream (`/FlateDecode`), level 6: font programs, CMaps, the
/// output profile and converted image samples, each compressed once per issue.
fn compress(data: &[u8]) -> Vec<u8> {
    compress_at(data, 6)
}

/// The level for page content streams. Measured on bench-100 (117 pages, 4.6 MB of
/// operators): level 6 takes about twice the time of level 4 for 7 % less content
/// (0.98 vs 1.05 MB), level 1 is 25 % larger; content is a small part of each file.
const CONTENT_LEVEL: u32 = 4;

/// zlib-compresses a page's content stream at [`CONTENT_LEVEL`].
fn compress_content(data: &[u8]) -> Vec<u8> {
    compress_at(data, CONTENT_LEVEL)
}

fn compress_at(data: &[u8], level: u32) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::new(level),
    );
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}
