//! Layout stage tests: IssueSpecs built in code, fonts from `fonts/`, outcomes read back
//! from the page frames (grid positions, widths, text). One test binary, modules inside.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    reason = "test helpers fail loudly"
)]

#[path = "layout/cache.rs"]
mod cache;
#[path = "layout/flow.rs"]
mod flow;
#[path = "layout/parts.rs"]
mod parts;
#[path = "layout/preview.rs"]
mod preview;
#[path = "layout/support.rs"]
mod support;
