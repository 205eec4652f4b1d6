//! Shaping (rustybuzz) of a paragraph's runs into glyphs and composition atoms.
//!
//! A run is cut into segments of one kind — CJK, Western (Latin letters, digits, word
//! spaces: cjk-rules §1.f) and dashes — and each segment is shaped once. Dashes are
//! shaped with `fwid` so that —— becomes the font's single 2-em rule glyph (GB/T 15834
//! §5.1.4: the two-em dash is drawn unbroken); elsewhere the font's defaults apply.
//! Glyph clusters become [`Atom`]s: the smallest pieces the breaker and the justifier
//! handle.

use super::classes::{classify, is_han_char, Class};
use super::font::PlanKind;
use super::{Face, FontBook, FontId, Run};
use std::ops::Range;

/// One shaped glyph of the paragraph.
#[derive(Clone, Debug)]
pub(crate) struct Glyph {
    /// Face of the glyph.
    pub font: FontId,
    /// Font size in pt.
    pub size_pt: f32,
    /// Glyph id (0 = missing).
    pub gid: u16,
    /// Advance in pt.
    pub advance: f32,
    /// GPOS horizontal offset in pt.
    pub x_offset: f32,
}

/// A glyph cluster: one or more characters drawn by one or more glyphs, with the
/// class of its first character. Widths are filled in by `width::measure`.
#[derive(Clone, Debug)]
pub(crate) struct Atom {
    /// Byte range in the paragraph text.
    pub bytes: Range<usize>,
    /// Range in the paragraph's glyph list.
    pub glyphs: Range<u32>,
    /// Class of the first character.
    pub class: Class,
    /// Font size of the cluster in pt (its em).
    pub em: f32,
    /// Sum of the glyph advances, pt.
    pub adv: f32,
    /// Number of Han characters in the cluster (孤字 count).
    pub han: u16,
}

/// Kind of a shaping segment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seg {
    Cjk,
    Western,
    Dash,
}

fn seg_kind(c: char) -> Seg {
    match classify(c) {
        Class::EmDash | Class::LongDash => Seg::Dash,
        cl if super::classes::info(cl).western || cl == Class::Space => Seg::Western,
        _ => Seg::Cjk,
    }
}

/// Shapes every run; returns the paragraph text, its glyphs and its atoms.
pub(crate) fn shape_runs(book: &FontBook, runs: &[Run]) -> (String, Vec<Glyph>, Vec<Atom>) {
    let mut text = String::new();
    let mut glyphs = Vec::new();
    let mut atoms = Vec::new();
    for run in runs {
        let base = text.len();
        text.push_str(&run.text);
        let face = book.get(run.font);
        let mut start = 0;
        let bytes = run.text.as_bytes();
        while start < bytes.len() {
            let first = run.text[start..].chars().next().map_or(Seg::Cjk, seg_kind);
            let end = run.text[start..]
                .char_indices()
                .find(|&(_, c)| seg_kind(c) != first)
                .map_or(run.text.len(), |(i, _)| start + i);
            let seg = SegIn {
                text: &run.text[start..end],
                base: base + start,
                kind: first,
            };
            shape_segment(face, run, &seg, &mut glyphs, &mut atoms);
            start = end;
        }
    }
    for a in &mut atoms {
        a.han = text[a.bytes.clone()]
            .chars()
            .filter(|&c| is_han_char(c))
            .count() as u16;
    }
    (text, glyphs, atoms)
}

struct SegIn<'a> {
    text: &'a str,
    base: usize,
    kind: Seg,
}

fn script_of(kind: Seg) -> rustybuzz::Script {
    match kind {
        Seg::Western => rustybuzz::script::LATIN,
        _ => rustybuzz::script::HAN,
    }
}

fn shape_segment(
    face: &Face,
    run: &Run,
    seg: &SegIn<'_>,
    glyphs: &mut Vec<Glyph>,
    atoms: &mut Vec<Atom>,
) {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(seg.text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.set_script(script_of(seg.kind));
    let kind = match seg.kind {
        Seg::Cjk => PlanKind::Cjk,
        Seg::Western => PlanKind::Western,
        Seg::Dash => PlanKind::Dash,
    };
    let out = rustybuzz::shape_with_plan(face.cached_shaper(), face.plan(kind), buffer);
    let scale = run.size_pt / face.units_per_em as f32;
    let infos = out.glyph_infos();
    let poss = out.glyph_positions();
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster as usize;
        let mut j = i;
        let mut adv = 0.0;
        while j < infos.len() && infos[j].cluster as usize == cluster {
            let g = Glyph {
                font: run.font,
                size_pt: run.size_pt,
                gid: infos[j].glyph_id as u16,
                advance: poss[j].x_advance as f32 * scale,
                x_offset: poss[j].x_offset as f32 * scale,
            };
            adv += g.advance;
            glyphs.push(g);
            j += 1;
        }
        let end = infos.get(j).map_or(seg.text.len(), |n| n.cluster as usize);
        let g0 = (glyphs.len() - (j - i)) as u32;
        push_atom(
            atoms,
            glyphs,
            seg.base + cluster..seg.base + end,
            g0..glyphs.len() as u32,
            adv,
            run,
            seg.text,
            cluster,
        );
        i = j;
    }
}

#[allow(clippy::too_many_arguments)]
fn push_atom(
    atoms: &mut Vec<Atom>,
    glyphs: &mut Vec<Glyph>,
    bytes: Range<usize>,
    gl: Range<u32>,
    adv: f32,
    run: &Run,
    seg_text: &str,
    cluster: usize,
) {
    let class = seg_text[cluster..]
        .chars()
        .next()
        .map_or(Class::Other, classify);
    if class == Class::Control {
        // A line break or zero-width control inside a run: no width, glued to the left
        // (Run docs: "line breaks inside are treated as nothing").
        glyphs.truncate(gl.start as usize);
        if let Some(prev) = atoms.last_mut() {
            if prev.bytes.end == bytes.start {
                prev.bytes.end = bytes.end;
                return;
            }
        }
        let n = glyphs.len() as u32;
        atoms.push(Atom {
            bytes,
            glyphs: n..n,
            class,
            em: run.size_pt,
            adv: 0.0,
            han: 0,
        });
        return;
    }
    atoms.push(Atom {
        bytes,
        glyphs: gl,
        class,
        em: run.size_pt,
        adv,
        han: 0,
    });
}
