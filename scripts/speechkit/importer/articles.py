"""Split a collection page (【第一篇】, 篇一, 范文一…) into its articles and find each article's title."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .junk import Line, Removed
from ..reading import ImportRules

MAX_TITLE = 50
SENTENCE = re.compile(r"[。！？；]")


@dataclass
class Article:
    number: int  # 1-based position in the source
    title: str  # cleaned: no year, no 【第N篇】, may be ""
    raw_title: str
    line: int  # source line where the article starts
    lines: list[Line] = field(default_factory=list)


def _is_title(text: str, rules: ImportRules) -> bool:
    return 0 < len(text) <= MAX_TITLE and not SENTENCE.search(text) and not text.startswith("同志们")


def clean_title(text: str, rules: ImportRules) -> str:
    text = rules.title_noise.sub("", text)
    return re.sub(r"^[\s:：、.．\-—_]+|[\s:：、.．\-—_]+$", "", text)


def split_articles(lines: list[Line], rules: ImportRules, removed: list[Removed]) -> list[Article]:
    starts = [i for i, line in enumerate(lines) if line.text and any(sep.search(line.text) for sep in rules.article_separators)]
    if not starts:
        return [_single(lines, rules, removed)]
    header = [line for line in lines[: starts[0]] if line.text]
    for line in header:
        removed.append(Removed(line.number, line.text[:40], "合集页面的标题和导语"))
    articles = []
    for number, (start, end) in enumerate(zip(starts, starts[1:] + [len(lines)]), start=1):
        marker_line = lines[start]
        rest = marker_line.text
        for sep in rules.article_separators:
            rest = sep.sub("", rest)
        body = [line for line in lines[start + 1 : end] if line.text]
        raw = marker_line.text
        if not _is_title(rest.strip(), rules) and body and _is_title(body[0].text, rules) and not _is_heading(body[0].text):
            raw, body = body[0].text, body[1:]  # the separator stands alone; the title is the next line
            rest = raw
        articles.append(Article(number, clean_title(rest, rules) if _is_title(rest.strip(), rules) else "", raw, marker_line.number, body))
    return articles


def _is_heading(text: str) -> bool:
    return bool(re.match(r"^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[）)]", text))


def _single(lines: list[Line], rules: ImportRules, removed: list[Removed]) -> Article:
    """One speech: its title is a short line before “同志们” that names a speech or meeting."""
    body = [line for line in lines if line.text]
    title, raw = "", ""
    for index, line in enumerate(body):
        if line.text.startswith("同志们") or index > 8:
            break
        if _is_title(line.text, rules) and rules.title_words.search(line.text) and not _is_heading(line.text):
            raw, title = line.text, clean_title(line.text, rules)
            for earlier in body[:index]:
                removed.append(Removed(earlier.number, earlier.text[:40], "标题前的页面内容"))
            body = body[index + 1 :]
            break
    return Article(1, title, raw, body[0].number if body else 1, body)
