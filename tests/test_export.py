"""The engine seam: `scripts/speeches.py export OUT/` writes everything the MkDocs hooks add in memory,
and it is what the build produced.

A copy of the project (in a git repository of its own, so the 更新记录 page and each template's 最近更新
line have a history) is built by MkDocs with the real hooks plus a recording one
(tests/fixtures/hooks/capture.py), then exported. The tests compare: every file a hook added, each
page's Markdown as MkDocs rendered it, the HTML put into pages after Markdown, the search index; then
MkDocs builds the export with no hooks at all, as a successor engine that ignores `hooks:` would.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from project_copy import copy_project
from speechkit.outputs import SPEECH_MARKER, escaped_meta, page_url, relative_url, split_front_matter

ROOT = Path(__file__).resolve().parents[1]
CAPTURE_HOOK = ROOT / "tests" / "fixtures" / "hooks" / "capture.py"
ENV = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")} | {
    "NO_MKDOCS_2_WARNING": "1",
    "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "test@example.org",
}
TAGS = re.compile(r"<[^>]+>")


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=ENV | (env or {}), capture_output=True, text=True, timeout=900)


def docx_parts(data: bytes) -> dict[str, bytes]:
    """A Word file's parts (the zip's members carry the time they were written, the parts do not)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def script_docx(text: str) -> bytes:
    """The .docx bytes a downloads/<slug>.docx.js registers (outputs/downloads.py, docx_script)."""
    return base64.b64decode(re.search(r'= "([A-Za-z0-9+/=]+)";', text).group(1))


@pytest.fixture(scope="module")
def seam(tmp_path_factory) -> SimpleNamespace:
    base = tmp_path_factory.mktemp("seam")
    project = copy_project(base / "project")
    for command in (["git", "-c", "init.defaultBranch=main", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "全部模板"]):
        assert run(*command, cwd=project).returncode == 0
    hooks = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["hooks"]  # no !ENV needed
    config = project / "mkdocs.capture.yml"  # the real configuration with the recording hook last (lists replace)
    config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "hooks": [*hooks, CAPTURE_HOOK.as_posix()]}), encoding="utf-8")
    built = run(sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(base / "site"),
                cwd=project, env={"CAPTURE_DIR": str(base / "capture")})
    assert built.returncode == 0, built.stdout + built.stderr
    exported = run(sys.executable, "scripts/speeches.py", "export", str(base / "export"), cwd=project)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    manifest = json.loads((base / "export" / "manifest.json").read_text(encoding="utf-8"))
    return SimpleNamespace(project=project, site=base / "site", capture=base / "capture", export=base / "export",
                           manifest=manifest, files={f["path"]: f for f in manifest["files"]}, output=exported.stdout + exported.stderr)


def exported(seam, kind: str) -> list[dict]:
    return [f for f in seam.manifest["files"] if f["kind"] == kind]


@pytest.mark.slow  # a full build and an export
def test_every_file_a_hook_adds_is_exported_as_the_build_had_it(seam):
    added = sorted(p.relative_to(seam.capture / "files").as_posix() for p in (seam.capture / "files").rglob("*") if p.is_file())
    assert len(added) > 50 and any(uri.endswith(".docx") for uri in added) and "changes.md" in added
    for uri in added:
        assert f"docs/{uri}" in seam.files, f"the build adds {uri}; the export does not (call its speechkit function in outputs/export.py)"
        built, ours = (seam.capture / "files" / uri).read_bytes(), (seam.export / "docs" / uri).read_bytes()
        if uri.endswith(".docx"):
            assert docx_parts(built) == docx_parts(ours), uri
        elif uri.endswith(".docx.js"):
            assert docx_parts(script_docx(built.decode())) == docx_parts(script_docx(ours.decode())), uri
            assert re.sub(r'"[A-Za-z0-9+/=]+"', "", built.decode()) == re.sub(r'"[A-Za-z0-9+/=]+"', "", ours.decode()), uri
        elif uri.endswith(".md"):  # the body is compared as rendered (next test); the metadata as the theme reads it
            meta, _ = split_front_matter(ours.decode())
            meta.pop("search")  # the export's pages leave the engine's own search out
            meta.pop("page_actions")  # what the page_actions hook hands the theme (compared in the last test)
            assert meta == escaped_meta(split_front_matter(built.decode())[0]), uri
        else:
            assert built == ours, uri


