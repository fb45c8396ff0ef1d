"""Hook: check every speech variant, list it in the nav, and render its page from the parsed model.

The check runs at the start of every `mkdocs build` and `mkdocs serve` rebuild. Any error stops the
build before anything is written, with file, line and fix for each problem; no traceback.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit import site  # noqa: E402
from speechkit.corpus import load_corpus  # noqa: E402
from speechkit.findings import summarise  # noqa: E402
from speechkit.render import variant_page  # noqa: E402

log = get_plugin_logger("speeches")
# jieba (used by Material's search to segment Chinese) prints its dictionary loading on every build
logging.getLogger("jieba").setLevel(logging.WARNING)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    corpus = load_corpus(Path(config.docs_dir) / "speeches", root / "data")
    for finding in corpus.warnings:
        log.warning(str(finding))
    if corpus.errors:
        listing = "\n".join(str(f) for f in corpus.errors)
        raise PluginError(f"讲话稿检查未通过（{summarise(corpus.findings)}），没有生成网站：\n{listing}")
    site.corpus = corpus
    site.extend_nav(config.nav, "speeches/index.md", [v.src_uri for v in corpus.variants])
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    variant = site.variant_for(page.file.src_uri)
    if variant is None:
        return markdown
    # Material reads `status` as its own page-status icon in the nav; ours is an editorial field.
    page.meta.pop("status", None)
    return variant_page(variant, site.corpus.registry)
