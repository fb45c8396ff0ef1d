"""Hook: what the 检查讲话稿 page (docs/check.md) needs from the build (speechkit.outputs.draft_check_files):
the draft checker's rules as a script, made from the rulebook that `make check` loaded, and the blank
GB/T 9704 Word file its 下载 Word sets a draft in (and its .docx.js twin for file://).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import draft_check_files, site  # noqa: E402


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for uri, content in draft_check_files(site.corpus).items():
        files.append(File.generated(config, uri, content=content))
    return files
