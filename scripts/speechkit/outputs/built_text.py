"""The visible text of each page of a built site (its <article>), for measuring search recall:
which pages hold a query is decided from the pages themselves, never from the search index."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..base import SPEECHES_URI

SKIP_CLASSES = {"note-ref", "headerlink", "section-meta"}  # UI, or marked data-search-exclude
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "summary", "tr", "section", "details"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}


class _ArticleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element inside the article: is its text skipped
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if not self.stack:
            if tag == "article":
                self.stack.append(False)
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(self.stack[-1] or bool(classes & SKIP_CLASSES) or tag in ("script", "style"))
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        self.stack.pop()
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.stack and not self.stack[-1]:
            self.parts.append(data.replace("\n", " "))  # a line break in HTML is a space


def page_texts(site: Path) -> dict[str, str]:
    """URL path of each page ("/", "/speeches/x/") → its article text, lower case, one block a line."""
    texts = {}
    for path in sorted(site.rglob("index.html")):
        parser = _ArticleText()
        parser.feed(path.read_text(encoding="utf-8"))
        rel = path.parent.relative_to(site).as_posix()
        texts["/" if rel == "." else f"/{rel}/"] = re.sub(r"[ \t\u00a0]+", " ", "".join(parser.parts)).lower()
    return texts


def pages_with(texts: dict[str, str], query: str) -> set[str]:
    """Pages that hold every word of the query (within one block each)."""
    words = query.lower().split()
    return {path for path, text in texts.items() if all(any(w in line for line in text.split("\n")) for w in words)}


def pages_with_phrase(texts: dict[str, str], query: str) -> set[str]:
    words = query.lower().split()
    return {path for path, text in texts.items() if "".join(words) in text or " ".join(words) in text}


def right_pages(first: dict, variants: list) -> set[str]:
    """URL paths of the pages an everyday query should put first (tests/fixtures/search_ranking.yml):
    `page`, or every template whose front matter fits (a list value: any of it; title_has: in the title)."""
    if "page" in first:
        return {f"/{first['page']}"}
    def fits(variant) -> bool:
        for key, wanted in first.items():
            if key == "title_has":
                if wanted not in variant.title:
                    return False
            elif str(variant.meta.get(key, "")) not in (wanted if isinstance(wanted, list) else [wanted]):
                return False
        return True
    return {f"/{SPEECHES_URI}/{v.slug}/" for v in variants if fits(v)}
