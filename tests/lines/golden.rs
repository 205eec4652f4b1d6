//! Golden line-breaking tests (style.md §5): `tests/golden/NAME.txt` holds cases
//!
//! ```text
//! --- name measure=13 [punct=..] [kinsoku=..] [indent=EM] [hanging=true] [method=..] [cjk_latin=..] [forced] [reference] ---
//! the paragraph (several source lines are joined with nothing)
//! === lines
//! expected line 1      # a comment: two spaces, `#`, is not compared
//! expected line 2
//! ```
//!
//! `indent` defaults to 0 (the cjk-rules §5 harness); every other option defaults to
//! the engine's default style. Each case is also run through the rule checker; `forced`
//! in the header allows forced lines; `reference` marks an expectation taken from
//! cjk-rules §5, which `UPDATE=1` never rewrites. `UPDATE=1 cargo test --test lines`
//! rewrites the other `=== lines` blocks with what the engine produced, but only for
//! cases the rule checker accepts (the others are listed and left as they were).

use super::checker::{check_paragraph, CheckLine, CheckOpts};
use super::common::compose;
use paiban::text::{BreakMethod, CjkLatinSpacing, CompositionStyle, KinsokuLevel, PunctStyle};

/// One case of a golden file.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub header: String,
    pub text_lines: Vec<String>,
    pub measure: f32,
    pub style: CompositionStyle,
    pub allow_forced: bool,
    /// The expectation comes from cjk-rules §5 (`reference` in the header): `UPDATE=1`
    /// never rewrites it.
    pub reference: bool,
    /// Expected lines with their comments (`None` when the line had none).
    pub expected: Vec<(String, Option<String>)>,
}

impl Case {
    /// The paragraph text.
    pub fn text(&self) -> String {
        self.text_lines.concat()
    }
}

fn golden_path(file: &str) -> String {
    format!("{}/tests/golden/{file}.txt", env!("CARGO_MANIFEST_DIR"))
}

/// Parses a golden file; panics with file:line on malformed input (test data).
pub fn parse(file: &str, src: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut in_lines = false;
    for (n, raw) in src.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.starts_with("--- ") && line.ends_with(" ---") {
            cases.push(parse_header(file, n + 1, line));
            in_lines = false;
            continue;
        }
        let Some(case) = cases.last_mut() else {
            assert!(
                line.trim().is_empty() || line.starts_with('#'),
                "{file}:{}: text before the first case",
                n + 1
            );
            continue;
        };
        if line == "=== lines" {
            in_lines = true;
        } else if line.starts_with("# ") || line == "#" {
            // a whole-line comment
        } else if in_lines {
            let (text, comment) = split_comment(line);
            case.expected
                .push((text.to_owned(), comment.map(str::to_owned)));
        } else if !line.trim().is_empty() {
            case.text_lines
                .push(super::common::trim_ascii(line).to_owned());
        }
    }
    for case in &mut cases {
        while case
            .expected
            .last()
            .is_some_and(|(t, c)| t.is_empty() && c.is_none())
        {
            case.expected.pop();
        }
    }
    cases
}

fn split_comment(line: &str) -> (&str, Option<&str>) {
    match line.find("  #") {
        Some(i) => (line[..i].trim_end_matches(' '), Some(&line[i..])),
        None => (line, None),
    }
}

