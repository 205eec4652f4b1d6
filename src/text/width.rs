//! The width model: what each atom occupies mid-line and at the line edges, and what
//! justification may take from it or give to it.
//!
//! * Punctuation blanks per [`PunctStyle`] (CLREQ §3.1.6; cjk-rules §1.c): quanjiao
//!   keeps each mark 1 em with a ½-em adjustable blank on the side the class table
//!   names; kaiming sets all but 。？！ at ½ em; banjiao all at ½ em; plain nothing.
//! * Adjacent marks (quanjiao): any two adjacent 2-em marks become 1.5 em, the blank
//!   between them going first; the 1.5 em is a minimum (cjk-rules T03).
//! * ？！ runs: two marks occupy one em, three two ems (GB/T 15834 §5.1.2).
//! * Line start: an opening mark loses its leading blank, also after the indent
//!   (CLREQ §3.1.6.3, cjk-rules T15). Line end: a full-width mark takes ½ em
//!   (GB/T 15834 §5.1.10). Word spaces vanish at line end.
//! * Interpuncts are ½ em, centred, unadjustable in GB style (CLREQ §3.1.6).
//! * CJK–Latin spacing (CLREQ §3.4.1): ¼ em between Han and Western letters or digits,
//!   none at line edges or beside CJK punctuation.

use super::classes::{info, Blank, Class};
use super::shape::Atom;
use super::{CjkLatinSpacing, CompositionStyle, PunctStyle};

/// Shrink tiers (CLREQ §3.8.2 reduction order): index = tier − 2 (tier 1, the line-end
/// mark, is applied unconditionally as GB/T 15834 §5.1.10 requires).
pub(crate) const TIERS: usize = 6;
/// Tier of Han–Western spacing.
pub(crate) const TIER_CJK_LATIN: u8 = 6;
/// Tier of word spaces.
pub(crate) const TIER_SPACE: u8 = 2;

/// An atom with its widths (all in pt).
#[derive(Clone, Debug)]
pub(crate) struct Item {
    /// Natural width mid-line (after fixed adjustments: adjacency, style).
    pub w: f32,
    /// Drawing offset of the atom's glyphs from the start of its box (fixed part).
    pub offset: f32,
    /// Width removed when the atom starts a line (opening blank).
    pub trim_start: f32,
    /// Width removed when the atom ends a line (closing/stop blank, word space).
    pub trim_end: f32,
    /// Shrinkable blank mid-line.
    pub shrink: f32,
    /// Tier of `shrink` (2–7), 0 if none.
    pub tier: u8,
    /// Which side `shrink` is on (lost when that side is trimmed at a line edge).
    pub side: Blank,
    /// Stretch of a word space (expansion tier 1), lost at line end.
    pub stretch: f32,
    /// Han–Western space after this atom (dropped when a line breaks here).
    pub glue: f32,
    /// How much of `glue` may shrink (tier 6).
    pub glue_shrink: f32,
    /// How much `glue` may grow (expansion tier 2).
    pub glue_stretch: f32,
}

/// Computes every atom's widths for `style`.
pub(crate) fn measure(atoms: &[Atom], text: &str, style: &CompositionStyle) -> Vec<Item> {
    let mut items: Vec<Item> = atoms.iter().map(|a| base_item(a, style)).collect();
    if style.punct == PunctStyle::Quanjiao || style.punct == PunctStyle::Kaiming {
        question_runs(atoms, &mut items);
    }
    if style.punct == PunctStyle::Quanjiao {
        adjacency(atoms, &mut items);
    }
    for i in 0..atoms.len().saturating_sub(1) {
        cjk_latin(&atoms[i], &atoms[i + 1], text, style, &mut items[i]);
    }
    items
}

fn base_item(a: &Atom, style: &CompositionStyle) -> Item {
    let mut it = Item {
        w: a.adv,
        offset: 0.0,
        trim_start: 0.0,
        trim_end: 0.0,
        shrink: 0.0,
        tier: 0,
        side: Blank::None,
        stretch: 0.0,
        glue: 0.0,
        glue_shrink: 0.0,
        glue_stretch: 0.0,
    };
    let ci = info(a.class);
    match a.class {
        Class::Space => {
            // CLREQ §3.8.2 tier 2: word spaces shrink to ¼ em; expansion tier 1 to ½ em.
            it.trim_end = a.adv;
            it.shrink = (a.adv - 0.25 * a.em).max(0.0);
            it.tier = TIER_SPACE;
            it.side = Blank::End;
            it.stretch = (0.5 * a.em - a.adv).max(0.0);
        }
        Class::Interpunct => {
            // GB: the interpunct is an unadjustable ½ em, centred (CLREQ §3.1.6).
            let w = if style.punct == PunctStyle::Plain {
                a.em
            } else {
                0.5 * a.em
            };
            it.offset = (w - a.adv) / 2.0;
            it.w = w;
        }
        _ if ci.blank != Blank::None => punct_blank(a, style, ci.blank, ci.tier, &mut it),
        _ => {}
    }
    it
}

