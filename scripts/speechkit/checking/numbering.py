"""The numbering hierarchy (一、 → （一） → 1. → （1）, and 一是、二是…… run in a paragraph) and the
promised point counts (讲三点意见), as rules on a sequence of markers: shared by the checks on a
template (checks.py, which words them for Markdown) and the draft checker (draft.py, which words
them from data/draft_check.yml). overrides/assets/javascripts/draft-check-rules.js runs the same
walk in the browser; the conformance corpus (tests/fixtures/drafts/) holds the two to the same result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..base import to_cn

LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
POINTS = re.compile(r"(?:讲|强调|谈|提)(?:以下|这么|下面)?([一二三四五六七八九十两]+)点")
AGENDA_COUNT = re.compile(r"(?:共有|有|共)([一二三四五六七八九十两]+)项议程")


@dataclass(frozen=True)
class Slip:
    """One marker out of order: `kind` is skip, repeat, order (a sequence slip) or level (no parent)."""

    line: int
    marker: object  # reading.model.Marker
    kind: str
    expected: int  # the value it should have (for level: the parent level)


def expected_label(level: int, value: int) -> str:
    """How the marker of `level` with `value` is written: 二、 （二） 2. （2）."""
    if level == 1:
        return f"{to_cn(value)}、"
    if level == 2:
        return f"（{to_cn(value)}）"
    if level == 3:
        return f"{value}."
    return f"（{value}）"


def sequence_kind(got: int, want: int) -> str:
    if got < want:
        return "repeat" if got == want - 1 else "order"
    return "skip"


def walk_levels(items: Iterable[tuple[int, object]], open_levels: set[int], levels: tuple[int, ...] = (1, 2, 3, 4)) -> Iterator[Slip]:
    """Slips among numbered markers (line, marker) in reading order. A level needs its parent level
    open above it (those in `open_levels` always are); a marker starts its deeper levels at 1."""
    expected = {level: 1 for level in levels}
    open_levels = set(open_levels)
    for line, marker in items:
        level = marker.level
        if level - 1 >= 1 and level - 1 not in open_levels:
            yield Slip(line, marker, "level", level - 1)
            continue
        if marker.value != expected[level]:
            yield Slip(line, marker, sequence_kind(marker.value, expected[level]), expected[level])
        expected[level] = marker.value + 1
        for deeper in range(level + 1, 5):
            expected[deeper] = 1
            open_levels.discard(deeper)
        open_levels.add(level)


def walk_run_in(items: Iterable[tuple[int, object]]) -> Iterator[tuple[int, object, str, str]]:
    """Slips among 一是、二是…… markers: (line, marker, expected value as written, the run's suffix).
    A numbered marker (level 1–4) starts a new run; lines without a marker are passed as None."""
    expected, suffix = 1, ""
    for line, marker in items:
        if marker is None:
            continue
        if marker.level != 0:
            expected, suffix = 1, ""
            continue
        if marker.value != expected or (suffix and marker.suffix != suffix):
            yield line, marker, f"{to_cn(expected if marker.value != expected else marker.value)}{suffix or marker.suffix}", suffix
        expected, suffix = marker.value + 1, suffix or marker.suffix


def count_cn(n: int) -> str:
    """A count as said in a speech: 两 for 2."""
    return "两" if n == 2 else to_cn(n)
