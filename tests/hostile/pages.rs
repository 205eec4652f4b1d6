//! Page invariants (proptest): the sample issue's first page with its blocks moved to
//! random places, some off the grid. Layout must not panic; every mark stays on the
//! page (bleed included); blocks that share grid cells get E0207 and blocks that do not
//! never do; no two lines of text and no line and picture overlap unless a layout
//! diagnostic (W0204–W0206, E0207) says why.

use paiban::config::{load_issue, Issue};
use paiban::layout::{layout_issue, Block, Item, PageFrame, PageSpec};
use paiban::text::FontBook;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn sample() -> &'static (Issue, FontBook) {
    static S: OnceLock<(Issue, FontBook)> = OnceLock::new();
    S.get_or_init(|| {
        let mut fonts = FontBook::new();
        let mut diags = vec![];
        let path = Path::new(super::ROOT).join(super::ISSUE);
        let issue = load_issue(&path, &mut fonts, &mut diags).expect("the sample loads");
        (issue, fonts)
    })
}

/// A grid span `(first, last)` on `1..=n`, sometimes running past the grid.
fn span(n: u32) -> impl Strategy<Value = (u32, u32)> {
    (1..=n + 2, 0..=n).prop_map(|(a, len)| (a, a + len))
}

fn cells(b: &Block) -> ((u32, u32), (u32, u32)) {
    match b {
        Block::Article(a) => (a.cols, a.lines),
        Block::Photo(p) => (p.cols, p.lines),
    }
}

fn place(b: &mut Block, cols: (u32, u32), lines: (u32, u32)) {
    match b {
        Block::Article(a) => {
            (a.cols, a.lines) = (cols, lines);
            // Inline photos that no longer fit are dropped, as the config stage rejects them.
            let (nc, nl) = (cols.1 - cols.0 + 1, lines.1 - lines.0 + 1);
            a.photos.retain(|p| p.cols.1 <= nc && p.lines.1 <= nl);
        }
        Block::Photo(p) => (p.cols, p.lines) = (cols, lines),
    }
}

/// Grid cells of a block clamped to the grid (`None` when wholly outside).
fn on_grid(page: &PageSpec, b: &Block) -> Option<((u32, u32), (u32, u32))> {
    let ((c0, c1), (l0, l1)) = cells(b);
    let (nc, nl) = (page.geometry.columns, page.geometry.lines);
    (c0 <= nc && l0 <= nl).then(|| ((c0, c1.min(nc)), (l0, l1.min(nl))))
}

/// Boxes of the marks (x0, y0, x1, y1): text lines from baseline and size, pictures
/// from their frames. `true` marks a picture.
fn boxes(frame: &PageFrame) -> Vec<([f32; 4], bool)> {
    let mut out = vec![];
    for item in &frame.items {
        match item {
            Item::Text(t) if !t.glyphs.is_empty() => {
                let first = t.glyphs.first().map_or(0.0, |g| g.x);
                let last = t.glyphs.last().map_or(0.0, |g| g.x);
                // The ideographic em box: 0.88 em above the baseline, 0.12 below.
                let b = [
                    t.x + first,
                    t.y - 0.88 * t.size_pt,
                    t.x + last + t.size_pt,
                    t.y + 0.12 * t.size_pt,
                ];
                out.push((b, false));
            }
            Item::Image(i) => out.push((
                [
                    i.frame.x,
                    i.frame.y,
                    i.frame.x + i.frame.w,
                    i.frame.y + i.frame.h,
                ],
                true,
            )),
            _ => {}
        }
    }
    out
}

/// Overlap of two boxes by more than `tol` on both axes.
fn overlap(a: &[f32; 4], b: &[f32; 4], tol: f32) -> bool {
    a[0] + tol < b[2] && b[0] + tol < a[2] && a[1] + tol < b[3] && b[1] + tol < a[3]
}

fn check(page: &PageSpec) -> Result<(), TestCaseError> {
    let (issue, fonts) = sample();
    let mut spec = issue.spec.clone();
    spec.pages = vec![page.clone()];
    let out = layout_issue(&spec, fonts);
    let frame = &out.pages[0];
    // Marks off the page or over each other are allowed only with a diagnostic saying
    // why: a block off the grid (W0204), a headline group taller than its block (E0205),
    // a misplaced inline photo (W0206), blocks sharing cells (E0207). Overset is not one.
    let explained = out
        .diagnostics
        .iter()
        .any(|d| ["W0204", "E0205", "W0206", "E0207"].contains(&d.code));
    let bleed = frame.bleed + 0.01;
    for (b, _) in boxes(frame) {
        prop_assert!(b.iter().all(|v| v.is_finite()), "non-finite mark {b:?}");
        prop_assert!(
            explained
                || b[0] >= -bleed
                    && b[2] <= frame.width + bleed
                    && b[1] >= -bleed
                    && b[3] <= frame.height + bleed,
            "mark {b:?} outside the {}×{} page",
            frame.width,
            frame.height
        );
    }
    let grid: Vec<_> = page.blocks.iter().map(|b| on_grid(page, b)).collect();
    let mut shared = false;
    for (i, a) in grid.iter().enumerate() {
        for b in grid.iter().skip(i + 1) {
            if let (Some(a), Some(b)) = (a, b) {
                shared |=
                    a.0 .0 <= b.0 .1 && b.0 .0 <= a.0 .1 && a.1 .0 <= b.1 .1 && b.1 .0 <= a.1 .1;
            }
        }
    }
    let e0207 = out.diagnostics.iter().any(|d| d.code == "E0207");
    prop_assert_eq!(shared, e0207, "blocks {:?}: {:?}", grid, out.diagnostics);
    if !explained {
        let bx = boxes(frame);
        for (i, (a, pa)) in bx.iter().enumerate() {
            for (b, pb) in bx.iter().skip(i + 1) {
                if *pa && *pb {
                    continue; // two pictures of one block may touch
                }
                prop_assert!(!overlap(a, b, 1.0), "marks overlap: {a:?} {b:?}");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_block_placements_stay_on_the_page(
        moves in proptest::collection::vec((span(6), span(72)), 4),
        which in 0usize..2,
    ) {
        let (issue, _) = sample();
        let mut page = issue.spec.pages[which].clone();
        for (b, (cols, lines)) in page.blocks.iter_mut().zip(moves) {
            place(b, cols, lines);
        }
        check(&page)?;
    }

    #[test]
    fn blocks_stacked_without_sharing_cells_never_overlap(
        cuts in proptest::collection::vec(1u32..72, 3),
        which in 0usize..2,
    ) {
        // Full-width blocks one above the other, split at random lines.
        let (issue, _) = sample();
        let mut page = issue.spec.pages[which].clone();
        let mut at: Vec<u32> = cuts;
        at.sort_unstable();
        at.dedup();
        let mut first = 1;
        let n = page.blocks.len();
        for (i, b) in page.blocks.iter_mut().enumerate() {
            let last = if i + 1 == n { 72 } else { at.get(i).copied().unwrap_or(72).max(first) };
            place(b, (1, 6), (first, last));
            first = (last + 1).min(72);
        }
        check(&page)?;
    }
}

#[test]
fn the_sample_pages_hold_the_invariants() {
    let (issue, _) = sample();
    for page in &issue.spec.pages {
        check(page).unwrap();
    }
}
