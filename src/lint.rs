//! Rules over the rendered case, run once after `resolve`: what can only be judged from
//! the documents as written and the citations as made. Each rule is a named function;
//! each finding is a warning, which `check --strict` turns into a failure. The Bluebook
//! rules are named by number in every message.

use std::collections::HashSet;

use crate::cite::{Form, Logged, forms};
use crate::error::{Error, Loc};
use crate::load::Case;
use crate::model::{AuthorityKind, SourceKind};
use crate::view::CaseView;

/// Every finding of every rule, in case order; `citations` are each document's, by id.
pub fn lint(case: &Case, view: &CaseView, citations: &[(String, Vec<Logged>)]) -> Vec<Error> {
    let mut found = Vec::new();
    uncited_authorities(case, view, citations, &mut found);
    undated_document(case, &mut found);
    filings_are_signed(case, view, &mut found);
    for (_, cited) in citations {
        short_forms_need_pinpoints(case, cited, &mut found);
        cases_cited_at_a_page(case, cited, &mut found);
        signals_explained(case, cited, &mut found);
        record_cited_at_a_page(case, cited, &mut found);
        supra_has_a_short_title(case, cited, &mut found);
        hereinafter_is_used(case, cited, &mut found);
        print_articles_cited_at_a_page(case, cited, &mut found);
    }
    titles_in_title_case(case, &mut found);
    periodicals_name_an_author(case, &mut found);
    regulations_have_a_year(case, &mut found);
    supreme_court_in_us_reports_alone(case, &mut found);
    texts_are_hashed(case, &mut found);
    found
}

/// Provenance: a text the case quotes records its SHA-256, so that a changed file is
/// caught before its quotations drift from what was checked.
fn texts_are_hashed(case: &Case, found: &mut Vec<Error>) {
    // Sources' texts and authorities' own texts alike.
    for (id, t) in case.data.texts() {
        if t.sha256.is_none()
            && let Some(actual) = case.text_hashes.get(&id.value)
        {
            found.push(Error::Lint {
                at: case.loc(&t.file),
                rule: "provenance",
                code: "unhashed-text",
                message: format!("the text of `{}` records no SHA-256", id.value),
                help: format!("add `sha256: {actual}` to its `text`"),
                subject: None,
            });
        }
    }
}

fn lint_at(at: Loc, rule: &'static str, code: &'static str, message: String, help: &str) -> Error {
    Error::Lint {
        at,
        rule,
        code,
        message,
        help: help.to_string(),
        subject: None,
    }
}

/// Where a logged citation was written, or else where the thing it cites is defined.
fn place(case: &Case, l: &Logged) -> Loc {
    l.at.clone().unwrap_or_else(|| {
        let d = &case.data;
        d.authorities
            .iter()
            .find(|a| a.id.value == l.id)
            .map(|a| case.loc(&a.id))
            .or_else(|| {
                d.sources
                    .iter()
                    .find(|s| s.id.value == l.id)
                    .map(|s| case.loc(&s.id))
            })
            .unwrap_or_else(|| Loc::file(&case.file))
    })
}

/// Rule: an authority the case lists is cited in one of its documents (a case without
/// documents is not judged).
fn uncited_authorities(
    case: &Case,
    view: &CaseView,
    citations: &[(String, Vec<Logged>)],
    found: &mut Vec<Error>,
) {
    if view.documents.is_empty() {
        return;
    }
    let cited: HashSet<&str> = citations
        .iter()
        .flat_map(|(_, log)| log)
        .map(|l| l.id.as_str())
        .collect();
    let authorities = &case.data.authorities;
    let cited_directly = |id: &str| cited.contains(id);
    // A later decision named in a cited authority's subsequent history (rule 10.7) is
    // cited with it.
    let in_history: HashSet<&str> = authorities
        .iter()
        .filter(|a| cited_directly(&a.id.value))
        .flat_map(|a| &a.history)
        .filter_map(|h| h.authority.as_ref().map(|id| id.value.as_str()))
        .collect();
    for a in authorities {
        if !cited_directly(&a.id.value) && !in_history.contains(a.id.value.as_str()) {
            found.push(Error::Uncited {
                at: case.loc(&a.id),
                id: a.id.value.clone(),
            });
        }
    }
}