fn parse_header(file: &str, n: usize, line: &str) -> Case {
    let inner = &line[4..line.len() - 4];
    let mut words = inner.split_whitespace();
    let name = words
        .next()
        .unwrap_or_else(|| panic!("{file}:{n}: case without a name"))
        .to_owned();
    let mut style = CompositionStyle {
        indent_em: 0.0,
        ..CompositionStyle::default()
    };
    let mut measure = None;
    let mut allow_forced = false;
    let mut reference = false;
    for w in words {
        let (k, v) = w.split_once('=').unwrap_or((w, ""));
        match k {
            "measure" => {
                measure = Some(
                    v.trim_end_matches("zw")
                        .parse::<f32>()
                        .unwrap_or_else(|_| bad(file, n, w)),
                )
            }
            "punct" => style.punct = parse_punct(v).unwrap_or_else(|| bad(file, n, w)),
            "kinsoku" => style.kinsoku = parse_kinsoku(v).unwrap_or_else(|| bad(file, n, w)),
            "indent" => style.indent_em = v.parse().unwrap_or_else(|_| bad(file, n, w)),
            "hanging" => style.hanging = matches!(v, "true" | "regular" | "period"),
            "method" => {
                style.method = if v == "greedy" {
                    BreakMethod::Greedy
                } else {
                    BreakMethod::Optimal
                }
            }
            "cjk_latin" => style.cjk_latin = parse_spacing(v).unwrap_or_else(|| bad(file, n, w)),
            "forced" => allow_forced = true,
            "reference" => reference = true,
            _ => bad(file, n, w),
        }
    }
    let measure = measure.unwrap_or_else(|| panic!("{file}:{n}: case `{name}` has no measure"));
    Case {
        name,
        header: line.to_owned(),
        text_lines: vec![],
        measure,
        style,
        allow_forced,
        reference,
        expected: vec![],
    }
}

fn bad<T>(file: &str, n: usize, w: &str) -> T {
    panic!("{file}:{n}: bad option `{w}`")
}

fn parse_punct(v: &str) -> Option<PunctStyle> {
    Some(match v {
        "quanjiao" => PunctStyle::Quanjiao,
        "kaiming" => PunctStyle::Kaiming,
        "banjiao" => PunctStyle::Banjiao,
        "plain" => PunctStyle::Plain,
        _ => return None,
    })
}

/// Parses a prohibition level name.
pub fn parse_kinsoku(v: &str) -> Option<KinsokuLevel> {
    Some(match v {
        "none" => KinsokuLevel::None,
        "basic" => KinsokuLevel::Basic,
        "gb" => KinsokuLevel::Gb,
        "strict" => KinsokuLevel::Strict,
        _ => return None,
    })
}

fn parse_spacing(v: &str) -> Option<CjkLatinSpacing> {
    Some(match v {
        "none" => CjkLatinSpacing::None,
        "fixed" => CjkLatinSpacing::Fixed(0.25),
        "flex" => CjkLatinSpacing::default(),
        _ => return None,
    })
}

/// Display width in terminal columns (CJK and full-width forms take two).
fn cols(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            0x2014 | 0x2026 | 0x201C | 0x201D | 0x2018 | 0x2019 | 0x00B7 => 2,
            _ => 1,
        })
        .sum()
}

/// A side-by-side diff of expected and actual lines.
pub fn side_by_side(expected: &[String], got: &[String]) -> String {
    let w = expected.iter().map(|s| cols(s)).max().unwrap_or(0).max(8);
    let mut out = format!("    {:<w$}   got\n", "expected");
    for i in 0..expected.len().max(got.len()) {
        let e = expected.get(i).map_or("", String::as_str);
        let g = got.get(i).map_or("", String::as_str);
        let mark = if expected.get(i) == got.get(i) {
            ' '
        } else {
            '≠'
        };
        let pad = w.saturating_sub(cols(e));
        out.push_str(&format!("  {mark} {e}{}   {g}\n", " ".repeat(pad)));
    }
    out
}

/// What one case gave.
struct Outcome {
    got: Vec<String>,
    /// The lines differ from the expectation.
    mismatch: bool,
    /// The rule checker found something.
    broken: bool,
    /// A readable report when either is true.
    report: Option<String>,
}

