//! Lengths as designers write them: `"12mm"`, `"9pt"`, `"13Q"`, `"小五"`, `"13字"`, `"3行"`.
//!
//! Absolute units convert to pt (1 pt = 1/72 in, the DTP point; JLREQ §2.2.4); `Q`/`H`
//! (级/歯) are 0.25 mm (cjk-rules §4.1). 号 sizes follow the common column of the
//! table in cjk-rules §4.1 (Word/WPS/CTeX/Adobe). `字` counts body characters and `行`
//! body lines (line pitch); `em` counts the size of the style it appears in.

use std::fmt;
use std::str::FromStr;

/// Points per millimetre (72 / 25.4).
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// The 号 sizes, common mapping (cjk-rules §4.1, first pt column): name → pt.
pub const HAO_SIZES: &[(&str, f64)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
    ("八号", 5.0),
];

/// Other spellings of 号 sizes: `新五号` is 小五 (cjk-rules §4.1), `小X号` is `小X`.
const HAO_ALIASES: &[(&str, &str)] = &[
    ("新五号", "小五"),
    ("小初号", "小初"),
    ("小一号", "小一"),
    ("小二号", "小二"),
    ("小三号", "小三"),
    ("小四号", "小四"),
    ("小五号", "小五"),
    ("小六号", "小六"),
];

/// The size of a 号 name in pt, if it is one.
pub fn hao_pt(name: &str) -> Option<f64> {
    let name = HAO_ALIASES
        .iter()
        .find(|(a, _)| *a == name)
        .map_or(name, |(_, n)| n);
    HAO_SIZES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, pt)| pt)
}

/// A unit of [`Length`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Millimetre.
    Mm,
    /// Centimetre.
    Cm,
    /// DTP point, 1/72 in.
    Pt,
    /// Inch.
    In,
    /// 级 (Q) or 歯 (H): 0.25 mm.
    Q,
    /// A 号 size (the value is its pt size; written without a number).
    Hao,
    /// Body characters (字): multiples of the body size.
    Zi,
    /// Body lines (行): multiples of the line pitch.
    Hang,
    /// Multiples of the current style's size.
    Em,
}

impl Unit {
    /// How the unit is written.
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Mm => "mm",
            Unit::Cm => "cm",
            Unit::Pt => "pt",
            Unit::In => "in",
            Unit::Q => "Q",
            Unit::Hao => "号",
            Unit::Zi => "字",
            Unit::Hang => "行",
            Unit::Em => "em",
        }
    }
}

/// A length with its unit, as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Length {
    /// The number (for [`Unit::Hao`], the size in pt).
    pub value: f64,
    /// The unit.
    pub unit: Unit,
}

/// Why a length did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LengthError {
    /// A number without a unit.
    NoUnit,
    /// Not a number with a unit.
    Malformed,
    /// A unit we do not know (the suffix as written).
    UnknownUnit(String),
}

const SUFFIXES: &[(&str, Unit)] = &[
    ("mm", Unit::Mm),
    ("cm", Unit::Cm),
    ("pt", Unit::Pt),
    ("in", Unit::In),
    ("Q", Unit::Q),
    ("q", Unit::Q),
    ("H", Unit::Q),
    ("级", Unit::Q),
    ("字", Unit::Zi),
    ("行", Unit::Hang),
    ("em", Unit::Em),
];

impl FromStr for Length {
    type Err = LengthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(pt) = hao_pt(s) {
            return Ok(Length {
                value: pt,
                unit: Unit::Hao,
            });
        }
        let split = s
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || ((c == '-' || c == '+') && i == 0)))
            .map_or(s.len(), |(i, _)| i);
        let (num, suffix) = (&s[..split], s[split..].trim());
        let value: f64 = num.parse().map_err(|_| LengthError::Malformed)?;
        if !value.is_finite() {
            return Err(LengthError::Malformed);
        }
        if suffix.is_empty() {
            return Err(LengthError::NoUnit);
        }
        match SUFFIXES.iter().find(|(n, _)| *n == suffix) {
            Some(&(_, unit)) => Ok(Length { value, unit }),
            None => Err(LengthError::UnknownUnit(suffix.to_owned())),
        }
    }
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unit == Unit::Hao {
            let name = HAO_SIZES
                .iter()
                .find(|(_, pt)| *pt == self.value)
                .map(|(n, _)| *n);
            return match name {
                Some(n) => f.write_str(n),
                None => write!(f, "{}pt", self.value),
            };
        }
        write!(f, "{}{}", self.value, self.unit.suffix())
    }
}

