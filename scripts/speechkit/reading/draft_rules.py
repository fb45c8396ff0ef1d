"""data/draft_check.yml: the settings and the wording of the draft checker (the 检查讲话稿 page and
`make lint`). Its rules come from the other registries; this file holds what is the checker's own:
the size limit, 密级 markings, web-page code, doubled words, and every message with its {fields}.

MESSAGE_FIELDS is the contract between the data file and the code (Python and the browser's
draft-check-rules.js): which messages there are and which {fields} each may use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base import DATA_DIR, DEFAULT_TIMEOUT, Finding, PatternProblem, data_pattern, portable_source
from .registry import DataFileError, load_yaml

DRAFT_RULES_FILE = "draft_check.yml"
FIELD = re.compile(r"\{([a-z_]+)\}")
NUMBERING = {"found", "expected"}
TIFA = {"found", "term", "why", "check"}
MESSAGE_FIELDS: dict[str, set[str]] = {
    "classified": {"found", "label"},
    "too_long": {"chars", "limit"},
    "empty": set(),
    "invisible": {"count", "codes"},
    "html": {"found"},
    "junk_line": {"found", "reason"},
    "junk_inline": {"found", "reason"},
    "tail": {"found"},
    "mask": {"found"},
    "mask_restore": {"found", "restored"},
    "fixed": {"found", "standard", "restored", "reason", "source"},
    "tifa_dated": TIFA | {"replacement"},
    "tifa_dated_since": TIFA | {"replacement", "since"},
    "tifa_expired": TIFA | {"expires"},
    "tifa_check": TIFA,
    "doubled": {"found", "word"},
    "punctuation": {"found", "context", "full"},
    "placeholder": {"found"},
    "numbering_skip": NUMBERING,
    "numbering_repeat": NUMBERING,
    "numbering_order": NUMBERING,
    "numbering_level": {"found", "parent"},
    "run_in": NUMBERING,
    "points": {"found", "count", "count_cn"},
    "points_labels": {"found", "last", "promised_cn"},
    "agenda": {"found", "count", "count_cn"},
}
PHRASE_FIELDS = {"replacement": {"replacement"}}
FILE_FIELDS = {"name", "size", "limit", "encoding"}
FILE_MESSAGES = ("not_supported", "too_big", "docx_broken", "docx_no_body", "docx_too_big", "docx_declaration", "binary", "encoding",
                 "read_failed", "opened")
SEVERITIES = ("problem", "hint")


@dataclass(frozen=True)
class Message:
    message: str
    why: str
    fix: str


@dataclass(frozen=True)
class Marking:
    label: str
    pattern: re.Pattern


@dataclass(frozen=True)
class DraftRules:
    path: Path
    max_chars: int
    classified: tuple[Marking, ...]
    html: re.Pattern
    doubled: re.Pattern
    doubled_allowed: re.Pattern
    junk_lines_skipped: frozenset[str]
    severities: dict[str, str]
    messages: dict[str, Message]
    phrases: dict[str, str]
    files: dict[str, str]  # what the page says about a file it cannot open (FILE_MESSAGES)


def fill(template: str, values: dict[str, object]) -> str:
    """`template` with each {field} replaced (the browser does the same, with the same pattern)."""
    return FIELD.sub(lambda m: str(values[m.group(1)]), template)


def _line(text: str, key: str) -> int:
    m = re.search(rf"^\s*-?\s*(?:label:\s*)?{re.escape(key)}\s*:", text, re.M) or re.search(re.escape(key), text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def load_draft_rules(data_dir: Path = DATA_DIR) -> DraftRules:
    path = data_dir / DRAFT_RULES_FILE
    raw, text = load_yaml(path)
    text_of_file = text

    def fail(key: str, message: str, fix: str) -> DataFileError:
        return DataFileError(Finding(path, _line(text, key), message, fix))

    if not isinstance(raw, dict):
        raise DataFileError(Finding(path, 1, "检查讲话稿的设置应当是“键: 值”的形式。", "对照仓库里的 data/draft_check.yml 恢复它的结构。"))

    def pattern(key: str, source: object, where: str) -> re.Pattern:
        if not isinstance(source, str) or not source:
            raise fail(key, f"{where}不是正则表达式。", "写成单引号括起来的一行正则表达式。")
        try:
            text = portable_source(source)
        except PatternProblem as exc:
            raise fail(key, f"{where}“{source[:40]}”不能用：{exc}。", "改正这个正则表达式，只用 Python 和浏览器都认的写法（见 scripts/speechkit/base/portable.py）。") from None
        # checked for shapes that can hang, and time-boxed when it runs (speechkit.base.patterns)
        compiled = data_pattern(text, path, _line(text_of_file, key), f"{where}“{source[:40]}”", DEFAULT_TIMEOUT)
        if compiled.search("") is not None and key != "allowed":
            raise fail(key, f"{where}“{source[:40]}”会匹配空文字。", "写出要找的字。")
        return compiled

    max_chars = raw.get("max_chars")
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0:
        raise fail("max_chars", "max_chars 应当是正整数。", "写成 max_chars: 40000。")
    classified = []
    for entry in raw.get("classified") or []:
        if not isinstance(entry, dict) or not entry.get("label"):
            raise fail("classified", "classified 的每一项都要有 label 和 pattern。", "照文件里已有的项写。")
        classified.append(Marking(str(entry["label"]), pattern(str(entry["label"]), entry.get("pattern"), f"密级标志“{entry['label']}”的模式")))
    if not classified:
        raise fail("classified", "没有列出密级标志（classified）。", "至少列出“秘密★”“机密”“绝密”“内部资料”的写法。")
    doubled = raw.get("doubled")
    if not isinstance(doubled, dict):
        raise fail("doubled", "doubled 应当写 pattern 和 allowed 两项。", "照文件开头的说明写。")
    doubled_pattern = pattern("doubled", doubled.get("pattern"), "重复词的模式")
    if doubled_pattern.groups < 1:
        raise fail("doubled", "重复词的模式没有分组：第 1 组应当是重复的那个词。", "写成 '([\\u4e00-\\u9fff]{2,6})\\1'。")
    skipped = raw.get("junk_lines_skipped") or []
    if not isinstance(skipped, list) or not all(isinstance(s, str) for s in skipped):
        raise fail("junk_lines_skipped", "junk_lines_skipped 应当是 import.yml 里整行删除规则的 reason 列表。", "每行写一个 reason，以“  - ”开头。")
    severities = raw.get("severities")
    if not isinstance(severities, dict) or any(not isinstance(severities.get(k), str) or not severities.get(k) for k in SEVERITIES):
        raise fail("severities", "severities 应当写 problem 和 hint 两个等级的名称。", "例如 problem: 问题、hint: 提示。")
    phrases = raw.get("phrases") or {}
    for key, allowed in PHRASE_FIELDS.items():
        value = phrases.get(key) if isinstance(phrases, dict) else None
        if not isinstance(value, str) or not value:
            raise fail("phrases", f"phrases 缺少 {key}。", "照文件里已有的项写。")
        unknown = set(FIELD.findall(value)) - allowed
        if unknown:
            raise fail(key, f"phrases 的 {key} 用了不认识的 {{{'}、{'.join(sorted(unknown))}}}。", f"只用 {{{'}、{'.join(sorted(allowed))}}}。")
    files = raw.get("files") if isinstance(raw.get("files"), dict) else {}
    for key in FILE_MESSAGES:
        value = files.get(key)
        if not isinstance(value, str) or not value:
            raise fail("files", f"files 缺少 {key}。", "照文件里已有的项写。")
        unknown = set(FIELD.findall(value)) - FILE_FIELDS
        if unknown:
            raise fail(key, f"files 的 {key} 用了不认识的 {{{'}、{'.join(sorted(unknown))}}}。", f"只用 {{{'}、{'.join(sorted(FILE_FIELDS))}}}。")
    messages: dict[str, Message] = {}
    given = raw.get("messages")
    if not isinstance(given, dict):
        raise fail("messages", "缺少 messages。", "照文件开头的说明写出每一类意见的说法。")
    for kind, allowed in MESSAGE_FIELDS.items():
        entry = given.get(kind)
        if not isinstance(entry, dict) or not isinstance(entry.get("message"), str) or not isinstance(entry.get("fix"), str):
            raise fail("messages", f"messages 缺少 {kind}，或它没有 message 和 fix。", f"为 {kind} 写 message（哪里不对）和 fix（怎么改）。")
        parts = {name: str(entry.get(name) or "") for name in ("message", "why", "fix")}
        for name, value in parts.items():
            unknown = set(FIELD.findall(value)) - allowed
            if unknown:
                raise fail(kind, f"{kind} 的 {name} 用了不认识的 {{{'}、{'.join(sorted(unknown))}}}。",
                           f"{kind} 只能用 {{{'}、{'.join(sorted(allowed)) or '（无）'}}}" if allowed else f"{kind} 的说法里不填内容，删去花括号。")
        messages[kind] = Message(**parts)
    for kind in given:
        if kind not in MESSAGE_FIELDS:
            raise fail(str(kind), f"messages 里的 {kind} 不是检查讲话稿的一类意见。", f"删去它，或改为以下之一：{'、'.join(MESSAGE_FIELDS)}。")
    return DraftRules(
        path=path, max_chars=max_chars, classified=tuple(classified),
        html=pattern("html", raw.get("html"), "网页代码的模式"), doubled=doubled_pattern,
        doubled_allowed=pattern("allowed", doubled.get("allowed"), "可以叠用的词"),
        junk_lines_skipped=frozenset(skipped), severities={k: severities[k] for k in SEVERITIES},
        messages=messages, phrases={k: phrases[k] for k in PHRASE_FIELDS}, files={k: files[k] for k in FILE_MESSAGES},
    )
