//! Stage 2: check what types cannot: ids are unique and well-formed, every reference
//! points at something of the right kind, and dates make sense. All problems are
//! collected, not just the first.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::cite;
use crate::error::{Error, Errors, Loc, did_you_mean};
use crate::load::Case;
use crate::model::{Authority, AuthorityKind, Date, Id, Section};

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
    Organization,
    Proceeding,
    Offeror,
    Document,
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
            Kind::Organization => "organization",
            Kind::Proceeding => "proceeding",
            Kind::Offeror => "offeror",
            Kind::Document => "document",
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
        self.expect_at(case.loc(id), &id.value, kinds, what)
    }

    fn expect_at(
        &self,
        at: Loc,
        id: &str,
        kinds: &[Kind],
        what: &'static str,
    ) -> Result<Kind, Error> {
        match self.kind(id) {
            Some(k) if kinds.contains(&k) => Ok(k),
            Some(k) => Err(Error::WrongKind {
                at,
                id: id.to_string(),
                found: k.noun(),
                expected: what,
                candidates: self.of_kinds(kinds),
            }),
            None => Err(self.dangling(at, what, id, kinds)),
        }
    }
}

pub use crate::model::valid_id;

/// Validate a loaded case: every data rule, each a named function below, all problems
/// collected. Returns the id table for later stages.
pub fn validate(case: &Case) -> Result<Ids, Errors> {
    let mut errors = Errors::default();
    let ids = define_ids(case, &mut errors);
    references(case, &ids, &mut errors);
    forum_rules(case, &mut errors);
    designators(case, &ids, &mut errors);
    citations(case, &ids, &mut errors);
    authority_fields(case, &mut errors);
    paragraphs_of_excerpts(case, &mut errors);
    one_outline_per_deponent(case, &mut errors);
    dates_in_order(case, &mut errors);
    unique_exhibit_labels(case, &mut errors);
    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(errors)
    }
}

