"""Printing a template page: the speech alone, in 公文 layout (speech.css, @media print)."""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from speech_helpers import CORPUS, ROOT, VARIANTS, fill, head_lines

MM = 96 / 25.4  # CSS px per mm
PT = 96 / 72
HIDDEN = [
    ".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", "h1",
    ".fill-panel", ".fill-dock", ".speech-tools", ".speech-copy", ".speech-head-edit", ".section-meta", ".role-label",
    ".note-ref", ".note", ".speech .admonition", ".speech details", ".speech-label",
    ".variant-summary", "#structure", "#structure + table", "#tifa", "#tifa + table", ".md-content__inner > table",
    ".md-content__inner > .admonition", ".headerlink",
]


@pytest.mark.parametrize("slug", sorted(VARIANTS))
def test_print_shows_the_speech_only(page, site_url, slug):
    page.goto(f"{site_url}/speeches/{slug}/")
    fill(page, "讲话人", "王志远")
    page.locator(".speech .ph").nth(3).click()  # the dock open while printing must not show either
    page.emulate_media(media="print")
    for selector in HIDDEN:
        items = page.locator(selector)
        for i in range(items.count()):
            expect(items.nth(i)).to_be_hidden()
    # the speech's own head replaces the template's name
    head = page.locator(".speech-head-line")
    assert [head.nth(i).inner_text() for i in range(head.count())] == head_lines(slug, {"讲话人": "王志远"})
    texts = page.locator(".speech-text")
    assert texts.count() > 10
    for i in range(texts.count()):
        expect(texts.nth(i)).to_be_visible()
    # nothing else in the article shows: every visible leaf is the title or inside spoken text
    stray = page.evaluate(
        """() => [...document.querySelectorAll('.md-content__inner *')]
            .filter(e => e.getClientRects().length && !e.closest('.speech-text') && !e.querySelector('.speech-text'))
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert stray == []

    style = lambda sel, prop: page.evaluate(f"getComputedStyle(document.querySelector('{sel}')).{prop}")  # noqa: E731
    px = lambda sel, prop: float(style(sel, prop).removesuffix("px"))  # noqa: E731
    body = ".speech-section p.speech-text:not(.speech-salutation)"
    pitch = 156 * MM / 28 - 0.01 * PT  # 28 characters in the 156 mm line
    assert style(body, "fontSize") == "21.3333px"  # 16pt
    assert abs(px(body, "lineHeight") - (225 * MM / 22 - 0.01 * PT)) < 0.01  # 22 lines in 225 mm
    assert abs(px(body, "letterSpacing") - (pitch - 16 * PT)) < 0.01
    assert abs(px(body, "textIndent") - 2 * pitch) < 0.01  # two characters
    assert "仿宋" in style(body, "fontFamily")
    title = ".speech-head-line:first-child"
    assert style(title, "fontSize") == "29.3333px"  # 22pt
    assert style(title, "textAlign") == "center"
    assert "宋" in style(title, "fontFamily")
    assert "楷体" in style(".speech-head-line ~ .speech-head-line", "fontFamily")
    if any(s.heading_is_spoken for s in VARIANTS[slug].sections):
        assert "黑体" in style("h2.speech-heading", "fontFamily")
    else:  # a 主持词: its agenda labels are for the drafter and never print
        assert page.locator("h2.speech-heading").count() == 0
    if page.locator("h3.speech-heading").count():
        assert "楷体" in style("h3.speech-heading", "fontFamily")
    # placeholders print as plain text
    assert style(".speech .ph", "backgroundColor") == "rgba(0, 0, 0, 0)"
    assert style(".speech .ph", "borderBottomStyle") == "none"

    page_rule = page.evaluate(
        """() => {
            for (const sheet of document.styleSheets) {
                let rules; try { rules = sheet.cssRules } catch (e) { continue }
                for (const rule of rules) if (rule.media && rule.media.mediaText === 'print')
                    for (const inner of rule.cssRules) if (inner instanceof CSSPageRule)
                        return [inner.style.getPropertyValue('size').toLowerCase(), inner.style.margin];
            }
        }"""
    )
    margins = CORPUS.registry.gongwen["margins_mm"]  # the print and the Word file share data/gongwen.yml
    assert page_rule == ["a4", f"{margins['top']}mm {margins['right']}mm {margins['bottom']}mm {margins['left']}mm"]
    assert page.console_errors == []


def test_print_pdf_is_a4(page, site_url):
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box, "no MediaBox in the PDF"
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points


def pdf_pages(page) -> list[list[tuple[str, float, float]]]:
    """Each printed page as its text runs (text, x, y in mm from the bottom-left corner), via pypdf."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    pages = []
    for pdf_page in reader.pages:
        runs = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                x, y = (cm[0] * tm[4] + cm[2] * tm[5] + cm[4]), (cm[1] * tm[4] + cm[3] * tm[5] + cm[5])
                runs.append((text, x * 25.4 / 72, y * 25.4 / 72))

        pdf_page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def printed_lines(runs: list[tuple[str, float, float]]) -> list[str]:
    """Text runs grouped into lines by their baseline, top to bottom."""
    lines: dict[float, list[tuple[float, str]]] = {}
    for text, x, y in runs:
        key = next((k for k in lines if abs(k - y) < 1), y)
        lines.setdefault(key, []).append((x, text))
    return ["".join(t for _, t in sorted(parts)).replace("\n", "") for _, parts in sorted(lines.items(), reverse=True)]


def test_print_has_28_characters_a_line_22_lines_a_page_and_page_numbers(page, site_url):
    """GB/T 9704 in Chromium's own print: the PDF it makes, read back with pypdf."""
    page.goto(f"{site_url}/speeches/district-entry-mobilization/")
    fill(page, "讲话人", "王志远")
    pages = pdf_pages(page)
    assert len(pages) >= 3
    cjk = re.compile(r"^[\u3000-\u303f\u2e80-\u9fff\uff00-\uffef“”‘’—…·]+$")  # lines without Latin digits
    widths = []
    for number, runs in enumerate(pages, start=1):
        footer = [r for r in runs if r[2] < 35]  # under the text block (35 mm from the bottom)
        assert printed_lines(footer) == [f"—{number}—"], f"page {number}: no “— {number} —”"
        left = min(x for _, x, _ in footer)
        right_edge, left_edge = 210 - 26 - 14 * 25.4 / 72, 28 + 14 * 25.4 / 72  # one 4号 character in
        assert (right_edge - 16 < left < right_edge - 10) if number % 2 else (abs(left - left_edge) < 1), \
            f"page {number}: odd numbers go right, even left ({left:.1f} mm)"
        assert all(20 < y < 26 for _, _, y in footer), f"page {number}: the number sits 7 mm under the text block"
        body = printed_lines([r for r in runs if r[2] >= 35])
        assert len(body) <= 22, f"page {number}: {len(body)} lines"
        if 1 < number < len(pages):
            assert len(body) >= 21, f"page {number}: a full page holds 22 lines, got {len(body)}"
        widths += [len(line) for line in body if cjk.match(line)]
    assert max(widths) == 28 and widths.count(28) > 20, "28 characters a line"
    first = printed_lines(pages[0])
    assert first[0].startswith("在【巡察组】进驻") and "王志远" in first


def outline(page, selector: str) -> tuple[str, str]:
    return tuple(page.evaluate(f"(e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth])(document.querySelector('{selector}'))"))


def test_print_has_no_highlight_focus_ring_or_ui_and_esc_clears_the_highlight(page, site_url):
    """Issue 22 §1: the current slot's highlight and the focus ring printed as blue boxes; Esc did not clear them."""
    page.goto(f"{site_url}/speeches/district-entry-pledge/")
    slot = page.locator(".speech-section .ph[data-ph]").first
    slot.click()  # the dock opens on it: the slot is the current one
    expect(slot).to_have_class(re.compile(r"\bis-current\b"))
    assert outline(page, ".ph.is-current")[0] != "none"  # on screen it shows
    page.keyboard.press("Escape")  # from the dock: it goes, focus returns to the slot, the highlight goes too
    assert page.evaluate("document.activeElement.classList.contains('ph')")
    expect(page.locator(".ph.is-current")).to_have_count(0)
    assert outline(page, ".ph:focus")[0] != "none"  # a keyboard user still sees where they are on screen
    page.emulate_media(media="print")
    assert outline(page, ".ph:focus")[0] == "none"  # but it does not print
    page.emulate_media(media="screen")
    page.keyboard.press("Escape")  # a second Esc takes the focus ring off the slot as well
    assert not page.evaluate("document.activeElement.classList.contains('ph')")

    slot.click()  # printing with the dock open and a slot current
    expect(slot).to_have_class(re.compile(r"\bis-current\b"))
    page.emulate_media(media="print")
    assert outline(page, ".ph.is-current")[0] == "none"
    for selector in (".fill-dock", ".speech-level", ".speech-head-edit", ".speech-tools", "#ph-tip"):
        items = page.locator(selector)
        for i in range(items.count()):
            expect(items.nth(i)).to_be_hidden()
    page.emulate_media(media="screen")
    page.mouse.click(5, 5)  # focus leaves the dock: Esc from the page takes the highlight off all the same
    page.keyboard.press("Escape")
    expect(page.locator(".ph.is-current")).to_have_count(0)
    assert page.console_errors == []


def blue_pixels(pdf: bytes, tmp_path) -> int:
    """Pixels of the first printed page, rendered by poppler, that are clearly blue (the highlight and
    the focus ring are #1a56db-like; the printout is black on white)."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: apt-get install poppler-utils (the Word tests render with it too)")
    (tmp_path / "print.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "print.pdf", "page"], cwd=tmp_path, check=True, timeout=60)
    data = next(tmp_path.glob("page*.ppm")).read_bytes()
    head = data.split(b"\n", 3)  # P6, width height, maxval, pixels
    assert head[0] == b"P6" and head[2] == b"255", head[:3]
    pixels = head[3]
    return sum(1 for i in range(0, len(pixels) - 2, 3) if pixels[i + 2] > 150 and pixels[i + 2] - pixels[i] > 80)


def test_the_printed_pdf_has_no_blue_box_and_no_ui_text(page, site_url, tmp_path):
    """Issue 22 §1 on paper: the PDF Chromium prints with the dock open and a focused slot current has
    no blue pixel and none of the page's controls in its text; the same page with the highlight forced
    into print has blue pixels, so the check can see a box."""
    from pypdf import PdfReader

    page.goto(f"{site_url}/speeches/district-entry-pledge/")
    slot = page.locator(".speech-section .ph[data-ph]").first
    slot.click()
    expect(slot).to_have_class(re.compile(r"\bis-current\b"))
    slot.focus()
    pdf = page.pdf(prefer_css_page_size=True)
    assert blue_pixels(pdf, tmp_path) == 0
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for ui in ("填写占位符", "复制", "修改标题", "市（县级市）", "清空本页填写", "下载"):
        assert ui not in text
    page.add_style_tag(content="@media print { .md-typeset .ph.is-current { outline: .15rem solid #1a56db !important; } }")
    forced = tmp_path / "forced"
    forced.mkdir()
    assert blue_pixels(page.pdf(prefer_css_page_size=True), forced) > 20
