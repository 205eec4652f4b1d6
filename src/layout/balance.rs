//! Column balancing (平衡栏) of an article's last part when its block is not full
//! (issue 5; cjk-rules §1.j for the 孤行 rule the flow keeps).
//!
//! The columns get bottoms within one grid line of each other: the first `j` columns
//! end at row `L`, the others at row `L − 1`. Configurations are tried in order of
//! growing capacity, `n = (L − 1) × k + j`, and the first one that takes the whole text
//! wins, so the result is the shortest balanced setting.

use super::flow::{flow, Cursor, Flow, FlowOptions, Para, Slot};
use std::sync::Arc;

/// Balances the flow of `start…end` over the column segments from `first` on (the last
/// band of the block; earlier segments are filled as they are); `None` when there is
/// nothing to do (one column) or no balanced setting fits.
pub(crate) fn balance(
    paras: &[Arc<Para>],
    start: Cursor,
    columns: &[Vec<Slot>],
    first: usize,
    unbalanced: &Flow,
) -> Option<Flow> {
    let band = columns.get(first..)?;
    let k = band.len() as u32;
    if k < 2 || !unbalanced.end.done(paras) {
        return None;
    }
    let rows = band
        .iter()
        .flat_map(|c| c.iter().map(|s| s.row + 1))
        .max()?;
    let first_row = band.iter().flat_map(|c| c.iter().map(|s| s.row)).min()?;
    let used = unbalanced
        .placed
        .iter()
        .filter(|p| p.slot.row >= first_row)
        .count() as u32;
    // Lower bound: the unbalanced flow used `used` slots of the band; balancing cannot
    // need fewer rows than an even share of them, less a line of slack for re-breaks.
    let min_l = (first_row + (used / k).saturating_sub(1)).max(first_row + 1);
    for l in min_l..=rows {
        for j in 1..=k {
            let band_limits = (0..k).map(|c| if c < j { l } else { l - 1 });
            let limits: Vec<u32> = std::iter::repeat_n(u32::MAX, first)
                .chain(band_limits)
                .collect();
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
