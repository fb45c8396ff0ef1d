"""Search (our worker behind Material's search box) in headless Chromium: every page that holds
the typed words is found, the whole phrase is highlighted, nothing is loaded until the first query,
and it works from file://. The expected pages come from the built HTML, not from the index the worker
reads. Ranking, synonyms and the first line's explanations: test_search_ranking.py."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from speechkit.outputs import page_texts, pages_with

ROOT = Path(__file__).resolve().parents[2]
QUERIES = yaml.safe_load((ROOT / "tests" / "fixtures" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]


def texts_of(locator) -> list[str]:
    """textContent, also of marks in folded results (inner_text of a hidden element is empty)."""
    return locator.evaluate_all("els => els.map(e => e.textContent)")


def summary_of(page) -> str:
    """The first line of the answer: what was found, or why nothing is listed (phrase-search.js)."""
    line = page.locator(".md-search-result .search-summary")
    expect(line).to_be_visible()
    return line.inner_text()


def run_search(page, site_url: str, query: str, *, goto: bool = True) -> list[str]:
    """Type the query as a writer would and return the result pages, in order (the first line, which
    says how many there are, is not one of them)."""
    if goto:
        page.goto(f"{site_url}/")
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material's search listens for keyup
    summary = page.locator(".md-search-result .search-summary")
    expect(summary).to_be_visible()
    count = re.search(r"(\d+) 个页面", summary.inner_text())
    total = int(count.group(1)) if count else 0
    items = page.locator(".md-search-result__item")
    for _ in range(50):  # Material renders 10 results, then more as the list scrolls
        if items.count() >= total + 1:
            break
        wrap = page.locator(".md-search__scrollwrap")
        wrap.evaluate("e => e.scrollTo(0, 0)")
        page.wait_for_timeout(30)
        wrap.evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(70)
    assert items.count() == total + 1
    hrefs = [items.nth(i).locator("a").first.get_attribute("href") for i in range(1, total + 1)]
    return [unquote(urlsplit(h).path).removeprefix(urlsplit(site_url).path) for h in hrefs]


@pytest.fixture(scope="module")
def texts(built_site):
    texts = page_texts(built_site)
    assert len(texts) > 15
    return texts


def test_query_set_is_drawn_from_our_pages(texts):
    for query in QUERIES:
        assert pages_with(texts, query), f"{query!r} is on no page: take queries from the pages"
    assert any(len(pages_with(texts, q)) >= 5 for q in QUERIES)


@pytest.mark.parametrize("query", QUERIES)
def test_every_page_with_the_words_is_found(page, site_url, texts, query):
    """Recall: every page that holds every word is listed (the ranking and what else is listed, through
    synonyms and parts of words, is tested in test_search_ranking.py)."""
    found = run_search(page, site_url, query)
    expected = pages_with(texts, query)
    assert expected <= set(found), (query, sorted(expected - set(found)))
    assert len(found) == len(set(found))
    assert page.console_errors == []


def test_whole_phrase_is_highlighted_in_results_and_on_the_page(page, site_url, texts):
    run_search(page, site_url, "两个维护")
    marks = page.locator(".md-search-result mark")
    assert marks.count() > 0
    assert set(texts_of(marks)) == {"两个维护"}
    assert "两个以上" not in page.locator(".md-search-result").inner_text()
    page.locator(".md-search-result__item:nth-child(2) a").first.click()  # the first page after the first line
    assert "h=" in page.url
    highlighted = page.locator("mark[data-md-highlight]")
    expect(highlighted.first).to_be_visible()
    assert set(texts_of(highlighted)) == {"两个维护"}


def test_similar_word_is_not_a_hit(page, site_url, texts):
    """表态 is not 表述: the page that only has 表述 is not a result at all."""
    only_biaoshu = pages_with(texts, "表述") - pages_with(texts, "表态")
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
    assert set(texts_of(page.locator(".md-search-result mark"))) == {"两个维护"}
    assert page.console_errors == []


def test_search_text_loads_at_the_first_search_not_with_the_page(page, site_url):
    """Opening a page fetches no search text (Material's index holds settings only) and no search code:
    the worker Material starts is search-worker.js, which loads phrase-search.js at the first query,
    and that fetches phrase_index.json; then the pages are found."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/search/search_index.json") for url in fetched)
    assert any(url.endswith("/workers/search-worker.js") for url in fetched)
    assert not any("phrase_index" in url or "phrase-search" in url for url in fetched)
    found = run_search(page, site_url, "全面从严治党")
    assert found
    assert sum("phrase_index" in url for url in fetched) == 1
    assert sum(url.endswith("/workers/phrase-search.js") for url in fetched) == 1
