//! Character classes for Chinese line composition: the one data table every rule is
//! keyed on (cjk-rules §1.0, §1.a consolidated table; CLREQ appendix "Punctuation marks
//! in Chinese"; JLREQ §A character classes cl-01…cl-27).
//!
//! Each class row says at which prohibition level it may not start or end a line
//! (CLREQ §3.1.7 "Prohibition Rules for Line Start and Line End"), on which side of
//! the em box its adjustable blank sits (CLREQ §3.1.6 "Punctuation Width Adjustment",
//! GB style: ink lower-left, blank at the end side; openings blank at the start side),
//! and the shrink tier of that blank (CLREQ §3.8.2 reduction order, cjk-rules §1.e).

use super::KinsokuLevel;

/// A composition class of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Ideographs, kana, hangul, full-width letters and digits (JLREQ cl-19, cl-15…).
    Han,
    /// Opening quotes and brackets (CLREQ 引号/括号/书名号 opening; JLREQ cl-01).
    Open,
    /// Closing quotes and brackets (JLREQ cl-02).
    Close,
    /// 。．full stops (CLREQ 点号; JLREQ cl-06).
    Stop,
    /// ，、 commas (JLREQ cl-07).
    Comma,
    /// ：； colon and semicolon (CLREQ 点号).
    ColonSemi,
    /// ？！‼⁇⁈⁉ (GB/T 15834 §5.1.2; JLREQ cl-04).
    QuestEx,
    /// U+2014 em dash: one half of —— or, alone, a connector (一字线).
    EmDash,
    /// ⸺ ⸻ two- and three-em dashes (unbreakable, CLREQ 破折号).
    LongDash,
    /// … ⋯ ‥ ellipsis halves (CLREQ 省略号; JLREQ cl-08).
    Ellipsis,
    /// ～ 〜 – connectors (CLREQ 连接号).
    Connector,
    /// · ・ ‧ interpuncts (CLREQ 间隔号; JLREQ cl-05).
    Interpunct,
    /// ／ / solidus (CLREQ 分隔号).
    Solidus,
    /// ￥ ¥ $ £ € № # prefixed abbreviations (JLREQ cl-12).
    Prefix,
    /// % ‰ ℃ ° ′ ″ postfixed abbreviations (JLREQ cl-13).
    Postfix,
    /// U+3000 ideographic space (JLREQ cl-14).
    IdeoSpace,
    /// U+00A0, U+2007, U+202F, U+2060: no-break spaces and the word joiner (UAX #14 GL).
    NoBreak,
    /// Western word space (JLREQ cl-26).
    Space,
    /// Latin (and Greek, Cyrillic) letters (JLREQ cl-27).
    Latin,
    /// ASCII digits (JLREQ cl-24 grouped numerals).
    Digit,
    /// Half-width opening brackets `( [ {`.
    OpenW,
    /// Half-width closing brackets `) ] }`.
    CloseW,
    /// Half-width stops `. , : ; ? !`.
    StopW,
    /// ASCII hyphen-minus: part of a Western token (Covid-19), a connector between Han
    /// (狮山-周福), so never at line start (CLREQ 连接号).
    HyphenW,
    /// ASCII solidus: part of a Western token (km/h, URLs); between Han a 分隔号.
    SolidusW,
    /// Other Western symbols (`' " & @ _` …), part of a Western token.
    SymbolW,
    /// Control characters (a line break inside a run): zero width, glued to the left.
    Control,
    /// Anything else: set solid and breakable like Han.
    Other,
}

/// Side of the em box that holds a mark's adjustable blank (GB style, horizontal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Blank {
    /// No adjustable blank.
    None,
    /// Blank before the ink (opening brackets).
    Start,
    /// Blank after the ink (stops, commas, closing brackets).
    End,
}

/// One row of the class table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClassInfo {
    /// Lowest level at which the class may not start a line (None: never prohibited).
    pub no_start: Option<KinsokuLevel>,
    /// Lowest level at which the class may not end a line.
    pub no_end: Option<KinsokuLevel>,
    /// Where the adjustable blank is.
    pub blank: Blank,
    /// CLREQ reduction tier (1–7) of the blank mid-line; 0 = not shrinkable.
    pub tier: u8,
    /// Part of a space-less Western token (never split; cjk-rules §1.b).
    pub western: bool,
    /// Counts as a Han character for 孤字 and takes CJK–Latin spacing next to Latin.
    pub han: bool,
}

