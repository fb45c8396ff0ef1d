"""Hook: every page's HTML goes through an allow-list sanitiser (nh3, the Rust ammonia library)
before the templates and the search index see it.

Values from variants are escaped before Markdown renders them (speechkit/base/escape.py); this is the
second wall, for anything a future renderer or page forgets: what data/html_allowlist.yml does not
list is removed, so no script, event attribute or foreign scheme can reach a page or the search
index, whatever the Markdown produced.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import nh3
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.reading import DataFileError, load_yaml  # noqa: E402


@functools.lru_cache(maxsize=2)
def cleaner(path: Path) -> nh3.Cleaner:
    try:
        raw, _ = load_yaml(path)
    except DataFileError as exc:
        raise PluginError(str(exc.finding)) from None
    values = {tag: {name: set(allowed) for name, allowed in attrs.items()} for tag, attrs in (raw.get("attribute_values") or {}).items()}
    attributes = {tag: set(names) for tag, names in (raw.get("attributes") or {}).items()}
    attributes["*"] = set(raw.get("generic_attributes") or [])
    return nh3.Cleaner(
        tags=set(raw["tags"]),
        clean_content_tags=set(raw.get("removed_with_content") or []),
        attributes=attributes,
        generic_attribute_prefixes=set(raw.get("generic_attribute_prefixes") or []),
        tag_attribute_values=values,
        filter_style_properties=set(raw.get("style_properties") or []),
        url_schemes=set(raw.get("url_schemes") or []),
        link_rel=None,
        strip_comments=True,
    )


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    root = Path(config.config_file_path).resolve().parent
    return cleaner(root / "data" / "html_allowlist.yml").clean(html)
