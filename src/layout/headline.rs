//! The headline group (标题组): 引题 kicker, 主题 headline, 副题 subhead and the byline,
//! each a typed part of whole body lines (cjk-rules §4.4; CLREQ: "heading blocks occupy
//! an integral number of body lines", cjk-rules §1.h).

use super::emit::{check_glyphs, line_items, tracked_width, TextSource};
use super::frame::Item;
use super::grid::EM_ASCENT;
use super::spec::{Align, Styles, TextStyle};
use crate::content::Article;
use crate::diag::{Diagnostic, Location};
use crate::text::{shape_paragraph, CjkLatinSpacing, CompositionStyle, FontBook, Line, Run};

/// Which part of the group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadRole {
    /// 引题.
    Kicker,
    /// 主题.
    Headline,
    /// 副题.
    Subhead,
    /// 署名.
    Byline,
}

impl HeadRole {
    fn name(self) -> &'static str {
        match self {
            HeadRole::Kicker => "kicker",
            HeadRole::Headline => "headline",
            HeadRole::Subhead => "subhead",
            HeadRole::Byline => "byline",
        }
    }
}

/// One part, set: its lines at one size, and the body lines it takes.
#[derive(Clone, Debug)]
pub(crate) struct HeadPart {
    /// Which part (kept for reports and previews).
    #[allow(dead_code)]
    pub role: HeadRole,
    pub style: TextStyle,
    /// The size actually used (after shrinking).
    pub size_pt: f32,
    pub lines: Vec<Line>,
    /// Whole body lines the part occupies.
    pub rows: u32,
}

/// The set group.
#[derive(Clone, Debug, Default)]
pub(crate) struct HeadlineGroup {
    pub parts: Vec<HeadPart>,
}

impl HeadlineGroup {
    /// Body lines the whole group takes.
    pub fn rows(&self) -> u32 {
        self.parts.iter().map(|p| p.rows).sum()
    }
}

/// What a part is set into.
pub(crate) struct HeadBox<'a> {
    pub fonts: &'a FontBook,
    pub styles: &'a Styles,
    /// Width available, pt.
    pub width: f32,
    pub pitch: f32,
    pub source: Option<&'a Location>,
}

/// Sets every part the article has, shrinking lines that are too wide.
pub(crate) fn build_group(
    hb: &HeadBox<'_>,
    art: &Article,
    diags: &mut Vec<Diagnostic>,
) -> HeadlineGroup {
    let s = hb.styles;
    let byline: Vec<String> = art.byline.iter().cloned().collect();
    let parts = [
        (HeadRole::Kicker, &s.kicker, &art.kicker),
        (HeadRole::Headline, &s.headline, &art.headline),
        (HeadRole::Subhead, &s.subhead, &art.subhead),
        (HeadRole::Byline, &s.byline, &byline),
    ];
    let mut group = HeadlineGroup::default();
    for (role, style, texts) in parts {
        let texts: Vec<&str> = texts
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if !texts.is_empty() {
            group
                .parts
                .push(build_part(hb, art, role, style, &texts, diags));
        }
    }
    group
}

/// Sets one headline line at `size` with the page's composition rules (kinsoku, marks,
/// CJK–Latin spacing), unjustified; broken at `width` when given.
fn shape_line(
    hb: &HeadBox<'_>,
    style: &TextStyle,
    size: f32,
    text: &str,
    width: Option<f32>,
) -> Vec<Line> {
    let fonts = hb.fonts;
    let comp = CompositionStyle {
        em_pt: size,
        indent_em: 0.0,
        justify: false,
        cjk_latin: display_cjk_latin(hb.styles.composition.cjk_latin),
        ..hb.styles.composition.clone()
    };
    let run = Run {
        text: text.to_owned(),
        font: style.font,
        size_pt: size,
    };
    let p = shape_paragraph(fonts, &[run], &comp);
    match width {
        Some(w) => p.break_lines(w),
        None => vec![p.natural_line()],
    }
}

/// Han–Latin space at display sizes: the tight end of the body's range, fixed (¼ em of
/// a 26 pt headline reads as a word space; newspapers set digits in headlines with
/// little or no space, cjk-rules §1.f).
fn display_cjk_latin(body: CjkLatinSpacing) -> CjkLatinSpacing {
    match body {
        CjkLatinSpacing::Flexible { min, .. } => CjkLatinSpacing::Fixed(min),
        CjkLatinSpacing::Fixed(x) => CjkLatinSpacing::Fixed(x.min(0.125)),
        CjkLatinSpacing::None => CjkLatinSpacing::None,
    }
}

