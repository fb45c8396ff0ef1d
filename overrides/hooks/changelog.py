"""Hook: read what changed from the repository's history and publish it as the 更新记录 page
(changes.md, in memory like the comparison pages). Template pages show their last change through
site.history, which this hook fills in before any page is rendered.

A build without history (a zip, a shallow clone, no git) still succeeds: the page says why
(speechkit.outputs.read_history).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import CHANGES_URI, BuildRefused, changes_page, read_history, site  # noqa: E402

log = get_plugin_logger("changelog")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    try:
        site.history, problem = read_history(site.corpus.registry, root, Path(config.docs_dir) / "speeches", serving=site.command == "serve")
    except BuildRefused as exc:
        raise PluginError(str(exc)) from None
    if problem:
        log.error(problem)  # the preview keeps answering
    if site.history.unavailable or site.history.partial:
        # info, not a warning: a build from a zip is legitimate and must pass the strict build
        log.info(f"更新记录：{site.history.unavailable or site.history.partial}。")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, CHANGES_URI, content=changes_page(site.history, site.corpus)))
    return files
