#!/usr/bin/env python3
"""Benchmark: how long and how much memory `make check` and `mkdocs build` take to refuse each bad
or hostile file of tests/fixtures/hostile/ (plus a 5 MB variant made here), and each hostile input of
tests/fixtures/hostile_inputs/ (data files, patterns, file names, SITE_URL, our pages: issue 23).
Targets: a bad variant file under 5 seconds and 200 MB; a hostile input under 60 seconds and 500 MB
(a pattern that runs out of time waits for its time limit first). refusal_runs() measures; main() prints
two tables from its runs, and `make bench` shows them as rows of its one table (scripts/bench.py, row
`refusals`; `make bench-refusals` runs that row alone). The tests only assert the outcome, never the time.

Each command runs as its own process in a throwaway copy of the project, as a contributor runs it;
time is wall-clock, memory the process's peak resident size (os.wait4).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


# Runs the command and writes its rusage to the file named first. Linux counts, in a child's peak
# resident size, the memory of the process it was forked from: measured straight from bench.py (which
# by then holds a thousand parsed variants) every refusal "took" bench.py's 250 MB. Forked from this
# small process instead, the peak is the command's own (this wrapper's ~10 MB is below every command's).
WRAPPER = """import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[int, float, float, float]:
    """(exit code, wall seconds, CPU seconds, peak MB) of one run of `command`. On a shared machine
    the wall time includes waiting for a core; the CPU time is the work the refusal itself costs."""
    with tempfile.NamedTemporaryFile("r", suffix=".rusage") as report:
        start = time.perf_counter()
        process = subprocess.run([sys.executable, "-c", WRAPPER, report.name, *command], cwd=cwd, env=ENV | (env or {}),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        cpu, maxrss = report.read().split()
    return process.returncode, seconds, float(cpu), int(maxrss) / 1024  # KiB on Linux


@dataclass
class Run:
    """One command run against one bad input."""
    input: str
    command: str  # check, build or addresses
    seconds: float
    cpu: float
    mb: float
    as_expected: bool  # refused, or (for the one case that must pass) accepted
    kind: str = ""  # the class of a hostile input (cases.yml)


@dataclass
class Refusals:
    """Every run of one set of bad inputs, against that set's limits."""
    title: str
    inputs: int
    limit_seconds: float
    limit_mb: float
    runs: list[Run]

    def slowest(self) -> Run:
        return max(self.runs, key=lambda r: r.seconds)

    def largest(self) -> Run:
        return max(self.runs, key=lambda r: r.mb)

    def wrong(self) -> list[str]:
        return [f"{r.input}（{r.command}）" for r in self.runs if not r.as_expected]

    def fast_enough(self) -> bool:
        return self.slowest().seconds < self.limit_seconds

    def small_enough(self) -> bool:
        return self.largest().mb < self.limit_mb

    def ok(self) -> bool:
        return not self.wrong() and self.fast_enough() and self.small_enough()


def refusal_runs() -> tuple[Refusals, Refusals]:
    """(the bad variant files, the hostile inputs), each command as its own process in a throwaway
    copy of the project. Progress goes to stderr; nothing is printed to stdout."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        return variant_files(project, Path(tmp)), hostile_inputs(project, Path(tmp) / "site")


def variant_files(project: Path, tmp: Path) -> Refusals:
    """tests/fixtures/hostile/ and a 5 MB variant made here: `make check` and the build, each must refuse."""
    cases = yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
    big = tmp / "five-megabytes.md"
    good = (ROOT / "tests" / "fixtures" / "variants" / "good.md").read_text(encoding="utf-8")
    big.write_text(good + "\n三是巡察是政治监督，要把“两个维护”落到实处。\n" * 110_000, encoding="utf-8")
    files = [(c["file"], HOSTILE / c["file"], c["place"]) for c in cases] + [("（5 MB 的变体）", big, "speeches/five-megabytes.md")]
    commands = {"check": [sys.executable, "scripts/speeches.py", "check", "--strict"],
                "build": [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")]}
    runs = []
    for n, (label, source, place) in enumerate(files, 1):
        print(f"拒收（变体文件 {n}/{len(files)}）：{label}……", file=sys.stderr)
        with file_in_docs(project, place, source):
            for name, command in commands.items():
                code, seconds, cpu, mb = measure(command, project)
                runs.append(Run(label, name, seconds, cpu, mb, code != 0))
    return Refusals("有问题的变体文件", len(files), LIMIT_SECONDS, LIMIT_MB, runs)


def hostile_inputs(project: Path, site: Path) -> Refusals:
    """tests/fixtures/hostile_inputs/ (issue 23): each command of each case as its own process."""
    cases = yaml.safe_load(INPUTS.read_text(encoding="utf-8"))
    commands = {"check": [sys.executable, "scripts/speeches.py", "check", "--strict"],
                "build": [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                "addresses": [sys.executable, "scripts/speeches.py", "check-addresses"]}
    runs = []
    for n, case in enumerate(cases, 1):
        print(f"拒收（不可信的输入 {n}/{len(cases)}）：{case['name']}……", file=sys.stderr)
        with edited(project, case["edits"]):
            for name in case.get("commands", ["check", "build"]):
                code, seconds, cpu, mb = measure(commands[name], project, case.get("env"))
                runs.append(Run(case["name"], name, seconds, cpu, mb, (code == 0) == bool(case.get("accept")), str(case["class"])))
    return Refusals("不可信的输入", len(cases), INPUT_LIMIT_SECONDS, INPUT_LIMIT_MB, runs)


def main() -> int:
    files, inputs = refusal_runs()
    print(f"机器负载（1 分钟平均）：{os.getloadavg()[0]:.1f}，{os.cpu_count()} 核。秒数：墙钟（CPU）。")
    print("| 文件 | check 秒 | check MB | build 秒 | build MB |")
    print("|---|---:|---:|---:|---:|")
    by_file = {}
    for run in files.runs:
        by_file.setdefault(run.input, {})[run.command] = run
    for label, got in by_file.items():
        print(f"| {label} | " + " | ".join(f"{r.seconds:.2f}（{r.cpu:.2f}） | {r.mb:.0f}" for r in (got["check"], got["build"])) + " |")
    worst = [[r for r in files.runs if r.command == name] for name in ("check", "build")]
    print("| **最大** | " + " | ".join(f"**{max(r.seconds for r in w):.2f}（{max(r.cpu for r in w):.2f}）** | **{max(r.mb for r in w):.0f}**"
                                      for w in worst) + " |")
    print(f"\n{files.inputs} 个文件；目标：每次拒收在 {files.limit_seconds:.0f} 秒、{files.limit_mb:.0f} MB 以内。" + ("达到。" if files.ok() else "未达到。"))
    if files.wrong():
        print("没有被拒收：" + "、".join(files.wrong()))

    print("\n不可信的输入（数据文件、正则、文件名、SITE_URL、我们自己的页面；issue 23）。秒数：墙钟（CPU）。")
    print("| 输入 | 类 | 命令 | 秒 | MB |")
    print("|---|---:|---|---:|---:|")
    for r in inputs.runs:
        print(f"| {r.input} | {r.kind} | {r.command} | {r.seconds:.2f}（{r.cpu:.2f}） | {r.mb:.0f} |")
    print(f"| **最大** | | | **{inputs.slowest().seconds:.2f}（{max(r.cpu for r in inputs.runs):.2f}）** | **{inputs.largest().mb:.0f}** |")
    print(f"\n{inputs.inputs} 个输入；目标：每次在 {inputs.limit_seconds:.0f} 秒、{inputs.limit_mb:.0f} MB 以内，应拒收的都拒收。" + ("达到。" if inputs.ok() else "未达到。"))
    if inputs.wrong():
        print("结果不对：" + "、".join(inputs.wrong()))
    return 0 if files.ok() and inputs.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
