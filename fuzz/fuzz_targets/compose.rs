//! Text composition over arbitrary Unicode: shaping, breaking at a measure picked by the
//! first byte, with the style picked by the second. Invariants: lines are in order and
//! do not overlap, nothing but white space is lost, a line is longer than the measure
//! only when it was forced, every position is finite.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paiban::text::{
    shape_paragraph, BreakMethod, CompositionStyle, FontBook, FontId, KinsokuLevel, PunctStyle,
    Run,
};
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

fn book() -> &'static (FontBook, FontId, FontId) {
    static B: OnceLock<(FontBook, FontId, FontId)> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = FontBook::new();
        let fonts = common::repo().join("fonts");
        let song = b.load(&fonts.join("NotoSerifCJKsc-Regular.otf"), 0);
        let hei = b.load(&fonts.join("NotoSansCJKsc-Regular.otf"), 0);
        match (song, hei) {
            (Ok(s), Ok(h)) => (b, s, h),
            _ => std::process::abort(),
        }
    })
}

/// Closing marks that may not start a line and opening ones that may not end one
/// (CLREQ §3.1.7, cjk-rules §1.a, the basic set).
const NOT_AT_START: &str = "，。、；：？！）」』】》〉";
const NOT_AT_END: &str = "（「『【《〈";

fn style(b: u8) -> CompositionStyle {
    CompositionStyle {
        punct: [PunctStyle::Quanjiao, PunctStyle::Kaiming, PunctStyle::Banjiao, PunctStyle::Plain]
            [usize::from(b & 3)],
        kinsoku: [KinsokuLevel::None, KinsokuLevel::Basic, KinsokuLevel::Gb, KinsokuLevel::Strict]
            [usize::from((b >> 2) & 3)],
        hanging: b & 16 != 0,
        method: if b & 32 != 0 { BreakMethod::Greedy } else { BreakMethod::Optimal },
        justify: b & 64 == 0,
        ..CompositionStyle::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let [m, s, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (fonts, song, hei) = book();
    let st = style(*s);
    // A dateline-like first run in Hei when the style byte says so.
    let split = if s & 128 != 0 { text.char_indices().nth(4).map_or(0, |(i, _)| i) } else { 0 };
    let mut runs = vec![];
    if split > 0 {
        runs.push(Run { text: text[..split].to_owned(), font: *hei, size_pt: 9.0 });
    }
    runs.push(Run { text: text[split..].to_owned(), font: *song, size_pt: 9.0 });
    let para = shape_paragraph(fonts, &runs, &st);
    let _ = para.missing_chars();
    let measure = f32::from(m % 40 + 1) * 9.0 + f32::from(m / 40) * 0.5;
    let lines = para.break_lines(measure);
    let t = para.text();
    let mut pos = 0;
    for (k, l) in lines.iter().enumerate() {
        // CLREQ §3.1.7 basic prohibitions at breaks chosen freely (not forced).
        if st.kinsoku != KinsokuLevel::None && !l.forced {
            let first = l.text.trim_start().chars().next();
            let last = l.text.trim_end().chars().last();
            // After a forced break the next line may start with what it could not leave.
            if k > 0 && !lines[k - 1].forced {
                assert!(!first.is_some_and(|c| NOT_AT_START.contains(c)), "line starts with {first:?}: {:?}", l.text);
            }
            if !l.is_final {
                assert!(!last.is_some_and(|c| NOT_AT_END.contains(c)), "line ends with {last:?}: {:?}", l.text);
            }
        }
        assert!(l.range.start >= pos && l.range.end <= t.len(), "lines out of order");
        let gap = t.get(pos..l.range.start);
        assert!(gap.is_some_and(|g| g.trim().is_empty()), "text lost between lines: {gap:?}");
        pos = l.range.end;
        assert!(l.width_pt.is_finite() && l.natural_pt.is_finite());
        assert!(
            l.forced || st.hanging || l.width_pt <= measure + 0.01,
            "line {:.2} pt over a {measure} pt measure: {:?}",
            l.width_pt,
            l.text
        );
        for g in &l.glyphs {
            assert!(g.x_pt.is_finite() && g.dx_pt.is_finite());
            assert!(g.chars.end <= l.text.len());
        }
    }
    let tail = t.get(pos..);
    assert!(tail.is_some_and(|g| g.trim().is_empty()), "text lost at the end: {tail:?}");
    let _ = para.natural_line();
});
