//! Punctuation and spacing styles, options, fonts, re-breaking and robustness.

use super::*;

fn natural_em(text: &str, st: &CompositionStyle) -> f32 {
    let (b, id) = book();
    let p = shape_paragraph(
        b,
        &[Run {
            text: text.into(),
            font: *id,
            size_pt: EM,
        }],
        st,
    );
    p.natural_line().width_pt / EM
}

#[test]
fn punctuation_styles() {
    let text = "他说：“好，走。”";
    let q = natural_em(text, &style());
    // 他说 2 + ：“ 1.5 + 好 1 + ， 1 + 走 1 + 。” 1.5 − ” at line end ½ = 7.5.
    assert!((q - 7.5).abs() < 0.01, "quanjiao {q}");
    let k = natural_em(
        text,
        &CompositionStyle {
            punct: PunctStyle::Kaiming,
            ..style()
        },
    );
    // 。 stays 1 em; the others ½: 2 + ½ + ½ + 1 + ½ + 1 + 1 + ½ = 7.
    assert!((k - 7.0).abs() < 0.01, "kaiming {k}");
    let b = natural_em(
        text,
        &CompositionStyle {
            punct: PunctStyle::Banjiao,
            ..style()
        },
    );
    assert!((b - 6.5).abs() < 0.01, "banjiao {b}");
    let p = natural_em(
        text,
        &CompositionStyle {
            punct: PunctStyle::Plain,
            ..style()
        },
    );
    assert!((p - 9.0).abs() < 0.01, "plain {p}");
}

#[test]
fn cjk_latin_spacing_styles() {
    let text = "增长5%以上";
    let none = natural_em(
        text,
        &CompositionStyle {
            cjk_latin: CjkLatinSpacing::None,
            ..style()
        },
    );
    let quarter = natural_em(text, &style());
    let fixed = natural_em(
        text,
        &CompositionStyle {
            cjk_latin: CjkLatinSpacing::Fixed(0.5),
            ..style()
        },
    );
    assert!(
        (quarter - none - 0.25).abs() < 0.01,
        "one ¼ em (长|5): {quarter} vs {none}"
    );
    assert!((fixed - none - 0.5).abs() < 0.01);
}

#[test]
fn number_unit_break_costs_a_penalty() {
    let (b, id) = book();
    let text = "收入13.77亿元";
    let (_, _, atoms) = shape::shape_runs(
        b,
        &[Run {
            text: text.into(),
            font: *id,
            size_pt: EM,
        }],
    );
    let bounds = segment::boundaries(&atoms, text, KinsokuLevel::Basic);
    let pen: Vec<f64> = bounds.brk.iter().map(|x| x.penalty).collect();
    // 收|入 free, 入|1 free, inside 13.77 unbreakable, 7|亿 penalised, 亿|元 free.
    assert_eq!(pen[0], 0.0);
    assert_eq!(pen[1], 0.0);
    assert!(bounds.brk[2..6].iter().all(|x| x.forced));
    assert_eq!(pen[6], segment::NUMBER_UNIT);
    assert_eq!(pen[7], 0.0);
}

#[test]
fn mixed_fonts_dateline() {
    let (b0, _) = book();
    let mut b = FontBook::new();
    let song = b
        .load(
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/NotoSerifCJKsc-Regular.otf"
            )),
            0,
        )
        .expect("song");
    let hei = b
        .load(
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/NotoSansCJKsc-Regular.otf"
            )),
            0,
        )
        .expect("hei");
    let _ = b0;
    let runs = [
        Run {
            text: "本报北京3月5日电".into(),
            font: hei,
            size_pt: EM,
        },
        Run {
            text: "（记者张三）全国两会今天开幕，代表委员陆续抵京。".into(),
            font: song,
            size_pt: EM,
        },
    ];
    let p = shape_paragraph(&b, &runs, &CompositionStyle::default());
    let lines = p.break_lines(13.0 * EM);
    check_invariants(p.text(), &lines, 13.0 * EM);
    assert!(lines[0].glyphs[0].font == hei && lines.last().expect("lines").glyphs[0].font == song);
    assert!(p.missing_chars().is_empty());
}

