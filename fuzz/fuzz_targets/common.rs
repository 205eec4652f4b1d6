//! Shared by the fuzz targets: a private copy of the sample issue (samples/, layouts/,
//! fonts and icc linked), one font book kept across runs, and diagnostic checks.
#![allow(dead_code)]

use paiban::diag::{Diagnostic, Severity};
use paiban::text::FontBook;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::create_dir_all(to);
    for e in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            copy_dir(&e.path(), &target);
        } else {
            let _ = std::fs::copy(e.path(), target);
        }
    }
}

/// `T/samples/zhangzhou-2022-10`, `T/layouts`, `T/fonts`, `T/icc`, made once per process.
pub fn tree() -> &'static Path {
    static T: OnceLock<PathBuf> = OnceLock::new();
    T.get_or_init(|| {
        let t = std::env::temp_dir().join(format!("paiban-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        let root = repo();
        copy_dir(&root.join("samples/zhangzhou-2022-10"), &t.join("samples/zhangzhou-2022-10"));
        copy_dir(&root.join("layouts"), &t.join("layouts"));
        for shared in ["fonts", "icc"] {
            let _ = std::os::unix::fs::symlink(root.join(shared), t.join(shared));
        }
        t
    })
}

/// The sample issue folder inside [`tree`].
pub fn sample() -> PathBuf {
    tree().join("samples/zhangzhou-2022-10")
}

/// One font book for the whole run (fonts are read once, then found by path).
pub fn fonts() -> std::sync::MutexGuard<'static, FontBook> {
    static B: OnceLock<Mutex<FontBook>> = OnceLock::new();
    let m = B.get_or_init(|| Mutex::new(FontBook::new()));
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Every diagnostic prints, and every error names a file.
pub fn check(diags: &[Diagnostic]) {
    for d in diags {
        let shown = d.to_string();
        assert!(shown.contains(d.code));
        if d.severity == Severity::Error {
            assert!(
                d.location.is_some() || d.file.is_some(),
                "error without a file: {shown}"
            );
        }
    }
}
