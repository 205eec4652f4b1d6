//! The composer: a paragraph shaped once ([`shape_paragraph`]), then broken at any
//! measure ([`ShapedParagraph::break_lines`]) without reshaping.
//!
//! Pipeline: `shape` (rustybuzz, atoms) → `width` (punctuation and spacing model) →
//! `segment` (break opportunities) → `linebreak` (total-fit or greedy) → `justify`
//! (tiered adjustment) → placement (here).

use super::classes::Blank;
use super::justify::Plan;
use super::linebreak::{Chosen, Ctx, Step, Sums};
use super::segment::{self, Boundaries};
use super::shape::{self, Atom, Glyph};
use super::suffix::Tables;
use super::width::{self, Item, TIERS, TIER_CJK_LATIN};
use super::{BreakMethod, CompositionStyle, FontBook, Line, LineGlyph, Run};

/// Line breaking of one paragraph at one measure, reusable from any start
/// ([`ShapedParagraph::breaker`]).
#[derive(Clone, Debug)]
pub struct Breaker {
    /// Measure in pt (non-negative, or not finite: one unbroken line).
    measure: f32,
    /// Total-fit tables (`None` for greedy breaking or without a finite measure).
    tables: Option<Tables>,
}

impl Breaker {
    /// The measure it breaks at, in pt.
    pub fn measure(&self) -> f32 {
        self.measure
    }
}

/// A line chosen by the breaker, not yet placed: what [`ShapedParagraph::place_span`]
/// needs to set it.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSpan {
    /// Byte range of the line in the paragraph's text (as [`Line::range`]).
    pub range: std::ops::Range<usize>,
    /// The paragraph's last line.
    pub is_final: bool,
    /// First atom.
    a: usize,
    /// One past the last atom.
    b: usize,
    /// The last atom hangs past the measure.
    hang: bool,
    /// The first line of its breaking (indented when `indent_pt > 0`, never a 孤字).
    first: bool,
    /// Indent before the line, pt.
    indent_pt: f64,
    /// Measure, pt.
    measure: f64,
}

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
    /// What an edge trim or a hanging mark can take off a line at most (pt).
    slack: f64,
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
    let slack = slack(&atoms, &items, style.hanging);
    ShapedParagraph {
        text,
        glyphs,
        atoms,
        items,
        bounds,
        sums,
        hang,
        slack,
        style: style.clone(),
    }
}