/// Rule: a document has a date, so that nothing it cites can be from its future.
fn undated_document(case: &Case, found: &mut Vec<Error>) {
    for (id, b) in case.data.documents() {
        if b.value.date.is_none() {
            found.push(Error::Lint {
                at: case.loc(b),
                rule: "document date",
                code: "undated-document",
                message: format!("the document `{id}` has no date"),
                help: "add `date:` to it: casefile then checks that it cites nothing later \
                       than that day (`2021-04-26?` marks a date the record leaves uncertain)"
                    .into(),
                subject: None,
            });
        }
    }
}

/// Rule: a filing carries a signature block (RCFC 11(a), 4 C.F.R. § 21.1(c)(2): the
/// forum's profile names its rule).
fn filings_are_signed(case: &Case, view: &CaseView, found: &mut Vec<Error>) {
    let rule = case
        .forum
        .signature
        .as_ref()
        .map_or("signature", |s| s.rule.as_str());
    for (doc, v) in view
        .documents
        .iter()
        .filter_map(|v| Some((case.data.document(&v.id)?, v)))
    {
        let id = v.id.as_str();
        if v.closing != "signature" || v.signer.is_some() {
            continue;
        }
        let (code, message) = if v.signature.is_empty() {
            (
                "unsigned-filing",
                format!("the filing `{id}` has no signature block ({rule})"),
            )
        } else {
            (
                "signature-lines",
                format!(
                    "the filing `{id}` is signed with free lines, which casefile cannot check \
                     against {rule}"
                ),
            )
        };
        found.push(Error::Lint {
            at: case.loc(doc),
            rule: "signature",
            code,
            message,
            help: "add `signer:` with the name of the filing party's attorney of record, whose \
                   counsel entry gives the address, telephone and e-mail the rule asks for"
                .into(),
            subject: None,
        });
    }
}

/// Rule 10.9 (B10.2): a later citation of a case takes the short form, which needs a
/// pinpoint; without one it was given in full again.
fn short_forms_need_pinpoints(case: &Case, cited: &[Logged], found: &mut Vec<Error>) {
    for l in cited
        .iter()
        .filter(|l| l.repeated_without_pin && written(l))
    {
        found.push(lint_at(
            place(case, l),
            "10.9",
            "short-form-without-pin",
            format!(
                "this later citation of `{}` has no pinpoint, so it is given in full again",
                l.id
            ),
            "add the page it relies on (`[@id, 1380]`): the short form is `Name, 564 F.3d at 1380`",
        ));
    }
}

/// Whether the user wrote the citation (casefile's own, such as the decisions a procedural
/// history cites as a whole, have no place in the case file and no pinpoint to give).
fn written(l: &Logged) -> bool {
    l.at.is_some()
}

/// Rule 3.2(a) (B10.1.2): a case is cited at the page that supports the proposition.
fn cases_cited_at_a_page(case: &Case, cited: &[Logged], found: &mut Vec<Error>) {
    let cases: HashSet<&str> = case
        .data
        .authorities
        .iter()
        .filter(|a| a.kind == AuthorityKind::Case)
        .map(|a| a.id.value.as_str())
        .collect();
    for l in cited {
        if l.form == Form::Full
            && written(l)
            && !l.repeated_without_pin
            && l.pin.is_none()
            && cases.contains(l.id.as_str())
            && l.signal != Some("see generally")
        {
            found.push(lint_at(
                place(case, l),
                "3.2(a)",
                "missing-pinpoint",
                format!("the citation of `{}` has no pinpoint", l.id),
                "give the page that supports the proposition, or restructure the sentence so \
                 it relies on the decision as a whole (`see generally`)",
            ));
        }
    }
}

