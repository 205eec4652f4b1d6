//! Headline group, photos and captions, text extraction, diagnostics, furniture.

use super::support::*;
use paiban::content::Paragraph;
use paiban::layout::*;
use std::sync::Arc;

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
        .filter(|d| d.code == "N0203")
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
            .any(|d| d.code == "E0207" && d.message.contains("blocks 1 and 2")),
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
