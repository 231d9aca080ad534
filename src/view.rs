//! What templates see: plain, serializable view structs built by `resolve`. This is the
//! template authors' API, described with examples in `docs/templates.md`.
//!
//! Fields ending in `_md` hold Markdown that casefile wrote from escaped data and safe
//! Markdown (print them with `| safe`); `timeline_svg` is HTML casefile wrote (also
//! `| safe`). Every other string is raw data, which the template engine escapes for the
//! page it lands in. Fields named `href` are links from the page that shows the item,
//! given by the page map; `anchor` fields are the ids of entries on their own page.
#![warn(missing_docs)]

use serde::Serialize;

/// A case: its description and every document's view. Templates see it as `case`.
#[derive(Debug, Default, Serialize)]
pub struct CaseView {
    /// The case's folder name (also its URL path segment).
    pub slug: String,
    /// Full title as a citation gives it: `Amazon Web Services, Inc. v. United States`.
    pub title: String,
    /// Title for headers and lists.
    pub short_title: String,
    /// Court or forum, in full.
    pub court: String,
    /// Bluebook abbreviation of the court (`Fed. Cl.`), if the case gives one.
    pub court_abbreviation: Option<String>,
    /// Docket number as printed: `No. 19-1796C`.
    pub docket: String,
    /// The judge, if any.
    pub judge: Option<String>,
    /// The forum, in words: `U.S. Court of Federal Claims`.
    pub forum: String,
    /// The forum profile's id: `cofc`, `gao`, `agency`.
    pub forum_id: String,
    /// `Pre-award` or `Post-award`.
    pub protest_type: &'static str,
    /// `Pending`, `Decided`, `Dismissed`, …
    pub status: &'static str,
    /// The outcome, in a sentence, if any.
    pub disposition: Option<String>,
    /// When the case was filed, in prose (`November 22, 2019`; an uncertain date says
    /// so: `November 22, 2019 (uncertain)`).
    pub filed: Option<String>,
    /// When it closed, in prose.
    pub closed: Option<String>,
    /// The case's summary, with its citations written out.
    pub summary_md: Option<String>,
    /// The procurement protested, if the case describes it.
    pub procurement: Option<ProcurementView>,
    /// Every party, in case order.
    pub parties: Vec<PartyView>,
    /// Every person, in case order.
    pub people: Vec<PersonView>,
    /// The exhibit list, in label order.
    pub exhibits: Vec<ExhibitView>,
    /// The chronology, in date order.
    pub timeline: Vec<EventView>,
    /// One outline per proposed deponent, in case order.
    pub depositions: Vec<DepositionView>,
    /// The case's documents (filings, memoranda, case studies), in case order.
    pub documents: Vec<DocumentView>,
    /// Organizations of the record that are not parties, in case order.
    pub organizations: Vec<OrganizationView>,
    /// Earlier and related proceedings, in case order.
    pub proceedings: Vec<ProceedingView>,
    /// The field: every offeror, in case order.
    pub offerors: Vec<OfferorView>,
    /// The evaluation factors the offerors are rated on, in first-seen order (the
    /// columns of the field's table).
    pub rating_factors: Vec<String>,
    /// The cite-check report.
    pub citecheck: CiteCheckView,
    /// The chronology drawn to scale, as an inline SVG (already escaped; print with
    /// `| safe`, on lines of its own).
    pub timeline_svg: String,
    /// One who's-who page per person and per organization (parties included) that speaks
    /// or is spoken of.
    pub who: Vec<WhoView>,
    /// The service list: each party with counsel, in case order.
    pub service: Vec<ServiceEntry>,
    /// The redaction log (sealed edition only): each protected span, who designated it,
    /// why, and where it shows.
    pub redactions: Vec<RedactionView>,
}

/// One entry of the redaction log.
#[derive(Debug, Clone, Serialize)]
pub struct RedactionView {
    /// Its number in the log, from 1.
    pub number: usize,
    /// The protected words (the log is in the sealed edition only).
    pub text: String,
    /// The designating party's name.
    pub by: String,
    /// The reason, if the case gives one.
    pub why: Option<String>,
    /// Its line in `case.yaml`.
    pub line: u32,
    /// Where it shows: `Memorandum: Statement of Facts A`, or the case's pages.
    pub places: Vec<String>,
}

