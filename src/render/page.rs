//! One page's content stream: frame marks (pt, origin top-left of the trim, y down)
//! to PDF operators in user space (origin bottom-left of the MediaBox, y up).
//!
//! Colour is DeviceCMYK only (`k` / `K`). Pure black text and rules overprint
//! through the `/GSop` ExtGState (OP, op true, OPM 1); everything else, white
//! included, paints with `/GSko` (knockout) — print-ready.md §1.7, GWG R0007/R0009.

use super::fonts::FontPlan;
use super::xobject::{self, ImageIndex, ImageSource, Placed};
use super::Blob;
use crate::diag::Diagnostic;
use crate::layout::{Cmyk, ImagePlacement, Item, PageFrame, Rect, TextRun};
use crate::text::FontId;
use pdf_writer::{Content, Name, Str};
use std::collections::BTreeSet;

/// Crop marks: gap between the bleed edge and a mark, the mark's length, and the
/// free paper beyond it (pt).
const MARK_GAP: f32 = 2.835;
const MARK_LEN: f32 = 14.173;
const MARK_MARGIN: f32 = 2.835;
/// Crop marks are hairlines (0.25 pt), 100 % K.
const MARK_WIDTH: f32 = 0.25;

/// The page boxes shared by every page of a document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Geometry {
    /// Trim size (pt).
    pub trim_w: f32,
    pub trim_h: f32,
    /// Bleed on every side (pt).
    pub bleed: f32,
    /// From the MediaBox edge to the trim edge: bleed plus room for crop marks.
    pub margin: f32,
}

impl Geometry {
    /// The geometry of `pages`, which must all have the same size and bleed.
    pub(super) fn of(pages: &[&PageFrame], crop_marks: bool) -> Result<Self, Diagnostic> {
        let first = pages.first().ok_or_else(|| {
            Diagnostic::error("E0401", "no pages to write").hint("the layout produced no pages")
        })?;
        for p in pages {
            let same = (p.width - first.width).abs() < 0.01
                && (p.height - first.height).abs() < 0.01
                && (p.bleed - first.bleed).abs() < 0.01;
            if !same {
                return Err(Diagnostic::error(
                    "E0401",
                    format!(
                        "page `{}` is {}x{} pt with {} pt bleed, page `{}` is {}x{} pt with {} pt bleed",
                        p.name, p.width, p.height, p.bleed, first.name, first.width, first.height, first.bleed
                    ),
                )
                .hint("every page of a PDF/X file must have the same size; give the pages one `page` size"));
            }
        }
        let bleed = first.bleed.max(0.0);
        let room = if crop_marks {
            MARK_GAP + MARK_LEN + MARK_MARGIN
        } else {
            0.0
        };
        Ok(Self {
            trim_w: first.width,
            trim_h: first.height,
            bleed,
            margin: bleed + room,
        })
    }

    /// PDF x of a frame x.
    pub(super) fn x(&self, x: f32) -> f32 {
        round3(self.margin + x)
    }

    /// PDF y of a frame y.
    pub(super) fn y(&self, y: f32) -> f32 {
        round3(self.margin + self.trim_h - y)
    }

    pub(super) fn media_box(&self) -> pdf_writer::Rect {
        let m = self.margin;
        pdf_writer::Rect::new(
            0.0,
            0.0,
            round3(2.0 * m + self.trim_w),
            round3(2.0 * m + self.trim_h),
        )
    }

    pub(super) fn trim_box(&self) -> pdf_writer::Rect {
        self.inset(self.margin)
    }

    pub(super) fn bleed_box(&self) -> pdf_writer::Rect {
        self.inset(self.margin - self.bleed)
    }

    fn inset(&self, d: f32) -> pdf_writer::Rect {
        let media = self.media_box();
        pdf_writer::Rect::new(
            round3(d),
            round3(d),
            round3(media.x2 - d),
            round3(media.y2 - d),
        )
    }
}

