"""axe-core (npm, pinned in package.json; used by the tests only, never shipped) on every kind of
page, with the search dialog and a note open as well. Any violation fails: this keeps Lighthouse's
accessibility score at 100."""
from __future__ import annotations

from pathlib import Path

import pytest

from speech_helpers import CORPUS, ROOT
from speechkit.outputs import shared_roles

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "template list": "speeches/",
    "template": "speeches/district-entry-mobilization/",
    "comparison": f"compare/{shared_roles(CORPUS)[0].slug}/",
    "comparison index": "compare/",
    "matrix": "compare/matrix/",
    "placeholder index": "compare/placeholders/",
    "tifa": "compare/tifa/",
    "contributing": "contributing/",
    "format guide": "contributing/format/",
}


def violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs the npm packages")
    page.evaluate(Path(AXE).read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")) }))"""
    )


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_open_search_dialog_has_no_axe_violations(page, site_url):
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    box = page.locator(".md-search__input")
    box.click()
    box.fill("巡察整改")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label") == "查找"  # Material's own Chinese word for search
    assert violations(page) == []


def test_open_note_has_no_axe_violations(page, site_url):
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    page.locator(".speech .note-ref").first.click()
    page.locator(".speech .note:visible").wait_for()
    assert violations(page) == []
