//! Article parsing (front matter, paragraphs, dateline) on arbitrary bytes, read the way
//! the build reads files (invalid UTF-8 is an error with the file named).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paiban::config::Source;
use paiban::content::parse_article;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = common::sample().join("articles/fuzz.md");
    let text = match std::str::from_utf8(data) {
        Ok(t) => t.to_owned(),
        Err(_) => {
            let _ = std::fs::write(&path, data);
            let e = Source::read(&path).err();
            assert!(e.is_some(), "invalid UTF-8 accepted");
            common::check(&e.map(|d| vec![*d]).unwrap_or_default());
            return;
        }
    };
    let src = Source::new(&path, text);
    let mut diags = vec![];
    let got = parse_article(&src, &mut diags);
    common::check(&diags);
    if let Some(a) = got {
        for p in &a.paragraphs {
            assert!(!p.text.is_empty());
            assert!(p.line >= 1);
        }
    }
});
