#!/usr/bin/env python3
"""Every internal link and anchor in the rendered site resolves.

Usage: links_check.py SITE_DIR
Checks every .html file: relative links must name an existing file inside the site, and a
#fragment must name an id in the target page. External (http, https, mailto) links are not
fetched (no network at run time). Exit status 1 on any broken link.
"""
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag in ("a", "link") and a.get("href") is not None:
            self.links.append(a["href"])


def parse(path, cache):
    if path not in cache:
        p = Page()
        p.feed(path.read_text(encoding="utf-8"))
        cache[path] = p
    return cache[path]


def main():
    site = Path(sys.argv[1]).resolve()
    cache, problems, count = {}, [], 0
    for page in sorted(site.rglob("*.html")):
        for href in parse(page, cache).links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            count += 1
            if parts.scheme:
                problems.append(f"{page.relative_to(site)}: unexpected link scheme {href!r}")
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if site not in target.parents and target != site:
                problems.append(f"{page.relative_to(site)}: link leaves the site: {href!r}")
                continue
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: broken link {href!r}")
                continue
            frag = unquote(parts.fragment)
            if frag and target.suffix == ".html" and frag not in parse(target, cache).ids:
                problems.append(f"{page.relative_to(site)}: missing anchor {href!r}")
    for p in problems:
        print("links:", p)
    print(f"links: {count} internal links checked in {len(cache)} pages, {len(problems)} broken")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
