"""Shared fixtures: one strict build of the real site per test session, and a local HTTP server."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from project_copy import copy_project  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
# The build reads SITE_URL and REPO_URL: a developer's own values must not change what the tests see.
ENV = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")} | {"NO_MKDOCS_2_WARNING": "1"}
# The address the session's site is built for, as CI builds for GitHub Pages (a path below a host).
PUBLISHED_AT = "https://example.org/xuncha/"


def pytest_configure(config):
    # `make test-fast` skips tests/browser and these: a test that takes tens of seconds on its own
    # (a real renderer such as LibreOffice, a benchmark run) gets @pytest.mark.slow.
    config.addinivalue_line("markers", "slow: left out of `make test-fast` (takes tens of seconds on its own)")


def run_mkdocs(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run mkdocs as a user would (from the project root), capturing output; `env` adds variables."""
    return subprocess.run([*MKDOCS, *args], cwd=cwd, env=ENV | (env or {}), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def mkdocs():
    """`mkdocs(*args, cwd=...)`: run MkDocs as a user would, output captured."""
    return run_mkdocs


@pytest.fixture(scope="session")
def published_at() -> str:
    return PUBLISHED_AT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with strict: true (the config sets it) for the address PUBLISHED_AT,
    as deployed. Served from 127.0.0.1 it behaves as before: instant navigation stays off, since
    Material only follows sitemap links on the host the site was built for."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_mkdocs("build", "--strict", "--site-dir", str(out), env={"SITE_URL": PUBLISHED_AT})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The intranet build (mkdocs.offline.yml): no instant navigation, usable from file://."""
    out = tmp_path_factory.mktemp("offline") / "site"
    result = run_mkdocs("build", "--strict", "-f", "mkdocs.offline.yml", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> str:
    """Serve the built site on 127.0.0.1 (a free port) for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project, for tests that feed the build bad input."""
    return copy_project(tmp_path / "project")
