"""What the home page's template picker says when no template fits the choice exactly
(data/template_picker.yml): for each level and each kind of 巡察, what to change in the nearest one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..base import Finding
from .registry import DataFileError, Field, load_yaml
from .search_data import data_line

PICKER_FILE = "template_picker.yml"
LONGEST_HINT = 200


@dataclass(frozen=True)
class PickerHints:
    levels: dict[str, str]  # level → what to change when using another level's template
    kinds: dict[str, str]  # kind of 巡察 → the same


def load_picker_hints(data_dir: Path, fields: dict[str, Field]) -> PickerHints:
    path = data_dir / PICKER_FILE
    raw, text = load_yaml(path)
    tables = {}
    for table, field in (("levels", "level"), ("kinds", "kind")):
        values = raw.get(table) if isinstance(raw, dict) else None
        choices = fields[field].choices if field in fields else ()
        if not isinstance(values, dict):
            raise DataFileError(Finding(path, data_line(text, f"{table}:"), f"没有 {table}，或它不是“值: 说明”的形式。",
                                        f"为 {field} 的每个可选值写一行“值: 改用时要改的地方”。"))
        missing = [c for c in choices if c not in values]
        extra = [str(k) for k in values if k not in choices]
        if extra or missing:
            where = data_line(text, f"{extra[0]}:", table) if extra else data_line(text, f"{table}:")
            what = f"“{extra[0]}”不是 data/front_matter.yml 里 {field} 的可选值" if extra else f"{table} 缺少 {field} 的可选值"
            raise DataFileError(Finding(path, where, what + (f"（缺少：{'、'.join(missing)}）。" if missing else "。"),
                                        f"为 {field} 的每个可选值（{'、'.join(choices)}）各写一行“值: 改用时要改的地方”。"))
        for key, hint in values.items():
            if not isinstance(hint, str) or not 0 < len(hint) <= LONGEST_HINT or "\n" in hint:
                raise DataFileError(Finding(path, data_line(text, f"{key}:", table),
                                            f"“{key}”的说明应当是一句话（不超过 {LONGEST_HINT} 个字，不换行）。", "改成一行文字。"))
        tables[table] = dict(values)
    return PickerHints(levels=tables["levels"], kinds=tables["kinds"])
