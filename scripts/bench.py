#!/usr/bin/env python3
"""Benchmark (`make bench`): one table, measured in one run.

Rows come from the functions marked @measure, in order; each gets the shared Bench and returns its
rows. To add a measurement, write one such function (see search_recall for a short example).
`--rows NAME…` (or --only; `make bench ROWS=…`) runs some of them, `--list` names them and runs nothing.
The rows `history`, `word` and `refusals` are the other benchmark scripts (bench_history.py, bench_word.py,
bench_refusals.py): each measures in one function, which its own main prints and a @measure here turns into rows.

Synthetic variants reuse the real templates' skeletons (sections, roles, guidance) with paragraphs
recombined from a shuffled pool of the real sentences, so they pass the checks and are not
near-duplicates of each other. Build times are given as wall-clock and CPU time of the build
process: the machine is shared (see the load average in the heading), so CPU time is the steadier
figure and the targets are judged on it. Lighthouse runs three times per page and preset against
the real site served with gzip (scripts/gzip_server.py); the table shows medians.

The `stock` row (issue 19) measures a template page beside the same speech on a stock Material page and
as bare HTML (scripts/bench_pages.py), interleaved, median of 5; `--only stock` runs it alone.

Usage: python scripts/bench.py [--sizes 10 100 1000] [--repeat 3] [--lighthouse-runs 3] [--no-lighthouse]
                               [--only NAME …] [--templates SLUG …] [--stock-runs 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from gzip_server import serve  # noqa: E402
from project_copy import copy_project  # noqa: E402
from speechkit.base import DATA_DIR, ROOT, at_level, count_chars  # noqa: E402
from speechkit.checking import load_corpus  # noqa: E402
from speechkit.outputs import generated_pages, page_texts, pages_with, right_pages  # noqa: E402
from speechkit.reading import Section, Variant, load_fixed_phrases, load_registry, variant_chars  # noqa: E402

SENTENCE = re.compile(r"[^。！？]*[。！？]")
COUNTED = re.compile(r"[一二三四五六七八九十两]+(?:点|项|个方面|条)")
TAGS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "phrase-search.js"
QUERIES = ROOT / "tests" / "fixtures" / "search_queries.yml"
RANKING = ROOT / "tests" / "fixtures" / "search_ranking.yml"
TEMPLATE_PAGE = "speeches/district-entry-mobilization/"
TIFA = load_registry(DATA_DIR)  # the registered 提法, so synthetic text never invents a dated one
BEFORE = {"index_bytes": 666_350, "pages": 20}  # Material's jieba index, measured before issue 11


# ---- the table ----

@dataclass
class Row:
    group: str
    item: str
    value: str
    target: str = ""
    met: bool | None = None


@dataclass
class Bench:
    args: argparse.Namespace
    tmp: Path
    skeletons: list[Variant]
    site: Path | None = None  # the real site, built by build_real_site
    url: str = ""  # the same, served with gzip
    shared: dict = field(default_factory=dict)


MEASURES: list[Callable[[Bench], list[Row]]] = []


def measure(fn: Callable[[Bench], list[Row]]) -> Callable[[Bench], list[Row]]:
    MEASURES.append(fn)
    return fn


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


# ---- building ----

def timed_build(project: Path, site: Path) -> tuple[float, float]:
    """A strict `mkdocs build` of `project` into `site`: (wall-clock s, CPU s of the build process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"构建失败（{project}）：\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def sentence_pool(variants: list[Variant]) -> list[str]:
    pool = []
    for variant in variants:
        for section in variant.all_sections():
            for block in section.blocks:
                if block.marker is None:
                    pool += [s for s in SENTENCE.findall(at_level(block.text)) if len(s) > 8 and "讲" not in s[:6]]
    return pool


def mutate(sentence: str, rng: random.Random) -> str:
    """Swap about one character in four for a random ideograph, so no two variants share long runs.
    A swap can turn a current 提法 into a registered dated one (脱贫攻坚成果 → 脱贫攻坚X果), which the
    checks would rightly refuse: such draws are made again."""
    before = TIFA.tifa_in(sentence)
    for _ in range(20):
        mutated = _swap_characters(sentence, rng)
        if TIFA.tifa_in(mutated) <= before:
            return mutated
    return sentence


# Placeholders, level marks and the standard wording of fixed formulations (data/fixed_phrases.yml:
# 习近平新时代中国特色社会主义思想 with a swapped 习 is a damaged formulation, which the checks refuse)
KEPT = re.compile("(【[^】]*】|\\{区\\}|" + "|".join(sorted((re.escape(p.standard) for p in load_fixed_phrases()), key=len, reverse=True)) + ")")


def _swap_characters(sentence: str, rng: random.Random) -> str:
    parts = KEPT.split(sentence)  # what must stay intact, between the parts that may change
    for p, part in enumerate(parts):
        if p % 2:  # a kept part (split's captured group)
            continue
        chars = list(part)
        for i, ch in enumerate(chars):
            if "\u4e00" <= ch <= "\u9fa5" and rng.random() < 0.25:
                chars[i] = chr(rng.randint(0x4E00, 0x9FA5))
        parts[p] = "".join(chars)
    return "".join(parts)


def write_section(section: Section, rng: random.Random, pool: list[str], tag: str, out: list[str], marking: bool = False,
                  spoken: list[str] | None = None) -> None:
    """`marking`: a 区（县）级 skeleton, whose text writes its own 区 as {区} (data/levels.yml), as the checks ask;
    `spoken` collects the paragraphs written (to measure the variant's length)."""
    spoken = [] if spoken is None else spoken
    hashes = "##" if section.level == 1 else "###"
    role = f" <!-- role: {section.role} -->" if section.role else ""
    out += [f"{hashes} {section.title}{role}", ""]
    out += [f"> {note.kind}：{note.text}" for note in section.guide] + [""]
    for block in section.blocks:
        if section.is_opening:  # keep the sentence that promises 讲X点意见 / X项议程 intact
            text = "".join(s if COUNTED.search(s) else mutate(s, rng) for s in SENTENCE.findall(block.text) or [block.text])
        elif block.marker is not None:  # keep the numbering, vary the rest
            raw = block.marker.raw if block.text.startswith(block.marker.raw) else ""
            text = raw + mutate(block.text[len(raw):], rng)
        else:
            count = max(2, len(SENTENCE.findall(block.text)))
            text = tag + "".join(mutate(s, rng) for s in rng.sample(pool, min(count, len(pool))))
        text = TIFA.levels.mark(text) if marking else at_level(text)
        out.append(text)
        spoken.append(text)
        for note in block.notes:  # keep the annotations: pages at scale carry their notes too
            if note.anchor and note.anchor in text:
                out.append(f"> {note.kind}「{note.anchor}」：{note.text}")
            else:
                out.append(f"> 注：{note.text}")
        out.append("")
    for child in section.children:
        write_section(child, rng, pool, tag, out, marking, spoken)


def synthesise(n: int, folder: Path, skeletons: list[Variant]) -> None:
    rng = random.Random(n)
    pool = sentence_pool(skeletons)
    for i in range(n):
        skeleton = skeletons[i % len(skeletons)]
        tag = "".join(rng.choice(TAGS) for _ in range(4))
        meta = dict(skeleton.meta, title=f"合成变体第{i + 1}篇", alternatives=None)
        lines = ["---"] + [f"{k}: {v}" for k, v in meta.items() if v is not None] + ["---", ""]
        marking = skeleton.meta.get("level") == TIFA.levels.applies_to
        # the length the checks count, less the paragraphs this writes anew (headings stay the skeleton's)
        fixed = variant_chars(skeleton, TIFA) - sum(count_chars(b.text) for section in skeleton.all_sections() for b in section.blocks)
        low, high = TIFA.speakers[skeleton.meta["speaker"]].chars
        for _attempt in range(20):  # again, rarely, when the sentences drawn put it outside its speaker's range (a warning fails the strict build)
            body: list[str] = []
            spoken: list[str] = []
            for section in skeleton.sections:
                write_section(section, rng, pool, tag, body, marking, spoken)
            if 1.02 * low <= fixed + sum(map(count_chars, spoken)) <= 0.98 * high:
                break
        (folder / f"synthetic-{i:04d}.md").write_text("\n".join(lines + body), encoding="utf-8")


def synthetic_project(folder: Path, n: int, skeletons: list[Variant]) -> Path:
    project = copy_project(folder / f"project-{n}")
    speeches = project / "docs" / "speeches"
    for existing in speeches.glob("[!_]*.md"):
        if existing.name != "index.md":
            existing.unlink()
    synthesise(n, speeches, skeletons)
    return project


# ---- measurements, in table order ----

@measure
def build_real_site(b: Bench) -> list[Row]:
    """The real site: a cold build (fresh copy, no bytecode cache), then warm rebuilds."""
    project = copy_project(b.tmp / "real")
    site = b.tmp / "real-site"
    cold_wall, cold_cpu = timed_build(project, site)
    warm = [timed_build(project, site) for _ in range(b.args.repeat)]
    warm_wall = statistics.median(w for w, _ in warm)
    warm_cpu = statistics.median(c for _, c in warm)
    b.site = site
    return [
        Row("构建（真实网站）", "冷构建（新副本，无字节码缓存）", f"{cold_wall:.1f} s（CPU {cold_cpu:.1f} s）"),
        Row("构建（真实网站）", f"热构建（{b.args.repeat} 次中位数）", f"{warm_wall:.1f} s（CPU {warm_cpu:.1f} s）", "≤ 3 s", warm_cpu <= 3),
    ]


def real_site(b: Bench) -> Path:
    """The real site: built by build_real_site, or once here when that row is not run."""
    if b.site is None:
        b.site = b.tmp / "real-site"
        timed_build(copy_project(b.tmp / "real"), b.site)
    return b.site


@measure
def build_synthetic(b: Bench) -> list[Row]:
    rows, per_page = [], {}
    for n in b.args.sizes:
        print(f"生成并构建 {n} 篇合成变体……", file=sys.stderr)
        project = synthetic_project(b.tmp, n, b.skeletons)
        speeches = project / "docs" / "speeches"
        check_times, extract_times = [], []
        for _ in range(b.args.repeat):
            start = time.process_time()
            corpus = load_corpus(speeches, DATA_DIR)
            checked = time.process_time()
            generated_pages(corpus)
            check_times.append(checked - start)
            extract_times.append(time.process_time() - checked)
        if corpus.errors:
            sys.exit("合成变体未通过检查：\n" + "\n".join(map(str, corpus.errors[:5])))
        wall, cpu = timed_build(project, project / "site")
        pages = html_pages(project / "site")
        per_page[n] = statistics.mean(p.stat().st_size for p in pages)
        check, extract = statistics.median(check_times), statistics.median(extract_times)
        target = "≤ 60 s" if n == 1000 else ""
        rows += [
            Row(f"构建（{n:,} 篇合成变体）", "解析+检查 / 提取+生成页面（CPU，中位数）", f"{check:.2f} s / {extract:.2f} s",
                "合计 ≤ 10 s" if n == 1000 else "", (check + extract) <= 10 if n == 1000 else None),
            Row(f"构建（{n:,} 篇合成变体）", "完整构建（strict）", f"{wall:.1f} s（CPU {cpu:.1f} s）", target, cpu <= 60 if target else None),
            Row(f"构建（{n:,} 篇合成变体）", "页数，平均每页 HTML", f"{len(pages):,} 页，{kb(per_page[n])}"),
        ]
        shutil.rmtree(project)
    if len(per_page) > 1:
        small, large = min(per_page), max(per_page)
        ratio = per_page[large] / per_page[small]
        rows.append(Row("构建（规模）", f"平均每页 HTML：{large:,} 篇 / {small:,} 篇", f"{ratio:.2f} 倍", "≤ 1.5 倍", ratio <= 1.5))
    return rows


@measure
def site_size(b: Bench) -> list[Row]:
    real_site(b)
    files = [p for p in b.site.rglob("*") if p.is_file()]
    maps = [p for p in files if p.suffix == ".map"]
    pages = html_pages(b.site)
    total = sum(p.stat().st_size for p in files)
    return [
        Row("网站（真实）", "文件总大小（不含 .map）", f"{kb(total - sum(p.stat().st_size for p in maps))}，{len(files) - len(maps)} 个文件"),
        Row("网站（真实）", "页数，平均每页 HTML", f"{len(pages)} 页，{kb(statistics.mean(p.stat().st_size for p in pages))}"),
    ]


def _assets(page: str, kind: str) -> tuple[list[str], list[str]]:
    """(ours, Material's) CSS or JS files that `page` loads."""
    pattern = r'<link rel="stylesheet" href="([^"]+)"' if kind == "css" else r'<script src="([^"]+)"'
    urls = [u.split("?")[0].removeprefix("../").removeprefix("../") for u in re.findall(pattern, page)]
    urls = [re.sub(r"^(\.\./)+", "", u) for u in urls]
    ours = [u for u in urls if not re.search(r"\.[0-9a-f]{8}\.min\.", u)]
    theirs = [u for u in urls if u not in ours]
    if kind == "js":  # and the parts our speech-kit.js loads (overrides/assets/javascripts/README.md)
        ours += [f"assets/javascripts/{name}.js" for names in re.findall(r'data-speech-parts="([^"]*)"', page) for name in names.split()]
    return list(dict.fromkeys(ours)), theirs  # a part is named there and has a <script> of its own


@measure
def template_page_weight(b: Bench) -> list[Row]:
    real_site(b)
    html = (b.site / TEMPLATE_PAGE / "index.html").read_bytes()
    text = html.decode("utf-8")
    sizes = {}
    for kind in ("css", "js"):
        ours, theirs = _assets(text, kind)
        sizes[kind] = (sum(gz((b.site / u).read_bytes()) for u in ours), sum(gz((b.site / u).read_bytes()) for u in theirs))
    own = sizes["css"][0] + sizes["js"][0]
    nodes = len(re.findall(r"<[a-zA-Z]", text))
    return [
        Row("模板页（gzip）", "HTML", f"{kb(gz(html))}（{kb(len(html))} 未压缩，约 {nodes:,} 个元素）"),
        Row("模板页（gzip）", "CSS：我们的 / Material 的", f"{kb(sizes['css'][0])} / {kb(sizes['css'][1])}"),
        Row("模板页（gzip）", "JS：我们的 / Material 的", f"{kb(sizes['js'][0])} / {kb(sizes['js'][1])}"),
        Row("模板页（gzip）", "我们的 CSS+JS 合计", kb(own), "≤ 20 KB", own <= 20 * 1024),
    ]


LEVEL_RUNS = 9  # switches timed per run of the benchmark (区 → 县 → 市 → 旗 → 区 …)


@measure
def level_switch(b: Bench) -> list[Row]:
    """Issue 17 §3: 区/县/市/旗 on the longest template that marks its 区, in Chromium with the CPU slowed
    4× (as Lighthouse's phone): a switch is the click's own work (level-switch.js rewriting every {区}
    and the refresh of the page's parts) plus the style and layout it causes; the first click also
    loads level-switch.js, and is shown apart."""
    from playwright.sync_api import sync_playwright

    longest = max((v for v in b.skeletons if v.has_level_marks), key=lambda v: len(v.spoken_text))
    server, url = serve(b.site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{url}speeches/{longest.slug}/")
            page.wait_for_load_state("networkidle")
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            first = page.evaluate("""() => new Promise(done => {
                const spans = document.querySelectorAll('[data-lv]'), last = spans[spans.length - 1];
                const start = performance.now();
                new MutationObserver(() => { document.body.offsetHeight; done(performance.now() - start); })
                    .observe(last, { childList: true, characterData: true, subtree: true });
                document.querySelector('.speech-level [data-level="县"]').click();
            })""")
            times = page.evaluate("""(runs) => {
                const buttons = [...document.querySelectorAll('.speech-level [data-level]')], out = [];
                for (let i = 0; i < runs; i++) {
                    const start = performance.now();
                    speechKit.chooseLevel(buttons[(i + 2) % buttons.length]);
                    document.body.offsetHeight;  // the layout the rewrite causes
                    out.push(performance.now() - start);
                }
                return out;
            }""", LEVEL_RUNS)
            marks = page.locator("[data-lv]").count()
            browser.close()
    finally:
        server.shutdown()
    median = statistics.median(times)
    return [Row("模板页（脚本）", f"区/县/市/旗 切换，最长的模板（{longest.slug}，{marks} 处 {{区}}，CPU 降速 4 倍，{LEVEL_RUNS} 次中位数）",
                f"{median:.1f} ms（最多 {max(times):.1f} ms；第一次含加载 level-switch.js {first:.0f} ms）", "≤ 50 ms", median <= 50)]


@measure
def search_index(b: Bench) -> list[Row]:
    real_site(b)
    data = (b.site / "search" / "phrase_index.json").read_bytes()
    on_load = (b.site / "search" / "search_index.json").read_bytes()  # what Material fetches on every page
    pages = len(html_pages(b.site))
    per_page, before = len(data) / pages, BEFORE["index_bytes"] / BEFORE["pages"]
    return [
        Row("搜索", "索引大小（gzip），第一次搜索时才加载", f"{kb(len(data))}（{kb(gz(data))}），每页 {kb(per_page)}",
            f"每页 ≤ 2 × {kb(before)}", per_page <= 2 * before),
        Row("搜索", "每次打开页面时加载的索引（gzip）", f"{kb(len(on_load))}（{kb(gz(on_load))}）"),
    ]


def _run_worker(site: Path, queries: list[str]) -> dict[str, list[str]]:
    """Our worker (run in node) on the real index: each query's pages, in order, after the first line."""
    script = (
        "const w=require(process.argv[1]);const fs=require('fs');"
        "w.setup(JSON.parse(fs.readFileSync(process.argv[2],'utf8')));"
        "const out={};for(const q of JSON.parse(fs.readFileSync(0,'utf8')))"
        "out[q]=w.search(q).items.slice(1).map(g=>'/'+g[0].location.split('#')[0]);"
        "process.stdout.write(JSON.stringify(out));"
    )
    result = subprocess.run(["node", "-e", script, str(WORKER), str(site / "search" / "phrase_index.json")],
                            input=json.dumps(queries), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@measure
def search_recall(b: Bench) -> list[Row]:
    """Our worker on the real index, against the pages that hold each query."""
    import yaml

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    found = _run_worker(b.site, queries)
    texts = page_texts(b.site)
    expected = sum(len(pages_with(texts, q)) for q in queries)
    hits = sum(len(pages_with(texts, q) & set(found[q])) for q in queries)
    recall = hits / expected if expected else 0
    return [Row("搜索", f"召回率（{len(queries)} 个查询，{expected} 个应找到的页面）", f"{recall:.0%}（找到 {hits} 个）", "100%", recall == 1)]


@measure
def search_ranking(b: Bench) -> list[Row]:
    """The everyday queries (tests/fixtures/search_ranking.yml): is the right page first, in the first three."""
    import yaml

    cases = yaml.safe_load(RANKING.read_text(encoding="utf-8"))["queries"]
    found = _run_worker(b.site, [c["query"] for c in cases])
    variants = load_corpus().variants
    first = sum(bool(found[c["query"]]) and found[c["query"]][0] in right_pages(c["first"], variants) for c in cases)
    three = sum(bool(set(found[c["query"]][:3]) & right_pages(c["first"], variants)) for c in cases)
    return [
        Row("搜索", f"日常查询（{len(cases)} 个）：第一个结果就对", f"{first / len(cases):.0%}（{first} 个）", "≥ 90%", first >= 0.9 * len(cases)),
        Row("搜索", f"日常查询（{len(cases)} 个）：前三个结果里有", f"{three / len(cases):.0%}（{three} 个）", "100%", three == len(cases)),
    ]


SEARCH_TIMES = """async ({ queries, runs }) => {
  const times = {};
  for (const q of queries) {
    const each = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      module.exports.search(q);
      each.push(performance.now() - start);
    }
    each.sort((a, b) => a - b);
    times[q] = each[Math.floor(runs / 2)];
  }
  return times;
}"""


@measure
def search_speed(b: Bench) -> list[Row]:
    """In Chromium, the CPU slowed 4× (DevTools' throttling): the time our worker's search takes per query
    (its code on a blank page's thread, the median of 5 runs per query), after it has read the index;
    and what opening a template page loads of the index (nothing: the worker fetches it at the first query)."""
    import yaml
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():  # `make bench` installs it; a quick run without it still prints the table
        return [Row("搜索", "每次查询的时间（CPU 减速 4 倍）", f"未测：没有 {CHROMIUM}（make system-deps 安装）")]
    queries = [c["query"] for c in yaml.safe_load(RANKING.read_text(encoding="utf-8"))["queries"]]
    queries += yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    index = json.loads((b.site / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    server, url = serve(b.site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            loaded = []
            page.on("response", lambda r: loaded.append((r.url, len(r.body()) if "/search/" in r.url else 0)))
            page.goto(url + TEMPLATE_PAGE)
            page.wait_for_load_state("networkidle")
            on_load = sum(size for address, size in loaded if "phrase_index" in address)
            docs = json.loads((b.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

            page = browser.new_page()  # a blank page: no policy, nothing else running
            page.evaluate("window.module = { exports: {} }")
            page.add_script_tag(content=WORKER.read_text(encoding="utf-8"))
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            setup = page.evaluate("index => { const t = performance.now(); module.exports.setup(index); return performance.now() - t; }", index)
            times = page.evaluate(SEARCH_TIMES, {"queries": queries, "runs": 5})
            browser.close()
    finally:
        server.shutdown()
    ordered = sorted(times.values())
    median, p90, slowest = statistics.median(ordered), ordered[int(0.9 * (len(ordered) - 1))], ordered[-1]
    worst = max(times, key=times.get)
    return [
        Row("搜索", f"每次查询的时间（CPU 减速 4 倍，{len(queries)} 个查询）", f"中位数 {median:.0f} ms，90% 的查询 ≤ {p90:.0f} ms，最慢 {slowest:.0f} ms（{worst}）",
            "≤ 50 ms", p90 <= 50),
        Row("搜索", "第一次搜索时读入索引（CPU 减速 4 倍，不含下载）", f"{setup:.0f} ms"),
        Row("搜索", "打开模板页时加载的搜索索引", f"{on_load} B（search_index.json 里 {len(docs)} 篇）", "0", on_load == 0 and not docs),
    ]


# ---- the other benchmark scripts, each a row here (each script also runs alone and prints its own table) ----

SITE_FREE = {"history", "word", "refusals"}  # rows that need no real site built first (word builds its own without one)


def _wall_cpu(times: tuple[float, float]) -> str:
    return f"{times[0]:.2f} s（CPU {times[1]:.2f} s）"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a fixture's name must not split the Markdown row


@measure
def history(b: Bench) -> list[Row]:
    """The 更新记录 read from git history (scripts/bench_history.py), for repositories of --sizes variants."""
    from bench_history import history_runs

    rows = []
    for run in history_runs(b.args.sizes):
        group = f"修改历史（{run.variants:,} 篇变体，{run.commits:,} 次提交）"
        rows += [
            Row(group, "读历史：无缓存（首次构建；CPU 含 git 进程）", _wall_cpu(run.cold)),
            Row(group, "读历史：有缓存（之后每次构建）", _wall_cpu(run.warm)),
            Row(group, "生成更新记录页和各页的最近更新", _wall_cpu(run.render)),
            Row(group, "修改条数，缓存大小", f"{run.changes:,} 条，{kb(run.cache_bytes)}"),
        ]
    return rows


@measure
def word(b: Bench) -> list[Row]:
    """Filling from the keyboard and the filled Word download in Chromium, each page's own CSS+JS, and the
    Word files made at build time (scripts/bench_word.py), on the real site when this run built it."""
    from bench_word import word_rows

    return [Row("填写与 Word 下载", r.item, r.value, r.target, r.met) for r in word_rows(max(2, b.args.repeat), b.site)]


@measure
def refusals(b: Bench) -> list[Row]:
    """Time and memory of `make check` and the build refusing each bad file and hostile input
    (scripts/bench_refusals.py): the slowest and the largest run of each set, against its limits."""
    from bench_refusals import refusal_runs

    rows = []
    for got in refusal_runs():
        group, wrong = f"拒收：{got.title}", got.wrong()
        slow, large = got.slowest(), got.largest()
        rows += [
            Row(group, f"{got.inputs} 个输入，{len(got.runs)} 次运行：应拒收的都拒收", _cell("全部如此" if not wrong else "不对：" + "、".join(wrong)),
                "全部如此", not wrong),
            Row(group, "最慢的一次（墙钟）", _cell(f"{slow.seconds:.2f} s（CPU {slow.cpu:.2f} s；{slow.input}，{slow.command}）"),
                f"< {got.limit_seconds:.0f} s", got.fast_enough()),
            Row(group, "内存最多的一次（峰值常驻）", _cell(f"{large.mb:.0f} MB（{large.input}，{large.command}）"),
                f"< {got.limit_mb:.0f} MB", got.small_enough()),
        ]
    return rows


def list_measures(only: list[str] | None) -> int:
    """--list: the measurements this run would make, one name a line, in table order; nothing is run."""
    for fn in MEASURES:
        hidden = only and fn.__name__ not in only  # build_real_site, run only for the site the others read
        print(f"{fn.__name__}（只为其他行构建真实网站，不列入表）" if hidden else fn.__name__)
    return 0


def _lighthouse(url: str, desktop: bool) -> dict:
    flags = " ".join(CHROMIUM_ARGS + ["--headless=new"])
    cmd = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
           "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={flags}"]
    if desktop:
        cmd.append("--preset=desktop")
    result = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"Lighthouse 运行失败：{result.stderr[-1500:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        **{key: round(cat["score"] * 100) for key, cat in report["categories"].items()},
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "requests": len(requests),
        "dom": audits["dom-size"].get("numericValue", 0),
        "urls": [r["url"] for r in requests],
    }


LCP_OBSERVER = """window.__lcp = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__lcp.push(e); })
  .observe({type: "largest-contentful-paint", buffered: true});"""


def lcp_element(url: str) -> str:
    """The page's LCP element in Chromium at Lighthouse's mobile size, and when it was painted.
    (Lighthouse 12.2.3's own LCP-element audit fails on Debian's Chromium 156.)"""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True).new_page()
        page.add_init_script(LCP_OBSERVER)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1000)
        found = page.evaluate("""() => { const e = window.__lcp.at(-1); if (!e) return "";
            const n = e.element, name = n ? n.tagName.toLowerCase() + (n.className ? "." + n.className.trim().split(/\\s+/).join(".") : "") : "（已移除）";
            return name + "「" + (n ? n.textContent.trim().slice(0, 16) : "") + "…」，" + Math.round(e.startTime) + " ms"; }""")
        browser.close()
    return found


DRAFT_PAGE_JS = ("draft-check-page.js", "draft-check-rules.js", "draft-check-data.js")  # what the 检查讲话稿 page loads on opening
DRAFT_LAZY_JS = ("javascripts/draft-check-files.js", "javascripts/draft-check-docx.js", "vendor/fflate.js")  # on 打开文件 / 下载 Word
DRAFT_CHARS = 10_000


@measure
def draft_checker(b: Bench) -> list[Row]:
    """The 检查讲话稿 page (issue 18): its own JS, a 10,000-character draft checked in Chromium with the
    CPU throttled 4× (the page's check and the rendering of its findings), and the conformance corpus
    run through the page's checker against make lint's (checking/draft.py), finding for finding."""
    sys.path.insert(0, str(ROOT / "tests"))
    from draft_corpus import AS_OF, drafts, python_findings, rulebook
    from playwright.sync_api import sync_playwright
    from speechkit.checking import check_draft, comparable

    site = real_site(b)
    assets = site / "assets"
    own = sum(gz((assets / "javascripts" / name).read_bytes()) for name in DRAFT_PAGE_JS)
    lazy = sum(gz((assets / name).read_bytes()) for name in DRAFT_LAZY_JS)
    book = rulebook()
    corpus = {path.name: python_findings(path, book) for path in drafts()}
    lines = [line for result in corpus.values() for line in result.lines if line.strip()]
    draft, i = [], 0
    while sum(map(len, draft)) < DRAFT_CHARS:
        draft.append(lines[i % len(lines)])
        i += 1
    text = "\n".join(draft)[:DRAFT_CHARS]
    started = time.perf_counter()
    for _ in range(b.args.repeat):
        check_draft(text, book, AS_OF)
    python_ms = (time.perf_counter() - started) / b.args.repeat * 1000
    server, url = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.clock.set_fixed_time(f"{AS_OF.isoformat()}T10:00:00")
            page.goto(f"{url}check/")
            page.wait_for_selector(".draft-check.is-ready")
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            times = []
            for run in range(max(5, b.args.repeat)):
                page.evaluate("t => { const box = document.getElementById('draft-text'); box.value = t; }", text + "\n" * (run % 2))
                times.append(page.evaluate("""() => new Promise(done => {
                  const mount = document.querySelector('[data-draft-check]');
                  mount.addEventListener('draft-checked', () => requestAnimationFrame(() => done(+mount.dataset.checkedMs)), {once: true});
                  document.getElementById('draft-text').dispatchEvent(new Event('input'));
                })"""))
            findings = page.eval_on_selector_all(".draft-check__finding", "els => els.length")
            same = page.evaluate("""([texts, today]) => { const engine = draftCheck.load(draftCheckRules);
              return Object.fromEntries(Object.entries(texts).map(([name, t]) => [name, engine.check(t, today).findings.map(f =>
                [f.line, f.kind, f.severity, f.message, f.why, f.fix, f.replacement, f.safe])])); }""",
                                 [{name: "\n".join(r.lines) for name, r in corpus.items()}, AS_OF.isoformat()])
            browser.close()
    finally:
        server.shutdown()
    agree = sum(1 for name, r in corpus.items() if [list(comparable(f)) for f in r.findings] == same[name])
    total = sum(len(r.findings) for r in corpus.values())
    check_ms = statistics.median(times)
    return [
        Row("检查讲话稿", "打开页面时加载的我们自己的 JS（gzip）", f"{kb(own)}（{'、'.join(DRAFT_PAGE_JS)}）", "≤ 30 KB，只在这一页加载", own <= 30 * 1024),
        Row("检查讲话稿", "按需加载：打开文件、下载 Word 时（gzip）", f"{kb(lazy)}（{'、'.join(n.split('/')[-1] for n in DRAFT_LAZY_JS)}）"),
        Row("检查讲话稿", f"{DRAFT_CHARS:,} 字的讲话稿：检查并列出意见，CPU 4 倍节流（中位数）", f"{check_ms:.0f} ms（{findings} 条意见）", "≤ 200 ms", check_ms <= 200),
        Row("检查讲话稿", f"同一篇在 Python 里（make lint，{b.args.repeat} 次平均）", f"{python_ms:.0f} ms"),
        Row("检查讲话稿", "一致性语料：浏览器与 make lint 的意见逐条相同", f"{agree}/{len(corpus)} 篇，{total} 条", "全部相同", agree == len(corpus)),
    ]


@measure
def lighthouse(b: Bench) -> list[Row]:
    if b.args.no_lighthouse:
        return []
    if not LIGHTHOUSE.exists():
        sys.exit("没有找到 Lighthouse：先运行 make test（或 npm ci）安装 npm 包。")
    server, b.url = serve(real_site(b))
    role = next(p.parent.name for p in sorted((b.site / "compare").glob("*/index.html")) if p.parent.name not in ("matrix", "placeholders", "tifa"))
    pages = {"首页": "", "模板页": TEMPLATE_PAGE, "共性段落页": f"compare/{role}/"}
    rows = []
    try:
        for name, path in pages.items():
            for desktop in (False, True):
                print(f"Lighthouse：{name}（{'桌面' if desktop else '手机'}）……", file=sys.stderr)
                runs = [_lighthouse(b.url + path, desktop) for _ in range(b.args.lighthouse_runs)]
                m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                met = (m["performance"] >= 95 and m["accessibility"] == m["best-practices"] == m["seo"] == 100
                       and (desktop or m["tbt"] <= 150))
                rows.append(Row(
                    "Lighthouse 12（gzip）", f"{name}，{'桌面' if desktop else '手机'}",
                    f"性能 {m['performance']:.0f} · 无障碍 {m['accessibility']:.0f} · 最佳做法 {m['best-practices']:.0f} · "
                    f"SEO {m['seo']:.0f} · TBT {m['tbt']:.0f} ms · LCP {m['lcp']:.1f} s · CLS {m['cls']:.3f} · 请求 {m['requests']:.0f}",
                    "性能 ≥ 95，其余 100" + ("" if desktop else "，TBT ≤ 150 ms"), met,
                ))
    finally:
        server.shutdown()
    return rows


def _bench_templates(b: Bench) -> list[Variant]:
    """The templates the comparison measures: those asked for, else the largest template and the
    largest 主持词 (by the size of their built page), as the budgets of issue 19 name them."""
    corpus = load_corpus()
    by_slug = {v.slug: v for v in corpus.variants}
    if b.args.templates:
        unknown = [slug for slug in b.args.templates if slug not in by_slug]
        if unknown:
            sys.exit(f"没有这些模板：{'、'.join(unknown)}（写 docs/speeches/ 下的文件名，不带 .md）")
        return [by_slug[slug] for slug in b.args.templates]
    size = {v.slug: (real_site(b) / "speeches" / v.slug / "index.html").stat().st_size for v in corpus.variants if not v.is_draft}
    agenda = {v.slug for v in corpus.variants if getattr(corpus.registry.speakers.get(v.meta.get("speaker")), "is_agenda", False)}
    largest = max(size, key=size.get)
    chair = max((slug for slug in size if slug in agenda), key=size.get, default=None)
    return [by_slug[slug] for slug in dict.fromkeys([largest, chair]) if slug]


def _own_assets_gzip(urls: list[str], base: str, site: Path) -> int:
    """Gzipped bytes of our own CSS and JS among the page's requests (Material's hashed files left out)."""
    total = 0
    for url in urls:
        path = url.split("?")[0].removeprefix(base)
        if url.startswith(base) and path.endswith((".css", ".js")) and not re.search(r"\.[0-9a-f]{8}\.min\.", path):
            total += gz((site / path).read_bytes())
    return total


def _spread(values: list[float], fmt: str) -> str:
    return f"{fmt.format(statistics.median(values))}（{fmt.format(min(values))}–{fmt.format(max(values))}）"


@measure
def stock(b: Bench) -> list[Row]:
    """Issue 19's table: a template page beside the same speech on a stock Material page and as bare
    HTML, in one run, interleaved (each round rotates the order), median of --stock-runs."""
    if b.args.no_lighthouse:
        return []
    if not LIGHTHOUSE.exists():
        sys.exit("没有找到 Lighthouse：先运行 make test（或 npm ci）安装 npm 包。")
    from bench_pages import bare_html_site, stock_material_site

    site = real_site(b)
    kinds = ("我们的模板页", "标准 Material，同一讲话", "纯 HTML，同一讲话")
    pages, servers = {}, []
    for variant in _bench_templates(b):
        sites = (site, stock_material_site(variant, b.tmp), bare_html_site(variant, b.tmp))
        for kind, root in zip(kinds, sites):
            server, url = serve(root)
            servers.append(server)
            pages[variant.title, kind] = (url, url + (f"speeches/{variant.slug}/" if root is site else ""))
    runs: dict[tuple[str, str], list[dict]] = {key: [] for key in pages}
    load = os.getloadavg()[0]
    try:
        for n in range(b.args.stock_runs):
            for title in dict.fromkeys(t for t, _ in pages):
                for kind in kinds[n % 3:] + kinds[:n % 3]:
                    print(f"Lighthouse（对照，第 {n + 1}/{b.args.stock_runs} 轮）：{title}，{kind}……", file=sys.stderr)
                    runs[title, kind].append(_lighthouse(pages[title, kind][1], desktop=False))
        load = f"{load:.1f} / {os.getloadavg()[0]:.1f}"
        return [Row("对照（手机，gzip）", "负载：开始 / 结束（1 分钟平均，2 核）", load)] + _stock_rows(pages, runs, kinds, site)
    finally:
        for server in servers:
            server.shutdown()


def _stock_rows(pages: dict, runs: dict, kinds: tuple[str, ...], site: Path) -> list[Row]:
    rows = []
    for title in dict.fromkeys(t for t, _ in pages):
        med = {kind: {k: statistics.median(r[k] for r in runs[title, kind]) for k in ("performance", "tbt", "lcp", "dom")} for kind in kinds}
        for kind in kinds:
            got = runs[title, kind]
            value = (f"性能 {_spread([r['performance'] for r in got], '{:.0f}')} · TBT {_spread([r['tbt'] for r in got], '{:.0f}')} ms · "
                     f"LCP {_spread([r['lcp'] for r in got], '{:.2f}')} s · 加载时 DOM {med[kind]['dom']:.0f} 个元素")
            rows.append(Row(f"对照：{title}（手机，gzip）", kind, value))
        ours, base = runs[title, kinds[0]], med[kinds[1]]
        own = statistics.median(_own_assets_gzip(r["urls"], pages[title, kinds[0]][0], site) for r in ours)
        m = med[kinds[0]]
        other = {k: statistics.median(r[k] for r in ours) for k in ("accessibility", "best-practices", "seo")}
        rows += [
            Row(f"对照：{title}（手机，gzip）", "我们的页面：性能 / TBT / LCP 对标准 Material",
                f"{m['performance']:.0f} / {base['performance']:.0f}，{m['tbt']:.0f} / {base['tbt']:.0f} ms，{m['lcp']:.2f} / {base['lcp']:.2f} s",
                "性能 ≥ 标准页，TBT、LCP ≤ 1.1 倍",
                m["performance"] >= base["performance"] and m["tbt"] <= 1.1 * base["tbt"] and m["lcp"] <= 1.1 * base["lcp"]),
            Row(f"对照：{title}（手机，gzip）", "我们的页面：加载时 DOM 元素", f"{m['dom']:.0f}", "≤ 450", m["dom"] <= 450),
            Row(f"对照：{title}（手机，gzip）", "我们的页面：我们的 CSS+JS（gzip）", kb(own), "≤ 20 KB", own <= 20 * 1024),
            Row(f"对照：{title}（手机，gzip）", "我们的页面：无障碍 / 最佳做法 / SEO",
                " / ".join(f"{other[k]:.0f}" for k in other), "100", all(v == 100 for v in other.values())),
        ]
        lcp = {kind: lcp_element(pages[title, kind][1]) for kind in kinds[:2]}
        rows.append(Row(f"对照：{title}（手机，gzip）", "LCP 元素（Chromium 实测，未限速）：我们的 / 标准 Material",
                        " / ".join(lcp[kind].replace("|", "\\|") for kind in kinds[:2])))
    return rows


# ---- run ----

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the cheap measurements (median reported)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and preset (median)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--stock-runs", type=int, default=5, help="rounds of the comparison with stock Material (median)")
    parser.add_argument("--templates", nargs="+", metavar="SLUG", help="templates the comparison measures (default: the largest and the largest 主持词)")
    parser.add_argument("--only", "--rows", nargs="+", metavar="NAME",
                        help="only these measurements (function names, e.g. search_ranking history; commas separate too); "
                             "the real site is built first unless all of them are in SITE_FREE")
    parser.add_argument("--list", action="store_true", help="print the measurements that would run, one a line, and stop")
    args = parser.parse_args()
    if args.only:
        args.only = [name for names in args.only for name in names.split(",") if name]
        unknown = set(args.only) - {fn.__name__ for fn in MEASURES}
        if unknown:
            parser.error(f"没有这项测量：{'、'.join(sorted(unknown))}。可选：{'、'.join(fn.__name__ for fn in MEASURES)}")
        MEASURES[:] = [fn for fn in MEASURES if (fn is build_real_site and not SITE_FREE.issuperset(args.only)) or fn.__name__ in args.only]

    if args.list:
        return list_measures(args.only)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(args=args, tmp=Path(tmp), skeletons=load_corpus().variants)
        rows = []
        for fn in MEASURES:
            if args.only and fn.__name__ not in args.only:  # build_real_site, only for the site the other rows read
                real_site(bench)  # one untimed build
            else:
                rows += fn(bench)
    cpus = os.cpu_count()
    print(f"{dt.date.today().isoformat()}，{platform.machine()}，{cpus} 核，Python {platform.python_version()}，"
          f"开始时负载 {load:.1f}；Lighthouse 每项 {args.lighthouse_runs} 次取中位数，构建按 CPU 时间判定。")
    print()
    print("| 类别 | 项目 | 测得 | 目标 | 达标 |")
    print("|---|---|---|---|:---:|")
    for r in rows:
        met = "" if r.met is None else ("✓" if r.met else "✗")
        print(f"| {r.group} | {r.item} | {r.value} | {r.target} | {met} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
