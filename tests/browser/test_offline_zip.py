"""The intranet zip (`make offline` → scripts/offline_zip.py): unpacked and opened from file:// with
every http(s) request blocked, as on a closed network: navigation, search, fill-in, copy, and both
Word downloads (the filled one opened with python-docx)."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from docx import Document
from playwright.sync_api import expect

from speech_helpers import ROOT, VARIANTS, copy_and_read, expected_text, fill, set_indent

DISTRICT = "district-entry-mobilization"
ZIP_NAME = "xuncha-speech-templates-offline.zip"


@pytest.fixture(scope="module")
def unpacked(offline_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("zip")
    target = out / "dist" / ZIP_NAME
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "offline_zip.py"), str(offline_site), str(target)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "离线版已打包" in result.stdout and not (out / "dist" / f"{ZIP_NAME}.tmp").exists()
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert {n.split("/")[0] for n in names} == {"xuncha-speech-templates"}, "one folder to hand over"
        assert "xuncha-speech-templates/使用说明.txt" in names and not any(n.endswith(".map") for n in names)
        archive.extractall(out / "unpacked")
    return out / "unpacked" / "xuncha-speech-templates"


def test_makefile_packs_the_offline_build_into_the_zip():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\noffline:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs.offline.yml" in recipe and f"scripts/offline_zip.py site-offline dist/{ZIP_NAME}" in recipe
    assert re.search(r"^offline:.*\bvendor\b", makefile, re.M), "make offline installs its npm files itself"


def test_zip_script_refuses_a_missing_site_without_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "offline_zip.py"), str(tmp_path / "nothing"), str(tmp_path / "x.zip")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "改法：运行 make offline" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.zip").exists()


def test_unpacked_zip_works_from_file_with_the_network_cut(browser, unpacked, tmp_path):
    context = browser.new_context(locale="zh-CN", accept_downloads=True, permissions=["clipboard-read", "clipboard-write"])
    blocked, errors = [], []
    context.route(re.compile(r"^https?://"), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.console_errors = errors
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # navigation
    page.goto((unpacked / "index.html").as_uri())
    page.locator(f'.md-content a[href$="{DISTRICT}.html"]').first.click()  # the home page's picker
    page.wait_for_url(f"**/speeches/{DISTRICT}.html")
    assert page.evaluate("location.protocol") == "file:"

    # search (a web worker under file://, through the iframe-worker shim)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").fill("巡察组")
    page.locator(".md-search__input").press("End")  # Material's search listens for keyup
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    page.keyboard.press("Escape")

    # fill-in and copy
    fill(page, "本地", "岚川")
    fill(page, "讲话人", "王志远")
    set_indent(page, False)
    section = VARIANTS[DISTRICT].sections[1]
    text = copy_and_read(page, page.locator("#part-1 ~ .section-meta > .speech-copy"))
    assert text == expected_text(section.spoken_lines(), {"本地": "岚川"}, False)

    # 下载 Word: the template's own file, under its Chinese name as online (Chromium ignores a file:// link's download name)
    with page.expect_download() as got:
        page.locator("a[data-speech-docx]").click()
    assert got.value.suggested_filename == f"{VARIANTS[DISTRICT].title}.docx"
    plain = tmp_path / "plain.docx"
    got.value.save_as(plain)
    assert plain.read_bytes() == (unpacked / "downloads" / f"{DISTRICT}.docx").read_bytes()

    # 下载已填写的 Word: no fetch() under file://; the bytes come from downloads/<slug>.docx.js
    with page.expect_download() as got:
        page.locator("[data-speech-docx-filled]").click()
    filled = tmp_path / "filled.docx"
    got.value.save_as(filled)
    texts = [p.text for p in Document(str(filled)).paragraphs if p.text]
    assert texts[1] == "王志远"
    assert any("岚川" in t for t in texts) and not any("【本地】" in t or "【讲话人】" in t for t in texts)

    assert blocked == [], f"requests to the network: {blocked}"
    assert errors == []
    context.close()


def test_not_found_page_and_meeting_download_work_from_file(browser, unpacked, tmp_path):
    """The zip's 404.html, opened from disk, is styled and Chinese with its way on; 下载整场会议 takes its
    file from the .docx.js beside it."""
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    blocked, errors = [], []
    context.route(re.compile(r"^https?://"), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto((unpacked / "404.html").as_uri())
    expect(page.locator("h1")).to_have_text("找不到这一页")
    expect(page.locator(".md-header")).to_be_visible()  # Material's stylesheet loaded: the header is a bar, not a list
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.locator(".md-content a", has_text="全部模板").click()
    page.wait_for_url("**/speeches/index.html")

    page.goto((unpacked / "guide" / "meeting-flow.html").as_uri())
    fill_store = {"v": 2, "shared": {"党委简称": "县委"}, "byTemplate": {}, "indent": True}
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", ["xuncha-speech-fill", fill_store])
    page.reload()
    with page.expect_download() as got:
        page.locator('button[data-meeting-docx="downloads/meetings/entry-2.docx"]').click()
    path = tmp_path / "meeting.docx"
    got.value.save_as(path)
    assert got.value.suggested_filename == "巡察进驻动员会主持词和讲话稿.docx"
    assert any("县委" in p.text for p in Document(str(path)).paragraphs)
    assert blocked == [] and errors == []
    context.close()
