//! Justification: how a line's demand is met, tier by tier (CLREQ §3.8.2 reduction
//! order, §3.8.3 expansion order; cjk-rules §1.e, §1.i), and glyph placement.
//!
//! Shrink: tiers 2–7 in order (word spaces, interpuncts, brackets, commas and
//! semicolons, Han–Western space, periods and ？！), each tier used up before the next
//! is touched; inside a tier every member gives the same fraction of its blank (equal
//! amounts, since members of one size have equal blanks). Stretch: word spaces to
//! ½ em, Han–Western space to ½ em, then even inter-character spacing over eligible
//! gaps only (never inside ——/……, words or numbers, not after openings or before
//! closings; `segment::gap_allowed`).

use super::width::TIERS;

/// Sums over a candidate line, from the paragraph's prefix sums (pt).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Metrics {
    /// Natural width, indent included, edge trims applied.
    pub nat: f64,
    /// Shrink available per tier (index = tier − 2).
    pub shrink: [f64; TIERS],
    /// Word-space stretch (expansion tier 1).
    pub st1: f64,
    /// Han–Western stretch (expansion tier 2).
    pub st2: f64,
    /// Gaps eligible for inter-character expansion.
    pub gaps: u32,
    /// Gaps of any kind between atoms (last resort when `gaps` is 0).
    pub all_gaps: u32,
}

/// How a line is adjusted, and what that costs the breaker.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Plan {
    /// Fraction of each tier's shrink used.
    pub ratio: [f64; TIERS],
    /// Fraction of word-space stretch used.
    pub r1: f64,
    /// Fraction of Han–Western stretch used.
    pub r2: f64,
    /// Extra space added to each eligible gap.
    pub per_gap: f64,
    /// `per_gap` goes to every gap (no eligible gap existed).
    pub every_gap: bool,
    /// Width after adjustment.
    pub width: f64,
    /// The demand could be met.
    pub feasible: bool,
    /// Cost for the breaker.
    pub cost: f64,
}

/// Cost per em of shrink by tier (push-in is cheap, and cheaper in early tiers).
const SHRINK_COST: [f64; TIERS] = [10.0, 15.0, 20.0, 30.0, 40.0, 60.0];
/// Cost per em of word-space and Han–Western stretch.
const SOFT_STRETCH_COST: f64 = 20.0;
/// Cost factor of inter-character expansion: `K · E² / gaps` (E in em), the sum of
/// squared per-gap spacing — one 字 pushed out of a 13-字 line costs ≈ 180, more than
/// pushing in ½ em of bracket blank (10).
const GAP_STRETCH_COST: f64 = 2000.0;
/// Cost of a non-final line that cannot be spaced out at all.
const UNJUSTIFIABLE: f64 = 1.0e6;

/// Plans a line of natural metrics `m` for `avail` pt (indent included in both).
/// `stretch` is false for a final line or ragged setting (then only shrink if over).
#[inline]
pub(crate) fn plan(m: &Metrics, avail: f64, em: f64, stretch: bool) -> Plan {
    let mut p = Plan {
        width: m.nat,
        feasible: true,
        ..Plan::default()
    };
    let delta = avail - m.nat;
    if delta < -1e-6 {
        let mut need = -delta;
        for (t, &cap) in m.shrink.iter().enumerate() {
            if need <= 1e-9 {
                break;
            }
            if cap <= 0.0 {
                continue;
            }
            let take = need.min(cap);
            p.ratio[t] = take / cap;
            p.cost += SHRINK_COST[t] * take / em;
            need -= take;
        }
        p.feasible = need <= 1e-4;
        p.width = avail + need;
        return p;
    }
    if !stretch || delta <= 1e-9 {
        return p;
    }
    let mut need = delta;
    let e1 = need.min(m.st1);
    if m.st1 > 0.0 {
        p.r1 = e1 / m.st1;
    }
    need -= e1;
    let e2 = need.min(m.st2);
    if m.st2 > 0.0 {
        p.r2 = e2 / m.st2;
    }
    need -= e2;
    p.cost += SOFT_STRETCH_COST * (e1 + e2) / em;
    if need > 1e-9 {
        let e = need / em;
        if m.gaps > 0 {
            p.per_gap = need / m.gaps as f64;
            p.cost += GAP_STRETCH_COST * e * e / m.gaps as f64;
        } else {
            p.every_gap = true;
            p.per_gap = if m.all_gaps > 0 {
                need / m.all_gaps as f64
            } else {
                0.0
            };
            p.cost += UNJUSTIFIABLE * (1.0 + e);
        }
    }
    p.width = avail;
    p
}

/// Equal treatment within a tier (CLREQ §3.8.2: members "processed at the same time,
/// with equal treatment"): the level λ with Σ min(capᵢ, λ) = `take`, so every member
/// gives the same amount unless its blank runs out first (then the others give more).
pub(crate) fn water_level(caps: &mut [f64], take: f64) -> f64 {
    caps.sort_by(f64::total_cmp);
    let mut left = take;
    let mut count = caps.len();
    for &cap in caps.iter() {
        if cap * count as f64 >= left {
            return left / count as f64;
        }
        left -= cap;
        count -= 1;
    }
    caps.last().copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::water_level;

    #[test]
    fn equal_shares_until_a_blank_runs_out() {
        assert_eq!(water_level(&mut [2.25, 2.25], 2.25), 1.125);
        // 1 + 2λ = 3 → λ = 1: the small member gives all it has, the others the rest.
        assert_eq!(water_level(&mut [3.0, 1.0, 3.0], 3.0), 1.0);
        assert_eq!(water_level(&mut [0.5, 4.0], 1.5), 1.0);
    }
}