/// A party on the service list.
#[derive(Debug, Serialize)]
pub struct ServiceEntry {
    /// The party's name.
    pub party: String,
    /// Its caption label.
    pub label: String,
    /// Its counsel, the attorney of record first.
    pub counsel: Vec<CounselView>,
}

/// A person's page: what they said, what is said about them, where they appear. Templates
/// under `person/` see it as `person`.
#[derive(Debug, Serialize)]
pub struct WhoView {
    /// The person's id.
    pub id: String,
    /// Their name as the case writes it.
    pub name: String,
    /// `Person`, or for an organization its kind: `Agency`, `Company`, `Party`, …
    pub kind: &'static str,
    /// Their positions, in case order.
    pub positions: Vec<PositionView>,
    /// The case's note on them.
    pub note: Option<String>,
    /// Excerpts they spoke or wrote.
    pub said: Vec<QuoteView>,
    /// Excerpts about them.
    pub about: Vec<QuoteView>,
    /// Chronology events that name them, in date order.
    pub events: Vec<WhoEvent>,
    /// Deposition topics whose basis concerns them, or their own outline's topics.
    pub topics: Vec<WhoTopic>,
    /// Whether they are a proposed deponent.
    pub deponent: bool,
    /// Their deposition outline, from their page, when they are a proposed deponent.
    pub outline: Option<String>,
}

/// An event on a person's page.
#[derive(Debug, Serialize)]
pub struct WhoEvent {
    /// The date in prose.
    pub date: String,
    /// What happened.
    pub title: String,
    /// The event's id on the chronology page.
    pub anchor: String,
    /// The event's row in the chronology, from the person's page.
    pub href: String,
}

/// A deposition topic on a person's page.
#[derive(Debug, Serialize)]
pub struct WhoTopic {
    /// The deponent's id.
    pub deponent_id: String,
    /// The deponent's name.
    pub deponent: String,
    /// The topic's number in its outline (from 1).
    pub number: usize,
    /// The topic.
    pub topic: String,
    /// The topic in its outline, from the person's page.
    pub href: String,
}

/// The procurement protested.
#[derive(Debug, Serialize)]
pub struct ProcurementView {
    /// The procuring agency.
    pub agency: String,
    /// The program's name.
    pub program: Option<String>,
    /// Solicitation number.
    pub solicitation: Option<String>,
    /// Contract number.
    pub contract: Option<String>,
    /// The ceiling or estimate, as a sentence.
    pub estimated_value: Option<String>,
    /// The awardee's name.
    pub awardee: Option<String>,
    /// The award date, in prose.
    pub award_date: Option<String>,
    /// A description, as the case gives it.
    pub description: Option<String>,
}

/// A party to the case.
#[derive(Debug, Serialize)]
pub struct PartyView {
    /// The party's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The name for running text (`AWS`); the name when the case gives none.
    pub short: String,
    /// Its role in words: `Plaintiff`, `Defendant`, `Intervenor`, …
    pub role: &'static str,
    /// The caption's label: `Plaintiff`, `Intervenor-Defendant`.
    pub caption_label: String,
    /// Its counsel, in case order.
    pub counsel: Vec<CounselView>,
}

/// One of a party's counsel.
#[derive(Debug, Serialize)]
pub struct CounselView {
    /// Their name.
    pub name: String,
    /// Their firm or office.
    pub firm: Option<String>,
    /// Their title.
    pub title: Option<String>,
    /// `Attorney of record`, `Of counsel` or `Agency counsel`.
    pub role: &'static str,
}

/// A person, as the case's landing page lists them.
#[derive(Debug, Serialize)]
pub struct PersonView {
    /// The person's id.
    pub id: String,
    /// Their who's-who page, from the case's landing page.
    pub href: String,
    /// Their name.
    pub name: String,
    /// Their positions.
    pub positions: Vec<PositionView>,
    /// The case's note on them.
    pub note: Option<String>,
}

/// A position someone held.
#[derive(Debug, Serialize)]
pub struct PositionView {
    /// The title of the position.
    pub title: String,
    /// When it began, in prose.
    pub from: Option<String>,
    /// When it ended, in prose.
    pub to: Option<String>,
    /// The sources that give the dates.
    pub sources: Vec<ShownView>,
}

