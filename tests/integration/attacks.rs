//! The attack harness: hostile cases, files, paths, templates and terminals, one test per
//! attack, grouped by the class of weakness each probes. Every attack runs the real binary
//! on a scratch project (the valid fixture plus the attack) and asserts:
//!
//! - the exit code (0 for valid input, 1 for errors, 2 for usage) and, for errors, the
//!   whole message, pinned (file, line, column, snippet, help);
//! - under 10 s and under 1 GiB of memory (the child's peak RSS, from `wait4`);
//! - after a failure, an output folder byte-identical to before (no new file, folder or
//!   temp file), and in every case no change to `cases/`, `templates/` or a folder
//!   outside the project;
//! - no raw control character in anything printed;
//! - for builds that succeed, no active content in any page (and `.ci/run` opens the
//!   hostile fixtures in Chromium with CSP bypassed).
//!
//! The kill test lives in `kill.rs`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::root;

/// One run of the binary, measured.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    pub max_rss_kib: i64,
}

const LIMIT: Duration = Duration::from_secs(10);
const MEMORY_KIB: i64 = 1024 * 1024;

/// Run `casefile args` in `dir` (or `sh -c script` when `shell` is given), killing it
/// after [`LIMIT`], and measure its peak memory.
pub fn run_measured(dir: &Path, args: &[&str], shell: Option<&str>) -> Run {
    let mut cmd = match shell {
        Some(script) => {
            let mut c = Command::new("sh");
            c.arg("-c").arg(script).arg("sh").args(args);
            c
        }
        None => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_casefile"));
            c.args(args);
            c
        }
    };
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("CASEFILE", env!("CARGO_BIN_EXE_casefile"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn");
    let pid = i32::try_from(child.id()).expect("pid");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value to be overwritten by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child; status and usage point to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed");
        if start.elapsed() > LIMIT {
            // SAFETY: sending a signal to our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = start.elapsed();
    // The child is reaped; std must not wait for it again.
    std::mem::forget(child);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run {
        code,
        stdout: String::from_utf8_lossy(&t_out.join().expect("stdout")).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().expect("stderr")).into_owned(),
        elapsed,
        max_rss_kib: usage.ru_maxrss,
    }
}

/// Every file and folder under `dir` with its contents (folders and links marked),
/// hidden ones included, links not followed.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let rel = p
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            let meta = fs::symlink_metadata(&p).expect("meta");
            if meta.file_type().is_symlink() {
                let target = fs::read_link(&p).expect("link");
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                stack.push(p);
            } else if meta.is_file() {
                // Sparse giants are compared by size, not read.
                if meta.len() > 64 * 1024 * 1024 {
                    out.insert(rel, format!("{} bytes", meta.len()).into_bytes());
                } else {
                    out.insert(rel, fs::read(&p).expect("read"));
                }
            } else {
                out.insert(rel, b"<special>".to_vec());
            }
        }
    }
    out
}

/// A scratch project: the valid fixture's case in `cases/mini`, the repository's
/// templates in `templates/`, an `outside/` folder beside the project, and a built
/// `output/` (so failures can be checked against it).
pub struct Project {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub outside: PathBuf,
}

impl Project {
    pub fn new() -> Project {
        let tmp = tempfile::Builder::new()
            .prefix("casefile-attack-")
            .tempdir()
            .expect("tempdir");
        let dir = tmp.path().join("project");
        let outside = tmp.path().join("outside");
        super::copy_dir(&root().join("tests/fixtures/valid"), &dir);
        fs::create_dir_all(&outside).expect("outside");
        fs::write(outside.join("secret.txt"), "SECRET-OUTSIDE-THE-PROJECT\n").expect("secret");
        Project {
            _tmp: tmp,
            dir,
            outside,
        }
    }

    pub fn case(&self) -> PathBuf {
        self.dir.join("cases/mini")
    }

    pub fn yaml(&self) -> PathBuf {
        self.case().join("case.yaml")
    }