/// The ½-em blank of a full-width mark per punctuation style.
fn punct_blank(a: &Atom, style: &CompositionStyle, side: Blank, tier: u8, it: &mut Item) {
    if a.adv < 0.9 * a.em {
        if !matches!(a.class, Class::Open | Class::Close) {
            // A proportional (narrow) mark has no em-box blank to adjust.
            return;
        }
        // Proportional curly quotes (LXGW WenKai's “” are 0.35 em) are set in a
        // full-width box, ink on the side GB style puts it (CLREQ §3.1.6; GB/T 15834
        // §5.1.3: quotes take one em).
        it.w = a.em;
        if side == Blank::Start {
            it.offset = a.em - a.adv;
        }
    }
    let blank = 0.5 * it.w;
    let sentence_end = matches!(a.class, Class::Stop | Class::QuestEx);
    let half = match style.punct {
        PunctStyle::Plain => return,
        PunctStyle::Banjiao => true,
        PunctStyle::Kaiming => !sentence_end,
        PunctStyle::Quanjiao => false,
    };
    if half {
        remove_blank(it, side, blank);
        return;
    }
    it.shrink = blank;
    it.tier = tier;
    it.side = side;
    // Quanjiao trims at the edges; kaiming keeps 。？！ a full em at line end.
    if style.punct == PunctStyle::Quanjiao {
        match side {
            Blank::Start => it.trim_start = blank,
            Blank::End => it.trim_end = blank,
            Blank::None => {}
        }
    }
}

/// Removes a blank for good (fixed compression).
fn remove_blank(it: &mut Item, side: Blank, amount: f32) {
    it.w -= amount;
    if side == Blank::Start {
        it.offset -= amount;
        it.trim_start = 0.0;
    } else {
        it.trim_end = 0.0;
    }
    if it.side == side {
        it.shrink = 0.0;
        it.tier = 0;
        it.side = Blank::None;
    }
}

fn has_blank(it: &Item, side: Blank) -> bool {
    match side {
        Blank::Start => it.trim_start > 0.0 || (it.side == Blank::Start && it.shrink > 0.0),
        Blank::End => it.trim_end > 0.0 || (it.side == Blank::End && it.shrink > 0.0),
        Blank::None => false,
    }
}

fn blank_amount(it: &Item, side: Blank) -> f32 {
    let t = if side == Blank::Start {
        it.trim_start
    } else {
        it.trim_end
    };
    if t > 0.0 {
        t
    } else {
        it.shrink
    }
}

/// GB/T 15834 §5.1.2: ？？ ！！ ？！ together take one em, three marks two.
fn question_runs(atoms: &[Atom], items: &mut [Item]) {
    let mut i = 0;
    while i < atoms.len() {
        if atoms[i].class != Class::QuestEx {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < atoms.len() && atoms[j].class == Class::QuestEx {
            j += 1;
        }
        let k = j - i;
        if k >= 2 {
            // An odd run keeps its last mark a full em.
            let halved = if k % 2 == 1 { j - 1 } else { j };
            for it in &mut items[i..halved] {
                let amount = blank_amount(it, Blank::End);
                if has_blank(it, Blank::End) {
                    remove_blank(it, Blank::End, amount);
                }
            }
        }
        i = j;
    }
}

/// CLREQ §3.1.6.2: adjacent marks of 2 em become 1.5 em. The blank between the inks
/// goes (the first mark's end blank, else the second's start blank); what remains
/// between them is fixed, so the pair never goes under 1.5 em (cjk-rules T03).
fn adjacency(atoms: &[Atom], items: &mut [Item]) {
    for i in 1..atoms.len() {
        let (x, y) = (&items[i - 1], &items[i]);
        let x_mark = info(atoms[i - 1].class).blank != Blank::None;
        let y_mark = info(atoms[i].class).blank != Blank::None;
        if !x_mark || !y_mark {
            continue;
        }
        if has_blank(x, Blank::End) {
            let a = blank_amount(x, Blank::End);
            remove_blank(&mut items[i - 1], Blank::End, a);
        } else if has_blank(y, Blank::Start) {
            let a = blank_amount(y, Blank::Start);
            remove_blank(&mut items[i], Blank::Start, a);
            continue;
        }
        // A start blank left on the second mark lies between the two: fixed.
        let y = &mut items[i];
        if y.side == Blank::Start {
            y.shrink = 0.0;
            y.tier = 0;
        }
    }
}

/// CLREQ §3.4.1: Han–Western space between a Han character and a Western letter or
/// digit; none next to CJK punctuation (those are not `han` in the class table).
fn cjk_latin(x: &Atom, y: &Atom, text: &str, style: &CompositionStyle, it: &mut Item) {
    let west_edge = |a: &Atom, last: bool| {
        let s = &text[a.bytes.clone()];
        let c = if last {
            s.chars().next_back()
        } else {
            s.chars().next()
        };
        c.map(super::classes::classify).is_some_and(|cl| {
            info(cl).western
                && !matches!(
                    cl,
                    Class::StopW | Class::OpenW | Class::CloseW | Class::HyphenW | Class::SolidusW
                )
        })
    };
    let hx = info(x.class).han;
    let hy = info(y.class).han;
    let wants = (hx && west_edge(y, false)) || (hy && west_edge(x, true));
    if !wants {
        return;
    }
    let em = style.em_pt;
    match style.cjk_latin {
        CjkLatinSpacing::None => {}
        CjkLatinSpacing::Fixed(n) => it.glue = n * em,
        CjkLatinSpacing::Flexible { natural, min, max } => {
            it.glue = natural * em;
            it.glue_shrink = (natural - min).max(0.0) * em;
            it.glue_stretch = (max - natural).max(0.0) * em;
        }
    }
}
