//! `paiban build` / `paiban check`: exit codes, diagnostics on stderr, report and
//! manifest, on copies of the sample issue.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    reason = "test helpers fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

mod support;
use support::{copy_dir, edit, stderr};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE: &str = "samples/zhangzhou-2022-10";

/// A copy of the sample issue with the layouts beside it, laid out as in the repo
/// (`T/samples/zhangzhou-2022-10`, `T/layouts`, `T/fonts` → the repo's fonts, `T/icc`).
fn sample_copy(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let t = std::env::temp_dir().join(format!("paiban-cli-{}-{name}-{n}", std::process::id()));
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
        .args(args)
        .output()
        .unwrap()
}

/// 1-based line of the first line of `path` that starts with `prefix`.
fn line_of(path: &Path, prefix: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.starts_with(prefix)).unwrap() + 1
}

const ISSUE: &str = "samples/zhangzhou-2022-10/issue.toml";

mod invalid_input {
    use super::*;

    #[test]
    fn a_syntax_error_in_issue_toml_exits_2_at_its_line_and_column() {
        let t = sample_copy("syntax");
        let issue = t.join(ISSUE);
        let line = line_of(&issue, "layout = ");
        edit(
            &issue,
            "layout = \"../../layouts/tabloid.toml\"",
            "layout = ../../layouts/tabloid.toml",
        );
        let o = paiban(&t, &["check", ISSUE]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("issue.toml:{line}:10")), "{err}");
        assert!(err.contains("error[E0101]: failed to parse TOML"), "{err}");
        assert!(
            err.contains(&format!("{line} | layout = ../../layouts/tabloid.toml")),
            "{err}"
        );
    }

    #[test]
    fn build_with_invalid_input_writes_nothing() {
        let t = sample_copy("nothing");
        let page = t.join(SAMPLE).join("pages/a01.toml");
        let line = line_of(&page, "cols = ");
        edit(&page, "\ncols = ", "\ncolls = ");
        let o = paiban(&t, &["build", ISSUE, "-o", "out"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("a01.toml:{line}:1")) && err.contains("did you mean `cols`?"),
            "{err}"
        );
        assert!(!t.join("out").exists(), "invalid input must write nothing");
    }

    #[test]
    fn a_missing_article_and_a_value_without_unit_are_both_reported() {
        let t = sample_copy("two");
        std::fs::remove_file(t.join(SAMPLE).join("articles/fengshu.md")).unwrap();
        let layout = t.join("layouts/tabloid.toml");
        edit(&layout, "line_pitch = \"13.5pt\"", "line_pitch = 13.5");
        let o = paiban(&t, &["check", ISSUE]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains("error[E0104]: value `13.5` for `grid.line_pitch` has no unit"),
            "{err}"
        );
        let line = line_of(&layout, "line_pitch");
        assert!(err.contains(&format!("tabloid.toml:{line}:14")), "{err}");
        assert!(err.contains("units that fit: `mm`"), "{err}");
    }

    #[test]
    fn usage_errors_and_missing_files_exit_2() {
        let t = std::env::temp_dir();
        assert_eq!(paiban(&t, &["build"]).status.code(), Some(2));
        assert_eq!(
            paiban(&t, &["check", "x.toml", "--no-such-flag"])
                .status
                .code(),
            Some(2)
        );
        let o = paiban(&t, &["check", "/nonexistent/issue.toml"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o)
                .contains("error[E0107]: cannot read `/nonexistent/issue.toml`: no such file"),
            "{}",
            stderr(&o)
        );
    }
}

mod build {
    use super::*;

    #[test]
    fn unwritable_output_exits_1() {
        let t = sample_copy("unwritable");
        std::fs::write(t.join("blocker"), "a file, not a folder").unwrap();
        let o = paiban(&t, &["build", ISSUE, "-o", "blocker/out"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("error[E0410]: cannot write `blocker/out`"),
            "{err}"
        );
    }
}

mod outputs {
    use super::*;
    use serde_json::Value;

