//! Render stage: hand-built pages → PDF/X files, checked with lopdf, poppler
//! (pdftotext, pdftoppm) and the project's preflight.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    reason = "test helpers fail loudly"
)]

use paiban::layout::{Cmyk, Glyph, ImagePlacement, Item, PageFrame, Rect, TextRun};
use paiban::render::image::{ImageFilter, PreparedImage};
use paiban::render::{write_pdf_with, DocInfo, PdfStandard, PrintOptions, Rendered};
use paiban::text::{FontBook, FontId};
use std::path::{Path, PathBuf};
use std::process::Command;

const MM: f32 = 72.0 / 25.4;

#[path = "render/bench.rs"]
mod bench;
#[path = "render/poppler.rs"]
mod poppler;
#[path = "render/structure.rs"]
mod structure;
#[path = "render/support.rs"]
mod support;
