//! Images for the PDF: CMYK JPEGs passed through untouched, everything else
//! converted to CMYK through ICC profiles (moxcms) and downsampled above the
//! ceiling. Owned by the colour work; `write_pdf` only calls [`prepare_image`].
//!
//! Pipeline for RGB and grey images (print-ready.md §1.7 "convert photos RGB→CMYK in the
//! engine … perceptual intent; embed images as DeviceCMYK"): read the file (size limits
//! checked from the header before any pixel is decoded), decode with `image`, crop to the
//! visible part plus a small margin, flatten alpha onto white, downsample above `max_ppi`
//! (Lanczos3), convert with moxcms from sRGB or the embedded profile to the output profile
//! with the **perceptual** intent, clamp total ink to the converter's limit, deflate.
//!
//! Why perceptual: moxcms 0.9 does no black point compensation towards CMYK profiles
//! (its `detect_black_point` returns none for CMYK), so relative colorimetric would clip
//! every shadow below the paper's black (L* ≈ 32 on newsprint) to one flat tone. The
//! shipped profile's perceptual table was built by Argyll with the sRGB gamut as source
//! (`colprof -S sRGB.icm`, icc/README.md): it maps sRGB black onto the newsprint black
//! and compresses the gamut smoothly, which is what BPC + relative would give, plus
//! gamut compression. Plant profiles (ISOnewspaper26v4 and the like) carry perceptual
//! tables made for the same purpose.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageBuffer, ImageDecoder, ImageReader, Luma, Rgb};
use moxcms::{ColorProfile, DataColorSpace, Layout, ProfileClass, ProfileText};
use moxcms::{RenderingIntent, TransformOptions};

use crate::diag::Diagnostic;

#[path = "image_resample.rs"]
mod resample;
use crate::layout::{ImagePlacement, Rect};
use resample::resize;

/// The diagnostic code of every image problem (README table).
pub const IMAGE_ERROR: &str = "E0302";
/// Images with more pixels than this are refused before decoding (decompression bombs).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Largest decoded size (bytes) the decoder may allocate for one image.
pub const MAX_DECODE_BYTES: u64 = 1 << 30;
/// Largest image file read (bytes).
pub const MAX_FILE_BYTES: u64 = 512 << 20;
/// The shipped newsprint profile (icc/README.md says how it was made).
pub const SHIPPED_PROFILE: &[u8] = include_bytes!("../../icc/paiban-newsprint-ifra26.icc");
/// Total ink limit of the shipped profile, percent (ISOnewspaper26v4: "maximum total
/// inking … 240 %", print-ready.md §1.4).
pub const SHIPPED_INK_LIMIT: f32 = 240.0;
/// Source pixels kept around the crop so that resampling and rounding never show an edge.
const CROP_MARGIN_PX: f32 = 4.0;
/// Pixels converted per moxcms call (bounds the 16-bit working buffers).
const PIXELS_PER_CHUNK: usize = 1 << 16;

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
    /// Pixel height of the embedded image.
    pub height: u32,
    /// How `data` is encoded.
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
    /// The parsed destination profile.
    profile: ColorProfile,
    /// Total ink limit (percent) enforced after conversion, if any.
    ink_limit: Option<f32>,
}

