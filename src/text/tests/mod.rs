//! Tests of the composer: the T01–T34 strings of cjk-rules §5 (`tcases`) and styles,
//! options and robustness (`styles`), set in Noto Serif CJK SC 9 pt without indent (the
//! §5 harness: quanjiao, basic, push-in first, ¼-em flexible CJK–Latin space).

use super::*;
use std::path::Path;
use std::sync::OnceLock;

const EM: f32 = 9.0;

fn book() -> &'static (FontBook, FontId) {
    static BOOK: OnceLock<(FontBook, FontId)> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut b = FontBook::new();
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/NotoSerifCJKsc-Regular.otf"
        );
        let id = b.load(Path::new(p), 0).expect("body font");
        (b, id)
    })
}

fn style() -> CompositionStyle {
    CompositionStyle {
        indent_em: 0.0,
        ..CompositionStyle::default()
    }
}

fn set_with(text: &str, measure: f32, st: &CompositionStyle) -> Vec<Line> {
    let (b, id) = book();
    let run = Run {
        text: text.to_owned(),
        font: *id,
        size_pt: EM,
    };
    let p = shape_paragraph(b, &[run], st);
    let lines = p.break_lines(measure * EM);
    check_invariants(text, &lines, measure * EM);
    lines
}

fn set(text: &str, measure: f32) -> Vec<String> {
    set_with(text, measure, &style())
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// Invariants every composition must keep (issue 2 "hard requirements").
fn check_invariants(text: &str, lines: &[Line], measure: f32) {
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined, text, "lines must join to the paragraph");
    for (k, l) in lines.iter().enumerate() {
        assert_eq!(l.is_final, k + 1 == lines.len());
        if !l.is_final && !l.forced {
            assert!(
                (l.width_pt - measure).abs() < 0.05,
                "line {k} `{}` is {} pt, not {measure}",
                l.text,
                l.width_pt
            );
        }
        if l.is_final {
            assert!(
                l.width_pt <= measure + 0.05,
                "final line `{}` overfull",
                l.text
            );
        }
        if !l.forced {
            assert!(l.width_pt <= measure + 0.05);
        }
    }
}

fn em(l: &Line) -> f32 {
    l.width_pt / EM
}

mod styles;
mod suffix;
mod tcases;
