"""The benchmark's yardsticks for a template page (issue 19): the same speech text as a stock
mkdocs-material page (default features, search plugin, nothing of ours) and as bare HTML.

Both are written from the parsed model (the speech's title, its spoken headings and paragraphs, with
【占位符】 as plain text), so the comparison is between pages, never between texts.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from speechkit.base import html_text, markdown_text
from speechkit.reading import Section, Variant


def _lines(section: Section) -> list[tuple[int, str]]:
    """(heading level or 0 for a paragraph, text) of a section as spoken, its label heading included."""
    out = [(section.level + 1, section.title)]
    out += [(0, block.text) for block in section.blocks]
    for child in section.children:
        out += _lines(child)
    return out


def speech_lines(variant: Variant) -> list[tuple[int, str]]:
    return [line for section in variant.sections for line in _lines(section)]


def _yaml(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML string


def stock_material_site(variant: Variant, folder: Path) -> Path:
    """Build the speech as the one page of a stock Material site; returns the built site."""
    project = folder / f"stock-{variant.slug}"
    (project / "docs").mkdir(parents=True)
    markdown = [f"# {markdown_text(variant.title)}", ""]
    for level, text in speech_lines(variant):
        markdown += [f"{'#' * level} {markdown_text(text)}" if level else markdown_text(text), ""]
    (project / "docs" / "index.md").write_text("\n".join(markdown), encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: {_yaml(variant.title)}\nsite_description: {_yaml(variant.meta.get('summary', ''))}\n"
        "theme:\n  name: material\n  language: zh\nplugins:\n  - search\n",
        encoding="utf-8",
    )
    site = project / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=project,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"标准 Material 页面构建失败（{variant.slug}）：\n{result.stdout[-1500:]}{result.stderr[-1500:]}")
    return site


def bare_html_site(variant: Variant, folder: Path) -> Path:
    """The speech as one bare HTML page: headings and paragraphs, no stylesheet, no script."""
    site = folder / f"bare-{variant.slug}"
    site.mkdir(parents=True)
    body = [f"<h1>{html_text(variant.title)}</h1>"]
    for level, text in speech_lines(variant):
        body.append(f"<h{level}>{html_text(text)}</h{level}>" if level else f"<p>{html_text(text)}</p>")
    page = (
        '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_text(variant.title)}</title>\n"
        f'<meta name="description" content="{html_text(variant.meta.get("summary", ""))}">\n'
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    (site / "index.html").write_text(page, encoding="utf-8")
    return site
