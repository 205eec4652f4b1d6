//! Line composition: golden line breaks per rule (cjk-rules §5), an independent rule
//! checker over the bench corpus, property tests and the `paiban lines` CLI (issue 2).
//!
//! `UPDATE=1 cargo test --test lines` rewrites the golden expectations in
//! `tests/golden/*.txt`; `cargo test --test lines -- --nocapture corpus` prints the
//! corpus figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    reason = "test helpers fail loudly"
)]

#[path = "lines/checker.rs"]
mod checker;
#[path = "lines/cli.rs"]
mod cli;
#[path = "lines/common.rs"]
mod common;
#[path = "lines/corpus.rs"]
mod corpus;
#[path = "lines/golden.rs"]
mod golden;
#[path = "lines/props.rs"]
mod props;
#[path = "lines/rules.rs"]
mod rules;