/// Rounds to 1/1000 pt: keeps streams short, far below any visible size.
pub(super) fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// CMYK fractions clamped to 0..=1 and rounded to 1/10000 (no exponent notation in
/// the stream, no out-of-range operands).
fn ink(k: Cmyk) -> [f32; 4] {
    [k.c, k.m, k.y, k.k].map(|v| (v.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0)
}

/// Pure black as written (100 % K, no C, M, Y): the ink that overprints
/// ([`Cmyk::is_pure_black`] after rounding).
fn overprints(k: Cmyk) -> bool {
    ink(k) == [0.0, 0.0, 0.0, 1.0]
}

/// A painted page: its compressed content stream and the resources it uses, by
/// issue-wide names (`/F<font id>`, `/Im<image index>`), so the same bytes serve the
/// page's own file and the proof.
pub(super) struct PageOut {
    /// The content stream, Flate-compressed.
    pub content: Blob,
    pub fonts: BTreeSet<FontId>,
    /// Indexes into the [`ImageIndex`].
    pub images: BTreeSet<usize>,
    /// The geometry it was painted for.
    pub geom: Geometry,
    /// The images' notes (W0301, N0301), in item order.
    pub notes: Vec<Diagnostic>,
}

/// Everything painting needs besides the page.
pub(super) struct PaintCtx<'a> {
    pub geom: Geometry,
    pub crop_marks: bool,
    /// New glyph ids and widths of the whole issue.
    pub fonts: &'a FontPlan,
    /// The images and where each placement's comes from.
    pub images: &'a ImageIndex,
    pub source: &'a dyn ImageSource,
    pub min_ppi: f32,
}

/// The resource name of a face (`/F3` for `FontId(3)`).
pub(super) fn font_resource_name(id: FontId) -> String {
    format!("F{}", id.0)
}

/// Writes operators, skipping state that is already set.
struct Painter {
    c: Content,
    geom: Geometry,
    overprint: bool,
    fill: Option<Cmyk>,
    stroke: Option<Cmyk>,
    line_width: Option<f32>,
    fonts: BTreeSet<FontId>,
    images: BTreeSet<usize>,
    notes: Vec<Diagnostic>,
}

/// Paints one page.
pub(super) fn paint(page: &PageFrame, ctx: &PaintCtx) -> Result<PageOut, Diagnostic> {
    let mut p = Painter {
        c: Content::new(),
        geom: ctx.geom,
        overprint: false,
        fill: None,
        stroke: None,
        line_width: None,
        fonts: BTreeSet::new(),
        images: BTreeSet::new(),
        notes: vec![],
    };
    for item in &page.items {
        check_finite(page, item)?;
        match item {
            Item::Text(run) => p.text(run, ctx)?,
            Item::Rule {
                x0,
                y0,
                x1,
                y1,
                width,
                color,
            } => p.rule([*x0, *y0, *x1, *y1], *width, *color),
            Item::Rect { rect, fill, stroke } => p.rect(rect, *fill, *stroke),
            Item::Image(placement) => p.image(placement, ctx)?,
        }
    }
    if ctx.crop_marks {
        p.crop_marks();
    }
    let bytes = p.c.finish().into_vec();
    Ok(PageOut {
        content: Blob::new(super::compress_content(&bytes)),
        fonts: p.fonts,
        images: p.images,
        geom: ctx.geom,
        notes: p.notes,
    })
}

/// A glyph the font plan does not hold (the plan was built from other pages).
fn not_planned(run: &TextRun, gid: u16) -> Diagnostic {
    super::plan_bug(format!(
        "glyph {gid} of font {} is missing from the issue's font plan",
        run.font.0
    ))
}

/// A NaN or infinite coordinate would write an unreadable number into the stream.
fn check_finite(page: &PageFrame, item: &Item) -> Result<(), Diagnostic> {
    let r = |r: &Rect| [r.x, r.y, r.w, r.h];
    let nums: Vec<f32> = match item {
        Item::Text(t) => [t.x, t.y, t.size_pt]
            .into_iter()
            .chain(t.glyphs.iter().map(|g| g.x))
            .collect(),
        Item::Rule {
            x0,
            y0,
            x1,
            y1,
            width,
            ..
        } => vec![*x0, *y0, *x1, *y1, *width],
        Item::Rect { rect, stroke, .. } => r(rect).into_iter().chain(stroke.map(|s| s.1)).collect(),
        Item::Image(p) => r(&p.frame).into_iter().chain(r(&p.crop)).collect(),
    };
    if nums.iter().all(|v| v.is_finite()) {
        return Ok(());
    }
    Err(Diagnostic::error(
        "E0404",
        format!(
            "page `{}` has a mark at a position that is not a number",
            page.name
        ),
    )
    .hint("this is a bug in the layout stage; please report it with the layout file"))
}

