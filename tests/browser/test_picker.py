"""The template picker on the home page (speechkit/outputs/picker.py, assets/javascripts/picker.js), in
headless Chromium: every template can be picked, a choice without a template gets the nearest one with
what to change and a link to ask for it, the keyboard works, and without JavaScript the list remains."""
from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import expect

from speech_helpers import CORPUS

REGISTRY = CORPUS.registry
TEMPLATES = [v for v in CORPUS.variants if not v.is_draft]


def choose(page, **values: str) -> None:
    for name in ("meeting", "speaker", "level", "kind"):
        if name in values:
            select = page.locator(f"form[data-picker] select[name={name}]")
            if name == "kind" and not select.is_visible():
                continue
            select.select_option(label=values[name])


def result(page):
    return page.locator("form[data-picker] output")


@pytest.fixture()
def home(page, site_url):
    page.goto(f"{site_url}/")
    expect(page.locator("form[data-picker]")).to_be_visible()
    return page


def test_every_template_can_be_picked(home):
    for variant in TEMPLATES:
        meta = variant.meta
        choose(home, meeting=meta["meeting"], speaker=meta["speaker"], level=meta["level"], kind=meta["kind"])
        expect(result(home)).to_contain_text("对应的模板")
        expect(result(home).locator("a", has_text=variant.title)).to_have_count(1)
        href = result(home).locator("a", has_text=variant.title).get_attribute("href")
        assert href.rstrip("/").endswith(variant.slug), (variant.slug, href)
    assert home.console_errors == []


def test_first_choice_shown_before_any_choice_is_a_template(home):
    expect(result(home).locator("a")).not_to_have_count(0)
    expect(result(home)).to_contain_text("对应的模板")


def _missing_level() -> tuple[dict, str]:
    """A meeting and speaker that have templates, and a level none of them has."""
    levels = REGISTRY.fields["level"].choices
    by_pair = Counter((v.meta["meeting"], v.meta["speaker"]) for v in TEMPLATES)
    for (meeting, speaker), _ in by_pair.most_common():
        have = {v.meta["level"] for v in TEMPLATES if (v.meta["meeting"], v.meta["speaker"]) == (meeting, speaker)}
        for level in levels:
            if level not in have:
                return {"meeting": meeting, "speaker": speaker, "level": level}, level
    pytest.fail("every meeting and speaker has every level: choose another case")


def test_choice_without_a_template_gets_the_nearest_with_what_to_change(home):
    want, level = _missing_level()
    choose(home, **want)
    out = result(home)
    expect(out).to_contain_text("暂无")
    nearest = [v for v in TEMPLATES if (v.meta["meeting"], v.meta["speaker"]) == (want["meeting"], want["speaker"])]
    expect(out.locator("a").first).to_have_text(min((v.title for v in nearest), key=len))  # the full version before the short one
    expect(out).to_contain_text("改用时：" + CORPUS.picker.levels[level])
    ask = out.locator("a", has_text="提出需求")
    expect(ask).to_have_count(1)
    assert ask.get_attribute("href").endswith("contributing/#new-variant")  # no REPO_URL in this build


def test_speaker_without_any_template_gets_the_meetings_templates(home):
    for meeting in REGISTRY.meetings.values():
        with_templates = {v.meta["speaker"] for v in TEMPLATES if v.meta["meeting"] == meeting.name}
        missing = [slot.speaker for slot in meeting.agenda if slot.speaker and slot.speaker not in with_templates]
        if missing and with_templates:
            choose(home, meeting=meeting.name, speaker=missing[0])
            expect(result(home)).to_contain_text(f"{meeting.name}上{missing[0]}的讲话，暂无模板")
            expect(result(home).locator("li")).to_have_count(sum(v.meta["meeting"] == meeting.name for v in TEMPLATES))
            return
    pytest.fail("every speaker of every agenda has a template: choose another case")


