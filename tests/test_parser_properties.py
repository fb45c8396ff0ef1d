"""The reader, the front-matter parser, the parser and the checks never raise, whatever a contributor
feeds them: text, YAML-shaped text, or raw bytes."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechkit.checking import check_variant
from speechkit.reading import check_text, load_registry, parse_front_matter, parse_variant

REGISTRY = load_registry()
LIMITS = REGISTRY.limits
PATH = Path("fuzz.md")
FRAGMENTS = ["---\n", "title: 甲\n", "## 开场\n", "## 一、意义 <!-- role: 意义 -->\n", "### （一）小节\n", "> 注「甲」：乙\n",
             "> 用途：丙\n", "一是甲。\n", "1. 乙\n", "（1）丙\n", "【巡察组】", "【", "】", "```\n", "<script>", "\n", "XX", "讲三点意见"]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map("".join),
)

# YAML-shaped front matter: keys, values, lists, quotes, anchors, aliases, tags, flow collections,
# dates (valid and impossible), continuation lines, tabs and stray colons.
KEYS = st.sampled_from(["title", "meeting", "speaker", "level", "kind", "status", "last_reviewed", "summary", "occasion",
                        "alternatives", "template", "", "1", "?", "a b", "title"])
VALUES = st.one_of(
    st.sampled_from(["", "~", "null", "yes", "2026-11-25", "2026-02-30", "2026-13-01", "12:30", "'引号'", '"双\\引号"',
                     "&a 锚", "*a", "!!python/object:os.system", "!!str 甲", "[1, 2", "{a: b}", "|", ">-", "- 项", "@",
                     "`", "%", "甲: 乙", "\t制表", "--8<-- '.git/config'", "<img src=x onerror=1>", "{{ x }}"]),
    st.text(max_size=30),
)
LINES = st.one_of(
    st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    VALUES.map(lambda v: f"  - {v}"),
    VALUES.map(lambda v: f"  {v}"),
    st.sampled_from(["---", "...", "? a", ": b", "&x", "- *x", "a: &x [1, *x]", "%YAML 1.2", "# 只有注释", "#"]),
    st.text(max_size=20),
)
front_matters = st.lists(LINES, max_size=25).map(lambda lines: "---\n" + "\n".join(lines) + "\n---\n\n## 开场\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_parser_and_checks_never_raise(tmp_path, text):
    variant, findings = parse_variant(tmp_path / "fuzz.md", text)
    for finding in findings + check_variant(variant, REGISTRY):
        assert finding.line >= 1 and finding.message and finding.fix


@settings(max_examples=500, deadline=None)
@given(text=front_matters)
def test_generated_front_matter_never_raises(text):
    front = parse_front_matter(PATH, text.split("\n"), LIMITS)
    assert isinstance(front.values, dict)
    for key, value in front.values.items():
        assert isinstance(key, str)
        assert isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))
    for finding in front.findings:
        assert finding.line >= 1 and finding.message and finding.fix
        assert not any(word in finding.message for word in ("mapping", "found", "expected", "while"))  # no English
    variant, findings = parse_variant(PATH, text)
    for finding in findings + check_variant(variant, REGISTRY):
        assert finding.line >= 1 and finding.message and finding.fix


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=100).map(lambda t: t.encode("utf-16")),
                      st.text(max_size=100).map(lambda t: t.encode("gb18030"))))
def test_any_bytes_are_read_or_refused_in_chinese(data):
    text, findings = check_text(PATH, data, LIMITS)
    assert (text is None) == bool(findings)
    for finding in findings:
        assert finding.line >= 1 and finding.fix
        assert re.search("[\u4e00-\u9fff]", finding.message)
        assert not re.search(r"codec|decode|byte|position|invalid|Error", finding.message)  # never a Python message