/// Rule 1.2(a): *cf.*, *compare* and *but cf.* need an explanatory parenthetical.
fn signals_explained(case: &Case, cited: &[Logged], found: &mut Vec<Error>) {
    for l in cited {
        if let Some(signal) = l.signal
            && matches!(signal, "cf." | "compare" | "but cf.")
            && !l.explained
        {
            found.push(lint_at(
                place(case, l),
                "1.2(a)",
                "signal-without-parenthetical",
                format!(
                    "`{signal}` cites `{}` without saying how it bears on the point",
                    l.id
                ),
                "add an explanatory parenthetical: `[cf. @id, 12 (holding …)]`",
            ));
        }
    }
}

/// Bluepages B17.1.2: a citation of the record names the page or paragraph relied on.
fn record_cited_at_a_page(case: &Case, cited: &[Logged], found: &mut Vec<Error>) {
    let record: HashSet<&str> = case
        .data
        .sources
        .iter()
        .filter(|s| forms::in_record(s))
        .map(|s| s.id.value.as_str())
        .collect();
    for l in cited {
        if l.pin.is_none() && l.form != Form::Id && record.contains(l.id.as_str()) {
            found.push(lint_at(
                place(case, l),
                "B17.1.2",
                "record-without-pinpoint",
                format!(
                    "the citation of the record document `{}` has no pinpoint",
                    l.id
                ),
                "cite the page or paragraph: `[@id, 12]`",
            ));
        }
    }
}

/// Rule 4.2(b): *supra* needs a short name: the author's, or a short title announced with
/// `hereinafter`.
fn supra_has_a_short_title(case: &Case, cited: &[Logged], found: &mut Vec<Error>) {
    let mut seen = HashSet::new();
    for l in cited.iter().filter(|l| l.form == Form::Supra) {
        let Some(s) = case.data.sources.iter().find(|s| s.id.value == l.id) else {
            continue;
        };
        if s.author.is_none() && s.short_title.is_none() && seen.insert(l.id.as_str()) {
            found.push(lint_at(
                place(case, l),
                "4.2(b)",
                "supra-without-short-title",
                format!("`{}` is cited with *supra* by its whole title", l.id),
                "give the source a `short_title` (printed as `[hereinafter …]` on first use) \
                 or its `author`",
            ));
        }
    }
}

/// Rule 4.2(b): a `hereinafter` short title is announced only to be used; one the brief
/// never cites by is noise in the citation.
fn hereinafter_is_used(case: &Case, cited: &[Logged], found: &mut Vec<Error>) {
    for (i, l) in cited.iter().enumerate() {
        let announced = l.form == Form::Full && l.text.contains("[hereinafter ");
        let used = cited
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .any(|later| later.id == l.id && later.form == Form::Supra);
        if announced && !used {
            found.push(lint_at(
                place(case, l),
                "4.2(b)",
                "unused-hereinafter",
                format!("the citation of `{}` announces a short title the brief never uses", l.id),
                "remove the source's `short_title`, or cite it again later (its short form uses it)",
            ));
        }
    }
}

/// Rule 16.6: a newspaper article cited in print (no URL) gives the page it is on.
fn print_articles_cited_at_a_page(case: &Case, cited: &[Logged], found: &mut Vec<Error>) {
    let print: HashSet<&str> = case
        .data
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::News && s.url.is_none() && !forms::in_record(s))
        .map(|s| s.id.value.as_str())
        .collect();
    for l in cited {
        if l.pin.is_none() && l.form != Form::Id && print.contains(l.id.as_str()) {
            found.push(lint_at(
                place(case, l),
                "16.6",
                "article-without-page",
                format!("the print article `{}` is cited without its page", l.id),
                "give the page (`[@id, A1]`), or the article's `url` for the online form",
            ));
        }
    }
}

/// Words rule 8(a) leaves in lower case inside a title: articles, conjunctions and
/// prepositions of four letters or fewer.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
    "into", "of", "off", "on", "onto", "out", "over", "per", "to", "up", "upon", "via", "with",
    "from", "than", "that", "v.",
];

