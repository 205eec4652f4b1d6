//! Layout stage: articles and photos placed on a page's grid, as [`PageFrame`]s.
//!
//! Input: an [`IssueSpec`] (resolved by the config stage). Output: one [`PageFrame`]
//! per page, an [`ArticleFit`] per article and diagnostics (overset, headline too
//! wide, missing glyphs).
//!
//! Steps, one file each: [`grid`](self) geometry and the line grid, the headline group,
//! body flow through text columns (`flow.rs`, `article.rs`), photos, balancing, page
//! furniture. Every body line sits on the page's line grid (see `grid.rs`).
//!
//! Rebuilds (`watch`) pass a [`LayoutCache`] to [`layout_issue_with`]: body paragraphs
//! whose runs and composition style did not change are taken from it shaped and with
//! their line-break tables, not shaped and broken again (`cache.rs`).
//!
//! Diagnostic codes: E0208 overset far beyond the blocks, N0201 copyfit change, N0203 headline broken onto more lines, E0301 missing glyph, E0303 photo without pixel size, W0201
//! overset, W0202 empty continuation block, W0203 headline too wide at its smallest
//! size, W0204 block off the grid, E0205 headline group taller than its block, W0206
//! inline photo misplaced, E0207 blocks overlap (an error: marks would print over each other).

mod article;
mod balance;
mod cache;
mod copyfit;
mod emit;
mod flow;
pub mod frame;
mod furniture;
mod grid;
mod headline;
mod marks;
mod photo;
pub mod spec;

pub use cache::LayoutCache;
pub use copyfit::CopyfitChange;
pub use frame::{Cmyk, Glyph, ImagePlacement, Item, PageFrame, Rect, TextRun};
pub use marks::{overset_marks, BlockBox, MARK_RED};
pub use spec::*;

use crate::diag::Diagnostic;
use crate::text::FontBook;
use crate::timing::{time, Counter};
use article::{layout_part, shape_article, PartCtx};
use flow::Cursor;
use furniture::Area;
use photo::{place_photo, PhotoBox};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What laying out an issue gives.
#[derive(Debug, Default)]
pub struct LayoutOutput {
    /// One frame per page, in issue order.
    pub pages: Vec<PageFrame>,
    /// One entry per article.
    pub fits: Vec<ArticleFit>,
    /// Overset, headlines that did not fit, missing glyphs, …
    pub diagnostics: Vec<Diagnostic>,
    /// Every article block's place and fit, in page and block order (previews).
    pub blocks: Vec<BlockBox>,
}

/// A block's place: (page index, block index).
type BlockRef = (usize, usize);

/// Lays out every page of the issue. Articles, then photo blocks, then pages are set
/// in parallel (rayon); results and diagnostics are collected in issue order, so the
/// output does not depend on the thread count (issue 6). Every paragraph is shaped
/// afresh and dropped with its article; [`layout_issue_with`] keeps them for the next
/// build.
pub fn layout_issue(issue: &IssueSpec, fonts: &FontBook) -> LayoutOutput {
    layout_all(issue, fonts, None)
}

/// As [`layout_issue`], taking the body paragraphs `cache` holds instead of shaping
/// them again and leaving in it those of this build (and of the one before). The output
/// is the one a fresh cache gives. `cache` must have been filled with `fonts` (see
/// [`LayoutCache`]).
pub fn layout_issue_with(issue: &IssueSpec, fonts: &FontBook, cache: &LayoutCache) -> LayoutOutput {
    cache.begin();
    let out = layout_all(issue, fonts, Some(cache));
    cache.end();
    out
}

fn layout_all(issue: &IssueSpec, fonts: &FontBook, cache: Option<&LayoutCache>) -> LayoutOutput {
    let mut diags = Vec::new();
    let mut items: BTreeMap<BlockRef, Vec<Item>> = BTreeMap::new();
    let mut fits = Vec::new();
    let all_parts = article_parts(issue);
    let articles: Vec<_> = all_parts
        .par_iter()
        .map(|parts| {
            time(Counter::Layout, || {
                let (mut items, mut diags) = (BTreeMap::new(), Vec::new());
                let fit = layout_article(issue, fonts, cache, parts, &mut items, &mut diags);
                (fit, items, diags)
            })
        })
        .collect();
    for (fit, its, ds) in articles {
        fits.push(fit);
        items.extend(its);
        diags.extend(ds);
    }
    let blocks = marks::block_boxes(issue, &all_parts, &fits);
    let photos: Vec<_> = issue
        .pages
        .par_iter()
        .enumerate()
        .map(|(pi, page)| {
            let mut ds = Vec::new();
            let its: Vec<_> = page
                .blocks
                .iter()
                .enumerate()
                .filter_map(|(bi, block)| match block {
                    Block::Photo(pbk) => Some(((pi, bi), photo_block(fonts, page, pbk, &mut ds))),
                    Block::Article(_) => None,
                })
                .collect();
            (its, ds)
        })
        .collect();
    for (its, ds) in photos {
        items.extend(its);
        diags.extend(ds);
    }
    let mut per_page: Vec<BTreeMap<BlockRef, Vec<Item>>> =
        issue.pages.iter().map(|_| BTreeMap::new()).collect();
    for (r, its) in items {
        if let Some(m) = per_page.get_mut(r.0) {
            m.insert(r, its);
        }
    }
    let framed: Vec<_> = issue
        .pages
        .par_iter()
        .zip(per_page)
        .enumerate()
        .map(|(pi, (page, mut items))| {
            let mut ds = Vec::new();
            let frame = page_frame(issue, fonts, pi, page, &mut items, &mut ds);
            (frame, ds)
        })
        .collect();
    let mut pages = Vec::with_capacity(framed.len());
    for (frame, ds) in framed {
        pages.push(frame);
        diags.extend(ds);
    }
    LayoutOutput {
        pages,
        fits,
        diagnostics: diags,
        blocks,
    }
}

