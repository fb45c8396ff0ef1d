"""The Word downloads (scripts/speechkit/outputs/docx_export.py via overrides/hooks/word.py), opened with
python-docx as a reader would: GB/T 9704 layout, fonts and sizes, headings, page numbers, placeholders,
and the same text as the parsed model."""
from __future__ import annotations

import base64
import io
import json
import re
import shutil

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from speechkit.base import PLACEHOLDER, ROOT, SALUTATION, at_level
from speechkit.checking import load_corpus
from speechkit.reading import speech_head

CORPUS = load_corpus()
VARIANTS = CORPUS.variants
GONGWEN = CORPUS.registry.gongwen


def open_docx(site, variant) -> Document:
    return Document(str(site / "downloads" / f"{variant.slug}.docx"))


def east_asia(run) -> str | None:
    fonts = run._r.rPr.rFonts if run._r.rPr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def style_size(paragraph) -> float:
    style = paragraph.style
    while style is not None and style.font.size is None:
        style = style.base_style
    return style.font.size.pt


def body_paragraphs(doc) -> list:
    return [p for p in doc.paragraphs if p.text]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_page_is_a4_with_gbt9704_margins_and_grid(built_site, variant):
    doc = open_docx(built_site, variant)
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    margins = {"top": section.top_margin, "bottom": section.bottom_margin, "left": section.left_margin, "right": section.right_margin}
    for side, mm in {"top": 37, "bottom": 35, "left": 28, "right": 26}.items():
        assert abs(margins[side] - Mm(mm)) < Mm(0.1), side
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"  # Word's 指定行和字符网格; no character spacing
    line_pitch = int(grid.get(qn("w:linePitch"))) / 20  # points
    height = Mm(297 - 37 - 35).pt
    assert 22 * line_pitch <= height < 23 * line_pitch  # 22 lines a page
    width = section.page_width.pt - section.left_margin.pt - section.right_margin.pt
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096  # the Normal style's size plus the grid's charSpace
    assert doc.styles["Normal"].font.size == Pt(16)
    assert 28 * char_pitch <= width < 29 * char_pitch  # 28 characters a line
    for name in ("Normal", "Heading 1", "Heading 2", "Speech Head"):
        style = doc.styles[name]
        assert style.paragraph_format.line_spacing.pt == line_pitch
        assert style.element.rPr.find(qn("w:spacing")) is None, name  # condensed spacing lost 。，、 in LibreOffice
        scale = int(style.element.rPr.find(qn("w:w")).get(qn("w:val")))
        assert 16 * scale / 100 < char_pitch - 0.05, name  # fits LibreOffice's grid cell (see docx_export.Layout)
    assert not doc.styles["Normal"].paragraph_format.widow_control  # every page holds its 22 lines
    # Word's default, written out: LibreOffice reads it as "hang no marks" (see docx_export.Layout)
    assert doc.styles["Normal"].element.pPr.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_head_title_speaker_and_date(built_site, variant):
    doc = open_docx(built_site, variant)
    head = speech_head(variant, CORPUS.registry)
    title, speaker, date = doc.paragraphs[:3]
    assert title.style.style_id == "SpeechTitle"
    assert title.text == at_level(head[0].text) and "【" not in head[0].name
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER or title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert style_size(title) == 22
    assert {east_asia(r) for r in title.runs} == {"方正小标宋简体"}
    # 讲话人: the placeholders this meeting's other speeches name the speaker by (data/meetings.yml), or 【讲话人】
    assert speaker.text == head[1].text in ("【讲话人】", at_level(head[1].default)) and date.text == "（【日期】）"
    for style in (title.style, speaker.style):  # centred lines are not indented, in characters either
        assert style.paragraph_format.first_line_indent == 0
        assert style.element.pPr.ind.get(qn("w:firstLineChars")) == "0"
    for line in (speaker, date):
        assert line.style.style_id == "SpeechHead" and style_size(line) == 16
        assert {east_asia(r) for r in line.runs} == {"楷体_GB2312"}
    assert doc.paragraphs[3].text == ""  # one empty line before 同志们：
    assert doc.paragraphs[4].text == variant.spoken_lines()[0]  # the salutation
    assert doc.core_properties.title == at_level(head[0].text)
    assert doc.core_properties.author == ""


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_text_is_the_models_spoken_text(built_site, variant):
    """No second copy: the file holds exactly the head and the spoken lines of the parsed model."""
    doc = open_docx(built_site, variant)
    head = [line.text for line in speech_head(variant, CORPUS.registry)]
    assert [p.text for p in body_paragraphs(doc)] == head + variant.spoken_lines()


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_headings_body_fonts_and_sizes(built_site, variant):
    doc = open_docx(built_site, variant)
    paragraphs = body_paragraphs(doc)[3:]
    levels = {s.title: s.level for s in variant.all_sections() if s.heading_is_spoken}
    seen = {1: 0, 2: 0}
    for paragraph in paragraphs:
        for run in paragraph.runs:
            assert east_asia(run), f"run without an East Asian font: {run.text!r}"
        level = levels.get(paragraph.text)
        if level == 1:
            assert paragraph.style.name == "Heading 1" and paragraph.text[:2] in {f"{n}、" for n in "一二三四五六七八九"}
            assert {east_asia(r) for r in paragraph.runs} == {"黑体"}
        elif level == 2:
            assert paragraph.style.name == "Heading 2" and paragraph.text.startswith("（")
            assert {east_asia(r) for r in paragraph.runs} == {"楷体_GB2312"}
        else:
            assert paragraph.style.name == "Normal"
            fonts = {east_asia(r) for r in paragraph.runs}
            assert "仿宋_GB2312" in fonts and fonts <= {"仿宋_GB2312", "楷体_GB2312"}
        if level:
            seen[level] += 1
            assert paragraph.style.paragraph_format.keep_with_next
        assert style_size(paragraph) == 16
        assert paragraph.style.font.color.rgb is None or str(paragraph.style.font.color.rgb) == "000000"
        assert not any(r.bold for r in paragraph.runs) and not paragraph.style.font.bold
    assert seen[1] == sum(1 for s in variant.sections if s.heading_is_spoken)
    assert seen[2] == sum(1 for s in variant.all_sections() if s.level == 2 and s.heading_is_spoken)
    # body lines are indented two characters, the salutation is not
    normal = doc.styles["Normal"].paragraph_format
    assert normal.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert abs(normal.first_line_indent.pt - 2 * 15.75) < 0.01  # two cells of LibreOffice's grid (whole twips)
    salutation = next(p for p in paragraphs if p.text == variant.spoken_lines()[0])
    assert SALUTATION.match(salutation.text) and salutation.paragraph_format.first_line_indent == 0


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_page_numbers_odd_right_even_left(built_site, variant):
    doc = open_docx(built_site, variant)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align, indent_side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert re.search(r'<w:instrText[^>]*> PAGE </w:instrText>', xml)
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment == align
        indent = paragraph.paragraph_format.right_indent if indent_side == "right" else paragraph.paragraph_format.left_indent
        assert indent == Pt(14)  # one character of 4号 in from the edge
        assert style_size(paragraph) == 14
        assert {east_asia(r) for r in paragraph.runs} == {"宋体"}
    # the number's top sits 7 mm under the text block
    assert abs(Mm(35).mm - section.footer_distance.mm - Pt(14).mm - 7) < 0.2


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_each_placeholder_is_one_highlighted_run(built_site, variant):
    doc = open_docx(built_site, variant)
    runs = [r for p in doc.paragraphs for r in p.runs]
    placeholder_runs = [r for r in runs if "【" in r.text or "】" in r.text]
    for run in placeholder_runs:
        assert PLACEHOLDER.fullmatch(run.text), f"placeholder split or merged: {run.text!r}"
        assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    for run in runs:
        if run not in placeholder_runs:
            assert run.font.highlight_color is None
    head = [line.text for line in speech_head(variant, CORPUS.registry)]
    expected = [m.group(0) for line in head + variant.spoken_lines() for m in PLACEHOLDER.finditer(line)]
    assert [r.text for r in placeholder_runs] == expected


