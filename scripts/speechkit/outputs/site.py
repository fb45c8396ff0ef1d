"""State the MkDocs hooks share during one build: the checked corpus, the generated pages and the history."""
from __future__ import annotations

from ..base import Finding
from ..checking import Corpus
from ..history import History
from ..reading import Variant
from .search_index import SearchIndex

command: str = "build"  # "serve" while `mkdocs serve` runs (set once by the variants hook's on_startup)
corpus: Corpus | None = None
generated: dict[str, str] = {}
pending: dict[str, list[Finding]] = {}  # src_uri of a draft → its unfinished parts
failing: dict[str, list[Finding]] = {}  # while serving: src_uri of a file that does not pass → its findings
history: History | None = None  # what changed, from the repository (filled in by the changelog hook)
outside_nav: set[str] = set()  # generated pages reached from other pages, not from the nav
search: SearchIndex = SearchIndex()  # what the search hook collects from each page


def variant_for(src_uri: str) -> Variant | None:
    if corpus is None:
        return None
    return corpus.by_uri.get(src_uri)


def _uri(item) -> str:
    """A nav entry is a path or {title: path}."""
    return next(iter(item.values())) if isinstance(item, dict) else item


def extend_nav(nav: list | None, anchor_uri: str, uris: list) -> None:
    """Append `uris` (paths, or {title: path}) to the nav section that lists `anchor_uri`,
    so that a new variant or role needs no edit of mkdocs.yml."""
    if not nav:
        return
    for item in nav:
        children = next(iter(item.values())) if isinstance(item, dict) else None
        if isinstance(children, list):
            listed = {_uri(child) for child in children if isinstance(_uri(child), str)}
            if anchor_uri in listed:
                children.extend(uri for uri in uris if not isinstance(_uri(uri), str) or _uri(uri) not in listed)
                return
            extend_nav(children, anchor_uri, uris)
