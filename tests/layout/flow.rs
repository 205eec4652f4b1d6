//! Body flow: the line grid, columns, overset, balancing, jumps, 孤行, bands, copyfit.

use super::support::*;
use paiban::layout::*;
use paiban::text::{shape_paragraph, Run};
use std::sync::Arc;

#[test]
fn baselines_sit_on_the_line_grid() {
    let f = fonts();
    let (head, paras) = bench(2);
    let a = article("b2", &[&head], &paras);
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Article(block(&a, (1, 3), (11, 80)))],
        )]),
        &f.book,
    );
    let lines = body_lines(&out.pages[0], &f);
    assert!(lines.len() > 30, "{} body lines", lines.len());
    for (_, y, t) in &lines {
        let n = (y - Y0 - ascent_offset()) / PITCH;
        assert!(
            (n - n.round()).abs() < 1e-3,
            "line `{t}` at {y} is off the grid ({n})"
        );
        assert!(n.round() >= 10.0, "line `{t}` above its block");
    }
}

#[test]
fn lines_stay_within_their_columns() {
    let f = fonts();
    let (head, paras) = bench(6);
    let a = article("b6", &[&head], &paras);
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Article(block(&a, (2, 5), (1, 100)))],
        )]),
        &f.book,
    );
    let lefts: Vec<f32> = (2..=5).map(col_left).collect();
    for r in runs(&out.pages[0])
        .into_iter()
        .filter(|r| r.size_pt == BODY)
    {
        let left = *lefts
            .iter()
            .find(|l| (r.x - **l).abs() < 0.01)
            .unwrap_or_else(|| panic!("run at x {} is not at a column", r.x));
        for g in &r.glyphs {
            // Ink, not advance boxes: a trimmed opening mark's blank half lies outside;
            // some Song glyphs overhang their advance by up to ~0.03 em (织 +0.024 em).
            let tol = 0.05 * r.size_pt;
            let (x0, x1) = ink(&f, r.font, g.gid, r.size_pt);
            assert!(
                r.x + g.x + x0 >= left - tol,
                "glyph `{}` left of its column",
                g.text
            );
            assert!(
                r.x + g.x + x1 <= left + 13.0 * BODY + tol,
                "glyph `{}` past its column: {} > {} in `{}`",
                g.text,
                r.x + g.x + x1,
                left + 13.0 * BODY,
                r.glyphs.iter().map(|g| g.text.as_str()).collect::<String>()
            );
        }
    }
}

#[test]
fn broken_columns_are_whole_characters_wide() {
    let f = fonts();
    let (_, paras) = bench(7);
    let a = article("b7", &[], &paras);
    let mut three = block(&a, (1, 3), (1, 15));
    three.text_columns = Some(2);
    let b = article("b7b", &[], &paras);
    let mut five = block(&b, (4, 8), (1, 15));
    five.text_columns = Some(3);
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Article(three), Block::Article(five)],
        )]),
        &f.book,
    );
    let mut xs: Vec<f32> = body_lines(&out.pages[0], &f)
        .iter()
        .map(|l| ((l.0 - X0) / BODY * 100.0).round() / 100.0)
        .collect();
    xs.dedup();
    xs.sort_by(f32::total_cmp);
    xs.dedup();
    // 三破二: (41 − 1) / 2 = 20 字 → columns at 0 and 21; 五破三: (69 − 2) / 3 = 22 r 1 →
    // 22 + 22 + 23 at 42, 42 + 23, 42 + 46 (cjk-rules §4.2).
    assert_eq!(xs, vec![0.0, 21.0, 42.0, 65.0, 88.0]);
    for r in runs(&out.pages[0]) {
        let width = match ((r.x - X0) / BODY).round() as i32 {
            0 | 21 => 20.0,
            42 | 65 => 22.0,
            _ => 23.0,
        } * BODY;
        let start = [0.0, 21.0, 42.0, 65.0, 88.0]
            .iter()
            .map(|c| X0 + c * BODY)
            .find(|s| (r.x - s).abs() < 0.01)
            .unwrap_or(r.x);
        for g in &r.glyphs {
            assert!(
                r.x + g.x - start < width - 0.4 * BODY,
                "glyph `{}` past its {} 字 column",
                g.text,
                width / BODY
            );
        }
    }
    assert!(
        out.fits.iter().all(|fit| fit.overset_lines > 0),
        "both blocks are too small for the text"
    );
}

