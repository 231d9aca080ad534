//! Stage 2: check what types cannot: ids are unique and well-formed, every reference
//! points at something of the right kind, and dates make sense. All problems are
//! collected, not just the first.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::error::{Error, Errors, Loc, did_you_mean};
use crate::load::Case;
use crate::model::{Id, Section};

/// What an id names. Every id in a case is unique across all kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Party,
    Person,
    Source,
    Excerpt,
    Authority,
    Event,
    Section,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Party => "party",
            Kind::Person => "person",
            Kind::Source => "source",
            Kind::Excerpt => "excerpt",
            Kind::Authority => "authority",
            Kind::Event => "event",
            Kind::Section => "section",
        }
    }
}

/// Every id of a case, with its kind and where it was defined.
#[derive(Debug, Default)]
pub struct Ids {
    map: HashMap<String, (Kind, Loc)>,
    /// Sorted ids per set of kinds, built once per set however many errors need them.
    lists: RefCell<HashMap<Vec<Kind>, Arc<[String]>>>,
    /// Did-you-mean answers, and how many more may be computed (each costs a pass over
    /// the ids, so a file with thousands of unknown ids gets suggestions for the first
    /// few hundred and stays linear).
    suggested: RefCell<HashMap<SuggestionKey, Option<String>>>,
    suggestions_left: Cell<usize>,
}

/// A did-you-mean question: which kinds, which word.
type SuggestionKey = (Vec<Kind>, String);

/// How many distinct unknown ids get a did-you-mean search.
const SUGGESTIONS: usize = 256;

impl Ids {
    pub fn kind(&self, id: &str) -> Option<Kind> {
        self.map.get(id).map(|(k, _)| *k)
    }

    /// Ids of the given kinds, sorted.
    pub fn of_kinds(&self, kinds: &[Kind]) -> Arc<[String]> {
        let key = kinds.to_vec();
        if let Some(l) = self.lists.borrow().get(&key) {
            return Arc::clone(l);
        }
        let mut v: Vec<String> = self
            .map
            .iter()
            .filter(|(_, (k, _))| kinds.contains(k))
            .map(|(id, _)| id.clone())
            .collect();
        v.sort();
        let list: Arc<[String]> = v.into();
        self.lists.borrow_mut().insert(key, Arc::clone(&list));
        list
    }

    /// The id of the given kinds closest to `word`, if close enough.
    pub fn suggest(&self, word: &str, kinds: &[Kind]) -> Option<String> {
        let key = (kinds.to_vec(), word.to_string());
        if let Some(s) = self.suggested.borrow().get(&key) {
            return s.clone();
        }
        let left = self.suggestions_left.get();
        if left == 0 {
            return None;
        }
        self.suggestions_left.set(left - 1);
        let s = did_you_mean(word, &self.of_kinds(kinds));
        self.suggested.borrow_mut().insert(key, s.clone());
        s
    }

    /// The error for a reference to `id`, which is not one of `kinds`.
    pub fn dangling(&self, at: Loc, what: &'static str, id: &str, kinds: &[Kind]) -> Error {
        Error::DanglingRef {
            at,
            kind: what,
            id: id.to_string(),
            suggestion: self.suggest(id, kinds),
            candidates: self.of_kinds(kinds),
        }
    }

