//! Fonts for the PDF: one Type0 / CIDFont (Identity-H) per face, subset once per issue.
//!
//! [`FontPlan`] gathers the glyphs of every page of the issue first (page order, then
//! item order), numbers each face's glyphs in ascending original id (so the numbering
//! depends only on the set, never on the thread count) and keeps their `/W` widths and
//! ToUnicode text. [`EmbeddedFace`] is the face subset once with subsetter, its program
//! (CFF as `FontFile3 /CIDFontType0C`, glyf as `FontFile2` with `CIDToGIDMap
//! /Identity`) and ToUnicode CMap compressed once; every page file and the proof copy
//! those bytes and write only the small dictionaries themselves (pdf-stack.md,
//! "pdf-writer + subsetter: details").

use super::{Blob, Refs, Streams};
use crate::diag::Diagnostic;
use crate::layout::{Item, PageFrame};
use crate::text::{Face, FontBook, FontId};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Finish, Name, Rect, Ref, Str};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// The glyphs one page draws, per face: original glyph id → the first non-empty text
/// it stands for on the page (item order; empty when none).
pub(super) type PageGlyphs = BTreeMap<FontId, BTreeMap<u16, String>>;

/// The glyphs `page` draws (runs the painter skips, empty or of size 0, are left out).
pub(super) fn page_glyphs(page: &PageFrame) -> PageGlyphs {
    let mut out = PageGlyphs::new();
    for item in &page.items {
        let Item::Text(run) = item else { continue };
        if run.glyphs.is_empty() || run.size_pt <= 0.0 {
            continue;
        }
        let face = out.entry(run.font).or_default();
        for g in &run.glyphs {
            let text = face.entry(g.gid).or_default();
            if text.is_empty() && !g.text.is_empty() {
                text.clone_from(&g.text);
            }
        }
    }
    out
}

/// One face's glyphs for the whole issue.
struct PlannedFace {
    /// Original → subset glyph id, ascending in the original id; `.notdef` is 0.
    remapper: GlyphRemapper,
    /// Text of each subset glyph id (index = new id), for ToUnicode.
    texts: Vec<Option<String>>,
    /// Advance of each subset glyph id, in 1/1000 em (index = new id).
    widths: Vec<f32>,
}

/// Every face's glyphs for the whole issue: what painting needs (new ids and widths)
/// and what embedding needs (the glyph set and its text). Invariant: holds every glyph
/// of every page it was built from.
pub(super) struct FontPlan {
    faces: BTreeMap<FontId, PlannedFace>,
}

impl FontPlan {
    /// Merges the pages' glyphs in page order (a glyph's text is the first non-empty
    /// one in issue order).
    pub(super) fn new(book: &FontBook, pages: Vec<PageGlyphs>) -> FontPlan {
        let mut merged = PageGlyphs::new();
        for page in pages {
            for (id, glyphs) in page {
                let face = merged.entry(id).or_default();
                for (gid, text) in glyphs {
                    let t = face.entry(gid).or_default();
                    if t.is_empty() {
                        *t = text;
                    }
                }
            }
        }
        let faces = merged
            .into_iter()
            .map(|(id, glyphs)| (id, plan_face(book.get(id), glyphs)))
            .collect();
        FontPlan { faces }
    }

    /// The subset glyph id of `gid` in face `id` and its advance in 1/1000 em (the
    /// value written to `/W`); `None` for a glyph the plan was not built with.
    pub(super) fn glyph(&self, id: FontId, gid: u16) -> Option<(u16, f32)> {
        let face = self.faces.get(&id)?;
        let new = face.remapper.get(gid)?;
        Some((new, face.widths.get(new as usize).copied().unwrap_or(0.0)))
    }

    /// Feeds what the plan decides (faces, glyph sets, texts) into `hash`.
    pub(super) fn digest_into(&self, hash: &mut Sha256) {
        for (id, face) in &self.faces {
            hash.update(id.0.to_be_bytes());
            hash.update(face.remapper.num_gids().to_be_bytes());
            for gid in face.remapper.remapped_gids() {
                hash.update(gid.to_be_bytes());
            }
            for text in &face.texts {
                let t = text.as_deref().unwrap_or("");
                hash.update((t.len() as u32).to_be_bytes());
                hash.update(t.as_bytes());
            }
        }
    }

