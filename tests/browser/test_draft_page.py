"""A draft as a contributor sees it under `make serve`, in headless Chromium: imported with `make
import` into a copy of the project, built, opened. Its 待完成 list shows at the top of the page (the
annotation style once hid every `.note`, and Material's admonition is one), and a draft without a
summary shows no stray `{ .variant-summary }`."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from typer.testing import CliRunner

from speechkit.cli import cli

FIXTURE = Path(__file__).parents[1] / "fixtures" / "import" / "shapes" / "unknown-meeting.txt"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory, mkdocs):
    from project_copy import copy_project

    project = copy_project(tmp_path_factory.mktemp("draft-site") / "project")
    imported = CliRunner().invoke(cli.app, ["import", str(FIXTURE), "--out", str(project / "docs" / "speeches"), "--name", "imported-draft"])
    assert imported.exit_code == 0, imported.output
    out = project / "site-out"
    result = mkdocs("build", "--strict", "--site-dir", str(out), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_pending_list_is_visible_at_the_top_of_a_draft(context, draft_site):
    page = context.new_page()
    page.goto(f"{draft_site}/speeches/imported-draft/")
    notice = page.locator("details.note").filter(has_text="草稿：还有")
    expect(notice).to_be_visible()
    expect(notice.locator("summary")).to_contain_text("处待完成")
    assert notice.bounding_box()["y"] < page.locator("#structure").bounding_box()["y"]  # above the structure table
    notice.locator("summary").click()
    item = notice.locator("li").filter(has_text="巡察整改推进会")  # the meeting the registry does not know yet
    expect(item).to_be_visible()
    expect(item).to_contain_text("data/meetings.yml")


def test_a_draft_without_a_summary_shows_no_attribute_list(context, draft_site):
    page = context.new_page()
    page.goto(f"{draft_site}/speeches/imported-draft/")
    expect(page.locator("h1")).to_contain_text("在全区巡察整改推进会上的讲话")
    assert "variant-summary" not in page.locator(".md-content").inner_text()
    assert page.locator(".variant-summary").count() == 0
