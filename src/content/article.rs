//! Article files: `+++` TOML front matter, then paragraphs separated by blank lines.

use super::controls;
use super::dateline::split_dateline;
use super::{Article, Paragraph, Photo};
use crate::config::raw::{RawFrontMatter, RawFrontPhoto, V};
use crate::config::read::{parse, Reader};
use crate::config::schema::FRONT_MATTER;
use crate::config::source::{io_reason, Source};
use crate::diag::Diagnostic;
use std::path::Path;
use toml::Spanned;

/// Reads and parses an article file; errors (front matter, missing images) go to `diags`.
pub fn load_article(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Article> {
    let src = match Source::read(path) {
        Ok(s) => s,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    parse_article(&src, diags)
}

/// Parses an article already read.
pub fn parse_article(src: &Source, diags: &mut Vec<Diagnostic>) -> Option<Article> {
    let (front, body, body_line) = match split_front_matter(src) {
        Ok(parts) => parts,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let id = src
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut article = Article {
        id,
        file: src.path.clone(),
        kicker: vec![],
        headline: vec![],
        subhead: vec![],
        byline: None,
        dateline: None,
        paragraphs: paragraphs(body, body_line),
        photos: vec![],
    };
    let before = diags.len();
    if let Some(front) = front {
        let raw: RawFrontMatter = parse(&front, FRONT_MATTER, diags)?;
        apply_front_matter(&front, &raw, &mut article, diags);
    }
    let offset = src.text.len().saturating_sub(body.len());
    controls::check_body(src, body, offset, &article.id, diags);
    if diags.len() > before {
        return None;
    }
    if article.paragraphs.is_empty() {
        let at = src.text.len().saturating_sub(1);
        let what = if src.text.trim().is_empty() {
            "is empty"
        } else {
            "has no body text"
        };
        let d = src
            .error("E0110", at..at, format!("article `{}` {what}", article.id))
            .hint("write the paragraphs after the front matter's closing `+++`, a blank line between two");
        diags.push(d);
        return None;
    }
    if let Some(first) = article.paragraphs.first_mut() {
        if let Some((dateline, rest)) = split_dateline(&first.text) {
            article.dateline = Some(dateline);
            first.text = rest;
        }
    }
    Some(article)
}

type Split<'a> = (Option<Source>, &'a str, u32);

/// Splits `+++` front matter off: the front matter as its own source (line numbers
/// kept), the body text and the body's first line.
fn split_front_matter(src: &Source) -> Result<Split<'_>, Box<Diagnostic>> {
    let text = src.text.strip_prefix('\u{FEFF}').unwrap_or(&src.text);
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Ok((None, text, 1));
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = start;
    for (i, l) in text[start..].split_inclusive('\n').enumerate() {
        if l.trim_end() == "+++" {
            let mut front = Source::new(&src.path, text[start..pos].to_owned());
            front.line_offset = 1;
            // The closing fence is on line i + 2; the body starts on the next.
            return Ok((Some(front), &text[pos + l.len()..], i as u32 + 3));
        }
        pos += l.len();
    }
    let d = src
        .error("E0109", 0..3, "front matter is not closed")
        .hint("end the front matter with a line holding only `+++`");
    Err(Box::new(d))
}

/// Paragraphs separated by blank lines; source lines inside one are joined (with a
/// space only between two Latin letters or digits).
fn paragraphs(body: &str, first_line: u32) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = vec![];
    let mut cur: Option<Paragraph> = None;
    for (i, raw) in body.lines().enumerate() {
        let l = raw.trim_matches([' ', '\t', '\r', '\u{3000}']);
        if l.is_empty() {
            out.extend(cur.take());
            continue;
        }
        match &mut cur {
            Some(p) => {
                let joint = p
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && l.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                if joint {
                    p.text.push(' ');
                }
                p.text.push_str(l);
            }
            None => {
                cur = Some(Paragraph {
                    text: l.to_owned(),
                    line: first_line + i as u32,
                })
            }
        }
    }
    out.extend(cur);
    out
}

