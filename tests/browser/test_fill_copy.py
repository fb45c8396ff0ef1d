"""The fill-in dock, placeholder slots and copy buttons (overrides/assets/javascripts/: fill-dock.js,
placeholders.js, copy-print.js and the parts they share) in
headless Chromium. Expected texts come from the parsed model (speech_helpers), never from the page.
The `page` fixture fails any test that sends a request to another host."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from speech_helpers import (
    CORPUS, INDENT, STORE, VARIANTS, copy_and_read, empty_fields, expect_status, expected_text, field_names, fill,
    head_lines, open_panel, read_clipboard_html, set_indent, status, unfilled,
)
from speechkit.outputs import role_versions, section_anchor, shared_roles
from speechkit.outputs.pages import role_page_uris

SLUGS = sorted(VARIANTS)
DISTRICT = "district-entry-mobilization"
CITY = "city-special-linkage"
HOSTILE = '<img src=x onerror="window.__pwned=1">"><script>window.__pwned=2</script>'


def url(site_url: str, slug: str) -> str:
    return f"{site_url}/speeches/{slug}/"


def section_button(page, anchor: str):
    return page.locator(f"#{anchor} ~ .section-meta > .speech-copy")


def stored(page) -> dict:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", STORE) or "null")


def test_fill_is_live_persists_and_carries_over(page, site_url):
    page.goto(url(site_url, DISTRICT))
    empty = len(empty_fields(DISTRICT))
    expect(page.locator("[data-fill-open]")).to_have_text(f"填写占位符（未填 {empty} 项）")
    open_panel(page)
    items = page.locator(".fill-dock__list [data-fill-goto]")
    assert [items.nth(i).get_attribute("data-fill-goto") for i in range(items.count())] == field_names(DISTRICT)
    # the input has a visible label with the name, and a description with an example
    page.locator('.fill-dock [data-fill-goto="本地"]').click()
    field = page.locator("[data-fill-input]")
    assert page.locator(f'label[for="{field.get_attribute("id")}"]').inner_text() == "【本地】"
    assert "例：" in page.locator(f'#{field.get_attribute("aria-describedby")}').inner_text()

    fill(page, "本地", "岚川")
    slots = page.locator('.speech .ph[data-ph="本地"]')
    assert slots.count() >= 1
    for i in range(slots.count()):
        expect(slots.nth(i)).to_have_text("岚川")
        expect(slots.nth(i)).to_have_class("ph ph--filled")
    expect(page.locator("[data-fill-open]")).to_have_text(f"填写占位符（未填 {empty - 1} 项）")
    assert stored(page)["v"] == 3 and stored(page)["shared"] == {"本地": "岚川"}  # v3: values kept per meeting too

    page.reload()
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")

    # another template (full page load) applies the same name
    page.goto(url(site_url, CITY))
    other = page.locator('.speech .ph[data-ph="本地"]')
    assert other.count() >= 1
    for i in range(other.count()):
        expect(other.nth(i)).to_have_text("岚川")
    assert page.locator('.speech .ph:not(.ph--filled)[data-ph="本地"]').count() == 0

    assert page.console_errors == []


def test_instant_navigation_sets_up_each_page(context, instant_site_url):
    page = context.new_page()
    errors, foreign = [], []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: r.url.startswith(instant_site_url) or r.url.startswith(("data:", "blob:")) or foreign.append(r.url))
    # Material enables instant links once it has read sitemap.xml; on a busy machine its bundle can run
    # (and fetch it) after the network has been idle for a while, so wait for that response itself
    with page.expect_response(lambda r: r.url.endswith("/sitemap.xml"), timeout=60_000) as sitemap:
        page.goto(url(instant_site_url, DISTRICT))
    sitemap.value.finished()
    fill(page, "本地", "岚川")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    for slug in (CITY, DISTRICT):
        # from the nav, or from the page when the nav shows another meeting's templates (navigation.prune)
        page.locator(f'.md-sidebar--primary a[href$="/{slug}/"], .md-content a[href$="/{slug}/"]').first.click()  # not the 简短版
        page.wait_for_url(f"**/{slug}/")
        expect(page.locator(f'.speech[data-speech="{slug}"]')).to_have_count(1)  # the new page is in
        expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")
        # the parts set up after the swap (the dock a moment after the values): wait for exactly one of each
        expect(page.locator(".fill-dock")).to_have_count(1)
        expect(page.locator(".speech-tools .speech-copy")).to_have_count(1)  # set up once, not twice
        assert page.evaluate("window.__sameDocument") is True, "expected Material's instant navigation"
    set_indent(page, False)
    closing = next(s for s in VARIANTS[DISTRICT].sections if s.is_closing)
    text = copy_and_read(page, section_button(page, "closing"))
    assert text == expected_text(closing.spoken_lines(), {"本地": "岚川"}, False)
    assert errors == [] and foreign == []


@pytest.mark.parametrize("indent", [False, True], ids=["plain", "indented"])
@pytest.mark.parametrize("slug", SLUGS)
def test_copy_every_section_exact_text(page, site_url, slug, indent):
    variant = VARIANTS[slug]
    page.goto(url(site_url, slug))
    set_indent(page, indent)
    values = {}
    for i, name in enumerate(field_names(slug)[3::2]):  # fill every other placeholder, leave the rest
        values[name] = f"测试{i}号"
        fill(page, name, values[name])
    for section in variant.all_sections():
        anchor = section_anchor(variant, section)
        text = copy_and_read(page, section_button(page, anchor))
        assert text == expected_text(section.spoken_lines(), values, indent), anchor
        left = unfilled(section.spoken_lines(), values)
        expect_status(page, "已复制本节" + (f"（还有 {left} 处占位符未填写）" if left else ""))
    assert page.console_errors == []


def test_copied_section_is_clean(page, site_url):
    """A literal check, independent of the model: heading + paragraph, value in, no markers or UI text."""
    page.goto(url(site_url, DISTRICT))
    set_indent(page, False)
    fill(page, "被巡察单位", "区审计局")
    markers = page.locator("#part-2-1 ~ p.speech-text .note-ref")
    assert markers.count() == 1
    markers.first.click()  # the note opens under its marker
    expect(page.locator(".speech .note:visible")).to_contain_text("错误心态")
    text = copy_and_read(page, section_button(page, "part-2-1"))
    lines = text.split("\n")
    assert lines[0] == "（一）正确对待巡察，增强接受监督的自觉"
    assert len(lines) == 2
    assert lines[1].startswith("接受巡察监督，是党章党规对每一个党组织、每一名党员干部的要求，也是对“两个维护”落得实不实的直接检验。区审计局领导班子")
    assert lines[1].endswith("把接受巡察的过程变成一次党性锻炼。")
    for junk in ("1", "2", "复制", "约 190 字", "用途", "注", "提法", "现行", "【", "¶"):
        assert junk not in text


def test_copy_whole_speech_starts_with_its_head(page, site_url):
    variant = VARIANTS[DISTRICT]
    page.goto(url(site_url, DISTRICT))
    set_indent(page, True)
    text = copy_and_read(page, page.locator(".speech-tools .speech-copy"))
    lines, head = variant.spoken_lines(), head_lines(DISTRICT, {})
    assert text == expected_text(lines, {}, True, head)
    assert text.split("\n")[:4] == ["在【巡察组】进驻【被巡察党组织】巡察动员会上的讲话", "【党委领导职务】　【党委领导姓名】", "（【日期】）", "同志们："]
    assert text.split("\n")[4] == INDENT + lines[1]  # the head and the salutation stay flush left, the body not
    assert "开场" not in text.split("\n") and "结束语" not in text.split("\n")
    expect_status(page, f"已复制全文（还有 {unfilled(head + lines, {})} 处占位符未填写）")

    values = {"巡察组": "区委第二巡察组", "讲话人": "王志远", "日期": "2026年3月2日"}
    for name, value in values.items():
        fill(page, name, value)
    text = copy_and_read(page, page.locator(".speech-tools .speech-copy"))
    assert text.split("\n")[:3] == ["在区委第二巡察组进驻【被巡察党组织】巡察动员会上的讲话", "王志远", "（2026年3月2日）"]
    fill(page, "讲话标题", "在区审计局巡察动员会上的讲话")
    text = copy_and_read(page, page.locator(".speech-tools .speech-copy"))
    assert text.split("\n")[0] == "在区审计局巡察动员会上的讲话"
    values["讲话标题"] = "在区审计局巡察动员会上的讲话"
    assert text == expected_text(lines, values, True, head_lines(DISTRICT, values))
    html = read_clipboard_html(page)
    assert "font-size:22pt;text-align:center" in html and "方正小标宋简体" in html


@pytest.mark.parametrize("role", [r.slug for r in shared_roles(CORPUS)])
def test_copy_each_version_on_comparison_pages(page, site_url, role):
    name = next(r.name for r in shared_roles(CORPUS) if r.slug == role)
    page.goto(f"{site_url}/compare/{role}/")
    set_indent(page, False)
    values = {}
    if page.locator(".fill-dock").count():
        open_panel(page)
        first = page.locator(".fill-dock__list [data-fill-goto]").first.get_attribute("data-fill-goto")
        values[first] = "某某"
        fill(page, first, "某某")
    role_obj = next(r for r in shared_roles(CORPUS) if r.slug == role)
    entries = role_versions(CORPUS, role_obj)
    assert len(entries) == len(CORPUS.by_role[name])
    uris = role_page_uris(CORPUS, role_obj)  # versions beyond compare_versions_per_page are on page 2, 3…
    size = int(CORPUS.registry.settings["compare_versions_per_page"])
    for number, uri in enumerate(uris):
        if number:  # the filled value is kept in the browser and applies on the next page too
            page.goto(f"{site_url}/{uri.removesuffix('.md')}/")
        on_page = entries[number * size : (number + 1) * size]
        assert page.locator(".speech-excerpt").count() == len(on_page)
        for i, (variant, section) in enumerate(on_page):
            excerpt = page.locator(".speech-excerpt").nth(i)
            assert excerpt.get_attribute("data-source") == variant.slug
            text = copy_and_read(page, excerpt.locator(".excerpt-source .speech-copy"))
            assert text == expected_text(section.spoken_lines(), values, False), variant.slug
            left = unfilled(section.spoken_lines(), values)
            expect_status(page, "已复制本版本" + (f"（还有 {left} 处占位符未填写）" if left else ""))
    assert page.console_errors == []


def test_unfilled_count_is_announced(page, site_url):
    variant = VARIANTS[DISTRICT]
    closing = next(s for s in variant.sections if s.is_closing)
    lines = closing.spoken_lines()
    page.goto(url(site_url, DISTRICT))
    live = status(page)
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    copy_and_read(page, section_button(page, "closing"))
    n = unfilled(lines, {})
    assert n > 0
    expect_status(page, f"已复制本节（还有 {n} 处占位符未填写）")
    names = {n for line in lines for n in re.findall(r"【(.+?)】", line)}
    for name in names:
        fill(page, name, "甲")
    text = copy_and_read(page, section_button(page, "closing"))
    assert "【" not in text
    expect_status(page, "已复制本节")


def test_hostile_value_stays_text(page, site_url):
    page.goto(url(site_url, DISTRICT))
    fill(page, "本地", HOSTILE)
    slots = page.locator('.ph[data-ph="本地"]')
    for i in range(slots.count()):
        expect(slots.nth(i)).to_have_text(HOSTILE)
    assert page.locator(".ph img, .ph script, img[src='x']").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    set_indent(page, False)
    text = copy_and_read(page, section_button(page, "part-1"))
    assert HOSTILE in text
    html = read_clipboard_html(page)
    assert "&lt;img src=x" in html and "<img" not in html
    page.reload()  # the stored value is applied again on load, still as text
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text(HOSTILE)
    page.hover('.speech .ph[data-ph="本地"]')
    expect(page.locator("#ph-tip")).to_be_visible()
    assert page.locator("#ph-tip img").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.console_errors == []


def test_tampered_storage_does_not_break_the_page(page, site_url):
    page.goto(url(site_url, DISTRICT))
    page.evaluate("k => localStorage.setItem(k, JSON.stringify({v: 1, values: {本地: {x: 1}, 巡察组: '<b>x</b>'}}))", STORE)
    page.reload()
    expect(page.locator('.speech .ph[data-ph="巡察组"]').first).to_have_text("<b>x</b>")
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("【本地】")
    page.evaluate("k => localStorage.setItem(k, '{not json')", STORE)
    page.reload()
    expect(page.locator(".fill-dock")).to_be_attached()
    expect(page.locator('.speech .ph[data-ph="巡察组"]').first).to_have_text("【巡察组】")
    assert page.evaluate("k => localStorage.getItem(k + '.unreadable')", STORE) == "{not json"  # kept aside, not lost
    assert page.console_errors == []


def tab_until(page, selector: str, limit: int, what: str) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard-only user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {what}")


def test_keyboard_only(page, site_url):
    variant = VARIANTS[DISTRICT]
    page.goto(url(site_url, DISTRICT))
    page.evaluate("t => navigator.clipboard.writeText(t)", "<<unchanged>>")
    tab_until(page, ".speech-tools .speech-copy", 400, "the 复制全文 button")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    expect_status(page, f"已复制全文（还有 {unfilled(head_lines(DISTRICT, {}) + variant.spoken_lines(), {})} 处占位符未填写）")
    assert page.evaluate("navigator.clipboard.readText()") == expected_text(variant.spoken_lines(), {}, True, head_lines(DISTRICT, {}))

    # Tab on to the first placeholder of the text: its tooltip shows; Enter opens the dock on it
    tab_until(page, ".speech .ph", 20, "a placeholder")
    name = page.evaluate("document.activeElement.dataset.ph")
    tip = page.locator("#ph-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("例：")
    expect(page.locator(".speech .ph:focus")).to_have_accessible_description(re.compile("例："))
    page.keyboard.press("Escape")  # the tooltip goes, and the slot's highlight and focus ring with it (issue 22 §1)
    expect(tip).to_be_hidden()
    assert not page.evaluate("document.activeElement.matches('.ph')")
    tab_until(page, ".speech .ph", 20, "a placeholder again")  # Tab goes on from where it was
    name = page.evaluate("document.activeElement.dataset.ph")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.phInput") == name
    page.keyboard.type("区委")
    page.keyboard.press("End")
    expect(page.locator(f'.speech .ph[data-ph="{name}"]').first).to_have_text("区委")




def test_clipboard_html_is_gongwen(page, site_url):
    page.goto(url(site_url, DISTRICT))
    set_indent(page, True)
    copy_and_read(page, section_button(page, "part-2"))
    html = read_clipboard_html(page)
    assert "仿宋" in html and "16pt" in html and "line-height:28pt" in html
    assert "text-indent:32pt" in html
    assert "黑体" in html and "楷体" in html  # 二、 heading and （一） headings
    assert "复制" not in html and "note" not in html


def test_clipboard_fallback_without_async_api(page, site_url):
    """Where ClipboardItem is missing, execCommand('copy') on a selection still puts both types on the clipboard."""
    page.add_init_script("delete window.ClipboardItem;")
    page.goto(url(site_url, DISTRICT))
    set_indent(page, False)
    closing = next(s for s in VARIANTS[DISTRICT].sections if s.is_closing)
    button = section_button(page, "closing")
    text = copy_and_read(page, button)
    assert text == expected_text(closing.spoken_lines(), {}, False)
    assert "仿宋" in read_clipboard_html(page)
    assert page.evaluate("document.activeElement.matches('.speech-copy')")  # focus returns to the button


PAGES = [f"speeches/{s}/" for s in SLUGS] + [f"compare/{r.slug}/" for r in shared_roles(CORPUS)] + ["compare/placeholders/", ""]


@pytest.mark.parametrize("path", PAGES)
def test_no_console_errors(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    visible = page.locator(".ph:visible")  # on comparison pages they may all sit in closed tabs or details
    if visible.count():
        visible.first.hover()
        expect(page.locator("#ph-tip")).to_be_visible()
    if page.locator("[data-fill-panel]").count():
        expect(page.locator("[data-fill-open]")).to_be_visible()
    assert page.console_errors == []


def test_placeholder_index_keeps_names(page, site_url):
    """The 占位符索引 page has no panel: it lists names, so values are not put in its table."""
    page.goto(url(site_url, DISTRICT))
    fill(page, "本地", "岚川")
    page.goto(f"{site_url}/compare/placeholders/")
    expect(page.locator('.ph[data-ph="本地"]')).to_have_text("【本地】")
    page.locator('.ph[data-ph="本地"]').hover()
    expect(page.locator("#ph-tip")).to_contain_text("已填写：岚川")


def test_offline_build_from_file_url(page, offline_site):
    district = (offline_site / "speeches" / f"{DISTRICT}.html").as_uri()
    page.goto(district)
    assert page.evaluate("location.protocol") == "file:"
    expect(page.locator("[data-fill-open]")).to_be_visible()
    fill(page, "本地", "岚川")
    page.reload()
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")
    set_indent(page, False)
    section = VARIANTS[DISTRICT].sections[1]
    text = copy_and_read(page, section_button(page, "part-1"))
    assert text == expected_text(section.spoken_lines(), {"本地": "岚川"}, False)
    expect_status(page, f"已复制本节（还有 {unfilled(section.spoken_lines(), {'本地': '岚川'})} 处占位符未填写）")
    page.goto((offline_site / "speeches" / f"{CITY}.html").as_uri())
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")
    assert page.console_errors == []


def test_works_without_material(page, site_url):
    """Without Material's bundle there is no document$: the panel still appears, notes still open,
    and the copy still leaves the notes out."""
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(url(site_url, DISTRICT))
    assert page.evaluate("typeof window.document$") == "undefined"
    page.locator("#part-2-1 ~ p.speech-text .note-ref").first.click()
    expect(page.locator(".speech .note:visible")).to_contain_text("错误心态")
    page.keyboard.press("Escape")
    expect(page.locator("[data-fill-open]")).to_be_visible()
    fill(page, "被巡察单位", "区审计局")
    set_indent(page, False)
    section = next(s for s in VARIANTS[DISTRICT].all_sections() if s.title.startswith("（一）"))
    text = copy_and_read(page, section_button(page, "part-2-1"))
    assert text == expected_text(section.spoken_lines(), {"被巡察单位": "区审计局"}, False)
    assert page.console_errors == []
