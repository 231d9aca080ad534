//! Property tests (proptest): the stand-in for cargo-fuzz, which needs a nightly toolchain
//! this project does not have. `PROPTEST_CASES=100000 cargo test --lib props` runs a long
//! session. Properties: loading, validating, resolving and rendering arbitrary or mutated
//! case files never panics; escaped data and citations never become markup; the
//! cite-checker never panics on arbitrary text.

use std::path::Path;

use proptest::prelude::*;

use crate::markdown;

const VALID: &str = include_str!("../tests/fixtures/valid/cases/mini/case.yaml");
const XSS: &str = include_str!("../tests/fixtures/xss/cases/xss/case.yaml");

/// Run every stage that does not touch the disk; errors are fine, panics are not.
fn pipeline(yaml: &str) {
    let Ok(case) = crate::load::case_from_text("p", Path::new("p/case.yaml"), yaml) else {
        return;
    };
    let Ok(ids) = crate::validate::validate(&case) else {
        return;
    };
    let Ok(r) = crate::resolve::resolve(&case, &ids) else {
        return;
    };
    if let Ok(engine) = crate::render::Engine::new(None) {
        let _ = engine.render_case(
            &r.view,
            &crate::render::OutputFormat::ALL,
            crate::render::Edition::Public,
            false,
        );
    }
}

/// Tags a Markdown page made from escaped data may contain.
fn only_safe_tags(html: &str) -> bool {
    html.split('<').skip(1).all(|t| {
        // Only the tag itself, not the text after it.
        let t = t.split('>').next().unwrap_or("");
        let name: String = t
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        matches!(name.as_str(), "p" | "em" | "strong" | "a" | "sup" | "br")
            && !t.to_ascii_lowercase().contains(" on")
            && !t.to_ascii_lowercase().contains("javascript:")
    })
}

/// No element or attribute that runs code or loads anything, and every id either one the
/// page's own template set or under the user namespace.
fn inert(html: &str) -> bool {
    html.split('<').skip(1).all(|t| {
        let t = t.split('>').next().unwrap_or("");
        let lower = t.to_ascii_lowercase();
        let name: String = lower
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let banned = [
            "script", "iframe", "img", "object", "embed", "form", "svg", "style", "link", "meta",
            "base", "input", "video", "audio", "math",
        ];
        let ids_ok = lower.split(" id=\"").skip(1).all(|rest| {
            rest.starts_with("u-") || rest.starts_with("top\"") || rest.starts_with("sec-next\"")
        });
        !banned.contains(&name.as_str())
            && !lower.contains(" on")
            && !lower.contains("style=")
            && !lower.contains("javascript:")
            && ids_ok
    })
}

fn mutate(base: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for &(pos, op, c) in edits {
        if chars.is_empty() {
            break;
        }
        let at = pos % chars.len();
        match op % 3 {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, c),
            _ => {
                if let Some(slot) = chars.get_mut(at) {
                    *slot = c;
                }
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_yaml_never_panics(s in "\\PC{0,400}") {
        pipeline(&s);
    }

    #[test]
    fn mutated_cases_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), prop::sample::select(vec![
            ':', '-', '[', ']', '{', '}', '&', '*', '@', '"', '\'', '\n', ' ', '#', '|', '>', 'a', '0', '\t', '\u{0}', 'é',
        ])), 1..8),
        which in any::<bool>(),
    ) {
        pipeline(&mutate(if which { VALID } else { XSS }, &edits));
    }

    #[test]
    fn escaped_data_never_becomes_markup(s in "\\PC{0,200}") {
        let html = markdown::to_html(&markdown::escape(&s));
        prop_assert!(only_safe_tags(&html), "{}", html);
    }

    #[test]
    fn citations_never_emit_unescaped_markup(
        name in "\\PC{1,60}", reporter in "\\PC{1,12}", court in "\\PC{0,12}", pin in "\\PC{0,12}",
        volume in 1u32..2000, page in 1u32..5000, year in 1800u32..2100,
    ) {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let yaml = format!(
            "case: {{title: T, short_title: T, court: C, docket: D, forum: cofc, protest_type: post_award, status: pending}}\nauthorities:\n  - {{id: a, kind: case, name: {}, short: {}, volume: {volume}, reporter: {}, page: {page}, court: {}, year: {year}}}\nsources:\n  - {{id: s, kind: news, title: {}, author: {}, outlet: {}, url: {}, date: 2020-01-02}}\n",
            q(&name), q(&name), q(&reporter), q(&court), q(&name), q(&court), q(&reporter), q(&pin),
        );
        let Ok(case) = crate::load::case_from_text("p", Path::new("p/case.yaml"), &yaml) else {
            return Ok(());
        };
        let lib = crate::cite::Library::new(&case.data, Default::default());
        let forms = crate::cite::Forms { lib: &lib, as_of: None };
        for t in [lib.target("a"), lib.target("s")].into_iter().flatten() {
            let short = match forms.short(t, Some(&pin), Default::default()) {
                crate::cite::forms::Short::Form(s) => s,
                crate::cite::forms::Short::NeedsPin => String::new(),
            };
            for md in [forms.full(t, Some(&pin), Default::default()), short, forms.table(t)] {
                let html = markdown::to_html(&md);
                prop_assert!(only_safe_tags(&html), "{} -> {}", md, html);
            }
        }
    }

    #[test]
    fn user_markdown_never_becomes_active(
        a in "(\\PC|[\n<>\\[\\]{}#*_`~|!:^=-]){0,200}",
        b in "(\\PC|[\n<>\\[\\]{}#*_`~|!:^=-]){0,200}",
    ) {
        let page = format!(
            "# Page {{#top}}\n\n{}\n\n## Next {{#sec-next}}\n\n{}\n",
            markdown::sanitize_body(&a, "sec-a"),
            markdown::sanitize_body(&b, "sec-b"),
        );
        let html = markdown::to_html(&page);
        prop_assert!(inert(&html), "{} -> {}", page, html);
        prop_assert!(html.contains("<h2 id=\"sec-next\">Next</h2>"), "a section's state leaked: {}", html);
    }

    #[test]
    fn cite_check_never_panics(src in "\\PC{0,300}", quote in "\\PC{0,80}", page in 0u32..5, para in 0u32..5) {
        let p = crate::quote::Prepared::new(&src);
        let pin = crate::quote::Pinpoint { page: (page > 0).then_some(crate::model::Pages::one(page)), paragraph: (para > 0).then_some(para), footnote: None };
        let _ = crate::quote::check(&p, &quote, pin, crate::quote::Relax::default());
        // A quotation cut from the source itself is always found.
        let words: Vec<&str> = src.split_whitespace().take(6).collect();
        if words.len() >= 4 && words.iter().all(|w| w.chars().all(char::is_alphanumeric)) {
            let q = words.join(" ");
            let st = crate::quote::check(&p, &q, crate::quote::Pinpoint::default(), crate::quote::Relax::default());
            prop_assert!(!st.is_failure(), "{:?} for {:?}", st, q);
        }
    }
}
