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
    let tmp = temp_path(path)?;
    let result = write_synced(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    sync_dir(path);
    Ok(())
}

/// Writes several files as one: every file goes to a synced temporary file first, and
/// only when all of them were written are they renamed into place. On a failure (a full
/// disk, an unwritable folder) every temporary file is removed, no file is replaced, and
/// the path that failed is returned with its error.
pub fn write_files_atomic(files: &[(PathBuf, &[u8])]) -> Result<(), (PathBuf, std::io::Error)> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    let cleanup = |staged: &[(PathBuf, &Path)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (path, bytes) in files {
        let tmp = match temp_path(path) {
            Ok(t) => t,
            Err(e) => {
                cleanup(&staged);
                return Err((path.clone(), e));
            }
        };
        if let Err(e) = write_synced(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            cleanup(&staged);
            return Err((path.clone(), e));
        }
        staged.push((tmp, path));
    }
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            cleanup(&staged[i..]);
            return Err((path.to_path_buf(), e));
        }
    }
    if let Some((_, path)) = staged.first() {
        sync_dir(path);
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
}
