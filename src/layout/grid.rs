//! Page grid geometry: columns, gutters and the body line grid.
//!
//! The type area (版心) is `columns` basic columns of `column_chars` body characters
//! with gutters of `gutter_chars` characters (CLREQ §"Page design"; cjk-rules §1.h, §4.2),
//! and `lines` body lines of `line_pitch` each.
//!
//! **Line grid.** Grid line `n` (1-based) is the band
//! `[y + (n − 1) × pitch, y + n × pitch)`. A body line's em box is centred in its band,
//! so its baseline is `y + (n − 1) × pitch + ascent_offset` with
//! `ascent_offset = (pitch − body) / 2 + 0.88 × body` (the ideographic em box of CJK
//! faces runs from −0.12 em to +0.88 em around the baseline). Every body line of every
//! block uses these baselines, so lines align across columns and blocks (cjk-rules §1.h,
//! JLREQ §2.5.2); headlines, photos and captions take whole bands.

use super::spec::PageGeometry;

/// Height of the ideographic em box above the baseline, in em.
pub(crate) const EM_ASCENT: f32 = 0.88;

/// Geometry helpers over a page's [`PageGeometry`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Grid<'a> {
    pub g: &'a PageGeometry,
}

/// A text column inside a block: its left edge and whole-字 measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TextColumn {
    /// Left edge, page coordinates.
    pub x: f32,
    /// Width in body characters.
    pub chars: u32,
    /// Width in pt (`chars × body`).
    pub measure: f32,
}

impl<'a> Grid<'a> {
    /// Wraps a page's geometry.
    pub fn new(g: &'a PageGeometry) -> Self {
        Self { g }
    }

    /// One body character (字), in pt.
    pub fn em(&self) -> f32 {
        self.g.body_pt
    }

    /// The body line pitch, in pt.
    pub fn pitch(&self) -> f32 {
        self.g.line_pitch
    }

    /// The gutter, in pt.
    pub fn gutter(&self) -> f32 {
        self.g.gutter_chars as f32 * self.em()
    }

    /// Left edge of grid column `c` (1-based).
    pub fn col_left(&self, c: u32) -> f32 {
        let step = (self.g.column_chars + self.g.gutter_chars) as f32 * self.em();
        self.g.x + c.saturating_sub(1) as f32 * step
    }

    /// Right edge of grid column `c` (1-based).
    pub fn col_right(&self, c: u32) -> f32 {
        self.col_left(c) + self.g.column_chars as f32 * self.em()
    }

    /// Width in 字 of grid columns `cols` merged (长栏): n × column + (n − 1) × gutter
    /// (cjk-rules §4.2).
    pub fn span_chars(&self, cols: (u32, u32)) -> u32 {
        let n = cols.1.saturating_sub(cols.0) + 1;
        n * self.g.column_chars + (n - 1) * self.g.gutter_chars
    }

    /// Top of grid line `n`'s band (1-based).
    pub fn line_top(&self, n: u32) -> f32 {
        self.g.y + n.saturating_sub(1) as f32 * self.pitch()
    }

    /// Bottom of grid line `n`'s band.
    pub fn line_bottom(&self, n: u32) -> f32 {
        self.g.y + n as f32 * self.pitch()
    }

    /// Distance from a band's top to the body baseline in it.
    pub fn ascent_offset(&self) -> f32 {
        (self.pitch() - self.em()) / 2.0 + EM_ASCENT * self.em()
    }

    /// Body baseline of grid line `n` (1-based).
    pub fn baseline(&self, n: u32) -> f32 {
        self.line_top(n) + self.ascent_offset()
    }

    /// Bottom of the type area.
    pub fn area_bottom(&self) -> f32 {
        self.line_bottom(self.g.lines)
    }

    /// Right edge of the type area.
    pub fn area_right(&self) -> f32 {
        self.col_right(self.g.columns)
    }

    /// Clamps a block's columns and lines to the grid; `None` when nothing is left.
    pub fn clamp(&self, cols: (u32, u32), lines: (u32, u32)) -> Option<((u32, u32), (u32, u32))> {
        let c0 = cols.0.max(1);
        let c1 = cols.1.min(self.g.columns);
        let l0 = lines.0.max(1);
        let l1 = lines.1.min(self.g.lines);
        (c0 <= c1 && l0 <= l1).then_some(((c0, c1), (l0, l1)))
    }

    /// Divides a block `chars` wide starting at `x` into `k` text columns of whole 字
    /// (破栏, cjk-rules §4.2: width = (long column − gaps) / parts). A remainder of `r`
    /// characters goes one each to the last `r` columns (五破三 → 22 + 22 + 23).
    pub fn text_columns(&self, x: f32, chars: u32, k: u32) -> Vec<TextColumn> {
        let gut = self.g.gutter_chars;
        let k = k.clamp(1, ((chars + gut) / (1 + gut)).max(1));
        let net = chars.saturating_sub((k - 1) * gut);
        let (base, rem) = (net / k, net % k);
        let mut out = Vec::with_capacity(k as usize);
        let mut at = 0u32;
        for i in 0..k {
            let w = base + u32::from(i >= k - rem);
            out.push(TextColumn {
                x: x + at as f32 * self.em(),
                chars: w,
                measure: w as f32 * self.em(),
            });
            at += w + gut;
        }
        out
    }
}