/// Every article's blocks in issue order, articles in order of first appearance; an
/// article named in several blocks (same id) continues from block to block (转版).
fn article_parts(issue: &IssueSpec) -> Vec<Vec<BlockRef>> {
    let mut order: Vec<String> = Vec::new();
    let mut parts: BTreeMap<String, Vec<BlockRef>> = BTreeMap::new();
    for (pi, page) in issue.pages.iter().enumerate() {
        for (bi, block) in page.blocks.iter().enumerate() {
            if let Block::Article(ab) = block {
                let id = ab.article.id.clone();
                if !parts.contains_key(&id) {
                    order.push(id.clone());
                }
                parts.entry(id).or_default().push((pi, bi));
            }
        }
    }
    order.iter().filter_map(|id| parts.remove(id)).collect()
}

fn article_block(issue: &IssueSpec, r: BlockRef) -> Option<&ArticleBlock> {
    match issue.pages.get(r.0)?.blocks.get(r.1)? {
        Block::Article(ab) => Some(ab),
        Block::Photo(_) => None,
    }
}

/// Sets an article's parts in order and measures its fit (overset W0201, underset).
fn layout_article(
    issue: &IssueSpec,
    fonts: &FontBook,
    cache: Option<&LayoutCache>,
    parts: &[BlockRef],
    items: &mut BTreeMap<BlockRef, Vec<Item>>,
    diags: &mut Vec<Diagnostic>,
) -> ArticleFit {
    let Some(first) = parts.first().and_then(|r| article_block(issue, *r)) else {
        return ArticleFit::default();
    };
    let page0 = &issue.pages[parts[0].0];
    let text = shape_article(fonts, &page0.styles, &first.article, cache, diags);
    let mut cur = Cursor::default();
    let mut copyfit = Vec::new();
    let (mut free, mut measure) = (
        0,
        page0.geometry.column_chars as f32 * page0.geometry.body_pt,
    );
    for (n, &r) in parts.iter().enumerate() {
        let (page, Some(block)) = (&issue.pages[r.0], article_block(issue, r)) else {
            continue;
        };
        if n > 0 && cur.done(&text.paras) {
            diags.push(empty_part(&first.article.id, block));
        }
        let ctx = PartCtx {
            fonts,
            page,
            block,
            text: &text,
            first: n == 0,
            last: n + 1 == parts.len(),
            prev_page: (n > 0).then(|| issue.pages[parts[n - 1].0].number),
            next_page: parts.get(n + 1).map(|r| issue.pages[r.0].number),
        };
        let out = if ctx.last {
            let (out, change) = copyfit::fit_last_part(&ctx, cur, diags);
            copyfit.extend(change);
            out
        } else {
            layout_part(&ctx, cur, diags)
        };
        cur = out.end;
        (free, measure) = (out.free, out.last_measure);
        items.insert(r, out.items);
    }
    let last = parts[parts.len() - 1];
    let (overset_lines, overset_chars) = flow::remaining(&text.paras, cur, measure);
    if overset_lines > 0 {
        let (all_lines, _) = flow::remaining(&text.paras, Cursor::default(), measure);
        let set = all_lines.saturating_sub(overset_lines);
        diags.push(overset(
            &first.article.id,
            (overset_lines, overset_chars, set),
            article_block(issue, last),
        ));
    }
    ArticleFit {
        id: first.article.id.clone(),
        page: issue.pages[last.0].name.clone(),
        overset_lines,
        overset_chars,
        underset_lines: if overset_lines > 0 { 0 } else { free },
        copyfit,
    }
}

/// How many times what its blocks hold an article may overrun before the overset is
/// an error: copy that long is a wrong file or a wire dump, not a fit problem.
const OVERSET_ERROR_RATIO: u32 = 3;

