"""Split a collection page (【第一篇】, 篇一, 范文一…) into its articles and find each article's title,
and the speaker's line under it (titles.py, also where a page ran them into the first paragraph)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..reading import ImportRules
from .junk import Line, Removed
from .titles import Head, salutation_apart, speaker_lines, split_run_in, title_speaker

MAX_TITLE = 50
SENTENCE = re.compile(r"[。！？；]")


@dataclass
class Article:
    number: int  # 1-based position in the source
    title: str  # cleaned: no year, no 【第N篇】, may be ""
    raw_title: str
    line: int  # source line where the article starts
    lines: list[Line] = field(default_factory=list)
    speaker: str = ""  # the speaker's line, or the words before 在 in the title: read for the speaker
    notes: list[str] = field(default_factory=list)  # how the title and speaker were found, for the report


def _is_title(text: str, rules: ImportRules) -> bool:
    return 0 < len(text) <= MAX_TITLE and not SENTENCE.search(text) and not text.startswith("同志们")


def clean_title(text: str, rules: ImportRules) -> str:
    """The title without what sites add (years, 范文, 【】) and without the speaker before 在 (the
    speaker is a front-matter field; a main title before a dash stays: 凝心聚力——在……上的讲话)."""
    speaker = title_speaker(text, rules)
    if speaker:
        at = text.index(speaker) + len(speaker)
        main = re.match(r"^(.*?)[—–―]{1,2}", text[:at])
        text = (main.group(1) + "——" if main else "") + text[at:].lstrip(" 　")
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
        run_in = split_run_in(Line(marker_line.number, rest.strip()), rules) if not _is_title(rest.strip(), rules) else None
        if run_in is None and not _is_title(rest.strip(), rules) and body:
            run_in = split_run_in(body[0], rules)
            if run_in is not None:
                body = body[1:]
        if run_in is not None:  # the title ran into the speech
            articles.append(_with_head(Article(number, clean_title(run_in.title, rules), run_in.title, marker_line.number), run_in, run_in.body + body, rules))
            continue
        if not _is_title(rest.strip(), rules) and len(rest.strip()) > MAX_TITLE:
            body = [Line(marker_line.number, rest.strip())] + body  # the speech itself runs on after the marker
            rest = ""
        elif not _is_title(rest.strip(), rules) and body and _is_title(body[0].text, rules) and not _is_heading(body[0].text):
            raw, body = body[0].text, body[1:]  # the separator stands alone; the title is the next line
            rest = raw
        title = clean_title(rest, rules) if _is_title(rest.strip(), rules) else ""
        article = Article(number, title, raw, marker_line.number)
        articles.append(_with_head(article, Head(speaker=title_speaker(rest, rules)) if title else Head(), body, rules))
    return articles


def _with_head(article: Article, head: Head, body: list[Line], rules: ImportRules) -> Article:
    """The article with its body, the speaker's line taken out of it, and what was found said."""
    if article.title:
        body = speaker_lines(body, rules, head)
    body = salutation_apart(body, rules, head)
    article.lines, article.speaker, article.notes = body, head.speaker, head.notes
    if article.line == 0:
        article.line = body[0].number if body else 1
    return article


def _is_heading(text: str) -> bool:
    return bool(re.match(r"^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[）)]", text))


def _single(lines: list[Line], rules: ImportRules, removed: list[Removed]) -> Article:
    """One speech: its title is a short line before “同志们” that names a speech or meeting."""
    body = [line for line in lines if line.text]
    for index, line in enumerate(body):
        if line.text.startswith("同志们") or index > 8:
            break
        run_in = None if _is_title(line.text, rules) else split_run_in(line, rules)
        if run_in is None and not (_is_title(line.text, rules) and rules.title_words.search(line.text) and not _is_heading(line.text)):
            continue
        for earlier in body[:index]:
            removed.append(Removed(earlier.number, earlier.text[:40], "标题前的页面内容"))
        if run_in is not None:  # the title ran into the speech
            return _with_head(Article(1, clean_title(run_in.title, rules), run_in.title, line.number), run_in, run_in.body + body[index + 1 :], rules)
        head = Head(speaker=title_speaker(line.text, rules))
        return _with_head(Article(1, clean_title(line.text, rules), line.text, 0), head, body[index + 1 :], rules)
    return _with_head(Article(1, "", "", body[0].number if body else 1), Head(), body, rules)
