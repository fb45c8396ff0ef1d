"""History is input (issue 23 §2 §5): text from any commit, including ones that were reverted the next
day and never passed a check, reaches the 更新记录 page and the release notes neutralised (no live
link, no @mention, no markup, no heading, one bounded line), past versions are read under the limits
of the current tree, and a catastrophic 提法 pattern that was committed once and reverted cannot hang
a later build."""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import markdown
import pytest
from typer.testing import CliRunner

from speechkit.base import ROOT
from speechkit.base.chars import TERMINAL_UNSAFE
from speechkit.checking import load_corpus
from speechkit.cli import cli
from speechkit.history import load_history
from speechkit.outputs import changes_page
from test_history import DISTRICT, commit, git

HOSTILE_TITLE = '"[点我](https://evil.example/x) @octocat 看 www.evil.example #12 :tada: <script>alert(1)</script>\\n# 冒出来的标题"'
LONG_TITLE = "长" * 5000
CATASTROPHIC = "(十九+)+大"
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]


def variant_text(title: str) -> str:
    text = (ROOT / "tests" / "fixtures" / "variants" / "good.md").read_text(encoding="utf-8")
    return re.sub(r"^title: .*$", lambda _: f"title: {title}", text, count=1, flags=re.M)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("hostile-history") / "project"
    (repo / "docs" / "speeches").mkdir(parents=True)
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copy(ROOT / "docs" / "speeches" / f"{DISTRICT}.md", repo / "docs" / "speeches")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "2026-01-05", "Add the district template")
    git(repo, "tag", "v1.0")
    evil = repo / "docs" / "speeches" / "evil-day.md"
    evil.write_text(variant_text(HOSTILE_TITLE), encoding="utf-8")  # a template added…
    commit(repo, "2026-01-06")
    evil.write_text(variant_text(LONG_TITLE), encoding="utf-8")  # …retitled with 5,000 characters…
    commit(repo, "2026-01-07")
    evil.unlink()  # …and deleted again: it never passed a check
    commit(repo, "2026-01-08")
    huge = repo / "docs" / "speeches" / "huge-day.md"
    huge.write_text(variant_text("超大的一版") + "巡察是政治监督。\n\n" * 20_000, encoding="utf-8")  # over max_file_bytes
    commit(repo, "2026-01-09")
    huge.unlink()
    commit(repo, "2026-01-10")
    tifa = repo / "data" / "tifa.yml"
    original = tifa.read_text(encoding="utf-8")
    tifa.write_text(original + f"- term: '@octocat https://evil.example'\n  pattern: '{CATASTROPHIC}'\n  status: 过时\n  meaning: 一时写错的提法。\n",
                    encoding="utf-8")
    commit(repo, "2026-01-11")  # a pattern that backtracks forever on 十九十九十九…
    tifa.write_text(original, encoding="utf-8")
    commit(repo, "2026-01-12")
    stoplist = repo / "data" / "phrase_stoplist.yml"
    before = stoplist.read_text(encoding="utf-8")
    stoplist.write_text(before + "- &a [x, x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n- [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
                        encoding="utf-8")
    commit(repo, "2026-01-13")
    stoplist.write_text(before, encoding="utf-8")
    commit(repo, "2026-01-14")
    district = repo / "docs" / "speeches" / f"{DISTRICT}.md"
    district.write_text(district.read_text(encoding="utf-8").replace("同志们：", "同志们：十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九十九", 1),
                        encoding="utf-8")
    commit(repo, "2026-01-15")  # text that the reverted pattern would hang on
    git(repo, "tag", "v1.1")
    return repo


@pytest.fixture(scope="module")
def read(repo):
    corpus = load_corpus(repo / "docs" / "speeches", repo / "data")
    assert corpus.registry is not None and corpus.variants, [str(f) for f in corpus.findings]  # (its links point at templates not copied)
    start = time.perf_counter()
    history = load_history(corpus.registry, repo, use_cache=False)
    page = changes_page(history, corpus)
    for variant in corpus.variants:
        history.for_variant(variant)  # every registry change of the past is matched against today's text
    return history, corpus, page, time.perf_counter() - start


def test_a_reverted_pattern_does_not_hang_a_later_build(read):
    history, _, _, seconds = read
    assert seconds < 60, f"reading the history took {seconds:.0f} s"
    assert any(c.kind == "data" and c.key == "tifa" for c in history.changes)


def test_the_changes_page_shows_history_as_inert_bounded_text(read):
    history, _, page, _ = read
    html = markdown.markdown(page, extensions=EXTENSIONS)
    assert "<script" not in html and 'href="https://evil' not in html and "<h1>冒出来的标题" not in html
    assert not re.search(r"<h\d[^>]*>\s*冒出来的标题", html)
    assert "长" * 41 not in page  # a title quoted from the history is one short line
    removed = [c for c in history.changes if c.removed]
    assert {c.key for c in removed} >= {"evil-day", "huge-day"}
    assert all(len(c.title) <= 41 and "\n" not in c.title for c in history.changes)
    huge = [c for c in history.changes if c.key == "huge-day" and not c.removed]
    assert huge and huge[0].parts == ["这一版超出了读取上限（大小、行长或看不见的字符），没有列出修改的细节"]
    assert [c for c in page if TERMINAL_UNSAFE.match(c) and c != "\n"] == []


def test_release_notes_neutralise_links_mentions_and_references(repo):
    result = CliRunner().invoke(cli.app, ["release-notes", "v1.1", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    notes = result.output
    outside_code = re.sub(r"(`+) .*? \1", "", notes)
    assert "@octocat" in notes and "@" not in outside_code  # a mention only inside a code span
    assert "https://evil" not in outside_code and "www.evil" not in outside_code and ":tada:" not in outside_code
    assert "#12" not in outside_code
    assert "<script" not in notes and "\n# 冒出来的标题" not in notes
    assert "长" * 41 not in notes
    assert [c for c in notes if TERMINAL_UNSAFE.match(c) and c != "\n"] == []
