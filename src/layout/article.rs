//! An article block (or one part of a jumped article): headline group, inline photos,
//! body columns on the line grid, jump lines (转版) and balancing.

use super::balance::balance;
use super::emit::{check_glyphs, line_items, TextSource};
use super::flow::{flow, Cursor, Flow, FlowOptions, Para, Slot};
use super::frame::{Item, Rect};
use super::grid::{Grid, TextColumn};
use super::headline::{build_group, place_group, HeadBox};
use super::photo::{place_photo, PhotoBox};
use super::spec::{ArticleBlock, InlinePhoto, PageSpec, Styles};
use super::LayoutCache;
use crate::content::Article;
use crate::diag::Diagnostic;
use crate::text::{shape_paragraph, CompositionStyle, FontBook, Line, Run};
use crate::timing::{time, Counter};
use std::sync::Arc;

/// An article's body, shaped once for all its parts.
pub(crate) struct ArticleText {
    pub article: Arc<Article>,
    pub paras: Vec<Arc<Para>>,
}

/// Shapes the body: the dateline (电头) in its style plus U+3000 at the head of the
/// first paragraph, the rest in the body style (cjk-rules §4.5). Missing glyphs are
/// reported here, once per paragraph. Paragraphs `cache` holds are not shaped again
/// (without a cache, each paragraph is shaped and dropped with the article).
pub(crate) fn shape_article(
    fonts: &FontBook,
    styles: &Styles,
    art: &Arc<Article>,
    cache: Option<&LayoutCache>,
    diags: &mut Vec<Diagnostic>,
) -> ArticleText {
    let body = &styles.body;
    let mut paras = Vec::with_capacity(art.paragraphs.len());
    for (i, p) in art.paragraphs.iter().enumerate() {
        let mut runs = Vec::new();
        if let (0, Some(dateline)) = (i, art.dateline.as_deref()) {
            let d = &styles.dateline;
            let text = format!("{}\u{3000}", dateline.trim());
            runs.push(Run {
                text,
                font: d.font,
                size_pt: d.size_pt,
            });
        }
        runs.push(Run {
            text: p.text.clone(),
            font: body.font,
            size_pt: body.size_pt,
        });
        let shape = || {
            Para::new(time(Counter::Shape, || {
                shape_paragraph(fonts, &runs, &styles.composition)
            }))
        };
        let para = match cache {
            Some(c) => c.para(&runs, &styles.composition, shape),
            None => Arc::new(shape()),
        };
        let shaped = para.shaped();
        let src = TextSource {
            article: &art.id,
            file: &art.file,
            what: format!("paragraph {}", i + 1),
            line: Some(p.line),
        };
        // Setting the natural line only to find missing glyphs: only when there are some.
        if !shaped.missing_chars().is_empty() {
            check_glyphs(&shaped.natural_line(), &src, diags);
        }
        paras.push(para);
    }
    ArticleText {
        article: art.clone(),
        paras,
    }
}

/// One part of an article to set.
pub(crate) struct PartCtx<'a> {
    pub fonts: &'a FontBook,
    pub page: &'a PageSpec,
    pub block: &'a ArticleBlock,
    pub text: &'a ArticleText,
    /// First part: carries the headline group.
    pub first: bool,
    /// Last part: balanced, and overset is counted after it.
    pub last: bool,
    /// Page of the part before (上接第N版), when the text continues from there.
    pub prev_page: Option<u32>,
    /// Page of the part after (下转第N版).
    pub next_page: Option<u32>,
}

/// What setting a part gives.
pub(crate) struct PartOut {
    pub items: Vec<Item>,
    pub end: Cursor,
    /// Body slots left empty.
    pub free: u32,
    /// Measure of the last text column (overset is counted at it).
    pub last_measure: f32,
}

/// The block's frame after clamping to the grid.
struct Frame {
    x: f32,
    width: f32,
    first_line: u32,
    /// Usable rows `row0 .. row_end` of the block (a box takes the first and last).
    row0: u32,
    row_end: u32,
    tcols: Vec<TextColumn>,
}

