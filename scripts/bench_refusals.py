#!/usr/bin/env python3
"""Benchmark: how long and how much memory `make check` and `mkdocs build` take to refuse each bad
or hostile file of tests/fixtures/hostile/ (plus a 5 MB variant made here), and each hostile input of
tests/fixtures/hostile_inputs/ (data files, patterns, file names, SITE_URL, our pages: issue 23).
Targets: a bad variant file under 5 seconds and 200 MB; a hostile input under 60 seconds and 500 MB
(a pattern that runs out of time waits for its time limit first). Prints two tables; the tests only
assert the outcome, never the time.

Each command runs as its own process in a throwaway copy of the project, as a contributor runs it;
time is wall-clock, memory the process's peak resident size (os.wait4).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project_copy import copy_project, edited, file_in_docs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
INPUTS = ROOT / "tests" / "fixtures" / "hostile_inputs" / "cases.yml"
ENV = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")} | {"NO_MKDOCS_2_WARNING": "1"}
LIMIT_SECONDS, LIMIT_MB = 5.0, 200.0
INPUT_LIMIT_SECONDS, INPUT_LIMIT_MB = 60.0, 500.0


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[int, float, float, float]:
    """(exit code, wall seconds, CPU seconds, peak MB) of one run of `command`. On a shared machine
    the wall time includes waiting for a core; the CPU time is the work the refusal itself costs."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV | (env or {}), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    cases = yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        big = Path(tmp) / "five-megabytes.md"
        good = (ROOT / "tests" / "fixtures" / "variants" / "good.md").read_text(encoding="utf-8")
        big.write_text(good + "\n三是巡察是政治监督，要把“两个维护”落到实处。\n" * 110_000, encoding="utf-8")
        runs = [(c["file"], HOSTILE / c["file"], c["place"]) for c in cases] + [("（5 MB 的变体）", big, "speeches/five-megabytes.md")]
        print(f"机器负载（1 分钟平均）：{os.getloadavg()[0]:.1f}，{os.cpu_count()} 核。秒数：墙钟（CPU）。")
        print("| 文件 | check 秒 | check MB | build 秒 | build MB |")
        print("|---|---:|---:|---:|---:|")
        worst = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
        accepted = []
        for label, source, place in runs:
            with file_in_docs(project, place, source):
                code1, s1, c1, m1 = measure([sys.executable, "scripts/speeches.py", "check", "--strict"], project)
                code2, s2, c2, m2 = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(Path(tmp) / "site")], project)
            if code1 == 0 or code2 == 0:
                accepted.append(label)
            worst = [max(w, v) for w, v in zip(worst, (s1, c1, m1, s2, c2, m2))]
            print(f"| {label} | {s1:.2f}（{c1:.2f}） | {m1:.0f} | {s2:.2f}（{c2:.2f}） | {m2:.0f} |")
        print(f"| **最大** | **{worst[0]:.2f}（{worst[1]:.2f}）** | **{worst[2]:.0f}** | **{worst[3]:.2f}（{worst[4]:.2f}）** | **{worst[5]:.0f}** |")
        ok = not accepted and max(worst[0], worst[3]) < LIMIT_SECONDS and max(worst[2], worst[5]) < LIMIT_MB
        print(f"\n{len(runs)} 个文件；目标：每次拒收在 {LIMIT_SECONDS:.0f} 秒、{LIMIT_MB:.0f} MB 以内。" + ("达到。" if ok else "未达到。"))
        if accepted:
            print("没有被拒收：" + "、".join(accepted))
        ok = hostile_inputs(project, Path(tmp) / "site") and ok
    return 0 if ok else 1


def hostile_inputs(project: Path, site: Path) -> bool:
    """The table for tests/fixtures/hostile_inputs/: each command of each case as its own process."""
    cases = yaml.safe_load(INPUTS.read_text(encoding="utf-8"))
    commands = {"check": [sys.executable, "scripts/speeches.py", "check", "--strict"],
                "build": [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                "addresses": [sys.executable, "scripts/speeches.py", "check-addresses"]}
    print("\n不可信的输入（数据文件、正则、文件名、SITE_URL、我们自己的页面；issue 23）。秒数：墙钟（CPU）。")
    print("| 输入 | 类 | 命令 | 秒 | MB |")
    print("|---|---:|---|---:|---:|")
    worst_seconds = worst_cpu = worst_mb = 0.0
    wrong = []
    for case in cases:
        with edited(project, case["edits"]):
            for name in case.get("commands", ["check", "build"]):
                code, seconds, cpu, mb = measure(commands[name], project, case.get("env"))
                if (code == 0) != bool(case.get("accept")):
                    wrong.append(f"{case['name']}（{name}）")
                worst_seconds, worst_cpu, worst_mb = max(worst_seconds, seconds), max(worst_cpu, cpu), max(worst_mb, mb)
                print(f"| {case['name']} | {case['class']} | {name} | {seconds:.2f}（{cpu:.2f}） | {mb:.0f} |")
    print(f"| **最大** | | | **{worst_seconds:.2f}（{worst_cpu:.2f}）** | **{worst_mb:.0f}** |")
    ok = not wrong and worst_seconds < INPUT_LIMIT_SECONDS and worst_mb < INPUT_LIMIT_MB
    print(f"\n{len(cases)} 个输入；目标：每次在 {INPUT_LIMIT_SECONDS:.0f} 秒、{INPUT_LIMIT_MB:.0f} MB 以内，应拒收的都拒收。" + ("达到。" if ok else "未达到。"))
    if wrong:
        print("结果不对：" + "、".join(wrong))
    return ok


if __name__ == "__main__":
    sys.exit(main())
