"""使用说明.txt (the intranet zip) sends the reader to the fill-in dock's button that opens 导出/导入:
it must name that button as a fresh page shows it, before anything is filled (issue 22 §9: it said
“清单”, a label shown only once every placeholder is filled)."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from offline_zip import README_TEXT


def test_offline_instructions_name_the_dock_button_as_a_fresh_page_shows_it(page, site_url):
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    toggle = page.locator("[data-fill-toggle]")
    expect(toggle).to_have_text(re.compile(r"\S"))
    shown = toggle.inner_text().strip()
    labels = re.findall(r"“([^”]+)”", README_TEXT)
    patterns = [re.compile(re.escape(label).replace("N", r"\d+") + "$") for label in labels]
    assert any(p.match(shown) for p in patterns), (shown, labels)
    assert page.console_errors == []
