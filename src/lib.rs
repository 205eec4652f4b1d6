//! paiban (排版): Chinese newspaper pages from TOML layouts and Markdown articles to
//! print-ready PDF/X.
//!
//! The pipeline, one folder a stage, each handing the next a plain data type:
//!
//! ```text
//! config  (TOML → resolved Issue/Layout, spanned errors)
//! content (articles .md → paragraphs, headline parts, photos)
//! text    (runs → shaped paragraph → justified Lines; CLREQ rules)
//! layout  (blocks on the grid → PageFrame)
//! render  (PageFrame → PDF/X bytes)
//! ```

pub mod build;
pub mod config;
pub mod content;
pub mod diag;
pub mod layout;
pub mod render;
pub mod text;
pub mod timing;