/// Overset as a warning (W0201), or an error (E0208) past [`OVERSET_ERROR_RATIO`];
/// `fit` is (overset lines, overset characters, lines set).
fn overset(id: &str, fit: (u32, u32, u32), block: Option<&ArticleBlock>) -> Diagnostic {
    let (lines, chars, set) = fit;
    let message = format!("article `{id}` is overset by {lines} lines ({chars} characters)");
    let mut d = if lines > OVERSET_ERROR_RATIO.saturating_mul(set) {
        Diagnostic::error(
            "E0208",
            format!(
                "{message}, more than {OVERSET_ERROR_RATIO} times the {set} lines its blocks hold"
            ),
        )
        .hint("check that the block names the right article file, or place the text in more blocks")
    } else {
        Diagnostic::warning("W0201", message)
            .hint("give its last block more lines, add a continuation block (转版) or cut the text")
    };
    if let Some(loc) = block.and_then(|b| b.source.clone()) {
        d = d.at(loc);
    }
    d
}

fn empty_part(id: &str, block: &ArticleBlock) -> Diagnostic {
    let mut d = Diagnostic::warning(
        "W0202",
        format!("article `{id}` ends before this continuation block, which stays empty"),
    )
    .hint("remove the block or give the article's earlier blocks fewer lines");
    if let Some(loc) = &block.source {
        d = d.at(loc.clone());
    }
    d
}

/// A photo block (图片新闻): the picture over the block with its caption below.
fn photo_block(
    fonts: &FontBook,
    page: &PageSpec,
    pbk: &PhotoBlock,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let grid = grid::Grid::new(&page.geometry);
    let Some((cols, lines)) = grid.clamp(pbk.cols, pbk.lines) else {
        return vec![];
    };
    let top = grid.line_top(lines.0);
    let area = Rect {
        x: grid.col_left(cols.0),
        y: top,
        w: grid.col_right(cols.1) - grid.col_left(cols.0),
        h: grid.line_bottom(lines.1) - top,
    };
    let file = pbk
        .source
        .as_ref()
        .map(|l| l.file.clone())
        .unwrap_or_else(|| pbk.photo.path.clone());
    let id = pbk
        .photo
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pb = PhotoBox {
        fonts,
        styles: &page.styles,
        pitch: grid.pitch(),
        area,
        article: &id,
        file: &file,
        index: 0,
    };
    place_photo(&pb, &pbk.photo, pbk.fit, diags)
}

/// Assembles a page: blocks in order, then rules, boxes, running head and folio.
fn page_frame(
    issue: &IssueSpec,
    fonts: &FontBook,
    pi: usize,
    page: &PageSpec,
    items: &mut BTreeMap<BlockRef, Vec<Item>>,
    diags: &mut Vec<Diagnostic>,
) -> PageFrame {
    let grid = grid::Grid::new(&page.geometry);
    let mut out = Vec::new();
    let mut areas = Vec::new();
    for (bi, block) in page.blocks.iter().enumerate() {
        out.extend(items.remove(&(pi, bi)).unwrap_or_default());
        let (cols, lines, boxed) = match block {
            Block::Article(a) => (a.cols, a.lines, a.boxed),
            Block::Photo(p) => (p.cols, p.lines, false),
        };
        if let Some((cols, lines)) = grid.clamp(cols, lines) {
            areas.push(Area {
                cols,
                lines,
                boxed,
                block: bi,
            });
        }
    }
    diags.extend(overlaps(page, &areas));
    let explicit = furniture::explicit_rules(page, &page.rules);
    out.extend(
        furniture::auto_rules(page, &areas)
            .into_iter()
            .filter(|r| !explicit.iter().any(|e| furniture::same_rule(r, e))),
    );
    out.extend(explicit);
    out.extend(
        areas
            .iter()
            .filter(|a| a.boxed)
            .map(|a| furniture::box_rule(page, a)),
    );
    out.extend(furniture::header(fonts, issue, page, diags));
    out.extend(furniture::folio(fonts, page));
    PageFrame {
        name: page.name.clone(),
        number: page.number,
        width: page.geometry.width,
        height: page.geometry.height,
        bleed: page.geometry.bleed,
        items: out,
    }
}

/// E0207 for every two blocks that share grid cells: their marks would print over each
/// other, which no page means to do (issue 7: overlapping blocks are errors).
fn overlaps(page: &PageSpec, areas: &[Area]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, a) in areas.iter().enumerate() {
        for b in areas.iter().skip(i + 1) {
            let cols = a.cols.0 <= b.cols.1 && b.cols.0 <= a.cols.1;
            let lines = a.lines.0 <= b.lines.1 && b.lines.0 <= a.lines.1;
            if cols && lines {
                let mut d = Diagnostic::error(
                    "E0207",
                    format!(
                        "blocks {} and {} of page {} overlap",
                        a.block + 1,
                        b.block + 1,
                        page.name
                    ),
                )
                .hint("give the blocks separate `cols` or `lines`");
                if let Some(loc) = page.blocks.get(b.block).and_then(block_source) {
                    d = d.at(loc.clone());
                }
                out.push(d);
            }
        }
    }
    out
}

fn block_source(b: &Block) -> Option<&crate::diag::Location> {
    match b {
        Block::Article(a) => a.source.as_ref(),
        Block::Photo(p) => p.source.as_ref(),
    }
}