    fn json(path: &Path) -> Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn keys(v: &Value) -> Vec<&str> {
        let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    #[test]
    fn build_writes_pages_proof_manifest_and_report() {
        let t = sample_copy("build");
        let o = paiban(&t, &["build", ISSUE, "-o", "out"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        let out = t.join("out");
        let manifest = json(&out.join("manifest.json"));
        let files = manifest["files"].as_array().unwrap();
        let names: Vec<&str> = files.iter().map(|f| f["file"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "mnrb-2022-10-31-A01.pdf",
                "mnrb-2022-10-31-A02.pdf",
                "mnrb-2022-10-31-proof.pdf"
            ]
        );
        for f in files {
            let bytes = std::fs::read(out.join(f["file"].as_str().unwrap())).unwrap();
            assert!(bytes.starts_with(b"%PDF-"));
            assert_eq!(f["bytes"].as_u64(), Some(bytes.len() as u64));
            use sha2::Digest;
            let hex: String = sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(f["sha256"].as_str(), Some(hex.as_str()));
            assert_eq!(f["trim_mm"], serde_json::json!([272.0, 390.0]));
        }
        assert_eq!(files[2]["pages"], serde_json::json!(["A01", "A02"]));
        let report = json(&out.join("report.json"));
        assert_eq!(
            keys(&report),
            ["articles", "copyfit", "diagnostics", "issue", "pages"]
        );
        assert_eq!(report["issue"], "闽南日报 2022-10-31");
        assert_eq!(
            report["pages"][1],
            serde_json::json!({"name": "A02", "file": "mnrb-2022-10-31-A02.pdf"})
        );
        let articles = report["articles"].as_array().unwrap();
        assert_eq!(articles.len(), 7);
        for a in articles {
            assert_eq!(
                keys(a),
                [
                    "id",
                    "overset_chars",
                    "overset_lines",
                    "page",
                    "underset_lines"
                ]
            );
            assert_eq!(a["overset_lines"], 0, "{a}");
        }
        let no_temp = std::fs::read_dir(&out)
            .unwrap()
            .all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
        assert!(no_temp, "temporary files left behind");
        // Deterministic: a second build gives the same bytes (no clock, no hash order).
        let again = paiban(&t, &["build", ISSUE, "-o", "again"]);
        assert_eq!(again.status.code(), Some(0));
        let m2 = json(&t.join("again/manifest.json"));
        assert_eq!(manifest, m2, "two builds differ");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("ok: 0 errors"),
            "{err}"
        );
    }

    #[test]
    fn an_overset_article_warns_and_fails_only_under_strict() {
        let t = sample_copy("overset");
        let art = t.join(SAMPLE).join("articles/disijidu.md");
        let text = std::fs::read_to_string(&art).unwrap();
        let body = text.rsplit("+++").next().unwrap().to_owned();
        std::fs::write(&art, format!("{text}\n{body}")).unwrap();
        let o = paiban(&t, &["check", ISSUE, "--report", "r.json"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(
            err.contains("warning[W0201]: article `disijidu` is overset"),
            "{err}"
        );
        let report = json(&t.join("r.json"));
        let a = report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "disijidu")
            .unwrap()
            .clone();
        assert!(a["overset_lines"].as_u64().unwrap() > 0, "{a}");
        let d = &report["diagnostics"][0];
        assert_eq!(
            (d["severity"].as_str(), d["code"].as_str()),
            (Some("warning"), Some("W0201"))
        );
        assert!(
            d["file"].as_str().unwrap().ends_with("a02.toml") && d["line"].as_u64().is_some(),
            "{d}"
        );
        assert!(!t.join("out").exists(), "check writes no PDFs");
        let o = paiban(&t, &["check", ISSUE, "--strict"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("failed (warnings under --strict)"),
            "{}",
            stderr(&o)
        );
    }
}

/// Issue 6: the generated benchmark issues build cleanly, and the bytes do not depend on
/// how many threads lay out and render the pages.
mod bench {
    use paiban::build::{run, BuildOptions, Status};
    use std::path::Path;

    fn check(issue: &str, threads: usize) -> paiban::build::Outcome {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(issue);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| run(&path, &BuildOptions::default()))
    }

    #[test]
    fn bench_1_builds_without_overset_or_warnings() {
        let o = check("samples/bench-1/issue.toml", 2);
        assert_eq!(o.status, Status::Ok, "{:?}", o.diagnostics);
        assert_eq!(o.counts(), (0, 0), "{:?}", o.diagnostics);
        let report = o.report.expect("a report");
        assert_eq!(report.pages.len(), 1);
        assert!(report.articles.len() >= 5);
        assert!(report.articles.iter().all(|a| a.overset_lines == 0));
        // page PDF + proof
        assert_eq!(o.files.len(), 2);
    }

    #[test]
    fn output_bytes_do_not_depend_on_the_thread_count() {
        let one = check("samples/bench-4/issue.toml", 1);
        let three = check("samples/bench-4/issue.toml", 3);
        assert_eq!(one.files.len(), 5);
        assert_eq!(one.files.len(), three.files.len());
        for (a, b) in one.files.iter().zip(&three.files) {
            assert_eq!(a.name, b.name);
            assert!(
                a.bytes == b.bytes,
                "{} differs between 1 and 3 threads",
                a.name
            );
        }
        assert_eq!(one.diagnostics, three.diagnostics);
    }
}
