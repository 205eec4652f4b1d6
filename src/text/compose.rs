//! The composer: a paragraph shaped once ([`shape_paragraph`]), then broken at any
//! measure ([`ShapedParagraph::break_lines`]) without reshaping.
//!
//! Pipeline: `shape` (rustybuzz, atoms) → `width` (punctuation and spacing model) →
//! `segment` (break opportunities) → `linebreak` (total-fit or greedy) → `justify`
//! (tiered adjustment) → placement (here).

use super::classes::Blank;
use super::justify::Plan;
use super::linebreak::{Chosen, Ctx, Sums};
use super::segment::{self, Boundaries};
use super::shape::{self, Atom, Glyph};
use super::width::{self, Item, TIERS, TIER_CJK_LATIN};
use super::{BreakMethod, CompositionStyle, FontBook, Line, LineGlyph, Run};

/// A paragraph shaped once, ready to be broken at any measure.
#[derive(Clone, Debug)]
pub struct ShapedParagraph {
    text: String,
    glyphs: Vec<Glyph>,
    atoms: Vec<Atom>,
    items: Vec<Item>,
    bounds: Boundaries,
    sums: Sums,
    /// Atoms that may hang at line end (empty unless `style.hanging`).
    hang: Vec<bool>,
    style: CompositionStyle,
}

impl std::fmt::Debug for Boundaries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Boundaries({})", self.brk.len())
    }
}

impl std::fmt::Debug for Sums {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sums")
    }
}

/// Shapes a paragraph's runs with rustybuzz and prepares it for breaking.
pub fn shape_paragraph(book: &FontBook, runs: &[Run], style: &CompositionStyle) -> ShapedParagraph {
    let (text, glyphs, atoms) = shape::shape_runs(book, runs);
    let items = width::measure(&atoms, &text, style);
    let bounds = segment::boundaries(&atoms, &text, style.kinsoku);
    let sums = Sums::new(&items, &bounds, atoms.iter().map(|a| a.han));
    let hang = if style.hanging {
        hangable(&atoms, &text)
    } else {
        Vec::new()
    };
    ShapedParagraph {
        text,
        glyphs,
        atoms,
        items,
        bounds,
        sums,
        hang,
        style: style.clone(),
    }
}

/// CLREQ §3.1.9 (cjk-rules §1.d): only 、，。． hang, one mark, never within a run of
/// marks (the neighbours on both sides are not punctuation).
fn hangable(atoms: &[Atom], text: &str) -> Vec<bool> {
    use super::classes::{info, Class};
    let plain = |i: usize| {
        atoms.get(i).is_none_or(|a| {
            info(a.class).blank == Blank::None
                && !matches!(
                    a.class,
                    Class::EmDash
                        | Class::LongDash
                        | Class::Ellipsis
                        | Class::Interpunct
                        | Class::Connector
                )
        })
    };
    (0..atoms.len())
        .map(|i| {
            let c = text[atoms[i].bytes.clone()].chars().next();
            matches!(c, Some('、' | '，' | '。' | '．')) && i > 0 && plain(i - 1) && plain(i + 1)
        })
        .collect()
}

impl ShapedParagraph {
    /// The paragraph's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Characters the fonts have no glyph for (glyph id 0), as (byte offset, char).
    pub fn missing_chars(&self) -> Vec<(usize, char)> {
        let mut out = Vec::new();
        for a in &self.atoms {
            let gl = &self.glyphs[a.glyphs.start as usize..a.glyphs.end as usize];
            if gl.iter().any(|g| g.gid == 0) {
                out.extend(
                    self.text[a.bytes.clone()]
                        .char_indices()
                        .map(|(i, c)| (a.bytes.start + i, c)),
                );
            }
        }
        out
    }

    /// Breaks the whole paragraph at `measure_pt`, first line indented.
    pub fn break_lines(&self, measure_pt: f32) -> Vec<Line> {
        self.break_lines_from(0, measure_pt, true)
    }