impl ColorConverter {
    /// A converter to the given CMYK output profile (an ICC output-class `prtr` CMYK profile).
    /// No ink limit is enforced beyond the profile's own, except for the shipped profile's
    /// bytes, which get [`SHIPPED_INK_LIMIT`] (see [`ColorConverter::with_ink_limit`]).
    pub fn new(output_profile: Vec<u8>) -> Result<Self, Diagnostic> {
        let profile = ColorProfile::new_from_slice(&output_profile).map_err(|e| {
            Diagnostic::error(
                IMAGE_ERROR,
                format!("cannot read the output ICC profile: {e}"),
            )
            .hint("give the plant's CMYK output profile (an `.icc` file of class `prtr`)")
        })?;
        if profile.color_space != DataColorSpace::Cmyk
            || profile.profile_class != ProfileClass::OutputDevice
        {
            return Err(Diagnostic::error(
                IMAGE_ERROR,
                format!(
                    "the output ICC profile is not a CMYK output profile (class {:?}, colour space {:?})",
                    profile.profile_class, profile.color_space
                ),
            )
            .hint("PDF/X needs a CMYK printer profile (class `prtr`), e.g. ISOnewspaper26v4.icc"));
        }
        if profile.lut_b_to_a_perceptual.is_none() && profile.lut_b_to_a_colorimetric.is_none() {
            return Err(Diagnostic::error(
                IMAGE_ERROR,
                "the output ICC profile has no PCS-to-CMYK table",
            )
            .hint("use a full printer profile with B2A tables, not a proofing-only profile"));
        }
        // The shipped profile always carries its limit, however its bytes were loaded.
        let ink_limit = (output_profile == SHIPPED_PROFILE).then_some(SHIPPED_INK_LIMIT);
        Ok(Self {
            output_profile,
            profile,
            ink_limit,
        })
    }

    /// The shipped newsprint profile `icc/paiban-newsprint-ifra26.icc` (from the CC0 IFRA26S
    /// characterisation data), with its 240 % total ink limit enforced.
    #[allow(
        clippy::panic,
        reason = "the shipped profile is compiled in and checked by tests/color.rs, not user data"
    )]
    pub fn shipped() -> Self {
        // The shipped bytes are fixed at build time and checked by tests/color.rs; this
        // cannot fail on user data.
        match Self::new(SHIPPED_PROFILE.to_vec()) {
            Ok(c) => c,
            Err(e) => panic!("the shipped ICC profile is broken: {e}"),
        }
    }

    /// Enforces a total ink limit (percent of one ink, e.g. 240) on converted pixels by
    /// reducing C, M and Y (K is kept, so text-like neutrals stay sharp); `None` trusts the
    /// profile.
    pub fn with_ink_limit(mut self, limit: Option<f32>) -> Self {
        self.ink_limit = limit.filter(|l| l.is_finite() && *l > 0.0);
        self
    }

    /// The enforced total ink limit, percent.
    pub fn ink_limit(&self) -> Option<f32> {
        self.ink_limit
    }

    /// The output profile's description (`desc`), for notes and the OutputIntent `/Info`.
    pub fn description(&self) -> String {
        profile_name(&self.profile).unwrap_or_else(|| "unnamed CMYK profile".into())
    }

    /// Converts 8-bit sRGB pixels (`rgb.len()` a multiple of 3) to 8-bit CMYK (4 per pixel),
    /// the same way photos are converted.
    pub fn srgb_to_cmyk(&self, rgb: &[u8]) -> Result<Vec<u8>, Diagnostic> {
        let wide: Vec<u16> = rgb.iter().map(|&v| u16::from(v) * 257).collect();
        let src = Source {
            profile: ColorProfile::new_srgb(),
            layout: Layout::Rgb,
            channels: 3,
            expand_gray: false,
        };
        let mut out = Vec::with_capacity(rgb.len() / 3 * 4);
        self.convert(&src, &wide, &mut out).map_err(|e| {
            Diagnostic::error(IMAGE_ERROR, format!("colour conversion failed: {e}"))
        })?;
        Ok(out)
    }

    /// Converts `samples` (16-bit, `src.channels` per pixel; grey repeated into RGB when
    /// `src.expand_gray`) and appends 8-bit CMYK to `out`.
    fn convert(
        &self,
        src: &Source,
        samples: &[u16],
        out: &mut Vec<u8>,
    ) -> Result<(), moxcms::CmsError> {
        let options = TransformOptions {
            rendering_intent: RenderingIntent::Perceptual,
            ..Default::default()
        };
        let transform =
            src.profile
                .create_transform_16bit(src.layout, &self.profile, Layout::Rgba, options)?;
        let limit = self.ink_limit.map(|l| (l * 2.55).floor() as u32);
        let mut cmyk = vec![0u16; PIXELS_PER_CHUNK * 4];
        let mut rgb = Vec::new();
        for part in samples.chunks(PIXELS_PER_CHUNK * src.channels) {
            let px = part.len() / src.channels;
            let input = if src.expand_gray {
                rgb.clear();
                rgb.extend(part.iter().flat_map(|&v| [v, v, v]));
                &rgb[..]
            } else {
                part
            };
            transform.transform(input, &mut cmyk[..px * 4])?;
            let base = out.len();
            out.resize(base + px * 4, 0);
            for (o, c) in out[base..].chunks_exact_mut(4).zip(cmyk.chunks_exact(4)) {
                let p = [to_u8(c[0]), to_u8(c[1]), to_u8(c[2]), to_u8(c[3])];
                o.copy_from_slice(&limit.map_or(p, |l| limit_ink(p, l)));
            }
        }
        Ok(())
    }
}

