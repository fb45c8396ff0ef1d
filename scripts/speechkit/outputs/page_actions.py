"""编辑此页 and 反馈/纠错 under every page, without `repo_url`.

`repo_url` would make every page call the GitHub API from the reader's browser. Instead the links are
plain anchors built here from the repository's address (extra.source_repository, the REPO_URL
environment variable, set in CI): 编辑此页 opens the page's source on GitHub, 反馈/纠错 opens the 纠错
issue form with the page filled in. With no repository configured (a local or intranet build), both go
to the contributing page. overrides/main.html prints them, escaped with `| e`.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from .urls import page_url, relative_url

CONTRIBUTING = "contributing/index.md"
FORMAT = "contributing/format.md"
FEEDBACK_FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/correction.yml; its field `page` is filled in


def page_actions(*, src_uri: str, url: str, title: str, generated: bool, repository: str, branch: str, site_url: str,
                 directory_urls: bool) -> dict[str, str]:
    """The links under the page built from docs/`src_uri`, served at `url` (relative to the site's root)."""
    def ours(uri: str, anchor: str) -> str:  # works with and without directory URLs, and from file://
        return f"{relative_url(page_url(uri, directory_urls), url)}#{anchor}"

    repository = repository.strip().rstrip("/")
    if generated:  # comparison pages, the 提法 page… are built from the templates and data/: say where
        edit, edit_label = ours(FORMAT, "markers"), "这一页是生成的：怎么修改"
    elif repository:
        edit, edit_label = f"{repository}/edit/{quote(branch)}/docs/{quote(src_uri)}", "编辑此页"
    else:
        edit, edit_label = ours(CONTRIBUTING, "improve"), "编辑此页"
    if repository:
        address = site_url.rstrip("/") + "/" + url if site_url else src_uri
        query = urlencode({"template": FEEDBACK_FORM, "title": f"[纠错] {title}", "page": address})
        feedback = f"{repository}/issues/new?{query}"
    else:
        feedback = ours(CONTRIBUTING, "feedback")
    return {"edit": edit, "edit_label": edit_label, "feedback": feedback}
