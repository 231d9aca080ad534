//! The Word export: a document's Markdown, as every other format starts from it, written
//! as WordprocessingML (`.docx`) with Word's own machinery where a filing needs it:
//!
//! - styles, not direct formatting (`Title`, `Heading1`–`Heading4`, `BodyText`, `Quote`,
//!   `CaptionCourt`, `CaptionLine`, `FootnoteText`, `TOAHeading`, …);
//! - the caption as a real table;
//! - the table of contents as a `TOC` field over the heading styles;
//! - every citation of an authority marked with a `TA` field (the first with its full
//!   citation and category, later ones by its key), and the table of authorities as one
//!   `TOA` field per category, so Word writes the page numbers and *passim* when it updates
//!   fields (the settings ask it to on open);
//! - footnotes as Word footnotes; page numbers in the footer;
//! - internal links as bookmarks; links to the case's other pages (which a Word file does
//!   not carry) become plain text.
//!
//! The package is written with fixed timestamps and in a fixed order, uncompressed, so the
//! same Markdown gives the same bytes.

use crate::markdown::xml;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::markdown;
use crate::pages::Page;
use crate::view::DocumentView;

/// Word's built-in table-of-authorities categories (1–7), by the group names casefile
/// uses; other groups take 8 and up.
const WORD_CATEGORIES: [(&str, u8); 6] = [
    ("Cases", 1),
    ("Statutes", 2),
    ("Other Authorities", 3),
    ("Rules", 4),
    ("Regulations", 6),
    ("Constitutional Provisions", 7),
];

/// An authority as the `TA` fields mark it.
struct Mark {
    /// The full citation, as plain text (`\l`).
    long: String,
    /// Word's category number (`\c`).
    category: u8,
}

/// What the table of authorities needs: each authority's mark by its anchor, and each
/// group's name, category and entries' anchors, in the table's (Bluebook) order.
struct Authorities {
    by_anchor: HashMap<String, Mark>,
    groups: Vec<(String, u8, Vec<String>)>,
}

impl Authorities {
    fn of(doc: &DocumentView) -> Authorities {
        let mut next = 8u8;
        let mut by_anchor = HashMap::new();
        let mut groups = Vec::new();
        for g in &doc.toa {
            let category = WORD_CATEGORIES
                .iter()
                .find(|(n, _)| *n == g.name)
                .map_or_else(
                    || {
                        next = next.saturating_add(1);
                        next - 1
                    },
                    |(_, c)| *c,
                );
            groups.push((
                g.name.to_string(),
                category,
                g.entries.iter().map(|e| e.anchor.clone()).collect(),
            ));
            for e in &g.entries {
                by_anchor.insert(
                    e.anchor.clone(),
                    Mark {
                        long: markdown::plain(&e.citation_md)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        category,
                    },
                );
            }
        }
        Authorities { by_anchor, groups }
    }
}

/// A field's instruction text: quotes inside a quoted argument are not allowed, so they
/// become typographic ones.
fn field_arg(s: &str) -> String {
    xml(&s.replace('"', "\u{201d}"))
}

/// Where the walk is in the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    Body,
    Caption,
    /// Inside the Markdown's contents or authorities list: replaced by a field.
    Skipped,
}

/// Run properties in force.
#[derive(Default, Clone, Copy)]
struct RunStyle {
    italic: bool,
    bold: bool,
    strike: bool,
    superscript: bool,
}

/// The tables before the argument, which Word builds from fields.
#[derive(Clone, Copy)]
enum Front {
    Contents,
    Authorities,
}

/// What a link becomes.
enum LinkKind {
    /// A citation of an authority: its text, then a `TA` field.
    Authority(String),
    /// A place in this document: a hyperlink to a bookmark.
    Anchor(String),
    /// A web address: a hyperlink through a relationship.
    External(String),
    /// Another page of the case: plain text.
    Plain,
}