#[test]
fn rebreak_without_reshaping_and_jumps() {
    let (b, id) = book();
    let text = "张延能指出，做好矿山生态修复工作功在当代、利在千秋。希望各级各部门要深入学习贯彻习近平生态文明思想，牢固树立“绿水青山就是金山银山”理念。";
    let p = shape_paragraph(
        b,
        &[Run {
            text: text.into(),
            font: *id,
            size_pt: EM,
        }],
        &CompositionStyle::default(),
    );
    for m in [8.0, 11.0, 13.0, 17.0, 24.0] {
        let lines = p.break_lines(m * EM);
        check_invariants(text, &lines, m * EM);
        assert!(
            (lines[0].glyphs[0].x_pt - 2.0 * EM).abs() < 0.01,
            "2-em indent"
        );
    }
    let start = text.find("希望").expect("offset");
    let rest = p.break_lines_from(start, 13.0 * EM, false);
    check_invariants(&text[start..], &rest, 13.0 * EM);
    assert!(rest[0].glyphs[0].x_pt.abs() < 0.01);
}

#[test]
fn font_book_is_shareable() {
    fn check<T: Send + Sync>() {}
    check::<FontBook>();
}

#[test]
fn kai_quotes_and_dashes_are_full_width() {
    let mut b = FontBook::new();
    let kai = b
        .load(
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/LXGWWenKai-Regular.ttf"
            )),
            0,
        )
        .expect("kai");
    let sans = b
        .load(
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/NotoSansCJKsc-Regular.otf"
            )),
            0,
        )
        .expect("sans");
    for f in [kai, sans] {
        let run = |t: &str| Run {
            text: t.into(),
            font: f,
            size_pt: EM,
        };
        let p = shape_paragraph(&b, &[run("他说“好”——走")], &style());
        let l = p.natural_line();
        // 他说 2 + “ 1 + 好 1 + ” 1 + —— 2 + 走 1 = 8 em: quotes full-width in every face.
        assert!(
            (l.width_pt / EM - 8.0).abs() < 0.01,
            "{:?}: {}",
            f,
            l.width_pt / EM
        );
        let dash: Vec<_> = l
            .glyphs
            .iter()
            .filter(|g| l.text[g.chars.clone()].starts_with('—'))
            .collect();
        let span = dash
            .last()
            .map(|g| g.x_pt + EM * if dash.len() == 1 { 2.0 } else { 1.0 })
            .unwrap_or(0.0)
            - dash[0].x_pt;
        assert!((span - 2.0 * EM).abs() < 0.01, "—— spans 2 em");
    }
}

#[test]
fn connectors_units_and_apostrophes() {
    for m in [3.0, 4.0, 5.0, 6.0, 7.0] {
        for l in set("二〇二〇－二〇二五年面积约30㎡的房子don’t", m)
            .iter()
            .skip(1)
        {
            assert!(!l.starts_with(['－', '㎡', 't', '’']), "{l} at {m}");
        }
    }
}

#[test]
fn odd_measures_do_not_hang_or_panic() {
    let (b, id) = book();
    let text = "他说：“好。”abc 123——……";
    let p = shape_paragraph(
        b,
        &[Run {
            text: text.into(),
            font: *id,
            size_pt: EM,
        }],
        &style(),
    );
    for m in [0.0, -5.0, 0.1, f32::INFINITY, f32::NAN] {
        let lines = p.break_lines(m);
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, text);
    }
    let empty = shape_paragraph(b, &[], &style());
    assert!(empty.break_lines(100.0).is_empty());
    assert_eq!(empty.natural_line().text, "");
}

