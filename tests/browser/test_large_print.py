"""大字版 for the speaker's own copy: 打印大字版 (print-large.css, for that one print) and 下载大字版 Word
(downloads/<slug>.large.docx, filled like the GB/T 9704 one), both in data/gongwen.yml's `large` layout,
page numbers kept."""
from __future__ import annotations

import re

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from playwright.sync_api import expect

from speech_helpers import CORPUS, VARIANTS, expected_text, fill, head_lines
from test_print import pdf_pages, printed_lines

SLUG = "district-entry-pledge"
GONGWEN = CORPUS.registry.gongwen
LARGE = GONGWEN["large"]
SIZES = {role: LARGE["sizes"].get(role, font["size"]) for role, font in GONGWEN["fonts"].items()}
MM = 96 / 25.4  # CSS px per mm
PT = 96 / 72
BODY = ".speech-section p.speech-text:not(.speech-salutation)"
TITLE = ".speech-head-line:first-child"


def text_block_mm() -> tuple[float, float]:
    page, margins = GONGWEN["page_mm"], GONGWEN["margins_mm"]
    return page["width"] - margins["left"] - margins["right"], page["height"] - margins["top"] - margins["bottom"]


def styles(page) -> dict[str, float]:
    return page.evaluate(
        """([body, title]) => {
            const b = getComputedStyle(document.querySelector(body)), t = getComputedStyle(document.querySelector(title));
            return { size: parseFloat(b.fontSize), line: parseFloat(b.lineHeight), spacing: parseFloat(b.letterSpacing),
                     indent: parseFloat(b.textIndent), title: parseFloat(t.fontSize) };
        }""", [BODY, TITLE])


def test_print_large_uses_the_large_layout_for_that_print_only(page, site_url):
    page.goto(f"{site_url}/speeches/{SLUG}/")
    page.emulate_media(media="print")
    standard = styles(page)
    assert abs(standard["size"] - GONGWEN["fonts"]["body"]["size"] * PT) < 0.01
    # what the page looks like while it prints: window.print() reads the styles, then afterprint ends the print
    page.evaluate("""body => { window.print = () => { window.__printing = [document.documentElement.dataset.print,
        parseFloat(getComputedStyle(document.querySelector(body)).fontSize)]; }; }""", BODY)
    assert page.evaluate("document.querySelector('link[href$=\"print-large.css\"]')") is None, "loaded on the first click"
    page.locator("[data-speech-print-large]").dispatch_event("click")  # hidden in print media, as it should be
    mode, size = page.wait_for_function("() => window.__printing").json_value()
    assert mode == "large" and abs(size - SIZES["body"] * PT) < 0.01
    large = styles(page)
    width, height = text_block_mm()
    pitch = width * MM / LARGE["grid"]["chars"] - 0.01 * PT
    assert abs(large["size"] - SIZES["body"] * PT) < 0.01
    assert abs(large["line"] - (height * MM / LARGE["grid"]["lines"] - 0.01 * PT)) < 0.01
    assert abs(large["spacing"] - (pitch - SIZES["body"] * PT)) < 0.01
    assert abs(large["indent"] - 2 * pitch) < 0.01
    assert abs(large["title"] - SIZES["title"] * PT) < 0.01
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.hasAttribute('data-print')") is False
    assert styles(page) == standard  # the next print is the GB/T 9704 one again
    assert page.console_errors == []


def test_large_print_pdf_has_its_grid_and_page_numbers(page, site_url):
    page.goto(f"{site_url}/speeches/{SLUG}/")
    fill(page, "讲话人", "王志远")
    standard = pdf_pages(page)
    page.evaluate("window.print = () => { window.__printed = true; }")  # page.pdf() below prints what 打印大字版 set up
    page.locator("[data-speech-print-large]").click()
    page.wait_for_function("() => window.__printed && document.documentElement.dataset.print === 'large'")
    pages = pdf_pages(page)
    assert len(pages) > len(standard), "larger type takes more pages"
    cjk = re.compile(r"^[\u3000-\u303f\u2e80-\u9fff\uff00-\uffef“”‘’—…·]+$")
    widths = []
    for number, runs in enumerate(pages, start=1):
        footer = [r for r in runs if r[2] < 35]
        assert printed_lines(footer) == [f"—{number}—"], f"page {number}: 页码 kept"
        body = printed_lines([r for r in runs if r[2] >= 35])
        assert len(body) <= LARGE["grid"]["lines"], f"page {number}: {len(body)} lines"
        widths += [len(line) for line in body if cjk.match(line)]
    assert max(widths) == LARGE["grid"]["chars"] and widths.count(LARGE["grid"]["chars"]) > 10
    assert page.console_errors == []


def test_large_word_is_filled_in_the_large_layout(page, site_url, built_site, tmp_path):
    page.goto(f"{site_url}/speeches/{SLUG}/")
    values = {"讲话人": "王志远", "日期": "2026年3月2日", "党委简称": "区委"}
    for name, value in values.items():
        fill(page, name, value)
    with page.expect_download() as got:
        page.locator("[data-speech-docx-large]").click()
    title = head_lines(SLUG, values)[0]
    assert got.value.suggested_filename == f"{title}（大字版）.docx"  # beside the GB/T 9704 one, not over it
    path = tmp_path / "large.docx"
    got.value.save_as(path)
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts == expected_text(VARIANTS[SLUG].spoken_lines(), values, False, head_lines(SLUG, values)).split("\n")
    for style, role in (("Normal", "body"), ("Heading 1", "heading1"), ("Speech Head", "head"), ("Speech Title", "title")):
        assert doc.styles[style].font.size == Pt(SIZES[role]), style
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    width, height = (Pt(doc.sections[0].page_width.pt - doc.sections[0].left_margin.pt - doc.sections[0].right_margin.pt),
                     doc.sections[0].page_height.pt - doc.sections[0].top_margin.pt - doc.sections[0].bottom_margin.pt)
    line = int(grid.get(qn("w:linePitch"))) / 20
    pitch = SIZES["body"] + int(grid.get(qn("w:charSpace"))) / 4096
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert LARGE["grid"]["lines"] * line <= height < (LARGE["grid"]["lines"] + 1) * line
    assert LARGE["grid"]["chars"] * pitch <= width.pt < (LARGE["grid"]["chars"] + 1) * pitch
    assert doc.styles["Normal"].paragraph_format.line_spacing.pt == line
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", doc.sections[0].footer.paragraphs[0]._p.xml), "页码 kept"
    blank = Document(str(built_site / "downloads" / f"{SLUG}.docx"))
    assert blank.styles["Normal"].font.size == Pt(GONGWEN["fonts"]["body"]["size"])  # the GB/T 9704 file stays as it is
    expect(page.locator("#speech-status")).to_have_text(re.compile("^已下载已填写的 Word"))
    assert page.console_errors == []