/// One 8-bit CMYK pixel with C, M, Y reduced so that the total stays within `limit`
/// (in 1/255 units); K is kept.
fn limit_ink(p: [u8; 4], limit: u32) -> [u8; 4] {
    let total: u32 = p.iter().map(|&v| u32::from(v)).sum();
    if total <= limit {
        return p;
    }
    let k = u32::from(p[3]);
    let cmy = total - k;
    let room = limit.saturating_sub(k);
    let scale = |v: u8| (u32::from(v) * room / cmy) as u8;
    [scale(p[0]), scale(p[1]), scale(p[2]), p[3]]
}

fn profile_name(p: &ColorProfile) -> Option<String> {
    let text = match p.description.as_ref()? {
        ProfileText::PlainString(s) => s.clone(),
        ProfileText::Localizable(v) => v.first()?.value.clone(),
        ProfileText::Description(d) => d.ascii_string.clone(),
    };
    let t = text.trim_matches(char::from(0)).trim().to_string();
    (!t.is_empty()).then_some(t)
}

fn to_u8(v: u16) -> u8 {
    ((u32::from(v) * 255 + 32767) / 65535) as u8
}

/// The source side of a conversion.
struct Source {
    profile: ColorProfile,
    layout: Layout,
    /// Samples per pixel in the buffer handed over.
    channels: usize,
    /// The buffer is grey, to be repeated into R = G = B for an RGB profile.
    expand_gray: bool,
}

/// Loads, converts and (above `max_ppi`) downsamples one placed image.
pub fn prepare_image(
    placement: &ImagePlacement,
    converter: &ColorConverter,
    max_ppi: f32,
) -> Result<PreparedImage, Diagnostic> {
    let path = placement.path.as_path();
    if !(placement.frame.w > 0.0 && placement.frame.h > 0.0) {
        return Err(img_err(
            path,
            "has an empty frame on the page",
            "give the picture a width and height",
        ));
    }
    let data = read_file(path)?;
    prepare_image_data(placement, data, converter, max_ppi)
}

/// [`prepare_image`] on file bytes already read (`placement.path` names them in messages).
pub fn prepare_image_data(
    placement: &ImagePlacement,
    data: Vec<u8>,
    converter: &ColorConverter,
    max_ppi: f32,
) -> Result<PreparedImage, Diagnostic> {
    let path = placement.path.as_path();
    if data.starts_with(&[0xFF, 0xD8]) {
        let info = parse_jpeg(&data)
            .map_err(|m| img_err(path, &m, "export the picture again as JPEG or PNG"))?;
        if info.components == 4 {
            if u64::from(info.width) * u64::from(info.height) > MAX_PIXELS {
                let what = format!(
                    "is too large: {}×{} pixels (limit {} megapixels)",
                    info.width,
                    info.height,
                    MAX_PIXELS / 1_000_000
                );
                return Err(img_err(
                    path,
                    &what,
                    "reduce the picture to the size it is printed at",
                ));
            }
            return Ok(passthrough_cmyk(placement, data, &info, max_ppi));
        }
    }
    convert_image(placement, &data, converter, max_ppi)
}

fn img_err(path: &Path, what: &str, hint: &str) -> Diagnostic {
    Diagnostic::error(IMAGE_ERROR, format!("image `{}` {what}", path.display()))
        .in_file(path)
        .hint(hint)
}

fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let hint = "check the `image` path in the article's front matter";
    let meta = std::fs::metadata(path)
        .map_err(|e| img_err(path, &format!("cannot be read: {e}"), hint))?;
    if !meta.is_file() {
        return Err(img_err(path, "is not a regular file", hint));
    }
    if meta.len() > MAX_FILE_BYTES {
        let what = format!(
            "is too large a file ({} MB, limit {} MB)",
            meta.len() >> 20,
            MAX_FILE_BYTES >> 20
        );
        return Err(img_err(path, &what, "reduce the picture before placing it"));
    }
    std::fs::read(path).map_err(|e| img_err(path, &format!("cannot be read: {e}"), hint))
}

// ---------------------------------------------------------------------------------------
// JPEG markers (ITU-T T.81 §B.1; Adobe Technical Note 5116 for APP14)

/// What the JPEG header says.
#[derive(Debug, Default)]
struct JpegInfo {
    width: u32,
    height: u32,
    components: u8,
    /// An Adobe APP14 segment is present (Photoshop writes inverted CMYK then).
    adobe: bool,
    /// An APP2 ICC profile is embedded.
    has_icc: bool,
}

/// Walks the markers up to the first scan, and checks that the file ends with EOI.
fn parse_jpeg(d: &[u8]) -> Result<JpegInfo, String> {
    let mut info = JpegInfo::default();
    let mut i = 2;
    loop {
        let seg = |i: usize| -> Option<(u8, usize)> {
            let len = usize::from(u16::from_be_bytes([*d.get(i + 2)?, *d.get(i + 3)?]));
            (d[i] == 0xFF && len >= 2 && i + 2 + len <= d.len()).then_some((d[i + 1], len))
        };
        while d.get(i) == Some(&0xFF) && d.get(i + 1) == Some(&0xFF) {
            i += 1; // fill bytes
        }
        let Some((marker, len)) = seg(i) else {
            return Err("is truncated or corrupt (bad JPEG marker)".into());
        };
        let body = &d[i + 4..i + 2 + len];
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if body.len() < 6 {
                    return Err("is corrupt (short JPEG frame header)".into());
                }
                if body[0] != 8 {
                    return Err(format!(
                        "is a {}-bit JPEG; PDF needs 8-bit samples",
                        body[0]
                    ));
                }
                info.height = u32::from(u16::from_be_bytes([body[1], body[2]]));
                info.width = u32::from(u16::from_be_bytes([body[3], body[4]]));
                info.components = body[5];
            }
            0xEE if body.starts_with(b"Adobe") => info.adobe = true,
            0xE2 if body.starts_with(b"ICC_PROFILE\0") => info.has_icc = true,
            0xDA => break,
            _ => {}
        }
        i += 2 + len;
    }
    if info.width == 0 || info.height == 0 || !matches!(info.components, 1 | 3 | 4) {
        return Err("is corrupt (no usable JPEG frame header)".into());
    }
    if !d[i..].windows(2).any(|w| w == [0xFF, 0xD9]) {
        return Err("is truncated (no JPEG end-of-image marker)".into());
    }
    Ok(info)
}

/// A CMYK JPEG goes into the PDF as it is: re-encoding would alter the separation.
fn passthrough_cmyk(
    placement: &ImagePlacement,
    data: Vec<u8>,
    info: &JpegInfo,
    max_ppi: f32,
) -> PreparedImage {
    let (crop, mut notes) = source_crop(placement, info.width, info.height);
    let effective_ppi = ppi(crop.w, crop.h, &placement.frame);
    notes.push("CMYK JPEG passed through unchanged".to_string());
    if effective_ppi > max_ppi && max_ppi > 0.0 {
        notes.push(format!(
            "CMYK JPEG at {effective_ppi:.0} ppi is above the {max_ppi:.0} ppi ceiling; not downsampled \
             (re-encoding would alter the separation)"
        ));
    }
    if info.has_icc {
        notes.push(
            "embedded CMYK profile ignored: the JPEG is taken as already separated for the plant"
                .into(),
        );
    }
    PreparedImage {
        width: info.width,
        height: info.height,
        filter: ImageFilter::Dct,
        data,
        invert: info.adobe,
        shown: crop,
        effective_ppi,
        notes,
    }
}

