"""Printing a template page: the speech alone, in 公文 layout (speech.css, @media print)."""
from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import expect

from speech_helpers import ROOT, VARIANTS

HIDDEN = [
    ".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
    ".fill-panel", ".speech-tools", ".speech-copy", ".section-meta", ".role-label",
    ".note-ref", ".note", ".speech .admonition", ".speech details", ".speech-label",
    ".variant-summary", "#structure", "#structure + table", "#tifa", "#tifa + table", ".md-content__inner > table",
    ".md-content__inner > .admonition", ".headerlink",
]


@pytest.mark.parametrize("slug", sorted(VARIANTS))
def test_print_shows_the_speech_only(page, site_url, slug):
    page.goto(f"{site_url}/speeches/{slug}/")
    expect(page.locator(".fill-panel__box")).to_be_visible()
    page.locator("[data-ph-input]").first.fill("某某单位")
    page.emulate_media(media="print")
    for selector in HIDDEN:
        items = page.locator(selector)
        for i in range(items.count()):
            expect(items.nth(i)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    texts = page.locator(".speech-text")
    assert texts.count() > 10
    for i in range(texts.count()):
        expect(texts.nth(i)).to_be_visible()
    # nothing else in the article shows: every visible leaf is the title or inside spoken text
    stray = page.evaluate(
        """() => [...document.querySelectorAll('.md-content__inner *')]
            .filter(e => e.getClientRects().length && !e.closest('h1, .speech-text') && !e.querySelector('h1, .speech-text'))
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert stray == []

    style = lambda sel, prop: page.evaluate(f"getComputedStyle(document.querySelector('{sel}')).{prop}")  # noqa: E731
    assert style("p.speech-text", "fontSize") == "21.3333px"  # 16pt
    assert style("p.speech-text", "lineHeight") == "37.3333px"  # 28pt
    assert "仿宋" in style("p.speech-text", "fontFamily")
    assert style("p.speech-text:not(.speech-salutation)", "textIndent") == "42.6667px"  # 2em
    assert style("h1", "fontSize") == "29.3333px"  # 22pt
    assert style("h1", "textAlign") == "center"
    assert "宋" in style("h1", "fontFamily")
    if any(s.heading_is_spoken for s in VARIANTS[slug].sections):
        assert "黑体" in style("h2.speech-heading", "fontFamily")
    else:  # a 主持词: its agenda labels are for the drafter and never print
        assert page.locator("h2.speech-heading").count() == 0
    if page.locator("h3.speech-heading").count():
        assert "楷体" in style("h3.speech-heading", "fontFamily")
    # placeholders print as plain text
    assert style(".speech .ph", "backgroundColor") == "rgba(0, 0, 0, 0)"
    assert style(".speech .ph", "borderBottomStyle") == "none"

    page_rule = page.evaluate(
        """() => {
            for (const sheet of document.styleSheets) {
                let rules; try { rules = sheet.cssRules } catch (e) { continue }
                for (const rule of rules) if (rule.media && rule.media.mediaText === 'print')
                    for (const inner of rule.cssRules) if (inner instanceof CSSPageRule)
                        return [inner.style.getPropertyValue('size').toLowerCase(), inner.style.margin];
            }
        }"""
    )
    assert page_rule == ["a4", "37mm 26mm 35mm 28mm"]
    assert page.console_errors == []


def test_print_pdf_is_a4(page, site_url):
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box, "no MediaBox in the PDF"
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points


def test_own_css_and_js_stay_small():
    """Issue 4: no more than 20 KB (gzipped) of our own CSS+JS on a page."""
    files = sorted((ROOT / "overrides" / "assets" / "javascripts").glob("*.js")) + sorted((ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"))
    assert files
    total = sum(len(gzip.compress(f.read_bytes(), compresslevel=9)) for f in files)
    assert total <= 20 * 1024, f"{total} bytes gzipped"
