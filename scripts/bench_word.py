#!/usr/bin/env python3
"""Benchmark of issue 10's budgets, measured in Debian's headless Chromium on a fresh strict build:

- filling every placeholder of a template takes no more than one action per placeholder plus one
  (keyboard only: Enter on 填写占位符, then a value and Enter for each empty name);
- a filled .docx is made in the browser in under 1 s (fill + zip, and the whole click to file);
- our own CSS+JS loaded by a page stay within 20 KB gzipped; the zip library loads only when asked for;
- the .docx of each template is generated at build time (python-docx), per file.

Prints a Markdown table. Usage: python scripts/bench_word.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speechkit.base import ROOT  # noqa: E402
from speechkit.checking import load_corpus  # noqa: E402
from speechkit.outputs import speech_docx, word_files  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAZY = ("assets/vendor/fflate.js", "assets/javascripts/docx-fill.js")
PARTS = re.compile(r'data-speech-parts="([^"]*)"')
OURS = re.compile(r'(?:src|href)="([^"]*assets/(?:javascripts/speech|stylesheets/speech|javascripts/(?!bundle|lunr|workers)[^"/]+\.js|stylesheets/(?!main|palette)[^"/]+\.css)[^"]*)"')


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=900)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def own_assets(site: Path, page_html: str) -> list[Path]:
    """Our CSS and JS that a page loads by itself: what its HTML names and the parts its speech-kit.js
    loads (overrides/assets/javascripts/README.md); Material's bundle and our lazy files left out."""
    found = []
    for ref in OURS.findall(page_html):
        rel = re.sub(r"^(\.\./)+", "", ref.split("?")[0])
        if (site / rel).is_file() and rel not in LAZY:
            found.append(site / rel)
    for names in PARTS.findall(page_html):
        found += [site / "assets" / "javascripts" / f"{name}.js" for name in names.split()]
    return sorted(set(found))


def keyboard_fill(page, base: str, slug: str) -> tuple[int, int]:
    """(empty names, actions) to fill a template from the keyboard alone: Enter on 填写占位符, then for
    each empty name its value and Enter. Raises if that sequence leaves anything empty."""
    page.goto(f"{base}/speeches/{slug}/")
    page.evaluate("localStorage.clear()")
    page.reload()
    empty = int(re.search(r"未填 (\d+) 项", page.locator("[data-fill-open]").inner_text()).group(1))
    page.locator("[data-fill-open]").focus()
    page.keyboard.press("Enter")
    actions = 1
    for number in range(empty):
        page.keyboard.type(f"值{number}")
        page.keyboard.press("Enter")
        actions += 1
    left = page.locator(".speech .speech-text .ph:not(.ph--filled)").count()
    if left:
        raise SystemExit(f"{slug}: {left} placeholders still empty after {actions} actions")
    return empty, actions


