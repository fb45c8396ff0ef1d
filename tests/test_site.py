"""The real site, built strictly: every page the issues promise exists and carries its markup."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from speechkit.base import ROOT, count_chars
from speechkit.checking import load_corpus
from speechkit.outputs import shared_roles
from speechkit.outputs.pages import role_page_uris

CORPUS = load_corpus()
VARIANTS = CORPUS.variants


def page_html(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text(encoding="utf-8")


def test_three_templates_are_published(built_site):
    assert {v.slug for v in VARIANTS} >= {"district-entry-mobilization", "department-system-deployment", "city-special-linkage"}
    for variant in VARIANTS:
        assert (built_site / "speeches" / variant.slug / "index.html").exists()


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_template_page_has_structure_roles_and_placeholders(built_site, variant):
    html = page_html(built_site, f"speeches/{variant.slug}")
    assert 'id="structure"' in html and "结构一览" in html
    for section in variant.sections:
        assert f'data-role="{section.role or section.title}"' in html
    labels = re.findall(r'<span class="role-label">([^<]+)</span>', html)
    assert set(labels) >= {s.role for s in variant.sections if s.role}
    assert "&lt;!-- role" not in html and "<!-- role" not in html  # role markup never shown raw
    names = {m for line in variant.spoken_lines() for m in re.findall(r"【([^】]+)】", line)}
    assert names, "a template without placeholders is not a template"
    for name in names:
        assert f'data-ph="{name}"' in html
    notes = [n for _, n in _annotations(variant)]
    refs = re.findall(r'<button type="button" class="note-ref" popovertarget="speech-note" aria-controls="speech-note" data-note="([^"]+)"', html)
    assert len(refs) == len(notes) > 0  # every annotation has its marker, which opens the speech's one note popover
    assert html.count('<div class="note" id="speech-note" popover="auto"></div>') == 1
    templates = "".join(re.findall(r"<template\b[^>]*>(.*?)</template>", html, re.S))
    for note_id in refs:  # and its note, kept out of the DOM until asked for
        assert templates.count(f'<p class="note" id="{note_id}">') == 1 and html.count(f'id="{note_id}"') == 1


def _annotations(variant):
    return [(block, note) for section in variant.all_sections() for block in section.blocks for note in block.notes]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_length_and_time_are_computed_not_typed(built_site, variant):
    from speechkit.reading import minutes, variant_chars

    total = variant_chars(variant, CORPUS.registry)
    low, high = CORPUS.registry.speakers[variant.meta["speaker"]].chars
    assert low <= total <= high, f"{variant.slug}: {total} characters"
    html = page_html(built_site, f"speeches/{variant.slug}")
    assert f"<strong>{total:,}</strong>" in html
    assert f"约 {minutes(total, CORPUS.registry)} 分钟" in html


class _Text(HTMLParser):
    """Collect the text of elements with class speech-text (what a writer copies), notes left out."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class", "") or "").split()
        if self.depth or "speech-text" in classes:
            self.depth += 1
            if self.skip or {"note", "note-ref"} & set(classes):
                self.skip += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.skip = max(0, self.skip - 1) if self.skip else 0
            if not self.depth:
                self.parts.append("\n")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.slug)
def test_no_masks_and_no_half_width_punctuation_in_speech_text(built_site, variant):
    parser = _Text()
    parser.feed(page_html(built_site, f"speeches/{variant.slug}"))
    text = "".join(parser.parts)
    # the copyable text carries every spoken paragraph of the model (short templates included)
    spoken = sum(count_chars(block.text) for section in variant.all_sections() for block in section.blocks)
    assert spoken > 300 and count_chars(re.sub(r"\(\d+\)", "", text)) >= spoken
    for mask in ("***", "XX", "×××", "某某"):
        assert mask not in text
    cjk = "\u4e00-\u9fff"
    bad = re.findall(rf"[{cjk}][,;:?!()]|[,;:?!()][{cjk}]|\"", text)
    assert bad == []


@pytest.mark.parametrize("role", shared_roles(CORPUS), ids=lambda r: r.slug)
def test_every_version_on_a_comparison_page_has_its_own_heading(built_site, role):
    """Versions follow one another (no tabs); each has a heading a reader can tell apart and link to."""
    labels = []
    for uri in role_page_uris(CORPUS, role):  # more versions than compare_versions_per_page run on to page 2, 3…
        html = page_html(built_site, uri.removesuffix(".md").removesuffix("/index"))
        assert "tabbed-set" not in html
        labels += re.findall(r'<div class="speech-excerpt"[^>]*>\s*<h2 id="v-[^"]+">([^<]*)<a class="headerlink"', html)
    assert len(labels) == len(CORPUS.by_role[role.name])
    assert len(set(labels)) == len(labels), sorted(label for label in labels if labels.count(label) > 1)


def test_comparison_page_for_every_shared_role(built_site):
    roles = shared_roles(CORPUS)
    assert {r.name for r in roles} >= {"开场", "意义", "配合", "整改", "队伍与纪律", "组织领导与责任", "结束语"}
    for role in roles:
        html = page_html(built_site, f"compare/{role.slug}")
        sources = re.findall(r'<div class="speech-excerpt"[^>]* data-source="([^"]+)"', html)
        assert len(set(sources)) >= 2, role.name
        for slug in sources:
            assert f'href="../../speeches/{slug}/#' in html
    index = page_html(built_site, "compare")
    for role in roles:
        assert f'href="{role.slug}/"' in index


def test_matrix_placeholder_index_and_tifa_pages(built_site):
    matrix = page_html(built_site, "compare/matrix")
    for variant in VARIANTS:
        assert variant.title in matrix
    placeholders = page_html(built_site, "compare/placeholders")
    for name, ph in CORPUS.registry.placeholders.items():
        assert f'data-ph="{name}"' in placeholders and ph.example in placeholders
    tifa = page_html(built_site, "compare/tifa")
    assert "两个维护" in tifa and "十四五" in tifa and "十五五" in tifa


