"""Every page's HTML through an allow-list sanitiser (nh3, the Rust ammonia library).

Values from variants are escaped before Markdown renders them (base/escape.py); this is the second
wall, for anything a future renderer or page forgets: what data/html_allowlist.yml does not list is
removed, so no script, event attribute or foreign scheme can reach a page or the search index,
whatever the Markdown produced. Used by the hook (overrides/hooks/sanitize.py) on each page and by
the export (export.py) on the HTML it hands over.
"""
from __future__ import annotations

import functools
from pathlib import Path

import nh3

from ..reading import load_yaml


@functools.lru_cache(maxsize=2)
def html_cleaner(allowlist: Path) -> nh3.Cleaner:
    """The cleaner data/html_allowlist.yml describes; a broken file raises DataFileError (file, line, fix)."""
    raw, _ = load_yaml(allowlist)
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


def sanitize(html: str, data_dir: Path) -> str:
    return html_cleaner(data_dir / "html_allowlist.yml").clean(html)
