"""Hook: a Content-Security-Policy <meta> tag as the first thing in every page's <head>.

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
import html
import json
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.base import terminal_text  # noqa: E402
from speechkit.outputs import site  # noqa: E402
from speechkit.reading import DataFileError, load_yaml  # noqa: E402

log = get_plugin_logger("csp")
_context: dict = {}  # the template context of the page being rendered (on_page_context → on_post_page)

INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
CONFIG_BLOCK = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
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


def expected_scripts(config: MkDocsConfig, context: dict) -> set[str]:
    """The shipped inline scripts as this page's template context renders them."""
    env = _env(config.theme)
    out = set()
    for source in shipped_scripts(tuple(str(d) for d in config.theme.dirs)):
        if "{{" not in source and "{%" not in source and "{#" not in source:
            out.add(source)
            continue
        try:
            out.add(env.from_string(source).render(**context))
        except Exception:  # noqa: BLE001 -- a template part this page does not use (no such variable): not shipped here
            continue
    return out


_envs: dict[int, object] = {}


def _env(theme):
    """The theme's own Jinja environment (filters and loaders as for the page itself), made once per build."""
    if id(theme) not in _envs:
        _envs.clear()
        _envs[id(theme)] = theme.get_env()
    return _envs[id(theme)]


def foreign_scripts(config: MkDocsConfig, html: str) -> list[str]:
    """Inline scripts on the page that are not among the shipped ones."""
    expected = expected_scripts(config, _context)
    return [body for body in inline_scripts(html) if body not in expected]


@functools.lru_cache(maxsize=4)
def directives(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    try:
        raw, _ = load_yaml(path)
    except DataFileError as exc:
        raise PluginError(str(exc.finding)) from None
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
            else:  # only the shipped inline scripts: anything else on the page gets no hash (and fails the build)
                expected = expected_scripts(config, _context)
                values += dict.fromkeys(sha256(body) for body in inline_scripts(html) if body in expected)
                shim = shim_script_hash(config, html)
                if shim:
                    values.append(shim)
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    _context.clear()
    _context.update(context)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # First in <head>, after the charset declaration (which must stay within the first 1024 bytes).
    head = re.search(r"<head[^>]*>\s*(?:<meta charset=[^>]*>)?", output, re.I)
    if head is None:
        return output
    foreign = foreign_scripts(config, output)
    if foreign:
        where = page.file.src_uri if page is not None else "?"
        message = (f"页面 {where} 里有一段内联脚本不是本站模板写出的（开头：{terminal_text(foreign[0].strip()[:60])}……），"
                   "多半是数据文件或 SITE_URL 里的值带进了 HTML。没有生成网站。"
                   "改法：找出这段文字来自哪个数据文件或环境变量，删去其中的 <script> 和引号；确需新的脚本时，写进 overrides/assets/javascripts/ 的脚本文件。")
        if site.command != "serve":
            raise PluginError(message)
        log.error(message)  # the preview keeps answering; the policy below gives that script no hash
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_attribute(policy(config, output))}">'
    return output[: head.end()] + meta + output[head.end() :]


def _attribute(text: str) -> str:
    """The policy inside content="…": whatever data/csp.yml holds cannot close the attribute ('…' stays readable)."""
    return html.escape(text, quote=False).replace('"', "&quot;")
