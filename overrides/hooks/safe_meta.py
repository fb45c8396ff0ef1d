"""Hook: page titles and front-matter values reach the templates as escaped HTML text.

MkDocs does not autoescape its Jinja templates, and Material prints `page.title`, `nav_item.title`
and `page.meta.*` raw (and `page.title | striptags`, which would decode entities again, where a
page has no `title` in its metadata). So, after every page is rendered and before any template or
the search plugin reads them, each page gets:

- its plain-text values (front matter, a title given in the nav) escaped once
  (speechkit.outputs.escaped_meta, with base/escape.py);
- `page.meta["title"]` set on every page, so that Material's `<title>` never takes the
  `striptags` path. A title taken from the page's rendered H1 is already HTML and is kept as it is.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import escaped_meta, escaped_value  # noqa: E402


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    given = vars(page).get("title")  # a title from the nav in mkdocs.yml or a hook: plain text
    meta_title = page.meta.get("title")
    page.meta = escaped_meta(page.meta)
    if isinstance(given, str):
        page.title = page.meta["title"] = escaped_value(given)
    elif isinstance(meta_title, str):
        page.meta["title"] = escaped_value(meta_title)
    elif page.title is not None:
        page.meta["title"] = page.title  # from the rendered H1: already escaped HTML
    return html
