"""Patterns from data files that Python and the browser both run (the draft checker's rules: 提法,
fixed formulations, masks and web-page junk): one dialect, so that a pattern finds the same text in both.

`portable_source(source)` rewrites a pattern into a form both engines read alike, or raises PatternProblem
(in Chinese) for what one of them would read differently or refuse. The character classes whose
meaning differs between the engines are spelled out: \\d as [0-9] and \\w as [A-Za-z0-9_] (Python
would take full-width digits and Chinese characters), \\s as the class JavaScript gives it (which has
the ideographic space U+3000, as Python's has), \\b as the lookarounds it stands for. The browser
compiles the same text with the "u" flag (JS_FLAGS), so that both count in code points.

Every match of such a pattern goes through `find` (`first` and `remove` use it), so that a time limit on
matching fits in one place.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

JS_FLAGS = "u"
# JavaScript's \s, spelled out (Python's differs only on U+001C–U+001F, U+0085 and U+FEFF)
SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
DIGIT = "0-9"
WORD = "A-Za-z0-9_"
CLASSES = {"s": SPACE, "d": DIGIT, "w": WORD}
BOUNDARY = f"(?:(?<=[{WORD}])(?![{WORD}])|(?<![{WORD}])(?=[{WORD}]))"
NOT_BOUNDARY = f"(?:(?<=[{WORD}])(?=[{WORD}])|(?<![{WORD}])(?![{WORD}]))"
KEPT_ESCAPES = set("tnrfv") | set("^$\\.*+?()[]{}|/")
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
GROUP_OPENINGS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")
QUANTIFIER = re.compile(r"\{\d+(?:,\d*)?\}")


class PatternProblem(ValueError):
    """What in a pattern the browser would read differently from Python, said for the data file's editor."""


def _escape(source: str, i: int, in_class: bool) -> tuple[str, int]:
    """The portable form of the escape at source[i] (a backslash) and the index after it."""
    if i + 1 >= len(source):
        raise PatternProblem("以反斜杠结尾")
    nxt = source[i + 1]
    if nxt.lower() in CLASSES:
        chars = CLASSES[nxt.lower()]
        if nxt.islower():
            return (chars if in_class else f"[{chars}]"), i + 2
        if in_class:
            raise PatternProblem(f"方括号里不能用 \\{nxt}")
        return f"[^{chars}]", i + 2
    if nxt in "bB":
        if in_class:
            raise PatternProblem(f"方括号里不能用 \\{nxt}")
        return (BOUNDARY if nxt == "b" else NOT_BOUNDARY), i + 2
    if nxt == "-":
        return ("\\-" if in_class else "-"), i + 2
    if nxt == "^" and in_class:
        return "\\^", i + 2
    if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", source[i + 2 : i + 6]):
        return source[i : i + 6], i + 6
    if nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", source[i + 2 : i + 4]):
        return source[i : i + 4], i + 4
    if nxt in "123456789" and not in_class:
        if source[i + 2 : i + 3].isdigit():
            raise PatternProblem("反向引用只能是 \\1 到 \\9，后面不能紧跟数字")
        return source[i : i + 2], i + 2
    if nxt in KEPT_ESCAPES:
        return source[i : i + 2], i + 2
    if not nxt.isascii() or not nxt.isalnum():
        return nxt, i + 2  # \" or \，: the character itself (the browser refuses escaping it)
    raise PatternProblem(f"不支持转义“\\{nxt}”（浏览器不认识；要找这个字符时直接写它）")


def _visible(ch: str) -> str:
    """A control, format or separator character or a lone surrogate written as \\uXXXX: the same character
    to both engines, and text that survives JSON and a JavaScript file."""
    if unicodedata.category(ch) in INVISIBLE_CATEGORIES and ord(ch) <= 0xFFFF:
        return f"\\u{ord(ch):04x}"
    return ch


def portable_source(source: str) -> str:
    """`source` in the dialect both engines read alike, or PatternProblem naming what to change."""
    out: list[str] = []
    i, in_class, after_atom = 0, False, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            text, i = _escape(source, i, in_class)
            out.append(text)
            after_atom = True
        elif in_class:
            if ch == "[":
                raise PatternProblem("方括号里的“[”要写成“\\[”")
            in_class = ch != "]"
            after_atom = True
            out.append(_visible(ch))
            i += 1
        elif ch == "[":
            if source.startswith(("[]", "[^]"), i):
                raise PatternProblem("空的方括号")
            in_class = True
            out.append(ch)
            i += 1
        elif ch == "(":
            opening = "(" if not source.startswith("(?", i) else next((g for g in GROUP_OPENINGS if source.startswith(g, i)), None)
            if opening is None:
                raise PatternProblem(f"不支持“{source[i:i + 4]}……”这种写法（只用 (?:…)、(?=…)、(?!…)、(?<=…)、(?<!…)）")
            out.append(opening)
            i += len(opening)
            after_atom = False
        elif ch in "]}":
            raise PatternProblem(f"单独的“{ch}”要写成“\\{ch}”")
        elif ch == "{":
            m = QUANTIFIER.match(source, i)
            if not m or not after_atom:
                raise PatternProblem("“{”只能用于次数（如 {1,3}）；要找“{”本身时写成“\\{”")
            out.append(m.group(0))
            i = m.end()
            if source[i : i + 1] == "+":
                raise PatternProblem("不支持占有量词（如 {1,3}+）")
            after_atom = False
        elif ch in "*+?":
            if (ch != "?" or after_atom) and source[i + 1 : i + 2] == "+":
                raise PatternProblem(f"不支持占有量词“{ch}+”")
            out.append(ch)
            i += 1
            after_atom = False
        else:
            out.append(_visible(ch))
            i += 1
            after_atom = ch not in "|^"
    if in_class:
        raise PatternProblem("方括号没有闭合")
    return "".join(out)


def compile_portable(source: str) -> re.Pattern:
    """A data pattern compiled for Python: PatternProblem if the browser would read it differently,
    re.error if Python cannot read it at all. Its `.pattern` is the portable text the browser gets."""
    return re.compile(portable_source(source))


def find(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Every match of a data pattern in `text`: the one place such patterns are run (`first` and
    `remove` go through it too), so a time limit on matching fits here."""
    return pattern.finditer(text)


def first(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first match, or None (a pattern that starts with ^ matches at the start only)."""
    return next(find(pattern, text), None)


def remove(pattern: re.Pattern, text: str) -> str:
    """`text` without every match of `pattern`."""
    out, last = [], 0
    for m in find(pattern, text):
        out.append(text[last : m.start()])
        last = m.end()
    return "".join(out) + text[last:] if out else text
