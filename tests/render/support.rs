//! Fonts, page builders and helpers shared by the render tests.

use super::*;

pub struct Faces {
    pub book: FontBook,
    pub serif: FontId,
    pub sans_bold: FontId,
    pub kai: FontId,
}

pub fn faces() -> Faces {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"));
    let mut book = FontBook::new();
    let serif = book
        .load(&dir.join("NotoSerifCJKsc-Regular.otf"), 0)
        .unwrap();
    let sans_bold = book.load(&dir.join("NotoSansCJKsc-Bold.otf"), 0).unwrap();
    let kai = book.load(&dir.join("LXGWWenKai-Regular.ttf"), 0).unwrap();
    Faces {
        book,
        serif,
        sans_bold,
        kai,
    }
}

/// A plant's own CMYK output profile (Ghostscript's), to test `output_profile`.
pub fn plant_profile() -> PathBuf {
    PathBuf::from("/usr/share/color/icc/ghostscript/default_cmyk.icc")
}

/// Options for `standard` with the shipped newsprint profile.
pub fn options(standard: PdfStandard) -> PrintOptions {
    PrintOptions {
        standard,
        output_profile: None,
        ..PrintOptions::default()
    }
}

pub fn info() -> DocInfo {
    // 2022-10-28 00:00:00 UTC
    DocInfo {
        title: "漳州台商 2022-10-28 A01".into(),
        timestamp: 1_666_915_200,
    }
}

/// Natural advance of `c` at `size` (pt).
fn advance(book: &FontBook, font: FontId, c: char, size: f32) -> (u16, f32) {
    let face = book.get(font);
    let ttf = face.ttf();
    let gid = ttf.glyph_index(c).map(|g| g.0).unwrap_or(0);
    let adv = ttf.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
    (gid, adv as f32 * size / face.units_per_em as f32)
}

/// Greedy lines of `text` within `measure`, every line but the last justified
/// by spreading the slack over the gaps (so the PDF needs TJ adjustments).
pub fn set_lines(
    book: &FontBook,
    font: FontId,
    size: f32,
    text: &str,
    measure: f32,
) -> Vec<Vec<Glyph>> {
    let mut lines: Vec<Vec<(u16, f32, char)>> = vec![vec![]];
    let mut width = 0.0;
    for c in text.chars() {
        let (gid, adv) = advance(book, font, c, size);
        if width + adv > measure && !lines.last().unwrap().is_empty() {
            lines.push(vec![]);
            width = 0.0;
        }
        lines.last_mut().unwrap().push((gid, adv, c));
        width += adv;
    }
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let natural: f32 = line.iter().map(|g| g.1).sum();
            let gaps = line.len().saturating_sub(1).max(1) as f32;
            let extra = if i + 1 < n {
                (measure - natural) / gaps
            } else {
                0.0
            };
            let mut x = 0.0;
            line.iter()
                .map(|&(gid, adv, c)| {
                    let g = Glyph {
                        gid,
                        x,
                        text: c.to_string(),
                    };
                    x += adv + extra;
                    g
                })
                .collect()
        })
        .collect()
}

/// A text block: one run per line on a 14 pt grid from `top`.
pub fn block(
    f: &Faces,
    font: FontId,
    size: f32,
    color: Cmyk,
    text: &str,
    frame: Rect,
    lead: f32,
) -> (Vec<Item>, String) {
    let lines = set_lines(&f.book, font, size, text, frame.w);
    let mut items = vec![];
    let mut expected = String::new();
    for (i, glyphs) in lines.into_iter().enumerate() {
        expected.extend(glyphs.iter().map(|g| g.text.as_str()));
        items.push(Item::Text(TextRun {
            font,
            size_pt: size,
            color,
            x: frame.x,
            y: frame.y + size * 0.88 + i as f32 * lead,
            glyphs,
        }));
    }
    (items, expected)
}

/// Body leading: 13 pt on 9 pt type (1.44 em). poppler's default mode joins lines
/// into one block only up to 1.5 em (`maxLineSpacingDelta` in TextOutputDev.cc).
pub const LEAD: f32 = 13.0;

