//! Line breaking over prefix sums: total-fit (Knuth–Plass style, cjk-rules §6.4) and
//! greedy first-fit (`BreakMethod::Greedy`, for comparison).
//!
//! Every atom boundary is a candidate; prohibited ones (kinsoku, inside unbreakables)
//! carry penalties so large that they are taken only when the text leaves no legal
//! break, and such lines are marked `forced`. A line's cost comes from
//! [`justify::plan`]: shrinking (push-in) costs less than spacing out (push-out), as
//! CLREQ's "先挤进，后推出" asks (§3.1.7). A last line with fewer than two Han
//! characters (孤字, CLREQ §3.7) costs more than anything but a rule violation. The
//! look-back is bounded by the measure, so the pass is linear in the paragraph.
//!
//! This file holds the cost model ([`Ctx::line_as`]), greedy breaking and the forward
//! total-fit pass (`Ctx::optimal`, the reference in tests); breaking itself runs the
//! same model backwards once per measure (`suffix`), so that any start is cheap.

use super::justify::{self, Metrics, Plan};
use super::segment::Boundaries;
use super::width::{Item, TIERS, TIER_CJK_LATIN};

/// Cost of a last line holding fewer than two Han characters (孤字).
pub(crate) const ORPHAN: f64 = 1.0e7;
/// Cost of a line that is wider than the measure (a single unit too long).
const OVERFULL: f64 = 1.0e11;
/// Cost of every line, so fewer lines win ties.
const LINE: f64 = 1.0;
/// Cost per em² of slack of a ragged (unjustified) line.
const RAGGED: f64 = 100.0;
/// Most inter-character expansion per gap, in em, that the first total-fit pass
/// considers (looser lines are examined only when that pass fails).
pub(crate) const TOLERANCE: f64 = 0.3;
/// Cost of hanging a mark past the measure: when the mark fits inside by ordinary
/// adjustment that is preferred (JLREQ §3.8.2; CLREQ §3.1.9).
const HANG: f64 = 150.0;

/// Prefix sums of a paragraph's items (f64: 100k characters of 9 pt exceed f32's
/// precision).
#[derive(Clone)]
pub(crate) struct Sums {
    w: Vec<f64>,
    shrink: Vec<[f64; TIERS]>,
    shrink_all: Vec<f64>,
    st1: Vec<f64>,
    st2: Vec<f64>,
    gaps: Vec<u32>,
    han: Vec<u32>,
}

impl Sums {
    /// Builds the sums once per paragraph.
    pub(crate) fn new(items: &[Item], b: &Boundaries, han: impl Iterator<Item = u16>) -> Sums {
        let n = items.len();
        let mut s = Sums {
            w: Vec::with_capacity(n + 1),
            shrink: Vec::with_capacity(n + 1),
            shrink_all: Vec::with_capacity(n + 1),
            st1: Vec::with_capacity(n + 1),
            st2: Vec::with_capacity(n + 1),
            gaps: Vec::with_capacity(n + 1),
            han: Vec::with_capacity(n + 1),
        };
        let (mut w, mut sh, mut sa, mut s1, mut s2, mut g, mut h) =
            (0.0, [0.0; TIERS], 0.0, 0.0, 0.0, 0, 0);
        let mut han = han;
        for (i, it) in items.iter().enumerate() {
            s.push(w, sh, sa, s1, s2, g, h);
            w += (it.w + it.glue) as f64;
            if it.tier >= 2 {
                sh[(it.tier - 2) as usize] += it.shrink as f64;
                sa += it.shrink as f64;
            }
            sh[(TIER_CJK_LATIN - 2) as usize] += it.glue_shrink as f64;
            sa += it.glue_shrink as f64;
            s1 += it.stretch as f64;
            s2 += it.glue_stretch as f64;
            g += u32::from(b.gap_ok[i]);
            h += u32::from(han.next().unwrap_or(0));
        }
        s.push(w, sh, sa, s1, s2, g, h);
        s
    }

