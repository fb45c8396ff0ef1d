"""Currency of 提法: expiry dates in data/tifa.yml, the check that warns past them, the 提法 page and
the per-template table that shows them, and the corrections of issue 9 kept as dated 提法."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from speechkit.base import DATA_DIR
from speechkit.checking import check_tifa_expiry, load_corpus
from speechkit.outputs import expiry_table, tifa_page, tifa_table
from speechkit.reading import load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "variants"
GOOD = (FIXTURES / "good.md").read_text(encoding="utf-8")
REGISTRY = load_registry()
PLAN = "中央巡视工作规划（2023—2027年）"


def corpus_of(tmp_path: Path, text: str, data: Path = DATA_DIR):
    folder = tmp_path / "speeches"
    folder.mkdir(exist_ok=True)
    (folder / "v.md").write_text(text, encoding="utf-8")
    return load_corpus(folder, data)


def with_sentence(sentence: str) -> str:
    old = "巡察是政治监督，要把“两个维护”落到实处。"
    assert old in GOOD
    return GOOD.replace(old, f"{sentence}{old}")


def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def test_expiry_is_read_from_a_date_or_a_year():
    plan = next(t for t in REGISTRY.tifa if t.term == PLAN)
    assert plan.expires == dt.date(2027, 12, 31)
    assert all(t.expires is None or isinstance(t.expires, dt.date) for t in REGISTRY.tifa)


def test_a_year_means_its_last_day_and_a_bad_value_names_file_line_and_fix(tmp_path):
    data = data_copy(tmp_path)
    tifa = data / "tifa.yml"
    text = tifa.read_text(encoding="utf-8")
    tifa.write_text(text.replace("  expires: 2027-12-31\n", "  expires: 2029\n", 1), encoding="utf-8")
    assert any(t.expires == dt.date(2029, 12, 31) for t in load_registry(data).tifa)

    tifa.write_text(text.replace("  expires: 2027-12-31\n", "  expires: 明年年底\n", 1), encoding="utf-8")
    corpus = load_corpus(FIXTURES, data)
    [finding] = corpus.findings
    assert finding.path.name == "tifa.yml" and "“expires”“明年年底”应当是日期" in finding.message  # data/schemas.yml says so first
    assert "2027-12-31" in str(finding) and "改法：" in str(finding) and finding.line > 1


def test_expired_tifa_warns_after_its_date_and_not_before(tmp_path):
    text = with_sentence(f"按照《{PLAN}》，")
    variant = corpus_of(tmp_path, text).variants[0]
    assert check_tifa_expiry(variant, REGISTRY, today=dt.date(2027, 12, 31)) == []
    [warning] = check_tifa_expiry(variant, REGISTRY, today=dt.date(2028, 1, 1))
    assert not warning.is_error
    assert "2023—2027" in warning.message and "2027-12-31 已过" in warning.message
    assert "expires" in warning.fix and warning.line == text[: text.index("按照《")].count("\n") + 1


def test_a_note_does_not_silence_an_expired_tifa(tmp_path):
    text = with_sentence(f"按照《{PLAN}》，").replace("> 提法「两个维护」：测试提法注释。", f"> 提法「两个维护」：测试提法注释。\n> 提法「《{PLAN}》」：规划期到2027年底。")
    variant = corpus_of(tmp_path, text).variants[0]
    assert len(check_tifa_expiry(variant, REGISTRY, today=dt.date(2028, 1, 1))) == 1


def test_the_build_check_uses_today(tmp_path):
    """check_variant runs the expiry check with today's date: a 提法 that expired yesterday warns now."""
    data = data_copy(tmp_path)
    tifa = data / "tifa.yml"
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    tifa.write_text(tifa.read_text(encoding="utf-8").replace("  expires: 2027-12-31\n", f"  expires: {yesterday}\n", 1), encoding="utf-8")
    corpus = corpus_of(tmp_path, with_sentence(f"按照《{PLAN}》，"), data)
    [finding] = [f for f in corpus.findings if "核对期限" in f.message]
    assert finding.is_pending  # the fixture is a draft: listed as 待完成 (a published template gets a warning)


def test_tifa_page_lists_expiries_and_marks_the_expired():
    corpus = load_corpus()
    page = tifa_page(corpus, today=dt.date(2026, 11, 29))
    assert "## 有时效的提法 { #expiry }" in page and "| 2027-12-31 |" in page and "已到期" not in page
    assert "2027-12-31（已到期）" in expiry_table(REGISTRY, dt.date(2028, 1, 1))


