//! The case model as it is written in YAML. These types are strict (`deny_unknown_fields`)
//! and carry source locations (`Spanned`) wherever a later stage may need to point at a
//! value. Templates never see them: `view` builds separate, borrowing view structs.
//!
//! A case folder holds one `case.yaml` ([`CaseFile`]) and a `sources/` folder with the
//! texts of the documents it quotes.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// An id or a reference to one, with the place it was written.
pub type Id = Spanned<String>;

/// A case's `case.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub case: Spanned<CaseInfo>,
    pub procurement: Option<Spanned<Procurement>>,
    #[serde(default)]
    pub parties: Vec<Party>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub authorities: Vec<Authority>,
    #[serde(default)]
    pub timeline: Vec<Event>,
    #[serde(default)]
    pub depositions: Vec<Deposition>,
    /// Organizations that are not parties but act or speak in the record: agencies,
    /// offices, companies, courts.
    #[serde(default)]
    pub organizations: Vec<Organization>,
    /// Earlier and related proceedings: the GAO protest before the suit, consolidated and
    /// related dockets, appeals, remands.
    #[serde(default)]
    pub proceedings: Vec<Proceeding>,
    /// The field: every offeror in the competition, parties or not.
    #[serde(default)]
    pub offerors: Vec<Offeror>,
    /// One document, written as `brief:` (its id is `brief`).
    pub brief: Option<Spanned<Document>>,
    /// The case's documents, each with its id and kind.
    #[serde(default)]
    pub documents: Vec<Spanned<Document>>,
}

/// Ids are written in citations as `@id`, so they are limited to a plain alphabet.
pub fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        && !s.ends_with(['.', ':'])
}

/// The id of the document written as `brief:`.
pub const BRIEF_ID: &str = "brief";

