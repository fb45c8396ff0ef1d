"""Hook: a small, plain search index for our own search worker (assets/javascripts/workers/phrase-search.js).

The worker matches what was typed as a substring, so the index needs no word segmentation: Material's
search plugin segments Chinese with jieba whenever jieba is importable, which took two thirds of the
build time and put a U+200B between all words. jieba is no longer in requirements.txt; a virtual
environment made before that still has it, so it is switched off here as well.
The index is then rewritten as UTF-8 (not \\uXXXX escapes): half the bytes.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

try:
    from material.plugins.search import plugin as _material_search
except ImportError:  # pragma: no cover - Material is pinned in requirements.txt
    _material_search = None

if _material_search is not None and getattr(_material_search, "jieba", None) is not None:
    _material_search.jieba = None

ZERO_WIDTH_SPACE = "\u200b"


def compact(data: dict) -> str:
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = doc[key].replace(ZERO_WIDTH_SPACE, "")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# After Material's search plugin writes the index (priority 0), before its offline plugin copies it
# into search_index.js for file:// (priority -100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        path.write_text(compact(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")
