"""Which of our scripts each page loads (overrides/partials/page-scripts.html, speech-kit.js) and how
much: only the parts a page's markup needs, within 20 KB of our own CSS+JS (gzipped) on any page,
none on the guides (but the meeting flow's 下载整场会议), the picker only on the home page and the list
of templates, the Word kit only for a download; and, in Chromium, a page
reached by Material's instant navigation from a page without them gets its dock, copy buttons,
notes and filter all the same."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from playwright.sync_api import expect

from speech_helpers import VARIANTS, copy_and_read, expected_text, fill, open_panel, set_indent
from speechkit.outputs import section_anchor

DISTRICT = "district-entry-mobilization"
OWN = re.compile(r'(?:href|src)="((?:\.\./)*assets/(?:stylesheets|javascripts)/[^"/]+\.(?:css|js))"(?: data-speech-parts="([^"]*)")?')
TEMPLATE = ["speech-state", "speech-head", "copy-print", "placeholders", "fill-dock", "notes", "folds"]
MARKED = ["speech-state", "speech-head", "level", "copy-print", "placeholders", "fill-dock", "notes", "folds"]  # {区}: the level part
COMPARISON = ["speech-state", "copy-print", "placeholders", "fill-dock", "folds", "compare"]
# loaded on first use, never with a page
LAZY = ("fill-transfer.js", "copy-text.js", "docx-fill.js", "fflate.js", "word-download.js", "level-switch.js", "print-large.js", "print-large.css")


def own_assets(site: Path, uri: str) -> list[Path]:
    """Our CSS and JS that a page loads by itself: what its HTML names (Material's hashed *.min.* files
    left out) and the parts its speech-kit.js loads."""
    found = []
    for ref, parts in OWN.findall((site / uri).read_text(encoding="utf-8")):
        if ".min." not in ref:
            found.append(site / re.sub(r"^(\.\./)+", "", ref))
        found += [site / "assets" / "javascripts" / f"{name}.js" for name in parts.split()]
    return list(dict.fromkeys(found))  # each part is named by speech-kit.js and has a <script> of its own


def scripts(site: Path, uri: str) -> list[str]:
    return [p.stem for p in own_assets(site, uri) if p.suffix == ".js"]


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def test_own_css_and_js_stay_small(built_site):
    """Issue 4 and 10: no more than 20 KB (gzipped) of our own CSS+JS on any page; docx-fill.js and the
    zip library load only for a Word download, fill-transfer.js for 清空/导入/导出, copy-text.js on the way to
    the first copy, never with a page."""
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) > 30
    for uri in pages:
        files = own_assets(built_site, uri)
        assert all(f.exists() for f in files), uri
        assert not [f for f in files if f.name in LAZY], f"{uri}: the Word kit, 大字版 print, fill-transfer.js and copy-text.js must stay lazy"
        total = sum(gz(f) for f in files)
        assert total <= 20 * 1024, f"{uri}: {total} bytes gzipped"


def test_each_page_loads_only_the_parts_its_markup_needs(built_site):
    assert VARIANTS[DISTRICT].has_level_marks
    assert scripts(built_site, f"speeches/{DISTRICT}/index.html") == ["speech-kit", *MARKED]
    for slug, variant in VARIANTS.items():
        assert scripts(built_site, f"speeches/{slug}/index.html") == ["speech-kit", *(MARKED if variant.has_level_marks else TEMPLATE)], slug
    for uri in ("compare/opening/index.html", "compare/cooperation/index.html"):  # with and without excerpts that mark {区}
        marked = re.search(r"<span data-lv[ =>]", (built_site / uri).read_text(encoding="utf-8")) is not None
        assert scripts(built_site, uri) == ["speech-kit", *([*COMPARISON[:1], "level", *COMPARISON[1:]] if marked else COMPARISON)], uri
    assert scripts(built_site, "compare/placeholders/index.html") == ["speech-kit", "speech-state", "placeholders"]
    flow = "guide/meeting-flow/index.html"  # 下载整场会议 reads the values, the level, and loads the Word kit on a click
    assert scripts(built_site, flow) == ["speech-kit", "speech-state", "level", "meeting-word"]
    guides = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "guide").rglob("index.html"))
    assert flow in guides
    for uri in ["compare/index.html", "compare/matrix/index.html", *guides]:
        if uri != flow:
            assert scripts(built_site, uri) == [], uri
    for uri in ["index.html", "speeches/index.html"]:  # the template picker over the list of templates
        assert scripts(built_site, uri) == ["speech-kit", "picker"], uri
    # every part registers under its file's name, which is how speech-kit.js loads it
    parts = sorted({*MARKED, *COMPARISON, "fill-transfer", "copy-text", "word-download", "level-switch", "print-large", "picker", "meeting-word"})
    for name in parts:
        assert f'speechKit.part("{name}"' in (built_site / "assets" / "javascripts" / f"{name}.js").read_text(encoding="utf-8"), name


def test_fill_transfer_loads_on_first_use(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{site_url}/speeches/{DISTRICT}/")
    fill(page, "讲话人", "王志远")  # this template's own value: 清空本页填写 takes it (a shared one stays)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if u.endswith(LAZY)]
    open_panel(page)
    page.locator("[data-fill-clear]").click()
    expect(page.locator('.speech-head [data-head="讲话人"]')).not_to_have_text("王志远")
    assert [u for u in requested if u.endswith("fill-transfer.js")] and not [u for u in requested if u.endswith(LAZY[1:])]
    assert page.console_errors == []


def test_instant_navigation_from_the_home_page_brings_each_page_its_scripts(context, instant_site_url):
    """Home (the picker only) → a template → a comparison page → a guide → home, by clicks, in one document."""
    page = context.new_page()
    errors, foreign = [], []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: r.url.startswith(instant_site_url) or r.url.startswith(("data:", "blob:")) or foreign.append(r.url))
    page.goto(f"{instant_site_url}/")
    page.wait_for_load_state("networkidle")  # Material enables instant links once it has read sitemap.xml
    expect(page.locator("form[data-picker]")).to_be_visible()
    assert page.evaluate("Object.keys(speechKit.page().done)") == ["picker"]
    page.evaluate("window.__sameDocument = true")

    page.locator(f'.md-content a[href$="speeches/{DISTRICT}/"]').first.click()
    page.wait_for_url(f"**/speeches/{DISTRICT}/")
    expect(page.locator(".fill-dock__open")).to_be_visible()
    variant = VARIANTS[DISTRICT]
    expect(page.locator(".section-meta > .speech-copy")).to_have_count(len(list(variant.all_sections())))
    ref = page.locator(".speech .note-ref").first
    ref.click()  # notes.js keeps aria-expanded in step and places the note under its marker
    expect(ref).to_have_attribute("aria-expanded", "true")
    note = page.locator(f"#{ref.get_attribute('popovertarget')}")
    expect(note).to_be_visible()
    assert note.bounding_box()["y"] >= ref.bounding_box()["y"]
    page.keyboard.press("Escape")
    values = {"本地": "云溪", "被巡察党组织": "区审计局党组"}
    for name, value in values.items():
        fill(page, name, value)
    set_indent(page, False)
    section = variant.sections[1]
    text = copy_and_read(page, page.locator(f"#{section_anchor(variant, section)} ~ .section-meta > .speech-copy"))
    assert text == expected_text(section.spoken_lines(), values, False)

    # the nav lists only the page's own section (navigation.prune): 共性段落 first, then the comparison
    page.locator('.md-sidebar--primary a[href$="/compare/"]').first.click()
    page.wait_for_url("**/compare/")
    page.locator('.md-content a[href$="opening/"]').first.click()
    page.wait_for_url("**/compare/opening/")
    expect(page.locator(".version-filter__status")).to_contain_text("符合条件的版本")  # compare.js
    expect(page.locator(".speech-excerpt .excerpt-source .speech-copy").first).to_be_visible()
    expect(page.locator('.speech-excerpt .ph[data-ph="被巡察党组织"]').first).to_have_text("区审计局党组")
    assert page.locator(".fill-dock").count() == 1

    page.locator('.speech-excerpt .ph[data-ph="被巡察党组织"]').first.focus()
    expect(page.locator("#ph-tip")).to_be_visible()
    # a click that moves neither focus nor mouse: only the slot leaving the page can hide the tip
    page.evaluate("document.querySelector('.md-sidebar--primary a[href$=\"/guide/\"]').click()")
    page.wait_for_url("**/guide/")
    expect(page.locator("#ph-tip")).to_be_hidden()
    expect(page.locator(".fill-dock, .speech-copy")).to_have_count(0)  # swapped out with the content
    page.locator("a.md-header__button.md-logo").click()  # home
    expect(page.locator("form[data-picker]")).to_be_visible()  # the picker set up again on a new copy of the home page
    expect(page.locator("form[data-picker] output a").first).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True, "expected Material's instant navigation"
    assert errors == [] and foreign == []
