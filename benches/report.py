#!/usr/bin/env python3
"""Turn benches/run.sh's hyperfine exports into benches/BENCHMARKS.md, with ratios."""
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

work, out = Path(sys.argv[1]), Path(sys.argv[2])


def mean(name, i=0):
    return json.loads((work / f"{name}.json").read_text())["results"][i]["mean"]


def size(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


full = {n: mean(f"full-{n}") for n in (10, 100, 1000)}
noop = {n: mean(f"noop-{n}") for n in (10, 100, 1000)}
floor = {n: mean(f"floor-{n}") for n in (10, 100, 1000)}
t1, t2 = mean("threads", 0), mean("threads", 1)
shm = {n: mean(f"shm-{n}") for n in (100, 1000)}
s1, s2 = mean("shm-threads", 0), mean("shm-threads", 1)
pandoc = mean("pandoc-100")
f_md, f_html, f_docx = mean("formats", 0), mean("formats", 1), mean("formats", 2)
word_cost, html_cost = f_docx - f_md, f_html - f_md
md100 = (work / "all100.md").stat().st_size

rows = []
def target(name, value, goal, ok):
    rows.append(f"| {name} | {value} | {goal} | {'met' if ok else 'MISSED'} |")

target("pandoc Markdown→HTML time / casefile full build, same corpus (100 cases)",
       f"{pandoc / full[100]:.0f}x", "≥ 100x", pandoc / full[100] >= 100)
target("full build / parse floor (1000 cases)", f"{full[1000] / floor[1000]:.2f}x", "≤ 3x", full[1000] / floor[1000] <= 3)
target("1000 cases / 100 cases, full build", f"{full[1000] / full[100]:.2f}x", "≤ 11x", full[1000] / full[100] <= 11)
target("1 thread / 2 threads (1000 cases)", f"{t1 / t2:.2f}x", "≥ 1.7x", t1 / t2 >= 1.7)
target("(output on tmpfs) pandoc time / casefile full build (100 cases)", f"{pandoc / shm[100]:.0f}x", "≥ 100x", pandoc / shm[100] >= 100)
target("(output on tmpfs) full build / parse floor (1000 cases)", f"{shm[1000] / floor[1000]:.2f}x", "≤ 3x", shm[1000] / floor[1000] <= 3)
target("(output on tmpfs) 1000 cases / 100 cases", f"{shm[1000] / shm[100]:.2f}x", "≤ 11x", shm[1000] / shm[100] <= 11)
target("(output on tmpfs) 1 thread / 2 threads (1000 cases)", f"{s1 / s2:.2f}x", "≥ 1.7x", s1 / s2 >= 1.7)
target("(output on tmpfs) Word export / HTML, time each adds to a Markdown build (100 cases)",
       f"{word_cost / html_cost:.2f}x", "≤ 1x", word_cost <= html_cost)
target("no-op rebuild / full build (1000 cases)", f"{100 * noop[1000] / full[1000]:.1f}%", "≤ 5%", noop[1000] / full[1000] <= 0.05)

cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
lines = [
    "# Benchmarks",
    "",
    "Written by `benches/run.sh` (hyperfine means; synthetic corpora from `benches/corpus.rs`,",
    f"seed 7). Machine: {os.cpu_count()} cores, {cpu or platform.processor()}.",
    "",
    "## Targets, as ratios measured in the same run",
    "",
    "The first rows write to the project's disk; the rows marked tmpfs write the same output",
    "to /dev/shm. On this machine the disk rows vary by 2-3x from run to run (file creation",
    "on an ext4 volume mounted with `discard`), so read both.",
    "",
    "| measure | result | target | |",
    "|---|---|---|---|",
    *rows,
    "",
    "## Times",
    "",
    "| cases | case data | output | full build (cold) | no-op rebuild | parse floor | build / floor |",
    "|---:|---:|---:|---:|---:|---:|---:|",
]
for n in (10, 100, 1000):
    lines.append(
        f"| {n} | {size(work / f'c{n}') / 1e6:.1f} MB | {size(work / f'out{n}') / 1e6:.1f} MB | "
        f"{full[n]:.3f} s | {noop[n]:.3f} s | {floor[n]:.3f} s | {full[n] / floor[n]:.2f}x |")
lines += [
    "",
    f"Threads, 1000 cases: `--jobs 1` {t1:.3f} s, `--jobs 2` {t2:.3f} s ({t1 / t2:.2f}x); "
    f"with the output on tmpfs {s1:.3f} s and {s2:.3f} s ({s1 / s2:.2f}x).",
    "",
    f"Output on tmpfs (/dev/shm), cold: 100 cases {shm[100]:.3f} s, 1000 cases {shm[1000]:.3f} s. "
    "The difference from the disk rows is the cost of creating 58 files per case on this "
    "machine's ext4 volume (mounted with `discard`), not work casefile does.",
    "",
    f"pandoc: converting the {md100 / 1e6:.2f} MB of Markdown casefile wrote for the 100-case corpus "
    f"took {pandoc:.2f} s ({md100 / 1e6 / pandoc:.2f} MB/s); casefile's whole build of that corpus "
    f"(YAML, cite-check, citations, templates, Markdown and HTML, writes) took {full[100]:.3f} s.",
    "",
    f"Formats, 100 cases on tmpfs: Markdown only {f_md:.3f} s, Markdown and HTML {f_html:.3f} s, "
    f"Markdown and Word {f_docx:.3f} s (Word is written for each case's documents only; HTML "
    "for every page).",
    "",
    "The parse floor only parses every case.yaml into the case model and converts every",
    "produced Markdown page to HTML with pulldown-cmark (`benches/floor.rs`).",
    "",
]
out.write_text("\n".join(lines))
