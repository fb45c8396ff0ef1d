"""What the build writes into pages at a marker: tables from the corpus on hand-written pages (a
marker comment alone on its line), and on comparison pages each version's HTML (render.EXCERPT_MARKER),
put in after Markdown has run, like the speech on a template page (render.SPEECH_MARKER).

Shared by the hooks (overrides/hooks/generated_pages.py) and the export (export.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..checking import Corpus
from .meeting_times import meeting_times
from .pages import limits_table, meeting_flow, roles_table, speaker_lengths, variant_picker
from .render import EXCERPT_MARKER, section_anchor, section_html
from .search_ranking import PICKER_MARKER

# Markers a hand-written page may carry; each is replaced by a table built from the corpus.
# Each builder gets the corpus, the page's folder depth and the repository (REPO_URL, for the picker's 提出需求).
MARKERS: dict[str, Callable[[Corpus, int, str], str]] = {
    PICKER_MARKER: lambda corpus, depth, repository: variant_picker(corpus, depth=depth, repository=repository),
    "<!-- md:roles-table -->": lambda corpus, depth, repository: roles_table(corpus),
    "<!-- md:meeting-flow -->": lambda corpus, depth, repository: meeting_flow(corpus, depth=depth),
    "<!-- md:speaker-lengths -->": lambda corpus, depth, repository: speaker_lengths(corpus),
    "<!-- md:limits-table -->": lambda corpus, depth, repository: limits_table(corpus),
    "<!-- md:meeting-times -->": lambda corpus, depth, repository: meeting_times(corpus, depth=depth),
}
# Only a marker alone on its line counts, so the format guide can quote the markers.
_MARKER_LINES = {marker: re.compile(rf"^{re.escape(marker)}[ \t]*$", re.M) for marker in MARKERS}


def fill_markers(markdown: str, corpus: Corpus, *, src_uri: str, repository: str = "") -> str:
    """A hand-written page's Markdown with each marker line replaced by its table."""
    depth = src_uri.count("/")
    for marker, build in MARKERS.items():
        line = _MARKER_LINES[marker]
        if line.search(markdown):
            table = build(corpus, depth, repository)
            markdown = line.sub(lambda _: table, markdown)
    return markdown


def excerpts(html: str, corpus: Corpus) -> dict[str, str]:
    """Each excerpt marker in a comparison page's HTML (or Markdown) → the version's HTML it stands for."""
    out = {}
    for m in EXCERPT_MARKER.finditer(html):
        if m.group(0) not in out:
            variant = corpus.by_slug[m.group(1)]
            sections = {section_anchor(variant, s): s for s in variant.all_sections()}
            out[m.group(0)] = section_html(variant, sections[m.group(2)], corpus.registry, excerpt=True)
    return out


def fill_excerpts(html: str, corpus: Corpus) -> str:
    """A comparison page's HTML with each version's HTML where its marker is."""
    if "<!-- excerpt " not in html:
        return html
    found = excerpts(html, corpus)
    return EXCERPT_MARKER.sub(lambda m: found[m.group(0)], html)