#[test]
fn overset_is_counted_exactly() {
    let f = fonts();
    let (_, paras) = bench(4);
    let a = article("over", &[], &paras);
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Article(block(&a, (1, 1), (1, 20)))],
        )]),
        &f.book,
    );
    let st = styles(&f);
    let all: Vec<_> = paras
        .iter()
        .flat_map(|t| {
            shape_paragraph(
                &f.book,
                &[Run {
                    text: t.clone(),
                    font: f.song,
                    size_pt: BODY,
                }],
                &st.composition,
            )
            .break_lines(13.0 * BODY)
        })
        .collect();
    let lines = (all.len() - 20) as u32;
    let chars: u32 = all[20..]
        .iter()
        .map(|l| l.text.chars().count() as u32)
        .sum();
    let fit = &out.fits[0];
    assert_eq!(
        (fit.overset_lines, fit.overset_chars, fit.underset_lines),
        (lines, chars, 0)
    );
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.code == "W0201")
        .expect("overset warning");
    assert!(
        d.message.contains("`over`") && d.message.contains(&format!("{lines} lines")),
        "{}",
        d.message
    );
    assert_eq!(body_lines(&out.pages[0], &f).len(), 20);
}

#[test]
fn last_part_is_balanced() {
    let f = fonts();
    let (_, paras) = bench(5);
    let a = article("bal", &[], &paras);
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Article(block(&a, (1, 3), (1, 100)))],
        )]),
        &f.book,
    );
    let lines = body_lines(&out.pages[0], &f);
    let heights: Vec<usize> = (1..=3)
        .map(|c| {
            lines
                .iter()
                .filter(|l| (l.0 - col_left(c)).abs() < 0.01)
                .count()
        })
        .collect();
    let (lo, hi) = (heights.iter().min().unwrap(), heights.iter().max().unwrap());
    assert!(hi - lo <= 1 && *lo > 0, "column heights {heights:?}");
    let fit = &out.fits[0];
    assert_eq!(fit.overset_lines, 0);
    assert_eq!(fit.underset_lines as usize, 300 - lines.len());
    assert_eq!(
        lines.iter().map(|l| l.2.as_str()).collect::<String>(),
        body_text(&a)
    );
}

#[test]
fn jumps_carry_page_numbers_and_complete_text() {
    let f = fonts();
    let (head, paras) = bench(7);
    let a = article("jump", &[&head], &paras);
    let p1 = page(&f, 1, vec![Block::Article(block(&a, (1, 2), (1, 25)))]);
    let p3 = page(&f, 3, vec![Block::Article(block(&a, (5, 7), (1, 100)))]);
    let out = layout_issue(&issue(vec![p1, p3]), &f.book);
    let t1 = text_of(&out.pages[0]);
    let t3 = text_of(&out.pages[1]);
    assert!(t1.ends_with("（下转第3版）"), "{t1}");
    assert!(t3.starts_with("（上接第1版）"), "{t3}");
    assert!(!t3.contains(&head), "the continuation repeats no headline");
    let body1: String = body_lines(&out.pages[0], &f)
        .iter()
        .map(|l| l.2.clone())
        .collect();
    let body3: String = body_lines(&out.pages[1], &f)
        .iter()
        .map(|l| l.2.clone())
        .collect();
    assert_eq!(format!("{body1}{body3}"), body_text(&a));
    assert_eq!(out.fits[0].page, "A03");
    assert_eq!(out.fits[0].overset_lines, 0);
}

#[test]
fn no_paragraph_end_alone_at_a_column_head() {
    let f = fonts();
    for n in 1..=7 {
        let (_, paras) = bench(n);
        let a = article("w", &[], &paras);
        let mut b = block(&a, (1, 2), (1, 100));
        b.text_columns = Some(3);
        let out = layout_issue(&issue(vec![page(&f, 1, vec![Block::Article(b)])]), &f.book);
        let lines = body_lines(&out.pages[0], &f);
        // Paragraph ends as byte offsets into the concatenated body.
        let mut ends = Vec::new();
        let mut at = 0;
        for p in &paras {
            at += p.len();
            ends.push(at);
        }
        let mut pos = 0;
        for (i, l) in lines.iter().enumerate() {
            let start = pos;
            pos += l.2.len();
            let head = i > 0 && lines[i - 1].0 != l.0;
            if head && ends.contains(&pos) {
                let prev_end = ends
                    .iter()
                    .filter(|e| **e <= start)
                    .max()
                    .copied()
                    .unwrap_or(0);
                assert!(
                    prev_end == start,
                    "article {n}: the last line `{}` of a paragraph is alone at a column head",
                    l.2
                );
            }
        }
    }
}

