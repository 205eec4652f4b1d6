//! The output folder: a file in its place, a full disk, failed builds (issue 7, "Output").

use super::*;

/// The sample with one article changed, so that a build would change the PDFs.
fn changed(name: &str) -> Tmp {
    let t = with_good_out(name);
    edit(
        &t.join(ART).join("ditie.md"),
        "本报讯　近日，",
        "本报讯　近日（改），",
    );
    t
}

#[test]
fn output_path_that_is_a_file_or_under_a_file() {
    let t = changed("out-file");
    std::fs::write(t.join("afile"), "x").unwrap();
    for out in ["afile", "afile/sub"] {
        let o = paiban(&t, &["build", ISSUE, "-o", out]);
        no_crash(&o);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("error[E0410]: cannot write `{out}`")),
            "{err}"
        );
        assert_eq!(
            err.matches("error[").count(),
            1,
            "one error, not one a file: {err}"
        );
    }
    assert_eq!(std::fs::read(t.join("afile")).unwrap(), b"x");
}

#[test]
fn a_failed_build_keeps_the_previous_pdfs() {
    let t = changed("keep");
    std::fs::write(t.join(ART).join("zhaoshang.md"), "").unwrap();
    fails(&t, &[], "E0110");
    // Errors found while laying out (after everything was read) write no PDF either.
    let t = changed("keep-layout");
    edit(&t.join(A01), "lines = [34, 52]", "lines = [30, 60]");
    fails(&t, &[], "E0207");
}

/// A tiny tmpfs: only root may mount one, so other users skip with a message.
fn tmpfs(dir: &Path, size: &str) -> bool {
    std::fs::create_dir_all(dir).unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!(
            "skipped: cannot mount a tmpfs at {} (not root?)",
            dir.display()
        );
    }
    ok
}

fn umount(dir: &Path) {
    let _ = Command::new("umount").arg(dir).status();
}

#[test]
fn a_full_disk_fails_and_keeps_the_previous_pdfs() {
    let t = changed("full");
    let disk = t.join("disk");
    // Room for one build (about 5 MB) but not for a second beside it.
    if !tmpfs(&disk, "7m") {
        return;
    }
    put_good(&disk);
    let o = paiban(&t, &["build", ISSUE, "-o", "disk"]);
    no_crash(&o);
    let err = stderr(&o);
    let kept = pdfs(&disk);
    umount(&disk);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("no space left on device"), "{err}");
    assert!(err.contains("no file was replaced"), "{err}");
    assert_eq!(kept, good_pdfs(), "a PDF changed on a full disk");
}

#[test]
fn a_disk_too_small_for_anything_writes_no_pdf() {
    let t = changed("tiny");
    let disk = t.join("tiny");
    if !tmpfs(&disk, "64k") {
        return;
    }
    let o = paiban(&t, &["build", ISSUE, "-o", "tiny/out"]);
    no_crash(&o);
    let names: Vec<_> = std::fs::read_dir(disk.join("out"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    umount(&disk);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("no space left on device"), "{err}");
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".pdf") && !n.ends_with(".tmp") && n != "manifest.json"),
        "{names:?}"
    );
}

#[test]
fn a_read_only_folder_fails_and_keeps_the_previous_pdfs() {
    // Root ignores permission bits, so the folder is a tmpfs remounted read-only.
    let t = changed("read-only");
    let disk = t.join("ro");
    if !tmpfs(&disk, "16m") {
        return;
    }
    put_good(&disk);
    let ro = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    let o = ro.then(|| paiban(&t, &["build", ISSUE, "-o", "ro"]));
    let kept = pdfs(&disk);
    umount(&disk);
    let Some(o) = o else {
        eprintln!("skipped: cannot remount {} read-only", disk.display());
        return;
    };
    no_crash(&o);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error[E0410]: cannot write"), "{err}");
    assert!(err.contains("read-only file system"), "{err}");
    assert_eq!(kept, good_pdfs(), "a PDF changed in a read-only folder");
}
