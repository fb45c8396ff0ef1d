"""The index our search worker (overrides/assets/javascripts/workers/phrase-search.js) searches,
collected page by page from each page's final HTML (search_entries) with each page's kind and front
matter, the links its explanations use, synonyms and weights (search_ranking, data/search_*.yml).

Material's search plugin stays on for its search box, but indexes nothing (the hook marks every page
excluded): it would parse every page again and segment Chinese with jieba. Material fetches
search/search_index.json on every page load and posts it to the worker on the page's main thread, so
the online build leaves the docs out of it and writes them to PHRASE_INDEX, which the worker fetches
itself at the first query. Under file:// a worker cannot fetch, so the intranet build (offline plugin)
keeps the docs in Material's index.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..checking import Corpus
from .build import BuildRefused
from .search_entries import entries
from .search_ranking import page_record, ranking_payload

PHRASE_INDEX = "search/phrase_index.json"  # phrase-search.js loads it from here
MATERIAL_INDEX = "search/search_index.json"


def search_links(corpus: Corpus, url_of: Callable[[str], str | None]) -> dict[str, str]:
    """data/search_ranking.yml's links (the pages the worker's explanations point to) as URLs."""
    links = {}
    for name, target in corpus.search.links.items():
        src, _, anchor = target.partition("#")
        url = url_of(src)
        if url is None:
            raise BuildRefused(f"data/search_ranking.yml：links 的 {name} 指向的 docs/{src} 不存在。改法：改为 docs/ 下已有的页面。")
        links[name] = url + (f"#{anchor}" if anchor else "")
    return links


@dataclass
class SearchIndex:
    docs: list[dict] = field(default_factory=list)
    pages: dict[str, dict] = field(default_factory=dict)  # page URL → its kind and front matter, for ranking
    links: dict[str, str] = field(default_factory=dict)

    def add_page(self, html: str, *, url: str, title: str, kind: str, meta: dict) -> None:
        self.docs.extend(entries(html, url, title))
        self.pages[url] = page_record(kind, meta)

    def phrase_index(self, corpus: Corpus) -> dict:
        return {"docs": self.docs, "phrase": ranking_payload(corpus, self.pages, self.links)}

    def write(self, site_dir: Path, corpus: Corpus, *, offline: bool) -> None:
        """Into a built site whose search/search_index.json Material has written (with its search box's settings)."""
        path = site_dir / MATERIAL_INDEX
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        phrase = self.phrase_index(corpus)
        if offline:  # Material hands the worker `config` and `docs` only
            index["docs"] = phrase["docs"]
            index["config"] = {**index.get("config", {}), "phrase": phrase["phrase"]}
        else:
            index["docs"] = []
            (site_dir / PHRASE_INDEX).write_text(index_json(phrase), encoding="utf-8")
        path.write_text(index_json(index), encoding="utf-8")


def index_json(data: dict) -> str:
    """UTF-8 plain text, no spaces: the form the worker loads."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
