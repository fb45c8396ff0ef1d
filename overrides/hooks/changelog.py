"""Hook: read what changed from the repository's history and publish it as the 更新记录 page
(changes.md, in memory like the comparison pages). Template pages show their last change through
site.history, which this hook fills in before any page is rendered.

A build without history (a zip, a shallow clone, no git) still succeeds: the page says why.
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

from speechkit.history import History, load_history  # noqa: E402
from speechkit.outputs import CHANGES_URI, changes_page, site  # noqa: E402
from speechkit.reading import DataFileError  # noqa: E402

log = get_plugin_logger("changelog")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    try:
        site.history = load_history(site.corpus.registry, root, Path(config.docs_dir) / "speeches", root / "data")
    except DataFileError as exc:
        if site.command != "serve":
            raise PluginError(f"更新记录的设置有误，没有生成网站：\n{exc.finding}") from None
        log.error(f"{exc.finding}（预览照常刷新，更新记录页显示这个错误）")  # the preview keeps answering
        site.history = History(unavailable=f"更新记录的设置有误：{exc.finding}")
    except Exception as exc:  # a bug of ours must not stop the site from being published, nor show a traceback
        site.history = History(unavailable=f"读取修改历史时出了内部错误（{type(exc).__name__}: {exc}），请报告给维护者")
    if site.history.unavailable or site.history.partial:
        # info, not a warning: a build from a zip is legitimate and must pass the strict build
        log.info(f"更新记录：{site.history.unavailable or site.history.partial}。")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, CHANGES_URI, content=changes_page(site.history, site.corpus)))
    return files