use Blank as B;
use KinsokuLevel as K;

const fn row(
    no_start: Option<KinsokuLevel>,
    no_end: Option<KinsokuLevel>,
    blank: Blank,
    tier: u8,
    western: bool,
    han: bool,
) -> ClassInfo {
    ClassInfo {
        no_start,
        no_end,
        blank,
        tier,
        western,
        han,
    }
}

/// The class table (cjk-rules §1.a consolidated table; CLREQ §3.8.2 reduction tiers:
/// 2 word spaces, 3 interpuncts, 4 brackets, 5 commas/semicolons, 6 Han–Western
/// space, 7 periods/question/exclamation marks).
pub(crate) fn info(c: Class) -> ClassInfo {
    match c {
        Class::Han => row(None, None, B::None, 0, false, true),
        // cjk-rules §1.a: no break after openings at every level but none.
        Class::Open => row(None, Some(K::Basic), B::Start, 4, false, false),
        // GB/T 15834 §5.1.3: closing marks never at line start.
        Class::Close => row(Some(K::Basic), None, B::End, 4, false, false),
        // GB/T 15834 §5.1.1: 。，、；： never at line start.
        Class::Stop => row(Some(K::Basic), None, B::End, 7, false, false),
        Class::Comma => row(Some(K::Basic), None, B::End, 5, false, false),
        Class::ColonSemi => row(Some(K::Basic), None, B::End, 5, false, false),
        // GB/T 15834 §5.1.2.
        Class::QuestEx => row(Some(K::Basic), None, B::End, 7, false, false),
        // Paired ——: not at line start only at strict (CLREQ strict level); a single
        // — is a connector, handled in `segment` from context.
        Class::EmDash => row(Some(K::Strict), None, B::None, 0, false, false),
        Class::LongDash => row(Some(K::Strict), None, B::None, 0, false, false),
        Class::Ellipsis => row(Some(K::Strict), None, B::None, 0, false, false),
        // CLREQ basic: connectors and interpuncts not at line start (GB/T 15834 §5.1.6/7).
        Class::Connector => row(Some(K::Basic), None, B::None, 0, false, false),
        Class::Interpunct => row(Some(K::Basic), None, B::None, 3, false, false),
        // CLREQ basic (zh text) no start; GB level adds no end.
        Class::Solidus => row(Some(K::Basic), Some(K::Gb), B::None, 0, false, false),
        // JLREQ cl-12 / Word: prefix abbreviations keep to the number (basic and up).
        Class::Prefix => row(None, Some(K::Basic), B::None, 0, false, false),
        // JLREQ cl-13 / Word: postfix abbreviations never start a line.
        Class::Postfix => row(Some(K::Basic), None, B::None, 0, false, false),
        // cjk-rules T27: U+3000 never starts a line.
        Class::IdeoSpace => row(Some(K::Basic), None, B::None, 0, false, false),
        // UAX #14 GL: glue to both neighbours at every level but none.
        Class::NoBreak => row(Some(K::Basic), Some(K::Basic), B::None, 0, false, false),
        Class::Space => row(None, None, B::None, 2, false, false),
        Class::Latin | Class::Digit | Class::SymbolW => row(None, None, B::None, 0, true, false),
        Class::OpenW => row(None, Some(K::Basic), B::None, 0, true, false),
        Class::HyphenW => row(Some(K::Basic), None, B::None, 0, true, false),
        Class::SolidusW => row(Some(K::Basic), Some(K::Gb), B::None, 0, true, false),
        Class::CloseW | Class::StopW => row(Some(K::Basic), None, B::None, 0, true, false),
        Class::Control => row(Some(K::Basic), None, B::None, 0, false, false),
        Class::Other => row(None, None, B::None, 0, false, false),
    }
}