    /// Subsets every face once (in parallel), compressing program and ToUnicode.
    pub(super) fn embed(&self, book: &FontBook) -> EmbeddedFonts {
        let faces = self
            .faces
            .par_iter()
            .map(|(id, face)| (*id, embed_face(book.get(*id), face)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        EmbeddedFonts { faces }
    }
}

/// Numbers a face's glyphs in ascending original id and looks up their widths.
fn plan_face(face: &Face, glyphs: BTreeMap<u16, String>) -> PlannedFace {
    let gids: Vec<u16> = glyphs.keys().copied().collect();
    let remapper = GlyphRemapper::new_from_glyphs_sorted(&gids);
    let n = remapper.num_gids() as usize;
    let (mut texts, mut widths) = (vec![None; n], vec![0.0; n]);
    for (gid, text) in glyphs {
        let Some(new) = remapper.get(gid) else {
            continue;
        };
        let i = new as usize;
        // .notdef (new id 0) keeps width 0, as drawn.
        if i > 0 {
            widths[i] = advance_1000(face, gid);
        }
        if !text.is_empty() {
            texts[i] = Some(text);
        }
    }
    PlannedFace {
        remapper,
        texts,
        widths,
    }
}

/// The faces, subset and compressed once; a face that cannot be embedded
/// keeps its error, reported by every file that uses it.
pub struct EmbeddedFonts {
    faces: BTreeMap<FontId, Result<EmbeddedFace, Diagnostic>>,
}

impl std::fmt::Debug for EmbeddedFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EmbeddedFonts({} faces)", self.faces.len())
    }
}

/// The FontDescriptor's metrics, scaled to 1000 units per em.
struct Metrics {
    bbox: Rect,
    italic_angle: f32,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    stem_v: f32,
}

/// One face subset for the issue: names, widths, metrics and the shared streams.
pub(super) struct EmbeddedFace {
    is_cff: bool,
    /// `TAG+PostScriptName`.
    base: String,
    /// The Type0 font's `/BaseFont`.
    type0_name: String,
    /// `/DW` and the widths of every subset glyph (index = new id).
    dw: f32,
    widths: Vec<f32>,
    metrics: Metrics,
    /// The font program, compressed (the bare `CFF ` table, or the whole sfnt).
    program: Blob,
    /// The uncompressed sfnt size (`/Length1`, glyf faces only).
    length1: Option<i32>,
    /// The ToUnicode CMap, compressed.
    cmap: Blob,
}

/// Refs of one face's objects in one file.
struct FaceRefs {
    type0: Ref,
    cid: Ref,
    desc: Ref,
    file: Ref,
    cmap: Ref,
}

impl EmbeddedFonts {
    /// The embedded face `id`, or why it could not be embedded.
    pub(super) fn face(&self, id: FontId) -> Result<&EmbeddedFace, Diagnostic> {
        match self.faces.get(&id) {
            Some(Ok(f)) => Ok(f),
            Some(Err(e)) => Err(e.clone()),
            None => Err(super::plan_bug(format!(
                "font {} is missing from the issue's font plan",
                id.0
            ))),
        }
    }
}

