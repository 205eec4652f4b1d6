//! Layout stage tests: IssueSpecs built in code, fonts from `fonts/`, outcomes read back
//! from the page frames (grid positions, widths, text).

use paiban::content::{Article, Paragraph, Photo};
use paiban::layout::*;
use paiban::text::{shape_paragraph, CompositionStyle, FontBook, FontId, Run};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const BODY: f32 = 9.0;
const PITCH: f32 = 13.5;
const X0: f32 = 36.0;
const Y0: f32 = 60.0;

struct Fonts {
    book: FontBook,
    song: FontId,
    hei: FontId,
    hei_bold: FontId,
    kai: FontId,
}

fn fonts() -> Fonts {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let mut book = FontBook::new();
    let mut load = |f: &str| book.load(&dir.join(f), 0).expect("repository font loads");
    let song = load("NotoSerifCJKsc-Regular.otf");
    let hei = load("NotoSansCJKsc-Regular.otf");
    let hei_bold = load("NotoSansCJKsc-Bold.otf");
    let kai = load("LXGWWenKai-Regular.ttf");
    Fonts {
        book,
        song,
        hei,
        hei_bold,
        kai,
    }
}

fn style(font: FontId, size: f32, align: Align) -> TextStyle {
    TextStyle {
        font,
        size_pt: size,
        min_size_pt: size,
        color: Cmyk::BLACK,
        align,
        leading_pt: size * 1.2,
        tracking_em: 0.0,
    }
}

fn styles(f: &Fonts) -> Styles {
    let mut headline = style(f.hei_bold, 22.0, Align::Center);
    headline.min_size_pt = 16.0;
    Styles {
        body: style(f.song, BODY, Align::Start),
        composition: CompositionStyle {
            em_pt: BODY,
            ..Default::default()
        },
        dateline: style(f.hei_bold, BODY, Align::Start),
        kicker: style(f.kai, 12.0, Align::Center),
        headline,
        subhead: style(f.kai, 12.0, Align::Center),
        byline: style(f.hei, BODY, Align::Center),
        caption: style(f.kai, 7.5, Align::Start),
        credit: style(f.kai, 7.5, Align::Start),
        header: style(f.hei, BODY, Align::Start),
        jump: style(f.kai, 8.0, Align::End),
        rule_pt: 0.5,
        rule_color: Cmyk::BLACK,
    }
}

/// A 对开-like grid: 8 columns of 13 字, 1 字 gutters, 9 pt on 13.5 pt, 100 lines.
fn geometry() -> PageGeometry {
    PageGeometry {
        width: 1100.0,
        height: 1500.0,
        bleed: 8.5,
        x: X0,
        y: Y0,
        columns: 8,
        column_chars: 13,
        gutter_chars: 1,
        body_pt: BODY,
        line_pitch: PITCH,
        lines: 100,
        header_height: 0.0,
    }
}

fn bench(n: u32) -> (String, Vec<String>) {
    let path = format!(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/bench/articles/{:02}.txt"
        ),
        n
    );
    let text = std::fs::read_to_string(path).expect("bench article");
    let mut lines = text
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
    let head = lines.next().unwrap_or_default();
    (head, lines.collect())
}

fn article(id: &str, headline: &[&str], paras: &[String]) -> Arc<Article> {
    Arc::new(Article {
        id: id.into(),
        file: PathBuf::from(format!("{id}.md")),
        kicker: vec![],
        headline: headline.iter().map(|s| s.to_string()).collect(),
        subhead: vec![],
        byline: None,
        dateline: None,
        paragraphs: paras
            .iter()
            .enumerate()
            .map(|(i, t)| Paragraph {
                text: t.clone(),
                line: 10 + 2 * i as u32,
            })
            .collect(),
        photos: vec![],
    })
}

fn block(a: &Arc<Article>, cols: (u32, u32), lines: (u32, u32)) -> ArticleBlock {
    ArticleBlock {
        article: a.clone(),
        cols,
        lines,
        text_columns: None,
        photos: vec![],
        copyfit: false,
        boxed: false,
        source: None,
    }
}

