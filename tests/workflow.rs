//! The newsroom workflow (issue 5): `preview` (PNG per page, contact sheet, overset
//! marked), `watch` (only the affected pages rewritten), the progress bar (silent in
//! pipes) and `build --report`, on copies of the sample issue.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

mod support;
use support::{copy_dir, stderr};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE: &str = "samples/zhangzhou-2022-10";
const ISSUE: &str = "samples/zhangzhou-2022-10/issue.toml";

/// A copy of the sample issue laid out as in the repository.
fn sample_copy(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let t = std::env::temp_dir().join(format!("paiban-wf-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&t);
    copy_dir(&Path::new(ROOT).join(SAMPLE), &t.join(SAMPLE));
    copy_dir(&Path::new(ROOT).join("layouts"), &t.join("layouts"));
    for shared in ["fonts", "icc"] {
        let src = Path::new(ROOT).join(shared);
        if src.exists() {
            std::os::unix::fs::symlink(src, t.join(shared)).unwrap();
        }
    }
    t
}

fn paiban(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paiban"))
        .current_dir(dir)
        .env_remove("CI")
        .args(args)
        .output()
        .unwrap()
}

/// Appends the article's body to itself: twice as long.
fn double(t: &Path, article: &str) {
    let art = t.join(SAMPLE).join("articles").join(article);
    let text = std::fs::read_to_string(&art).unwrap();
    let body = text.rsplit("+++").next().unwrap().to_owned();
    std::fs::write(&art, format!("{text}\n{body}")).unwrap();
}

fn json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

mod preview {
    use super::*;
    use paiban::config::load_issue;
    use paiban::layout::layout_issue;
    use paiban::text::FontBook;

    /// The block of `article` on page `page` (index), in pt.
    fn block_rect(t: &Path, page: usize, article: &str) -> paiban::layout::Rect {
        let mut fonts = FontBook::new();
        let mut diags = vec![];
        let issue = load_issue(&t.join(ISSUE), &mut fonts, &mut diags).expect("issue loads");
        let laid = layout_issue(&issue.spec, &fonts);
        laid.blocks
            .iter()
            .find(|b| b.page == page && b.article == article)
            .expect("block")
            .rect
    }

    /// Strongly red pixels inside `r` (pt) of a PNG rendered at `dpi`.
    fn red_pixels(png: &Path, r: paiban::layout::Rect, dpi: f32) -> usize {
        let img = image::open(png).unwrap().to_rgb8();
        let s = dpi / 72.0;
        let (x0, y0) = ((r.x * s) as u32, (r.y * s) as u32);
        let (x1, y1) = (((r.x + r.w) * s) as u32, ((r.y + r.h) * s) as u32);
        let mut n = 0;
        for y in y0..y1.min(img.height()) {
            for x in x0..x1.min(img.width()) {
                let p = img.get_pixel(x, y).0;
                if p[0] > 150 && p[1] < 110 && p[2] < 110 {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn writes_a_png_per_page_and_a_contact_sheet_with_overset_marked() {
        let t = sample_copy("preview");
        let plain = paiban(&t, &["preview", ISSUE, "-o", "plain", "--dpi", "36"]);
        assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
        double(&t, "disijidu.md");
        let o = paiban(&t, &["preview", ISSUE, "-o", "pv", "--dpi", "36"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(err.contains("overset marked on A02"), "{err}");
        for page in ["A01", "A02"] {
            let img = image::open(t.join("pv").join(format!("{page}.png"))).unwrap();
            // 272 × 390 mm at 36 dpi.
            assert_eq!((img.width(), img.height()), (385, 552), "{page}");
        }
        let sheet = image::open(t.join("pv/contact.png")).unwrap();
        assert!(sheet.width() > 2 * 300 && sheet.height() > 300);
        let r = block_rect(&t, 1, "disijidu");
        let marked = red_pixels(&t.join("pv/A02.png"), r, 36.0);
        let unmarked = red_pixels(&t.join("plain/A02.png"), r, 36.0);
        assert!(
            marked > 200 && unmarked < 10,
            "red pixels {marked} vs {unmarked}"
        );
        // Never in the print PDFs: a build of the doubled issue has no red anywhere
        // on page A02's text (the PDF's content uses no magenta+yellow fill).
        let b = paiban(&t, &["build", ISSUE, "-o", "out"]);
        assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
        let pdf = std::fs::read(t.join("out/mnrb-2022-10-31-A02.pdf")).unwrap();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let page = *doc.get_pages().values().next().unwrap();
        let content = String::from_utf8_lossy(&doc.get_page_content(page).unwrap()).into_owned();
        assert!(!content.contains("0 1 1 0 k") && !content.contains("0 1 1 0 K"));
    }
}

#[test]
fn a_page_no_renderer_can_read_is_e0420() {
    let e = paiban::build::preview::rasterize(b"%PDF-1.7 not really", 1.0).unwrap_err();
    assert_eq!(e.code, "E0420");
    assert!(e.message.starts_with("cannot render the preview"), "{e}");
}

mod watch {
    use super::*;

    fn mtime_and_bytes(p: &Path) -> (std::time::SystemTime, Vec<u8>) {
        (
            std::fs::metadata(p).unwrap().modified().unwrap(),
            std::fs::read(p).unwrap(),
        )
    }

    /// The PDFs `watch` left in `out/` are the bytes `build` writes into `dir`.
    pub(super) fn same_as_a_clean_build(t: &Path, dir: &str) {
        let clean = paiban(t, &["build", ISSUE, "-o", dir]);
        assert!(clean.status.success(), "{}", stderr(&clean));
        for f in ["A01.pdf", "A02.pdf", "proof.pdf"] {
            let name = format!("mnrb-2022-10-31-{f}");
            let (w, c) = (t.join("out").join(&name), t.join(dir).join(&name));
            let same = std::fs::read(w).unwrap() == std::fs::read(c).unwrap();
            assert!(same, "{name}: watch and a clean build differ");
        }
    }

    #[test]
    fn rebuilds_only_the_page_an_article_is_on_and_survives_a_bad_edit() {
        let t = sample_copy("watch");
        let mut child = Command::new(env!("CARGO_BIN_EXE_paiban"))
            .current_dir(&t)
            .env_remove("CI")
            .args(["watch", ISSUE, "-o", "out", "--max-builds", "5"])
            .args(["--poll-ms", "50"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut log = String::new();
        let mut wait_for = |what: &str, log: &mut String| loop {
            let line = lines.next().expect("watch ended early").unwrap();
            log.push_str(&line);
            log.push('\n');
            if line.contains(what) {
                return line;
            }
        };
        let first = wait_for("rebuilt", &mut log);
        assert!(first.contains("A01, A02 (all pages)"), "{log}");
        wait_for("watching", &mut log);
        let (a01, a02) = (
            t.join("out/mnrb-2022-10-31-A01.pdf"),
            t.join("out/mnrb-2022-10-31-A02.pdf"),
        );
        let before = (mtime_and_bytes(&a01), mtime_and_bytes(&a02));
        // A bad edit: the page file of A01 no longer parses. Old PDFs stay.
        let page = t.join(SAMPLE).join("pages/a01.toml");
        let good = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, good.replace("number = 1", "number = = 1")).unwrap();
        let bad = wait_for("invalid input", &mut log);
        assert!(log.contains("error[E0101]"), "{log}\n{bad}");
        wait_for("watching", &mut log);
        assert_eq!(mtime_and_bytes(&a01), before.0);
        assert_eq!(mtime_and_bytes(&a02), before.1);
        // Fix the page file: its page is rebuilt.
        std::fs::write(&page, &good).unwrap();
        let fixed = wait_for("rebuilt", &mut log);
        assert!(fixed.contains("rebuilt A01,"), "{log}");
        wait_for("watching", &mut log);
        let before = (mtime_and_bytes(&a01), mtime_and_bytes(&a02));
        // Change an article of page A02 only (disijidu), with characters the issue
        // already uses (the issue-wide subsets stay): only A02 is rewritten.
        let art = t.join(SAMPLE).join("articles/disijidu.md");
        let text = std::fs::read_to_string(&art).unwrap();
        std::fs::write(&art, text.replacen("。", "，", 1)).unwrap();
        let second = wait_for("rebuilt", &mut log);
        assert!(second.contains("rebuilt A02,"), "{log}");
        wait_for("watching", &mut log);
        assert_eq!(mtime_and_bytes(&a01), before.0, "A01 untouched");
        assert_ne!(mtime_and_bytes(&a02).1, before.1 .1, "A02 rewritten");
        same_as_a_clean_build(&t, "clean-1");
        // A character the issue never used: every file embeds the issue's subsets, so
        // every page is rebuilt, to the bytes a clean build gives.
        std::fs::write(&art, text.replacen("。", "！", 1)).unwrap();
        let third = wait_for("rebuilt", &mut log);
        assert!(third.contains("rebuilt A01, A02 (all pages)"), "{log}");
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("watch did not stop after --max-builds: {log}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(status.code(), Some(0), "{log}");
        same_as_a_clean_build(&t, "clean-2");
        assert_ne!(
            mtime_and_bytes(&a01).1,
            before.0 .1,
            "A01 rewritten for the new glyph"
        );
        let report = json(&t.join("out/report.json"));
        assert_eq!(report["pages"].as_array().unwrap().len(), 2);
        let manifest = json(&t.join("out/manifest.json"));
        assert_eq!(manifest["files"].as_array().unwrap().len(), 3, "{manifest}");
    }
}

/// The watcher's layout cache: an article edit reuses every other paragraph, a change
/// of the issue file (fonts reloaded) starts from an empty cache; the output stays a
/// clean build's.
mod watch_cache {
    use super::watch::same_as_a_clean_build;
    use super::*;
    use paiban::build::watch::{WatchOptions, Watcher};
    use paiban::build::Status;

    #[test]
    fn an_article_edit_reuses_the_other_paragraphs_and_fonts_reloads_clear_them() {
        let t = sample_copy("watch-cache");
        let opts = WatchOptions {
            output: t.join("out"),
            ..WatchOptions::default()
        };
        let mut w = Watcher::new(&t.join(ISSUE), opts);
        assert_eq!(w.build().status, Status::Ok);
        let cache = w.layout_cache();
        let (shaped, held) = (cache.misses(), cache.len());
        assert!(shaped > 10 && held > 0, "{cache:?}");
        assert_eq!(cache.hits(), 0, "{cache:?}");
        // One paragraph of one article changes (longer: the size differs).
        let art = t.join(SAMPLE).join("articles/disijidu.md");
        let text = std::fs::read_to_string(&art).unwrap();
        std::fs::write(&art, text.replacen("。", "，，", 1)).unwrap();
        let r = w.build();
        assert_eq!(r.status, Status::Ok, "{:?}", r.diagnostics);
        assert!(!r.all && r.pages == ["A02"], "{:?}", r.pages);
        let cache = w.layout_cache();
        assert_eq!(
            cache.misses(),
            shaped + 1,
            "only the edited paragraph: {cache:?}"
        );
        assert_eq!(cache.hits(), shaped - 1, "{cache:?}");
        same_as_a_clean_build(&t, "clean-cache-1");
        // The issue file changes: fonts are loaded again, the cache starts empty.
        let issue = t.join(ISSUE);
        let toml = std::fs::read_to_string(&issue).unwrap();
        std::fs::write(&issue, format!("{toml}\n")).unwrap();
        let hits = w.layout_cache().hits();
        let r = w.build();
        assert_eq!(r.status, Status::Ok, "{:?}", r.diagnostics);
        assert!(r.all);
        let cache = w.layout_cache();
        assert_eq!(
            cache.hits(),
            hits,
            "nothing taken after a font reload: {cache:?}"
        );
        assert_eq!(cache.len(), held, "{cache:?}");
        same_as_a_clean_build(&t, "clean-cache-2");
    }
}

mod progress_and_report {
    use super::*;

    #[test]
    fn progress_is_silent_in_a_pipe() {
        let t = sample_copy("pipe");
        let o = paiban(&t, &["build", ISSUE, "-o", "out"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(!err.contains("rendering") && !err.contains('\r'), "{err}");
        assert!(!err.contains("\u{1b}["), "no terminal escapes: {err:?}");
    }

    #[test]
    fn progress_bar_shows_on_a_terminal_unless_ci() {
        // `script` gives the command a terminal; skip where it is missing.
        if Command::new("script").arg("--version").output().is_err() {
            eprintln!("no `script`: skipped");
            return;
        }
        let t = sample_copy("tty");
        let run = |ci: bool| {
            let cmd = format!(
                "{} build {ISSUE} -o out >/dev/null",
                env!("CARGO_BIN_EXE_paiban")
            );
            let mut c = Command::new("script");
            c.current_dir(&t).args(["-qec", &cmd, "/dev/null"]);
            c.env("TERM", "xterm");
            if ci {
                c.env("CI", "true");
            } else {
                c.env_remove("CI");
            }
            String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
        };
        let tty = run(false);
        assert!(tty.contains("rendering"), "{tty:?}");
        assert!(!run(true).contains("rendering"));
    }

    #[test]
    fn build_report_writes_the_report_where_asked_too() {
        let t = sample_copy("report");
        double(&t, "disijidu.md");
        let o = paiban(&t, &["build", ISSUE, "-o", "out", "--report", "r.json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let asked = json(&t.join("r.json"));
        assert_eq!(asked, json(&t.join("out/report.json")));
        let a = asked["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "disijidu")
            .unwrap()
            .clone();
        assert!(a["overset_lines"].as_u64().unwrap() > 0, "{a}");
        assert!(asked["copyfit"].as_array().unwrap().is_empty());
        let notes = asked["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "note")
            .count();
        assert!(notes > 0, "notes are listed with severity `note`");
    }

    #[test]
    fn copyfit_changes_are_logged_in_the_report() {
        let t = sample_copy("copyfit");
        let page = t.join(SAMPLE).join("pages/a01.toml");
        let text = std::fs::read_to_string(&page).unwrap();
        // ditie (photo in its block) with copyfit on, and a few lines more text.
        let text = text.replacen(
            "file = \"../articles/ditie.md\"\ncols = [4, 6]\nlines = [34, 52]",
            "file = \"../articles/ditie.md\"\ncols = [4, 6]\nlines = [34, 52]\ncopyfit = true",
            1,
        );
        assert!(text.contains("copyfit = true"));
        std::fs::write(&page, text).unwrap();
        let art = t.join(SAMPLE).join("articles/ditie.md");
        let a = std::fs::read_to_string(&art).unwrap();
        std::fs::write(
            &art,
            format!("{a}\n据介绍，该项目建成后将进一步完善区域交通网络，方便群众出行。\n"),
        )
        .unwrap();
        let o = paiban(&t, &["check", ISSUE, "--report", "r.json"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        let r = json(&t.join("r.json"));
        let log = r["copyfit"].as_array().unwrap();
        assert_eq!(log.len(), 1, "{r}\n{err}");
        let c = &log[0];
        assert_eq!(c["article"], "ditie");
        assert_eq!(c["page"], "A01");
        assert!(c["change"].as_str().unwrap().starts_with("photo 1 "), "{c}");
        let (ob, oa) = (
            c["overset_before"].as_u64().unwrap(),
            c["overset_after"].as_u64().unwrap(),
        );
        let (ub, ua) = (
            c["underset_before"].as_u64().unwrap(),
            c["underset_after"].as_u64().unwrap(),
        );
        assert!(oa == 0 && (ob > 0 || ua < ub), "{c}");
    }
}