fn run_case(file: &str, case: &Case) -> Outcome {
    let text = case.text();
    let lines = compose(&text, &case.style, case.measure);
    let got: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
    let expected: Vec<String> = case.expected.iter().map(|(t, _)| t.clone()).collect();
    let mismatch = got != expected;
    let mut report = String::new();
    if mismatch {
        report.push_str(&side_by_side(&expected, &got));
    }
    let opts = CheckOpts {
        kinsoku: case.style.kinsoku,
        measure_pt: case.measure * case.style.em_pt,
        justify: true,
    };
    let checked: Vec<CheckLine> = lines.iter().map(CheckLine::from).collect();
    let mut broken = false;
    for v in check_paragraph(&text, &checked, &opts) {
        if !(case.allow_forced && v.rule == "forced") {
            broken = true;
            report.push_str(&format!(
                "  checker: line {}: {}: {}\n",
                v.line + 1,
                v.rule,
                v.detail
            ));
        }
    }
    let widths: Vec<String> = lines
        .iter()
        .map(|l| format!("{:.2}/{:.2}", l.width_pt, l.natural_pt))
        .collect();
    let report = (!report.is_empty()).then(|| {
        let head = format!(
            "{file} [{}]: {}\n  text: {text}\n  widths (pt, width/natural): {}\n",
            case.name,
            case.header,
            widths.join(" ")
        );
        head + &report
    });
    Outcome {
        got,
        mismatch,
        broken,
        report,
    }
}

/// Runs every case of `tests/golden/FILE.txt`; panics with all failures. With
/// `UPDATE=1` rewrites the expectations instead — except `reference` cases and cases
/// the rule checker rejects, which are reported and left as they were.
pub fn run_file(file: &str) {
    let path = golden_path(file);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let cases = parse(file, &src);
    assert!(!cases.is_empty(), "{path}: no cases");
    let outcomes: Vec<Outcome> = cases.iter().map(|c| run_case(file, c)).collect();
    if std::env::var_os("UPDATE").is_some_and(|v| v == "1") {
        let mut kept = Vec::new();
        let results: Vec<Vec<String>> = cases
            .iter()
            .zip(&outcomes)
            .map(|(c, o)| {
                if c.reference || o.broken {
                    kept.extend(o.report.clone().filter(|_| o.mismatch || o.broken));
                    c.expected.iter().map(|(t, _)| t.clone()).collect()
                } else {
                    o.got.clone()
                }
            })
            .collect();
        std::fs::write(&path, rewrite(&src, &cases, &results))
            .unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
        assert!(
            kept.is_empty(),
            "UPDATE=1 left these cases of {file}.txt alone (reference or checker failure):\n\n{}",
            kept.join("\n")
        );
        return;
    }
    let failures: Vec<&String> = outcomes.iter().filter_map(|o| o.report.as_ref()).collect();
    if !failures.is_empty() {
        let all: Vec<&str> = failures.iter().map(|s| s.as_str()).collect();
        panic!(
            "{} of {} golden cases in {file}.txt failed:\n\n{}",
            failures.len(),
            cases.len(),
            all.join("\n")
        );
    }
}

/// The file with each case's `=== lines` block replaced by `results`, keeping the
/// comment of every line that did not change.
fn rewrite(src: &str, cases: &[Case], results: &[Vec<String>]) -> String {
    let mut out = String::new();
    let mut case_i = None::<usize>;
    let mut skipping = false;
    for line in src.lines() {
        if line.starts_with("--- ") && line.ends_with(" ---") {
            case_i = Some(case_i.map_or(0, |i| i + 1));
            skipping = false;
        }
        if skipping {
            if line.trim().is_empty() || line.starts_with("# ") {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if line == "=== lines" {
            let i = case_i.unwrap_or(0);
            for (k, got) in results[i].iter().enumerate() {
                out.push_str(got);
                if let Some((t, Some(c))) = cases[i].expected.get(k) {
                    if t == got {
                        out.push_str(c);
                    }
                }
                out.push('\n');
            }
            skipping = true;
        }
    }
    out
}
