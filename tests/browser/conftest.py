"""Browser fixtures: Debian's chromium driven by Playwright for Python (never `playwright install`)."""
from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS  # scripts/chromium.py, shared with the benchmark


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def context(browser):
    context = browser.new_context(locale="zh-CN", permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory):
    """The site built with a site_url that matches its local server. Material's instant navigation
    only follows links listed in sitemap.xml, whose URLs come from site_url (matched by protocol,
    host and port): mkdocs.yml takes it from SITE_URL, as a deployment would."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    out = tmp_path_factory.mktemp("instant") / "site"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=root,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"{base}/"}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


def is_csp_violation(text: str) -> bool:
    return "Content Security Policy" in text or text.startswith("Refused to")


@pytest.fixture()
def page(context, site_url):
    """A page that records console errors and every request that leaves 127.0.0.1, and fails the
    test on any Content-Security-Policy violation (every page must work under its policy)."""
    page = context.new_page()
    page.console_errors = []
    page.csp_violations = []
    page.foreign_requests = []

    def console(msg):
        if msg.type == "error":
            page.console_errors.append(msg.text)
        if is_csp_violation(msg.text):
            page.csp_violations.append(msg.text)

    page.on("console", console)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))

    def record(request):
        url = request.url
        local = url.startswith(site_url) or url.startswith("http://127.0.0.1:")  # this site, or another built in a test
        if not (local or url.startswith("data:") or url.startswith("blob:") or url.startswith("file:")):
            page.foreign_requests.append(url)

    page.on("request", record)
    yield page
    assert page.foreign_requests == [], f"requests to other hosts: {page.foreign_requests}"
    assert page.csp_violations == [], f"Content-Security-Policy violations: {page.csp_violations}"
