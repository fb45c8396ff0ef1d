"""The contributor's path: 编辑此页 and 反馈/纠错 under every page without repo_url, the issue forms
they open, `make new` on a fresh copy, drafts labelled wherever listed, and a preview that keeps
answering while a variant fails."""
from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from speechkit.base import ROOT

ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def speeches(project: Path, *args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """scripts/speeches.py in `project`, as `make` runs it (stdin not a terminal)."""
    return subprocess.run([sys.executable, "scripts/speeches.py", *args], cwd=project, env={**ENV, **(env or {})},
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, **kwargs)


# --- 编辑此页 and 反馈/纠错 ----------------------------------------------------------------------------

def test_every_page_links_edit_and_feedback_without_calling_the_github_api(built_site):
    pages = [p for p in built_site.rglob("*.html") if p.name == "index.html" and p.parent.name != "404"]
    assert len(pages) > 10
    repository = os.environ.get("REPO_URL", "")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="page-actions".*?</nav>', html, re.S)
        assert nav, page
        links = re.findall(r'href="([^"]+)"', nav.group(0))
        assert len(links) == 2 and "反馈/纠错" in nav.group(0), page
        if not repository:
            assert all(re.fullmatch(r"[./a-z]*#(?:improve|markers|feedback)", link) for link in links), (page, links)
        assert "api.github.com" not in html and 'class="md-source"' not in html  # no repo_url widget


def _config_and_page(monkeypatch, uri: str, generated: bool = False):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    monkeypatch.setenv("REPO_URL", "https://github.com/example/speeches")
    monkeypatch.setenv("SITE_URL", "https://example.org/speeches/")
    config = load_config(str(ROOT / "mkdocs.yml"))
    file = File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    if generated:
        file.generated_by = "generated_pages"  # as File.generated marks it during a build
    page = Page("甲乙<丙>", file, config)
    return config, page


def _page_actions(page, config) -> dict:
    """What the hook hands the template (overrides/main.html) for `page`."""
    spec = importlib.util.spec_from_file_location("hook_page_actions", ROOT / "overrides" / "hooks" / "page_actions.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook.on_page_context({}, page=page, config=config, nav=None)["page_actions"]


def test_with_a_repository_the_links_open_the_source_and_the_issue_form(monkeypatch):
    from speechkit.outputs import FEEDBACK_FORM

    config, page = _config_and_page(monkeypatch, "speeches/district-entry-mobilization.md")
    actions = _page_actions(page, config)
    assert actions["edit"] == "https://github.com/example/speeches/edit/main/docs/speeches/district-entry-mobilization.md"
    assert actions["edit_label"] == "编辑此页"
    assert actions["feedback"].startswith(f"https://github.com/example/speeches/issues/new?template={FEEDBACK_FORM}&")
    assert "page=https%3A%2F%2Fexample.org%2Fspeeches%2Fspeeches%2Fdistrict-entry-mobilization%2F" in actions["feedback"]
    assert "%3C" in actions["feedback"] and "<" not in actions["feedback"]  # the title is URL-encoded
    config, generated = _config_and_page(monkeypatch, "compare/tifa.md", generated=True)
    assert _page_actions(generated, config)["edit"] == "../../contributing/format/#markers"


def test_issue_forms_are_valid_and_match_the_feedback_link():
    forms = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in ISSUE_FORMS.glob("*.yml")}
    assert set(forms) == {"config.yml", "correction.yml", "new-variant.yml", "tifa-update.yml"}
    assert forms.pop("config.yml") == {"blank_issues_enabled": True}
    for name, form in forms.items():
        assert form["name"] and form["description"] and form["title"], name
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), name
        assert any(item.get("validations", {}).get("required") for item in form["body"]), name
    assert "page" in [item.get("id") for item in forms["correction.yml"]["body"]]  # filled in by page_actions.py


# --- make new and drafts ----------------------------------------------------------------------------

def test_make_new_then_make_check_passes_as_a_draft_on_a_fresh_copy(project_copy):
    made = speeches(project_copy, "new")
    assert made.returncode == 0, made.stdout + made.stderr
    [draft] = [p for p in (project_copy / "docs" / "speeches").glob("new-speech*.md")]
    text = draft.read_text(encoding="utf-8")
    assert "status: 草稿" in text and "骨架文件" not in text
    checked = speeches(project_copy, "check", "--strict")
    assert checked.returncode == 0, checked.stdout
    assert "0 个错误，0 个警告，草稿中" in checked.stdout and "待完成" in checked.stdout and "下一步：" in checked.stdout
    again = speeches(project_copy, "new")  # a second one gets its own name and title
    assert again.returncode == 0 and len(list((project_copy / "docs" / "speeches").glob("new-speech*.md"))) == 2
    assert speeches(project_copy, "check", "--strict").returncode == 0


