//! `[fonts]`, `[styles]`, `[composition]` and `[rule]` of a layout.
//!
//! Default faces by role follow cjk-rules §4.3: body Song, dateline and headline Hei,
//! kicker, subhead and caption Kai.

use super::raw::{RawComposition, RawLayout, RawStyle, V};
use super::read::Reader;
use super::source::{did_you_mean, io_reason};
use super::units::{Accept, UnitContext};
use crate::layout::{Align, Cmyk, PageGeometry, Styles, TextStyle};
use crate::text::{
    BreakMethod, CjkLatinSpacing, CompositionStyle, FontBook, FontError, FontId, KinsokuLevel,
    PunctStyle,
};
use std::collections::BTreeMap;

/// A style's defaults: font name, size, smallest size, leading (em), alignment.
struct Default_ {
    name: &'static str,
    font: &'static str,
    size: f64,
    min: Option<f64>,
    leading_em: f64,
    align: Align,
}

/// Defaults per style; sizes in pt (二号 22, 四号 14, 小五 9; cjk-rules §4.1, §4.3:
/// kicker and subhead two steps below the headline).
const DEFAULTS: &[Default_] = &[
    Default_ {
        name: "body",
        font: "song",
        size: 0.0,
        min: None,
        leading_em: 0.0,
        align: Align::Start,
    },
    Default_ {
        name: "dateline",
        font: "hei",
        size: 0.0,
        min: None,
        leading_em: 0.0,
        align: Align::Start,
    },
    Default_ {
        name: "kicker",
        font: "kai",
        size: 14.0,
        min: None,
        leading_em: 1.25,
        align: Align::Center,
    },
    Default_ {
        name: "headline",
        font: "hei_bold",
        size: 22.0,
        min: Some(16.0),
        leading_em: 1.2,
        align: Align::Center,
    },
    Default_ {
        name: "subhead",
        font: "kai",
        size: 14.0,
        min: None,
        leading_em: 1.25,
        align: Align::Center,
    },
    Default_ {
        name: "byline",
        font: "kai",
        size: 9.0,
        min: None,
        leading_em: 1.4,
        align: Align::Start,
    },
    Default_ {
        name: "caption",
        font: "kai",
        size: 9.0,
        min: None,
        leading_em: 1.4,
        align: Align::Start,
    },
    Default_ {
        name: "credit",
        font: "kai",
        size: 9.0,
        min: None,
        leading_em: 1.4,
        align: Align::End,
    },
    Default_ {
        name: "header",
        font: "hei",
        size: 9.0,
        min: None,
        leading_em: 1.2,
        align: Align::Start,
    },
    Default_ {
        name: "jump",
        font: "kai",
        size: 9.0,
        min: None,
        leading_em: 1.4,
        align: Align::End,
    },
    // 版名 in the running head: bold Hei, centred (人民日报 style, cjk-rules §4.5).
    Default_ {
        name: "section",
        font: "hei_bold",
        size: 12.0,
        min: None,
        leading_em: 1.2,
        align: Align::Center,
    },
];

/// Loads `[fonts]` and resolves every style; `None` after errors (already reported).
pub fn resolve_styles(
    r: &mut Reader,
    raw: &RawLayout,
    g: &PageGeometry,
    book: &mut FontBook,
) -> Option<Styles> {
    let fonts = load_fonts(r, raw, book);
    let mut got: BTreeMap<&str, TextStyle> = BTreeMap::new();
    let mut ok = true;
    for d in DEFAULTS {
        match resolve_style(r, raw.styles.get(d.name), d, g, &fonts) {
            Some(s) => {
                got.insert(d.name, s);
            }
            None => ok = false,
        }
    }
    // A font that failed to load was reported where it is declared; the styles using
    // it need no second error saying it is not defined.
    let failed: Vec<String> = raw
        .fonts
        .keys()
        .map(|k| k.get_ref().clone())
        .filter(|n| !fonts.contains_key(n))
        .collect();
    r.diags.retain(|d| {
        !(d.code == "E0105"
            && failed
                .iter()
                .any(|n| d.message.contains(&format!("uses font `{n}`, which"))))
    });
    let composition = resolve_composition(r, &raw.composition, g);
    let rule_pt = match &raw.rule.width {
        Some(v) => r
            .length(v, "rule.width", Accept::ABSOLUTE)
            .map(|x| x as f32),
        None => Some(0.5),
    };
    let rule_color = match &raw.rule.color {
        Some(v) => r.cmyk(v, "rule.color"),
        None => Some(Cmyk::BLACK),
    };
    let mut take = |n: &str| got.remove(n);
    if !ok {
        return None;
    }
    Some(Styles {
        body: take("body")?,
        composition: composition?,
        dateline: take("dateline")?,
        kicker: take("kicker")?,
        headline: take("headline")?,
        subhead: take("subhead")?,
        byline: take("byline")?,
        caption: take("caption")?,
        credit: take("credit")?,
        header: take("header")?,
        jump: take("jump")?,
        section: take("section")?,
        rule_pt: rule_pt?,
        rule_color: rule_color?,
    })
}