/// Pixels per inch of a `w`×`h` pixel area placed in `frame` (pt), the smaller axis.
fn ppi(w: f32, h: f32, frame: &Rect) -> f32 {
    (w / (frame.w / 72.0)).min(h / (frame.h / 72.0))
}

/// The placement's crop, clamped to the file's real pixel size (scaled when the layout
/// thought the file had another size; the whole image when the crop is empty).
fn source_crop(p: &ImagePlacement, w: u32, h: u32) -> (Rect, Vec<String>) {
    let (wf, hf) = (w as f32, h as f32);
    let mut notes = Vec::new();
    let mut c = p.crop;
    if !(c.w > 0.0
        && c.h > 0.0
        && c.x.is_finite()
        && c.y.is_finite()
        && c.w.is_finite()
        && c.h.is_finite())
    {
        return (
            Rect {
                x: 0.0,
                y: 0.0,
                w: wf,
                h: hf,
            },
            notes,
        );
    }
    if p.px_width > 0 && p.px_height > 0 && (p.px_width != w || p.px_height != h) {
        let (sx, sy) = (wf / p.px_width as f32, hf / p.px_height as f32);
        c = Rect {
            x: c.x * sx,
            y: c.y * sy,
            w: c.w * sx,
            h: c.h * sy,
        };
        notes.push(format!(
            "file is {w}×{h} px, layout expected {}×{}; crop scaled",
            p.px_width, p.px_height
        ));
    }
    let x = c.x.clamp(0.0, wf - 1.0);
    let y = c.y.clamp(0.0, hf - 1.0);
    (
        Rect {
            x,
            y,
            w: c.w.min(wf - x).max(1.0),
            h: c.h.min(hf - y).max(1.0),
        },
        notes,
    )
}

// ---------------------------------------------------------------------------------------
// Decoded images: RGB/grey JPEG, PNG

/// Decoded, cropped, flattened samples in 16 bits, `channels` (1 grey, 3 RGB) per pixel.
struct Samples {
    data: Vec<u16>,
    width: u32,
    height: u32,
    channels: usize,
}

impl Samples {
    fn gray(b: ImageBuffer<Luma<u16>, Vec<u16>>) -> Self {
        Self {
            width: b.width(),
            height: b.height(),
            channels: 1,
            data: b.into_raw(),
        }
    }

    fn rgb(b: ImageBuffer<Rgb<u16>, Vec<u16>>) -> Self {
        Self {
            width: b.width(),
            height: b.height(),
            channels: 3,
            data: b.into_raw(),
        }
    }
}

fn convert_image(
    placement: &ImagePlacement,
    data: &[u8],
    converter: &ColorConverter,
    max_ppi: f32,
) -> Result<PreparedImage, Diagnostic> {
    let path = placement.path.as_path();
    let (img, icc) = decode(path, data)?;
    let (crop, mut notes) = source_crop(placement, img.width(), img.height());
    let (x0, y0, x1, y1) = margin_box(&crop, img.width(), img.height());
    let whole = (x0, y0, x1, y1) == (0, 0, img.width(), img.height());
    let img = if whole {
        img
    } else {
        img.crop_imm(x0, y0, x1 - x0, y1 - y0)
    };
    let mut samples = flatten(img, &mut notes);
    let mut shown = Rect {
        x: crop.x - x0 as f32,
        y: crop.y - y0 as f32,
        w: crop.w,
        h: crop.h,
    };
    let before = ppi(shown.w, shown.h, &placement.frame);
    if let Some((w, h)) = target_size(&shown, &placement.frame, x1 - x0, y1 - y0, max_ppi) {
        let (sx, sy) = (w as f32 / (x1 - x0) as f32, h as f32 / (y1 - y0) as f32);
        samples = resize(&samples, w, h);
        shown = Rect {
            x: shown.x * sx,
            y: shown.y * sy,
            w: shown.w * sx,
            h: shown.h * sy,
        };
        let after = ppi(shown.w, shown.h, &placement.frame);
        notes.push(format!("downsampled from {before:.0} to {after:.0} ppi"));
    }
    let (width, height) = (samples.width, samples.height);
    let cmyk = to_cmyk(&samples, icc.as_deref(), converter, &mut notes).map_err(|e| {
        img_err(
            path,
            &format!("could not be converted to CMYK: {e}"),
            "save the picture as sRGB and try again",
        )
    })?;
    let data = super::compress(&cmyk);
    Ok(PreparedImage {
        width,
        height,
        filter: ImageFilter::Flate,
        data,
        invert: false,
        shown,
        effective_ppi: ppi(shown.w, shown.h, &placement.frame),
        notes,
    })
}

