"""Browser fixtures: Debian's chromium driven by Playwright for Python (never `playwright install`)."""
from __future__ import annotations

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


@pytest.fixture()
def page(context, site_url):
    """A page that records console errors and every request that leaves 127.0.0.1."""
    page = context.new_page()
    page.console_errors = []
    page.foreign_requests = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))

    def record(request):
        url = request.url
        if not (url.startswith(site_url) or url.startswith("data:") or url.startswith("blob:") or url.startswith("file:")):
            page.foreign_requests.append(url)

    page.on("request", record)
    yield page
    assert page.foreign_requests == [], f"requests to other hosts: {page.foreign_requests}"
