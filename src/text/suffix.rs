//! Total-fit from any start (cjk-rules §6.4), computed once per paragraph and measure.
//!
//! Flow breaks a paragraph again at every column head, from wherever the previous
//! column stopped, and balancing tries many settings, each with new starts (issue 6).
//! The forward pass of `Ctx::optimal` costs a whole paragraph per start; this module
//! runs the same cost model backwards once instead. A line's cost depends on where
//! breaking started only through the first line: it takes the first-line indent (in
//! its cost and in the tolerance test) and is never charged as a 孤字 (CLREQ §3.7). So
//! `cost[a]`, the cheapest way from a line start `a` that is not the first line to the
//! paragraph end, is the same for every start. Breaking from `s` is then choosing the
//! first line `s..b` that minimises its own cost plus `cost[b]` (one look-back window
//! of candidates) and following the `next` pointers.
//!
//! Both passes of `Ctx::optimal` are mirrored: the tolerance pass (lines needing at
//! most [`TOLERANCE`] em per gap) is built with the tables; the pass over every line is
//! built only when some start needs it, that is when the tolerance result from that
//! start is infinite or reaches the 孤字 cost. The candidate lines are the forward
//! pass's: a line ending at `b` starts no earlier than the first atom whose width
//! lower bound exceeds the measure (`stop[b]`).
//!
//! Ties: of equally cheap continuations from `a` the one with the longest next line
//! wins. Where two optimal settings differ in one break, that is the forward pass's
//! choice too (its back pointers keep the latest break), so both passes give the same
//! lines; costs are summed in another order, so settings whose costs are equal only in
//! exact arithmetic may still be told apart differently.

use super::linebreak::{Ctx, Step, ORPHAN, TOLERANCE};
use std::cell::OnceCell;

/// Relative difference below which two totals are a tie (a few ulps of the sum of a
/// paragraph's line costs).
const TIE: f64 = 1e-12;

/// No continuation (`cost` is infinite).
const NONE: u32 = u32::MAX;

/// The cheapest continuation from every atom to the paragraph end (one pass).
#[derive(Clone, Debug)]
struct Suffix {
    /// `cost[a]`: total cost of the cheapest lines from atom `a` (a line start that is
    /// not the first line) to the end; infinite when there are none (and up to the
    /// first start).
    cost: Vec<f64>,
    /// `next[a]`: end atom of the first of those lines and whether its last atom
    /// hangs; [`NONE`] where `cost[a]` is infinite.
    next: Vec<(u32, bool)>,
}

/// The backward total-fit tables of one paragraph at one measure.
#[derive(Clone, Debug)]
pub(crate) struct Tables {
    /// The first atom breaking may start from (0 for a whole paragraph; a one-off
    /// break from `s` needs only the atoms after it).
    from: usize,
    /// `stop[b]`: the first atom the forward pass's look-back reaches for a line
    /// ending at `b` (lines `a..b` with `a < stop[b]` are never considered).
    stop: Vec<u32>,
    /// `far[s]`: the largest `b` with `stop[b] ≤ s` (no line from `s` ends later).
    far: Vec<u32>,
    /// The tolerance pass.
    tol: Suffix,
    /// The pass over every line, built when a start first needs it.
    full: OnceCell<Suffix>,
}

impl Tables {
    /// Builds the windows and the tolerance pass for `ctx`'s measure (its indent does
    /// not matter: only first lines take it), for starts from atom `from` on.
    pub(crate) fn new(ctx: &Ctx<'_>, from: usize) -> Tables {
        let stop = windows(ctx, from);
        let n = ctx.items.len();
        let mut far = vec![0u32; n + 1];
        for (b, &a) in stop.iter().enumerate().skip(from + 1) {
            let f = &mut far[a as usize];
            *f = (*f).max(b as u32);
        }
        for s in from + 1..=n {
            far[s] = far[s].max(far[s - 1]);
        }
        let tol = suffix(ctx, &stop, from, Some(TOLERANCE * ctx.em));
        Tables {
            from,
            stop,
            far,
            tol,
            full: OnceCell::new(),
        }
    }

    /// Whether the tables serve a start at atom `s`.
    pub(crate) fn covers(&self, s: usize) -> bool {
        s >= self.from
    }

