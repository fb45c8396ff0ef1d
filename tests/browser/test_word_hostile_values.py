"""Issue 23 §9: a filled Word file always opens. Values holding C0 controls, U+FFFE/U+FFFF or lone
surrogates (typed, imported from a values file through the dock, or stored as another tab leaves them),
in a placeholder, the head and a title of one's own: every XML part of each download (GB/T 9704, 大字版,
the whole meeting) parses with Python's strict XML parser (expat), and the values arrive without those characters."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

from docx import Document
from playwright.sync_api import expect

from speech_helpers import CORPUS, STORE, close_dock, fill, open_panel
from speechkit.outputs import download_name, meeting_downloads

SLUG = "district-entry-pledge"  # one of the 巡察进驻动员会's templates, so it is in the meeting's file too
ENTRY = next(d for d in meeting_downloads(CORPUS) if d.meeting.slug == "entry")
# Built in the page: Playwright cannot carry lone surrogates from Python.
HOSTILE = ("'甲' + String.fromCharCode(0, 1, 8, 11, 12, 14, 31, 127, 0x85, 0xFFFE, 0xFFFF) + '\\uD800乙\\uDC00'"
           " + '\\uD83D\\uDE00' + '&<>\"\\'' + '\\t丙\\r\\n丁'")
CLEAN = "甲乙\U0001F600&<>\"' 丙 丁"  # the same value as the file holds it: one line, nothing XML refuses


def store_hostile(page) -> None:
    page.evaluate(f"""([key, slug]) => {{
        const bad = {HOSTILE};
        localStorage.setItem(key, JSON.stringify({{ v: 2, indent: true,
            shared: {{ 被巡察党组织: bad, 党委简称: bad }},
            byTemplate: {{ [slug]: {{ 讲话人: bad, 讲话标题: '标题' + bad }} }} }}));
    }}""", [STORE, SLUG])
    page.reload()


def saved(page, locator, tmp_path) -> tuple[str, bytes]:
    with page.expect_download() as got:
        locator.click()
    path = tmp_path / "out.docx"
    got.value.save_as(path)
    return got.value.suggested_filename, path.read_bytes()


def assert_every_part_parses(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        assert "word/document.xml" in parts and "docProps/core.xml" in parts
        for name in parts:
            try:
                ET.fromstring(archive.read(name))
            except ET.ParseError as exc:
                raise AssertionError(f"{name} is not well-formed XML: {exc}") from None


def test_hostile_values_never_break_a_download(page, site_url, tmp_path):
    page.goto(f"{site_url}/speeches/{SLUG}/")
    store_hostile(page)
    fill(page, "巡察组组长姓名", "戊\x07己")  # typed, with a control character
    for button, suffix in (("[data-speech-docx-filled]", ""), ("[data-speech-docx-large]", "（大字版）")):
        name, data = saved(page, page.locator(button), tmp_path)
        assert_every_part_parses(data)
        doc = Document(io.BytesIO(data))
        texts = [p.text for p in doc.paragraphs if p.text]
        assert texts[0] == "标题" + CLEAN and texts[1] == CLEAN  # a title of one's own; 讲话人
        assert any(CLEAN in t for t in texts[3:]) and any("戊己" in t for t in texts)
        # the document's title and the file's name come from the title on the page, where a line break is dropped
        assert doc.core_properties.title == "标题" + CLEAN.replace(" 丁", "丁")
        assert name == download_name("标题" + CLEAN.replace(" 丁", "丁") + suffix)
    assert page.console_errors == []


def test_hostile_values_never_break_the_meeting_download(page, site_url, tmp_path):
    page.goto(f"{site_url}/guide/meeting-flow/")
    store_hostile(page)
    _, data = saved(page, page.locator(f'button[data-meeting-docx="{ENTRY.uri}"]'), tmp_path)
    assert_every_part_parses(data)
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "标题" + CLEAN in texts and CLEAN in texts
    expect(page.locator("#speech-status")).to_have_text(re.compile("^已下载整场会议的 Word"))
    assert page.console_errors == []


def test_hostile_values_from_an_imported_values_file_never_break_a_download(page, site_url, tmp_path):
    bad = "甲" + "".join(map(chr, (0, 1, 8, 11, 12, 14, 31, 127, 0x85, 0xFFFE, 0xFFFF))) + "\ud800乙\udc00"
    values = tmp_path / "values.json"  # JSON escapes (\u0000, \ud800) as another program may write them
    values.write_text(json.dumps({"format": "xuncha-speech-fill", "v": 2, "shared": {"被巡察党组织": bad},
                                  "byTemplate": {SLUG: {"讲话人": bad, "讲话标题": "标题" + bad}}}), encoding="ascii")
    page.goto(f"{site_url}/speeches/{SLUG}/")
    open_panel(page)
    page.locator("[data-fill-file]").set_input_files(str(values))
    expect(page.locator("#speech-status")).to_have_text(re.compile("^已导入 3 项填写内容"))
    close_dock(page)
    name, data = saved(page, page.locator("[data-speech-docx-filled]"), tmp_path)
    assert_every_part_parses(data)
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == "标题甲乙" and texts[1] == "甲乙" and any("甲乙" in t for t in texts[3:])
    assert doc.core_properties.title == "标题甲乙" and name == download_name("标题甲乙")
    assert page.console_errors == []
