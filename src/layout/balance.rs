//! Column balancing (平衡栏) of an article's last part when its block is not full
//! (issue 5; cjk-rules §1.j for the 孤行 rule the flow keeps).
//!
//! The columns get bottoms within one grid line of each other: the first `j` columns
//! end at row `L`, the others at row `L − 1`. Configurations are tried in order of
//! growing capacity, `n = (L − 1) × k + j`, and the first one that takes the whole text
//! wins, so the result is the shortest balanced setting.

use super::flow::{flow, Cursor, Flow, FlowOptions, Slot};
use crate::text::ShapedParagraph;

/// Balances the flow of `start…end` over `columns`; `None` when there is nothing to do
/// (one column) or no balanced setting fits.
pub(crate) fn balance(
    paras: &[ShapedParagraph],
    start: Cursor,
    columns: &[Vec<Slot>],
    unbalanced: &Flow,
) -> Option<Flow> {
    let k = columns.len() as u32;
    if k < 2 || !unbalanced.end.done(paras) {
        return None;
    }
    let rows = columns.iter().flat_map(|c| c.iter().map(|s| s.row + 1)).max()?;
    let first_row = columns.iter().flat_map(|c| c.iter().map(|s| s.row)).min()?;
    let used = unbalanced.placed.len() as u32;
    // Lower bound: the unbalanced flow used `used` slots; balancing cannot need fewer
    // rows than an even share of them, less a line per column of slack for re-breaks.
    let min_l = (first_row + (used / k).saturating_sub(1)).max(first_row + 1);
    for l in min_l..=rows {
        for j in 1..=k {
            let limits: Vec<u32> = (0..k).map(|c| if c < j { l } else { l - 1 }).collect();
            let opt = FlowOptions {
                limits: Some(&limits),
                avoid_widows: true,
                more_after: false,
            };
            let f = flow(paras, start, columns, opt);
            if f.end.done(paras) {
                return Some(f);
            }
        }
    }
    None
}
