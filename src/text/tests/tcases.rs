//! The cjk-rules §5 strings whose correct result is exact, and the rules of the rest.

use super::*;

#[test]
fn t01_stop_pushed_in() {
    let lines = set_with(
        "市政府昨日宣布，今年新建学校十所。全市学生将就近入学。",
        16.0,
        &style(),
    );
    assert_eq!(lines[0].text, "市政府昨日宣布，今年新建学校十所。");
    assert!(
        (lines[0].natural_pt / EM - 16.5).abs() < 0.01,
        "natural {}",
        lines[0].natural_pt / EM
    );
    assert!(lines[1].is_final && (em(&lines[1]) - lines[1].natural_pt / EM).abs() < 1e-4);
}

#[test]
fn t02_push_out_when_push_in_impossible() {
    assert_eq!(
        set("今年全市共新建中小学十所。下半年还将开工五所。", 12.0),
        ["今年全市共新建中小学十", "所。下半年还将开工五所。"]
    );
}

#[test]
fn t03_adjacent_pairs_keep_one_and_a_half() {
    assert_eq!(
        set("他激动地说：“太好了。”随即转身离去。", 10.0)[0],
        "他激动地说：“太好"
    );
}

#[test]
fn t04_three_closing_marks_stay() {
    assert_eq!(
        set("他说：“必须坚持‘稳中求进’。”随后散会。", 13.0),
        ["他说：“必须坚持‘稳中求", "进’。”随后散会。"]
    );
}

#[test]
fn t05_opening_bracket_not_at_end() {
    let lines = set_with(
        "会议审议通过了关于修改《中华人民共和国预算法》的决定。",
        12.0,
        &style(),
    );
    let t: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        t,
        [
            "会议审议通过了关于修改",
            "《中华人民共和国预算法》的",
            "决定。"
        ]
    );
    // 《 at line start loses its leading half: drawn ½ em left of the line start.
    let g = &lines[1].glyphs[0];
    assert!((g.x_pt + g.dx_pt + 0.5 * EM).abs() < 0.01);
}

#[test]
fn t06_two_em_dash_unsplit() {
    // §5 gives L2 `——建设现代化强国。` (9.5 em at measure 9, overfull): the rule is
    // checked with a tail that fits.
    let text = "这就是我们的目标——建设强国。";
    assert_eq!(set(text, 9.0), ["这就是我们的目标", "——建设强国。"]);
    let strict = CompositionStyle {
        kinsoku: KinsokuLevel::Strict,
        ..style()
    };
    let s: Vec<String> = set_with(text, 9.0, &strict)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert_eq!(s, ["这就是我们的目", "标——建设强国。"]);
    assert_eq!(
        set("这就是我们的目标⸺建设强国。", 9.0),
        ["这就是我们的目标", "⸺建设强国。"]
    );
    for l in set("这就是我们的目标——建设现代化强国。", 9.0) {
        assert!(!l.starts_with("—") || l.starts_with("——"));
        assert!(!l.ends_with("—") || l.ends_with("——"));
    }
}

#[test]
fn t06_dash_is_one_glyph() {
    let lines = set_with("目标——建设", 20.0, &style());
    let g = &lines[0].glyphs;
    assert_eq!(g.len(), 5, "—— must be one 2-em glyph");
    assert!((g[3].x_pt - g[2].x_pt - 2.0 * EM).abs() < 0.01);
}

#[test]
fn t07_ellipsis_unsplit() {
    assert_eq!(
        set("全场一片寂静，他沉默了……最后点了点头。", 12.0),
        ["全场一片寂静，他沉默了", "……最后点了点头。"]
    );
    let strict = CompositionStyle {
        kinsoku: KinsokuLevel::Strict,
        ..style()
    };
    let s: Vec<String> = set_with("全场一片寂静，他沉默了……最后点了点头。", 12.0, &strict)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert_eq!(s, ["全场一片寂静，他沉默", "了……最后点了点头。"]);
}

#[test]
fn t08_break_after_closing_quote() {
    assert_eq!(
        set("他在接受采访时说：“等等……”随即离开。", 14.0),
        ["他在接受采访时说：“等等……”", "随即离开。"]
    );
    assert_eq!(
        set("他在接受采访时说：“等等……”随即离开。", 13.0),
        ["他在接受采访时说：“等等", "……”随即离开。"]
    );
}

#[test]
fn t11_connector_not_at_start() {
    assert_eq!(
        set("今天气温降至零下五度，风力3～4级，请注意防寒。", 14.0),
        ["今天气温降至零下五度，风力", "3～4级，请注意防寒。"]
    );
}

