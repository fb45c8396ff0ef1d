"""Hook: the search index for our own search worker (assets/javascripts/workers/phrase-search.js),
collected from each page's finished HTML into speechkit.outputs.SearchIndex (which explains the
files it writes). Material's search plugin stays on for its search box but indexes nothing.
"""
from __future__ import annotations

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

from speechkit.outputs import BuildRefused, SearchIndex, page_kind, search_links, site  # noqa: E402


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site.search = SearchIndex()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    def url_of(src_uri: str) -> str | None:
        file = files.get_file_from_path(src_uri)
        return file.url if file is not None else None

    try:
        site.search.links = search_links(site.corpus, url_of)
    except BuildRefused as exc:
        raise PluginError(str(exc)) from None
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    search = page.meta.get("search") or {}
    if not search.get("exclude"):
        generated = page.file.generated_by is not None
        kind = page_kind(is_variant=site.variant_for(page.file.src_uri) is not None, generated=generated,
                         source="" if generated else page.file.content_string)
        site.search.add_page(html, url=page.url, title=page.title or "", kind=kind, meta=page.meta)
    page.meta["search"] = {**search, "exclude": True}  # Material's plugin: nothing left to parse
    return html


# After Material's search plugin writes its (empty) index with the search box's settings (priority 0),
# before its offline plugin copies the index into search_index.js for file:// (priority -100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    offline = any(name.split("/")[-1] == "offline" for name in config.plugins)
    site.search.write(Path(config.site_dir), site.corpus, offline=offline)
