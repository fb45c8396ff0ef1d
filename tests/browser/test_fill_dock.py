"""The fill-in dock (fill-dock.js, fill-transfer.js) in headless Chromium: filling where you are, keyboard-only in one action
per name plus one, the list of what is still empty, undo for 清空, export and import, and values kept
shared across templates or per template as data/placeholders.yml and data/speech_head.yml say."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from speech_helpers import (
    STORE, VARIANTS, close_dock, copy_and_read, empty_fields, expect_status, field_names, fill, head_lines, open_panel,
)

DISTRICT = "district-entry-mobilization"
CITY = "city-special-linkage"


def url(site_url: str, slug: str) -> str:
    return f"{site_url}/speeches/{slug}/"


def stored(page) -> dict:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", STORE) or "null")


def focused_field(page) -> str | None:
    return page.evaluate("document.activeElement.matches('[data-fill-input]') ? document.activeElement.dataset.phInput : null")


def test_keyboard_only_fill_of_a_whole_template(page, site_url):
    """From the top of the page: Tab to Material's skip link, Enter, two Tabs to the dock, Enter to start;
    then each empty name takes its value and one Enter."""
    page.goto(url(site_url, DISTRICT))
    # ready: our parts set up (the dock's button is there) and Material's deferred bundle running
    # (it handles the skip link's jump); under load either can come after the load event
    expect(page.locator("[data-fill-open]")).to_be_visible()
    page.wait_for_function("typeof window.document$ !== 'undefined'")
    page.evaluate("document.fonts.ready.then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))")
    speech_top = page.evaluate("document.querySelector('.speech').getBoundingClientRect().top + scrollY")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.md-skip')")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash !== ''")  # Material handles the jump in the next frames
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    for _ in range(2):  # the title's permalink, then the dock
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-fill-open]')"), "the dock follows the title in keyboard order"
    actions = 0
    page.keyboard.press("Enter")
    actions += 1
    values = {}
    for number, name in enumerate(empty_fields(DISTRICT)):
        assert focused_field(page) == name, f"expected the dock on {name} next, not on {page.evaluate('document.activeElement.outerHTML.slice(0, 120)')}"
        values[name] = f"值{number}"
        page.keyboard.type(values[name])
        page.keyboard.press("Enter")
        actions += 1
    assert actions <= len(empty_fields(DISTRICT)) + 1
    expect_status(page, f"本页 {len(field_names(DISTRICT))} 项都已填写：可以复制全文，或下载已填写的 Word")
    assert page.locator(".speech .speech-text .ph:not(.ph--filled)").count() == 0
    expect(page.locator("[data-fill-toggle]")).to_have_text("清单")
    # the dock is fixed: opening it and filling moved nothing in the speech
    assert page.evaluate("document.querySelector('.speech').getBoundingClientRect().top + scrollY") == speech_top
    page.keyboard.press("Escape")
    expect(page.locator(".fill-dock")).to_have_class("fill-dock is-collapsed")
    text = copy_and_read(page, page.locator(".speech-tools .speech-copy"))
    assert "【" not in text and text.split("\n")[:3] == head_lines(DISTRICT, values)
    assert page.console_errors == []


def test_clicking_a_placeholder_fills_it_where_you_are(page, site_url):
    page.goto(url(site_url, DISTRICT))
    slot = page.locator(".speech .speech-text .ph").last  # the last placeholder of the speech
    name = slot.get_attribute("data-ph")
    slot.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    assert before > 2000  # far down the page, where the old panel was screens away
    slot.click()
    assert page.evaluate("scrollY") == before, "the page must not jump"
    assert focused_field(page) == name
    expect(page.locator(".fill-dock__label")).to_have_text(f"【{name}】")
    expect(slot).to_have_class("ph is-current")
    box = page.locator(".fill-dock").bounding_box()
    assert box["height"] < 150 and box["y"] + box["height"] <= page.viewport_size["height"] + 1
    page.keyboard.type("岚川区第1001号")
    expect(slot).to_have_text("岚川区第1001号")
    page.keyboard.press("Escape")  # back to the text, where you were
    assert page.evaluate("document.activeElement.dataset.ph") == name
    assert page.evaluate("scrollY") == before
    assert page.console_errors == []


def test_phone_dock_is_small(browser, site_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url(site_url, DISTRICT))
    page.locator('.speech .ph[data-ph="巡察组"]').last.tap()
    box = page.locator(".fill-dock").bounding_box()
    assert box["height"] < 0.3 * 844, f"dock takes {box['height']} px of a phone screen"
    context.close()


def test_next_previous_and_the_list_of_empty_names(page, site_url):
    page.goto(url(site_url, DISTRICT))
    empty = empty_fields(DISTRICT)
    page.locator("[data-fill-open]").click()
    assert focused_field(page) == empty[0]
    page.locator("[data-fill-next]").click()
    assert focused_field(page) == empty[1]
    page.locator("[data-fill-prev]").click()
    assert focused_field(page) == empty[0]
    page.keyboard.press("Shift+Enter")  # back once more: the 讲话人, which has a default (data/meetings.yml)
    assert focused_field(page) == "讲话人"
    expect(page.locator("[data-fill-input]")).to_have_attribute("placeholder", "默认：" + head_lines(DISTRICT, {})[1])
    page.keyboard.press("Shift+Enter")  # and the title, which has one too
    assert focused_field(page) == "讲话标题"
    expect(page.locator("[data-fill-input]")).to_have_attribute("placeholder", "默认：" + head_lines(DISTRICT, {})[0])

    fill(page, "本地", "岚川")
    open_panel(page)
    expect(page.locator("[data-fill-toggle]")).to_have_text(f"未填 {len(empty) - 1} 项")
    listed = page.locator(".fill-dock__item.is-empty")
    assert [listed.nth(i).get_attribute("data-fill-goto") for i in range(listed.count())] == [n for n in empty if n != "本地"]
    expect(page.locator('.fill-dock__item[data-fill-goto="本地"]')).to_contain_text("岚川")
    # jumping from the list brings the first place of that name into view
    page.locator(f'.fill-dock__item[data-fill-goto="{empty[-1]}"]').click()
    expect(page.locator(".fill-dock__panel")).to_be_hidden()
    assert focused_field(page) == empty[-1]
    slot = page.locator(f'.speech .ph[data-ph="{empty[-1]}"]').first
    assert page.evaluate("""e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }""", slot.element_handle())
    assert page.console_errors == []


def test_clear_takes_this_templates_own_values_and_its_undo_outlives_the_page(page, site_url):
    """Issue 22 §6: 清空本页填写 clears the head and 本模板 values of this template only; shared and
    meeting values go only with 连同共用的内容; 撤销 stays until the next 清空, also after leaving the page."""
    page.goto(url(site_url, CITY))
    fill(page, "讲话人", "李明")  # the other template's head must survive a clear here
    page.goto(url(site_url, DISTRICT))
    fill(page, "本地", "岚川")  # shared by all templates
    fill(page, "讲话人", "王志远")  # this template's own
    fill(page, "日期", "2026年3月2日")  # shared by this meeting's speeches
    before = stored(page)
    speaker = page.locator('.speech-head [data-head="讲话人"]')
    open_panel(page)
    page.locator("[data-fill-clear]").click()
    expect(speaker).to_have_text(head_lines(DISTRICT, {"本地": "岚川"})[1])  # its default back
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")
    expect(page.locator('.speech .ph[data-ph="日期"]')).to_have_text("2026年3月2日")
    expect_status(page, "已清空本页的 1 项填写（共用的内容保留）；可以撤销")
    after = stored(page)
    assert after["shared"] == {"本地": "岚川"} and after["byMeeting"] == {"entry": {"日期": "2026年3月2日"}}
    assert after["byTemplate"][CITY] == {"讲话人": "李明"} and not after["byTemplate"][DISTRICT]
    undo = page.locator("[data-fill-undo]")
    expect(undo).to_be_focused()
    expect(undo).to_have_text("撤销清空")
    fill(page, "本地", "青岚")  # typing does not take the undo away
    page.goto(url(site_url, CITY))  # nor does leaving the page
    page.goto(url(site_url, DISTRICT))
    open_panel(page)
    expect(undo).to_have_text("撤销清空")
    undo.click()
    expect(speaker).to_have_text("王志远")
    expect_status(page, "已撤销，填写内容已恢复")
    assert stored(page) == {**before, "shared": {"本地": "青岚"}}  # the value typed since stays
    expect(undo).to_be_hidden()

    # with 连同共用的内容 the shared and meeting values go too, on every template
    page.locator("[data-fill-clear-shared]").check()
    page.locator("[data-fill-clear]").click()
    expect_status(page, "已清空本页的 3 项填写（共用的内容在其他模板中也一并清空）；可以撤销")
    assert stored(page)["shared"] == {} and stored(page)["byMeeting"] == {"entry": {}}
    page.goto(url(site_url, CITY))
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("【本地】")
    open_panel(page)
    expect(page.locator("[data-fill-undo]")).to_be_hidden()  # the undo belongs to the page that was cleared
    page.locator("[data-fill-clear]").click()  # a 清空 here replaces it
    page.goto(url(site_url, DISTRICT))
    open_panel(page)
    expect(page.locator("[data-fill-undo]")).to_be_hidden()
    assert page.console_errors == []


def test_shared_names_carry_over_the_date_stays_with_its_meeting_and_the_head_with_its_template(page, site_url):
    page.goto(url(site_url, DISTRICT))
    fill(page, "本地", "岚川")
    fill(page, "讲话人", "王志远")
    fill(page, "日期", "2026年3月2日")
    assert stored(page) == {"v": 3, "shared": {"本地": "岚川"}, "byTemplate": {DISTRICT: {"讲话人": "王志远"}},
                            "byMeeting": {"entry": {"日期": "2026年3月2日"}}, "indent": True}
    page.goto(url(site_url, CITY))  # another meeting
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")
    expect(page.locator('.speech-head [data-head="讲话人"]')).to_have_text(head_lines(CITY, {"本地": "岚川"})[1])
    expect(page.locator('.speech .ph[data-ph="日期"]')).to_have_text("【日期】")


def test_version_1_values_are_migrated_not_lost(page, site_url):
    page.goto(url(site_url, DISTRICT))
    page.evaluate("k => localStorage.setItem(k, JSON.stringify({v: 1, values: {本地: '岚川', 巡察组: '区委第二巡察组'}, indent: false}))", STORE)
    page.reload()
    expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")
    expect(page.locator('.speech-head .ph[data-ph="巡察组"]')).to_have_text("区委第二巡察组")  # in the default title too
    fill(page, "讲话人", "王志远")
    assert stored(page) == {"v": 3, "shared": {"本地": "岚川", "巡察组": "区委第二巡察组"}, "byTemplate": {DISTRICT: {"讲话人": "王志远"}},
                            "byMeeting": {}, "indent": False}


def test_export_and_import_move_values_to_another_computer(page, site_url, browser, tmp_path):
    page.goto(url(site_url, DISTRICT))
    fill(page, "本地", "岚川")
    fill(page, "讲话人", "王志远")
    open_panel(page)
    with page.expect_download() as got:
        page.locator("[data-fill-export]").click()
    download = got.value
    assert download.suggested_filename.startswith("巡察讲话填写内容-") and download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "xuncha-speech-fill" and data["v"] == 3
    assert data["shared"] == {"本地": "岚川"} and data["byTemplate"] == {DISTRICT: {"讲话人": "王志远"}} and data["byMeeting"] == {}

    other = browser.new_context(locale="zh-CN")  # another computer: nothing stored
    fresh = other.new_page()
    fresh.goto(url(site_url, CITY))
    fresh.evaluate("k => localStorage.setItem(k, JSON.stringify({v: 2, shared: {本地: '旧值', 巡察轮次: '第三轮'}, byTemplate: {}, indent: true}))", STORE)
    fresh.reload()
    open_panel(fresh)
    fresh.locator("[data-fill-file]").set_input_files(str(saved))
    expect(fresh.locator("#speech-status")).to_have_text("已导入 2 项填写内容；可以撤销")
    expect(fresh.locator('.speech .ph[data-ph="本地"]').first).to_have_text("岚川")  # the file wins
    expect(fresh.locator('.speech .ph[data-ph="巡察轮次"]').first).to_have_text("第三轮")  # the rest stays
    fresh.goto(url(site_url, DISTRICT))
    expect(fresh.locator('.speech-head [data-head="讲话人"]')).to_have_text("王志远")
    other.close()


def test_import_refuses_bad_files_with_a_chinese_reason(page, site_url, tmp_path):
    page.goto(url(site_url, DISTRICT))
    fill(page, "本地", "岚川")
    before = stored(page)
    cases = {
        "broken.json": ("{not json", "文件内容不是有效的 JSON 格式"),
        "other.json": (json.dumps({"values": {"本地": "x"}}), "这不是本站导出的填写内容（缺少格式标记）"),
        "future.json": (json.dumps({"format": "xuncha-speech-fill", "v": 9}), "文件的版本（9）是本页不认识的"),
        "number.json": (json.dumps({"format": "xuncha-speech-fill", "v": 2, "shared": {"本地": 3}}), "通用的填写内容里“本地”的内容不是文字"),
        "name.json": (json.dumps({"format": "xuncha-speech-fill", "v": 2, "shared": {"<img src=x>": "a"}}), "通用的填写内容里的“<img src=x>”不是有效的名称"),
        "long.json": (json.dumps({"format": "xuncha-speech-fill", "v": 2, "shared": {"本地": "长" * 2001}}), "通用的填写内容里“本地”的内容超过 2000 字"),
        "slug.json": (json.dumps({"format": "xuncha-speech-fill", "v": 2, "byTemplate": {"../x": {}}}), "模板名“../x”不对"),
    }
    open_panel(page)
    for name, (text, reason) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        page.locator("[data-fill-file]").set_input_files(str(path))
        expect(page.locator("#speech-status")).to_contain_text(f"导入失败：文件“{name}”{reason}")
        expect(page.locator("#speech-status")).to_contain_text("改法：选择本站“导出填写内容”保存的 .json 文件")
        assert stored(page) == before
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (1024 * 1024 + 1))
    page.locator("[data-fill-file]").set_input_files(str(big))
    expect(page.locator("#speech-status")).to_contain_text("导入失败：文件“big.json”太大（超过 1 MB）")
    assert page.locator("img[src=x]").count() == 0
    assert page.console_errors == []


def test_title_of_ones_own_replaces_the_default(page, site_url):
    page.goto(url(site_url, DISTRICT))
    fill(page, "巡察组", "区委第二巡察组")
    title = page.locator('.speech-head [data-head="讲话标题"]')
    expect(title).to_have_text(head_lines(DISTRICT, {"巡察组": "区委第二巡察组"})[0])
    page.locator(".speech-head-edit").click()
    assert focused_field(page) == "讲话标题"
    page.keyboard.type("在区审计局巡察动员会上的讲话")
    expect(title).to_have_text("在区审计局巡察动员会上的讲话")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")  # emptied: the default comes back, its placeholders still filled
    expect(title).to_have_text(head_lines(DISTRICT, {"巡察组": "区委第二巡察组"})[0])
    expect(page.locator('.speech-head .ph[data-ph="巡察组"]')).to_have_class("ph ph--filled")
    close_dock(page)
    assert VARIANTS[DISTRICT].meta["speech_title"] == "在【巡察组】进驻【被巡察党组织】巡察动员会上的讲话"


def test_a_placeholder_marked_per_template_stays_with_its_template(project_copy, mkdocs, browser):
    """data/placeholders.yml may mark a name `scope: 本模板`: its value is then kept per template."""
    import functools
    import http.server
    import threading

    registry = project_copy / "data" / "placeholders.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("本地:\n  type: 地名\n", "本地:\n  type: 地名\n  scope: 本模板\n", 1), encoding="utf-8")
    out = project_copy / "site-out"
    result = mkdocs("build", "--strict", "--site-dir", str(out), cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(url(base, DISTRICT))
        assert page.locator('.ph[data-ph="本地"][data-ph-scope="template"]').count() >= 1
        fill(page, "本地", "岚川")
        fill(page, "巡察轮次", "第三轮")
        assert stored(page)["byTemplate"] == {DISTRICT: {"本地": "岚川"}} and stored(page)["shared"] == {"巡察轮次": "第三轮"}
        page.goto(url(base, CITY))
        expect(page.locator('.speech .ph[data-ph="本地"]').first).to_have_text("【本地】")
        expect(page.locator('.speech .ph[data-ph="巡察轮次"]').first).to_have_text("第三轮")
    finally:
        context.close()
        server.shutdown()
