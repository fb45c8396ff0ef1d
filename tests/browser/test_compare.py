"""Comparison pages that stay usable with many versions (pages.py role pages + compare.js): no tabs,
a filter by meeting type, speaker and level, static pages of versions and a paged table of all
versions. Paging is tested on a copy of the project with one version per page."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
import yaml
from playwright.sync_api import expect

from speech_helpers import CORPUS, ROOT
from speechkit.outputs import role_versions, shared_roles, version_labels
from speechkit.outputs.pages import role_page_uris

# The first role whose versions all fit on its first page: the one-page tests below count every version there.
# (开场 and 结束语 outgrew compare_versions_per_page; paging itself is tested with one version per page.)
ROLE = next(r for r in shared_roles(CORPUS) if len(role_page_uris(CORPUS, r)) == 1 and len(role_versions(CORPUS, r)) >= 2)
VERSIONS = role_versions(CORPUS, ROLE)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def paged_site_url(tmp_path_factory, mkdocs):
    """The real templates built with compare_versions_per_page: 1, so every role has several pages."""
    project = tmp_path_factory.mktemp("paged") / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "data", "overrides", "scripts"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    settings = project / "data" / "settings.yml"
    data = yaml.safe_load(settings.read_text(encoding="utf-8"))
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        f"compare_versions_per_page: {data['compare_versions_per_page']}", "compare_versions_per_page: 1"), encoding="utf-8")
    out = project / "site"
    result = mkdocs("build", "--strict", "--site-dir", str(out), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()


def test_versions_one_after_another_not_tabs(page, site_url):
    page.goto(f"{site_url}/compare/{ROLE.slug}/")
    assert page.locator(".tabbed-set, .tabbed-labels").count() == 0
    excerpts = page.locator(".speech-excerpt")
    assert excerpts.count() == len(VERSIONS) >= 2
    for i in range(excerpts.count()):
        expect(excerpts.nth(i)).to_be_visible()
    rows = page.locator(".version-table tbody tr")
    assert rows.count() == len(VERSIONS)
    expect(page.locator(".version-filter__status")).to_have_text(f"符合条件的版本 {len(VERSIONS)} 个")
    assert page.console_errors == []


def test_filter_by_meeting_speaker_and_level(page, site_url):
    page.goto(f"{site_url}/compare/{ROLE.slug}/")
    for field in ("meeting", "speaker", "level"):
        value = str(VERSIONS[0][0].meta[field])
        expected = [v for v, _ in VERSIONS if str(v.meta[field]) == value]
        page.locator(f"form.version-filter select[name={field}]").select_option(value)
        expect(page.locator(".speech-excerpt:visible")).to_have_count(len(expected))
        expect(page.locator(".version-table tbody tr:visible")).to_have_count(len(expected))
        shown = page.locator(".speech-excerpt:visible")
        assert [shown.nth(i).get_attribute("data-source") for i in range(shown.count())] == [v.slug for v in expected]
        expect(page.locator(".version-filter__status")).to_have_text(f"符合条件的版本 {len(expected)} 个")
        page.locator(f"form.version-filter select[name={field}]").select_option("")
    expect(page.locator(".speech-excerpt:visible")).to_have_count(len(VERSIONS))
    assert page.console_errors == []


def test_static_pages_and_paged_table(context, paged_site_url):
    base, out = paged_site_url
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: r.url.startswith(base) or errors.append(r.url))
    count = len(VERSIONS)
    for n in range(2, count + 1):
        assert (out / "compare" / ROLE.slug / str(n) / "index.html").exists()
    assert not (out / "compare" / ROLE.slug / str(count + 1)).exists()
    nav = (out / "index.html").read_text(encoding="utf-8")
    assert f"compare/{ROLE.slug}/2/" not in nav  # further pages are not in the nav
    page.goto(f"{base}/compare/{ROLE.slug}/")
    assert page.locator(".speech-excerpt").count() == 1
    expect(page.locator(".version-table tbody tr:visible")).to_have_count(1)
    expect(page.locator(".version-filter__status")).to_have_text(f"符合条件的版本 {count} 个，第 1 / {count} 页")
    prev, nxt = page.locator("[data-version-page=prev]"), page.locator("[data-version-page=next]")
    expect(prev).to_be_disabled()
    nxt.click()
    expect(page.locator(".version-filter__status")).to_have_text(f"符合条件的版本 {count} 个，第 2 / {count} 页")
    row = page.locator(".version-table tbody tr:visible")
    expect(row).to_have_count(1)
    variant, section = VERSIONS[1]
    assert row.locator("td").first.inner_text() == version_labels(VERSIONS)[1]
    row.locator("a").click()  # the version's full text is on page 2
    page.wait_for_url(f"**/compare/{ROLE.slug}/2/#v-{variant.slug}-*")
    excerpt = page.locator(".speech-excerpt")
    assert excerpt.count() == 1 and excerpt.get_attribute("data-source") == variant.slug
    pager = page.locator(".version-pager").first
    expect(pager.locator("strong")).to_have_text("2")
    pager.get_by_role("link", name="1", exact=True).click()
    page.wait_for_url(f"**/compare/{ROLE.slug}/")
    assert errors == []
