//! Layout stage: articles and photos placed on a page's grid, as [`PageFrame`]s.

pub mod frame;

pub use frame::{Cmyk, Glyph, ImagePlacement, Item, PageFrame, Rect, TextRun};
