//! The sample issue (`samples/zhangzhou-2022-10`), built once through the binary: the
//! files it writes, the PDF structure (lopdf), the extracted text (poppler), preflight
//! and reference renders (`tests/ref/sample-<page>.png`, re-blessed with `UPDATE=1`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    reason = "test helpers fail loudly"
)]

use lopdf::{Dictionary, Document, Object};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE: &str = "samples/zhangzhou-2022-10";
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
/// Page size of `layouts/tabloid.toml` (4开 272 × 390 mm) and its 3 mm bleed, in pt.
const MM: f32 = 72.0 / 25.4;
const TRIM: (f32, f32) = (272.0 * MM, 390.0 * MM);
const BLEED: f32 = 3.0 * MM;
/// Reference renders: 20 dpi grey, quantised to 16 levels (small files, no
/// anti-aliasing noise), compared pixel by pixel.
const REF_DPI: &str = "20";
/// A pixel "differs" when its grey level moves by two quantisation steps (34 of 255)
/// or more: a one-step flip is rasteriser noise…
const PIXEL_DELTA: i32 = 24;
/// …and a page matches its reference while at most this many pixels differ. A
/// deterministic build differs in none; deleting one character at the head of a
/// paragraph (which reflows all its lines) moves 25 on A01
/// (`a_one_character_edit_exceeds_the_tolerance`).
const MAX_DIFFERING: usize = 6;

/// The sample built into a temp dir, once per test binary.
struct Built {
    dir: PathBuf,
    /// Page PDFs in issue order, with their page names (A01, …).
    pages: Vec<(String, PathBuf)>,
}

fn paiban_build(issue: &Path, out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    let o = Command::new(env!("CARGO_BIN_EXE_paiban"))
        .args([
            "build",
            issue.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .expect("run paiban");
    assert!(
        o.status.success(),
        "paiban build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn built() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("paiban-sample-{}", std::process::id()));
        paiban_build(&Path::new(ROOT).join(SAMPLE).join("issue.toml"), &dir);
        let pages = page_pdfs(&dir);
        Built { dir, pages }
    })
}

/// The page PDFs of a build, from its manifest, with their page names.
fn page_pdfs(dir: &Path) -> Vec<(String, PathBuf)> {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    m["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "page")
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let stem = file.trim_end_matches(".pdf");
            let name = stem.rsplit('-').next().unwrap().to_owned();
            (name, dir.join(file))
        })
        .collect()
}

fn shared_present(test: &str) -> bool {
    let ok = Path::new(SHARED).is_dir();
    if !ok {
        eprintln!("skipping {test}: {SHARED} is absent (it holds the preflight tool)");
    }
    ok
}

fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let o = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} cannot run ({e}); install poppler-utils"));
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr),
    )
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn build_writes_pages_proof_manifest_and_report() {
    let b = built();
    assert!(b.pages.len() >= 2, "{:?}", b.pages);
    for (_, p) in &b.pages {
        assert!(
            std::fs::metadata(p).unwrap().len() > 10_000,
            "{}",
            p.display()
        );
    }
    let names: Vec<String> = std::fs::read_dir(&b.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with("-proof.pdf")), "{names:?}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(b.dir.join("report.json")).unwrap()).unwrap();
    let articles = report["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 7);
    for a in articles {
        assert_eq!(a["overset_lines"], 0, "{a}");
    }
    let proof = names.iter().find(|n| n.ends_with("-proof.pdf")).unwrap();
    let doc = Document::load(b.dir.join(proof)).unwrap();
    assert_eq!(doc.get_pages().len(), b.pages.len());
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap()
}

fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Dictionary {
    match deref(doc, d.get(key).unwrap()) {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        o => panic!("{o:?}"),
    }
}

fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    deref(doc, d.get(key).unwrap()).as_name().unwrap()
}

fn rect(doc: &Document, d: &Dictionary, key: &[u8]) -> Vec<f32> {
    let a = deref(doc, d.get(key).unwrap()).as_array().unwrap();
    a.iter().map(|o| o.as_float().unwrap()).collect()
}

