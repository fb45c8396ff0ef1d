"""The importer on the shapes real 范文 pages take (issue 21), one page per shape, each written for these
tests in the style of those sites, with the draft it must import to (tests/fixtures/import/shapes/:
<shape>.txt and <shape>.expected.md):

- title-run-in: the title, the speaker's line, a date and the salutation run into the first paragraph,
  the whole speech on one line;
- run-in-points: numbered points after “郑重表态：” inside one paragraph;
- run-in-points-inconsistent: points that do not match the count promised (“讲四点”), left alone;
- heading-cut: headings run into their paragraphs, cut before the subject of the next sentence;
- damaged-names: fixed formulations damaged where a site removed a leader's name;
- feedback-from-text: no title; meeting and speaker read from the text;
- unknown-meeting / unknown-speaker: a meeting and a speaker the registry does not have yet.

Every draft passes `make check` with 待完成 items only. To see a changed draft after a deliberate
change, run with UPDATE_IMPORT_EXPECTED=1 and read the diff before committing it.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml

from speechkit.base import DATA_DIR, PENDING
from speechkit.importer import check_drafts, convert, draft_files, load_rules
from speechkit.reading import load_registry

SHAPES = Path(__file__).parent / "fixtures" / "import" / "shapes"
TODAY = dt.date(2026, 1, 5)
REGISTRY = load_registry()
RULES = load_rules(REGISTRY)

# What the report must say for each shape (a line of its own, or part of one).
REPORTED = {
    "title-run-in": [
        "原文第 2 行的标题和正文连在一起（网页丢了换行），分出了标题“在区委第三巡察组进驻区农业农村局党组动员会上的表态发言”、讲话人“区农业农村局党组书记×××”、称呼“尊敬的巡察组各位领导，同志们：”",
        "原文第 2 行的日期“（2025年3月6日）”是讲话的日期，没有写进正文",
        "讲话人：讲话人一行是“区农业农村局党组书记×××”，按“表态发言”和会议议程判断为“被巡察党组织书记”",
        "原文这一段里接排着编号“一、”“二、”“三、”，在每个编号前另起了一段",
    ],
    "run-in-points": [
        "原文这一段里接排着编号“一、”“二、”“三、”，在每个编号前另起了一段",
        "会议类型：标题里写的是“区委巡察组进驻动员会”，按其中的“进驻、动员”判断为“巡察进驻动员会”",
    ],
    "run-in-points-inconsistent": [
        "这一段里接排着编号“一、”“二、”“三、”，但前面说“四点”，后面却有 3 个“一、”这一级的编号，没有拆开",
    ],
    "heading-cut": [
        "在正文第一句的开头前断开了（“政治方向|巡视巡察是”）",
        "在正文第一句的开头前断开了（“精准发力|我们要紧盯”）",
        "在正文第一句的开头前断开了（“巡察队伍|这次巡察时”）",
    ],
    "damaged-names": [
        "里的“以总书记同志为核心的党中央”是残缺的固定表述，按 data/fixed_phrases.yml 恢复为“以习近平同志为核心的党中央”",
        "里的“总书记新时代中国特色社会主义思想”是残缺的固定表述，按 data/fixed_phrases.yml 恢复为“习近平新时代中国特色社会主义思想”",
        "里的“总书记总书记”是残缺的固定表述，按 data/fixed_phrases.yml 恢复为“习近平总书记”",
        "里的“维护总书记党中央的核心”是残缺的固定表述，按 data/fixed_phrases.yml 恢复为“维护习近平总书记党中央的核心”",
        "里的“新时代中国特色社会主义思想”可能是残缺的固定表述（标准写法“习近平新时代中国特色社会主义思想”）",
        "里的“同志”看起来像被改动过的固定表述：“同志”前面没有姓名",
    ],
    "feedback-from-text": [
        "会议类型：正文里写的是“巡察情况反馈会”，按其中的“反馈”判断为“巡察反馈会”",
        "讲话人：按正文中的“反馈巡察情况”判断为“巡察组组长”",
    ],
    "unknown-meeting": [
        "待完成：会议类型：标题里写的是“全区巡察整改推进会”，登记表里还没有这种会议，照原样写成了“巡察整改推进会”，没有套用相近的会议",
        "登记方法：在 data/meetings.yml 加一项“- name: 巡察整改推进会”",
    ],
    "unknown-speaker": [
        "待完成：讲话人：讲话人一行是“区委组织部专项检查组组长×××”，登记表里没有对得上的讲话人，照原样写成了“区委组织部专项检查组组长”",
        "登记方法：在 data/speakers.yml 加一项“- name: 区委组织部专项检查组组长”",
    ],
}


def imported(source: Path, registry=REGISTRY, rules=RULES):
    conversion = convert(source.read_text(encoding="utf-8"), source.name, "UTF-8", registry, rules, existing={}, taken_titles=set(), today=TODAY)
    for number, draft in enumerate(conversion.drafts, start=1):
        draft.path = source.parent / f"{source.stem}-{number}.md"
    conversion.report_path = source.parent / f"_{source.stem}-report.md"
    check_drafts(conversion, registry)
    return conversion


def test_every_shape_has_a_page_and_its_expected_draft():
    pages = {p.stem for p in SHAPES.glob("*.txt")}
    assert pages == set(REPORTED)
    assert {p.name.removesuffix(".expected.md") for p in SHAPES.glob("*.expected.md")} == pages


@pytest.mark.parametrize("shape", sorted(REPORTED))
def test_each_shape_imports_to_its_expected_draft(shape):
    conversion = imported(SHAPES / f"{shape}.txt")
    [draft] = conversion.drafts
    expected = SHAPES / f"{shape}.expected.md"
    if os.environ.get("UPDATE_IMPORT_EXPECTED"):
        expected.write_text(draft.markdown, encoding="utf-8")
    assert draft.markdown == expected.read_text(encoding="utf-8")
    report = draft_files(conversion)[conversion.report_path]
    for line in REPORTED[shape]:
        assert line in report, line


@pytest.mark.parametrize("shape", sorted(REPORTED))
def test_each_draft_passes_the_check_with_pending_items_only(shape):
    [draft] = imported(SHAPES / f"{shape}.txt").drafts
    assert draft.findings and {f.severity for f in draft.findings} == {PENDING}, [str(f) for f in draft.findings if not f.is_pending]


def test_an_unknown_meeting_and_speaker_are_written_as_such_and_listed_with_where_to_register():
    [draft] = imported(SHAPES / "unknown-meeting.txt").drafts
    assert draft.meta["meeting"] == "巡察整改推进会" and "巡察整改推进会" not in REGISTRY.meetings
    [meeting] = [f for f in draft.findings if "巡察整改推进会" in f.message]
    assert meeting.is_pending and "data/meetings.yml" in meeting.fix
    [draft] = imported(SHAPES / "unknown-speaker.txt").drafts
    [speaker] = [f for f in draft.findings if "区委组织部专项检查组组长" in f.message]
    assert speaker.is_pending and "data/speakers.yml" in speaker.fix


def test_a_meeting_and_speaker_registered_later_are_recognised_without_a_code_change(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    speakers = yaml.safe_load((data / "speakers.yml").read_text(encoding="utf-8"))
    speakers.append({"name": "巡察整改督导组组长", "description": "督导整改的同志，在整改推进会上讲话。", "form": "讲话", "chars": [800, 3000]})
    (data / "speakers.yml").write_text(yaml.safe_dump(speakers, allow_unicode=True, sort_keys=False), encoding="utf-8")
    meetings = yaml.safe_load((data / "meetings.yml").read_text(encoding="utf-8"))
    meetings.append({"name": "巡察整改推进会", "slug": "rectification-progress", "when": "整改期间召开，推进整改。",
                     "agenda": [{"speaker": "会议主持人", "item": "宣布开会。"}, {"speaker": "巡察整改督导组组长", "item": "通报整改进展，提出要求。"}]})
    (data / "meetings.yml").write_text(yaml.safe_dump(meetings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    registry = load_registry(data)
    rules = load_rules(registry, data)
    page = tmp_path / "page.txt"
    page.write_text((SHAPES / "unknown-meeting.txt").read_text(encoding="utf-8").replace("区委副书记在", "区委巡察整改督导组组长×××在", 1), encoding="utf-8")
    [draft] = imported(page, registry, rules).drafts
    assert (draft.meta["meeting"], draft.meta["speaker"]) == ("巡察整改推进会", "巡察整改督导组组长")
    assert not [f for f in draft.findings if f.line in (4, 5)]  # meeting and speaker: nothing to do
    [draft] = imported(page).drafts  # the same page against the real registry: written as the title says
    assert draft.meta["meeting"] == "巡察整改推进会" and draft.meta["speaker"] == "区委巡察整改督导组组长"


def test_the_title_form_outweighs_a_title_word_and_the_agenda_narrows_the_speaker():
    """A 党组书记 giving the 表态发言 at an entry meeting is the 被巡察党组织书记, not the 党委（党组）书记."""
    from speechkit.importer.meeting import decide_meeting, decide_speaker

    title = "区住建局党组书记×××在区委第一巡察组进驻区住建局党组动员会上的表态发言"
    meeting = decide_meeting(title, "", RULES, REGISTRY)
    assert meeting.value == "巡察进驻动员会" and meeting.known
    speaker = decide_speaker(meeting, "表态发言", "区住建局党组书记×××", "", RULES, REGISTRY)
    assert speaker.value == "被巡察党组织书记"
    chair = decide_speaker(decide_meeting("区委巡察组进驻动员会主持词", "", RULES, REGISTRY), "主持词", "", "", RULES, REGISTRY)
    assert chair.value == "会议主持人"
    secretary = decide_speaker(decide_meeting("在区委巡察工作动员部署会上的讲话", "", RULES, REGISTRY), "讲话", "区委书记×××", "", RULES, REGISTRY)
    assert secretary.value == "党委（党组）书记"
    nothing = decide_speaker(decide_meeting("", "", RULES, REGISTRY), "", "", "", RULES, REGISTRY)
    assert nothing.value == "待定讲话人" and not nothing.known


@pytest.mark.parametrize("title, meeting, speaker", [
    ("区委巡察办主任在第三轮巡察巡中调度会上的讲话", "巡中调度会", "巡察办主任"),
    ("在区委第二轮巡察中期情况汇报会上的汇报发言", "巡察中期情况汇报会", "巡察组组长"),
    ("在区住建局党组巡察反馈意见整改工作部署会上的讲话", "巡察整改工作部署会", "被巡察党组织书记"),
    ("区委副书记在巡察整改“回头看”动员部署会上的讲话", "巡察整改“回头看”动员部署会", "党委（党组）领导"),
    ("在巡察整改专题民主生活会上的督导点评讲话", "巡察整改专题民主生活会", "上级督导组组长"),
    ("市委巡察工作动员部署会主持词", "巡察工作动员部署会", "会议主持人"),
    ("在全县巡察工作会议上的讲话", "巡察工作会议", "待定讲话人"),  # the yearly work conference: not registered
    ("乡镇党委书记在对村巡察进驻动员会上的讲话", "对村（社区）巡察进驻动员会", "乡镇（街道）党（工）委书记"),
    ("在区委巡察组进驻动员会上的表态发言", "巡察进驻动员会", "被巡察党组织书记"),  # not the 对村 one: 对村 is not in the title
])
def test_meeting_and_speaker_from_titles(title, meeting, speaker):
    from speechkit.importer.meeting import decide_meeting, decide_speaker, speech_form
    from speechkit.importer.titles import title_speaker

    decided = decide_meeting(title, "", RULES, REGISTRY)
    assert decided.value == meeting and decided.known == (meeting in REGISTRY.meetings)
    assert decide_speaker(decided, speech_form(title, RULES), title_speaker(title, RULES), "", RULES, REGISTRY).value == speaker


def test_a_chairs_script_run_into_one_line_keeps_its_title_and_agenda():
    from speechkit.importer import convert

    page = ("区委巡察组进驻区住建局党组动员会主持词同志们：现在开会。根据区委统一部署，区委第一巡察组今天进驻区住建局党组。今天的会议有两项议程。"
            "下面进行第一项议程，请巡察组组长XX同志作动员讲话。下面进行第二项议程，请区住建局党组书记XX同志作表态发言。"
            "同志们，刚才两位同志的讲话，我们要认真抓好落实。现在散会。")
    [draft] = convert(page, "chair.txt", "UTF-8", REGISTRY, RULES, existing={}, taken_titles=set(), today=TODAY).drafts
    assert draft.meta["title"] == "区委巡察组进驻区住建局党组动员会主持词"
    assert (draft.meta["meeting"], draft.meta["speaker"]) == ("巡察进驻动员会", "会议主持人")
    assert "## 开场\n\n同志们：\n\n现在开会。" in draft.markdown
    assert "## 第一项：动员讲话 <!-- role: 议程 -->" in draft.markdown and "## 第二项：表态发言 <!-- role: 议程 -->" in draft.markdown
    assert "作表态发言。\n\n## 结束语\n\n同志们，刚才两位同志的讲话，我们要认真抓好落实。现在散会。\n" in draft.markdown


def test_a_meeting_that_is_not_a_name_is_not_written_into_the_header():
    """Only words go into the header as a meeting not registered yet; markup is left to the report."""
    from speechkit.importer.meeting import decide_meeting

    decided = decide_meeting("在![图](a.png)推进会上的讲话", "", RULES, REGISTRY)
    assert decided.value == "待定会议类型" and not decided.known and "不像会议名称" in decided.note
