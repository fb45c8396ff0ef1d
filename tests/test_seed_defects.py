"""The defects of the 范文 page the project started from are exactly what the checks must catch.

The seed is read at run time from ../shared/seeds/ (never copied into the repository); where it is
absent, as in a clone outside this setup, these tests are skipped.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechkit.base import DATA_DIR, ROOT
from speechkit.checking import load_corpus

SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="the seed page is not present beside this clone")

HEADER = """---
title: {title}
meeting: 巡察工作动员部署会
speaker: 党委（党组）书记
level: 部门（系统）
kind: 常规巡察
status: 草稿
last_reviewed: 2026-11-25
summary: 由范文页面机械转换而来，只用于测试检查。
occasion: 测试。
---
"""


def articles() -> list[str]:
    text = SEEDS[0].read_text(encoding="utf-8")
    parts = re.split(r"^.*【第[一二三四]篇】\s*$", text, flags=re.M)
    return [p.strip() for p in parts[1:]]


def as_variant(article: str, title: str) -> str:
    """A crude import: lines starting 一、二、… become ## parts, the last 同志们 paragraph the closing."""
    paragraphs = [p.strip() for p in article.split("\n") if p.strip()]
    out = [HEADER.format(title=title), "## 开场", "", "> 用途：测试。", ""]
    closing_at = max(i for i, p in enumerate(paragraphs) if re.match(r"^同志们[，,]", p))
    for i, paragraph in enumerate(paragraphs):
        if i == closing_at:
            out += ["## 结束语", "", "> 用途：测试。", ""]
        if re.match(r"^[一二三四五六七八九十]+、", paragraph):
            out += [f"## {paragraph} <!-- role: 意义 -->", "", "> 用途：测试。", ""]
        else:
            out += [paragraph, ""]
    return "\n".join(out)


@pytest.fixture()
def checked(tmp_path: Path):
    folder = tmp_path / "speeches"
    folder.mkdir()
    second, third = articles()[1:3]
    (folder / "seed-article-2.md").write_text(as_variant(second, "范文第二篇"), encoding="utf-8")
    (folder / "seed-article-3.md").write_text(as_variant(third, "范文第三篇"), encoding="utf-8")
    return load_corpus(folder, DATA_DIR)


def messages(corpus, name: str) -> list[str]:
    return [f.message for f in corpus.findings if f.path.name == name]


def test_repeated_heading_number_and_broken_promise_are_caught(checked):
    found = messages(checked, "seed-article-2.md")
    assert any("编号“二、”重复了" in m for m in found), found
    assert any("开场说“讲四点”，一级标题的编号却到“三、”为止" in m for m in found), found


def test_masks_and_dated_tifa_are_caught(checked):
    found = messages(checked, "seed-article-2.md")
    assert any("遮挡符号“***”" in m for m in found)
    assert any("遮挡符号“XX”" in m for m in found)
    assert any("已过时的提法" in m for m in found)


def test_the_same_article_twice_is_a_near_duplicate(checked):
    [dup] = [f for f in checked.errors if "近似重复" in f.message]
    assert dup.path.name == "seed-article-3.md" and "seed-article-2.md" in dup.message
