//! The one integration-test binary: runs the real `casefile` on fixture folders.
//!
//! - `fixtures/valid/`: a small case that must render; its brief is snapshotted.
//! - `fixtures/invalid/<class>/`: one folder per class of user error; each test pins the
//!   whole message (file, line, column, snippet, help) and checks nothing was written.
//! - the repository's own `cases/` must match the committed `output/`.

// Test and benchmark code may panic on broken fixtures: that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod attacks;
mod comfort;
mod kill;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn casefile(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the casefile binary runs")
}

/// A scratch folder, removed when the test ends (pass or fail).
pub(crate) struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

pub(crate) fn scratch() -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix("casefile-test-")
            .tempdir()
            .expect("temp dir"),
    )
}

pub(crate) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn committed_output_is_fresh() {
    let out = casefile(&root(), &["build", "--check"]);
    assert!(
        out.status.success(),
        "output/ is stale; run `cargo run -- build` and commit:\n{}",
        text(&out.stderr)
    );
}

#[test]
fn valid_case_renders_deterministically() {
    let fixture = root().join("tests/fixtures/valid");
    let out1 = scratch();
    let out2 = scratch();
    for o in [&out1, &out2] {
        let r = casefile(
            &fixture,
            &["build", "--output", o.to_str().unwrap_or_default()],
        );
        assert!(r.status.success(), "{}", text(&r.stderr));
    }
    let brief = std::fs::read_to_string(out1.join("mini/brief.md")).expect("brief.md");
    assert_eq!(
        brief,
        std::fs::read_to_string(out2.join("mini/brief.md")).expect("brief.md")
    );
    insta::assert_snapshot!("mini_brief_md", brief);
    let outline =
        std::fs::read_to_string(out1.join("mini/depositions/official.md")).expect("outline");
    insta::assert_snapshot!("mini_deposition_md", outline);
    // A second build rewrites nothing.
    let r = casefile(
        &fixture,
        &["build", "--output", out1.to_str().unwrap_or_default()],
    );
    assert!(text(&r.stderr).contains("0 written"), "{}", text(&r.stderr));
}

