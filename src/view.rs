//! What templates see: plain, serialisable view structs built by `resolve`. Fields ending
//! in `_md` hold Markdown that casefile generated from escaped data (print them with
//! `| safe`); every other string is raw data that the template engine escapes.

use serde::Serialize;

#[derive(Debug, Default, Serialize)]
pub struct CaseView {
    pub slug: String,
    pub title: String,
    pub short_title: String,
    pub court: String,
    pub court_abbreviation: Option<String>,
    pub docket: String,
    pub judge: Option<String>,
    pub forum: &'static str,
    pub protest_type: &'static str,
    pub status: &'static str,
    pub disposition: Option<String>,
    pub filed: Option<String>,
    pub closed: Option<String>,
    pub summary_md: Option<String>,
    pub procurement: Option<ProcurementView>,
    pub parties: Vec<PartyView>,
    pub people: Vec<PersonView>,
    pub exhibits: Vec<ExhibitView>,
    pub timeline: Vec<EventView>,
    pub depositions: Vec<DepositionView>,
    pub brief: Option<BriefView>,
    pub citecheck: CiteCheckView,
    /// The chronology as an inline SVG (already escaped).
    pub timeline_svg: String,
    /// One who's-who page per person.
    pub who: Vec<WhoView>,
}

/// A person's page: what they said, what is said about them, where they appear.
#[derive(Debug, Serialize)]
pub struct WhoView {
    pub id: String,
    pub name: String,
    pub positions: Vec<PositionView>,
    pub note: Option<String>,
    /// Excerpts they spoke or wrote.
    pub said: Vec<QuoteView>,
    /// Excerpts about them.
    pub about: Vec<QuoteView>,
    pub events: Vec<WhoEvent>,
    /// Deposition topics whose basis concerns them, or their own outline's topics.
    pub topics: Vec<WhoTopic>,
    pub deponent: bool,
    /// Their deposition outline, from their page, when they are a proposed deponent.
    pub outline: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct WhoEvent {
    pub date: String,
    pub title: String,
    pub anchor: String,
    /// The event's row in the chronology, from the person's page.
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct WhoTopic {
    pub deponent_id: String,
    pub deponent: String,
    pub number: usize,
    pub topic: String,
    /// The topic in its outline, from the person's page.
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct ProcurementView {
    pub agency: String,
    pub program: Option<String>,
    pub solicitation: Option<String>,
    pub contract: Option<String>,
    pub estimated_value: Option<String>,
    pub awardee: Option<String>,
    pub award_date: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PartyView {
    pub id: String,
    pub name: String,
    pub short: String,
    pub role: &'static str,
    /// The caption's label: `Plaintiff`, `Intervenor-Defendant`.
    pub caption_label: String,
    pub counsel: Vec<CounselView>,
}

#[derive(Debug, Serialize)]
pub struct CounselView {
    pub name: String,
    pub firm: Option<String>,
    pub title: Option<String>,
    pub role: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PersonView {
    pub id: String,
    /// Their who's-who page, from the case's landing page.
    pub href: String,
    pub name: String,
    pub positions: Vec<PositionView>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PositionView {
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExhibitView {
    pub label: String,
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub kind: &'static str,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub ecf: Option<String>,
    pub url: Option<String>,
    pub citation_md: String,
    pub text: Option<String>,
    pub text_scope: &'static str,
    pub excerpts: usize,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EventView {
    pub anchor: String,
    pub date: String,
    pub date_long: String,
    pub title: String,
    pub detail: Option<String>,
    pub ecf: Option<String>,
    pub cites_md: String,
    pub people: Vec<String>,
    pub uncertain: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct QuoteView {
    pub id: String,
    pub anchor: String,
    /// The link from the page showing it to its entry in the cite-check report.
    pub href: String,
    /// The quotation, escaped for Markdown, without quotation marks.
    pub quote_md: String,
    pub citation_md: String,
    /// True from 50 words (Bluebook rule 5.1): print as a block quote.
    pub block: bool,
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TopicView {
    pub topic: String,
    pub basis: Vec<QuoteView>,
}

#[derive(Debug, Serialize)]
pub struct DepositionView {
    pub id: String,
    /// The outline, from the case's landing page.
    pub href: String,
    pub name: String,
    pub positions: Vec<PositionView>,
    pub status: &'static str,
    pub requested_in_md: Option<String>,
    pub why_unavailable_md: String,
    pub topics: Vec<TopicView>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TocEntry {
    pub number: String,
    pub heading: String,
    pub anchor: String,
    pub level: usize,
}

#[derive(Debug, Serialize)]
pub struct ToaPlace {
    pub label: String,
    pub anchor: String,
}

#[derive(Debug, Serialize)]
pub struct ToaEntry {
    pub anchor: String,
    pub citation_md: String,
    /// A public copy of the authority, when the case gives one.
    pub url: Option<String>,
    pub places: Vec<ToaPlace>,
    pub passim: bool,
    pub unverified: bool,
}

#[derive(Debug, Serialize)]
pub struct ToaGroup {
    pub name: &'static str,
    pub entries: Vec<ToaEntry>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub level: usize,
    pub body_md: String,
}

#[derive(Debug, Serialize)]
pub struct FootnoteView {
    pub number: usize,
    pub text_md: String,
}

#[derive(Debug, Serialize)]
pub struct CaptionParty {
    pub name: String,
    pub label: String,
    /// `v.` before the first defendant, `and` before later parties on that side.
    pub before: &'static str,
}

#[derive(Debug, Serialize)]
pub struct BriefView {
    pub title: String,
    pub caption: Vec<CaptionParty>,
    pub filed_by: String,
    pub filed_by_label: String,
    pub footnotes_style: bool,
    pub date: Option<String>,
    pub note: Option<String>,
    pub toc: Vec<TocEntry>,
    pub toa: Vec<ToaGroup>,
    pub any_unverified: bool,
    pub sections: Vec<SectionView>,
    pub footnotes: Vec<FootnoteView>,
    pub signature: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct CheckEntry {
    pub id: String,
    pub anchor: String,
    pub exhibit: String,
    pub source_title: String,
    pub pinpoint: String,
    pub quote: String,
    pub status: &'static str,
    pub detail: String,
    pub normalisations: Vec<String>,
}

#[derive(Debug, Serialize, Default)]
pub struct CiteCheckView {
    pub entries: Vec<CheckEntry>,
    pub verified: usize,
    pub normalised: usize,
    pub wrong_pinpoint: usize,
    pub mismatch: usize,
    pub unverifiable: usize,
}

/// The site index: one line per case (also kept in the build manifest).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct SiteCase {
    pub slug: String,
    pub title: String,
    pub short_title: String,
    pub court: String,
    pub docket: String,
    pub status: String,
    pub disposition: Option<String>,
}