/// A row of the exhibit list: one source.
#[derive(Debug, Serialize)]
pub struct ExhibitView {
    /// The exhibit label: the case's own, or A, B, … in order.
    pub label: String,
    /// The source's id.
    pub id: String,
    /// The row's id on the exhibit page.
    pub anchor: String,
    /// The source's title.
    pub title: String,
    /// Its kind in words: `Filing`, `News article`, …
    pub kind: &'static str,
    /// Its author.
    pub author: Option<String>,
    /// Newspaper, publisher or court.
    pub outlet: Option<String>,
    /// Its date, in prose.
    pub date: Option<String>,
    /// Its docket entry number.
    pub ecf: Option<String>,
    /// Where a public copy is (an `http(s)` URL).
    pub url: Option<String>,
    /// Its full citation.
    pub citation_md: String,
    /// The path of its text in the case folder, when the case has one.
    pub text: Option<String>,
    /// `full text` or `quoted passages only`.
    pub text_scope: &'static str,
    /// How many excerpts quote it.
    pub excerpts: usize,
    /// The case's documents that cite or quote it, in case order.
    pub cited_in: Vec<DocumentLink>,
    /// The case's note on it.
    pub note: Option<String>,
}

/// A link to one of the case's documents.
#[derive(Debug, Serialize)]
pub struct DocumentLink {
    /// The document's kind, as the navigation names it (`Memorandum`, `Case study`).
    pub short: String,
    /// Its page, from a page of the case folder.
    pub href: String,
}

/// A row of the chronology.
#[derive(Debug, Serialize)]
pub struct EventView {
    /// The row's id on the chronology page.
    pub anchor: String,
    /// The date as written (`2019-10-25`, `2018-07`).
    pub date: String,
    /// The date in prose.
    pub date_long: String,
    /// What happened.
    pub title: String,
    /// More detail.
    pub detail: Option<String>,
    /// Docket entry number.
    pub ecf: Option<String>,
    /// Citations of what supports the event, each complete on its own (never *Id.*).
    pub cites_md: String,
    /// Names of the people it involves.
    pub people: Vec<String>,
    /// Where sources disagree about it.
    pub uncertain: Option<String>,
}

/// A quotation with its citation and cite-check status.
#[derive(Debug, Serialize)]
pub struct QuoteView {
    /// The excerpt's id.
    pub id: String,
    /// The excerpt's id on the cite-check page.
    pub anchor: String,
    /// The link from the page showing it to its entry in the cite-check report.
    pub href: String,
    /// The quotation, escaped for Markdown, without quotation marks.
    pub quote_md: String,
    /// Its citation, with any parenthetical.
    pub citation_md: String,
    /// True from 50 words (Bluebook rule 5.1): print as a block quote.
    pub block: bool,
    /// Its cite-check status: `verified`, `verified with normalizations`, …
    pub status: &'static str,
    /// What a reader must know before relying on the words, shown beside them: that they
    /// are a translator's, or were read by character recognition.
    pub caveat: Option<&'static str>,
}

/// A deposition topic and the excerpts that ground it.
#[derive(Debug, Serialize)]
pub struct TopicView {
    /// The topic.
    pub topic: String,
    /// The quotations it rests on.
    pub basis: Vec<QuoteView>,
    /// The questions to put to the witness on it.
    pub questions: Vec<String>,
}

/// A document to show a witness.
#[derive(Debug, Serialize)]
pub struct ShownView {
    /// Its exhibit label (`C`).
    pub label: String,
    /// Its citation, as the exhibit list gives it (Markdown).
    pub citation_md: String,
    /// Its entry in the exhibit list.
    pub href: String,
}

/// An objection to expect, with the answer.
#[derive(Debug, Serialize)]
pub struct ObjectionView {
    /// The objection, in a few words.
    pub objection: String,
    /// The answer, with its citations (Markdown).
    pub answer_md: String,
}

