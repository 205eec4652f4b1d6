//! Photos: the image frame, its crop, and the caption with credit below it
//! (cjk-rules §4.5: captions below the photo, same width, smaller than body, often 楷体).

use super::emit::{check_glyphs, line_items, TextSource};
use super::frame::Cmyk;
use super::frame::{ImagePlacement, Item, Rect};
use super::grid::EM_ASCENT;
use super::spec::{Align, Fit, Styles};
use crate::content::Photo;
use crate::diag::Diagnostic;
use crate::text::{shape_paragraph, CompositionStyle, FontBook, Line, Run};

/// Space between picture and caption, as a fraction of the line pitch.
const GAP: f32 = 0.25;

/// The part of the picture shown in a `frame_w × frame_h` frame, in pixels, and the
/// frame actually used inside `area`.
///
/// `Fill` keeps the frame and crops the largest piece of the picture with the frame's
/// aspect, centred on `focus` as far as the edges allow; `Fit` shows the whole picture
/// and shrinks the frame to its aspect, centred in `area`.
pub(crate) fn crop_for(photo: &Photo, area: Rect, fit: Fit) -> (Rect, Rect) {
    let (pw, ph) = (photo.px_width.max(1) as f32, photo.px_height.max(1) as f32);
    let full = Rect {
        x: 0.0,
        y: 0.0,
        w: pw,
        h: ph,
    };
    if area.w <= 0.0 || area.h <= 0.0 {
        return (full, area);
    }
    let (frame_aspect, img_aspect) = (area.w / area.h, pw / ph);
    match fit {
        Fit::Fit => {
            let frame = if img_aspect > frame_aspect {
                let h = area.w / img_aspect;
                Rect {
                    x: area.x,
                    y: area.y + (area.h - h) / 2.0,
                    w: area.w,
                    h,
                }
            } else {
                let w = area.h * img_aspect;
                Rect {
                    x: area.x + (area.w - w) / 2.0,
                    y: area.y,
                    w,
                    h: area.h,
                }
            };
            (full, frame)
        }
        Fit::Fill => {
            let (fx, fy) = (photo.focus.0.clamp(0.0, 1.0), photo.focus.1.clamp(0.0, 1.0));
            let crop = if img_aspect > frame_aspect {
                let w = ph * frame_aspect;
                Rect {
                    x: (fx * pw - w / 2.0).clamp(0.0, pw - w),
                    y: 0.0,
                    w,
                    h: ph,
                }
            } else {
                let h = pw / frame_aspect;
                Rect {
                    x: 0.0,
                    y: (fy * ph - h / 2.0).clamp(0.0, ph - h),
                    w: pw,
                    h,
                }
            };
            (crop, area)
        }
    }
}

/// Where a photo goes and what it is part of.
pub(crate) struct PhotoBox<'a> {
    pub fonts: &'a FontBook,
    pub styles: &'a Styles,
    pub pitch: f32,
    /// The whole area (grid lines), picture and caption.
    pub area: Rect,
    /// For missing-glyph messages.
    pub article: &'a str,
    pub file: &'a std::path::Path,
    pub index: usize,
}

/// A caption line: its row under the picture, offset from the area's left, colour.
struct CapLine {
    row: usize,
    x: f32,
    line: Line,
    color: Cmyk,
}

