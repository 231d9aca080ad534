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

use crate::error::{Error, Errors, Loc, Result, line_col};
use crate::markdown;
use crate::pages::{self, NavLink, Page, Role};
use crate::view::{CaseView, SiteCase};
pub use crate::write::OutFile;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// The built-in templates, embedded at compile time from the repository's `templates/`.
pub const BUILTIN: &[(&str, &str)] = builtin!(
    "layout.html",
    "case/index.md",
    "document/document.md",
    "case/chronology.md",
    "case/exhibits.md",
    "case/cite-check.md",
    "case/service-list.md",
    "deponent/deposition.md",
    "person/who.md",
    "site/index.md",
    "case/redactions.md",
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

#[derive(Debug)]
pub struct Engine {
    md: Tera,
    html: Tera,
    /// The style sheet (built-in or the user's `style.css`) and its CSP hash.
    style: String,
    style_hash: String,
    /// Every template: name, text and where it came from (a user file or `<built-in>/…`).
    templates: Vec<Tpl>,
    /// The Markdown the `.md` files are written in (HTML and Word are made from the
    /// pandoc form either way).
    pub markdown: crate::markdown::Flavor,
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

/// `{{ s.email | literal }}`: an identifier exactly as written (no typographic quotes,
/// dashes or ellipses), escaped for Markdown.
fn literal_filter(value: &str, _: Kwargs, _: &State) -> tera::Value {
    tera::Value::safe_string(&markdown::literal(value))
}

/// `{{ l.href | html_link }}`: a page map link to a Markdown page, pointed at its HTML
/// twin (for the HTML layout).
fn html_link_filter(value: &str, _: Kwargs, _: &State) -> String {
    markdown::html_link(value).unwrap_or_else(|| value.to_string())
}

fn new_tera(md: bool) -> Tera {
    let mut t = Tera::new();
    // Filters first, then templates.
    t.register_filter("date", date_filter);
    t.register_filter("anchor", anchor_filter);
    t.register_filter("html_link", html_link_filter);
    t.register_filter("literal", literal_filter);
    if md {
        t.set_escape_fn(markdown::escape_for_tera);
        t.autoescape_on([".md"]);
    }
    t
}

/// The user's templates: every `.md` and `.html` file below `dir`, by relative path. Links
/// are read only if they stay inside `dir`; a link to a folder is not followed.
fn user_templates(dir: &Path) -> Result<Vec<(String, String, PathBuf)>, Errors> {
    let folder = crate::fs::Folder::new(dir);
    let mut out = Vec::new();
    let mut errors = Errors::default();
    for e in crate::fs::walk(dir)? {
        let is_template = e.rel.ends_with(".md") || e.rel.ends_with(".html");
        if e.meta.file_type().is_symlink() && e.path.is_dir() {
            errors.push(Error::Read {
                path: e.path,
                source: std::io::Error::other(
                    "it is a link to a folder; casefile does not follow folder links in templates",
                ),
            });
            continue;
        }
        if !is_template {
            continue;
        }
        match folder.read_text(&e.path, MAX_TEMPLATE_BYTES) {
            Ok(text) => out.push((e.rel, text, e.path)),
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Larger templates are refused before they are read.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// Where a template names another (`{% include "x" %}`, `{% extends "x" %}`).
fn find_reference(text: &str, name: &str) -> Option<(u32, u32)> {
    for quoted in [format!("\"{name}\""), format!("'{name}'")] {
        if let Some(i) = text.find(&quoted) {
            return Some(line_col(text, i));
        }
    }
    None
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

/// A template as loaded: its name (relative path), text and where it came from.
#[derive(Debug)]
struct Tpl {
    name: String,
    text: String,
    origin: PathBuf,
}

fn find_tpl<'a>(templates: &'a [Tpl], name: &str) -> Option<&'a Tpl> {
    templates.iter().find(|t| t.name == name)
}

/// A template error at a place in a template's own file.
fn located(templates: &[Tpl], name: &str, at: Option<(u32, u32)>, message: String) -> Error {
    let (line, col) = at.unwrap_or((1, 1));
    let file = find_tpl(templates, name).map_or_else(
        || PathBuf::from(format!("<built-in>/{name}")),
        |t| t.origin.clone(),
    );
    Error::Template {
        at: Loc::new(file, line, col),
        name: name.to_string(),
        message,
    }
}

/// Where in `name` it refers to `other`.
fn reference_in(templates: &[Tpl], name: &str, other: &str) -> Option<(u32, u32)> {
    find_tpl(templates, name).and_then(|t| find_reference(&t.text, other))
}

fn template_error(e: &tera::Error, templates: &[Tpl]) -> Error {
    use tera::ErrorKind;
    let chain = |names: &[String]| names.join(" → ");
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let mut message = r.message().to_string();
            let mut cause = std::error::Error::source(e);
            while let Some(c) = cause {
                message.push_str(&format!(": {c}"));
                cause = c.source();
            }
            located(
                templates,
                r.filename(),
                Some((
                    u32::try_from(r.span().start_line).unwrap_or(u32::MAX),
                    u32::try_from(r.span().start_col + 1).unwrap_or(u32::MAX),
                )),
                message,
            )
        }
        ErrorKind::CircularInclude { tpl, include_chain } => {
            let next = include_chain.get(1).map_or(tpl.as_str(), String::as_str);
            located(
                templates,
                tpl,
                reference_in(templates, tpl, next),
                format!("it includes itself ({})", chain(include_chain)),
            )
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let next = inheritance_chain
                .get(1)
                .map_or(tpl.as_str(), String::as_str);
            located(
                templates,
                tpl,
                reference_in(templates, tpl, next),
                format!("it extends itself ({})", chain(inheritance_chain)),
            )
        }
        ErrorKind::MissingParent { current, parent } => located(
            templates,
            current,
            reference_in(templates, current, parent),
            format!("it extends `{parent}`, which is not a template of this site"),
        ),
        ErrorKind::TemplateNotFound(missing) => {
            // Name the template that refers to the missing one.
            let user = templates
                .iter()
                .find_map(|t| find_reference(&t.text, missing).map(|at| (t.name.as_str(), at)));
            match user {
                Some((name, at)) => located(
                    templates,
                    name,
                    Some(at),
                    format!("it includes `{missing}`, which is not a template of this site"),
                ),
                None => located(templates, missing, None, format!("no template `{missing}`")),
            }
        }
        other => {
            let text = other.to_string();
            match parse_report(&text) {
                Some((name, line, col, message)) => {
                    located(templates, &name, Some((line, col)), message)
                }
                None => located(templates, "", None, text),
            }
        }
    }
}

impl Engine {
    /// Built-in templates, overridden and extended by `user_dir` when it exists.
    pub fn new(user_dir: Option<&Path>) -> Result<Engine, Errors> {
        let mut templates: Vec<Tpl> = BUILTIN
            .iter()
            .map(|(n, s)| Tpl {
                name: n.to_string(),
                text: s.to_string(),
                origin: PathBuf::from(format!("<built-in>/{n}")),
            })
            .collect();
        let mut style = STYLE.to_string();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            for (name, text, origin) in user_templates(dir)? {
                let t = Tpl { name, text, origin };
                match templates.iter_mut().find(|x| x.name == t.name) {
                    Some(slot) => *slot = t,
                    None => templates.push(t),
                }
            }
            let css = dir.join("style.css");
            if fs::symlink_metadata(&css).is_ok() {
                style = crate::fs::Folder::new(dir).read_text(&css, 1024 * 1024)?;
            }
        }
        let mut md = new_tera(true);
        let mut html = new_tera(false);
        // All at once: templates that include each other load whatever their order.
        for (tera, markdown) in [(&mut md, true), (&mut html, false)] {
            let batch = templates
                .iter()
                .filter(|t| t.name.ends_with(".md") == markdown)
                .map(|t| (t.name.as_str(), t.text.as_str()));
            tera.add_raw_templates(batch)
                .map_err(|e| template_error(&e, &templates))?;
        }
        let style_hash = csp_hash(&style);
        Ok(Engine {
            markdown: crate::markdown::Flavor::default(),
            style,
            style_hash,
            md,
            html,
            templates,
        })
    }

    /// Render one template within its budgets (see [`crate::guard`]).
    fn render(&self, tera: &Tera, name: &str, ctx: &Context) -> Result<String> {
        let index = self
            .templates
            .iter()
            .position(|t| t.name == name)
            .unwrap_or(usize::MAX);
        let _render = crate::guard::Render::start(index);
        let mut out = crate::guard::Budget::new();
        let result = tera.render_to(name, ctx, &mut out);
        match (result, out.breach) {
            (Ok(()), _) => String::from_utf8(out.out).map_err(|_| {
                located(
                    &self.templates,
                    name,
                    None,
                    "it produced text that is not UTF-8".into(),
                )
            }),
            (Err(_), Some(b)) => Err(self.over_budget(index, b)),
            (Err(e), None) => Err(template_error(&e, &self.templates)),
        }
    }

    /// The error for template number `index` running out of a budget, placed at the
    /// construct most likely responsible: the first loop, or for memory the first `set`.
    pub fn over_budget(&self, index: usize, b: crate::guard::Breach) -> Error {
        let Some(t) = self.templates.get(index) else {
            return located(&self.templates, "", None, b.describe());
        };
        // Tags in order of suspicion (spelled with escapes: no brace stands unpaired here).
        let tags: &[&str] = match b {
            crate::guard::Breach::Memory => &["set_global", "\u{7b}% for", "\u{7b}% set"],
            _ => &["\u{7b}% for"],
        };
        let at = tags.iter().find_map(|needle| {
            let i = t.text.find(needle)?;
            // Point at the tag's opening brace.
            let start = if needle.starts_with('\u{7b}') {
                i
            } else {
                t.text.get(..i).and_then(|b| b.rfind('\u{7b}')).unwrap_or(i)
            };
            Some(line_col(&t.text, start))
        });
        located(
            &self.templates,
            &t.name,
            at,
            format!(
                "it {}; a loop that does not end or a value that keeps growing?",
                b.describe()
            ),
        )
    }

    /// Render a document's Markdown: its template with the page's context.
    fn markdown(
        &self,
        doc: &Document<'_>,
        links: &Links,
        shared: &[(&'static str, &Value)],
    ) -> Result<String> {
        let mut ctx = Context::new();
        ctx.insert("root", &doc.page.root());
        ctx.insert_value("nav", links.nav.clone());
        ctx.insert_value("pages", links.pages.clone());
        for (k, v) in shared {
            ctx.insert_value(*k, (*v).clone());
        }
        if let Some((k, v)) = &doc.item {
            ctx.insert_value(*k, (*v).clone());
        }
        self.render(&self.md, doc.template, &ctx)
    }

    /// The page in one format (none: the format does not apply to the page, as Word to
    /// anything but a case document).
    fn emit(
        &self,
        format: OutputFormat,
        doc: &Document<'_>,
        links: &Links,
        md: &str,
    ) -> Result<Option<OutFile>> {
        let page = &doc.page;
        let md_path = page.path();
        let twin = |ext: &str| {
            PathBuf::from(format!(
                "{}.{ext}",
                md_path.strip_suffix(".md").unwrap_or(&md_path)
            ))
        };
        match format {
            OutputFormat::Markdown => Ok(Some(OutFile {
                path: PathBuf::from(&md_path),
                bytes: match self.markdown {
                    crate::markdown::Flavor::Pandoc => md.as_bytes().to_vec(),
                    crate::markdown::Flavor::Gfm => crate::markdown::to_gfm(md).into_bytes(),
                },
            })),
            OutputFormat::Docx => {
                let Some(view) = doc.view else {
                    return Ok(None);
                };
                let bytes = crate::docx::write(md, view, links.legend).map_err(|e| {
                    located(
                        &self.templates,
                        doc.template,
                        None,
                        format!("its Word export could not be written: {e}"),
                    )
                })?;
                Ok(Some(OutFile {
                    path: twin("docx"),
                    bytes,
                }))
            }
            OutputFormat::Html => {
                let title = md
                    .lines()
                    .find_map(|l| l.strip_prefix("# "))
                    .map(|t| {
                        t.split(" \u{7b}#")
                            .next()
                            .unwrap_or(t)
                            .replace(['\\', '*'], "")
                    })
                    .unwrap_or_default();
                let mut hctx = Context::new();
                hctx.insert("title", &title);
                hctx.insert("content", &markdown::to_html(md));
                hctx.insert("root", &page.root());
                hctx.insert_value("nav", links.nav.clone());
                hctx.insert_value("pages", links.pages.clone());
                hctx.insert("style", &self.style);
                hctx.insert("style_hash", &self.style_hash);
                hctx.insert("page", &md_path);
                hctx.insert_value("edition", links.edition.clone());
                let html = self.render(&self.html, "layout.html", &hctx)?;
                Ok(Some(OutFile {
                    path: twin("html"),
                    bytes: html.into_bytes(),
                }))
            }
        }
    }

    /// Render documents in every format: the render loop is documents × formats, and
    /// (in `render_case`) editions.
    fn render_documents(
        &self,
        docs: &[Document<'_>],
        shared: &[(&'static str, &Value)],
        links: impl Fn(&Page) -> Links,
        formats: &[OutputFormat],
    ) -> Result<Vec<OutFile>, Errors> {
        let mut files = Vec::new();
        let mut errors = Errors::default();
        for doc in docs {
            let links = links(&doc.page);
            let md = match self.markdown(doc, &links, shared) {
                // The sealed edition's legend heads every page, whatever its template.
                Ok(md) => match links.legend {
                    Some(l) => format!("<p class=\"legend\">{}</p>\n\n{md}", markdown::escape(l)),
                    None => md,
                },
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            for &f in formats {
                match self.emit(f, doc, &links, &md) {
                    Ok(file) => files.extend(file),
                    Err(e) => errors.push(e),
                }
            }
        }
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    /// Every page of one case, in every format, under `<edition>/<slug>/`.
    pub fn render_case(
        &self,
        view: &CaseView,
        formats: &[OutputFormat],
        edition: Edition,
        sealed_case: bool,
    ) -> Result<Vec<OutFile>, Errors> {
        // Values are serialized once per case and shared (Tera values are
        // reference-counted), not once per page.
        let case_v = Value::from_serializable(view);
        let edition_v = Value::from_serializable(&edition.view(sealed_case));
        let items = |role: Role, key: &'static str| -> Vec<(String, &'static str, Value)> {
            match role {
                Role::Deponent => view
                    .depositions
                    .iter()
                    .map(|d| (d.id.clone(), key, Value::from_serializable(d)))
                    .collect(),
                Role::Person => view
                    .who
                    .iter()
                    .map(|w| (w.id.clone(), key, Value::from_serializable(w)))
                    .collect(),
                Role::Document => view
                    .documents
                    .iter()
                    .map(|d| (d.id.clone(), key, Value::from_serializable(d)))
                    .collect(),
                Role::Case | Role::Site => Vec::new(),
            }
        };
        let deponents = items(Role::Deponent, "deponent");
        let people = items(Role::Person, "person");
        let documents = items(Role::Document, "doc");
        let mut docs = Vec::new();
        for t in &self.templates {
            if edition != Edition::Sealed && SEALED_ONLY.contains(&t.name.as_str()) {
                continue;
            }
            match Role::of(&t.name) {
                Some(Role::Case) => {
                    docs.extend(Page::for_template(&t.name, None).map(|page| Document {
                        template: &t.name,
                        page,
                        view: None,
                        item: None,
                    }))
                }
                Some(role @ (Role::Deponent | Role::Person | Role::Document)) => {
                    let list = match role {
                        Role::Deponent => &deponents,
                        Role::Person => &people,
                        _ => &documents,
                    };
                    for (id, key, value) in list {
                        let view = (role == Role::Document && t.name == DOCUMENT_TEMPLATE)
                            .then(|| view.documents.iter().find(|d| &d.id == id))
                            .flatten();
                        docs.extend(Page::for_template(&t.name, Some(id)).map(|page| Document {
                            template: &t.name,
                            page,
                            view,
                            item: Some((key, value)),
                        }));
                    }
                }
                Some(Role::Site) | None => {}
            }
        }
        // Two templates may not make one page (an old `case/brief.md` beside the document
        // template's `brief.md`).
        let mut made: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
        for d in &docs {
            if let Some(first) = made.insert(d.page.path(), d.template) {
                return Err(located(
                    &self.templates,
                    d.template,
                    None,
                    format!(
                        "it makes `{}`, which `{first}` makes too; a case's documents are \
                         rendered by `document/document.md` (rename or move this template)",
                        d.page.path()
                    ),
                )
                .into());
            }
        }
        let listed: Vec<(String, String)> = view
            .documents
            .iter()
            .map(|d| (d.id.clone(), d.short.clone()))
            .collect();
        let legend = edition.view(sealed_case).legend;
        let links = |page: &Page| Links {
            nav: Value::from_serializable(&Nav::for_case(view, page, &listed)),
            pages: Value::from_serializable(&pages::document_links(page, &listed)),
            edition: edition_v.clone(),
            legend,
        };
        let mut files = self.render_documents(
            &docs,
            &[("case", &case_v), ("edition", &edition_v)],
            links,
            formats,
        )?;
        for f in &mut files {
            f.path = edition.folder().join(&view.slug).join(&f.path);
        }
        Ok(files)
    }

    /// The site pages (the index of all cases) at the edition's root.
    pub fn render_site(
        &self,
        cases: &[SiteCase],
        formats: &[OutputFormat],
        edition: Edition,
    ) -> Result<Vec<OutFile>, Errors> {
        // The sealed site lists the cases that have a sealed edition.
        let cases_v = Value::from_serializable(
            &cases
                .iter()
                .filter(|c| edition == Edition::Public || c.sealed)
                .map(|c| SiteEntry {
                    href: pages::case_from_site(&c.slug),
                    case: c,
                })
                .collect::<Vec<_>>(),
        );
        let docs: Vec<Document<'_>> = self
            .templates
            .iter()
            .filter(|t| Role::of(&t.name) == Some(Role::Site))
            .map(|t| Document {
                template: &t.name,
                page: Page::Site,
                view: None,
                item: None,
            })
            .collect();
        let edition_v = Value::from_serializable(&edition.view(edition == Edition::Sealed));
        let links = |page: &Page| Links {
            nav: Value::from_serializable(&Nav {
                home: Page::Site.path(),
                ..Nav::default()
            }),
            pages: Value::from_serializable(&pages::document_links(page, &[])),
            edition: edition_v.clone(),
            legend: None,
        };
        let mut files = self.render_documents(
            &docs,
            &[("cases", &cases_v), ("edition", &edition_v)],
            links,
            formats,
        )?;
        for f in &mut files {
            f.path = edition.folder().join(&f.path);
        }
        Ok(files)
    }
}

/// A page's links, as its templates see them: `nav` and `pages`.
struct Links {
    nav: Value,
    pages: Value,
    /// The page's edition (`edition` in the layout).
    edition: Value,
    /// The sealed edition's legend, for the Word export's header.
    legend: Option<&'static str>,
}

/// One document to render: a template, the page it makes, and the item (deponent,
/// person) it is about, if it renders once per item.
struct Document<'v> {
    template: &'v str,
    page: Page,
    item: Option<(&'static str, &'v Value)>,
    /// For a case document's own page: its view (the Word export reads its table of
    /// authorities).
    view: Option<&'v crate::view::DocumentView>,
}

/// The formats every page is written in. Adding one is a new member and its `emit` arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Markdown (pandoc's dialect), the source of every other format.
    #[value(name = "md")]
    Markdown,
    /// Standalone HTML pages with the site's style sheet.
    Html,
    /// Word (`.docx`), for the case's documents only: styles, a TOC field, TA fields on
    /// every citation and TOA fields, footnotes, page numbers.
    Docx,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 3] = [
        OutputFormat::Markdown,
        OutputFormat::Html,
        OutputFormat::Docx,
    ];
}

/// The template that makes a case document's own page (its Word export is made from it).
const DOCUMENT_TEMPLATE: &str = "document/document.md";

/// The editions a case is rendered in (see [`crate::seal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// What the public may read: protected words replaced by `[* * *]`; at the output
    /// folder's root. A case without protected material has only this edition.
    Public,
    /// Under seal: protected words shown in `[[…]]`, the protective-order legend on every
    /// page, and the redaction log; in `sealed/`, which no public page links to.
    Sealed,
}

impl Edition {
    pub const ALL: [Edition; 2] = [Edition::Public, Edition::Sealed];

    /// The edition's folder inside the output folder.
    pub fn folder(self) -> &'static Path {
        match self {
            Edition::Public => Path::new(""),
            Edition::Sealed => Path::new(crate::pages::SEALED_FOLDER),
        }
    }

    /// What templates see as `edition`, for a case that marks protected material
    /// (`sealed_case`) or not.
    pub fn view(self, sealed_case: bool) -> EditionView {
        match (self, sealed_case) {
            (Edition::Public, false) => EditionView::default(),
            (Edition::Public, true) => EditionView {
                name: "public",
                label: Some("REDACTED VERSION"),
                legend: None,
            },
            (Edition::Sealed, _) => EditionView {
                name: "sealed",
                label: Some("SEALED"),
                legend: Some(
                    "Contains information protected under the protective order; disclose \
                     only as it permits. Protected information is enclosed in double brackets.",
                ),
            },
        }
    }
}

/// The edition a page belongs to, as templates see it (`edition`).
#[derive(Debug, Default, Serialize)]
pub struct EditionView {
    /// `public` or `sealed` (empty for a case without protected material).
    pub name: &'static str,
    /// The version's label for the first page: `REDACTED VERSION` (the public filing of a
    /// sealed paper), `SEALED`.
    pub label: Option<&'static str>,
    /// The legend every page of the sealed edition carries.
    pub legend: Option<&'static str>,
}

/// Templates that render only in the sealed edition.
const SEALED_ONLY: &[&str] = &["case/redactions.md"];

/// What a page's navigation shows.
#[derive(Debug, Default, Serialize)]
pub struct Nav {
    /// The case's folder name (empty on the site index).
    pub slug: String,
    pub short_title: String,
    /// The site index, from this page.
    pub home: String,
    /// The case's documents, from this page, the current one marked.
    pub links: Vec<NavLink>,
}

impl Nav {
    fn for_case(v: &CaseView, page: &Page, documents: &pages::DocumentList) -> Nav {
        Nav {
            slug: v.slug.clone(),
            short_title: v.short_title.clone(),
            home: format!("{}index.md", page.root()),
            links: pages::case_nav(
                page,
                documents,
                pages::Sections {
                    depositions: !v.depositions.is_empty(),
                    people: !v.people.is_empty(),
                    organizations: !v.organizations.is_empty(),
                },
            ),
        }
    }
}

/// A case on the site index, with its link.
#[derive(Debug, Serialize)]
struct SiteEntry<'a> {
    #[serde(flatten)]
    case: &'a SiteCase,
    href: String,
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
