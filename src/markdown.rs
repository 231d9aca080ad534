//! The one place that knows the Markdown dialect: the parser options, escaping data into
//! Markdown, neutralising raw HTML in case bodies, and turning Markdown into safe HTML.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// The extensions casefile uses. Deliberately not `Options::all()`: that would turn on
/// legacy footnotes and syntax we do not document.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Escape a data value so Markdown shows it literally (and cannot make links or HTML).
pub fn escape(s: &str) -> String {
    // Leading spaces would make an indented code block; they never carry meaning here.
    let s = s.trim_start();
    // `1.` or `1)` at the start of a line opens an ordered list.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let list_marker = digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')'));
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_line_start = true;
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
            _ => out.push(c),
        }
        at_line_start = false;
    }
    out
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

/// Make raw HTML in a user's Markdown print as text: the case data is never markup.
pub fn neutralise_html(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for (ev, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if matches!(ev, Event::Html(_) | Event::InlineHtml(_)) && range.start >= last {
            out.push_str(&body[last..range.start]);
            out.push_str(&body[range.clone()].replace('<', "&lt;"));
            last = range.end;
        }
    }
    out.push_str(&body[last..]);
    out
}

fn safe_url(url: &str) -> bool {
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

/// Rewrite a relative link to a sibling Markdown page to its HTML twin.
fn html_link(url: &str) -> Option<String> {
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
    fn escaped_data_stays_text() {
        let md = escape("<script>alert(1)</script> *bold* [x](javascript:alert(1))");
        let html = to_html(&md);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<em>"), "{html}");
        assert!(!html.contains("href"), "{html}");
    }

    #[test]
    fn user_html_is_neutralised() {
        let html = to_html(&neutralise_html(
            "Hi <img src=x onerror=alert(1)> there\n\n<div>x</div>\n",
        ));
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<div>"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
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
