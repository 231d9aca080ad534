//! Forum profiles: what a court, GAO or an agency asks of a protest, as data. A profile
//! names the forum, says how its decisions are cited, which party roles it knows and
//! where they stand in a caption, what its caption looks like, and which documents a case
//! before it may hold (with the sections each must have and whether it is a filing).
//!
//! The built-in profiles are the repository's `templates/forums/*.yaml`, embedded; a
//! user's `templates/forums/<id>.yaml` overrides one by id or adds a forum (`load` reads
//! and parses them). Adding a forum is writing a file, not code.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{AuthorityKind, PartyRole};

macro_rules! builtin {
    ($($id:literal),* $(,)?) => {
        &[$(($id, include_str!(concat!("../templates/forums/", $id, ".yaml")))),*]
    };
}

/// The built-in profiles: id and YAML text.
pub const BUILTIN: &[(&str, &str)] = builtin!("cofc", "gao", "agency", "cafc");

/// A forum profile (`templates/forums/<id>.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The forum in words: `Government Accountability Office`.
    pub name: String,
    /// The court's name in full, when a case does not give one.
    #[serde(default)]
    pub court: Option<String>,
    /// Its abbreviation in citations: `Fed. Cl.`.
    #[serde(default)]
    pub abbreviation: Option<String>,
    /// The authority kind its decisions are cited as: `case`, `agency_decision`.
    pub decisions: AuthorityKind,
    /// The caption of its documents, unless a document kind gives its own.
    pub caption: Caption,
    /// The party roles it knows, in caption order.
    pub roles: Vec<RoleRule>,
    /// The kind of a case's `brief:` (and of a document that names no kind).
    pub default_document: String,
    /// The kinds of document a case before it may hold.
    pub documents: Vec<KindRule>,
    /// Words a rule puts in the caption under the court's name (`Bid Protest`, RCFC
    /// 5.5(h)).
    #[serde(default)]
    pub caption_subtitle: Option<String>,
    /// Length limits, each for some document kinds, in the unit its rule counts.
    #[serde(default)]
    pub limits: Vec<Limit>,
    /// What a filing's signature block must state, and the rule that says so.
    #[serde(default)]
    pub signature: Option<SignatureRule>,
}

/// A signature rule: `RCFC 11(a); RCFC 5.5(f)` asks for address, e-mail and telephone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureRule {
    pub rule: String,
    /// Fields of the signer's counsel entry the block must carry.
    pub requires: Vec<ContactField>,
    /// The counsel role the signer must have (RCFC 11(a): the attorney of record).
    #[serde(default)]
    pub signer_role: Option<crate::model::CounselRole>,
}

/// A field of a signature block.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    Address,
    Telephone,
    Email,
    Fax,
    Firm,
}

impl ContactField {
    pub fn name(self) -> &'static str {
        match self {
            ContactField::Address => "address",
            ContactField::Telephone => "telephone",
            ContactField::Email => "email",
            ContactField::Fax => "fax",
            ContactField::Firm => "firm",
        }
    }
}

/// How a document ends.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Closing {
    /// As its kind implies: a signature for a filing, nothing otherwise.
    #[default]
    Default,
    /// "It is so ordered", a date line and the judge's signature line (a proposed order).
    Order,
}

/// A length limit of a court rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// The document kinds it applies to.
    pub kinds: Vec<String>,
    /// The unit the rule counts.
    pub unit: Unit,
    pub max: usize,
    /// The rule, as cited: `RCFC 5.4(b)(1)`.
    pub rule: String,
    /// What the count leaves out, in the rule's words (informational; casefile counts the
    /// sections of the document, never its caption, tables, signature or certificate).
    #[serde(default)]
    pub excludes: Vec<String>,
    /// For a limit in pages: the words a page of the rule's format holds, to estimate
    /// pages from words (the PDF print gives the real count).
    #[serde(default)]
    pub words_per_page: Option<usize>,
}

/// What a length rule counts.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Words,
    Pages,
}

/// How a document's caption is laid out.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Caption {
    /// The court's name, the parties with `v.` and their labels, the docket beside them.
    Versus,
    /// Labelled lines: `Matter of: …`, `File: …`, `Date: …`.
    Lines(Vec<CaptionLine>),
}

/// One labelled caption line.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaptionLine {
    pub label: String,
    pub value: CaptionValue,
}

/// What a caption line shows, from the case and the document.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CaptionValue {
    /// The parties on the caption's first side (`side: first`), joined by `; `.
    Protesters,
    /// The parties after `v.`.
    Respondents,
    /// The procuring agency (`procurement.agency`).
    Agency,
    /// The solicitation number (`procurement.solicitation`).
    Solicitation,
    /// The case's docket or file numbers.
    Docket,
    /// The document's date.
    Date,
    /// The case's title.
    CaseTitle,
    /// The court or forum's name.
    Court,
    /// The forum and docket: `Government Accountability Office, B-419783`.
    ForumDocket,
    /// The document's `prepared_by`.
    PreparedBy,
    /// The party filing the document.
    FiledBy,
}

