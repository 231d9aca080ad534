//! Stage 4: templates to files. Markdown templates (`*.md`) are rendered by a Tera whose
//! escape function escapes Markdown; each Markdown page is converted to HTML and wrapped in
//! `layout.html` by a second Tera that escapes HTML. Built-in templates are embedded; a
//! user's `templates/` folder overrides them by relative path and may add new ones:
//! `case/*.md` renders once per case, `deponent/*.md` once per proposed deponent (into
//! `depositions/<id>.md`), `site/*.md` once for the whole site.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::error::{Error, Errors, Loc, Result};
use crate::markdown;
use crate::view::{CaseView, SiteCase};

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// The built-in templates, embedded at compile time from the repository's `templates/`.
pub const BUILTIN: &[(&str, &str)] = builtin!(
    "layout.html",
    "case/index.md",
    "case/brief.md",
    "case/chronology.md",
    "case/exhibits.md",
    "case/cite-check.md",
    "deponent/deposition.md",
    "person/who.md",
    "site/index.md",
);

/// The style sheet every page embeds.
pub const STYLE: &str = include_str!("../templates/style.css");

/// The Content-Security-Policy source for an inline style sheet: `'sha256-…'`.
pub fn csp_hash(style: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(style.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                let sextet = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(T.get(sextet).map_or('=', |&c| char::from(c)));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A rendered output file, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
pub struct Engine {
    md: Tera,
    html: Tera,
    /// Template names by role, sorted.
    case: Vec<String>,
    deponent: Vec<String>,
    person: Vec<String>,
    site: Vec<String>,
    /// The style sheet (built-in or the user's `style.css`) and its CSP hash.
    style: String,
    style_hash: String,
    /// Where each template came from (a user file or `<built-in>/...`).
    origins: Vec<(String, PathBuf)>,
}

/// `{{ date | date(format="long") }}`: ISO dates to prose (`long`), citations
/// (`bluebook`) or as they are (`iso`).
fn date_filter(value: &str, kwargs: Kwargs, _: &State) -> tera::TeraResult<String> {
    let format: Option<&str> = kwargs.get("format")?;
    let d = crate::model::Date::parse(value).map_err(tera::Error::message)?;
    match format.unwrap_or("long") {
        "long" => Ok(d.long()),
        "bluebook" => Ok(d.bluebook()),
        "iso" => Ok(d.iso()),
        other => Err(tera::Error::message(format!(
            "unknown date format `{other}` (use long, bluebook or iso)"
        ))),
    }
}

/// `{{ "toa" | anchor }}` writes a Markdown heading id, `{#toa}` (which Tera would
/// otherwise read as a comment).
fn anchor_filter(value: &str, _: Kwargs, _: &State) -> tera::Value {
    let id: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    tera::Value::safe_string(&format!("{{#{id}}}"))
}

fn new_tera(md: bool) -> Tera {
    let mut t = Tera::new();
    // Filters first, then templates.
    t.register_filter("date", date_filter);
    t.register_filter("anchor", anchor_filter);
    if md {
        t.set_escape_fn(markdown::escape_for_tera);
        t.autoescape_on([".md"]);
    }
    t
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, base, out)?;
        } else if name.ends_with(".md") || name.ends_with(".html") {
            let rel = p
                .strip_prefix(base)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, p));
        }
    }
    Ok(())
}

/// Tera reports unknown filters, tests and functions as a text report
/// (`error: …` / `--> name:line:col`); read the location back out of it.
fn parse_report(report: &str) -> Option<(String, u32, u32, String)> {
    let mut lines = report.lines();
    let message = lines.find_map(|l| l.strip_prefix("error: "))?.to_string();
    let at = lines.find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = at.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, col, message))
}

