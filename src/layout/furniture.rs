//! Page furniture: 报眉 running head with its 眉线, the folio, rules between blocks,
//! explicit rules and box rules (cjk-rules §4.5).

use super::emit::{check_glyphs, line_items, TextSource};
use super::frame::{Item, Rect};
use super::grid::{Grid, EM_ASCENT};
use super::spec::{IssueSpec, PageSpec, RuleSpec, TextStyle};
use crate::diag::Diagnostic;
use crate::text::{shape_paragraph, CjkLatinSpacing, CompositionStyle, FontBook, Line, Run};

/// A block's grid area, for automatic rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Area {
    pub cols: (u32, u32),
    pub lines: (u32, u32),
    pub boxed: bool,
    /// Index of the block in the page.
    pub block: usize,
}

/// One line of furniture in `st` at `size`, unjustified and without CJK–Latin space:
/// folios and dates are set solid (`第2版`, `2022年10月31日`), as printed papers do
/// (cjk-rules §4.5; CLREQ §3.4 leaves the space to the house style).
fn header_line(fonts: &FontBook, page: &PageSpec, st: &TextStyle, text: &str, size: f32) -> Line {
    let comp = CompositionStyle {
        em_pt: size,
        indent_em: 0.0,
        justify: false,
        cjk_latin: CjkLatinSpacing::None,
        ..page.styles.composition.clone()
    };
    shape_paragraph(
        fonts,
        &[Run {
            text: text.to_owned(),
            font: st.font,
            size_pt: size,
        }],
        &comp,
    )
    .natural_line()
}

/// The running head: on odd (right-hand) pages the paper name at the outer (right) end
/// and date + 第N版 at the inner end, mirrored on even pages; the page name centred in
/// the `section` style (bold Hei, 人民日报 style, cjk-rules §4.5). All three share one
/// baseline above the 眉线, a 文武线 (thick over thin) the width of the type area.
pub(crate) fn header(
    fonts: &FontBook,
    issue: &IssueSpec,
    page: &PageSpec,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let g = &page.geometry;
    if g.header_height <= 0.0 {
        return vec![];
    }
    let grid = Grid::new(g);
    let (st, sec) = (&page.styles.header, &page.styles.section);
    let size = st.size_pt.min(g.header_height * 0.7);
    let sec_size = sec.size_pt.min(g.header_height * 0.7);
    let thick = page.styles.rule_pt * 2.0;
    let rule_y = g.y - (0.2 * g.header_height).min(4.0);
    let base = rule_y - thick / 2.0 - (0.2 * g.header_height).min(3.0) - (1.0 - EM_ASCENT) * size;
    let (left, right) = (g.x, grid.area_right());
    let folio = format!("{}\u{3000}第{}版", issue.date_text, page.number);
    let (outer, inner) = (issue.paper.as_str(), folio.as_str());
    let (l_text, r_text) = if page.number % 2 == 1 {
        (inner, outer)
    } else {
        (outer, inner)
    };
    let src = TextSource {
        article: "(running head)",
        file: std::path::Path::new(&page.name),
        what: format!("page {}", page.name),
        line: None,
    };
    let mut items = Vec::new();
    let parts = [
        (l_text, 0, st, size),
        (page.section.as_str(), 1, sec, sec_size),
        (r_text, 2, st, size),
    ];
    for (text, anchor, style, sz) in parts {
        if text.trim().is_empty() {
            continue;
        }
        let line = header_line(fonts, page, style, text, sz);
        check_glyphs(&line, &src, diags);
        let x = match anchor {
            0 => left,
            1 => (left + right - line.width_pt) / 2.0,
            _ => right - line.width_pt,
        };
        items.extend(line_items(&line, x, base, style.color, 0.0));
    }
    let thin = page.styles.rule_pt / 2.0;
    for (y, w) in [
        (rule_y, thick),
        (rule_y + thick / 2.0 + 1.0 + thin / 2.0, thin),
    ] {
        items.push(Item::Rule {
            x0: left,
            y0: y,
            x1: right,
            y1: y,
            width: w,
            color: page.styles.rule_color,
        });
    }
    items
}

