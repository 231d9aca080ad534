//! The table of authorities: every authority and secondary source the brief cites, in
//! Bluebook groups and order, with the places it is cited (*passim* from five).

use std::collections::{BTreeMap, HashSet};

use super::Ctx;
use crate::cite::prose::Uses;
use crate::cite::{self, Forms, Target};
use crate::model::Date;
use crate::model::Verification;
use crate::pages::anchor;
use crate::view::{ToaEntry, ToaGroup, ToaPlace};

/// An authority cited in at least this many places is cited *passim*.
const PASSIM: usize = 5;

/// The key that files an entry alphabetically by what the reader sees: its words without
/// Markdown emphasis or escapes, ignoring case.
fn alphabetical(md: &str) -> String {
    md.chars()
        .filter(|c| !matches!(c, '*' | '_' | '\\'))
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn build(ctx: &Ctx<'_>, uses: &Uses, as_of: Option<Date>) -> Vec<ToaGroup> {
    let forms = Forms {
        lib: &ctx.lib,
        as_of,
    };
    let mut groups: BTreeMap<(u8, &'static str), Vec<(String, ToaEntry)>> = BTreeMap::new();
    let mut add = |group: (u8, &'static str),
                   key: String,
                   id: &str,
                   citation_md: String,
                   url: Option<String>,
                   unverified: bool| {
        let Some(places) = uses.get(id) else { return };
        let mut seen = HashSet::new();
        let places: Vec<ToaPlace> = places
            .iter()
            .filter(|(label, _)| seen.insert(label.clone()))
            .map(|(label, anchor)| ToaPlace {
                label: label.clone(),
                anchor: anchor.clone(),
            })
            .collect();
        let passim = places.len() >= PASSIM;
        groups.entry(group).or_default().push((
            key,
            ToaEntry {
                anchor: anchor::toa(id),
                citation_md,
                url,
                places,
                passim,
                unverified,
            },
        ));
    };
    for a in &ctx.case.data.authorities {
        add(
            cite::toa_group(a),
            cite::toa_key(a),
            &a.id.value,
            forms.table(Target::Authority(a)),
            a.url.clone(),
            a.verification == Verification::Unverified,
        );
    }
    // Secondary sources cited in the brief are Other Authorities; the record (filings,
    // the administrative record, exhibits) is not an authority.
    for s in ctx
        .case
        .data
        .sources
        .iter()
        .filter(|s| !ctx.lib.is_record(s))
    {
        let citation_md = forms.table(Target::Source(s));
        // Filed under the author's surname where there is one (`Fixture, Guy M.`).
        let key = match &s.author {
            Some(a) => format!("{} {}", crate::cite::forms::surname(a), a).to_lowercase(),
            None => alphabetical(&citation_md),
        };
        add(
            (6, "Other Authorities"),
            key,
            &s.id.value,
            citation_md,
            s.url.clone(),
            false,
        );
    }
    groups
        .into_iter()
        .map(|((_, name), mut entries)| {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            ToaGroup {
                name,
                entries: entries.into_iter().map(|(_, e)| e).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::load::Case;
    use crate::view::DocumentView;
    use std::path::PathBuf;

    fn case(yaml: &str) -> Case {
        crate::load::case_from_text("t", &PathBuf::from("t/case.yaml"), yaml)
            .expect("fixture parses")
    }

    const HEAD: &str = "case: {title: T v. U, short_title: T, court: C, docket: No. 1, forum: cofc, protest_type: post_award, status: pending}\nparties: [{id: p, name: P, role: plaintiff}]\n";

    fn brief(yaml: &str) -> (DocumentView, Vec<Error>) {
        let c = case(yaml);
        let ids = crate::validate::validate(&c).expect("valid");
        let r = crate::resolve::resolve(&c, &ids).expect("resolves");
        (
            r.view.documents.into_iter().next().expect("brief"),
            r.warnings,
        )
    }

    #[test]
    fn toa_groups_orders_and_passim() {
        let yaml = format!(
            "{HEAD}authorities:
  - {{id: zeta, kind: case, name: Zeta v. United States, volume: 1, reporter: F.4th, page: 5, court: Fed. Cir., year: 2021}}
  - {{id: alpha, kind: case, name: Alpha v. United States, volume: 2, reporter: F.4th, page: 9, court: Fed. Cir., year: 2022}}
  - {{id: s28, kind: statute, title: 28, code: U.S.C., section: '1491'}}
  - {{id: s5, kind: statute, title: 5, code: U.S.C., section: '706'}}
  - {{id: reg, kind: regulation, title: 48, code: C.F.R., section: '15.506'}}
  - {{id: rule, kind: rule, name: RCFC, section: '52.1'}}
  - {{id: unused, kind: rule, name: RCFC, section: '26'}}
brief:
  title: B
  filed_by: p
  sections:
    - {{id: a, heading: A, body: 'x [@zeta] [@s28] [@rule] [@reg] [@s5]'}}
    - {{id: b, heading: B, body: 'x [@zeta] [@alpha]'}}
    - {{id: c, heading: C, body: 'x [@zeta]'}}
    - {{id: d, heading: D, body: 'x [@zeta]'}}
    - {{id: e, heading: E, body: 'x [@zeta]'}}
"
        );
        let (b, warnings) = brief(&yaml);
        let groups: Vec<&str> = b.toa.iter().map(|g| g.name).collect();
        assert_eq!(groups, ["Cases", "Statutes", "Regulations", "Rules"]);
        let cases: Vec<&str> = b.toa[0].entries.iter().map(|e| e.anchor.as_str()).collect();
        assert_eq!(cases, ["toa-alpha", "toa-zeta"], "cases are alphabetical");
        let statutes: Vec<&str> = b.toa[1].entries.iter().map(|e| e.anchor.as_str()).collect();
        assert_eq!(statutes, ["toa-s5", "toa-s28"], "codes by title number");
        assert!(b.toa[0].entries[1].passim, "cited in five sections");
        assert!(!b.toa[0].entries[0].passim);
        assert_eq!(b.toa[0].entries[0].places.len(), 1);
        // Only cited authorities appear; the uncited one is a warning.
        assert!(b.toa[3].entries.iter().all(|e| e.anchor != "toa-unused"));
        let uncited: Vec<String> = warnings
            .iter()
            .filter(|w| matches!(w, Error::Uncited { .. }))
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            uncited,
            ["authority `unused` is never cited in a document of the case"]
        );
    }

    #[test]
    fn supra_for_secondary_sources_and_footnotes() {
        let yaml = format!(
            "{HEAD}sources:
  - {{id: book, kind: book, title: Holding the Line, author: Guy M. Snodgrass, outlet: Sentinel, date: '2019'}}
  - {{id: art, kind: news, title: A Story, outlet: Daily, date: 2020-02-10}}
brief:
  title: B
  filed_by: p
  citations: footnotes
  sections:
    - {{id: a, heading: A, body: 'One [@book, 12]. Two [@art]. Three [@book, 13].'}}
"
        );
        let (b, _) = brief(&yaml);
        let notes: Vec<&str> = b.footnotes.iter().map(|f| f.text_md.as_str()).collect();
        assert_eq!(
            notes,
            [
                "[Guy M. Snodgrass, *Holding the Line* 12 (Sentinel 2019)](exhibits.md#ex-book).",
                "[*A Story*, Daily, Feb. 10, 2020](exhibits.md#ex-art).",
                "[Snodgrass, *supra*, at 13](exhibits.md#ex-book).",
            ]
        );
        assert!(
            b.sections[0].body_md.contains("One[^1]") || b.sections[0].body_md.contains("One [^1]")
        );
    }
}
