"""区 / 县 / 市（县级市）/ 旗 in headless Chromium (issue 17 §3): one click rewrites the page, the copy
(plain and HTML), the print and both Word downloads (opened with python-docx), the choice is kept and
shared by every template, and titles in the navigation stay as they are. The expected text comes from
the parsed model read at the chosen level (Variant.spoken_lines(level)), never from the page."""
from __future__ import annotations

import json
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from playwright.sync_api import expect

from speech_helpers import (
    CORPUS, STORE, VARIANTS, copy_and_read, expected_text, fill, head_lines, read_clipboard_html, set_indent,
)
from speechkit.base import LEVEL_MARK
from speechkit.outputs import meeting_downloads

MARKED = max((v for v in VARIANTS.values() if v.has_level_marks), key=lambda v: sum(line.count("区") for line in v.spoken_lines()))
SLUG = MARKED.slug
OTHER = next(v.slug for v in VARIANTS.values() if v.has_level_marks and v.slug != SLUG)
UNMARKED = next(v.slug for v in VARIANTS.values() if not v.has_level_marks)
LEVELS = CORPUS.registry.levels
# the marked words of the speech as written ({区}委, 全{区}, {区}直…), for spot checks of each output
WORDS = sorted({m.group(0) for line in [b.text for s in MARKED.all_sections() for b in s.blocks]
                for m in re.finditer(r"我们\{区\}|[我全本]\{区\}|\{区\}(?:纪委|委|直|里)", line)})


def url(site_url: str, slug: str) -> str:
    return f"{site_url}/speeches/{slug}/"


def marks(slug: str) -> int:
    variant = VARIANTS[slug]
    raw = [variant.meta.get("speech_title", "")] + [s.title for s in variant.all_sections() if s.heading_is_spoken]
    raw += [b.text for s in variant.all_sections() for b in s.blocks]
    return sum(text.count(LEVEL_MARK) for text in raw)


def choose(page, label: str) -> None:
    page.locator(f'.speech-level button:text-is("{label}")').click()
    expect(page.locator(f'.speech-level button:text-is("{label}")')).to_have_attribute("aria-pressed", "true")


def stored(page) -> dict:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", STORE) or "null")


def docx_texts(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text]


def level_runs(path) -> list[str]:
    return [r.text for p in Document(str(path)).paragraphs for r in p.runs
            if r._r.rPr is not None and r._r.rPr.find(qn("w:rStyle")) is not None and r._r.rPr.find(qn("w:rStyle")).get(qn("w:val")) == "LevelWord"]


def test_the_switch_is_in_the_head_of_marked_templates_only(page, site_url):
    page.goto(url(site_url, SLUG))
    switch = page.locator(".speech-head .speech-level")
    expect(switch).to_be_visible()
    assert [switch.locator("button").nth(i).inner_text() for i in range(4)] == [l.label for l in LEVELS.options] == ["区", "县", "市（县级市）", "旗"]
    expect(switch.locator("button").first).to_have_attribute("aria-pressed", "true")
    assert page.locator("[data-lv]").count() == marks(SLUG) > 5
    page.goto(url(site_url, UNMARKED))
    assert page.locator(".speech-level").count() == 0 and page.locator("[data-lv]").count() == 0
    assert page.console_errors == []


@pytest.mark.parametrize("label, char", [("县", "县"), ("市（县级市）", "市"), ("旗", "旗")])
def test_one_click_rewrites_the_page_and_the_copy(page, site_url, label, char):
    page.goto(url(site_url, SLUG))
    set_indent(page, False)
    choose(page, label)
    words = page.locator("[data-lv]")
    assert {words.nth(i).inner_text() for i in range(words.count())} == {char}
    expect(page.locator("#speech-status")).to_contain_text(f"已换成“{label}”：{char}委、我{char}")
    text = copy_and_read(page, page.locator(".speech-tools .speech-copy"))
    assert text == expected_text(MARKED.spoken_lines(char), {}, False, head_lines(SLUG, {}, char))
    assert MARKED.spoken_lines(char) != MARKED.spoken_lines()  # the expectation itself moved with the level
    html = read_clipboard_html(page)
    for word in WORDS:  # every marked word, in the HTML copy too, and none left at 区
        assert word.replace(LEVEL_MARK, char) in text and word.replace(LEVEL_MARK, char) in html
        assert word.replace(LEVEL_MARK, "区") not in html
    # a section copy too
    section = page.locator(".speech-section .section-meta .speech-copy").nth(1)
    assert "区委" not in copy_and_read(page, section)
    assert page.console_errors == []


def test_the_choice_is_kept_and_shared_and_the_titles_stay(page, site_url):
    page.goto(url(site_url, SLUG))
    nav_before = page.locator(".md-nav__link").all_inner_texts()
    choose(page, "县")
    assert stored(page)["shared"] == {LEVELS.name: "县"}
    page.goto(url(site_url, OTHER))  # another template: the same level, at once
    expect(page.locator('.speech-level button:text-is("县")')).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-lv]").first).to_have_text("县")
    page.reload()
    expect(page.locator("[data-lv]").last).to_have_text("县")
    page.goto(url(site_url, SLUG))
    assert page.locator(".md-nav__link").all_inner_texts() == nav_before  # navigation titles stay as they are
    assert page.title().startswith(VARIANTS[SLUG].title)
    expect(page.locator("h1")).to_contain_text(VARIANTS[SLUG].title)
    choose(page, "区")  # back to 区: nothing stored
    expect(page.locator("[data-lv]").first).to_have_text("区")
    assert LEVELS.name not in stored(page)["shared"]
    assert page.console_errors == []


