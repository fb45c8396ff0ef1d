"""Spaces and line breaks that a PDF copy or a web page put into Chinese prose.

- “精 神” → “精神”: one or two spaces between two Chinese characters or punctuation marks are a
  PDF's letter spacing; a space next to a Latin word or a number (使用 WPS Office 模板) is real and stays.
- A wide gap between two characters (several spaces, full-width spaces, a run of underscores) is a
  blank the site left for a name: it becomes “__”, a mask the masks step turns into a placeholder.
- Lines cut at a fixed width (a PDF's visual lines) are joined back into paragraphs; a whole speech
  run into one line (a site that lost its line breaks) is broken again before 一、 and （一）.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .junk import Line
from ..reading import ImportRules

CHINESE = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…·"
BLANK = "__"  # what a gap becomes; the masks step reads it as a mask
SENTENCE_END = "。！？；：”’）〕】…」』!?;:"
MARKER_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．，,]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|同志们)")


@dataclass
class SpacingReport:
    joined_words: int = 0
    blanks: int = 0
    joined_lines: int = 0
    broken_lines: int = 0


def fix_spacing(lines: list[Line], rules: ImportRules, report: SpacingReport) -> list[Line]:
    gap = re.compile(rf"(?<=[{CHINESE}])(?: {{{rules.blank_min_spaces},}}|\u3000{{2,}}|[_＿]{{3,}})(?=[{CHINESE}])|[_＿]{{3,}}")
    split = re.compile(rf"(?<=[{CHINESE}]) {{1,2}}(?=[{CHINESE}])")
    out = []
    for line in lines:
        text = line.text.strip(" \u3000")  # indentation, including the full-width 　　 of Chinese paragraphs
        text, blanks = gap.subn(BLANK, text)
        text, joined = split.subn("", text)
        text = text.replace("\u3000", "")  # a single full-width space inside a line is layout, not content
        report.blanks += blanks
        report.joined_words += joined
        out.append(Line(line.number, text))
    return out


def join_wrapped_lines(lines: list[Line], report: SpacingReport) -> list[Line]:
    """Join lines a PDF cut mid-sentence, when the text as a whole looks cut at a fixed width."""
    filled = [line.text for line in lines if line.text]
    long_lines = [t for t in filled if len(t) >= 15]
    unfinished = [t for t in long_lines if t[-1] not in SENTENCE_END]
    if len(unfinished) < 5 or len(unfinished) < 0.4 * len(long_lines):
        return lines  # ordinary text: one paragraph a line
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if (
            previous is not None and previous.text and line.text
            and previous.text[-1] not in SENTENCE_END
            and len(previous.text) >= 15
            and not MARKER_START.match(line.text)
            # a heading keeps its own line, unless what follows is the short rest of that heading
            and not (MARKER_START.match(previous.text) and (len(line.text) * 2 > len(previous.text) or line.text[-1] in SENTENCE_END))
        ):
            out[-1] = Line(previous.number, previous.text + line.text)
            report.joined_lines += 1
            continue
        out.append(line)
    return out


def break_run_on_lines(lines: list[Line], rules: ImportRules, report: SpacingReport) -> list[Line]:
    """A very long line holding several numbered parts is split before each marker that follows a sentence."""
    out: list[Line] = []
    for line in lines:
        if len(line.text) <= rules.max_run_on_chars:
            out.append(line)
            continue
        pieces = [piece for piece in rules.run_on_breaks.split(line.text) if piece]
        report.broken_lines += len(pieces) - 1
        out += [Line(line.number, piece) for piece in pieces]
    return out