/// What relative units mean where a length is resolved.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct UnitContext {
    /// One 字, in pt (the grid's body size), when known.
    pub zi: Option<f64>,
    /// One 行, in pt (the grid's line pitch), when known.
    pub hang: Option<f64>,
    /// One em, in pt (the style's size), when known.
    pub em: Option<f64>,
}

impl Length {
    /// The length in pt; `None` when a relative unit has no meaning in `ctx`.
    pub fn to_pt(&self, ctx: &UnitContext) -> Option<f64> {
        Some(match self.unit {
            Unit::Mm => self.value * PT_PER_MM,
            Unit::Cm => self.value * 10.0 * PT_PER_MM,
            Unit::Pt | Unit::Hao => self.value,
            Unit::In => self.value * 72.0,
            Unit::Q => self.value * 0.25 * PT_PER_MM,
            Unit::Zi => self.value * ctx.zi?,
            Unit::Hang => self.value * ctx.hang?,
            Unit::Em => self.value * ctx.em?,
        })
    }
}

/// Which units a value accepts (for checking and for the "which units fit" hint).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accept {
    /// mm, cm, pt, in, Q/H.
    pub absolute: bool,
    /// 号 sizes.
    pub hao: bool,
    /// 字.
    pub zi: bool,
    /// 行.
    pub hang: bool,
    /// em.
    pub em: bool,
}

impl Accept {
    /// Page distances: absolute units, 字 and 行.
    pub const DISTANCE: Accept = Accept {
        absolute: true,
        hao: false,
        zi: true,
        hang: true,
        em: false,
    };
    /// Type sizes: absolute units and 号 sizes.
    pub const SIZE: Accept = Accept {
        absolute: true,
        hao: true,
        zi: false,
        hang: false,
        em: false,
    };
    /// Leading: absolute units, 字, 行 and em.
    pub const LEADING: Accept = Accept {
        absolute: true,
        hao: false,
        zi: true,
        hang: true,
        em: true,
    };
    /// Amounts relative to a size: em or 字.
    pub const EM: Accept = Accept {
        absolute: false,
        hao: false,
        zi: true,
        hang: false,
        em: true,
    };
    /// Body characters only.
    pub const ZI: Accept = Accept {
        absolute: false,
        hao: false,
        zi: true,
        hang: false,
        em: false,
    };
    /// Absolute units only (paper, bleed, rules).
    pub const ABSOLUTE: Accept = Accept {
        absolute: true,
        hao: false,
        zi: false,
        hang: false,
        em: false,
    };

    /// Whether `unit` is accepted.
    pub fn allows(&self, unit: Unit) -> bool {
        match unit {
            Unit::Mm | Unit::Cm | Unit::Pt | Unit::In | Unit::Q => self.absolute,
            Unit::Hao => self.hao,
            Unit::Zi => self.zi,
            Unit::Hang => self.hang,
            Unit::Em => self.em,
        }
    }

    /// The accepted units, for hints: "`mm`, `cm`, `pt`, `in`, `Q`/`H`, a 号 size (e.g. `小五`)".
    pub fn describe(&self) -> String {
        let mut v: Vec<&str> = vec![];
        if self.absolute {
            v.extend(["`mm`", "`cm`", "`pt`", "`in`", "`Q`/`H` (0.25 mm)"]);
        }
        if self.hao {
            v.push("a 号 size (e.g. `小五`, `二号`)");
        }
        if self.zi {
            v.push("`字` (body characters)");
        }
        if self.hang {
            v.push("`行` (body lines)");
        }
        if self.em {
            v.push("`em` (the style's size)");
        }
        v.join(", ")
    }

    /// An example value in the first accepted unit.
    pub fn example(&self, value: &str) -> String {
        let unit = if self.absolute {
            "pt"
        } else if self.zi {
            "字"
        } else {
            "em"
        };
        format!("{value}{unit}")
    }
}
