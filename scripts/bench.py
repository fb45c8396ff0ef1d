#!/usr/bin/env python3
"""Benchmark: parse + check + extract, and a full strict build, at 10, 100 and 1,000 synthetic variants.

Synthetic variants reuse the real templates' skeletons (sections, roles, guidance) with paragraphs
recombined from a shuffled pool of the real sentences plus a per-variant tag, so they pass the checks
and are not near-duplicates of each other. Prints a Markdown table; targets live in the README.

Usage: python scripts/bench.py [--sizes 10 100 1000] [--repeat 3] [--no-build]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speechkit.corpus import load_corpus  # noqa: E402
from speechkit.model import Section, Variant  # noqa: E402
from speechkit.pages import generated_pages  # noqa: E402
from speechkit.paths import DATA_DIR, ROOT  # noqa: E402

SENTENCE = re.compile(r"[^。！？]*[。！？]")
TAGS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def sentence_pool(variants: list[Variant]) -> list[str]:
    pool = []
    for variant in variants:
        for section in variant.all_sections():
            for block in section.blocks:
                if block.marker is None:
                    pool += [s for s in SENTENCE.findall(block.text) if len(s) > 8 and "讲" not in s[:6]]
    return pool


def mutate(sentence: str, rng: random.Random) -> str:
    """Swap about one character in four for a random ideograph, so no two variants share long runs."""
    parts = re.split(r"(【[^】]*】)", sentence)  # placeholders stay intact
    for p, part in enumerate(parts):
        if part.startswith("【"):
            continue
        chars = list(part)
        for i, ch in enumerate(chars):
            if "\u4e00" <= ch <= "\u9fa5" and rng.random() < 0.25:
                chars[i] = chr(rng.randint(0x4E00, 0x9FA5))
        parts[p] = "".join(chars)
    return "".join(parts)


def write_section(section: Section, rng: random.Random, pool: list[str], tag: str, out: list[str]) -> None:
    hashes = "##" if section.level == 1 else "###"
    role = f" <!-- role: {section.role} -->" if section.role else ""
    out += [f"{hashes} {section.title}{role}", ""]
    out += [f"> {note.kind}：{note.text}" for note in section.guide] + [""]
    for block in section.blocks:
        if block.marker is not None or section.is_opening:
            out += [block.text, ""]  # keep numbering and the opening's 讲X点意见 intact
        else:
            count = max(2, len(SENTENCE.findall(block.text)))
            out += [f"{tag}" + "".join(mutate(s, rng) for s in rng.sample(pool, min(count, len(pool)))), ""]
    for child in section.children:
        write_section(child, rng, pool, tag, out)


def synthesise(n: int, folder: Path, skeletons: list[Variant]) -> None:
    rng = random.Random(n)
    pool = sentence_pool(skeletons)
    for i in range(n):
        skeleton = skeletons[i % len(skeletons)]
        tag = "".join(rng.choice(TAGS) for _ in range(4))
        meta = dict(skeleton.meta, title=f"合成变体第{i + 1}篇", alternatives=None)
        lines = ["---"] + [f"{k}: {v}" for k, v in meta.items() if v is not None] + ["---", ""]
        for section in skeleton.sections:
            write_section(section, rng, pool, tag, lines)
        (folder / f"synthetic-{i:04d}.md").write_text("\n".join(lines), encoding="utf-8")


def project_with(folder: Path, n: int, skeletons: list[Variant]) -> Path:
    project = folder / f"project-{n}"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "data", "overrides", "scripts"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    speeches = project / "docs" / "speeches"
    for existing in speeches.glob("[!_]*.md"):
        if existing.name != "index.md":
            existing.unlink()
    synthesise(n, speeches, skeletons)
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--no-build", action="store_true", help="skip the full mkdocs build")
    parser.add_argument("--repeat", type=int, default=3, help="runs of check+extract per size (median reported)")
    args = parser.parse_args()

    skeletons = load_corpus().variants
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print(f"生成 {n} 篇合成变体……", file=sys.stderr)
            project = project_with(Path(tmp), n, skeletons)
            speeches = project / "docs" / "speeches"
            chars = sum(len(p.read_text(encoding="utf-8")) for p in speeches.glob("synthetic-*.md"))
            check_times, extract_times = [], []
            for _ in range(args.repeat):  # this machine's speed varies run to run: report the median
                start = time.perf_counter()
                corpus = load_corpus(speeches, DATA_DIR)
                checked = time.perf_counter()
                pages = generated_pages(corpus)
                extracted = time.perf_counter()
                check_times.append(checked - start)
                extract_times.append(extracted - checked)
            check, extract = statistics.median(check_times), statistics.median(extract_times)
            if corpus.errors:
                print("\n".join(map(str, corpus.errors[:5])), file=sys.stderr)
                print(f"合成变体未通过检查（{len(corpus.errors)} 个错误）", file=sys.stderr)
                return 1
            build = "—"
            if not args.no_build:
                print(f"构建 {n} 篇的网站……", file=sys.stderr)
                t0 = time.perf_counter()
                result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(project / "site")],
                                        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
                if result.returncode != 0:
                    print(result.stdout[-2000:] + result.stderr[-2000:], file=sys.stderr)
                    return 1
                build = f"{time.perf_counter() - t0:.1f} s"
            rows.append((n, chars, check, extract, check + extract, len(pages), build))
            shutil.rmtree(project)

    print(f"解析+检查、提取+生成页面：{args.repeat} 次的中位数；完整构建：1 次。")
    print()
    print("| 变体数 | 源文件字符 | 解析+检查 | 提取+生成页面 | 合计 | 生成页数 | 完整构建（strict） |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, chars, check, extract, total, pages, build in rows:
        print(f"| {n:,} | {chars:,} | {check:.2f} s | {extract:.2f} s | {total:.2f} s | {pages} | {build} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
