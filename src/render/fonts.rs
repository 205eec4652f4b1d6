//! Fonts for the PDF: one Type0 / CIDFont (Identity-H) per face per document.
//!
//! Glyphs are collected across all pages while the content streams are written
//! (the remapper's new ids are stable, so content can use them at once); the face
//! is subset once at the end with subsetter and embedded as CFF (`FontFile3
//! /CIDFontType0C`) or TrueType (`FontFile2`, `CIDToGIDMap /Identity`), with `/W`
//! widths and a ToUnicode CMap built from the glyphs' text (pdf-stack.md,
//! "pdf-writer + subsetter: details").

use super::{compress, Refs};
use crate::diag::Diagnostic;
use crate::text::{Face, FontBook, FontId};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// Glyphs used from one face, with their new (subset) ids and text.
struct FontUse {
    remapper: GlyphRemapper,
    /// Text of each new glyph id (index = new id), for ToUnicode.
    texts: Vec<Option<String>>,
    /// Advance of each new glyph id, in 1/1000 em (index = new id).
    widths: Vec<f32>,
    /// The Type0 font object.
    font_ref: Ref,
}

/// Collects glyphs across pages and embeds the subset faces at the end.
pub(super) struct FontCollector<'a> {
    book: &'a FontBook,
    uses: BTreeMap<FontId, FontUse>,
}

impl<'a> FontCollector<'a> {
    pub(super) fn new(book: &'a FontBook) -> Self {
        Self {
            book,
            uses: BTreeMap::new(),
        }
    }

    /// The resource name of a face (`/F3` for `FontId(3)`).
    pub(super) fn resource_name(id: FontId) -> String {
        format!("F{}", id.0)
    }

    /// The Type0 font object of a face, allocated on first use.
    pub(super) fn font_ref(&mut self, id: FontId, refs: &mut Refs) -> Ref {
        self.entry(id, refs).font_ref
    }

    /// The Type0 font object of a face already in use.
    pub(super) fn object(&self, id: FontId) -> Option<Ref> {
        self.uses.get(&id).map(|u| u.font_ref)
    }

    /// Registers `gid` of face `id` with its text; returns the new glyph id and its
    /// advance in 1/1000 em (the value written to `/W`).
    pub(super) fn use_glyph(
        &mut self,
        id: FontId,
        gid: u16,
        text: &str,
        refs: &mut Refs,
    ) -> (u16, f32) {
        let face = self.book.get(id);
        let entry = self.entry(id, refs);
        let new = entry.remapper.remap(gid);
        let idx = new as usize;
        if idx >= entry.texts.len() {
            entry.texts.resize(idx + 1, None);
            entry.widths.resize(idx + 1, 0.0);
            entry.widths[idx] = advance_1000(face, gid);
        }
        if entry.texts[idx].is_none() && !text.is_empty() {
            entry.texts[idx] = Some(text.to_owned());
        }
        (new, entry.widths[idx])
    }

    fn entry(&mut self, id: FontId, refs: &mut Refs) -> &mut FontUse {
        self.uses.entry(id).or_insert_with(|| {
            // .notdef is always new id 0.
            FontUse {
                remapper: GlyphRemapper::new(),
                texts: vec![None],
                widths: vec![0.0],
                font_ref: refs.next(),
            }
        })
    }

    /// Subsets and writes every used face into `chunk`.
    pub(super) fn embed(self, chunk: &mut Chunk, refs: &mut Refs) -> Result<(), Diagnostic> {
        for (id, font_use) in &self.uses {
            embed_face(self.book.get(*id), font_use, chunk, refs)?;
        }
        Ok(())
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

/// Writes the subset face and its Type0, CIDFont, descriptor and ToUnicode objects.
fn embed_face(
    face: &Face,
    used: &FontUse,
    chunk: &mut Chunk,
    refs: &mut Refs,
) -> Result<(), Diagnostic> {
    let subset = subsetter::subset(&face.data, face.index, &used.remapper)
        .map_err(|e| font_error(face, e))?;
    let tag = subset_tag(face, &used.remapper);
    let ps_name: String = face
        .postscript_name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .collect();
    let base = format!("{tag}+{ps_name}");
    let (cid_ref, desc_ref, file_ref, cmap_ref) =
        (refs.next(), refs.next(), refs.next(), refs.next());

    let type0_name = if face.is_cff {
        format!("{base}-Identity-H")
    } else {
        base.clone()
    };
    chunk
        .type0_font(used.font_ref)
        .base_font(Name(type0_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    write_cid_font(chunk, face, used, cid_ref, desc_ref, &base);
    write_descriptor(chunk, face, desc_ref, file_ref, &base);
    write_font_file(chunk, face, &subset, file_ref)?;
    let cmap = to_unicode(&used.texts);
    chunk
        .cmap(cmap_ref, &compress(&cmap))
        .filter(Filter::FlateDecode);
    Ok(())
}

/// The CIDFont with `/DW` and `/W` for the glyphs whose width differs from `/DW`.
fn write_cid_font(chunk: &mut Chunk, face: &Face, used: &FontUse, id: Ref, desc: Ref, base: &str) {
    let dw = most_common_width(&used.widths);
    let mut cid = chunk.cid_font(id);
    cid.subtype(if face.is_cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base.as_bytes()))
    .system_info(SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    })
    .font_descriptor(desc)
    .default_width(dw);
    if !face.is_cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let mut w = cid.widths();
    let mut i = 0;
    while i < used.widths.len() {
        if used.widths[i] == dw {
            i += 1;
            continue;
        }
        let start = i;
        while i < used.widths.len() && used.widths[i] != dw {
            i += 1;
        }
        w.consecutive(start as u16, used.widths[start..i].iter().copied());
    }
    w.finish();
    cid.finish();
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

/// The FontDescriptor, metrics scaled to 1000 units per em.
fn write_descriptor(chunk: &mut Chunk, face: &Face, id: Ref, file: Ref, base: &str) {
    let ttf = face.ttf();
    let s = 1000.0 / face.units_per_em.max(1) as f32;
    let bb = ttf.global_bounding_box();
    let weight = ttf.weight().to_number() as f32;
    let cap = ttf.capital_height().unwrap_or(face.ascender) as f32;
    let mut d = chunk.font_descriptor(id);
    d.name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            bb.x_min as f32 * s,
            bb.y_min as f32 * s,
            bb.x_max as f32 * s,
            bb.y_max as f32 * s,
        ))
        .italic_angle(ttf.italic_angle())
        .ascent(face.ascender as f32 * s)
        .descent(face.descender as f32 * s)
        .cap_height(cap * s)
        // The usual estimate from the weight class (no stem width in OpenType).
        .stem_v((10.0 + 0.244 * (weight - 50.0)).round());
    if face.is_cff {
        d.font_file3(file);
    } else {
        d.font_file2(file);
    }
}

/// The font program: the bare `CFF ` table for CFF faces, the whole sfnt for glyf.
fn write_font_file(
    chunk: &mut Chunk,
    face: &Face,
    subset: &[u8],
    id: Ref,
) -> Result<(), Diagnostic> {
    if face.is_cff {
        let raw = ttf_parser::RawFace::parse(subset, 0).map_err(|e| font_error(face, e))?;
        let cff = raw
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
            .ok_or_else(|| font_error(face, "the subset has no `CFF ` table"))?;
        chunk
            .stream(id, &compress(cff))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        chunk
            .stream(id, &compress(subset))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
    }
    Ok(())
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
