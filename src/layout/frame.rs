//! The layout stage's output: pages as positioned marks, in pt.
//!
//! Coordinates: origin at the top-left corner of the trim box, x to the right,
//! y downwards. Nothing here knows about PDF; the render stage maps these marks
//! to PDF operators.

use crate::text::FontId;
use std::path::PathBuf;

/// A colour as CMYK fractions, each 0.0 ..= 1.0.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Cmyk {
    pub c: f32,
    pub m: f32,
    pub y: f32,
    pub k: f32,
}

impl Cmyk {
    /// 100 % K: body text, captions and rules (they overprint).
    pub const BLACK: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 1.0,
    };
    /// Paper white (never overprints).
    pub const WHITE: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 0.0,
    };

    /// True for pure black (K only, 100 %), which the print shop wants overprinting.
    pub fn is_pure_black(&self) -> bool {
        self.c == 0.0 && self.m == 0.0 && self.y == 0.0 && self.k >= 1.0
    }
}

/// An axis-aligned rectangle, in pt.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// One glyph of a [`TextRun`].
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's face.
    pub gid: u16,
    /// Where the glyph is drawn, relative to the run's origin, in pt.
    pub x: f32,
    /// The characters the glyph stands for (for ToUnicode / copy-paste).
    pub text: String,
}

/// Glyphs in one face, size and colour on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub font: FontId,
    pub size_pt: f32,
    pub color: Cmyk,
    /// Start of the baseline, in page coordinates.
    pub x: f32,
    /// The baseline, in page coordinates.
    pub y: f32,
    pub glyphs: Vec<Glyph>,
}

/// A placed picture: the image's `crop` (in image pixels) is drawn into `frame` and
/// clipped to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImagePlacement {
    /// The image file.
    pub path: PathBuf,
    /// Pixel size of the file.
    pub px_width: u32,
    pub px_height: u32,
    /// The part of the image shown, in pixels (x, y from the top-left).
    pub crop: Rect,
    /// Where it goes on the page.
    pub frame: Rect,
}

/// A mark on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A straight rule from (x0, y0) to (x1, y1).
    Rule {
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        width: f32,
        color: Cmyk,
    },
    /// A filled and/or stroked rectangle.
    Rect {
        rect: Rect,
        fill: Option<Cmyk>,
        stroke: Option<(Cmyk, f32)>,
    },
    /// A picture.
    Image(ImagePlacement),
}

/// One page, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct PageFrame {
    /// The page's name in the issue (for file names and reports), e.g. `A01`.
    pub name: String,
    /// The printed page number (版次).
    pub number: u32,
    /// Trim size, in pt.
    pub width: f32,
    pub height: f32,
    /// Bleed on every side, in pt.
    pub bleed: f32,
    /// Marks in painting order.
    pub items: Vec<Item>,
}