#[test]
fn full_width_photo_is_read_around_top_band_first() {
    let f = fonts();
    let (_, paras) = bench(2);
    let mut art = (*article("band", &[], &paras)).clone();
    art.photos.push(photo(2000, 1000));
    let a = Arc::new(art);
    let mut b = block(&a, (1, 3), (1, 60));
    b.photos.push(InlinePhoto {
        photo: 0,
        cols: (1, 3),
        lines: (4, 20),
        fit: Fit::Fill,
    });
    let out = layout_issue(&issue(vec![page(&f, 1, vec![Block::Article(b)])]), &f.book);
    let lines = body_lines(&out.pages[0], &f);
    let photo_top = Y0 + 3.0 * PITCH;
    // Rows 1–3 across all three columns come first, then the text below the photo.
    let above = lines.iter().take_while(|l| l.1 < photo_top).count();
    assert_eq!(
        above, 9,
        "three lines in each of three columns above the photo"
    );
    assert!(
        lines[above..].iter().all(|l| l.1 > Y0 + 20.0 * PITCH),
        "nothing inside the photo"
    );
    assert_eq!(
        lines.iter().map(|l| l.2.as_str()).collect::<String>(),
        body_text(&a)
    );
}

#[test]
fn copyfit_shortens_the_photo_by_whole_lines_and_says_so() {
    let f = fonts();
    let (_, paras) = bench(3);
    let mut art = (*article("cf", &[], &paras)).clone();
    art.photos.push(photo(2000, 1500));
    let a = Arc::new(art);
    let run = |h: u32, copyfit: bool| {
        let mut b = block(&a, (1, 2), (1, h));
        b.photos.push(InlinePhoto {
            photo: 0,
            cols: (1, 2),
            lines: (1, 16),
            fit: Fit::Fill,
        });
        b.copyfit = copyfit;
        layout_issue(&issue(vec![page(&f, 1, vec![Block::Article(b)])]), &f.book)
    };
    // A block height where the text is overset by a line or two.
    let h = (20..80)
        .find(|h| (1..=2).contains(&run(*h, false).fits[0].overset_lines))
        .expect("a small overset");
    let plain = run(h, false);
    let fitted = run(h, true);
    assert_eq!(fitted.fits[0].overset_lines, 0, "{:?}", fitted.diagnostics);
    let note = fitted
        .diagnostics
        .iter()
        .find(|d| d.code == "N0201")
        .expect("copyfit is logged");
    assert!(
        note.message.contains("shortened photo 1 of article `cf`"),
        "{}",
        note.message
    );
    let frame = |o: &LayoutOutput| {
        o.pages[0]
            .items
            .iter()
            .find_map(|i| {
                if let Item::Image(p) = i {
                    Some(p.frame)
                } else {
                    None
                }
            })
            .unwrap()
    };
    let lost = (frame(&plain).h - frame(&fitted).h) / PITCH;
    assert!(
        lost >= 0.99 && (lost - lost.round()).abs() < 0.05 && lost.round() <= 3.0,
        "photo {lost} lines shorter"
    );
    assert!(!fitted.diagnostics.iter().any(|d| d.code == "W0201"));
    // Off by default: the same block without `copyfit` keeps its photo and reports.
    assert!(
        plain.diagnostics.iter().any(|d| d.code == "W0201")
            && !plain.diagnostics.iter().any(|d| d.code == "N0201")
    );
}

mod invariants {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        /// Whatever the block, the set text is the article text from its start, and the
        /// overset characters are exactly the rest: nothing lost, nothing doubled.
        #[test]
        fn set_text_plus_overset_is_the_article(n in 1u32..=7, c0 in 1u32..=6, w in 0u32..3, l0 in 1u32..=60, h in 3u32..40, k in 1u32..4) {
            let f = fonts();
            let (_, paras) = bench(n);
            let a = article("prop", &[], &paras);
            let mut b = block(&a, (c0, (c0 + w).min(8)), (l0, (l0 + h).min(100)));
            b.text_columns = Some(k);
            let out = layout_issue(&issue(vec![page(&f, 1, vec![Block::Article(b)])]), &f.book);
            let set: String = body_lines(&out.pages[0], &f).iter().map(|l| l.2.clone()).collect();
            let all = body_text(&a);
            prop_assert!(all.starts_with(&set), "set text is not a prefix of the article");
            let rest = all[set.len()..].chars().count() as u32;
            prop_assert_eq!(out.fits[0].overset_chars, rest);
            prop_assert_eq!(out.fits[0].overset_lines == 0, rest == 0);
        }
    }
}
