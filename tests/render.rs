//! Render stage: hand-built pages → PDF/X files, checked with lopdf, poppler
//! (pdftotext, pdftoppm) and the project's preflight.

use paiban::layout::{Cmyk, Glyph, ImagePlacement, Item, PageFrame, Rect, TextRun};
use paiban::render::image::{ImageFilter, PreparedImage};
use paiban::render::{write_pdf_with, DocInfo, PdfStandard, PrintOptions, Rendered};
use paiban::text::{FontBook, FontId};
use std::path::{Path, PathBuf};
use std::process::Command;

const MM: f32 = 72.0 / 25.4;

/// Fonts, page builders and helpers shared by the tests.
mod support {
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

    /// The shipped newsprint profile once it exists, else Ghostscript's CMYK output profile.
    pub fn profile() -> PathBuf {
        let shipped = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/icc/paiban-newsprint-ifra26.icc"
        ));
        if shipped.exists() {
            return shipped.to_owned();
        }
        PathBuf::from("/usr/share/color/icc/ghostscript/default_cmyk.icc")
    }

    pub fn options(standard: PdfStandard) -> PrintOptions {
        PrintOptions {
            standard,
            output_profile: Some(profile()),
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

    /// The test page: a coloured headline, two justified body columns in Song, a
    /// caption in Kai on a 20 % cyan box, rules, a photo. Returns the expected text
    /// in reading order.
    pub fn sample_page(f: &Faces, with_image: bool) -> (PageFrame, String) {
        let article = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/bench/articles/01.txt"
        ))
        .unwrap();
        let mut paras = article.lines();
        let headline = paras.next().unwrap().to_owned();
        let body: String = paras.take(2).collect();
        let (col1, col2) =
            body.split_at(body.char_indices().nth(body.chars().count() / 2).unwrap().0);
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
                14.0,
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
                14.0,
            ),
        ] {
            let (its, text) = block(f, font, size, color, text, frame, lead);
            items.extend(its);
            expected += &text;
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
}

mod structure {
    use super::support::*;
    use super::*;
    use lopdf::{Dictionary, Document, Object};

    fn load(bytes: &[u8]) -> Document {
        Document::load_mem(bytes).expect("lopdf reads our PDF")
    }

    fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).unwrap(),
            o => o,
        }
    }

    fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Dictionary {
        match deref(
            doc,
            d.get(key)
                .unwrap_or_else(|_| panic!("no /{}", String::from_utf8_lossy(key))),
        ) {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            o => panic!("/{} is {o:?}", String::from_utf8_lossy(key)),
        }
    }

    fn text(doc: &Document, d: &Dictionary, key: &[u8]) -> String {
        match deref(doc, d.get(key).unwrap()) {
            Object::String(b, _) => {
                if b.starts_with(&[0xfe, 0xff]) {
                    let u: Vec<u16> = b[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&u).unwrap()
                } else {
                    String::from_utf8(b.clone()).unwrap()
                }
            }
            o => panic!("not a string: {o:?}"),
        }
    }

    fn rect(doc: &Document, d: &Dictionary, key: &[u8]) -> Vec<f32> {
        let arr = deref(doc, d.get(key).unwrap()).as_array().unwrap();
        arr.iter().map(|o| o.as_float().unwrap()).collect()
    }

    fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a [u8] {
        deref(doc, d.get(key).unwrap()).as_name().unwrap()
    }

    fn first_page(doc: &Document) -> &Dictionary {
        let (_, id) = doc.get_pages().into_iter().next().unwrap();
        doc.get_dictionary(id).unwrap()
    }

    #[test]
    fn x1a_header_info_and_output_intent() {
        let f = faces();
        let dir = temp_dir("x1a");
        let (r, _) = render(&f, &options(PdfStandard::X1a2001), &dir);
        assert!(
            r.bytes.starts_with(b"%PDF-1.3\n"),
            "header {:?}",
            &r.bytes[..9]
        );
        let doc = load(&r.bytes);
        let info = dict(&doc, &doc.trailer, b"Info");
        assert_eq!(text(&doc, info, b"GTS_PDFXVersion"), "PDF/X-1:2001");
        assert_eq!(text(&doc, info, b"GTS_PDFXConformance"), "PDF/X-1a:2001");
        assert_eq!(text(&doc, info, b"Title"), "漳州台商 2022-10-28 A01");
        assert_eq!(text(&doc, info, b"CreationDate"), "D:20221028000000Z");
        assert_eq!(text(&doc, info, b"ModDate"), "D:20221028000000Z");
        assert_eq!(name(&doc, info, b"Trapped"), b"False");
        assert!(text(&doc, info, b"Producer").starts_with("paiban"));
        let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
        assert_eq!(id.len(), 2);
        assert!(doc.trailer.get(b"Encrypt").is_err());

        let root = dict(&doc, &doc.trailer, b"Root");
        let intents = deref(&doc, root.get(b"OutputIntents").unwrap())
            .as_array()
            .unwrap();
        assert_eq!(intents.len(), 1);
        let oi = match deref(&doc, &intents[0]) {
            Object::Dictionary(d) => d,
            o => panic!("{o:?}"),
        };
        assert_eq!(name(&doc, oi, b"S"), b"GTS_PDFX");
        assert_eq!(text(&doc, oi, b"OutputConditionIdentifier"), "IFRA26");
        assert_eq!(text(&doc, oi, b"RegistryName"), "http://www.color.org");
        assert!(text(&doc, oi, b"OutputCondition").contains("IFRA26"));
        assert!(!text(&doc, oi, b"Info").is_empty());
        let icc = dict(&doc, oi, b"DestOutputProfile");
        assert_eq!(icc.get(b"N").unwrap().as_i64().unwrap(), 4);
        assert!(root.get(b"Metadata").is_err(), "X-1a writes no XMP");
    }

    #[test]
    fn x4_header_xmp_and_profile() {
        let f = faces();
        let dir = temp_dir("x4");
        let (r, _) = render(&f, &options(PdfStandard::X4), &dir);
        assert!(r.bytes.starts_with(b"%PDF-1.6\n"));
        let doc = load(&r.bytes);
        let info = dict(&doc, &doc.trailer, b"Info");
        assert_eq!(text(&doc, info, b"GTS_PDFXVersion"), "PDF/X-4");
        assert!(info.get(b"GTS_PDFXConformance").is_err());
        let root = dict(&doc, &doc.trailer, b"Root");
        let meta = match deref(&doc, root.get(b"Metadata").unwrap()) {
            Object::Stream(s) => String::from_utf8(s.content.clone()).unwrap(),
            o => panic!("{o:?}"),
        };
        assert!(
            meta.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"),
            "{meta}"
        );
        assert!(meta.contains("2022-10-28T00:00:00Z"), "{meta}");
        assert!(meta.contains("<pdf:Trapped>False</pdf:Trapped>"), "{meta}");
        let profile = std::fs::read(profile()).unwrap();
        let intents = deref(&doc, root.get(b"OutputIntents").unwrap())
            .as_array()
            .unwrap();
        let oi = match deref(&doc, &intents[0]) {
            Object::Dictionary(d) => d,
            o => panic!("{o:?}"),
        };
        let icc = match deref(&doc, oi.get(b"DestOutputProfile").unwrap()) {
            Object::Stream(s) => s.decompressed_content().unwrap(),
            o => panic!("{o:?}"),
        };
        assert_eq!(icc, profile, "the plant's profile is embedded unchanged");
    }

    #[test]
    fn boxes_with_and_without_crop_marks() {
        let f = faces();
        let (page, _) = sample_page(&f, false);
        let bleed = 3.0 * MM;
        for marks in [false, true] {
            let opts = PrintOptions {
                crop_marks: marks,
                ..options(PdfStandard::X1a2001)
            };
            let r = write_pdf_with(
                &[&page, &page],
                &f.book,
                &opts,
                &info(),
                &mut |_| unreachable!(),
            )
            .unwrap();
            let doc = load(&r.bytes);
            assert_eq!(doc.get_pages().len(), 2);
            for (_, id) in doc.get_pages() {
                let p = doc.get_dictionary(id).unwrap();
                let (media, bleedb, trim) = (
                    rect(&doc, p, b"MediaBox"),
                    rect(&doc, p, b"BleedBox"),
                    rect(&doc, p, b"TrimBox"),
                );
                let close = |a: f32, b: f32| (a - b).abs() < 0.01;
                assert!(
                    close(trim[2] - trim[0], 420.0) && close(trim[3] - trim[1], 595.0),
                    "trim {trim:?}"
                );
                for i in 0..2 {
                    assert!(
                        close(trim[i] - bleedb[i], bleed)
                            && close(bleedb[i + 2] - trim[i + 2], bleed),
                        "bleed {bleedb:?}"
                    );
                }
                if marks {
                    assert!(
                        media[0] == 0.0 && bleedb[0] > 15.0,
                        "room for marks: {media:?} {bleedb:?}"
                    );
                    assert!(
                        close(media[2] - bleedb[2], bleedb[0])
                            && close(media[3] - bleedb[3], bleedb[1])
                    );
                } else {
                    assert_eq!(media, bleedb);
                }
            }
        }
    }

    #[test]
    fn pages_of_different_sizes_are_refused() {
        let f = faces();
        let (a, _) = sample_page(&f, false);
        let b = PageFrame {
            width: 400.0,
            name: "A02".into(),
            ..a.clone()
        };
        let e = write_pdf_with(
            &[&a, &b],
            &f.book,
            &options(PdfStandard::X1a2001),
            &info(),
            &mut |_| unreachable!(),
        )
        .unwrap_err();
        assert_eq!(e.code, "E0401");
        assert!(e.message.contains("A02"), "{}", e.message);
    }

    /// Every colour operator is DeviceCMYK; pure black text sits under the overprint
    /// ExtGState (OP, op true, OPM 1), coloured text and the white-free fills do not.
    #[test]
    fn cmyk_only_and_black_text_overprints() {
        let f = faces();
        let dir = temp_dir("op");
        let (r, _) = render(&f, &options(PdfStandard::X1a2001), &dir);
        let doc = load(&r.bytes);
        let (_, page_id) = doc.get_pages().into_iter().next().unwrap();
        let content =
            lopdf::content::Content::decode(&doc.get_page_content(page_id).unwrap()).unwrap();
        let page = first_page(&doc);
        let res = dict(&doc, page, b"Resources");
        let gstates = dict(&doc, res, b"ExtGState");
        let op_of = |n: &[u8]| {
            let g = dict(&doc, gstates, n);
            let b = |k: &[u8]| g.get(k).unwrap().as_bool().unwrap();
            (b(b"OP"), b(b"op"), g.get(b"OPM").unwrap().as_i64().unwrap())
        };
        let mut overprint = (false, false, 0);
        let mut fill = vec![0.0f32; 4];
        let (mut black_op, mut colour_text) = (0, 0);
        for op in &content.operations {
            match op.operator.as_str() {
                "rg" | "RG" | "g" | "G" | "cs" | "CS" | "sc" | "scn" | "SC" | "SCN" => {
                    panic!("non-CMYK operator {op:?}")
                }
                "gs" => overprint = op_of(op.operands[0].as_name().unwrap()),
                "k" => fill = op.operands.iter().map(|o| o.as_float().unwrap()).collect(),
                "TJ" | "Tj" => {
                    if fill == [0.0, 0.0, 0.0, 1.0] {
                        assert_eq!(overprint, (true, true, 1), "K text must overprint");
                        black_op += 1;
                    } else {
                        assert_eq!(overprint.1, false, "coloured text must knock out");
                        colour_text += 1;
                    }
                }
                "f" if fill.iter().all(|v| *v == 0.0) => assert!(!overprint.1, "white overprints"),
                _ => {}
            }
        }
        assert!(
            black_op > 10 && colour_text >= 1,
            "{black_op} black runs, {colour_text} coloured"
        );
        let xobjects = dict(&doc, res, b"XObject");
        for (_, o) in xobjects.iter() {
            let im = match deref(&doc, o) {
                Object::Stream(s) => &s.dict,
                o => panic!("{o:?}"),
            };
            assert_eq!(name(&doc, im, b"ColorSpace"), b"DeviceCMYK");
            assert_eq!(name(&doc, im, b"Filter"), b"DCTDecode");
            assert_eq!(
                rect(&doc, im, b"Decode"),
                [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]
            );
        }
    }

    /// One subset Type0/CIDFont per face, the right font program per outline kind,
    /// ToUnicode with every character of the page (U+3000 included).
    #[test]
    fn fonts_embedded_as_subsets_with_to_unicode() {
        let f = faces();
        let dir = temp_dir("fonts");
        let (r, expected) = render(&f, &options(PdfStandard::X1a2001), &dir);
        let doc = load(&r.bytes);
        let res = dict(&doc, first_page(&doc), b"Resources");
        let fonts = dict(&doc, res, b"Font");
        assert_eq!(fonts.len(), 3);
        let mut mapped = String::new();
        let mut kinds = vec![];
        for (_, o) in fonts.iter() {
            let t0 = match deref(&doc, o) {
                Object::Dictionary(d) => d,
                o => panic!("{o:?}"),
            };
            assert_eq!(name(&doc, t0, b"Subtype"), b"Type0");
            assert_eq!(name(&doc, t0, b"Encoding"), b"Identity-H");
            let base = String::from_utf8(name(&doc, t0, b"BaseFont").to_vec()).unwrap();
            assert!(
                base.len() > 7
                    && base.as_bytes()[6] == b'+'
                    && base[..6].chars().all(|c| c.is_ascii_uppercase()),
                "{base}"
            );
            let desc_arr = deref(&doc, t0.get(b"DescendantFonts").unwrap())
                .as_array()
                .unwrap();
            let cid = match deref(&doc, &desc_arr[0]) {
                Object::Dictionary(d) => d,
                o => panic!("{o:?}"),
            };
            let fd = dict(&doc, cid, b"FontDescriptor");
            match name(&doc, cid, b"Subtype") {
                b"CIDFontType0" => {
                    assert_eq!(
                        name(&doc, dict(&doc, fd, b"FontFile3"), b"Subtype"),
                        b"CIDFontType0C"
                    );
                    kinds.push("cff");
                }
                b"CIDFontType2" => {
                    assert!(fd.get(b"FontFile2").is_ok());
                    assert_eq!(name(&doc, cid, b"CIDToGIDMap"), b"Identity");
                    kinds.push("ttf");
                }
                k => panic!("{k:?}"),
            }
            let file = fd
                .get(b"FontFile3")
                .or_else(|_| fd.get(b"FontFile2"))
                .unwrap();
            let size = match deref(&doc, file) {
                Object::Stream(s) => s.decompressed_content().unwrap().len(),
                o => panic!("{o:?}"),
            };
            assert!(
                size < 400_000,
                "{base}: font program {size} bytes, not a subset"
            );
            let cmap = match deref(&doc, t0.get(b"ToUnicode").unwrap()) {
                Object::Stream(s) => String::from_utf8(s.decompressed_content().unwrap()).unwrap(),
                o => panic!("{o:?}"),
            };
            mapped += &cmap_chars(&cmap);
        }
        kinds.sort();
        assert_eq!(kinds, ["cff", "cff", "ttf"]);
        for c in expected.chars() {
            assert!(
                mapped.contains(c),
                "{c:?} (U+{:04X}) missing from ToUnicode",
                c as u32
            );
        }
        assert!(mapped.contains('\u{3000}'));
    }

    /// The Unicode side of every `<gid> <utf16>` line of a ToUnicode CMap.
    fn cmap_chars(cmap: &str) -> String {
        let mut out = String::new();
        for line in cmap.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            if parts.len() == 2 && parts[0].starts_with('<') && parts[1].starts_with('<') {
                let hex = parts[1].trim_matches(|c| c == '<' || c == '>');
                let u: Vec<u16> = (0..hex.len() / 4)
                    .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap())
                    .collect();
                out += &String::from_utf16(&u).unwrap();
            }
        }
        out
    }

    #[test]
    fn byte_identical_on_a_second_run() {
        let f = faces();
        let dir = temp_dir("det");
        let (a, _) = render(&f, &options(PdfStandard::X1a2001), &dir);
        let f2 = faces();
        let (b, _) = render(&f2, &options(PdfStandard::X1a2001), &dir);
        assert!(a.bytes == b.bytes, "two runs differ");
        let (c, _) = render(&f, &options(PdfStandard::X4), &dir);
        let (d, _) = render(&f, &options(PdfStandard::X4), &dir);
        assert!(c.bytes == d.bytes, "two X-4 runs differ");
        // A different title changes the file and its ID.
        let (page, _) = sample_page(&f, false);
        let other = DocInfo {
            title: "other".into(),
            ..info()
        };
        let e = write_pdf_with(
            &[&page],
            &f.book,
            &options(PdfStandard::X1a2001),
            &other,
            &mut |_| unreachable!(),
        )
        .unwrap();
        let g = write_pdf_with(
            &[&page],
            &f.book,
            &options(PdfStandard::X1a2001),
            &info(),
            &mut |_| unreachable!(),
        )
        .unwrap();
        assert_ne!(e.bytes, g.bytes);
        let id = |b: &[u8]| {
            load(b).trailer.get(b"ID").unwrap().as_array().unwrap()[0]
                .as_str()
                .unwrap()
                .to_vec()
        };
        assert_ne!(id(&e.bytes), id(&g.bytes));
    }

    #[test]
    fn low_resolution_image_is_reported() {
        let f = faces();
        let dir = temp_dir("ppi");
        let jpeg = cmyk_jpeg(&dir);
        let (mut page, _) = sample_page(&f, false);
        let mut p = placement();
        p.frame = Rect {
            x: 20.0,
            y: 100.0,
            w: 300.0,
            h: 225.0,
        };
        page.items.push(Item::Image(p));
        let mut prep = |p: &ImagePlacement| Ok(prepared(&jpeg, p.frame, p.crop));
        let r = write_pdf_with(
            &[&page],
            &f.book,
            &options(PdfStandard::X1a2001),
            &info(),
            &mut prep,
        )
        .unwrap();
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        let d = &r.diagnostics[0];
        assert_eq!(d.code, "W0301");
        assert!(
            d.message.contains("photos/mine.jpg") && d.message.contains("96 ppi"),
            "{}",
            d.message
        );
        let (r, _) = render(&f, &options(PdfStandard::X1a2001), &dir);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }
}

