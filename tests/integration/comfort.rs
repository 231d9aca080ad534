//! Working comfort: colour, completions, the man page, the schema, copying the templates
//! out, and what casefile says when it cannot find what it was asked for.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::{casefile, root, scratch, text};

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir, dir)
}

fn walk(base: &Path, dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(base, &p));
        } else {
            let rel = p.strip_prefix(base).expect("under base");
            out.insert(
                rel.to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            );
        }
    }
    out
}

#[test]
fn diagnostics_are_coloured_only_when_asked_or_on_a_terminal() {
    let fixture = root().join("tests/fixtures/invalid/study-signed");
    let run = |color: &str, no_color: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_casefile"));
        c.current_dir(&fixture).args(["build", "--output"]);
        let out = scratch();
        c.arg(&*out).args(["--color", color]);
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        text(&c.output().expect("runs").stderr)
    };
    let always = run("always", false);
    assert!(always.contains("\u{1b}["), "{always:?}");
    // The words are the same, colour or not.
    let never = run("never", false);
    assert!(!never.contains('\u{1b}'), "{never:?}");
    assert_eq!(anstream::adapter::strip_str(&always).to_string(), never);
    // `auto` on a pipe, and NO_COLOR anywhere, mean no colour.
    assert!(!run("auto", false).contains('\u{1b}'));
    assert!(!run("auto", true).contains('\u{1b}'));
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = casefile(&root(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        for word in ["build", "check", "templates", "strict"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
}

#[test]
fn the_man_page_prints_and_writes_a_page_per_command() {
    let out = casefile(&root(), &["man"]);
    assert!(text(&out.stdout).contains(".TH casefile 1"));
    let dir = scratch();
    let pages = dir.join("man");
    let out = casefile(&root(), &["man", "--output", &pages.to_string_lossy()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = files(&pages);
    for page in [
        "casefile.1",
        "casefile-build.1",
        "casefile-templates-export.1",
    ] {
        assert!(written.contains_key(page), "{page}: {:?}", written.keys());
    }
}

#[test]
fn the_schema_printed_is_the_published_one() {
    let out = casefile(&root(), &["schema"]);
    let published = std::fs::read(root().join("docs/case.schema.json")).expect("schema");
    assert_eq!(out.stdout, published);
}

#[test]
fn exported_templates_render_exactly_as_the_built_in_ones() {
    let dir = scratch();
    let exported = dir.join("mine");
    let out = casefile(
        &root(),
        &["templates", "export", &exported.to_string_lossy()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Every built-in template and forum profile, at the path that overrides it.
    for (name, text) in casefile::render::BUILTIN {
        let copy = std::fs::read_to_string(exported.join(name)).expect(name);
        assert_eq!(&copy, text, "{name}");
    }
    assert!(exported.join("style.css").is_file());
    for (id, _) in casefile::forum::BUILTIN {
        assert!(exported.join(format!("forums/{id}.yaml")).is_file(), "{id}");
    }
    // A second export writes nothing and says which file is in the way.
    let before = files(&exported);
    let again = casefile(
        &root(),
        &["templates", "export", &exported.to_string_lossy()],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));
    assert_eq!(files(&exported), before);
    // Built with the copies, the site is the built-in templates' site, byte for byte.
    let fixture = root().join("tests/fixtures/valid");
    let (a, b) = (dir.join("a"), dir.join("b"));
    let built_in = casefile(&fixture, &["build", "--output", &a.to_string_lossy()]);
    assert!(built_in.status.success(), "{}", text(&built_in.stderr));
    let copied = casefile(
        &fixture,
        &[
            "build",
            "--output",
            &b.to_string_lossy(),
            "--templates",
            &exported.to_string_lossy(),
        ],
    );
    assert!(copied.status.success(), "{}", text(&copied.stderr));
    // The manifest records inodes and times; every page must be the same.
    let pages = |d: &Path| {
        let mut f = files(d);
        f.remove(".casefile-manifest.json");
        f
    };
    let (a, b) = (pages(&a), pages(&b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let differ: Vec<&String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(differ.is_empty(), "pages differ: {differ:?}");
}

#[test]
fn a_new_case_names_its_schema_and_an_empty_folder_says_what_to_do() {
    let dir = scratch();
    let built = casefile(&dir, &["build"]);
    assert_eq!(built.status.code(), Some(1));
    let said = text(&built.stderr);
    assert!(
        said.contains("there is no `cases` folder here") && said.contains("casefile new"),
        "{said}"
    );
    let out = casefile(&dir, &["new", "demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let case = std::fs::read_to_string(dir.join("cases/demo/case.yaml")).expect("case");
    assert!(case.starts_with("# yaml-language-server: $schema=../case.schema.json\n"));
    let schema = std::fs::read(dir.join("cases/case.schema.json")).expect("schema copy");
    assert_eq!(
        schema,
        std::fs::read(root().join("docs/case.schema.json")).expect("schema")
    );
    // The starter is clean even under the filing standard.
    let strict = casefile(&dir, &["check", "--strict"]);
    assert!(strict.status.success(), "{}", text(&strict.stderr));
    assert!(
        !text(&strict.stderr).contains("warning"),
        "{}",
        text(&strict.stderr)
    );
    // A name that is part of one case's name suggests it, however far it is in spelling
    // (`mo` is two edits from `demo`: the typo matcher alone would not offer it).
    let wrong = casefile(&dir, &["build", "mo"]);
    assert!(
        text(&wrong.stderr).contains("did you mean `demo`?"),
        "{}",
        text(&wrong.stderr)
    );
}

/// A GET over a plain TCP connection: the status line and the body.
fn get(addr: &str, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .expect("timeout");
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

/// Kills the server when the test ends, pass or fail.
struct Child(std::process::Child);
impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_reloads_a_changed_case_within_two_seconds_and_writes_no_script() {
    use std::io::BufRead;
    use std::time::{Duration, Instant};
    let dir = scratch();
    let fixture = root().join("tests/fixtures/valid");
    for f in files(&fixture).keys() {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(fixture.join(f), &to).expect("copy");
    }
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_casefile"))
            .current_dir(&*dir)
            .args(["serve", "--port", "0"])
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("serve starts"),
    );
    let stderr = child.0.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let addr = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server says where it is");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest
                .trim_end_matches(|c: char| c != '/')
                .trim_end_matches('/')
                .to_string();
        }
    };
    // Served pages carry the reload script, allowed by its hash; the built files do not.
    let (status, page) = get(&addr, "/mini/index.html");
    assert!(status.contains("200"), "{status}");
    assert!(
        page.contains("<script>") && page.contains("script-src 'sha256-"),
        "{page}"
    );
    // Nothing outside the output folder is served (a file beside it, by `..`).
    std::fs::write(dir.join("secret.txt"), "not for the browser").expect("write");
    for path in ["/../secret.txt", "/%2e%2e/secret.txt"] {
        let (status, body) = get(&addr, path);
        assert!(
            !status.contains("200") && !body.contains("not for the browser"),
            "{path}"
        );
    }
    // With nothing changed, nothing is rebuilt and open pages do not reload.
    std::thread::sleep(Duration::from_millis(1000));
    assert_eq!(get(&addr, "/__casefile/version").1.trim(), "0");
    // Change the case: the served page shows it within two seconds.
    let case = dir.join("cases/mini/case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(
        &case,
        text.replacen("Fixture v. United States", "Renamed v. United States", 1),
    )
    .expect("edit");
    let started = Instant::now();
    loop {
        if get(&addr, "/mini/index.html")
            .1
            .contains("Renamed v. United States")
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "the change was not served within 2 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_ne!(get(&addr, "/__casefile/version").1.trim(), "0");
    for (name, bytes) in files(&dir.join("output")) {
        if name.ends_with(".html") {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("<script"),
                "{name} holds a script"
            );
        }
    }
}

#[test]
fn shards_built_apart_merge_into_the_single_build() {
    let fixture = root().join("tests/fixtures/forums");
    let dir = scratch();
    let pages = |d: &Path| {
        let mut f = files(d);
        f.remove(".casefile-manifest.json");
        f
    };
    let whole = dir.join("whole");
    let out = casefile(&fixture, &["build", "--output", &whole.to_string_lossy()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Three machines, each with a fresh output folder (a CI matrix, an Indexed Job).
    let mut merged = BTreeMap::new();
    for i in 1..=3 {
        let shard = dir.join(format!("shard-{i}"));
        let out = casefile(
            &fixture,
            &[
                "build",
                "--shard",
                &format!("{i}/3"),
                "--output",
                &shard.to_string_lossy(),
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        for (name, bytes) in pages(&shard) {
            // A file two shards both write (the site index) must be the same in each.
            if let Some(earlier) = merged.insert(name.clone(), bytes.clone()) {
                assert!(earlier == bytes, "shards disagree on {name}");
            }
        }
    }
    let whole = pages(&whole);
    assert_eq!(
        merged.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>()
    );
    let differ: Vec<&String> = whole
        .iter()
        .filter(|(k, v)| merged.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        differ.is_empty(),
        "merged shards differ from one build: {differ:?}"
    );
}

#[test]
fn the_exhibit_list_names_the_documents_that_cite_each_source() {
    let dir = scratch();
    let out = casefile(
        &root().join("tests/fixtures/valid"),
        &["build", "--output", &dir.to_string_lossy()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = std::fs::read_to_string(dir.join("mini/exhibits.md")).expect("exhibit list");
    let row = list
        .lines()
        .find(|l| l.contains("id=\"ex-order\""))
        .expect("the order's row");
    assert!(row.ends_with("| [Memorandum](brief.md) |"), "{row}");
}

#[test]
fn watch_rebuilds_when_a_case_changes() {
    use std::time::{Duration, Instant};
    let dir = scratch();
    let fixture = root().join("tests/fixtures/valid");
    for f in files(&fixture).keys() {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(fixture.join(f), &to).expect("copy");
    }
    let _child = Child(
        Command::new(env!("CARGO_BIN_EXE_casefile"))
            .current_dir(&*dir)
            .args(["watch", "--quiet"])
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("watch starts"),
    );
    let page = dir.join("output/mini/index.md");
    let started = Instant::now();
    while !page.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no first build"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // casefile watches before its first build, so a change now is seen.
    let case = dir.join("cases/mini/case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(
        &case,
        text.replacen("Fixture v. United States", "Watched v. United States", 1),
    )
    .expect("edit");
    let started = Instant::now();
    loop {
        let now = std::fs::read_to_string(&page).unwrap_or_default();
        if now.contains("Watched v. United States") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no rebuild after the change"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
