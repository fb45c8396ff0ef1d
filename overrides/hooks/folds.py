"""Hook: once a page is sanitized (sanitize.py, just before this one), the bodies of its closed blocks
go into <template> elements, out of the DOM until opened (speechkit.outputs.folds)."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import fold_hidden  # noqa: E402


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return fold_hidden(html)
