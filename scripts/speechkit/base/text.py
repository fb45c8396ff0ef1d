"""Text rules shared by the parser, the checks and the renderers."""
from __future__ import annotations

import re

CJK = "\u3400-\u9fff"
PLACEHOLDER = re.compile(r"【([^【】\n]{1,30})】")
PLACEHOLDER_NAME = re.compile(rf"^[{CJK}A-Za-z0-9（）·、]+$")
# The locality character of a 区（县）级 template, marked in its spoken text: {区}委, 我{区}, 全{区}.
# It is read as 区 (the level the templates are written at) and switched on the page to 县, 市 or 旗
# (data/levels.yml). Any other {…} in a variant is refused by the checks.
LEVEL_MARK = "{区}"
LEVEL_DEFAULT = "区"
BRACED = re.compile(r"\{[^{}\n]{0,20}\}|[{}]")
CN_DIGITS = "一二三四五六七八九十"
CN_VALUE = {d: i + 1 for i, d in enumerate(CN_DIGITS)} | {"两": 2}
CN_ONES = {d: i + 1 for i, d in enumerate(CN_DIGITS[:9])}  # the digits that combine with 十
# 同志们： or 尊敬的……同志，……，同志们： stays flush left, like a 主送机关 line (copy-print.js has the same rule)
SALUTATION = re.compile(r"^(?:[^，。；！？：]{1,16}|[^。；！？：]{1,60}同志们?)：$")
NOT_COUNTED = re.compile(rf"[^{CJK}A-Za-z0-9\uff10-\uff19]+")
# File names of variants (and of anything under docs/): lowercase letters, digits, single hyphens.
# `speeches.py new` and the docs/ layout check both use it.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The only link an `alternatives:` item may hold: [文字](other-variant.md), to a variant beside it.
ALTERNATIVE_LINK = re.compile(r"\[([^\[\]\n]{1,80})\]\(([a-z0-9]+(?:-[a-z0-9]+)*)\.md\)")


def cn_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一 … 十九 … 九十九, and 两); None if not one."""
    if text in CN_VALUE:
        return CN_VALUE[text]
    tens, mark, ones = text.partition("十")
    if not mark or (tens and tens not in CN_ONES) or (ones and ones not in CN_ONES):
        return None
    return (CN_ONES[tens] if tens else 1) * 10 + (CN_ONES[ones] if ones else 0)


def to_cn(n: int) -> str:
    """1 → 一, 12 → 十二 (for messages telling the expected number)."""
    if n <= 10:
        return (CN_DIGITS + "十")[n - 1] if n < 10 else "十"
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CN_DIGITS[ones - 1] if ones else "")


def count_chars(text: str) -> int:
    """Characters a reader speaks: ideographs, letters and digits; punctuation and spaces don't count."""
    return len(NOT_COUNTED.sub("", text))  # 5x faster than counting matches one by one


def fill_examples(text: str, examples: dict[str, str]) -> str:
    """Replace each 【名称】 by its example value (for counting what will actually be spoken)."""
    return PLACEHOLDER.sub(lambda m: examples.get(m.group(1), m.group(1)), text)


def placeholders_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def anchor_end(text: str, anchor: str) -> int | None:
    """Where the marker of a note on `anchor` goes: after its first occurrence in the running text,
    one that neither starts nor ends inside a 【名称】 (a marker there would split the placeholder);
    None when there is no such occurrence."""
    inside = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)] if "【" in text else []
    at = text.find(anchor) if anchor else -1
    while at >= 0:
        end = at + len(anchor)
        if not any(start < at < stop or start < end < stop for start, stop in inside):
            return end
        at = text.find(anchor, at + 1)
    return None


def at_level(text: str, char: str = LEVEL_DEFAULT) -> str:
    """`text` as read at one level: each {区} becomes `char` (区 unless another level is asked for)."""
    return text.replace(LEVEL_MARK, char) if LEVEL_MARK in text else text
