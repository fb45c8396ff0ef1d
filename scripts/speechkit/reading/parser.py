"""Read a variant file into the model, line by line, keeping every line number.

The parser is forgiving: it never raises on bad text. What it cannot make sense of becomes a
Finding (file, line, fix), and the checks in `checks.py` judge the rest of the model.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..base import CN_DIGITS, Finding, cn_number
from .frontmatter import parse_front_matter
from .model import ANNOTATION_KINDS, GUIDE_KINDS, Block, Marker, Note, Section, Variant
from .registry import default_limits
from .source import Limits, check_text, read_source

# Every pattern here runs on lines of any content, so none may backtrack super-linearly: headings
# and role comments are taken apart with string methods, and quantifiers next to each other are
# possessive (*+), which Python 3.11 supports.
ROLE_PREFIX = re.compile(r"role\s*+[:：]")
HEADING_HASHES = re.compile(r"#{1,6}(?=\s)")
NOTE = re.compile(r"^(用途|改写|易错|注|提法|可删)\s*+(?:「([^」]*+)」)?\s*+[：:]\s*+(.*)$")

CN = f"[{CN_DIGITS}]+"
MARKERS = [  # (level, pattern); the first that matches wins
    (1, re.compile(rf"^({CN})、")),
    (2, re.compile(rf"^（({CN})）")),
    (3, re.compile(r"^(\d{1,2})[.．](?!\d)")),
    (4, re.compile(r"^（(\d{1,2})）")),
    (0, re.compile(rf"^({CN})(是|要)")),
]


def read_marker(text: str) -> Marker | None:
    for level, pattern in MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else cn_number(raw)
        if value is None:
            return None
        suffix = m.group(2) if level == 0 else ""
        return Marker(level=level, value=value, raw=m.group(0), suffix=suffix)
    return None


def split_heading(stripped: str) -> tuple[int, str] | None:
    """(level, text) of a Markdown ATX heading line (already stripped), closing #s removed."""
    m = HEADING_HASHES.match(stripped)
    if not m:
        return None
    text = stripped[m.end() :].strip()
    if text.endswith("#"):
        bare = text.rstrip("#")
        if not bare or bare[-1].isspace():  # "## 标题 ##" closes; "## C#" keeps its #
            text = bare.rstrip()
    return m.end(), text


def is_comment_line(stripped: str) -> bool:
    return stripped.startswith("<!--") and stripped.endswith("-->") and len(stripped) >= 7


def parse_heading(level: int, text: str, line: int) -> Section:
    role = None
    start = text.rfind("<!--")
    if start >= 0 and text.endswith("-->"):
        inner = text[start + 4 : -3].strip()
        m = ROLE_PREFIX.match(inner)
        if m:
            role = inner[m.end() :].strip()
            text = text[:start].rstrip()
    section = Section(level=level, title=text.strip(), line=line, role=role)
    section.marker = read_marker(section.title)
    return section


def parse_variant(path: Path, text: str | None = None, *, limits: Limits | None = None) -> tuple[Variant, list[Finding]]:
    """The model of one variant file. Input over a limit, in another encoding or binary is refused
    before parsing: the variant is then empty and the findings say why."""
    limits = limits or default_limits()
    text, refused = read_source(path, limits) if text is None else check_text(path, text, limits)
    if text is None:
        return Variant(path=path, slug=path.stem, meta={}, meta_lines={}, body_line=1), refused
    lines = text.split("\n")
    front = parse_front_matter(path, lines, limits)
    findings = front.findings
    body_line = front.body_line
    variant = Variant(path=path, slug=path.stem, meta=front.values, meta_lines=front.key_lines, body_line=body_line,
                      lines=lines, meta_item_lines=front.item_lines)

    section: Section | None = None  # the ## or ### section that text goes into
    top: Section | None = None
    last: Block | Section | None = None  # what a `>` line attaches to
    paragraph: list[str] = []
    paragraph_line = 0
    in_fence = False

    def flush() -> None:
        nonlocal paragraph, last
        if not paragraph:
            return
        content = "".join(part.strip() for part in paragraph)
        block = Block(text=content, line=paragraph_line, last_line=paragraph_line + len(paragraph) - 1, marker=read_marker(content))
        if section is None:
            findings.append(Finding(path, paragraph_line, "正文出现在第一个 ## 标题之前。", "把这段移到“## 开场”之下。"))
        else:
            section.blocks.append(block)
        last = block
        paragraph = []

    for number in range(body_line, len(lines) + 1):
        line = lines[number - 1]
        stripped = line.strip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            flush()
            if not in_fence:
                findings.append(Finding(path, number, "正文里不支持代码块。", "讲话稿正文直接写段落；需要说明的内容写成 > 注：……。"))
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not stripped:
            flush()
            continue
        if is_comment_line(stripped):
            flush()
            continue
        heading = split_heading(stripped)
        if heading:
            flush()
            level, heading_text = heading
            if level == 2:
                top = section = parse_heading(1, heading_text, number)
                variant.sections.append(top)
                last = top
            elif level == 3:
                sub = parse_heading(2, heading_text, number)
                if top is None:
                    findings.append(Finding(path, number, "### 小标题之前没有 ## 一级标题。", "先写“## 开场”或“## 一、……”，再写 ### 小标题。"))
                    top = Section(level=1, title="", line=number)
                    variant.sections.append(top)
                top.children.append(sub)
                section = last = sub
            else:
                findings.append(Finding(path, number, f"不支持 {'#' * level} 级标题。", "一级部分用 ##，二级部分用 ###；更低的层次写成以“1.”“（1）”开头的段落。"))
            continue
        if stripped.startswith(">"):
            flush()
            content = stripped.lstrip(">").strip()
            if not content:
                continue
            note_match = NOTE.match(content)
            if not note_match:
                findings.append(Finding(path, number, f"注释“{content[:20]}”开头不对。", "以“用途：”“改写：”“易错：”“注：”“注「原文」：”“提法「原文」：”或“可删：”开头。"))
                continue
            kind, anchor, body = note_match.groups()
            note = Note(kind=kind, text=body.strip(), line=number, anchor=anchor)
            if last is None:
                findings.append(Finding(path, number, "注释前面没有标题或段落。", "把注释放在它所说明的标题或段落之后。"))
            elif kind in GUIDE_KINDS:
                if isinstance(last, Section) and not last.blocks and not last.children:
                    last.guide.append(note)
                else:
                    findings.append(Finding(path, number, f"“{kind}：”是部分说明，只能紧跟在标题之后。", "把它移到本部分标题的下一行；说明某一段时改用“注：”。"))
            elif kind in ANNOTATION_KINDS:
                last.notes.append(note)
            continue
        if not paragraph:
            paragraph_line = number
        paragraph.append(stripped)
    flush()
    if in_fence:
        findings.append(Finding(path, len(lines), "代码块没有结束。", "删去正文里的 ``` 行。"))
    return variant, findings
