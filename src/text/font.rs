//! Font loading: faces from OpenType files and collections, by face index.
//!
//! Faces are read once per run and shared by shaping (rustybuzz) and PDF embedding
//! (subsetter); tests and the sample load only the repository's `fonts/`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Identifies a face inside a [`FontBook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);

/// One loaded face: its bytes, face index and the metrics every stage needs.
#[derive(Debug)]
pub struct Face {
    /// The shaper, built once: rustybuzz builds lookup digests when a face is created
    /// (milliseconds for a CJK face), far too slow to repeat per paragraph.
    /// Declared before `data`, so dropped before the bytes it borrows.
    cache: ShaperCache,
    /// Where the face was loaded from (for messages).
    pub path: PathBuf,
    /// The whole font file (a collection holds several faces), memory-mapped.
    pub data: FontData,
    /// Face index inside a collection, 0 for single fonts.
    pub index: u32,
    /// PostScript name from the `name` table (ID 6), or the file stem.
    pub postscript_name: String,
    /// Font units per em.
    pub units_per_em: u16,
    /// Typographic ascender in font units (positive, above the baseline).
    pub ascender: i16,
    /// Typographic descender in font units (negative, below the baseline).
    pub descender: i16,
    /// True when outlines are CFF (`CFF ` table), false for `glyf`.
    pub is_cff: bool,
}

/// The shaper and shape plans of a face, built on first use.
#[derive(Default)]
struct ShaperCache {
    shaper: OnceLock<rustybuzz::Face<'static>>,
    plans: [OnceLock<rustybuzz::ShapePlan>; 3],
}

impl fmt::Debug for ShaperCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShaperCache(built: {})", self.shaper.get().is_some())
    }
}

/// The shape plans the composer uses (script and features of a segment).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlanKind {
    /// Han script, default features.
    Cjk = 0,
    /// Latin script, default features.
    Western = 1,
    /// Han script with `fwid` (dashes: —— as one 2-em glyph).
    Dash = 2,
}

impl Face {
    /// Parses the face with ttf-parser (cheap: tables are read lazily).
    #[allow(
        clippy::unreachable,
        reason = "a book's faces are parsed when loaded and never change afterwards"
    )]
    pub fn ttf(&self) -> ttf_parser::Face<'_> {
        // Checked when the face was loaded, so this cannot fail.
        ttf_parser::Face::parse(&self.data, self.index).unwrap_or_else(|_| unreachable!())
    }

    /// Parses the face for shaping with rustybuzz.
    pub fn shaper(&self) -> rustybuzz::Face<'_> {
        rustybuzz::Face::from_face(self.ttf())
    }

    /// The face's shaper, built on first use and kept.
    #[allow(
        clippy::unreachable,
        reason = "a book's faces are parsed when loaded and never change afterwards"
    )]
    pub fn cached_shaper(&self) -> &rustybuzz::Face<'_> {
        self.cache.shaper.get_or_init(|| {
            // SAFETY: the shaper borrows the bytes behind `self.data`, an `Arc` of a map
            // or a `Vec` that is never mutated and lives as long as `self` (the mapping or
            // heap buffer does not move when `Face` moves). The `'static` shaper is only handed out with the
            // lifetime of `&self`, and `cache` is dropped before `data` (field order).
            let bytes: &'static [u8] =
                unsafe { std::mem::transmute::<&[u8], &'static [u8]>(&self.data) };
            let face =
                ttf_parser::Face::parse(bytes, self.index).unwrap_or_else(|_| unreachable!());
            rustybuzz::Face::from_face(face)
        })
    }

    /// The shape plan of `kind` for this face, built on first use and kept.
    pub(crate) fn plan(&self, kind: PlanKind) -> &rustybuzz::ShapePlan {
        self.cache.plans[kind as usize].get_or_init(|| {
            let (script, feats) = match kind {
                PlanKind::Cjk => (rustybuzz::script::HAN, vec![]),
                PlanKind::Western => (rustybuzz::script::LATIN, vec![]),
                // `fwid`: for U+2014 pairs Noto CJK ligates —— into one 2-em rule
                // (GB/T 15834 §5.1.4: the dash is drawn unbroken).
                PlanKind::Dash => (
                    rustybuzz::script::HAN,
                    vec![rustybuzz::Feature::new(
                        ttf_parser::Tag::from_bytes(b"fwid"),
                        1,
                        ..,
                    )],
                ),
            };
            let dir = rustybuzz::Direction::LeftToRight;
            rustybuzz::ShapePlan::new(self.cached_shaper(), dir, Some(script), None, &feats)
        })
    }
}

