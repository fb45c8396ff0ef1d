"""The 检查讲话稿 page in headless Chromium: the conformance corpus opened through the page gives the
findings `make lint` gives, message for message and line for line; pasting, 改, 全部改, 撤销; nothing
leaves the browser; the page works from file:// with the network cut; big and hostile input; the
Word file it makes. The expected findings always come from the Python implementation, never the page."""
from __future__ import annotations

import re
import time
import zipfile
from urllib.parse import quote

import pytest
from docx import Document
from playwright.sync_api import expect

from draft_corpus import AS_OF, CORPUS, drafts, python_findings, rulebook
from speechkit.base import shown_path
from speechkit.checking import DraftFinding, comparable
from speechkit.cli import lint_file

BOOK = rulebook()
CLOCK = f"{AS_OF.isoformat()}T10:00:00"
FINDINGS = ".draft-check__finding"
READ_FINDINGS = """els => els.map(e => [
  +e.dataset.line, e.dataset.kind, e.dataset.severity, e.querySelector('.draft-check__message').textContent,
  (e.querySelector('.draft-check__why') || {textContent: ''}).textContent,
  e.querySelector('.draft-check__fix').firstChild.textContent.replace(/^改法：/, '').replace(/ $/, ''),
  e.hasAttribute('data-replacement') ? e.dataset.replacement : null, e.dataset.safe === 'true'])"""


def open_page(page, base: str):
    page.clock.set_fixed_time(CLOCK)
    page.goto(base)
    expect(page.locator(".draft-check.is-ready")).to_be_visible(timeout=20000)


def checked(page, action) -> list:
    """Run `action` and return the findings once the page has checked the new text."""
    before = page.evaluate("() => window.__checks = (window.__checks || 0)")
    page.evaluate("() => document.querySelector('[data-draft-check]').addEventListener('draft-checked', () => window.__checks++, {once: true})")
    action()
    page.wait_for_function(f"() => window.__checks > {before}", timeout=20000)
    return [tuple(row) for row in page.eval_on_selector_all(FINDINGS, READ_FINDINGS)]


def open_file(page, path):
    return checked(page, lambda: page.set_input_files("[data-dc=file]", str(path)))


def paste(page, text: str):
    return checked(page, lambda: page.fill("#draft-text", text))


@pytest.fixture()
def checker(page, site_url):
    open_page(page, f"{site_url}/check/")
    return page


def test_every_draft_of_the_corpus_gets_the_same_findings_as_make_lint(checker):
    """Opened as a file, as a drafter opens it: decoding (GB18030, UTF-16, BOM, CRLF, .docx) and every
    rule, finding for finding, against checking/draft.py (which `make lint` prints)."""
    total = 0
    for path in drafts():
        page_findings = open_file(checker, path)
        python = [comparable(f) for f in python_findings(path, BOOK).findings]
        assert page_findings == python, path.name
        printed, _ = lint_file(path, BOOK, AS_OF)  # what `make lint` prints, line for line
        shown = [DraftFinding(line, kind, severity, message, why, fix).shown(shown_path(path), BOOK.draft.severities)
                 for line, kind, severity, message, why, fix, _, _ in page_findings]
        assert shown == printed[:-1], path.name
        total += len(python)
    assert total >= 100
    assert checker.console_errors == []


def test_paste_then_fix_one_fix_all_and_undo(checker):
    text = (CORPUS / "masks.txt").read_text(encoding="utf-8")
    findings = paste(checker, text)
    restore = next(i for i, f in enumerate(findings) if f[1] == "mask_restore" and f[0] == 7)
    after = checked(checker, lambda: checker.locator(f"[data-dc-fix='{restore}']").click())
    assert checker.input_value("#draft-text").split("\n")[6] == "深入学习贯彻习近平总书记关于巡视工作的重要论述。"
    assert len(after) == len(findings) - 1
    expect(checker.locator("#draft-status")).to_contain_text("第 7 行已改")
    fix_all = checker.locator("[data-dc=fix-all]")
    expect(fix_all).to_have_text("全部改（2 处）")
    checked(checker, lambda: fix_all.click())
    assert checker.input_value("#draft-text").split("\n")[5] == "巡察是全面从严治党的重要举措。我们要坚定拥护以习近平同志为核心的党中央，"
    expect(fix_all).to_be_disabled()
    checked(checker, lambda: checker.locator("[data-dc=undo]").click())
    checked(checker, lambda: checker.locator("[data-dc=undo]").click())
    assert checker.input_value("#draft-text") == text.rstrip("\n") or checker.input_value("#draft-text") == text