fn load_fonts(r: &mut Reader, raw: &RawLayout, book: &mut FontBook) -> BTreeMap<String, FontId> {
    let mut out = BTreeMap::new();
    for (name, font) in &raw.fonts {
        let key = format!("fonts.{}", name.get_ref());
        let Some(pv) = &font.get_ref().path else {
            r.missing(
                font.span(),
                "path",
                "\"../fonts/NotoSerifCJKsc-Regular.otf\"",
            );
            continue;
        };
        let Some(rel) = r.string(pv, &format!("{key}.path")) else {
            continue;
        };
        let index = match &font.get_ref().index {
            Some(v) => r.uint(v, &format!("{key}.index"), 0, 255),
            None => Some(0),
        };
        let Some(index) = index else { continue };
        let path = r.src.resolve_path(&rel);
        if let Err(e) = super::source::read_regular_meta(&path, MAX_FONT_BYTES) {
            let msg = format!("cannot read font `{}`: {}", path.display(), io_reason(&e));
            r.error(
                "E0303",
                pv.span(),
                msg,
                "paths are relative to the layout file",
            );
            continue;
        }
        match book.load(&path, index) {
            Ok(id) => match unusable(book.get(id)) {
                None => {
                    out.insert(name.get_ref().clone(), id);
                }
                Some((why, hint)) => {
                    let msg = format!("font `{}` {why}", path.display());
                    r.error("E0303", pv.span(), msg, hint);
                }
            },
            Err(FontError::Io(p, e)) => {
                let msg = format!("cannot read font `{}`: {}", p.display(), io_reason(&e));
                r.error(
                    "E0303",
                    pv.span(),
                    msg,
                    "paths are relative to the layout file",
                );
            }
            Err(e @ FontError::Parse(..)) => {
                r.error(
                    "E0303",
                    pv.span(),
                    e.to_string(),
                    "give an OpenType/TrueType file (and `index` for a collection)",
                );
            }
        }
    }
    out
}

fn resolve_style(
    r: &mut Reader,
    raw: Option<&toml::Spanned<RawStyle>>,
    d: &Default_,
    g: &PageGeometry,
    fonts: &BTreeMap<String, FontId>,
) -> Option<TextStyle> {
    let empty = RawStyle::default();
    let s = raw.map_or(&empty, |s| s.get_ref());
    let key = |k: &str| format!("styles.{}.{k}", d.name);
    let font = style_font(r, s.font.as_ref(), d, fonts, raw.map(|s| s.span()));
    let metrics = style_metrics(r, s, d, g);
    let aligns = [
        ("start", Align::Start),
        ("left", Align::Start),
        ("center", Align::Center),
        ("centre", Align::Center),
        ("end", Align::End),
        ("right", Align::End),
    ];
    let align = match &s.align {
        Some(v) => r.choice(v, &key("align"), &aligns),
        None => Some(d.align),
    };
    let color = match &s.color {
        Some(v) => r.cmyk(v, &key("color")),
        None => Some(Cmyk::BLACK),
    };
    let (size, min, leading, tracking) = metrics?;
    Some(TextStyle {
        font: font?,
        size_pt: size as f32,
        min_size_pt: min as f32,
        color: color?,
        align: align?,
        leading_pt: leading as f32,
        tracking_em: tracking as f32,
    })
}

