//! A page file resolved: name, number, 版名 and the blocks placed on the grid.

use super::layout::Layout;
use super::raw::{RawArticleBlock, RawInlinePhoto, RawPage, RawPhotoBlock, RawRule, V};
use super::read::{parse, sort_by_place, Reader};
use super::schema::PAGE;
use super::source::Source;
use super::units::Accept;
use crate::content::{focus, image_photo, load_article, Article};
use crate::diag::Diagnostic;
use crate::layout::{ArticleBlock, Block, Fit, InlinePhoto, PageSpec, PhotoBlock, RuleSpec};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// Articles read so far, by path (an article in two blocks is read once and continues).
pub type ArticleCache = BTreeMap<PathBuf, Option<Arc<Article>>>;

/// Reads one page file; `default_number` is its place in the issue.
pub fn load_page(
    path: &Path,
    default_number: u32,
    layout: &Layout,
    cache: &mut ArticleCache,
    diags: &mut Vec<Diagnostic>,
) -> Option<PageSpec> {
    let src = Source::read_reporting(path, diags)?;
    let before = diags.len();
    let raw: RawPage = parse(&src, PAGE, diags)?;
    let mut r = Reader::new(&src, diags);
    let g = &layout.geometry;
    r.ctx.zi = Some(f64::from(g.body_pt));
    r.ctx.hang = Some(f64::from(g.line_pitch));
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = raw
        .name
        .as_ref()
        .map_or(Some(stem), |v| r.string(v, "name"));
    let number = raw
        .number
        .as_ref()
        .map_or(Some(default_number), |v| r.uint(v, "number", 1, 9999));
    let section = raw
        .section
        .as_ref()
        .map_or(Some(String::new()), |v| r.string(v, "section"));
    let mut blocks: Vec<(usize, Block)> = vec![];
    for a in &raw.article {
        if let Some(b) = article_block(&mut r, a, layout, cache) {
            blocks.push((a.span().start, Block::Article(b)));
        }
    }
    for p in &raw.photo {
        if let Some(b) = photo_block(&mut r, p, layout) {
            blocks.push((p.span().start, Block::Photo(b)));
        }
    }
    // Reading order is the order the blocks are written in the file.
    blocks.sort_by_key(|(start, _)| *start);
    let rules: Vec<RuleSpec> = raw
        .rule
        .iter()
        .filter_map(|x| rule(&mut r, x, layout))
        .collect();
    let (name, number, section) = (name?, number?, section?);
    sort_by_place(&mut diags[before..]);
    if diags.len() > before {
        return None;
    }
    Some(PageSpec {
        name,
        number,
        section,
        geometry: layout.geometry.clone(),
        styles: layout.styles.clone(),
        blocks: blocks.into_iter().map(|(_, b)| b).collect(),
        rules,
    })
}

fn need<'v>(
    r: &mut Reader,
    v: &'v Option<V>,
    table: &std::ops::Range<usize>,
    key: &str,
    example: &str,
) -> Option<&'v V> {
    if v.is_none() {
        r.missing(table.clone(), key, example);
    }
    v.as_ref()
}

/// `cols` and `lines` of a block on the page grid.
fn grid_place(
    r: &mut Reader,
    cols: &Option<V>,
    lines: &Option<V>,
    span: &std::ops::Range<usize>,
    layout: &Layout,
) -> Option<((u32, u32), (u32, u32))> {
    let g = &layout.geometry;
    let c = need(r, cols, span, "cols", "[1, 4]")
        .and_then(|v| r.range(v, "cols", g.columns, "grid columns"));
    let l = need(r, lines, span, "lines", "[1, 40]")
        .and_then(|v| r.range(v, "lines", g.lines, "body lines"));
    Some((c?, l?))
}

fn fit(r: &mut Reader, v: &Option<V>) -> Option<Fit> {
    match v {
        Some(v) => r.choice(v, "fit", &[("fill", Fit::Fill), ("fit", Fit::Fit)]),
        None => Some(Fit::Fill),
    }
}

fn article_block(
    r: &mut Reader,
    a: &Spanned<RawArticleBlock>,
    layout: &Layout,
    cache: &mut ArticleCache,
) -> Option<ArticleBlock> {
    let (span, raw) = (a.span(), a.get_ref());
    let article = need(r, &raw.file, &span, "file", "\"../articles/01.md\"")
        .and_then(|v| article(r, v, cache));
    let place = grid_place(r, &raw.cols, &raw.lines, &span, layout);
    let width = place.map_or(1, |((c0, c1), _)| c1 - c0 + 1);
    let text_columns = match &raw.text_columns {
        Some(v) => Some(Some(r.uint(v, "text_columns", 1, width.max(1) * 2)?)),
        None => Some(None),
    };
    let copyfit = raw
        .copyfit
        .as_ref()
        .map_or(Some(false), |v| r.boolean(v, "copyfit"));
    let boxed = raw
        .boxed
        .as_ref()
        .map_or(Some(false), |v| r.boolean(v, "box"));
    let headline_size = match &raw.headline_size {
        Some(v) => Some(Some(r.length(v, "headline_size", Accept::SIZE)? as f32)),
        None => Some(None),
    };
    let (cols, lines) = place?;
    let text_columns = text_columns?;
    let inner_cols = text_columns.unwrap_or(width);
    let article = article?;
    let mut photos = vec![];
    for p in &raw.photo {
        photos.push(inline_photo(
            r,
            p,
            &article,
            inner_cols,
            lines.1 - lines.0 + 1,
        )?);
    }
    let source = Some(r.src.location(span.start..span.start + "[[article]]".len()));
    Some(ArticleBlock {
        article,
        cols,
        lines,
        text_columns,
        photos,
        copyfit: copyfit?,
        headline_size: headline_size?,
        boxed: boxed?,
        source,
    })
}

