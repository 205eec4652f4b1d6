//! Speed and size of a full Berliner page (run with `--release -- --ignored --nocapture`);
//! prints figures, asserts nothing about time.

use super::support::*;
use super::*;

#[test]
#[ignore]
fn full_page_write_time() {
    let f = faces();
    let dir = temp_dir("bench");
    let jpeg = cmyk_jpeg(&dir);
    let mut text = String::new();
    for i in 1..=9 {
        let p = format!(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/bench/articles/{:02}.txt"
            ),
            i
        );
        text += &std::fs::read_to_string(p)
            .unwrap_or_default()
            .replace('\n', "");
    }
    let chars: Vec<char> = text.chars().collect();
    let (w, h) = (315.0 * 72.0 / 25.4, 470.0 * 72.0 / 25.4);
    let mut items = vec![];
    let per_col = chars.len().min(9000) / 6;
    for col in 0..6 {
        let s: String = chars[col * per_col..(col + 1) * per_col].iter().collect();
        let frame = Rect {
            x: 30.0 + col as f32 * 140.0,
            y: 120.0,
            w: 130.0,
            h: 1180.0,
        };
        items.extend(block(&f, f.serif, 9.0, Cmyk::BLACK, &s, frame, 13.0).0);
    }
    let head = block(
        &f,
        f.sans_bold,
        40.0,
        Cmyk {
            m: 1.0,
            y: 1.0,
            ..Cmyk::WHITE
        },
        "坚定不移推进绿色高质量发展",
        Rect {
            x: 30.0,
            y: 30.0,
            w: 830.0,
            h: 60.0,
        },
        50.0,
    );
    items.extend(head.0);
    let mut p = placement();
    p.frame = Rect {
        x: 590.0,
        y: 900.0,
        w: 100.0,
        h: 75.0,
    };
    items.push(Item::Image(p));
    let page = PageFrame {
        name: "A01".into(),
        number: 1,
        width: w,
        height: h,
        bleed: 3.0 * MM,
        items,
    };
    let mut times = vec![];
    let mut size = 0;
    for _ in 0..10 {
        let t = std::time::Instant::now();
        let mut prep = |p: &ImagePlacement| Ok(prepared(&jpeg, p.frame, p.crop));
        let r = write_pdf_with(
            &[&page],
            &f.book,
            &options(PdfStandard::X1a2001),
            &info(),
            &mut prep,
        )
        .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        size = r.bytes.len();
        std::fs::write(dir.join("full.pdf"), &r.bytes).unwrap();
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "full page: {} chars, {size} bytes, write median {:.1} ms (min {:.1}) -> {}",
        per_col * 6,
        times[5],
        times[0],
        dir.join("full.pdf").display()
    );
}
