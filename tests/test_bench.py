"""The benchmark still runs: its copy of the project must build like the real one; and it is one
table, every benchmark script a row of it, ROWS choosing which run.

No target is asserted here (speed and size targets live in the benchmark's table, not in timed
tests); this only keeps `make bench` from breaking unnoticed, as it did when the Word download
added vendored files that the benchmark's project copy left out.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")} | {"NO_MKDOCS_2_WARNING": "1"}
SCRIPT_ROWS = ("history", "word", "refusals")  # scripts/bench_<name>.py, each a row of bench.py's table
SMALL_RUN = ("build_real_site", "build_synthetic", "site_size", "template_page_weight", "search_index",
             "search_recall", "search_ranking", "search_speed", "draft_checker")


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/bench.py", *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)


def listed(*args: str) -> list[str]:
    result = bench(*args, "--list")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_every_benchmark_script_is_a_row_of_the_one_table():
    rows = listed()
    assert set(SCRIPT_ROWS) | set(SMALL_RUN) | {"lighthouse"} <= set(rows)
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize("name", SCRIPT_ROWS)
def test_a_script_row_turns_the_scripts_own_rows_into_the_table(name, monkeypatch):
    """The @measure in bench.py calls the script's function (faked here, so nothing heavy runs) and
    shows what it returns: the script's main and the table read the same rows."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench as table
    import bench_history
    import bench_refusals
    import bench_word

    fakes = {
        "history": (bench_history, "history_runs",
                    lambda sizes: [bench_history.HistoryRun(sizes[0], 301, 949, (2.1, 2.2), (0.07, 0.08), (0.0, 0.0), 212 * 1024)]),
        "word": (bench_word, "word_rows", lambda repeat, site: [bench_word.WordRow("打开模板页时加载 zip 库", "0 个文件", "0", True)]),
        "refusals": (bench_refusals, "refusal_runs", lambda: (bench_refusals.Refusals("有问题的变体文件", 1, 5.0, 200.0, [
            bench_refusals.Run("bad|name.md", "check", 0.5, 0.4, 30.0, True),
            bench_refusals.Run("bad|name.md", "build", 6.0, 1.0, 50.0, False)]),)),
    }
    module, function, fake = fakes[name]
    monkeypatch.setattr(module, function, fake)
    b = table.Bench(args=table.argparse.Namespace(sizes=[7], repeat=1), tmp=ROOT, skeletons=[])
    rows = next(fn for fn in table.MEASURES if fn.__name__ == name)(b)
    assert rows and all(isinstance(r, table.Row) and r.group and r.item and r.value for r in rows)
    if name == "history":
        assert rows[0].group == "修改历史（7 篇变体，301 次提交）" and "2.10 s" in rows[0].value
    if name == "word":
        assert rows == [table.Row("填写与 Word 下载", "打开模板页时加载 zip 库", "0 个文件", "0", True)]
    if name == "refusals":  # the build that was not refused and the slow run are ✗, and no | splits the row
        assert [r.met for r in rows] == [False, False, True]
        assert all("bad\\|name.md" in r.value for r in rows)


def test_rows_runs_only_the_named_rows_and_builds_nothing_they_do_not_need():
    assert listed("--rows", "history,refusals") == ["history", "refusals"]
    assert listed("--rows", "word", "history") == ["history", "word"]
    assert listed("--only", "site_size") == ["build_real_site（只为其他行构建真实网站，不列入表）", "site_size"]
    wrong = bench("--rows", "histroy", "--list")
    assert wrong.returncode == 2 and "没有这项测量：histroy" in wrong.stderr and "Traceback" not in wrong.stderr


def test_make_bench_passes_rows_to_the_one_script():
    for rows, args in (("history,word", "--rows history,word"), ("history word", "--rows history word")):
        recipe = subprocess.run(["make", "-n", "bench", f"ROWS={rows}"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        assert f"scripts/bench.py {args}" in recipe
    recipe = subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "scripts/bench.py" in recipe and "bench_history" not in recipe and "bench_word" not in recipe
    recipe = subprocess.run(["make", "-n", "bench-refusals"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "scripts/bench.py --rows refusals" in recipe


def test_bench_prints_its_table_on_a_small_run():
    result = bench("--sizes", "3", "--repeat", "1", "--no-lighthouse", "--only", *SMALL_RUN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    groups = {line.split("|")[1].strip() for line in table[1:]}
    assert {"构建（真实网站）", "构建（3 篇合成变体）", "网站（真实）", "模板页（gzip）", "搜索"} <= groups
    recall = next(line for line in table if "召回率" in line)
    assert "找到" in recall
    assert any("日常查询" in line and "第一个结果就对" in line for line in table)
    assert any("每次查询的时间" in line for line in table)
