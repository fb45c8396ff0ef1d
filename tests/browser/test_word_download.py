"""下载 Word and 下载已填写的 Word in headless Chromium; the saved files are opened with python-docx.
The expected text comes from the parsed model (speech_helpers), never from the page."""
from __future__ import annotations

import json
import re

from docx import Document
from docx.oxml.ns import qn
from playwright.sync_api import expect

from speech_helpers import STORE, VARIANTS, empty_fields, expected_text, fill, head_lines

DISTRICT = "district-entry-mobilization"
LAZY = ("vendor/fflate.js", "javascripts/docx-fill.js")


def url(site_url: str, slug: str) -> str:
    return f"{site_url}/speeches/{slug}/"


def store(page, slug: str, shared: dict, own: dict) -> None:
    state = {"v": 2, "shared": shared, "byTemplate": {slug: own}, "indent": True}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, json.dumps(state, ensure_ascii=False)])
    page.reload()


def download_filled(page, tmp_path):
    with page.expect_download() as got:
        page.locator("[data-speech-docx-filled]").click()
    download = got.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return download.suggested_filename, Document(str(path))


def highlighted(doc) -> list[str]:
    return [r.text for p in doc.paragraphs for r in p.runs if r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None]


def test_filled_word_holds_every_value_title_and_speaker(page, site_url, tmp_path):
    slug = DISTRICT
    page.goto(url(site_url, slug))
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    names = empty_fields(slug)
    values = {name: f"{name}值" for name in names}
    values["本地"] = "A&B <岚川> \"区\""  # XML-escaped into word/document.xml, not broken by it
    shared = {n: v for n, v in values.items() if n not in ("讲话人", "日期")}
    store(page, slug, shared, {"讲话人": "区委副书记　王志远", "日期": "2026年3月2日"})
    values.update({"讲话人": "区委副书记　王志远", "日期": "2026年3月2日"})
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if u.endswith(LAZY)], "the zip library loads only when a download is asked for"

    name, doc = download_filled(page, tmp_path)
    assert [u for u in requested if u.endswith(LAZY[0])] and [u for u in requested if u.endswith(LAZY[1])]
    title = head_lines(slug, values)[0]
    assert name == f"{title}.docx"
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts == expected_text(VARIANTS[slug].spoken_lines(), values, False, head_lines(slug, values)).split("\n")
    assert texts[:3] == [title, "区委副书记　王志远", "（2026年3月2日）"]
    assert not any("【" in t or "】" in t for t in texts)
    assert highlighted(doc) == []
    assert doc.paragraphs[0].style.style_id == "SpeechTitle"
    assert doc.core_properties.title == title
    expect(page.locator("#speech-status")).to_have_text("已下载已填写的 Word")
    assert page.console_errors == []


def test_partly_filled_word_keeps_the_rest_highlighted(page, site_url, tmp_path):
    page.goto(url(site_url, DISTRICT))
    fill(page, "党委简称", "区委")
    fill(page, "讲话人", "王志远")
    fill(page, "讲话标题", "在区审计局巡察动员会上的讲话")
    name, doc = download_filled(page, tmp_path)
    assert name == "在区审计局巡察动员会上的讲话.docx"
    assert doc.paragraphs[0].text == "在区审计局巡察动员会上的讲话" and len(doc.paragraphs[0].runs) == 1
    assert doc.paragraphs[1].text == "王志远"
    rest = highlighted(doc)
    assert rest and "【党委简称】" not in rest and "【讲话人】" not in rest and "【日期】" in rest
    assert all(r.startswith("【") and r.endswith("】") for r in rest)
    left = sum(1 for line in VARIANTS[DISTRICT].spoken_lines() for n in re.findall(r"【(.+?)】", line) if n != "党委简称") + 1
    assert len(rest) == left
    expect(page.locator("#speech-status")).to_have_text(f"已下载已填写的 Word（还有 {left} 处占位符未填写，在 Word 中以黄色标出）")


def test_plain_word_link_downloads_the_template(page, site_url, built_site, tmp_path):
    page.goto(url(site_url, DISTRICT))
    with page.expect_download() as got:
        page.locator("a[data-speech-docx]").click()
    download = got.value
    assert download.suggested_filename == f"{VARIANTS[DISTRICT].title}.docx"
    path = tmp_path / "plain.docx"
    download.save_as(path)
    assert path.read_bytes() == (built_site / "downloads" / f"{DISTRICT}.docx").read_bytes()