/// A deposition outline. Templates under `deponent/` see it as `deponent`.
#[derive(Debug, Serialize)]
pub struct DepositionView {
    /// The deponent's id.
    pub id: String,
    /// The outline, from the case's landing page.
    pub href: String,
    /// The deponent's name.
    pub name: String,
    /// Their positions.
    pub positions: Vec<PositionView>,
    /// The status of the request: `Proposed`, `Requested; no ruling`, `Denied`, …
    pub status: &'static str,
    /// A citation of the filing that asked for the deposition.
    pub requested_in_md: Option<String>,
    /// Why the record cannot supply the testimony, with its citations.
    pub why_unavailable_md: String,
    /// What the examination is for, with its citations.
    pub purpose_md: Option<String>,
    /// The topics, in order.
    pub topics: Vec<TopicView>,
    /// Documents to show the witness, with their exhibit labels.
    pub show: Vec<ShownView>,
    /// The time proposed, in words.
    pub time_limit: Option<String>,
    /// Objections to expect, with the answers.
    pub objections: Vec<ObjectionView>,
    /// The safeguards offered, with their citations.
    pub safeguards_md: Option<String>,
    /// The case's note on the outline.
    pub note: Option<String>,
}

/// An entry of the brief's table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// The section's number with its period (`A.`, `1.`), empty at the top level.
    pub number: String,
    /// The heading.
    pub heading: String,
    /// The section's id on the brief page.
    pub anchor: String,
    /// Depth, from 1.
    pub level: usize,
}

/// A place where an authority is cited.
#[derive(Debug, Serialize)]
pub struct ToaPlace {
    /// The place as the table shows it: `Argument A.1`.
    pub label: String,
    /// The section's id on the brief page.
    pub anchor: String,
}

/// An entry of the table of authorities.
#[derive(Debug, Serialize)]
pub struct ToaEntry {
    /// The entry's id on the brief page (citations link here).
    pub anchor: String,
    /// The authority's full citation.
    pub citation_md: String,
    /// A public copy of the authority, when the case gives one.
    pub url: Option<String>,
    /// Where it is cited, each section once.
    pub places: Vec<ToaPlace>,
    /// Cited in five places or more: print *passim*.
    pub passim: bool,
    /// Its reporter page is not verified (the case says so).
    pub unverified: bool,
}

/// A group of the table of authorities: `Cases`, `Statutes`, …
#[derive(Debug, Serialize)]
pub struct ToaGroup {
    /// The group's heading.
    pub name: &'static str,
    /// Its entries, in Bluebook order.
    pub entries: Vec<ToaEntry>,
}

/// A section of the brief.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// The section's id on the brief page.
    pub anchor: String,
    /// Its number with a period, empty at the top level.
    pub number: String,
    /// Its heading.
    pub heading: String,
    /// Depth, from 1.
    pub level: usize,
    /// Its body, citations written out, made safe.
    pub body_md: String,
}

/// A footnote of the brief (in footnote style, citations go here).
#[derive(Debug, Serialize)]
pub struct FootnoteView {
    /// Its number, from 1.
    pub number: usize,
    /// Its text.
    pub text_md: String,
}

/// A party in the caption.
#[derive(Debug, Serialize)]
pub struct CaptionParty {
    /// The party's name, in capitals.
    pub name: String,
    /// Its caption label.
    pub label: String,
    /// `v.` before the first defendant, `and` before later parties on that side.
    pub before: &'static str,
}

/// A document's caption, as its forum's profile lays it out.
#[derive(Debug, Serialize)]
pub struct CaptionView {
    /// `versus` (court, parties with `v.`, docket) or `lines` (labelled lines).
    pub style: &'static str,
    /// Words a rule puts under the court's name: `Bid Protest`.
    pub subtitle: Option<String>,
    /// For `versus`: the parties, in caption order.
    pub parties: Vec<CaptionParty>,
    /// For `lines`: each line's label and value (`Matter of`, `Blue Origin …`).
    pub lines: Vec<CaptionLineView>,
}

/// One labelled caption line.
#[derive(Debug, Serialize)]
pub struct CaptionLineView {
    /// `Matter of`, `File`, `Date`.
    pub label: String,
    /// What the case gives for it.
    pub value: String,
}

