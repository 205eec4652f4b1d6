//! A layout file resolved: page geometry (the grid), styles with loaded fonts, and
//! print options.

use super::paper::{named_paper, paper_names};
use super::raw::{RawGrid, RawLayout, RawMargins, RawPaper, V};
use super::read::{parse, sort_by_place, Reader};
use super::schema::LAYOUT;
use super::source::{did_you_mean, Source};
use super::styles::resolve_styles;
use super::units::{Accept, UnitContext, PT_PER_MM};
use crate::diag::Diagnostic;
use crate::layout::{PageGeometry, Styles};
use crate::render::{PdfStandard, PrintOptions};
use crate::text::FontBook;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// A resolved layout.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The layout file.
    pub file: PathBuf,
    /// Page size and grid (lines per column derived from the type area).
    pub geometry: PageGeometry,
    /// Every style, fonts loaded.
    pub styles: Arc<Styles>,
    /// What the print shop asks for.
    pub print: PrintOptions,
}

impl Layout {
    /// One line describing the grid, for the build summary.
    pub fn summary(&self) -> String {
        let g = &self.geometry;
        let chars = g.columns * g.column_chars + (g.columns - 1) * g.gutter_chars;
        let mm = |pt: f32| f64::from(pt) / PT_PER_MM;
        format!(
            "{:.0} × {:.0} mm, {} columns × {}字 + {}字 gutter = {}字 at {}pt on {}pt, {} lines",
            mm(g.width),
            mm(g.height),
            g.columns,
            g.column_chars,
            g.gutter_chars,
            chars,
            g.body_pt,
            g.line_pitch,
            g.lines
        )
    }
}

/// Default bleed on every side (print-ready.md: 3 mm).
const DEFAULT_BLEED_MM: f64 = 3.0;
/// Default top and bottom margins.
const DEFAULT_MARGIN_MM: f64 = 15.0;

/// Lines that fit a type area `height` high: n lines take `(n − 1) × pitch + body`
/// (the first line's top to the last line's bottom; cjk-rules §1.h, JLREQ §2.3.1).
pub fn lines_per_column(height: f64, body: f64, pitch: f64) -> u32 {
    if height < body || pitch <= 0.0 {
        return 0;
    }
    // A hair of tolerance so that 40 lines designed to the point are not 39.
    (((height - body) / pitch) + 1e-6).floor() as u32 + 1
}

/// Reads and resolves a layout file; fonts are loaded into `fonts`.
pub fn load_layout(
    path: &Path,
    fonts: &mut FontBook,
    diags: &mut Vec<Diagnostic>,
) -> Option<Layout> {
    let src = Source::read_reporting(path, diags)?;
    let before = diags.len();
    let raw: RawLayout = parse(&src, LAYOUT, diags)?;
    let mut r = Reader::new(&src, diags);
    // Without a grid, styles are still checked against a stand-in so that one run
    // reports every mistake.
    let resolved = resolve_geometry(&mut r, &raw);
    let geometry = resolved.clone().unwrap_or_else(stand_in_geometry);
    r.ctx = UnitContext {
        zi: Some(f64::from(geometry.body_pt)),
        hang: Some(f64::from(geometry.line_pitch)),
        em: None,
    };
    let styles = resolve_styles(&mut r, &raw, &geometry, fonts);
    let print = resolve_print(&mut r, &raw);
    sort_by_place(&mut diags[before..]);
    if diags.len() > before {
        return None;
    }
    Some(Layout {
        file: path.to_owned(),
        geometry: resolved?,
        styles: Arc::new(styles?),
        print,
    })
}

/// A 小五 grid on a 13.5 pt pitch, used only to check styles when the grid has errors.
fn stand_in_geometry() -> PageGeometry {
    PageGeometry {
        width: 0.0,
        height: 0.0,
        bleed: 0.0,
        x: 0.0,
        y: 0.0,
        columns: 1,
        column_chars: 1,
        gutter_chars: 1,
        body_pt: 9.0,
        line_pitch: 13.5,
        lines: 1,
        header_height: 0.0,
    }
}

