"""Hook: check every speech variant, list it in the nav, and render its page from the parsed model.

The check runs at the start of every `mkdocs build` and `mkdocs serve` rebuild, over every file under
docs/ (the same `load_corpus` as `make check`). Any error (and, in a strict build, any warning) stops
a build before anything is written, with file, line and fix for each problem; no traceback.
While serving, a variant that does not pass never stops the preview: its page shows its findings
instead, and the rest of the site is built without it. Drafts (status: 草稿) are listed apart and
show what is still to be written.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.base import SPEECHES_URI, html_text  # noqa: E402
from speechkit.checking import load_corpus  # noqa: E402
from speechkit.outputs import (  # noqa: E402
    SPEECH_MARKER, address_refusals, build_refusal, failing_page, findings_by_page, preview_corpus, site, speech_body, speech_toc,
    template_markdown, template_meta, templates_in_nav, templates_nav,
)

log = get_plugin_logger("speeches")


def on_startup(*, command: str, dirty: bool) -> None:
    # Kept in the speechkit module, which outlives this hook: `mkdocs serve` re-imports hooks on every rebuild.
    site.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    refusal = address_refusals(site_url=config.site_url, repository=(config.extra or {}).get("source_repository"))
    if refusal:  # SITE_URL and REPO_URL reach every page: refused before anything is built
        raise PluginError(refusal)
    root = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir).resolve()
    serving = site.command == "serve"
    corpus = load_corpus(docs_dir / SPEECHES_URI, root / "data", docs_dir=docs_dir)  # the same checks as `make check`
    if corpus.registry is None and serving and site.corpus is not None:  # a broken data file while previewing
        log.error(f"{corpus.findings[0]}（预览仍显示上一次能构建的内容，改好后自动刷新）")
        return _list_in_nav(config)
    # A strict build refuses warnings too, and here, before anything is written (MkDocs' own strict
    # mode would stop only after writing the site), so it agrees with `make check` (--strict).
    refusal = build_refusal(corpus, strict=config.strict)
    if refusal and (not serving or corpus.registry is None):
        raise PluginError(refusal)
    site.failing = {}
    if serving:
        # The preview must keep answering: findings are logged and shown on the failing page, never fatal.
        config.strict = False
        for finding in corpus.errors:
            log.error(str(finding))
        corpus, site.failing = preview_corpus(corpus, docs_dir)
    for finding in corpus.warnings:
        log.warning(str(finding))
    if corpus.pending:
        log.info(f"草稿中 {len(corpus.pending)} 处待完成，已列在各草稿页面顶部（make check 列出全部）。")
    site.pending = findings_by_page(corpus.pending, docs_dir)
    site.corpus = corpus
    return _list_in_nav(config)


def _list_in_nav(config: MkDocsConfig) -> MkDocsConfig:
    site.extend_nav(config.nav, "speeches/index.md", templates_nav(site.corpus, site.failing))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """While serving, a file that does not pass becomes a page listing its findings. Past the nav
    limit, templates are pages outside the nav."""
    if site.corpus is not None and site.corpus.registry is not None and not templates_in_nav(site.corpus):
        for file in files:
            if site.variant_for(file.src_uri) is not None:
                file.inclusion = InclusionLevel.NOT_IN_NAV
    for uri, findings in site.failing.items():
        original = files.get_file_from_path(uri)
        if original is not None:
            files.remove(original)
        if uri.endswith(".md"):  # anything else refused under docs/ (an .html page, a script) is just left out
            files.append(File.generated(config, uri, content=failing_page(Path(uri).name, findings)))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    variant = site.variant_for(page.file.src_uri)
    if variant is None:
        return markdown
    page.meta = template_meta(variant, site.corpus.registry)  # registered fields only, escaped later by safe_meta.py
    return template_markdown(variant, site.corpus, site.history, site.pending.get(page.file.src_uri, []))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the speech's HTML where its marker is, and its headings into the table of contents."""
    variant = site.variant_for(page.file.src_uri)
    if variant is None or SPEECH_MARKER not in html:
        return html
    headings = speech_toc(variant)
    if page.present_anchor_ids is not None:  # MkDocs checks links to them once all pages are rendered
        page.present_anchor_ids.update(anchor for _, anchor, _ in headings)
    if page.toc.items:
        top = page.toc.items[0].children  # under the page title, before 本稿涉及的提法
        at = next((i for i, link in enumerate(top) if link.id == "tifa"), len(top))
        # the speech's parts only: its sub-parts are listed in 结构一览, and each TOC entry is three
        # elements in the nav of every page load (issue 19)
        top[at:at] = [AnchorLink(html_text(title), anchor, level) for level, anchor, title in headings if level == 2]
    return html.replace(SPEECH_MARKER, speech_body(variant, site.corpus, page.url), 1)
