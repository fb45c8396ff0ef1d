"""Hook: a Content-Security-Policy <meta> tag as the first thing in every page's <head>.

The directives are in data/csp.yml. Scripts run only from our own origin; the inline scripts that
Material writes into a page are allowed by the sha256 hash of their exact text, computed here from
the finished page, so no 'unsafe-inline' or 'unsafe-eval' is needed. JSON blocks
(<script type="application/json">, Material's configuration) are data and never run.

The offline build's iframe-worker shim (extra.polyfills) runs Material's search worker in a hidden
frame by writing one inline script into it; that frame inherits this policy, so the hash of that
script (built from the shim's own source and the page's search-worker address) is added too.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import site  # noqa: E402
from speechkit.reading import DataFileError, load_yaml  # noqa: E402

INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
CONFIG_BLOCK = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
SHIM_NAME = "iframe-worker-shim.js"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script that the browser would run."""
    out = []
    for m in INLINE_SCRIPT.finditer(html):
        attrs, body = m.groups()
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", attrs, re.I)
        if (kind.group(1).lower() if kind else "") in SCRIPT_TYPES:
            out.append(body)
    return out


@functools.lru_cache(maxsize=4)
def directives(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    try:
        raw, _ = load_yaml(path)
    except DataFileError as exc:
        raise PluginError(str(exc.finding)) from None
    return tuple((name, tuple(values)) for name, values in raw.items())


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
        raise PluginError(f"{path}: 无法在 iframe-worker 垫片中找到它写入的内联脚本；升级 iframe-worker 后请更新 overrides/hooks/csp.py。")
    template = m.group(1)
    functions = {}
    for hole in set(re.findall(r"\$\{(\w+)\}", template)):
        if f"function {hole}(" in source:
            functions[hole] = _function_source(source, hole)
    return template, functions


def shim_script_hash(config: MkDocsConfig, html: str) -> str | None:
    polyfills = (config.extra or {}).get("polyfills") or []
    shim = next((p for p in polyfills if str(p).endswith(SHIM_NAME)), None)
    block = CONFIG_BLOCK.search(html)
    if shim is None or block is None:
        return None
    template = shim_template(Path(config.theme.custom_dir or "overrides") / shim)
    if template is None:
        return None
    text, functions = template
    worker = json.loads(block.group(1)).get("search", "")
    for name, source in functions.items():
        text = text.replace("${" + name + "}", source)
    return sha256(re.sub(r"\$\{\w+\}", lambda _: worker, text))


def policy(config: MkDocsConfig, html: str) -> str:
    root = Path(config.config_file_path).resolve().parent
    parts = []
    for name, values in directives(root / "data" / "csp.yml"):
        values = list(values)
        if name == "script-src":
            if site.command == "serve":  # set by variants.py's on_startup
                values.append("'unsafe-inline'")  # `mkdocs serve` adds a live-reload script that differs on every request
            else:
                values += dict.fromkeys(sha256(body) for body in inline_scripts(html))
                shim = shim_script_hash(config, html)
                if shim:
                    values.append(shim)
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(config, output)}">'
    # First in <head>, after the charset declaration (which must stay within the first 1024 bytes).
    head = re.search(r"<head[^>]*>\s*(?:<meta charset=[^>]*>)?", output, re.I)
    if head is None:
        return output
    return output[: head.end()] + meta + output[head.end() :]
