"""Numbered points run into a paragraph (“……郑重表态：一、自觉接受监督。……二、……”): split before
each number when the numbering is consistent, left alone with a report line when it is not. A chair's
agenda items run together (“……下面进行第一项议程，……。下面进行第二项议程，……”) are split the same way,
before the sentence that opens each item.

Consistent means: at each level (一、 （一） 1.) the numbers go on in order from where the article's
numbering stands (一、 on its own line earlier, then 二、 run in, is fine; 一、 then 三、 is not), a lower
level starts again under each higher one, and a count the paragraph promised before its first point
(“讲三点意见”) matches the points that follow. A page that lost its line breaks gets its parts back
this way; a page whose numbering is itself wrong is not made to look right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..base import cn_number, to_cn
from ..reading import ImportRules
from .pieces import Para

# 一、 (not 一、二季度), （一）, 1. / 1、 (not 3.5): the three levels a speech numbers its points with
MARKER = re.compile(
    r"(?P<l1>[一二三四五六七八九十]{1,3})[、．.](?![\d一二三四五六七八九十])"
    r"|[（(](?P<l2>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<l3>\d{1,2})[.．、](?!\d)"
)
SHOWN = {1: "{}、", 2: "（{}）", 3: "{}."}


@dataclass(frozen=True)
class Marker:
    at: int  # position in the paragraph; 0 is a heading at its start
    level: int
    number: int

    def shown(self) -> str:
        return SHOWN[self.level].format(to_cn(self.number) if self.level < 3 else self.number)


def _markers(text: str, rules: ImportRules) -> list[Marker]:
    out = []
    for m in MARKER.finditer(text):
        if m.start() and not rules.run_in_after.fullmatch(text[m.start() - 1]):
            continue  # 第一、二条, 3.5%: not a point
        level = 1 if m.group("l1") else 2 if m.group("l2") else 3
        raw = m.group(f"l{level}")
        number = int(raw) if level == 3 else cn_number(raw)
        if number:
            out.append(Marker(m.start(), level, number))
    return out


class _Numbering:
    """Where an article's numbering stands: the next number expected at each level."""

    def __init__(self):
        self.want = {1: 1, 2: 1, 3: 1}

    def take(self, marker: Marker) -> None:
        self.want[marker.level] = marker.number + 1
        for lower in range(marker.level + 1, 4):
            self.want[lower] = 1

    def copy(self) -> "_Numbering":
        other = _Numbering()
        other.want = dict(self.want)
        return other


def _problem(text: str, markers: list[Marker], numbering: _Numbering, rules: ImportRules) -> str | None:
    """Why the run-in points of this paragraph cannot be split, in Chinese; None when they can."""
    trial = numbering.copy()
    for marker in markers:
        if marker.at and marker.number != trial.want[marker.level]:
            expected = Marker(0, marker.level, trial.want[marker.level]).shown()
            return f"编号不连贯（“{marker.shown()}”处应为“{expected}”）"
        trial.take(marker)
    inner = [m for m in markers if m.at]
    top = min(m.level for m in inner)
    points = [m for m in markers if m.level == top]
    if points[0].number == 1 and len(points) < 2:
        return f"只有一个“{points[0].shown()}”"
    promise = None
    for m in rules.run_in_promise.finditer(text[: points[0].at]):
        promise = m
    if promise and points[0].number == 1:
        promised = 2 if promise.group("count") == "两" else cn_number(promise.group("count"))
        if promised != len(points):
            return f"前面说“{promise.group(0)}”，后面却有 {len(points)} 个“{points[0].shown()}”这一级的编号"
    return None


def split_run_in_points(paras: list[Para], rules: ImportRules) -> tuple[list[Para], int]:
    """The paragraphs with consistent run-in points split off; how many paragraphs were split."""
    numbering = _Numbering()
    out: list[Para] = []
    split = 0
    for para in paras:
        markers = _markers(para.text, rules)
        inner = [m for m in markers if m.at]
        if not inner:
            for marker in markers:
                numbering.take(marker)
            out.append(para)
            continue
        problem = _problem(para.text, markers, numbering, rules)
        shown = "”“".join(m.shown() for m in inner[:6])
        if problem:
            para.notes.append(f"这一段里接排着编号“{shown}”，但{problem}，没有拆开：核对原文，是标题的，另起一行写成标题")
            out.append(para)
            continue
        for marker in markers:
            numbering.take(marker)
        cuts = [0] + [m.at for m in inner] + [len(para.text)]
        pieces = [Para(para.text[a:b].strip(), para.line) for a, b in zip(cuts, cuts[1:]) if para.text[a:b].strip()]
        pieces[0].notes = para.notes + [f"原文这一段里接排着编号“{shown}”，在每个编号前另起了一段，请核对"]
        out += pieces
        split += 1
    return out, split


SENTENCE_END = re.compile(r"[。！？；]")


def split_run_in_agenda(paras: list[Para], rules: ImportRules) -> tuple[list[Para], int]:
    """Agenda items 第一项, 第二项… run into a paragraph, each split off at the start of its sentence
    when they go on in order from the article's last item; how many paragraphs were split."""
    want, out, split = 1, [], 0
    for para in paras:
        items = [(m, cn_number(m.group(1))) for m in rules.agenda.finditer(para.text)]
        starts = []
        for m, number in items:
            ends = list(SENTENCE_END.finditer(para.text, 0, m.start()))
            starts.append(ends[-1].end() if ends else 0)
        numbers = [number for _, number in items]
        if not items or numbers != list(range(want, want + len(numbers))) or not any(starts):
            if items and numbers and numbers[0] == want:
                want = numbers[-1] + 1 if numbers == list(range(want, want + len(numbers))) else want
            out.append(para)
            continue
        want += len(numbers)
        cuts = [0] + [start for start in starts if start] + [len(para.text)]
        pieces = [Para(para.text[a:b].strip(), para.line) for a, b in zip(cuts, cuts[1:]) if para.text[a:b].strip()]
        pieces[0].notes = para.notes + [f"原文这一段里接排着{len(items)}项议程（第{to_cn(numbers[0])}项起），在每项议程前另起了一段，请核对"]
        out += pieces
        split += 1
    return out, split
