//! An independent rule checker for composed lines, written from the lists in
//! cjk-rules.md §1.a (consolidated prohibition table), §1.b (inseparables), §1.i
//! (justification) and §1.j (孤字) — deliberately not from the engine's tables, so
//! that the two can disagree.

use paiban::text::KinsokuLevel;

/// The facts about a composed line the checker needs (from the library or `--json`).
#[derive(Clone, Debug, PartialEq)]
pub struct CheckLine {
    pub text: String,
    pub width_pt: f32,
    pub is_final: bool,
    pub forced: bool,
}

impl From<&paiban::text::Line> for CheckLine {
    fn from(l: &paiban::text::Line) -> Self {
        Self {
            text: l.text.clone(),
            width_pt: l.width_pt,
            is_final: l.is_final,
            forced: l.forced,
        }
    }
}

/// What a paragraph was composed with.
#[derive(Clone, Copy, Debug)]
pub struct CheckOpts {
    pub kinsoku: KinsokuLevel,
    pub measure_pt: f32,
    /// Lines must be justified (true for body text).
    pub justify: bool,
}

/// One rule broken by one line (or the break after it).
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// Stable rule name: `start`, `end`, `dash`, `ellipsis`, `number`, `prefix`, `latin`,
    /// `url`, `justify`, `overfull`, `orphan`, `joined`, `empty`, `forced`, `final`.
    pub rule: &'static str,
    /// 0-based line index in the paragraph.
    pub line: usize,
    pub detail: String,
}

/// Tolerance for widths (issue 2: "within 0.05 pt").
pub const WIDTH_TOL: f32 = 0.05;

// cjk-rules §1.a, consolidated table, row 1 (all levels except none): no break before.
const NO_START_ALL: &str = "。．，、：；？！‼⁇⁈⁉”’」』）〕】〗］｝》〉)]}.,:;?!";
// Row 2 (all levels except none): no break after.
const NO_END_ALL: &str = "“‘「『（〔【〖［｛《〈([{";
// Rows 3–4 (basic and up): interpuncts, connectors (single ～ – —), solidi, postfix units;
// U+3000 never starts a line (cjk-rules §5 T27).
const NO_START_BASIC: &str = "·・‧～–／/%％‰℃°′″\u{3000}";
// Row 5 (basic and up): prefix abbreviations.
const NO_END_BASIC: &str = "￥¥$＄£€№#";
// Row 6 (GB and strict): solidus not at line end.
const NO_END_GB: &str = "／/";
// Row 7 (strict): two-em dash and ellipsis not at line start.
const NO_START_STRICT: &str = "—⸺…⋯";

/// Is `c` a Han character (CJK unified ideographs and extensions, compatibility, 〇)?
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2FA1F | 0xF900..=0xFAFF | 0x3007)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Why the break between `before` (the text up to the break) and `after` violates a
/// start/end prohibition at `level`, if it does.
fn kinsoku_at(before: &str, after: &str, level: KinsokuLevel) -> Option<(&'static str, String)> {
    if level == KinsokuLevel::None {
        return None;
    }
    let a = before.chars().next_back()?;
    let b = after.chars().next()?;
    if NO_START_ALL.contains(b) || NO_START_BASIC.contains(b) {
        return Some(("start", format!("line starts with `{b}`")));
    }
    // A single — is a connector (一字线) and may not start a line; —— may (basic, GB).
    if b == '—' && !after.starts_with("——") {
        return Some(("start", "line starts with a single connector `—`".into()));
    }
    // The ASCII hyphen as a connector (狮山-周福; CLREQ connector table) may not start a
    // line either; a minus sign before a digit (-5℃) may.
    if b == '-' && !after.chars().nth(1).is_some_and(is_digit) {
        return Some(("start", "line starts with connector `-`".into()));
    }
    if level == KinsokuLevel::Strict && NO_START_STRICT.contains(b) {
        return Some(("start", format!("strict: line starts with `{b}`")));
    }
    if NO_END_ALL.contains(a) || NO_END_BASIC.contains(a) {
        return Some(("end", format!("line ends with `{a}`")));
    }
    if level >= KinsokuLevel::Gb && NO_END_GB.contains(a) {
        return Some(("end", format!("GB: line ends with solidus `{a}`")));
    }
    None
}

/// Length of the run of `c` ending `s`.
fn run_back(s: &str, c: char) -> usize {
    s.chars().rev().take_while(|&x| x == c).count()
}