impl CaseFile {
    /// Every document of the case with its id: `brief:` first (id `brief`), then
    /// `documents:` in order (a document without an id is left out; validation says so).
    pub fn documents(&self) -> impl Iterator<Item = (&str, &Spanned<Document>)> {
        let brief = self.brief.iter().map(|b| (BRIEF_ID, b));
        let docs = self
            .documents
            .iter()
            .filter_map(|d| Some((d.value.id.as_ref()?.value.as_str(), d)));
        brief.chain(docs)
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Spanned<Document>> {
        self.documents().find(|(d, _)| *d == id).map(|(_, doc)| doc)
    }

    /// Every text the case holds, with the id of its source or authority.
    pub fn texts(&self) -> impl Iterator<Item = (&Id, &TextFile)> {
        let sources = self.sources.iter().map(|s| (&s.id, &s.text));
        let authorities = self.authorities.iter().map(|a| (&a.id, &a.text));
        sources
            .chain(authorities)
            .filter_map(|(id, t)| Some((id, t.as_ref()?)))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseInfo {
    /// Full title as a citation gives it: `Amazon Web Services, Inc. v. United States`.
    pub title: String,
    /// Title for headers and lists: `AWS v. United States`.
    pub short_title: String,
    /// Court or forum name in full: `United States Court of Federal Claims`.
    pub court: String,
    /// Bluebook court abbreviation: `Fed. Cl.`.
    #[serde(default)]
    pub court_abbreviation: Option<String>,
    /// Docket number as printed: `No. 19-1796C`.
    pub docket: String,
    #[serde(default)]
    pub judge: Option<String>,
    /// The forum profile (`cofc`, `gao`, `agency`, or one of the user's
    /// `templates/forums/<id>.yaml`).
    pub forum: Spanned<String>,
    pub protest_type: ProtestType,
    pub status: CaseStatus,
    #[serde(default)]
    pub disposition: Option<String>,
    #[serde(default)]
    pub filed: Option<Spanned<Date>>,
    #[serde(default)]
    pub closed: Option<Spanned<Date>>,
    /// A short Markdown summary for the case's landing page.
    #[serde(default)]
    pub summary: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProtestType {
    PreAward,
    PostAward,
}

impl ProtestType {
    pub fn label(self) -> &'static str {
        match self {
            ProtestType::PreAward => "Pre-award",
            ProtestType::PostAward => "Post-award",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Pending,
    Stayed,
    Decided,
    Dismissed,
    Withdrawn,
    Settled,
}

impl CaseStatus {
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Pending => "Pending",
            CaseStatus::Stayed => "Stayed",
            CaseStatus::Decided => "Decided",
            CaseStatus::Dismissed => "Dismissed",
            CaseStatus::Withdrawn => "Withdrawn",
            CaseStatus::Settled => "Settled",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    pub agency: String,
    #[serde(default)]
    pub program: Option<String>,
    #[serde(default)]
    pub solicitation: Option<String>,
    #[serde(default)]
    pub contract: Option<String>,
    /// The ceiling or estimate as a sentence: `up to $10 billion over 10 years` (a
    /// trailing `?` or `~` marks it uncertain or approximate).
    #[serde(default)]
    pub estimated_value: Option<Figure>,
    /// The awardee, as a party id.
    #[serde(default)]
    pub awardee: Option<Id>,
    #[serde(default)]
    pub award_date: Option<Spanned<Date>>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: Id,
    pub name: String,
    /// The name used in running text: `AWS`.
    #[serde(default)]
    pub short: Option<String>,
    pub role: PartyRole,
    /// The caption's label when it differs from the role: `Intervenor-Defendant`.
    #[serde(default)]
    pub role_label: Option<String>,
    #[serde(default)]
    pub counsel: Vec<Counsel>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    Protester,
    Plaintiff,
    Defendant,
    /// The procuring agency, as a party at GAO or in an agency-level protest.
    Agency,
    Intervenor,
    DefendantIntervenor,
    Amicus,
    Awardee,
}

impl PartyRole {
    pub fn label(self) -> &'static str {
        match self {
            PartyRole::Protester => "Protester",
            PartyRole::Plaintiff => "Plaintiff",
            PartyRole::Defendant => "Defendant",
            PartyRole::Agency => "Agency",
            PartyRole::Intervenor => "Intervenor",
            PartyRole::DefendantIntervenor => "Defendant-Intervenor",
            PartyRole::Amicus => "Amicus Curiae",
            PartyRole::Awardee => "Awardee",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counsel {
    pub name: String,
    #[serde(default)]
    pub firm: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    pub role: CounselRole,
    /// Street address, one line per item: `[1000 Main St. NW, Washington, DC 20001]`.
    #[serde(default)]
    pub address: Vec<String>,
    #[serde(default)]
    pub telephone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub fax: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CounselRole {
    AttorneyOfRecord,
    OfCounsel,
    AgencyCounsel,
}

impl CounselRole {
    pub fn label(self) -> &'static str {
        match self {
            CounselRole::AttorneyOfRecord => "Attorney of record",
            CounselRole::OfCounsel => "Of counsel",
            CounselRole::AgencyCounsel => "Agency counsel",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Id,
    pub name: String,
    /// Surname or short name for running text: `Deasy`.
    #[serde(default)]
    pub short: Option<String>,
    #[serde(default)]
    pub positions: Vec<Position>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub title: String,
    #[serde(default)]
    pub from: Option<Spanned<Date>>,
    #[serde(default)]
    pub to: Option<Spanned<Date>>,
    /// The sources that give the dates (source ids), printed with their exhibit labels.
    #[serde(default)]
    pub sources: Vec<Id>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Id,
    pub kind: SourceKind,
    pub title: String,
    /// The title is the case's own description of the source (its real headline was not
    /// confirmed): printed in brackets, in roman, never as the source's title.
    #[serde(default)]
    pub title_described: bool,
    /// Short title for later references: `Pl.'s Mem.`.
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    /// The piece carries no byline (an editorial, a staff report): cited by title alone
    /// (rule 16.6), and the missing-author lint does not apply.
    #[serde(default)]
    pub unsigned: bool,
    /// Newspaper, publisher or court.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The periodical's abbreviation (table T13) when casefile's table does not give it.
    #[serde(default)]
    pub outlet_abbreviation: Option<String>,
    /// A hearing's Congress (`116`).
    #[serde(default)]
    pub congress: Option<u32>,
    /// How a brief cites it: `document` (its own citation form, the default) or
    /// `exhibit` (`Ex. O at 3`, for a source attached to the filing).
    #[serde(default)]
    pub cite_as: CiteAs,
    /// Pinpoints count the pages of the court's ECF header (`ECF No. 146-1 at 12`)
    /// rather than the document's own pages.
    #[serde(default)]
    pub ecf_pages: bool,
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
    /// Docket entry number for filings and orders: `146-1`.
    #[serde(default)]
    pub ecf: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Exhibit label; sources without one are lettered in order (A, B, ...).
    #[serde(default)]
    pub exhibit: Option<String>,
    /// The source's text, with where it came from: what quotations are checked against.
    #[serde(default)]
    pub text: Option<TextFile>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A text file a case quotes from, and its provenance: the cite-check reports what it
/// checked against, and a quotation is "verified" only against a full original text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextFile {
    /// Path relative to the case folder (under `sources/`).
    pub file: Spanned<String>,
    /// Whether the file holds the whole document or only the passages the case quotes.
    pub scope: TextScope,
    /// How the words were obtained.
    #[serde(default)]
    pub quality: Quality,
    /// For a translation: the source that holds the original words.
    #[serde(default)]
    pub translation_of: Option<Id>,
    /// Where the text was retrieved from.
    #[serde(default)]
    pub from: Option<String>,
    /// When it was retrieved.
    #[serde(default)]
    pub retrieved: Option<Spanned<Date>>,
    /// SHA-256 of the file (64 hex digits): a changed file is an error until this is
    /// updated, so a quotation cannot drift from the text it was checked against.
    #[serde(default)]
    pub sha256: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CiteAs {
    #[default]
    Document,
    Exhibit,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum TextScope {
    /// The whole document.
    #[default]
    Full,
    /// Only passages of it: a quotation found there is not checked against its context,
    /// and its paragraphs are not the document's.
    Excerpt,
}

/// How a text's words were obtained.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    /// Typed, copied or exported from the document itself.
    #[default]
    Original,
    /// Read by character recognition from a scan: it may hold misread words.
    Ocr,
    /// A translation: its words are the translator's, not the speaker's.
    Translation,
    /// A transcript of spoken words.
    Transcript,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Filing,
    Opinion,
    Order,
    /// The administrative record filed in a bid protest: cited `AR 1234`.
    AdministrativeRecord,
    Transcript,
    /// A congressional hearing (rule 13.3).
    Hearing,
    News,
    Book,
    Statute,
    Report,
    Statement,
    Other,
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Filing => "Filing",
            SourceKind::Opinion => "Opinion",
            SourceKind::Order => "Order",
            SourceKind::AdministrativeRecord => "Administrative record",
            SourceKind::Transcript => "Transcript",
            SourceKind::Hearing => "Hearing",
            SourceKind::News => "News article",
            SourceKind::Book => "Book",
            SourceKind::Statute => "Statute",
            SourceKind::Report => "Report",
            SourceKind::Statement => "Statement",
            SourceKind::Other => "Other",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    pub id: Id,
    pub source: Id,
    /// The verbatim quotation (Bluebook alterations and ellipses allowed).
    pub quote: Spanned<String>,
    /// Page of the source (`[[page N]]` or star-paging markers in its text): `12`, or a
    /// range for a quotation across a page break, `142-43`.
    #[serde(default)]
    pub page: Option<Spanned<Pages>>,
    /// Footnote of the source the quotation is in (`[[fn N]]` in its text): cited `n.3`.
    #[serde(default)]
    pub footnote: Option<Spanned<u32>>,
    /// Paragraph of the source (counted, or `[[para N]]` markers in its text).
    #[serde(default)]
    pub paragraph: Option<Spanned<u32>>,
    /// Who said or wrote the words: a person, a party or an organization of the case.
    #[serde(default)]
    pub speaker: Option<Id>,
    /// People the excerpt is about.
    #[serde(default)]
    pub concerns: Vec<Id>,
    /// Parenthetical after the citation: `emphasis added`, `internal quotation marks omitted`.
    #[serde(default)]
    pub parenthetical: Option<String>,
    /// The source quotes these words from another authority: cited `(quoting …)`.
    #[serde(default)]
    pub quoting: Option<Quoting>,
    /// Alterations, omissions and internal citations are not shown: `(cleaned up)`.
    #[serde(default)]
    pub cleaned_up: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// A page or a range of pages: `12`, `142-43`, `142-143`, `142–43`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pages {
    pub first: u32,
    pub last: u32,
}

impl Pages {
    /// One page.
    pub fn one(p: u32) -> Pages {
        Pages { first: p, last: p }
    }

    /// Read `142-43` (rule 3.2(a): the last digits of the second page), `142-143` or
    /// `142–43`; a range must go forward.
    pub fn parse(s: &str) -> Result<Pages, String> {
        let s = s.trim();
        let bad = || format!("`{s}` is not a page or a range of pages like `142-43`");
        let (a, b) = match s.split_once(['-', '–']) {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (s, None),
        };
        let first: u32 = a.parse().map_err(|_| bad())?;
        let Some(b) = b else {
            return Ok(Pages { first, last: first });
        };
        let tail: u32 = b.parse().map_err(|_| bad())?;
        // `142-43`: the second page keeps only the digits that change.
        let last = if b.len() < a.len() {
            let m = 10u32.pow(b.len() as u32);
            first - first % m + tail
        } else {
            tail
        };
        if last <= first {
            return Err(format!(
                "`{s}` does not go forward: write the first page, then the last"
            ));
        }
        Ok(Pages { first, last })
    }
}

impl fmt::Display for Pages {
    /// Rule 3.2(a): `142`, or `142–43` (an en dash, the second page's repeated digits
    /// dropped but two kept).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            return write!(f, "{}", self.first);
        }
        let (a, b) = (self.first.to_string(), self.last.to_string());
        let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let keep = if a.len() == b.len() {
            b.len().saturating_sub(same).max(2).min(b.len())
        } else {
            b.len()
        };
        write!(f, "{a}–{}", b.get(b.len() - keep..).unwrap_or(&b))
    }
}

impl<'de> Deserialize<'de> for Pages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Pages, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Pages;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a page number or a range like `142-43`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Pages, E> {
                let p = u32::try_from(v).map_err(|_| E::custom("invalid page: too large"))?;
                Ok(Pages { first: p, last: p })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Pages, E> {
                let p = u32::try_from(v).map_err(|_| E::custom("invalid page: negative"))?;
                Ok(Pages { first: p, last: p })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Pages, E> {
                Pages::parse(v).map_err(|e| E::custom(format!("invalid page: {e}")))
            }
        }
        d.deserialize_any(V)
    }
}

/// What an excerpt's source is quoting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quoting {
    /// The authority or source quoted.
    pub id: Id,
    /// Where in it: `142`.
    #[serde(default)]
    pub pin: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub id: Id,
    pub kind: AuthorityKind,
    /// Case name as cited (abbreviated per Bluebook T6), act name, or rule set (`RCFC`).
    #[serde(default)]
    pub name: Option<String>,
    /// Short-form name: `Axiom`.
    #[serde(default)]
    pub short: Option<String>,
    #[serde(default)]
    pub volume: Option<u32>,
    #[serde(default)]
    pub reporter: Option<String>,
    /// First page in the reporter.
    #[serde(default)]
    pub page: Option<u32>,
    /// Last page in the reporter, when known; pinpoints beyond it are errors.
    #[serde(default)]
    pub last_page: Option<u32>,
    /// Court abbreviation for the parenthetical: `Fed. Cir.`.
    #[serde(default)]
    pub court: Option<String>,
    #[serde(default)]
    pub year: Option<u32>,
    /// Exact date for slip opinions and agency decisions: `Apr. 28, 2021`.
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
    /// Docket number for slip opinions: `No. 19-1796C`.
    #[serde(default)]
    pub docket: Option<String>,
    /// Code title number: `28` in 28 U.S.C. § 1491.
    #[serde(default)]
    pub title: Option<u32>,
    /// Code: `U.S.C.`, `C.F.R.`.
    #[serde(default)]
    pub code: Option<String>,
    /// Section or rule: `1491(b)(1)`, `52.1`, `App. C`.
    #[serde(default)]
    pub section: Option<String>,
    /// Public law number: `115-91`.
    #[serde(default)]
    pub public_law: Option<String>,
    /// Statutes at Large: `131 Stat. 1283`.
    #[serde(default)]
    pub statutes_at_large: Option<String>,
    /// Agency decision number: `B-416657 et al.`.
    #[serde(default)]
    pub number: Option<String>,
    /// Reporter for agency decisions: `2018 CPD ¶ 391`.
    #[serde(default)]
    pub cpd: Option<String>,
    /// Words after the citation: `per curiam`.
    #[serde(default)]
    pub parenthetical: Option<String>,
    /// For secondary sources: the source that carries the authority's text.
    #[serde(default)]
    pub source: Option<Id>,
    /// The decision's own text (an opinion with star paging), so that excerpts can quote
    /// it: each is cite-checked at its reporter page and cited with this authority's
    /// citation. Text before the first page marker is on `page`.
    #[serde(default)]
    pub text: Option<TextFile>,
    /// Subsequent history (rule 10.7): `[{ relation: affd, authority: oracle-fedcir }]`.
    /// A document prints only the history dated on or before its own date.
    #[serde(default)]
    pub history: Vec<History>,
    /// Parallel citations a court requires, after the first reporter: `139 S. Ct. 2551`.
    #[serde(default)]
    pub parallel: Vec<String>,
    #[serde(default)]
    pub verification: Verification,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// One step of an authority's later history.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    pub relation: Relation,
    /// The later decision, as an authority of the case (cited in full).
    #[serde(default)]
    pub authority: Option<Id>,
    /// Or the later decision as text, when the case does not list it: `No. 2019-2326
    /// (Fed. Cir. Sept. 2, 2020)`.
    #[serde(default)]
    pub cite: Option<String>,
    /// When it happened (needed with `cite`; taken from the authority otherwise).
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
}

/// How a later decision relates to the one cited (rule 10.7.1, table T8).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Affd,
    AffdInPart,
    Revd,
    RevdInPart,
    Vacated,
    Modified,
    CertDenied,
    CertGranted,
    AppealDocketed,
    AppealDismissed,
}

impl Relation {
    /// The phrase, as printed in italics: `aff'd`.
    pub fn phrase(self) -> &'static str {
        match self {
            Relation::Affd => "aff'd",
            Relation::AffdInPart => "aff'd in part",
            Relation::Revd => "rev'd",
            Relation::RevdInPart => "rev'd in part",
            Relation::Vacated => "vacated",
            Relation::Modified => "modified",
            Relation::CertDenied => "cert. denied",
            Relation::CertGranted => "cert. granted",
            Relation::AppealDocketed => "appeal docketed",
            Relation::AppealDismissed => "appeal dismissed",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    Case,
    Constitution,
    Statute,
    Legislative,
    Regulation,
    Rule,
    AgencyDecision,
    Secondary,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    #[default]
    Verified,
    /// The authority is real but a reporter page or pin is not confirmed.
    Unverified,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    #[serde(default)]
    pub id: Option<Id>,
    pub date: Spanned<Date>,
    pub title: String,
    #[serde(default)]
    pub detail: Option<String>,
    /// Docket entry: `124`.
    #[serde(default)]
    pub ecf: Option<String>,
    /// Excerpts or sources that support the event.
    #[serde(default)]
    pub cites: Vec<Id>,
    #[serde(default)]
    pub people: Vec<Id>,
    /// Where sources disagree about the event.
    #[serde(default)]
    pub uncertain: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deposition {
    /// The proposed deponent, a person id.
    pub deponent: Id,
    #[serde(default)]
    pub status: DepositionStatus,
    /// The filing that asked for the deposition (a source id).
    #[serde(default)]
    pub requested_in: Option<Id>,
    /// Why the information cannot be had from the record (Markdown, may cite).
    pub why_unavailable: Spanned<String>,
    /// What the examination is for: the facts or admissions it seeks (Markdown, may cite).
    #[serde(default)]
    pub purpose: Option<Spanned<String>>,
    pub topics: Vec<Topic>,
    /// Documents to show the witness: sources of the case, each printed with its exhibit
    /// label.
    #[serde(default)]
    pub show: Vec<Id>,
    /// The time the examining party proposes, in words, with the rule it answers: `3 hours
    /// (RCFC 30(d)(1) otherwise allows 7)`.
    #[serde(default)]
    pub time_limit: Option<String>,
    /// The objections to expect, each with the answer to it.
    #[serde(default)]
    pub objections: Vec<Objection>,
    /// The safeguards offered (order, written questions first, limits) (Markdown, may cite).
    #[serde(default)]
    pub safeguards: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// An objection the other side may raise at a deposition, with the answer to it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    /// The objection, in a few words: `Apex doctrine`.
    pub objection: String,
    /// The answer (Markdown, may cite).
    pub answer: Spanned<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum DepositionStatus {
    #[default]
    Proposed,
    Requested,
    Granted,
    Denied,
    Moot,
    Withdrawn,
}

impl DepositionStatus {
    pub fn label(self) -> &'static str {
        match self {
            DepositionStatus::Proposed => "Proposed",
            DepositionStatus::Requested => "Requested; no ruling",
            DepositionStatus::Granted => "Granted",
            DepositionStatus::Denied => "Denied",
            DepositionStatus::Moot => "Moot",
            DepositionStatus::Withdrawn => "Withdrawn",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub topic: String,
    /// Excerpts that ground the topic.
    #[serde(default)]
    pub basis: Vec<Id>,
    /// The questions to put to the witness on it, in order.
    #[serde(default)]
    pub questions: Vec<String>,
}

/// A document of the case: a filing (memorandum, protest, comments) or a paper that is not
/// filed (research memorandum, case study). Its kind comes from the forum profile.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The document's id, also its page (`<id>.md`); `brief:` is `brief`.
    #[serde(default)]
    pub id: Option<Id>,
    /// Its kind, one the forum profile lists (`memorandum`, `protest`, `comments`,
    /// `research_memo`, `case_study`); the forum's default kind when absent.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    pub title: String,
    /// The party filing it (a party id): required for filings.
    #[serde(default)]
    pub filed_by: Option<Id>,
    /// Who wrote a paper that is not filed (a research memorandum's author).
    #[serde(default)]
    pub prepared_by: Option<String>,
    #[serde(default)]
    pub citations: CitationStyle,
    pub sections: Vec<Section>,
    /// Free signature lines (older cases); `signer` writes the block a court rule asks for.
    #[serde(default)]
    pub signature: Vec<String>,
    /// Who signs a filing: the name of one of the filing party's counsel, whose address,
    /// telephone and e-mail the forum's signature rule may require.
    #[serde(default)]
    pub signer: Option<Spanned<String>>,
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
    /// A note printed under the caption (for instance that the brief is a study version).
    #[serde(default)]
    pub note: Option<String>,
    /// A study version of a filing (written to learn from, never filed): the statement
    /// printed where the signature block would be. A study signs as what it is, so it
    /// takes neither `signer` nor `signature`; in every other respect it is held to the
    /// filing's standard.
    #[serde(default)]
    pub study: Option<Spanned<String>>,
}

/// An organization of the record that is not a party: it may speak (an excerpt's
/// `speaker`) and has its own who's-who page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub short: Option<String>,
    pub kind: OrganizationKind,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    Agency,
    Office,
    Company,
    Court,
    Other,
}

impl OrganizationKind {
    pub fn label(self) -> &'static str {
        match self {
            OrganizationKind::Agency => "Agency",
            OrganizationKind::Office => "Office",
            OrganizationKind::Company => "Company",
            OrganizationKind::Court => "Court",
            OrganizationKind::Other => "Organization",
        }
    }
}

/// An earlier or related proceeding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proceeding {
    pub id: Id,
    /// Its forum profile: `gao`, `cofc`, `agency`, …
    pub forum: Spanned<String>,
    /// Docket or file numbers as printed: `B-419783; B-419783.2`.
    pub number: String,
    /// How it relates to this case.
    pub relation: ProceedingRelation,
    /// Who brought it, as a party id.
    #[serde(default)]
    pub filed_by: Option<Id>,
    #[serde(default)]
    pub filed: Option<Spanned<Date>>,
    #[serde(default)]
    pub decided: Option<Spanned<Date>>,
    /// The outcome in a few words: `denied`, `sustained in part`, `dismissed as academic`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// The decision, as an authority of the case (cited in its forum's form).
    #[serde(default)]
    pub decision: Option<Id>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProceedingRelation {
    /// Came before this case (a GAO protest before the suit).
    Earlier,
    /// Runs beside it.
    Related,
    /// Consolidated with it.
    Consolidated,
    /// An appeal from it.
    Appeal,
    /// A remand to the agency.
    Remand,
    /// Came after it.
    Later,
}

impl ProceedingRelation {
    pub fn label(self) -> &'static str {
        match self {
            ProceedingRelation::Earlier => "Earlier proceeding",
            ProceedingRelation::Related => "Related proceeding",
            ProceedingRelation::Consolidated => "Consolidated",
            ProceedingRelation::Appeal => "Appeal",
            ProceedingRelation::Remand => "Remand",
            ProceedingRelation::Later => "Later proceeding",
        }
    }
}

/// An offeror in the competition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offeror {
    pub id: Id,
    pub name: String,
    /// The party it is, if it is one.
    #[serde(default)]
    pub party: Option<Id>,
    /// Whether it won the award.
    #[serde(default)]
    pub awardee: bool,
    /// Its evaluated or proposed price, as the record states it (`$2,941,394,557`; a
    /// trailing `?` or `~` marks it uncertain or approximate).
    #[serde(default)]
    pub price: Option<Figure>,
    /// Its ratings by evaluation factor, in the order the solicitation lists them.
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// Its price and ratings are protected information: no page prints them.
    #[serde(default)]
    pub protected: bool,
    /// Where the figures come from: excerpts or sources.
    #[serde(default)]
    pub cites: Vec<Id>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One evaluation result.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub factor: String,
    pub rating: String,
}

/// A number as a record states it (`$2.9 billion`, `3`), possibly uncertain (`?`) or
/// approximate (`~`), written after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub text: String,
    pub qual: Qualifier,
}

impl Figure {
    /// As a reader sees it: `about $3 billion`.
    pub fn show(&self) -> String {
        self.qual.show(&self.text)
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Figure, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or an amount, optionally followed by `?` or `~`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
                let (text, qual) = Qualifier::split(v);
                if text.trim().is_empty() {
                    return Err(E::custom("an amount is empty"));
                }
                Ok(Figure {
                    text: text.trim().to_string(),
                    qual,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CitationStyle {
    #[default]
    Inline,
    Footnotes,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Id,
    pub heading: String,
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    /// What casefile writes after the body from the case's data: `proceedings` (the
    /// procedural history as of the document's date, each decision cited).
    #[serde(default)]
    pub include: Option<Include>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// Every section of a document, depth first.
pub fn sections_of(secs: &[Section]) -> Vec<&Section> {
    fn walk<'a>(secs: &'a [Section], out: &mut Vec<&'a Section>) {
        for s in secs {
            out.push(s);
            walk(&s.sections, out);
        }
    }
    let mut out = Vec::new();
    walk(secs, &mut out);
    out
}

/// A part of a section casefile writes from the case's data.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Include {
    /// The procedural history (`proceedings`), as of the document's date.
    Proceedings,
    /// A certificate of compliance with the forum's word limit, with the document's count
    /// (the section itself is not counted).
    Certificate,
}

/// A calendar date, possibly partial: `2019-10-25`, `2018-07` or `2018`, and possibly
/// qualified as the Extended Date/Time Format (ISO 8601-2, level 1) writes it: `2019-10-25?`
/// (uncertain), `2019-10~` (approximate), `2019%` (both).
///
/// Dates compare, sort and hash by the day alone: a qualifier says how sure the record is
/// of the day, not that it is another day (`2021-04-26?` is not after `2021-04-26`).
#[derive(Debug, Clone, Copy)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub qual: Qualifier,
}

impl PartialEq for Date {
    fn eq(&self, o: &Date) -> bool {
        (self.year, self.month, self.day) == (o.year, o.month, o.day)
    }
}

impl Eq for Date {}

impl PartialOrd for Date {
    fn partial_cmp(&self, o: &Date) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Date {
    fn cmp(&self, o: &Date) -> std::cmp::Ordering {
        (self.year, self.month, self.day).cmp(&(o.year, o.month, o.day))
    }
}

impl std::hash::Hash for Date {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (self.year, self.month, self.day).hash(h);
    }
}

/// How sure a date or a figure is (EDTF qualifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As written.
    #[default]
    Exact,
    /// `?`: the sources do not settle it.
    Uncertain,
    /// `~`: about this.
    Approximate,
    /// `%`: both.
    UncertainApproximate,
}

impl Qualifier {
    /// Split a trailing EDTF qualifier (`?`, `~`, `%`) off `s`.
    pub fn split(s: &str) -> (&str, Qualifier) {
        let s = s.trim_end();
        match s.chars().last() {
            Some('?') => (&s[..s.len() - 1], Qualifier::Uncertain),
            Some('~') => (&s[..s.len() - 1], Qualifier::Approximate),
            Some('%') => (&s[..s.len() - 1], Qualifier::UncertainApproximate),
            _ => (s, Qualifier::Exact),
        }
    }

    /// The EDTF mark: `?`, `~`, `%` or nothing.
    pub fn mark(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::UncertainApproximate => "%",
        }
    }

    /// Whether the value is anything but exact.
    pub fn is_qualified(self) -> bool {
        self != Qualifier::Exact
    }

    /// The value as a reader sees it: `about $2.9 billion`, `July 30, 2021 (uncertain)`.
    pub fn show(self, value: &str) -> String {
        match self {
            Qualifier::Exact => value.to_string(),
            Qualifier::Uncertain => format!("{value} (uncertain)"),
            Qualifier::Approximate => format!("about {value}"),
            Qualifier::UncertainApproximate => format!("about {value} (uncertain)"),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Bluebook T12 month abbreviations.
const MONTHS_SHORT: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let (plain, qual) = Qualifier::split(s);
        let d = Date::parse_plain(plain)
            .map_err(|e| e.replacen(&format!("`{plain}`"), &format!("`{s}`"), 1))?;
        Ok(Date { qual, ..d })
    }

    fn parse_plain(s: &str) -> Result<Date, String> {
        let mut parts = s.split('-');
        let year = parts
            .next()
            .filter(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u16>().ok())
            .ok_or_else(|| format!("invalid date `{s}`: expected YYYY-MM-DD, YYYY-MM or YYYY (a trailing `?` or `~` marks it uncertain or approximate)"))?;
        let mut num = |what: &str, max: u8| -> Result<u8, String> {
            match parts.next() {
                None => Ok(0),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    let n: u8 = p.parse().map_err(|_| format!("invalid {what} in `{s}`"))?;
                    if n == 0 || n > max {
                        Err(format!("invalid date `{s}`: {what} must be 01 to {max:02}"))
                    } else {
                        Ok(n)
                    }
                }
                Some(_) => Err(format!(
                    "invalid date `{s}`: expected YYYY-MM-DD, YYYY-MM or YYYY"
                )),
            }
        };
        let month = num("month", 12)?;
        let day = if month == 0 { 0 } else { num("day", 31)? };
        if parts.next().is_some() {
            return Err(format!(
                "invalid date `{s}`: expected YYYY-MM-DD, YYYY-MM or YYYY"
            ));
        }
        let d = Date {
            year,
            month,
            day,
            qual: Qualifier::Exact,
        };
        if day > d.days_in_month() {
            return Err(format!(
                "invalid date `{s}`: {} {year} has {} days",
                d.month_name(&MONTHS),
                d.days_in_month()
            ));
        }
        Ok(d)
    }

    fn days_in_month(&self) -> u8 {
        match self.month {
            2 if (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100))
                || self.year.is_multiple_of(400) =>
            {
                29
            }
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// The date as written, with its EDTF qualifier: `2019-10-25?`.
    pub fn edtf(&self) -> String {
        format!("{}{}", self.iso(), self.qual.mark())
    }

    /// ISO form, without a qualifier (for machines: `<time datetime>`, sorting):
    /// `2019-10-25`, `2018-07`, `2018`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{:04}", self.year),
            (m, 0) => format!("{:04}-{m:02}", self.year),
            (m, d) => format!("{:04}-{m:02}-{d:02}", self.year),
        }
    }

    fn month_name(&self, names: &[&'static str; 12]) -> &'static str {
        names
            .get(usize::from(self.month).wrapping_sub(1))
            .copied()
            .unwrap_or("")
    }

    /// Long form for prose: `October 25, 2019`, `July 2018`, `2018`; a qualified date says
    /// so: `about July 2018`, `October 25, 2019 (uncertain)`.
    pub fn long(&self) -> String {
        self.qual.show(&self.long_plain())
    }

    fn long_plain(&self) -> String {
        match (self.month, self.day) {
            (0, _) => self.year.to_string(),
            (_, 0) => format!("{} {}", self.month_name(&MONTHS), self.year),
            (_, d) => format!("{} {d}, {}", self.month_name(&MONTHS), self.year),
        }
    }

    /// Bluebook form for citations: `Oct. 25, 2019`, `July 2018`, `2018`; a qualified date
    /// is marked as in prose (`about July 2018`).
    pub fn bluebook(&self) -> String {
        self.qual.show(&self.bluebook_plain())
    }

    fn bluebook_plain(&self) -> String {
        match (self.month, self.day) {
            (0, _) => self.year.to_string(),
            (_, 0) => format!("{} {}", self.month_name(&MONTHS_SHORT), self.year),
            (_, d) => format!("{} {d}, {}", self.month_name(&MONTHS_SHORT), self.year),
        }
    }

    /// Days since 0000-03-01 for scaling a timeline (partial dates take the 1st).
    pub fn ordinal(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month.max(1)),
            i64::from(self.day.max(1)),
        );
        let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.edtf())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, YYYY-MM or YYYY")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_full_and_partial_dates() {
        let d = Date::parse("2019-10-25").unwrap();
        assert_eq!(d.long(), "October 25, 2019");
        assert_eq!(d.bluebook(), "Oct. 25, 2019");
        assert_eq!(Date::parse("2018-07").unwrap().long(), "July 2018");
        assert_eq!(Date::parse("2018").unwrap().bluebook(), "2018");
        assert_eq!(
            Date::parse("2020-09-04").unwrap().bluebook(),
            "Sept. 4, 2020"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            Date::parse("2019-02-29").unwrap_err(),
            "invalid date `2019-02-29`: February 2019 has 28 days"
        );
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2020-13-01").is_err());
        assert!(Date::parse("20-01-01").is_err());
        assert!(Date::parse("2020-01-01-01").is_err());
    }

    #[test]
    fn edtf_qualifiers_are_read_and_shown() {
        let d = Date::parse("2021-04-26?").unwrap();
        assert_eq!(d.long(), "April 26, 2021 (uncertain)");
        assert_eq!(d.iso(), "2021-04-26");
        assert_eq!(d.edtf(), "2021-04-26?");
        assert_eq!(Date::parse("2021-04~").unwrap().long(), "about April 2021");
        assert_eq!(
            Date::parse("2021%").unwrap().bluebook(),
            "about 2021 (uncertain)"
        );
        // The same day, however sure: not later, not earlier.
        assert_eq!(d, Date::parse("2021-04-26").unwrap());
        assert!(d <= Date::parse("2021-04-26").unwrap());
        assert_eq!(
            Date::parse("2019-02-29?").unwrap_err(),
            "invalid date `2019-02-29?`: February 2019 has 28 days"
        );
    }

    #[test]
    fn ordinal_is_monotonic() {
        let a = Date::parse("2019-12-31").unwrap().ordinal();
        let b = Date::parse("2020-01-01").unwrap().ordinal();
        assert_eq!(b - a, 1);
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;
    use crate::error::Error;

    /// The fields serde accepts for `T`, read from its unknown-field error.
    fn fields<T: for<'de> Deserialize<'de> + std::fmt::Debug>() -> Vec<String> {
        match crate::load::parse_yaml::<T>(std::path::Path::new("t.yaml"), "zz_unknown: 1\n") {
            Err(Error::UnknownKey { mut expected, .. }) => {
                expected.sort();
                expected
            }
            other => panic!("expected an unknown-key error, got {other:?}"),
        }
    }

    fn schema_props(pointer: &str) -> Vec<String> {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../docs/case.schema.json")).unwrap();
        let node = schema
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer}"));
        let mut v: Vec<String> = node["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        v.sort();
        v
    }

    /// docs/case.schema.json must describe exactly the fields the loader accepts.
    #[test]
    fn rule_3_2_a_page_ranges() {
        let p = |s: &str| Pages::parse(s).map(|p| p.to_string());
        assert_eq!(p("142-43"), Ok("142–43".into()));
        assert_eq!(p("142-143"), Ok("142–43".into()));
        assert_eq!(p("1379–1380"), Ok("1379–80".into()));
        assert_eq!(p("99-101"), Ok("99–101".into()));
        assert_eq!(p("12"), Ok("12".into()));
        assert!(p("43-42").is_err());
        assert!(p("x").is_err());
    }

    #[test]
    fn schema_matches_model() {
        let p = "/properties";
        assert_eq!(fields::<CaseFile>(), schema_props(""));
        assert_eq!(fields::<CaseInfo>(), schema_props(&format!("{p}/case")));
        assert_eq!(
            fields::<Procurement>(),
            schema_props(&format!("{p}/procurement"))
        );
        assert_eq!(
            fields::<Party>(),
            schema_props(&format!("{p}/parties/items"))
        );
        assert_eq!(
            fields::<Counsel>(),
            schema_props(&format!("{p}/parties/items/properties/counsel/items"))
        );
        assert_eq!(
            fields::<Person>(),
            schema_props(&format!("{p}/people/items"))
        );
        assert_eq!(
            fields::<Position>(),
            schema_props(&format!("{p}/people/items/properties/positions/items"))
        );
        assert_eq!(
            fields::<Source>(),
            schema_props(&format!("{p}/sources/items"))
        );
        assert_eq!(
            fields::<Excerpt>(),
            schema_props(&format!("{p}/excerpts/items"))
        );
        assert_eq!(
            fields::<Authority>(),
            schema_props(&format!("{p}/authorities/items"))
        );
        assert_eq!(
            fields::<Event>(),
            schema_props(&format!("{p}/timeline/items"))
        );
        assert_eq!(
            fields::<Deposition>(),
            schema_props(&format!("{p}/depositions/items"))
        );
        assert_eq!(
            fields::<Topic>(),
            schema_props(&format!("{p}/depositions/items/properties/topics/items"))
        );
        assert_eq!(fields::<Document>(), schema_props("/$defs/document"));
        assert_eq!(
            fields::<Organization>(),
            schema_props(&format!("{p}/organizations/items"))
        );
        assert_eq!(
            fields::<Proceeding>(),
            schema_props(&format!("{p}/proceedings/items"))
        );
        assert_eq!(
            fields::<Offeror>(),
            schema_props(&format!("{p}/offerors/items"))
        );
        assert_eq!(
            fields::<Rating>(),
            schema_props(&format!("{p}/offerors/items/properties/ratings/items"))
        );
        assert_eq!(fields::<Section>(), schema_props("/$defs/section"));
        assert_eq!(
            fields::<History>(),
            schema_props(&format!("{p}/authorities/items/properties/history/items"))
        );
        assert_eq!(fields::<TextFile>(), schema_props("/$defs/TextFile"));
        assert_eq!(
            fields::<Quoting>(),
            schema_props(&format!("{p}/excerpts/items/properties/quoting"))
        );
    }
}
