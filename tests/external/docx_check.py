#!/usr/bin/env python3
"""Independent readers of casefile's Word export (issue 15).

For every output/<case>/<document>.docx beside its .md, under each folder given:

  * python-docx opens it, and every paragraph's style is one the file defines;
  * every authority in the document's table of authorities (the `toa-*` ids of the
    Markdown) is marked by exactly one full TA field (`TA \\l ... \\s ... \\c N`), no TA
    names an authority the table lacks, and each category used by a TA has its TOA field;
    the table of contents is a TOC field;
  * LibreOffice (headless) converts it to PDF, and pdftotext finds the page number at the
    foot of every page;
  * pandoc reads it back, and its text ends with the Markdown's text from the first
    section on (the argument, footnotes and signature), word for word (quotation marks
    compared without their direction).

Usage: docx_check.py DIR...   Exit status 1 on any problem; one line per problem.
"""
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx  # python-docx

TA_FULL = re.compile(r'TA \\l "(.*?)" \\s "(.*?)" \\c (\d+)')
TA_SHORT = re.compile(r'TA \\s "(.*?)"\s*$')
TOA = re.compile(r'TOA \\c "(\d+)"')


def words(text: str) -> list:
    """Words, lower-cased, with typographic quotes as straight ones (pandoc and
    casefile's Markdown parser guess the direction of a quote differently)."""
    text = text.lower().translate(str.maketrans("‘’“”", "''\"\""))
    return re.findall(r"\S+", text)


def plain(args: list) -> str:
    return subprocess.run(["pandoc", *args, "-t", "plain", "--wrap=none"],
                          capture_output=True, text=True, check=True).stdout


def body_md(md: str) -> str:
    """The Markdown from the first section heading on, without the front tables."""
    md = re.sub(r'<div class="(toc|toa|caption)">.*?</div>', "", md, flags=re.S)
    at = re.search(r"^## ", md, flags=re.M)
    return md[at.start():] if at else md


def check_fields(name: str, path: Path, md: str) -> list:
    problems = []
    # Citations in footnotes carry their TA fields there.
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode() + z.read("word/footnotes.xml").decode()
    instr = [re.sub(r"&quot;", '"', i).strip()
             for i in re.findall(r"<w:instrText[^>]*>(.*?)</w:instrText>", xml)]
    in_table = set(re.findall(r'<span id="toa-([^"]+)"></span>', md))
    full = [TA_FULL.search(i) for i in instr if i.startswith("TA \\l")]
    keys = [m.group(2) for m in full if m]
    if len(full) != len(keys):
        problems.append(f"{name}: a TA field without \\l, \\s and \\c")
    for k in sorted(set(keys)):
        if keys.count(k) > 1:
            problems.append(f"{name}: authority {k} has {keys.count(k)} full TA fields")
    if set(keys) != in_table:
        problems.append(f"{name}: TA fields mark {sorted(set(keys) ^ in_table)} unlike the table of authorities")
    for i in instr:
        m = TA_SHORT.search(i)
        if i.startswith("TA \\s") and (not m or m.group(1) not in in_table):
            problems.append(f"{name}: a short TA field names no authority of the table: {i}")
    categories = {m.group(3) for m in full if m}
    toa = {m.group(1) for m in (TOA.search(i) for i in instr) if m}
    if categories != toa:
        problems.append(f"{name}: TA categories {sorted(categories)} but TOA fields {sorted(toa)}")
    if '<div class="toc">' in md and not any(i.startswith("TOC ") for i in instr):
        problems.append(f"{name}: no TOC field")
    return problems, len(set(keys))