fn resolve_paper(r: &mut Reader, paper: Option<&Spanned<RawPaper>>) -> Option<(f64, f64, f64)> {
    let Some(paper) = paper else {
        r.missing(0..0, "paper", "{ name = \"4开\" }");
        return None;
    };
    let (span, p) = (paper.span(), paper.get_ref());
    let size = match (&p.name, &p.size) {
        (Some(name), None) => paper_by_name(r, name),
        (None, Some(size)) => paper_by_size(r, size),
        (Some(name), Some(_)) => {
            r.error(
                "E0105",
                name.span(),
                "`paper.name` and `paper.size` both given",
                "keep one of them",
            );
            None
        }
        (None, None) => {
            r.missing(span, "name", "\"4开\"");
            None
        }
    };
    let bleed = match &p.bleed {
        Some(b) => r.length_at_least(b, "bleed", Accept::ABSOLUTE, 0.0),
        None => Some(DEFAULT_BLEED_MM * PT_PER_MM),
    };
    let (w, h) = size?;
    Some((w, h, bleed?))
}

fn paper_by_name(r: &mut Reader, name: &V) -> Option<(f64, f64)> {
    let s = r.string(name, "paper.name")?;
    if let Some(p) = named_paper(&s) {
        return Some((p.width_mm * PT_PER_MM, p.height_mm * PT_PER_MM));
    }
    let all: Vec<&str> = paper_names().collect();
    let hint = match did_you_mean(&s, all.iter().copied()) {
        Some(m) => format!("did you mean `{m}`?"),
        None => format!(
            "named sizes: {}; or give `size = [\"272mm\", \"390mm\"]`",
            all.join(", ")
        ),
    };
    r.error(
        "E0105",
        name.span(),
        format!("unknown paper size `{s}`"),
        hint,
    );
    None
}

fn paper_by_size(r: &mut Reader, size: &V) -> Option<(f64, f64)> {
    let items = match size.get_ref() {
        toml::Value::Array(a) if a.len() == 2 => a.clone(),
        _ => {
            r.error(
                "E0103",
                size.span(),
                "`paper.size` must be `[width, height]`",
                "e.g. `size = [\"297mm\", \"420mm\"]`",
            );
            return None;
        }
    };
    let span = size.span();
    let w = r.length(
        &Spanned::new(span.clone(), items[0].clone()),
        "paper.size",
        Accept::ABSOLUTE,
    );
    let h = r.length(
        &Spanned::new(span, items[1].clone()),
        "paper.size",
        Accept::ABSOLUTE,
    );
    Some((w?, h?))
}

struct Grid {
    columns: u32,
    column_chars: u32,
    gutter_chars: u32,
    body: f64,
    pitch: f64,
}

fn resolve_grid(r: &mut Reader, grid: Option<&Spanned<RawGrid>>) -> Option<Grid> {
    let Some(grid) = grid else {
        r.missing(0..0, "grid", "{ columns = 6, column = \"11字\" }");
        return None;
    };
    let (span, g) = (grid.span(), grid.get_ref());
    let body = match &g.body {
        Some(v) => r.length(v, "grid.body", Accept::SIZE),
        None => Some(9.0), // 小五, the standard newspaper body size (cjk-rules §4.2)
    };
    r.ctx.zi = body;
    let columns =
        req(r, &g.columns, &span, "columns", "6").and_then(|v| r.uint(v, "grid.columns", 1, 24));
    let column_chars = req(r, &g.column, &span, "column", "\"11字\"").and_then(|v| {
        let n = whole_zi(r, v, "grid.column")?;
        if n == 0 {
            let hint =
                "a column holds whole characters: give at least `\"1字\"` (newspapers use 8–14)";
            r.error(
                "E0105",
                v.span(),
                "`grid.column` is 0字: it cannot hold one character",
                hint,
            );
            return None;
        }
        Some(n)
    });
    let gutter_chars = match &g.gutter {
        Some(v) => whole_zi(r, v, "grid.gutter"),
        None => Some(1), // 栏空 = 1 字 (cjk-rules §4.2)
    };
    let pitch = match &g.line_pitch {
        Some(v) => r.length(
            v,
            "grid.line_pitch",
            Accept {
                hang: false,
                ..Accept::DISTANCE
            },
        ),
        None => body.map(|b| b * 1.5), // a plausible default, cjk-rules §4.2 "Leading"
    };
    let (body, pitch) = (positive(r, g.body.as_ref(), body, "grid.body")?, pitch?);
    if !(pitch >= body) {
        let span = g.line_pitch.as_ref().map_or(span.clone(), |v| v.span());
        let msg =
            format!("`grid.line_pitch` ({pitch} pt) is smaller than the body size ({body} pt)");
        r.error(
            "E0105",
            span,
            msg,
            "lines would print over each other: give a pitch of at least the body size",
        );
        return None;
    }
    Some(Grid {
        columns: columns?,
        column_chars: column_chars?,
        gutter_chars: gutter_chars?,
        body,
        pitch,
    })
}