/// URL spans (byte ranges) in `text`: `http…`/`www.…` up to the first non-URL character.
fn url_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let starts =
            rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.");
        let boundary = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        if starts && boundary {
            let len: usize = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'*+,;=%".contains(*c))
                .map(char::len_utf8)
                .sum();
            // A trailing `.` or `,` ends the sentence, not the URL.
            let trimmed = rest[..len].trim_end_matches(['.', ',', ';', ':']).len();
            spans.push(i..i + trimmed);
            i += len.max(1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    spans
}

/// Why breaking `text` at byte `at` splits an unbreakable sequence (cjk-rules §1.b).
fn unbreakable_at(
    text: &str,
    at: usize,
    urls: &[std::ops::Range<usize>],
) -> Option<(&'static str, String)> {
    let (before, after) = text.split_at(at);
    let a = before.chars().next_back()?;
    let b = after.chars().next()?;
    let a2 = before.chars().rev().nth(1);
    let b2 = after.chars().nth(1);
    let ctx = || format!("`…{}|{}…`", tail(before, 4), head(after, 4));
    // ——, ⸺⸺, ……, ⋯⋯: never inside a pair; between pairs allowed (CLREQ).
    for (c, rule) in [('—', "dash"), ('…', "ellipsis"), ('⋯', "ellipsis")] {
        if a == c && b == c && run_back(before, c) % 2 == 1 {
            return Some((rule, format!("split `{c}{c}` at {}", ctx())));
        }
    }
    if let Some(u) = urls.iter().find(|u| u.start < at && at < u.end) {
        if a != '.' && a != '/' {
            return Some((
                "url",
                format!("URL `{}` split at {}", &text[u.clone()], ctx()),
            ));
        }
        return None;
    }
    let num_sep = |c: char| matches!(c, '.' | ',' | ':');
    let digit_split = (is_digit(a) && is_digit(b))
        || (is_digit(a) && num_sep(b) && b2.is_some_and(is_digit))
        || (num_sep(a) && a2.is_some_and(is_digit) && is_digit(b));
    if digit_split {
        return Some(("number", format!("number split at {}", ctx())));
    }
    if is_digit(a) && "%％‰℃°′″".contains(b) {
        return Some((
            "number",
            format!("number and unit `{b}` split at {}", ctx()),
        ));
    }
    if "￥¥$＄£€".contains(a) && is_digit(b) {
        return Some(("prefix", format!("currency and number split at {}", ctx())));
    }
    let word_split = (is_latin(a) && is_latin(b))
        || (a == '-' && a2.is_some_and(is_latin) && is_latin(b))
        || (is_latin(a) && b == '-' && b2.is_some_and(is_latin))
        || (a == '\'' && a2.is_some_and(is_latin) && is_latin(b));
    if word_split {
        return Some(("latin", format!("Latin word split at {}", ctx())));
    }
    None
}

fn tail(s: &str, n: usize) -> String {
    let v: Vec<char> = s.chars().rev().take(n).collect();
    v.into_iter().rev().collect()
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Checks one composed paragraph against its source text.
pub fn check_paragraph(source: &str, lines: &[CheckLine], opts: &CheckOpts) -> Vec<Violation> {
    let mut v = Vec::new();
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    if joined != source {
        v.push(Violation {
            rule: "joined",
            line: 0,
            detail: first_difference(source, &joined),
        });
        return v;
    }
    let urls = url_spans(source);
    let mut at = 0;
    for (i, line) in lines.iter().enumerate() {
        let mut push = |rule, detail| {
            v.push(Violation {
                rule,
                line: i,
                detail,
            })
        };
        if line.text.is_empty() {
            push("empty", "empty line".into());
        }
        if line.forced {
            push("forced", format!("forced line `{}`", line.text));
        }
        at += line.text.len();
        let last = i + 1 == lines.len();
        if line.is_final != last {
            push(
                "final",
                format!(
                    "`final` is {} on line {} of {}",
                    line.is_final,
                    i + 1,
                    lines.len()
                ),
            );
        }
        check_width(line, last, opts, &mut push);
        if !last && !line.forced {
            let (before, after) = source.split_at(at);
            if let Some((rule, d)) = kinsoku_at(before, after, opts.kinsoku) {
                push(
                    rule,
                    format!("{d} (`{}` | `{}`)", tail(before, 6), head(after, 6)),
                );
            }
            if let Some((rule, d)) = unbreakable_at(source, at, &urls) {
                push(rule, d);
            }
        }
    }
    if let Some(last) = lines.last().filter(|_| lines.len() > 1) {
        let han = last.text.chars().filter(|&c| is_han(c)).count();
        if han < 2 {
            let detail = format!("last line `{}` holds {han} Han character(s)", last.text);
            v.push(Violation {
                rule: "orphan",
                line: lines.len() - 1,
                detail,
            });
        }
    }
    v
}

fn check_width(
    line: &CheckLine,
    last: bool,
    opts: &CheckOpts,
    push: &mut impl FnMut(&'static str, String),
) {
    let m = opts.measure_pt;
    if line.width_pt > m + WIDTH_TOL && !line.forced {
        push(
            "overfull",
            format!(
                "`{}` is {:.3} pt wide, measure {m:.3}",
                line.text, line.width_pt
            ),
        );
    }
    if opts.justify && !last && !line.forced && (line.width_pt - m).abs() > WIDTH_TOL {
        push(
            "justify",
            format!(
                "`{}` is {:.3} pt wide, measure {m:.3}",
                line.text, line.width_pt
            ),
        );
    }
}

fn first_difference(want: &str, got: &str) -> String {
    let common = want
        .chars()
        .zip(got.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let w: String = want
        .chars()
        .skip(common.saturating_sub(3))
        .take(12)
        .collect();
    let g: String = got
        .chars()
        .skip(common.saturating_sub(3))
        .take(12)
        .collect();
    format!("joined lines differ from the source at char {common}: want `{w}…`, got `{g}…`")
}

/// Is this the classic 孤字: one Han character, optionally with marks (CLREQ §3.7)?
pub fn is_single_han_line(text: &str) -> bool {
    text.chars().filter(|&c| is_han(c)).count() == 1
        && text.chars().all(|c| is_han(c) || !c.is_alphanumeric())
}