    pub fn edit_yaml(&self, f: impl FnOnce(String) -> String) {
        let y = fs::read_to_string(self.yaml()).expect("yaml");
        fs::write(self.yaml(), f(y)).expect("write yaml");
    }

    /// Append YAML (a new top-level key, or items via a replacement).
    pub fn write(&self, rel: &str, content: &str) {
        let p = self.dir.join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, content).expect("write");
    }

    pub fn build(&self) {
        let r = run_measured(&self.dir, &["build", "-q"], None);
        assert_eq!(r.code, Some(0), "baseline build: {}", r.stderr);
    }

    /// Everything a run must leave alone (output included when `with_output`).
    fn state(&self, with_output: bool) -> Vec<(String, BTreeMap<String, Vec<u8>>)> {
        let mut v = vec![
            ("cases".to_string(), tree(&self.dir.join("cases"))),
            ("templates".to_string(), tree(&self.dir.join("templates"))),
            ("outside".to_string(), tree(&self.outside)),
        ];
        if with_output {
            v.push(("output".to_string(), tree(&self.dir.join("output"))));
        }
        v
    }

    /// Messages with this project's location replaced, so they can be pinned.
    pub fn redact(&self, s: &str) -> String {
        let real = self.dir.canonicalize().unwrap_or(self.dir.clone());
        let out_real = self.outside.canonicalize().unwrap_or(self.outside.clone());
        s.replace(&real.display().to_string(), "<project>")
            .replace(&self.dir.display().to_string(), "<project>")
            .replace(&out_real.display().to_string(), "<outside>")
            .replace(&self.outside.display().to_string(), "<outside>")
    }
}

fn assert_clean_terminal(name: &str, r: &Run) {
    for (what, s) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: a raw control character in {what}: {s:?}"
        );
    }
}

fn assert_within_budget(name: &str, r: &Run) {
    assert!(r.elapsed < LIMIT, "{name}: took {:?}", r.elapsed);
    assert!(
        r.max_rss_kib < MEMORY_KIB,
        "{name}: used {} MiB",
        r.max_rss_kib / 1024
    );
}

/// Run an attack that must fail with `code`; return its stderr, redacted, for pinning.
pub fn must_fail(p: &Project, name: &str, args: &[&str], code: i32) -> String {
    must_fail_with(p, name, args, code, None)
}

pub fn must_fail_with(
    p: &Project,
    name: &str,
    args: &[&str],
    code: i32,
    shell: Option<&str>,
) -> String {
    let before = p.state(true);
    let r = run_measured(&p.dir, args, shell);
    assert_eq!(r.code, Some(code), "{name}: {}\n{}", r.stderr, r.stdout);
    assert_within_budget(name, &r);
    assert_clean_terminal(name, &r);
    let after = p.state(true);
    for ((what, a), (_, b)) in before.iter().zip(&after) {
        if a != b {
            let added: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
            let removed: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
            let changed: Vec<_> = a
                .iter()
                .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
                .map(|(k, _)| k)
                .collect();
            panic!(
                "{name}: `{what}` changed although the run failed: added {added:?}, removed {removed:?}, changed {changed:?}"
            );
        }
    }
    p.redact(&r.stderr)
}

/// Run an attack that must succeed; check the inputs were left alone and every page is
/// inert. Returns stderr (warnings).
pub fn must_succeed(p: &Project, name: &str, args: &[&str]) -> String {
    let before = p.state(false);
    let r = run_measured(&p.dir, args, None);
    assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
    assert_within_budget(name, &r);
    assert_clean_terminal(name, &r);
    assert!(
        before == p.state(false),
        "{name}: an input or outside folder changed"
    );
    super::assert_inert_site(&p.dir.join("output"));
    p.redact(&r.stderr)
}

// ---------------------------------------------------------------------------------------
// Class 1: active content from case data. These builds succeed; the pages must be inert.
// ---------------------------------------------------------------------------------------

