//! The one page map: every output path and every link between pages. Builders and the
//! render stage ask it; templates receive its links (`nav`, `pages`); nothing else spells
//! a path.
//!
//! Paths are Markdown paths (`brief.md`); the HTML twin of every page sits beside it, and
//! the Markdown-to-HTML step points links at it.

use serde::Serialize;

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    /// The index of all cases, at the output root.
    Site,
    /// A case's landing page.
    CaseIndex,
    /// A document of the case (`brief.md`, `protest.md`; `variant`: a second template
    /// for the same document).
    Document {
        id: String,
        variant: Option<String>,
    },
    Chronology,
    Exhibits,
    CiteCheck,
    ServiceList,
    /// A deposition outline (`variant`: a second template for the same deponent).
    Deposition {
        id: String,
        variant: Option<String>,
    },
    /// A who's-who page (`variant` as above).
    Person {
        id: String,
        variant: Option<String>,
    },
    /// A further per-case page from a user's template `case/<stem>.md`.
    Extra(String),
}

/// How often a template renders, and so which pages it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `site/*.md`: once for the whole site.
    Site,
    /// `case/*.md`: once per case.
    Case,
    /// `deponent/*.md`: once per proposed deponent.
    Deponent,
    /// `person/*.md`: once per person or organization.
    Person,
    /// `document/*.md`: once per document of the case.
    Document,
}

impl Role {
    /// The role of a template, from the folder it is in.
    pub fn of(template: &str) -> Option<Role> {
        let (folder, file) = template.split_once('/')?;
        if !file.ends_with(".md") || file.contains('/') || file.starts_with('_') {
            return None;
        }
        Some(match folder {
            "site" => Role::Site,
            "case" => Role::Case,
            "deponent" => Role::Deponent,
            "person" => Role::Person,
            "document" => Role::Document,
            _ => return None,
        })
    }
}

impl Page {
    /// The page a template renders, for one item (deponent or person id) where it renders
    /// per item.
    pub fn for_template(template: &str, item: Option<&str>) -> Option<Page> {
        let role = Role::of(template)?;
        let stem = template
            .rsplit('/')
            .next()?
            .strip_suffix(".md")?
            .to_string();
        let id = || item.unwrap_or_default().to_string();
        Some(match (role, stem.as_str()) {
            (Role::Site, _) => Page::Site,
            (Role::Case, "index") => Page::CaseIndex,
            (Role::Case, "chronology") => Page::Chronology,
            (Role::Case, "exhibits") => Page::Exhibits,
            (Role::Case, "cite-check") => Page::CiteCheck,
            (Role::Case, "service-list") => Page::ServiceList,
            (Role::Case, _) => Page::Extra(stem),
            (Role::Deponent, "deposition") => Page::Deposition {
                id: id(),
                variant: None,
            },
            (Role::Deponent, _) => Page::Deposition {
                id: id(),
                variant: Some(stem),
            },
            (Role::Person, "who") => Page::Person {
                id: id(),
                variant: None,
            },
            (Role::Person, _) => Page::Person {
                id: id(),
                variant: Some(stem),
            },
            (Role::Document, "document") => Page::Document {
                id: id(),
                variant: None,
            },
            (Role::Document, _) => Page::Document {
                id: id(),
                variant: Some(stem),
            },
        })
    }

    /// The page's Markdown path, relative to its case folder (the output root for the
    /// site index).
    pub fn path(&self) -> String {
        let item = |folder: &str, id: &str, variant: &Option<String>| match variant {
            None => format!("{folder}/{id}.md"),
            Some(v) => format!("{folder}/{id}-{v}.md"),
        };
        match self {
            Page::Site | Page::CaseIndex => "index.md".into(),
            Page::Document { id, variant: None } => format!("{id}.md"),
            Page::Document {
                id,
                variant: Some(v),
            } => format!("{id}-{v}.md"),
            Page::Chronology => "chronology.md".into(),
            Page::Exhibits => "exhibits.md".into(),
            Page::CiteCheck => "cite-check.md".into(),
            Page::ServiceList => "service-list.md".into(),
            Page::Deposition { id, variant } => item("depositions", id, variant),
            Page::Person { id, variant } => item("people", id, variant),
            Page::Extra(stem) => format!("{stem}.md"),
        }
    }

