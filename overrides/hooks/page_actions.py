"""Hook: 编辑此页 and 反馈/纠错 links under every page, without `repo_url`.

`repo_url` would make every page call the GitHub API from the reader's browser. Instead the links are
plain anchors built here from `extra.source_repository` (the REPO_URL environment variable, set in CI):
编辑此页 opens the page's source on GitHub, 反馈/纠错 opens the 纠错 issue form with the page filled in.
With no repository configured (a local or intranet build), both go to the contributing page.
overrides/main.html prints them; values are escaped there with `| e`.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

CONTRIBUTING = "contributing/index.md"
FORMAT = "contributing/format.md"
FEEDBACK_FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/correction.yml; its field `page` is filled in


def _site_url(config: MkDocsConfig, uri: str, page: Page, anchor: str) -> str:
    """A link from `page` to our own page `uri` (works with and without directory URLs, and from file://)."""
    target = File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    return f"{get_relative_url(target.url, page.url)}#{anchor}"


def page_actions(page: Page, config: MkDocsConfig) -> dict[str, str]:
    repository = str(config.extra.get("source_repository") or "").strip().rstrip("/")
    branch = str(config.extra.get("source_branch") or "main")
    generated = page.file.generated_by is not None
    if generated:  # comparison pages, the 提法 page… are built from the templates and data/: say where
        edit, edit_label = _site_url(config, FORMAT, page, "markers"), "这一页是生成的：怎么修改"
    elif repository:
        edit, edit_label = f"{repository}/edit/{quote(branch)}/docs/{quote(page.file.src_uri)}", "编辑此页"
    else:
        edit, edit_label = _site_url(config, CONTRIBUTING, page, "improve"), "编辑此页"
    if repository:
        address = (config.site_url or "").rstrip("/") + "/" + page.url if config.site_url else page.file.src_uri
        query = urlencode({"template": FEEDBACK_FORM, "title": f"[纠错] {page.title or ''}", "page": address})
        feedback = f"{repository}/issues/new?{query}"
    else:
        feedback = _site_url(config, CONTRIBUTING, page, "feedback")
    return {"edit": edit, "edit_label": edit_label, "feedback": feedback}


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["page_actions"] = page_actions(page, config)
    return context
