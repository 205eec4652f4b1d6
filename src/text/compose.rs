//! A first, plain composer: shapes runs and fills lines first-fit with no CJK
//! rules. It fixes the stage's interface; the CJK composer replaces it.

use super::{CompositionStyle, FontBook, FontId, Line, LineGlyph, Run};

/// A shaped glyph of the paragraph, before breaking.
#[derive(Clone, Debug)]
struct Shaped {
    font: FontId,
    size_pt: f32,
    gid: u16,
    advance_pt: f32,
    /// Byte range in the paragraph text.
    chars: std::ops::Range<usize>,
}

/// A paragraph shaped once, ready to be broken at any measure.
#[derive(Clone, Debug)]
pub struct ShapedParagraph {
    text: String,
    glyphs: Vec<Shaped>,
    style: CompositionStyle,
}

/// Shapes a paragraph's runs with rustybuzz.
pub fn shape_paragraph(book: &FontBook, runs: &[Run], style: &CompositionStyle) -> ShapedParagraph {
    let mut text = String::new();
    let mut glyphs = Vec::new();
    for run in runs {
        let start = text.len();
        text.push_str(&run.text);
        let face = book.get(run.font);
        let shaper = face.shaper();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&run.text);
        let out = rustybuzz::shape(&shaper, &[], buffer);
        let scale = run.size_pt / face.units_per_em as f32;
        let infos = out.glyph_infos();
        for (i, (info, pos)) in infos.iter().zip(out.glyph_positions()).enumerate() {
            let end = infos.get(i + 1).map_or(run.text.len(), |n| n.cluster as usize);
            glyphs.push(Shaped {
                font: run.font,
                size_pt: run.size_pt,
                gid: info.glyph_id as u16,
                advance_pt: pos.x_advance as f32 * scale,
                chars: start + info.cluster as usize..start + end,
            });
        }
    }
    ShapedParagraph { text, glyphs, style: style.clone() }
}

impl ShapedParagraph {
    /// The paragraph's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Breaks the whole paragraph at `measure_pt`.
    pub fn break_lines(&self, measure_pt: f32) -> Vec<Line> {
        self.break_lines_from(0, measure_pt, true)
    }

    /// Breaks from byte offset `start` (a jump continues mid-paragraph); `indent` says
    /// whether the first line takes the first-line indent.
    pub fn break_lines_from(&self, start: usize, measure_pt: f32, indent: bool) -> Vec<Line> {
        let first = self.glyphs.iter().position(|g| g.chars.start >= start).unwrap_or(self.glyphs.len());
        let mut lines = Vec::new();
        let mut i = first;
        let mut indent_pt = if indent { self.style.indent_em * self.style.em_pt } else { 0.0 };
        while i < self.glyphs.len() {
            let mut w = indent_pt;
            let mut j = i;
            while j < self.glyphs.len() && (j == i || w + self.glyphs[j].advance_pt <= measure_pt + 1e-3) {
                w += self.glyphs[j].advance_pt;
                j += 1;
            }
            let is_final = j == self.glyphs.len();
            lines.push(self.line(i..j, indent_pt, measure_pt, is_final));
            indent_pt = 0.0;
            i = j;
        }
        lines
    }

    /// Sets the whole paragraph on one line at its natural width (headlines).
    pub fn natural_line(&self) -> Line {
        self.line(0..self.glyphs.len(), 0.0, f32::INFINITY, true)
    }

    fn line(&self, range: std::ops::Range<usize>, indent_pt: f32, measure_pt: f32, is_final: bool) -> Line {
        let glyphs = &self.glyphs[range];
        let (Some(a), Some(b)) = (glyphs.first(), glyphs.last()) else {
            return Line { text: String::new(), range: 0..0, glyphs: vec![], width_pt: 0.0, natural_pt: 0.0, is_final, forced: false };
        };
        let byte0 = a.chars.start;
        let natural: f32 = indent_pt + glyphs.iter().map(|g| g.advance_pt).sum::<f32>();
        let justify = self.style.justify && !is_final && glyphs.len() > 1;
        let gap = if justify { (measure_pt - natural) / (glyphs.len() - 1) as f32 } else { 0.0 };
        let mut x = indent_pt;
        let placed = glyphs
            .iter()
            .map(|g| {
                let lg = LineGlyph {
                    font: g.font,
                    size_pt: g.size_pt,
                    gid: g.gid,
                    x_pt: x,
                    dx_pt: 0.0,
                    chars: g.chars.start - byte0..g.chars.end - byte0,
                };
                x += g.advance_pt + gap;
                lg
            })
            .collect();
        Line {
            text: self.text[byte0..b.chars.end].to_owned(),
            range: byte0..b.chars.end,
            glyphs: placed,
            width_pt: if justify { measure_pt } else { natural },
            natural_pt: natural,
            is_final,
            forced: false,
        }
    }
}
