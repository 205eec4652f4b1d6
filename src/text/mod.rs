//! Text stage: fonts, shaping and Chinese line composition.
//!
//! Input: a paragraph as styled [`Run`]s plus a [`CompositionStyle`].
//! Output: [`Line`]s, each a list of positioned glyphs whose widths already include
//! punctuation compression, CJK–Latin spacing and justification.
//!
//! The paragraph is shaped once ([`shape_paragraph`]) and can then be broken at any
//! measure ([`ShapedParagraph::break_lines`]) without reshaping.
//!
//! Stages, one file each:
//! * `classes` — the character-class table (CLREQ §3.1.7 prohibitions per level, blank
//!   side of the em box, CLREQ §3.8.2 shrink tier; cjk-rules §1.0/§1.a);
//! * `shape` — rustybuzz shaping of runs into glyph clusters (—— as one 2-em glyph);
//! * `width` — the width model: punctuation blanks per [`PunctStyle`], adjacent pairs
//!   2 → 1.5 em, line-start opening trim, line-end half width (GB/T 15834 §5.1.10),
//!   CJK–Latin spacing (CLREQ §3.4.1);
//! * `segment` — break opportunities and penalties from the table (kinsoku,
//!   unbreakables, number|unit penalty), gaps open to expansion;
//! * `linebreak` — total-fit over prefix sums (push-in cheaper than push-out, 孤字
//!   penalty, forced fallback) and greedy first-fit;
//! * `suffix` — the same total-fit run backwards once per measure, so breaking from
//!   any start (a column head mid-paragraph) costs one line's look-back
//!   ([`ShapedParagraph::breaker`]);
//! * `justify` — tiered shrink and stretch (CLREQ §3.8.2/§3.8.3, equal within a tier);
//! * `compose` — the driver and glyph placement.

mod classes;
mod compose;
pub mod font;
mod justify;
mod linebreak;
mod segment;
mod shape;
mod suffix;
mod width;

pub use compose::shape_paragraph;
pub use compose::{Breaker, LineSpan, ShapedParagraph};
pub use font::{Face, FontBook, FontError, FontId};

use serde::Deserialize;
use std::ops::Range;

/// Punctuation width style (CLREQ §3.1.6 "Punctuation Width Adjustment"; cjk-rules §1.c).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PunctStyle {
    /// 全角式: marks 1 em, adjacent pairs 1.5 em, line-edge trims (GB/T 15834 §5.1.10).
    #[default]
    Quanjiao,
    /// 开明式: 。？！ stay 1 em, all other marks ½ em.
    Kaiming,
    /// 半角式: every mark ½ em.
    Banjiao,
    /// No adjustment at all: every mark stays 1 em (strict grid).
    Plain,
}

/// Line-start / line-end prohibition level (CLREQ §3.1.7; cjk-rules §1.a).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KinsokuLevel {
    /// No prohibitions (TW/HK newspapers).
    None,
    /// CLREQ basic: the mainland default.
    #[default]
    Basic,
    /// Basic plus solidus not at line end.
    Gb,
    /// GB plus —— and …… not at line start.
    Strict,
}

/// How lines are chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BreakMethod {
    /// Total-fit over the paragraph (Knuth–Plass style).
    #[default]
    Optimal,
    /// First-fit, line by line (for comparison).
    Greedy,
}

/// Space between Han and Latin letters or digits (CLREQ §3.4 "Mixed Text Composition").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CjkLatinSpacing {
    /// No extra space.
    None,
    /// A fixed amount, in em.
    Fixed(f32),
    /// A natural amount that justification may shrink to `min` or stretch to `max`, in em.
    Flexible { natural: f32, min: f32, max: f32 },
}

impl Default for CjkLatinSpacing {
    /// ¼ em, flexible from ⅛ to ½ em (cjk-rules §1.f).
    fn default() -> Self {
        CjkLatinSpacing::Flexible {
            natural: 0.25,
            min: 0.125,
            max: 0.5,
        }
    }
}

/// Everything that decides how a paragraph is composed.
#[derive(Clone, Debug, PartialEq)]
pub struct CompositionStyle {
    /// The body size in pt: one 字 (em) of the measure and of every em-based amount.
    pub em_pt: f32,
    /// Punctuation width style.
    pub punct: PunctStyle,
    /// Prohibition level.
    pub kinsoku: KinsokuLevel,
    /// Han–Latin spacing.
    pub cjk_latin: CjkLatinSpacing,
    /// First-line indent in em (CLREQ §3.2.2: 2 em on every paragraph).
    pub indent_em: f32,
    /// Hang one 、，。 past the line end instead of pushing in or out (off by default).
    pub hanging: bool,
    /// Line-breaking algorithm.
    pub method: BreakMethod,
    /// Justify non-final lines to the measure (body text); false sets lines flush start.
    pub justify: bool,
}

impl Default for CompositionStyle {
    fn default() -> Self {
        Self {
            em_pt: 9.0,
            punct: PunctStyle::default(),
            kinsoku: KinsokuLevel::default(),
            cjk_latin: CjkLatinSpacing::default(),
            indent_em: 2.0,
            hanging: false,
            method: BreakMethod::default(),
            justify: true,
        }
    }
}

/// A piece of a paragraph in one font and size (a dateline in Hei, the rest in Song).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The text; line breaks inside are treated as nothing (paragraphs are already split).
    pub text: String,
    /// Face to shape with.
    pub font: FontId,
    /// Font size in pt.
    pub size_pt: f32,
}

/// A glyph placed on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct LineGlyph {
    /// Face of the glyph.
    pub font: FontId,
    /// Font size in pt.
    pub size_pt: f32,
    /// Glyph id in the face (0 = .notdef, reported as a missing glyph).
    pub gid: u16,
    /// Left edge of the glyph's advance box, from the line's start edge, in pt.
    pub x_pt: f32,
    /// Horizontal offset of the glyph's drawing from `x_pt` (a trimmed blank moves the
    /// glyph left: negative), in pt.
    pub dx_pt: f32,
    /// The characters this glyph stands for, as a byte range of [`Line::text`].
    pub chars: Range<usize>,
}

/// One composed line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The line's characters in order (the indent is not a character).
    pub text: String,
    /// Byte range of the line in the paragraph's text.
    pub range: Range<usize>,
    /// Glyphs in visual (= logical) order.
    pub glyphs: Vec<LineGlyph>,
    /// Width the line occupies after adjustment, indent included, a hanging mark
    /// excluded, in pt. Equal to the measure for every justified non-final line.
    pub width_pt: f32,
    /// Width before justification (after punctuation compression), in pt.
    pub natural_pt: f32,
    /// The paragraph's last line.
    pub is_final: bool,
    /// No legal break existed: the line was broken against the rules or overflows.
    pub forced: bool,
}
#[cfg(test)]
mod tests;