/// Decodes with size limits checked from the header first; returns the embedded ICC profile.
fn decode(path: &Path, data: &[u8]) -> Result<(DynamicImage, Option<Vec<u8>>), Diagnostic> {
    let corrupt = |e: &dyn std::fmt::Display| {
        img_err(
            path,
            &format!("is truncated or corrupt: {e}"),
            "export the picture again as JPEG or PNG",
        )
    };
    let too_large = |what: String| {
        img_err(
            path,
            &what,
            "reduce the picture to the size it is printed at",
        )
    };
    let mut reader = ImageReader::new(Cursor::new(data))
        .with_guessed_format()
        .map_err(|e| corrupt(&e))?;
    if reader.format().is_none() {
        return Err(img_err(
            path,
            "is not a JPEG or PNG file",
            "convert the picture to JPEG or PNG",
        ));
    }
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(l) => too_large(format!("is too large to decode ({l})")),
        e => corrupt(&e),
    })?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(img_err(
            path,
            "is corrupt: it has no pixels",
            "export the picture again as JPEG or PNG",
        ));
    }
    let pixels = u64::from(w) * u64::from(h);
    let bytes = decoder.total_bytes();
    if pixels > MAX_PIXELS || bytes > MAX_DECODE_BYTES {
        return Err(too_large(format!(
            "is too large: {w}×{h} pixels (limit {} megapixels)",
            MAX_PIXELS / 1_000_000
        )));
    }
    let icc = decoder.icc_profile().ok().flatten();
    let img = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(l) => too_large(format!("is too large to decode ({l})")),
        e => corrupt(&e),
    })?;
    Ok((img, icc))
}

/// The crop plus [`CROP_MARGIN_PX`], rounded outwards to whole pixels inside the image.
fn margin_box(c: &Rect, w: u32, h: u32) -> (u32, u32, u32, u32) {
    let lo = |v: f32| (v - CROP_MARGIN_PX).floor().max(0.0) as u32;
    let x0 = lo(c.x).min(w - 1);
    let y0 = lo(c.y).min(h - 1);
    let x1 = ((c.x + c.w + CROP_MARGIN_PX).ceil() as u32).clamp(x0 + 1, w);
    let y1 = ((c.y + c.h + CROP_MARGIN_PX).ceil() as u32).clamp(y0 + 1, h);
    (x0, y0, x1, y1)
}

/// New pixel size when the shown part is above `max_ppi` on either axis, else `None`.
fn target_size(shown: &Rect, frame: &Rect, w: u32, h: u32, max_ppi: f32) -> Option<(u32, u32)> {
    if !(max_ppi > 0.0 && max_ppi.is_finite()) {
        return None;
    }
    let sx = (max_ppi / (shown.w / (frame.w / 72.0))).min(1.0);
    let sy = (max_ppi / (shown.h / (frame.h / 72.0))).min(1.0);
    if sx >= 1.0 && sy >= 1.0 {
        return None;
    }
    let nw = ((w as f32 * sx).round() as u32).clamp(1, w);
    let nh = ((h as f32 * sy).round() as u32).clamp(1, h);
    (nw < w || nh < h).then_some((nw, nh))
}