fn frame(ctx: &PartCtx<'_>, diags: &mut Vec<Diagnostic>) -> Option<Frame> {
    let grid = Grid::new(&ctx.page.geometry);
    let b = ctx.block;
    let Some((cols, lines)) = grid.clamp(b.cols, b.lines) else {
        diags.push(block_warning(
            ctx,
            "lies outside the page grid; it was left out",
        ));
        return None;
    };
    if (cols, lines) != (b.cols, b.lines) {
        diags.push(block_warning(
            ctx,
            "reaches past the page grid; it was cut to the grid",
        ));
    }
    let inset = u32::from(b.boxed);
    let chars = grid.span_chars(cols).saturating_sub(2 * inset).max(1);
    let x = grid.col_left(cols.0) + inset as f32 * grid.em();
    let k = b.text_columns.unwrap_or(cols.1 - cols.0 + 1);
    let rows = lines.1 - lines.0 + 1;
    Some(Frame {
        x,
        width: chars as f32 * grid.em(),
        first_line: lines.0,
        row0: inset.min(rows),
        row_end: rows.saturating_sub(inset).max(inset.min(rows)),
        tcols: grid.text_columns(x, chars, k),
    })
}

fn block_warning(ctx: &PartCtx<'_>, what: &str) -> Diagnostic {
    let mut d = Diagnostic::warning(
        "W0204",
        format!("block of article `{}` {what}", ctx.text.article.id),
    )
    .hint(format!(
        "the grid has {} columns and {} lines",
        ctx.page.geometry.columns, ctx.page.geometry.lines
    ));
    if let Some(loc) = &ctx.block.source {
        d = d.at(loc.clone());
    }
    d
}

/// Sets one part from `start`.
pub(crate) fn layout_part(
    ctx: &PartCtx<'_>,
    start: Cursor,
    diags: &mut Vec<Diagnostic>,
) -> PartOut {
    let last_measure = ctx.page.geometry.column_chars as f32 * ctx.page.geometry.body_pt;
    let Some(fr) = frame(ctx, diags) else {
        return PartOut {
            items: vec![],
            end: start,
            free: 0,
            last_measure,
        };
    };
    let grid = Grid::new(&ctx.page.geometry);
    let mut items = Vec::new();
    let head_rows = if ctx.first {
        headline(ctx, &fr, &mut items, diags)
    } else {
        0
    };
    let body0 = (fr.row0 + head_rows).min(fr.row_end);
    let mut photo_items = Vec::new();
    let blocked = photos(ctx, &fr, body0, &mut photo_items, diags);
    let (mut columns, last_band) = segments(&grid, &fr, body0, &blocked);
    let paras = &ctx.text.paras;
    if let (Some(pp), false) = (ctx.prev_page, start.done(paras)) {
        if let Some(slot) = columns
            .iter_mut()
            .find(|c| !c.is_empty())
            .map(|c| c.remove(0))
        {
            let line = jump_line(ctx, &jump_text("上接", pp, ctx.page.number));
            items.extend(line_items(
                &line,
                slot.x,
                slot.baseline,
                ctx.page.styles.jump.color,
                0.0,
            ));
        }
    }
    let total: usize = columns.iter().map(Vec::len).sum();
    let opt = FlowOptions {
        limits: None,
        avoid_widows: true,
        more_after: !ctx.last,
    };
    let mut f = flow(paras, start, &columns, opt);
    let mut jump_items = Vec::new();
    let mut reserved = 0;
    if let (Some(np), false, false) = (ctx.next_page, ctx.last, f.end.done(paras)) {
        reserved = jump_out(ctx, np, start, &mut columns, &mut f, &mut jump_items);
    }
    // The part where the text ends is balanced, last block or not (balance() checks).
    if reserved == 0 {
        if let Some(b) = balance(paras, start, &columns, last_band, &f) {
            f = b;
        }
    }
    let color = ctx.page.styles.body.color;
    for p in &f.placed {
        let line = p.line(paras);
        items.extend(line_items(&line, p.slot.x, p.slot.baseline, color, 0.0));
    }
    items.extend(jump_items);
    items.extend(photo_items);
    let free = (total - reserved).saturating_sub(f.placed.len()) as u32;
    let last_measure = fr.tcols.last().map_or(last_measure, |t| t.measure);
    PartOut {
        items,
        end: f.end,
        free,
        last_measure,
    }
}

