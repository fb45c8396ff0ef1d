"""A page's metadata as the theme's templates read it (title, description, …).

A template page's metadata is the model's (one parse), registered fields only: keys such as
`template`, `hide` or `search` never reach the engine from a variant. Material reads `status` as its
own page-status icon in the nav; ours is an editorial field, so it is left out too.

The theme prints `page.meta.*` and titles raw (MkDocs does not autoescape its Jinja templates), so
every text value is escaped once, here (base/escape.py), before any template reads it.
"""
from __future__ import annotations

from ..base import html_text
from ..reading import Registry, Variant


def template_meta(variant: Variant, registry: Registry) -> dict:
    """The metadata of a template's page (not yet escaped: see escaped_meta)."""
    fields = registry.fields
    meta = {key: value for key, value in variant.meta.items() if key in fields and key != "status"}
    # its own <meta name="description"> (search results, shared links): the one-line summary
    meta["description"] = str(variant.meta.get("summary", ""))
    return meta


def escaped_value(value):
    if isinstance(value, str):
        return html_text(value)
    if isinstance(value, list):
        return [html_text(item) if isinstance(item, str) else item for item in value]
    return value  # numbers, dates and Material's settings dicts (search: {exclude: true}) carry no text


def escaped_meta(meta: dict) -> dict:
    return {key: escaped_value(value) for key, value in meta.items()}
