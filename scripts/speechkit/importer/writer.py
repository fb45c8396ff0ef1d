"""Write a draft variant in the project's format (docs/contributing/format.md), and put files on disk
all or nothing, never over an existing file."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..reading import CLOSING, MARKDOWN_BLOCK, OPENING
from .pieces import Outline, Para, Part

# Line starts that the variant parser or Markdown would read as syntax (headings, notes, fences, lists)
SYNTAX_START = re.compile(r"^(?:[#>*+=|`~\-\s]|<!--)+")


# What is left of a block start the checks refuse (!!!, ???, :::, 1) …) keeps its text in full-width forms
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "!?:=|[]^*)_+-"}


def safe_text(text: str) -> str:
    """Prose that stays prose: no leading Markdown syntax, no raw angle brackets."""
    text = SYNTAX_START.sub("", text.replace("<", "＜").replace(">", "＞")).strip()
    start = MARKDOWN_BLOCK.match(text)
    return text[: start.end()].translate(FULL_WIDTH) + text[start.end() :] if start else text


def draft_markdown(meta: dict, outline: Outline, comment: str) -> str:
    """The draft's text; every Para learns the line it was written on (for the report)."""
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6).rstrip("\n")
    lines = ["---", f"# {comment}", *header.split("\n"), "---", ""]

    def paragraphs(paras: list[Para]) -> None:
        for para in paras:
            para.text = safe_text(para.text)
            if not para.text:
                continue
            para.out_line = len(lines) + 1
            lines.extend([para.text, ""])

    def heading(level: str, para: Para, role: str | None) -> None:
        para.text = safe_text(para.text).replace("#", "")
        para.out_line = len(lines) + 1
        lines.extend([f"{level} {para.text}" + (f" <!-- role: {role} -->" if role else ""), ""])

    def part(item: Part, level: str) -> None:
        heading(level, item.heading, item.role)
        paragraphs(item.paras)
        for child in item.children:
            part(child, "###")

    lines.extend([f"## {OPENING}", ""])
    paragraphs(outline.opening)
    for item in outline.parts:
        part(item, "##")
    lines.extend([f"## {CLOSING}", ""])
    paragraphs(outline.closing)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_all(files: dict[Path, str]) -> None:
    """Create every file or none: a name that exists, or a write that fails, leaves nothing behind."""
    for target in files:
        if target.exists():
            raise FileExistsError(target)
    created: list[Path] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8") as out:
                created.append(target)
                out.write(text)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