/// Body slots in reading order. Rows that photos close across every text column cut
/// the block into bands, read one after the other (text above a full-width photo is
/// read across its columns before the text below it); inside a band, column by column.
/// Returns the segments (one per band and column) and the index of the last band's first.
fn segments(
    grid: &Grid<'_>,
    fr: &Frame,
    body0: u32,
    blocked: &[(usize, u32)],
) -> (Vec<Vec<Slot>>, usize) {
    let k = fr.tcols.len();
    let divider = |r: u32| (0..k).all(|c| blocked.contains(&(c, r)));
    let mut bands: Vec<(u32, u32)> = Vec::new();
    for r in (body0..fr.row_end).filter(|r| !divider(*r)) {
        match bands.last_mut() {
            Some(b) if b.1 == r => b.1 = r + 1,
            _ => bands.push((r, r + 1)),
        }
    }
    let mut segs = Vec::new();
    let mut last = 0;
    for (lo, hi) in bands {
        last = segs.len();
        for (ci, tc) in fr.tcols.iter().enumerate() {
            segs.push(
                (lo..hi)
                    .filter(|r| !blocked.contains(&(ci, *r)))
                    .map(|r| Slot {
                        row: r,
                        x: tc.x,
                        baseline: grid.baseline(fr.first_line + r),
                        measure: tc.measure,
                    })
                    .collect(),
            );
        }
    }
    (segs, last)
}

/// Sets the headline group at the block head; returns the rows it takes.
fn headline(
    ctx: &PartCtx<'_>,
    fr: &Frame,
    items: &mut Vec<Item>,
    diags: &mut Vec<Diagnostic>,
) -> u32 {
    let grid = Grid::new(&ctx.page.geometry);
    let mut styles = ctx.page.styles.as_ref().clone();
    if let Some(size) = ctx.block.headline_size.filter(|s| *s > 0.0) {
        let h = &mut styles.headline;
        // The style's shrink range, moved with the size (never below the style's minimum).
        h.min_size_pt = (h.min_size_pt * size / h.size_pt.max(0.1)).max(h.min_size_pt.min(size));
        h.leading_pt *= size / h.size_pt.max(0.1);
        h.size_pt = size;
    }
    let hb = HeadBox {
        fonts: ctx.fonts,
        styles: &styles,
        width: fr.width,
        pitch: grid.pitch(),
        source: ctx.block.source.as_ref(),
    };
    let group = build_group(&hb, &ctx.text.article, diags);
    let rows = group.rows();
    if fr.row0 + rows > fr.row_end {
        // It would print over the block below or off the page: never only a warning.
        let mut d = Diagnostic::error(
            "E0205",
            format!(
                "headline group of article `{}` takes {rows} lines but its block has {}",
                ctx.text.article.id,
                fr.row_end.saturating_sub(fr.row0)
            ),
        )
        .hint("give the block more lines or shorten the headline");
        if let Some(loc) = &ctx.block.source {
            d = d.at(loc.clone());
        }
        diags.push(d);
    }
    items.extend(place_group(
        &group,
        fr.x,
        fr.width,
        grid.line_top(fr.first_line + fr.row0),
        grid.pitch(),
    ));
    rows
}

