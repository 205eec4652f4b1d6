//! Shared helpers: the body font, composing a paragraph, the corpus texts.

use paiban::text::{
    shape_paragraph, CompositionStyle, FontBook, FontId, Line, Run, ShapedParagraph,
};
use std::sync::OnceLock;

/// The body face (Song), loaded once per test binary.
pub const BODY_FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSerifCJKsc-Regular.otf"
);
/// The shared bench texts.
pub const BENCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench");

/// The font book holding the body face, and its id.
pub fn book() -> &'static (FontBook, FontId) {
    static BOOK: OnceLock<(FontBook, FontId)> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut book = FontBook::new();
        let id = book
            .load(std::path::Path::new(BODY_FONT), 0)
            .expect("body font in fonts/");
        (book, id)
    })
}

/// Shapes one paragraph in the body face at the style's size.
pub fn shape(text: &str, style: &CompositionStyle) -> ShapedParagraph {
    let (book, font) = book();
    let run = Run {
        text: text.to_owned(),
        font: *font,
        size_pt: style.em_pt,
    };
    shape_paragraph(book, &[run], style)
}

/// Shapes and breaks one paragraph at `measure_zi` full-width characters.
pub fn compose(text: &str, style: &CompositionStyle, measure_zi: f32) -> Vec<Line> {
    shape(text, style).break_lines(measure_zi * style.em_pt)
}

/// Paragraphs of an article file (line 1 = headline, skipped; then one per line).
pub fn article_paragraphs(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    text.lines()
        .skip(1)
        .map(trim_ascii)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The seven seed articles' body paragraphs, with their file names.
pub fn articles() -> Vec<(String, Vec<String>)> {
    (1..=7)
        .map(|i| {
            let name = format!("{i:02}.txt");
            let paras = article_paragraphs(&format!("{BENCH}/articles/{name}"));
            (name, paras)
        })
        .collect()
}

/// Body paragraphs of a bench doc (articles separated by blank lines; the first line
/// of each article is its headline), stopping after `max_chars` characters.
pub fn doc_paragraphs(name: &str, max_chars: usize) -> Vec<String> {
    let path = format!("{BENCH}/docs/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut out = Vec::new();
    let mut chars = 0;
    for article in text.split("\n\n") {
        for line in article
            .lines()
            .map(trim_ascii)
            .filter(|l| !l.is_empty())
            .skip(1)
        {
            if chars >= max_chars {
                return out;
            }
            chars += line.chars().count();
            out.push(line.to_owned());
        }
    }
    out
}

/// Trims ASCII whitespace only (U+3000 is text).
pub fn trim_ascii(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii_whitespace())
}