/// Every citation form casefile writes, in one brief (tests/fixtures/forms): the
/// snapshot pins each form, and the case passes `check --strict` (no Bluebook lint, every
/// quotation verified).
#[test]
fn citation_forms_brief() {
    let fixture = root().join("tests/fixtures/forms");
    let strict = casefile(&fixture, &["check", "--strict"]);
    assert!(strict.status.success(), "{}", text(&strict.stderr));
    assert!(
        !text(&strict.stderr).contains("warning"),
        "{}",
        text(&strict.stderr)
    );
    let out = scratch();
    let r = casefile(
        &fixture,
        &["build", "--output", out.to_str().unwrap_or_default()],
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let brief = std::fs::read_to_string(out.join("forms/brief.md")).expect("brief.md");
    insta::assert_snapshot!("forms_brief_md", brief);
}

/// One fixture per forum (tests/fixtures/forums): each document's caption and first
/// page are pinned, as its forum profile lays them out (COFC: parties with `v.`; GAO:
/// `Protest of` / `File` / `Date`; agency-level: `Protest of` / `To`), and so are the
/// parts of the GAO case's landing page the forum model adds: an uncertain filing date,
/// the procedural history, the field with a protected offeror, an organisation's page
/// with its own words, and a research memorandum without a signature.
#[test]
fn forums_caption_and_first_page() {
    let fixture = root().join("tests/fixtures/forums");
    let strict = casefile(&fixture, &["check", "--strict"]);
    assert!(strict.status.success(), "{}", text(&strict.stderr));
    let out = scratch();
    let r = casefile(
        &fixture,
        &["build", "--output", out.to_str().unwrap_or_default()],
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let read = |p: &str| std::fs::read_to_string(out.join(p)).expect(p);
    // The first page: the caption, the title and the contents.
    let first_page = |p: &str| read(p).lines().take(24).collect::<Vec<_>>().join("\n");
    for (name, page) in [
        ("forum_cofc_brief", "cofc-fixture/brief.md"),
        ("forum_cofc_case_study", "cofc-fixture/study.md"),
        ("forum_gao_protest", "gao-fixture/protest.md"),
        ("forum_agency_protest", "agency-fixture/protest.md"),
    ] {
        insta::assert_snapshot!(name, first_page(page));
    }
    // A court whose rule counts words (a forum profile of the fixture's own): the
    // certificate of compliance states the count, which `.ci/run` checks independently.
    let words = read("word-fixture/brief.md");
    assert!(
        words.contains("it contains 47 words, not counting the caption"),
        "{words}"
    );
    // The signature block carries what the forum's rule asks for: the fax number at GAO
    // (4 C.F.R. § 21.1(c)(1)); at the Court of Federal Claims the mini fixture's counsel
    // has a fax number that its snapshot shows is left out (RCFC 5.5(f) does not ask).
    assert!(read("gao-fixture/protest.md").contains("(202) 555-0101 (fax)"));
    // A proposed order has no table of authorities, so its citations link to none.
    let order = read("cofc-fixture/order.md");
    assert!(
        order.contains("2023 CPD ¶ 10, at 4") && !order.contains("#toa-"),
        "{order}"
    );
    let memo = read("gao-fixture/memo.md");
    insta::assert_snapshot!("forum_gao_research_memo", memo);
    assert!(!memo.contains("Respectfully submitted"), "{memo}");
    insta::assert_snapshot!("forum_gao_index", read("gao-fixture/index.md"));
    insta::assert_snapshot!(
        "forum_gao_organization",
        read("gao-fixture/people/fixture-office.md")
    );
    // Protected figures are in no page at all.
    for e in walkdir(&out) {
        let t = std::fs::read_to_string(&e).unwrap_or_default();
        assert!(!t.contains("9.1 billion"), "{}", e.display());
    }
}

/// `--markdown gfm`: no heading attribute is left for GitHub to print, every link to a
/// place on the same page finds an `<a id>` there, and the HTML is the same as from
/// pandoc's Markdown.
#[test]
fn gfm_markdown_links_work_on_github() {
    let gfm = scratch();
    let r = casefile(
        &root(),
        &[
            "build",
            "--markdown",
            "gfm",
            "--output",
            gfm.to_str().unwrap_or_default(),
        ],
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let mut pages = 0;
    for p in walkdir(&gfm) {
        let rel = p.strip_prefix(&gfm).expect("inside").to_path_buf();
        if p.extension().is_some_and(|e| e == "md") {
            let md = std::fs::read_to_string(&p).expect("md");
            assert!(!md.contains("{#"), "{}", rel.display());
            for link in md.split("](#").skip(1) {
                let id = link.split(')').next().unwrap_or_default();
                assert!(
                    md.contains(&format!("<a id=\"{id}\"></a>")),
                    "{}: #{id} has no anchor",
                    rel.display()
                );
            }
            pages += 1;
        } else if p.extension().is_some_and(|e| e == "html") {
            let committed = root().join("output").join(&rel);
            assert_eq!(
                std::fs::read(&p).expect("html"),
                std::fs::read(&committed).expect("committed html"),
                "{}",
                rel.display()
            );
        }
    }
    assert!(pages > 10);
}

/// Protected words planted in every kind of field (tests/fixtures/sealed): no file of the
/// public edition spells them, in any form, in its name or its bytes (Word files
/// included); the sealed edition shows them in `[[…]]` on every page that prints them,
/// carries the legend, and logs each span; the quotation holding them is verified against
/// the sealed source.
#[test]
fn sealed_and_public_editions() {
    let fixture = root().join("tests/fixtures/sealed");
    let check = casefile(&fixture, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(
        text(&check.stdout).contains("q-ssa: verified"),
        "{}",
        text(&check.stdout)
    );
    let out = scratch();
    let r = casefile(
        &fixture,
        &["build", "--output", out.to_str().unwrap_or_default()],
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let sealed = out.join("sealed");
    let planted = ["zebulon", "quartermaine", "7,654,321", "7654321"];
    let mut public_files = 0;
    for p in walkdir(&out)
        .into_iter()
        .filter(|p| !p.starts_with(&sealed))
    {
        let name = p.to_string_lossy().to_lowercase();
        let body = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).to_lowercase();
        for w in planted {
            assert!(
                !name.contains(w) && !body.contains(w),
                "{} spells {w}",
                p.display()
            );
        }
        public_files += 1;
    }
    assert!(public_files > 20, "{public_files}");
    let read = |p: &str| std::fs::read_to_string(sealed.join(p)).expect(p);
    for page in [
        "sealed-fixture/index.md",
        "sealed-fixture/brief.md",
        "sealed-fixture/chronology.md",
        "sealed-fixture/exhibits.md",
        "sealed-fixture/cite-check.md",
        "sealed-fixture/people/ssa.md",
        "sealed-fixture/people/office.md",
        "sealed-fixture/depositions/ssa.md",
    ] {
        let md = read(page);
        assert!(
            md.contains("\\[\\[Zebulon Quartermaine\\]\\]"),
            "{page}: {md}"
        );
        assert!(md.starts_with("<p class=\"legend\">"), "{page}");
    }
    let log: serde_json::Value =
        serde_json::from_str(&read("sealed-fixture/redactions.json")).expect("json");
    assert_eq!(log["redactions"].as_array().map(Vec::len), Some(14));
    assert!(read("sealed-fixture/redactions.md").contains("| pricing |"));
    // The public brief is labelled as the redacted version; the public site does not
    // link to the sealed one.
    let public_brief = std::fs::read_to_string(out.join("sealed-fixture/brief.md")).expect("brief");
    assert!(public_brief.starts_with("<p class=\"edition-label\">REDACTED VERSION</p>"));
    assert!(public_brief.contains("\\[\\* \\* \\*\\]"), "{public_brief}");
    // (The build manifest, which is not a page, lists every file it wrote.)
    let pages = walkdir(&out)
        .into_iter()
        .filter(|p| !p.starts_with(&sealed) && !p.ends_with(".casefile-manifest.json"));
    for p in pages {
        let body = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned();
        assert!(
            !body.contains("sealed/"),
            "{} links to the sealed edition",
            p.display()
        );
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A real opinion quoted from its own text (tests/fixtures/opinion: Camp v. Pitts with
/// CourtListener's star paging and notes): every quotation verified at its reporter
/// page, a page range and a footnote, and cited with the authority's own citation.
#[test]
fn an_opinion_is_quoted_from_its_own_text() {
    let fixture = root().join("tests/fixtures/opinion");
    let strict = casefile(&fixture, &["check", "--strict"]);
    assert!(strict.status.success(), "{}", text(&strict.stderr));
    assert!(
        text(&strict.stdout)
            .contains("camp: 4 excerpts: 3 verified, 1 verified with normalizations"),
        "{}",
        text(&strict.stdout)
    );
    let out = scratch();
    let r = casefile(
        &fixture,
        &["build", "--output", out.to_str().unwrap_or_default()],
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let brief = std::fs::read_to_string(out.join("camp/brief.md")).expect("brief.md");
    for want in [
        "*Camp v. Pitts*, 411 U.S. 138, 142 (1973) (per curiam)",
        "*Id.* at 142–43",
        "*Id.* at 139 n.1",
        // Rule 5.3(b): the source's sentence goes on after "1971".
        "“The regulations were amended in 1971 . . . .”",
        // The match passed over the call of note 1.
        "*Id.* at 139 (footnote omitted)",
    ] {
        assert!(brief.contains(want), "{want}\n{brief}");
    }
    // An authority's own text needs its hash like a source's.
    let copy = scratch();
    copy_dir(&fixture, &copy);
    let yaml = copy.join("cases/camp/case.yaml");
    let original = std::fs::read_to_string(&yaml).expect("case.yaml");
    let unhashed: String = original
        .lines()
        .filter(|l| !l.trim_start().starts_with("sha256:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&yaml, unhashed).expect("write");
    let r = casefile(&copy, &["check"]);
    assert!(
        text(&r.stderr).contains("the text of `camp` records no SHA-256"),
        "{}",
        text(&r.stderr)
    );
}

/// A quotation in a list (a who's-who page, a deposition outline, the chronology) stands
/// alone: its citation never refers to the item above (*Id.*, *supra*). Checked on the
/// committed JEDI output, whose lists quote one source many times.
#[test]
fn list_items_cite_in_full() {
    let case = root().join("output/jedi-protest");
    let mut pages = vec![case.join("chronology.md")];
    for dir in ["people", "depositions"] {
        for entry in std::fs::read_dir(case.join(dir)).expect("folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    for path in pages {
        let text = std::fs::read_to_string(&path).expect("page");
        for line in text.lines() {
            assert!(
                !line.starts_with("[*Id.*]")
                    && !line.contains("*supra*](")
                    && !line.contains("| [*Id.*]"),
                "{}: {line}",
                path.display()
            );
        }
    }
}

/// Run casefile on an invalid fixture (`build`, or the words in its `args` file); return
/// stderr after checking the exit code and that the output folder was not touched.
fn fails(class: &str) -> String {
    let fixture = root().join("tests/fixtures/invalid").join(class);
    let out = scratch();
    std::fs::write(out.join("keep.txt"), "previous output").expect("seed output");
    let words = std::fs::read_to_string(fixture.join("args")).unwrap_or_else(|_| "build".into());
    let mut args: Vec<String> = words.split_whitespace().map(String::from).collect();
    if args.first().map(String::as_str) == Some("build") && !args.iter().any(|a| a == "--output") {
        args.push("--output".into());
        args.push(out.to_string_lossy().into_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = casefile(&fixture, &args);
    assert_eq!(r.status.code(), Some(1), "{class}: {}", text(&r.stderr));
    let entries: Vec<_> = std::fs::read_dir(&out).expect("out").collect();
    assert_eq!(entries.len(), 1, "{class}: a failing build wrote files");
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap_or_default(),
        "previous output"
    );
    text(&r.stderr)
}

macro_rules! error_test {
    ($($name:ident => $class:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!($class, fails($class));
        }
    )*};
}

error_test! {
    error_absolute_path => "absolute-path",
    error_alias_bomb => "alias-bomb",
    error_bad_date => "bad-date",
    error_bad_enum => "bad-enum",
    error_bad_signal => "bad-signal",
    error_bad_slug => "bad-slug",
    error_cite_person => "cite-person",
    error_closed_before_filed => "closed-before-filed",
    error_conflicting_versions => "conflicting-versions",
    error_dangling_awardee => "dangling-awardee",
    error_dangling_basis => "dangling-basis",
    error_dangling_ref => "dangling-ref",
    error_dangling_timeline => "dangling-timeline",
    error_deep_nesting => "deep-nesting",
    error_duplicate_exhibit => "duplicate-exhibit",
    error_duplicate_id => "duplicate-id",
    error_duplicate_key => "duplicate-key",
    error_empty_quote => "empty-quote",
    error_excerpt_paragraph => "excerpt-paragraph",
    error_invalid_id => "invalid-id",
    error_many_errors => "many-errors",
    error_misquote => "misquote",
    error_missing_field => "missing-field",
    error_missing_key => "missing-key",
    error_missing_source => "missing-source",
    error_negative_page => "negative-page",
    error_not_verified => "not-verified",
    error_no_cases => "no-cases",
    error_number_as_string => "number-as-string",
    error_output_is_cases => "output-is-cases",
    error_path_escape => "path-escape",
    error_period_reversed => "period-reversed",
    error_pin_out_of_range => "pin-out-of-range",
    error_quote_unknown => "quote-unknown",
    error_source_binary => "source-binary",
    error_source_not_utf8 => "source-not-utf8",
    error_strict_unverifiable => "strict-unverifiable",
    error_tab_indent => "tab-indent",
    error_template_error => "template-error",
    error_text_changed => "text-changed",
    error_template_render_error => "template-render-error",
    error_template_collides => "template-collides",
    error_unknown_forum => "unknown-forum",
    error_bad_profile_name => "bad-profile-name",
    error_role_not_in_forum => "role-not-in-forum",
    error_unknown_document_kind => "unknown-document-kind",
    error_missing_section => "missing-section",
    error_needs_filer => "needs-filer",
    error_reserved_id => "reserved-id",
    error_over_length => "over-length",
    error_leak_unmarked => "leak-unmarked",
    error_leak_id => "leak-id",
    error_unknown_signer => "unknown-signer",
    error_incomplete_signature => "incomplete-signature",
    error_unsigned_filing => "unsigned-filing",
    error_study_signed => "study-signed",
    error_brief_id_twice => "brief-id-twice",
    error_case_named_sealed => "case-named-sealed",
    error_sealed_span_in_a_date => "sealed-span-in-a-date",
    error_profile_pages_unestimated => "profile-pages-unestimated",
    error_signer_role => "signer-role",
    error_no_word_limit => "no-word-limit",
    error_template_unknown_filter => "template-unknown-filter",
    error_top_level_list => "top-level-list",
    error_two_cases_fail => "two-cases-fail",
    error_two_depositions => "two-depositions",
    error_two_documents => "two-documents",
    error_unknown_case => "unknown-case",
    error_unknown_citation => "unknown-citation",
    error_unused_hereinafter => "unused-hereinafter",
    error_unknown_key => "unknown-key",
    error_unknown_nested_key => "unknown-nested-key",
    error_unknown_top_key => "unknown-top-key",
    error_wrong_kind_ref => "wrong-kind-ref",
    error_wrong_page => "wrong-page",
    error_wrong_type => "wrong-type",
    error_yaml_is_directory => "yaml-is-directory",
    error_yaml_syntax => "yaml-syntax",
}

#[test]
fn usage_errors_exit_2() {
    let r = casefile(&root(), &["build", "--no-such-flag"]);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn new_case_is_valid_and_renders_for_every_forum() {
    let dir = scratch();
    let r = casefile(&dir, &["new", "demo-case"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    for forum in ["gao", "agency"] {
        let slug = format!("demo-{forum}");
        let r = casefile(&dir, &["new", "--forum", forum, &slug]);
        assert!(r.status.success(), "{}", text(&r.stderr));
    }
    let r = casefile(&dir, &["build"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(dir.join("output/demo-case/memorandum.html").exists());
    // Each skeleton has its forum's caption.
    let gao = std::fs::read_to_string(dir.join("output/demo-gao/protest.md")).expect("protest");
    assert!(
        gao.contains("**Protest of:** Example Protester, Inc."),
        "{gao}"
    );
    assert!(gao.contains("**Agency:** Department of Example"), "{gao}");
    assert!(gao.contains("/s/ Example Counsel"), "{gao}");
    let agency =
        std::fs::read_to_string(dir.join("output/demo-agency/protest.md")).expect("protest");
    assert!(agency.contains("**To:** Department of Example"), "{agency}");
    let again = casefile(&dir, &["new", "demo-case"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));
    let unknown = casefile(&dir, &["new", "--forum", "gsbca", "demo-x"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("no starter for forum `gsbca`"));
}

#[test]
fn check_json_reports_every_excerpt() {
    let r = casefile(
        &root().join("tests/fixtures/valid"),
        &["check", "--format", "json"],
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).expect("json");
    assert_eq!(v["cite_check"][0]["excerpts"][0]["status"], "verified");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn user_templates_override_and_add_documents() {
    let dir = scratch();
    copy_dir(&root().join("tests/fixtures/valid"), &dir);
    std::fs::create_dir_all(dir.join("templates/case")).expect("mkdir");
    std::fs::write(
        dir.join("templates/case/exhibits.md"),
        "# Our exhibits for {{ case.short_title }}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("templates/case/summary.md"),
        "# Summary\n\n{{ case.title }}: {{ case.exhibits | length }} exhibit(s). <b>{{ case.docket }}</b>\n",
    )
    .expect("write");
    let r = casefile(&dir, &["build"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    let ex = std::fs::read_to_string(dir.join("output/mini/exhibits.md")).expect("exhibits");
    assert_eq!(ex, "# Our exhibits for Fixture v. United States\n");
    let summary =
        std::fs::read_to_string(dir.join("output/mini/summary.html")).expect("summary.html");
    assert!(
        summary.contains(
            "Fixture Protester, Inc. v. United States: 1 exhibit(s). <b>No. 00-0001C</b>"
        ),
        "{summary}"
    );
    assert!(summary.starts_with("<!DOCTYPE html>"));
}

/// Every page under `out` is inert: no element that runs code or loads anything, no
/// event-handler, inline-style or `javascript:` attribute, and no id used twice (a
/// clobbered id is how data would redirect casefile's own links).
fn assert_inert_site(out: &Path) {
    let mut pages = 0;
    let mut stack = vec![out.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                pages += 1;
                let html = std::fs::read_to_string(&p).expect("html").to_lowercase();
                let mut ids = std::collections::HashSet::new();
                // Escaped payloads are text; only real tags and their attributes count.
                for tag in html
                    .split('<')
                    .skip(1)
                    .map(|t| t.split('>').next().unwrap_or(""))
                {
                    let name: String = tag
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect();
                    assert!(
                        ![
                            "script", "iframe", "img", "object", "embed", "form", "base", "link",
                            "input", "math", "video", "audio"
                        ]
                        .contains(&name.as_str()),
                        "{}: <{tag}>",
                        p.display()
                    );
                    for attr in tag.split_whitespace().skip(1) {
                        assert!(!attr.starts_with("on"), "{}: <{tag}>", p.display());
                        assert!(
                            !attr.starts_with("style="),
                            "{}: inline style in <{tag}>",
                            p.display()
                        );
                        assert!(
                            !(attr.contains("javascript:") || attr.starts_with("href=\"data:")),
                            "{}: <{tag}>",
                            p.display()
                        );
                        if let Some(id) = attr.strip_prefix("id=") {
                            assert!(ids.insert(id.to_string()), "{}: id {id} twice", p.display());
                        }
                    }
                }
            }
        }
    }
    assert!(pages >= 8, "{pages} pages");
}

/// A case whose every text field holds XSS payloads renders as inert text (the browser
/// test in .ci/run also opens every page in Chromium, with CSP bypassed).
#[test]
fn hostile_data_is_escaped_everywhere() {
    let out = scratch();
    let fixture = root().join("tests/fixtures/xss");
    let r = casefile(
        &fixture,
        &["build", "--output", out.to_str().unwrap_or_default()],
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert_inert_site(&out);
    let brief = std::fs::read_to_string(out.join("xss/brief.html")).expect("brief");
    assert!(
        brief.contains("{{ 7*7 }}"),
        "case data must never be evaluated as a template"
    );
}

/// Limits that cannot be committed as fixtures: a 100 MB case file and a symlink that
/// leads out of the case are refused quickly, with a clear message.
#[test]
fn huge_yaml_is_refused_before_reading() {
    let dir = scratch();
    let case = dir.join("cases/big");
    std::fs::create_dir_all(&case).expect("mkdir");
    let f = std::fs::File::create(case.join("case.yaml")).expect("create");
    f.set_len(100 * 1024 * 1024).expect("sparse 100 MB file");
    let start = std::time::Instant::now();
    let r = casefile(&dir, &["check"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(start.elapsed().as_secs() < 10, "refused quickly");
    insta::assert_snapshot!("huge-yaml", text(&r.stderr));
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_case_is_refused() {
    let dir = scratch();
    copy_dir(&root().join("tests/fixtures/valid"), &dir);
    let sources = dir.join("cases/mini/sources");
    std::fs::remove_file(sources.join("order.txt")).expect("rm");
    std::fs::write(dir.join("secret.txt"), "outside the case").expect("write");
    std::os::unix::fs::symlink(dir.join("secret.txt"), sources.join("order.txt")).expect("symlink");
    let r = casefile(&dir, &["check"]);
    assert_eq!(r.status.code(), Some(1));
    insta::assert_snapshot!("symlink-escape", text(&r.stderr));
}

/// Every file under `dir` (but the build manifest), with its bytes, sorted by path.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !e.file_name().to_string_lossy().starts_with(".casefile") {
                let rel = p
                    .strip_prefix(dir)
                    .expect("prefix")
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn build_into(dir: &Path, out: &Path, extra: &[&str]) -> String {
    let cases = root().join("cases");
    let templates = root().join("templates");
    let mut args = vec![
        "build",
        "--cases",
        cases.to_str().unwrap_or_default(),
        "--templates",
        templates.to_str().unwrap_or_default(),
        "--output",
        out.to_str().unwrap_or_default(),
    ];
    args.extend_from_slice(extra);
    let r = casefile(dir, &args);
    assert!(r.status.success(), "{}", text(&r.stderr));
    text(&r.stderr)
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let (a, b) = (scratch(), scratch());
    build_into(&a, &a.join("out"), &["--jobs", "1"]);
    build_into(&b, &b.join("out"), &["--jobs", "2"]);
    let (ta, tb) = (tree(&a.join("out")), tree(&b.join("out")));
    assert!(ta.len() > 40);
    assert!(ta == tb, "outputs differ between 1 and 2 threads");
}

/// `--jobs 1` processes every case on one thread, end to end (the JSON summary counts the
/// threads that did the work); `--jobs 2` may use two, never more.
#[test]
fn jobs_one_runs_one_thread() {
    for (jobs, most) in [("1", 1), ("2", 2)] {
        let d = scratch();
        let cases = d.join("cases");
        for i in 0..12 {
            copy_dir(
                &root().join("tests/fixtures/valid/cases/mini"),
                &cases.join(format!("case-{i:02}")),
            );
        }
        let r = casefile(&d, &["build", "--jobs", jobs, "--format", "json"]);
        assert!(r.status.success(), "{}", text(&r.stderr));
        let v: serde_json::Value = serde_json::from_slice(&r.stdout).expect("json");
        let used = v["build"]["threads"].as_u64().expect("threads");
        assert!(used >= 1 && used <= most, "--jobs {jobs}: {used} threads");
        if jobs == "1" {
            assert_eq!(used, 1);
        }
    }
}

#[test]
fn shards_union_to_the_full_build() {
    let (full, sharded) = (scratch(), scratch());
    build_into(&full, &full.join("out"), &[]);
    for s in ["1/3", "2/3", "3/3"] {
        build_into(&sharded, &sharded.join("out"), &["--shard", s]);
    }
    assert!(
        tree(&full.join("out")) == tree(&sharded.join("out")),
        "shards do not union to the full build"
    );
    let r = casefile(&full, &["build", "--shard", "4/3"]);
    assert_eq!(
        r.status.code(),
        Some(2),
        "an impossible shard is a usage error"
    );
}

#[test]
fn rebuilds_are_incremental_and_correct() {
    let dir = scratch();
    copy_dir(&root().join("tests/fixtures/valid"), &dir);
    let run = |args: &[&str]| {
        let r = casefile(&dir, args);
        assert!(r.status.success(), "{}", text(&r.stderr));
        text(&r.stderr)
    };
    assert!(run(&["build"]).contains("(1 rendered, 0 unchanged)"));
    assert!(run(&["build"]).contains("(0 rendered, 1 unchanged)"));
    // A change to the case re-renders it, and the result is what a clean build gives.
    let yaml = dir.join("cases/mini/case.yaml");
    let text_before = std::fs::read_to_string(&yaml).expect("read");
    std::fs::write(
        &yaml,
        text_before.replace("title: Fixture Memorandum", "title: Fixture Memorandum II"),
    )
    .expect("write");
    assert!(run(&["build"]).contains("1 rendered"));
    assert!(
        std::fs::read_to_string(dir.join("output/mini/brief.md"))
            .expect("brief")
            .contains("Fixture Memorandum II")
    );
    run(&["build", "--check"]);
    // A deleted output file is noticed.
    std::fs::remove_file(dir.join("output/mini/exhibits.html")).expect("rm");
    assert!(run(&["build"]).contains("1 rendered"));
    assert!(dir.join("output/mini/exhibits.html").exists());
    // A new template re-renders everything that uses it.
    std::fs::create_dir_all(dir.join("templates/case")).expect("mkdir");
    std::fs::write(dir.join("templates/case/extra.md"), "# Extra\n").expect("write");
    assert!(run(&["build"]).contains("1 rendered"));
    assert!(dir.join("output/mini/extra.html").exists());
    run(&["build", "--check"]);
    // A same-size edit to an output file is repaired by the next build.
    let brief = dir.join("output/mini/brief.md");
    let good = std::fs::read(&brief).expect("brief");
    let mut bad = good.clone();
    bad[0] = if bad[0] == b'x' { b'y' } else { b'x' };
    std::fs::write(&brief, &bad).expect("write");
    assert!(run(&["build"]).contains("1 rendered"));
    assert_eq!(std::fs::read(&brief).expect("brief"), good);
    // A broken manifest costs a full rebuild, nothing more.
    std::fs::write(
        dir.join("output/.casefile-manifest.json"),
        "{\"cases\": [1, 2",
    )
    .expect("w");
    assert!(run(&["build"]).contains("1 rendered"));
    run(&["build", "--check"]);
}

#[test]
fn diagnostics_as_json() {
    let fixture = root().join("tests/fixtures/invalid/many-errors");
    let r = casefile(&fixture, &["check", "--format", "json"]);
    assert_eq!(r.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).expect("json on stdout");
    let d = &v["diagnostics"];
    assert_eq!(d.as_array().map(Vec::len), Some(5));
    assert_eq!(d[0]["code"], "duplicate-id");
    assert_eq!(d[0]["file"], "cases/c/case.yaml");
    assert_eq!(d[0]["line"], 23);
    assert_eq!(d[1]["code"], "dangling-reference");
    assert_eq!(d[1]["help"], "did you mean `official`?");
    assert!(
        r.stderr.is_empty(),
        "JSON mode keeps stderr clean: {}",
        text(&r.stderr)
    );
}
