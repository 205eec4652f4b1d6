//! `paiban preview`: the issue built in memory, each page rendered to a PNG with the
//! overset marks of [`crate::layout::overset_marks`] (previews only, never the print
//! PDFs), and a contact sheet of all pages. Pages are rasterised in-process by hayro;
//! when hayro cannot read a page, `pdftoppm` is tried, else E0420.

use super::{doc_info, push_once, write_error, BuildOptions, Status};
use crate::config::{load_issue, Issue};
use crate::diag::{Diagnostic, Severity};
use crate::layout::{layout_issue, overset_marks, LayoutOutput, PageFrame};
use crate::render::{write_file_atomic, write_pdf, PrintOptions};
use crate::text::FontBook;
use image::{imageops, Rgba, RgbaImage};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What to preview.
#[derive(Clone, Debug)]
pub struct PreviewOptions {
    /// Folder for `<page>.png` and `contact.png`.
    pub output: PathBuf,
    /// Resolution of the page PNGs (the contact sheet is smaller).
    pub dpi: f32,
}

/// What a preview run produced.
#[derive(Debug)]
pub struct PreviewOutcome {
    /// Every diagnostic of the run.
    pub diagnostics: Vec<Diagnostic>,
    /// Files written (page PNGs, then the contact sheet).
    pub written: Vec<PathBuf>,
    /// Pages whose preview shows overset marks.
    pub marked: Vec<String>,
    /// The result (as `build`'s exit codes).
    pub status: Status,
}

/// Width of one page on the contact sheet, in pixels.
const THUMB_WIDTH: u32 = 300;

/// Builds the issue in memory and writes the previews.
pub fn preview(issue_path: &Path, opts: &PreviewOptions) -> PreviewOutcome {
    let mut out = PreviewOutcome {
        diagnostics: vec![],
        written: vec![],
        marked: vec![],
        status: Status::Ok,
    };
    let mut fonts = FontBook::new();
    let issue = load_issue(issue_path, &mut fonts, &mut out.diagnostics);
    let errors = |d: &[Diagnostic]| d.iter().any(|d| d.severity == Severity::Error);
    let Some(issue) = issue.filter(|_| !errors(&out.diagnostics)) else {
        out.status = Status::Invalid;
        return out;
    };
    let laid = layout_issue(&issue.spec, &fonts);
    out.diagnostics.extend(laid.diagnostics.iter().cloned());
    if let Err(e) = std::fs::create_dir_all(&opts.output) {
        out.diagnostics.push(write_error(&opts.output, &e));
        out.status = Status::Failed;
        return out;
    }
    // Pages rasterised in parallel; results handled in issue order.
    let rendered: Vec<_> = (0..laid.pages.len())
        .into_par_iter()
        .map(|pi| marked_page(&issue, &fonts, &laid, pi, opts.dpi))
        .collect();
    let mut thumbs = Vec::new();
    for (frame, (marked, result)) in laid.pages.iter().zip(rendered) {
        if marked {
            out.marked.push(frame.name.clone());
        }
        match result {
            Ok((img, notes)) => {
                for d in notes {
                    push_once(&mut out.diagnostics, d);
                }
                let path = opts.output.join(format!("{}.png", file_safe(&frame.name)));
                write_png(&path, &img, &mut out);
                thumbs.push((frame.name.clone(), img));
            }
            Err(d) => push_once(&mut out.diagnostics, *d),
        }
    }
    if !thumbs.is_empty() {
        let sheet = contact_sheet(&issue, &fonts, &thumbs, &mut out.diagnostics);
        write_png(&opts.output.join("contact.png"), &sheet, &mut out);
    }
    if errors(&out.diagnostics) {
        out.status = Status::Failed;
    }
    out
}

/// Page `pi` with its overset marks as pixels; true when it has marks.
fn marked_page(
    issue: &Issue,
    fonts: &FontBook,
    laid: &LayoutOutput,
    pi: usize,
    dpi: f32,
) -> (bool, Rendered) {
    let mut frame = laid.pages[pi].clone();
    let marks = overset_marks(&issue.spec, fonts, &laid.blocks, pi);
    let marked = !marks.is_empty();
    frame.items.extend(marks);
    (marked, raster_frame(issue, fonts, &frame, dpi))
}

/// Pixels and the notes rendering gave, or why it failed.
type Rendered = Result<(RgbaImage, Vec<Diagnostic>), Box<Diagnostic>>;

/// A frame as pixels: trim size only (no bleed, no crop marks), at `dpi`.
fn raster_frame(issue: &Issue, fonts: &FontBook, frame: &PageFrame, dpi: f32) -> Rendered {
    let frame = PageFrame {
        bleed: 0.0,
        ..frame.clone()
    };
    let print = PrintOptions {
        crop_marks: false,
        ..issue.layout.print.clone()
    };
    let info = doc_info(issue, "preview", &BuildOptions::default());
    let pdf = write_pdf(&[&frame], fonts, &print, &info).map_err(Box::new)?;
    let img = rasterize(&pdf.bytes, dpi / 72.0)?;
    Ok((img, pdf.diagnostics))
}

/// Page 1 of a PDF as RGBA pixels at `scale` pixels per pt: hayro, else pdftoppm.
pub fn rasterize(pdf: &[u8], scale: f32) -> Result<RgbaImage, Box<Diagnostic>> {
    match rasterize_hayro(pdf, scale) {
        Some(img) => Ok(img),
        None => rasterize_pdftoppm(pdf, scale),
    }
}

