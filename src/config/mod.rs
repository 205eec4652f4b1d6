//! Config stage: layout, issue and page TOML into resolved values (pt), with spanned
//! errors.
//!
//! Each file is parsed once into a spanned document (every syntax error reported),
//! its keys are checked against [`schema`] (unknown keys with "did you mean"), serde
//! reads it into a [`raw`] mirror, and `resolve` functions check types, units and
//! cross-field rules, reporting every mistake they find (style.md habit 9). The keys,
//! units and defaults are documented in `layouts/README.md`.

pub mod date;
mod issue;
mod layout;
mod page;
pub mod paper;
pub mod raw;
pub mod read;
pub mod schema;
pub mod source;
mod styles;
pub mod units;

pub use date::Date;
pub use issue::{load_issue, Issue, DEFAULT_OUTPUT, PLACEHOLDERS};
pub use layout::{lines_per_column, load_layout, Layout};
pub use source::Source;
pub use units::{hao_pt, Length, Unit, HAO_SIZES};