def measure(repeat: int) -> list[tuple[str, str, str, str]]:
    from playwright.sync_api import sync_playwright

    corpus = load_corpus()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(locale="zh-CN", accept_downloads=True)
            page = context.new_page()
            for variant in corpus.variants:
                empty, actions = keyboard_fill(page, base, variant.slug)
                ok = "是" if actions <= empty + 1 else "否"
                rows.append((f"键盘填完全部占位符：{variant.title}", f"{empty} 项，{actions} 次操作", f"≤ {empty + 1} 次（每项一次，另加一次）", ok))

            slug = corpus.variants[0].slug
            requested = []
            page.on("request", lambda r: requested.append(r.url))
            page.goto(f"{base}/speeches/{slug}/")
            page.wait_for_load_state("networkidle")
            early = [u for u in requested if u.endswith(LAZY)]
            rows.append(("打开模板页时加载 zip 库", f"{len(early)} 个文件", "0（点下载时才加载）", "是" if not early else "否"))
            # timed in the page, from the click to the moment the file is handed to the browser to save
            page.evaluate("""() => {
                window.__timing = [];
                document.addEventListener("click", e => { if (e.target.matches("[data-speech-docx-filled]")) window.__timing.push(performance.now()); }, true);
                const click = HTMLAnchorElement.prototype.click;
                HTMLAnchorElement.prototype.click = function () {
                    if (this.download && this.href.startsWith("blob:")) window.__timing.push(performance.now());
                    return click.call(this);
                };
            }""")
            clicks = []
            for _ in range(repeat):
                with page.expect_download() as got:
                    page.locator("[data-speech-docx-filled]").click()
                got.value.path()
                start, end = page.evaluate("window.__timing.splice(0)")
                clicks.append(end - start)
            loaded = [u for u in requested if u.endswith(LAZY)]
            rows.append(("点下载后加载的文件", f"{len(set(loaded))} 个（各 {len(loaded) // max(1, len(set(loaded)))} 次）", "fflate.js、docx-fill.js 各一次", "是" if len(loaded) == 2 else "否"))
            fill_ms = page.evaluate(
                """async ([url, n]) => {
                    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer()), times = [];
                    for (let i = 0; i < n; i++) { const t = performance.now(); window.speechDocxFill.fill(bytes, [{ values: {本地: '岚川', 讲话人: '王志远'} }], '标题'); times.push(performance.now() - t); }
                    return times;
                }""",
                [f"{base}/downloads/{slug}.docx", repeat],
            )
            rows.append(("浏览器里生成已填写的 .docx（填写 + 压缩，中位数）", f"{statistics.median(fill_ms):.0f} ms", "< 1,000 ms", "是" if statistics.median(fill_ms) < 1000 else "否"))
            rows.append(("点“下载已填写的 Word”到交给浏览器保存：第一次（含加载 zip 库）", f"{clicks[0]:.0f} ms", "< 1,000 ms", "是" if clicks[0] < 1000 else "否"))
            rows.append((f"同上，之后 {repeat - 1} 次的中位数", f"{statistics.median(clicks[1:]):.0f} ms", "< 1,000 ms", "是" if statistics.median(clicks[1:]) < 1000 else "否"))
            browser.close()
        server.shutdown()

        for uri, label in ((f"speeches/{corpus.variants[0].slug}/index.html", "模板页"), ("compare/opening/index.html", "共性段落页"), ("index.html", "首页")):
            assets = own_assets(site, (site / uri).read_text(encoding="utf-8"))
            total = sum(gz(a) for a in assets)
            names = "、".join(a.name for a in assets)
            rows.append((f"{label}加载的我们自己的 CSS+JS（gzip）", f"{total / 1024:.1f} KB（{names}）", "≤ 20 KB", "是" if total <= 20 * 1024 else "否"))
        lazy = sum(gz(site / rel) for rel in LAZY)
        rows.append(("按需加载的 zip 库和填写脚本（gzip，不计入每页）", f"{lazy / 1024:.1f} KB", "只在下载时加载", "—"))

    per_file = []
    for variant in corpus.variants:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            speech_docx(variant, corpus.registry)
            times.append((time.perf_counter() - started) * 1000)
        per_file.append(statistics.median(times))
    rows.append((f"构建时生成 .docx（{len(per_file)} 篇，python-docx）", f"每篇 {statistics.median(per_file):.0f} ms，合计 {sum(per_file):.0f} ms", "—", "—"))
    started = time.perf_counter()
    files = word_files(corpus)
    rows.append((f"构建时生成全部 Word 文件（{len(files)} 个：每篇模板两种版式、每场会议每个层级一个）", f"{(time.perf_counter() - started) * 1000:.0f} ms", "—", "—"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = measure(max(2, args.repeat))
    print("| 指标 | 测得 | 目标 | 达标 |")
    print("|---|---:|---|:---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\n（{time.strftime('%Y-%m-%d')} 测得，`python scripts/bench_word.py`，Debian chromium 无头模式；计时取 {max(2, args.repeat)} 次。）")


if __name__ == "__main__":
    main()
