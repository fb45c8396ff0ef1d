"""The Word file (.docx) of one speech, or of a whole meeting, in GB/T 9704 layout, built from the parsed
model with python-docx; the 大字版 (large print) is the same file in the layout of data/gongwen.yml's `large`.

Layout, fonts and sizes come from data/gongwen.yml; the head (讲话标题, 讲话人, 日期) from head.py.
python-docx has no API for a few settings (the document grid, glyph width, East Asian fonts,
page-number fields), so those set single attributes on the elements python-docx made; nothing here
writes document XML by hand.

28 characters × 22 lines come from Word's document grid (指定行和字符网格, w:docGrid
type="linesAndChars"), as in Word's and WPS's 公文 templates; see Layout for the arithmetic.

Contract with overrides/assets/javascripts/docx-fill.js, which fills this file in the browser:
- every placeholder is one run whose text is exactly 【名称】, highlighted yellow;
- every speech starts with a paragraph of the style SpeechTitle, whose runs are its default title
  (a meeting's file holds several speeches: each title starts the part its own values fill), and its
  other head lines (讲话人, 日期) follow as paragraphs of the style SpeechHead, in data/speech_head.yml's order;
- 讲话人 and 日期 are placeholders like the others (【讲话人】, 【日期】) where they have no default;
- a marked locality word ({区}委) is one run with the character style LevelWord whose text is the
  word as written at 区 (data/levels.yml): docx-fill.js puts the chosen level's word in, in the blank
  download, the 大字版 and the meeting's file too.
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
from docx.shared import Mm, Pt, RGBColor, Twips

from ..base import SALUTATION, at_level
from ..reading import Block, Registry, Section, Variant, speech_head

TITLE_STYLE = "Speech Title"  # style id SpeechTitle: docx-fill.js finds the title by it
LEVEL_STYLE = "Level Word"  # character style id LevelWord: docx-fill.js finds the {区} runs by it
HEAD_STYLE = "Speech Head"
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2"}  # Word's own, so the outline and navigation pane work
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Word checks the order of properties (ECMA-376 CT_RPr, CT_PPr): what may follow the two we add
RPR_AFTER_W = ("w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                     "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_AFTER_SNAP_TO_GRID = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                          "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                          "w:rPr", "w:sectPr", "w:pPrChange")
PPR_AFTER_OVERFLOW_PUNCT = ("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                            *PPR_AFTER_SNAP_TO_GRID)
LEAD_IN = re.compile(r"^（[一二三四五六七八九十]+）[^。！？]{1,40}[。！？]")  # a （一） lead sentence in a paragraph


class Layout:
    """GB/T 9704 numbers from data/gongwen.yml, in the units Word wants; `large` takes the grid and sizes
    of its 大字版 block.

    The grid, for A4 with GB/T 9704 margins and 3号 (16 pt) body text (what `make test` checks in
    LibreOffice's render, tests/test_docx_render.py):
    - the text block, in the whole twips (1/20 pt) python-docx writes into the file: width
      11906 − 1587 − 1474 = 8845 twips = 442.25 pt, height 16838 − 2098 − 1984 = 12756 twips = 637.8 pt;
    - w:linePitch = ⌊12756 / 22⌋ = 579 twips (28.95 pt): 22 lines fit (12738 twips), 23 do not;
    - the character pitch is 442.25 / 28 = 15.7946 pt; w:charSpace is that pitch minus the Normal style's
      size, in 1/4096 pt, rounded down: ⌊(15.7946 − 16) × 4096⌋ = ⌊−841.3⌋ = −842. Word and WPS then set
      characters 16 − 842/4096 = 15.7944 pt apart: 28 × 15.7944 = 442.24 pt fit the line, 29 do not.
    No character spacing (紧缩), which these files used before.
    LibreOffice reads the same grid but gives a character wider than a cell two cells (14 a line), and
    it rounds the cell down to whole twips (up to 0.05 pt less). So the grid's styles scale glyphs to
    w:w = ⌊100 × (15.7944 − 0.05) / 16⌋ = 98 % (0.3 pt narrower; not visible), which fit its cell; Word
    and WPS still place them on the grid.
    The 大字版, 20 × 15 at 2号 (22 pt), the same way: linePitch ⌊12756 / 15⌋ = 850 twips (42.5 pt),
    charSpace ⌊(442.25 / 20 − 22) × 4096⌋ = ⌊460.8⌋ = 460 (pitch 22.1123 pt); its glyphs fit unscaled.

    Hanging punctuation: LibreOffice hangs 。，、 past a line's end (where the line is full, or a Latin
    word follows) and then does not draw them: the marks its render lost, with 紧缩 or with the grid.
    The Normal style writes w:overflowPunct on, Word's and WPS's default, so nothing changes there;
    LibreOffice reads it inverted (writerfilter sets ParaIsHangingPunctuation to value == 0) as "do not
    hang", keeps the mark in the line and moves a character down instead (标点禁则).
    tests/test_docx_render.py catches it if a LibreOffice update changes either.
    """

    def __init__(self, gongwen: dict, *, large: bool = False):
        self.page = gongwen["page_mm"]
        self.margins = gongwen["margins_mm"]
        self.grid = gongwen["grid"]
        self.fonts = gongwen["fonts"]
        if large:
            block = gongwen["large"]
            self.grid = block["grid"]
            sizes = block.get("sizes") or {}
            self.fonts = {role: {**font, "size": sizes.get(role, font["size"])} for role, font in self.fonts.items()}
        self.latin = str(gongwen.get("latin_font") or "Times New Roman")
        self.page_number = gongwen.get("page_number") or {}
        self.levels = None  # data/levels.yml, for the runs of {区}; set by speech_docx

    @staticmethod
    def _twips(mm: float) -> int:
        return Mm(mm).twips  # as python-docx writes it into the file

    @property
    def text_width_twips(self) -> int:
        return self._twips(self.page["width"]) - self._twips(self.margins["left"]) - self._twips(self.margins["right"])

    @property
    def text_height_twips(self) -> int:
        return self._twips(self.page["height"]) - self._twips(self.margins["top"]) - self._twips(self.margins["bottom"])

    @property
    def line_pitch_twips(self) -> int:
        """w:linePitch: the text block's height over the lines a page holds, rounded down so the last one fits."""
        return self.text_height_twips // self.grid["lines"]

    @property
    def char_space(self) -> int:
        """w:charSpace: the character pitch minus the body size, in 1/4096 pt, rounded down so the last one fits."""
        pitch = self.text_width_twips / 20 / self.grid["chars"]
        return math.floor((pitch - self.fonts["body"]["size"]) * 4096)

    @property
    def char_pitch_pt(self) -> float:
        """Where Word and WPS set one character from the next."""
        return self.fonts["body"]["size"] + self.char_space / 4096

    def glyph_scale(self, size: float) -> int:
        """w:w (percent) for characters of `size` on the grid: 100 where they fit LibreOffice's cell."""
        return min(100, math.floor(100 * (self.char_pitch_pt - 0.05) / size))


