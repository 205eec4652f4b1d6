//! Config and content stages: units, papers, the grid, spanned errors, articles.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    reason = "test helpers fail loudly"
)]

use paiban::config::{
    lines_per_column, load_issue, load_layout, Date, Length, Source, Unit, HAO_SIZES,
};
use paiban::content::{parse_article, split_dateline};
use paiban::diag::Diagnostic;
use paiban::text::FontBook;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fresh folder under the system temp dir, with the repo's `fonts/` beside it as
/// `fonts` (copied by path in the layout files: `../fonts/…`).
fn scratch(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("paiban-config-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    dir
}

/// A layout file in `dir/layouts/` whose fonts point at the repository's.
fn write_layout(dir: &Path, body: &str) -> PathBuf {
    let fonts = format!(
        "[fonts.song]\npath = \"{ROOT}/fonts/NotoSerifCJKsc-Regular.otf\"\n\
         [fonts.hei]\npath = \"{ROOT}/fonts/NotoSansCJKsc-Regular.otf\"\n\
         [fonts.hei_bold]\npath = \"{ROOT}/fonts/NotoSansCJKsc-Bold.otf\"\n\
         [fonts.kai]\npath = \"{ROOT}/fonts/LXGWWenKai-Regular.ttf\"\n"
    );
    let p = dir.join("layouts/test.toml");
    std::fs::write(&p, format!("{body}\n{fonts}")).unwrap();
    p
}

fn layout_errors(body: &str) -> Vec<Diagnostic> {
    let dir = scratch("err");
    let p = write_layout(&dir, body);
    let mut diags = vec![];
    let got = load_layout(&p, &mut FontBook::new(), &mut diags);
    assert!(got.is_none(), "expected errors for:\n{body}");
    diags
}

/// `(code, line, column)` of each diagnostic.
fn places(diags: &[Diagnostic]) -> Vec<(&'static str, u32, u32)> {
    diags
        .iter()
        .map(|d| {
            d.location
                .as_ref()
                .map_or((d.code, 0, 0), |l| (d.code, l.line, l.column))
        })
        .collect()
}

const GRID: &str =
    "[paper]\nname = \"4开\"\n[grid]\ncolumns = 6\ncolumn = \"11字\"\nline_pitch = \"13.5pt\"\n";

mod units {
    use super::*;

    fn pt(s: &str) -> f64 {
        let ctx = paiban::config::units::UnitContext {
            zi: Some(9.0),
            hang: Some(13.5),
            em: Some(20.0),
        };
        s.parse::<Length>().unwrap().to_pt(&ctx).unwrap()
    }

    #[test]
    fn absolute_units_convert_to_points() {
        assert!((pt("25.4mm") - 72.0).abs() < 1e-9);
        assert!((pt("2.54cm") - 72.0).abs() < 1e-9);
        assert!((pt("1in") - 72.0).abs() < 1e-9);
        assert_eq!(pt("9pt"), 9.0);
        assert_eq!(pt("9 pt"), 9.0);
        // 1 Q = 1 H = 0.25 mm (cjk-rules §4.1).
        assert!((pt("4Q") - 72.0 / 25.4).abs() < 1e-9);
        assert!((pt("4H") - 72.0 / 25.4).abs() < 1e-9);
        assert!((pt("-0.5mm") + 36.0 / 25.4).abs() < 1e-9);
    }

    #[test]
    fn relative_units_follow_the_grid() {
        assert_eq!(pt("13字"), 117.0);
        assert_eq!(pt("3行"), 40.5);
        assert_eq!(pt("0.5em"), 10.0);
        let l: Length = "2字".parse().unwrap();
        assert_eq!(l.to_pt(&Default::default()), None, "字 needs a body size");
    }

    #[test]
    fn hao_table_is_the_common_column() {
        let expect = [
            ("初号", 42.0),
            ("小初", 36.0),
            ("一号", 26.0),
            ("小一", 24.0),
            ("二号", 22.0),
            ("小二", 18.0),
            ("三号", 16.0),
            ("小三", 15.0),
            ("四号", 14.0),
            ("小四", 12.0),
            ("五号", 10.5),
            ("小五", 9.0),
            ("六号", 7.5),
            ("小六", 6.5),
            ("七号", 5.5),
            ("八号", 5.0),
        ];
        assert_eq!(HAO_SIZES.len(), expect.len());
        for (name, want) in expect {
            let l: Length = name.parse().unwrap();
            assert_eq!((l.unit, l.value), (Unit::Hao, want), "{name}");
            assert_eq!(l.to_string(), name);
        }
        assert_eq!(pt("新五号"), 9.0);
        assert_eq!(pt("小五号"), 9.0);
    }

    #[test]
    fn bad_lengths_say_why() {
        use paiban::config::units::LengthError;
        assert_eq!("13".parse::<Length>(), Err(LengthError::NoUnit));
        assert_eq!(
            "13px".parse::<Length>(),
            Err(LengthError::UnknownUnit("px".into()))
        );
        assert_eq!("mm".parse::<Length>(), Err(LengthError::Malformed));
        assert_eq!("大五".parse::<Length>(), Err(LengthError::Malformed));
    }
}

mod grid {
    use super::*;

    #[test]
    fn lines_per_column_counts_the_last_line_body_only() {
        // n lines take (n − 1) × pitch + body: 72 lines at 13.5 on 9 need 967.5 pt.
        assert_eq!(lines_per_column(967.5, 9.0, 13.5), 72);
        assert_eq!(lines_per_column(967.4, 9.0, 13.5), 71);
        assert_eq!(lines_per_column(9.0, 9.0, 13.5), 1);
        assert_eq!(lines_per_column(8.9, 9.0, 13.5), 0);
    }

    #[test]
    fn tabloid_layout_is_six_by_eleven() {
        let mut diags = vec![];
        let l = load_layout(
            &Path::new(ROOT).join("layouts/tabloid.toml"),
            &mut FontBook::new(),
            &mut diags,
        );
        let l = l.unwrap_or_else(|| panic!("{diags:?}"));
        let g = &l.geometry;
        assert_eq!(
            (
                g.columns,
                g.column_chars,
                g.gutter_chars,
                g.body_pt,
                g.line_pitch
            ),
            (6, 11, 1, 9.0, 13.5)
        );
        let mm = 72.0 / 25.4;
        assert!(
            (g.width - (272.0 * mm) as f32).abs() < 0.01
                && (g.height - (390.0 * mm) as f32).abs() < 0.01
        );
        assert!((g.bleed - (3.0 * mm) as f32).abs() < 0.01);
        // 71字 of 9 pt, centred.
        assert!((g.x - (g.width - 639.0) / 2.0).abs() < 0.01, "x = {}", g.x);
        // top 14 mm + header 3行; lines from the rest above the 16 mm bottom margin.
        assert!((g.y - ((14.0 * mm) as f32 + 40.5)).abs() < 0.01);
        let avail = f64::from(g.height - g.y) - 16.0 * mm;
        assert_eq!(g.lines, lines_per_column(avail, 9.0, 13.5));
        assert_eq!(g.lines, 72);
        assert_eq!(l.styles.headline.size_pt, 22.0);
        assert_eq!(l.styles.headline.min_size_pt, 16.0);
        assert_eq!(l.styles.composition.indent_em, 2.0);
    }

    #[test]
    fn broadsheet_layout_is_eight_by_thirteen() {
        let mut diags = vec![];
        let l = load_layout(
            &Path::new(ROOT).join("layouts/broadsheet.toml"),
            &mut FontBook::new(),
            &mut diags,
        );
        let g = l.unwrap_or_else(|| panic!("{diags:?}")).geometry;
        assert_eq!((g.columns, g.column_chars, g.gutter_chars), (8, 13, 1));
        // 8 × 13 + 7 = 111字 (cjk-rules §4.2).
        assert!((g.x * 2.0 + 999.0 - g.width).abs() < 0.01);
        assert!((g.width / (72.0 / 25.4) - 390.0).abs() < 0.01);
    }

    #[test]
    fn named_papers_and_explicit_sizes() {
        for (name, w, h) in [
            ("对开", 390.0, 545.0),
            ("broadsheet", 390.0, 545.0),
            ("四开", 272.0, 390.0),
            ("tabloid", 272.0, 390.0),
            ("Berliner", 315.0, 470.0),
            ("A3", 297.0, 420.0),
        ] {
            let dir = scratch("paper");
            let body = GRID.replace("name = \"4开\"", &format!("name = \"{name}\""));
            let mut diags = vec![];
            let l = load_layout(&write_layout(&dir, &body), &mut FontBook::new(), &mut diags)
                .unwrap_or_else(|| panic!("{name}: {diags:?}"));
            let mm = (72.0 / 25.4) as f32;
            assert!(
                (l.geometry.width / mm - w).abs() < 0.01
                    && (l.geometry.height / mm - h).abs() < 0.01,
                "{name}"
            );
        }
        let dir = scratch("size");
        let body = GRID.replace(
            "name = \"4开\"",
            "size = [\"30cm\", \"420mm\"]\nbleed = \"5mm\"",
        );
        let mut diags = vec![];
        let l = load_layout(&write_layout(&dir, &body), &mut FontBook::new(), &mut diags)
            .unwrap_or_else(|| panic!("{diags:?}"));
        assert!((l.geometry.width - 300.0 * 72.0 / 25.4).abs() < 0.01);
        assert!((l.geometry.bleed - 5.0 * 72.0 / 25.4).abs() < 0.01);
    }

    #[test]
    fn a_type_area_wider_than_the_paper_is_an_error() {
        let d = layout_errors(&GRID.replace("columns = 6", "columns = 9"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "E0108");
        assert!(d[0].message.contains("type area"), "{}", d[0].message);
    }
}

mod errors {
    use super::*;

    #[test]
    fn syntax_error_points_at_line_and_column() {
        let d = layout_errors("[paper]\nname = \"4开\"\n[grid\ncolumns = 6\n");
        assert_eq!(d[0].code, "E0101");
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (3, 6), "{}", d[0]);
        assert!(
            d[0].message.starts_with("failed to parse TOML ("),
            "{}",
            d[0].message
        );
        let shown = d[0].to_string();
        assert!(
            shown.contains("test.toml:3:6") && shown.contains("3 | [grid"),
            "{shown}"
        );
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let body = GRID.replace("column = \"11字\"", "column = \"11字\"\nguter = \"1字\"")
            + "[styles.headlin]\nsize = \"二号\"\n";
        let d = layout_errors(&body);
        assert_eq!(
            places(&d[..2]),
            vec![("E0102", 6, 1), ("E0102", 8, 9)],
            "{d:?}"
        );
        assert_eq!(d[0].message, "unknown key `guter` in `[grid]`");
        assert_eq!(d[0].hints, vec!["did you mean `gutter`?".to_owned()]);
        assert_eq!(d[1].hints, vec!["did you mean `headline`?".to_owned()]);
        let shown = d[0].to_string();
        assert!(
            shown.contains("6 | guter = \"1字\"\n  | ^^^^^\n"),
            "{shown}"
        );
    }

    #[test]
    fn values_without_units_say_which_units_fit() {
        let d = layout_errors(&GRID.replace("line_pitch = \"13.5pt\"", "line_pitch = 13.5"));
        assert_eq!(places(&d), vec![("E0104", 6, 14)], "{d:?}");
        assert_eq!(
            d[0].message,
            "value `13.5` for `grid.line_pitch` has no unit"
        );
        assert!(
            d[0].hints[0].contains("\"13.5pt\"") && d[0].hints[0].contains("`字`"),
            "{:?}",
            d[0].hints
        );
        let d = layout_errors(&GRID.replace("\"11字\"", "\"11mm\""));
        assert_eq!(places(&d), vec![("E0104", 5, 10)]);
        assert!(
            d[0].hints[0].contains("`字` (body characters)"),
            "{:?}",
            d[0].hints
        );
    }

    #[test]
    fn wrong_types_and_several_errors_in_one_run() {
        let body = GRID.replace("columns = 6", "columns = \"six\"")
            + "[composition]\npunct = \"kaimin\"\n[styles.caption]\ncolor = [0, 0, 0]\n";
        let d = layout_errors(&body);
        let p = places(&d);
        assert_eq!(
            p,
            vec![("E0103", 4, 11), ("E0105", 8, 9), ("E0103", 10, 9)],
            "{d:#?}"
        );
        assert_eq!(
            d[0].message,
            "`grid.columns` must be a whole number, found a string"
        );
        assert!(
            d[1].hints[0].starts_with("did you mean `kaiming`?"),
            "{:?}",
            d[1].hints
        );
    }

    #[test]
    fn unknown_paper_and_size_names() {
        let d = layout_errors(
            &(GRID
                .replace("\"4开\"", "\"tabliod\"")
                .replace("\"13.5pt\"", "\"1.5字\"")
                + "[styles.kicker]\nsize = \"小7\"\n"),
        );
        assert_eq!(places(&d), vec![("E0105", 2, 8), ("E0104", 8, 8)], "{d:#?}");
        assert_eq!(d[0].hints, vec!["did you mean `tabloid`?".to_owned()]);
    }
}

mod articles {
    use super::*;

    fn parse(text: &str) -> (Option<paiban::content::Article>, Vec<Diagnostic>) {
        let mut d = vec![];
        let src = Source::new(Path::new("articles/x.md"), text.to_owned());
        (parse_article(&src, &mut d), d)
    }

    #[test]
    fn front_matter_and_paragraphs() {
        let text = "+++\nkicker = \"坚定不移推进绿色高质量发展\"\nheadline = \"厦门地铁6号线角美延伸段新进展\\n第二行\"\nsubhead = [\"社头车辆基地初具雏形\"]\nbyline = \"本报记者 张三\"\n+++\n\n本报讯　近日，笔者在\n厦门地铁6号线……\n\n\n据施工方介绍，\nLRT line\n";
        let (a, d) = parse(text);
        assert!(d.is_empty(), "{d:?}");
        let a = a.unwrap();
        assert_eq!(a.id, "x");
        assert_eq!(a.kicker, vec!["坚定不移推进绿色高质量发展"]);
        assert_eq!(a.headline, vec!["厦门地铁6号线角美延伸段新进展", "第二行"]);
        assert_eq!(a.subhead, vec!["社头车辆基地初具雏形"]);
        assert_eq!(a.byline.as_deref(), Some("本报记者 张三"));
        assert_eq!(a.dateline.as_deref(), Some("本报讯"));
        let paras: Vec<(&str, u32)> = a
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.line))
            .collect();
        assert_eq!(
            paras,
            vec![
                ("近日，笔者在厦门地铁6号线……", 8),
                ("据施工方介绍，LRT line", 12)
            ]
        );
    }

    #[test]
    fn front_matter_errors_carry_the_article_line() {
        let (a, d) = parse("+++\nheadline = \"标题\"\nheadlne = \"x\"\n+++\n正文\n");
        assert!(a.is_none());
        assert_eq!(places(&d), vec![("E0102", 3, 1)], "{d:?}");
        assert_eq!(
            d[0].location.as_ref().unwrap().file,
            Path::new("articles/x.md")
        );
        assert_eq!(d[0].hints, vec!["did you mean `headline`?".to_owned()]);
        let (_, d) = parse("+++\nheadline = \"标题\"\n正文\n");
        assert_eq!(places(&d), vec![("E0109", 1, 1)]);
    }

    #[test]
    fn missing_image_names_the_article_and_line() {
        let (a, d) = parse(
            "+++\nheadline = \"标题\"\n\n[[photo]]\nfile = \"../images/none.jpg\"\n+++\n正文\n",
        );
        assert!(a.is_none());
        assert_eq!(places(&d), vec![("E0302", 5, 8)], "{d:?}");
        assert!(d[0].message.contains("images/none.jpg"), "{}", d[0].message);
        assert_eq!(
            d[0].location.as_ref().unwrap().file,
            Path::new("articles/x.md")
        );
    }

    #[test]
    fn datelines_are_split_off() {
        let cases = [
            ("本报讯　近日，笔者", Some(("本报讯", "近日，笔者"))),
            (
                "本报讯（记者 张三）10月29日上午",
                Some(("本报讯（记者 张三）", "10月29日上午")),
            ),
            (
                "本报漳州10月27日电（记者 林小明 通讯员 王五） 近日",
                Some(("本报漳州10月27日电（记者 林小明 通讯员 王五）", "近日")),
            ),
            ("本报10月27日电　昨日", Some(("本报10月27日电", "昨日"))),
            (
                "新华社北京10月27日电（记者 张三）国务院",
                Some(("新华社北京10月27日电（记者 张三）", "国务院")),
            ),
            ("中新社北京电 近日", Some(("中新社北京电", "近日"))),
            ("本报记者昨日从市电力公司获悉", None),
            ("10月27日，区管委会", None),
            ("新华社消息，近日", None),
        ];
        for (text, want) in cases {
            let got = split_dateline(text);
            assert_eq!(
                got.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
                want,
                "{text}"
            );
        }
    }
}

