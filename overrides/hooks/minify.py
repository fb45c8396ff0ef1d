"""Hook: once the site is written, our own scripts and styles in it are minified
(speechkit.outputs.minify; the source in overrides/assets/ keeps its comments). Last in the list:
every other hook has written its files by then."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import minify_site  # noqa: E402


def on_post_build(*, config: MkDocsConfig) -> None:
    minify_site(Path(config.site_dir), Path(config.theme.custom_dir or "overrides"))