const SECTIONS: &str = r#"    - id: attrs
      heading: Heading attributes
      body: |
        ## Terms {#toa .evil onclick=window.__xss=1 style=color:red}

        ## Main {#main}

        Text.
    - id: fence-open
      heading: A fence left open
      body: |
        ```
        still code in this section only
    - id: fence-close
      heading: Closed in the next
      body: |
        ```
        <script>window.__xss=1</script>

        [click][r] and <img src=x onerror=window.__xss=1>
    - id: html-open
      heading: An HTML block left open
      body: |
        <div onclick="window.__xss=1">
        [r]: javascript:window.__xss=1
    - id: html-close
      heading: Closed in the next
      body: |
        </div><script>window.__xss=1</script>

        Footnote[^1] and another[^main].

        [^1]: <script>window.__xss=1</script> a body's own footnote
        [^main]: named like the page's main landmark
"#;

#[test]
fn attack_active_content_in_bodies() {
    let p = Project::new();
    p.edit_yaml(|y| y.replace("  sections:\n", &format!("  sections:\n{SECTIONS}")));
    must_succeed(&p, "active content in bodies", &["build"]);
    let html = fs::read_to_string(p.dir.join("output/mini/brief.html")).expect("brief");
    assert!(html.contains("<h2 id=\"u-attrs-toa\">Terms</h2>"), "{html}");
    assert!(
        html.contains("still code in this section only"),
        "the fence stays in its section"
    );
    assert!(
        html.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"),
        "script is text"
    );
}

#[test]
fn attack_parentheticals_in_footnote_mode() {
    let p = Project::new();
    p.edit_yaml(|y| {
        y.replace("  filed_by: fp\n", "  filed_by: fp\n  citations: footnotes\n")
            .replace(
                "[see @axiom, 1381; @camp, 143]",
                "[see @axiom, 1381 (<script>window.__xss=1</script> *held*); @camp, 143 (<img src=x onerror=window.__xss=1>)]",
            )
    });
    must_succeed(&p, "parentheticals in footnote mode", &["build"]);
    let md = fs::read_to_string(p.dir.join("output/mini/brief.md")).expect("brief");
    assert!(
        md.contains("(\\<script>window.\\_\\_xss=1\\</script>"),
        "{md}"
    );
}

#[test]
fn attack_markdown_in_plain_text_fields() {
    let p = Project::new();
    p.edit_yaml(|y| {
        y.replace(
            "title: Order issued,",
            "title: \"*Order* [issued](javascript:window.__xss=1) <b onclick=window.__xss=1>x</b> ]]> &amp;\",",
        )
    });
    must_succeed(&p, "markdown in plain text", &["build"]);
    let html = fs::read_to_string(p.dir.join("output/mini/chronology.html")).expect("chrono");
    let svg = html
        .split("<svg")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("svg");
    assert!(
        svg.contains("*Order* [issued](javascript:window.__xss=1) &lt;b onclick=window.__xss=1&gt;x&lt;/b&gt; ]]&gt;"),
        "the SVG label is the title as text: {svg}"
    );
}

// ---------------------------------------------------------------------------------------
// Class 2: work that grows faster than the input. Each must finish well within budget.
// ---------------------------------------------------------------------------------------

#[test]
fn attack_many_omissions_against_a_long_source() {
    let p = Project::new();
    let sentence = "The court held that the agency acted within its discretion. ";
    p.write(
        "cases/mini/sources/long.txt",
        &format!("[[page 1]]\n{}", sentence.repeat(60_000)),
    );
    let runs = vec!["the court held that"; 40].join(" . . . ");
    p.edit_yaml(|y| {
        y.replace(
            "sources:\n",
            "sources:\n  - { id: long, kind: other, title: Long, text: { file: sources/long.txt, scope: full } }\n",
        )
        .replace(
            "excerpts:\n",
            &format!("excerpts:\n  - {{ id: q-long, source: long, quote: \"{runs} . . . words that are absent\" }}\n"),
        )
    });
    let e = must_fail(&p, "omissions", &["build"], 1);
    assert!(
        e.contains("excerpt `q-long` does not match its source `long`"),
        "{e}"
    );
}

