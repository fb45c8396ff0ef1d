"""Patterns from data files are checked at load and time-boxed when they run (speechkit.base.patterns),
values become one inert line of Markdown, and messages never print a raw control character."""
from __future__ import annotations

import re
import time
from pathlib import Path

import markdown
import pytest
import yaml

from speechkit.base import DATA_DIR, DataFileError, PatternTimeout, data_pattern, markdown_text, pattern_problem, terminal_text
from speechkit.base.patterns import DataPattern

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


def data_patterns() -> list[tuple[str, str]]:
    """(file, pattern) for every pattern the data files hold today."""
    found = []

    def walk(value, file, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, file, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, file, key)
        elif isinstance(value, str) and key in ("pattern", "damaged", "mask", "tail_markers", "title_noise", "not_headings", "closing", "agenda",
                                                "agenda_noise", "after", "before", "mask_some_unit", "run_on_breaks", "article_separators"):
            found.append((file, value.replace("{mask}", "(?:X)")))

    for name in ("tifa", "import", "fixed_phrases"):
        walk(yaml.safe_load((DATA_DIR / f"{name}.yml").read_text(encoding="utf-8")), name)
    return found


@pytest.mark.parametrize("file, pattern", data_patterns())
def test_the_patterns_we_ship_pass_the_check(file, pattern):
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize("pattern, problem", [
    (r"(a+)+$", "套在另一个量词里面"), (r"^(\w+\s?)*$", "套在另一个量词里面"), (r"(.*a){20}", "套在另一个量词里面"),
    (r"(a|aa)+b", "几种匹配同样文字的方式"), (r"(?:a|b|ab)*c", "几种匹配同样文字的方式"), (r"(?:a?){30}a{30}", "几种匹配同样文字的方式"),
    (r"\s*\s*x", "两个量词紧挨着"), (r".*.*x", "两个量词紧挨着"), (r".{0,90}.{0,90}x", "两个量词紧挨着"),
    (r"十九大(", "不是有效的正则表达式"),
])
def test_shapes_that_can_hang_are_refused(pattern, problem):
    assert problem in (pattern_problem(pattern) or "")


@pytest.mark.parametrize("pattern", [r"(?:[>＞»›]\s*[^>＞»›]{1,12}\s*){2,}", r"(?:\d{1,3},)+", r"[a-z0-9]+(?:-[a-z0-9]+)*", r"(?<=治)[_＿](?![_＿\u4e00-\u9fff])",
                                     r"脱贫攻坚(?!成果)", r"六稳.{0,2}六保", r"(?:十九|二十)+大"])
def test_delimited_and_bounded_shapes_are_accepted(pattern):
    assert pattern_problem(pattern) is None


def test_a_refused_pattern_names_file_line_and_entry():
    with pytest.raises(DataFileError) as refused:
        data_pattern(r"(a+)+$", Path("data/tifa.yml"), 12, "提法“甲”")
    assert str(refused.value.finding).startswith("data/tifa.yml:12: 提法“甲”的 pattern 不能用：") and "改法：" in str(refused.value.finding)


def test_matching_is_time_boxed_and_lookarounds_work():
    slow = DataPattern(r"(a|aa)+$", (Path("data/tifa.yml"), 7, "提法“乙”"), timeout=0.2)  # what the static check would refuse
    start = time.perf_counter()
    with pytest.raises(PatternTimeout) as timed_out:
        slow.search("a" * 80 + "b")
    assert time.perf_counter() - start < 20
    assert str(timed_out.value.finding).startswith("data/tifa.yml:7: 提法“乙”的正则表达式运行超过 0.2 秒")
    around = data_pattern(r"(?<=治)[_＿](?![_＿\u4e00-\u9fff])", Path("data/import.yml"), 1, "导入规则")
    assert around.sub("党", "从严治_。") == "从严治党。" and [m.group(0) for m in around.finditer("治_ 治__")] == ["_"]


@pytest.mark.parametrize("value", ["说明\n# 冒出来的标题", "# 标题", "1. 列表", "- 列表", "=== \"标签\"", "!!! danger", "说明\u2028## 标题", "2) 列表"])
def test_a_value_is_one_line_of_text_in_markdown(value):
    html = markdown.markdown(markdown_text(value), extensions=EXTENSIONS)
    assert html.startswith("<p>") and html.count("<p>") == 1 and not re.search(r"<(h\d|ol|ul|li|div|blockquote)", html), html


@pytest.mark.parametrize("value, shown", [("a\x1b[31mred", "a\\u001b[31mred"), ("x\n::error::y", "x\\u000a::error::y"), ("evil\u202egpj", "evil\\u202egpj"),
                                          ("a\u0085b", "a\\u0085b"), ("tab\there", "tab\\u0009here"), ("中文", "中文")])
def test_messages_print_control_characters_escaped(value, shown):
    assert terminal_text(value) == shown