/// Rule: ids are well formed and unique across all kinds.
fn define_ids(case: &Case, errors: &mut Errors) -> Ids {
    let d = &case.data;
    let mut ids = Ids {
        suggestions_left: Cell::new(SUGGESTIONS),
        ..Ids::default()
    };
    // `brief:` is the document `brief`: its id is taken like any other, so a
    // `documents:` entry cannot claim the same page.
    if let Some(b) = &d.brief {
        ids.map
            .insert(crate::model::BRIEF_ID.into(), (Kind::Document, case.loc(b)));
        if let Some(id) = b
            .value
            .id
            .as_ref()
            .filter(|i| i.value != crate::model::BRIEF_ID)
        {
            errors.push(Error::BadValue {
                at: case.loc(id),
                path: "brief.id".into(),
                message: format!(
                    "`brief:` is always the document `brief`; to call it `{}`, write it \
                     under `documents:` instead",
                    id.value
                ),
            });
        }
    }
    let mut define = |id: &Id, kind: Kind| {
        let at = case.loc(id);
        if !valid_id(&id.value) {
            errors.push(Error::InvalidId {
                at,
                id: id.value.clone(),
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
    d.parties.iter().for_each(|p| define(&p.id, Kind::Party));
    d.people.iter().for_each(|p| define(&p.id, Kind::Person));
    d.sources.iter().for_each(|s| define(&s.id, Kind::Source));
    d.excerpts.iter().for_each(|e| define(&e.id, Kind::Excerpt));
    d.authorities
        .iter()
        .for_each(|a| define(&a.id, Kind::Authority));
    d.timeline
        .iter()
        .filter_map(|e| e.id.as_ref())
        .for_each(|id| define(id, Kind::Event));
    for s in sections(case) {
        define(&s.id, Kind::Section);
    }
    d.organizations
        .iter()
        .for_each(|o| define(&o.id, Kind::Organization));
    d.proceedings
        .iter()
        .for_each(|p| define(&p.id, Kind::Proceeding));
    d.offerors.iter().for_each(|o| define(&o.id, Kind::Offeror));
    d.documents
        .iter()
        .filter_map(|doc| doc.value.id.as_ref())
        .for_each(|id| define(id, Kind::Document));
    ids
}

/// What may speak in the record, or be spoken about: a person, a party or an organization.
const SPEAKERS: [Kind; 3] = [Kind::Person, Kind::Party, Kind::Organization];

/// Every section of every document, depth first.
pub fn sections(case: &Case) -> Vec<&Section> {
    case.data
        .documents()
        .flat_map(|(_, doc)| crate::model::sections_of(&doc.value.sections))
        .collect()
}

/// Rule: every reference in the data names something of the right kind.
fn references(case: &Case, ids: &Ids, errors: &mut Errors) {
    let d = &case.data;
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
        check(
            &e.source,
            &[Kind::Source, Kind::Authority],
            "source or authority",
        );
        if let Some(s) = &e.speaker {
            check(s, &SPEAKERS, "person, party or organization");
        }
        for c in &e.concerns {
            check(c, &SPEAKERS, "person, party or organization");
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
            check(p, &SPEAKERS, "person, party or organization");
        }
    }
    for p in &d.people {
        for s in p.positions.iter().flat_map(|x| &x.sources) {
            check(s, &[Kind::Source], "source");
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
        for s in &dep.show {
            check(s, &[Kind::Source], "source");
        }
    }
    for (_, doc) in d.documents() {
        if let Some(f) = &doc.value.filed_by {
            check(f, &[Kind::Party], "party");
        }
    }
    for p in &d.proceedings {
        if let Some(f) = &p.filed_by {
            check(
                f,
                &[Kind::Party, Kind::Organization],
                "party or organization",
            );
        }
        if let Some(a) = &p.decision {
            check(a, &[Kind::Authority], "authority");
        }
    }
    for o in &d.offerors {
        if let Some(p) = &o.party {
            check(p, &[Kind::Party], "party");
        }
        for c in &o.cites {
            check(
                c,
                &[Kind::Excerpt, Kind::Source, Kind::Authority],
                "excerpt, source or authority",
            );
        }
    }
}

/// Rule: the case keeps to its forum's profile: party roles it knows, document kinds it
/// lists, filings with a filer, and the sections each kind must have.
fn forum_rules(case: &Case, errors: &mut Errors) {
    let d = &case.data;
    let forum = &case.forum;
    let forum_name = || forum.name.clone();
    for p in &d.parties {
        if forum.role(p.role).is_none() {
            errors.push(Error::RoleNotInForum {
                at: case.loc(&p.id),
                role: role_name(p.role),
                forum: forum_name(),
                known: forum.roles.iter().map(|r| role_name(r.role)).collect(),
            });
        }
    }
    for doc in &d.documents {
        if doc.value.id.is_none() {
            errors.push(Error::MissingKey {
                at: case.loc(doc),
                key: "id".into(),
            });
        }
    }
    for (id, doc) in d.documents() {
        let at = doc
            .value
            .id
            .as_ref()
            .map_or_else(|| case.loc(doc), |i| case.loc(i));
        if crate::pages::RESERVED.contains(&id) {
            errors.push(Error::ReservedId {
                at: at.clone(),
                id: id.to_string(),
            });
        }
        let kind_name = doc
            .value
            .kind
            .as_ref()
            .map_or(forum.default_document.as_str(), |k| k.value.as_str());
        let Some(kind) = forum.kind(kind_name) else {
            let at = doc.value.kind.as_ref().map_or(at, |k| case.loc(k));
            errors.push(Error::UnknownDocumentKind {
                at,
                kind: kind_name.to_string(),
                forum: forum_name(),
                known: forum.documents.iter().map(|k| k.kind.clone()).collect(),
            });
            continue;
        };
        let what = kind.name.to_lowercase();
        if kind.filing && doc.value.filed_by.is_none() {
            errors.push(Error::NeedsFiler {
                at: at.clone(),
                document: id.to_string(),
                what: what.clone(),
            });
        }
        let all = crate::model::sections_of(&doc.value.sections);
        let present: Vec<&str> = all.iter().map(|s| s.id.value.as_str()).collect();
        if let Some(study) = &doc.value.study
            && (doc.value.signer.is_some() || !doc.value.signature.is_empty())
        {
            errors.push(Error::StudySigned {
                at: case.loc(study),
                document: id.to_string(),
            });
        } else if let Some(signer) = &doc.value.signer {
            signature_block(case, &doc.value, signer, errors);
        }
        let word_limit = forum
            .limit(&kind.kind)
            .is_some_and(|l| l.unit == crate::forum::Unit::Words);
        for s in &all {
            if s.include == Some(crate::model::Include::Certificate) && !word_limit {
                errors.push(Error::NoWordLimit {
                    at: case.loc(&s.id),
                    document: id.to_string(),
                    forum: forum_name(),
                });
            }
        }
        for r in &kind.requires {
            if !present.contains(&r.section.as_str()) {
                errors.push(Error::MissingSection {
                    at: at.clone(),
                    document: id.to_string(),
                    what: what.clone(),
                    section: r.section.clone(),
                    heading: r.heading.clone(),
                    why: r.why.clone(),
                });
            }
        }
    }
}

/// Rule: a filing's signer is counsel of the party filing it, and the counsel entry holds
/// what the forum's signature rule asks the block to state.
fn signature_block(
    case: &Case,
    doc: &crate::model::Document,
    signer: &Spanned<String>,
    errors: &mut Errors,
) {
    use crate::forum::ContactField as F;
    let d = &case.data;
    let Some(party) = doc
        .filed_by
        .as_ref()
        .and_then(|f| d.parties.iter().find(|p| p.id.value == f.value))
    else {
        return;
    };
    let Some(c) = party.counsel.iter().find(|c| c.name == signer.value) else {
        errors.push(Error::UnknownSigner {
            at: case.loc(signer),
            signer: signer.value.clone(),
            party: party.name.clone(),
            known: party.counsel.iter().map(|c| c.name.clone()).collect(),
        });
        return;
    };
    let Some(rule) = &case.forum.signature else {
        return;
    };
    if let Some(role) = rule.signer_role
        && c.role != role
    {
        errors.push(Error::SignerRole {
            at: case.loc(signer),
            signer: signer.value.clone(),
            role: c.role.label().to_lowercase(),
            wanted: role.label().to_lowercase(),
            rule: rule.rule.clone(),
        });
    }
    let missing: Vec<&'static str> = rule
        .requires
        .iter()
        .filter(|f| match f {
            F::Address => c.address.is_empty(),
            F::Telephone => c.telephone.is_none(),
            F::Email => c.email.is_none(),
            F::Fax => c.fax.is_none(),
            F::Firm => c.firm.is_none(),
        })
        .map(|f| f.name())
        .collect();
    if !missing.is_empty() {
        errors.push(Error::IncompleteSignature {
            at: case.loc(signer),
            signer: signer.value.clone(),
            missing,
            rule: rule.rule.clone(),
        });
    }
}

/// Rule: protected material is designated by a party of the case.
fn designators(case: &Case, ids: &Ids, errors: &mut Errors) {
    for s in &case.seals {
        if ids.kind(&s.by) != Some(Kind::Party) {
            errors.push(Error::UnknownDesignator {
                at: Loc::new(case.file.clone(), s.line, s.col),
                party: s.by.clone(),
                known: case
                    .data
                    .parties
                    .iter()
                    .map(|p| p.id.value.clone())
                    .collect(),
            });
        }
    }
}

/// A party role as the case format writes it: `defendant_intervenor`.
fn role_name(r: crate::model::PartyRole) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Every Markdown body of a case that may cite (brief sections, the summary, deposition
/// reasons), with the date of the document it belongs to, if that document is dated.
pub fn bodies(case: &Case) -> Vec<(&Spanned<String>, Option<Date>)> {
    let d = &case.data;
    let mut v = Vec::new();
    for (_, doc) in d.documents() {
        let date = doc.value.date.as_ref().map(|d| d.value);
        let secs = crate::model::sections_of(&doc.value.sections);
        v.extend(
            secs.into_iter()
                .filter_map(|s| s.body.as_ref())
                .map(|b| (b, date)),
        );
    }
    v.extend(d.case.value.summary.as_ref().map(|s| (s, None)));
    for dep in &d.depositions {
        v.push((&dep.why_unavailable, None));
        v.extend(dep.purpose.iter().map(|p| (p, None)));
        v.extend(dep.objections.iter().map(|o| (&o.answer, None)));
        v.extend(dep.safeguards.iter().map(|s| (s, None)));
    }
    v
}

/// One id a citation names, and what it may name.
struct CiteRef<'a> {
    at: usize,
    id: &'a str,
    kinds: &'a [Kind],
    what: &'static str,
    pin: Option<&'a str>,
}

/// Rule: citations in bodies are well formed, cite something citable, and pin pages
/// inside the authority's range.
fn citations(case: &Case, ids: &Ids, errors: &mut Errors) {
    let authorities: HashMap<&str, &Authority> = case
        .data
        .authorities
        .iter()
        .map(|a| (a.id.value.as_str(), a))
        .collect();
    let library = cite::Library::new(&case.data, HashMap::new());
    let citable = [Kind::Authority, Kind::Source, Kind::Excerpt];
    for (body, doc_date) in bodies(case) {
        let locator = case.locator(body);
        for found in cite::scan(&body.value) {
            let item = match found.item {
                Ok(i) => i,
                Err((at, message)) => {
                    errors.push(Error::CitationSyntax {
                        at: locator.at(at),
                        message,
                    });
                    continue;
                }
            };
            let refs: Vec<CiteRef<'_>> = match &item {
                cite::Item::Quote { id, at } => vec![CiteRef {
                    at: *at,
                    id,
                    kinds: &[Kind::Excerpt],
                    what: "excerpt",
                    pin: None,
                }],
                cite::Item::Cites(cites) => cites
                    .iter()
                    .map(|c| CiteRef {
                        at: c.at,
                        id: &c.id,
                        kinds: &citable,
                        what: "authority, source or excerpt",
                        pin: c.pin.as_deref(),
                    })
                    .collect(),
                cite::Item::Narrative(c) => vec![CiteRef {
                    at: c.at,
                    id: &c.id,
                    kinds: &citable,
                    what: "authority, source or excerpt",
                    pin: c.pin.as_deref(),
                }],
            };
            for CiteRef {
                at,
                id,
                kinds,
                what,
                pin,
            } in refs
            {
                let loc = locator.at(at);
                match ids.kind(id) {
                    Some(k) if !kinds.contains(&k) => errors.push(Error::NotCitable {
                        at: loc,
                        id: id.to_string(),
                        found: k.noun(),
                        expected: what,
                    }),
                    None => errors.push(ids.dangling(loc, what, id, kinds)),
                    Some(_) => {
                        if let (Some(a), Some(p)) = (authorities.get(id), pin)
                            && let Some(e) = pin_outside(a, p, loc.clone())
                        {
                            errors.push(e);
                        }
                        if let Some(e) = from_the_future(&library, id, doc_date, loc) {
                            errors.push(e);
                        }
                    }
                }
            }
        }
    }
}

/// Rule: a dated document cites nothing decided, published or written after its date
/// (later history belongs in an authority's `history`, which prints only what the
/// document's date allows).
fn from_the_future(
    lib: &cite::Library<'_>,
    id: &str,
    doc_date: Option<Date>,
    at: Loc,
) -> Option<Error> {
    let doc = doc_date?;
    let when = lib.target(id)?.date()?;
    // A year or month alone is later only if the whole of it is.
    let later = match (when.month, when.day) {
        (0, _) => when.year > doc.year,
        (m, 0) => (when.year, m) > (doc.year, doc.month),
        _ => when > doc,
    };
    later.then(|| Error::LaterThanDocument {
        at,
        id: id.to_string(),
        date: when.long(),
        document: doc.long(),
    })
}

/// Rule: a page pinpoint lies within the authority's reporter pages.
fn pin_outside(a: &Authority, pin: &str, at: Loc) -> Option<Error> {
    if a.kind != AuthorityKind::Case {
        return None;
    }
    let (first, p) = (a.page?, cite::pin_page(pin)?);
    let last = a.last_page;
    if p >= first && last.is_none_or(|l| p <= l) {
        return None;
    }
    Some(Error::PinOutOfRange {
        at,
        pin: p,
        id: a.id.value.clone(),
        reporter: format!(
            "{} {}",
            a.volume.unwrap_or(0),
            a.reporter.as_deref().unwrap_or("")
        ),
        range: match last {
            Some(l) => format!("{first}–{l}"),
            None => format!("{first} and later"),
        },
    })
}

/// Rule: an authority has every field its citation form needs.
fn authority_fields(case: &Case, errors: &mut Errors) {
    for a in &case.data.authorities {
        if let Err(field) = cite::required_fields(a) {
            errors.push(Error::MissingField {
                at: case.loc(&a.id),
                id: a.id.value.clone(),
                field,
            });
        }
    }
}

/// Rule: paragraph numbers of a text that holds only excerpts are not the document's.
fn paragraphs_of_excerpts(case: &Case, errors: &mut Errors) {
    let d = &case.data;
    let sources: HashMap<&str, &crate::model::Source> =
        d.sources.iter().map(|s| (s.id.value.as_str(), s)).collect();
    for e in &d.excerpts {
        if let Some(q) = &e.paragraph
            && let Some(src) = sources.get(e.source.value.as_str())
            && src
                .text
                .as_ref()
                .is_some_and(|t| t.scope == crate::model::TextScope::Excerpt)
        {
            errors.push(Error::ParagraphOfExcerpts {
                at: case.loc(q),
                excerpt: e.id.value.clone(),
                source_id: src.id.value.clone(),
            });
        }
    }
}

/// Rule: one deposition outline per deponent.
fn one_outline_per_deponent(case: &Case, errors: &mut Errors) {
    let mut seen: HashMap<&str, Loc> = HashMap::new();
    for dep in &case.data.depositions {
        let at = case.loc(&dep.deponent);
        match seen.get(dep.deponent.value.as_str()) {
            Some(first) => errors.push(Error::DuplicateDeposition {
                at,
                deponent: dep.deponent.value.clone(),
                first: first.clone(),
            }),
            None => {
                seen.insert(&dep.deponent.value, at);
            }
        }
    }
}

/// Rule: what starts does not end before it.
fn dates_in_order(case: &Case, errors: &mut Errors) {
    let d = &case.data;
    let mut order = |from: &Option<Spanned<Date>>, to: &Option<Spanned<Date>>, what: &str| {
        if let (Some(f), Some(t)) = (from, to)
            && t.value < f.value
        {
            errors.push(Error::DateOrder {
                at: case.loc(t),
                what: what.to_string(),
                from: f.value.to_string(),
                to: t.value.to_string(),
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
}

/// Rule: exhibit labels are unique; they are how a reader finds a document.
fn unique_exhibit_labels(case: &Case, errors: &mut Errors) {
    let mut labels: HashMap<&str, Loc> = HashMap::new();
    for s in &case.data.sources {
        if let Some(l) = &s.exhibit {
            let at = case.loc(&s.id);
            match labels.get(l.as_str()) {
                Some(first) => errors.push(Error::DuplicateExhibit {
                    at,
                    label: l.clone(),
                    first: first.clone(),
                }),
                None => {
                    labels.insert(l, at);
                }
            }
        }
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