impl EmbeddedFace {
    /// Writes the Type0, CIDFont and descriptor into `chunk` and queues the program
    /// and ToUnicode streams on `streams`; returns the Type0 font object.
    pub(super) fn write<'a>(
        &'a self,
        chunk: &mut Chunk,
        streams: &mut Streams<'a>,
        refs: &mut Refs,
    ) -> Ref {
        let r = FaceRefs {
            type0: refs.next(),
            cid: refs.next(),
            desc: refs.next(),
            file: refs.next(),
            cmap: refs.next(),
        };
        chunk
            .type0_font(r.type0)
            .base_font(Name(self.type0_name.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(r.cid)
            .to_unicode(r.cmap);
        self.write_cid_font(chunk, &r);
        self.write_descriptor(chunk, &r);
        streams.font_file(r.file, &self.program, self.is_cff, self.length1);
        streams.cmap(r.cmap, &self.cmap);
        r.type0
    }

    /// The CIDFont with `/DW` and `/W` for the glyphs whose width differs from `/DW`.
    fn write_cid_font(&self, chunk: &mut Chunk, r: &FaceRefs) {
        let dw = self.dw;
        let mut cid = chunk.cid_font(r.cid);
        cid.subtype(if self.is_cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(self.base.as_bytes()))
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(r.desc)
        .default_width(dw);
        if !self.is_cff {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        let widths = &self.widths;
        let mut w = cid.widths();
        let mut i = 0;
        while i < widths.len() {
            if widths[i] == dw {
                i += 1;
                continue;
            }
            let start = i;
            while i < widths.len() && widths[i] != dw {
                i += 1;
            }
            w.consecutive(start as u16, widths[start..i].iter().copied());
        }
        w.finish();
        cid.finish();
    }

    /// The FontDescriptor.
    fn write_descriptor(&self, chunk: &mut Chunk, r: &FaceRefs) {
        let m = &self.metrics;
        let mut d = chunk.font_descriptor(r.desc);
        d.name(Name(self.base.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(m.bbox)
            .italic_angle(m.italic_angle)
            .ascent(m.ascent)
            .descent(m.descent)
            .cap_height(m.cap_height)
            .stem_v(m.stem_v);
        if self.is_cff {
            d.font_file3(r.file);
        } else {
            d.font_file2(r.file);
        }
    }
}

/// Horizontal advance of a glyph in 1/1000 em.
fn advance_1000(face: &Face, gid: u16) -> f32 {
    let adv = face
        .ttf()
        .glyph_hor_advance(ttf_parser::GlyphId(gid))
        .unwrap_or(0);
    let w = adv as f32 * 1000.0 / face.units_per_em.max(1) as f32;
    (w * 1000.0).round() / 1000.0
}

/// A six-letter subset tag from a hash of the face name and the glyph set, so the
/// same glyphs give the same tag (ISO 32000-1 §9.6.4 asks for a tag unique per subset).
fn subset_tag(face: &Face, remapper: &GlyphRemapper) -> String {
    let mut hash = Sha256::new();
    hash.update(face.postscript_name.as_bytes());
    for gid in remapper.remapped_gids() {
        hash.update(gid.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| (b'A' + b % 26) as char)
        .collect()
}

fn font_error(face: &Face, what: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        "E0403",
        format!("cannot embed font `{}`: {what}", face.postscript_name),
    )
    .in_file(&face.path)
    .hint("use a font file from `fonts/` or another OpenType font with CFF or glyf outlines")
}

/// Subsets one face and compresses its program and ToUnicode CMap.
fn embed_face(face: &Face, used: &PlannedFace) -> Result<EmbeddedFace, Diagnostic> {
    let subset = subsetter::subset(&face.data, face.index, &used.remapper)
        .map_err(|e| font_error(face, e))?;
    let tag = subset_tag(face, &used.remapper);
    let ps_name: String = face
        .postscript_name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .collect();
    let base = format!("{tag}+{ps_name}");
    let type0_name = if face.is_cff {
        format!("{base}-Identity-H")
    } else {
        base.clone()
    };
    let (program, length1) = font_program(face, &subset)?;
    Ok(EmbeddedFace {
        is_cff: face.is_cff,
        base,
        type0_name,
        dw: most_common_width(&used.widths),
        widths: used.widths.clone(),
        metrics: metrics(face),
        program,
        length1,
        cmap: Blob::compressed(&to_unicode(&used.texts)),
    })
}

/// The width most glyphs share (1000 for CJK faces), so `/W` stays short.
fn most_common_width(widths: &[f32]) -> f32 {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for w in widths.iter().skip(1) {
        *counts.entry(w.to_bits()).or_default() += 1;
    }
    // Ties go to the smallest bit pattern: deterministic.
    let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    best.map(|(bits, _)| f32::from_bits(*bits))
        .unwrap_or(1000.0)
}

/// The descriptor's metrics, scaled to 1000 units per em.
fn metrics(face: &Face) -> Metrics {
    let ttf = face.ttf();
    let s = 1000.0 / face.units_per_em.max(1) as f32;
    let bb = ttf.global_bounding_box();
    let weight = ttf.weight().to_number() as f32;
    let cap = ttf.capital_height().unwrap_or(face.ascender) as f32;
    Metrics {
        bbox: Rect::new(
            bb.x_min as f32 * s,
            bb.y_min as f32 * s,
            bb.x_max as f32 * s,
            bb.y_max as f32 * s,
        ),
        italic_angle: ttf.italic_angle(),
        ascent: face.ascender as f32 * s,
        descent: face.descender as f32 * s,
        cap_height: cap * s,
        // The usual estimate from the weight class (no stem width in OpenType).
        stem_v: (10.0 + 0.244 * (weight - 50.0)).round(),
    }
}

/// The font program, compressed: the bare `CFF ` table for CFF faces, the whole sfnt
/// (with its size for `/Length1`) for glyf.
fn font_program(face: &Face, subset: &[u8]) -> Result<(Blob, Option<i32>), Diagnostic> {
    if face.is_cff {
        let raw = ttf_parser::RawFace::parse(subset, 0).map_err(|e| font_error(face, e))?;
        let cff = raw
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
            .ok_or_else(|| font_error(face, "the subset has no `CFF ` table"))?;
        Ok((Blob::compressed(cff), None))
    } else {
        Ok((Blob::compressed(subset), Some(subset.len() as i32)))
    }
}

/// ToUnicode CMap: new glyph id → the characters it stands for.
fn to_unicode(texts: &[Option<String>]) -> Vec<u8> {
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    };
    let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), info);
    for (gid, text) in texts.iter().enumerate() {
        if let Some(text) = text {
            cmap.pair_with_multiple(gid as u16, text.chars());
        }
    }
    cmap.finish().into_vec()
}
