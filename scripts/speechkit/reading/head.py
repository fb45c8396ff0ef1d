"""The speech's own head (讲话标题, 讲话人, 日期): what the page, the copy, the print and the Word
file put before 同志们：. Fields come from data/speech_head.yml, defaults from the variant, and the
讲话人's default and example from the meeting's agenda (data/meetings.yml `speaker_line`,
`speaker_example`): a 讲话人 written as the placeholders the other speeches of the meeting name this
person by is filled once for all of them."""
from __future__ import annotations

from dataclasses import dataclass

from ..base import fill_examples
from .model import Variant
from .registry import AgendaSlot, HeadField, Registry


@dataclass(frozen=True)
class HeadLine:
    field: HeadField
    default: str  # may hold 【placeholders】 and {区}; "" when the writer has to fill the line in
    example: str = ""  # what the hint shows (例：…), for this speaker where the agenda says

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def parts(self) -> tuple[str, str, str]:
        """(before, value, after) of the line as written before anything is filled: the value is
        the default, or the field's own 【名称】 when it has none."""
        before, _, after = self.field.line.partition("{}")
        return before, self.default or f"【{self.field.name}】", after

    @property
    def text(self) -> str:
        return "".join(self.parts)


def agenda_slot(variant: Variant, registry: Registry) -> AgendaSlot | None:
    """The first slot of the variant's meeting where its speaker speaks."""
    meeting = registry.meetings.get(str(variant.meta.get("meeting", "")))
    speaker = variant.meta.get("speaker")
    return next((s for s in meeting.agenda if s.speaker == speaker), None) if meeting else None


def default_value(field: HeadField, variant: Variant, registry: Registry | None = None) -> str:
    if field.from_agenda and registry is not None:
        slot = agenda_slot(variant, registry)
        line = slot.line_for(str(variant.meta.get("level", ""))) if slot else ""
        if line:
            return line
    given = variant.meta.get(field.default_from) if field.default_from else None
    if isinstance(given, str) and given.strip():
        return given.strip()
    return field.fallback.replace("{meeting}", str(variant.meta.get("meeting", ""))) if field.fallback else ""


def example_value(field: HeadField, variant: Variant, registry: Registry) -> str:
    if field.from_agenda:
        slot = agenda_slot(variant, registry)
        if slot and slot.speaker_example:
            return slot.speaker_example
        line = slot.line_for(str(variant.meta.get("level", ""))) if slot else ""
        if line:
            return fill_examples(line, registry.examples)
    return field.example


def speech_head(variant: Variant, registry: Registry) -> list[HeadLine]:
    return [HeadLine(field=f, default=default_value(f, variant, registry), example=example_value(f, variant, registry))
            for f in registry.head.values()]
