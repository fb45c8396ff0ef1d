"""What a build and the export share beyond single outputs: whether the checked corpus may be
published (both refuse the same input with the same message, before writing anything), the history
the pages show, and a template page as Markdown plus the speech's HTML that goes in after Markdown.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

from ..base import Finding, summarise
from ..checking import Corpus, address_refusal
from ..history import History, load_history
from ..reading import DataFileError, Registry, Variant
from .changelog import last_change_line
from .docx_export import draft_docx
from .downloads import DRAFT_DOCX_URI, docx_script, docx_uri
from .draft_rules_json import RULES_URI, draft_rules_script
from .findings_page import pending_notice
from .render import speech_html, variant_page
from .urls import relative_url


class BuildRefused(Exception):
    """The build stops here, writing nothing; the message names the file, the line and the fix."""


def address_refusals(*, site_url: object, repository: object) -> str | None:
    """Why SITE_URL or REPO_URL may not be used, or None. Both reach every page (the canonical link,
    the sitemap, 编辑此页 and 反馈), so only plain http(s) addresses pass, before anything is built."""
    for name, value in (("SITE_URL", site_url), ("REPO_URL", repository)):
        refusal = address_refusal(name, str(value) if value else None)
        if refusal:
            return refusal
    return None


def build_refusal(corpus: Corpus, *, strict: bool) -> str | None:
    """Why this corpus may not be published, or None. A strict build refuses warnings too, and before
    anything is written, so it agrees with `make check --strict`."""
    if corpus.registry is None:  # a broken data file: nothing can be built from it
        return "数据文件有错误，没有生成网站：\n" + "\n".join(str(f) for f in corpus.findings)
    blocking = corpus.errors + (corpus.warnings if strict else [])
    if blocking:
        listing = "\n".join(str(f) for f in blocking)
        return f"讲话稿检查未通过（{summarise(corpus.findings)}），没有生成网站：\n{listing}"
    return None


def findings_by_page(findings: list[Finding], docs_dir: Path) -> dict[str, list[Finding]]:
    """Findings grouped by the page (src_uri under docs/) they are about; those about data files are left out."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        try:
            grouped[finding.path.resolve().relative_to(docs_dir.resolve()).as_posix()].append(finding)
        except ValueError:
            continue  # not a page (a data file): reported in the log only
    return grouped


def read_history(registry: Registry, root: Path, speeches_dir: Path, *, serving: bool) -> tuple[History, str | None]:
    """The repository's history for the 更新记录 page and each template's 最近更新, and an error to log.

    A build without history (a zip, a shallow clone, no git) still succeeds: the page says why. A broken
    setting refuses the build, but never stops the preview; a bug of ours never stops either."""
    try:
        return load_history(registry, root, speeches_dir, root / "data"), None
    except DataFileError as exc:
        if not serving:
            raise BuildRefused(f"更新记录的设置有误，没有生成网站：\n{exc.finding}") from None
        return History(unavailable=f"更新记录的设置有误：{exc.finding}"), f"{exc.finding}（预览照常刷新，更新记录页显示这个错误）"
    except Exception as exc:  # noqa: BLE001 -- must not stop the site from being published, nor show a traceback
        return History(unavailable=f"读取修改历史时出了内部错误（{type(exc).__name__}: {exc}），请报告给维护者"), None


def preview_corpus(corpus: Corpus, docs_dir: Path) -> tuple[Corpus, dict[str, list[Finding]]]:
    """While previewing: the corpus without the files that do not pass, and those files' findings by
    page (each becomes a page listing them, so the preview keeps answering)."""
    failing = {uri: found for uri, found in findings_by_page(corpus.findings, docs_dir).items() if any(f.is_error for f in found)}
    failing_paths = {f.path for f in corpus.errors}
    return dataclasses.replace(corpus, variants=[v for v in corpus.variants if v.path not in failing_paths]), failing


def template_markdown(variant: Variant, corpus: Corpus, history: History | None, pending: list[Finding]) -> str:
    """A template's page as Markdown, the speech itself a marker (SPEECH_MARKER) for speech_body;
    `pending` are a draft's unfinished parts."""
    return variant_page(variant, corpus.registry, pending=pending_notice(pending), last_change=last_change_line(history, variant))


def speech_body(variant: Variant, corpus: Corpus, url: str) -> str:
    """The speech's HTML for the page at `url` (relative to the site's root), put in at SPEECH_MARKER."""
    return speech_html(variant, corpus.registry, docx_href=relative_url(docx_uri(variant), url))


CHECK_PAGE = "check.md"  # the 检查讲话稿 page under docs/, which loads draft_check_files


def draft_check_files(corpus: Corpus) -> dict[str, str | bytes]:
    """What the 检查讲话稿 page (docs/check.md) needs from the build, by its path in the site: the draft
    checker's rules as a script, made from the rulebook `make check` loaded, and the blank GB/T 9704
    Word file its 下载 Word sets a draft in (and the same bytes as a .docx.js script for file://)."""
    data = draft_docx(corpus.registry)
    return {RULES_URI: draft_rules_script(corpus.rulebook), DRAFT_DOCX_URI: data, DRAFT_DOCX_URI + ".js": docx_script(DRAFT_DOCX_URI, data)}
