"""Every template, filled with example values, must read as finished Chinese.

A placeholder's example is what a drafter will type; if the sentence around it only works with the
bracketed name, the filled speech has a doubled word (区委……区委), a dangling particle or an empty
pair of brackets. These tests fill every template in docs/speeches/ (new ones included as they land)
with the registry's examples, and each 示例 set with its own values, and read the result.
"""
from __future__ import annotations

import re

import logging

import jieba
import pytest

from speechkit.base import CJK, PLACEHOLDER
from speechkit.checking import load_corpus
from speechkit.outputs import example_values, example_variants

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading lines are noise in test output
CORPUS = load_corpus()
REGISTRY = CORPUS.registry
CLAUSE_END = re.compile(r"[，。；：！？\n]")
WORD = re.compile(f"[{CJK}]+")
STUTTERS = ("的的", "了了", "是是", "为期为期", "关于关于", "进行进行")
WINDOW = 8  # characters between the two occurrences: a short stretch of one clause
EMPTY_BRACKETS = re.compile(r"（\s*）|“\s*”|《\s*》|〔\s*〕")


def fill_with_spans(text: str, values: dict[str, str]) -> tuple[str, list[tuple[int, int, str]]]:
    """The filled text and, for each placeholder, (start, end, value) of what was put in."""
    out, spans, last, length = [], [], 0, 0
    for m in PLACEHOLDER.finditer(text):
        out.append(text[last : m.start()])
        length += m.start() - last
        value = values.get(m.group(1), m.group(0))
        spans.append((length, length + len(value), value))
        out.append(value)
        length += len(value)
        last = m.end()
    out.append(text[last:])
    return "".join(out), spans


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word jieba finds: 党组 is not counted inside 党组织."""
    out, at = [], 0
    for word in jieba.lcut(text):
        out.append((at, at + len(word), word))
        at += len(word)
    return out


def doubled_words(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """A word of 2–4 characters from a filled-in value that occurs again within WINDOW characters,
    in the same clause (区委……区委)."""
    found, tokens = {}, _tokens(text)
    for start, end, _ in spans:
        inside = [t for t in tokens if t[0] < end and t[1] > start and 2 <= len(t[2]) <= 4 and WORD.fullmatch(t[2])]
        for t_start, t_end, word in inside:
            for o_start, o_end, other in tokens:
                if other != word or (o_start, o_end) == (t_start, t_end):
                    continue
                gap = o_start - t_end if o_start >= t_end else t_start - o_end
                between = text[min(t_end, o_end) : max(t_start, o_start)]
                if 0 <= gap <= WINDOW and not CLAUSE_END.search(between):
                    pair = (min(t_start, o_start), max(t_start, o_start))  # each pair once, whichever value found it
                    found[pair] = f"“{word}”在相隔 {gap} 个字内出现两次：{text[max(0, pair[0] - 8) : max(t_end, o_end) + 8]}"
                    break
    return list(found.values())


def problems(lines: list[str], values: dict[str, str]) -> list[str]:
    out = []
    for line in lines:
        filled, spans = fill_with_spans(line, values)
        if "【" in filled or "】" in filled:
            out.append(f"留下了【】：{filled}")
        for stutter in STUTTERS:
            if stutter in filled:
                out.append(f"“{stutter}”：{filled}")
        for m in EMPTY_BRACKETS.finditer(filled):
            out.append(f"空括号“{m.group(0)}”：{filled}")
        out += doubled_words(filled, spans)
    return out


@pytest.mark.parametrize("variant", CORPUS.variants, ids=lambda v: v.slug)
def test_template_filled_with_registry_examples_reads_correctly(variant):
    found = problems(variant.spoken_lines(), REGISTRY.examples)
    assert not found, f"{variant.path.name}：\n" + "\n".join(found)


@pytest.mark.parametrize("example", REGISTRY.filled_examples, ids=lambda e: e.meeting)
def test_each_example_set_reads_correctly(example):
    values = example_values(REGISTRY, example)
    found = [f"{v.path.name}：{p}" for v in example_variants(CORPUS, example) for p in problems(v.spoken_lines(), values)]
    assert not found, "\n".join(found)


def test_every_registered_placeholder_is_used_somewhere():
    used = {name for v in CORPUS.variants for line in v.spoken_lines() for name in PLACEHOLDER.findall(line)}
    assert set(REGISTRY.placeholders) - used == set()


# The detector itself: each defect it exists for is caught, and ordinary text passes.
@pytest.mark.parametrize(
    "line, values, expected",
    [
        ("按照【甲】关于【乙】巡察的统一部署", {"甲": "区委", "乙": "十二届区委第三轮"}, "“区委”在相隔 5 个字内出现两次"),
        ("开展为期【时长】的常规巡察", {"时长": "为期两个月"}, "“为期为期”"),
        ("【组】肩负【委】的重托", {"组": "区委第二巡察组", "委": "区委"}, "“区委”在相隔 7 个字内出现两次"),
        ("请于（【日期】）前报送", {"日期": ""}, "空括号"),
        ("向【组】报告", {}, "留下了【】"),
    ],
)
def test_detector_catches_each_defect(line, values, expected):
    assert any(expected in p for p in problems([line], values)), problems([line], values)


def test_detector_passes_ordinary_text():
    line = "按照【甲】统一部署，【乙】巡察从今天起开始，区委第二巡察组进驻。由【组】组长主持，【单位】局长和厅党组所属党组织参加。"
    values = {"甲": "区委", "乙": "十二届区委第三轮", "组": "区委第二巡察组", "单位": "区审计局"}
    assert problems([line], values) == []
