"""The parser and the checks never raise, whatever text a contributor feeds them."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechkit.checks import check_variant
from speechkit.parser import parse_variant
from speechkit.registry import load_registry

REGISTRY = load_registry()
FRAGMENTS = ["---\n", "title: 甲\n", "## 开场\n", "## 一、意义 <!-- role: 意义 -->\n", "### （一）小节\n", "> 注「甲」：乙\n",
             "> 用途：丙\n", "一是甲。\n", "1. 乙\n", "（1）丙\n", "【巡察组】", "【", "】", "```\n", "<script>", "\n", "XX", "讲三点意见"]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_parser_and_checks_never_raise(tmp_path, text):
    variant, findings = parse_variant(tmp_path / "fuzz.md", text)
    for finding in findings + check_variant(variant, REGISTRY):
        assert finding.line >= 1 and finding.message and finding.fix