#[test]
fn attack_thousands_of_errors_in_one_file() {
    let p = Project::new();
    let mut excerpts = String::from("excerpts:\n");
    for i in 0..5000 {
        excerpts.push_str(&format!(
            "  - {{ id: x{i}, source: order, quote: \"The court\", concerns: [nobody-{i}] }}\n"
        ));
    }
    p.edit_yaml(|y| y.replace("excerpts:\n", &excerpts));
    let e = must_fail(&p, "error flood", &["check"], 1);
    assert!(
        e.ends_with("error: 5000 errors found; nothing was written\n"),
        "{}",
        &e[e.len() - 200..]
    );
}

#[test]
fn attack_thousands_of_dangling_citations() {
    let p = Project::new();
    let body: String = (0..5000)
        .map(|i| format!("Claim {i} [@nowhere-{i}]. "))
        .collect();
    p.edit_yaml(|y| {
        y.replace(
            "        Review is limited",
            &format!("        {body}\n        Review is limited"),
        )
    });
    let e = must_fail(&p, "citation flood", &["build"], 1);
    assert!(
        e.ends_with("error: 5000 errors found; nothing was written\n"),
        "{}",
        &e[e.len() - 200..]
    );
}

// ---------------------------------------------------------------------------------------
// Class 3: special files and links, wherever casefile reads.
// ---------------------------------------------------------------------------------------

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

#[test]
fn attack_case_file_is_a_fifo() {
    let p = Project::new();
    p.build();
    fs::remove_file(p.yaml()).expect("rm");
    mkfifo(&p.yaml());
    insta::assert_snapshot!(must_fail(&p, "fifo case", &["build"], 1));
}

#[test]
fn attack_source_is_a_fifo_or_a_device() {
    let p = Project::new();
    p.build();
    let src = p.case().join("sources/order.txt");
    fs::remove_file(&src).expect("rm");
    mkfifo(&src);
    insta::assert_snapshot!("source_fifo", must_fail(&p, "fifo source", &["build"], 1));
    fs::remove_file(&src).expect("rm");
    symlink(Path::new("/dev/zero"), &src);
    insta::assert_snapshot!(
        "source_dev_zero",
        must_fail(&p, "/dev/zero source", &["build"], 1)
    );
}

#[test]
fn attack_source_is_a_huge_sparse_file() {
    let p = Project::new();
    p.build();
    let f = fs::File::create(p.case().join("sources/order.txt")).expect("create");
    f.set_len(20 * 1024 * 1024 * 1024).expect("sparse 20 GiB");
    insta::assert_snapshot!(must_fail(&p, "sparse source", &["build"], 1));
}

#[test]
fn attack_link_loops_and_links_out() {
    let p = Project::new();
    p.build();
    let src = p.case().join("sources/order.txt");
    fs::remove_file(&src).expect("rm");
    symlink(&src, &src);
    insta::assert_snapshot!("source_loop", must_fail(&p, "source loop", &["build"], 1));
    fs::remove_file(&src).expect("rm");
    symlink(&p.outside.join("secret.txt"), &src);
    let e = must_fail(&p, "source out", &["build"], 1);
    assert!(!e.contains("SECRET"), "{e}");
    insta::assert_snapshot!("source_link_out", e);
    // A folder that links to itself in the case or the templates is never walked.
    fs::remove_file(&src).expect("rm");
    fs::write(
        &src,
        fs::read(root().join("tests/fixtures/valid/cases/mini/sources/order.txt")).expect("r"),
    )
    .expect("w");
    symlink(&p.case(), &p.case().join("sources/loop"));
    fs::create_dir_all(p.dir.join("templates")).expect("mkdir");
    symlink(&p.dir.join("templates"), &p.dir.join("templates/loop"));
    insta::assert_snapshot!(
        "template_folder_link",
        must_fail(&p, "template loop", &["build"], 1)
    );
}

