"""The YAML front matter of a variant (or of one of our own pages), read event by event.

Only the shape we use is accepted: one mapping of `key: value`, where a value is a piece of text
or a list of pieces of text. Every scalar stays a string (`2026-02-30` is text here; the checks
validate dates against data/front_matter.yml), so nothing is ever constructed from the YAML and no
exception escapes. Anchors and aliases (the "billion laughs" bomb), explicit tags, nested
mappings, duplicate keys and oversized values are refused at the first event that shows them,
each with its own Chinese message, so refusing costs no more than reading.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..base import Finding
from .source import Limits

PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 10x faster
NULLS = {"", "~", "null", "Null", "NULL"}
FORMAT_GUIDE = "docs/contributing/format.md"
QUOTE_HINT = "值里有英文冒号、井号或引号时，用英文单引号把整个值括起来；中文行文请用全角标点（：＃“”）。"
# libyaml's problem texts → what a contributor should hear. The first whose words occur wins.
PROBLEMS = (
    ("mapping values are not allowed", "这一行多了一个冒号", QUOTE_HINT),
    ("found character '\\t'", "这一行用了 Tab 缩进", "YAML 只能用空格缩进：把行首的 Tab 换成两个空格。"),
    ("cannot start any token", "这一行以 YAML 不允许的字符开头（如 @、`、%、Tab）", QUOTE_HINT),
    ("could not find expected ':'", "这一行缺少冒号，或上一行的引号没有配对", "每行写成“字段: 值”（冒号后有一个空格）；检查引号是否成对。"),
    ("unexpected end of stream", "引号或括号没有配对", "检查这一行的值：引号、方括号都要成对；不需要时去掉它们。"),
    ("unknown escape character", "双引号里有反斜杠“\\”", "改用英文单引号括起整个值，或删去反斜杠。"),
    ("expected <block end>", "这一行的缩进与上下文不一致", "字段名顶格写；列表项以两个空格加“- ”开头。"),
    ("did not find expected key", "这一行的缩进与上下文不一致", "字段名顶格写；列表项以两个空格加“- ”开头。"),
    ("did not find expected '-'", "列表的缩进不一致", "列表的每一项都以两个空格加“- ”开头。"),
    ("did not find expected", "这一行的写法不对（括号、引号或逗号不成对）", QUOTE_HINT),
    ("found undefined", "用了 YAML 的别名（*）", "头部不用锚点（&）和别名（*），每个字段直接写出它的值。"),
    ("alias", "用了 YAML 的别名（*）", "头部不用锚点（&）和别名（*），每个字段直接写出它的值。"),
    ("anchor", "用了 YAML 的锚点（&）", "头部不用锚点（&）和别名（*），每个字段直接写出它的值。"),
    ("tag", "用了 YAML 标签（!）", "删去以“!”开头的标签，直接写值。"),
    ("directive", "用了 YAML 指令（%）", "删去以“%”开头的行。"),
)


@dataclass
class FrontMatter:
    values: dict[str, str | list[str]] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # line of each key
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # line of each list item
    body_line: int = 1  # first line after the closing ---
    findings: list[Finding] = field(default_factory=list)


class _Refused(Exception):
    """Stops reading events at the first thing we do not accept."""

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


def header_end(lines: list[str], limits: Limits) -> int | None:
    """Index of the closing --- (the opening one is lines[0]), looked for within the line limit."""
    for index in range(1, min(len(lines), limits.max_front_matter_lines + 2)):
        if lines[index].strip() == "---":
            return index
    return None


def parse_front_matter(path: Path, lines: list[str], limits: Limits, *, required: bool = True) -> FrontMatter:
    """Front matter of `lines` (a file split on \\n). With `required`, a file without one is a finding."""
    result = FrontMatter()
    if not lines or lines[0].strip() != "---":
        if required:
            result.findings.append(Finding(path, 1, "文件没有以 YAML 头部开始。", f"在第一行写 ---，接着写 title、meeting 等字段，再以 --- 结束（见 {FORMAT_GUIDE}）。"))
        return result
    end = header_end(lines, limits)
    if end is None:
        if any(line.strip() == "---" for line in lines[1:]):
            result.findings.append(Finding(path, 1, f"YAML 头部太长（超过 {limits.max_front_matter_lines} 行的上限）。", "头部只写登记过的字段，每个字段一两行；正文写在第二个 --- 之后。"))
        else:
            result.findings.append(Finding(path, 1, "YAML 头部没有结束标记。", "在头部字段之后单独写一行 ---。"))
        return result
    result.body_line = end + 2
    raw = "\n".join(lines[1:end])
    if not raw.strip():
        result.findings.append(Finding(path, 1, "YAML 头部是空的。", f"在两行 --- 之间写 title、meeting 等字段（见 {FORMAT_GUIDE}）。"))
        return result
    try:
        _read_mapping(yaml.parse(raw, Loader=PARSER), result, limits)
    except _Refused as refused:
        result.values, result.key_lines, result.item_lines = {}, {}, {}
        result.findings.append(Finding(path, refused.line, refused.message, refused.fix))
    except yaml.YAMLError as exc:
        result.values, result.key_lines, result.item_lines = {}, {}, {}
        result.findings.append(_yaml_error(path, exc))
    return result


def _line(event) -> int:
    return event.start_mark.line + 2  # +1 for counting from one, +1 for the opening ---


def _refuse_extras(event) -> None:
    """Anchors, aliases and explicit tags: refused wherever they appear."""
    if isinstance(event, yaml.AliasEvent):
        raise _Refused(_line(event), f"YAML 头部用了别名“*{event.anchor}”。", "头部不用锚点（&）和别名（*），每个字段直接写出它的值。")
    if getattr(event, "anchor", None) is not None:
        raise _Refused(_line(event), f"YAML 头部用了锚点“&{event.anchor}”。", "头部不用锚点（&）和别名（*），每个字段直接写出它的值。")
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    explicit = tag is not None and (implicit is False or implicit == (False, False))
    if explicit:
        raise _Refused(_line(event), f"YAML 头部用了标签“{tag}”。", "删去以“!”开头的标签，直接写值。")


def _scalar(event, what: str, limits: Limits) -> str:
    value = event.value
    if event.style is None and value in NULLS:
        return ""
    if len(value) > limits.max_value_chars:
        raise _Refused(_line(event), f"{what}太长（{len(value):,} 字，上限 {limits.max_value_chars:,} 字）。", "头部的值写一两句话即可；详细的说明写进正文的“用途：”“改写：”注释。")
    return value


def _read_mapping(events, result: FrontMatter, limits: Limits) -> None:
    stream = iter(events)

    def next_event():
        event = next(stream, None)
        if event is None:  # libyaml ends every stream properly; this only guards the loop
            raise _Refused(1, "YAML 头部不完整。", "在两行 --- 之间写“字段: 值”，每行一个字段。")
        _refuse_extras(event)
        return event

    event = next_event()  # StreamStart
    event = next_event()  # DocumentStart
    if isinstance(event, yaml.StreamEndEvent):  # only comments between the two ---
        raise _Refused(1, "YAML 头部是空的（只有注释）。", f"在两行 --- 之间写 title、meeting 等字段（见 {FORMAT_GUIDE}）。")
    event = next_event()
    if not isinstance(event, yaml.MappingStartEvent):
        raise _Refused(_line(event), "YAML 头部应当是“字段: 值”的形式。", "每行写一个字段，例如 title: 区委巡察组进驻动员会讲话。")
    while True:
        event = next_event()
        if isinstance(event, yaml.MappingEndEvent):
            break
        if not isinstance(event, yaml.ScalarEvent):
            raise _Refused(_line(event), "字段名应当是一个简单的英文词。", f"写成“title: 值”的形式；字段名见 {FORMAT_GUIDE}。")
        key, key_line = event.value, _line(event)
        if not key or len(key) > 40:
            raise _Refused(key_line, "字段名是空的或太长。", f"写成“title: 值”的形式；字段名见 {FORMAT_GUIDE}。")
        if key in result.key_lines:
            raise _Refused(key_line, f"字段 {key} 写了两次（第 {result.key_lines[key]} 行和第 {key_line} 行）。", "删去其中一行：YAML 只保留后写的值，前一个会被悄悄丢掉。")
        result.key_lines[key] = key_line
        event = next_event()
        if isinstance(event, yaml.ScalarEvent):
            result.values[key] = _scalar(event, f"字段 {key} 的值", limits)
        elif isinstance(event, yaml.SequenceStartEvent):
            items, lines = [], []
            while True:
                event = next_event()
                if isinstance(event, yaml.SequenceEndEvent):
                    break
                if not isinstance(event, yaml.ScalarEvent):
                    raise _Refused(_line(event), f"字段 {key} 的列表项应当是一句话。", "列表的每一项写成“  - 一句话”，不要再嵌套列表或字段。")
                if len(items) >= limits.max_list_items:
                    raise _Refused(_line(event), f"字段 {key} 的列表太长（上限 {limits.max_list_items} 项）。", "只保留最重要的几项。")
                items.append(_scalar(event, f"字段 {key} 的列表项", limits))
                lines.append(_line(event))
            result.values[key] = items
            result.item_lines[key] = lines
        else:
            raise _Refused(_line(event), f"字段 {key} 的值不能再嵌套字段。", "值写成一句话，或写成以“  - ”开头的列表。")
    event = next_event()  # DocumentEnd
    event = next_event()
    if not isinstance(event, yaml.StreamEndEvent):
        raise _Refused(_line(event), "YAML 头部只能有一组字段。", "删去头部里单独的“...”或“---”行。")


def _yaml_error(path: Path, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 2 if mark is not None else 1
    words = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    for needle, message, fix in PROBLEMS:
        if needle in words:
            return Finding(path, line, f"YAML 头部无法解析：{message}。", fix)
    return Finding(path, line, "YAML 头部无法解析：这一行的写法不对。", f"每行写成“字段: 值”（冒号后有一个空格），列表项以“  - ”开头；{QUOTE_HINT}")
