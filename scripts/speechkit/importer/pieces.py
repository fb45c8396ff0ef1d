"""What the importer builds an article into before writing it: paragraphs that remember their source
line and what a person must review, and the parts of the outline."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    line: int  # line in the source
    notes: list[str] = field(default_factory=list)  # for the report: what changed here, what to review
    out_line: int = 0  # line in the written draft (set by the writer)


@dataclass
class Part:
    """A numbered part: a ## 一、 heading (or, among children, a ### （一） heading) and its paragraphs."""

    heading: Para
    paras: list[Para] = field(default_factory=list)
    children: list["Part"] = field(default_factory=list)
    role: str | None = None

    def all_paras(self) -> list[Para]:
        out = [self.heading] + self.paras
        for child in self.children:
            out += child.all_paras()
        return out


@dataclass
class Outline:
    opening: list[Para] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the article as a whole

    def all_paras(self) -> list[Para]:
        out = list(self.opening)
        for part in self.parts:
            out += part.all_paras()
        return out + self.closing
