#!/usr/bin/env python3
"""Independent check of casefile's citations with Free Law Project's eyecite.

For every document of every case, this reads the rendered document
(output/<slug>/<id>.md) and casefile's own record of the citations it made there
(`casefile check --format json`), then requires that eyecite:

  * finds every full case citation with the intended volume, reporter, page, pinpoint,
    year and court (court: where the parenthetical names one);
  * reads every short-form case citation as a short form (ShortCaseCitation, not a new
    full citation) with the intended volume, reporter and pinpoint, and resolves it to
    the full citation casefile meant (rule 10.9);
  * reads every full statute and regulation citation as a law citation with the
    intended title, code and section (rules 12 and 14);
  * finds every *Id.* and resolves it to the authority casefile meant (rule 4.1).

Known eyecite bug worked around (freelawproject/eyecite#321, fix proposed in #347): a
year parenthetical with no court, such as "(1973)", lets eyecite's year/court match run on
into a later citation's parenthetical. Full-citation metadata is therefore read by
running eyecite on the citation's own text; extraction and Id. resolution run on the
whole brief.

Usage: eyecite_check.py CASEFILE_BINARY REPO_ROOT
Exit status 1 on any disagreement; prints one line per problem.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

from eyecite import get_citations, resolve_citations
from eyecite.models import (FullCaseCitation, FullLawCitation, IdCitation,
                            ShortCaseCitation)

COURTS = {"Fed. Cir.": "cafc", "U.S.": "scotus"}
# A reporter citation: volume, reporter abbreviation, first page (`975 F.3d 1279`).
REPORTER = re.compile(r"\b\d+ [A-Z][A-Za-z.0-9 ]*? \d+\b")
# The phrases of table T8 that open subsequent history.
HISTORY = re.compile(r", (?:aff'd|rev'd|vacated|modified|cert\. denied|cert\. granted|"
                     r"appeal docketed|appeal dismissed)\b")


def plain(md: str) -> str:
    """Markdown as a reader sees it: links to their text, no emphasis or escapes."""
    text = re.sub(r"<[^>]+>", "", md)
    text = re.sub(r"\[\^\d+\]", "", text)
    for _ in range(3):
        text = re.sub(r"\[([^\[\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("*", "")
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"[ \t]*\n[ \t]*", " ", text)
    return text.replace("–", "-")


def body_of(brief_md: str) -> str:
    """The brief after its table of authorities (the TOA repeats every citation)."""
    start = brief_md.find('<div class="toa">')
    end = brief_md.find("</div>", start)
    return brief_md[end + len("</div>"):] if start >= 0 and end >= 0 else brief_md


def check_case(slug: str, report: dict, root: Path) -> list:
    problems = []
    for doc in report["documents"]:
        problems += check_document(f"{slug}/{doc['id']}", doc["citations"],
                                   root / "output" / slug / f"{doc['id']}.md", report)
    return problems


def check_document(slug: str, logged: list, brief: Path, report: dict) -> list:
    problems = []
    if not logged:
        return problems
    if not brief.exists():
        # A document that cites is checked, or the check says why it could not be.
        return [f"{slug}: casefile logged {len(logged)} citations, but {brief} is missing"]
    auth = {a["id"]: a for a in report["authorities"]}
    text = plain(body_of(brief.read_text()))

    # Where each of casefile's citations sits in the plain text.
    spans, pos = [], 0
    for c in logged:
        needle = plain(c["text"])
        at = text.find(needle, pos)
        if at < 0:
            problems.append(f"{slug}: cannot find casefile's citation {needle!r} in the brief")
            return problems
        spans.append((at, at + len(needle)))
        pos = at + len(needle)

    docket_histories = 0
    cites = get_citations(text)
    resolved = resolve_citations(cites)
    resource_of = {id(c): res for res, group in resolved.items() for c in group}

    def found_in(span, kinds):
        return [c for c in cites if isinstance(c, kinds)
                and span[0] <= c.span()[0] and c.span()[1] <= span[1] + 1]

    def same_case(res_citation, a):
        g = res_citation.groups
        return (g.get("volume") == str(a["volume"]) and g.get("reporter") == a["reporter"]
                and g.get("page") == str(a["page"]))

    def same_law(res_citation, a):
        g = res_citation.groups
        return (g.get("reporter") == a.get("code")
                and (g.get("title") or g.get("chapter")) == str(a.get("title"))
                and (g.get("section") or "").startswith(a.get("section") or "\0"))

    checked = skipped = 0
    for c, span in zip(logged, spans):
        a = auth.get(c["id"])
        where = f"{slug}: {plain(c['text'])!r}"
        if c["form"] == "id" and (a is None or a["kind"] not in ("case", "statute", "regulation")):
            # Id. to a news article, record document or rule: eyecite has no antecedent
            # it can resolve to, so only extraction is checked.
            if not found_in(span, IdCitation):
                problems.append(f"{where}: eyecite found no Id. citation")
            skipped += 1
            continue
        if c["form"] == "id":
            ids = found_in(span, IdCitation)
            if not ids:
                problems.append(f"{where}: eyecite found no Id. citation")
                continue
            res = resource_of.get(id(ids[0]))
            target = getattr(res, "citation", None)
            if a is None or target is None:
                problems.append(f"{where}: Id. did not resolve (meant {c['id']})")
            elif a["kind"] == "case" and not same_case(target, a):
                problems.append(f"{where}: Id. resolved to {target.matched_text()!r}, meant {c['id']}")
            elif a["kind"] in ("statute", "regulation") and not same_law(target, a):
                problems.append(f"{where}: Id. resolved to {target.matched_text()!r}, meant {c['id']}")
            checked += 1
            continue
        if a is not None and a["kind"] in ("statute", "regulation") and c["form"] == "full":
            law = found_in(span, FullLawCitation)
            if not law:
                problems.append(f"{where}: eyecite found no statute or regulation citation")
            elif not same_law(law[0], a):
                problems.append(f"{where}: read as {law[0].matched_text()!r} {law[0].groups}")
            checked += 1
            continue
        if a is None or a["kind"] != "case" or a.get("volume") is None:
            continue
        if c["form"] == "full":
            full = found_in(span, FullCaseCitation)
            if not full:
                problems.append(f"{where}: eyecite found no full case citation")
                continue
            f = full[0]
            # Metadata from the citation's own text (see the module docstring).
            # Subsequent history (rule 10.7) is cut off first: its parenthetical would be
            # read as the year of the citation before it (the same bug).
            cited_alone = HISTORY.split(plain(c["text"]))[0]
            own = [x for x in get_citations(cited_alone) if isinstance(x, FullCaseCitation)]
            history = HISTORY.search(plain(c["text"]))
            # A later decision cited by reporter must be read; one cited by docket number
            # (a slip opinion, `No. 2019-2326 (Fed. Cir. Sept. 2, 2020)`) is a form eyecite
            # does not parse at all, so it is counted, not failed.
            by_reporter = history and REPORTER.search(plain(c["text"])[history.end():])
            if by_reporter and len(full) < 2:
                problems.append(f"{where}: eyecite did not read the subsequent history's citation")
            elif history and not by_reporter:
                docket_histories += 1
            meta = own[0].metadata if own else f.metadata
            expect = {"volume": str(a["volume"]), "reporter": a["reporter"], "page": str(a["page"])}
            for k, v in expect.items():
                if f.groups.get(k) != v:
                    problems.append(f"{where}: {k} {f.groups.get(k)!r}, expected {v!r}")
            if str(meta.year) != str(a["year"]):
                problems.append(f"{where}: year {meta.year!r}, expected {a['year']!r}")
            pin = (c["pin"] or "").replace("-", "–") or None
            got_pin = (f.metadata.pin_cite or "").replace("at ", "").replace("-", "–") or None
            if got_pin != pin:
                problems.append(f"{where}: pinpoint {got_pin!r}, expected {pin!r}")
            court = COURTS.get(a.get("court") or "")
            implied = a.get("court") in (None, a.get("reporter"))
            if court and meta.court != court:
                problems.append(f"{where}: court {meta.court!r}, expected {court!r}")
            elif not court and not implied:
                problems.append(f"{where}: no eyecite court id known for {a.get('court')!r}")
            checked += 1
        elif c["form"] == "short":
            short = found_in(span, ShortCaseCitation)
            if not short:
                other = found_in(span, FullCaseCitation)
                read = f" (read as a full citation: {other[0].matched_text()!r})" if other else ""
                problems.append(f"{where}: eyecite found no short case citation{read}")
                continue
            s = short[0]
            g = s.groups
            if g.get("volume") != str(a["volume"]) or g.get("reporter") != a["reporter"]:
                problems.append(f"{where}: short form read as {s.matched_text()!r}")
            # eyecite reads a short form's first pinpoint page as its `page`, and the
            # whole pinpoint as `pin_cite`, except a footnote pinpoint (`1380 n.4`), which
            # its pattern leaves out: then the page alone is compared.
            pin = (c["pin"] or "").replace("-", "–")
            got_pin = (s.metadata.pin_cite or "").replace("-", "–")
            first_page = re.match(r"\d+", pin)
            if not first_page or g.get("page") != first_page.group():
                problems.append(f"{where}: short form read at page {g.get('page')!r}, expected {pin!r}")
            elif got_pin != pin and not (got_pin == "" and " n." in pin):
                problems.append(f"{where}: short-form pinpoint {got_pin!r}, expected {pin!r}")
            if not s.metadata.antecedent_guess:
                problems.append(f"{where}: short form has no case name before it")
            res = resource_of.get(id(s))
            if res is None or not same_case(res.citation, a):
                problems.append(f"{where}: short form did not resolve to {c['id']}")
            checked += 1
    print(f"{slug}: {checked} case, law and Id. citations checked with eyecite "
          f"({skipped} Id. to non-legal sources found but not resolvable by eyecite; "
          f"{docket_histories} later decision(s) cited by docket number, which eyecite does "
          f"not parse), {len(problems)} problem(s)")
    return problems


def main() -> int:
    binary, root = sys.argv[1], Path(sys.argv[2])
    out = subprocess.run([binary, "check", "--format", "json"], cwd=root,
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stdout, out.stderr)
        return 1
    report = json.loads(out.stdout)
    problems = []
    for case in report["cite_check"]:
        problems += check_case(case["case"], case, root)
    if not any(doc["citations"] for case in report["cite_check"] for doc in case["documents"]):
        problems.append(f"{root}: no document logged a citation, so nothing was checked")
    for p in problems:
        print("eyecite:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