@pytest.mark.slow
def test_each_page_is_the_markdown_the_build_rendered_with_its_html_in_place(seam):
    rendered = {p.relative_to(seam.capture / "markdown").as_posix(): p.read_text(encoding="utf-8")
                for p in (seam.capture / "markdown").rglob("*.md")}
    pages = {f["page"]: f for f in exported(seam, "page")}
    assert set(pages) == set(rendered)
    fragments = exported(seam, "fragment")
    templates = [p for p in (seam.project / "docs" / "speeches").glob("*.md") if not p.name.startswith("_") and p.name != "index.md"]
    assert sorted(f["page"] for f in fragments if f["marker"] == SPEECH_MARKER) == sorted(f"speeches/{p.name}" for p in templates)
    assert any(f["marker"].startswith("<!-- excerpt ") for f in fragments)
    for uri, markdown in rendered.items():
        for fragment in (f for f in fragments if f["page"] == uri):
            assert fragment["marker"] in markdown, (uri, fragment["marker"])
            markdown = markdown.replace(fragment["marker"], (seam.export / fragment["path"]).read_text(encoding="utf-8"))
        meta, body = split_front_matter((seam.export / pages[uri]["path"]).read_text(encoding="utf-8"))
        assert body == markdown, uri
        assert meta["search"] == {"exclude": True}, uri


@pytest.mark.slow
def test_the_html_put_in_after_markdown_is_the_html_the_build_put_in(seam):
    for fragment in exported(seam, "fragment"):
        built = (seam.capture / "html" / f"{fragment['page']}.html").read_text(encoding="utf-8")
        ours, folds = _without_folds((seam.export / fragment["path"]).read_text(encoding="utf-8"))
        assert len(ours) > 200 and ours in built, fragment["path"]
        # its closed blocks' bodies: in the page's one template, under the same keys (outputs/folds.py)
        assert all(body in built for body in folds), fragment["path"]
    speech = next(f for f in exported(seam, "fragment") if f["marker"] == SPEECH_MARKER)
    html = (seam.export / speech["path"]).read_text(encoding="utf-8")
    slug = Path(speech["page"]).stem
    assert f'data-speech="{slug}"' in html and f'href="../../downloads/{slug}.docx"' in html


FOLDS = re.compile(r'\n<div class="speech-folds" hidden><template>(.*)</template></div>\n$', re.S)


def _without_folds(fragment: str) -> tuple[str, list[str]]:
    """A fragment without the template its own folding put at its end, and that template's bodies."""
    m = FOLDS.search(fragment)
    if not m:
        return fragment, []
    return fragment[: m.start()], re.findall(r'<div data-fold="[0-9a-f]+">', m.group(1))


