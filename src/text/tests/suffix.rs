//! The backward total-fit tables (`suffix`) against the forward pass they replace
//! (`Ctx::optimal`, cjk-rules §6.4): from many starts, at several measures and styles,
//! both give the same total cost and valid lines.

use super::*;

/// Body paragraphs of the sample issue's articles (after the front matter) and the
/// paragraphs of the golden line files (the rule cases).
fn corpus() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    let dir = format!("{root}/samples/zhangzhou-2022-10/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("sample articles")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("article");
        let body = text.rsplit("+++").next().unwrap_or_default();
        out.extend(
            body.split("\n\n")
                .map(|p| p.trim().replace('\n', ""))
                .filter(|p| !p.is_empty()),
        );
    }
    for name in [
        "hanging",
        "kinsoku_start",
        "numbers",
        "push_out",
        "dash_unbreakable",
    ] {
        let text = std::fs::read_to_string(format!("{root}/tests/golden/{name}.txt"))
            .expect("golden file");
        let mut lines = text.lines();
        while let Some(l) = lines.next() {
            if l.starts_with("--- ") {
                out.extend(lines.next().map(str::to_owned));
            }
        }
    }
    out
}

fn styles() -> Vec<CompositionStyle> {
    let base = CompositionStyle::default();
    vec![
        base.clone(),
        CompositionStyle {
            hanging: true,
            ..base.clone()
        },
        CompositionStyle {
            kinsoku: KinsokuLevel::None,
            indent_em: 0.0,
            ..base.clone()
        },
        CompositionStyle {
            kinsoku: KinsokuLevel::Strict,
            punct: PunctStyle::Kaiming,
            hanging: true,
            ..base.clone()
        },
        CompositionStyle {
            justify: false,
            ..base
        },
    ]
}

/// About a dozen starts spread over the paragraph, and the last two atoms.
fn starts(n: usize) -> Vec<usize> {
    let mut s: Vec<usize> = (0..12).map(|k| k * n / 12).collect();
    s.extend([n.saturating_sub(2), n.saturating_sub(1)]);
    s.dedup();
    s
}

#[test]
fn backward_tables_cost_what_the_forward_pass_costs() {
    let (b, id) = book();
    let (mut cases, mut same) = (0, 0);
    for text in corpus() {
        for st in styles() {
            let run = Run {
                text: text.clone(),
                font: *id,
                size_pt: EM,
            };
            let p = shape_paragraph(b, &[run], &st);
            let n = p.atom_count();
            for m in [5.0, 9.0, 13.0, 17.5] {
                let breaker = p.breaker(m * EM);
                for s in starts(n) {
                    for indent in [0.0, 2.0 * EM as f64] {
                        let ((fc, fw), (bc, bw)) = p.both_paths(&breaker, s, indent);
                        let at = format!("`{text}` at {m} zw from atom {s}, {st:?}");
                        assert_eq!(fw.is_empty(), bw.is_empty(), "{at}");
                        assert!(
                            (fc - bc).abs() <= 1e-9 * fc.abs().max(1.0),
                            "{at}: forward {fc} ≠ backward {bc}\n{fw:?}\n{bw:?}"
                        );
                        // Valid lines: contiguous from `s` to the end, each plannable.
                        let mut a = s;
                        for &(x, y, _) in &bw {
                            assert!(x == a && y > x, "{at}: {bw:?}");
                            a = y;
                        }
                        assert_eq!(a, n, "{at}: {bw:?}");
                        cases += 1;
                        same += usize::from(fw == bw);
                    }
                }
            }
        }
    }
    assert!(cases > 5000, "{cases} cases");
    // Paths differ only in ties; count them so a change of tie rule shows.
    eprintln!("{same} of {cases} paths identical to the forward pass's");
}

#[test]
fn a_shared_breaker_gives_what_a_fresh_one_gives() {
    let (b, id) = book();
    for text in corpus().into_iter().take(12) {
        let st = CompositionStyle::default();
        let run = Run {
            text: text.clone(),
            font: *id,
            size_pt: EM,
        };
        let p = shape_paragraph(b, &[run], &st);
        let shared = p.breaker(13.0 * EM);
        // From the end backwards, so the lazily built full pass (if any) comes in
        // between; every byte, char boundary or not.
        for start in (0..text.len()).rev().step_by(7) {
            let indent = start == 0;
            let got = p.spans(&shared, start, indent);
            let fresh = p.spans(&p.breaker(13.0 * EM), start, indent);
            assert_eq!(got, fresh, "`{text}` from byte {start}");
            let lines: Vec<Line> = got.iter().map(|s| p.place_span(s)).collect();
            assert_eq!(lines, p.break_lines_from(start, 13.0 * EM, indent));
            if let Some(first) = lines.first() {
                check_invariants(&text[first.range.start..], &lines, 13.0 * EM);
                assert!(first.range.start >= start && p.atom_count() > 0);
                let s = (0..p.atom_count())
                    .find(|&i| p.atom_start(i) >= start)
                    .expect("a start atom");
                assert_eq!(first.range.start, p.atom_start(s));
            }
        }
    }
}
