//! The layout stage's input: what the config stage resolves an issue into.
//!
//! All lengths are in pt. Grid positions (`cols`, `lines`) are 1-based and inclusive,
//! as designers write them (`cols = [1, 4]`, `lines = [1, 40]`).

use super::frame::Cmyk;
use crate::content::{Article, Photo};
use crate::diag::Location;
use crate::text::{CompositionStyle, FontId};
use std::sync::Arc;

/// Horizontal alignment of single lines (headlines, captions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Start,
    Center,
    End,
}

/// How one kind of text is set.
#[derive(Clone, Debug, PartialEq)]
pub struct TextStyle {
    pub font: FontId,
    pub size_pt: f32,
    /// Smallest size a too-long headline may shrink to (= `size_pt` means never shrink).
    pub min_size_pt: f32,
    pub color: Cmyk,
    pub align: Align,
    /// Distance between baselines of consecutive lines of this style, in pt; the block's
    /// total height is rounded up to whole body lines.
    pub leading_pt: f32,
    /// Extra space after every character, in em (negative tightens headlines).
    pub tracking_em: f32,
}

/// Every style a page uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Styles {
    /// Body text, and how it is composed (measure unit = `body.size_pt`).
    pub body: TextStyle,
    pub composition: CompositionStyle,
    /// 电头 at the head of an article's first paragraph (usually Hei, body size).
    pub dateline: TextStyle,
    pub kicker: TextStyle,
    pub headline: TextStyle,
    pub subhead: TextStyle,
    pub byline: TextStyle,
    pub caption: TextStyle,
    pub credit: TextStyle,
    /// 报眉 (running head) text.
    pub header: TextStyle,
    /// 转版 lines (下转第N版 / 上接第N版).
    pub jump: TextStyle,
    /// 版名 (page name) centred in the running head; the rest of it is `header`.
    pub section: TextStyle,
    /// Rule width between blocks and under the header, in pt.
    pub rule_pt: f32,
    pub rule_color: Cmyk,
}

/// Page size and grid.
#[derive(Clone, Debug, PartialEq)]
pub struct PageGeometry {
    /// Trim size.
    pub width: f32,
    pub height: f32,
    /// Bleed on every side.
    pub bleed: f32,
    /// The type area (版心): top-left corner and size. Its width is
    /// `columns × column_chars × body + (columns − 1) × gutter_chars × body`.
    pub x: f32,
    pub y: f32,
    /// Number of grid columns (栏).
    pub columns: u32,
    /// Basic column width in body characters (基本栏, e.g. 11 or 13 字).
    pub column_chars: u32,
    /// Gutter (栏空) in body characters.
    pub gutter_chars: u32,
    /// Body size (one 字), in pt.
    pub body_pt: f32,
    /// Body line pitch (baseline to baseline), in pt.
    pub line_pitch: f32,
    /// Body lines per column.
    pub lines: u32,
    /// Height of the running-head zone above the type area (0 for none), in pt.
    pub header_height: f32,
}

/// A body-text photo inside an article block: it takes whole text columns and
/// whole lines, and the body flows around it.
#[derive(Clone, Debug, PartialEq)]
pub struct InlinePhoto {
    /// Index into the article's photos.
    pub photo: usize,
    /// Text columns of the block it spans (1-based, inclusive).
    pub cols: (u32, u32),
    /// Lines of the block it occupies, caption included (1-based, inclusive).
    pub lines: (u32, u32),
    pub fit: Fit,
}

/// How a photo fills its frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fit {
    /// Fill the frame and crop around the focal point.
    #[default]
    Fill,
    /// Fit inside the frame, whole picture shown.
    Fit,
}

/// An article (or a part of one) placed on the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleBlock {
    pub article: Arc<Article>,
    /// Grid columns and lines of the block (1-based, inclusive).
    pub cols: (u32, u32),
    pub lines: (u32, u32),
    /// Text columns the block's width is divided into (破栏); `None` = one per grid column.
    pub text_columns: Option<u32>,
    /// Photos set inside the block.
    pub photos: Vec<InlinePhoto>,
    /// Try the bounded copyfit steps when the text does not fit exactly.
    pub copyfit: bool,
    /// The 主题 size of this block, overriding the `headline` style's (the page lead's
    /// headline is the largest, cjk-rules §4.3 "size by importance"); `None` = the style's.
    pub headline_size: Option<f32>,
    /// Draw a box rule around the block.
    pub boxed: bool,
    /// Where the block is declared (page TOML), for diagnostics.
    pub source: Option<Location>,
}

/// A photo block on its own (图片新闻) with its caption below.
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoBlock {
    pub photo: Photo,
    pub cols: (u32, u32),
    pub lines: (u32, u32),
    pub fit: Fit,
    pub source: Option<Location>,
}

/// Something placed on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Article(ArticleBlock),
    Photo(PhotoBlock),
}

/// An explicit rule on the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSpec {
    /// Horizontal: after grid line `at` across `span` columns; vertical: after column
    /// `at` down `span` lines.
    pub vertical: bool,
    pub at: u32,
    pub span: (u32, u32),
    pub width_pt: f32,
}

/// One page of the issue.
#[derive(Clone, Debug, PartialEq)]
pub struct PageSpec {
    /// Name in the issue, e.g. `A01` (file names, report).
    pub name: String,
    /// Printed page number (版次).
    pub number: u32,
    /// 版名, e.g. `台商投资区新闻`.
    pub section: String,
    pub geometry: PageGeometry,
    pub styles: Arc<Styles>,
    /// Blocks in reading order: an article named in several blocks continues (转版)
    /// from block to block, in issue order.
    pub blocks: Vec<Block>,
    pub rules: Vec<RuleSpec>,
}

/// The whole issue, as layout sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueSpec {
    /// 报名, e.g. `闽南日报`.
    pub paper: String,
    /// Date as printed in the running head, e.g. `2022年10月31日 星期一`.
    pub date_text: String,
    /// Edition label, e.g. `台商投资区新闻`.
    pub edition: String,
    pub pages: Vec<PageSpec>,
}

/// How an article fitted.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ArticleFit {
    pub id: String,
    /// Page name of the article's last part.
    pub page: String,
    /// Body lines that did not fit anywhere.
    pub overset_lines: u32,
    /// Characters in those lines.
    pub overset_chars: u32,
    /// Free body lines left in the article's last block.
    pub underset_lines: u32,
}
