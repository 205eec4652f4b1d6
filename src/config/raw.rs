//! Serde mirrors of the TOML files. Leaves stay spanned TOML values so that
//! [`super::read`] can check types and units itself and report every mistake at
//! once (serde stops at the first).

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A spanned TOML value, checked when resolved.
pub type V = Spanned<toml::Value>;

/// A layout file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawLayout {
    pub paper: Option<Spanned<RawPaper>>,
    pub margins: Option<Spanned<RawMargins>>,
    pub grid: Option<Spanned<RawGrid>>,
    pub header: RawHeader,
    pub fonts: BTreeMap<Spanned<String>, Spanned<RawFont>>,
    pub styles: BTreeMap<String, Spanned<RawStyle>>,
    pub composition: RawComposition,
    pub rule: RawRuleStyle,
    pub print: RawPrint,
}

/// `[paper]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawPaper {
    pub name: Option<V>,
    pub size: Option<V>,
    pub bleed: Option<V>,
}

/// `[margins]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawMargins {
    pub top: Option<V>,
    pub bottom: Option<V>,
    pub left: Option<V>,
    pub right: Option<V>,
}

/// `[grid]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawGrid {
    pub columns: Option<V>,
    pub column: Option<V>,
    pub gutter: Option<V>,
    pub body: Option<V>,
    pub line_pitch: Option<V>,
}

/// `[header]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawHeader {
    pub height: Option<V>,
}

/// `[fonts.NAME]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawFont {
    pub path: Option<V>,
    pub index: Option<V>,
}

/// `[styles.NAME]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawStyle {
    pub font: Option<V>,
    pub size: Option<V>,
    pub min_size: Option<V>,
    pub leading: Option<V>,
    pub tracking: Option<V>,
    pub align: Option<V>,
    pub color: Option<V>,
}

/// `[composition]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawComposition {
    pub punct: Option<V>,
    pub kinsoku: Option<V>,
    pub indent: Option<V>,
    pub cjk_latin: Option<V>,
    pub hanging: Option<V>,
    pub method: Option<V>,
    pub justify: Option<V>,
}

/// `[rule]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawRuleStyle {
    pub width: Option<V>,
    pub color: Option<V>,
}

/// `[print]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawPrint {
    pub standard: Option<V>,
    pub output_condition_identifier: Option<V>,
    pub output_condition: Option<V>,
    pub registry: Option<V>,
    pub output_profile: Option<V>,
    pub crop_marks: Option<V>,
    pub max_ppi: Option<V>,
    pub min_ppi: Option<V>,
}

/// An issue file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawIssue {
    pub paper: Option<V>,
    pub slug: Option<V>,
    pub date: Option<V>,
    pub edition: Option<V>,
    pub version: Option<V>,
    pub output: Option<V>,
    pub layout: Option<V>,
    pub pages: Option<V>,
}

/// A page file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawPage {
    pub name: Option<V>,
    pub number: Option<V>,
    pub section: Option<V>,
    pub article: Vec<Spanned<RawArticleBlock>>,
    pub photo: Vec<Spanned<RawPhotoBlock>>,
    pub rule: Vec<Spanned<RawRule>>,
}

/// `[[article]]` on a page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawArticleBlock {
    pub file: Option<V>,
    pub cols: Option<V>,
    pub lines: Option<V>,
    pub text_columns: Option<V>,
    pub copyfit: Option<V>,
    pub headline_size: Option<V>,
    #[serde(rename = "box")]
    pub boxed: Option<V>,
    pub photo: Vec<Spanned<RawInlinePhoto>>,
}

/// `[[article.photo]]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawInlinePhoto {
    pub photo: Option<V>,
    pub cols: Option<V>,
    pub lines: Option<V>,
    pub fit: Option<V>,
}

/// `[[photo]]` on a page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawPhotoBlock {
    pub file: Option<V>,
    pub caption: Option<V>,
    pub credit: Option<V>,
    pub focus: Option<V>,
    pub cols: Option<V>,
    pub lines: Option<V>,
    pub fit: Option<V>,
}

/// `[[rule]]` on a page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawRule {
    pub after_line: Option<V>,
    pub after_col: Option<V>,
    pub cols: Option<V>,
    pub lines: Option<V>,
    pub width: Option<V>,
}

/// An article's front matter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawFrontMatter {
    pub id: Option<V>,
    pub kicker: Option<V>,
    pub headline: Option<V>,
    pub subhead: Option<V>,
    pub byline: Option<V>,
    pub photo: Vec<Spanned<RawFrontPhoto>>,
}

/// `[[photo]]` in front matter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawFrontPhoto {
    pub file: Option<V>,
    pub caption: Option<V>,
    pub credit: Option<V>,
    pub focus: Option<V>,
}
