"""下载整场会议 on the meeting flow page (meeting-word.js, docx-fill.js): one .docx with the meeting's 主持词
and speeches in agenda order, each in its own section (a new page, page numbers from 1) with its own
head, each filled with the values its own template page shows. Opened with python-docx; the expected
text comes from the parsed model."""
from __future__ import annotations

import json

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn
from playwright.sync_api import expect

from speech_helpers import CORPUS, STORE, VARIANTS, empty_fields, expected_text, head_lines
from speechkit.base import PLACEHOLDER
from speechkit.outputs import download_name, meeting_downloads
from speechkit.outputs.render import meeting_scoped_names, template_scoped_names

DOWNLOADS = meeting_downloads(CORPUS)
ENTRY = next(d for d in DOWNLOADS if d.meeting.slug == "entry")
SCOPED = set(template_scoped_names(CORPUS.registry))
TOGETHER = set(meeting_scoped_names(CORPUS.registry))  # 日期: typed once for the meeting's speeches
FLOW = "guide/meeting-flow/"


def store(page, shared: dict, by_template: dict, by_meeting: dict | None = None) -> None:
    state = {"v": 3, "shared": shared, "byTemplate": by_template, "byMeeting": by_meeting or {}, "indent": True}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, json.dumps(state, ensure_ascii=False)])
    page.reload()


def download(page, button, tmp_path):
    with page.expect_download() as got:
        button.click()
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    return got.value.suggested_filename, Document(str(path))


def speeches(doc) -> list[list]:
    """The file's paragraphs, one list per speech: each starts at its SpeechTitle paragraph."""
    parts = []
    for paragraph in doc.paragraphs:
        if paragraph.style.style_id == "SpeechTitle":
            parts.append([])
        parts[-1].append(paragraph)
    return parts


def highlighted(paragraphs) -> list[str]:
    return [r.text for p in paragraphs for r in p.runs if r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None]


def test_every_meeting_with_templates_has_its_download(built_site):
    html = (built_site / FLOW / "index.html").read_text(encoding="utf-8")
    for d in DOWNLOADS:
        assert f'data-meeting-docx="{d.uri}"' in html, d.uri
        assert (built_site / d.uri).exists() and (built_site / (d.uri + ".js")).exists()
    assert {d.meeting.name for d in DOWNLOADS} == {str(v.meta["meeting"]) for v in VARIANTS.values() if not v.is_draft}
    assert [v.slug for v in ENTRY.variants] == [
        "district-entry-chair", "district-entry-team-leader", "district-entry-pledge", "district-entry-mobilization"], "agenda order"


def test_whole_meeting_in_agenda_order_each_speech_filled_with_its_own_values(page, site_url, tmp_path):
    slugs = [v.slug for v in ENTRY.variants]
    names = {n for slug in slugs for n in empty_fields(slug)}
    shared = {n: f"{n}值" for n in names if n not in SCOPED | TOGETHER}
    shared["讲话人"] = "不该出现"  # a shared value for a name each template keeps for itself: its page ignores it
    shared["日期"] = "不该出现"  # nor the meeting's
    own = {slug: {"讲话人": f"讲话人{number}", **{n: f"{n}{number}" for n in empty_fields(slug) if n in SCOPED and n != "讲话人"}}
           for number, slug in enumerate(slugs, start=1)}
    together = {n: "2026年3月2日" if n == "日期" else f"{n}会" for n in names if n in TOGETHER}
    own[slugs[2]]["讲话标题"] = "在区审计局巡察动员会上的表态发言"  # a title of one's own, for that speech only
    page.goto(f"{site_url}/{FLOW}")
    store(page, shared, own, {ENTRY.meeting.slug: together})
    button = page.locator(f'button[data-meeting-docx="{ENTRY.uri}"]')
    expect(button).to_have_text(f"下载整场会议（{ENTRY.label}）")

    name, doc = download(page, button, tmp_path)
    assert name == download_name(ENTRY.title)
    parts = speeches(doc)
    assert len(parts) == len(slugs)
    for number, (slug, paragraphs) in enumerate(zip(slugs, parts)):
        values = {k: v for k, v in shared.items() if k not in SCOPED | TOGETHER} | own[slug] | together
        head = head_lines(slug, values)
        texts = [p.text for p in paragraphs if p.text]
        assert texts == expected_text(VARIANTS[slug].spoken_lines(), values, False, head).split("\n"), slug
        assert texts[1] == f"讲话人{number + 1}" and "不该出现" not in "".join(texts)
        assert highlighted(paragraphs) == []
        # each speech but the last ends its section: the next starts on a new page, numbered from 1
        ends_section = paragraphs[-1]._p.pPr is not None and paragraphs[-1]._p.pPr.find(qn("w:sectPr")) is not None
        assert ends_section == (number < len(slugs) - 1), slug
    assert parts[2][0].text == "在区审计局巡察动员会上的表态发言" and parts[3][0].text != parts[2][0].text
    assert len(doc.sections) == len(slugs)
    for section in doc.sections:
        assert section.start_type == WD_SECTION_START.NEW_PAGE
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.footer.paragraphs[0].text.startswith("— ")  # 页码 in every section (inherited after the first)
    assert doc.core_properties.title == ENTRY.title
    expect(page.locator("#speech-status")).to_have_text("已下载整场会议的 Word")
    assert page.console_errors == []


def test_unfilled_places_stay_highlighted_and_are_counted(page, site_url, tmp_path):
    page.goto(f"{site_url}/{FLOW}")
    store(page, {"党委简称": "县委"}, {})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    _, doc = download(page, page.locator(f'button[data-meeting-docx="{ENTRY.uri}"]'), tmp_path)
    assert [u for u in requested if u.endswith("docx-fill.js")], "the Word kit loads on the click"
    rest = highlighted(doc.paragraphs)
    expected = sum(1 for v in ENTRY.variants for line in head_lines(v.slug, {"党委简称": "县委"}) + v.spoken_lines()
                   for name in PLACEHOLDER.findall(line) if name != "党委简称")
    assert len(rest) == expected and "【党委简称】" not in rest
    assert any("县委" in p.text for p in doc.paragraphs)
    expect(page.locator("#speech-status")).to_have_text(f"已下载整场会议的 Word（还有 {expected} 处占位符未填写，在 Word 中以黄色标出）")