fn rasterize_hayro(pdf: &[u8], scale: f32) -> Option<RgbaImage> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{render, PixmapSettings, RenderCache, RenderSettings};
    let doc = Pdf::new(pdf.to_vec()).ok()?;
    let page = doc.pages().first()?;
    let cache = RenderCache::new();
    let pixmap = render(
        page,
        &cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        },
    );
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Opaque white background: premultiplied RGBA equals straight RGBA.
    RgbaImage::from_raw(w, h, pixmap.data_as_u8_slice().to_vec())
}

fn rasterize_pdftoppm(pdf: &[u8], scale: f32) -> Result<RgbaImage, Box<Diagnostic>> {
    let fail = |why: String| {
        Box::new(
            Diagnostic::error("E0420", format!("cannot render the preview: {why}"))
                .hint("the built-in renderer could not read the page; install poppler-utils (`pdftoppm`) or report the issue"),
        )
    };
    let dir = std::env::temp_dir().join(format!("paiban-preview-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| fail(e.to_string()))?;
    let input = dir.join("page.pdf");
    std::fs::write(&input, pdf).map_err(|e| fail(e.to_string()))?;
    let dpi = format!("{}", (scale * 72.0).round());
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-singlefile", "-r", &dpi])
        .arg(&input)
        .arg(dir.join("page"))
        .status();
    let result = match status {
        Ok(s) if s.success() => image::open(dir.join("page.png"))
            .map(|i| i.to_rgba8())
            .map_err(|e| fail(format!("pdftoppm output unreadable ({e})"))),
        Ok(s) => Err(fail(format!("pdftoppm failed ({s})"))),
        Err(e) => Err(fail(format!("pdftoppm not available ({e})"))),
    };
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// All pages side by side (four to a row), each under its name label.
fn contact_sheet(
    issue: &Issue,
    fonts: &FontBook,
    pages: &[(String, RgbaImage)],
    diags: &mut Vec<Diagnostic>,
) -> RgbaImage {
    let per_row = pages.len().clamp(1, 4) as u32;
    let rows = (pages.len() as u32).div_ceil(per_row);
    let thumbs: Vec<RgbaImage> = pages
        .iter()
        .map(|(_, img)| {
            let h = (img.height() as f32 * THUMB_WIDTH as f32 / img.width().max(1) as f32)
                .round()
                .max(1.0) as u32;
            imageops::resize(img, THUMB_WIDTH, h, imageops::FilterType::Triangle)
        })
        .collect();
    let th = thumbs.iter().map(RgbaImage::height).max().unwrap_or(1);
    let (gap, label_h) = (16u32, 28u32);
    let cell_h = label_h + th + gap;
    let w = gap + per_row * (THUMB_WIDTH + gap);
    let mut sheet = RgbaImage::from_pixel(w, gap + rows * cell_h, Rgba([224, 224, 224, 255]));
    for (i, (thumb, (name, _))) in thumbs.iter().zip(pages).enumerate() {
        let (col, row) = (i as u32 % per_row, i as u32 / per_row);
        let x = gap + col * (THUMB_WIDTH + gap);
        let y = gap + row * cell_h;
        match label(issue, fonts, name, label_h) {
            Ok(l) => imageops::overlay(&mut sheet, &l, x.into(), y.into()),
            Err(d) => push_once(diags, *d),
        }
        imageops::overlay(&mut sheet, thumb, x.into(), (y + label_h).into());
    }
    sheet
}

/// The page name set in the header style, as pixels `h` high and a thumbnail wide.
fn label(
    issue: &Issue,
    fonts: &FontBook,
    name: &str,
    h: u32,
) -> Result<RgbaImage, Box<Diagnostic>> {
    let styles = &issue.layout.styles;
    let size = h as f32 * 0.6;
    let comp = crate::text::CompositionStyle {
        em_pt: size,
        indent_em: 0.0,
        justify: false,
        ..styles.composition.clone()
    };
    let page = issue.spec.pages.iter().find(|p| p.name == name);
    let text = match page {
        Some(p) if !p.section.is_empty() => format!("{name} 第{}版 {}", p.number, p.section),
        _ => name.to_owned(),
    };
    let run = crate::text::Run {
        text,
        font: styles.header.font,
        size_pt: size,
    };
    let line = crate::text::shape_paragraph(fonts, &[run], &comp).natural_line();
    let glyphs = line
        .glyphs
        .iter()
        .map(|g| crate::layout::Glyph {
            gid: g.gid,
            x: g.x_pt + g.dx_pt,
            text: line
                .text
                .get(g.chars.clone())
                .unwrap_or_default()
                .to_owned(),
        })
        .collect();
    let frame = PageFrame {
        name: name.to_owned(),
        number: 0,
        width: THUMB_WIDTH as f32,
        height: h as f32,
        bleed: 0.0,
        items: vec![crate::layout::Item::Text(crate::layout::TextRun {
            font: styles.header.font,
            size_pt: size,
            color: crate::layout::Cmyk::BLACK,
            x: 2.0,
            y: h as f32 * 0.75,
            glyphs,
        })],
    };
    Ok(raster_frame(issue, fonts, &frame, 72.0)?.0)
}

fn write_png(path: &Path, img: &RgbaImage, out: &mut PreviewOutcome) {
    let mut bytes = Vec::new();
    let encoded = image::DynamicImage::ImageRgba8(img.clone())
        .to_rgb8()
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        );
    let result = encoded
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|()| write_file_atomic(path, &bytes));
    match result {
        Ok(()) => out.written.push(path.to_owned()),
        Err(e) => out.diagnostics.push(write_error(path, &e)),
    }
}

/// A page name as a file name (the characters no file name may hold become `-`).
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '\0' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c => c,
        })
        .collect()
}