/// A party role the forum knows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRule {
    pub role: PartyRole,
    /// The caption's label: `Defendant-Intervenor`.
    pub label: String,
    pub side: Side,
}

/// Where a party stands in a `versus` caption.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Opens the caption (plaintiffs, protesters).
    First,
    /// After `v.` (defendants).
    Versus,
    /// After `and` (intervenors).
    And,
    /// Not in the caption.
    None,
}

/// A kind of document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    pub kind: String,
    /// In words: `Comments on the agency report`.
    pub name: String,
    /// In the navigation: `Comments`.
    pub short: String,
    /// Whether it is filed (and so needs `filed_by` and a signature).
    pub filing: bool,
    /// Its own caption, if not the forum's.
    #[serde(default)]
    pub caption: Option<Caption>,
    /// Sections it must have, by id.
    #[serde(default)]
    pub requires: Vec<Required>,
    /// How it ends.
    #[serde(default)]
    pub closing: Closing,
    /// Whether it carries a table of contents and a table of authorities (a proposed
    /// order does not).
    #[serde(default = "yes")]
    pub tables: bool,
}

fn yes() -> bool {
    true
}

/// A section a kind of document must have.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Required {
    /// The section's id.
    pub section: String,
    /// Its usual heading, for the error's hint.
    pub heading: String,
    /// Why, with the rule that asks for it.
    pub why: String,
}

impl Profile {
    /// The rule for a party role, if the forum knows it.
    pub fn role(&self, role: PartyRole) -> Option<&RoleRule> {
        self.roles.iter().find(|r| r.role == role)
    }

    /// What a profile says that cannot work, each with the key it is under: a default
    /// document kind it does not list, a limit for a kind it does not list, a page limit
    /// with no way to estimate pages.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.kind(&self.default_document).is_none() {
            out.push((
                "default_document",
                format!(
                    "`default_document: {}` is not one of the profile's document kinds; name \
                     one of {}",
                    self.default_document,
                    self.documents
                        .iter()
                        .map(|k| format!("`{}`", k.kind))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        for l in &self.limits {
            for k in l.kinds.iter().filter(|k| self.kind(k).is_none()) {
                out.push((
                    "kinds",
                    format!("the limit of {} names `{k}`, which is not one of the profile's document kinds; add the kind under `documents` or remove it here", l.rule),
                ));
            }
            if l.unit == Unit::Pages && l.words_per_page.is_none() {
                out.push((
                    "unit",
                    format!(
                        "the limit of {} counts pages but gives no `words_per_page` to estimate them from words; add it (a double-spaced page holds about 250)",
                        l.rule
                    ),
                ));
            }
        }
        out
    }

    /// The rule for a document kind, if the forum knows it.
    pub fn kind(&self, kind: &str) -> Option<&KindRule> {
        self.documents.iter().find(|k| k.kind == kind)
    }

    /// The length limit for a document kind, if a rule sets one.
    pub fn limit(&self, kind: &str) -> Option<&Limit> {
        self.limits
            .iter()
            .find(|l| l.kinds.iter().any(|k| k == kind))
    }
}

/// Every forum profile a run knows, by id.
#[derive(Debug)]
pub struct Forums {
    map: BTreeMap<String, Arc<Profile>>,
}

impl Forums {
    /// Profiles by id (built by `load`, which reads and parses them).
    pub fn new(map: BTreeMap<String, Arc<Profile>>) -> Forums {
        Forums { map }
    }

    /// Every profile by id.
    pub fn profiles(&self) -> &BTreeMap<String, Arc<Profile>> {
        &self.map
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Profile>> {
        self.map.get(id)
    }

    /// The ids, sorted.
    pub fn ids(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

/// The error for a case that names a forum no profile describes.
pub fn unknown(at: crate::error::Loc, forum: &str, forums: &Forums) -> Error {
    Error::UnknownForum {
        at,
        forum: forum.to_string(),
        known: forums.ids(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse_and_know_their_default_document() {
        let f = crate::load::builtin_forums();
        assert_eq!(f.ids(), ["agency", "cafc", "cofc", "gao"]);
        for id in f.ids() {
            let p = f.get(&id).unwrap();
            assert!(p.problems().is_empty(), "{id}: {:?}", p.problems());
        }
        let gao = f.get("gao").unwrap();
        assert_eq!(gao.role(PartyRole::Protester).unwrap().label, "Protester");
        assert!(gao.role(PartyRole::Plaintiff).is_none());
        assert_eq!(gao.kind("protest").unwrap().requires.len(), 4);
    }
}
