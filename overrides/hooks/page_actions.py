"""Hook: 编辑此页 and 反馈/纠错 links under every page, without `repo_url` (speechkit.outputs.page_actions
builds them from extra.source_repository, the REPO_URL environment variable set in CI).
overrides/main.html prints them; values are escaped there with `| e`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import page_actions  # noqa: E402


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["page_actions"] = page_actions(
        src_uri=page.file.src_uri, url=page.url, title=page.title or "", generated=page.file.generated_by is not None,
        repository=str(config.extra.get("source_repository") or ""), branch=str(config.extra.get("source_branch") or "main"),
        site_url=config.site_url or "", directory_urls=config.use_directory_urls,
    )
    return context
