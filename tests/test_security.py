"""The walls one by one, without a browser: escaping, the alternatives grammar, the sanitiser, the
page-metadata hook, the docs/ layout, the Content-Security-Policy and the shared file-name rule."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest

from speechkit.base import DATA_DIR, ROOT, html_text, markdown_text
from speechkit.checking import load_corpus
from speechkit.outputs.render import _block_start, alternative_markdown, block_html, inline
from speechkit.reading import Block, load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "variants"
HOOKS = ROOT / "overrides" / "hooks"
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
HOSTILE = ['<img src=x onerror=alert(1)>', "</title><script>alert(1)</script>", "[点我](javascript:alert(1))", "![x](https://evil.example/x.png)",
           "*强调* _下划线_ `代码` {: .x } | 表格 | &lt;已转义&gt; &amp; \\ 反斜杠", '"引号" \'单引号\'']


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rendered_text(source: str) -> str:
    """What a reader sees: the Markdown rendered, tags stripped, entities decoded."""
    import html
    import re

    out = markdown.markdown(source, extensions=EXTENSIONS)
    assert "<img" not in out and "<script" not in out and "href=\"javascript" not in out, out
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_text_renders_as_exactly_the_text(value):
    assert rendered_text(markdown_text(value)) == value


@pytest.mark.parametrize("value", HOSTILE)
def test_html_text_is_inert_in_content_and_attributes(value):
    escaped = html_text(value)
    assert not set("<>\"'") & set(escaped)
    import html

    assert html.unescape(escaped) == value


def test_alternatives_link_only_to_variants():
    linked = alternative_markdown("市级改用[市委专项巡察讲话](city-special-linkage.md)。")
    assert '<a href="city-special-linkage.md">市委专项巡察讲话</a>' in markdown.markdown(linked)
    for value in HOSTILE + ["[外站](https://evil.example)", "[上级](../../mkdocs.yml)"]:
        out = markdown.markdown(alternative_markdown(value), extensions=EXTENSIONS)
        assert "<a " not in out and "<img" not in out and "<script" not in out, out


@pytest.mark.parametrize("start", ["!!! danger \"假\"", "??? note", "=== \"标签\"", "- 列表", "+ 列表", "# 标题", "> 引用", "1. 编号", ": 定义", "~~~ 围栏"])
def test_a_paragraph_stays_a_paragraph(start):
    """Speech paragraphs are written as HTML (never parsed as Markdown); a summary written as Markdown
    is guarded at its start."""
    registry = load_registry()
    out = markdown.markdown(block_html(Block(text=start + "正文", line=1), registry), extensions=EXTENSIONS)
    assert out.startswith('<p class="speech-text">'), out
    assert rendered_text(block_html(Block(text=start + "正文", line=1), registry)).startswith(start)
    summary = _block_start(inline(start + "正文", registry))
    assert markdown.markdown(summary, extensions=EXTENSIONS).startswith("<p>"), summary
    assert rendered_text(summary).startswith(start)


def test_sanitiser_keeps_our_markup_and_removes_scripts():
    sanitize = load_hook("sanitize")
    cleaner = sanitize.cleaner(DATA_DIR / "html_allowlist.yml")
    ours = ('<section class="speech-section" data-role="意义"><span class="ph" data-ph="本地" data-ph-desc="说明">【本地】</span>'
            '<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio"><label for="__tabbed_1_1">甲</label>'
            '<table><tbody><tr><td style="text-align: right;">1</td></tr></tbody></table><a href="../x/#part-1" class="headerlink" title="Permanent link">¶</a></section>')
    kept = cleaner.clean(ours)
    for piece in ('data-ph-desc="说明"', 'type="radio"', 'for="__tabbed_1_1"', 'href="../x/#part-1"', "text-align:right", 'class="speech-section"'):
        assert piece in kept.replace("text-align: right", "text-align:right"), kept
    hostile = ('<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">a</a><svg onload=alert(4)></svg>'
               '<iframe src="//evil.example"></iframe><input type="image" src=x><div style="background:url(//evil.example)" onclick="x()">d</div>')
    cleaned = cleaner.clean(hostile)
    for piece in ("onerror", "<script", "alert(2)", "javascript:", "<svg", "<iframe", 'type="image"', "background", "onclick"):
        assert piece not in cleaned, cleaned


def test_page_metadata_is_escaped_once_for_the_templates():
    safe_meta = load_hook("safe_meta")

    class FakePage(SimpleNamespace):
        title = None

    from_meta = FakePage(meta={"title": "甲<b>乙</b>", "description": "丙\"丁", "hide": ["navigation"], "search": {"exclude": True}})
    safe_meta.on_page_content("", page=from_meta, config=None, files=None)
    assert from_meta.meta == {"title": "甲&lt;b&gt;乙&lt;/b&gt;", "description": "丙&quot;丁", "hide": ["navigation"], "search": {"exclude": True}}
    from_nav = FakePage(meta={})
    from_nav.title = "共性段落<script>"
    safe_meta.on_page_content("", page=from_nav, config=None, files=None)
    assert from_nav.title == from_nav.meta["title"] == "共性段落&lt;script&gt;"


def _theme_config(tmp_path: Path, script: str = "var a=1"):
    """A config whose theme ships one template with one inline script (and one with a page value in it)."""
    (tmp_path / "main.html").write_text(f'<script>{script}</script><script>var b="{{{{ base_url }}}}"</script><script src="x.js"></script>', encoding="utf-8")
    import jinja2

    theme = SimpleNamespace(dirs=[str(tmp_path)], get_env=lambda: jinja2.Environment())
    return SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), extra={}, theme=theme, custom_dir=str(tmp_path))


def test_policy_allows_only_our_scripts_and_hashes_inline_ones(tmp_path):
    csp = load_hook("csp")
    config = _theme_config(tmp_path)
    csp._context.update({"base_url": ".."})
    html = ('<html><head><meta charset="utf-8"><script>var a=1</script><script>var b=".."</script>'
            '<script id="__config" type="application/json">{"search": "x.js"}</script><script src="b.js"></script></head></html>')
    from speechkit.outputs import site

    site.command = "build"
    out = csp.on_post_page(html, page=None, config=config)
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<script")
    assert out.index('<meta charset="utf-8">') < out.index("Content-Security-Policy")
    policy = out.split('content="', 1)[1].split('"', 1)[0]
    # two hashes, the second for the template's script as this page renders it; the JSON block never runs
    shipped = [csp.sha256(script) for script in ("var a=1", 'var b=".."')]
    assert f"script-src 'self' {shipped[0]} {shipped[1]};" in policy
    assert "unsafe-eval" not in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    site.command = "serve"
    try:
        assert "script-src 'self' 'unsafe-inline';" in csp.on_post_page(html, page=None, config=config)
    finally:
        site.command = "build"


def test_an_inline_script_that_no_template_ships_fails_the_build(tmp_path):
    """The finished page is not trusted to say what is ours: a script that came in with a value is refused."""
    from mkdocs.exceptions import PluginError

    csp = load_hook("csp")
    config = _theme_config(tmp_path)
    csp._context.update({"base_url": "."})
    page = SimpleNamespace(file=SimpleNamespace(src_uri="guide/index.md"))
    for injected in ('<script>var b=".."</script>',  # a shipped template's script as another page renders it
                     '<link rel="canonical" href="https://x.org/"><script>window.__pwned=1</script>'):
        html = f'<html><head><meta charset="utf-8"><script>var a=1</script>{injected}</head></html>'
        with pytest.raises(PluginError) as refused:
            csp.on_post_page(html, page=page, config=config)
        assert "页面 guide/index.md 里有一段内联脚本不是本站模板写出的" in str(refused.value) and "改法：" in str(refused.value)
        assert csp.sha256("window.__pwned=1") not in csp.policy(config, html)


def test_offline_shim_script_is_hashed_from_its_own_source():
    csp = load_hook("csp")
    shim = ROOT / "overrides" / "assets" / "vendor" / "iframe-worker-shim.js"
    if not shim.exists():
        pytest.skip("the shim is vendored by `make vendor` (make test runs it)")
    template, functions = csp.shim_template(shim)
    assert "postMessage=${" in template and functions and all(src.startswith("function ") for src in functions.values())


def test_snippets_extension_is_not_configured():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8") + (ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8")
    assert "pymdownx.snippets" not in config.replace("# No pymdownx.snippets", "")


def test_clean_variant_with_latin_numbers_and_times_passes(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copy(FIXTURES / "latin-numbers.md", docs / "speeches" / "latin-numbers.md")
    corpus = load_corpus(docs / "speeches", DATA_DIR, docs_dir=docs)
    assert corpus.findings == []
    text = corpus.by_slug["latin-numbers"].spoken_text
    assert "9:00" in text and "3.5亿元" in text and "95%" in text


def test_skeletons_drafts_and_our_pages_are_accounted_for(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "speeches" / "_draft-county.md").write_text("草稿，不发布。\n", encoding="utf-8")
    (docs / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    corpus = load_corpus(docs / "speeches", DATA_DIR, docs_dir=docs)
    assert corpus.findings == []
    assert sorted(v.slug for v in corpus.variants) == sorted(p.stem for p in (ROOT / "docs" / "speeches").glob("[!_]*.md") if p.stem != "index")


def test_new_uses_the_same_file_name_rule(tmp_path):
    script = ROOT / "scripts" / "speeches.py"
    for name, message in (("县委 动员", "不合规"), ("a" * 61, "太长"), ("County_Deployment", "不合规")):
        result = subprocess.run([sys.executable, str(script), "new", name], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        output = result.stdout + result.stderr
        assert result.returncode == 1 and message in output and "改法：" in output, output


@pytest.mark.slow  # a whole build
def test_a_script_leaked_by_a_value_fails_the_real_build(project_copy, mkdocs):
    """End to end: a template or hook that printed a data value or SITE_URL raw would put a script on
    the page (tests/fixtures/hooks/leak_values.py plays that part); the build refuses, naming the page."""
    hook = (ROOT / "tests" / "fixtures" / "hooks" / "leak_values.py").as_posix()
    config = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - overrides/hooks/csp.py\n", f"  - {hook}\n  - overrides/hooks/csp.py\n", 1)
    assert hook in config
    (project_copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(project_copy / "site"), cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "页面 index.md 里有一段内联脚本不是本站模板写出的" in output and "改法：" in output, output
    assert "Traceback" not in output