mod issue {
    use super::*;

    #[test]
    fn dates_print_with_their_weekday() {
        assert_eq!(
            Date::parse("2022-10-31").unwrap().text(),
            "2022年10月31日 星期一"
        );
        assert_eq!(
            Date::parse("2024-02-29").unwrap().text(),
            "2024年2月29日 星期四"
        );
        assert_eq!(Date::parse("1970-01-01").unwrap().timestamp(), 0);
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2022-13-01").is_none());
        assert!(Date::parse("22-10-31").is_none());
    }

    fn issue_dir(issue: &str, page: &str) -> PathBuf {
        let dir = scratch("issue");
        write_layout(&dir, GRID);
        std::fs::create_dir_all(dir.join("s/pages")).unwrap();
        std::fs::create_dir_all(dir.join("s/articles")).unwrap();
        std::fs::write(
            dir.join("s/articles/a.md"),
            "+++\nheadline = \"标题\"\n+++\n本报讯　正文。\n",
        )
        .unwrap();
        std::fs::write(dir.join("s/issue.toml"), issue).unwrap();
        std::fs::write(dir.join("s/pages/p1.toml"), page).unwrap();
        dir.join("s/issue.toml")
    }

    const ISSUE: &str = "paper = \"闽南日报\"\ndate = 2022-10-31\nlayout = \"../layouts/test.toml\"\npages = [\"pages/p1.toml\"]\n";
    const PAGE: &str = "name = \"A01\"\nsection = \"要闻\"\n[[photo]]\nfile = \"../articles/a.md\"\ncols = [5, 6]\nlines = [1, 10]\n[[article]]\nfile = \"../articles/a.md\"\ncols = [1, 4]\nlines = [1, 40]\n";