struct Writer<'a> {
    auth: &'a Authorities,
    /// The document's headings, for the contents field's result.
    headings: Vec<(usize, String)>,
    body: String,
    footnotes: String,
    /// The paragraph being written, if any: its properties and runs.
    para: Option<String>,
    run: RunStyle,
    region: Region,
    /// Paragraph style for the next paragraph (by block context).
    quote_depth: usize,
    list_depth: usize,
    /// For each open list, the next item's number (`None`: a bulleted list). Numbers are
    /// written as text, so each list counts from its own start, as in the Markdown.
    numbers: Vec<Option<u64>>,
    /// Inside a footnote definition: its number.
    footnote: Option<u32>,
    /// Footnote labels to numbers, in order of definition.
    footnote_ids: HashMap<String, u32>,
    /// The bookmark of the heading being written.
    heading: Option<(String, Option<String>)>,
    /// The link being written.
    link: Vec<LinkKind>,
    /// Authorities already marked with a full `TA`.
    marked: HashSet<String>,
    /// External hyperlink targets, by relationship id.
    rels: Vec<String>,
    bookmark: u32,
    /// A footnote's first paragraph is the one its reference mark opened.
    footnote_fresh: bool,
    /// The front table being replaced by its field.
    skipping: Option<Front>,
    /// Inside the caption table's header row, which Word's caption does not have.
    in_caption_head: bool,
    /// Table state: inside a cell, and whether the caption court line was written.
    table: Option<String>,
    cell: Option<String>,
    court_done: bool,
}

impl<'a> Writer<'a> {
    fn new(auth: &'a Authorities, headings: Vec<(usize, String)>) -> Writer<'a> {
        Writer {
            auth,
            headings,
            body: String::new(),
            footnotes: String::new(),
            para: None,
            run: RunStyle::default(),
            region: Region::Body,
            quote_depth: 0,
            list_depth: 0,
            numbers: Vec::new(),
            footnote: None,
            footnote_ids: HashMap::new(),
            heading: None,
            link: Vec::new(),
            marked: HashSet::new(),
            rels: Vec::new(),
            bookmark: 0,
            footnote_fresh: false,
            skipping: None,
            in_caption_head: false,
            table: None,
            cell: None,
            court_done: false,
        }
    }

    /// Where finished XML goes: the open cell, the footnote, or the body.
    fn sink(&mut self) -> &mut String {
        if let Some(c) = self.cell.as_mut() {
            return c;
        }
        if self.footnote.is_some() {
            return &mut self.footnotes;
        }
        &mut self.body
    }

    fn open_para(&mut self, style: &str) {
        self.close_para();
        let mut p = format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
        if self.list_depth > 0 && style == "ListBullet" {
            let _ = write!(
                p,
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"1\"/></w:numPr>",
                self.list_depth.saturating_sub(1).min(8)
            );
        }
        p.push_str("</w:pPr>");
        self.para = Some(p);
    }

    /// The paragraph being written, opened with the block's style if none is.
    fn para(&mut self) -> &mut String {
        if self.para.is_none() {
            let style = self.block_style();
            self.open_para(style);
        }
        self.para.get_or_insert_with(String::new)
    }

    fn block_style(&self) -> &'static str {
        if self.footnote.is_some() {
            "FootnoteText"
        } else if matches!(self.numbers.last(), Some(Some(_))) {
            // A further paragraph of a numbered item: indented, no number.
            "ListContinue"
        } else if self.list_depth > 0 {
            "ListBullet"
        } else if self.quote_depth > 0 {
            "Quote"
        } else if self.region == Region::Caption {
            "CaptionLine"
        } else {
            "BodyText"
        }
    }

    fn close_para(&mut self) {
        if let Some(mut p) = self.para.take() {
            p.push_str("</w:p>");
            self.sink().push_str(&p);
        }
    }

    fn run_props(&self) -> String {
        let r = self.run;
        let mut s = String::new();
        if r.bold {
            s.push_str("<w:b/>");
        }
        if r.italic {
            s.push_str("<w:i/>");
        }
        if r.strike {
            s.push_str("<w:strike/>");
        }
        if r.superscript {
            s.push_str("<w:vertAlign w:val=\"superscript\"/>");
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:rPr>{s}</w:rPr>")
        }
    }