/// The test page: a coloured headline, two justified body columns in Song, a
/// caption in Kai on a 20 % cyan box, rules, a photo. Returns the expected text
/// in reading order, one block (headline, column, caption) per line.
pub fn sample_page(f: &Faces, with_image: bool) -> (PageFrame, String) {
    let article = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/bench/articles/01.txt"
    ))
    .unwrap();
    let mut paras = article.lines();
    let headline = paras.next().unwrap().to_owned();
    let body: String = paras.take(2).collect();
    let (col1, col2) = body.split_at(body.char_indices().nth(body.chars().count() / 2).unwrap().0);
    let red = Cmyk {
        c: 0.0,
        m: 1.0,
        y: 1.0,
        k: 0.0,
    };
    let mut items = vec![];
    let mut expected = String::new();
    for (font, size, color, text, frame, lead) in [
        (
            f.sans_bold,
            24.0,
            red,
            headline.as_str(),
            Rect {
                x: 20.0,
                y: 20.0,
                w: 380.0,
                h: 30.0,
            },
            30.0,
        ),
        (
            f.serif,
            9.0,
            Cmyk::BLACK,
            col1,
            Rect {
                x: 20.0,
                y: 70.0,
                w: 180.0,
                h: 300.0,
            },
            LEAD,
        ),
        (
            f.serif,
            9.0,
            Cmyk::BLACK,
            col2,
            Rect {
                x: 220.0,
                y: 70.0,
                w: 180.0,
                h: 300.0,
            },
            LEAD,
        ),
    ] {
        let (its, text) = block(f, font, size, color, text, frame, lead);
        items.extend(its);
        expected += &text;
        expected.push('\n');
    }
    items.push(Item::Rule {
        x0: 20.0,
        y0: 60.0,
        x1: 400.0,
        y1: 60.0,
        width: 0.5,
        color: Cmyk::BLACK,
    });
    items.push(Item::Rule {
        x0: 210.0,
        y0: 70.0,
        x1: 210.0,
        y1: 370.0,
        width: 0.25,
        color: Cmyk::BLACK,
    });
    let cyan = Cmyk {
        c: 0.2,
        ..Cmyk::WHITE
    };
    items.push(Item::Rect {
        rect: Rect {
            x: 20.0,
            y: 480.0,
            w: 380.0,
            h: 24.0,
        },
        fill: Some(cyan),
        stroke: None,
    });
    // A cyan band into the bleed on the left edge.
    items.push(Item::Rect {
        rect: Rect {
            x: -9.0,
            y: 520.0,
            w: 60.0,
            h: 20.0,
        },
        fill: Some(Cmyk {
            c: 1.0,
            ..Cmyk::WHITE
        }),
        stroke: Some((Cmyk::BLACK, 0.5)),
    });
    let caption = "图为台商区矿山生态修复项目现场。（本报记者　摄）";
    let (its, text) = block(
        f,
        f.kai,
        8.0,
        Cmyk::BLACK,
        caption,
        Rect {
            x: 24.0,
            y: 484.0,
            w: 372.0,
            h: 16.0,
        },
        12.0,
    );
    items.extend(its);
    expected += &text;
    if with_image {
        items.push(Item::Image(placement()));
    }
    let page = PageFrame {
        name: "A01".into(),
        number: 1,
        width: 420.0,
        height: 595.0,
        bleed: 3.0 * MM,
        items,
    };
    (page, expected)
}

pub fn placement() -> ImagePlacement {
    ImagePlacement {
        path: PathBuf::from("photos/mine.jpg"),
        px_width: 400,
        px_height: 300,
        crop: Rect {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 300.0,
        },
        frame: Rect {
            x: 20.0,
            y: 380.0,
            w: 120.0,
            h: 90.0,
        },
    }
}

/// A 400x300 CMYK JPEG (C20 M40 Y60 K0 with a K60 stripe), written by Pillow:
/// Adobe APP14, inverted samples.
pub fn cmyk_jpeg(dir: &Path) -> Vec<u8> {
    let path = dir.join("cmyk.jpg");
    let script = format!(
        "from PIL import Image, ImageDraw\n\
         im = Image.new('CMYK', (400, 300), (51, 102, 153, 0))\n\
         ImageDraw.Draw(im).rectangle([0, 250, 399, 299], fill=(0, 0, 0, 153))\n\
         im.save({:?}, quality=92)\n",
        path.to_str().unwrap()
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(path).unwrap()
}

/// A prepared image as the colour stage hands it over.
pub fn prepared(jpeg: &[u8], frame: Rect, shown: Rect) -> PreparedImage {
    let ppi = (shown.w / (frame.w / 72.0)).min(shown.h / (frame.h / 72.0));
    PreparedImage {
        width: 400,
        height: 300,
        filter: ImageFilter::Dct,
        data: jpeg.to_vec(),
        invert: true,
        shown,
        effective_ppi: ppi,
        notes: vec![],
    }
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("paiban-render-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the sample page with the given options.
pub fn render(f: &Faces, opts: &PrintOptions, dir: &Path) -> (Rendered, String) {
    let jpeg = cmyk_jpeg(dir);
    let (page, expected) = sample_page(f, true);
    let mut prep = |p: &ImagePlacement| Ok(prepared(&jpeg, p.frame, p.crop));
    let r = write_pdf_with(&[&page], &f.book, opts, &info(), &mut prep).unwrap();
    (r, expected)
}

pub fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}"));
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    s += &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), s)
}

pub fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
