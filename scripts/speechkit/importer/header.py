"""The draft's front matter: title, the meeting and speaker (meeting.py: from the title, the speaker's
line and the text, against the registries) and first guesses for level and kind.

Level and kind count the words data/import.yml lists for each registered choice; with none found, the
field's first registered choice is used. Each decision goes into the report, to be checked.
summary and occasion are left out on purpose: `make check` then lists them as 待完成, as it lists a
meeting or speaker the registry does not know yet.
"""
from __future__ import annotations

import datetime as dt

from ..reading import DRAFT, ImportRules, Registry
from .meeting import decide_meeting, decide_speaker, speech_form

GUESSED = ("level", "kind")


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


def front_matter(title: str, raw_title: str, speaker_line: str, text: str, rules: ImportRules, registry: Registry,
                 today: dt.date) -> tuple[dict, list[str]]:
    """The front matter and one report note per field decided; `text` is the speech, `raw_title` its
    title as written (with the speaker's words before 在), `speaker_line` the line naming the speaker."""
    meta: dict = {"title": title}
    meeting = decide_meeting(raw_title, text, rules, registry)
    speaker = decide_speaker(meeting, speech_form(raw_title, rules), speaker_line, text, rules, registry)
    meta["meeting"], meta["speaker"] = meeting.value, speaker.value
    notes = [meeting.note, speaker.note]
    for key in GUESSED:
        if key in registry.fields and registry.fields[key].choices:
            meta[key], why = guess_field(key, text, rules, registry)
            notes.append(why)
    meta["status"] = DRAFT
    meta["last_reviewed"] = today
    return meta, notes
