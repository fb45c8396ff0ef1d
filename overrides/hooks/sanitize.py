"""Hook: every page's HTML goes through an allow-list sanitiser (speechkit.outputs.sanitize: nh3 with
data/html_allowlist.yml) before the templates and the search index see it.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import sanitize  # noqa: E402
from speechkit.reading import DataFileError  # noqa: E402


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return sanitize(html, Path(config.config_file_path).resolve().parent / "data")
    except DataFileError as exc:
        raise PluginError(str(exc.finding)) from None
