//! Sample-like pages written as PDFs for looking at.

use super::support::*;
use paiban::content::Article;
use paiban::layout::*;
use std::path::Path;
use std::sync::Arc;

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