/// The folio (page number) centred in the foot margin, when the page has a running
/// head and the margin holds it.
pub(crate) fn folio(fonts: &FontBook, page: &PageSpec) -> Vec<Item> {
    let g = &page.geometry;
    let grid = Grid::new(g);
    let size = page.styles.header.size_pt;
    let margin = g.height - grid.area_bottom();
    if g.header_height <= 0.0 || margin < 2.0 * size {
        return vec![];
    }
    let line = header_line(
        fonts,
        page,
        &page.styles.header,
        &page.number.to_string(),
        size,
    );
    let x = (g.x + grid.area_right() - line.width_pt) / 2.0;
    let y = grid.area_bottom() + margin / 2.0 + (EM_ASCENT - 0.5) * size;
    line_items(&line, x, y, page.styles.header.color, 0.0)
}

fn overlap(a: (u32, u32), b: (u32, u32)) -> Option<(u32, u32)> {
    let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
    (lo <= hi).then_some((lo, hi))
}

/// Rules between neighbouring blocks: a vertical rule in the middle of the gutter
/// between side-by-side blocks, a horizontal one in the middle of the space (none or
/// one line) between stacked blocks, over the length they share. Boxed blocks carry
/// their own box instead.
pub(crate) fn auto_rules(page: &PageSpec, areas: &[Area]) -> Vec<Item> {
    let grid = Grid::new(&page.geometry);
    let (w, color) = (page.styles.rule_pt, page.styles.rule_color);
    let mut items = Vec::new();
    for (i, a) in areas.iter().enumerate() {
        for b in areas.iter().skip(i + 1) {
            if a.boxed || b.boxed {
                continue;
            }
            for (p, q) in [(a, b), (b, a)] {
                if p.cols.1 + 1 == q.cols.0 {
                    if let Some((l0, l1)) = overlap(p.lines, q.lines) {
                        let x = (grid.col_right(p.cols.1) + grid.col_left(q.cols.0)) / 2.0;
                        items.push(Item::Rule {
                            x0: x,
                            y0: grid.line_top(l0),
                            x1: x,
                            y1: grid.line_bottom(l1),
                            width: w,
                            color,
                        });
                    }
                }
                let gap = q.lines.0 as i64 - p.lines.1 as i64 - 1;
                if (0..=1).contains(&gap) {
                    if let Some((c0, c1)) = overlap(p.cols, q.cols) {
                        let y = (grid.line_bottom(p.lines.1) + grid.line_top(q.lines.0)) / 2.0;
                        // Into the gutters, to meet the vertical rules there.
                        let half = grid.gutter() / 2.0;
                        let x0 = grid.col_left(c0) - if c0 > 1 { half } else { 0.0 };
                        let x1 = grid.col_right(c1)
                            + if c1 < page.geometry.columns {
                                half
                            } else {
                                0.0
                            };
                        items.push(Item::Rule {
                            x0,
                            y0: y,
                            x1,
                            y1: y,
                            width: w,
                            color,
                        });
                    }
                }
            }
        }
    }
    join(items, grid.pitch())
}