#[test]
fn t12_interpunct_not_at_start() {
    let t = set("英国作家阿加莎·克里斯蒂的小说再版发行。", 7.0);
    assert_eq!(t[0], "英国作家阿加");
    assert!(t[1].starts_with("莎·"));
}

#[test]
fn t13_single_dash_connector() {
    let t = set("京沪高铁北京—上海段设计时速三百五十千米。", 6.0);
    assert_eq!(t[0], "京沪高铁北");
    assert!(t[1].starts_with("京—上海"));
}

#[test]
fn t14_tiered_reduction_equal_in_tier() {
    let lines = set_with("会议（扩大）在京召开，会期三天。", 10.0, &style());
    assert_eq!(lines[0].text, "会议（扩大）在京召开，");
    // （ lost ¼ em on its left, ） ¼ em on its right: 扩 at 2.75 em, 在 at 5.5 em.
    let g = &lines[0].glyphs;
    assert!(
        (g[3].x_pt - 2.75 * EM).abs() < 0.01,
        "扩 at {}",
        g[3].x_pt / EM
    );
    assert!(
        (g[6].x_pt - 5.5 * EM).abs() < 0.01,
        "在 at {}",
        g[6].x_pt / EM
    );
}

#[test]
fn t15_opening_after_indent() {
    let st = CompositionStyle {
        indent_em: 2.0,
        ..style()
    };
    let text = "《新生》的出版之期接近了，朋友们都很期待这本杂志。";
    let (b, id) = book();
    let p = shape_paragraph(
        b,
        &[Run {
            text: text.into(),
            font: *id,
            size_pt: EM,
        }],
        &st,
    );
    let lines = p.break_lines(12.0 * EM);
    check_invariants(text, &lines, 12.0 * EM);
    let g = &lines[0].glyphs[0];
    assert!((g.x_pt - 2.0 * EM).abs() < 0.01);
    assert!(
        (g.x_pt + g.dx_pt - 1.5 * EM).abs() < 0.01,
        "《's blank must be trimmed"
    );
}

#[test]
fn t16_adjacent_brackets_two_em() {
    let lines = set_with(
        "本报讯《人民日报》、《光明日报》同时刊发评论。",
        12.0,
        &style(),
    );
    assert_eq!(lines[0].text, "本报讯《人民日报》、《光明");
    assert!((lines[0].natural_pt / EM - 12.0).abs() < 0.01);
    assert_eq!(lines[1].text, "日报》同时刊发评论。");
}

#[test]
fn t17_question_exclamation_unit() {
    let t = set("记者追问道：真是这样吗？！大家都笑了。", 11.0);
    // 5 + 1 + 5 + 1 (？！ = 1 em) = 12 em; push-in gives 11.5: push-out keeps 吗？！.
    assert!(
        t[0].ends_with("吗？！") || t[1].starts_with("吗？！"),
        "{t:?}"
    );
    for l in &t {
        assert!(!l.starts_with('？') && !l.starts_with('！'));
    }
    let lines = set_with("记者追问道：真是这样吗？！", 30.0, &style());
    assert!(
        (lines[0].natural_pt / EM - 12.0).abs() < 0.01,
        "？！ must be one em"
    );
}

#[test]
fn t21_no_orphan() {
    assert_eq!(
        set("经过三个月紧张施工，这座大桥终于建成通车了。", 10.0),
        ["经过三个月紧张施工，", "这座大桥终于建成通", "车了。"]
    );
}

#[test]
fn t23_dateline_push_out() {
    let t = set("本报北京3月5日电（记者张三）全国两会今天开幕。", 13.0);
    assert_eq!(t[0], "本报北京3月5日电（记者张");
    let none = CompositionStyle {
        cjk_latin: CjkLatinSpacing::None,
        ..style()
    };
    let lines = set_with(
        "本报北京3月5日电（记者张三）全国两会今天开幕。",
        13.0,
        &none,
    );
    assert!(!lines[1].text.starts_with('）'));
}

#[test]
fn t24_no_space_inside_brackets() {
    let lines = set_with("国内生产总值（GDP）增长5.2%，好于预期。", 30.0, &style());
    let g = &lines[0].glyphs;
    let text = &lines[0].text;
    let at = |s: &str| {
        g.iter()
            .find(|x| &text[x.chars.clone()] == s)
            .map(|x| x.x_pt)
            .unwrap_or(-1.0)
    };
    // （ is 1 em at 6 em; G starts right after it.
    assert!((at("G") - 7.0 * EM).abs() < 0.01, "G at {}", at("G") / EM);
    // ¼ em between 长 and 5.
    assert!((at("5") - at("长") - 1.25 * EM).abs() < 0.01);
}