    fn text(&mut self, t: &str) {
        if self.region == Region::Skipped {
            return;
        }
        let run = format!(
            "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            self.run_props(),
            xml(t)
        );
        self.para().push_str(&run);
    }

    fn raw_run(&mut self, inner: &str) {
        if self.region == Region::Skipped {
            return;
        }
        self.para().push_str(&format!("<w:r>{inner}</w:r>"));
    }

    fn html(&mut self, h: &str) {
        let h = h.trim();
        if h.starts_with("<div class=\"caption\"") {
            self.close_para();
            self.region = Region::Caption;
        } else if h.starts_with("<div class=\"toc\"") {
            self.close_para();
            self.region = Region::Skipped;
            self.skipping = Some(Front::Contents);
            self.contents();
        } else if h.starts_with("<div class=\"toa\"") {
            self.close_para();
            self.region = Region::Skipped;
            self.skipping = Some(Front::Authorities);
            self.authorities();
        } else if h.starts_with("</div>") {
            self.close_para();
            // The argument starts on a page of its own, after the tables.
            let last_table = match self.skipping {
                Some(Front::Authorities) => true,
                Some(Front::Contents) => self.auth.groups.is_empty(),
                None => false,
            };
            if last_table {
                self.body
                    .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
            }
            self.region = Region::Body;
            self.skipping = None;
        } else if h.starts_with("<br") {
            self.raw_run("<w:br/>");
        }
    }

    /// The table of contents: a heading and a `TOC` field over the heading styles, whose
    /// result (until Word updates it) lists the headings.
    fn contents(&mut self) {
        let _ = write!(
            self.body,
            "<w:p><w:pPr><w:pStyle w:val=\"TOCHeading\"/></w:pPr><w:r><w:t>Table of Contents</w:t></w:r></w:p>"
        );
        let entries: Vec<(String, String)> = self
            .headings
            .iter()
            .map(|(level, text)| (format!("TOC{}", level.min(&3)), text.clone()))
            .collect();
        let field = spanning_field("TOC \\o &quot;1-4&quot; \\h \\z \\u", &entries, "TOC1");
        self.body.push_str(&field);
    }

    /// The table of authorities: per category a heading and a `TOA` field (Word fills in
    /// the pages and *passim* on update); until then the field lists the citations.
    fn authorities(&mut self) {
        let _ = write!(
            self.body,
            "<w:p><w:pPr><w:pStyle w:val=\"TOCHeading\"/></w:pPr><w:r><w:t>Table of Authorities</w:t></w:r></w:p>"
        );
        for (name, category, anchors) in &self.auth.groups {
            let entries: Vec<(String, String)> = anchors
                .iter()
                .filter_map(|a| self.auth.by_anchor.get(a))
                .map(|m| ("TableofAuthorities".to_string(), m.long.clone()))
                .collect();
            let _ = write!(
                self.body,
                "<w:p><w:pPr><w:pStyle w:val=\"TOAHeading\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
                xml(name)
            );
            let instr = format!("TOA \\c &quot;{category}&quot; \\p \\e &quot;&#9;&quot;");
            let field = spanning_field(&instr, &entries, "TableofAuthorities");
            self.body.push_str(&field);
        }
    }

    fn link_kind(&self, dest: &str) -> LinkKind {
        if let Some(anchor) = dest.strip_prefix('#') {
            if self.auth.by_anchor.contains_key(anchor) {
                return LinkKind::Authority(anchor.to_string());
            }
            return LinkKind::Anchor(anchor.to_string());
        }
        // A source the table of authorities lists (news, books, statements under Other
        // Authorities) is cited with a link to its exhibit row: mark it all the same.
        if let Some(source) = dest
            .strip_prefix(&format!("{}#", Page::Exhibits.path()))
            .and_then(|f| f.strip_prefix("ex-"))
        {
            let anchor = crate::pages::anchor::toa(source);
            if self.auth.by_anchor.contains_key(&anchor) {
                return LinkKind::Authority(anchor);
            }
        }
        if dest.contains("://") || dest.starts_with("mailto:") {
            if markdown::safe_url(dest) {
                return LinkKind::External(dest.to_string());
            }
            return LinkKind::Plain;
        }
        LinkKind::Plain
    }