impl Painter {
    fn set_overprint(&mut self, on: bool) {
        if on != self.overprint {
            self.c
                .set_parameters(Name(if on { b"GSop" } else { b"GSko" }));
            self.overprint = on;
        }
    }

    fn set_fill(&mut self, k: Cmyk) {
        if self.fill != Some(k) {
            let [c, m, y, k4] = ink(k);
            self.c.set_fill_cmyk(c, m, y, k4);
            self.fill = Some(k);
        }
    }

    fn set_stroke(&mut self, k: Cmyk, width: f32) {
        if self.stroke != Some(k) {
            let [c, m, y, k4] = ink(k);
            self.c.set_stroke_cmyk(c, m, y, k4);
            self.stroke = Some(k);
        }
        let width = round3(width);
        if self.line_width != Some(width) {
            self.c.set_line_width(width);
            self.line_width = Some(width);
        }
    }

    /// One run as `BT /Fn size Tf … Tm [ … ] TJ ET`; each glyph lands on its `x`
    /// through TJ adjustments computed from the actual pen position (no drift).
    fn text(&mut self, run: &TextRun, ctx: &PaintCtx) -> Result<(), Diagnostic> {
        let Some(first) = run.glyphs.first() else {
            return Ok(());
        };
        if run.size_pt <= 0.0 {
            return Ok(());
        }
        self.set_overprint(overprints(run.color));
        self.set_fill(run.color);
        self.fonts.insert(run.font);
        let name = font_resource_name(run.font);
        let size = run.size_pt;
        self.c.begin_text();
        self.c.set_font(Name(name.as_bytes()), size);
        let (x, y) = (self.geom.x(run.x + first.x), self.geom.y(run.y));
        self.c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
        let mut tj = self.c.show_positioned();
        let mut items = tj.items();
        let mut pen = 0.0f32;
        let mut codes: Vec<u8> = Vec::with_capacity(run.glyphs.len() * 2);
        for g in &run.glyphs {
            let target = g.x - first.x;
            let adj = ((pen - target) * 1000.0 / size * 100.0).round() / 100.0;
            if adj != 0.0 {
                if !codes.is_empty() {
                    items.show(Str(&codes));
                    codes.clear();
                }
                items.adjust(adj);
                pen -= adj * size / 1000.0;
            }
            let (new, w) = ctx
                .fonts
                .glyph(run.font, g.gid)
                .ok_or_else(|| not_planned(run, g.gid))?;
            codes.extend_from_slice(&new.to_be_bytes());
            pen += w * size / 1000.0;
        }
        if !codes.is_empty() {
            items.show(Str(&codes));
        }
        drop(items);
        drop(tj);
        self.c.end_text();
        Ok(())
    }

    fn rule(&mut self, [x0, y0, x1, y1]: [f32; 4], width: f32, color: Cmyk) {
        if width <= 0.0 {
            return;
        }
        self.set_overprint(overprints(color));
        self.set_stroke(color, width);
        let g = self.geom;
        self.c
            .move_to(g.x(x0), g.y(y0))
            .line_to(g.x(x1), g.y(y1))
            .stroke();
    }

    /// Fills knock out (a solid box must hide what lies under it); a pure black
    /// outline overprints like a rule.
    fn rect(&mut self, r: &Rect, fill: Option<Cmyk>, stroke: Option<(Cmyk, f32)>) {
        let g = self.geom;
        let (x, y, w, h) = (g.x(r.x), g.y(r.y + r.h), round3(r.w), round3(r.h));
        if let Some(k) = fill {
            self.set_overprint(false);
            self.set_fill(k);
            self.c.rect(x, y, w, h).fill_nonzero();
        }
        if let Some((k, width)) = stroke.filter(|s| s.1 > 0.0) {
            self.set_overprint(overprints(k));
            self.set_stroke(k, width);
            self.c.rect(x, y, w, h).stroke();
        }
    }

