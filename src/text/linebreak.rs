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

use super::justify::{self, Metrics, Plan};
use super::segment::Boundaries;
use super::width::{Item, TIERS, TIER_CJK_LATIN};

/// Cost of a last line holding fewer than two Han characters (孤字).
const ORPHAN: f64 = 1.0e7;
/// Cost of a line that is wider than the measure (a single unit too long).
const OVERFULL: f64 = 1.0e11;
/// Cost of every line, so fewer lines win ties.
const LINE: f64 = 1.0;
/// Cost per em² of slack of a ragged (unjustified) line.
const RAGGED: f64 = 100.0;

/// Prefix sums of a paragraph's items (f64: 100k characters of 9 pt exceed f32's
/// precision).
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
        let (mut w, mut sh, mut sa, mut s1, mut s2, mut g, mut h) = (0.0, [0.0; TIERS], 0.0, 0.0, 0.0, 0, 0);
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
        let (first, last) = (&items[a], &items[b - 1]);
        let mut m = Metrics {
            nat: self.w[b] - self.w[a] - (last.glue + first.trim_start + last.trim_end) as f64 + indent,
            st1: self.st1[b] - self.st1[a] - last.stretch as f64,
            st2: self.st2[b] - self.st2[a] - last.glue_stretch as f64,
            gaps: self.gaps[b - 1] - self.gaps[a],
            all_gaps: (b - 1 - a) as u32,
            ..Metrics::default()
        };
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

    /// A lower bound of the width of line `a..b` (for bounding the look-back).
    fn lower_bound(&self, items: &[Item], a: usize, b: usize, em: f64) -> f64 {
        let last = &items[b - 1];
        self.w[b] - self.w[a] - (self.shrink_all[b] - self.shrink_all[a]) - (last.glue + last.trim_end) as f64 - em
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
    /// Justify non-final lines.
    pub justify: bool,
}

impl Ctx<'_> {
    /// Cost and plan of the line `a..b` starting at `s`; None when it cannot be set.
    fn line(&self, s: usize, a: usize, b: usize) -> Option<(f64, Plan, bool)> {
        let n = self.items.len();
        let indent = if a == s { self.indent } else { 0.0 };
        let m = self.sums.metrics(self.items, a, b, indent);
        let last = b == n;
        let p = justify::plan(&m, self.measure, self.em, self.justify && !last);
        let brk = if last { super::segment::Break { penalty: 0.0, forced: false } } else { self.bounds.brk[b - 1] };
        let mut cost = LINE + p.cost + brk.penalty;
        let mut forced = brk.forced;
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
        if last && a > s && self.sums.han(a, b) < 2 {
            cost += ORPHAN;
        }
        Some((cost, p, forced))
    }

    /// Total-fit: the cheapest sequence of lines from atom `s` to the end.
    pub(crate) fn optimal(&self, s: usize) -> Vec<Chosen> {
        let n = self.items.len();
        let mut best = vec![f64::INFINITY; n + 1];
        let mut prev: Vec<Option<Chosen>> = vec![None; n + 1];
        best[s] = 0.0;
        for b in s + 1..=n {
            let mut a = b - 1;
            loop {
                if best[a].is_finite() {
                    if let Some((c, plan, forced)) = self.line(s, a, b) {
                        let total = best[a] + c;
                        if total < best[b] {
                            best[b] = total;
                            prev[b] = Some(Chosen { a, b, plan, forced });
                        }
                    }
                }
                if a == s || self.sums.lower_bound(self.items, a, b, self.em) > self.measure + 1e-6 {
                    break;
                }
                a -= 1;
            }
        }
        let mut out = Vec::new();
        let mut b = n;
        while b > s {
            let Some(c) = prev[b] else { break };
            out.push(c);
            b = c.a;
        }
        out.reverse();
        out
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
                if b > a + 1 && self.sums.lower_bound(self.items, a, b, self.em) > self.measure + 1e-6 {
                    break;
                }
                if let Some((c, plan, forced)) = self.line(s, a, b) {
                    let ch = Chosen { a, b, plan, forced };
                    if plan.feasible && !forced {
                        legal = Some(ch);
                    }
                    if any.is_none_or(|(bc, _)| c <= bc) {
                        any = Some((c, ch));
                    }
                }
                b += 1;
            }
            let Some(ch) = legal.or(any.map(|x| x.1)) else { break };
            out.push(ch);
            a = ch.b;
        }
        out
    }
}
