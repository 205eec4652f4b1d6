//! Issue, layout and page TOML loading on arbitrary bytes. The first byte picks the file
//! (0 layout, 1 issue, 2 page); the rest is its content. A page that loads is laid out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paiban::config::{load_issue, load_layout};
use paiban::diag::Severity;

#[path = "common.rs"]
mod common;

const PAGE_ISSUE: &str = "paper = \"闽南日报\"\nslug = \"mnrb\"\ndate = 2022-10-31\n\
    edition = \"e\"\nversion = 1\nlayout = \"../../layouts/tabloid.toml\"\n\
    pages = [\"pages/fuzz.toml\"]\n";

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else { return };
    let sample = common::sample();
    let mut diags = vec![];
    let mut fonts = common::fonts();
    match kind % 3 {
        0 => {
            let path = common::tree().join("layouts/fuzz.toml");
            let _ = std::fs::write(&path, rest);
            let got = load_layout(&path, &mut fonts, &mut diags);
            assert!(got.is_some() || diags.iter().any(|d| d.severity == Severity::Error));
        }
        1 => {
            let path = sample.join("fuzz-issue.toml");
            let _ = std::fs::write(&path, rest);
            let got = load_issue(&path, &mut fonts, &mut diags);
            assert!(got.is_some() || diags.iter().any(|d| d.severity == Severity::Error));
        }
        _ => {
            let _ = std::fs::write(sample.join("pages/fuzz.toml"), rest);
            let path = sample.join("fuzz-page-issue.toml");
            let _ = std::fs::write(&path, PAGE_ISSUE);
            let got = load_issue(&path, &mut fonts, &mut diags);
            assert!(got.is_some() || diags.iter().any(|d| d.severity == Severity::Error));
            if let Some(issue) = got {
                let laid = paiban::layout::layout_issue(&issue.spec, &fonts);
                common::check(&laid.diagnostics);
            }
        }
    }
    common::check(&diags);
});