fn page(f: &Fonts, number: u32, blocks: Vec<Block>) -> PageSpec {
    PageSpec {
        name: format!("A{number:02}"),
        number,
        section: "台商投资区新闻".into(),
        geometry: geometry(),
        styles: Arc::new(styles(f)),
        blocks,
        rules: vec![],
    }
}

fn issue(pages: Vec<PageSpec>) -> IssueSpec {
    IssueSpec {
        paper: "闽南日报".into(),
        date_text: "2022年10月31日 星期一".into(),
        edition: "台商投资区新闻".into(),
        pages,
    }
}

fn runs(p: &PageFrame) -> Vec<&TextRun> {
    p.items
        .iter()
        .filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None })
        .collect()
}

fn text_of(p: &PageFrame) -> String {
    runs(p)
        .iter()
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.as_str()))
        .collect()
}

/// Body lines: (x, baseline, text), merging runs that share a line.
fn body_lines(p: &PageFrame, f: &Fonts) -> Vec<(f32, f32, String)> {
    let mut out: Vec<(f32, f32, String)> = Vec::new();
    for r in runs(p)
        .into_iter()
        .filter(|r| r.size_pt == BODY && (r.font == f.song || r.font == f.hei_bold))
    {
        let t: String = r.glyphs.iter().map(|g| g.text.as_str()).collect();
        match out.last_mut() {
            Some(l) if l.0 == r.x && l.1 == r.y => l.2.push_str(&t),
            _ => out.push((r.x, r.y, t)),
        }
    }
    out
}

fn ascent_offset() -> f32 {
    (PITCH - BODY) / 2.0 + 0.88 * BODY
}

fn col_left(c: u32) -> f32 {
    X0 + (c - 1) as f32 * 14.0 * BODY
}

fn advance(f: &Fonts, font: FontId, gid: u16, size: f32) -> f32 {
    let face = f.book.get(font).ttf();
    face.glyph_hor_advance(ttf_parser::GlyphId(gid))
        .unwrap_or(0) as f32
        * size
        / face.units_per_em() as f32
}

fn body_text(a: &Article) -> String {
    let mut s = a
        .dateline
        .as_ref()
        .map(|d| format!("{d}\u{3000}"))
        .unwrap_or_default();
    for p in &a.paragraphs {
        s.push_str(&p.text);
    }
    s
}

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

/// Horizontal ink extent of a glyph from its origin, in pt.
fn ink(f: &Fonts, font: FontId, gid: u16, size: f32) -> (f32, f32) {
    let face = f.book.get(font).ttf();
    let s = size / face.units_per_em() as f32;
    face.glyph_bounding_box(ttf_parser::GlyphId(gid))
        .map_or((0.0, 0.0), |b| (b.x_min as f32 * s, b.x_max as f32 * s))
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
fn headline_is_centred_on_whole_lines() {
    let f = fonts();
    let (_, paras) = bench(3);
    let a = article("b3", &["社头车辆基地初具雏形"], &paras);
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Article(block(&a, (1, 4), (5, 60)))],
        )]),
        &f.book,
    );
    let p = &out.pages[0];
    let head = runs(p)
        .into_iter()
        .find(|r| r.font == f.hei_bold && r.size_pt == 22.0)
        .expect("headline run");
    let last = head.glyphs.last().unwrap();
    let right = head.x + last.x + advance(&f, head.font, last.gid, 22.0);
    let centre = (col_left(1) + col_left(4) + 13.0 * BODY) / 2.0;
    assert!(
        ((head.x + right) / 2.0 - centre).abs() < 0.05,
        "headline centre {} vs block centre {centre}",
        (head.x + right) / 2.0
    );
    // The headline takes whole lines: body starts on a grid line below it, and the
    // headline's em box lies between the block top and that line.
    let first = body_lines(p, &f)[0].1;
    let n = (first - Y0 - ascent_offset()) / PITCH;
    assert!(
        (n - n.round()).abs() < 1e-3 && n.round() >= 5.0,
        "first body line at grid line {n}"
    );
    let band_top = Y0 + 4.0 * PITCH;
    let body_top = first - ascent_offset();
    assert!(head.y - 0.88 * 22.0 >= band_top - 0.01 && head.y + 0.12 * 22.0 <= body_top + 0.01);
    let rows = (body_top - band_top) / PITCH;
    assert!(
        (rows - rows.round()).abs() < 1e-3,
        "headline group takes {rows} lines"
    );
}

