//! Safe output: a file appears complete or not at all (issue 4, "Safe output").

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Distinguishes temporary files of one process.
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Writes `bytes` to `path` through a temporary file in the same folder, synced to
/// disk and renamed into place. On any failure the temporary file is removed and
/// an existing file at `path` is left as it was.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    commit_files(vec![stage_file(path, bytes)?]).map_err(|(_, e)| e)
}

/// Writes several files as one: every file goes to a synced temporary file first (in
/// parallel), and only when all of them were written are they renamed into place. On a
/// failure (a full disk, an unwritable folder) every temporary file is removed, no file
/// is replaced, and the path that failed is returned with its error.
pub fn write_files_atomic(files: &[(PathBuf, &[u8])]) -> Result<(), (PathBuf, std::io::Error)> {
    use rayon::prelude::*;
    let staged = files
        .par_iter()
        .map(|(path, bytes)| stage_file(path, bytes).map_err(|e| (path.clone(), e)))
        .collect::<Result<Vec<_>, _>>()?;
    commit_files(staged)
}

/// A file written and synced under a temporary name beside its path, waiting for
/// [`commit_files`] to rename it into place. Dropped uncommitted, the temporary file
/// is removed and nothing at the path changes.
#[derive(Debug)]
pub struct StagedFile {
    tmp: PathBuf,
    path: PathBuf,
    renamed: bool,
}

impl StagedFile {
    /// The path it will replace.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to a synced temporary file beside `path` (the first half of
/// [`write_files_atomic`]; a failed write leaves no temporary file).
pub fn stage_file(path: &Path, bytes: &[u8]) -> std::io::Result<StagedFile> {
    let tmp = temp_path(path)?;
    let staged = StagedFile {
        tmp,
        path: path.to_owned(),
        renamed: false,
    };
    write_synced(&staged.tmp, bytes)?;
    Ok(staged)
}

/// Renames staged files into place, in order (the second half of
/// [`write_files_atomic`]): on a failure the files not yet renamed are removed and the
/// path that failed is returned with its error.
pub fn commit_files(staged: Vec<StagedFile>) -> Result<(), (PathBuf, std::io::Error)> {
    let dir = staged.first().map(|s| s.path.clone());
    for mut s in staged {
        std::fs::rename(&s.tmp, &s.path).map_err(|e| (s.path.clone(), e))?;
        s.renamed = true;
    }
    if let Some(path) = dir {
        sync_dir(&path);
    }
    Ok(())
}

/// `.<name>.<pid>-<n>.tmp` beside `path`.
fn temp_path(path: &Path) -> std::io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("`{}` is not a file path", path.display()),
        )
    })?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp_name = format!(".{}.{}-{n}.tmp", name.to_string_lossy(), std::process::id());
    Ok(path.with_file_name(tmp_name))
}

fn write_synced(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the rename durable where the platform allows it (best effort).
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::write_file_atomic;

    #[test]
    fn replaces_and_keeps_on_failure() {
        let dir = std::env::temp_dir().join(format!("paiban-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.pdf");
        write_file_atomic(&f, b"one").unwrap();
        write_file_atomic(&f, b"two").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        // A folder that does not exist: fails, nothing appears, the good file stays.
        assert!(write_file_atomic(&dir.join("missing/b.pdf"), b"x").is_err());
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 1, "temporary files left: {left:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn several_files_are_written_all_or_none() {
        use super::write_files_atomic;
        let dir = std::env::temp_dir().join(format!("paiban-atomic-all-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
        write_files_atomic(&[(a.clone(), b"a1"), (b.clone(), b"b1")]).unwrap();
        // The second file cannot be written: the first is not replaced either.
        let bad = dir.join("missing/c.pdf");
        let err = write_files_atomic(&[(a.clone(), b"a2"), (bad.clone(), b"c")]).unwrap_err();
        assert_eq!(err.0, bad);
        assert_eq!(std::fs::read(&a).unwrap(), b"a1");
        let mut left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a.pdf", "b.pdf"], "temporary files left");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn staged_files_appear_on_commit_and_vanish_when_dropped() {
        use super::{commit_files, stage_file};
        let dir = std::env::temp_dir().join(format!("paiban-atomic-stage-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
        std::fs::write(&a, b"old").unwrap();
        let names = || {
            let mut n: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            n.sort();
            n
        };
        // Dropped uncommitted: the temporary file goes, the old file stays.
        let s = stage_file(&a, b"new").unwrap();
        assert_eq!(names().len(), 2, "the temporary file is there while staged");
        drop(s);
        assert_eq!(names(), ["a.pdf"]);
        assert_eq!(std::fs::read(&a).unwrap(), b"old");
        // Committed: both files in place, no temporary file left.
        let staged = vec![
            stage_file(&a, b"a2").unwrap(),
            stage_file(&b, b"b2").unwrap(),
        ];
        commit_files(staged).unwrap();
        assert_eq!(names(), ["a.pdf", "b.pdf"]);
        assert_eq!(std::fs::read(&a).unwrap(), b"a2");
        assert_eq!(std::fs::read(&b).unwrap(), b"b2");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