    /// Breaks from byte offset `start` (a jump continues mid-paragraph); `indent` says
    /// whether the first line takes the first-line indent.
    pub fn break_lines_from(&self, start: usize, measure_pt: f32, indent: bool) -> Vec<Line> {
        let s = self
            .atoms
            .iter()
            .position(|a| a.bytes.start >= start)
            .unwrap_or(self.atoms.len());
        if s >= self.atoms.len() {
            return Vec::new();
        }
        if !measure_pt.is_finite() {
            // No measure: one unbroken line (the breaker's look-back needs a bound).
            return vec![self.natural_from(s, indent)];
        }
        let measure_pt = measure_pt.max(0.0);
        let indent_pt = if indent {
            (self.style.indent_em * self.style.em_pt) as f64
        } else {
            0.0
        };
        let ctx = Ctx {
            items: &self.items,
            bounds: &self.bounds,
            sums: &self.sums,
            measure: measure_pt as f64,
            indent: indent_pt,
            em: self.style.em_pt as f64,
            slack: self.slack(),
            justify: self.style.justify,
            hang: &self.hang,
        };
        let chosen = match self.style.method {
            BreakMethod::Optimal => ctx.optimal(s),
            BreakMethod::Greedy => ctx.greedy(s),
        };
        let n = chosen.len();
        chosen
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let ind = if k == 0 { indent_pt } else { 0.0 };
                self.place(c, ind, measure_pt as f64, k + 1 == n)
            })
            .collect()
    }

    /// What an edge trim or a hanging mark can take off a line at most (pt): bounds
    /// the breaker's look-back.
    fn slack(&self) -> f64 {
        let trim = self
            .items
            .iter()
            .map(|it| it.trim_start as f64)
            .fold(0.0, f64::max);
        let hang = if self.style.hanging {
            self.atoms.iter().map(|a| a.adv as f64).fold(0.0, f64::max)
        } else {
            0.0
        };
        trim + hang + 1e-3
    }

    /// Sets the whole paragraph on one line at its natural width (headlines): no
    /// breaking, no justification; punctuation compression and CJK–Latin spacing apply.
    pub fn natural_line(&self) -> Line {
        self.natural_from(0, false)
    }

    /// The atoms from `s` on one unjustified line.
    fn natural_from(&self, s: usize, indent: bool) -> Line {
        let n = self.atoms.len();
        if s >= n {
            return empty_line();
        }
        let ind = if indent {
            (self.style.indent_em * self.style.em_pt) as f64
        } else {
            0.0
        };
        let m = self.sums.metrics(&self.items, s, n, ind);
        let plan = super::justify::plan(&m, f64::INFINITY, self.style.em_pt as f64, false);
        let chosen = Chosen {
            a: s,
            b: n,
            plan,
            forced: false,
            hang: false,
        };
        self.place(&chosen, ind, f64::INFINITY, true)
    }

    /// Places the glyphs of one chosen line.
    fn place(&self, c: &Chosen, indent: f64, measure: f64, is_final: bool) -> Line {
        let (a, p) = (c.a, &c.plan);
        let byte0 = self.atoms[a].bytes.start;
        let byte1 = self.atoms[c.b - 1].bytes.end;
        // A hanging mark is set after the line's end and not counted in its width.
        let b = if c.hang { c.b - 1 } else { c.b };
        let mut x = indent;
        let mut glyphs = Vec::with_capacity(c.b - a);
        let lv = self.shrink_levels(a, b, p);
        for i in a..c.b {
            let it = &self.items[i];
            let (sr, er) = if i < b {
                reductions(it, &lv, i == a, i + 1 == b)
            } else {
                (0.0, 0.0)
            };
            self.emit(i, x, it.offset as f64 - sr, byte0, &mut glyphs);
            if i >= b {
                break;
            }
            x += it.w as f64 - sr - er;
            if i + 1 < b {
                x += self.space_after(i, p, &lv);
            }
        }
        let mut natural = self.sums.metrics(&self.items, a, b, indent).nat;
        let justified = self.style.justify && !is_final && p.feasible;
        // The justifier's books must balance (checked in tests; a line of one unit
        // that cannot be spaced out is the only exception).
        #[cfg(test)]
        assert!(
            !justified || (x - measure).abs() < 0.01 || (p.every_gap && b - a == 1),
            "line `{}` set to {x} pt, not {measure}",
            &self.text[byte0..byte1]
        );
        // A single unit that cannot be spaced out still occupies the measure.
        let width = if justified && x <= measure + 0.01 {
            measure
        } else {
            x
        };
        if is_final {
            // A last line compressed to fit (JLREQ §3.8.2: reduce around brackets)
            // is not justified: its compressed width is its natural width.
            natural = natural.min(width);
        }
        Line {
            text: self.text[byte0..byte1].to_owned(),
            range: byte0..byte1,
            glyphs,
            width_pt: width as f32,
            natural_pt: natural as f32,
            is_final,
            forced: c.forced,
        }
    }
}

