"""Hook: what the 检查讲话稿 page (docs/check.md) needs from the build, made from the rulebook that
`make check` loaded: the draft checker's rules as a script (assets/javascripts/draft-check-data.js,
outputs/draft_rules_json.py) and the blank GB/T 9704 Word file its 下载 Word sets a draft in
(downloads/draft_check.docx, and the same bytes as a .docx.js script for file://).
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

from speechkit.outputs import DRAFT_DOCX_URI, RULES_URI, docx_script, draft_docx, draft_rules_script, site  # noqa: E402


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    corpus = site.corpus
    files.append(File.generated(config, RULES_URI, content=draft_rules_script(corpus.rulebook)))
    data = draft_docx(corpus.registry)
    files.append(File.generated(config, DRAFT_DOCX_URI, content=data))
    files.append(File.generated(config, DRAFT_DOCX_URI + ".js", content=docx_script(DRAFT_DOCX_URI, data)))
    return files
