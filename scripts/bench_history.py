#!/usr/bin/env python3
"""Benchmark: the 更新记录 read from git history, for synthetic repositories of 10, 100 and 1,000
variants with a few hundred commits (each editing a few variants; every tenth the 提法 registry).

Measures reading and summarising every commit (first build, no cache), the same with the cache of
.cache/changelog.json (every later build), and writing the 更新记录 page plus the 最近更新 line of
every template page. history_runs() measures, main() prints them as a Markdown table; `make bench`
shows the same runs as rows of its one table (scripts/bench.py, row `history`).

Usage: python scripts/bench_history.py [--sizes 10 100 1000] [--commits 300]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speechkit.base import ROOT, SPEECHES_DIR  # noqa: E402
from speechkit.checking import Corpus, variant_paths  # noqa: E402
from speechkit.history import load_history  # noqa: E402
from speechkit.outputs import changes_page, last_change_line  # noqa: E402
from speechkit.reading import load_registry, parse_variant  # noqa: E402

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], env=GIT_ENV, check=True, capture_output=True)


def synthesise(folder: Path, variants: int, commits: int) -> Path:
    """A repository whose first commit adds `variants` templates; each later commit edits three."""
    rng = random.Random(variants)
    repo = folder / f"repo-{variants}"
    speeches = repo / "docs" / "speeches"
    speeches.mkdir(parents=True)
    shutil.copytree(ROOT / "data", repo / "data")
    sources = [p.read_text(encoding="utf-8") for p in variant_paths(SPEECHES_DIR)]
    for i in range(variants):
        (speeches / f"synthetic-{i:04d}.md").write_text(sources[i % len(sources)], encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add")
    tifa = repo / "data" / "tifa.yml"
    for n in range(commits):
        for i in rng.sample(range(variants), min(3, variants)):
            path = speeches / f"synthetic-{i:04d}.md"
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("同志们：", f"同志们：\n\n第{n}次修改新增的一段话。", 1), encoding="utf-8")
        if n % 10 == 0:
            tifa.write_text(tifa.read_text(encoding="utf-8").replace("status: 现行", "status: 核对", 1), encoding="utf-8")
        git(repo, "commit", "-q", "-am", f"Edit {n}")
    return repo


def cpu() -> float:
    """CPU seconds of this process and of the git processes it waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(fn):
    """(result, wall seconds, CPU seconds): on a shared machine the CPU time is the steadier number."""
    start, start_cpu = time.perf_counter(), cpu()
    result = fn()
    return result, time.perf_counter() - start, cpu() - start_cpu


COMMITS = 300  # commits after the first, in each synthetic repository


@dataclass
class HistoryRun:
    """One synthetic repository: its size, and (wall s, CPU s) of each step."""
    variants: int
    commits: int
    changes: int
    cold: tuple[float, float]  # reading every commit, no cache (the first build)
    warm: tuple[float, float]  # the same with .cache/changelog.json (every later build)
    render: tuple[float, float]  # the 更新记录 page and each template's 最近更新 line
    cache_bytes: int


def history_runs(sizes: list[int], commits: int = COMMITS) -> list[HistoryRun]:
    """Measure each size in a throwaway repository; progress goes to stderr, nothing to stdout."""
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            print(f"生成 {n} 篇变体、{commits + 1} 次提交的仓库……", file=sys.stderr)
            repo = synthesise(Path(tmp), n, commits)
            registry = load_registry(repo / "data")
            corpus = Corpus(registry=registry, variants=[parse_variant(p)[0] for p in variant_paths(repo / "docs" / "speeches")])
            first, *cold = timed(lambda: load_history(registry, repo))
            _, *warm = timed(lambda: load_history(registry, repo))
            _, *render = timed(lambda: (changes_page(first, corpus), [last_change_line(first, v) for v in corpus.variants]))
            cache = (repo / ".cache" / "changelog.json").stat().st_size
            runs.append(HistoryRun(n, commits + 1, len(first.changes), tuple(cold), tuple(warm), tuple(render), cache))
            shutil.rmtree(repo)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--commits", type=int, default=COMMITS)
    args = parser.parse_args()
    runs = history_runs(args.sizes, args.commits)
    print(f"墙钟时间（括号内为 CPU 时间，含 git 进程）；机器负载 {os.getloadavg()[0]:.1f}。")
    print()
    print("| 变体数 | 提交数 | 修改条数 | 读历史（无缓存，首次构建） | 读历史（有缓存） | 生成页面和各页的最近更新 | 缓存大小 |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        cells = " | ".join(f"{wall:.2f} s（{spent:.2f} s）" for wall, spent in (run.cold, run.warm, run.render))
        print(f"| {run.variants:,} | {run.commits:,} | {run.changes:,} | {cells} | {run.cache_bytes / 1024:,.0f} KB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
