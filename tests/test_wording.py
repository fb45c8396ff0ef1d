"""Words a drafter reads in one place name what they find in another (issue 22 §9): the home page and
使用说明.txt call the fill-in controls by the labels the page shows, and the README names the
meetings the site covers."""
from __future__ import annotations

import re
from pathlib import Path

from offline_zip import README_TEXT

ROOT = Path(__file__).resolve().parents[1]
UI = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "overrides").rglob("*")) if p.suffix in (".js", ".html")]
UI += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "scripts" / "speechkit" / "outputs").glob("*.py"))]


def shown(label: str) -> bool:
    """Is `label` a text the site shows? “未填 N 项” stands for a count: its parts are in one file."""
    parts = [part for part in label.split("N") if part]
    return any(all(part in text for part in parts) for text in UI)


def test_offline_instructions_name_the_controls_the_page_shows():
    labels = re.findall(r"“([^”]+)”", README_TEXT)
    assert "导出填写内容" in labels
    assert [label for label in labels if not shown(label)] == []


def test_home_page_names_the_fill_in_button_by_its_label():
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "填写信息" not in home and "“填写占位符”" in home
    assert shown("填写占位符")


def test_readme_names_the_feedback_meeting():
    intro = (ROOT / "README.md").read_text(encoding="utf-8").split("\n\n")[1]
    assert "巡察反馈会" in intro
