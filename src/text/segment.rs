//! Break opportunities between atoms, with penalties computed from the class table
//! (not raw UAX #14: cjk-rules §2.6 lists where UAX #14 is wrong for Chinese).
//!
//! * Kinsoku (CLREQ §3.1.7; cjk-rules §1.a): no break before a class whose `no_start`
//!   level is reached, none after a class whose `no_end` level is reached.
//! * Unbreakables (CLREQ §3.1.8 "Unbreakable Marks"; JLREQ §3.1.10): —— ⸺ …… ⋯⋯ (pairs
//!   may split between pairs); a space-less Western token (words, numbers with , . :,
//!   URLs) never splits; number + postfix and prefix + number follow from the table.
//! * A single U+2014 is a connector (一字线) and may not start a line at basic
//!   (CLREQ basic level; cjk-rules T13).
//! * Breaks sit after a word space, never before one.
//! * A number|Han-unit break (13.77|亿元) is allowed with a penalty (cjk-rules §1.b).

use super::classes::{info, Class};
use super::shape::Atom;
use super::KinsokuLevel;

/// Penalty of a break between a number and a following Han unit (13.77|亿元).
pub(crate) const NUMBER_UNIT: f64 = 150.0;
/// Penalty of a break inside a Western token after `.` or `/` (a URL wider than the
/// measure, cjk-rules T20): above any ordinary line's cost, below a 孤字.
pub(crate) const URL_BREAK: f64 = 20_000.0;
/// Penalty of a break the prohibition rules forbid, taken only when no legal break
/// exists (the line is then `forced`).
pub(crate) const KINSOKU_FORCED: f64 = 1.0e9;
/// Penalty of a break inside an unbreakable unit (a word or number too long for the
/// measure), likewise a last resort.
pub(crate) const UNBREAKABLE_FORCED: f64 = 1.0e10;

/// What a break after an atom costs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Break {
    /// Added cost of breaking here (0 for a free break).
    pub penalty: f64,
    /// The break violates a rule (taken only as a last resort; marks the line forced).
    pub forced: bool,
}

/// Per-boundary facts: the break after atom `i`, and whether the gap between atom
/// `i` and `i + 1` may take inter-character expansion (CLREQ §3.8.3 step 3).
#[derive(Clone)]
pub(crate) struct Boundaries {
    /// `brk[i]`: break between atom `i` and `i + 1`.
    pub brk: Vec<Break>,
    /// `gap_ok[i]`: the gap after atom `i` may be spaced out.
    pub gap_ok: Vec<bool>,
}

/// Computes break opportunities and expansion gaps.
pub(crate) fn boundaries(atoms: &[Atom], text: &str, level: KinsokuLevel) -> Boundaries {
    let n = atoms.len();
    let pair = dash_pairs(atoms, text);
    let mut brk = Vec::with_capacity(n);
    let mut gap_ok = Vec::with_capacity(n);
    // Class of the last non-space atom so far: a break after word spaces is judged by
    // what precedes them (no line ends in an opening followed by spaces).
    let mut before_spaces = Class::Other;
    // And a break before spaces by what follows them: spaces at a line start vanish, so
    // `文 。` must not put 。 at the head of the next line.
    let after_spaces = next_non_space(atoms, &pair.single);
    for i in 0..n {
        if atoms[i].class != Class::Space {
            before_spaces = eff_class(atoms[i].class, pair.single[i]);
        }
        if i + 1 == n {
            brk.push(Break {
                penalty: 0.0,
                forced: false,
            });
            gap_ok.push(false);
            break;
        }
        let (x, y) = (&atoms[i], &atoms[i + 1]);
        let cx = if x.class == Class::Space {
            before_spaces
        } else {
            eff_class(x.class, pair.single[i])
        };
        let cy = if y.class == Class::Space {
            after_spaces[i + 1]
        } else {
            eff_class(y.class, pair.single[i + 1])
        };
        let inside = pair.inside_after[i] || glued(x.class, y.class) || apostrophe(atoms, text, i);
        let mut b = break_between(cx, cy, inside, level);
        if inside
            && url_break(text, x, y)
            && !(level >= KinsokuLevel::Gb && x.class == Class::SolidusW)
        {
            b = Break {
                penalty: URL_BREAK,
                forced: false,
            };
        }
        brk.push(b);
        gap_ok.push(!inside && gap_allowed(eff_class(x.class, pair.single[i]), cy));
    }
    Boundaries { brk, gap_ok }
}

/// For each atom, the effective class of the first non-space atom from it on
/// (`Class::Other` when only spaces follow).
fn next_non_space(atoms: &[Atom], single: &[bool]) -> Vec<Class> {
    let mut out = vec![Class::Other; atoms.len()];
    let mut next = Class::Other;
    for i in (0..atoms.len()).rev() {
        if atoms[i].class != Class::Space {
            next = eff_class(atoms[i].class, single[i]);
        }
        out[i] = next;
    }
    out
}

