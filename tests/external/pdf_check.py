#!/usr/bin/env python3
"""The brief printed from Chromium reads like a filing.

Usage: pdf_check.py BRIEF_PDF FIRST_BODY_WORDS
Requires: every page US Letter (612 x 792 pt) with its number at its foot; the caption
and title alone on page 1 (no table there); the table of contents starting a page of its
own; the table of authorities starting a new page, with no web address on its pages; the
argument starting on a page after the tables (no table text on the page where
FIRST_BODY_WORDS appear). Uses poppler's pdfinfo and pdftotext.
"""
import re
import subprocess
import sys


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def main():
    pdf, first_words = sys.argv[1], sys.argv[2]
    info = run("pdfinfo", pdf)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    sizes = run("pdfinfo", "-f", "1", "-l", str(pages), pdf)
    problems = []
    for m in re.finditer(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", sizes):
        if (round(float(m.group(2))), round(float(m.group(3)))) != (612, 792):
            problems.append(f"page {m.group(1)} is {m.group(2)} x {m.group(3)} pt, not US Letter")
    text = [run("pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-") for i in range(1, pages + 1)]
    flat = [" ".join(t.split()) for t in text]

    def first(needle):
        return next((i for i, t in enumerate(flat) if needle in t), None)

    toc, toa, body = first("Table of Contents"), first("Table of Authorities"), first(" ".join(first_words.split()))
    if "COURT OF FEDERAL CLAIMS" not in flat[0] and "COURT" not in flat[0]:
        problems.append("page 1 has no caption")
    if toc is None or toa is None or body is None:
        problems.append(f"missing part: contents={toc} authorities={toa} body={body}")
    else:
        if toc == 0:
            problems.append("the table of contents shares page 1 with the caption")
        if toa == toc:
            problems.append("the table of authorities shares a page with the table of contents")
        if not (toc < toa < body):
            problems.append(f"order on pages: contents {toc + 1}, authorities {toa + 1}, body {body + 1}")
        if "Table of Authorities" in flat[body] or "Table of Contents" in flat[body]:
            problems.append(f"page {body + 1} mixes a table with the argument")
        for i in range(toa, body):
            if "http" in flat[i] or "public copy" in flat[i]:
                problems.append(f"page {i + 1} (table of authorities) prints a web address")
    for i, t in enumerate(text):
        lines = [l.strip() for l in t.splitlines() if l.strip()]
        if not lines or lines[-1] != str(i + 1):
            problems.append(f"page {i + 1} has no page number at its foot")
    print(f"pdf: {pages} pages; caption p. 1, contents p. {toc + 1 if toc is not None else '?'}, "
          f"authorities p. {toa + 1 if toa is not None else '?'}, body from p. {body + 1 if body is not None else '?'}")
    for p in problems:
        print("pdf:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
