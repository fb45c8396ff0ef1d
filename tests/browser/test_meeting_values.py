"""Heads that agree (issue 22 §5) in headless Chromium: the date is typed once per meeting, the 讲话人
hint names this speech's speaker, a 讲话人 written as the placeholders the other speeches use fills them
too, and the default titles of one meeting's speeches agree. What is expected comes from data
(data/meetings.yml, data/speech_head.yml) through the parsed model, never from the page."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from speech_helpers import CORPUS, STORE, VARIANTS, empty_fields, fill, head_lines, open_panel
from speechkit.reading import speech_head

CHAIR, PLEDGE, LEADER = "district-entry-chair", "district-entry-pledge", "district-entry-mobilization"
TEAM_LEADER = "district-entry-team-leader"
OTHER_MEETING = "district-feedback-chair"


def url(site_url: str, slug: str) -> str:
    return f"{site_url}/speeches/{slug}/"


def stored(page) -> dict:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", STORE) or "null")


def head(slug: str, name: str):
    return next(line for line in speech_head(VARIANTS[slug], CORPUS.registry) if line.name == name)


def test_the_date_is_typed_once_per_meeting(page, site_url):
    assert VARIANTS[CHAIR].meta["meeting"] == VARIANTS[PLEDGE].meta["meeting"] != VARIANTS[OTHER_MEETING].meta["meeting"]
    page.goto(url(site_url, CHAIR))
    fill(page, "日期", "2026年4月20日")
    meeting = CORPUS.registry.meetings[VARIANTS[CHAIR].meta["meeting"]].slug
    assert stored(page)["byMeeting"] == {meeting: {"日期": "2026年4月20日"}}
    page.goto(url(site_url, PLEDGE))  # the same meeting: already there, in the page and in the dock
    expect(page.locator('.speech-head .ph[data-ph="日期"]')).to_have_text("2026年4月20日")
    open_panel(page)
    expect(page.locator('.fill-dock__item[data-fill-goto="日期"]')).to_contain_text("2026年4月20日")
    page.goto(url(site_url, OTHER_MEETING))  # another meeting has its own date
    expect(page.locator('.speech-head .ph[data-ph="日期"]')).to_have_text("【日期】")
    assert page.console_errors == []


def test_a_date_kept_per_template_before_moves_to_its_meeting(page, site_url):
    """A v2 store kept 日期 per template: the first page of that template hands it to its meeting."""
    page.goto(url(site_url, CHAIR))
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, json.dumps(
        {"v": 2, "shared": {}, "byTemplate": {CHAIR: {"日期": "2026年3月2日", "讲话人": "刘晓燕"}}, "indent": True}, ensure_ascii=False)])
    page.reload()
    expect(page.locator('.speech-head .ph[data-ph="日期"]')).to_have_text("2026年3月2日")
    fill(page, "巡察组", "区委第二巡察组")  # any change saves
    assert stored(page)["byMeeting"]["entry"] == {"日期": "2026年3月2日"} and stored(page)["byTemplate"][CHAIR] == {"讲话人": "刘晓燕"}
    page.goto(url(site_url, PLEDGE))
    expect(page.locator('.speech-head .ph[data-ph="日期"]')).to_have_text("2026年3月2日")


def test_the_speaker_hint_names_this_speaker(page, site_url):
    page.goto(url(site_url, PLEDGE))
    line = page.locator('.speech-head [data-head="讲话人"]')
    example = head(PLEDGE, "讲话人").example
    assert example.endswith("党组书记　林海峰") and "区委副书记" not in example
    expect(line).to_have_attribute("data-ph-example", example)
    page.locator('.speech-head [data-head="讲话人"] .ph').first.hover()
    expect(page.locator("#ph-tip")).to_be_visible()
    # the leader's speech keeps the leader's example
    assert head(LEADER, "讲话人").example.endswith("郑文涛") and head(LEADER, "讲话人").example != example
    assert page.console_errors == []


def test_a_speaker_entered_once_is_not_asked_again(page, site_url):
    """On the leader's speech the 讲话人 line is 【党委领导职务】　【党委领导姓名】 (data/meetings.yml):
    entered there, the chair's and the pledge's mentions of this person are filled too."""
    assert head(LEADER, "讲话人").default == "【党委领导职务】　【党委领导姓名】"
    page.goto(url(site_url, LEADER))
    line = page.locator('.speech-head [data-head="讲话人"]')
    assert [line.locator(".ph").nth(i).get_attribute("data-ph") for i in range(2)] == ["党委领导职务", "党委领导姓名"]
    assert {"党委领导职务", "党委领导姓名"} <= set(empty_fields(LEADER)) and "讲话人" not in empty_fields(LEADER)
    line.locator('.ph[data-ph="党委领导职务"]').click()  # in the head, where a drafter starts
    page.keyboard.type("区委常委、区纪委书记、区监委主任")
    page.keyboard.press("Enter")  # the next empty field is the name, right after it
    assert page.evaluate("document.activeElement.dataset.phInput") == "党委领导姓名"
    page.keyboard.type("郑文涛")
    page.keyboard.press("Enter")
    expect(line).to_have_text("区委常委、区纪委书记、区监委主任　郑文涛")
    for slug in (PLEDGE, CHAIR):
        page.goto(url(site_url, slug))
        expect(page.locator('.speech .ph[data-ph="党委领导姓名"]').first).to_have_text("郑文涛")
        open_panel(page)
        assert page.locator('.fill-dock__item.is-empty[data-fill-goto="党委领导姓名"]').count() == 0
    assert page.console_errors == []


def test_the_default_titles_of_one_meeting_agree(page, site_url):
    values = {"巡察组": "区委第二巡察组", "被巡察党组织": "岚川区审计局党组"}
    page.goto(url(site_url, PLEDGE))
    fill(page, "巡察组", values["巡察组"])
    fill(page, "被巡察党组织", values["被巡察党组织"])
    titles = {}
    for slug in (CHAIR, PLEDGE, LEADER, TEAM_LEADER):
        page.goto(url(site_url, slug))
        titles[slug] = page.locator('.speech-head [data-head="讲话标题"]').inner_text()
        assert titles[slug] == head_lines(slug, values)[0]
    meeting = "区委第二巡察组进驻岚川区审计局党组巡察动员会"
    assert all(meeting in title for title in titles.values()), titles
    assert page.console_errors == []
