//! `paiban lines`: sets a text file's paragraphs as one justified body column and
//! prints the lines (issue 2, "Interface").
//!
//! Paragraphs are separated by blank lines; the source lines inside a paragraph are
//! joined with nothing, after trimming ASCII whitespace (and CR) at their ends — never
//! U+3000, which is text (`本报讯　…`). Exit codes: 0 ok, 1 when a line had to be
//! forced (no legal break), 2 for usage errors and unreadable or non-UTF-8 files.

use paiban::text::{
    shape_paragraph, BreakMethod, CompositionStyle, FontBook, KinsokuLevel, Line, PunctStyle, Run,
};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The body face used when `--font` is not given (cjk-rules §4.3: Song for body text).
const DEFAULT_FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSerifCJKsc-Regular.otf"
);

/// A column width as given on the command line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// Full-width body characters (字).
    Chars(f32),
    /// Points.
    Pt(f32),
    /// Millimetres.
    Mm(f32),
}

impl Measure {
    /// The width in pt for a body size of `em_pt`.
    pub fn to_pt(self, em_pt: f32) -> f32 {
        match self {
            Measure::Chars(n) => n * em_pt,
            Measure::Pt(p) => p,
            Measure::Mm(mm) => mm * 72.0 / 25.4,
        }
    }
}

/// Arguments of `paiban lines`.
#[derive(clap::Args, Debug)]
pub struct LinesArgs {
    /// Column width: `N` full-width characters (字), `Npt` or `Nmm`.
    #[arg(long, default_value = "13", value_parser = parse_measure)]
    pub measure: Measure,
    /// Body size in pt (one 字).
    #[arg(long, default_value_t = 9.0, value_parser = parse_positive)]
    pub size: f32,
    /// Punctuation width style: quanjiao, kaiming, banjiao or plain.
    #[arg(long, default_value = "quanjiao", value_parser = parse_punct)]
    pub punct: PunctStyle,
    /// Prohibition level: none, basic, gb or strict.
    #[arg(long, default_value = "basic", value_parser = parse_kinsoku)]
    pub kinsoku: KinsokuLevel,
    /// Line breaking: optimal (total fit) or greedy (first fit).
    #[arg(long, default_value = "optimal", value_parser = parse_method)]
    pub method: BreakMethod,
    /// First-line indent in em.
    #[arg(long, default_value_t = 2.0, value_parser = parse_non_negative)]
    pub indent: f32,
    /// Hang one 、，。 past the line end instead of pushing in or out.
    #[arg(long)]
    pub hanging: bool,
    /// Print the lines as JSON with their widths.
    #[arg(long)]
    pub json: bool,
    /// Body font (OpenType file; face 0 of a collection).
    #[arg(long, value_name = "PATH")]
    pub font: Option<PathBuf>,
    /// The text file: paragraphs separated by blank lines.
    pub file: PathBuf,
}

fn parse_measure(s: &str) -> Result<Measure, String> {
    let (num, unit): (&str, fn(f32) -> Measure) = if let Some(n) = s.strip_suffix("pt") {
        (n, Measure::Pt)
    } else if let Some(n) = s.strip_suffix("mm") {
        (n, Measure::Mm)
    } else if let Some(n) = s.strip_suffix("zw").or_else(|| s.strip_suffix('字')) {
        (n, Measure::Chars)
    } else {
        (s, Measure::Chars)
    };
    let v = parse_positive(num.trim()).map_err(|_| {
        format!("`{s}` is not a measure; give characters (`13`), `117pt` or `41.3mm`")
    })?;
    Ok(unit(v))
}

fn parse_positive(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("`{s}` is not a positive number")),
    }
}

fn parse_non_negative(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("`{s}` is not a number of em (0 or more)")),
    }
}

fn parse_punct(s: &str) -> Result<PunctStyle, String> {
    match s {
        "quanjiao" => Ok(PunctStyle::Quanjiao),
        "kaiming" => Ok(PunctStyle::Kaiming),
        "banjiao" => Ok(PunctStyle::Banjiao),
        "plain" => Ok(PunctStyle::Plain),
        _ => Err(format!(
            "unknown punctuation style `{s}`; use quanjiao, kaiming, banjiao or plain"
        )),
    }
}

fn parse_kinsoku(s: &str) -> Result<KinsokuLevel, String> {
    match s {
        "none" => Ok(KinsokuLevel::None),
        "basic" => Ok(KinsokuLevel::Basic),
        "gb" => Ok(KinsokuLevel::Gb),
        "strict" => Ok(KinsokuLevel::Strict),
        _ => Err(format!(
            "unknown prohibition level `{s}`; use none, basic, gb or strict"
        )),
    }
}

fn parse_method(s: &str) -> Result<BreakMethod, String> {
    match s {
        "optimal" => Ok(BreakMethod::Optimal),
        "greedy" => Ok(BreakMethod::Greedy),
        _ => Err(format!("unknown method `{s}`; use optimal or greedy")),
    }
}

