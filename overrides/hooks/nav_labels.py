"""Hook: every built page's navigation link text unwrapped from Material's span.md-ellipsis
(speechkit.outputs.nav_labels: fewer elements and observers at load, issue 19)."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import plain_nav_labels  # noqa: E402


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return plain_nav_labels(output)