    #[allow(clippy::too_many_arguments)]
    fn push(&mut self, w: f64, sh: [f64; TIERS], sa: f64, s1: f64, s2: f64, g: u32, h: u32) {
        self.w.push(w);
        self.shrink.push(sh);
        self.shrink_all.push(sa);
        self.st1.push(s1);
        self.st2.push(s2);
        self.gaps.push(g);
        self.han.push(h);
    }

    /// Han characters in atoms `a..b`.
    pub(crate) fn han(&self, a: usize, b: usize) -> u32 {
        self.han[b] - self.han[a]
    }

    /// Metrics of the line of atoms `a..b` with `indent` pt before it.
    pub(crate) fn metrics(&self, items: &[Item], a: usize, b: usize, indent: f64) -> Metrics {
        self.metrics_for(items, a, b, indent, f64::NEG_INFINITY)
    }

    /// [`Sums::metrics`] for a line of `avail` pt: the shrink tiers are summed only
    /// when the line is wider than that (they are not needed otherwise).
    pub(crate) fn metrics_for(
        &self,
        items: &[Item],
        a: usize,
        b: usize,
        indent: f64,
        avail: f64,
    ) -> Metrics {
        let (first, last) = (&items[a], &items[b - 1]);
        let mut m = Metrics {
            nat: self.w[b] - self.w[a] - (last.glue + first.trim_start + last.trim_end) as f64
                + indent,
            st1: self.st1[b] - self.st1[a] - last.stretch as f64,
            st2: self.st2[b] - self.st2[a] - last.glue_stretch as f64,
            gaps: self.gaps[b - 1] - self.gaps[a],
            all_gaps: (b - 1 - a) as u32,
            ..Metrics::default()
        };
        if m.nat <= avail {
            return m;
        }
        for t in 0..TIERS {
            m.shrink[t] = self.shrink[b][t] - self.shrink[a][t];
        }
        m.shrink[(TIER_CJK_LATIN - 2) as usize] -= last.glue_shrink as f64;
        if first.trim_start > 0.0 && first.side == super::classes::Blank::Start && first.tier >= 2 {
            m.shrink[(first.tier - 2) as usize] -= first.shrink as f64;
        }
        if last.trim_end > 0.0 && last.side == super::classes::Blank::End && last.tier >= 2 {
            m.shrink[(last.tier - 2) as usize] -= last.shrink as f64;
        }
        for v in &mut m.shrink {
            *v = v.max(0.0);
        }
        m
    }

    /// A lower bound of the width of line `a..b` (for bounding the look-back);
    /// `slack` covers the opening trim and a hanging mark.
    pub(crate) fn lower_bound(&self, items: &[Item], a: usize, b: usize, slack: f64) -> f64 {
        let last = &items[b - 1];
        self.w[b]
            - self.w[a]
            - (self.shrink_all[b] - self.shrink_all[a])
            - (last.glue + last.trim_end) as f64
            - slack
    }
}

/// A chosen line: atoms `a..b`, how it is adjusted, whether it breaks a rule.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Chosen {
    /// First atom.
    pub a: usize,
    /// One past the last atom.
    pub b: usize,
    /// Adjustment.
    pub plan: Plan,
    /// Broken against the rules or overfull.
    pub forced: bool,
    /// The last atom (、，。) hangs past the measure (CLREQ §3.1.9).
    pub hang: bool,
}

/// What the breaker needs to know about the paragraph and the column.
pub(crate) struct Ctx<'a> {
    /// Items of the paragraph.
    pub items: &'a [Item],
    /// Break facts.
    pub bounds: &'a Boundaries,
    /// Prefix sums.
    pub sums: &'a Sums,
    /// Measure in pt.
    pub measure: f64,
    /// First-line indent in pt.
    pub indent: f64,
    /// Body em in pt.
    pub em: f64,
    /// Twice the largest atom size in pt: bounds what an edge trim or a hanging mark
    /// can take off a line.
    pub slack: f64,
    /// Justify non-final lines.
    pub justify: bool,
    /// `hang[i]`: atom `i` may hang past the line end when it ends a line (empty when
    /// hanging is off).
    pub hang: &'a [bool],
}