/// The body size, which must be more than zero (a 0 pt body has no characters to count).
fn positive(r: &mut Reader, v: Option<&V>, pt: Option<f64>, key: &str) -> Option<f64> {
    match (pt, v) {
        (Some(pt), Some(v)) if !(pt > 0.0) => {
            let msg = format!("`{key}` is {pt} pt; it must be more than 0");
            r.error(
                "E0105",
                v.span(),
                msg,
                "give the body size, e.g. `\"小五\"` or `\"9pt\"`",
            );
            None
        }
        _ => pt,
    }
}

fn req<'v>(
    r: &mut Reader,
    v: &'v Option<V>,
    span: &Range<usize>,
    key: &str,
    example: &str,
) -> Option<&'v V> {
    if v.is_none() {
        r.missing(span.clone(), key, example);
    }
    v.as_ref()
}

/// A whole number of body characters (`"11字"`).
fn whole_zi(r: &mut Reader, v: &V, key: &str) -> Option<u32> {
    let pt = r.length(v, key, Accept::ZI)?;
    let zi = pt / r.ctx.zi?;
    if (zi - zi.round()).abs() > 1e-6 || zi < 0.0 {
        r.error(
            "E0105",
            v.span(),
            format!("`{key}` must be a whole number of 字"),
            "the grid counts whole body characters, e.g. `\"11字\"`",
        );
        return None;
    }
    Some(zi.round() as u32)
}

fn resolve_geometry(r: &mut Reader, raw: &RawLayout) -> Option<PageGeometry> {
    let paper = resolve_paper(r, raw.paper.as_ref());
    let grid = resolve_grid(r, raw.grid.as_ref())?;
    r.ctx.hang = Some(grid.pitch);
    let header = match &raw.header.height {
        Some(v) => r.length_at_least(v, "header.height", Accept::DISTANCE, 0.0),
        None => Some(0.0),
    };
    let margins = resolve_margins(r, raw.margins.as_ref());
    let (width, height, bleed) = paper?;
    let (top, bottom, left, right) = margins?;
    let header = header?;
    let chars = grid.columns * grid.column_chars + (grid.columns - 1) * grid.gutter_chars;
    let type_width = f64::from(chars) * grid.body;
    let x = match (left, right) {
        (Some(l), _) => l,
        (None, Some(rt)) => width - rt - type_width,
        (None, None) => (width - type_width) / 2.0,
    };
    let span = raw.grid.as_ref().map_or(0..0, |g| g.span());
    if x < 0.0 || x + type_width > width + 1e-3 {
        let msg = format!(
            "the type area is {:.1} mm wide ({chars}字) but fits only {:.1} mm of the page",
            type_width / PT_PER_MM,
            (width - left.or(right).unwrap_or(0.0)) / PT_PER_MM
        );
        r.error(
            "E0108",
            span,
            msg,
            "use fewer or narrower columns, a smaller body size, or a larger paper",
        );
        return None;
    }
    let y = top + header;
    let lines = lines_per_column(height - y - bottom, grid.body, grid.pitch);
    if lines == 0 {
        r.error(
            "E0108",
            span,
            "no body line fits between the margins",
            "make the margins or the header smaller",
        );
        return None;
    }
    Some(PageGeometry {
        width: width as f32,
        height: height as f32,
        bleed: bleed as f32,
        x: x as f32,
        y: y as f32,
        columns: grid.columns,
        column_chars: grid.column_chars,
        gutter_chars: grid.gutter_chars,
        body_pt: grid.body as f32,
        line_pitch: grid.pitch as f32,
        lines,
        header_height: header as f32,
    })
}

