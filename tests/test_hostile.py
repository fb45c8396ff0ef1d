"""Bad and hostile files (tests/fixtures/hostile/, expected outcomes in cases.yml): each is refused by
`make check` (the CLI) and by `mkdocs build` alike, with a Chinese message naming the file, the line
and the fix, no traceback, and the existing site left untouched.

Both commands run as subprocesses with a generous timeout, so an input that made the code hang
fails its test instead of hanging the suite. How long each refusal takes is measured by
`scripts/bench_refusals.py` (a benchmark, not a timed test).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from project_copy import copy_project  # noqa: E402
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CASES = yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
TIMEOUT = 120  # seconds; a refusal takes well under one (see scripts/bench_refusals.py)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy of the project; each case adds its file, runs, and takes it away again."""
    dest = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    site = dest / "site"
    site.mkdir()
    (site / "index.html").write_text("published before", encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def outcomes(project: Path, tmp_path_factory) -> dict:
    """Every case through `speeches.py check --strict` and `mkdocs build --strict` (tests/hostile_runner.py)."""
    out = tmp_path_factory.mktemp("outcomes") / "outcomes.json"
    result = subprocess.run([sys.executable, str(Path(__file__).parent / "hostile_runner.py"), str(project), str(HOSTILE / "cases.yml"), str(out)],
                            env=ENV, capture_output=True, text=True, timeout=TIMEOUT * 4)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def assert_refused(outcome: dict, case: dict) -> None:
    output = outcome["output"]
    assert outcome["crashed"] is None, f"{case['file']}: uncaught {outcome['crashed']}\n{output}"
    assert outcome["exit"] != 0, f"{case['file']} was accepted:\n{output}"
    assert "Traceback" not in output and "内部错误" not in output, output
    prefix = f"docs/{case['place']}:{case['line']}: "
    matching = [line for line in output.splitlines() if prefix in line and case["message"] in line]
    assert matching, f"expected “{prefix}…{case['message']}…” in:\n{output}"
    assert "改法：" in matching[0]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_check_and_build_refuse_with_file_line_and_fix(outcomes, case):
    outcome = outcomes[case["file"]]
    assert_refused(outcome["check"], case)
    assert "。未通过。" in outcome["check"]["output"]
    assert_refused(outcome["build"], case)
    assert outcome["site_unchanged"], "a failed build must not write into the site folder"


@pytest.mark.parametrize("name", ["title-img-split.md", "date-impossible.md", "encoding-gbk.md"])
def test_console_commands_refuse_without_traceback(project, name):
    """The same refusal through the real console entry points, as a contributor runs them."""
    case = next(c for c in CASES if c["file"] == name)
    target = project / "docs" / case["place"]
    shutil.copyfile(HOSTILE / name, target)
    try:
        check = subprocess.run([sys.executable, "scripts/speeches.py", "check", "--strict"], cwd=project, env=ENV,
                               capture_output=True, text=True, timeout=TIMEOUT)
        site = project / "site"
        build = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=project, env=ENV,
                               capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        target.unlink()
    for result in (check, build):
        assert_refused({"exit": result.returncode, "output": result.stdout + result.stderr, "crashed": None}, case)
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]


def test_corpus_covers_every_class():
    assert len(CASES) >= 40
    names = {c["file"] for c in CASES}
    assert names == {p.name for p in HOSTILE.iterdir()} - {"cases.yml"}, "every file has an expected outcome"
    for needle in ("encoding", "binary", "empty", "huge", "yaml-alias", "date", "mask", "tifa", "snippet", "jinja", "our-page",
                   "name-", "nested", "templates", ".html", "link", "url", "numbering", "placeholder", "regex"):
        assert any(needle in name for name in names), needle


@pytest.mark.parametrize("target, message", [
    ("Makefile", "不能提交符号链接"),  # a file of the repository, published under another name
    ("scripts", "不能提交指向别处的文件夹链接"),  # a folder (in a clone, .git is one)
])
def test_symlink_under_docs_is_refused(project, target, message):
    link = project / "docs" / "speeches" / "git-config.md"
    link.symlink_to(ROOT / target)
    try:
        result = subprocess.run([sys.executable, "scripts/speeches.py", "check", "--strict"], cwd=project, env=ENV,
                                capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        link.unlink()
    assert result.returncode == 1
    assert f"docs/speeches/git-config.md:1: {message}" in result.stdout and "改法：" in result.stdout
