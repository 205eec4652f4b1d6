//! Layout stage: articles and photos placed on a page's grid, as [`PageFrame`]s.
//!
//! Input: an [`IssueSpec`] (resolved by the config stage). Output: one [`PageFrame`]
//! per page, an [`ArticleFit`] per article and diagnostics (overset, headline too
//! wide, missing glyphs).

pub mod frame;
pub mod spec;

pub use frame::{Cmyk, Glyph, ImagePlacement, Item, PageFrame, Rect, TextRun};
pub use spec::*;
