"""Closed blocks (outputs/folds.py + assets/javascripts/folds.js) in headless Chromium: a section's
guidance and the long tables are not in the DOM at load, and come in whole when opened, by mouse,
keyboard or script, with the values filled in (issue 19)."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from speech_helpers import VARIANTS, fill
from speechkit.outputs import section_anchor

SLUG = "city-special-linkage"
VARIANT = VARIANTS[SLUG]
CLOSING = next(s for s in VARIANT.sections if s.is_closing)
GUIDE = [n.text for n in CLOSING.guide if n.kind != "用途"]


def guidance(page, section):
    return page.locator(f"#{section_anchor(VARIANT, section)} ~ details.abstract").first


def test_guidance_comes_in_when_opened_with_its_values(page, site_url):
    assert any("【本地发展目标】" in text for text in GUIDE)  # the block below has a placeholder in it
    page.goto(f"{site_url}/speeches/{SLUG}/")
    fill(page, "本地发展目标", "建设滨江新城")
    assert page.locator("template").count() == 1  # every closed body in one template, not one per block
    details = guidance(page, CLOSING)
    assert details.locator("li").count() == 0  # not in the DOM at load
    details.locator("summary").click()
    items = details.locator("li")
    expect(items).to_have_count(len(GUIDE) + len(CLOSING.notes))
    filled = details.locator('.ph[data-ph="本地发展目标"]')
    expect(filled).to_have_text("建设滨江新城")
    expect(filled).to_have_class(re.compile(r"\bph--filled\b"))
    expect(filled).to_have_attribute("tabindex", "0")  # a slot like the others: Tab reaches it
    details.locator("summary").click()  # closed and opened again: the same body, once
    details.locator("summary").click()
    expect(items).to_have_count(len(GUIDE) + len(CLOSING.notes))
    assert page.console_errors == []


def test_keyboard_and_script_open_them_too(page, site_url):
    page.goto(f"{site_url}/speeches/{SLUG}/")
    first = next(s for s in VARIANT.sections if s.guide and len(s.guide) > 1)
    details = guidance(page, first)
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details.locator("li").first).to_be_visible()
    # opened by a script (or find in page): the toggle event brings the body in
    table = page.locator("#structure ~ details").first
    assert table.locator("tr").count() == 0
    table.evaluate("d => { d.open = true; }")
    rows = len(VARIANT.sections) + sum(len(s.children) for s in VARIANT.sections) + 2  # head and 全文
    expect(table.locator("tr")).to_have_count(rows)
    expect(table.locator("a").first).to_have_attribute("href", f"#{section_anchor(VARIANT, VARIANT.sections[0])}")
    assert page.console_errors == []