/// TrimBox 272 × 390 mm inside a BleedBox 3 mm larger on every side.
#[test]
fn page_boxes_are_trim_and_bleed() {
    for (n, path) in &built().pages {
        let doc = Document::load(path).unwrap();
        let (_, id) = doc.get_pages().into_iter().next().unwrap();
        let p = doc.get_dictionary(id).unwrap();
        let (trim, bleed) = (rect(&doc, p, b"TrimBox"), rect(&doc, p, b"BleedBox"));
        let close = |a: f32, b: f32| (a - b).abs() < 0.01;
        assert!(
            close(trim[2] - trim[0], TRIM.0) && close(trim[3] - trim[1], TRIM.1),
            "{n}: trim {trim:?}"
        );
        for i in 0..2 {
            assert!(
                close(trim[i] - bleed[i], BLEED) && close(bleed[i + 2] - trim[i + 2], BLEED),
                "{n}: bleed {bleed:?} around trim {trim:?}"
            );
        }
    }
}

/// Every font a Type0 subset (`ABCDEF+Name`) with an embedded program and ToUnicode.
#[test]
fn fonts_are_embedded_subsets_with_to_unicode() {
    for (n, path) in &built().pages {
        let doc = Document::load(path).unwrap();
        let (_, id) = doc.get_pages().into_iter().next().unwrap();
        let page = doc.get_dictionary(id).unwrap();
        let fonts = dict(&doc, dict(&doc, page, b"Resources"), b"Font");
        assert!(fonts.len() >= 4, "{n}: {} fonts", fonts.len());
        for (_, o) in fonts.iter() {
            let Object::Dictionary(t0) = deref(&doc, o) else {
                panic!("{n}: {o:?}")
            };
            assert_eq!(name(&doc, t0, b"Subtype"), b"Type0");
            let base = String::from_utf8(name(&doc, t0, b"BaseFont").to_vec()).unwrap();
            assert!(
                base.len() > 7
                    && base.as_bytes()[6] == b'+'
                    && base[..6].chars().all(|c| c.is_ascii_uppercase()),
                "{n}: {base} is not a subset name"
            );
            let Object::Stream(cmap) = deref(&doc, t0.get(b"ToUnicode").unwrap()) else {
                panic!("{n}: {base} ToUnicode is not a stream")
            };
            let cmap = String::from_utf8(cmap.decompressed_content().unwrap()).unwrap();
            assert!(cmap.contains("beginbfchar") || cmap.contains("beginbfrange"));
            let desc = deref(&doc, t0.get(b"DescendantFonts").unwrap())
                .as_array()
                .unwrap();
            let Object::Dictionary(cid) = deref(&doc, &desc[0]) else {
                panic!("{n}: {base}")
            };
            let fd = dict(&doc, cid, b"FontDescriptor");
            let file = fd.get(b"FontFile3").or_else(|_| fd.get(b"FontFile2"));
            let Ok(Object::Stream(s)) = file.map(|f| deref(&doc, f)) else {
                panic!("{n}: {base} has no embedded font program")
            };
            let size = s.decompressed_content().unwrap().len();
            assert!(
                size < 2_000_000,
                "{n}: {base} program {size} bytes: not a subset"
            );
        }
    }
}

/// Only DeviceCMYK: no RGB/grey operators or colour spaces, every image DeviceCMYK.
#[test]
fn only_device_cmyk() {
    for (n, path) in &built().pages {
        let doc = Document::load(path).unwrap();
        let (_, id) = doc.get_pages().into_iter().next().unwrap();
        let content = lopdf::content::Content::decode(&doc.get_page_content(id).unwrap()).unwrap();
        let mut k = 0;
        for op in &content.operations {
            match op.operator.as_str() {
                "rg" | "RG" | "g" | "G" | "cs" | "CS" | "sc" | "scn" | "SC" | "SCN" => {
                    panic!("{n}: non-CMYK colour operator {op:?}")
                }
                "k" | "K" => k += 1,
                _ => {}
            }
        }
        assert!(k > 0, "{n}: no CMYK colour set");
        for (_, o) in doc.objects.iter() {
            let d = match o {
                Object::Stream(s) => &s.dict,
                Object::Dictionary(d) => d,
                _ => continue,
            };
            if d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image") {
                assert_eq!(name(&doc, d, b"ColorSpace"), b"DeviceCMYK", "{n}: image");
            }
            for (key, v) in d.iter() {
                if let Ok(v) = v.as_name() {
                    assert!(
                        !matches!(v, b"DeviceRGB" | b"DeviceGray" | b"CalRGB" | b"Lab"),
                        "{n}: /{} /{}",
                        String::from_utf8_lossy(key),
                        String::from_utf8_lossy(v)
                    );
                }
            }
        }
    }
}