#[test]
fn attack_case_folder_links_out_of_cases() {
    let p = Project::new();
    p.build();
    let elsewhere = p.outside.join("other");
    super::copy_dir(&p.case(), &elsewhere);
    symlink(&elsewhere, &p.dir.join("cases/other"));
    insta::assert_snapshot!(must_fail(&p, "case link out", &["build"], 1));
}

#[test]
fn attack_templates_that_are_special_or_link_out() {
    let p = Project::new();
    p.build();
    fs::create_dir_all(p.dir.join("templates/case")).expect("mkdir");
    mkfifo(&p.dir.join("templates/case/extra.md"));
    insta::assert_snapshot!(
        "template_fifo",
        must_fail(&p, "template fifo", &["build"], 1)
    );
    fs::remove_file(p.dir.join("templates/case/extra.md")).expect("rm");
    fs::write(p.outside.join("t.md"), "# {{ case.title }}\n").expect("w");
    symlink(
        &p.outside.join("t.md"),
        &p.dir.join("templates/case/extra.md"),
    );
    insta::assert_snapshot!(
        "template_link_out",
        must_fail(&p, "template link", &["build"], 1)
    );
}

#[test]
fn attack_manifest_is_hostile() {
    let p = Project::new();
    p.build();
    let manifest = p.dir.join("output/.casefile-manifest.json");
    // Special: a FIFO, a link to /dev/zero, a sparse giant. Each costs a full rebuild.
    for (what, make) in [("fifo", 0), ("dev-zero", 1), ("sparse", 2), ("garbage", 3)] {
        let _ = fs::remove_file(&manifest);
        match make {
            0 => mkfifo(&manifest),
            1 => symlink(Path::new("/dev/zero"), &manifest),
            2 => fs::File::create(&manifest)
                .expect("create")
                .set_len(10 * 1024 * 1024 * 1024)
                .expect("sparse"),
            _ => fs::write(&manifest, "{\"format\": 2, \"cases\": {\"mini\": {\"files\": [[\"../../outside/secret.txt\", 1]]}}").expect("w"),
        }
        let e = must_succeed(&p, what, &["build", "-q"]);
        assert!(e.is_empty(), "{what}: {e}");
        let r = run_measured(&p.dir, &["build", "--check"], None);
        assert_eq!(r.code, Some(0), "{what}: {}", r.stderr);
    }
    // A folder where the manifest goes: the build fails and changes nothing.
    let _ = fs::remove_file(&manifest);
    fs::create_dir(&manifest).expect("mkdir");
    p.edit_yaml(|y| y.replace("title: Fixture Memorandum", "title: Fixture Memorandum II"));
    insta::assert_snapshot!(
        "manifest_folder",
        must_fail(&p, "manifest folder", &["build"], 1)
    );
}

// ---------------------------------------------------------------------------------------
// Class 4: paths. casefile writes only inside the resolved output folder.
// ---------------------------------------------------------------------------------------

#[test]
fn attack_output_links_to_cases() {
    let p = Project::new();
    symlink(&p.dir.join("cases"), &p.dir.join("out-link"));
    insta::assert_snapshot!(must_fail(
        &p,
        "output link",
        &["build", "--output", "out-link"],
        1
    ));
}

#[test]
fn attack_folder_inside_output_links_to_cases() {
    let p = Project::new();
    p.build();
    fs::remove_dir_all(p.dir.join("output/mini")).expect("rm");
    symlink(&p.case(), &p.dir.join("output/mini"));
    insta::assert_snapshot!(must_fail(&p, "inner link", &["build"], 1));
}