fn template_error(e: &tera::Error, origins: &[(String, PathBuf)]) -> Error {
    use tera::ErrorKind;
    let (name, line, col, message) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
            r.filename().to_string(),
            r.span().start_line as u32,
            r.span().start_col as u32 + 1,
            r.message().to_string(),
        ),
        other => {
            let text = other.to_string();
            parse_report(&text).unwrap_or((String::new(), 0, 0, text))
        }
    };
    let mut message = message;
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        message.push_str(&format!(": {c}"));
        cause = c.source();
    }
    let file = origins.iter().find(|(n, _)| *n == name).map_or_else(
        || PathBuf::from(format!("<built-in>/{name}")),
        |(_, p)| p.clone(),
    );
    Error::Template {
        at: Loc::new(file, line, col),
        name,
        message,
    }
}

impl Engine {
    /// Built-in templates, overridden and extended by `user_dir` when it exists.
    pub fn new(user_dir: Option<&Path>) -> Result<Engine, Errors> {
        let mut sources: Vec<(String, String, PathBuf)> = BUILTIN
            .iter()
            .map(|(n, s)| {
                (
                    n.to_string(),
                    s.to_string(),
                    PathBuf::from(format!("<built-in>/{n}")),
                )
            })
            .collect();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            let mut found = Vec::new();
            walk(dir, dir, &mut found).map_err(|source| Error::Read {
                path: dir.to_path_buf(),
                source,
            })?;
            for (rel, path) in found {
                let text = crate::load::read_text(&path, 4 * 1024 * 1024)?;
                match sources.iter_mut().find(|(n, _, _)| *n == rel) {
                    Some(slot) => *slot = (rel, text, path),
                    None => sources.push((rel, text, path)),
                }
            }
        }
        let origins: Vec<(String, PathBuf)> = sources
            .iter()
            .map(|(n, _, p)| (n.clone(), p.clone()))
            .collect();
        let mut md = new_tera(true);
        let mut html = new_tera(false);
        let mut errors = Errors::default();
        for (name, text, _) in &sources {
            let t = if name.ends_with(".md") {
                &mut md
            } else {
                &mut html
            };
            if let Err(e) = t.add_raw_template(name, text) {
                errors.push(template_error(&e, &origins));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let role = |prefix: &str| {
            let mut v: Vec<String> = sources
                .iter()
                .filter(|(n, _, _)| {
                    n.starts_with(prefix)
                        && n.ends_with(".md")
                        && !n.rsplit('/').next().unwrap_or("").starts_with('_')
                })
                .map(|(n, _, _)| n.clone())
                .collect();
            v.sort();
            v
        };
        let style = match user_dir
            .map(|d| d.join("style.css"))
            .filter(|p| p.is_file())
        {
            Some(p) => crate::load::read_text(&p, 1024 * 1024)?,
            None => STYLE.to_string(),
        };
        let style_hash = csp_hash(&style);
        Ok(Engine {
            case: role("case/"),
            deponent: role("deponent/"),
            person: role("person/"),
            site: role("site/"),
            style,
            style_hash,
            md,
            html,
            origins,
        })
    }

    fn md(&self, name: &str, ctx: &Context) -> Result<String> {
        self.md
            .render(name, ctx)
            .map_err(|e| template_error(&e, &self.origins))
    }

    /// Render a Markdown page and its HTML twin.
    /// Render one page. Values are serialised once per case by the caller and shared
    /// (Tera values are reference-counted), not once per page.
    fn page(
        &self,
        tpl: &str,
        out: &str,
        root: &str,
        nav: &Value,
        extra: &[(&'static str, &Value)],
    ) -> Result<Vec<OutFile>> {
        let mut ctx = Context::new();
        ctx.insert("root", root);
        ctx.insert_value("nav", nav.clone());
        for (k, v) in extra {
            ctx.insert_value(*k, (*v).clone());
        }
        let md = self.md(tpl, &ctx)?;
        let body = markdown::to_html(&md);
        let title = md
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(|t| t.split(" {#").next().unwrap_or(t).replace(['\\', '*'], ""))
            .unwrap_or_default();
        let mut hctx = Context::new();
        hctx.insert("title", &title);
        hctx.insert("content", &body);
        hctx.insert("root", root);
        hctx.insert_value("nav", nav.clone());
        hctx.insert("style", &self.style);
        hctx.insert("style_hash", &self.style_hash);
        hctx.insert("page", out);
        let html = self
            .html
            .render("layout.html", &hctx)
            .map_err(|e| template_error(&e, &self.origins))?;
        let html_name = format!("{}.html", out.strip_suffix(".md").unwrap_or(out));
        Ok(vec![
            OutFile {
                path: PathBuf::from(out),
                bytes: md.into_bytes(),
            },
            OutFile {
                path: PathBuf::from(html_name),
                bytes: html.into_bytes(),
            },
        ])
    }

    /// Every page of one case, under `<slug>/`.
    pub fn render_case(&self, view: &CaseView) -> Result<Vec<OutFile>, Errors> {
        let mut files = Vec::new();
        let mut errors = Errors::default();
        let nav = Value::from_serializable(&Nav::for_case(view));
        let case_v = Value::from_serializable(view);
        let mut emit = |r: Result<Vec<OutFile>>| match r {
            Ok(f) => files.extend(f),
            Err(e) => errors.push(e),
        };
        for tpl in &self.case {
            let name = tpl.trim_start_matches("case/");
            emit(self.page(tpl, name, "../", &nav, &[("case", &case_v)]));
        }
        // Per-item pages: `deponent/X.md` for each outline, `person/X.md` for each person.
        let deponents: Vec<(&str, Value)> = view
            .depositions
            .iter()
            .map(|d| (d.id.as_str(), Value::from_serializable(d)))
            .collect();
        let people: Vec<(&str, Value)> = view
            .who
            .iter()
            .map(|w| (w.id.as_str(), Value::from_serializable(w)))
            .collect();
        let groups = [
            (
                &self.deponent,
                "deponent",
                "depositions",
                "deposition",
                deponents,
            ),
            (&self.person, "person", "people", "who", people),
        ];
        for (templates, key, folder, main, values) in &groups {
            for (id, value) in values {
                for tpl in templates.iter() {
                    let stem = tpl
                        .trim_start_matches(&format!("{key}/"))
                        .trim_end_matches(".md")
                        .to_string();
                    let name = if stem == *main {
                        format!("{folder}/{id}.md")
                    } else {
                        format!("{folder}/{id}-{stem}.md")
                    };
                    emit(self.page(
                        tpl,
                        &name,
                        "../../",
                        &nav,
                        &[("case", &case_v), (key, value)],
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for f in &mut files {
            f.path = Path::new(&view.slug).join(&f.path);
        }
        Ok(files)
    }

    /// The site pages (the index of all cases) at the output root.
    pub fn render_site(&self, cases: &[SiteCase]) -> Result<Vec<OutFile>, Errors> {
        let mut files = Vec::new();
        let nav = Value::from_serializable(&Nav::default());
        let cases_v = Value::from_serializable(cases);
        for tpl in &self.site {
            let name = tpl.trim_start_matches("site/");
            files.extend(self.page(tpl, name, "", &nav, &[("cases", &cases_v)])?);
        }
        Ok(files)
    }
}

/// Links every case page shows.
#[derive(Debug, Default, Serialize)]
pub struct Nav {
    pub slug: String,
    pub short_title: String,
    pub depositions: Vec<(String, String)>,
}

impl Nav {
    fn for_case(v: &CaseView) -> Nav {
        Nav {
            slug: v.slug.clone(),
            short_title: v.short_title.clone(),
            depositions: v
                .depositions
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_tera_text_reports() {
        let r = "error: Unknown filter `shout`\n --> case/extra.md:1:19\n  |\n1 | x\n";
        assert_eq!(
            super::parse_report(r),
            Some((
                "case/extra.md".into(),
                1,
                19,
                "Unknown filter `shout`".into()
            ))
        );
        assert_eq!(super::parse_report("plain"), None);
    }

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
        // echo -n x | openssl dgst -sha256 -binary | base64
        assert_eq!(
            super::csp_hash("x"),
            "'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='"
        );
    }
}