/// Classifies one character (context-free; —— pairing is resolved in `segment`).
pub(crate) fn classify(c: char) -> Class {
    match c {
        '“' | '‘' | '「' | '『' | '（' | '〔' | '【' | '〖' | '［' | '｛' | '《' | '〈' | '｟'
        | '〘' | '〝' | '«' => Class::Open,
        '”' | '’' | '」' | '』' | '）' | '〕' | '】' | '〗' | '］' | '｝' | '》' | '〉' | '｠'
        | '〙' | '〞' | '〟' | '»' => Class::Close,
        '。' | '．' => Class::Stop,
        '，' | '、' => Class::Comma,
        '：' | '；' => Class::ColonSemi,
        '？' | '！' | '‼' | '⁇' | '⁈' | '⁉' => Class::QuestEx,
        '\u{2014}' => Class::EmDash,
        '\u{2E3A}' | '\u{2E3B}' => Class::LongDash,
        '…' | '⋯' | '‥' => Class::Ellipsis,
        '～' | '〜' | '–' | '\u{2015}' | '－' | '﹣' | '\u{2010}' | '\u{2011}' | '⁓' => {
            Class::Connector
        }
        '·' | '・' | '‧' => Class::Interpunct,
        '／' => Class::Solidus,
        '/' => Class::SolidusW,
        '-' => Class::HyphenW,
        '￥' | '¥' | '$' | '＄' | '£' | '￡' | '€' | '№' | '#' | '＃' => Class::Prefix,
        '%' | '％' | '‰' | '‱' | '℃' | '℉' | '°' | '′' | '″' | '¢' | '￠' => {
            Class::Postfix
        }
        // JLREQ cl-13: squared unit symbols (㎡ ㎞ ㏄ …).
        '\u{3380}'..='\u{33DF}' => Class::Postfix,
        '\u{3000}' => Class::IdeoSpace,
        '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{2060}' => Class::NoBreak,
        // Every other White_Space character (tabs, line and paragraph separators, …)
        // is a word space: it vanishes at line edges like one.
        c if c.is_whitespace() => Class::Space,
        '0'..='9' => Class::Digit,
        'A'..='Z' | 'a'..='z' => Class::Latin,
        '(' | '[' | '{' => Class::OpenW,
        ')' | ']' | '}' => Class::CloseW,
        '.' | ',' | ':' | ';' | '?' | '!' => Class::StopW,
        '\u{0}'..='\u{1F}' | '\u{7F}' | '\u{200B}'..='\u{200D}' | '\u{FEFF}' => Class::Control,
        '!'..='~' => Class::SymbolW,
        _ => classify_wide(c),
    }
}

fn classify_wide(c: char) -> Class {
    let u = c as u32;
    let latin = matches!(u, 0xA0..=0x24F | 0x370..=0x3FF | 0x400..=0x4FF | 0x1E00..=0x1EFF);
    if latin {
        return if c.is_alphanumeric() {
            Class::Latin
        } else {
            Class::SymbolW
        };
    }
    let han = matches!(u,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3040..=0x30FF
        | 0x3100..=0x312F | 0x3190..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF10..=0xFF19 | 0xFF21..=0xFF3A
        | 0xFF41..=0xFF5A | 0x20000..=0x3FFFF);
    if han {
        Class::Han
    } else {
        Class::Other
    }
}

/// Whether `c` is a Han character for the 孤字 count (CLREQ §3.7 "Handling of Widows
/// and Orphans": a last line must hold at least two).
pub(crate) fn is_han_char(c: char) -> bool {
    classify(c) == Class::Han
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_follows_consolidated_list() {
        for c in "。．，、：；？！”’」』）〕】〗］｝》〉·・‧～／%％‰℃".chars()
        {
            let i = info(classify(c));
            assert_eq!(
                i.no_start,
                Some(K::Basic),
                "{c} must not start a line at basic"
            );
        }
        for c in "“‘「『（〔【〖［｛《〈￥$".chars() {
            assert_eq!(
                info(classify(c)).no_end,
                Some(K::Basic),
                "{c} must not end a line"
            );
        }
        assert_eq!(info(classify('／')).no_end, Some(K::Gb));
        assert_eq!(info(classify('/')).no_end, Some(K::Gb));
        assert!(info(classify('/')).western && info(classify('-')).western);
        assert_eq!(info(classify('…')).no_start, Some(K::Strict));
        assert_eq!(classify('中'), Class::Han);
        assert_eq!(classify('G'), Class::Latin);
    }
}
