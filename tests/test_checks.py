"""Every check, fed a variant with one defect, names the file, the line and the fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from speechkit.base import DATA_DIR
from speechkit.checking import load_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "variants"
GOOD = (FIXTURES / "good.md").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def check_text(tmp_path: Path, text: str, name: str = "bad.md"):
    folder = tmp_path / "speeches"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return load_corpus(folder, DATA_DIR)


def test_good_fixture_is_clean(tmp_path):
    corpus = check_text(tmp_path, GOOD, "good.md")
    assert corpus.findings == []
    variant = corpus.variants[0]
    assert [s.role for s in variant.sections] == [None, "意义", "配合", None]
    assert variant.sections[2].children[1].role == "整改"


# (what to change in the good fixture, text expected in the message, text on the line it must point at)
CASES = {
    "missing front matter field": (("summary: 仅供测试的最小变体。\n", ""), "缺少字段 summary（一句话简介）", None),
    "value outside the registry": (("kind: 常规巡察", "kind: 随便巡察"), "巡察类型）的值“随便巡察”不在可选范围内", "kind: 随便巡察"),
    "unknown role": (("<!-- role: 意义 -->", "<!-- role: 意思 -->"), "作用“意思”没有登记。是不是“意义”？", "## 一、认清意义"),
    "missing role": ((" <!-- role: 意义 -->", ""), "没有声明作用", "## 一、认清意义"),
    "unregistered placeholder": (("【巡察组】今天", "【巡察小组】今天"), "占位符【巡察小组】没有登记", "按照【党委简称】"),
    "numbering gap": (("## 二、主动配合", "## 三、主动配合"), "编号“三、”跳号了（漏了“二、”）", "## 三、主动配合"),
    "numbering repeat": (("## 二、主动配合", "## 一、主动配合"), "编号“一、”重复了", "## 一、主动配合"),
    "points promised differ": (("我讲两点意见", "我讲四点意见"), "开场说“讲四点”，正文却有 2 个一级部分", "按照【党委简称】"),
    "sub-level gap": (("### （二）立行立改", "### （三）立行立改"), "编号“（三）”跳号了（漏了“（二）”）", "### （三）立行立改"),
    "level skipped": (("### （一）如实反映情况\n\n一是", "### （一）如实反映情况\n\n（1）先说明。\n\n一是"), "编号“（1）”的层次不对", "（1）先说明"),
    "run-in repeat": (("二是畅通", "一是畅通"), "“一是”的顺序不对（这里应为“二是”）", "一是畅通"),
    "run-in mixed": (("二是畅通", "二要畅通"), "“二要”与前面的“一是”混用", "二要畅通"),
    "half-width comma": (("巡察是政治监督，要", "巡察是政治监督,要"), "半角标点“,”", "巡察是政治监督,要"),
    "ascii quotes": (("把“两个维护”落到", "把\"两个维护\"落到"), "半角标点“\"”", "把\"两个维护\""),
    "script tag": (("同志们：\n", "同志们：<script>alert(1)</script>\n"), "<script> 标签会执行脚本或加载外部内容", "同志们：<script>"),
    "event attribute": (("同志们：\n", "同志们：<span onclick=\"x()\">好</span>\n"), "on… 事件属性", "同志们：<span"),
    "remote image": (("同志们：\n", "同志们：\n\n![图](https://example.com/a.png)\n"), "链接或图片指向外部地址", "![图]"),
    "mask": (("【巡察组】今天进驻", "XX巡察组今天进驻"), "遮挡符号“XX”", "XX巡察组"),
    "stars mask": (("巡察是政治监督", "***同志指出巡察是政治监督"), "遮挡符号“***”", "***同志"),
    "anchor not in paragraph": (("注「进驻」", "注「撤离」"), "注释所指的原文“撤离”不在上一段里", "注「撤离」"),
    "anchor only inside a placeholder": (("注「进驻」", "注「巡察组」"), "注释所指的原文“巡察组”只出现在占位符的名称里", "注「巡察组」"),
    "guide after paragraph": (("> 注「进驻」：测试锚点。", "> 改写：放错了位置。"), "只能紧跟在标题之后", "> 改写：放错了位置"),
    "bad note prefix": (("> 注「进驻」：测试锚点。", "> 备注：测试。"), "注释“备注：测试。”开头不对", "> 备注"),
    "missing purpose": (("> 用途：讲配合。\n", ""), "缺少“用途：”说明", "## 二、主动配合"),
    "missing closing": (("## 结束语\n\n> 用途：收束全文。\n\n同志们，让我们共同把这次巡察做好。\n", ""), "最后一部分不是“## 结束语”", "## 二、主动配合"),
    "unclosed front matter": (("summary: 仅供测试的最小变体。\noccasion: 测试解析器和检查时使用。\n---", "summary: 仅供测试的最小变体。\noccasion: 测试解析器和检查时使用。"), "YAML 头部没有结束标记", None),
    "broken yaml": (("title: 测试用进驻动员会讲话", "title: [测试"), "YAML 头部无法解析", None),
    "deep heading": (("### （二）立行立改", "#### （二）立行立改"), "不支持 #### 级标题", "#### （二）"),
}


PUBLISHED = GOOD.replace("status: 草稿", "status: 可用")  # the fixture is a (short) draft; as a published template
# Defects that stay errors in a draft: what could harm a page, and what the parser cannot read.
STAY_ERRORS_IN_DRAFTS = {"script tag", "event attribute", "remote image", "unclosed front matter", "broken yaml"}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_defect_is_reported_with_file_line_and_fix(tmp_path, case):
    (old, new), message, line_text = CASES[case]
    assert old in PUBLISHED, f"fixture no longer contains {old!r}"
    text = PUBLISHED.replace(old, new, 1)
    corpus = check_text(tmp_path, text)
    matching = [f for f in corpus.findings if message in f.message]
    assert matching, f"expected “{message}” in:\n" + "\n".join(map(str, corpus.findings))
    finding = matching[0]
    assert finding.is_error
    assert finding.path.name == "bad.md"
    assert "改法：" in str(finding) and finding.fix
    assert str(finding).startswith(f"{finding.display_path()}:{finding.line}: ")
    if line_text is not None:
        assert finding.line == line_of(text, line_text), str(finding)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_in_a_draft_unfinished_parts_are_pending_and_harmful_ones_stay_errors(tmp_path, case):
    (old, new), message, _ = CASES[case]
    corpus = check_text(tmp_path, GOOD.replace(old, new, 1))
    finding = next(f for f in corpus.findings if message in f.message)
    stays = case in STAY_ERRORS_IN_DRAFTS
    assert (finding.is_error, finding.is_pending) == (stays, not stays), str(finding)
    if not stays:
        assert str(finding).startswith(f"{finding.display_path()}:{finding.line}: 待完成：")


def test_dated_tifa_warns_unless_noted(tmp_path):
    text = GOOD.replace("巡察是政治监督", "按照“十四五”部署，巡察是政治监督")
    corpus = check_text(tmp_path, text)
    [pending] = corpus.pending  # a draft: listed as 待完成
    assert "“十四五”是已过时的提法" in pending.message and "十五五" in pending.fix
    assert pending.line == line_of(text, "按照“十四五”")
    assert corpus.errors == [] and corpus.warnings == []
    published = check_text(tmp_path, text.replace("status: 草稿", "status: 可用"))
    [warning] = [f for f in published.warnings if "提法" in f.message]
    assert warning.line == pending.line

    noted = text.replace("> 提法「两个维护」：测试提法注释。", "> 提法「两个维护」：测试提法注释。\n> 提法「十四五」：回顾上一个五年规划时保留。")
    assert check_text(tmp_path, noted).findings == []


def test_near_duplicate_is_rejected_naming_both_files(tmp_path):
    folder = tmp_path / "speeches"
    folder.mkdir()
    real = Path(__file__).parents[1] / "docs" / "speeches" / "district-entry-mobilization.md"
    text = real.read_text(encoding="utf-8")
    (folder / "a-original.md").write_text(text, encoding="utf-8")
    copy = text.replace("title: ", "title: 改写版", 1).replace("同志们，", "同志们！", 1)
    (folder / "b-copy.md").write_text(copy, encoding="utf-8")
    corpus = load_corpus(folder, DATA_DIR)
    [dup] = [f for f in corpus.errors if "近似重复" in f.message]
    assert dup.path.name == "b-copy.md" and "a-original.md" in dup.message
    assert "相似度" in dup.message


def test_different_variants_are_not_duplicates():
    corpus = load_corpus()
    assert not [f for f in corpus.findings if "近似重复" in f.message]


def test_broken_data_file_is_reported_not_raised(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for f in DATA_DIR.glob("*.yml"):
        (data / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (data / "placeholders.yml").read_text(encoding="utf-8")
    (data / "placeholders.yml").write_text(text + "\n巡察组:\n  type: 单位\n  description: 重复\n  example: 甲\n", encoding="utf-8")
    corpus = load_corpus(FIXTURES, data)
    [finding] = corpus.findings
    assert "重复的键“巡察组”" in finding.message and finding.path.name == "placeholders.yml"


def test_review_notice_for_drafts_and_stale_templates(tmp_path):
    import datetime as dt

    from speechkit.outputs import variant_page

    corpus = check_text(tmp_path, GOOD.replace("status: 草稿", "status: 可用"), "good.md")
    variant, registry = corpus.variants[0], corpus.registry
    assert "请先复核" not in variant_page(variant, registry, today=dt.date(2027, 6, 1))
    stale = variant_page(variant, registry, today=dt.date(2028, 1, 1))
    assert "请先复核" in stale and "最近一次复核是在 2026-11-25，已超过 12 个月" in stale
    variant.meta["status"] = "草稿"
    assert "本模板的状态是“草稿”" in variant_page(variant, registry, today=dt.date(2027, 1, 1))


def test_unfinished_gaps_in_the_speech_and_header_but_not_in_guidance(tmp_path):
    quoted = PUBLISHED.replace("occasion: 测试解析器和检查时使用。\n", "occasion: 测试解析器和检查时使用。\nalternatives:\n  - 由书记主持的，改为“下面，我代表……作表态发言”。\n")
    assert not [f for f in check_text(tmp_path, quoted).findings if "没写完" in f.message]
    gaps = quoted.replace("summary: 仅供测试的最小变体。", "summary: ……").replace("巡察是政治监督", "巡察是……政治监督")
    found = [f for f in check_text(tmp_path, gaps).findings if "没写完" in f.message]
    assert [f.line for f in found] == [line_of(gaps, "summary: ……"), line_of(gaps, "巡察是……")]
    assert all(f.is_warning for f in found)