def test_template_table_lists_registered_tifa_without_a_note(tmp_path):
    variant = corpus_of(tmp_path, with_sentence("落实“一岗双责”，")).variants[0]
    table = tifa_table(variant, REGISTRY)
    meaning = next(t.meaning for t in REGISTRY.tifa if t.term == "一岗双责")
    assert f"| 一岗双责 | {meaning} | 现行 |" in table
    assert "| 两个维护 | 测试提法注释。 |" in table  # the template's own note comes first, once
    assert table.count("| 两个维护 |") == 1
    assert "[提法](../compare/tifa.md)" in table


# The corrections of issue 9, kept as dated 提法 so a new template cannot bring them back unnoticed.
WRONG = {
    "推动 instead of 推进": ("推动政治监督具体化、精准化、常态化，", "推进政治监督具体化、精准化、常态化"),
    "条例 misquoted": ("巡察组不处理具体问题，", "不履行执纪审查的职责"),
    "条例 misquoted, short": ("巡察组只了解情况、不处理问题，", "不履行执纪审查的职责"),
    "条例 misquoted, 直接": ("巡察组不直接处理问题，", "交办立行立改事项"),
    "a quota": ("查不出问题是失职，", "应当发现而没有发现是失职"),
    "过渡期 wording": ("巩固拓展脱贫攻坚成果同乡村振兴有效衔接，", "实施常态化精准帮扶"),
}


@pytest.mark.parametrize("case", WRONG, ids=list(WRONG))
def test_corrected_wordings_warn_with_the_current_one(tmp_path, case):
    sentence, current = WRONG[case]
    corpus = corpus_of(tmp_path, with_sentence(sentence))
    [finding] = [f for f in corpus.findings if "已过时的提法" in f.message]  # 待完成 in this draft, a warning once published
    assert current in finding.fix and not finding.is_error


def test_published_templates_carry_none_of_the_corrected_wordings():
    corpus = load_corpus()
    assert not [f for f in corpus.findings if "已过时的提法" in f.message]
    for variant in corpus.variants:
        for wrong in ("二十届中央巡视提出", "上下贯通、左右协同", "原则上不参加", "重要参考"):
            assert wrong not in variant.spoken_text, (variant.slug, wrong)


# The December review (issue 16): wordings fixed in the templates, kept out by a test.
REVIEWED_OUT_OF_SPEECH = (
    "二十届中央巡视的新要求", "中央巡视的新要求", "可能影响公正履职的宴请", "领导和业务指导", "让震慑始终在场", "分量不轻",
    "待会儿", "等一会儿", "我都赞同", "完全赞同、诚恳接受", "同志的重要讲话，深刻阐明",
)
REVIEWED_OUT_OF_NOTES = ("三个（）", "即提级巡察的做法", "巡察组只了解情况、报告问题，不办案、不处理问题", "该查清的查清")


def test_published_templates_carry_none_of_the_reviewed_wordings():
    corpus = load_corpus()
    for variant in corpus.variants:
        for wrong in REVIEWED_OUT_OF_SPEECH:
            assert wrong not in variant.spoken_text, (variant.slug, wrong)
        source = "\n".join(variant.lines)
        for wrong in REVIEWED_OUT_OF_NOTES:
            assert wrong not in source, (variant.slug, wrong)
    plan = next(t for t in REGISTRY.tifa if t.term == PLAN)
    assert plan.status == "核对"  # no public source found for the plan: it is not cited as 现行
    for variant in corpus.variants:
        assert not plan.pattern.search(variant.spoken_text), variant.slug


def test_2026_bound_tifa_fall_due_before_the_2027_first_round():
    """A 2027 部署会 is drafted after January's 中央纪委全会 and the year's 一号文件: what cites the 2026
    ones must be re-checked by then."""
    due = {t.term: t.expires for t in REGISTRY.tifa if t.expires}
    for term in ("二十届中央纪委五次全会", "强化政治巡视", "深入贯彻中央八项规定精神学习教育", "推进乡村全面振兴", "常态化精准帮扶"):
        assert due.get(term) is not None and dt.date(2027, 1, 1) <= due[term] <= dt.date(2027, 3, 31), term
    village = next(t for t in REGISTRY.tifa if t.term == "对村巡察")
    assert village.status == "现行" and "2024年11月20日" in village.meaning and "提级巡察" in village.check