def test_a_line_number_selects_that_line(checker):
    paste(checker, (CORPUS / "points-four.txt").read_text(encoding="utf-8"))
    checker.locator("[data-dc-goto='4']").first.click()
    selected = checker.evaluate("() => { const b = document.getElementById('draft-text'); return b.value.slice(b.selectionStart, b.selectionEnd); }")
    assert selected == "区委决定，从即日起开展新一轮常规巡察。为做好这次巡察，我讲三点意见。"


def test_nothing_leaves_the_browser_and_text_is_kept_only_when_asked(checker):
    requests = []
    checker.on("request", lambda r: requests.append(r.url))
    paste(checker, (CORPUS / "punctuation.txt").read_text(encoding="utf-8"))
    checked(checker, lambda: checker.locator("[data-dc=fix-all]").click())
    checker.locator("[data-dc=copy]").click()
    assert requests == [], "checking, fixing and copying make no request at all"
    assert checker.evaluate("() => localStorage.getItem('xuncha-draft-check')") is None
    checker.check("[data-dc=keep]")
    stored = checker.evaluate("() => JSON.parse(localStorage.getItem('xuncha-draft-check')).text")
    assert stored == checker.input_value("#draft-text")
    checker.reload()  # loads the page again; none of its requests carries the text
    expect(checker.locator(".draft-check.is-ready")).to_be_visible()
    assert checker.input_value("#draft-text") == stored
    expect(checker.locator("#draft-status")).to_contain_text("已恢复本机保存的文字")
    assert not [u for u in requests if quote("巡察") in u or "巡察" in u]
    requests.clear()
    checker.locator("[data-dc=clear]").click()
    assert checker.evaluate("() => localStorage.getItem('xuncha-draft-check')") is None
    assert checker.input_value("#draft-text") == "" and not checker.is_checked("[data-dc=keep]")
    # a draft with a 密级 marking is never kept, and the classified finding comes first
    checker.check("[data-dc=keep]")
    findings = paste(checker, (CORPUS / "classified.txt").read_text(encoding="utf-8"))
    assert findings[0][1] == "classified" and "连接互联网的计算机" in findings[0][4]
    expect(checker.locator(".draft-check__finding").first).to_have_class(re.compile("draft-check__finding--classified"))
    assert checker.evaluate("() => localStorage.getItem('xuncha-draft-check')") is None and not checker.is_checked("[data-dc=keep]")
    assert requests == []


def test_a_big_draft_is_refused_clearly_and_hostile_text_stays_text(checker):
    dialogs = []
    checker.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    findings = paste(checker, "巡察工作要坚持问题导向。" * 4200)  # 50,400 characters
    assert findings == []
    expect(checker.locator("#draft-status")).to_contain_text("超过了一次检查的上限（40,000 个字）")
    hostile = (CORPUS / "html.txt").read_text(encoding="utf-8") + "\n<svg onload=alert(2)>\n<iframe src=javascript:alert(3)>\n\x1b\x07控制字符"
    findings = paste(checker, hostile)
    assert {f[1] for f in findings} >= {"html", "invisible"}
    checker.wait_for_timeout(300)
    assert dialogs == []
    assert checker.locator("[data-draft-check] img, [data-draft-check] script, [data-draft-check] svg, [data-draft-check] iframe").count() == 0
    assert checker.console_errors == []


def test_the_longest_hostile_line_allowed_is_checked_without_hanging(checker):
    runs = ["\u3000", " ", "*", "X", "Ｘ", "某", "_", "1", "□", "（", ">"]
    started = time.monotonic()
    findings = paste(checker, "".join(run * 3_000 + "总" for run in runs) + "我讲三点意见")
    assert findings and time.monotonic() - started < 30
    assert float(checker.get_attribute("[data-draft-check]", "data-checked-ms")) < 10_000


def test_the_page_with_findings_has_no_axe_violations(checker):
    from test_accessibility import violations

    paste(checker, (CORPUS / "classified.txt").read_text(encoding="utf-8") + (CORPUS / "stale-tifa.txt").read_text(encoding="utf-8"))
    assert violations(checker) == []


