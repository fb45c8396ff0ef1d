"""A template page carries at load only what a reader sees (issue 19): notes, guidance bodies and the long
tables are in the page in one <template> (folds.py), markers go where the note's words are."""
from __future__ import annotations

import re

import pytest

from speechkit.base import DATA_DIR
from speechkit.outputs import fold_hidden, speech_html, variant_page
from speechkit.outputs.folds import fold_key
from speechkit.outputs.render import block_html
from speechkit.reading import Block, Note, load_registry

REGISTRY = load_registry(DATA_DIR)


def marker_at(text: str, anchor: str) -> str:
    """The paragraph's text with the note's marker shown as ▲."""
    notes: list[str] = []
    html = block_html(Block(text=text, line=1, notes=[Note(kind="注", text="说明。", line=2, anchor=anchor)]), REGISTRY,
                      note_prefix="n", notes_out=notes)
    html = re.sub(r'<button type="button" class="note-ref"[^>]*>1</button>', "▲", html)
    return re.sub(r"<[^>]+>", "", html).strip()


def test_marker_goes_after_the_words_in_running_text_never_inside_a_placeholder():
    text = "派出【巡察组数量】个巡察组，每个巡察组进驻一个单位。"
    assert marker_at(text, "巡察组") == "派出【巡察组数量】个巡察组▲，每个巡察组进驻一个单位。"
    assert marker_at(text, "【巡察组数量】个") == "派出【巡察组数量】个▲巡察组，每个巡察组进驻一个单位。"
    assert marker_at("由【巡察组数量】决定。", "巡察组") == "由【巡察组数量】决定。▲"  # nowhere else: at the end (the check refuses it)


def test_closed_blocks_go_into_one_template_after_sanitising():
    html = ('<details class="abstract" data-lazy=""><summary>用途：<span class="ph" data-ph="本地">【本地】</span></summary>'
            '<ul><li>改写</li></ul><div class="speech-notes"><p class="note" id="n-1">注</p></div></details>'
            '<div class="speech-notes" data-lazy=""><p class="note" id="n-2">注二</p></div><p>正文</p>'
            '<details class="abstract speech-more" data-lazy="data-lazy"><summary>查看</summary><table><tr><td>表</td></tr></table></details>')
    guide, table = ('<ul><li>改写</li></ul><div class="speech-notes"><p class="note" id="n-1">注</p></div>', "<table><tr><td>表</td></tr></table>")
    a, b = fold_key(guide), fold_key(table)
    out = fold_hidden(html)
    assert out == (f'<details class="abstract" data-lazy="{a}"><summary>用途：<span class="ph" data-ph="本地">【本地】</span></summary></details>'
                   f'<p>正文</p><details class="abstract speech-more" data-lazy="{b}"><summary>查看</summary></details>\n'
                   f'<div class="speech-folds" hidden><template><div data-fold="{a}">{guide}</div><div data-fold="{b}">{table}</div>'
                   '<div class="speech-notes"><p class="note" id="n-2">注二</p></div></template></div>\n')
    assert out.count("<template") == 1  # one element at load for all of them, not one per block
    # a block's key is its body's, wherever it is folded: a fragment folded alone (make export) keeps it
    assert f'data-lazy="{b}"' in fold_hidden(html[html.index("<details class=\"abstract speech-more"):])
    assert fold_hidden("<p>没有可折叠的</p>") == "<p>没有可折叠的</p>"


@pytest.fixture(scope="module")
def district():
    from speechkit.checking import load_corpus

    return load_corpus().by_slug["district-entry-mobilization"]


def test_a_speech_has_one_note_popover_and_its_notes_only_in_closed_blocks(district):
    html = fold_hidden(speech_html(district, REGISTRY, docx_href="x.docx"))
    outside = re.sub(r"<template\b.*?</template>", "", html, flags=re.S)
    refs = re.findall(r'data-note="([^"]+)"', outside)
    assert len(refs) == sum(len(b.notes) for s in district.all_sections() for b in s.blocks) > 10
    assert outside.count('class="note"') == 1 and 'id="speech-note" popover="auto"' in outside
    assert "<details" in outside and "<li>" not in outside  # guidance bodies are folded
    for note_id in refs:
        assert html.count(f'<p class="note" id="{note_id}">') == 1
    assert 'class="headerlink"' not in html  # no ¶ in the spoken headings


def test_template_page_tables_come_in_closed(district):
    page = variant_page(district, REGISTRY)
    for heading in ("## 结构一览 { #structure }", "## 控制篇幅 { #cuts }", "## 本稿涉及的提法 { #tifa }"):
        after = page[page.index(heading):]
        table = after.index("\n|")
        assert after.index('<details class="abstract speech-more" data-lazy markdown="1">') < table < after.index("</details>")
    assert "会议类型：巡察进驻动员会 · 讲话人：" in page  # the facts as one line, not a table


def test_navigation_link_text_is_not_wrapped_for_material_to_watch(built_site):
    """Material's span.md-ellipsis around each navigation link's text is unwrapped (nav_labels.py):
    the link keeps its text and its chevron; other spans and the header's title are left alone."""
    from speechkit.outputs import plain_nav_labels

    link = ('<a href="../x/" class="md-nav__link">\n  <span class="md-ellipsis">\n    巡察进驻动员会\n  </span>\n'
            '  <span class="md-nav__icon md-icon"></span>\n</a>')
    assert plain_nav_labels(link) == '<a href="../x/" class="md-nav__link">巡察进驻动员会\n  <span class="md-nav__icon md-icon"></span>\n</a>'
    header = '<div class="md-header__topic"><span class="md-ellipsis">巡察会议讲话模板</span></div>'
    assert plain_nav_labels(header) == header
    html = (built_site / "speeches" / "department-system-deployment" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary'):html.index('class="md-content"')]
    assert nav.count('class="md-nav__link') > 30 and "md-ellipsis" not in nav
    assert ">巡察进驻动员会" in nav


def test_our_scripts_and_styles_are_minified_in_the_built_site_only(built_site):
    """minify.py: the built copies of our files lose their comments (the source keeps them); Material's
    files, the vendored libraries and the Word files' data are untouched."""
    from speechkit.base import ROOT

    source = ROOT / "overrides" / "assets" / "javascripts" / "speech-kit.js"
    built = built_site / "assets" / "javascripts" / "speech-kit.js"
    assert "/**" in source.read_text(encoding="utf-8")
    text = built.read_text(encoding="utf-8")
    assert "/**" not in text and "\n  " not in text and len(text) < 0.7 * source.stat().st_size
    assert 'speechKit' in text and "use strict" in text
    css = (built_site / "assets" / "stylesheets" / "speech.css").read_text(encoding="utf-8")
    assert "/*" not in css and ".fill-dock" in css
    for name in ("vendor/fflate.js", "javascripts/lunr/tinyseg.js"):
        assert (built_site / "assets" / name).read_bytes() == next(
            p for p in [ROOT / "overrides" / "assets" / name, *ROOT.glob(f".venv/lib/python*/site-packages/material/templates/assets/{name}")]
            if p.is_file()).read_bytes(), name
