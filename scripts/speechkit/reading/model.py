"""The parsed model of a speech variant. Pages, checks, comparison pages and exports all read this."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..base import LEVEL_DEFAULT, LEVEL_MARK, at_level

# Kinds of `>` lines. Section guidance sits under a heading; annotations follow the text they explain.
GUIDE_KINDS = ("用途", "改写", "易错")
ANNOTATION_KINDS = ("注", "提法", "可删")  # 可删: the paragraph (or, under a heading, the part) may be cut for time
CUT_KIND = "可删"

OPENING = "开场"
CLOSING = "结束语"
AGENDA_ITEM = re.compile(r"^第([一二三四五六七八九十]+)项[：:]")  # 主持词 parts: 第一项：宣读巡察通知书
DRAFT = "草稿"  # the `status` of a variant still being written (data/front_matter.yml lists it)


@dataclass
class Note:
    kind: str  # one of GUIDE_KINDS or ANNOTATION_KINDS
    text: str
    line: int
    anchor: str | None = None  # the words in the text that an annotation explains


@dataclass
class Marker:
    """Numbering at the start of a heading or paragraph: 一、 （一） 1. （1） or 一是/一要."""

    level: int  # 1..4 for the GB/T 9704 hierarchy, 0 for run-in ordinals (一是、二是)
    value: int
    raw: str
    suffix: str = ""  # 是 or 要, for run-in ordinals


@dataclass
class Block:
    """One spoken paragraph. Its text, like a heading's, may hold 【名称】 placeholders and {区}
    level marks (base.LEVEL_MARK), kept as written: renderers turn each into its element or run."""

    text: str
    line: int
    last_line: int = 0  # the paragraph's last source line (it may be written on several)
    marker: Marker | None = None
    notes: list[Note] = field(default_factory=list)


@dataclass
class Section:
    level: int  # 1 for ##, 2 for ###
    title: str  # heading text as written, without the role comment
    line: int
    role: str | None = None
    marker: Marker | None = None
    guide: list[Note] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # annotations on the heading itself
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    chars: int | None = field(default=None, repr=False)  # spoken length, filled in once by stats.section_chars

    @property
    def is_opening(self) -> bool:
        return self.level == 1 and self.title == OPENING

    @property
    def is_closing(self) -> bool:
        return self.level == 1 and self.title == CLOSING

    @property
    def agenda_number(self) -> int | None:
        """N for a 主持词 part headed 第N项：…, else None."""
        if self.level != 1:
            return None
        m = AGENDA_ITEM.match(self.title)
        if not m:
            return None
        from ..base import cn_number

        return cn_number(m.group(1))

    @property
    def is_agenda(self) -> bool:
        return self.level == 1 and AGENDA_ITEM.match(self.title) is not None

    @property
    def effective_role(self) -> str | None:
        """The declared role; 开场 and 结束语 carry their role in their heading."""
        if self.role:
            return self.role
        return OPENING if self.is_opening else CLOSING if self.is_closing else None

    @property
    def heading_is_spoken(self) -> bool:
        """开场, 结束语 and 第N项 (主持词 agenda items) are labels for the writer; numbered headings are spoken."""
        return not (self.is_opening or self.is_closing or self.is_agenda)

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def spoken_lines(self, level: str = LEVEL_DEFAULT) -> list[str]:
        """The text a speaker reads, in order: heading (if spoken), paragraphs, sub-sections; {区}
        read as `level` (区, the level the templates are written at, unless another is asked for)."""
        lines = [self.title] if self.heading_is_spoken else []
        lines += [b.text for b in self.blocks]
        out = [at_level(line, level) for line in lines]
        for child in self.children:
            out += child.spoken_lines(level)
        return out


@dataclass
class Variant:
    path: Path
    slug: str
    meta: dict
    meta_lines: dict[str, int]
    body_line: int  # first line after the front matter
    sections: list[Section] = field(default_factory=list)
    lines: list[str] = field(default_factory=list, repr=False)  # the source, for checks on raw markup
    meta_item_lines: dict[str, list[int]] = field(default_factory=dict)  # line of each item of a list field

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.slug))

    @functools.cached_property
    def has_level_marks(self) -> bool:
        """Whether the speech marks its locality character ({区}): its page then offers 区/县/市/旗."""
        title = self.meta.get("speech_title")
        return (isinstance(title, str) and LEVEL_MARK in title) or any(
            LEVEL_MARK in s.title or any(LEVEL_MARK in b.text for b in s.blocks) for s in self.all_sections())

    @property
    def is_draft(self) -> bool:
        return self.meta.get("status") == DRAFT

    @property
    def src_uri(self) -> str:
        from ..base import SPEECHES_URI

        return f"{SPEECHES_URI}/{self.slug}.md"

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def numbered_sections(self) -> list[Section]:
        """The body parts between 开场 and 结束语: 一、二、… in a speech, 第一项、第二项… in a 主持词."""
        return [s for s in self.sections if not (s.is_opening or s.is_closing)]

    def spoken_lines(self, level: str = LEVEL_DEFAULT) -> list[str]:
        return [line for s in self.sections for line in s.spoken_lines(level)]

    @functools.cached_property
    def spoken_text(self) -> str:
        """The whole speech as read aloud, one line per heading or paragraph."""
        return "\n".join(self.spoken_lines())

    def spoken_source(self) -> Iterator[tuple[int, str]]:
        """(line, text) of everything spoken, as written in the file: the speech_title value, spoken
        headings, and each source line of a paragraph (one written on several lines gives several),
        so that a finding names the line to change and a fix changes exactly that text there."""
        title = self.meta.get("speech_title")
        if isinstance(title, str):
            yield self.meta_lines.get("speech_title", 1), title
        for section in self.all_sections():
            if section.heading_is_spoken:
                yield section.line, section.title
            for block in section.blocks:
                if block.line < block.last_line <= len(self.lines):
                    for number in range(block.line, block.last_line + 1):
                        yield number, self.lines[number - 1].strip()
                else:
                    yield block.line, block.text

    def all_notes(self) -> Iterator[tuple[Note, str]]:
        """Every annotation with the text it belongs to (heading or paragraph)."""
        for section in self.all_sections():
            for note in section.notes:
                yield note, section.title
            for block in section.blocks:
                for note in block.notes:
                    yield note, block.text
