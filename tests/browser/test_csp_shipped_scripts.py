"""The Content-Security-Policy hashes only the inline scripts we ship (issue 23 §0), in Chromium.

A page of the real built site gets a script where SITE_URL lands (the canonical link) and where a
data value lands (the page description), as if a template had printed them raw. The CSP hook, given
that page, refuses it (the build would stop), and the policy it computes for it hashes Material's own
inline scripts as this page renders them but not the injected ones: in Chromium the page works and
the injected scripts do not run. (The old hook hashed every inline script of the finished page, so
an injected one was whitelisted along with the rest.)
"""
from __future__ import annotations

import importlib.util
import re
import shutil

import pytest
from playwright.sync_api import expect

from speech_helpers import ROOT, VARIANTS
from test_escaping_and_csp import serve

SLUG = sorted(VARIANTS)[0]
THROUGH_SITE_URL = '"><script>window.__pwned_by_site_url=1</script><link rel="x" href="'
THROUGH_DATA = '"><script>window.__pwned_by_data=1</script><meta name="x" content="'


def load_csp_hook():
    spec = importlib.util.spec_from_file_location("hook_csp_browser", ROOT / "overrides" / "hooks" / "csp.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def injected(built_site, tmp_path_factory, published_at):
    """A copy of the built site whose template page carries the two injected scripts and the policy the
    hook computes for exactly that page."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from speechkit.outputs import site

    csp = load_csp_hook()
    config = load_config(str(ROOT / "mkdocs.yml"), site_url=published_at)
    copy = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(built_site, copy)
    target = copy / "speeches" / SLUG / "index.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", target.read_text(encoding="utf-8"), count=1)
    html = re.sub(r'(<link rel="canonical" href="[^"]*)', lambda m: m.group(1) + THROUGH_SITE_URL, html, count=1)
    html = re.sub(r'(<meta name="description" content="[^"]*)', lambda m: m.group(1) + THROUGH_DATA, html, count=1)
    assert html.count("window.__pwned_by_") == 2
    csp._context.clear()
    csp._context.update({"config": config, "base_url": "../.."})
    site.command = "build"
    page = type("Page", (), {"file": type("File", (), {"src_uri": f"speeches/{SLUG}.md"})()})()
    with pytest.raises(PluginError, match=f"页面 speeches/{SLUG}.md 里有一段内联脚本不是本站模板写出的"):
        csp.on_post_page(html, page=page, config=config)  # the build refuses the page
    policy = csp.policy(config, html)
    assert csp.sha256("window.__pwned_by_site_url=1") not in policy and csp.sha256("window.__pwned_by_data=1") not in policy
    head = re.search(r"<head[^>]*>\s*(?:<meta charset=[^>]*>)?", html)
    html = html[: head.end()] + f'<meta http-equiv="Content-Security-Policy" content="{csp._attribute(policy)}">' + html[head.end() :]
    target.write_text(html, encoding="utf-8")
    server, url = serve(copy)
    yield url
    server.shutdown()


def test_injected_scripts_do_not_run_and_ours_do(page, injected):
    page.goto(f"{injected}/speeches/{SLUG}/")
    expect(page.locator(".fill-dock__open")).to_be_visible()  # our scripts run
    assert page.evaluate("typeof __md_get") == "function"  # Material's inline script, hashed as this page renders it
    assert page.evaluate("window.__pwned_by_site_url") is None
    assert page.evaluate("window.__pwned_by_data") is None
    blocked = [text for text in page.csp_violations if "inline script" in text or "script-src" in text]
    assert len(blocked) >= 2, page.csp_violations
    page.csp_violations.clear()  # the violations were the point of this test
