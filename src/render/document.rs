//! One PDF/X file from painted pages: every file of an issue (a page, the proof) gets
//! its own object numbers and small dictionaries, and copies the shared streams (page
//! content, font programs, ToUnicode CMaps, images, the output profile) as they are.
//!
//! The `/ID` is content-derived without reading the big streams again: SHA-256 of the
//! file's own bytes (header, dictionaries, catalog, Info) and, per shared stream, its
//! object number and the digest computed once when the stream was made.

use super::fonts::EmbeddedFonts;
use super::page::{font_resource_name, Geometry, PageOut};
use super::xobject::{write_image, ImageEntry, ImageIndex};
use super::{pdfx, Blob, DocInfo, PrintOptions, Refs};
use crate::diag::Diagnostic;
use pdf_writer::types::OverprintMode;
use pdf_writer::{Chunk, Filter, Finish, Name, Pdf, Ref};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The output profile of every file: compressed once, with its digest and description.
pub(super) struct Profile<'a> {
    /// The ICC profile, Flate-compressed.
    pub deflated: &'a Blob,
    /// OutputIntent `/Info`: the profile's description.
    pub intent_info: &'a str,
}

/// What every file of an issue shares.
pub(super) struct Issue<'a> {
    pub fonts: &'a EmbeddedFonts,
    pub images: &'a ImageIndex,
    pub profile: Profile<'a>,
    pub options: &'a PrintOptions,
}

/// A shared stream queued for a file, written after the dictionaries.
enum Big<'a> {
    Content(&'a Blob),
    FontFile {
        blob: &'a Blob,
        cff: bool,
        length1: Option<i32>,
    },
    Cmap(&'a Blob),
    Image(&'a ImageEntry),
    Icc(&'a Blob),
}

/// The shared streams of one file, in the order they are written.
#[derive(Default)]
pub(super) struct Streams<'a>(Vec<(Ref, Big<'a>)>);

impl<'a> Streams<'a> {
    /// Queues a compressed font program (`FontFile3 /CIDFontType0C` or `FontFile2`).
    pub(super) fn font_file(&mut self, id: Ref, blob: &'a Blob, cff: bool, length1: Option<i32>) {
        self.0.push((id, Big::FontFile { blob, cff, length1 }));
    }

    /// Queues a compressed ToUnicode CMap.
    pub(super) fn cmap(&mut self, id: Ref, blob: &'a Blob) {
        self.0.push((id, Big::Cmap(blob)));
    }

    /// Queues an image XObject.
    pub(super) fn image(&mut self, id: Ref, entry: &'a ImageEntry) {
        self.0.push((id, Big::Image(entry)));
    }

    /// Bytes the streams take (for the file's capacity).
    fn len(&self) -> usize {
        self.0
            .iter()
            .map(|(_, b)| match b {
                Big::Content(b) | Big::Cmap(b) | Big::Icc(b) => b.data.len(),
                Big::FontFile { blob, .. } => blob.data.len(),
                Big::Image(e) => e.image.data.len(),
            } + 128)
            .sum()
    }

    /// Feeds each stream's object number and digest into `hash`.
    fn digest_into(&self, hash: &mut Sha256) {
        for (id, big) in &self.0 {
            hash.update(id.get().to_be_bytes());
            hash.update(match big {
                Big::Content(b) | Big::Cmap(b) | Big::Icc(b) => &b.digest,
                Big::FontFile { blob, .. } => &blob.digest,
                Big::Image(e) => &e.digest,
            });
        }
    }

    /// Writes every stream into `pdf` (one copy of each).
    fn write(&self, pdf: &mut Pdf) {
        for (id, big) in &self.0 {
            let id = *id;
            match big {
                Big::Content(b) => {
                    pdf.stream(id, &b.data).filter(Filter::FlateDecode);
                }
                Big::FontFile {
                    blob, cff: true, ..
                } => {
                    pdf.stream(id, &blob.data)
                        .filter(Filter::FlateDecode)
                        .pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
                }
                Big::FontFile { blob, length1, .. } => {
                    let mut s = pdf.stream(id, &blob.data);
                    s.filter(Filter::FlateDecode);
                    if let Some(n) = length1 {
                        s.pair(Name(b"Length1"), *n);
                    }
                }
                Big::Cmap(b) => {
                    pdf.cmap(id, &b.data).filter(Filter::FlateDecode);
                }
                Big::Image(e) => write_image(pdf, id, &e.image),
                Big::Icc(b) => {
                    pdf.icc_profile(id, &b.data)
                        .n(4)
                        .filter(Filter::FlateDecode);
                }
            }
        }
    }
}

/// Writes `pages` (painted with `geom`) as one PDF/X file.
pub(super) fn write(
    pages: &[&PageOut],
    geom: Geometry,
    issue: &Issue,
    info: &DocInfo,
) -> Result<Vec<u8>, Diagnostic> {
    let mut refs = Refs::default();
    let doc = pdfx::DocRefs {
        catalog: refs.next(),
        info: refs.next(),
        page_tree: refs.next(),
        icc: refs.next(),
        metadata: refs.next(),
        intent_info: issue.profile.intent_info.to_owned(),
    };
    let gstates = (refs.next(), refs.next());
    let mut small = Chunk::new();
    let mut streams = Streams::default();
    streams.0.push((doc.icc, Big::Icc(issue.profile.deflated)));
    let fonts = write_fonts(pages, issue, &mut small, &mut streams, &mut refs)?;
    let images = queue_images(pages, issue, &mut streams, &mut refs)?;
    let res = Resources {
        gstates,
        fonts: &fonts,
        images: &images,
    };
    let page_refs = write_pages(&mut small, &mut streams, &mut refs, pages, geom, &doc, &res);
    small
        .pages(doc.page_tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    write_gstates(&mut small, gstates);
    if issue.options.standard == super::PdfStandard::X4 {
        pdfx::write_metadata(&mut small, &doc, info);
    }
    Ok(assemble(&small, &streams, &doc, issue.options, info))
}

/// The objects a page's resources point at.
struct Resources<'a> {
    /// The overprint and knockout ExtGStates.
    gstates: (Ref, Ref),
    fonts: &'a BTreeMap<crate::text::FontId, Ref>,
    images: &'a BTreeMap<usize, Ref>,
}

/// The faces the pages use, written once each; their Type0 objects by face.
fn write_fonts<'a>(
    pages: &[&PageOut],
    issue: &Issue<'a>,
    small: &mut Chunk,
    streams: &mut Streams<'a>,
    refs: &mut Refs,
) -> Result<BTreeMap<crate::text::FontId, Ref>, Diagnostic> {
    let used: BTreeSet<_> = pages.iter().flat_map(|p| p.fonts.iter().copied()).collect();
    let mut out = BTreeMap::new();
    for id in used {
        let face = issue.fonts.face(id)?;
        out.insert(id, face.write(small, streams, refs));
    }
    Ok(out)
}