def test_docx_script_carries_the_same_bytes(built_site):
    """downloads/<slug>.docx.js registers the file's bytes for the file:// download."""
    for variant in VARIANTS:
        script = (built_site / "downloads" / f"{variant.slug}.docx.js").read_text(encoding="ascii")
        m = re.fullmatch(r'\(window\.__speechDocx = window\.__speechDocx \|\| \{\}\)\[(".*?")\] = "([A-Za-z0-9+/=]+)";\n', script)
        assert m and json.loads(m.group(1)) == variant.slug
        assert base64.b64decode(m.group(2)) == (built_site / "downloads" / f"{variant.slug}.docx").read_bytes()


def test_template_page_links_its_word_file(built_site):
    for variant in VARIANTS:
        html = (built_site / "speeches" / variant.slug / "index.html").read_text(encoding="utf-8")
        link = re.search(r'<a class="speech-button"([^>]*)>下载 Word</a>', html)
        assert link, variant.slug
        attributes = dict(re.findall(r'\s([a-z-]+)="([^"]*)"', link.group(1)))
        assert attributes == {
            "href": f"../../downloads/{variant.slug}.docx",
            "data-speech-docx": variant.slug,
            "download": f"{variant.title}.docx",
        }


def test_offline_build_links_resolve_as_files(offline_site):
    for variant in VARIANTS:
        html = (offline_site / "speeches" / f"{variant.slug}.html").read_text(encoding="utf-8")
        assert f'href="../downloads/{variant.slug}.docx"' in html
        assert (offline_site / "downloads" / f"{variant.slug}.docx").exists()
        assert (offline_site / "downloads" / f"{variant.slug}.docx.js").exists()
    assert (offline_site / "assets" / "vendor" / "fflate.js").exists()
    assert "MIT License" in (offline_site / "assets" / "vendor" / "fflate.LICENSE.txt").read_text(encoding="utf-8")


