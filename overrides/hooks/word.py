"""Hook: the Word files, built from the parsed model into the site (names: speechkit/outputs/downloads.py).

Each template gets downloads/<slug>.docx (GB/T 9704, linked from its page as 下载 Word) and
downloads/<slug>.large.docx (大字版); each meeting type, per level, downloads/meetings/<slug>-<n>.docx
(下载整场会议 on the meeting flow page). Each has a .docx.js twin, the same bytes as a script: under
file:// Chromium refuses fetch() of local files, so the filled download
(overrides/assets/javascripts/docx-fill.js) loads that script instead.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.outputs import VENDORED, docx_script, site, word_files  # noqa: E402


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assets = Path(config.theme.custom_dir or "overrides") / "assets"
    missing = [name for name in VENDORED if not (assets / name).exists()]
    if missing:
        raise PluginError(f"缺少前端文件 {'、'.join('overrides/assets/' + m for m in missing)}，没有生成网站。改法：先运行 make vendor（需要 Node.js 和 npm），它从 npm 取这些文件。")
    for uri, data in word_files(site.corpus).items():
        files.append(File.generated(config, uri, content=data))
        files.append(File.generated(config, uri + ".js", content=docx_script(uri, data)))
    return files