def _set_fonts(rpr_owner, east_asia: str, latin: str) -> None:
    """Explicit fonts on a run, style or defaults, East Asian included; theme fonts would override them."""
    rfonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for name in THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(name), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


def _style(doc, name: str, font: dict, layout: Layout, *, align=None, indent: bool = True, on_grid: bool = True):
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
    scale = layout.glyph_scale(font["size"])
    if scale < 100 and on_grid:  # glyphs that fit LibreOffice's grid cell (see Layout)
        width = OxmlElement("w:w")
        width.set(qn("w:val"), str(scale))
        style.element.get_or_add_rPr().insert_element_before(width, *RPR_AFTER_W)
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
    """First-line indent of `chars` characters: in characters for Word and WPS; in points for LibreOffice,
    which reads only those, as whole cells of its grid (a hair more takes a third cell)."""
    fmt = paragraph_format_owner.paragraph_format
    fmt.first_line_indent = Twips(chars * math.floor(layout.char_pitch_pt * 20))
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
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(layout.line_pitch_twips))
    grid.set(qn("w:charSpace"), str(layout.char_space))

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
    size = default_rpr.find(qn("w:sz"))  # the grid's charSpace counts from the body size, wherever a reader takes it
    if size is None:
        size = OxmlElement("w:sz")
        default_rpr.insert_element_before(size, *RPR_AFTER_W[RPR_AFTER_W.index("w:sz") + 1:])
    size.set(qn("w:val"), str(round(layout.fonts["body"]["size"] * 2)))

    fonts = layout.fonts
    normal = _style(doc, "Normal", fonts["body"], layout, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _first_line_chars(normal, 2, layout)
    normal.paragraph_format.widow_control = False  # every page holds its 22 lines (孤行控制 off, as in 公文 templates)
    overflow = OxmlElement("w:overflowPunct")  # on, as Word's default; LibreOffice then hangs no marks (see Layout)
    overflow.set(qn("w:val"), "1")
    normal.element.get_or_add_pPr().insert_element_before(overflow, *PPR_AFTER_OVERFLOW_PUNCT)
    for level, name in HEADING_STYLES.items():
        heading = _style(doc, name, fonts[f"heading{level}"], layout)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True
    title = _style(doc, TITLE_STYLE, fonts["title"], layout, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, on_grid=False)
    off_grid = OxmlElement("w:snapToGrid")  # 2号 is taller than a grid line: without this a title line takes two
    off_grid.set(qn("w:val"), "0")
    title.element.get_or_add_pPr().insert_element_before(off_grid, *PPR_AFTER_SNAP_TO_GRID)
    _style(doc, HEAD_STYLE, fonts["head"], layout, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    level_style = doc.styles.add_style(LEVEL_STYLE, WD_STYLE_TYPE.CHARACTER)  # no formatting of its own: a name to find
    level_style.base_style = doc.styles["Default Paragraph Font"]
    footer_style = _style(doc, "Footer", fonts["page_number"], layout, indent=False, on_grid=False)
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
def _base_document(gongwen_json: str, large: bool) -> bytes:
    """An empty document with the page, styles and page numbers set: made once, reopened per file."""
    layout = Layout(json.loads(gongwen_json), large=large)
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


def _open(registry: Registry, *, large: bool = False) -> tuple[Document, Layout]:
    gongwen = registry.gongwen
    layout = Layout(gongwen, large=large)
    layout.levels = registry.levels
    return Document(io.BytesIO(_base_document(json.dumps(gongwen, sort_keys=True), large))), layout


def _write_speech(doc, variant: Variant, registry: Registry, layout: Layout) -> str:
    """The speech's head (its title paragraph starts the speech), an empty line, its spoken parts;
    returns the head's title (as written at 区)."""
    head = speech_head(variant, registry)
    for number, line in enumerate(head):
        paragraph = _paragraph(doc, (TITLE_STYLE if number == 0 else HEAD_STYLE).replace(" ", ""))
        _runs(paragraph, line.text, layout.fonts["title" if number == 0 else "head"], layout)
    _paragraph(doc)  # one empty line between the head and 同志们：
    for top in variant.sections:
        _section(doc, top, layout)
    return at_level(head[0].text) if head else variant.title


def _reviewed(variant: Variant) -> dt.datetime:
    reviewed = variant.meta.get("last_reviewed")
    return dt.datetime.combine(reviewed, dt.time()) if isinstance(reviewed, dt.date) else dt.datetime(2026, 1, 1)


def _finish(doc, *, title: str, subject: str, comments: str, stamp: dt.datetime) -> bytes:
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = ""
    props.last_modified_by = ""
    props.comments = comments
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = stamp  # the same templates give the same file metadata on every build
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def speech_docx(variant: Variant, registry: Registry, *, large: bool = False) -> bytes:
    """One speech; `large`: the 大字版 for the speaker's own copy."""
    doc, layout = _open(registry, large=large)
    title = _write_speech(doc, variant, registry, layout)
    kind = "大字版" if large else "版式按 GB/T 9704—2012"
    return _finish(doc, title=title, subject=str(variant.meta.get("meeting", "")),
                   comments=f"由“{variant.title}”模板生成，{kind}。", stamp=_reviewed(variant))


def meeting_docx(title: str, meeting: str, variants: list[Variant], registry: Registry) -> bytes:
    """A meeting's 主持词 and speeches in agenda order, one section each: each starts on a new page
    with its own head and numbers its pages from 1, as the copy handed to its speaker."""
    doc, layout = _open(registry)
    last = doc.sections[0]._sectPr
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    last.insert_element_before(numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
                               "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
    footers = last.xpath("w:headerReference|w:footerReference")
    for number, variant in enumerate(variants):
        if number:  # the previous speech's last paragraph ends its section: the next starts a new page
            ending = last.clone()
            if number > 1:  # only the first section names the page-number footers; the others inherit them
                for reference in ending.xpath("w:headerReference|w:footerReference"):
                    ending.remove(reference)
            doc.element.body.findall(qn("w:p"))[-1].set_sectPr(ending)
        _write_speech(doc, variant, registry, layout)
    if len(variants) > 1:
        for reference in footers:
            last.remove(reference)
    names = "、".join(v.title for v in variants)
    return _finish(doc, title=title, subject=meeting, comments=f"由模板{names}生成，版式按 GB/T 9704—2012。",
                   stamp=max((_reviewed(v) for v in variants), default=dt.datetime(2026, 1, 1)))


# The kinds of paragraph a drafter's text is set in, in the order draft_docx writes one sample of each.
DRAFT_SAMPLES = ("title", "head", "heading1", "heading2", "body", "salutation")


def draft_docx(registry: Registry) -> bytes:
    """The blank document the 检查讲话稿 page sets a drafter's text in: the layout of every template's
    Word file, and one sample paragraph of each of DRAFT_SAMPLES, in that order, each a single run
    whose text is the kind's name. draft-check-docx.js copies a sample for each line of the draft
    (keeping its style and run fonts), then removes the samples."""
    doc, layout = _open(registry)
    fonts = layout.fonts
    for kind, style, font in (("title", TITLE_STYLE, fonts["title"]), ("head", HEAD_STYLE, fonts["head"]),
                              ("heading1", HEADING_STYLES[1], fonts["heading1"]), ("heading2", HEADING_STYLES[2], fonts["heading2"]),
                              ("body", None, fonts["body"]), ("salutation", None, fonts["body"])):
        paragraph = _paragraph(doc, style.replace(" ", "") if style else None)
        if kind == "salutation":
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
        _run(paragraph, kind, font, layout)
    return _finish(doc, title="", subject="", comments="由“检查讲话稿”页在浏览器里生成，版式按 GB/T 9704—2012。",
                   stamp=dt.datetime(2026, 1, 1))