/// 16-bit grey or RGB samples, alpha composited onto white paper (PDF/X-1a has no
/// transparency, print-ready.md §1.1).
fn flatten(img: DynamicImage, notes: &mut Vec<String>) -> Samples {
    let alpha = img.color().has_alpha();
    if alpha {
        notes.push("alpha flattened onto white".into());
    }
    let over_white = |v: u16, a: u16| -> u16 {
        let (v, a) = (u32::from(v), u32::from(a));
        ((v * a + 65535 * (65535 - a) + 32767) / 65535) as u16
    };
    match img {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageLuma16(_) => {
            Samples::gray(img.into_luma16())
        }
        DynamicImage::ImageLumaA8(_) | DynamicImage::ImageLumaA16(_) => {
            let la = img.into_luma_alpha16();
            Samples::gray(ImageBuffer::from_fn(la.width(), la.height(), |x, y| {
                let p = la.get_pixel(x, y).0;
                Luma([over_white(p[0], p[1])])
            }))
        }
        _ if alpha => {
            let rgba = img.into_rgba16();
            Samples::rgb(ImageBuffer::from_fn(rgba.width(), rgba.height(), |x, y| {
                let p = rgba.get_pixel(x, y).0;
                Rgb([
                    over_white(p[0], p[3]),
                    over_white(p[1], p[3]),
                    over_white(p[2], p[3]),
                ])
            }))
        }
        _ => Samples::rgb(img.into_rgb16()),
    }
}

/// Picks the source profile (embedded when usable, else sRGB) and converts to 8-bit CMYK.
fn to_cmyk(
    samples: &Samples,
    icc: Option<&[u8]>,
    converter: &ColorConverter,
    notes: &mut Vec<String>,
) -> Result<Vec<u8>, moxcms::CmsError> {
    let embedded = icc.map(ColorProfile::new_from_slice);
    let dest = converter.description();
    let (raw, gray) = (&samples.data[..], samples.channels == 1);
    let mut out = Vec::with_capacity(raw.len() / if gray { 1 } else { 3 } * 4);
    let want = if gray {
        DataColorSpace::Gray
    } else {
        DataColorSpace::Rgb
    };
    if let Some(Ok(p)) = &embedded {
        if let Some(src) = embedded_source(p, want) {
            let name = profile_name(p).unwrap_or_else(|| "unnamed".into());
            if converter.convert(&src, raw, &mut out).is_ok() {
                notes.push(format!(
                    "converted from embedded profile `{name}` to `{dest}` (perceptual)"
                ));
                return Ok(out);
            }
            out.clear();
        }
        notes.push("embedded ICC profile not usable for this image; sRGB assumed".into());
    } else if let Some(Err(e)) = &embedded {
        notes.push(format!(
            "embedded ICC profile unreadable ({e}); sRGB assumed"
        ));
    }
    // Grey without a usable grey profile: taken as sRGB greys R = G = B (neutral in sRGB).
    let channels = if gray { 1 } else { 3 };
    let src = Source {
        profile: ColorProfile::new_srgb(),
        layout: Layout::Rgb,
        channels,
        expand_gray: gray,
    };
    converter.convert(&src, raw, &mut out)?;
    if gray {
        notes.push(format!(
            "converted from grey (as sRGB) to `{dest}` (perceptual)"
        ));
    } else {
        notes.push(format!("converted from sRGB to `{dest}` (perceptual)"));
    }
    Ok(out)
}

/// The conversion source for an embedded profile of the image's colour space. moxcms 0.9 has
/// no grey → CMYK-LUT path, so a grey profile's tone curve is put on all three channels of an
/// RGB matrix-shaper profile: R = G = B then lies on the D50 neutral axis with Y = TRC(v),
/// exactly what the grey profile says (ICC.1 §F.2, monochrome input profiles).
fn embedded_source(p: &ColorProfile, want: DataColorSpace) -> Option<Source> {
    if p.color_space != want {
        return None;
    }
    if want == DataColorSpace::Rgb {
        return Some(Source {
            profile: p.clone(),
            layout: Layout::Rgb,
            channels: 3,
            expand_gray: false,
        });
    }
    let trc = p.gray_trc.clone()?;
    let mut rgb = ColorProfile::new_srgb();
    rgb.cicp = None;
    rgb.red_trc = Some(trc.clone());
    rgb.green_trc = Some(trc.clone());
    rgb.blue_trc = Some(trc);
    Some(Source {
        profile: rgb,
        layout: Layout::Rgb,
        channels: 1,
        expand_gray: true,
    })
}
