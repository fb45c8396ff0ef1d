"""A Content-Security-Policy <meta> tag as the first thing in every page's <head> (the csp.py hook
hands each finished page here).

The directives are in data/csp.yml. Scripts run only from our own origin and the inline scripts we
ship: those written in the theme's templates (Material's and our overrides/), known before any page
is built. Each is rendered with the page's own template context (a few hold the page's base_url) and
allowed by the sha256 hash of exactly that text, so no 'unsafe-inline' or 'unsafe-eval' is needed.
The finished page is never trusted to say what is ours: an inline script on a page that is not one
of the shipped ones (something a data value or SITE_URL smuggled in) fails the build, naming the page.
JSON blocks (<script type="application/json">, Material's configuration) are data and never run.

The offline build's iframe-worker shim (extra.polyfills) runs Material's search worker in a hidden
frame by writing one inline script into it; that frame inherits this policy, so the hash of that
script (built from the shim's own source and the page's search-worker address) is added too.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html as html_module
import json
import re
from collections.abc import Iterable
from pathlib import Path

from ..base import terminal_text
from ..reading import DataFileError, load_yaml
from .build import BuildRefused

INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
CONFIG_BLOCK = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
HEAD = re.compile(r"<head[^>]*>\s*(?:<meta charset=[^>]*>)?", re.I)
SHIM_NAME = "iframe-worker-shim.js"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _runnable(attrs: str) -> bool:
    if re.search(r"\bsrc\s*=", attrs, re.I):
        return False
    kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", attrs, re.I)
    return (kind.group(1).lower() if kind else "") in SCRIPT_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script that the browser would run."""
    return [body for attrs, body in INLINE_SCRIPT.findall(html) if _runnable(attrs)]


@functools.lru_cache(maxsize=4)
def shipped_scripts(template_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """The Jinja source of every inline script in the theme's templates (our overrides, then Material's):
    the only inline scripts a page may hold."""
    found = {}
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            for attrs, body in INLINE_SCRIPT.findall(path.read_text(encoding="utf-8")):
                if _runnable(attrs):
                    found[body] = None
    return tuple(found)


def expected_scripts(env, template_dirs: Iterable[str], context: dict) -> set[str]:
    """The shipped inline scripts as this page's template context renders them (`env`: the theme's own
    Jinja environment, so filters and loaders are those of the page itself)."""
    out = set()
    for source in shipped_scripts(tuple(str(d) for d in template_dirs)):
        if "{{" not in source and "{%" not in source and "{#" not in source:
            out.add(source)
            continue
        try:
            out.add(env.from_string(source).render(**context))
        except Exception:  # noqa: BLE001 -- a template part this page does not use (no such variable): not shipped here
            continue
    return out


def foreign_scripts(html: str, expected: set[str]) -> list[str]:
    """Inline scripts on the page that are not among the shipped ones."""
    return [body for body in inline_scripts(html) if body not in expected]


def foreign_script_message(src_uri: str, foreign: list[str]) -> str:
    return (f"页面 {src_uri} 里有一段内联脚本不是本站模板写出的（开头：{terminal_text(foreign[0].strip()[:60])}……），"
            "多半是数据文件或 SITE_URL 里的值带进了 HTML。没有生成网站。"
            "改法：找出这段文字来自哪个数据文件或环境变量，删去其中的 <script> 和引号；确需新的脚本时，写进 overrides/assets/javascripts/ 的脚本文件。")


@functools.lru_cache(maxsize=4)
def directives(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    try:
        raw, _ = load_yaml(path)
    except DataFileError as exc:
        raise BuildRefused(str(exc.finding)) from None
    return tuple((name, tuple(values)) for name, values in raw.items() if name != "allow_weaker")  # the flag is not a directive


def _function_source(source: str, name: str) -> str:
    """The exact text of `function name(...){...}` in minified JavaScript (braces balanced)."""
    start = source.index(f"function {name}(")
    depth, index = 0, source.index("{", start)
    while True:
        char = source[index]
        depth += char == "{"
        depth -= char == "}"
        index += 1
        if depth == 0:
            return source[start:index]


@functools.lru_cache(maxsize=2)
def shim_template(path: Path) -> tuple[str, dict[str, str]] | None:
    """The inline script the shim writes into its frame, with ${…} holes, and the functions it inlines."""
    if not path.exists():
        return None
    source = path.read_text(encoding="utf-8")
    m = re.search(r"<body><script>(.*?)<\\/script>", source)
    if not m:
        raise BuildRefused(f"{path}: 无法在 iframe-worker 垫片中找到它写入的内联脚本；升级 iframe-worker 后请更新 scripts/speechkit/outputs/csp.py。")
    template = m.group(1)
    functions = {}
    for hole in set(re.findall(r"\$\{(\w+)\}", template)):
        if f"function {hole}(" in source:
            functions[hole] = _function_source(source, hole)
    return template, functions


def shim_script_hash(polyfills: Iterable[object], custom_dir: Path, html: str) -> str | None:
    """The hash of the script the offline build's iframe-worker shim writes into its frame, if the page loads it."""
    shim = next((p for p in polyfills if str(p).endswith(SHIM_NAME)), None)
    block = CONFIG_BLOCK.search(html)
    if shim is None or block is None:
        return None
    template = shim_template(custom_dir / shim)
    if template is None:
        return None
    text, functions = template
    worker = json.loads(block.group(1)).get("search", "")
    for name, source in functions.items():
        text = text.replace("${" + name + "}", source)
    return sha256(re.sub(r"\$\{\w+\}", lambda _: worker, text))


def policy(csp_file: Path, html: str, *, expected: set[str] | None, polyfills: Iterable[object], custom_dir: Path) -> str:
    """The policy for this page. `expected`: the shipped inline scripts as the page renders them; None
    while previewing (`mkdocs serve` adds a live-reload script that differs on every request)."""
    parts = []
    for name, values in directives(csp_file):
        values = list(values)
        if name == "script-src":
            if expected is None:
                values.append("'unsafe-inline'")
            else:  # only the shipped inline scripts: anything else on the page gets no hash (and fails the build)
                values += dict.fromkeys(sha256(body) for body in inline_scripts(html) if body in expected)
                shim = shim_script_hash(polyfills, custom_dir, html)
                if shim:
                    values.append(shim)
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)


def attribute(text: str) -> str:
    """The policy inside content="…": whatever data/csp.yml holds cannot close the attribute ('…' stays readable)."""
    return html_module.escape(text, quote=False).replace('"', "&quot;")


def with_policy(html: str, policy_text: str) -> str:
    """The page with the policy's <meta> first in <head>, after the charset declaration (which must stay
    within the first 1024 bytes); a page without <head> as it is."""
    head = HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{attribute(policy_text)}">'
    return html[: head.end()] + meta + html[head.end() :]
