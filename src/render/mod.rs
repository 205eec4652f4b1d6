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
//! - One Type0 / CIDFont (Identity-H) per face for the whole document, subset once,
//!   with `/W` and a ToUnicode CMap from the glyphs' text; text drawn in item order
//!   (the layout's reading order) with each glyph placed by TJ adjustments.
//! - Images as DeviceCMYK XObjects, one per distinct image; W0301 under `min_ppi`.
//! - Content, fonts and profile Flate-compressed; same input, same bytes.

mod atomic;
mod fonts;
pub mod image;
mod page;
mod pdfx;
mod shared;
mod xobject;

pub use atomic::{write_file_atomic, write_files_atomic};
pub use pdfx::load_output_profile;
pub use shared::RenderShared;

use crate::diag::Diagnostic;
use crate::layout::{ImagePlacement, PageFrame};
use crate::text::FontBook;
use image::{ColorConverter, PreparedImage};
use pdf_writer::types::OverprintMode;
use pdf_writer::{Chunk, Filter, Finish, Name, Pdf, Ref};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

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
    let icc = Icc {
        bytes: &icc,
        deflated: None,
        intent_info,
    };
    write_document(pages, fonts, options, info, icc, &mut prepare)
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
    let icc = Icc {
        bytes: &icc,
        deflated: None,
        intent_info,
    };
    write_document(pages, fonts, options, info, icc, prepare)
}

/// Paints every page (collecting glyphs and images), then writes fonts, images,
/// page objects and the PDF/X parts.
fn write_document(
    pages: &[&PageFrame],
    fonts: &FontBook,
    options: &PrintOptions,
    info: &DocInfo,
    icc: Icc,
    prepare: &mut dyn FnMut(&ImagePlacement) -> Result<PreparedImage, Diagnostic>,
) -> Result<Rendered, Diagnostic> {
    let geom = page::Geometry::of(pages, options.crop_marks)?;
    let mut refs = Refs::default();
    let doc = pdfx::DocRefs {
        catalog: refs.next(),
        info: refs.next(),
        page_tree: refs.next(),
        icc: refs.next(),
        metadata: refs.next(),
        intent_info: icc.intent_info,
    };
    let gstates = (refs.next(), refs.next());
    let mut collector = fonts::FontCollector::new(fonts);
    let mut store = xobject::ImageStore::new(prepare, options.min_ppi);
    let mut outs = Vec::with_capacity(pages.len());
    for p in pages {
        let mut ctx = page::PaintCtx {
            geom,
            crop_marks: options.crop_marks,
            fonts: &mut collector,
            images: &mut store,
            refs: &mut refs,
        };
        outs.push(page::paint(p, &mut ctx)?);
    }

    let mut chunk = Chunk::new();
    let shared = Shared {
        geom,
        doc: &doc,
        gstates,
        fonts: &collector,
        images: &store,
    };
    let page_refs = write_pages(&mut chunk, &mut refs, &outs, &shared);
    chunk
        .pages(doc.page_tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    write_gstates(&mut chunk, gstates);
    collector.embed(&mut chunk, &mut refs)?;
    store.write(&mut chunk);
    let deflated = match icc.deflated {
        Some(d) => std::borrow::Cow::Borrowed(d),
        None => std::borrow::Cow::Owned(compress(icc.bytes)),
    };
    pdfx::write_streams(&mut chunk, &doc, &deflated, options, info);

    let bytes = assemble(&chunk, &doc, options, info);
    Ok(Rendered {
        bytes,
        diagnostics: store.diagnostics,
    })
}

/// The output profile and its description.
struct Icc<'a> {
    bytes: &'a [u8],
    /// The profile Flate-compressed already (once per build), if it is.
    deflated: Option<&'a [u8]>,
    intent_info: String,
}

/// What every page object refers to.
struct Shared<'a, 'b> {
    geom: page::Geometry,
    doc: &'a pdfx::DocRefs,
    /// The overprint and knockout ExtGStates.
    gstates: (Ref, Ref),
    fonts: &'a fonts::FontCollector<'b>,
    images: &'a xobject::ImageStore<'b>,
}

/// Page objects with their boxes, content streams and resources.
fn write_pages(chunk: &mut Chunk, refs: &mut Refs, outs: &[page::PageOut], s: &Shared) -> Vec<Ref> {
    let page_refs: Vec<Ref> = outs.iter().map(|_| refs.next()).collect();
    for (out, &id) in outs.iter().zip(&page_refs) {
        let content = refs.next();
        chunk
            .stream(content, &out.content)
            .filter(Filter::FlateDecode);
        let mut pg = chunk.page(id);
        pg.parent(s.doc.page_tree)
            .media_box(s.geom.media_box())
            .bleed_box(s.geom.bleed_box())
            .trim_box(s.geom.trim_box())
            .contents(content);
        let mut res = pg.resources();
        let mut f = res.fonts();
        for fid in &out.fonts {
            if let Some(r) = s.fonts.object(*fid) {
                f.pair(
                    Name(fonts::FontCollector::resource_name(*fid).as_bytes()),
                    r,
                );
            }
        }
        f.finish();
        let mut x = res.x_objects();
        for idx in &out.images {
            x.pair(
                Name(xobject::ImageStore::resource_name(*idx).as_bytes()),
                s.images.object(*idx),
            );
        }
        x.finish();
        res.ext_g_states()
            .pair(Name(b"GSop"), s.gstates.0)
            .pair(Name(b"GSko"), s.gstates.1);
    }
    page_refs
}

/// `/GSop`: overprint on, OPM 1 (pure K text and rules); `/GSko`: knockout.
fn write_gstates(chunk: &mut Chunk, (op, ko): (Ref, Ref)) {
    chunk
        .ext_graphics(op)
        .overprint(true)
        .overprint_fill(true)
        .overprint_mode(OverprintMode::IgnoreZeroChannel);
    chunk
        .ext_graphics(ko)
        .overprint(false)
        .overprint_fill(false)
        .overprint_mode(OverprintMode::OverrideAllColorants);
}

/// The final file: header for the standard, the objects, catalog, Info and an
/// `/ID` hashed from everything else (same input, same ID).
fn assemble(chunk: &Chunk, doc: &pdfx::DocRefs, options: &PrintOptions, info: &DocInfo) -> Vec<u8> {
    let ((major, minor), _) = pdfx::version(options.standard);
    let mut pdf = Pdf::new();
    pdf.set_version(major, minor);
    pdf.extend(chunk);
    pdfx::write_catalog_info(&mut pdf, doc, options, info);
    let mut hash = Sha256::new();
    hash.update(pdf.as_bytes());
    let id = hash.finalize()[..16].to_vec();
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
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

/// zlib-compresses a stream (`/FlateDecode`), level 6.
fn compress(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::new(6),
    );
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}
