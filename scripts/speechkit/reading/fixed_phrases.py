"""data/fixed_phrases.yml: the standard wording of fixed formulations (领导同志的姓名和职务, 党的创新理论)
and the damaged forms 范文 sites leave of them. One list for every reader: the importer restores the
`safe` forms and reports the others; the draft checker reports them all.

Checked as it loads, like every data file: a broken entry is reported with file, line and fix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base import DATA_DIR, DEFAULT_TIMEOUT, DataPattern, Finding, data_pattern
from .registry import DataFileError, load_yaml

FIXED_PHRASES_FILE = "fixed_phrases.yml"


@dataclass(frozen=True)
class FixedPhrase:
    standard: str
    damaged: tuple[DataPattern, ...]  # time-boxed (speechkit.base.patterns)
    safe: bool  # only one original is possible: restore it; otherwise report and leave the text
    why: str
    source: str
    line: int  # where the entry starts in the data file


def load_fixed_phrases(data_dir: Path = DATA_DIR) -> tuple[FixedPhrase, ...]:
    path = data_dir / FIXED_PHRASES_FILE
    data, text = load_yaml(path)
    if not isinstance(data, list):
        raise DataFileError(Finding(path, 1, "规范表述登记表应当是一个列表。", "每一项以“- standard: 标准写法”开头，照文件开头的说明写。"))
    starts = [m.start() for m in re.finditer(r"^- ", text, re.M)]
    phrases = []
    for index, entry in enumerate(data):
        line = text.count("\n", 0, starts[index]) + 1 if index < len(starts) else 1

        def fail(message: str, fix: str) -> DataFileError:
            return DataFileError(Finding(path, line, message, fix))

        if not isinstance(entry, dict) or not isinstance(entry.get("standard"), str) or not entry["standard"].strip():
            raise fail("规范表述的每一项都要有 standard（标准写法）。", "写成“- standard: 标准写法”，下面写 damaged、why、source。")
        standard, damaged = entry["standard"], entry.get("damaged")
        if not isinstance(damaged, list) or not damaged or not all(isinstance(p, str) and p for p in damaged):
            raise fail(f"“{standard[:20]}”的 damaged 应当是残缺写法（正则表达式）的列表。", "每个残缺写法写成一行“- '……'”。")
        if not isinstance(entry.get("safe", False), bool):
            raise fail(f"“{standard[:20]}”的 safe 只能是 true 或 false。", "只有一种可能的原文时写 true，否则写 false 或删去这一行。")
        # checked for shapes that can hang when they load, time-boxed when they run (speechkit.base.patterns)
        patterns = [data_pattern(source, path, line, f"“{standard[:20]}”的残缺写法“{source[:40]}”", DEFAULT_TIMEOUT) for source in damaged]
        phrases.append(FixedPhrase(standard, tuple(patterns), entry.get("safe", False), str(entry.get("why", "")), str(entry.get("source", "")), line))
    return tuple(phrases)