#[test]
fn t27_ideographic_space_never_starts_a_line() {
    for m in [2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 12.0] {
        for l in set("参会人员：张　三、李　四、王小五", m) {
            assert!(!l.starts_with('\u{3000}'), "{l} at {m}");
        }
    }
    // Not compressed: 参会人员 4 + ： 1 + 张　三 3 + 、 1 + 李　四 3 + 、 1 + 王小五 3.
    assert!((natural_em("参会人员：张　三、李　四、王小五", &style()) - 16.0).abs() < 0.01);
}

#[test]
fn t12_interpunct_is_half_em() {
    assert!((natural_em("阿加莎·克里斯蒂", &style()) - 7.5).abs() < 0.01);
}

#[test]
fn fuzz_many_styles() {
    let pool: Vec<char> = "中国人民日报新闻记者经济发展会议今天开幕abcXYZ0123  ，。、：；？！“”‘’（）《》〈〉【】——……·～／/%％￥$.,:-—⸺　\n㎡℃".chars().collect();
    let mut seed: u64 = 0x1234_5678_9ABC_DEF1;
    let styles = [
        style(),
        CompositionStyle {
            hanging: true,
            ..style()
        },
        CompositionStyle {
            kinsoku: KinsokuLevel::Strict,
            indent_em: 2.0,
            ..style()
        },
        CompositionStyle {
            kinsoku: KinsokuLevel::None,
            punct: PunctStyle::Kaiming,
            ..style()
        },
        CompositionStyle {
            method: BreakMethod::Greedy,
            punct: PunctStyle::Banjiao,
            ..style()
        },
        CompositionStyle {
            punct: PunctStyle::Plain,
            cjk_latin: CjkLatinSpacing::None,
            ..style()
        },
        CompositionStyle {
            justify: false,
            kinsoku: KinsokuLevel::Gb,
            ..style()
        },
    ];
    for case in 0..300 {
        let len = 1 + (case % 140);
        let mut s = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(pool[(seed % pool.len() as u64) as usize]);
        }
        let st = &styles[case % styles.len()];
        for m in [1.0, 2.5, 5.0, 9.0, 13.0, 24.0] {
            let (b, id) = book();
            let p = shape_paragraph(
                b,
                &[Run {
                    text: s.clone(),
                    font: *id,
                    size_pt: EM,
                }],
                st,
            );
            let lines = p.break_lines(m * EM);
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(joined, s);
            for l in &lines {
                if st.justify && !l.is_final && !l.forced {
                    assert!(
                        (l.width_pt - m * EM).abs() < 0.05,
                        "{:?} {} {m}",
                        l.text,
                        l.width_pt
                    );
                }
                if !l.forced {
                    assert!(
                        l.width_pt <= m * EM + 0.05,
                        "over {:?} {} at {m} in {s:?} style {case}",
                        l.text,
                        l.width_pt / EM
                    );
                }
            }
        }
    }
}

#[test]
fn shaped_paragraph_keeps_its_traits() {
    fn check<T: Clone + std::fmt::Debug + Send + Sync>() {}
    check::<ShapedParagraph>();
}

/// UAX #14 GL: a no-break space glues its neighbours, so `文 。` can neither be split
/// before the space nor let 。 start a line after it (found by the compose fuzz target).
#[test]
fn no_break_space_glues_both_sides() {
    let text = "中文\u{A0}。中文中文中文";
    for m in 3..8 {
        for l in set(text, m as f32) {
            let first = l.chars().next();
            assert!(
                !matches!(first, Some('\u{A0}' | '。')),
                "line {l:?} at {m} 字"
            );
        }
    }
}

/// A break before spaces is judged by what follows them: spaces vanish at a line start,
/// so `文  。` must not bring 。 to the head of a line (found by the compose fuzz target).
#[test]
fn mark_after_spaces_does_not_start_a_line() {
    let text = "中文\t\t\t。中文中文中文";
    for m in 3..8 {
        for l in set(text, m as f32) {
            let first = l.trim_start_matches([' ', '\t']).chars().next();
            assert!(first != Some('。'), "line {l:?} at {m} 字");
        }
    }
}
