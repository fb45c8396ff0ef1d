"""Speech forms from data/speakers.yml: agenda-labelled 主持词, length ranges, and the 控制篇幅 plan."""
from __future__ import annotations

from pathlib import Path

from speechkit.base import DATA_DIR
from speechkit.checking import load_corpus
from speechkit.outputs import speech_html, variant_page
from speechkit.reading import cut_plans, cuttable, load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "variants"
CHAIR = (FIXTURES / "chair.md").read_text(encoding="utf-8")
GOOD = (FIXTURES / "good.md").read_text(encoding="utf-8")
REGISTRY = load_registry()


def check_text(tmp_path: Path, text: str, name: str = "v.md"):
    folder = tmp_path / "speeches"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return load_corpus(folder, DATA_DIR)


def messages(corpus) -> str:
    return "\n".join(map(str, corpus.findings))


def test_chair_script_with_agenda_labels_is_clean_and_labels_are_not_spoken(tmp_path):
    corpus = check_text(tmp_path, CHAIR)
    assert corpus.findings == [], messages(corpus)
    variant = corpus.variants[0]
    assert [s.agenda_number for s in variant.sections] == [None, 1, 2, None]
    assert "第一项：宣读巡察通知书" not in variant.spoken_text  # a label for the writer, never copied
    assert "下面进行第一项议程" in variant.spoken_text
    assert '<h2 class="speech-label" id="item-1">' in speech_html(variant, corpus.registry)


def test_chair_script_rejects_numbered_parts_and_wrong_order(tmp_path):
    numbered = check_text(tmp_path, CHAIR.replace("## 第二项：表态发言", "## 二、表态发言"))
    assert "没有写成议程标签" in messages(numbered)
    reordered = check_text(tmp_path, CHAIR.replace("## 第二项：表态发言", "## 第三项：表态发言"))
    [finding] = [f for f in reordered.findings if "序号不对" in f.message]
    assert finding.is_pending  # the fixture is a draft: its numbering is still being written
    assert "第二项" in finding.fix and finding.line == CHAIR.count("\n", 0, CHAIR.index("## 第二项")) + 1
    promised = check_text(tmp_path, CHAIR.replace("共有两项议程", "共有三项议程"))
    assert "开场说“共有三项议程”，正文却有 2 项议程" in messages(promised)


def test_agenda_labels_are_refused_in_a_speech(tmp_path):
    text = GOOD.replace("## 二、主动配合", "## 第二项：主动配合")
    assert "是主持词的议程标签" in messages(check_text(tmp_path, text))


def test_finished_template_outside_its_speakers_range_warns_and_drafts_are_exempt(tmp_path):
    low, high = REGISTRY.speakers["党委（党组）领导"].chars
    finished = check_text(tmp_path, GOOD.replace("status: 草稿", "status: 可用"))
    [warning] = [f for f in finished.warnings if "偏短" in f.message]
    assert f"{low:,}～{high:,} 字" in warning.message and "data/speakers.yml" in warning.message
    assert not [f for f in check_text(tmp_path, GOOD).findings if "偏短" in f.message]


def test_meeting_and_speaker_choices_come_from_their_registries():
    assert REGISTRY.fields["meeting"].choices == tuple(REGISTRY.meetings)
    assert REGISTRY.fields["speaker"].choices == tuple(REGISTRY.speakers)
    assert "巡察反馈会" in REGISTRY.meetings
    for meeting in REGISTRY.meetings.values():
        assert meeting.agenda and all(s.speaker is None or s.speaker in REGISTRY.speakers for s in meeting.agenda)


def _long_variant() -> str:
    """The good fixture with long paragraphs and two 可删 marks (a paragraph and a part)."""
    body = "巡察是政治监督，要把责任压实到每一个环节。" * 30  # 600 spoken characters a paragraph
    text = GOOD.replace("巡察是政治监督，要把“两个维护”落到实处。", f"巡察是政治监督，要把“两个维护”落到实处。{body}\n\n{body}\n\n> 可删：时间紧时删去这一段。")
    heading = "### （二）立行立改 <!-- role: 整改 -->\n"
    assert heading in text
    return text.replace(heading, heading + "\n> 可删：整节可删。\n", 1)


def test_cut_plan_removes_marked_parts_until_under_each_target(tmp_path):
    corpus = check_text(tmp_path, _long_variant())
    variant, registry = corpus.variants[0], corpus.registry
    items = cuttable(variant, registry)
    assert {(c.section.title, c.block is None) for c in items} == {("一、认清意义，统一思想", False), ("（二）立行立改", True)}
    plans = cut_plans(variant, registry)
    assert plans, "a speech over three minutes with cuttable parts gets at least one target"
    for plan in plans:
        assert plan.remaining <= plan.minutes * 200 and plan.cuts
    page = variant_page(variant, registry)
    assert "## 控制篇幅 { #cuts }" in page and "分钟以内" in page and "第 2 段" in page


def test_templates_without_cut_marks_say_so(tmp_path):
    corpus = check_text(tmp_path, GOOD)
    assert "本模板没有标出可删的部分" in variant_page(corpus.variants[0], corpus.registry)


def test_cut_plan_rows_differ(tmp_path):
    """Two targets reached by the same cuts are one row: the shorter target."""
    corpus = check_text(tmp_path, _long_variant())
    plans = cut_plans(corpus.variants[0], corpus.registry)
    keys = [tuple((id(c.section), id(c.block)) for c in p.cuts) for p in plans]
    assert len(set(keys)) == len(plans)
    assert [p.minutes for p in plans] == sorted({p.minutes for p in plans}, reverse=True)