def test_build_without_vendored_files_says_what_to_run(project_copy, mkdocs):
    shutil.rmtree(project_copy / "overrides" / "assets" / "vendor", ignore_errors=True)
    out = project_copy / "site-out"
    result = mkdocs("build", "--site-dir", str(out), cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "overrides/assets/vendor/fflate.js" in output and "make vendor" in output and "npm" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_same_template_gives_the_same_document(built_site):
    """Built from the model alone: generating again gives the same document XML."""
    from speechkit.outputs import speech_docx
    import zipfile

    variant = VARIANTS[0]
    fresh = zipfile.ZipFile(io.BytesIO(speech_docx(variant, CORPUS.registry)))
    built = zipfile.ZipFile(built_site / "downloads" / f"{variant.slug}.docx")
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "docProps/core.xml"):
        assert fresh.read(name) == built.read(name), name


def test_placeholder_scope_is_checked_and_rendered(tmp_path):
    """scope: 本模板 in data/placeholders.yml reaches the page as data-ph-scope; a wrong scope is refused."""
    from speechkit.outputs import placeholder_html
    from speechkit.reading import DataFileError, load_registry

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    registry_file = data / "placeholders.yml"
    text = registry_file.read_text(encoding="utf-8")
    registry_file.write_text(text.replace("本地:\n  type: 地名\n", "本地:\n  type: 地名\n  scope: 本模板\n", 1), encoding="utf-8")
    registry = load_registry(data)
    assert 'data-ph-scope="template"' in placeholder_html("本地", registry)
    assert "data-ph-scope" not in placeholder_html("巡察组", registry)
    registry_file.write_text(text.replace("本地:\n  type: 地名\n", "本地:\n  type: 地名\n  scope: 自己\n", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_registry(data)
    assert "“本地”的“scope”“自己”不在允许的范围内" in str(refused.value) and "本模板" in str(refused.value)  # (data/schemas.yml)