    fn start_link(&mut self, dest: &str) {
        let kind = self.link_kind(dest);
        match &kind {
            LinkKind::Anchor(a) => {
                let open = format!("<w:hyperlink w:anchor=\"{}\">", xml(&bookmark_name(a)));
                self.para().push_str(&open);
            }
            LinkKind::External(url) => {
                self.rels.push(url.clone());
                let open = format!("<w:hyperlink r:id=\"rIdLink{}\">", self.rels.len());
                self.para().push_str(&open);
            }
            LinkKind::Authority(_) | LinkKind::Plain => {}
        }
        self.link.push(kind);
    }

    fn end_link(&mut self) {
        match self.link.pop() {
            Some(LinkKind::Anchor(_) | LinkKind::External(_)) => {
                self.para().push_str("</w:hyperlink>");
            }
            Some(LinkKind::Authority(anchor)) => {
                let Some(m) = self.auth.by_anchor.get(&anchor) else {
                    return;
                };
                // The key is the authority's id (`toa-axiom` marks `axiom`).
                let key = field_arg(anchor.strip_prefix("toa-").unwrap_or(&anchor));
                let instr = if self.marked.insert(anchor.clone()) {
                    format!(
                        "TA \\l &quot;{}&quot; \\s &quot;{key}&quot; \\c {}",
                        field_arg(&m.long),
                        m.category
                    )
                } else {
                    format!("TA \\s &quot;{key}&quot;")
                };
                // TA fields are hidden text with no result.
                let field = format!(
                    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
                     <w:r><w:instrText xml:space=\"preserve\"> {instr} </w:instrText></w:r>\
                     <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                );
                self.para().push_str(&field);
            }
            Some(LinkKind::Plain) | None => {}
        }
    }

    fn start_heading(&mut self, level: HeadingLevel, id: Option<&str>) {
        let style = match level {
            HeadingLevel::H1 => "Title",
            HeadingLevel::H2 => "Heading1",
            HeadingLevel::H3 => "Heading2",
            HeadingLevel::H4 => "Heading3",
            _ => "Heading4",
        };
        self.open_para(style);
        if let Some(id) = id {
            self.bookmark += 1;
            let name = bookmark_name(id);
            let start = format!(
                "<w:bookmarkStart w:id=\"{}\" w:name=\"{}\"/>",
                self.bookmark,
                xml(&name)
            );
            self.para().push_str(&start);
            self.heading = Some((self.bookmark.to_string(), Some(name)));
        }
    }

    fn end_heading(&mut self) {
        if let Some((id, _)) = self.heading.take() {
            let end = format!("<w:bookmarkEnd w:id=\"{id}\"/>");
            self.para().push_str(&end);
        }
        self.close_para();
    }

    fn footnote_number(&mut self, label: &str) -> u32 {
        let next = u32::try_from(self.footnote_ids.len()).unwrap_or(u32::MAX - 1) + 1;
        *self.footnote_ids.entry(label.to_string()).or_insert(next)
    }

    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => self.html(&h),
            Event::End(TagEnd::TableHead) if self.in_caption_head => {
                self.in_caption_head = false;
                self.region = Region::Caption;
            }
            _ if self.region == Region::Skipped => {}
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.raw_run("<w:br/>"),
            Event::FootnoteReference(label) => {
                let n = self.footnote_number(&label);
                self.raw_run(&format!(
                    "<w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"{n}\"/>"
                ));
            }
            Event::Rule => {
                self.close_para();
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph if self.footnote_fresh => self.footnote_fresh = false,
            Tag::Paragraph => {
                let style = if self.region == Region::Caption && !self.court_done {
                    self.court_done = true;
                    "CaptionCourt"
                } else {
                    self.block_style()
                };
                if self.cell.is_none() || self.para.is_none() {
                    self.open_para(style);
                }
            }
            Tag::Heading { level, id, .. } => self.start_heading(level, id.as_deref()),
            Tag::BlockQuote(_) => {
                self.close_para();
                self.quote_depth += 1;
            }
            Tag::List(first) => {
                self.close_para();
                self.list_depth += 1;
                self.numbers.push(first);
            }
            Tag::Item => match self.numbers.last_mut() {
                Some(Some(n)) => {
                    let label = format!("{n}.");
                    *n += 1;
                    self.open_para("ListNumber");
                    self.text(&label);
                    self.raw_run("<w:tab/>");
                }
                _ => self.open_para("ListBullet"),
            },
            Tag::Emphasis => self.run.italic = true,
            Tag::Strong => self.run.bold = true,
            Tag::Strikethrough => self.run.strike = true,
            Tag::Link { dest_url, .. } => self.start_link(&dest_url),
            Tag::FootnoteDefinition(label) => {
                self.close_para();
                let n = self.footnote_number(&label);
                self.footnote = Some(n);
                let _ = write!(self.footnotes, "<w:footnote w:id=\"{n}\">");
                self.open_para("FootnoteText");
                self.raw_run(
                    "<w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/>",
                );
                self.text(" ");
                self.footnote_fresh = true;
            }
            Tag::Table(columns) => {
                self.close_para();
                let n = columns.len().max(1);
                let width = 9360 / n;
                let grid: String = (0..n)
                    .map(|_| format!("<w:gridCol w:w=\"{width}\"/>"))
                    .collect();
                self.table = Some(format!(
                    "<w:tbl><w:tblPr><w:tblStyle w:val=\"CaptionTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
                ));
            }
            Tag::TableHead if self.region == Region::Caption => {
                // The caption's header row (`Parties | Case`) is for the Markdown table's
                // sake: Word's caption has none. Any other table keeps its header.
                self.in_caption_head = true;
                self.region = Region::Skipped;
            }
            Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.push_str("<w:tr>");
                }
            }
            Tag::TableCell => {
                self.cell = Some(String::from(
                    "<w:tc><w:tcPr><w:tcW w:w=\"2500\" w:type=\"pct\"/></w:tcPr>",
                ));
                let style = if self.region == Region::Caption {
                    "CaptionLine"
                } else {
                    "BodyText"
                };
                self.open_para(style);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph if self.cell.is_none() => self.close_para(),
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::BlockQuote(_) => {
                self.close_para();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close_para();
                self.list_depth = self.list_depth.saturating_sub(1);
                self.numbers.pop();
            }
            TagEnd::Item => self.close_para(),
            TagEnd::Emphasis => self.run.italic = false,
            TagEnd::Strong => self.run.bold = false,
            TagEnd::Strikethrough => self.run.strike = false,
            TagEnd::Link => self.end_link(),
            TagEnd::FootnoteDefinition => {
                self.close_para();
                self.footnotes.push_str("</w:footnote>");
                self.footnote = None;
            }
            TagEnd::TableCell => {
                self.close_para();
                if let (Some(mut c), Some(t)) = (self.cell.take(), self.table.as_mut()) {
                    c.push_str("</w:tc>");
                    t.push_str(&c);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.push_str("</w:tr>");
                }
            }
            TagEnd::Table => {
                if let Some(mut t) = self.table.take() {
                    t.push_str("</w:tbl>");
                    self.body.push_str(&t);
                }
            }
            _ => {}
        }
    }
}

