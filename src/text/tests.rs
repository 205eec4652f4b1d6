//! T01–T34 of cjk-rules §5, set in Noto Serif CJK SC 9 pt without indent (the §5
//! harness: quanjiao, basic, push-in first, ¼-em flexible CJK–Latin space).

use super::*;
use std::path::Path;
use std::sync::OnceLock;

const EM: f32 = 9.0;

fn book() -> &'static (FontBook, FontId) {
    static BOOK: OnceLock<(FontBook, FontId)> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut b = FontBook::new();
        let p = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoSerifCJKsc-Regular.otf");
        let id = b.load(Path::new(p), 0).expect("body font");
        (b, id)
    })
}

fn style() -> CompositionStyle {
    CompositionStyle { indent_em: 0.0, ..CompositionStyle::default() }
}

fn set_with(text: &str, measure: f32, st: &CompositionStyle) -> Vec<Line> {
    let (b, id) = book();
    let run = Run { text: text.to_owned(), font: *id, size_pt: EM };
    let p = shape_paragraph(b, &[run], st);
    let lines = p.break_lines(measure * EM);
    check_invariants(text, &lines, measure * EM);
    lines
}

fn set(text: &str, measure: f32) -> Vec<String> {
    set_with(text, measure, &style()).into_iter().map(|l| l.text).collect()
}

/// Invariants every composition must keep (issue 2 "hard requirements").
fn check_invariants(text: &str, lines: &[Line], measure: f32) {
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined, text, "lines must join to the paragraph");
    for (k, l) in lines.iter().enumerate() {
        assert_eq!(l.is_final, k + 1 == lines.len());
        if !l.is_final && !l.forced {
            assert!((l.width_pt - measure).abs() < 0.05, "line {k} `{}` is {} pt, not {measure}", l.text, l.width_pt);
        }
        if l.is_final {
            assert!(l.width_pt <= measure + 0.05, "final line `{}` overfull", l.text);
        }
        if !l.forced {
            assert!(l.width_pt <= measure + 0.05);
        }
    }
}

fn em(l: &Line) -> f32 {
    l.width_pt / EM
}

#[test]
fn t01_stop_pushed_in() {
    let lines = set_with("市政府昨日宣布，今年新建学校十所。全市学生将就近入学。", 16.0, &style());
    assert_eq!(lines[0].text, "市政府昨日宣布，今年新建学校十所。");
    assert!((lines[0].natural_pt / EM - 16.5).abs() < 0.01, "natural {}", lines[0].natural_pt / EM);
    assert!(lines[1].is_final && (em(&lines[1]) - lines[1].natural_pt / EM).abs() < 1e-4);
}

#[test]
fn t02_push_out_when_push_in_impossible() {
    assert_eq!(set("今年全市共新建中小学十所。下半年还将开工五所。", 12.0), ["今年全市共新建中小学十", "所。下半年还将开工五所。"]);
}

#[test]
fn t03_adjacent_pairs_keep_one_and_a_half() {
    assert_eq!(set("他激动地说：“太好了。”随即转身离去。", 10.0)[0], "他激动地说：“太好");
}

#[test]
fn t04_three_closing_marks_stay() {
    assert_eq!(set("他说：“必须坚持‘稳中求进’。”随后散会。", 13.0), ["他说：“必须坚持‘稳中求", "进’。”随后散会。"]);
}

#[test]
fn t05_opening_bracket_not_at_end() {
    let lines = set_with("会议审议通过了关于修改《中华人民共和国预算法》的决定。", 12.0, &style());
    let t: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(t, ["会议审议通过了关于修改", "《中华人民共和国预算法》的", "决定。"]);
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
    let strict = CompositionStyle { kinsoku: KinsokuLevel::Strict, ..style() };
    let s: Vec<String> = set_with(text, 9.0, &strict).into_iter().map(|l| l.text).collect();
    assert_eq!(s, ["这就是我们的目", "标——建设强国。"]);
    assert_eq!(set("这就是我们的目标⸺建设强国。", 9.0), ["这就是我们的目标", "⸺建设强国。"]);
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
    assert_eq!(set("全场一片寂静，他沉默了……最后点了点头。", 12.0), ["全场一片寂静，他沉默了", "……最后点了点头。"]);
    let strict = CompositionStyle { kinsoku: KinsokuLevel::Strict, ..style() };
    let s: Vec<String> = set_with("全场一片寂静，他沉默了……最后点了点头。", 12.0, &strict).into_iter().map(|l| l.text).collect();
    assert_eq!(s, ["全场一片寂静，他沉默", "了……最后点了点头。"]);
}