    /// The image's `shown` pixels map onto `frame`; the rest is clipped away.
    fn image(&mut self, placement: &ImagePlacement, ctx: &PaintCtx) -> Result<(), Diagnostic> {
        let f = placement.frame;
        if f.w <= 0.0 || f.h <= 0.0 {
            return Ok(());
        }
        let placed = self.place(placement, ctx)?;
        let shown = placed.shown;
        if shown.w <= 0.0 || shown.h <= 0.0 {
            return Ok(());
        }
        let idx = placed.idx;
        self.images.insert(idx);
        self.set_overprint(false);
        let (sx, sy) = (f.w / shown.w, f.h / shown.h);
        let (w, h) = (placed.width as f32 * sx, placed.height as f32 * sy);
        let left = f.x - shown.x * sx;
        let top = f.y - shown.y * sy;
        let g = self.geom;
        self.c.save_state();
        self.c
            .rect(g.x(f.x), g.y(f.y + f.h), round3(f.w), round3(f.h))
            .clip_nonzero()
            .end_path();
        self.c
            .transform([round3(w), 0.0, 0.0, round3(h), g.x(left), g.y(top + h)]);
        let name = ImageIndex::resource_name(idx);
        self.c.x_object(Name(name.as_bytes()));
        self.c.restore_state();
        Ok(())
    }

    /// The placement's image from the index, its resolution checked (an error
    /// when unprintable, a note when low).
    fn place(&mut self, placement: &ImagePlacement, ctx: &PaintCtx) -> Result<Placed, Diagnostic> {
        let entry = ctx.source.image(placement)?;
        let image = &entry.image;
        self.notes
            .extend(xobject::check(placement, image, ctx.min_ppi)?);
        let idx = ctx.images.index(&entry).ok_or_else(|| {
            super::plan_bug(format!(
                "image `{}` is missing from the issue's image index",
                placement.path.display()
            ))
        })?;
        Ok(Placed {
            idx,
            width: image.width,
            height: image.height,
            shown: image.shown,
        })
    }

    /// Corner crop marks outside the bleed, 0.25 pt 100 % K (overprinting hairlines).
    fn crop_marks(&mut self) {
        self.set_overprint(true);
        self.set_stroke(Cmyk::BLACK, MARK_WIDTH);
        let g = self.geom;
        let near = g.bleed + MARK_GAP;
        let far = near + MARK_LEN;
        for (cx, cy, dx, dy) in [
            (0.0, 0.0, -1.0, -1.0),
            (g.trim_w, 0.0, 1.0, -1.0),
            (0.0, g.trim_h, -1.0, 1.0),
            (g.trim_w, g.trim_h, 1.0, 1.0),
        ] {
            // Horizontal mark on the trim line y = cy, vertical mark on x = cx.
            self.c
                .move_to(g.x(cx + dx * near), g.y(cy))
                .line_to(g.x(cx + dx * far), g.y(cy))
                .stroke();
            self.c
                .move_to(g.x(cx), g.y(cy + dy * near))
                .line_to(g.x(cx), g.y(cy + dy * far))
                .stroke();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ink, overprints, Cmyk};

    #[test]
    fn non_finite_positions_are_refused() {
        use crate::layout::{Item, PageFrame};
        let mut page = PageFrame {
            name: "A03".into(),
            number: 3,
            width: 100.0,
            height: 100.0,
            bleed: 0.0,
            items: vec![],
        };
        let rule = Item::Rule {
            x0: 0.0,
            y0: f32::NAN,
            x1: 1.0,
            y1: 1.0,
            width: 1.0,
            color: Cmyk::BLACK,
        };
        page.items.push(rule);
        let e = super::check_finite(&page, &page.items[0]).unwrap_err();
        assert_eq!(e.code, "E0404");
        assert!(e.message.contains("A03"));
    }

    #[test]
    fn only_pure_black_overprints() {
        assert!(overprints(Cmyk::BLACK));
        assert!(overprints(Cmyk {
            k: 0.999_99,
            ..Cmyk::WHITE
        }));
        assert!(!overprints(Cmyk::WHITE));
        assert!(!overprints(Cmyk {
            k: 0.5,
            ..Cmyk::WHITE
        }));
        assert!(!overprints(Cmyk {
            c: 0.4,
            m: 0.3,
            y: 0.3,
            k: 1.0
        }));
        assert_eq!(
            ink(Cmyk {
                c: 0.000_003,
                m: 1.2,
                y: -0.1,
                k: 0.123_456
            }),
            [0.0, 1.0, 0.0, 0.1235]
        );
    }
}
