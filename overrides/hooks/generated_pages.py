"""Hook: add the pages built from the whole corpus (comparison pages, matrix, placeholder index,
提法) as in-memory files, and fill in the marker tables (template picker, role list) on the
hand-written pages that carry them (speechkit.outputs.fill_markers, fill_excerpts).

Generated pages are never written into docs/, so `mkdocs serve` has nothing to watch and cannot
loop, and git never holds a second copy of any template text.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import fill_excerpts, fill_markers, generated_nav, generated_pages, pages_outside_nav, site  # noqa: E402

_repository = [""]  # extra.source_repository (REPO_URL) of this build: where the picker asks for a missing template


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _repository[0] = str(config.extra.get("source_repository") or "")
    site.generated = generated_pages(site.corpus)
    site.outside_nav = pages_outside_nav(site.corpus)
    for anchor, entries in generated_nav(site.corpus, site.generated).items():  # each folder's pages follow its index page
        site.extend_nav(config.nav, anchor, entries)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for uri, content in site.generated.items():
        # further pages of a long comparison are reached from its first page, not from the nav
        inclusion = InclusionLevel.NOT_IN_NAV if uri in site.outside_nav else InclusionLevel.UNDEFINED
        files.append(File.generated(config, uri, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return fill_markers(markdown, site.corpus, src_uri=page.file.src_uri, repository=_repository[0])


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put each version's HTML where its marker is (comparison pages; see render.EXCERPT_MARKER)."""
    if page.file.src_uri not in site.generated:
        return html
    return fill_excerpts(html, site.corpus)
