"""Every Word file the site offers (each template in GB/T 9704 and 大字版 layout, each 下载整场会议),
rendered by LibreOffice as a drafter without Word would open it: soffice → PDF → pdftotext.

The PDF must hold every punctuation mark of the source in order (condensed character spacing once
lost 。，、 at line ends, and LibreOffice does not draw the marks it hangs past a line's end), each line
the grid's characters (28, or 20 in the 大字版; fewer only by the marks 标点禁则 moves down with the next
line's first character), and each page the
grid's lines (22, or 15): on the grid's rows, and full wherever a paragraph runs on to the next page.
Lines with Latin letters or digits are left out of the count (half-width, they fit more), and so is
the shortness of a line before one that starts with them (a number such as 2023—2027 does not break).
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm

from speechkit.checking import load_corpus
from speechkit.outputs import docx_uri, large_uri, meeting_downloads

pytestmark = pytest.mark.slow

CORPUS = load_corpus()
GONGWEN = CORPUS.registry.gongwen
STANDARD = [docx_uri(v) for v in CORPUS.variants] + [m.uri for m in meeting_downloads(CORPUS)]
LARGE = [large_uri(docx_uri(v)) for v in CORPUS.variants]
PUNCTUATION = re.compile(r"[，。、；：？！“”‘’（）《》〈〉【】—…·]")
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
HALF_WIDTH = re.compile(r"[0-9A-Za-z]")
OPENING = "“‘（《〈【"  # never at a line's end
NO_START = "，。、；：？！”’）》〉】…—·"  # never at a line's start
PT_PER_MM = 72 / 25.4


@dataclass
class Line:
    page: int
    top: float  # points from the page's top edge
    left: float
    text: str  # without spaces


def pdf_lines(pdf: Path) -> list[Line]:
    """The body lines of every page, top to bottom, page numbers left out (pdftotext -bbox-layout)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120, check=True).stdout
    lines = []
    for page, body in enumerate(out.split("<page ")[1:], start=1):
        for attrs, inner in re.findall(r"<line ([^>]*)>(.*?)</line>", body, re.S):
            box = dict(re.findall(r'(\w+)="([\d.]+)"', attrs))
            text = "".join(html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", inner, re.S))
            text = re.sub(r"\s+", "", text)
            if text and not PAGE_NUMBER.match(text):
                lines.append(Line(page, float(box["yMin"]), float(box["xMin"]), text))
    return lines


@pytest.fixture(scope="module")
def rendered(built_site, tmp_path_factory) -> dict[str, Path]:
    """All the site's .docx converted to PDF in one soffice call, in a profile of its own (another
    LibreOffice running on the machine would otherwise take the job)."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not (soffice and pdftotext):
        pytest.fail("LibreOffice (soffice) or pdftotext is missing: run `make test`, which installs "
                    "libreoffice-writer-nogui and poppler-utils (scripts/install-system-deps.sh office)")
    work = tmp_path_factory.mktemp("render")
    sources = {}
    for uri in STANDARD + LARGE:  # flat names for one output folder
        target = work / "docx" / uri.replace("/", "__")
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(built_site / uri, target)
        sources[uri] = target
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work / "pdf"), *map(str, sources.values())],
        capture_output=True, text=True, timeout=1800)
    pdfs = {uri: work / "pdf" / (path.stem + ".pdf") for uri, path in sources.items()}
    missing = [uri for uri, pdf in pdfs.items() if not pdf.exists()]
    assert not missing, f"LibreOffice made no PDF of {missing}: {result.stdout}{result.stderr}"
    return pdfs


def paragraphs(path: Path) -> list[str]:
    return [re.sub(r"\s+", "", p.text) for p in Document(str(path)).paragraphs if p.text.strip()]


def check_render(docx: Path, pdf: Path, grid: dict) -> None:
    source = paragraphs(docx)
    lines = pdf_lines(pdf)
    name = docx.name

    # every punctuation mark, in order, and the text itself
    assert PUNCTUATION.findall("".join(l.text for l in lines)) == PUNCTUATION.findall("".join(source)), f"{name}: punctuation lost or moved"
    assert "".join(l.text for l in lines) == "".join(source), f"{name}: the rendered text differs from the file's"

    # the lines of each paragraph: the rendered lines, in order, make up the paragraphs
    by_paragraph: list[list[Line]] = []
    rest = list(lines)
    for text in source:
        got, joined = [], ""
        while rest and len(joined) < len(text):
            got.append(rest.pop(0))
            joined += got[-1].text
        assert joined == text, f"{name}: lines do not make up the paragraph {text[:20]}…"
        by_paragraph.append(got)

    chars, rows = grid["chars"], grid["lines"]
    margins = GONGWEN["margins_mm"]
    pitch = Mm(GONGWEN["page_mm"]["height"] - margins["top"] - margins["bottom"]).pt / rows
    cell = Mm(GONGWEN["page_mm"]["width"] - margins["left"] - margins["right"]).pt / chars
    styles = [p.style.style_id for p in Document(str(docx)).paragraphs if p.text.strip()]
    full = 0
    for style, got in zip(styles, by_paragraph):
        if style in ("SpeechTitle", "SpeechHead"):
            continue  # the head: centred, the title in a larger size
        for number, line in enumerate(got):
            if HALF_WIDTH.search(line.text):
                continue
            width = len(line.text) + round((line.left - margins["left"] * PT_PER_MM) / cell)  # a first line starts two cells in
            assert width <= chars, f"{name}: {width} characters in a line (a mark hung past its end?): {line.text}"
            following = got[number + 1].text if number < len(got) - 1 else ""
            if following and not HALF_WIDTH.search(following[:3]):  # “2023—2027” does not break
                # 标点禁则: the next line starts with a character that may start a line, so the marks around it
                # (“（工）”, “猎”，”) moved down with it; the line is short by that many, and no more
                moved = len(re.match(f"[{OPENING}]*.[{NO_START}]*", following).group(0)) - 1
                assert width >= chars - moved, f"{name}: only {width} characters in a line that runs on: {line.text}"
                full += 1
    assert full, f"{name}: no full line to measure"

    # each page: lines on the grid's rows, no more than the grid holds, full where a paragraph runs on
    top = margins["top"] * PT_PER_MM
    offset = None
    for style, got in zip(styles, by_paragraph):
        if style == "SpeechTitle":
            continue  # set off the grid (taller than a row)
        for line in got:
            row = (line.top - top) / pitch
            offset = row % 1 if offset is None else offset
            assert abs((row - offset) - round(row - offset)) < 0.1, f"{name}: page {line.page}: a line off the grid: {line.text}"
            assert round(row - offset) < rows, f"{name}: page {line.page}: more than {rows} lines"
    for got in by_paragraph:
        for before, after in zip(got, got[1:]):
            if after.page != before.page:  # a paragraph runs on: the page it leaves is full
                row = round((before.top - top) / pitch - offset)
                assert row == rows - 1, f"{name}: page {before.page} ends on line {row + 1} of {rows} inside a paragraph"


@pytest.mark.parametrize("uri", STANDARD)
def test_gbt9704_files_render_whole_on_28_by_22(built_site, rendered, uri):
    check_render(built_site / uri, rendered[uri], GONGWEN["grid"])


@pytest.mark.parametrize("uri", LARGE)
def test_large_print_files_render_whole_on_their_grid(built_site, rendered, uri):
    check_render(built_site / uri, rendered[uri], GONGWEN["large"]["grid"])
