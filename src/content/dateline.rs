//! 电头 (dateline) recognition at the head of an article's first paragraph.
//!
//! Forms (cjk-rules §4.5 "Article furniture"; GB/T 15834 practice in news copy):
//! `本报讯`, `本报讯（记者 张三）`, `本报漳州10月27日电（记者 ×××）`, `本报10月27日电`,
//! `新华社北京10月27日电（记者 ×××）`, `中新社北京电`. The dateline ends at `讯`/`电`
//! and its parenthesised credit; the space after it is dropped.

/// Agencies whose copy starts with a dateline.
const AGENCIES: &[&str] = &["新华社", "中新社"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇一二三四五六七八九十".contains(c)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Length in bytes of a date `10月27日` at the start of `s`, if any.
fn date_len(s: &str) -> Option<usize> {
    let mut it = s.char_indices().peekable();
    let mut part = |unit: char| -> Option<()> {
        let mut n = 0;
        while let Some(&(_, c)) = it.peek() {
            if !is_digit(c) {
                break;
            }
            it.next();
            n += 1;
        }
        match it.next() {
            Some((_, c)) if c == unit && (1..=3).contains(&n) => Some(()),
            _ => None,
        }
    };
    part('月')?;
    part('日')?;
    Some(it.peek().map_or(s.len(), |&(i, _)| i))
}

/// Length of `[place][date]电` after an agency name, if the text continues so.
fn dian_len(s: &str, need_date: bool) -> Option<usize> {
    // A place is up to 6 Han characters that are not a date (漳州, 北京, 厦门).
    for (place_end, c) in s.char_indices().chain(std::iter::once((s.len(), '\0'))) {
        let place = &s[..place_end];
        if place.chars().count() > 6 || place.contains("记者") {
            return None;
        }
        let rest = &s[place_end..];
        let date = date_len(rest);
        if let Some(d) = date {
            if rest[d..].starts_with('电') {
                return Some(place_end + d + '电'.len_utf8());
            }
        }
        if !need_date && date.is_none() && rest.starts_with('电') && place_end > 0 {
            return Some(place_end + '电'.len_utf8());
        }
        if !is_han(c) {
            return None;
        }
    }
    None
}

/// Length of a parenthesised credit `（记者 张三）` at the start of `s`.
fn credit_len(s: &str) -> usize {
    let (open, close) = if s.starts_with('（') {
        ('（', '）')
    } else if s.starts_with('(') {
        ('(', ')')
    } else {
        return 0;
    };
    match s[open.len_utf8()..].find(close) {
        Some(i) if s[open.len_utf8()..open.len_utf8() + i].chars().count() <= 30 => {
            open.len_utf8() + i + close.len_utf8()
        }
        _ => 0,
    }
}

/// Splits a leading 电头 off `text`: `(dateline, rest)`, the rest without its leading
/// spaces (U+3000 or ASCII). `None` when the paragraph has none.
pub fn split_dateline(text: &str) -> Option<(String, String)> {
    let head = if let Some(rest) = text.strip_prefix("本报讯") {
        Some("本报讯".len() + credit_len(rest))
    } else if let Some(rest) = text.strip_prefix("本报") {
        dian_len(rest, true).map(|n| "本报".len() + n + credit_len(&rest[n..]))
    } else {
        AGENCIES.iter().find_map(|a| {
            let rest = text.strip_prefix(a)?;
            dian_len(rest, false).map(|n| a.len() + n + credit_len(&rest[n..]))
        })
    }?;
    let rest = text[head..].trim_start_matches([' ', '\u{3000}', '\t']);
    if rest.is_empty() {
        return None;
    }
    Some((text[..head].to_owned(), rest.to_owned()))
}
