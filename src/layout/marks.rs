//! Where each article block sits and how it fitted ([`BlockBox`]), and the proofing
//! marks drawn from that on previews only (issue 5): a red frame round an overset block
//! and a `+N 行` tag. Print PDFs never carry these marks.

use super::emit::line_items;
use super::frame::{Cmyk, Item, Rect};
use super::grid::Grid;
use super::spec::{ArticleFit, Block, IssueSpec};
use crate::text::{shape_paragraph, CompositionStyle, FontBook, Run};

/// An article block's place on its page and its article's fit, for previews and
/// reports.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockBox {
    /// Page index in the issue (0-based, the order of [`super::LayoutOutput::pages`]).
    pub page: usize,
    /// The block's index among its page's blocks (0-based, page-file order).
    pub block: usize,
    /// The block's area on the grid (columns × lines, clamped to the grid), page
    /// coordinates in pt (origin top-left of the trim box).
    pub rect: Rect,
    /// Article id.
    pub article: String,
    /// Body lines of the article left over after this block: its overset on the
    /// article's last block, 0 on every other block.
    pub overset_lines: u32,
}

/// Proof red (magenta + yellow): preview marks only.
pub const MARK_RED: Cmyk = Cmyk {
    c: 0.0,
    m: 1.0,
    y: 1.0,
    k: 0.0,
};

/// Every article block of the issue, in page and block order. `parts` holds each
/// article's blocks as (page, block) in the order of `fits`.
pub(crate) fn block_boxes(
    issue: &IssueSpec,
    parts: &[Vec<(usize, usize)>],
    fits: &[ArticleFit],
) -> Vec<BlockBox> {
    let mut out = Vec::new();
    for (refs, fit) in parts.iter().zip(fits) {
        for (n, &(pi, bi)) in refs.iter().enumerate() {
            let Some(page) = issue.pages.get(pi) else {
                continue;
            };
            let Some(Block::Article(ab)) = page.blocks.get(bi) else {
                continue;
            };
            let grid = Grid::new(&page.geometry);
            let Some((cols, lines)) = grid.clamp(ab.cols, ab.lines) else {
                continue;
            };
            let top = grid.line_top(lines.0);
            out.push(BlockBox {
                page: pi,
                block: bi,
                rect: Rect {
                    x: grid.col_left(cols.0),
                    y: top,
                    w: grid.col_right(cols.1) - grid.col_left(cols.0),
                    h: grid.line_bottom(lines.1) - top,
                },
                article: ab.article.id.clone(),
                overset_lines: if n + 1 == refs.len() {
                    fit.overset_lines
                } else {
                    0
                },
            });
        }
    }
    out.sort_by_key(|b| (b.page, b.block));
    out
}

/// The preview marks of page `page`: for every overset block a red frame just
/// outside it and a red tag `+N 行` (white text) on its bottom-right corner.
pub fn overset_marks(
    issue: &IssueSpec,
    fonts: &FontBook,
    blocks: &[BlockBox],
    page: usize,
) -> Vec<Item> {
    let Some(spec) = issue.pages.get(page) else {
        return vec![];
    };
    let mut items = Vec::new();
    for b in blocks
        .iter()
        .filter(|b| b.page == page && b.overset_lines > 0)
    {
        let r = b.rect;
        let stroke = 2.0;
        items.push(Item::Rect {
            rect: Rect {
                x: r.x - stroke,
                y: r.y - stroke,
                w: r.w + 2.0 * stroke,
                h: r.h + 2.0 * stroke,
            },
            fill: None,
            stroke: Some((MARK_RED, stroke)),
        });
        let style = &spec.styles.header;
        let size = spec.geometry.body_pt * 1.5;
        let comp = CompositionStyle {
            em_pt: size,
            indent_em: 0.0,
            justify: false,
            ..spec.styles.composition.clone()
        };
        let run = Run {
            text: format!("+{} 行", b.overset_lines),
            font: style.font,
            size_pt: size,
        };
        let line = shape_paragraph(fonts, &[run], &comp).natural_line();
        let pad = size * 0.3;
        let tag = Rect {
            x: r.x + r.w - line.width_pt - 2.0 * pad,
            y: r.y + r.h - size - 2.0 * pad,
            w: line.width_pt + 2.0 * pad,
            h: size + 2.0 * pad,
        };
        items.push(Item::Rect {
            rect: tag,
            fill: Some(MARK_RED),
            stroke: None,
        });
        let baseline = tag.y + pad + 0.88 * size;
        items.extend(line_items(&line, tag.x + pad, baseline, Cmyk::WHITE, 0.0));
    }
    items
}