type Margins = (f64, f64, Option<f64>, Option<f64>);

fn resolve_margins(r: &mut Reader, m: Option<&Spanned<RawMargins>>) -> Option<Margins> {
    let default = RawMargins::default();
    let m = m.map_or(&default, |m| m.get_ref());
    let mut side = |v: &Option<V>, key: &str| {
        v.as_ref()
            .map(|v| r.length_at_least(v, key, Accept::DISTANCE, 0.0))
    };
    let top = side(&m.top, "margins.top").unwrap_or(Some(DEFAULT_MARGIN_MM * PT_PER_MM));
    let bottom = side(&m.bottom, "margins.bottom").unwrap_or(Some(DEFAULT_MARGIN_MM * PT_PER_MM));
    let left = side(&m.left, "margins.left");
    let right = side(&m.right, "margins.right");
    if let (Some(_), Some(_), Some(v)) = (&left, &right, &m.right) {
        let hint = "the type-area width follows from the grid: give `left` or `right`, or neither to centre it";
        r.error(
            "E0105",
            v.span(),
            "`margins.left` and `margins.right` both given",
            hint,
        );
        return None;
    }
    let left = match left {
        Some(l) => Some(l?),
        None => None,
    };
    let right = match right {
        Some(rt) => Some(rt?),
        None => None,
    };
    Some((top?, bottom?, left, right))
}

fn resolve_print(r: &mut Reader, raw: &RawLayout) -> PrintOptions {
    let p = &raw.print;
    let mut o = PrintOptions::default();
    let std_opts = [("x-1a", PdfStandard::X1a2001), ("x-4", PdfStandard::X4)];
    if let Some(s) = p
        .standard
        .as_ref()
        .and_then(|v| r.choice(v, "print.standard", &std_opts))
    {
        o.standard = s;
    }
    let mut text = |v: &Option<V>, key: &str, slot: &mut String| {
        if let Some(s) = v.as_ref().and_then(|v| r.string(v, key)) {
            *slot = s;
        }
    };
    text(
        &p.output_condition_identifier,
        "print.output_condition_identifier",
        &mut o.output_condition_identifier,
    );
    text(
        &p.output_condition,
        "print.output_condition",
        &mut o.output_condition,
    );
    text(&p.registry, "print.registry", &mut o.registry_name);
    if let Some(s) = p
        .output_profile
        .as_ref()
        .and_then(|v| r.string(v, "print.output_profile"))
    {
        let path = r.src.resolve_path(&s);
        if !path.is_file() {
            let msg = format!(
                "cannot read output profile `{}`: {}",
                path.display(),
                super::source::not_a_file(&path)
            );
            let v = p.output_profile.as_ref().map_or(0..0, |v| v.span());
            r.error("E0107", v, msg, "the path is relative to the layout file");
        }
        o.output_profile = Some(path);
    }
    if let Some(b) = p
        .crop_marks
        .as_ref()
        .and_then(|v| r.boolean(v, "print.crop_marks"))
    {
        o.crop_marks = b;
    }
    if let Some(n) = p
        .max_ppi
        .as_ref()
        .and_then(|v| r.number_at_least(v, "print.max_ppi", 0.0))
    {
        o.max_ppi = n as f32;
    }
    if let Some(n) = p
        .min_ppi
        .as_ref()
        .and_then(|v| r.number_at_least(v, "print.min_ppi", 0.0))
    {
        o.min_ppi = n as f32;
    }
    o
}
