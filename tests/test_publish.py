"""Publishing: every page has a title, its own description and a canonical address under SITE_URL;
the sitemap lists them; no build points at a local address; the 更新记录 page holds the real history."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from speechkit.base import ROOT
from speechkit.checking import load_corpus
from speechkit.history import load_settings

CORPUS = load_corpus()


class _Head(HTMLParser):
    """The <title>, meta description and canonical link of a page."""

    def __init__(self):
        super().__init__()
        self.title, self.description, self.canonical, self._in_title = None, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
            self.title = ""
        elif tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path, published_at: str) -> dict[str, Path]:
    """Every page by its address (404.html is served for missing addresses and has none)."""
    return {published_at + (f"{p.parent.relative_to(site).as_posix()}/" if p.parent != site else ""): p for p in sorted(site.rglob("index.html"))}


def test_every_page_has_a_title_its_own_description_and_a_canonical_address(built_site, published_at):
    found = pages(built_site, published_at)
    assert len(found) >= 20
    titles, descriptions = {}, {}
    for address, path in found.items():
        head = head_of(path)
        assert head.title and head.title.strip().endswith("巡察会议讲话模板"), path
        assert head.canonical == address, path
        assert head.description and len(head.description) >= 20, path
        titles.setdefault(head.title, []).append(address)
        descriptions.setdefault(head.description, []).append(address)
    assert [a for a in titles.values() if len(a) > 1] == []
    assert [a for a in descriptions.values() if len(a) > 1] == []  # no page falls back to the site-wide text


@pytest.mark.parametrize("variant", CORPUS.variants, ids=lambda v: v.slug)
def test_template_description_is_its_summary(built_site, variant):
    head = head_of(built_site / "speeches" / variant.slug / "index.html")
    assert head.description == variant.meta["summary"]


def test_sitemap_lists_every_page_under_site_url(built_site, published_at):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert sorted(locs) == sorted(pages(built_site, published_at))
    assert all(loc.startswith(published_at) for loc in locs)


def test_site_url_comes_from_the_environment_only(monkeypatch):
    """Only `mkdocs serve` may use a local address (it sets its own); the offline build has none."""
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.chdir(ROOT)
    assert load_config("mkdocs.yml").site_url is None
    monkeypatch.setenv("SITE_URL", "https://example.org/xuncha")
    assert load_config("mkdocs.yml").site_url == "https://example.org/xuncha/"
    assert load_config("mkdocs.offline.yml").site_url is None


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def _yaml_at(revision: str, path: str):
    """A data file's parsed content at a revision (None where it did not exist)."""
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{path}"], capture_output=True, text=True)
    return yaml.safe_load(shown.stdout) if shown.returncode == 0 else None


def _full_history() -> bool:
    try:
        return _git("rev-parse", "--is-shallow-repository") == "false"
    except (OSError, subprocess.CalledProcessError):
        return False


@pytest.mark.skipif(not _full_history(), reason="needs the repository's full history (CI checks out with fetch-depth: 0)")
def test_changes_page_lists_the_real_history(built_site):
    html = (built_site / "changes" / "index.html").read_text(encoding="utf-8")
    for variant in CORPUS.variants:
        path = variant.path.relative_to(ROOT).as_posix()
        added = _git("log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--format=%cs", "--no-patch", "--", path).splitlines()[-1]
        latest = _git("log", "-1", "--first-parent", "--format=%cs", "--", path)
        section = html.split(f'id="{variant.slug}"', 1)[1].split("<h3", 1)[0]
        assert f"{added}\u3000新增模板。" in section, variant.slug
        assert latest in section
        page = (built_site / "speeches" / variant.slug / "index.html").read_text(encoding="utf-8")
        line = re.search(r'<p class="last-change">(.*?)</p>', page, re.S).group(1)
        assert line.startswith("最近更新：") and f'href="../../changes/#{variant.slug}"' in line
    # The 提法和登记表 list is capped: one line per commit and registry file whose data changed (a
    # comment-only edit gives none), newest first, files in path order within a commit. Only the
    # tifa.yml lines inside the cap carry the 提法变化 label.
    settings = load_settings(ROOT / "data")
    tracked = [f"data/{name}.yml" for name in settings["files"]]
    log = _git("log", "--first-parent", "--diff-merges=first-parent", "--format=@%H", "--name-only", "--", *tracked)
    lines = [path for block in log.split("@")[1:] for path in sorted(block.split()[1:])
             if _yaml_at(f"{block.split()[0]}^", path) != _yaml_at(block.split()[0], path)]
    shown = lines[: int(settings["data"])].count("data/tifa.yml")
    assert shown > 0
    data = html.split('id="data"', 1)[1]
    assert data.count("提法登记表：<strong>提法变化</strong>") == shown


def test_build_without_history_succeeds_and_says_so(project_copy, mkdocs):
    """A zip or a folder copy (no .git): the strict build passes and the page explains the gap."""
    out = project_copy / "site-out"
    env = {"GIT_CEILING_DIRECTORIES": str(project_copy.parent)}  # never find a repository above the copy
    result = mkdocs("build", "--strict", "--site-dir", str(out), cwd=project_copy, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    html = (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert "这次构建没有修改历史" in html and "不在 git 仓库里" in html
    page = (out / "speeches" / "district-entry-mobilization" / "index.html").read_text(encoding="utf-8")
    assert 'class="last-change"' not in page
    assert '<link rel="canonical"' not in page  # no SITE_URL: no address is made up
    assert "<loc>" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_a_bug_in_reading_history_does_not_stop_the_site(monkeypatch):
    """The page then says the history could not be read; no traceback, the rest of the site is built."""
    import importlib.util
    from types import SimpleNamespace

    from speechkit.outputs import site

    spec = importlib.util.spec_from_file_location("hook_changelog", ROOT / "overrides" / "hooks" / "changelog.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)

    def broken(*args, **kwargs):
        raise ValueError("unexpected git output")

    monkeypatch.setattr(hook, "load_history", broken)
    monkeypatch.setattr(site, "corpus", CORPUS)
    monkeypatch.setattr(site, "history", None)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))
    hook.on_config(config)
    assert "内部错误" in site.history.unavailable and "unexpected git output" in site.history.unavailable


def test_a_broken_changelog_setting_stops_a_build_but_not_the_preview(project_copy, monkeypatch):
    import importlib.util
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from speechkit.outputs import site

    (project_copy / "data" / "changelog.yml").write_text("recent: 20\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("hook_changelog", ROOT / "overrides" / "hooks" / "changelog.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.setattr(site, "corpus", CORPUS)
    monkeypatch.setattr(site, "history", None)
    config = SimpleNamespace(config_file_path=str(project_copy / "mkdocs.yml"), docs_dir=str(project_copy / "docs"))
    monkeypatch.setattr(site, "command", "build")
    with pytest.raises(PluginError, match=r"(?s)更新记录的设置有误.*changelog.yml:1: 文件缺少“files”.*改法："):
        hook.on_config(config)
    monkeypatch.setattr(site, "command", "serve")
    hook.on_config(config)
    assert "更新记录的设置有误" in site.history.unavailable