def test_comparison_pages_follow_the_level(page, site_url, built_site):
    page.goto(url(site_url, SLUG))
    choose(page, "旗")
    compare = next(p.parent.name for p in sorted((built_site / "compare").glob("*/index.html")) if re.search(r"<span data-lv[ =>]", p.read_text(encoding="utf-8")))
    page.goto(f"{site_url}/compare/{compare}/")
    words = page.locator(".speech-excerpt [data-lv]")
    assert words.count() > 0
    expect(words.first).to_have_text("旗")
    expect(page.locator('.speech-level button:text-is("旗")')).to_have_attribute("aria-pressed", "true")
    assert page.console_errors == []


def test_print_carries_the_level_and_not_the_switch(page, site_url):
    page.goto(url(site_url, SLUG))
    choose(page, "县")
    page.emulate_media(media="print")
    expect(page.locator(".speech-level")).to_be_hidden()
    printed = page.locator(".speech").inner_text()
    for word in WORDS:
        assert word.replace(LEVEL_MARK, "县") in printed and word.replace(LEVEL_MARK, "区") not in printed


def test_both_word_downloads_carry_the_level(page, site_url, built_site, tmp_path):
    page.goto(url(site_url, SLUG))
    fill(page, "党委简称", "县委")
    choose(page, "县")
    values = {"党委简称": "县委"}
    # the filled file
    with page.expect_download() as got:
        page.locator("[data-speech-docx-filled]").click()
    filled = tmp_path / "filled.docx"
    got.value.save_as(filled)
    assert docx_texts(filled) == expected_text(MARKED.spoken_lines("县"), values, False, head_lines(SLUG, values, "县")).split("\n")
    assert set(level_runs(filled)) == {"县"} and len(level_runs(filled)) == marks(SLUG)
    # the blank one: no 区 of the locality either, placeholders still to fill, the site's name for the file
    with page.expect_download() as got:
        page.locator("a[data-speech-docx]").click()
    assert got.value.suggested_filename == f"{VARIANTS[SLUG].title}.docx"
    blank = tmp_path / "blank.docx"
    got.value.save_as(blank)
    texts = docx_texts(blank)
    assert texts == expected_text(MARKED.spoken_lines("县"), {}, False, head_lines(SLUG, {}, "县")).split("\n")
    assert set(level_runs(blank)) == {"县"} and any("【" in t for t in texts)
    assert not [t for t in texts if re.search(r"(?<![社城辖])区委", t)]
    assert Document(str(blank)).core_properties.title == head_lines(SLUG, {}, "县")[0]
    expect(page.locator("#speech-status")).to_have_text("已下载 Word（按所选层级）")
    # at 区 the link downloads the site's own file, untouched
    choose(page, "区")
    with page.expect_download() as got:
        page.locator("a[data-speech-docx]").click()
    plain = tmp_path / "plain.docx"
    got.value.save_as(plain)
    assert plain.read_bytes() == (built_site / "downloads" / f"{SLUG}.docx").read_bytes()
    assert page.console_errors == []


def test_the_large_word_and_the_whole_meeting_carry_the_level(page, site_url, tmp_path):
    """下载大字版 Word and 下载整场会议 (every Word file the site makes has its {区} as LevelWord runs):
    the level chosen on a template page holds on the meeting flow page, whose own switch changes it."""
    page.goto(url(site_url, SLUG))
    choose(page, "市（县级市）")
    with page.expect_download() as got:
        page.locator("[data-speech-docx-large]").click()
    large = tmp_path / "large.docx"
    got.value.save_as(large)
    assert docx_texts(large) == expected_text(MARKED.spoken_lines("市"), {}, False, head_lines(SLUG, {}, "市")).split("\n")
    assert set(level_runs(large)) == {"市"} and len(level_runs(large)) == marks(SLUG)

    meeting = next(d for d in meeting_downloads(CORPUS) if any(v.has_level_marks for v in d.variants))
    page.goto(f"{site_url}/guide/meeting-flow/")
    expect(page.locator('.speech-level button:text-is("市（县级市）")')).to_have_attribute("aria-pressed", "true")
    for label, char in (("市（县级市）", "市"), ("旗", "旗")):
        choose(page, label)
        with page.expect_download() as got:
            page.locator(f'button[data-meeting-docx="{meeting.uri}"]').click()
        path = tmp_path / f"meeting-{char}.docx"
        got.value.save_as(path)
        expected = [line for v in meeting.variants
                    for line in expected_text(v.spoken_lines(char), {}, False, head_lines(v.slug, {}, char)).split("\n")]
        assert docx_texts(path) == expected, char
        assert set(level_runs(path)) == {char} and len(level_runs(path)) >= sum(marks(v.slug) for v in meeting.variants)
    assert stored(page)["shared"][LEVELS.name] == "旗"
    assert page.console_errors == []


def test_offline_from_file_url(page, offline_site, tmp_path):
    """Under file:// (the intranet zip) the switch and the blank download work too."""
    page.goto((offline_site / "speeches" / f"{SLUG}.html").as_uri())
    choose(page, "旗")
    expect(page.locator("[data-lv]").first).to_have_text("旗")
    with page.expect_download() as got:
        page.locator("a[data-speech-docx]").click()
    path = tmp_path / "offline.docx"
    got.value.save_as(path)
    assert set(level_runs(path)) == {"旗"}
    assert page.console_errors == []