@pytest.mark.slow
def test_the_search_index_is_the_one_the_build_wrote(seam):
    built = json.loads((seam.site / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    ours = json.loads((seam.export / "docs" / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    assert len(built["docs"]) > 100 and built["phrase"]["pages"]
    assert ours == built


@pytest.mark.slow
def test_the_manifest_names_every_file_its_page_and_its_maker(seam):
    on_disk = {p.relative_to(seam.export).as_posix() for p in seam.export.rglob("*") if p.is_file()}
    assert on_disk == set(seam.files) | {"manifest.json"}
    assert seam.manifest["format"] == 1 and seam.manifest["directory_urls"] is True
    for path, entry in seam.files.items():
        data = (seam.export / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data), path
        assert entry["kind"] in {"page", "fragment", "file", "download", "asset", "search", "config"} and entry["producer"], path
        if "site" in entry:  # where an engine publishes it is where MkDocs did
            assert (seam.site / entry["site"]).is_file(), (path, entry["site"])
    for entry in exported(seam, "download"):
        if entry["path"] == "docs/downloads/draft_check.docx":  # the 检查讲话稿 page's blank document
            assert entry["page"] == "check.md" and entry["producer"] == "speechkit.outputs.draft_check_files"
        elif "/meetings/" in entry["path"]:  # 下载整场会议: offered on the 会议流程 page, not owned by one template
            assert "page" not in entry and entry["producer"] in ("speechkit.outputs.word_files", "speechkit.outputs.docx_script")
        elif entry["path"].endswith(".docx"):  # a template's file and its 大字版 (their .docx.js twins come from docx_script)
            slug = Path(entry["path"]).name.removesuffix(".docx").removesuffix(".large")
            assert entry["page"] == f"speeches/{slug}.md" and entry["producer"] == "speechkit.outputs.word_files"
    assert seam.files["docs/changes.md"]["producer"] == "speechkit.outputs.changes_page"
    assert seam.files["docs/index.md"]["source"] == "docs/index.md"  # our own page, its markers filled
    assert "最近更新：" in (seam.export / "docs" / "speeches" / "district-entry-chair.md").read_text(encoding="utf-8")  # history read
    assert "已导出" in seam.output and "检查通过" in seam.output


@pytest.mark.slow
def test_an_engine_without_our_hooks_builds_the_export(seam):
    """What a successor that ignores `hooks:` does with it: MkDocs itself, with the export's own
    configuration (no hooks), strict. The speech is in each template page as the hooks put it."""
    config = yaml.load((seam.export / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["hooks"] == [] and config["docs_dir"] == "docs" and config["strict"] == "true"
    built = run(sys.executable, "-m", "mkdocs", "build", "-f", str(seam.export / "mkdocs.yml"), cwd=seam.export)
    assert built.returncode == 0, built.stdout + built.stderr
    site = seam.export / "site"
    pages = {f["page"]: f for f in exported(seam, "page")}
    for fragment in exported(seam, "fragment"):
        page = (site / pages[fragment["page"]]["site"]).read_text(encoding="utf-8")
        html = (seam.export / fragment["path"]).read_text(encoding="utf-8")
        if fragment["marker"] == SPEECH_MARKER:
            assert html in page, fragment["path"]  # as it is: Markdown leaves a block of HTML alone
        else:  # inside the comparison page's `markdown` block: re-serialised, the same text
            assert " ".join(TAGS.sub(" ", html).split()) in " ".join(TAGS.sub(" ", page).split()), fragment["path"]
    # 编辑此页 and 反馈/纠错: from the front matter, the links the hook gave every page of the real build
    actions = re.compile(r'<nav class="page-actions".*?</nav>', re.S)
    for entry in exported(seam, "page"):
        ours = actions.findall((site / entry["site"]).read_text(encoding="utf-8"))
        assert ours and ours == actions.findall((seam.site / entry["site"]).read_text(encoding="utf-8")), entry["page"]
    assert (site / "search" / "phrase_index.json").read_bytes() == (seam.export / "docs" / "search" / "phrase_index.json").read_bytes()
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []  # Material's search: left out


# --- without a build ---------------------------------------------------------------------------------

@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_urls_and_links_are_mkdocs_own(directory_urls):
    """outputs/urls.py, which the export uses without an engine, against MkDocs' File.url and get_relative_url."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    uris = ["index.md", "changes.md", "speeches/index.md", "speeches/district-entry-chair.md", "compare/opening/2.md", "README.md"]
    urls = []
    for uri in uris:
        url = File(uri, "docs", "site", directory_urls).url
        assert page_url(uri, directory_urls) == ("" if url in (".", "./") else url), uri
        urls.append(url)
    for url in [*urls, "downloads/x.docx", "assets/javascripts/speech-kit.js"]:
        for base in urls:
            assert relative_url(url, base) == get_relative_url(url, base), (url, base)


def test_export_refuses_what_the_build_refuses_and_writes_nothing(project_copy, tmp_path):
    variant = project_copy / "docs" / "speeches" / "district-entry-chair.md"
    variant.write_text(variant.read_text(encoding="utf-8").replace("同志们：", "同志们：【不存在的名称】", 1), encoding="utf-8")
    out = tmp_path / "export"
    result = run(sys.executable, "scripts/speeches.py", "export", str(out), cwd=project_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "讲话稿检查未通过" in result.stderr and "district-entry-chair.md:" in result.stderr and "没有生成网站" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
    assert not list(tmp_path.glob(".export.*"))  # no half-written folder left beside it


def test_export_never_replaces_a_folder_it_did_not_write(tmp_path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("我的笔记", encoding="utf-8")
    result = run(sys.executable, str(ROOT / "scripts" / "speeches.py"), "export", str(out), cwd=ROOT)
    assert result.returncode == 1 and "不是以前导出的文件夹" in result.stderr and "改法：" in result.stderr, result.stderr
    assert (out / "mine.txt").read_text(encoding="utf-8") == "我的笔记" and len(list(out.iterdir())) == 1


def test_export_refuses_a_site_url_the_build_refuses(tmp_path):
    """SITE_URL and REPO_URL reach every exported page (编辑此页, 反馈): the same check as the build's first hook."""
    out = tmp_path / "export"
    for name, value in (("SITE_URL", 'https://example.org/"><script>alert(1)</script>'), ("REPO_URL", "javascript:alert(1)")):
        result = run(sys.executable, str(ROOT / "scripts" / "speeches.py"), "export", str(out), cwd=ROOT, env={name: value})
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"{name}“" in result.stderr and "不能用" in result.stderr and "改法：" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and not out.exists()
