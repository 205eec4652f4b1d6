//! Checks through poppler and the project's preflight.

use super::support::*;
use super::*;
use paiban::diag::Severity;

/// pdftotext gives the page text with no doubled or missing characters: `-raw`
/// (content order) exactly in reading order — headline, column 1, column 2,
/// caption; the default mode with every column and block whole, line by line;
/// `-layout` with the same characters.
#[test]
fn extracted_text_equals_the_article() {
    let f = faces();
    let dir = temp_dir("text");
    let (r, expected) = render(&f, &options(PdfStandard::X1a2001), &dir);
    let pdf = dir.join("page.pdf");
    std::fs::write(&pdf, &r.bytes).unwrap();
    // poppler turns U+3000 into an ASCII space (pdf-stack.md, "Text note").
    let want = strip_ws(&expected);
    for mode in ["-raw", "", "-layout"] {
        let out = dir.join("page.txt");
        let mut args = vec![
            "-enc",
            "UTF-8",
            pdf.to_str().unwrap(),
            out.to_str().unwrap(),
        ];
        if !mode.is_empty() {
            args.insert(0, mode);
        }
        let (ok, msg) = run("pdftotext", &args);
        assert!(ok, "{msg}");
        let got = strip_ws(&std::fs::read_to_string(&out).unwrap());
        match mode {
            "-raw" => assert_eq!(got, want),
            "" => {
                assert_eq!(got.chars().count(), want.chars().count(), "{got}");
                for block in expected.lines() {
                    assert!(
                        got.contains(&strip_ws(block)),
                        "block not whole: {block}\n{got}"
                    );
                }
            }
            _ => {
                let mut a: Vec<char> = got.chars().collect();
                let mut b: Vec<char> = want.chars().collect();
                a.sort();
                b.sort();
                assert!(a == b, "-layout text has other characters:\n{got}");
            }
        }
    }
}

/// The page renders; the CMYK photo is not inverted (Decode) and lands in its frame.
#[test]
fn renders_with_the_photo_in_place() {
    let f = faces();
    let dir = temp_dir("png");
    let (r, _) = render(&f, &options(PdfStandard::X1a2001), &dir);
    let pdf = dir.join("page.pdf");
    std::fs::write(&pdf, &r.bytes).unwrap();
    let (ok, msg) = run(
        "pdftoppm",
        &[
            "-r",
            "72",
            "-cropbox",
            pdf.to_str().unwrap(),
            dir.join("p").to_str().unwrap(),
        ],
    );
    assert!(ok, "{msg}");
    let ppm = std::fs::read(dir.join("p-1.ppm")).unwrap();
    let (w, h, px) = parse_ppm(&ppm);
    let margin = 3.0 * MM;
    let at = |x: f32, y: f32| {
        let (i, j) = ((x + margin) as usize, (y + margin) as usize);
        assert!(i < w && j < h);
        let o = (j * w + i) * 3;
        (px[o], px[o + 1], px[o + 2])
    };
    // Photo body: C20 M40 Y60 → a light warm tone, red > green > blue.
    let (r0, g0, b0) = at(80.0, 400.0);
    assert!(
        r0 > 150 && r0 > g0 && g0 > b0,
        "photo pixel {:?}",
        (r0, g0, b0)
    );
    // K60 stripe at the photo's bottom, darker than the body.
    let (r1, _, _) = at(80.0, 465.0);
    assert!(r1 < r0 - 60, "stripe {r1} vs body {r0}");
    // Outside the frame: paper.
    assert_eq!(at(160.0, 400.0), (255, 255, 255));
}

fn parse_ppm(b: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = vec![];
    let mut i = 0;
    while fields.len() < 4 {
        while b[i].is_ascii_whitespace() {
            i += 1;
        }
        let s = i;
        while !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&b[s..i]).unwrap().to_owned());
    }
    assert_eq!(fields[0], "P6");
    (
        fields[1].parse().unwrap(),
        fields[2].parse().unwrap(),
        &b[i + 1..],
    )
}

#[test]
fn preflight_passes_x1a_and_x4() {
    let f = faces();
    let dir = temp_dir("preflight");
    let tool = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/tools/preflight.py");
    for (std, flag) in [(PdfStandard::X1a2001, "x1a"), (PdfStandard::X4, "x4")] {
        let opts = PrintOptions {
            crop_marks: std == PdfStandard::X4,
            ..options(std)
        };
        let (r, _) = render(&f, &opts, &dir);
        let pdf = dir.join(format!("{flag}.pdf"));
        std::fs::write(&pdf, &r.bytes).unwrap();
        let (ok, out) = run(
            "python3",
            &[
                tool,
                "--tac",
                "240",
                "--standard",
                flag,
                "--expect-condition",
                "IFRA26",
                pdf.to_str().unwrap(),
            ],
        );
        assert!(
            ok && out.contains("preflight: 11/11 checks pass"),
            "{flag}:\n{out}"
        );
    }
}

/// The real pipeline: `write_pdf` with the colour stage's `prepare_image` (a CMYK
/// JPEG passed through, an RGB PNG converted to the shipped newsprint profile)
/// passes preflight, and the JPEG bytes are embedded unchanged.
#[test]
fn write_pdf_with_real_images_passes_preflight() {
    let f = faces();
    let dir = temp_dir("real");
    let jpeg = cmyk_jpeg(&dir);
    let png = dir.join("rgb.png");
    let rgb = image::RgbImage::from_fn(600, 400, |x, y| {
        image::Rgb([(x * 255 / 599) as u8, (y * 255 / 399) as u8, 40])
    });
    rgb.save(&png).unwrap();
    let (mut page, _) = sample_page(&f, false);
    let mut jp = placement();
    jp.path = dir.join("cmyk.jpg");
    let mut pp = ImagePlacement {
        path: png.clone(),
        px_width: 600,
        px_height: 400,
        ..placement()
    };
    pp.crop = Rect {
        x: 0.0,
        y: 0.0,
        w: 600.0,
        h: 400.0,
    };
    pp.frame = Rect {
        x: 200.0,
        y: 380.0,
        w: 150.0,
        h: 100.0,
    };
    page.items.push(Item::Image(jp));
    page.items.push(Item::Image(pp));
    let r = paiban::render::write_pdf(&[&page], &f.book, &options(PdfStandard::X1a2001), &info())
        .unwrap();
    let warnings: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "N0301").collect();
    assert!(
        notes
            .iter()
            .any(|d| d.file.as_deref() == Some(png.as_path())),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|d| d.message.contains("passed through")),
        "{notes:?}"
    );
    assert!(
        r.bytes.windows(jpeg.len()).any(|w| w == jpeg.as_slice()),
        "CMYK JPEG re-encoded"
    );
    let pdf = dir.join("real.pdf");
    paiban::render::write_file_atomic(&pdf, &r.bytes).unwrap();
    let tool = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/tools/preflight.py");
    let (ok, out) = run("python3", &[tool, "--tac", "240", pdf.to_str().unwrap()]);
    assert!(ok && out.contains("preflight: 11/11 checks pass"), "{out}");
    let (ok, list) = run("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert!(ok, "{list}");
    let cmyk = list.lines().filter(|l| l.contains(" cmyk ")).count();
    assert_eq!(cmyk, 2, "{list}");
}