/// A paragraph of the input and the 1-based source line it starts on.
#[derive(Debug, PartialEq)]
pub struct SourceParagraph {
    /// The paragraph's text, source lines joined with nothing.
    pub text: String,
    /// 1-based line of the file where the paragraph starts.
    pub line: usize,
}

/// Splits a file's text into paragraphs: blank lines separate them, the lines inside
/// are joined with nothing after trimming ASCII whitespace at both ends (U+3000 kept).
pub fn split_paragraphs(text: &str) -> Vec<SourceParagraph> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut current: Option<SourceParagraph> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        current
            .get_or_insert_with(|| SourceParagraph {
                text: String::new(),
                line: i + 1,
            })
            .text
            .push_str(line);
    }
    out.extend(current);
    out
}

/// A line as printed by `--json`.
#[derive(Serialize)]
struct JsonLine<'a> {
    text: &'a str,
    width_pt: f64,
    natural_pt: f64,
    #[serde(rename = "final")]
    is_final: bool,
    forced: bool,
}

#[derive(Serialize)]
struct JsonParagraph<'a> {
    lines: Vec<JsonLine<'a>>,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    measure_pt: f64,
    paragraphs: Vec<JsonParagraph<'a>>,
}

/// Rounds to a thousandth of a point so that `117.0` does not print as `116.99999`.
fn pt(v: f32) -> f64 {
    (f64::from(v) * 1000.0).round() / 1000.0
}

fn read_source(path: &Path) -> Result<String, String> {
    // A regular file of at most 64 MiB: `/dev/zero` or a FIFO would never end (issue 7).
    let max = paiban::config::source::MAX_TEXT_BYTES;
    let bytes = paiban::config::source::read_regular(path, max).map_err(|e| {
        format!(
            "error: cannot read `{}`: {e}\n  = hint: check the path",
            path.display()
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "error: `{}` is not valid UTF-8 (byte {})\n  = hint: save the file as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Runs the command; returns the exit code.
pub fn run(args: &LinesArgs) -> i32 {
    let source = match read_source(&args.file) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("{msg}");
            return 2;
        }
    };
    let font_path = args
        .font
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FONT));
    let mut book = FontBook::new();
    let font = match book.load(&font_path, 0) {
        Ok(id) => id,
        Err(e) => {
            eprintln!("error: {e}\n  = hint: pass a font file with `--font PATH`");
            return 2;
        }
    };
    let style = CompositionStyle {
        em_pt: args.size,
        punct: args.punct,
        kinsoku: args.kinsoku,
        indent_em: args.indent,
        hanging: args.hanging,
        method: args.method,
        ..CompositionStyle::default()
    };
    let measure_pt = args.measure.to_pt(args.size);
    let paragraphs = split_paragraphs(&source);
    let composed: Vec<Vec<Line>> = paragraphs
        .iter()
        .map(|p| {
            let run = Run {
                text: p.text.clone(),
                font,
                size_pt: args.size,
            };
            shape_paragraph(&book, &[run], &style).break_lines(measure_pt)
        })
        .collect();
    let forced = report_forced(&args.file, &paragraphs, &composed);
    if args.json {
        print_json(measure_pt, &composed);
    } else {
        print_plain(&composed);
    }
    if forced > 0 {
        1
    } else {
        0
    }
}

/// Warns on stderr for every forced line; returns how many there were.
fn report_forced(file: &Path, paragraphs: &[SourceParagraph], composed: &[Vec<Line>]) -> usize {
    let mut count = 0;
    for (p, lines) in paragraphs.iter().zip(composed) {
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.forced) {
            count += 1;
            eprintln!(
                "warning: line {} of the paragraph at {}:{} had to be forced: `{}`\n  = hint: the text leaves no legal break at this measure; widen the column or edit the text",
                i + 1,
                file.display(),
                p.line,
                line.text
            );
        }
    }
    count
}

fn print_plain(composed: &[Vec<Line>]) {
    let mut out = String::new();
    for (i, lines) in composed.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in lines {
            out.push_str(&line.text);
            out.push('\n');
        }
    }
    emit(&out);
}

/// Writes to stdout; a closed pipe (`paiban lines f | head`) is not an error.
fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

fn print_json(measure_pt: f32, composed: &[Vec<Line>]) {
    let out = JsonOut {
        measure_pt: pt(measure_pt),
        paragraphs: composed
            .iter()
            .map(|lines| JsonParagraph {
                lines: lines
                    .iter()
                    .map(|l| JsonLine {
                        text: &l.text,
                        width_pt: pt(l.width_pt),
                        natural_pt: pt(l.natural_pt),
                        is_final: l.is_final,
                        forced: l.forced,
                    })
                    .collect(),
            })
            .collect(),
    };
    match serde_json::to_string(&out) {
        Ok(s) => emit(&(s + "\n")),
        Err(e) => eprintln!("error: cannot write JSON: {e}"),
    }
}