/// A document of the case. Templates under `document/` see it as `doc`.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// Its id, also its page's name (`brief` → `brief.md`).
    pub id: String,
    /// Its kind's id: `memorandum`, `protest`, `research_memo`, …
    pub kind: String,
    /// Its kind in words: `Research memorandum`.
    pub kind_name: String,
    /// Its kind's short name, as the navigation shows it.
    pub short: String,
    /// Whether it is a filing (with a filer and a signature).
    pub filing: bool,
    /// Its page, from the case's landing page.
    pub href: String,
    /// Its title.
    pub title: String,
    /// The caption.
    pub caption: CaptionView,
    /// The filing party's name (filings only).
    pub filed_by: Option<String>,
    /// The filing party's caption label.
    pub filed_by_label: Option<String>,
    /// Who prepared it, for a paper that is not filed.
    pub prepared_by: Option<String>,
    /// Whether citations are in footnotes.
    pub footnotes_style: bool,
    /// Its date, in prose.
    pub date: Option<String>,
    /// A note printed under the title (for instance that it is a study version).
    pub note: Option<String>,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// The table of authorities, by group.
    pub toa: Vec<ToaGroup>,
    /// Whether any authority is unverified (print the dagger's legend).
    pub any_unverified: bool,
    /// Its sections, depth first.
    pub sections: Vec<SectionView>,
    /// Its footnotes, in order.
    pub footnotes: Vec<FootnoteView>,
    /// The signature lines (filings only), when the case gives lines rather than a signer.
    pub signature: Vec<String>,
    /// The signer's block (filings with `signer`).
    pub signer: Option<SignerView>,
    /// Whether it carries a table of contents and a table of authorities.
    pub tables: bool,
    /// Whether its text holds a redaction (`[* * *]`, in the public edition) or a
    /// protected passage (`[[…]]`, in the sealed one): its first page then carries the
    /// edition's label.
    pub marked: bool,
    /// How it ends: `signature` (a filing), `study` (a study version of a filing: the
    /// `study` line where the signature would be), `order` (a proposed order: "It is so
    /// ordered" and the judge's line) or `none`.
    pub closing: &'static str,
    /// A study version's statement of what it is (printed in place of a signature).
    pub study: Option<String>,
    /// Words in its sections (headings, text, quotations, citations and footnotes; not
    /// the caption, the tables, the signature or a certificate).
    pub words: usize,
    /// The rule's length limit and where the document stands, if a rule sets one.
    pub length: Option<LengthView>,
}

/// A filing's signer, as the signature block states them.
#[derive(Debug, Serialize)]
pub struct SignerView {
    /// Their name (also after `/s/`).
    pub name: String,
    /// Their firm or office.
    pub firm: Option<String>,
    /// Their street address, line by line.
    pub address: Vec<String>,
    /// Their telephone number.
    pub telephone: Option<String>,
    /// Their e-mail address.
    pub email: Option<String>,
    /// Their fax number (GAO and agency-level protests ask for it).
    pub fax: Option<String>,
    /// `Attorney of record`, `Of counsel`, `Agency counsel`.
    pub role: &'static str,
}

/// A document's length against its court's limit.
#[derive(Debug, Serialize)]
pub struct LengthView {
    /// `words` or `pages`.
    pub unit: crate::forum::Unit,
    /// The limit.
    pub max: usize,
    /// The rule: `RCFC 5.4(b)(1)`.
    pub rule: String,
    /// The count in the rule's unit (pages estimated from words).
    pub count: usize,
    /// Whether `count` is an estimate (pages).
    pub estimate: bool,
}

/// An organization of the record.
#[derive(Debug, Serialize)]
pub struct OrganizationView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind in words: `Agency`, `Company`, `Court`, …
    pub kind: &'static str,
    /// Its who's-who page, from the case's landing page.
    pub href: String,
    /// The case's note on it.
    pub note: Option<String>,
}

/// An earlier or related proceeding.
#[derive(Debug, Serialize)]
pub struct ProceedingView {
    /// Its id.
    pub id: String,
    /// How it relates to the case: `Earlier proceeding`, `Appeal`, …
    pub relation: &'static str,
    /// Its forum in words.
    pub forum: String,
    /// Its docket or file numbers.
    pub number: String,
    /// Who brought it.
    pub filed_by: Option<String>,
    /// When it was filed, in prose (marked when uncertain).
    pub filed: Option<String>,
    /// When it was decided, in prose.
    pub decided: Option<String>,
    /// The outcome.
    pub outcome: Option<String>,
    /// The decision's citation, linked (Markdown).
    pub decision_md: Option<String>,
    /// The case's note on it.
    pub note: Option<String>,
}