/// The bytes of a font file: memory-mapped (issue 6: a CJK face is 15–25 MB, of which
/// a build reads a few tables and the outlines of the glyphs it uses), or owned.
#[derive(Clone)]
pub struct FontData(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl FontData {
    /// Maps the file read-only. The fonts of a run must not change while it runs
    /// (the repository's `fonts/` never do); a file that cannot be mapped is read.
    fn map(path: &Path) -> std::io::Result<FontData> {
        let file = std::fs::File::open(path)?;
        // SAFETY: the map is only read; font files are not written during a build.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => Ok(FontData(Arc::new(map))),
            Err(_) => Ok(FontData(Arc::new(std::fs::read(path)?))),
        }
    }
}

impl std::ops::Deref for FontData {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

impl fmt::Debug for FontData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FontData({} bytes)", self.len())
    }
}

/// Why a font could not be loaded.
#[derive(Debug)]
pub enum FontError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// The file is not a font, or the face index does not exist.
    Parse(PathBuf, u32, ttf_parser::FaceParsingError),
}

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FontError::Io(p, e) => write!(f, "cannot read font `{}`: {e}", p.display()),
            FontError::Parse(p, i, e) => {
                write!(f, "`{}` face {i} is not a usable font: {e}", p.display())
            }
        }
    }
}

impl std::error::Error for FontError {}

/// All faces of one run, loaded once and addressed by [`FontId`].
#[derive(Debug, Default)]
pub struct FontBook {
    faces: Vec<Face>,
}

impl FontBook {
    /// Creates an empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// Loads face `index` of the font file at `path`; the same file and index
    /// loaded twice give the same id.
    pub fn load(&mut self, path: &Path, index: u32) -> Result<FontId, FontError> {
        if let Some(pos) = self
            .faces
            .iter()
            .position(|f| f.path == path && f.index == index)
        {
            return Ok(FontId(pos as u16));
        }
        let data = FontData::map(path).map_err(|e| FontError::Io(path.to_owned(), e))?;
        self.add_data(path.to_owned(), data, index)
    }

    /// Adds a face from bytes already in memory.
    pub fn add(
        &mut self,
        path: PathBuf,
        data: Arc<Vec<u8>>,
        index: u32,
    ) -> Result<FontId, FontError> {
        self.add_data(path, FontData(data), index)
    }

    fn add_data(&mut self, path: PathBuf, data: FontData, index: u32) -> Result<FontId, FontError> {
        let face = ttf_parser::Face::parse(&data, index)
            .map_err(|e| FontError::Parse(path.clone(), index, e))?;
        let postscript_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        let (units_per_em, ascender, descender) =
            (face.units_per_em(), face.ascender(), face.descender());
        let is_cff = face.tables().cff.is_some();
        self.faces.push(Face {
            cache: ShaperCache::default(),
            path,
            data,
            index,
            postscript_name,
            units_per_em,
            ascender,
            descender,
            is_cff,
        });
        Ok(FontId((self.faces.len() - 1) as u16))
    }

    /// The face behind `id`.
    pub fn get(&self, id: FontId) -> &Face {
        &self.faces[id.0 as usize]
    }

    /// Every face with its id, in load order.
    pub fn iter(&self) -> impl Iterator<Item = (FontId, &Face)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }
}
