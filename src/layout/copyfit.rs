//! Copyfit (issue 5): opt-in per block (`copyfit = true`), bounded and logged. The one
//! step layout can take without leaving the line grid is changing the block's largest
//! inline photo by whole lines (at most [`MAX_LINES`]): shorter to take a small overset,
//! longer to fill an underset. Every change is reported as a note (N0201) so the report
//! logs it. Tracking and leading steps need the text stage and are not taken.

use super::article::{layout_part, PartCtx, PartOut};
use super::flow::{remaining, Cursor};
use super::spec::{ArticleBlock, InlinePhoto};
use crate::diag::{Diagnostic, Severity};

/// Most lines a photo is shortened or lengthened by.
pub(crate) const MAX_LINES: u32 = 3;

/// Smallest photo height left after shortening, in lines.
const MIN_PHOTO_LINES: u32 = 4;

/// Sets the article's last part, copyfitting it when its block asks for it.
pub(crate) fn fit_last_part(
    ctx: &PartCtx<'_>,
    start: Cursor,
    diags: &mut Vec<Diagnostic>,
) -> PartOut {
    let mut base_diags = Vec::new();
    let base = layout_part(ctx, start, &mut base_diags);
    let over = remaining(&ctx.text.paras, base.end, base.last_measure).0;
    let photo = largest_photo(ctx.block);
    let (Some(pi), true) = (photo, ctx.block.copyfit && (over > 0 || base.free > 0)) else {
        diags.extend(base_diags);
        return base;
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
        return base;
    };
    diags.extend(trial_diags);
    diags.push(note(ctx, pi, delta, over, base.free, out.free));
    out
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