/// What an edge trim or a hanging mark can take off a line at most (pt): bounds the
/// breaker's look-back.
fn slack(atoms: &[Atom], items: &[Item], hanging: bool) -> f64 {
    let trim = items
        .iter()
        .map(|it| it.trim_start as f64)
        .fold(0.0, f64::max);
    let hang = if hanging {
        atoms.iter().map(|a| a.adv as f64).fold(0.0, f64::max)
    } else {
        0.0
    };
    trim + hang + 1e-3
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
        // One start: the tables need only the atoms after it.
        let breaker = self.breaker_from(measure_pt, self.start_atom(start));
        self.spans(&breaker, start, indent)
            .iter()
            .map(|span| self.place_span(span))
            .collect()
    }

    /// Prepares breaking at `measure_pt` from any start: for total-fit, the backward
    /// tables of `suffix` (one pass over the paragraph), so that each
    /// [`ShapedParagraph::spans`] call costs one line's look-back. Keep it as long as
    /// the paragraph is broken at this measure.
    pub fn breaker(&self, measure_pt: f32) -> Breaker {
        self.breaker_from(measure_pt, 0)
    }

    /// [`ShapedParagraph::breaker`] for starts at atom `from` or later.
    fn breaker_from(&self, measure_pt: f32, from: usize) -> Breaker {
        let measure = if measure_pt.is_finite() {
            measure_pt.max(0.0)
        } else {
            measure_pt
        };
        let optimal = self.style.method == BreakMethod::Optimal;
        let tables = (optimal && measure.is_finite() && from < self.atoms.len())
            .then(|| Tables::new(&self.ctx(measure as f64, 0.0), from));
        Breaker { measure, tables }
    }

    /// The lines from byte offset `start` at the breaker's measure, not yet placed
    /// (cheap: no glyphs, no text); `indent` says whether the first line takes the
    /// first-line indent. `breaker` must come from this paragraph.
    pub fn spans(&self, breaker: &Breaker, start: usize, indent: bool) -> Vec<LineSpan> {
        let s = self.start_atom(start);
        let n = self.atoms.len();
        if s >= n {
            return Vec::new();
        }
        let indent_pt = if indent {
            (self.style.indent_em * self.style.em_pt) as f64
        } else {
            0.0
        };
        let measure = breaker.measure as f64;
        let steps: Vec<Step> = if !measure.is_finite() {
            // No measure: one unbroken line (the breaker's look-back needs a bound).
            vec![(s, n, false)]
        } else {
            let ctx = self.ctx(measure, indent_pt);
            match &breaker.tables {
                Some(t) if t.covers(s) => t.path(&ctx, s),
                Some(_) => Tables::new(&ctx, s).path(&ctx, s),
                None => ctx.greedy(s).iter().map(|c| (c.a, c.b, c.hang)).collect(),
            }
        };
        let count = steps.len();
        steps
            .into_iter()
            .enumerate()
            .map(|(k, (a, b, hang))| LineSpan {
                range: self.atoms[a].bytes.start..self.atoms[b - 1].bytes.end,
                is_final: k + 1 == count,
                a,
                b,
                hang,
                first: k == 0,
                indent_pt: if k == 0 { indent_pt } else { 0.0 },
                measure,
            })
            .collect()
    }

    /// The first atom at or after byte `start`.
    fn start_atom(&self, start: usize) -> usize {
        self.atoms.partition_point(|a| a.bytes.start < start)
    }

    /// Places the glyphs of a line from [`ShapedParagraph::spans`].
    pub fn place_span(&self, span: &LineSpan) -> Line {
        let (a, b) = (span.a, span.b);
        let ctx = self.ctx(span.measure, span.indent_pt);
        let planned = if span.measure.is_finite() {
            ctx.line_as(span.first, a, b, Some(span.hang))
        } else {
            None
        };
        let chosen = match planned {
            Some((_, plan, forced, hang)) => Chosen {
                a,
                b,
                plan,
                forced,
                hang,
            },
            // No measure (or, never in practice, a line the breaker could not plan
            // again): set at its natural width.
            None => self.natural_chosen(a, b, span.indent_pt),
        };
        self.place(&chosen, span.indent_pt, span.measure, span.is_final)
    }

    /// Test hook: the total-fit lines from atom `s` by the forward reference pass and
    /// by `breaker`'s tables, each with its total cost (the lines' costs summed again).
    #[cfg(test)]
    pub(crate) fn both_paths(
        &self,
        breaker: &Breaker,
        s: usize,
        indent_pt: f64,
    ) -> ((f64, Vec<Step>), (f64, Vec<Step>)) {
        let ctx = self.ctx(breaker.measure as f64, indent_pt);
        let forward: Vec<Step> = ctx.optimal(s).iter().map(|c| (c.a, c.b, c.hang)).collect();
        let backward = breaker
            .tables
            .as_ref()
            .map(|t| t.path(&ctx, s))
            .unwrap_or_default();
        let total = |steps: &[Step]| -> f64 {
            steps
                .iter()
                .filter_map(|&(a, b, hang)| ctx.line_as(a == s, a, b, Some(hang)))
                .map(|c| c.0)
                .sum()
        };
        ((total(&forward), forward), (total(&backward), backward))
    }

    /// The number of atoms (test hook).
    #[cfg(test)]
    pub(crate) fn atom_count(&self) -> usize {
        self.atoms.len()
    }

    /// Byte offset of atom `i` (test hook).
    #[cfg(test)]
    pub(crate) fn atom_start(&self, i: usize) -> usize {
        self.atoms[i].bytes.start
    }

    /// The breaker's view of the paragraph at `measure` pt with `indent` pt before the
    /// first line.
    fn ctx(&self, measure: f64, indent: f64) -> Ctx<'_> {
        Ctx {
            items: &self.items,
            bounds: &self.bounds,
            sums: &self.sums,
            measure,
            indent,
            em: self.style.em_pt as f64,
            slack: self.slack,
            justify: self.style.justify,
            hang: &self.hang,
        }
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
        let chosen = self.natural_chosen(s, n, ind);
        self.place(&chosen, ind, f64::INFINITY, true)
    }

    /// Atoms `a..b` at their natural width (no justification; shrink only to fit).
    fn natural_chosen(&self, a: usize, b: usize, indent: f64) -> Chosen {
        let m = self.sums.metrics(&self.items, a, b, indent);
        let plan = super::justify::plan(&m, f64::INFINITY, self.style.em_pt as f64, false);
        Chosen {
            a,
            b,
            plan,
            forced: false,
            hang: false,
        }
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