#[test]
fn too_wide_headline_shrinks_then_is_reported() {
    let f = fonts();
    let (_, paras) = bench(3);
    // 14 characters at 22 pt = 308 pt > 2 columns (27 字 = 243 pt); fits at 17 pt.
    let a = article("shrink", &["坚定不移推进绿色高质量发展工作"], &paras);
    let long = "区管委会主任张延能带队调研台商区矿山生态修复工作强调要坚定不移推进绿色高质量发展";
    let b = article("wide", &[long], &paras);
    let pg = page(
        &f,
        1,
        vec![
            Block::Article(block(&a, (1, 2), (1, 50))),
            Block::Article(block(&b, (3, 4), (1, 50))),
        ],
    );
    let out = layout_issue(&issue(vec![pg]), &f.book);
    let heads: Vec<&TextRun> = runs(&out.pages[0])
        .into_iter()
        .filter(|r| r.font == f.hei_bold && r.size_pt > BODY)
        .collect();
    let first = heads
        .iter()
        .find(|r| r.x < col_left(3))
        .expect("first headline");
    assert!(
        first.size_pt < 22.0 && first.size_pt >= 16.0,
        "shrunk to {}",
        first.size_pt
    );
    assert_eq!((first.size_pt * 2.0).fract(), 0.0, "0.5 pt steps");
    let width: f32 = first
        .glyphs
        .iter()
        .map(|g| advance(&f, first.font, g.gid, first.size_pt))
        .sum();
    assert!(width <= 27.0 * BODY + 0.01 && width + 0.5 * 15.0 > 27.0 * BODY * 0.97);
    let warn: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "W0203")
        .collect();
    assert_eq!(warn.len(), 1, "{:?}", out.diagnostics);
    assert!(warn[0].message.contains("`wide`"));
    // Never clipped: every character of the long headline is on the page.
    let wide_text: String = heads
        .iter()
        .filter(|r| r.x >= col_left(3))
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.clone()))
        .collect();
    assert_eq!(wide_text, long);
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

fn photo(w: u32, h: u32) -> Photo {
    Photo {
        path: "standin.jpg".into(),
        px_width: w,
        px_height: h,
        caption: "社头车辆基地施工现场".into(),
        credit: "本报记者 张三 摄".into(),
        focus: (0.8, 0.5),
    }
}

