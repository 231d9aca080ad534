//! The one place that knows the Markdown dialect: the parser options, escaping data into
//! Markdown, neutralising raw HTML in case bodies, and turning Markdown into safe HTML.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// The extensions casefile uses. Deliberately not `Options::all()`: that would turn on
/// legacy footnotes and syntax we do not document.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The byte ranges of code in a user's Markdown (code spans and code blocks): text there
/// is never a citation.
pub fn code_ranges(md: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for (ev, range) in Parser::new_ext(md, user_options()).into_offset_iter() {
        match ev {
            Event::Code(_) => out.push(range),
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                if let Some(start) = block.take() {
                    out.push(start..range.end.max(start));
                }
            }
            _ => {}
        }
    }
    out
}

/// Escape a data value so Markdown shows it literally (and cannot make links or HTML).
pub fn escape(s: &str) -> String {
    escape_with(s, true)
}

/// Escape a value that never starts a line (a section number inside a citation): the
/// line-start rules (`1.` opening a list, `#` a heading) do not apply, so `3.101-1` stays
/// as it is.
pub fn escape_inline(s: &str) -> String {
    escape_with(s, false)
}

fn escape_with(s: &str, line_start: bool) -> String {
    // Leading spaces would make an indented code block; they never carry meaning here.
    let s = s.trim_start();
    // `1.` or `1)` at the start of a line opens an ordered list.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let list_marker =
        line_start && digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')'));
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_line_start = line_start;
    for (i, c) in s.char_indices() {
        match c {
            '.' | ')' if list_marker && i == digits => {
                out.push('\\');
                out.push(c);
            }
            '&' if entity_like(&s[i..]) => out.push_str("\\&"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_line_start => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            // Bidirectional overrides and isolates would reorder what follows them on
            // the page (a signature block's e-mail shown reversed): data never carries
            // them through.
            c if is_bidi_control(c) => {}
            _ => out.push(c),
        }
        at_line_start = false;
    }
    out
}

/// The Unicode controls that change the direction of the text after them (U+202A–U+202E,
/// U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Text for XML (a Word part, the timeline's SVG): the five markup characters escaped;
/// control characters XML forbids, its non-characters and bidirectional controls dropped
/// (tab and line breaks kept).
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c if is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Escape an identifier (an e-mail address, a telephone, docket or solicitation number)
/// so that it prints exactly as written: beyond [`escape`], the quotes, dashes and dots
/// that smart punctuation would turn into typographic ones are escaped too
/// (`pat.o'neil@…` keeps its straight apostrophe, `NNH--19` its two hyphens).
pub fn literal(s: &str) -> String {
    escape(s)
        .replace('\'', "\\'")
        .replace('"', "\\\"")
        .replace("--", "\\-\\-")
        .replace("...", "\\.\\.\\.")
}

/// `&amp;`, `&#39;`: text that Markdown would read as a character reference.
fn entity_like(s: &str) -> bool {
    let rest = &s[1..];
    let n = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(rest.len());
    n > 0 && rest[n..].starts_with(';')
}

/// Tera's escape function for Markdown templates.
pub fn escape_for_tera(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape(input).as_bytes())
}

/// The dialect a user's own Markdown is read in: the page's, without smart punctuation
/// (a parse-time rewrite that the page applies anyway).
fn user_options() -> Options {
    options() - Options::ENABLE_SMART_PUNCTUATION
}

/// Heading ids a user writes (`## Terms {#terms}`) live under this prefix, followed by the
/// body's own namespace, so they can never clobber an id casefile generates.
pub const USER_ID_PREFIX: &str = "u-";

/// Placeholders stand for generated Markdown (a citation) while a user's body is made
/// safe: private-use characters around a number, which Markdown treats as plain text.
const HOLE_OPEN: char = '\u{e000}';
const HOLE_CLOSE: char = '\u{e001}';

/// A user's Markdown with holes where casefile will put generated Markdown.
#[derive(Debug, Default)]
pub struct Holed {
    text: String,
    fills: Vec<String>,
}

