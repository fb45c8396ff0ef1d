"""Defense in depth, in headless Chromium.

1. A hostile title, summary, alternative and placeholder description, injected into the checked model
   (as if they had got past the checks), render as text everywhere they appear: page title, nav,
   heading, home-page picker, search results, tooltips. Nothing runs, nothing is added to the DOM.
2. Every page works under its Content-Security-Policy, online, in the offline build over HTTP and
   from file://: the `page` fixture fails any test with a CSP violation in the console.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from speech_helpers import ROOT, VARIANTS

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "hooks"))
import inject_hostile  # noqa: E402

SLUG = inject_hostile.SLUG
INJECTED = 'img[src="x"], svg[onload], a[href^="javascript:"]'
INJECTED_SCRIPT = "[...document.scripts].some(s => s.text.includes('__pwned'))"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, mkdocs):
    """The real site built from a copy whose model carries hostile values (tests/fixtures/hooks/inject_hostile.py)."""
    project = tmp_path_factory.mktemp("hostile-site") / "project"
    project.mkdir()
    for name in ("docs", "data", "overrides", "scripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hook = (ROOT / "tests" / "fixtures" / "hooks" / "inject_hostile.py").as_posix()
    config = config.replace("  - overrides/hooks/variants.py\n", f"  - overrides/hooks/variants.py\n  - {hook}\n", 1)
    assert hook in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    out = project / "site"
    result = mkdocs("build", "--site-dir", str(out), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve(out)
    yield out, url
    server.shutdown()


def test_hostile_values_are_text_in_the_built_files(hostile_site):
    out, _ = hostile_site
    page = (out / "speeches" / SLUG / "index.html").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    index = (out / "search" / "phrase_index.json").read_text(encoding="utf-8")  # the searchable text
    for html in (page, home):
        assert "<img src=x" not in html and "<img src=\"x\"" not in html and "window.__pwned=2</script>" not in html
        assert 'href="javascript:' not in html and "<svg onload" not in html
    assert "&lt;img src=x onerror=" in page  # the title is there, as text
    assert "--8&lt;-- 'mkdocs.yml'" in page or "--8&lt;-- &#x27;mkdocs.yml&#x27;" in page  # the snippet line, as text
    assert "site_name" not in page and "site_name" not in index  # and not the file it names
    assert "<img" not in index and "<script" not in index and "<svg" not in index


def test_hostile_values_render_as_text_in_chromium(page, hostile_site):
    _, url = hostile_site
    page.goto(f"{url}/speeches/{SLUG}/")
    expect(page.locator("h1")).to_contain_text(inject_hostile.TITLE)
    assert page.title().startswith(inject_hostile.TITLE)
    nav = page.locator(f'.md-nav--primary a[href$="{SLUG}/"]').first
    expect(nav).to_contain_text(inject_hostile.TITLE)
    expect(page.locator(".admonition.tip li")).to_have_text(inject_hostile.ALTERNATIVE)
    expect(page.locator(".variant-summary")).to_have_text(inject_hostile.SUMMARY)
    placeholder = page.locator(f'.speech .ph[data-ph="{inject_hostile.PLACEHOLDER}"]').first
    assert placeholder.get_attribute("data-ph-desc") == inject_hostile.DESCRIPTION
    placeholder.hover()
    expect(page.locator("#ph-tip")).to_contain_text(inject_hostile.DESCRIPTION)
    assert page.locator(f"{INJECTED}, #ph-tip img, .md-nav img, h1 img").count() == 0
    assert page.evaluate(INJECTED_SCRIPT) is False
    page.goto(f"{url}/")
    expect(page.locator(f'.md-content a[href$="speeches/{SLUG}/"]').first).to_have_text(inject_hostile.TITLE)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("标题")
    page.locator(".md-search__input").press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None


def _pages(site: Path, suffix: str) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob(suffix) if p.name != "404.html")


def test_every_page_works_under_its_policy_online(page, built_site, site_url):
    """Each page loads with the policy in force and Material and our scripts start; instant
    navigation between pages and the search worker raise no violation either."""
    for uri in _pages(built_site, "index.html"):
        page.goto(f"{site_url}/{uri[: -len('index.html')]}")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy and "object-src 'none'" in policy
        expect(page.locator(".md-search__input")).to_be_attached()
    page.goto(f"{site_url}/")
    page.locator(f'.md-content a[href$="speeches/{SLUG}/"]').first.click()  # instant navigation
    expect(page.locator(".fill-dock__open")).to_be_visible()
    _search(page, "巡察")


def _search(page, query: str) -> None:
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(query)
    page.locator(".md-search__input").press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.fixture(scope="module")
def offline_url(offline_site):
    server, url = serve(offline_site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("where", ["http", "file"])
def test_offline_build_works_under_its_policy(page, offline_site, offline_url, where):
    base = offline_url if where == "http" else offline_site.as_uri()
    for uri in _pages(offline_site, "*.html"):
        page.goto(f"{base}/{uri}")
        expect(page.locator(".md-search__input")).to_be_attached()
    page.goto(f"{base}/speeches/{SLUG}.html")
    expect(page.locator(".fill-dock__open")).to_be_visible()
    expect(page.locator(".speech-copy").first).to_be_visible()
    _search(page, "巡察")  # under file:// the search worker runs in the iframe-worker shim's frame
    assert page.console_errors == []


def test_policy_blocks_an_inline_script_the_build_did_not_write(page, built_site, tmp_path):
    """The policy is really enforced: an inline script added after the build does not run."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    target = copy / "speeches" / SLUG / "index.html"
    html = target.read_text(encoding="utf-8")
    target.write_text(html.replace("</body>", "<script>window.__pwned = 1</script></body>"), encoding="utf-8")
    server, url = serve(copy)
    try:
        page.goto(f"{url}/speeches/{SLUG}/")
        expect(page.locator(".fill-dock__open")).to_be_visible()
        assert page.evaluate("window.__pwned") is None
        assert any("Content Security Policy" in text for text in page.csp_violations)
    finally:
        server.shutdown()
    page.csp_violations.clear()  # the violation was the point of this test


def test_policy_directives_come_from_data():
    directives = yaml.safe_load((ROOT / "data" / "csp.yml").read_text(encoding="utf-8"))
    assert "'unsafe-eval'" not in directives["script-src"] and "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    assert SLUG in VARIANTS