/// The type hierarchy of each page: the lead's 主题 at 一号 (26 pt) is the largest
/// size, body 小五 (9 pt) the most used, captions and credits at 六号 (7.5 pt) the
/// smallest, the 版名 at 小四 (12 pt) (layouts/tabloid.toml, cjk-rules §4.1, §4.5).
#[test]
fn sizes_follow_the_hierarchy() {
    for (n, path) in &built().pages {
        let doc = Document::load(path).unwrap();
        let (_, id) = doc.get_pages().into_iter().next().unwrap();
        let content = lopdf::content::Content::decode(&doc.get_page_content(id).unwrap()).unwrap();
        let mut sizes: Vec<(f32, usize)> = vec![];
        for op in content.operations.iter().filter(|o| o.operator == "Tf") {
            let s = op.operands[1].as_float().unwrap();
            match sizes.iter_mut().find(|(x, _)| (*x - s).abs() < 0.01) {
                Some(e) => e.1 += 1,
                None => sizes.push((s, 1)),
            }
        }
        let max = sizes.iter().map(|s| s.0).fold(0.0, f32::max);
        let min = sizes.iter().map(|s| s.0).fold(f32::MAX, f32::min);
        let most = sizes.iter().max_by_key(|s| s.1).unwrap().0;
        assert_eq!((max, most), (26.0, 9.0), "{n}: {sizes:?}");
        assert!(
            sizes.iter().any(|s| s.0 == 12.0),
            "{n}: no 版名 at 12 pt: {sizes:?}"
        );
        assert_eq!(min, 7.5, "{n}: captions not at 六号: {sizes:?}");
    }
}

/// An article file: its headline parts, body paragraphs and captions (whitespace
/// removed).
struct ArticleText {
    id: String,
    heads: Vec<String>,
    paras: Vec<String>,
    captions: Vec<String>,
}

fn articles() -> Vec<ArticleText> {
    let dir = Path::new(ROOT).join(SAMPLE).join("articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let mut parts = text.splitn(3, "+++\n");
            let (_, fm, body) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
            let fm: toml::Table = toml::from_str(fm).unwrap();
            let part = |k: &str| match fm.get(k) {
                Some(toml::Value::String(s)) => Some(strip_ws(s)),
                Some(toml::Value::Array(a)) => {
                    Some(a.iter().map(|v| strip_ws(v.as_str().unwrap())).collect())
                }
                _ => None,
            };
            ArticleText {
                id: p.file_stem().unwrap().to_string_lossy().into_owned(),
                heads: ["kicker", "headline", "subhead"]
                    .iter()
                    .filter_map(|k| part(k))
                    .collect(),
                paras: body
                    .split("\n\n")
                    .map(strip_ws)
                    .filter(|p| !p.is_empty())
                    .collect(),
                captions: fm
                    .get("photo")
                    .and_then(|p| p.as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p.get("caption").and_then(|c| c.as_str()))
                    .map(strip_ws)
                    .collect(),
            }
        })
        .collect()
}

/// The page's text in content-stream (reading) order, whitespace removed.
fn page_text(pdf: &Path) -> String {
    let (ok, out) = run("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    assert!(ok, "{out}");
    strip_ws(&out)
}

/// Every body paragraph of every article appears verbatim on the article's page, and
/// each headline part exactly once (plus the times a body or caption quotes it).
#[test]
fn text_holds_every_paragraph_and_each_headline_once() {
    let b = built();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(b.dir.join("report.json")).unwrap()).unwrap();
    let texts: Vec<(String, String)> = b
        .pages
        .iter()
        .map(|(n, p)| (n.clone(), page_text(p)))
        .collect();
    let arts = articles();
    assert_eq!(arts.len(), 7);
    for a in &arts {
        let page = report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == a.id.as_str())
            .and_then(|r| r["page"].as_str())
            .unwrap_or_else(|| panic!("{} not in report.json", a.id));
        let text = &texts.iter().find(|(n, _)| n == page).unwrap().1;
        for (i, p) in a.paras.iter().enumerate() {
            assert!(
                text.contains(p.as_str()),
                "{}: paragraph {} missing",
                a.id,
                i + 1
            );
        }
        for h in &a.heads {
            let quoted: usize = arts
                .iter()
                .flat_map(|o| o.paras.iter().chain(&o.captions))
                .map(|p| p.matches(h.as_str()).count())
                .sum();
            assert_eq!(
                text.matches(h.as_str()).count(),
                1 + quoted,
                "{}: `{h}` on page {page}",
                a.id
            );
        }
    }
}

#[test]
fn preflight_passes_on_every_page() {
    if !shared_present("preflight_passes_on_every_page") {
        return;
    }
    let tool = format!("{SHARED}/tools/preflight.py");
    for (n, p) in &built().pages {
        let (ok, out) = run("python3", &[&tool, "--tac", "240", p.to_str().unwrap()]);
        assert!(
            ok && out.contains("preflight: 11/11 checks pass"),
            "{n}:\n{out}"
        );
    }
}