/// A line found by total-fit: first atom, end atom, hanging.
pub(crate) type Step = (usize, usize, bool);

/// A candidate line's cost, adjustment, rule violation and hanging.
pub(crate) type Cand = (f64, Plan, bool, bool);

impl Ctx<'_> {
    /// Cost and plan of the line `a..b` (`first`: the first line set, which takes the
    /// indent and is never a 孤字); None when it cannot be set.
    fn line(&self, first: bool, a: usize, b: usize) -> Option<Cand> {
        self.line_as(first, a, b, None)
    }

    /// [`Ctx::line`], with hanging decided (`Some`) or chosen by cost (`None`).
    #[inline]
    pub(crate) fn line_as(
        &self,
        first: bool,
        a: usize,
        b: usize,
        hang: Option<bool>,
    ) -> Option<Cand> {
        let n = self.items.len();
        let last = b == n;
        let brk = if last {
            super::segment::Break {
                penalty: 0.0,
                forced: false,
            }
        } else {
            self.bounds.brk[b - 1]
        };
        let may_hang = self.hang.get(b - 1).copied().unwrap_or(false) && b - 1 > a;
        let mut best = if hang == Some(true) {
            None
        } else {
            self.fit(first, a, b, false)
        };
        if may_hang && hang != Some(false) {
            if let Some(h) = self.fit(first, a, b, true) {
                if best.is_none_or(|x| h.0 < x.0) {
                    best = Some(h);
                }
            }
        }
        let (mut cost, p, mut forced, hang) = best?;
        cost += LINE + brk.penalty;
        forced |= brk.forced;
        if last && !first && self.sums.han(a, b) < 2 {
            cost += ORPHAN;
        }
        Some((cost, p, forced, hang))
    }

    /// Fits atoms `a..b` (the last one hanging outside when `hang`).
    #[inline]
    fn fit(&self, first: bool, a: usize, b: usize, hang: bool) -> Option<Cand> {
        let last = b == self.items.len();
        let indent = if first { self.indent } else { 0.0 };
        let end = if hang { b - 1 } else { b };
        let m = self
            .sums
            .metrics_for(self.items, a, end, indent, self.measure);
        let p = justify::plan(&m, self.measure, self.em, self.justify && !last);
        let mut cost = p.cost + if hang { HANG } else { 0.0 };
        let mut forced = false;
        if !p.feasible {
            if a + 1 != b {
                return None;
            }
            cost += OVERFULL + (p.width - self.measure);
            forced = true;
        }
        if !self.justify && !last {
            let slack = (self.measure - p.width).max(0.0) / self.em;
            cost += RAGGED * slack * slack;
        }
        Some((cost, p, forced, hang))
    }

    /// Total-fit: the cheapest sequence of lines from atom `s` to the end. A first pass
    /// skips lines that would need more than [`TOLERANCE`] em per gap; if its result
    /// breaks a rule or leaves a 孤字, a second pass considers every line.
    ///
    /// Breaking uses the backward tables of `suffix`; this forward pass stays as the
    /// reference they are tested against.
    #[cfg(test)]
    pub(crate) fn optimal(&self, s: usize) -> Vec<Chosen> {
        let first = self.total_fit(s, Some(TOLERANCE * self.em));
        let bad = first.as_ref().is_none_or(|(cost, _)| *cost >= ORPHAN);
        let (_, path) = if bad {
            self.total_fit(s, None).unwrap_or_default()
        } else {
            first.unwrap_or_default()
        };
        path.iter()
            .filter_map(|&(a, b, hang)| {
                let (_, plan, forced, h) = self.line_as(a == s, a, b, Some(hang))?;
                Some(Chosen {
                    a,
                    b,
                    plan,
                    forced,
                    hang: h,
                })
            })
            .collect()
    }

    /// One dynamic-programming pass; returns the total cost and the lines as
    /// (first atom, end atom, hanging).
    #[cfg(test)]
    fn total_fit(&self, s: usize, tol: Option<f64>) -> Option<(f64, Vec<Step>)> {
        let n = self.items.len();
        let mut best = vec![f64::INFINITY; n + 1];
        let mut prev = vec![(usize::MAX, false); n + 1];
        best[s] = 0.0;
        // With a tolerance, lines a..b are reachable exactly for a ≤ hi (reach grows
        // as a line gets longer), and hi never decreases as b grows.
        let mut hi = s;
        for b in s + 1..=n {
            if let Some(t) = tol {
                while hi + 1 < b && self.reach(false, hi + 1, b, t) >= self.measure - 1e-6 {
                    hi += 1;
                }
            }
            let mut a = b - 1;
            loop {
                let skip = tol.is_some() && a > hi && a + 1 != b && b != n;
                if skip && a > hi + 1 {
                    // Jump to the reachable range (the loop condition below still
                    // bounds it by the measure).
                    a = hi + 1;
                }
                if !skip
                    && best[a].is_finite()
                    && tol.is_none_or(|t| self.reachable(a == s, a, b, t))
                {
                    if let Some((c, _, _, hang)) = self.line_as(a == s, a, b, None) {
                        let total = best[a] + c;
                        if total < best[b] {
                            best[b] = total;
                            prev[b] = (a, hang);
                        }
                    }
                }
                if a == s
                    || self.sums.lower_bound(self.items, a, b, self.slack) > self.measure + 1e-6
                {
                    break;
                }
                a -= 1;
            }
        }
        if !best[n].is_finite() {
            return None;
        }
        let mut out = Vec::new();
        let mut b = n;
        while b > s {
            let (a, hang) = prev[b];
            if a == usize::MAX {
                return None;
            }
            out.push((a, b, hang));
            b = a;
        }
        out.reverse();
        Some((best[n], out))
    }

    /// Whether line `a..b` can reach the measure with at most `tol` pt per gap of
    /// inter-character expansion (an over-estimate: edge corrections are ignored).
    pub(crate) fn reachable(&self, first: bool, a: usize, b: usize, tol: f64) -> bool {
        b == self.items.len() || a + 1 == b || self.reach(first, a, b, tol) >= self.measure - 1e-6
    }

    /// The widest line `a..b` can get with `tol` pt per gap (monotone in `a`).
    pub(crate) fn reach(&self, first: bool, a: usize, b: usize, tol: f64) -> f64 {
        let sm = self.sums;
        let indent = if first { self.indent } else { 0.0 };
        sm.w[b] - sm.w[a]
            + indent
            + (sm.st1[b] - sm.st1[a])
            + (sm.st2[b] - sm.st2[a])
            + f64::from(sm.gaps[b] - sm.gaps[a]) * tol
    }

    /// First-fit: each line takes as much as fits (using shrink, i.e. push-in first).
    pub(crate) fn greedy(&self, s: usize) -> Vec<Chosen> {
        let n = self.items.len();
        let mut out = Vec::new();
        let mut a = s;
        while a < n {
            let mut legal: Option<Chosen> = None;
            let mut any: Option<(f64, Chosen)> = None;
            let mut b = a + 1;
            while b <= n {
                if b > a + 1
                    && self.sums.lower_bound(self.items, a, b, self.slack) > self.measure + 1e-6
                {
                    break;
                }
                if let Some((c, plan, forced, hang)) = self.line(a == s, a, b) {
                    let ch = Chosen {
                        a,
                        b,
                        plan,
                        forced,
                        hang,
                    };
                    if plan.feasible && !forced {
                        legal = Some(ch);
                    }
                    if any.is_none_or(|(bc, _)| c <= bc) {
                        any = Some((c, ch));
                    }
                }
                b += 1;
            }
            let Some(ch) = legal.or(any.map(|x| x.1)) else {
                break;
            };
            out.push(ch);
            a = ch.b;
        }
        out
    }
}