/// Whether a title is in title case (rule 8(a)): every word capitalized but the small
/// words, which are capitalized only first, last or after a colon.
pub fn is_title_case(title: &str) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut after_colon = true;
    for (i, w) in words.iter().enumerate() {
        let core = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = core.chars().next() else {
            continue;
        };
        let bare: String = core
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let must_cap = after_colon || i + 1 == words.len() || !SMALL_WORDS.contains(&bare.as_str());
        if first.is_alphabetic() && must_cap && first.is_lowercase() {
            return false;
        }
        after_colon = w.ends_with(':') || w.ends_with('?');
    }
    true
}

/// Rule 8(a): the titles of articles, books and reports are printed in title case; the
/// case gives them so.
fn titles_in_title_case(case: &Case, found: &mut Vec<Error>) {
    for s in &case.data.sources {
        let titled = matches!(
            s.kind,
            SourceKind::News
                | SourceKind::Book
                | SourceKind::Report
                | SourceKind::Statement
                | SourceKind::Hearing
        );
        if titled && !s.title_described && !is_title_case(&s.title) {
            found.push(lint_at(
                case.loc(&s.id),
                "8(a)",
                "title-case",
                format!("the title of `{}` is not in title case", s.id.value),
                "capitalise every word but articles, conjunctions and prepositions of four \
                 letters or fewer (`AWS Seeks Testimony from Trump`)",
            ));
        }
    }
}

/// Rules 16.6 and 15.1: an article or a book names its author when it has one.
fn periodicals_name_an_author(case: &Case, found: &mut Vec<Error>) {
    for s in &case.data.sources {
        if matches!(s.kind, SourceKind::News | SourceKind::Book)
            && s.author.is_none()
            && !s.unsigned
        {
            // About the source, not a citation of it: `--strict` holds it to the filing
            // standard only where a filing cites it.
            found.push(Error::Lint {
                at: case.loc(&s.id),
                rule: if s.kind == SourceKind::Book {
                    "15.1"
                } else {
                    "16.6"
                },
                code: "missing-author",
                message: format!("`{}` names no author", s.id.value),
                help: "add `author:`, or `unsigned: true` where the piece carries no byline".into(),
                subject: Some(s.id.value.clone()),
            });
        }
    }
}

/// Rule 14.2: a C.F.R. citation gives the year of the edition cited.
fn regulations_have_a_year(case: &Case, found: &mut Vec<Error>) {
    for a in &case.data.authorities {
        if a.kind == AuthorityKind::Regulation && a.year.is_none() {
            found.push(lint_at(
                case.loc(&a.id),
                "14.2",
                "cfr-without-year",
                format!("the regulation `{}` has no year", a.id.value),
                "add `year:` with the year of the C.F.R. edition cited",
            ));
        }
    }
}

/// Rule 10.3.1 (B10.1.3): a Supreme Court case reported in U.S. is cited to U.S. alone; a
/// parallel citation is for a court whose local rules ask for one, and then it needs its
/// own pinpoint, which casefile does not know.
fn supreme_court_in_us_reports_alone(case: &Case, found: &mut Vec<Error>) {
    for a in &case.data.authorities {
        if a.reporter.as_deref() == Some("U.S.") && !a.parallel.is_empty() {
            found.push(lint_at(
                case.loc(&a.id),
                "10.3.1",
                "parallel-citation",
                format!(
                    "`{}` is in U.S. and also cited to a parallel reporter",
                    a.id.value
                ),
                "remove `parallel:` unless the court's local rules require it",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_title_case;

    #[test]
    fn rule_8_a_title_case() {
        assert!(is_title_case(
            "AWS Seeks Testimony from Trump in JEDI Legal Battle"
        ));
        assert!(is_title_case(
            "Holding the Line: Inside Trump's Pentagon with Secretary Mattis"
        ));
        assert!(is_title_case("What It Is About"));
        assert!(!is_title_case(
            "AWS seeks testimony from Trump in JEDI legal battle"
        ));
        assert!(!is_title_case(
            "Mark Esper removes himself from JEDI review"
        ));
    }
}
