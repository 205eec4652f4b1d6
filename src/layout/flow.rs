//! Body text flowing through a block's text columns, line slot by line slot.
//!
//! Each paragraph is shaped once; at every column head the rest of the paragraph is
//! broken at that column's measure from the exact byte where the previous column
//! stopped, so a paragraph may cross columns, blocks and pages (转版) without losing or
//! repeating a character. Breaking from a new start is cheap: the paragraph keeps one
//! [`Breaker`] per measure (the backward total-fit tables, cjk-rules §6.4), and a flow
//! keeps its lines as [`LineSpan`]s, placing glyphs only for the flow that is kept
//! ([`Para::line`]).

use crate::text::{Breaker, Line, LineSpan, ShapedParagraph};
use crate::timing::{time, Counter};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A shaped body paragraph that remembers its line breaks: flows, balancing and
/// copyfit re-break the same paragraph from many bytes at few measures (issue 6: one
/// total-fit pass per measure, and no repeated look-ups). It is `Sync`: a
/// [`LayoutCache`](super::LayoutCache) shares one paragraph between builds and, when
/// two articles hold the same paragraph, between the threads setting them. What it
/// remembers is a pure function of the paragraph and the arguments, so sharing never
/// changes a result.
pub(crate) struct Para {
    shaped: ShapedParagraph,
    memo: Mutex<Memo>,
}

/// What a paragraph has computed so far.
#[derive(Default)]
struct Memo {
    /// Measure bits → the breaker at that measure.
    breakers: BTreeMap<u32, Breaker>,
    /// (start byte, measure bits, indent) → the lines.
    spans: BTreeMap<(usize, u32, bool), Arc<[LineSpan]>>,
}

impl Para {
    pub fn new(shaped: ShapedParagraph) -> Para {
        Para {
            shaped,
            memo: Mutex::new(Memo::default()),
        }
    }

    /// The shaped paragraph.
    pub fn shaped(&self) -> &ShapedParagraph {
        &self.shaped
    }

    /// The memo, locked (a panic elsewhere cannot leave it half-written: entries are
    /// inserted whole).
    fn memo(&self) -> MutexGuard<'_, Memo> {
        self.memo.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The paragraph's text.
    pub fn text(&self) -> &str {
        self.shaped.text()
    }

    /// The lines from byte `start` at `measure`, unplaced ([`ShapedParagraph::spans`]),
    /// computed once per argument triple.
    pub fn spans(&self, start: usize, measure: f32, indent: bool) -> Arc<[LineSpan]> {
        let key = (start, measure.to_bits(), indent);
        let mut memo = self.memo();
        if let Some(spans) = memo.spans.get(&key) {
            return spans.clone();
        }
        let spans: Arc<[LineSpan]> = time(Counter::Break, || {
            let breaker = memo
                .breakers
                .entry(key.1)
                .or_insert_with(|| self.shaped.breaker(measure));
            self.shaped.spans(breaker, start, indent).into()
        });
        memo.spans.insert(key, spans.clone());
        spans
    }

    /// Sets one line from [`Para::spans`] (placing glyphs is composition: `--timings`
    /// counts it in compose, not in break).
    pub fn line(&self, span: &LineSpan) -> Line {
        self.shaped.place_span(span)
    }
}

/// One body line position: a grid line inside a text column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Slot {
    /// 0-based grid row inside the block.
    pub row: u32,
    /// Left edge of the column.
    pub x: f32,
    /// Baseline (on the page's line grid).
    pub baseline: f32,
    /// Column measure, whole 字.
    pub measure: f32,
}

/// Where the text stands: paragraph index and byte offset in it (0 = paragraph start,
/// which takes the first-line indent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Cursor {
    pub para: usize,
    pub byte: usize,
}

impl Cursor {
    /// True when every paragraph has been set.
    pub fn done(&self, paras: &[Arc<Para>]) -> bool {
        self.para >= paras.len()
    }
}

