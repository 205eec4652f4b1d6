//! The command line: a thin shell over the library. Exit codes: 0 success, 1 build
//! problems (errors, or warnings under `--strict`), 2 invalid input (usage, TOML,
//! unreadable files).

pub mod build;
pub mod lines;
pub mod preview;
pub mod progress;
pub mod watch;
