"""区/县/市/旗 (issue 17 §3): {区} in the parser and the model, the check that refuses a bare 区委 or any
other {…}, `fix-level`, data/levels.yml, and every output built from the one model (page HTML, Word,
plain text). The browser side is tests/browser/test_level.py."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from speechkit.base import DATA_DIR, LEVEL_MARK, at_level
from speechkit.checking import load_corpus
from speechkit.cli import cli
from speechkit.outputs import docx_uri, large_uri, meeting_downloads, speech_docx, speech_html, variant_page, word_files
from speechkit.reading import DataFileError, load_registry, parse_variant

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "variants"
GOOD = (FIXTURES / "good.md").read_text(encoding="utf-8")  # level: 区（县）级
REGISTRY = load_registry(DATA_DIR)
LEVELS = REGISTRY.levels
CORPUS = load_corpus(ROOT / "docs" / "speeches", DATA_DIR)
runner = CliRunner()


def check_text(tmp_path: Path, text: str, name: str = "bad.md"):
    folder = tmp_path / "speeches"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return load_corpus(folder, DATA_DIR)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


MARKED = GOOD.replace("巡察是政治监督，要把", "经{区}委同意，全{区}巡察是政治监督，要把").replace(
    "同志们，让我们", "同志们，请{区}委放心，让我们")


# ---- parser and model ----

def test_the_parser_keeps_the_mark_and_the_model_reads_it_as_qu(tmp_path):
    path = tmp_path / "marked.md"
    variant, findings = parse_variant(path, MARKED)
    assert findings == []
    block = variant.sections[1].blocks[0]
    assert block.text.startswith("经{区}委同意，全{区}巡察")
    assert "经区委同意，全区巡察" in variant.spoken_text and LEVEL_MARK not in variant.spoken_text
    assert variant.has_level_marks
    assert not parse_variant(path, GOOD)[0].has_level_marks


def test_a_paragraph_on_several_lines_keeps_its_last_line(tmp_path):
    text = GOOD.replace("巡察是政治监督，要把“两个维护”落到实处。", "巡察是政治监督，\n要把“两个维护”\n落到实处。")
    variant, _ = parse_variant(tmp_path / "x.md", text)
    block = variant.sections[1].blocks[0]
    assert (block.line, block.last_line) == (line_of(text, "巡察是政治监督，"), line_of(text, "落到实处。"))
    assert [t for n, t in variant.spoken_source() if block.line <= n <= block.last_line] == ["巡察是政治监督，", "要把“两个维护”", "落到实处。"]


def test_parts_split_prose_placeholders_and_level_words():
    assert list(LEVELS.parts("请{区}委放心，【巡察组】进驻我{区}")) == [
        ("text", "请"), ("level", "区"), ("text", "委放心，"), ("ph", "巡察组"), ("text", "进驻我"), ("level", "区")]


def test_a_level_exception_word_is_one_piece():
    from dataclasses import replace

    from speechkit.reading import Level

    levels = replace(LEVELS, options=LEVELS.options[:3] + (Level(char="旗", label="旗", words={"区长": "旗长（达）"}),))
    assert list(levels.parts("{区}长和{区}委")) == [("level", "区长"), ("text", "和"), ("level", "区"), ("text", "委")]
    assert levels.options[3].word("区长") == "旗长（达）" and levels.options[3].word("区") == "旗"
    assert levels.options[1].word("区长") == "县长"


@pytest.mark.parametrize("text, words", [
    ("请区委放心，全区政治生态向好，我区一级一级落实，我们区也一样", ["区委", "全区", "我区", "我们区"]),
    ("对区纪委监委、区委组织部和区委巡察办来说；巡区直部门；区里交给的任务", ["区纪委", "区委", "区委", "区直", "区里"]),
    ("社区委员会、城区委托、自治区委、全区域覆盖、根本区别、完全区分开来、省区市、在区县巡察", []),
    ("【区委名称】和【我区】不是正文；经{区}委同意，全{区}发展", []),
])
def test_bare_words_are_the_locality_only(text, words):
    assert [w for _, _, w in LEVELS.bare_words(text)] == words


def test_mark_writes_each_bare_word_once():
    text = "请区委放心，社区委员会，【区委名称】区委巡察办，根本区别，我们区的"
    assert LEVELS.mark(text) == "请{区}委放心，社区委员会，【区委名称】{区}委巡察办，根本区别，我们{区}的"
    assert LEVELS.mark(LEVELS.mark(text)) == LEVELS.mark(text)


# ---- checks ----

def test_marked_district_template_passes(tmp_path):
    assert check_text(tmp_path, MARKED).findings == []


def test_a_bare_qu_wei_in_spoken_text_is_refused_with_file_line_and_fix(tmp_path):
    text = GOOD.replace("巡察是政治监督，要把", "经区委同意，巡察是政治监督，要把")
    [finding] = [f for f in check_text(tmp_path, text.replace("status: 草稿", "status: 可用")).findings if "本级" in f.message]
    assert finding.is_error and finding.line == line_of(text, "经区委同意")
    assert "“区委”说的是本级，没有写成“{区}委”" in finding.message
    assert "改法：写成“{区}委”" in str(finding) and "fix-level" in finding.fix and "speeches/bad.md" in finding.fix


def test_in_a_draft_a_bare_qu_wei_is_still_to_do(tmp_path):
    [finding] = check_text(tmp_path, GOOD.replace("巡察是政治监督", "经区委同意，巡察是政治监督")).findings
    assert finding.is_pending


def test_notes_headings_labels_and_other_levels_are_not_asked_to_mark(tmp_path):
    text = GOOD.replace("> 注「进驻」：测试锚点。", "> 注「进驻」：区委巡察办的说法。").replace("> 用途：讲配合。", "> 用途：讲全区的配合。")
    assert check_text(tmp_path / "a", text).findings == []
    city = GOOD.replace("level: 区（县）级", "level: 市级").replace("巡察是政治监督", "经市委、区委同意，巡察是政治监督")
    assert check_text(tmp_path / "b", city, "city.md").findings == []


def test_a_spoken_heading_and_the_speech_title_are_spoken(tmp_path):
    text = GOOD.replace("## 一、认清意义，统一思想", "## 一、认清全区意义，统一思想").replace(
        "occasion:", "speech_title: 在区委巡察工作会议上的讲话\noccasion:")
    found = [f for f in check_text(tmp_path, text.replace("status: 草稿", "status: 可用")).findings if "本级" in f.message]
    assert sorted((f.line, f.message[:5]) for f in found) == sorted([
        (line_of(text, "## 一、认清全区"), "“全区”说"), (line_of(text, "speech_title:"), "“区委”说")])


@pytest.mark.parametrize("change, message, where", [
    (("巡察是政治监督", "巡察{县}是政治监督"), "正文里写了“{县}”：唯一允许的是区（县）级模板里标出本地“区”字的 {区}", "巡察{县}"),
    (("巡察是政治监督", "巡察是政治{监督"), "正文里写了“{”", "政治{监督"),
    (("> 注「进驻」：测试锚点。", "> 注「进驻」：测试{锚点}。"), "正文里写了“{锚点}”", "测试{锚点}"),
    (("title: 测试用进驻动员会讲话", "title: 测试用{区}委进驻动员会讲话"), "头部字段 title里写了“{区}”", "title:"),
])
def test_any_other_brace_is_refused(tmp_path, change, message, where):
    text = GOOD.replace(*change)
    found = check_text(tmp_path, text.replace("status: 草稿", "status: 可用")).findings
    assert any(message in f.message and f.line == line_of(text, where) for f in found), [str(f) for f in found]


def test_the_mark_is_refused_outside_district_templates(tmp_path):
    text = GOOD.replace("level: 区（县）级", "level: 市级").replace("巡察是政治监督", "经{区}委同意，巡察是政治监督")
    [finding] = [f for f in check_text(tmp_path, text.replace("status: 草稿", "status: 可用")).findings if "{区}" in f.message]
    assert "这篇模板的层级不是“区（县）级”" in finding.message and finding.line == line_of(text, "经{区}委")


def test_titles_of_one_meeting_must_agree(tmp_path):
    one = GOOD.replace("occasion:", "speech_title: 在【巡察组】进驻【被巡察党组织】巡察动员会上的讲话\noccasion:")
    two = one.replace("title: 测试用进驻动员会讲话", "title: 测试用表态").replace(
        "在【巡察组】进驻【被巡察党组织】巡察动员会上的讲话", "在【党委简称】巡察组进驻【被巡察党组织】动员会上的表态发言")
    three = one.replace("title: 测试用进驻动员会讲话", "title: 测试用主持词").replace(
        "speech_title: 在【巡察组】进驻【被巡察党组织】巡察动员会上的讲话", "speech_title: 【巡察组】进驻【被巡察党组织】巡察动员会主持词")
    folder = tmp_path / "speeches"
    folder.mkdir()
    for name, text in (("a.md", one), ("b.md", two), ("c.md", three)):
        (folder / name).write_text(text.replace("巡察是政治监督，", f"{name}巡察是政治监督，"), encoding="utf-8")
    found = [f for f in load_corpus(folder, DATA_DIR).findings if "会议名称" in f.message]
    assert len(found) == 1 and found[0].path.name == "b.md" and found[0].is_warning
    assert found[0].line == line_of(two, "speech_title:")
    assert "改法：写成“在【巡察组】进驻【被巡察党组织】巡察动员会上的表态发言”" in str(found[0])


def test_the_real_templates_mark_their_level():
    """Every 区（县）级 template passes (no bare 区委 is left) and most of them mark it somewhere."""
    district = [v for v in CORPUS.variants if v.meta.get("level") == LEVELS.applies_to]
    assert not [f for f in CORPUS.findings if "说的是本级" in f.message]
    assert sum(v.has_level_marks for v in district) >= len(district) // 2
    assert not any(v.has_level_marks for v in CORPUS.variants if v not in district)


# ---- fix-level ----

def test_fix_level_marks_spoken_text_and_quoted_anchors_only(tmp_path):
    text = GOOD.replace("巡察是政治监督，要把“两个维护”落到实处。", "经区委同意，巡察是政治监督，\n要把“两个维护”落到全区。") \
        .replace("> 提法「两个维护」：测试提法注释。", "> 注「落到全区」：区委的要求，不是社区委员会的。\n\n> 提法「两个维护」：测试提法注释。") \
        .replace("按照【党委简称】部署", "按照【党委简称】（区委）部署") \
        .replace("occasion:", "speech_title: 在区委巡察工作会议上的讲话\noccasion:")
    path = tmp_path / "draft.md"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = runner.invoke(cli.app, ["fix-level", str(path)])
    assert result.exit_code == 0, result.output
    fixed = path.read_bytes().decode("utf-8")
    assert "\r\n" in fixed and "\n" not in fixed.replace("\r\n", "")  # line endings kept
    fixed = fixed.replace("\r\n", "\n")
    assert "经{区}委同意，巡察是政治监督，\n要把“两个维护”落到全{区}。" in fixed
    assert "> 注「落到全{区}」：区委的要求，不是社区委员会的。" in fixed  # the quote follows, the note does not
    assert "（{区}委）" in fixed and "speech_title: 在{区}委巡察工作会议上的讲话" in fixed
    assert "改了 5 行" in result.output and "→" in result.output
    folder = tmp_path / "speeches"
    folder.mkdir()
    shutil.copy(path, folder / "draft.md")
    assert [f for f in load_corpus(folder, DATA_DIR).findings if not f.is_pending] == []
    again = runner.invoke(cli.app, ["fix-level", str(path)])
    assert "没有要改的地方" in again.output and path.read_bytes().decode("utf-8").replace("\r\n", "\n") == fixed


def test_fix_level_leaves_other_levels_and_dry_run_writes_nothing(tmp_path):
    city = tmp_path / "city.md"
    city.write_text(GOOD.replace("level: 区（县）级", "level: 市级").replace("巡察是", "经区委同意，巡察是"), encoding="utf-8")
    district = tmp_path / "district.md"
    district.write_text(GOOD.replace("巡察是", "经区委同意，巡察是"), encoding="utf-8")
    before = district.read_text(encoding="utf-8")
    result = runner.invoke(cli.app, ["fix-level", "--dry-run", str(city), str(district)])
    assert result.exit_code == 0
    assert "层级不是“区（县）级”，不标 {区}，没有改动" in result.output and "要改 1 行" in result.output
    assert district.read_text(encoding="utf-8") == before
    missing = runner.invoke(cli.app, ["fix-level", str(tmp_path / "nope.md")])
    assert missing.exit_code == 1 and "找不到" in missing.output and "Traceback" not in missing.output


# ---- data/levels.yml ----

@pytest.mark.parametrize("change, message", [
    (("  - char: 区\n    label: 区\n", ""), "levels 的第一项必须是模板里写的“区”"),
    (("  - char: 旗\n", "  - char: 县\n"), "levels 里有重复的字"),
    (("  - char: 旗\n", "  - char: 旗旗\n"), "char 不是一个汉字"),
    (("name: 层级", "name: 日期"), "与同名的占位符或抬头重名"),
    (("marked: [", "marked: [委员, "), "marked 应当列出含“区”字的词"),
])
def test_a_broken_levels_file_names_its_line_and_fix(tmp_path, change, message):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "levels.yml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(*change, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_registry(data)
    finding = caught.value.finding
    assert finding.path == path and message in finding.message and finding.fix and finding.line >= 1


# ---- outputs from the one model ----

def district_with_marks():
    return max((v for v in CORPUS.variants if v.has_level_marks), key=lambda v: v.spoken_text.count("区"))


def marks_in(variant) -> int:
    title = str(variant.meta.get("speech_title", ""))
    return title.count(LEVEL_MARK) + sum(s.title.count(LEVEL_MARK) * s.heading_is_spoken + sum(b.text.count(LEVEL_MARK) for b in s.blocks)
                                         for s in variant.all_sections())


def test_the_page_has_one_element_per_mark_and_the_switch():
    variant = district_with_marks()
    html = speech_html(variant, CORPUS.registry, docx_href="x.docx")
    assert html.count("<span data-lv>区</span>") == marks_in(variant) > 0
    switch = re.search(r'<p class="speech-level"[^>]*data-level-name="层级">.*?</p>', html)
    assert switch and re.findall(r'data-level="(.)"', switch.group(0)) == ["区", "县", "市", "旗"]
    assert "市（县级市）" in switch.group(0) and html.index("speech-level") < html.index("</div>\n<section")  # in the head
    assert LEVEL_MARK not in html and "{" not in re.sub(r"<[^>]+>", "", html)
    unmarked = next(v for v in CORPUS.variants if not v.has_level_marks)
    assert "speech-level" not in speech_html(unmarked, CORPUS.registry) and "data-lv" not in speech_html(unmarked, CORPUS.registry)


def test_plain_text_outputs_read_qu():
    variant = district_with_marks()
    page = variant_page(variant, CORPUS.registry)
    assert LEVEL_MARK not in page
    from speechkit.outputs import example_pages

    assert not any(LEVEL_MARK in text for text in example_pages(CORPUS).values())


def test_word_has_one_level_word_run_per_mark():
    variant = district_with_marks()
    doc = Document(io.BytesIO(speech_docx(variant, CORPUS.registry)))
    runs = [r for p in doc.paragraphs for r in p.runs if r.style is not None and r.style.style_id == "LevelWord"]
    assert len(runs) == marks_in(variant) and {r.text for r in runs} == {"区"}
    text = "\n".join(p.text for p in doc.paragraphs)
    assert LEVEL_MARK not in text and at_level(variant.spoken_lines()[-1]) in text


def test_every_word_file_of_the_site_marks_its_level_words():
    """The 大字版 and 下载整场会议 too: docx-fill.js switches 区/县/市/旗 by the LevelWord runs, so a file
    that wrote a marked word as plain 区 would give a 县 user 区委."""
    def level_runs(data: bytes) -> list[str]:
        doc = Document(io.BytesIO(data))
        assert LEVEL_MARK not in "\n".join(p.text for p in doc.paragraphs)
        return [r.text for p in doc.paragraphs for r in p.runs if r.style is not None and r.style.style_id == "LevelWord"]

    files = word_files(CORPUS)
    for variant in CORPUS.variants:
        for uri in (docx_uri(variant), large_uri(docx_uri(variant))):
            runs = level_runs(files[uri])
            assert len(runs) == marks_in(variant) and set(runs) <= {"区"}, uri
    meetings = meeting_downloads(CORPUS)
    assert any(v.has_level_marks for m in meetings for v in m.variants)
    for meeting in meetings:
        runs = level_runs(files[meeting.uri])
        assert len(runs) == sum(marks_in(v) for v in meeting.variants) and set(runs) <= {"区"}, meeting.uri


def test_the_meeting_key_and_scopes_reach_the_page():
    variant = CORPUS.by_slug["district-entry-pledge"]
    html = speech_html(variant, CORPUS.registry)
    assert 'data-speech-meeting="entry"' in html
    assert re.search(r'data-head="日期" data-ph-scope="meeting"', html)
    assert re.search(r'data-head="讲话标题" data-ph-scope="template"', html)
