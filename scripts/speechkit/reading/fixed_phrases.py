"""data/fixed_phrases.yml: the standard wordings of fixed formulations and the damaged forms 范文 sites
leave (a name masked or replaced by 总书记). The draft checker, `make check` and the importer read it.

Each damaged form is a portable pattern (base/portable.py: the browser runs it too) and what the match
becomes: `fix`, or the standard wording itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base import DATA_DIR, Finding, PatternProblem, compile_portable
from .registry import DataFileError, load_yaml

FIXED_PHRASES_FILE = "fixed_phrases.yml"


@dataclass(frozen=True)
class Damaged:
    pattern: re.Pattern
    fix: str  # what the matched text becomes


@dataclass(frozen=True)
class FixedPhrase:
    standard: str
    damaged: tuple[Damaged, ...]
    safe: bool  # only one original is possible: “全部改” and the importer may restore it
    why: str
    source: str
    line: int


def _entry_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.split("\n"), start=1) if line.startswith("- ")]


def load_fixed_phrases(data_dir: Path = DATA_DIR) -> tuple[FixedPhrase, ...]:
    path = data_dir / FIXED_PHRASES_FILE
    raw, text = load_yaml(path)
    lines = _entry_lines(text)
    if not isinstance(raw, list):
        raise DataFileError(Finding(path, 1, "规范表述登记表应当是一个列表。", "每一项以“- standard: 标准写法”开头，照文件开头的说明写。"))
    out = []
    for index, entry in enumerate(raw):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry.get(k) for k in ("standard", "why", "source")):
            raise DataFileError(Finding(path, line, "规范表述的这一项缺少 standard、why 或 source。", "每一项都写明标准写法、为什么和依据。"))
        standard = entry["standard"]
        items = entry.get("damaged")
        if not isinstance(items, list) or not items:
            raise DataFileError(Finding(path, line, f"“{standard}”没有列出残缺写法（damaged）。", "在 damaged 下每行写一个正则表达式，以“    - ”开头。"))
        if not isinstance(entry.get("safe", False), bool):
            raise DataFileError(Finding(path, line, f"“{standard}”的 safe 应当是 true 或 false。", "能确定原文、可以自动恢复的写 true，否则写 false。"))
        damaged = []
        for item in items:
            source, fix = (item.get("pattern"), item.get("fix", standard)) if isinstance(item, dict) else (item, standard)
            if not isinstance(source, str) or not source or not isinstance(fix, str) or not fix:
                raise DataFileError(Finding(path, line, f"“{standard}”的残缺写法有一项写得不对。", "写成一个正则表达式，或 {pattern: 正则表达式, fix: 改成什么}。"))
            try:
                pattern = compile_portable(source)
            except (re.error, PatternProblem) as exc:
                raise DataFileError(Finding(path, line, f"“{standard}”的残缺写法“{source[:40]}”不能用：{exc}。",
                                            "改正这个正则表达式，只用 Python 和浏览器都认的写法（见 scripts/speechkit/base/portable.py）。")) from None
            if pattern.search("") is not None:
                raise DataFileError(Finding(path, line, f"“{standard}”的残缺写法“{source[:40]}”会匹配空文字。", "写出残缺写法里实际有的字。"))
            damaged.append(Damaged(pattern, fix))
        out.append(FixedPhrase(standard, tuple(damaged), entry.get("safe", False), entry["why"], entry["source"], line))
    return tuple(out)
