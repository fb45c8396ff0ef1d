"""What the search worker ranks and explains with, beside the page text (search_entries): each page's
kind and front matter, the words a query is split on, the synonyms, weights and messages.

It travels in the index file the worker loads at the first query (overrides/hooks/search_index.py),
never with a page. Every text in it is HTML-escaped here, like the page text in the index: the worker
unescapes to match and escapes what it writes (the messages are written as they are).
"""
from __future__ import annotations

from ..base import html_text
from ..checking import Corpus

PICKER_MARKER = "<!-- md:variant-picker -->"  # a page that lists every template (the home page, 讲话模板)
META_KEYS = ("meeting", "speaker", "level", "kind")  # the front matter a query may name: 会议, 讲话人, 层级, 巡察类型
SHORTEST_WORD = 2


def page_kind(*, is_variant: bool, generated: bool, source: str) -> str:
    """template, generated, listing or guide (data/search_ranking.yml, kinds)."""
    if is_variant:
        return "template"
    if generated:
        return "generated"
    return "listing" if PICKER_MARKER in source else "guide"


def page_record(kind: str, meta: dict) -> dict:
    """A page's kind and, for a template, its 会议, 讲话人, 层级 and 巡察类型 (one a line)."""
    record = {"kind": kind}
    if kind == "template":
        record["meta"] = "\n".join(html_text(meta[key]) for key in META_KEYS if meta.get(key))
    return record


def registry_words(corpus: Corpus) -> set[str]:
    """Words the registries name, so a query splits on them even before the word list is regenerated:
    meetings, speakers, levels and kinds, placeholders, 提法, synonyms."""
    registry = corpus.registry
    words = set(registry.meetings) | set(registry.speakers) | set(registry.placeholders)
    words |= {choice for key in ("level", "kind") if key in registry.fields for choice in registry.fields[key].choices}
    words |= {t.term for t in registry.tifa}
    words |= {word for group in corpus.search.synonyms for word in group}
    words |= set(corpus.search.broader) | set(corpus.search.broader.values())
    return {w for w in words if len(w) >= SHORTEST_WORD and not any(c.isspace() for c in w)}


def ranking_payload(corpus: Corpus, pages: dict[str, dict], links: dict[str, str]) -> dict:
    """The worker's `phrase` object: pages (URL → record), words, synonyms, weights, messages, links."""
    search = corpus.search
    words = sorted(set(search.words) | registry_words(corpus))
    return {
        "pages": pages,
        "words": html_text(" ".join(words)),
        "synonyms": [[html_text(w) for w in group] for group in search.synonyms],
        "broader": {html_text(word): html_text(wider) for word, wider in search.broader.items()},
        "weights": search.weights,
        "stop": [html_text(w) for w in search.stop_words],
        "units": [html_text(w) for w in search.unit_suffixes],
        "messages": {key: html_text(text) for key, text in search.messages.items()},
        "links": {key: html_text(url) for key, url in links.items()},
    }