/// Joins the automatic rules: collinear vertical rules with at most a line between them
/// become one, and vertical rules reach a horizontal rule up to half a line away (T
/// joints instead of gaps at the free line around a horizontal rule).
fn join(items: Vec<Item>, pitch: f32) -> Vec<Item> {
    let (mut vert, horiz): (Vec<Item>, Vec<Item>) = items
        .into_iter()
        .partition(|i| matches!(i, Item::Rule { x0, x1, .. } if x0 == x1));
    vert.sort_by(|a, b| match (a, b) {
        (Item::Rule { x0: ax, y0: ay, .. }, Item::Rule { x0: bx, y0: by, .. }) => {
            ax.total_cmp(bx).then(ay.total_cmp(by))
        }
        _ => std::cmp::Ordering::Equal,
    });
    let mut merged: Vec<Item> = Vec::new();
    for v in vert {
        if let (
            Some(Item::Rule {
                x0: px, y1: py1, ..
            }),
            Item::Rule { x0, y0, y1, .. },
        ) = (merged.last_mut(), &v)
        {
            if *px == *x0 && *y0 - *py1 <= pitch + 0.01 {
                *py1 = py1.max(*y1);
                continue;
            }
        }
        merged.push(v);
    }
    for v in &mut merged {
        let Item::Rule { x0: x, y0, y1, .. } = v else {
            continue;
        };
        for h in &horiz {
            let Item::Rule {
                x0: hx0,
                x1: hx1,
                y0: hy,
                ..
            } = h
            else {
                continue;
            };
            if *hx0 - 0.01 <= *x && *x <= *hx1 + 0.01 {
                if *y0 - *hy > 0.0 && *y0 - *hy <= pitch / 2.0 + 0.01 {
                    *y0 = *hy;
                }
                if *hy - *y1 > 0.0 && *hy - *y1 <= pitch / 2.0 + 0.01 {
                    *y1 = *hy;
                }
            }
        }
    }
    merged.extend(horiz);
    merged
}

/// True when two rules lie on the same line (within 1 pt) and overlap: an explicit
/// rule replaces the automatic one it would double.
pub(crate) fn same_rule(a: &Item, b: &Item) -> bool {
    let (
        Item::Rule {
            x0: ax0,
            y0: ay0,
            x1: ax1,
            y1: ay1,
            ..
        },
        Item::Rule {
            x0: bx0,
            y0: by0,
            x1: bx1,
            y1: by1,
            ..
        },
    ) = (a, b)
    else {
        return false;
    };
    let spans =
        |a0: f32, a1: f32, b0: f32, b1: f32| a0.min(a1) < b0.max(b1) && b0.min(b1) < a0.max(a1);
    let (a_vert, b_vert) = (ax0 == ax1, bx0 == bx1);
    match (a_vert, b_vert) {
        (true, true) => (ax0 - bx0).abs() < 1.0 && spans(*ay0, *ay1, *by0, *by1),
        (false, false) => (ay0 - by0).abs() < 1.0 && spans(*ax0, *ax1, *bx0, *bx1),
        _ => false,
    }
}

/// Explicit rules: horizontal after grid line `at` across columns `span`, vertical in
/// the gutter after column `at` down lines `span`.
pub(crate) fn explicit_rules(page: &PageSpec, rules: &[RuleSpec]) -> Vec<Item> {
    let grid = Grid::new(&page.geometry);
    let gutter = grid.gutter();
    let color = page.styles.rule_color;
    rules
        .iter()
        .map(|r| {
            if r.vertical {
                let x = grid.col_right(r.at) + gutter / 2.0;
                Item::Rule {
                    x0: x,
                    y0: grid.line_top(r.span.0),
                    x1: x,
                    y1: grid.line_bottom(r.span.1),
                    width: r.width_pt,
                    color,
                }
            } else {
                let y = grid.line_bottom(r.at);
                Item::Rule {
                    x0: grid.col_left(r.span.0),
                    y0: y,
                    x1: grid.col_right(r.span.1),
                    y1: y,
                    width: r.width_pt,
                    color,
                }
            }
        })
        .collect()
}

/// The box of a boxed block: half a 字 inside its columns, through the middle of its
/// first and last lines (the text inside is inset by one 字 and one line).
pub(crate) fn box_rule(page: &PageSpec, area: &Area) -> Item {
    let grid = Grid::new(&page.geometry);
    let half = grid.em() / 2.0;
    let x = grid.col_left(area.cols.0) + half;
    let y = grid.line_top(area.lines.0) + grid.pitch() / 2.0;
    let w = grid.col_right(area.cols.1) - half - x;
    let h = grid.line_bottom(area.lines.1) - grid.pitch() / 2.0 - y;
    Item::Rect {
        rect: Rect { x, y, w, h },
        fill: None,
        stroke: Some((page.styles.rule_color, page.styles.rule_pt)),
    }
}
