"""Hook: the search index for our own search worker (assets/javascripts/workers/phrase-search.js).

The worker matches each word of a query as a substring, so the index needs no word segmentation; it
splits the query itself, on the word list that travels in the index with each page's kind, the
template's front matter, synonyms and weights (speechkit.ranking_payload, data/search_*.yml). Material's
search plugin stays on for its search box, but indexes nothing: it parses every page again with an
HTML parser (a third of a 1,000-variant build) and segments Chinese with jieba whenever jieba is
importable (two thirds of the build before; jieba has left requirements.txt). Instead each page's
HTML is split here (speechkit.search_entries) and the index is written as UTF-8 plain text, to a
file of its own that the worker loads at the first query (see PHRASE_INDEX below).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import entries, page_kind, page_record, ranking_payload, site  # noqa: E402

_docs: list[dict] = []
_pages: dict[str, dict] = {}  # page URL → its kind and front matter, for ranking
_links: dict[str, str] = {}  # data/search_ranking.yml links → URLs


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _docs.clear()
    _pages.clear()
    _links.clear()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """The pages the worker's explanations link to (the picker, the placeholder index), as URLs."""
    for name, target in site.corpus.search.links.items():
        src, _, anchor = target.partition("#")
        file = files.get_file_from_path(src)
        if file is None:
            raise PluginError(f"data/search_ranking.yml：links 的 {name} 指向的 docs/{src} 不存在。改法：改为 docs/ 下已有的页面。")
        _links[name] = file.url + (f"#{anchor}" if anchor else "")
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files) -> str:
    search = page.meta.get("search") or {}
    if not search.get("exclude"):
        _docs.extend(entries(html, page.url, page.title or ""))
        kind = page_kind(is_variant=site.variant_for(page.file.src_uri) is not None, generated=page.file.generated_by is not None,
                         source=page.file.content_string if page.file.generated_by is None else "")
        _pages[page.url] = page_record(kind, page.meta)
    page.meta["search"] = {**search, "exclude": True}  # Material's plugin: nothing left to parse
    return html


# Material fetches search/search_index.json on every page load, parses it and posts it to the worker
# on the page's main thread: at 670 KB that was a long task on every page, for a box most visits
# never use. So the online build leaves the docs out of it and writes them to PHRASE_INDEX, which the
# worker fetches itself, on its own thread, at the first query. Under file:// a worker cannot fetch,
# so the intranet build (offline plugin) keeps the docs in the index Material hands to the worker.
PHRASE_INDEX = "search/phrase_index.json"


def _is_offline_build(config: MkDocsConfig) -> bool:
    return any(name.split("/")[-1] == "offline" for name in config.plugins)


# After Material's search plugin writes its (empty) index with the search box's settings (priority 0),
# before its offline plugin copies the index into search_index.js for file:// (priority -100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    ranking = ranking_payload(site.corpus, _pages, _links)
    if _is_offline_build(config):  # Material hands the worker `config` and `docs` only
        index["docs"] = _docs
        index["config"] = {**index.get("config", {}), "phrase": ranking}
    else:
        index["docs"] = []
        _write(Path(config.site_dir) / PHRASE_INDEX, {"docs": _docs, "phrase": ranking})
    _write(path, index)


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
