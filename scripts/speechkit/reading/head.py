"""The speech's own head (讲话标题, 讲话人, 日期): what the page, the copy, the print and the Word
file put before 同志们：. Fields come from data/speech_head.yml, defaults from the variant."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Variant
from .registry import HeadField, Registry


@dataclass(frozen=True)
class HeadLine:
    field: HeadField
    default: str  # may hold 【placeholders】; "" when the writer has to fill the line in

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


def default_value(field: HeadField, variant: Variant) -> str:
    given = variant.meta.get(field.default_from) if field.default_from else None
    if isinstance(given, str) and given.strip():
        return given.strip()
    return field.fallback.replace("{meeting}", str(variant.meta.get("meeting", ""))) if field.fallback else ""


def speech_head(variant: Variant, registry: Registry) -> list[HeadLine]:
    return [HeadLine(field=f, default=default_value(f, variant)) for f in registry.head.values()]
