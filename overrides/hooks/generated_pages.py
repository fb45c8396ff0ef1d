"""Hook: add the pages built from the whole corpus (comparison pages, matrix, placeholder index,
提法) as in-memory files, and fill in the marker tables (template picker, role list) on the
hand-written pages that carry them.

Generated pages are never written into docs/, so `mkdocs serve` has nothing to watch and cannot
loop, and git never holds a second copy of any template text.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import (  # noqa: E402
    EXCERPT_MARKER, PICKER_MARKER, generated_pages, limits_table, meeting_flow, meeting_times, nav_titles, pages_outside_nav, roles_table,
    section_anchor, section_html, site, speaker_lengths, variant_picker,
)

_repository = [""]  # extra.source_repository (REPO_URL) of this build

# Markers a hand-written page may carry; each is replaced by a table built from the corpus.
MARKERS = {
    PICKER_MARKER: lambda corpus, depth: variant_picker(corpus, depth=depth, repository=_repository[0]),
    "<!-- md:roles-table -->": lambda corpus, depth: roles_table(corpus),
    "<!-- md:meeting-flow -->": lambda corpus, depth: meeting_flow(corpus, depth=depth),
    "<!-- md:speaker-lengths -->": lambda corpus, depth: speaker_lengths(corpus),
    "<!-- md:limits-table -->": lambda corpus, depth: limits_table(corpus),
    "<!-- md:meeting-times -->": lambda corpus, depth: meeting_times(corpus, depth=depth),
}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _repository[0] = str(config.extra.get("source_repository") or "")  # where the picker asks for a missing template
    site.generated = generated_pages(site.corpus)
    titles = nav_titles(site.corpus)
    site.outside_nav = pages_outside_nav(site.corpus)
    for folder in {uri.split("/")[0] for uri in site.generated}:  # each folder's pages follow its index page
        extra = [{titles[uri]: uri} if uri in titles else uri for uri in site.generated
                 if uri.startswith(f"{folder}/") and not uri.endswith("/index.md") and uri not in site.outside_nav]
        site.extend_nav(config.nav, f"{folder}/index.md", extra)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for uri, content in site.generated.items():
        # further pages of a long comparison are reached from its first page, not from the nav
        inclusion = InclusionLevel.NOT_IN_NAV if uri in site.outside_nav else InclusionLevel.UNDEFINED
        files.append(File.generated(config, uri, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    depth = page.file.src_uri.count("/")
    for marker, build in MARKERS.items():
        # Only a marker alone on its line counts, so the format guide can quote the markers.
        line = re.compile(rf"^{re.escape(marker)}[ \t]*$", re.M)
        if line.search(markdown):
            table = build(site.corpus, depth)
            markdown = line.sub(lambda _: table, markdown)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put each version's HTML where its marker is (comparison pages; see render.EXCERPT_MARKER)."""
    if page.file.src_uri not in site.generated or "<!-- excerpt " not in html:
        return html

    def excerpt(m: re.Match) -> str:
        variant = site.corpus.by_slug[m.group(1)]
        sections = {section_anchor(variant, s): s for s in variant.all_sections()}
        return section_html(variant, sections[m.group(2)], site.corpus.registry, excerpt=True)

    return EXCERPT_MARKER.sub(excerpt, html)