def test_files_it_cannot_read_get_a_chinese_message(checker, tmp_path):
    bomb = tmp_path / "范文.docx"  # a zip bomb renamed .docx: its body inflates far past the limit
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b"0" * 60_000_000)
    (tmp_path / "乱码.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (tmp_path / "假的.docx").write_bytes(b"not a zip at all")
    cases = [(bomb, "解压后超过 20,000,000 字节"), (tmp_path / "乱码.txt", "不是文本文件"), (tmp_path / "旧版.doc", "只能打开 .docx"),
             (tmp_path / "假的.docx", "已损坏")]
    status = checker.locator("#draft-status")
    for path, message in cases:
        started = time.monotonic()
        checker.set_input_files("[data-dc=file]", str(path))
        expect(status).to_contain_text(message, timeout=20000)
        assert time.monotonic() - started < 15
    assert checker.input_value("#draft-text") == ""


def test_download_word_sets_the_draft_in_the_gbt9704_document(checker, tmp_path):
    text = (CORPUS / "clean.txt").read_text(encoding="utf-8")
    paste(checker, text)
    with checker.expect_download() as got:
        checker.locator("[data-dc=word]").click()
    download = got.value
    assert download.suggested_filename == "在区委第四轮巡察工作动员部署会上的讲话.docx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    doc = Document(str(path))
    paragraphs = [(p.style.style_id, p.text) for p in doc.paragraphs]
    lines = [line for line in text.split("\n") if line.strip()]
    assert [t for _, t in paragraphs if t] == lines
    assert paragraphs[0] == ("SpeechTitle", lines[0]) and paragraphs[1][0] == "SpeechHead" and paragraphs[3] == ("Normal", "")
    assert ("Heading1", "一、提高政治站位，深刻认识做好本轮巡察的重要意义") in paragraphs
    assert ("Heading2", "（一）坚持政治巡察定位") in paragraphs
    assert doc.core_properties.title == lines[0]
    assert not any(t in ("title", "head", "heading1", "heading2", "body", "salutation") for _, t in paragraphs), "the samples are gone"
    expect(checker.locator("#draft-status")).to_contain_text("已下载 Word")


def test_only_the_checker_page_loads_the_checker_and_every_template_links_to_it(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "draft-check" in u]
    link = page.locator(".md-content a", has_text="检查讲话稿")
    expect(link.first).to_be_visible()
    link.first.click()
    expect(page.locator(".draft-check.is-ready")).to_be_visible(timeout=20000)
    assert page.locator(".md-nav__link", has_text="检查讲话稿").count() >= 1


def test_the_offline_build_checks_and_opens_word_from_file_with_the_network_cut(browser, offline_site, tmp_path):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    blocked, errors = [], []
    context.route(re.compile(r"^https?://"), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_page(page, (offline_site / "check.html").as_uri())
    findings = open_file(page, CORPUS / "from-word.docx")
    assert findings == [comparable(f) for f in python_findings(CORPUS / "from-word.docx", BOOK).findings]
    with page.expect_download() as got:
        page.locator("[data-dc=word]").click()
    path = tmp_path / "out.docx"
    got.value.save_as(path)
    assert Document(str(path)).paragraphs[0].text == "在区委巡察工作动员部署会上的讲话"
    assert blocked == [] and errors == []
    context.close()


def test_instant_navigation_to_the_checker_and_back_again(context, instant_site_url):
    """Material's instant navigation swaps the content in without a page load: the checker still starts
    (page-scripts.html puts its script inside the content), and a second visit starts it again once."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{instant_site_url}/guide/")  # the home page hides the navigation; a guide shows it
    page.wait_for_load_state("networkidle")  # Material enables instant links once it has read sitemap.xml
    page.evaluate("window.__sameDocument = true")
    for _ in range(2):
        page.locator('.md-sidebar--primary a[href$="/check/"]').first.click()
        page.wait_for_url("**/check/")
        expect(page.locator(".draft-check.is-ready")).to_be_visible(timeout=20000)
        findings = paste(page, (CORPUS / "points-four.txt").read_text(encoding="utf-8"))
        assert [f[1] for f in findings] == ["points"]
        assert page.locator("[data-draft-check] .draft-check__tools").count() == 1
        page.locator('.md-sidebar--primary a[href$="/guide/"]').first.click()
        page.wait_for_url("**/guide/")
    assert page.evaluate("window.__sameDocument") is True, "expected Material's instant navigation"
    assert errors == []