    /// The lines from atom `s` (the first takes `ctx.indent`) as (first atom, end
    /// atom, hanging): the lines `Ctx::optimal` chooses, up to ties. Needs
    /// [`Tables::covers`]`(s)`.
    pub(crate) fn path(&self, ctx: &Ctx<'_>, s: usize) -> Vec<Step> {
        let mut suf = &self.tol;
        let mut pick = self.first_line(ctx, s, suf, Some(TOLERANCE * ctx.em));
        if pick.is_none_or(|(cost, _, _)| cost >= ORPHAN) {
            suf = self
                .full
                .get_or_init(|| suffix(ctx, &self.stop, self.from, None));
            pick = self.first_line(ctx, s, suf, None);
        }
        let Some((_, b, hang)) = pick else {
            return Vec::new();
        };
        let n = ctx.items.len();
        let mut out = Vec::with_capacity(2 + (n - s) / 8);
        out.push((s, b, hang));
        let mut a = b;
        while a < n {
            let (b, hang) = suf.next[a];
            if b == NONE {
                return Vec::new();
            }
            out.push((a, b as usize, hang));
            a = b as usize;
        }
        out
    }

    /// The best first line from `s` given the continuations `suf`: (total cost, end
    /// atom, hanging).
    fn first_line(
        &self,
        ctx: &Ctx<'_>,
        s: usize,
        suf: &Suffix,
        tol: Option<f64>,
    ) -> Option<(f64, usize, bool)> {
        let mut best: Option<(f64, usize, bool)> = None;
        let far = self.far.get(s).map_or(s, |&f| f as usize);
        for b in (s + 1..=far).rev() {
            let tail = suf.cost[b];
            if self.stop[b] as usize > s || !tail.is_finite() {
                continue;
            }
            if tol.is_some_and(|t| !ctx.reachable(true, s, b, t)) {
                continue;
            }
            if let Some((c, _, _, hang)) = ctx.line_as(true, s, b, None) {
                let total = c + tail;
                if best.is_none_or(|x| cheaper(total, x.0)) {
                    best = Some((total, b, hang));
                }
            }
        }
        best
    }
}

/// Whether a continuation costing `new` beats the one found so far (`old`, with a
/// longer line): by more than rounding, since the same costs summed in another order
/// may differ in their last bits.
#[inline]
fn cheaper(new: f64, old: f64) -> bool {
    new < old && (!old.is_finite() || old - new > TIE * old.abs())
}

/// `stop[b]` for every end atom `b` after `from`: the look-back of `Ctx::optimal`
/// goes down from `b − 1` and ends at the first atom whose line is surely wider than
/// the measure (or at the start).
fn windows(ctx: &Ctx<'_>, from: usize) -> Vec<u32> {
    let n = ctx.items.len();
    let mut stop = vec![0u32; n + 1];
    for (b, st) in stop.iter_mut().enumerate().skip(from + 1) {
        let mut a = b - 1;
        while a > from && ctx.sums.lower_bound(ctx.items, a, b, ctx.slack) <= ctx.measure + 1e-6 {
            a -= 1;
        }
        *st = a as u32;
    }
    stop
}

/// One backward pass: the cheapest continuation from every atom, over the lines the
/// forward pass considers (with `tol`: those that reach the measure with at most `tol`
/// pt per gap). Ends are taken from the last down, so of equal costs the longest line
/// is kept (the first one found). Only atoms after `from` start lines that are not
/// the first.
fn suffix(ctx: &Ctx<'_>, stop: &[u32], from: usize, tol: Option<f64>) -> Suffix {
    let n = ctx.items.len();
    let mut cost = vec![f64::INFINITY; n + 1];
    let mut next = vec![(NONE, false); n + 1];
    cost[n] = 0.0;
    // With a tolerance, lines a..b (a + 1 < b < n) reach the measure only for a ≤ hi,
    // and hi only falls as b does (a line's reach grows with its length).
    let mut hi = n;
    for b in (from + 2..=n).rev() {
        let tail = cost[b];
        let lo = (stop[b] as usize).max(from + 1);
        let top = match tol {
            Some(t) if b < n => {
                hi = hi.min(b - 2);
                while hi >= lo && ctx.reach(false, hi, b, t) < ctx.measure - 1e-6 {
                    hi -= 1;
                }
                hi
            }
            _ => b - 2,
        };
        if !tail.is_finite() {
            continue;
        }
        // The line of one atom always qualifies; then the longer ones, down to `lo`.
        for a in std::iter::once(b - 1).chain((lo..=top).rev()) {
            if tol.is_some_and(|t| !ctx.reachable(false, a, b, t)) {
                continue;
            }
            if let Some((c, _, _, hang)) = ctx.line_as(false, a, b, None) {
                let total = c + tail;
                if cheaper(total, cost[a]) {
                    cost[a] = total;
                    next[a] = (b as u32, hang);
                }
            }
        }
    }
    Suffix { cost, next }
}