    /// Folders between the page and its case folder.
    fn depth(&self) -> usize {
        match self {
            Page::Deposition { .. } | Page::Person { .. } => 1,
            _ => 0,
        }
    }

    /// From this page up to the output root: `../` per folder.
    pub fn root(&self) -> String {
        match self {
            Page::Site => String::new(),
            p => "../".repeat(p.depth() + 1),
        }
    }

    /// A relative link from this page to `to` (in the same case), at `anchor`.
    pub fn link(&self, to: &Page, anchor: Option<&str>) -> String {
        let up = "../".repeat(self.depth());
        let path = if to == self {
            String::new()
        } else {
            format!("{up}{}", to.path())
        };
        match anchor {
            Some(a) => format!("{path}#{a}"),
            None if path.is_empty() => "#".into(),
            None => path,
        }
    }

    /// Where a citation of authority `id` links: its entry in the table of authorities of
    /// the document on this page, or else of `main` (the case's first document); a case
    /// without documents has no table, and the citation links to its own page.
    pub fn authority(&self, main: Option<&Page>, id: &str) -> String {
        let toa = match self {
            Page::Document { .. } => Some(self),
            _ => main,
        };
        match toa {
            Some(t) => self.link(t, Some(&anchor::toa(id))),
            None => self.link(self, None),
        }
    }

    /// A document's page.
    pub fn document(id: &str) -> Page {
        Page::Document {
            id: id.to_string(),
            variant: None,
        }
    }

    /// Where a citation of a source links: its row in the exhibit list.
    pub fn exhibit(&self, source_id: &str) -> String {
        self.link(&Page::Exhibits, Some(&anchor::exhibit(source_id)))
    }

    /// Where a quotation links: its entry in the cite-check report.
    pub fn quotation(&self, excerpt_id: &str) -> String {
        self.link(&Page::CiteCheck, Some(&anchor::quotation(excerpt_id)))
    }
}

/// A case's landing page, from the site index.
pub fn case_from_site(slug: &str) -> String {
    format!("{slug}/{}", Page::CaseIndex.path())
}

/// The anchors pages give their entries.
pub mod anchor {
    pub fn toa(id: &str) -> String {
        format!("toa-{id}")
    }
    pub fn exhibit(source_id: &str) -> String {
        format!("ex-{source_id}")
    }
    pub fn quotation(excerpt_id: &str) -> String {
        format!("q-{excerpt_id}")
    }
    pub fn section(id: &str) -> String {
        format!("sec-{id}")
    }
    /// A timeline event: by its id, or by its place in the case file.
    pub fn event(id: Option<&str>, index: usize) -> String {
        match id {
            Some(id) => format!("ev-{id}"),
            None => format!("ev-{}", index + 1),
        }
    }
    pub fn topic(n: usize) -> String {
        format!("topic-{n}")
    }
    pub fn party(id: &str) -> String {
        format!("party-{id}")
    }
}

/// One link in a page's navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub title: String,
    pub href: String,
    /// Whether this is the page being shown.
    pub current: bool,
}

/// The pages every case has besides its documents, in reading order (after the case's
/// own landing page, which the case's title links to): the page, its key in a template's
/// `pages` (`pages.chronology`), and its title in the navigation.
pub const CASE_PAGES: [(Page, &str, &str); 4] = [
    (Page::Chronology, "chronology", "Chronology"),
    (Page::Exhibits, "exhibits", "Exhibits"),
    (Page::CiteCheck, "cite_check", "Cite-check"),
    (Page::ServiceList, "service_list", "Service list"),
];

/// The output folder of the sealed edition, beside the cases' folders: no case may take
/// its name.
pub const SEALED_FOLDER: &str = "sealed";

