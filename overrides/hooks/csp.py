"""Hook: a Content-Security-Policy <meta> tag as the first thing in every page's <head>
(speechkit.outputs.csp: directives from data/csp.yml, hashes of only the inline scripts the theme's
templates ship, rendered with this page's own template context). An inline script on a page that no
template wrote (a data value or SITE_URL smuggled it in) fails the build, naming the page.
"""
from __future__ import annotations

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

from speechkit.outputs import BuildRefused, site  # noqa: E402
from speechkit.outputs import csp  # noqa: E402

log = get_plugin_logger("csp")
_context: dict = {}  # the template context of the page being rendered (on_page_context → on_post_page)
_envs: dict[int, object] = {}


def _expected(config: MkDocsConfig) -> set[str]:
    """The shipped inline scripts as this page renders them, with the theme's own Jinja environment (made once per build)."""
    if id(config.theme) not in _envs:
        _envs.clear()
        _envs[id(config.theme)] = config.theme.get_env()
    return csp.expected_scripts(_envs[id(config.theme)], config.theme.dirs, _context)


def policy(config: MkDocsConfig, html: str) -> str:
    root = Path(config.config_file_path).resolve().parent
    expected = None if site.command == "serve" else _expected(config)  # site.command: set by variants.py's on_startup
    try:
        return csp.policy(root / "data" / "csp.yml", html, expected=expected, polyfills=(config.extra or {}).get("polyfills") or [],
                          custom_dir=Path(config.theme.custom_dir or "overrides"))
    except BuildRefused as exc:
        raise PluginError(str(exc)) from None


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    _context.clear()
    _context.update(context)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if csp.HEAD.search(output) is None:
        return output
    foreign = csp.foreign_scripts(output, _expected(config))
    if foreign:
        message = csp.foreign_script_message(page.file.src_uri if page is not None else "?", foreign)
        if site.command != "serve":
            raise PluginError(message)
        log.error(message)  # the preview keeps answering; the policy below gives that script no hash
    return csp.with_policy(output, policy(config, output))
