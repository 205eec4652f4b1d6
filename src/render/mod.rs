//! Render stage: [`PageFrame`]s to print-ready PDF/X bytes (pdf-writer + subsetter).
//!
//! The only stage that knows PDF. See `../shared/reference/print-ready.md` and
//! `pdf-stack.md` for the requirements and the embedding recipe.

pub mod image;

use crate::diag::Diagnostic;
use crate::layout::PageFrame;
use crate::text::FontBook;
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

/// Writes `pages` as one PDF.
pub fn write_pdf(
    pages: &[&PageFrame],
    fonts: &FontBook,
    options: &PrintOptions,
    info: &DocInfo,
) -> Result<Rendered, Diagnostic> {
    let _ = (pages, fonts, options, info);
    Err(Diagnostic::error("E0401", "the PDF writer is not built yet"))
}
