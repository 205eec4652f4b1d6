//! PDF structure read back with lopdf: PDF/X keys, boxes, colour, overprint,
//! fonts, images, determinism.

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
    let icc = match deref(&doc, oi.get(b"DestOutputProfile").unwrap()) {
        Object::Stream(s) => s.decompressed_content().unwrap(),
        o => panic!("{o:?}"),
    };
    assert!(
        icc == paiban::render::image::SHIPPED_PROFILE,
        "no profile given: the shipped one"
    );
    let desc = paiban::render::image::ColorConverter::shipped().description();
    assert_eq!(text(&doc, oi, b"Info"), desc);
}

#[test]
fn x4_header_xmp_and_profile() {
    let f = faces();
    let dir = temp_dir("x4");
    let opts = PrintOptions {
        output_profile: Some(plant_profile()),
        ..options(PdfStandard::X4)
    };
    let (r, _) = render(&f, &opts, &dir);
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
    let profile = std::fs::read(plant_profile()).unwrap();
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
                    close(trim[i] - bleedb[i], bleed) && close(bleedb[i + 2] - trim[i + 2], bleed),
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
    let content = lopdf::content::Content::decode(&doc.get_page_content(page_id).unwrap()).unwrap();
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
                    assert!(!overprint.1, "coloured text must knock out");
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
    for c in expected.chars().filter(|c| *c != '\n') {
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

/// Widths (1/1000 em) of a Type0 font by CID, from `/DW` and `/W`.
fn cid_widths(doc: &Document, t0: &Dictionary) -> (f32, std::collections::BTreeMap<u16, f32>) {
    let desc = deref(doc, t0.get(b"DescendantFonts").unwrap())
        .as_array()
        .unwrap();
    let cid = match deref(doc, &desc[0]) {
        Object::Dictionary(d) => d,
        o => panic!("{o:?}"),
    };
    let dw = cid
        .get(b"DW")
        .map(|o| o.as_float().unwrap())
        .unwrap_or(1000.0);
    let mut map = std::collections::BTreeMap::new();
    let w = deref(doc, cid.get(b"W").unwrap()).as_array().unwrap();
    let mut i = 0;
    while i < w.len() {
        let first = w[i].as_i64().unwrap() as u16;
        match deref(doc, &w[i + 1]) {
            Object::Array(ws) => {
                for (k, v) in ws.iter().enumerate() {
                    map.insert(first + k as u16, v.as_float().unwrap());
                }
                i += 2;
            }
            o => {
                let last = o.as_i64().unwrap() as u16;
                for c in first..=last {
                    map.insert(c, w[i + 2].as_float().unwrap());
                }
                i += 3;
            }
        }
    }
    (dw, map)
}

/// Replays `Tf`, `Tm` and `TJ` with the fonts' `/W` and returns the origin of
/// every glyph drawn, in PDF user space, in stream order.
fn glyph_origins(doc: &Document) -> Vec<(f32, f32)> {
    let (_, page_id) = doc.get_pages().into_iter().next().unwrap();
    let content = lopdf::content::Content::decode(&doc.get_page_content(page_id).unwrap()).unwrap();
    let fonts = dict(doc, dict(doc, first_page(doc), b"Resources"), b"Font");
    let (mut widths, mut size, mut tm) = ((1000.0, Default::default()), 0.0, (0.0, 0.0));
    let mut out = vec![];
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                let t0 = match deref(doc, fonts.get(op.operands[0].as_name().unwrap()).unwrap()) {
                    Object::Dictionary(d) => d,
                    o => panic!("{o:?}"),
                };
                widths = cid_widths(doc, t0);
                size = op.operands[1].as_float().unwrap();
            }
            "Tm" => {
                tm = (
                    op.operands[4].as_float().unwrap(),
                    op.operands[5].as_float().unwrap(),
                )
            }
            "TJ" => {
                let mut pen = tm.0;
                for item in op.operands[0].as_array().unwrap() {
                    match item {
                        Object::String(b, _) => {
                            for c in b.chunks(2) {
                                out.push((pen, tm.1));
                                let cid = u16::from_be_bytes([c[0], c[1]]);
                                pen +=
                                    widths.1.get(&cid).copied().unwrap_or(widths.0) * size / 1000.0;
                            }
                        }
                        n => pen -= n.as_float().unwrap() * size / 1000.0,
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Every glyph lands where the frame put it (within 0.001 pt).
#[test]
fn glyphs_land_on_their_positions() {
    let f = faces();
    let (page, _) = sample_page(&f, false);
    let r = write_pdf_with(
        &[&page],
        &f.book,
        &options(PdfStandard::X1a2001),
        &info(),
        &mut |_| unreachable!(),
    )
    .unwrap();
    let got = glyph_origins(&load(&r.bytes));
    let m = 3.0 * MM;
    let want: Vec<(f32, f32)> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .flat_map(|run| {
            run.glyphs
                .iter()
                .map(move |g| (m + run.x + g.x, m + 595.0 - run.y))
        })
        .collect();
    assert_eq!(got.len(), want.len());
    let worst = got
        .iter()
        .zip(&want)
        .map(|(a, b)| (a.0 - b.0).abs().max((a.1 - b.1).abs()))
        .fold(0.0, f32::max);
    assert!(worst < 0.001, "worst glyph error {worst} pt");
}

/// A cropped picture: the `shown` pixels fill the frame, and the frame clips.
#[test]
fn cropped_image_maps_shown_onto_frame() {
    let f = faces();
    let dir = temp_dir("crop");
    let jpeg = cmyk_jpeg(&dir);
    let mut page = PageFrame {
        name: "A01".into(),
        number: 1,
        width: 420.0,
        height: 595.0,
        bleed: 3.0 * MM,
        items: vec![],
    };
    let mut p = placement();
    p.crop = Rect {
        x: 100.0,
        y: 50.0,
        w: 200.0,
        h: 150.0,
    };
    p.frame = Rect {
        x: 40.0,
        y: 60.0,
        w: 100.0,
        h: 75.0,
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
    let doc = load(&r.bytes);
    let (_, page_id) = doc.get_pages().into_iter().next().unwrap();
    let ops = lopdf::content::Content::decode(&doc.get_page_content(page_id).unwrap())
        .unwrap()
        .operations;
    let nums = |o: &lopdf::content::Operation| {
        o.operands
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect::<Vec<f32>>()
    };
    let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
    let at = names.iter().position(|n| *n == "re").unwrap();
    assert_eq!(names[at..at + 5], ["re", "W", "n", "cm", "Do"]);
    let m = 3.0 * MM;
    let top = m + 595.0;
    // Clip = the frame.
    let clip = nums(&ops[at]);
    let want_clip = [m + 40.0, top - 135.0, 100.0, 75.0];
    assert!(
        clip.iter()
            .zip(want_clip)
            .all(|(a, b)| (a - b).abs() < 0.01),
        "{clip:?}"
    );
    // Image space: 0.5 pt per pixel, pixel (100, 50) at the frame's top-left.
    let cm = nums(&ops[at + 3]);
    let want_cm = [
        200.0,
        0.0,
        0.0,
        150.0,
        m + 40.0 - 50.0,
        top - 60.0 + 25.0 - 150.0,
    ];
    assert!(
        cm.iter().zip(want_cm).all(|(a, b)| (a - b).abs() < 0.01),
        "{cm:?} vs {want_cm:?}"
    );
}

/// Raw CMYK samples go in as `/FlateDecode`, without `/Decode`.
#[test]
fn flate_image_is_written_as_raw_cmyk() {
    let f = faces();
    let samples: Vec<u8> = (0..8 * 6).flat_map(|i| [i as u8 * 4, 64, 128, 0]).collect();
    let mut enc = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::default());
    std::io::Write::write_all(&mut enc, &samples).unwrap();
    let data = enc.finish().unwrap();
    let mut page = PageFrame {
        name: "A01".into(),
        number: 1,
        width: 420.0,
        height: 595.0,
        bleed: 3.0 * MM,
        items: vec![],
    };
    let mut p = placement();
    p.frame = Rect {
        x: 40.0,
        y: 60.0,
        w: 2.0,
        h: 1.5,
    };
    page.items.push(Item::Image(p));
    let mut prep = |_: &ImagePlacement| {
        let shown = Rect {
            x: 0.0,
            y: 0.0,
            w: 8.0,
            h: 6.0,
        };
        Ok(PreparedImage {
            width: 8,
            height: 6,
            filter: ImageFilter::Flate,
            data: data.clone(),
            invert: false,
            shown,
            effective_ppi: 288.0,
            notes: vec![],
        })
    };
    let r = write_pdf_with(
        &[&page],
        &f.book,
        &options(PdfStandard::X1a2001),
        &info(),
        &mut prep,
    )
    .unwrap();
    let doc = load(&r.bytes);
    let xo = dict(&doc, dict(&doc, first_page(&doc), b"Resources"), b"XObject");
    let (_, o) = xo.iter().next().unwrap();
    let s = match deref(&doc, o) {
        Object::Stream(s) => s,
        o => panic!("{o:?}"),
    };
    assert_eq!(name(&doc, &s.dict, b"Filter"), b"FlateDecode");
    assert_eq!(name(&doc, &s.dict, b"ColorSpace"), b"DeviceCMYK");
    assert!(s.dict.get(b"Decode").is_err());
    assert_eq!(s.decompressed_content().unwrap(), samples);
}

/// Two pages share one font object per face; each face is embedded once with
/// the glyphs of both pages.
#[test]
fn fonts_are_shared_across_pages() {
    let f = faces();
    let (a, text_a) = sample_page(&f, false);
    let mut b = a.clone();
    let (items, text_b) = block(
        &f,
        f.serif,
        9.0,
        Cmyk::BLACK,
        "第二版独有的字：鑫淼犇骉",
        Rect {
            x: 20.0,
            y: 70.0,
            w: 180.0,
            h: 30.0,
        },
        14.0,
    );
    b.items = items;
    let r = write_pdf_with(
        &[&a, &b],
        &f.book,
        &options(PdfStandard::X1a2001),
        &info(),
        &mut |_| unreachable!(),
    )
    .unwrap();
    let doc = load(&r.bytes);
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let serif_of = |id| {
        let res = dict(&doc, doc.get_dictionary(id).unwrap(), b"Resources");
        let fonts = dict(&doc, res, b"Font");
        fonts
            .get(format!("F{}", f.serif.0).as_bytes())
            .unwrap()
            .as_reference()
            .unwrap()
    };
    assert_eq!(serif_of(pages[0]), serif_of(pages[1]));
    let descriptors = doc.objects.values().filter(|o| matches!(o, Object::Dictionary(d) if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))).count();
    assert_eq!(descriptors, 3);
    let serif = match doc.get_object(serif_of(pages[0])).unwrap() {
        Object::Dictionary(d) => d,
        o => panic!("{o:?}"),
    };
    let cmap = match deref(&doc, serif.get(b"ToUnicode").unwrap()) {
        Object::Stream(s) => String::from_utf8(s.decompressed_content().unwrap()).unwrap(),
        o => panic!("{o:?}"),
    };
    let mapped = cmap_chars(&cmap);
    for c in text_a
        .chars()
        .chain(text_b.chars())
        .filter(|c| *c as u32 >= 0x4E00)
    {
        // Serif glyphs of page 1 (headline and caption are other faces) and page 2.
        if text_b.contains(c) {
            assert!(
                mapped.contains(c),
                "{c} of page 2 missing from the shared subset"
            );
        }
    }
    assert!(mapped.contains('鑫') && mapped.contains('强'));
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

#[test]
fn a_profile_that_is_not_cmyk_output_is_refused() {
    let f = faces();
    let (page, _) = sample_page(&f, false);
    for bad in [
        "/usr/share/color/icc/ghostscript/default_rgb.icc",
        "/nonexistent/plant.icc",
    ] {
        let opts = PrintOptions {
            output_profile: Some(bad.into()),
            ..options(PdfStandard::X1a2001)
        };
        let e =
            write_pdf_with(&[&page], &f.book, &opts, &info(), &mut |_| unreachable!()).unwrap_err();
        assert_eq!(e.code, "E0402", "{bad}: {e}");
        assert_eq!(e.file.as_deref(), Some(Path::new(bad)));
    }
}
