//! The keys each TOML file may hold; unknown keys are errors with "did you mean".
//!
//! Checked on the parsed document (with spans) before serde reads it, so that every
//! unknown key in a file is reported in one run.

use super::source::{did_you_mean, Source};
use crate::diag::Diagnostic;
use toml::de::{DeTable, DeValue};

/// What a key holds.
#[derive(Debug)]
pub enum Shape {
    /// A value (string, number, array of values, inline table not checked).
    Leaf,
    /// A table with these keys.
    Table(&'static [Field]),
    /// An array of tables with these keys (`[[article]]`).
    Tables(&'static [Field]),
    /// A table of user-chosen names, each a table with these keys (`[fonts.song]`).
    Named(&'static [Field]),
}

/// A known key.
#[derive(Debug)]
pub struct Field {
    /// The key.
    pub name: &'static str,
    /// What it holds.
    pub shape: Shape,
}

const fn leaf(name: &'static str) -> Field {
    Field {
        name,
        shape: Shape::Leaf,
    }
}

const STYLE: &[Field] = &[
    leaf("font"),
    leaf("size"),
    leaf("min_size"),
    leaf("leading"),
    leaf("tracking"),
    leaf("align"),
    leaf("color"),
];

/// Names of the styles in `[styles]`.
pub const STYLE_NAMES: &[&str] = &[
    "body", "dateline", "kicker", "headline", "subhead", "byline", "caption", "credit", "header",
    "jump", "section",
];

const STYLES: &[Field] = &[
    Field {
        name: "body",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "dateline",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "kicker",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "headline",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "subhead",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "byline",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "caption",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "credit",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "header",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "jump",
        shape: Shape::Table(STYLE),
    },
    Field {
        name: "section",
        shape: Shape::Table(STYLE),
    },
];

/// Keys of a layout file.
pub const LAYOUT: &[Field] = &[
    Field {
        name: "paper",
        shape: Shape::Table(&[leaf("name"), leaf("size"), leaf("bleed")]),
    },
    Field {
        name: "margins",
        shape: Shape::Table(&[leaf("top"), leaf("bottom"), leaf("left"), leaf("right")]),
    },
    Field {
        name: "grid",
        shape: Shape::Table(&[
            leaf("columns"),
            leaf("column"),
            leaf("gutter"),
            leaf("body"),
            leaf("line_pitch"),
        ]),
    },
    Field {
        name: "header",
        shape: Shape::Table(&[leaf("height")]),
    },
    Field {
        name: "fonts",
        shape: Shape::Named(&[leaf("path"), leaf("index")]),
    },
    Field {
        name: "styles",
        shape: Shape::Table(STYLES),
    },
    Field {
        name: "composition",
        shape: Shape::Table(&[
            leaf("punct"),
            leaf("kinsoku"),
            leaf("indent"),
            leaf("cjk_latin"),
            leaf("hanging"),
            leaf("method"),
            leaf("justify"),
        ]),
    },
    Field {
        name: "rule",
        shape: Shape::Table(&[leaf("width"), leaf("color")]),
    },
    Field {
        name: "print",
        shape: Shape::Table(&[
            leaf("standard"),
            leaf("output_condition_identifier"),
            leaf("output_condition"),
            leaf("registry"),
            leaf("output_profile"),
            leaf("crop_marks"),
            leaf("max_ppi"),
            leaf("min_ppi"),
        ]),
    },
];

/// Keys of an issue file.
pub const ISSUE: &[Field] = &[
    leaf("paper"),
    leaf("slug"),
    leaf("date"),
    leaf("edition"),
    leaf("version"),
    leaf("output"),
    leaf("layout"),
    leaf("pages"),
];

const INLINE_PHOTO: &[Field] = &[leaf("photo"), leaf("cols"), leaf("lines"), leaf("fit")];

/// Keys of a page file.
pub const PAGE: &[Field] = &[
    leaf("name"),
    leaf("number"),
    leaf("section"),
    Field {
        name: "article",
        shape: Shape::Tables(&[
            leaf("file"),
            leaf("cols"),
            leaf("lines"),
            leaf("text_columns"),
            leaf("copyfit"),
            leaf("headline_size"),
            leaf("box"),
            Field {
                name: "photo",
                shape: Shape::Tables(INLINE_PHOTO),
            },
        ]),
    },
    Field {
        name: "photo",
        shape: Shape::Tables(&[
            leaf("file"),
            leaf("caption"),
            leaf("credit"),
            leaf("focus"),
            leaf("cols"),
            leaf("lines"),
            leaf("fit"),
        ]),
    },
    Field {
        name: "rule",
        shape: Shape::Tables(&[
            leaf("after_line"),
            leaf("after_col"),
            leaf("cols"),
            leaf("lines"),
            leaf("width"),
        ]),
    },
];

/// Keys of an article's front matter.
pub const FRONT_MATTER: &[Field] = &[
    leaf("id"),
    leaf("kicker"),
    leaf("headline"),
    leaf("subhead"),
    leaf("byline"),
    Field {
        name: "photo",
        shape: Shape::Tables(&[leaf("file"), leaf("caption"), leaf("credit"), leaf("focus")]),
    },
];

/// Reports every key of `table` (and below) that `fields` does not know.
pub fn check_keys(
    src: &Source,
    table: &DeTable<'_>,
    fields: &[Field],
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let Some(field) = fields.iter().find(|f| f.name == name) else {
            out.push(unknown_key(src, key.span(), name, fields, path));
            continue;
        };
        let inner = if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        check_value(src, value.get_ref(), &field.shape, &inner, out);
    }
}

fn check_value(
    src: &Source,
    value: &DeValue<'_>,
    shape: &Shape,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    match (shape, value) {
        (Shape::Table(f), DeValue::Table(t)) => check_keys(src, t, f, path, out),
        (Shape::Tables(f), DeValue::Array(a)) => {
            for item in a.iter() {
                if let DeValue::Table(t) = item.get_ref() {
                    check_keys(src, t, f, path, out);
                }
            }
        }
        (Shape::Tables(f), DeValue::Table(t)) => check_keys(src, t, f, path, out),
        (Shape::Named(f), DeValue::Table(t)) => {
            for (k, v) in t.iter() {
                if let DeValue::Table(inner) = v.get_ref() {
                    check_keys(src, inner, f, &format!("{path}.{}", k.get_ref()), out);
                }
            }
        }
        // Wrong types are reported when the values are read.
        _ => {}
    }
}

fn unknown_key(
    src: &Source,
    span: std::ops::Range<usize>,
    name: &str,
    fields: &[Field],
    path: &str,
) -> Diagnostic {
    let place = if path.is_empty() {
        String::new()
    } else {
        format!(" in `[{path}]`")
    };
    let d = src.error("E0102", span, format!("unknown key `{name}`{place}"));
    match did_you_mean(name, fields.iter().map(|f| f.name)) {
        Some(m) => d.hint(format!("did you mean `{m}`?")),
        None => {
            let known: Vec<String> = fields.iter().map(|f| format!("`{}`", f.name)).collect();
            d.hint(format!("known keys here: {}", known.join(", ")))
        }
    }
}
