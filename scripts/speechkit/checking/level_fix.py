"""`fix-level`: write a 区（县）级 template's own 区 as {区} (区委 → {区}委), the fix that
check_level_marks asks for, applied to the file.

Only what is spoken changes (speech_title, spoken headings, paragraphs: Variant.spoken_source),
and the 「原文」 of a note that quotes a changed paragraph, so that it still quotes it word for word.
Notes, guidance, front matter other than speech_title and the names of 【placeholders】 stay as
written. The file is rewritten only if something changed, keeping its line endings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..reading import Registry, parse_variant


@dataclass
class LevelFix:
    path: Path
    applies: bool  # the template is of the level that marks its 区 (data/levels.yml applies_to)
    changes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, before, after)
    text: str = ""  # the file's new text


def fix_levels(path: Path, registry: Registry) -> LevelFix:
    """The fixed text of `path` and each changed line; nothing is written here."""
    raw = path.read_bytes().decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.replace("\r\n", "\n")
    variant, _ = parse_variant(path, text, limits=registry.limits)
    levels = registry.levels
    result = LevelFix(path=path, applies=variant.meta.get("level") == levels.applies_to, text=raw)
    if not result.applies:
        return result
    lines = text.split("\n")
    changed: dict[int, str] = {}
    for number, spoken in variant.spoken_source():
        marked = levels.mark(spoken)
        if marked != spoken:
            source = changed.get(number, lines[number - 1])
            changed[number] = source.replace(spoken, marked, 1)
    for section in variant.all_sections():
        owners = [(section.notes, section.title)] + [(b.notes, b.text) for b in section.blocks]
        for notes, quoted in owners:
            now = levels.mark(quoted)
            for note in notes:
                if not note.anchor or note.anchor not in quoted:
                    continue
                anchor = levels.mark(note.anchor)
                if anchor != note.anchor and anchor in now:
                    source = changed.get(note.line, lines[note.line - 1])
                    changed[note.line] = source.replace(f"「{note.anchor}」", f"「{anchor}」", 1)
    for number in sorted(changed):
        if changed[number] != lines[number - 1]:
            result.changes.append((number, lines[number - 1], changed[number]))
            lines[number - 1] = changed[number]
    result.text = (newline.join(lines)) if result.changes else raw
    return result
