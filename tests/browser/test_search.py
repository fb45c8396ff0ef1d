"""Search (our worker behind Material's search box) in headless Chromium: every page that holds
the typed words is found, pages with the whole phrase come first, and the whole phrase is highlighted.
The expected pages come from the built HTML, not from the index the worker reads."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
QUERIES = yaml.safe_load((ROOT / "tests" / "fixtures" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
SKIP_CLASSES = {"note-ref", "headerlink", "section-meta"}  # marked data-search-exclude, or UI
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "summary", "tr", "section", "details"}


class _ArticleText(HTMLParser):
    """The text of a page's article (what a reader sees as the page), one block per line."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it skipped
        self.inside = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        classes = set((dict(attrs).get("class") or "").split())
        if not self.inside and tag == "article":
            self.inside = 1
            self.stack.append(False)
            return
        if self.inside:
            self.inside += 1
            skipped = bool(self.stack and self.stack[-1]) or bool(classes & SKIP_CLASSES) or tag in ("script", "style")
            self.stack.append(skipped)
            if tag in BLOCKS:
                self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.inside and tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.inside -= 1
            self.stack.pop()
            if tag in BLOCKS:
                self.parts.append("\n")

    def handle_data(self, data):
        if self.inside and not (self.stack and self.stack[-1]):
            self.parts.append(data)


def page_texts(site: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(site.rglob("index.html")):
        parser = _ArticleText()
        parser.feed(path.read_text(encoding="utf-8"))
        text = re.sub(r"[ \t\u00a0]+", " ", "".join(parser.parts)).lower()
        texts["/" + str(path.parent.relative_to(site)).replace(".", "").strip("/")] = text
    return {("/" + k.strip("/") + "/").replace("//", "/"): v for k, v in texts.items()}


def expected_pages(texts: dict[str, str], query: str) -> set[str]:
    words = query.lower().split()
    return {path for path, text in texts.items() if all(any(w in line for line in text.split("\n")) for w in words)}


def phrase_pages(texts: dict[str, str], query: str) -> set[str]:
    words = query.lower().split()
    return {path for path, text in texts.items() if "".join(words) in text or " ".join(words) in text}


def run_search(page, site_url: str, query: str) -> list[str]:
    """Type the query as a writer would and return the result pages, in order."""
    page.goto(f"{site_url}/")
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material's search listens for keyup
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("键入以开始搜索|正在初始化搜索引擎"))
    text = meta.inner_text()
    total = 0 if "没有" in text else int(re.search(r"\d+", text).group())
    items = page.locator(".md-search-result__item")
    for _ in range(50):  # Material renders 10 results, then more as the list scrolls
        if items.count() >= total:
            break
        wrap = page.locator(".md-search__scrollwrap")
        wrap.evaluate("e => e.scrollTo(0, 0)")
        page.wait_for_timeout(30)
        wrap.evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(70)
    assert items.count() == total
    hrefs = [items.nth(i).locator("a").first.get_attribute("href") for i in range(total)]
    return [unquote(urlsplit(h).path).removeprefix(urlsplit(site_url).path) for h in hrefs]


@pytest.fixture(scope="module")
def texts(built_site):
    texts = page_texts(built_site)
    assert len(texts) > 15
    return texts


def test_query_set_is_drawn_from_our_pages(texts):
    for query in QUERIES:
        assert expected_pages(texts, query), f"{query!r} is on no page: take queries from the pages"
    assert any(len(expected_pages(texts, q)) >= 5 for q in QUERIES)


@pytest.mark.parametrize("query", QUERIES)
def test_every_page_with_the_words_is_found_phrase_first(page, site_url, texts, query):
    found = run_search(page, site_url, query)
    expected = expected_pages(texts, query)
    assert set(found) == expected, (query, sorted(set(found) ^ expected))
    phrase = phrase_pages(texts, query) & expected
    assert set(found[: len(phrase)]) == phrase  # pages with the whole phrase come first
    assert page.console_errors == []


def test_whole_phrase_is_highlighted_in_results_and_on_the_page(page, site_url, texts):
    run_search(page, site_url, "两个维护")
    marks = page.locator(".md-search-result mark")
    assert marks.count() > 0
    assert set(marks.all_inner_texts()) == {"两个维护"}
    assert "两个以上" not in page.locator(".md-search-result").inner_text()
    page.locator(".md-search-result__item a").first.click()
    assert "h=" in page.url
    highlighted = page.locator("mark[data-md-highlight]")
    expect(highlighted.first).to_be_visible()
    assert set(highlighted.all_inner_texts()) == {"两个维护"}


def test_similar_word_is_not_a_hit(page, site_url, texts):
    """表态 is not 表述: the page that only has 表述 is not a result at all."""
    only_biaoshu = expected_pages(texts, "表述") - expected_pages(texts, "表态")
    found = run_search(page, site_url, "表态")
    assert found and not set(found) & only_biaoshu


def test_search_works_offline_from_file_url(page, offline_site):
    """The intranet build: the worker runs through the iframe-worker shim, the index from search_index.js."""
    page.goto((offline_site / "index.html").as_uri())
    box = page.locator(".md-search__input")
    box.click()
    box.fill("两个维护")
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert set(page.locator(".md-search-result mark").all_inner_texts()) == {"两个维护"}
    assert page.console_errors == []