/// A line put into a slot, not yet set ([`Placed::line`]).
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    pub slot: Slot,
    /// Index of the paragraph in the flow's paragraphs.
    pub para: usize,
    pub span: LineSpan,
}

impl Placed {
    /// Sets the line's glyphs.
    pub fn line(&self, paras: &[Arc<Para>]) -> Line {
        paras[self.para].line(&self.span)
    }
}

/// What one flow gives.
#[derive(Clone, Debug, Default)]
pub(crate) struct Flow {
    /// Lines in reading order.
    pub placed: Vec<Placed>,
    /// Where the text stopped.
    pub end: Cursor,
    /// Lines moved to the next column to avoid a 孤行.
    pub widow_moves: u32,
}

/// Options of a flow.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlowOptions<'a> {
    /// Per column, only rows below this are used (balancing); `None` = all.
    pub limits: Option<&'a [u32]>,
    /// Avoid a paragraph's last line alone at a column head (孤行, CLREQ §3.7 "孤行不成页";
    /// cjk-rules §1.j) by taking one line fewer in the column before.
    pub avoid_widows: bool,
    /// Another block follows, so text may go on after the last column.
    pub more_after: bool,
}

/// Flows the text from `start` through `columns` (each a top-to-bottom list of slots).
pub(crate) fn flow(
    paras: &[Arc<Para>],
    start: Cursor,
    columns: &[Vec<Slot>],
    opt: FlowOptions<'_>,
) -> Flow {
    let mut out = Flow {
        end: start,
        ..Default::default()
    };
    let mut cur = start;
    for (ci, col) in columns.iter().enumerate() {
        let limit = opt
            .limits
            .and_then(|l| l.get(ci).copied())
            .unwrap_or(u32::MAX);
        let slots: Vec<Slot> = col.iter().copied().filter(|s| s.row < limit).collect();
        let later = ci + 1 < columns.len() || opt.more_after;
        fill_column(paras, &mut cur, &slots, later && opt.avoid_widows, &mut out);
        if cur.done(paras) {
            break;
        }
    }
    out.end = cur;
    out
}

/// Fills one column's slots from `cur`.
fn fill_column(paras: &[Arc<Para>], cur: &mut Cursor, slots: &[Slot], avoid: bool, out: &mut Flow) {
    let mut pos = 0;
    while pos < slots.len() && !cur.done(paras) {
        let p = &paras[cur.para];
        let measure = slots[pos].measure;
        let lines = p.spans(cur.byte, measure, cur.byte == 0);
        if lines.is_empty() {
            *cur = Cursor {
                para: cur.para + 1,
                byte: 0,
            };
            continue;
        }
        let room = slots.len() - pos;
        let mut take = lines.len().min(room);
        // 孤行: only the paragraph's last line would go on to the next column head.
        if avoid && take < lines.len() && lines.len() - take == 1 && take >= 2 {
            take -= 1;
            out.widow_moves += 1;
        }
        let next = lines.get(take).map(|l| l.range.start);
        for span in lines.iter().take(take).cloned() {
            out.placed.push(Placed {
                slot: slots[pos],
                para: cur.para,
                span,
            });
            pos += 1;
        }
        match next {
            Some(byte) => {
                cur.byte = byte;
                return;
            }
            None => {
                *cur = Cursor {
                    para: cur.para + 1,
                    byte: 0,
                }
            }
        }
    }
}

/// Lines and characters left from `cur` when set at `measure` (overset).
pub(crate) fn remaining(paras: &[Arc<Para>], cur: Cursor, measure: f32) -> (u32, u32) {
    let mut lines = 0u32;
    let mut chars = 0u32;
    for (i, p) in paras.iter().enumerate().skip(cur.para) {
        let byte = if i == cur.para { cur.byte } else { 0 };
        lines += p.spans(byte, measure, byte == 0).len() as u32;
        chars += p.text().get(byte..).unwrap_or_default().chars().count() as u32;
    }
    (lines, chars)
}
