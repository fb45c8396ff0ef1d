"""The draft's front matter: title and first guesses for meeting, speaker, level and kind.

Guesses count the words data/import.yml lists for each registered choice; with none found, the
field's first registered choice is used. Each guess goes into the report, to be checked.
summary and occasion are left out on purpose: `make check` then lists them as 待完成.
"""
from __future__ import annotations

import datetime as dt

from ..reading import DRAFT, ImportRules, Registry

GUESSED = ("meeting", "speaker", "level", "kind")


def guess_field(key: str, text: str, rules: ImportRules, registry: Registry) -> tuple[str, str]:
    """(value, why) for one registered front-matter field."""
    choices = registry.fields[key].choices
    counts = []
    for choice, words in rules.guesses.get(key, {}).items():
        hits = sum(text.count(w) for w in words)
        if hits:
            counts.append((hits, choice, [w for w in words if w in text]))
    label = registry.fields[key].label
    if not counts:
        return choices[0], f"{label}：正文里没有可以判断的词，暂填“{choices[0]}”，请按实际改（可选：{'、'.join(choices)}）"
    counts.sort(key=lambda item: -item[0])
    hits, choice, words = counts[0]
    return choice, f"{label}：按正文中的“{'、'.join(words[:3])}”判断为“{choice}”，请核对（可选：{'、'.join(choices)}）"


def front_matter(title: str, text: str, rules: ImportRules, registry: Registry, today: dt.date) -> tuple[dict, list[str]]:
    meta: dict = {"title": title}
    notes = []
    for key in GUESSED:
        if key in registry.fields and registry.fields[key].choices:
            meta[key], why = guess_field(key, text, rules, registry)
            notes.append(why)
    meta["status"] = DRAFT
    meta["last_reviewed"] = today
    return meta, notes
