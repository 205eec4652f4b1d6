//! Composed [`Line`]s to page marks, and the missing-glyph check.

use super::frame::{Cmyk, Glyph, Item, TextRun};
use crate::diag::{Diagnostic, Location};
use crate::text::Line;
use std::path::Path;

/// Turns a line into text runs on baseline `y` starting at `x`: one run per stretch of
/// glyphs in the same face and size, every glyph positioned from the line start.
/// `tracking_pt` is added after every glyph but the last (headlines).
pub(crate) fn line_items(line: &Line, x: f32, y: f32, color: Cmyk, tracking_pt: f32) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<TextRun> = None;
    for (i, g) in line.glyphs.iter().enumerate() {
        let text = line
            .text
            .get(g.chars.clone())
            .unwrap_or_default()
            .to_owned();
        let glyph = Glyph {
            gid: g.gid,
            x: g.x_pt + g.dx_pt + i as f32 * tracking_pt,
            text,
        };
        match &mut current {
            Some(run) if run.font == g.font && run.size_pt == g.size_pt => run.glyphs.push(glyph),
            _ => {
                if let Some(run) = current.take() {
                    items.push(Item::Text(run));
                }
                current = Some(TextRun {
                    font: g.font,
                    size_pt: g.size_pt,
                    color,
                    x,
                    y,
                    glyphs: vec![glyph],
                });
            }
        }
    }
    if let Some(run) = current {
        items.push(Item::Text(run));
    }
    items
}

/// Width of a line with tracking applied.
pub(crate) fn tracked_width(line: &Line, tracking_pt: f32) -> f32 {
    line.width_pt + line.glyphs.len().saturating_sub(1) as f32 * tracking_pt
}

/// Where a piece of text came from, for missing-glyph messages.
pub(crate) struct TextSource<'a> {
    /// Article id.
    pub article: &'a str,
    /// The article file.
    pub file: &'a Path,
    /// What the text is: `paragraph 3`, `headline`, `caption of photo 1`.
    pub what: String,
    /// 1-based line in the file, when known.
    pub line: Option<u32>,
}

/// Reports every character set with glyph 0 (.notdef) in `line` once (cjk-rules §6;
/// issue 5: missing glyphs are errors naming the character, the article and the place).
pub(crate) fn check_glyphs(line: &Line, src: &TextSource<'_>, diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<char> = Vec::new();
    for g in line.glyphs.iter().filter(|g| g.gid == 0) {
        let text = line.text.get(g.chars.clone()).unwrap_or_default();
        for c in text.chars() {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            let mut d = Diagnostic::error(
                "E0301",
                format!(
                    "no glyph for `{c}` (U+{:04X}) in article `{}`, {}",
                    c as u32, src.article, src.what
                ),
            )
            .hint("use a font that covers the character, or replace the character in the text");
            d = match src.line {
                Some(l) => d.at(Location {
                    file: src.file.to_owned(),
                    line: l,
                    column: 1,
                    source_line: None,
                    len: 1,
                }),
                None => d.in_file(src.file),
            };
            diags.push(d);
        }
    }
}
