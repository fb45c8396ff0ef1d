"""The site's navigation beyond mkdocs.yml's `nav`: the templates under 讲话模板 (drafts apart, and while
previewing the files that do not pass), and the generated pages after their folder's index page, so
that a new variant or role needs no edit of mkdocs.yml. Shared by the hooks and the export.
"""
from __future__ import annotations

import copy
from collections import defaultdict

from ..checking import Corpus
from .pages import nav_titles, pages_outside_nav
from .render import attr
from .site import extend_nav

SPEECHES_INDEX = "speeches/index.md"
DRAFTS_NAV = "草稿"
FAILING_NAV = "未通过检查"


def nav_limit(corpus: Corpus) -> int:
    """Past this many templates the nav lists only 全部模板 (a nav of 1,000 links on every page would
    make every page heavy); the templates are picked from that page and the home page."""
    return int(corpus.registry.settings.get("nav_max_templates", 40))


def templates_in_nav(corpus: Corpus) -> bool:
    return len(corpus.variants) <= nav_limit(corpus)


def templates_nav(corpus: Corpus, failing: dict | None = None) -> list:
    """Published variants under 讲话模板 grouped by meeting, in the registry's order, then the drafts,
    then (while serving) the failing files. With navigation.prune a page carries only its own group's
    links, not one per template (issue 19)."""
    variants = corpus.variants if templates_in_nav(corpus) else []
    by_meeting: dict[str, list[str]] = defaultdict(list)
    for variant in variants:
        if not variant.is_draft:
            by_meeting[str(variant.meta.get("meeting", ""))].append(variant.src_uri)
    meetings = list(corpus.registry.meetings)
    order = meetings + sorted(m for m in by_meeting if m not in meetings)
    entries: list = [{attr(meeting): by_meeting[meeting]} for meeting in order if by_meeting.get(meeting)]  # nav titles print raw
    drafts = [v.src_uri for v in variants if v.is_draft]
    if drafts:
        entries.append({DRAFTS_NAV: drafts})
    if failing:
        entries.append({FAILING_NAV: sorted(failing)})
    return entries


def generated_nav(corpus: Corpus, generated: dict[str, str]) -> dict[str, list]:
    """For each folder of generated pages, its index page → the pages listed after it (further pages
    of a long comparison are reached from its first page, not from the nav)."""
    titles = nav_titles(corpus)
    outside = pages_outside_nav(corpus)
    out = {}
    for folder in sorted({uri.split("/")[0] for uri in generated}):
        out[f"{folder}/index.md"] = [{titles[uri]: uri} if uri in titles else uri for uri in generated
                                     if uri.startswith(f"{folder}/") and not uri.endswith("/index.md") and uri not in outside]
    return out


def site_nav(nav: list, corpus: Corpus, generated: dict[str, str]) -> list:
    """mkdocs.yml's `nav` with everything the build adds (a copy; `nav` is left as it is)."""
    nav = copy.deepcopy(nav)
    extend_nav(nav, SPEECHES_INDEX, templates_nav(corpus))
    for anchor, entries in generated_nav(corpus, generated).items():
        extend_nav(nav, anchor, entries)
    return nav
