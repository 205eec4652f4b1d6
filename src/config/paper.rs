//! Named paper sizes (trim, portrait, width × height in mm).
//!
//! 对开 is half a full newspaper sheet and 四开 a quarter (cjk-rules §4.2); the mm figures
//! are the common Chinese trim sizes (对开 390 × 545 mm; 四开 = half of it, 272 × 390 mm);
//! Berliner 315 × 470 mm; A3 per ISO 216.

/// One named size: the names it answers to and its trim in mm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NamedPaper {
    /// The first name is the canonical one.
    pub names: &'static [&'static str],
    /// Trim width in mm.
    pub width_mm: f64,
    /// Trim height in mm.
    pub height_mm: f64,
}

/// Every size `paper.name` accepts.
pub const PAPERS: &[NamedPaper] = &[
    NamedPaper {
        names: &["对开", "broadsheet"],
        width_mm: 390.0,
        height_mm: 545.0,
    },
    NamedPaper {
        names: &["4开", "四开", "tabloid"],
        width_mm: 272.0,
        height_mm: 390.0,
    },
    NamedPaper {
        names: &["berliner", "柏林版"],
        width_mm: 315.0,
        height_mm: 470.0,
    },
    NamedPaper {
        names: &["A3", "a3"],
        width_mm: 297.0,
        height_mm: 420.0,
    },
];

/// Looks up a named size (names are compared ignoring ASCII case).
pub fn named_paper(name: &str) -> Option<&'static NamedPaper> {
    PAPERS
        .iter()
        .find(|p| p.names.iter().any(|n| n.eq_ignore_ascii_case(name.trim())))
}

/// Every accepted name, for "did you mean" hints.
pub fn paper_names() -> impl Iterator<Item = &'static str> {
    PAPERS.iter().flat_map(|p| p.names.iter().copied())
}