#[test]
fn t08_break_after_closing_quote() {
    assert_eq!(set("他在接受采访时说：“等等……”随即离开。", 14.0), ["他在接受采访时说：“等等……”", "随即离开。"]);
    assert_eq!(set("他在接受采访时说：“等等……”随即离开。", 13.0), ["他在接受采访时说：“等等", "……”随即离开。"]);
}

#[test]
fn t11_connector_not_at_start() {
    assert_eq!(set("今天气温降至零下五度，风力3～4级，请注意防寒。", 14.0), ["今天气温降至零下五度，风力", "3～4级，请注意防寒。"]);
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
    assert!((g[3].x_pt - 2.75 * EM).abs() < 0.01, "扩 at {}", g[3].x_pt / EM);
    assert!((g[6].x_pt - 5.5 * EM).abs() < 0.01, "在 at {}", g[6].x_pt / EM);
}

#[test]
fn t15_opening_after_indent() {
    let st = CompositionStyle { indent_em: 2.0, ..style() };
    let text = "《新生》的出版之期接近了，朋友们都很期待这本杂志。";
    let (b, id) = book();
    let p = shape_paragraph(b, &[Run { text: text.into(), font: *id, size_pt: EM }], &st);
    let lines = p.break_lines(12.0 * EM);
    check_invariants(text, &lines, 12.0 * EM);
    let g = &lines[0].glyphs[0];
    assert!((g.x_pt - 2.0 * EM).abs() < 0.01);
    assert!((g.x_pt + g.dx_pt - 1.5 * EM).abs() < 0.01, "《's blank must be trimmed");
}

#[test]
fn t16_adjacent_brackets_two_em() {
    let lines = set_with("本报讯《人民日报》、《光明日报》同时刊发评论。", 12.0, &style());
    assert_eq!(lines[0].text, "本报讯《人民日报》、《光明");
    assert!((lines[0].natural_pt / EM - 12.0).abs() < 0.01);
    assert_eq!(lines[1].text, "日报》同时刊发评论。");
}

#[test]
fn t17_question_exclamation_unit() {
    let t = set("记者追问道：真是这样吗？！大家都笑了。", 11.0);
    // 5 + 1 + 5 + 1 (？！ = 1 em) = 12 em; push-in gives 11.5: push-out keeps 吗？！.
    assert!(t[0].ends_with("吗？！") || t[1].starts_with("吗？！"), "{t:?}");
    for l in &t {
        assert!(!l.starts_with('？') && !l.starts_with('！'));
    }
    let lines = set_with("记者追问道：真是这样吗？！", 30.0, &style());
    assert!((lines[0].natural_pt / EM - 12.0).abs() < 0.01, "？！ must be one em");
}

#[test]
fn t21_no_orphan() {
    assert_eq!(set("经过三个月紧张施工，这座大桥终于建成通车了。", 10.0), ["经过三个月紧张施工，", "这座大桥终于建成通", "车了。"]);
}

#[test]
fn t23_dateline_push_out() {
    let t = set("本报北京3月5日电（记者张三）全国两会今天开幕。", 13.0);
    assert_eq!(t[0], "本报北京3月5日电（记者张");
    let none = CompositionStyle { cjk_latin: CjkLatinSpacing::None, ..style() };
    let lines = set_with("本报北京3月5日电（记者张三）全国两会今天开幕。", 13.0, &none);
    assert!(!lines[1].text.starts_with('）'));
}

#[test]
fn t24_no_space_inside_brackets() {
    let lines = set_with("国内生产总值（GDP）增长5.2%，好于预期。", 30.0, &style());
    let g = &lines[0].glyphs;
    let text = &lines[0].text;
    let at = |s: &str| g.iter().find(|x| &text[x.chars.clone()] == s).map(|x| x.x_pt).unwrap_or(-1.0);
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
        Run { text: "（".into(), font: *id, size_pt: EM },
        Run { text: "〔中〕医、〔中〕药、技）系列评审".into(), font: *id, size_pt: EM },
    ];
    let p = shape_paragraph(b, &runs, &style());
    assert!((p.natural_line().width_pt / EM - 15.5).abs() < 0.01);
    let t = set("（〔中〕医、〔中〕药、技）系列评审", 12.0);
    assert!(!t[1].starts_with(['）', '、', '〕']));
}

