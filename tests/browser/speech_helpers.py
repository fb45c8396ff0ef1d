"""Helpers for the browser tests of speech.js: the expected text comes from the parsed model
(scripts/speechkit), not from the page, so a copy that drops or adds anything fails."""
from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from speechkit.corpus import load_corpus
from speechkit.text import PLACEHOLDER

ROOT = Path(__file__).resolve().parents[2]
CORPUS = load_corpus(ROOT / "docs" / "speeches", ROOT / "data")
VARIANTS = {v.slug: v for v in CORPUS.variants}
INDENT = "\u3000\u3000"
SENTINEL = "<<clipboard not written>>"
STORE = "xuncha-speech-fill"


def expected_text(lines: list[str], values: dict[str, str], indent: bool) -> str:
    """The clean text of spoken lines: filled values in, 【名称】 kept where unfilled.
    With indent, every line but the salutation (同志们：) starts with two U+3000."""
    out = []
    for line in lines:
        line = PLACEHOLDER.sub(lambda m: values.get(m.group(1), "").strip() or m.group(0), line)
        salutation = re.fullmatch(r"[^，。；！？：]{1,16}：", line) is not None
        out.append(INDENT + line if indent and not salutation else line)
    return "\n".join(out)


def unfilled(lines: list[str], values: dict[str, str]) -> int:
    return sum(1 for line in lines for name in PLACEHOLDER.findall(line) if not values.get(name, "").strip())


def set_indent(page: Page, on: bool) -> None:
    box = page.locator("[data-speech-indent]")
    if box.is_checked() != on:
        box.click()
    assert box.is_checked() == on


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
