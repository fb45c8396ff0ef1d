"""Every input is hostile (issue 23): data files, file names, SITE_URL and REPO_URL, our own pages
(tests/fixtures/hostile_inputs/cases.yml). Each case is refused by `make check` and the build alike,
with a Chinese message naming the file and the line of the edit and the fix, no traceback or 内部错误,
no raw control character in the output (a file name with ANSI escapes or a newline and `::` is
printed escaped), nothing written into the site folder, and nothing hangs (the runner has a timeout).
How long and how much memory each refusal takes is measured by `make bench-refusals`.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from project_copy import copy_project  # noqa: E402
from speechkit.base.chars import TERMINAL_UNSAFE  # noqa: E402

CASES_FILE = Path(__file__).parent / "fixtures" / "hostile_inputs" / "cases.yml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
ENV = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")} | {"NO_MKDOCS_2_WARNING": "1"}
TIMEOUT = 900  # seconds for all cases together; each refusal takes about a second (make bench-refusals)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict:
    project = copy_project(tmp_path_factory.mktemp("hostile-inputs") / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("published before", encoding="utf-8")
    out = tmp_path_factory.mktemp("outcomes") / "outcomes.json"
    result = subprocess.run([sys.executable, str(Path(__file__).parent / "hostile_runner.py"), str(project), str(CASES_FILE), str(out)],
                            env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def expected_line(case: dict, outcome: dict) -> int | None:
    expect = case["expect"]
    line = expect.get("line")
    if line is None or isinstance(line, int):
        return line
    if line == "first":  # the first line that is not a comment: where the file's own structure starts
        text = (ROOT / expect["file"]).read_text(encoding="utf-8")
        return next(n for n, row in enumerate(text.split("\n"), start=1) if row.strip() and not row.startswith("#"))
    m = re.fullmatch(r"edit([+-]\d+)?", line)
    at = next((i for i, edit in enumerate(case["edits"]) if edit["file"] == expect["file"]), 0)  # the edit of the file named
    return outcome["lines"][at] + int(m.group(1) or 0)


def raw_controls(output: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in TERMINAL_UNSAFE.findall(output) if c != "\n"]


@pytest.mark.slow  # one build per case: a few minutes together
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_refused_with_file_line_and_fix(outcomes, case):
    outcome = outcomes[case["name"]]
    for command in case.get("commands", ["check", "build"]):
        result = outcome[command]
        output = result["output"]
        assert result["crashed"] is None, f"{command}: uncaught {result['crashed']}\n{output}"
        assert "Traceback" not in output and "内部错误" not in output, output
        assert raw_controls(output) == [], f"{command} printed raw control characters: {raw_controls(output)}\n{output!r}"
        if case.get("accept"):
            assert result["exit"] == 0, f"{command} refused a documented exception:\n{output}"
            continue
        assert result["exit"] != 0, f"{command} accepted {case['name']}:\n{output}"
        expect = case["expect"]
        line = expected_line(case, outcome)
        prefix = f"{expect['file']}:{line}: " if "file" in expect else ""
        matching = [row for row in output.splitlines() if prefix in row and expect["message"] in row]
        assert matching, f"{command}: expected “{prefix}…{expect['message']}…” in:\n{output}"
        assert "改法：" in matching[0]
    if not case.get("accept"):
        assert outcome["site_unchanged"], "a refused build must not write into the site folder"


def test_every_class_has_cases():
    classes = {c["class"] for c in CASES}
    assert {1, 2, 3, 4, 6, 7} <= classes
    assert len({c["name"] for c in CASES}) == len(CASES)