#[test]
fn photo_crop_keeps_the_frame_aspect() {
    let f = fonts();
    let fill = PhotoBlock {
        photo: photo(3000, 2000),
        cols: (1, 2),
        lines: (1, 30),
        fit: Fit::Fill,
        source: None,
    };
    let fit = PhotoBlock {
        photo: photo(3000, 2000),
        cols: (3, 4),
        lines: (1, 30),
        fit: Fit::Fit,
        source: None,
    };
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Photo(fill), Block::Photo(fit)],
        )]),
        &f.book,
    );
    let imgs: Vec<&ImagePlacement> = out.pages[0]
        .items
        .iter()
        .filter_map(|i| {
            if let Item::Image(p) = i {
                Some(p)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(imgs.len(), 2);
    let (a, b) = (imgs[0], imgs[1]);
    assert!(
        (a.crop.w / a.crop.h - a.frame.w / a.frame.h).abs() < 1e-3,
        "fill crop {:?} frame {:?}",
        a.crop,
        a.frame
    );
    assert!(
        a.crop.x >= 0.0
            && a.crop.y >= 0.0
            && a.crop.x + a.crop.w <= 3000.01
            && a.crop.y + a.crop.h <= 2000.01
    );
    assert!(
        (a.frame.w - 27.0 * BODY).abs() < 0.01,
        "fill frame spans the block"
    );
    assert_eq!((b.crop.w, b.crop.h), (3000.0, 2000.0));
    assert!((b.frame.w / b.frame.h - 1.5).abs() < 1e-3);
    let caption = text_of(&out.pages[0]);
    assert_eq!(
        caption
            .matches("社头车辆基地施工现场\u{3000}本报记者 张三 摄")
            .count(),
        2,
        "{caption}"
    );
    let cap = runs(&out.pages[0])
        .into_iter()
        .find(|r| r.font == f.kai)
        .expect("caption in Kai");
    assert!(cap.size_pt < BODY && cap.y > a.frame.y + a.frame.h);
}

#[test]
fn credit_set_flush_right_when_its_style_says_end() {
    let f = fonts();
    let pb = PhotoBlock {
        photo: photo(3000, 2000),
        cols: (1, 2),
        lines: (1, 20),
        fit: Fit::Fill,
        source: None,
    };
    let mut pg = page(&f, 1, vec![Block::Photo(pb)]);
    let mut st = styles(&f);
    st.credit = style(f.hei, 6.5, Align::End);
    pg.styles = Arc::new(st);
    let out = layout_issue(&issue(vec![pg]), &f.book);
    let p = &out.pages[0];
    assert_eq!(text_of(p), "社头车辆基地施工现场本报记者 张三 摄");
    let credit = runs(p)
        .into_iter()
        .find(|r| r.font == f.hei)
        .expect("credit run");
    let last = credit.glyphs.last().unwrap();
    let right = credit.x + last.x + advance(&f, credit.font, last.gid, 6.5);
    assert!(
        (right - (col_left(1) + 27.0 * BODY)).abs() < 0.05,
        "credit ends at {right}"
    );
    let caption = runs(p).into_iter().find(|r| r.font == f.kai).unwrap();
    assert_eq!(
        caption.y, credit.y,
        "short caption: credit on its last line"
    );
}

#[test]
fn extracted_text_equals_article_text() {
    let f = fonts();
    let (head, paras) = bench(1);
    let mut art = (*article("b1", &[&head], &paras[1..])).clone();
    art.kicker = vec!["坚定不移推进绿色高质量发展".into()];
    art.subhead = vec!["区管委会主任张延能带队调研矿山生态修复工作".into()];
    art.dateline = Some("本报讯".into());
    art.byline = Some("本报记者 张三".into());
    art.paragraphs.insert(
        0,
        Paragraph {
            text: paras[0]
                .trim_start_matches("本报讯")
                .trim_start_matches('\u{3000}')
                .into(),
            line: 8,
        },
    );
    art.photos.push(photo(2000, 1500));
    let a = Arc::new(art);
    let mut b = block(&a, (1, 3), (1, 70));
    b.photos.push(InlinePhoto {
        photo: 0,
        cols: (2, 3),
        lines: (12, 30),
        fit: Fit::Fill,
    });
    let out = layout_issue(&issue(vec![page(&f, 1, vec![Block::Article(b)])]), &f.book);
    let t = text_of(&out.pages[0]);
    let heads = format!(
        "{}{}{}本报记者 张三",
        a.kicker[0], a.headline[0], a.subhead[0]
    );
    let expected = format!(
        "{heads}{}社头车辆基地施工现场\u{3000}本报记者 张三 摄",
        body_text(&a)
    );
    assert_eq!(t, expected);
    assert_eq!(out.fits[0].overset_lines, 0);
    let dl = runs(&out.pages[0])
        .into_iter()
        .find(|r| r.font == f.hei_bold && r.size_pt == BODY)
        .expect("dateline run");
    assert_eq!(
        dl.glyphs
            .iter()
            .map(|g| g.text.as_str())
            .collect::<String>(),
        "本报讯\u{3000}"
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
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
fn missing_glyph_names_character_article_and_paragraph() {
    let f = fonts();
    let a = article(
        "thai",
        &[],
        &["第一段。".into(), "第二段有泰文字母ก。".into()],
    );
    let out = layout_issue(
        &issue(vec![page(
            &f,
            1,
            vec![Block::Article(block(&a, (1, 1), (1, 10)))],
        )]),
        &f.book,
    );
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.code == "E0301")
        .expect("missing glyph error");
    assert!(
        d.message.contains("U+0E01")
            && d.message.contains("`thai`")
            && d.message.contains("paragraph 2"),
        "{}",
        d.message
    );
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(12));
}

#[test]
fn furniture_running_head_and_rules() {
    let f = fonts();
    let (_, paras) = bench(3);
    let a = article("x", &["题"], &paras);
    let b = article("y", &["题"], &paras);
    let mut pg = page(
        &f,
        2,
        vec![
            Block::Article(block(&a, (1, 3), (1, 40))),
            Block::Article(block(&b, (4, 8), (1, 40))),
        ],
    );
    let mut g = geometry();
    g.header_height = 30.0;
    g.y = 90.0;
    pg.geometry = g;
    let out = layout_issue(&issue(vec![pg]), &f.book);
    let p = &out.pages[0];
    let head: String = runs(p)
        .into_iter()
        .filter(|r| r.y < 90.0)
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.clone()))
        .collect();
    assert_eq!(
        head,
        "闽南日报台商投资区新闻2022年10月31日 星期一\u{3000}第2版"
    );
    let rules: Vec<(f32, f32, f32, f32)> = p
        .items
        .iter()
        .filter_map(|i| {
            if let Item::Rule { x0, y0, x1, y1, .. } = i {
                Some((*x0, *y0, *x1, *y1))
            } else {
                None
            }
        })
        .collect();
    let gutter_mid = col_left(4) - BODY / 2.0;
    assert!(
        rules
            .iter()
            .any(|r| (r.0 - gutter_mid).abs() < 0.01 && r.0 == r.2),
        "vertical rule between the blocks: {rules:?}"
    );
    assert!(
        rules
            .iter()
            .any(|r| r.1 == r.3 && r.1 < 90.0 && r.2 - r.0 > 100.0 * BODY),
        "眉线 under the running head"
    );
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
fn overlapping_blocks_are_reported_and_rules_not_doubled() {
    let f = fonts();
    let (_, paras) = bench(3);
    let a = article("p", &[], &paras);
    let b = article("q", &[], &paras);
    let mut pg = page(
        &f,
        1,
        vec![
            Block::Article(block(&a, (1, 2), (1, 30))),
            Block::Article(block(&b, (2, 4), (20, 50))),
        ],
    );
    let out = layout_issue(&issue(vec![pg.clone()]), &f.book);
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.code == "W0207" && d.message.contains("blocks 1 and 2")),
        "{:?}",
        out.diagnostics
    );
    // Side by side: one automatic rule in the gutter; an explicit one there replaces it.
    pg.blocks = vec![
        Block::Article(block(&a, (1, 2), (1, 30))),
        Block::Article(block(&b, (3, 4), (1, 30))),
    ];
    pg.rules = vec![RuleSpec {
        vertical: true,
        at: 2,
        span: (1, 30),
        width_pt: 1.0,
    }];
    let out = layout_issue(&issue(vec![pg]), &f.book);
    let verticals: Vec<f32> = out.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { x0, x1, width, .. } if x0 == x1 => Some(*width),
            _ => None,
        })
        .collect();
    assert_eq!(verticals, vec![1.0]);
}