/// A page rendered grey at `REF_DPI`, quantised to 16 levels: (width, height, pixels).
fn render_grey(pdf: &Path, scratch: &Path) -> (u32, u32, Vec<u8>) {
    let stem = scratch.join("render");
    let (ok, out) = run(
        "pdftoppm",
        &[
            "-r",
            REF_DPI,
            "-gray",
            "-singlefile",
            "-png",
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    let img = image::open(stem.with_extension("png")).unwrap().to_luma8();
    let (w, h) = img.dimensions();
    let px = img
        .into_raw()
        .iter()
        .map(|v| (v & 0xF0) | (v >> 4))
        .collect();
    (w, h, px)
}

fn ref_path(page: &str) -> PathBuf {
    Path::new(ROOT).join(format!("tests/ref/sample-{page}.png"))
}

fn write_ref(path: &Path, (w, h, px): &(u32, u32, Vec<u8>)) {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    use image::ImageEncoder;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, FilterType::Adaptive)
        .write_image(px, *w, *h, image::ExtendedColorType::L8)
        .unwrap();
    assert!(
        bytes.len() <= 20 * 1024,
        "{}: {} bytes",
        path.display(),
        bytes.len()
    );
    std::fs::write(path, bytes).unwrap();
}

/// Pixels that differ by more than `PIXEL_DELTA` from the reference (all of them when
/// the sizes differ).
fn differing(page: &str, got: &(u32, u32, Vec<u8>)) -> usize {
    let r = image::open(ref_path(page))
        .unwrap_or_else(|e| panic!("{page}: no reference ({e}); bless with UPDATE=1"))
        .to_luma8();
    if r.dimensions() != (got.0, got.1) {
        return got.2.len().max(1);
    }
    r.as_raw()
        .iter()
        .zip(&got.2)
        .filter(|(a, b)| (**a as i32 - **b as i32).abs() > PIXEL_DELTA)
        .count()
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("paiban-sample-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn pages_match_their_reference_renders() {
    let b = built();
    let tmp = scratch("render");
    for (n, p) in &b.pages {
        let got = render_grey(p, &tmp);
        if std::env::var_os("UPDATE").is_some() {
            write_ref(&ref_path(n), &got);
            continue;
        }
        let d = differing(n, &got);
        eprintln!("{n}: {d} pixels differ from its reference");
        assert!(
            d <= MAX_DIFFERING,
            "{n}: {d} pixels differ from tests/ref/sample-{n}.png (tolerance {MAX_DIFFERING}); \
             look at the page and re-bless with UPDATE=1 if the change is meant"
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The tolerance is tight enough: deleting one character of one paragraph (which
/// reflows it) moves the page past it.
#[test]
fn a_one_character_edit_exceeds_the_tolerance() {
    if std::env::var_os("UPDATE").is_some() {
        return;
    }
    let t = scratch("edit");
    copy_dir(&Path::new(ROOT).join(SAMPLE), &t.join(SAMPLE));
    copy_dir(&Path::new(ROOT).join("layouts"), &t.join("layouts"));
    for d in ["fonts", "icc"] {
        let _ = std::fs::remove_file(t.join(d));
        std::os::unix::fs::symlink(Path::new(ROOT).join(d), t.join(d)).unwrap();
    }
    let art = t.join(SAMPLE).join("articles/kuangshan.md");
    let text = std::fs::read_to_string(&art).unwrap();
    // The first character after the dateline of the body's first paragraph.
    let at = text.find("本报讯\u{3000}").unwrap() + "本报讯\u{3000}".len();
    let c = text[at..].chars().next().unwrap();
    let edited = format!("{}{}", &text[..at], &text[at + c.len_utf8()..]);
    std::fs::write(&art, edited).unwrap();
    let out = t.join("out");
    paiban_build(&t.join(SAMPLE).join("issue.toml"), &out);
    let pages = page_pdfs(&out);
    let (n, p) = pages.iter().find(|(n, _)| n == "A01").unwrap();
    let d = differing(n, &render_grey(p, &t));
    eprintln!("deleting `{c}` from kuangshan moves {d} pixels of {n}");
    assert!(
        d > MAX_DIFFERING,
        "deleting `{c}` moved only {d} pixels: the tolerance {MAX_DIFFERING} would hide it"
    );
    let _ = std::fs::remove_dir_all(&t);
}
