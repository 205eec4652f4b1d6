//! Images for the PDF: CMYK JPEGs passed through untouched, everything else
//! converted to CMYK through ICC profiles (moxcms) and downsampled above the
//! ceiling. Owned by the colour work; `write_pdf` only calls [`prepare_image`].

use crate::diag::Diagnostic;
use crate::layout::{ImagePlacement, Rect};

/// How the image bytes are encoded in the PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFilter {
    /// JPEG bytes as they were (`/DCTDecode`).
    Dct,
    /// Raw samples, zlib-compressed (`/FlateDecode`).
    Flate,
}

/// An image ready to embed as an image XObject. Always DeviceCMYK, 8 bits.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedImage {
    /// Pixel size of the embedded image.
    pub width: u32,
    pub height: u32,
    pub filter: ImageFilter,
    /// The encoded samples (JPEG file bytes, or deflated CMYK samples).
    pub data: Vec<u8>,
    /// Adobe APP14 CMYK JPEGs store inverted samples: write `/Decode [1 0 1 0 1 0 1 0]`.
    pub invert: bool,
    /// The part of the embedded image that maps onto the placement's frame, in the
    /// embedded image's pixels (the whole image when nothing was cropped away).
    pub shown: Rect,
    /// Effective resolution at the placed size (pixels of `shown` per inch of frame),
    /// the smaller of the two axes.
    pub effective_ppi: f32,
    /// Notes for the report (converted from RGB with profile …, downsampled from …).
    pub notes: Vec<String>,
}

/// Converts colour images to the plant's CMYK.
#[derive(Debug)]
pub struct ColorConverter {
    /// The destination (output intent) profile, ICC bytes.
    pub output_profile: Vec<u8>,
}

impl ColorConverter {
    /// A converter to the given CMYK output profile.
    pub fn new(output_profile: Vec<u8>) -> Result<Self, Diagnostic> {
        Ok(Self { output_profile })
    }
}

/// Loads, converts and (above `max_ppi`) downsamples one placed image.
pub fn prepare_image(
    placement: &ImagePlacement,
    converter: &ColorConverter,
    max_ppi: f32,
) -> Result<PreparedImage, Diagnostic> {
    let _ = (converter, max_ppi);
    Err(Diagnostic::error("E0302", "image support is not built yet").in_file(&placement.path))
}
