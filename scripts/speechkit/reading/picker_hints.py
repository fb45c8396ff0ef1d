"""What the home page's template picker says when no template fits the choice exactly
(data/template_picker.yml): for each level and each kind of 巡察, what to change in the nearest one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..base import Finding
from .registry import DataFileError, Field, load_yaml

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
        at = text.find(f"{table}:")
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        if not isinstance(values, dict) or set(values) != set(choices):
            missing = [c for c in choices if not isinstance(values, dict) or c not in values]
            extra = [k for k in (values or {}) if k not in choices] if isinstance(values, dict) else []
            what = f"缺少：{'、'.join(missing)}" if missing else f"多出：{'、'.join(map(str, extra))}"
            raise DataFileError(Finding(path, line, f"{table} 应当正好是 data/front_matter.yml 里 {field} 的可选值（{what}）。",
                                        f"为 {field} 的每个可选值写一行“值: 改用时要改的地方”。"))
        for key, hint in values.items():
            if not isinstance(hint, str) or not 0 < len(hint) <= LONGEST_HINT or "\n" in hint:
                at = text.find(f"{key}:")
                raise DataFileError(Finding(path, text.count("\n", 0, at) + 1 if at >= 0 else line,
                                            f"“{key}”的说明应当是一句话（不超过 {LONGEST_HINT} 个字，不换行）。", "改成一行文字。"))
        tables[table] = dict(values)
    return PickerHints(levels=tables["levels"], kinds=tables["kinds"])
