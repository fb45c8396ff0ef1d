"""`make tifa-due`: time-bound 提法 that fall due within N days (90 by default), each with the file and
line of every use in the templates' speech, in Chinese; nothing listed when nothing is due."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from speechkit import cli
from speechkit.base import DATA_DIR, ROOT
from speechkit.cli.tifa_due import report
from speechkit.reading import load_registry

GOOD = (Path(__file__).parent / "fixtures" / "variants" / "good.md").read_text(encoding="utf-8")
SENTENCE = "巡察是政治监督，要把“两个维护”落到实处。"
PLAN = "中央巡视工作规划（2023—2027年）"
TODAY = dt.date(2027, 11, 1)  # 60 days before the plan's 2027-12-31


def project(tmp_path: Path, text: str) -> tuple[Path, Path]:
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    (speeches / "v.md").write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return speeches, data


def run(days: int, speeches: Path, data: Path, today: dt.date = TODAY) -> tuple[int, str]:
    lines: list[str] = []
    status = report(days, lines.append, today=today, speeches=speeches, data=data)
    return status, "\n".join(lines)


def test_lists_what_falls_due_with_file_and_line_of_each_use(tmp_path):
    text = GOOD.replace(SENTENCE, f"按照《{PLAN}》，{SENTENCE}")
    speeches, data = project(tmp_path, text)
    status, out = run(90, speeches, data)
    assert status == 0
    line = text[: text.index("按照《")].count("\n") + 1
    assert f"{PLAN}　核对期限 2027-12-31（还有 60 天）" in out
    assert f"v.md:{line}: 按照《{PLAN}》" in out
    assert "怎么改：" in out and "data/tifa.yml" in out
    assert "今天是 2027-11-01：90 天内（到 2028-01-30 为止）" in out


def test_the_window_is_the_number_of_days_given(tmp_path):
    speeches, data = project(tmp_path, GOOD.replace(SENTENCE, f"按照《{PLAN}》，{SENTENCE}"))
    due = {t.term for t in load_registry(data).tifa if t.expires and t.expires <= TODAY + dt.timedelta(days=30)}
    status, out = run(30, speeches, data)
    assert status == 0 and PLAN not in out
    for term in due:  # whatever else is registered to fall due within 30 days is listed
        assert f"{term}　核对期限" in out


def test_already_expired_is_listed_first_and_an_unused_one_says_so(tmp_path):
    speeches, data = project(tmp_path, GOOD)
    status, out = run(0, speeches, data, today=dt.date(2028, 1, 10))
    assert status == 0
    assert f"{PLAN}　核对期限 2027-12-31（已过期 10 天）" in out
    assert "没有模板用到它" in out


def test_nothing_due_says_so_and_bad_days_are_refused(tmp_path):
    speeches, data = project(tmp_path, GOOD)
    assert not [t for t in load_registry(data).tifa if t.expires and t.expires <= dt.date(2026, 2, 2)]
    status, out = run(1, speeches, data, today=dt.date(2026, 2, 1))
    assert status == 0 and "1 天内（到 2026-02-02 为止）没有到期的提法" in out
    status, out = run(-1, speeches, data)
    assert status == 1 and "不能是负数" in out


def test_the_command_line_and_make_target():
    result = CliRunner().invoke(cli.app, ["tifa-due", "--days", "3650"])
    assert result.exit_code == 0, result.output
    assert "到期的提法有" in result.output and "docs/speeches/" in result.output and "Traceback" not in result.output
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "tifa-due:" in makefile and "--days $(or $(DAYS),90)" in makefile
    done = subprocess.run(["make", "-s", "-n", "tifa-due", "DAYS=7"], cwd=ROOT, capture_output=True, text=True)
    assert "tifa-due --days 7" in done.stdout
