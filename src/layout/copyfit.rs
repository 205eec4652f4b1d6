//! Copyfit (issue 5): opt-in per block (`copyfit = true`), bounded and logged. The one
//! step layout can take without leaving the line grid is changing the block's largest
//! inline photo by whole lines (at most [`MAX_LINES`]): shorter to take a small overset,
//! longer to fill an underset. Every change is reported as a note (N0201) so the report
//! logs it. Tracking and leading steps need the text stage and are not taken.

use super::article::{layout_part, PartCtx, PartOut};
use super::flow::{remaining, Cursor};
use super::spec::{ArticleBlock, InlinePhoto};
use crate::diag::{Diagnostic, Severity};

/// One copyfit change, as the report logs it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CopyfitChange {
    /// Article id.
    pub article: String,
    /// Page name of the block changed.
    pub page: String,
    /// What changed, in words, e.g. `photo 1 shortened by 2 lines`.
    pub change: String,
    /// The inline photo changed (1-based, as the page file counts them).
    pub photo: usize,
    /// Lines it was lengthened by (negative: shortened).
    pub lines: i64,
    /// Overset lines before and after the change.
    pub overset_before: u32,
    pub overset_after: u32,
    /// Free lines in the block before and after the change.
    pub underset_before: u32,
    pub underset_after: u32,
}

/// Most lines a photo is shortened or lengthened by.
pub(crate) const MAX_LINES: u32 = 3;

/// Smallest photo height left after shortening, in lines.
const MIN_PHOTO_LINES: u32 = 4;

/// Sets the article's last part, copyfitting it when its block asks for it; returns
/// the change made, if any.
pub(crate) fn fit_last_part(
    ctx: &PartCtx<'_>,
    start: Cursor,
    diags: &mut Vec<Diagnostic>,
) -> (PartOut, Option<CopyfitChange>) {
    let mut base_diags = Vec::new();
    let base = layout_part(ctx, start, &mut base_diags);
    let over = remaining(&ctx.text.paras, base.end, base.last_measure).0;
    let photo = largest_photo(ctx.block);
    let (Some(pi), true) = (photo, ctx.block.copyfit && (over > 0 || base.free > 0)) else {
        diags.extend(base_diags);
        return (base, None);
    };
    let mut best: Option<(i64, PartOut, Vec<Diagnostic>)> = None;
    for d in 1..=MAX_LINES as i64 {
        let delta = if over > 0 { -d } else { d };
        let Some(block) = resized(ctx.block, pi, delta) else {
            break;
        };
        let trial = PartCtx {
            block: &block,
            ..*ctx
        };
        let mut trial_diags = Vec::new();
        let out = layout_part(&trial, start, &mut trial_diags);
        let fits = remaining(&ctx.text.paras, out.end, out.last_measure).0 == 0;
        if fits && (over > 0 || out.free < best.as_ref().map_or(base.free, |b| b.1.free)) {
            best = Some((delta, out, trial_diags));
            if over > 0 {
                break;
            }
        } else if over == 0 {
            break;
        }
    }
    let Some((delta, out, trial_diags)) = best else {
        diags.extend(base_diags);
        return (base, None);
    };
    diags.extend(trial_diags);
    diags.push(note(ctx, pi, delta, over, base.free, out.free));
    let photo = ctx.block.photos[pi].photo + 1;
    let change = CopyfitChange {
        article: ctx.text.article.id.clone(),
        page: ctx.page.name.clone(),
        change: if delta < 0 {
            format!("photo {photo} shortened by {} lines", -delta)
        } else {
            format!("photo {photo} lengthened by {delta} lines")
        },
        photo,
        lines: delta,
        overset_before: over,
        overset_after: remaining(&ctx.text.paras, out.end, out.last_measure).0,
        underset_before: if over > 0 { 0 } else { base.free },
        underset_after: out.free,
    };
    (out, Some(change))
}

/// The inline photo with the largest area (first of equals).
fn largest_photo(block: &ArticleBlock) -> Option<usize> {
    let area = |p: &InlinePhoto| {
        (p.cols.1.saturating_sub(p.cols.0) + 1) * (p.lines.1.saturating_sub(p.lines.0) + 1)
    };
    block
        .photos
        .iter()
        .enumerate()
        .max_by(|a, b| area(a.1).cmp(&area(b.1)).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

/// The block with photo `pi`'s bottom moved by `delta` lines, within the block and never
/// under [`MIN_PHOTO_LINES`].
fn resized(block: &ArticleBlock, pi: usize, delta: i64) -> Option<ArticleBlock> {
    let p = block.photos.get(pi)?;
    let bottom = p.lines.1 as i64 + delta;
    let rows = (block.lines.1 - block.lines.0 + 1) as i64;
    if bottom - p.lines.0 as i64 + 1 < MIN_PHOTO_LINES as i64 || bottom > rows {
        return None;
    }
    let mut b = block.clone();
    b.photos[pi].lines.1 = bottom as u32;
    Some(b)
}

fn note(ctx: &PartCtx<'_>, pi: usize, delta: i64, over: u32, free0: u32, free1: u32) -> Diagnostic {
    let photo = ctx.block.photos[pi].photo + 1;
    let id = &ctx.text.article.id;
    let what = if delta < 0 {
        format!(
            "shortened photo {photo} of article `{id}` by {} lines to take {over} overset lines",
            -delta
        )
    } else {
        format!("lengthened photo {photo} of article `{id}` by {delta} lines (underset {free0} → {free1} lines)")
    };
    let mut d = Diagnostic::new(Severity::Note, "N0201", format!("copyfit: {what}"))
        .hint("set `copyfit = false` on the block to keep the photo as placed");
    if let Some(loc) = &ctx.block.source {
        d = d.at(loc.clone());
    }
    d
}