/// Shrinks in 0.5 pt steps down to `min_size_pt` until every line fits; past that the
/// lines are broken at the width and W0203 is reported (never clipped silently, issue 3).
fn build_part(
    hb: &HeadBox<'_>,
    art: &Article,
    role: HeadRole,
    style: &TextStyle,
    texts: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> HeadPart {
    let min = style.min_size_pt.min(style.size_pt);
    let mut size = style.size_pt;
    let set = |size: f32| -> Vec<Line> {
        texts
            .iter()
            .flat_map(|t| shape_line(hb, style, size, t, None))
            .collect()
    };
    let too_wide = |lines: &[Line], size: f32| {
        lines
            .iter()
            .any(|l| tracked_width(l, style.tracking_em * size) > hb.width + 0.01)
    };
    let mut lines = set(size);
    while too_wide(&lines, size) && size - 0.5 >= min - 1e-3 {
        size -= 0.5;
        lines = set(size);
    }
    if too_wide(&lines, size) {
        let widest = lines
            .iter()
            .map(|l| tracked_width(l, style.tracking_em * size))
            .fold(0.0, f32::max);
        let mut d = Diagnostic::warning(
            "W0203",
            format!(
                "{} of article `{}` is {:.1} pt wide at its smallest size {:.1} pt but the block is {:.1} pt wide; it was broken onto more lines",
                role.name(), art.id, widest, size, hb.width
            ),
        )
        .hint("shorten the headline, break it by hand with `\\n`, widen the block or lower the style's `min_size`");
        if let Some(loc) = hb.source {
            d = d.at(loc.clone());
        }
        diags.push(d);
        let track = style.tracking_em * size;
        let w = hb.width - track * (hb.width / size).max(1.0);
        lines = texts
            .iter()
            .flat_map(|t| shape_line(hb, style, size, t, Some(w.max(size))))
            .collect();
    }
    let src = TextSource {
        article: &art.id,
        file: &art.file,
        what: role.name().to_owned(),
        line: None,
    };
    for l in &lines {
        check_glyphs(l, &src, diags);
    }
    let rows = part_rows(role, style, size, lines.len(), hb);
    HeadPart {
        role,
        style: style.clone(),
        size_pt: size,
        lines,
        rows,
    }
}

/// Leading of a style at `size` (1.2 × size when the style gives none).
fn leading(style: &TextStyle, size: f32) -> f32 {
    if style.leading_pt > 0.0 {
        style.leading_pt * size / style.size_pt.max(0.1)
    } else {
        1.2 * size
    }
}

/// Height of the part's lines, first em top to last em bottom.
fn stack_height(style: &TextStyle, size: f32, n: usize) -> f32 {
    n.saturating_sub(1) as f32 * leading(style, size) + size
}

/// Whole body lines a part takes: its stack plus air — a full line pitch for the main
/// headline, the body's line gap for the others — rounded up (cjk-rules §4.2).
fn part_rows(role: HeadRole, style: &TextStyle, size: f32, n: usize, hb: &HeadBox<'_>) -> u32 {
    let air = match role {
        HeadRole::Headline => hb.pitch,
        _ => (hb.pitch - hb.styles.body.size_pt).max(0.0),
    };
    let h = stack_height(style, size, n) + air;
    ((h / hb.pitch) - 1e-3).ceil().max(1.0) as u32
}

/// Places the group from `top` (a grid line's top) across `x .. x + width`; each part's
/// lines are centred vertically in its whole lines and aligned as its style says.
pub(crate) fn place_group(
    group: &HeadlineGroup,
    x: f32,
    width: f32,
    top: f32,
    pitch: f32,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut band = top;
    for part in &group.parts {
        let size = part.size_pt;
        let h = stack_height(&part.style, size, part.lines.len());
        let stack_top = band + (part.rows as f32 * pitch - h) / 2.0;
        let track = part.style.tracking_em * size;
        for (i, line) in part.lines.iter().enumerate() {
            let w = tracked_width(line, track);
            let lx = match part.style.align {
                Align::Start => x,
                Align::Center => x + (width - w) / 2.0,
                Align::End => x + width - w,
            };
            let y = stack_top + EM_ASCENT * size + i as f32 * leading(&part.style, size);
            items.extend(line_items(line, lx, y, part.style.color, track));
        }
        band += part.rows as f32 * pitch;
    }
    items
}