impl Holed {
    /// Start from the user's text; the placeholder characters are removed from it, so only
    /// casefile's own holes exist.
    pub fn new() -> Holed {
        Holed::default()
    }

    /// Append user text.
    pub fn push_user(&mut self, s: &str) {
        self.text
            .extend(s.chars().filter(|c| *c != HOLE_OPEN && *c != HOLE_CLOSE));
    }

    /// Append a hole to be filled with casefile's Markdown.
    pub fn push_generated(&mut self, md: String) {
        use std::fmt::Write as _;
        let _ = write!(self.text, "{HOLE_OPEN}{}{HOLE_CLOSE}", self.fills.len());
        self.fills.push(md);
    }

    /// The text so far (user text and holes).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
    }

    /// The safe Markdown of one document body (see [`sanitize_body`]), holes filled.
    pub fn finish(self, namespace: &str) -> String {
        fill(&sanitize_body(&self.text, namespace), &self.fills)
    }
}

fn fill(md: &str, fills: &[String]) -> String {
    let mut out = String::with_capacity(md.len() + fills.iter().map(String::len).sum::<usize>());
    let mut rest = md;
    while let Some(open) = rest.find(HOLE_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + HOLE_OPEN.len_utf8()..];
        let Some(close) = after.find(HOLE_CLOSE) else {
            break;
        };
        if let Some(f) = after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| fills.get(i))
        {
            out.push_str(f);
        }
        rest = &after[close + HOLE_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn id_chars(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// The events of a user's body with everything that could become markup the author did
/// not get from casefile removed or made text:
///
/// - raw HTML, inline or in blocks, becomes text;
/// - heading attributes go, but an id, which is put under [`USER_ID_PREFIX`] and the
///   body's namespace;
/// - links with an unsafe scheme lose their link (their text stays); reference links
///   become inline links, so no definition is shared with another section;
/// - images become their alt text;
/// - footnote labels are numbered within the body's namespace, so they cannot collide
///   with casefile's footnotes or another section's;
/// - table alignment (an inline `style`) is dropped;
/// - a code block left open at the end of the body is closed there.
fn safe_events<'a>(md: &'a str, namespace: &str) -> Vec<Event<'a>> {
    use pulldown_cmark::{LinkType, TagEnd};
    let mut labels: Vec<String> = Vec::new();
    let mut label = |l: &str| -> CowStr<'static> {
        let n = match labels.iter().position(|x| x == l) {
            Some(n) => n,
            None => {
                labels.push(l.to_string());
                labels.len() - 1
            }
        };
        CowStr::from(format!("{USER_ID_PREFIX}{namespace}-fn{}", n + 1))
    };
    let mut out: Vec<Event<'a>> = Vec::new();
    // Links whose start was dropped: their end is dropped too.
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut in_code_block = false;
    for ev in Parser::new_ext(md, user_options()) {
        match ev {
            Event::Html(s) | Event::InlineHtml(s) => {
                // Each line of an HTML block stays on its line, as text.
                let mut lines = s.split('\n').peekable();
                while let Some(line) = lines.next() {
                    if !line.is_empty() {
                        out.push(Event::Text(CowStr::from(line.to_string())));
                    }
                    if lines.peek().is_some_and(|l| !l.is_empty()) {
                        out.push(Event::SoftBreak);
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { level, id, .. }) => out.push(Event::Start(Tag::Heading {
                level,
                id: id
                    .map(|i| id_chars(&i))
                    .filter(|i| !i.is_empty())
                    .map(|i| CowStr::from(format!("{USER_ID_PREFIX}{namespace}-{i}"))),
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if safe_url(&dest_url) {
                    let link_type = match link_type {
                        LinkType::Email => LinkType::Email,
                        LinkType::Autolink => LinkType::Autolink,
                        _ => LinkType::Inline,
                    };
                    dropped_links.push(false);
                    let _ = id;
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id: CowStr::Borrowed(""),
                    }));
                } else {
                    dropped_links.push(true);
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(true) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::FootnoteReference(l) => out.push(Event::FootnoteReference(label(&l))),
            Event::Start(Tag::FootnoteDefinition(l)) => {
                out.push(Event::Start(Tag::FootnoteDefinition(label(&l))));
            }
            Event::Start(Tag::Table(cols)) => out.push(Event::Start(Tag::Table(
                cols.iter()
                    .map(|_| pulldown_cmark::Alignment::None)
                    .collect(),
            ))),
            Event::Start(Tag::CodeBlock(k)) => {
                in_code_block = true;
                out.push(Event::Start(Tag::CodeBlock(k)));
            }
            Event::End(TagEnd::CodeBlock) => {
                // The serializer closes a fence only after a line break.
                if let Some(Event::Text(t)) = out.last_mut()
                    && in_code_block
                    && !t.ends_with('\n')
                {
                    *t = CowStr::from(format!("{t}\n"));
                }
                in_code_block = false;
                out.push(Event::End(TagEnd::CodeBlock));
            }
            other => out.push(other),
        }
    }
    out
}

fn serialize(events: &[Event<'_>]) -> Option<String> {
    let opts = pulldown_cmark_to_cmark::Options {
        list_token: '-',
        increment_ordered_list_bullets: true,
        code_block_token_count: 3,
        ..pulldown_cmark_to_cmark::Options::default()
    };
    let mut out = String::new();
    pulldown_cmark_to_cmark::cmark_with_options(events.iter(), &mut out, user_options(), opts)
        .ok()?;
    Some(out)
}

/// Whether Markdown read back in the page's dialect holds only what casefile allows from
/// a user: no raw HTML, no image, no unsafe link, heading ids and footnote labels only in
/// the body's namespace, no attribute or class.
fn only_allowed(md: &str, namespace: &str) -> bool {
    let own = format!("{USER_ID_PREFIX}{namespace}-");
    Parser::new_ext(md, options()).all(|ev| match ev {
        Event::Html(_) | Event::InlineHtml(_) => false,
        Event::Start(Tag::HtmlBlock | Tag::Image { .. }) => false,
        Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) => classes.is_empty() && attrs.is_empty() && id.is_none_or(|i| i.starts_with(&own)),
        Event::Start(Tag::Link { dest_url, .. }) => safe_url(&dest_url),
        Event::FootnoteReference(l) | Event::Start(Tag::FootnoteDefinition(l)) => {
            l.starts_with(&own)
        }
        Event::Start(Tag::Table(cols)) => {
            cols.iter().all(|a| *a == pulldown_cmark::Alignment::None)
        }
        _ => true,
    })
}

/// A user's Markdown body (a brief section, a summary, a deposition's reasons) made safe
/// to place in a page: it is read as a document of its own, so nothing it opens (a code
/// fence, a list, a link definition) reaches the next section, and written back as
/// Markdown holding only what `safe_events` lets through. The result is read back and
/// checked; should the writer ever produce something else, the body is printed as plain
/// text instead. This is the one place case Markdown becomes page Markdown, for every
/// output format.
pub fn sanitize_body(md: &str, namespace: &str) -> String {
    let ns = id_chars(namespace);
    let events = safe_events(md, &ns);
    match serialize(&events) {
        Some(out) if only_allowed(&out, &ns) => readable(out),
        _ => plain_paragraphs(md),
    }
}

/// The writer spells every `&` in text as `&amp;`; write a plain `&` wherever it cannot
/// start a character reference, provided the result reads back as the same events.
fn readable(md: String) -> String {
    if !md.contains("&amp;") {
        return md;
    }
    let mut out = String::with_capacity(md.len());
    let mut last = 0;
    for (ev, range) in Parser::new_ext(&md, user_options()).into_offset_iter() {
        if !matches!(ev, Event::Text(_)) || range.start < last {
            continue;
        }
        let Some(src) = md.get(range.clone()) else {
            continue;
        };
        out.push_str(md.get(last..range.start).unwrap_or_default());
        let mut rest = src;
        while let Some(i) = rest.find("&amp;") {
            let after = &rest[i + "&amp;".len()..];
            out.push_str(&rest[..i]);
            out.push_str(if entity_like(&format!("&{after}")) {
                "&amp;"
            } else {
                "&"
            });
            rest = after;
        }
        out.push_str(rest);
        last = range.end;
    }
    out.push_str(md.get(last..).unwrap_or_default());
    if merged_events(&out) == merged_events(&md) {
        out
    } else {
        md
    }
}

/// The events of `md` with adjacent text joined (the parser splits text at entities).
fn merged_events(md: &str) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::new();
    for ev in Parser::new_ext(md, options()) {
        match (out.last_mut(), ev) {
            (Some(Event::Text(a)), Event::Text(b)) => *a = CowStr::from(format!("{a}{b}")),
            (_, ev) => out.push(ev),
        }
    }
    out
}

/// A body as plain text: each paragraph escaped.
fn plain_paragraphs(md: &str) -> String {
    md.split("\n\n")
        .map(|p| escape(p.trim()))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A user's inline Markdown (a citation's parenthetical: `rejecting *Esch*`) made safe:
/// emphasis, code and safe links stay; anything that would open a block is text.
pub fn sanitize_inline(md: &str) -> String {
    use pulldown_cmark::TagEnd;
    let one_line: String = md
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let events: Vec<Event<'_>> = safe_events(&one_line, "inline")
        .into_iter()
        .filter(|e| {
            !matches!(
                e,
                Event::Start(
                    Tag::Paragraph
                        | Tag::Heading { .. }
                        | Tag::BlockQuote(_)
                        | Tag::List(_)
                        | Tag::Item
                        | Tag::CodeBlock(_)
                        | Tag::Table(_)
                        | Tag::TableHead
                        | Tag::TableRow
                        | Tag::TableCell
                        | Tag::FootnoteDefinition(_)
                ) | Event::End(
                    TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::List(_)
                        | TagEnd::Item
                        | TagEnd::CodeBlock
                        | TagEnd::Table
                        | TagEnd::TableHead
                        | TagEnd::TableRow
                        | TagEnd::TableCell
                        | TagEnd::FootnoteDefinition
                ) | Event::Rule
                    | Event::FootnoteReference(_)
                    | Event::TaskListMarker(_)
            )
        })
        .collect();
    let mut wrapped = vec![Event::Start(Tag::Paragraph)];
    wrapped.extend(events);
    wrapped.push(Event::End(TagEnd::Paragraph));
    match serialize(&wrapped) {
        Some(out) if is_one_paragraph(&out) => out.trim().to_string(),
        _ => escape(&one_line),
    }
}

fn is_one_paragraph(md: &str) -> bool {
    let evs: Vec<Event<'_>> = Parser::new_ext(md, options()).collect();
    matches!(evs.first(), Some(Event::Start(Tag::Paragraph)))
        && evs
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
            .count()
            == 1
        && only_allowed(md, "inline")
        && !evs.iter().any(|e| {
            matches!(
                e,
                Event::Start(
                    Tag::Heading { .. } | Tag::List(_) | Tag::BlockQuote(_) | Tag::CodeBlock(_)
                ) | Event::FootnoteReference(_)
            )
        })
}

pub fn safe_url(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    match lower.find(':') {
        // A scheme is present only if the colon comes before any path or fragment.
        Some(i) if !lower[..i].contains(['/', '?', '#']) => {
            ["http", "https", "mailto"].contains(&&lower[..i])
        }
        _ => true,
    }
}

/// Markdown as a reader sees it, in one line: the text of every event.
pub fn plain(md: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // Blocks end with a space; inline markup (emphasis, links) joins its text.
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => out.push(' '),
            Event::FootnoteReference(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Words as a word processor counts them: runs of characters between spaces. A footnote
/// mark (`[^1]`, which a section's Markdown carries without its note) is not a word.
pub fn word_count(md: &str) -> usize {
    plain(md)
        .split_whitespace()
        .filter(|w| !(w.starts_with("[^") && w.ends_with(']')))
        .count()
}

/// Which Markdown the `.md` files are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Flavor {
    /// Pandoc's Markdown: headings carry their ids as `{#id}` attributes.
    #[default]
    Pandoc,
    /// GitHub-flavoured Markdown: each id is an `<a id>` before its heading (GitHub shows
    /// attributes as text, but keeps these anchors), so contents and authority links work
    /// when the file is read on GitHub.
    Gfm,
}

/// The same page in GitHub-flavoured Markdown: every heading's `{#id}` becomes an
/// `<a id="id"></a>` on the line before it, and `<span id>` anchors become `<a id>`.
/// Links are unchanged: they name the same ids.
pub fn to_gfm(md: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (ev, range) in Parser::new_ext(md, options()).into_offset_iter() {
        let Event::Start(Tag::Heading { id: Some(id), .. }) = ev else {
            continue;
        };
        let Some(text) = md.get(range.clone()) else {
            continue;
        };
        let attr = format!("{{#{id}}}");
        let Some(at) = text.rfind(&attr) else {
            continue;
        };
        // The heading's line, from its start (`#`) up to the attribute.
        let line_start = md
            .get(..range.start)
            .map_or(0, |b| b.rfind('\n').map_or(0, |i| i + 1));
        edits.push((line_start..line_start, format!("<a id=\"{id}\"></a>\n\n")));
        let attr_start = range.start + at;
        let trimmed = md
            .get(..attr_start)
            .map_or(attr_start, |b| b.trim_end_matches([' ', '\t']).len());
        edits.push((trimmed..attr_start + attr.len(), String::new()));
    }
    let mut out = String::with_capacity(md.len() + edits.len() * 16);
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(md.get(at..range.start).unwrap_or_default());
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(md.get(at..).unwrap_or_default());
    out.replace("<span id=\"", "<a id=\"")
        .replace("\"></span>", "\"></a>")
}

/// Rewrite a relative link to a sibling Markdown page to its HTML twin.
pub fn html_link(url: &str) -> Option<String> {
    if url.contains("://") || url.starts_with('#') {
        return None;
    }
    let (path, frag) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let stem = path.strip_suffix(".md")?;
    Some(match frag {
        Some(f) => format!("{stem}.html#{f}"),
        None => format!("{stem}.html"),
    })
}

/// Markdown to HTML. Raw HTML from templates passes; links with unsafe schemes are
/// dropped; links to `.md` pages point at their `.html` twins.
pub fn to_html(md: &str) -> String {
    // An image with an unsafe source prints as its alt text.
    let mut unsafe_image = 0usize;
    let parser = Parser::new_ext(md, options()).filter_map(move |ev| match ev {
        Event::Start(Tag::Image { ref dest_url, .. }) if !safe_url(dest_url) => {
            unsafe_image += 1;
            None
        }
        Event::End(pulldown_cmark::TagEnd::Image) if unsafe_image > 0 => {
            unsafe_image -= 1;
            None
        }
        other => Some(other),
    });
    let parser = parser.map(|ev| match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if !safe_url(&dest_url) {
                CowStr::Borrowed("#")
            } else if let Some(h) = html_link(&dest_url) {
                CowStr::from(h)
            } else {
                dest_url
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    });
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_print_as_written() {
        let html = to_html(&literal("pat.o'neil@x.invalid, No. NNH--19... \"A\""));
        assert!(html.contains("pat.o'neil@x.invalid"), "{html}");
        assert!(html.contains("NNH--19..."), "{html}");
        assert!(html.contains("\"A\""), "{html}");
    }

    #[test]
    fn bidi_overrides_do_not_pass_through_data() {
        assert_eq!(escape("pat\u{202E}moc.x@y"), "patmoc.x@y");
        assert_eq!(escape("a\u{2067}b\u{2069}"), "ab");
    }

    #[test]
    fn words_are_counted_as_a_reader_sees_them() {
        assert_eq!(
            word_count("[*Alpha v. United States*, 1 F.4th 10, 12 (Fed. Cir. 2021)](#toa-a)."),
            11
        );
        assert_eq!(word_count("Stated criteria. [^1]\n\n- one\n- two"), 4);
    }

    #[test]
    fn gfm_puts_ids_on_anchors_github_keeps() {
        let md = "# Title {#top}\n\nText.\n\n## A. Part {#sec-a}\n\n- <span id=\"toa-x\"></span>*X* — [A](#sec-a)\n";
        assert_eq!(
            to_gfm(md),
            "<a id=\"top\"></a>\n\n# Title\n\nText.\n\n<a id=\"sec-a\"></a>\n\n## A. Part\n\n- <a id=\"toa-x\"></a>*X* — [A](#sec-a)\n"
        );
    }

    #[test]
    fn escaped_data_stays_text() {
        let md = escape("<script>alert(1)</script> *bold* [x](javascript:alert(1))");
        let html = to_html(&md);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<em>"), "{html}");
        assert!(!html.contains("href"), "{html}");
    }

    #[test]
    fn user_html_is_text() {
        let html = to_html(&sanitize_body(
            "Hi <img src=x onerror=alert(1)> there\n\n<div>x</div>\n",
            "s",
        ));
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<div>"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
    }

    #[test]
    fn heading_attributes_cannot_clobber_ids_or_add_attributes() {
        let html = to_html(&sanitize_body(
            "## Terms {#toa .evil onclick=alert(1)}\n\ntext",
            "sec-a",
        ));
        assert!(html.contains("<h2 id=\"u-sec-a-toa\">Terms</h2>"), "{html}");
        assert!(
            !html.contains("onclick") && !html.contains("evil"),
            "{html}"
        );
    }

    #[test]
    fn nothing_a_section_opens_reaches_the_next() {
        let page = format!(
            "{}\n\n## Next\n\n{}\n",
            sanitize_body("```\nopen fence\n\n[r]: javascript:alert(1)\n", "a"),
            sanitize_body("still code?\n\n[link][r] and [^1]\n\n[^1]: note", "b")
        );
        let html = to_html(&page);
        assert!(html.contains("<h2>Next</h2>"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("id=\"u-b-fn1\""), "{html}");
    }

    #[test]
    fn footnote_labels_are_namespaced() {
        let md = sanitize_body("Text[^main].\n\n[^main]: A note.", "s");
        assert!(md.contains("[^u-s-fn1]"), "{md}");
        assert!(!md.contains("[^main]"), "{md}");
    }

    #[test]
    fn ampersands_stay_readable() {
        assert_eq!(
            sanitize_body("Blue & Gold, &amp; not *x*", "s"),
            "Blue & Gold, & not *x*"
        );
        // `&copy;` written as text must stay text.
        assert_eq!(sanitize_body("a \\&copy; b", "s"), "a &amp;copy; b");
    }

    #[test]
    fn parentheticals_stay_inline() {
        assert_eq!(sanitize_inline("rejecting *Esch*"), "rejecting *Esch*");
        let html = to_html(&sanitize_inline("# x\n- <script>alert(1)</script>"));
        assert!(
            !html.contains("<script") && !html.contains("<h1") && !html.contains("<li"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_images_become_text() {
        let html = to_html("![alt text](javascript:alert(1)) and ![b](data:image/png;base64,x)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("alt text") && html.contains(" and b"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_are_dropped() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "data:text/html,x",
            "java\tscript:x",
        ] {
            let html = to_html(&format!("[a]({bad})"));
            let lower = html.to_lowercase();
            assert!(
                !lower.contains("href=\"java") && !lower.contains("href=\"data"),
                "{bad}: {html}"
            );
        }
        assert!(to_html("[a](https://x.test/)").contains("https://x.test/"));
        assert!(to_html("[a](brief.md#toa)").contains("brief.html#toa"));
    }
}
