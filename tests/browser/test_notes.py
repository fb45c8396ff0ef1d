"""Annotation notes (render.py markup + overrides/assets/javascripts/notes.js) in headless Chromium:
closed until asked for, open by mouse and keyboard, announce their state, and stay out of copies."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from speech_helpers import VARIANTS
from speechkit.outputs import section_anchor

DISTRICT = "district-entry-mobilization"
NO_POPOVER = """
delete HTMLElement.prototype.popover;
document.addEventListener('DOMContentLoaded', () => {
  for (const n of document.querySelectorAll('[popover]')) n.removeAttribute('popover');
  for (const b of document.querySelectorAll('[popovertarget]')) b.setAttribute('popovertarget', b.getAttribute('popovertarget'));
});
"""


def notes_in(variant) -> list:
    return [note for section in variant.all_sections() for block in section.blocks for note in block.notes]


def check_opens_under_its_marker(page, ref) -> None:
    note = page.locator(f"#{ref.get_attribute('popovertarget')}")
    expect(ref).to_have_attribute("aria-expanded", "true")
    expect(note).to_be_visible()
    r, n = ref.bounding_box(), note.bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    assert n["y"] >= r["y"] + r["height"] - 1 and n["y"] - (r["y"] + r["height"]) < 20, (r, n)
    assert 0 <= n["x"] and n["x"] + n["width"] <= width


@pytest.mark.parametrize("slug", sorted(VARIANTS))
def test_every_note_is_closed_then_opens_under_its_marker(page, site_url, slug):
    page.goto(f"{site_url}/speeches/{slug}/")
    refs = page.locator(".speech .note-ref")
    assert refs.count() == len(notes_in(VARIANTS[slug])) > 0
    assert page.locator(".speech .note:visible").count() == 0
    for i in (0, refs.count() - 1):
        ref = refs.nth(i)
        ref.scroll_into_view_if_needed()
        ref.click()
        check_opens_under_its_marker(page, ref)
        assert page.locator(".speech .note:visible").count() == 1
        page.mouse.click(5, 300)  # light dismiss
        expect(page.locator(".speech .note:visible")).to_have_count(0)
        expect(ref).to_have_attribute("aria-expanded", "false")
    assert page.console_errors == []


def first_annotated(variant):
    """(section anchor, index of the paragraph in its section, the paragraph) of the first paragraph with a note."""
    for section in variant.all_sections():
        for i, block in enumerate(section.blocks):
            if block.notes:
                return section_anchor(variant, section), i, block


def test_keyboard_and_screen_reader(page, site_url):
    anchor, i, block = first_annotated(VARIANTS[DISTRICT])
    page.goto(f"{site_url}/speeches/{DISTRICT}/")
    ref = page.locator(f"#{anchor} ~ p.speech-text").nth(i).locator(".note-ref").first
    assert ref.evaluate("e => e.tagName") == "BUTTON"
    assert ref.get_attribute("aria-label") in ("注 1", "提法 1", "可删 1")
    assert ref.get_attribute("aria-controls") == ref.get_attribute("popovertarget")
    ref.focus()
    page.keyboard.press("Enter")
    check_opens_under_its_marker(page, ref)
    note = page.locator(f"#{ref.get_attribute('popovertarget')}")
    expect(note).to_contain_text(min(block.notes, key=lambda n: block.text.find(n.anchor) if n.anchor in block.text else len(block.text)).text[:12])
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(ref).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(note).to_be_visible()


def test_fallback_without_popover(page, site_url):
    """Browsers without the popover attribute: notes.js opens and closes the notes itself."""
    page.add_init_script(NO_POPOVER)
    page.goto(f"{site_url}/speeches/{DISTRICT}/")
    assert page.evaluate("'popover' in HTMLElement.prototype") is False
    assert page.locator("[popover]").count() == 0
    refs = page.locator("#part-2-2 ~ p.speech-text .note-ref")
    assert page.locator(".speech .note:visible").count() == 0
    refs.first.click()
    check_opens_under_its_marker(page, refs.first)
    refs.last.click()  # one note at a time
    check_opens_under_its_marker(page, refs.last)
    expect(page.locator(".speech .note:visible")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(".speech .note:visible")).to_have_count(0)
    expect(refs.last).to_be_focused()
    assert page.console_errors == []


def test_selected_text_copies_without_markers(page, site_url):
    """A writer who selects a paragraph by hand and presses Ctrl+C gets the paragraph, no marker digits."""
    anchor, i, block = first_annotated(VARIANTS[DISTRICT])
    page.goto(f"{site_url}/speeches/{DISTRICT}/")
    paragraph = page.locator(f"#{anchor} ~ p.speech-text").nth(i)
    assert paragraph.locator(".note-ref").count() == len(block.notes)
    selected = paragraph.evaluate(
        """p => { const r = document.createRange(); r.selectNodeContents(p);
                  const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }"""
    )
    assert selected.strip() == block.text