#[test]
fn boxed_block_sets_text_inside_its_box() {
    let f = fonts();
    let (_, paras) = bench(3);
    let a = article("boxed", &[], &paras);
    let mut b = block(&a, (2, 3), (1, 60));
    b.boxed = true;
    let out = layout_issue(&issue(vec![page(&f, 1, vec![Block::Article(b)])]), &f.book);
    let rect = out.pages[0]
        .items
        .iter()
        .find_map(|i| {
            if let Item::Rect {
                rect,
                stroke: Some(_),
                ..
            } = i
            {
                Some(*rect)
            } else {
                None
            }
        })
        .expect("box");
    assert!(
        (rect.x - (col_left(2) + BODY / 2.0)).abs() < 0.01 && (rect.w - 26.0 * BODY).abs() < 0.01,
        "{rect:?}"
    );
    let lines = body_lines(&out.pages[0], &f);
    // One 字 inside on each side: two text columns of (27 − 2 − 1) / 2 = 12 字.
    assert_eq!(lines[0].0, col_left(2) + BODY);
    assert!(lines.iter().all(|l| l.1 > rect.y && l.1 < rect.y + rect.h));
    assert!(
        lines
            .iter()
            .any(|l| (l.0 - (col_left(2) + 14.0 * BODY)).abs() < 0.01),
        "second column at 1 + 12 + 1 字"
    );
    assert!(
        !out.pages[0]
            .items
            .iter()
            .any(|i| matches!(i, Item::Rule { .. })),
        "no automatic rules around a box"
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

/// Writes two sample-like pages to `target/layout-preview/` for looking at
/// (`cargo test --test layout -- --ignored preview`); asserts the PDFs are written.
#[test]
#[ignore]
fn preview_pages() {
    use paiban::render::image::{ImageFilter, PreparedImage};
    use paiban::render::{write_pdf_with, DocInfo, PrintOptions};
    let f = fonts();
    let mut g = geometry();
    g.header_height = 30.0;
    g.y = 90.0;
    g.width = 1100.0;
    let arts: Vec<Arc<Article>> = (1..=7)
        .map(|n| {
            let (head, paras) = bench(n);
            let mut a = (*article(&format!("b{n}"), &[&head], &paras)).clone();
            if n % 2 == 1 {
                a.kicker = vec!["坚定不移推进绿色高质量发展".into()];
            }
            if let Some(p) = a.paragraphs.first_mut() {
                if let Some(rest) = p.text.strip_prefix("本报讯") {
                    p.text = rest.trim_start_matches(['\u{3000}', ' ']).to_owned();
                    a.dateline = Some("本报讯".into());
                }
            }
            a.photos.push(photo(2400, 1600));
            Arc::new(a)
        })
        .collect();
    let ab = |i: usize, c: (u32, u32), l: (u32, u32)| block(&arts[i], c, l);
    let mut lead = ab(1, (1, 5), (1, 50));
    lead.photos.push(InlinePhoto {
        photo: 0,
        cols: (4, 5),
        lines: (10, 30),
        fit: Fit::Fill,
    });
    let mut second = ab(0, (6, 8), (1, 50));
    second.text_columns = Some(2);
    let mut boxed = ab(2, (1, 3), (52, 100));
    boxed.boxed = true;
    let p1 = PageSpec {
        geometry: g.clone(),
        rules: vec![],
        ..page(
            &f,
            1,
            vec![
                Block::Article(lead),
                Block::Article(second),
                Block::Article(boxed),
                Block::Article(ab(6, (4, 8), (52, 70))),
            ],
        )
    };
    let pb = PhotoBlock {
        photo: photo(3000, 2000),
        cols: (1, 4),
        lines: (1, 40),
        fit: Fit::Fill,
        source: None,
    };
    let p2 = PageSpec {
        geometry: g,
        ..page(
            &f,
            2,
            vec![
                Block::Photo(pb),
                Block::Article(ab(3, (5, 8), (1, 40))),
                Block::Article(ab(4, (1, 4), (41, 100))),
                Block::Article(ab(6, (5, 8), (41, 100))),
            ],
        )
    };
    let out = layout_issue(&issue(vec![p1, p2]), &f.book);
    for d in &out.diagnostics {
        eprintln!("{d}");
    }
    for fit in &out.fits {
        eprintln!("{fit:?}");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/layout-preview");
    std::fs::create_dir_all(&dir).unwrap();
    let options = PrintOptions {
        output_profile: Some("/usr/share/color/icc/ghostscript/default_cmyk.icc".into()),
        ..Default::default()
    };
    for p in &out.pages {
        let mut prepare = |pl: &ImagePlacement| {
            let (w, h) = (48u32, 32u32);
            let mut raw = Vec::new();
            for y in 0..h {
                for x in 0..w {
                    raw.extend([(x * 5) as u8, (y * 6) as u8, 60, 20]);
                }
            }
            let data = {
                use std::io::Write;
                let mut e =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
                e.write_all(&raw).unwrap();
                e.finish().unwrap()
            };
            let (sx, sy) = (
                w as f32 / pl.px_width as f32,
                h as f32 / pl.px_height as f32,
            );
            let shown = Rect {
                x: pl.crop.x * sx,
                y: pl.crop.y * sy,
                w: pl.crop.w * sx,
                h: pl.crop.h * sy,
            };
            Ok(PreparedImage {
                width: w,
                height: h,
                filter: ImageFilter::Flate,
                data,
                invert: false,
                shown,
                effective_ppi: 300.0,
                notes: vec![],
            })
        };
        let pdf = write_pdf_with(&[p], &f.book, &options, &DocInfo::default(), &mut prepare)
            .expect("pdf");
        std::fs::write(dir.join(format!("{}.pdf", p.name)), &pdf.bytes).unwrap();
    }
}
