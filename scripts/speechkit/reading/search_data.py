"""What the site search ranks and explains with: synonyms (data/search_synonyms.yml), weights, stop
words and messages (data/search_ranking.yml) and the word list queries are split on
(data/search_words.yml). Checked as they load, like every registry: file, line, fix, no traceback.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..base import Finding
from .registry import DataFileError, load_yaml

SYNONYMS_FILE, RANKING_FILE, WORDS_FILE = "search_synonyms.yml", "search_ranking.yml", "search_words.yml"
FIELDS = ("title", "meta", "heading", "body")
KINDS = ("template", "guide", "listing", "generated")
LINKS = ("picker", "placeholders")
MESSAGES = ("found", "partial", "synonyms", "placeholder", "unit", "none", "short", "stop", "picker")
CODES = re.compile(r"\{([^{}]*)\}")
KNOWN_CODES = {"query", "count", "terms", "synonyms"}
LONGEST_WORD = 24  # the longest registered 提法 is about 20 characters
MOST_WORDS = 50_000
LONGEST_MESSAGE = 300
LINK = re.compile(r"[a-z0-9_./-]+\.md(?:#[a-z0-9_-]+)?")


@dataclass(frozen=True)
class SearchData:
    synonyms: tuple[tuple[str, ...], ...]
    broader: dict[str, str]  # word → a broader word it also finds (县委 → 党委), never the other way
    weights: dict  # fields, phrase, repeat, repeat_cap, title_cover, synonym, kinds, min_chars
    stop_words: tuple[str, ...]
    unit_suffixes: tuple[str, ...]
    links: dict[str, str]  # name → docs/ path, optionally with #anchor
    messages: dict[str, str]
    words: tuple[str, ...]


def data_line(text: str, needle: str, within: str = "") -> int:
    """The line of `needle` outside the comments (after the line that starts `within:`, if given)."""
    start = 0
    if within:
        table = re.search(rf"^{re.escape(within)}:", text, re.M)
        start = table.start() if table else 0
    for number, line in enumerate(text[start:].split("\n"), start=text.count("\n", 0, start) + 1):
        if needle in line.split("#", 1)[0] or (needle in line and not line.lstrip().startswith("#")):
            return number
    return 1


def _fail(path: Path, text: str, needle: str, message: str, fix: str, within: str = "") -> None:
    raise DataFileError(Finding(path, data_line(text, needle, within), message, fix))


def _is_word(value: object) -> bool:
    """A word a query can hold: text without spaces or control characters, not too long."""
    return (isinstance(value, str) and 0 < len(value) <= LONGEST_WORD
            and not any(c.isspace() or unicodedata.category(c)[0] == "C" for c in value))


def _number(path: Path, text: str, name: str, value: object, low: float, high: float, within: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        _fail(path, text, f"{name}:", f"{name} 应当是 {low:g} 到 {high:g} 之间的数，现在是“{value}”。", f"改为 {low:g} 到 {high:g} 之间的数。", within)
    return value


def _words(path: Path, text: str, name: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(_is_word(w) for w in value):
        _fail(path, text, f"{name}:", f"{name} 应当是词的列表（每个词 1～{LONGEST_WORD} 个字，不含空格）。", f"写成 {name}: [词, 词]。")
    return tuple(value)


def load_synonyms(path: Path) -> tuple[tuple[tuple[str, ...], ...], dict[str, str]]:
    raw, text = load_yaml(path)
    groups = raw.get("groups") if isinstance(raw, dict) else None
    if not isinstance(groups, list) or not groups:
        _fail(path, text, "groups:", "没有近义词组（groups）。", "写成 groups: 下面每行一组：- [词, 词]。")
    seen: dict[str, int] = {}
    out = []
    for number, group in enumerate(groups, start=1):
        needle = f"[{group[0]}" if isinstance(group, list) and group and isinstance(group[0], str) else "groups:"
        if not isinstance(group, list) or len(group) < 2 or not all(_is_word(w) for w in group):
            _fail(path, text, needle, f"第 {number} 组近义词写得不对：要有两个以上的词，每个词 1～{LONGEST_WORD} 个字，不含空格。",
                  "写成 - [词, 近义词]。")
        for word in group:
            if word in seen:
                _fail(path, text, needle, f"“{word}”在第 {seen[word]} 组和第 {number} 组里都有。", "一个词只写在一组里：合并这两组，或删去其中一处。")
            seen[word] = number
        out.append(tuple(group))
    broader = raw.get("broader") or {}
    if not isinstance(broader, dict):
        _fail(path, text, "broader:", "broader 应当是“词: 更宽泛的词”的形式。", "每行写一对，如 县委: 党委。")
    for word, wider in broader.items():
        if not (_is_word(word) and _is_word(wider)) or word == wider:
            _fail(path, text, f"{word}:", f"broader 的“{word}: {wider}”写得不对：两边都要是词（不含空格），且不相同。", "写成 县委: 党委 这样的一行。", "broader")
    return tuple(out), {str(k): str(v) for k, v in broader.items()}


def load_ranking(path: Path) -> tuple[dict, tuple[str, ...], tuple[str, ...], dict[str, str], dict[str, str]]:
    raw, text = load_yaml(path)
    if not isinstance(raw, dict):
        _fail(path, text, "fields:", "排序设置应当是“名称: 值”的形式。", "按文件开头的说明写。")
    weights: dict = {}
    for table, keys in (("fields", FIELDS), ("phrase", FIELDS), ("kinds", KINDS)):
        values = raw.get(table)
        if not isinstance(values, dict) or set(values) != set(keys):
            _fail(path, text, f"{table}:", f"{table} 应当正好有这几项：{'、'.join(keys)}。", f"在 {table}: 下面每项写一行“名称: 数”。")
        weights[table] = {key: _number(path, text, key, values[key], 0, 1000 if table != "kinds" else 1, table) for key in keys}
    for name, low, high in (("repeat", 0, 100), ("repeat_cap", 0, 100), ("title_cover", 0, 1000), ("synonym", 0.01, 1), ("broader", 0.01, 1),
                            ("min_chars", 1, 5)):
        weights[name] = _number(path, text, name, raw.get(name), low, high)
    stop_words = _words(path, text, "stop_words", raw.get("stop_words"))
    unit_suffixes = _words(path, text, "unit_suffixes", raw.get("unit_suffixes"))
    links = raw.get("links")
    if not isinstance(links, dict) or set(links) != set(LINKS):
        _fail(path, text, "links:", f"links 应当正好有这几项：{'、'.join(LINKS)}。", "每项写一行，如 picker: index.md#pick。")
    for key, target in links.items():
        if not isinstance(target, str) or not LINK.fullmatch(target):
            _fail(path, text, f"{key}:", f"links 的 {key} 应当是 docs/ 下的一个 .md 文件（可带 #锚点），现在是“{target}”。",
                  "写成 index.md#pick 这样的路径，不写网址。", "links")
    messages = raw.get("messages")
    if not isinstance(messages, dict) or set(messages) != set(MESSAGES):
        _fail(path, text, "messages:", f"messages 应当正好有这几项：{'、'.join(MESSAGES)}。", "按文件开头的说明补上或删去。")
    for key, message in messages.items():
        if not isinstance(message, str) or not 0 < len(message) <= LONGEST_MESSAGE or any(unicodedata.category(c)[0] == "C" for c in message):
            _fail(path, text, f"{key}:", f"说明 {key} 应当是一行文字（不超过 {LONGEST_MESSAGE} 个字）。", "写成一行，不要换行。", "messages")
        unknown = set(CODES.findall(message)) - KNOWN_CODES
        if unknown:
            _fail(path, text, f"{key}:", f"说明 {key} 里的代号 {{{sorted(unknown)[0]}}} 不认识。",
                  f"只用这几个代号：{'、'.join('{' + c + '}' for c in sorted(KNOWN_CODES))}。", "messages")
    return weights, stop_words, unit_suffixes, dict(links), dict(messages)


def load_words(path: Path) -> tuple[str, ...]:
    raw, text = load_yaml(path)
    words = raw.get("words") if isinstance(raw, dict) else None
    if not isinstance(words, str):
        _fail(path, text, "words:", "没有词表（words）。", "运行 make search-words 重新生成这个文件。")
    split = words.split()
    if len(split) > MOST_WORDS:
        _fail(path, text, "words:", f"词表有 {len(split):,} 个词，超过上限 {MOST_WORDS:,}。", "运行 make search-words 重新生成这个文件。")
    bad = next((w for w in split if not _is_word(w)), None)
    if bad is not None:
        _fail(path, text, bad, f"词表里的“{bad[:30]}”不是一个词（太长或含控制字符）。", "运行 make search-words 重新生成这个文件，不要手改。")
    return tuple(split)


def load_search_data(data_dir: Path) -> SearchData:
    weights, stop_words, unit_suffixes, links, messages = load_ranking(data_dir / RANKING_FILE)
    synonyms, broader = load_synonyms(data_dir / SYNONYMS_FILE)
    return SearchData(
        synonyms=synonyms, broader=broader, weights=weights, stop_words=stop_words, unit_suffixes=unit_suffixes,
        links=links, messages=messages, words=load_words(data_dir / WORDS_FILE),
    )
