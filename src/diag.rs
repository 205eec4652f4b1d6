//! Diagnostics: what went wrong (or might have), and where.
//!
//! Every stage reports through [`Diagnostic`]; the CLI prints them rustc-style:
//!
//! ```text
//! error[E0102]: unknown key `guter`
//!   --> layouts/tabloid.toml:12:1
//!    |
//! 12 | guter = "1字"
//!    | ^^^^^
//!    = hint: did you mean `gutter`?
//! ```

use std::fmt;
use std::path::PathBuf;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// A place in a source file; line and column are 1-based, the column counts characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
    /// The source line, for the caret display.
    pub source_line: Option<String>,
    /// How many characters the caret underlines (at least 1).
    pub len: u32,
}

/// One message for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, e.g. `E0102` (table in README).
    pub code: &'static str,
    /// Lower case, no final period, keys in backticks.
    pub message: String,
    /// Where, when known.
    pub location: Option<Location>,
    /// A file without a line (an image, a font).
    pub file: Option<PathBuf>,
    /// What to do about it.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// A new diagnostic with no place.
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity,
            code,
            message: message.into(),
            location: None,
            file: None,
            hints: vec![],
        }
    }

    /// An error.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// Sets the place.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Names a file without a line.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// Display width of a string in terminal columns (CJK counts double).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && is_wide(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        writeln!(f, "{sev}[{}]: {}", self.code, self.message)?;
        if let Some(loc) = &self.location {
            let num = loc.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(
                f,
                "{pad}--> {}:{}:{}",
                loc.file.display(),
                loc.line,
                loc.column
            )?;
            if let Some(src) = &loc.source_line {
                let before: String = src
                    .chars()
                    .take(loc.column.saturating_sub(1) as usize)
                    .collect();
                let under: String = src
                    .chars()
                    .skip(loc.column.saturating_sub(1) as usize)
                    .take(loc.len.max(1) as usize)
                    .collect();
                writeln!(f, "{pad} |")?;
                writeln!(f, "{num} | {src}")?;
                writeln!(
                    f,
                    "{pad} | {}{}",
                    " ".repeat(display_width(&before)),
                    "^".repeat(display_width(&under).max(1))
                )?;
            }
            for h in &self.hints {
                writeln!(f, "{pad} = hint: {h}")?;
            }
        } else {
            if let Some(file) = &self.file {
                writeln!(f, "  --> {}", file.display())?;
            }
            for h in &self.hints {
                writeln!(f, "  = hint: {h}")?;
            }
        }
        Ok(())
    }
}