def test_speakers_are_those_of_the_chosen_meeting(home):
    for meeting in REGISTRY.meetings.values():
        choose(home, meeting=meeting.name)
        listed = home.locator("form[data-picker] select[name=speaker] option").all_inner_texts()
        speakers = {slot.speaker for slot in meeting.agenda if slot.speaker} | {v.meta["speaker"] for v in TEMPLATES if v.meta["meeting"] == meeting.name}
        assert set(listed) == speakers and len(listed) == len(speakers), (meeting.name, listed)


def test_kind_is_asked_only_where_the_meetings_templates_differ_in_it(home):
    for meeting in REGISTRY.meetings.values():
        kinds = {v.meta["kind"] for v in TEMPLATES if v.meta["meeting"] == meeting.name}
        choose(home, meeting=meeting.name)
        expect(home.locator("form[data-picker] [data-picker-kind]")).to_be_visible(visible=len(kinds) > 1)


def test_ask_link_fills_in_the_issue_form(home):
    """With REPO_URL set, 提出需求 opens the 新增变体 issue form with the choice filled in."""
    home.locator("a[data-picker-ask]").evaluate(
        "a => a.setAttribute('href', 'https://github.com/example/xuncha/issues/new?template=new-variant.yml&title=%5B%E6%96%B0%E5%A2%9E%E5%8F%98%E4%BD%93%5D+')")
    want, _ = _missing_level()
    choose(home, **want)
    href = result(home).locator("a", has_text="提出需求").get_attribute("href")
    assert href.startswith("https://github.com/example/xuncha/issues/new?")
    from urllib.parse import parse_qs, urlsplit
    fields = parse_qs(urlsplit(href).query)
    assert fields["template"] == ["new-variant.yml"] and fields["meeting"] == [want["meeting"]] and fields["speaker"] == [want["speaker"]]
    assert fields["level"][0].startswith(want["level"])


def test_keyboard_alone_picks_a_template(home):
    meeting = home.locator("form[data-picker] select[name=meeting]")
    meeting.focus()
    before = result(home).inner_text()
    home.keyboard.press("ArrowDown")  # the next meeting
    expect(result(home)).not_to_have_text(before)
    home.keyboard.press("Tab")
    expect(home.locator("form[data-picker] select[name=speaker]")).to_be_focused()
    assert result(home).get_attribute("aria-live") == "polite"


def test_without_javascript_the_list_is_the_picker(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/")
        expect(page.locator("form[data-picker]")).to_be_hidden()
        for variant in TEMPLATES:
            expect(page.locator(f'.md-content a[data-pick][href$="{variant.slug}/"]')).to_be_visible()
        expect(page.locator("a[data-picker-ask]")).to_be_visible()
    finally:
        context.close()


def test_picker_script_loads_only_where_the_picker_is(page, site_url):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(f"{site_url}/guide/")
    page.wait_for_load_state("networkidle")
    assert not any("picker" in url for url in loaded)


@pytest.mark.parametrize("width", [412, 1280])  # a phone (the result's title wraps) and a desktop
def test_nothing_below_the_picker_moves_when_it_shows(page, site_url, width):
    """The form is styled from the first paint (speech.css) and keeps its space while invisible, so the
    list does not jump when picker.js sets it up (it did: CLS 0.16 on the home page, Lighthouse)."""
    page.set_viewport_size({"width": width, "height": 900})
    release = []
    page.route("**/picker.js", lambda route: release.append(route))  # held back: the page as first painted
    page.goto(f"{site_url}/", wait_until="commit")  # DOMContentLoaded waits for the deferred picker.js
    form, heading = page.locator("form[data-picker]"), page.locator(".md-content h3").first
    heading.wait_for(state="attached")
    page.wait_for_function("() => [...document.styleSheets].some(s => (s.href || '').includes('speech.css'))")
    expect(form).to_be_hidden()  # invisible, not yet set up
    before = heading.bounding_box()["y"]
    assert form.bounding_box()["height"] > 50  # its space is kept
    page.wait_for_timeout(200)
    while release:
        release.pop().continue_()
    expect(form).to_be_visible()
    expect(result(page)).not_to_be_empty()
    assert heading.bounding_box()["y"] == pytest.approx(before, abs=12), "the list moved when the picker showed"
