//! The bench corpus through the checker: the seven seed articles at 11, 13, 17 and 24 字
//! and the first ~20k characters of p16, through the library and through
//! `paiban lines --json` (issue 2, "How it is checked").

use super::checker::{check_paragraph, is_single_han_line, CheckLine, CheckOpts, Violation};
use super::common::{articles, compose, doc_paragraphs};
use paiban::text::CompositionStyle;
use std::collections::BTreeMap;

/// Measures the corpus is set at (issue 2).
pub const MEASURES: [u32; 4] = [11, 13, 17, 24];

/// Figures for one measure.
#[derive(Default, Debug)]
pub struct Tally {
    pub paragraphs: usize,
    pub lines: usize,
    pub chars: usize,
    pub single_han_last: usize,
    pub by_rule: BTreeMap<&'static str, usize>,
    pub examples: Vec<String>,
}

impl Tally {
    /// Adds one checked paragraph.
    pub fn add(
        &mut self,
        label: &str,
        source: &str,
        lines: &[CheckLine],
        violations: Vec<Violation>,
    ) {
        self.paragraphs += 1;
        self.lines += lines.len();
        self.chars += source.chars().count();
        if lines.len() > 1 && lines.last().is_some_and(|l| is_single_han_line(&l.text)) {
            self.single_han_last += 1;
        }
        for v in violations {
            *self.by_rule.entry(v.rule).or_default() += 1;
            if self.examples.len() < 25 {
                let around: Vec<&str> = lines
                    .iter()
                    .skip(v.line.saturating_sub(1))
                    .take(3)
                    .map(|l| l.text.as_str())
                    .collect();
                self.examples.push(format!(
                    "{label} line {}: {}: {}\n      {}",
                    v.line + 1,
                    v.rule,
                    v.detail,
                    around.join(" | ")
                ));
            }
        }
    }

    /// Total violations.
    pub fn violations(&self) -> usize {
        self.by_rule.values().sum()
    }
}

fn check_lib(tally: &mut Tally, label: &str, text: &str, measure: u32) {
    check_with(tally, label, text, measure, &CompositionStyle::default());
}

fn check_with(tally: &mut Tally, label: &str, text: &str, measure: u32, style: &CompositionStyle) {
    let lines = compose(text, style, measure as f32);
    let checked: Vec<CheckLine> = lines.iter().map(CheckLine::from).collect();
    let opts = CheckOpts {
        kinsoku: style.kinsoku,
        measure_pt: measure as f32 * style.em_pt,
        justify: true,
    };
    let v = check_paragraph(text, &checked, &opts);
    tally.add(label, text, &checked, v);
}

fn report(title: &str, tallies: &BTreeMap<u32, Tally>) -> String {
    let mut out =
        format!("{title}\n  measure paragraphs  lines  chars  single-Han-last  violations\n");
    for (m, t) in tallies {
        out.push_str(&format!(
            "  {m:>5}字 {:>10} {:>6} {:>6} {:>16} {:>11}  {:?}\n",
            t.paragraphs,
            t.lines,
            t.chars,
            t.single_han_last,
            t.violations(),
            t.by_rule
        ));
    }
    out
}

fn assert_clean(title: &str, tallies: &BTreeMap<u32, Tally>) {
    let summary = report(title, tallies);
    println!("{summary}");
    let total: usize = tallies.values().map(Tally::violations).sum();
    if total > 0 {
        let examples: Vec<&String> = tallies
            .values()
            .flat_map(|t| &t.examples)
            .take(40)
            .collect();
        let list: Vec<String> = examples.iter().map(|s| format!("  {s}")).collect();
        panic!(
            "{total} violations\n{summary}first ones:\n{}",
            list.join("\n")
        );
    }
}

#[test]
fn corpus_articles() {
    let mut tallies = BTreeMap::new();
    for m in MEASURES {
        let tally: &mut Tally = tallies.entry(m).or_default();
        for (name, paras) in articles() {
            for (i, p) in paras.iter().enumerate() {
                check_lib(tally, &format!("{name} ¶{} @{m}", i + 1), p, m);
            }
        }
    }
    assert_clean("seven seed articles (library API)", &tallies);
}

#[test]
fn corpus_articles_greedy() {
    // The greedy variant (for comparison) keeps every rule except the 孤字 guard.
    let style = CompositionStyle {
        method: paiban::text::BreakMethod::Greedy,
        ..CompositionStyle::default()
    };
    let mut tallies = BTreeMap::new();
    for m in MEASURES {
        let tally: &mut Tally = tallies.entry(m).or_default();
        for (name, paras) in articles() {
            for (i, p) in paras.iter().enumerate() {
                check_with(
                    tally,
                    &format!("greedy {name} ¶{} @{m}", i + 1),
                    p,
                    m,
                    &style,
                );
            }
        }
        tally.by_rule.remove("orphan");
        tally.examples.retain(|e| !e.contains(": orphan: "));
    }
    assert_clean("seven seed articles, greedy (孤字 not counted)", &tallies);
}

#[test]
fn corpus_p16_slice() {
    // `LINES_P16_CHARS=all` checks the whole document (figures for reports).
    let max = match std::env::var("LINES_P16_CHARS").as_deref() {
        Ok("all") => usize::MAX,
        Ok(n) => n.parse().unwrap_or(20_000),
        Err(_) => 20_000,
    };
    let paras = doc_paragraphs("p16.txt", max);
    assert!(
        paras.len() > 50,
        "p16 slice has only {} paragraphs",
        paras.len()
    );
    let mut tallies = BTreeMap::new();
    for m in MEASURES {
        let tally: &mut Tally = tallies.entry(m).or_default();
        for (i, p) in paras.iter().enumerate() {
            check_lib(tally, &format!("p16 ¶{} @{m}", i + 1), p, m);
        }
    }
    let title = format!("p16.txt, first {} paragraphs (library API)", paras.len());
    assert_clean(&title, &tallies);
}

#[test]
fn corpus_through_cli_json() {
    // Articles 01, 04 and 07 as a blank-line-separated file through the real binary.
    let all = articles();
    let paras: Vec<String> = [0, 3, 6].iter().flat_map(|&i| all[i].1.clone()).collect();
    let dir = super::cli::temp_dir("corpus-json");
    let file = dir.join("articles.txt");
    std::fs::write(&file, paras.join("\n\n")).expect("write temp file");
    let mut tallies = BTreeMap::new();
    for m in MEASURES {
        let out = super::cli::paiban(&[
            "lines",
            "--json",
            "--measure",
            &m.to_string(),
            file.to_str().unwrap_or_default(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "@{m}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        let measure_pt = json["measure_pt"].as_f64().unwrap_or_default() as f32;
        assert!(
            (measure_pt - m as f32 * 9.0).abs() < 0.001,
            "measure_pt {measure_pt}"
        );
        let got = json["paragraphs"].as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), paras.len(), "@{m}: paragraph count");
        let tally: &mut Tally = tallies.entry(m).or_default();
        for (i, (p, jp)) in paras.iter().zip(&got).enumerate() {
            let lines = super::cli::json_lines(jp);
            let opts = CheckOpts {
                kinsoku: paiban::text::KinsokuLevel::Basic,
                measure_pt,
                justify: true,
            };
            let v = check_paragraph(p, &lines, &opts);
            tally.add(&format!("cli ¶{} @{m}", i + 1), p, &lines, v);
        }
    }
    assert_clean(
        "articles 01, 04, 07 through `paiban lines --json`",
        &tallies,
    );
}
