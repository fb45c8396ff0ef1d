"""The Word file (.docx) of one speech in GB/T 9704 layout, built from the parsed model with python-docx.

Layout, fonts and sizes come from data/gongwen.yml; the head (讲话标题, 讲话人, 日期) from head.py.
python-docx has no API for a few settings (the line grid, character spacing, East Asian fonts,
page-number fields), so those set single attributes on the elements python-docx made; nothing here
writes document XML by hand.

28 characters a line come from character spacing (紧缩), not from Word's character grid: a 16 pt
character does not fit a 15.79 pt grid cell, and LibreOffice then gives it two cells (14 a line),
while condensed spacing gives 28 in Word, WPS and LibreOffice alike. 22 lines come from the line grid.

Contract with overrides/assets/javascripts/docx-fill.js, which fills this file in the browser:
- every placeholder is one run whose text is exactly 【名称】, highlighted yellow;
- the title paragraph has the style SpeechTitle, and its runs are the default title;
- 讲话人 and 日期 are placeholders like the others (【讲话人】, 【日期】);
- a marked locality word ({区}委) is one run with the character style LevelWord whose text is the
  word as written at 区 (data/levels.yml): docx-fill.js puts the chosen level's word in, in the blank
  download too.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import json
import math
import re

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..base import SALUTATION, at_level
from ..reading import Block, Registry, Section, Variant, speech_head

TITLE_STYLE = "Speech Title"  # style id SpeechTitle: docx-fill.js finds the title by it
LEVEL_STYLE = "Level Word"  # character style id LevelWord: docx-fill.js finds the {区} runs by it
HEAD_STYLE = "Speech Head"
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2"}  # Word's own, so the outline and navigation pane work
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Word checks the order of properties (ECMA-376 CT_RPr, CT_PPr): what may follow the two we add
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                     "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_AFTER_SNAP_TO_GRID = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                          "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                          "w:rPr", "w:sectPr", "w:pPrChange")
LEAD_IN = re.compile(r"^（[一二三四五六七八九十]+）[^。！？]{1,40}[。！？]")  # a （一） lead sentence in a paragraph


class Layout:
    """GB/T 9704 numbers from data/gongwen.yml, in the units Word wants."""

    def __init__(self, gongwen: dict):
        self.page = gongwen["page_mm"]
        self.margins = gongwen["margins_mm"]
        self.grid = gongwen["grid"]
        self.fonts = gongwen["fonts"]
        self.latin = str(gongwen.get("latin_font") or "Times New Roman")
        self.page_number = gongwen.get("page_number") or {}
        self.levels = None  # data/levels.yml, for the runs of {区}; set by speech_docx

    @property
    def text_width_pt(self) -> float:
        return Mm(self.page["width"] - self.margins["left"] - self.margins["right"]).pt

    @property
    def text_height_pt(self) -> float:
        return Mm(self.page["height"] - self.margins["top"] - self.margins["bottom"]).pt

    @property
    def line_pitch_twips(self) -> int:
        """22 lines fill the text block: 225 mm / 22 ≈ 28.95 pt (rounded down so the 22nd line fits)."""
        return math.floor(self.text_height_pt * 20 / self.grid["lines"])

    @property
    def char_spacing_twips(self) -> int:
        """Spacing added to each body character, in 1/20 pt (rounded down), so that 28 fill a line."""
        pitch = self.text_width_pt / self.grid["chars"]
        return math.floor((pitch - self.fonts["body"]["size"]) * 20)

    @property
    def char_pitch_pt(self) -> float:
        return self.fonts["body"]["size"] + self.char_spacing_twips / 20


def _set_fonts(rpr_owner, east_asia: str, latin: str) -> None:
    """Explicit fonts on a run, style or defaults, East Asian included; theme fonts would override them."""
    rfonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for name in THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(name), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


def _style(doc, name: str, font: dict, layout: Layout, *, align=None, indent: bool = True):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style.base_style is None and name != "Normal":
        style.base_style = styles["Normal"]
    style.font.size = Pt(font["size"])
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element, font["name"], layout.latin)
    if font["size"] == layout.fonts["body"]["size"]:  # lines of body size hold 28 characters
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(layout.char_spacing_twips))
        style.element.get_or_add_rPr().insert_element_before(spacing, *RPR_AFTER_SPACING)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(layout.line_pitch_twips / 20)
    if align is not None:
        fmt.alignment = align
    if not indent:  # in characters too: Word prefers firstLineChars, inherited from Normal, to firstLine
        _first_line_chars(style, 0, layout)
    return style


def _first_line_chars(paragraph_format_owner, chars: int, layout: Layout) -> None:
    """First-line indent of `chars` characters: in points for any reader, in characters for Word and WPS."""
    fmt = paragraph_format_owner.paragraph_format
    fmt.first_line_indent = Pt(chars * layout.char_pitch_pt)
    ind = paragraph_format_owner.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _setup(doc, layout: Layout) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(layout.page["width"]), Mm(layout.page["height"])
    section.top_margin, section.bottom_margin = Mm(layout.margins["top"]), Mm(layout.margins["bottom"])
    section.left_margin, section.right_margin = Mm(layout.margins["left"]), Mm(layout.margins["right"])
    section.gutter = Mm(0)
    number_size = Pt(layout.fonts["page_number"]["size"])
    below = Mm(float(layout.page_number.get("below_text_mm", 7)))
    # the page number's top sits `below` under the text block; the footer is measured from the paper's edge
    section.footer_distance = Mm(layout.margins["bottom"]) - below - number_size
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.line_pitch_twips))

    # defaults: explicit East Asian font and Chinese as the East Asian language
    default_rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = default_rpr.find(qn("w:rFonts"))
    for name in THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(name), None)
    for name, font in (("w:ascii", layout.latin), ("w:hAnsi", layout.latin), ("w:eastAsia", layout.fonts["body"]["name"]), ("w:cs", layout.latin)):
        rfonts.set(qn(name), font)
    lang = default_rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        default_rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")

    fonts = layout.fonts
    normal = _style(doc, "Normal", fonts["body"], layout, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _first_line_chars(normal, 2, layout)
    for level, name in HEADING_STYLES.items():
        heading = _style(doc, name, fonts[f"heading{level}"], layout)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True
    title = _style(doc, TITLE_STYLE, fonts["title"], layout, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    off_grid = OxmlElement("w:snapToGrid")  # 2号 is taller than a grid line: without this a title line takes two
    off_grid.set(qn("w:val"), "0")
    title.element.get_or_add_pPr().insert_element_before(off_grid, *PPR_AFTER_SNAP_TO_GRID)
    _style(doc, HEAD_STYLE, fonts["head"], layout, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    level_style = doc.styles.add_style(LEVEL_STYLE, WD_STYLE_TYPE.CHARACTER)  # no formatting of its own: a name to find
    level_style.base_style = doc.styles["Default Paragraph Font"]
    footer_style = _style(doc, "Footer", fonts["page_number"], layout, indent=False)
    footer_style.paragraph_format.line_spacing = number_size


@functools.lru_cache(maxsize=32)
def _run_properties(east_asia: str, latin: str, placeholder: bool):
    """The rPr of a run in this font (highlighted for a placeholder), made once by python-docx and
    copied into each run: setting it run by run through the API was half of the time per file."""
    run = Document().add_paragraph().add_run()
    _set_fonts(run._r, east_asia, latin)
    if placeholder:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run._r.rPr


def _run(paragraph, text: str, font: dict, layout: Layout, *, placeholder: bool = False, level: bool = False):
    run = paragraph.add_run()
    run._r.insert(0, copy.deepcopy(_run_properties(font["name"], layout.latin, placeholder)))
    if level:
        run._r.rPr.style = LEVEL_STYLE.replace(" ", "")
    if text:
        run._r.add_t(text)  # one w:t: the text setter walks it character by character
    return run


def _runs(paragraph, text: str, font: dict, layout: Layout) -> None:
    """Plain text and placeholders, each placeholder its own highlighted run 【名称】, each {区} its own
    LevelWord run."""
    if layout.levels is None:
        text, parts = at_level(text), None
    else:
        parts = layout.levels.parts(text)
    for kind, value in parts or [("text", text)]:
        if kind == "ph":
            _run(paragraph, f"【{value}】", font, layout, placeholder=True)
        elif value:
            _run(paragraph, value, font, layout, level=kind == "level")


def _page_number(footer, layout: Layout, *, odd: bool) -> None:
    """“— 1 —” in 4号: odd pages on the right, even pages on the left, one character in from the edge."""
    font = layout.fonts["page_number"]
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    one_char = Pt(font["size"])
    fmt.right_indent, fmt.left_indent = (one_char, Pt(0)) if odd else (Pt(0), one_char)
    before, _, after = str(layout.page_number.get("text", "— {} —")).partition("{}")
    _run(paragraph, before, font, layout)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(paragraph, "", font, layout)
        if kind:
            field_char = OxmlElement("w:fldChar")
            field_char.set(qn("w:fldCharType"), kind)
            run._r.append(field_char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run._r.add_t(text)
    _run(paragraph, after, font, layout)


def _paragraph(doc, style_id: str | None = None):
    paragraph = doc.add_paragraph()
    if style_id:
        paragraph._p.style = style_id  # by id: looking a style up by name scans every style each time
    return paragraph


def _heading(doc, section: Section, layout: Layout) -> None:
    level = 1 if section.level == 1 else 2
    paragraph = _paragraph(doc, HEADING_STYLES[level].replace(" ", ""))
    _runs(paragraph, section.title, layout.fonts[f"heading{level}"], layout)


def _block(doc, block: Block, layout: Layout) -> None:
    paragraph = _paragraph(doc)
    text = block.text
    if SALUTATION.match(text):
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    lead = LEAD_IN.match(text) if block.marker and block.marker.level == 2 else None
    if lead:  # a （一） lead sentence inside a paragraph is set like a （一） heading
        _runs(paragraph, lead.group(0), layout.fonts["heading2"], layout)
        text = text[lead.end():]
    _runs(paragraph, text, layout.fonts["body"], layout)


def _section(doc, section: Section, layout: Layout) -> None:
    if section.heading_is_spoken:
        _heading(doc, section, layout)
    for block in section.blocks:
        _block(doc, block, layout)
    for child in section.children:
        _section(doc, child, layout)


def _drop_unused_styles(doc) -> None:
    """Keep the styles a speech uses: python-docx's template carries 160, a tenth of each file's time."""
    keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Footer", "FooterChar",
            *(name.replace(" ", "") for name in (TITLE_STYLE, HEAD_STYLE, LEVEL_STYLE, *HEADING_STYLES.values()))}
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in keep:
            root.remove(style)
            continue
        link = style.find(qn("w:link"))
        if link is not None and link.get(qn("w:val")) not in keep:
            style.remove(link)


@functools.lru_cache(maxsize=4)
def _base_document(gongwen_json: str) -> bytes:
    """An empty document with the page, styles and page numbers set: made once, reopened per speech."""
    layout = Layout(json.loads(gongwen_json))
    doc = Document()
    # python-docx's template brings a preview picture, customXml and Word 2010 style effects: none is ours
    for owner in (doc.part.package, doc.part):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype.endswith(("/thumbnail", "/customXml", "/stylesWithEffects", "/webSettings")):
                del owner.rels[rel_id]
    _setup(doc, layout)
    _drop_unused_styles(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number(section.footer, layout, odd=True)
    _page_number(section.even_page_footer, layout, odd=False)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def speech_docx(variant: Variant, registry: Registry) -> bytes:
    layout = Layout(registry.gongwen)
    layout.levels = registry.levels
    doc = Document(io.BytesIO(_base_document(json.dumps(registry.gongwen, sort_keys=True))))
    head = speech_head(variant, registry)
    for number, line in enumerate(head):
        paragraph = _paragraph(doc, (TITLE_STYLE if number == 0 else HEAD_STYLE).replace(" ", ""))
        _runs(paragraph, line.text, layout.fonts["title" if number == 0 else "head"], layout)
    _paragraph(doc)  # one empty line between the head and 同志们：
    for top in variant.sections:
        _section(doc, top, layout)

    props = doc.core_properties
    props.title = at_level(head[0].text) if head else variant.title
    props.subject = str(variant.meta.get("meeting", ""))
    props.author = ""
    props.last_modified_by = ""
    props.comments = f"由“{variant.title}”模板生成，版式按 GB/T 9704—2012。"
    props.language = "zh-CN"
    props.revision = 1
    reviewed = variant.meta.get("last_reviewed")
    stamp = dt.datetime.combine(reviewed, dt.time()) if isinstance(reviewed, dt.date) else dt.datetime(2026, 1, 1)
    props.created = props.modified = stamp  # the same template gives the same file metadata on every build

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
