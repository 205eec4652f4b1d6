//! Shared builders and readers for the layout tests.

use paiban::content::{Article, Paragraph, Photo};
use paiban::layout::*;
use paiban::text::{CompositionStyle, FontBook, FontId};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const BODY: f32 = 9.0;
pub const PITCH: f32 = 13.5;
pub const X0: f32 = 36.0;
pub const Y0: f32 = 60.0;

pub struct Fonts {
    pub book: FontBook,
    pub song: FontId,
    pub hei: FontId,
    pub hei_bold: FontId,
    pub kai: FontId,
}

pub fn fonts() -> Fonts {
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

pub fn style(font: FontId, size: f32, align: Align) -> TextStyle {
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

pub fn styles(f: &Fonts) -> Styles {
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
        section: style(f.hei_bold, 12.0, Align::Center),
        rule_pt: 0.5,
        rule_color: Cmyk::BLACK,
    }
}

/// A 对开-like grid: 8 columns of 13 字, 1 字 gutters, 9 pt on 13.5 pt, 100 lines.
pub fn geometry() -> PageGeometry {
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

pub fn bench(n: u32) -> (String, Vec<String>) {
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

pub fn article(id: &str, headline: &[&str], paras: &[String]) -> Arc<Article> {
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

pub fn block(a: &Arc<Article>, cols: (u32, u32), lines: (u32, u32)) -> ArticleBlock {
    ArticleBlock {
        article: a.clone(),
        cols,
        lines,
        text_columns: None,
        photos: vec![],
        copyfit: false,
        headline_size: None,
        boxed: false,
        source: None,
    }
}

pub fn page(f: &Fonts, number: u32, blocks: Vec<Block>) -> PageSpec {
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

pub fn issue(pages: Vec<PageSpec>) -> IssueSpec {
    IssueSpec {
        paper: "闽南日报".into(),
        date_text: "2022年10月31日 星期一".into(),
        edition: "台商投资区新闻".into(),
        pages,
    }
}

pub fn runs(p: &PageFrame) -> Vec<&TextRun> {
    p.items
        .iter()
        .filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None })
        .collect()
}

pub fn text_of(p: &PageFrame) -> String {
    runs(p)
        .iter()
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.as_str()))
        .collect()
}

/// Body lines: (x, baseline, text), merging runs that share a line.
pub fn body_lines(p: &PageFrame, f: &Fonts) -> Vec<(f32, f32, String)> {
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

pub fn ascent_offset() -> f32 {
    (PITCH - BODY) / 2.0 + 0.88 * BODY
}

pub fn col_left(c: u32) -> f32 {
    X0 + (c - 1) as f32 * 14.0 * BODY
}

pub fn advance(f: &Fonts, font: FontId, gid: u16, size: f32) -> f32 {
    let face = f.book.get(font).ttf();
    face.glyph_hor_advance(ttf_parser::GlyphId(gid))
        .unwrap_or(0) as f32
        * size
        / face.units_per_em() as f32
}

pub fn body_text(a: &Article) -> String {
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

/// Horizontal ink extent of a glyph from its origin, in pt.
pub fn ink(f: &Fonts, font: FontId, gid: u16, size: f32) -> (f32, f32) {
    let face = f.book.get(font).ttf();
    let s = size / face.units_per_em() as f32;
    face.glyph_bounding_box(ttf_parser::GlyphId(gid))
        .map_or((0.0, 0.0), |b| (b.x_min as f32 * s, b.x_max as f32 * s))
}

pub fn photo(w: u32, h: u32) -> Photo {
    Photo {
        path: "standin.jpg".into(),
        px_width: w,
        px_height: h,
        caption: "社头车辆基地施工现场".into(),
        credit: "本报记者 张三 摄".into(),
        focus: (0.8, 0.5),
    }
}
