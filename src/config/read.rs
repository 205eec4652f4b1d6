//! Reading spanned TOML values: parsing with every syntax and key error reported,
//! then typed getters that check types and units and push diagnostics.

use super::schema::{check_keys, Field};
use super::source::{did_you_mean, lower_first, Source};
use super::units::{Accept, Length, LengthError, UnitContext, HAO_SIZES};
use crate::diag::Diagnostic;
use crate::layout::Cmyk;
use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::de::{DeTable, Deserializer};
use toml::{Spanned, Value};

/// The largest length any key takes, in pt (about 3.5 m; also rejects inf and NaN, so
/// that no later f32 arithmetic overflows).
pub const MAX_LENGTH_PT: f64 = 10_000.0;

/// Parses a TOML file into its raw struct: syntax errors (`E0101`), unknown keys
/// (`E0102`) and structural type errors (`E0103`) go to `out`. `None` when the file
/// could not be read into the struct at all.
pub fn parse<T: DeserializeOwned>(
    src: &Source,
    fields: &[Field],
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    let (table, errors) = DeTable::parse_recoverable(&src.text);
    if !errors.is_empty() {
        for e in errors {
            out.push(syntax_error(src, &e));
        }
        return None;
    }
    check_keys(src, table.get_ref(), fields, "", out);
    match T::deserialize(Deserializer::from(table)) {
        Ok(raw) => Some(raw),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            out.push(
                src.error(
                    "E0103",
                    span,
                    format!("wrong type: {}", serde_message(e.message())),
                )
                .hint("see layouts/README.md for what each key holds"),
            );
            None
        }
    }
}

/// Serde's message without our struct names: `invalid type: integer `5`, expected
/// struct RawGrid` → `integer `5`, expected a table`.
fn serde_message(msg: &str) -> String {
    let msg = msg.trim();
    let msg = msg.strip_prefix("invalid type: ").unwrap_or(msg);
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find("struct Raw") {
        out.push_str(&rest[..i]);
        out.push_str("a table");
        rest =
            rest[i + "struct Raw".len()..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    }
    out.push_str(rest);
    lower_first(&out.replace("a sequence", "an array of tables"))
}

fn syntax_error(src: &Source, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let msg = lower_first(e.message().lines().next().unwrap_or("").trim());
    src.error("E0101", span, format!("failed to parse TOML ({msg})"))
        .hint("check quotes, brackets and `=` on this line (TOML syntax: https://toml.io)")
}

/// The 号 size a mistyped one most likely meant: the closest name, else the only
/// name that starts with the same character (`二hao` → `二号`).
fn hao_guess(text: &str) -> Option<&'static str> {
    let names = || HAO_SIZES.iter().map(|(n, _)| *n);
    did_you_mean(text, names()).or_else(|| {
        let first = text.chars().next()?;
        let mut same = names().filter(|n| n.starts_with(first));
        match (same.next(), same.next()) {
            (Some(n), None) => Some(n),
            _ => None,
        }
    })
}

/// Orders diagnostics of one file by line and column (resolving visits keys out of order).
pub fn sort_by_place(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| {
        d.location
            .as_ref()
            .map(|l| (l.file.clone(), l.line, l.column))
    });
}

/// Typed access to spanned values; every mistake becomes a diagnostic.
pub struct Reader<'a> {
    /// The file the values come from.
    pub src: &'a Source,
    /// Where diagnostics go.
    pub diags: &'a mut Vec<Diagnostic>,
    /// What 字, 行 and em mean here.
    pub ctx: UnitContext,
}

/// Describes a value's type for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

impl<'a> Reader<'a> {
    /// A reader for `src`.
    pub fn new(src: &'a Source, diags: &'a mut Vec<Diagnostic>) -> Self {
        Reader {
            src,
            diags,
            ctx: UnitContext::default(),
        }
    }

    /// Records an error at a span.
    pub fn error(
        &mut self,
        code: &'static str,
        span: Range<usize>,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = self.src.error(code, span, msg).hint(hint);
        self.diags.push(d);
    }

