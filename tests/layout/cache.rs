//! The layout cache (issue 6): a build with a cache gives the frames a fresh build
//! gives, takes unchanged paragraphs from it, re-shapes a changed one and keeps only
//! the last two builds' paragraphs.

use paiban::config::{load_issue, Issue};
use paiban::layout::*;
use paiban::text::FontBook;
use std::path::Path;
use std::sync::Arc;

const ISSUE: &str = "samples/zhangzhou-2022-10/issue.toml";
const ARTICLE: &str = "disijidu";
/// Words the sample never uses, put into one paragraph.
const NEW: &str = "甲乙丙丁戊己庚辛";

fn sample() -> (Issue, FontBook) {
    let mut fonts = FontBook::new();
    let mut diags = vec![];
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(ISSUE);
    let issue = load_issue(&path, &mut fonts, &mut diags).expect("the sample loads");
    (issue, fonts)
}

/// Body paragraphs of the issue (each article counted once).
fn paragraphs(spec: &IssueSpec) -> u64 {
    let mut seen = std::collections::BTreeSet::new();
    let mut n = 0;
    for page in &spec.pages {
        for block in &page.blocks {
            if let Block::Article(a) = block {
                if seen.insert(a.article.id.clone()) {
                    n += a.article.paragraphs.len() as u64;
                }
            }
        }
    }
    n
}

/// The spec with `NEW` added to paragraph 2 of `ARTICLE` (in every block placing it).
fn edited(spec: &IssueSpec) -> IssueSpec {
    let mut spec = spec.clone();
    let mut found = false;
    for page in &mut spec.pages {
        for block in &mut page.blocks {
            if let Block::Article(a) = block {
                if a.article.id == ARTICLE {
                    let art = Arc::make_mut(&mut a.article);
                    art.paragraphs[1].text.insert_str(0, NEW);
                    found = true;
                }
            }
        }
    }
    assert!(found, "the sample places {ARTICLE}");
    spec
}

/// Every glyph's characters, page by page, in item order.
fn page_text(out: &LayoutOutput) -> String {
    let mut s = String::new();
    for page in &out.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                s.extend(run.glyphs.iter().map(|g| g.text.as_str()));
            }
        }
    }
    s
}

fn assert_same(a: &LayoutOutput, b: &LayoutOutput) {
    assert_eq!(a.pages, b.pages, "frames differ from a fresh layout");
    assert_eq!(a.fits, b.fits);
    assert_eq!(a.diagnostics, b.diagnostics);
}

#[test]
fn a_second_build_takes_every_paragraph_from_the_cache() {
    let (issue, fonts) = sample();
    let n = paragraphs(&issue.spec);
    assert!(n > 10, "the sample has {n} paragraphs");
    let cache = LayoutCache::new();
    let first = layout_issue_with(&issue.spec, &fonts, &cache);
    assert_eq!(cache.hits() + cache.misses(), n);
    assert!(cache.misses() > 0 && !cache.is_empty());
    let (held, misses) = (cache.len(), cache.misses());
    let second = layout_issue_with(&issue.spec, &fonts, &cache);
    assert_eq!(cache.misses(), misses, "nothing shaped again");
    assert_eq!(cache.hits() + cache.misses(), 2 * n);
    assert_eq!(cache.len(), held);
    let fresh = layout_issue(&issue.spec, &fonts);
    assert_same(&first, &fresh);
    assert_same(&second, &fresh);
}

#[test]
fn a_changed_paragraph_is_shaped_again_and_set() {
    let (issue, fonts) = sample();
    let cache = LayoutCache::new();
    let before = layout_issue_with(&issue.spec, &fonts, &cache);
    assert!(!page_text(&before).contains(NEW));
    let misses = cache.misses();
    let spec = edited(&issue.spec);
    let after = layout_issue_with(&spec, &fonts, &cache);
    assert_eq!(
        cache.misses(),
        misses + 1,
        "only the changed paragraph is shaped"
    );
    assert!(page_text(&after).contains(NEW), "the new text is set");
    assert_same(&after, &layout_issue(&spec, &fonts));
}

#[test]
fn paragraphs_unused_by_the_last_two_builds_are_dropped() {
    let (issue, fonts) = sample();
    let cache = LayoutCache::new();
    layout_issue_with(&issue.spec, &fonts, &cache);
    let held = cache.len();
    let spec = edited(&issue.spec);
    layout_issue_with(&spec, &fonts, &cache);
    assert_eq!(
        cache.len(),
        held + 1,
        "the old paragraph is kept one build (undo)"
    );
    layout_issue_with(&spec, &fonts, &cache);
    assert_eq!(cache.len(), held, "then dropped");
    let misses = cache.misses();
    layout_issue_with(&issue.spec, &fonts, &cache);
    assert_eq!(cache.misses(), misses + 1, "the old text is shaped again");
    cache.clear();
    assert!(cache.is_empty());
}