/// The images the pages use, queued once each; their XObjects by index.
fn queue_images<'a>(
    pages: &[&PageOut],
    issue: &Issue<'a>,
    streams: &mut Streams<'a>,
    refs: &mut Refs,
) -> Result<BTreeMap<usize, Ref>, Diagnostic> {
    let used: BTreeSet<usize> = pages
        .iter()
        .flat_map(|p| p.images.iter().copied())
        .collect();
    let mut out = BTreeMap::new();
    for idx in used {
        let entry = issue.images.entry(idx).ok_or_else(|| {
            super::plan_bug(format!(
                "image {idx} is missing from the issue's image index"
            ))
        })?;
        let id = refs.next();
        streams.image(id, entry);
        out.insert(idx, id);
    }
    Ok(out)
}

/// Page objects with their boxes, content streams and resources.
fn write_pages<'a>(
    small: &mut Chunk,
    streams: &mut Streams<'a>,
    refs: &mut Refs,
    pages: &[&'a PageOut],
    geom: Geometry,
    doc: &pdfx::DocRefs,
    res: &Resources,
) -> Vec<Ref> {
    let page_refs: Vec<Ref> = pages.iter().map(|_| refs.next()).collect();
    for (out, &id) in pages.iter().zip(&page_refs) {
        let content = refs.next();
        streams.0.push((content, Big::Content(&out.content)));
        let mut pg = small.page(id);
        pg.parent(doc.page_tree)
            .media_box(geom.media_box())
            .bleed_box(geom.bleed_box())
            .trim_box(geom.trim_box())
            .contents(content);
        let mut r = pg.resources();
        let mut f = r.fonts();
        for fid in &out.fonts {
            if let Some(obj) = res.fonts.get(fid) {
                f.pair(Name(font_resource_name(*fid).as_bytes()), *obj);
            }
        }
        f.finish();
        let mut x = r.x_objects();
        for idx in &out.images {
            if let Some(obj) = res.images.get(idx) {
                x.pair(Name(ImageIndex::resource_name(*idx).as_bytes()), *obj);
            }
        }
        x.finish();
        r.ext_g_states()
            .pair(Name(b"GSop"), res.gstates.0)
            .pair(Name(b"GSko"), res.gstates.1);
    }
    page_refs
}

/// `/GSop`: overprint on, OPM 1 (pure K text and rules); `/GSko`: knockout.
fn write_gstates(chunk: &mut Chunk, (op, ko): (Ref, Ref)) {
    chunk
        .ext_graphics(op)
        .overprint(true)
        .overprint_fill(true)
        .overprint_mode(OverprintMode::IgnoreZeroChannel);
    chunk
        .ext_graphics(ko)
        .overprint(false)
        .overprint_fill(false)
        .overprint_mode(OverprintMode::OverrideAllColorants);
}

/// The final file: header for the standard, catalog and Info, the dictionaries, the
/// shared streams, and an `/ID` hashed from all of it (same input, same ID).
fn assemble(
    small: &Chunk,
    streams: &Streams,
    doc: &pdfx::DocRefs,
    options: &PrintOptions,
    info: &DocInfo,
) -> Vec<u8> {
    let ((major, minor), _) = pdfx::version(options.standard);
    let objects = small.refs().len() + streams.0.len() + 8;
    let mut pdf = Pdf::with_capacity(small.len() + streams.len() + 20 * objects + 1024);
    pdf.set_version(major, minor);
    pdfx::write_catalog_info(&mut pdf, doc, options, info);
    pdf.extend(small);
    let mut hash = Sha256::new();
    hash.update(pdf.as_bytes());
    streams.digest_into(&mut hash);
    let id = hash.finalize()[..16].to_vec();
    streams.write(&mut pdf);
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
}