/// The caption in the caption style, then the credit in the credit style: flush right
/// on the caption's last line (or a line of its own) when the credit style says `end`,
/// else run on after an ideographic space (cjk-rules §4.5: "本报记者 ××× 摄" separated by a
/// space or set right).
fn caption_lines(pb: &PhotoBox<'_>, photo: &Photo) -> Vec<CapLine> {
    let s = pb.styles;
    let (caption, credit) = (photo.caption.trim(), photo.credit.trim());
    let flush = s.credit.align == Align::End && !caption.is_empty();
    let mut runs = Vec::new();
    if !caption.is_empty() {
        runs.push(Run {
            text: caption.to_owned(),
            font: s.caption.font,
            size_pt: s.caption.size_pt,
        });
    }
    if !credit.is_empty() && !flush {
        let text = if caption.is_empty() {
            credit.to_owned()
        } else {
            format!("\u{3000}{credit}")
        };
        runs.push(Run {
            text,
            font: s.credit.font,
            size_pt: s.credit.size_pt,
        });
    }
    let comp = CompositionStyle {
        em_pt: s.caption.size_pt,
        indent_em: 0.0,
        ..s.composition.clone()
    };
    let mut out: Vec<CapLine> = if runs.is_empty() {
        vec![]
    } else {
        let lines = shape_paragraph(pb.fonts, &runs, &comp).break_lines(pb.area.w);
        lines
            .into_iter()
            .enumerate()
            .map(|(row, line)| CapLine {
                row,
                x: 0.0,
                line,
                color: s.caption.color,
            })
            .collect()
    };
    if flush && !credit.is_empty() {
        let comp = CompositionStyle {
            em_pt: s.credit.size_pt,
            indent_em: 0.0,
            justify: false,
            ..s.composition.clone()
        };
        let run = Run {
            text: credit.to_owned(),
            font: s.credit.font,
            size_pt: s.credit.size_pt,
        };
        let line = shape_paragraph(pb.fonts, &[run], &comp).natural_line();
        let room = out
            .last()
            .map_or(0.0, |l| pb.area.w - l.line.width_pt - s.caption.size_pt);
        let row = match out.last() {
            Some(l) if line.width_pt <= room => l.row,
            Some(l) => l.row + 1,
            None => 0,
        };
        out.push(CapLine {
            row,
            x: (pb.area.w - line.width_pt).max(0.0),
            line,
            color: s.credit.color,
        });
    }
    out
}

fn caption_leading(s: &Styles) -> f32 {
    if s.caption.leading_pt > 0.0 {
        s.caption.leading_pt
    } else {
        1.3 * s.caption.size_pt
    }
}

/// Places the picture and its caption; the caption takes whole lines at the bottom of
/// the area (the picture takes the rest).
pub(crate) fn place_photo(
    pb: &PhotoBox<'_>,
    photo: &Photo,
    fit: Fit,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let s = pb.styles;
    let gap = GAP * pb.pitch;
    let lines = caption_lines(pb, photo);
    let lead = caption_leading(s);
    let size = s.caption.size_pt;
    // The picture's top and the caption's foot line up with the em boxes of the body
    // lines beside them: half the line gap inside the area's grid lines (cjk-rules §1.h).
    let edge = ((pb.pitch - s.body.size_pt) / 2.0).max(0.0);
    let bottom = pb.area.y + pb.area.h - edge;
    let top = pb.area.y + edge;
    let rows = lines.last().map_or(0, |l| l.row + 1);
    // The caption hangs from the picture (one gap above it) and keeps at least half a
    // gap more air below (besides the grid's line gap), so it reads with its picture,
    // not with the text under it.
    let cap_h = if rows == 0 {
        0.0
    } else {
        (rows - 1) as f32 * lead + size + 1.5 * gap
    };
    let cap_rows = (cap_h / pb.pitch - 1e-3).ceil().max(0.0);
    let cap_top = (bottom - cap_rows * pb.pitch).max(top);
    let pic = Rect {
        x: pb.area.x,
        y: top,
        w: pb.area.w,
        h: (cap_top - top - if lines.is_empty() { 0.0 } else { gap * 0.5 }).max(0.0),
    };
    let (crop, frame) = crop_for(photo, pic, fit);
    let mut items = vec![Item::Image(ImagePlacement {
        path: photo.path.clone(),
        px_width: photo.px_width,
        px_height: photo.px_height,
        crop,
        frame,
    })];
    let src = TextSource {
        article: pb.article,
        file: pb.file,
        what: format!("caption of photo {}", pb.index + 1),
        line: None,
    };
    let y0 = cap_top + gap * 0.5 + EM_ASCENT * size;
    for cl in &lines {
        check_glyphs(&cl.line, &src, diags);
        items.extend(line_items(
            &cl.line,
            pb.area.x + cl.x,
            y0 + cl.row as f32 * lead,
            cl.color,
            0.0,
        ));
    }
    if photo.px_width == 0 || photo.px_height == 0 {
        diags.push(
            Diagnostic::error(
                "E0303",
                format!(
                    "photo {} of `{}` has no pixel size",
                    pb.index + 1,
                    pb.article
                ),
            )
            .in_file(&photo.path)
            .hint("check that the image file exists and is a PNG or JPEG"),
        );
    }
    items
}