fn article(r: &mut Reader, v: &V, cache: &mut ArticleCache) -> Option<Arc<Article>> {
    let rel = r.string(v, "file")?;
    let path = r.src.resolve_path(&rel);
    if let Some(hit) = cache.get(&path) {
        return hit.clone();
    }
    let loaded = if path.is_file() {
        load_article(&path, r.diags).map(Arc::new)
    } else {
        let why = super::source::not_a_file(&path);
        let msg = format!("cannot read article `{}`: {why}", path.display());
        r.error(
            "E0107",
            v.span(),
            msg,
            "article paths are relative to the page file",
        );
        None
    };
    cache.insert(path, loaded.clone());
    loaded
}

fn inline_photo(
    r: &mut Reader,
    p: &Spanned<RawInlinePhoto>,
    a: &Article,
    cols: u32,
    lines: u32,
) -> Option<InlinePhoto> {
    let (span, raw) = (p.span(), p.get_ref());
    let n = a.photos.len() as u32;
    let index = match &raw.photo {
        Some(v) if n == 0 => {
            r.error(
                "E0105",
                v.span(),
                format!("article `{}` has no photos", a.id),
                "add `[[photo]]` to the article's front matter",
            );
            None
        }
        Some(v) => r.uint(v, "photo", 1, n),
        None => Some(1),
    };
    let c = need(r, &raw.cols, &span, "cols", "[1, 2]")
        .and_then(|v| r.range(v, "cols", cols, "text columns of the block"));
    let l = need(r, &raw.lines, &span, "lines", "[1, 20]")
        .and_then(|v| r.range(v, "lines", lines, "lines of the block"));
    let fit = fit(r, &raw.fit);
    let index = index?;
    if n == 0 {
        return None;
    }
    Some(InlinePhoto {
        photo: index as usize - 1,
        cols: c?,
        lines: l?,
        fit: fit?,
    })
}

fn photo_block(r: &mut Reader, p: &Spanned<RawPhotoBlock>, layout: &Layout) -> Option<PhotoBlock> {
    let (span, raw) = (p.span(), p.get_ref());
    let caption = raw
        .caption
        .as_ref()
        .map_or(Some(String::new()), |v| r.string(v, "caption"));
    let credit = raw
        .credit
        .as_ref()
        .map_or(Some(String::new()), |v| r.string(v, "credit"));
    let focus = raw.focus.as_ref().map_or(Some((0.5, 0.5)), |v| focus(r, v));
    let place = grid_place(r, &raw.cols, &raw.lines, &span, layout);
    let fit = fit(r, &raw.fit);
    let file = need(r, &raw.file, &span, "file", "\"../images/photo.jpg\"")?;
    let photo = image_photo(r, file, "file", caption?, credit?, focus?)?;
    let (cols, lines) = place?;
    let source = Some(r.src.location(span.start..span.start + "[[photo]]".len()));
    Some(PhotoBlock {
        photo,
        cols,
        lines,
        fit: fit?,
        source,
    })
}

fn rule(r: &mut Reader, x: &Spanned<RawRule>, layout: &Layout) -> Option<RuleSpec> {
    let (span, raw) = (x.span(), x.get_ref());
    let g = &layout.geometry;
    let width = match &raw.width {
        Some(v) => r.length(v, "width", Accept::ABSOLUTE).map(|w| w as f32),
        None => Some(layout.styles.rule_pt),
    };
    let hint =
        "a horizontal rule has `after_line` and `cols`; a vertical one `after_col` and `lines`";
    let (vertical, at, spanv) = match (&raw.after_line, &raw.after_col) {
        (Some(a), None) => (
            false,
            r.uint(a, "after_line", 0, g.lines),
            need(r, &raw.cols, &span, "cols", "[1, 6]")
                .and_then(|v| r.range(v, "cols", g.columns, "grid columns")),
        ),
        (None, Some(a)) => (
            true,
            r.uint(a, "after_col", 0, g.columns),
            need(r, &raw.lines, &span, "lines", "[1, 40]")
                .and_then(|v| r.range(v, "lines", g.lines, "body lines")),
        ),
        (Some(a), Some(_)) => {
            r.error(
                "E0105",
                a.span(),
                "a rule has both `after_line` and `after_col`",
                hint,
            );
            return None;
        }
        (None, None) => {
            r.error(
                "E0106",
                span.start..span.start,
                "a rule needs `after_line` or `after_col`",
                hint,
            );
            return None;
        }
    };
    Some(RuleSpec {
        vertical,
        at: at?,
        span: spanv?,
        width_pt: width?,
    })
}
