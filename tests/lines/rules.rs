//! One named test per rule: the golden file of that rule (expected lines from the
//! "Correct result" column of cjk-rules §5) plus rule sweeps over many measures where
//! the exact lines depend on digit and Latin widths (cjk-rules §5: "assert the rule").

use super::checker::{check_paragraph, CheckLine, CheckOpts, Violation};
use super::common::compose;
use super::golden::run_file;
use paiban::text::{CjkLatinSpacing, CompositionStyle, KinsokuLevel, Line, PunctStyle};

/// The §5 harness style: quanjiao, basic, no indent.
fn harness() -> CompositionStyle {
    CompositionStyle {
        indent_em: 0.0,
        ..CompositionStyle::default()
    }
}

/// Composes `text` at every measure in `measures` and returns all checker findings,
/// each prefixed with the measure.
fn sweep(
    text: &str,
    style: &CompositionStyle,
    measures: std::ops::RangeInclusive<u32>,
) -> Vec<String> {
    let mut out = Vec::new();
    for m in measures {
        let lines = compose(text, style, m as f32);
        let opts = CheckOpts {
            kinsoku: style.kinsoku,
            measure_pt: m as f32 * style.em_pt,
            justify: true,
        };
        let checked: Vec<CheckLine> = lines.iter().map(CheckLine::from).collect();
        for v in check_paragraph(text, &checked, &opts) {
            out.push(describe(text, m, &lines, &v));
        }
    }
    out
}

fn describe(text: &str, m: u32, lines: &[Line], v: &Violation) -> String {
    let shown: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    format!(
        "`{text}` @{m}字: line {}: {}: {}\n    lines: {}",
        v.line + 1,
        v.rule,
        v.detail,
        shown.join(" | ")
    )
}

