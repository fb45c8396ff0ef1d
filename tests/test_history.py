"""The 更新记录 is read from a real git history: a throwaway repository gets commits that add a
template, edit a paragraph and a note, bring in a dated 提法, change the 提法 registry, rename the file
and merge a branch; each summary must say what a drafter would see changed."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechkit.base import ROOT
from speechkit.checking import load_corpus
from speechkit.cli import cli
from speechkit.history import CACHE_FILE, load_history, short, summarise_data
from speechkit.history import history as history_module
from speechkit.outputs import changes_page, last_change_line
from speechkit.reading import Section, load_registry, parse_variant

DISTRICT = "district-entry-mobilization"
REGISTRY = load_registry()


def git(repo: Path, *args: str, date: str = "2026-01-05T10:00:00+08:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "测试",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    result = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(repo: Path, day: str, message: str = "Edit") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=f"{day}T10:00:00+08:00")


# Edits are placed through the parsed model, so the tests follow the real template as it is revised.

def first_paragraph(path: Path, part: int) -> tuple[Section, int]:
    """Part `part` (0 = 开场, 1 = 一、…) and the source line where its first paragraph starts."""
    variant, _ = parse_variant(path)
    section = variant.sections[part]
    return section, section.blocks[0].line


def add_words(path: Path, part: int, words: str) -> Section:
    section, line = first_paragraph(path, part)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] += words
    path.write_text("\n".join(lines), encoding="utf-8")
    return section


def add_note(path: Path, part: int, note: str) -> None:
    """A `> 注：` line right after the part's first paragraph (before the notes it already has)."""
    _, line = first_paragraph(path, part)
    lines = path.read_text(encoding="utf-8").split("\n")
    at = line
    while at < len(lines) and lines[at].strip() and not lines[at].lstrip().startswith(">"):
        at += 1
    lines.insert(at, note)
    path.write_text("\n".join(lines), encoding="utf-8")


def replace(path: Path, pattern: str, new: str) -> None:
    text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1, pattern
    path.write_text(text, encoding="utf-8")