    /// Check that `id` names one of `kinds`; `what` describes the expected thing.
    pub fn expect(
        &self,
        case: &Case,
        id: &Id,
        kinds: &[Kind],
        what: &'static str,
    ) -> Result<Kind, Error> {
        match self.kind(&id.value) {
            Some(k) if kinds.contains(&k) => Ok(k),
            Some(k) => Err(Error::Invalid {
                at: case.loc(id),
                message: format!(
                    "`{}` is a {}, but a {what} is expected here",
                    id.value,
                    k.noun()
                ),
                help: Some(format!(
                    "use one of: {}",
                    self.of_kinds(kinds)
                        .iter()
                        .take(8)
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }),
            None => Err(self.dangling(case.loc(id), what, &id.value, kinds)),
        }
    }
}

/// Ids are written in citations as `@id`, so they are limited to a plain alphabet.
pub fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        && !s.ends_with(['.', ':'])
}

/// Validate a loaded case; returns the id table for later stages.
pub fn validate(case: &Case) -> Result<Ids, Errors> {
    let d = &case.data;
    let mut ids = Ids {
        suggestions_left: Cell::new(SUGGESTIONS),
        ..Ids::default()
    };
    let mut errors = Errors::default();

    let mut define = |id: &Id, kind: Kind, errors: &mut Errors| {
        let at = case.loc(id);
        if !valid_id(&id.value) {
            errors.push(Error::Invalid {
                at,
                message: format!("`{}` is not a valid id", id.value),
                help: Some(
                    "ids start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:`"
                        .into(),
                ),
            });
            return;
        }
        if let Some((_, first)) = ids.map.get(&id.value) {
            errors.push(Error::DuplicateId {
                at,
                id: id.value.clone(),
                first: first.clone(),
            });
        } else {
            ids.map.insert(id.value.clone(), (kind, at));
        }
    };
    for p in &d.parties {
        define(&p.id, Kind::Party, &mut errors);
    }
    for p in &d.people {
        define(&p.id, Kind::Person, &mut errors);
    }
    for s in &d.sources {
        define(&s.id, Kind::Source, &mut errors);
    }
    for e in &d.excerpts {
        define(&e.id, Kind::Excerpt, &mut errors);
    }
    for a in &d.authorities {
        define(&a.id, Kind::Authority, &mut errors);
    }
    for e in &d.timeline {
        if let Some(id) = &e.id {
            define(id, Kind::Event, &mut errors);
        }
    }
    if let Some(b) = &d.brief {
        fn walk(secs: &[Section], f: &mut dyn FnMut(&Id)) {
            for s in secs {
                f(&s.id);
                walk(&s.sections, f);
            }
        }
        walk(&b.value.sections, &mut |id| {
            define(id, Kind::Section, &mut errors)
        });
    }

    let mut check = |id: &Id, kinds: &[Kind], what: &'static str| {
        if let Err(e) = ids.expect(case, id, kinds, what) {
            errors.push(e);
        }
    };
    if let Some(p) = &d.procurement
        && let Some(a) = &p.value.awardee
    {
        check(a, &[Kind::Party], "party");
    }
    for e in &d.excerpts {
        check(&e.source, &[Kind::Source], "source");
        if let Some(s) = &e.speaker {
            check(s, &[Kind::Person], "person");
        }
        for c in &e.concerns {
            check(c, &[Kind::Person], "person");
        }
    }
    for a in &d.authorities {
        if let Some(s) = &a.source {
            check(s, &[Kind::Source], "source");
        }
    }
    for ev in &d.timeline {
        for c in &ev.cites {
            check(
                c,
                &[Kind::Excerpt, Kind::Source, Kind::Authority],
                "excerpt, source or authority",
            );
        }
        for p in &ev.people {
            check(p, &[Kind::Person], "person");
        }
    }
    for dep in &d.depositions {
        check(&dep.deponent, &[Kind::Person], "person");
        if let Some(r) = &dep.requested_in {
            check(r, &[Kind::Source], "source");
        }
        for t in &dep.topics {
            for b in &t.basis {
                check(b, &[Kind::Excerpt], "excerpt");
            }
        }
    }
    if let Some(b) = &d.brief {
        check(&b.value.filed_by, &[Kind::Party], "party");
    }

    // Paragraph numbers of a text that holds only excerpts are not the document's.
    let sources: HashMap<&str, &crate::model::Source> =
        d.sources.iter().map(|s| (s.id.value.as_str(), s)).collect();
    for e in &d.excerpts {
        if let Some(q) = &e.paragraph
            && let Some(src) = sources.get(e.source.value.as_str())
            && src.text_scope == crate::model::TextScope::Excerpts
        {
            errors.push(Error::Invalid {
                at: case.loc(q),
                message: format!(
                    "`{}` cites a paragraph of `{}`, whose text holds only excerpts",
                    e.id.value, src.id.value
                ),
                help: Some("paragraphs are counted in the text file, so they would not match the document; drop `paragraph:` or add the full text".into()),
            });
        }
    }

    // One deposition outline per deponent.
    let mut seen: HashMap<&str, Loc> = HashMap::new();
    for dep in &d.depositions {
        let at = case.loc(&dep.deponent);
        if let Some(first) = seen.get(dep.deponent.value.as_str()) {
            errors.push(Error::Invalid {
                at,
                message: format!("`{}` has two deposition entries", dep.deponent.value),
                help: Some(format!("merge their topics into the first one, at {first}")),
            });
        } else {
            seen.insert(&dep.deponent.value, at);
        }
    }

    // Dates that must be ordered.
    let mut order = |from: &Option<Spanned<crate::model::Date>>,
                     to: &Option<Spanned<crate::model::Date>>,
                     what: &str| {
        if let (Some(f), Some(t)) = (from, to)
            && t.value < f.value
        {
            errors.push(Error::Invalid {
                at: case.loc(t),
                message: format!("{what} ends ({}) before it starts ({})", t.value, f.value),
                help: Some("swap the dates or correct the typo".into()),
            });
        }
    };
    let info = &d.case.value;
    order(&info.filed, &info.closed, "the case");
    for p in &d.people {
        for pos in &p.positions {
            order(
                &pos.from,
                &pos.to,
                &format!("{}'s position `{}`", p.name, pos.title),
            );
        }
    }

    // Exhibit labels must be unique too: they are how a reader finds a document.
    let mut labels: HashMap<&str, Loc> = HashMap::new();
    for s in &d.sources {
        if let Some(l) = &s.exhibit {
            let at = case.loc(&s.id);
            if let Some(first) = labels.get(l.as_str()) {
                errors.push(Error::Invalid {
                    at,
                    message: format!("exhibit label `{l}` is used twice"),
                    help: Some(format!("the first use is at {first}")),
                });
            } else {
                labels.insert(l, at);
            }
        }
    }

    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::valid_id;

    #[test]
    fn ids() {
        assert!(valid_id("axiom"));
        assert!(valid_id("ecf-146-1"));
        assert!(valid_id("q:deasy.1"));
        assert!(!valid_id("-x"));
        assert!(!valid_id("a b"));
        assert!(!valid_id("axiom."));
        assert!(!valid_id(""));
    }
}