/// Places the block's inline photos; returns the (text column, row) cells they take.
fn photos(
    ctx: &PartCtx<'_>,
    fr: &Frame,
    body0: u32,
    items: &mut Vec<Item>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(usize, u32)> {
    let grid = Grid::new(&ctx.page.geometry);
    let art = &ctx.text.article;
    let k = fr.tcols.len() as u32;
    let mut cells = Vec::new();
    for ip in &ctx.block.photos {
        let Some(photo) = art.photos.get(ip.photo) else {
            diags.push(inline_warning(
                ctx,
                ip,
                &format!(
                    "names photo {} but the article has {}",
                    ip.photo + 1,
                    art.photos.len()
                ),
            ));
            continue;
        };
        let (c0, c1) = (ip.cols.0.clamp(1, k), ip.cols.1.clamp(1, k));
        let (r0, r1) = (ip.lines.0.max(1) - 1, ip.lines.1.max(1) - 1);
        let r1 = r1.min(fr.row_end.saturating_sub(1));
        if c0 > c1 || r0 > r1 {
            diags.push(inline_warning(ctx, ip, "has an empty area"));
            continue;
        }
        if r0 < body0 {
            diags.push(inline_warning(ctx, ip, "overlaps the headline group"));
        }
        let (left, right) = (fr.tcols[c0 as usize - 1].x, &fr.tcols[c1 as usize - 1]);
        // Under body text the picture drops half a line, so the text above it gets the
        // same air as the caption gives the text below (under the headline group the
        // group's own air does that).
        let drop = if r0 > body0 { grid.pitch() / 2.0 } else { 0.0 };
        let top = grid.line_top(fr.first_line + r0) + drop;
        let area = Rect {
            x: left,
            y: top,
            w: right.x + right.measure - left,
            h: grid.line_bottom(fr.first_line + r1) - top,
        };
        let pb = PhotoBox {
            fonts: ctx.fonts,
            styles: &ctx.page.styles,
            pitch: grid.pitch(),
            area,
            article: &art.id,
            file: &art.file,
            index: ip.photo,
        };
        items.extend(place_photo(&pb, photo, ip.fit, diags));
        for c in c0..=c1 {
            cells.extend((r0..=r1).map(|r| (c as usize - 1, r)));
        }
    }
    cells
}

fn inline_warning(ctx: &PartCtx<'_>, ip: &InlinePhoto, what: &str) -> Diagnostic {
    let mut d = Diagnostic::warning(
        "W0206",
        format!(
            "inline photo {} of article `{}` {what}",
            ip.photo + 1,
            ctx.text.article.id
        ),
    )
    .hint("check the photo's `cols` and `lines` inside the block");
    if let Some(loc) = &ctx.block.source {
        d = d.at(loc.clone());
    }
    d
}

/// The words of a jump line: （下转第3版） to another page, （下转本版） when the text
/// goes on or comes from a block of the same page (cjk-rules §4.5 转版).
pub(crate) fn jump_text(verb: &str, other: u32, this: u32) -> String {
    if other == this {
        format!("（{verb}本版）")
    } else {
        format!("（{verb}第{other}版）")
    }
}

/// A jump line in the jump style, set solid (no CJK–Latin space: `第2版`, cjk-rules §4.5).
fn jump_line(ctx: &PartCtx<'_>, text: &str) -> Line {
    let st = &ctx.page.styles.jump;
    let comp = CompositionStyle {
        em_pt: st.size_pt,
        indent_em: 0.0,
        justify: false,
        cjk_latin: crate::text::CjkLatinSpacing::None,
        ..ctx.page.styles.composition.clone()
    };
    shape_paragraph(
        ctx.fonts,
        &[Run {
            text: text.to_owned(),
            font: st.font,
            size_pt: st.size_pt,
        }],
        &comp,
    )
    .natural_line()
}

/// Ends a part that goes on elsewhere with （下转第N版）, flush right: on the last line
/// when it is a paragraph's last line with room, else on its own line (the part's last
/// slot, the text re-flowed without it). Returns the slots reserved.
fn jump_out(
    ctx: &PartCtx<'_>,
    np: u32,
    start: Cursor,
    columns: &mut [Vec<Slot>],
    f: &mut Flow,
    out: &mut Vec<Item>,
) -> usize {
    let line = jump_line(ctx, &jump_text("下转", np, ctx.page.number));
    let color = ctx.page.styles.jump.color;
    let em = ctx.page.geometry.body_pt;
    if let Some(p) = f.placed.last().filter(|p| p.span.is_final) {
        let last = p.line(&ctx.text.paras);
        if last.width_pt + line.width_pt + em <= p.slot.measure + 0.01 {
            out.extend(line_items(
                &line,
                p.slot.x + p.slot.measure - line.width_pt,
                p.slot.baseline,
                color,
                0.0,
            ));
            return 0;
        }
    }
    let Some(slot) = columns
        .iter_mut()
        .rev()
        .find(|c| !c.is_empty())
        .and_then(|c| c.pop())
    else {
        return 0;
    };
    let opt = FlowOptions {
        limits: None,
        avoid_widows: true,
        more_after: true,
    };
    *f = flow(&ctx.text.paras, start, columns, opt);
    out.extend(line_items(
        &line,
        slot.x + slot.measure - line.width_pt,
        slot.baseline,
        color,
        0.0,
    ));
    1
}

#[cfg(test)]
mod tests {
    use super::jump_text;

    #[test]
    fn jump_lines_name_the_page_or_this_page() {
        assert_eq!(jump_text("下转", 3, 1), "（下转第3版）");
        assert_eq!(jump_text("上接", 1, 3), "（上接第1版）");
        assert_eq!(jump_text("下转", 2, 2), "（下转本版）");
        assert_eq!(jump_text("上接", 2, 2), "（上接本版）");
    }
}