def check_certificate(name: str, md: str) -> list:
    """A certificate of compliance states a word count within 1% of an independent count:
    pandoc's text of the sections and footnotes, without the certificate, the caption, the
    tables and the signature."""
    m = re.search(r"it contains (\d+) words", md)
    if not m:
        return []
    stated = int(m.group(1))
    body = re.split(r"^Respectfully submitted", body_md(md), flags=re.M)[0]
    body = re.sub(r"^## Certificate of Compliance.*?(?=^## |\Z)", "", body, flags=re.S | re.M)
    body += "\n" + "\n".join(re.findall(r"^\[\^[^\]]+\]:.*$", md, flags=re.M))
    text = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                          input=body, capture_output=True, text=True, check=True).stdout
    # pandoc prints footnote marks as [1]: they are not words.
    counted = len([w for w in text.split() if not re.fullmatch(r"\[\d+\]", w)])
    print(f"docx: {name}: certificate states {stated} words; independent count {counted}")
    if abs(counted - stated) > max(1, stated // 100):
        return [f"{name}: the certificate states {stated} words, an independent count finds {counted}"]
    return []


def check(paths: list) -> list:
    problems = []
    for path in paths:
        name = f"{path.parent.name}/{path.name}"
        md = path.with_suffix(".md").read_text()
        d = docx.Document(str(path))
        # The style ids as written (python-docx resolves an unknown id to the default
        # style, so `p.style` cannot show one); the footnotes' paragraphs too.
        defined = {s.style_id for s in d.styles}
        used = set()
        with zipfile.ZipFile(path) as z:
            for part in ("word/document.xml", "word/footnotes.xml"):
                if part in z.namelist():
                    used |= set(re.findall(r'<w:pStyle w:val="([^"]*)"', z.read(part).decode()))
        if used - defined:
            problems.append(f"{name}: paragraphs with undefined styles {sorted(used - defined)}")
        field_problems, marked = check_fields(name, path, md)
        problems += field_problems
        got = words(plain(["-f", "docx", str(path)]))
        body = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                              input=body_md(md), capture_output=True, text=True,
                              check=True).stdout
        want = words(body)
        if got[-len(want):] != want:
            at = next((i for i, (a, b) in enumerate(zip(reversed(got), reversed(want)))
                       if a != b), None)
            problems.append(f"{name}: pandoc's text of the .docx does not end with the "
                            f"Markdown's body ({len(want)} words; they differ "
                            f"{at} words from the end: "
                            f"{' '.join(list(reversed(want))[at:at + 8][::-1])!r})")
        problems += check_certificate(name, md)
        print(f"docx: {name}: {len(d.paragraphs)} paragraphs, {marked} authorities marked, "
              f"{len(want)} body words read back")
    with tempfile.TemporaryDirectory() as out:
        # Each file under a name of its own (many are `brief.docx`), so that no PDF
        # stands in for another's.
        copies = []
        for i, path in enumerate(paths):
            copy = Path(out) / f"{i}-{path.parent.name}-{path.name}"
            shutil.copyfile(path, copy)
            copies.append(copy)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out,
                        *map(str, copies)], capture_output=True, check=True)
        for path, copy in zip(paths, copies):
            pdf = copy.with_suffix(".pdf")
            name = f"{path.parent.name}/{path.name}"
            if not pdf.exists():
                problems.append(f"{name}: LibreOffice could not convert it")
                continue
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
            pages = text.split("\f")[:-1] or [text]
            for n, page in enumerate(pages, start=1):
                lines = [l.strip() for l in page.splitlines() if l.strip()]
                if not lines or lines[-1] != str(n):
                    problems.append(f"{name}: page {n} of the PDF has no page number at its foot")
                    break
            print(f"docx: {name}: LibreOffice made {len(pages)} pages, each numbered")
    return problems


def main() -> int:
    paths, problems = [], []
    for folder in sys.argv[1:]:
        found = sorted(Path(folder).glob("*/*.docx"))
        if not found:
            problems.append(f"{folder}: no Word files")
        for p in found:
            if p.with_suffix(".md").exists():
                paths.append(p)
            else:
                problems.append(f"{p}: no Markdown page beside it to compare with")
    if not paths:
        print("docx: no Word files found")
        return 1
    problems += check(paths)
    for p in problems:
        print("docx:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
