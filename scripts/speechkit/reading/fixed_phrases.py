"""data/fixed_phrases.yml: the standard wording of fixed formulations (领导同志的姓名和职务, 党的创新理论)
and the damaged forms 范文 sites leave of them. One list for every reader: the importer restores the
`safe` forms and reports the others; the draft checker (`make lint`, the 检查讲话稿 page) and `make check`
report them all, and offer the restoration as the fix (`restoration`, which the browser's
draft-check-rules.js repeats).

Checked as it loads, like every data file: a broken entry is reported with file, line and fix. The
damaged forms are portable patterns (base/portable.py): the browser runs them too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base import DATA_DIR, DEFAULT_TIMEOUT, Finding, PatternProblem, data_pattern, portable_source
from .registry import DataFileError, load_yaml

FIXED_PHRASES_FILE = "fixed_phrases.yml"
CLAUSE = re.compile(r"[，、；。]")
MIN_OVERLAP = 2  # a shorter overlap with the text around is a coincidence, not the same words


@dataclass(frozen=True)
class FixedPhrase:
    standard: str
    damaged: tuple[DataPattern, ...]  # time-boxed (speechkit.base.patterns)
    safe: bool  # only one original is possible: restore it; otherwise report and leave the text
    why: str
    source: str
    line: int  # where the entry starts in the data file


def restoration(phrase: FixedPhrase, damaged: str, before: str, after: str) -> tuple[str, str]:
    """(what replaces `damaged`, the wording as it then reads): the part of the standard wording that
    stands for `damaged`, without repeating the words just before or after it (习近平 + 总书记总书记
    → 习近平总书记, not 习近平习近平总书记).

    A standard of several clauses (“两个确立”) is restored clause by clause: the clause that ends like
    the damaged words, from where the damaged words begin."""
    clauses = [c for c in CLAUSE.split(phrase.standard) if c]
    wording = phrase.standard
    if len(clauses) > 1:
        wording = max(clauses, key=lambda c: (_common_suffix(c, damaged), -clauses.index(c)))
        start = wording.find(damaged[:MIN_OVERLAP])
        if start > 0:
            wording = wording[start:]
    new = wording
    for size in range(len(new) - 1, MIN_OVERLAP - 1, -1):
        if before.endswith(new[:size]):
            new = new[size:]
            break
    for size in range(len(new) - 1, MIN_OVERLAP - 1, -1):
        if after.startswith(new[-size:]):
            new = new[:-size]
            break
    return new, wording


def _common_suffix(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    return size


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
        patterns = []
        for source in damaged:
            try:
                text = portable_source(source)
            except PatternProblem as exc:
                raise fail(f"“{standard[:20]}”的残缺写法“{source[:40]}”在浏览器里会有不同的结果：{exc}。",
                           "改用 Python 和浏览器都认的写法（见 scripts/speechkit/base/portable.py 的说明）。") from None
            # checked for shapes that can hang when it loads, time-boxed when it runs (speechkit.base.patterns)
            pattern = data_pattern(text, path, line, f"“{standard[:20]}”的残缺写法“{source[:40]}”", DEFAULT_TIMEOUT)
            if pattern.search("") is not None:
                raise fail(f"“{standard[:20]}”的残缺写法“{source[:40]}”会匹配空文字。", "写出残缺写法里实际有的字。")
            patterns.append(pattern)
        phrases.append(FixedPhrase(standard, tuple(patterns), entry.get("safe", False), str(entry.get("why", "")), str(entry.get("source", "")), line))
    return tuple(phrases)