#[test]
fn attack_output_dot_beside_a_case_named_cases() {
    let p = Project::new();
    fs::rename(p.case(), p.dir.join("cases/cases")).expect("rename");
    insta::assert_snapshot!(
        "output_dot",
        must_fail(&p, "output .", &["build", "--output", "."], 1)
    );
    insta::assert_snapshot!(
        "output_above",
        must_fail(&p, "output ..", &["build", "--output", "cases/../.."], 1)
    );
}

// ---------------------------------------------------------------------------------------
// Class 5: failed builds leave the output byte-identical.
// ---------------------------------------------------------------------------------------

#[test]
fn attack_a_target_that_is_a_folder() {
    let p = Project::new();
    p.build();
    fs::remove_file(p.dir.join("output/mini/exhibits.md")).expect("rm");
    fs::create_dir(p.dir.join("output/mini/exhibits.md")).expect("mkdir");
    p.edit_yaml(|y| y.replace("title: Fixture Memorandum", "title: Fixture Memorandum II"));
    insta::assert_snapshot!(must_fail(&p, "target folder", &["build"], 1));
}

#[test]
fn attack_a_full_disk() {
    let p = Project::new();
    p.build();
    p.edit_yaml(|y| y.replace("title: Fixture Memorandum", "title: Fixture Memorandum II"));
    // Files over 4 KiB cannot be written (EFBIG, as a full disk gives ENOSPC).
    let e = must_fail_with(
        &p,
        "full disk",
        &["build"],
        1,
        Some("trap '' XFSZ; ulimit -f 8; exec \"$CASEFILE\" \"$@\""),
    );
    assert!(e.contains("error: cannot write `output/mini/"), "{e}");
    assert!(e.contains("File too large"), "{e}");
}

// ---------------------------------------------------------------------------------------
// Class 6: incremental state. Warnings are replayed on a no-op build.
// ---------------------------------------------------------------------------------------

#[test]
fn attack_warnings_are_the_same_whether_or_not_a_case_was_rendered() {
    let p = Project::new();
    p.edit_yaml(|y| {
        y.replace(
            "authorities:\n",
            "authorities:\n  - { id: unused, kind: rule, name: RCFC, section: \"26\" }\n",
        )
    });
    let first = run_measured(&p.dir, &["build", "--format", "json"], None);
    let second = run_measured(&p.dir, &["build", "--format", "json"], None);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let diagnostics = |out: &str| {
        let v: serde_json::Value = serde_json::from_str(out).expect("json");
        v["diagnostics"].clone()
    };
    assert_eq!(diagnostics(&first.stdout), diagnostics(&second.stdout));
    assert!(
        second.stdout.contains("\"rendered\": 0"),
        "{}",
        second.stdout
    );
    assert!(
        first.stdout.contains("authority `unused` is never cited"),
        "{}",
        first.stdout
    );
    let human = run_measured(&p.dir, &["build"], None);
    assert!(
        human.stderr.contains("0 rendered, 1 unchanged"),
        "{}",
        human.stderr
    );
    assert!(
        human
            .stderr
            .contains("warning: authority `unused` is never cited in a document of the case"),
        "{}",
        human.stderr
    );
}

// ---------------------------------------------------------------------------------------
// Class 7: user templates.
// ---------------------------------------------------------------------------------------

fn with_template(name: &str, text: &str) -> Project {
    let p = Project::new();
    p.build();
    p.write(&format!("templates/{name}"), text);
    p
}

#[test]
fn attack_template_includes_itself() {
    let p = with_template("case/loop.md", "# Loop\n\n{% include \"case/loop.md\" %}\n");
    insta::assert_snapshot!(must_fail(&p, "self include", &["build"], 1));
}

#[test]
fn attack_template_extends_missing_or_outside() {
    let p = with_template("case/x.md", "{% extends \"../../outside/secret.txt\" %}\n");
    insta::assert_snapshot!("extends_outside", must_fail(&p, "extends", &["build"], 1));
    p.write(
        "templates/case/x.md",
        "# X\n{% include \"case/missing.md\" %}\n",
    );
    insta::assert_snapshot!("includes_missing", must_fail(&p, "includes", &["build"], 1));
}