#[test]
fn t34_nested_brackets() {
    let lines = set_with("（〔中〕医、〔中〕药、技）系列评审", 40.0, &style());
    // （½ (line start) 〔½ 中 〕 医 、½ 〔 中 〕 药 、 技 ） 系列评审 = 15.5 em: each
    // adjacent pair 1.5 em, the brackets hugging their content.
    let w = lines[0].natural_pt / EM;
    assert!((w - 15.5).abs() < 0.01, "natural {w}");
    // Split into two style runs at 〔: the same widths (typst#5474).
    let (b, id) = book();
    let runs = [
        Run {
            text: "（".into(),
            font: *id,
            size_pt: EM,
        },
        Run {
            text: "〔中〕医、〔中〕药、技）系列评审".into(),
            font: *id,
            size_pt: EM,
        },
    ];
    let p = shape_paragraph(b, &runs, &style());
    assert!((p.natural_line().width_pt / EM - 15.5).abs() < 0.01);
    let t = set("（〔中〕医、〔中〕药、技）系列评审", 12.0);
    assert!(!t[1].starts_with(['）', '、', '〕']));
}

#[test]
fn t02_hanging_option() {
    let st = CompositionStyle {
        hanging: true,
        ..style()
    };
    let lines = set_with("今年全市共新建中小学十所。下半年还将开工五所。", 12.0, &st);
    assert_eq!(lines[0].text, "今年全市共新建中小学十所。");
    assert!(
        (lines[0].width_pt - 12.0 * EM).abs() < 0.01,
        "the hanging 。 is not counted"
    );
    let last = lines[0].glyphs.last().expect("glyphs");
    assert!(last.x_pt >= 12.0 * EM - 0.01, "。 hangs past the measure");
    assert_eq!(lines[1].text, "下半年还将开工五所。");
    // Never hang —— nor a mark inside a run of marks.
    let t: Vec<String> = set_with("他说：“好。”大家都笑了起来了。", 6.0, &st)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(!t.iter().any(|l| l.starts_with(['”', '。'])));
}

