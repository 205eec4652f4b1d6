//! Characters no article may hold (issue 7): control characters, bidirectional
//! formatting, tag characters and U+2028/U+2029. They have no glyph and no width in a
//! Chinese column, so they would be set invisibly, and bidi controls reorder the text a
//! reader copies out of the PDF. Tab, line feed and carriage return are white space and allowed.

use crate::config::read::Reader;
use crate::config::source::Source;
use crate::diag::Diagnostic;
use toml::Spanned;

/// What `c` is, when it may not be set.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some("a control character"),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some("a bidirectional formatting character")
        }
        '\u{E0000}'..='\u{E007F}' => Some("a tag character"),
        // Paragraphs are split at blank lines; these would break a line inside one (and
        // the composer takes them as break opportunities that ignore kinsoku: fuzz/README).
        '\u{2028}' | '\u{2029}' => Some("a line or paragraph separator"),
        _ => None,
    }
}

fn message(c: char, kind: &str, article: &str, place: &str) -> String {
    format!(
        "article `{article}` holds U+{:04X}, {kind}, in {place}",
        c as u32
    )
}

const HINT: &str =
    "delete the character (wire copy often carries them); paiban sets only visible text";

/// E0111 for every distinct forbidden character of the body, at its line and column;
/// `offset` is where `body` starts in `src`.
pub fn check_body(
    src: &Source,
    body: &str,
    offset: usize,
    article: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<char> = Vec::new();
    for (i, c) in body.char_indices() {
        let Some(kind) = forbidden(c) else { continue };
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        let at = offset + i;
        let msg = message(c, kind, article, "the body");
        out.push(src.error("E0111", at..at + c.len_utf8(), msg).hint(HINT));
    }
}

/// E0111 for a front-matter value (a string or an array of strings) holding a forbidden
/// character, at the value.
pub fn check_value(r: &mut Reader, v: &Spanned<toml::Value>, key: &str, article: &str) {
    let texts: Vec<&str> = match v.get_ref() {
        toml::Value::String(s) => vec![s],
        toml::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => return,
    };
    let bad = texts
        .iter()
        .flat_map(|t| t.chars())
        .find_map(|c| Some((c, forbidden(c)?)));
    if let Some((c, kind)) = bad {
        let msg = message(c, kind, article, &format!("`{key}`"));
        r.error("E0111", v.span(), msg, HINT);
    }
}
