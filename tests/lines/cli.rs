//! `paiban lines` through the real binary: output formats, units, paragraph splitting,
//! exit codes (issue 2, "Interface").

use super::checker::CheckLine;
use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the binary with `args`.
pub fn paiban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paiban"))
        .args(args)
        .output()
        .expect("run paiban")
}

/// A fresh folder under the target directory for this test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("lines-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// The lines of one `--json` paragraph.
pub fn json_lines(p: &serde_json::Value) -> Vec<CheckLine> {
    p["lines"]
        .as_array()
        .map(|ls| {
            ls.iter()
                .map(|l| CheckLine {
                    text: l["text"].as_str().unwrap_or_default().to_owned(),
                    width_pt: l["width_pt"].as_f64().unwrap_or(f64::NAN) as f32,
                    is_final: l["final"].as_bool().unwrap_or(false),
                    forced: l["forced"].as_bool().unwrap_or(false),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn write(name: &str, bytes: &[u8]) -> String {
    let path = temp_dir(name).join("in.txt");
    std::fs::write(&path, bytes).expect("write input");
    path.to_string_lossy().into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn cli_paragraphs_and_plain_output() {
    // CRLF, trailing spaces, a U+3000 at a source line's start (kept), two paragraphs.
    let file = write(
        "plain",
        "本报讯　市政府昨日宣布，  \r\n今年新建学校十所。\r\n\r\n\u{3000}全市学生将就近入学。\n"
            .as_bytes(),
    );
    let out = paiban(&["lines", "--measure", "40", &file]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout(&out),
        "本报讯　市政府昨日宣布，今年新建学校十所。\n\n\u{3000}全市学生将就近入学。\n"
    );
}

#[test]
fn cli_json_shape_and_units() {
    let file = write(
        "json",
        "经过三个月紧张施工，这座大桥终于建成通车了。\n".as_bytes(),
    );
    for (arg, want) in [
        ("13", 117.0),
        ("117pt", 117.0),
        ("41.275mm", 117.0),
        ("10", 90.0),
    ] {
        let out = paiban(&["lines", "--json", "--measure", arg, &file]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{arg}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let m = v["measure_pt"].as_f64().unwrap_or_default();
        assert!(
            (m - want).abs() < 0.01,
            "--measure {arg}: measure_pt {m}, want {want}"
        );
        let lines = v["paragraphs"][0]["lines"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!lines.is_empty());
        for l in &lines {
            for key in ["text", "width_pt", "natural_pt", "final"] {
                assert!(!l[key].is_null(), "line without `{key}`: {l}");
            }
        }
        let joined: String = lines.iter().filter_map(|l| l["text"].as_str()).collect();
        assert_eq!(joined, "经过三个月紧张施工，这座大桥终于建成通车了。");
        assert_eq!(lines.last().and_then(|l| l["final"].as_bool()), Some(true));
    }
    // Default: 13 字 of 9 pt; --size scales the measure in 字.
    let out = paiban(&["lines", "--json", "--size", "10", &file]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        (v["measure_pt"].as_f64().unwrap_or_default() - 130.0).abs() < 0.01,
        "{v}"
    );
}

#[test]
fn cli_options_are_accepted() {
    let file = write("opts", "他激动地说：“太好了。”随即转身离去。\n".as_bytes());
    for args in [
        &["--punct", "kaiming"][..],
        &["--punct", "banjiao"],
        &["--punct", "plain"],
        &["--kinsoku", "none"],
        &["--kinsoku", "gb"],
        &["--kinsoku", "strict"],
        &["--method", "greedy"],
        &["--indent", "0"],
        &["--hanging"],
    ] {
        let mut all = vec!["lines", "--measure", "10"];
        all.extend_from_slice(args);
        all.push(&file);
        let out = paiban(&all);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text: String = stdout(&out).lines().collect();
        assert_eq!(text, "他激动地说：“太好了。”随即转身离去。", "{args:?}");
    }
}

#[test]
fn cli_exit_codes() {
    let good = write("codes", "好。\n".as_bytes());
    let cases: [(&[&str], &str); 6] = [
        (&["lines", "--measure", "abc", &good], "abc"),
        (&["lines", "--measure", "-3", &good], "-3"),
        (&["lines", "--punct", "fancy", &good], "fancy"),
        (&["lines", "--kinsoku", "loose", &good], "loose"),
        (
            &["lines", "/nonexistent/dir/text.txt"],
            "/nonexistent/dir/text.txt",
        ),
        (
            &["lines", "--font", "/nonexistent/font.otf", &good],
            "/nonexistent/font.otf",
        ),
    ];
    for (args, named) in cases {
        let out = paiban(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(named),
            "{args:?}: message should name `{named}`: {err}"
        );
    }
    let bad = write("utf8", b"\xe4\xb8\xad\xff\xfe\n");
    let out = paiban(&["lines", &bad]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&bad) && err.contains("UTF-8"), "{err}");
}

#[test]
fn cli_forced_line_exits_1() {
    // A Latin word wider than a 3-字 column cannot be broken legally.
    let file = write(
        "forced",
        "测试Supercalifragilisticexpialidocious。\n".as_bytes(),
    );
    let out = paiban(&["lines", "--json", "--measure", "3", &file]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("forced"),
        "stderr should say a line was forced: {err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let lines = json_lines(&v["paragraphs"][0]);
    assert!(lines.iter().any(|l| l.forced), "no line marked forced: {v}");
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined, "测试Supercalifragilisticexpialidocious。");
}
