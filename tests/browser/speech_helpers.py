"""Helpers for the browser tests of our scripts (overrides/assets/javascripts/): the expected text
comes from the parsed model (scripts/speechkit), not from the page, so a copy that drops or adds
anything fails."""
from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from speechkit.base import LEVEL_DEFAULT, PLACEHOLDER, SALUTATION, at_level
from speechkit.checking import load_corpus
from speechkit.reading import speech_head

ROOT = Path(__file__).resolve().parents[2]
CORPUS = load_corpus(ROOT / "docs" / "speeches", ROOT / "data")
VARIANTS = {v.slug: v for v in CORPUS.variants}
INDENT = "\u3000\u3000"
SENTINEL = "<<clipboard not written>>"
STORE = "xuncha-speech-fill"


def head_lines(slug: str, values: dict[str, str], level: str = LEVEL_DEFAULT) -> list[str]:
    """The speech's head as the page shows it, values filled in: a line of one's own (a title, a 讲话人
    whose default is placeholders) replaces the default; {区} read at `level`."""
    out = []
    for line in speech_head(VARIANTS[slug], CORPUS.registry):
        own = values.get(line.name, "").strip() if line.default else ""
        text = line.field.render(own) if own else at_level(line.text, level)
        out.append(PLACEHOLDER.sub(lambda m: values.get(m.group(1), "").strip() or m.group(0), text))
    return out


def field_names(slug: str) -> list[str]:
    """What the fill-in dock lists, in its order: the head, then each placeholder where it first occurs."""
    names = [line.name for line in speech_head(VARIANTS[slug], CORPUS.registry)]
    for line in head_lines(slug, {}) + VARIANTS[slug].spoken_lines():
        for name in PLACEHOLDER.findall(line):
            if name not in names:
                names.append(name)
    return names


def empty_fields(slug: str) -> list[str]:
    """The fields a new user has to fill: every one but a head line with a default."""
    defaults = {line.name for line in speech_head(VARIANTS[slug], CORPUS.registry) if line.default}
    return [n for n in field_names(slug) if n not in defaults]


def expected_text(lines: list[str], values: dict[str, str], indent: bool, head: list[str] = ()) -> str:
    """The clean text of spoken lines: filled values in, 【名称】 kept where unfilled.
    With indent, every line but the head and the salutation (同志们：) starts with two U+3000."""
    out = []
    for number, line in enumerate([*head, *lines]):
        line = PLACEHOLDER.sub(lambda m: values.get(m.group(1), "").strip() or m.group(0), line)
        salutation = SALUTATION.match(line) is not None
        out.append(INDENT + line if indent and not salutation and number >= len(head) else line)
    return "\n".join(out)


def unfilled(lines: list[str], values: dict[str, str]) -> int:
    return sum(1 for line in lines for name in PLACEHOLDER.findall(line) if not values.get(name, "").strip())


def open_panel(page: Page) -> None:
    """Open the dock and its list (清单), as a user would by clicking."""
    if page.locator(".fill-dock.is-collapsed").count():
        page.locator("[data-fill-open]").click()
    if page.locator(".fill-dock__panel").is_hidden():
        page.locator("[data-fill-toggle]").click()
    expect(page.locator(".fill-dock__panel")).to_be_visible()


def close_dock(page: Page) -> None:
    if not page.locator(".fill-dock.is-collapsed").count():
        page.locator("[data-fill-close]").click()
    expect(page.locator(".fill-dock")).to_have_class(re.compile(r"\bis-collapsed\b"))


def fill(page: Page, name: str, value: str) -> None:
    """Choose `name` in the dock's list, type the value, and put the dock away."""
    open_panel(page)
    page.locator(f'.fill-dock [data-fill-goto="{name}"]').click()
    field = page.locator("[data-fill-input]")
    assert field.get_attribute("data-ph-input") == name
    field.fill(value)
    field.press("End")  # Material's search listens for keyup; make sure nothing reacts to it
    close_dock(page)


def set_indent(page: Page, on: bool) -> None:
    open_panel(page)
    box = page.locator("[data-speech-indent]")
    if box.is_checked() != on:
        box.click()
    assert box.is_checked() == on
    close_dock(page)


def copy_and_read(page: Page, button) -> str:
    """Click a copy button and return what it put on the clipboard (as text/plain)."""
    page.evaluate("t => navigator.clipboard.writeText(t)", SENTINEL)
    button.click()
    return read_clipboard(page)


def read_clipboard(page: Page, timeout: float = 5.0) -> str:
    """The clipboard text, once it is no longer the sentinel that copy_and_read put there."""
    deadline = time.monotonic() + timeout
    while True:
        text = page.evaluate("navigator.clipboard.readText()")
        if text != SENTINEL or time.monotonic() > deadline:
            return text
        page.wait_for_timeout(50)


def read_clipboard_html(page: Page) -> str:
    return page.evaluate(
        """async () => {
            for (const item of await navigator.clipboard.read())
                if (item.types.includes('text/html')) return await (await item.getType('text/html')).text();
            return '';
        }"""
    )


def status(page: Page):
    return page.locator("#speech-status")


def expect_status(page: Page, text: str) -> None:
    expect(status(page)).to_have_text(text)
