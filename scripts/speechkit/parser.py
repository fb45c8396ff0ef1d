"""Read a variant file into the model, line by line, keeping every line number.

The parser is forgiving: it never raises on bad text. What it cannot make sense of becomes a
Finding (file, line, fix), and the checks in `checks.py` judge the rest of the model.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .findings import Finding
from .model import ANNOTATION_KINDS, GUIDE_KINDS, Block, Marker, Note, Section, Variant
from .text import CN_DIGITS, cn_number

ROLE_COMMENT = re.compile(r"\s*<!--\s*role\s*[:：]\s*(.*?)\s*-->\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NOTE = re.compile(r"^(用途|改写|易错|注|提法|可删)\s*(?:「([^」]*)」)?\s*[：:]\s*(.*)$")
COMMENT_LINE = re.compile(r"^<!--.*-->$")
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 10x faster

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


def split_front_matter(text: str, path: Path) -> tuple[dict, dict[str, int], int, list[Finding]]:
    """Return (meta, line of each key, first body line, findings)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, {}, 1, [Finding(path, 1, "文件没有以 YAML 头部开始。", "在第一行写 ---，接着写 title、meeting 等字段，再以 --- 结束（见 docs/contributing/format.md）。")]
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        return {}, {}, 1, [Finding(path, 1, "YAML 头部没有结束标记。", "在头部字段之后单独写一行 ---。")]
    raw = "\n".join(lines[1:end])
    try:
        meta = yaml.load(raw, Loader=FAST_LOADER) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or "格式不对"
        return {}, {}, end + 2, [Finding(path, line, f"YAML 头部无法解析（{problem}）。", "检查这一行的缩进和冒号；值里有冒号或引号时，整个值用英文单引号括起来。")]
    if not isinstance(meta, dict):
        return {}, {}, end + 2, [Finding(path, 2, "YAML 头部应当是“字段: 值”的形式。", "每行写一个字段，例如 title: 区委巡察组进驻动员会讲话。")]
    key_lines = {}
    for number, line in enumerate(lines[1:end], start=2):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if m:
            key_lines.setdefault(m.group(1), number)
    meta = {str(k): v for k, v in meta.items()}
    return meta, key_lines, end + 2, []


def parse_heading(level: int, text: str, line: int) -> Section:
    role = None
    m = ROLE_COMMENT.search(text)
    if m:
        role = m.group(1)
        text = text[: m.start()].rstrip()
    section = Section(level=level, title=text.strip(), line=line, role=role)
    section.marker = read_marker(section.title)
    return section


def parse_variant(path: Path, text: str | None = None) -> tuple[Variant, list[Finding]]:
    if text is None:
        text = path.read_text(encoding="utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta, key_lines, body_line, findings = split_front_matter(text, path)
    lines = text.split("\n")
    variant = Variant(path=path, slug=path.stem, meta=meta, meta_lines=key_lines, body_line=body_line, lines=lines)

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
        block = Block(text=content, line=paragraph_line, marker=read_marker(content))
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
        if COMMENT_LINE.match(stripped):
            flush()
            continue
        heading = HEADING.match(stripped)
        if heading:
            flush()
            level = len(heading.group(1))
            if level == 2:
                top = section = parse_heading(1, heading.group(2), number)
                variant.sections.append(top)
                last = top
            elif level == 3:
                sub = parse_heading(2, heading.group(2), number)
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