/// Size, smallest size, leading (pt) and tracking (em) of a style. The body's size
/// and leading come from the grid; a dateline defaults to them.
fn style_metrics(
    r: &mut Reader,
    s: &RawStyle,
    d: &Default_,
    g: &PageGeometry,
) -> Option<(f64, f64, f64, f64)> {
    let key = |k: &str| format!("styles.{}.{k}", d.name);
    let is_body = d.name == "body";
    let body_like = is_body || d.name == "dateline";
    let body = f64::from(g.body_pt);
    if is_body {
        for (v, k) in [
            (&s.size, "size"),
            (&s.leading, "leading"),
            (&s.min_size, "min_size"),
        ] {
            if let Some(v) = v {
                let hint = "set the body size and line pitch in `[grid]` (`body`, `line_pitch`)";
                r.error(
                    "E0105",
                    v.span(),
                    format!("`{}` is set by the grid", key(k)),
                    hint,
                );
            }
        }
    }
    let size = match &s.size {
        Some(v) if !is_body => r.length(v, &key("size"), Accept::SIZE),
        _ if body_like => Some(body),
        _ => Some(d.size),
    };
    let min = match &s.min_size {
        Some(v) if !is_body => r.length(v, &key("min_size"), Accept::SIZE),
        _ => d.min.or(size),
    };
    // A size that failed was reported; em amounts use the default so as not to cascade.
    let em = size.unwrap_or(if body_like { body } else { d.size });
    let saved = r.ctx;
    r.ctx = UnitContext {
        em: Some(em),
        ..saved
    };
    let leading = match &s.leading {
        Some(v) if !is_body => r.length(v, &key("leading"), Accept::LEADING),
        _ if body_like => Some(f64::from(g.line_pitch)),
        _ => Some(em * d.leading_em),
    };
    let tracking = match &s.tracking {
        Some(v) => r.length(v, &key("tracking"), Accept::EM).map(|pt| pt / em),
        None => Some(0.0),
    };
    r.ctx = saved;
    // Sizes and leading must be positive (issue 7: a 0 pt or negative size set nothing).
    for (v, val, k) in [
        (&s.size, size, "size"),
        (&s.min_size, min, "min_size"),
        (&s.leading, leading, "leading"),
    ] {
        if let (Some(v), Some(pt)) = (v, val) {
            if !(pt >= MIN_SIZE_PT) {
                let msg = format!(
                    "`{}` is {pt:.2} pt; it must be at least {MIN_SIZE_PT} pt",
                    key(k)
                );
                r.error(
                    "E0105",
                    v.span(),
                    msg,
                    "give a size such as `\"小五\"` or `\"9pt\"`",
                );
                return None;
            }
        }
    }
    let (size, min) = (size?, min?);
    if let (true, Some(v)) = (min > size, &s.min_size) {
        let hint = "a style may only shrink: give a size at most `size`";
        r.error(
            "E0105",
            v.span(),
            format!("`{}` is larger than the size", key("min_size")),
            hint,
        );
        return None;
    }
    Some((size, min.min(size), leading?, tracking?))
}

/// The largest font file loaded: 512 MiB (a big CJK collection is under 200 MiB).
const MAX_FONT_BYTES: u64 = 512 << 20;

/// The smallest size, minimum size or leading a style may have, in pt (八号 is 5 pt).
const MIN_SIZE_PT: f64 = 1.0;

fn style_font(
    r: &mut Reader,
    v: Option<&V>,
    d: &Default_,
    fonts: &BTreeMap<String, FontId>,
    table: Option<std::ops::Range<usize>>,
) -> Option<FontId> {
    let (name, span) = match v {
        Some(v) => (r.string(v, &format!("styles.{}.font", d.name))?, v.span()),
        None => (d.font.to_owned(), table.unwrap_or(0..0)),
    };
    if let Some(&id) = fonts.get(&name) {
        return Some(id);
    }
    let hint = match did_you_mean(&name, fonts.keys().map(String::as_str)) {
        Some(m) => format!("did you mean `{m}`?"),
        None => format!(
            "add `[fonts.{name}]` with a `path`, or set `styles.{}.font`",
            d.name
        ),
    };
    let span = if v.is_some() {
        span
    } else {
        span.start..span.start
    };
    r.error(
        "E0105",
        span,
        format!(
            "style `{}` uses font `{name}`, which `[fonts]` does not define",
            d.name
        ),
        hint,
    );
    None
}

