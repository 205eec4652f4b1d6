//! Content stage: article files (TOML front matter + paragraphs) and images.
//!
//! An article file looks like this (`+++` fences around TOML, then paragraphs
//! separated by blank lines; single line breaks inside a paragraph are ignored):
//!
//! ```text
//! +++
//! kicker = "坚定不移推进绿色高质量发展"          # 引题 (optional)
//! headline = "厦门地铁6号线角美延伸段新进展"      # 主题; "\n" breaks it by hand
//! subhead = "社头车辆基地初具雏形"              # 副题 (optional)
//! byline = "本报记者 张三"                     # optional
//!
//! [[photo]]
//! file = "../images/metro-standin.jpg"        # relative to the article file
//! caption = "社头车辆基地施工现场"
//! credit = "本报记者 张三 摄"
//! focus = [0.5, 0.4]                          # focal point for fill crops (optional)
//! +++
//!
//! 本报讯　近日，笔者在厦门地铁6号线……
//!
//! 据施工方介绍，……
//! ```
//!
//! A leading dateline (电头) such as `本报讯` or `本报漳州10月27日电（记者 ×××）` is split
//! off the first paragraph into [`Article::dateline`] so it can be set in its own face.

mod article;
pub mod controls;
mod dateline;

pub use article::{focus, image_photo, load_article, parse_article};
pub use dateline::split_dateline;

use std::path::PathBuf;

/// A photo with its caption, as the article or page names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Photo {
    /// The image file (resolved, absolute or relative to the working directory).
    pub path: PathBuf,
    /// Pixel size, read from the file header.
    pub px_width: u32,
    pub px_height: u32,
    /// 图片说明.
    pub caption: String,
    /// Credit line, e.g. `本报记者 张三 摄`.
    pub credit: String,
    /// Focal point as fractions of width and height, for fill crops.
    pub focus: (f32, f32),
}

/// One article, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// Stable id (front matter `id`, else the file stem).
    pub id: String,
    /// The article file.
    pub file: PathBuf,
    /// 引题, one entry per line.
    pub kicker: Vec<String>,
    /// 主题, one entry per line.
    pub headline: Vec<String>,
    /// 副题, one entry per line.
    pub subhead: Vec<String>,
    /// Byline, if any.
    pub byline: Option<String>,
    /// 电头 split off the first paragraph (without the trailing space), if any.
    pub dateline: Option<String>,
    /// Body paragraphs (the first without its dateline), each on one line.
    pub paragraphs: Vec<Paragraph>,
    /// Photos in front-matter order.
    pub photos: Vec<Photo>,
}

/// A body paragraph and where it starts in the article file.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// The text, source lines joined.
    pub text: String,
    /// 1-based line of the file where the paragraph starts (for diagnostics).
    pub line: u32,
}