fn apply_front_matter(
    src: &Source,
    raw: &RawFrontMatter,
    a: &mut Article,
    diags: &mut Vec<Diagnostic>,
) {
    let mut r = Reader::new(src, diags);
    if let Some(id) = raw.id.as_ref().and_then(|v| r.string(v, "id")) {
        a.id = id;
    }
    let texts = [
        (&raw.kicker, "kicker"),
        (&raw.headline, "headline"),
        (&raw.subhead, "subhead"),
        (&raw.byline, "byline"),
    ];
    let photos = raw.photo.iter().flat_map(|p| {
        [
            (&p.get_ref().caption, "photo.caption"),
            (&p.get_ref().credit, "photo.credit"),
        ]
    });
    for (v, key) in texts.into_iter().chain(photos) {
        if let Some(v) = v {
            controls::check_value(&mut r, v, key, &a.id);
        }
    }
    a.kicker = raw
        .kicker
        .as_ref()
        .map(|v| text_lines(&mut r, v, "kicker"))
        .unwrap_or_default();
    a.headline = raw
        .headline
        .as_ref()
        .map(|v| text_lines(&mut r, v, "headline"))
        .unwrap_or_default();
    a.subhead = raw
        .subhead
        .as_ref()
        .map(|v| text_lines(&mut r, v, "subhead"))
        .unwrap_or_default();
    a.byline = raw.byline.as_ref().and_then(|v| r.string(v, "byline"));
    for p in &raw.photo {
        if let Some(photo) = front_photo(&mut r, p) {
            a.photos.push(photo);
        }
    }
}

/// A headline part: a string (`\n` breaks it) or an array of lines.
fn text_lines(r: &mut Reader, v: &V, key: &str) -> Vec<String> {
    let lines: Vec<String> = match v.get_ref() {
        toml::Value::String(s) => s.split('\n').map(str::to_owned).collect(),
        toml::Value::Array(a) if a.iter().all(|x| x.is_str()) => a
            .iter()
            .filter_map(|x| x.as_str())
            .map(str::to_owned)
            .collect(),
        _ => {
            let msg = format!("`{key}` must be a string or an array of strings");
            r.error(
                "E0103",
                v.span(),
                msg,
                format!("write `{key} = \"…\"` (use `\\n` to break it)"),
            );
            return vec![];
        }
    };
    lines
        .into_iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

fn front_photo(r: &mut Reader, p: &Spanned<RawFrontPhoto>) -> Option<Photo> {
    let raw = p.get_ref();
    let Some(file) = &raw.file else {
        r.missing(p.span(), "file", "\"../images/photo.jpg\"");
        return None;
    };
    let caption = raw
        .caption
        .as_ref()
        .and_then(|v| r.string(v, "photo.caption"))
        .unwrap_or_default();
    let credit = raw
        .credit
        .as_ref()
        .and_then(|v| r.string(v, "photo.credit"))
        .unwrap_or_default();
    let focus = match &raw.focus {
        Some(v) => focus(r, v)?,
        None => (0.5, 0.5),
    };
    image_photo(r, file, "photo.file", caption, credit, focus)
}

/// A focal point `[x, y]`, fractions of width and height.
pub fn focus(r: &mut Reader, v: &V) -> Option<(f32, f32)> {
    let nums: Option<Vec<f64>> = v
        .get_ref()
        .as_array()
        .filter(|a| a.len() == 2)
        .and_then(|a| {
            a.iter()
                .map(|x| x.as_float().or_else(|| x.as_integer().map(|i| i as f64)))
                .collect()
        });
    match nums {
        Some(n) if n.iter().all(|x| (0.0..=1.0).contains(x)) => Some((n[0] as f32, n[1] as f32)),
        _ => {
            let hint = "give fractions of width and height, e.g. `focus = [0.5, 0.4]`";
            r.error(
                "E0105",
                v.span(),
                "`focus` must be two numbers from 0 to 1",
                hint,
            );
            None
        }
    }
}

/// A photo from an image file named at `file` (relative to the file naming it); the
/// pixel size comes from the image header. A missing or unreadable image is `E0302`.
pub fn image_photo(
    r: &mut Reader,
    file: &V,
    key: &str,
    caption: String,
    credit: String,
    focus: (f32, f32),
) -> Option<Photo> {
    let rel = r.string(file, key)?;
    let path = r.src.resolve_path(&rel);
    // A FIFO or device would block or never end: only regular files are opened.
    let dims = crate::config::source::read_regular_meta(&path, u64::MAX)
        .map_err(image::ImageError::IoError)
        .and_then(|()| image::image_dimensions(&path));
    match dims {
        Ok((w, h)) => Some(Photo {
            path,
            px_width: w,
            px_height: h,
            caption,
            credit,
            focus,
        }),
        Err(e) => {
            let why = match &e {
                image::ImageError::IoError(io) => io_reason(io),
                other => crate::config::source::lower_first(&other.to_string()),
            };
            let msg = format!("cannot read image `{}`: {why}", path.display());
            r.error(
                "E0302",
                file.span(),
                msg,
                "image paths are relative to the file that names them; JPEG and PNG are read",
            );
            None
        }
    }
}