/// Ids a document cannot take: its page would be another page's.
pub const RESERVED: [&str; 6] = [
    "index",
    "chronology",
    "exhibits",
    "cite-check",
    "service-list",
    "redactions",
];

/// A case's documents as the navigation lists them: id and short title, in case order.
pub type DocumentList = [(String, String)];

/// What the navigation lists of a case's per-item pages (each a section of the case's
/// landing page): whether it has deposition outlines and who's-who pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sections {
    pub depositions: bool,
    pub people: bool,
    pub organizations: bool,
}

/// The navigation shown on `page` (a case page): the case's documents, then its other
/// pages, then the landing page's lists of deposition outlines and people (marked current
/// on an outline or a person's page), with the Markdown links the page uses.
pub fn case_nav(page: &Page, documents: &DocumentList, sections: Sections) -> Vec<NavLink> {
    let docs = documents
        .iter()
        .map(|(id, title)| (Page::document(id), title.as_str()));
    let others = CASE_PAGES.iter().map(|(p, _, title)| (p.clone(), *title));
    let mut links: Vec<NavLink> = docs
        .chain(others)
        .map(|(p, title)| NavLink {
            title: title.to_string(),
            href: page.link(&p, None),
            current: p == *page,
        })
        .collect();
    if sections.depositions {
        links.push(NavLink {
            title: "Depositions".into(),
            href: page.link(&Page::CaseIndex, Some("depositions")),
            current: matches!(page, Page::Deposition { .. }),
        });
    }
    // Who's-who pages are listed under People, or under Organizations in a case that
    // names no person; the first of the two that the case has is marked on them.
    let whos = [
        (sections.people, "People", "people"),
        (sections.organizations, "Organizations", "organizations"),
    ];
    let mut marked = false;
    for (has, title, anchor) in whos {
        if has {
            links.push(NavLink {
                title: title.into(),
                href: page.link(&Page::CaseIndex, Some(anchor)),
                current: !marked && matches!(page, Page::Person { .. }),
            });
            marked = true;
        }
    }
    links
}

/// Links from `page` to the case's landing page (`index`), its other pages and each
/// document (by id), by key: what templates see as `pages`.
pub fn document_links(
    page: &Page,
    documents: &DocumentList,
) -> std::collections::BTreeMap<String, String> {
    std::iter::once(("index".to_string(), page.link(&Page::CaseIndex, None)))
        .chain(
            CASE_PAGES
                .iter()
                .map(|(p, key, _)| ((*key).to_string(), page.link(p, None))),
        )
        .chain(
            documents
                .iter()
                .map(|(id, _)| (id.clone(), page.link(&Page::document(id), None))),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_links() {
        let dep = Page::Deposition {
            id: "deasy".into(),
            variant: None,
        };
        assert_eq!(dep.path(), "depositions/deasy.md");
        let brief = Page::document("brief");
        assert_eq!(
            dep.authority(Some(&brief), "axiom"),
            "../brief.md#toa-axiom"
        );
        assert_eq!(brief.authority(None, "axiom"), "#toa-axiom");
        assert_eq!(
            Page::document("protest").authority(Some(&brief), "axiom"),
            "#toa-axiom"
        );
        assert_eq!(dep.authority(None, "axiom"), "#");
        assert_eq!(brief.exhibit("ex-a"), "exhibits.md#ex-ex-a");
        assert_eq!(dep.root(), "../../");
        assert_eq!(brief.root(), "../");
        assert_eq!(Page::Site.root(), "");
        assert_eq!(
            Page::for_template("deponent/questions.md", Some("deasy")).map(|p| p.path()),
            Some("depositions/deasy-questions.md".into())
        );
        assert_eq!(
            Page::for_template("case/service-list.md", None).map(|p| p.path()),
            Some("service-list.md".into())
        );
        assert_eq!(Page::for_template("case/_partial.md", None), None);
        assert_eq!(
            Page::for_template("document/document.md", Some("protest")).map(|p| p.path()),
            Some("protest.md".into())
        );
    }
}
