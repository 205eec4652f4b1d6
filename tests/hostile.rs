//! Hostile input (issue 7): the real binary on copies of the sample issue with one thing
//! broken each time — articles, images, fonts, layouts, pages, the output folder. Every
//! case must end with exit 1 or 2 and a message naming the file, never a panic or a
//! signal, and the PDFs of the previous good build in the output folder must stay
//! byte-identical. Inputs that are unusual but valid (CMYK, grey, 16-bit, alpha, indexed
//! PNG, progressive JPEG) must build. Page invariants are property tests (`pages`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

mod support;
use support::{copy_dir, edit, stderr};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE: &str = "samples/zhangzhou-2022-10";
const ISSUE: &str = "samples/zhangzhou-2022-10/issue.toml";
const ART: &str = "samples/zhangzhou-2022-10/articles";
const IMG: &str = "samples/zhangzhou-2022-10/images";
const A01: &str = "samples/zhangzhou-2022-10/pages/a01.toml";
const LAYOUT: &str = "layouts/tabloid.toml";

/// A temporary copy of the sample, removed when dropped (also when a test fails).
struct Tmp(PathBuf);

impl std::ops::Deref for Tmp {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `T/samples/zhangzhou-2022-10`, `T/layouts`, `T/fonts` (a folder of links to the
/// repository's fonts, so that one can be replaced), `T/icc` linked.
fn sample_copy(name: &str) -> Tmp {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let t = std::env::temp_dir().join(format!("paiban-hostile-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&t);
    copy_dir(&Path::new(ROOT).join(SAMPLE), &t.join(SAMPLE));
    copy_dir(&Path::new(ROOT).join("layouts"), &t.join("layouts"));
    std::fs::create_dir_all(t.join("fonts")).unwrap();
    for e in std::fs::read_dir(Path::new(ROOT).join("fonts")).unwrap() {
        let e = e.unwrap();
        std::os::unix::fs::symlink(e.path(), t.join("fonts").join(e.file_name())).unwrap();
    }
    std::os::unix::fs::symlink(Path::new(ROOT).join("icc"), t.join("icc")).unwrap();
    Tmp(t)
}

fn paiban(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paiban"))
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args)
        .output()
        .unwrap()
}

/// 1-based line of the first line of `path` that contains `text`.
fn line_in(path: &Path, text: &str) -> usize {
    let body = std::fs::read_to_string(path).unwrap();
    let at = body.lines().position(|l| l.contains(text.trim()));
    at.unwrap_or_else(|| panic!("`{text}` not in {}", path.display())) + 1
}

/// PDFs in a folder, by name.
fn pdfs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// The files of one good build of the untouched sample (built once), by name.
fn good_files() -> &'static BTreeMap<String, Vec<u8>> {
    static GOOD: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    GOOD.get_or_init(|| {
        let t = sample_copy("good");
        let o = paiban(&t, &["build", ISSUE, "-o", "out"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "the sample must build: {}",
            stderr(&o)
        );
        std::fs::read_dir(t.join("out"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect()
    })
}

/// The good build's PDFs.
fn good_pdfs() -> BTreeMap<String, Vec<u8>> {
    good_files()
        .iter()
        .filter(|(n, _)| n.ends_with(".pdf"))
        .map(|(n, b)| (n.clone(), b.clone()))
        .collect()
}

/// Writes the good build's files into `dir`.
fn put_good(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, bytes) in good_files() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// A sample copy whose `out/` holds the good build's files.
fn with_good_out(name: &str) -> Tmp {
    let t = sample_copy(name);
    put_good(&t.join("out"));
    t
}

/// Neither a panic nor a signal.
fn no_crash(o: &Output) {
    let err = stderr(o);
    assert!(o.status.signal().is_none(), "killed by a signal: {err}");
    assert!(!err.contains("panicked at"), "panicked: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "panicked: {err}");
}

/// Runs `build` into `out`, which holds the good build: the run fails with exit 1 or 2
/// and a message containing `expect`, the good PDFs are untouched and no temporary
/// file is left. Returns stderr.
fn fails(t: &Path, extra: &[&str], expect: &str) -> String {
    let mut args = vec!["build", ISSUE, "-o", "out"];
    args.extend_from_slice(extra);
    let o = paiban(t, &args);
    no_crash(&o);
    let err = stderr(&o);
    let code = o.status.code();
    assert!(matches!(code, Some(1 | 2)), "exit {code:?}: {err}");
    assert!(
        err.contains("error[") || err.contains("warning["),
        "no message: {err}"
    );
    assert!(err.contains(expect), "`{expect}` not in: {err}");
    let before = good_pdfs();
    let after = pdfs(&t.join("out"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &before {
        assert!(after[name] == *bytes, "{name} changed by a failed build");
    }
    let left: Vec<_> = std::fs::read_dir(t.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    err
}

/// Runs `build` into a fresh `out`: exit 0 with every page written. Returns stderr.
fn builds(t: &Path) -> String {
    let o = paiban(t, &["build", ISSUE, "-o", "out"]);
    no_crash(&o);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(pdfs(&t.join("out")).len(), 3, "{err}");
    err
}

mod articles {
    use super::*;

    /// Adds `text` to the first body paragraph of `ditie.md`.
    fn into_ditie(t: &Path, text: &str) {
        edit(
            &t.join(ART).join("ditie.md"),
            "本报讯　近日，",
            &format!("本报讯　近日，{text}"),
        );
    }

    #[test]
    fn emoji_rtl_and_unassigned_code_points_are_missing_glyphs_with_their_place() {
        let t = with_good_out("emoji");
        into_ditie(&t, "😀👨‍👩‍👧 שלום عربي \u{10FFFF}\u{1FFFE}");
        let err = fails(
            &t,
            &[],
            "error[E0301]: no glyph for `😀` (U+1F600) in article `ditie`",
        );
        for c in ["U+05E9", "U+0639", "U+10FFFF", "U+1FFFE"] {
            assert!(err.contains(c), "{c} not reported: {err}");
        }
        let line = line_in(&t.join(ART).join("ditie.md"), "本报讯　近日");
        assert!(err.contains(&format!("articles/ditie.md:{line}:")), "{err}");
    }

    #[test]
    fn control_and_bidi_characters_are_errors_at_their_line_and_column() {
        let t = with_good_out("controls");
        // A BEL, an escape, NUL, a right-to-left override, a tag character; then in the
        // headline an escaped BEL.
        into_ditie(&t, "\u{7}\u{1b}[31m\u{0}\u{202E}\u{E0001}");
        let p = t.join(ART).join("ditie.md");
        edit(&p, "headline = \"", "headline = \"\\u0007");
        let err = fails(
            &t,
            &[],
            "error[E0111]: article `ditie` holds U+0007, a control character, in the body",
        );
        let line = line_in(&p, "本报讯　近日");
        // `into_ditie` inserts after 本报讯　近日， (seven characters): the BEL is column 8.
        assert!(
            err.contains(&format!("articles/ditie.md:{line}:8")),
            "{err}"
        );
        for what in [
            "U+001B, a control",
            "U+0000, a control",
            "U+202E, a bidirectional",
            "U+E0001, a tag",
            "U+0007, a control character, in `headline`",
        ] {
            assert!(err.contains(what), "{what} not reported: {err}");
        }
    }

    #[test]
    fn combining_marks_zero_width_joiners_and_noncharacters_do_not_crash() {
        let t = with_good_out("combining");
        // Combining acutes on a Han character, a lone zero-width joiner, a noncharacter
        // (no glyph: E0301), a Latin letter with five combining marks.
        into_ditie(
            &t,
            "中\u{301}\u{301}\u{200D}\u{FFFF}e\u{301}\u{302}\u{303}\u{304}\u{305}",
        );
        fails(&t, &[], "error[E0301]: no glyph for");
    }

    #[test]
    fn invalid_utf8_is_rejected_naming_the_file() {
        let t = with_good_out("utf8");
        let p = t.join(ART).join("ditie.md");
        let mut bytes = std::fs::read(&p).unwrap();
        bytes.extend_from_slice(b"\n\n\xff\xfe\xc3(");
        std::fs::write(&p, bytes).unwrap();
        let err = fails(&t, &[], "is not UTF-8 text");
        assert!(err.contains("articles/ditie.md"), "{err}");
    }

    #[test]
    fn an_empty_article_and_one_with_front_matter_only_are_errors() {
        let t = with_good_out("empty");
        std::fs::write(t.join(ART).join("zhaoshang.md"), "").unwrap();
        let err = fails(&t, &[], "error[E0110]: article `zhaoshang` is empty");
        assert!(err.contains("articles/zhaoshang.md:1:1"), "{err}");
        std::fs::write(
            t.join(ART).join("zhaoshang.md"),
            "+++\nheadline = \"标题\"\n+++\n\n",
        )
        .unwrap();
        fails(
            &t,
            &[],
            "error[E0110]: article `zhaoshang` has no body text",
        );
    }

    #[test]
    fn a_100k_character_paragraph_finishes_and_is_an_overset_error() {
        let t = with_good_out("long");
        let p = t.join(ART).join("zhaoshang.md");
        let mut text = std::fs::read_to_string(&p).unwrap();
        let para: String = "这是一个很长的段落，测试排版引擎。"
            .chars()
            .cycle()
            .take(100_000)
            .collect();
        // Also a 100k run without any break opportunity.
        text += &format!("\n\n{para}\n\n{}\n", "a".repeat(100_000));
        std::fs::write(&p, text).unwrap();
        // Thousands of lines over what the blocks hold: an error (E0208) even without
        // --strict, so the build fails and the good pages stay.
        fails(&t, &[], "error[E0208]: article `zhaoshang` is overset");
    }

    #[test]
    fn unclosed_front_matter_points_at_the_file() {
        let t = with_good_out("unclosed");
        let p = t.join(ART).join("ditie.md");
        let text = std::fs::read_to_string(&p).unwrap();
        let cut = text.rfind("+++").unwrap();
        std::fs::write(&p, &text[..cut]).unwrap();
        fails(&t, &[], "articles/ditie.md:1:1");
    }
}

mod images {
    use super::*;
    use image::{ImageBuffer, Luma, LumaA, Rgb, Rgba};

    /// Points `ditie.md`'s photo at `name` (written into the images folder).
    fn use_image(t: &Path, name: &str, bytes: &[u8]) {
        std::fs::write(t.join(IMG).join(name), bytes).unwrap();
        edit(&t.join(ART).join("ditie.md"), "ditie-standin.jpg", name);
    }

    fn png<P, C>(img: &ImageBuffer<P, C>) -> Vec<u8>
    where
        P: image::Pixel + image::PixelWithColorType,
        [P::Subpixel]: image::EncodableLayout,
        C: std::ops::Deref<Target = [P::Subpixel]>,
    {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90u8]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]) {
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        let mut c = !0u32;
        for &b in kind.iter().chain(body) {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
        }
        out.extend_from_slice(&(!c).to_be_bytes());
    }

    /// A PNG with the given header and `rows` of raw scanlines.
    fn raw_png(w: u32, h: u32, depth: u8, color: u8, plte: Option<&[u8]>, rows: &[u8]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = w.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[depth, color, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        if let Some(p) = plte {
            chunk(&mut out, b"PLTE", p);
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, rows).unwrap();
        chunk(&mut out, b"IDAT", &z.finish().unwrap());
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn truncated_corrupt_and_non_images_are_errors_naming_the_file() {
        let good = jpeg(800, 600);
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("cut.jpg", good[..good.len() / 2].to_vec()),
            ("cut.png", {
                let p = png(&ImageBuffer::from_fn(800, 600, |x, y| {
                    Rgb([x as u8, y as u8, 7u8])
                }));
                p[..p.len() / 2].to_vec()
            }),
            ("garbage.jpg", b"\xff\xd8\xff\xe0garbage".repeat(40)),
            (
                "garbage.png",
                [&b"\x89PNG\r\n\x1a\n"[..], &[0u8; 300]].concat(),
            ),
            ("text.jpg", b"this is not an image at all".to_vec()),
            ("empty.png", vec![]),
        ];
        for (name, bytes) in cases {
            let t = with_good_out(name);
            use_image(&t, name, &bytes);
            let err = fails(&t, &[], "E0302");
            assert!(err.contains(&format!("images/{name}")), "{name}: {err}");
        }
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header() {
        // 100 000 × 100 000 RGB declared, a few bytes of data.
        let bomb = raw_png(100_000, 100_000, 8, 2, None, &[0; 64]);
        let t = with_good_out("bomb");
        use_image(&t, "bomb.png", &bomb);
        let err = fails(&t, &[], "is too large: 100000×100000 pixels");
        assert!(err.contains("images/bomb.png"), "{err}");
        // A JPEG header claiming 65 000 × 65 000.
        let mut j = jpeg(64, 48);
        let sof = j.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        j[sof + 5..sof + 9].copy_from_slice(&[0xFD, 0xE8, 0xFD, 0xE8]);
        let t = with_good_out("bomb-jpeg");
        use_image(&t, "bomb.jpg", &j);
        fails(&t, &[], "images/bomb.jpg");
    }

    #[test]
    fn a_one_pixel_image_is_too_coarse_to_print() {
        for (name, bytes) in [
            (
                "one.png",
                png(&ImageBuffer::from_pixel(1, 1, Rgb([200u8, 10, 10]))),
            ),
            ("one.jpg", jpeg(1, 1)),
        ] {
            let t = with_good_out(name);
            use_image(&t, name, &bytes);
            fails(&t, &[], "too coarse to print");
        }
    }

    #[test]
    fn grey_16_bit_alpha_indexed_png_cmyk_and_progressive_jpeg_build() {
        let (w, h) = (1200u32, 900u32);
        let grad = |x: u32, y: u32| ((x * 255 / w + y * 255 / h) / 2) as u8;
        let mut rows = vec![];
        for y in 0..h {
            rows.push(0u8);
            rows.extend(
                (0..w)
                    .map(|x| (grad(x, y) >> 6) & 3)
                    .collect::<Vec<_>>()
                    .chunks(4)
                    .map(|c| {
                        c.iter()
                            .enumerate()
                            .fold(0u8, |a, (i, &v)| a | (v << (6 - 2 * i)))
                    }),
            );
        }
        let palette = [0u8, 0, 0, 200, 30, 30, 30, 200, 30, 250, 250, 250];
        let fixtures = Path::new(ROOT).join("tests/hostile");
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "grey.png",
                png(&ImageBuffer::from_fn(w, h, |x, y| Luma([grad(x, y)]))),
            ),
            (
                "grey16.png",
                png(&ImageBuffer::from_fn(w, h, |x, y| {
                    Luma([u16::from(grad(x, y)) * 257])
                })),
            ),
            (
                "greyalpha.png",
                png(&ImageBuffer::from_fn(w, h, |x, y| {
                    LumaA([grad(x, y), 128u8])
                })),
            ),
            (
                "rgba16.png",
                png(&ImageBuffer::from_fn(w, h, |x, y| {
                    Rgba([u16::from(grad(x, y)) * 257, 9000u16, 30000, 40000])
                })),
            ),
            ("indexed.png", raw_png(w, h, 2, 3, Some(&palette), &rows)),
            (
                "progressive.jpg",
                std::fs::read(fixtures.join("progressive.jpg")).unwrap(),
            ),
            (
                "cmyk.jpg",
                std::fs::read(fixtures.join("cmyk.jpg")).unwrap(),
            ),
        ];
        for (name, bytes) in cases {
            let t = sample_copy(name);
            use_image(&t, name, &bytes);
            // The 64 × 48 fixtures print under `min_ppi` (a warning), not under a quarter of it.
            edit(&t.join(LAYOUT), "min_ppi = 200", "min_ppi = 8");
            let err = builds(&t);
            assert!(
                err.contains(&format!("images/{name}")),
                "{name} not used: {err}"
            );
        }
    }

    #[test]
    fn a_missing_image_names_the_article_line() {
        let t = with_good_out("missing-image");
        edit(
            &t.join(ART).join("ditie.md"),
            "ditie-standin.jpg",
            "nope.jpg",
        );
        let err = fails(&t, &[], "cannot read image");
        assert!(err.contains("articles/ditie.md:"), "{err}");
    }
}

mod fonts {
    use super::*;

    /// `layouts/tabloid.toml:L:8`, the place of the font's `path` value.
    fn font_line(t: &Path, font: &str) -> String {
        format!("layouts/tabloid.toml:{}:8", line_in(&t.join(LAYOUT), font))
    }

    fn replace_font(t: &Path, name: &str, bytes: &[u8]) {
        let p = t.join("fonts").join(name);
        std::fs::remove_file(&p).unwrap();
        std::fs::write(&p, bytes).unwrap();
    }

    #[test]
    fn a_missing_font_is_an_error_at_its_layout_line() {
        let t = with_good_out("font-missing");
        std::fs::remove_file(t.join("fonts/NotoSerifCJKsc-Regular.otf")).unwrap();
        let err = fails(&t, &[], "error[E0303]: cannot read font");
        assert!(
            err.contains(&font_line(&t, "NotoSerifCJKsc-Regular")),
            "{err}"
        );
    }

    #[test]
    fn corrupt_and_truncated_fonts_are_errors_at_their_layout_line() {
        let real = std::fs::read(Path::new(ROOT).join("fonts/NotoSerifCJKsc-Regular.otf")).unwrap();
        for (what, bytes) in [
            ("garbage", b"not a font, just words".repeat(100)),
            ("truncated", real[..5000].to_vec()),
            ("half", real[..real.len() / 2].to_vec()),
        ] {
            let t = with_good_out(what);
            replace_font(&t, "NotoSerifCJKsc-Regular.otf", &bytes);
            let err = fails(&t, &[], "error[E0303]");
            assert!(
                err.contains(&font_line(&t, "NotoSerifCJKsc-Regular")),
                "{what}: {err}"
            );
        }
    }

    #[test]
    fn a_font_without_chinese_is_a_clear_error() {
        let t = with_good_out("latin-font");
        let latin = Path::new(ROOT).join("tests/hostile/latin-only.ttf");
        replace_font(&t, "LXGWWenKai-Regular.ttf", &std::fs::read(latin).unwrap());
        let err = fails(&t, &[], "it does not cover Chinese");
        assert!(err.contains(&font_line(&t, "LXGWWenKai")), "{err}");
    }
}

mod layouts {
    use super::*;

    /// Applies one edit to `file` and checks the failure points at `place`: `NAME:` for
    /// the file only, `NAME:L:` or `NAME:L:C` for the line the edit wrote (`L` is found
    /// in the edited file, so that the sample may change) and column `C`.
    fn case(name: &str, file: &str, from: &str, to: &str, expect: &str, place: &str) {
        let t = with_good_out(name);
        edit(&t.join(file), from, to);
        let err = fails(&t, &[], expect);
        let parts: Vec<&str> = place.split(':').collect();
        let place = match parts[..] {
            [name, _, col] => {
                let new = to
                    .lines()
                    .find(|l| !from.lines().any(|f| f == *l))
                    .unwrap_or(to);
                format!("{name}:{}:{col}", line_in(&t.join(file), new))
            }
            _ => place.to_owned(),
        };
        assert!(err.contains(&place), "{name}: `{place}` not in {err}");
    }

    #[test]
    fn zero_negative_and_too_small_sizes() {
        case(
            "zero-cols",
            LAYOUT,
            "columns = 6",
            "columns = 0",
            "`grid.columns` is 0",
            "tabloid.toml:15:11",
        );
        case(
            "neg-col",
            LAYOUT,
            "column = \"11字\"",
            "column = \"-11字\"",
            "E0105",
            "tabloid.toml:16:10",
        );
        case(
            "half-char",
            LAYOUT,
            "column = \"11字\"",
            "column = \"0.5字\"",
            "whole number of 字",
            "tabloid.toml:16:10",
        );
        case(
            "zero-body",
            LAYOUT,
            "body = \"小五\"",
            "body = \"0pt\"",
            "E0105",
            "tabloid.toml:18:",
        );
        case(
            "neg-pitch",
            LAYOUT,
            "line_pitch = \"13.5pt\"",
            "line_pitch = \"-13.5pt\"",
            "error[",
            "tabloid.toml:19:",
        );
        case(
            "zero-paper",
            LAYOUT,
            "name = \"4开\"",
            "size = [\"0mm\", \"-5mm\"]",
            "error[",
            "tabloid.toml:",
        );
        case(
            "huge-gutter",
            LAYOUT,
            "gutter = \"1字\"",
            "gutter = \"900字\"",
            "E0108",
            "tabloid.toml:",
        );
        let more = [
            (
                "no-char-col",
                "column = \"11字\"",
                "column = \"0字\"",
                "cannot hold one character",
                ":16:10",
            ),
            (
                "neg-margin",
                "top = \"14mm\"",
                "top = \"-14mm\"",
                "`margins.top` is -39.69 pt",
                ":10:7",
            ),
            (
                "neg-bleed",
                "bleed = \"3mm\"",
                "bleed = \"-3mm\"",
                "`bleed` is -8.50 pt",
                ":7:9",
            ),
            (
                "neg-ppi",
                "max_ppi = 400",
                "max_ppi = -1",
                "`print.max_ppi` is -1.00",
                ":106:11",
            ),
            (
                "zero-size",
                "size = \"四号\"",
                "size = \"0pt\"",
                "`styles.kicker.size` is 0.00 pt",
                ":43:8",
            ),
            (
                "zero-leading",
                "leading = \"1.2em\"",
                "leading = \"0em\"",
                "`styles.headline.leading`",
                ":51:11",
            ),
            (
                "inf-length",
                "top = \"14mm\"",
                "top = \"1e99mm\"",
                "error[E010",
                ":10:7",
            ),
            (
                "tight-pitch",
                "line_pitch = \"13.5pt\"",
                "line_pitch = \"5pt\"",
                "smaller than the body size",
                ":19:",
            ),
        ];
        for (name, from, to, expect, place) in more {
            case(
                name,
                LAYOUT,
                from,
                to,
                expect,
                &format!("tabloid.toml{place}"),
            );
        }
    }

    #[test]
    fn wrong_types_and_unknown_keys() {
        case(
            "type",
            LAYOUT,
            "columns = 6",
            "columns = \"six\"",
            "error[E0103]",
            "tabloid.toml:15:11",
        );
        case(
            "unknown",
            LAYOUT,
            "columns = 6",
            "columns = 6\ncolums = 6",
            "unknown key `colums`",
            "tabloid.toml:16:1",
        );
        case(
            "syntax",
            LAYOUT,
            "columns = 6",
            "columns = = 6",
            "error[E0101]",
            "tabloid.toml:15:",
        );
        case(
            "page-type",
            A01,
            "number = 1",
            "number = \"一\"",
            "error[E0103]",
            "a01.toml:",
        );
        case(
            "page-unknown",
            A01,
            "section = ",
            "sectoin = ",
            "error[E0102]",
            "a01.toml:",
        );
    }

    #[test]
    fn blocks_outside_the_page_reversed_or_overlapping() {
        case(
            "cols-out",
            A01,
            "cols = [4, 6]",
            "cols = [4, 9]",
            "error[E0108]",
            "a01.toml:",
        );
        case(
            "lines-out",
            A01,
            "lines = [54, 72]",
            "lines = [54, 99]",
            "outside the 72 body lines",
            "a01.toml:",
        );
        case(
            "reversed",
            A01,
            "lines = [54, 72]",
            "lines = [72, 54]",
            "error[E0108]",
            "a01.toml:",
        );
        case(
            "negative",
            A01,
            "cols = [4, 6]",
            "cols = [-4, 6]",
            "error[E0108]",
            "a01.toml:",
        );
        case(
            "huge",
            A01,
            "lines = [54, 72]",
            "lines = [54, 99999999999]",
            "error[",
            "a01.toml:",
        );
        case(
            "overlap",
            A01,
            "lines = [34, 52]",
            "lines = [30, 60]",
            "error[E0207]: blocks",
            "a01.toml:",
        );
    }

    #[test]
    fn a_photo_outside_its_block_is_reported() {
        case(
            "photo-out",
            A01,
            "cols = [1, 2]\nlines = [11, 19]",
            "cols = [1, 7]\nlines = [11, 19]",
            "error[",
            "a01.toml:",
        );
    }
}

mod paths {
    use super::*;

    #[test]
    fn devices_and_fifos_are_refused_not_read() {
        let t = with_good_out("devices");
        edit(
            &t.join(ART).join("ditie.md"),
            "../images/ditie-standin.jpg",
            "/dev/zero",
        );
        fails(&t, &[], "cannot read image `/dev/zero`: not a regular file");
        let t = with_good_out("fifo");
        let fifo = t.join(IMG).join("fifo.jpg");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        edit(
            &t.join(ART).join("ditie.md"),
            "ditie-standin.jpg",
            "fifo.jpg",
        );
        fails(&t, &[], "not a regular file");
        let t = with_good_out("font-device");
        edit(
            &t.join(LAYOUT),
            "\"../fonts/NotoSerifCJKsc-Regular.otf\"",
            "\"/dev/zero\"",
        );
        fails(&t, &[], "cannot read font `/dev/zero`: not a regular file");
        let t = with_good_out("article-device");
        edit(&t.join(A01), "../articles/ditie.md", "/dev/zero");
        fails(
            &t,
            &[],
            "cannot read article `/dev/zero`: not a regular file",
        );
        // `paiban lines` reads its file the same way.
        for file in [PathBuf::from("/dev/zero"), fifo] {
            let o = paiban(&t, &["lines", file.to_str().unwrap()]);
            no_crash(&o);
            assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
            assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
        }
    }
}

#[path = "hostile/output.rs"]
mod output;

#[path = "hostile/pages.rs"]
mod pages;