#[test]
fn attack_template_loops_without_end() {
    let p = with_template(
        "case/spin.md",
        "# Spin\n{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% for k in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}\n",
    );
    insta::assert_snapshot!(must_fail(&p, "endless loop", &["build"], 1));
}

#[test]
fn attack_template_doubles_a_string() {
    let p = with_template(
        "case/grow.md",
        "# Grow\n{% set s = \"xxxxxxxx\" %}\n{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}\n",
    );
    insta::assert_snapshot!("doubling_quiet", must_fail(&p, "doubling", &["build"], 1));
    p.write(
        "templates/case/grow.md",
        "# Grow\n{% set s = \"xxxxxxxx\" %}\n{% for i in range(end=64) %}{% set_global s = s ~ s %}{{ s }}{% endfor %}\n",
    );
    // Printed as it grows, it runs out of output, time or memory first depending on the
    // machine and the build profile; each is the same clean, located error.
    let e = must_fail(&p, "doubling printed", &["build"], 1);
    assert!(
        e.starts_with("error: template `case/grow.md`: it ")
            && e.contains("; a loop that does not end or a value that keeps growing?\n --> templates/case/grow.md:3:"),
        "{e}"
    );
}

#[test]
fn attack_templates_that_include_each_other_in_any_order() {
    let p = Project::new();
    // `case/a.md` sorts before the partial it includes, which includes another.
    p.write(
        "templates/case/a.md",
        "# A\n{% include \"case/z_part.md\" %}\n",
    );
    p.write(
        "templates/case/z_part.md",
        "part {% include \"case/_b.md\" %}\n",
    );
    p.write("templates/case/_b.md", "and b\n");
    must_succeed(&p, "includes", &["build"]);
    let a = fs::read_to_string(p.dir.join("output/mini/a.md")).expect("a");
    assert_eq!(a, "# A\npart and b\n\n\n");
}

// ---------------------------------------------------------------------------------------
// Class 8: the terminal.
// ---------------------------------------------------------------------------------------

#[test]
fn attack_control_characters_in_data() {
    let p = Project::new();
    p.edit_yaml(|y| {
        y.replace(
            "deponent: official",
            "deponent: \"off\\e[2J\\e]0;pwned\\a\\0icial\"",
        )
    });
    insta::assert_snapshot!(must_fail(&p, "escape sequences", &["check"], 1));
}

#[test]
fn attack_nul_and_invalid_bytes_in_yaml() {
    let p = Project::new();
    let y = fs::read(p.yaml()).expect("yaml");
    let mut with_nul = y.clone();
    let at = y.windows(6).position(|w| w == b"judge:").expect("judge");
    with_nul.insert(at + 7, 0);
    fs::write(p.yaml(), &with_nul).expect("w");
    insta::assert_snapshot!("yaml_nul", must_fail(&p, "nul", &["check"], 1));
    let mut bad = y;
    bad.insert(at + 7, 0xff);
    fs::write(p.yaml(), &bad).expect("w");
    insta::assert_snapshot!(
        "yaml_invalid_byte",
        must_fail(&p, "invalid byte", &["check"], 1)
    );
}

#[test]
fn attack_unknown_key_named_like_an_internal_field() {
    let p = Project::new();
    p.edit_yaml(|y| y.replace("  judge: Test Judge\n", "  judge: Test Judge\n  value: 1\n"));
    insta::assert_snapshot!(must_fail(&p, "unknown key `value`", &["check"], 1));
}

#[test]
fn attack_more_jobs_than_the_machine_gives() {
    let p = Project::new();
    let e = must_fail(&p, "jobs", &["build", "--jobs", "100000"], 2);
    assert!(e.contains("--jobs <N>"), "{e}");
}