def current_tifa_in(path: Path) -> str:
    """A 现行 提法 of the registry that the template uses (its status is changed in the history)."""
    variant, _ = parse_variant(path)
    used = REGISTRY.tifa_in(variant.spoken_text)
    return sorted(t.term for t in REGISTRY.tifa if t.status == "现行" and t.term in used)[0]


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A project with one template and five commits on main; the template ends up renamed."""
    repo = tmp_path / "project"
    (repo / "docs" / "speeches").mkdir(parents=True)
    shutil.copytree(ROOT / "data", repo / "data")
    variant = repo / "docs" / "speeches" / f"{DISTRICT}.md"
    shutil.copy(ROOT / "docs" / "speeches" / f"{DISTRICT}.md", variant)
    assert "十九大" not in REGISTRY.tifa_in(parse_variant(variant)[0].spoken_text)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "2026-01-05", "Add the district template")

    add_words(variant, 1, "这一点要反复讲。")
    add_note(variant, 1, "> 注：新写的注释。")
    replace(variant, r"^last_reviewed: .*$", "last_reviewed: 2026-02-10")
    commit(repo, "2026-02-10")

    add_words(variant, 1, "党的十九大以来的经验要总结好。")
    commit(repo, "2026-03-01")

    term = current_tifa_in(variant)
    replace(repo / "data" / "tifa.yml", rf"^(- term: {re.escape(term)}\n(?:  (?!status:).*\n)*  status: )现行$", r"\1核对")
    commit(repo, "2026-04-01")

    git(repo, "mv", f"docs/speeches/{DISTRICT}.md", "docs/speeches/district-entry.md")
    commit(repo, "2026-05-01", "Rename")
    return repo


def part_one(repo: Path) -> str:
    section, _ = first_paragraph(repo / "docs" / "speeches" / "district-entry.md", 1)
    return f"“{short(section.title)}”"


def history_of(repo: Path, **kwargs):
    corpus = load_corpus(repo / "docs" / "speeches", repo / "data")
    return load_history(corpus.registry, repo, **kwargs), corpus


def test_each_change_is_summarised_from_the_model(repo):
    history, corpus = history_of(repo)
    [variant] = corpus.variants
    assert variant.slug == "district-entry"
    changes = history.for_variant(variant)
    assert [c.date for c in changes] == ["2026-05-01", "2026-04-01", "2026-03-01", "2026-02-10", "2026-01-05"]
    renamed, registry, dated, edited, added = changes
    assert renamed.parts == [f"文件由 {DISTRICT}.md 改名，网址随之改变"]
    term = current_tifa_in(ROOT / "docs" / "speeches" / f"{DISTRICT}.md")
    assert registry.kind == "data" and registry.tifa == [f"提法“{term}”由“现行”改为“核对”"]
    assert dated.parts == [f"{part_one(repo)}改动 1 段"]
    assert dated.tifa == ["文中新出现提法“十九大”（已过时）"]
    assert edited.parts == [f"{part_one(repo)}改动 1 段", "新增注释 1 条", "复核日期改为 2026-02-10"]
    assert edited.tifa == []
    assert added.parts == ["新增模板"]
    assert history.unavailable == "" and history.partial == ""


def test_page_lists_every_change_with_the_tifa_called_out(repo):
    history, corpus = history_of(repo)
    page = changes_page(history, corpus)
    assert page.startswith("---\ndescription: ")
    section = page.split("### ", 1)[1].split("\n## ", 1)[0]
    assert section.startswith("区委巡察组进驻动员会讲话（区委领导） { #district-entry }")
    term = current_tifa_in(ROOT / "docs" / "speeches" / f"{DISTRICT}.md")
    assert f"- 2026-04-01　提法登记表：**提法变化**：提法“{term}”由“现行”改为“核对”。" in section
    assert f"- 2026-03-01　{part_one(repo)}改动 1 段。 **提法变化**：文中新出现提法“十九大”（已过时）。" in section
    assert "- 2026-01-05　新增模板。" in section
    assert "Rename" not in page and "Add the district template" not in page  # commit messages are for developers
    line = last_change_line(history, corpus.variants[0])
    assert line.startswith("最近更新：2026-05-01，文件由") and "[更新记录](../changes.md#district-entry)" in line


def test_a_merged_branch_is_one_change_on_the_day_it_was_merged(repo):
    variant = repo / "docs" / "speeches" / "district-entry.md"
    git(repo, "checkout", "-q", "-b", "edit")
    add_words(variant, 0, "今天开个短会。")
    commit(repo, "2026-06-01")
    replace(variant, "^> 注：新写的注释。$", "> 注：改过的注释。")
    commit(repo, "2026-06-02")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "edit", "-m", "Merge", date="2026-06-10T09:00:00+08:00")
    history, corpus = history_of(repo)
    latest = history.for_variant(corpus.variants[0])[0]
    assert latest.date == "2026-06-10"
    assert latest.parts == ["“开场”改动 1 段", "修改注释 1 条"]
    assert len([c for c in history.changes if c.date.startswith("2026-06")]) == 1


def test_a_deleted_template_is_listed_as_removed(repo):
    git(repo, "rm", "-q", "docs/speeches/district-entry.md")
    commit(repo, "2026-07-01")
    history, corpus = history_of(repo)
    assert corpus.variants == []
    page = changes_page(history, corpus)
    assert "## 已删去的模板 { #removed }" in page
    assert "- 2026-07-01　删去了“区委巡察组进驻动员会讲话（区委领导）”（district-entry.md）。" in page


def test_no_repository_builds_a_page_that_says_so(tmp_path):
    project = tmp_path / "zip"
    (project / "docs" / "speeches").mkdir(parents=True)
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copy(ROOT / "docs" / "speeches" / f"{DISTRICT}.md", project / "docs" / "speeches")
    history, corpus = history_of(project)
    assert history.changes == [] and "不在 git 仓库里" in history.unavailable
    page = changes_page(history, corpus)
    assert '!!! warning "这次构建没有修改历史"' in page and "不在 git 仓库里" in page
    assert last_change_line(history, corpus.variants[0]) == ""


def test_shallow_clone_lists_what_it_has_and_says_the_rest_is_missing(repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "2", repo.as_uri(), str(clone)], check=True, capture_output=True)
    history, corpus = history_of(clone)
    assert "浅克隆" in history.partial
    assert [c.date for c in history.changes] == ["2026-05-01"]  # the commit at the edge has no parent to compare with
    assert "!!! note \"更新记录不完整\"" in changes_page(history, corpus)


def test_summaries_are_cached_by_commit_and_rebuilt_when_the_rules_change(repo):
    history_of(repo)
    cache_path = repo / CACHE_FILE
    cache = json.loads(cache_path.read_text(encoding="utf-8"))
    head = git(repo, "rev-parse", "HEAD").strip()
    cache["commits"][head][0]["parts"] = ["从缓存读出"]
    cache_path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    history, _ = history_of(repo)
    assert history.changes[0].parts == ["从缓存读出"]  # the second build did not re-read the commit
    replace(repo / "data" / "changelog.yml", "^recent: 20", "recent: 21")  # the rules changed: summaries are redone
    history, _ = history_of(repo)
    assert history.changes[0].parts[0].startswith("文件由")


def test_the_cache_is_keyed_on_the_code_that_writes_the_summaries():
    """A moved or renamed module must not silently drop out of the cache key (it once named flat paths)."""
    code = Path(history_module.__file__).resolve().parents[1]
    assert {name.rsplit("/", 1)[-1] for name in history_module.CACHE_CODE} == {"changes.py", "history.py", "parser.py", "model.py"}
    assert all((code / name).is_file() for name in history_module.CACHE_CODE), history_module.CACHE_CODE


def test_data_file_changes_name_their_entries():
    spec = {"label": "占位符登记表", "item": "占位符"}
    old = {"单位": {"type": "单位"}, "人名": {"type": "人名"}}
    new = {"单位": {"type": "文本"}, "日期": {"type": "日期"}, "时间": {"type": "日期"}}
    assert [p.text for p in summarise_data(old, new, spec)] == ["新增占位符“日期”、“时间”", "修改了占位符“单位”的说明", "删去占位符“人名”"]
    many = {f"名称{i}": {"type": "文本"} for i in range(5)}
    assert summarise_data({}, many, spec)[0].text == "新增占位符“名称0”、“名称1”、“名称2”等 5 个"
    assert [p.text for p in summarise_data(None, new, spec)] == ["建立占位符登记表，共 3 项"]
    assert short("一、提高政治站位，深刻认识本轮巡察的重要意义") == "一、提高政治站位，深刻……" and short("结束语") == "结束语"
    unnamed = {"label": "计算口径和检查设置", "item": "设置", "unnamed": True}
    assert [p.text for p in summarise_data({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}, unnamed)] == ["新增设置 1 项、修改设置 1 项"]
    tifa = {"label": "提法登记表", "item": "提法", "tifa": True}
    [part] = summarise_data([{"term": "六稳六保", "status": "现行", "pattern": "六稳.{0,2}六保"}],
                            [{"term": "六稳六保", "status": "过时", "pattern": "六稳.{0,2}六保"}], tifa)
    assert (part.text, part.term, part.pattern) == ("提法“六稳六保”由“现行”改为“过时”", "六稳六保", "六稳.{0,2}六保")


def test_release_notes_cover_the_commits_since_the_previous_tag(repo):
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "tag", "v1.0", f"{head}~3")  # after the edit of 2026-02-10
    git(repo, "tag", "v1.1", f"{head}~1")  # after the 提法 registry change of 2026-04-01
    result = CliRunner().invoke(cli.app, ["release-notes", "v1.1", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    notes = result.output
    assert "## 自 v1.0 以来模板的修改" in notes
    assert "- 2026-03-01　**区委巡察组进驻动员会讲话（区委领导）**：" in notes and "文中新出现提法“十九大”（已过时）" in notes
    term = current_tifa_in(ROOT / "docs" / "speeches" / f"{DISTRICT}.md")
    assert f"- 2026-04-01　提法登记表：**提法变化**：提法“{term}”由“现行”改为“核对”。" in notes
    assert "2026-02-10" not in notes and "2026-05-01" not in notes and "改名" not in notes
    assert "xuncha-speech-templates-offline.zip" in notes


def test_release_notes_refuse_an_unknown_tag_in_chinese(repo):
    result = CliRunner().invoke(cli.app, ["release-notes", "v9.9", "--repo", str(repo)])
    assert result.exit_code == 1
    assert "找不到标签“v9.9”" in result.output and "改法：" in result.output and "Traceback" not in result.output


def test_registry_changes_before_a_template_existed_are_not_news_to_it(repo):
    later = repo / "docs" / "speeches" / "department-system-deployment.md"
    source = ROOT / "docs" / "speeches" / later.name
    used = REGISTRY.tifa_in(parse_variant(source)[0].spoken_text) - {current_tifa_in(ROOT / "docs" / "speeches" / f"{DISTRICT}.md")}
    term = sorted(t.term for t in REGISTRY.tifa if t.status == "现行" and t.term in used)[0]  # still 现行 in the repo
    replace(repo / "data" / "tifa.yml", rf"^(- term: {re.escape(term)}\n(?:  (?!status:).*\n)*  status: )现行$", r"\1核对")
    commit(repo, "2026-06-01")
    shutil.copy(source, later)
    commit(repo, "2026-06-02")
    history, corpus = history_of(repo)
    changes = history.for_variant(corpus.by_slug["department-system-deployment"])
    assert [(c.date, c.parts) for c in changes] == [("2026-06-02", ["新增模板"])]
    assert any(c.date == "2026-06-01" and c.kind == "data" for c in history.changes)  # still on the page's registry list