/// Sweeps every text and fails with all findings.
fn assert_sweeps(cases: &[(&str, CompositionStyle)], measures: std::ops::RangeInclusive<u32>) {
    let found: Vec<String> = cases
        .iter()
        .flat_map(|(t, s)| sweep(t, s, measures.clone()))
        .collect();
    assert!(
        found.is_empty(),
        "{} rule violations:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Offsets between consecutive glyphs of `piece` where it appears whole on `line`.
fn inner_offsets(line: &Line, piece: &str) -> Option<Vec<f32>> {
    let at = line.text.find(piece)?;
    let xs: Vec<f32> = line
        .glyphs
        .iter()
        .filter(|g| g.chars.start >= at && g.chars.start < at + piece.len())
        .map(|g| g.x_pt + g.dx_pt)
        .collect();
    Some(xs.windows(2).map(|w| w[1] - w[0]).collect())
}

/// Justification never spreads the inside of an unbreakable (cjk-rules §1.b, §1.i): on
/// every justified line holding `piece` whole, its glyphs sit as on a natural line.
fn assert_solid(
    text: &str,
    piece: &str,
    style: &CompositionStyle,
    measures: std::ops::RangeInclusive<u32>,
) {
    let natural = compose(text, style, 80.0);
    let want =
        inner_offsets(&natural[0], piece).unwrap_or_else(|| panic!("`{piece}` not in `{text}`"));
    let mut seen = 0;
    for m in measures {
        for line in compose(text, style, m as f32)
            .iter()
            .filter(|l| !l.is_final)
        {
            if let Some(got) = inner_offsets(line, piece) {
                seen += 1;
                let spread = got.iter().zip(&want).any(|(a, b)| (a - b).abs() > 0.05);
                assert!(
                    !spread,
                    "@{m}字 `{}`: `{piece}` spread: offsets {got:?}, natural {want:?}",
                    line.text
                );
            }
        }
    }
    assert!(
        seen > 0,
        "`{piece}` never appeared whole on a justified line of `{text}`"
    );
}

fn with_kinsoku(level: KinsokuLevel) -> CompositionStyle {
    CompositionStyle {
        kinsoku: level,
        ..harness()
    }
}

#[test]
fn kinsoku_start() {
    let h = harness();
    assert_sweeps(
        &[
            ("记者追问道：真是这样吗？！大家都笑了。", h.clone()), // T17
            ("他激动地说：“太好了。”随即转身离去。", h.clone()),
            ("他说：“必须坚持‘稳中求进’。”随后散会。", h.clone()),
            ("参会人员：张　三、李　四、王小五", h.clone()),
        ],
        4..=20,
    );
    run_file("kinsoku_start");
}

#[test]
fn kinsoku_end() {
    let h = harness();
    assert_sweeps(
        &[
            (
                "会议审议通过了关于修改《中华人民共和国预算法》的决定。",
                h.clone(),
            ),
            (
                "“江南海北长相忆，浅水深山独掩扉。”（［唐］刘长卿《会赦后酬主簿所问》）",
                h.clone(),
            ),
            (
                "参看1378页〖象形文字〗。（《现代汉语词典》修订本）",
                h.clone(),
            ),
        ],
        4..=20,
    );
    run_file("kinsoku_end");
}

#[test]
fn push_in_first() {
    // T01: pushed in by compression alone — L1 is shrunk to the measure, never stretched
    // (its natural width, before the tier-5 shrink of ，, is at least the measure).
    let lines = compose(
        "市政府昨日宣布，今年新建学校十所。全市学生将就近入学。",
        &harness(),
        16.0,
    );
    let l1 = &lines[0];
    assert!(
        l1.natural_pt >= 16.0 * 9.0 - 0.05,
        "T01 L1 `{}` should be compressed to 16 em, not expanded: natural {:.2} pt",
        l1.text,
        l1.natural_pt
    );
    run_file("push_in_first");
}

#[test]
fn push_out() {
    run_file("push_out");
}

#[test]
fn adjacent_marks() {
    // T34 on one line: （〔 and 、〔 are 1.5 em each, the line-start （ loses ½:
    // 17 marks and Han − ½ − ½ − ½ = 15.5 em.
    let lines = compose("（〔中〕医、〔中〕药、技）系列评审", &harness(), 20.0);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let want = 15.5 * 9.0;
    assert!(
        (lines[0].width_pt - want).abs() <= 0.05,
        "T34 natural width {:.2} pt, want {want} pt",
        lines[0].width_pt
    );
    let h = harness();
    assert_sweeps(
        &[
            ("（〔中〕医、〔中〕药、技）系列评审", h.clone()),
            ("〔（2009）民申字第1622号〕", h.clone()),
            ("【爱因斯坦（Albert Einstein）】物理学家", h.clone()),
            ("原来，你也玩《原神》！？", h.clone()),
            ("《书名〈章节〉》", h.clone()),
        ],
        6..=14, // below 6 字 `Einstein` cannot fit a line
    );
    run_file("adjacent_marks");
}

#[test]
fn dash_unbreakable() {
    let (h, s) = (harness(), with_kinsoku(KinsokuLevel::Strict));
    let texts = [
        "这就是我们的目标——建设现代化强国。",
        "娜拉走后怎样？——别人可是也发表过意见的。",
    ];
    let cases: Vec<_> = texts
        .iter()
        .flat_map(|t| [(*t, h.clone()), (*t, s.clone())])
        .collect();
    assert_sweeps(&cases, 4..=20);
    assert_solid(texts[0], "——", &h, 5..=20);
    run_file("dash_unbreakable");
}

#[test]
fn ellipsis_unbreakable() {
    let (h, s) = (harness(), with_kinsoku(KinsokuLevel::Strict));
    let texts = [
        "全场一片寂静，他沉默了……最后点了点头。",
        "他在接受采访时说：“等等……”随即离开。",
    ];
    let cases: Vec<_> = texts
        .iter()
        .flat_map(|t| [(*t, h.clone()), (*t, s.clone())])
        .collect();
    assert_sweeps(&cases, 4..=20);
    assert_solid(texts[0], "……", &h, 5..=20);
    run_file("ellipsis_unbreakable");
}

#[test]
fn numbers() {
    let h = harness();
    let texts = [
        "全年实现营业收入13.77亿元，同比增长12.3%。",     // T09
        "售价为￥3999元，比去年下降了5.2%。",             // T10
        "全年接待游客1,234,567人次，同比增长。",          // T19
        "本报北京3月5日电（记者张三）全国两会今天开幕。", // T23
        "每年的消费量约4,000吨，每年的消费量",
        "会议于上午9:30开始，气温达到38℃，湿度为3‰。",
        "“十四五”前四年我国能耗强度累计降低11.6%；2025年黄河调水调沙今天启动。",
    ];
    let cases: Vec<_> = texts.iter().map(|t| (*t, h.clone())).collect();
    assert_sweeps(&cases, 6..=24); // at 5 字 `增长12.3%。` (50.8 pt) cannot fit a line
    let none = CompositionStyle {
        cjk_latin: CjkLatinSpacing::None,
        ..h.clone()
    };
    assert_sweeps(&[(texts[3], none)], 6..=24);
    assert_solid(texts[0], "13.77", &h, 6..=24);
    assert_solid(texts[6], "11.6%", &h, 6..=24);
    assert_solid(texts[5], "9:30", &h, 6..=24);
    assert_solid(texts[2], "1,234,567", &h, 6..=24);
    assert_solid(texts[1], "￥3999", &h, 6..=24);
    // T09: a number starting a line has no leading CJK–digit space.
    for m in 5..=24 {
        for line in compose(texts[0], &h, m as f32).iter().skip(1) {
            if line.text.starts_with("13.77") || line.text.starts_with("12.3") {
                let x = line.glyphs.first().map_or(0.0, |g| g.x_pt + g.dx_pt);
                assert!(
                    x.abs() <= 0.05,
                    "@{m}字 line `{}` starts at {x:.2} pt, want 0",
                    line.text
                );
            }
        }
    }
    run_file("numbers");
}

#[test]
fn latin_words() {
    let h = harness();
    let texts = [
        "新一代ChatGPT模型正式发布。",         // T18
        "访问www.people.com.cn可以获取全文。", // T20
        "支持5G和Wi-Fi 6E标准的设备今年上市。",
        "【爱因斯坦（Albert Einstein）】物理学家",
    ];
    assert_solid(texts[0], "ChatGPT", &h, 6..=24);
    assert_solid(texts[2], "Wi-Fi", &h, 6..=24);
    // `International` is wider than 6 字.
    assert_sweeps(
        &[(
            "据Reuters报道，International Monetary Fund下调了增长预期。",
            h.clone(),
        )],
        8..=24,
    );
    let cases: Vec<_> = texts.iter().map(|t| (*t, h.clone())).collect();
    assert_sweeps(&cases, 6..=24);
    // T20 at 10 字: the URL breaks after a `.` (cjk-rules §5 T20: `访问www.people.com.` |
    // `cn可以获取全文。`), so line 1 holds more than 访问 stretched over 10 em.
    let lines = compose(texts[1], &h, 10.0);
    assert!(
        lines[0].text.starts_with("访问www."),
        "T20 @10字: the URL should start on line 1 and break after a `.`; got {:?}",
        lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>()
    );
}

/// Natural width of `text` set on one final line at 40 字.
fn one_line_width(text: &str, style: &CompositionStyle) -> f32 {
    let lines = compose(text, style, 40.0);
    assert_eq!(
        lines.len(),
        1,
        "`{text}` should fit one 40-字 line: {lines:?}"
    );
    lines[0].width_pt
}

#[test]
fn cjk_latin_spacing() {
    // Widths with the default ¼ em spacing minus widths with spacing off: exactly ¼ em per
    // Han–Latin boundary that is not beside a CJK mark (plain: marks stay 1 em).
    let plain = CompositionStyle {
        punct: PunctStyle::Plain,
        ..harness()
    };
    let none = CompositionStyle {
        cjk_latin: CjkLatinSpacing::None,
        ..plain.clone()
    };
    let fixed = CompositionStyle {
        cjk_latin: CjkLatinSpacing::Fixed(0.5),
        ..plain.clone()
    };
    let em = plain.em_pt;
    for (text, boundaries, what) in [
        (
            "国内生产总值（GDP）增长5.2%，好于预期。",
            1.0,
            "T24: only 长|5; none beside （ ） ，",
        ),
        ("新一代ChatGPT模型正式发布", 2.0, "T18: 代|C and T|模"),
        ("会议（扩大）在京召开", 0.0, "no Latin"),
    ] {
        let base = one_line_width(text, &none);
        let w = one_line_width(text, &plain);
        assert!(
            (w - base - boundaries * 0.25 * em).abs() <= 0.05,
            "{what}: {w:.2} pt vs {base:.2} pt without spacing"
        );
        let w = one_line_width(text, &fixed);
        assert!(
            (w - base - boundaries * 0.5 * em).abs() <= 0.05,
            "{what}, fixed ½ em: {w:.2} pt vs {base:.2} pt"
        );
    }
    // Spacing off: the font's advances only (all-CJK text: whole ems).
    let w = one_line_width("会议（扩大）在京召开", &none);
    assert!(
        (w - 10.0 * em).abs() <= 0.05,
        "plain, no spacing: {w:.2} pt, want 90"
    );
    // No space at line start: wherever ChatGPT starts a line, its glyph sits at 0.
    for m in 3..=12 {
        for line in compose("新一代ChatGPT模型正式发布。", &harness(), m as f32)
            .iter()
            .skip(1)
        {
            if line.text.starts_with("ChatGPT") {
                let x = line.glyphs.first().map_or(0.0, |g| g.x_pt + g.dx_pt);
                assert!(
                    x.abs() <= 0.05,
                    "@{m}字 `{}` starts at {x:.2} pt, want 0",
                    line.text
                );
            }
        }
    }
}

#[test]
fn orphan_han() {
    run_file("orphan_han");
}

#[test]
fn interpunct() {
    let h = harness();
    let texts = [
        "英国作家阿加莎·克里斯蒂的小说再版发行。",
        "诺贝尔奖得主马丁·路德·金的演讲被反复引用。",
    ];
    let cases: Vec<_> = texts.iter().map(|t| (*t, h.clone())).collect();
    assert_sweeps(&cases, 4..=20);
    run_file("interpunct");
}

#[test]
fn connector() {
    let h = harness();
    let texts = [
        "京沪高铁北京—上海段设计时速三百五十千米。",
        "今天气温降至零下五度，风力3～4级，请注意防寒。", // T11
        "2019–2023年间，该项目累计投资三百亿元。",
    ];
    let cases: Vec<_> = texts.iter().map(|t| (*t, h.clone())).collect();
    assert_sweeps(&cases, 4..=20);
    // The ASCII hyphen as connector (狮山-周福, article 01 ¶2; CLREQ 连接号 table lists
    // U+002D) may not start a line; at 13 字 with the 2-em indent the hazard is real.
    let body = CompositionStyle::default();
    assert_sweeps(&[("张延能一行先后来到狮山-周福、龙湖-大碑头工程包项目和西山片区铁路西南侧生态修复项目现场。", body)], 8..=20);
    run_file("connector");
}

#[test]
fn kinsoku_levels() {
    let t25 = "京沪高铁设计时速350千米/小时。"; // T25
    let cases: Vec<_> = [KinsokuLevel::Basic, KinsokuLevel::Gb, KinsokuLevel::Strict]
        .into_iter()
        .flat_map(|k| {
            [
                t25,
                "这就是我们的目标——建设现代化强国。",
                "全场一片寂静，他沉默了……最后点了点头。",
            ]
            .map(|t| (t, with_kinsoku(k)))
        })
        .collect();
    assert_sweeps(&cases, 4..=20);
    run_file("kinsoku_levels");
}

#[test]
fn punct_styles() {
    // Plain: every mark keeps its full em, so the one-line width is the font's advances.
    let plain = CompositionStyle {
        punct: PunctStyle::Plain,
        ..harness()
    };
    let t = "会议（扩大）在京召开，会期三天。";
    let want = 16.0 * 9.0;
    let w = one_line_width(t, &plain);
    assert!(
        (w - want).abs() <= 0.05,
        "plain width {w:.2} pt, want {want:.2}"
    );
    // Banjiao: every mark is ½ em: 12 Han + 4 marks × ½ em = 14 em.
    let ban = CompositionStyle {
        punct: PunctStyle::Banjiao,
        ..harness()
    };
    let w = one_line_width(t, &ban);
    let want = 12.0 * 9.0 + 4.0 * 4.5;
    assert!(
        (w - want).abs() <= 0.05,
        "banjiao width {w:.2} pt, want {want:.2} (12 Han + 4 marks × ½ em)"
    );
    run_file("punct_styles");
}

#[test]
fn hanging() {
    // The hanging mark is not counted: the line is exactly the measure.
    let style = CompositionStyle {
        hanging: true,
        ..harness()
    };
    let lines = compose(
        "今年全市共新建中小学十所。下半年还将开工五所。",
        &style,
        12.0,
    );
    assert!(
        (lines[0].width_pt - 108.0).abs() <= 0.05,
        "hanging line width {:.2}, want 108",
        lines[0].width_pt
    );
    // Never hang —— (typst#6735) nor a run of marks.
    let cases = [
        ("娜拉走后怎样？——别人可是也发表过意见的。", style.clone()),
        ("他激动地说：“太好了。”随即转身离去。", style.clone()),
    ];
    assert_sweeps(&cases, 5..=16);
    run_file("hanging");
}

#[test]
fn indent_bracket() {
    // T15: the 《 at the start of an indented first line is trimmed: its ink (the right
    // half of the em box) starts exactly at 2 em, so the glyph's box starts at 1.5 em.
    let style = CompositionStyle {
        indent_em: 2.0,
        ..CompositionStyle::default()
    };
    let t15 = "《新生》的出版之期接近了，朋友们都很期待这本杂志。";
    let lines = compose(t15, &style, 12.0);
    let g = &lines[0].glyphs[0];
    let x = g.x_pt + g.dx_pt;
    assert!(
        (x - 1.5 * 9.0).abs() <= 0.05,
        "《 drawn at {x:.2} pt, want 13.5 (ink at 2 em)"
    );
    for line in &lines[1..] {
        let x = line.glyphs[0].x_pt + line.glyphs[0].dx_pt;
        assert!(
            x.abs() <= 0.05,
            "continuation line `{}` starts at {x:.2} pt",
            line.text
        );
    }
    // A plain Han first line starts at the indent.
    let lines = compose("经过三个月紧张施工，这座大桥终于建成通车了。", &style, 12.0);
    let x = lines[0].glyphs[0].x_pt + lines[0].glyphs[0].dx_pt;
    assert!(
        (x - 18.0).abs() <= 0.05,
        "first glyph at {x:.2} pt, want 18 (2 em)"
    );
    assert_sweeps(&[(t15, style)], 6..=20);
}

#[test]
fn seed_paragraphs() {
    run_file("seed");
}

#[test]
fn rebreak_without_reshaping() {
    // Shape once, break at several measures, come back: the same lines (issue 2).
    let text = super::common::articles()[6].1[1].clone();
    let shaped = super::common::shape(&text, &CompositionStyle::default());
    let first = shaped.break_lines(117.0);
    for m in [99.0, 153.0, 216.0] {
        let _ = shaped.break_lines(m);
    }
    assert_eq!(shaped.break_lines(117.0), first);
}

#[test]
fn checker_catches_violations() {
    // The checker itself must be able to fail (COMMON.md: a test that cannot fail is a defect).
    let opts = CheckOpts {
        kinsoku: KinsokuLevel::Basic,
        measure_pt: 45.0,
        justify: true,
    };
    let mk = |texts: &[&str]| -> Vec<CheckLine> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| CheckLine {
                text: t.to_string(),
                width_pt: 45.0,
                is_final: i + 1 == texts.len(),
                forced: false,
            })
            .collect()
    };
    let rules = |src: &str, texts: &[&str], o: &CheckOpts| -> Vec<&'static str> {
        check_paragraph(src, &mk(texts), o)
            .into_iter()
            .map(|v| v.rule)
            .collect()
    };
    assert_eq!(rules("好了。他走", &["好了", "。他走"], &opts), ["start"]);
    assert_eq!(rules("说“好的”吧", &["说“", "好的”吧"], &opts), ["end"]);
    assert_eq!(
        rules("目标——建设", &["目标—", "—建设"], &opts),
        ["start", "dash"]
    );
    assert_eq!(
        rules("目标——建设", &["目标", "——建设"], &opts),
        Vec::<&str>::new()
    );
    let strict = CheckOpts {
        kinsoku: KinsokuLevel::Strict,
        ..opts
    };
    assert_eq!(rules("目标——建设", &["目标", "——建设"], &strict), ["start"]);
    assert_eq!(
        rules("沉默了……最后", &["沉默了…", "…最后"], &opts),
        ["ellipsis"]
    );
    assert_eq!(
        rules("收入13.77亿元", &["收入13", ".77亿元"], &opts),
        ["start", "number"]
    );
    assert_eq!(
        rules("收入13.77亿元", &["收入13.", "77亿元"], &opts),
        ["number"]
    );
    assert_eq!(
        rules("增长12.3%了吧", &["增长12.3", "%了吧"], &opts),
        ["start", "number"]
    );
    assert_eq!(
        rules("售价￥3999元整", &["售价￥", "3999元整"], &opts),
        ["end", "prefix"]
    );
    assert_eq!(
        rules("新ChatGPT模型", &["新Chat", "GPT模型"], &opts),
        ["latin"]
    );
    assert_eq!(
        rules(
            "访问www.people.com.cn可以",
            &["访问www.peo", "ple.com.cn可以"],
            &opts
        ),
        ["url"]
    );
    assert_eq!(
        rules(
            "访问www.people.com.cn可以",
            &["访问www.people.", "com.cn可以"],
            &opts
        ),
        Vec::<&str>::new()
    );
    assert_eq!(rules("阿加莎·克里", &["阿加莎", "·克里"], &opts), ["start"]);
    assert_eq!(rules("北京—上海", &["北京", "—上海"], &opts), ["start"]);
    assert_eq!(rules("狮山-周福", &["狮山", "-周福"], &opts), ["start"]);
    assert_eq!(
        rules("降至-5℃了吧", &["降至", "-5℃了吧"], &opts),
        Vec::<&str>::new()
    );
    assert_eq!(rules("张　三李", &["张", "　三李"], &opts), ["start"]);
    assert_eq!(
        rules("建成通车了。", &["建成通车", "了。"], &opts),
        ["orphan"]
    );
    assert_eq!(
        rules("建成通车了。", &["建成通", "车了"], &opts),
        ["joined"]
    );
    let gb = CheckOpts {
        kinsoku: KinsokuLevel::Gb,
        ..opts
    };
    assert_eq!(
        rules("千米/小时", &["千米/", "小时"], &opts),
        Vec::<&str>::new()
    );
    assert_eq!(rules("千米/小时", &["千米/", "小时"], &gb), ["end"]);
    let none = CheckOpts {
        kinsoku: KinsokuLevel::None,
        ..opts
    };
    assert_eq!(
        rules("好了。他走", &["好了", "。他走"], &none),
        Vec::<&str>::new()
    );
    let mut short = mk(&["好了他", "走了"]);
    short[0].width_pt = 40.0;
    let found: Vec<_> = check_paragraph("好了他走了", &short, &opts)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(found, ["justify"]);
}