impl ShapedParagraph {
    /// Pushes atom `i`'s glyphs with its box at `x` and drawing offset `dx` (pt).
    fn emit(&self, i: usize, x: f64, dx: f64, byte0: usize, out: &mut Vec<LineGlyph>) {
        let atom = &self.atoms[i];
        let mut gx = x;
        for g in &self.glyphs[atom.glyphs.start as usize..atom.glyphs.end as usize] {
            out.push(LineGlyph {
                font: g.font,
                size_pt: g.size_pt,
                gid: g.gid,
                x_pt: gx as f32,
                dx_pt: dx as f32 + g.x_offset,
                chars: atom.bytes.start - byte0..atom.bytes.end - byte0,
            });
            gx += g.advance as f64;
        }
    }

    /// Per tier, how much each member of line `a..b` gives (equal shares).
    fn shrink_levels(&self, a: usize, b: usize, p: &Plan) -> [f64; TIERS] {
        let mut lv = [0.0; TIERS];
        for (t, level) in lv.iter_mut().enumerate() {
            if p.ratio[t] <= 0.0 {
                continue;
            }
            let tier = t as u8 + 2;
            let mut caps: Vec<f64> = (a..b)
                .filter_map(|i| {
                    let it = &self.items[i];
                    let own = it.tier == tier && !edge_lost(it, i == a, i + 1 == b);
                    let glue = tier == TIER_CJK_LATIN && i + 1 < b;
                    let cap = if own { it.shrink as f64 } else { 0.0 }
                        + if glue { it.glue_shrink as f64 } else { 0.0 };
                    (cap > 0.0).then_some(cap)
                })
                .collect();
            let total: f64 = caps.iter().sum();
            *level = super::justify::water_level(&mut caps, p.ratio[t] * total);
        }
        lv
    }

    /// Space between atom `i` and the next on a line: word-space stretch, Han–Western
    /// glue (shrunk or stretched) and inter-character expansion (pt).
    fn space_after(&self, i: usize, p: &Plan, lv: &[f64; TIERS]) -> f64 {
        let it = &self.items[i];
        let mut x = it.stretch as f64 * p.r1;
        x += it.glue as f64 - (it.glue_shrink as f64).min(lv[(TIER_CJK_LATIN - 2) as usize])
            + it.glue_stretch as f64 * p.r2;
        if self.bounds.gap_ok[i] || p.every_gap {
            x += p.per_gap;
        }
        x
    }
}

/// Whether an item's shrinkable blank is gone because the line edge trimmed it.
fn edge_lost(it: &Item, first: bool, last: bool) -> bool {
    (it.side == Blank::Start && first && it.trim_start > 0.0)
        || (it.side == Blank::End && last && it.trim_end > 0.0)
}

/// Start- and end-side reductions of an item on a line (edge trims + tier shrink at
/// the tier's level `lv`).
fn reductions(it: &Item, lv: &[f64; TIERS], first: bool, last: bool) -> (f64, f64) {
    let mut sr = if first { it.trim_start as f64 } else { 0.0 };
    let mut er = if last { it.trim_end as f64 } else { 0.0 };
    if it.tier >= 2 && it.shrink > 0.0 && !edge_lost(it, first, last) {
        let r = (it.shrink as f64).min(lv[(it.tier - 2) as usize]);
        if it.side == Blank::Start {
            sr += r;
        } else {
            er += r;
        }
    }
    (sr, er)
}

fn empty_line() -> Line {
    Line {
        text: String::new(),
        range: 0..0,
        glyphs: Vec::new(),
        width_pt: 0.0,
        natural_pt: 0.0,
        is_final: true,
        forced: false,
    }
}