#[test]
fn t09_t10_numbers_and_units_unbroken() {
    for m in [6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0] {
        for text in [
            "全年实现营业收入13.77亿元，同比增长12.3%。",
            "售价为￥3999元，比去年下降了5.2%。",
            "全年接待游客1,234,567人次，同比增长。",
            "会议定于9:30开始，气温达到38℃。",
        ] {
            for level in [KinsokuLevel::None, KinsokuLevel::Basic] {
                let st = CompositionStyle {
                    kinsoku: level,
                    ..style()
                };
                let lines = set_with(text, m, &st);
                for w in lines.windows(2) {
                    let (x, y) = (
                        w[0].text.chars().last().unwrap_or(' '),
                        w[1].text.chars().next().unwrap_or(' '),
                    );
                    let bad = (x.is_ascii_digit() || x == '.' || x == ',' || x == ':' || x == '￥')
                        && (y.is_ascii_digit()
                            || y == '.'
                            || y == ','
                            || y == '%'
                            || y == '℃'
                            || y == ':');
                    assert!(
                        !bad,
                        "split number at {m}: {:?}",
                        lines.iter().map(|l| &l.text).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

#[test]
fn t18_latin_word_and_spacing() {
    let lines = set_with("新一代ChatGPT模型正式发布。", 30.0, &style());
    let g = &lines[0].glyphs;
    let t = &lines[0].text;
    let at = |s: &str| {
        g.iter()
            .find(|x| &t[x.chars.clone()] == s)
            .map(|x| x.x_pt)
            .unwrap_or(-1.0)
    };
    assert!((at("C") - 3.25 * EM).abs() < 0.01, "¼ em before C");
    // ChatGPT is about 4.3 em wide: from 5 em on it must never split.
    for m in [5.0, 6.0, 7.0, 8.0, 9.0] {
        let lines = set_with("新一代ChatGPT模型正式发布。", m, &style());
        assert!(
            lines.iter().any(|l| l.text.contains("ChatGPT")),
            "ChatGPT split at {m}"
        );
        for l in &lines {
            if l.text.starts_with('C') {
                assert!(l.glyphs[0].x_pt.abs() < 0.01, "no ¼ em at line start");
            }
        }
    }
}

#[test]
fn t20_url_never_split() {
    for m in [14.0, 16.0] {
        let t = set("访问www.people.com.cn可以获取全文。", m);
        assert!(t.iter().any(|l| l.contains("www.people.com.cn")), "{t:?}");
    }
    // Wider than the measure: broken after a `.` (T20), never inside `people`.
    for m in [6.0, 7.0, 8.0, 9.0, 10.0] {
        let lines = set_with("访问www.people.com.cn可以获取全文。", m, &style());
        assert!(lines.iter().all(|l| !l.forced), "forced at {m}");
        let t: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(t.iter().any(|l| l.contains("people")), "{t:?}");
    }
    // A URL that fits is never broken.
    let t = set("详见www.people.com.cn，欢迎访问。", 14.0);
    assert!(t.iter().any(|l| l.contains("www.people.com.cn")), "{t:?}");
}

#[test]
fn t25_solidus() {
    for m in [8.0, 9.0, 10.0, 11.0, 12.0] {
        let gb = CompositionStyle {
            kinsoku: KinsokuLevel::Gb,
            ..style()
        };
        for l in set_with("京沪高铁设计时速350千米/小时。", m, &gb) {
            assert!(
                !l.text.starts_with('/') && (l.is_final || !l.text.ends_with('/')),
                "{}",
                l.text
            );
        }
    }
}

#[test]
fn t26_two_ellipses_not_split() {
    let t = set("他说：…………我们走。", 5.0);
    assert!(t
        .iter()
        .all(|l| !l.starts_with("……") || l.starts_with("……")));
    let joined_pairs = t.iter().all(|l| l.matches('…').count() % 2 == 0);
    assert!(joined_pairs, "{t:?}");
}

#[test]
fn natural_line_compresses_without_breaking() {
    let (b, id) = book();
    let p = shape_paragraph(
        b,
        &[Run {
            text: "“新思想”引领新征程".into(),
            font: *id,
            size_pt: 20.0,
        }],
        &style(),
    );
    let l = p.natural_line();
    assert_eq!(l.text, "“新思想”引领新征程");
    // “ trimmed at the start: 0.5 + 3 + 1 + 5 em.
    assert!(
        (l.width_pt / 20.0 - 9.5).abs() < 0.01,
        "{}",
        l.width_pt / 20.0
    );
}

#[test]
fn missing_chars_reported() {
    let (b, id) = book();
    let p = shape_paragraph(
        b,
        &[Run {
            text: "中\u{10FFFD}文".into(),
            font: *id,
            size_pt: EM,
        }],
        &style(),
    );
    assert_eq!(p.missing_chars(), vec![(3, '\u{10FFFD}')]);
}

#[test]
fn greedy_leaves_orphan_optimal_does_not() {
    let text = "经过三个月紧张施工，这座大桥终于建成通车了。";
    let g = CompositionStyle {
        method: BreakMethod::Greedy,
        ..style()
    };
    let t: Vec<String> = set_with(text, 10.0, &g)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert_eq!(t.last().map(String::as_str), Some("了。"));
    assert_eq!(set(text, 10.0).last().map(String::as_str), Some("车了。"));
}

#[test]
fn ragged_lines_are_flush_start() {
    let st = CompositionStyle {
        justify: false,
        ..style()
    };
    let lines = set_with_ragged("经过三个月紧张施工，这座大桥终于建成通车了。", 10.0, &st);
    assert!(lines.iter().all(|l| l.width_pt <= 10.0 * EM + 0.01));
    assert!((lines[0].width_pt - lines[0].natural_pt).abs() < 0.01);
}

fn set_with_ragged(text: &str, measure: f32, st: &CompositionStyle) -> Vec<Line> {
    let (b, id) = book();
    let p = shape_paragraph(
        b,
        &[Run {
            text: text.to_owned(),
            font: *id,
            size_pt: EM,
        }],
        st,
    );
    p.break_lines(measure * EM)
}

#[test]
fn random_text_keeps_invariants() {
    // Deterministic pseudo-random mixes of Han, Latin, digits, spaces and marks.
    let pool: Vec<char> = "中国人民日报新闻记者经济发展会议今天开幕abcXYZ0123 ，。、：；？！“”‘’（）《》——……·～／%￥.-".chars().collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for case in 0..300 {
        let len = 5 + (case % 90);
        let mut s = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(pool[(seed % pool.len() as u64) as usize]);
        }
        for m in [3.0, 7.0, 13.0] {
            let lines = set_with(&s, m, &style());
            for w in lines.windows(2) {
                if !w[0].forced {
                    let first = w[1].text.chars().next().unwrap_or('中');
                    assert!(
                        !"，。、：；？！”’）》·～%".contains(first),
                        "`{first}` starts a line in {s:?} at {m}"
                    );
                    let last = w[0]
                        .text
                        .trim_end_matches(' ')
                        .chars()
                        .last()
                        .unwrap_or('中');
                    assert!(
                        !"“‘（《￥".contains(last),
                        "`{last}` ends a line in {s:?} at {m}"
                    );
                }
            }
        }
    }
}
