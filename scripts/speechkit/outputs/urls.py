"""Where a page of docs/ lands in the built site, and the link from one page to another.

The conventions are MkDocs' (and Zensical's, which keeps them): `a/b.md` is served at `a/b/` with
directory URLs and at `a/b.html` without (the intranet build), an index page at its folder. The hooks
use the engine's own page.url; the export (export.py), which runs without an engine, uses these, and
tests/test_export.py checks the two agree on every link the speech HTML holds.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote

INDEX_NAMES = ("index", "README")


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL of the page built from docs/`src_uri`, relative to the site's root ('' for the home page)."""
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    if stem in INDEX_NAMES:
        url = (parent + "/" if parent else "") if directory_urls else posixpath.join(parent, "index.html")
    else:
        url = posixpath.join(parent, stem) + "/" if directory_urls else posixpath.join(parent, stem + ".html")
    return quote(url)


def _parts(url: str) -> list[str]:
    out: list[str] = []
    for part in url.split("/"):
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return out


def relative_url(url: str, base: str) -> str:
    """`url` (relative to the site's root) as a link from the page at `base`; a last part of `base`
    with a dot in it is a file name, not a folder."""
    folder, _, name = base.rpartition("/")
    if "." in name:
        base = folder
    here, there = _parts(base), _parts(url)
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return link + "/" if url.endswith("/") else link


def file_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the file itself (the home page is './', not '')."""
    return page_url(src_uri, directory_urls) or "./"