mod poppler {
    use super::support::*;
    use super::*;

    /// pdftotext gives the page text in reading order: headline, column 1, column 2,
    /// caption; no doubled or missing characters.
    #[test]
    fn extracted_text_equals_the_article() {
        let f = faces();
        let dir = temp_dir("text");
        let (r, expected) = render(&f, &options(PdfStandard::X1a2001), &dir);
        let pdf = dir.join("page.pdf");
        std::fs::write(&pdf, &r.bytes).unwrap();
        for mode in ["-raw", "-layout"] {
            let out = dir.join("page.txt");
            let (ok, msg) = run(
                "pdftotext",
                &[
                    mode,
                    "-enc",
                    "UTF-8",
                    pdf.to_str().unwrap(),
                    out.to_str().unwrap(),
                ],
            );
            assert!(ok, "{msg}");
            let got = std::fs::read_to_string(&out).unwrap();
            // poppler turns U+3000 into an ASCII space (pdf-stack.md, "Text note").
            let want = strip_ws(&expected);
            if mode == "-raw" {
                assert_eq!(strip_ws(&got), want);
            } else {
                let mut a: Vec<char> = strip_ws(&got).chars().collect();
                let mut b: Vec<char> = want.chars().collect();
                a.sort();
                b.sort();
                assert!(a == b, "-layout text has other characters:\n{got}");
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
}
