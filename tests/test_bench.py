"""The benchmark still runs: its copy of the project must build like the real one.

No target is asserted here (speed and size targets live in the benchmark's table, not in timed
tests); this only keeps `make bench` from breaking unnoticed, as it did when the Word download
added vendored files that the benchmark's project copy left out.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")} | {"NO_MKDOCS_2_WARNING": "1"}


def test_bench_prints_its_table_on_a_small_run():
    result = subprocess.run(
        [sys.executable, "scripts/bench.py", "--sizes", "3", "--repeat", "1", "--no-lighthouse"],
        cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    groups = {line.split("|")[1].strip() for line in table[1:]}
    assert {"构建（真实网站）", "构建（3 篇合成变体）", "网站（真实）", "模板页（gzip）", "搜索"} <= groups
    recall = next(line for line in table if "召回率" in line)
    assert "找到" in recall
    assert any("日常查询" in line and "第一个结果就对" in line for line in table)
    assert any("每次查询的时间" in line for line in table)
