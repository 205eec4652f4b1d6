//! `cargo bench --bench compose`: shaping and breaking the seed articles and p16.txt at
//! 13 字 (issue 2: a 16-page issue, ~100k characters, in under 100 ms on 2 cores).
//! Prints characters per second and ms per 100k characters, shaping and breaking
//! separately (shape once, then time `break_lines`), and the 孤字 count of greedy vs
//! optimal breaking on p16 (peers: Typst 16 / 843 paragraphs, xeCJK 40 / 903).
//!
//! Re-breaking (issue 6): a column head may fall on any line, so every paragraph is
//! also broken again from the start of each of its lines, the way flow does it: with
//! one `Breaker` per paragraph (`rebreak shared`, what layout does) and with a fresh one
//! per start (`rebreak fresh`, one total-fit pass per start as before issue 6); both
//! place only the first line. `break_lines_from` is the uncached call that places
//! every line from the start (the API before issue 6).

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark fails loudly"
)]

use paiban::text::{
    shape_paragraph, BreakMethod, CompositionStyle, FontBook, FontId, Run, ShapedParagraph,
};
use std::hint::black_box;
use std::time::{Duration, Instant};

const FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSerifCJKsc-Regular.otf"
);
const BENCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench");

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii_whitespace())
}

/// Body paragraphs: every article's lines after its headline (articles are separated
/// by blank lines; a single article file is one article).
fn body_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .flat_map(|a| {
            a.lines()
                .map(trim)
                .filter(|l| !l.is_empty())
                .skip(1)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn shape_all(
    book: &FontBook,
    font: FontId,
    paras: &[String],
    style: &CompositionStyle,
) -> Vec<ShapedParagraph> {
    paras
        .iter()
        .map(|p| {
            shape_paragraph(
                book,
                &[Run {
                    text: p.clone(),
                    font,
                    size_pt: style.em_pt,
                }],
                style,
            )
        })
        .collect()
}

/// Runs `f` until at least `min` has passed (and at least 3 times); returns the best time.
fn best_of(min: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    while runs < 3 || start.elapsed() < min {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
        runs += 1;
    }
    best
}

fn line(name: &str, chars: usize, what: &str, t: Duration) {
    let s = t.as_secs_f64();
    println!(
        "{name:<14} {what:<16} {:>9.2} ms {:>12.0} chars/s {:>9.2} ms/100k chars",
        s * 1e3,
        chars as f64 / s,
        s * 1e3 * 100_000.0 / chars as f64
    );
}

/// Number of paragraphs whose last line holds exactly one Han character (孤字), and
/// how many have more than one line.
fn orphans(shaped: &[ShapedParagraph], measure_pt: f32) -> (usize, usize) {
    let is_han = |c: char| matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2FA1F | 0xF900..=0xFAFF);
    let mut single = 0;
    let mut multi = 0;
    for p in shaped {
        let lines = p.break_lines(measure_pt);
        if lines.len() > 1 {
            multi += 1;
            let last = lines.last().map(|l| l.text.as_str()).unwrap_or_default();
            if last.chars().filter(|&c| is_han(c)).count() == 1 {
                single += 1;
            }
        }
    }
    (single, multi)
}

fn main() {
    let mut book = FontBook::new();
    let font = book.load(std::path::Path::new(FONT), 0).expect("body font");
    let style = CompositionStyle::default();
    let measure_pt = 13.0 * style.em_pt;
    let articles: Vec<String> = (1..=7)
        .flat_map(|i| body_paragraphs(&read(&format!("{BENCH}/articles/{i:02}.txt"))))
        .collect();
    let p16 = body_paragraphs(&read(&format!("{BENCH}/docs/p16.txt")));
    let min = Duration::from_millis(1500);
    println!(
        "compose bench: 13 字 = {measure_pt} pt, Noto Serif CJK SC 9 pt, best of repeated runs"
    );
    for (name, paras) in [("seven articles", &articles), ("p16.txt", &p16)] {
        let chars: usize = paras.iter().map(|p| p.chars().count()).sum();
        println!("{name}: {} paragraphs, {chars} chars", paras.len());
        let t_shape = best_of(min, || {
            black_box(shape_all(&book, font, paras, &style));
        });
        let shaped = shape_all(&book, font, paras, &style);
        let t_break = best_of(min, || {
            for p in &shaped {
                black_box(p.break_lines(measure_pt));
            }
        });
        line(name, chars, "shape", t_shape);
        line(name, chars, "break_lines", t_break);
        line(name, chars, "shape + break", t_shape + t_break);
        let starts: Vec<Vec<usize>> = shaped
            .iter()
            .map(|p| {
                let lines = p.break_lines(measure_pt);
                lines.iter().map(|l| l.range.start).collect()
            })
            .collect();
        let heads: usize = starts.iter().map(Vec::len).sum();
        let t_shared = best_of(min, || {
            for (p, st) in shaped.iter().zip(&starts) {
                let br = p.breaker(measure_pt);
                for &s in st {
                    let spans = p.spans(&br, s, s == 0);
                    black_box(spans.first().map(|sp| p.place_span(sp)));
                }
            }
        });
        let t_fresh = best_of(min, || {
            for (p, st) in shaped.iter().zip(&starts) {
                for &s in st {
                    let spans = p.spans(&p.breaker(measure_pt), s, s == 0);
                    black_box(spans.first().map(|sp| p.place_span(sp)));
                }
            }
        });
        let t_lines_from = best_of(min, || {
            for (p, st) in shaped.iter().zip(&starts) {
                for &s in st {
                    black_box(p.break_lines_from(s, measure_pt, s == 0));
                }
            }
        });
        println!("{name}: re-breaking from each of {heads} line starts");
        line(name, chars, "break_lines_from", t_lines_from);
        line(name, chars, "rebreak shared", t_shared);
        line(name, chars, "rebreak fresh", t_fresh);
    }
    for method in [BreakMethod::Greedy, BreakMethod::Optimal] {
        let s = CompositionStyle {
            method,
            ..style.clone()
        };
        let shaped = shape_all(&book, font, &p16, &s);
        let (single, multi) = orphans(&shaped, measure_pt);
        println!(
            "p16 孤字 ({method:?}): {single} single-Han last lines in {} paragraphs ({multi} with more than one line); peers: Typst 16 / 843, xeCJK 40 / 903",
            p16.len()
        );
    }
}
