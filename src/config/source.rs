//! Source files and the places inside them: byte spans to `file:line:column`.

use crate::diag::{Diagnostic, Location};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A text file read for configuration, kept for locating spans.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path as the user named it (relative paths stay relative in messages).
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
    /// Line added to every location (front matter inside an article starts on line 2).
    pub line_offset: u32,
}

impl Source {
    /// [`Source::read`], with the error pushed to `diags` instead of returned.
    pub fn read_reporting(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Source> {
        Source::read(path).map_err(|d| diags.push(*d)).ok()
    }

    /// Reads a file; an unreadable file is error `E0107`.
    pub fn read(path: &Path) -> Result<Source, Box<Diagnostic>> {
        match read_regular(path, MAX_TEXT_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(Source::new(path, text)),
                Err(e) => Err(Box::new(not_utf8(path, e.as_bytes(), e.utf8_error()))),
            },
            Err(e) => Err(Box::new(
                Diagnostic::error(
                    "E0107",
                    format!("cannot read `{}`: {}", path.display(), io_reason(&e)),
                )
                .in_file(path)
                .hint("check the path; relative paths are resolved from the file that names them"),
            )),
        }
    }

    /// A source from text already in memory.
    pub fn new(path: &Path, text: String) -> Source {
        Source {
            path: path.to_owned(),
            text,
            line_offset: 0,
        }
    }

    /// The folder relative paths inside this file are resolved from.
    pub fn dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        }
    }

    /// Resolves a path written in this file.
    pub fn resolve_path(&self, rel: &str) -> PathBuf {
        let p = Path::new(rel);
        if p.is_absolute() {
            p.to_owned()
        } else {
            normalize(&self.dir().join(p))
        }
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32, &str) {
        let offset = offset.min(self.text.len());
        let offset = (0..=offset)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(0);
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        let line = self.text[..start].matches('\n').count() as u32 + 1;
        let col = self.text[start..offset].chars().count() as u32 + 1;
        (line, col, self.text[start..end].trim_end_matches('\r'))
    }

    /// The location of a byte span (the caret covers the span's first line).
    pub fn location(&self, span: Range<usize>) -> Location {
        let (line, column, src) = self.line_col(span.start);
        let end = span.end.min(self.text.len()).max(span.start);
        let text = self.text.get(span.start..end).unwrap_or("");
        let first = text.split('\n').next().unwrap_or("");
        let len = first.chars().count().max(1) as u32;
        Location {
            file: self.path.clone(),
            line: line + self.line_offset,
            column,
            source_line: Some(src.to_owned()),
            len,
        }
    }

    /// An error at a span.
    pub fn error(
        &self,
        code: &'static str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, message).at(self.location(span))
    }
}

/// The largest text file read (issue, layout, page, article): 64 MiB.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;

/// Reads a regular file of at most `max` bytes. Devices, FIFOs and folders are refused
/// (reading `/dev/zero` would never end, a FIFO would wait forever), and so is a file
/// larger than `max`.
pub fn read_regular(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    read_regular_meta(path, max)?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        let msg = format!("larger than {} MiB", max >> 20);
        return Err(Error::new(ErrorKind::InvalidInput, msg));
    }
    Ok(bytes)
}

/// Why a path that is not a regular file cannot be read: `no such file`, `a folder`,
/// `not a regular file` (a device or FIFO).
pub fn not_a_file(p: &Path) -> &'static str {
    match std::fs::metadata(p) {
        Err(_) => "no such file",
        Ok(m) if m.is_dir() => "a folder",
        Ok(_) => "not a regular file",
    }
}

/// Checks, without reading it, that `path` is a regular file of at most `max` bytes.
pub fn read_regular_meta(path: &Path, max: u64) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(Error::new(ErrorKind::InvalidInput, what));
    }
    if meta.len() > max {
        let msg = format!("larger than {} MiB", max >> 20);
        return Err(Error::new(ErrorKind::InvalidInput, msg));
    }
    Ok(())
}

/// `E0107` at the line and column of the first byte that is not UTF-8.
fn not_utf8(path: &Path, bytes: &[u8], e: std::str::Utf8Error) -> Diagnostic {
    let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
    // The prefix is valid UTF-8 by definition of `valid_up_to`.
    let text = std::str::from_utf8(good).unwrap_or_default();
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    let shown = String::from_utf8_lossy(
        bytes
            .get(line_start..)
            .unwrap_or_default()
            .split(|&b| b == b'\n')
            .next()
            .unwrap_or_default(),
    );
    let loc = Location {
        file: path.to_owned(),
        line: text.matches('\n').count() as u32 + 1,
        column: text[line_start..].chars().count() as u32 + 1,
        source_line: Some(shown.trim_end_matches('\r').to_owned()),
        len: 1,
    };
    let msg = format!(
        "`{}` is not UTF-8 text (byte {} cannot be read)",
        path.display(),
        e.valid_up_to()
    );
    Diagnostic::error("E0107", msg)
        .at(loc)
        .hint("save the file as UTF-8 (GB 18030 and Big5 files must be converted)")
}

/// Drops `.` components and folds `dir/..` so messages show short paths.
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// A lower-case reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_owned();
            lower_first(&s)
        }
    }
}

/// Lower-cases the first character (messages are lower case).
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Edit distance between two strings, counted in characters (Levenshtein).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate within a small edit distance, for "did you mean" hints.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1) + usize::from(word.chars().count() > 6);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}