    #[test]
    fn an_issue_resolves_to_the_layout_spec() {
        let path = issue_dir(
            ISSUE,
            &PAGE.replace(
                "[[photo]]\nfile = \"../articles/a.md\"\ncols = [5, 6]\nlines = [1, 10]\n",
                "[[rule]]\nafter_col = 4\nlines = [1, 40]\n",
            ),
        );
        let mut diags = vec![];
        let issue = load_issue(&path, &mut FontBook::new(), &mut diags)
            .unwrap_or_else(|| panic!("{diags:#?}"));
        assert_eq!(issue.spec.date_text, "2022年10月31日 星期一");
        assert_eq!(issue.page_file_name("A01"), "闽南日报-2022-10-31-A01.pdf");
        assert_eq!(issue.proof_file_name(), "闽南日报-2022-10-31-proof.pdf");
        let page = &issue.spec.pages[0];
        assert_eq!(
            (page.name.as_str(), page.number, page.section.as_str()),
            ("A01", 1, "要闻")
        );
        let paiban::layout::Block::Article(b) = &page.blocks[0] else {
            panic!()
        };
        assert_eq!((b.cols, b.lines, b.text_columns), ((1, 4), (1, 40), None));
        assert_eq!(b.article.dateline.as_deref(), Some("本报讯"));
        assert_eq!(b.source.as_ref().map(|l| l.line), Some(6));
        assert!(page.rules[0].vertical);
    }