/// A field whose result is several paragraphs (`(style, text)` each): it begins in the
/// first and ends in the last, as Word writes a table of contents.
fn spanning_field(instr: &str, entries: &[(String, String)], empty_style: &str) -> String {
    let begin = format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> {instr} </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    );
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if entries.is_empty() {
        return format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{empty_style}\"/></w:pPr>{begin}{end}</w:p>"
        );
    }
    let last = entries.len() - 1;
    let mut out = String::new();
    for (i, (style, text)) in entries.iter().enumerate() {
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>{}</w:p>",
            if i == 0 { begin.as_str() } else { "" },
            xml(text),
            if i == last { end } else { "" }
        );
    }
    out
}

/// The headings a table of contents lists: level (1 for the document's sections) and
/// text, in order.
fn headings(md: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut skipped = false;
    for ev in Parser::new_ext(md, markdown::options()) {
        match ev {
            Event::Html(h) if h.trim_start().starts_with("<div class=\"to") => skipped = true,
            Event::Html(h) if h.trim_start().starts_with("</div>") => skipped = false,
            Event::Start(Tag::Heading { level, .. }) if !skipped && level > HeadingLevel::H1 => {
                current = Some((level as usize - 1, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// A Word bookmark name: letters, digits and `_`, at most 40 characters, starting with a
/// letter (Word's rule); casefile's anchors map onto it one to one for the ids it makes.
fn bookmark_name(anchor: &str) -> String {
    let mut s: String = anchor
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s.insert(0, 'b');
    }
    s.truncate(40);
    s
}

/// The `.docx` bytes of a document from its Markdown.
pub fn write(md: &str, doc: &DocumentView, legend: Option<&str>) -> std::io::Result<Vec<u8>> {
    let auth = Authorities::of(doc);
    let mut w = Writer::new(&auth, headings(md));
    for ev in Parser::new_ext(md, markdown::options()) {
        w.event(ev);
    }
    w.close_para();
    let header_ref = if legend.is_some() {
        "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
    } else {
        ""
    };
    let document = format!(
        "{XML_HEAD}<w:document {NS}><w:body>{}\
         <w:sectPr>{header_ref}<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"12240\" w:h=\"15840\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>",
        w.body
    );
    let footnotes = format!(
        "{XML_HEAD}<w:footnotes {NS}>\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
         {}</w:footnotes>",
        w.footnotes
    );
    let mut rels = String::from(
        "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdFootnotes\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>\
         <Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
         <Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>",
    );
    if legend.is_some() {
        rels.push_str("<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>");
    }
    for (i, url) in w.rels.iter().enumerate() {
        let _ = write!(
            rels,
            "<Relationship Id=\"rIdLink{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            i + 1,
            xml(url)
        );
    }
    let doc_rels = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"
    );
    let core = format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>casefile</dc:creator></cp:coreProperties>",
        xml(&doc.title)
    );
    let header = legend.map(|l| {
        format!(
            "{XML_HEAD}<w:hdr {NS}><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:hdr>",
            xml(l)
        )
    });
    let content_types = if legend.is_some() {
        CONTENT_TYPES.replace(
            "</Types>",
            "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/></Types>",
        )
    } else {
        CONTENT_TYPES.to_string()
    };
    let parts: [(&str, &str); 10] = [
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", &core),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", &doc_rels),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
        ("word/footnotes.xml", &footnotes),
        ("word/footer1.xml", FOOTER),
        ("word/numbering.xml", NUMBERING),
    ];
    match &header {
        None => package(&parts),
        // The sealed edition: the legend in a header on every page.
        Some(h) => {
            let mut all: Vec<(&str, &str)> = parts.to_vec();
            all.push(("word/header1.xml", h));
            package(&all)
        }
    }
}

/// The zip package: fixed order, fixed timestamps, stored (uncompressed).
fn package(parts: &[(&str, &str)]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, text) in parts {
        zip.start_file(*name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

/// Word updates every field (contents, authorities) when it opens the file.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:updateFields w:val=\"true\"/>\
<w:defaultTabStop w:val=\"720\"/>\
<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

/// The page number, centerd at the foot of every page.
const FOOTER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
</w:p></w:ftr>";

const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2013}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"1440\" w:hanging=\"360\"/></w:pPr></w:lvl>\
<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"2160\" w:hanging=\"360\"/></w:pPr></w:lvl>\
</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

/// The styles a filing uses: Times New Roman 12 pt, double-spaced body, single-spaced
/// block quotations and footnotes, headings in the outline levels the TOC field reads.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\" w:line=\"480\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"720\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:before=\"240\" w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:caps/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:jc w:val=\"center\"/><w:spacing w:before=\"240\" w:after=\"240\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:caps/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/><w:ind w:left=\"720\" w:hanging=\"720\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/><w:ind w:left=\"1440\" w:hanging=\"720\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/><w:ind w:left=\"2160\" w:hanging=\"720\"/><w:outlineLvl w:val=\"3\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/><w:ind w:left=\"1440\" w:right=\"1440\"/><w:jc w:val=\"both\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:name w:val=\"List Number\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs><w:spacing w:after=\"120\"/><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListContinue\"><w:name w:val=\"List Continue\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"120\"/><w:ind w:left=\"720\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"CaptionCourt\"><w:name w:val=\"Caption Court\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"CaptionLine\"><w:name w:val=\"Caption Line\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"CaptionTable\"><w:name w:val=\"Caption Table\"/><w:tblPr><w:tblBorders><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:pageBreakBefore/><w:jc w:val=\"center\"/><w:spacing w:before=\"240\" w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:caps/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOAHeading\"><w:name w:val=\"toa heading\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"TableofAuthorities\"/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TableofAuthorities\"><w:name w:val=\"table of authorities\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9350\"/></w:tabs><w:ind w:left=\"240\" w:hanging=\"240\"/><w:spacing w:after=\"120\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9350\"/></w:tabs><w:spacing w:after=\"100\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOC2\"><w:name w:val=\"toc 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9350\"/></w:tabs><w:ind w:left=\"240\"/><w:spacing w:after=\"100\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOC3\"><w:name w:val=\"toc 3\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9350\"/></w:tabs><w:ind w:left=\"480\"/><w:spacing w:after=\"100\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"120\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/></w:style>\
</w:styles>";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Edition, Engine, OutputFormat};
    use std::io::Read as _;

    /// A case's first document: its Markdown as casefile renders it, and its view.
    fn document(yaml: &str) -> (String, DocumentView) {
        let c = crate::load::case_from_text("t", std::path::Path::new("t/case.yaml"), yaml)
            .expect("parses");
        let ids = crate::validate::validate(&c).expect("valid");
        let r = crate::resolve::resolve(&c, &ids).expect("resolves");
        let engine = Engine::new(None).expect("built-in templates");
        let files = engine
            .render_case(&r.view, &[OutputFormat::Markdown], Edition::Public, false)
            .expect("renders");
        let md = files
            .iter()
            .find(|f| f.path.ends_with("brief.md"))
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .expect("brief.md");
        (md, r.view.documents.into_iter().next().expect("a document"))
    }

    fn part(docx: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
        let mut s = String::new();
        z.by_name(name)
            .expect("part")
            .read_to_string(&mut s)
            .expect("text");
        s
    }

    const CASE: &str = "case: {title: T v. U, short_title: T, court: C, docket: No. 1, forum: cofc, protest_type: post_award, status: pending}
parties: [{id: p, name: P, role: plaintiff}, {id: us, name: The United States, role: defendant}]
authorities:
  - {id: axiom, kind: case, name: Axiom v. United States, short: Axiom, volume: 564, reporter: F.3d, page: 1374, court: Fed. Cir., year: 2009}
  - {id: usc, kind: statute, title: 28, code: U.S.C., section: '1491'}
brief:
  title: Memorandum
  filed_by: p
  date: 2020-01-01
  citations: footnotes
  sections:
    - {id: intro, heading: Introduction, body: 'Review is limited [@axiom, 1380]. Jurisdiction lies [@usc]. Again [@axiom, 1381].'}
";

    /// Every citation is marked: the first of each authority with its full citation and
    /// category, later ones by key; one TOA field per category; footnotes in the
    /// footnotes part; and the same Markdown gives the same bytes.
    #[test]
    fn citations_are_marked_for_words_table_of_authorities() {
        let (md, view) = document(CASE);
        let bytes = write(&md, &view, None).expect("writes");
        assert_eq!(
            bytes,
            write(&md, &view, None).expect("writes"),
            "deterministic"
        );
        let body = part(&bytes, "word/document.xml");
        let notes = part(&bytes, "word/footnotes.xml");
        assert!(body.contains("TOC \\o"), "{body}");
        assert!(body.contains("TOA \\c &quot;1&quot;"), "{body}");
        assert!(body.contains("TOA \\c &quot;2&quot;"), "{body}");
        assert!(body.contains("<w:footnoteReference w:id=\"1\"/>"), "{body}");
        assert!(
            notes.contains(
                "TA \\l &quot;Axiom v. United States, 564 F.3d 1374 (Fed. Cir. 2009)&quot; \\s &quot;axiom&quot; \\c 1"
            ),
            "{notes}"
        );
        assert!(notes.contains("TA \\s &quot;axiom&quot;"), "{notes}");
        assert!(notes.contains("\\s &quot;usc&quot; \\c 2"), "{notes}");
        // The caption is a table; links to other pages are plain text.
        assert!(body.contains("<w:tbl>"), "{body}");
        assert!(!body.contains(".md"), "{body}");
    }

    /// A numbered list keeps its numbers (a proposed order's paragraphs are cited by
    /// them), counting from the Markdown's own start; a bulleted one uses Word's bullets.
    #[test]
    fn numbered_lists_keep_their_numbers() {
        let case = CASE.replace(
            "'Review is limited [@axiom, 1380]. Jurisdiction lies [@usc]. Again [@axiom, 1381].'",
            "\"3. First.\\n4. Second.\\n\\n- A bullet.\"",
        );
        let (md, view) = document(&case);
        let body = part(
            &write(&md, &view, None).expect("writes"),
            "word/document.xml",
        );
        let first = body.find(">3.</w:t>").expect("item 3 numbered");
        let second = body.find(">4.</w:t>").expect("item 4 numbered");
        assert!(first < second);
        assert!(body.contains("<w:pStyle w:val=\"ListNumber\"/>"), "{body}");
        assert!(
            body.contains("<w:pStyle w:val=\"ListBullet\"/><w:numPr>"),
            "{body}"
        );
    }

    /// A table in a section keeps its header row, and what follows it is body text again
    /// (only the caption's table drops its header and uses the caption's style).
    #[test]
    fn a_table_in_a_section_is_a_table_not_a_caption() {
        let case = CASE.replace(
            "'Review is limited [@axiom, 1380]. Jurisdiction lies [@usc]. Again [@axiom, 1381].'",
            "\"| Factor | Rating |\\n|---|---|\\n| Price | Good |\\n\\nAfter the table.\"",
        );
        let (md, view) = document(&case);
        let body = part(
            &write(&md, &view, None).expect("writes"),
            "word/document.xml",
        );
        assert!(body.contains(">Factor</w:t>"), "{body}");
        let after = body
            .find(">After the table.</w:t>")
            .expect("the paragraph after");
        let para = &body[body[..after].rfind("<w:p>").expect("its paragraph")..after];
        assert!(para.contains("<w:pStyle w:val=\"BodyText\"/>"), "{para}");
    }

    #[test]
    fn bookmarks_follow_words_rule() {
        assert_eq!(bookmark_name("sec-arg-bias"), "sec_arg_bias");
        assert_eq!(bookmark_name("1x"), "b1x");
        assert_eq!(bookmark_name(&"a".repeat(50)).len(), 40);
    }

    #[test]
    fn xml_escapes_and_drops_forbidden_characters() {
        assert_eq!(xml("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(field_arg("say \"x\""), "say \u{201d}x\u{201d}");
    }
}
