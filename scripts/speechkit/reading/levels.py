"""The 区/县/市/旗 switch: data/levels.yml, and where the locality character sits in a text.

A 区（县）级 template marks the character once in its spoken text, `{区}委`, `我{区}` (LEVEL_MARK);
the model keeps the mark, and every output reads it from there: the page as one element the scripts
rewrite, the Word file as one run docx-fill.js rewrites, plain text (search, comparison tables,
examples) as 区. Here: the data, the split of a text into prose / placeholders / level words, and
the bare words (区委 without the mark) that the checks refuse and `fix-level` marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..base import LEVEL_DEFAULT, LEVEL_MARK, PLACEHOLDER, Finding

# One pass over a text finds both kinds of token; a placeholder's name never holds a brace.
_TOKENS = re.compile(rf"{PLACEHOLDER.pattern}|{re.escape(LEVEL_MARK)}")


@dataclass(frozen=True)
class Level:
    char: str
    label: str
    words: dict[str, str] = field(default_factory=dict)  # word as written with 区 → the word at this level

    def word(self, base: str) -> str:
        """`base` (a level word as written at 区: 区, or a whole exception word) at this level."""
        return self.words.get(base) or self.char + base[len(LEVEL_DEFAULT):]


@dataclass(frozen=True)
class Levels:
    applies_to: str  # the front-matter `level` of the templates that mark the character
    name: str  # the stored choice's name
    options: tuple[Level, ...]
    marked: tuple[str, ...]  # words a 区（县）级 template must write with {区}
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()

    @property
    def default(self) -> Level:
        return self.options[0]

    @property
    def exception_words(self) -> tuple[str, ...]:
        """Every word some level says differently from its character alone, longest first."""
        words = {w for level in self.options for w in level.words}
        return tuple(sorted(words, key=len, reverse=True))

    def parts(self, text: str) -> Iterator[tuple[str, str]]:
        """`text` as ("text", prose), ("ph", name) and ("level", word at 区) pieces, in order. A level
        word is the one character, or the whole word where some level has an exception for it."""
        last = 0
        exceptions = self.exception_words
        for m in _TOKENS.finditer(text):
            if m.start() < last:
                continue
            if m.start() > last:
                yield "text", text[last : m.start()]
            if m.group(1) is not None:
                yield "ph", m.group(1)
                last = m.end()
                continue
            rest = text[m.end() :]
            word = next((w for w in exceptions if rest.startswith(w[len(LEVEL_DEFAULT):])), LEVEL_DEFAULT)
            yield "level", word
            last = m.end() + len(word) - len(LEVEL_DEFAULT)
        if last < len(text):
            yield "text", text[last:]

    def bare_words(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of each marked word written without {区}, outside placeholders: 区委 in
        “请区委放心”, not in 社区委员会, 全区域 or 【区委名称】."""
        found = []
        for m in _bare_pattern(self.marked).finditer(text):
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if before in self.not_after or after in self.not_before or _in_placeholder(text, m.start()):
                continue
            found.append((m.start(), m.end(), m.group(0)))
        return found

    def mark(self, text: str) -> str:
        """`text` with every bare word marked: 区委书记 → {区}委书记, 我区 → 我{区}."""
        out, last = [], 0
        for start, end, word in self.bare_words(text):
            out += [text[last:start], word.replace(LEVEL_DEFAULT, LEVEL_MARK, 1)]
            last = end
        return "".join(out) + text[last:]


def _in_placeholder(text: str, at: int) -> bool:
    opening, closing = text.rfind("【", 0, at), text.rfind("】", 0, at)
    return opening > closing and "】" in text[at:]


_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _bare_pattern(words: tuple[str, ...]) -> re.Pattern:
    """The marked words, longest first (我们区 before 我区), as written without the mark."""
    if words not in _PATTERNS:
        _PATTERNS[words] = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return _PATTERNS[words]


def load_levels(path: Path, data, text: str, line_of, error) -> Levels:
    """data/levels.yml, checked: `error(finding)` raises the data-file error (registry.py owns it)."""
    def fail(key: str, problem: str, fix: str):
        error(Finding(path, line_of(text, key), problem, fix))

    if not isinstance(data, dict):
        fail("levels", "层级登记表应当写成 applies_to、name、levels、marked 几项。", "照文件开头的说明恢复这个文件的结构。")
    for key in ("applies_to", "name"):
        if not isinstance(data.get(key), str) or not data.get(key):
            fail(key, f"层级登记表缺少 {key}。", f"写一行 {key}: ……（见文件开头的说明）。")
    raw = data.get("levels")
    if not isinstance(raw, list) or len(raw) < 2:
        fail("levels", "levels 应当列出至少两个层级。", "每项写 char（字）和 label（按钮上的文字）。")
    options = []
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or not _one_char(entry.get("char")) or not isinstance(entry.get("label"), str) or not entry["label"]:
            fail("levels", f"levels 的第 {number} 项缺少 char 或 label，或 char 不是一个汉字。", "写成 - char: 县 和 label: 县 两行。")
        words = entry.get("words") or {}
        if not isinstance(words, dict) or not all(isinstance(k, str) and k.startswith(LEVEL_DEFAULT) and isinstance(v, str) and v
                                                  for k, v in words.items()):
            fail("words", f"层级“{entry['label']}”的 words 应当是“以区字开头的词: 这一层级的说法”。", "例如 words: {区长: 旗长}。")
        options.append(Level(char=entry["char"], label=entry["label"], words={str(k): str(v) for k, v in words.items()}))
    if options[0].char != LEVEL_DEFAULT:
        fail("levels", f"levels 的第一项必须是模板里写的“{LEVEL_DEFAULT}”（与 {LEVEL_MARK} 一致）。", f"把 char: {LEVEL_DEFAULT} 的一项放在最前面。")
    if len({o.char for o in options}) != len(options):
        fail("levels", "levels 里有重复的字。", "每个层级只写一次。")
    lists = {}
    for key in ("marked", "not_after", "not_before"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            fail(key, f"{key} 应当是词或字的列表。", f"写成 {key}: [……, ……]。")
        lists[key] = tuple(value)
    if not lists["marked"] or not all(LEVEL_DEFAULT in w for w in lists["marked"]):
        fail("marked", f"marked 应当列出含“{LEVEL_DEFAULT}”字的词。", "例如 marked: [区委, 我区, 全区]。")
    if not all(_one_char(c) for c in lists["not_after"] + lists["not_before"]):
        fail("not_after", "not_after 和 not_before 里每项应当是一个字。", "每项只写一个字。")
    return Levels(applies_to=data["applies_to"], name=data["name"], options=tuple(options), marked=lists["marked"],
                  not_after=frozenset(lists["not_after"]), not_before=frozenset(lists["not_before"]))


def _one_char(value) -> bool:
    return isinstance(value, str) and len(value) == 1 and not value.isspace()