def test_make_new_takes_values_refuses_unregistered_ones_and_never_overwrites(project_copy):
    values = {"NAME": "county-chair", "TITLE": "县委巡察进驻动员会主持词", "MEETING": "巡察进驻动员会", "SPEAKER": "会议主持人"}
    made = speeches(project_copy, "new", env=values)
    assert made.returncode == 0, made.stderr
    target = project_copy / "docs" / "speeches" / "county-chair.md"
    text = target.read_text(encoding="utf-8")
    assert "title: 县委巡察进驻动员会主持词\nmeeting: 巡察进驻动员会\nspeaker: 会议主持人" in text
    again = speeches(project_copy, "new", env={**values, "TITLE": "另一个标题"})
    assert again.returncode == 1 and "已经存在，没有覆盖" in again.stderr
    assert target.read_text(encoding="utf-8") == text
    wrong = speeches(project_copy, "new", env={**values, "NAME": "other", "MEETING": "巡察座谈会"})
    assert wrong.returncode == 1 and "会议类型“巡察座谈会”不在登记的范围内" in wrong.stderr and "巡察反馈会" in wrong.stderr
    taken = speeches(project_copy, "new", env={**values, "NAME": "other"})
    assert taken.returncode == 1 and "已有一篇模板用了这个标题" in taken.stderr
    for result in (made, again, wrong, taken):
        assert "Traceback" not in result.stdout + result.stderr


def test_drafts_are_labelled_wherever_they_are_listed(project_copy, mkdocs):
    assert speeches(project_copy, "new", env={"NAME": "draft-one", "TITLE": "测试草稿讲话"}).returncode == 0
    out = project_copy / "site-out"
    result = mkdocs("build", "--strict", "--site-dir", str(out), cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    label = '<span class="draft-label">草稿</span>'
    home = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="speeches/draft-one/">测试草稿讲话</a> {label}', home)
    listing = (out / "speeches" / "index.html").read_text(encoding="utf-8")  # navigation.prune: the 讲话模板 section's nav is on its own pages
    assert re.search(r'md-nav__link[^>]*>\s*草稿', listing)  # the nav's 草稿 group (its text unwrapped: nav_labels.py)
    matrix = (out / "compare" / "matrix" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"测试草稿讲话</a> {label}", matrix)
    significance = (out / "compare" / "significance" / "index.html").read_text(encoding="utf-8")
    assert "测试草稿讲话（草稿）" in significance
    page = (out / "speeches" / "draft-one" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"草稿：还有 \d+ 处待完成", page) and "缺少“用途：”说明" in page
    for published in ("district-entry-mobilization", "city-special-linkage"):
        assert "草稿：还有" not in (out / "speeches" / published / "index.html").read_text(encoding="utf-8")


# --- make serve ---------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except OSError:
        return 0, ""


def _wait_for(url: str, needle: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and needle in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {needle!r} within {seconds} s")


def test_serve_keeps_answering_while_a_variant_fails_and_refreshes_when_fixed(project_copy):
    speeches_dir = project_copy / "docs" / "speeches"
    good = (speeches_dir / "district-entry-mobilization.md").read_text(encoding="utf-8")
    broken = good.replace("<!-- role: 意义 -->", "<!-- role: 意思 -->", 1).replace("status: 可用", "status: 可用\nextra_field: 1", 1)
    (speeches_dir / "district-entry-mobilization.md").write_text(broken, encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "scripts/speeches.py", "serve", "--port", str(port)], cwd=project_copy, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        page = _wait_for(f"{base}/speeches/district-entry-mobilization/", "没有通过检查")
        assert "作用“意思”没有登记" in page and "改法：" in page and "YAML 头部有未登记的字段 extra_field" in page
        assert _get(f"{base}/")[0] == 200 and _get(f"{base}/speeches/city-special-linkage/")[0] == 200
        (speeches_dir / "district-entry-mobilization.md").write_text(good, encoding="utf-8")
        fixed = _wait_for(f"{base}/speeches/district-entry-mobilization/", "结构一览")
        assert "没有通过检查" not in fixed
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output and "作用“意思”没有登记" in output


def test_serve_explains_a_taken_port_in_chinese(project_copy):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = speeches(project_copy, "serve", env={"PORT": str(port)})
    assert result.returncode == 1
    assert f"端口 {port} 已被占用" in result.stderr and "make serve PORT=" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("target", ["serve", "new", "import"])
def test_make_targets_reach_the_command_line(target):
    dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
    assert f"scripts/speeches.py {target}" in dry.stdout