def test_home_page_picks_by_meeting_and_speaker(built_site):
    html = page_html(built_site, "")
    for variant in VARIANTS:
        assert f'href="speeches/{variant.slug}/"' in html
        assert str(variant.meta["speaker"]) in html
    for meeting in {v.meta["meeting"] for v in VARIANTS}:
        assert f">{meeting}<" in html


def test_pages_load_no_search_text_until_a_search(built_site):
    """Material fetches search_index.json on every page load: online it holds the search box's
    settings only; the text is in phrase_index.json, which our worker fetches at the first query."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["zh"]
    worker = (built_site / "assets" / "javascripts" / "workers" / "phrase-search.js").read_text(encoding="utf-8")
    assert '"../../../search/phrase_index.json"' in worker


def test_offline_search_index_carries_the_text(offline_site):
    """Under file:// a worker cannot fetch: the intranet build hands the text to it with the setup."""
    index = json.loads((offline_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("全面从严治党" in doc["text"] for doc in index["docs"])
    assert not (offline_site / "search" / "phrase_index.json").exists()


def test_search_index_is_plain_utf8_text_for_our_worker(built_site):
    raw = (built_site / "search" / "phrase_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    assert "巡察" in raw and "\\u5de1" not in raw  # UTF-8, not \\uXXXX escapes (half the bytes)
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b" not in text, "no word segmentation: the worker matches substrings"
    assert "全面从严治党" in text
    assert any("speeches/district-entry-mobilization/" in doc["location"] for doc in index["docs"])
    assert "字 · 约" not in text  # section lengths (约 190 字 · 约 1 分钟) are page furniture, not content
    home = page_html(built_site, "")
    assert '"search": "assets/javascripts/workers/search-worker.js"' in home  # it loads phrase-search.js at the first query
    assert (built_site / "assets" / "javascripts" / "workers" / "phrase-search.js").exists()


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed"):
            self.urls.append(attrs.get("src") or "")
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon", "preconnect", "modulepreload"):
            self.urls.append(attrs.get("href") or "")


def test_no_page_loads_anything_from_another_host(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = _Resources()
        parser.feed(html)
        remote = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        assert remote == [], f"{page}: {remote}"
        assert "fonts.googleapis" not in html and "unpkg.com" not in html and "api.github.com" not in html
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css


def test_no_templates_folder_under_docs():
    assert not any(p.name == "templates" for p in (ROOT / "docs").rglob("*") if p.is_dir())


def test_skeleton_is_kept_out_of_the_site(built_site):
    assert not (built_site / "speeches" / "_template").exists()
    assert not (built_site / "speeches" / "_template.md").exists()


def test_bad_variant_fails_the_build_with_file_line_and_fix_and_no_site(project_copy, mkdocs):
    variant = project_copy / "docs" / "speeches" / "district-entry-mobilization.md"
    text = variant.read_text(encoding="utf-8")
    text = text.replace("<!-- role: 意义 -->", "<!-- role: 意思 -->", 1)
    text = text.replace("【巡察组】", "【巡察小组】", 1)
    variant.write_text(text, encoding="utf-8")
    out = project_copy / "site-out"
    result = mkdocs("build", "--site-dir", str(out), cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/speeches/district-entry-mobilization.md:" in output or "district-entry-mobilization.md:" in output
    assert "作用“意思”没有登记" in output and "占位符【巡察小组】没有登记" in output and "改法：" in output
    assert "Traceback" not in output
    assert not out.exists()


@pytest.mark.skipif(not (ROOT.parent / "shared" / "tools" / "seed_overlap.py").exists(), reason="seed tools not present in this clone")
def test_no_long_run_copied_from_the_seed():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "seed_overlap.py")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_format_guide_lists_every_registered_role(built_site):
    html = page_html(built_site, "contributing/format")
    assert "<code>&lt;!-- md:roles-table --&gt;</code>" in html  # quoted in the guide, left alone
    assert html.count("<td>意义</td>") == 1  # the marker on its own line became exactly one table
    for role in CORPUS.registry.roles.values():
        assert f"<td>{role.name}</td>" in html and role.description in html


def test_tifa_page_leaves_out_stoplisted_transitions(built_site):
    html = page_html(built_site, "compare/tifa")
    assert CORPUS.registry.phrase_stoplist, "the stoplist is empty: this test would prove nothing"
    for phrase in CORPUS.registry.phrase_stoplist:
        assert f"<td>{phrase}</td>" not in html
    assert "<td>打铁必须自身硬</td>" in html  # a shared phrase that is not on the list stays


def test_not_found_page_is_chinese_with_the_way_on(built_site, offline_site, published_at):
    """Issue 22 §7/§8: 找不到这一页 with links to the home page and 全部模板, in both builds; the offline
    one (opened from disk) links its styles relatively, so it is styled under file://."""
    base = "/" + published_at.split("://", 1)[1].split("/", 1)[1]  # the path the site is served under
    for site, links in ((built_site, (base, f"{base}speeches/")), (offline_site, ("./index.html", "./speeches/index.html"))):
        html = (site / "404.html").read_text(encoding="utf-8")
        assert "<h1>找不到这一页</h1>" in html and "404 - Not found" not in html
        hrefs = dict((text, href) for href, text in re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', html))
        assert hrefs["回到首页"].rstrip(".") == links[0] and hrefs["全部模板"] == links[1], hrefs
    offline = (offline_site / "404.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', offline)
    assert sheets and all(s.startswith("./assets/") and (offline_site / s).exists() for s in sheets)
