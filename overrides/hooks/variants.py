"""Hook: check every speech variant, list it in the nav, and render its page from the parsed model.

The check runs at the start of every `mkdocs build` and `mkdocs serve` rebuild, over every file under
docs/ (the same `load_corpus` as `make check`). Any error (and, in a strict build, any warning) stops
a build before anything is written, with file, line and fix for each problem; no traceback.
While serving, a variant that does not pass never stops the preview: its page shows its findings
instead, and the rest of the site is built without it. Drafts (status: 草稿) are listed apart and
show what is still to be written.
"""
from __future__ import annotations

import dataclasses
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

# Hooks load as loose files: make scripts/speechkit importable
SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:  # hooks are re-imported on every `mkdocs serve` rebuild
    sys.path.insert(0, SCRIPTS)

from speechkit.base import SPEECHES_URI, Finding, summarise  # noqa: E402
from speechkit.checking import address_refusal, load_corpus  # noqa: E402
from speechkit.outputs import (  # noqa: E402
    SPEECH_MARKER, docx_uri, failing_page, last_change_line, pending_notice, site, speech_html, speech_toc, variant_page,
)

log = get_plugin_logger("speeches")

DRAFTS_NAV = "草稿"
FAILING_NAV = "未通过检查"


def on_startup(*, command: str, dirty: bool) -> None:
    # Kept in the speechkit module, which outlives this hook: `mkdocs serve` re-imports hooks on every rebuild.
    site.command = command


def _by_uri(findings: list[Finding], docs_dir: Path) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        try:
            grouped[finding.path.resolve().relative_to(docs_dir).as_posix()].append(finding)
        except ValueError:
            continue  # not a page (a data file): reported in the log only
    return grouped


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # SITE_URL and REPO_URL reach every page: refused here, before anything is built, unless they are plain http(s) addresses
    for name, value in (("SITE_URL", config.site_url), ("REPO_URL", (config.extra or {}).get("source_repository"))):
        refusal = address_refusal(name, str(value) if value else None)
        if refusal:
            raise PluginError(refusal)
    root = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir).resolve()
    serving = site.command == "serve"
    corpus = load_corpus(docs_dir / SPEECHES_URI, root / "data", docs_dir=docs_dir)  # the same checks as `make check`
    if corpus.registry is None:  # a broken data file: nothing can be built from it
        if serving and site.corpus is not None:
            log.error(f"{corpus.findings[0]}（预览仍显示上一次能构建的内容，改好后自动刷新）")
            return _list_in_nav(config)
        raise PluginError("数据文件有错误，没有生成网站：\n" + "\n".join(str(f) for f in corpus.findings))
    site.failing = {}
    # A strict build refuses warnings too, and here, before anything is written (MkDocs' own strict
    # mode would stop only after writing the site), so it agrees with `make check` (--strict).
    blocking = corpus.errors + (corpus.warnings if config.strict else [])
    if blocking and not serving:
        listing = "\n".join(str(f) for f in blocking)
        raise PluginError(f"讲话稿检查未通过（{summarise(corpus.findings)}），没有生成网站：\n{listing}")
    if serving:
        # The preview must keep answering: findings are logged and shown on the failing page, never fatal.
        config.strict = False
        for finding in corpus.errors:
            log.error(str(finding))
        failing_paths = {f.path for f in corpus.errors}
        site.failing = {uri: found for uri, found in _by_uri(corpus.findings, docs_dir).items() if any(f.is_error for f in found)}
        corpus = dataclasses.replace(corpus, variants=[v for v in corpus.variants if v.path not in failing_paths])
    for finding in corpus.warnings:
        log.warning(str(finding))
    if corpus.pending:
        log.info(f"草稿中 {len(corpus.pending)} 处待完成，已列在各草稿页面顶部（make check 列出全部）。")
    site.pending = _by_uri(corpus.pending, docs_dir)
    site.corpus = corpus
    return _list_in_nav(config)


def _list_in_nav(config: MkDocsConfig) -> MkDocsConfig:
    """Published variants under 讲话模板, then the drafts, then (while serving) the failing files."""
    variants = site.corpus.variants if len(site.corpus.variants) <= _nav_limit(site.corpus) else []
    entries: list = [v.src_uri for v in variants if not v.is_draft]
    drafts = [v.src_uri for v in variants if v.is_draft]
    if drafts:
        entries.append({DRAFTS_NAV: drafts})
    if site.failing:
        entries.append({FAILING_NAV: sorted(site.failing)})
    site.extend_nav(config.nav, "speeches/index.md", entries)
    return config


def _nav_limit(corpus) -> int:
    """Past this many templates the nav lists only 全部模板 (a nav of 1,000 links on every page
    would make every page heavy); the templates are picked from that page and the home page."""
    return int(corpus.registry.settings.get("nav_max_templates", 40))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """While serving, a file that does not pass becomes a page listing its findings. Past the nav
    limit, templates are pages outside the nav."""
    if site.corpus is not None and site.corpus.registry is not None and len(site.corpus.variants) > _nav_limit(site.corpus):
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
    # The page's metadata is the model's (one parse), registered fields only: keys such as
    # `template`, `hide` or `search` never reach MkDocs from a variant. Material reads `status` as
    # its own page-status icon in the nav; ours is an editorial field, so it is left out too.
    fields = site.corpus.registry.fields
    page.meta = {key: value for key, value in variant.meta.items() if key in fields and key != "status"}
    # The page's own <meta name="description"> (search results, shared links): its one-line summary,
    # escaped with the rest of the metadata by safe_meta.py
    page.meta["description"] = str(variant.meta.get("summary", ""))
    pending = pending_notice(site.pending.get(page.file.src_uri, []))
    return variant_page(variant, site.corpus.registry, pending=pending, last_change=last_change_line(site.history, variant))


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
        links: list[AnchorLink] = []
        for level, anchor, title in headings:
            link = AnchorLink(escape(title), anchor, level)
            if level == 2 or not links:
                links.append(link)
            else:
                links[-1].children.append(link)
        top[at:at] = links
    docx_href = get_relative_url(docx_uri(variant), page.url)  # works for either URL style (online, offline)
    return html.replace(SPEECH_MARKER, speech_html(variant, site.corpus.registry, docx_href=docx_href), 1)
