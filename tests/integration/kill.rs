//! The kill test: a 200-case build killed (SIGKILL) at 12 points spread over its run.
//! Each time, `build --check` must not accept the torn output as fresh (unless the killed
//! build had in fact finished), the next `build` must repair it completely (no temp file
//! left, every file as a clean build writes it), and `build --check` then agrees.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::attacks::tree;
use super::root;

const CASES: usize = 200;

fn casefile(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("casefile runs")
}

/// Every case's memorandum gets `title`.
fn set_version(dir: &Path, title: &str) {
    for i in 0..CASES {
        let yaml = dir.join(format!("cases/case-{i:03}/case.yaml"));
        let text = fs::read_to_string(&yaml).expect("yaml");
        let start = text.find("  title: Fixture Memorandum").expect("title");
        let end = start + text[start..].find('\n').expect("eol");
        let mut new = text.clone();
        new.replace_range(start..end, &format!("  title: {title}"));
        fs::write(&yaml, new).expect("write");
    }
}

/// The output's files, without the manifest (a cache whose contents legitimately differ).
fn output_files(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut t = tree(out);
    t.retain(|k, _| !k.starts_with(".casefile-manifest"));
    t
}

fn temp_files(out: &Path) -> Vec<String> {
    tree(out)
        .into_keys()
        .filter(|k| {
            k.rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with(".casefile-") && n.ends_with(".tmp"))
        })
        .collect()
}

#[test]
fn a_killed_build_is_repaired_and_never_passes_for_fresh() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    for i in 0..CASES {
        super::copy_dir(
            &root().join("tests/fixtures/valid/cases/mini"),
            &dir.join(format!("cases/case-{i:03}")),
        );
    }
    // The clean outputs of the two versions the builds alternate between.
    let versions = ["Fixture Memorandum A", "Fixture Memorandum B"];
    let mut clean = Vec::new();
    let mut full = Duration::ZERO;
    for v in versions {
        set_version(dir, v);
        let _ = fs::remove_dir_all(dir.join("output"));
        let t = Instant::now();
        let r = casefile(dir, &["build", "-q", "--jobs", "2"]);
        full = full.max(t.elapsed());
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        clean.push(output_files(&dir.join("output")));
    }
    // Output now holds version B. Kill builds of A, B, A, ... at points spread over a
    // build's run (deterministic, from a small generator).
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut fresh_after_kill = 0;
    for k in 0..12 {
        let v = k % 2;
        set_version(dir, versions[v]);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let fraction = (seed % 1000) as f64 / 1000.0;
        let delay = full.mul_f64(fraction * 1.2);
        let mut child = Command::new(env!("CARGO_BIN_EXE_casefile"))
            .current_dir(dir)
            .args(["build", "-q", "--jobs", "2"])
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let out = dir.join("output");
        let check = casefile(dir, &["build", "--check", "-q"]);
        if check.status.success() {
            // Accepted as fresh: then it must truly be what a clean build writes.
            fresh_after_kill += 1;
            assert!(
                temp_files(&out).is_empty(),
                "kill {k}: temp files passed for fresh"
            );
            assert!(
                output_files(&out) == clean[v],
                "kill {k} ({delay:?}): `build --check` accepted an output that differs from a clean build"
            );
        }
        let r = casefile(dir, &["build", "-q", "--jobs", "2"]);
        assert!(
            r.status.success(),
            "kill {k}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        assert!(
            temp_files(&out).is_empty(),
            "kill {k}: the build left temp files"
        );
        assert!(
            output_files(&out) == clean[v],
            "kill {k} ({delay:?}): the next build did not repair the output"
        );
        let check = casefile(dir, &["build", "--check", "-q"]);
        assert!(
            check.status.success(),
            "kill {k}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    // Most kills land mid-build: the test must have exercised torn outputs.
    assert!(
        fresh_after_kill < 12,
        "every build finished before it was killed"
    );
}
