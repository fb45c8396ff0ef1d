"""Characters that must not hide in input or reach a terminal raw: one definition for the readers
of variants, our pages and data files (which refuse them, naming the code point), for file names,
and for every message we print (which shows them escaped, `\\u202e`, never raw).

Invisible characters change what a text means while looking the same: a soft hyphen or U+034F
inside a 提法 slips past the check for it, U+0085 (NEL) is a line break to YAML and makes a hidden
key, bidirectional controls reorder what a reviewer reads ("Trojan Source"), noncharacters such as
U+FFFF are not text at all and break XML. Control characters and ANSI escapes in a file name or a
value would rewrite the terminal or a CI log (a line starting `::` is a GitHub Actions command).
"""
from __future__ import annotations

import re

INVISIBLE_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 controls but tab and line ends; DEL; C1 controls (U+0085 NEL)
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"  # soft hyphen, grapheme joiner, fillers, selectors
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f"  # zero width, bidi marks and overrides, separators, invisible operators
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"  # Hangul filler, variation selectors, BOM, annotation controls
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"  # noncharacters, lone surrogates
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"  # musical format controls, tags, variation selectors supplement
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))  # U+1FFFE … U+10FFFF
)
INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]")
# What a printed message never holds raw: the invisible characters and every line break or tab.
TERMINAL_UNSAFE = re.compile(f"[{INVISIBLE_CLASS}\t\n\r]")

NAMES = {
    "\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\ufeff": "字节顺序标记（BOM）",
    "\u2028": "行分隔符", "\u2029": "段分隔符", "\u0085": "下一行符（NEL，YAML 把它当作换行）", "\u00ad": "软连字符",
    "\u034f": "组合字形连接符", "\u2060": "连接符（Word Joiner）", "\u3164": "朝鲜文填充符",
}


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def invisible_name(char: str) -> str:
    """What a contributor is told they have: 零宽空格、控制字符、双向文本控制符……"""
    value = ord(char)
    if char in NAMES:
        return NAMES[char]
    if value in (0x0A, 0x0D):
        return "换行符"
    if value < 0x20 or 0x7F <= value <= 0x9F:
        return "控制字符"
    if 0xD800 <= value <= 0xDFFF:
        return "无效字符（孤立的代理项）"
    if 0xFDD0 <= value <= 0xFDEF or value & 0xFFFE == 0xFFFE:
        return "非字符（不是文字，会使 Word 文件和网页出错）"
    if 0x202A <= value <= 0x202E or 0x2066 <= value <= 0x2069 or value in (0x200E, 0x200F, 0x061C):
        return "双向文本控制符（会颠倒显示顺序）"
    if 0xFE00 <= value <= 0xFE0F or value >= 0xE0100:
        return "变体选择符"
    return "排版控制字符"


def escaped(char: str) -> str:
    value = ord(char)
    return f"\\u{value:04x}" if value <= 0xFFFF else f"\\U{value:08x}"


def terminal_text(text: object) -> str:
    """`text` as one printable line: control, invisible and line-break characters written as \\u202e."""
    text = str(text)
    return TERMINAL_UNSAFE.sub(lambda m: escaped(m.group(0)), text) if TERMINAL_UNSAFE.search(text) else text


def first_invisible(text: str) -> re.Match | None:
    return INVISIBLE.search(text)