/// An offeror in the competition.
#[derive(Debug, Serialize)]
pub struct OfferorView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is a party to the case.
    pub party: bool,
    /// Whether it won the award.
    pub awardee: bool,
    /// Its price as a reader sees it (`about $3 billion`); `None` when not given or
    /// protected.
    pub price: Option<String>,
    /// Its ratings by factor; empty when protected.
    pub ratings: Vec<RatingView>,
    /// Its rating on each of the case's `rating_factors`, in that order (`—` where it has
    /// none; empty when protected).
    pub by_factor: Vec<String>,
    /// Its figures are protected: print a redaction mark, never the figures.
    pub protected: bool,
    /// Where the figures come from: citations, linked (Markdown).
    pub cites_md: String,
    /// The case's note on it.
    pub note: Option<String>,
}

/// One evaluation result.
#[derive(Debug, Serialize)]
pub struct RatingView {
    /// The evaluation factor.
    pub factor: String,
    /// The rating.
    pub rating: String,
}

/// One excerpt in the cite-check report.
#[derive(Debug, Serialize)]
pub struct CheckEntry {
    /// The excerpt's id.
    pub id: String,
    /// Its entry's id on the cite-check page (quotations link here).
    pub anchor: String,
    /// The exhibit label of its source.
    pub exhibit: String,
    /// The title of its source.
    pub source_title: String,
    /// Its pinpoint as written: `at 2`, `at ¶ 6`, or `no pinpoint given`.
    pub pinpoint: String,
    /// The quotation, as the case writes it.
    pub quote: String,
    /// Its status.
    pub status: &'static str,
    /// What the check found, in a sentence.
    pub detail: String,
    /// The normalizations the match relied on.
    pub normalisations: Vec<String>,
    /// Whether the status is verified (as written or with normalizations).
    pub verified: bool,
    /// Where the source's text came from, if the case has it.
    pub text: Option<Provenance>,
}

/// The cite-check report.
#[derive(Debug, Serialize, Default)]
pub struct CiteCheckView {
    /// One entry per excerpt, in case order.
    pub entries: Vec<CheckEntry>,
    /// How many excerpts have each status, every status listed, in the report's order.
    pub counts: Vec<StatusCount>,
    /// How many excerpts there are.
    pub total: usize,
    /// How many are verified (as written or with normalizations): found in a full
    /// original text at the pinpoint given.
    pub verified: usize,
}

/// One line of the counts by status.
#[derive(Debug, Serialize)]
pub struct StatusCount {
    /// The status: `verified`, `found in an excerpt only`, …
    pub status: &'static str,
    /// How many excerpts have it.
    pub count: usize,
}

/// Where a source's text came from, as the case records it.
#[derive(Debug, Serialize, Clone)]
pub struct Provenance {
    /// The file, relative to the case folder.
    pub file: String,
    /// `full` or `excerpt`.
    pub scope: &'static str,
    /// `original`, `ocr`, `translation` or `transcript`.
    pub quality: &'static str,
    /// Where it was retrieved from.
    pub from: Option<String>,
    /// When (`2026-11-30`).
    pub retrieved: Option<String>,
    /// The SHA-256 the case records (checked against the file).
    pub sha256: Option<String>,
}

/// A case on the site index (also kept in the build manifest). Templates under `site/`
/// see a list of these as `cases`, each with an `href` to the case's landing page.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct SiteCase {
    /// The case's folder name.
    pub slug: String,
    /// Its full title.
    pub title: String,
    /// Its short title.
    pub short_title: String,
    /// Its court.
    pub court: String,
    /// Its docket number.
    pub docket: String,
    /// Its status.
    pub status: String,
    /// Its outcome, if any.
    pub disposition: Option<String>,
    /// Its quotations by cite-check status: `6 of 36 verified; 28 found in an excerpt
    /// only, 2 found in an OCR text` (empty where the case was not checked in this
    /// build).
    #[serde(default)]
    pub quotations: String,
    /// Whether it marks protected material (and so has a sealed edition).
    #[serde(default)]
    pub sealed: bool,
}