    #[test]
    fn page_errors_name_the_page_file() {
        let page = PAGE.replace("cols = [1, 4]", "cols = [1, 7]").replace(
            "file = \"../articles/a.md\"\ncols = [5",
            "file = \"../images/gone.jpg\"\ncols = [5",
        );
        let path = issue_dir(
            &ISSUE.replace("pages = [", "outptu = \"x\"\npages = ["),
            &page,
        );
        let mut diags = vec![];
        assert!(load_issue(&path, &mut FontBook::new(), &mut diags).is_none());
        let got: Vec<(String, &str, u32)> = diags
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (
                    l.file.file_name().unwrap().to_string_lossy().into_owned(),
                    d.code,
                    l.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("issue.toml".into(), "E0102", 4),
                ("p1.toml".into(), "E0302", 4),
                ("p1.toml".into(), "E0108", 9)
            ],
            "{diags:#?}"
        );
        assert_eq!(diags[0].hints, vec!["did you mean `output`?".to_owned()]);
    }

    #[test]
    fn output_templates_are_checked() {
        let path = issue_dir(
            &ISSUE.replace("pages = [", "output = \"<paper>-<dat>.pdf\"\npages = ["),
            PAGE,
        );
        let mut diags = vec![];
        assert!(load_issue(&path, &mut FontBook::new(), &mut diags).is_none());
        assert_eq!(diags[0].message, "unknown placeholder `<dat>` in `output`");
        assert_eq!(diags[0].hints, vec!["did you mean `<date>`?".to_owned()]);
    }
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "\"",
        "[",
        "]",
        "=",
        "\n",
        "字",
        "mm",
        "小五",
        "1",
        ".",
        "{",
        "}",
        "+++",
        "#",
        " ",
        "本报讯",
        "（",
        "）",
        "电",
    ];

    /// Text made of TOML-significant pieces.
    fn noise() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..PIECES.len(), 0..40)
            .prop_map(|v| v.into_iter().map(|i| PIECES[i]).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// A layout with a random splice never panics; when it fails, it says where.
        #[test]
        fn spliced_layouts_fail_with_places(at in 0usize..2000, cut in 0usize..30, insert in noise()) {
            let base = std::fs::read_to_string(Path::new(ROOT).join("layouts/tabloid.toml")).unwrap();
            let mut at = at.min(base.len());
            while !base.is_char_boundary(at) { at -= 1; }
            let mut end = (at + cut).min(base.len());
            while !base.is_char_boundary(end) { end -= 1; }
            let text = format!("{}{}{}", &base[..at], insert, &base[end..]);
            let dir = scratch("fuzz");
            let p = dir.join("layouts/tabloid.toml");
            std::fs::write(&p, &text).unwrap();
            let fonts_link = dir.join("fonts");
            let _ = std::os::unix::fs::symlink(Path::new(ROOT).join("fonts"), &fonts_link);
            let mut diags = vec![];
            let got = load_layout(&p, &mut FontBook::new(), &mut diags);
            let _ = std::fs::remove_dir_all(&dir);
            prop_assert!(got.is_some() || !diags.is_empty());
            let lines = text.lines().count() as u32 + 1;
            for d in &diags {
                let _ = d.to_string();
                if let Some(l) = &d.location {
                    prop_assert!(l.line >= 1 && l.line <= lines, "{}", d);
                }
            }
        }

        /// Any article text parses or fails with a diagnostic, never a panic.
        #[test]
        fn articles_never_panic(text in noise()) {
            let mut d = vec![];
            let src = Source::new(Path::new("a.md"), text);
            let got = parse_article(&src, &mut d);
            prop_assert!(got.is_some() || !d.is_empty());
            let _ = split_dateline(&src.text);
        }
    }
}