/// An apostrophe ’ between Latin letters (don’t) belongs to the word.
fn apostrophe(atoms: &[Atom], text: &str, i: usize) -> bool {
    let is = |k: usize, c: char| {
        atoms
            .get(k)
            .is_some_and(|a| text[a.bytes.clone()].starts_with(c))
    };
    let latin = |k: Option<usize>| {
        k.and_then(|k| atoms.get(k))
            .is_some_and(|a| a.class == Class::Latin)
    };
    (is(i + 1, '’') && latin(Some(i)) && latin(Some(i + 2)))
        || (is(i, '’') && latin(i.checked_sub(1)) && latin(Some(i + 1)))
}

/// cjk-rules T20: a Western token too long for the measure (a URL) may break after
/// `.` or `/` before a letter, no hyphen added; never inside a number (13.77).
fn url_break(text: &str, x: &Atom, y: &Atom) -> bool {
    let cx = text[x.bytes.clone()].chars().next_back();
    let cy = text[y.bytes.clone()].chars().next();
    matches!(cx, Some('.' | '/')) && cy.is_some_and(|c| c.is_ascii_alphabetic())
}

/// Unbreakable at every level (cjk-rules §1.b): inside a Western token, number +
/// postfix (50%, 5℃), prefix + number (￥100).
fn glued(x: Class, y: Class) -> bool {
    let (wx, wy) = (info(x).western, info(y).western);
    (wx && (wy || y == Class::Postfix))
        || (x == Class::Prefix && wy)
        || (x == Class::Postfix && y == Class::Postfix)
}

/// A lone U+2014 (or lone …) is treated by its connector role.
fn eff_class(c: Class, single: bool) -> Class {
    if c == Class::EmDash && single {
        Class::Connector
    } else {
        c
    }
}

fn break_between(cx: Class, cy: Class, inside: bool, level: KinsokuLevel) -> Break {
    if inside {
        return Break {
            penalty: UNBREAKABLE_FORCED,
            forced: true,
        };
    }
    // Breaks go after word spaces, never before them.
    if cy == Class::Space || cy == Class::Control {
        return Break {
            penalty: UNBREAKABLE_FORCED,
            forced: true,
        };
    }
    let (ix, iy) = (info(cx), info(cy));
    let no_start = iy
        .no_start
        .is_some_and(|l| level >= l && level != KinsokuLevel::None);
    let no_end = ix
        .no_end
        .is_some_and(|l| level >= l && level != KinsokuLevel::None);
    if no_start || no_end {
        return Break {
            penalty: KINSOKU_FORCED,
            forced: true,
        };
    }
    let penalty = match (cx, cy) {
        (Class::Digit | Class::Postfix, Class::Han) => NUMBER_UNIT,
        _ => 0.0,
    };
    Break {
        penalty,
        forced: false,
    }
}

/// CLREQ §3.8.3 step 3 / cjk-rules §1.i: no expansion after an opening, before a
/// closing or stop, around connectors, solidi and interpuncts, inside number+unit.
fn gap_allowed(cx: Class, cy: Class) -> bool {
    use Class::*;
    let bad_x = matches!(
        cx,
        Open | OpenW | Connector | Solidus | SolidusW | HyphenW | Interpunct | Prefix | Control
    );
    let bad_y = matches!(
        cy,
        Close
            | CloseW
            | Stop
            | Comma
            | ColonSemi
            | QuestEx
            | StopW
            | Connector
            | Solidus
            | SolidusW
            | HyphenW
            | Interpunct
            | Postfix
            | Control
    );
    let dashes =
        matches!(cx, EmDash | LongDash | Ellipsis) && matches!(cy, EmDash | LongDash | Ellipsis);
    !bad_x && !bad_y && !dashes
}

/// Pairing of —— and …… (CLREQ §3.1.8): `inside_after[i]` when atom `i` and `i + 1`
/// are the two halves of one 2-em mark; `single[i]` for a lone U+2014.
struct Pairs {
    inside_after: Vec<bool>,
    single: Vec<bool>,
}

fn dash_pairs(atoms: &[Atom], text: &str) -> Pairs {
    let n = atoms.len();
    let mut inside_after = vec![false; n];
    let mut single = vec![false; n];
    let mut i = 0;
    while i < n {
        let c = atoms[i].class;
        if c != Class::EmDash && c != Class::Ellipsis {
            i += 1;
            continue;
        }
        // Count characters of the run (a ligature atom holds two).
        let mut j = i;
        let mut chars_before = Vec::new();
        let mut count = 0usize;
        while j < n && atoms[j].class == c {
            chars_before.push(count);
            count += text[atoms[j].bytes.clone()].chars().count();
            j += 1;
        }
        for (k, m) in (i..j).enumerate() {
            let end_count = chars_before[k] + text[atoms[m].bytes.clone()].chars().count();
            // A boundary inside an odd position of the run splits a pair.
            inside_after[m] = m + 1 < j && end_count % 2 == 1;
        }
        if c == Class::EmDash && count == 1 {
            single[i] = true;
        }
        i = j;
    }
    Pairs {
        inside_after,
        single,
    }
}