fn resolve_composition(
    r: &mut Reader,
    c: &RawComposition,
    g: &PageGeometry,
) -> Option<CompositionStyle> {
    let mut s = CompositionStyle {
        em_pt: g.body_pt,
        ..CompositionStyle::default()
    };
    let punct = [
        ("quanjiao", PunctStyle::Quanjiao),
        ("kaiming", PunctStyle::Kaiming),
        ("banjiao", PunctStyle::Banjiao),
        ("plain", PunctStyle::Plain),
    ];
    let kinsoku = [
        ("none", KinsokuLevel::None),
        ("basic", KinsokuLevel::Basic),
        ("gb", KinsokuLevel::Gb),
        ("strict", KinsokuLevel::Strict),
    ];
    let method = [
        ("optimal", BreakMethod::Optimal),
        ("greedy", BreakMethod::Greedy),
    ];
    let mut ok = true;
    macro_rules! set {
        ($field:ident, $opt:expr) => {
            set!($field, $field, $opt)
        };
        ($raw:ident, $field:ident, $opt:expr) => {
            if let Some(v) = &c.$raw {
                match $opt(r, v) {
                    Some(x) => s.$field = x,
                    None => ok = false,
                }
            }
        };
    }
    set!(punct, |r: &mut Reader, v| r.choice(
        v,
        "composition.punct",
        &punct
    ));
    set!(kinsoku, |r: &mut Reader, v| r.choice(
        v,
        "composition.kinsoku",
        &kinsoku
    ));
    set!(method, |r: &mut Reader, v| r.choice(
        v,
        "composition.method",
        &method
    ));
    set!(hanging, |r: &mut Reader, v| r
        .boolean(v, "composition.hanging"));
    set!(justify, |r: &mut Reader, v| r
        .boolean(v, "composition.justify"));
    let em = f64::from(g.body_pt);
    let saved = r.ctx;
    r.ctx.em = Some(em);
    set!(indent, indent_em, |r: &mut Reader, v| r
        .length(v, "composition.indent", Accept::EM)
        .map(|pt| (pt / em) as f32));
    set!(cjk_latin, |r: &mut Reader, v| cjk_latin(r, v, em));
    r.ctx = saved;
    ok.then_some(s)
}

/// `cjk_latin = "none" | "flexible" | "0.25字"` or `{ natural, min, max }` (CLREQ §3.4).
fn cjk_latin(r: &mut Reader, v: &V, em: f64) -> Option<CjkLatinSpacing> {
    let key = "composition.cjk_latin";
    match v.get_ref() {
        toml::Value::String(s) if s == "none" => Some(CjkLatinSpacing::None),
        toml::Value::String(s) if s == "flexible" => Some(CjkLatinSpacing::default()),
        toml::Value::Table(t) => {
            let mut part = |k: &str| -> Option<f32> {
                let Some(x) = t.get(k) else {
                    r.missing(v.span(), k, "\"0.25字\"");
                    return None;
                };
                let x = toml::Spanned::new(v.span(), x.clone());
                r.length(&x, &format!("{key}.{k}"), Accept::EM)
                    .map(|pt| (pt / em) as f32)
            };
            let (natural, min, max) = (part("natural"), part("min"), part("max"));
            Some(CjkLatinSpacing::Flexible {
                natural: natural?,
                min: min?,
                max: max?,
            })
        }
        _ => r
            .length(v, key, Accept::EM)
            .map(|pt| CjkLatinSpacing::Fixed((pt / em) as f32)),
    }
}

/// Why a face that parsed cannot set the text, with a hint: tables missing or damaged (a
/// truncated file), or no Chinese glyphs. paiban has no font fallback, so every face in
/// `[fonts]` must hold the Han characters it sets (checked with 中 U+4E2D, 。 U+3002).
fn unusable(face: &crate::text::Face) -> Option<(String, &'static str)> {
    let ttf = face.ttf();
    let damaged = "give the font file again: this one is truncated or damaged";
    if ttf.tables().cmap.is_none() {
        return Some(("has no readable `cmap` table".into(), damaged));
    }
    let t = ttf.tables();
    let outlines = t.glyf.is_some() || t.cff.is_some() || t.cff2.is_some();
    if !outlines || ttf.number_of_glyphs() < 2 {
        return Some(("has no readable glyph outlines".into(), damaged));
    }
    let cjk =
        "give a Chinese font (e.g. Noto Serif CJK SC); paiban does not fall back to other fonts";
    for c in ['中', '。'] {
        let Some(gid) = ttf.glyph_index(c) else {
            let why = format!(
                "has no glyph for `{c}` (U+{:04X}): it does not cover Chinese",
                c as u32
            );
            return Some((why, cjk));
        };
        let mut sink = NoOutline;
        if ttf.outline_glyph(gid, &mut sink).is_none() && c == '中' {
            let why = format!(
                "cannot draw `{c}` (U+{:04X}): its outline is damaged",
                c as u32
            );
            return Some((why, damaged));
        }
    }
    None
}

/// Outline sink that only lets ttf-parser walk an outline.
struct NoOutline;

impl ttf_parser::OutlineBuilder for NoOutline {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {}
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
    fn close(&mut self) {}
}
