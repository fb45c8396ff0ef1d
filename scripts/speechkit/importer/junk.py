"""Strip what a 范文 site adds around a speech: breadcrumbs, “网友发表”, counters, download prompts,
“此处隐藏N字”, recommendation lists, emoji, stray HTML. Everything removed is recorded for the report.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..base import terminal_text
from ..reading import INVISIBLE as REFUSED_CHARACTERS  # what the reader refuses in a variant: never written
from ..reading import ImportRules

TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u2060\ufeff\u00ad]")
# Not text at all: C1 controls (U+0085 NEL is a line break to YAML), noncharacters (U+FFFF breaks the
# build and Word files), lone surrogates. Removed from the text, each named by its code point in the report.
NOT_TEXT = re.compile("[\x80-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff" + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(1, 17)) + "]")


def printable(value: str, limit: int = 80) -> str:
    """`value` on one line with its control and invisible characters escaped (\u202e), cut to `limit`:
    the same rule as every message we print (base.chars)."""
    value = terminal_text(value)
    return value if len(value) <= limit else value[:limit] + "……"


def code_points(text: str) -> str:
    return "、".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in text))


# Web addresses: a speech is read aloud, and the checks refuse them (speechkit/reading/markup.py URL).
URLS = re.compile(r"(?:(?:https?|ftp|file)://|(?:javascript|vbscript)\s*:|data:[a-z]+/|www\.)[^\s，。；！？、“”（）]*|//[\w.-]+\.[a-z]{2,}[^\s，。；！？、“”（）]*", re.I)
SPACES = str.maketrans({"\u00a0": " ", "\t": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " "})


@dataclass(frozen=True)
class Line:
    number: int  # line in the source, for the report
    text: str


@dataclass(frozen=True)
class Removed:
    number: int
    text: str
    reason: str


def source_lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]


def clean_characters(lines: list[Line], rules: ImportRules, removed: list[Removed]) -> list[Line]:
    """HTML entities and tags, invisible characters and emoji out; odd spaces made plain."""
    out = []
    for line in lines:
        found = "".join(NOT_TEXT.findall(line.text))
        if found:
            removed.append(Removed(line.number, code_points(found), "不是文字的字符（非字符、控制字符），已删去"))
        text = NOT_TEXT.sub("", line.text)
        text = REFUSED_CHARACTERS.sub("", INVISIBLE.sub("", text.translate(SPACES)))
        if "&" in text:
            text = html.unescape(text).translate(SPACES)
        if "<" in text:
            stripped = TAG.sub("", text)
            if stripped != text:
                removed.append(Removed(line.number, _short(text), "网页标签"))
                text = stripped
        if URLS.search(text):
            removed.append(Removed(line.number, "、".join(m.group(0) for m in URLS.finditer(text))[:40], "网址"))
            text = URLS.sub("", text)
        without_emoji = rules.emoji.sub("", text)
        if without_emoji != text:
            removed.append(Removed(line.number, "".join(rules.emoji.findall(text)), "表情和装饰符号"))
            text = without_emoji
        out.append(Line(line.number, text))
    return out


def strip_junk(lines: list[Line], rules: ImportRules, removed: list[Removed]) -> list[Line]:
    out = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            out.append(Line(line.number, ""))
            continue
        if any(sep.search(text) for sep in rules.article_separators):
            out.append(Line(line.number, text))  # a collection's article marker, handled by articles.py
            continue
        if rules.tail_markers.search(text) and index > len(lines) // 3:
            rest = [later for later in lines[index:] if later.text.strip()]
            removed.append(Removed(line.number, f"“{text}”及其后 {len(rest) - 1} 行", "页面末尾的推荐列表"))
            break
        for rule in rules.junk_inline:  # first, so that a prompt inside a paragraph costs only itself
            if rule.pattern.search(text):
                removed += [Removed(line.number, m.group(0), rule.reason) for m in rule.pattern.finditer(text) if m.group(0)]
                text = rule.pattern.sub("", text).strip()
        reason = _junk_reason(text, rules)
        if reason:
            removed.append(Removed(line.number, _short(text), reason))
            continue
        out.append(Line(line.number, text))
    return out


def _junk_reason(text: str, rules: ImportRules) -> str | None:
    for rule in rules.junk_lines:
        if len(text) <= rule.max_chars and rule.pattern.search(text):
            return rule.reason
    return None


def _short(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"
