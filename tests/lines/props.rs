//! Property tests over random Chinese/Latin/digit/punctuation text (issue 2; style.md
//! §5): nothing lost or duplicated, no line over the measure and no prohibited line
//! start or end unless the line is reported as forced, and the same lines on a re-break.

use super::checker::{check_paragraph, CheckLine, CheckOpts};
use super::common::shape;
use paiban::text::{BreakMethod, CompositionStyle, KinsokuLevel, PunctStyle};
use proptest::prelude::*;

const HAN: &[&str] = &[
    "中", "国", "人", "民", "日", "报", "经", "济", "发", "展", "新", "闻", "市", "场", "的", "了",
];
const PUNCT: &[&str] = &[
    "，", "。", "、", "：", "；", "？", "！", "“", "”", "‘", "’", "（", "）", "《", "》", "【",
    "】", "——", "……", "·", "～", "—", "／",
];
const LATIN: &[&str] = &[
    "GDP",
    "ChatGPT",
    "Wi-Fi",
    "www.people.com.cn",
    "km",
    "A",
    "Albert Einstein",
    " ",
];
const NUMBERS: &[&str] = &[
    "13.77",
    "1,234,567",
    "9:30",
    "5.2%",
    "￥3999",
    "38℃",
    "2025",
    "3",
];

/// A random paragraph: mostly Han, with marks, numbers and Latin mixed in.
fn paragraph() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        6 => prop::sample::select(HAN),
        3 => prop::sample::select(PUNCT),
        1 => prop::sample::select(LATIN),
        1 => prop::sample::select(NUMBERS),
    ];
    prop::collection::vec(token, 1..80)
        .prop_map(|t| t.concat().trim_matches(' ').to_owned())
        .prop_filter("empty paragraph", |s| !s.is_empty())
}

fn style() -> impl Strategy<Value = CompositionStyle> {
    (
        prop::sample::select(vec![
            KinsokuLevel::None,
            KinsokuLevel::Basic,
            KinsokuLevel::Gb,
            KinsokuLevel::Strict,
        ]),
        prop::sample::select(vec![
            PunctStyle::Quanjiao,
            PunctStyle::Kaiming,
            PunctStyle::Banjiao,
            PunctStyle::Plain,
        ]),
        prop::sample::select(vec![BreakMethod::Optimal, BreakMethod::Greedy]),
        prop::sample::select(vec![0.0f32, 2.0]),
        any::<bool>(),
    )
        .prop_map(
            |(kinsoku, punct, method, indent_em, hanging)| CompositionStyle {
                kinsoku,
                punct,
                method,
                indent_em,
                hanging,
                ..CompositionStyle::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn prop_lines_keep_text_fit_and_obey_kinsoku(
        text in paragraph(),
        style in style(),
        measure in 5u32..25,
    ) {
        let measure_pt = measure as f32 * style.em_pt;
        let shaped = shape(&text, &style);
        let lines = shaped.break_lines(measure_pt);
        let checked: Vec<CheckLine> = lines.iter().map(CheckLine::from).collect();
        // Only the properties the issue promises for arbitrary text: the text is kept,
        // nothing is overfull and no prohibition is broken unless reported as forced.
        // (Justification, 孤字 and unbreakables in pathological mixes are corpus checks.)
        let opts = CheckOpts { kinsoku: style.kinsoku, measure_pt, justify: false };
        let found: Vec<String> = check_paragraph(&text, &checked, &opts)
            .into_iter()
            .filter(|v| matches!(v.rule, "joined" | "overfull" | "start" | "end" | "empty" | "final"))
            .map(|v| format!("line {}: {}: {}", v.line + 1, v.rule, v.detail))
            .collect();
        let shown: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        prop_assert!(found.is_empty(), "{:?}\nlines: {:?}\n{}", text, shown, found.join("\n"));
        // Breaking again — on the same shaped paragraph and after reshaping — gives the same lines.
        prop_assert_eq!(&shaped.break_lines(measure_pt), &lines);
        prop_assert_eq!(&shape(&text, &style).break_lines(measure_pt), &lines);
    }
}
