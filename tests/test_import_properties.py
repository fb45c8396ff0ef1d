"""Whatever text a contributor feeds the importer, it never raises, and what it writes is a draft the
checks accept (its findings are all 待完成, never errors): no HTML, no Markdown syntax, no broken header."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from speechkit.importer import check_drafts, convert, draft_files, load_rules
from speechkit.reading import load_registry

REGISTRY = load_registry()
RULES = load_rules(REGISTRY)
FRAGMENTS = [
    "同志们：\n", "一、", "二、", "（一）", "(二)", "1、", "一是", "【第一篇】", "篇二\n", "相关推荐\n", "首页 > 范文 >\n",
    "XX同志", "***总书记", "某局", "　　", "___", "_", "从严治_", "总书记总书记", "精 神", "<script>", "</p>", "&nbsp;",
    "[链接](http://x)", "![图](a.png)", "```", "# ", "> ", "---\n", "{{ x }}", "十九大", "脱贫攻坚", "\"", ",", "(", "…", "😀",
    "\n", "\n\n", "。", "此处隐藏12字", "title: x\n", "<!-- role: 意义 -->", "【巡察组】", "】", "\t", "\r\n", "\u2028",
    # the shapes of issue 21 and the characters of issue 23 §8
    "在区委巡察组进驻动员会上的表态发言", "区住建局党组书记×××", "尊敬的各位领导，同志们：", "郑重表态：", "：一、", "。二、", "。三、",
    "讲三点意见", "以总书记同志为核心的党中央", "新时代中国特色社会主义思想", "同志强调", "下面进行第一项议程，", "。第二项",
    "巡视巡察是", "我们要", "{区}", "{县}委", "\x85", "\uffff", "\x1b[31m", "\u202e",
    # block starts the checks refuse that the writer once let through (hypothesis found ???)
    "???", "!!! ", ":::", "1) ", "[^1]", "*[",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
@example(text="???")
@example(text="同志们：\n\n!!! note 一段\n\n1) 第一\n\n[^1] 注")
def test_import_never_raises_and_writes_only_what_the_checks_accept(text):
    conversion = convert(text, "fuzz.txt", "UTF-8", REGISTRY, RULES, existing={}, taken_titles=set())
    for number, draft in enumerate(conversion.drafts, start=1):
        draft.path = Path(f"/nonexistent/fuzz-{number}.md")
    check_drafts(conversion, REGISTRY)
    for draft in conversion.drafts:
        errors = [str(f) for f in draft.findings if f.is_error]
        assert errors == [], (draft.markdown, errors)
    conversion.report_path = Path("/nonexistent/_fuzz-report.md")
    assert draft_files(conversion)  # the report renders too
