//! Every record of a case a citation can name, indexed once.

use crate::pages::Page;
use std::collections::{HashMap, HashSet};

use super::forms::Target;
use crate::model::{Authority, CaseFile, Excerpt, Person, Source};

#[derive(Debug)]
pub struct Library<'a> {
    pub authorities: HashMap<&'a str, &'a Authority>,
    pub sources: HashMap<&'a str, &'a Source>,
    pub excerpts: HashMap<&'a str, &'a Excerpt>,
    pub people: HashMap<&'a str, &'a Person>,
    /// Source id → exhibit label.
    pub exhibit_of: HashMap<&'a str, String>,
    /// Titles that more than one record document bears: their citations need the date
    /// to tell them apart (Bluepages B17.1.3).
    pub shared_titles: HashSet<&'a str>,
    /// How the cite-check found each quotation cut from its source (empty before it ran).
    pub cuts: HashMap<String, Cut>,
    /// For each authority a document's table of authorities lists, the first such
    /// document's page: where a citation on another page (the chronology, a who's-who
    /// page) links. Filled in once the documents are resolved; an authority no table
    /// lists is cited without a link.
    pub listed: HashMap<String, Page>,
    /// Whether the case's forum cites agency decisions in its own form (GAO: `Name,
    /// B-number, date, CPD ¶`); elsewhere a court's Bluebook form puts the date in the
    /// parenthetical with the deciding body (`Name, B-number, 2018 CPD ¶ 391 (Comp. Gen.
    /// Nov. 14, 2018)`).
    pub agency_form: bool,
    /// The documents whose page has a table of authorities (a proposed order has none):
    /// a citation there links to the page's own table.
    pub tabled: HashSet<String>,
}

/// How a quotation was cut from its source, as the cite-check found it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cut {
    /// The match skipped a footnote call: the citation says `(footnote omitted)`.
    pub footnote_omitted: bool,
    /// The source's sentence goes on after the quotation.
    pub sentence_continues: bool,
}

impl<'a> Library<'a> {
    pub fn new(d: &'a CaseFile, exhibit_of: HashMap<&'a str, String>) -> Library<'a> {
        let mut seen = HashSet::new();
        let mut shared_titles = HashSet::new();
        for s in d
            .sources
            .iter()
            .filter(|s| super::forms::is_court_document(s))
        {
            if !seen.insert(s.title.as_str()) {
                shared_titles.insert(s.title.as_str());
            }
        }
        Library {
            authorities: d
                .authorities
                .iter()
                .map(|a| (a.id.value.as_str(), a))
                .collect(),
            sources: d.sources.iter().map(|s| (s.id.value.as_str(), s)).collect(),
            excerpts: d
                .excerpts
                .iter()
                .map(|e| (e.id.value.as_str(), e))
                .collect(),
            people: d.people.iter().map(|p| (p.id.value.as_str(), p)).collect(),
            exhibit_of,
            shared_titles,
            cuts: HashMap::new(),
            listed: HashMap::new(),
            agency_form: false,
            tabled: HashSet::new(),
        }
    }

    pub fn target(&self, id: &str) -> Option<Target<'a>> {
        if let Some(a) = self.authorities.get(id) {
            return Some(Target::Authority(a));
        }
        if let Some(s) = self.sources.get(id) {
            return Some(Target::Source(s));
        }
        self.excerpt(id)
    }

    /// An excerpt, as what it quotes: a source, or an authority's own text.
    pub fn excerpt(&self, id: &str) -> Option<Target<'a>> {
        let e = self.excerpts.get(id)?;
        let of = e.source.value.as_str();
        if let Some(s) = self.sources.get(of) {
            return Some(Target::Excerpt(e, s));
        }
        self.authorities.get(of).map(|a| Target::Quoted(e, a))
    }

    /// A source's exhibit label (`C`), empty if it has none.
    pub fn exhibit_label(&self, source: &str) -> String {
        self.exhibit_of.get(source).cloned().unwrap_or_default()
    }

    /// The cut of an excerpt (nothing known: no footnote omitted, sentence complete).
    pub fn cut(&self, excerpt: &str) -> Cut {
        self.cuts.get(excerpt).copied().unwrap_or_default()
    }

    /// Whether a source is part of the record (cited by document name or exhibit, never
    /// with *supra*).
    pub fn is_record(&self, s: &Source) -> bool {
        super::forms::in_record(s)
    }
}