    fn wrong_type(&mut self, v: &Spanned<Value>, key: &str, want: &str, example: &str) {
        let msg = format!("`{key}` must be {want}, found {}", kind(v.get_ref()));
        self.error(
            "E0103",
            v.span(),
            msg,
            format!("write it like `{key} = {example}`"),
        );
    }

    /// A required key that is absent: error `E0106` at `span` (the table it belongs in).
    pub fn missing(&mut self, span: Range<usize>, key: &str, example: &str) {
        let span = span.start..span.start;
        self.error(
            "E0106",
            span,
            format!("missing key `{key}`"),
            format!("add `{key} = {example}`"),
        );
    }

    /// A length in pt.
    pub fn length(&mut self, v: &Spanned<Value>, key: &str, accept: Accept) -> Option<f64> {
        let text = match v.get_ref() {
            Value::String(s) => s.clone(),
            Value::Integer(_) | Value::Float(_) => {
                let n = v.get_ref().to_string();
                let msg = format!("value `{n}` for `{key}` has no unit");
                let hint = format!(
                    "write it with a unit, e.g. `{key} = \"{}\"`; units that fit: {}",
                    accept.example(&n),
                    accept.describe()
                );
                self.error("E0104", v.span(), msg, hint);
                return None;
            }
            _ => {
                self.wrong_type(
                    v,
                    key,
                    "a length in a string",
                    &format!("\"{}\"", accept.example("9")),
                );
                return None;
            }
        };
        let len = match text.parse::<Length>() {
            Ok(l) => l,
            Err(e) => {
                let msg = match e {
                    LengthError::NoUnit => format!("value `{text}` for `{key}` has no unit"),
                    LengthError::Malformed => format!("`{text}` is not a length"),
                    LengthError::UnknownUnit(u) => format!("unknown unit `{u}` in `{text}`"),
                };
                let hao = if accept.hao { hao_guess(&text) } else { None };
                let hint = match hao {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("units that fit `{key}`: {}", accept.describe()),
                };
                self.error("E0104", v.span(), msg, hint);
                return None;
            }
        };
        if !accept.allows(len.unit) {
            let msg = format!("`{key}` cannot be given in `{}`", len.unit.suffix());
            self.error(
                "E0104",
                v.span(),
                msg,
                format!("units that fit `{key}`: {}", accept.describe()),
            );
            return None;
        }
        match len.to_pt(&self.ctx) {
            Some(pt) if !(pt.abs() <= MAX_LENGTH_PT) => {
                let msg = format!("`{key}` = `{text}` is out of range");
                let hint = "lengths are at most a few metres (a page is under 1 m)";
                self.error("E0105", v.span(), msg, hint);
                None
            }
            Some(pt) => Some(pt),
            None => {
                let msg = format!("`{}` has no meaning for `{key}` here", len.unit.suffix());
                self.error(
                    "E0104",
                    v.span(),
                    msg,
                    format!("use {}", Accept::ABSOLUTE.describe()),
                );
                None
            }
        }
    }

    /// A length in pt of at least `min` pt (margins, bleed, header: not negative).
    pub fn length_at_least(
        &mut self,
        v: &Spanned<Value>,
        key: &str,
        accept: Accept,
        min: f64,
    ) -> Option<f64> {
        let pt = self.length(v, key, accept)?;
        self.at_least(v, key, pt, min, "pt")
    }

    /// A number of at least `min` (`max_ppi`, `min_ppi`: not negative).
    pub fn number_at_least(&mut self, v: &Spanned<Value>, key: &str, min: f64) -> Option<f64> {
        let n = self.number(v, key)?;
        self.at_least(v, key, n, min, "")
    }

    fn at_least(
        &mut self,
        v: &Spanned<Value>,
        key: &str,
        x: f64,
        min: f64,
        unit: &str,
    ) -> Option<f64> {
        if x >= min && x.is_finite() {
            return Some(x);
        }
        let sp = if unit.is_empty() { "" } else { " " };
        let msg = format!("`{key}` is {x:.2}{sp}{unit}; it must be at least {min}{sp}{unit}");
        self.error(
            "E0105",
            v.span(),
            msg,
            "negative sizes have no meaning on a page",
        );
        None
    }

