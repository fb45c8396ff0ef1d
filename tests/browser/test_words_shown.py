"""使用说明.txt (the intranet zip) sends the reader to the fill-in dock's buttons that open 导出/导入:
it must name them as a fresh page shows them, before anything is filled (issue 22 §9: it said
“清单”, a label shown only once every placeholder is filled): the dock's 填写占位符 button (the only
part of the dock at load, issue 19), then the bar's toggle."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from offline_zip import README_TEXT


def test_offline_instructions_name_the_dock_button_as_a_fresh_page_shows_it(page, site_url):
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    labels = re.findall(r"“([^”]+)”", README_TEXT)
    opener = page.locator("[data-fill-open]")
    expect(opener).to_have_text(re.compile(r"\S"))
    assert opener.inner_text().strip().startswith(labels[labels.index("填写占位符")]), labels  # 填写占位符（未填 N 项）
    opener.click()
    toggle = page.locator("[data-fill-toggle]")
    expect(toggle).to_have_text(re.compile(r"\S"))
    shown = toggle.inner_text().strip()
    patterns = [re.compile(re.escape(label).replace("N", r"\d+") + "$") for label in labels]
    assert any(p.match(shown) for p in patterns), (shown, labels)
    assert page.console_errors == []