    /// A string.
    pub fn string(&mut self, v: &Spanned<Value>, key: &str) -> Option<String> {
        match v.get_ref() {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.wrong_type(v, key, "a string", "\"…\"");
                None
            }
        }
    }

    /// A boolean.
    pub fn boolean(&mut self, v: &Spanned<Value>, key: &str) -> Option<bool> {
        match v.get_ref() {
            Value::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(v, key, "`true` or `false`", "true");
                None
            }
        }
    }

    /// A number (integer or float).
    pub fn number(&mut self, v: &Spanned<Value>, key: &str) -> Option<f64> {
        match v.get_ref() {
            Value::Integer(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => {
                self.wrong_type(v, key, "a number", "300");
                None
            }
        }
    }

    /// A whole number in `min..=max`.
    pub fn uint(&mut self, v: &Spanned<Value>, key: &str, min: u32, max: u32) -> Option<u32> {
        let Value::Integer(i) = v.get_ref() else {
            self.wrong_type(v, key, "a whole number", &min.max(1).to_string());
            return None;
        };
        if *i < i64::from(min) || *i > i64::from(max) {
            let msg = format!("`{key}` is {i}, outside {min}..={max}");
            self.error(
                "E0105",
                v.span(),
                msg,
                format!("give a whole number from {min} to {max}"),
            );
            return None;
        }
        Some(*i as u32)
    }

    /// An inclusive 1-based range `[first, last]` inside `1..=max`.
    pub fn range(
        &mut self,
        v: &Spanned<Value>,
        key: &str,
        max: u32,
        what: &str,
    ) -> Option<(u32, u32)> {
        let pair = match v.get_ref() {
            Value::Array(a) if a.len() == 2 => match (&a[0], &a[1]) {
                (Value::Integer(x), Value::Integer(y)) => Some((*x, *y)),
                _ => None,
            },
            _ => None,
        };
        let Some((a, b)) = pair else {
            self.wrong_type(v, key, "two whole numbers `[first, last]`", "[1, 4]");
            return None;
        };
        if a < 1 || b < a || b > i64::from(max) {
            let msg = format!("`{key} = [{a}, {b}]` is outside the {max} {what}");
            let hint = format!("give `[first, last]` with 1 ≤ first ≤ last ≤ {max}");
            self.error("E0108", v.span(), msg, hint);
            return None;
        }
        Some((a as u32, b as u32))
    }

    /// A CMYK colour as four percentages `[c, m, y, k]`.
    pub fn cmyk(&mut self, v: &Spanned<Value>, key: &str) -> Option<Cmyk> {
        let nums: Option<Vec<f64>> = match v.get_ref() {
            Value::Array(a) if a.len() == 4 => a
                .iter()
                .map(|x| match x {
                    Value::Integer(i) => Some(*i as f64),
                    Value::Float(f) => Some(*f),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        let Some(n) = nums else {
            self.wrong_type(
                v,
                key,
                "four CMYK percentages `[c, m, y, k]`",
                "[0, 0, 0, 100]",
            );
            return None;
        };
        if n.iter().any(|x| !(0.0..=100.0).contains(x)) {
            self.error(
                "E0105",
                v.span(),
                format!("`{key}` has a value outside 0–100 %"),
                "CMYK values are percentages from 0 to 100",
            );
            return None;
        }
        let f = |x: f64| (x / 100.0) as f32;
        Some(Cmyk {
            c: f(n[0]),
            m: f(n[1]),
            y: f(n[2]),
            k: f(n[3]),
        })
    }

    /// One of a fixed set of names.
    pub fn choice<T: Copy>(
        &mut self,
        v: &Spanned<Value>,
        key: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let s = self.string(v, key)?;
        if let Some(&(_, t)) = options.iter().find(|(n, _)| n.eq_ignore_ascii_case(&s)) {
            return Some(t);
        }
        let names: Vec<String> = options.iter().map(|(n, _)| format!("`{n}`")).collect();
        let hint = match did_you_mean(&s, options.iter().map(|(n, _)| *n)) {
            Some(m) => format!("did you mean `{m}`? (one of {})", names.join(", ")),
            None => format!("`{key}` is one of {}", names.join(", ")),
        };
        self.error(
            "E0105",
            v.span(),
            format!("unknown value `{s}` for `{key}`"),
            hint,
        );
        None
    }
}
